//! Scatter of one actor's presence against another's across partners, each point coloured by a
//! continuous value (the pair's alignment in that partner) with a colour bar.
//!
//! Points without a colour value are hollow grey circles ("missing" in the legend). Labels: at
//! most `label_top` points are labelled, those farthest from the origin first (x + y); each
//! label tries eight positions around its point and is left out when all of them would overlap
//! another label, a point or the plot's edge.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::axis::Axis;
use super::canvas::{Canvas, Rect};
use super::inputs::finite;
use super::legend::{ColourBar, Key, Legend};
use super::theme::{self, Scale};
use super::ticks::extent;
use super::{Draw, Labels};
use crate::error::Result;

/// One point of a [`Scatter`].
#[derive(Debug, Clone, PartialEq)]
pub struct ScatterPoint {
    /// Label (e.g. the partner's code).
    pub label: String,
    /// Horizontal value; non-finite: the point is skipped.
    pub x: f64,
    /// Vertical value; non-finite: the point is skipped.
    pub y: f64,
    /// Colour value; `None` or non-finite: drawn as missing.
    pub colour: Option<f64>,
}

/// Input of [`scatter`].
#[derive(Debug, Clone, PartialEq)]
pub struct Scatter {
    /// Title, axis titles with units, source.
    pub labels: Labels,
    /// The points.
    pub points: Vec<ScatterPoint>,
    /// Title of the colour bar, e.g. "US–Japan profile similarity (cosine)".
    pub colour_label: String,
    /// Range of the colour scale; `None`: the colour values' range.
    pub colour_range: Option<(f64, f64)>,
    /// The colour scale.
    pub scale: Scale,
    /// Label at most this many points.
    pub label_top: usize,
    /// Draw the y = x reference line.
    pub diagonal: bool,
}

impl Scatter {
    /// Scatter with the defaults: viridis, 12 labels, a y = x line.
    ///
    /// # Examples
    /// ```
    /// use linkage::plot::{Labels, Scatter};
    /// let chart = Scatter::new(Labels::new("Synthetic scatter"), vec![], "Alignment");
    /// assert_eq!(chart.label_top, 12);
    /// assert!(chart.diagonal);
    /// ```
    pub fn new(labels: Labels, points: Vec<ScatterPoint>, colour_label: &str) -> Scatter {
        Scatter {
            labels,
            points,
            colour_label: colour_label.to_string(),
            colour_range: None,
            scale: Scale::Sequential,
            label_top: 12,
            diagonal: true,
        }
    }
}

impl Draw for Scatter {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<()> {
        scatter(area, self)
    }
}

