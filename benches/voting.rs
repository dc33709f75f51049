//! UN General Assembly vote-similarity benches on the shipped 1990–2019 votes: the full
//! [`voting_table`] (every actor of the default panel against every country, per year and per
//! issue filter), and every unordered pair of countries per calendar year on all roll calls
//! through the pure kernels.
//!
//! `cargo bench --bench voting` (add `-- --quick` for a fast look).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a panic is the failure report here"
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use linkage::Concordance;
use linkage::alignment::voting::{Contingency, IssueFilter, voting_table};
use linkage::derive::ACTORS;
use linkage::sources::unvotes::{self, UnVotes};

fn load() -> UnVotes {
    let dir = linkage::default_data_dir();
    unvotes::load(&dir, &Concordance::load(&dir).unwrap())
        .unwrap()
        .records
}

fn table(c: &mut Criterion) {
    let v = load();
    let countries = v.countries().len();
    let actors = ACTORS.len();
    // Actor × non-actor partner, plus each unordered pair of actors.
    let dyads = actors * (countries - actors) + actors * (actors - 1) / 2;
    let mut g = c.benchmark_group("voting_table");
    g.sample_size(10).measurement_time(Duration::from_secs(15));
    // Vote pairs read: every roll call of every dyad (the filters share one pass).
    g.throughput(Throughput::Elements((dyads * v.roll_calls().len()) as u64));
    let filters = IssueFilter::every(&v).len();
    g.bench_function(
        format!("actors_x_all_countries_x_years_x_{filters}_filters"),
        |b| b.iter(|| voting_table(black_box(&v), &ACTORS, None, 10)),
    );
    g.finish();
}

fn all_dyads(c: &mut Criterion) {
    let v = load();
    let rows: Vec<&[i8]> = v
        .countries()
        .iter()
        .filter_map(|&c| v.votes_of(c))
        .collect();
    let years = v.year_ranges();
    let pairs = rows.len() * (rows.len() - 1) / 2;
    let mut g = c.benchmark_group("voting_dyads");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.throughput(Throughput::Elements((pairs * v.roll_calls().len()) as u64));
    g.bench_function(format!("{pairs}_dyads_x_{}_years_all", years.len()), |b| {
        b.iter(|| {
            // Sum the measures so that nothing is optimised away.
            let (mut n, mut acc) = (0usize, 0.0f64);
            for (i, a) in rows.iter().enumerate() {
                for bv in &rows[i + 1..] {
                    for (_, r) in years {
                        let s = Contingency::from_votes(&a[r.clone()], &bv[r.clone()]).similarity();
                        n += s.n;
                        acc += s.kappa.unwrap_or(0.0) + s.pi.unwrap_or(0.0) + s.s.unwrap_or(0.0);
                    }
                }
            }
            black_box((n, acc))
        })
    });
    g.finish();
}

criterion_group!(benches, table, all_dyads);
criterion_main!(benches);
