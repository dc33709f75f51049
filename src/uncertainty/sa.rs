//! Variance-based sensitivity analysis: first-order and total Sobol indices with the Saltelli
//! design.
//!
//! With `N` base points, two `N × D` matrices `A` and `B` are drawn (one `2D`-dimensional
//! point per row, random or scrambled Sobol), and for each input `i` (a group of
//! coordinates) the matrix `A_B⁽ⁱ⁾`: `A` with the columns of input `i` taken from `B`. The
//! model runs on every row of `A`, `B` and each `A_B⁽ⁱ⁾`: `N·(d + 2)` runs for `d` inputs.
//! Then, with `V` the variance (divisor `2N`) of the `2N` outputs `f(A) ∪ f(B)`:
//!
//! * first order (Saltelli et al. 2010, *Comput. Phys. Commun.* 181, table 2 (b)):
//!   `Sᵢ = (1/N) Σⱼ f(B)ⱼ · (f(A_B⁽ⁱ⁾)ⱼ − f(A)ⱼ) / V`
//! * total (Jansen 1999; Saltelli et al. 2010, table 2 (f)):
//!   `STᵢ = (1/2N) Σⱼ (f(A)ⱼ − f(A_B⁽ⁱ⁾)ⱼ)² / V`
//!
//! These are the estimators of SALib's `sobol.analyze`. Confidence intervals are percentile
//! bootstrap intervals: the `N` rows resampled with replacement, the indices recomputed.
//! An input made of several coordinates (the weights of one level) gets group indices: the
//! share of variance due to all of them together.
//!
//! Estimates are noisy at small `N`: a first-order index slightly below 0 or a total above 1
//! is sampling error (the intervals show how much); an output that never varies has no
//! indices (NaN, written as empty cells).

use crate::error::{Error, Result};
use crate::score::stats::quantile_sorted;
use crate::uncertainty::engine::Engine;
use crate::uncertainty::par_rows;
use crate::uncertainty::sample::{Rng, Sampling, TAG_BOOTSTRAP, TAG_SA, check_points, fill_point};
use crate::uncertainty::ua::mean_abs_shift;

/// Settings of a Saltelli design.
///
/// # Examples
/// ```
/// use linkage::uncertainty::sa::SobolOptions;
/// let o = SobolOptions::default();
/// assert_eq!((o.base_samples, o.bootstrap), (1000, 1000));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SobolOptions {
    /// `N`, the number of base points (rows of `A` and `B`).
    pub base_samples: usize,
    /// Seed of the points and of the bootstrap.
    pub seed: u64,
    /// Random or scrambled Sobol points.
    pub sampling: Sampling,
    /// Bootstrap resamples for confidence intervals (0: none).
    pub bootstrap: usize,
    /// Confidence level of the intervals, e.g. 0.95.
    pub confidence: f64,
    /// Draw a progress bar on stderr for long runs (only when stderr is a terminal).
    pub progress: bool,
}

impl Default for SobolOptions {
    fn default() -> Self {
        SobolOptions {
            base_samples: 1000,
            seed: 1,
            sampling: Sampling::Random,
            bootstrap: 1000,
            confidence: 0.95,
            progress: false,
        }
    }
}

/// The model outputs of a Saltelli design, stored as
/// `[base point j][matrix: A, B, A_B⁽¹⁾ … A_B⁽ᵈ⁾][output]`.
#[derive(Debug, Clone)]
pub struct SaltelliRuns {
    n: usize,
    d: usize,
    m: usize,
    y: Vec<f64>,
    seed: u64,
}

/// A Sobol index estimate with optional bootstrap confidence intervals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SobolIndex {
    /// First-order index `Sᵢ`.
    pub first: f64,
    /// Total index `STᵢ`.
    pub total: f64,
    /// Confidence interval of `Sᵢ` (bootstrap percentiles).
    pub first_ci: Option<(f64, f64)>,
    /// Confidence interval of `STᵢ`.
    pub total_ci: Option<(f64, f64)>,
}

