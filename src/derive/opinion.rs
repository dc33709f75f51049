//! Public-opinion indicator from Pew Global Attitudes (via FiveThirtyEight), 2000–2017.
//!
//! - `us_favourability_pew` = the % of the partner's public with a favourable view of the
//!   United States, as published; actor `USA` only (the source asks about the US only).
//!
//! Kept in the panel for reference: the default presence framework scores
//! `favourability_pew` ([`crate::derive::favourability`]) instead, Pew's harmonised toplines for
//! the United States, Japan and China to 2023, which agree with this series within 1 point in
//! every partner-year the two share.
//!
//! The returned [`Accounting`] counts one candidate row per (partner, year) value.

use crate::error::Result;
use crate::iso3;
use crate::panel::Panel;
use crate::panel::accounting::Accounting;
use crate::sources::CountryYear;

/// Push `us_favourability_pew` (actor `USA`) for every (partner, year) in `pew`.
///
/// # Errors
/// A panel rule broken by a value (duplicate key, non-finite or negative value).
///
/// # Examples
/// ```
/// use linkage::{Concordance, Panel, catalogue, iso3, sources::pew};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let fav = pew::load(&data.join(pew::FILE), &c).unwrap().records;
/// let mut p = Panel::new(catalogue()).unwrap();
/// let acc = linkage::derive::opinion::derive(&fav, &mut p).unwrap();
/// assert_eq!(acc.rows_used(), p.len());
/// // 84 % of Vietnamese viewed the US favourably in 2017.
/// assert_eq!(p.get(iso3!("USA"), iso3!("VNM"), 2017, "us_favourability_pew").map(|v| v as i64), Some(84));
/// ```
pub fn derive(pew: &CountryYear, panel: &mut Panel) -> Result<Accounting> {
    let us = iso3!("USA");
    let mut acc = Accounting::new(
        "opinion indicator (Pew)",
        "Pew favourable view of the US by country and year",
    );
    for (&(partner, year), &v) in pew {
        if partner == us {
            acc.exclude("partner is the United States itself", 1);
            continue;
        }
        panel.push(us, partner, year, "us_favourability_pew", v)?;
        acc.used(1);
    }
    Ok(acc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue;
    use crate::panel::country::Concordance;
    use crate::sources::pew;
    use approx::assert_relative_eq;

    #[test]
    fn hand_checked_fixture() {
        // Two values pass through unchanged under actor USA; a US self-rating would be dropped
        // and counted.
        let (us, vn, jp) = (iso3!("USA"), iso3!("VNM"), iso3!("JPN"));
        let fav = CountryYear::from([((vn, 2017), 84.0), ((jp, 2017), 57.0), ((us, 2017), 90.0)]);
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&fav, &mut p).unwrap();
        assert_relative_eq!(p.get(us, vn, 2017, "us_favourability_pew").unwrap(), 84.0);
        assert_relative_eq!(p.get(us, jp, 2017, "us_favourability_pew").unwrap(), 57.0);
        assert!(p.get(us, us, 2017, "us_favourability_pew").is_none());
        assert_eq!(p.len(), 2);
        assert_eq!((acc.rows_used(), acc.rows_excluded()), (2, 1));
    }

    #[test]
    fn real_data_spot_check() {
        let data = crate::default_data_dir();
        let c = Concordance::load(&data).unwrap();
        let loaded = pew::load(&data.join(pew::FILE), &c).unwrap();
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&loaded.records, &mut p).unwrap();
        assert!(acc.balances());
        assert_eq!(acc.rows_used(), loaded.records.len());
        assert_eq!(p.len(), loaded.records.len());
        assert_eq!(p.len(), 325); // 37 countries, 17 survey years, empty cells left out
        // Line `2017,49.54054054,43,46,35,43,63,61,37,73,31,45,50,41,48,49,48,57,79,75,84,…`:
        // in column order Canada 43, France 46, Germany 35, Greece 43, Hungary 63, Italy 61, Netherlands 37,
        // Poland 73, Spain 31, Sweden 45, UK 50, Russia 41, Australia 48, India 49,
        // Indonesia 48, Japan 57, Philippines 79, South Korea 75, Vietnam 84.
        let us = iso3!("USA");
        assert_relative_eq!(
            p.get(us, iso3!("IND"), 2017, "us_favourability_pew")
                .unwrap(),
            49.0
        );
        assert_relative_eq!(
            p.get(us, iso3!("KOR"), 2017, "us_favourability_pew")
                .unwrap(),
            75.0
        );
        assert_relative_eq!(
            p.get(us, iso3!("PHL"), 2017, "us_favourability_pew")
                .unwrap(),
            79.0
        );
        assert_eq!(p.actors(), vec![us]);
    }
}
