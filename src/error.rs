//! The crate's one error type.
//!
//! Every variant that comes from a file names the file, the data row (1-based, the header is
//! not counted) and the field at fault, so a user can open the file and fix the cell.
//! Messages are lower-case and carry no trailing period.

use std::path::PathBuf;

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in `linkage`.
///
/// # Examples
///
/// ```
/// use linkage::Error;
/// let e = Error::Parse {
///     path: "panel.csv".into(),
///     row: 12,
///     field: "year".into(),
///     value: "20x1".into(),
///     expected: "an integer year",
/// };
/// assert_eq!(
///     e.to_string(),
///     "panel.csv: row 12, field `year`: cannot read \"20x1\" as an integer year"
/// );
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened, read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// File at fault.
        path: PathBuf,
        /// Underlying I/O error.
        source: std::io::Error,
    },
    /// The CSV or Parquet reader rejected the file as a whole (malformed structure, truncated).
    #[error("{}: cannot read the file: {message}", path.display())]
    Read {
        /// File at fault.
        path: PathBuf,
        /// The reader's message.
        message: String,
    },
    /// The file has no data rows (zero bytes, or a header only).
    #[error("{}: the file has no data rows", path.display())]
    Empty {
        /// File at fault.
        path: PathBuf,
    },
    /// A required column is absent.
    #[error("{}: required column `{column}` is missing (found: {})", path.display(), found.join(", "))]
    MissingColumn {
        /// File at fault.
        path: PathBuf,
        /// The column that was expected.
        column: String,
        /// The columns that were found.
        found: Vec<String>,
    },
    /// A cell could not be read as the type its column needs.
    #[error("{}: row {row}, field `{field}`: cannot read {value:?} as {expected}", path.display())]
    Parse {
        /// File at fault.
        path: PathBuf,
        /// 1-based data row (header not counted).
        row: usize,
        /// Column name.
        field: String,
        /// The text found.
        value: String,
        /// What was expected, e.g. "an integer year".
        expected: &'static str,
    },
    /// A country code is not in the concordance (or not in the form the column needs).
    #[error("{}: row {row}, field `{field}`: unknown country code {code:?}", path.display())]
    UnknownCountry {
        /// File at fault.
        path: PathBuf,
        /// 1-based data row.
        row: usize,
        /// Column name.
        field: String,
        /// The code found.
        code: String,
    },
    /// Two rows share the same key.
    #[error("{}: row {row} repeats the key {key} first seen at row {first_row}", path.display())]
    DuplicateKey {
        /// File at fault.
        path: PathBuf,
        /// 1-based data row of the repeat.
        row: usize,
        /// 1-based data row where the key was first seen.
        first_row: usize,
        /// The key, written out.
        key: String,
    },
    /// A value is NaN or infinite.
    #[error("{}: row {row}, field `{field}`: value {value} is not finite", path.display())]
    NonFinite {
        /// File at fault.
        path: PathBuf,
        /// 1-based data row.
        row: usize,
        /// Column name.
        field: String,
        /// The value found.
        value: f64,
    },
    /// A value is negative where its unit forbids it (counts, gross flows, populations).
    #[error("{}: row {row}, field `{field}`: value {value} is negative, which unit `{unit}` forbids", path.display())]
    Negative {
        /// File at fault.
        path: PathBuf,
        /// 1-based data row.
        row: usize,
        /// Column name.
        field: String,
        /// The value found.
        value: f64,
        /// The unit that forbids it.
        unit: String,
    },
    /// A year lies outside the accepted range.
    #[error("{}: row {row}, field `{field}`: year {year} is outside {min}..={max}", path.display())]
    YearOutOfRange {
        /// File at fault.
        path: PathBuf,
        /// 1-based data row.
        row: usize,
        /// Column name.
        field: String,
        /// The year found.
        year: i64,
        /// Smallest accepted year.
        min: i32,
        /// Largest accepted year.
        max: i32,
    },
    /// A row refers to something the file's own rules forbid (e.g. an indicator with no metadata).
    #[error("{}: row {row}, field `{field}`: {reason}", path.display())]
    Invalid {
        /// File at fault.
        path: PathBuf,
        /// 1-based data row (0 when the problem is not tied to a row).
        row: usize,
        /// Column name.
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// The framework specification is inconsistent (cycle, orphan, unknown code, bad weights…).
    #[error("spec {context}: {reason}")]
    Spec {
        /// Where in the spec (file and entry).
        context: String,
        /// What is wrong.
        reason: String,
    },
    /// A method cannot be applied to these values (e.g. a geometric mean over a zero).
    #[error("{method}: {reason}")]
    Method {
        /// The method, e.g. "geometric mean".
        method: &'static str,
        /// Why it cannot be applied.
        reason: String,
    },
    /// A method failed on one named indicator or aggregate.
    #[error("{code}: {source}")]
    In {
        /// Indicator or aggregate code.
        code: String,
        /// The underlying error.
        source: Box<Error>,
    },
    /// A command-line argument is invalid.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// Wrap an I/O error with the path it concerns.
    ///
    /// # Examples
    /// ```
    /// let path = std::path::Path::new("/nonexistent/linkage.csv");
    /// let e = std::fs::read(path).map_err(|e| linkage::Error::io(path, e)).unwrap_err();
    /// assert!(e.to_string().starts_with("/nonexistent/linkage.csv"));
    /// ```
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Attach an indicator or aggregate code to an error.
    pub(crate) fn within(self, code: impl Into<String>) -> Self {
        Error::In {
            code: code.into(),
            source: Box::new(self),
        }
    }
}
