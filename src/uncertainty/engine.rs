//! The replication engine: everything that does not change between runs is computed once,
//! and a replication only re-weights, re-aggregates and re-ranks.
//!
//! **Precomputed** ([`Engine::new`]): for every combination of imputation and normalisation
//! alternative, the normalised indicator matrix, by the scoring pipeline itself
//! ([`crate::score::build::build`]: denominate → impute → treat → normalise), restricted to
//! the units of interest and floored if asked; each group's children as columns of one
//! working matrix (indicators, then groups); nominal weights and aggregations; normalisation
//! blocks (for Copeland) and ranking blocks.
//!
//! **One replication** ([`Engine::replicate`]): decode the point `x ∈ [0, 1)ᴰ` into weights,
//! aggregations, the normalised matrix and the excluded indicator (writing into a
//! [`Workspace`]); aggregate bottom-up with [`crate::score::aggregate::aggregate_into`] exactly
//! as `build` does (weights renormalised over the children present, `min_present`; a group
//! with `compare = "common"` by [`crate::score::common`]'s rule, within the ranking blocks);
//! rank the top level within the ranking blocks with
//! [`crate::score::rank::min_rank_by_block`]. No allocation (but for the block matrices of a
//! Copeland group compared on common sets, made at its first replication in a workspace), no
//! polars. At the nominal point the result is bit-identical to `build`.

use crate::error::{Error, Result};
use crate::score::aggregate::{Aggregation, aggregate_into};
use crate::score::build::build;
use crate::score::coin::Coin;
use crate::score::common::{CommonGroup, CommonScratch, aggregate_common};
use crate::score::matrix::Matrix;
use crate::score::rank::{RankOrder, min_rank_by_block};
use crate::score::spec::{Comparison, Framework, ImputeSpec, Node, NormaliseSpec};
use crate::uncertainty::inputs::{Design, Input, InputKind, Inputs};

/// A framework, its data and its uncertain inputs, ready for fast replications.
///
/// # Examples
/// ```
/// use linkage::score::{build::build, coin::Coin, matrix::Matrix, spec::Spec};
/// use linkage::uncertainty::{Engine, Inputs};
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
/// let raw = Matrix::from_columns(&[[1.0, 2.0, 4.0], [10.0, 30.0, 20.0]]).unwrap();
/// let coin = Coin::new(vec!["X".into(), "Y".into(), "Z".into()], raw).unwrap();
/// let engine = Engine::new(&fw, &coin, &Inputs::weight_noise(&[1], 0.5)).unwrap();
/// assert_eq!(engine.nominal_ranks(), &[3.0, 2.0, 1.0]); // as `build` gives
/// let mut ws = engine.workspace();
/// // x = (0.5, 0.5): both weights nominal
/// engine.replicate(&[0.5, 0.5], &mut ws).unwrap();
/// assert_eq!(ws.ranks(), &[3.0, 2.0, 1.0]);
/// // x ≈ (1, 0): a weighs ≈ 1.5, b 0.5 → X 0, Y 50, Z 87.5
/// engine.replicate(&[0.999_999, 0.0], &mut ws).unwrap();
/// assert_eq!(ws.ranks(), &[3.0, 2.0, 1.0]);
/// assert!((ws.scores()[1] - 50.0).abs() < 1e-3);
/// ```
#[derive(Debug, Clone)]
pub struct Engine {
    fw: Framework,
    design: Design,
    units: Vec<String>,
    rows: Vec<usize>,
    /// Normalised indicators (focus rows × indicators), one per (imputation, normalisation)
    /// combination; 0 = the framework's own.
    matrices: Vec<Matrix>,
    /// `ln` of each normalised matrix (for geometric means).
    ln: Vec<Matrix>,
    /// Per matrix and indicator: every value present is > 0 (no check needed for a
    /// geometric mean).
    positive: Vec<Vec<bool>>,
    /// Matrix index of imputation alternative `a` and normalisation alternative `b`:
    /// `grid[a * n_norm + b]`.
    grid: Vec<usize>,
    n_norm: usize,
    /// Work-matrix column of each child of each group.
    child_cols: Vec<Vec<usize>>,
    nominal_weights: Vec<Vec<f64>>,
    nominal_agg: Vec<Aggregation>,
    /// Normalisation blocks within the focus rows (Copeland compares units within one).
    blocks: Vec<Vec<usize>>,
    /// Ranking blocks within the focus rows.
    rank_blocks: Vec<Vec<usize>>,
    max_children: usize,
    nominal_scores: Vec<f64>,
    nominal_ranks: Vec<f64>,
}

