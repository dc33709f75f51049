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
//! ```
//!
//! Validation ([`Spec::resolve`]) rejects, with an [`Error::Spec`] naming the entry:
//! duplicate codes, a parent that is not a group, a group with no children, a cycle, more than
//! one root (or none), indicators at different depths, a non-finite or negative weight, a
//! group whose children's weights sum to zero, a direction other than ±1, and method
//! parameters that cannot work (min-max with `lower ≥ upper`, z-score with `sd ≤ 0`,
//! goalposts with equal posts, distance to target without a target).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::score::aggregate::Aggregation;
use crate::score::normalise::Normalisation;
use crate::score::treat::{LogTransform, TreatSpec};

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

/// A normalisation method with its parameters, as written in a spec.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum NormaliseSpec {
    /// Min-max onto `[lower, upper]` (COINr `n_minmax`).
    Minmax {
        /// Score of the lowest unit.
        #[serde(default)]
        lower: f64,
        /// Score of the highest unit.
        #[serde(default = "hundred")]
        upper: f64,
    },
    /// Z-score with mean and sd (COINr `n_zscore`).
    Zscore {
        /// Mean of the result.
        #[serde(default)]
        mean: f64,
        /// Standard deviation of the result.
        #[serde(default = "one")]
        sd: f64,
    },
    /// Fixed linear rescaling (COINr `n_scaled`).
    Scaled {
        /// Value mapped to 0.
        lower: f64,
        /// Value mapped to 100.
        upper: f64,
    },
    /// Distance to the maximum (COINr `n_dist2max`).
    Dist2max,
    /// Distance to a reference unit (COINr `n_dist2ref`), by unit code.
    Dist2ref {
        /// Code of the reference unit.
        reference: String,
        /// Cap scores above the reference at 1.
        #[serde(default)]
        cap_max: bool,
    },
    /// Distance to each indicator's target (COINr `n_dist2targ`).
    Dist2target {
        /// Cap scores beyond the target at 1.
        #[serde(default)]
        cap_max: bool,
    },
    /// Fraction of the maximum (COINr `n_fracmax`).
    Fracmax,
    /// Rank, 1 = lowest (COINr `n_rank`).
    Rank,
    /// Borda score, rank − 1 (COINr `n_borda`).
    Borda,
    /// Percentile rank (COINr `n_prank`).
    Prank,
    /// Goalposts (COINr `n_goalposts`).
    Goalposts {
        /// Lower goalpost.
        lower: f64,
        /// Upper goalpost.
        upper: f64,
        /// Multiplier (e.g. 100).
        #[serde(default = "hundred")]
        scale: f64,
        /// Clamp to the goalposts first.
        #[serde(default = "yes")]
        truncate: bool,
    },
    /// No normalisation, only the direction.
    None,
}

fn hundred() -> f64 {
    100.0
}
fn one() -> f64 {
    1.0
}
fn yes() -> bool {
    true
}

impl Default for NormaliseSpec {
    fn default() -> Self {
        NormaliseSpec::Minmax {
            lower: 0.0,
            upper: 100.0,
        }
    }
}

/// An aggregation method, as written in a spec.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum AggregateSpec {
    /// Weighted arithmetic mean (COINr `a_amean`).
    #[default]
    Arithmetic,
    /// Weighted geometric mean (COINr `a_gmean`); values must be positive.
    Geometric,
    /// Weighted harmonic mean (COINr `a_hmean`).
    Harmonic,
    /// Weighted generalised (power) mean with exponent `p` (COINr `a_genmean`).
    Generalised {
        /// Exponent.
        p: f64,
    },
    /// Copeland outranking count (COINr `a_copeland`).
    Copeland,
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

/// Outlier treatment settings (COINr's defaults when fields are absent).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreatSettings {
    /// Most points winsorised.
    #[serde(default = "five")]
    pub winmax: usize,
    /// Absolute skewness threshold.
    #[serde(default = "two")]
    pub skew: f64,
    /// Kurtosis threshold.
    #[serde(default = "three_half")]
    pub kurtosis: f64,
    /// Fall back to a log transform when winsorising fails.
    #[serde(default = "yes")]
    pub log: bool,
}

