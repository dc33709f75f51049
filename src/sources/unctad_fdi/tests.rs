use super::*;
use crate::error::Error;
use crate::iso3;
use approx::assert_relative_eq;
use std::path::PathBuf;

const DATA_HEADER: &str = "host_iso3,host_file_code,host_label_in_file,origin,origin_iso3,origin_depth,origin_parent,year,value_usd_million,source_symbol\n";
const NOTES_HEADER: &str = "table,title_in_file,source_folder,host_iso3,host_file_code,host_label_in_file,unit,header_label,source_line,note_lines,n_origin_rows,file_encoding,source_path,source_commit\n";

/// A note line of the notes file (only the columns the loader reads carry meaning).
fn note(table: &str, folder: &str, host: &str, header: &str, note: &str) -> String {
    format!(
        "{table},t,{folder},{host},{host},h,(Millions of US dollars),{header},Source: x,{note},1,utf-8,p,c\n"
    )
}

/// A synthetic data directory holding the three files.
pub(crate) fn synthetic_dir(notes: &str, stock: &str, flows: &str) -> PathBuf {
    let marker = crate::testutil::temp_file("marker", "");
    let dir = marker.parent().map(Path::to_path_buf).unwrap_or_default();
    std::fs::create_dir_all(dir.join("unctad_bilateral_fdi")).unwrap();
    for (file, body, header) in [
        (NOTES_FILE, notes, NOTES_HEADER),
        (STOCK_FILE, stock, DATA_HEADER),
        (FLOWS_FILE, flows, DATA_HEADER),
    ] {
        std::fs::write(dir.join(file), format!("{header}{body}")).unwrap();
    }
    dir
}

/// The synthetic notes used by most tests: Korea host-reported (stock and flows), Viet Nam's
/// stock origin-reported, Myanmar's flows on an approval basis, Taiwan's stock accumulated
/// approvals, Botswana's sheet 3 a Table 2.
pub(crate) fn synthetic_notes() -> String {
    [
        note("Table 3", "stock", "KOR", "Region / economy", ""),
        note("Table 1", "flows", "KOR", "Region / economy", ""),
        note(
            "Table 3",
            "stock",
            "VNM",
            "Reporting economy",
            "Note:  Data are based on information reported by the economies listed above.",
        ),
        note(
            "Table 1",
            "flows",
            "MMR",
            "Region / economy",
            "Note:  Data are on an approval basis.",
        ),
        note(
            "Table 3",
            "stock",
            "TWN",
            "Region / economy",
            "Note:  Data are on an approval basis and are an accumulation of flows since 1952.",
        ),
        note("Table 2", "stock", "BWA", "Reporting economy", ""),
    ]
    .concat()
}

/// Synthetic stock rows (values invented, hand-checked in the tests).
pub(crate) const SYNTHETIC_STOCK: &str = "\
KOR,KOR,Korea,World,,0,,2012,1000,
KOR,KOR,Korea,Developed economies,,1,World,2012,600,
KOR,KOR,Korea,Other developed countries,,2,Developed economies,2012,300,
KOR,KOR,Korea,Japan,JPN,3,Other developed countries,2012,250,
KOR,KOR,Korea,Developing economies,,1,World,2012,400,
KOR,KOR,Korea,East Asia,,3,Asia,2012,120,
KOR,KOR,Korea,China,CHN,4,East Asia,2012,-20,
KOR,KOR,Korea,Korea,KOR,3,Other developed countries,2012,5,
KOR,KOR,Korea,Atlantis,XXA,4,East Asia,2012,7,
KOR,KOR,Korea,World,,0,,2011,,..
KOR,KOR,Korea,Japan,JPN,3,Other developed countries,2011,240,
KOR,KOR,Korea,World,,0,,2010,-50,
KOR,KOR,Korea,Japan,JPN,3,Other developed countries,2010,10,
VNM,VNM,Viet Nam,Japan,JPN,0,,2012,8393,
VNM,VNM,Viet Nam,United States,USA,0,,2012,0,-
VNM,VNM,Viet Nam,China,CHN,0,,2012,,..
VNM,VNM,Viet Nam,India,IND,0,,2012,0,- -0
TWN,TWN,Taiwan,World,,0,,2012,121444,
TWN,TWN,Taiwan,Japan,JPN,3,Other developed countries,2012,17312,
";

