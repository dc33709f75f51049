//! The output rows: [`VotingRow`], [`voting_table`] (every actor against every partner and
//! every pair of actors, per calendar year and issue filter) with its accounting, and the
//! [`Rows`] that write them.

use super::issues::IssueFilter;
use super::measures::{Contingency, MEASURES};
use super::tally::{bit, dedup, fill_tables, filter_masks};
use crate::error::Result;
use crate::io::rows::{Column, Kind, RowSink, Rows};
use crate::panel::accounting::Accounting;
use crate::panel::country::Iso3;
use crate::sources::unvotes::UnVotes;

/// One value of [`voting_table`]: a measure of the votes of `actor` and `partner` on the roll
/// calls of one calendar year that one issue filter selects.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::unvotes};
/// use linkage::alignment::voting::voting_table;
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let (rows, _) = voting_table(&v, &[iso3!("USA")], Some(&[iso3!("JPN")]), 10);
/// let r = rows
///     .iter()
///     .find(|r| r.year == 2015 && &*r.issue == "all" && r.measure == "s")
///     .unwrap();
/// assert_eq!((r.actor, r.partner, r.n_votes), (iso3!("USA"), iso3!("JPN"), 78));
/// assert!((r.value - (1.0 - 69.0 / 78.0)).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct VotingRow {
    /// The actor (listed first in the `actors` of [`voting_table`]).
    pub actor: Iso3,
    /// The partner, or the later actor of a pair of actors.
    pub partner: Iso3,
    /// Calendar year of the roll calls' dates.
    pub year: i32,
    /// The [`IssueFilter::label`]: `all`, an issue's short name, or `important` (shared by
    /// every row of that filter: a reference count, not a string per row).
    pub issue: std::sync::Arc<str>,
    /// One of [`MEASURES`]: `agreement`, `s`, `pi`, `kappa`.
    pub measure: &'static str,
    /// The measure's value.
    pub value: f64,
    /// n: the roll calls of the year and filter on which both recorded a vote.
    pub n_votes: usize,
}

