//! Helpers shared by the unit tests (compiled for tests only).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::panel::country::Concordance;

/// Write `text` to a fresh file in the temp directory (unique per process and call) and
/// return its path; `name` ends the file name, so an extension can be chosen.
pub(crate) fn temp_file(name: &str, text: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("linkage-unit-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The shipped file `file` (relative to the data directory) and the concordance.
pub(crate) fn setup(file: &str) -> (PathBuf, Concordance) {
    let data = crate::default_data_dir();
    let c = Concordance::load(&data).unwrap();
    (data.join(file), c)
}

/// A table written as CSV text (the report's number style).
pub(crate) fn csv_text(rows: &(impl crate::io::rows::Rows + ?Sized)) -> String {
    let mut w = crate::io::csv::CsvWriter::new(Vec::new(), "memory", &rows.columns()).unwrap();
    rows.write_rows(&mut w).unwrap();
    String::from_utf8(w.finish().unwrap()).unwrap()
}
