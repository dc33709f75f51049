//! Descriptive statistics that ignore missing values (`NaN`), matching R.
//!
//! Every function skips `NaN` (R's `na.rm = TRUE`) and returns `NaN` when too few values
//! remain for the statistic to be defined, where R would return `NA` (or, for `min`/`max`
//! of nothing, `±Inf` with a warning).
//!
//! Skewness and kurtosis follow COINr's `skew()` and `kurt()`, which copy
//! `e1071::skewness(type = 2)` and `e1071::kurtosis(type = 2)` (the Excel/SAS definitions).

/// Number of non-missing values.
///
/// # Examples
///
/// ```
/// use linkage::score::stats::count;
/// assert_eq!(count(&[1.0, f64::NAN, 3.0]), 2);
/// ```
pub fn count(x: &[f64]) -> usize {
    x.iter().filter(|v| !v.is_nan()).count()
}

/// Smallest non-missing value, `NaN` if there is none (R: `min(x, na.rm = TRUE)`, which
/// gives `Inf` and a warning in that case).
///
/// # Examples
///
/// ```
/// use linkage::score::stats::min;
/// assert_eq!(min(&[3.0, f64::NAN, -1.0]), -1.0);
/// assert!(min(&[f64::NAN]).is_nan());
/// ```
pub fn min(x: &[f64]) -> f64 {
    x.iter()
        .copied()
        .filter(|v| !v.is_nan())
        .fold(f64::NAN, |m, v| if m.is_nan() || v < m { v } else { m })
}

/// Largest non-missing value, `NaN` if there is none (R: `max(x, na.rm = TRUE)`).
///
/// # Examples
///
/// ```
/// use linkage::score::stats::max;
/// assert_eq!(max(&[3.0, f64::NAN, -1.0]), 3.0);
/// ```
pub fn max(x: &[f64]) -> f64 {
    x.iter()
        .copied()
        .filter(|v| !v.is_nan())
        .fold(f64::NAN, |m, v| if m.is_nan() || v > m { v } else { m })
}

/// Arithmetic mean of the non-missing values, `NaN` if there is none.
///
/// `mean = Σ xᵢ / n`, computed like R's `mean()` with a second, correcting pass
/// (`mean + Σ (xᵢ − mean) / n`) for accuracy.
///
/// # Examples
///
/// ```
/// use linkage::score::stats::mean;
/// assert_eq!(mean(&[1.0, 2.0, f64::NAN, 6.0]), 3.0);
/// ```
pub fn mean(x: &[f64]) -> f64 {
    let (sum, n) = x
        .iter()
        .filter(|v| !v.is_nan())
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        return f64::NAN;
    }
    let m = sum / n as f64;
    if !m.is_finite() {
        return m;
    }
    let corr: f64 = x.iter().filter(|v| !v.is_nan()).map(|v| v - m).sum();
    m + corr / n as f64
}

/// Sample standard deviation (divisor `n − 1`) of the non-missing values, as R's `sd()`;
/// `NaN` when fewer than two values are present.
///
/// `s = √( Σ (xᵢ − x̄)² / (n − 1) )`
///
/// # Examples
///
/// ```
/// use linkage::score::stats::sd;
/// // mean 2, squared deviations 1 + 0 + 1 = 2, divided by n − 1 = 2 → 1
/// assert_eq!(sd(&[1.0, 2.0, 3.0]), 1.0);
/// assert!(sd(&[1.0]).is_nan());
/// ```
pub fn sd(x: &[f64]) -> f64 {
    let n = count(x);
    if n < 2 {
        return f64::NAN;
    }
    let m = mean(x);
    let ss: f64 = x
        .iter()
        .filter(|v| !v.is_nan())
        .map(|v| (v - m) * (v - m))
        .sum();
    (ss / (n - 1) as f64).sqrt()
}

/// Median of the non-missing values (mean of the two middle values when their number is
/// even), as R's `median(x, na.rm = TRUE)`; `NaN` if there is none.
///
/// Allocates a sorted copy of the non-missing values.
///
/// # Examples
///
/// ```
/// use linkage::score::stats::median;
/// assert_eq!(median(&[4.0, 1.0, f64::NAN, 2.0]), 2.0);
/// assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
/// ```
pub fn median(x: &[f64]) -> f64 {
    quantile(x, 0.5)
}

