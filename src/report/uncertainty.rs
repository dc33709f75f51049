//! Rank intervals of the report (`linkage report --uncertainty N`): how far each actor's rank
//! of overall presence within a partner moves under ±25 % weight noise at every level.

use std::path::Path;

use crate::error::{Error, Result};
use crate::io::rows::{Column, Kind, RowSink, Rows};
use crate::panel::Panel;
use crate::presence::Unit;
use crate::report::partners::CASE_STUDIES;
use crate::score::spec::Framework;

/// One unit's rank interval: `rank_uncertainty.csv`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankInterval {
    /// (actor, partner, year).
    pub unit: Unit,
    /// Rank of the nominal run.
    pub nominal_rank: f64,
    /// Median rank over the runs.
    pub median_rank: f64,
    /// 5th percentile rank.
    pub q05_rank: f64,
    /// 95th percentile rank.
    pub q95_rank: f64,
    /// Mean overall score over the runs.
    pub mean_score: f64,
}

/// What [`rank_uncertainty`] made: the intervals and the charts written.
#[derive(Debug, Clone, PartialEq)]
pub struct RankUncertainty {
    /// One interval per unit scored in the year analysed.
    pub intervals: Vec<RankInterval>,
    /// One chart per case study, already written: (title, file stem).
    pub charts: Vec<(String, String)>,
}

impl Rows for [RankInterval] {
    /// `actor, partner, year, nominal_rank, median_rank, q05_rank, q95_rank, mean_score`.
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("actor", Kind::Text),
            Column::new("partner", Kind::Text),
            Column::new("year", Kind::Int32),
            Column::new("nominal_rank", Kind::Float64),
            Column::new("median_rank", Kind::Float64),
            Column::new("q05_rank", Kind::Float64),
            Column::new("q95_rank", Kind::Float64),
            Column::new("mean_score", Kind::Float64),
        ]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()> {
        for r in self {
            let (a, p, y) = r.unit;
            sink.text(a.as_str());
            sink.text(p.as_str());
            sink.int(i64::from(y));
            sink.float(r.nominal_rank);
            sink.float(r.median_rank);
            sink.float(r.q05_rank);
            sink.float(r.q95_rank);
            sink.float(r.mean_score);
            sink.end_row()?;
        }
        Ok(())
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
/// weight noise at every level (`runs` replications, seed 1): one interval per scored unit of
/// that year and one chart per case study (written to `out_dir/charts`).
///
/// # Errors
/// [`Error::Method`] when no year has overall scores for every case study; those of the
/// uncertainty engine and of the charts.
pub fn rank_uncertainty(
    panel: &Panel,
    fw: &Framework,
    runs: usize,
    out_dir: &Path,
) -> Result<RankUncertainty> {
    use crate::uncertainty::{Engine, Inputs, UaOptions};
    let (coin, units) = crate::presence::coin(panel, fw)?;
    let nominal = crate::score::build::build(fw, &coin)?;
    let root = nominal.aggregated.col(fw.root());
    let year = uncertainty_year(&units, &|i| !root[i].is_nan()).ok_or_else(|| Error::Method {
        method: "uncertainty",
        reason: "no year in which every case study has overall scores".into(),
    })?;
    let rows: Vec<usize> = (0..units.len()).filter(|&i| units[i].2 == year).collect();
    let levels: Vec<usize> = (1..fw.levels()).collect();
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
    let intervals: Vec<RankInterval> = picked
        .iter()
        .map(|&(unit, s)| RankInterval {
            unit,
            nominal_rank: s.nominal_rank,
            median_rank: s.median_rank,
            q05_rank: s.q05_rank,
            q95_rank: s.q95_rank,
            mean_score: s.mean_score,
        })
        .collect();
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
    Ok(RankUncertainty { intervals, charts })
}
