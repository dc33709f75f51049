//! Uncertainty analysis: N replications with inputs drawn independently (or from a scrambled
//! Sobol sequence), and per unit the distribution of its top-level score and rank.
//!
//! Per unit, over the runs in which it has a score: mean and median score, median rank and
//! the 5th and 95th percentile ranks (R's `quantile(type = 7)`, see
//! [`crate::score::stats::quantile`]); as COINr's `get_sensitivity(SA_type = "UA")` reports.
//! Overall, the mean absolute rank shift against the nominal ranking.

use crate::Error;
use crate::error::Result;
use crate::score::matrix::Matrix;
use crate::uncertainty::engine::Engine;
use crate::uncertainty::par_rows;
use crate::uncertainty::sample::{Sampling, TAG_UA, check_points, fill_point};

/// Settings of an uncertainty analysis.
///
/// # Examples
/// ```
/// use linkage::uncertainty::UaOptions;
/// let o = UaOptions::default();
/// assert_eq!((o.runs, o.seed, o.keep_runs), (1000, 1, false));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct UaOptions {
    /// Number of replications.
    pub runs: usize,
    /// Seed: run `r` draws its inputs from the stream `(seed, r)`.
    pub seed: u64,
    /// Random or scrambled Sobol points.
    pub sampling: Sampling,
    /// Keep every run's inputs, scores and ranks ([`Ua::runs`]).
    pub keep_runs: bool,
    /// Draw a progress bar on stderr for long runs (only when stderr is a terminal).
    pub progress: bool,
}

impl Default for UaOptions {
    fn default() -> Self {
        UaOptions {
            runs: 1000,
            seed: 1,
            sampling: Sampling::Random,
            keep_runs: false,
            progress: false,
        }
    }
}

/// One unit's results.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitStats {
    /// Score of the nominal run.
    pub nominal_score: f64,
    /// Rank of the nominal run.
    pub nominal_rank: f64,
    /// Mean score over the runs.
    pub mean_score: f64,
    /// Median score.
    pub median_score: f64,
    /// Mean rank.
    pub mean_rank: f64,
    /// Median rank.
    pub median_rank: f64,
    /// 5th percentile rank (the better end).
    pub q05_rank: f64,
    /// 95th percentile rank.
    pub q95_rank: f64,
    /// Runs in which the unit has a score.
    pub runs_scored: usize,
}

/// Every run of an uncertainty analysis (kept on request).
#[derive(Debug, Clone)]
pub struct Runs {
    /// Coordinates per point.
    pub dims: usize,
    /// The points, run-major (`runs × dims`).
    pub points: Vec<f64>,
    /// Scores, runs × units.
    pub scores: Matrix,
    /// Ranks, runs × units.
    pub ranks: Matrix,
}

impl Runs {
    /// The point of run `r`.
    pub fn point(&self, r: usize) -> &[f64] {
        &self.points[r * self.dims..(r + 1) * self.dims]
    }
}

/// Results of an uncertainty analysis.
#[derive(Debug, Clone)]
pub struct Ua {
    /// Unit codes.
    pub units: Vec<String>,
    /// Names of the inputs.
    pub inputs: Vec<String>,
    /// Per unit.
    pub stats: Vec<UnitStats>,
    /// Mean over runs of the mean absolute rank shift against the nominal ranking.
    pub mean_abs_rank_shift: f64,
    /// Number of runs.
    pub runs_done: usize,
    /// Every run, when asked for.
    pub runs: Option<Runs>,
}

/// Mean over units of `|rank − nominal rank|`, over the units ranked in both; NaN if none.
pub(crate) fn mean_abs_shift(ranks: &[f64], nominal: &[f64]) -> f64 {
    let (mut sum, mut n) = (0.0, 0usize);
    for (&r, &q) in ranks.iter().zip(nominal) {
        if !r.is_nan() && !q.is_nan() {
            sum += (r - q).abs();
            n += 1;
        }
    }
    if n == 0 { f64::NAN } else { sum / n as f64 }
}

