//! Presence scores: the scoring pipeline run on a panel, one unit per (actor, partner, year).
//!
//! Each unit gets a score per indicator (normalised), per dimension and overall, as the
//! framework's spec defines. Ranks compare the actors within one partner and year (rank 1 =
//! the most present actor in that partner that year). Normalisation compares units across the
//! whole panel or within each year (the spec's `scope`); goalposts are the same everywhere.
//! A dimension without data for an actor is missing, never zero: the weights renormalise over
//! the dimensions present, and below the root's `min_present` the overall score is missing.
//! The default framework compares like with like (`compare = "common"` on the overall score):
//! the actors of a partner and year with at least 3 of the 5 dimensions are all scored on the
//! dimensions every one of them has ([`crate::score::common`]); `presence.csv` says which
//! (`used`). Values a data-quality rule flagged are missing unless the spec keeps them
//! ([`crate::quality`]).

pub mod coin;
pub mod latest;
pub mod stream;

use std::path::Path;

pub use coin::{coin, coin_from_units};

use crate::error::Result;
use crate::io::rows::{Column, RowSink, Rows};
use crate::panel::Panel;
use crate::panel::country::Iso3;
use crate::score::build::{Scores, build};
use crate::score::spec::{Framework, Node, Spec};

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
/// assert_eq!(fw.groups()[fw.root()].code(), "presence");
/// ```
pub fn default_spec(data_dir: impl AsRef<Path>) -> Result<Spec> {
    Spec::read(&data_dir.as_ref().join(DEFAULT_SPEC_FILE))
}

/// A presence unit: (actor, partner, year).
pub type Unit = (Iso3, Iso3, i32);

/// Presence scores of every (actor, partner, year) unit with data.
#[derive(Debug, Clone)]
pub struct Presence {
    /// Units: (actor, partner, year), sorted.
    pub units: Vec<(Iso3, Iso3, i32)>,
    /// Every stage of the run.
    pub scores: Scores,
}

/// Score a panel with a framework.
///
/// # Errors
/// [`Error::Spec`](crate::Error::Spec) when the framework names an indicator that the panel's metadata does not
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
    Ok(Presence { units, scores })
}

impl Presence {
    /// The framework scored.
    pub fn framework(&self) -> &Framework {
        self.scores.framework()
    }

    fn unit(&self, actor: Iso3, partner: Iso3, year: i32) -> Option<usize> {
        self.units.binary_search(&(actor, partner, year)).ok()
    }

    /// Score of a node (indicator, dimension or the root) for a unit; `None` when missing.
    pub fn score(&self, actor: Iso3, partner: Iso3, year: i32, code: &str) -> Option<f64> {
        self.scores.get(self.unit(actor, partner, year)?, code)
    }

    /// The children (codes) behind an aggregate's score for a unit — for the overall score the
    /// dimensions it was compared on; `None` when the unit or the score is missing or `code`
    /// is not an aggregate.
    ///
    /// # Examples
    /// ```
    /// use linkage::{Dataset, iso3, presence};
    /// let data = Dataset::load(linkage::default_data_dir()).unwrap();
    /// let built = data.default_panel().unwrap();
    /// let fw = presence::default_spec(&data.dir).unwrap().resolve().unwrap();
    /// let p = presence::score(&built.panel, &fw).unwrap();
    /// let used = p.used(iso3!("USA"), iso3!("KOR"), 2019, "presence").unwrap();
    /// assert_eq!(used, ["trade", "tourism", "soft_power"]); // the US and Japan share these
    /// ```
    pub fn used(&self, actor: Iso3, partner: Iso3, year: i32, code: &str) -> Option<Vec<&str>> {
        let i = self.unit(actor, partner, year)?;
        let fw = self.framework();
        let Some(crate::score::spec::Node::Group(g)) = fw.node(code) else {
            return None;
        };
        if self.scores.aggregated.get(i, g).is_nan() {
            return None;
        }
        Some(
            self.scores
                .used(i, g)
                .into_iter()
                .map(|n| fw.code(n))
                .collect(),
        )
    }

    /// Rank of the actor among the actors in that partner and year for a node.
    pub fn rank(&self, actor: Iso3, partner: Iso3, year: i32, code: &str) -> Option<f64> {
        self.scores.rank(self.unit(actor, partner, year)?, code)
    }
}

/// The codes of `nodes`, joined by `;` (the `used` column of a scores file).
pub(crate) fn used_codes(fw: &Framework, nodes: &[Node]) -> String {
    let codes: Vec<&str> = nodes.iter().map(|&n| fw.code(n)).collect();
    codes.join(";")
}

impl Rows for Presence {
    /// `actor, partner, year, level, code, score, rank, n_present, used` — one row per unit and
    /// node with a score (level 1 = indicators; `n_present` = children behind an aggregate's
    /// score; `used` = their codes joined by `;`, for the overall score the dimensions every
    /// ranked actor of that partner and year has; both empty for indicators). Missing scores
    /// are left out.
    fn columns(&self) -> Vec<Column> {
        crate::io::scores_file::columns()
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()> {
        let fw = self.framework();
        let nodes: Vec<(Node, usize, &str)> = fw
            .nodes()
            .map(|node| (node, fw.level(node), fw.code(node)))
            .collect();
        for (i, &(a, p, y)) in self.units.iter().enumerate() {
            for &(node, lvl, c) in &nodes {
                let v = self.scores.column(node)[i];
                if v.is_nan() {
                    continue;
                }
                let (np, used) = match node {
                    Node::Indicator(_) => (None, None),
                    Node::Group(g) => (
                        Some(self.scores.present.get(i, g) as u32),
                        Some(used_codes(fw, &self.scores.used(i, g))),
                    ),
                };
                sink.text(a.as_str());
                sink.text(p.as_str());
                sink.int(i64::from(y));
                sink.int(lvl as i64);
                sink.text(c);
                sink.float(v);
                sink.int(i64::from(self.scores.rank_column(node)[i] as u32));
                sink.opt_int(np.map(i64::from));
                match used {
                    Some(u) => sink.text(&u),
                    None => sink.missing(),
                }
                sink.end_row()?;
            }
        }
        Ok(())
    }
}
