//! Pairs counted by hand on the shipped vote data, by year, issue and period, and over every
//! roll call.

use approx::assert_relative_eq;

use super::{data, issue, year};
use crate::alignment::voting::{Contingency, IssueFilter, Similarity, period_similarity};
use crate::iso3;

#[test]
fn real_data_pairs_by_hand() {
    // Counted with a python script over data/unvotes/*.csv (roll calls whose date falls in
    // the year, both countries recorded a vote, yes = 1, abstain = 2, no = 3), table rows
    // the first country, columns the second, in yes, abstain, no order:
    //
    // USA–JPN 2015: 78 roll calls, n = 78, Σ|d| = 69,
    //   table [[18, 0, 0], [8, 2, 0], [20, 21, 9]], rows (18, 10, 50), columns (46, 23, 9).
    //   agreement = 1 − 69 / 78 / 2 = 0.557692…; S = 1 − 69 / 78 = 0.115385…;
    //   Σ n_i+ n_+j |i − j| = 7038 → κ = 1 − 78 · 69 / 7038 = 4/17 = 0.235294…;
    //   Σ m_i m_j |i − j| = 23222 → π = 1 − 4 · 78 · 69 / 23222 = 847/11611 = 0.072948….
    // VNM–CHN 2019: 90 roll calls, n = 86, Σ|d| = 19,
    //   table [[69, 5, 5], [1, 1, 3], [0, 0, 2]], rows (79, 5, 2), columns (70, 6, 10).
    //   agreement = 1 − 19 / 86 / 2 = 0.889535…; S = 1 − 19 / 86 = 0.779070…;
    //   Σ n_i+ n_+j |i − j| = 2746 → κ = 1 − 86 · 19 / 2746 = 556/1373 = 0.404953…;
    //   Σ m_i m_j |i − j| = 10694 → π = 1 − 4 · 86 · 19 / 10694 = 2079/5347 = 0.388816….
    // USA–CHN 2019: n = 88, Σ|d| = 140, table [[9, 1, 7], [6, 1, 1], [57, 4, 2]]:
    //   κ = −443/2637 = −0.167994…, π = −4689/7631 = −0.614467….
    let v = data();
    let (us, jp, cn, vn) = (iso3!("USA"), iso3!("JPN"), iso3!("CHN"), iso3!("VNM"));
    let pair = |a, b, y| {
        let r = year(v, y);
        Contingency::from_votes(
            &v.votes_of(a).unwrap()[r.clone()],
            &v.votes_of(b).unwrap()[r],
        )
    };

    let t = pair(us, jp, 2015);
    assert_eq!(t.counts, [[18, 0, 0], [8, 2, 0], [20, 21, 9]]);
    assert_eq!((t.n(), t.sum_abs_diff()), (78, 69));
    let s = t.similarity();
    assert_relative_eq!(
        s.agreement.unwrap(),
        1.0 - 69.0 / 78.0 / 2.0,
        epsilon = 1e-12
    );
    assert_relative_eq!(s.s.unwrap(), 1.0 - 69.0 / 78.0, epsilon = 1e-12);
    assert_relative_eq!(s.kappa.unwrap(), 4.0 / 17.0, epsilon = 1e-12);
    assert_relative_eq!(s.pi.unwrap(), 847.0 / 11611.0, epsilon = 1e-12);

    let t = pair(vn, cn, 2019);
    assert_eq!(t.counts, [[69, 5, 5], [1, 1, 3], [0, 0, 2]]);
    assert_eq!((t.n(), t.sum_abs_diff()), (86, 19));
    let s = t.similarity();
    assert_relative_eq!(
        s.agreement.unwrap(),
        1.0 - 19.0 / 86.0 / 2.0,
        epsilon = 1e-12
    );
    assert_relative_eq!(s.s.unwrap(), 1.0 - 19.0 / 86.0, epsilon = 1e-12);
    assert_relative_eq!(s.kappa.unwrap(), 556.0 / 1373.0, epsilon = 1e-12);
    assert_relative_eq!(s.pi.unwrap(), 2079.0 / 5347.0, epsilon = 1e-12);
    // High raw agreement, modest chance-corrected agreement: most votes are yes by both.
    assert!(s.kappa.unwrap() < s.s.unwrap());

    let s = pair(us, cn, 2019).similarity();
    assert_eq!(s.n, 88);
    assert_relative_eq!(s.kappa.unwrap(), -443.0 / 2637.0, epsilon = 1e-12);
    assert_relative_eq!(s.pi.unwrap(), -4689.0 / 7631.0, epsilon = 1e-12);

    // The same through period_similarity, one year.
    let p = period_similarity(v, vn, cn, 2019..=2019, IssueFilter::All).unwrap();
    assert_eq!(
        format!("{p:?}"),
        format!("{:?}", pair(vn, cn, 2019).similarity())
    );
}

