//! The scoring pipeline: denominate → impute → treat → normalise → aggregate → rank, keeping
//! every stage (COINr's `Denominate`, `Impute`, `Treat`, `Normalise`, `Aggregate`,
//! `get_results`).
//!
//! Order and rules follow COINr 1.1.x and the JRC/OECD Handbook (2008):
//! 1. **Denominate**: `x / d` for indicators with a denominator.
//! 2. **Impute** (optional): mean/median within the normalisation block, group mean/median
//!    within a unit group and block, or latest value / linear interpolation along each
//!    entity's time series. Only raw-missing cells are filled; the count is kept.
//! 3. **Treat** (optional): COINr's default outlier treatment per indicator and block, on the
//!    values before the direction is applied (as COINr does).
//! 4. **Normalise**: per indicator and block, direction first (`x·d`), then the method.
//! 5. **Aggregate** up the hierarchy, bottom-up: each group's method over its children with
//!    weights renormalised over the children present; below the group's `min_present` the
//!    score is missing. Copeland compares units within a normalisation block. A group with
//!    `compare = "common"` ([`Comparison::Common`]) instead compares like with like within
//!    each *ranking* block: the units with at least `min_present` children (eligible) are
//!    aggregated over the children every eligible unit of the block has (the common set; the
//!    weights renormalised over it), the others get no score, and when the common set has
//!    fewer than `min_present` children no unit of the block gets one; its children-present
//!    count is the common set's size for a unit with a score (Copeland: the eligible units
//!    compared within the ranking block). See [`crate::score::common`].
//! 6. **Rank** every indicator and aggregate within each ranking block: 1 = highest, ties share
//!    the smallest rank, missing stays missing.

use crate::error::{Error, Result};
use crate::score::aggregate::{Aggregation, aggregate_into};
use crate::score::coin::Coin;
use crate::score::common::{CommonGroup, CommonScratch, CommonSets, aggregate_common};
use crate::score::impute;
use crate::score::matrix::Matrix;
use crate::score::normalise::normalise_into_with;
use crate::score::rank::{RankOrder, min_rank_by_block};
pub use crate::score::scores::{Scores, ScoresTable, Stage, StageTable, TreatmentRecord};
use crate::score::spec::{Comparison, Framework, ImputeSpec, Node, NormaliseSpec};
use crate::score::treat::treat_into;

/// Run the whole pipeline.
///
/// # Errors
/// [`Error::Spec`] when the coin does not fit the framework; [`Error::In`] wrapping a method
/// error with the indicator or aggregate code (e.g. a geometric mean over a zero).
///
/// # Examples
/// ```
/// use linkage::score::{build::build, coin::Coin, matrix::Matrix, spec::Spec};
/// let fw = Spec::from_toml(r#"
///     name = "tiny"
///     [[indicator]]
///     code = "a"
///     parent = "top"
///     [[indicator]]
///     code = "b"
///     parent = "top"
///     [[group]]
///     code = "top"
/// "#, "doc").unwrap().resolve().unwrap();
/// // Three units. a: 1, 2, 4 → min-max 0, 33.3, 100; b: 10, 30, 20 → 0, 100, 50.
/// let raw = Matrix::from_columns(&[[1.0, 2.0, 4.0], [10.0, 30.0, 20.0]]).unwrap();
/// let coin = Coin::new(vec!["X".into(), "Y".into(), "Z".into()], raw).unwrap();
/// let s = build(&fw, &coin).unwrap();
/// // top = mean: X 0, Y 66.7, Z 75 → ranks 3, 2, 1
/// assert_eq!(s.ranks.col(2), &[3.0, 2.0, 1.0]);
/// ```
pub fn build(fw: &Framework, coin: &Coin) -> Result<Scores> {
    coin.check(fw)?;
    let blocks = Coin::block_members(&coin.norm_block);
    let mut denominated = coin.raw.clone();
    denominate(fw, coin, &mut denominated);
    let mut imputed = denominated.clone();
    let imputed_cells = impute_all(fw, coin, &blocks, &mut imputed)?;
    let mut treated = imputed.clone();
    let treatments = treat_all(fw, coin, &blocks, &mut treated)?;
    let mut normalised = treated.clone();
    normalise_in_place(fw, coin, &blocks, &mut normalised)?;
    let rank_blocks = Coin::block_members(&coin.rank_block);
    let (aggregated, present, common) = aggregate_new(fw, &blocks, &rank_blocks, &normalised)?;

    // 6. Rank within ranking blocks: every indicator, then every aggregate.
    let k = fw.indicators().len();
    let mut ranks = Matrix::new(coin.len(), k + fw.groups().len());
    let mut scratch = Vec::new();
    let mut buf = Vec::new();
    for c in 0..k + fw.groups().len() {
        let col = if c < k {
            normalised.col(c)
        } else {
            aggregated.col(c - k)
        };
        min_rank_by_block(
            col,
            &rank_blocks,
            RankOrder::HighestFirst,
            ranks.col_mut(c),
            &mut buf,
            &mut scratch,
        );
    }

    Ok(Scores {
        framework: fw.clone(),
        raw: coin.raw.clone(),
        denominated,
        imputed,
        imputed_cells,
        treated,
        treatments,
        normalised,
        aggregated,
        present,
        common,
        ranks,
    })
}

