//! The main job: load the shipped data, build the panel and write the report files.
//!
//! `linkage report [--out DIR]` writes into `DIR` (default `report/`):
//! - `panel.csv`: actor, partner, year, dimension, indicator, value, unit, source;
//! - `coverage.csv`: per partner × actor × dimension, the indicators present and first/last year;
//! - `indicators.csv`: every indicator's metadata, with its formula and source;
//! - `accounting.csv`: rows in, used and excluded (by reason) for every file and derivation;
//! - `presence.csv`: presence scores from the default spec (`data/presence.toml`): actor,
//!   partner, year, level, code, score, rank (among the actors in that partner and year),
//!   n_present (children with a value behind an aggregate);
//! - `facts.csv`: the cited case-study facts shown as context (weak hosts left out), never
//!   normalised;
//! - `alignment.csv`: actor_a, actor_b, partner, year, measure, value, n — profile alignment of
//!   USA–JPN, USA–CHN, JPN–CHN (cosine, Pearson, complementarity, balance against China,
//!   co-movement; see [`crate::alignment::profile`]);
//! - `dependence.csv`: partner, year, measure, value, n — trade concentration (HHI) of the DOTS
//!   reporters, each partner's dependence on China against the US and Japan combined, and the
//!   G7 as a group (combined trade and aid shares, the US–Japan part of them, China against
//!   them);
//! - `voting.csv`: actor, partner, year, issue, measure, value, n_votes — UN General Assembly
//!   vote similarity (agreement, S, Scott's π, Cohen's κ) of each actor with every country and
//!   with the other actors, overall (`all`), by issue and on important votes, where at least 10
//!   roll calls are shared (see [`crate::alignment::voting`]);
//! - `institutions.csv`: actor, partner, year, shared, jaccard, institutions — complete
//!   institutions shared by each actor and partner, 1990–2023 (see
//!   [`crate::alignment::institutions`]);
//!
//! - `index.html` and `charts/` (SVG and PNG): the offline country report, one section per
//!   partner — the four case studies first, then the other Indo-Pacific partners — and an
//!   Indo-Pacific overview (see [`crate::html`]);
//!
//! - with `--uncertainty N`, `rank_uncertainty.csv` (actor, partner, year, nominal, median, 5th
//!   and 95th percentile rank, mean score over N runs with ±25 % weight noise at every level) and
//!   a rank-interval chart per case study;
//!
//! and prints a coverage summary for the four case studies.

use std::fmt::Write as _;
use std::path::PathBuf;

use polars::prelude::*;

use crate::accounting::Accounting;
use crate::alignment::{dependence, institutions, profile, voting};
use crate::country::Iso3;
use crate::coverage::{self, CoverageRow};
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::indicator::{Dimension, IndicatorMeta};
use crate::iso3;
use crate::panel_io::write_csv;

/// The four case studies of the CSIS/API study, in report order.
pub const CASE_STUDIES: [Iso3; 4] = [iso3!("MMR"), iso3!("VNM"), iso3!("IND"), iso3!("KOR")];

