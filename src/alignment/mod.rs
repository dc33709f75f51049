//! Where actors align or diverge in a partner: presence-profile alignment, UN General Assembly
//! vote similarity, trade dependence and concentration, and shared institutions.

pub mod dependence;
pub mod institutions;
pub mod profile;
pub mod voting;
