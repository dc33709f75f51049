use super::*;
use crate::catalogue;
use crate::derive::ACTORS;
use crate::panel::country::Concordance;
use crate::sources::{arrivals, worldbank};
use approx::assert_relative_eq;

use ArrivalsFile as F;

fn a(file: ArrivalsFile, d: Iso3, o: Origin, year: i32, n: f64) -> Arrival {
    Arrival {
        file,
        row: 1,
        destination: d,
        origin: o,
        year,
        arrivals: n,
        series: match file {
            F::ChinaInbound => Some(Series::Vfn),
            _ => None,
        },
        provisional: false,
    }
}

fn outbound(d: Iso3, year: i32, s: Series, n: f64) -> Arrival {
    Arrival {
        series: Some(s),
        ..a(F::ChinaOutbound, d, Origin::Country(iso3!("CHN")), year, n)
    }
}

fn c(code: Iso3) -> Origin {
    Origin::Country(code)
}

/// Rows of one indicator for (actor, partner), by year.
fn series_of(p: &Panel, actor: Iso3, partner: Iso3, code: &str) -> Vec<(i32, f64)> {
    let k = p.indicator_index(code).unwrap();
    let mut v: Vec<(i32, f64)> = p
        .rows()
        .iter()
        .filter(|o| o.indicator == k && o.actor == actor && o.partner == partner)
        .map(|o| (o.year, o.value))
        .collect();
    v.sort_by_key(|x| x.0);
    v
}

/// Same years, values equal to within 1e-12 (relative).
fn assert_series(got: &[(i32, f64)], expected: &[(i32, f64)]) {
    assert_eq!(got.len(), expected.len(), "{got:?}");
    for (g, e) in got.iter().zip(expected) {
        assert_eq!(g.0, e.0, "{got:?}");
        assert_relative_eq!(g.1, e.1, max_relative = 1e-12);
    }
}

fn check(accounts: &[Accounting], p: &Panel, n_records: usize) {
    assert_eq!(accounts.len(), 4);
    for acc in accounts {
        assert!(acc.balances());
        assert_eq!(acc.rows_in(), n_records, "{acc}");
        let k = p.indicator_index(&acc.step).unwrap();
        let pushed = p.rows().iter().filter(|o| o.indicator == k).count();
        assert_eq!(acc.rows_used(), pushed, "{acc}");
    }
}

