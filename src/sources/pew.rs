//! Pew Research Center Global Attitudes: share of the public with a favourable view of the
//! United States, 2000 and 2002–2017, as compiled by FiveThirtyEight for "What the world thinks
//! of Trump" (file `data/pew_us_favorability/TRUMPWORLD-us.csv`).
//!
//! The file is wide: `year, avg, <country name>, …` with one column per surveyed country
//! (English names such as `UK`, `South Korea`, `Vietnam`) holding the % favourable; an empty
//! cell means the country was not surveyed that year. Column names are turned into ISO3 codes
//! with [`Concordance::from_name`] (the shipped `country_converter` name patterns). `avg` is
//! FiveThirtyEight's mean over the country columns of that year, not a country: it is skipped
//! and counted.
//!
//! The [`Accounting`] of this wide file counts **cells** (year × value column), not lines: rows
//! in = lines × (value columns, `avg` included).

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::io::table::Table;
use crate::panel::accounting::Accounting;
use crate::panel::country::Concordance;
use crate::sources::{CountryYear, Loaded, MAX_YEAR, MIN_YEAR};

/// The file, relative to the data directory.
///
/// # Examples
/// ```
/// use linkage::sources::pew;
/// assert!(linkage::default_data_dir().join(pew::FILE).exists());
/// ```
pub const FILE: &str = "pew_us_favorability/TRUMPWORLD-us.csv";

/// The column of FiveThirtyEight's cross-country mean.
const AVG: &str = "avg";

/// Read the % favourable view of the US by (surveyed country, year).
///
/// # Errors
/// Missing `year` column; a column name that is not exactly one country in the concordance
/// ([`Error::UnknownCountry`] naming the column, no row); two columns naming the same country
/// ([`Error::Invalid`] naming the second); an unparseable year or value; a value outside
/// 0–100 ([`Error::Invalid`]).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::pew};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let p = pew::load(&data.join(pew::FILE), &c).unwrap();
/// // Vietnam, 2017: 84 % favourable.
/// assert_eq!(p.records.get(&(iso3!("VNM"), 2017)).map(|v| *v as i64), Some(84));
/// assert!(p.accounting.balances());
/// ```
pub fn load(path: &Path, conc: &Concordance) -> Result<Loaded<CountryYear>> {
    let t = Table::read(path)?;
    let year = t.column("year")?;
    let mut acc = Accounting::new("pew us favourability", path.display().to_string());
    let mut countries = Vec::new();
    let mut seen = HashMap::new();
    for (k, name) in t.columns().into_iter().enumerate() {
        if name == "year" {
            continue;
        }
        if name == AVG {
            acc.exclude(
                "`avg` column: FiveThirtyEight's cross-country mean, not a country",
                t.height(),
            );
            continue;
        }
        let code = conc.from_name(&name).ok_or_else(|| Error::UnknownCountry {
            at: Location::field(path, name.clone()),
            code: name.clone(),
        })?;
        if let Some(first) = seen.insert(code, k) {
            return Err(Error::Invalid {
                at: Location::field(path, name.clone()),
                reason: format!("columns {first} and {k} both name {code}"),
            });
        }
        countries.push((code, name));
    }
    let mut out = CountryYear::new();
    let mut years = HashMap::new();
    for i in 0..t.height() {
        let y = year.year(i, MIN_YEAR, MAX_YEAR)?;
        if let Some(first) = years.insert(y, i + 1) {
            return Err(Error::DuplicateKey {
                at: Location::row(path, i + 1),
                first_row: first,
                key: format!("year {y}"),
            });
        }
    }
    for (code, name) in &countries {
        let cells = t.column(name)?;
        for i in 0..t.height() {
            let y = year.year(i, MIN_YEAR, MAX_YEAR)?;
            let Some(v) = cells.f64(i)? else {
                acc.exclude("value missing (country not surveyed that year)", 1);
                continue;
            };
            if !(0.0..=100.0).contains(&v) {
                return Err(cells.invalid(i, format!("{v} is not a percentage in 0-100")));
            }
            out.insert((*code, y), v);
            acc.used(1);
        }
    }
    Ok(Loaded {
        records: out,
        accounting: acc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iso3;
    use approx::assert_relative_eq;

    fn setup() -> (std::path::PathBuf, Concordance) {
        crate::testutil::setup(FILE)
    }

    use crate::testutil::temp_file;

    #[test]
    fn real_file_spot_values_and_accounts() {
        let (path, c) = setup();
        let l = load(&path, &c).unwrap();
        let acc = &l.accounting;
        assert!(acc.balances());
        // 17 lines × 38 value columns (avg + 37 countries) = 646 cells.
        assert_eq!(acc.rows_in(), 17 * 38);
        assert_eq!(
            acc.exclusions()["`avg` column: FiveThirtyEight's cross-country mean, not a country"],
            17
        );
        assert_eq!(acc.rows_used(), l.records.len());
        let r = &l.records;
        // Line `2015,65.32258065,68,73,50,,,83,,74,65,,65,15,63,70,62,68,92,84,78,81,14,…`:
        // Canada 68, UK 65, Russia 15, India 70, Japan 68, Philippines 92, South Korea 84,
        // Vietnam 78.
        assert_relative_eq!(r[&(iso3!("CAN"), 2015)], 68.0);
        assert_relative_eq!(r[&(iso3!("GBR"), 2015)], 65.0);
        assert_relative_eq!(r[&(iso3!("RUS"), 2015)], 15.0);
        assert_relative_eq!(r[&(iso3!("IND"), 2015)], 70.0);
        assert_relative_eq!(r[&(iso3!("JPN"), 2015)], 68.0);
        assert_relative_eq!(r[&(iso3!("PHL"), 2015)], 92.0);
        assert_relative_eq!(r[&(iso3!("KOR"), 2015)], 84.0);
        assert_relative_eq!(r[&(iso3!("VNM"), 2015)], 78.0);
        // Line `2003,44.69230769,63,42,45,…,78,1,27,,15,…`: Jordan 1 %.
        assert_relative_eq!(r[&(iso3!("JOR"), 2003)], 1.0);
        // Vietnam was first surveyed in 2014 (empty before): missing stays missing.
        assert!(!r.contains_key(&(iso3!("VNM"), 2013)));
        // 37 distinct countries.
        let mut codes: Vec<_> = r.keys().map(|k| k.0).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 37);
        assert!(!codes.contains(&iso3!("USA")));
    }

    #[test]
    fn value_above_100_is_invalid() {
        let (_, c) = setup();
        let p = temp_file("150.csv", "year,avg,Japan,Vietnam\n2015,75,68,150\n");
        let e = load(&p, &c).unwrap_err();
        assert!(
            matches!(e, Error::Invalid { ref at, .. } if at.is_cell(1, "Vietnam")),
            "{e}"
        );
        let _ = std::fs::remove_file(p);
    }

    #[test]
    fn unknown_column_name_is_a_typed_error() {
        let (_, c) = setup();
        let p = temp_file("atlantis.csv", "year,avg,Japan,Atlantis\n2015,75,68,80\n");
        let e = load(&p, &c).unwrap_err();
        assert!(
            matches!(e, Error::UnknownCountry { ref at, .. } if at.row.is_none() && at.field.as_deref() == Some("Atlantis")),
            "{e}"
        );
        let _ = std::fs::remove_file(p);
    }
}
