//! Reading a user's panel file in batches, with the panel rules applied row by row.
//!
//! A Parquet file is read one row group at a time (typed: years stay integers, values stay
//! floats), a CSV file in chunks of about 4 MB (as text). [`PanelRules`] checks each row as the
//! [module docs of `panel_io`](crate::panel_io) describe; it is shared by
//! [`crate::panel_io::load_panel`], which keeps every row in a [`crate::Panel`], and by
//! [`scan_coin`], which goes straight to the units × indicators matrix that scoring needs, so
//! that a panel of ten million rows never exists in memory as rows.
//!
//! [`scan_coin`] reads the file twice: the first pass checks every row and collects the
//! (actor, partner, year) units, the second writes the values into a matrix allocated once at
//! its final size. Memory is the matrix plus one row group.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use polars::prelude::*;

use crate::accounting::Accounting;
use crate::country::{Concordance, Iso3};
use crate::error::{Error, Location, Result};
use crate::indicator::{Dimension, IndicatorMeta, catalogue};
use crate::presence::{Unit, coin_from_units_labelled};
use crate::score::coin::Coin;
use crate::score::matrix::Matrix;
use crate::score::spec::Framework;
use crate::sources::Loaded;
use crate::table::{Cells, Table};

/// Earliest year accepted in a user panel.
pub const USER_MIN_YEAR: i32 = 1800;
/// Latest year accepted in a user panel.
pub const USER_MAX_YEAR: i32 = 2100;

/// The columns every panel file must have.
pub const REQUIRED_COLUMNS: [&str; 5] = ["actor", "partner", "year", "indicator", "value"];
/// Optional columns: indicator metadata for indicators outside the catalogue.
const OPTIONAL_COLUMNS: [&str; 2] = ["dimension", "unit"];
/// Distinct indicators a panel file may hold (the indicator index takes 25 bits of a packed
/// row key).
pub const MAX_INDICATORS: usize = 1 << 25;
/// Rows of a Parquet file decoded at a time (polars writes row groups of this size).
const PARQUET_BATCH_ROWS: usize = 1 << 18;
/// Bytes of a CSV file read at a time (about 90,000 panel rows).
const CSV_CHUNK_BYTES: usize = 4 << 20;
/// Columns read as text even when a typed file stores them otherwise.
const TEXT_COLUMNS: [&str; 5] = ["actor", "partner", "indicator", "dimension", "unit"];

fn is_parquet(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
}

/// Call `f` on each batch of a panel file, in file order: each row group of a Parquet file
/// (only the panel's columns are decoded), or chunks of about 4 MB of a CSV file (cut at line
/// ends outside quotes, see [`Table::for_each_chunk`]).
///
/// # Errors
/// [`Error::Empty`] for a file without rows, [`Error::MissingColumn`] for a Parquet file
/// without a required column, [`Error::Read`] for an unreadable or truncated file, and
/// whatever `f` returns.
///
/// # Examples
/// ```
/// use linkage::panel_scan::for_each_batch;
/// let f = std::env::temp_dir().join("linkage-doc-batches.csv");
/// std::fs::write(&f, "actor,partner,year,indicator,value\nJPN,VNM,2019,x,1\n").unwrap();
/// let mut rows = 0;
/// for_each_batch(&f, |t| { rows += t.height(); Ok(()) }).unwrap();
/// assert_eq!(rows, 1);
/// ```
pub fn for_each_batch(path: &Path, f: impl FnMut(&Table) -> Result<()>) -> Result<()> {
    batches(path, PARQUET_BATCH_ROWS, f)
}

