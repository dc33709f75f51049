//! The kernels on hand-worked tables, and their properties on random votes.

use approx::assert_relative_eq;
use proptest::prelude::*;

use crate::alignment::voting::{Contingency, Similarity, similarity};
use crate::sources::unvotes::{ABSENT, ABSTAIN, NO, YES};

/// The kernel `unga_agreement` had of its own before it called [`Contingency::agreement`]
/// (kept here as the reference): 1 − Σ|x₁ − x₂| / n / 2 over the positions where both codes
/// are non-zero, with n.
fn former_derive_kernel(a: &[i8], b: &[i8]) -> Option<(f64, usize)> {
    let (mut n, mut sum) = (0usize, 0u64);
    for (&x, &y) in a.iter().zip(b) {
        if x != ABSENT && y != ABSENT {
            n += 1;
            sum += u64::from((i16::from(x) - i16::from(y)).unsigned_abs());
        }
    }
    (n > 0).then(|| (1.0 - sum as f64 / n as f64 / 2.0, n))
}

#[test]
fn identical_vectors_agree_fully() {
    // A vector with variation, so that D_e > 0: |d| = 0 everywhere → D_o = 0, every
    // measure 1.
    let a = [YES, YES, ABSTAIN, NO, NO, YES, ABSENT];
    let s = similarity(&a, &a, |_| true);
    assert_eq!(s.n, 6);
    assert_eq!(s.measures().map(|(_, v)| v), [Some(1.0); 4]);
    let t = Contingency::from_votes(&a, &a);
    assert_eq!((t.agreement(), t.n()), (Some(1.0), 6));
    assert_eq!((t.s(), t.n()), (Some(1.0), 6));
    assert_eq!((t.pi(), t.n()), (Some(1.0), 6));
    assert_eq!((t.kappa(), t.n()), (Some(1.0), 6));
}

#[test]
fn yes_against_no_everywhere() {
    // n = 4, |d| = 2 each: Σ|d| = 8. agreement = 1 − 8 / 4 / 2 = 0;
    // S = 1 − 2 · 8 / (4 · 2) = −1.
    // κ: row sums (4, 0, 0), column sums (0, 0, 4): D_e = 1 · 1 · 2 / 2 = 1 = D_o → κ = 0.
    // π: pooled shares (1/2, 0, 1/2): D_e = 2 · (1/2 · 1/2 · 2) / 2 = 1/2 → π = 1 − 1 / (1/2)
    // = −1.
    let (a, b) = ([YES; 4], [NO; 4]);
    let s = similarity(&a, &b, |_| true);
    assert_eq!(s.n, 4);
    assert_relative_eq!(s.agreement.unwrap(), 0.0);
    assert_relative_eq!(s.s.unwrap(), -1.0);
    assert_relative_eq!(s.kappa.unwrap(), 0.0);
    assert_relative_eq!(s.pi.unwrap(), -1.0);
}

#[test]
fn one_shared_vote_throughout_leaves_pi_and_kappa_undefined() {
    // Both always yes: D_o = 0 and D_e = 0 for both π and κ: 0/0 → None; agreement and S
    // are 1.
    for v in [YES, ABSTAIN, NO] {
        let s = similarity(&[v; 5], &[v, v, v, ABSENT, v], |_| true);
        assert_eq!(s.n, 4);
        assert_eq!(
            (s.agreement, s.s, s.pi, s.kappa),
            (Some(1.0), Some(1.0), None, None)
        );
    }
    // Nothing in common: every measure None, n = 0.
    let s = similarity(&[YES, ABSENT], &[ABSENT, NO], |_| true);
    assert_eq!(s, Similarity::default());
    assert_eq!(similarity(&[], &[], |_| true), Similarity::default());
    // Only one country constant is fine: first always yes, second yes or no.
    // Row sums (2, 0, 0), column sums (1, 0, 1): D_e^κ = (1/2 · 0 + 1 · 1/2 · 2) / 2 = 1/2,
    // D_o = 2 / 2 / 2 = 1/2 → κ = 0.
    let s = similarity(&[YES, YES], &[YES, NO], |_| true);
    assert_relative_eq!(s.kappa.unwrap(), 0.0);
}