#[test]
fn jnto_precedence_gives_one_value_per_origin_year() {
    // Three JNTO files, all counting Korean visitors (distinct numbers so the file shows):
    //   1996–2024 file: 2002 → 90 (used: 1996–2002 only), 2003 → 101 and 2019 → 202 (not used);
    //     Singapore 2000 → 60 (not used: the file swaps Singapore and Malaysia);
    //   workbook: 2003 → 100, 2019 → 200 (used), total 2019 → 1,000;
    //   all nationalities: 2019 → 201 (workbook has the origin-year: not used), 2022 → 300
    //     (used), Myanmar 2019 → 30 and USA 2019 → 50 (the workbook lacks them: used).
    let (jp, kr, mm, us, sg) = (
        iso3!("JPN"),
        iso3!("KOR"),
        iso3!("MMR"),
        iso3!("USA"),
        iso3!("SGP"),
    );
    let rows = vec![
        a(F::JntoLong, jp, c(kr), 2002, 90.0),
        a(F::JntoLong, jp, c(kr), 2003, 101.0),
        a(F::JntoLong, jp, c(kr), 2019, 202.0),
        a(F::JntoLong, jp, c(sg), 2000, 60.0),
        a(F::JntoWorkbook, jp, c(kr), 2003, 100.0),
        a(F::JntoWorkbook, jp, c(kr), 2019, 200.0),
        a(F::JntoWorkbook, jp, Origin::Total, 2019, 1000.0),
        a(F::JntoAllNationalities, jp, c(kr), 2019, 201.0),
        a(F::JntoAllNationalities, jp, c(kr), 2022, 300.0),
        a(F::JntoAllNationalities, jp, c(mm), 2019, 30.0),
        a(F::JntoAllNationalities, jp, c(us), 2019, 50.0),
    ];
    // Populations (persons): Korea 50,000 every year used, Myanmar none (→ counted),
    // Japan 2019 only.
    let mut pop = CountryYear::new();
    for y in [2002, 2003, 2019, 2022] {
        pop.insert((kr, y), 50_000.0);
    }
    pop.insert((us, 2019), 100_000.0);
    pop.insert((jp, 2019), 125_000.0);
    let mut p = Panel::new(catalogue()).unwrap();
    let accounts = derive(&rows, &pop, &ACTORS, &mut p).unwrap();
    check(&accounts, &p, rows.len());
    assert_series(
        &series_of(&p, jp, kr, "visitors_to_actor"),
        &[(2002, 90.0), (2003, 100.0), (2019, 200.0), (2022, 300.0)],
    );
    // Per thousand: 1000 × 200 / 50,000 = 4.
    assert_relative_eq!(
        p.get(jp, kr, 2019, "visitors_to_actor_per_thousand")
            .unwrap(),
        4.0
    );
    assert_relative_eq!(p.get(jp, mm, 2019, "visitors_to_actor").unwrap(), 30.0);
    assert!(
        p.get(jp, mm, 2019, "visitors_to_actor_per_thousand")
            .is_none()
    );
    assert!(p.get(jp, sg, 2000, "visitors_to_actor").is_none());
    // Shares only from the workbook, over its own total: 200 / 1000 = 0.2. The USA's 50 comes
    // from the all-nationalities file, which has no total: no share, although the workbook
    // has a 2019 total. Korea 2022 (all nationalities) and 2002 (1996–2024 file): no total.
    assert_series(&series_of(&p, kr, jp, "arrivals_share"), &[(2019, 0.2)]);
    assert!(p.get(us, jp, 2019, "arrivals_share").is_none());
    // Visitors from the actor (Korea, the USA) per thousand Japanese: 2019 only has a
    // population: 1000 × 200 / 125,000 = 1.6; 1000 × 50 / 125,000 = 0.4.
    assert_series(
        &series_of(&p, kr, jp, "visitors_from_actor_per_thousand"),
        &[(2019, 1.6)],
    );
    assert_relative_eq!(
        p.get(us, jp, 2019, "visitors_from_actor_per_thousand")
            .unwrap(),
        0.4
    );
    let [to, to_pc, share, from_pc] = &accounts[..] else {
        panic!("four accounts")
    };
    assert_eq!(to.rows_used(), 6);
    assert_eq!(to.exclusions()[reason::JNTO_LONG_YEARS], 2);
    assert_eq!(to.exclusions()[reason::JNTO_LONG_SWAPPED], 1);
    assert_eq!(to.exclusions()[reason::JNTO_ALL_SUPERSEDED], 1);
    assert_eq!(to.exclusions()[reason::TOTAL], 1);
    assert_eq!(to_pc.exclusions()[reason::POPULATION], 1);
    assert_eq!(share.rows_used(), 1);
    // Files without a total (checked first): the 1996–2024 file's three Korea rows, the
    // all-nationalities file's Korea 2019 and 2022 and USA 2019; Korea 2003: the workbook's
    // 2003 total is not in the fixture.
    assert_eq!(share.exclusions()[reason::NO_TOTAL], 6);
    assert_eq!(share.exclusions()[reason::TOTAL_MISSING], 1);
    assert_eq!(share.exclusions()[reason::ORIGIN_NOT_ACTOR], 2);
    assert_eq!(from_pc.rows_used(), 2);
    assert_eq!(from_pc.exclusions()[reason::POPULATION], 3);
}

