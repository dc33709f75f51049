//! Grouped bars: one group of bars per category (dimension), one bar per actor.
//!
//! Bars start at zero (negative values go down; the zero line is drawn when the range crosses
//! it). A missing value is a short hatched stub, listed as "missing" in the legend, so it is
//! never mistaken for a zero.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::Axis;
use super::canvas::{Canvas, Rect};
use super::inputs::finite;
use super::legend::{Key, Legend};
use super::theme;
use super::ticks::extent;
use super::{Draw, Labels, Profile};
use crate::error::Result;
use crate::panel::country::Iso3;

/// Input of [`grouped_bars`].
#[derive(Debug, Clone, PartialEq)]
pub struct GroupedBars {
    /// Title, axis titles (x: the categories, y: the value with units) and source.
    pub labels: Labels,
    /// Category names, in drawing order (e.g. the dimensions).
    pub categories: Vec<String>,
    /// One profile per actor: a value per category.
    pub profiles: Vec<Profile>,
}

impl Draw for GroupedBars {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<()> {
        grouped_bars(area, self)
    }
}

/// Draw grouped bars: categories along the x axis, one coloured bar per profile in each.
///
/// # Errors
/// [`crate::Error::Method`] `plot` when plotters fails or the area is too small.
///
/// # Examples
/// ```
/// use linkage::plot::{self, GroupedBars, Labels, Profile};
/// use linkage::iso3;
/// let chart = GroupedBars {
///     labels: Labels::new("Synthetic presence by dimension").y("Score (0–100)"),
///     categories: vec!["Trade".into(), "Aid".into()],
///     profiles: vec![Profile::actor(iso3!("CHN"), vec![Some(55.0), None])],
/// };
/// let svg = plot::to_svg_string(900, 560, |area| plot::grouped_bars(area, &chart)).unwrap();
/// assert!(svg.contains("China"));
/// assert!(svg.contains("missing")); // the missing aid value has its legend entry
/// ```
pub fn grouped_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &GroupedBars,
) -> Result<()> {
    let c = Canvas::new(area)?;
    let body = c.frame(&chart.labels)?;
    let actors: Vec<Option<Iso3>> = chart.profiles.iter().map(|p| p.actor).collect();
    let styles = theme::series_styles(&actors);
    let n_cat = chart.categories.len();
    let value = |p: &Profile, i: usize| finite(p.values.get(i).copied().flatten());
    let any_missing = chart
        .profiles
        .iter()
        .any(|p| (0..n_cat).any(|i| value(p, i).is_none()));
    let legend = Legend {
        items: chart
            .profiles
            .iter()
            .zip(&styles)
            .map(|(p, s)| (Key::Fill(s.0), p.label.clone()))
            .collect(),
        after: if any_missing {
            vec![(Key::Missing, "missing".to_string())]
        } else {
            vec![]
        },
        ..Legend::default()
    };
    let body = c.with_legend(body, &legend)?;
    let all = chart
        .profiles
        .iter()
        .flat_map(|p| (0..n_cat).filter_map(move |i| value(p, i)));
    let (lo, hi) = extent(all).unwrap_or((0.0, 1.0));
    let (lo, hi) = (lo.min(0.0), hi.max(0.0));
    let hi = if hi > lo { hi } else { lo + 1.0 };
    let x = Axis::Categories {
        labels: chart.categories.clone(),
        desc: chart.labels.x.clone(),
    };
    let y = Axis::numeric(lo, hi, 6, &chart.labels.y);
    let (plot, xm, ym) = c.axes(body, &x, &y)?;
    let n = chart.profiles.len().max(1) as f64;
    let group_w = 0.8;
    let bw = group_w / n;
    let zero = ym.px(0.0);
    let stub = c.px(10.0).min(plot.h() / 10).max(3);
    for i in 0..n_cat {
        for (j, (p, s)) in chart.profiles.iter().zip(&styles).enumerate() {
            let left = i as f64 - group_w / 2.0 + j as f64 * bw;
            let x0 = xm.px(left + 0.06 * bw);
            let x1 = xm.px(left + 0.94 * bw).max(x0 + 1);
            match value(p, i) {
                Some(v) => {
                    let mut y1 = ym.px(v);
                    if y1 == zero {
                        y1 = zero - 1;
                    }
                    c.rect(Rect::span((x0, zero), (x1, y1)), s.0.filled())?;
                }
                None => c.hatched(Rect::span((x0, zero), (x1, zero - stub)))?,
            }
        }
    }
    let _ = plot;
    Ok(())
}
