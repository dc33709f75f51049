//! The data-quality rules as data: each a name, a threshold, a floor and the indicators it
//! watches, with the defaults tuned on the shipped data.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::panel::flag::Flag;

/// Whether scoring keeps flagged values (the spec's `quality` field).
///
/// # Examples
/// ```
/// use linkage::quality::QualityMode;
/// assert_eq!(QualityMode::default(), QualityMode::Exclude);
/// assert_eq!("keep".parse::<QualityMode>(), Ok(QualityMode::Keep));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QualityMode {
    /// Flagged values are missing in the scores (counted, with their rule).
    #[default]
    Exclude,
    /// Flagged values are scored like clean ones (still listed in `quality.csv`).
    Keep,
}

impl std::str::FromStr for QualityMode {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "exclude" => Ok(QualityMode::Exclude),
            "keep" => Ok(QualityMode::Keep),
            other => Err(format!(
                "unknown quality mode {other:?} (expected exclude or keep)"
            )),
        }
    }
}

impl std::fmt::Display for QualityMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            QualityMode::Exclude => "exclude",
            QualityMode::Keep => "keep",
        })
    }
}

/// One rule applied to some indicators. The meaning of `threshold` and `floor` depends on the
/// rule (see the [module table](crate::quality)).
///
/// # Examples
/// ```
/// use linkage::{panel::flag::Flag, quality::RuleSet};
/// let rules = RuleSet::default();
/// let jump = rules.rule(Flag::ImplausibleJump, "students_in_actor_oecd").unwrap();
/// assert_eq!(jump.threshold, 2.0);
/// assert_eq!(jump.also, vec!["students_per_million_oecd".to_string()]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Which test.
    pub flag: Flag,
    /// The indicator checked.
    pub indicator: String,
    /// Indicators derived from the same cell, flagged with it.
    pub also: Vec<String>,
    /// The indicator compared against (`mirror_gap` only).
    pub against: Option<String>,
    /// The rule's threshold (a bound, a fraction or a factor).
    pub threshold: f64,
    /// The level below which the rule does not fire (same unit as the indicator).
    pub floor: f64,
    /// Years the rule neither tests nor compares against (inclusive), for a documented real
    /// break: the collapse of travel in 2020–2022 is exempt from the jump rule on visitor
    /// arrivals, and 2023 is compared with 2019, not with the collapsed 2022.
    pub exempt_years: Option<(i32, i32)>,
}

impl Rule {
    /// Whether the rule tests a value of `year` (false inside [`Rule::exempt_years`]).
    ///
    /// # Examples
    /// ```
    /// use linkage::{panel::flag::Flag, quality::RuleSet};
    /// let rules = RuleSet::default();
    /// let jump = rules.rule(Flag::ImplausibleJump, "visitors_to_actor").unwrap();
    /// assert_eq!(jump.exempt_years, Some((2020, 2022)));
    /// assert!(!jump.tests(2021));
    /// assert!(jump.tests(2019));
    /// ```
    pub fn tests(&self, year: i32) -> bool {
        self.exempt_years
            .is_none_or(|(from, to)| year < from || year > to)
    }
}

/// A spec's change to one default rule (TOML: `[[quality_rule]]` with `rule`, `indicator` and
/// `threshold` and/or `floor`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleOverride {
    /// The rule's name, e.g. `implausible_jump`.
    pub rule: Flag,
    /// The indicator it watches.
    pub indicator: String,
    /// New threshold.
    #[serde(default)]
    pub threshold: Option<f64>,
    /// New floor.
    #[serde(default)]
    pub floor: Option<f64>,
}

/// The rules in force, in the order they are checked.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    rules: Vec<Rule>,
}

/// Every share indicator of the default catalogue (bounded by [0, 1] by meaning).
pub const SHARE_INDICATORS: [&str; 13] = [
    "trade_share_dots",
    "trade_share_dots_v2022",
    "trade_share_mirror_dots",
    "export_share_dots",
    "import_share_dots",
    "trade_share_cow",
    "export_share_cow",
    "import_share_cow",
    "aid_share_dac",
    "fdi_stock_share_unctad",
    "fdi_flow_share_unctad",
    "fdi_approvals_share_unctad",
    "arrivals_share",
];

/// The years of the collapse and recovery of international travel (COVID-19): real values,
/// exempt from the jump rule on visitor arrivals (Japan 2021: 245,862 visitors against 31.9
/// million in 2019; Japan reopened only in October 2022).
pub const TRAVEL_COLLAPSE: (i32, i32) = (2020, 2022);

/// DOTS trade shares watched for zeros and jumps (the partner's own or mirror records).
const TRADE_SHARES: [&str; 4] = [
    "trade_share_dots",
    "export_share_dots",
    "import_share_dots",
    "trade_share_cow",
];

