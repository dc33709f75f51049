//! The scale path on SYNTHETIC panels of 100k and 1M rows (`linkage::synthetic`, seed 42,
//! 200 partners × 10 actors × 10 indicators × 5 or 50 years): reading and checking a Parquet
//! panel into the coin (`scan_coin`), the in-place pipeline (`build_lean`), and the whole
//! `linkage score` job (`score_file`: read, score, rank, write the aggregates as Parquet).
//!
//! `cargo bench --bench scale` (add `-- --quick` for a fast look). The 10M-row figure is a
//! `/usr/bin/time -v` run of the CLI, in the README.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic is the failure report here"
)]

use std::hint::black_box;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use linkage::Concordance;
use linkage::presence::stream::scan_coin;
use linkage::presence::stream::{ScoreFileOptions, score_file};
use linkage::score::build::build_lean;
use linkage::score::spec::Spec;
use linkage::synthetic::SyntheticPanel;

fn scale(c: &mut Criterion) {
    let conc = Concordance::load(linkage::default_data_dir()).unwrap();
    let dir = std::env::temp_dir().join(format!("linkage-bench-scale-{}", std::process::id()));
    let mut g = c.benchmark_group("scale");
    g.sample_size(10);
    for years in [5, 50] {
        let shape = SyntheticPanel {
            partners: 200,
            actors: 10,
            years,
            indicators: 10,
            seed: 42,
        };
        let rows = shape.rows();
        let (panel, spec) = shape.write(&conc, &dir).unwrap();
        let fw = Spec::read(&spec).unwrap().resolve().unwrap();
        g.throughput(Throughput::Elements(rows as u64));
        g.bench_with_input(BenchmarkId::new("scan_coin", rows), &panel, |b, p| {
            b.iter(|| black_box(scan_coin(p, &conc, &fw).unwrap()))
        });
        let coin = scan_coin(&panel, &conc, &fw).unwrap().records.0;
        g.bench_with_input(BenchmarkId::new("build_lean", rows), &coin, |b, coin| {
            b.iter_batched(
                || coin.clone(),
                |mut coin| black_box(build_lean(&fw, &mut coin).unwrap()),
                BatchSize::LargeInput,
            )
        });
        let out = dir.join("scores.parquet");
        g.bench_with_input(BenchmarkId::new("score_file", rows), &panel, |b, p| {
            b.iter(|| black_box(score_file(p, &fw, &conc, &out, ScoreFileOptions::default())))
        });
    }
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, scale);
criterion_main!(benches);
