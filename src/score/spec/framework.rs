//! The checked framework: what a spec becomes once [`Spec::resolve`](super::Spec::resolve) has
//! validated it. Indicators and groups are held by index (groups ordered bottom-up, the root
//! last); fields are private, so a [`Framework`] is valid by construction, and the variations
//! an uncertainty analysis needs ([`Framework::with_normalisation`],
//! [`Framework::with_aggregation`], [`Framework::with_impute`]) keep it so.

use super::methods::{Comparison, ImputeSpec, NormaliseSpec, TreatSettings};
use super::{Scope, spec_err};
use crate::error::Result;
use crate::panel::indicator::Direction;
use crate::quality::{QualityMode, RuleOverride};
use crate::score::aggregate::Aggregation;

/// A child of a group: an indicator (index into [`Framework::indicators`]) or a group
/// (index into [`Framework::groups`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Node {
    /// An indicator.
    Indicator(usize),
    /// A group.
    Group(usize),
}

/// An indicator of a checked framework.
///
/// # Examples
/// ```
/// use linkage::Direction;
/// let fw = linkage::presence::default_spec(linkage::default_data_dir()).unwrap().resolve().unwrap();
/// let ind = &fw.indicators()[0];
/// assert_eq!(ind.code(), "trade_share_dots");
/// assert_eq!(ind.direction(), Direction::Positive);
/// assert_eq!(fw.groups()[ind.parent()].code(), "trade");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedIndicator {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) weight: f64,
    pub(super) direction: Direction,
    pub(super) normalise: NormaliseSpec,
    pub(super) target: Option<f64>,
    pub(super) denominator: Option<String>,
    pub(super) treat: Option<TreatSettings>,
    pub(super) parent: usize,
}

impl ResolvedIndicator {
    /// Code (matches the data).
    pub fn code(&self) -> &str {
        &self.code
    }
    /// Display name (the code when the spec gives none).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Weight within the parent (finite, ≥ 0; renormalised over the children present).
    pub fn weight(&self) -> f64 {
        self.weight
    }
    /// Whether a higher value means more (positive) or less (negative).
    pub fn direction(&self) -> Direction {
        self.direction
    }
    /// Normalisation (checked; a reference unit is resolved from the coin).
    pub fn normalise(&self) -> &NormaliseSpec {
        &self.normalise
    }
    /// Target, for distance-to-target normalisation (own units).
    pub fn target(&self) -> Option<f64> {
        self.target
    }
    /// Code of the denominator column, if the indicator is divided by one first.
    pub fn denominator(&self) -> Option<&str> {
        self.denominator.as_deref()
    }
    /// Outlier treatment settings, `None` for no treatment.
    pub fn treat(&self) -> Option<TreatSettings> {
        self.treat
    }
    /// Index of the parent group in [`Framework::groups`].
    pub fn parent(&self) -> usize {
        self.parent
    }
}

/// A group (an aggregate above the indicators) of a checked framework.
///
/// # Examples
/// ```
/// let fw = linkage::presence::default_spec(linkage::default_data_dir()).unwrap().resolve().unwrap();
/// let root = &fw.groups()[fw.root()];
/// assert_eq!((root.code(), root.level()), ("presence", 3));
/// assert_eq!(root.parent(), None);
/// assert_eq!(root.children().len(), root.child_weights().len());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedGroup {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) level: usize,
    pub(super) weight: f64,
    pub(super) aggregation: Aggregation,
    pub(super) children: Vec<Node>,
    pub(super) child_weights: Vec<f64>,
    pub(super) parent: Option<usize>,
    pub(super) min_present: usize,
    pub(super) comparison: Comparison,
}

