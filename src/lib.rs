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
//! | stage | modules |
//! |---|---|
//! | reading and validating (polars at the edge) | [`table`], [`country`], [`sources`], [`panel_io`] |
//! | the panel | [`indicator`], [`panel`], [`derive`](mod@derive), [`dataset`], [`coverage`], [`accounting`] |
//! | scoring (dense `f64` core, COINr methods) | [`score`] (kernels, [`score::spec`], [`score::build`], [`score::coinr`]), [`presence`] |
//! | alignment | [`alignment`] (profiles, UN voting, dependence, institutions) |
//! | robustness | [`uncertainty`] (Monte Carlo uncertainty, Sobol sensitivity) |
//! | output | [`plot`], [`html`], [`report`], [`casestudy`] |

pub mod accounting;
pub mod alignment;
pub mod casestudy;
pub mod country;
pub mod coverage;
pub mod dataset;
pub mod derive;
pub mod error;
pub mod html;
pub mod indicator;
pub mod panel;
pub mod panel_io;
pub mod panel_scan;
pub mod plot;
pub mod presence;
pub mod presence_file;
pub mod report;
pub mod score;
pub mod sources;
pub mod synthetic;
pub mod table;
#[cfg(test)]
mod testutil;
pub mod uncertainty;

pub use accounting::Accounting;
pub use country::{Concordance, Iso3};
pub use dataset::{BuiltPanel, Dataset};
pub use error::{Error, Result};
pub use indicator::{Dimension, Direction, IndicatorMeta, catalogue};
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
