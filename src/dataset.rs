//! The shipped data, loaded and validated, and the default panel built from it.

use std::path::{Path, PathBuf};

use crate::derive;
use crate::error::Result;
use crate::panel::Panel;
use crate::panel::accounting::Accounting;
use crate::panel::country::Concordance;
use crate::panel::indicator::catalogue;
use crate::quality::{self, QualityReport, RuleSet};
use crate::sources::{
    self, CountryYear,
    arrivals::Arrival,
    cgit::DealYear,
    cow::{CowDyad, CowNational},
    dac::DacAid,
    dots::TradeFlow,
    facts::Fact,
    ideal_points::IdealPoints,
    institutions::Membership,
    pew_global::Favourability,
    students::Enrolment,
    students_china::StudentsInChina,
    unctad_fdi::UnctadFdi,
    unvotes::UnVotes,
};

/// Merchandise trade as % of GDP (WDI TG.VAL.TOTL.GD.ZS via Gapminder), relative to `data/`.
pub const MERCHANDISE_FILE: &str =
    "gapminder_systema_globalis/merchandise_trade_percent_of_gdp.csv";

/// International tourist arrivals (WDI ST.INT.ARVL via open-numbers), relative to `data/`.
pub const ARRIVALS_FILE: &str =
    "wdi_tourism_arrivals/ddf--datapoints--st_int_arvl--by--geo--time.csv";

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
    /// IMF DOTS partner-reported flows with the United States, Japan and China.
    pub dots_partner: Vec<TradeFlow>,
    /// IMF DOTS: every reporter's total exports to and imports from the World (partner `WLD`).
    pub dots_world: Vec<TradeFlow>,
    /// IMF DOTS, newer vintage (2015–2024): every reporter's own flows with USA, CHN, the World.
    pub dots_recent: Vec<TradeFlow>,
    /// COW dyadic trade (actor dyads), 1960–2014.
    pub cow_dyads: Vec<CowDyad>,
    /// COW national trade totals, 1960–2014.
    pub cow_national: Vec<CowNational>,
    /// UN General Assembly roll-call votes, 1990–2019.
    pub votes: UnVotes,
    /// DAC net bilateral aid by donor and the DAC total.
    pub dac: DacAid,
    /// China's ODA-like commitments (AidData), constant 2021 US$.
    pub china_oda: CountryYear,
    /// International tertiary students by destination and origin (OECD).
    pub students: Vec<Enrolment>,
    /// UNCTAD bilateral FDI: inward stock and flows by origin, 2001–2012, with each host
    /// table's kind (host-reported or origin-reported) and basis.
    pub fdi: UnctadFdi,
    /// China's investment and construction deals ≥ US$100 m by host and year (AEI tracker).
    pub cgit: Vec<DealYear>,
    /// Visitor arrivals by nationality or residence, ten files (JNTO, KTO, UNWTO, India,
    /// Singapore, Vietnam), totals included.
    pub arrivals_by_origin: Vec<Arrival>,
    /// International students in China by origin (Ministry of Education), 2010–2018.
    pub students_in_china: Vec<StudentsInChina>,
    /// Favourable view of the United States, % (Pew via FiveThirtyEight, to 2017).
    pub pew: CountryYear,
    /// Favourable views of the United States, China, Japan and others by surveyed country and
    /// wave, 2002–2023 (Pew Global Attitudes).
    pub pew_global: Vec<Favourability>,
    /// UN General Assembly ideal points by country and calendar year, 1946–2024.
    pub ideal_points: IdealPoints,
    /// International tourist arrivals in the partner, all origins (WDI ST.INT.ARVL).
    pub arrivals: CountryYear,
    /// Memberships of institutions.
    pub memberships: Vec<Membership>,
    /// Cited case-study facts (context only).
    pub facts: Vec<Fact>,
    /// Row accounts of every file read.
    pub accounting: Vec<Accounting>,
}

