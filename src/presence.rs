//! Presence scores: the scoring pipeline run on a panel, one unit per (actor, partner, year).
//!
//! Each unit gets a score per indicator (normalised), per dimension and overall, as the
//! framework's spec defines. Ranks compare the actors within one partner and year (rank 1 =
//! the most present actor in that partner that year). Normalisation compares units across the
//! whole panel or within each year (the spec's `scope`); goalposts are the same everywhere.
//! A dimension without data for an actor is missing, never zero: the weights renormalise over
//! the dimensions present, and below the root's `min_present` the overall score is missing.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use polars::prelude::*;

use crate::country::Iso3;
use crate::error::{Error, Result};
use crate::panel::Panel;
use crate::score::build::{Scores, build};
use crate::score::coin::Coin;
use crate::score::matrix::Matrix;
use crate::score::spec::{Framework, Node, Scope, Spec};

/// The default presence spec, relative to the data directory.
pub const DEFAULT_SPEC_FILE: &str = "presence.toml";

/// Read the default presence spec shipped in `data/`.
///
/// # Errors
/// As [`Spec::read`].
///
/// # Examples
/// ```
/// let spec = linkage::presence::default_spec(linkage::default_data_dir()).unwrap();
/// let fw = spec.resolve().unwrap();
/// assert_eq!(fw.groups[fw.root()].code, "presence");
/// ```
pub fn default_spec(data_dir: impl AsRef<Path>) -> Result<Spec> {
    Spec::read(&data_dir.as_ref().join(DEFAULT_SPEC_FILE))
}

/// A presence unit: (actor, partner, year).
pub type Unit = (Iso3, Iso3, i32);

/// Presence scores of every (actor, partner, year) unit with data.
#[derive(Debug, Clone)]
pub struct Presence {
    /// The framework scored.
    pub framework: Framework,
    /// Units: (actor, partner, year), sorted.
    pub units: Vec<(Iso3, Iso3, i32)>,
    /// Every stage of the run.
    pub scores: Scores,
}

/// Score a panel with a framework.
///
/// # Errors
/// [`Error::Spec`] when the framework names an indicator that the panel's metadata does not
/// know; method errors (e.g. geometric mean over a zero) with the code at fault.
///
/// # Examples
/// ```
/// use linkage::{Dataset, iso3, presence};
/// let data = Dataset::load(linkage::default_data_dir()).unwrap();
/// let built = data.default_panel().unwrap();
/// let fw = presence::default_spec(&data.dir).unwrap().resolve().unwrap();
/// let p = presence::score(&built.panel, &fw).unwrap();
/// let jp_vn = p.score(iso3!("JPN"), iso3!("VNM"), 2015, "trade").unwrap();
/// assert!((0.0..=100.0).contains(&jp_vn));
/// ```
pub fn score(panel: &Panel, fw: &Framework) -> Result<Presence> {
    let (coin, units) = coin(panel, fw)?;
    let scores = build(fw, &coin)?;
    Ok(Presence {
        framework: fw.clone(),
        units,
        scores,
    })
}

