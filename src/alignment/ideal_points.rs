//! Alignment over time in the UN General Assembly: where two actors stand relative to each other
//! and to a partner, from their ideal points ([`crate::sources::ideal_points`]).
//!
//! For a pair of actors (*a*, *b*), a partner *p* and a calendar year *t*, with θ =
//! `idealpointfp` (Bailey, Strezhnev & Voeten 2017; Voeten's July 2025 release, the only
//! estimate that reaches 2024):
//!
//! - `distance_a  = |θ_a,t − θ_p,t|`, the partner's distance from actor *a*
//!   (= `unga_idealpoint_distance` of the panel);
//! - `distance_b  = |θ_b,t − θ_p,t|`, likewise from *b*;
//! - `distance_ab = |θ_a,t − θ_b,t|`, the two actors' distance from each other.
//!
//! Read over the years, the table answers "do the United States and Japan move together relative
//! to the partner, and China?": `distance_a − distance_b` > 0 means the partner votes closer to
//! *b*; if `distance_a` and `distance_b` change together the pair moves as a bloc relative to the
//! partner; a rising `distance_ab` means the two actors drift apart. On one dimension,
//! `distance_ab` equals `distance_a + distance_b` when the partner sits between the two actors and
//! `|distance_a − distance_b|` when both are on the same side of it.
//!
//! A row is formed for every partner with an estimate that year (the two actors themselves left
//! out) where all three estimates rest on at least `min_votes` final-passage votes (the default
//! panel's floor, [`crate::derive::ideal_points::MIN_VOTES`]); other combinations are absent,
//! never zero.

use std::ops::RangeInclusive;

use crate::io::rows::{Column, Kind, RowSink, Rows};
use crate::iso3;
use crate::panel::country::Iso3;
use crate::sources::ideal_points::IdealPoints;

/// The pairs of the main actors: USA–JPN, USA–CHN, JPN–CHN.
///
/// # Examples
/// ```
/// use linkage::{iso3, alignment::ideal_points::PAIRS};
/// assert_eq!(PAIRS[0], (iso3!("USA"), iso3!("JPN")));
/// assert_eq!(PAIRS.len(), 3);
/// ```
pub const PAIRS: [(Iso3, Iso3); 3] = [
    (iso3!("USA"), iso3!("JPN")),
    (iso3!("USA"), iso3!("CHN")),
    (iso3!("JPN"), iso3!("CHN")),
];

/// One row: a pair of actors, a partner and a year, with the three distances.
///
/// # Examples
/// ```
/// use linkage::{iso3, alignment::ideal_points::IdealDistance};
/// let r = IdealDistance { actor_a: iso3!("USA"), actor_b: iso3!("JPN"), partner: iso3!("VNM"),
///     year: 2024, distance_a: 2.8, distance_b: 1.4, distance_ab: 1.4 };
/// assert!(r.distance_a > r.distance_b); // Vietnam votes closer to Japan
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IdealDistance {
    /// First actor of the pair.
    pub actor_a: Iso3,
    /// Second actor of the pair.
    pub actor_b: Iso3,
    /// The partner.
    pub partner: Iso3,
    /// Calendar year.
    pub year: i32,
    /// |θ_a − θ_partner|.
    pub distance_a: f64,
    /// |θ_b − θ_partner|.
    pub distance_b: f64,
    /// |θ_a − θ_b|.
    pub distance_ab: f64,
}

/// The distances of every pair in `pairs`, for every partner with a usable estimate, in every
/// year of `years` (see the [module docs](self)). Rows are ordered by pair (as given), year,
/// then partner.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, derive, sources::ideal_points};
/// use linkage::alignment::ideal_points::{PAIRS, distances};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let pts = ideal_points::load(&data.join(ideal_points::FILE), &c).unwrap().records;
/// let rows = distances(&pts, &PAIRS, 2024..=2024, derive::ideal_points::MIN_VOTES);
/// let r = rows.iter().find(|r| r.actor_b == iso3!("CHN") && r.actor_a == iso3!("USA")
///     && r.partner == iso3!("VNM")).unwrap();
/// // θ 2024: USA 2.206202, CHN −0.8535267, VNM −0.5954855.
/// assert!((r.distance_a - 2.8016875).abs() < 1e-9);
/// assert!((r.distance_b - 0.2580412).abs() < 1e-9);
/// assert!((r.distance_ab - 3.0597287).abs() < 1e-9);
/// ```
pub fn distances(
    points: &IdealPoints,
    pairs: &[(Iso3, Iso3)],
    years: RangeInclusive<i32>,
    min_votes: u32,
) -> Vec<IdealDistance> {
    let theta = |c: Iso3, y: i32| points.get(c, y).and_then(|p| p.fp_with(min_votes));
    let years: Vec<i32> = points.years().filter(|y| years.contains(y)).collect();
    let mut rows = Vec::new();
    for &(a, b) in pairs {
        for &year in &years {
            let (Some(ta), Some(tb)) = (theta(a, year), theta(b, year)) else {
                continue;
            };
            for p in points.in_year(year) {
                if p.country == a || p.country == b {
                    continue;
                }
                let Some(tp) = p.fp_with(min_votes) else {
                    continue;
                };
                rows.push(IdealDistance {
                    actor_a: a,
                    actor_b: b,
                    partner: p.country,
                    year,
                    distance_a: (ta - tp).abs(),
                    distance_b: (tb - tp).abs(),
                    distance_ab: (ta - tb).abs(),
                });
            }
        }
    }
    rows
}

