//! "Like with like": the aggregation of a group with `compare = "common"`
//! ([`Comparison::Common`]), in one place for the scoring pipeline
//! ([`crate::score::build`]) and the Monte Carlo engine ([`crate::uncertainty::Engine`]), so
//! that both apply the same rule and the engine's nominal run stays bit-identical to `build`.
//!
//! **Why.** With the default ([`Comparison::Own`]) each unit is aggregated over the children it
//! has, the weights renormalised over them. Within one ranking block (for presence: the actors
//! of one partner and year) one unit's mean of three dimensions is then ranked against
//! another's mean of four: unlike compared with unlike. A dimension missing for one actor,
//! which would have been low, lifts its score; one which would have been high lowers it; and
//! the rank cannot tell which. A common set makes every score of a block a mean over the same
//! children.
//!
//! **The rule**, for a group with children `C` (weights `w`), threshold `m = min_present` and
//! aggregation `A`, in each ranking block `B` separately:
//!
//! 1. unit `i` is *eligible* when `nᵢ = |{c ∈ C : xᵢc present}| ≥ m`;
//! 2. the *common set* `S` is `⋂ {c ∈ C : xᵢc present}` over the eligible units `i` of `B`
//!    when that has at least `m` children (empty when no unit of `B` is eligible); every
//!    eligible unit is then scored;
//! 3. otherwise (the eligible units share fewer than `m` children) `S` is the set of at least
//!    `m` children that the most eligible units have in full, provided at least two do: the
//!    largest such set, and among equally large ones the one holding the earliest child (in
//!    the group's order) where they differ. Only the units that have all of `S` are scored;
//!    the other eligible units have no score. (With 11 actors and 5 dimensions one actor with
//!    an odd set — e.g. trade, people and soft power where all others have trade, aid and soft
//!    power — would otherwise leave the whole partner-year unranked.) When no set of `m`
//!    children is shared by two eligible units, `S` is empty and no unit of `B` is scored;
//! 4. each scored unit scores `yᵢ = A(xᵢS, w_S)`: the group's method over the children in
//!    `S`, its weights renormalised over `S` (exactly [`aggregate_into`] over those columns);
//!    a unit that is not scored has `NaN`;
//! 5. the children-present count is `|S|` for a scored unit (the children used), and `nᵢ`
//!    for a unit without a score (so a reader can see why it has none);
//! 6. Copeland compares the scored units of `B` with each other over `S` (the other units
//!    take no part: they tie with everyone).
//!
//! Groups compared this way hold at most 64 children (a spec error otherwise).
//!
//! Which children a unit's score used is kept in [`CommonSets`] and read with
//! [`Scores::used`](crate::score::scores::Scores::used) (or
//! [`LeanScores::used`](crate::score::build::LeanScores::used)).
//!
//! # Examples
//! ```
//! use linkage::score::{build::build, coin::Coin, matrix::Matrix, spec::{Node, Spec}};
//! let fw = Spec::from_toml(r#"
//!     name = "like with like"
//!     normalise = { method = "none" }
//!     [[indicator]]
//!     code = "a"
//!     parent = "top"
//!     [[indicator]]
//!     code = "b"
//!     parent = "top"
//!     [[indicator]]
//!     code = "c"
//!     parent = "top"
//!     [[group]]
//!     code = "top"
//!     min_present = 2
//!     compare = "common"
//! "#, "doc").unwrap().resolve().unwrap();
//! let na = f64::NAN;
//! // X has a, b, c; Y has a, b; Z has only a (1 < 2: not eligible).
//! let raw = Matrix::from_columns(&[[10.0, 40.0, 60.0], [20.0, 50.0, na], [30.0, na, na]]).unwrap();
//! let coin = Coin::new(vec!["X".into(), "Y".into(), "Z".into()], raw).unwrap();
//! let s = build(&fw, &coin).unwrap();
//! // Common set {a, b}: X (10 + 20) / 2 = 15 (not (10 + 20 + 30) / 3 = 20), Y 45, Z none.
//! assert_eq!(s.aggregated.col(0)[..2], [15.0, 45.0]);
//! assert!(s.aggregated.get(2, 0).is_nan());
//! assert_eq!(s.present.col(0), &[2.0, 2.0, 1.0]);
//! assert_eq!(s.used(0, 0), [Node::Indicator(0), Node::Indicator(1)]);
//! assert!(s.used(2, 0).is_empty());
//! ```

