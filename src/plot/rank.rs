//! Rank uncertainty: per unit, the median rank over an uncertainty analysis's replications
//! with its 5–95 % interval, and the nominal rank (that of the reference run).
//!
//! Units run top to bottom in the order given, or by nominal rank when `sort` is set; rank 1 is
//! at the left. Non-finite fields are left out one by one (a unit with no interval still shows
//! its ranks).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::Axis;
use super::canvas::Canvas;
use super::legend::{Key, Legend};
use super::render::fail;
use super::theme::{self, Marker};
use super::ticks::extent;
use super::{Draw, Labels};
use crate::error::Result;

/// One unit's ranks.
#[derive(Debug, Clone, PartialEq)]
pub struct RankInterval {
    /// Unit label.
    pub label: String,
    /// Rank in the reference (nominal) run.
    pub nominal: f64,
    /// Median rank over the replications.
    pub median: f64,
    /// 5th percentile of the rank.
    pub q05: f64,
    /// 95th percentile of the rank.
    pub q95: f64,
}

/// Input of [`rank_intervals`].
#[derive(Debug, Clone, PartialEq)]
pub struct RankIntervals {
    /// Title, axis titles (x: e.g. "Rank (1 = most present)", y: e.g. "Unit") and source.
    pub labels: Labels,
    /// One entry per unit.
    pub ranks: Vec<RankInterval>,
    /// Sort units by nominal rank (then median) instead of the given order.
    pub sort: bool,
}

impl Draw for RankIntervals {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<()> {
        rank_intervals(area, self)
    }
}

/// Draw median ranks with 5–95 % intervals and nominal ranks.
///
/// # Errors
/// [`crate::Error::Method`] `plot` when there are no units, plotters fails or the area is too
/// small.
///
/// # Examples
/// ```
/// use linkage::plot::{self, Labels, RankInterval, RankIntervals};
/// let unit = |label: &str, nominal, median, q05, q95| RankInterval {
///     label: label.into(), nominal, median, q05, q95,
/// };
/// let chart = RankIntervals {
///     labels: Labels::new("Synthetic rank uncertainty").x("Rank (1 = most present)").y("Unit"),
///     ranks: vec![unit("unit a", 1.0, 1.0, 1.0, 2.0), unit("unit b", 2.0, 2.0, 1.0, 3.0)],
///     sort: true,
/// };
/// let svg = plot::to_svg_string(900, 560, |area| plot::rank_intervals(area, &chart)).unwrap();
/// assert!(svg.contains("unit b"));
/// ```
pub fn rank_intervals<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &RankIntervals,
) -> Result<()> {
    if chart.ranks.is_empty() {
        return Err(fail("a rank chart needs at least one unit"));
    }
    let c = Canvas::new(area)?;
    let body = c.frame(&chart.labels)?;
    let mut ranks: Vec<&RankInterval> = chart.ranks.iter().collect();
    if chart.sort {
        let key = |r: &RankInterval| {
            if r.nominal.is_finite() {
                r.nominal
            } else {
                f64::INFINITY
            }
        };
        ranks.sort_by(|a, b| {
            key(a)
                .total_cmp(&key(b))
                .then(a.median.total_cmp(&b.median))
        });
    }
    let legend = Legend {
        items: vec![
            (
                Key::Interval(theme::PRIMARY_LIGHT),
                "5–95 % interval".into(),
            ),
            (
                Key::Point(theme::PRIMARY, Marker::Circle),
                "median rank".into(),
            ),
            (
                Key::Hollow(theme::SECONDARY, Marker::Diamond),
                "nominal rank".into(),
            ),
        ],
        ..Legend::default()
    };
    let body = c.with_legend(body, &legend)?;
    let (_, hi) = extent(
        ranks
            .iter()
            .flat_map(|r| [r.nominal, r.median, r.q05, r.q95]),
    )
    .unwrap_or((1.0, 1.0));
    let mut x = Axis::numeric_exact(0.5, hi.max(1.0) + 0.5, 8, &chart.labels.x);
    // Always label rank 1.
    if let Axis::Numeric { ticks, .. } = &mut x
        && ticks.first().is_some_and(|&t| t > 1.5)
    {
        ticks.insert(0, 1.0);
    }
    let y = Axis::Categories {
        labels: ranks.iter().map(|r| r.label.clone()).collect(),
        desc: chart.labels.y.clone(),
    };
    let (plot, xm, ym) = c.axes(body, &x, &y)?;
    let row_h = plot.h() / ranks.len() as i32;
    let thick = (row_h / 3).clamp(2, c.px(8.0)) as u32;
    let cap = (row_h / 3).clamp(2, c.px(6.0));
    let r = (row_h / 3).clamp(2, c.px(5.0));
    for (i, u) in ranks.iter().enumerate() {
        let y = ym.px(i as f64);
        if u.q05.is_finite() && u.q95.is_finite() {
            let (a, b) = (xm.px(u.q05.min(u.q95)), xm.px(u.q05.max(u.q95)));
            c.path(
                vec![(a, y), (b, y)],
                theme::PRIMARY_LIGHT.stroke_width(thick),
            )?;
            for e in [a, b] {
                c.path(
                    vec![(e, y - cap), (e, y + cap)],
                    theme::PRIMARY.stroke_width(1),
                )?;
            }
        }
        // Median filled, nominal a hollow diamond around it: both visible when equal.
        if u.median.is_finite() {
            c.marker(
                Marker::Circle,
                (xm.px(u.median), y),
                r,
                theme::PRIMARY,
                true,
            )?;
        }
        if u.nominal.is_finite() {
            c.marker(
                Marker::Diamond,
                (xm.px(u.nominal), y),
                r + 2,
                theme::SECONDARY,
                false,
            )?;
        }
    }
    Ok(())
}
