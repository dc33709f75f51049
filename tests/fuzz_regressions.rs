//! Fuzz regressions: inputs replayed through the same calls as the cargo-fuzz targets in
//! `fuzz/fuzz_targets/`. Each call must return `Ok` or `Err`, never panic.
//!
//! * every seed of `fuzz/corpus/<target>/` (the repository's own small fixtures);
//! * every crash input saved under `tests/fixtures/fuzz/<target>/` (minimised by `cargo fuzz tmin`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::float_cmp,
    reason = "a panic is the failure report here; tests compare ranks and bounds exactly on purpose"
)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use linkage::Concordance;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn concordance() -> &'static Concordance {
    static CONC: OnceLock<Concordance> = OnceLock::new();
    CONC.get_or_init(|| Concordance::load(linkage::default_data_dir()).unwrap())
}

/// A temp file unique to this process and test call.
fn tmp(tag: &str, ext: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!(
        "linkage-fuzz-regression-{}-{n}-{tag}.{ext}",
        std::process::id()
    ))
}

/// The files of `dir`, sorted (empty when the folder does not exist).
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = read
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// As `fuzz_targets/panel_csv.rs`.
fn panel_csv(data: &[u8]) {
    let path = tmp("panel", "csv");
    std::fs::write(&path, data).unwrap();
    let _ = linkage::io::panel_file::load_panel(&path, concordance());
    let _ = std::fs::remove_file(&path);

    if let Ok(table) = linkage::io::table::Table::from_bytes("fuzz.csv", data.to_vec()) {
        for name in table.columns() {
            let Ok(cells) = table.column(&name) else {
                continue;
            };
            for i in 0..table.height() {
                let _ = cells.f64(i);
                let _ = cells.int(i);
                let _ = cells.year(i, 1800, 2100);
                let _ = cells.text(i);
            }
        }
    }
}

/// As `fuzz_targets/panel_parquet.rs`.
fn panel_parquet(data: &[u8]) {
    let shape = linkage::synthetic::SyntheticPanel {
        partners: 1,
        actors: 1,
        years: 1,
        indicators: 3,
        seed: 0,
    };
    let fw = linkage::score::spec::Spec::from_toml(&shape.spec_toml(), "fuzz")
        .unwrap()
        .resolve()
        .unwrap();
    let path = tmp("panel", "parquet");
    std::fs::write(&path, data).unwrap();
    let _ = linkage::io::panel_file::load_panel(&path, concordance());
    let _ = linkage::presence::stream::scan_coin(&path, concordance(), &fw);
    let _ = std::fs::remove_file(&path);
}

/// As `fuzz_targets/coinr.rs`: iData before the first 0xFF byte, iMeta after.
fn coinr(data: &[u8]) {
    let (idata_bytes, imeta_bytes) = match data.iter().position(|&b| b == 0xFF) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let idata = tmp("idata", "csv");
    let imeta = tmp("imeta", "csv");
    std::fs::write(&idata, idata_bytes).unwrap();
    std::fs::write(&imeta, imeta_bytes).unwrap();
    if let Ok(d) = linkage::score::coinr::read(&idata, &imeta)
        && let Ok(fw) = d.framework(&Default::default())
    {
        let _ = linkage::score::build::build(&fw, &d.coin);
    }
    let _ = std::fs::remove_file(&idata);
    let _ = std::fs::remove_file(&imeta);
}

/// As `fuzz_targets/spec.rs`.
fn spec(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(spec) = linkage::score::spec::Spec::from_toml(&text, "fuzz") {
        let _ = spec.resolve();
    }
}

/// Replay every file of `dir` through `call`; fail naming the inputs that panicked.
fn replay(dir: &Path, call: fn(&[u8]), min_files: usize) {
    let files = inputs(dir);
    assert!(
        files.len() >= min_files,
        "{}: expected at least {min_files} inputs, found {}",
        dir.display(),
        files.len()
    );
    let mut panicked = Vec::new();
    for file in &files {
        let data = std::fs::read(file).unwrap();
        if std::panic::catch_unwind(|| call(&data)).is_err() {
            panicked.push(file.display().to_string());
        }
    }
    assert!(panicked.is_empty(), "panicked on: {panicked:#?}");
}

#[test]
fn panel_csv_corpus_seeds() {
    replay(&root().join("fuzz/corpus/panel_csv"), panel_csv, 1);
}

#[test]
fn panel_parquet_corpus_seeds() {
    replay(&root().join("fuzz/corpus/panel_parquet"), panel_parquet, 1);
}

#[test]
fn panel_parquet_saved_crashes() {
    replay(
        &root().join("tests/fixtures/fuzz/panel_parquet"),
        panel_parquet,
        0,
    );
}

#[test]
fn coinr_corpus_seeds() {
    replay(&root().join("fuzz/corpus/coinr"), coinr, 1);
}

#[test]
fn spec_corpus_seeds() {
    replay(&root().join("fuzz/corpus/spec"), spec, 1);
}

#[test]
fn panel_csv_saved_crashes() {
    replay(&root().join("tests/fixtures/fuzz/panel_csv"), panel_csv, 0);
}

#[test]
fn coinr_saved_crashes() {
    replay(&root().join("tests/fixtures/fuzz/coinr"), coinr, 0);
}

#[test]
fn spec_saved_crashes() {
    replay(&root().join("tests/fixtures/fuzz/spec"), spec, 0);
}
