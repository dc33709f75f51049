//! The one validation: a [`Spec`] as written becomes a checked [`Framework`]. See the
//! [module docs](super) for the rules; each step below checks one of them.

use std::collections::{HashMap, HashSet};

use super::framework::{Framework, Node, ResolvedGroup, ResolvedIndicator};
use super::methods::{AggregateSpec, Comparison, NormaliseSpec};
use super::{Spec, spec_err};
use crate::error::{Error, Result};
use crate::panel::indicator::Direction;

/// The hierarchy as the spec writes it, in spec order: each group's children with their
/// weights, each group's parent, and the root.
struct Hierarchy {
    children: Vec<Vec<(Node, f64)>>,
    parent_of: Vec<Option<usize>>,
    root: usize,
}

impl Hierarchy {
    /// Depth of spec group `k` below the root (the root is 0).
    fn depth(&self, mut k: usize) -> usize {
        let mut d = 0;
        while let Some(p) = self.parent_of[k] {
            d += 1;
            k = p;
        }
        d
    }
}

/// Where a spec error is: the spec's origin (its file) or, without one, its name; then the
/// entry (`context`, empty for the spec as a whole).
pub(super) fn locate(origin: Option<&str>, name: &str, context: &str) -> String {
    match (origin, context.is_empty()) {
        (Some(o), true) => o.to_string(),
        (Some(o), false) => format!("{o}: {context}"),
        (None, true) => format!("`{name}`"),
        (None, false) => context.to_string(),
    }
}

impl Spec {
    /// Validate into a [`Framework`]. See the [module docs](super) for the rules.
    ///
    /// # Errors
    /// [`crate::Error::Spec`] naming the spec's [`origin`](Spec::origin) (its file) and the
    /// offending entry.
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
    /// assert_eq!(fw.levels(), 3);
    /// assert_eq!(fw.groups()[fw.root()].code(), "top");
    /// ```
    pub fn resolve(&self) -> Result<Framework> {
        let checked = || -> Result<Framework> {
            let codes = self.check_codes()?;
            self.check_methods()?;
            let h = self.hierarchy(&codes)?;
            self.check_groups(&h)?;
            let levels = self.levels(&h)?;
            Ok(self.build(&h, levels))
        };
        checked().map_err(|e| match e {
            Error::Spec { context, reason } => {
                spec_err(locate(self.origin.as_deref(), &self.name, &context), reason)
            }
            other => other,
        })
    }

