//! Imputation of missing values (`NaN`), in place (COINr's `i_*()` functions and
//! `impute_panel()`).
//!
//! Cross-sectional methods fill an indicator's missing units from the other units (mean,
//! median, optionally within groups). Time-series methods fill one unit's indicator from
//! its own other years (carry the latest value forward, or interpolate linearly).
//! Observed values are never changed. Every function returns how many values it filled.
//!
//! Reference: COINr `R/impute.R` (`Impute.numeric`, `i_mean`, `i_median`, `i_mean_grp`,
//! `i_median_grp`, `impute_panel`); JRC/OECD *Handbook on Constructing Composite
//! Indicators* (2008), §3.

use crate::score::stats;
use crate::{Error, Result};

fn fail(method: &'static str, reason: String) -> Error {
    Error::Method { method, reason }
}

/// COINr `Impute.numeric()` refuses a vector that is entirely `NA`.
fn check_not_all_missing(method: &'static str, x: &[f64]) -> Result<()> {
    if !x.is_empty() && x.iter().all(|v| v.is_nan()) {
        return Err(fail(
            method,
            "every value is missing: cannot impute".to_string(),
        ));
    }
    Ok(())
}

fn fill(x: &mut [f64], value: f64) -> usize {
    let mut n = 0;
    for v in x.iter_mut().filter(|v| v.is_nan()) {
        *v = value;
        n += 1;
    }
    n
}

/// Replaces every missing value with the mean of the observed values (COINr `i_mean()`,
/// the default of `Impute()`). Returns the number of values filled.
///
/// # Errors
///
/// [`Error::Method`] if every value is missing (COINr `Impute.numeric()`: "Input is all
/// NAs - cannot impute"). An empty slice is not an error.
///
/// # Examples
///
/// ```
/// use linkage::score::impute::impute_mean;
/// let mut x = [1.0, f64::NAN, 3.0, 8.0];
/// assert_eq!(impute_mean(&mut x).unwrap(), 1);
/// assert_eq!(x, [1.0, 4.0, 3.0, 8.0]);
/// ```
pub fn impute_mean(x: &mut [f64]) -> Result<usize> {
    check_not_all_missing("mean imputation", x)?;
    let m = stats::mean(x);
    Ok(fill(x, m))
}

/// Replaces every missing value with the median of the observed values (COINr
/// `i_median()`). Returns the number of values filled.
///
/// # Errors
///
/// [`Error::Method`] if every value is missing.
///
/// # Examples
///
/// ```
/// use linkage::score::impute::impute_median;
/// let mut x = [1.0, f64::NAN, 3.0, 8.0];
/// impute_median(&mut x).unwrap();
/// assert_eq!(x[1], 3.0);
/// ```
pub fn impute_median(x: &mut [f64]) -> Result<usize> {
    check_not_all_missing("median imputation", x)?;
    let m = stats::median(x);
    Ok(fill(x, m))
}

fn check_groups(method: &'static str, x: &[f64], groups: &[usize]) -> Result<()> {
    if x.len() != groups.len() {
        return Err(fail(
            method,
            format!("{} values but {} group labels", x.len(), groups.len()),
        ));
    }
    check_not_all_missing(method, x)
}

