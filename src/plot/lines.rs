//! Lines over time: one line per actor (or any series), with gaps where values are missing.
//!
//! Points are sorted by x. A line never crosses a missing value: it breaks at a point whose y is
//! not finite and wherever two consecutive points are more than `max_gap` apart in x (for yearly
//! data, `max_gap = 1` breaks the line across a missing year). Every point also gets the actor's
//! marker, so isolated years stay visible.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::Axis;
use super::canvas::Canvas;
use super::legend::{Key, Legend};
use super::theme;
use super::ticks::extent;
use super::{Draw, Labels, Series};
use crate::error::Result;
use crate::panel::country::Iso3;

/// Input of [`lines`].
#[derive(Debug, Clone, PartialEq)]
pub struct Lines {
    /// Title, axis titles (x: e.g. "Year", y: the indicator with units) and source.
    pub labels: Labels,
    /// One series per actor.
    pub series: Vec<Series>,
    /// Largest x step drawn as a connected line (1 for yearly data).
    pub max_gap: f64,
    /// Whether x holds years (integer tick labels only).
    pub years: bool,
    /// Fixed y range, e.g. `Some((0.0, 100.0))` for scores; `None`: from the data.
    pub y_range: Option<(f64, f64)>,
}

impl Lines {
    /// Yearly series: `max_gap = 1`, year ticks, y range from the data.
    ///
    /// # Examples
    /// ```
    /// use linkage::plot::{Labels, Lines};
    /// let chart = Lines::yearly(Labels::new("Synthetic series"), vec![]);
    /// assert!(chart.years && chart.y_range.is_none());
    /// ```
    pub fn yearly(labels: Labels, series: Vec<Series>) -> Lines {
        Lines {
            labels,
            series,
            max_gap: 1.0,
            years: true,
            y_range: None,
        }
    }
}

impl Draw for Lines {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<()> {
        lines(area, self)
    }
}

/// The connected runs of a series: sorted by x, broken at non-finite y and at steps wider than
/// `max_gap`. Points with a non-finite x are dropped.
///
/// # Examples
/// ```
/// use linkage::plot::lines::segments;
/// let pts = [(2000.0, 1.0), (2001.0, 2.0), (2002.0, f64::NAN), (2003.0, 3.0), (2005.0, 4.0)];
/// let runs = segments(&pts, 1.0);
/// assert_eq!(runs, vec![vec![(2000.0, 1.0), (2001.0, 2.0)], vec![(2003.0, 3.0)], vec![(2005.0, 4.0)]]);
/// ```
pub fn segments(points: &[(f64, f64)], max_gap: f64) -> Vec<Vec<(f64, f64)>> {
    let mut pts: Vec<(f64, f64)> = points.iter().copied().filter(|p| p.0.is_finite()).collect();
    pts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    for (x, y) in pts {
        if !y.is_finite() {
            if !cur.is_empty() {
                runs.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(&(px, _)) = cur.last()
            && x - px > max_gap + 1e-9
        {
            runs.push(std::mem::take(&mut cur));
        }
        cur.push((x, y));
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    runs
}

/// Draw one line per series over x.
///
/// # Errors
/// [`crate::Error::Method`] `plot` when plotters fails or the area is too small.
///
/// # Examples
/// ```
/// use linkage::plot::{self, Labels, Lines, Series};
/// use linkage::iso3;
/// let chart = Lines::yearly(
///     Labels::new("Synthetic presence over time").x("Year").y("Score (0–100)"),
///     vec![Series::actor(iso3!("USA"), vec![(2000.0, 20.0), (2001.0, 25.0), (2003.0, 30.0)])],
/// );
/// let svg = plot::to_svg_string(900, 560, |area| plot::lines(area, &chart)).unwrap();
/// assert!(svg.contains("United States"));
/// ```
pub fn lines<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &Lines) -> Result<()> {
    let c = Canvas::new(area)?;
    let body = c.frame(&chart.labels)?;
    let actors: Vec<Option<Iso3>> = chart.series.iter().map(|s| s.actor).collect();
    let styles = theme::series_styles(&actors);
    let legend = Legend {
        items: chart
            .series
            .iter()
            .zip(&styles)
            .map(|(s, st)| (Key::Line(st.0, st.1), s.label.clone()))
            .collect(),
        ..Legend::default()
    };
    let body = c.with_legend(body, &legend)?;
    let runs: Vec<Vec<Vec<(f64, f64)>>> = chart
        .series
        .iter()
        .map(|s| segments(&s.points, chart.max_gap))
        .collect();
    let pts = || runs.iter().flatten().flatten();
    let (xlo, xhi) = extent(pts().map(|p| p.0)).unwrap_or((0.0, 1.0));
    let data_y = extent(pts().map(|p| p.1));
    let y = match chart.y_range {
        // A fixed range, widened if the data leave it.
        Some((a, b)) if a.is_finite() && b.is_finite() && b > a => match data_y {
            Some((lo, hi)) if lo < a || hi > b => {
                Axis::numeric(lo.min(a), hi.max(b), 6, &chart.labels.y)
            }
            _ => Axis::numeric_exact(a, b, 5, &chart.labels.y),
        },
        _ => {
            let (lo, hi) = data_y.unwrap_or((0.0, 1.0));
            Axis::numeric(lo, hi, 6, &chart.labels.y)
        }
    };
    let x = if chart.years {
        Axis::years(xlo, xhi, &chart.labels.x)
    } else {
        Axis::numeric(xlo, xhi, 8, &chart.labels.x)
    };
    let (_, xm, ym) = c.axes(body, &x, &y)?;
    let stroke = c.px(2.5) as u32;
    for (series_runs, st) in runs.iter().zip(&styles) {
        for run in series_runs {
            let px: Vec<(i32, i32)> = run.iter().map(|&(x, y)| (xm.px(x), ym.px(y))).collect();
            c.path(px, st.0.stroke_width(stroke))?;
        }
    }
    for (series_runs, st) in runs.iter().zip(&styles) {
        let n: usize = series_runs.iter().map(Vec::len).sum();
        for run in series_runs {
            if n > 60 && run.len() > 1 {
                continue;
            }
            for &(x, y) in run {
                c.marker(st.1, (xm.px(x), ym.px(y)), c.px(4.0), st.0, true)?;
            }
        }
    }
    Ok(())
}