/// [`for_each_batch`] with Parquet batches of at most `batch_rows` rows.
fn batches(path: &Path, batch_rows: usize, mut f: impl FnMut(&Table) -> Result<()>) -> Result<()> {
    if !is_parquet(path) {
        return Table::for_each_chunk(path, CSV_CHUNK_BYTES, f);
    }
    let open = || File::open(path).map_err(|e| Error::io(path, e));
    let file = open()?;
    if file.metadata().map(|m| m.len()).unwrap_or(0) == 0 {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    check_footer(path)?;
    let mut reader = ParquetReader::new(file);
    let (metadata, names) = guarded(path, || {
        let metadata = reader.get_metadata()?.clone();
        let names: Vec<String> = reader
            .schema()?
            .iter_names()
            .map(|n| n.to_string())
            .collect();
        Ok((metadata, names))
    })?;
    if let Some(missing) = REQUIRED_COLUMNS
        .iter()
        .find(|c| !names.iter().any(|n| n == *c))
    {
        return Err(Error::MissingColumn {
            path: path.to_path_buf(),
            column: missing.to_string(),
            found: names,
        });
    }
    if metadata.num_rows == 0 {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    check_pages(path, &metadata)?;
    let wanted: Vec<String> = names
        .iter()
        .filter(|n| {
            REQUIRED_COLUMNS.contains(&n.as_str()) || OPTIONAL_COLUMNS.contains(&n.as_str())
        })
        .cloned()
        .collect();
    let mut offset = 0;
    // Batches never cross a row group and hold at most `batch_rows` rows, whatever row group
    // size the writer chose.
    for group in &metadata.row_groups {
        let end = offset + group.num_rows();
        while offset < end {
            let n = (end - offset).min(batch_rows.max(1));
            let mut reader = ParquetReader::new(open()?);
            reader.set_metadata(metadata.clone());
            let frame = guarded(path, || {
                reader
                    .with_slice(Some((offset, n)))
                    .with_columns(Some(wanted.clone()))
                    .finish()
            })?;
            f(&Table::typed(path, frame, offset, &TEXT_COLUMNS)?)?;
            offset += n;
        }
    }
    Ok(())
}

/// Memory the parsed footer of a Parquet file may take (no real panel comes near it).
const FOOTER_BUDGET: usize = 256 << 20;

/// Check the footer of a Parquet file before polars reads it: the magic bytes, a metadata
/// length that fits the file, and metadata that parses with a reader that refuses to allocate
/// more than [`FOOTER_BUDGET`] (polars' own reader allocates whatever length the footer
/// declares — 8.5 GB for a fuzzed file of 1.8 kB).
fn check_footer(path: &Path) -> Result<()> {
    use polars_parquet_format::FileMetaData;
    use polars_parquet_format::thrift::protocol::TCompactInputProtocol;
    use std::io::{BufReader, Read, Seek, SeekFrom};
    let malformed = |what: &str| Error::Read {
        path: path.to_path_buf(),
        message: format!("the Parquet file is malformed: {what}"),
    };
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    let mut tail = [0u8; 8];
    if size < 12
        || file.seek(SeekFrom::End(-8)).is_err()
        || file.read_exact(&mut tail).is_err()
        || &tail[4..] != b"PAR1"
    {
        return Err(malformed("no Parquet footer"));
    }
    let len = u64::from(u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]));
    if len + 12 > size {
        return Err(malformed("the footer is longer than the file"));
    }
    file.seek(SeekFrom::Start(size - 8 - len))
        .map_err(|e| Error::io(path, e))?;
    let mut reader = BufReader::new(file).take(len);
    // The reader's budget counts what the parsed metadata would allocate.
    let mut protocol = TCompactInputProtocol::new(&mut reader, FOOTER_BUDGET);
    FileMetaData::read_from_in_protocol(&mut protocol)
        .map_err(|e| malformed(&format!("the footer: {e}")))?;
    Ok(())
}

/// Check every page header of every column chunk before polars decodes any: the chunk lies
/// inside the file, each header parses, sizes are not negative, pages stay inside their chunk,
/// and no page declares more values than its row group has rows (a flat column has one value,
/// or null, per row). polars-parquet 0.55 trusts the declared count and aborts the whole
/// process trying to allocate for a negative one (found by fuzzing); an abort cannot be caught.
fn check_pages(path: &Path, metadata: &polars::io::parquet::read::FileMetadata) -> Result<()> {
    use polars_parquet_format::PageHeader;
    use polars_parquet_format::thrift::protocol::TCompactInputProtocol;
    use std::io::{BufReader, Seek, SeekFrom};
    let malformed = |what: String| Error::Read {
        path: path.to_path_buf(),
        message: format!("the Parquet file is malformed: {what}"),
    };
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    let mut reader = BufReader::new(file);
    for (g, group) in metadata.row_groups.iter().enumerate() {
        let rows = group.num_rows() as i64;
        for column in group.parquet_columns() {
            let range = column.byte_range();
            if range.start > range.end || range.end > size {
                return Err(malformed(format!(
                    "row group {g}: a column chunk lies outside the file"
                )));
            }
            let mut at = range.start;
            while at < range.end {
                reader
                    .seek(SeekFrom::Start(at))
                    .map_err(|e| Error::io(path, e))?;
                let mut protocol =
                    TCompactInputProtocol::new(&mut reader, (range.end - at) as usize);
                let header = PageHeader::read_from_in_protocol(&mut protocol)
                    .map_err(|e| malformed(format!("row group {g}: a page header: {e}")))?;
                let values = [
                    header.data_page_header.as_ref().map(|h| h.num_values),
                    header.data_page_header_v2.as_ref().map(|h| h.num_values),
                    header.dictionary_page_header.as_ref().map(|h| h.num_values),
                ];
                let is_data = values[0].is_some() || values[1].is_some();
                let bad_count = values
                    .iter()
                    .flatten()
                    .any(|&n| n < 0 || (is_data && i64::from(n) > rows));
                if header.compressed_page_size < 0 || header.uncompressed_page_size < 0 || bad_count
                {
                    return Err(malformed(format!(
                        "row group {g}: a page declares impossible sizes or value counts"
                    )));
                }
                at = reader.stream_position().map_err(|e| Error::io(path, e))?
                    + header.compressed_page_size as u64;
            }
            if at != range.end {
                return Err(malformed(format!(
                    "row group {g}: pages run past their column chunk"
                )));
            }
        }
    }
    Ok(())
}

