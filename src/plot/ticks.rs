//! Numbers on a scale: the value-to-pixel map ([`Linear`]), "nice" ticks and bounds, tick
//! labels that never print "-0", and the finite extent of data.

/// A linear map from values `lo..hi` to pixels `p0..p1` (either direction).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Linear {
    /// Value at the start.
    pub lo: f64,
    /// Value at the end.
    pub hi: f64,
    /// Pixel of `lo`.
    pub p0: f64,
    /// Pixel of `hi`.
    pub p1: f64,
}

impl Linear {
    /// The map from `lo..hi` to pixels `p0..p1`.
    pub fn new(lo: f64, hi: f64, p0: i32, p1: i32) -> Linear {
        Linear {
            lo,
            hi,
            p0: p0 as f64,
            p1: p1 as f64,
        }
    }

    /// The pixel of `v` (the middle when the range is empty).
    pub fn px(&self, v: f64) -> i32 {
        let t = if self.hi > self.lo {
            (v - self.lo) / (self.hi - self.lo)
        } else {
            0.5
        };
        (self.p0 + t * (self.p1 - self.p0)).round() as i32
    }
}

/// Ticks at a "nice" step (1, 2, 2.5 or 5 × 10^k) covering `lo..=hi`, about `n` of them, with
/// the number of decimals their labels need.
pub(crate) fn nice_ticks(lo: f64, hi: f64, n: usize) -> (Vec<f64>, usize) {
    let step = nice_step(lo, hi, n);
    let start = (lo / step - 1e-9).ceil() as i64;
    let end = (hi / step + 1e-9).floor() as i64;
    let ticks = (start..=end)
        .map(|k| {
            let v = k as f64 * step;
            if v.abs() < step * 1e-9 { 0.0 } else { v }
        })
        .collect();
    (ticks, decimals(step))
}

/// `lo..hi` widened outwards to multiples of its nice step.
pub(crate) fn nice_bounds(lo: f64, hi: f64, n: usize) -> (f64, f64) {
    let step = nice_step(lo, hi, n);
    (
        (lo / step + 1e-9).floor() * step,
        (hi / step - 1e-9).ceil() * step,
    )
}

fn nice_step(lo: f64, hi: f64, n: usize) -> f64 {
    let span = (hi - lo).abs();
    let span = if span > 0.0 && span.is_finite() {
        span
    } else {
        1.0
    };
    let raw = span / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * mag
}

fn decimals(step: f64) -> usize {
    let mut d = 0;
    while d < 6
        && ((step * 10f64.powi(d as i32)).round() - step * 10f64.powi(d as i32)).abs() > 1e-6
    {
        d += 1;
    }
    d
}

/// A tick label with `d` decimals, never "-0".
pub(crate) fn fmt_num(v: f64, d: usize) -> String {
    let s = format!("{v:.d$}");
    if s.trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        s.trim_start_matches('-').to_string()
    } else {
        s.replace('-', "−")
    }
}

/// Finite `(min, max)` of values, `None` if none is finite.
pub(crate) fn extent(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ticks_cover_the_range() {
        let (t, d) = nice_ticks(0.0, 100.0, 5);
        assert_eq!(t, vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(d, 0);
        let (t, d) = nice_ticks(0.0, 1.0, 5);
        assert_eq!(t.len(), 6);
        assert_eq!(d, 1);
        assert_eq!(nice_bounds(-3.0, 47.0, 5), (-10.0, 50.0));
    }

    #[test]
    fn numbers_never_print_negative_zero() {
        assert_eq!(fmt_num(-0.0, 1), "0.0");
        assert_eq!(fmt_num(-0.04, 1), "0.0");
        assert_eq!(fmt_num(-2.5, 1), "−2.5");
    }
}
