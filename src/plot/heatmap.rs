//! Heatmap: rows × columns of values on a colour scale with a colour bar, e.g. partners ×
//! dimensions of one actor's presence, or a UN-vote agreement matrix.
//!
//! Missing cells (`None`, NaN, ±∞) are light grey with dark hatching and a "missing" legend
//! entry. Values can be written in the cells (`decimals`), in black or white for contrast.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::axis::Axis;
use super::canvas::{Canvas, Rect};
use super::inputs::finite;
use super::legend::{ColourBar, Key, Legend};
use super::render::fail;
use super::theme::{self, Scale};
use super::ticks::{extent, fmt_num};
use super::{Draw, Labels};
use crate::error::Result;

/// A table of values: `values[r][c]` for row `r`, column `c`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grid {
    /// Row names, top to bottom.
    pub rows: Vec<String>,
    /// Column names, left to right.
    pub cols: Vec<String>,
    /// Row-major values; short rows are padded with missing cells.
    pub values: Vec<Vec<Option<f64>>>,
}

impl Grid {
    /// A grid from a function of (row, column) indices.
    ///
    /// # Examples
    /// ```
    /// use linkage::plot::Grid;
    /// let g = Grid::from_fn(vec!["a".into(), "b".into()], vec!["x".into()], |r, _| {
    ///     (r == 0).then_some(1.5)
    /// });
    /// assert_eq!(g.values, [[Some(1.5)], [None]]);
    /// ```
    pub fn from_fn(
        rows: Vec<String>,
        cols: Vec<String>,
        f: impl Fn(usize, usize) -> Option<f64>,
    ) -> Grid {
        let values = (0..rows.len())
            .map(|r| (0..cols.len()).map(|c| f(r, c)).collect())
            .collect();
        Grid { rows, cols, values }
    }

    /// A grid from `(row, column, value)` triples, rows and columns in first-seen order; a
    /// repeated cell keeps the last value and absent cells are missing.
    ///
    /// # Examples
    /// ```
    /// use linkage::plot::Grid;
    /// let g = Grid::from_triples([("USA", "JPN", 0.9), ("USA", "CHN", 0.4), ("JPN", "CHN", 0.5)]);
    /// assert_eq!(g.rows, ["USA", "JPN"]);
    /// assert_eq!(g.cols, ["JPN", "CHN"]);
    /// assert_eq!(g.values[1], [None, Some(0.5)]);
    /// ```
    pub fn from_triples<R: Into<String>, C: Into<String>>(
        triples: impl IntoIterator<Item = (R, C, f64)>,
    ) -> Grid {
        let mut g = Grid::default();
        let mut cells = Vec::new();
        for (r, c, v) in triples {
            let (r, c) = (r.into(), c.into());
            let ri = g.rows.iter().position(|x| *x == r).unwrap_or_else(|| {
                g.rows.push(r);
                g.rows.len() - 1
            });
            let ci = g.cols.iter().position(|x| *x == c).unwrap_or_else(|| {
                g.cols.push(c);
                g.cols.len() - 1
            });
            cells.push((ri, ci, v));
        }
        g.values = vec![vec![None; g.cols.len()]; g.rows.len()];
        for (r, c, v) in cells {
            g.values[r][c] = Some(v);
        }
        g
    }

    fn get(&self, r: usize, c: usize) -> Option<f64> {
        finite(
            self.values
                .get(r)
                .and_then(|row| row.get(c))
                .copied()
                .flatten(),
        )
    }
}

/// Input of [`heatmap`].
#[derive(Debug, Clone, PartialEq)]
pub struct Heatmap {
    /// Title, axis titles (x: the columns, y: the rows) and source.
    pub labels: Labels,
    /// The values.
    pub grid: Grid,
    /// Title of the colour bar, with units.
    pub colour_label: String,
    /// Range of the colour scale; `None`: the values' range.
    pub range: Option<(f64, f64)>,
    /// The colour scale.
    pub scale: Scale,
    /// Write each value in its cell with this many decimals (when it fits); `None`: no text.
    pub decimals: Option<usize>,
}