impl Default for RuleSet {
    /// The defaults, tuned on the shipped data:
    /// - **share_out_of_range**, threshold 1, on every share ([`SHARE_INDICATORS`]).
    /// - **small_denominator**, threshold 0.1, on `aid_share_dac`: a share of a partner's net
    ///   DAC aid that is negative (net repayments) or below a tenth of the partner's median
    ///   positive total is a ratio of a near-zero difference.
    /// - **zero_for_missing** on the OECD student count (`students_in_actor_oecd`, flagging
    ///   `students_per_million_oecd` with it) with floor 20 students, and on the trade shares
    ///   with floor 0.01 (1 % of the partner's trade; COW writes some missing flows as 0).
    /// - **implausible_jump** on the student count with factor 2 and floor 50 students: the OECD
    ///   2019 US-host column is scrambled (Russia 5,074 → 3, San Marino 3 → 1,110, Slovenia
    ///   213 → 5,945, …; values shifted between countries); a factor of 2 catches all 17 cells
    ///   of that column that left a series stable to within ±20 % for six years, and 6 first- or
    ///   last-year changes elsewhere (listed in `quality.csv`), while no interior year of any
    ///   other series moves by 2× against both neighbours. On the trade shares factor 8 and
    ///   floor 0.01: trade with small economies is lumpy (a ship or an aircraft), so only spikes
    ///   and dips of an order of magnitude are flagged. Aid is left out of the jump rule: debt
    ///   relief makes genuine one-year spikes (e.g. Japan in Myanmar, 2013).
    /// - **mirror_gap**, threshold 2, floor 0.01, on `trade_share_mirror_dots` against
    ///   `trade_share_dots`: CIF/FOB and timing differences are a few per cent; a factor of 2
    ///   means one side's records miss part of the trade (border trade, transit, ship
    ///   registries).
    /// - **vintage_break**, threshold 1.25, floor 0.01, on `trade_share_dots` (from the newer DOTS
    ///   vintage, 2015–2020) against `trade_share_dots_v2022` (the early-2022 vintage's same
    ///   share): half the overlapping shares differ by under 0.7 %, but a fifth by more than
    ///   10 % (IMF revisions: e.g. Vietnam's World exports 2015–2017 are ~20 % higher in the newer
    ///   vintage, which lowers its shares by ~9 %). A factor of 1.25 flags the 12 % of values
    ///   where one record was rebuilt (e.g. Myanmar's exports to the US in 2020: 236.96 against
    ///   904.57), without dropping a fifth of the recent series; `trade_share_dots_v2022` shows
    ///   every break, and a spec can tighten the threshold.
    /// - **investment and people flows** (issue 14): `share_out_of_range` on the FDI shares and
    ///   `arrivals_share`; `small_denominator`, threshold 0.1, on `fdi_flow_share_unctad`
    ///   (a World inflow that is negative or below a tenth of the partner's median: net
    ///   disinvestment makes shares of a near-zero difference); on the MOE count of students in
    ///   China (`students_in_china_moe`, flagging its per-million rate) zeros with floor 20 (as
    ///   the OECD count) and jumps with factor 3 and floor 100: MOE counts short-term and
    ///   language students, and the counts of small origins double from one year to the next
    ///   (factor 2 and floor 50 would flag 10, e.g. Kuwait 17 → 54); **implausible_jump** on
    ///   `visitors_to_actor` (flagging its per-thousand rate) with factor 3 and floor 1,000
    ///   visitors, the years [`TRAVEL_COLLAPSE`] exempt; **repeated_value** on the visitor
    ///   count and the MOE student count, floor 10,000 (below it equal counts of two origins
    ///   happen by chance: Kyrgyzstan and Yemen both sent 3,247 students in 2016, with
    ///   different degree and non-degree splits). FDI positions, flows and
    ///   the AEI deal values are left out of the jump rule: one large deal or disinvestment
    ///   makes a genuine one-year spike. **zero_for_missing** on the FDI stock share (floor
    ///   0.01) and the stock as % of GDP (floor 0.1 %): UNCTAD prints 0 for the years an origin
    ///   did not report by partner (Japan's stock in Vietnam is 0 in 2001–2006, then 1,698 US$ m
    ///   in 2007; Korea's 0 in 2011–2012 after 5,777).
    fn default() -> RuleSet {
        let rule = |flag, indicator: &str, also: &[&str], threshold, floor| Rule {
            flag,
            indicator: indicator.to_string(),
            also: also.iter().map(|s| s.to_string()).collect(),
            against: None,
            threshold,
            floor,
            exempt_years: None,
        };
        let mut rules = Vec::new();
        for s in SHARE_INDICATORS {
            rules.push(rule(Flag::ShareOutOfRange, s, &[], 1.0, 0.0));
        }
        rules.push(rule(Flag::SmallDenominator, "aid_share_dac", &[], 0.1, 0.0));
        rules.push(rule(
            Flag::SmallDenominator,
            "fdi_flow_share_unctad",
            &[],
            0.1,
            0.0,
        ));
        let (moe, moe_per_million) = (
            "students_in_china_moe",
            &["students_in_china_per_million_moe"][..],
        );
        rules.push(rule(Flag::ZeroForMissing, moe, moe_per_million, 0.0, 20.0));
        // UNCTAD prints 0 for years an origin did not report by partner (Japan's stock in
        // Vietnam: 0 in 2001-2006, then 1,698 in 2007).
        rules.push(rule(
            Flag::ZeroForMissing,
            "fdi_stock_share_unctad",
            &[],
            0.0,
            0.01,
        ));
        rules.push(rule(
            Flag::ZeroForMissing,
            "fdi_stock_gdp_unctad",
            &[],
            0.0,
            0.1,
        ));
        let (students, per_million) =
            ("students_in_actor_oecd", &["students_per_million_oecd"][..]);
        rules.push(rule(Flag::ZeroForMissing, students, per_million, 0.0, 20.0));
        for s in TRADE_SHARES {
            rules.push(rule(Flag::ZeroForMissing, s, &[], 0.0, 0.01));
        }
        rules.push(rule(
            Flag::ImplausibleJump,
            students,
            per_million,
            2.0,
            50.0,
        ));
        for s in TRADE_SHARES {
            rules.push(rule(Flag::ImplausibleJump, s, &[], 8.0, 0.01));
        }
        rules.push(rule(
            Flag::ImplausibleJump,
            moe,
            moe_per_million,
            3.0,
            100.0,
        ));
        rules.push(Rule {
            exempt_years: Some(TRAVEL_COLLAPSE),
            ..rule(
                Flag::ImplausibleJump,
                "visitors_to_actor",
                &["visitors_to_actor_per_thousand"],
                3.0,
                1000.0,
            )
        });
        rules.push(rule(
            Flag::RepeatedValue,
            "visitors_to_actor",
            &["visitors_to_actor_per_thousand"],
            0.0,
            10_000.0,
        ));
        rules.push(rule(
            Flag::RepeatedValue,
            moe,
            moe_per_million,
            0.0,
            10_000.0,
        ));
        rules.push(Rule {
            against: Some("trade_share_dots".into()),
            ..rule(Flag::MirrorGap, "trade_share_mirror_dots", &[], 2.0, 0.01)
        });
        rules.push(Rule {
            against: Some("trade_share_dots_v2022".into()),
            ..rule(Flag::VintageBreak, "trade_share_dots", &[], 1.25, 0.01)
        });
        RuleSet { rules }
    }
}

