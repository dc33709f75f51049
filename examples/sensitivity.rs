//! How robust is the ranking of Japan's presence across its Indo-Pacific partners to the
//! weights of the dimensions and to the aggregation?
//!
//! Units: Japan in each Indo-Pacific partner in 2017, scored by the default presence spec
//! (normalised over the whole panel, as in the report) and ranked against each other. Inputs:
//! each dimension's weight ±25 % (uniform), and the overall score as an arithmetic or a
//! geometric mean of the dimensions (50/50). Geometric means need positive values and
//! goalposts give 0 where Japan has no net aid: every normalised indicator is floored at 1
//! (of 100) in every run, the nominal included. Prints the nominal, median and 5–95 % ranks
//! over 2,000 runs and the Sobol indices (N = 2,000) of the mean absolute rank shift.
//!
//! Run: `cargo run --release --example sensitivity`

use linkage::uncertainty::sa::SobolOptions;
use linkage::uncertainty::{Engine, Inputs, SaOptions, UaOptions, UnitStats};
use linkage::{Dataset, iso3, presence};
const YEAR: i32 = 2017;

fn main() -> linkage::Result<()> {
    let data = Dataset::load(linkage::default_data_dir())?;
    let panel = data.default_panel()?.panel;
    let fw = presence::default_spec(&data.dir)?.resolve()?;
    let (mut coin, units) = presence::coin(&panel, &fw)?;
    let partners = data.concordance.indo_pacific();
    let rows: Vec<usize> = (0..units.len())
        .filter(|&i| matches!(units[i], (a, p, YEAR) if a == iso3!("JPN") && partners.contains(&p)))
        .collect();
    // Rank the chosen units (Japan in each partner) against each other.
    coin.rank_block.fill(0);
    let inputs = Inputs::from_toml(
        r#"
        floor = 1
        [[weights]]
        level = 2
        noise = 0.25
        [aggregate]
        nominal = false
        alternatives = [{ method = "arithmetic" }, { method = "geometric" }]
        levels = [3]
        "#,
        "sensitivity example",
    )?;
    let engine = Engine::focused(&fw, &coin, &inputs, &rows)?;
    let ua = engine.ua(&UaOptions {
        runs: 2000,
        progress: true,
        ..Default::default()
    })?;
    let mut table: Vec<_> = (0..rows.len())
        .map(|u| (data.concordance.name(units[rows[u]].1), ua.stats[u]))
        .filter(|(_, s)| !s.nominal_rank.is_nan())
        .collect();
    table.sort_by(|a, b| a.1.nominal_rank.total_cmp(&b.1.nominal_rank));
    println!(
        "Japan in {} Indo-Pacific partners with a score, {YEAR}",
        table.len()
    );
    println!("{:<24} nominal  median   5-95 %  mean score", "partner");
    for (name, s) in &table {
        let (nom, med, lo, hi) = (s.nominal_rank, s.median_rank, s.q05_rank, s.q95_rank);
        let range = format!("{lo}-{hi}");
        println!(
            "{name:<24} {nom:>7} {med:>7} {range:>8} {:>11.1}",
            s.mean_score
        );
    }
    let width = |s: &UnitStats| s.q95_rank - s.q05_rank;
    let widest = table
        .iter()
        .max_by(|a, b| width(&a.1).total_cmp(&width(&b.1)));
    if let Some((name, s)) = widest {
        println!(
            "\nLeast robust: {name}, ranks {} to {}",
            s.q05_rank, s.q95_rank
        );
    }
    println!("Mean |rank shift| per run: {:.2}", ua.mean_abs_rank_shift);

    let sa = engine.sa(&SaOptions {
        sobol: SobolOptions {
            base_samples: 2000,
            progress: true,
            ..Default::default()
        },
        per_unit: false,
        ..Default::default()
    })?;
    println!(
        "\nWhat moves the ranks ({} runs): Sobol indices, 95 % CI",
        sa.runs
    );
    for (name, ix) in sa.inputs.iter().zip(&sa.overall) {
        let (lo, hi) = ix.total_ci.unwrap_or((f64::NAN, f64::NAN));
        println!(
            "  {name:<16} first order {:.2}  total {:.2} [{lo:.2}, {hi:.2}]",
            ix.first, ix.total
        );
    }
    Ok(())
}