/// Replaces each missing value with the mean of the observed values in the same group
/// (COINr `i_mean_grp(x, f)`). `groups[i]` is unit `i`'s group label (any `usize`; labels
/// need not be contiguous but the work is proportional to the largest). A unit whose group
/// has no observed value stays missing, as in COINr. Returns the number of values filled.
///
/// To leave a unit out of every group (COINr's `NA` group with `skip_f_na = TRUE`), give it
/// a label no other unit has: it is then only ever filled from itself, i.e. never.
///
/// # Errors
///
/// [`Error::Method`] if `x` and `groups` differ in length or every value is missing.
///
/// # Examples
///
/// ```
/// use linkage::score::impute::impute_group_mean;
/// // groups 0: [1, 3, NaN] → 2; group 1: [10, NaN] → 10
/// let mut x = [1.0, 3.0, f64::NAN, 10.0, f64::NAN];
/// let n = impute_group_mean(&mut x, &[0, 0, 0, 1, 1]).unwrap();
/// assert_eq!(n, 2);
/// assert_eq!(x, [1.0, 3.0, 2.0, 10.0, 10.0]);
/// ```
pub fn impute_group_mean(x: &mut [f64], groups: &[usize]) -> Result<usize> {
    check_groups("group mean imputation", x, groups)?;
    let n_groups = groups.iter().max().map_or(0, |g| g + 1);
    let mut sum = vec![0.0; n_groups];
    let mut count = vec![0usize; n_groups];
    for (&v, &g) in x.iter().zip(groups) {
        if !v.is_nan() {
            sum[g] += v;
            count[g] += 1;
        }
    }
    // second, correcting pass as R's mean()
    let means: Vec<f64> = sum
        .iter()
        .zip(&count)
        .map(|(s, &c)| if c == 0 { f64::NAN } else { s / c as f64 })
        .collect();
    let mut corr = vec![0.0; n_groups];
    for (&v, &g) in x.iter().zip(groups) {
        if !v.is_nan() {
            corr[g] += v - means[g];
        }
    }
    let mut n = 0;
    for (v, &g) in x.iter_mut().zip(groups) {
        if v.is_nan() && count[g] > 0 {
            *v = means[g] + corr[g] / count[g] as f64;
            n += 1;
        }
    }
    Ok(n)
}

/// Replaces each missing value with the median of the observed values in the same group
/// (COINr `i_median_grp(x, f)`). Groups as in [`impute_group_mean`]; a unit whose group has
/// no observed value stays missing. Returns the number of values filled.
///
/// # Errors
///
/// [`Error::Method`] if `x` and `groups` differ in length or every value is missing.
///
/// # Examples
///
/// ```
/// use linkage::score::impute::impute_group_median;
/// // group 0: [1, 2, 9] → median 2; group 1: [4, 6] → 5
/// let mut x = [1.0, 2.0, 9.0, f64::NAN, 4.0, 6.0, f64::NAN];
/// impute_group_median(&mut x, &[0, 0, 0, 0, 1, 1, 1]).unwrap();
/// assert_eq!(x[3], 2.0);
/// assert_eq!(x[6], 5.0);
/// ```
pub fn impute_group_median(x: &mut [f64], groups: &[usize]) -> Result<usize> {
    check_groups("group median imputation", x, groups)?;
    let n_groups = groups.iter().max().map_or(0, |g| g + 1);
    let mut members: Vec<Vec<f64>> = vec![Vec::new(); n_groups];
    for (&v, &g) in x.iter().zip(groups) {
        if !v.is_nan() {
            members[g].push(v);
        }
    }
    let medians: Vec<f64> = members
        .iter_mut()
        .map(|m| {
            m.sort_unstable_by(f64::total_cmp);
            stats::quantile_sorted(m, 0.5)
        })
        .collect();
    let mut n = 0;
    for (v, &g) in x.iter_mut().zip(groups) {
        if v.is_nan() && !medians[g].is_nan() {
            *v = medians[g];
            n += 1;
        }
    }
    Ok(n)
}

/// Fills each missing value of a time series with the latest earlier observed value
/// (COINr `impute_panel(imp_type = "latest", max_time)`).
///
/// `x` is one unit's indicator over consecutive time points, oldest first, one entry per
/// time point of the panel (a year the unit lacks is a `NaN` entry). With
/// `max_time = Some(k)`, only the `k` time points before a gap are searched, so a value is
/// carried at most `k` steps; `None` searches all earlier points. Leading missing values
/// (before the first observation) stay missing: nothing is carried backwards. Only
/// observed values are carried, never imputed ones (COINr looks up the original data).
/// Returns the number of values filled.
///
/// # Examples
///
/// ```
/// use linkage::score::impute::impute_latest;
/// let nan = f64::NAN;
/// let mut x = [nan, 2.0, nan, nan, 5.0, nan];
/// assert_eq!(impute_latest(&mut x, None), 3);
/// assert!(x[0].is_nan());
/// assert_eq!(&x[1..], &[2.0, 2.0, 2.0, 5.0, 5.0]);
///
/// // carry at most one step
/// let mut y = [2.0, nan, nan];
/// impute_latest(&mut y, Some(1));
/// assert_eq!(y[1], 2.0);
/// assert!(y[2].is_nan());
/// ```
pub fn impute_latest(x: &mut [f64], max_time: Option<usize>) -> usize {
    let mut last: Option<(usize, f64)> = None;
    let mut n = 0;
    for (i, xi) in x.iter_mut().enumerate() {
        if !xi.is_nan() {
            last = Some((i, *xi));
        } else if let Some((j, v)) = last
            && max_time.is_none_or(|k| i - j <= k)
        {
            *xi = v;
            n += 1;
        }
    }
    n
}

