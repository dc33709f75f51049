//! Aggregation: combining child indicators (or aggregates) into their parent, per unit
//! (COINr's `a_*()` functions).
//!
//! Weights are relative: for each unit they are renormalised over the children that unit
//! actually has (non-`NaN`), so a missing child neither counts as zero nor drags the
//! score down. A unit with every child missing gets `NaN`.
//!
//! Reference: COINr `R/aggregate.R` (`a_amean`, `a_gmean`, `a_hmean`, `a_genmean`,
//! `outrankMatrix`, `a_copeland`); JRC/OECD *Handbook on Constructing Composite
//! Indicators* (2008), §6.

use crate::score::matrix::Matrix;
use crate::{Error, Result};

/// An aggregation method, one per COINr `a_*()` function.
///
/// In the formulas, the sums run over the children present (non-missing) for the unit, and
/// `wᵢ` are the children's weights; since each formula divides by `Σ wᵢ`, only their ratios
/// matter.
///
/// # Examples
///
/// ```
/// use linkage::score::aggregate::Aggregation;
/// assert_eq!(Aggregation::default(), Aggregation::ArithmeticMean);
/// assert_eq!(Aggregation::GeneralisedMean { p: 2.0 }.coinr_name(), "a_genmean");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Aggregation {
    /// COINr `a_amean(x, w)`, the default: `y = Σ wᵢ xᵢ / Σ wᵢ`.
    #[default]
    ArithmeticMean,
    /// COINr `a_gmean(x, w)`: `y = exp( Σ wᵢ ln xᵢ / Σ wᵢ )`.
    ///
    /// Fails on any present value `≤ 0` (COINr stops: "Negative or zero values found when
    /// applying geometric mean"), even one whose weight is 0.
    GeometricMean,
    /// COINr `a_hmean(x, w)`: `y = Σ wᵢ / Σ (wᵢ / xᵢ)`.
    ///
    /// Fails on any present value equal to 0, as COINr does. Negative values are accepted,
    /// as in COINr (which only checks for zeros), although the result is then rarely
    /// meaningful.
    HarmonicMean,
    /// COINr `a_genmean(x, w, p)`: `y = ( Σ wᵢ xᵢᵖ / Σ wᵢ )^{1/p}`.
    ///
    /// Fails when `p = 0` (use the geometric mean, its limit) and, for `p < 0`, on any
    /// present value `≤ 0`, as COINr does. A negative value with a non-integer `p` gives
    /// `NaN`, as in R.
    ///
    /// **Deviation:** COINr's `a_genmean()` sums without `na.rm = TRUE`, so any missing
    /// child makes the unit's result `NA`. Here missing children are dropped and the
    /// weights renormalised, like every other mean.
    GeneralisedMean {
        /// The exponent `p` (`p = 1` arithmetic, `p = −1` harmonic, `p = 2` quadratic).
        p: f64,
    },
    /// COINr `a_copeland(X, w)`: each unit scores `Σ_{j ≠ i} sign(o_ij − o_ji)` where
    /// `o_ij = Σ_{k : x_ik > x_jk} w_k + ½ Σ_{k : x_ik = x_jk} w_k` is the weight of the
    /// children on which unit `i` outranks unit `j` (COINr `outrankMatrix()`). A unit that
    /// beats every other unit scores `n − 1`.
    ///
    /// Works across units, so each unit's result depends on all the others.
    ///
    /// **Deviation with missing values:** COINr fills the outranking matrix's lower
    /// triangle as `1 − o_ji` and compares with ½, so when values are missing the result
    /// depends on the order of the units. Here both `o_ij` and `o_ji` are computed over the
    /// children both units have and compared with each other, which is order-free and the
    /// same as COINr on complete data. A unit with every child missing scores `NaN` and
    /// ties with (adds 0 to) every other unit.
    Copeland,
}

