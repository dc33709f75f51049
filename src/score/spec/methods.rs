//! The method settings of a spec, as written (serde), each with its one check and its
//! kernel form: normalisation ([`NormaliseSpec`]), aggregation ([`AggregateSpec`]), which
//! children a group compares its units on ([`Comparison`]), outlier treatment
//! ([`TreatSettings`]) and imputation ([`ImputeSpec`]).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{hundred, one, yes};
use crate::score::aggregate::Aggregation;
use crate::score::normalise::Normalisation;
use crate::score::treat::{LogTransform, TreatSpec};

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
        /// Lower goalpost (own units; below `upper` — the indicator's `direction` says which
        /// end is better).
        lower: f64,
        /// Upper goalpost (own units).
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

/// Which children a group's score is formed from, unit by unit (the `compare` field of a
/// `[[group]]`).
///
/// * [`Comparison::Own`] (the default): each unit is aggregated over the children *it* has,
///   with the weights renormalised over them; below `min_present` children the score is
///   missing. Two units of one ranking block may then be scored on different children: one
///   actor's mean of three dimensions ranked against another's mean of four.
/// * [`Comparison::Common`]: like is compared with like. Within each ranking block (the units
///   ranked together, e.g. the actors of one partner and year):
///   1. a unit is *eligible* when at least `min_present` of the group's children have a value;
///   2. the *common set* is the children that have a value in every eligible unit of the block,
///      when they are at least `min_present`; every eligible unit is then scored;
///   3. otherwise it is the set of at least `min_present` children the most eligible units have
///      in full (at least two units; then the largest set; then the one holding the earliest
///      child where two differ), and only the units that have it all are scored; with no set
///      shared by two eligible units, no unit of the block gets a score;
///   4. each scored unit is aggregated over the common set only — the group's method, with
///      its weights renormalised over the common set (the aggregation of
///      [`aggregate_into`](crate::score::aggregate::aggregate_into) restricted to those
///      children); a unit that is not scored gets no score;
///   5. the number of children present (`present`, `n_present`) of a unit with a score is the
///      size of the common set (the children used); a unit without a score keeps the count of
///      its children with a value, so a reader can see why it has none;
///   6. a Copeland group compares the scored units of the block with each other over the
///      common set.
///
///   A group compared this way has at most 64 children.
///
///   Every unit with a score in a block was thus scored on the same children. See
///   [`crate::score::common`] for the rule and its reason.
///
/// # Examples
/// ```
/// use linkage::score::spec::{Comparison, Spec};
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
///     compare = "common"
/// "#, "doc").unwrap().resolve().unwrap();
/// assert_eq!(fw.groups()[0].comparison(), Comparison::Common);
/// assert_eq!(Comparison::default(), Comparison::Own);
/// assert_eq!(Comparison::Common.to_string(), "common");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// Each unit over the children it has (the behaviour without a `compare` field).
    #[default]
    Own,
    /// Within a ranking block, every unit with a score over the same children: those every
    /// eligible unit of the block has.
    Common,
}

impl Comparison {
    /// Whether this is the default, [`Comparison::Own`] (a spec leaves it out when written).
    ///
    /// # Examples
    /// ```
    /// use linkage::score::spec::Comparison;
    /// assert!(Comparison::Own.is_own());
    /// assert!(!Comparison::Common.is_own());
    /// ```
    pub fn is_own(&self) -> bool {
        *self == Comparison::Own
    }
}

/// The spec's word: `own` or `common`.
impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Comparison::Own => "own",
            Comparison::Common => "common",
        })
    }
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

impl NormaliseSpec {
    /// Check the method's parameters — the one check every framework goes through, from a spec
    /// ([`Spec::resolve`](super::Spec::resolve)) or as an alternative of an uncertainty
    /// analysis ([`Framework::with_normalisation`](super::Framework::with_normalisation)).
    /// `target` is the indicator's target (own units), read only by distance to target.
    ///
    /// # Errors
    /// Why the parameters cannot work: min-max or scaled without finite `lower < upper`, z-score
    /// without a finite mean and `sd > 0`, goalposts not finite or not `lower < upper`, distance
    /// to target without a finite target.
    ///
    /// Goalposts are always written `lower < upper`, in the indicator's own units; an indicator
    /// where less is better takes `direction = -1` (its lower goalpost then scores `scale`, its
    /// upper one 0). Reversed goalposts would silently invert the indicator a second time, so
    /// they are refused.
    ///
    /// # Examples
    /// ```
    /// use linkage::score::spec::NormaliseSpec;
    /// assert!(NormaliseSpec::default().check(None).is_ok());
    /// let e = NormaliseSpec::Minmax { lower: 5.0, upper: 5.0 }.check(None).unwrap_err();
    /// assert_eq!(e, "normalisation minmax(5,5) needs finite lower < upper");
    /// let reversed = NormaliseSpec::Goalposts { lower: 1.0, upper: 0.0, scale: 100.0, truncate: true };
    /// assert!(reversed.check(None).unwrap_err().contains("direction = -1"));
    /// ```
    pub fn check(&self, target: Option<f64>) -> Result<(), String> {
        let finite = |v: &[f64]| v.iter().all(|x| x.is_finite());
        let fails = match *self {
            NormaliseSpec::Minmax { lower, upper } | NormaliseSpec::Scaled { lower, upper } => {
                (!finite(&[lower, upper]) || lower >= upper).then_some("finite lower < upper")
            }
            NormaliseSpec::Zscore { mean, sd } => {
                (!finite(&[mean, sd]) || sd <= 0.0).then_some("a finite mean and sd > 0")
            }
            NormaliseSpec::Goalposts {
                lower,
                upper,
                scale,
                ..
            } => (!finite(&[lower, upper, scale]) || lower >= upper).then_some(
                "finite goalposts with lower < upper (for an indicator where less is better, \
                 keep lower < upper and set direction = -1)",
            ),
            NormaliseSpec::Dist2target { .. } => target
                .is_none_or(|t| !t.is_finite())
                .then_some("a finite `target` for the indicator"),
            _ => None,
        };
        match fails {
            Some(what) => Err(format!("normalisation {self} needs {what}")),
            None => Ok(()),
        }
    }

