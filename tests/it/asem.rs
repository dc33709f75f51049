//! COINr's ASEM example through `linkage index`, checked against values derived independently
//! from COINr's definitions by `tests/fixtures/asem/reference.py` (plain Python, not this crate).

use std::path::{Path, PathBuf};
use std::process::Command;

use approx::assert_relative_eq;
use linkage::io::table::Table;
use linkage::score::build::build;
use linkage::score::coinr::{IndexOptions, read};
use linkage::score::spec::{AggregateSpec, NormaliseSpec};

fn asem() -> PathBuf {
    linkage::default_data_dir().join("asem")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/asem")
        .join(name)
}

/// Compare two results CSVs cell by cell: same units, same columns, values within 1e-9
/// relative, missing where the reference is missing.
fn assert_same(actual: &Path, expected: &Path) {
    let a = Table::read(actual).unwrap();
    let e = Table::read(expected).unwrap();
    assert_eq!(a.columns(), e.columns());
    assert_eq!(a.height(), e.height());
    let mut compared = 0;
    for col in e.columns() {
        let (ca, ce) = (a.column(&col).unwrap(), e.column(&col).unwrap());
        for i in 0..e.height() {
            if col == "uCode" {
                assert_eq!(ca.text(i), ce.text(i));
                continue;
            }
            match (ca.f64(i).unwrap(), ce.f64(i).unwrap()) {
                (Some(x), Some(y)) => {
                    assert_relative_eq!(x, y, max_relative = 1e-9, epsilon = 1e-12);
                    compared += 1;
                }
                (None, None) => {}
                (x, y) => panic!("{col} row {}: {x:?} vs expected {y:?}", i + 1),
            }
        }
    }
    assert!(compared > 3000, "only {compared} values compared");
}

fn run_index(args: &[&str], out: &Path) -> std::process::Output {
    let dir = asem();
    Command::new(env!("CARGO_BIN_EXE_linkage"))
        .arg("index")
        .arg("--idata")
        .arg(dir.join("ASEM_iData.csv"))
        .arg("--imeta")
        .arg(dir.join("ASEM_iMeta.csv"))
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

fn out(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("linkage-asem-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

#[test]
fn minmax_0_100_arithmetic() {
    let o = out("a.csv");
    assert!(run_index(&["--normalise", "minmax"], &o).status.success());
    assert_same(&o, &fixture("expected_minmax_arith.csv"));
}

#[test]
fn minmax_1_100_geometric() {
    let o = out("b.csv");
    let r = run_index(
        &[
            "--normalise",
            "minmax",
            "--lo",
            "1",
            "--hi",
            "100",
            "--aggregate",
            "geometric",
        ],
        &o,
    );
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert_same(&o, &fixture("expected_minmax1_geom.csv"));
}

#[test]
fn zscore_arithmetic() {
    let o = out("c.csv");
    assert!(run_index(&["--normalise", "zscore"], &o).status.success());
    assert_same(&o, &fixture("expected_zscore_arith.csv"));
}

#[test]
fn treat_minmax_arithmetic_and_the_treatment_report() {
    let o = out("d.csv");
    let r = run_index(&["--treat"], &o);
    assert!(r.status.success());
    assert_same(&o, &fixture("expected_treat_minmax_arith.csv"));
    // The same 18 indicators are winsorised as in the reference, none log-transformed.
    let d = read(
        &asem().join("ASEM_iData.csv"),
        &asem().join("ASEM_iMeta.csv"),
    )
    .unwrap();
    let fw = d
        .framework(&IndexOptions {
            treat: true,
            ..Default::default()
        })
        .unwrap();
    let s = build(&fw, &d.coin).unwrap();
    let rep = Table::read(fixture("expected_treat_report.csv")).unwrap();
    let (code, treated, n) = (
        rep.column("iCode").unwrap(),
        rep.column("treated").unwrap(),
        rep.column("n_winsorised").unwrap(),
    );
    let mut expected = Vec::new();
    for i in 0..rep.height() {
        if treated.text(i) == Some("winsorised") {
            expected.push((
                code.text(i).unwrap().to_string(),
                n.int(i).unwrap() as usize,
            ));
        }
    }
    let mut got: Vec<(String, usize)> = s
        .treatments
        .iter()
        .map(|t| {
            (
                fw.indicators()[t.indicator].code().to_string(),
                t.treatment.winsorised_high.len() + t.treatment.winsorised_low.len(),
            )
        })
        .collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    assert!(
        s.treatments
            .iter()
            .all(|t| t.treatment.log_transform.is_none())
    );
}

#[test]
fn geometric_on_minmax_0_100_is_a_clear_error() {
    let o = out("e.csv");
    let r = run_index(&["--aggregate", "geometric"], &o);
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("geometric mean") && err.contains("not positive"),
        "{err}"
    );
    // The library says the same.
    let d = read(
        &asem().join("ASEM_iData.csv"),
        &asem().join("ASEM_iMeta.csv"),
    )
    .unwrap();
    let fw = d
        .framework(&IndexOptions {
            aggregate: AggregateSpec::Geometric,
            normalise: NormaliseSpec::default(),
            ..Default::default()
        })
        .unwrap();
    assert!(build(&fw, &d.coin).is_err());
}

#[test]
fn usage_errors_exit_2() {
    let o = out("f.csv");
    let r = run_index(&["--normalise", "nonsense"], &o);
    assert_eq!(r.status.code(), Some(2));
    let r = run_index(&["--normalise", "scaled"], &o);
    assert_eq!(r.status.code(), Some(2));
}
