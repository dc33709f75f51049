//! Reading a user's own panel (CSV or Parquet) with full validation, and writing frames.
//!
//! A panel file has the columns `actor, partner, year, indicator, value` (any order, extra
//! columns ignored). Indicators of the default [`crate::catalogue`] take their metadata from
//! it; any other indicator needs a `dimension` column (trade, investment, aid, tourism,
//! soft_power) and may give a `unit`.
//!
//! Rules, each a typed error naming file, row and field: required columns present; country
//! codes upper-case ISO3 known to the [`Concordance`]; years within 1800–2100; values finite;
//! no negative value for an indicator whose unit forbids it; no repeated
//! (actor, partner, year, indicator). An empty value is *missing*: the row is excluded and
//! counted in the [`Accounting`], never read as zero.

use std::collections::HashMap;
use std::fs::File;
use std::path::Path;

use polars::prelude::*;

use crate::accounting::Accounting;
use crate::country::{Concordance, Iso3};
use crate::error::{Error, Result};
use crate::indicator::{Dimension, IndicatorMeta, catalogue};
use crate::panel::Panel;
use crate::sources::Loaded;
use crate::table::Table;

/// Earliest year accepted in a user panel.
pub const USER_MIN_YEAR: i32 = 1800;
/// Latest year accepted in a user panel.
pub const USER_MAX_YEAR: i32 = 2100;

/// Load and validate a panel from a `.csv` or `.parquet` file.
///
/// # Errors
/// See the [module docs](self) for the rules; [`Error::Read`] for an unreadable or truncated
/// Parquet file, [`Error::Empty`] for a file without rows.
///
/// # Examples
/// ```
/// use linkage::{Concordance, panel_io};
/// let dir = std::env::temp_dir().join("linkage-doc-panel");
/// std::fs::create_dir_all(&dir).unwrap();
/// let f = dir.join("mine.csv");
/// std::fs::write(&f, "actor,partner,year,indicator,value,dimension\n\
///     JPN,VNM,2019,fdi_stock_share,0.18,investment\n\
///     USA,VNM,2019,fdi_stock_share,,investment\n").unwrap();
/// let c = Concordance::load(linkage::default_data_dir()).unwrap();
/// let loaded = panel_io::load_panel(&f, &c).unwrap();
/// assert_eq!(loaded.records.len(), 1);
/// assert_eq!(loaded.accounting.rows_excluded(), 1); // the empty value: missing, not zero
/// ```
pub fn load_panel(path: &Path, conc: &Concordance) -> Result<Loaded<Panel>> {
    let is_parquet = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet"));
    let table = if is_parquet {
        read_parquet_as_text(path)?
    } else {
        Table::read(path)?
    };
    validate(&table, conc)
}

fn read_parquet_as_text(path: &Path) -> Result<Table> {
    let read_err = |e: PolarsError| Error::Read {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    if file.metadata().map(|m| m.len()).unwrap_or(0) == 0 {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    let frame = ParquetReader::new(file).finish().map_err(read_err)?;
    Table::from_frame(path, frame)
}

fn validate(t: &Table, conc: &Concordance) -> Result<Loaded<Panel>> {
    let actor = t.column("actor")?;
    let partner = t.column("partner")?;
    let year = t.column("year")?;
    let indicator = t.column("indicator")?;
    let value = t.column("value")?;
    let dimension = if t.has("dimension") {
        Some(t.column("dimension")?)
    } else {
        None
    };
    let unit = if t.has("unit") {
        Some(t.column("unit")?)
    } else {
        None
    };
    let known: HashMap<String, IndicatorMeta> = catalogue()
        .into_iter()
        .map(|m| (m.code.clone(), m))
        .collect();

    // First pass: indicator metadata, so the panel knows every code before rows are pushed.
    let mut metas: Vec<IndicatorMeta> = Vec::new();
    let mut meta_index: HashMap<String, usize> = HashMap::new();
    for i in 0..t.height() {
        let code = indicator.required_text(i)?;
        if meta_index.contains_key(code) {
            continue;
        }
        let meta = match known.get(code) {
            Some(m) => m.clone(),
            None => {
                let Some(dim_col) = &dimension else {
                    return Err(indicator.invalid(
                        i,
                        format!("indicator {code:?} is not in the catalogue: add a `dimension` column (trade, investment, aid, tourism, soft_power)"),
                    ));
                };
                let d = dim_col.required_text(i)?;
                let d: Dimension = d
                    .parse()
                    .map_err(|reason: String| dim_col.invalid(i, reason))?;
                let u = unit.as_ref().and_then(|u| u.text(i)).unwrap_or("");
                IndicatorMeta::user(code, d, u)
            }
        };
        meta_index.insert(code.to_string(), metas.len());
        metas.push(meta);
    }

    let mut panel = Panel::new(metas)?;
    let mut acc = Accounting::new("user panel", t.path().display().to_string());
    let mut first_row: HashMap<(Iso3, Iso3, i32, u32), usize> = HashMap::new();
    let code_of = |cells: &crate::table::Cells<'_>, i: usize| -> Result<Iso3> {
        let s = cells.required_text(i)?;
        conc.parse_iso3(s)
            .ok_or_else(|| cells.unknown_country(i, s))
    };
    for i in 0..t.height() {
        let a = code_of(&actor, i)?;
        let p = code_of(&partner, i)?;
        let y = year.year(i, USER_MIN_YEAR, USER_MAX_YEAR)?;
        let code = indicator.required_text(i)?;
        let k = panel.indicator_index(code).unwrap_or(0);
        let Some(v) = value.f64(i)? else {
            acc.exclude("value missing", 1);
            continue;
        };
        let meta = &panel.indicators()[k as usize];
        if v < 0.0 && !meta.allows_negative {
            return Err(Error::Negative {
                path: t.path().to_path_buf(),
                row: i + 1,
                field: "value".into(),
                value: v,
                unit: meta.unit.clone(),
            });
        }
        if let Some(first) = first_row.insert((a, p, y, k), i + 1) {
            return Err(Error::DuplicateKey {
                path: t.path().to_path_buf(),
                row: i + 1,
                first_row: first,
                key: format!("({a}, {p}, {y}, {code})"),
            });
        }
        panel.push(a, p, y, code, v)?;
        acc.used(1);
    }
    Ok(Loaded {
        records: panel,
        accounting: acc,
    })
}

/// Write a frame as CSV (comma-separated, header, missing as empty).
///
/// # Errors
/// [`Error::Io`] when the file cannot be created, [`Error::Read`] when polars fails to write.
pub fn write_csv(frame: &mut DataFrame, path: &Path) -> Result<()> {
    let mut file = File::create(path).map_err(|e| Error::io(path, e))?;
    CsvWriter::new(&mut file)
        .include_header(true)
        .finish(frame)
        .map_err(|e| Error::Read {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
}

/// Write a frame as Parquet.
///
/// # Errors
/// As [`write_csv`].
pub fn write_parquet(frame: &mut DataFrame, path: &Path) -> Result<()> {
    let file = File::create(path).map_err(|e| Error::io(path, e))?;
    ParquetWriter::new(file)
        .finish(frame)
        .map(|_| ())
        .map_err(|e| Error::Read {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
}
