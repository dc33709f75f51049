//! Fuzz the panel CSV loader (`io::panel_file::load_panel`) and the typed table reader
//! (`io::table::Table::from_bytes` and its cell accessors).
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use linkage::Concordance;

fn concordance() -> &'static Concordance {
    static CONC: OnceLock<Concordance> = OnceLock::new();
    CONC.get_or_init(|| {
        Concordance::load(linkage::default_data_dir()).expect("load the shipped concordance")
    })
}

fn temp_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        std::env::temp_dir().join(format!("linkage-fuzz-panel-{}.csv", std::process::id()))
    })
}

fuzz_target!(|data: &[u8]| {
    let conc = concordance();
    let path = temp_path();
    std::fs::write(path, data).expect("write temp file");
    let _ = linkage::io::panel_file::load_panel(path, conc);

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
});