impl RuleSet {
    /// No rule at all (nothing is flagged).
    pub fn none() -> RuleSet {
        RuleSet { rules: Vec::new() }
    }

    /// A set of these rules, checked in the order [`Flag::ALL`] gives, then as listed.
    pub fn new(mut rules: Vec<Rule>) -> RuleSet {
        rules.sort_by_key(|r| Flag::ALL.iter().position(|f| *f == r.flag));
        RuleSet { rules }
    }

    /// The rules, in the order they are checked.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule `flag` on `indicator`, if in force.
    pub fn rule(&self, flag: Flag, indicator: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .find(|r| r.flag == flag && r.indicator == indicator)
    }

    /// The set with a spec's overrides applied.
    ///
    /// # Errors
    /// [`Error::Spec`] when an override names a rule and indicator that is not in the set, or
    /// gives a threshold or floor that is not finite or is negative (a factor must be > 1).
    ///
    /// # Examples
    /// ```
    /// use linkage::{panel::flag::Flag, quality::{RuleOverride, RuleSet}};
    /// let o = RuleOverride { rule: Flag::ImplausibleJump, indicator: "students_in_actor_oecd".into(),
    ///     threshold: Some(10.0), floor: None };
    /// let rules = RuleSet::default().with_overrides(&[o]).unwrap();
    /// assert_eq!(rules.rule(Flag::ImplausibleJump, "students_in_actor_oecd").unwrap().threshold, 10.0);
    /// ```
    pub fn with_overrides(mut self, overrides: &[RuleOverride]) -> Result<RuleSet> {
        for o in overrides {
            let context = format!("quality_rule {} on {}", o.rule, o.indicator);
            let rule = self
                .rules
                .iter_mut()
                .find(|r| r.flag == o.rule && r.indicator == o.indicator)
                .ok_or_else(|| Error::Spec {
                    context: context.clone(),
                    reason: "no such rule is in force for this indicator (see linkage::quality::RuleSet::default)".into(),
                })?;
            let check = |v: f64, what: &str| -> Result<f64> {
                let factor = matches!(o.rule, Flag::ImplausibleJump | Flag::MirrorGap);
                if !v.is_finite() || v < 0.0 || (factor && what == "threshold" && v <= 1.0) {
                    return Err(Error::Spec {
                        context: context.clone(),
                        reason: format!(
                            "{what} {v} must be finite and not negative{}",
                            if factor {
                                " (a factor threshold must exceed 1)"
                            } else {
                                ""
                            }
                        ),
                    });
                }
                Ok(v)
            };
            if let Some(t) = o.threshold {
                rule.threshold = check(t, "threshold")?;
            }
            if let Some(f) = o.floor {
                rule.floor = check(f, "floor")?;
            }
        }
        Ok(self)
    }
}