fn five() -> usize {
    5
}
fn two() -> f64 {
    2.0
}
fn three_half() -> f64 {
    3.5
}

impl Default for TreatSettings {
    fn default() -> Self {
        TreatSettings {
            winmax: 5,
            skew: 2.0,
            kurtosis: 3.5,
            log: true,
        }
    }
}

impl TreatSettings {
    /// The kernel's parameters.
    pub fn to_kernel(self) -> TreatSpec {
        TreatSpec {
            winmax: Some(self.winmax),
            skew_thresh: self.skew,
            kurt_thresh: self.kurtosis,
            log: self.log.then_some(LogTransform::Ct),
        }
    }
}

/// Imputation of missing indicator values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum ImputeSpec {
    /// Indicator mean over the comparison scope (COINr `i_mean`).
    Mean,
    /// Indicator median (COINr `i_median`).
    Median,
    /// Mean within a unit group (COINr `i_mean_grp`).
    GroupMean {
        /// Name of the grouping (a `Group` column in COINr data).
        group: String,
    },
    /// Median within a unit group (COINr `i_median_grp`).
    GroupMedian {
        /// Name of the grouping.
        group: String,
    },
    /// Latest earlier value of the same unit (panels only).
    Latest,
    /// Linear interpolation between the unit's observed years (panels only).
    Linear,
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
}

fn one_usize() -> usize {
    1
}

/// A child of a group: an indicator (index into [`Framework::indicators`]) or a group
/// (index into [`Framework::groups`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Node {
    /// An indicator.
    Indicator(usize),
    /// A group.
    Group(usize),
}

/// A resolved indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedIndicator {
    /// Code.
    pub code: String,
    /// Display name.
    pub name: String,
    /// Weight within the parent.
    pub weight: f64,
    /// +1.0 or −1.0.
    pub direction: f64,
    /// Normalisation (kernel form; a reference unit is resolved by [`crate::score::coin`]).
    pub normalise: NormaliseSpec,
    /// Target (own units).
    pub target: Option<f64>,
    /// Denominator code.
    pub denominator: Option<String>,
    /// Outlier treatment settings for this indicator, `None` for no treatment.
    pub treat: Option<TreatSettings>,
    /// Index of the parent group.
    pub parent: usize,
}

/// A resolved group.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedGroup {
    /// Code.
    pub code: String,
    /// Display name.
    pub name: String,
    /// Level (2 = just above the indicators).
    pub level: usize,
    /// Weight within the parent.
    pub weight: f64,
    /// Aggregation of the children.
    pub aggregation: Aggregation,
    /// Children, in spec order.
    pub children: Vec<Node>,
    /// Their weights.
    pub child_weights: Vec<f64>,
    /// Parent group, `None` for the root.
    pub parent: Option<usize>,
    /// Fewest children present for a score.
    pub min_present: usize,
}

/// A validated framework: indicators, groups ordered bottom-up (every group after its
/// children), levels, and the method settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Framework {
    /// Name.
    pub name: String,
    /// Indicators, in spec order.
    pub indicators: Vec<ResolvedIndicator>,
    /// Groups, children before parents; the root is last.
    pub groups: Vec<ResolvedGroup>,
    /// Number of levels including the indicators.
    pub levels: usize,
    /// Level names (index 0 = level 1).
    pub level_names: Vec<String>,
    /// Normalisation scope.
    pub scope: Scope,
    /// Imputation, if any.
    pub impute: Option<ImputeSpec>,
}

impl Framework {
    /// Index of an indicator by code.
    pub fn indicator_index(&self, code: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i.code == code)
    }

    /// Index of a group by code.
    pub fn group_index(&self, code: &str) -> Option<usize> {
        self.groups.iter().position(|g| g.code == code)
    }

    /// The root group's index.
    pub fn root(&self) -> usize {
        self.groups.len() - 1
    }
}

