//! Student indicators from the OECD international tertiary students file (2013–2019).
//!
//! - `students_in_actor_oecd` = S_PA, the international (mobile) tertiary students whose origin
//!   is partner P, enrolled in actor A (actor = destination, partner = origin), as published
//!   (zeros included).
//! - `students_per_million_oecd` = 10⁶ × S_PA / POP_P, with POP_P the partner's population
//!   (WDI SP.POP.TOTL).
//!
//! **Actors are the destinations USA and JPN only.** Only for those two destinations does the
//! file hold every origin; for the other 37 destinations it holds only the origins USA, JPN
//! and CHN (they were kept to show where the actors' own students go — "actor's students in
//! the partner", the reverse direction). Reading them as "partner's students in actor" would
//! give Germany, the UK, France, Italy, Canada, Korea and Australia an indicator covering three
//! partners only, which would look like zero presence everywhere else; and China is not a
//! destination at all. Those rows are excluded and counted.
//!
//! The returned [`Accounting`] counts *candidate panel rows*: two per enrolment (one per
//! indicator). Rows used = panel rows pushed.

use crate::derive::push_per_capita;
use crate::error::Result;
use crate::iso3;
use crate::panel::Panel;
use crate::panel::accounting::Accounting;
use crate::sources::CountryYear;
use crate::sources::students::Enrolment;

/// The destinations that are actors of the student indicators.
///
/// # Examples
/// ```
/// use linkage::{iso3, derive::students::DESTINATIONS};
/// assert_eq!(DESTINATIONS, [iso3!("USA"), iso3!("JPN")]);
/// ```
pub const DESTINATIONS: [crate::Iso3; 2] = [iso3!("USA"), iso3!("JPN")];