/// Run the Saltelli design on a model of `groups.len()` inputs, input `i` owning
/// `groups[i]` consecutive coordinates of `[0, 1)`, with `outputs` outputs.
///
/// `model(state, x, out)` evaluates the model at `x` into `out`; `init()` makes one state
/// per worker thread. Base point `j` is drawn from `(opts.seed, j)` only, so the results are
/// bit-identical at any thread count. Errors of a run are returned with the base point's
/// index.
///
/// # Errors
/// [`Error::Method`] for fewer than 2 base points, no input, an input with no coordinate,
/// no output, too many Sobol points; the model's first error.
///
/// # Examples
/// ```
/// use linkage::uncertainty::sa::{SobolOptions, saltelli};
/// // Y = x₀ + 2·x₁ with uniform inputs: S = (1/5, 4/5), no interaction
/// let runs = saltelli(&[1, 1], 1, &SobolOptions { base_samples: 4096, ..Default::default() },
///     || (), |_, x, out| { out[0] = x[0] + 2.0 * x[1]; Ok(()) }).unwrap();
/// let ix = runs.indices(0);
/// assert!((ix[0].first - 0.2).abs() < 0.05 && (ix[1].total - 0.8).abs() < 0.05);
/// ```
pub fn saltelli<W, I, F>(
    groups: &[usize],
    outputs: usize,
    opts: &SobolOptions,
    init: I,
    model: F,
) -> Result<SaltelliRuns>
where
    W: Send,
    I: Fn() -> W + Sync,
    F: Fn(&mut W, &[f64], &mut [f64]) -> Result<()> + Sync,
{
    let fail = |reason: &str| Error::Method {
        method: "sensitivity analysis",
        reason: reason.into(),
    };
    if opts.base_samples < 2 {
        return Err(fail("at least 2 base points are needed"));
    }
    if groups.is_empty() {
        return Err(fail("no uncertain input"));
    }
    if groups.contains(&0) {
        return Err(fail("an input has no coordinate"));
    }
    if outputs == 0 {
        return Err(fail("no output"));
    }
    if !(opts.confidence > 0.0 && opts.confidence < 1.0) {
        return Err(fail("the confidence level must be in (0, 1)"));
    }
    check_points(opts.sampling, opts.base_samples)?;
    let dims: usize = groups.iter().sum();
    let d = groups.len();
    let m = outputs;
    let width = (d + 2) * m;
    let mut y = vec![0.0; opts.base_samples * width];
    par_rows(
        &mut y,
        width,
        d + 2,
        opts.progress,
        || (init(), vec![0.0; 2 * dims], vec![0.0; dims]),
        |(state, ab, x), j, row| {
            fill_point(opts.sampling, opts.seed, TAG_SA, j, ab);
            let (a, b) = ab.split_at(dims);
            model(state, a, &mut row[..m])?;
            model(state, b, &mut row[m..2 * m])?;
            let mut offset = 0;
            for (i, &g) in groups.iter().enumerate() {
                x.copy_from_slice(a);
                x[offset..offset + g].copy_from_slice(&b[offset..offset + g]);
                offset += g;
                model(state, x, &mut row[(2 + i) * m..(3 + i) * m])?;
            }
            Ok(())
        },
    )
    .map_err(|(j, e)| e.within(format!("base point {j}")))?;
    Ok(SaltelliRuns {
        n: opts.base_samples,
        d,
        m,
        y,
        seed: opts.seed,
    })
}

impl SaltelliRuns {
    /// Number of base points `N`.
    pub fn base_samples(&self) -> usize {
        self.n
    }

    /// Number of model runs, `N·(d + 2)`.
    pub fn runs(&self) -> usize {
        self.n * (self.d + 2)
    }

    /// Output `o` of base point `j` in matrix `k` (0 = A, 1 = B, 2 + i = A_B⁽ⁱ⁾).
    fn at(&self, j: usize, k: usize, o: usize) -> f64 {
        self.y[(j * (self.d + 2) + k) * self.m + o]
    }

    /// The `2N` outputs `f(A) ∪ f(B)` of output `o` (for statistics of the output itself).
    pub fn base_outputs(&self, o: usize) -> Vec<f64> {
        (0..self.n)
            .flat_map(|j| [self.at(j, 0, o), self.at(j, 1, o)])
            .collect()
    }

