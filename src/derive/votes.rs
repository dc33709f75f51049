//! UN General Assembly vote agreement, from [`crate::sources::unvotes`].
//!
//! `unga_agreement` for actor *a*, partner *p* and calendar year *t* (the year of each roll
//! call's date) is
//!
//! agreement = 1 − (1/n) Σ |x_p − x_a| / 2,
//!
//! the sum running over the n roll calls of year *t* on which both recorded a vote, coded
//! yes = 1, abstain = 2, no = 3. Identical votes count 1, yes against abstain (or abstain
//! against no) 0.5, yes against no 0. A roll call on which either was absent or not a member is
//! left out, not counted as disagreement. A value is formed only where n ≥ 1; the panel does not
//! carry n, so a year with few common roll calls (calendar 2020 holds a single roll call in the
//! shipped data) gives a value as firm-looking as any other.
//!
//! The kernel is the voting measures' own, [`Contingency::agreement`] over
//! [`Contingency::from_votes`] (see [`crate::alignment::voting`] for S, Scott's π and Cohen's κ
//! of the same votes).

use crate::alignment::voting::Contingency;
use crate::error::Result;
use crate::panel::Panel;
use crate::panel::accounting::Accounting;
use crate::panel::country::Iso3;
use crate::sources::unvotes::UnVotes;

/// Fewest roll calls with both votes recorded for a yearly `unga_agreement` value: below it a
/// single vote would decide the year's score (calendar 2020 holds one roll call, 2020-01-14).
pub const MIN_VOTES: usize = 10;

