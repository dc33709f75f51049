//! Radar (spider) chart: one spoke per dimension on a common 0–100 scale, one outline per actor.
//!
//! Values are clamped to 0–100. A complete profile is a closed, lightly filled outline; a
//! missing value leaves its vertex out and breaks the outline on both sides (no fill), so a
//! missing dimension never reads as a zero.

use std::f64::consts::PI;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::canvas::Canvas;
use super::inputs::finite;
use super::legend::{Key, Legend};
use super::render::fail;
use super::theme;
use super::{Draw, Labels, Profile};
use crate::error::Result;
use crate::panel::country::Iso3;

/// Input of [`radar`].
#[derive(Debug, Clone, PartialEq)]
pub struct Radar {
    /// Title, source, and `y`: the scale's name with units (drawn at the top left of the plot,
    /// e.g. "Presence score (0–100)"); `x` is not used.
    pub labels: Labels,
    /// Spoke names (at least 3), clockwise from the top.
    pub axes: Vec<String>,
    /// One profile per actor: a value in 0–100 per spoke.
    pub profiles: Vec<Profile>,
}

impl Draw for Radar {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<()> {
        radar(area, self)
    }
}

/// Draw a radar chart.
///
/// # Errors
/// [`crate::Error::Method`] `plot` with fewer than 3 axes, when plotters fails or the area is
/// too small.
///
/// # Examples
/// ```
/// use linkage::plot::{self, Labels, Profile, Radar};
/// use linkage::iso3;
/// let chart = Radar {
///     labels: Labels::new("Synthetic presence profile").y("Presence score (0–100)"),
///     axes: vec!["Trade".into(), "Aid".into(), "Soft power".into()],
///     profiles: vec![Profile::actor(iso3!("JPN"), vec![Some(40.0), Some(70.0), Some(55.0)])],
/// };
/// let svg = plot::to_svg_string(900, 560, |area| plot::radar(area, &chart)).unwrap();
/// assert!(svg.contains("Soft power"));
/// ```
pub fn radar<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &Radar) -> Result<()> {
    let n = chart.axes.len();
    if n < 3 {
        return Err(fail(format!(
            "a radar chart needs at least 3 axes, got {n}"
        )));
    }
    let c = Canvas::new(area)?;
    let body = c.frame(&chart.labels)?;
    let actors: Vec<Option<Iso3>> = chart.profiles.iter().map(|p| p.actor).collect();
    let styles = theme::series_styles(&actors);
    let value = |p: &Profile, k: usize| {
        finite(p.values.get(k).copied().flatten()).map(|v| v.clamp(0.0, 100.0))
    };
    let any_missing = chart
        .profiles
        .iter()
        .any(|p| (0..n).any(|k| value(p, k).is_none()));
    let legend = Legend {
        items: chart
            .profiles
            .iter()
            .zip(&styles)
            .map(|(p, s)| (Key::Line(s.0, s.1), p.label.clone()))
            .collect(),
        after: if any_missing {
            vec![(Key::Missing, "missing: no vertex".to_string())]
        } else {
            vec![]
        },
        ..Legend::default()
    };
    let plot = c.with_legend(body, &legend)?;
    let font = c.label_font();
    let line_h = c.line_h(theme::LABEL_PX);
    // Scale caption at the top left.
    let mut top = plot.y0;
    if !chart.labels.y.is_empty() {
        let muted = c.font(theme::LABEL_PX, false, theme::TEXT_MUTED);
        c.text(
            &chart.labels.y,
            (plot.x0, plot.y0),
            &muted,
            HPos::Left,
            VPos::Top,
        )?;
        top += line_h / 2;
    }
    // Spoke labels, wrapped to a quarter of the plot width.
    let wrap_w = (plot.w() / 4).max(c.px(80.0));
    let mut wrapped = Vec::with_capacity(n);
    let mut label_w = 0;
    let mut label_lines = 1;
    for a in &chart.axes {
        let lines = c.wrap(a, &font, wrap_w)?;
        label_w = label_w.max(c.max_width(&lines, &font)?);
        label_lines = label_lines.max(lines.len() as i32);
        wrapped.push(lines);
    }
    let off = c.px(12.0);
    let cx = (plot.x0 + plot.x1) / 2;
    let cy = (top + plot.y1) / 2;
    let r_w = plot.w() / 2 - label_w - off;
    let r_h = (plot.y1 - top) / 2 - label_lines * line_h - off;
    let radius = r_w.min(r_h);
    if radius < c.px(40.0) {
        return Err(fail("the image is too small for this radar chart"));
    }
    let angle = |k: usize| -PI / 2.0 + 2.0 * PI * k as f64 / n as f64;
    let at = |k: usize, v: f64| {
        let r = v / 100.0 * radius as f64;
        (
            cx + (r * angle(k).cos()).round() as i32,
            cy + (r * angle(k).sin()).round() as i32,
        )
    };
    // Rings and spokes.
    for (i, ring) in [20.0, 40.0, 60.0, 80.0, 100.0].into_iter().enumerate() {
        let mut pts: Vec<(i32, i32)> = (0..n).map(|k| at(k, ring)).collect();
        pts.push(pts[0]);
        let style = if i == 4 {
            theme::AXIS.stroke_width(1)
        } else {
            theme::GRID.stroke_width(1)
        };
        c.path(pts, style)?;
    }
    for k in 0..n {
        c.path(vec![(cx, cy), at(k, 100.0)], theme::GRID.stroke_width(1))?;
    }
    // Ring values along the top spoke, just right of it, under the data.
    let muted = c.font(theme::LABEL_PX, false, theme::TEXT_MUTED);
    for ring in [20.0, 40.0, 60.0, 80.0, 100.0] {
        let (x, y) = at(0, ring);
        c.text(
            &format!("{ring:.0}"),
            (x + c.px(4.0), y),
            &muted,
            HPos::Left,
            VPos::Center,
        )?;
    }
    // Fills of complete profiles, then outlines, then markers.
    for (p, s) in chart.profiles.iter().zip(&styles) {
        let vals: Vec<Option<f64>> = (0..n).map(|k| value(p, k)).collect();
        if vals.iter().all(|v| v.is_some()) {
            let pts = vals
                .iter()
                .enumerate()
                .map(|(k, v)| at(k, v.unwrap_or(0.0)))
                .collect();
            c.polygon(pts, s.0.mix(0.12).filled())?;
        }
    }
    let stroke = c.px(2.5) as u32;
    for (p, s) in chart.profiles.iter().zip(&styles) {
        for k in 0..n {
            let k2 = (k + 1) % n;
            if let (Some(a), Some(b)) = (value(p, k), value(p, k2)) {
                c.path(vec![at(k, a), at(k2, b)], s.0.stroke_width(stroke))?;
            }
        }
    }
    for (p, s) in chart.profiles.iter().zip(&styles) {
        for k in 0..n {
            if let Some(v) = value(p, k) {
                c.marker(s.1, at(k, v), c.px(4.5), s.0, true)?;
            }
        }
    }
    // Spoke labels outside the outer ring.
    for (k, lines) in wrapped.iter().enumerate() {
        let (ca, sa) = (angle(k).cos(), angle(k).sin());
        let (x, y) = (
            cx + ((radius + off) as f64 * ca).round() as i32,
            cy + ((radius + off) as f64 * sa).round() as i32,
        );
        let h = if ca > 0.3 {
            HPos::Left
        } else if ca < -0.3 {
            HPos::Right
        } else {
            HPos::Center
        };
        let block = lines.len() as i32 * line_h;
        let y_top = if sa < -0.3 {
            y - block
        } else if sa > 0.3 {
            y
        } else {
            y - block / 2
        };
        for (i, line) in lines.iter().enumerate() {
            c.text(
                line,
                (x, y_top + i as i32 * line_h + line_h / 2),
                &font,
                h,
                VPos::Center,
            )?;
        }
    }
    Ok(())
}