/// The scores of a run that keeps no intermediate stage (see [`build_lean`]).
#[derive(Debug, Clone)]
pub struct LeanScores {
    /// Normalised indicators, units × [`Framework::indicators`](crate::score::spec::Framework::indicators).
    pub normalised: Matrix,
    /// Aggregate scores, units × [`Framework::groups`](crate::score::spec::Framework::groups).
    pub aggregated: Matrix,
    /// Number of children with a value behind each aggregate score (for a group compared on
    /// a common set: the common set's size where the unit has a score).
    pub present: Matrix,
    /// The common sets of the groups with `compare = "common"`, per ranking block (see
    /// [`LeanScores::used`]).
    pub common: CommonSets,
    /// Cells filled by imputation, per indicator.
    pub imputed_cells: Vec<usize>,
    /// What the treatment did (indicators that were changed only).
    pub treatments: Vec<TreatmentRecord>,
}

impl LeanScores {
    /// The children behind the score of group `group` (index into
    /// [`Framework::groups`](crate::score::spec::Framework::groups)) for the unit in row
    /// `unit`, in the group's child order: as [`Scores::used`] — the children with a value,
    /// or for a group with `compare = "common"` its ranking block's common set; empty when the
    /// score is missing.
    ///
    /// # Examples
    /// ```
    /// use linkage::score::{build::build_lean, coin::Coin, matrix::Matrix, spec::{Node, Spec}};
    /// let fw = Spec::from_toml("name = 't'\n[[indicator]]\ncode = 'a'\nparent = 'top'\n\
    ///     [[indicator]]\ncode = 'b'\nparent = 'top'\n[[group]]\ncode = 'top'", "doc")
    ///     .unwrap().resolve().unwrap();
    /// let raw = Matrix::from_columns(&[[1.0, 2.0, 3.0], [4.0, f64::NAN, 6.0]]).unwrap();
    /// let mut coin = Coin::new(vec!["X".into(), "Y".into(), "Z".into()], raw).unwrap();
    /// let lean = build_lean(&fw, &mut coin).unwrap();
    /// // `compare` is "own": each unit used the children it has
    /// assert_eq!(lean.used(0, 0), [Node::Indicator(0), Node::Indicator(1)]);
    /// assert_eq!(lean.used(1, 0), [Node::Indicator(0)]);
    /// ```
    pub fn used(&self, unit: usize, group: usize) -> Vec<Node> {
        self.common
            .used(unit, group, &self.normalised, &self.aggregated)
    }
}

