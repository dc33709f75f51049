//! "Sport" (minimum) ranks, with missing values kept missing.
//!
//! Results tables in COINr (`get_results()`) rank units with `rank(-x, ties.method = "min",
//! na.last = "keep")`: rank 1 is the highest score, tied units share the smallest rank of
//! their group (1, 2, 2, 4), and `NaN` stays `NaN`. The rank-based normalisations
//! (`n_rank`, `n_borda`, `n_prank`) use the same ranking in ascending order.

use crate::{Error, Result};

/// Which end of the scale gets rank 1.
///
/// # Examples
///
/// ```
/// use linkage::score::rank::{min_rank_in_place, RankOrder};
/// let mut hi = [1.0, 3.0, 2.0];
/// min_rank_in_place(&mut hi, RankOrder::HighestFirst, &mut Vec::new());
/// assert_eq!(hi, [3.0, 1.0, 2.0]);
/// let mut lo = [1.0, 3.0, 2.0];
/// min_rank_in_place(&mut lo, RankOrder::LowestFirst, &mut Vec::new());
/// assert_eq!(lo, [1.0, 3.0, 2.0]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankOrder {
    /// Rank 1 = highest value: R's `rank(-x, ties.method = "min")`, used for results tables.
    HighestFirst,
    /// Rank 1 = lowest value: R's `rank(x, ties.method = "min")`, used by `n_rank()`.
    LowestFirst,
}

/// Replaces each value by its minimum rank, in place; `NaN` stays `NaN`.
///
/// Ties (values that compare equal, so `-0.0 == 0.0`) share the smallest rank of their
/// group and the next distinct value skips ahead: `[10, 20, 20, 30]` ranked
/// [`RankOrder::HighestFirst`] gives `[4, 2, 2, 1]`. `scratch` is cleared and reused for the
/// sort order, so repeated calls with the same buffer do not allocate.
///
/// # Examples
///
/// ```
/// use linkage::score::rank::{min_rank_in_place, RankOrder};
/// let mut v = vec![10.0, 20.0, f64::NAN, 20.0, 30.0];
/// let mut scratch = Vec::new();
/// min_rank_in_place(&mut v, RankOrder::LowestFirst, &mut scratch);
/// assert_eq!(&v[..2], &[1.0, 2.0]);
/// assert!(v[2].is_nan());
/// assert_eq!(&v[3..], &[2.0, 4.0]);
/// ```
pub fn min_rank_in_place(values: &mut [f64], order: RankOrder, scratch: &mut Vec<usize>) {
    scratch.clear();
    scratch.extend((0..values.len()).filter(|&i| !values[i].is_nan()));
    // no NaN is left in `scratch`, so `partial_cmp` always succeeds
    let cmp = |a: &usize, b: &usize| {
        let (va, vb) = (values[*a], values[*b]);
        match order {
            RankOrder::LowestFirst => va.partial_cmp(&vb),
            RankOrder::HighestFirst => vb.partial_cmp(&va),
        }
        .unwrap_or(std::cmp::Ordering::Equal)
    };
    scratch.sort_unstable_by(cmp);
    let mut prev = f64::NAN;
    let mut rank = 0.0;
    for (k, &i) in scratch.iter().enumerate() {
        let v = values[i];
        // ties are exact equality, as in R's rank()
        #[allow(clippy::float_cmp)]
        let new_group = k == 0 || v != prev;
        if new_group {
            rank = (k + 1) as f64;
        }
        prev = v;
        values[i] = rank;
    }
}

/// Ranks `x` into `out` with rank 1 = highest value, tied units sharing the smallest rank
/// (R: `rank(-x, ties.method = "min", na.last = "keep")`, as in COINr's results tables);
/// `NaN` stays `NaN`. `scratch` is reused for the sort order.
///
/// # Errors
///
/// [`Error::Method`] if `x` and `out` differ in length.
///
/// # Examples
///
/// ```
/// use linkage::score::rank::rank_into;
/// let x = [50.0, 80.0, 80.0, f64::NAN, 10.0];
/// let mut out = [0.0; 5];
/// rank_into(&x, &mut out, &mut Vec::new()).unwrap();
/// assert_eq!(&out[..3], &[3.0, 1.0, 1.0]);
/// assert!(out[3].is_nan());
/// assert_eq!(out[4], 4.0);
/// ```
pub fn rank_into(x: &[f64], out: &mut [f64], scratch: &mut Vec<usize>) -> Result<()> {
    if x.len() != out.len() {
        return Err(Error::Method {
            method: "rank",
            reason: format!("input has {} values but output has {}", x.len(), out.len()),
        });
    }
    out.copy_from_slice(x);
    min_rank_in_place(out, RankOrder::HighestFirst, scratch);
    Ok(())
}

