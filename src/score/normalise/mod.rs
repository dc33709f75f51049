//! Normalisation: bringing indicators onto a common scale (COINr's `n_*()` functions).
//!
//! [`normalise_into`] reproduces COINr 1.1.x `Normalise.numeric()`: the indicator is first
//! multiplied by its direction (`x · direction`, so that for a negative indicator higher
//! raw values score lower), and the chosen method is then applied to the flipped values.
//! Per-indicator parameters that live in the indicator's own units (the target of
//! distance-to-target, the goalposts) are flipped with it, exactly as COINr's
//! `get_iMeta_norm_paras()` does when they come from the `iMeta` table.
//!
//! Missing values (`NaN`) pass through as `NaN` and are ignored when computing the min,
//! max, mean, standard deviation and ranks of the indicator.
//!
//! Reference: COINr `R/normalise.R` (`n_minmax`, `n_zscore`, `n_scaled`, `n_dist2max`,
//! `n_dist2ref`, `n_dist2targ`, `n_fracmax`, `n_rank`, `n_borda`, `n_prank`,
//! `n_goalposts`); JRC/OECD *Handbook on Constructing Composite Indicators* (2008), §5.

use crate::score::rank::{RankOrder, min_rank_in_place};
use crate::score::stats;
use crate::{Error, Result};

/// A normalisation method, one per COINr `n_*()` function.
///
/// All formulas below are applied to `x′ = x · direction` (see [`normalise_into`]), with
/// `min`, `max`, `mean` and `sd` taken over the non-missing values of `x′`.
///
/// **Zero range.** Where a formula divides by `max − min` (min-max, distance to max), a
/// constant indicator gives `0 / 0 = NaN` for every unit, as COINr does (COINr also
/// warns "The range of x is 0: returning vector of NaNs"). The same holds for z-score with
/// a zero standard deviation and for one non-missing value.
///
/// # Examples
///
/// ```
/// use linkage::score::normalise::Normalisation;
/// assert_eq!(
///     Normalisation::default(),
///     Normalisation::MinMax { lower: 0.0, upper: 100.0 }
/// );
/// assert_eq!(Normalisation::Borda.coinr_name(), "n_borda");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Normalisation {
    /// COINr `n_minmax(x, l_u = c(lower, upper))`, the COINr default with `[0, 100]`:
    /// `y = (x′ − min) / (max − min) · (upper − lower) + lower`.
    MinMax {
        /// Score of the lowest unit (COINr default 0).
        lower: f64,
        /// Score of the highest unit (COINr default 100).
        upper: f64,
    },
    /// COINr `n_zscore(x, m_sd = c(mean, sd))`, default `c(0, 1)`:
    /// `y = (x′ − mean(x′)) / sd(x′) · sd + mean`, with the sample standard deviation
    /// (divisor `n − 1`, R's `sd()`).
    ZScore {
        /// Mean of the result (COINr default 0).
        mean: f64,
        /// Standard deviation of the result, > 0 (COINr default 1).
        sd: f64,
    },
    /// COINr `n_scaled(x, npara = c(lower, upper))`, default `c(0, 100)`:
    /// `y = (x′ − lower) / (upper − lower) · 100`. A fixed linear rescaling, not min-max.
    /// `lower` and `upper` are *not* flipped for a negative direction (COINr does not flip
    /// them either).
    Scaled {
        /// Value mapped to 0.
        lower: f64,
        /// Value mapped to 100.
        upper: f64,
    },
    /// COINr `n_dist2max(x)`: `y = 1 − (max − x′) / (max − min)`, in `[0, 1]`.
    DistToMax,
    /// COINr `n_dist2ref(x, iref, cap_max)`: with `x_ref = x′[reference]`,
    /// `y = 1 − (x_ref − x′) / (x_ref − min)`; if `cap_max`, values above 1 become 1.
    ///
    /// `reference` is a 0-based unit index (COINr's `iref` is 1-based). A missing reference
    /// value gives `NaN` for every unit, as in COINr (which warns). A reference equal to the
    /// minimum divides by zero (±∞ or `NaN`), as in COINr.
    DistToRef {
        /// 0-based index of the reference unit.
        reference: usize,
        /// Cap scores above the reference at 1.
        cap_max: bool,
    },
    /// COINr `n_dist2targ(x, targ, cap_max)` as called by `Normalise()`:
    /// `y = (x′ − min) / (t′ − min)` with `t′ = target · direction`; if `cap_max`, values
    /// above 1 become 1.
    ///
    /// The target is per indicator and is passed to [`normalise_into`] in the indicator's
    /// own units. COINr multiplies it by the direction in `get_iMeta_norm_paras()` and calls
    /// `n_dist2targ()` with `direction = 1`, which for a negative indicator is the same as
    /// its documented `(max − x) / (max − targ)`.
    DistToTarget {
        /// Cap scores beyond the target at 1.
        cap_max: bool,
    },
    /// COINr `n_fracmax(x)`: `y = x′ / max`.
    FracMax,
    /// COINr `n_rank(x)`: `y = rank(x′, ties.method = "min")`, rank 1 = lowest, so higher
    /// values get higher ranks. (COINr accepts a `ties.method` argument but ignores it and
    /// always uses `"min"`; so does this crate.)
    Rank,
    /// COINr `n_borda(x)`: `y = rank(x′, ties.method = "min") − 1`.
    Borda,
    /// COINr `n_prank(x)`: `y = (rank(x′, ties.method = "min") − 1) / (n − 1)`, `n` the
    /// number of non-missing values; in `[0, 1]`, `NaN` when `n = 1`.
    PercentileRank,
    /// COINr `n_goalposts(x, gposts = c(lower, upper, scale), trunc2posts)`:
    /// `y = (x′ − l′) / (u′ − l′)`, truncated to `[0, 1]` if `truncate`, times `scale`.
    ///
    /// `lower` and `upper` are in the indicator's own units. For direction 1, `l′ = lower`
    /// and `u′ = upper`; for direction −1, `l′ = −upper` and `u′ = −lower`, as COINr's
    /// `get_iMeta_norm_paras()` does, which gives `y = (upper − x) / (upper − lower)`: the
    /// lower goalpost scores `scale`, the upper one 0. Truncation happens before scaling.
    Goalposts {
        /// Lower goalpost (own units).
        lower: f64,
        /// Upper goalpost (own units).
        upper: f64,
        /// Multiplier applied last (COINr `gposts[3]`, e.g. 1 or 100).
        scale: f64,
        /// Clamp to the goalposts before scaling (COINr `trunc2posts`, default `TRUE`).
        truncate: bool,
    },
    /// COINr `f_n = "none"`: `y = x′`, only the direction is applied.
    Identity,
}