/// Run the whole pipeline as [`build`] does, but in place and without ranks, for panels too
/// large to keep every stage: the raw matrix is taken out of the coin (which is left with an
/// empty 0 × 0 matrix; its units and blocks stay) and becomes the normalised matrix. Peak
/// memory is one units × indicators matrix plus the aggregates (and, for a group with
/// `compare = "common"`, one block index per unit), against seven such matrices for
/// [`build`]. Ranks are left to the caller (e.g. per ranking block while writing).
///
/// The scores are those of [`build`], bit for bit.
///
/// # Errors
/// As [`build`].
///
/// # Examples
/// ```
/// use linkage::score::{build::{build, build_lean}, coinr::{read, IndexOptions}};
/// let dir = linkage::default_data_dir().join("asem");
/// let d = read(&dir.join("ASEM_iData.csv"), &dir.join("ASEM_iMeta.csv")).unwrap();
/// let fw = d.framework(&IndexOptions::default()).unwrap();
/// let full = build(&fw, &d.coin).unwrap();
/// let mut coin = d.coin.clone();
/// let lean = build_lean(&fw, &mut coin).unwrap();
/// assert_eq!(lean.aggregated, full.aggregated);
/// assert_eq!(coin.raw.rows(), 0);
/// ```
pub fn build_lean(fw: &Framework, coin: &mut Coin) -> Result<LeanScores> {
    coin.check(fw)?;
    let blocks = Coin::block_members(&coin.norm_block);
    let mut m = std::mem::replace(&mut coin.raw, Matrix::new(0, 0));
    denominate(fw, coin, &mut m);
    let imputed_cells = impute_all(fw, coin, &blocks, &mut m)?;
    let treatments = treat_all(fw, coin, &blocks, &mut m)?;
    normalise_in_place(fw, coin, &blocks, &mut m)?;
    // Ranking blocks are read only by groups compared on a common set.
    let rank_blocks = if fw
        .groups()
        .iter()
        .any(|g| g.comparison() == Comparison::Common)
    {
        Coin::block_members(&coin.rank_block)
    } else {
        Vec::new()
    };
    let (aggregated, present, common) = aggregate_new(fw, &blocks, &rank_blocks, &m)?;
    Ok(LeanScores {
        normalised: m,
        aggregated,
        present,
        common,
        imputed_cells,
        treatments,
    })
}

/// 1. Denominate: `x / d` where the indicator has a denominator (missing where `d` is zero or
///    missing).
fn denominate(fw: &Framework, coin: &Coin, m: &mut Matrix) {
    for (j, ind) in fw.indicators().iter().enumerate() {
        if let Some(d) = ind.denominator().and_then(|d| coin.denominators.get(d)) {
            for (x, &den) in m.col_mut(j).iter_mut().zip(d) {
                *x = if den.is_finite() && den != 0.0 {
                    *x / den
                } else {
                    f64::NAN
                };
            }
        }
    }
}

/// 2. Impute every indicator (when the framework asks for it); cells filled per indicator.
fn impute_all(
    fw: &Framework,
    coin: &Coin,
    blocks: &[Vec<usize>],
    m: &mut Matrix,
) -> Result<Vec<usize>> {
    let mut filled = vec![0; fw.indicators().len()];
    if let Some(method) = &fw.impute() {
        for (j, ind) in fw.indicators().iter().enumerate() {
            filled[j] = impute_column(method, coin, blocks, m.col_mut(j))
                .map_err(|e| e.within(ind.code()))?;
        }
    }
    Ok(filled)
}