/// Parquet reads in progress under [`guarded`] (any thread).
static GUARDED_READS: AtomicUsize = AtomicUsize::new(0);

/// Run a polars Parquet read, turning its error — or a panic inside polars, which asserts
/// rather than errs on some malformed files (found by fuzzing: a corrupt validity bitmap in a
/// dictionary page) — into [`Error::Read`] naming the file.
fn guarded<T>(path: &Path, read: impl FnOnce() -> PolarsResult<T>) -> Result<T> {
    struct Count;
    impl Drop for Count {
        fn drop(&mut self) {
            GUARDED_READS.fetch_sub(1, Ordering::SeqCst);
        }
    }
    GUARDED_READS.fetch_add(1, Ordering::SeqCst);
    let _count = Count;
    let message = match std::panic::catch_unwind(AssertUnwindSafe(read)) {
        Ok(Ok(value)) => return Ok(value),
        Ok(Err(e)) => e.to_string(),
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            format!("the Parquet file is malformed: the reader stopped ({why})")
        }
    };
    Err(Error::Read {
        path: path.to_path_buf(),
        message,
    })
}

/// Install a panic hook that stays silent about panics caught inside a guarded Parquet read
/// (they become [`Error::Read`]) and hands every other panic to the hook installed before.
/// The command line calls it once at start; a program that prints its own errors may too.
///
/// # Examples
/// ```
/// linkage::panel_scan::quiet_caught_read_panics();
/// ```
pub fn quiet_caught_read_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if GUARDED_READS.load(Ordering::SeqCst) == 0 {
            previous(info);
        }
    }));
}

/// The panel columns of one batch.
pub struct PanelColumns<'t> {
    actor: Cells<'t>,
    partner: Cells<'t>,
    year: Cells<'t>,
    indicator: Cells<'t>,
    value: Cells<'t>,
    dimension: Option<Cells<'t>>,
    unit: Option<Cells<'t>>,
}

impl<'t> PanelColumns<'t> {
    /// The columns of a batch.
    ///
    /// # Errors
    /// [`Error::MissingColumn`] when a required column is absent.
    pub fn of(t: &'t Table) -> Result<PanelColumns<'t>> {
        let optional = |name: &str| -> Result<Option<Cells<'t>>> {
            if t.has(name) {
                t.column(name).map(Some)
            } else {
                Ok(None)
            }
        };
        Ok(PanelColumns {
            actor: t.column("actor")?,
            partner: t.column("partner")?,
            year: t.column("year")?,
            indicator: t.column("indicator")?,
            value: t.column("value")?,
            dimension: optional("dimension")?,
            unit: optional("unit")?,
        })
    }
}

/// One checked row. `value` is `None` when the cell is empty (missing, not zero).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PanelRow {
    /// The outside power.
    pub actor: Iso3,
    /// The country it is present in.
    pub partner: Iso3,
    /// Calendar year.
    pub year: i32,
    /// Index into [`PanelRules::indicators`].
    pub indicator: u32,
    /// The value, finite; `None` when missing.
    pub value: Option<f64>,
    /// Row number in the file (1-based, header not counted).
    pub row: usize,
}

