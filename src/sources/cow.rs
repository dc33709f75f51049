//! Correlates of War (COW) Trade Data Set v4.0 (Barbieri & Keshk 2016), as packaged by the R
//! package `peacesciencer` and shipped under `data/cow_trade/` (see `data/README.md`).
//!
//! Two files, both in **current US$ millions**:
//! - the dyadic file [`DYADIC_FILE`], `ccode1,ccode2,year,flow1,flow2`: one row per
//!   non-directed dyad and year (`ccode1 < ccode2`), `flow1` = imports of `ccode1` from
//!   `ccode2`, `flow2` = imports of `ccode2` from `ccode1`. Only dyads involving the United
//!   States (2), Germany (255), China (710), South Korea (732), Japan (740) or Australia (900)
//!   were kept when the data were extracted, for 1960–2014;
//! - the national file [`NATIONAL_FILE`], `ccode,year,imports,exports`: every state's total
//!   goods imports and exports, 1960–2014.
//!
//! COW numbers are turned into ISO3 codes with [`Concordance::from_cow`]; rows of states the
//! concordance does not map (historical states such as the German Democratic Republic or the
//! Yemen Arab Republic) are excluded and counted.
//!
//! **Missing values.** COW v4.0 codes a missing flow as `-9` ([`MISSING_CODE`]); the shipped
//! extract writes missing values as empty cells instead (`peacesciencer` turned `-9` into `NA`),
//! so no `-9` occurs in the shipped files. Both are read as missing. Any other negative value is
//! an [`Error::Negative`]. A zero is a value as COW publishes it and is kept.
//!
//! **World exports.** The trade intensity index needs world exports, the sum of *all* states'
//! exports in the national file. Because the rows of historical states are excluded from the
//! state records, [`load_national`] also returns one record per year with country `WLD` whose
//! `exports` (and `imports`) are the sums over every row of the file with a value that year,
//! historical states included.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::io::table::{Cells, Table};
use crate::panel::accounting::Accounting;
use crate::panel::country::{Concordance, Iso3};
use crate::sources::{Loaded, MAX_YEAR, MIN_YEAR};

/// Dyadic trade file, relative to the data directory.
pub const DYADIC_FILE: &str = "cow_trade/cow_dyadic_trade_actor_dyads_1960_2014.csv";
/// National trade file, relative to the data directory.
pub const NATIONAL_FILE: &str = "cow_trade/cow_national_trade_1960_2014.csv";
/// COW's documented code for a missing value (read as missing, never as a number).
pub const MISSING_CODE: f64 = -9.0;

/// The unit named in [`Error::Negative`] for a COW flow.
const UNIT: &str = "current US$ millions of gross trade";

/// One COW dyad-year: the goods imports of each side from the other, current US$ millions.
/// `None` is a missing flow (empty cell or COW's `-9`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CowDyad {
    /// The state in `ccode1`.
    pub a: Iso3,
    /// The state in `ccode2`.
    pub b: Iso3,
    /// Calendar year.
    pub year: i32,
    /// Imports of `a` from `b` (`flow1`), current US$ millions.
    pub imports_a_from_b: Option<f64>,
    /// Imports of `b` from `a` (`flow2`), current US$ millions.
    pub imports_b_from_a: Option<f64>,
}

/// One COW state-year (or the `WLD` world sum): total goods imports and exports, current US$
/// millions. `None` is a missing value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CowNational {
    /// The state, or `WLD` for the sum over all states of the file.
    pub country: Iso3,
    /// Calendar year.
    pub year: i32,
    /// Total imports, current US$ millions.
    pub imports: Option<f64>,
    /// Total exports, current US$ millions.
    pub exports: Option<f64>,
}

/// Read a COW flow cell: empty or [`MISSING_CODE`] is missing, another negative is an error.
fn flow(cells: &Cells<'_>, path: &Path, i: usize) -> Result<Option<f64>> {
    match cells.f64(i)? {
        // An exact code, not a measured value: exact comparison is meant.
        #[allow(clippy::float_cmp)]
        Some(v) if v == MISSING_CODE => Ok(None),
        Some(v) if v < 0.0 => Err(Error::Negative {
            at: Location::cell(path, i + 1, cells.name().to_string()),
            value: v,
            unit: UNIT.into(),
        }),
        v => Ok(v),
    }
}

/// Read a COW state number.
fn ccode(cells: &Cells<'_>, i: usize) -> Result<u16> {
    let n = cells.int(i)?;
    u16::try_from(n).map_err(|_| cells.invalid(i, format!("{n} is not a COW state number")))
}

