//! The drawing kit's canvas: a drawing area with the house theme, drawing text, shapes, markers
//! and hatched "missing" cells in pixel coordinates, wrapping and cutting text, and laying out a
//! chart's frame (title on top, source note at the bottom). Legends ([`super::legend`]) and axes
//! ([`super::axis`]) are drawn by the canvas too, each in its own file.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::inputs::Labels;
use super::render::{OrPlot, fail, register_fonts};
use super::theme::{self, Marker, Theme};
use crate::error::Result;

/// A pixel rectangle, `x0 < x1`, `y0 < y1` (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    /// Left edge.
    pub x0: i32,
    /// Top edge.
    pub y0: i32,
    /// Right edge.
    pub x1: i32,
    /// Bottom edge.
    pub y1: i32,
}

impl Rect {
    /// The rectangle spanned by two corners in any order.
    pub fn span(a: (i32, i32), b: (i32, i32)) -> Rect {
        Rect {
            x0: a.0.min(b.0),
            y0: a.1.min(b.1),
            x1: a.0.max(b.0),
            y1: a.1.max(b.1),
        }
    }

    /// Width in pixels.
    pub fn w(&self) -> i32 {
        self.x1 - self.x0
    }

    /// Height in pixels.
    pub fn h(&self) -> i32 {
        self.y1 - self.y0
    }
}

/// A drawing area with the theme: text, shapes, legend and axes in pixel coordinates.
pub(crate) struct Canvas<'a, DB: DrawingBackend> {
    /// The plotters area drawn on.
    pub area: &'a DrawingArea<DB, Shift>,
    /// Sizes and fonts scaled to the image.
    pub theme: Theme,
    /// Image width in pixels.
    pub w: i32,
    /// Image height in pixels.
    pub h: i32,
    /// Plotters' bitmap text (ab_glyph) sits higher than the SVG's for the same anchor: the
    /// baseline is put at half the font size below the anchor's top. Shift it down to match.
    bitmap: bool,
}

impl<'a, DB: DrawingBackend> Canvas<'a, DB> {
    /// Register fonts, clear the area to the background.
    pub fn new(area: &'a DrawingArea<DB, Shift>) -> Result<Self> {
        register_fonts()?;
        let (w, h) = area.dim_in_pixel();
        if w < 200 || h < 150 {
            return Err(fail(format!(
                "a chart needs at least 200 × 150 pixels, got {w} × {h}"
            )));
        }
        area.fill(&theme::BACKGROUND).or_plot()?;
        Ok(Canvas {
            area,
            theme: Theme::for_size(w, h),
            w: w as i32,
            h: h as i32,
            bitmap: std::any::type_name::<DB>().contains("BitMapBackend"),
        })
    }

    /// A length in reference pixels (at 900 × 560) scaled to this image.
    pub fn px(&self, v: f64) -> i32 {
        self.theme.px(v)
    }