/// Per-thread scratch space of an [`Engine`]: allocated once, reused for every replication.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// One working matrix per normalised matrix: indicator columns prefilled, group columns
    /// overwritten by each replication.
    work: Vec<Matrix>,
    weights: Vec<Vec<f64>>,
    agg: Vec<Aggregation>,
    matrix: usize,
    excluded: Option<usize>,
    alive: Vec<bool>,
    cols: Vec<usize>,
    wts: Vec<f64>,
    out: Vec<f64>,
    wsum: Vec<f64>,
    count: Vec<u32>,
    block_mats: Vec<Matrix>,
    sub: Vec<f64>,
    iota: Vec<usize>,
    buf: Vec<f64>,
    scratch: Vec<usize>,
    /// Buffers of the groups with `compare = "common"`.
    common: CommonScratch,
    scores: Vec<f64>,
    ranks: Vec<f64>,
}

impl Workspace {
    /// Top-level scores of the last replication, one per unit (NaN = missing).
    pub fn scores(&self) -> &[f64] {
        &self.scores
    }

    /// Top-level ranks of the last replication (1 = highest within its ranking block).
    pub fn ranks(&self) -> &[f64] {
        &self.ranks
    }
}

impl Engine {
    /// An engine over every unit of the coin.
    ///
    /// # Errors
    /// As [`Inputs::design`]; [`Error::Spec`] when the coin does not fit the framework; a
    /// method error of the nominal run (e.g. a geometric mean over a zero) or of an
    /// imputation or normalisation alternative, naming it.
    pub fn new(fw: &Framework, coin: &Coin, inputs: &Inputs) -> Result<Engine> {
        let rows: Vec<usize> = (0..coin.len()).collect();
        Engine::focused(fw, coin, inputs, &rows)
    }

