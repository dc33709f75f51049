//! # linkage
//!
//! How present are the United States, Japan, China and the other G7 and Indo-Pacific powers in a
//! partner country, in which ways — trade, investment, aid, tourism and people, soft power —
//! and where do the allies align? `linkage` turns real public data into a validated long panel
//! of indicators per *actor* × *partner* × *year*.
//!
//! ```
//! use linkage::{Dataset, iso3};
//! let data = Dataset::load(linkage::default_data_dir()).unwrap();
//! let built = data.default_panel().unwrap();
//! // Japan's share of Vietnam's goods trade in 2019 (IMF DOTS): a share in [0, 1].
//! let share = built.panel.get(iso3!("JPN"), iso3!("VNM"), 2019, "trade_share_dots").unwrap();
//! assert!(share > 0.0 && share < 1.0);
//! ```
//!
//! ## Map
//! | room | what lives there |
//! |---|---|
//! | [`io`] | the edge: file formats, polars, the one CSV writer, a user's panel file |
//! | [`panel`] | the long panel and what describes it: indicators, countries, coverage, accounting |
//! | [`sources`] | one adapter per published file under `data/` |
//! | [`derive`](mod@derive) | one file per indicator family: sources → panel rows |
//! | [`dataset`] | the shipped data loaded, and the default panel built from it |
//! | [`score`] | pure kernels (COINr methods) on dense `f64`, the spec and its checked framework |
//! | [`presence`] | presence scores of a panel, and of a user's panel file in a stream |
//! | [`alignment`] | where actors align: profiles, UN voting, dependence, institutions |
//! | [`uncertainty`] | Monte Carlo uncertainty and Sobol sensitivity analysis |
//! | [`plot`] | charts of plain series (plotters), SVG and PNG |
//! | [`report`] | the main job: tables, charts and the offline HTML report |
//! | [`synthetic`] | SYNTHETIC panels for benches and tests — never data |
//!
//! The command line (`src/main.rs`, feature `cli`, on by default) calls these rooms; build
//! the library alone with `linkage = { default-features = false }`.

pub mod alignment;
pub mod dataset;
pub mod derive;
pub mod error;
pub mod io;
pub mod panel;
pub mod plot;
pub mod presence;
pub mod quality;
pub mod report;
pub mod score;
pub mod sources;
pub mod synthetic;
#[cfg(test)]
mod testutil;
pub mod uncertainty;

pub use dataset::{BuiltPanel, Dataset};
pub use error::{Error, Location, Result};
pub use panel::accounting::Accounting;
pub use panel::country::{Concordance, Iso3};
pub use panel::indicator::{Dimension, Direction, IndicatorMeta, catalogue};
pub use panel::{Observation, Panel};

/// The `data/` directory shipped with the crate (resolved at compile time from the crate root).
///
/// # Examples
/// ```
/// assert!(linkage::default_data_dir().join("README.md").exists());
/// ```
pub fn default_data_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}
