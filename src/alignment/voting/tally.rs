//! Dyad tallies for [`voting_table`](super::voting_table): each roll call's issue filters as a
//! bitset, and one pass over a dyad's votes of a year that fills the 3×3 table of every filter
//! at once.

use std::ops::Range;

use super::issues::IssueFilter;
use super::measures::cell;
use crate::panel::country::Iso3;
use crate::sources::unvotes::UnVotes;

/// Each roll call's filters as a bitset: bit 0 All, bit 1 + k issue k, bit 1 + #issues
/// Important.
pub(super) fn filter_masks(votes: &UnVotes, filters: &[IssueFilter]) -> Vec<u64> {
    votes
        .roll_calls()
        .iter()
        .map(|rc| {
            filters
                .iter()
                .enumerate()
                .filter(|(_, f)| f.matches(rc))
                .fold(0u64, |m, (b, _)| m | bit(b))
        })
        .collect()
}

/// `1 << f` in a u64, or 0 past bit 63 (never reached: at most 32 issues + 2 filters).
pub(super) fn bit(f: usize) -> u64 {
    u32::try_from(f)
        .ok()
        .and_then(|f| 1u64.checked_shl(f))
        .unwrap_or(0)
}

/// Fill `tables[f]` (flat 3×3) with the vote pairs of `a` and `b` in `range`, for each filter
/// bit f of the position's mask. The hot loop of [`voting_table`](super::voting_table): no
/// allocation.
pub(super) fn fill_tables(
    a: &[i8],
    b: &[i8],
    masks: &[u64],
    range: Range<usize>,
    tables: &mut [[u64; 9]],
) {
    for t in tables.iter_mut() {
        *t = [0; 9];
    }
    let (Some(a), Some(b), Some(masks)) =
        (a.get(range.clone()), b.get(range.clone()), masks.get(range))
    else {
        return;
    };
    for ((&x, &y), &mask) in a.iter().zip(b).zip(masks) {
        let Some(c) = cell(x, y) else { continue };
        let mut m = mask;
        while m != 0 {
            let f = m.trailing_zeros() as usize;
            if let Some(t) = tables.get_mut(f) {
                t[c] += 1;
            }
            m &= m - 1;
        }
    }
}

/// The first occurrence of each code, in order.
pub(super) fn dedup(codes: &[Iso3]) -> Vec<Iso3> {
    let mut out: Vec<Iso3> = Vec::with_capacity(codes.len());
    for &c in codes {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}
