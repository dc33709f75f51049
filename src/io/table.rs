//! Reading delimited text files at the edge: every cell as text, then typed parsing that names
//! the file, row and field of any cell it cannot read.
//!
//! Polars does the tokenising (quoting, CRLF, embedded newlines); this module turns its
//! all-text frame into typed values with precise errors. A UTF-8 byte-order mark is removed and
//! the delimiter (comma, semicolon or tab) is taken from the header line.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::error::{Error, Location, Result};

mod lines;
#[cfg(test)]
mod tests;

use lines::{binary_format, check_records, is_blank_byte, not_text, not_utf8, sniff_separator};

/// A delimited file read as text (or a typed batch of a Parquet file), with its path and the
/// position of its first row kept for error messages.
#[derive(Debug)]
pub struct Table {
    path: PathBuf,
    frame: DataFrame,
    decimal_comma: bool,
    first_row: usize,
}

impl Table {
    /// Read a delimited file, every column as text. An empty cell is missing (`None`).
    ///
    /// Lines at the end that hold no value (blank, or separators only, as spreadsheets write
    /// them) are not rows.
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read, [`Error::Empty`] when it holds no data
    /// row, [`Error::Read`] when the reader rejects its structure or the file is not text
    /// (naming the format it looks like: gzip, zip or Excel workbook, Parquet, UTF-16), and
    /// [`Error::Invalid`] naming the row for bytes that are not UTF-8, a line with more fields
    /// than the header, or a quote never closed. A line with fewer fields is read with its
    /// last cells missing ([`Table::for_each_chunk`] refuses it).
    ///
    /// # Examples
    /// ```
    /// use linkage::io::table::Table;
    /// let t = Table::from_bytes("x.csv", b"a,b\r\n1,2\r\n\r\n,\r\n".to_vec()).unwrap();
    /// assert_eq!(t.height(), 1); // the blank line and the empty row at the end are not rows
    /// let e = Table::from_bytes("x.csv", b"a,b\n1,2\n3,4,5\n".to_vec()).unwrap_err();
    /// assert_eq!(e.to_string(),
    ///     "x.csv: row 2: the line has 3 fields, the header 2: a stray separator or an \
    ///      unquoted cell holding one?");
    /// let e = Table::from_bytes("x.gz", vec![0x1f, 0x8b, 8, 0]).unwrap_err();
    /// assert!(e.to_string().contains("not UTF-8 text: it looks like a gzip-compressed file"));
    /// ```
    pub fn read(path: impl AsRef<Path>) -> Result<Table> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Self::from_bytes(path, bytes)
    }

    /// Parse in-memory bytes as if they were the file `path` (as [`Table::read`]).
    ///
    /// # Errors
    /// As [`Table::read`].
    pub fn from_bytes(path: impl AsRef<Path>, bytes: Vec<u8>) -> Result<Table> {
        Self::parse(path.as_ref(), bytes, 0, false)
    }

    /// [`Table::from_bytes`] for a chunk whose first data row is row `first_row + 1` of the
    /// file; `strict` as in `check_records` (in `lines`).
    fn parse(path: &Path, mut bytes: Vec<u8>, first_row: usize, strict: bool) -> Result<Table> {
        let path = path.to_path_buf();
        if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
            bytes.drain(..3);
        } else if let Some(what) = binary_format(&bytes) {
            return Err(not_text(&path, what));
        }
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(Error::Empty { path });
        }
        if let Err(e) = std::str::from_utf8(&bytes) {
            return Err(not_utf8(&path, &bytes, e.valid_up_to(), first_row));
        }
        let separator = sniff_separator(&bytes);
        check_records(&path, &mut bytes, separator, first_row, strict)?;
        let frame = CsvReadOptions::default()
            .with_has_header(true)
            .with_infer_schema_length(Some(0))
            .with_raise_if_empty(false)
            .map_parse_options(|p| p.with_separator(separator))
            .into_reader_with_file_handle(Cursor::new(bytes))
            .finish()
            .map_err(|e| Error::Read {
                path: path.clone(),
                message: e.to_string(),
            })?;
        let mut frame = frame;
        // Header cells are trimmed so that `" year"` or `"year\r"` still match.
        let names: Vec<String> = frame
            .get_column_names()
            .iter()
            .map(|n| n.trim().to_string())
            .collect();
        frame.set_column_names(&names).map_err(|e| Error::Read {
            path: path.clone(),
            message: e.to_string(),
        })?;
        if frame.height() == 0 {
            return Err(Error::Empty { path });
        }
        Ok(Table {
            path,
            frame,
            // In a semicolon-separated file a comma inside a number is a decimal comma.
            decimal_comma: separator == b';',
            first_row,
        })
    }

    /// Read a delimited file in chunks of about `chunk_bytes` bytes, cut only at line ends
    /// outside quotes, and call `f` on each chunk as a table (the header repeated, the row
    /// numbers counted from the start of the file). Memory is one chunk, not the file.
    ///
    /// Lines are checked strictly (a user's panel file is read this way): every line has the
    /// header's number of fields, and a line without a value (blank, or separators only) may
    /// stand only at the end of the file, where it is dropped whatever the chunk size.
    ///
    /// # Errors
    /// As [`Table::read`] (per chunk); [`Error::Invalid`] naming the row for a line cut short
    /// or a blank line before the last row; [`Error::Empty`] when the file holds no data row;
    /// and whatever `f` returns.
    ///
    /// # Examples
    /// ```
    /// use linkage::io::table::Table;
    /// let f = std::env::temp_dir().join("linkage-doc-chunks.csv");
    /// std::fs::write(&f, "a,b\n1,\"x\ny\"\n2,z\n3,w\n").unwrap();
    /// let mut rows = Vec::new();
    /// Table::for_each_chunk(&f, 4, |t| {
    ///     let a = t.column("a").unwrap();
    ///     rows.extend((0..t.height()).map(|i| (a.row(i), a.int(i).unwrap())));
    ///     Ok(())
    /// }).unwrap();
    /// assert_eq!(rows, vec![(1, 1), (2, 2), (3, 3)]);
    /// ```
    pub fn for_each_chunk(
        path: impl AsRef<Path>,
        chunk_bytes: usize,
        mut f: impl FnMut(&Table) -> Result<()>,
    ) -> Result<()> {
        use std::io::Read;
        let path = path.as_ref();
        let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let (mut buf, mut header): (Vec<u8>, Option<Vec<u8>>) = (Vec::new(), None);
        // Quote parity over buf[..scanned]; `cut` = end of the last whole line scanned.
        let (mut quoted, mut scanned, mut cut) = (false, 0, None);
        let (mut first_row, mut eof, mut sniffed) = (0, false, false);
        let step = chunk_bytes.max(1);
        loop {
            if !eof {
                // Grows as bytes arrive: a small file costs its size, not a chunk.
                let n = (&mut file)
                    .take(step as u64)
                    .read_to_end(&mut buf)
                    .map_err(|e| Error::io(path, e))?;
                eof = n == 0;
            }
            // A binary file is refused from its first bytes, before a line is looked for.
            if !sniffed && (buf.len() >= 4 || eof) {
                sniffed = true;
                if let Some(what) = binary_format(&buf) {
                    return Err(not_text(path, what));
                }
            }
            while scanned < buf.len() {
                let b = buf[scanned];
                scanned += 1;
                if b == b'"' {
                    quoted = !quoted;
                } else if b == b'\n' && !quoted {
                    cut = Some(scanned);
                    if header.is_none() {
                        break; // the header is the first whole line
                    }
                }
            }
            if header.is_none() {
                match cut.take() {
                    Some(c) => {
                        header = Some(buf.drain(..c).collect());
                        scanned -= c;
                        continue;
                    }
                    None if eof => break, // a header without a line end: no data row
                    None => continue,
                }
            }
            let mut end = match cut {
                _ if eof => buf.len(),
                Some(c) if c >= step => c,
                _ => continue,
            };
            if !eof {
                // Lines without a value at the end of a chunk wait for the next one: blank
                // lines are dropped only at the end of the file.
                let separator = sniff_separator(header.as_deref().unwrap_or_default());
                match buf[..end]
                    .iter()
                    .rposition(|&b| !is_blank_byte(b, separator))
                {
                    None => continue,
                    Some(k) => {
                        end = buf[k..end]
                            .iter()
                            .position(|&b| b == b'\n')
                            .map_or(end, |p| k + p + 1);
                    }
                }
            }
            let piece: Vec<u8> = buf.drain(..end).collect();
            scanned -= end;
            cut = None;
            if !piece.is_empty() {
                // Blank lines are rows (of empty cells), as in a whole-file read.
                let mut bytes = header.clone().unwrap_or_default();
                bytes.extend_from_slice(&piece);
                match Table::parse(path, bytes, first_row, true) {
                    Err(Error::Empty { .. }) => {}
                    Err(e) => return Err(e),
                    Ok(table) => {
                        first_row += table.height();
                        f(&table)?;
                    }
                }
            }
            if eof {
                break;
            }
        }
        if first_row == 0 {
            return Err(Error::Empty {
                path: path.to_path_buf(),
            });
        }
        Ok(())
    }

    /// Wrap a typed frame (e.g. read from Parquet) as text, casting every column to strings, so
    /// the same cell parsers and error messages apply ([`Table::typed`] with every column as
    /// text).
    ///
    /// # Errors
    /// [`Error::Read`] if a column cannot be cast; [`Error::Empty`] if there are no rows.
    ///
    /// # Examples
    /// ```
    /// use polars::prelude::*;
    /// use linkage::io::table::Table;
    /// let t = Table::from_frame("f.parquet", df!("year" => [2019i32]).unwrap()).unwrap();
    /// assert_eq!(t.column("year").unwrap().text(0), Some("2019"));
    /// ```
    pub fn from_frame(path: impl AsRef<Path>, frame: DataFrame) -> Result<Table> {
        if frame.height() == 0 {
            return Err(Error::Empty {
                path: path.as_ref().to_path_buf(),
            });
        }
        let names: Vec<String> = frame
            .get_column_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        Table::typed(path, frame, 0, &names)
    }

    /// Wrap one batch of a typed file (e.g. a Parquet row group) without turning numbers into
    /// text: integer columns are read as integers, floating-point columns as floats, the
    /// `text_columns` and every other column as text. `first_row` is the number of data rows
    /// before this batch, so errors name the row in the whole file.
    ///
    /// # Errors
    /// [`Error::Read`] if a column cannot be cast.
    ///
    /// # Examples
    /// ```
    /// use polars::prelude::*;
    /// use linkage::io::table::Table;
    /// let df = df!("actor" => ["JPN"], "year" => [2019i32], "value" => [f64::NAN]).unwrap();
    /// let t = Table::typed("p.parquet", df, 1000, &["actor"]).unwrap();
    /// assert_eq!(t.column("year").unwrap().year(0, 1800, 2100).unwrap(), 2019);
    /// let e = t.column("value").unwrap().f64(0).unwrap_err();
    /// assert_eq!(e.to_string(), "p.parquet: row 1001, field `value`: value NaN is not finite");
    /// ```
    pub fn typed(
        path: impl AsRef<Path>,
        frame: DataFrame,
        first_row: usize,
        text_columns: &[&str],
    ) -> Result<Table> {
        let path = path.as_ref().to_path_buf();
        let columns = frame
            .columns()
            .iter()
            .map(|c| {
                let dtype = c.dtype();
                if text_columns.contains(&c.name().as_str()) || !dtype.is_primitive_numeric() {
                    c.cast(&DataType::String)
                } else if dtype.is_float() {
                    c.cast(&DataType::Float64)
                } else {
                    c.cast(&DataType::Int64)
                }
            })
            .collect::<PolarsResult<Vec<_>>>()
            .map_err(|e| Error::Read {
                path: path.clone(),
                message: e.to_string(),
            })?;
        let frame = DataFrame::new(frame.height(), columns).map_err(|e| Error::Read {
            path: path.clone(),
            message: e.to_string(),
        })?;
        Ok(Table {
            path,
            frame,
            decimal_comma: false,
            first_row,
        })
    }

    /// The file this table came from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Number of data rows.
    pub fn height(&self) -> usize {
        self.frame.height()
    }

    /// Column names in file order.
    pub fn columns(&self) -> Vec<String> {
        self.frame
            .get_column_names()
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    /// Whether a column exists.
    pub fn has(&self, name: &str) -> bool {
        self.frame.column(name).is_ok()
    }

    /// A required column: text cells, or typed cells for the numeric columns of a
    /// [`Table::typed`] batch.
    ///
    /// # Errors
    /// [`Error::MissingColumn`] naming the file and the columns found.
    pub fn column(&self, name: &str) -> Result<Cells<'_>> {
        let missing = || Error::MissingColumn {
            path: self.path.clone(),
            column: name.to_string(),
            found: self.columns(),
        };
        let col = self.frame.column(name).map_err(|_| missing())?;
        let values = match col.dtype() {
            DataType::Float64 => Values::Float(col.f64().map_err(|_| missing())?.iter().collect()),
            DataType::Int64 => Values::Int(col.i64().map_err(|_| missing())?.iter().collect()),
            _ => Values::Text(col.str().map_err(|_| missing())?.iter().collect()),
        };
        Ok(Cells {
            path: &self.path,
            name: name.to_string(),
            values,
            decimal_comma: self.decimal_comma,
            first_row: self.first_row,
        })
    }
}