/// A short label, e.g. `arithmetic`, `generalised(2)`.
///
/// # Examples
/// ```
/// use linkage::score::aggregate::Aggregation;
/// assert_eq!(Aggregation::GeometricMean.to_string(), "geometric");
/// assert_eq!(Aggregation::GeneralisedMean { p: 2.0 }.to_string(), "generalised(2)");
/// ```
impl std::fmt::Display for Aggregation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Aggregation::ArithmeticMean => write!(f, "arithmetic"),
            Aggregation::GeometricMean => write!(f, "geometric"),
            Aggregation::HarmonicMean => write!(f, "harmonic"),
            Aggregation::GeneralisedMean { p } => write!(f, "generalised({p})"),
            Aggregation::Copeland => write!(f, "copeland"),
        }
    }
}

impl Aggregation {
    /// The COINr function this method reproduces, e.g. `"a_amean"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use linkage::score::aggregate::Aggregation;
    /// assert_eq!(Aggregation::Copeland.coinr_name(), "a_copeland");
    /// ```
    pub fn coinr_name(&self) -> &'static str {
        match self {
            Aggregation::ArithmeticMean => "a_amean",
            Aggregation::GeometricMean => "a_gmean",
            Aggregation::HarmonicMean => "a_hmean",
            Aggregation::GeneralisedMean { .. } => "a_genmean",
            Aggregation::Copeland => "a_copeland",
        }
    }

    /// A short English name used in error messages, e.g. `"geometric mean"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use linkage::score::aggregate::Aggregation;
    /// assert_eq!(Aggregation::HarmonicMean.label(), "harmonic mean");
    /// ```
    pub fn label(&self) -> &'static str {
        match self {
            Aggregation::ArithmeticMean => "arithmetic mean",
            Aggregation::GeometricMean => "geometric mean",
            Aggregation::HarmonicMean => "harmonic mean",
            Aggregation::GeneralisedMean { .. } => "generalised mean",
            Aggregation::Copeland => "copeland",
        }
    }
}

/// One unit's row: `m` children read through `x(k)`, weights `w[k]`.
/// Returns the aggregate or the reason it cannot be computed.
fn row_value(
    method: Aggregation,
    m: usize,
    x: impl Fn(usize) -> f64,
    w: &[f64],
) -> std::result::Result<f64, String> {
    let present = || (0..m).filter(|&k| !x(k).is_nan());
    if present().next().is_none() {
        return Ok(f64::NAN);
    }
    let wsum: f64 = present().map(|k| w[k]).sum();
    match method {
        Aggregation::ArithmeticMean => Ok(present().map(|k| w[k] / wsum * x(k)).sum()),
        Aggregation::GeometricMean => {
            if let Some(v) = present().map(&x).find(|&v| v <= 0.0) {
                return Err(format!(
                    "value {v} is not positive; normalise onto a positive range first"
                ));
            }
            Ok((present().map(|k| w[k] * x(k).ln()).sum::<f64>() / wsum).exp())
        }
        Aggregation::HarmonicMean => {
            if present().any(|k| x(k) == 0.0) {
                return Err("value 0 found; normalise to remove zeros first".to_string());
            }
            Ok(wsum / present().map(|k| w[k] / x(k)).sum::<f64>())
        }
        Aggregation::GeneralisedMean { p } => {
            if p < 0.0
                && let Some(v) = present().map(&x).find(|&v| v <= 0.0)
            {
                return Err(format!("value {v} is not positive, which p = {p} forbids"));
            }
            Ok((present().map(|k| w[k] * x(k).powf(p)).sum::<f64>() / wsum).powf(1.0 / p))
        }
        // handled across units by `copeland_into`
        Aggregation::Copeland => Ok(f64::NAN),
    }
}

