//! The common-set rule: hand-computed blocks, the block below `min_present`, Own unchanged,
//! the Monte Carlo engine's nominal run against `build`, and a property over generated coins.
// Exact comparisons by design: every hand-computed value is exact in binary (e.g. 70 / 4), and
// the property compares with the very kernel the rule calls.
#![allow(clippy::float_cmp)]

use proptest::prelude::*;

use crate::score::aggregate::{Aggregation, aggregate_row, copeland_into};
use crate::score::build::{build, build_lean};
use crate::score::coin::Coin;
use crate::score::matrix::Matrix;
use crate::score::scores::Scores;
use crate::score::spec::{Comparison, Framework, Node, Spec};
use crate::uncertainty::{Engine, Inputs};

const NA: f64 = f64::NAN;

/// Indicators `a`, `b`, … (normalisation none: the raw values are the scores) under one
/// group `top` with the given weights, aggregation, `min_present` and `compare`.
fn flat(weights: &[f64], aggregate: &str, min_present: usize, compare: Option<&str>) -> Framework {
    let mut t = "name = \"t\"\nnormalise = { method = \"none\" }\n".to_string();
    for (k, w) in weights.iter().enumerate() {
        let code = char::from(b'a' + k as u8);
        t += &format!("[[indicator]]\ncode = \"{code}\"\nparent = \"top\"\nweight = {w}\n");
    }
    t += &format!(
        "[[group]]\ncode = \"top\"\nmin_present = {min_present}\naggregate = {{ method = \"{aggregate}\" }}\n"
    );
    if let Some(c) = compare {
        t += &format!("compare = \"{c}\"\n");
    }
    Spec::from_toml(&t, "test").unwrap().resolve().unwrap()
}

fn coin(columns: &[Vec<f64>], rank_block: &[u32]) -> Coin {
    let n = columns[0].len();
    let units = (0..n).map(|i| format!("U{i}")).collect();
    let mut coin = Coin::new(units, Matrix::from_columns(columns).unwrap()).unwrap();
    coin.rank_block = rank_block.to_vec();
    coin
}

