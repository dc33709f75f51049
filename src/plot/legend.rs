//! Legends: the panel to the right of the plot (never over the data) with an optional heading,
//! entries keyed by swatch, line, marker or interval, an optional colour bar, and entries after
//! the bar.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::canvas::{Canvas, Rect};
use super::theme::{self, Marker, Scale};
use super::ticks::{Linear, fmt_num, nice_ticks};
use crate::error::Result;

/// What a legend entry shows beside its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Key {
    /// A filled swatch.
    Fill(RGBColor),
    /// A line with a marker.
    Line(RGBColor, Marker),
    /// A filled marker.
    Point(RGBColor, Marker),
    /// A hollow marker.
    Hollow(RGBColor, Marker),
    /// A horizontal interval with end caps.
    Interval(RGBColor),
    /// A hatched grey swatch.
    Missing,
    /// A dashed line.
    Dashed(RGBColor),
}

/// A colour bar in a legend.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ColourBar {
    /// Title above the bar, wrapped to the panel.
    pub title: String,
    /// Value at the bottom.
    pub lo: f64,
    /// Value at the top.
    pub hi: f64,
    /// The colour scale.
    pub scale: Scale,
}

/// A legend panel: optional heading, entries, optional colour bar, entries after the bar.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Legend {
    /// Bold heading on top.
    pub heading: Option<String>,
    /// Entries before the colour bar.
    pub items: Vec<(Key, String)>,
    /// The colour bar.
    pub bar: Option<ColourBar>,
    /// Entries after the colour bar (e.g. "missing").
    pub after: Vec<(Key, String)>,
}

impl Legend {
    /// Nothing to draw: no panel.
    fn is_empty(&self) -> bool {
        self.heading.is_none()
            && self.items.is_empty()
            && self.bar.is_none()
            && self.after.is_empty()
    }
}

