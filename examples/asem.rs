//! COINr's ASEM example, end to end: which of the 51 Asia–Europe Meeting countries are the most
//! sustainably connected, and how much do COINr's outlier treatment and the aggregation method
//! move the ranking?
//!
//! Reads COINr's `iData`/`iMeta` tables as shipped (`data/asem/`), builds the index with
//! min-max [0, 100] and arithmetic means, then with treatment, then with min-max [1, 100] and
//! geometric means, and writes each results table to `target/examples/asem/`.
//!
//! Run: `cargo run --example asem`

use linkage::io::csv::{self, NumberStyle};
use linkage::score::build::build;
use linkage::score::coinr::{IndexOptions, read};
use linkage::score::spec::{AggregateSpec, Node, NormaliseSpec};

fn main() -> linkage::Result<()> {
    let dir = linkage::default_data_dir().join("asem");
    let data = read(&dir.join("ASEM_iData.csv"), &dir.join("ASEM_iMeta.csv"))?;
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/examples/asem");
    std::fs::create_dir_all(&out).map_err(|e| linkage::Error::io(&out, e))?;

    let opts = |normalise, aggregate, treat| IndexOptions {
        normalise,
        aggregate,
        treat,
        denominate: false,
    };
    let minmax1 = NormaliseSpec::Minmax {
        lower: 1.0,
        upper: 100.0,
    };
    let (arithmetic, geometric) = (AggregateSpec::Arithmetic, AggregateSpec::Geometric);
    let variants = [
        ("minmax_arithmetic", IndexOptions::default()),
        ("treated", opts(NormaliseSpec::default(), arithmetic, true)),
        ("minmax1_geometric", opts(minmax1, geometric, false)),
    ];
    let mut ranks = Vec::new();
    for (name, opts) in &variants {
        let fw = data.framework(opts)?;
        let scores = build(&fw, &data.coin)?;
        let path = out.join(format!("{name}.csv"));
        csv::write(&path, &data.results(&fw, &scores), NumberStyle::Plain)?;
        let root = Node::Group(fw.root());
        let index = scores.column(root).to_vec();
        let rank = scores.rank_column(root).to_vec();
        if ranks.is_empty() {
            println!(
                "ASEM Sustainable Connectivity, {} units, {} levels\n\
                 rank  unit     Index   (min-max [0,100], arithmetic)",
                data.coin.len(),
                fw.levels()
            );
            let mut order: Vec<usize> = (0..index.len()).collect();
            order.sort_by(|&a, &b| rank[a].total_cmp(&rank[b]));
            for &i in order.iter().take(10) {
                println!(
                    "{:>4}  {:<5} {:>8.2}",
                    rank[i], data.coin.units[i], index[i]
                );
            }
        }
        if *name == "treated" {
            println!(
                "\nOutlier treatment (COINr defaults) changed {} indicators:",
                scores.treatments.len()
            );
            for t in &scores.treatments {
                let units: Vec<&str> = t
                    .treatment
                    .winsorised_high
                    .iter()
                    .chain(&t.treatment.winsorised_low)
                    .map(|&u| data.coin.units[u].as_str())
                    .collect();
                println!(
                    "  {:<10} winsorised {}",
                    fw.indicators()[t.indicator].code(),
                    units.join(", ")
                );
            }
        }
        ranks.push((name, rank));
    }

    println!("\nLargest rank shifts against the nominal ranking:");
    let nominal = &ranks[0].1;
    for (name, r) in &ranks[1..] {
        let shift: Vec<f64> = r.iter().zip(nominal).map(|(a, b)| (a - b).abs()).collect();
        let i = (0..shift.len()).fold(0, |m, i| if shift[i] > shift[m] { i } else { m });
        let mean = shift.iter().sum::<f64>() / shift.len() as f64;
        println!(
            "  {name:<18} mean |shift| {mean:.2}; largest: {} ({} -> {})",
            data.coin.units[i], nominal[i], r[i]
        );
    }
    println!("\nResults written to {}", out.display());
    Ok(())
}