fn check_weights(method: Aggregation, n_children: usize, w: &[f64]) -> Result<()> {
    if w.len() != n_children {
        return Err(Error::Method {
            method: method.label(),
            reason: format!("{n_children} children but {} weights", w.len()),
        });
    }
    if let Some((k, v)) = w.iter().enumerate().find(|(_, v)| !v.is_finite()) {
        return Err(Error::Method {
            method: method.label(),
            reason: format!("weight {k} is {v}, not finite"),
        });
    }
    if let Aggregation::GeneralisedMean { p } = method
        && (p == 0.0 || !p.is_finite())
    {
        return Err(Error::Method {
            method: method.label(),
            reason: format!(
                "p = {p} is not allowed (p = 0 is the geometric mean: use that instead)"
            ),
        });
    }
    Ok(())
}

/// Aggregates one unit's children `x` with weights `w` (COINr `a_amean`, `a_gmean`,
/// `a_hmean`, `a_genmean`, applied to one row). Missing children are dropped and the
/// weights renormalised over the rest; all missing gives `NaN`.
///
/// # Errors
///
/// [`Error::Method`] if `x` and `w` differ in length, a weight is not finite, `p` is 0 or
/// not finite, the method forbids a value present (see [`Aggregation`]), or `method` is
/// [`Aggregation::Copeland`], which needs every unit (use [`aggregate_into`]).
///
/// # Examples
///
/// ```
/// use linkage::score::aggregate::{aggregate_row, Aggregation};
/// // (1·2 + 3·6) / (1 + 3) = 5; the missing child and its weight are dropped
/// let y = aggregate_row(Aggregation::ArithmeticMean, &[2.0, 6.0, f64::NAN], &[1.0, 3.0, 5.0]);
/// assert_eq!(y.unwrap(), 5.0);
/// // exp((ln 1 + ln 4) / 2) = 2
/// let g = aggregate_row(Aggregation::GeometricMean, &[1.0, 4.0], &[1.0, 1.0]).unwrap();
/// assert!((g - 2.0).abs() < 1e-12);
/// assert!(aggregate_row(Aggregation::GeometricMean, &[0.0, 4.0], &[1.0, 1.0]).is_err());
/// ```
pub fn aggregate_row(method: Aggregation, x: &[f64], w: &[f64]) -> Result<f64> {
    if x.len() != w.len() {
        return Err(Error::Method {
            method: method.label(),
            reason: format!("{} values but {} weights", x.len(), w.len()),
        });
    }
    check_weights(method, x.len(), w)?;
    if method == Aggregation::Copeland {
        return Err(Error::Method {
            method: method.label(),
            reason: "copeland ranks units against each other: use aggregate_into".to_string(),
        });
    }
    row_value(method, x.len(), |k| x[k], w).map_err(|reason| Error::Method {
        method: method.label(),
        reason,
    })
}

/// Aggregates the columns `child_cols` of `children` (units × indicators) into `out`, one
/// value per unit, with `weights[k]` the weight of `child_cols[k]`.
///
/// Row-wise methods apply [`aggregate_row`] to each unit (COINr `Aggregate()` with
/// `by_df = FALSE`); [`Aggregation::Copeland`] compares units pairwise over the whole
/// block (COINr `by_df = TRUE`), see [`copeland_into`]. Allocates nothing.
///
/// COINr's optional data-availability threshold (`dat_thresh`) is not part of this kernel:
/// apply it to `out` afterwards.
///
/// # Errors
///
/// [`Error::Method`] if `out` does not have one value per unit, a column index is out of
/// range, `weights` and `child_cols` differ in length, a weight is not finite, `p` is 0 or
/// not finite, or a value is forbidden by the method (the message names the first unit at
/// fault, 0-based).
///
/// # Examples
///
/// ```
/// use linkage::score::aggregate::{aggregate_into, Aggregation};
/// use linkage::score::matrix::Matrix;
/// // two units, three indicators; aggregate indicators 0 and 2 with weights 1 and 3
/// let m = Matrix::from_columns(&[[10.0, 40.0], [0.0, 0.0], [50.0, f64::NAN]]).unwrap();
/// let mut out = [0.0; 2];
/// aggregate_into(Aggregation::ArithmeticMean, &m, &[0, 2], &[1.0, 3.0], &mut out).unwrap();
/// // unit 0: (1·10 + 3·50) / 4 = 40; unit 1: only indicator 0 present → 40
/// assert_eq!(out, [40.0, 40.0]);
/// ```
pub fn aggregate_into(
    method: Aggregation,
    children: &Matrix,
    child_cols: &[usize],
    weights: &[f64],
    out: &mut [f64],
) -> Result<()> {
    check_block(method, children, child_cols, weights, out)?;
    if method == Aggregation::Copeland {
        return copeland_unchecked(children, child_cols, weights, out);
    }
    let cols: &[usize] = child_cols;
    for (i, o) in out.iter_mut().enumerate() {
        *o = row_value(method, cols.len(), |k| children.get(i, cols[k]), weights).map_err(
            |reason| Error::Method {
                method: method.label(),
                reason: format!("unit {i}: {reason}"),
            },
        )?;
    }
    Ok(())
}