/// The coin [`score`] builds from a panel: one row per (actor, partner, year) unit with data
/// (sorted; labels `ACTOR|PARTNER|YEAR`), one column per framework indicator, ranking blocks
/// per (partner, year), normalisation blocks per the spec's scope, and each unit's series
/// (actor–partner pair) and year for time-series imputation. Returns the units too.
///
/// # Errors
/// [`Error::Spec`] when the framework names an indicator that the panel's metadata does not
/// know.
///
/// # Examples
/// ```
/// use linkage::{Dataset, presence};
/// let data = Dataset::load(linkage::default_data_dir()).unwrap();
/// let panel = data.default_panel().unwrap().panel;
/// let fw = presence::default_spec(&data.dir).unwrap().resolve().unwrap();
/// let (coin, units) = presence::coin(&panel, &fw).unwrap();
/// assert_eq!(coin.len(), units.len());
/// assert_eq!(coin.raw.cols(), fw.indicators.len());
/// ```
pub fn coin(panel: &Panel, fw: &Framework) -> Result<(Coin, Vec<Unit>)> {
    // Panel indicator index → framework column.
    let mut column_of: BTreeMap<u32, usize> = BTreeMap::new();
    for (j, ind) in fw.indicators.iter().enumerate() {
        let k = panel
            .indicator_index(&ind.code)
            .ok_or_else(|| Error::Spec {
                context: format!("indicator `{}`", ind.code),
                reason: "the panel has no such indicator".into(),
            })?;
        column_of.insert(k, j);
    }
    let mut unit_index: BTreeMap<(Iso3, Iso3, i32), usize> = BTreeMap::new();
    for o in panel.rows() {
        if column_of.contains_key(&o.indicator) {
            unit_index.insert((o.actor, o.partner, o.year), 0);
        }
    }
    let units: Vec<(Iso3, Iso3, i32)> = unit_index.keys().copied().collect();
    for (i, u) in units.iter().enumerate() {
        unit_index.insert(*u, i);
    }
    let mut raw = Matrix::new(units.len(), fw.indicators.len());
    for c in 0..raw.cols() {
        raw.col_mut(c).fill(f64::NAN);
    }
    for o in panel.rows() {
        if let Some(&j) = column_of.get(&o.indicator) {
            raw.set(unit_index[&(o.actor, o.partner, o.year)], j, o.value);
        }
    }
    let coin = coin_from_units(&units, raw, fw)?;
    Ok((coin, units))
}

/// The coin for sorted `units` and their raw values (units × framework indicators): labels
/// `ACTOR|PARTNER|YEAR`, ranking blocks per (partner, year), normalisation blocks per the
/// spec's scope, and each unit's series (actor–partner pair) and year.
///
/// # Errors
/// [`Error::Method`] when `raw` does not have one row per unit.
///
/// # Examples
/// ```
/// use linkage::{iso3, presence::coin_from_units, score::{matrix::Matrix, spec::Spec}};
/// let fw = Spec::from_toml("name = \"x\"\nscope = \"year\"\n[[indicator]]\ncode = \"a\"\n\
///     parent = \"top\"\n[[group]]\ncode = \"top\"\n", "doc").unwrap().resolve().unwrap();
/// let units = [(iso3!("JPN"), iso3!("VNM"), 2018), (iso3!("JPN"), iso3!("VNM"), 2019),
///     (iso3!("USA"), iso3!("VNM"), 2019)];
/// let raw = Matrix::from_columns(&[[1.0, 2.0, 3.0]]).unwrap();
/// let coin = coin_from_units(&units, raw, &fw).unwrap();
/// assert_eq!(coin.units[2], "USA|VNM|2019");
/// assert_eq!(coin.rank_block, vec![0, 1, 1]); // JPN and USA are ranked together in 2019
/// assert_eq!(coin.norm_block, vec![2018, 2019, 2019]);
/// ```
pub fn coin_from_units(units: &[Unit], raw: Matrix, fw: &Framework) -> Result<Coin> {
    coin_from_units_labelled(units, raw, fw, true)
}

/// As [`coin_from_units`]; without `labelled` every label is empty (no allocation per unit),
/// for large panels scored where no method reads a label (only distance to a reference unit
/// does).
pub(crate) fn coin_from_units_labelled(
    units: &[Unit],
    raw: Matrix,
    fw: &Framework,
    labelled: bool,
) -> Result<Coin> {
    let labels = units
        .iter()
        .map(|(a, p, y)| {
            if labelled {
                format!("{a}|{p}|{y}")
            } else {
                String::new()
            }
        })
        .collect();
    let mut coin = Coin::new(labels, raw)?;
    let mut ids: HashMap<(Iso3, i32), u32> = HashMap::new();
    let mut entities: HashMap<(Iso3, Iso3), u32> = HashMap::new();
    let mut entity = Vec::with_capacity(units.len());
    let mut time = Vec::with_capacity(units.len());
    for (i, &(a, p, y)) in units.iter().enumerate() {
        let next = ids.len() as u32;
        coin.rank_block[i] = *ids.entry((p, y)).or_insert(next);
        coin.norm_block[i] = match fw.scope {
            Scope::Panel => 0,
            Scope::Year => y as u32,
        };
        let next = entities.len() as u32;
        entity.push(*entities.entry((a, p)).or_insert(next));
        time.push(y);
    }
    coin.series = Some((entity, time));
    Ok(coin)
}