#[test]
fn china_inbound_before_2016_is_excluded_and_counted() {
    // UNWTO China inbound: Myanmar 144,373 (2015) and 2,428,074 (2016); USA 2,000 and 2,500;
    // TOTAL 100,000 and 200,000 (synthetic totals).
    let (cn, mm, us) = (iso3!("CHN"), iso3!("MMR"), iso3!("USA"));
    let rows = vec![
        a(F::ChinaInbound, cn, c(mm), 2015, 144_373.0),
        a(F::ChinaInbound, cn, c(mm), 2016, 2_428_074.0),
        a(F::ChinaInbound, cn, c(us), 2015, 2_000.0),
        a(F::ChinaInbound, cn, c(us), 2016, 2_500.0),
        a(F::ChinaInbound, cn, Origin::Total, 2015, 100_000.0),
        a(F::ChinaInbound, cn, Origin::Total, 2016, 200_000.0),
    ];
    let pop = CountryYear::from([
        ((mm, 2015), 5e7),
        ((mm, 2016), 5e7),
        ((cn, 2015), 1.4e9),
        ((cn, 2016), 1.4e9),
    ]);
    let mut p = Panel::new(catalogue()).unwrap();
    let accounts = derive(&rows, &pop, &ACTORS, &mut p).unwrap();
    check(&accounts, &p, rows.len());
    assert_series(
        &series_of(&p, cn, mm, "visitors_to_actor"),
        &[(2016, 2_428_074.0)],
    );
    // 1000 × 2,428,074 / 5e7 = 48.56148.
    assert_relative_eq!(
        p.get(cn, mm, 2016, "visitors_to_actor_per_thousand")
            .unwrap(),
        48.56148,
        max_relative = 1e-12
    );
    // Share 2016: 2,500 / 200,000 = 0.0125; none in 2015.
    assert_series(&series_of(&p, us, cn, "arrivals_share"), &[(2016, 0.0125)]);
    // 1000 × 2,500 / 1.4e9.
    assert_eq!(
        series_of(&p, us, cn, "visitors_from_actor_per_thousand").len(),
        1
    );
    let [to, _, share, from_pc] = &accounts[..] else {
        panic!("four accounts")
    };
    assert_eq!(to.exclusions()[reason::CHINA_BEFORE_2016], 2);
    assert_eq!(share.exclusions()[reason::CHINA_BEFORE_2016], 1);
    assert_eq!(from_pc.exclusions()[reason::CHINA_BEFORE_2016], 1);
    assert_eq!(share.exclusions()[reason::TOTAL], 2);
}

#[test]
fn outbound_one_series_per_destination_never_added() {
    // Thailand has TFN, TFR and THSN; TFN comes first (frontier, nationality) and is the one
    // series used in every year. 2016 has only THSN: no value rather than a switch of series.
    // Korea: UNWTO VFN for 2004 and 2010; KTO counts Chinese visitors in 2010: KTO first.
    let (cn, th, kr) = (iso3!("CHN"), iso3!("THA"), iso3!("KOR"));
    let rows = vec![
        outbound(th, 2017, Series::Thsn, 5_000_000.0),
        outbound(th, 2017, Series::Tfr, 9_700_000.0),
        outbound(th, 2017, Series::Tfn, 9_800_000.0),
        outbound(th, 2016, Series::Thsn, 4_000_000.0),
        outbound(kr, 2004, Series::Vfn, 627_264.0),
        outbound(kr, 2010, Series::Vfn, 1_875_157.0),
        a(F::Kto, kr, c(cn), 2010, 1_875_000.0),
    ];
    assert_eq!(chosen_series(&rows)[&th], Series::Tfn);
    assert_eq!(chosen_series(&rows)[&kr], Series::Vfn);
    let pop = CountryYear::from([
        ((th, 2016), 6.9e7),
        ((th, 2017), 7e7),
        ((kr, 2004), 4.8e7),
        ((kr, 2010), 5e7),
        ((cn, 2010), 1.34e9),
    ]);
    let mut p = Panel::new(catalogue()).unwrap();
    let accounts = derive(&rows, &pop, &ACTORS, &mut p).unwrap();
    check(&accounts, &p, rows.len());
    // 1000 × 9,800,000 / 7e7 = 140 (not 1000 × 24.5e6 / 7e7 = 350, the three series added).
    assert_series(
        &series_of(&p, cn, th, "visitors_from_actor_per_thousand"),
        &[(2017, 140.0)],
    );
    // Korea: UNWTO for 2004 (1000 × 627,264 / 4.8e7 = 13.068), KTO for 2010
    // (1000 × 1,875,000 / 5e7 = 37.5).
    let kr_series = series_of(&p, cn, kr, "visitors_from_actor_per_thousand");
    assert_eq!(kr_series.len(), 2);
    assert_relative_eq!(kr_series[0].1, 13.068, max_relative = 1e-12);
    assert_relative_eq!(kr_series[1].1, 37.5);
    // visitors_to_actor for Korea: KTO only; the UNWTO outbound rows are not a source.
    assert_series(
        &series_of(&p, kr, cn, "visitors_to_actor"),
        &[(2010, 1_875_000.0)],
    );
    let [to, _, share, from_pc] = &accounts[..] else {
        panic!("four accounts")
    };
    assert_eq!(from_pc.exclusions()[reason::OUTBOUND_SERIES], 3);
    assert_eq!(from_pc.exclusions()[reason::OUTBOUND_SUPERSEDED], 1);
    assert_eq!(to.exclusions()[reason::OUTBOUND_NOT_A_SOURCE], 6);
    // The outbound file and this KTO fixture have no total: no share at all.
    assert_eq!(share.rows_used(), 0);
}

