//! Charts of presence and alignment, drawn with plotters to SVG or PNG.
//!
//! Every chart is a function of plain data — labelled values, never the computing modules'
//! types — and a backend-generic [`DrawingArea`], so the same call renders to an SVG file, a PNG
//! file or an in-memory SVG string ([`to_svg_string`], [`to_png`], [`write_both`]). Helper
//! constructors build the inputs from a [`crate::presence::Presence`] run where that is
//! natural.
//!
//! | chart | function | input |
//! |---|---|---|
//! | presence by dimension, actors side by side | [`grouped_bars`] | [`GroupedBars`] |
//! | dimension profile of each actor (0–100 axes) | [`radar()`] | [`Radar`] |
//! | an indicator over time, one line per actor | [`lines()`] | [`Lines`] |
//! | actor *x* vs actor *y* across partners, coloured by alignment | [`scatter()`] | [`Scatter`] |
//! | rows × columns with a colour scale | [`heatmap()`] | [`Heatmap`] |
//! | median rank with 5–95 % interval per unit | [`rank_intervals`] | [`RankIntervals`] |
//! | first-order and total sensitivity per input | [`sensitivity_bars`] | [`Sensitivity`] |
//!
//! All charts share the house [`theme`]: one colour and marker per actor everywhere, labels of at
//! least 14 px at 900 × 560, a title, axis titles with units ([`Labels`]), a legend in a panel
//! to the right of the plot (never over the data), and a source note on the bottom line.
//! Missing values (`None`, NaN, ±∞) never reach plotters: they are skipped, drawn as gaps or as
//! hatched "missing" cells, as each chart documents.
//!
//! # Examples
//! ```
//! use linkage::plot::{self, GroupedBars, Labels, Profile};
//! use linkage::iso3;
//! let chart = GroupedBars {
//!     labels: Labels::new("Presence in Vietnam, 2015 (synthetic)")
//!         .x("Dimension")
//!         .y("Presence score (0–100)")
//!         .source("synthetic data"),
//!     categories: vec!["Trade".into(), "Aid".into()],
//!     profiles: vec![
//!         Profile::actor(iso3!("USA"), vec![Some(30.0), Some(12.0)]),
//!         Profile::actor(iso3!("JPN"), vec![Some(25.0), None]),
//!     ],
//! };
//! let svg = plot::to_svg_string(900, 560, |area| plot::grouped_bars(area, &chart)).unwrap();
//! assert!(svg.contains("Presence in Vietnam, 2015 (synthetic)"));
//! assert!(svg.contains("Source: synthetic data"));
//! ```

pub mod bars;
pub mod heatmap;
pub mod lines;
pub mod radar;
pub mod rank;
pub mod scatter;
pub mod sensitivity;
pub mod theme;

pub use bars::{GroupedBars, grouped_bars};
pub use heatmap::{Grid, Heatmap, heatmap};
pub use lines::{Lines, lines};
pub use radar::{Radar, radar};
pub use rank::{RankInterval, RankIntervals, rank_intervals};
pub use scatter::{Scatter, ScatterPoint, scatter};
pub use sensitivity::{Sensitivity, SensitivityIndex, sensitivity_bars};

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::error::{Error, Result};
use crate::panel::country::Iso3;
use crate::presence::Presence;
use theme::{Marker, Scale, Theme};

/// Register the bundled DejaVu Sans (regular and bold) as plotters' `sans-serif` family. Every
/// chart calls it; it does the work once per process.
///
/// # Errors
/// [`Error::Method`] if the font data is rejected (it is not, for the bundled fonts).
pub fn register_fonts() -> Result<()> {
    static DONE: OnceLock<std::result::Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        plotters::style::register_font("sans-serif", FontStyle::Normal, dejavu::sans::regular())
            .map_err(|_| "the bundled DejaVu Sans font is invalid".to_string())?;
        plotters::style::register_font("sans-serif", FontStyle::Bold, dejavu::sans::bold())
            .map_err(|_| "the bundled DejaVu Sans Bold font is invalid".to_string())
    })
    .clone()
    .map_err(fail)
}