    /// Indices over the base points `rows` (all of them, or a bootstrap resample).
    fn estimate(&self, o: usize, rows: impl Iterator<Item = usize> + Clone) -> Vec<(f64, f64)> {
        let n = rows.clone().count() as f64;
        let mean = rows
            .clone()
            .map(|j| self.at(j, 0, o) + self.at(j, 1, o))
            .sum::<f64>()
            / (2.0 * n);
        let var = rows
            .clone()
            .map(|j| {
                let (a, b) = (self.at(j, 0, o) - mean, self.at(j, 1, o) - mean);
                a * a + b * b
            })
            .sum::<f64>()
            / (2.0 * n);
        (0..self.d)
            .map(|i| {
                let (mut s1, mut st) = (0.0, 0.0);
                for j in rows.clone() {
                    let (fa, fb, fab) = (self.at(j, 0, o), self.at(j, 1, o), self.at(j, 2 + i, o));
                    s1 += fb * (fab - fa);
                    st += (fa - fab) * (fa - fab);
                }
                (s1 / n / var, st / (2.0 * n) / var)
            })
            .collect()
    }

    /// Point estimates of output `o`, one per input (no intervals). NaN when the output has
    /// no variance or a run left it missing.
    pub fn indices(&self, o: usize) -> Vec<SobolIndex> {
        self.estimate(o, 0..self.n)
            .into_iter()
            .map(|(first, total)| SobolIndex {
                first,
                total,
                first_ci: None,
                total_ci: None,
            })
            .collect()
    }

    /// Estimates of output `o` with percentile bootstrap intervals at level `confidence`
    /// from `resamples` resamples (resample `b` drawn from the stream `(seed, b)`; run in
    /// parallel, identical at any thread count). Resamples that give NaN are left out.
    ///
    /// # Examples
    /// ```
    /// use linkage::uncertainty::sa::{SobolOptions, saltelli};
    /// // Y = x₀·x₁: S₀ = S₁ = 3/7, ST₀ = ST₁ = 4/7 (uniform inputs on [0, 1))
    /// let runs = saltelli(&[1, 1], 1, &SobolOptions { base_samples: 2048, ..Default::default() },
    ///     || (), |_, x, out| { out[0] = x[0] * x[1]; Ok(()) }).unwrap();
    /// let ix = runs.indices_with_ci(0, 200, 0.9);
    /// let (lo, hi) = ix[0].total_ci.unwrap();
    /// assert!(lo < ix[0].total && ix[0].total < hi);
    /// assert!((ix[0].total - 4.0 / 7.0).abs() < 0.06);
    /// ```
    pub fn indices_with_ci(&self, o: usize, resamples: usize, confidence: f64) -> Vec<SobolIndex> {
        use rayon::prelude::*;
        let mut out = self.indices(o);
        if resamples == 0 {
            return out;
        }
        let boot: Vec<Vec<(f64, f64)>> = (0..resamples)
            .into_par_iter()
            .map(|b| {
                let mut rng = Rng::stream(self.seed, TAG_BOOTSTRAP, b as u64);
                let rows: Vec<usize> = (0..self.n).map(|_| rng.below(self.n)).collect();
                self.estimate(o, rows.iter().copied())
            })
            .collect();
        let (lo, hi) = ((1.0 - confidence) / 2.0, (1.0 + confidence) / 2.0);
        for (i, ix) in out.iter_mut().enumerate() {
            let interval = |pick: fn(&(f64, f64)) -> f64| {
                let mut v: Vec<f64> = boot
                    .iter()
                    .map(|e| pick(&e[i]))
                    .filter(|v| !v.is_nan())
                    .collect();
                v.sort_unstable_by(f64::total_cmp);
                (!v.is_empty()).then(|| (quantile_sorted(&v, lo), quantile_sorted(&v, hi)))
            };
            ix.first_ci = interval(|e| e.0);
            ix.total_ci = interval(|e| e.1);
        }
        out
    }
}

/// The per-unit output of an [`Engine::sa`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SaOutput {
    /// Each unit's top-level rank.
    #[default]
    Rank,
    /// Each unit's top-level score.
    Score,
}

/// Settings of a sensitivity analysis of an [`Engine`].
///
/// # Examples
/// ```
/// use linkage::uncertainty::{SaOptions, SaOutput};
/// let o = SaOptions::default();
/// assert_eq!((o.output, o.per_unit), (SaOutput::Rank, true));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SaOptions {
    /// The design: `N`, seed, sampling, bootstrap.
    pub sobol: SobolOptions,
    /// Per-unit output: rank or score.
    pub output: SaOutput,
    /// Also estimate per-unit indices (memory `N·(d + 2)·(units + 1)` numbers); the overall
    /// output (mean absolute rank shift) always.
    pub per_unit: bool,
}