/// 3. Treat the indicators whose resolved settings ask for it, block by block.
fn treat_all(
    fw: &Framework,
    coin: &Coin,
    blocks: &[Vec<usize>],
    m: &mut Matrix,
) -> Result<Vec<TreatmentRecord>> {
    let mut treatments = Vec::new();
    let mut buf_in = Vec::new();
    let mut buf_out = Vec::new();
    for (j, ind) in fw.indicators().iter().enumerate() {
        let Some(settings) = ind.treat() else {
            continue;
        };
        let spec = settings.to_kernel();
        for members in blocks {
            gather(m.col(j), members, &mut buf_in);
            buf_out.resize(buf_in.len(), 0.0);
            let t = treat_into(&buf_in, &spec, &mut buf_out).map_err(|e| e.within(ind.code()))?;
            scatter(&buf_out, members, m.col_mut(j));
            if t.changed() {
                treatments.push(TreatmentRecord {
                    indicator: j,
                    block: coin.norm_block[members[0]],
                    treatment: t,
                });
            }
        }
    }
    Ok(treatments)
}

/// 5. Aggregate into new units × groups matrices (scores, children present), with the common
///    sets.
fn aggregate_new(
    fw: &Framework,
    blocks: &[Vec<usize>],
    rank_blocks: &[Vec<usize>],
    normalised: &Matrix,
) -> Result<(Matrix, Matrix, CommonSets)> {
    let mut aggregated = Matrix::new(normalised.rows(), fw.groups().len());
    let mut present = Matrix::new(normalised.rows(), fw.groups().len());
    let common = aggregate_all(
        fw,
        blocks,
        rank_blocks,
        normalised,
        &mut aggregated,
        &mut present,
    )?;
    Ok((aggregated, present, common))
}

fn gather(col: &[f64], members: &[usize], buf: &mut Vec<f64>) {
    buf.clear();
    buf.extend(members.iter().map(|&i| col[i]));
}

fn scatter(buf: &[f64], members: &[usize], col: &mut [f64]) {
    for (&v, &i) in buf.iter().zip(members) {
        col[i] = v;
    }
}

fn impute_column(
    method: &ImputeSpec,
    coin: &Coin,
    blocks: &[Vec<usize>],
    col: &mut [f64],
) -> Result<usize> {
    let mut filled = 0;
    match method {
        ImputeSpec::Mean
        | ImputeSpec::Median
        | ImputeSpec::GroupMean { .. }
        | ImputeSpec::GroupMedian { .. } => {
            let mut buf = Vec::new();
            for members in blocks {
                gather(col, members, &mut buf);
                if buf.iter().all(|v| v.is_nan()) {
                    // Nothing to impute from in this block: leave it missing.
                    continue;
                }
                filled += match method {
                    ImputeSpec::Mean => impute::impute_mean(&mut buf)?,
                    ImputeSpec::Median => impute::impute_median(&mut buf)?,
                    ImputeSpec::GroupMean { group } | ImputeSpec::GroupMedian { group } => {
                        let labels = &coin.unit_groups[group];
                        let mut ids: Vec<&str> = Vec::new();
                        let groups: Vec<usize> = members
                            .iter()
                            .map(|&i| {
                                let l = labels[i].as_str();
                                ids.iter().position(|&x| x == l).unwrap_or_else(|| {
                                    ids.push(l);
                                    ids.len() - 1
                                })
                            })
                            .collect();
                        if matches!(method, ImputeSpec::GroupMean { .. }) {
                            impute::impute_group_mean(&mut buf, &groups)?
                        } else {
                            impute::impute_group_median(&mut buf, &groups)?
                        }
                    }
                    _ => 0,
                };
                scatter(&buf, members, col);
            }
        }
        ImputeSpec::Latest | ImputeSpec::Linear => {
            let Some((entity, time)) = &coin.series else {
                return Err(Error::Method {
                    method: "imputation",
                    reason:
                        "latest-value and linear imputation need a panel (entity and time per unit)"
                            .into(),
                });
            };
            // Each entity's units in time order.
            let mut order: Vec<usize> = (0..col.len()).collect();
            order.sort_by_key(|&i| (entity[i], time[i]));
            let mut start = 0;
            let mut buf = Vec::new();
            let mut times = Vec::new();
            while start < order.len() {
                let e = entity[order[start]];
                let end = order[start..]
                    .iter()
                    .position(|&i| entity[i] != e)
                    .map_or(order.len(), |p| start + p);
                let members = &order[start..end];
                gather(col, members, &mut buf);
                filled += if matches!(method, ImputeSpec::Latest) {
                    // Consecutive entries are consecutive observed units; gaps in time are
                    // not rows, so "latest" carries the previous row's value.
                    impute::impute_latest(&mut buf, None)
                } else {
                    times.clear();
                    times.extend(members.iter().map(|&i| f64::from(time[i])));
                    impute::impute_linear(&times, &mut buf)?
                };
                scatter(&buf, members, col);
                start = end;
            }
        }
    }
    Ok(filled)
}