#[cfg(test)]
mod tests;

use crate::error::{Error, Result};
use crate::score::aggregate::{Aggregation, aggregate_into, aggregate_row};
use crate::score::matrix::Matrix;
use crate::score::spec::{Comparison, Framework, Node};

/// One group as [`aggregate_common`] reads it: its children are the columns `cols` of
/// `children`, `weights[k]` the weight of `cols[k]`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CommonGroup<'a> {
    /// The group's aggregation.
    pub(crate) method: Aggregation,
    /// Fewest children with a value for a unit to be eligible (≥ 1).
    pub(crate) min_present: usize,
    /// The matrix holding the children's columns.
    pub(crate) children: &'a Matrix,
    /// The children's columns, in the group's order.
    pub(crate) cols: &'a [usize],
    /// The children's weights, in the same order.
    pub(crate) weights: &'a [f64],
}

/// Buffers of [`aggregate_common`], reusable across groups, blocks and runs: once grown to the
/// largest group and block they are not allocated again (the Monte Carlo engine keeps one per
/// workspace).
#[derive(Debug, Clone, Default)]
pub(crate) struct CommonScratch {
    /// Per child: in the block's common set so far.
    common: Vec<bool>,
    /// Columns (in the children's matrix) of the common set.
    idx: Vec<usize>,
    /// Weights of the common set.
    wts: Vec<f64>,
    /// One unit's values over the common set.
    row: Vec<f64>,
    /// `0..|S|`: the common set's columns in a block matrix (Copeland).
    iota: Vec<usize>,
    /// One block's Copeland scores.
    sub: Vec<f64>,
    /// Per block, its units × the common set (Copeland only; made at first use).
    mats: Vec<Matrix>,
    /// One block's units: the children each has, as bits (child `k` at bit `k`).
    masks: Vec<u64>,
    /// Candidate common sets (rule 3).
    candidates: Vec<u64>,
}

impl CommonScratch {
    /// Buffers reserved for groups of up to `width` children and blocks of up to `block`
    /// units.
    pub(crate) fn with_capacity(width: usize, block: usize) -> Self {
        CommonScratch {
            common: Vec::with_capacity(width),
            idx: Vec::with_capacity(width),
            wts: Vec::with_capacity(width),
            row: Vec::with_capacity(width),
            iota: Vec::with_capacity(width),
            sub: Vec::with_capacity(block),
            mats: Vec::new(),
            masks: Vec::with_capacity(block),
            candidates: Vec::new(),
        }
    }
}