#[test]
fn missing_population_gives_no_rate_only_counts() {
    // India 2021 (FTAs): USA 429,860 and Grand Total 1,527,114; no population at all.
    let (ind, us) = (iso3!("IND"), iso3!("USA"));
    let rows = vec![
        a(F::India2021, ind, c(us), 2021, 429_860.0),
        a(F::India2021, ind, Origin::Total, 2021, 1_527_114.0),
    ];
    let mut p = Panel::new(catalogue()).unwrap();
    let accounts = derive(&rows, &CountryYear::new(), &ACTORS, &mut p).unwrap();
    check(&accounts, &p, rows.len());
    assert_relative_eq!(
        p.get(ind, us, 2021, "visitors_to_actor").unwrap(),
        429_860.0
    );
    assert_relative_eq!(
        p.get(us, ind, 2021, "arrivals_share").unwrap(),
        429_860.0 / 1_527_114.0
    );
    assert!(
        p.get(ind, us, 2021, "visitors_to_actor_per_thousand")
            .is_none()
    );
    assert!(
        p.get(us, ind, 2021, "visitors_from_actor_per_thousand")
            .is_none()
    );
    assert_eq!(p.len(), 2);
    assert_eq!(accounts[1].exclusions()[reason::POPULATION], 1);
    assert_eq!(accounts[3].exclusions()[reason::POPULATION], 1);
}

#[test]
fn only_the_given_actors_and_equal_precedence_is_an_error() {
    // With actors [JPN] only: Koreans in Japan are counted, Japan's share in Korea is not
    // (origin JPN is an actor; Korea as destination is not).
    let (jp, kr) = (iso3!("JPN"), iso3!("KOR"));
    let rows = vec![
        a(F::JntoWorkbook, jp, c(kr), 2019, 5_584_597.0),
        a(F::Kto, kr, c(jp), 2019, 3_271_706.0),
        a(F::Kto, kr, Origin::Total, 2019, 17_502_756.0),
    ];
    let mut p = Panel::new(catalogue()).unwrap();
    let accounts = derive(&rows, &CountryYear::new(), &[jp], &mut p).unwrap();
    check(&accounts, &p, rows.len());
    assert!(p.get(jp, kr, 2019, "visitors_to_actor").is_some());
    assert!(p.get(kr, jp, 2019, "visitors_to_actor").is_none());
    assert!(p.get(jp, kr, 2019, "arrivals_share").is_some());
    assert_eq!(accounts[0].exclusions()[reason::DESTINATION_NOT_ACTOR], 1);
    assert_eq!(accounts[2].exclusions()[reason::ORIGIN_NOT_ACTOR], 1);
    // Two files of equal rank for one origin-year (the workbook holds 2003–2021 only, so a
    // 2022 workbook row meets the all-nationalities file's 2022): an error naming both rows.
    let clash = vec![
        a(F::JntoAllNationalities, jp, c(kr), 2022, 1.0),
        Arrival {
            row: 7,
            ..a(F::JntoWorkbook, jp, c(kr), 2022, 2.0)
        },
    ];
    let mut p = Panel::new(catalogue()).unwrap();
    let e = derive(&clash, &CountryYear::new(), &ACTORS, &mut p).unwrap_err();
    assert!(matches!(e, Error::Invalid { .. }), "{e}");
    assert!(e.to_string().contains("equal precedence"), "{e}");
    assert!(p.is_empty());
}

