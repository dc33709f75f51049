//! Pew Research Center Global Attitudes Survey, spring waves 2002–2023: favourable and
//! unfavourable views of the United States, China, Japan, the EU and others, by surveyed country
//! and year, shipped as [`FILE`] (see `data/README.md`, §16).
//!
//! The file holds country-level percentages computed from the respondent files as harmonised by
//! C. Grasland (WorldRegio `pew_opi`, 2024), weighted with Pew's survey weights; no respondent
//! record. One row per (surveyed country, wave, target), columns:
//!
//! - `survey_iso3` (ISO3 of the surveyed country), `year` (wave), `target` (whose image is
//!   rated: `USA`, `CHN`, `JPN`, `RUS`, `EU`, `UN`, `IRN`, `DEU`, `FRA`, `IND`, `TWN`, `BRA`);
//! - `n_asked`, `n_valid` (favourable + unfavourable), `n_dk_refused`: unweighted counts, with
//!   `n_valid + n_dk_refused = n_asked`;
//! - `pct_fav_of_asked`, `pct_unfav_of_asked`, `pct_dk_refused_of_asked`: weighted % of **all
//!   asked** ("don't know" and refused in the base, as Pew publishes its toplines; the three
//!   sum to 100), and `pct_fav_of_valid`, `pct_unfav_of_valid` (weighted % of valid answers;
//!   sum to 100);
//! - `weights_all_one`: 1 when every respondent of the country-year has weight 1.
//!
//! The China item of 2013 is miscoded in the source and was removed before shipping (no China
//! figures for 2013); Japan is a target in 2005, 2006 and 2008 only. Self-ratings (e.g. China
//! on China) are rows of the file; the derivation leaves them out
//! ([`crate::derive::favourability`]).
//!
//! Every row is read into a record or is an error: the file is checked, not filtered.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::io::table::{Cells, Table};
use crate::panel::accounting::Accounting;
use crate::panel::country::{Concordance, Iso3};
use crate::sources::{Loaded, MAX_YEAR, MIN_YEAR};

/// The file, relative to the data directory.
///
/// # Examples
/// ```
/// use linkage::sources::pew_global;
/// assert!(linkage::default_data_dir().join(pew_global::FILE).exists());
/// ```
pub const FILE: &str = "pew_global_attitudes/favourability_by_country_year.csv";

/// Largest gap from 100 accepted for percentages that must sum to 100 (they are rounded to 4
/// decimals in the file).
///
/// # Examples
/// ```
/// use linkage::sources::pew_global::SUM_TOLERANCE;
/// // `VNM,2017,CHN,…,9.9861,87.2197,2.7942,…`: 9.9861 + 87.2197 + 2.7942 = 100.
/// assert!((9.9861 + 87.2197 + 2.7942 - 100.0_f64).abs() <= SUM_TOLERANCE);
/// ```
pub const SUM_TOLERANCE: f64 = 0.01;

/// One (surveyed country, wave, target) row.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::pew_global};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let rows = pew_global::load(&data.join(pew_global::FILE), &c).unwrap().records;
/// // Line 1514: `KOR,2015,CHN,1005,985,20,62.8909,37.1091,61.5374,36.3104,2.1522,0`.
/// let r = rows.iter().find(|r| r.surveyed == iso3!("KOR") && r.year == 2015 && r.target == "CHN").unwrap();
/// assert_eq!((r.n_asked, r.n_valid, r.n_dk_refused), (1005, 985, 20));
/// assert_eq!(r.pct_fav_of_asked, 61.5374);
/// assert_eq!(r.pct_fav_of_valid, 62.8909);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Favourability {
    /// The surveyed country (`survey_iso3`).
    pub surveyed: Iso3,
    /// Survey wave (calendar year).
    pub year: i32,
    /// Whose image is rated, as in the file (`USA`, `CHN`, `JPN`, `EU`, `UN`, …).
    pub target: String,
    /// Respondents with any answer to the item (unweighted).
    pub n_asked: u32,
    /// Favourable + unfavourable answers (unweighted).
    pub n_valid: u32,
    /// "Don't know" + refused (unweighted).
    pub n_dk_refused: u32,
    /// Weighted % of all asked with a very or somewhat favourable view.
    pub pct_fav_of_asked: f64,
    /// Weighted % of all asked with a somewhat or very unfavourable view.
    pub pct_unfav_of_asked: f64,
    /// Weighted % of all asked answering "don't know" or refusing.
    pub pct_dk_refused_of_asked: f64,
    /// Weighted % of valid answers that are favourable.
    pub pct_fav_of_valid: f64,
    /// Weighted % of valid answers that are unfavourable.
    pub pct_unfav_of_valid: f64,
    /// Every respondent of the country-year has weight 1 (percentages in effect unweighted).
    pub weights_all_one: bool,
}