/// The rules of a user panel, applied one row at a time; collects the indicator metadata
/// (from the catalogue, or from the row's `dimension` and `unit` cells the first time a code
/// appears).
///
/// # Examples
/// ```
/// use linkage::{Concordance, panel_scan::{PanelColumns, PanelRules}, table::Table};
/// let c = Concordance::load(linkage::default_data_dir()).unwrap();
/// let t = Table::from_bytes("p.csv", b"actor,partner,year,indicator,value\n\
///     JPN,VNM,2019,trade_share_dots,0.1\nJPN,VNM,2019,trade_share_dots,-1\n".to_vec()).unwrap();
/// let cols = PanelColumns::of(&t).unwrap();
/// let mut rules = PanelRules::new(t.path(), &c);
/// assert_eq!(rules.check(&cols, 0).unwrap().value, Some(0.1));
/// let e = rules.check(&cols, 1).unwrap_err(); // a trade share cannot be negative
/// assert!(e.to_string().starts_with("p.csv: row 2, field `value`"));
/// ```
pub struct PanelRules<'c> {
    path: PathBuf,
    conc: &'c Concordance,
    catalogue: HashMap<String, IndicatorMeta>,
    indicators: Vec<IndicatorMeta>,
    index: HashMap<String, u32>,
}

impl<'c> PanelRules<'c> {
    /// Rules for the file `path`, with country codes checked against `conc`.
    pub fn new(path: &Path, conc: &'c Concordance) -> PanelRules<'c> {
        PanelRules {
            path: path.to_path_buf(),
            conc,
            catalogue: catalogue()
                .into_iter()
                .map(|m| (m.code.clone(), m))
                .collect(),
            indicators: Vec::new(),
            index: HashMap::new(),
        }
    }

    /// The indicators met so far, in order of first appearance.
    pub fn indicators(&self) -> &[IndicatorMeta] {
        &self.indicators
    }

    /// Index of an indicator code met so far.
    pub fn indicator_index(&self, code: &str) -> Option<u32> {
        self.index.get(code).copied()
    }

    fn country(&self, cells: &Cells<'_>, i: usize) -> Result<Iso3> {
        let s = cells.required_text(i)?;
        self.conc
            .parse_iso3(s)
            .ok_or_else(|| cells.unknown_country(i, s))
    }

    fn add_indicator(&mut self, cols: &PanelColumns<'_>, i: usize, code: &str) -> Result<u32> {
        let meta = match self.catalogue.get(code) {
            Some(m) => m.clone(),
            None => {
                let Some(dim_col) = &cols.dimension else {
                    return Err(cols.indicator.invalid(
                        i,
                        format!("indicator {code:?} is not in the catalogue: add a `dimension` column (trade, investment, aid, tourism, soft_power)"),
                    ));
                };
                let d: Dimension = dim_col
                    .required_text(i)?
                    .parse()
                    .map_err(|reason: String| dim_col.invalid(i, reason))?;
                let u = cols.unit.as_ref().and_then(|u| u.text(i)).unwrap_or("");
                IndicatorMeta::user(code, d, u)
            }
        };
        if self.indicators.len() >= MAX_INDICATORS {
            return Err(cols
                .indicator
                .invalid(i, format!("more than {MAX_INDICATORS} distinct indicators")));
        }
        let k = self.indicators.len() as u32;
        self.index.insert(code.to_string(), k);
        self.indicators.push(meta);
        Ok(k)
    }

    /// Check row `i` of a batch.
    ///
    /// # Errors
    /// A typed error naming the file, row and field: an unknown or lower-case country code,
    /// a year outside 1800–2100, text or a non-finite number as the value, a negative value
    /// where the indicator's unit forbids it, an indicator outside the catalogue without a
    /// `dimension`. (Repeated keys are the caller's check.)
    pub fn check(&mut self, cols: &PanelColumns<'_>, i: usize) -> Result<PanelRow> {
        let actor = self.country(&cols.actor, i)?;
        let partner = self.country(&cols.partner, i)?;
        let year = cols.year.year(i, USER_MIN_YEAR, USER_MAX_YEAR)?;
        let code = cols.indicator.required_text(i)?;
        let indicator = match self.index.get(code) {
            Some(&k) => k,
            None => self.add_indicator(cols, i, code)?,
        };
        let value = cols.value.f64(i)?;
        let meta = &self.indicators[indicator as usize];
        if let Some(v) = value
            && v < 0.0
            && !meta.allows_negative
        {
            return Err(Error::Negative {
                at: Location::cell(self.path.clone(), cols.value.row(i), "value"),
                value: v,
                unit: meta.unit.clone(),
            });
        }
        Ok(PanelRow {
            actor,
            partner,
            year,
            indicator,
            value,
            row: cols.value.row(i),
        })
    }
}

/// Call `f` on every checked row of a panel file, in file order.
///
/// # Errors
/// As [`for_each_batch`] and [`PanelRules::check`], and whatever `f` returns.
pub fn for_each_row(
    path: &Path,
    rules: &mut PanelRules<'_>,
    mut f: impl FnMut(&PanelRules<'_>, PanelRow) -> Result<()>,
) -> Result<()> {
    for_each_batch(path, |t| {
        let cols = PanelColumns::of(t)?;
        for i in 0..t.height() {
            let row = rules.check(&cols, i)?;
            f(rules, row)?;
        }
        Ok(())
    })
}

/// Read a panel file straight into the coin that [`crate::presence`] scores: one row per
/// (actor, partner, year) unit with a value for a framework indicator (sorted), one column
/// per framework indicator, blocks and series as [`crate::presence::coin`] sets them. The
/// same coin as `presence::coin(&load_panel(..).records, fw)`, without keeping the rows.
///
/// Every row is checked (see [`PanelRules`]); rows with an empty value and rows of
/// indicators the framework does not use are excluded and counted in the accounting.
/// Returns the units too.
///
/// # Errors
/// As [`PanelRules::check`]; [`Error::DuplicateKey`] for a second value for the same
/// (actor, partner, year, indicator) of a framework indicator, naming both rows;
/// [`Error::Spec`] when the framework names an indicator the file does not have.
///
/// # Examples
/// ```
/// use linkage::{Concordance, panel_scan::scan_coin, score::spec::Spec};
/// let f = std::env::temp_dir().join("linkage-doc-scan.csv");
/// std::fs::write(&f, "actor,partner,year,indicator,value\n\
///     JPN,VNM,2019,trade_share_dots,0.1\nUSA,VNM,2019,trade_share_dots,0.05\n\
///     USA,VNM,2019,aid_share_dac,\n").unwrap();
/// let fw = Spec::from_toml(r#"
///     name = "mine"
///     [[indicator]]
///     code = "trade_share_dots"
///     parent = "presence"
///     [[group]]
///     code = "presence"
/// "#, "doc").unwrap().resolve().unwrap();
/// let c = Concordance::load(linkage::default_data_dir()).unwrap();
/// let scanned = scan_coin(&f, &c, &fw).unwrap();
/// let (coin, units) = &scanned.records;
/// assert_eq!(units.len(), 2);
/// assert_eq!(coin.raw.col(0), &[0.1, 0.05]); // JPN, USA
/// assert_eq!(scanned.accounting.rows_excluded(), 1);
/// ```
pub fn scan_coin(
    path: &Path,
    conc: &Concordance,
    fw: &Framework,
) -> Result<Loaded<(Coin, Vec<Unit>)>> {
    scan(path, conc, fw, true)
}

/// [`scan_coin`], with the coin's unit labels left empty unless `labelled`.
pub(crate) fn scan(
    path: &Path,
    conc: &Concordance,
    fw: &Framework,
    labelled: bool,
) -> Result<Loaded<(Coin, Vec<Unit>)>> {
    let mut rules = PanelRules::new(path, conc);
    // Panel indicator index → framework column, filled as indicators appear.
    let mut column_of: Vec<Option<usize>> = Vec::new();
    let mut column = |rules: &PanelRules<'_>, k: u32| -> Option<usize> {
        while column_of.len() < rules.indicators().len() {
            let code = &rules.indicators()[column_of.len()].code;
            column_of.push(fw.indicator_index(code));
        }
        column_of[k as usize]
    };

    // Pass 1: check every row, collect the units.
    let (mut missing, mut unused) = (0, 0);
    // Units as met (runs of the same unit counted once), sorted and deduplicated whenever the
    // list has doubled, so it stays within about twice the distinct units.
    let (mut units, mut compacted): (Vec<Unit>, usize) = (Vec::new(), 0);
    let mut last: Option<Unit> = None;
    for_each_row(path, &mut rules, |rules, r| {
        if r.value.is_none() {
            missing += 1;
        } else if column(rules, r.indicator).is_none() {
            unused += 1;
        } else {
            let u = (r.actor, r.partner, r.year);
            if last != Some(u) {
                units.push(u);
                last = Some(u);
                if units.len() >= 2 * compacted + (1 << 16) {
                    units.sort_unstable();
                    units.dedup();
                    compacted = units.len();
                }
            }
        }
        Ok(())
    })?;
    units.sort_unstable();
    units.dedup();
    units.shrink_to_fit();

    // Pass 2: place the values.
    let mut raw = Matrix::new(units.len(), fw.indicators.len());
    for c in 0..raw.cols() {
        raw.col_mut(c).fill(f64::NAN);
    }
    let mut used = 0;
    let mut last: Option<(Unit, usize)> = None;
    let changed = || Error::Read {
        path: path.to_path_buf(),
        message: "the file changed while it was being read".into(),
    };
    for_each_row(path, &mut rules, |rules, r| {
        let (Some(v), Some(j)) = (r.value, column(rules, r.indicator)) else {
            return Ok(());
        };
        let u = (r.actor, r.partner, r.year);
        let i = match last {
            Some((lu, li)) if lu == u => li,
            _ => {
                // In a file sorted like the units the next unit is the next row of the matrix.
                let next = last.map_or(0, |(_, li)| li + 1);
                let i = if units.get(next) == Some(&u) {
                    next
                } else {
                    units.binary_search(&u).map_err(|_| changed())?
                };
                last = Some((u, i));
                i
            }
        };
        let cell = &mut raw.col_mut(j)[i];
        if !cell.is_nan() {
            return Err(repeated_key(path, conc, pack(&r)));
        }
        *cell = v;
        used += 1;
        Ok(())
    })?;
    // After the rows, so that a defect in a row is reported before a spec that does not fit.
    for ind in &fw.indicators {
        if rules.indicator_index(&ind.code).is_none() {
            return Err(Error::Spec {
                context: format!("indicator `{}`", ind.code),
                reason: format!("the panel {} has no such indicator", path.display()),
            });
        }
    }

    let mut acc = Accounting::new("user panel", path.display().to_string());
    acc.used(used);
    acc.exclude("value missing", missing);
    acc.exclude("indicator not in the spec", unused);
    let coin = coin_from_units_labelled(&units, raw, fw, labelled)?;
    Ok(Loaded {
        records: (coin, units),
        accounting: acc,
    })
}

/// What [`check_file`] found in a valid panel file.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelSummary {
    /// The indicators, in order of first appearance.
    pub indicators: Vec<IndicatorMeta>,
    /// Distinct actors with a value, sorted.
    pub actors: Vec<Iso3>,
    /// Distinct partners with a value, sorted.
    pub partners: Vec<Iso3>,
    /// First and last year with a value (`None` when every value is missing).
    pub years: Option<(i32, i32)>,
}

