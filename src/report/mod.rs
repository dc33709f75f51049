//! The main job: load the shipped data, build the panel and write the report files.
//!
//! `linkage report [--out DIR]` writes into `DIR` (default `report/`):
//! - `panel.csv`: actor, partner, year, dimension, indicator, value, unit, source, method (how
//!   a trade share was formed: `partner_reported`, `mirror`, `mirror_wdi_total`; empty for an
//!   indicator's one formula), flag (the data-quality rule a value failed; empty = clean);
//! - `quality.csv`: actor, partner, year, indicator, value, rule, threshold, evidence — every
//!   value a data-quality rule flagged (see [`crate::quality`]); flagged values are left out of
//!   the scores unless the spec says `quality = "keep"` (`--quality keep`);
//! - `coverage.csv`: per partner × actor × dimension, the indicators present and first/last year;
//! - `indicators.csv`: every indicator's metadata, with its formula and source;
//! - `accounting.csv`: rows in, used and excluded (by reason) for every file (paths relative to
//!   the data folder) and derivation, and the data-quality check (flags counted by rule);
//! - `presence.csv`: presence scores from the default spec (`data/presence.toml`): actor,
//!   partner, year, level, code, score, rank (among the actors in that partner and year),
//!   n_present (children with a value behind an aggregate);
//! - `profile_latest.csv`: actor, partner, level, code, year, first_year, value, score, rank,
//!   used — each actor's latest profile in each partner: every indicator's latest clean value in
//!   2020–2024 with its year, its yearly normalised score, and dimension and overall scores
//!   aggregated from them like with like (see [`crate::presence::latest`]);
//! - `facts.csv`: the cited case-study facts shown as context (weak hosts left out), never
//!   normalised;
//! - `alignment.csv`: actor_a, actor_b, partner, year, measure, value, n — profile alignment of
//!   USA–JPN, USA–CHN, JPN–CHN (cosine, Pearson, complementarity, balance against China,
//!   co-movement; see [`crate::alignment::profile`]);
//! - `dependence.csv`: partner, year, measure, value, n, flag — trade concentration (HHI) of the DOTS
//!   reporters, each partner's dependence on China against the US and Japan combined, and the
//!   G7 as a group (combined trade and aid shares, the US–Japan part of them, China against
//!   them);
//! - `voting.csv`: actor, partner, year, issue, measure, value, n_votes — UN General Assembly
//!   vote similarity (agreement, S, Scott's π, Cohen's κ) of each actor with every country and
//!   with the other actors, overall (`all`), by issue and on important votes, where at least 10
//!   roll calls are shared (see [`crate::alignment::voting`]);
//! - `ideal_points.csv`: actor_a, actor_b, partner, year, distance_a, distance_b, distance_ab —
//!   UN General Assembly ideal-point distances (Voeten, `idealpointfp`, 1990–2024) of USA–JPN,
//!   USA–CHN and JPN–CHN from each partner and from each other (see
//!   [`crate::alignment::ideal_points`]);
//! - `institutions.csv`: actor, partner, year, shared, jaccard, institutions — complete
//!   institutions shared by each actor and partner, 1990–2023 (see
//!   [`crate::alignment::institutions`]);
//!
//! - `index.html` and `charts/` (SVG and PNG): the offline country report, one section per
//!   partner — the four case studies first, then the other Indo-Pacific partners — and an
//!   Indo-Pacific overview (see [`html`]);
//!
//! - with `--uncertainty N`, `rank_uncertainty.csv` (actor, partner, year, nominal, median, 5th
//!   and 95th percentile rank, mean score over N runs with ±25 % weight noise at every level) and
//!   a rank-interval chart per case study;
//!
//! and prints a coverage summary for the four case studies.
//!
//! The report's rooms: [`partners`] (who the report is about), [`charts`] (the charts' inputs
//! from presence scores and alignment rows), [`html`] (the page and its charts), [`case_study`]
//! (one partner told as the study tells it, for the notebooks and the printed summary),
//! [`uncertainty`] (rank intervals).

pub mod case_study;
pub mod charts;
pub mod html;
pub mod partners;
pub mod uncertainty;

use std::path::{Path, PathBuf};

pub use partners::CASE_STUDIES;

use crate::alignment::{dependence, institutions, profile, voting};
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::io::csv::{self, NumberStyle};
use crate::io::rows::Rows;
use crate::iso3;
use crate::panel::accounting::Accounting;
use crate::panel::country::Iso3;
use crate::panel::coverage;
use crate::quality::{QualityMode, RuleSet};

/// Where to read and write.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Data directory (default: the crate's `data/`).
    pub data_dir: PathBuf,
    /// Output directory (created if needed).
    pub out_dir: PathBuf,
    /// Monte Carlo runs for rank intervals (`None`: no uncertainty analysis).
    pub uncertainty_runs: Option<usize>,
    /// Whether flagged values are scored, overriding the spec's `quality` (`None`: the spec's).
    pub quality: Option<QualityMode>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            data_dir: crate::default_data_dir(),
            out_dir: PathBuf::from("report"),
            uncertainty_runs: None,
            quality: None,
        }
    }
}

/// What a report run produced.
#[derive(Debug, Clone)]
pub struct ReportSummary {
    /// Files written.
    pub files: Vec<PathBuf>,
    /// Panel rows written.
    pub panel_rows: usize,
    /// Coverage summary for the case studies, as printed.
    pub summary: String,
}

