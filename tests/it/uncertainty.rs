//! Uncertainty and sensitivity analysis: replications against full rebuilds, determinism
//! across thread counts, Sobol estimators against analytic indices, the CLI.

use std::path::PathBuf;
use std::process::Command;

use linkage::io::csv::{NumberStyle::Plain, to_string};
use linkage::io::table::Table;
use linkage::score::build::{Scores, build};
use linkage::score::coinr::{CoinrData, IndexOptions, read};
use linkage::score::spec::{AggregateSpec, Framework, NormaliseSpec};
use linkage::uncertainty::sa::{SobolOptions, saltelli};
use linkage::uncertainty::{Engine, Inputs, SaOptions, Sampling, UaOptions};

fn asem() -> CoinrData {
    let dir = linkage::default_data_dir().join("asem");
    read(&dir.join("ASEM_iData.csv"), &dir.join("ASEM_iMeta.csv")).unwrap()
}

/// Min-max onto [1, 100], so that geometric means are defined.
fn opts_1_100() -> IndexOptions {
    IndexOptions {
        normalise: NormaliseSpec::Minmax {
            lower: 1.0,
            upper: 100.0,
        },
        ..Default::default()
    }
}

fn root_scores_and_ranks(fw: &Framework, s: &Scores) -> (Vec<f64>, Vec<f64>) {
    let root = linkage::score::spec::Node::Group(fw.root());
    (s.column(root).to_vec(), s.rank_column(root).to_vec())
}

