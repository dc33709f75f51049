//! UNCTAD Bilateral FDI Statistics 2014: inward FDI stock and inflows of each host economy by
//! geographical origin, 2001–2012, millions of current US dollars, as scraped from UNCTAD's
//! per-host workbooks in `desmarais-lab/FDI_IGERT_H` and reshaped to one row per host × origin
//! × year (folder `data/unctad_bilateral_fdi/`, PROVENANCE §17).
//!
//! Two kinds of table are mixed, and [`fdi_table_notes.csv`](NOTES_FILE) says which each host
//! has (column `header_label`):
//! - **"Region / economy"** ([`TableKind::HostReported`]): the host's own statistics, a tree of
//!   regions and countries under a depth-0 `World` row (the total). Regions nest countries and
//!   UNCTAD lists only selected children, so rows are never summed across depths; countries are
//!   picked by their ISO3 code, and the total is the `World` row.
//! - **"Reporting economy"** ([`TableKind::OriginReported`]): a flat list of the origin
//!   economies' own (outward, mirror) reports, with **no total**; a missing origin row means
//!   "not reported", never zero.
//!
//! The table note also gives the basis ([`Basis`]): Myanmar, Mongolia and Taiwan Province of
//! China report flows on an approval basis; Mongolia's stock is on an approval basis too, and
//! Taiwan's stock is an accumulation of approvals since 1952. China's stock is accumulated
//! inflows (kept as [`Basis::Realised`]).
//!
//! Cells: `..` (not available) is an empty value and is excluded and counted; `-` (zero or
//! negligible) is 0, and so is `- -0` (a negative amount that rounds to 0). Negative values are
//! real (disinvestment, reverse flows) and are kept. Kept are only the rows the derivation needs:
//! the `World` total of each hierarchical table and the rows of origins with a country code the
//! concordance knows. Region and group rows (Developed economies, Asia, European Union,
//! "Unspecified", Serbia and Montenegro…), origin codes the concordance does not know, an
//! origin that is the host itself (round-tripping, e.g. Korea in Korea's stock) and `..` cells
//! are excluded and counted.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::error::Result;
use crate::io::table::Table;
use crate::panel::accounting::Accounting;
use crate::panel::country::{Concordance, Iso3};

/// The inward stock file, relative to the data directory.
///
/// # Examples
/// ```
/// use linkage::sources::unctad_fdi;
/// assert!(linkage::default_data_dir().join(unctad_fdi::STOCK_FILE).exists());
/// ```
pub const STOCK_FILE: &str = "unctad_bilateral_fdi/fdi_inward_stock_by_origin_2001_2012.csv";

/// The inflows file, relative to the data directory.
///
/// # Examples
/// ```
/// use linkage::sources::unctad_fdi;
/// assert!(linkage::default_data_dir().join(unctad_fdi::FLOWS_FILE).exists());
/// ```
pub const FLOWS_FILE: &str = "unctad_bilateral_fdi/fdi_inflows_by_origin_2001_2012.csv";

/// The table notes (one row per source workbook sheet), relative to the data directory.
///
/// # Examples
/// ```
/// use linkage::sources::unctad_fdi;
/// assert!(linkage::default_data_dir().join(unctad_fdi::NOTES_FILE).exists());
/// ```
pub const NOTES_FILE: &str = "unctad_bilateral_fdi/fdi_table_notes.csv";

/// Years the source covers.
///
/// # Examples
/// ```
/// assert_eq!(linkage::sources::unctad_fdi::YEARS, (2001, 2012));
/// ```
pub const YEARS: (i32, i32) = (2001, 2012);

/// Which UNCTAD table: inward stock (Table 3) or inflows (Table 1).
///
/// # Examples
/// ```
/// use linkage::sources::unctad_fdi::FdiMeasure;
/// assert_eq!(FdiMeasure::Stock.folder(), "stock");
/// assert_eq!(FdiMeasure::Flows.folder(), "flows");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FdiMeasure {
    /// Inward FDI stock (position) at year end.
    Stock,
    /// FDI inflows during the year.
    Flows,
}

impl FdiMeasure {
    /// The `source_folder` value of the notes file for this measure.
    pub fn folder(self) -> &'static str {
        match self {
            FdiMeasure::Stock => "stock",
            FdiMeasure::Flows => "flows",
        }
    }
}