impl Presence {
    fn node(&self, code: &str) -> Option<Node> {
        self.framework
            .indicator_index(code)
            .map(Node::Indicator)
            .or_else(|| self.framework.group_index(code).map(Node::Group))
    }

    fn unit(&self, actor: Iso3, partner: Iso3, year: i32) -> Option<usize> {
        self.units.binary_search(&(actor, partner, year)).ok()
    }

    /// Score of a node (indicator, dimension or the root) for a unit; `None` when missing.
    pub fn score(&self, actor: Iso3, partner: Iso3, year: i32, code: &str) -> Option<f64> {
        let i = self.unit(actor, partner, year)?;
        let v = self.scores.column(self.node(code)?)[i];
        (!v.is_nan()).then_some(v)
    }

    /// Rank of the actor among the actors in that partner and year for a node.
    pub fn rank(&self, actor: Iso3, partner: Iso3, year: i32, code: &str) -> Option<f64> {
        let i = self.unit(actor, partner, year)?;
        let c = match self.node(code)? {
            Node::Indicator(k) => k,
            Node::Group(g) => self.framework.indicators.len() + g,
        };
        let v = self.scores.ranks.get(i, c);
        (!v.is_nan()).then_some(v)
    }

    /// Long table: `actor, partner, year, level, code, score, rank, n_present` — one row per
    /// unit and node with a score (level 1 = indicators; `n_present` = children with a value
    /// behind an aggregate, empty for indicators). Missing scores are left out.
    pub fn to_frame(&self) -> Result<DataFrame> {
        let fw = &self.framework;
        let k = fw.indicators.len();
        let (mut actor, mut partner, mut year, mut level, mut code, mut score, mut rank, mut n) = (
            vec![],
            vec![],
            vec![],
            vec![],
            vec![],
            vec![],
            vec![],
            vec![],
        );
        let nodes: Vec<(Node, usize, &str)> = fw
            .indicators
            .iter()
            .enumerate()
            .map(|(j, i)| (Node::Indicator(j), 1, i.code.as_str()))
            .chain(
                fw.groups
                    .iter()
                    .enumerate()
                    .map(|(g, gr)| (Node::Group(g), gr.level, gr.code.as_str())),
            )
            .collect();
        for (i, &(a, p, y)) in self.units.iter().enumerate() {
            for &(node, lvl, c) in &nodes {
                let v = self.scores.column(node)[i];
                if v.is_nan() {
                    continue;
                }
                let (rc, np) = match node {
                    Node::Indicator(j) => (j, None),
                    Node::Group(g) => (k + g, Some(self.scores.present.get(i, g) as u32)),
                };
                actor.push(a.to_string());
                partner.push(p.to_string());
                year.push(y);
                level.push(lvl as u32);
                code.push(c.to_string());
                score.push(v);
                rank.push(self.scores.ranks.get(i, rc) as u32);
                n.push(np);
            }
        }
        DataFrame::new(
            actor.len(),
            vec![
                Column::new("actor".into(), actor),
                Column::new("partner".into(), partner),
                Column::new("year".into(), year),
                Column::new("level".into(), level),
                Column::new("code".into(), code),
                Column::new("score".into(), score),
                Column::new("rank".into(), rank),
                Column::new("n_present".into(), n),
            ],
        )
        .map_err(|e| Error::Read {
            path: "presence".into(),
            message: e.to_string(),
        })
    }
}
