//! The one CSV writer: every CSV file the crate writes goes through [`CsvWriter`], row by row,
//! without building a table in memory first ([`write()`] writes any [`Rows`]).
//!
//! Cells are written as RFC 4180 text: comma-separated, `\n` line ends, a field quoted when it
//! holds a comma, a quote, a line feed or a carriage return (quotes doubled), an empty text
//! written `""` so that it differs from a missing cell, which is empty. Numbers come in two
//! styles ([`NumberStyle`]), one per kind of table.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::io::rows::{Column, RowSink, Rows};

/// How numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumberStyle {
    /// The shortest text that reads back to the same `f64`, always with a decimal point or an
    /// exponent (`100.0`, `0.25`, `1e-7`); NaN and ±∞ written `NaN`, `inf`, `-inf` — the style of
    /// the report's tables (`panel.csv`, `presence.csv`, …), as polars writes them.
    #[default]
    Point,
    /// The shortest round-trip decimal as Rust's `Display` writes it (`100`, `0.25`,
    /// `0.0000001`); NaN and ±∞ as a missing (empty) cell — the style of the COINr results and the
    /// uncertainty tables, which R reads as it reads its own `write.csv`.
    Plain,
}

/// A CSV file being written, one row at a time.
///
/// # Examples
/// ```
/// use linkage::io::csv::{CsvWriter, NumberStyle};
/// use linkage::io::rows::{Column, Kind, RowSink};
/// let cols = [Column::new("partner", Kind::Text), Column::new("year", Kind::Int32),
///     Column::new("value", Kind::Float64), Column::new("note", Kind::Text)];
/// let mut w = CsvWriter::new(Vec::new(), "memory", &cols).unwrap();
/// w.text("VNM"); w.int(2019); w.float(100.0); w.text("a, b");
/// w.end_row().unwrap();
/// w.text("KOR"); w.int(2020); w.missing(); w.text("");
/// w.end_row().unwrap();
/// assert_eq!(w.finish().unwrap(),
///     b"partner,year,value,note\nVNM,2019,100.0,\"a, b\"\nKOR,2020,,\"\"\n");
///
/// let mut plain = CsvWriter::new(Vec::new(), "memory", &cols[2..3]).unwrap()
///     .with_numbers(NumberStyle::Plain);
/// plain.float(100.0); plain.end_row().unwrap();
/// plain.float(f64::NAN); plain.end_row().unwrap();
/// assert_eq!(plain.finish().unwrap(), b"value\n100\n\n");
/// ```
#[derive(Debug)]
pub struct CsvWriter<W: Write = BufWriter<File>> {
    out: W,
    path: PathBuf,
    numbers: NumberStyle,
    line: Vec<u8>,
    cells: usize,
    width: usize,
    rows: usize,
}

impl CsvWriter<BufWriter<File>> {
    /// Create (or truncate) the file `path` and write the header.
    ///
    /// # Errors
    /// [`Error::Write`] naming the file when it cannot be created or written.
    pub fn create(path: impl AsRef<Path>, columns: &[Column]) -> Result<Self> {
        let path = path.as_ref();
        let file = File::create(path).map_err(|e| Error::write(path, e))?;
        CsvWriter::new(BufWriter::with_capacity(1 << 16, file), path, columns)
    }
}

impl<W: Write> CsvWriter<W> {
    /// Write CSV to any writer (numbers in [`NumberStyle::Point`]); `path` names it in errors.
    ///
    /// # Errors
    /// [`Error::Write`] when the header cannot be written.
    pub fn new(out: W, path: impl Into<PathBuf>, columns: &[Column]) -> Result<Self> {
        let mut w = CsvWriter {
            out,
            path: path.into(),
            numbers: NumberStyle::Point,
            line: Vec::with_capacity(256),
            cells: 0,
            width: columns.len(),
            rows: 0,
        };
        for c in columns {
            w.text(&c.name);
        }
        w.write_line()?;
        Ok(w)
    }

    /// Write numbers in `style` from now on.
    pub fn with_numbers(mut self, style: NumberStyle) -> Self {
        self.numbers = style;
        self
    }

