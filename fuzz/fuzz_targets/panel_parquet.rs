//! Fuzz the Parquet panel path: `io::panel_file::load_panel` (rows kept) and
//! `presence::stream::scan_coin` (row groups streamed into the scoring matrix) on arbitrary bytes
//! written as a `.parquet` file.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use linkage::Concordance;
use linkage::score::spec::{Framework, Spec};

fn concordance() -> &'static Concordance {
    static CONC: OnceLock<Concordance> = OnceLock::new();
    CONC.get_or_init(|| {
        Concordance::load(linkage::default_data_dir()).expect("load the shipped concordance")
    })
}

/// The indicators of the seed files (SYNTHETIC panels from `linkage::synthetic`).
fn framework() -> &'static Framework {
    static FW: OnceLock<Framework> = OnceLock::new();
    FW.get_or_init(|| {
        let shape = linkage::synthetic::SyntheticPanel {
            partners: 1,
            actors: 1,
            years: 1,
            indicators: 3,
            seed: 0,
        };
        Spec::from_toml(&shape.spec_toml(), "fuzz")
            .and_then(|s| s.resolve())
            .expect("the synthetic spec resolves")
    })
}

fn temp_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        std::env::temp_dir().join(format!("linkage-fuzz-panel-{}.parquet", std::process::id()))
    })
}

fuzz_target!(|data: &[u8]| {
    // Panics that polars raises on malformed files are caught and returned as errors by the
    // crate; keep libFuzzer's abort-on-panic hook for every other panic.
    static HOOK: OnceLock<()> = OnceLock::new();
    HOOK.get_or_init(linkage::io::panel_file::quiet_caught_read_panics);
    let path = temp_path();
    std::fs::write(path, data).expect("write temp file");
    let _ = linkage::io::panel_file::load_panel(path, concordance());
    let _ = linkage::presence::stream::scan_coin(path, concordance(), framework());
});
