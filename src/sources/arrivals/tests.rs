use super::*;
use crate::error::{Error, Result};
use crate::iso3;
use crate::panel::country::Concordance;
use crate::sources::Loaded;
use crate::testutil::temp_file;
use approx::assert_relative_eq;

const HEADER: &str = "destination_iso3,destination_label,origin_iso3,origin_label,origin_type,year,arrivals,months_present,measure,series,status,note,source\n";

fn setup() -> (std::path::PathBuf, Concordance) {
    crate::testutil::setup(DIR)
}

/// A file of `lines` (after the common header) read as `file`.
fn read(file: ArrivalsFile, lines: &str) -> Result<Loaded<Vec<Arrival>>> {
    let (_, c) = setup();
    let p = temp_file(file.file_name(), &format!("{HEADER}{lines}"));
    let out = load_file(&p, file, &c);
    let _ = std::fs::remove_file(p);
    out
}

fn find(v: &[Arrival], file: ArrivalsFile, d: Iso3, o: Origin, y: i32) -> Option<f64> {
    v.iter()
        .find(|a| a.file == file && a.destination == d && a.origin == o && a.year == y)
        .map(|a| a.arrivals)
}

#[test]
fn aggregates_and_unmapped_are_counted_the_total_is_kept() {
    // Korea 2019: one country, the total `전 체`, two other aggregates (a region, overseas
    // Koreans), and a row with an unmapped label.
    let l = read(
        ArrivalsFile::Kto,
        "KOR,한국,USA,미  국,country,2019,1044038,,v,,,,s\n\
         KOR,한국,,전 체,aggregate,2019,17502756,,v,,,,s\n\
         KOR,한국,,아시아주,aggregate,2019,14337853,,v,,,,s\n\
         KOR,한국,,교포,aggregate,2019,192502,,v,,,,s\n\
         KOR,한국,,Atlantis,unmapped,2019,3,,v,,,,s\n",
    )
    .unwrap();
    let acc = &l.accounting;
    assert_eq!((acc.rows_in(), acc.rows_used()), (5, 2));
    assert_eq!(
        acc.exclusions()["origin is an aggregate other than the total (region, others, stateless, unknown)"],
        2
    );
    assert_eq!(
        acc.exclusions()["origin label not mapped to a country (India's Czechoslovakia, PROVENANCE §20g)"],
        1
    );
    let (kr, us) = (iso3!("KOR"), iso3!("USA"));
    let r = &l.records;
    assert_relative_eq!(
        find(r, ArrivalsFile::Kto, kr, Origin::Country(us), 2019).unwrap(),
        1_044_038.0
    );
    assert_relative_eq!(
        find(r, ArrivalsFile::Kto, kr, Origin::Total, 2019).unwrap(),
        17_502_756.0
    );
    assert_eq!(r[0].row, 1);
    assert_eq!(r[1].row, 2);
}

#[test]
fn a_total_label_only_counts_as_total_in_its_own_file() {
    // `TOTAL` is the total of UNWTO's China inbound table, not of Korea's.
    let l = read(
        ArrivalsFile::Kto,
        "KOR,한국,,TOTAL,aggregate,2019,9,,v,,,,s\n",
    )
    .unwrap();
    assert!(l.records.is_empty());
    assert_eq!(l.accounting.rows_excluded(), 1);
    // Files without a total row keep none (JNTO all nationalities: `Unknown` is an aggregate).
    assert_eq!(ArrivalsFile::JntoAllNationalities.total_label(), None);
}

#[test]
fn self_rows_are_excluded_and_counted() {
    let l = read(
        ArrivalsFile::ChinaOutbound,
        "CHN,China,CHN,China,country,2018,5,,o,VFN,,,s\n\
         MMR,Myanmar,CHN,China,country,2018,963190,,o,TFN,,,s\n",
    )
    .unwrap();
    assert_eq!(l.records.len(), 1);
    assert_eq!(l.records[0].series, Some(Series::Tfn));
    assert_eq!(
        l.accounting.exclusions()["origin is the destination (self row)"],
        1
    );
}

#[test]
fn negative_arrivals_are_a_typed_error() {
    let e = read(
        ArrivalsFile::Kto,
        "KOR,한국,USA,미  국,country,2019,1044038,,v,,,,s\n\
         KOR,한국,JPN,일  본,country,2019,-5,,v,,,,s\n",
    )
    .unwrap_err();
    assert!(
        matches!(e, Error::Negative { ref at, value, .. } if at.is_cell(2, "arrivals") && value < 0.0),
        "{e}"
    );
}

#[test]
fn a_repeated_key_is_a_typed_error() {
    // Same destination, origin, year and series twice; a second series is not a repeat.
    let e = read(
        ArrivalsFile::ChinaOutbound,
        "THA,Thailand,CHN,China,country,2018,10535955,,o,TFN,,,s\n\
         THA,Thailand,CHN,China,country,2018,10535955,,o,TFR,,,s\n\
         THA,Thailand,CHN,China,country,2018,10535955,,o,TFN,,,s\n",
    )
    .unwrap_err();
    assert!(
        matches!(e, Error::DuplicateKey { ref at, first_row: 1, .. } if at.row == Some(3)),
        "{e}"
    );
    // Two aggregate rows with one label repeat too.
    let e = read(
        ArrivalsFile::Kto,
        "KOR,한국,,미상,aggregate,2019,612,,v,,,,s\nKOR,한국,,미상,aggregate,2019,612,,v,,,,s\n",
    )
    .unwrap_err();
    assert!(matches!(e, Error::DuplicateKey { .. }), "{e}");
}

