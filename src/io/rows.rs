//! Tables of results as rows of typed cells: each result type states its columns and writes its
//! rows once ([`Rows`]), and the writers take it from there — a CSV file
//! ([`crate::io::csv::write`]), a polars `DataFrame` ([`crate::io::frame::to_frame`]) or a
//! Parquet file ([`crate::io::frame::write_parquet`]). So a table's columns are defined in one
//! place, beside the type, and no result type touches a file format.

use crate::error::Result;

/// The type of a column, as a frame holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text (UTF-8).
    Text,
    /// A 32-bit signed integer (years).
    Int32,
    /// A 32-bit unsigned integer (counts, ranks, levels).
    UInt32,
    /// A 64-bit unsigned integer (large counts).
    UInt64,
    /// A 64-bit float.
    Float64,
}

/// One column of a table: its name and type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The name, as written in the header.
    pub name: String,
    /// The type.
    pub kind: Kind,
}

impl Column {
    /// A column.
    pub fn new(name: impl Into<String>, kind: Kind) -> Column {
        Column {
            name: name.into(),
            kind,
        }
    }
}

/// Where the cells of a table go, row by row, in column order. A cell's value must fit its
/// column's [`Kind`] (text in a text column, an integer in an integer column, …); any cell may be
/// [`missing`](RowSink::missing).
pub trait RowSink {
    /// A text cell.
    fn text(&mut self, s: &str);
    /// An integer cell.
    fn int(&mut self, v: i64);
    /// A number cell (NaN and ±∞ are values: written as such where the format can).
    fn float(&mut self, v: f64);
    /// A missing cell (null).
    fn missing(&mut self);
    /// The row is complete.
    ///
    /// # Errors
    /// When the row cannot be written, or its width differs from the header's.
    fn end_row(&mut self) -> Result<()>;

    /// An integer cell, or a missing one.
    fn opt_int(&mut self, v: Option<i64>) {
        match v {
            Some(v) => self.int(v),
            None => self.missing(),
        }
    }

    /// A number cell, or a missing one.
    fn opt_float(&mut self, v: Option<f64>) {
        match v {
            Some(v) => self.float(v),
            None => self.missing(),
        }
    }
}

/// A table of results: its columns, and its rows written to a [`RowSink`].
///
/// # Examples
/// ```
/// use linkage::io::rows::{Column, Kind, RowSink, Rows};
/// struct Shares(Vec<(&'static str, f64)>);
/// impl Rows for Shares {
///     fn columns(&self) -> Vec<Column> {
///         vec![Column::new("partner", Kind::Text), Column::new("share", Kind::Float64)]
///     }
///     fn write_rows(&self, sink: &mut dyn RowSink) -> linkage::Result<()> {
///         for (partner, share) in &self.0 {
///             sink.text(partner);
///             sink.float(*share);
///             sink.end_row()?;
///         }
///         Ok(())
///     }
/// }
/// let t = Shares(vec![("VNM", 0.25), ("KOR", 0.5)]);
/// let df = linkage::io::frame::to_frame(&t).unwrap();
/// assert_eq!(df.shape(), (2, 2));
/// let mut csv = linkage::io::csv::CsvWriter::new(Vec::new(), "memory", &t.columns()).unwrap();
/// t.write_rows(&mut csv).unwrap();
/// assert_eq!(csv.finish().unwrap(), b"partner,share\nVNM,0.25\nKOR,0.5\n");
/// ```
pub trait Rows {
    /// The columns, in order.
    fn columns(&self) -> Vec<Column>;

    /// Write every row, each ended with [`RowSink::end_row`].
    ///
    /// # Errors
    /// Those of the sink.
    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()>;
}