fn same_bits(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

/// Block 0 = {X, Y, Z}, block 1 = {W}; children a, b, c weighing 1, 3, 1; `min_present` 2.
const A: [f64; 4] = [10.0, 40.0, 60.0, 1.0];
const B: [f64; 4] = [20.0, 50.0, NA, 2.0];
const C: [f64; 4] = [30.0, NA, NA, 3.0];
const BLOCKS: [u32; 4] = [0, 0, 0, 1];

fn hand_coin() -> Coin {
    coin(&[A.to_vec(), B.to_vec(), C.to_vec()], &BLOCKS)
}

#[test]
fn a_block_by_hand() {
    // Block 0: X has a, b, c (3 ≥ 2: eligible); Y has a, b (2: eligible); Z has a only
    // (1 < 2: not eligible). The common set is {a, b}: c is missing for Y.
    //   X = (1·10 + 3·20) / (1 + 3) = 70 / 4 = 17.5   (Own: (10 + 60 + 30) / 5 = 20)
    //   Y = (1·40 + 3·50) / 4 = 190 / 4 = 47.5
    //   Z = no score
    // Block 1: W alone has a, b, c, so its common set is all three:
    //   W = (1·1 + 3·2 + 1·3) / 5 = 10 / 5 = 2
    let fw = flat(&[1.0, 3.0, 1.0], "arithmetic", 2, Some("common"));
    let s = build(&fw, &hand_coin()).unwrap();
    let top = s.aggregated.col(0);
    assert_eq!(top[0], 17.5);
    assert_eq!(top[1], 47.5);
    assert!(top[2].is_nan());
    assert_eq!(top[3], 2.0);
    // Children present: the common set's size where scored, the unit's own count otherwise.
    assert_eq!(s.present.col(0), &[2.0, 2.0, 1.0, 3.0]);
    // Ranks within block 0: Y 1, X 2, Z none; W 1 in its own block.
    let ranks = s.rank_column(Node::Group(0));
    assert_eq!(ranks[..2], [2.0, 1.0]);
    assert!(ranks[2].is_nan());
    assert_eq!(ranks[3], 1.0);
    let (a, b, c) = (Node::Indicator(0), Node::Indicator(1), Node::Indicator(2));
    assert_eq!(s.used(0, 0), [a, b]);
    assert_eq!(s.used(1, 0), [a, b]);
    assert_eq!(s.used(2, 0), []);
    assert_eq!(s.used(3, 0), [a, b, c]);
    // The block's common set is there for the unit without a score too.
    assert_eq!(s.common.common(2, 0), Some(vec![a, b]));
    // The lean run keeps the same.
    let mut coin = hand_coin();
    let lean = build_lean(&fw, &mut coin).unwrap();
    assert!(same_bits(
        lean.aggregated.as_slice(),
        s.aggregated.as_slice()
    ));
    assert!(same_bits(lean.present.as_slice(), s.present.as_slice()));
    assert_eq!(lean.common, s.common);
    assert_eq!(
        (0..4).map(|i| lean.used(i, 0)).collect::<Vec<_>>(),
        [vec![a, b], vec![a, b], vec![], vec![a, b, c]]
    );
}

#[test]
fn a_common_set_below_min_present_scores_no_unit_of_the_block() {
    // min_present 2. Block 0: X has a, b; Y has b, c: both eligible (2 children each), but
    // they share only b (1 < 2), so neither is scored; both keep their own count, 2.
    // Block 1: Z has a, b: its common set is {a, b}: Z = (5 + 7) / 2 = 6.
    let fw = flat(&[1.0, 1.0, 1.0], "arithmetic", 2, Some("common"));
    let c = coin(
        &[vec![1.0, NA, 5.0], vec![2.0, 3.0, 7.0], vec![NA, 4.0, NA]],
        &[0, 0, 1],
    );
    let s = build(&fw, &c).unwrap();
    let top = s.aggregated.col(0);
    assert!(top[0].is_nan() && top[1].is_nan());
    assert_eq!(top[2], 6.0);
    assert_eq!(s.present.col(0), &[2.0, 2.0, 2.0]);
    assert_eq!(s.used(0, 0), []);
    assert_eq!(s.used(1, 0), []);
    // No set is formed (no set of 2 children held by both): the block's set is empty.
    assert_eq!(s.common.common(0, 0), Some(vec![]));
    assert_eq!(s.used(2, 0), [Node::Indicator(0), Node::Indicator(1)]);
    // Own would score both: X (1 + 2) / 2 = 1.5, Y (3 + 4) / 2 = 3.5.
    let own = build(&flat(&[1.0, 1.0, 1.0], "arithmetic", 2, None), &c).unwrap();
    assert_eq!(own.aggregated.col(0), &[1.5, 3.5, 6.0]);
}

#[test]
fn one_odd_unit_no_longer_leaves_its_block_unranked() {
    // min_present 3 of a, b, c, d. Block 0: X, Y, Z have a, b, d; W has a, c, d (an odd set).
    // All four are eligible but share a, d only (2 < 3). The set of 3 most of them have in full
    // is {a, b, d} (X, Y, Z: 3 units; {a, c, d} only W): X, Y, Z are scored on it, W is not.
    //   X = (1 + 2 + 6) / 3 = 3, Y = (4 + 5 + 6) / 3 = 5, Z = (7 + 8 + 9) / 3 = 8.
    // Block 1: P has a, b, c; Q has b, c, d: they share b, c (2 < 3) and no set of 3 is held by
    // two units: neither is scored (as before).
    let fw = flat(&[1.0, 1.0, 1.0, 1.0], "arithmetic", 3, Some("common"));
    let c = coin(
        &[
            vec![1.0, 4.0, 7.0, 10.0, 1.0, NA],
            vec![2.0, 5.0, 8.0, NA, 2.0, 2.0],
            vec![NA, NA, NA, 11.0, 3.0, 3.0],
            vec![6.0, 6.0, 9.0, 12.0, NA, 4.0],
        ],
        &[0, 0, 0, 0, 1, 1],
    );
    let s = build(&fw, &c).unwrap();
    let top = s.aggregated.col(0);
    assert_eq!(top[0], 3.0);
    assert_eq!(top[1], 5.0);
    assert_eq!(top[2], 8.0);
    assert!(top[3].is_nan() && top[4].is_nan() && top[5].is_nan());
    let (a, b, d) = (Node::Indicator(0), Node::Indicator(1), Node::Indicator(3));
    assert_eq!(s.used(0, 0), [a, b, d]);
    assert_eq!(s.used(3, 0), []);
    assert_eq!(s.present.col(0), &[3.0, 3.0, 3.0, 3.0, 3.0, 3.0]);
    // Ranks compare X, Y, Z only.
    assert_eq!(s.common.common(3, 0), Some(vec![a, b, d]));
}

#[test]
fn own_is_the_default_and_unchanged() {
    // Without `compare`, or with "own", each unit averages the children it has:
    //   X = (1·10 + 3·20 + 1·30) / 5 = 100 / 5 = 20 (3 present)
    //   Y = (1·40 + 3·50) / 4 = 47.5 (2 present)
    //   Z = a only: 1 < min_present 2, no score (1 present)
    //   W = (1 + 6 + 3) / 5 = 2
    let none = flat(&[1.0, 3.0, 1.0], "arithmetic", 2, None);
    let own = flat(&[1.0, 3.0, 1.0], "arithmetic", 2, Some("own"));
    assert_eq!(none.groups()[0].comparison(), Comparison::Own);
    assert_eq!(none, own);
    let s = build(&none, &hand_coin()).unwrap();
    let top = s.aggregated.col(0);
    assert_eq!([top[0], top[1], top[3]], [20.0, 47.5, 2.0]);
    assert!(top[2].is_nan());
    assert_eq!(s.present.col(0), &[3.0, 2.0, 1.0, 3.0]);
    assert!(!s.common.is_common(0));
    assert_eq!(s.common.common(0, 0), None);
    let (a, b, c) = (Node::Indicator(0), Node::Indicator(1), Node::Indicator(2));
    assert_eq!(s.used(0, 0), [a, b, c]);
    assert_eq!(s.used(1, 0), [a, b]);
    assert_eq!(s.used(2, 0), []);
    // A spec written back leaves the default out.
    let spec = Spec::from_toml(
        "name = 't'\n[[indicator]]\ncode = 'a'\nparent = 'top'\n[[group]]\ncode = 'top'",
        "t",
    )
    .unwrap();
    let text = toml::to_string(&spec).unwrap();
    assert!(!text.contains("compare"), "{text}");
}

#[test]
fn copeland_compares_the_eligible_units_over_the_common_set() {
    // min_present 2, one block. X = (3, 3, 9), Y = (2, 1, –), Z = (1, 2, –), V = (9, –, –)
    // (V: 1 child, not eligible). Common set {a, b}. Over {a, b} X beats Y and Z (+2);
    // Y and Z tie (a for Y, b for Z): 0 − 1 = −1 each. V takes no part (no score), although
    // on a alone it would beat everyone.
    let fw = flat(&[1.0, 1.0, 1.0], "copeland", 2, Some("common"));
    let c = coin(
        &[
            vec![3.0, 2.0, 1.0, 9.0],
            vec![3.0, 1.0, 2.0, NA],
            vec![9.0, NA, NA, NA],
        ],
        &[0, 0, 0, 0],
    );
    let s = build(&fw, &c).unwrap();
    let top = s.aggregated.col(0);
    assert_eq!(top[..3], [2.0, -1.0, -1.0]);
    assert!(top[3].is_nan());
    assert_eq!(s.present.col(0), &[2.0, 2.0, 2.0, 1.0]);
}

#[test]
fn geometric_fails_only_on_a_value_it_uses() {
    // c = 0 for X would break a geometric mean, but c is not in the common set (Y lacks it).
    let fw = flat(&[1.0, 1.0, 1.0], "geometric", 2, Some("common"));
    let c = coin(&[vec![4.0, 1.0], vec![1.0, 4.0], vec![0.0, NA]], &[0, 0]);
    let s = build(&fw, &c).unwrap();
    // √(4·1) = 2 for both
    let top = s.aggregated.col(0);
    assert!((top[0] - 2.0).abs() < 1e-12 && (top[1] - 2.0).abs() < 1e-12);
    // With c present for both, the zero is used: the error names the unit.
    let c = coin(&[vec![4.0, 1.0], vec![1.0, 4.0], vec![0.0, 1.0]], &[0, 0]);
    let e = build(&fw, &c).unwrap_err().to_string();
    assert!(e.contains("top") && e.contains("unit 0"), "{e}");
}

/// A two-level framework (indicators → dimensions → top) on a coin of several ranking
/// blocks with holes, `top` compared on common sets.
fn engine_case(aggregate: &str) -> (Framework, Coin) {
    let fw = Spec::from_toml(
        &format!(
            r#"
            name = "t"
            [normalise]
            method = "minmax"
            lower = 1
            upper = 100
            [[indicator]]
            code = "a1"
            parent = "d1"
            [[indicator]]
            code = "a2"
            parent = "d1"
            [[indicator]]
            code = "b1"
            parent = "d2"
            [[indicator]]
            code = "c1"
            parent = "d3"
            weight = 2
            [[group]]
            code = "d1"
            parent = "top"
            [[group]]
            code = "d2"
            parent = "top"
            weight = 2
            [[group]]
            code = "d3"
            parent = "top"
            [[group]]
            code = "top"
            min_present = 2
            compare = "common"
            aggregate = {{ method = "{aggregate}" }}
            "#
        ),
        "test",
    )
    .unwrap()
    .resolve()
    .unwrap();
    let c = coin(
        &[
            vec![1.0, 2.0, NA, 4.0, 5.0, 6.0, 7.0, NA, 9.0],
            vec![3.0, NA, 1.0, 2.0, 8.0, NA, 2.0, 5.0, 1.0],
            vec![NA, 5.0, 6.0, 1.0, NA, 3.0, 9.0, 2.0, 4.0],
            vec![7.0, 3.0, 2.0, NA, 1.0, NA, 5.0, 6.0, 8.0],
        ],
        &[0, 0, 0, 1, 1, 1, 2, 2, 2],
    );
    (fw, c)
}

#[test]
fn the_engine_at_the_nominal_point_is_build_with_common() {
    for aggregate in ["arithmetic", "geometric", "harmonic", "copeland"] {
        let (fw, c) = engine_case(aggregate);
        let s = build(&fw, &c).unwrap();
        let root = Node::Group(fw.root());
        // The rule changed something: some unit is scored on fewer children than it has.
        assert!(
            (0..c.len()).any(|i| {
                let own = s.used(i, fw.root()).len();
                let have = fw.groups()[fw.root()]
                    .children()
                    .iter()
                    .filter(|n| !s.column(**n)[i].is_nan())
                    .count();
                own > 0 && own < have
            }),
            "{aggregate}"
        );
        let engine = Engine::new(&fw, &c, &Inputs::default()).unwrap();
        assert!(
            same_bits(engine.nominal_scores(), s.column(root)),
            "{aggregate}"
        );
        assert!(
            same_bits(engine.nominal_ranks(), s.rank_column(root)),
            "{aggregate}"
        );
        // A replication at a point of nominal weights gives the same again.
        let engine = Engine::new(&fw, &c, &Inputs::weight_noise(&[2], 0.0)).unwrap();
        let mut ws = engine.workspace();
        engine
            .replicate(&vec![0.5; engine.dims()], &mut ws)
            .unwrap();
        assert!(same_bits(ws.scores(), s.column(root)), "{aggregate}");
    }
}

/// Within every ranking block, every unit with a score used the same children: the common
/// set — every child all eligible units have, when at least `min_present`; otherwise the set of
/// at least `min_present` children most eligible units (≥ 2) have, then the largest, then the
/// one with the earliest child where two differ (found here by brute force over every subset,
/// independently of the kernel's search) — and only the eligible units that have it are
/// scored; each score is the group's method over the set.
fn check_rule(fw: &Framework, c: &Coin, s: &Scores) -> Result<(), TestCaseError> {
    let g = fw.root();
    let group = &fw.groups()[g];
    let min = group.min_present();
    let children = group.children();
    let value = |i: usize, n: Node| s.column(n)[i];
    for members in Coin::block_members(&c.rank_block) {
        let eligible: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| children.iter().filter(|&&n| !value(i, n).is_nan()).count() >= min)
            .collect();
        let has = |i: usize, set: &[Node]| set.iter().all(|&n| !value(i, n).is_nan());
        let mut all_have: Vec<Node> = children
            .iter()
            .copied()
            .filter(|&n| !eligible.is_empty() && eligible.iter().all(|&i| !value(i, n).is_nan()))
            .collect();
        if all_have.len() < min && !eligible.is_empty() {
            // Brute force: every subset of the children, in the group's order.
            let mut best: (Vec<Node>, usize) = (Vec::new(), 0);
            for bits in 1u32..(1 << children.len()) {
                let set: Vec<Node> = (0..children.len())
                    .filter(|k| bits & (1 << k) != 0)
                    .map(|k| children[k])
                    .collect();
                if set.len() < min {
                    continue;
                }
                let n = eligible.iter().filter(|&&i| has(i, &set)).count();
                let earlier = || {
                    let k = children
                        .iter()
                        .position(|x| set.contains(x) != best.0.contains(x))
                        .unwrap();
                    set.contains(&children[k])
                };
                if n >= 2
                    && (n > best.1
                        || (n == best.1
                            && (set.len() > best.0.len()
                                || (set.len() == best.0.len() && earlier()))))
                {
                    best = (set, n);
                }
            }
            all_have = best.0;
        }
        let eligible: Vec<usize> = if all_have.len() >= min {
            eligible
                .into_iter()
                .filter(|&i| has(i, &all_have))
                .collect()
        } else {
            eligible
        };
        let scored: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| !s.aggregated.get(i, g).is_nan())
            .collect();
        for &i in &members {
            if !eligible.contains(&i) {
                prop_assert!(s.aggregated.get(i, g).is_nan(), "unit {} not scored", i);
            }
        }
        if all_have.len() < min {
            prop_assert!(
                scored.is_empty(),
                "block {:?}: common set {:?}",
                members,
                all_have
            );
            continue;
        }
        prop_assert_eq!(&scored, &eligible);
        let weights: Vec<f64> = children
            .iter()
            .zip(group.child_weights())
            .filter(|(n, _)| all_have.contains(n))
            .map(|(_, &w)| w)
            .collect();
        for &i in &scored {
            prop_assert_eq!(s.used(i, g), all_have.clone());
            prop_assert_eq!(s.present.get(i, g), all_have.len() as f64);
            let x: Vec<f64> = all_have.iter().map(|&n| value(i, n)).collect();
            if group.aggregation() != Aggregation::Copeland {
                let want = aggregate_row(group.aggregation(), &x, &weights).unwrap();
                prop_assert_eq!(s.aggregated.get(i, g).to_bits(), want.to_bits());
            }
        }
        if group.aggregation() == Aggregation::Copeland {
            let cols: Vec<Vec<f64>> = all_have
                .iter()
                .map(|&n| scored.iter().map(|&i| value(i, n)).collect())
                .collect();
            let m = Matrix::from_columns(&cols).unwrap();
            let mut want = vec![0.0; scored.len()];
            let idx: Vec<usize> = (0..cols.len()).collect();
            copeland_into(&m, &idx, &weights, &mut want).unwrap();
            for (&i, &w) in scored.iter().zip(&want) {
                prop_assert_eq!(s.aggregated.get(i, g), w);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn every_scored_unit_of_a_block_used_the_same_children(
        k in 2usize..6,
        min_seed in 0usize..100,
        method in 0usize..4,
        weights in prop::collection::vec(0.5f64..3.0, 5),
        cells in prop::collection::vec(prop_oneof![5 => 1.0f64..100.0, 1 => Just(NA)], 40 * 5),
        blocks in prop::collection::vec(0u32..8, 40),
        n in 1usize..40,
    ) {
        let aggregate = ["arithmetic", "geometric", "harmonic", "copeland"][method];
        let min = 1 + min_seed % k;
        let fw = flat(&weights[..k], aggregate, min, Some("common"));
        let columns: Vec<Vec<f64>> = (0..k).map(|j| cells[j * 40..j * 40 + n].to_vec()).collect();
        let c = coin(&columns, &blocks[..n]);
        let s = build(&fw, &c).unwrap();
        check_rule(&fw, &c, &s)?;
        let engine = Engine::new(&fw, &c, &Inputs::default()).unwrap();
        let root = Node::Group(fw.root());
        prop_assert!(same_bits(engine.nominal_scores(), s.column(root)));
        prop_assert!(same_bits(engine.nominal_ranks(), s.rank_column(root)));
    }
}
