//! The uncertain inputs of a composite indicator, as a TOML-able spec ([`Inputs`]), validated
//! once against a framework into a [`Design`]: the list of inputs, each owning one or more
//! coordinates of the unit hypercube that a replication is drawn from.
//!
//! ```toml
//! floor = 1                     # optional: every normalised value below 1 becomes 1
//!
//! [[weights]]                   # one input: the weights of the level-2 nodes in their parents
//! level = 2
//! noise = 0.25                  # each weight × U(0.75, 1.25), independently
//!
//! [normalise]                   # one input: the normalisation of every indicator
//! nominal = true                # the framework's own is one of the alternatives (default)
//! alternatives = [{ method = "minmax", lower = 1, upper = 100 }, { method = "rank" }]
//!
//! [aggregate]                   # one input: the aggregation of the groups of some levels
//! nominal = false
//! alternatives = [{ method = "arithmetic" }, { method = "geometric" }]
//! levels = [3, 4]               # default: every level above the indicators
//!
//! [impute]                      # one input: the imputation of missing indicator values
//! none = true                   # "no imputation" is one of the alternatives
//! alternatives = [{ method = "mean" }, { method = "median" }]
//!
//! [exclude]                     # one input: leave out one indicator, or none
//! indicators = ["a", "b"]       # default: every indicator
//! ```
//!
//! Discrete inputs (normalisation, aggregation, imputation, exclusion) use one coordinate `u`
//! each and take alternative `⌊u·m⌋` of their `m`, so each alternative is drawn with
//! probability `1/m`. A weight input at level `L` uses one coordinate per node at that level
//! and multiplies the node's nominal weight by `1 + f·(2u − 1)`, uniform on `[1 − f, 1 + f]`
//! (COINr's `get_noisy_weights()`); weights renormalise within each parent, so only their
//! ratios matter. The point `u = ½` of a weight input is its nominal.
//!
//! Exclusion follows COINr's `exclude` of `new_coin()`: the indicator is removed, its parent
//! aggregates the children left (a group left with none is removed in turn), and a group's
//! `min_present` is capped at the number of children left.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::score::aggregate::Aggregation;
use crate::score::spec::{AggregateSpec, Framework, ImputeSpec, Node, NormaliseSpec};

/// The uncertain inputs, as written in TOML. See the [module docs](self) for an example.
///
/// # Examples
/// ```
/// use linkage::uncertainty::Inputs;
/// let i = Inputs::from_toml("[[weights]]\nlevel = 2\nnoise = 0.25\n", "doc").unwrap();
/// assert_eq!(i.weights[0].noise, 0.25);
/// assert!(Inputs::from_toml("colour = 1", "doc").unwrap_err().to_string().contains("unknown field"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inputs {
    /// Weight noise, one input per level.
    #[serde(default)]
    pub weights: Vec<WeightNoise>,
    /// Alternative normalisations (one input).
    #[serde(default)]
    pub normalise: Option<NormaliseInput>,
    /// Alternative aggregations (one input).
    #[serde(default)]
    pub aggregate: Option<AggregateInput>,
    /// Alternative imputations (one input).
    #[serde(default)]
    pub impute: Option<ImputeInput>,
    /// Excluding one indicator at a time (one input).
    #[serde(default)]
    pub exclude: Option<ExcludeInput>,
    /// Lower bound applied to every normalised indicator value in every run, the nominal
    /// included (e.g. 1 on a 0–100 scale, so that geometric and harmonic means are defined).
    /// Not an uncertain input.
    #[serde(default)]
    pub floor: Option<f64>,
}

/// Uniform noise on the weights of the nodes of one level.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeightNoise {
    /// Level of the nodes whose weights vary (1 = indicators; the root has no weight).
    pub level: usize,
    /// Half-width `f` of the relative noise: weights vary on `[w(1 − f), w(1 + f)]`,
    /// `0 ≤ f < 1`.
    pub noise: f64,
}

fn yes() -> bool {
    true
}

/// Alternative normalisations, each applied to every indicator.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormaliseInput {
    /// Whether the framework's own (per-indicator) normalisation is an alternative.
    #[serde(default = "yes")]
    pub nominal: bool,
    /// Other normalisations.
    #[serde(default)]
    pub alternatives: Vec<NormaliseSpec>,
}