/// Quantile `p` of the non-missing values by R's default method (`type = 7`); `NaN` if there
/// is no value or `p` lies outside `[0, 1]`.
///
/// With the `n` sorted values `x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎` (0-based), `h = (n − 1)·p`,
/// `q = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)` (Hyndman & Fan 1996, definition 7).
///
/// Allocates a sorted copy of the non-missing values; use [`quantile_sorted`] to reuse one.
///
/// # Examples
///
/// ```
/// use linkage::score::stats::quantile;
/// // h = 3 · 0.25 = 0.75 → 1 + 0.75 · (2 − 1)
/// assert_eq!(quantile(&[4.0, 3.0, 2.0, 1.0], 0.25), 1.75);
/// ```
pub fn quantile(x: &[f64], p: f64) -> f64 {
    let mut v: Vec<f64> = x.iter().copied().filter(|v| !v.is_nan()).collect();
    v.sort_unstable_by(f64::total_cmp);
    quantile_sorted(&v, p)
}

/// Quantile `p` (R `type = 7`) of values that are already sorted ascending and contain no
/// `NaN`; `NaN` if `sorted` is empty or `p` lies outside `[0, 1]`. See [`quantile`].
///
/// # Examples
///
/// ```
/// use linkage::score::stats::quantile_sorted;
/// assert_eq!(quantile_sorted(&[1.0, 2.0, 3.0, 4.0], 0.5), 2.5);
/// ```
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let frac = h - lo as f64;
    if lo + 1 >= sorted.len() || frac == 0.0 {
        sorted[lo]
    } else {
        sorted[lo] + frac * (sorted[lo + 1] - sorted[lo])
    }
}

/// Central sums `(n, Σd², Σd³, Σd⁴)` with `d = x − mean` over the non-missing values.
fn central_sums(x: &[f64]) -> (usize, f64, f64, f64) {
    let m = mean(x);
    let mut n = 0usize;
    let (mut s2, mut s3, mut s4) = (0.0, 0.0, 0.0);
    for &v in x.iter().filter(|v| !v.is_nan()) {
        let d = v - m;
        let d2 = d * d;
        n += 1;
        s2 += d2;
        s3 += d2 * d;
        s4 += d2 * d2;
    }
    (n, s2, s3, s4)
}

/// Sample skewness `G1` as `e1071::skewness(x, type = 2)` and COINr's `skew()`, ignoring
/// `NaN`; `NaN` if fewer than three values are present or all values are equal.
///
/// `g1 = m₃ / m₂^{3/2}` with `mₖ = Σ (xᵢ − x̄)ᵏ / n`, then `G1 = g1 · √(n(n−1)) / (n−2)`.
///
/// # Examples
///
/// ```
/// use linkage::score::stats::skewness;
/// // x = [1, 2, 3, 4, 10]: d = [−3, −2, −1, 0, 6], Σd² = 50, Σd³ = 180,
/// // g1 = √5 · 180 / 50^{3/2} = 0.72 √2.5, G1 = g1 · √20 / 3 = 1.2 √2
/// let g = skewness(&[1.0, 2.0, 3.0, 4.0, 10.0]);
/// assert!((g - 1.2 * 2f64.sqrt()).abs() < 1e-12);
/// ```
pub fn skewness(x: &[f64]) -> f64 {
    let (n, s2, s3, _) = central_sums(x);
    if n < 3 {
        return f64::NAN;
    }
    let nf = n as f64;
    let g1 = nf.sqrt() * s3 / s2.powf(1.5);
    g1 * (nf * (nf - 1.0)).sqrt() / (nf - 2.0)
}

