//! SYNTHETIC panels for timing and tests — never data.
//!
//! A seeded generator of long panels of any size (partners × actors × years × indicators
//! rows, values from a SplitMix64 stream on [0, 1)), with a matching framework spec. The
//! scale benches and the scale figures in the README use it; nothing it makes enters the
//! shipped dataset, and the indicator codes (`ind000`, …) say what it is.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::io::rows::{Column, Kind, RowSink, Rows};
use crate::panel::country::Concordance;

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
/// let f = linkage::io::frame::to_frame(&s.table(&c).unwrap()).unwrap();
/// assert_eq!(f.height(), 120);
/// let fw = linkage::score::spec::Spec::from_toml(&s.spec_toml(), "synthetic")
///     .unwrap().resolve().unwrap();
/// assert_eq!(fw.indicators().len(), 5);
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

    /// The panel as a table: `actor, partner, year, indicator, value, dimension`, ordered by
    /// actor, partner, year, indicator; rows are generated as they are written.
    ///
    /// # Errors
    /// [`Error::Method`] when the concordance has fewer countries than actors + partners.
    pub fn table(&self, conc: &Concordance) -> Result<SyntheticTable> {
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
        Ok(SyntheticTable {
            actors: countries[..self.actors].to_vec(),
            partners: countries[self.actors..self.actors + self.partners].to_vec(),
            codes: (0..self.indicators).map(|k| format!("ind{k:03}")).collect(),
            years: self.years,
            seed: self.seed,
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
    /// [`Error::Io`] when the folder cannot be made, [`Error::Write`] when a file cannot be
    /// written; as [`SyntheticPanel::table`] and
    /// [`write_parquet`](crate::io::frame::write_parquet).
    pub fn write(&self, conc: &Concordance, dir: &Path) -> Result<(PathBuf, PathBuf)> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let panel = dir.join(format!("panel_{}.parquet", self.rows()));
        crate::io::frame::write_parquet(&panel, &self.table(conc)?)?;
        let spec = dir.join(format!("spec_{}.toml", self.indicators));
        std::fs::write(&spec, self.spec_toml()).map_err(|e| Error::write(&spec, e))?;
        Ok((panel, spec))
    }
}

/// The rows of a [`SyntheticPanel`], generated as they are written (see
/// [`SyntheticPanel::table`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticTable {
    actors: Vec<String>,
    partners: Vec<String>,
    codes: Vec<String>,
    years: usize,
    seed: u64,
}

impl Rows for SyntheticTable {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("actor", Kind::Text),
            Column::new("partner", Kind::Text),
            Column::new("year", Kind::Int32),
            Column::new("indicator", Kind::Text),
            Column::new("value", Kind::Float64),
            Column::new("dimension", Kind::Text),
        ]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()> {
        let mut state = self.seed;
        let mut next = move || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
        };
        for actor in &self.actors {
            for partner in &self.partners {
                for year in 0..self.years {
                    for (k, code) in self.codes.iter().enumerate() {
                        sink.text(actor);
                        sink.text(partner);
                        sink.int(1970 + year as i64);
                        sink.text(code);
                        sink.float(next());
                        sink.text(DIMENSIONS[k % DIMENSIONS.len()]);
                        sink.end_row()?;
                    }
                }
            }
        }
        Ok(())
    }
}
