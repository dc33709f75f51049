//! Charts of presence and alignment, drawn with plotters to SVG or PNG.
//!
//! Every chart is a function of plain data — labelled values, never the computing modules'
//! types — and a backend-generic [`DrawingArea`](plotters::drawing::DrawingArea), so the same
//! call renders to an SVG file, a PNG file or an in-memory SVG string ([`to_svg_string`],
//! [`to_png`], [`write_both`]). The report builds the inputs from presence scores and alignment
//! rows (`linkage::report::charts`); a chart never reads them itself.
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
//! The rooms: one file per chart (the table above), the [`theme`], the shared inputs
//! ([`Labels`], [`Series`], [`Profile`]) and the renderers ([`Draw`], [`to_svg_string`],
//! [`to_svg`], [`to_png`], [`write_both`], [`register_fonts`]). Behind them, a private drawing
//! kit: the canvas (text, shapes, markers, the title-and-source frame), legends, axes, and the
//! numbers on a scale (nice ticks, tick labels, value-to-pixel maps).
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

mod axis;
mod canvas;
mod inputs;
mod legend;
mod render;
mod ticks;

pub use bars::{GroupedBars, grouped_bars};
pub use heatmap::{Grid, Heatmap, heatmap};
pub use inputs::{Labels, Profile, Series};
pub use lines::{Lines, lines};
pub use radar::{Radar, radar};
pub use rank::{RankInterval, RankIntervals, rank_intervals};
pub use render::{Draw, register_fonts, to_png, to_svg, to_svg_string, write_both};
pub use scatter::{Scatter, ScatterPoint, scatter};
pub use sensitivity::{Sensitivity, SensitivityIndex, sensitivity_bars};