/// Draw the scatter.
///
/// # Errors
/// [`crate::Error::Method`] `plot` when plotters fails or the area is too small.
///
/// # Examples
/// ```
/// use linkage::plot::{self, Labels, Scatter, ScatterPoint};
/// let point = |label: &str, x, y, colour| ScatterPoint { label: label.into(), x, y, colour };
/// let chart = Scatter::new(
///     Labels::new("Synthetic scatter").x("Actor x (0–100)").y("Actor y (0–100)"),
///     vec![point("AAA", 20.0, 30.0, Some(0.9)), point("BBB", 60.0, 45.0, None)],
///     "Alignment (cosine)",
/// );
/// let svg = plot::to_svg_string(900, 560, |area| plot::scatter(area, &chart)).unwrap();
/// assert!(svg.contains("Alignment (cosine)"));
/// assert!(svg.contains("missing"));
/// ```
pub fn scatter<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &Scatter) -> Result<()> {
    let c = Canvas::new(area)?;
    let body = c.frame(&chart.labels)?;
    let pts: Vec<&ScatterPoint> = chart
        .points
        .iter()
        .filter(|p| p.x.is_finite() && p.y.is_finite())
        .collect();
    let colours = extent(pts.iter().filter_map(|p| finite(p.colour)));
    let (clo, chi) = match chart.colour_range {
        Some((a, b)) if a.is_finite() && b.is_finite() && b > a => (a, b),
        _ => match colours {
            Some((a, b)) if b > a => (a, b),
            Some((a, _)) => (a - 0.5, a + 0.5),
            None => (0.0, 1.0),
        },
    };
    let any_missing = pts.iter().any(|p| finite(p.colour).is_none());
    let mut after = Vec::new();
    if any_missing {
        after.push((
            Key::Hollow(theme::MISSING_HATCH, theme::Marker::Circle),
            "missing".to_string(),
        ));
    }
    if chart.diagonal {
        after.push((
            Key::Dashed(theme::AXIS),
            "equal presence (y = x)".to_string(),
        ));
    }
    let legend = Legend {
        bar: Some(ColourBar {
            title: chart.colour_label.clone(),
            lo: clo,
            hi: chi,
            scale: chart.scale,
        }),
        after,
        ..Legend::default()
    };
    let body = c.with_legend(body, &legend)?;
    let (xlo, xhi) = extent(pts.iter().map(|p| p.x)).unwrap_or((0.0, 1.0));
    let (ylo, yhi) = extent(pts.iter().map(|p| p.y)).unwrap_or((0.0, 1.0));
    // A margin so points on the extremes are not cut by the frame.
    let pad = |lo: f64, hi: f64| {
        let m = 0.03 * (hi - lo).max(1e-9);
        (lo - m, hi + m)
    };
    let ((xlo, xhi), (ylo, yhi)) = (pad(xlo, xhi), pad(ylo, yhi));
    let x = Axis::numeric(xlo, xhi, 6, &chart.labels.x);
    let y = Axis::numeric(ylo, yhi, 6, &chart.labels.y);
    let (plot, xm, ym) = c.axes(body, &x, &y)?;
    if chart.diagonal {
        let lo = xm.lo.max(ym.lo);
        let hi = xm.hi.min(ym.hi);
        if hi > lo {
            c.dashed(
                vec![(xm.px(lo), ym.px(lo)), (xm.px(hi), ym.px(hi))],
                theme::AXIS.stroke_width(1),
            )?;
        }
    }
    let r = c.px(6.0);
    let centres: Vec<(i32, i32)> = pts.iter().map(|p| (xm.px(p.x), ym.px(p.y))).collect();
    // Missing first, so coloured points sit on top.
    for (p, &at) in pts.iter().zip(&centres) {
        if finite(p.colour).is_none() {
            c.marker(theme::Marker::Circle, at, r, theme::MISSING_HATCH, false)?;
        }
    }
    for (p, &at) in pts.iter().zip(&centres) {
        if let Some(v) = finite(p.colour) {
            let col = chart.scale.colour(v, clo, chi);
            c.circle(at, r, col.filled())?;
            c.circle(at, r, theme::TEXT.stroke_width(1))?;
        }
    }
    // Labels: farthest from the origin first, eight candidate positions, no overlaps.
    let font = c.font(theme::LABEL_PX, false, theme::TEXT);
    let mut order: Vec<usize> = (0..pts.len()).collect();
    order.sort_by(|&i, &j| (pts[j].x + pts[j].y).total_cmp(&(pts[i].x + pts[i].y)));
    let point_boxes: Vec<Rect> = centres
        .iter()
        .map(|&(x, y)| Rect {
            x0: x - r,
            y0: y - r,
            x1: x + r,
            y1: y + r,
        })
        .collect();
    let mut placed: Vec<Rect> = Vec::new();
    let overlaps = |a: &Rect, b: &Rect| a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    let gap = c.px(3.0);
    for &i in order.iter().take(chart.label_top) {
        let (w, h) = c.size(&pts[i].label, &font)?;
        let (px, py) = centres[i];
        let d = r + gap;
        // (x0, y0) of the label box for each candidate position.
        let candidates = [
            (px + d, py - h / 2),
            (px - d - w, py - h / 2),
            (px - w / 2, py - d - h),
            (px - w / 2, py + d),
            (px + d, py - d - h / 2),
            (px + d, py + d - h / 2),
            (px - d - w, py - d - h / 2),
            (px - d - w, py + d - h / 2),
        ];
        for (x0, y0) in candidates {
            let b = Rect {
                x0,
                y0,
                x1: x0 + w,
                y1: y0 + h,
            };
            let inside = b.x0 >= plot.x0 && b.x1 <= plot.x1 && b.y0 >= plot.y0 && b.y1 <= plot.y1;
            let clear = placed.iter().all(|o| !overlaps(&b, o))
                && point_boxes
                    .iter()
                    .enumerate()
                    .all(|(j, o)| j == i || !overlaps(&b, o));
            if inside && clear {
                c.text(&pts[i].label, (b.x0, b.y0), &font, HPos::Left, VPos::Top)?;
                placed.push(b);
                break;
            }
        }
    }
    Ok(())
}