#[test]
fn unknown_codes_and_broken_rules_are_errors_naming_the_cell() {
    let cases: [(ArrivalsFile, &str, usize, &str); 10] = [
        // An origin code the concordance does not know.
        (
            ArrivalsFile::Kto,
            "KOR,한국,ZZZ,?,country,2019,1,,v,,,,s\n",
            1,
            "origin_iso3",
        ),
        // A destination other than the file's.
        (
            ArrivalsFile::Kto,
            "JPN,日本,USA,米国,country,2019,1,,v,,,,s\n",
            1,
            "destination_iso3",
        ),
        // A code on an aggregate row.
        (
            ArrivalsFile::Kto,
            "KOR,한국,USA,전 체,aggregate,2019,1,,v,,,,s\n",
            1,
            "origin_iso3",
        ),
        // A country row without a code.
        (
            ArrivalsFile::Kto,
            "KOR,한국,,미  국,country,2019,1,,v,,,,s\n",
            1,
            "origin_iso3",
        ),
        // An origin type the format does not have.
        (
            ArrivalsFile::Kto,
            "KOR,한국,,x,region,2019,1,,v,,,,s\n",
            1,
            "origin_type",
        ),
        // A fractional count.
        (
            ArrivalsFile::Kto,
            "KOR,한국,USA,미  국,country,2019,1.5,,v,,,,s\n",
            1,
            "arrivals",
        ),
        // An incomplete year.
        (
            ArrivalsFile::JntoLong,
            "JPN,Japan,KOR,Korea,country,2019,1,11,v,,,,s\n",
            1,
            "months_present",
        ),
        // A series outside the UNWTO files, and a non-VFN series in the inbound table.
        (
            ArrivalsFile::Kto,
            "KOR,한국,USA,미  국,country,2019,1,,v,VFN,,,s\n",
            1,
            "series",
        ),
        (
            ArrivalsFile::ChinaInbound,
            "CHN,CHINA,USA,USA,country,2018,1,,v,TFN,,,s\n",
            1,
            "series",
        ),
        // The outbound file holds Chinese arrivals only.
        (
            ArrivalsFile::ChinaOutbound,
            "MMR,Myanmar,IND,India,country,2018,1,,o,TFN,,,s\n",
            1,
            "origin_iso3",
        ),
    ];
    for (file, lines, row, field) in cases {
        let e = read(file, lines).unwrap_err();
        let at = e.location().unwrap_or_else(|| panic!("{e}"));
        assert!(at.is_cell(row, field), "{lines}: {e}");
    }
    // A year outside the file's range.
    let e = read(
        ArrivalsFile::ChinaInbound,
        "CHN,CHINA,USA,USA,country,2013,1,,v,VFN,,,s\n",
    )
    .unwrap_err();
    assert!(matches!(e, Error::YearOutOfRange { year: 2013, .. }), "{e}");
}

#[test]
fn every_real_file_balances_with_the_counts_of_its_rows() {
    let (dir, c) = setup();
    let (rows, accounts) = load(&dir, &c).unwrap();
    // (rows in the file, kept = countries + total rows, other aggregates, unmapped), counted
    // from the CSV files: PROVENANCE §20's row counts; totals 19 (JNTO 2003–2021), 18 (KTO),
    // 5 (UNWTO 2014–2018), 1 (India 2021).
    let expected: [(usize, usize, usize, usize); 10] = [
        (882, 715, 167, 0),
        (1199, 1187, 12, 0),
        (1195, 1011, 184, 0),
        (1350, 1080, 270, 0),
        (1175, 1035, 140, 0),
        (3776, 3776, 0, 0),
        (713, 702, 0, 11),
        (83, 63, 20, 0),
        (1178, 1025, 153, 0),
        (29, 29, 0, 0),
    ];
    for ((acc, file), (n, kept, aggregates, unmapped)) in
        accounts.iter().zip(ArrivalsFile::ALL).zip(expected)
    {
        assert!(acc.balances());
        assert_eq!(acc.step, file.label());
        assert_eq!(acc.rows_in(), n, "{acc}");
        assert_eq!(acc.rows_used(), kept, "{acc}");
        assert_eq!(acc.rows_excluded(), aggregates + unmapped, "{acc}");
        assert_eq!(
            rows.iter().filter(|a| a.file == file).count(),
            kept,
            "{acc}"
        );
    }
    assert_eq!(rows.len(), 10_623);
    assert_eq!(
        rows.iter().filter(|a| a.origin == Origin::Total).count(),
        43
    );
    // JNTO workbook 2021 is provisional: 38 economies + the total.
    let provisional: Vec<&Arrival> = rows.iter().filter(|a| a.provisional).collect();
    assert_eq!(provisional.len(), 39);
    assert!(
        provisional
            .iter()
            .all(|a| a.file == ArrivalsFile::JntoWorkbook && a.year == 2021)
    );
}