/// Synthetic flows rows.
pub(crate) const SYNTHETIC_FLOWS: &str = "\
KOR,KOR,Korea,World,,0,,2012,200,
KOR,KOR,Korea,Japan,JPN,3,Other developed countries,2012,50,
KOR,KOR,Korea,United States,USA,3,North America,2012,,..
MMR,MMR,Myanmar,World,,0,,2012,1419,
MMR,MMR,Myanmar,Japan,JPN,3,Other developed countries,2012,54,
MMR,MMR,Myanmar,China,CHN,4,East Asia,2012,407,
";

fn find(fdi: &UnctadFdi, m: FdiMeasure, host: Iso3, origin: Origin, year: i32) -> Option<f64> {
    fdi.cells
        .iter()
        .find(|c| c.measure == m && c.host == host && c.origin == origin && c.year == year)
        .map(|c| c.value)
}

fn conc() -> Concordance {
    Concordance::load(crate::default_data_dir()).unwrap()
}

#[test]
fn synthetic_kinds_bases_symbols_and_accounts() {
    let c = conc();
    let dir = synthetic_dir(&synthetic_notes(), SYNTHETIC_STOCK, SYNTHETIC_FLOWS);
    let (fdi, accounts) = load(&dir, &c).unwrap();
    let (kor, vnm, mmr, twn, jpn) = (
        iso3!("KOR"),
        iso3!("VNM"),
        iso3!("MMR"),
        iso3!("TWN"),
        iso3!("JPN"),
    );
    // Kinds and bases from the notes; Botswana's Table 2 is not an inward table.
    use FdiMeasure::{Flows, Stock};
    assert_eq!(fdi.tables.len(), 5);
    assert_eq!(fdi.table(kor, Stock).unwrap().kind, TableKind::HostReported);
    assert_eq!(
        fdi.table(vnm, Stock).unwrap().kind,
        TableKind::OriginReported
    );
    assert_eq!(fdi.table(mmr, Flows).unwrap().basis, Basis::Approvals);
    assert_eq!(
        fdi.table(twn, Stock).unwrap().basis,
        Basis::AccumulatedApprovals
    );
    assert_eq!(fdi.table(kor, Flows).unwrap().basis, Basis::Realised);
    assert!(fdi.table(iso3!("BWA"), Stock).is_none());
    // The World row is the total; regions are not kept (so never summed); negatives stay.
    assert_relative_eq!(find(&fdi, Stock, kor, Origin::World, 2012).unwrap(), 1000.0);
    assert_relative_eq!(find(&fdi, Stock, kor, Origin::World, 2010).unwrap(), -50.0);
    assert_relative_eq!(
        find(&fdi, Stock, kor, Origin::Country(iso3!("CHN")), 2012).unwrap(),
        -20.0
    );
    // `..` is missing (no cell), `-` and `- -0` are 0.
    assert!(find(&fdi, Stock, kor, Origin::World, 2011).is_none());
    assert!(find(&fdi, Stock, vnm, Origin::Country(iso3!("CHN")), 2012).is_none());
    assert_relative_eq!(
        find(&fdi, Stock, vnm, Origin::Country(iso3!("USA")), 2012).unwrap(),
        0.0
    );
    assert_relative_eq!(
        find(&fdi, Stock, vnm, Origin::Country(iso3!("IND")), 2012).unwrap(),
        0.0
    );
    assert_relative_eq!(
        find(&fdi, Flows, mmr, Origin::Country(jpn), 2012).unwrap(),
        54.0
    );
    // Self row (Korea in Korea) and the unknown code are not kept.
    assert!(find(&fdi, Stock, kor, Origin::Country(kor), 2012).is_none());
    // Accounts: notes 6 rows (5 used, 1 Table 2); stock 19 rows; flows 6 rows.
    let [notes, stock, flows] = &accounts[..] else {
        panic!("three accounts expected")
    };
    assert!(accounts.iter().all(Accounting::balances));
    assert_eq!((notes.rows_in(), notes.rows_used()), (6, 5));
    assert_eq!(stock.rows_in(), 19);
    // Used: KOR World 2012, 2010; JPN 2012, 2011, 2010; CHN 2012; VNM JPN, USA, IND;
    // TWN World, JPN = 11.
    assert_eq!(stock.rows_used(), 11);
    let ex = stock.exclusions();
    assert_eq!(
        ex["origin is a region, group, 'Unspecified' or former state (no country code; never summed)"],
        4
    );
    assert_eq!(ex["origin is the host itself (round-tripping)"], 1);
    assert_eq!(
        ex["origin code not in the concordance (e.g. ANT, a withdrawn code)"],
        1
    );
    assert_eq!(ex["value not available (`..`)"], 2);
    assert_eq!((flows.rows_in(), flows.rows_used()), (6, 5));
    assert_eq!(fdi.cells.len(), 16);
}

