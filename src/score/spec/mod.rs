//! The framework specification: a serde struct (TOML on disk) validated once into a
//! [`Framework`] with indices instead of names. The engine runs only resolved frameworks.
//!
//! A spec names the indicators (level 1) and the groups above them (dimensions, sub-indices,
//! the index), the weight of every node within its parent, each indicator's direction, the
//! normalisation (default and per indicator), the aggregation (default, per level, per group),
//! and optional denomination, imputation and outlier treatment.
//!
//! ```toml
//! name = "example"
//! scope = "panel"                  # normalise across all units ("year": within each year)
//!
//! [normalise]                      # default for every indicator
//! method = "minmax"
//! lower = 0
//! upper = 100
//!
//! [aggregate]                      # default for every group
//! method = "arithmetic"
//!
//! [[indicator]]
//! code = "trade_share"
//! parent = "trade"
//! normalise = { method = "goalposts", lower = 0, upper = 0.5, scale = 100 }
//!
//! [[indicator]]                    # lower is better: the direction says so, not the goalposts
//! code = "tariff_rate"
//! parent = "trade"
//! direction = -1                   # 0 scores 100, 0.3 and above score 0
//! normalise = { method = "goalposts", lower = 0, upper = 0.3, scale = 100 }
//!
//! [[indicator]]
//! code = "aid_share"
//! parent = "aid"
//!
//! [[group]]
//! code = "trade"
//! parent = "presence"
//!
//! [[group]]
//! code = "aid"
//! parent = "presence"
//!
//! [[group]]
//! code = "presence"
//! min_present = 2                  # below this many children present, the score is missing
//! compare = "common"               # within a ranking block, score every unit on the same children
//! ```
//!
//! **Which children a score uses** (`compare`, [`Comparison`]). By default (`"own"`) each unit
//! is aggregated over the children it has, the weights renormalised over them, so within one
//! ranking block a unit's mean of three children can be ranked against another's mean of four.
//! With `compare = "common"` like is compared with like, in each ranking block (for presence:
//! the actors of one partner and year):
//!
//! * a unit is *eligible* when at least `min_present` of the group's children have a value;
//! * the *common set* is the children that have a value in every eligible unit of the block;
//! * eligible units are aggregated over the common set only (the group's method, its weights
//!   renormalised over the common set); the other units get no score;
//! * when the common set has fewer than `min_present` children, no unit of the block gets a
//!   score;
//! * the children-present count of a unit with a score is the size of the common set; a unit
//!   without one keeps the count of its children with a value;
//! * Copeland compares the eligible units of the block with each other over the common set.
//!
//! Which children each score used: [`Scores::used`](crate::score::scores::Scores::used). The
//! rule is implemented once, in [`crate::score::common`].
//!
//! Validation ([`Spec::resolve`], in [`resolve`](mod@resolve)) rejects, with an
//! [`Error::Spec`] naming the entry: duplicate codes, a parent that is not a group, a group with
//! no children, a cycle, more than one root (or none), indicators at different depths, a
//! non-finite or negative weight, a group whose children's weights sum to zero or overflow to
//! infinity, a direction other than ±1, and method parameters that cannot work (min-max with
//! `lower ≥ upper`, z-score with `sd ≤ 0`, goalposts with `lower ≥ upper`, distance to target without a target, a
//! generalised mean with `p` = 0 or not finite: [`NormaliseSpec::check`],
//! [`AggregateSpec::check`]). Each error names the spec's file first (its
//! [`origin`](Spec::origin)), then the entry (`group `aid``, `indicator `x``, `[normalise]`):
//! `spec presence.toml: group `aid`: the children's weights sum to zero`. The result is a checked [`Framework`]: its fields are private,
//! so every framework the engine runs — presence, `linkage index`, the uncertainty analysis'
//! alternatives — went through this one validation.
//!
//! | room | what |
//! |---|---|
//! | this file | the spec as written (serde) |
//! | [`methods`] | the method settings: normalisation, aggregation, treatment, imputation — each with its one check |
//! | [`framework`] | the checked [`Framework`] (private fields, accessors, typed variations) |
//! | [`resolve`](mod@resolve) | the validation, spec → framework |

pub mod framework;
pub mod methods;
pub mod resolve;
#[cfg(test)]
mod tests;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use framework::{Framework, Node, ResolvedGroup, ResolvedIndicator};
pub use methods::{AggregateSpec, Comparison, ImputeSpec, NormaliseSpec, TreatSettings};

use crate::error::{Error, Result};
use crate::quality::{QualityMode, RuleOverride};

/// The specification as written in TOML. See the [module docs](self) for an example.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Name of the framework.
    pub name: String,
    /// Free text: what it measures and why these choices.
    #[serde(default)]
    pub description: String,
    /// Which units are compared when normalising.
    #[serde(default)]
    pub scope: Scope,
    /// Default normalisation of every indicator.
    #[serde(default)]
    pub normalise: NormaliseSpec,
    /// Default aggregation of every group.
    #[serde(default)]
    pub aggregate: AggregateSpec,
    /// Per-level settings (level 2 = the groups just above the indicators).
    #[serde(default)]
    pub level: Vec<LevelSpec>,
    /// Outlier treatment before normalising (absent: none).
    #[serde(default)]
    pub treat: Option<TreatSettings>,
    /// Imputation of missing indicator values (absent: none; missing stays missing).
    #[serde(default)]
    pub impute: Option<ImputeSpec>,
    /// The indicators.
    pub indicator: Vec<IndicatorSpec>,
    /// The groups above them.
    pub group: Vec<GroupSpec>,
    /// Whether values a data-quality rule flagged are scored (`"exclude"`, the default: they
    /// are missing; `"keep"`). See [`crate::quality`].
    #[serde(default)]
    pub quality: QualityMode,
    /// Changes to the default data-quality rules' thresholds (`[[quality_rule]]`).
    #[serde(default)]
    pub quality_rule: Vec<RuleOverride>,
    /// Where the spec was read from (the file, or the origin given to [`Spec::from_toml`]):
    /// named first in every error of its validation and of the framework it becomes. Not a
    /// TOML key.
    #[serde(skip)]
    pub origin: Option<String>,
}

