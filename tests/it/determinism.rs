//! Determinism: the same inputs give the same output files, byte for byte, whatever the number
//! of threads and from one process to the next (hash maps are seeded per process, so any output
//! that followed a map's order would differ between the two runs).

use std::path::{Path, PathBuf};
use std::process::Command;

use linkage::Concordance;
use linkage::synthetic::SyntheticPanel;

fn linkage_with_threads(threads: Option<&str>, args: &[&std::ffi::OsStr]) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_linkage"));
    cmd.args(args);
    if let Some(n) = threads {
        cmd.env("POLARS_MAX_THREADS", n).env("RAYON_NUM_THREADS", n);
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("linkage-determinism-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Every file under `root`, relative, sorted.
fn files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

fn assert_same_files(a: &Path, b: &Path) {
    let (fa, fb) = (files(a), files(b));
    assert_eq!(fa, fb);
    assert!(!fa.is_empty());
    for f in &fa {
        let (x, y) = (
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
        );
        assert!(x == y, "{} differs between the runs", f.display());
    }
}

#[test]
fn scoring_a_panel_file_gives_the_same_bytes_with_one_thread_or_many() {
    let conc = Concordance::load(linkage::default_data_dir()).unwrap();
    let shape = SyntheticPanel {
        partners: 8,
        actors: 5,
        years: 4,
        indicators: 5,
        seed: 3,
    };
    let (panel, spec) = shape.write(&conc, &dir("input")).unwrap();
    let outs = [dir("one"), dir("many")];
    for (out, threads) in outs.iter().zip([Some("1"), None]) {
        for name in ["scores.csv", "scores.parquet"] {
            linkage_with_threads(
                threads,
                &[
                    "score".as_ref(),
                    "--panel".as_ref(),
                    panel.as_os_str(),
                    "--spec".as_ref(),
                    spec.as_os_str(),
                    "--indicators".as_ref(),
                    "--out".as_ref(),
                    out.join(name).as_os_str(),
                ],
            );
        }
    }
    assert_same_files(&outs[0], &outs[1]);
}

/// The whole report (tables, charts, HTML) on the shipped data: one thread against the default.
#[test]
fn the_report_is_the_same_with_one_thread_or_many() {
    let outs = [dir("report-one"), dir("report-many")];
    for (out, threads) in outs.iter().zip([Some("1"), None]) {
        linkage_with_threads(
            threads,
            &["report".as_ref(), "--out".as_ref(), out.as_os_str()],
        );
    }
    assert_same_files(&outs[0], &outs[1]);
}
