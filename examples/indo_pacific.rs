//! The Indo-Pacific overview: where is Japan most present, how do US and Japanese presence line up
//! across the region's partners, and where does China lead?
//!
//! Prints, for the latest year with scores, the partners ranked by Japan's overall presence with
//! the US and Chinese scores beside them, and writes the overview charts (US-vs-Japan scatter
//! coloured by profile alignment, Japan's dimension heatmap) to `target/examples/indo_pacific/`.
//!
//! Run: `cargo run --example indo_pacific`

use linkage::iso3;
use linkage::report::case_study::{CaseStudies, output_dir};

fn main() -> linkage::Result<()> {
    let cs = CaseStudies::load()?;
    let (us, jp, cn) = (iso3!("USA"), iso3!("JPN"), iso3!("CHN"));
    let year = 2019;
    let p = &cs.presence;
    let mut rows: Vec<_> = cs
        .data
        .concordance
        .indo_pacific()
        .into_iter()
        .filter_map(|q| p.score(jp, q, year, "presence").map(|s| (q, s)))
        .collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    let fmt = |v: Option<f64>| v.map_or("missing".into(), |x| format!("{x:.1}"));
    println!("Overall presence in Indo-Pacific partners, {year} (0-100)");
    println!(
        "  {:<26}{:>10}{:>10}{:>10}   leader",
        "partner", "Japan", "USA", "China"
    );
    let mut china_leads = 0;
    for (q, j) in &rows {
        let (u, c) = (
            p.score(us, *q, year, "presence"),
            p.score(cn, *q, year, "presence"),
        );
        let leader = [(jp, Some(*j)), (us, u), (cn, c)]
            .into_iter()
            .filter_map(|(a, v)| v.map(|v| (a, v)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(a, _)| a);
        china_leads += usize::from(leader == Some(cn));
        let name = cs.data.concordance.name(*q);
        println!(
            "  {name:<26}{:>10}{:>10}{:>10}   {}",
            fmt(Some(*j)),
            fmt(u),
            fmt(c),
            leader.map_or("-".into(), |a| a.to_string())
        );
    }
    println!(
        "China leads the three in {china_leads} of {} partners.",
        rows.len()
    );
    let files = cs.charts(&output_dir("indo_pacific"), &[])?;
    println!(
        "{} chart files in {}",
        files.len(),
        output_dir("indo_pacific").display()
    );
    Ok(())
}