/// Normalise every indicator within its blocks, into a new matrix.
///
/// # Errors
/// A method error wrapped with the indicator code; a distance-to-reference unit not found.
pub fn normalise_all(
    fw: &Framework,
    coin: &Coin,
    blocks: &[Vec<usize>],
    treated: &Matrix,
) -> Result<Matrix> {
    let mut normalised = treated.clone();
    normalise_in_place(fw, coin, blocks, &mut normalised)?;
    Ok(normalised)
}

/// 4. Normalise every indicator within its blocks, in place: direction first, then the method.
///
/// # Errors
/// As [`normalise_all`].
pub fn normalise_in_place(
    fw: &Framework,
    coin: &Coin,
    blocks: &[Vec<usize>],
    m: &mut Matrix,
) -> Result<()> {
    let mut scratch = Vec::new();
    let mut buf_in = Vec::new();
    let mut buf_out = Vec::new();
    for (j, ind) in fw.indicators().iter().enumerate() {
        for members in blocks {
            let reference = match &ind.normalise() {
                NormaliseSpec::Dist2ref { reference, .. } => members
                    .iter()
                    .position(|&i| coin.units[i] == *reference)
                    .ok_or_else(|| {
                        Error::Method {
                            method: "distance to reference",
                            reason: format!("reference unit `{reference}` is not in the data"),
                        }
                        .within(ind.code())
                    })?,
                _ => 0,
            };
            let method = ind.normalise().to_kernel(reference);
            gather(m.col(j), members, &mut buf_in);
            buf_out.resize(buf_in.len(), 0.0);
            normalise_into_with(
                method,
                &buf_in,
                ind.direction().sign(),
                ind.target(),
                &mut buf_out,
                &mut scratch,
            )
            .map_err(|e| e.within(ind.code()))?;
            scatter(&buf_out, members, m.col_mut(j));
        }
    }
    Ok(())
}

