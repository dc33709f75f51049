//! UN General Assembly ideal points by country and calendar year, 1946–2024 (Erik Voeten, "United
//! Nations General Assembly Ideal Points", July 2025 release; Bailey, Strezhnev & Voeten 2017,
//! *Journal of Conflict Resolution* 61(2): 430–456), shipped as [`FILE`] (see `data/README.md`,
//! §15).
//!
//! One row per COW state (`ccode`) and calendar year (`year`), with three estimates on one latent
//! dimension (no unit, roughly −3.5 … +3.3, higher = closer to the United States' voting
//! position, comparable across years):
//!
//! - `idealpointfp`, from final-passage votes only — **the only estimate that reaches 2024**;
//! - `idealpointall`, from all recorded votes (paragraphs and amendments included), to 2023;
//! - `idealpointlegacy`, the older session-based estimate (year = session + 1945), to 2023;
//!
//! with the number of votes behind each (`nvotesfp`, `nvotesall`) and the quantiles of the
//! posterior of `idealpointfp` (`q5fp`, `q95fp` kept here). The other columns are read by name
//! only as needed; every row is either used or excluded and counted.
//!
//! **Country codes.** The row's ISO3 code is `iso3c` when the [`Concordance`] knows it; otherwise
//! (an empty `iso3c` — the 17 legacy-only rows at the end of the file — or a code of a
//! historical state: `YUG`, `CSK`, `YAR`, `DDR`) the COW number `ccode` is joined through
//! [`Concordance::from_cow`] (current COW states only, as for the COW trade files). A row that
//! neither maps is excluded and counted, naming its COW number, `iso3c` and name. The source
//! keeps Serbia under COW 345 "Yugoslavia" (`YUG`) to 2024 and COW 345 is not a current
//! state in the concordance, so Serbia has no ideal point here; the German Federal Republic
//! (COW 260, 1973–1989) is `DEU` as the source codes it, Germany (255) from 1990. The earlier
//! China seat (Republic of China, COW 713, 1946–1971) is `TWN`, the PRC (`CHN`) starts in 1971.
//! A known `iso3c` that contradicts a mapped `ccode` is an error.

use std::collections::{BTreeMap, HashMap};
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
/// use linkage::sources::ideal_points;
/// assert!(linkage::default_data_dir().join(ideal_points::FILE).exists());
/// ```
pub const FILE: &str = "unga_ideal_points/unga_ideal_points_by_year_jul2025.csv";

/// One country-year of the ideal-point file. `None` is an empty cell.
///
/// # Examples
/// ```
/// use linkage::{iso3, sources::ideal_points::IdealPoint};
/// let p = IdealPoint { fp: Some(2.21), nvotes_fp: Some(100), ..IdealPoint::new(iso3!("USA"), 2, 2024) };
/// assert_eq!(p.fp_with(10), Some(2.21));
/// assert_eq!(p.fp_with(101), None); // fewer final-passage votes than asked for
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IdealPoint {
    /// The state, ISO3 (see the [module docs](self) for the mapping).
    pub country: Iso3,
    /// Its Correlates of War number, as in the file.
    pub ccode: u16,
    /// Calendar year of the votes.
    pub year: i32,
    /// `idealpointfp`: from final-passage votes only (to 2024).
    pub fp: Option<f64>,
    /// `idealpointall`: from all recorded votes (to 2023).
    pub all: Option<f64>,
    /// `idealpointlegacy`: the session-based estimate (to 2023).
    pub legacy: Option<f64>,
    /// `nvotesfp`: the final-passage votes behind `fp`.
    pub nvotes_fp: Option<u32>,
    /// `nvotesall`: the votes behind `all`.
    pub nvotes_all: Option<u32>,
    /// `q5fp`: 5 % quantile of the posterior of `fp`.
    pub q5_fp: Option<f64>,
    /// `q95fp`: 95 % quantile of the posterior of `fp`.
    pub q95_fp: Option<f64>,
}

