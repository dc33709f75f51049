//! Unit tests of the shared institutions: hand-worked Jaccard values on a synthetic list, and
//! the shipped membership file's ties, timelines and G7 case.

use std::collections::BTreeSet;

use super::g7::EUU;
use super::{g7_members, g7_shared, institutions_table, shared, ties_since, timeline};
use crate::iso3;
use crate::panel::country::Concordance;
use crate::panel::country::Iso3;
use crate::sources::institutions;
use crate::sources::institutions::{Institution, Membership};
use approx::assert_relative_eq;

fn real() -> Vec<Membership> {
    let data = crate::default_data_dir();
    let c = Concordance::load(&data).unwrap();
    institutions::load(&data.join(institutions::FILE), &c)
        .unwrap()
        .records
}

fn row(institution: Institution, member: Iso3, year: i32, event: &str) -> Membership {
    Membership {
        institution,
        member: Some(member),
        year: Some(year),
        event: event.into(),
        source_url: "synthetic".into(),
    }
}

/// SYNTHETIC membership list (not the shipped data), for hand-worked Jaccard values.
/// In 2020: AAA ∈ {APEC, ASEAN, OECD}, BBB ∈ {APEC, OECD, ADB, WTO*}, CCC ∈ {APEC, ASEAN,
/// OECD}, DDD ∈ {} ; in 2010 AAA ∈ {APEC}, BBB ∈ {WTO*}.
fn synthetic() -> Vec<Membership> {
    let (a, b, c) = (iso3!("AAA"), iso3!("BBB"), iso3!("CCC"));
    vec![
        row(Institution::Apec, a, 1990, "founding member"),
        row(Institution::Asean, a, 2015, "admission"),
        row(Institution::Oecd, a, 2015, "membership"),
        row(Institution::Apec, b, 2015, "admission"),
        row(Institution::Oecd, b, 2015, "membership"),
        row(Institution::Adb, b, 2015, "membership"),
        row(Institution::Wto, b, 1995, "membership"),
        // A signature does not make a CPTPP member.
        row(Institution::Cptpp, b, 2018, "signature"),
        row(Institution::Cptpp, a, 2018, "signature"),
        row(Institution::Apec, c, 2000, "admission"),
        row(Institution::Asean, c, 2000, "admission"),
        row(Institution::Oecd, c, 2000, "membership"),
        row(Institution::Wto, a, 2020, "accession"),
    ]
}

#[test]
fn hand_worked_jaccard_on_synthetic_memberships() {
    let m = synthetic();
    let (a, b, c, d) = (iso3!("AAA"), iso3!("BBB"), iso3!("CCC"), iso3!("DDD"));
    // 2020, complete only: A = {APEC, ASEAN, OECD}, B = {APEC, OECD, ADB};
    // A ∩ B = {APEC, OECD} (2), A ∪ B = {APEC, ASEAN, OECD, ADB} (4): J = 2/4.
    let t = shared(&m, a, b, 2020, false);
    assert_eq!(t.shared, [Institution::Apec, Institution::Oecd]);
    assert!(t.incomplete.is_empty());
    assert_eq!((t.a_count, t.b_count), (3, 3));
    assert_relative_eq!(t.jaccard.unwrap(), 0.5);
    // With the WTO (incomplete): A gets WTO 2020, B WTO 1995: ∩ = 3, ∪ = 5, J = 3/5, and
    // the WTO is listed apart and starred.
    let t = shared(&m, a, b, 2020, true);
    assert_eq!(t.shared, [Institution::Apec, Institution::Oecd]);
    assert_eq!(t.incomplete, [Institution::Wto]);
    assert_eq!(t.codes(), "APEC;OECD;WTO*");
    assert_relative_eq!(t.jaccard.unwrap(), 0.6);
    // 2010: A = {APEC}, B = {} (complete): J = 0/1 = 0; with the WTO: {APEC} vs {WTO}, 0.
    assert_relative_eq!(shared(&m, a, b, 2010, false).jaccard.unwrap(), 0.0);
    assert_relative_eq!(shared(&m, a, b, 2010, true).jaccard.unwrap(), 0.0);
    // Identical sets: J = 1.
    assert_relative_eq!(shared(&m, a, c, 2020, false).jaccard.unwrap(), 1.0);
    assert_relative_eq!(shared(&m, a, a, 2020, true).jaccard.unwrap(), 1.0);
    // Both empty: None, not zero.
    assert_eq!(shared(&m, d, iso3!("EEE"), 2020, false).jaccard, None);
    assert_eq!(shared(&m, a, b, 1980, false).jaccard, None);
    // CPTPP signatures alone share nothing.
    assert!(
        !shared(&m, a, b, 2019, false)
            .shared
            .contains(&Institution::Cptpp)
    );
}