/// Who reported a host's table (the notes' `header_label`).
///
/// # Examples
/// ```
/// use linkage::sources::unctad_fdi::TableKind;
/// assert_eq!(TableKind::from_header("Region / economy"), Some(TableKind::HostReported));
/// assert_eq!(TableKind::from_header("Reporting economy"), Some(TableKind::OriginReported));
/// assert_eq!(TableKind::from_header("Partner"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableKind {
    /// "Region / economy": the host's own hierarchical table, with a `World` total.
    HostReported,
    /// "Reporting economy": the origins' own reports (mirror data), flat, with no total.
    OriginReported,
}

impl TableKind {
    /// The kind a `header_label` names, if any.
    pub fn from_header(label: &str) -> Option<TableKind> {
        match label.trim() {
            "Region / economy" => Some(TableKind::HostReported),
            "Reporting economy" => Some(TableKind::OriginReported),
            _ => None,
        }
    }
}

/// The basis of a host's table, from its note.
///
/// # Examples
/// ```
/// use linkage::sources::unctad_fdi::Basis;
/// assert_eq!(Basis::from_note("Note:  Data are on an approval basis."), Basis::Approvals);
/// assert_eq!(
///     Basis::from_note("Note:  Data are on an approval basis and are an accumulation of flows since 1952."),
///     Basis::AccumulatedApprovals
/// );
/// assert_eq!(Basis::from_note("Note:  Data refer to accumulated FDI inflows."), Basis::Realised);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// Realised FDI (balance-of-payments flows or positions; also China's accumulated inflows).
    Realised,
    /// Approved, not realised, FDI (note says "approval").
    Approvals,
    /// Approvals accumulated over the years (note says "approval" and "accumulation").
    AccumulatedApprovals,
}

impl Basis {
    /// The basis a note states (case-insensitive "approv", and "accumulat" beside it).
    pub fn from_note(note: &str) -> Basis {
        let n = note.to_lowercase();
        match (n.contains("approv"), n.contains("accumulat")) {
            (true, true) => Basis::AccumulatedApprovals,
            (true, false) => Basis::Approvals,
            (false, _) => Basis::Realised,
        }
    }
}

/// What a host's stock or flows table is: who reported it and on which basis.
///
/// # Examples
/// ```
/// use linkage::sources::unctad_fdi::{Basis, HostTable, TableKind};
/// let t = HostTable { kind: TableKind::HostReported, basis: Basis::Approvals };
/// assert_eq!(t.kind, TableKind::HostReported);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HostTable {
    /// Host-reported (hierarchical, with a World total) or origin-reported (flat).
    pub kind: TableKind,
    /// Realised, approvals or accumulated approvals.
    pub basis: Basis,
}

/// The origin of a kept row: the World total, or one country.
///
/// # Examples
/// ```
/// use linkage::{iso3, sources::unctad_fdi::Origin};
/// assert_ne!(Origin::World, Origin::Country(iso3!("JPN")));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Origin {
    /// The depth-0 `World` row of a hierarchical table (the host's total).
    World,
    /// One origin economy, by its ISO3 code.
    Country(Iso3),
}

/// One kept cell: the host's inward stock or inflow from an origin in a year, US$ million.
///
/// # Examples
/// ```
/// use linkage::{iso3, sources::unctad_fdi::{FdiCell, FdiMeasure, Origin}};
/// // `KOR,KOR,Republic.of.Korea,Japan,JPN,3,Other developed countries,2012,41845,`
/// let c = FdiCell {
///     measure: FdiMeasure::Stock,
///     host: iso3!("KOR"),
///     origin: Origin::Country(iso3!("JPN")),
///     year: 2012,
///     value: 41845.0,
/// };
/// assert_eq!(c.value as i64, 41845);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FdiCell {
    /// Stock or flows.
    pub measure: FdiMeasure,
    /// The host economy (the partner of the panel).
    pub host: Iso3,
    /// The World total or an origin country.
    pub origin: Origin,
    /// Calendar year (India: fiscal year, as UNCTAD labels it).
    pub year: i32,
    /// Millions of current US dollars; may be negative; `-` and `- -0` are 0.
    pub value: f64,
}

