//! Parquet panel files: checked before polars decodes anything, then read in batches.
//!
//! Fuzzing found files on which polars 0.55 panics or aborts the process: a footer that
//! declares gigabytes of metadata, a page header with a negative value count, a corrupt
//! validity bitmap. The footer is parsed first under an allocation budget (`check_footer`),
//! every page header is read (`check_pages`), and every polars read runs `guarded`, its panics
//! turned into [`Error::Read`] naming the file.

use std::fs::File;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use polars::prelude::*;

use super::{OPTIONAL_COLUMNS, REQUIRED_COLUMNS, TEXT_COLUMNS};
use crate::error::{Error, Location, Result};
use crate::io::table::Table;

/// Call `f` on each batch of at most `batch_rows` rows of the Parquet file `path`, in file order
/// (see [`super::for_each_batch`]).
pub(super) fn batches(
    path: &Path,
    batch_rows: usize,
    mut f: impl FnMut(&Table) -> Result<()>,
) -> Result<()> {
    let open = || File::open(path).map_err(|e| Error::io(path, e));
    let file = open()?;
    if file.metadata().map(|m| m.len()).unwrap_or(0) == 0 {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    check_footer(path)?;
    let mut reader = ParquetReader::new(file);
    let (metadata, names) = guarded(path, || {
        let metadata = reader.get_metadata()?.clone();
        let names: Vec<String> = reader
            .schema()?
            .iter_names()
            .map(|n| n.to_string())
            .collect();
        Ok((metadata, names))
    })?;
    if let Some(missing) = REQUIRED_COLUMNS
        .iter()
        .find(|c| !names.iter().any(|n| n == *c))
    {
        return Err(Error::MissingColumn {
            path: path.to_path_buf(),
            column: missing.to_string(),
            found: names,
        });
    }
    if metadata.num_rows == 0 {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    let wanted: Vec<String> = names
        .iter()
        .filter(|n| {
            REQUIRED_COLUMNS.contains(&n.as_str()) || OPTIONAL_COLUMNS.contains(&n.as_str())
        })
        .cloned()
        .collect();
    check_pages(path, &metadata, &wanted)?;
    check_decimal(path, &metadata, &wanted)?;
    let mut offset = 0;
    // Batches never cross a row group and hold at most `batch_rows` rows, whatever row group
    // size the writer chose.
    for group in &metadata.row_groups {
        let end = offset + group.num_rows();
        while offset < end {
            let n = (end - offset).min(batch_rows.max(1));
            let mut reader = ParquetReader::new(open()?);
            reader.set_metadata(metadata.clone());
            let frame = guarded(path, || {
                reader
                    .with_slice(Some((offset, n)))
                    .with_columns(Some(wanted.clone()))
                    .finish()
            })?;
            f(&Table::typed(path, frame, offset, &TEXT_COLUMNS)?)?;
            offset += n;
        }
    }
    Ok(())
}
/// Refuse a decimal column among those read, naming it: this build of polars cannot decode
/// decimals (its `dtype-decimal` feature is off), and its own message would be about a feature.
fn check_decimal(
    path: &Path,
    metadata: &polars::io::parquet::read::FileMetadata,
    wanted: &[String],
) -> Result<()> {
    let schema = guarded(path, || polars::io::parquet::read::infer_schema(metadata))?;
    for field in schema.iter_values() {
        if !wanted.iter().any(|w| w == field.name.as_str()) {
            continue;
        }
        if let ArrowDataType::Decimal(p, s)
        | ArrowDataType::Decimal32(p, s)
        | ArrowDataType::Decimal64(p, s)
        | ArrowDataType::Decimal256(p, s) = field.dtype
        {
            return Err(Error::Invalid {
                at: Location::field(path, field.name.as_str()),
                reason: format!(
                    "a decimal column (precision {p}, scale {s}), which linkage cannot read yet: \
                     write it as a floating-point (double) column"
                ),
            });
        }
    }
    Ok(())
}

/// Memory the parsed footer of a Parquet file may take (no real panel comes near it).
const FOOTER_BUDGET: usize = 256 << 20;

/// Check the footer of a Parquet file before polars reads it: the magic bytes, a metadata
/// length that fits the file, and metadata that parses with a reader that refuses to allocate
/// more than [`FOOTER_BUDGET`] (polars' own reader allocates whatever length the footer
/// declares — 8.5 GB for a fuzzed file of 1.8 kB).
fn check_footer(path: &Path) -> Result<()> {
    use polars_parquet_format::FileMetaData;
    use polars_parquet_format::thrift::protocol::TCompactInputProtocol;
    use std::io::{BufReader, Read, Seek, SeekFrom};
    let malformed = |what: &str| Error::Read {
        path: path.to_path_buf(),
        message: format!("the Parquet file is malformed: {what}"),
    };
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    let mut tail = [0u8; 8];
    if size < 12
        || file.seek(SeekFrom::End(-8)).is_err()
        || file.read_exact(&mut tail).is_err()
        || &tail[4..] != b"PAR1"
    {
        return Err(malformed("no Parquet footer"));
    }
    let len = u64::from(u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]));
    if len + 12 > size {
        return Err(malformed("the footer is longer than the file"));
    }
    file.seek(SeekFrom::Start(size - 8 - len))
        .map_err(|e| Error::io(path, e))?;
    let mut reader = BufReader::new(file).take(len);
    // The reader's budget counts what the parsed metadata would allocate.
    let mut protocol = TCompactInputProtocol::new(&mut reader, FOOTER_BUDGET);
    FileMetaData::read_from_in_protocol(&mut protocol)
        .map_err(|e| malformed(&format!("the footer: {e}")))?;
    Ok(())
}