/// The cells of one column: text, or numbers when the file was typed.
#[derive(Debug)]
enum Values<'a> {
    Text(Vec<Option<&'a str>>),
    Int(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
}

/// The cells of one column, with typed accessors whose errors name file, row and field.
#[derive(Debug)]
pub struct Cells<'a> {
    path: &'a Path,
    name: String,
    values: Values<'a>,
    decimal_comma: bool,
    first_row: usize,
}

impl<'a> Cells<'a> {
    /// Raw text of row `i` (0-based within the table), trimmed; `None` when empty — and for
    /// the numeric columns of a typed batch, which hold no text.
    pub fn text(&self, i: usize) -> Option<&'a str> {
        match &self.values {
            Values::Text(v) => v[i].map(str::trim).filter(|s| !s.is_empty()),
            Values::Int(_) | Values::Float(_) => None,
        }
    }

    /// Row number in the file (1-based, header not counted) of row `i` of this table.
    pub fn row(&self, i: usize) -> usize {
        self.first_row + i + 1
    }

    /// The cell as written, for messages.
    fn shown(&self, i: usize) -> String {
        match &self.values {
            Values::Text(v) => v[i].unwrap_or("").trim().to_string(),
            Values::Int(v) => v[i].map(|x| x.to_string()).unwrap_or_default(),
            Values::Float(v) => v[i].map(|x| x.to_string()).unwrap_or_default(),
        }
    }

    /// Column name.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn parse_error(&self, i: usize, value: &str, expected: &'static str) -> Error {
        Error::Parse {
            at: Location::cell(self.path.to_path_buf(), self.row(i), self.name.clone()),
            value: value.to_string(),
            expected,
        }
    }

    /// Text of row `i`, required.
    pub fn required_text(&self, i: usize) -> Result<&'a str> {
        self.text(i)
            .ok_or_else(|| self.parse_error(i, &self.shown(i), "a non-empty value"))
    }

    fn non_finite(&self, i: usize, value: f64) -> Error {
        Error::NonFinite {
            at: Location::cell(self.path.to_path_buf(), self.row(i), self.name.clone()),
            value,
        }
    }

    /// A number that may be missing (empty cell, `NA`). `NaN`/`inf` are read and rejected
    /// with [`Error::NonFinite`]: a missing value must be written as an empty cell.
    pub fn f64(&self, i: usize) -> Result<Option<f64>> {
        match &self.values {
            Values::Text(_) => {}
            Values::Int(v) => return Ok(v[i].map(|x| x as f64)),
            Values::Float(v) => {
                return match v[i] {
                    Some(x) if !x.is_finite() => Err(self.non_finite(i, x)),
                    other => Ok(other),
                };
            }
        }
        let Some(s) = self.text(i) else {
            return Ok(None);
        };
        if s == "NA" {
            return Ok(None);
        }
        let parsed = match s.parse::<f64>() {
            Ok(v) => Ok(v),
            // `0,25` in a semicolon-separated file: one comma, no point, read as 0.25.
            Err(_) if self.decimal_comma && s.matches(',').count() == 1 && !s.contains('.') => {
                s.replace(',', ".").parse::<f64>()
            }
            Err(e) => Err(e),
        };
        let v = parsed.map_err(|_| self.parse_error(i, s, "a number"))?;
        if !v.is_finite() {
            return Err(self.non_finite(i, v));
        }
        Ok(Some(v))
    }

    /// A required finite number.
    pub fn required_f64(&self, i: usize) -> Result<f64> {
        self.f64(i)?
            .ok_or_else(|| self.parse_error(i, "", "a number"))
    }

    /// An integer (written `2014` or `2014.0`), required.
    pub fn int(&self, i: usize) -> Result<i64> {
        match &self.values {
            Values::Text(_) => {}
            Values::Int(v) => {
                return v[i].ok_or_else(|| self.parse_error(i, "", "an integer"));
            }
            Values::Float(v) => {
                return match v[i] {
                    Some(x) if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 => Ok(x as i64),
                    _ => Err(self.parse_error(i, &self.shown(i), "an integer")),
                };
            }
        }
        let s = self.required_text(i)?;
        if let Ok(v) = s.parse::<i64>() {
            return Ok(v);
        }
        match s.parse::<f64>() {
            Ok(v) if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 => Ok(v as i64),
            _ => Err(self.parse_error(i, s, "an integer")),
        }
    }

    /// A year within `min..=max`.
    pub fn year(&self, i: usize, min: i32, max: i32) -> Result<i32> {
        let y = self
            .int(i)
            .map_err(|_| self.parse_error(i, &self.shown(i), "an integer year"))?;
        if y < i64::from(min) || y > i64::from(max) {
            return Err(Error::YearOutOfRange {
                at: Location::cell(self.path.to_path_buf(), self.row(i), self.name.clone()),
                year: y,
                min,
                max,
            });
        }
        Ok(y as i32)
    }

    /// The number at row `i`, `None` when empty; a negative number is [`Error::Negative`],
    /// `unit` saying what is counted (e.g. "students (a head count)").
    ///
    /// # Errors
    /// As [`Cells::f64`], and [`Error::Negative`] naming the cell.
    ///
    /// # Examples
    /// ```
    /// use linkage::io::table::Table;
    /// let t = Table::from_bytes("t.csv", b"k,n\na,5\nb,\nc,-1\n".to_vec()).unwrap();
    /// let n = t.column("n").unwrap();
    /// assert_eq!(n.non_negative(0, "things").unwrap(), Some(5.0));
    /// assert_eq!(n.non_negative(1, "things").unwrap(), None);
    /// assert!(n.non_negative(2, "things").is_err());
    /// ```
    pub fn non_negative(&self, i: usize, unit: &str) -> Result<Option<f64>> {
        match self.f64(i)? {
            Some(v) if v < 0.0 => Err(self.negative(i, v, unit)),
            v => Ok(v),
        }
    }

    fn negative(&self, i: usize, value: f64, unit: &str) -> Error {
        Error::Negative {
            at: Location::cell(self.path.to_path_buf(), self.row(i), self.name.clone()),
            value,
            unit: unit.to_string(),
        }
    }

    /// As [`Cells::non_negative`], required: an empty cell is an error.
    ///
    /// # Errors
    /// As [`Cells::required_f64`] and [`Cells::non_negative`].
    pub fn required_non_negative(&self, i: usize, unit: &str) -> Result<f64> {
        let v = self.required_f64(i)?;
        if v < 0.0 {
            return Err(self.negative(i, v, unit));
        }
        Ok(v)
    }

    /// Error for a key first seen at data row `first_row` and repeated at row `i`.
    pub fn duplicate_key(&self, i: usize, first_row: usize, key: String) -> Error {
        Error::DuplicateKey {
            at: Location::row(self.path.to_path_buf(), self.row(i)),
            first_row,
            key,
        }
    }

    /// Error for a country code this column holds at row `i`.
    pub fn unknown_country(&self, i: usize, code: &str) -> Error {
        Error::UnknownCountry {
            at: Location::cell(self.path.to_path_buf(), self.row(i), self.name.clone()),
            code: code.to_string(),
        }
    }

    /// Error for any other invalid cell.
    pub fn invalid(&self, i: usize, reason: impl Into<String>) -> Error {
        Error::Invalid {
            at: Location::cell(self.path.to_path_buf(), self.row(i), self.name.clone()),
            reason: reason.into(),
        }
    }
}