/// Alternative aggregations, each applied to every group of the chosen levels.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AggregateInput {
    /// Whether the framework's own (per-group) aggregation is an alternative.
    #[serde(default = "yes")]
    pub nominal: bool,
    /// Other aggregations.
    #[serde(default)]
    pub alternatives: Vec<AggregateSpec>,
    /// Levels whose groups change (2 = just above the indicators); empty: every level.
    #[serde(default)]
    pub levels: Vec<usize>,
}

/// Alternative imputations.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImputeInput {
    /// Whether the framework's own imputation (or its absence) is an alternative.
    #[serde(default = "yes")]
    pub nominal: bool,
    /// Whether "no imputation" is an alternative.
    #[serde(default)]
    pub none: bool,
    /// Other imputations.
    #[serde(default)]
    pub alternatives: Vec<ImputeSpec>,
}

/// Excluding one indicator at a time; "exclude none" is always an alternative.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExcludeInput {
    /// Indicator codes that may be excluded; absent: every indicator.
    #[serde(default)]
    pub indicators: Option<Vec<String>>,
}

/// What one input of a [`Design`] varies.
#[derive(Debug, Clone, PartialEq)]
pub enum InputKind {
    /// Weight noise on the nodes of one level.
    Weights {
        /// The level.
        level: usize,
        /// Half-width of the relative noise.
        noise: f64,
        /// The nodes, as (parent group, position among its children, code).
        nodes: Vec<(usize, usize, String)>,
    },
    /// Normalisation of every indicator: `None` = the framework's own.
    Normalise(Vec<Option<NormaliseSpec>>),
    /// Aggregation of the `groups`: `None` = each group's own.
    Aggregate {
        /// The alternatives.
        alternatives: Vec<Option<Aggregation>>,
        /// Groups (indices into `Framework::groups`) that change.
        groups: Vec<usize>,
    },
    /// Imputation: `None` = the framework's own; `Some(None)` = no imputation.
    Impute(Vec<Option<Option<ImputeSpec>>>),
    /// Indicator excluded: `None` = none.
    Exclude(Vec<Option<usize>>),
}

/// One uncertain input: a name, what it varies, and its coordinates in the hypercube.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// Name used in results, e.g. `weights_level_2`, `aggregation`.
    pub name: String,
    /// What it varies.
    pub kind: InputKind,
    /// First coordinate.
    pub offset: usize,
    /// Number of coordinates (1 for a discrete input, the node count for weights).
    pub coords: usize,
}

impl Input {
    /// Number of alternatives of a discrete input (`None` for weights).
    pub fn alternatives(&self) -> Option<usize> {
        match &self.kind {
            InputKind::Weights { .. } => None,
            InputKind::Normalise(a) => Some(a.len()),
            InputKind::Aggregate { alternatives, .. } => Some(alternatives.len()),
            InputKind::Impute(a) => Some(a.len()),
            InputKind::Exclude(a) => Some(a.len()),
        }
    }

    /// The alternative a coordinate `u ∈ [0, 1)` picks: `⌊u·m⌋`, clamped to `m − 1`.
    pub(crate) fn pick(u: f64, m: usize) -> usize {
        ((u * m as f64) as usize).min(m.saturating_sub(1))
    }

    /// Readable value of this input at point `x` (the whole point): the alternative's label,
    /// or the weight multipliers.
    ///
    /// # Examples
    /// ```
    /// use linkage::uncertainty::Inputs;
    /// use linkage::score::spec::Spec;
    /// let fw = Spec::from_toml(r#"
    ///     name = "t"
    ///     [[indicator]]
    ///     code = "a"
    ///     parent = "top"
    ///     [[indicator]]
    ///     code = "b"
    ///     parent = "top"
    ///     [[group]]
    ///     code = "top"
    /// "#, "doc").unwrap().resolve().unwrap();
    /// let inputs = Inputs::from_toml("[exclude]\n", "doc").unwrap();
    /// let d = inputs.design(&fw).unwrap();
    /// // alternatives: none, a, b; u = 0.5 picks ⌊1.5⌋ = 1 → "a"
    /// assert_eq!(d.inputs[0].label(&fw, &[0.5]), "a");
    /// ```
    pub fn label(&self, fw: &Framework, x: &[f64]) -> String {
        let xs = &x[self.offset..self.offset + self.coords];
        match &self.kind {
            InputKind::Weights { noise, nodes, .. } => nodes
                .iter()
                .zip(xs)
                .map(|((_, _, code), &u)| format!("{code}×{}", 1.0 + noise * (2.0 * u - 1.0)))
                .collect::<Vec<_>>()
                .join(" "),
            InputKind::Normalise(a) => match &a[Self::pick(xs[0], a.len())] {
                None => "nominal".into(),
                Some(n) => n.to_string(),
            },
            InputKind::Aggregate { alternatives, .. } => {
                match alternatives[Self::pick(xs[0], alternatives.len())] {
                    None => "nominal".into(),
                    Some(a) => a.to_string(),
                }
            }
            InputKind::Impute(a) => match &a[Self::pick(xs[0], a.len())] {
                None => "nominal".into(),
                Some(None) => "none".into(),
                Some(Some(m)) => m.to_string(),
            },
            InputKind::Exclude(a) => match a[Self::pick(xs[0], a.len())] {
                None => "none".into(),
                Some(j) => fw.indicators()[j].code().to_string(),
            },
        }
    }
}