    /// An engine whose replications aggregate and rank only the units `rows` (row indices
    /// of the coin, in the order wanted), while normalisation, imputation and treatment
    /// still use every unit of the coin. Ranks are within the coin's ranking blocks
    /// restricted to `rows` (set `coin.rank_block` to rank them otherwise, e.g. all 0 to
    /// rank them together); Copeland compares units within normalisation blocks likewise, and
    /// a group with `compare = "common"` forms its common sets within these restricted
    /// ranking blocks (the same as `build`'s when `rows` holds whole blocks).
    ///
    /// # Errors
    /// As [`Engine::new`]; [`Error::Method`] for an empty, repeated or out-of-range row.
    ///
    /// # Examples
    /// ```
    /// use linkage::score::{coin::Coin, matrix::Matrix, spec::Spec};
    /// use linkage::uncertainty::{Engine, Inputs};
    /// let fw = Spec::from_toml("name = 't'\n[[indicator]]\ncode = 'a'\nparent = 'top'\n[[group]]\ncode = 'top'", "doc")
    ///     .unwrap().resolve().unwrap();
    /// let raw = Matrix::from_columns(&[[1.0, 5.0, 3.0, 2.0]]).unwrap();
    /// let coin = Coin::new(vec!["A".into(), "B".into(), "C".into(), "D".into()], raw).unwrap();
    /// // min-max over all four units (1 → 0, 5 → 100), then rank only D and C, in that order
    /// let e = Engine::focused(&fw, &coin, &Inputs::default(), &[3, 2]).unwrap();
    /// assert_eq!(e.units(), ["D", "C"]);
    /// assert_eq!(e.nominal_scores(), &[25.0, 50.0]);
    /// assert_eq!(e.nominal_ranks(), &[2.0, 1.0]);
    /// assert!(Engine::focused(&fw, &coin, &Inputs::default(), &[3, 3]).is_err());
    /// ```
    pub fn focused(fw: &Framework, coin: &Coin, inputs: &Inputs, rows: &[usize]) -> Result<Engine> {
        let design = inputs.design(fw)?;
        coin.check(fw)?;
        let n_all = coin.len();
        let bad_rows = |reason: String| Error::Method {
            method: "uncertainty",
            reason,
        };
        if rows.is_empty() {
            return Err(bad_rows("no unit to analyse".into()));
        }
        let mut seen = vec![false; n_all];
        for &r in rows {
            if r >= n_all {
                return Err(bad_rows(format!(
                    "row {r} is out of range for {n_all} units"
                )));
            }
            if std::mem::replace(&mut seen[r], true) {
                return Err(bad_rows(format!("row {r} is listed twice")));
            }
        }
        let n = rows.len();
        let k = fw.indicators().len();

        // Normalised matrices: every (imputation, normalisation) combination, computed by
        // the pipeline with arithmetic aggregation (which cannot fail), so that only the
        // stages up to normalisation matter here.
        let imp_alts: Vec<Option<Option<ImputeSpec>>> = design
            .inputs
            .iter()
            .find_map(|i| match &i.kind {
                InputKind::Impute(a) => Some(a.clone()),
                _ => None,
            })
            .unwrap_or_else(|| vec![None]);
        let norm_alts: Vec<Option<NormaliseSpec>> = design
            .inputs
            .iter()
            .find_map(|i| match &i.kind {
                InputKind::Normalise(a) => Some(a.clone()),
                _ => None,
            })
            .unwrap_or_else(|| vec![None]);
        let mut matrices = Vec::new();
        let mut grid = Vec::with_capacity(imp_alts.len() * norm_alts.len());
        let normalised =
            |imp: &Option<Option<ImputeSpec>>, norm: &Option<NormaliseSpec>| -> Result<Matrix> {
                let mut alt = fw.with_aggregation(Aggregation::ArithmeticMean);
                if let Some(i) = imp {
                    alt = alt.with_impute(i.clone());
                }
                if let Some(nm) = norm {
                    alt = alt.with_normalisation(nm)?;
                }
                let s = build(&alt, coin)?;
                let mut m = Matrix::new(n, k);
                for j in 0..k {
                    let src = s.normalised.col(j);
                    for (dst, &r) in m.col_mut(j).iter_mut().zip(rows) {
                        let v = src[r];
                        *dst = match design.floor {
                            Some(f) if v < f => f,
                            _ => v,
                        };
                    }
                }
                Ok(m)
            };
        matrices.push(normalised(&None, &None).map_err(|e| e.within("nominal"))?);
        for imp in &imp_alts {
            for norm in &norm_alts {
                if imp.is_none() && norm.is_none() {
                    grid.push(0);
                    continue;
                }
                let what = format!(
                    "imputation {}, normalisation {}",
                    match imp {
                        None => "nominal".to_string(),
                        Some(None) => "none".to_string(),
                        Some(Some(m)) => m.to_string(),
                    },
                    norm.as_ref()
                        .map_or("nominal".to_string(), |n| n.to_string())
                );
                matrices.push(normalised(imp, norm).map_err(|e| e.within(what))?);
                grid.push(matrices.len() - 1);
            }
        }

        let child_cols = fw
            .groups()
            .iter()
            .map(|g| {
                g.children()
                    .iter()
                    .map(|c| match *c {
                        Node::Indicator(i) => i,
                        Node::Group(h) => k + h,
                    })
                    .collect()
            })
            .collect();
        let restrict = |labels: &[u32]| -> Vec<Vec<usize>> {
            let focus: Vec<u32> = rows.iter().map(|&r| labels[r]).collect();
            Coin::block_members(&focus)
        };
        let ln = matrices
            .iter()
            .map(|m| {
                let cols: Vec<Vec<f64>> = (0..k)
                    .map(|j| m.col(j).iter().map(|v| v.ln()).collect())
                    .collect();
                if k == 0 {
                    Ok(Matrix::new(n, 0))
                } else {
                    Matrix::from_columns(&cols)
                }
            })
            .collect::<Result<Vec<Matrix>>>()?;
        let positive = matrices
            .iter()
            .map(|m| {
                (0..k)
                    .map(|j| m.col(j).iter().all(|&v| v.is_nan() || v > 0.0))
                    .collect()
            })
            .collect();
        let mut engine = Engine {
            fw: fw.clone(),
            ln,
            positive,
            units: rows.iter().map(|&r| coin.units[r].clone()).collect(),
            rows: rows.to_vec(),
            matrices,
            grid,
            n_norm: norm_alts.len(),
            child_cols,
            nominal_weights: fw
                .groups()
                .iter()
                .map(|g| g.child_weights().to_vec())
                .collect(),
            nominal_agg: fw.groups().iter().map(|g| g.aggregation()).collect(),
            blocks: restrict(&coin.norm_block),
            rank_blocks: restrict(&coin.rank_block),
            max_children: fw
                .groups()
                .iter()
                .map(|g| g.children().len())
                .max()
                .unwrap_or(0),
            nominal_scores: Vec::new(),
            nominal_ranks: Vec::new(),
            design,
        };
        let mut ws = engine.workspace();
        engine.set_nominal(&mut ws);
        engine.evaluate(&mut ws).map_err(|e| e.within("nominal"))?;
        engine.nominal_scores = ws.scores;
        engine.nominal_ranks = ws.ranks;
        Ok(engine)
    }