impl<DB: DrawingBackend> Canvas<'_, DB> {
    /// Width of a legend key.
    fn key_w(&self) -> i32 {
        self.px(30.0)
    }

    /// Width the legend needs (capped at a third of the image; longer texts are cut with "…").
    pub fn legend_width(&self, legend: &Legend) -> Result<i32> {
        if legend.is_empty() {
            return Ok(0);
        }
        let cap = self.w / 3;
        let font = self.label_font();
        let gap = self.px(8.0);
        let mut w = 0;
        if let Some(h) = &legend.heading {
            w = w.max(
                self.size(h, &self.font(theme::LABEL_PX, true, theme::TEXT))?
                    .0,
            );
        }
        for (_, label) in legend.items.iter().chain(&legend.after) {
            w = w.max(self.key_w() + gap + self.size(label, &font)?.0);
        }
        if let Some(bar) = &legend.bar {
            let (ticks, d) = nice_ticks(bar.lo, bar.hi, 5);
            let tw = ticks
                .iter()
                .map(|&t| self.size(&fmt_num(t, d), &font).map(|s| s.0))
                .collect::<Result<Vec<_>>>()?
                .into_iter()
                .max()
                .unwrap_or(0);
            w = w.max(self.px(18.0) + gap + tw);
            // A long title wraps rather than widen the panel much.
            w = w.max(self.size(&bar.title, &font)?.0.min(self.px(210.0)));
        }
        Ok((w + self.px(12.0)).min(cap))
    }

    /// Draw a legend in `r` (top-aligned).
    pub fn legend(&self, legend: &Legend, r: Rect) -> Result<()> {
        let font = self.label_font();
        let row = self.line_h(theme::LABEL_PX) + self.px(2.0);
        let gap = self.px(8.0);
        let x = r.x0 + self.px(12.0);
        let text_w = r.x1 - x - self.key_w() - gap;
        let mut y = r.y0 + row / 2;
        if let Some(h) = &legend.heading {
            let bold = self.font(theme::LABEL_PX, true, theme::TEXT);
            let h = self.ellipsize(h, &bold, r.x1 - x)?;
            self.text(&h, (x, y), &bold, HPos::Left, VPos::Center)?;
            y += row;
        }
        let entries = |items: &[(Key, String)], y: &mut i32| -> Result<()> {
            for (i, (key, label)) in items.iter().enumerate() {
                // No room for this entry and the next: say how many are left out.
                if i + 1 < items.len() && *y + row > r.y1 {
                    let more = format!("… and {} more", items.len() - i);
                    self.text(&more, (x, *y), &font, HPos::Left, VPos::Center)?;
                    *y += row;
                    break;
                }
                self.key(*key, x, *y)?;
                let label = self.ellipsize(label, &font, text_w)?;
                self.text(
                    &label,
                    (x + self.key_w() + gap, *y),
                    &font,
                    HPos::Left,
                    VPos::Center,
                )?;
                *y += row;
            }
            Ok(())
        };
        entries(&legend.items, &mut y)?;
        if let Some(bar) = &legend.bar {
            if !legend.items.is_empty() {
                y += row / 2;
            }
            let lines = self.wrap(&bar.title, &font, r.x1 - x)?;
            for line in &lines {
                self.text(line, (x, y), &font, HPos::Left, VPos::Center)?;
                y += row;
            }
            let bar_w = self.px(18.0);
            let bar_h = (r.y1 - y - 2 * row - self.px(8.0) * (!legend.after.is_empty()) as i32)
                .min(self.px(220.0))
                .max(self.px(60.0));
            let y0 = y - row / 2 + self.px(8.0);
            let y1 = y0 + bar_h;
            // Gradient: one band per pixel row, top = hi.
            let map = Linear::new(bar.lo, bar.hi, y1, y0);
            for py in y0..y1 {
                let v = bar.hi - (py - y0) as f64 / bar_h as f64 * (bar.hi - bar.lo);
                let c = bar.scale.colour(v, bar.lo, bar.hi);
                self.rect(
                    Rect {
                        x0: x,
                        y0: py,
                        x1: x + bar_w,
                        y1: py + 1,
                    },
                    c.filled(),
                )?;
            }
            self.rect(
                Rect {
                    x0: x,
                    y0,
                    x1: x + bar_w,
                    y1,
                },
                theme::AXIS.stroke_width(1),
            )?;
            let (ticks, d) = nice_ticks(bar.lo, bar.hi, 5);
            for t in ticks {
                let py = map.px(t);
                self.path(
                    vec![(x + bar_w, py), (x + bar_w + self.px(4.0), py)],
                    theme::AXIS.stroke_width(1),
                )?;
                self.text(
                    &fmt_num(t, d),
                    (x + bar_w + self.px(7.0), py),
                    &font,
                    HPos::Left,
                    VPos::Center,
                )?;
            }
            y = y1 + row;
        }
        entries(&legend.after, &mut y)
    }

    /// A legend key centred vertically on `y`, starting at `x`.
    fn key(&self, key: Key, x: i32, y: i32) -> Result<()> {
        let kw = self.key_w();
        let s = self.px(7.0);
        let r = self.px(5.0);
        match key {
            Key::Fill(c) => self.rect(
                Rect {
                    x0: x + kw / 2 - s - 2,
                    y0: y - s,
                    x1: x + kw / 2 + s + 2,
                    y1: y + s,
                },
                c.filled(),
            ),
            Key::Line(c, m) => {
                self.path(
                    vec![(x, y), (x + kw, y)],
                    c.stroke_width(self.px(2.5) as u32),
                )?;
                self.marker(m, (x + kw / 2, y), r, c, true)
            }
            Key::Point(c, m) => self.marker(m, (x + kw / 2, y), r + 1, c, true),
            Key::Hollow(c, m) => self.marker(m, (x + kw / 2, y), r + 1, c, false),
            Key::Interval(c) => {
                let style = c.stroke_width(self.px(3.0) as u32);
                self.path(vec![(x + 2, y), (x + kw - 2, y)], style)?;
                self.path(vec![(x + 2, y - s), (x + 2, y + s)], c.stroke_width(2))?;
                self.path(
                    vec![(x + kw - 2, y - s), (x + kw - 2, y + s)],
                    c.stroke_width(2),
                )
            }
            Key::Dashed(c) => self.dashed(vec![(x, y), (x + kw, y)], c.stroke_width(2)),
            Key::Missing => self.hatched(Rect {
                x0: x + kw / 2 - s - 2,
                y0: y - s,
                x1: x + kw / 2 + s + 2,
                y1: y + s,
            }),
        }
    }

    /// Split `body` into the plot region (left) and a legend panel (right), draw the legend,
    /// return the plot region.
    pub fn with_legend(&self, body: Rect, legend: &Legend) -> Result<Rect> {
        let lw = self.legend_width(legend)?;
        if lw == 0 {
            return Ok(body);
        }
        let panel = Rect {
            x0: body.x1 - lw,
            y0: body.y0,
            x1: body.x1,
            y1: body.y1,
        };
        self.legend(legend, panel)?;
        Ok(Rect {
            x1: panel.x0 - self.px(6.0),
            ..body
        })
    }
}
