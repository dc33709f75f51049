//! The lines of a delimited file before polars reads them: the separator, formats that are not
//! text, bytes that are not UTF-8, and lines with the wrong number of fields — each refused with
//! an error naming the row — and the blank lines at the end, dropped.

use std::path::Path;

use crate::error::{Error, Location, Result};

/// Pick the delimiter from the header line: the most frequent of `,`, `;` and tab outside quotes.
pub(super) fn sniff_separator(bytes: &[u8]) -> u8 {
    let header_end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(bytes.len());
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in &bytes[..header_end] {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let seps = [b',', b';', b'\t'];
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    seps[best]
}

/// What a file that is not text looks like, from its first bytes: a gzip stream (`1f 8b`), a
/// zip archive such as an Excel workbook (`PK 03 04`), an old Excel workbook, a Parquet file
/// (`PAR1`) or UTF-16 text (its byte-order mark).
pub(super) fn binary_format(head: &[u8]) -> Option<&'static str> {
    const FORMATS: [(&[u8], &str); 6] = [
        (&[0x1f, 0x8b], "a gzip-compressed file: decompress it first"),
        (
            b"PK\x03\x04",
            "a zip archive, e.g. an Excel workbook (.xlsx): save the sheet as CSV UTF-8",
        ),
        (
            &[0xD0, 0xCF, 0x11, 0xE0],
            "an Excel 97-2003 workbook (.xls): save the sheet as CSV UTF-8",
        ),
        (
            b"PAR1",
            "a Parquet file: name it with the extension .parquet",
        ),
        (&[0xFF, 0xFE], "UTF-16 text: save it as CSV UTF-8"),
        (&[0xFE, 0xFF], "UTF-16 text: save it as CSV UTF-8"),
    ];
    FORMATS
        .iter()
        .find(|(magic, _)| head.starts_with(magic))
        .map(|(_, what)| *what)
}

/// The error for a file that looks like `what` (see [`binary_format`]).
pub(super) fn not_text(path: &Path, what: &str) -> Error {
    Error::Read {
        path: path.to_path_buf(),
        message: format!("the file is not UTF-8 text: it looks like {what}"),
    }
}

/// The error for bytes that are not UTF-8 at `offset`: the row holding the byte (records
/// counted outside quotes; the header is row 0), numbered from `first_row`.
pub(super) fn not_utf8(path: &Path, bytes: &[u8], offset: usize, first_row: usize) -> Error {
    let mut quoted = false;
    let mut line = 0;
    for &b in &bytes[..offset] {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => line += 1,
            _ => {}
        }
    }
    let reason = format!(
        "the file is not UTF-8 text (byte 0x{:02X}; a Latin-1 or Windows export?): save it as \
         CSV UTF-8",
        bytes[offset]
    );
    let at = if line == 0 {
        Location::field(path, "the header")
    } else {
        Location::row(path, first_row + line)
    };
    Error::Invalid { at, reason }
}

/// Whether `b` may stand in a line that holds no value (whitespace and separators only).
pub(super) fn is_blank_byte(b: u8, separator: u8) -> bool {
    b == separator || b.is_ascii_whitespace()
}

/// Check that no record of `bytes` has more fields than the header — with `strict`, exactly as
/// many — and drop the lines at the end that hold no value (blank, or separators only:
/// spreadsheets write them). Records are cut at line ends outside quotes, as polars cuts them;
/// rows in errors count from `first_row`. A line with more fields than the header, a quote
/// never closed and, with `strict`, a line with fewer fields (cut short) or a blank line before
/// the last value are each an [`Error::Invalid`] naming the row. (Without `strict` a shorter
/// line is read with its last cells missing, as some shipped tables need.)
pub(super) fn check_records(
    path: &Path,
    bytes: &mut Vec<u8>,
    separator: u8,
    first_row: usize,
    strict: bool,
) -> Result<()> {
    let n = bytes.len();
    let (mut header_fields, mut header_end) = (0, n);
    let (mut quoted, mut quote_record) = (false, 0);
    let (mut record, mut start, mut fields) = (0, 0, 1);
    let (mut blank, mut empty, mut spans_lines) = (true, true, false);
    let mut content_end = 0;
    let mut first_bad: Option<(usize, usize, String)> = None;
    for i in 0..=n {
        let b = match bytes.get(i) {
            Some(&b) => b,
            None if start < n => b'\n', // a last line without a line end
            None => break,
        };
        if b == b'"' {
            if !quoted {
                quote_record = record;
            }
            quoted = !quoted;
            (blank, empty) = (false, false);
            continue;
        }
        if quoted {
            spans_lines |= b == b'\n';
            continue;
        }
        if b == separator {
            fields += 1;
            blank = false;
            continue;
        }
        if b != b'\n' {
            if !b.is_ascii_whitespace() {
                (blank, empty) = (false, false);
            }
            continue;
        }
        if record == 0 {
            (header_fields, header_end) = (fields, i);
        }
        if record == 0 || !empty {
            content_end = (i + 1).min(n);
        }
        let short_or_long = if strict {
            fields != header_fields && !(header_fields == 1 && blank)
        } else {
            fields > header_fields
        };
        if record > 0 && first_bad.is_none() && short_or_long {
            let hint = if spans_lines {
                "; a quoted cell runs on over a line end here: is a quote missing?"
            } else {
                ""
            };
            let reason = if blank {
                "the line is blank (blank lines are allowed only at the end of the file)".into()
            } else if fields > header_fields {
                format!(
                    "the line has {fields} fields, the header {header_fields}: a stray separator \
                     or an unquoted cell holding one?{hint}"
                )
            } else {
                let names: Vec<&[u8]> = bytes[..header_end].split(|&c| c == separator).collect();
                let next = names.get(fields).map_or(String::new(), |c| {
                    let name = String::from_utf8_lossy(c);
                    format!(" (before `{}`)", name.trim().trim_matches('"'))
                });
                format!(
                    "the line has {fields} fields, the header {header_fields}: the line is cut \
                     short{next}{hint}"
                )
            };
            first_bad = Some((start, record, reason));
        }
        record += 1;
        (start, fields) = (i + 1, 1);
        (blank, empty, spans_lines) = (true, true, false);
    }
    let row_of = |record: usize| first_row + record;
    if quoted {
        let at = if quote_record == 0 {
            Location::field(path, "the header")
        } else {
            Location::row(path, row_of(quote_record))
        };
        return Err(Error::Invalid {
            at,
            reason: "a quoted cell that starts here is never closed".into(),
        });
    }
    if let Some((start, record, reason)) = first_bad
        && start < content_end
    {
        return Err(Error::Invalid {
            at: Location::row(path, row_of(record)),
            reason,
        });
    }
    bytes.truncate(content_end);
    Ok(())
}