#[test]
fn symmetric_and_bounded() {
    let m = real();
    let countries: Vec<Iso3> = institutions::listed_members(&m, Institution::Apec)
        .into_iter()
        .chain([iso3!("IND"), iso3!("DEU"), iso3!("MMR"), iso3!("LAO")])
        .collect();
    for year in [1990, 2008, 2016, 2022] {
        for inc in [false, true] {
            for &a in &countries {
                for &b in &countries {
                    let ab = shared(&m, a, b, year, inc);
                    let ba = shared(&m, b, a, year, inc);
                    assert_eq!(ab.shared, ba.shared);
                    assert_eq!(ab.incomplete, ba.incomplete);
                    assert_eq!((ab.a_count, ab.b_count), (ba.b_count, ba.a_count));
                    match (ab.jaccard, ba.jaccard) {
                        (Some(x), Some(y)) => {
                            assert_relative_eq!(x, y);
                            assert!((0.0..=1.0).contains(&x), "{a} {b} {year}: {x}");
                        }
                        (None, None) => assert_eq!((ab.a_count, ab.b_count), (0, 0)),
                        other => panic!("asymmetric {other:?}"),
                    }
                    if a == b && ab.a_count > 0 {
                        assert_relative_eq!(ab.jaccard.unwrap(), 1.0);
                    }
                }
            }
        }
    }
}

#[test]
fn usa_and_japan_in_2020() {
    // memberships.csv rows (first five fields):
    //   APEC,JPN,Japan,1989,founding member
    //   APEC,USA,the United States,1989,founding member
    //   TPP_SIGNATORY,JPN,Japan,2016,signature
    //   TPP_SIGNATORY,USA,United States,2016,signature
    //   G7,JPN,Japan,1975,founding member (first summit 1975)
    //   G7,USA,the United States,1975,founding member (first summit 1975)
    //   QUAD,JPN,Japan,2017,re-established
    //   QUAD,USA,the United States,2017,re-established
    //   ADB,JPN,Japan,1966,member (regional); year from spanned year cell
    //   ADB,USA,United States,1966,member (nonregional); year from spanned year cell
    //   OECD,JPN,Japan,1964,membership (date listed by source)
    //   OECD,USA,United States,1961,membership (date listed by source)
    // Japan also has CPTPP,JPN,Japan,2018,entry into force; RCEP (2022) and IPEF (2022)
    // come later. WTO and G20 rows exist for both but are incomplete: left out.
    let m = real();
    let t = shared(&m, iso3!("USA"), iso3!("JPN"), 2020, false);
    assert_eq!(
        t.shared,
        [
            Institution::Apec,
            Institution::TppSignatory,
            Institution::G7,
            Institution::Quad,
            Institution::Adb,
            Institution::Oecd
        ]
    );
    // USA: APEC, TPP, G7, Quad, ADB, OECD = 6; JPN adds CPTPP = 7 (RCEP from 2022).
    assert_eq!((t.a_count, t.b_count), (6, 7));
    assert_relative_eq!(t.jaccard.unwrap(), 6.0 / 7.0);
    // The Quad's first spell lapsed in 2008: not shared in 2012.
    assert!(
        !shared(&m, iso3!("USA"), iso3!("JPN"), 2012, false)
            .shared
            .contains(&Institution::Quad)
    );
}

#[test]
fn vietnam_and_japan() {
    // CPTPP,VNM,Vietnam,2019,entry into force,… "Vietnam followed suit on January 14, 2019."
    // CPTPP,VNM,Vietnam,2018,signature,…   (signature: not yet a member)
    // CPTPP,JPN,Japan,2018,entry into force,…
    // RCEP,VNM,Vietnam,2022,entry into force,…; RCEP,VNM,Vietnam,2020,signature,…
    // ASEAN has no JPN row (Japan is not an ASEAN member).
    let m = real();
    let at = |y| shared(&m, iso3!("VNM"), iso3!("JPN"), y, false).shared;
    assert!(at(2020).contains(&Institution::Apec));
    assert!(!at(2020).contains(&Institution::Asean));
    assert!(!at(2018).contains(&Institution::Cptpp));
    assert!(at(2019).contains(&Institution::Cptpp));
    assert!(!at(2020).contains(&Institution::Rcep));
    assert!(!at(2021).contains(&Institution::Rcep));
    assert!(at(2022).contains(&Institution::Rcep));
    let since = ties_since(&m, iso3!("JPN"), iso3!("VNM"), 2023);
    let s = |i| since.iter().find(|t| t.institution == i).map(|t| t.since);
    assert_eq!(s(Institution::Cptpp), Some(2019));
    assert_eq!(s(Institution::Rcep), Some(2022));
    assert_eq!(s(Institution::Apec), Some(1998));
    assert_eq!(s(Institution::Adb), Some(1966));
}

