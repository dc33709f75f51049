//! A seeded synthetic panel for scale tests: how does scoring grow from 1 to 10 million rows?
//!
//! Writes `target/synthetic/panel_<rows>.parquet` (actor, partner, year, indicator, value,
//! dimension) and a matching spec `target/synthetic/spec_<indicators>.toml`. The values are
//! SYNTHETIC (a SplitMix64 stream), for timing only — never data.
//!
//! Run: `cargo run --release --example generate_panel -- [partners] [actors] [years] [indicators]`
//! (default 200 × 10 × 50 × 10 = 1,000,000 rows; 200 × 10 × 50 × 100 = 10,000,000).

use polars::prelude::*;

fn main() -> linkage::Result<()> {
    let arg = |i: usize, d: usize| {
        std::env::args()
            .nth(i)
            .and_then(|a| a.parse().ok())
            .unwrap_or(d)
    };
    let (np, na, ny, ni) = (arg(1, 200), arg(2, 10), arg(3, 50), arg(4, 10));
    let conc = linkage::Concordance::load(linkage::default_data_dir())?;
    let countries: Vec<String> = conc
        .countries()
        .iter()
        .filter(|c| c.iso2.is_some())
        .map(|c| c.iso3.to_string())
        .collect();
    let (actors, partners) = (&countries[..na], &countries[na..na + np]);
    let dims = ["trade", "aid", "tourism", "soft_power"];
    let n = np * na * ny * ni;
    let mut s: u64 = 42;
    let mut next = || {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    let (mut a, mut p, mut y, mut ind, mut v, mut d) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for actor in actors {
        for partner in partners {
            for year in 0..ny {
                for k in 0..ni {
                    a.push(actor.as_str());
                    p.push(partner.as_str());
                    y.push(1970 + year as i32);
                    ind.push(format!("ind{k:03}"));
                    v.push(next());
                    d.push(dims[k % dims.len()]);
                }
            }
        }
    }
    let mut frame = DataFrame::new(
        n,
        vec![
            Column::new("actor".into(), a),
            Column::new("partner".into(), p),
            Column::new("year".into(), y),
            Column::new("indicator".into(), ind),
            Column::new("value".into(), v),
            Column::new("dimension".into(), d),
        ],
    )
    .map_err(|e| linkage::Error::Usage(e.to_string()))?;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/synthetic");
    std::fs::create_dir_all(&dir).map_err(|e| linkage::Error::Io {
        path: dir.clone(),
        source: e,
    })?;
    let out = dir.join(format!("panel_{n}.parquet"));
    linkage::panel_io::write_parquet(&mut frame, &out)?;
    let mut spec = String::from("name = \"synthetic\"\nscope = \"year\"\n");
    for k in 0..ni {
        spec += &format!(
            "[[indicator]]\ncode = \"ind{k:03}\"\nparent = \"{}\"\n",
            dims[k % dims.len()]
        );
    }
    for dim in &dims[..ni.min(dims.len())] {
        spec += &format!("[[group]]\ncode = \"{dim}\"\nparent = \"presence\"\n");
    }
    spec += "[[group]]\ncode = \"presence\"\n";
    let spec_path = dir.join(format!("spec_{ni}.toml"));
    std::fs::write(&spec_path, spec).map_err(|e| linkage::Error::Io {
        path: spec_path.clone(),
        source: e,
    })?;
    println!(
        "{} rows -> {}\nspec -> {}",
        n,
        out.display(),
        spec_path.display()
    );
    Ok(())
}