/// Aggregate every group bottom-up from normalised indicators, with the framework's weights
/// (step 5 of the [pipeline](self)).
///
/// `aggregated` and `present` must be units × groups. `blocks` are the normalisation blocks
/// (within which an Own Copeland group compares units), `rank_blocks` the ranking blocks
/// (within which a group with `compare = "common"` forms its common set); each lists unit
/// rows, every unit in exactly one block (`rank_blocks` is read only by Common groups: it may
/// be empty when the framework has none). Returns the common sets (see
/// [`Scores::used`](crate::score::scores::Scores::used)).
///
/// # Errors
/// A method error wrapped with the group code (e.g. geometric mean over a value ≤ 0).
///
/// # Examples
/// ```
/// use linkage::score::{build::aggregate_all, matrix::Matrix, spec::Spec};
/// let fw = Spec::from_toml("name = 't'\n[[indicator]]\ncode = 'a'\nparent = 'top'\n\
///     [[indicator]]\ncode = 'b'\nparent = 'top'\n[[group]]\ncode = 'top'\n\
///     compare = 'common'", "doc").unwrap().resolve().unwrap();
/// // Units 0 and 1 ranked together, unit 2 alone; unit 1 lacks b.
/// let normalised = Matrix::from_columns(&[[10.0, 20.0, 30.0], [50.0, f64::NAN, 70.0]]).unwrap();
/// let (mut aggregated, mut present) = (Matrix::new(3, 1), Matrix::new(3, 1));
/// let one_block = vec![vec![0, 1, 2]];
/// let rank_blocks = vec![vec![0, 1], vec![2]];
/// aggregate_all(&fw, &one_block, &rank_blocks, &normalised, &mut aggregated, &mut present)
///     .unwrap();
/// // Block {0, 1} on a alone: 10, 20; block {2} on a and b: (30 + 70) / 2 = 50.
/// assert_eq!(aggregated.col(0), &[10.0, 20.0, 50.0]);
/// assert_eq!(present.col(0), &[1.0, 1.0, 2.0]);
/// ```
pub fn aggregate_all(
    fw: &Framework,
    blocks: &[Vec<usize>],
    rank_blocks: &[Vec<usize>],
    normalised: &Matrix,
    aggregated: &mut Matrix,
    present: &mut Matrix,
) -> Result<CommonSets> {
    let weights: Vec<&[f64]> = fw.groups().iter().map(|g| g.child_weights()).collect();
    aggregate_with_weights(
        fw,
        &weights,
        blocks,
        rank_blocks,
        normalised,
        aggregated,
        present,
    )
}

