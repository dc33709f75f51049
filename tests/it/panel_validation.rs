//! One test per validation rule of a user's panel (`linkage::io::panel_file::load_panel`).
//! Fixtures are written to a temporary directory; they are synthetic and labelled as such.

use std::path::PathBuf;

use linkage::{Concordance, Error, io::panel_file::load_panel};

fn conc() -> Concordance {
    Concordance::load(linkage::default_data_dir()).unwrap()
}

/// Write a synthetic fixture and return its path.
fn fixture(name: &str, body: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("linkage-it-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

const HEADER: &str = "actor,partner,year,indicator,value\n";

#[test]
fn a_valid_panel_loads_and_accounts_for_every_row() {
    let p = fixture(
        "ok.csv",
        &format!(
            "{HEADER}JPN,VNM,2019,trade_share_dots,0.08\nUSA,VNM,2019,trade_share_dots,\nCHN,VNM,2019,trade_share_dots,0.31\n"
        ),
    );
    let l = load_panel(&p, &conc()).unwrap();
    assert_eq!(l.records.len(), 2);
    assert_eq!(l.accounting.rows_in(), 3);
    assert_eq!(l.accounting.exclusions()["value missing"], 1);
}

#[test]
fn missing_column_names_file_and_column() {
    let p = fixture("nocol.csv", "actor,partner,year,value\nJPN,VNM,2019,1\n");
    let e = load_panel(&p, &conc()).unwrap_err();
    assert!(
        matches!(&e, Error::MissingColumn { column, .. } if column == "indicator"),
        "{e}"
    );
    assert!(e.to_string().contains("nocol.csv"));
}

#[test]
fn wrong_type_names_row_and_field() {
    let p = fixture(
        "type.csv",
        &format!("{HEADER}JPN,VNM,2019,trade_share_dots,0.1\nJPN,VNM,20x1,trade_share_dots,0.1\n"),
    );
    let e = load_panel(&p, &conc()).unwrap_err();
    assert!(
        matches!(&e, Error::Parse { at, .. } if at.is_cell(2, "year")),
        "{e}"
    );
}

#[test]
fn unknown_and_lower_case_codes_are_rejected() {
    for code in ["XYZ", "vnm"] {
        let p = fixture(
            "code.csv",
            &format!("{HEADER}JPN,{code},2019,trade_share_dots,0.1\n"),
        );
        let e = load_panel(&p, &conc()).unwrap_err();
        assert!(
            matches!(&e, Error::UnknownCountry { at, .. } if at.is_cell(1, "partner")),
            "{e}"
        );
    }
}

#[test]
fn duplicate_keys_name_both_rows() {
    let p = fixture(
        "dup.csv",
        &format!(
            "{HEADER}JPN,VNM,2019,trade_share_dots,0.1\nUSA,VNM,2019,trade_share_dots,0.1\nJPN,VNM,2019,trade_share_dots,0.2\n"
        ),
    );
    let e = load_panel(&p, &conc()).unwrap_err();
    assert!(
        matches!(
            e,
            Error::DuplicateKey {
                ref at,
                first_row: 1,
                ..
            } if at.row == Some(3)
        ),
        "{e}"
    );
}

#[test]
fn non_finite_values_are_rejected() {
    for v in ["NaN", "inf", "-inf"] {
        let p = fixture(
            "nan.csv",
            &format!("{HEADER}JPN,VNM,2019,trade_share_dots,{v}\n"),
        );
        let e = load_panel(&p, &conc()).unwrap_err();
        assert!(
            matches!(e, Error::NonFinite { ref at, .. } if at.row == Some(1)),
            "{v}: {e}"
        );
    }
}

#[test]
fn negative_values_only_where_the_unit_allows() {
    let p = fixture(
        "neg.csv",
        &format!("{HEADER}JPN,VNM,2019,trade_share_dots,-0.1\n"),
    );
    let e = load_panel(&p, &conc()).unwrap_err();
    assert!(
        matches!(e, Error::Negative { ref at, .. } if at.row == Some(1)),
        "{e}"
    );
    // Net aid can be negative (net repayments): accepted.
    let p = fixture(
        "negaid.csv",
        &format!("{HEADER}JPN,VNM,2019,aid_gdp_dac,-0.01\n"),
    );
    assert_eq!(load_panel(&p, &conc()).unwrap().records.len(), 1);
}

#[test]
fn years_out_of_range_are_rejected() {
    for y in ["0", "-5", "2999"] {
        let p = fixture(
            "year.csv",
            &format!("{HEADER}JPN,VNM,{y},trade_share_dots,0.1\n"),
        );
        let e = load_panel(&p, &conc()).unwrap_err();
        assert!(
            matches!(e, Error::YearOutOfRange { ref at, .. } if at.row == Some(1)),
            "{y}: {e}"
        );
    }
}

#[test]
fn unknown_indicator_needs_a_dimension() {
    let p = fixture("ind.csv", &format!("{HEADER}JPN,VNM,2019,my_indicator,1\n"));
    let e = load_panel(&p, &conc()).unwrap_err();
    assert!(e.to_string().contains("add a `dimension` column"), "{e}");
    let p = fixture(
        "dim.csv",
        "actor,partner,year,indicator,value,dimension\nJPN,VNM,2019,my_indicator,1,culture\n",
    );
    let e = load_panel(&p, &conc()).unwrap_err();
    assert!(
        e.to_string().contains("unknown dimension \"culture\""),
        "{e}"
    );
}

#[test]
fn empty_and_header_only_files() {
    let p = fixture("empty.csv", "");
    assert!(matches!(load_panel(&p, &conc()), Err(Error::Empty { .. })));
    let p = fixture("header.csv", HEADER);
    assert!(matches!(load_panel(&p, &conc()), Err(Error::Empty { .. })));
}

#[test]
fn bom_crlf_and_semicolons_are_read() {
    let p = fixture(
        "bom.csv",
        "\u{feff}actor;partner;year;indicator;value\r\nJPN;VNM;2019;trade_share_dots;0.1\r\n",
    );
    assert_eq!(load_panel(&p, &conc()).unwrap().records.len(), 1);
}

#[test]
fn parquet_round_trip_and_truncated_parquet() {
    let src = fixture(
        "pq.csv",
        &format!("{HEADER}JPN,VNM,2019,trade_share_dots,0.1\nUSA,VNM,2019,trade_share_dots,0.15\n"),
    );
    let panel = load_panel(&src, &conc()).unwrap().records;
    let pq = src.with_extension("parquet");
    linkage::io::frame::write_parquet(&pq, &panel).unwrap();
    let back = load_panel(&pq, &conc()).unwrap().records;
    assert_eq!(back.len(), 2);
    assert_eq!(back.rows(), panel.rows());
    // Truncated: half the bytes.
    let bytes = std::fs::read(&pq).unwrap();
    let cut = fixture("cut.parquet", "");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    assert!(matches!(load_panel(&cut, &conc()), Err(Error::Read { .. })));
    // Zero bytes.
    let zero = fixture("zero.parquet", "");
    assert!(matches!(
        load_panel(&zero, &conc()),
        Err(Error::Empty { .. })
    ));
}