/// The crate error for a plotting failure.
pub(crate) fn fail(reason: impl Into<String>) -> Error {
    Error::Method {
        method: "plot",
        reason: reason.into(),
    }
}

/// Map any displayable error (plotters' drawing errors) to [`Error::Method`] `plot`.
pub(crate) trait OrPlot<T> {
    fn or_plot(self) -> Result<T>;
}

impl<T, E: std::fmt::Display> OrPlot<T> for std::result::Result<T, E> {
    fn or_plot(self) -> Result<T> {
        self.map_err(|e| fail(e.to_string()))
    }
}

/// A value if it is finite.
pub(crate) fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite())
}

/// The texts of a chart: title, axis titles (with units) and source note.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Labels {
    /// Title, drawn bold at the top.
    pub title: String,
    /// Horizontal-axis title, e.g. "Year".
    pub x: String,
    /// Vertical-axis title with units, e.g. "Presence score (0–100)".
    pub y: String,
    /// Source note on the bottom line; prefixed with "Source: " unless it starts with "Source".
    /// Empty: no note.
    pub source: String,
}

impl Labels {
    /// Labels with a title only.
    pub fn new(title: impl Into<String>) -> Labels {
        Labels {
            title: title.into(),
            ..Labels::default()
        }
    }

    /// Set the horizontal-axis title.
    pub fn x(mut self, x: impl Into<String>) -> Labels {
        self.x = x.into();
        self
    }

    /// Set the vertical-axis title.
    pub fn y(mut self, y: impl Into<String>) -> Labels {
        self.y = y.into();
        self
    }

    /// Set the source note.
    pub fn source(mut self, source: impl Into<String>) -> Labels {
        self.source = source.into();
        self
    }

    /// The note as drawn: "Source: …", or empty.
    pub fn source_line(&self) -> String {
        let s = self.source.trim();
        if s.is_empty() || s.to_lowercase().starts_with("source") {
            s.to_string()
        } else {
            format!("Source: {s}")
        }
    }
}

/// One series of (x, y) points, e.g. (year, score) of one actor. A point with a non-finite
/// coordinate is missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend text.
    pub label: String,
    /// The actor, which fixes the colour and marker ([`theme`]); `None` for other series.
    pub actor: Option<Iso3>,
    /// Points in any order.
    pub points: Vec<(f64, f64)>,
}

impl Series {
    /// A series of an actor, labelled with its display name.
    pub fn actor(actor: Iso3, points: Vec<(f64, f64)>) -> Series {
        Series {
            label: theme::actor_name(actor),
            actor: Some(actor),
            points,
        }
    }
}

/// One value per category (dimension) for one actor; `None` or a non-finite value is missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Legend text.
    pub label: String,
    /// The actor, which fixes the colour ([`theme`]); `None` for other profiles.
    pub actor: Option<Iso3>,
    /// Values in category order.
    pub values: Vec<Option<f64>>,
}

impl Profile {
    /// A profile of an actor, labelled with its display name.
    pub fn actor(actor: Iso3, values: Vec<Option<f64>>) -> Profile {
        Profile {
            label: theme::actor_name(actor),
            actor: Some(actor),
            values,
        }
    }
}

/// The dimensions of a presence framework (level-2 groups), as `(code, display name)` in spec
/// order.
pub fn presence_dimensions(p: &Presence) -> Vec<(String, String)> {
    p.framework()
        .groups()
        .iter()
        .filter(|g| g.level() == 2)
        .map(|g| (g.code().to_string(), g.name().to_string()))
        .collect()
}

/// The display name of a framework node (indicator, dimension or the root) by code; the code
/// itself when unknown.
pub fn node_name(p: &Presence, code: &str) -> String {
    let fw = &p.framework();
    fw.indicator_index(code)
        .map(|i| fw.indicators()[i].name().to_string())
        .or_else(|| {
            fw.group_index(code)
                .map(|g| fw.groups()[g].name().to_string())
        })
        .unwrap_or_else(|| code.to_string())
}

