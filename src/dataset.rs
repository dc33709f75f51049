//! The shipped data, loaded and validated, and the default panel built from it.

use std::path::{Path, PathBuf};

use crate::accounting::Accounting;
use crate::country::Concordance;
use crate::derive;
use crate::error::Result;
use crate::indicator::catalogue;
use crate::panel::Panel;
use crate::sources::{self, dots::TradeFlow, CountryYear};

/// Merchandise trade as % of GDP (WDI TG.VAL.TOTL.GD.ZS via Gapminder), relative to `data/`.
pub const MERCHANDISE_FILE: &str =
    "gapminder_systema_globalis/merchandise_trade_percent_of_gdp.csv";

/// Every shipped source, loaded and validated, with the account of each file's rows.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Where the files were read from.
    pub dir: PathBuf,
    /// Country code concordance.
    pub concordance: Concordance,
    /// GDP, current US$ (WDI NY.GDP.MKTP.CD).
    pub gdp: CountryYear,
    /// Population (WDI SP.POP.TOTL).
    pub population: CountryYear,
    /// Merchandise trade, % of GDP (WDI TG.VAL.TOTL.GD.ZS).
    pub merchandise_pct_gdp: CountryYear,
    /// IMF DOTS actor-reported flows (all eleven reporters).
    pub dots: Vec<TradeFlow>,
    /// Row accounts of every file read.
    pub accounting: Vec<Accounting>,
}

/// A panel with the accounts of the derivations that built it.
#[derive(Debug, Clone)]
pub struct BuiltPanel {
    /// The panel.
    pub panel: Panel,
    /// One account per derivation step.
    pub accounting: Vec<Accounting>,
}

impl Dataset {
    /// Load every source from `dir` (normally [`crate::default_data_dir`]).
    ///
    /// # Errors
    /// The first file that fails validation, with its path, row and field.
    pub fn load(dir: impl AsRef<Path>) -> Result<Dataset> {
        let dir = dir.as_ref().to_path_buf();
        let concordance = Concordance::load(&dir)?;
        let mut accounting = Vec::new();
        let mut keep = |acc: Accounting| accounting.push(acc);

        let gdp = sources::worldbank::load(&dir.join(sources::worldbank::GDP_FILE), &concordance)?;
        keep(gdp.accounting);
        let population =
            sources::worldbank::load(&dir.join(sources::worldbank::POPULATION_FILE), &concordance)?;
        keep(population.accounting);
        let merchandise = sources::ddf::load(
            &dir.join(MERCHANDISE_FILE),
            "merchandise_trade_percent_of_gdp",
            &concordance,
        )?;
        keep(merchandise.accounting);
        let mut dots = Vec::new();
        for file in [sources::dots::ACTOR_FILE, sources::dots::MORE_ACTORS_FILE] {
            let d = sources::dots::load(&dir.join(file), &concordance)?;
            keep(d.accounting);
            dots.extend(d.records);
        }
        Ok(Dataset {
            dir,
            concordance,
            gdp: gdp.records,
            population: population.records,
            merchandise_pct_gdp: merchandise.records,
            dots,
            accounting,
        })
    }

    /// Build the default panel: every indicator of [`catalogue`] for every actor, partner and
    /// year the sources cover.
    ///
    /// # Errors
    /// A derived value that breaks a panel rule (duplicate key, non-finite value).
    pub fn default_panel(&self) -> Result<BuiltPanel> {
        let mut panel = Panel::new(catalogue())?;
        let accounting = vec![derive::trade_dots::derive(
            &self.dots,
            &self.merchandise_pct_gdp,
            &self.gdp,
            &mut panel,
        )?];
        panel.sort();
        Ok(BuiltPanel { panel, accounting })
    }
}
