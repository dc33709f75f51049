//! Rendering a chart: the [`Draw`] trait every chart input implements, the renderers to an SVG
//! string, an SVG file, a PNG file or both ([`to_svg_string`], [`to_svg`], [`to_png`],
//! [`write_both`]), the bundled fonts ([`register_fonts`]), and plotters' failures as the crate's
//! error.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::error::{Error, Result};

/// Register the bundled DejaVu Sans (regular and bold) as plotters' `sans-serif` family. Every
/// chart calls it; it does the work once per process.
///
/// # Errors
/// [`Error::Method`] if the font data is rejected (it is not, for the bundled fonts).
///
/// # Examples
/// ```
/// linkage::plot::register_fonts().unwrap();
/// linkage::plot::register_fonts().unwrap(); // the second call has nothing left to do
/// ```
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
    /// The error as [`Error::Method`] `plot`.
    fn or_plot(self) -> Result<T>;
}

impl<T, E: std::fmt::Display> OrPlot<T> for std::result::Result<T, E> {
    fn or_plot(self) -> Result<T> {
        self.map_err(|e| fail(e.to_string()))
    }
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
///
/// # Examples
/// ```
/// use linkage::plot::{self, Labels, Lines, Series};
/// let series = Series {
///     label: "synthetic".into(),
///     actor: None,
///     points: vec![(2000.0, 1.0), (2001.0, 2.0)],
/// };
/// let chart = Lines::yearly(Labels::new("A synthetic series").x("Year"), vec![series]);
/// let svg = plot::to_svg_string(900, 560, |area| plot::lines(area, &chart)).unwrap();
/// assert!(svg.contains("<svg"));
/// assert!(svg.contains("A synthetic series"));
/// ```
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
///
/// # Examples
/// ```
/// use linkage::plot::{self, Labels, Lines, Series};
/// let series = Series {
///     label: "synthetic".into(),
///     actor: None,
///     points: vec![(2000.0, 1.0), (2001.0, 2.0)],
/// };
/// let chart = Lines::yearly(Labels::new("A synthetic series").x("Year"), vec![series]);
/// let dir = std::env::temp_dir().join(format!("linkage-doc-to-png-{}", std::process::id()));
/// let path = dir.join("lines.png");
/// plot::to_png(&path, 900, 560, |area| plot::lines(area, &chart)).unwrap();
/// assert!(std::fs::read(&path).unwrap().starts_with(b"\x89PNG"));
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
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
///
/// # Examples
/// ```
/// use linkage::plot::{self, Labels, Lines, Series};
/// let series = Series {
///     label: "synthetic".into(),
///     actor: None,
///     points: vec![(2000.0, 1.0), (2001.0, 2.0)],
/// };
/// let chart = Lines::yearly(Labels::new("A synthetic series").x("Year"), vec![series]);
/// let dir = std::env::temp_dir().join(format!("linkage-doc-to-svg-{}", std::process::id()));
/// let path = dir.join("lines.svg");
/// plot::to_svg(&path, 900, 560, |area| plot::lines(area, &chart)).unwrap();
/// assert!(std::fs::read_to_string(&path).unwrap().contains("A synthetic series"));
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
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
///
/// # Examples
/// ```
/// use linkage::plot::{self, Labels, Lines, Series};
/// let series = Series {
///     label: "synthetic".into(),
///     actor: None,
///     points: vec![(2000.0, 1.0), (2001.0, 2.0)],
/// };
/// let chart = Lines::yearly(Labels::new("A synthetic series").x("Year"), vec![series]);
/// let dir = std::env::temp_dir().join(format!("linkage-doc-write-both-{}", std::process::id()));
/// let (svg, png) = plot::write_both(&dir, "lines", 900, 560, &chart).unwrap();
/// assert_eq!(svg, dir.join("lines.svg"));
/// assert!(svg.exists() && png.exists());
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
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