impl Default for Normalisation {
    /// COINr's default: min-max onto `[0, 100]`.
    fn default() -> Self {
        Normalisation::MinMax {
            lower: 0.0,
            upper: 100.0,
        }
    }
}

impl Normalisation {
    /// The COINr function this method reproduces, e.g. `"n_minmax"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use linkage::score::normalise::Normalisation;
    /// assert_eq!(Normalisation::default().coinr_name(), "n_minmax");
    /// ```
    pub fn coinr_name(&self) -> &'static str {
        match self {
            Normalisation::MinMax { .. } => "n_minmax",
            Normalisation::ZScore { .. } => "n_zscore",
            Normalisation::Scaled { .. } => "n_scaled",
            Normalisation::DistToMax => "n_dist2max",
            Normalisation::DistToRef { .. } => "n_dist2ref",
            Normalisation::DistToTarget { .. } => "n_dist2targ",
            Normalisation::FracMax => "n_fracmax",
            Normalisation::Rank => "n_rank",
            Normalisation::Borda => "n_borda",
            Normalisation::PercentileRank => "n_prank",
            Normalisation::Goalposts { .. } => "n_goalposts",
            Normalisation::Identity => "none",
        }
    }

    /// A short English name used in error messages, e.g. `"min-max"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use linkage::score::normalise::Normalisation;
    /// assert_eq!(Normalisation::FracMax.label(), "fraction of max");
    /// ```
    pub fn label(&self) -> &'static str {
        match self {
            Normalisation::MinMax { .. } => "min-max",
            Normalisation::ZScore { .. } => "z-score",
            Normalisation::Scaled { .. } => "scaled",
            Normalisation::DistToMax => "distance to max",
            Normalisation::DistToRef { .. } => "distance to reference",
            Normalisation::DistToTarget { .. } => "distance to target",
            Normalisation::FracMax => "fraction of max",
            Normalisation::Rank => "rank",
            Normalisation::Borda => "borda",
            Normalisation::PercentileRank => "percentile rank",
            Normalisation::Goalposts { .. } => "goalposts",
            Normalisation::Identity => "identity",
        }
    }

    /// Whether the method ranks the values (and so uses the scratch buffer of
    /// [`normalise_into_with`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use linkage::score::normalise::Normalisation;
    /// assert!(Normalisation::Borda.is_rank_based());
    /// assert!(!Normalisation::DistToMax.is_rank_based());
    /// ```
    pub fn is_rank_based(&self) -> bool {
        matches!(
            self,
            Normalisation::Rank | Normalisation::Borda | Normalisation::PercentileRank
        )
    }
}

fn fail(method: Normalisation, reason: String) -> Error {
    Error::Method {
        method: method.label(),
        reason,
    }
}