/// The window of the latest profile: [`crate::presence::latest::WINDOW_YEARS`] years up to
/// [`crate::presence::latest::REFERENCE_YEAR`].
pub fn latest_window() -> (i32, i32) {
    use crate::presence::latest::{REFERENCE_YEAR, WINDOW_YEARS};
    (REFERENCE_YEAR - WINDOW_YEARS + 1, REFERENCE_YEAR)
}

/// Write one table of the report into `dir` and remember the file.
fn put(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    name: &str,
    rows: &(impl Rows + ?Sized),
) -> Result<()> {
    let path = dir.join(name);
    csv::write(&path, rows, NumberStyle::Point)?;
    files.push(path);
    Ok(())
}

/// Run the report.
///
/// # Errors
/// Any validation error of the shipped data (with file, row and field), or a write failure.
///
/// # Examples
/// ```
/// use linkage::report::{run, ReportOptions};
/// let out = std::env::temp_dir().join("linkage-doc-report");
/// let s = run(&ReportOptions { out_dir: out.clone(), ..Default::default() }).unwrap();
/// assert!(out.join("panel.csv").exists());
/// assert!(s.summary.contains("Viet Nam") || s.summary.contains("Vietnam"));
/// ```
pub fn run(opts: &ReportOptions) -> Result<ReportSummary> {
    let dir = opts.out_dir.as_path();
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let data = Dataset::load(&opts.data_dir)?;
    let mut fw = crate::presence::default_spec(&opts.data_dir)?.resolve()?;
    if let Some(q) = opts.quality {
        fw = fw.with_quality(q);
    }
    let rules = RuleSet::default().with_overrides(fw.quality_rules())?;
    let built = data.panel_with_rules(&rules)?;
    let mut files = Vec::new();

    put(dir, &mut files, "panel.csv", &built.panel)?;
    put(dir, &mut files, "quality.csv", &built.quality)?;
    let cov = coverage::coverage(&built.panel);
    put(dir, &mut files, "coverage.csv", cov.as_slice())?;
    put(dir, &mut files, "indicators.csv", built.panel.indicators())?;
    let presence = crate::presence::score(&built.panel, &fw)?;
    put(dir, &mut files, "presence.csv", &presence)?;
    let latest = crate::presence::latest::profile(&presence, latest_window())?;
    put(dir, &mut files, "profile_latest.csv", &latest)?;
    let facts = crate::sources::facts::default_view(&data.facts);
    put(dir, &mut files, "facts.csv", facts.as_slice())?;
    let alignment = profile::alignment_table(&presence, &profile::AlignmentOptions::default());
    put(dir, &mut files, "alignment.csv", alignment.as_slice())?;
    let mut dep = dependence::concentration(&data.dots);
    dep.extend(dependence::third_vs_pair(
        &built.panel,
        "trade_share_dots",
        iso3!("CHN"),
        (iso3!("USA"), iso3!("JPN")),
    ));
    let g7 = |y: i32| institutions::g7_members(&data.memberships, y);
    for indicator in ["trade_share_dots", "aid_share_dac"] {
        dep.extend(dependence::group_vs_third(
            &built.panel,
            indicator,
            "G7",
            &g7,
            (iso3!("USA"), iso3!("JPN")),
            iso3!("CHN"),
        ));
    }
    put(dir, &mut files, "dependence.csv", dep.as_slice())?;
    let (votes, votes_account) = voting::voting_table(
        &data.votes,
        &crate::derive::ACTORS,
        None,
        crate::derive::votes::MIN_VOTES,
    );
    put(dir, &mut files, "voting.csv", votes.as_slice())?;
    let ideal = crate::alignment::ideal_points::distances(
        &data.ideal_points,
        &crate::alignment::ideal_points::PAIRS,
        1990..=2024,
        crate::derive::ideal_points::MIN_VOTES,
    );
    put(dir, &mut files, "ideal_points.csv", ideal.as_slice())?;
    drop(votes);
    let panel_partners = built.panel.partners();
    let (ties, ties_account) = institutions::institutions_table(
        &data.memberships,
        &crate::derive::ACTORS,
        &panel_partners,
        1990..=2023,
    );
    put(dir, &mut files, "institutions.csv", ties.as_slice())?;
    let mut extra_charts = Vec::new();
    if let Some(runs) = opts.uncertainty_runs {
        let ranks = uncertainty::rank_uncertainty(&built.panel, &fw, runs, dir)?;
        let intervals = ranks.intervals.as_slice();
        put(dir, &mut files, "rank_uncertainty.csv", intervals)?;
        extra_charts = ranks.charts;
    }
    let page = html::ReportInputs {
        data: &data,
        presence: &presence,
        alignment: &alignment,
        coverage: &cov,
        indicators: built.panel.indicators(),
        extra_charts,
        quality: &built.quality,
        latest: &latest,
        ideal: &ideal,
    };
    let mut partners: Vec<Iso3> = CASE_STUDIES.to_vec();
    partners.extend(
        data.concordance
            .indo_pacific()
            .into_iter()
            .filter(|q| !CASE_STUDIES.contains(q) && panel_partners.contains(q)),
    );
    let html_files = html::write(dir, &page, &partners)?;
    let accounts: Vec<&Accounting> = data
        .accounting
        .iter()
        .chain(&built.accounting)
        .chain([&votes_account, &ties_account])
        .collect();
    put(dir, &mut files, "accounting.csv", accounts.as_slice())?;
    files.extend(html_files);
    let summary = case_study::coverage_summary(&data, &cov);
    Ok(ReportSummary {
        files,
        panel_rows: built.panel.len(),
        summary,
    })
}