/// Dimension profiles of `actors` in one partner and year: the dimension display names and one
/// [`Profile`] per actor (missing scores stay `None`).
///
/// # Examples
/// ```
/// use linkage::{Dataset, iso3, plot, presence};
/// let data = Dataset::load(linkage::default_data_dir()).unwrap();
/// let built = data.default_panel().unwrap();
/// let fw = presence::default_spec(&data.dir).unwrap().resolve().unwrap();
/// let p = presence::score(&built.panel, &fw).unwrap();
/// let (dims, profiles) =
///     plot::presence_profiles(&p, iso3!("VNM"), 2015, &[iso3!("USA"), iso3!("JPN")]);
/// assert_eq!(dims, ["Trade", "Aid", "Tourism and people", "Soft power"]);
/// assert_eq!(profiles[1].label, "Japan");
/// assert!(profiles[1].values.iter().all(|v| v.is_some()));
/// ```
pub fn presence_profiles(
    p: &Presence,
    partner: Iso3,
    year: i32,
    actors: &[Iso3],
) -> (Vec<String>, Vec<Profile>) {
    let dims = presence_dimensions(p);
    let profiles = actors
        .iter()
        .map(|&a| {
            Profile::actor(
                a,
                dims.iter()
                    .map(|(code, _)| p.score(a, partner, year, code))
                    .collect(),
            )
        })
        .collect();
    (dims.into_iter().map(|(_, name)| name).collect(), profiles)
}

/// A chart that can draw itself on any backend (used by [`write_both`]). Every chart input
/// type implements it.
pub trait Draw {
    /// Draw on `area`.
    ///
    /// # Errors
    /// [`Error::Method`] `plot` when plotters fails.
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<()>;
}

/// Render to an in-memory SVG document of `width` × `height` pixels.
///
/// # Errors
/// Those of `draw`; [`Error::Method`] `plot` when plotters fails.
pub fn to_svg_string(
    width: u32,
    height: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<()>,
) -> Result<String> {
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (width, height)).into_drawing_area();
        draw(&root)?;
        root.present().or_plot()?;
    }
    Ok(buf)
}

/// Render to a PNG file of `width` × `height` pixels (the parent folder is created).
///
/// # Errors
/// [`Error::Io`] if the folder cannot be created; those of `draw`; [`Error::Method`] `plot` when
/// plotters fails (including writing the file).
pub fn to_png(
    path: impl AsRef<Path>,
    width: u32,
    height: u32,
    draw: impl FnOnce(&DrawingArea<BitMapBackend<'_>, Shift>) -> Result<()>,
) -> Result<()> {
    let path = path.as_ref();
    create_parent(path)?;
    let root = BitMapBackend::new(path, (width, height)).into_drawing_area();
    draw(&root)?;
    root.present().or_plot()
}

/// Render to an SVG file of `width` × `height` pixels (the parent folder is created).
///
/// # Errors
/// As [`to_png`].
pub fn to_svg(
    path: impl AsRef<Path>,
    width: u32,
    height: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<()>,
) -> Result<()> {
    let path = path.as_ref();
    create_parent(path)?;
    let root = SVGBackend::new(path, (width, height)).into_drawing_area();
    draw(&root)?;
    root.present().or_plot()
}

/// Write `dir/name.svg` and `dir/name.png` of one chart; returns the two paths.
///
/// # Errors
/// As [`to_png`].
pub fn write_both(
    dir: impl AsRef<Path>,
    name: &str,
    width: u32,
    height: u32,
    chart: &impl Draw,
) -> Result<(PathBuf, PathBuf)> {
    let dir = dir.as_ref();
    let svg = dir.join(format!("{name}.svg"));
    let png = dir.join(format!("{name}.png"));
    to_svg(&svg, width, height, |a| chart.draw(a))?;
    to_png(&png, width, height, |a| chart.draw(a))?;
    Ok((svg, png))
}

fn create_parent(path: &Path) -> Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })
        }
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------------------------------------
// Drawing kit shared by the charts: pixel rectangles, text, markers, legends, axes.

/// A pixel rectangle, `x0 < x1`, `y0 < y1` (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
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
    pub fn w(&self) -> i32 {
        self.x1 - self.x0
    }
    pub fn h(&self) -> i32 {
        self.y1 - self.y0
    }
}