/// Push `unga_agreement` for every actor in `actors`, every other country of the vote data as
/// partner, and every calendar year with at least `min_votes` (the default panel uses
/// [`MIN_VOTES`]) roll calls on which both recorded a vote.
///
/// A country is never paired with itself. The account counts the candidate (actor, partner,
/// year) triples: used = values pushed; excluded when the two share no recorded vote that year,
/// or when the actor has no recorded vote at all (counted once per partner and year).
///
/// # Errors
/// A value the panel refuses (e.g. a key already present).
///
/// # Examples
/// ```
/// use linkage::{Concordance, Panel, catalogue, iso3, derive, sources::unvotes};
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let mut p = Panel::new(catalogue()).unwrap();
/// let acc = derive::votes::derive(&v, &derive::ACTORS, derive::votes::MIN_VOTES, &mut p).unwrap();
/// assert_eq!(acc.rows_used(), p.len());
/// let a = p.get(iso3!("CHN"), iso3!("VNM"), 2019, "unga_agreement").unwrap();
/// assert!(a > 0.8 && a <= 1.0);
/// assert!(p.get(iso3!("USA"), iso3!("USA"), 2019, "unga_agreement").is_none());
/// ```
pub fn derive(
    votes: &UnVotes,
    actors: &[Iso3],
    min_votes: usize,
    panel: &mut Panel,
) -> Result<Accounting> {
    let mut acc = Accounting::new(
        "un vote agreement",
        "actor x partner x calendar year of the UN votes",
    );
    let years = votes.year_ranges();
    for &actor in actors {
        let Some(a) = votes.votes_of(actor) else {
            let partners = votes.countries().len();
            acc.exclude(
                "actor has no recorded vote in the data",
                partners * years.len(),
            );
            continue;
        };
        for &partner in votes.countries() {
            if partner == actor {
                continue;
            }
            let Some(p) = votes.votes_of(partner) else {
                continue;
            };
            for (year, range) in years {
                let t = Contingency::from_votes(&a[range.clone()], &p[range.clone()]);
                match t.agreement() {
                    Some(v) if t.n() >= min_votes.max(1) as u64 => {
                        panel.push(actor, partner, *year, "unga_agreement", v)?;
                        acc.used(1);
                    }
                    Some(_) => acc.exclude(
                        format!("fewer than {min_votes} roll calls that year on which both recorded a vote"),
                        1,
                    ),
                    None => acc.exclude("no roll call that year on which both recorded a vote", 1),
                }
            }
        }
    }
    Ok(acc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::unvotes::{ABSENT, ABSTAIN, NO, YES};
    use crate::{Concordance, catalogue, iso3};
    use approx::assert_relative_eq;

    #[test]
    fn kernel_on_hand_checked_cases() {
        // Identical vectors agree fully: |d| = 0 everywhere → 1 − 0 / 2 = 1, n = 3.
        let t = Contingency::from_votes(&[YES, NO, ABSTAIN], &[YES, NO, ABSTAIN]);
        assert_relative_eq!(t.agreement().unwrap(), 1.0);
        assert_eq!(t.n(), 3);
        // Yes against no: |1 − 3| = 2 → 1 − 2 / 2 = 0.
        let agreement = Contingency::from_votes(&[YES], &[NO]).agreement();
        assert_relative_eq!(agreement.unwrap(), 0.0);
        // Yes against abstain: |1 − 2| = 1 → 1 − 1 / 2 = 0.5.
        let agreement = Contingency::from_votes(&[YES], &[ABSTAIN]).agreement();
        assert_relative_eq!(agreement.unwrap(), 0.5);
        // Absent positions are ignored: only positions 0 and 3 count, |d| = 0 and 1,
        // mean 0.5 → 1 − 0.5 / 2 = 0.75, n = 2.
        let t = Contingency::from_votes(&[YES, ABSENT, NO, NO], &[YES, YES, ABSENT, ABSTAIN]);
        assert_relative_eq!(t.agreement().unwrap(), 0.75);
        assert_eq!(t.n(), 2);
        // Nothing in common: None, never 0 or 1.
        let t = Contingency::from_votes(&[ABSENT, YES], &[NO, ABSENT]);
        assert_eq!(t.agreement(), None);
        assert_eq!(Contingency::from_votes(&[], &[]).agreement(), None);
    }

    #[test]
    fn real_data_pairs_by_hand() {
        // Counted with a python script over the three csv files (votes of the roll calls whose
        // date falls in the year, both countries recorded, yes = 1, abstain = 2, no = 3):
        //   US–JP 2015: 78 roll calls, n = 78, Σ|d| = 69 → 1 − 69 / 78 / 2 = 0.557692…
        //   CN–VN 2019: 90 roll calls, n = 86, Σ|d| = 19 → 1 − 19 / 86 / 2 = 0.889535…
        //   US–CN 2019: n = 88, Σ|d| = 140 → 1 − 140 / 88 / 2 = 0.204545…
        let dir = crate::default_data_dir();
        let v = crate::sources::unvotes::load(&dir, &Concordance::load(&dir).unwrap())
            .unwrap()
            .records;
        let (us, jp, cn, vn) = (iso3!("USA"), iso3!("JPN"), iso3!("CHN"), iso3!("VNM"));
        let year = |y: i32| {
            v.year_ranges()
                .iter()
                .find(|(k, _)| *k == y)
                .unwrap()
                .1
                .clone()
        };
        let pair = |a, b, y| {
            let r = year(y);
            Contingency::from_votes(
                &v.votes_of(a).unwrap()[r.clone()],
                &v.votes_of(b).unwrap()[r],
            )
        };
        let t = pair(us, jp, 2015);
        assert_eq!(t.n(), 78);
        assert_relative_eq!(
            t.agreement().unwrap(),
            1.0 - 69.0 / 78.0 / 2.0,
            epsilon = 1e-12
        );
        let t = pair(cn, vn, 2019);
        assert_eq!(t.n(), 86);
        assert_relative_eq!(
            t.agreement().unwrap(),
            1.0 - 19.0 / 86.0 / 2.0,
            epsilon = 1e-12
        );

        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&v, &crate::derive::ACTORS, 1, &mut p).unwrap();
        assert_relative_eq!(
            p.get(us, cn, 2019, "unga_agreement").unwrap(),
            1.0 - 140.0 / 88.0 / 2.0,
            epsilon = 1e-12
        );
        // Symmetric, and never a country with itself.
        assert_relative_eq!(
            p.get(cn, us, 2019, "unga_agreement").unwrap(),
            p.get(us, cn, 2019, "unga_agreement").unwrap()
        );
        assert!(p.rows().iter().all(|o| o.actor != o.partner));
        assert!(p.rows().iter().all(|o| (0.0..=1.0).contains(&o.value)));
        // 11 actors × 191 partners × 31 calendar years (1990–2020) = 65,131 candidates;
        // 61,907 values, 3,224 with no common recorded vote.
        assert_eq!(acc.rows_in(), 65_131);
        assert_eq!(acc.rows_used(), 61_907);
        assert_eq!(acc.rows_used(), p.len());
        assert!(acc.balances());
        // With the default minimum of 10 common votes, calendar 2020 (one roll call) and other
        // thin years drop out, counted, never silently.
        let mut q = Panel::new(catalogue()).unwrap();
        let strict = derive(&v, &crate::derive::ACTORS, MIN_VOTES, &mut q).unwrap();
        assert_eq!(strict.rows_in(), 65_131);
        assert!(q.len() < p.len());
        assert!(q.rows().iter().all(|o| o.year < 2020));
        let thin =
            format!("fewer than {MIN_VOTES} roll calls that year on which both recorded a vote");
        assert_eq!(strict.exclusions()[&thin], p.len() - q.len());
    }

    #[test]
    fn absent_actor_and_no_common_vote_are_counted() {
        // Two countries, two roll calls in two years; CHN did not vote at all, so it is not in
        // the data. USA and JPN share a vote only in 1990 (JPN absent in 1991).
        let dir = std::env::temp_dir().join(format!("linkage-votes-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("unvotes")).unwrap();
        let write = |f: &str, t: &str| std::fs::write(dir.join(f), t).unwrap();
        use crate::sources::unvotes::{
            COUNTRY_CODES_FILE, ISSUES_FILE, ROLL_CALLS_FILE, VOTES_FILE,
        };
        write(
            COUNTRY_CODES_FILE,
            "country_code,country\nUS,United States\nJP,Japan\n",
        );
        write(
            ROLL_CALLS_FILE,
            "rcid,session,importantvote,date\n1,45,0,1990-11-05\n2,46,0,1991-11-05\n",
        );
        write(ISSUES_FILE, "rcid,short_name,issue\n1,hr,Human rights\n");
        write(
            VOTES_FILE,
            "rcid,country_code,vote\n1,US,yes\n1,JP,abstain\n2,US,no\n",
        );
        let v = crate::sources::unvotes::load(
            &dir,
            &Concordance::load(crate::default_data_dir()).unwrap(),
        )
        .unwrap()
        .records;
        std::fs::remove_dir_all(&dir).ok();
        let (us, jp) = (iso3!("USA"), iso3!("JPN"));
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&v, &[us, jp, iso3!("CHN")], 1, &mut p).unwrap();
        // 1990: yes vs abstain → 0.5, both directions; 1991: no common vote.
        assert_relative_eq!(p.get(us, jp, 1990, "unga_agreement").unwrap(), 0.5);
        assert_relative_eq!(p.get(jp, us, 1990, "unga_agreement").unwrap(), 0.5);
        assert_eq!(p.len(), 2);
        let ex = acc.exclusions();
        assert_eq!(
            ex["no roll call that year on which both recorded a vote"],
            2
        );
        // CHN: 2 partners × 2 years.
        assert_eq!(ex["actor has no recorded vote in the data"], 4);
        assert_eq!(acc.rows_in(), 8);
    }
}