/// Every measure, per calendar year and per [`IssueFilter::every`] filter, of each actor
/// against every partner and of each pair of actors.
///
/// The dyads are, for each actor in `actors` order, first every *later* actor (each unordered
/// pair of actors once, the one listed first as `actor`), then every partner that is not an
/// actor: every country of the vote data when `partners` is `None`, or the given list.
/// Repeated codes in either list count once; a country is never paired with itself. The years
/// are those of [`UnVotes::year_ranges`]. For each (dyad, year, filter) with
/// n ≥ `max(min_votes, 1)` roll calls on which both recorded a vote, one row per defined
/// measure, in [`MEASURES`] order; π and κ have no row where undefined (D_e = 0).
///
/// Each dyad's votes are read once: per year, one pass over the year's roll calls fills the
/// 3×3 tables of every filter at once, from per-roll-call filter bitsets computed beforehand.
///
/// The account counts the candidate rows (dyad × year × filter × measure): used = rows
/// returned; excluded, by reason, where a country has no recorded vote in the data, where the
/// filter selects no roll call that year, where the two share none or fewer than `min_votes`,
/// and (π and κ only) where both cast one and the same vote throughout.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::unvotes};
/// use linkage::alignment::voting::voting_table;
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let (rows, acc) = voting_table(&v, &[iso3!("USA"), iso3!("CHN")], Some(&[iso3!("VNM")]), 10);
/// assert_eq!(acc.rows_used(), rows.len());
/// assert!(acc.balances());
/// // USA–CHN (the pair of actors), USA–VNM, CHN–VNM.
/// let dyads: std::collections::BTreeSet<_> = rows.iter().map(|r| (r.actor, r.partner)).collect();
/// assert_eq!(dyads.len(), 3);
/// assert!(rows.iter().all(|r| r.n_votes >= 10));
/// ```
pub fn voting_table(
    votes: &UnVotes,
    actors: &[Iso3],
    partners: Option<&[Iso3]>,
    min_votes: usize,
) -> (Vec<VotingRow>, Accounting) {
    let mut acc = Accounting::new(
        "un vote similarity",
        "actor x partner (and actor x actor) x calendar year x issue filter x measure of the UN \
         votes",
    );
    let min_votes = min_votes.max(1);
    let filters = IssueFilter::every(votes);
    let labels: Vec<std::sync::Arc<str>> = filters
        .iter()
        .map(|f| f.label(votes.issues()).into())
        .collect();
    let masks = filter_masks(votes, &filters);
    let years = votes.year_ranges();
    // Roll calls per (year, filter).
    let selected: Vec<Vec<usize>> = years
        .iter()
        .map(|(_, r)| {
            let mut c = vec![0usize; filters.len()];
            for &m in masks.get(r.clone()).unwrap_or(&[]) {
                for (f, n) in c.iter_mut().enumerate() {
                    *n += usize::from(m & bit(f) != 0);
                }
            }
            c
        })
        .collect();

    let actors = dedup(actors);
    let partners: Vec<Iso3> = dedup(partners.unwrap_or(votes.countries()))
        .into_iter()
        .filter(|p| !actors.contains(p))
        .collect();
    let per_dyad = years.len() * filters.len() * MEASURES.len();

    // Reserve for every candidate row (at most 2^22 rows ahead): growing a vector of a million
    // rows by doubling costs a fifth of the run.
    let dyads = actors.len() * (actors.len().saturating_sub(1)) / 2 + actors.len() * partners.len();
    let mut rows = Vec::with_capacity(dyads.saturating_mul(per_dyad).min(1 << 22));
    let mut tables = vec![[0u64; 9]; filters.len()];
    // Exclusions are tallied here and booked once at the end (no allocation per dyad).
    let mut skipped = Skipped::default();
    for (i, &actor) in actors.iter().enumerate() {
        let others = actors.get(i + 1..).unwrap_or(&[]).iter().chain(&partners);
        let Some(va) = votes.votes_of(actor) else {
            skipped.actor_absent += others.count() * per_dyad;
            continue;
        };
        for &partner in others {
            let Some(vp) = votes.votes_of(partner) else {
                skipped.partner_absent += per_dyad;
                continue;
            };
            for ((year, range), selected) in years.iter().zip(&selected) {
                fill_tables(va, vp, &masks, range.clone(), &mut tables);
                for ((t, label), &k) in tables.iter().zip(&labels).zip(selected) {
                    let t = Contingency::from_flat(t);
                    let n = t.n();
                    if k == 0 {
                        skipped.no_roll_call += MEASURES.len();
                        continue;
                    }
                    if n == 0 {
                        skipped.none_shared += MEASURES.len();
                        continue;
                    }
                    if n < min_votes as u64 {
                        skipped.few_shared += MEASURES.len();
                        continue;
                    }
                    let sim = t.similarity();
                    for (measure, value) in sim.measures() {
                        match value {
                            Some(value) => {
                                rows.push(VotingRow {
                                    actor,
                                    partner,
                                    year: *year,
                                    issue: label.clone(),
                                    measure,
                                    value,
                                    n_votes: sim.n,
                                });
                                acc.used(1);
                            }
                            None => skipped.undefined += 1,
                        }
                    }
                }
            }
        }
    }
    for (reason, n) in [
        (
            "actor has no recorded vote in the data".to_string(),
            skipped.actor_absent,
        ),
        (
            "partner has no recorded vote in the data".to_string(),
            skipped.partner_absent,
        ),
        (
            "no roll call of the issue filter that year".to_string(),
            skipped.no_roll_call,
        ),
        (
            "no roll call of the year and filter on which both recorded a vote".to_string(),
            skipped.none_shared,
        ),
        (
            format!(
                "fewer than {min_votes} roll calls of the year and filter on which both \
                 recorded a vote"
            ),
            skipped.few_shared,
        ),
        (
            "pi and kappa undefined: both cast one and the same vote on every roll call \
             (D_e = 0)"
                .to_string(),
            skipped.undefined,
        ),
    ] {
        acc.exclude(reason, n);
    }
    (rows, acc)
}

/// Candidate rows of [`voting_table`] left out, by reason.
#[derive(Default)]
struct Skipped {
    actor_absent: usize,
    partner_absent: usize,
    no_roll_call: usize,
    none_shared: usize,
    few_shared: usize,
    undefined: usize,
}

/// The rows of [`voting_table`]: `actor`, `partner` (ISO3 text), `year`, `issue`, `measure`,
/// `value`, `n_votes`, in row order.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::unvotes};
/// use linkage::alignment::voting::voting_table;
/// use linkage::io::frame::to_frame;
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let (rows, _) = voting_table(&v, &[iso3!("JPN")], Some(&[iso3!("VNM")]), 10);
/// let df = to_frame(rows.as_slice()).unwrap();
/// assert_eq!(df.height(), rows.len());
/// let names: Vec<String> = df.get_column_names().iter().map(|s| s.to_string()).collect();
/// assert_eq!(names, ["actor", "partner", "year", "issue", "measure", "value", "n_votes"]);
/// ```
impl Rows for [VotingRow] {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("actor", Kind::Text),
            Column::new("partner", Kind::Text),
            Column::new("year", Kind::Int32),
            Column::new("issue", Kind::Text),
            Column::new("measure", Kind::Text),
            Column::new("value", Kind::Float64),
            Column::new("n_votes", Kind::UInt64),
        ]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()> {
        for r in self {
            sink.text(r.actor.as_str());
            sink.text(r.partner.as_str());
            sink.int(i64::from(r.year));
            sink.text(&r.issue);
            sink.text(r.measure);
            sink.float(r.value);
            sink.int(r.n_votes as i64);
            sink.end_row()?;
        }
        Ok(())
    }
}