impl IdealPoint {
    /// A country-year with every estimate missing (a starting point for hand-made data).
    ///
    /// # Examples
    /// ```
    /// use linkage::{iso3, sources::ideal_points::IdealPoint};
    /// let p = IdealPoint::new(iso3!("JPN"), 740, 1956);
    /// assert_eq!((p.fp, p.all, p.legacy, p.nvotes_fp), (None, None, None, None));
    /// ```
    pub fn new(country: Iso3, ccode: u16, year: i32) -> IdealPoint {
        IdealPoint {
            country,
            ccode,
            year,
            fp: None,
            all: None,
            legacy: None,
            nvotes_fp: None,
            nvotes_all: None,
            q5_fp: None,
            q95_fp: None,
        }
    }

    /// `idealpointfp` when it rests on at least `min_votes` final-passage votes (`nvotesfp`;
    /// a missing count counts as 0, so `min_votes = 0` takes every estimate).
    ///
    /// # Examples
    /// ```
    /// use linkage::{iso3, sources::ideal_points::IdealPoint};
    /// // São Tomé 2015: an estimate resting on one final-passage vote.
    /// let p = IdealPoint { fp: Some(-0.4), nvotes_fp: Some(1), ..IdealPoint::new(iso3!("STP"), 403, 2015) };
    /// assert_eq!(p.fp_with(10), None);
    /// assert_eq!(p.fp_with(0), Some(-0.4));
    /// ```
    pub fn fp_with(&self, min_votes: u32) -> Option<f64> {
        self.fp.filter(|_| self.nvotes_fp.unwrap_or(0) >= min_votes)
    }
}

/// The ideal points by calendar year and country; at most one per (country, year).
///
/// # Examples
/// ```
/// use linkage::{iso3, sources::ideal_points::{IdealPoint, IdealPoints}};
/// let pts: IdealPoints = [
///     IdealPoint { fp: Some(2.2), ..IdealPoint::new(iso3!("USA"), 2, 2024) },
///     IdealPoint { fp: Some(-0.6), ..IdealPoint::new(iso3!("VNM"), 816, 2024) },
/// ].into_iter().collect();
/// assert_eq!(pts.len(), 2);
/// assert_eq!(pts.get(iso3!("VNM"), 2024).and_then(|p| p.fp), Some(-0.6));
/// assert_eq!(pts.in_year(2024).count(), 2);
/// assert_eq!(pts.years().collect::<Vec<_>>(), vec![2024]);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IdealPoints {
    by_year: BTreeMap<i32, BTreeMap<Iso3, IdealPoint>>,
}

impl IdealPoints {
    /// The country-year, if present.
    ///
    /// # Examples
    /// ```
    /// use linkage::{iso3, sources::ideal_points::{IdealPoint, IdealPoints}};
    /// let pts: IdealPoints = [IdealPoint::new(iso3!("VNM"), 816, 2024)].into_iter().collect();
    /// assert!(pts.get(iso3!("VNM"), 2024).is_some());
    /// assert!(pts.get(iso3!("VNM"), 2023).is_none());
    /// ```
    pub fn get(&self, country: Iso3, year: i32) -> Option<&IdealPoint> {
        self.by_year.get(&year)?.get(&country)
    }

