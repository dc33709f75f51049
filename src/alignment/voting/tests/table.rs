//! [`voting_table`] on the shipped data: its dyads, values and accounting.

use approx::assert_relative_eq;

use super::data;
use crate::alignment::voting::{IssueFilter, MEASURES, VotingRow, period_similarity, voting_table};
use crate::iso3;
use crate::panel::country::Iso3;

#[test]
fn voting_table_on_the_shipped_data() {
    let v = data();
    let actors = crate::derive::ACTORS;
    let (rows, acc) = voting_table(v, &actors, None, 10);
    assert_eq!(acc.rows_used(), rows.len());
    assert!(acc.balances());
    // 2,046 dyads × 31 calendar years (1990–2020) × 8 filters × 4 measures = 2,029,632
    // candidate rows, 1,488,118 of them with a value (min_votes = 10).
    assert_eq!((acc.rows_in(), rows.len()), (2_029_632, 1_488_118));
    // Dyads: 11 actors × (191 countries − 11 actors) + 11 · 10 / 2 pairs of actors.
    let n_countries = v.countries().len();
    let n_dyads =
        actors.len() * (n_countries - actors.len()) + actors.len() * (actors.len() - 1) / 2;
    assert_eq!(n_dyads, 11 * (n_countries - 11) + 55);
    let filters = IssueFilter::every(v).len();
    assert_eq!(acc.rows_in(), n_dyads * v.year_ranges().len() * filters * 4);
    // Each unordered pair of actors once, the earlier actor first.
    let pos = |c: Iso3| actors.iter().position(|&a| a == c);
    for r in &rows {
        assert_ne!(r.actor, r.partner);
        assert!(pos(r.actor).is_some());
        if let Some(p) = pos(r.partner) {
            assert!(pos(r.actor) < Some(p), "{} {}", r.actor, r.partner);
        }
        assert!(r.n_votes >= 10);
        assert!(MEASURES.contains(&r.measure));
        assert!(r.value <= 1.0 + 1e-12 && r.value.is_finite());
    }
    // A value equals the direct computation.
    let find = |a, p, y, issue: &str, m| {
        rows.iter().find(|r| {
            r.actor == a && r.partner == p && r.year == y && &*r.issue == issue && r.measure == m
        })
    };
    let r = find(iso3!("USA"), iso3!("JPN"), 2015, "all", "kappa").unwrap();
    assert_eq!(r.n_votes, 78);
    assert_relative_eq!(r.value, 4.0 / 17.0, epsilon = 1e-12);
    let r = find(iso3!("USA"), iso3!("JPN"), 2015, "hr", "pi").unwrap();
    assert_eq!(r.n_votes, 20);
    assert_relative_eq!(r.value, 403.0 / 763.0, epsilon = 1e-12);
    let r = find(iso3!("CHN"), iso3!("VNM"), 2019, "all", "s").unwrap();
    assert_relative_eq!(r.value, 1.0 - 19.0 / 86.0, epsilon = 1e-12);
    // CHN–VNM 2019 Palestinian conflict: agreement and S rows, no π or κ.
    assert!(find(iso3!("CHN"), iso3!("VNM"), 2019, "me", "agreement").is_some());
    assert!(find(iso3!("CHN"), iso3!("VNM"), 2019, "me", "pi").is_none());
    // Every (dyad, year, filter) with rows matches period_similarity.
    for r in rows.iter().step_by(997) {
        let f = IssueFilter::every(v)
            .into_iter()
            .find(|f| f.label(v.issues()) == *r.issue)
            .unwrap();
        let s = period_similarity(v, r.actor, r.partner, r.year..=r.year, f).unwrap();
        let value = s
            .measures()
            .into_iter()
            .find(|(m, _)| *m == r.measure)
            .unwrap()
            .1;
        assert_eq!(s.n, r.n_votes);
        assert_eq!(value.map(f64::to_bits), Some(r.value.to_bits()));
    }
    // The agreement rows for "all" are the panel's unga_agreement (actor × partner only).
    let mut p = crate::Panel::new(crate::catalogue()).unwrap();
    crate::derive::votes::derive(v, &actors, 10, &mut p).unwrap();
    let mut checked = 0;
    for r in rows
        .iter()
        .filter(|r| &*r.issue == "all" && r.measure == "agreement")
    {
        let q = p.get(r.actor, r.partner, r.year, "unga_agreement").unwrap();
        assert_eq!(q.to_bits(), r.value.to_bits());
        checked += 1;
    }
    assert!(checked > 50_000);
    // Important votes: none marked from 2018 on (the file leaves `importantvote` empty for
    // every roll call of 2018–2020), counted as such.
    assert!(acc.exclusions()["no roll call of the issue filter that year"] > 0);
    assert!(
        !rows
            .iter()
            .any(|r| &*r.issue == "important" && r.year >= 2018)
    );

    let csv = crate::testutil::csv_text(rows.as_slice());
    assert_eq!(csv.lines().count(), 1 + rows.len());
    assert!(csv.lines().all(|l| l.split(',').count() == 7));
}

#[test]
fn voting_table_lists_and_accounts() {
    let v = data();
    let (us, jp, cn) = (iso3!("USA"), iso3!("JPN"), iso3!("CHN"));
    let nowhere = iso3!("XKX");
    // Repeats count once; an actor in the partner list is a pair of actors; a partner with
    // no vote is counted.
    let (rows, acc) = voting_table(v, &[us, jp, us], Some(&[cn, cn, jp, nowhere]), 10);
    // In row order: USA's later actor JPN, then USA's partner CHN, then JPN's.
    let mut dyads: Vec<_> = rows.iter().map(|r| (r.actor, r.partner)).collect();
    dyads.dedup();
    assert_eq!(dyads, [(us, jp), (us, cn), (jp, cn)]);
    let per_dyad = v.year_ranges().len() * IssueFilter::every(v).len() * 4;
    assert_eq!(acc.rows_in(), 5 * per_dyad);
    assert_eq!(
        acc.exclusions()["partner has no recorded vote in the data"],
        2 * per_dyad
    );
    // An actor with no vote: every dyad it would form is counted.
    let (rows, acc) = voting_table(v, &[nowhere, us], Some(&[cn]), 10);
    assert!(rows.iter().all(|r| r.actor == us));
    assert_eq!(
        acc.exclusions()["actor has no recorded vote in the data"],
        2 * per_dyad
    );
    // min_votes 0 behaves as 1: never a row with n = 0.
    let (rows, _) = voting_table(v, &[us], Some(&[jp]), 0);
    assert!(rows.iter().all(|r| r.n_votes >= 1));
    // Rows come in MEASURES order within a (dyad, year, filter).
    assert_eq!(rows[0].measure, "agreement");
    // Empty inputs.
    let (rows, acc) = voting_table(v, &[], None, 10);
    assert!(rows.is_empty() && acc.rows_in() == 0);
    assert_eq!(
        crate::testutil::csv_text(&[] as &[VotingRow])
            .lines()
            .count(),
        1
    );
}
