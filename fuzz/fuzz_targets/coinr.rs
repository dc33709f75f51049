//! Fuzz the COINr reader (`score::coinr::read`) and the scoring pipeline behind it.
//! The input is split at its first 0xFF byte: iData before, iMeta after.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn temp_paths() -> &'static (PathBuf, PathBuf) {
    static PATHS: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    PATHS.get_or_init(|| {
        let dir = std::env::temp_dir();
        let pid = std::process::id();
        (
            dir.join(format!("linkage-fuzz-idata-{pid}.csv")),
            dir.join(format!("linkage-fuzz-imeta-{pid}.csv")),
        )
    })
}

fuzz_target!(|data: &[u8]| {
    let (idata_bytes, imeta_bytes) = match data.iter().position(|&b| b == 0xFF) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let (idata, imeta) = temp_paths();
    std::fs::write(idata, idata_bytes).expect("write temp iData");
    std::fs::write(imeta, imeta_bytes).expect("write temp iMeta");
    if let Ok(d) = linkage::score::coinr::read(idata, imeta) {
        if let Ok(fw) = d.framework(&Default::default()) {
            let _ = linkage::score::build::build(&fw, &d.coin);
        }
    }
});