impl ResolvedGroup {
    /// Code.
    pub fn code(&self) -> &str {
        &self.code
    }
    /// Display name (the code when the spec gives none).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Level (2 = just above the indicators).
    pub fn level(&self) -> usize {
        self.level
    }
    /// Weight within the parent.
    pub fn weight(&self) -> f64 {
        self.weight
    }
    /// Aggregation of the children.
    pub fn aggregation(&self) -> Aggregation {
        self.aggregation
    }
    /// Children, in spec order.
    pub fn children(&self) -> &[Node] {
        &self.children
    }
    /// The children's weights, in the same order (their sum is > 0).
    pub fn child_weights(&self) -> &[f64] {
        &self.child_weights
    }
    /// Parent group, `None` for the root.
    pub fn parent(&self) -> Option<usize> {
        self.parent
    }
    /// Fewest children with a value for a score (between 1 and the number of children).
    pub fn min_present(&self) -> usize {
        self.min_present
    }
    /// Which children each unit's score is formed from: its own ([`Comparison::Own`], the
    /// default) or, within a ranking block, those every eligible unit has
    /// ([`Comparison::Common`]; see there for the rule).
    ///
    /// # Examples
    /// ```
    /// use linkage::score::spec::Comparison;
    /// let fw = linkage::presence::default_spec(linkage::default_data_dir()).unwrap().resolve().unwrap();
    /// assert_eq!(fw.groups()[fw.root()].comparison(), Comparison::Common);
    /// assert_eq!(fw.groups()[0].comparison(), Comparison::Own);
    /// ```
    pub fn comparison(&self) -> Comparison {
        self.comparison
    }
}

/// A validated framework: indicators, groups ordered bottom-up (every group after its
/// children, the root last), levels, and the method settings. Built only by
/// [`Spec::resolve`](super::Spec::resolve) and the checked variations below.
///
/// # Examples
/// ```
/// use linkage::score::spec::Node;
/// let fw = linkage::presence::default_spec(linkage::default_data_dir()).unwrap().resolve().unwrap();
/// assert_eq!(fw.levels(), 3);
/// assert_eq!(fw.node("trade"), fw.group_index("trade").map(Node::Group));
/// let j = fw.indicator_index("unga_agreement").unwrap();
/// assert_eq!(fw.code(Node::Indicator(j)), "unga_agreement");
/// assert_eq!(fw.column(Node::Group(fw.root())), fw.indicators().len() + fw.root());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Framework {
    pub(super) name: String,
    pub(super) origin: Option<String>,
    pub(super) indicators: Vec<ResolvedIndicator>,
    pub(super) groups: Vec<ResolvedGroup>,
    pub(super) levels: usize,
    pub(super) level_names: Vec<String>,
    pub(super) scope: Scope,
    pub(super) impute: Option<ImputeSpec>,
    pub(super) quality: QualityMode,
    pub(super) quality_rules: Vec<RuleOverride>,
}

impl Framework {
    /// Name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Where the spec was read from (see [`Spec::origin`](super::Spec::origin)), if known.
    pub fn origin(&self) -> Option<&str> {
        self.origin.as_deref()
    }
    /// An [`Error::Spec`](crate::Error::Spec) about the entry `context` of this framework's
    /// spec, naming the spec's file first when it is known.
    pub(crate) fn spec_error(&self, context: &str, reason: impl Into<String>) -> crate::Error {
        spec_err(
            super::resolve::locate(self.origin(), &self.name, context),
            reason,
        )
    }
    /// Indicators, in spec order.
    pub fn indicators(&self) -> &[ResolvedIndicator] {
        &self.indicators
    }
    /// Groups, children before parents; the root is last.
    pub fn groups(&self) -> &[ResolvedGroup] {
        &self.groups
    }
    /// Number of levels including the indicators.
    pub fn levels(&self) -> usize {
        self.levels
    }
    /// Level names (index 0 = level 1).
    pub fn level_names(&self) -> &[String] {
        &self.level_names
    }
    /// Which units are compared when normalising.
    pub fn scope(&self) -> Scope {
        self.scope
    }
    /// Imputation of missing indicator values, if any.
    pub fn impute(&self) -> Option<&ImputeSpec> {
        self.impute.as_ref()
    }