/// Bit-for-bit equality, NaN equal to NaN.
fn same_bits(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

#[test]
fn zero_noise_reproduces_the_nominal_result_exactly() {
    let d = asem();
    let fw = d.framework(&opts_1_100()).unwrap();
    let (scores, ranks) = root_scores_and_ranks(&fw, &build(&fw, &d.coin).unwrap());
    // Noise 0 at every level, and discrete inputs whose only alternatives are the nominal
    // settings spelled out.
    let inputs = Inputs::from_toml(
        r#"
        [[weights]]
        level = 1
        noise = 0
        [[weights]]
        level = 2
        noise = 0
        [[weights]]
        level = 3
        noise = 0
        [normalise]
        nominal = false
        alternatives = [{ method = "minmax", lower = 1, upper = 100 }]
        [aggregate]
        alternatives = [{ method = "arithmetic" }]
        "#,
        "test",
    )
    .unwrap();
    let engine = Engine::new(&fw, &d.coin, &inputs).unwrap();
    assert!(same_bits(engine.nominal_scores(), &scores));
    assert!(same_bits(engine.nominal_ranks(), &ranks));
    let ua = engine
        .ua(&UaOptions {
            runs: 200,
            keep_runs: true,
            ..Default::default()
        })
        .unwrap();
    let runs = ua.runs.as_ref().unwrap();
    for r in 0..200 {
        let s: Vec<f64> = (0..scores.len()).map(|u| runs.scores.get(r, u)).collect();
        let k: Vec<f64> = (0..ranks.len()).map(|u| runs.ranks.get(r, u)).collect();
        assert!(same_bits(&s, &scores), "run {r} scores differ");
        assert!(same_bits(&k, &ranks), "run {r} ranks differ");
    }
    assert!(ua.mean_abs_rank_shift.abs() < f64::MIN_POSITIVE);
    for (st, (&s, &r)) in ua.stats.iter().zip(scores.iter().zip(&ranks)) {
        assert_eq!(st.median_rank.to_bits(), r.to_bits());
        assert_eq!(st.q05_rank.to_bits(), r.to_bits());
        assert_eq!(st.q95_rank.to_bits(), r.to_bits());
        assert_eq!(st.median_score.to_bits(), s.to_bits());
        assert_eq!(st.runs_scored, 200);
    }
}

/// Each kind of input, at a chosen point, gives bit for bit what a full rebuild with that
/// setting gives.
#[test]
fn a_replication_equals_a_rebuild_with_its_settings() {
    let d = asem();
    let fw = d.framework(&opts_1_100()).unwrap();
    let inputs = Inputs::from_toml(
        r#"
        [[weights]]
        level = 2
        noise = 0.5
        [normalise]
        alternatives = [{ method = "zscore", mean = 10, sd = 1 }]
        [aggregate]
        alternatives = [{ method = "geometric" }]
        [impute]
        alternatives = [{ method = "mean" }]
        [exclude]
        indicators = ["LPI", "Flights"]
        "#,
        "test",
    )
    .unwrap();
    let engine = Engine::new(&fw, &d.coin, &inputs).unwrap();
    let dims = engine.dims();
    assert_eq!(dims, 8 + 4); // 8 pillars, then the four discrete inputs
    let mut ws = engine.workspace();

    // Pillar weights: u → 1 + 0.5·(2u − 1); everything else nominal (u = 0 picks alt 0).
    let mut x = vec![0.0; dims];
    let us = [0.1, 0.9, 0.3, 0.5, 0.7, 0.2, 0.8, 0.6];
    x[..8].copy_from_slice(&us);
    engine.replicate(&x, &mut ws).unwrap();
    let mut spec = d.spec.clone();
    spec.normalise = opts_1_100().normalise;
    // The same multipliers written into the spec's weights of the level-2 groups (a framework
    // is checked and cannot be changed in place), in the engine's node order.
    let fw0 = spec.resolve().unwrap();
    let mut spec_w = spec.clone();
    let mut node = 0;
    for g in fw0.groups() {
        for &child in g.children() {
            if let linkage::score::spec::Node::Group(h) = child
                && fw0.groups()[h].level() == 2
            {
                let code = fw0.groups()[h].code();
                let gs = spec_w.group.iter_mut().find(|s| s.code == code).unwrap();
                gs.weight *= 1.0 + 0.5 * (2.0 * us[node] - 1.0);
                node += 1;
            }
        }
    }
    assert_eq!(node, 8);
    let fw_w = spec_w.resolve().unwrap();
    let (s, r) = root_scores_and_ranks(&fw_w, &build(&fw_w, &d.coin).unwrap());
    assert!(same_bits(ws.scores(), &s) && same_bits(ws.ranks(), &r));

    // Normalisation alternative: z-score (mean 10, sd 1) everywhere.
    let mut x = vec![0.5; dims];
    x[8] = 0.75; // normalisation: alternative 1 of 2
    x[9] = 0.0; // aggregation nominal
    x[10] = 0.0; // imputation nominal
    x[11] = 0.0; // exclude none
    engine.replicate(&x, &mut ws).unwrap();
    let fw_z = d
        .framework(&IndexOptions {
            normalise: NormaliseSpec::Zscore {
                mean: 10.0,
                sd: 1.0,
            },
            ..Default::default()
        })
        .unwrap();
    let (s, r) = root_scores_and_ranks(&fw_z, &build(&fw_z, &d.coin).unwrap());
    assert!(same_bits(ws.scores(), &s) && same_bits(ws.ranks(), &r));

    // Geometric means at every level.
    x[8] = 0.0;
    x[9] = 0.75;
    engine.replicate(&x, &mut ws).unwrap();
    let fw_g = d
        .framework(&IndexOptions {
            aggregate: AggregateSpec::Geometric,
            ..opts_1_100()
        })
        .unwrap();
    let (s, r) = root_scores_and_ranks(&fw_g, &build(&fw_g, &d.coin).unwrap());
    assert!(same_bits(ws.scores(), &s) && same_bits(ws.ranks(), &r));

    // Mean imputation.
    x[9] = 0.0;
    x[10] = 0.75;
    engine.replicate(&x, &mut ws).unwrap();
    let fw_i = fw.with_impute(Some(linkage::score::spec::ImputeSpec::Mean));
    let (s, r) = root_scores_and_ranks(&fw_i, &build(&fw_i, &d.coin).unwrap());
    assert!(same_bits(ws.scores(), &s) && same_bits(ws.ranks(), &r));

    // Excluding `Flights` (alternative 2 of none, LPI, Flights) = removing it from the spec.
    x[10] = 0.0;
    x[11] = 0.9;
    engine.replicate(&x, &mut ws).unwrap();
    let mut spec_x = spec.clone();
    let j = spec_x
        .indicator
        .iter()
        .position(|i| i.code == "Flights")
        .unwrap();
    spec_x.indicator.remove(j);
    let fw_x = spec_x.resolve().unwrap();
    let keep: Vec<Vec<f64>> = (0..d.coin.raw.cols())
        .filter(|&c| c != j)
        .map(|c| d.coin.raw.col(c).to_vec())
        .collect();
    let mut coin_x = d.coin.clone();
    coin_x.raw = linkage::score::matrix::Matrix::from_columns(&keep).unwrap();
    let (s, r) = root_scores_and_ranks(&fw_x, &build(&fw_x, &coin_x).unwrap());
    assert!(same_bits(ws.scores(), &s) && same_bits(ws.ranks(), &r));
    let described = engine.describe(&x);
    assert_eq!(
        described[4],
        ("exclusion".to_string(), "Flights".to_string())
    );
}

fn noisy_inputs() -> Inputs {
    Inputs::from_toml(
        r#"
        [[weights]]
        level = 2
        noise = 0.25
        [[weights]]
        level = 3
        noise = 0.25
        [aggregate]
        nominal = false
        alternatives = [{ method = "arithmetic" }, { method = "geometric" }]
        [exclude]
        "#,
        "test",
    )
    .unwrap()
}

#[test]
fn same_seed_is_bit_identical_with_one_and_two_threads() {
    let d = asem();
    let fw = d.framework(&opts_1_100()).unwrap();
    let engine = Engine::new(&fw, &d.coin, &noisy_inputs()).unwrap();
    let run = |threads: usize, sampling: Sampling| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let ua = engine
                .ua(&UaOptions {
                    runs: 300,
                    seed: 7,
                    sampling,
                    keep_runs: true,
                    ..Default::default()
                })
                .unwrap();
            let sa = engine
                .sa(&SaOptions {
                    sobol: SobolOptions {
                        base_samples: 64,
                        seed: 7,
                        sampling,
                        bootstrap: 50,
                        ..Default::default()
                    },
                    per_unit: true,
                    ..Default::default()
                })
                .unwrap();
            (ua, sa)
        })
    };
    for sampling in [Sampling::Random, Sampling::Sobol] {
        let (ua1, sa1) = run(1, sampling);
        let (ua2, sa2) = run(2, sampling);
        let r1 = ua1.runs.as_ref().unwrap();
        let r2 = ua2.runs.as_ref().unwrap();
        assert!(same_bits(&r1.points, &r2.points));
        assert!(same_bits(r1.ranks.as_slice(), r2.ranks.as_slice()));
        assert!(same_bits(r1.scores.as_slice(), r2.scores.as_slice()));
        assert_eq!(
            to_string(&ua1.rank_stats(), Plain).unwrap(),
            to_string(&ua2.rank_stats(), Plain).unwrap()
        );
        assert_eq!(
            to_string(&sa1.sensitivity(), Plain).unwrap(),
            to_string(&sa2.sensitivity(), Plain).unwrap()
        );
        assert_eq!(
            to_string(&sa1.unit_sensitivity(), Plain).unwrap(),
            to_string(&sa2.unit_sensitivity(), Plain).unwrap()
        );
        // the noise does move ranks
        assert!(ua1.mean_abs_rank_shift > 0.0);
    }
    // another seed, other draws
    let other = engine
        .ua(&UaOptions {
            runs: 300,
            seed: 8,
            keep_runs: true,
            ..Default::default()
        })
        .unwrap();
    let (ua1, _) = run(1, Sampling::Random);
    assert!(!same_bits(
        &other.runs.unwrap().points,
        &ua1.runs.unwrap().points
    ));
}

