//! The latest profile: for each actor and partner, each indicator's latest clean value within a
//! window counted back from a reference year, scored and aggregated under the same rules as the
//! yearly scores.
//!
//! An analyst asks "how present is China in Vietnam *now*?", but sources end in different
//! years (trade 2024, UN votes 2019, students 2019…). The profile takes, per actor × partner ×
//! indicator, the **latest year within the window** ([`WINDOW_YEARS`] years up to
//! [`REFERENCE_YEAR`], i.e. 2020–2024) that has a clean value — a value a data-quality rule
//! flagged is not "latest"; no shipped source marks a year provisional, so every year with a
//! clean value counts as complete. Its **normalised score is the yearly run's** for that unit and
//! year (same normalisation, bounds and treatment: a score means the same as in `presence.csv`),
//! and dimensions and the overall score are aggregated from those scores with the framework's
//! own aggregation, weights, `min_present` and like-with-like rule (the partner is the ranking
//! block: the actors of one partner are compared on the dimensions all of them have). Every row
//! carries its year: an indicator's own year, an aggregate's newest and oldest year behind it.

use crate::error::Result;
use crate::io::rows::{Column, Kind, RowSink, Rows};
use crate::panel::country::Iso3;
use crate::presence::Presence;
use crate::score::build::aggregate_all;
use crate::score::common::CommonSets;
use crate::score::matrix::Matrix;
use crate::score::rank::{RankOrder, min_rank_by_block};
use crate::score::spec::{Framework, Node};

/// The year the window counts back from (the last year any shipped source covers).
pub const REFERENCE_YEAR: i32 = 2024;

/// Years in the window, the reference year included (2020–2024).
pub const WINDOW_YEARS: i32 = 5;

/// The latest profile of every (actor, partner) with a clean value in the window.
#[derive(Debug, Clone)]
pub struct LatestProfile {
    framework: Framework,
    /// (actor, partner) pairs, sorted.
    pub pairs: Vec<(Iso3, Iso3)>,
    /// Raw (clean) values, pairs × indicators; NaN where none in the window.
    pub raw: Matrix,
    /// Normalised scores from the yearly run, pairs × indicators.
    pub normalised: Matrix,
    /// The year of each value, pairs × indicators (NaN where none).
    pub years: Matrix,
    /// Aggregate scores, pairs × groups.
    pub aggregated: Matrix,
    /// Children behind each aggregate, pairs × groups.
    pub present: Matrix,
    common: CommonSets,
    /// Ranks within each partner, pairs × (indicators + groups).
    pub ranks: Matrix,
    /// The window: first and last year.
    pub window: (i32, i32),
}

/// Build the latest profile from a yearly presence run, with the window `first..=last`.
///
/// # Errors
/// A method error of the aggregation (e.g. a geometric mean over a zero), with its group code.
///
/// # Examples
/// ```
/// use linkage::{Dataset, iso3, presence::{self, latest}};
/// let data = Dataset::load(linkage::default_data_dir()).unwrap();
/// let built = data.default_panel().unwrap();
/// let fw = presence::default_spec(&data.dir).unwrap().resolve().unwrap();
/// let p = presence::score(&built.panel, &fw).unwrap();
/// let l = latest::profile(&p, (2020, 2024)).unwrap();
/// // China's trade share in Vietnam: its latest year is 2024.
/// assert_eq!(l.year(iso3!("CHN"), iso3!("VNM"), "trade_share_dots"), Some(2024));
/// assert!(l.score(iso3!("CHN"), iso3!("VNM"), "trade").is_some());
/// ```
pub fn profile(presence: &Presence, window: (i32, i32)) -> Result<LatestProfile> {
    let fw = presence.framework().clone();
    let k = fw.indicators().len();
    let mut pairs: Vec<(Iso3, Iso3)> = presence.units.iter().map(|&(a, p, _)| (a, p)).collect();
    pairs.dedup(); // units are sorted by (actor, partner, year)
    let n = pairs.len();
    // Matrix::new starts every cell missing (NaN).
    let (mut raw, mut normalised, mut years) =
        (Matrix::new(n, k), Matrix::new(n, k), Matrix::new(n, k));
    let scores = &presence.scores;
    let mut pair = 0;
    for (i, &(a, p, y)) in presence.units.iter().enumerate() {
        while pairs[pair] != (a, p) {
            pair += 1;
        }
        if y < window.0 || y > window.1 {
            continue;
        }
        for j in 0..k {
            let v = scores.normalised.get(i, j);
            // Units are in year order within a pair: a later year overwrites an earlier one.
            if !v.is_nan() {
                normalised.set(pair, j, v);
                raw.set(pair, j, scores.raw.get(i, j));
                years.set(pair, j, f64::from(y));
            }
        }
    }
    // Ranking blocks: one per partner.
    let mut partners: Vec<Iso3> = pairs.iter().map(|&(_, p)| p).collect();
    partners.sort_unstable();
    partners.dedup();
    let mut blocks: Vec<Vec<usize>> = vec![Vec::new(); partners.len()];
    for (r, &(_, p)) in pairs.iter().enumerate() {
        if let Ok(b) = partners.binary_search(&p) {
            blocks[b].push(r);
        }
    }
    let groups = fw.groups().len();
    let mut aggregated = Matrix::new(n, groups);
    let mut present = Matrix::new(n, groups);
    let common = aggregate_all(
        &fw,
        &blocks,
        &blocks,
        &normalised,
        &mut aggregated,
        &mut present,
    )?;
    let mut ranks = Matrix::new(n, k + groups);
    let (mut buf, mut scratch) = (Vec::new(), Vec::new());
    for c in 0..k + groups {
        let col = if c < k {
            normalised.col(c)
        } else {
            aggregated.col(c - k)
        };
        let order = RankOrder::HighestFirst;
        min_rank_by_block(
            col,
            &blocks,
            order,
            ranks.col_mut(c),
            &mut buf,
            &mut scratch,
        );
    }
    Ok(LatestProfile {
        framework: fw,
        pairs,
        raw,
        normalised,
        years,
        aggregated,
        present,
        common,
        ranks,
        window,
    })
}