/// Quantile `p` (R's type 7) of values without NaN, as
/// [`crate::score::stats::quantile_sorted`] gives on the sorted values, by selection in
/// `O(len)` (reorders `v`).
fn quantile_select(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let h = (v.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let frac = h - lo as f64;
    let (_, &mut a, right) = v.select_nth_unstable_by(lo, f64::total_cmp);
    match right.iter().copied().min_by(f64::total_cmp) {
        Some(b) if frac > 0.0 => a + frac * (b - a),
        _ => a,
    }
}

/// Per-unit statistics from the run-major buffer `out` (`runs` rows of `width` numbers,
/// unit `u`'s score at `u`, its rank at `n + u`). In parallel over blocks of units; each
/// block reads the rows as contiguous slices (a blocked transpose), and each unit's
/// statistics depend on its own values only, in run order.
pub(crate) fn unit_stats(
    engine: &Engine,
    out: &[f64],
    width: usize,
    runs: usize,
) -> Vec<UnitStats> {
    use rayon::prelude::*;
    const BLOCK: usize = 64;
    let n = engine.units().len();
    let mean = |v: &[f64]| {
        if v.is_empty() {
            f64::NAN
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let blocks: Vec<Vec<UnitStats>> = (0..n.div_ceil(BLOCK))
        .into_par_iter()
        .map(|b| {
            let units = b * BLOCK..((b + 1) * BLOCK).min(n);
            let mut s: Vec<Vec<f64>> = units.clone().map(|_| Vec::with_capacity(runs)).collect();
            let mut r: Vec<Vec<f64>> = units.clone().map(|_| Vec::with_capacity(runs)).collect();
            for row in out.chunks_exact(width).take(runs) {
                for (k, u) in units.clone().enumerate() {
                    let (score, rank) = (row[u], row[n + u]);
                    if !score.is_nan() {
                        s[k].push(score);
                    }
                    if !rank.is_nan() {
                        r[k].push(rank);
                    }
                }
            }
            units
                .zip(s.iter_mut().zip(r.iter_mut()))
                .map(|(u, (s, r))| UnitStats {
                    nominal_score: engine.nominal_scores()[u],
                    nominal_rank: engine.nominal_ranks()[u],
                    mean_score: mean(s),
                    median_score: quantile_select(s, 0.5),
                    mean_rank: mean(r),
                    median_rank: quantile_select(r, 0.5),
                    q05_rank: quantile_select(r, 0.05),
                    q95_rank: quantile_select(r, 0.95),
                    runs_scored: s.len(),
                })
                .collect()
        })
        .collect();
    blocks.into_iter().flatten().collect()
}

impl Engine {
    /// Run an uncertainty analysis: `opts.runs` replications, in parallel; run `r` draws its
    /// point from `(opts.seed, r)` only, so the results are bit-identical at any thread count.
    ///
    /// # Errors
    /// [`Error::Method`] for zero runs or too many Sobol points; the first failing
    /// replication's error (e.g. a geometric mean over a zero), wrapped with its index and
    /// inputs.
    ///
    /// # Examples
    /// ```
    /// use linkage::score::{coin::Coin, matrix::Matrix, spec::Spec};
    /// use linkage::uncertainty::{Engine, Inputs, UaOptions};
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
    /// let engine = Engine::new(&fw, &coin, &Inputs::weight_noise(&[1], 0.9)).unwrap();
    /// let ua = engine.ua(&UaOptions { runs: 500, ..Default::default() }).unwrap();
    /// // X is last whatever the weights; Y and Z swap when b weighs much more than a
    /// assert_eq!(ua.stats[0].q05_rank, 3.0);
    /// assert_eq!(ua.stats[1].q05_rank, 1.0);
    /// ```
    pub fn ua(&self, opts: &UaOptions) -> Result<Ua> {
        if opts.runs == 0 {
            return Err(Error::Method {
                method: "uncertainty analysis",
                reason: "at least one run is needed".into(),
            });
        }
        check_points(opts.sampling, opts.runs)?;
        let n = self.units().len();
        let dims = self.dims();
        let width = 2 * n + 1 + if opts.keep_runs { dims } else { 0 };
        let mut out = vec![0.0; opts.runs * width];
        par_rows(
            &mut out,
            width,
            1,
            opts.progress,
            || (self.workspace(), vec![0.0; dims]),
            |(ws, x), r, row| {
                fill_point(opts.sampling, opts.seed, TAG_UA, r, x);
                self.replicate(x, ws)?;
                row[..n].copy_from_slice(ws.scores());
                row[n..2 * n].copy_from_slice(ws.ranks());
                row[2 * n] = mean_abs_shift(ws.ranks(), self.nominal_ranks());
                if opts.keep_runs {
                    row[2 * n + 1..].copy_from_slice(x);
                }
                Ok(())
            },
        )
        .map_err(|(r, e)| self.run_error(opts.sampling, opts.seed, TAG_UA, r, e))?;
        let at = |r: usize, c: usize| out[r * width + c];
        let stats = unit_stats(self, &out, width, opts.runs);
        let shifts: Vec<f64> = (0..opts.runs)
            .map(|r| at(r, 2 * n))
            .filter(|v| !v.is_nan())
            .collect();
        let mean_abs_rank_shift = if shifts.is_empty() {
            f64::NAN
        } else {
            shifts.iter().sum::<f64>() / shifts.len() as f64
        };
        let runs = if opts.keep_runs {
            let col = |off: usize| -> Result<Matrix> {
                let cols: Vec<Vec<f64>> = (0..n)
                    .map(|u| (0..opts.runs).map(|r| at(r, off + u)).collect())
                    .collect();
                Matrix::from_columns(&cols)
            };
            Some(Runs {
                dims,
                points: (0..opts.runs)
                    .flat_map(|r| out[r * width + 2 * n + 1..(r + 1) * width].iter().copied())
                    .collect(),
                scores: col(0)?,
                ranks: col(n)?,
            })
        } else {
            None
        };
        Ok(Ua {
            units: self.units().to_vec(),
            inputs: self
                .design()
                .inputs
                .iter()
                .map(|i| i.name.clone())
                .collect(),
            stats,
            mean_abs_rank_shift,
            runs_done: opts.runs,
            runs,
        })
    }

    /// Wrap a replication's error with its index and inputs.
    pub(crate) fn run_error(
        &self,
        sampling: Sampling,
        seed: u64,
        tag: u64,
        index: usize,
        e: Error,
    ) -> Error {
        let mut x = vec![0.0; self.dims()];
        fill_point(sampling, seed, tag, index, &mut x);
        let what: Vec<String> = self
            .describe(&x)
            .into_iter()
            .filter(|(name, _)| !name.starts_with("weights"))
            .map(|(name, v)| format!("{name} {v}"))
            .collect();
        let label = if what.is_empty() {
            format!("replication {index}")
        } else {
            format!("replication {index} ({})", what.join(", "))
        };
        e.within(label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::stats::quantile;
    use crate::uncertainty::sample::Rng;

    #[test]
    fn selection_quantiles_equal_sorted_quantiles() {
        let mut rng = Rng::stream(5, 0, 0);
        for len in [1usize, 2, 3, 10, 101, 1000] {
            // small integers (many ties, like ranks) and continuous values
            for ties in [true, false] {
                let v: Vec<f64> = (0..len)
                    .map(|_| {
                        let u = rng.uniform();
                        if ties {
                            (u * 7.0).floor() + 1.0
                        } else {
                            u * 100.0 - 50.0
                        }
                    })
                    .collect();
                for p in [0.0, 0.05, 0.5, 0.95, 1.0] {
                    let mut w = v.clone();
                    let got = quantile_select(&mut w, p);
                    assert_eq!(got.to_bits(), quantile(&v, p).to_bits(), "len {len} p {p}");
                }
            }
        }
        assert!(quantile_select(&mut [], 0.5).is_nan());
    }
}
