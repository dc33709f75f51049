//! A user's own panel and spec, as a demanding analyst writes them (issue 15): every error names
//! its file (and row, field or spec key), valid files are read, and the same data written
//! another way gives the same scores byte for byte. Every input is synthetic (see
//! tests/fixtures/bad/README.md); the binary ones are made here from code.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;

use super::{bad, check_fails, linkage, score_fails, stderr, tmp};

/// `linkage score` of `panel` with `spec`, writing `out`.
fn score(panel: &Path, spec: &Path, out: &Path) -> Output {
    linkage(&[
        "score".as_ref(),
        "--panel".as_ref(),
        panel.as_os_str(),
        "--spec".as_ref(),
        spec.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ])
}

/// `o` failed with exit `code`, without a panic, and its message holds every needle.
fn fails_with(o: &Output, code: i32, needles: &[&str]) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(code), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    for n in needles {
        assert!(err.contains(n), "{err:?} lacks {n:?}");
    }
}

#[test]
fn spec_validation_errors_name_the_spec_file_and_key() {
    let cases: &[(&str, &[&str])] = &[
        (
            "spec_zero_weights.toml",
            &["group `presence`", "weights sum to zero"],
        ),
        ("spec_cycle.toml", &["group `", "cycle"]),
        (
            "spec_parent_missing.toml",
            &["indicator `unga_agreement`", "parent `soft_powr`"],
        ),
        ("spec_negative_weight.toml", &["group `trade`", "weight -1"]),
        (
            "spec_absent_indicator.toml",
            &["indicator `fdi_stock_share`", "no such indicator"],
        ),
        // Garbage refused: goalposts upper first (the direction inverts an indicator, not
        // the goalposts), and weights whose sum overflows to infinity.
        (
            "spec_goalposts_reversed.toml",
            &[
                "indicator `trade_share_dots`",
                "goalposts(0.5,0,100)",
                "lower < upper",
                "direction = -1",
            ],
        ),
        (
            "spec_weights_overflow.toml",
            &["group `presence`", "sum to infinity"],
        ),
    ];
    for (file, needles) in cases {
        let spec = bad(file);
        let o = score(&bad("good_panel.csv"), &spec, &tmp("scores.csv"));
        let named = format!("spec {}: ", spec.display());
        let mut all = needles.to_vec();
        all.push(&named);
        fails_with(&o, 1, &all);
    }
}

#[test]
fn write_errors_say_cannot_write() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        eprintln!("note: no /dev/full on this system; write errors not tested");
        return;
    }
    let o = score(&bad("good_panel.csv"), &bad("good_spec.toml"), full);
    fails_with(
        &o,
        1,
        &["/dev/full: cannot write the file", "No space left"],
    );
    let o = linkage(&[
        "index".as_ref(),
        "--idata".as_ref(),
        bad("idata.csv").as_os_str(),
        "--imeta".as_ref(),
        bad("imeta.csv").as_os_str(),
        "--out".as_ref(),
        full.as_os_str(),
    ]);
    fails_with(&o, 1, &["/dev/full: cannot write the file"]);
}

#[test]
fn malformed_lines_name_their_row() {
    let cases: &[(&str, &[&str])] = &[
        (
            "extra_field.csv",
            &["row 2", "the line has 6 fields, the header 5"],
        ),
        // Cut short before `value`: malformed, not "value missing".
        (
            "cut_short.csv",
            &[
                "row 3",
                "the line has 4 fields",
                "cut short (before `value`)",
            ],
        ),
        (
            "blank_line_inside.csv",
            &["row 2", "blank lines are allowed only at the end"],
        ),
        ("unclosed_quote.csv", &["row 2", "never closed"]),
        ("latin1.csv", &["row 1", "not UTF-8 text", "0xF4"]),
    ];
    for (file, needles) in cases {
        check_fails(&bad(file), needles);
        score_fails(&bad(file), needles);
        let err = stderr(&linkage(&["check".as_ref(), bad(file).as_os_str()]));
        assert!(!err.contains("truncate_ragged_lines"), "{err}");
    }
}

/// A file holding `bytes` named `name`.
fn file_of(name: &str, bytes: &[u8]) -> PathBuf {
    let path = tmp(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// `good_panel.csv` written as Parquet by polars, with `extra` columns added.
fn good_parquet(name: &str, extra: Vec<polars::prelude::Column>) -> PathBuf {
    use polars::prelude::*;
    let mut frame = CsvReadOptions::default()
        .try_into_reader_with_file_path(Some(bad("good_panel.csv")))
        .unwrap()
        .finish()
        .unwrap();
    for c in extra {
        frame.with_column(c).unwrap();
    }
    let path = tmp(name);
    ParquetWriter::new(std::fs::File::create(&path).unwrap())
        .finish(&mut frame)
        .unwrap();
    path
}

#[test]
fn non_text_inputs_name_the_format_they_look_like() {
    // Synthetic headers of each format, with junk after them (no line end: once "no data rows").
    let parquet = std::fs::read(good_parquet("real.parquet", vec![])).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "gzipped.csv",
            [&[0x1f, 0x8b, 0x08, 0x00][..], &[0xA7; 40]].concat(),
            "gzip-compressed",
        ),
        (
            "workbook.csv",
            [&b"PK\x03\x04\x14\x00\x06\x00"[..], b"[Content_Types].xml"].concat(),
            "Excel workbook (.xlsx)",
        ),
        ("parquet_renamed.csv", parquet, "a Parquet file"),
    ];
    for (name, bytes, what) in cases {
        let path = file_of(name, &bytes);
        check_fails(&path, &["not UTF-8 text", what]);
        score_fails(&path, &["not UTF-8 text", what]);
    }
}