/// The shipped arrivals and population, derived for the default actors.
fn real() -> (Vec<Arrival>, CountryYear, Panel, Vec<Accounting>) {
    let data = crate::default_data_dir();
    let c = Concordance::load(&data).unwrap();
    let (rows, _) = arrivals::load(&data.join(arrivals::DIR), &c).unwrap();
    let pop = worldbank::load(&data.join(worldbank::POPULATION_FILE), &c)
        .unwrap()
        .records;
    let mut p = Panel::new(catalogue()).unwrap();
    let accounts = derive(&rows, &pop, &ACTORS, &mut p).unwrap();
    (rows, pop, p, accounts)
}

#[test]
fn real_data_spot_checks() {
    let (rows, pop, p, accounts) = real();
    check(&accounts, &p, rows.len());
    assert_eq!(
        accounts.iter().map(Accounting::rows_used).sum::<usize>(),
        p.len()
    );
    let (jp, kr, us, cn, mm, ind) = (
        iso3!("JPN"),
        iso3!("KOR"),
        iso3!("USA"),
        iso3!("CHN"),
        iso3!("MMR"),
        iso3!("IND"),
    );
    // visitors_to_actor_per_thousand, Koreans in Japan 2019: JNTO workbook
    // `JPN,日本,KOR,韓国,country,2019,5584597,12,…,final,…` over WDI `"Korea, Rep.",KOR,2019,
    // 51764822`: 1000 × 5,584,597 / 51,764,822 = 107.884.
    assert_relative_eq!(
        p.get(jp, kr, 2019, "visitors_to_actor").unwrap(),
        5_584_597.0
    );
    let v = p
        .get(jp, kr, 2019, "visitors_to_actor_per_thousand")
        .unwrap();
    assert_relative_eq!(
        v,
        1000.0 * 5_584_597.0 / pop[&(kr, 2019)],
        max_relative = 1e-12
    );
    assert_relative_eq!(v, 107.884_018_223_804_57, max_relative = 1e-9);
    // arrivals_share, US nationals' share of Korea's arrivals 2019: KTO
    // `KOR,한국,USA,미  국,country,2019,1044038,…` / `KOR,한국,,전 체,aggregate,2019,17502756,…`
    // = 0.059650.
    let k = p.indicator_index("arrivals_share").unwrap();
    let o = p.rows()[p.position(us, kr, 2019, k).unwrap()];
    assert_relative_eq!(o.value, 1_044_038.0 / 17_502_756.0, max_relative = 1e-12);
    assert_relative_eq!(o.value, 0.059_649_920_275_412_63, max_relative = 1e-9);
    assert_eq!(o.denominator, Some(17_502_756.0));
    // visitors_from_actor_per_thousand, Chinese in Myanmar 2018: UNWTO outbound
    // `MMR,Myanmar,CHN,China,country,2018,963190,,…,TFN,…` over WDI `Myanmar,MMR,2018,52272247`:
    // 1000 × 963,190 / 52,272,247 = 18.4264.
    let v = p
        .get(cn, mm, 2018, "visitors_from_actor_per_thousand")
        .unwrap();
    assert_relative_eq!(
        v,
        1000.0 * 963_190.0 / pop[&(mm, 2018)],
        max_relative = 1e-12
    );
    assert_relative_eq!(v, 18.426_412_776_936_87, max_relative = 1e-9);
    // China inbound from 2016 only: Myanmar 2018 `CHN,CHINA,MMR,Myanmar,country,2018,12379845,…`.
    assert_relative_eq!(
        p.get(cn, mm, 2018, "visitors_to_actor").unwrap(),
        12_379_845.0
    );
    assert!(p.get(cn, mm, 2015, "visitors_to_actor").is_none());
    // The suspect India 2018 value of §20e is kept (= Indonesia's 708,517).
    assert_relative_eq!(
        p.get(cn, ind, 2018, "visitors_to_actor").unwrap(),
        708_517.0
    );
    // Japan: Myanmar from the all-nationalities file only (`…,MMR,Myanmar,country,2019,30977,…`);
    // Korea 1996 from the 1996–2024 file (994,362); 2024 from the all-nationalities file.
    assert_relative_eq!(p.get(jp, mm, 2019, "visitors_to_actor").unwrap(), 30_977.0);
    assert_relative_eq!(p.get(jp, kr, 1996, "visitors_to_actor").unwrap(), 994_362.0);
    assert!(p.get(jp, kr, 2024, "visitors_to_actor").is_some());
    // KOR 2017 differs between the workbook (7,140,438) and the 1996–2024 file (7,140,165):
    // the workbook's is used.
    assert_relative_eq!(
        p.get(jp, kr, 2017, "visitors_to_actor").unwrap(),
        7_140_438.0
    );
    // Japan's shares stop in 2021 (the last workbook total).
    let jp_share_years: Vec<i32> = p
        .rows()
        .iter()
        .filter(|o| o.indicator == k && o.partner == jp)
        .map(|o| o.year)
        .collect();
    assert_eq!(jp_share_years.iter().max(), Some(&2021));
    assert_eq!(jp_share_years.iter().min(), Some(&2003));
    // Every share lies in [0, 1].
    assert!(
        p.rows()
            .iter()
            .filter(|o| o.indicator == k)
            .all(|o| (0.0..=1.0).contains(&o.value))
    );
}

