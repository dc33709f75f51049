//! A user's own panel file (CSV or Parquet), read in batches with the panel rules applied row
//! by row.
//!
//! A panel file has the columns `actor, partner, year, indicator, value` (any order, extra
//! columns ignored). Indicators of the default [`crate::catalogue`] take their metadata from
//! it; any other indicator needs a `dimension` column (trade, investment, aid, tourism,
//! soft_power) and may give a `unit`.
//!
//! A CSV file is read strictly ([`Table::for_each_chunk`]): every line has the header's number
//! of fields, a blank line may stand only at the end (where it is dropped), the file is UTF-8
//! text (a gzip file, a workbook or a Parquet file named `.csv` is named as such); each defect is
//! an error naming the row. A Parquet file's columns that are not read (nested ones included)
//! are not checked; a decimal column among those read is refused, naming it.
//!
//! Rules ([`PanelRules`]), each a typed error naming file, row and field: required columns
//! present; country codes upper-case ISO3 known to the [`Concordance`](crate::Concordance);
//! years within 1800–2100; values finite; no negative value for an indicator whose unit forbids
//! it; no repeated (actor, partner, year, indicator). An empty value is *missing*: the row is
//! excluded and counted in the [`Accounting`](crate::Accounting), never read as zero.
//!
//! A Parquet file is read one row group at a time (typed: years stay integers, values stay
//! floats), its footer and page headers checked first ([`parquet`]); a CSV file in chunks of
//! about 4 MB (as text). The rules are shared by [`load_panel`], which keeps every row in a
//! [`crate::Panel`], by [`check_file`], which keeps none, and by
//! [`crate::presence::stream`], which goes straight to the units × indicators matrix that
//! scoring needs, so that a panel of ten million rows never exists in memory as rows.

mod check;
pub mod parquet;
mod rules;
#[cfg(test)]
mod tests;

use std::path::Path;

pub use check::{PanelSummary, check_file, load_panel};
pub(crate) use check::{pack, repeated_key};
pub use parquet::quiet_caught_read_panics;
pub use rules::{PanelColumns, PanelRow, PanelRules, for_each_row};

use crate::error::Result;
use crate::io::table::Table;

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
/// Rows of a Parquet file decoded at most at a time (polars writes row groups of this size).
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
/// [`Error::Empty`](crate::Error::Empty) for a file without rows,
/// [`Error::MissingColumn`](crate::Error::MissingColumn) for a Parquet file without a required
/// column, [`Error::Read`](crate::Error::Read) for an unreadable or truncated file, and
/// whatever `f` returns.
///
/// # Examples
/// ```
/// use linkage::io::panel_file::for_each_batch;
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
fn batches(path: &Path, batch_rows: usize, f: impl FnMut(&Table) -> Result<()>) -> Result<()> {
    if !is_parquet(path) {
        return Table::for_each_chunk(path, CSV_CHUNK_BYTES, f);
    }
    parquet::batches(path, batch_rows, f)
}