/// The loaded UNCTAD tables: per (host, measure) the table's kind and basis, and the kept cells.
///
/// # Examples
/// ```
/// use linkage::{iso3, sources::unctad_fdi::*};
/// let mut fdi = UnctadFdi::default();
/// fdi.tables.insert(
///     (iso3!("KOR"), FdiMeasure::Stock),
///     HostTable { kind: TableKind::HostReported, basis: Basis::Realised },
/// );
/// assert_eq!(fdi.table(iso3!("KOR"), FdiMeasure::Stock).unwrap().basis, Basis::Realised);
/// assert!(fdi.table(iso3!("KOR"), FdiMeasure::Flows).is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UnctadFdi {
    /// Kind and basis of each host's stock and flows table (hosts with a note).
    pub tables: BTreeMap<(Iso3, FdiMeasure), HostTable>,
    /// The kept cells, stock file first, each in file order.
    pub cells: Vec<FdiCell>,
}

impl UnctadFdi {
    /// The kind and basis of `host`'s `measure` table, if it has one.
    pub fn table(&self, host: Iso3, measure: FdiMeasure) -> Option<&HostTable> {
        self.tables.get(&(host, measure))
    }
}

/// Read the notes, stock and flows files from the data directory `data_dir`. Returns one
/// [`Accounting`] per file: notes, stock, flows.
///
/// # Errors
/// A missing file or column; a host code the concordance does not know; a host with data but
/// no note; an unknown `source_folder` or `header_label`; a repeated note (folder, host); a
/// year outside 2001–2012; an `origin_depth` outside 0–4; a value that contradicts its symbol
/// (a number beside `..`, a non-zero number beside `-`), an unknown symbol or an empty value
/// without `..`; a `World` row in a flat table or below depth 0; a repeated (host, World, year)
/// or (host, origin country, year) in one file ([`Error::DuplicateKey`](crate::Error::DuplicateKey)).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::unctad_fdi::{self, FdiMeasure, Origin, TableKind}};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let (fdi, accounts) = unctad_fdi::load(&data, &c).unwrap();
/// assert_eq!(accounts.len(), 3);
/// assert!(accounts.iter().all(|a| a.balances()));
/// // Korea's own stock table; Viet Nam's is the flat, origin-reported one.
/// assert_eq!(fdi.table(iso3!("KOR"), FdiMeasure::Stock).unwrap().kind, TableKind::HostReported);
/// assert_eq!(fdi.table(iso3!("VNM"), FdiMeasure::Stock).unwrap().kind, TableKind::OriginReported);
/// // `KOR,KOR,Republic.of.Korea,World,,0,,2012,156142,`
/// let world = fdi.cells.iter().find(|x| x.host == iso3!("KOR") && x.origin == Origin::World
///     && x.measure == FdiMeasure::Stock && x.year == 2012).unwrap();
/// assert_eq!(world.value as i64, 156142);
/// ```
pub fn load(data_dir: &Path, conc: &Concordance) -> Result<(UnctadFdi, Vec<Accounting>)> {
    let mut fdi = UnctadFdi::default();
    let notes = load_notes(&data_dir.join(NOTES_FILE), conc, &mut fdi.tables)?;
    let stock = load_cells(
        &data_dir.join(STOCK_FILE),
        FdiMeasure::Stock,
        conc,
        &fdi.tables,
        &mut fdi.cells,
    )?;
    let flows = load_cells(
        &data_dir.join(FLOWS_FILE),
        FdiMeasure::Flows,
        conc,
        &fdi.tables,
        &mut fdi.cells,
    )?;
    Ok((fdi, vec![notes, stock, flows]))
}

/// Read the table notes into `tables`.
fn load_notes(
    path: &Path,
    conc: &Concordance,
    tables: &mut BTreeMap<(Iso3, FdiMeasure), HostTable>,
) -> Result<Accounting> {
    let t = Table::read(path)?;
    let table = t.column("table")?;
    let folder = t.column("source_folder")?;
    let host = t.column("host_iso3")?;
    let header = t.column("header_label")?;
    let note = t.column("note_lines")?;
    let mut acc = Accounting::new(
        "unctad bilateral fdi table notes",
        path.display().to_string(),
    );
    let mut first_row = HashMap::new();
    for i in 0..t.height() {
        let measure = match folder.required_text(i)? {
            "stock" => FdiMeasure::Stock,
            "flows" => FdiMeasure::Flows,
            other => return Err(folder.invalid(i, format!("unknown folder {other:?}"))),
        };
        let code = host.required_text(i)?;
        let h = conc
            .parse_iso3(code)
            .ok_or_else(|| host.unknown_country(i, code))?;
        // BWA and PSE: sheet 3 is "Table 2" (outflows by destination), not inward stock.
        if table.required_text(i)?.starts_with("Table 2") {
            acc.exclude(
                "sheet is Table 2 (FDI flows abroad), not an inward table",
                1,
            );
            continue;
        }
        let label = header.required_text(i)?;
        let kind = TableKind::from_header(label)
            .ok_or_else(|| header.invalid(i, format!("unknown header label {label:?}")))?;
        let basis = Basis::from_note(note.text(i).unwrap_or(""));
        if let Some(first) = first_row.insert((h, measure), header.row(i)) {
            return Err(header.duplicate_key(i, first, format!("({}, {h})", measure.folder())));
        }
        tables.insert((h, measure), HostTable { kind, basis });
        acc.used(1);
    }
    Ok(acc)
}

