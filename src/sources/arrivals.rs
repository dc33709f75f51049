//! Visitor arrivals by country of origin: the ten files of `data/tourism_by_origin/`
//! (PROVENANCE §20), one common 13-column format (`destination_iso3, destination_label,
//! origin_iso3, origin_label, origin_type, year, arrivals, months_present, measure, series,
//! status, note, source`).
//!
//! | file ([`ArrivalsFile`]) | destination | years | total row |
//! |---|---|---|---|
//! | JNTO workbook (§20a) | JPN | 2003–2021 | `総数` |
//! | JNTO all nationalities (§20b) | JPN | 2019–2024 | none (only `Stateless and others`, `Unknown`) |
//! | JNTO by nationality/purpose, RituBansal12 (§20c) | JPN | 1996–2024 | none |
//! | KTO (§20d) | KOR | 2005–2022 | `전 체` |
//! | UNWTO China inbound (§20e) | CHN | 2014–2018 | `TOTAL` |
//! | UNWTO China outbound (§20f) | 164 destinations | 1995–2018 | none (origin always CHN) |
//! | India FTAs (§20g) | IND | 2004–2015 | none |
//! | India FTAs (§20h) | IND | 2021 | `Grand Total` |
//! | STB Singapore (§20i) | SGP | 1978–2016 | none |
//! | VNAT Vietnam (§20j) | VNM | 2018 | none |
//!
//! Each row becomes an [`Arrival`]; what the adapter keeps and drops (counted per file):
//! - `origin_type = country`: kept, the origin code checked against the concordance (an unknown
//!   code is an [`Error::UnknownCountry`]). Every code in the shipped files is known, including
//!   `ANT` (Netherlands Antilles, a withdrawn code: `country_converter` still lists it; §20e has
//!   five rows with values 0–3), `XKX` (Kosovo) and `CXR`; none of them is excluded. A withdrawn
//!   code simply has no WDI population, so the per-capita indicators count it as missing.
//! - `origin_type = aggregate`: the file's **total row** (the label of
//!   [`ArrivalsFile::total_label`]) is kept as [`Origin::Total`]; every other aggregate
//!   (regions, "others", stateless, unknown, overseas Koreans `교포`) is excluded and counted.
//! - `origin_type = unmapped`: excluded and counted (India's `Czechoslovakia`, 11 rows, §20g).
//! - A row whose origin is its destination: excluded and counted (none in the shipped files).
//!
//! Nothing is filtered by year or by precedence here: which file gives a value for which year
//! (JNTO's three files, China inbound only from 2016, one UNWTO outbound series per
//! destination) is decided in [`crate::derive::people`].
//!
//! Known defects kept as published (PROVENANCE §20): the JNTO workbook's 2021 values are
//! provisional ([`Arrival::provisional`]); in UNWTO's China inbound table **India 2018 equals
//! Indonesia 2018** (708,517), so India 2018 is suspect — the row is kept for a data-quality
//! rule to judge; the JNTO 1996–2024 file swaps Singapore and Malaysia in 2003–2004 (and, by
//! the continuity of both series, most likely before 2003 as well; see
//! [`crate::derive::people`]); all series collapse in 2020–2022 (real values).

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::io::table::{Cells, Table};
use crate::iso3;
use crate::panel::accounting::Accounting;
use crate::panel::country::{Concordance, Iso3};
use crate::sources::Loaded;

/// The folder of the arrivals files, relative to the data directory.
///
/// # Examples
/// ```
/// use linkage::sources::arrivals;
/// assert!(linkage::default_data_dir().join(arrivals::DIR).is_dir());
/// ```
pub const DIR: &str = "tourism_by_origin";

