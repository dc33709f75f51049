//! Axes: numeric, year and categorical axes ([`Axis`]), and their drawing — grid, zero line,
//! frame, tick labels (wrapped, thinned or turned vertical to fit) and axis titles.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::canvas::{Canvas, Rect};
use super::render::fail;
use super::theme;
use super::ticks::{Linear, fmt_num, nice_bounds, nice_ticks};
use crate::error::Result;

/// One axis of a chart.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Axis {
    /// A numeric axis from `lo` to `hi` with tick values and label decimals.
    Numeric {
        /// Value at the start (left or bottom).
        lo: f64,
        /// Value at the end (right or top).
        hi: f64,
        /// Tick values.
        ticks: Vec<f64>,
        /// Decimals of the tick labels.
        decimals: usize,
        /// Axis title with units.
        desc: String,
    },
    /// Categories at 0, 1, …, n−1 (the range is −0.5..n−0.5).
    Categories {
        /// Category names, first left / top.
        labels: Vec<String>,
        /// Axis title.
        desc: String,
    },
}

impl Axis {
    /// A numeric axis over `lo..hi` widened to nice ticks (about `n`).
    pub fn numeric(lo: f64, hi: f64, n: usize, desc: &str) -> Axis {
        let (lo, hi) = if hi > lo {
            (lo, hi)
        } else {
            (lo - 0.5, lo + 0.5)
        };
        let (lo, hi) = nice_bounds(lo, hi, n);
        let (ticks, decimals) = nice_ticks(lo, hi, n);
        Axis::Numeric {
            lo,
            hi,
            ticks,
            decimals,
            desc: desc.to_string(),
        }
    }

    /// A numeric axis over exactly `lo..hi`, ticks inside.
    pub fn numeric_exact(lo: f64, hi: f64, n: usize, desc: &str) -> Axis {
        let (ticks, decimals) = nice_ticks(lo, hi, n);
        Axis::Numeric {
            lo,
            hi,
            ticks,
            decimals,
            desc: desc.to_string(),
        }
    }

    /// An axis of years (integer ticks only) over `lo..hi`.
    pub fn years(lo: f64, hi: f64, desc: &str) -> Axis {
        let (lo, hi) = if hi > lo {
            (lo, hi)
        } else {
            (lo - 1.0, hi + 1.0)
        };
        let (ticks, _) = nice_ticks(lo, hi, 8);
        let ticks = ticks
            .into_iter()
            .filter(|t| (t - t.round()).abs() < 1e-9)
            .collect();
        Axis::Numeric {
            lo: lo - 0.5,
            hi: hi + 0.5,
            ticks,
            decimals: 0,
            desc: desc.to_string(),
        }
    }

    /// The axis title.
    fn desc(&self) -> &str {
        match self {
            Axis::Numeric { desc, .. } | Axis::Categories { desc, .. } => desc,
        }
    }

    /// Whether the axis holds categories.
    fn is_categorical(&self) -> bool {
        matches!(self, Axis::Categories { .. })
    }

    /// The tick labels as drawn.
    fn texts(&self) -> Vec<String> {
        match self {
            Axis::Numeric {
                ticks, decimals, ..
            } => ticks.iter().map(|&t| fmt_num(t, *decimals)).collect(),
            Axis::Categories { labels, .. } => labels.clone(),
        }
    }

    /// The tick values (category `i` at `i`).
    fn positions(&self) -> Vec<f64> {
        match self {
            Axis::Numeric { ticks, .. } => ticks.clone(),
            Axis::Categories { labels, .. } => (0..labels.len()).map(|i| i as f64).collect(),
        }
    }

    /// Label every k-th position so labels `label_h` tall fit in `extent` pixels.
    fn every(&self, extent: i32, label_h: i32) -> usize {
        let n = self.positions().len().max(1) as i32;
        let room = (extent / n).max(1);
        ((label_h as f64 / room as f64).ceil() as usize).max(1)
    }