/// Ishigami function (Ishigami & Homma 1990) with a = 7, b = 0.1 on [−π, π]³:
/// Y = sin x₁ + a sin² x₂ + b x₃⁴ sin x₁. Analytic indices (Saltelli et al. 2008, §4.1;
/// SALib's test values): S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
#[test]
fn sobol_indices_of_the_ishigami_function() {
    let (a, b) = (7.0, 0.1);
    let pi = std::f64::consts::PI;
    let model = |_: &mut (), x: &[f64], out: &mut [f64]| {
        let z: Vec<f64> = x.iter().map(|u| -pi + 2.0 * pi * u).collect();
        out[0] = z[0].sin() + a * z[1].sin().powi(2) + b * z[2].powi(4) * z[0].sin();
        Ok(())
    };
    let s1 = [0.3139, 0.4424, 0.0];
    let st = [0.5576, 0.4424, 0.2437];
    // Scrambled Sobol points, N = 2¹³: within 0.02.
    let runs = saltelli(
        &[1, 1, 1],
        1,
        &SobolOptions {
            base_samples: 1 << 13,
            sampling: Sampling::Sobol,
            ..Default::default()
        },
        || (),
        model,
    )
    .unwrap();
    assert_eq!(runs.runs(), 5 << 13);
    let ix = runs.indices_with_ci(0, 300, 0.95);
    for i in 0..3 {
        assert!(
            (ix[i].first - s1[i]).abs() < 0.02,
            "S{}: {:?}",
            i + 1,
            ix[i]
        );
        assert!(
            (ix[i].total - st[i]).abs() < 0.02,
            "ST{}: {:?}",
            i + 1,
            ix[i]
        );
        let (lo, hi) = ix[i].total_ci.unwrap();
        assert!(lo <= ix[i].total && ix[i].total <= hi);
        assert!(lo - 0.02 < st[i] && st[i] < hi + 0.02);
    }
    // Random points, N = 2¹⁴: within 0.05.
    let runs = saltelli(
        &[1, 1, 1],
        1,
        &SobolOptions {
            base_samples: 1 << 14,
            seed: 3,
            ..Default::default()
        },
        || (),
        model,
    )
    .unwrap();
    let ix = runs.indices(0);
    for i in 0..3 {
        assert!(
            (ix[i].first - s1[i]).abs() < 0.05,
            "S{}: {:?}",
            i + 1,
            ix[i]
        );
        assert!(
            (ix[i].total - st[i]).abs() < 0.05,
            "ST{}: {:?}",
            i + 1,
            ix[i]
        );
    }
}