impl Heatmap {
    /// A heatmap with viridis and no cell text.
    ///
    /// # Examples
    /// ```
    /// use linkage::plot::{Grid, Heatmap, Labels};
    /// let chart = Heatmap::new(Labels::new("Synthetic heatmap"), Grid::default(), "Value");
    /// assert_eq!(chart.decimals, None);
    /// assert_eq!(chart.range, None);
    /// ```
    pub fn new(labels: Labels, grid: Grid, colour_label: &str) -> Heatmap {
        Heatmap {
            labels,
            grid,
            colour_label: colour_label.to_string(),
            range: None,
            scale: Scale::Sequential,
            decimals: None,
        }
    }
}

impl Draw for Heatmap {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<()> {
        heatmap(area, self)
    }
}

/// Draw the heatmap.
///
/// # Errors
/// [`crate::Error::Method`] `plot` when the grid is empty, plotters fails or the area is too
/// small.
///
/// # Examples
/// ```
/// use linkage::plot::{self, Grid, Heatmap, Labels};
/// let grid = Grid::from_triples([("USA", "JPN", 0.9), ("USA", "CHN", 0.4), ("JPN", "CHN", 0.5)]);
/// let mut chart = Heatmap::new(Labels::new("Synthetic agreement"), grid, "Agreement (0–1)");
/// chart.decimals = Some(2);
/// let svg = plot::to_svg_string(900, 560, |area| plot::heatmap(area, &chart)).unwrap();
/// assert!(svg.contains("0.90"));
/// assert!(svg.contains("missing")); // JPN × JPN has no value
/// ```
pub fn heatmap<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &Heatmap) -> Result<()> {
    let g = &chart.grid;
    if g.rows.is_empty() || g.cols.is_empty() {
        return Err(fail("a heatmap needs at least one row and one column"));
    }
    let c = Canvas::new(area)?;
    let body = c.frame(&chart.labels)?;
    let cells = || (0..g.rows.len()).flat_map(move |r| (0..g.cols.len()).map(move |k| (r, k)));
    let values = extent(cells().filter_map(|(r, k)| g.get(r, k)));
    let (lo, hi) = match chart.range {
        Some((a, b)) if a.is_finite() && b.is_finite() && b > a => (a, b),
        _ => match values {
            Some((a, b)) if b > a => (a, b),
            Some((a, _)) => (a - 0.5, a + 0.5),
            None => (0.0, 1.0),
        },
    };
    let any_missing = cells().any(|(r, k)| g.get(r, k).is_none());
    let legend = Legend {
        bar: Some(ColourBar {
            title: chart.colour_label.clone(),
            lo,
            hi,
            scale: chart.scale,
        }),
        after: if any_missing {
            vec![(Key::Missing, "missing".to_string())]
        } else {
            vec![]
        },
        ..Legend::default()
    };
    let body = c.with_legend(body, &legend)?;
    let x = Axis::Categories {
        labels: g.cols.clone(),
        desc: chart.labels.x.clone(),
    };
    let y = Axis::Categories {
        labels: g.rows.clone(),
        desc: chart.labels.y.clone(),
    };
    let (_, xm, ym) = c.axes(body, &x, &y)?;
    let font = c.font(theme::LABEL_PX, false, theme::TEXT);
    for (r, k) in cells() {
        let cell = Rect::span(
            (xm.px(k as f64 - 0.5) + 1, ym.px(r as f64 - 0.5) + 1),
            (xm.px(k as f64 + 0.5), ym.px(r as f64 + 0.5)),
        );
        match g.get(r, k) {
            None => c.hatched(cell)?,
            Some(v) => {
                let col = chart.scale.colour(v, lo, hi);
                c.rect(cell, col.filled())?;
                if let Some(d) = chart.decimals {
                    let text = fmt_num(v, d);
                    let (tw, th) = c.size(&text, &font)?;
                    if tw + c.px(4.0) <= cell.w() && th + c.px(2.0) <= cell.h() {
                        let style = c.font(theme::LABEL_PX, false, theme::text_on(col));
                        c.text(
                            &text,
                            ((cell.x0 + cell.x1) / 2, (cell.y0 + cell.y1) / 2),
                            &style,
                            HPos::Center,
                            VPos::Center,
                        )?;
                    }
                }
            }
        }
    }
    Ok(())
}