/// A required count.
fn count(cells: &Cells<'_>, i: usize) -> Result<u32> {
    let n = cells.int(i)?;
    u32::try_from(n).map_err(|_| cells.invalid(i, format!("{n} is not a count of respondents")))
}

/// A required percentage in 0–100.
fn pct(cells: &Cells<'_>, i: usize) -> Result<f64> {
    let v = cells.required_f64(i)?;
    if !(0.0..=100.0).contains(&v) {
        return Err(cells.invalid(i, format!("{v} is not a percentage in 0-100")));
    }
    Ok(v)
}

/// Read the favourability file.
///
/// The account counts every row as used (the file is checked, not filtered).
///
/// # Errors
/// Missing columns; a `survey_iso3` the concordance does not know ([`Error::UnknownCountry`]);
/// an empty target; an unreadable or negative count, a percentage outside 0–100, counts that do
/// not add up (`n_valid + n_dk_refused ≠ n_asked`, or `n_asked = 0`), percentages that do not
/// sum to 100 within [`SUM_TOLERANCE`], a `weights_all_one` other than 0 or 1
/// ([`Error::Invalid`]); a year outside 1946–2030; a repeated (surveyed country, year, target)
/// ([`Error::DuplicateKey`]). Each names the file, row and field.
///
/// # Examples
/// ```
/// use linkage::{Concordance, sources::pew_global};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let l = pew_global::load(&data.join(pew_global::FILE), &c).unwrap();
/// assert_eq!(l.records.len(), 2617);
/// assert_eq!(l.accounting.rows_used(), 2617);
/// ```
pub fn load(path: &Path, conc: &Concordance) -> Result<Loaded<Vec<Favourability>>> {
    let t = Table::read(path)?;
    let surveyed = t.column("survey_iso3")?;
    let year = t.column("year")?;
    let target = t.column("target")?;
    let n_asked = t.column("n_asked")?;
    let n_valid = t.column("n_valid")?;
    let n_dk = t.column("n_dk_refused")?;
    let fav_valid = t.column("pct_fav_of_valid")?;
    let unfav_valid = t.column("pct_unfav_of_valid")?;
    let fav = t.column("pct_fav_of_asked")?;
    let unfav = t.column("pct_unfav_of_asked")?;
    let dk = t.column("pct_dk_refused_of_asked")?;
    let ones = t.column("weights_all_one")?;
    let mut acc = Accounting::new("pew global attitudes", path.display().to_string());
    let mut out = Vec::with_capacity(t.height());
    let mut seen: HashMap<(Iso3, i32, String), usize> = HashMap::new();
    for i in 0..t.height() {
        let code = surveyed.required_text(i)?;
        let country = conc
            .parse_iso3(code)
            .ok_or_else(|| surveyed.unknown_country(i, code))?;
        let y = year.year(i, MIN_YEAR, MAX_YEAR)?;
        let who = target.required_text(i)?.to_string();
        let r = Favourability {
            surveyed: country,
            year: y,
            target: who.clone(),
            n_asked: count(&n_asked, i)?,
            n_valid: count(&n_valid, i)?,
            n_dk_refused: count(&n_dk, i)?,
            pct_fav_of_asked: pct(&fav, i)?,
            pct_unfav_of_asked: pct(&unfav, i)?,
            pct_dk_refused_of_asked: pct(&dk, i)?,
            pct_fav_of_valid: pct(&fav_valid, i)?,
            pct_unfav_of_valid: pct(&unfav_valid, i)?,
            weights_all_one: match ones.int(i)? {
                0 => false,
                1 => true,
                other => return Err(ones.invalid(i, format!("{other} is not 0 or 1"))),
            },
        };
        if r.n_asked == 0
            || u64::from(r.n_valid) + u64::from(r.n_dk_refused) != u64::from(r.n_asked)
        {
            return Err(n_asked.invalid(
                i,
                format!(
                    "n_valid {} + n_dk_refused {} does not make n_asked {} (> 0)",
                    r.n_valid, r.n_dk_refused, r.n_asked
                ),
            ));
        }
        let asked = r.pct_fav_of_asked + r.pct_unfav_of_asked + r.pct_dk_refused_of_asked;
        if (asked - 100.0).abs() > SUM_TOLERANCE {
            return Err(fav.invalid(
                i,
                format!("the % of all asked (favourable, unfavourable, don't know) sum to {asked}, not 100"),
            ));
        }
        let valid = r.pct_fav_of_valid + r.pct_unfav_of_valid;
        if (valid - 100.0).abs() > SUM_TOLERANCE {
            return Err(fav_valid.invalid(
                i,
                format!(
                    "the % of valid answers (favourable, unfavourable) sum to {valid}, not 100"
                ),
            ));
        }
        if let Some(first) = seen.insert((country, y, who.clone()), i + 1) {
            return Err(Error::DuplicateKey {
                at: Location::row(path, i + 1),
                first_row: first,
                key: format!("({country}, {y}, target {who})"),
            });
        }
        out.push(r);
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
    use crate::testutil::temp_file;

    const HEADER: &str = "survey_iso3,year,target,n_asked,n_valid,n_dk_refused,pct_fav_of_valid,pct_unfav_of_valid,pct_fav_of_asked,pct_unfav_of_asked,pct_dk_refused_of_asked,weights_all_one";

    fn read(rows: &str) -> Result<Loaded<Vec<Favourability>>> {
        let (_, c) = crate::testutil::setup(FILE);
        let p = temp_file("pew.csv", &format!("{HEADER}\n{rows}"));
        let out = load(&p, &c);
        let _ = std::fs::remove_file(p);
        out
    }

    fn find<'a>(r: &'a [Favourability], s: Iso3, y: i32, t: &str) -> &'a Favourability {
        r.iter()
            .find(|r| r.surveyed == s && r.year == y && r.target == t)
            .unwrap()
    }

    #[test]
    fn real_file_spot_values_and_accounts() {
        let (path, c) = crate::testutil::setup(FILE);
        let l = load(&path, &c).unwrap();
        let r = &l.records;
        assert!(l.accounting.balances());
        assert_eq!(
            (l.accounting.rows_in(), l.accounting.rows_used()),
            (2617, 2617)
        );
        // Rows by target, as the provenance lists them.
        let n = |t: &str| r.iter().filter(|x| x.target == t).count();
        assert_eq!(
            (n("USA"), n("CHN"), n("JPN"), n("EU"), n("UN")),
            (576, 467, 56, 335, 284)
        );
        // Line 2570 `VNM,2017,CHN,1000,971,29,10.2731,89.7269,9.9861,87.2197,2.7942,0`.
        let v = find(r, iso3!("VNM"), 2017, "CHN");
        assert_eq!((v.n_asked, v.n_valid, v.n_dk_refused), (1000, 971, 29));
        assert_eq!(
            (v.pct_fav_of_asked, v.pct_unfav_of_asked),
            (9.9861, 87.2197)
        );
        approx::assert_relative_eq!(v.pct_dk_refused_of_asked, 2.7942);
        assert_eq!(
            (v.pct_fav_of_valid, v.pct_unfav_of_valid),
            (10.2731, 89.7269)
        );
        assert!(!v.weights_all_one);
        // Line 1067 `IND,2005,JPN,2042,1581,461,85.3890,14.6110,66.1117,11.3124,22.5759,1`:
        // weights all one.
        let j = find(r, iso3!("IND"), 2005, "JPN");
        approx::assert_relative_eq!(j.pct_fav_of_asked, 66.1117);
        assert!(j.weights_all_one);
        // The China item of 2013 was removed; Japan only in 2005, 2006 and 2008.
        assert!(r.iter().all(|x| !(x.target == "CHN" && x.year == 2013)));
        let mut jp: Vec<i32> = r
            .iter()
            .filter(|x| x.target == "JPN")
            .map(|x| x.year)
            .collect();
        jp.sort_unstable();
        jp.dedup();
        assert_eq!(jp, [2005, 2006, 2008]);
        // Palestinian territories: `PLS` of 2014 recoded to `PSE` upstream.
        assert!(
            r.iter()
                .any(|x| x.surveyed == iso3!("PSE") && x.year == 2014)
        );
    }

    #[test]
    fn bad_cells_are_typed_errors_naming_row_and_field() {
        let ok = "VNM,2017,CHN,1000,971,29,10.2731,89.7269,9.9861,87.2197,2.7942,0";
        assert_eq!(read(&format!("{ok}\n")).unwrap().records.len(), 1);
        let bad = |row: &str| read(&format!("{ok}\n{row}\n")).unwrap_err();
        let e = bad("XXQ,2017,CHN,1000,971,29,10.2731,89.7269,9.9861,87.2197,2.7942,0");
        assert!(
            matches!(e, Error::UnknownCountry { ref at, .. } if at.is_cell(2, "survey_iso3")),
            "{e}"
        );
        let e = bad("VNM,2017,USA,1000,971,29,10.2731,89.7269,109.9861,87.2197,2.7942,0");
        assert!(
            matches!(e, Error::Invalid { ref at, .. } if at.is_cell(2, "pct_fav_of_asked")),
            "{e}"
        );
        let e = bad("VNM,2017,USA,1000,971,20,10.2731,89.7269,9.9861,87.2197,2.7942,0");
        assert!(
            matches!(e, Error::Invalid { ref at, .. } if at.is_cell(2, "n_asked")),
            "{e}"
        );
        let e = bad("VNM,2017,USA,1000,971,29,10.2731,89.7269,19.9861,87.2197,2.7942,0");
        assert!(
            matches!(e, Error::Invalid { ref at, .. } if at.is_cell(2, "pct_fav_of_asked")),
            "{e}"
        );
        let e = bad("VNM,2017,USA,1000,971,29,12.2731,89.7269,9.9861,87.2197,2.7942,0");
        assert!(
            matches!(e, Error::Invalid { ref at, .. } if at.is_cell(2, "pct_fav_of_valid")),
            "{e}"
        );
        let e = bad("VNM,2017,USA,-1000,971,29,10.2731,89.7269,9.9861,87.2197,2.7942,0");
        assert!(
            matches!(e, Error::Invalid { ref at, .. } if at.is_cell(2, "n_asked")),
            "{e}"
        );
        let e = bad("VNM,2017,USA,1000,971,29,10.2731,89.7269,9.9861,87.2197,2.7942,2");
        assert!(
            matches!(e, Error::Invalid { ref at, .. } if at.is_cell(2, "weights_all_one")),
            "{e}"
        );
        let e = bad("VNM,2017,USA,1000,971,29,,89.7269,9.9861,87.2197,2.7942,0");
        assert!(
            matches!(e, Error::Parse { ref at, .. } if at.is_cell(2, "pct_fav_of_valid")),
            "{e}"
        );
        let e = bad("VNM,2017,,1000,971,29,10.2731,89.7269,9.9861,87.2197,2.7942,0");
        assert!(
            matches!(e, Error::Parse { ref at, .. } if at.is_cell(2, "target")),
            "{e}"
        );
        let e = bad("VNM,20x7,USA,1000,971,29,10.2731,89.7269,9.9861,87.2197,2.7942,0");
        assert!(
            matches!(e, Error::Parse { ref at, .. } if at.is_cell(2, "year")),
            "{e}"
        );
        let e = bad(ok);
        assert!(
            matches!(e, Error::DuplicateKey { first_row: 1, ref at, .. } if at.row == Some(2)),
            "{e}"
        );
    }
}
