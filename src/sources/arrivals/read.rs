//! Reading and checking one file: every row typed, every excluded row counted.

use std::collections::HashMap;
use std::path::Path;

use super::{Arrival, ArrivalsFile, Origin, Series};
use crate::error::Result;
use crate::io::table::{Cells, Table};
use crate::iso3;
use crate::panel::accounting::Accounting;
use crate::panel::country::{Concordance, Iso3};
use crate::sources::Loaded;

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

/// Read the ten files of `dir` (the folder [`DIR`](super::DIR) under the data directory), in
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
/// ([`Error::UnknownCountry`](crate::Error::UnknownCountry)); a destination other than the file's (or, in the UNWTO outbound
/// file, an origin other than China); an `origin_type` other than `country`, `aggregate` or
/// `unmapped`, or an origin code on an aggregate row; a year outside [`ArrivalsFile::years`];
/// an empty, unparseable, fractional or negative ([`Error::Negative`](crate::Error::Negative)) `arrivals`;
/// `months_present` other than empty or 12; a missing or unknown series in a UNWTO file
/// (inbound: `VFN` only) or a series elsewhere; a `status` other than `final`, `provisional` or
/// empty; a repeated (destination, origin, year, series) ([`Error::DuplicateKey`](crate::Error::DuplicateKey)).
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
        let arrivals = count(&c.arrivals, i)?;
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
            return Err(c
                .dest
                .duplicate_key(i, first, format!("({d}, {o}, {y}, {s:?})")));
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
fn count(cells: &Cells<'_>, i: usize) -> Result<f64> {
    let n = cells.required_non_negative(i, "arrivals (a count of entries)")?;
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