#[test]
fn china_and_us_never_share_cptpp() {
    let m = real();
    for y in 1960..=2030 {
        let t = shared(&m, iso3!("CHN"), iso3!("USA"), y, true);
        assert!(!t.shared.contains(&Institution::Cptpp), "{y}");
    }
}

#[test]
fn incomplete_excluded_by_default_and_labelled_when_included() {
    // WTO,VNM,Việt Nam,2007,accession
    // WTO,JPN,Japan,1995,membership (entry into force of WTO Agreement)
    let m = real();
    let (v, j) = (iso3!("VNM"), iso3!("JPN"));
    let d = shared(&m, v, j, 2020, false);
    assert!(d.incomplete.is_empty());
    assert!(d.shared.iter().all(|i| i.is_complete()));
    assert!(!d.codes().contains('*'));
    let w = shared(&m, v, j, 2020, true);
    assert_eq!(w.incomplete, [Institution::Wto]);
    assert_eq!(w.shared, d.shared);
    assert!(w.codes().ends_with(";WTO*"));
    assert_eq!((w.a_count, w.b_count), (d.a_count + 1, d.b_count + 1));
    // The table scores complete institutions only.
    let (rows, _) = institutions_table(&m, &[j], &[v], 2020..=2020);
    assert_eq!(rows[0].institutions, d.codes());
    assert!(!rows[0].institutions.contains("WTO"));
}

#[test]
fn g7_membership_and_case() {
    // G7,RUS,Russia,1997,G8 format 1997-2013; participation suspended 2014 (former),…
    // G7,EUU,European Community,1977,participant (non-enumerated; first direct talks 1977),…
    let m = real();
    let g00 = g7_members(&m, 2000);
    assert!(g00.contains(&iso3!("RUS")));
    assert_eq!(g00.len(), 8);
    let g15 = g7_members(&m, 2015);
    assert!(!g15.contains(&iso3!("RUS")));
    assert!(!g15.contains(&EUU));
    assert_eq!(
        g15,
        BTreeSet::from([
            iso3!("CAN"),
            iso3!("DEU"),
            iso3!("FRA"),
            iso3!("GBR"),
            iso3!("ITA"),
            iso3!("JPN"),
            iso3!("USA")
        ])
    );
    assert!(g7_members(&m, 1974).is_empty());
    // A G7 member as partner: itself is left out of `with_member`; all seven share the
    // G7, the ADB and the OECD in 2015, but in 2000 Russia (in neither the ADB nor the OECD)
    // leaves only the G7.
    let j15 = g7_shared(&m, iso3!("JPN"), 2015);
    assert_eq!(j15.with_member.len(), 6);
    assert_eq!(
        j15.with_all,
        [Institution::G7, Institution::Adb, Institution::Oecd]
    );
    assert_eq!(
        g7_shared(&m, iso3!("JPN"), 2000).with_all,
        [Institution::G7]
    );
    assert!(g7_shared(&m, iso3!("JPN"), 1970).with_all.is_empty());
    // Vietnam: with every G7 member at least the ADB.
    let v = g7_shared(&m, iso3!("VNM"), 2023);
    assert!(
        v.with_member
            .values()
            .all(|s| s.contains(&Institution::Adb))
    );
    assert_eq!(v.with_member.len(), 7);
}