    /// The framework.
    pub fn framework(&self) -> &Framework {
        &self.fw
    }

    /// The validated inputs.
    pub fn design(&self) -> &Design {
        &self.design
    }

    /// Codes of the units analysed, in order.
    pub fn units(&self) -> &[String] {
        &self.units
    }

    /// Coin rows of the units analysed.
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    /// Number of coordinates of a point.
    pub fn dims(&self) -> usize {
        self.design.dims
    }

    /// Top-level scores of the nominal run (the framework as specified).
    pub fn nominal_scores(&self) -> &[f64] {
        &self.nominal_scores
    }

    /// Top-level ranks of the nominal run.
    pub fn nominal_ranks(&self) -> &[f64] {
        &self.nominal_ranks
    }

    /// A fresh workspace (one per thread).
    pub fn workspace(&self) -> Workspace {
        let n = self.units.len();
        let k = self.fw.indicators().len();
        let g = self.fw.groups().len();
        let work = self
            .matrices
            .iter()
            .map(|m| {
                let mut w = Matrix::new(n, k + g);
                for j in 0..k {
                    w.col_mut(j).copy_from_slice(m.col(j));
                }
                w
            })
            .collect();
        let block_mats = if self.blocks.len() > 1 {
            self.blocks
                .iter()
                .map(|b| Matrix::new(b.len(), self.max_children))
                .collect()
        } else {
            Vec::new()
        };
        Workspace {
            work,
            weights: self.nominal_weights.clone(),
            agg: self.nominal_agg.clone(),
            matrix: 0,
            excluded: None,
            alive: vec![true; g],
            cols: Vec::with_capacity(self.max_children),
            wts: Vec::with_capacity(self.max_children),
            out: vec![0.0; n],
            wsum: vec![0.0; n],
            count: vec![0; n],
            block_mats,
            sub: vec![0.0; n],
            iota: (0..self.max_children).collect(),
            buf: Vec::with_capacity(n),
            scratch: Vec::with_capacity(n),
            common: CommonScratch::with_capacity(
                self.max_children,
                self.rank_blocks.iter().map(Vec::len).max().unwrap_or(0),
            ),
            scores: vec![f64::NAN; n],
            ranks: vec![f64::NAN; n],
        }
    }

    fn set_nominal(&self, ws: &mut Workspace) {
        for (w, nom) in ws.weights.iter_mut().zip(&self.nominal_weights) {
            w.copy_from_slice(nom);
        }
        ws.agg.copy_from_slice(&self.nominal_agg);
        ws.matrix = 0;
        ws.excluded = None;
    }