/// The error of loading the synthetic notes with `stock` as the stock file.
fn stock_error(stock: &str) -> Error {
    let dir = synthetic_dir(&synthetic_notes(), stock, SYNTHETIC_FLOWS);
    load(&dir, &conc()).unwrap_err()
}

#[test]
fn a_country_twice_in_one_table_is_a_duplicate_key() {
    // Japan listed at depth 3 and again at depth 4 of Korea's 2012 stock table.
    let e = stock_error(
        "KOR,KOR,Korea,Japan,JPN,3,Other developed countries,2012,250,\n\
         KOR,KOR,Korea,Japan,JPN,4,East Asia,2012,250,\n",
    );
    assert!(
        matches!(e, Error::DuplicateKey { ref at, first_row: 1, .. } if at.row == Some(2)),
        "{e}"
    );
    let e = stock_error("KOR,KOR,Korea,World,,0,,2012,1,\nKOR,KOR,Korea,World,,0,,2012,,..\n");
    assert!(matches!(e, Error::DuplicateKey { .. }), "{e}");
}

#[test]
fn bad_cells_are_typed_errors_naming_row_and_field() {
    // A World total in a flat (origin-reported) table.
    let e = stock_error("VNM,VNM,Viet Nam,World,,0,,2012,10,\n");
    assert!(
        matches!(e, Error::Invalid { ref at, .. } if at.is_cell(1, "origin")),
        "{e}"
    );
    // A number beside `..`, a non-zero number beside `-`, an unknown symbol.
    for body in [
        "KOR,KOR,Korea,Japan,JPN,3,x,2012,5,..\n",
        "KOR,KOR,Korea,Japan,JPN,3,x,2012,5,-\n",
        "KOR,KOR,Korea,Japan,JPN,3,x,2012,5,*\n",
        "KOR,KOR,Korea,Japan,JPN,3,x,2012,,\n",
    ] {
        let e = stock_error(body);
        assert!(
            matches!(e, Error::Invalid { ref at, .. } if at.is_cell(1, "value_usd_million")),
            "{e}"
        );
    }
    // A year outside 2001–2012, a depth outside 0–4, an unknown host, a host with no note.
    let e = stock_error("KOR,KOR,Korea,Japan,JPN,3,x,2013,5,\n");
    assert!(matches!(e, Error::YearOutOfRange { .. }), "{e}");
    let e = stock_error("KOR,KOR,Korea,Japan,JPN,7,x,2012,5,\n");
    assert!(
        matches!(e, Error::Invalid { ref at, .. } if at.is_cell(1, "origin_depth")),
        "{e}"
    );
    let e = stock_error("XXA,XXA,Atlantis,Japan,JPN,3,x,2012,5,\n");
    assert!(
        matches!(e, Error::UnknownCountry { ref at, ref code } if at.is_cell(1, "host_iso3") && code == "XXA"),
        "{e}"
    );
    let e = stock_error("IND,IND,India,Japan,JPN,3,x,2012,5,\n");
    assert!(
        matches!(e, Error::Invalid { ref at, .. } if at.is_cell(1, "host_iso3")),
        "{e}"
    );
}

#[test]
fn bad_notes_are_typed_errors() {
    let c = conc();
    let twice = [
        note("Table 3", "stock", "KOR", "Region / economy", ""),
        note("Table 3", "stock", "KOR", "Reporting economy", ""),
    ]
    .concat();
    let e = load(&synthetic_dir(&twice, "", ""), &c).unwrap_err();
    assert!(
        matches!(e, Error::DuplicateKey { ref at, first_row: 1, .. } if at.row == Some(2)),
        "{e}"
    );
    let odd = note("Table 3", "stock", "KOR", "Partner", "");
    let e = load(&synthetic_dir(&odd, "", ""), &c).unwrap_err();
    assert!(
        matches!(e, Error::Invalid { ref at, .. } if at.is_cell(1, "header_label")),
        "{e}"
    );
}