/// Read the COW dyadic trade file ([`DYADIC_FILE`]).
///
/// A row is excluded (and counted) when either state is not mapped by the concordance, or when
/// both flows are missing. A row with one flow missing is kept, with that flow `None`.
///
/// # Errors
/// Missing columns, unreadable cells, a state paired with itself, negative flows other than
/// COW's `-9`, years outside 1946–2030, and a repeated (dyad, year) — the dyad taken in either
/// order — as [`Error::DuplicateKey`].
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::cow};
/// let dir = linkage::default_data_dir();
/// let c = Concordance::load(&dir).unwrap();
/// let d = cow::load_dyadic(&dir.join(cow::DYADIC_FILE), &c).unwrap();
/// // Row `2,20,1960,3452.0,4147.0`: US imports from Canada 3,452, Canada's from the US 4,147.
/// let us_ca = d.records.iter()
///     .find(|r| r.a == iso3!("USA") && r.b == iso3!("CAN") && r.year == 1960)
///     .unwrap();
/// assert_eq!(us_ca.imports_a_from_b, Some(3452.0));
/// assert_eq!(us_ca.imports_b_from_a, Some(4147.0));
/// assert!(d.accounting.balances());
/// ```
pub fn load_dyadic(path: &Path, conc: &Concordance) -> Result<Loaded<Vec<CowDyad>>> {
    let t = Table::read(path)?;
    let c1 = t.column("ccode1")?;
    let c2 = t.column("ccode2")?;
    let year = t.column("year")?;
    let flow1 = t.column("flow1")?;
    let flow2 = t.column("flow2")?;
    let mut acc = Accounting::new("cow dyadic trade", path.display().to_string());
    let mut out = Vec::with_capacity(t.height());
    let mut seen: HashMap<(u16, u16, i32), usize> = HashMap::new();
    let mut mapped: HashMap<(Iso3, Iso3, i32), usize> = HashMap::new();
    for i in 0..t.height() {
        let (n1, n2) = (ccode(&c1, i)?, ccode(&c2, i)?);
        if n1 == n2 {
            return Err(c2.invalid(i, format!("state {n2} is paired with itself")));
        }
        let y = year.year(i, MIN_YEAR, MAX_YEAR)?;
        let (f1, f2) = (flow(&flow1, path, i)?, flow(&flow2, path, i)?);
        if let Some(first) = seen.insert((n1.min(n2), n1.max(n2), y), i + 1) {
            return Err(Error::DuplicateKey {
                at: Location::row(path, i + 1),
                first_row: first,
                key: format!("(ccode {}, ccode {}, {y})", n1.min(n2), n1.max(n2)),
            });
        }
        let (Some(a), Some(b)) = (conc.from_cow(n1), conc.from_cow(n2)) else {
            acc.exclude(
                "a state is not mapped to ISO3 (historical or unmatched COW number)",
                1,
            );
            continue;
        };
        // Two COW numbers mapped to one ISO3 code would make two rows for one key.
        if let Some(first) = mapped.insert((a.min(b), a.max(b), y), i + 1) {
            return Err(Error::DuplicateKey {
                at: Location::row(path, i + 1),
                first_row: first,
                key: format!(
                    "({}, {}, {y}) after mapping COW numbers to ISO3",
                    a.min(b),
                    a.max(b)
                ),
            });
        }
        if f1.is_none() && f2.is_none() {
            acc.exclude("both flows missing (empty or COW code -9)", 1);
            continue;
        }
        out.push(CowDyad {
            a,
            b,
            year: y,
            imports_a_from_b: f1,
            imports_b_from_a: f2,
        });
        acc.used(1);
    }
    Ok(Loaded {
        records: out,
        accounting: acc,
    })
}