/// A panel with the accounts of the derivations that built it and its data-quality check.
#[derive(Debug, Clone)]
pub struct BuiltPanel {
    /// The panel, each row flagged or clean.
    pub panel: Panel,
    /// One account per derivation step, then the data-quality check's.
    pub accounting: Vec<Accounting>,
    /// The rows the data-quality rules flagged, with their evidence.
    pub quality: QualityReport,
}

impl Dataset {
    /// Load every source from `dir` (normally [`crate::default_data_dir`]).
    ///
    /// # Errors
    /// The first file that fails validation, with its path, row and field.
    pub fn load(dir: impl AsRef<Path>) -> Result<Dataset> {
        let dir = dir.as_ref().to_path_buf();
        let concordance = Concordance::load(&dir)?;
        let mut accounting = concordance.accounts().to_vec();
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
        let partner = sources::dots::load(&dir.join(sources::dots::PARTNER_FILE), &concordance)?;
        keep(partner.accounting);
        let world = sources::dots::load_world_totals(
            &dir.join(sources::dots::WORLD_TOTALS_FILE),
            &concordance,
        )?;
        keep(world.accounting);
        let recent =
            sources::dots_recent::load(&dir.join(sources::dots_recent::FILE), &concordance)?;
        keep(recent.accounting);
        let dyads = sources::cow::load_dyadic(&dir.join(sources::cow::DYADIC_FILE), &concordance)?;
        keep(dyads.accounting);
        let national =
            sources::cow::load_national(&dir.join(sources::cow::NATIONAL_FILE), &concordance)?;
        keep(national.accounting);
        let votes = sources::unvotes::load(&dir, &concordance)?;
        votes
            .records
            .file_accounts()
            .iter()
            .cloned()
            .for_each(&mut keep);
        keep(votes.accounting);
        let (dac, dac_accounts) = sources::dac::load(&dir.join(sources::dac::DIR), &concordance)?;
        dac_accounts.into_iter().for_each(&mut keep);
        let china = sources::aiddata::load(&dir.join(sources::aiddata::FILE), &concordance)?;
        keep(china.accounting);
        let students = sources::students::load(&dir.join(sources::students::FILE), &concordance)?;
        keep(students.accounting);
        let (fdi, fdi_accounts) = sources::unctad_fdi::load(&dir, &concordance)?;
        fdi_accounts.into_iter().for_each(&mut keep);
        let cgit = sources::cgit::load(&dir.join(sources::cgit::FILE), &concordance)?;
        keep(cgit.accounting);
        let (arrivals_by_origin, arrivals_accounts) =
            sources::arrivals::load(&dir.join(sources::arrivals::DIR), &concordance)?;
        arrivals_accounts.into_iter().for_each(&mut keep);
        let students_in_china =
            sources::students_china::load(&dir.join(sources::students_china::FILE), &concordance)?;
        keep(students_in_china.accounting);
        let pew = sources::pew::load(&dir.join(sources::pew::FILE), &concordance)?;
        keep(pew.accounting);
        let pew_global =
            sources::pew_global::load(&dir.join(sources::pew_global::FILE), &concordance)?;
        keep(pew_global.accounting);
        let ideal_points =
            sources::ideal_points::load(&dir.join(sources::ideal_points::FILE), &concordance)?;
        keep(ideal_points.accounting);
        let arrivals = sources::ddf::load(&dir.join(ARRIVALS_FILE), "st_int_arvl", &concordance)?;
        keep(arrivals.accounting);
        let memberships =
            sources::institutions::load(&dir.join(sources::institutions::FILE), &concordance)?;
        keep(memberships.accounting);
        let facts = sources::facts::load(&dir.join(sources::facts::FILE), &concordance)?;
        keep(facts.accounting);
        let accounting = accounting
            .into_iter()
            .map(|a| relative_input(a, &dir))
            .collect();
        Ok(Dataset {
            dir,
            concordance,
            gdp: gdp.records,
            population: population.records,
            merchandise_pct_gdp: merchandise.records,
            dots,
            dots_partner: partner.records,
            dots_world: world.records,
            dots_recent: recent.records,
            cow_dyads: dyads.records,
            cow_national: national.records,
            votes: votes.records,
            dac,
            china_oda: china.records,
            students: students.records,
            fdi,
            cgit: cgit.records,
            arrivals_by_origin,
            students_in_china: students_in_china.records,
            pew: pew.records,
            pew_global: pew_global.records,
            ideal_points: ideal_points.records,
            arrivals: arrivals.records,
            memberships: memberships.records,
            facts: facts.records,
            accounting,
        })
    }

