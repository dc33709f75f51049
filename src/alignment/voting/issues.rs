//! Which roll calls a measure looks at ([`IssueFilter`]: all, one issue, the important votes)
//! and over which calendar years ([`period_similarity`]).

use std::ops::{Range, RangeInclusive};

use super::measures::{Similarity, similarity};
use crate::panel::country::Iso3;
use crate::sources::unvotes::{Issue, RollCall, UnVotes};

/// Which roll calls a measure looks at: all, those on one issue of [`UnVotes::issues`] (by
/// index), or the US State Department's important votes (`important == Some(true)`).
///
/// # Examples
/// ```
/// use linkage::{Concordance, sources::unvotes};
/// use linkage::alignment::voting::IssueFilter;
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let f = IssueFilter::every(&v);
/// assert_eq!(f.len(), 8);
/// let labels: Vec<_> = f.iter().map(|f| f.label(v.issues())).collect();
/// assert_eq!(labels, ["all", "di", "co", "ec", "hr", "nu", "me", "important"]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IssueFilter {
    /// Every roll call.
    All,
    /// The roll calls on issue `k` of [`UnVotes::issues`] ([`RollCall::has_issue`]).
    Issue(usize),
    /// The important votes: `importantvote` = 1 in the roll-call file.
    Important,
}

impl IssueFilter {
    /// `All`, each issue of the data in [`UnVotes::issues`] order, then `Important`: the
    /// filters of [`voting_table`](super::voting_table).
    ///
    /// # Examples
    /// ```
    /// use linkage::{Concordance, sources::unvotes};
    /// use linkage::alignment::voting::IssueFilter;
    /// let dir = linkage::default_data_dir();
    /// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
    /// let f = IssueFilter::every(&v);
    /// assert_eq!(f[0], IssueFilter::All);
    /// assert_eq!(f[1], IssueFilter::Issue(0));
    /// assert_eq!(f[7], IssueFilter::Important);
    /// ```
    pub fn every(votes: &UnVotes) -> Vec<IssueFilter> {
        std::iter::once(IssueFilter::All)
            .chain((0..votes.issues().len()).map(IssueFilter::Issue))
            .chain(std::iter::once(IssueFilter::Important))
            .collect()
    }

    /// Whether the filter selects a roll call. `Issue(k)` with `k` not an issue of the data
    /// selects nothing.
    ///
    /// # Examples
    /// ```
    /// use linkage::{Concordance, sources::unvotes};
    /// use linkage::alignment::voting::IssueFilter;
    /// let dir = linkage::default_data_dir();
    /// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
    /// let n = |f: IssueFilter| v.roll_calls().iter().filter(|r| f.matches(r)).count();
    /// assert_eq!(n(IssueFilter::All), 2651);
    /// assert_eq!(n(IssueFilter::Important), 347);
    /// assert_eq!(n(IssueFilter::Issue(99)), 0);
    /// ```
    pub fn matches(&self, roll_call: &RollCall) -> bool {
        match *self {
            IssueFilter::All => true,
            IssueFilter::Issue(k) => roll_call.has_issue(k),
            IssueFilter::Important => roll_call.important == Some(true),
        }
    }

    /// `"all"`, the issue's short name (e.g. `"hr"` for human rights; `"issue k"` when `k` is
    /// not an issue of `issues`), or `"important"`.
    ///
    /// # Examples
    /// ```
    /// use linkage::{Concordance, sources::unvotes};
    /// use linkage::alignment::voting::IssueFilter;
    /// let dir = linkage::default_data_dir();
    /// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
    /// let hr = v.issues().iter().position(|i| i.name == "Human rights").unwrap();
    /// assert_eq!(IssueFilter::Issue(hr).label(v.issues()), "hr");
    /// assert_eq!(IssueFilter::Important.label(v.issues()), "important");
    /// ```
    pub fn label(&self, issues: &[Issue]) -> String {
        match *self {
            IssueFilter::All => "all".to_string(),
            IssueFilter::Issue(k) => issues
                .get(k)
                .map_or_else(|| format!("issue {k}"), |i| i.short_name.clone()),
            IssueFilter::Important => "important".to_string(),
        }
    }
}

/// The roll calls (as a range of [`UnVotes::roll_calls`] indices) dated in the calendar years
/// `years`; empty when none is.
fn period_range(votes: &UnVotes, years: &RangeInclusive<i32>) -> Range<usize> {
    let mut span: Option<Range<usize>> = None;
    for (y, r) in votes.year_ranges() {
        if years.contains(y) {
            span = Some(span.map_or(r.clone(), |s| s.start..r.end));
        }
    }
    span.unwrap_or(0..0)
}

/// The similarity of `a` and `b` over the roll calls dated in the calendar years `years`
/// (e.g. `1990..=1999`; one year `y..=y`) that `filter` selects. `None` when either country has
/// no recorded vote in the data; otherwise a [`Similarity`], whose measures are `None` when the
/// two share no recorded vote there (n = 0).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::unvotes};
/// use linkage::alignment::voting::{IssueFilter, period_similarity};
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let (vn, cn) = (iso3!("VNM"), iso3!("CHN"));
/// let y2019 = period_similarity(&v, vn, cn, 2019..=2019, IssueFilter::All).unwrap();
/// assert_eq!(y2019.n, 86);
/// let nineties = period_similarity(&v, vn, cn, 1990..=1999, IssueFilter::All).unwrap();
/// assert!(nineties.n > 500);
/// assert!(period_similarity(&v, vn, iso3!("XKX"), 2019..=2019, IssueFilter::All).is_none());
/// ```
pub fn period_similarity(
    votes: &UnVotes,
    a: Iso3,
    b: Iso3,
    years: RangeInclusive<i32>,
    filter: IssueFilter,
) -> Option<Similarity> {
    let (va, vb) = (votes.votes_of(a)?, votes.votes_of(b)?);
    let r = period_range(votes, &years);
    let rc = votes.roll_calls().get(r.clone())?;
    Some(similarity(va.get(r.clone())?, vb.get(r)?, |k| {
        rc.get(k).is_some_and(|c| filter.matches(c))
    }))
}
