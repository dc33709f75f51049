//! Data quality: rules that flag published numbers which cannot be right, so they stay out of
//! the scores unless a user asks for them.
//!
//! A number can come from a named public source and still be wrong: a scrambled column, a ship
//! registry counted as trade, a share of a near-zero total, a missing cell written as 0.
//! Provenance is not plausibility. Every panel row is checked against the rules below; a row
//! that fails one gets a [`Flag`](crate::panel::flag::Flag) (the rule's name, in the `flag`
//! column of `panel.csv`), and [`QualityReport`] lists each flagged row with its evidence
//! (`quality.csv`). Scoring treats flagged values as missing by default
//! ([`QualityMode::Exclude`]); `quality = "keep"` in the spec (`--quality keep`) keeps them.
//!
//! The rules are data ([`Rule`]): a name, a documented test, a threshold and a floor, and the
//! indicators each watches. [`RuleSet::default`] holds the defaults, tuned on the shipped data
//! (see each rule's docs); a spec can override a rule's threshold or floor per indicator.
//!
//! | rule | test (value v of actor A in partner P, year t) | default |
//! |---|---|---|
//! | `share_out_of_range` | v < 0 or v > threshold | threshold 1, every share indicator |
//! | `small_denominator` | the share's denominator d ≤ 0, or d < threshold × the median of P's positive denominators over all years | threshold 0.1, `aid_share_dac` |
//! | `zero_for_missing` | v = 0 and the nearest non-zero year on each side (both where they exist) ≥ floor | students 20 (count), trade shares 0.01, FDI stock share 0.01, FDI stock 0.1 % of GDP |
//! | `implausible_jump` | against the nearest non-zero year n on each side (both where they exist): v > threshold × n or v < n / threshold, and max(v, n) ≥ floor, on every side; years in the rule's `exempt_years` are not tested | students: OECD threshold 2, floor 50, MOE threshold 3, floor 100; trade shares: threshold 8, floor 0.01; visitor arrivals: threshold 3, floor 1,000, 2020–2022 exempt (the collapse of travel is real) |
//! | `mirror_gap` | the mirror share (actor's records) and the partner's own share differ by more than a factor: max/min > threshold, and max ≥ floor | threshold 2, floor 0.01, `trade_share_mirror_dots` against `trade_share_dots` |
//! | `vintage_break` | a value from a newer vintage and the older vintage's same value differ by more than a factor: max/min > threshold, and max ≥ floor | threshold 1.25, floor 0.01, `trade_share_dots` against `trade_share_dots_v2022` |
//! | `repeated_value` | v ≥ floor and another partner of the same actor and year has exactly v (a copied cell: UNWTO's table of arrivals in China gives India and Indonesia the same 2018 count, 708,517) | floor 10,000 on `visitors_to_actor` and `students_in_china_moe` |
//!
//! The jump rule compares with each side separately so that a spike or a dip (off from both
//! sides) is caught while a genuine change of level (off from one side only) is not; at the
//! first and last year of a series only one side exists, so a change of level there is
//! flagged — the evidence says against which year.
//!
//! A row gets the first rule it fails, in the order of the table. A rule may name indicators
//! derived from the same cell (`also`): they carry the flag of the checked one (e.g. the
//! student count is checked, and the per-million rate computed from it is flagged with it).

pub mod check;
pub mod report;
pub mod rules;

pub use check::assess;
pub use report::{FlaggedCell, QualityReport};
pub use rules::{QualityMode, Rule, RuleOverride, RuleSet};
