//! Derived indicators: each module turns loaded source records into panel rows, documents its
//! formula, and returns an [`crate::Accounting`] of the inputs it used and skipped.

use crate::iso3;
use crate::panel::country::Iso3;

pub mod aid;
pub mod favourability;
pub mod ideal_points;
pub mod investment;
pub mod opinion;
pub mod people;
pub mod students;
pub mod students_china;
pub mod trade_cow;
pub mod trade_dots;
pub mod votes;

/// The actors of the default panel: the United States, Japan and China first, then the rest of
/// the G7, South Korea, Australia and India. (The EU appears as an aid donor only.)
pub const ACTORS: [Iso3; 11] = [
    iso3!("USA"),
    iso3!("JPN"),
    iso3!("CHN"),
    iso3!("DEU"),
    iso3!("GBR"),
    iso3!("FRA"),
    iso3!("ITA"),
    iso3!("CAN"),
    iso3!("KOR"),
    iso3!("AUS"),
    iso3!("IND"),
];

/// Divide, returning `None` unless both are present and the denominator is positive.
pub(crate) fn ratio(num: Option<f64>, den: Option<f64>) -> Option<f64> {
    match (num, den) {
        (Some(n), Some(d)) if d > 0.0 => Some(n / d),
        _ => None,
    }
}