/// A linear model of a group input: Y = x₀ + x₁ + 2·x₂ with (x₀, x₁) one input. Uniform
/// inputs have variance 1/12 each, so V = (1 + 1 + 4)/12 and the group's index is
/// 2/6 = 1/3, x₂'s is 4/6 = 2/3; additive, so first order = total.
#[test]
fn sobol_indices_of_a_linear_model_with_a_group_input() {
    let runs = saltelli(
        &[2, 1],
        1,
        &SobolOptions {
            base_samples: 1 << 12,
            sampling: Sampling::Sobol,
            ..Default::default()
        },
        || (),
        |_, x, out| {
            out[0] = x[0] + x[1] + 2.0 * x[2];
            Ok(())
        },
    )
    .unwrap();
    let ix = runs.indices(0);
    for (i, want) in [1.0 / 3.0, 2.0 / 3.0].into_iter().enumerate() {
        assert!((ix[i].first - want).abs() < 0.01, "{:?}", ix[i]);
        assert!((ix[i].total - want).abs() < 0.01, "{:?}", ix[i]);
    }
}

#[test]
fn a_failing_replication_is_a_clear_error() {
    let d = asem();
    // min-max onto [0, 100]: geometric means hit zeros.
    let fw = d.framework(&IndexOptions::default()).unwrap();
    let inputs = Inputs::from_toml(
        "[aggregate]\nalternatives = [{ method = \"geometric\" }]",
        "test",
    )
    .unwrap();
    let engine = Engine::new(&fw, &d.coin, &inputs).unwrap();
    let e = engine
        .ua(&UaOptions {
            runs: 50,
            ..Default::default()
        })
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("replication ") && e.contains("aggregation geometric"),
        "{e}"
    );
    assert!(e.contains("not positive"), "{e}");
    // and the error is the same at any thread count
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let e1 = pool
        .install(|| {
            engine.ua(&UaOptions {
                runs: 50,
                ..Default::default()
            })
        })
        .unwrap_err()
        .to_string();
    assert_eq!(e, e1);
}