/// Convert a spec's normalisation to the kernel's (a reference unit index is filled in later).
pub(crate) fn normalisation_kernel(n: &NormaliseSpec, reference: usize) -> Normalisation {
    match *n {
        NormaliseSpec::Minmax { lower, upper } => Normalisation::MinMax { lower, upper },
        NormaliseSpec::Zscore { mean, sd } => Normalisation::ZScore { mean, sd },
        NormaliseSpec::Scaled { lower, upper } => Normalisation::Scaled { lower, upper },
        NormaliseSpec::Dist2max => Normalisation::DistToMax,
        NormaliseSpec::Dist2ref { cap_max, .. } => Normalisation::DistToRef { reference, cap_max },
        NormaliseSpec::Dist2target { cap_max } => Normalisation::DistToTarget { cap_max },
        NormaliseSpec::Fracmax => Normalisation::FracMax,
        NormaliseSpec::Rank => Normalisation::Rank,
        NormaliseSpec::Borda => Normalisation::Borda,
        NormaliseSpec::Prank => Normalisation::PercentileRank,
        NormaliseSpec::Goalposts {
            lower,
            upper,
            scale,
            truncate,
        } => Normalisation::Goalposts {
            lower,
            upper,
            scale,
            truncate,
        },
        NormaliseSpec::None => Normalisation::Identity,
    }
}

impl AggregateSpec {
    /// The kernel's aggregation.
    pub fn to_kernel(self) -> Aggregation {
        match self {
            AggregateSpec::Arithmetic => Aggregation::ArithmeticMean,
            AggregateSpec::Geometric => Aggregation::GeometricMean,
            AggregateSpec::Harmonic => Aggregation::HarmonicMean,
            AggregateSpec::Generalised { p } => Aggregation::GeneralisedMean { p },
            AggregateSpec::Copeland => Aggregation::Copeland,
        }
    }
}

fn spec_err(context: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::Spec {
        context: context.into(),
        reason: reason.into(),
    }
}

