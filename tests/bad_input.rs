//! The bad-input catalogue: every defect an analyst's file can carry, through the command line.
//! Each case must end with exit code 1 (data) or 2 (usage), never a panic, and a message on
//! stderr naming the file and, where the defect sits in a cell, the row and the field — or with a
//! documented, tested handling. Fixtures are synthetic (see tests/fixtures/bad/README.md).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::float_cmp,
    reason = "a panic is the failure report here; tests compare ranks and bounds exactly on purpose"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "bad_input/own_data.rs"]
mod own_data;

fn bad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(name)
}

fn linkage(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_linkage"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh path `name` in a folder of its own: tests run in parallel threads, and two that
/// wrote the same file (`trade_only.toml`) once read each other's half-written copy.
fn tmp(name: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let d = std::env::temp_dir().join(format!("linkage-bad-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

/// `linkage check FILE` fails with exit 1 and a message holding every `needle`.
fn check_fails(file: &Path, needles: &[&str]) {
    let o = linkage(&["check".as_ref(), file.as_os_str()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{}: {err}", file.display());
    assert!(!err.contains("panicked"), "{err}");
    let name = file.file_name().unwrap().to_string_lossy();
    assert!(
        err.contains(name.as_ref()),
        "message does not name the file: {err}"
    );
    for n in needles {
        assert!(err.contains(n), "{}: {err:?} lacks {n:?}", file.display());
    }
}

#[test]
fn panel_files() {
    let cases: &[(&str, &[&str])] = &[
        ("empty.csv", &["no data rows"]),
        ("header_only.csv", &["no data rows"]),
        (
            "missing_column.csv",
            &["required column `indicator` is missing"],
        ),
        (
            "misspelt_column.csv",
            &["required column `indicator` is missing", "indicatr"],
        ),
        ("wrong_dtype.csv", &["row 2", "field `year`", "2019a"]),
        ("nan_value.csv", &["row 1", "field `value`", "not finite"]),
        ("inf_value.csv", &["row 1", "field `value`", "not finite"]),
        (
            "neg_inf_value.csv",
            &["row 1", "field `value`", "not finite"],
        ),
        ("text_in_number.csv", &["row 1", "field `value`", "\"abc\""]),
        ("negative_flow.csv", &["row 1", "field `value`", "negative"]),
        ("duplicate_key.csv", &["row 3", "first seen at row 1"]),
        ("unknown_code.csv", &["row 1", "field `partner`", "\"XYZ\""]),
        (
            "lower_case_code.csv",
            &["row 1", "field `partner`", "\"vnm\""],
        ),
        ("year_zero.csv", &["row 1", "field `year`", "outside"]),
        ("year_negative.csv", &["row 1", "field `year`", "outside"]),
        ("year_future.csv", &["row 1", "field `year`", "outside"]),
    ];
    for (file, needles) in cases {
        check_fails(&bad(file), needles);
        score_fails(&bad(file), needles);
    }
}

/// `linkage score --panel FILE` (the streaming path) fails as `check` does.
fn score_fails(file: &Path, needles: &[&str]) {
    let spec = tmp("trade_only.toml");
    std::fs::write(
        &spec,
        "name = \"synthetic one-indicator spec\"\n[[indicator]]\ncode = \"trade_share_dots\"\n\
         parent = \"presence\"\n[[group]]\ncode = \"presence\"\n",
    )
    .unwrap();
    let o = linkage(&[
        "score".as_ref(),
        "--panel".as_ref(),
        file.as_os_str(),
        "--spec".as_ref(),
        spec.as_os_str(),
        "--out".as_ref(),
        tmp("scores.parquet").as_os_str(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{}: {err}", file.display());
    assert!(!err.contains("panicked"), "{err}");
    for n in needles {
        assert!(
            err.contains(n),
            "score {}: {err:?} lacks {n:?}",
            file.display()
        );
    }
}

/// Defects in typed Parquet columns, in a later row group: the message names the row in the
/// whole file. The file is written from `good_panel.csv` repeated (SYNTHETIC values).
#[test]
fn typed_parquet_defects_name_the_row_in_the_file() {
    use polars::prelude::*;
    let base = CsvReadOptions::default()
        .try_into_reader_with_file_path(Some(bad("good_panel.csv")))
        .unwrap()
        .finish()
        .unwrap();
    // 6 rows × 5 years = 30 rows (JPN, USA, CHN in VNM, 2019–2023), row groups of 3.
    let mut frame = base.clone();
    for k in 1..5 {
        let mut next = base.clone();
        next.replace(
            "year",
            Column::new("year".into(), vec![2019 + i64::from(k); base.height()]),
        )
        .unwrap();
        frame.vstack_mut(&next).unwrap();
    }
    let write = |frame: &mut DataFrame, name: &str| {
        let path = tmp(name);
        ParquetWriter::new(std::fs::File::create(&path).unwrap())
            .with_row_group_size(Some(3))
            .finish(frame)
            .unwrap();
        path
    };
    let with_value = |row: usize, v: Option<f64>| {
        let mut f = frame.clone();
        let mut values: Vec<Option<f64>> =
            f.column("value").unwrap().f64().unwrap().iter().collect();
        values[row] = v;
        f.replace("value", Column::new("value".into(), values))
            .unwrap();
        f
    };
    let cases: Vec<(&str, DataFrame, &[&str])> = vec![
        (
            "nan_typed.parquet",
            with_value(7, Some(f64::NAN)),
            &["row 8", "field `value`", "not finite"],
        ),
        (
            "negative_typed.parquet",
            with_value(13, Some(-0.5)),
            &["row 14", "field `value`", "negative"],
        ),
        (
            "duplicate_typed.parquet",
            {
                let mut f = frame.clone();
                f.vstack_mut(&frame.slice(1, 1)).unwrap();
                f
            },
            &["row 31", "first seen at row 2"],
        ),
        (
            "text_value_typed.parquet",
            {
                let mut f = frame.clone();
                let mut text: Vec<String> = (0..f.height()).map(|_| "0.25".to_string()).collect();
                text[11] = "abc".into();
                f.replace("value", Column::new("value".into(), text))
                    .unwrap();
                f
            },
            &["row 12", "field `value`", "\"abc\""],
        ),
        (
            "fractional_year_typed.parquet",
            {
                let mut f = frame.clone();
                let mut years: Vec<f64> = f
                    .column("year")
                    .unwrap()
                    .cast(&DataType::Float64)
                    .unwrap()
                    .f64()
                    .unwrap()
                    .into_no_null_iter()
                    .collect();
                years[20] = 2019.5;
                f.replace("year", Column::new("year".into(), years))
                    .unwrap();
                f
            },
            &["row 21", "field `year`", "2019.5", "an integer year"],
        ),
        (
            "no_value_column.parquet",
            frame.drop("value").unwrap(),
            &["required column `value` is missing", "indicator"],
        ),
    ];
    for (name, mut f, needles) in cases {
        let path = write(&mut f, name);
        check_fails(&path, needles);
        score_fails(&path, needles);
    }
    // An empty value in a typed column is missing: excluded and counted, not zero.
    let path = write(&mut with_value(9, None), "null_typed.parquet");
    let o = linkage(&["check".as_ref(), path.as_os_str()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("29 used, 1 excluded (value missing)"), "{out}");
}

#[test]
fn awkward_but_valid_text_files_are_read() {
    // BOM, CRLF, semicolons with a decimal comma, and a quoted newline in a text cell.
    for (file, rows) in [
        ("bom_crlf_semicolon.csv", "1 used"),
        ("quoted_newline.csv", "2 used"),
    ] {
        let o = linkage(&["check".as_ref(), bad(file).as_os_str()]);
        assert!(o.status.success(), "{file}: {}", stderr(&o));
        assert!(String::from_utf8_lossy(&o.stdout).contains(rows), "{file}");
    }
}

#[test]
fn parquet_zero_bytes_and_truncated() {
    let zero = tmp("zero.parquet");
    std::fs::write(&zero, b"").unwrap();
    check_fails(&zero, &["no data rows"]);
    // A real Parquet file cut in half.
    let good = tmp("good.parquet");
    let o = linkage(&[
        "score".as_ref(),
        "--panel".as_ref(),
        bad("good_panel.csv").as_os_str(),
        "--spec".as_ref(),
        bad("good_spec.toml").as_os_str(),
        "--out".as_ref(),
        good.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&good).unwrap();
    let cut = tmp("truncated.parquet");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    check_fails(&cut, &["cannot read the file"]);
    // A file on which the Parquet reader itself panics (found by fuzzing: a corrupt validity
    // bitmap): a typed error, no panic message.
    let crash = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz/panel_parquet/crash-939583110adf83893d47191b24d4ceb46c137284");
    let malformed = tmp("malformed.parquet");
    std::fs::copy(crash, &malformed).unwrap();
    check_fails(&malformed, &["the Parquet file is malformed"]);
    score_fails(&malformed, &["the Parquet file is malformed"]);
    // A page header declaring a negative value count (found by fuzzing: polars aborted the
    // process allocating 2^61 bytes); refused before decoding.
    let crash = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz/panel_parquet/crash-c3384055a49ec1c453918602a5e82fc770b46857");
    let negative = tmp("negative_count.parquet");
    std::fs::copy(crash, &negative).unwrap();
    check_fails(
        &negative,
        &["the Parquet file is malformed", "value counts"],
    );
    score_fails(
        &negative,
        &["the Parquet file is malformed", "value counts"],
    );
    // A footer declaring a list that would take 8.5 GB (found by fuzzing).
    let crash = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz/panel_parquet/oom-0dfd43d852c6fd21d06b62485abba56548e8c49a");
    let huge = tmp("huge_footer.parquet");
    std::fs::copy(crash, &huge).unwrap();
    check_fails(&huge, &["the Parquet file is malformed", "the footer"]);
    score_fails(&huge, &["the Parquet file is malformed", "the footer"]);
}

fn score_with_spec(spec: &str) -> Output {
    linkage(&[
        "score".as_ref(),
        "--panel".as_ref(),
        bad("good_panel.csv").as_os_str(),
        "--spec".as_ref(),
        bad(spec).as_os_str(),
        "--out".as_ref(),
        tmp("scores.csv").as_os_str(),
    ])
}

#[test]
fn spec_files() {
    let ok = score_with_spec("good_spec.toml");
    assert!(ok.status.success(), "{}", stderr(&ok));
    let cases: &[(&str, &[&str])] = &[
        (
            "spec_unknown_field.toml",
            &["spec_unknown_field.toml", "unknown field `colour`"],
        ),
        (
            "spec_wrong_type.toml",
            &["spec_wrong_type.toml", "invalid type", "weight"],
        ),
        ("spec_cycle.toml", &["cycle"]),
        (
            "spec_parent_missing.toml",
            &[
                "indicator `unga_agreement`",
                "parent `soft_powr` is not defined",
            ],
        ),
        (
            "spec_absent_indicator.toml",
            &["fdi_stock_share", "no such indicator"],
        ),
        (
            "spec_zero_weights.toml",
            &["group `presence`", "weights sum to zero"],
        ),
        ("spec_negative_weight.toml", &["group `trade`", "weight -1"]),
    ];
    for (file, needles) in cases {
        let o = score_with_spec(file);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{file}: {err}");
        for n in *needles {
            assert!(err.contains(n), "{file}: {err:?} lacks {n:?}");
        }
    }
}

fn index(idata: &str, imeta: &str, extra: &[&str]) -> (Output, PathBuf) {
    let out = tmp(&format!("{idata}-{imeta}.out.csv"));
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "index".as_ref(),
        "--idata".as_ref(),
        bad(idata).into_os_string().leak(),
        "--imeta".as_ref(),
        bad(imeta).into_os_string().leak(),
        "--out".as_ref(),
        out.clone().into_os_string().leak(),
    ];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    (linkage(&args), out)
}

#[test]
fn coinr_tables() {
    let (ok, _) = index("idata.csv", "imeta.csv", &[]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "idata.csv",
            "imeta_missing_parent.csv",
            &["imeta_missing_parent.csv", "row 1", "field `Parent`"],
        ),
        (
            "idata.csv",
            "imeta_duplicate_icode.csv",
            &["row 3", "iCode A", "first seen at row 1"],
        ),
        (
            "idata.csv",
            "imeta_type_misspelt.csv",
            &["row 3", "field `Type`", "\"Indicater\""],
        ),
        (
            "idata_ucode_twice.csv",
            "imeta.csv",
            &["idata_ucode_twice.csv", "row 3", "uCode U1"],
        ),
        (
            "idata_column_all_missing.csv",
            "imeta.csv",
            &["field `C`", "no value for any unit"],
        ),
    ];
    for (idata, imeta, needles) in cases {
        let (o, _) = index(idata, imeta, &[]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{idata}/{imeta}: {err}");
        for n in *needles {
            assert!(err.contains(n), "{idata}/{imeta}: {err:?} lacks {n:?}");
        }
    }
}

/// Cells of one column of an output CSV, by header name.
fn column(path: &Path, name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let k = lines
        .next()
        .unwrap()
        .split(',')
        .position(|h| h == name)
        .unwrap();
    lines
        .map(|l| l.split(',').nth(k).unwrap_or("").to_string())
        .collect()
}

#[test]
fn method_edge_cases_have_documented_handling() {
    // Min-max on a constant indicator: COINr returns NaN for every unit (0/0); the indicator is
    // missing, and its pillar is built from the children present.
    let (o, out) = index("idata_constant_indicator.csv", "imeta.csv", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(column(&out, "A").iter().all(String::is_empty));
    assert!(column(&out, "P1").iter().all(|v| !v.is_empty()));
    // Geometric mean over zeros (min-max [0, 100] maps the lowest unit to 0): an error, as in
    // COINr, naming the aggregate and the method.
    let (o, _) = index("idata.csv", "imeta.csv", &["--aggregate", "geometric"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("P1") && err.contains("geometric mean") && err.contains("not positive"),
        "{err}"
    );
    // A unit with every indicator missing: kept, every score and its rank empty (missing).
    let (o, out) = index("idata_unit_all_missing.csv", "imeta.csv", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(column(&out, "Index")[1], "");
    assert_eq!(column(&out, "Rank")[1], "");
    assert!(!column(&out, "Rank")[0].is_empty());
}

#[test]
fn usage_errors_exit_2() {
    let o = linkage(&["report".as_ref(), "--nonsense".as_ref()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!stderr(&o).is_empty());
    let o = linkage(&["frobnicate".as_ref()]);
    assert_eq!(o.status.code(), Some(2));
}
