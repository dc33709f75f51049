//! AidData's Global Chinese Development Finance Dataset, version 3.0 (Custer et al. 2023),
//! summed by recipient and commitment year by the R package `odadata` (file
//! `data/china_gcdf_aiddata/gcdf3_china_by_recipient_year_cow.csv`, columns `ccode, year,
//! oof_amt, oof_adj, oda_amt, oda_adj, vof_amt, vof_adj`).
//!
//! This adapter returns `oda_amt`: China's **ODA-like commitments** to the recipient in the
//! year they were signed, in **constant 2021 US$** (`amount_constant_usd_2021`, projects
//! recommended for aggregates). Commitments are not disbursements, and China is the only donor.
//!
//! **Zeros are kept as published.** The `odadata` author zero-filled the table: a 0 means that
//! AidData records no ODA-like project for that recipient in that year (the recipient may still
//! have OOF-like or vague finance that year). It is the source's statement, not a value filled
//! in here; a recipient-year absent from the file stays absent.
//!
//! Recipients are Correlates of War state numbers, joined to ISO3 with
//! [`Concordance::from_cow`]; a number the concordance does not map is an error.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::io::table::Table;
use crate::panel::accounting::Accounting;
use crate::panel::country::Concordance;
use crate::sources::{CountryYear, Loaded};

/// The file, relative to the data directory.
///
/// # Examples
/// ```
/// use linkage::sources::aiddata;
/// assert!(linkage::default_data_dir().join(aiddata::FILE).exists());
/// ```
pub const FILE: &str = "china_gcdf_aiddata/gcdf3_china_by_recipient_year_cow.csv";

/// First and last commitment year of GCDF 3.0.
const YEARS: (i32, i32) = (2000, 2021);

/// Read China's ODA-like commitments (`oda_amt`, constant 2021 US$) by (recipient, year).
///
/// A row with an empty `oda_amt` is excluded and counted (none in the shipped file).
///
/// # Errors
/// Missing columns; a `ccode` that is not a COW number of a current state in the concordance
/// ([`Error::UnknownCountry`]); years outside 2000–2021; an unparseable, non-finite or negative
/// `oda_amt`; a repeated (recipient, year).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::aiddata};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let oda = aiddata::load(&data.join(aiddata::FILE), &c).unwrap();
/// // Myanmar (COW 775), 2019: US$ 14.5 million of ODA-like commitments (constant 2021 US$).
/// let v = oda.records[&(iso3!("MMR"), 2019)];
/// assert!((v - 14_549_584.48).abs() < 1.0);
/// assert_eq!(oda.accounting.rows_in(), 2458);
/// ```
pub fn load(path: &Path, conc: &Concordance) -> Result<Loaded<CountryYear>> {
    let t = Table::read(path)?;
    let ccode = t.column("ccode")?;
    let year = t.column("year")?;
    let oda = t.column("oda_amt")?;
    let mut acc = Accounting::new("aiddata gcdf 3.0 oda_amt", path.display().to_string());
    let mut out = CountryYear::new();
    let mut first_row = HashMap::new();
    for i in 0..t.height() {
        let text = ccode.required_text(i)?;
        let number = ccode.int(i)?;
        let code = u16::try_from(number)
            .ok()
            .and_then(|n| conc.from_cow(n))
            .ok_or_else(|| ccode.unknown_country(i, text))?;
        let y = year.year(i, YEARS.0, YEARS.1)?;
        let Some(v) = oda.f64(i)? else {
            acc.exclude("oda_amt missing", 1);
            continue;
        };
        if v < 0.0 {
            return Err(Error::Negative {
                at: Location::cell(path, i + 1, "oda_amt"),
                value: v,
                unit: "constant 2021 US$ of commitments".into(),
            });
        }
        if let Some(first) = first_row.insert((code, y), i + 1) {
            return Err(Error::DuplicateKey {
                at: Location::row(path, i + 1),
                first_row: first,
                key: format!("(ccode {text}, {y})"),
            });
        }
        out.insert((code, y), v);
        acc.used(1);
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
        assert!(l.accounting.balances());
        // PROVENANCE §3: 2,458 rows, every one with an oda_amt.
        assert_eq!(l.accounting.rows_in(), 2458);
        assert_eq!(l.accounting.rows_used(), 2458);
        assert_eq!(l.records.len(), 2458);
        // `775,2019,112356461.226213,112356461.226213,14549584.482629113,…` (Myanmar).
        assert_relative_eq!(l.records[&(iso3!("MMR"), 2019)], 14549584.482629113);
        // `816,2019,2115140344.3102114,…,6769.24101348301,…` (Vietnam).
        assert_relative_eq!(l.records[&(iso3!("VNM"), 2019)], 6769.24101348301);
        // `31,2004,60767572.768171564,60767572.768171564,0,0,0,0` (Bahamas): a published zero.
        assert_eq!(l.records.get(&(iso3!("BHS"), 2004)).copied(), Some(0.0));
        // Zeros are kept: 616 rows of the file have oda_amt = 0.
        assert_eq!(l.records.values().filter(|v| **v == 0.0).count(), 616);
        // Korea is not a recipient; 138 recipients in all.
        assert!(l.records.keys().all(|k| k.0 != iso3!("KOR")));
        let mut recipients: Vec<_> = l.records.keys().map(|k| k.0).collect();
        recipients.dedup();
        assert_eq!(recipients.len(), 138);
    }

    #[test]
    fn negative_commitment_is_an_error() {
        let (_, c) = setup();
        let p = temp_file(
            "neg.csv",
            "ccode,year,oof_amt,oof_adj,oda_amt,oda_adj,vof_amt,vof_adj\n775,2019,0,0,-5,0,0,0\n",
        );
        let e = load(&p, &c).unwrap_err();
        assert!(matches!(e, Error::Negative { ref at, .. } if at.is_cell(1, "oda_amt")));
        let _ = std::fs::remove_file(p);
    }

    #[test]
    fn unknown_cow_code_is_an_error() {
        let (_, c) = setup();
        let p = temp_file(
            "cow.csv",
            "ccode,year,oof_amt,oof_adj,oda_amt,oda_adj,vof_amt,vof_adj\n775,2019,0,0,5,0,0,0\n9999,2019,0,0,5,0,0,0\n",
        );
        let e = load(&p, &c).unwrap_err();
        assert!(
            matches!(e, Error::UnknownCountry { ref at, ref code } if at.row == Some(2) && code == "9999")
        );
        let _ = std::fs::remove_file(p);
    }
}