/// Ranks with rank 1 = highest value, ties sharing the smallest rank, `NaN` kept; allocating
/// form of [`rank_into`].
///
/// # Examples
///
/// ```
/// use linkage::score::rank::rank;
/// // 1, 2, 2, 4: the two 7s share rank 2 and the next rank is 4
/// assert_eq!(rank(&[9.0, 7.0, 7.0, 1.0]), vec![1.0, 2.0, 2.0, 4.0]);
/// ```
pub fn rank(x: &[f64]) -> Vec<f64> {
    let mut out = x.to_vec();
    min_rank_in_place(&mut out, RankOrder::HighestFirst, &mut Vec::new());
    out
}

/// Minimum ranks of `values` within each block (`blocks` lists the rows of each block): each
/// block is ranked on its own with [`min_rank_in_place`] and the ranks written to `out` at the
/// block's rows. `buf` and `scratch` are reused, so a loop over many columns allocates nothing.
///
/// # Examples
/// ```
/// use linkage::score::rank::{min_rank_by_block, RankOrder};
/// let values = [3.0, 1.0, 2.0, 5.0];
/// let blocks = [vec![0, 2], vec![1, 3]];
/// let mut out = [0.0; 4];
/// min_rank_by_block(&values, &blocks, RankOrder::HighestFirst, &mut out, &mut Vec::new(), &mut Vec::new());
/// assert_eq!(out, [1.0, 2.0, 2.0, 1.0]);
/// ```
pub fn min_rank_by_block(
    values: &[f64],
    blocks: &[Vec<usize>],
    order: RankOrder,
    out: &mut [f64],
    buf: &mut Vec<f64>,
    scratch: &mut Vec<usize>,
) {
    for members in blocks {
        buf.clear();
        buf.extend(members.iter().map(|&i| values[i]));
        min_rank_in_place(buf, order, scratch);
        for (&v, &i) in buf.iter().zip(members) {
            out[i] = v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NA: f64 = f64::NAN;

    // ranks are small integers held in f64: exact comparison is meant
    #[allow(clippy::float_cmp)]
    fn same(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| (x.is_nan() && y.is_nan()) || x == y)
    }

    #[test]
    fn highest_first_with_ties() {
        // sorted descending: 9 (rank 1), 7, 7 (both rank 2), 1 (rank 4)
        assert_eq!(rank(&[1.0, 7.0, 9.0, 7.0]), vec![4.0, 2.0, 1.0, 2.0]);
    }

    #[test]
    fn lowest_first_with_ties() {
        // sorted ascending: 1 (1), 7, 7 (2), 9 (4) — R: rank(c(1,7,9,7), ties = "min")
        let mut v = [1.0, 7.0, 9.0, 7.0];
        min_rank_in_place(&mut v, RankOrder::LowestFirst, &mut Vec::new());
        assert!(same(&v, &[1.0, 2.0, 4.0, 2.0]));
    }

    #[test]
    fn nan_kept_and_not_counted() {
        let r = rank(&[NA, 3.0, NA, 5.0]);
        assert!(same(&r, &[NA, 2.0, NA, 1.0]));
        assert!(same(&rank(&[NA, NA]), &[NA, NA]));
        assert!(rank(&[]).is_empty());
    }

    #[test]
    fn all_tied() {
        assert_eq!(rank(&[2.0, 2.0, 2.0]), vec![1.0, 1.0, 1.0]);
    }

    #[test]
    fn signed_zero_ties() {
        assert_eq!(rank(&[0.0, -0.0, 1.0]), vec![2.0, 2.0, 1.0]);
    }

    #[test]
    fn length_mismatch_is_an_error() {
        let mut out = [0.0; 2];
        assert!(rank_into(&[1.0], &mut out, &mut Vec::new()).is_err());
    }

    fn values() -> impl Strategy<Value = Vec<f64>> {
        // small integer-valued set so that ties are common; some NaN
        prop::collection::vec(
            prop_oneof![4 => (0i32..6).prop_map(f64::from), 1 => Just(f64::NAN)],
            0..20,
        )
    }

    proptest! {
        #[test]
        fn rank_is_min_rank_definition(x in values()) {
            // rank(i) = 1 + #{j : x_j > x_i}, for non-missing i
            let r = rank(&x);
            for (i, &xi) in x.iter().enumerate() {
                if xi.is_nan() {
                    prop_assert!(r[i].is_nan());
                } else {
                    let above = x.iter().filter(|&&v| v > xi).count();
                    prop_assert!(same(&r[i..=i], &[(above + 1) as f64]));
                }
            }
        }

        #[test]
        fn permuting_units_permutes_ranks(x in values(), seed in any::<u64>()) {
            // a deterministic permutation from the seed (rotate then reverse)
            let n = x.len();
            let k = if n == 0 { 0 } else { (seed as usize) % n };
            let perm: Vec<usize> = (0..n).map(|i| (n - 1 - i + k) % n.max(1)).collect();
            let xp: Vec<f64> = perm.iter().map(|&i| x[i]).collect();
            let r = rank(&x);
            let rp = rank(&xp);
            let expected: Vec<f64> = perm.iter().map(|&i| r[i]).collect();
            prop_assert!(same(&rp, &expected));
        }
    }
}