    /// The country-years of one year, by country code.
    ///
    /// # Examples
    /// ```
    /// use linkage::{iso3, sources::ideal_points::{IdealPoint, IdealPoints}};
    /// let pts: IdealPoints = [
    ///     IdealPoint::new(iso3!("VNM"), 816, 2024),
    ///     IdealPoint::new(iso3!("JPN"), 740, 2024),
    ///     IdealPoint::new(iso3!("JPN"), 740, 2023),
    /// ].into_iter().collect();
    /// let codes: Vec<_> = pts.in_year(2024).map(|p| p.country).collect();
    /// assert_eq!(codes, [iso3!("JPN"), iso3!("VNM")]);
    /// assert_eq!(pts.in_year(1964).count(), 0);
    /// ```
    pub fn in_year(&self, year: i32) -> impl Iterator<Item = &IdealPoint> + '_ {
        self.by_year.get(&year).into_iter().flat_map(|m| m.values())
    }

    /// The years present, ascending.
    ///
    /// # Examples
    /// ```
    /// use linkage::{iso3, sources::ideal_points::{IdealPoint, IdealPoints}};
    /// let pts: IdealPoints = [
    ///     IdealPoint::new(iso3!("JPN"), 740, 2024),
    ///     IdealPoint::new(iso3!("JPN"), 740, 1957),
    /// ].into_iter().collect();
    /// assert_eq!(pts.years().collect::<Vec<_>>(), [1957, 2024]);
    /// ```
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.by_year.keys().copied()
    }

    /// Every country-year, by year then country.
    ///
    /// # Examples
    /// ```
    /// use linkage::{iso3, sources::ideal_points::{IdealPoint, IdealPoints}};
    /// let pts: IdealPoints = [
    ///     IdealPoint::new(iso3!("VNM"), 816, 2023),
    ///     IdealPoint::new(iso3!("JPN"), 740, 2024),
    /// ].into_iter().collect();
    /// let keys: Vec<_> = pts.iter().map(|p| (p.year, p.country)).collect();
    /// assert_eq!(keys, [(2023, iso3!("VNM")), (2024, iso3!("JPN"))]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &IdealPoint> + '_ {
        self.by_year.values().flat_map(|m| m.values())
    }

    /// Number of country-years.
    ///
    /// # Examples
    /// ```
    /// use linkage::{iso3, sources::ideal_points::{IdealPoint, IdealPoints}};
    /// let p = IdealPoint::new(iso3!("JPN"), 740, 2024);
    /// // The same (country, year) twice: the later replaces the earlier.
    /// let pts: IdealPoints = [p, IdealPoint { fp: Some(0.8), ..p }].into_iter().collect();
    /// assert_eq!(pts.len(), 1);
    /// assert_eq!(pts.get(iso3!("JPN"), 2024).unwrap().fp, Some(0.8));
    /// ```
    pub fn len(&self) -> usize {
        self.by_year.values().map(BTreeMap::len).sum()
    }

    /// Whether there is none.
    ///
    /// # Examples
    /// ```
    /// use linkage::sources::ideal_points::IdealPoints;
    /// assert!(IdealPoints::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.by_year.is_empty()
    }

    /// Insert, returning the country-year it replaces.
    fn insert(&mut self, p: IdealPoint) -> Option<IdealPoint> {
        self.by_year.entry(p.year).or_default().insert(p.country, p)
    }
}

impl FromIterator<IdealPoint> for IdealPoints {
    /// Collect country-years; a later one with the same (country, year) replaces an earlier.
    fn from_iter<I: IntoIterator<Item = IdealPoint>>(iter: I) -> Self {
        let mut out = IdealPoints::default();
        for p in iter {
            out.insert(p);
        }
        out
    }
}

/// A vote count: empty is missing, otherwise a non-negative integer.
fn count(cells: &Cells<'_>, i: usize) -> Result<Option<u32>> {
    if cells.text(i).is_none() {
        return Ok(None);
    }
    let n = cells.int(i)?;
    u32::try_from(n)
        .map(Some)
        .map_err(|_| cells.invalid(i, format!("{n} is not a count of votes")))
}