    /// Data rows written so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    fn separate(&mut self) {
        if self.cells > 0 {
            self.line.push(b',');
        }
        self.cells += 1;
    }

    fn write_line(&mut self) -> Result<()> {
        self.line.push(b'\n');
        let written = self.out.write_all(&self.line);
        self.line.clear();
        self.cells = 0;
        written.map_err(|e| Error::write(&self.path, e))
    }

    /// Flush and return the writer.
    ///
    /// # Errors
    /// [`Error::Write`] when the flush fails (e.g. the disk is full).
    pub fn finish(mut self) -> Result<W> {
        self.out.flush().map_err(|e| Error::write(&self.path, e))?;
        Ok(self.out)
    }
}

impl<W: Write> RowSink for CsvWriter<W> {
    fn text(&mut self, s: &str) {
        self.separate();
        if s.is_empty() {
            self.line.extend_from_slice(b"\"\"");
        } else if s.contains([',', '"', '\n', '\r']) {
            self.line.push(b'"');
            for (k, part) in s.split('"').enumerate() {
                if k > 0 {
                    self.line.extend_from_slice(b"\"\"");
                }
                self.line.extend_from_slice(part.as_bytes());
            }
            self.line.push(b'"');
        } else {
            self.line.extend_from_slice(s.as_bytes());
        }
    }

    fn int(&mut self, v: i64) {
        self.separate();
        let _ = write!(self.line, "{v}");
    }

    fn float(&mut self, v: f64) {
        self.separate();
        match self.numbers {
            NumberStyle::Point => {
                let mut buf = zmij::Buffer::new();
                self.line.extend_from_slice(buf.format(v).as_bytes());
            }
            NumberStyle::Plain => {
                if v.is_finite() {
                    let _ = write!(self.line, "{v}");
                }
            }
        }
    }

    fn missing(&mut self) {
        self.separate();
    }

    /// # Errors
    /// [`Error::Write`] when the write fails; [`Error::Method`] when the row's width differs from
    /// the header's (a bug of the caller, reported rather than written).
    fn end_row(&mut self) -> Result<()> {
        if self.cells != self.width {
            let cells = self.cells;
            self.line.clear();
            self.cells = 0;
            return Err(Error::Method {
                method: "csv",
                reason: format!(
                    "{}: a row of {cells} cells under a header of {}",
                    self.path.display(),
                    self.width
                ),
            });
        }
        self.rows += 1;
        self.write_line()
    }
}

/// Write a table to the CSV file `path` (created or truncated), numbers in `style`; returns the
/// number of data rows written.
///
/// # Errors
/// [`Error::Write`] naming the file when it cannot be created or written.
///
/// # Examples
/// ```
/// use linkage::io::csv::{NumberStyle, write};
/// let rows = linkage::catalogue();
/// let path = std::env::temp_dir().join("linkage-doc-indicators.csv");
/// let n = write(&path, rows.as_slice(), NumberStyle::Point).unwrap();
/// assert_eq!(n, rows.len());
/// let text = std::fs::read_to_string(&path).unwrap();
/// assert!(text.starts_with("indicator,name,dimension,unit,direction,"));
/// ```
pub fn write(
    path: impl AsRef<Path>,
    rows: &(impl Rows + ?Sized),
    style: NumberStyle,
) -> Result<usize> {
    let mut w = CsvWriter::create(path, &rows.columns())?.with_numbers(style);
    rows.write_rows(&mut w)?;
    let n = w.rows();
    w.finish()?;
    Ok(n)
}

/// A table as CSV text, numbers in `style`.
///
/// # Errors
/// Those of the table's rows (the text itself cannot fail to be written).
///
/// # Examples
/// ```
/// use linkage::io::csv::{NumberStyle, to_string};
/// let text = to_string(linkage::catalogue().as_slice(), NumberStyle::Point).unwrap();
/// assert!(text.lines().nth(1).unwrap().starts_with("trade_share_dots,"));
/// ```
pub fn to_string(rows: &(impl Rows + ?Sized), style: NumberStyle) -> Result<String> {
    let mut w = CsvWriter::new(Vec::new(), "memory", &rows.columns())?.with_numbers(style);
    rows.write_rows(&mut w)?;
    let bytes = w.finish()?;
    // Every cell was written from a `&str` or a number: the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
