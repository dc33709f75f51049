//! Students in China from the Ministry of Education's statistics (2010–2018), actor `CHN`.
//!
//! - `students_in_china_moe` = S_P, the students of partner P's nationality in China that
//!   year, degree and non-degree programmes together, as MOE counts them (zeros included).
//! - `students_in_china_per_million_moe` = 10⁶ × S_P / POP_P, with POP_P the partner's
//!   population (WDI SP.POP.TOTL). A missing population gives no row (counted), never 0.
//!
//! Every record is used, the 11 press-release rows (IND 2014, 2015, 2018; USA, JPN, FRA 2014
//! and 2018; DEU, GBR 2014) included. Not the OECD tertiary measure: these rows are never
//! merged with `students_in_actor_oecd` ([`crate::derive::students`]).
//!
//! The returned [`Accounting`] counts *candidate panel rows*: two per record (one per
//! indicator). Rows used = panel rows pushed.

use crate::derive::push_per_capita;
use crate::error::Result;
use crate::iso3;
use crate::panel::Panel;
use crate::panel::accounting::Accounting;
use crate::sources::CountryYear;
use crate::sources::students_china::StudentsInChina;

/// Push `students_in_china_moe` and `students_in_china_per_million_moe` into `panel`.
///
/// # Errors
/// A panel rule broken by a derived value (duplicate key, non-finite or negative value).
///
/// # Examples
/// ```
/// use linkage::{Concordance, Panel, catalogue, iso3, sources::{students_china, worldbank}};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let s = students_china::load(&data.join(students_china::FILE), &c).unwrap().records;
/// let pop = worldbank::load(&data.join(worldbank::POPULATION_FILE), &c).unwrap().records;
/// let mut p = Panel::new(catalogue()).unwrap();
/// let acc = linkage::derive::students_china::derive(&s, &pop, &mut p).unwrap();
/// assert_eq!(acc.rows_used(), p.len());
/// // Vietnamese students in China, 2018 (`VNM,Viet Nam,2018,11299,…`).
/// assert_eq!(p.get(iso3!("CHN"), iso3!("VNM"), 2018, "students_in_china_moe"), Some(11299.0));
/// ```
pub fn derive(
    records: &[StudentsInChina],
    population: &CountryYear,
    panel: &mut Panel,
) -> Result<Accounting> {
    let china = iso3!("CHN");
    let mut acc = Accounting::new(
        "students in china indicators (MOE)",
        "MOE international students in China by origin; WDI population",
    );
    for r in records {
        if r.origin == china {
            acc.exclude("origin is China, the destination (self row)", 2);
            continue;
        }
        let (partner, year) = (r.origin, r.year);
        panel.push(china, partner, year, "students_in_china_moe", r.students)?;
        acc.used(1);
        push_per_capita(
            panel,
            &mut acc,
            (china, partner, year),
            "students_in_china_per_million_moe",
            r.students,
            1e6,
            population,
            "students_in_china_per_million_moe: partner's population missing",
        )?;
    }
    Ok(acc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue;
    use crate::panel::country::{Concordance, Iso3};
    use crate::sources::students_china::{self, StudentsSource};
    use crate::sources::worldbank;
    use approx::assert_relative_eq;

    fn s(origin: Iso3, year: i32, students: f64) -> StudentsInChina {
        StudentsInChina {
            origin,
            year,
            students,
            degree: None,
            non_degree: None,
            cgs_scholarship: None,
            label_corrected: false,
            source: StudentsSource::Sqlite,
        }
    }

    #[test]
    fn hand_checked_fixture() {
        // 11,299 Vietnamese students in 2018, Vietnam 95.5 million: 1e6 × 11299 / 95.5e6
        //   = 118.3141…; 0 students from Kiribati (population 0.1 million): 0 and 0.
        // Myanmar without a population: the count only, the ratio counted as missing.
        // A Chinese row: excluded, 2 candidate rows.
        let (cn, vn, ki, mm) = (iso3!("CHN"), iso3!("VNM"), iso3!("KIR"), iso3!("MMR"));
        let rows = [
            s(vn, 2018, 11299.0),
            s(ki, 2010, 0.0),
            s(mm, 2018, 8573.0),
            s(cn, 2018, 5.0),
        ];
        let pop = CountryYear::from([((vn, 2018), 95.5e6), ((ki, 2010), 0.1e6)]);
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&rows, &pop, &mut p).unwrap();
        assert_relative_eq!(
            p.get(cn, vn, 2018, "students_in_china_per_million_moe")
                .unwrap(),
            118.314_136_125_654_45,
            max_relative = 1e-12
        );
        let k = p
            .indicator_index("students_in_china_per_million_moe")
            .unwrap();
        let row = p.rows()[p.position(cn, vn, 2018, k).unwrap()];
        assert_eq!(row.denominator, Some(95.5e6));
        assert_relative_eq!(p.get(cn, ki, 2010, "students_in_china_moe").unwrap(), 0.0);
        assert_relative_eq!(
            p.get(cn, ki, 2010, "students_in_china_per_million_moe")
                .unwrap(),
            0.0
        );
        assert_relative_eq!(
            p.get(cn, mm, 2018, "students_in_china_moe").unwrap(),
            8573.0
        );
        assert!(
            p.get(cn, mm, 2018, "students_in_china_per_million_moe")
                .is_none()
        );
        assert!(p.get(cn, cn, 2018, "students_in_china_moe").is_none());
        assert_eq!(p.len(), 5);
        assert_eq!((acc.rows_in(), acc.rows_used()), (8, 5));
        let ex = acc.exclusions();
        assert_eq!(
            ex["students_in_china_per_million_moe: partner's population missing"],
            1
        );
        assert_eq!(ex["origin is China, the destination (self row)"], 2);
    }

    #[test]
    fn real_data_spot_checks() {
        let data = crate::default_data_dir();
        let c = Concordance::load(&data).unwrap();
        let s = students_china::load(&data.join(students_china::FILE), &c)
            .unwrap()
            .records;
        let pop = worldbank::load(&data.join(worldbank::POPULATION_FILE), &c)
            .unwrap()
            .records;
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&s, &pop, &mut p).unwrap();
        assert!(acc.balances());
        assert_eq!(acc.rows_in(), 2 * 1280);
        assert_eq!(acc.rows_used(), p.len());
        let (cn, vn) = (iso3!("CHN"), iso3!("VNM"));
        // `VNM,Viet Nam,2018,11299,6730,4569,2742,0,peijin_students_CTC`; per million =
        // 1e6 × 11,299 / Vietnam's 2018 population in the WDI file (`Viet Nam,VNM,2018,96237319`):
        // 117.4077 per million.
        assert_relative_eq!(
            p.get(cn, vn, 2018, "students_in_china_moe").unwrap(),
            11299.0
        );
        let v = p
            .get(cn, vn, 2018, "students_in_china_per_million_moe")
            .unwrap();
        assert_relative_eq!(v, 1e6 * 11299.0 / pop[&(vn, 2018)], max_relative = 1e-12);
        assert_relative_eq!(v, 117.407_676_329_803, max_relative = 1e-9);
        // India 2015 from China Daily: `IND,India,2015,16694,,,,0,china_daily_2016_04_16`.
        assert_relative_eq!(
            p.get(cn, iso3!("IND"), 2015, "students_in_china_moe")
                .unwrap(),
            16694.0
        );
        let k = p.indicator_index("students_in_china_moe").unwrap();
        assert_eq!(p.rows().iter().filter(|o| o.indicator == k).count(), 1280);
        assert_eq!(p.actors(), vec![cn]);
        // Every origin in the file has a WDI population in every year.
        assert_eq!(p.len(), 2 * 1280);
    }
}