fn check_normalise(ctx: &str, n: &NormaliseSpec, target: Option<f64>) -> Result<()> {
    let bad = |r: &str| Err(spec_err(ctx, r));
    let all_finite = |v: &[f64]| v.iter().all(|x| x.is_finite());
    match *n {
        NormaliseSpec::Minmax { lower, upper } | NormaliseSpec::Scaled { lower, upper }
            if !all_finite(&[lower, upper]) || lower >= upper =>
        {
            return bad("normalisation needs finite lower < upper");
        }
        NormaliseSpec::Zscore { mean, sd } if !all_finite(&[mean, sd]) || sd <= 0.0 => {
            return bad("z-score needs a finite mean and sd > 0");
        }
        NormaliseSpec::Goalposts {
            lower,
            upper,
            scale,
            ..
        } if !all_finite(&[lower, upper, scale]) || (lower - upper).abs() == 0.0 => {
            return bad("goalposts need finite, distinct lower and upper posts");
        }
        NormaliseSpec::Dist2target { .. } if target.is_none_or(|t| !t.is_finite()) => {
            return bad("distance to target needs a finite `target` for the indicator");
        }
        _ => {}
    }
    Ok(())
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
        toml::from_str(text).map_err(|e| spec_err(origin, e.to_string().trim_end().to_string()))
    }

    /// Read a spec file.
    ///
    /// # Errors
    /// [`Error::Io`], or as [`Spec::from_toml`].
    pub fn read(path: &Path) -> Result<Spec> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Spec::from_toml(&text, &path.display().to_string())
    }

    /// Validate into a [`Framework`]. See the [module docs](self) for the rules.
    ///
    /// # Errors
    /// [`Error::Spec`] naming the offending entry.
    ///
    /// # Examples
    /// ```
    /// use linkage::score::spec::Spec;
    /// let spec = Spec::from_toml(r#"
    ///     name = "two dimensions"
    ///     [[indicator]]
    ///     code = "a"
    ///     parent = "d1"
    ///     [[indicator]]
    ///     code = "b"
    ///     parent = "d2"
    ///     [[group]]
    ///     code = "d1"
    ///     parent = "top"
    ///     [[group]]
    ///     code = "d2"
    ///     parent = "top"
    ///     [[group]]
    ///     code = "top"
    /// "#, "doc").unwrap();
    /// let fw = spec.resolve().unwrap();
    /// assert_eq!(fw.levels, 3);
    /// assert_eq!(fw.groups[fw.root()].code, "top");
    /// ```
    pub fn resolve(&self) -> Result<Framework> {
        let mut codes: HashSet<&str> = HashSet::new();
        for code in self
            .indicator
            .iter()
            .map(|i| i.code.as_str())
            .chain(self.group.iter().map(|g| g.code.as_str()))
        {
            if code.is_empty() {
                return Err(spec_err("a code", "codes must not be empty"));
            }
            if !codes.insert(code) {
                return Err(spec_err(format!("`{code}`"), "the code is used twice"));
            }
        }
        if self.indicator.is_empty() {
            return Err(spec_err(&self.name, "the spec lists no indicator"));
        }
        let group_ix: HashMap<&str, usize> = self
            .group
            .iter()
            .enumerate()
            .map(|(k, g)| (g.code.as_str(), k))
            .collect();
        check_normalise("[normalise]", &self.normalise, Some(0.0))?;

        // Children of each spec group.
        let mut children: Vec<Vec<(Node, f64)>> = vec![Vec::new(); self.group.len()];
        for (k, ind) in self.indicator.iter().enumerate() {
            let ctx = format!("indicator `{}`", ind.code);
            let &p = group_ix.get(ind.parent.as_str()).ok_or_else(|| {
                let what = if codes.contains(ind.parent.as_str()) {
                    "is an indicator, not a group"
                } else {
                    "is not defined"
                };
                spec_err(&ctx, format!("parent `{}` {what}", ind.parent))
            })?;
            if !ind.weight.is_finite() || ind.weight < 0.0 {
                return Err(spec_err(
                    &ctx,
                    format!("weight {} must be finite and ≥ 0", ind.weight),
                ));
            }
            if ind.direction != 1 && ind.direction != -1 {
                return Err(spec_err(
                    &ctx,
                    format!("direction {} must be 1 or -1", ind.direction),
                ));
            }
            if let Some(n) = &ind.normalise {
                check_normalise(&ctx, n, ind.target)?;
            } else if matches!(self.normalise, NormaliseSpec::Dist2target { .. }) {
                check_normalise(&ctx, &self.normalise, ind.target)?;
            }
            children[p].push((Node::Indicator(k), ind.weight));
        }
        let mut roots = Vec::new();
        let mut parent_of: Vec<Option<usize>> = vec![None; self.group.len()];
        for (k, g) in self.group.iter().enumerate() {
            let ctx = format!("group `{}`", g.code);
            if !g.weight.is_finite() || g.weight < 0.0 {
                return Err(spec_err(
                    &ctx,
                    format!("weight {} must be finite and ≥ 0", g.weight),
                ));
            }
            match &g.parent {
                None => roots.push(k),
                Some(p) => {
                    let &pk = group_ix.get(p.as_str()).ok_or_else(|| {
                        let what = if codes.contains(p.as_str()) {
                            "is an indicator, not a group"
                        } else {
                            "is not defined"
                        };
                        spec_err(&ctx, format!("parent `{p}` {what}"))
                    })?;
                    if pk == k {
                        return Err(spec_err(&ctx, "a group cannot be its own parent"));
                    }
                    parent_of[k] = Some(pk);
                    children[pk].push((Node::Group(k), g.weight));
                }
            }
        }
        // Cycles: follow parents from every group; a path longer than the group count loops.
        for k in 0..self.group.len() {
            let mut seen = vec![false; self.group.len()];
            let mut at = k;
            while let Some(p) = parent_of[at] {
                if seen[p] {
                    return Err(spec_err(
                        format!("group `{}`", self.group[k].code),
                        "the hierarchy has a cycle through this group",
                    ));
                }
                seen[p] = true;
                at = p;
            }
        }
        let root = match roots[..] {
            [r] => r,
            [] => {
                return Err(spec_err(
                    &self.name,
                    "no group without a parent: the hierarchy has no root",
                ));
            }
            _ => {
                let names: Vec<&str> = roots.iter().map(|&r| self.group[r].code.as_str()).collect();
                return Err(spec_err(
                    &self.name,
                    format!(
                        "more than one root group (groups without a parent): {}",
                        names.join(", ")
                    ),
                ));
            }
        };
        for (k, ch) in children.iter().enumerate() {
            let ctx = format!("group `{}`", self.group[k].code);
            if ch.is_empty() {
                return Err(spec_err(&ctx, "the group has no children"));
            }
            if ch.iter().map(|c| c.1).sum::<f64>() <= 0.0 {
                return Err(spec_err(&ctx, "the children's weights sum to zero"));
            }
            if self.group[k].min_present == 0 || self.group[k].min_present > ch.len() {
                return Err(spec_err(
                    &ctx,
                    format!(
                        "min_present {} must be between 1 and the number of children ({})",
                        self.group[k].min_present,
                        ch.len()
                    ),
                ));
            }
        }
        // Levels: depth below the root; every indicator must sit at the same depth.
        let depth_of = |mut k: usize| {
            let mut d = 0;
            while let Some(p) = parent_of[k] {
                d += 1;
                k = p;
            }
            d
        };
        let ind_depths: Vec<usize> = self
            .indicator
            .iter()
            .map(|i| depth_of(group_ix[i.parent.as_str()]) + 1)
            .collect();
        let depth = ind_depths[0];
        if let Some(k) = ind_depths.iter().position(|&d| d != depth) {
            return Err(spec_err(
                format!("indicator `{}`", self.indicator[k].code),
                format!(
                    "sits {} levels below the root, `{}` sits {depth}: every indicator must be at the same level",
                    ind_depths[k], self.indicator[0].code
                ),
            ));
        }
        let levels = depth + 1;
        for l in &self.level {
            if l.level < 1 || l.level > levels {
                return Err(spec_err(
                    format!("[[level]] {}", l.level),
                    format!("level must be between 1 and {levels}"),
                ));
            }
        }
        // Order groups bottom-up: by level ascending (level = levels − depth).
        let level_of = |k: usize| levels - depth_of(k);
        let mut order: Vec<usize> = (0..self.group.len()).filter(|&k| k != root).collect();
        order.sort_by_key(|&k| (level_of(k), k));
        order.push(root);
        let new_index: HashMap<usize, usize> = order
            .iter()
            .enumerate()
            .map(|(new, &old)| (old, new))
            .collect();

        let indicators = self
            .indicator
            .iter()
            .map(|i| ResolvedIndicator {
                code: i.code.clone(),
                name: i.name.clone().unwrap_or_else(|| i.code.clone()),
                weight: i.weight,
                direction: f64::from(i.direction),
                normalise: i
                    .normalise
                    .clone()
                    .unwrap_or_else(|| self.normalise.clone()),
                target: i.target,
                denominator: i.denominator.clone(),
                treat: match i.treat {
                    Some(true) => Some(self.treat.unwrap_or_default()),
                    Some(false) => None,
                    None => self.treat,
                },
                parent: new_index[&group_ix[i.parent.as_str()]],
            })
            .collect();
        let groups = order
            .iter()
            .map(|&k| {
                let g = &self.group[k];
                let level = level_of(k);
                let aggregation = g
                    .aggregate
                    .or_else(|| {
                        self.level
                            .iter()
                            .find(|l| l.level == level)
                            .and_then(|l| l.aggregate)
                    })
                    .unwrap_or(self.aggregate)
                    .to_kernel();
                let remap = |n: Node| match n {
                    Node::Group(c) => Node::Group(new_index[&c]),
                    other => other,
                };
                ResolvedGroup {
                    code: g.code.clone(),
                    name: g.name.clone().unwrap_or_else(|| g.code.clone()),
                    level,
                    weight: g.weight,
                    aggregation,
                    children: children[k].iter().map(|c| remap(c.0)).collect(),
                    child_weights: children[k].iter().map(|c| c.1).collect(),
                    parent: parent_of[k].map(|p| new_index[&p]),
                    min_present: g.min_present,
                }
            })
            .collect();
        let level_names = (1..=levels)
            .map(|l| {
                self.level
                    .iter()
                    .find(|s| s.level == l)
                    .and_then(|s| s.name.clone())
                    .unwrap_or_else(|| format!("level {l}"))
            })
            .collect();
        Ok(Framework {
            name: self.name.clone(),
            indicators,
            groups,
            levels,
            level_names,
            scope: self.scope,
            impute: self.impute.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(body: &str) -> Result<Framework> {
        Spec::from_toml(body, "test.toml")?.resolve()
    }

    const OK: &str = r#"
        name = "t"
        [[indicator]]
        code = "a"
        parent = "d1"
        [[indicator]]
        code = "b"
        parent = "d1"
        weight = 2
        [[indicator]]
        code = "c"
        parent = "d2"
        direction = -1
        [[group]]
        code = "top"
        [[group]]
        code = "d1"
        parent = "top"
        [[group]]
        code = "d2"
        parent = "top"
        aggregate = { method = "geometric" }
    "#;

    #[test]
    fn resolves_bottom_up_with_levels() {
        let fw = spec(OK).unwrap();
        assert_eq!(fw.levels, 3);
        let codes: Vec<&str> = fw.groups.iter().map(|g| g.code.as_str()).collect();
        assert_eq!(codes, ["d1", "d2", "top"]);
        assert_eq!(fw.groups[0].child_weights, [1.0, 2.0]);
        assert_eq!(fw.groups[1].aggregation, Aggregation::GeometricMean);
        assert_eq!(fw.groups[2].children, [Node::Group(0), Node::Group(1)]);
        assert!(fw.indicators[2].direction < 0.0);
        assert_eq!(fw.indicators[2].parent, 1);
    }

    fn err(body: &str) -> String {
        spec(body).unwrap_err().to_string()
    }

    #[test]
    fn rejects_unknown_field_and_wrong_type() {
        assert!(err(&format!("{OK}\ncolour = 1")).contains("unknown field `colour`"));
        let e = err(&OK.replace("weight = 2", "weight = \"two\""));
        assert!(e.contains("invalid type"), "{e}");
    }

    #[test]
    fn rejects_missing_parent_and_orphans() {
        assert!(
            err(&OK.replace(
                "parent = \"d2\"\n        direction",
                "parent = \"d9\"\n        direction"
            ))
            .contains("parent `d9` is not defined")
        );
        assert!(
            err(&OK.replace(
                "code = \"c\"\n        parent = \"d2\"",
                "code = \"c\"\n        parent = \"a\""
            ))
            .contains("is an indicator, not a group")
        );
    }

    #[test]
    fn rejects_cycles_and_multiple_roots() {
        let cyc = OK.replace("code = \"top\"", "code = \"top\"\n        parent = \"d1\"");
        let e = err(&cyc);
        assert!(e.contains("cycle") || e.contains("no root"), "{e}");
        let two_roots = OK.replace("code = \"d2\"\n        parent = \"top\"", "code = \"d2\"");
        assert!(err(&two_roots).contains("more than one root"));
    }

    #[test]
    fn rejects_bad_weights_and_empty_groups() {
        assert!(err(&OK.replace("weight = 2", "weight = -1")).contains("must be finite and ≥ 0"));
        let zero = OK.replace("weight = 2", "weight = 0").replace(
            "code = \"a\"\n        parent = \"d1\"",
            "code = \"a\"\n        parent = \"d1\"\n        weight = 0",
        );
        assert!(err(&zero).contains("weights sum to zero"));
        let empty = format!("{OK}\n[[group]]\ncode = \"d3\"\nparent = \"top\"\n");
        assert!(err(&empty).contains("has no children"));
    }

    #[test]
    fn rejects_unequal_depth_and_bad_methods() {
        let uneven = format!("{OK}\n[[indicator]]\ncode = \"e\"\nparent = \"top\"\n");
        assert!(err(&uneven).contains("same level"));
        let mm = OK.replace(
            "direction = -1",
            "direction = -1\n        normalise = { method = \"minmax\", lower = 5, upper = 5 }",
        );
        assert!(err(&mm).contains("lower < upper"));
        let dt = OK.replace(
            "direction = -1",
            "direction = -1\n        normalise = { method = \"dist2target\" }",
        );
        assert!(err(&dt).contains("needs a finite `target`"));
        assert!(err(&OK.replace("direction = -1", "direction = 2")).contains("must be 1 or -1"));
    }
}