/// Aggregate one group by the common-set rule (see the [module docs](self)), block by block:
/// writes every unit of `blocks` in `out` (score or `NaN`) and `count` (children present, see
/// rule 5), and, when `sets` is given (`blocks × children` flags), whether child `k` is in the
/// common set of block `b` at `sets[b · children + k]`. Allocates nothing once `scratch` has
/// grown (Copeland: after its first call with these blocks).
///
/// # Errors
/// A method error of the aggregation (e.g. a geometric mean over a value ≤ 0 in the common
/// set of an eligible unit), naming the unit's row.
pub(crate) fn aggregate_common(
    g: &CommonGroup<'_>,
    blocks: &[Vec<usize>],
    scratch: &mut CommonScratch,
    out: &mut [f64],
    count: &mut [u32],
    mut sets: Option<&mut [bool]>,
) -> Result<()> {
    let nc = g.cols.len();
    let CommonScratch {
        common,
        idx,
        wts,
        row,
        iota,
        sub,
        mats,
        masks,
        candidates,
    } = scratch;
    let min = g.min_present;
    let full = if nc >= 64 { u64::MAX } else { (1u64 << nc) - 1 };
    for (b, members) in blocks.iter().enumerate() {
        // Rules 1-3: eligible units, and the children they are compared on.
        masks.clear();
        let mut all = full;
        let mut eligible = 0usize;
        for &i in members {
            let mut mask = 0u64;
            for (k, &c) in g.cols.iter().enumerate() {
                if !g.children.get(i, c).is_nan() {
                    mask |= 1 << k;
                }
            }
            count[i] = mask.count_ones();
            if mask.count_ones() as usize >= min {
                eligible += 1;
                all &= mask;
            }
            masks.push(mask);
        }
        let set = if eligible == 0 {
            0
        } else if all.count_ones() as usize >= min {
            all
        } else {
            best_shared_set(masks, min, candidates)
        };
        // A unit is scored when it is eligible and has every child of the set.
        let scored = |mask: u64| set != 0 && mask & set == set && mask.count_ones() as usize >= min;
        common.clear();
        common.extend((0..nc).map(|k| set & (1 << k) != 0));
        if let Some(s) = sets.as_deref_mut() {
            s[b * nc..(b + 1) * nc].copy_from_slice(common);
        }
        idx.clear();
        wts.clear();
        for ((&f, &c), &w) in common.iter().zip(g.cols).zip(g.weights) {
            if f {
                idx.push(c);
                wts.push(w);
            }
        }
        let n_common = idx.len();
        // No set (no eligible unit, or none shared by two): no score in the block.
        if set == 0 {
            for &i in members {
                out[i] = f64::NAN;
            }
            continue;
        }
        // Rules 4, 5 and 6.
        if g.method == Aggregation::Copeland {
            if mats.len() != blocks.len() {
                *mats = vec![Matrix::new(0, 0); blocks.len()];
            }
            let m = &mut mats[b];
            if m.rows() != members.len() || m.cols() < n_common {
                *m = Matrix::new(members.len(), nc);
            }
            for (q, &c) in idx.iter().enumerate() {
                let src = g.children.col(c);
                for ((d, &i), &mask) in m.col_mut(q).iter_mut().zip(members).zip(masks.iter()) {
                    *d = if scored(mask) { src[i] } else { f64::NAN };
                }
            }
            iota.clear();
            iota.extend(0..n_common);
            sub.clear();
            sub.resize(members.len(), 0.0);
            aggregate_into(Aggregation::Copeland, m, iota, wts, sub)?;
            for ((&v, &i), &mask) in sub.iter().zip(members).zip(masks.iter()) {
                if scored(mask) {
                    out[i] = v;
                    count[i] = n_common as u32;
                } else {
                    out[i] = f64::NAN;
                }
            }
        } else {
            for (&i, &mask) in members.iter().zip(masks.iter()) {
                if !scored(mask) {
                    out[i] = f64::NAN;
                    continue;
                }
                row.clear();
                row.extend(idx.iter().map(|&c| g.children.get(i, c)));
                out[i] = aggregate_row(g.method, row, wts).map_err(|e| at_unit(e, i))?;
                count[i] = n_common as u32;
            }
        }
    }
    Ok(())
}