#[test]
fn presence_engine_matches_presence_scores() {
    let data = linkage::Dataset::load(linkage::default_data_dir()).unwrap();
    let panel = data.default_panel().unwrap().panel;
    let fw = linkage::presence::default_spec(&data.dir)
        .unwrap()
        .resolve()
        .unwrap();
    let p = linkage::presence::score(&panel, &fw).unwrap();
    let (coin, units) = linkage::presence::coin(&panel, &fw).unwrap();
    assert_eq!(units, p.units);
    let engine = Engine::new(&fw, &coin, &Inputs::default()).unwrap();
    let (s, r) = root_scores_and_ranks(&fw, &p.scores);
    assert!(same_bits(engine.nominal_scores(), &s));
    assert!(same_bits(engine.nominal_ranks(), &r));
    let u = linkage::uncertainty::presence(
        &panel,
        &fw,
        &Inputs::weight_noise(&[2], 0.25),
        &UaOptions {
            runs: 30,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(u.units.len(), u.ua.stats.len());
    assert!(
        u.ua.stats
            .iter()
            .filter(|s| !s.nominal_rank.is_nan())
            .all(|s| s.q05_rank <= s.median_rank && s.median_rank <= s.q95_rank)
    );
}

fn out_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("linkage-ua-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn run_cli(args: &[&str], out: &PathBuf) -> std::process::Output {
    let dir = linkage::default_data_dir().join("asem");
    Command::new(env!("CARGO_BIN_EXE_linkage"))
        .arg("uncertainty")
        .arg("--idata")
        .arg(dir.join("ASEM_iData.csv"))
        .arg("--imeta")
        .arg(dir.join("ASEM_iMeta.csv"))
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

const CLI_ARGS: [&str; 14] = [
    "--normalise",
    "minmax",
    "--lo",
    "1",
    "--hi",
    "100",
    "--weight-noise",
    "0.25",
    "--noise-levels",
    "2,3",
    "--aggregate",
    "arithmetic,geometric",
    "--seed",
    "1",
];

#[test]
fn cli_writes_rank_stats_and_sensitivity() {
    let o = out_dir("ua");
    let mut args = CLI_ARGS.to_vec();
    args.extend(["--runs", "300"]);
    let r = run_cli(&args, &o);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let t = Table::read(o.join("rank_stats.csv")).unwrap();
    assert_eq!(t.height(), 51);
    assert_eq!(
        &t.columns()[..6],
        [
            "uCode",
            "nominal_rank",
            "median_rank",
            "q05_rank",
            "q95_rank",
            "mean_score"
        ]
    );
    // The nominal ranks are those of `linkage index` (min-max [1, 100], arithmetic).
    let d = asem();
    let fw = d.framework(&opts_1_100()).unwrap();
    let (_, ranks) = root_scores_and_ranks(&fw, &build(&fw, &d.coin).unwrap());
    let nominal = t.column("nominal_rank").unwrap();
    for (i, &rk) in ranks.iter().enumerate() {
        assert_eq!(nominal.f64(i).unwrap(), Some(rk));
    }
    assert!(!o.join("sensitivity.csv").exists());

    let o = out_dir("sa");
    let mut args = CLI_ARGS.to_vec();
    args.extend(["--runs", "128", "--sobol", "--bootstrap", "100"]);
    let r = run_cli(&args, &o);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let s = Table::read(o.join("sensitivity.csv")).unwrap();
    assert_eq!(
        s.columns(),
        [
            "input",
            "first_order",
            "total",
            "first_order_lo",
            "first_order_hi",
            "total_lo",
            "total_hi"
        ]
    );
    let names: Vec<&str> = (0..s.height())
        .map(|i| s.column("input").unwrap().text(i).unwrap())
        .collect();
    assert_eq!(names, ["weights_level_2", "weights_level_3", "aggregation"]);
    assert!(o.join("rank_stats.csv").exists());
}

#[test]
fn cli_errors_exit_1_and_2() {
    let o = out_dir("err");
    // usage: an unknown aggregation
    let r = run_cli(&["--aggregate", "median"], &o);
    assert_eq!(r.status.code(), Some(2));
    // usage: noise levels without noise
    let r = run_cli(&["--noise-levels", "2"], &o);
    assert_eq!(r.status.code(), Some(2));
    // data: level 4 is the root, it has no weight
    let r = run_cli(&["--weight-noise", "0.1", "--noise-levels", "4"], &o);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("root"));
}

/// The aggregations without a fast path (harmonic, generalised, Copeland, with Copeland
/// comparing units within each of two normalisation blocks) also equal a rebuild.
#[test]
fn other_aggregations_equal_a_rebuild() {
    use linkage::score::coin::Coin;
    use linkage::score::matrix::Matrix;
    use linkage::score::spec::Spec;
    let spec = Spec::from_toml(
        r#"
        name = "t"
        [normalise]
        method = "minmax"
        lower = 1
        upper = 10
        [[indicator]]
        code = "a"
        parent = "d1"
        [[indicator]]
        code = "b"
        parent = "d1"
        weight = 2
        [[indicator]]
        code = "c"
        parent = "d2"
        [[group]]
        code = "d1"
        parent = "top"
        [[group]]
        code = "d2"
        parent = "top"
        [[group]]
        code = "top"
        "#,
        "test",
    )
    .unwrap();
    let raw = Matrix::from_columns(&[
        [1.0, 4.0, 2.0, 8.0, 5.0, 3.0],
        [7.0, 1.0, 3.0, 2.0, f64::NAN, 6.0],
        [2.0, 9.0, 4.0, 4.0, 1.0, 5.0],
    ])
    .unwrap();
    let units = ["A", "B", "C", "D", "E", "F"].map(String::from).to_vec();
    let mut coin = Coin::new(units, raw).unwrap();
    coin.norm_block = vec![0, 0, 0, 1, 1, 1];
    coin.rank_block = vec![0, 0, 0, 1, 1, 1];
    let fw = spec.resolve().unwrap();
    let inputs = Inputs::from_toml(
        r#"
        [aggregate]
        nominal = false
        alternatives = [{ method = "harmonic" }, { method = "generalised", p = 3 }, { method = "copeland" }]
        levels = [3]
        "#,
        "test",
    )
    .unwrap();
    let engine = Engine::new(&fw, &coin, &inputs).unwrap();
    let mut ws = engine.workspace();
    for (u, method) in [
        (0.1, AggregateSpec::Harmonic),
        (0.5, AggregateSpec::Generalised { p: 3.0 }),
        (0.9, AggregateSpec::Copeland),
    ] {
        engine.replicate(&[u], &mut ws).unwrap();
        let mut s = spec.clone();
        s.group[2].aggregate = Some(method);
        let fw_m = s.resolve().unwrap();
        let (sc, rk) = root_scores_and_ranks(&fw_m, &build(&fw_m, &coin).unwrap());
        assert!(same_bits(ws.scores(), &sc), "{method:?}");
        assert!(same_bits(ws.ranks(), &rk), "{method:?}");
    }
}