/// Read one data file (stock or flows), appending its kept cells to `out`.
fn load_cells(
    path: &Path,
    measure: FdiMeasure,
    conc: &Concordance,
    tables: &BTreeMap<(Iso3, FdiMeasure), HostTable>,
    out: &mut Vec<FdiCell>,
) -> Result<Accounting> {
    let t = Table::read(path)?;
    let host = t.column("host_iso3")?;
    let origin = t.column("origin")?;
    let origin_iso3 = t.column("origin_iso3")?;
    let depth = t.column("origin_depth")?;
    let year = t.column("year")?;
    let value = t.column("value_usd_million")?;
    let symbol = t.column("source_symbol")?;
    let mut acc = Accounting::new(
        format!("unctad bilateral fdi {}", measure.folder()),
        path.display().to_string(),
    );
    let mut first_row: HashMap<(Iso3, Origin, i32), usize> = HashMap::new();
    for i in 0..t.height() {
        let code = host.required_text(i)?;
        let h = conc
            .parse_iso3(code)
            .ok_or_else(|| host.unknown_country(i, code))?;
        let table = tables.get(&(h, measure)).ok_or_else(|| {
            host.invalid(
                i,
                format!("no {} table note for {h} in {NOTES_FILE}", measure.folder()),
            )
        })?;
        let y = year.year(i, YEARS.0, YEARS.1)?;
        let d = depth.int(i)?;
        if !(0..=4).contains(&d) {
            return Err(depth.invalid(i, format!("depth {d} is outside 0-4")));
        }
        // The value, read against its symbol: `..` missing, `-` and `- -0` zero.
        let v = match (symbol.text(i), value.f64(i)?) {
            (None, Some(v)) => Some(v),
            (Some(".."), None) => None,
            (Some("-"), None) => Some(0.0),
            (Some("-" | "- -0"), Some(0.0)) => Some(0.0),
            (None, None) => {
                return Err(value.invalid(i, "empty value without the symbol `..`"));
            }
            (Some(s), _) => {
                return Err(value.invalid(i, format!("value contradicts the symbol {s:?}")));
            }
        };
        let o = match origin_iso3.text(i) {
            Some(c) => match conc.parse_iso3(c) {
                Some(o) if o == h => {
                    acc.exclude("origin is the host itself (round-tripping)", 1);
                    continue;
                }
                Some(o) => Origin::Country(o),
                None => {
                    acc.exclude(
                        "origin code not in the concordance (e.g. ANT, a withdrawn code)",
                        1,
                    );
                    continue;
                }
            },
            None if origin.required_text(i)? == "World" => {
                if d != 0 || table.kind == TableKind::OriginReported {
                    return Err(origin.invalid(
                        i,
                        "a World row must be the depth-0 total of a \"Region / economy\" table",
                    ));
                }
                Origin::World
            }
            None => {
                acc.exclude(
                    "origin is a region, group, 'Unspecified' or former state (no country code; never summed)",
                    1,
                );
                continue;
            }
        };
        if let Some(first) = first_row.insert((h, o, y), host.row(i)) {
            let who = match o {
                Origin::World => "World".to_string(),
                Origin::Country(c) => c.to_string(),
            };
            return Err(host.duplicate_key(i, first, format!("(host {h}, origin {who}, {y})")));
        }
        let Some(v) = v else {
            acc.exclude("value not available (`..`)", 1);
            continue;
        };
        out.push(FdiCell {
            measure,
            host: h,
            origin: o,
            year: y,
            value: v,
        });
        acc.used(1);
    }
    Ok(acc)
}

#[cfg(test)]
pub(crate) mod tests;