impl LatestProfile {
    /// The framework scored.
    pub fn framework(&self) -> &Framework {
        &self.framework
    }

    fn pair(&self, actor: Iso3, partner: Iso3) -> Option<usize> {
        self.pairs.binary_search(&(actor, partner)).ok()
    }

    /// The latest score of a node (indicator, dimension or overall) for an actor in a partner.
    pub fn score(&self, actor: Iso3, partner: Iso3, code: &str) -> Option<f64> {
        let r = self.pair(actor, partner)?;
        let v = match self.framework.node(code)? {
            Node::Indicator(j) => self.normalised.get(r, j),
            Node::Group(g) => self.aggregated.get(r, g),
        };
        (!v.is_nan()).then_some(v)
    }

    /// Rank among the actors in the partner (1 = most present).
    pub fn rank(&self, actor: Iso3, partner: Iso3, code: &str) -> Option<f64> {
        self.score(actor, partner, code)?;
        let r = self.pair(actor, partner)?;
        let c = self.framework.column(self.framework.node(code)?);
        Some(self.ranks.get(r, c))
    }

    /// The year of an indicator's latest value.
    pub fn year(&self, actor: Iso3, partner: Iso3, indicator: &str) -> Option<i32> {
        let r = self.pair(actor, partner)?;
        let Some(Node::Indicator(j)) = self.framework.node(indicator) else {
            return None;
        };
        let y = self.years.get(r, j);
        (!y.is_nan()).then_some(y as i32)
    }

    /// The indicators behind a node's score for a pair (the node itself for an indicator).
    fn indicators_behind(&self, r: usize, node: Node) -> Vec<usize> {
        match node {
            Node::Indicator(j) => vec![j],
            Node::Group(g) => self
                .common
                .used(r, g, &self.normalised, &self.aggregated)
                .into_iter()
                .flat_map(|child| self.indicators_behind(r, child))
                .collect(),
        }
    }

    /// The oldest and newest year of the values behind a node's score, `None` when it has none.
    pub fn years_behind(&self, actor: Iso3, partner: Iso3, code: &str) -> Option<(i32, i32)> {
        let r = self.pair(actor, partner)?;
        let node = self.framework.node(code)?;
        let ys: Vec<i32> = self
            .indicators_behind(r, node)
            .into_iter()
            .map(|j| self.years.get(r, j))
            .filter(|y| !y.is_nan())
            .map(|y| y as i32)
            .collect();
        Some((*ys.iter().min()?, *ys.iter().max()?))
    }

    /// The children (codes) behind an aggregate's latest score.
    pub fn used(&self, actor: Iso3, partner: Iso3, code: &str) -> Option<Vec<&str>> {
        let r = self.pair(actor, partner)?;
        let Some(Node::Group(g)) = self.framework.node(code) else {
            return None;
        };
        if self.aggregated.get(r, g).is_nan() {
            return None;
        }
        let used = self.common.used(r, g, &self.normalised, &self.aggregated);
        Some(used.into_iter().map(|n| self.framework.code(n)).collect())
    }
}

impl Rows for LatestProfile {
    /// `actor, partner, level, code, year, first_year, value, score, rank, used` — one row per
    /// pair and node with a latest score: `year` is an indicator's year (for an aggregate the
    /// newest year behind it), `first_year` the oldest year behind it, `value` the indicator's
    /// raw value (empty for aggregates), `used` the children behind an aggregate, as
    /// `profile_latest.csv`.
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("actor", Kind::Text),
            Column::new("partner", Kind::Text),
            Column::new("level", Kind::UInt32),
            Column::new("code", Kind::Text),
            Column::new("year", Kind::Int32),
            Column::new("first_year", Kind::Int32),
            Column::new("value", Kind::Float64),
            Column::new("score", Kind::Float64),
            Column::new("rank", Kind::UInt32),
            Column::new("used", Kind::Text),
        ]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()> {
        let fw = &self.framework;
        let nodes: Vec<Node> = fw.nodes().collect();
        for (r, &(a, p)) in self.pairs.iter().enumerate() {
            for &node in &nodes {
                let code = fw.code(node);
                let Some(score) = self.score(a, p, code) else {
                    continue;
                };
                let Some((first, last)) = self.years_behind(a, p, code) else {
                    continue;
                };
                sink.text(a.as_str());
                sink.text(p.as_str());
                sink.int(fw.level(node) as i64);
                sink.text(code);
                sink.int(i64::from(last));
                sink.int(i64::from(first));
                match node {
                    Node::Indicator(j) => sink.float(self.raw.get(r, j)),
                    Node::Group(_) => sink.missing(),
                }
                sink.float(score);
                sink.int(self.ranks.get(r, fw.column(node)) as i64);
                match self.used(a, p, code) {
                    Some(u) => sink.text(&u.join(";")),
                    None => sink.missing(),
                }
                sink.end_row()?;
            }
        }
        Ok(())
    }
}
