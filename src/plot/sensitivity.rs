//! Sensitivity bars: per uncertain input, its first-order and total sensitivity index (e.g.
//! Sobol' indices of a composite's ranks), with optional confidence intervals as whiskers.
//!
//! Inputs run top to bottom in the order given; in each row the first-order bar is above the
//! total bar. A non-finite index is a hatched "missing" stub at zero.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::Axis;
use super::canvas::{Canvas, Rect};
use super::legend::{Key, Legend};
use super::render::fail;
use super::theme;
use super::ticks::extent;
use super::{Draw, Labels};
use crate::error::Result;

/// The indices of one input.
#[derive(Debug, Clone, PartialEq)]
pub struct SensitivityIndex {
    /// The input, e.g. "weights" or "normalisation".
    pub input: String,
    /// First-order index.
    pub first: f64,
    /// Total index.
    pub total: f64,
    /// Confidence interval of the first-order index, `(low, high)`.
    pub first_ci: Option<(f64, f64)>,
    /// Confidence interval of the total index.
    pub total_ci: Option<(f64, f64)>,
}

/// Input of [`sensitivity_bars`].
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// Title, axis titles (x: the index, y: e.g. "Uncertain input") and source.
    pub labels: Labels,
    /// One entry per input.
    pub indices: Vec<SensitivityIndex>,
}

impl Draw for Sensitivity {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<()> {
        sensitivity_bars(area, self)
    }
}

fn ci(v: Option<(f64, f64)>) -> Option<(f64, f64)> {
    v.filter(|(a, b)| a.is_finite() && b.is_finite())
        .map(|(a, b)| (a.min(b), a.max(b)))
}

/// Draw first-order and total indices as paired horizontal bars with whiskers.
///
/// # Errors
/// [`crate::Error::Method`] `plot` when there are no inputs, plotters fails or the area is too
/// small.
///
/// # Examples
/// ```
/// use linkage::plot::{self, Labels, Sensitivity, SensitivityIndex};
/// let chart = Sensitivity {
///     labels: Labels::new("Synthetic sensitivity").x("Sensitivity index").y("Uncertain input"),
///     indices: vec![SensitivityIndex {
///         input: "weights".into(),
///         first: 0.3,
///         total: 0.5,
///         first_ci: Some((0.2, 0.4)),
///         total_ci: None,
///     }],
/// };
/// let svg = plot::to_svg_string(900, 560, |area| plot::sensitivity_bars(area, &chart)).unwrap();
/// assert!(svg.contains("weights"));
/// ```
pub fn sensitivity_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Sensitivity,
) -> Result<()> {
    if chart.indices.is_empty() {
        return Err(fail("a sensitivity chart needs at least one input"));
    }
    let c = Canvas::new(area)?;
    let body = c.frame(&chart.labels)?;
    let any_ci = chart
        .indices
        .iter()
        .any(|s| ci(s.first_ci).is_some() || ci(s.total_ci).is_some());
    let any_missing = chart
        .indices
        .iter()
        .any(|s| !s.first.is_finite() || !s.total.is_finite());
    let mut items = vec![
        (Key::Fill(theme::PRIMARY), "first-order index".to_string()),
        (Key::Fill(theme::SECONDARY), "total index".to_string()),
    ];
    if any_ci {
        items.push((
            Key::Interval(theme::TEXT),
            "confidence interval".to_string(),
        ));
    }
    if any_missing {
        items.push((Key::Missing, "missing".to_string()));
    }
    let legend = Legend {
        items,
        ..Legend::default()
    };
    let body = c.with_legend(body, &legend)?;
    let all = chart.indices.iter().flat_map(|s| {
        let (a, b) = ci(s.first_ci).unwrap_or((s.first, s.first));
        let (d, e) = ci(s.total_ci).unwrap_or((s.total, s.total));
        [s.first, s.total, a, b, d, e]
    });
    let (lo, hi) = extent(all).unwrap_or((0.0, 1.0));
    let (lo, hi) = (lo.min(0.0), hi.max(0.0));
    let hi = if hi > lo { hi } else { lo + 1.0 };
    let x = Axis::numeric(lo, hi, 6, &chart.labels.x);
    let y = Axis::Categories {
        labels: chart.indices.iter().map(|s| s.input.clone()).collect(),
        desc: chart.labels.y.clone(),
    };
    let (plot, xm, ym) = c.axes(body, &x, &y)?;
    let zero = xm.px(0.0);
    let row = plot.h() as f64 / chart.indices.len() as f64;
    let bar_h = (row * 0.34).round().max(2.0) as i32;
    let cap = (bar_h / 2).max(2);
    for (i, s) in chart.indices.iter().enumerate() {
        let centre = ym.px(i as f64);
        for (k, (v, interval, colour)) in [
            (s.first, ci(s.first_ci), theme::PRIMARY),
            (s.total, ci(s.total_ci), theme::SECONDARY),
        ]
        .into_iter()
        .enumerate()
        {
            let (y0, y1) = if k == 0 {
                (centre - bar_h - 1, centre - 1)
            } else {
                (centre + 1, centre + bar_h + 1)
            };
            if v.is_finite() {
                let mut x1 = xm.px(v);
                if x1 == zero {
                    x1 = zero + 1;
                }
                c.rect(Rect::span((zero, y0), (x1, y1)), colour.filled())?;
            } else {
                c.hatched(Rect::span((zero, y0), (zero + c.px(10.0), y1)))?;
            }
            if let Some((a, b)) = interval {
                let ym_ = (y0 + y1) / 2;
                let (pa, pb) = (xm.px(a), xm.px(b));
                let style = theme::TEXT.stroke_width(c.px(1.5).max(1) as u32);
                c.path(vec![(pa, ym_), (pb, ym_)], style)?;
                c.path(vec![(pa, ym_ - cap), (pa, ym_ + cap)], style)?;
                c.path(vec![(pb, ym_ - cap), (pb, ym_ + cap)], style)?;
            }
        }
    }
    Ok(())
}
