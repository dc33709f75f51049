//! Uncertainty-analysis benches on COINr's ASEM example (51 units, 49 indicators, 4 levels):
//! engine set-up, one replication, an uncertainty analysis of 1,000 runs and a Sobol
//! sensitivity analysis with N = 1,000 (N·(d + 2) = 5,000 runs with 3 inputs, plus 1,000
//! bootstrap resamples); and one replication of the default presence spec on the shipped
//! panel.
//!
//! Inputs: weight noise ±25 % on levels 2 and 3, arithmetic or geometric means (min-max onto
//! [1, 100]), as `linkage uncertainty --weight-noise 0.25 --noise-levels 2,3 --aggregate
//! arithmetic,geometric`.
//!
//! `cargo bench --bench uncertainty` (add `-- --quick` for a fast look).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic is the failure report here"
)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use linkage::score::coinr::{IndexOptions, read};
use linkage::score::spec::NormaliseSpec;
use linkage::uncertainty::{Engine, Inputs, SaOptions, UaOptions, sa::SobolOptions};

const INPUTS: &str = r#"
[[weights]]
level = 2
noise = 0.25
[[weights]]
level = 3
noise = 0.25
[aggregate]
nominal = false
alternatives = [{ method = "arithmetic" }, { method = "geometric" }]
"#;

fn asem(c: &mut Criterion) {
    let dir = linkage::default_data_dir().join("asem");
    let data = read(&dir.join("ASEM_iData.csv"), &dir.join("ASEM_iMeta.csv")).unwrap();
    let fw = data
        .framework(&IndexOptions {
            normalise: NormaliseSpec::Minmax {
                lower: 1.0,
                upper: 100.0,
            },
            ..Default::default()
        })
        .unwrap();
    let inputs = Inputs::from_toml(INPUTS, "bench").unwrap();
    let mut g = c.benchmark_group("uncertainty_asem");
    g.bench_function("engine_new", |b| {
        b.iter(|| Engine::new(black_box(&fw), &data.coin, &inputs).unwrap())
    });
    let engine = Engine::new(&fw, &data.coin, &inputs).unwrap();
    let mut ws = engine.workspace();
    // A point with every weight off nominal; geometric and arithmetic alternately.
    let mut x: Vec<f64> = (0..engine.dims())
        .map(|i| (i as f64 * 0.37) % 1.0)
        .collect();
    let last = x.len() - 1;
    for (name, u) in [
        ("replication_arithmetic", 0.2),
        ("replication_geometric", 0.8),
    ] {
        x[last] = u;
        g.bench_function(name, |b| {
            b.iter(|| engine.replicate(black_box(&x), &mut ws).unwrap())
        });
    }
    g.sample_size(20);
    g.bench_function("ua_1000", |b| {
        b.iter(|| {
            engine
                .ua(&UaOptions {
                    runs: 1000,
                    ..Default::default()
                })
                .unwrap()
        })
    });
    g.sample_size(10);
    g.bench_function("sa_1000", |b| {
        b.iter(|| {
            engine
                .sa(&SaOptions {
                    sobol: SobolOptions {
                        base_samples: 1000,
                        ..Default::default()
                    },
                    ..Default::default()
                })
                .unwrap()
        })
    });
    g.finish();
}

fn presence(c: &mut Criterion) {
    let dataset = linkage::Dataset::load(linkage::default_data_dir()).unwrap();
    let panel = dataset.default_panel().unwrap().panel;
    let fw = linkage::presence::default_spec(&dataset.dir)
        .unwrap()
        .resolve()
        .unwrap();
    let (coin, _) = linkage::presence::coin(&panel, &fw).unwrap();
    let engine = Engine::new(&fw, &coin, &Inputs::weight_noise(&[1, 2], 0.25)).unwrap();
    let mut ws = engine.workspace();
    let x: Vec<f64> = (0..engine.dims())
        .map(|i| (i as f64 * 0.37) % 1.0)
        .collect();
    let mut g = c.benchmark_group("uncertainty_presence");
    g.bench_function("replication", |b| {
        b.iter(|| engine.replicate(black_box(&x), &mut ws).unwrap())
    });
    g.finish();
}

criterion_group!(benches, asem, presence);
criterion_main!(benches);