/// Fills each missing value that lies between two observed values of a time series by
/// linear interpolation in time (COINr `impute_panel(imp_type = "linear")`, which uses
/// `stats::approx()`), without extrapolating.
///
/// `times[i]` is the time of `x[i]`; times must be finite and strictly increasing. For a
/// gap at time `t` between observations `(t₀, x₀)` and `(t₁, x₁)`:
/// `x = x₀ + (x₁ − x₀)·(t − t₀)/(t₁ − t₀)`. Returns the number of values filled.
///
/// **Deviation:** COINr's `"linear"` also fills the ends of the series with the nearest
/// observation (`approx(rule = 2)`), and errors on a series with a single observation
/// (`"linear-constant"` falls back to a constant). Here values before the first and after
/// the last observation stay missing, and a series with fewer than two observations is
/// left as it is; call [`impute_latest`] afterwards to carry the last value forward.
///
/// # Errors
///
/// [`Error::Method`] if `times` and `x` differ in length or `times` is not finite and
/// strictly increasing.
///
/// # Examples
///
/// ```
/// use linkage::score::impute::impute_linear;
/// let nan = f64::NAN;
/// // 2018: 1, 2019: ?, 2020: ?, 2021: 4, 2022: ? → 2, 3 between; 2022 not extrapolated
/// let mut x = [1.0, nan, nan, 4.0, nan];
/// let n = impute_linear(&[2018.0, 2019.0, 2020.0, 2021.0, 2022.0], &mut x).unwrap();
/// assert_eq!(n, 2);
/// assert_eq!(&x[..4], &[1.0, 2.0, 3.0, 4.0]);
/// assert!(x[4].is_nan());
/// ```
pub fn impute_linear(times: &[f64], x: &mut [f64]) -> Result<usize> {
    const METHOD: &str = "linear interpolation";
    if times.len() != x.len() {
        return Err(fail(
            METHOD,
            format!("{} times but {} values", times.len(), x.len()),
        ));
    }
    if let Some(t) = times.iter().find(|t| !t.is_finite()) {
        return Err(fail(METHOD, format!("time {t} is not finite")));
    }
    if let Some(w) = times.windows(2).find(|w| w[1] <= w[0]) {
        return Err(fail(
            METHOD,
            format!(
                "times must be strictly increasing, found {} then {}",
                w[0], w[1]
            ),
        ));
    }
    let mut n = 0;
    let mut prev: Option<usize> = None;
    for i in 0..x.len() {
        if x[i].is_nan() {
            continue;
        }
        if let Some(p) = prev {
            let (t0, x0, t1, x1) = (times[p], x[p], times[i], x[i]);
            for k in p + 1..i {
                x[k] = x0 + (x1 - x0) * (times[k] - t0) / (t1 - t0);
                n += 1;
            }
        }
        prev = Some(i);
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    const NA: f64 = f64::NAN;

    #[test]
    fn mean_by_hand() {
        // observed 2, 4, 9 → mean 5
        let mut x = [2.0, NA, 4.0, 9.0, NA];
        assert_eq!(impute_mean(&mut x).unwrap(), 2);
        assert_relative_eq!(x[..], [2.0, 5.0, 4.0, 9.0, 5.0][..]);
    }

    #[test]
    fn median_by_hand() {
        // observed 2, 4, 9, 10 → (4 + 9) / 2 = 6.5
        let mut x = [2.0, NA, 4.0, 9.0, 10.0];
        impute_median(&mut x).unwrap();
        assert_relative_eq!(x[1], 6.5);
    }

    #[test]
    fn nothing_missing_is_unchanged() {
        let mut x = [1.0, 2.0];
        assert_eq!(impute_mean(&mut x).unwrap(), 0);
        assert_relative_eq!(x[..], [1.0, 2.0][..]);
        let mut e: [f64; 0] = [];
        assert_eq!(impute_median(&mut e).unwrap(), 0);
    }

    #[test]
    fn all_missing_is_an_error() {
        let mut x = [NA, NA];
        let e = impute_mean(&mut x).unwrap_err();
        assert_eq!(
            e.to_string(),
            "mean imputation: every value is missing: cannot impute"
        );
        assert!(impute_median(&mut x).is_err());
        assert!(impute_group_mean(&mut x, &[0, 1]).is_err());
        assert!(impute_group_median(&mut x, &[0, 1]).is_err());
    }

    #[test]
    fn group_mean_by_hand() {
        // group 0: observed 1, 2 → 1.5; group 2: observed 10, 20, 30 → 20;
        // group 1: nothing observed → stays NaN
        let mut x = [1.0, NA, 2.0, NA, 10.0, NA, 20.0, 30.0];
        let g = [0, 0, 0, 1, 2, 2, 2, 2];
        assert_eq!(impute_group_mean(&mut x, &g).unwrap(), 2);
        assert_relative_eq!(x[1], 1.5);
        assert!(x[3].is_nan());
        assert_relative_eq!(x[5], 20.0);
    }

    #[test]
    fn group_median_by_hand() {
        // group 5: observed 3, 1, 2 → 2; group 0: observed 7 → 7
        let mut x = [3.0, NA, 1.0, 2.0, NA, 7.0];
        let g = [5, 5, 5, 5, 0, 0];
        assert_eq!(impute_group_median(&mut x, &g).unwrap(), 2);
        assert_relative_eq!(x[1], 2.0);
        assert_relative_eq!(x[4], 7.0);
    }

    #[test]
    fn group_length_mismatch() {
        let mut x = [1.0, NA];
        assert!(impute_group_mean(&mut x, &[0]).is_err());
    }

    #[test]
    fn latest_carries_observed_values_only() {
        // max_time = 2: 5 (t0) fills t1, t2; t3 is 3 steps from t0 → stays NaN
        let mut x = [5.0, NA, NA, NA, 8.0, NA];
        assert_eq!(impute_latest(&mut x, Some(2)), 3);
        assert_relative_eq!(x[1], 5.0);
        assert_relative_eq!(x[2], 5.0);
        assert!(x[3].is_nan());
        assert_relative_eq!(x[5], 8.0);
    }

    #[test]
    fn latest_edge_cases() {
        let mut all = [NA, NA];
        assert_eq!(impute_latest(&mut all, None), 0);
        let mut one = [NA, 3.0];
        assert_eq!(impute_latest(&mut one, None), 0);
        let mut none: [f64; 0] = [];
        assert_eq!(impute_latest(&mut none, Some(0)), 0);
        // max_time 0 never fills
        let mut z = [1.0, NA];
        assert_eq!(impute_latest(&mut z, Some(0)), 0);
    }

    #[test]
    fn linear_uneven_times() {
        // times 0, 1, 4; values 0, ?, 8 → 0 + 8 · (1 − 0) / (4 − 0) = 2
        let mut x = [0.0, NA, 8.0];
        assert_eq!(impute_linear(&[0.0, 1.0, 4.0], &mut x).unwrap(), 1);
        assert_relative_eq!(x[1], 2.0);
    }

    #[test]
    fn linear_no_extrapolation_and_single_point() {
        let mut x = [NA, 3.0, NA];
        assert_eq!(impute_linear(&[1.0, 2.0, 3.0], &mut x).unwrap(), 0);
        assert!(x[0].is_nan() && x[2].is_nan());
        let mut all = [NA, NA];
        assert_eq!(impute_linear(&[1.0, 2.0], &mut all).unwrap(), 0);
    }

    #[test]
    fn linear_bad_times() {
        let mut x = [1.0, NA, 2.0];
        assert!(impute_linear(&[1.0, 1.0, 2.0], &mut x).is_err());
        assert!(impute_linear(&[1.0, NA, 2.0], &mut x).is_err());
        assert!(impute_linear(&[1.0, 2.0], &mut x).is_err());
    }
}