    /// Decode point `x` into the workspace's settings.
    fn decode(&self, x: &[f64], ws: &mut Workspace) {
        self.set_nominal(ws);
        let (mut imp, mut norm) = (None, None);
        for input in &self.design.inputs {
            let xs = &x[input.offset..input.offset + input.coords];
            match &input.kind {
                InputKind::Weights { noise, nodes, .. } => {
                    for (&(g, c, _), &u) in nodes.iter().zip(xs) {
                        ws.weights[g][c] =
                            self.nominal_weights[g][c] * (1.0 + noise * (2.0 * u - 1.0));
                    }
                }
                InputKind::Normalise(a) => norm = Some(Input::pick(xs[0], a.len())),
                InputKind::Impute(a) => imp = Some(Input::pick(xs[0], a.len())),
                InputKind::Aggregate {
                    alternatives,
                    groups,
                } => {
                    if let Some(method) = alternatives[Input::pick(xs[0], alternatives.len())] {
                        for &g in groups {
                            ws.agg[g] = method;
                        }
                    }
                }
                InputKind::Exclude(a) => ws.excluded = a[Input::pick(xs[0], a.len())],
            }
        }
        ws.matrix = self.grid[imp.unwrap_or(0) * self.n_norm + norm.unwrap_or(0)];
    }

    /// Run one replication at point `x` (length [`Engine::dims`], coordinates in `[0, 1)`);
    /// the results are in [`Workspace::scores`] and [`Workspace::ranks`].
    ///
    /// # Errors
    /// [`Error::Method`] for a point of the wrong length; a method error wrapped with the
    /// group code (e.g. a geometric mean over a value ≤ 0).
    pub fn replicate(&self, x: &[f64], ws: &mut Workspace) -> Result<()> {
        if x.len() != self.design.dims {
            return Err(Error::Method {
                method: "uncertainty",
                reason: format!(
                    "a point has {} coordinates, the inputs need {}",
                    x.len(),
                    self.design.dims
                ),
            });
        }
        self.decode(x, ws);
        self.evaluate(ws)
    }

    /// Readable settings of point `x`: (input name, value) per input.
    pub fn describe(&self, x: &[f64]) -> Vec<(String, String)> {
        self.design
            .inputs
            .iter()
            .map(|i| (i.name.clone(), i.label(&self.fw, x)))
            .collect()
    }

    /// Aggregate and rank with the workspace's settings.
    fn evaluate(&self, ws: &mut Workspace) -> Result<()> {
        let k = self.fw.indicators().len();
        let Workspace {
            work,
            weights,
            agg,
            matrix,
            excluded,
            alive,
            cols,
            wts,
            out,
            wsum,
            count,
            block_mats,
            sub,
            iota,
            buf,
            scratch,
            common,
            scores,
            ranks,
        } = ws;
        let m = *matrix;
        let work = &mut work[m];
        for (g, group) in self.fw.groups().iter().enumerate() {
            cols.clear();
            wts.clear();
            for ((child, &col), &w) in group
                .children()
                .iter()
                .zip(&self.child_cols[g])
                .zip(&weights[g])
            {
                let keep = match *child {
                    Node::Indicator(j) => *excluded != Some(j),
                    Node::Group(h) => alive[h],
                };
                if keep {
                    cols.push(col);
                    wts.push(w);
                }
            }
            if cols.is_empty() {
                alive[g] = false;
                work.col_mut(k + g).fill(f64::NAN);
                continue;
            }
            alive[g] = true;
            let method = agg[g];
            if group.comparison() == Comparison::Common {
                let rule = CommonGroup {
                    method,
                    min_present: group.min_present().min(cols.len()),
                    children: work,
                    cols,
                    weights: wts,
                };
                aggregate_common(&rule, &self.rank_blocks, common, out, count, None)
                    .map_err(|e| e.within(group.code()))?;
                work.col_mut(k + g).copy_from_slice(out);
                continue;
            }
            let fast = match method {
                Aggregation::ArithmeticMean | Aggregation::GeometricMean => fast_mean(
                    method == Aggregation::GeometricMean,
                    work,
                    &self.ln[m],
                    &self.positive[m],
                    cols,
                    wts,
                    wsum,
                    count,
                    out,
                ),
                _ => false,
            };
            if !fast {
                if method == Aggregation::Copeland && self.blocks.len() > 1 {
                    for (members, bm) in self.blocks.iter().zip(block_mats.iter_mut()) {
                        for (c, &col) in cols.iter().enumerate() {
                            let src = work.col(col);
                            for (d, &i) in bm.col_mut(c).iter_mut().zip(members) {
                                *d = src[i];
                            }
                        }
                        let s = &mut sub[..members.len()];
                        aggregate_into(method, bm, &iota[..cols.len()], wts, s)
                            .map_err(|e| e.within(group.code()))?;
                        for (&v, &i) in s.iter().zip(members) {
                            out[i] = v;
                        }
                    }
                } else {
                    aggregate_into(method, work, cols, wts, out)
                        .map_err(|e| e.within(group.code()))?;
                }
                count.fill(0);
                for &c in cols.iter() {
                    for (n, v) in count.iter_mut().zip(work.col(c)) {
                        *n += u32::from(!v.is_nan());
                    }
                }
            }
            let min_present = group.min_present().min(cols.len());
            for (o, &present) in out.iter_mut().zip(count.iter()) {
                if (present as usize) < min_present {
                    *o = f64::NAN;
                }
            }
            work.col_mut(k + g).copy_from_slice(out);
        }
        let root = self.fw.root();
        scores.copy_from_slice(work.col(k + root));
        min_rank_by_block(
            scores,
            &self.rank_blocks,
            RankOrder::HighestFirst,
            ranks,
            buf,
            scratch,
        );
        Ok(())
    }
}

