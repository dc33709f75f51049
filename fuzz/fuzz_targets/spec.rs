//! Fuzz the index specification parser (`score::spec::Spec::from_toml`) and its resolution.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(spec) = linkage::score::spec::Spec::from_toml(&text, "fuzz") {
        let _ = spec.resolve();
    }
});
