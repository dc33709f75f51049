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

/// Push `scale × count / population` of the partner as `code` for (actor, partner, year), with
/// the population as its denominator, and count it used; without a positive population count
/// the row excluded for `missing` instead (never a zero). The per-capita rates of the student
/// and visitor indicators.
#[allow(clippy::too_many_arguments)]
pub(crate) fn push_per_capita(
    panel: &mut crate::Panel,
    acc: &mut crate::Accounting,
    (actor, partner, year): (Iso3, Iso3, i32),
    code: &str,
    count: f64,
    scale: f64,
    population: &crate::sources::CountryYear,
    missing: &str,
) -> crate::Result<()> {
    let pop = population.get(&(partner, year)).copied();
    match ratio(Some(count), pop) {
        Some(r) => {
            let method = crate::panel::method::Method::Formula;
            panel.push_derived(actor, partner, year, code, scale * r, method, pop)?;
            acc.used(1);
        }
        None => acc.exclude(missing, 1),
    }
    Ok(())
}

/// Divide, returning `None` unless both are present and the denominator is positive.
pub(crate) fn ratio(num: Option<f64>, den: Option<f64>) -> Option<f64> {
    match (num, den) {
        (Some(n), Some(d)) if d > 0.0 => Some(n / d),
        _ => None,
    }
}