#[test]
fn real_spot_values_match_the_file_rows() {
    let (dir, c) = setup();
    let (r, _) = load(&dir, &c).unwrap();
    let cty = |s: &str| Origin::Country(s.parse().unwrap());
    let (jp, kr, cn, ind, mm, vn) = (
        iso3!("JPN"),
        iso3!("KOR"),
        iso3!("CHN"),
        iso3!("IND"),
        iso3!("MMR"),
        iso3!("VNM"),
    );
    use ArrivalsFile as F;
    // `JPN,日本,KOR,韓国,country,2019,5584597,12,…,final,…`
    assert_relative_eq!(
        find(&r, F::JntoWorkbook, jp, cty("KOR"), 2019).unwrap(),
        5_584_597.0
    );
    // `JPN,日本,,総数,aggregate,2019,31882049,12,…`
    assert_relative_eq!(
        find(&r, F::JntoWorkbook, jp, Origin::Total, 2019).unwrap(),
        31_882_049.0
    );
    // `JPN,Japan,MMR,Myanmar,country,2019,30977,12,…` (all-nationalities file only)
    assert_relative_eq!(
        find(&r, F::JntoAllNationalities, jp, cty("MMR"), 2019).unwrap(),
        30_977.0
    );
    assert!(find(&r, F::JntoWorkbook, jp, cty("MMR"), 2019).is_none());
    // `JPN,Japan,KOR,Korea,country,1996,994362,12,…`
    assert_relative_eq!(
        find(&r, F::JntoLong, jp, cty("KOR"), 1996).unwrap(),
        994_362.0
    );
    // `KOR,한국,,전 체,aggregate,2019,17502756,…` and `KOR,한국,USA,미  국,country,2019,1044038,…`
    assert_relative_eq!(
        find(&r, F::Kto, kr, Origin::Total, 2019).unwrap(),
        17_502_756.0
    );
    assert_relative_eq!(find(&r, F::Kto, kr, cty("USA"), 2019).unwrap(), 1_044_038.0);
    // `CHN,CHINA,MMR,Myanmar,country,2018,12379845,,…,VFN,…`
    assert_relative_eq!(
        find(&r, F::ChinaInbound, cn, cty("MMR"), 2018).unwrap(),
        12_379_845.0
    );
    // The source defect of §20e, kept: India 2018 = Indonesia 2018 = 708,517.
    let india = find(&r, F::ChinaInbound, cn, cty("IND"), 2018).unwrap();
    let indonesia = find(&r, F::ChinaInbound, cn, cty("IDN"), 2018).unwrap();
    assert_relative_eq!(india, 708_517.0);
    assert_relative_eq!(india, indonesia);
    // `MMR,Myanmar,CHN,China,country,2018,963190,,…,TFN,…`
    let mm18 = r
        .iter()
        .find(|a| a.file == F::ChinaOutbound && a.destination == mm && a.year == 2018)
        .unwrap();
    assert_relative_eq!(mm18.arrivals, 963_190.0);
    assert_eq!(mm18.series, Some(Series::Tfn));
    // Thailand has three alternative series in 2018 (TFN, TFR, THSN): three records.
    let th: Vec<Option<Series>> = r
        .iter()
        .filter(|a| a.file == F::ChinaOutbound && a.destination == iso3!("THA") && a.year == 2018)
        .map(|a| a.series)
        .collect();
    assert_eq!(
        th,
        vec![Some(Series::Tfn), Some(Series::Tfr), Some(Series::Thsn)]
    );
    // India: `IND,India,USA,U.S.A,country,2015,1213624,…`; 2021 `Grand Total` 1,527,114.
    assert_relative_eq!(
        find(&r, F::India2004, ind, cty("USA"), 2015).unwrap(),
        1_213_624.0
    );
    assert_relative_eq!(
        find(&r, F::India2021, ind, Origin::Total, 2021).unwrap(),
        1_527_114.0
    );
    // Singapore (residence) and Vietnam 2018.
    assert_relative_eq!(
        find(&r, F::Singapore, iso3!("SGP"), cty("CHN"), 2016).unwrap(),
        2_863_669.0
    );
    assert_relative_eq!(
        find(&r, F::Vietnam, vn, cty("CHN"), 2018).unwrap(),
        4_966_468.0
    );
    // The withdrawn code ANT is known to the concordance and kept (§20e: five rows).
    assert_eq!(
        r.iter()
            .filter(|a| a.origin == cty("ANT") && a.file == F::ChinaInbound)
            .count(),
        5
    );
}

#[test]
fn series_order_is_the_catalogue_precedence() {
    let mut sorted = Series::PRECEDENCE;
    sorted.sort();
    assert_eq!(sorted, Series::PRECEDENCE);
    for s in Series::PRECEDENCE {
        assert_eq!(Series::parse(s.code()), Some(s));
    }
    assert_eq!(Series::parse("vfn"), None);
}