    /// The kernel's normalisation; `reference` is the row of the reference unit (read only by
    /// distance to a reference unit, resolved from the coin).
    pub(crate) fn to_kernel(&self, reference: usize) -> Normalisation {
        match *self {
            NormaliseSpec::Minmax { lower, upper } => Normalisation::MinMax { lower, upper },
            NormaliseSpec::Zscore { mean, sd } => Normalisation::ZScore { mean, sd },
            NormaliseSpec::Scaled { lower, upper } => Normalisation::Scaled { lower, upper },
            NormaliseSpec::Dist2max => Normalisation::DistToMax,
            NormaliseSpec::Dist2ref { cap_max, .. } => {
                Normalisation::DistToRef { reference, cap_max }
            }
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
}

/// A short label, e.g. `minmax(1,100)`, `goalposts(0,0.5,100)`, `rank`.
///
/// # Examples
/// ```
/// use linkage::score::spec::NormaliseSpec;
/// assert_eq!(NormaliseSpec::Minmax { lower: 1.0, upper: 100.0 }.to_string(), "minmax(1,100)");
/// ```
impl fmt::Display for NormaliseSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NormaliseSpec::Minmax { lower, upper } => write!(f, "minmax({lower},{upper})"),
            NormaliseSpec::Zscore { mean, sd } => write!(f, "zscore({mean},{sd})"),
            NormaliseSpec::Scaled { lower, upper } => write!(f, "scaled({lower},{upper})"),
            NormaliseSpec::Dist2max => write!(f, "dist2max"),
            NormaliseSpec::Dist2ref { reference, cap_max } => {
                write!(
                    f,
                    "dist2ref({reference}{})",
                    if *cap_max { ",cap" } else { "" }
                )
            }
            NormaliseSpec::Dist2target { cap_max } => {
                write!(f, "dist2target{}", if *cap_max { "(cap)" } else { "" })
            }
            NormaliseSpec::Fracmax => write!(f, "fracmax"),
            NormaliseSpec::Rank => write!(f, "rank"),
            NormaliseSpec::Borda => write!(f, "borda"),
            NormaliseSpec::Prank => write!(f, "prank"),
            NormaliseSpec::Goalposts {
                lower,
                upper,
                scale,
                truncate,
            } => write!(
                f,
                "goalposts({lower},{upper},{scale}{})",
                if *truncate { "" } else { ",untruncated" }
            ),
            NormaliseSpec::None => write!(f, "none"),
        }
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

    /// Check the method's parameters (the one check of a spec's and of an uncertainty
    /// analysis' aggregations).
    ///
    /// # Errors
    /// A generalised mean whose `p` is 0 or not finite.
    ///
    /// # Examples
    /// ```
    /// use linkage::score::spec::AggregateSpec;
    /// assert!(AggregateSpec::Generalised { p: 2.0 }.check().is_ok());
    /// assert!(AggregateSpec::Generalised { p: 0.0 }.check().is_err());
    /// ```
    pub fn check(self) -> Result<(), String> {
        match self {
            AggregateSpec::Generalised { p } if !p.is_finite() || p.abs() == 0.0 => {
                Err(format!("aggregation generalised({p}) needs a finite p ≠ 0"))
            }
            _ => Ok(()),
        }
    }
}

/// A short label, e.g. `mean`, `group_mean(income)`.
///
/// # Examples
/// ```
/// use linkage::score::spec::ImputeSpec;
/// assert_eq!(ImputeSpec::GroupMean { group: "income".into() }.to_string(), "group_mean(income)");
/// ```
impl fmt::Display for ImputeSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImputeSpec::Mean => write!(f, "mean"),
            ImputeSpec::Median => write!(f, "median"),
            ImputeSpec::GroupMean { group } => write!(f, "group_mean({group})"),
            ImputeSpec::GroupMedian { group } => write!(f, "group_median({group})"),
            ImputeSpec::Latest => write!(f, "latest"),
            ImputeSpec::Linear => write!(f, "linear"),
        }
    }
}