/// Read the COW national trade file ([`NATIONAL_FILE`]).
///
/// Returns one record per mapped state-year with at least one of imports and exports present,
/// followed by one `WLD` record per year (sorted by year) holding the sums of imports and of
/// exports over *every* row of the file with a value that year — rows of historical or unmatched
/// states included (`None` when no row has a value). The accounting counts file rows only, so
/// `records.len()` is `accounting.rows_used()` plus the number of years.
///
/// A row is excluded (and counted) when its state is not mapped by the concordance, or when both
/// values are missing.
///
/// # Errors
/// Missing columns, unreadable cells, negative values other than COW's `-9`, years outside
/// 1946–2030, and a repeated (state, year) as [`Error::DuplicateKey`].
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::cow};
/// let dir = linkage::default_data_dir();
/// let c = Concordance::load(&dir).unwrap();
/// let n = cow::load_national(&dir.join(cow::NATIONAL_FILE), &c).unwrap();
/// // Row `2,1960,16170.7,20536.0`: US imports 16,170.7 and exports 20,536.0 (US$ millions).
/// let us = n.records.iter().find(|r| r.country == iso3!("USA") && r.year == 1960).unwrap();
/// assert_eq!((us.imports, us.exports), (Some(16170.7), Some(20536.0)));
/// let world = n.records.iter().find(|r| r.country == iso3!("WLD") && r.year == 1960).unwrap();
/// assert!(world.exports.unwrap() > us.exports.unwrap());
/// ```
pub fn load_national(path: &Path, conc: &Concordance) -> Result<Loaded<Vec<CowNational>>> {
    let t = Table::read(path)?;
    let code = t.column("ccode")?;
    let year = t.column("year")?;
    let imports = t.column("imports")?;
    let exports = t.column("exports")?;
    let mut acc = Accounting::new("cow national trade", path.display().to_string());
    let mut out = Vec::with_capacity(t.height());
    let mut seen: HashMap<(u16, i32), usize> = HashMap::new();
    let mut mapped: HashMap<(Iso3, i32), usize> = HashMap::new();
    let mut world: BTreeMap<i32, (Option<f64>, Option<f64>)> = BTreeMap::new();
    let add = |sum: &mut Option<f64>, v: Option<f64>| {
        if let Some(v) = v {
            *sum = Some(sum.unwrap_or(0.0) + v);
        }
    };
    for i in 0..t.height() {
        let n = ccode(&code, i)?;
        let y = year.year(i, MIN_YEAR, MAX_YEAR)?;
        let (m, x) = (flow(&imports, path, i)?, flow(&exports, path, i)?);
        if let Some(first) = seen.insert((n, y), i + 1) {
            return Err(Error::DuplicateKey {
                at: Location::row(path, i + 1),
                first_row: first,
                key: format!("(ccode {n}, {y})"),
            });
        }
        let w = world.entry(y).or_default();
        add(&mut w.0, m);
        add(&mut w.1, x);
        let Some(country) = conc.from_cow(n) else {
            acc.exclude(
                "state is not mapped to ISO3 (historical or unmatched COW number)",
                1,
            );
            continue;
        };
        if let Some(first) = mapped.insert((country, y), i + 1) {
            return Err(Error::DuplicateKey {
                at: Location::row(path, i + 1),
                first_row: first,
                key: format!("({country}, {y}) after mapping COW numbers to ISO3"),
            });
        }
        if m.is_none() && x.is_none() {
            acc.exclude("imports and exports both missing (empty or COW code -9)", 1);
            continue;
        }
        out.push(CowNational {
            country,
            year: y,
            imports: m,
            exports: x,
        });
        acc.used(1);
    }
    let wld = crate::iso3!("WLD");
    out.extend(
        world
            .into_iter()
            .map(|(year, (imports, exports))| CowNational {
                country: wld,
                year,
                imports,
                exports,
            }),
    );
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

    fn conc() -> Concordance {
        Concordance::load(crate::default_data_dir()).unwrap()
    }

    use crate::testutil::temp_file;

    #[test]
    fn dyadic_file_spot_values_and_account() {
        let c = conc();
        let d = load_dyadic(&crate::default_data_dir().join(DYADIC_FILE), &c).unwrap();
        let find = |a, b, y| {
            *d.records
                .iter()
                .find(|r| r.a == a && r.b == b && r.year == y)
                .unwrap()
        };
        // Row `2,740,2014,133939.0,73057.0`: US imports from Japan 133,939; Japan's from the US
        // 73,057 (US$ millions).
        let r = find(iso3!("USA"), iso3!("JPN"), 2014);
        assert_eq!(r.imports_a_from_b, Some(133939.0));
        assert_eq!(r.imports_b_from_a, Some(73057.0));
        // Row `740,816,2010,8175.0,9016.0`: Japan imports from Vietnam 8,175, Vietnam's from
        // Japan 9,016.
        let r = find(iso3!("JPN"), iso3!("VNM"), 2010);
        assert_eq!(r.imports_a_from_b, Some(8175.0));
        assert_eq!(r.imports_b_from_a, Some(9016.0));
        // Row `2,570,1966,,0.0`: US imports from Lesotho missing (kept as None, not 0); Lesotho's
        // imports from the US are a published zero.
        let r = find(iso3!("USA"), iso3!("LSO"), 1966);
        assert_eq!(r.imports_a_from_b, None);
        assert_eq!(r.imports_b_from_a, Some(0.0));
        // 46,571 rows: 720 involve a state the concordance does not map (GDR 265,
        // Czechoslovakia 315, Yugoslavia 345, Zanzibar 511, the two Yemens 678/680, Republic of
        // Vietnam 817); no row has both flows missing.
        let a = &d.accounting;
        assert_eq!(a.rows_in(), 46_571);
        assert_eq!(a.rows_used(), 45_851);
        assert_eq!(a.rows_excluded(), 720);
        assert!(a.balances());
        assert_eq!(d.records.len(), a.rows_used());
        assert!(d.records.iter().all(|r| (1960..=2014).contains(&r.year)));
    }

    #[test]
    fn national_file_spot_values_world_sum_and_account() {
        let c = conc();
        let n = load_national(&crate::default_data_dir().join(NATIONAL_FILE), &c).unwrap();
        let find = |k, y| {
            *n.records
                .iter()
                .find(|r| r.country == k && r.year == y)
                .unwrap()
        };
        // cow_national row `2,1960,16170.7,20536.0` → USA 1960 imports 16,170.7, exports 20,536.0.
        let r = find(iso3!("USA"), 1960);
        assert_eq!((r.imports, r.exports), (Some(16170.7), Some(20536.0)));
        // Row `816,2010,83364.782887,69820.145067` → Vietnam 2010.
        let r = find(iso3!("VNM"), 2010);
        assert_eq!(
            (r.imports, r.exports),
            (Some(83364.782887), Some(69820.145067))
        );
        // Row `31,1965,,18.5` → Bahamas 1965 imports missing, exports 18.5.
        let r = find(iso3!("BHS"), 1965);
        assert_eq!((r.imports, r.exports), (None, Some(18.5)));
        // Row `31,1960,,` has neither value: excluded, no record.
        assert!(
            !n.records
                .iter()
                .any(|r| r.country == iso3!("BHS") && r.year == 1960)
        );
        // WLD 1960 = sum of the `exports` column over the 1960 rows with a value, historical
        // states included (python: sum over csv rows = 114,873.957…; without the unmapped
        // states it would be 114,667.357…).
        let w = find(iso3!("WLD"), 1960);
        assert_relative_eq!(
            w.exports.unwrap(),
            114_873.957_188_476_5,
            max_relative = 1e-12
        );
        // 9,682 rows: 230 of unmapped states, 460 with neither value; 55 WLD records (1960–2014).
        let a = &n.accounting;
        assert_eq!(a.rows_in(), 9_682);
        assert_eq!(a.rows_used(), 8_992);
        assert_eq!(a.rows_excluded(), 690);
        assert!(a.balances());
        assert_eq!(n.records.len(), a.rows_used() + 55);
        // One record per (country, year).
        let mut keys: Vec<_> = n.records.iter().map(|r| (r.country, r.year)).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n.records.len());
    }

    #[test]
    fn missing_code_is_missing_other_negatives_are_errors() {
        let c = conc();
        let p = temp_file(
            "neg",
            "ccode1,ccode2,year,flow1,flow2\n2,20,1960,-9,4147.0\n2,40,1960,-9.0,-9\n",
        );
        let d = load_dyadic(&p, &c).unwrap();
        std::fs::remove_dir_all(p.parent().unwrap()).ok();
        assert_eq!(d.records.len(), 1);
        assert_eq!(d.records[0].imports_a_from_b, None);
        assert_eq!(
            d.accounting.exclusions()["both flows missing (empty or COW code -9)"],
            1
        );

        let p = temp_file("neg2", "ccode,year,imports,exports\n2,1960,16170.7,-3\n");
        let e = load_national(&p, &c).unwrap_err();
        std::fs::remove_dir_all(p.parent().unwrap()).ok();
        assert!(
            matches!(&e, Error::Negative { at, .. } if at.is_cell(1, "exports")),
            "{e}"
        );
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let c = conc();
        // The same dyad written in the other order is the same key.
        let p = temp_file(
            "dup",
            "ccode1,ccode2,year,flow1,flow2\n2,20,1960,1,2\n20,2,1960,2,1\n",
        );
        let e = load_dyadic(&p, &c).unwrap_err();
        std::fs::remove_dir_all(p.parent().unwrap()).ok();
        assert!(
            matches!(
                e,
                Error::DuplicateKey {
                    ref at,
                    first_row: 1,
                    ..
                } if at.row == Some(2)
            ),
            "{e}"
        );
        let p = temp_file(
            "dup2",
            "ccode,year,imports,exports\n2,1960,1,2\n20,1960,1,2\n2,1960,3,4\n",
        );
        let e = load_national(&p, &c).unwrap_err();
        std::fs::remove_dir_all(p.parent().unwrap()).ok();
        assert_eq!(
            e.to_string(),
            format!(
                "{}: row 3 repeats the key (ccode 2, 1960) first seen at row 1",
                p.display()
            )
        );
    }
}