/// One of the ten arrivals files of [`DIR`], with the rules the adapter applies to it.
///
/// # Examples
/// ```
/// use linkage::{iso3, sources::arrivals::{self, ArrivalsFile}};
/// let dir = linkage::default_data_dir().join(arrivals::DIR);
/// assert!(ArrivalsFile::ALL.iter().all(|f| dir.join(f.file_name()).exists()));
/// assert_eq!(ArrivalsFile::Kto.destination(), Some(iso3!("KOR")));
/// assert_eq!(ArrivalsFile::Kto.total_label(), Some("전 체"));
/// assert_eq!(ArrivalsFile::ChinaOutbound.destination(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ArrivalsFile {
    /// JNTO workbook `since2003_visitor_arrivals`, Japan 2003–2021 (§20a).
    JntoWorkbook,
    /// JNTO, all 198 nationalities, Japan 2019–2024 (§20b).
    JntoAllNationalities,
    /// JNTO by nationality/purpose via RituBansal12, Japan 1996–2024 (§20c).
    JntoLong,
    /// Korea Tourism Organization, Korea 2005–2022 (§20d).
    Kto,
    /// UNWTO Yearbook, arrivals in China by nationality (`VFN`), 2014–2018 (§20e).
    ChinaInbound,
    /// UNWTO outbound: Chinese arrivals as 164 destinations record them, 1995–2018 (§20f).
    ChinaOutbound,
    /// India, foreign tourist arrivals by nationality, 2004–2015 (§20g).
    India2004,
    /// India, foreign tourist arrivals by nationality, 2021 (§20h).
    India2021,
    /// Singapore Tourism Board, visitor arrivals by country of residence, 1978–2016 (§20i).
    Singapore,
    /// VNAT, international visitors to Vietnam by market, 2018 (top 29 markets, §20j).
    Vietnam,
}

impl ArrivalsFile {
    /// The ten files, in the order [`load`] reads them.
    pub const ALL: [ArrivalsFile; 10] = [
        ArrivalsFile::JntoWorkbook,
        ArrivalsFile::JntoAllNationalities,
        ArrivalsFile::JntoLong,
        ArrivalsFile::Kto,
        ArrivalsFile::ChinaInbound,
        ArrivalsFile::ChinaOutbound,
        ArrivalsFile::India2004,
        ArrivalsFile::India2021,
        ArrivalsFile::Singapore,
        ArrivalsFile::Vietnam,
    ];

