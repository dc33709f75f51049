//! UN General Assembly vote similarity between two countries, from [`crate::sources::unvotes`]
//! (Voeten et al., Harvard Dataverse hdl:1902.1/12379, roll calls 1990–2019): raw agreement,
//! Signorino and Ritter's S, and Häge's chance-corrected Scott's π and Cohen's κ, by calendar
//! year, by period of years, overall, by issue and on the US State Department's "important
//! votes".
//!
//! # Votes and distances
//!
//! Votes are coded yes = 1, abstain = 2, no = 3, and 0 for no recorded vote (absent, or not a
//! member), as [`crate::sources::unvotes`] holds them. Every measure looks only at the n roll
//! calls (of the selection) on which *both* countries recorded a vote: an absence is neither
//! agreement nor disagreement. The distance between two votes is |x₁ − x₂| ∈ {0, 1, 2}, at most
//! d_max = 2 (yes against no); an abstention lies half-way between yes and no.
//!
//! Write n_ij for the 3×3 contingency table of the n roll calls ([`Contingency`]; i the first
//! country's vote, j the second's, both in yes, abstain, no, numbered 1 to 3), n_i+ and n_+j for
//! its row and column sums, and
//!
//! - D_o = (1/n) Σ_ij n_ij |i − j| / d_max, the observed mean distance scaled to [0, 1].
//!
//! The measures are
//!
//! - **agreement** = 1 − D_o = 1 − mean |x₁ − x₂| / 2, in [0, 1]: 1 for identical votes, 0.5 for
//!   yes against abstain, 0 for yes against no (the `unga_agreement` of
//!   [`crate::derive::votes`], which calls the same kernel, [`Contingency::agreement`]);
//! - **S** = 1 − 2 D_o = 1 − 2 Σ|x₁ − x₂| / (n · d_max) (Signorino and Ritter 1999, "Tau-b or
//!   not tau-b", International Studies Quarterly 43), in [−1, 1]; S = 2 · agreement − 1, so it
//!   ranks dyads exactly as agreement does;
//! - **Scott's π** = 1 − D_o / D_e^π, with
//!   D_e^π = Σ_i Σ_j p_i p_j |i − j| / d_max and p_i = (n_i+ + n_+i) / (2n), the share of vote i
//!   among the 2n votes of the two countries pooled;
//! - **Cohen's κ** = 1 − D_o / D_e^κ, with
//!   D_e^κ = Σ_i Σ_j (n_i+ / n) (n_+j / n) |i − j| / d_max, each country's own vote shares.
//!
//! π and κ are Häge's (2011, "Choice or circumstance? Adjusting measures of foreign policy
//! similarity for chance agreement", Political Analysis 19(3): 287–305) chance-corrected
//! versions of S, with absolute-distance disagreement weights |i − j| / d_max: D_e is the mean
//! distance expected if the two countries voted independently of each other with the given
//! vote shares — shared shares for π, each its own for κ. Both are 1 for identical votes, 0
//! when the votes lie as far apart as chance would put them, negative when farther; they are at
//! most 1 but have no fixed lower bound (yes against no on every roll call gives π = −1,
//! κ = 0). Because most General Assembly resolutions pass with large "yes" majorities, two
//! countries agree often by circumstance alone; π and κ discount that.
//!
//! **Undefined.** D_e^π = 0 and D_e^κ = 0 each hold exactly when both countries cast one and the
//! same vote on every roll call of the selection (e.g. both always voted yes); D_o is then 0
//! too and π, κ = 0/0 are undefined: they are `None`, never 1 or 0. Agreement and S are then 1.
//! With n = 0 every measure is `None`.
//!
//! # Selections and tables
//!
//! [`IssueFilter`] chooses all roll calls, those on one issue of the issue file (a roll call may
//! carry several issues, so issue counts need not add up to the total), or the important votes
//! (`importantvote` = 1; the file leaves it empty for some roll calls of 1997–2017 and for every
//! roll call of 2018–2020, and those roll calls are not important votes here).
//! [`period_similarity`] measures one dyad over a range of calendar years (one year: `y..=y`).
//! [`voting_table`] measures every actor against every partner and every pair of actors, per
//! calendar year and per filter, in one pass over each dyad's votes;
//! [`to_frame`](crate::io::frame::to_frame) turns its rows into a polars `DataFrame`.
//!
//! # Where things live
//!
//! | file | what |
//! |---|---|
//! | `measures.rs` | the kernels: [`Contingency`], [`Similarity`], [`similarity`], [`MEASURES`] |
//! | `issues.rs` | [`IssueFilter`] and [`period_similarity`]: which roll calls, which years |
//! | `tally.rs` | per-roll-call filter bitsets and the one-pass tables of [`voting_table`] |
//! | `table.rs` | [`VotingRow`], [`voting_table`] and its accounting |

mod issues;
mod measures;
mod table;
mod tally;

pub use issues::{IssueFilter, period_similarity};
pub use measures::{Contingency, D_MAX, MEASURES, Similarity, similarity};
pub use table::{VotingRow, voting_table};

#[cfg(test)]
mod tests;
