//! Polars `DataFrame`s of the crate's results, for users who work in polars: any table of
//! results ([`Rows`]) becomes a frame with one typed column per [`Column`] ([`to_frame`]), or a
//! Parquet file ([`write_parquet`]). The crate itself scores, aligns and charts on its own types.

use std::fs::File;
use std::path::Path;

use polars::prelude::{DataFrame, ParquetWriter};

use crate::error::{Error, Result};
use crate::io::rows::{Column, Kind, RowSink, Rows};

/// The cells of one column, as they arrive.
enum Cells {
    Text(Vec<Option<String>>),
    Int32(Vec<Option<i32>>),
    UInt32(Vec<Option<u32>>),
    UInt64(Vec<Option<u64>>),
    Float64(Vec<Option<f64>>),
}

/// A [`RowSink`] that collects the cells into typed columns.
struct FrameBuilder {
    columns: Vec<Column>,
    cells: Vec<Cells>,
    at: usize,
    rows: usize,
    /// The first cell that did not fit its column, as text for the error.
    misfit: Option<String>,
}

impl FrameBuilder {
    fn new(columns: Vec<Column>) -> FrameBuilder {
        let cells = columns
            .iter()
            .map(|c| match c.kind {
                Kind::Text => Cells::Text(Vec::new()),
                Kind::Int32 => Cells::Int32(Vec::new()),
                Kind::UInt32 => Cells::UInt32(Vec::new()),
                Kind::UInt64 => Cells::UInt64(Vec::new()),
                Kind::Float64 => Cells::Float64(Vec::new()),
            })
            .collect();
        FrameBuilder {
            columns,
            cells,
            at: 0,
            rows: 0,
            misfit: None,
        }
    }

    fn misfit(&mut self, what: String) {
        if self.misfit.is_none() {
            let name = self.columns.get(self.at).map_or("?", |c| c.name.as_str());
            self.misfit = Some(format!("row {}, column `{name}`: {what}", self.rows + 1));
        }
    }

    fn next(&mut self) {
        self.at += 1;
    }
}

impl RowSink for FrameBuilder {
    fn text(&mut self, s: &str) {
        match self.cells.get_mut(self.at) {
            Some(Cells::Text(v)) => v.push(Some(s.to_string())),
            _ => self.misfit(format!("text {s:?} in a column of another type")),
        }
        self.next();
    }

    fn int(&mut self, x: i64) {
        let fits = match self.cells.get_mut(self.at) {
            Some(Cells::Int32(v)) => i32::try_from(x).map(|x| v.push(Some(x))).is_ok(),
            Some(Cells::UInt32(v)) => u32::try_from(x).map(|x| v.push(Some(x))).is_ok(),
            Some(Cells::UInt64(v)) => u64::try_from(x).map(|x| v.push(Some(x))).is_ok(),
            Some(Cells::Float64(v)) => {
                v.push(Some(x as f64));
                true
            }
            _ => false,
        };
        if !fits {
            self.misfit(format!("integer {x} does not fit the column"));
        }
        self.next();
    }

    fn float(&mut self, x: f64) {
        match self.cells.get_mut(self.at) {
            Some(Cells::Float64(v)) => v.push(Some(x)),
            _ => self.misfit(format!("number {x} in a column of another type")),
        }
        self.next();
    }

    fn missing(&mut self) {
        match self.cells.get_mut(self.at) {
            Some(Cells::Text(v)) => v.push(None),
            Some(Cells::Int32(v)) => v.push(None),
            Some(Cells::UInt32(v)) => v.push(None),
            Some(Cells::UInt64(v)) => v.push(None),
            Some(Cells::Float64(v)) => v.push(None),
            None => self.misfit("a cell beyond the last column".into()),
        }
        self.next();
    }

    fn end_row(&mut self) -> Result<()> {
        if self.at != self.columns.len() {
            self.misfit(format!(
                "{} cells under {} columns",
                self.at,
                self.columns.len()
            ));
        }
        self.at = 0;
        self.rows += 1;
        Ok(())
    }
}

fn frame_error(columns: &[Column], message: String) -> Error {
    let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
    Error::Frame {
        table: format!("({})", names.join(", ")),
        message,
    }
}

/// The table as a polars frame: one column per [`Column`], typed by its [`Kind`], missing cells
/// as nulls.
///
/// # Errors
/// [`Error::Frame`] when a cell does not fit its column (a bug of the table, not of the data).
///
/// # Examples
/// ```
/// use linkage::io::frame::to_frame;
/// let df = to_frame(linkage::catalogue().as_slice()).unwrap();
/// assert_eq!(df.get_column_names()[0].as_str(), "indicator");
/// assert_eq!(df.height(), linkage::catalogue().len());
/// ```
pub fn to_frame(rows: &(impl Rows + ?Sized)) -> Result<DataFrame> {
    let mut b = FrameBuilder::new(rows.columns());
    rows.write_rows(&mut b)?;
    if let Some(m) = b.misfit {
        return Err(frame_error(&b.columns, m));
    }
    let height = b.rows;
    let columns = b
        .columns
        .iter()
        .zip(b.cells)
        .map(|(c, cells)| {
            let name = c.name.as_str().into();
            match cells {
                Cells::Text(v) => polars::prelude::Column::new(name, v),
                Cells::Int32(v) => polars::prelude::Column::new(name, v),
                Cells::UInt32(v) => polars::prelude::Column::new(name, v),
                Cells::UInt64(v) => polars::prelude::Column::new(name, v),
                Cells::Float64(v) => polars::prelude::Column::new(name, v),
            }
        })
        .collect();
    DataFrame::new(height, columns).map_err(|e| frame_error(&b.columns, e.to_string()))
}

/// Write the table as a Parquet file (created or truncated).
///
/// # Errors
/// As [`to_frame`]; [`Error::Write`] when the file cannot be created or when the
/// Parquet writer fails.
///
/// # Examples
/// ```
/// let path = std::env::temp_dir().join("linkage-doc-catalogue.parquet");
/// linkage::io::frame::write_parquet(&path, linkage::catalogue().as_slice()).unwrap();
/// assert!(std::fs::metadata(&path).unwrap().len() > 0);
/// ```
pub fn write_parquet(path: impl AsRef<Path>, rows: &(impl Rows + ?Sized)) -> Result<()> {
    let path = path.as_ref();
    let mut frame = to_frame(rows)?;
    let file = File::create(path).map_err(|e| Error::write(path, e))?;
    ParquetWriter::new(file)
        .finish(&mut frame)
        .map(|_| ())
        .map_err(|e| Error::Write {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
}
