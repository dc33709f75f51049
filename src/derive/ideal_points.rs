//! UN General Assembly ideal-point distance, from [`crate::sources::ideal_points`].
//!
//! `unga_idealpoint_distance` for actor *a*, partner *p* and calendar year *t* is
//!
//! distance = |θ_a,t − θ_p,t|,
//!
//! θ = `idealpointfp`, the ideal point estimated from the final-passage votes of year *t*
//! (Bailey, Strezhnev & Voeten 2017, "Estimating dynamic state preferences from United Nations
//! voting data", *Journal of Conflict Resolution* 61(2): 430–456; Voeten's July 2025 release by
//! calendar year). It is the only estimate of the release that reaches 2024 (`idealpointall`
//! and `idealpointlegacy` stop in 2023), so one estimate serves every year. Ideal points lie on
//! one latent dimension, comparable across years, with no unit; the distance is 0 for
//! identical positions and reached about 5.1 (USA–Libya, 1995) in 1990–2024. **Lower is
//! closer**: the catalogue gives the indicator direction −1.
//!
//! A value is formed only where both estimates rest on at least `min_votes` final-passage votes
//! (`nvotesfp`; the default panel uses [`MIN_VOTES`], as `unga_agreement` does): a handful of
//! votes (São Tomé 2015 with one) leaves the estimate to the model's prior. Unlike
//! `unga_agreement`, which needs the two countries' votes on the same roll calls, the distance
//! needs only each country's own estimate.

use std::ops::RangeInclusive;

use crate::error::Result;
use crate::panel::Panel;
use crate::panel::accounting::Accounting;
use crate::panel::country::Iso3;
use crate::sources::ideal_points::IdealPoints;

/// The indicator's code.
///
/// # Examples
/// ```
/// use linkage::{Direction, catalogue, derive::ideal_points::CODE};
/// let m = catalogue().into_iter().find(|m| m.code == CODE).unwrap();
/// assert_eq!(m.direction, Direction::Negative); // lower distance, more alignment
/// ```
pub const CODE: &str = "unga_idealpoint_distance";

/// Fewest final-passage votes behind each of the two estimates (the same floor as
/// [`crate::derive::votes::MIN_VOTES`]).
///
/// # Examples
/// ```
/// use linkage::derive::{ideal_points, votes};
/// assert_eq!(ideal_points::MIN_VOTES as usize, votes::MIN_VOTES);
/// ```
pub const MIN_VOTES: u32 = 10;

/// Years of the default panel: 1990 (the first year of the UN vote files, so the two
/// alignment indicators start together) to 2024, the last year of the release.
///
/// # Examples
/// ```
/// use linkage::derive::ideal_points::YEARS;
/// assert_eq!((*YEARS.start(), *YEARS.end()), (1990, 2024));
/// ```
pub const YEARS: RangeInclusive<i32> = 1990..=2024;