    /// Index of an indicator by code.
    pub fn indicator_index(&self, code: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i.code == code)
    }

    /// Index of a group by code.
    pub fn group_index(&self, code: &str) -> Option<usize> {
        self.groups.iter().position(|g| g.code == code)
    }

    /// The node (indicator or group) with this code.
    pub fn node(&self, code: &str) -> Option<Node> {
        self.indicator_index(code)
            .map(Node::Indicator)
            .or_else(|| self.group_index(code).map(Node::Group))
    }

    /// Every node: the indicators in spec order, then the groups bottom-up.
    pub fn nodes(&self) -> impl Iterator<Item = Node> + '_ {
        (0..self.indicators.len())
            .map(Node::Indicator)
            .chain((0..self.groups.len()).map(Node::Group))
    }

    /// The code of a node.
    pub fn code(&self, node: Node) -> &str {
        match node {
            Node::Indicator(j) => &self.indicators[j].code,
            Node::Group(g) => &self.groups[g].code,
        }
    }

    /// The display name of a node.
    pub fn node_name(&self, node: Node) -> &str {
        match node {
            Node::Indicator(j) => &self.indicators[j].name,
            Node::Group(g) => &self.groups[g].name,
        }
    }

    /// The level of a node (1 = indicators).
    pub fn level(&self, node: Node) -> usize {
        match node {
            Node::Indicator(_) => 1,
            Node::Group(g) => self.groups[g].level,
        }
    }

    /// The column of a node in a matrix of every node (indicators, then groups), such as the
    /// ranks of a run.
    pub fn column(&self, node: Node) -> usize {
        match node {
            Node::Indicator(j) => j,
            Node::Group(g) => self.indicators.len() + g,
        }
    }

    /// The root group's index.
    pub fn root(&self) -> usize {
        self.groups.len() - 1
    }

    /// The same framework with `normalise` for every indicator, checked as
    /// [`Spec::resolve`](super::Spec::resolve) checks a spec's (each indicator's target
    /// included).
    ///
    /// # Errors
    /// [`crate::Error::Spec`] naming the indicator when the normalisation cannot work for it.
    ///
    /// # Examples
    /// ```
    /// use linkage::score::spec::NormaliseSpec;
    /// let fw = linkage::presence::default_spec(linkage::default_data_dir()).unwrap().resolve().unwrap();
    /// let ranked = fw.with_normalisation(&NormaliseSpec::Rank).unwrap();
    /// assert!(ranked.indicators().iter().all(|i| *i.normalise() == NormaliseSpec::Rank));
    /// assert!(fw.with_normalisation(&NormaliseSpec::Zscore { mean: 0.0, sd: 0.0 }).is_err());
    /// ```
    pub fn with_normalisation(&self, normalise: &NormaliseSpec) -> Result<Framework> {
        let mut alt = self.clone();
        for ind in &mut alt.indicators {
            normalise.check(ind.target).map_err(|reason| {
                spec_err(
                    super::resolve::locate(
                        self.origin(),
                        &self.name,
                        &format!("indicator `{}`", ind.code),
                    ),
                    reason,
                )
            })?;
            ind.normalise = normalise.clone();
        }
        Ok(alt)
    }

    /// The same framework with `aggregation` for every group (a kernel aggregation is valid by
    /// type: its parameters are checked where it comes from a spec).
    ///
    /// # Examples
    /// ```
    /// use linkage::score::aggregate::Aggregation;
    /// let fw = linkage::presence::default_spec(linkage::default_data_dir()).unwrap().resolve().unwrap();
    /// let g = fw.with_aggregation(Aggregation::GeometricMean);
    /// assert!(g.groups().iter().all(|gr| gr.aggregation() == Aggregation::GeometricMean));
    /// ```
    pub fn with_aggregation(&self, aggregation: Aggregation) -> Framework {
        let mut alt = self.clone();
        for g in &mut alt.groups {
            g.aggregation = aggregation;
        }
        alt
    }

    /// The same framework with another imputation (`None`: missing stays missing).
    ///
    /// # Examples
    /// ```
    /// use linkage::score::spec::ImputeSpec;
    /// let fw = linkage::presence::default_spec(linkage::default_data_dir()).unwrap().resolve().unwrap();
    /// assert_eq!(fw.with_impute(Some(ImputeSpec::Mean)).impute(), Some(&ImputeSpec::Mean));
    /// ```
    pub fn with_impute(&self, impute: Option<ImputeSpec>) -> Framework {
        Framework {
            impute,
            ..self.clone()
        }
    }

    /// Whether flagged values are scored ([`QualityMode`]).
    pub fn quality(&self) -> QualityMode {
        self.quality
    }

    /// The spec's changes to the default data-quality rules.
    pub fn quality_rules(&self) -> &[RuleOverride] {
        &self.quality_rules
    }

    /// The same framework scoring flagged values or not.
    ///
    /// # Examples
    /// ```
    /// use linkage::quality::QualityMode;
    /// let fw = linkage::presence::default_spec(linkage::default_data_dir()).unwrap().resolve().unwrap();
    /// assert_eq!(fw.quality(), QualityMode::Exclude);
    /// assert_eq!(fw.with_quality(QualityMode::Keep).quality(), QualityMode::Keep);
    /// ```
    pub fn with_quality(&self, quality: QualityMode) -> Framework {
        Framework {
            quality,
            ..self.clone()
        }
    }
}