/// Where to read and write.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Data directory (default: the crate's `data/`).
    pub data_dir: PathBuf,
    /// Output directory (created if needed).
    pub out_dir: PathBuf,
    /// Monte Carlo runs for rank intervals (`None`: no uncertainty analysis).
    pub uncertainty_runs: Option<usize>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            data_dir: crate::default_data_dir(),
            out_dir: PathBuf::from("report"),
            uncertainty_runs: None,
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
    std::fs::create_dir_all(&opts.out_dir).map_err(|e| Error::io(&opts.out_dir, e))?;
    let data = Dataset::load(&opts.data_dir)?;
    let built = data.default_panel()?;
    let mut files = Vec::new();
    let mut write = |name: &str, frame: &mut DataFrame| -> Result<()> {
        let path = opts.out_dir.join(name);
        write_csv(frame, &path)?;
        files.push(path);
        Ok(())
    };

    write("panel.csv", &mut built.panel.to_frame()?)?;
    let cov = coverage::coverage(&built.panel);
    write("coverage.csv", &mut coverage::to_frame(&cov)?)?;
    write(
        "indicators.csv",
        &mut indicators_frame(built.panel.indicators())?,
    )?;
    let fw = crate::presence::default_spec(&opts.data_dir)?.resolve()?;
    let presence = crate::presence::score(&built.panel, &fw)?;
    write("presence.csv", &mut presence.to_frame()?)?;
    write("facts.csv", &mut facts_frame(&data.facts)?)?;
    let alignment = profile::alignment_table(&presence, &profile::AlignmentOptions::default());
    write("alignment.csv", &mut profile::to_frame(&alignment)?)?;
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
    write("dependence.csv", &mut dependence::to_frame(&dep)?)?;
    let (votes, votes_account) = voting::voting_table(
        &data.votes,
        &crate::derive::ACTORS,
        None,
        crate::derive::votes::MIN_VOTES,
    );
    write("voting.csv", &mut voting::to_frame(&votes)?)?;
    let (ties, ties_account) = institutions::institutions_table(
        &data.memberships,
        &crate::derive::ACTORS,
        &built.panel.partners(),
        1990..=2023,
    );
    write("institutions.csv", &mut institutions::to_frame(&ties)?)?;
    let mut extra_charts = Vec::new();
    if let Some(runs) = opts.uncertainty_runs {
        let (stats, charts) = rank_uncertainty(&built.panel, &fw, runs, &opts.out_dir)?;
        write("rank_uncertainty.csv", &mut stats.clone())?;
        extra_charts = charts;
    }
    let page = crate::html::ReportInputs {
        data: &data,
        presence: &presence,
        alignment: &alignment,
        coverage: &cov,
        indicators: built.panel.indicators(),
        extra_charts,
    };
    let mut partners: Vec<Iso3> = CASE_STUDIES.to_vec();
    partners.extend(
        data.concordance
            .indo_pacific()
            .into_iter()
            .filter(|q| !CASE_STUDIES.contains(q) && built.panel.partners().contains(q)),
    );
    let html_files = crate::html::write(&opts.out_dir, &page, &partners)?;
    let accounts: Vec<&Accounting> = data
        .accounting
        .iter()
        .chain(&built.accounting)
        .chain([&votes_account, &ties_account])
        .collect();
    write("accounting.csv", &mut accounting_frame(&accounts)?)?;
    files.extend(html_files);
    let summary = case_study_summary(&data, &cov);
    Ok(ReportSummary {
        files,
        panel_rows: built.panel.len(),
        summary,
    })
}

fn frame_err(what: &str) -> impl Fn(PolarsError) -> Error + '_ {
    move |e| Error::Read {
        path: what.into(),
        message: e.to_string(),
    }
}

/// Year of the rank-uncertainty analysis: the latest year in which every case study has an
/// overall presence score for at least two actors.
fn uncertainty_year(
    panel_units: &[crate::presence::Unit],
    scored: &dyn Fn(usize) -> bool,
) -> Option<i32> {
    let mut years: Vec<i32> = panel_units.iter().map(|u| u.2).collect();
    years.sort_unstable();
    years.dedup();
    years.into_iter().rev().find(|&y| {
        CASE_STUDIES.iter().all(|&q| {
            panel_units
                .iter()
                .enumerate()
                .filter(|(i, u)| u.1 == q && u.2 == y && scored(*i))
                .count()
                >= 2
        })
    })
}