/// Push `unga_idealpoint_distance` for every actor in `actors`, every other country with an
/// estimate as partner, and every year of `years` in the data.
///
/// The account counts the candidate (actor, partner, year) triples — every partner with a row
/// in the file that year, the actor itself left out: used = values pushed; excluded when the
/// actor's or the partner's `idealpointfp` is missing, or rests on fewer than `min_votes`
/// votes (the actor's reason counted first).
///
/// # Errors
/// A value the panel refuses (e.g. a key already present).
///
/// # Examples
/// ```
/// use linkage::{Concordance, Panel, catalogue, derive, iso3, sources::ideal_points};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let pts = ideal_points::load(&data.join(ideal_points::FILE), &c).unwrap().records;
/// let mut p = Panel::new(catalogue()).unwrap();
/// let acc = derive::ideal_points::derive(&pts, &derive::ACTORS, derive::ideal_points::YEARS,
///     derive::ideal_points::MIN_VOTES, &mut p).unwrap();
/// assert_eq!(acc.rows_used(), p.len());
/// // USA 2024: 2.206202, Vietnam 2024: −0.5954855 → |2.206202 + 0.5954855| = 2.8016875.
/// let d = p.get(iso3!("USA"), iso3!("VNM"), 2024, "unga_idealpoint_distance").unwrap();
/// assert!((d - 2.8016875).abs() < 1e-9);
/// ```
pub fn derive(
    points: &IdealPoints,
    actors: &[Iso3],
    years: RangeInclusive<i32>,
    min_votes: u32,
    panel: &mut Panel,
) -> Result<Accounting> {
    let mut acc = Accounting::new(
        "un ideal-point distance",
        "actor x partner x calendar year of the UN ideal points",
    );
    let few_actor =
        format!("actor's idealpointfp rests on fewer than {min_votes} final-passage votes");
    let few_partner =
        format!("partner's idealpointfp rests on fewer than {min_votes} final-passage votes");
    let years: Vec<i32> = points.years().filter(|y| years.contains(y)).collect();
    for &actor in actors {
        for &year in &years {
            let partners = points.in_year(year).filter(|p| p.country != actor).count();
            let Some(a) = points.get(actor, year).filter(|a| a.fp.is_some()) else {
                acc.exclude("actor has no idealpointfp that year", partners);
                continue;
            };
            let Some(theta_a) = a.fp_with(min_votes) else {
                acc.exclude(few_actor.clone(), partners);
                continue;
            };
            for p in points.in_year(year).filter(|p| p.country != actor) {
                if p.fp.is_none() {
                    acc.exclude("partner has no idealpointfp that year", 1);
                    continue;
                }
                let Some(theta_p) = p.fp_with(min_votes) else {
                    acc.exclude(few_partner.clone(), 1);
                    continue;
                };
                panel.push(actor, p.country, year, CODE, (theta_a - theta_p).abs())?;
                acc.used(1);
            }
        }
    }
    Ok(acc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::ideal_points::{self, IdealPoint};
    use crate::{Concordance, catalogue, iso3};
    use approx::assert_relative_eq;

    fn point(c: Iso3, year: i32, fp: Option<f64>, votes: u32) -> IdealPoint {
        IdealPoint {
            fp,
            nvotes_fp: Some(votes),
            ..IdealPoint::new(c, 0, year)
        }
    }

    #[test]
    fn hand_checked_fixture() {
        let (us, jp, cn, vn) = (iso3!("USA"), iso3!("JPN"), iso3!("CHN"), iso3!("VNM"));
        let pts: IdealPoints = [
            point(us, 2024, Some(2.0), 100),
            point(jp, 2024, Some(0.5), 100),
            point(vn, 2024, Some(-1.0), 100),
            point(cn, 2024, Some(-0.75), 5), // too few votes
            point(us, 2023, None, 0),        // no final-passage estimate
            point(vn, 2023, Some(-1.0), 90),
            point(vn, 1980, Some(-1.0), 90), // outside the years asked for
        ]
        .into_iter()
        .collect();
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&pts, &[us, jp, cn], 1990..=2024, 10, &mut p).unwrap();
        // |2 − 0.5| = 1.5; |2 − (−1)| = 3; |0.5 − (−1)| = 1.5; symmetric.
        assert_relative_eq!(p.get(us, jp, 2024, CODE).unwrap(), 1.5);
        assert_relative_eq!(p.get(jp, us, 2024, CODE).unwrap(), 1.5);
        assert_relative_eq!(p.get(us, vn, 2024, CODE).unwrap(), 3.0);
        assert_relative_eq!(p.get(jp, vn, 2024, CODE).unwrap(), 1.5);
        assert_eq!(p.len(), 4);
        // Candidates, (actor, year): partners with a row that year. USA 2023: VNM (1); USA
        // 2024: JPN, VNM, CHN (3); JPN 2023: USA, VNM (2); JPN 2024: 3; CHN 2023: 2; CHN
        // 2024: 3 — 14 in all.
        let ex = acc.exclusions();
        assert_eq!(acc.rows_in(), 14);
        // CHN's 5 votes: as actor (3 partners in 2024) and as partner of USA and JPN (2).
        let few = |who: &str| {
            ex[&format!("{who}'s idealpointfp rests on fewer than 10 final-passage votes")]
        };
        assert_eq!((few("actor"), few("partner")), (3, 2));
        // 2023: USA's row has no fp (1 partner); JPN and CHN have no row (2 partners each).
        assert_eq!(ex["actor has no idealpointfp that year"], 1 + 2 + 2);
        assert_eq!(acc.rows_used(), 4);
        assert!(acc.balances());
        // min_votes = 0 keeps China's thin estimate: |2 − (−0.75)| = 2.75.
        let mut q = Panel::new(catalogue()).unwrap();
        derive(&pts, &[us], 1990..=2024, 0, &mut q).unwrap();
        assert_relative_eq!(q.get(us, cn, 2024, CODE).unwrap(), 2.75);
    }

    #[test]
    fn real_data_pairs_by_hand() {
        let data = crate::default_data_dir();
        let c = Concordance::load(&data).unwrap();
        let pts = ideal_points::load(&data.join(ideal_points::FILE), &c)
            .unwrap()
            .records;
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&pts, &crate::derive::ACTORS, YEARS, MIN_VOTES, &mut p).unwrap();
        assert!(acc.balances());
        assert_eq!(acc.rows_used(), p.len());
        let (us, jp, cn, vn, kr, mm, ind) = (
            iso3!("USA"),
            iso3!("JPN"),
            iso3!("CHN"),
            iso3!("VNM"),
            iso3!("KOR"),
            iso3!("MMR"),
            iso3!("IND"),
        );
        let d = |a, b, y| p.get(a, b, y, CODE).unwrap();
        // Lines of the shipped file (idealpointfp, 5th field):
        //   `2,USA,United States,2024,2.206202,,,100,…`
        //   `740,JPN,Japan,2024,0.795598,,,101,…`
        //   `710,CHN,China,2024,-0.8535267,,,100,…`
        //   `816,VNM,Vietnam,2024,-0.5954855,,,97,…`
        //   `732,KOR,South Korea,2024,1.070458,,,101,…`
        //   `775,MMR,Myanmar (Burma),2024,-0.1119318,,,98,…`
        // USA–VNM: |2.206202 − (−0.5954855)| = 2.8016875
        assert_relative_eq!(d(us, vn, 2024), 2.8016875, epsilon = 1e-9);
        // JPN–VNM: |0.795598 − (−0.5954855)| = 1.3910835
        assert_relative_eq!(d(jp, vn, 2024), 1.3910835, epsilon = 1e-9);
        // CHN–VNM: |−0.8535267 − (−0.5954855)| = 0.2580412
        assert_relative_eq!(d(cn, vn, 2024), 0.2580412, epsilon = 1e-9);
        // JPN–KOR: |0.795598 − 1.070458| = 0.27486; CHN–MMR: |−0.8535267 + 0.1119318| = 0.7415949
        assert_relative_eq!(d(jp, kr, 2024), 0.27486, epsilon = 1e-9);
        assert_relative_eq!(d(cn, mm, 2024), 0.7415949, epsilon = 1e-9);
        // 2015 (lines 70, 9694, 10480): USA 2.447947, JPN 0.6823147, VNM −1.078203:
        // USA–VNM 3.52615, JPN–VNM 1.7605177.
        assert_relative_eq!(d(us, vn, 2015), 3.52615, epsilon = 1e-9);
        assert_relative_eq!(d(jp, vn, 2015), 1.7605177, epsilon = 1e-9);
        // India 2024 (`750,IND,India,2024,-0.2012434,,,101,…`) is an actor and a partner.
        assert_relative_eq!(d(ind, us, 2024), 2.4074454, epsilon = 1e-9);
        assert_relative_eq!(d(us, ind, 2024), 2.4074454, epsilon = 1e-9);
        // Thin estimates are left out and counted: Turkey 2024 rests on 7 votes.
        assert!(p.get(us, iso3!("TUR"), 2024, CODE).is_none());
        assert!(
            acc.exclusions()[&format!(
                "partner's idealpointfp rests on fewer than {MIN_VOTES} final-passage votes"
            )] > 0
        );
        // Every year 1990–2024 for the three main actors; never a country with itself.
        for a in [us, jp, cn] {
            for y in YEARS {
                assert!(p.get(a, vn, y, CODE).is_some(), "{a} {y}");
            }
        }
        assert!(p.rows().iter().all(|o| o.actor != o.partner));
        // The figures behind the goalposts of data/presence.toml: 70,007 distances, the
        // largest 5.0915610 (USA–Libya 1995: |θ_USA − θ_LBY|), 221 beyond the upper goalpost 4,
        // 202 of them the United States'.
        assert_eq!(p.len(), 70_007);
        let max = p.rows().iter().map(|o| o.value).fold(0.0, f64::max);
        assert_relative_eq!(max, d(us, iso3!("LBY"), 1995), epsilon = 0.0);
        assert_relative_eq!(max, 5.091561, epsilon = 1e-6);
        let beyond: Vec<_> = p.rows().iter().filter(|o| o.value > 4.0).collect();
        assert_eq!(beyond.len(), 221);
        assert_eq!(beyond.iter().filter(|o| o.actor == us).count(), 202);
        let mut v: Vec<f64> = p.rows().iter().map(|o| o.value).collect();
        v.sort_by(f64::total_cmp);
        // 99th percentile (linear interpolation): 3.66 < 4.
        let k = (v.len() - 1) as f64 * 0.99;
        let q99 = v[k as usize] + (v[k as usize + 1] - v[k as usize]) * k.fract();
        assert!((3.65..3.67).contains(&q99), "{q99}");
    }
}