    /// The house font at `px` reference pixels.
    pub fn font(&self, px: f64, bold: bool, colour: RGBColor) -> TextStyle<'static> {
        self.theme.font(px, bold, colour)
    }

    /// Label font (15 px, text colour).
    pub fn label_font(&self) -> TextStyle<'static> {
        self.font(theme::LABEL_PX, false, theme::TEXT)
    }

    /// Width and height of `text` in `style`.
    pub fn size(&self, text: &str, style: &TextStyle) -> Result<(i32, i32)> {
        if text.is_empty() {
            return Ok((0, 0));
        }
        let (w, h) = self.area.estimate_text_size(text, style).or_plot()?;
        Ok((w as i32, h as i32))
    }

    /// Line height of a font size in px.
    pub fn line_h(&self, px: f64) -> i32 {
        self.px(px * 1.45)
    }

    /// Draw `text` anchored at `(x, y)` by `h` and `v`; the bitmap backend's baseline is
    /// shifted to match the SVG's.
    pub fn text(
        &self,
        text: &str,
        (x, y): (i32, i32),
        style: &TextStyle,
        h: HPos,
        v: VPos,
    ) -> Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        let style = style.pos(Pos::new(h, v));
        let (mut x, mut y) = (x, y);
        if self.bitmap {
            // Baseline offsets measured against the SVG rendering (DejaVu Sans metrics).
            let size = style.font.get_size();
            let shift = (size
                * match v {
                    VPos::Top => 0.113,
                    VPos::Center => 0.17,
                    VPos::Bottom => 0.1,
                })
            .round() as i32;
            match style.font.get_transform() {
                FontTransform::Rotate270 => x += shift,
                FontTransform::Rotate90 => x -= shift,
                FontTransform::Rotate180 => y -= shift,
                _ => y += shift,
            }
        }
        self.area.draw_text(text, &style, (x, y)).or_plot()
    }

    /// A rectangle, filled or outlined as `style` says.
    pub fn rect(&self, r: Rect, style: ShapeStyle) -> Result<()> {
        self.area
            .draw(&Rectangle::new([(r.x0, r.y0), (r.x1, r.y1)], style))
            .or_plot()
    }

    /// A polyline (nothing for fewer than two points).
    pub fn path(&self, points: Vec<(i32, i32)>, style: ShapeStyle) -> Result<()> {
        if points.len() < 2 {
            return Ok(());
        }
        self.area.draw(&PathElement::new(points, style)).or_plot()
    }

    /// A dashed polyline.
    pub fn dashed(&self, points: Vec<(i32, i32)>, style: ShapeStyle) -> Result<()> {
        let (dash, gap) = (self.px(6.0), self.px(4.0));
        self.area
            .draw(&plotters::element::DashedPathElement::new(
                points, dash, gap, style,
            ))
            .or_plot()
    }

    /// A circle of radius `r` centred on `at`.
    pub fn circle(&self, at: (i32, i32), r: i32, style: ShapeStyle) -> Result<()> {
        self.area.draw(&Circle::new(at, r, style)).or_plot()
    }

    /// A closed polygon.
    pub fn polygon(&self, points: Vec<(i32, i32)>, style: ShapeStyle) -> Result<()> {
        self.area.draw(&Polygon::new(points, style)).or_plot()
    }

    /// A marker of radius `r` centred on `(x, y)`: filled in `colour` with a thin white rim,
    /// or hollow.
    pub fn marker(
        &self,
        m: Marker,
        (x, y): (i32, i32),
        r: i32,
        colour: RGBColor,
        filled: bool,
    ) -> Result<()> {
        let fill = if filled {
            colour.filled()
        } else {
            colour.stroke_width(self.px(2.0).max(1) as u32)
        };
        let pts: Vec<(i32, i32)> = match m {
            Marker::Circle => {
                self.area.draw(&Circle::new((x, y), r, fill)).or_plot()?;
                return Ok(());
            }
            Marker::Square => {
                let s = (r as f64 * 0.88).round() as i32;
                vec![
                    (x - s, y - s),
                    (x + s, y - s),
                    (x + s, y + s),
                    (x - s, y + s),
                ]
            }
            Marker::Triangle => {
                let s = (r as f64 * 1.2).round() as i32;
                vec![(x, y - s), (x + s, y + s * 3 / 4), (x - s, y + s * 3 / 4)]
            }
            Marker::Diamond => {
                let s = (r as f64 * 1.25).round() as i32;
                vec![(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
            }
        };
        if filled {
            self.polygon(pts, fill)
        } else {
            let mut closed = pts.clone();
            closed.push(pts[0]);
            self.path(closed, fill)
        }
    }

    /// A missing cell: light grey with dark diagonal hatching clipped to the rectangle.
    pub fn hatched(&self, r: Rect) -> Result<()> {
        self.rect(r, theme::MISSING_FILL.filled())?;
        let gap = self.px(7.0).max(4);
        let style = theme::MISSING_HATCH.stroke_width(1);
        // Lines u + v = k in the rectangle's frame (u right, v down): rising to the right.
        let (w, h) = (r.w(), r.h());
        let mut k = gap / 2;
        while k < w + h {
            let va = k.min(h);
            let vb = (k - w).max(0);
            let p0 = (r.x0 + k - va, r.y0 + va);
            let p1 = (r.x0 + k - vb, r.y0 + vb);
            if p0 != p1 {
                self.path(vec![p0, p1], style)?;
            }
            k += gap;
        }
        self.rect(r, theme::MISSING_HATCH.stroke_width(1))
    }

    /// Greedy word wrap of `text` to `max_w` pixels (a word wider than the width stays whole).
    pub fn wrap(&self, text: &str, style: &TextStyle, max_w: i32) -> Result<Vec<String>> {
        let mut lines: Vec<String> = Vec::new();
        let mut cur = String::new();
        for word in text.split_whitespace() {
            let trial = if cur.is_empty() {
                word.to_string()
            } else {
                format!("{cur} {word}")
            };
            if cur.is_empty() || self.size(&trial, style)?.0 <= max_w {
                cur = trial;
            } else {
                lines.push(std::mem::take(&mut cur));
                cur = word.to_string();
            }
        }
        if !cur.is_empty() {
            lines.push(cur);
        }
        Ok(lines)
    }

    /// `text` cut with "…" to fit `max_w` pixels.
    pub fn ellipsize(&self, text: &str, style: &TextStyle, max_w: i32) -> Result<String> {
        if self.size(text, style)?.0 <= max_w {
            return Ok(text.to_string());
        }
        let chars: Vec<char> = text.chars().collect();
        for n in (1..chars.len()).rev() {
            let t: String = chars[..n].iter().collect::<String>() + "…";
            if self.size(&t, style)?.0 <= max_w {
                return Ok(t);
            }
        }
        Ok("…".into())
    }

    /// Title at the top, source note at the bottom; returns the rectangle left for the chart.
    pub fn frame(&self, labels: &Labels) -> Result<Rect> {
        let pad = self.px(14.0);
        let mut top = pad;
        if !labels.title.trim().is_empty() {
            let style = self.font(theme::TITLE_PX, true, theme::TEXT);
            let lines = self.wrap(labels.title.trim(), &style, self.w - 2 * pad)?;
            for line in lines.iter().take(2) {
                self.text(line, (pad, top), &style, HPos::Left, VPos::Top)?;
                top += self.line_h(theme::TITLE_PX);
            }
            top += self.px(8.0);
        }
        let mut bottom = self.h - pad / 2;
        let note = labels.source_line();
        if !note.is_empty() {
            let style = self.font(theme::NOTE_PX, false, theme::TEXT_MUTED);
            let note = self.ellipsize(&note, &style, self.w - 2 * pad)?;
            let y = bottom - self.line_h(theme::NOTE_PX) / 2;
            self.text(&note, (pad, y), &style, HPos::Left, VPos::Center)?;
            bottom -= self.line_h(theme::NOTE_PX) + self.px(6.0);
        }
        Ok(Rect {
            x0: pad,
            y0: top,
            x1: self.w - pad,
            y1: bottom,
        })
    }

    /// Width of the widest of `texts`.
    pub fn max_width(&self, texts: &[String], style: &TextStyle) -> Result<i32> {
        let mut w = 0;
        for t in texts {
            w = w.max(self.size(t, style)?.0);
        }
        Ok(w)
    }
}