    /// Codes are non-empty and unique across indicators and groups; at least one indicator.
    fn check_codes(&self) -> Result<HashSet<&str>> {
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
            return Err(spec_err("", "the spec lists no indicator"));
        }
        Ok(codes)
    }

    /// Every method setting can work: the default normalisation, each indicator's (with its
    /// target), each aggregation; weights are finite and ≥ 0; directions are ±1.
    fn check_methods(&self) -> Result<()> {
        self.normalise
            .check(Some(0.0))
            .map_err(|r| spec_err("[normalise]", r))?;
        let aggregates = std::iter::once(("[aggregate]".to_string(), self.aggregate))
            .chain(
                self.level
                    .iter()
                    .filter_map(|l| l.aggregate.map(|a| (format!("[[level]] {}", l.level), a))),
            )
            .chain(
                self.group
                    .iter()
                    .filter_map(|g| g.aggregate.map(|a| (format!("group `{}`", g.code), a))),
            );
        for (ctx, a) in aggregates {
            AggregateSpec::check(a).map_err(|r| spec_err(ctx, r))?;
        }
        for ind in &self.indicator {
            let ctx = format!("indicator `{}`", ind.code);
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
                n.check(ind.target).map_err(|r| spec_err(&ctx, r))?;
            } else if matches!(self.normalise, NormaliseSpec::Dist2target { .. }) {
                self.normalise
                    .check(ind.target)
                    .map_err(|r| spec_err(&ctx, r))?;
            }
        }
        for g in &self.group {
            if !g.weight.is_finite() || g.weight < 0.0 {
                return Err(spec_err(
                    format!("group `{}`", g.code),
                    format!("weight {} must be finite and ≥ 0", g.weight),
                ));
            }
        }
        Ok(())
    }

    /// Parents are groups, no group is its own parent, there is no cycle and exactly one root.
    fn hierarchy(&self, codes: &HashSet<&str>) -> Result<Hierarchy> {
        let group_ix: HashMap<&str, usize> = self
            .group
            .iter()
            .enumerate()
            .map(|(k, g)| (g.code.as_str(), k))
            .collect();
        let parent_index = |ctx: &str, p: &str| {
            group_ix.get(p).copied().ok_or_else(|| {
                let what = if codes.contains(p) {
                    "is an indicator, not a group"
                } else {
                    "is not defined"
                };
                spec_err(ctx, format!("parent `{p}` {what}"))
            })
        };
        let mut children: Vec<Vec<(Node, f64)>> = vec![Vec::new(); self.group.len()];
        for (k, ind) in self.indicator.iter().enumerate() {
            let p = parent_index(&format!("indicator `{}`", ind.code), &ind.parent)?;
            children[p].push((Node::Indicator(k), ind.weight));
        }
        let mut roots = Vec::new();
        let mut parent_of: Vec<Option<usize>> = vec![None; self.group.len()];
        for (k, g) in self.group.iter().enumerate() {
            let ctx = format!("group `{}`", g.code);
            match &g.parent {
                None => roots.push(k),
                Some(p) => {
                    let pk = parent_index(&ctx, p)?;
                    if pk == k {
                        return Err(spec_err(&ctx, "a group cannot be its own parent"));
                    }
                    parent_of[k] = Some(pk);
                    children[pk].push((Node::Group(k), g.weight));
                }
            }
        }
        // Cycles: follow parents from every group; a group met twice closes a loop.
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
                    "",
                    "no group without a parent: the hierarchy has no root",
                ));
            }
            _ => {
                let names: Vec<&str> = roots.iter().map(|&r| self.group[r].code.as_str()).collect();
                return Err(spec_err(
                    "",
                    format!(
                        "more than one root group (groups without a parent): {}",
                        names.join(", ")
                    ),
                ));
            }
        };
        Ok(Hierarchy {
            children,
            parent_of,
            root,
        })
    }

    /// Every group has children whose weights sum to more than zero, and a `min_present`
    /// between 1 and its number of children.
    fn check_groups(&self, h: &Hierarchy) -> Result<()> {
        for (k, ch) in h.children.iter().enumerate() {
            let ctx = format!("group `{}`", self.group[k].code);
            if ch.is_empty() {
                return Err(spec_err(&ctx, "the group has no children"));
            }
            let sum = ch.iter().map(|c| c.1).sum::<f64>();
            if sum <= 0.0 {
                return Err(spec_err(&ctx, "the children's weights sum to zero"));
            }
            if !sum.is_finite() {
                return Err(spec_err(
                    &ctx,
                    "the children's weights sum to infinity (more than 1.8e308): scale them down",
                ));
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
            if self.group[k].compare == Comparison::Common && ch.len() > 64 {
                return Err(spec_err(
                    &ctx,
                    format!(
                        "compare = \"common\" takes at most 64 children ({} here)",
                        ch.len()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The number of levels: every indicator sits at the same depth below the root, and every
    /// `[[level]]` table names a level that exists.
    fn levels(&self, h: &Hierarchy) -> Result<usize> {
        let group_of = |code: &str| self.group.iter().position(|g| g.code == code);
        let ind_depths: Vec<usize> = self
            .indicator
            .iter()
            .map(|i| group_of(&i.parent).map_or(0, |g| h.depth(g)) + 1)
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
        Ok(levels)
    }

    /// The framework of a checked spec: groups ordered bottom-up (by level, then spec order;
    /// the root last), indices in place of names, defaults filled in.
    fn build(&self, h: &Hierarchy, levels: usize) -> Framework {
        let level_of = |k: usize| levels - h.depth(k);
        let mut order: Vec<usize> = (0..self.group.len()).filter(|&k| k != h.root).collect();
        order.sort_by_key(|&k| (level_of(k), k));
        order.push(h.root);
        let new_index: HashMap<usize, usize> = order
            .iter()
            .enumerate()
            .map(|(new, &old)| (old, new))
            .collect();
        let parent_of_indicator: HashMap<&str, usize> = self
            .group
            .iter()
            .enumerate()
            .map(|(k, g)| (g.code.as_str(), new_index[&k]))
            .collect();
        let indicators = self
            .indicator
            .iter()
            .map(|i| ResolvedIndicator {
                code: i.code.clone(),
                name: i.name.clone().unwrap_or_else(|| i.code.clone()),
                weight: i.weight,
                direction: if i.direction < 0 {
                    Direction::Negative
                } else {
                    Direction::Positive
                },
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
                parent: parent_of_indicator[i.parent.as_str()],
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
                    children: h.children[k].iter().map(|c| remap(c.0)).collect(),
                    child_weights: h.children[k].iter().map(|c| c.1).collect(),
                    parent: h.parent_of[k].map(|p| new_index[&p]),
                    min_present: g.min_present,
                    comparison: g.compare,
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
        Framework {
            name: self.name.clone(),
            origin: self.origin.clone(),
            indicators,
            groups,
            levels,
            level_names,
            scope: self.scope,
            impute: self.impute.clone(),
            quality: self.quality,
            quality_rules: self.quality_rule.clone(),
        }
    }
}