fn check_finite(method: Normalisation, name: &str, v: f64) -> Result<()> {
    if v.is_finite() {
        Ok(())
    } else {
        Err(fail(
            method,
            format!("parameter `{name}` is {v}, not finite"),
        ))
    }
}

/// Checks the method's own parameters and the call's arguments before any work is done.
fn validate(method: Normalisation, n: usize, direction: f64, target: Option<f64>) -> Result<()> {
    // COINr accepts exactly −1 and 1 (`direction %nin% c(-1, 1)`): exact comparison is meant.
    #[allow(clippy::float_cmp)]
    let unit = direction == 1.0 || direction == -1.0;
    if !unit {
        return Err(fail(
            method,
            format!("direction must be 1 or -1, got {direction}"),
        ));
    }
    match method {
        Normalisation::MinMax { lower, upper } | Normalisation::Scaled { lower, upper } => {
            check_finite(method, "lower", lower)?;
            check_finite(method, "upper", upper)?;
        }
        Normalisation::ZScore { mean, sd } => {
            check_finite(method, "mean", mean)?;
            check_finite(method, "sd", sd)?;
            if sd <= 0.0 {
                return Err(fail(method, format!("target sd must be > 0, got {sd}")));
            }
        }
        Normalisation::DistToRef { reference, .. } => {
            if reference >= n {
                return Err(fail(
                    method,
                    format!("reference unit {reference} is out of range for {n} units"),
                ));
            }
        }
        Normalisation::DistToTarget { .. } => match target {
            Some(t) if !t.is_nan() => {}
            _ => return Err(fail(method, "the indicator has no target".to_string())),
        },
        Normalisation::Goalposts {
            lower,
            upper,
            scale,
            ..
        } => {
            check_finite(method, "lower", lower)?;
            check_finite(method, "upper", upper)?;
            check_finite(method, "scale", scale)?;
        }
        Normalisation::DistToMax
        | Normalisation::FracMax
        | Normalisation::Rank
        | Normalisation::Borda
        | Normalisation::PercentileRank
        | Normalisation::Identity => {}
    }
    Ok(())
}

/// Normalises one indicator into `out` (COINr `Normalise.numeric()`), allocating nothing
/// except, for the rank-based methods, a temporary sort buffer. Use
/// [`normalise_into_with`] to reuse that buffer across indicators.
///
/// Steps: `x′ = x · direction`; the target (for [`Normalisation::DistToTarget`]) becomes
/// `target · direction` and the goalposts are flipped likewise; then the method's formula
/// (see [`Normalisation`]) is applied to `x′`. `NaN` in gives `NaN` out.
///
/// `target` is the indicator's target in its own units; it is only read by
/// [`Normalisation::DistToTarget`].
///
/// # Errors
///
/// [`Error::Method`] if `x` and `out` differ in length, `direction` is not 1 or −1, a method
/// parameter is not finite (or the z-score `sd` is not > 0), the reference unit is out of
/// range, or distance to target has no target (COINr: "targ is NA").
///
/// # Examples
///
/// ```
/// use linkage::score::normalise::{normalise_into, Normalisation};
/// // min-max onto [0, 100]: (2 − 1) / (4 − 1) · 100 = 33.3…
/// let mut out = [0.0; 3];
/// normalise_into(Normalisation::default(), &[1.0, 2.0, 4.0], 1.0, None, &mut out).unwrap();
/// assert_eq!(out[0], 0.0);
/// assert!((out[1] - 100.0 / 3.0).abs() < 1e-12);
/// assert_eq!(out[2], 100.0);
///
/// // negative direction: the lowest raw value scores 100
/// normalise_into(Normalisation::default(), &[1.0, 2.0, 4.0], -1.0, None, &mut out).unwrap();
/// assert_eq!(out[0], 100.0);
/// assert_eq!(out[2], 0.0);
/// ```
pub fn normalise_into(
    method: Normalisation,
    x: &[f64],
    direction: f64,
    target: Option<f64>,
    out: &mut [f64],
) -> Result<()> {
    normalise_into_with(method, x, direction, target, out, &mut Vec::new())
}