#[test]
fn worked_three_by_three_table() {
    // Ten roll calls (rows: first country, columns: second; yes, abstain, no):
    //
    //            yes  abst  no | n_i+
    //   yes       4     2    0 |  6
    //   abstain   0     1    1 |  2
    //   no        1     0    1 |  2
    //   n_+j      5     3    2 | 10
    //
    // Σ n_ij |i − j| = 2·1 (yes/abst) + 1·1 (abst/no) + 1·2 (no/yes) = 5, so
    // D_o = 5 / (10 · 2) = 1/4; agreement = 1 − 1/4 = 0.75; S = 1 − 2 · 5 / (10 · 2) = 0.5.
    //
    // κ: Σ_ij n_i+ n_+j |i − j| = 6·(3·1 + 2·2) + 2·(5·1 + 2·1) + 2·(5·2 + 3·1)
    //    = 42 + 14 + 26 = 82; D_e^κ = 82 / (10² · 2) = 0.41;
    //    κ = 1 − 0.25 / 0.41 = 1 − 25/41 = 16/41 = 0.390243…
    // π: pooled counts m = n_i+ + n_+i = (11, 5, 4) of 20, p = (0.55, 0.25, 0.20);
    //    D_e^π = Σ_ij p_i p_j |i − j| / 2 = 2·(0.55·0.25·1 + 0.55·0.20·2 + 0.25·0.20·1) / 2
    //    = 0.1375 + 0.22 + 0.05 = 0.4075; π = 1 − 0.25 / 0.4075 = 1 − 100/163 = 63/163
    //    = 0.386503…
    let a = [YES, YES, YES, YES, YES, YES, ABSTAIN, ABSTAIN, NO, NO];
    let b = [YES, YES, YES, YES, ABSTAIN, ABSTAIN, ABSTAIN, NO, YES, NO];
    let t = Contingency::from_votes(&a, &b);
    assert_eq!(t.counts, [[4, 2, 0], [0, 1, 1], [1, 0, 1]]);
    assert_eq!((t.row_sums(), t.col_sums()), ([6, 2, 2], [5, 3, 2]));
    assert_eq!((t.n(), t.sum_abs_diff()), (10, 5));
    assert_relative_eq!(t.observed_distance().unwrap(), 0.25, epsilon = 1e-15);
    assert_relative_eq!(t.expected_distance_kappa().unwrap(), 0.41, epsilon = 1e-15);
    assert_relative_eq!(t.expected_distance_pi().unwrap(), 0.4075, epsilon = 1e-15);
    let s = t.similarity();
    assert_relative_eq!(s.agreement.unwrap(), 0.75, epsilon = 1e-15);
    assert_relative_eq!(s.s.unwrap(), 0.5, epsilon = 1e-15);
    assert_relative_eq!(s.kappa.unwrap(), 16.0 / 41.0, epsilon = 1e-15);
    assert_relative_eq!(s.pi.unwrap(), 63.0 / 163.0, epsilon = 1e-15);
    // The ratio of D_o to D_e, computed either way, gives the same value.
    assert_relative_eq!(
        s.kappa.unwrap(),
        1.0 - t.observed_distance().unwrap() / t.expected_distance_kappa().unwrap(),
        epsilon = 1e-15
    );
    assert_relative_eq!(
        s.pi.unwrap(),
        1.0 - t.observed_distance().unwrap() / t.expected_distance_pi().unwrap(),
        epsilon = 1e-15
    );
}

#[test]
fn codes_that_are_not_votes_are_left_out_without_panic() {
    // -1, 4 and i8::MIN are no votes; only position 3 (yes/no) and 4 (abstain/abstain)
    // count.
    let a = [-1, 4, i8::MIN, YES, ABSTAIN, i8::MAX];
    let b = [YES, YES, YES, NO, ABSTAIN, NO];
    let t = Contingency::from_votes(&a, &b);
    assert_eq!(t.counts, [[0, 0, 1], [0, 1, 0], [0, 0, 0]]);
    // Uneven lengths: the tail of the longer is ignored.
    assert_eq!(Contingency::from_votes(&[YES, NO, NO], &[YES]).n(), 1);
}

fn votes(len: usize) -> impl Strategy<Value = (Vec<i8>, Vec<i8>)> {
    (
        proptest::collection::vec(0i8..=3, len),
        proptest::collection::vec(0i8..=3, len),
    )
}

proptest! {
    #[test]
    fn symmetric_and_bounded((a, b) in (0usize..60).prop_flat_map(votes)) {
        let ab = similarity(&a, &b, |_| true);
        let ba = similarity(&b, &a, |_| true);
        prop_assert_eq!(ab.n, ba.n);
        for ((_, x), (_, y)) in ab.measures().into_iter().zip(ba.measures()) {
            prop_assert_eq!(x.is_some(), y.is_some());
            if let (Some(x), Some(y)) = (x, y) {
                prop_assert!((x - y).abs() < 1e-12, "{x} vs {y}");
            }
        }
        prop_assert_eq!(Contingency::from_votes(&a, &b).transpose(), Contingency::from_votes(&b, &a));
        if let Some(v) = ab.agreement { prop_assert!((0.0..=1.0).contains(&v)); }
        if let Some(v) = ab.s { prop_assert!((-1.0..=1.0).contains(&v)); }
        if let Some(v) = ab.pi { prop_assert!(v <= 1.0 + 1e-12); }
        if let Some(v) = ab.kappa { prop_assert!(v <= 1.0 + 1e-12); }
        // S = 2 · agreement − 1; measures defined exactly as documented.
        prop_assert_eq!(ab.agreement.is_some(), ab.n > 0);
        if let (Some(s), Some(g)) = (ab.s, ab.agreement) {
            prop_assert!((s - (2.0 * g - 1.0)).abs() < 1e-12);
        }
        let t = Contingency::from_votes(&a, &b);
        let constant = (0..3).any(|i| t.counts[i][i] == t.n());
        prop_assert_eq!(ab.pi.is_none(), t.n() == 0 || constant);
        prop_assert_eq!(ab.kappa.is_none(), t.n() == 0 || constant);
    }

    #[test]
    fn agreement_is_the_former_derive_kernel_to_the_bit(
        (a, b) in (0usize..60).prop_flat_map(votes)
    ) {
        let ours = similarity(&a, &b, |_| true);
        let theirs = former_derive_kernel(&a, &b);
        prop_assert_eq!(ours.agreement.map(f64::to_bits), theirs.map(|(v, _)| v.to_bits()));
        prop_assert_eq!(theirs.map_or(0, |(_, n)| n), ours.n);
    }

    #[test]
    fn selection_equals_filtering_first((a, b) in (0usize..60).prop_flat_map(votes)) {
        // Selecting the even positions is the same as comparing the even positions.
        let even = |v: &[i8]| v.iter().step_by(2).copied().collect::<Vec<_>>();
        let sel = similarity(&a, &b, |k| k % 2 == 0);
        let pre = similarity(&even(&a), &even(&b), |_| true);
        prop_assert_eq!(format!("{sel:?}"), format!("{pre:?}"));
    }
}