#[test]
fn vietnam_timeline_is_exactly_the_file() {
    // The 11 VNM rows of memberships.csv (institution, year, event):
    //   APEC,VNM,Vietnam,1998,admitted (November 1998)
    //   ASEAN,VNM,Vietnam,1995,admission
    //   CPTPP,VNM,Vietnam,2019,entry into force
    //   CPTPP,VNM,Vietnam,2018,signature
    //   TPP_SIGNATORY,VNM,Vietnam,2016,signature
    //   RCEP,VNM,Vietnam,2022,entry into force
    //   RCEP,VNM,Vietnam,2020,signature
    //   IPEF,VNM,Vietnam,2022,founding partner (launch 23 May 2022)
    //   AIIB,VNM,Vietnam,,prospective founding member (year not in excerpt)
    //   ADB,VNM,Vietnam,1966,member (regional); year from spanned year cell
    //   WTO,VNM,Việt Nam,2007,accession
    // README: APEC admissions 1998; ASEAN "Viet Nam 1995"; CPTPP "Viet Nam 2019" + 2018
    // signature; TPP signature 2016; RCEP 1 Jan 2022 + signature 2020; IPEF 13 launch
    // partners 2022; AIIB 57 prospective founders (no year); ADB all 69; WTO "Viet Nam 2007".
    let m = real();
    let t = timeline(&m, iso3!("VNM"));
    let got: Vec<(Institution, Option<i32>, &str, bool, bool)> = t
        .iter()
        .map(|j| {
            (
                j.institution,
                j.year,
                j.event.as_str(),
                j.complete,
                j.makes_member,
            )
        })
        .collect();
    use Institution::*;
    assert_eq!(
        got,
        [
            (
                Adb,
                Some(1966),
                "member (regional); year from spanned year cell",
                true,
                true
            ),
            (Asean, Some(1995), "admission", true, true),
            (Apec, Some(1998), "admitted (November 1998)", true, true),
            (Wto, Some(2007), "accession", false, true),
            (TppSignatory, Some(2016), "signature", true, true),
            (Cptpp, Some(2018), "signature", true, false),
            (Cptpp, Some(2019), "entry into force", true, true),
            (Rcep, Some(2020), "signature", true, false),
            (Rcep, Some(2022), "entry into force", true, true),
            (
                Ipef,
                Some(2022),
                "founding partner (launch 23 May 2022)",
                true,
                true
            ),
            (
                Aiib,
                None,
                "prospective founding member (year not in excerpt)",
                false,
                false
            ),
        ]
    );
    assert!(t.iter().all(|j| j.member == iso3!("VNM")));
    assert!(t.iter().all(|j| j.source_url.starts_with("http")));
    for j in &t {
        println!(
            "{:<13} {:>4}  {}{}{}",
            j.institution.code(),
            j.year.map_or("-".to_string(), |y| y.to_string()),
            j.event,
            if j.complete {
                ""
            } else {
                "  [incomplete list]"
            },
            if j.makes_member {
                ""
            } else {
                "  [not membership]"
            },
        );
    }
}

#[test]
fn table_counts_and_accounting() {
    let m = real();
    let partners: Vec<Iso3> = m
        .iter()
        .filter_map(|r| r.member)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let actors = crate::derive::ACTORS;
    let (rows, acc) = institutions_table(&m, &actors, &partners, 1990..=2023);
    let ny = 34;
    let actors_in_file = actors.iter().filter(|a| partners.contains(a)).count();
    let non_actor_partners = partners.len() - actors_in_file;
    let pairs = actors.len() * (actors.len() - 1) / 2;
    assert_eq!(rows.len(), (actors.len() * non_actor_partners + pairs) * ny);
    assert_eq!(acc.rows_in(), (actors.len() * partners.len() + pairs) * ny);
    assert_eq!(acc.rows_used(), rows.len());
    assert!(acc.balances());
    println!(
        "partners {} (actors among them {actors_in_file}), rows {}, {acc}",
        partners.len(),
        rows.len()
    );
    // No pair twice, never a country with itself.
    let keys: BTreeSet<(Iso3, Iso3, i32)> = rows
        .iter()
        .map(|r| (r.actor.min(r.partner), r.actor.max(r.partner), r.year))
        .collect();
    assert_eq!(keys.len(), rows.len());
    assert!(rows.iter().all(|r| r.actor != r.partner));
    // Actor pairs: the earlier actor first.
    let uj = rows
        .iter()
        .find(|r| r.actor == iso3!("USA") && r.partner == iso3!("JPN") && r.year == 2020)
        .unwrap();
    assert_eq!(uj.institutions, "APEC;TPP_SIGNATORY;G7;QUAD;ADB;OECD");
    assert_eq!(uj.shared, 6);
    assert!(
        !rows
            .iter()
            .any(|r| r.actor == iso3!("JPN") && r.partner == iso3!("USA"))
    );
    let csv = crate::testutil::csv_text(rows.as_slice());
    assert_eq!(csv.lines().count(), 1 + rows.len());
    // Repeated codes are accounted for, not doubled.
    let (r2, a2) = institutions_table(
        &m,
        &[iso3!("USA"), iso3!("USA")],
        &[iso3!("VNM"), iso3!("VNM")],
        2020..=2020,
    );
    assert_eq!(r2.len(), 1);
    assert_eq!(a2.rows_in(), 5);
    assert!(a2.balances());
    // Empty year range: no rows, nothing in.
    #[allow(clippy::reversed_empty_ranges)]
    let (r3, a3) = institutions_table(&m, &actors, &partners, 2023..=1990);
    assert!(r3.is_empty());
    assert_eq!(a3.rows_in(), 0);
}