/// Sample excess kurtosis `G2` as `e1071::kurtosis(x, type = 2)` and COINr's `kurt()`,
/// ignoring `NaN`; `NaN` if fewer than four values are present or all values are equal.
///
/// `g2 = m₄ / m₂² − 3` with `mₖ = Σ (xᵢ − x̄)ᵏ / n`, then
/// `G2 = ((n + 1)·g2 + 6) · (n − 1) / ((n − 2)(n − 3))`.
///
/// # Examples
///
/// ```
/// use linkage::score::stats::kurtosis;
/// // x = [1, 2, 3, 4, 10]: Σd² = 50, Σd⁴ = 1394, m₄/m₂² = 5 · 1394 / 2500 = 2.788,
/// // g2 = −0.212, G2 = (6 · −0.212 + 6) · 4 / (3 · 2) = 3.152
/// let k = kurtosis(&[1.0, 2.0, 3.0, 4.0, 10.0]);
/// assert!((k - 3.152).abs() < 1e-12);
/// ```
pub fn kurtosis(x: &[f64]) -> f64 {
    let (n, s2, _, s4) = central_sums(x);
    if n < 4 {
        return f64::NAN;
    }
    let nf = n as f64;
    let g2 = nf * s4 / (s2 * s2) - 3.0;
    ((nf + 1.0) * g2 + 6.0) * (nf - 1.0) / ((nf - 2.0) * (nf - 3.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    const NA: f64 = f64::NAN;

    #[test]
    fn mean_and_sd_skip_nan() {
        // [2, 4, 4, 4, 5, 5, 7, 9]: mean 40 / 8 = 5; Σd² = 9+1+1+1+0+0+4+16 = 32,
        // sample variance 32 / 7, sd = √(32/7)
        let x = [2.0, 4.0, NA, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        assert_relative_eq!(mean(&x), 5.0);
        assert_relative_eq!(sd(&x), (32.0f64 / 7.0).sqrt());
    }

    #[test]
    fn empty_and_all_missing_give_nan() {
        for x in [&[][..], &[NA, NA][..]] {
            assert!(mean(x).is_nan());
            assert!(sd(x).is_nan());
            assert!(median(x).is_nan());
            assert!(min(x).is_nan());
            assert!(max(x).is_nan());
            assert!(skewness(x).is_nan());
            assert!(kurtosis(x).is_nan());
            assert_eq!(count(x), 0);
        }
    }

    #[test]
    fn single_value() {
        assert_relative_eq!(mean(&[3.0]), 3.0);
        assert!(sd(&[3.0]).is_nan()); // n − 1 = 0
        assert_relative_eq!(median(&[3.0]), 3.0);
        assert_relative_eq!(quantile(&[3.0], 0.9), 3.0);
    }

    #[test]
    fn median_odd_even() {
        assert_relative_eq!(median(&[5.0, 1.0, 3.0]), 3.0);
        // even: (2 + 3) / 2
        assert_relative_eq!(median(&[4.0, 3.0, 2.0, 1.0]), 2.5);
    }

    #[test]
    fn quantile_type_7() {
        // x = 1..=5 sorted, p = 0.1: h = 4 · 0.1 = 0.4 → 1 + 0.4 · 1 = 1.4
        let x = [5.0, 4.0, 3.0, 2.0, 1.0];
        assert_relative_eq!(quantile(&x, 0.1), 1.4);
        assert_relative_eq!(quantile(&x, 0.0), 1.0);
        assert_relative_eq!(quantile(&x, 1.0), 5.0);
        // h = 4 · 0.9 = 3.6 → 4 + 0.6 · 1 = 4.6
        assert_relative_eq!(quantile(&x, 0.9), 4.6);
        assert!(quantile(&x, 1.5).is_nan());
    }

    #[test]
    fn skew_kurt_by_hand() {
        // x = [1, 2, 3, 4, 10], mean 4, d = [−3, −2, −1, 0, 6]
        // Σd² = 50, Σd³ = −27 − 8 − 1 + 216 = 180, Σd⁴ = 81 + 16 + 1 + 1296 = 1394
        // g1 = √5 · 180 / 50^1.5 = 0.72 · √2.5; G1 = g1 · √(5·4) / 3 = 0.24 · √50 = 1.2 √2
        // m₄/m₂² = 5 · 1394 / 50² = 2.788; g2 = −0.212;
        // G2 = (6 · (−0.212) + 6) · 4 / (3 · 2) = 4.728 · 4 / 6 = 3.152
        let x = [1.0, 2.0, NA, 3.0, 4.0, 10.0];
        assert_relative_eq!(skewness(&x), 1.2 * 2f64.sqrt(), epsilon = 1e-12);
        assert_relative_eq!(kurtosis(&x), 3.152, epsilon = 1e-12);
    }

    #[test]
    fn skew_kurt_symmetric_and_small() {
        // symmetric → skew 0
        assert_relative_eq!(skewness(&[1.0, 2.0, 3.0]), 0.0);
        // [1, 2, 3, 4]: d = ±0.5, ±1.5; Σd² = 5, Σd⁴ = 2·(0.0625 + 5.0625) = 10.25
        // m₄/m₂² = 4 · 10.25 / 25 = 1.64, g2 = −1.36,
        // G2 = (5 · (−1.36) + 6) · 3 / (2 · 1) = (−0.8) · 1.5 = −1.2
        assert_relative_eq!(kurtosis(&[1.0, 2.0, 3.0, 4.0]), -1.2, epsilon = 1e-12);
        // too few points
        assert!(skewness(&[1.0, 2.0]).is_nan());
        assert!(kurtosis(&[1.0, 2.0, 3.0]).is_nan());
        // constant: 0 / 0
        assert!(skewness(&[2.0; 5]).is_nan());
        assert!(kurtosis(&[2.0; 5]).is_nan());
    }

    #[test]
    fn min_max_ignore_nan() {
        let x = [NA, 2.0, -3.0, NA, 7.5];
        assert_relative_eq!(min(&x), -3.0);
        assert_relative_eq!(max(&x), 7.5);
        assert_eq!(count(&x), 3);
    }
}