    /// The file name inside [`DIR`].
    pub fn file_name(self) -> &'static str {
        match self {
            ArrivalsFile::JntoWorkbook => "jnto_japan_arrivals_by_nationality_2003_2021.csv",
            ArrivalsFile::JntoAllNationalities => {
                "jnto_japan_arrivals_all_nationalities_2019_2024.csv"
            }
            ArrivalsFile::JntoLong => "jnto_japan_arrivals_by_nationality_1996_2024.csv",
            ArrivalsFile::Kto => "kto_korea_arrivals_by_nationality_2005_2022.csv",
            ArrivalsFile::ChinaInbound => "unwto_china_arrivals_by_nationality_2014_2018.csv",
            ArrivalsFile::ChinaOutbound => "unwto_china_outbound_by_destination_1995_2018.csv",
            ArrivalsFile::India2004 => "india_fta_by_nationality_2004_2015.csv",
            ArrivalsFile::India2021 => "india_fta_by_nationality_2021.csv",
            ArrivalsFile::Singapore => "stb_singapore_arrivals_by_residence_1978_2016.csv",
            ArrivalsFile::Vietnam => "vnat_vietnam_arrivals_by_market_2018.csv",
        }
    }

    /// The one destination every row must have; `None` for the UNWTO outbound file, whose
    /// destinations vary (its origin is always China instead).
    pub fn destination(self) -> Option<Iso3> {
        match self {
            ArrivalsFile::JntoWorkbook
            | ArrivalsFile::JntoAllNationalities
            | ArrivalsFile::JntoLong => Some(iso3!("JPN")),
            ArrivalsFile::Kto => Some(iso3!("KOR")),
            ArrivalsFile::ChinaInbound => Some(iso3!("CHN")),
            ArrivalsFile::ChinaOutbound => None,
            ArrivalsFile::India2004 | ArrivalsFile::India2021 => Some(iso3!("IND")),
            ArrivalsFile::Singapore => Some(iso3!("SGP")),
            ArrivalsFile::Vietnam => Some(iso3!("VNM")),
        }
    }

    /// The `origin_label` of the file's total row (all nationalities together), or `None` when
    /// the file has none. Only these four files have one; the JNTO all-nationalities file lists
    /// `Stateless and others` and `Unknown` but no total, and its sum over areas is not a row.
    pub fn total_label(self) -> Option<&'static str> {
        match self {
            ArrivalsFile::JntoWorkbook => Some("総数"),
            ArrivalsFile::Kto => Some("전 체"),
            ArrivalsFile::ChinaInbound => Some("TOTAL"),
            ArrivalsFile::India2021 => Some("Grand Total"),
            _ => None,
        }
    }

    /// First and last year the file covers (a year outside is an error).
    pub fn years(self) -> (i32, i32) {
        match self {
            ArrivalsFile::JntoWorkbook => (2003, 2021),
            ArrivalsFile::JntoAllNationalities => (2019, 2024),
            ArrivalsFile::JntoLong => (1996, 2024),
            ArrivalsFile::Kto => (2005, 2022),
            ArrivalsFile::ChinaInbound => (2014, 2018),
            ArrivalsFile::ChinaOutbound => (1995, 2018),
            ArrivalsFile::India2004 => (2004, 2015),
            ArrivalsFile::India2021 => (2021, 2021),
            ArrivalsFile::Singapore => (1978, 2016),
            ArrivalsFile::Vietnam => (2018, 2018),
        }
    }

    /// Whether the rows carry a UNWTO series code (the two UNWTO files); elsewhere `series` is
    /// empty.
    pub fn has_series(self) -> bool {
        matches!(
            self,
            ArrivalsFile::ChinaInbound | ArrivalsFile::ChinaOutbound
        )
    }

    /// Short name for accounts and messages.
    pub fn label(self) -> &'static str {
        match self {
            ArrivalsFile::JntoWorkbook => "arrivals: JNTO workbook 2003-2021",
            ArrivalsFile::JntoAllNationalities => "arrivals: JNTO all nationalities 2019-2024",
            ArrivalsFile::JntoLong => "arrivals: JNTO by nationality 1996-2024",
            ArrivalsFile::Kto => "arrivals: KTO Korea 2005-2022",
            ArrivalsFile::ChinaInbound => "arrivals: UNWTO China inbound 2014-2018",
            ArrivalsFile::ChinaOutbound => "arrivals: UNWTO China outbound 1995-2018",
            ArrivalsFile::India2004 => "arrivals: India FTAs 2004-2015",
            ArrivalsFile::India2021 => "arrivals: India FTAs 2021",
            ArrivalsFile::Singapore => "arrivals: STB Singapore 1978-2016",
            ArrivalsFile::Vietnam => "arrivals: VNAT Vietnam 2018",
        }
    }
}

/// A UNWTO series code (§20e, §20f), declared in the order of preference of the catalogue's
/// formula: frontier counts first (visitors, then tourists; nationality before residence),
/// then hotels and similar establishments, then all collective accommodation. `Ord` follows
/// that order, so the smallest series present is the preferred one.
///
/// # Examples
/// ```
/// use linkage::sources::arrivals::Series;
/// assert_eq!(Series::parse("TFN"), Some(Series::Tfn));
/// assert!(Series::Vfn < Series::Tfr && Series::Tfr < Series::Thsn);
/// assert_eq!(Series::PRECEDENCE.map(Series::code).join(" "), "VFN VFR TFN TFR THSN THSR TCEN TCER");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Series {
    /// Visitors (including same-day) at frontiers, by nationality.
    Vfn,
    /// Visitors at frontiers, by residence.
    Vfr,
    /// Tourists (overnight) at frontiers, by nationality.
    Tfn,
    /// Tourists at frontiers, by residence.
    Tfr,
    /// Tourists in hotels and similar establishments, by nationality.
    Thsn,
    /// Tourists in hotels and similar establishments, by residence.
    Thsr,
    /// Tourists in all collective accommodation establishments, by nationality.
    Tcen,
    /// Tourists in all collective accommodation establishments, by residence.
    Tcer,
}

impl Series {
    /// Every series, most preferred first.
    pub const PRECEDENCE: [Series; 8] = [
        Series::Vfn,
        Series::Vfr,
        Series::Tfn,
        Series::Tfr,
        Series::Thsn,
        Series::Thsr,
        Series::Tcen,
        Series::Tcer,
    ];