/// Rank intervals of the actors' overall presence within each partner, in one year, under ±25 %
/// weight noise at every level (`runs` replications, seed 1). Returns the table
/// (`actor, partner, year, nominal_rank, median_rank, q05_rank, q95_rank, mean_score`) and one
/// chart per case study (written to `out_dir/charts`).
fn rank_uncertainty(
    panel: &crate::panel::Panel,
    fw: &crate::score::spec::Framework,
    runs: usize,
    out_dir: &std::path::Path,
) -> Result<(DataFrame, Vec<(String, String)>)> {
    use crate::uncertainty::{Engine, Inputs, UaOptions};
    let (coin, units) = crate::presence::coin(panel, fw)?;
    let nominal = crate::score::build::build(fw, &coin)?;
    let root = nominal.aggregated.col(fw.root());
    let year = uncertainty_year(&units, &|i| !root[i].is_nan()).ok_or_else(|| Error::Method {
        method: "uncertainty",
        reason: "no year in which every case study has overall scores".into(),
    })?;
    let rows: Vec<usize> = (0..units.len()).filter(|&i| units[i].2 == year).collect();
    let levels: Vec<usize> = (1..fw.levels).collect();
    let engine = Engine::focused(fw, &coin, &Inputs::weight_noise(&levels, 0.25), &rows)?;
    let ua = engine.ua(&UaOptions {
        runs,
        seed: 1,
        progress: true,
        ..Default::default()
    })?;
    let picked: Vec<(crate::presence::Unit, &crate::uncertainty::ua::UnitStats)> = rows
        .iter()
        .zip(&ua.stats)
        .map(|(&i, s)| (units[i], s))
        .filter(|(_, s)| !s.nominal_rank.is_nan())
        .collect();
    let col_f = |f: &dyn Fn(&crate::uncertainty::ua::UnitStats) -> f64| {
        picked.iter().map(|(_, s)| f(s)).collect::<Vec<_>>()
    };
    let frame = DataFrame::new(
        picked.len(),
        vec![
            Column::new(
                "actor".into(),
                picked
                    .iter()
                    .map(|(u, _)| u.0.to_string())
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "partner".into(),
                picked
                    .iter()
                    .map(|(u, _)| u.1.to_string())
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "year".into(),
                picked.iter().map(|(u, _)| u.2).collect::<Vec<_>>(),
            ),
            Column::new("nominal_rank".into(), col_f(&|s| s.nominal_rank)),
            Column::new("median_rank".into(), col_f(&|s| s.median_rank)),
            Column::new("q05_rank".into(), col_f(&|s| s.q05_rank)),
            Column::new("q95_rank".into(), col_f(&|s| s.q95_rank)),
            Column::new("mean_score".into(), col_f(&|s| s.mean_score)),
        ],
    )
    .map_err(frame_err("rank uncertainty"))?;
    let mut charts = Vec::new();
    for q in CASE_STUDIES {
        let ranks: Vec<crate::plot::RankInterval> = picked
            .iter()
            .filter(|(u, _)| u.1 == q)
            .map(|(u, s)| crate::plot::RankInterval {
                label: crate::plot::theme::actor_name(u.0),
                nominal: s.nominal_rank,
                median: s.median_rank,
                q05: s.q05_rank,
                q95: s.q95_rank,
            })
            .collect();
        let stem = format!("{q}_rank_uncertainty");
        let chart = crate::plot::RankIntervals {
            labels: crate::plot::Labels::new(format!(
                "{q}: rank of overall presence among actors, {year}"
            ))
            .x("Rank (1 = most present)")
            .y("Actor")
            .source(format!(
                "{runs} runs, ±25 % weight noise at every level; linkage presence scores"
            )),
            ranks,
            sort: true,
        };
        crate::plot::write_both(out_dir.join("charts"), &stem, 900, 560, &chart)?;
        charts.push((
            format!("{q}: rank of overall presence among actors under weight uncertainty, {year}"),
            stem,
        ));
    }
    Ok((frame, charts))
}

/// Indicator metadata as a frame.
pub fn indicators_frame(metas: &[IndicatorMeta]) -> Result<DataFrame> {
    let s = |f: &dyn Fn(&IndicatorMeta) -> String| metas.iter().map(f).collect::<Vec<_>>();
    DataFrame::new(
        metas.len(),
        vec![
            Column::new("indicator".into(), s(&|m| m.code.clone())),
            Column::new("name".into(), s(&|m| m.name.clone())),
            Column::new("dimension".into(), s(&|m| m.dimension.to_string())),
            Column::new("unit".into(), s(&|m| m.unit.clone())),
            Column::new(
                "direction".into(),
                metas
                    .iter()
                    .map(|m| m.direction.sign() as i32)
                    .collect::<Vec<_>>(),
            ),
            Column::new("formula".into(), s(&|m| m.formula.clone())),
            Column::new("source".into(), s(&|m| m.source.clone())),
            Column::new("citation".into(), s(&|m| m.citation.clone())),
        ],
    )
    .map_err(frame_err("indicators"))
}

