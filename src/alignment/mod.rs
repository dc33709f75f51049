//! Where actors align or diverge in a partner: presence-profile alignment, UN General Assembly
//! vote similarity and ideal-point distances, trade dependence and concentration, and shared
//! institutions.

pub mod dependence;
pub mod ideal_points;
pub mod institutions;
pub mod profile;
pub mod voting;
