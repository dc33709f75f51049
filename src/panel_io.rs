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
use crate::error::{Error, Location, Result};
use crate::panel::Panel;
use crate::panel_scan::{PanelRules, for_each_row};
pub use crate::panel_scan::{USER_MAX_YEAR, USER_MIN_YEAR};
use crate::sources::Loaded;

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
    let mut rules = PanelRules::new(path, conc);
    let mut acc = Accounting::new("user panel", path.display().to_string());
    let mut rows = Vec::new();
    let mut first_row: HashMap<(Iso3, Iso3, i32, u32), usize> = HashMap::new();
    for_each_row(path, &mut rules, |rules, r| {
        let Some(v) = r.value else {
            acc.exclude("value missing", 1);
            return Ok(());
        };
        if let Some(first) = first_row.insert((r.actor, r.partner, r.year, r.indicator), r.row) {
            let code = &rules.indicators()[r.indicator as usize].code;
            return Err(Error::DuplicateKey {
                at: Location::row(path, r.row),
                first_row: first,
                key: format!("({}, {}, {}, {code})", r.actor, r.partner, r.year),
            });
        }
        rows.push((r, v));
        acc.used(1);
        Ok(())
    })?;
    drop(first_row);
    let mut panel = Panel::new(rules.indicators().to_vec())?;
    for (r, v) in rows {
        let code = &rules.indicators()[r.indicator as usize].code;
        panel.push(r.actor, r.partner, r.year, code, v)?;
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