/// Weighted arithmetic or geometric means of the columns `cols` of `work` into `out`, with
/// `count` the number of children present per unit. Column by column (so the loops
/// vectorise), with the floating-point operations of
/// [`crate::score::aggregate::aggregate_row`] in the same order — sums start at −0.0 as
/// `Iterator::sum` does, `ln` of indicator columns comes precomputed — so the results are
/// bit-identical to [`aggregate_into`]'s. Returns `false`, leaving the work to
/// `aggregate_into` (and its error message), when a geometric mean meets a value ≤ 0.
#[allow(clippy::too_many_arguments)]
fn fast_mean(
    geometric: bool,
    work: &Matrix,
    ln: &Matrix,
    positive: &[bool],
    cols: &[usize],
    wts: &[f64],
    wsum: &mut [f64],
    count: &mut [u32],
    out: &mut [f64],
) -> bool {
    let k = ln.cols();
    if geometric
        && cols.iter().any(|&c| {
            !(c < k && positive[c]) && work.col(c).iter().any(|&v| !v.is_nan() && v <= 0.0)
        })
    {
        return false;
    }
    wsum.fill(-0.0);
    count.fill(0);
    for (&c, &w) in cols.iter().zip(wts) {
        for ((s, n), &v) in wsum.iter_mut().zip(count.iter_mut()).zip(work.col(c)) {
            if !v.is_nan() {
                *s += w;
                *n += 1;
            }
        }
    }
    out.fill(-0.0);
    for (&c, &w) in cols.iter().zip(wts) {
        let x = work.col(c);
        if !geometric {
            for ((o, &v), &s) in out.iter_mut().zip(x).zip(wsum.iter()) {
                if !v.is_nan() {
                    *o += w / s * v;
                }
            }
        } else if c < k {
            for ((o, &v), &l) in out.iter_mut().zip(x).zip(ln.col(c)) {
                if !v.is_nan() {
                    *o += w * l;
                }
            }
        } else {
            for (o, &v) in out.iter_mut().zip(x) {
                if !v.is_nan() {
                    *o += w * v.ln();
                }
            }
        }
    }
    for ((o, &s), &n) in out.iter_mut().zip(wsum.iter()).zip(count.iter()) {
        *o = if n == 0 {
            f64::NAN
        } else if geometric {
            (*o / s).exp()
        } else {
            *o
        };
    }
    true
}