#[test]
fn issue_and_important_filters_by_hand() {
    // Python counts as above, restricted to the roll calls with the issue in the issues
    // file, or with importantvote = 1:
    // USA–JPN 2015 human rights (hr): 20 roll calls, n = 20, Σ|d| = 9,
    //   table [[6, 0, 0], [0, 1, 0], [2, 5, 6]]: κ = 19/34, π = 403/763.
    // USA–JPN 1995 important: 27 roll calls, n = 27, Σ|d| = 32,
    //   table [[9, 0, 0], [0, 0, 0], [15, 2, 1]]: κ = 1/13, π = −185/679.
    // USA–JPN human rights, all years: n = 591.
    // VNM–CHN 2019 Palestinian conflict (me): n = 14, all yes by both → π, κ undefined.
    let v = data();
    let (us, jp, cn, vn) = (iso3!("USA"), iso3!("JPN"), iso3!("CHN"), iso3!("VNM"));
    let hr = issue(v, "hr");
    let s = period_similarity(v, us, jp, 2015..=2015, hr).unwrap();
    assert_eq!(s.n, 20);
    assert_relative_eq!(
        s.agreement.unwrap(),
        1.0 - 9.0 / 20.0 / 2.0,
        epsilon = 1e-12
    );
    assert_relative_eq!(s.s.unwrap(), 1.0 - 9.0 / 20.0, epsilon = 1e-12);
    assert_relative_eq!(s.kappa.unwrap(), 19.0 / 34.0, epsilon = 1e-12);
    assert_relative_eq!(s.pi.unwrap(), 403.0 / 763.0, epsilon = 1e-12);

    let s = period_similarity(v, us, jp, 1995..=1995, IssueFilter::Important).unwrap();
    assert_eq!(s.n, 27);
    assert_relative_eq!(s.kappa.unwrap(), 1.0 / 13.0, epsilon = 1e-12);
    assert_relative_eq!(s.pi.unwrap(), -185.0 / 679.0, epsilon = 1e-12);

    let s = period_similarity(v, us, jp, 1900..=2100, hr).unwrap();
    assert_eq!(s.n, 591);

    let s = period_similarity(v, vn, cn, 2019..=2019, issue(v, "me")).unwrap();
    assert_eq!(s.n, 14);
    assert_eq!(
        (s.agreement, s.s, s.pi, s.kappa),
        (Some(1.0), Some(1.0), None, None)
    );

    // An issue index the data lacks selects nothing; a period with no roll call is empty.
    let none = period_similarity(v, us, jp, 2015..=2015, IssueFilter::Issue(31)).unwrap();
    assert_eq!(none, Similarity::default());
    let none = period_similarity(v, us, jp, 1950..=1960, IssueFilter::All).unwrap();
    assert_eq!(none, Similarity::default());
    assert_eq!(IssueFilter::Issue(31).label(v.issues()), "issue 31");
}

#[test]
fn periods_pool_their_years() {
    // A period's table is the sum of its years' tables.
    let v = data();
    let (a, b) = (
        v.votes_of(iso3!("IND")).unwrap(),
        v.votes_of(iso3!("USA")).unwrap(),
    );
    let mut sum = Contingency::default();
    for y in 1990..=1999 {
        let r = year(v, y);
        let t = Contingency::from_votes(&a[r.clone()], &b[r]);
        for i in 0..3 {
            for j in 0..3 {
                sum.counts[i][j] += t.counts[i][j];
            }
        }
    }
    let p =
        period_similarity(v, iso3!("IND"), iso3!("USA"), 1990..=1999, IssueFilter::All).unwrap();
    assert_eq!(format!("{p:?}"), format!("{:?}", sum.similarity()));
    // Reversed and partly outside ranges.
    #[allow(clippy::reversed_empty_ranges)]
    let empty = period_similarity(v, iso3!("IND"), iso3!("USA"), 1999..=1990, IssueFilter::All);
    assert_eq!(empty.unwrap().n, 0);
    let wide = period_similarity(v, iso3!("IND"), iso3!("USA"), 1800..=1990, IssueFilter::All);
    let r = year(v, 1990);
    assert_eq!(
        wide.unwrap().n,
        Contingency::from_votes(&a[r.clone()], &b[r]).n() as usize
    );
}

// Over every roll call of the data (1990–2020), the published values of the measures.

#[test]
fn agreement_of_usa_and_britain_over_every_roll_call() {
    let v = data();
    let (us, gb) = (
        v.votes_of(iso3!("USA")).unwrap(),
        v.votes_of(iso3!("GBR")).unwrap(),
    );
    let t = Contingency::from_votes(us, gb);
    assert_eq!(t.n(), 2624);
    let a = t.agreement().unwrap();
    assert!(a > 0.6 && a < 0.7, "{a}");
}

#[test]
fn s_of_usa_and_cuba_is_negative() {
    let v = data();
    let (us, cu) = (
        v.votes_of(iso3!("USA")).unwrap(),
        v.votes_of(iso3!("CUB")).unwrap(),
    );
    let s = Contingency::from_votes(us, cu).s().unwrap();
    assert!(s < 0.0, "{s}");
}

#[test]
fn usa_and_canada_vote_yes_together_more_than_yes_against_no() {
    let v = data();
    let t = Contingency::from_votes(
        v.votes_of(iso3!("USA")).unwrap(),
        v.votes_of(iso3!("CAN")).unwrap(),
    );
    assert!(t.counts[0][0] > t.counts[0][2], "{:?}", t.counts);
}

#[test]
fn pi_of_france_and_britain() {
    let v = data();
    let (fr, gb) = (
        v.votes_of(iso3!("FRA")).unwrap(),
        v.votes_of(iso3!("GBR")).unwrap(),
    );
    let p = Contingency::from_votes(fr, gb).pi().unwrap();
    assert!(p > 0.5 && p <= 1.0, "{p}");
}

#[test]
fn kappa_of_usa_and_israel() {
    let v = data();
    let (us, il) = (
        v.votes_of(iso3!("USA")).unwrap(),
        v.votes_of(iso3!("ISR")).unwrap(),
    );
    let k = Contingency::from_votes(us, il).kappa().unwrap();
    assert!(k > 0.5 && k <= 1.0, "{k}");
}