    /// The UNWTO code, e.g. `"TFN"`.
    pub fn code(self) -> &'static str {
        match self {
            Series::Vfn => "VFN",
            Series::Vfr => "VFR",
            Series::Tfn => "TFN",
            Series::Tfr => "TFR",
            Series::Thsn => "THSN",
            Series::Thsr => "THSR",
            Series::Tcen => "TCEN",
            Series::Tcer => "TCER",
        }
    }

    /// The series of a UNWTO code (exact, upper case).
    pub fn parse(code: &str) -> Option<Series> {
        Series::PRECEDENCE.into_iter().find(|s| s.code() == code)
    }
}

/// The origin of an arrivals row: one country, or the file's total row.
///
/// # Examples
/// ```
/// use linkage::{iso3, sources::arrivals::Origin};
/// assert_eq!(Origin::Country(iso3!("KOR")).country(), Some(iso3!("KOR")));
/// assert_eq!(Origin::Total.country(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Origin {
    /// A single economy (Hong Kong, Macao and Taiwan included), by nationality or residence.
    Country(Iso3),
    /// All origins together: the row of [`ArrivalsFile::total_label`].
    Total,
}

impl Origin {
    /// The country, unless this is the total.
    pub fn country(self) -> Option<Iso3> {
        match self {
            Origin::Country(c) => Some(c),
            Origin::Total => None,
        }
    }
}

/// Arrivals from one origin in one destination and year, as one file gives them.
///
/// # Examples
/// ```
/// use linkage::{iso3, sources::arrivals::{Arrival, ArrivalsFile, Origin}};
/// // `KOR,한국,USA,미  국,country,2019,1044038,…`
/// let a = Arrival {
///     file: ArrivalsFile::Kto, row: 1, destination: iso3!("KOR"),
///     origin: Origin::Country(iso3!("USA")), year: 2019, arrivals: 1_044_038.0,
///     series: None, provisional: false,
/// };
/// assert_eq!(a.origin.country(), Some(iso3!("USA")));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arrival {
    /// The file the row comes from.
    pub file: ArrivalsFile,
    /// The 1-based data row in that file (header not counted), for messages.
    pub row: usize,
    /// The country that counted the arrivals.
    pub destination: Iso3,
    /// The visitors' country of nationality (residence for Singapore and the UNWTO `…R`
    /// series), or the total.
    pub origin: Origin,
    /// Calendar year.
    pub year: i32,
    /// Arrivals (entries, not persons), a whole number ≥ 0.
    pub arrivals: f64,
    /// The UNWTO series (the two UNWTO files only).
    pub series: Option<Series>,
    /// The source marks the value provisional (JNTO workbook, 2021).
    pub provisional: bool,
}

/// The columns of one file.
struct Columns<'a> {
    dest: Cells<'a>,
    origin: Cells<'a>,
    label: Cells<'a>,
    kind: Cells<'a>,
    year: Cells<'a>,
    arrivals: Cells<'a>,
    months: Cells<'a>,
    series: Cells<'a>,
    status: Cells<'a>,
}

/// What one row is, before the duplicate check.
#[derive(PartialEq)]
enum Kind {
    Keep(Origin),
    Aggregate,
    Unmapped,
}

/// Read the ten files of `dir` (the folder [`DIR`] under the data directory), in
/// [`ArrivalsFile::ALL`] order; one [`Accounting`] per file, in the same order.
///
/// # Errors
/// The first row that breaks [`load_file`]'s rules, naming file, row and field.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::arrivals::{self, ArrivalsFile, Origin}};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let (rows, accounts) = arrivals::load(&data.join(arrivals::DIR), &c).unwrap();
/// assert_eq!(accounts.len(), 10);
/// // Koreans in Japan, 2019 (JNTO workbook row `JPN,日本,KOR,韓国,country,2019,5584597,…`).
/// let kr = rows.iter().find(|a| a.file == ArrivalsFile::JntoWorkbook
///     && a.origin == Origin::Country(iso3!("KOR")) && a.year == 2019).unwrap();
/// assert_eq!(kr.arrivals as i64, 5_584_597);
/// ```
pub fn load(dir: &Path, conc: &Concordance) -> Result<(Vec<Arrival>, Vec<Accounting>)> {
    let mut rows = Vec::new();
    let mut accounts = Vec::with_capacity(ArrivalsFile::ALL.len());
    for file in ArrivalsFile::ALL {
        let loaded = load_file(&dir.join(file.file_name()), file, conc)?;
        rows.extend(loaded.records);
        accounts.push(loaded.accounting);
    }
    Ok((rows, accounts))
}

