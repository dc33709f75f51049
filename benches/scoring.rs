//! Scoring-core benches: normalisation and aggregation kernels on seeded synthetic data of
//! realistic and large size, and whole builds (COINr's ASEM example; the default presence
//! spec on the shipped panel).
//!
//! `cargo bench --bench scoring` (add `-- --quick` for a fast look).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic is the failure report here"
)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use linkage::score::aggregate::{Aggregation, aggregate_into};
use linkage::score::build::build;
use linkage::score::coinr::{IndexOptions, read};
use linkage::score::matrix::Matrix;
use linkage::score::normalise::{Normalisation, normalise_into_with};

/// A deterministic pseudo-random stream (SplitMix64), so inputs are identical on every run.
fn synthetic(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64 * 100.0
        })
        .collect()
}

fn normalise(c: &mut Criterion) {
    let mut g = c.benchmark_group("normalise");
    for n in [51usize, 10_000, 1_000_000] {
        let x = synthetic(n, 1);
        let mut out = vec![0.0; n];
        let mut scratch = Vec::new();
        g.throughput(Throughput::Elements(n as u64));
        for (name, m) in [
            ("minmax", Normalisation::default()),
            ("zscore", Normalisation::ZScore { mean: 0.0, sd: 1.0 }),
            ("prank", Normalisation::PercentileRank),
        ] {
            g.bench_with_input(BenchmarkId::new(name, n), &x, |b, x| {
                b.iter(|| {
                    normalise_into_with(m, black_box(x), 1.0, None, &mut out, &mut scratch).unwrap()
                })
            });
        }
    }
    g.finish();
}

fn aggregate(c: &mut Criterion) {
    let mut g = c.benchmark_group("aggregate");
    for n in [51usize, 10_000, 1_000_000] {
        let cols: Vec<Vec<f64>> = (0..5)
            .map(|j| synthetic(n, 10 + j).iter().map(|v| v + 1.0).collect())
            .collect();
        let m = Matrix::from_columns(&cols).unwrap();
        let w = [1.0, 1.0, 2.0, 1.0, 0.5];
        let idx = [0, 1, 2, 3, 4];
        let mut out = vec![0.0; n];
        g.throughput(Throughput::Elements((n * 5) as u64));
        for (name, a) in [
            ("arithmetic", Aggregation::ArithmeticMean),
            ("geometric", Aggregation::GeometricMean),
        ] {
            g.bench_with_input(BenchmarkId::new(name, n), &m, |b, m| {
                b.iter(|| aggregate_into(a, black_box(m), &idx, &w, &mut out).unwrap())
            });
        }
    }
    g.finish();
}

fn pipeline(c: &mut Criterion) {
    let mut g = c.benchmark_group("pipeline");
    let dir = linkage::default_data_dir().join("asem");
    let data = read(&dir.join("ASEM_iData.csv"), &dir.join("ASEM_iMeta.csv")).unwrap();
    let fw = data.framework(&IndexOptions::default()).unwrap();
    g.throughput(Throughput::Elements(
        (data.coin.len() * fw.indicators().len()) as u64,
    ));
    g.bench_function("asem_build", |b| {
        b.iter(|| build(black_box(&fw), &data.coin).unwrap())
    });
    let fwt = data
        .framework(&IndexOptions {
            treat: true,
            ..Default::default()
        })
        .unwrap();
    g.bench_function("asem_build_treated", |b| {
        b.iter(|| build(black_box(&fwt), &data.coin).unwrap())
    });
    g.bench_function("asem_read_and_build", |b| {
        b.iter(|| {
            let d = read(&dir.join("ASEM_iData.csv"), &dir.join("ASEM_iMeta.csv")).unwrap();
            build(&d.framework(&IndexOptions::default()).unwrap(), &d.coin).unwrap()
        })
    });
    let dataset = linkage::Dataset::load(linkage::default_data_dir()).unwrap();
    let panel = dataset.default_panel().unwrap().panel;
    let pfw = linkage::presence::default_spec(&dataset.dir)
        .unwrap()
        .resolve()
        .unwrap();
    g.sample_size(20);
    g.throughput(Throughput::Elements(panel.len() as u64));
    g.bench_function("presence_default_panel", |b| {
        b.iter(|| linkage::presence::score(black_box(&panel), &pfw).unwrap())
    });
    g.finish();
}

criterion_group!(benches, normalise, aggregate, pipeline);
criterion_main!(benches);
