//! Who the report is about: the case-study partners, in report order, and the actors every
//! country section shows.

use crate::iso3;
use crate::panel::country::Iso3;

/// The four case studies of the CSIS/API study, in report order.
pub const CASE_STUDIES: [Iso3; 4] = [iso3!("MMR"), iso3!("VNM"), iso3!("IND"), iso3!("KOR")];

/// The actors every country section shows.
pub const MAIN_ACTORS: [Iso3; 3] = [iso3!("USA"), iso3!("JPN"), iso3!("CHN")];
