//! The crate's one error type.
//!
//! Every error that comes from a cell of a file carries a [`Location`]: the file, the data row
//! (1-based, the header is not counted) and the field at fault, each named when known, so a user
//! can open the file and fix the cell. Messages are lower-case and carry no trailing period.

use std::fmt;
use std::path::PathBuf;

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where in a file a problem is: the file, and the data row and field when the problem is tied
/// to them.
///
/// Written `path`, `path: row 12`, `path: row 12, field `year`` or `path: field `year``.
///
/// # Examples
/// ```
/// use linkage::error::Location;
/// let at = Location::cell("panel.csv", 12, "year");
/// assert_eq!(at.to_string(), "panel.csv: row 12, field `year`");
/// assert_eq!(Location::field("spec.csv", "Vietnam").to_string(), "spec.csv: field `Vietnam`");
/// assert_eq!(Location::file("panel.csv").row, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file at fault.
    pub path: PathBuf,
    /// The 1-based data row (header not counted), when the problem is tied to a row.
    pub row: Option<usize>,
    /// The column, when the problem is tied to one.
    pub field: Option<String>,
}

impl Location {
    /// A whole file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: path.into(),
            row: None,
            field: None,
        }
    }

    /// One row of a file.
    pub fn row(path: impl Into<PathBuf>, row: usize) -> Self {
        Location {
            row: Some(row),
            ..Location::file(path)
        }
    }

    /// One column of a file, not tied to a row (e.g. a header cell).
    pub fn field(path: impl Into<PathBuf>, field: impl Into<String>) -> Self {
        Location {
            field: Some(field.into()),
            ..Location::file(path)
        }
    }

    /// One cell: a row and a column of a file.
    pub fn cell(path: impl Into<PathBuf>, row: usize, field: impl Into<String>) -> Self {
        Location {
            path: path.into(),
            row: Some(row),
            field: Some(field.into()),
        }
    }

    /// Whether this is the cell (`row`, `field`).
    pub fn is_cell(&self, row: usize, field: &str) -> bool {
        self.row == Some(row) && self.field.as_deref() == Some(field)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        match (&self.row, &self.field) {
            (Some(r), Some(c)) => write!(f, ": row {r}, field `{c}`"),
            (Some(r), None) => write!(f, ": row {r}"),
            (None, Some(c)) => write!(f, ": field `{c}`"),
            (None, None) => Ok(()),
        }
    }
}

/// Everything that can go wrong in `linkage`.
///
/// # Examples
///
/// ```
/// use linkage::error::{Error, Location};
/// let e = Error::Parse {
///     at: Location::cell("panel.csv", 12, "year"),
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
    /// The file could not be opened or read (a file that cannot be created or written is
    /// [`Error::Write`]).
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
    #[error("{at}: cannot read {value:?} as {expected}")]
    Parse {
        /// The cell at fault.
        at: Location,
        /// The text found.
        value: String,
        /// What was expected, e.g. "an integer year".
        expected: &'static str,
    },
    /// A country code is not in the concordance (or not in the form the column needs).
    #[error("{at}: unknown country code {code:?}")]
    UnknownCountry {
        /// The cell at fault.
        at: Location,
        /// The code found.
        code: String,
    },
    /// Two rows share the same key.
    #[error("{at} repeats the key {key} first seen at row {first_row}")]
    DuplicateKey {
        /// The row of the repeat.
        at: Location,
        /// 1-based data row where the key was first seen.
        first_row: usize,
        /// The key, written out.
        key: String,
    },
    /// A value is NaN or infinite.
    #[error("{at}: value {value} is not finite")]
    NonFinite {
        /// The cell at fault.
        at: Location,
        /// The value found.
        value: f64,
    },
    /// A value is negative where its unit forbids it (counts, gross flows, populations).
    #[error("{at}: value {value} is negative, which unit `{unit}` forbids")]
    Negative {
        /// The cell at fault.
        at: Location,
        /// The value found.
        value: f64,
        /// The unit that forbids it.
        unit: String,
    },
    /// A year lies outside the accepted range.
    #[error("{at}: year {year} is outside {min}..={max}")]
    YearOutOfRange {
        /// The cell at fault.
        at: Location,
        /// The year found.
        year: i64,
        /// Smallest accepted year.
        min: i32,
        /// Largest accepted year.
        max: i32,
    },
    /// A row or column breaks a rule of its file (e.g. an indicator with no metadata).
    #[error("{at}: {reason}")]
    Invalid {
        /// Where: the file, and the row and field when the problem is tied to them.
        at: Location,
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
    /// A file could not be created or written (CSV or Parquet; e.g. the disk is full).
    #[error("{}: cannot write the file: {message}", path.display())]
    Write {
        /// File at fault.
        path: PathBuf,
        /// The writer's message.
        message: String,
    },
    /// Polars refused to build or convert a table of results (not expected: the crate builds
    /// its columns with equal lengths).
    #[error("cannot build the table {table}: {message}")]
    Frame {
        /// Which table: its name or its columns.
        table: String,
        /// Polars' message.
        message: String,
    },
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

    /// A file that cannot be created or written: [`Error::Write`] with the I/O error's message.
    ///
    /// # Examples
    /// ```
    /// let e = std::io::Error::new(std::io::ErrorKind::StorageFull, "No space left on device");
    /// assert_eq!(linkage::Error::write("/dev/full", e).to_string(),
    ///     "/dev/full: cannot write the file: No space left on device");
    /// ```
    pub fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Write {
            path: path.into(),
            message: source.to_string(),
        }
    }

    /// Where in a file the error is, for the errors tied to a cell, row or field.
    ///
    /// # Examples
    /// ```
    /// use linkage::error::{Error, Location};
    /// let e = Error::Invalid { at: Location::row("a.csv", 3), reason: "bad".into() };
    /// assert_eq!(e.location().and_then(|at| at.row), Some(3));
    /// assert!(Error::Empty { path: "a.csv".into() }.location().is_none());
    /// ```
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Parse { at, .. }
            | Error::UnknownCountry { at, .. }
            | Error::DuplicateKey { at, .. }
            | Error::NonFinite { at, .. }
            | Error::Negative { at, .. }
            | Error::YearOutOfRange { at, .. }
            | Error::Invalid { at, .. } => Some(at),
            Error::In { source, .. } => source.location(),
            _ => None,
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