/// The cited case-study facts as a frame, weak hosts left out (see
/// [`crate::sources::facts::default_view`]).
pub fn facts_frame(facts: &[crate::sources::facts::Fact]) -> Result<DataFrame> {
    let shown = crate::sources::facts::default_view(facts);
    let s = |f: &dyn Fn(&crate::sources::facts::Fact) -> String| {
        shown.iter().map(|x| f(x)).collect::<Vec<_>>()
    };
    DataFrame::new(
        shown.len(),
        vec![
            Column::new("partner".into(), s(&|f| f.partner.to_string())),
            Column::new("actor".into(), s(&|f| f.actor.to_string())),
            Column::new(
                "year".into(),
                shown.iter().map(|f| f.year).collect::<Vec<_>>(),
            ),
            Column::new("dimension".into(), s(&|f| f.dimension.clone())),
            Column::new("indicator".into(), s(&|f| f.indicator.clone())),
            Column::new(
                "value".into(),
                shown.iter().map(|f| f.value).collect::<Vec<_>>(),
            ),
            Column::new("unit".into(), s(&|f| f.unit.clone())),
            Column::new("period_note".into(), s(&|f| f.period_note.clone())),
            Column::new("publisher".into(), s(&|f| f.publisher.clone())),
            Column::new("source_url".into(), s(&|f| f.source_url.clone())),
        ],
    )
    .map_err(frame_err("facts"))
}

/// Row accounts as a frame: one row per (step, reason); `reason` empty on the "used" row.
pub fn accounting_frame(accounts: &[&Accounting]) -> Result<DataFrame> {
    let (mut step, mut input, mut outcome, mut reason, mut rows) =
        (vec![], vec![], vec![], vec![], vec![]);
    for a in accounts {
        let mut push = |o: &str, r: &str, n: usize| {
            step.push(a.step.clone());
            input.push(a.input.clone());
            outcome.push(o.to_string());
            reason.push(r.to_string());
            rows.push(n as u64);
        };
        push("in", "", a.rows_in());
        push("used", "", a.rows_used());
        for (r, n) in a.exclusions() {
            push("excluded", r, *n);
        }
    }
    DataFrame::new(
        step.len(),
        vec![
            Column::new("step".into(), step),
            Column::new("input".into(), input),
            Column::new("outcome".into(), outcome),
            Column::new("reason".into(), reason),
            Column::new("rows".into(), rows),
        ],
    )
    .map_err(frame_err("accounting"))
}

/// A short text table per case study: for each actor with data, per dimension the number of
/// indicators and the years covered, or `missing`.
pub fn case_study_summary(data: &Dataset, cov: &[CoverageRow]) -> String {
    let mut s = String::new();
    for partner in CASE_STUDIES {
        let _ = writeln!(
            s,
            "\n{} ({partner}): indicators present (first-last year)",
            data.concordance.name(partner)
        );
        let _ = write!(s, "  {:<5}", "actor");
        for d in Dimension::ALL {
            let _ = write!(s, " {:>15}", d.as_str());
        }
        s.push('\n');
        let mut actors: Vec<Iso3> = cov
            .iter()
            .filter(|r| r.partner == partner)
            .map(|r| r.actor)
            .collect();
        actors.dedup();
        for actor in actors {
            let _ = write!(s, "  {:<5}", actor.as_str());
            for d in Dimension::ALL {
                let cell = cov
                    .iter()
                    .find(|r| r.partner == partner && r.actor == actor && r.dimension == d);
                let text = match cell {
                    Some(CoverageRow {
                        indicators,
                        first_year: Some(a),
                        last_year: Some(b),
                        ..
                    }) => format!("{} ({a}-{b})", indicators.len()),
                    _ => "missing".to_string(),
                };
                let _ = write!(s, " {text:>15}");
            }
            s.push('\n');
        }
    }
    s
}
