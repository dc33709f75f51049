//! A seeded SYNTHETIC panel for scale tests: how does scoring grow from 1 to 10 million rows?
//!
//! Writes `target/synthetic/panel_<rows>.parquet` (actor, partner, year, indicator, value,
//! dimension) and a matching spec `target/synthetic/spec_<indicators>.toml`
//! ([`linkage::synthetic`]). The values are synthetic, for timing only — never data.
//!
//! Run: `cargo run --release --example generate_panel -- [partners] [actors] [years] [indicators] [csv]`
//! (default 200 × 10 × 50 × 10 = 1,000,000 rows; 200 × 10 × 50 × 100 = 10,000,000), then
//! `/usr/bin/time -v target/release/linkage score --panel target/synthetic/panel_1000000.parquet
//! --spec target/synthetic/spec_10.toml --out target/synthetic/scores.parquet`.

use linkage::synthetic::SyntheticPanel;

fn main() -> linkage::Result<()> {
    let arg = |i: usize, d: usize| {
        std::env::args()
            .nth(i)
            .and_then(|a| a.parse().ok())
            .unwrap_or(d)
    };
    let shape = SyntheticPanel {
        partners: arg(1, 200),
        actors: arg(2, 10),
        years: arg(3, 50),
        indicators: arg(4, 10),
        seed: 42,
    };
    let conc = linkage::Concordance::load(linkage::default_data_dir())?;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/synthetic");
    let (panel, spec) = shape.write(&conc, &dir)?;
    if std::env::args().nth(5).as_deref() == Some("csv") {
        let csv = panel.with_extension("csv");
        let table = shape.table(&conc)?;
        linkage::io::csv::write(&csv, &table, linkage::io::csv::NumberStyle::Point)?;
        println!("also -> {}", csv.display());
    }
    println!(
        "{} SYNTHETIC rows -> {}\nspec -> {}",
        shape.rows(),
        panel.display(),
        spec.display()
    );
    Ok(())
}