/// Check every page header of the column chunks that will be read (the columns `wanted`)
/// before polars decodes any: the chunk lies inside the file, each header parses, sizes are
/// not negative, pages stay inside their chunk, and no page declares more values than its row
/// group has rows (a flat column has one value, or null, per row). Columns that are not read —
/// a list or struct column beside the panel's, which may hold many values per row — are not
/// checked. polars-parquet 0.55 trusts the declared count and aborts the whole
/// process trying to allocate for a negative one (found by fuzzing); an abort cannot be caught.
fn check_pages(
    path: &Path,
    metadata: &polars::io::parquet::read::FileMetadata,
    wanted: &[String],
) -> Result<()> {
    use polars_parquet_format::PageHeader;
    use polars_parquet_format::thrift::protocol::TCompactInputProtocol;
    use std::io::{BufReader, Seek, SeekFrom};
    let malformed = |what: String| Error::Read {
        path: path.to_path_buf(),
        message: format!("the Parquet file is malformed: {what}"),
    };
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    let mut reader = BufReader::new(file);
    for (g, group) in metadata.row_groups.iter().enumerate() {
        let rows = group.num_rows() as i64;
        for column in group.parquet_columns() {
            let read = column
                .descriptor()
                .path_in_schema
                .first()
                .is_some_and(|top| wanted.iter().any(|w| w == top.as_str()));
            if !read {
                continue;
            }
            let range = column.byte_range();
            if range.start > range.end || range.end > size {
                return Err(malformed(format!(
                    "row group {g}: a column chunk lies outside the file"
                )));
            }
            let mut at = range.start;
            while at < range.end {
                reader
                    .seek(SeekFrom::Start(at))
                    .map_err(|e| Error::io(path, e))?;
                let mut protocol =
                    TCompactInputProtocol::new(&mut reader, (range.end - at) as usize);
                let header = PageHeader::read_from_in_protocol(&mut protocol)
                    .map_err(|e| malformed(format!("row group {g}: a page header: {e}")))?;
                let values = [
                    header.data_page_header.as_ref().map(|h| h.num_values),
                    header.data_page_header_v2.as_ref().map(|h| h.num_values),
                    header.dictionary_page_header.as_ref().map(|h| h.num_values),
                ];
                let is_data = values[0].is_some() || values[1].is_some();
                let bad_count = values
                    .iter()
                    .flatten()
                    .any(|&n| n < 0 || (is_data && i64::from(n) > rows));
                if header.compressed_page_size < 0 || header.uncompressed_page_size < 0 || bad_count
                {
                    return Err(malformed(format!(
                        "row group {g}: a page declares impossible sizes or value counts"
                    )));
                }
                at = reader.stream_position().map_err(|e| Error::io(path, e))?
                    + header.compressed_page_size as u64;
            }
            if at != range.end {
                return Err(malformed(format!(
                    "row group {g}: pages run past their column chunk"
                )));
            }
        }
    }
    Ok(())
}

/// Parquet reads in progress under [`guarded`] (any thread).
static GUARDED_READS: AtomicUsize = AtomicUsize::new(0);

/// Run a polars Parquet read, turning its error — or a panic inside polars, which asserts
/// rather than errs on some malformed files (found by fuzzing: a corrupt validity bitmap in a
/// dictionary page) — into [`Error::Read`] naming the file.
fn guarded<T>(path: &Path, read: impl FnOnce() -> PolarsResult<T>) -> Result<T> {
    struct Count;
    impl Drop for Count {
        fn drop(&mut self) {
            GUARDED_READS.fetch_sub(1, Ordering::SeqCst);
        }
    }
    GUARDED_READS.fetch_add(1, Ordering::SeqCst);
    let _count = Count;
    let message = match std::panic::catch_unwind(AssertUnwindSafe(read)) {
        Ok(Ok(value)) => return Ok(value),
        Ok(Err(e)) => e.to_string(),
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            format!("the Parquet file is malformed: the reader stopped ({why})")
        }
    };
    Err(Error::Read {
        path: path.to_path_buf(),
        message,
    })
}

/// Install a panic hook that stays silent about panics caught inside a guarded Parquet read
/// (they become [`Error::Read`]) and hands every other panic to the hook installed before.
/// The command line calls it once at start; a program that prints its own errors may too.
///
/// # Examples
/// ```
/// linkage::io::panel_file::quiet_caught_read_panics();
/// ```
pub fn quiet_caught_read_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if GUARDED_READS.load(Ordering::SeqCst) == 0 {
            previous(info);
        }
    }));
}