/// Validated inputs for one framework.
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    /// The inputs, in a fixed order: weights by level, normalisation, aggregation, imputation,
    /// exclusion.
    pub inputs: Vec<Input>,
    /// Total number of coordinates.
    pub dims: usize,
    /// Floor on normalised values.
    pub floor: Option<f64>,
}

fn bad(reason: impl Into<String>) -> Error {
    Error::Spec {
        context: "uncertainty inputs".into(),
        reason: reason.into(),
    }
}

impl Inputs {
    /// Parse inputs from TOML text.
    ///
    /// # Errors
    /// [`Error::Spec`] with TOML's message (unknown field, wrong type) and where it points.
    pub fn from_toml(text: &str, origin: &str) -> Result<Inputs> {
        toml::from_str(text).map_err(|e| Error::Spec {
            context: origin.to_string(),
            reason: e.to_string().trim_end().to_string(),
        })
    }

    /// Read inputs from a TOML file.
    ///
    /// # Errors
    /// [`Error::Io`], or as [`Inputs::from_toml`].
    pub fn read(path: &Path) -> Result<Inputs> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Inputs::from_toml(&text, &path.display().to_string())
    }

    /// Weight noise `f` on every level in `levels` (a convenience constructor).
    ///
    /// # Examples
    /// ```
    /// use linkage::uncertainty::Inputs;
    /// let i = Inputs::weight_noise(&[2, 3], 0.25);
    /// assert_eq!(i.weights.len(), 2);
    /// ```
    pub fn weight_noise(levels: &[usize], noise: f64) -> Inputs {
        Inputs {
            weights: levels
                .iter()
                .map(|&level| WeightNoise { level, noise })
                .collect(),
            ..Inputs::default()
        }
    }

    /// Validate against a framework into a [`Design`].
    ///
    /// # Errors
    /// [`Error::Spec`] (context "uncertainty inputs") for: a weight level outside
    /// `1..levels` (the root has no weight) or given twice, noise outside `[0, 1)`, a
    /// normalisation or aggregation with impossible parameters, an aggregation level outside
    /// `2..=levels`, a discrete input with no alternative, an unknown or repeated indicator to
    /// exclude, a non-finite floor.
    ///
    /// # Examples
    /// ```
    /// use linkage::uncertainty::Inputs;
    /// use linkage::score::spec::Spec;
    /// let fw = Spec::from_toml(r#"
    ///     name = "t"
    ///     [[indicator]]
    ///     code = "a"
    ///     parent = "d"
    ///     [[indicator]]
    ///     code = "b"
    ///     parent = "d"
    ///     [[group]]
    ///     code = "d"
    ///     parent = "top"
    ///     [[group]]
    ///     code = "top"
    /// "#, "doc").unwrap().resolve().unwrap();
    /// let d = Inputs::weight_noise(&[1], 0.2).design(&fw).unwrap();
    /// assert_eq!((d.inputs.len(), d.dims), (1, 2)); // one input, one coordinate per indicator
    /// assert!(Inputs::weight_noise(&[3], 0.2).design(&fw).is_err()); // level 3 is the root
    /// ```
    pub fn design(&self, fw: &Framework) -> Result<Design> {
        let mut inputs = Vec::new();
        let mut offset = 0;
        let mut push = |name: String, kind: InputKind, coords: usize| {
            inputs.push(Input {
                name,
                kind,
                offset,
                coords,
            });
            offset += coords;
        };
        let mut levels_seen = HashSet::new();
        for w in &self.weights {
            if w.level < 1 || w.level >= fw.levels() {
                return Err(bad(format!(
                    "weights level {} must be between 1 and {} (level {} is the root, which has no weight)",
                    w.level,
                    fw.levels() - 1,
                    fw.levels()
                )));
            }
            if !levels_seen.insert(w.level) {
                return Err(bad(format!("weights level {} is given twice", w.level)));
            }
            if !(0.0..1.0).contains(&w.noise) {
                return Err(bad(format!(
                    "weights level {}: noise {} must be in [0, 1)",
                    w.level, w.noise
                )));
            }
            let mut nodes = Vec::new();
            for (g, group) in fw.groups().iter().enumerate() {
                for (c, child) in group.children().iter().enumerate() {
                    let (level, code) = match *child {
                        Node::Indicator(j) => (1, fw.indicators()[j].code()),
                        Node::Group(h) => (fw.groups()[h].level(), fw.groups()[h].code()),
                    };
                    if level == w.level {
                        nodes.push((g, c, code.to_string()));
                    }
                }
            }
            let coords = nodes.len();
            push(
                format!("weights_level_{}", w.level),
                InputKind::Weights {
                    level: w.level,
                    noise: w.noise,
                    nodes,
                },
                coords,
            );
        }
        if let Some(n) = &self.normalise {
            let mut alts: Vec<Option<NormaliseSpec>> = Vec::new();
            if n.nominal {
                alts.push(None);
            }
            for a in &n.alternatives {
                // The one check of a normalisation, each indicator's target included.
                fw.with_normalisation(a).map_err(|e| match e {
                    Error::Spec { context, reason } => bad(format!("{context}: {reason}")),
                    other => other,
                })?;
                alts.push(Some(a.clone()));
            }
            if alts.is_empty() {
                return Err(bad("[normalise] has no alternative"));
            }
            push("normalisation".into(), InputKind::Normalise(alts), 1);
        }
        if let Some(a) = &self.aggregate {
            let mut alts = Vec::new();
            if a.nominal {
                alts.push(None);
            }
            for s in &a.alternatives {
                s.check().map_err(bad)?;
                alts.push(Some(s.to_kernel()));
            }
            if alts.is_empty() {
                return Err(bad("[aggregate] has no alternative"));
            }
            for &l in &a.levels {
                if l < 2 || l > fw.levels() {
                    return Err(bad(format!(
                        "[aggregate] level {l} must be between 2 and {}",
                        fw.levels()
                    )));
                }
            }
            let groups = (0..fw.groups().len())
                .filter(|&g| a.levels.is_empty() || a.levels.contains(&fw.groups()[g].level()))
                .collect();
            push(
                "aggregation".into(),
                InputKind::Aggregate {
                    alternatives: alts,
                    groups,
                },
                1,
            );
        }
        if let Some(i) = &self.impute {
            let mut alts = Vec::new();
            if i.nominal {
                alts.push(None);
            }
            if i.none {
                alts.push(Some(None));
            }
            alts.extend(i.alternatives.iter().map(|m| Some(Some(m.clone()))));
            if alts.is_empty() {
                return Err(bad("[impute] has no alternative"));
            }
            push("imputation".into(), InputKind::Impute(alts), 1);
        }
        if let Some(e) = &self.exclude {
            let mut alts = vec![None];
            match &e.indicators {
                None => alts.extend((0..fw.indicators().len()).map(Some)),
                Some(codes) => {
                    for c in codes {
                        let j = fw.indicator_index(c).ok_or_else(|| {
                            bad(format!(
                                "[exclude]: `{c}` is not an indicator of the framework"
                            ))
                        })?;
                        if alts.contains(&Some(j)) {
                            return Err(bad(format!("[exclude]: `{c}` is listed twice")));
                        }
                        alts.push(Some(j));
                    }
                }
            }
            push("exclusion".into(), InputKind::Exclude(alts), 1);
        }
        if let Some(f) = self.floor
            && !f.is_finite()
        {
            return Err(bad(format!("floor {f} must be finite")));
        }
        Ok(Design {
            inputs,
            dims: offset,
            floor: self.floor,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::spec::Spec;

    fn fw() -> Framework {
        Spec::from_toml(
            r#"
            name = "t"
            [[indicator]]
            code = "a"
            parent = "d1"
            [[indicator]]
            code = "b"
            parent = "d1"
            [[indicator]]
            code = "c"
            parent = "d2"
            [[group]]
            code = "d1"
            parent = "top"
            [[group]]
            code = "d2"
            parent = "top"
            [[group]]
            code = "top"
            "#,
            "t",
        )
        .unwrap()
        .resolve()
        .unwrap()
    }

    #[test]
    fn full_toml_round_trip_and_design() {
        let text = r#"
            floor = 1
            [[weights]]
            level = 1
            noise = 0.1
            [[weights]]
            level = 2
            noise = 0.25
            [normalise]
            alternatives = [{ method = "minmax", lower = 1, upper = 100 }, { method = "rank" }]
            [aggregate]
            nominal = false
            alternatives = [{ method = "arithmetic" }, { method = "geometric" }]
            levels = [3]
            [impute]
            none = true
            alternatives = [{ method = "mean" }]
            [exclude]
            indicators = ["a", "c"]
        "#;
        let i = Inputs::from_toml(text, "t").unwrap();
        let back = Inputs::from_toml(&toml::to_string(&i).unwrap(), "t").unwrap();
        assert_eq!(i, back);
        let d = i.design(&fw()).unwrap();
        let names: Vec<&str> = d.inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "weights_level_1",
                "weights_level_2",
                "normalisation",
                "aggregation",
                "imputation",
                "exclusion"
            ]
        );
        // 3 indicators + 2 dimensions + 4 discrete inputs
        assert_eq!(d.dims, 9);
        assert_eq!(d.inputs[2].alternatives(), Some(3));
        assert_eq!(d.inputs[4].alternatives(), Some(3));
        assert_eq!(d.inputs[5].alternatives(), Some(3));
        let InputKind::Aggregate { groups, .. } = &d.inputs[3].kind else {
            panic!()
        };
        assert_eq!(groups, &[2]);
    }

    #[test]
    fn rejects_bad_inputs() {
        let f = fw();
        let e = |t: &str| {
            Inputs::from_toml(t, "t")
                .and_then(|i| i.design(&f))
                .unwrap_err()
                .to_string()
        };
        assert!(e("[[weights]]\nlevel = 3\nnoise = 0.1").contains("root"));
        assert!(e("[[weights]]\nlevel = 1\nnoise = 1.5").contains("[0, 1)"));
        assert!(
            e("[[weights]]\nlevel = 1\nnoise = 0.1\n[[weights]]\nlevel = 1\nnoise = 0.2")
                .contains("twice")
        );
        assert!(
            e("[normalise]\nalternatives = [{ method = \"minmax\", lower = 5, upper = 5 }]")
                .contains("lower < upper")
        );
        assert!(e("[normalise]\nnominal = false").contains("no alternative"));
        assert!(e("[aggregate]\nlevels = [1]").contains("between 2 and 3"));
        assert!(
            e("[aggregate]\nalternatives = [{ method = \"generalised\", p = 0 }]")
                .contains("p ≠ 0")
        );
        assert!(e("[exclude]\nindicators = [\"zz\"]").contains("not an indicator"));
        assert!(e("[exclude]\nindicators = [\"a\", \"a\"]").contains("twice"));
        assert!(e("[normalise]\nmethod = \"minmax\"").contains("unknown field"));
    }

    #[test]
    fn labels() {
        let f = fw();
        let i = Inputs::from_toml(
            "[[weights]]\nlevel = 2\nnoise = 0.5\n[impute]\nnone = true\nalternatives = [{ method = \"group_mean\", group = \"g\" }]",
            "t",
        )
        .unwrap();
        let d = i.design(&f).unwrap();
        // weights: u = 0.5 → ×1, u = 0.75 → ×1.25; imputation u = 0.9 → third alternative
        let x = [0.5, 0.75, 0.9];
        assert_eq!(d.inputs[0].label(&f, &x), "d1×1 d2×1.25");
        assert_eq!(d.inputs[1].label(&f, &x), "group_mean(g)");
        assert_eq!(d.inputs[1].label(&f, &[0.5, 0.75, 0.5]), "none");
    }
}