/// Check a whole panel file as [`crate::panel_io::load_panel`] does — every rule, repeated keys
/// included — without keeping its rows: memory is one 8-byte key per row with a value plus
/// one row group, so files of tens of millions of rows can be checked (`linkage check`).
///
/// Repeated keys are found by sorting the packed keys (actor, partner, year, indicator); the
/// two rows are then named by a second read.
///
/// # Errors
/// As [`PanelRules::check`]; [`Error::DuplicateKey`] naming both rows.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, panel_scan::check_file};
/// let f = std::env::temp_dir().join("linkage-doc-check.csv");
/// std::fs::write(&f, "actor,partner,year,indicator,value\n\
///     JPN,VNM,2019,trade_share_dots,0.1\nUSA,VNM,2018,trade_share_dots,\n").unwrap();
/// let c = Concordance::load(linkage::default_data_dir()).unwrap();
/// let checked = check_file(&f, &c).unwrap();
/// assert_eq!(checked.records.actors, vec![iso3!("JPN")]);
/// assert_eq!(checked.records.years, Some((2019, 2019)));
/// assert_eq!(checked.accounting.rows_excluded(), 1); // the empty value
/// ```
pub fn check_file(path: &Path, conc: &Concordance) -> Result<Loaded<PanelSummary>> {
    let mut rules = PanelRules::new(path, conc);
    let mut keys: Vec<u64> = Vec::new();
    let (mut missing, mut actors, mut partners) = (0, HashSet::new(), HashSet::new());
    let mut years: Option<(i32, i32)> = None;
    for_each_row(path, &mut rules, |_, r| {
        if r.value.is_none() {
            missing += 1;
            return Ok(());
        }
        keys.push(pack(&r));
        actors.insert(r.actor);
        partners.insert(r.partner);
        years = Some(years.map_or((r.year, r.year), |(a, b)| (a.min(r.year), b.max(r.year))));
        Ok(())
    })?;
    let used = keys.len();
    keys.sort_unstable();
    if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
        return Err(repeated_key(path, conc, w[0]));
    }
    drop(keys);
    let mut acc = Accounting::new("user panel", path.display().to_string());
    acc.used(used);
    acc.exclude("value missing", missing);
    let sorted = |set: HashSet<Iso3>| {
        let mut v: Vec<Iso3> = set.into_iter().collect();
        v.sort_unstable();
        v
    };
    Ok(Loaded {
        records: PanelSummary {
            indicators: rules.indicators().to_vec(),
            actors: sorted(actors),
            partners: sorted(partners),
            years,
        },
        accounting: acc,
    })
}

