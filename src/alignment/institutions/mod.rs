//! Shared institutions: which institutions two countries both belong to in a year, how far
//! their membership sets overlap, each country's joining timeline, and the G7 case study's
//! institutional part. Built on [`crate::sources::institutions`] (file
//! `data/institutions/memberships.csv`).
//!
//! ## Rules
//!
//! - **Member as of year Y** is [`members_in`]'s rule, the README's "filter on the event you
//!   need … and take `joined_year <= Y`": a row counts when its event makes a member (entry into
//!   force, accession, admission, founding, membership…; a *signature* only for
//!   `TPP_SIGNATORY` and `BRI_MOU`, which are sets of signatories; never a *prospective*
//!   member), its year is known and ≤ Y, and any end the event text states is ≥ Y (G7 Russia
//!   1997–2013; the Quad's first spell 2007–2008). So CPTPP and RCEP count from entry into
//!   force, not signature, and rows without a year never count.
//! - **`TPP_SIGNATORY` is a set of signatories, not a living membership**: its only event is
//!   the 4 February 2016 signature, and no exit is recorded, so from 2016 on every one of the
//!   12 signatories — the United States included — counts as sharing it with the other 11 in
//!   every later year. Read it as "both signed the 2016 TPP", not as a current tie.
//! - **Complete institutions only, by default.** The README marks the WTO ("**partial**",
//!   123 of ~166 members; "The absence of a WTO row is **not** evidence of non-membership"),
//!   the G20 (no years), the AIIB (no founding years; approvals only) and `BRI_MOU` ("**partial**",
//!   the 11 governments of the 2017 list) as incomplete ([`Institution::is_complete`]). An
//!   absence there cannot be read as a missing tie, so they are left out of every count,
//!   Jaccard and list unless [`shared`] is called with `include_incomplete = true`.
//! - **Labelling.** When included, the incomplete institutions are never mixed into the
//!   complete ones: [`Ties::shared`] lists complete institutions only and
//!   [`Ties::incomplete`] lists the shared incomplete ones; in text ([`Ties::codes`]) they
//!   carry an asterisk, `WTO*`, meaning "from an incomplete membership list: a missing row is
//!   not evidence of non-membership". Note that the G20 and the AIIB have no dated membership
//!   rows at all, so even when included they never count as shared (see [`members_in`]).
//! - **Jaccard overlap** of countries *a* and *b* in year Y: with A and B the sets of
//!   (considered) institutions each is a member of in Y, J = |A ∩ B| / |A ∪ B|; `None` when
//!   both sets are empty (no basis for a ratio, not zero).
//! - **G7** ([`g7_members`]): the G7 rows except the European Union. The README lists the EU as
//!   "European Community, non-enumerated participant", so `EUU` is not one of the seven;
//!   Russia counts 1997–2013 (its row's "G8 format 1997-2013; participation suspended 2014
//!   (former)"), so the group has eight members in those years.
//!
//! ## Where things live
//!
//! | file | what |
//! |---|---|
//! | `ties.rs` | [`shared`] and [`Ties`]; [`InstitutionRow`] and [`institutions_table`] |
//! | `timeline.rs` | [`timeline`] and [`Joining`]; [`ties_since`] and [`Tie`] |
//! | `g7.rs` | the G7 case: [`g7_members`], [`g7_shared`], [`us_japan_china`] |
//!
//! [`members_in`]: crate::sources::institutions::members_in
//! [`Institution::is_complete`]: crate::sources::institutions::Institution::is_complete

mod g7;
mod ties;
mod timeline;

pub use g7::{G7Shared, UsJapanChina, g7_members, g7_shared, us_japan_china};
pub use ties::{InstitutionRow, Ties, institutions_table, shared};
pub use timeline::{Joining, Tie, ties_since, timeline};

#[cfg(test)]
mod tests;