impl Rows for [IdealDistance] {
    /// `actor_a, actor_b, partner, year, distance_a, distance_b, distance_ab`.
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("actor_a", Kind::Text),
            Column::new("actor_b", Kind::Text),
            Column::new("partner", Kind::Text),
            Column::new("year", Kind::Int32),
            Column::new("distance_a", Kind::Float64),
            Column::new("distance_b", Kind::Float64),
            Column::new("distance_ab", Kind::Float64),
        ]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> crate::Result<()> {
        for r in self {
            sink.text(r.actor_a.as_str());
            sink.text(r.actor_b.as_str());
            sink.text(r.partner.as_str());
            sink.int(i64::from(r.year));
            sink.float(r.distance_a);
            sink.float(r.distance_b);
            sink.float(r.distance_ab);
            sink.end_row()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::ideal_points::{self, IdealPoint};
    use crate::{Concordance, Panel, catalogue, derive};
    use approx::assert_relative_eq;

    fn point(c: Iso3, year: i32, fp: f64, votes: u32) -> IdealPoint {
        IdealPoint {
            fp: Some(fp),
            nvotes_fp: Some(votes),
            ..IdealPoint::new(c, 0, year)
        }
    }

    #[test]
    fn hand_computed_fixture() {
        let (us, jp, cn, vn, kh) = (
            iso3!("USA"),
            iso3!("JPN"),
            iso3!("CHN"),
            iso3!("VNM"),
            iso3!("KHM"),
        );
        let pts: IdealPoints = [
            point(us, 2020, 2.0, 80),
            point(jp, 2020, 1.0, 80),
            point(cn, 2020, -1.0, 80),
            point(vn, 2020, -0.5, 80),
            point(kh, 2020, 0.0, 3), // too few votes: no row as partner
            point(us, 2021, 2.5, 80),
            point(jp, 2021, 0.5, 80),
            point(vn, 2021, 0.0, 80), // China absent in 2021
        ]
        .into_iter()
        .collect();
        let rows = distances(&pts, &PAIRS, 2000..=2030, 10);
        let get = |a, b, p, y| {
            rows.iter()
                .find(|r| (r.actor_a, r.actor_b, r.partner, r.year) == (a, b, p, y))
                .copied()
        };
        // 2020, Vietnam: USA |2 + 0.5| = 2.5, JPN |1 + 0.5| = 1.5, CHN |−1 + 0.5| = 0.5.
        let r = get(us, jp, vn, 2020).unwrap();
        assert_relative_eq!(r.distance_a, 2.5);
        assert_relative_eq!(r.distance_b, 1.5);
        assert_relative_eq!(r.distance_ab, 1.0); // |2 − 1|, same side of VNM: 2.5 − 1.5
        let r = get(us, cn, vn, 2020).unwrap();
        assert_relative_eq!(r.distance_b, 0.5);
        assert_relative_eq!(r.distance_ab, 3.0); // VNM between them: 2.5 + 0.5
        let r = get(jp, cn, vn, 2020).unwrap();
        assert_relative_eq!(r.distance_a, 1.5);
        assert_relative_eq!(r.distance_b, 0.5);
        assert_relative_eq!(r.distance_ab, 2.0);
        // The other actor is a partner of a pair: USA–JPN in China, |2 + 1| = 3, |1 + 1| = 2.
        let r = get(us, jp, cn, 2020).unwrap();
        assert_relative_eq!(r.distance_a, 3.0);
        assert_relative_eq!(r.distance_b, 2.0);
        // 2021: USA and JPN moved apart (|2.5 − 0.5| = 2) and Vietnam towards both:
        // |2.5 − 0| = 2.5, |0.5 − 0| = 0.5.
        let r = get(us, jp, vn, 2021).unwrap();
        assert_relative_eq!(r.distance_a, 2.5);
        assert_relative_eq!(r.distance_b, 0.5);
        assert_relative_eq!(r.distance_ab, 2.0);
        // China has no 2021 estimate: no row for its pairs; Cambodia's thin estimate: none.
        assert!(get(us, cn, vn, 2021).is_none());
        assert!(rows.iter().all(|r| r.partner != kh));
        // 2020: USA–JPN in VNM, CHN; USA–CHN in JPN, VNM; JPN–CHN in USA, VNM; 2021: USA–JPN
        // in VNM = 7 rows.
        assert_eq!(rows.len(), 7);
        let csv = crate::testutil::csv_text(rows.as_slice());
        let lines: Vec<&str> = csv.lines().take(2).collect();
        assert_eq!(
            lines,
            [
                "actor_a,actor_b,partner,year,distance_a,distance_b,distance_ab",
                "USA,JPN,CHN,2020,3.0,2.0,1.0"
            ]
        );
    }

    #[test]
    fn real_data_agrees_with_the_panel_and_by_hand() {
        let data = crate::default_data_dir();
        let c = Concordance::load(&data).unwrap();
        let pts = ideal_points::load(&data.join(ideal_points::FILE), &c)
            .unwrap()
            .records;
        let min = derive::ideal_points::MIN_VOTES;
        let rows = distances(&pts, &PAIRS, derive::ideal_points::YEARS, min);
        let (us, jp, cn, vn, kr) = (
            iso3!("USA"),
            iso3!("JPN"),
            iso3!("CHN"),
            iso3!("VNM"),
            iso3!("KOR"),
        );
        let get = |a, b, p, y| {
            *rows
                .iter()
                .find(|r| (r.actor_a, r.actor_b, r.partner, r.year) == (a, b, p, y))
                .unwrap()
        };
        // 2024 (idealpointfp): USA 2.206202, JPN 0.795598, CHN −0.8535267, VNM −0.5954855,
        // KOR 1.070458.
        // USA–JPN in VNM: 2.8016875, 1.3910835, |2.206202 − 0.795598| = 1.410604.
        let r = get(us, jp, vn, 2024);
        assert_relative_eq!(r.distance_a, 2.8016875, epsilon = 1e-9);
        assert_relative_eq!(r.distance_b, 1.3910835, epsilon = 1e-9);
        assert_relative_eq!(r.distance_ab, 1.410604, epsilon = 1e-9);
        // JPN–CHN in KOR: |0.795598 − 1.070458| = 0.27486, |−0.8535267 − 1.070458| = 1.9239847,
        // |0.795598 + 0.8535267| = 1.6491247.
        let r = get(jp, cn, kr, 2024);
        assert_relative_eq!(r.distance_a, 0.27486, epsilon = 1e-9);
        assert_relative_eq!(r.distance_b, 1.9239847, epsilon = 1e-9);
        assert_relative_eq!(r.distance_ab, 1.6491247, epsilon = 1e-9);
        // 2015 (USA 2.447947, JPN 0.6823147, VNM −1.078203): the US and Japan 1.7656323 apart.
        assert_relative_eq!(get(us, jp, vn, 2015).distance_ab, 1.7656323, epsilon = 1e-9);
        // Each distance from a partner is the panel's unga_idealpoint_distance.
        let mut p = Panel::new(catalogue()).unwrap();
        derive::ideal_points::derive(
            &pts,
            &[us, jp, cn],
            derive::ideal_points::YEARS,
            min,
            &mut p,
        )
        .unwrap();
        for r in &rows {
            let code = derive::ideal_points::CODE;
            assert_eq!(
                p.get(r.actor_a, r.partner, r.year, code),
                Some(r.distance_a)
            );
            assert_eq!(
                p.get(r.actor_b, r.partner, r.year, code),
                Some(r.distance_b)
            );
        }
        // Every year 1990–2024 for the three pairs in Vietnam.
        for (a, b) in PAIRS {
            let n = rows
                .iter()
                .filter(|r| (r.actor_a, r.actor_b, r.partner) == (a, b, vn))
                .count();
            assert_eq!(n, 35);
        }
    }
}