/// As [`normalise_into`], with a caller-owned scratch buffer for the rank-based methods
/// ([`Normalisation::Rank`], [`Normalisation::Borda`], [`Normalisation::PercentileRank`]),
/// so that normalising many indicators allocates at most once. Other methods leave
/// `scratch` untouched.
///
/// # Errors
///
/// As [`normalise_into`].
///
/// # Examples
///
/// ```
/// use linkage::score::normalise::{normalise_into_with, Normalisation};
/// let mut scratch = Vec::new();
/// let mut out = [0.0; 4];
/// // percentile rank: ranks 1, 3, 2, 4 → (r − 1) / (4 − 1)
/// normalise_into_with(
///     Normalisation::PercentileRank, &[10.0, 30.0, 20.0, 40.0], 1.0, None, &mut out, &mut scratch,
/// ).unwrap();
/// assert_eq!(out, [0.0, 2.0 / 3.0, 1.0 / 3.0, 1.0]);
/// ```
pub fn normalise_into_with(
    method: Normalisation,
    x: &[f64],
    direction: f64,
    target: Option<f64>,
    out: &mut [f64],
    scratch: &mut Vec<usize>,
) -> Result<()> {
    if x.len() != out.len() {
        return Err(fail(
            method,
            format!("input has {} values but output has {}", x.len(), out.len()),
        ));
    }
    validate(method, x.len(), direction, target)?;
    for (o, &v) in out.iter_mut().zip(x) {
        *o = v * direction;
    }
    match method {
        Normalisation::MinMax { lower, upper } => {
            let (mn, mx) = (stats::min(out), stats::max(out));
            // t is exactly 1 at the maximum, where (upper − lower) + lower may round one step
            // past `upper` (e.g. onto [0.3, 0.9]): the top unit gets `upper` as written, and
            // rounding elsewhere cannot leave [lower, upper].
            let (lo, hi) = (lower.min(upper), lower.max(upper));
            for v in out.iter_mut() {
                let t = (*v - mn) / (mx - mn);
                #[allow(clippy::float_cmp)] // exact by design: x / x is exactly 1
                let top = t == 1.0;
                *v = if top {
                    upper
                } else {
                    (t * (upper - lower) + lower).clamp(lo, hi)
                };
            }
        }
        Normalisation::ZScore { mean, sd } => {
            let (m, s) = (stats::mean(out), stats::sd(out));
            for v in out.iter_mut() {
                *v = (*v - m) / s * sd + mean;
            }
        }
        Normalisation::Scaled { lower, upper } => {
            for v in out.iter_mut() {
                *v = (*v - lower) / (upper - lower) * 100.0;
            }
        }
        Normalisation::DistToMax => {
            let (mn, mx) = (stats::min(out), stats::max(out));
            for v in out.iter_mut() {
                *v = 1.0 - (mx - *v) / (mx - mn);
            }
        }
        Normalisation::DistToRef { reference, cap_max } => {
            let mn = stats::min(out);
            let xref = out[reference];
            for v in out.iter_mut() {
                *v = 1.0 - (xref - *v) / (xref - mn);
                if cap_max && *v > 1.0 {
                    *v = 1.0;
                }
            }
        }
        Normalisation::DistToTarget { cap_max } => {
            // validated above: the target is present
            let t = target.unwrap_or(f64::NAN) * direction;
            let mn = stats::min(out);
            for v in out.iter_mut() {
                *v = (*v - mn) / (t - mn);
                if cap_max && *v > 1.0 {
                    *v = 1.0;
                }
            }
        }
        Normalisation::FracMax => {
            let mx = stats::max(out);
            for v in out.iter_mut() {
                *v /= mx;
            }
        }
        Normalisation::Rank => min_rank_in_place(out, RankOrder::LowestFirst, scratch),
        Normalisation::Borda => {
            min_rank_in_place(out, RankOrder::LowestFirst, scratch);
            for v in out.iter_mut() {
                *v -= 1.0;
            }
        }
        Normalisation::PercentileRank => {
            let n = stats::count(out) as f64;
            min_rank_in_place(out, RankOrder::LowestFirst, scratch);
            for v in out.iter_mut() {
                *v = (*v - 1.0) / (n - 1.0);
            }
        }
        Normalisation::Goalposts {
            lower,
            upper,
            scale,
            truncate,
        } => {
            let (l, u) = if direction > 0.0 {
                (lower, upper)
            } else {
                (-upper, -lower)
            };
            for v in out.iter_mut() {
                let mut y = (*v - l) / (u - l);
                if truncate {
                    // NaN stays NaN
                    y = y.clamp(0.0, 1.0);
                }
                *v = y * scale;
            }
        }
        Normalisation::Identity => {}
    }
    Ok(())
}

/// Allocating form of [`normalise_into`]: returns the normalised indicator.
///
/// # Errors
///
/// As [`normalise_into`].
///
/// # Examples
///
/// ```
/// use linkage::score::normalise::{normalise, Normalisation};
/// // distance to target 8 with cap: (x − 2) / (8 − 2), 10 → 1.33… capped to 1
/// let y = normalise(
///     Normalisation::DistToTarget { cap_max: true }, &[2.0, 5.0, 10.0], 1.0, Some(8.0),
/// ).unwrap();
/// assert_eq!(y, vec![0.0, 0.5, 1.0]);
/// ```
pub fn normalise(
    method: Normalisation,
    x: &[f64],
    direction: f64,
    target: Option<f64>,
) -> Result<Vec<f64>> {
    let mut out = vec![0.0; x.len()];
    normalise_into(method, x, direction, target, &mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests;