impl Default for SaOptions {
    fn default() -> Self {
        SaOptions {
            sobol: SobolOptions::default(),
            output: SaOutput::Rank,
            per_unit: true,
        }
    }
}

/// Results of a sensitivity analysis.
#[derive(Debug, Clone)]
pub struct Sa {
    /// Input names.
    pub inputs: Vec<String>,
    /// Indices of the mean absolute rank shift against the nominal ranking, with intervals.
    pub overall: Vec<SobolIndex>,
    /// Variance of the mean absolute rank shift.
    pub overall_variance: f64,
    /// Unit codes.
    pub units: Vec<String>,
    /// Per unit (when asked), indices of its rank or score, one per input, no intervals.
    pub per_unit: Vec<Vec<SobolIndex>>,
    /// Model runs, `N·(d + 2)`.
    pub runs: usize,
}

impl Engine {
    /// Sobol indices of the inputs: for the mean absolute rank shift against the nominal
    /// ranking (overall, with bootstrap intervals) and, when asked, for each unit's rank or
    /// score. `N·(d + 2)` replications.
    ///
    /// # Errors
    /// As [`saltelli`]; [`Error::Method`] when there is no uncertain input.
    ///
    /// # Examples
    /// ```
    /// use linkage::score::coinr::{IndexOptions, read};
    /// use linkage::uncertainty::{Engine, Inputs, SaOptions, sa::SobolOptions};
    /// let dir = linkage::default_data_dir().join("asem");
    /// let data = read(&dir.join("ASEM_iData.csv"), &dir.join("ASEM_iMeta.csv")).unwrap();
    /// let fw = data.framework(&IndexOptions::default()).unwrap();
    /// let inputs = Inputs::from_toml(
    ///     "[[weights]]\nlevel = 2\nnoise = 0.25\n[exclude]\n", "doc").unwrap();
    /// let engine = Engine::new(&fw, &data.coin, &inputs).unwrap();
    /// let sa = engine.sa(&SaOptions {
    ///     sobol: SobolOptions { base_samples: 256, bootstrap: 100, ..Default::default() },
    ///     ..Default::default()
    /// }).unwrap();
    /// assert_eq!(sa.runs, 256 * 4);
    /// assert_eq!(sa.inputs, ["weights_level_2", "exclusion"]);
    /// assert!(sa.overall.iter().all(|i| i.total >= 0.0));
    /// ```
    pub fn sa(&self, opts: &SaOptions) -> Result<Sa> {
        let design = self.design();
        if design.inputs.is_empty() {
            return Err(Error::Method {
                method: "sensitivity analysis",
                reason: "no uncertain input".into(),
            });
        }
        let groups: Vec<usize> = design.inputs.iter().map(|i| i.coords).collect();
        let n = self.units().len();
        let m = if opts.per_unit { n + 1 } else { 1 };
        let runs = saltelli(
            &groups,
            m,
            &opts.sobol,
            || self.workspace(),
            |ws, x, out| {
                self.replicate(x, ws)?;
                out[0] = mean_abs_shift(ws.ranks(), self.nominal_ranks());
                if opts.per_unit {
                    out[1..].copy_from_slice(match opts.output {
                        SaOutput::Rank => ws.ranks(),
                        SaOutput::Score => ws.scores(),
                    });
                }
                Ok(())
            },
        )?;
        let base = runs.base_outputs(0);
        let mean = base.iter().sum::<f64>() / base.len() as f64;
        let overall_variance =
            base.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / base.len() as f64;
        Ok(Sa {
            inputs: design.inputs.iter().map(|i| i.name.clone()).collect(),
            overall: runs.indices_with_ci(0, opts.sobol.bootstrap, opts.sobol.confidence),
            overall_variance,
            units: self.units().to_vec(),
            per_unit: if opts.per_unit {
                (1..=n).map(|o| runs.indices(o)).collect()
            } else {
                Vec::new()
            },
            runs: runs.runs(),
        })
    }
}