/// Push `students_in_actor_oecd` and `students_per_million_oecd` into `panel`.
///
/// # Errors
/// A panel rule broken by a derived value (duplicate key, non-finite or negative value).
///
/// # Examples
/// ```
/// use linkage::{Concordance, Panel, catalogue, iso3, sources::{students, worldbank}};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let s = students::load(&data.join(students::FILE), &c).unwrap().records;
/// let pop = worldbank::load(&data.join(worldbank::POPULATION_FILE), &c).unwrap().records;
/// let mut p = Panel::new(catalogue()).unwrap();
/// let acc = linkage::derive::students::derive(&s, &pop, &mut p).unwrap();
/// assert_eq!(acc.rows_used(), p.len());
/// // Vietnamese students in Japan, 2019.
/// assert!(p.get(iso3!("JPN"), iso3!("VNM"), 2019, "students_in_actor_oecd").unwrap() > 1000.0);
/// ```
pub fn derive(
    enrolments: &[Enrolment],
    population: &CountryYear,
    panel: &mut Panel,
) -> Result<Accounting> {
    let mut acc = Accounting::new(
        "student indicators (OECD)",
        "OECD international tertiary students; WDI population",
    );
    for e in enrolments {
        if !DESTINATIONS.contains(&e.destination) {
            acc.exclude(
                "destination is not USA or JPN (file holds only origins USA/JPN/CHN there)",
                2,
            );
            continue;
        }
        if e.destination == e.origin {
            acc.exclude("origin is the destination (self row)", 2);
            continue;
        }
        let (actor, partner, year) = (e.destination, e.origin, e.year);
        panel.push(actor, partner, year, "students_in_actor_oecd", e.students)?;
        acc.used(1);
        push_per_capita(
            panel,
            &mut acc,
            (actor, partner, year),
            "students_per_million_oecd",
            e.students,
            1e6,
            population,
            "students_per_million_oecd: partner's population missing",
        )?;
    }
    Ok(acc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue;
    use crate::panel::country::Concordance;
    use crate::sources::{students, worldbank};
    use approx::assert_relative_eq;

    fn e(d: crate::Iso3, o: crate::Iso3, year: i32, students: f64) -> Enrolment {
        Enrolment {
            destination: d,
            origin: o,
            year,
            students,
        }
    }

    #[test]
    fn hand_checked_fixture() {
        // 3,336 Myanmar students in Japan, 2019; Myanmar's population 54 million:
        //   per million = 1e6 × 3336 / 54e6 = 61.777…
        // 0 students from Fiji in the USA, population 0.9 million: 0 and 0 per million.
        // 500 Chinese students in Germany: destination not an actor here, excluded (2 rows).
        // Vietnam in the USA with no population: the count only; the ratio is counted, not 0.
        let (jp, us, de, mm, fj, cn, vn) = (
            iso3!("JPN"),
            iso3!("USA"),
            iso3!("DEU"),
            iso3!("MMR"),
            iso3!("FJI"),
            iso3!("CHN"),
            iso3!("VNM"),
        );
        let rows = vec![
            e(jp, mm, 2019, 3336.0),
            e(us, fj, 2019, 0.0),
            e(de, cn, 2019, 500.0),
            e(us, vn, 2019, 20000.0),
        ];
        let pop = CountryYear::from([((mm, 2019), 54e6), ((fj, 2019), 0.9e6)]);
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&rows, &pop, &mut p).unwrap();
        assert_relative_eq!(
            p.get(jp, mm, 2019, "students_in_actor_oecd").unwrap(),
            3336.0
        );
        assert_relative_eq!(
            p.get(jp, mm, 2019, "students_per_million_oecd").unwrap(),
            61.777_777_777_777_78,
            max_relative = 1e-12
        );
        assert_relative_eq!(p.get(us, fj, 2019, "students_in_actor_oecd").unwrap(), 0.0);
        assert_relative_eq!(
            p.get(us, fj, 2019, "students_per_million_oecd").unwrap(),
            0.0
        );
        assert!(p.get(de, cn, 2019, "students_in_actor_oecd").is_none());
        assert_relative_eq!(
            p.get(us, vn, 2019, "students_in_actor_oecd").unwrap(),
            20000.0
        );
        assert!(p.get(us, vn, 2019, "students_per_million_oecd").is_none());
        assert_eq!(p.len(), 5);
        assert_eq!(acc.rows_used(), 5);
        assert_eq!(acc.rows_in(), 8);
        assert_eq!(
            acc.exclusions()["students_per_million_oecd: partner's population missing"],
            1
        );
    }

    #[test]
    fn real_data_spot_checks() {
        let data = crate::default_data_dir();
        let c = Concordance::load(&data).unwrap();
        let s = students::load(&data.join(students::FILE), &c)
            .unwrap()
            .records;
        let pop = worldbank::load(&data.join(worldbank::POPULATION_FILE), &c)
            .unwrap()
            .records;
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&s, &pop, &mut p).unwrap();
        assert!(acc.balances());
        assert_eq!(acc.rows_in(), 2 * s.len());
        assert_eq!(acc.rows_used(), p.len());
        let (jp, us, mm) = (iso3!("JPN"), iso3!("USA"), iso3!("MMR"));
        // `JPN,Japan,MMR,Myanmar,2019,3336` and `USA,United States of America,MMR,Myanmar,2019,1890`.
        assert_relative_eq!(
            p.get(jp, mm, 2019, "students_in_actor_oecd").unwrap(),
            3336.0
        );
        assert_relative_eq!(
            p.get(us, mm, 2019, "students_in_actor_oecd").unwrap(),
            1890.0
        );
        // Per million: 1e6 × 3336 / Myanmar's 2019 population from the WDI file.
        assert_relative_eq!(
            p.get(jp, mm, 2019, "students_per_million_oecd").unwrap(),
            1e6 * 3336.0 / pop[&(mm, 2019)],
            max_relative = 1e-12
        );
        // Only USA and JPN are actors; 2 × 1,471 enrolments each (7 self rows dropped at load).
        assert_eq!(p.actors(), vec![jp, us]);
        let k = p.indicator_index("students_in_actor_oecd").unwrap();
        assert_eq!(
            p.rows().iter().filter(|o| o.indicator == k).count(),
            2 * 1471
        );
        // Per million: 84 rows lack a population (AIA, COK, MSR, NIU, TKL, VAT in WDI).
        assert_eq!(p.len(), 2 * 1471 + 2858);
        assert_eq!(
            acc.exclusions()["students_per_million_oecd: partner's population missing"],
            84
        );
    }
}