    /// The DOTS records and denominators the trade derivation reads.
    pub fn dots_inputs(&self) -> derive::trade_dots::DotsInputs<'_> {
        derive::trade_dots::DotsInputs {
            actor_reported: &self.dots,
            partner_reported: &self.dots_partner,
            world_totals: &self.dots_world,
            recent: &self.dots_recent,
            merchandise_pct_gdp: &self.merchandise_pct_gdp,
            gdp: &self.gdp,
        }
    }

    /// Build the default panel: every indicator of [`catalogue`] for every actor, partner and
    /// year the sources cover, checked by the default data-quality rules
    /// ([`RuleSet::default`]).
    ///
    /// # Errors
    /// A derived value that breaks a panel rule (duplicate key, non-finite value).
    pub fn default_panel(&self) -> Result<BuiltPanel> {
        self.panel_with_rules(&RuleSet::default())
    }

    /// As [`Dataset::default_panel`], checked by other data-quality rules (e.g. a spec's
    /// overrides).
    ///
    /// # Errors
    /// As [`Dataset::default_panel`].
    pub fn panel_with_rules(&self, rules: &RuleSet) -> Result<BuiltPanel> {
        let mut panel = Panel::new(catalogue())?;
        let mut accounting = derive::trade_dots::derive(&self.dots_inputs(), &mut panel)?;
        accounting.extend([
            derive::trade_cow::derive(
                &self.cow_dyads,
                &self.cow_national,
                &derive::ACTORS,
                &mut panel,
            )?,
            derive::aid::derive(&self.dac, &self.china_oda, &self.gdp, &mut panel)?,
            derive::investment::derive_unctad(&self.fdi, &self.gdp, &derive::ACTORS, &mut panel)?,
            derive::investment::derive_cgit(&self.cgit, &self.gdp, &mut panel)?,
            derive::students::derive(&self.students, &self.population, &mut panel)?,
            derive::students_china::derive(&self.students_in_china, &self.population, &mut panel)?,
            derive::votes::derive(
                &self.votes,
                &derive::ACTORS,
                derive::votes::MIN_VOTES,
                &mut panel,
            )?,
            derive::opinion::derive(&self.pew, &mut panel)?,
            derive::favourability::derive(
                &self.pew_global,
                &derive::favourability::ACTORS,
                &mut panel,
            )?,
            derive::ideal_points::derive(
                &self.ideal_points,
                &derive::ACTORS,
                derive::ideal_points::YEARS,
                derive::ideal_points::MIN_VOTES,
                &mut panel,
            )?,
        ]);
        accounting.extend(derive::people::derive(
            &self.arrivals_by_origin,
            &self.population,
            &derive::ACTORS,
            &mut panel,
        )?);
        panel.sort();
        let quality = quality::assess(&mut panel, rules);
        accounting.push(quality.accounting());
        Ok(BuiltPanel {
            panel,
            accounting,
            quality,
        })
    }
}

/// An account whose input is a path under `dir`, with the input written relative to `dir` (the
/// data folder), so `accounting.csv` holds no machine-specific path.
fn relative_input(mut acc: Accounting, dir: &Path) -> Accounting {
    if let Ok(rel) = Path::new(&acc.input).strip_prefix(dir) {
        acc.input = rel.to_string_lossy().replace('\\', "/");
    }
    acc
}