/// Which units are compared when normalising an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Every unit together (COINr's default; for a panel, COINr's `global = TRUE`).
    #[default]
    Panel,
    /// Within each year separately (COINr's per-time-point `Normalise()`).
    Year,
}

/// Settings of one level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelSpec {
    /// Level number (1 = indicators).
    pub level: usize,
    /// Display name, e.g. "dimension".
    #[serde(default)]
    pub name: Option<String>,
    /// Aggregation used to build this level's groups.
    #[serde(default)]
    pub aggregate: Option<AggregateSpec>,
}

/// One indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSpec {
    /// Code (matches the data).
    pub code: String,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Code of the parent group.
    pub parent: String,
    /// Weight within the parent (renormalised over the children present).
    #[serde(default = "one")]
    pub weight: f64,
    /// +1: higher is better (more presence); −1: lower is better.
    #[serde(default = "plus_one")]
    pub direction: i8,
    /// Normalisation overriding the default.
    #[serde(default)]
    pub normalise: Option<NormaliseSpec>,
    /// Target, for distance-to-target normalisation (own units).
    #[serde(default)]
    pub target: Option<f64>,
    /// Denominator to divide by before anything else (a denominator column's code).
    #[serde(default)]
    pub denominator: Option<String>,
    /// Outlier treatment of this indicator: `true` treats it (with the spec's `[treat]`
    /// settings, or COINr's defaults), `false` never; absent: treated when the spec has a
    /// `[treat]` table.
    #[serde(default)]
    pub treat: Option<bool>,
}

fn plus_one() -> i8 {
    1
}

/// One group (an aggregate above the indicators).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    /// Code.
    pub code: String,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Code of the parent group; absent for the root.
    #[serde(default)]
    pub parent: Option<String>,
    /// Weight within the parent.
    #[serde(default = "one")]
    pub weight: f64,
    /// Aggregation overriding the level's and the default.
    #[serde(default)]
    pub aggregate: Option<AggregateSpec>,
    /// Fewest children with a value for the score to be formed (default 1).
    #[serde(default = "one_usize")]
    pub min_present: usize,
    /// Which children each unit's score is formed from: `"own"` (default, the children the
    /// unit has) or `"common"` (within a ranking block, the children every eligible unit has;
    /// see [`Comparison`]).
    #[serde(default, skip_serializing_if = "Comparison::is_own")]
    pub compare: Comparison,
}

fn one_usize() -> usize {
    1
}

pub(super) fn hundred() -> f64 {
    100.0
}
pub(super) fn one() -> f64 {
    1.0
}
pub(super) fn yes() -> bool {
    true
}

/// An [`Error::Spec`] for `context` (file or entry).
pub(super) fn spec_err(context: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::Spec {
        context: context.into(),
        reason: reason.into(),
    }
}

impl Spec {
    /// Parse a spec from TOML text.
    ///
    /// # Errors
    /// [`Error::Spec`] with TOML's message (unknown field, wrong type, missing field) and the
    /// line and column it points at.
    ///
    /// # Examples
    /// ```
    /// use linkage::score::spec::Spec;
    /// let e = Spec::from_toml("name = 'x'\nindicator = []\ngroup = []\ncolour = 1", "mine.toml")
    ///     .unwrap_err();
    /// assert!(e.to_string().contains("unknown field `colour`"));
    /// ```
    pub fn from_toml(text: &str, origin: &str) -> Result<Spec> {
        let mut spec: Spec = toml::from_str(text)
            .map_err(|e| spec_err(origin, e.to_string().trim_end().to_string()))?;
        spec.origin = Some(origin.to_string());
        Ok(spec)
    }

    /// Read a spec file. Its path is the spec's [`origin`](Spec::origin): the errors of
    /// [`Spec::resolve`] name it.
    ///
    /// # Errors
    /// [`Error::Io`], or as [`Spec::from_toml`].
    ///
    /// # Examples
    /// ```
    /// use linkage::score::spec::Spec;
    /// let f = std::env::temp_dir().join("linkage-doc-zero.toml");
    /// std::fs::write(&f, "name = 'x'\n[[indicator]]\ncode = 'a'\nparent = 'top'\nweight = 0\n\
    ///     [[group]]\ncode = 'top'\n").unwrap();
    /// let e = Spec::read(&f).unwrap().resolve().unwrap_err();
    /// assert_eq!(e.to_string(), format!(
    ///     "spec {}: group `top`: the children's weights sum to zero", f.display()));
    /// ```
    pub fn read(path: &Path) -> Result<Spec> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Spec::from_toml(&text, &path.display().to_string())
    }
}