/// Read one arrivals file at `path` under the rules of `file`.
///
/// # Errors
/// A missing column; an unknown destination or country origin code
/// ([`Error::UnknownCountry`]); a destination other than the file's (or, in the UNWTO outbound
/// file, an origin other than China); an `origin_type` other than `country`, `aggregate` or
/// `unmapped`, or an origin code on an aggregate row; a year outside [`ArrivalsFile::years`];
/// an empty, unparseable, fractional or negative ([`Error::Negative`]) `arrivals`;
/// `months_present` other than empty or 12; a missing or unknown series in a UNWTO file
/// (inbound: `VFN` only) or a series elsewhere; a `status` other than `final`, `provisional` or
/// empty; a repeated (destination, origin, year, series) ([`Error::DuplicateKey`]).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::arrivals::{self, ArrivalsFile, Origin}};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let f = ArrivalsFile::Kto;
/// let kto = arrivals::load_file(&data.join(arrivals::DIR).join(f.file_name()), f, &c).unwrap();
/// // Korea's total 2019, row `KOR,한국,,전 체,aggregate,2019,17502756,…`.
/// let total = kto.records.iter().find(|a| a.origin == Origin::Total && a.year == 2019).unwrap();
/// assert_eq!(total.arrivals as i64, 17_502_756);
/// assert!(kto.accounting.balances());
/// ```
pub fn load_file(
    path: &Path,
    file: ArrivalsFile,
    conc: &Concordance,
) -> Result<Loaded<Vec<Arrival>>> {
    let t = Table::read(path)?;
    let c = Columns {
        dest: t.column("destination_iso3")?,
        origin: t.column("origin_iso3")?,
        label: t.column("origin_label")?,
        kind: t.column("origin_type")?,
        year: t.column("year")?,
        arrivals: t.column("arrivals")?,
        months: t.column("months_present")?,
        series: t.column("series")?,
        status: t.column("status")?,
    };
    let mut acc = Accounting::new(file.label(), path.display().to_string());
    let mut out = Vec::with_capacity(t.height());
    let mut first_row = HashMap::new();
    let (first, last) = file.years();
    for i in 0..t.height() {
        let destination = destination(&c.dest, i, file, conc)?;
        let kind = origin(&c, i, file, conc)?;
        let label = c.label.required_text(i)?;
        let year = c.year.year(i, first, last)?;
        let arrivals = count(&c.arrivals, i, path)?;
        months(&c.months, i)?;
        let series = series(&c.series, i, file)?;
        let provisional = provisional(&c.status, i)?;
        let key_origin = match kind {
            Kind::Keep(Origin::Country(o)) => o.to_string(),
            _ => label.to_string(),
        };
        let key = (destination, key_origin, year, series);
        if let Some(first) = first_row.insert(key.clone(), c.dest.row(i)) {
            let (d, o, y, s) = key;
            let s = s.map_or("", Series::code);
            return Err(Error::DuplicateKey {
                at: Location::row(path, c.dest.row(i)),
                first_row: first,
                key: format!("({d}, {o}, {y}, {s:?})"),
            });
        }
        let origin = match kind {
            Kind::Keep(o) => o,
            Kind::Aggregate => {
                acc.exclude(
                    "origin is an aggregate other than the total (region, others, stateless, unknown)",
                    1,
                );
                continue;
            }
            Kind::Unmapped => {
                acc.exclude(
                    "origin label not mapped to a country (India's Czechoslovakia, PROVENANCE §20g)",
                    1,
                );
                continue;
            }
        };
        if origin == Origin::Country(destination) {
            acc.exclude("origin is the destination (self row)", 1);
            continue;
        }
        out.push(Arrival {
            file,
            row: c.dest.row(i),
            destination,
            origin,
            year,
            arrivals,
            series,
            provisional,
        });
        acc.used(1);
    }
    Ok(Loaded {
        records: out,
        accounting: acc,
    })
}