#[test]
fn real_data_accounts_and_row_counts() {
    // Counted independently from the CSV files (a script applying the same rules): 10,623
    // records (countries and totals), 4,423 counts, 4,346 of them with a population (62 TWN,
    // 6 VAT, 3 each AIA, ANT, CXR without), 410 shares, 3,628 visitor rates from the actors
    // (NIU 11, TWN 11, COK 7, REU 4 without a population). Less China with Hong Kong and Macao:
    // 6 counts and rates (their visitors in China, 2016-2018) and 48 rates (Chinese arrivals in
    // the two, UNWTO outbound 1995-2018).
    let (rows, _, p, accounts) = real();
    check(&accounts, &p, rows.len());
    assert_eq!(rows.len(), 10_623);
    let used: Vec<usize> = accounts.iter().map(Accounting::rows_used).collect();
    assert_eq!(used, vec![4423 - 6, 4346 - 6, 410, 3628 - 48]);
    assert_eq!(p.len(), 12_807 - 60);
    assert_eq!(accounts[0].exclusions()[reason::COMPATRIOTS], 6);
    assert_eq!(accounts[3].exclusions()[reason::COMPATRIOTS], 48);
    let [to, to_pc, share, from_pc] = &accounts[..] else {
        panic!("four accounts")
    };
    let ex = to.exclusions();
    assert_eq!(ex[reason::TOTAL], 43);
    assert_eq!(ex[reason::CHINA_BEFORE_2016], 412);
    assert_eq!(ex[reason::JNTO_LONG_YEARS], 787);
    assert_eq!(ex[reason::JNTO_LONG_SWAPPED], 14);
    assert_eq!(ex[reason::JNTO_ALL_SUPERSEDED], 114);
    assert_eq!(ex[reason::OUTBOUND_NOT_A_SOURCE], 3776);
    // Singapore (1,025) and Vietnam (29) are not actors.
    assert_eq!(ex[reason::DESTINATION_NOT_ACTOR], 1054);
    assert_eq!(to_pc.exclusions()[reason::POPULATION], 77);
    // Shares: the ten other actors in China inbound 2014-2015 (10 × 2 rows).
    assert_eq!(share.exclusions()[reason::CHINA_BEFORE_2016], 20);
    assert_eq!(share.exclusions()[reason::NO_TOTAL], 4685);
    assert!(!share.exclusions().contains_key(reason::TOTAL_MISSING));
    let ex = from_pc.exclusions();
    assert_eq!(ex[reason::OUTBOUND_SERIES], 1112);
    assert_eq!(ex[reason::OUTBOUND_SUPERSEDED], 72);
    assert_eq!(ex[reason::POPULATION], 33);
    // One series per destination costs 80 destination-years that only other series cover.
    let chosen = chosen_series(&rows);
    let outbound: Vec<&Arrival> = rows.iter().filter(|a| a.file == F::ChinaOutbound).collect();
    let all: std::collections::BTreeSet<(Iso3, i32)> =
        outbound.iter().map(|a| (a.destination, a.year)).collect();
    let kept: std::collections::BTreeSet<(Iso3, i32)> = outbound
        .iter()
        .filter(|a| a.series == Some(chosen[&a.destination]))
        .map(|a| (a.destination, a.year))
        .collect();
    assert_eq!(all.len() - kept.len(), 80);
    assert_eq!(chosen[&iso3!("BLR")], Series::Vfn);
}