fn check_block(
    method: Aggregation,
    children: &Matrix,
    child_cols: &[usize],
    weights: &[f64],
    out: &[f64],
) -> Result<()> {
    if out.len() != children.rows() {
        return Err(Error::Method {
            method: method.label(),
            reason: format!(
                "{} units but output has {} values",
                children.rows(),
                out.len()
            ),
        });
    }
    if let Some(&c) = child_cols.iter().find(|&&c| c >= children.cols()) {
        return Err(Error::Method {
            method: method.label(),
            reason: format!("column {c} is out of range for {} columns", children.cols()),
        });
    }
    check_weights(method, child_cols.len(), weights)
}

/// Copeland scores of all units (COINr `a_copeland()`), into `out`.
///
/// For each pair of units `(i, j)`, `o_ij = Σ_{k : x_ik > x_jk} w_k + ½ Σ_{k : x_ik = x_jk} w_k`
/// over the children both have; unit `i` gains 1 if `o_ij > o_ji`, loses 1 if
/// `o_ij < o_ji`, and 0 on a tie. See [`Aggregation::Copeland`] for how this differs from
/// COINr when values are missing. `O(units² · children)`; allocates nothing.
///
/// # Errors
///
/// As [`aggregate_into`].
///
/// # Examples
///
/// ```
/// use linkage::score::aggregate::copeland_into;
/// use linkage::score::matrix::Matrix;
/// // three units, two equally weighted indicators
/// // unit 0 = (3, 3) beats both others; unit 1 = (2, 1) and unit 2 = (1, 2) tie
/// let m = Matrix::from_columns(&[[3.0, 2.0, 1.0], [3.0, 1.0, 2.0]]).unwrap();
/// let mut out = [0.0; 3];
/// copeland_into(&m, &[0, 1], &[1.0, 1.0], &mut out).unwrap();
/// assert_eq!(out, [2.0, -1.0, -1.0]);
/// ```
pub fn copeland_into(
    children: &Matrix,
    child_cols: &[usize],
    weights: &[f64],
    out: &mut [f64],
) -> Result<()> {
    check_block(Aggregation::Copeland, children, child_cols, weights, out)?;
    copeland_unchecked(children, child_cols, weights, out)
}