    /// Map values to pixels `a..b`; a vertical categorical axis runs top-down.
    fn map(&self, a: i32, b: i32, vertical: bool) -> Linear {
        match self {
            Axis::Numeric { lo, hi, .. } => Linear::new(*lo, *hi, a, b),
            Axis::Categories { labels, .. } => {
                let (lo, hi) = (-0.5, labels.len() as f64 - 0.5);
                if vertical {
                    Linear::new(lo, hi, b, a)
                } else {
                    Linear::new(lo, hi, a, b)
                }
            }
        }
    }
}

impl<DB: DrawingBackend> Canvas<'_, DB> {
    /// Lay out and draw a pair of axes in `body`: returns the plot rectangle and the two maps.
    /// Categorical axes map category `i` to value `i` (first category left / top).
    pub fn axes(&self, body: Rect, x: &Axis, y: &Axis) -> Result<(Rect, Linear, Linear)> {
        let font = self.label_font();
        let axis_font = self.font(theme::AXIS_PX, false, theme::TEXT);
        let tick = self.px(5.0);
        let gap = self.px(6.0);
        let axis_h = self.line_h(theme::AXIS_PX);
        let label_h = self.line_h(theme::LABEL_PX);
        // Left margin: y tick labels + y title.
        let y_texts = y.texts();
        let y_label_w = self.max_width(&y_texts, &font)?.min(body.w() / 3);
        let left = y_label_w + tick + gap + if y.desc().is_empty() { 0 } else { axis_h + gap };
        // Bottom margin: x labels (maybe wrapped / vertical) + x title.
        let plot_w_guess = body.w() - left - self.px(10.0);
        let x_layout = self.x_label_layout(x, plot_w_guess, &font)?;
        let bottom =
            x_layout.height + tick + gap + if x.desc().is_empty() { 0 } else { axis_h + gap };
        let plot = Rect {
            x0: body.x0 + left,
            y0: body.y0 + self.px(4.0),
            x1: body.x1 - self.px(10.0),
            y1: body.y1 - bottom,
        };
        if plot.w() < 40 || plot.h() < 40 {
            return Err(fail("the image is too small for this chart's labels"));
        }
        let xm = x.map(plot.x0, plot.x1, false);
        let ym = y.map(plot.y1, plot.y0, true);
        // Grid, zero line, frame.
        if let Axis::Numeric { ticks, .. } = x {
            for &t in ticks {
                let px = xm.px(t);
                self.path(
                    vec![(px, plot.y0), (px, plot.y1)],
                    theme::GRID.stroke_width(1),
                )?;
            }
        }
        if let Axis::Numeric { ticks, .. } = y {
            for &t in ticks {
                let py = ym.px(t);
                self.path(
                    vec![(plot.x0, py), (plot.x1, py)],
                    theme::GRID.stroke_width(1),
                )?;
            }
        }
        for (axis, map, horizontal) in [(x, xm, true), (y, ym, false)] {
            if let Axis::Numeric { lo, hi, .. } = axis
                && *lo < 0.0
                && *hi > 0.0
            {
                let p = map.px(0.0);
                let pts = if horizontal {
                    vec![(p, plot.y0), (p, plot.y1)]
                } else {
                    vec![(plot.x0, p), (plot.x1, p)]
                };
                self.path(pts, theme::AXIS.stroke_width(1))?;
            }
        }
        let axis_style = theme::AXIS.stroke_width(1);
        self.path(vec![(plot.x0, plot.y0), (plot.x0, plot.y1)], axis_style)?;
        self.path(vec![(plot.x0, plot.y1), (plot.x1, plot.y1)], axis_style)?;
        // Y tick labels.
        let muted = self.font(theme::LABEL_PX, false, theme::TEXT);
        let every_y = y.every(plot.h(), label_h);
        for (k, (v, text)) in y.positions().into_iter().zip(&y_texts).enumerate() {
            let py = ym.px(v);
            self.path(vec![(plot.x0 - tick, py), (plot.x0, py)], axis_style)?;
            if k % every_y == 0 {
                let t = self.ellipsize(text, &muted, y_label_w)?;
                self.text(
                    &t,
                    (plot.x0 - tick - gap / 2, py),
                    &muted,
                    HPos::Right,
                    VPos::Center,
                )?;
            }
        }
        // X tick labels.
        let x_texts = x.texts();
        let ty = plot.y1 + tick + gap / 2;
        for (k, (v, text)) in x.positions().into_iter().zip(&x_texts).enumerate() {
            let px = xm.px(v);
            self.path(vec![(px, plot.y1), (px, plot.y1 + tick)], axis_style)?;
            if k % x_layout.every != 0 {
                continue;
            }
            if x_layout.vertical {
                let vs = self.theme.font_vertical(theme::LABEL_PX, theme::TEXT);
                let t = self.ellipsize(text, &muted, x_layout.height)?;
                // Rotated a quarter turn anticlockwise: the text's end sits at the axis.
                self.text(&t, (px, ty), &vs, HPos::Right, VPos::Center)?;
            } else {
                let lines = if x.is_categorical() {
                    self.wrap(text, &muted, x_layout.slot)?
                } else {
                    vec![text.clone()]
                };
                for (i, line) in lines.iter().enumerate() {
                    self.text(
                        line,
                        (px, ty + i as i32 * label_h),
                        &muted,
                        HPos::Center,
                        VPos::Top,
                    )?;
                }
            }
        }
        // Axis titles.
        if !x.desc().is_empty() {
            let yb = plot.y1 + tick + gap + x_layout.height + gap / 2;
            self.text(
                x.desc(),
                ((plot.x0 + plot.x1) / 2, yb),
                &axis_font,
                HPos::Center,
                VPos::Top,
            )?;
        }
        if !y.desc().is_empty() {
            let vs = self.theme.font_vertical(theme::AXIS_PX, theme::TEXT);
            let desc = self.ellipsize(y.desc(), &axis_font, plot.h() + bottom / 2)?;
            self.text(
                &desc,
                (body.x0 + axis_h / 2, (plot.y0 + plot.y1) / 2),
                &vs,
                HPos::Center,
                VPos::Center,
            )?;
        }
        Ok((plot, xm, ym))
    }

    /// How the x tick labels fit: wrapped in at most three lines, every k-th label, or turned
    /// vertical.
    fn x_label_layout(&self, x: &Axis, plot_w: i32, font: &TextStyle) -> Result<XLayout> {
        let texts = x.texts();
        let label_h = self.line_h(theme::LABEL_PX);
        let n = texts.len().max(1) as i32;
        let slot = match x {
            Axis::Categories { .. } => plot_w / n,
            Axis::Numeric { .. } => plot_w / n,
        };
        let widest = self.max_width(&texts, font)?;
        if !x.is_categorical() {
            let every = ((widest + self.px(10.0)) as f64 / slot.max(1) as f64).ceil() as usize;
            return Ok(XLayout {
                height: label_h,
                vertical: false,
                every: every.max(1),
                slot,
            });
        }
        // Categories: wrap into at most 3 lines, else turn vertical.
        let max_w = (slot as f64 * 0.95) as i32;
        let mut lines = 1;
        let mut fits = true;
        for t in &texts {
            let wrapped = self.wrap(t, font, max_w)?;
            let too_wide = wrapped
                .iter()
                .map(|l| self.size(l, font).map(|s| s.0 > max_w))
                .collect::<Result<Vec<_>>>()?
                .into_iter()
                .any(|b| b);
            if wrapped.len() > 3 || too_wide {
                fits = false;
            }
            lines = lines.max(wrapped.len() as i32);
        }
        if fits {
            Ok(XLayout {
                height: lines * label_h,
                vertical: false,
                every: 1,
                slot: max_w,
            })
        } else {
            let every = ((label_h as f64) / slot.max(1) as f64).ceil() as usize;
            Ok(XLayout {
                // Rotated glyphs run a little past the estimate: keep a margin.
                height: widest.min(self.h / 4) + self.px(6.0),
                vertical: true,
                every: every.max(1),
                slot: max_w,
            })
        }
    }
}

/// The layout of the x tick labels.
struct XLayout {
    /// Height the labels take below the ticks.
    height: i32,
    /// Labels turned a quarter turn anticlockwise.
    vertical: bool,
    /// Label every k-th tick.
    every: usize,
    /// Width a label may take (wrapped categories).
    slot: i32,
}