/// As [`aggregate_all`] with other child weights per group (same shapes as the framework's).
///
/// # Errors
/// As [`aggregate_all`].
///
/// # Examples
/// ```
/// use linkage::score::{build::aggregate_with_weights, matrix::Matrix, spec::Spec};
/// let fw = Spec::from_toml("name = 't'\n[[indicator]]\ncode = 'a'\nparent = 'top'\n\
///     [[indicator]]\ncode = 'b'\nparent = 'top'\n[[group]]\ncode = 'top'", "doc")
///     .unwrap().resolve().unwrap();
/// let normalised = Matrix::from_columns(&[[10.0], [40.0]]).unwrap();
/// let (mut aggregated, mut present) = (Matrix::new(1, 1), Matrix::new(1, 1));
/// let blocks = vec![vec![0]];
/// // weights 1 and 3: (1·10 + 3·40) / 4 = 32.5
/// let w: &[f64] = &[1.0, 3.0];
/// aggregate_with_weights(&fw, &[w], &blocks, &blocks, &normalised, &mut aggregated, &mut present)
///     .unwrap();
/// assert_eq!(aggregated.get(0, 0), 32.5);
/// ```
pub fn aggregate_with_weights(
    fw: &Framework,
    weights: &[&[f64]],
    blocks: &[Vec<usize>],
    rank_blocks: &[Vec<usize>],
    normalised: &Matrix,
    aggregated: &mut Matrix,
    present: &mut Matrix,
) -> Result<CommonSets> {
    let n = normalised.rows();
    let mut out = vec![0.0; n];
    let mut sub = Vec::new();
    let mut sets = CommonSets::new(fw, rank_blocks, n);
    let mut scratch = CommonScratch::default();
    let mut count: Vec<u32> = Vec::new();
    for (g, group) in fw.groups().iter().enumerate() {
        // Children are all indicators or all groups (every indicator sits at the same level);
        // a mix is copied into one matrix.
        let (mut ind_cols, mut grp_cols) = (Vec::new(), Vec::new());
        for child in group.children() {
            match *child {
                Node::Indicator(i) => ind_cols.push(i),
                Node::Group(h) => grp_cols.push(h),
            }
        }
        let mixed;
        let (children, cols): (&Matrix, Vec<usize>) = if grp_cols.is_empty() {
            (normalised, ind_cols)
        } else if ind_cols.is_empty() {
            (&*aggregated, grp_cols)
        } else {
            let columns: Vec<&[f64]> = group
                .children()
                .iter()
                .map(|c| match *c {
                    Node::Indicator(i) => normalised.col(i),
                    Node::Group(h) => aggregated.col(h),
                })
                .collect();
            mixed = Matrix::from_columns(&columns)?;
            (&mixed, (0..group.children().len()).collect())
        };
        let w = weights[g];
        if group.comparison() == Comparison::Common {
            count.resize(n, 0);
            let rule = CommonGroup {
                method: group.aggregation(),
                min_present: group.min_present(),
                children,
                cols: &cols,
                weights: w,
            };
            aggregate_common(
                &rule,
                rank_blocks,
                &mut scratch,
                &mut out,
                &mut count,
                sets.flags_mut(g),
            )
            .map_err(|e| e.within(group.code()))?;
            for (p, &c) in present.col_mut(g).iter_mut().zip(&count) {
                *p = f64::from(c);
            }
            aggregated.col_mut(g).copy_from_slice(&out);
            continue;
        }
        if group.aggregation() == Aggregation::Copeland && blocks.len() > 1 {
            // Copeland compares units with each other: only within a block.
            for members in blocks {
                let cols_data: Vec<Vec<f64>> = cols
                    .iter()
                    .map(|&c| members.iter().map(|&i| children.get(i, c)).collect())
                    .collect();
                let m = Matrix::from_columns(&cols_data)?;
                sub.resize(members.len(), 0.0);
                let idx: Vec<usize> = (0..cols.len()).collect();
                aggregate_into(group.aggregation(), &m, &idx, w, &mut sub)
                    .map_err(|e| e.within(group.code()))?;
                scatter(&sub, members, &mut out);
            }
        } else {
            aggregate_into(group.aggregation(), children, &cols, w, &mut out)
                .map_err(|e| e.within(group.code()))?;
        }
        let pres = present.col_mut(g);
        for (i, p) in pres.iter_mut().enumerate() {
            *p = cols
                .iter()
                .filter(|&&c| !children.get(i, c).is_nan())
                .count() as f64;
            if (*p as usize) < group.min_present() {
                out[i] = f64::NAN;
            }
        }
        aggregated.col_mut(g).copy_from_slice(&out);
    }
    Ok(sets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::coinr::{IndexOptions, read};
    use crate::score::spec::ImputeSpec;

    /// The lean run gives the full run's scores bit for bit with every stage switched on:
    /// denomination, imputation (group mean), outlier treatment.
    #[test]
    fn the_lean_run_matches_the_full_run_with_every_stage() {
        let dir = crate::default_data_dir().join("asem");
        let d = read(&dir.join("ASEM_iData.csv"), &dir.join("ASEM_iMeta.csv")).unwrap();
        let options = IndexOptions {
            treat: true,
            denominate: true,
            ..IndexOptions::default()
        };
        let fw = d.framework(&options).unwrap();
        let group = d.coin.unit_groups.keys().next().unwrap().clone();
        let fw = fw.with_impute(Some(ImputeSpec::GroupMean { group }));
        let full = build(&fw, &d.coin).unwrap();
        assert!(full.imputed_cells.iter().sum::<usize>() > 0);
        assert!(!full.treatments.is_empty());
        let mut coin = d.coin.clone();
        let lean = build_lean(&fw, &mut coin).unwrap();
        let same = |a: &Matrix, b: &Matrix| {
            a.as_slice()
                .iter()
                .zip(b.as_slice())
                .all(|(x, y)| x.to_bits() == y.to_bits())
        };
        assert!(same(&lean.normalised, &full.normalised));
        assert!(same(&lean.aggregated, &full.aggregated));
        assert!(same(&lean.present, &full.present));
        assert_eq!(lean.imputed_cells, full.imputed_cells);
        assert_eq!(lean.treatments, full.treatments);
    }
}