/// A row's key in 64 bits: actor and partner (15 bits each: three letters in base 26), the
/// year from 1800 (9 bits), the indicator index (25 bits, see [`MAX_INDICATORS`]).
fn pack(r: &PanelRow) -> u64 {
    let code = |c: Iso3| {
        c.as_str()
            .bytes()
            .fold(0u64, |acc, b| acc * 26 + u64::from(b - b'A'))
    };
    let year = (r.year - USER_MIN_YEAR) as u64;
    (code(r.actor) << 49) | (code(r.partner) << 34) | (year << 25) | u64::from(r.indicator)
}

/// The error for the repeated packed key `key`: another read finds its first two rows (on the
/// error path only).
fn repeated_key(path: &Path, conc: &Concordance, key: u64) -> Error {
    let mut rules = PanelRules::new(path, conc);
    let mut rows = Vec::new();
    let mut found = None;
    let read = for_each_row(path, &mut rules, |rules, r| {
        if r.value.is_some() && rows.len() < 2 && pack(&r) == key {
            rows.push(r.row);
            if found.is_none() {
                let code = &rules.indicators()[r.indicator as usize].code;
                found = Some(format!("({}, {}, {}, {code})", r.actor, r.partner, r.year));
            }
        }
        Ok(())
    });
    match (read, rows.as_slice(), found) {
        (Ok(()), &[first_row, row], Some(key)) => Error::DuplicateKey {
            at: Location::row(path, row),
            first_row,
            key,
        },
        _ => Error::Read {
            path: path.to_path_buf(),
            message: "the file changed while it was being read".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::panel_io::load_panel;
    use crate::presence;
    use crate::score::spec::Spec;
    use crate::synthetic::SyntheticPanel;
    use crate::testutil::temp_file;

    /// Write a frame as Parquet with row groups of `group` rows.
    fn parquet(frame: &mut DataFrame, group: usize) -> PathBuf {
        let path = temp_file("p.parquet", "");
        ParquetWriter::new(File::create(&path).unwrap())
            .with_row_group_size(Some(group))
            .finish(frame)
            .unwrap();
        path
    }

    /// SYNTHETIC: 2 partners × 3 actors × 2 years × 3 indicators = 36 rows; every fifth
    /// value emptied; `ind002` left out of the spec.
    fn shape() -> (DataFrame, Framework, Concordance) {
        let c = Concordance::load(crate::default_data_dir()).unwrap();
        let s = SyntheticPanel {
            partners: 2,
            actors: 3,
            years: 2,
            indicators: 3,
            seed: 7,
        };
        let mut f = s.frame(&c).unwrap();
        let v: Vec<Option<f64>> = f
            .column("value")
            .unwrap()
            .f64()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(i, v)| if i % 5 == 0 { None } else { v })
            .collect();
        f.replace("value", Column::new("value".into(), v)).unwrap();
        let spec = s.spec_toml().replace(
            "[[indicator]]\ncode = \"ind002\"\nparent = \"tourism\"\n",
            "",
        );
        let spec = spec.replace("[[group]]\ncode = \"tourism\"\nparent = \"presence\"\n", "");
        let fw = Spec::from_toml(&spec, "t").unwrap().resolve().unwrap();
        (f, fw, c)
    }

    #[test]
    fn scanning_gives_the_coin_of_the_loaded_panel_across_row_groups() {
        let (mut f, fw, c) = shape();
        let path = parquet(&mut f, 7);
        let scanned = scan_coin(&path, &c, &fw).unwrap();
        let loaded = load_panel(&path, &c).unwrap();
        let (coin, units) = presence::coin(&loaded.records, &fw).unwrap();
        let (s_coin, s_units) = &scanned.records;
        assert_eq!(s_units, &units);
        assert_eq!(s_coin.units, coin.units);
        assert_eq!(s_coin.rank_block, coin.rank_block);
        assert_eq!(s_coin.norm_block, coin.norm_block);
        assert_eq!(s_coin.series, coin.series);
        for j in 0..coin.raw.cols() {
            let (a, b) = (s_coin.raw.col(j), coin.raw.col(j));
            assert!(a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits()));
        }
        // 36 rows: 8 empty values (rows 1, 6, …, 36); ind002 is every third row from row 3,
        // 12 rows of which 3 are empty: 9 excluded as not in the spec; 19 used.
        let acc = &scanned.accounting;
        assert_eq!(acc.rows_in(), 36);
        assert_eq!(acc.rows_used(), 19);
        assert_eq!(acc.rows_excluded(), 17);
        assert!(acc.balances());
        assert_eq!(loaded.accounting.rows_used(), 28);
        // check_file: the same rules and counts as load_panel, without the rows.
        let checked = check_file(&path, &c).unwrap();
        assert_eq!(checked.accounting, loaded.accounting);
        let s = &checked.records;
        assert_eq!(s.indicators, loaded.records.indicators());
        assert_eq!(s.actors, loaded.records.actors());
        assert_eq!(s.partners, loaded.records.partners());
        assert_eq!(s.years, Some((1970, 1971)));
    }

    #[test]
    fn batches_smaller_than_row_groups_number_rows_across_the_file() {
        let (mut f, _, _) = shape();
        let path = parquet(&mut f, 7);
        let read = |rows: usize| {
            let mut seen = Vec::new();
            batches(&path, rows, |t| {
                let year = t.column("year")?;
                for i in 0..t.height() {
                    seen.push((year.row(i), year.int(i)?));
                }
                Ok(())
            })
            .unwrap();
            seen
        };
        let whole = read(1000);
        assert_eq!(whole.len(), 36);
        assert!(whole.iter().enumerate().all(|(i, &(row, _))| row == i + 1));
        assert_eq!(read(3), whole);
        assert_eq!(read(1), whole);
    }

    #[test]
    fn errors_in_later_row_groups_name_the_row_in_the_file() {
        let (mut f, fw, c) = shape();
        let mut v: Vec<Option<f64>> = f.column("value").unwrap().f64().unwrap().iter().collect();
        v[30] = Some(f64::INFINITY);
        f.replace("value", Column::new("value".into(), v)).unwrap();
        let path = parquet(&mut f, 4);
        let e = scan_coin(&path, &c, &fw).unwrap_err();
        assert!(
            matches!(e, Error::NonFinite { ref at, .. } if at.row == Some(31)),
            "{e}"
        );
        let mut y: Vec<i32> = f
            .column("year")
            .unwrap()
            .i32()
            .unwrap()
            .into_no_null_iter()
            .collect();
        y[30] = 3001;
        f.replace("value", Column::new("value".into(), vec![1.0; 36]))
            .unwrap();
        f.replace("year", Column::new("year".into(), y)).unwrap();
        let path = parquet(&mut f, 4);
        let e = load_panel(&path, &c).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "{}: row 31, field `year`: year 3001 is outside 1800..=2100",
                path.display()
            )
        );
    }

    #[test]
    fn a_repeated_key_names_both_rows_and_a_missing_indicator_is_a_spec_error() {
        let (f, fw, c) = shape();
        let mut twice = f.vstack(&f.slice(3, 1)).unwrap();
        let path = parquet(&mut twice, 5);
        match scan_coin(&path, &c, &fw).unwrap_err() {
            Error::DuplicateKey { at, first_row, .. } => {
                assert_eq!((at.row, first_row), (Some(37), 4))
            }
            e => panic!("{e}"),
        }
        match check_file(&path, &c).unwrap_err() {
            Error::DuplicateKey { at, first_row, .. } => {
                assert_eq!((at.row, first_row), (Some(37), 4))
            }
            e => panic!("{e}"),
        }
        let mut only_first = f.slice(0, 1);
        let path = parquet(&mut only_first, 5);
        assert!(matches!(
            scan_coin(&path, &c, &fw).unwrap_err(),
            Error::Spec { .. }
        ));
    }
}