fn copeland_unchecked(
    children: &Matrix,
    child_cols: &[usize],
    weights: &[f64],
    out: &mut [f64],
) -> Result<()> {
    let n = children.rows();
    for (i, o) in out.iter_mut().enumerate() {
        if child_cols.iter().all(|&c| children.get(i, c).is_nan()) {
            *o = f64::NAN;
            continue;
        }
        let mut score = 0.0;
        for j in (0..n).filter(|&j| j != i) {
            let (mut above, mut below) = (0.0, 0.0);
            for (&c, &w) in child_cols.iter().zip(weights) {
                let col = children.col(c);
                let (a, b) = (col[i], col[j]);
                if a > b {
                    above += w;
                } else if a < b {
                    below += w;
                }
                // equal: ½w to both sides cancels; NaN: pair skipped
            }
            if above > below {
                score += 1.0;
            } else if above < below {
                score -= 1.0;
            }
        }
        *o = score;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use proptest::prelude::*;

    const NA: f64 = f64::NAN;

    fn agg(method: Aggregation, cols: &[Vec<f64>], w: &[f64]) -> Result<Vec<f64>> {
        let m = Matrix::from_columns(cols).unwrap();
        let idx: Vec<usize> = (0..cols.len()).collect();
        let mut out = vec![0.0; m.rows()];
        aggregate_into(method, &m, &idx, w, &mut out)?;
        Ok(out)
    }

    #[test]
    fn arithmetic_by_hand() {
        // unit 0: (1·2 + 1·4 + 2·6) / 4 = 18 / 4 = 4.5
        // unit 1: child 1 missing → (1·2 + 2·8) / 3 = 6
        // unit 2: all missing → NaN
        let y = agg(
            Aggregation::ArithmeticMean,
            &[vec![2.0, 2.0, NA], vec![4.0, NA, NA], vec![6.0, 8.0, NA]],
            &[1.0, 1.0, 2.0],
        )
        .unwrap();
        assert_relative_eq!(y[0], 4.5);
        assert_relative_eq!(y[1], 6.0);
        assert!(y[2].is_nan());
    }

    #[test]
    fn geometric_by_hand() {
        // weights 1, 2: exp((ln 2 + 2 ln 8) / 3) = (2 · 64)^{1/3} = 128^{1/3} = 4 · 2^{1/3}
        let y = agg(
            Aggregation::GeometricMean,
            &[vec![2.0, NA], vec![8.0, 5.0]],
            &[1.0, 2.0],
        )
        .unwrap();
        assert_relative_eq!(y[0], 128f64.cbrt(), epsilon = 1e-12);
        // unit 1 has only 5 → 5
        assert_relative_eq!(y[1], 5.0, epsilon = 1e-12);
    }

    #[test]
    fn geometric_rejects_zero_and_negative() {
        let e = agg(
            Aggregation::GeometricMean,
            &[vec![1.0, 0.0], vec![1.0, 1.0]],
            &[1.0, 1.0],
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "geometric mean: unit 1: value 0 is not positive; normalise onto a positive range first"
        );
        assert!(agg(Aggregation::GeometricMean, &[vec![-1.0]], &[1.0]).is_err());
        // COINr checks x, not weights: a zero-weight non-positive child still fails
        assert!(
            agg(
                Aggregation::GeometricMean,
                &[vec![1.0], vec![-1.0]],
                &[1.0, 0.0]
            )
            .is_err()
        );
    }

    #[test]
    fn harmonic_by_hand() {
        // weights 1, 1: 2 / (1/2 + 1/6) = 2 / (4/6) = 3
        let y = agg(
            Aggregation::HarmonicMean,
            &[vec![2.0], vec![6.0]],
            &[1.0, 1.0],
        )
        .unwrap();
        assert_relative_eq!(y[0], 3.0, epsilon = 1e-12);
        assert!(
            agg(
                Aggregation::HarmonicMean,
                &[vec![0.0], vec![6.0]],
                &[1.0, 1.0]
            )
            .is_err()
        );
        // negatives are accepted as in COINr: 2 / (1/−2 + 1/6) = 2 / (−1/3) = −6
        let y = agg(
            Aggregation::HarmonicMean,
            &[vec![-2.0], vec![6.0]],
            &[1.0, 1.0],
        )
        .unwrap();
        assert_relative_eq!(y[0], -6.0, epsilon = 1e-12);
    }

    #[test]
    fn generalised_by_hand() {
        // p = 2, weights 1, 1: √((3² + 4²) / 2) = √12.5
        let y = agg(
            Aggregation::GeneralisedMean { p: 2.0 },
            &[vec![3.0, 3.0], vec![4.0, NA]],
            &[1.0, 1.0],
        )
        .unwrap();
        assert_relative_eq!(y[0], 12.5f64.sqrt(), epsilon = 1e-12);
        // missing child dropped (deviation from COINr, which returns NA here)
        assert_relative_eq!(y[1], 3.0, epsilon = 1e-12);
        // p = 1 is the arithmetic mean, p = −1 the harmonic mean
        let a = agg(
            Aggregation::GeneralisedMean { p: 1.0 },
            &[vec![2.0], vec![6.0]],
            &[1.0, 3.0],
        )
        .unwrap();
        assert_relative_eq!(a[0], 5.0, epsilon = 1e-12);
        let h = agg(
            Aggregation::GeneralisedMean { p: -1.0 },
            &[vec![2.0], vec![6.0]],
            &[1.0, 1.0],
        )
        .unwrap();
        assert_relative_eq!(h[0], 3.0, epsilon = 1e-12);
    }

    #[test]
    fn generalised_errors() {
        assert!(
            agg(
                Aggregation::GeneralisedMean { p: 0.0 },
                &[vec![1.0]],
                &[1.0]
            )
            .is_err()
        );
        // p = 0 fails even when every value is missing, as in COINr
        assert!(agg(Aggregation::GeneralisedMean { p: 0.0 }, &[vec![NA]], &[1.0]).is_err());
        assert!(
            agg(
                Aggregation::GeneralisedMean { p: -2.0 },
                &[vec![0.0]],
                &[1.0]
            )
            .is_err()
        );
        // p > 0 accepts zero
        assert_eq!(
            agg(
                Aggregation::GeneralisedMean { p: 2.0 },
                &[vec![0.0]],
                &[1.0]
            )
            .unwrap(),
            vec![0.0]
        );
    }

    #[test]
    fn copeland_by_hand() {
        // units × indicators (weights 1, 1, 2):
        //   u0 = (5, 5, 1), u1 = (1, 1, 5), u2 = (3, 3, 3)
        // u0 vs u1: u0 higher on ind 0, 1 (w 2), lower on ind 2 (w 2) → tie, 0
        // u0 vs u2: higher on 0, 1 (2), lower on 2 (2) → tie, 0
        // u1 vs u2: lower on 0, 1 (2), higher on 2 (2) → tie, 0
        let y = agg(
            Aggregation::Copeland,
            &[
                vec![5.0, 1.0, 3.0],
                vec![5.0, 1.0, 3.0],
                vec![1.0, 5.0, 3.0],
            ],
            &[1.0, 1.0, 2.0],
        )
        .unwrap();
        assert_eq!(y, vec![0.0, 0.0, 0.0]);
        // raise the weight of indicator 2 to 3: now ind 2 (w 3) beats ind 0 + 1 (w 2)
        // u0 vs u1: −1; u0 vs u2: −1; u1 vs u2: u1 higher on 2 → +1 for u1
        // u0 = −2, u1 = +2, u2 = 0
        let y = agg(
            Aggregation::Copeland,
            &[
                vec![5.0, 1.0, 3.0],
                vec![5.0, 1.0, 3.0],
                vec![1.0, 5.0, 3.0],
            ],
            &[1.0, 1.0, 3.0],
        )
        .unwrap();
        assert_eq!(y, vec![-2.0, 2.0, 0.0]);
    }

    #[test]
    fn copeland_with_missing() {
        // u0 = (1, NaN), u1 = (2, 0), u2 = (NaN, NaN)
        // u0 vs u1 on indicator 0 only: u1 higher → u0 −1, u1 +1; u2 all missing → NaN, ties
        let y = agg(
            Aggregation::Copeland,
            &[vec![1.0, 2.0, NA], vec![NA, 0.0, NA]],
            &[1.0, 1.0],
        )
        .unwrap();
        assert_eq!(&y[..2], &[-1.0, 1.0]);
        assert!(y[2].is_nan());
    }

    #[test]
    fn block_errors() {
        let m = Matrix::from_columns(&[[1.0, 2.0]]).unwrap();
        let mut out = [0.0; 2];
        // weights length
        assert!(aggregate_into(Aggregation::ArithmeticMean, &m, &[0], &[], &mut out).is_err());
        // column out of range
        assert!(aggregate_into(Aggregation::ArithmeticMean, &m, &[1], &[1.0], &mut out).is_err());
        // NaN weight (COINr: "w cannot contain NAs")
        assert!(aggregate_into(Aggregation::ArithmeticMean, &m, &[0], &[NA], &mut out).is_err());
        // output length
        let mut short = [0.0; 1];
        assert!(aggregate_into(Aggregation::ArithmeticMean, &m, &[0], &[1.0], &mut short).is_err());
        // copeland is not a row method
        assert!(aggregate_row(Aggregation::Copeland, &[1.0], &[1.0]).is_err());
    }

    #[test]
    fn zero_weight_sum_gives_nan_like_coinr() {
        // COINr: w / sum(w) = 0 / 0
        let y = agg(Aggregation::ArithmeticMean, &[vec![3.0]], &[0.0]).unwrap();
        assert!(y[0].is_nan());
    }

    const METHODS: [Aggregation; 5] = [
        Aggregation::ArithmeticMean,
        Aggregation::GeometricMean,
        Aggregation::HarmonicMean,
        Aggregation::GeneralisedMean { p: 2.0 },
        Aggregation::Copeland,
    ];

    /// units × children block of positive values with some NaN, plus weights
    fn block() -> impl Strategy<Value = (Vec<Vec<f64>>, Vec<f64>)> {
        (1usize..8, 1usize..5).prop_flat_map(|(units, kids)| {
            (
                prop::collection::vec(
                    prop::collection::vec(
                        prop_oneof![5 => (1i32..20).prop_map(f64::from), 1 => Just(f64::NAN)],
                        units,
                    ),
                    kids,
                ),
                prop::collection::vec(0.1f64..10.0, kids),
            )
        })
    }

    fn close(a: f64, b: f64) -> bool {
        (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-9 * (1.0 + b.abs())
    }

    proptest! {
        #[test]
        fn mean_of_identical_children_is_that_child(
            col in prop::collection::vec(prop_oneof![4 => 0.5f64..100.0, 1 => Just(f64::NAN)], 1..10),
            w in prop::collection::vec(0.1f64..10.0, 1..5),
        ) {
            let cols = vec![col.clone(); w.len()];
            for m in [Aggregation::ArithmeticMean, Aggregation::GeometricMean,
                      Aggregation::HarmonicMean, Aggregation::GeneralisedMean { p: 3.0 }] {
                let y = agg(m, &cols, &w).unwrap();
                for (a, b) in y.iter().zip(&col) {
                    prop_assert!(close(*a, *b), "{:?}: {} vs {}", m, a, b);
                }
            }
        }

        #[test]
        fn scaling_weights_changes_nothing((cols, w) in block(), c in 0.01f64..100.0) {
            let wc: Vec<f64> = w.iter().map(|v| v * c).collect();
            for m in METHODS {
                let a = agg(m, &cols, &w).unwrap();
                let b = agg(m, &cols, &wc).unwrap();
                for (x, y) in a.iter().zip(&b) {
                    prop_assert!(close(*x, *y), "{:?}: {} vs {}", m, x, y);
                }
            }
        }

        #[test]
        fn permuting_units_permutes_outputs((cols, w) in block(), rot in 0usize..8) {
            let n = cols[0].len();
            let perm: Vec<usize> = (0..n).map(|i| (i + rot) % n).rev().collect();
            let permuted: Vec<Vec<f64>> = cols
                .iter()
                .map(|c| perm.iter().map(|&i| c[i]).collect())
                .collect();
            for m in METHODS {
                let y = agg(m, &cols, &w).unwrap();
                let yp = agg(m, &permuted, &w).unwrap();
                for (k, &i) in perm.iter().enumerate() {
                    prop_assert!(close(yp[k], y[i]), "{:?}: {} vs {}", m, yp[k], y[i]);
                }
            }
        }
    }
}