/// Read the ideal-point file.
///
/// The account: used = country-years in the records; excluded, by reason, the rows whose state
/// maps to no ISO3 code (naming the COW number, `iso3c` and name) and rows with no estimate at
/// all.
///
/// # Errors
/// Missing columns; an unreadable cell ([`Error::Parse`], [`Error::NonFinite`]); a year outside
/// 1946–2030; a `ccode` that is not a COW number or a negative vote count ([`Error::Invalid`]);
/// a known `iso3c` that contradicts the ISO3 code of a mapped `ccode` ([`Error::Invalid`]);
/// a repeated (`ccode`, year) or (ISO3, year) ([`Error::DuplicateKey`]). Each names the file,
/// row and field.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::ideal_points};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let l = ideal_points::load(&data.join(ideal_points::FILE), &c).unwrap();
/// assert!(l.accounting.balances());
/// // Line 79: `2,USA,United States,2024,2.206202,,,100,…`: the final-passage estimate only.
/// let us = l.records.get(iso3!("USA"), 2024).unwrap();
/// assert_eq!((us.fp, us.all, us.nvotes_fp), (Some(2.206202), None, Some(100)));
/// ```
pub fn load(path: &Path, conc: &Concordance) -> Result<Loaded<IdealPoints>> {
    let t = Table::read(path)?;
    let ccode = t.column("ccode")?;
    let iso3c = t.column("iso3c")?;
    let name = t.column("countryname")?;
    let year = t.column("year")?;
    let fp = t.column("idealpointfp")?;
    let all = t.column("idealpointall")?;
    let legacy = t.column("idealpointlegacy")?;
    let nvotes_fp = t.column("nvotesfp")?;
    let nvotes_all = t.column("nvotesall")?;
    let q5 = t.column("q5fp")?;
    let q95 = t.column("q95fp")?;
    let mut acc = Accounting::new("unga ideal points", path.display().to_string());
    let mut out = IdealPoints::default();
    let mut seen: HashMap<(u16, i32), usize> = HashMap::new();
    let mut mapped: HashMap<(Iso3, i32), usize> = HashMap::new();
    for i in 0..t.height() {
        let n = ccode.int(i)?;
        let n = u16::try_from(n)
            .map_err(|_| ccode.invalid(i, format!("{n} is not a COW state number")))?;
        let y = year.year(i, MIN_YEAR, MAX_YEAR)?;
        if let Some(first) = seen.insert((n, y), i + 1) {
            return Err(Error::DuplicateKey {
                at: Location::row(path, i + 1),
                first_row: first,
                key: format!("(ccode {n}, {y})"),
            });
        }
        let code = iso3c.text(i);
        let by_cow = conc.from_cow(n);
        let country = match code.and_then(|c| conc.parse_iso3(c)) {
            Some(c) => {
                if let Some(k) = by_cow.filter(|k| *k != c) {
                    return Err(iso3c.invalid(
                        i,
                        format!("iso3c {c} contradicts ccode {n}, which is {k} in the concordance"),
                    ));
                }
                Some(c)
            }
            None => by_cow,
        };
        let Some(country) = country else {
            acc.exclude(
                format!(
                    "state not mapped to ISO3 (historical state): ccode {n}, iso3c {}, {}",
                    code.unwrap_or("empty"),
                    name.text(i).unwrap_or("no name")
                ),
                1,
            );
            continue;
        };
        let p = IdealPoint {
            country,
            ccode: n,
            year: y,
            fp: fp.f64(i)?,
            all: all.f64(i)?,
            legacy: legacy.f64(i)?,
            nvotes_fp: count(&nvotes_fp, i)?,
            nvotes_all: count(&nvotes_all, i)?,
            q5_fp: q5.f64(i)?,
            q95_fp: q95.f64(i)?,
        };
        if let Some(first) = mapped.insert((country, y), i + 1) {
            return Err(Error::DuplicateKey {
                at: Location::row(path, i + 1),
                first_row: first,
                key: format!("({country}, {y}) after mapping codes to ISO3"),
            });
        }
        if p.fp.is_none() && p.all.is_none() && p.legacy.is_none() {
            acc.exclude(
                "no estimate (idealpointfp, idealpointall and idealpointlegacy empty)",
                1,
            );
            continue;
        }
        out.insert(p);
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
    use approx::assert_relative_eq;

    const HEADER: &str = "ccode,iso3c,countryname,year,idealpointfp,idealpointall,idealpointlegacy,nvotesfp,q5fp,q95fp,nvotesall";

    fn conc() -> Concordance {
        Concordance::load(crate::default_data_dir()).unwrap()
    }

    fn read(text: &str) -> Result<Loaded<IdealPoints>> {
        let p = temp_file("ideal.csv", &format!("{HEADER}\n{text}"));
        let out = load(&p, &conc());
        let _ = std::fs::remove_file(p);
        out
    }

    #[test]
    fn real_file_spot_values_and_accounts() {
        let (path, c) = crate::testutil::setup(FILE);
        let l = load(&path, &c).unwrap();
        let (acc, r) = (&l.accounting, &l.records);
        assert!(acc.balances());
        assert_eq!(acc.rows_in(), 11_440);
        assert_eq!(acc.rows_used(), r.len());
        // Historical states the concordance does not map (COW spell ended before 2014), by
        // (ccode, iso3c): Yugoslavia/Serbia 345 YUG 71 rows, Czechoslovakia 315 CSK 46, Yemen
        // Arab Republic 678 YAR 42 (+ 1 legacy-only row without iso3c), Yemen People's
        // Republic 680 YAR 23, GDR 265 DDR 17, and the legacy-only FRG row 260 1990.
        let ex = acc.exclusions();
        let n = |k: &str| ex.get(k).copied().unwrap_or(0);
        let why = "state not mapped to ISO3 (historical state): ccode";
        assert_eq!(n(&format!("{why} 345, iso3c YUG, Yugoslavia")), 71);
        assert_eq!(n(&format!("{why} 315, iso3c CSK, Czechoslovakia")), 46);
        assert_eq!(n(&format!("{why} 678, iso3c YAR, Yemen Arab Republic")), 42);
        assert_eq!(
            n(&format!("{why} 680, iso3c YAR, Yemen People's Republic")),
            23
        );
        assert_eq!(
            n(&format!("{why} 265, iso3c DDR, German Democratic Republic")),
            17
        );
        assert_eq!(n(&format!("{why} 260, iso3c empty, no name")), 1);
        assert_eq!(n(&format!("{why} 678, iso3c empty, no name")), 1);
        assert_eq!(acc.rows_excluded(), 71 + 46 + 42 + 23 + 17 + 1 + 1);
        assert_eq!(acc.rows_used(), 11_440 - 201);
        // Line 79 `2,USA,United States,2024,2.206202,,,100,1.862241,2.003996,…,2.409623,…`.
        let us = r.get(iso3!("USA"), 2024).unwrap();
        assert_eq!(us.fp, Some(2.206202));
        assert_eq!((us.all, us.legacy, us.nvotes_fp), (None, None, Some(100)));
        assert_eq!((us.q5_fp, us.q95_fp), (Some(2.003996), Some(2.409623)));
        // Line 10489 `816,VNM,Vietnam,2024,-0.5954855,,,97,…`; line 10039 Myanmar 2024.
        assert_eq!(r.get(iso3!("VNM"), 2024).unwrap().fp, Some(-0.5954855));
        assert_eq!(r.get(iso3!("MMR"), 2024).unwrap().fp, Some(-0.1119318));
        // Line 70 `2,USA,United States,2015,2.447947,2.636842,2.546129,78,…,95,…`.
        let us = r.get(iso3!("USA"), 2015).unwrap();
        assert_eq!(
            (us.fp, us.all, us.legacy),
            (Some(2.447947), Some(2.636842), Some(2.546129))
        );
        assert_eq!((us.nvotes_fp, us.nvotes_all), (Some(78), Some(95)));
        // Line 11439 `740,,,1956,,,0.6111358,…`: no iso3c, joined on COW 740 = Japan.
        let jp = r.get(iso3!("JPN"), 1956).unwrap();
        assert_eq!((jp.ccode, jp.fp, jp.legacy), (740, None, Some(0.6111358)));
        // Line 3135: the German Federal Republic (COW 260) is DEU as the source codes it.
        let de = r.get(iso3!("DEU"), 1985).unwrap();
        assert_eq!((de.ccode, de.fp), (260, Some(1.847329)));
        // 1971: both China seats (lines 9427 and 9568).
        assert_relative_eq!(r.get(iso3!("CHN"), 1971).unwrap().fp.unwrap(), -0.7400867);
        assert_relative_eq!(r.get(iso3!("TWN"), 1971).unwrap().fp.unwrap(), 0.754487);
        assert!(r.get(iso3!("CHN"), 1970).is_none());
        // 1946–2024 without 1964 (no recorded votes in the 19th session); 2024: 190 countries
        // with a final-passage estimate here (191 in the source, Serbia's `YUG` unmapped).
        let years: Vec<i32> = r.years().collect();
        assert_eq!((years[0], *years.last().unwrap()), (1946, 2024));
        assert!(!years.contains(&1964));
        assert_eq!(years.len(), 78);
        assert_eq!(r.in_year(2024).filter(|p| p.fp.is_some()).count(), 190);
        assert!(r.in_year(2024).all(|p| p.all.is_none()));
        assert!(r.iter().all(|p| p.country != iso3!("SRB")));
    }

    #[test]
    fn missing_iso3_is_joined_on_the_cow_number_else_counted() {
        let l = read(
            "816,VNM,Vietnam,2024,-0.59,,,97,-0.77,-0.43,\n\
             740,,,1956,,,0.61,,,,\n\
             345,YUG,Yugoslavia,2024,0.5,,,90,,,\n\
             9,,,2000,,,,,,,\n",
        )
        .unwrap();
        let (acc, r) = (&l.accounting, &l.records);
        assert_eq!(r.len(), 2);
        assert_eq!(r.get(iso3!("JPN"), 1956).unwrap().legacy, Some(0.61));
        assert_eq!(r.get(iso3!("VNM"), 2024).unwrap().fp_with(97), Some(-0.59));
        assert_eq!(r.get(iso3!("VNM"), 2024).unwrap().fp_with(98), None);
        assert_eq!((acc.rows_in(), acc.rows_used()), (4, 2));
        assert_eq!(
            acc.exclusions()["state not mapped to ISO3 (historical state): ccode 345, iso3c YUG, Yugoslavia"],
            1
        );
        assert_eq!(
            acc.exclusions()["state not mapped to ISO3 (historical state): ccode 9, iso3c empty, no name"],
            1
        );
        // A mapped state with no estimate at all is counted too.
        let l = read("816,VNM,Vietnam,2024,,,,,,,\n").unwrap();
        assert_eq!(l.accounting.rows_excluded(), 1);
        assert!(l.records.is_empty());
    }

    #[test]
    fn bad_cells_are_typed_errors_naming_row_and_field() {
        // iso3c contradicting ccode (COW 816 is Vietnam).
        let e = read("816,VNM,Vietnam,2023,-0.6,,,90,,,\n816,JPN,Japan,2024,0.8,,,90,,,\n")
            .unwrap_err();
        assert!(
            matches!(e, Error::Invalid { ref at, .. } if at.is_cell(2, "iso3c")),
            "{e}"
        );
        // An unreadable estimate, a negative vote count, a year out of range.
        let e = read("816,VNM,Vietnam,2024,high,,,90,,,\n").unwrap_err();
        assert!(
            matches!(e, Error::Parse { ref at, .. } if at.is_cell(1, "idealpointfp")),
            "{e}"
        );
        let e = read("816,VNM,Vietnam,2024,-0.6,,,-3,,,\n").unwrap_err();
        assert!(
            matches!(e, Error::Invalid { ref at, .. } if at.is_cell(1, "nvotesfp")),
            "{e}"
        );
        let e = read("816,VNM,Vietnam,1899,-0.6,,,90,,,\n").unwrap_err();
        assert!(
            matches!(e, Error::YearOutOfRange { ref at, .. } if at.is_cell(1, "year")),
            "{e}"
        );
        let e = read("-816,VNM,Vietnam,2024,-0.6,,,90,,,\n").unwrap_err();
        assert!(
            matches!(e, Error::Invalid { ref at, .. } if at.is_cell(1, "ccode")),
            "{e}"
        );
        let e = read("816,VNM,Vietnam,2024,inf,,,90,,,\n").unwrap_err();
        assert!(matches!(e, Error::NonFinite { .. }), "{e}");
        // Repeated keys: the same (ccode, year), and two COW numbers with one ISO3 code.
        let e = read("816,VNM,Vietnam,2024,-0.6,,,90,,,\n816,VNM,Vietnam,2024,-0.5,,,90,,,\n")
            .unwrap_err();
        assert!(matches!(e, Error::DuplicateKey { first_row: 1, .. }), "{e}");
        let e = read(
            "260,DEU,German Federal Republic,1985,1.8,,,90,,,\n255,DEU,Germany,1985,1.7,,,90,,,\n",
        )
        .unwrap_err();
        assert!(
            matches!(e, Error::DuplicateKey { first_row: 1, ref at, .. } if at.row == Some(2)),
            "{e}"
        );
        // A missing column.
        let p = temp_file("cols.csv", "ccode,iso3c,year\n2,USA,2024\n");
        assert!(matches!(
            load(&p, &conc()),
            Err(Error::MissingColumn { .. })
        ));
        let _ = std::fs::remove_file(p);
    }
}