/// Rule 3: among the sets of at least `min` children, the one the most eligible units (bits
/// of `masks` with at least `min` set) have in full — at least two of them — then the largest,
/// then the one holding the earliest child where two differ; 0 when no set is shared by two.
///
/// The best set is the intersection of the units it covers (adding the children they all have
/// keeps the cover), so only intersections of units' sets are candidates: the eligible sets
/// and, repeatedly, their intersections with each other (at most 4,096 candidates; a block
/// with more distinct intersections keeps the best among the first 4,096, deterministically).
fn best_shared_set(masks: &[u64], min: usize, candidates: &mut Vec<u64>) -> u64 {
    const MAX_CANDIDATES: usize = 4096;
    let ok = |m: u64| m.count_ones() as usize >= min;
    candidates.clear();
    for &m in masks.iter().filter(|&&m| ok(m)) {
        if !candidates.contains(&m) {
            candidates.push(m);
        }
    }
    let distinct = candidates.len();
    let mut next = 0;
    while next < candidates.len() && candidates.len() < MAX_CANDIDATES {
        let c = candidates[next];
        for k in 0..distinct {
            let m = c & candidates[k];
            if ok(m) && !candidates.contains(&m) && candidates.len() < MAX_CANDIDATES {
                candidates.push(m);
            }
        }
        next += 1;
    }
    let cover = |set: u64| masks.iter().filter(|&&m| ok(m) && m & set == set).count();
    let mut best = (0u64, 0usize);
    for &c in candidates.iter() {
        let n = cover(c);
        if n < 2 {
            continue;
        }
        let better = match n.cmp(&best.1) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => match c.count_ones().cmp(&best.0.count_ones()) {
                std::cmp::Ordering::Greater => true,
                std::cmp::Ordering::Less => false,
                // The set holding the earliest child where the two differ.
                std::cmp::Ordering::Equal => {
                    let d = c ^ best.0;
                    d != 0 && c & (d & d.wrapping_neg()) != 0
                }
            },
        };
        if better {
            best = (c, n);
        }
    }
    best.0
}

/// A method error of one unit's row, worded as [`aggregate_into`] words it (`unit 3: …`).
fn at_unit(e: Error, i: usize) -> Error {
    match e {
        Error::Method { method, reason } => Error::Method {
            method,
            reason: format!("unit {i}: {reason}"),
        },
        other => other,
    }
}

/// Which children every group score of a run used: for each group compared on a common set
/// ([`Comparison::Common`]), the common set of every ranking block; for the others, nothing
/// more than the scores themselves (a unit's score used the children it has). Kept by
/// [`Scores`](crate::score::scores::Scores) and
/// [`LeanScores`](crate::score::build::LeanScores), read with their `used` methods, or here
/// with [`CommonSets::common`]. Memory: one block index per unit and one flag per block and
/// child of a Common group, nothing when no group is Common.
///
/// # Examples
/// ```
/// use linkage::score::{build::build, coin::Coin, matrix::Matrix, spec::{Node, Spec}};
/// let fw = Spec::from_toml(r#"
///     name = "t"
///     [[indicator]]
///     code = "a"
///     parent = "top"
///     [[indicator]]
///     code = "b"
///     parent = "top"
///     [[group]]
///     code = "top"
///     compare = "common"
/// "#, "doc").unwrap().resolve().unwrap();
/// // Two ranking blocks: {X, Y} and {Z}. Y lacks b, so block 0 is compared on a alone.
/// let raw = Matrix::from_columns(&[[1.0, 2.0, 3.0], [4.0, f64::NAN, 6.0]]).unwrap();
/// let mut coin = Coin::new(vec!["X".into(), "Y".into(), "Z".into()], raw).unwrap();
/// coin.rank_block = vec![0, 0, 1];
/// let s = build(&fw, &coin).unwrap();
/// assert!(s.common.is_common(0));
/// assert_eq!(s.common.common(0, 0), Some(vec![Node::Indicator(0)]));
/// assert_eq!(s.common.common(2, 0), Some(vec![Node::Indicator(0), Node::Indicator(1)]));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CommonSets {
    /// Per unit, the index of its ranking block (in block order); empty when no group is
    /// Common.
    block: Vec<u32>,
    /// Per group, its children.
    children: Vec<Vec<Node>>,
    /// Per group: for a Common group, `blocks × children` flags (child `k` in the common set of
    /// block `b` at `b · children + k`); `None` for an Own group.
    sets: Vec<Option<Vec<bool>>>,
}

impl CommonSets {
    /// Room for the common sets of `fw`'s Common groups over the ranking `blocks` of `units`
    /// units (every flag false until [`aggregate_common`] writes it).
    pub(crate) fn new(fw: &Framework, blocks: &[Vec<usize>], units: usize) -> CommonSets {
        let any = fw
            .groups()
            .iter()
            .any(|g| g.comparison() == Comparison::Common);
        let mut block = Vec::new();
        if any {
            block = vec![0; units];
            for (b, members) in blocks.iter().enumerate() {
                for &i in members {
                    block[i] = b as u32;
                }
            }
        }
        CommonSets {
            block,
            children: fw.groups().iter().map(|g| g.children().to_vec()).collect(),
            sets: fw
                .groups()
                .iter()
                .map(|g| {
                    (g.comparison() == Comparison::Common)
                        .then(|| vec![false; blocks.len() * g.children().len()])
                })
                .collect(),
        }
    }