/// The destination of row `i`, which must be the file's own where it has one.
fn destination(dest: &Cells<'_>, i: usize, file: ArrivalsFile, conc: &Concordance) -> Result<Iso3> {
    let text = dest.required_text(i)?;
    let d = conc
        .parse_iso3(text)
        .ok_or_else(|| dest.unknown_country(i, text))?;
    match file.destination() {
        Some(expected) if expected != d => Err(dest.invalid(
            i,
            format!("destination {d} in a file of arrivals in {expected}"),
        )),
        _ => Ok(d),
    }
}

/// The origin of row `i`: a country, the total, another aggregate or an unmapped label.
fn origin(c: &Columns<'_>, i: usize, file: ArrivalsFile, conc: &Concordance) -> Result<Kind> {
    let kind = c.kind.required_text(i)?;
    let code = c.origin.text(i);
    let kind = match (kind, code) {
        ("country", Some(code)) => {
            let o = conc
                .parse_iso3(code)
                .ok_or_else(|| c.origin.unknown_country(i, code))?;
            Kind::Keep(Origin::Country(o))
        }
        ("country", None) => return Err(c.origin.invalid(i, "a country row without a code")),
        ("aggregate" | "unmapped", Some(code)) => {
            return Err(c.origin.invalid(
                i,
                format!("code {code:?} on a row whose origin_type is {kind}"),
            ));
        }
        ("aggregate", None) if Some(c.label.required_text(i)?) == file.total_label() => {
            Kind::Keep(Origin::Total)
        }
        ("aggregate", None) => Kind::Aggregate,
        ("unmapped", None) => Kind::Unmapped,
        (other, _) => {
            return Err(c.kind.invalid(
                i,
                format!("origin_type {other:?} is not country, aggregate or unmapped"),
            ));
        }
    };
    if file == ArrivalsFile::ChinaOutbound && kind != Kind::Keep(Origin::Country(iso3!("CHN"))) {
        return Err(c
            .origin
            .invalid(i, "the UNWTO outbound file holds Chinese arrivals only"));
    }
    Ok(kind)
}

/// Arrivals of row `i`: a whole number ≥ 0.
fn count(cells: &Cells<'_>, i: usize, path: &Path) -> Result<f64> {
    let n = cells.required_f64(i)?;
    if n < 0.0 {
        return Err(Error::Negative {
            at: Location::cell(path, cells.row(i), cells.name()),
            value: n,
            unit: "arrivals (a count of entries)".into(),
        });
    }
    if n.fract() != 0.0 {
        return Err(cells.invalid(i, format!("arrivals {n} is not a whole number")));
    }
    Ok(n)
}

/// `months_present`: empty (an annual source) or 12 (a sum of 12 monthly values).
fn months(cells: &Cells<'_>, i: usize) -> Result<()> {
    match cells.text(i) {
        None | Some("12") => Ok(()),
        Some(other) => Err(cells.invalid(
            i,
            format!("months_present {other:?}: only complete years (12) are written"),
        )),
    }
}

/// The UNWTO series of row `i` (required in the UNWTO files, `VFN` in the inbound one; empty
/// elsewhere).
fn series(cells: &Cells<'_>, i: usize, file: ArrivalsFile) -> Result<Option<Series>> {
    match (file.has_series(), cells.text(i)) {
        (false, None) => Ok(None),
        (false, Some(s)) => Err(cells.invalid(i, format!("series {s:?} in a non-UNWTO file"))),
        (true, None) => Err(cells.invalid(i, "a UNWTO row without a series code")),
        (true, Some(s)) => match Series::parse(s) {
            Some(Series::Vfn) => Ok(Some(Series::Vfn)),
            Some(_) if file == ArrivalsFile::ChinaInbound => {
                Err(cells.invalid(i, format!("series {s:?}: the China inbound table is VFN")))
            }
            Some(x) => Ok(Some(x)),
            None => Err(cells.invalid(i, format!("unknown UNWTO series {s:?}"))),
        },
    }
}

/// Whether `status` marks row `i` provisional.
fn provisional(cells: &Cells<'_>, i: usize) -> Result<bool> {
    match cells.text(i) {
        None | Some("final") => Ok(false),
        Some("provisional") => Ok(true),
        Some(other) => Err(cells.invalid(
            i,
            format!("status {other:?} is not final, provisional or empty"),
        )),
    }
}

#[cfg(test)]
mod tests;