/// A linear map from values `lo..hi` to pixels `p0..p1` (either direction).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Linear {
    pub lo: f64,
    pub hi: f64,
    pub p0: f64,
    pub p1: f64,
}

impl Linear {
    pub fn new(lo: f64, hi: f64, p0: i32, p1: i32) -> Linear {
        Linear {
            lo,
            hi,
            p0: p0 as f64,
            p1: p1 as f64,
        }
    }
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
    pub title: String,
    pub lo: f64,
    pub hi: f64,
    pub scale: Scale,
}

/// A legend panel: optional heading, entries, optional colour bar, entries after the bar.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Legend {
    pub heading: Option<String>,
    pub items: Vec<(Key, String)>,
    pub bar: Option<ColourBar>,
    pub after: Vec<(Key, String)>,
}

impl Legend {
    fn is_empty(&self) -> bool {
        self.heading.is_none()
            && self.items.is_empty()
            && self.bar.is_none()
            && self.after.is_empty()
    }
}

/// A drawing area with the theme: text, shapes, legend and axes in pixel coordinates.
pub(crate) struct Canvas<'a, DB: DrawingBackend> {
    pub area: &'a DrawingArea<DB, Shift>,
    pub theme: Theme,
    pub w: i32,
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

    pub fn px(&self, v: f64) -> i32 {
        self.theme.px(v)
    }

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

    pub fn rect(&self, r: Rect, style: ShapeStyle) -> Result<()> {
        self.area
            .draw(&Rectangle::new([(r.x0, r.y0), (r.x1, r.y1)], style))
            .or_plot()
    }

    pub fn path(&self, points: Vec<(i32, i32)>, style: ShapeStyle) -> Result<()> {
        if points.len() < 2 {
            return Ok(());
        }
        self.area.draw(&PathElement::new(points, style)).or_plot()
    }

    pub fn dashed(&self, points: Vec<(i32, i32)>, style: ShapeStyle) -> Result<()> {
        let (dash, gap) = (self.px(6.0), self.px(4.0));
        self.area
            .draw(&plotters::element::DashedPathElement::new(
                points, dash, gap, style,
            ))
            .or_plot()
    }

    pub fn circle(&self, at: (i32, i32), r: i32, style: ShapeStyle) -> Result<()> {
        self.area.draw(&Circle::new(at, r, style)).or_plot()
    }

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

    /// Width of the widest of `texts`.
    pub fn max_width(&self, texts: &[String], style: &TextStyle) -> Result<i32> {
        let mut w = 0;
        for t in texts {
            w = w.max(self.size(t, style)?.0);
        }
        Ok(w)
    }

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

struct XLayout {
    height: i32,
    vertical: bool,
    every: usize,
    slot: i32,
}

/// One axis of a chart.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Axis {
    /// A numeric axis from `lo` to `hi` with tick values and label decimals.
    Numeric {
        lo: f64,
        hi: f64,
        ticks: Vec<f64>,
        decimals: usize,
        desc: String,
    },
    /// Categories at 0, 1, …, n−1 (the range is −0.5..n−0.5).
    Categories { labels: Vec<String>, desc: String },
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

    fn desc(&self) -> &str {
        match self {
            Axis::Numeric { desc, .. } | Axis::Categories { desc, .. } => desc,
        }
    }

    fn is_categorical(&self) -> bool {
        matches!(self, Axis::Categories { .. })
    }

    fn texts(&self) -> Vec<String> {
        match self {
            Axis::Numeric {
                ticks, decimals, ..
            } => ticks.iter().map(|&t| fmt_num(t, *decimals)).collect(),
            Axis::Categories { labels, .. } => labels.clone(),
        }
    }

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

    #[test]
    fn source_line_prefix() {
        assert_eq!(Labels::new("t").source("x").source_line(), "Source: x");
        assert_eq!(
            Labels::new("t").source("Sources: a, b").source_line(),
            "Sources: a, b"
        );
        assert_eq!(Labels::new("t").source_line(), "");
    }
}