#[test]
fn garbage_output_paths_are_refused() {
    // An unknown extension: a usage error that says which are written.
    let o = score(
        &bad("good_panel.csv"),
        &bad("good_spec.toml"),
        &tmp("scores.xlsx"),
    );
    fails_with(
        &o,
        2,
        &[
            "scores.xlsx",
            "unknown extension `.xlsx`",
            ".csv or .parquet",
        ],
    );
    // The output is the panel or the spec, spelt another way: refused, the input untouched.
    let panel = tmp("panel.csv");
    std::fs::copy(bad("good_panel.csv"), &panel).unwrap();
    let spec = panel.with_file_name("spec.toml");
    std::fs::copy(bad("good_spec.toml"), &spec).unwrap();
    let same_panel = panel.parent().unwrap().join(".").join("panel.csv");
    let o = score(&panel, &spec, &same_panel);
    fails_with(&o, 2, &["is the input", "panel.csv", "overwrite"]);
    assert_eq!(
        std::fs::read(&panel).unwrap(),
        std::fs::read(bad("good_panel.csv")).unwrap()
    );
    let spec_as_out = spec.with_extension("csv");
    std::fs::copy(&spec, &spec_as_out).unwrap();
    let o = score(&panel, &spec_as_out, &spec_as_out);
    fails_with(&o, 2, &["is the input", "spec.csv"]);
}

#[test]
fn valid_files_are_read() {
    // Blank and empty lines at the end (CRLF), as a spreadsheet writes them.
    let o = linkage(&[
        "check".as_ref(),
        bad("trailing_blank_lines.csv").as_os_str(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("3 rows in, 3 used"));
    // A Parquet panel with a list column it does not read, many values per row.
    use polars::prelude::*;
    let tags: Vec<Series> = (0..6)
        .map(|k| Series::new("".into(), vec!["tag"; 3 * k + 1]))
        .collect();
    let nested = good_parquet("nested.parquet", vec![Column::new("tags".into(), tags)]);
    let o = linkage(&["check".as_ref(), nested.as_os_str()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = score(&nested, &bad("good_spec.toml"), &tmp("scores.csv"));
    assert!(o.status.success(), "{}", stderr(&o));
}

/// A Parquet `value` column of decimal type is not read yet (polars is built without
/// decimals): a clear error naming the column, not polars' advice about a feature.
#[test]
fn decimal_parquet_value_is_named() {
    let needles = &[
        "field `value`",
        "a decimal column (precision 10, scale 4)",
        "double",
    ];
    check_fails(&bad("decimal_value.parquet"), needles);
    score_fails(&bad("decimal_value.parquet"), needles);
}

#[test]
fn negative_numbers_as_option_values() {
    let coinr = |cmd: &str, extra: &[&str]| {
        let mut args: Vec<&OsStr> = vec![
            OsStr::new(cmd),
            "--idata".as_ref(),
            bad("idata.csv").into_os_string().leak(),
            "--imeta".as_ref(),
            bad("imeta.csv").into_os_string().leak(),
            "--out".as_ref(),
            tmp("negative.out").into_os_string().leak(),
        ];
        args.extend(extra.iter().map(OsStr::new));
        linkage(&args)
    };
    // index: --lo/--hi (scaled) and --p.
    let o = coinr(
        "index",
        &["--normalise", "scaled", "--lo", "-5", "--hi", "5"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = coinr("index", &["--aggregate", "generalised", "--p", "-1"]);
    let err = stderr(&o);
    assert!(!err.contains("unexpected argument"), "{err}");
    assert!(err.contains("p = -1"), "{err}");
    // uncertainty: --lo and --weight-noise (a negative noise is then refused by the library).
    let o = coinr(
        "uncertainty",
        &[
            "--normalise",
            "scaled",
            "--lo",
            "-5",
            "--hi",
            "5",
            "--runs",
            "3",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = coinr("uncertainty", &["--weight-noise", "-0.1", "--runs", "3"]);
    fails_with(&o, 1, &["noise -0.1"]);
    // report: --uncertainty takes a count; -1 is read as a value and refused as one.
    let o = linkage(&["report".as_ref(), "--uncertainty".as_ref(), "-1".as_ref()]);
    fails_with(&o, 2, &["invalid value '-1'"]);
}

#[test]
fn the_same_data_written_another_way_gives_the_same_scores() {
    let text = std::fs::read_to_string(bad("good_panel.csv")).unwrap();
    // CRLF, a byte-order mark and every field quoted.
    let quoted: String = text
        .lines()
        .map(|l| {
            let cells: Vec<String> = l.split(',').map(|c| format!("\"{c}\"")).collect();
            cells.join(",") + "\r\n"
        })
        .collect();
    let variants = [
        bad("good_panel.csv"),
        file_of(
            "bom_crlf_quoted.csv",
            &[&b"\xEF\xBB\xBF"[..], quoted.as_bytes()].concat(),
        ),
        file_of(
            "trailing_blank.csv",
            format!("{text}\n\r\n,,,,\n").as_bytes(),
        ),
        good_parquet("good.parquet", vec![]),
    ];
    let spec = bad("good_spec.toml");
    let mut outputs = Vec::new();
    for panel in &variants {
        let out = tmp("scores.csv");
        let o = score(panel, &spec, &out);
        assert!(o.status.success(), "{}: {}", panel.display(), stderr(&o));
        outputs.push(std::fs::read(&out).unwrap());
    }
    assert!(!outputs[0].is_empty());
    for (panel, bytes) in variants.iter().zip(&outputs) {
        assert_eq!(bytes, &outputs[0], "{} scores differently", panel.display());
    }
}
