//! SYNTHETIC panels for timing and tests — never data.
//!
//! A seeded generator of long panels of any size (partners × actors × years × indicators
//! rows, values from a SplitMix64 stream on [0, 1)), with a matching framework spec. The
//! scale benches and the scale figures in the README use it; nothing it makes enters the
//! shipped dataset, and the indicator codes (`ind000`, …) say what it is.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::country::Concordance;
use crate::error::{Error, Result};

/// The dimensions the synthetic indicators are spread over, in turn.
const DIMENSIONS: [&str; 4] = ["trade", "aid", "tourism", "soft_power"];

/// Shape and seed of a synthetic panel.
///
/// # Examples
/// ```
/// use linkage::{Concordance, synthetic::SyntheticPanel};
/// let c = Concordance::load(linkage::default_data_dir()).unwrap();
/// let s = SyntheticPanel { partners: 3, actors: 2, years: 4, indicators: 5, seed: 1 };
/// assert_eq!(s.rows(), 120);
/// let f = s.frame(&c).unwrap();
/// assert_eq!(f.height(), 120);
/// let fw = linkage::score::spec::Spec::from_toml(&s.spec_toml(), "synthetic")
///     .unwrap().resolve().unwrap();
/// assert_eq!(fw.indicators.len(), 5);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntheticPanel {
    /// Partner countries.
    pub partners: usize,
    /// Actors (the first countries of the concordance with an ISO2 code).
    pub actors: usize,
    /// Years, from 1970.
    pub years: usize,
    /// Indicators `ind000`, `ind001`, …, spread over four dimensions in turn.
    pub indicators: usize,
    /// Seed of the value stream.
    pub seed: u64,
}

impl SyntheticPanel {
    /// Rows of the panel: partners × actors × years × indicators.
    pub fn rows(&self) -> usize {
        self.partners * self.actors * self.years * self.indicators
    }

    /// The panel as a frame: `actor, partner, year, indicator, value, dimension`, ordered by
    /// actor, partner, year, indicator.
    ///
    /// # Errors
    /// [`Error::Method`] when the concordance has fewer countries than actors + partners.
    pub fn frame(&self, conc: &Concordance) -> Result<DataFrame> {
        let countries: Vec<String> = conc
            .countries()
            .iter()
            .filter(|c| c.iso2.is_some())
            .map(|c| c.iso3.to_string())
            .collect();
        if countries.len() < self.actors + self.partners {
            return Err(Error::Method {
                method: "synthetic panel",
                reason: format!(
                    "a synthetic panel of {} actors and {} partners needs more than the {} countries known",
                    self.actors,
                    self.partners,
                    countries.len()
                ),
            });
        }
        let actors = &countries[..self.actors];
        let partners = &countries[self.actors..self.actors + self.partners];
        let codes: Vec<String> = (0..self.indicators).map(|k| format!("ind{k:03}")).collect();
        let n = self.rows();
        let mut state = self.seed;
        let mut next = move || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
        };
        let (mut a, mut p, mut y, mut ind, mut v, mut d) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        for actor in actors {
            for partner in partners {
                for year in 0..self.years {
                    for (k, code) in codes.iter().enumerate() {
                        a.push(actor.as_str());
                        p.push(partner.as_str());
                        y.push(1970 + year as i32);
                        ind.push(code.as_str());
                        v.push(next());
                        d.push(DIMENSIONS[k % DIMENSIONS.len()]);
                    }
                }
            }
        }
        DataFrame::new(
            n,
            vec![
                Column::new("actor".into(), a),
                Column::new("partner".into(), p),
                Column::new("year".into(), y),
                Column::new("indicator".into(), ind),
                Column::new("value".into(), v),
                Column::new("dimension".into(), d),
            ],
        )
        .map_err(|e| Error::Frame {
            table: "synthetic panel",
            message: e.to_string(),
        })
    }

    /// A framework spec for the panel: each indicator under its dimension, the dimensions
    /// under `presence`, normalised within each year (COINr defaults otherwise).
    pub fn spec_toml(&self) -> String {
        let mut spec = String::from("name = \"synthetic\"\nscope = \"year\"\n");
        for k in 0..self.indicators {
            let _ = write!(
                spec,
                "[[indicator]]\ncode = \"ind{k:03}\"\nparent = \"{}\"\n",
                DIMENSIONS[k % DIMENSIONS.len()]
            );
        }
        for dim in &DIMENSIONS[..self.indicators.min(DIMENSIONS.len())] {
            let _ = write!(spec, "[[group]]\ncode = \"{dim}\"\nparent = \"presence\"\n");
        }
        spec + "[[group]]\ncode = \"presence\"\n"
    }

    /// Write `panel_<rows>.parquet` and `spec_<indicators>.toml` into `dir` (created if
    /// needed); returns their paths.
    ///
    /// # Errors
    /// [`Error::Io`] when a file cannot be written; as [`SyntheticPanel::frame`].
    pub fn write(&self, conc: &Concordance, dir: &Path) -> Result<(PathBuf, PathBuf)> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let panel = dir.join(format!("panel_{}.parquet", self.rows()));
        crate::panel_io::write_parquet(&mut self.frame(conc)?, &panel)?;
        let spec = dir.join(format!("spec_{}.toml", self.indicators));
        std::fs::write(&spec, self.spec_toml()).map_err(|e| Error::io(&spec, e))?;
        Ok((panel, spec))
    }
}