#[test]
fn real_files_spot_values_and_accounts() {
    let data = crate::default_data_dir();
    let (fdi, accounts) = load(&data, &conc()).unwrap();
    let [notes, stock, flows] = &accounts[..] else {
        panic!("three accounts expected")
    };
    assert!(accounts.iter().all(Accounting::balances));
    // 411 notes: 2 are Table 2 (BWA, PSE sheet 3).
    assert_eq!((notes.rows_in(), notes.rows_used()), (411, 409));
    // Counted independently from the CSV: stock 107,532 rows, of which 25,764 region/group
    // rows, 72 self rows (AUT, BRA, ISR, KOR, PER, TZA), 19,217 `..` cells (391 of them World)
    // and 62,479 kept (989 World + 61,490 country cells).
    assert_eq!(stock.rows_in(), 107_532);
    assert_eq!(stock.rows_used(), 62_479);
    let ex = stock.exclusions();
    assert_eq!(
        ex["origin is a region, group, 'Unspecified' or former state (no country code; never summed)"],
        25_764
    );
    assert_eq!(ex["origin is the host itself (round-tripping)"], 72);
    assert_eq!(ex["value not available (`..`)"], 19_217);
    // Flows 99,504 rows: 24,324 groups, 24 self rows (ISR, KOR), 6,207 `..`, 68,949 kept.
    assert_eq!(flows.rows_in(), 99_504);
    assert_eq!(flows.rows_used(), 68_949);
    assert_eq!(flows.exclusions()["value not available (`..`)"], 6_207);
    // Every origin code of the shipped files is in the concordance (ANT included).
    assert!(!ex.contains_key("origin code not in the concordance (e.g. ANT, a withdrawn code)"));
    assert_eq!(fdi.cells.len(), 62_479 + 68_949);
    use FdiMeasure::{Flows, Stock};
    let (kor, jpn, vnm, mmr) = (iso3!("KOR"), iso3!("JPN"), iso3!("VNM"), iso3!("MMR"));
    // `KOR,KOR,Republic.of.Korea,Japan,JPN,3,Other developed countries,2012,41845,`
    assert_relative_eq!(
        find(&fdi, Stock, kor, Origin::Country(jpn), 2012).unwrap(),
        41845.0
    );
    // `VNM,VNM,Viet.Nam,Japan,JPN,0,,2012,8393,` (flat table)
    assert_relative_eq!(
        find(&fdi, Stock, vnm, Origin::Country(jpn), 2012).unwrap(),
        8393.0
    );
    // `VNM,VNM,Viet.Nam,World,,0,,2010,,..` and `…,2011,7519,`
    assert!(find(&fdi, Flows, vnm, Origin::World, 2010).is_none());
    assert_relative_eq!(find(&fdi, Flows, vnm, Origin::World, 2011).unwrap(), 7519.0);
    // `BRA,BRA,Brazil,Poland,POL,4,European Union,2005,0,-`
    assert_relative_eq!(
        find(
            &fdi,
            Stock,
            iso3!("BRA"),
            Origin::Country(iso3!("POL")),
            2005
        )
        .unwrap(),
        0.0
    );
    // Kinds and bases of the notes (PROVENANCE §17).
    assert_eq!(fdi.table(mmr, Flows).unwrap().basis, Basis::Approvals);
    assert_eq!(
        fdi.table(mmr, Stock).unwrap().kind,
        TableKind::OriginReported
    );
    assert_eq!(
        fdi.table(iso3!("TWN"), Stock).unwrap().basis,
        Basis::AccumulatedApprovals
    );
    assert_eq!(
        fdi.table(iso3!("MNG"), Stock).unwrap().basis,
        Basis::Approvals
    );
    assert_eq!(
        fdi.table(iso3!("CHN"), Stock).unwrap().basis,
        Basis::Realised
    );
    let approvals: Vec<_> = fdi
        .tables
        .iter()
        .filter(|(_, t)| t.basis != Basis::Realised)
        .map(|(k, _)| *k)
        .collect();
    assert_eq!(
        approvals,
        vec![
            (mmr, Flows),
            (iso3!("MNG"), Stock),
            (iso3!("MNG"), Flows),
            (iso3!("TWN"), Stock),
            (iso3!("TWN"), Flows),
        ]
    );
    // 115 hierarchical tables in each file, each with a World row.
    let host_reported = |m: FdiMeasure| {
        fdi.tables
            .iter()
            .filter(|((_, mm), t)| *mm == m && t.kind == TableKind::HostReported)
            .count()
    };
    assert_eq!((host_reported(Stock), host_reported(Flows)), (115, 115));
}