    /// The flags of group `g`, for [`aggregate_common`]; `None` for an Own group.
    pub(crate) fn flags_mut(&mut self, g: usize) -> Option<&mut [bool]> {
        self.sets.get_mut(g)?.as_deref_mut()
    }

    /// Whether group `group` (index into [`Framework::groups`]) is compared on a common set.
    ///
    /// # Examples
    /// ```
    /// use linkage::score::{build::build, coinr::{read, IndexOptions}};
    /// let dir = linkage::default_data_dir().join("asem");
    /// let d = read(&dir.join("ASEM_iData.csv"), &dir.join("ASEM_iMeta.csv")).unwrap();
    /// let s = build(&d.framework(&IndexOptions::default()).unwrap(), &d.coin).unwrap();
    /// assert!(!s.common.is_common(0)); // COINr frameworks compare each unit on its own
    /// ```
    pub fn is_common(&self, group: usize) -> bool {
        matches!(self.sets.get(group), Some(Some(_)))
    }

    /// The common set of group `group` in the ranking block of the unit in row `unit`, in the
    /// group's child order; `None` for a group that is not Common. The set is that of the block
    /// whether or not this unit has a score (empty when none is formed: no unit of the block is
    /// eligible, or no set of `min_present` children is shared by two).
    ///
    /// # Examples
    /// ```
    /// use linkage::score::{build::build, coin::Coin, matrix::Matrix, spec::{Node, Spec}};
    /// let fw = Spec::from_toml("name = 't'\nnormalise = { method = 'none' }\n\
    ///     [[indicator]]\ncode = 'a'\nparent = 'top'\n\
    ///     [[indicator]]\ncode = 'b'\nparent = 'top'\n[[group]]\ncode = 'top'\n\
    ///     compare = 'common'", "doc").unwrap().resolve().unwrap();
    /// let raw = Matrix::from_columns(&[[1.0, 2.0], [f64::NAN, 5.0]]).unwrap();
    /// let s = build(&fw, &Coin::new(vec!["X".into(), "Y".into()], raw).unwrap()).unwrap();
    /// // b is missing for X, so both are scored on a only: Y 2, not (2 + 5) / 2
    /// assert_eq!(s.common.common(1, 0), Some(vec![Node::Indicator(0)]));
    /// assert_eq!(s.aggregated.col(0), &[1.0, 2.0]);
    /// ```
    pub fn common(&self, unit: usize, group: usize) -> Option<Vec<Node>> {
        let flags = self.sets.get(group)?.as_ref()?;
        let children = &self.children[group];
        let b = self.block[unit] as usize;
        let row = &flags[b * children.len()..(b + 1) * children.len()];
        Some(
            children
                .iter()
                .zip(row)
                .filter_map(|(&n, &f)| f.then_some(n))
                .collect(),
        )
    }

    /// The children behind the score of group `group` for the unit in row `unit`: empty when
    /// the score is missing; for a Common group its block's common set; otherwise the children
    /// with a value (`normalised` and `aggregated` are the run's matrices).
    pub(crate) fn used(
        &self,
        unit: usize,
        group: usize,
        normalised: &Matrix,
        aggregated: &Matrix,
    ) -> Vec<Node> {
        if aggregated.get(unit, group).is_nan() {
            return Vec::new();
        }
        if let Some(set) = self.common(unit, group) {
            return set;
        }
        self.children[group]
            .iter()
            .copied()
            .filter(|&n| {
                let v = match n {
                    Node::Indicator(j) => normalised.get(unit, j),
                    Node::Group(h) => aggregated.get(unit, h),
                };
                !v.is_nan()
            })
            .collect()
    }
}
