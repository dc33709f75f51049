//! Panel files across row groups and batches (SYNTHETIC panels).

use std::fs::File;
use std::path::PathBuf;

use polars::prelude::*;

use super::*;
use crate::error::Error;
use crate::io::frame::to_frame;
use crate::panel::country::Concordance;
use crate::presence;
use crate::presence::stream::scan_coin;
use crate::score::spec::Framework;
use crate::score::spec::Spec;
use crate::synthetic::SyntheticPanel;
use crate::testutil::temp_file;

/// Write a frame as Parquet with row groups of `group` rows.
fn parquet(frame: &mut DataFrame, group: usize) -> PathBuf {
    let path = temp_file("p.parquet", "");
    ParquetWriter::new(File::create(&path).unwrap())
        .with_row_group_size(Some(group))
        .finish(frame)
        .unwrap();
    path
}

/// SYNTHETIC: 2 partners × 3 actors × 2 years × 3 indicators = 36 rows; every fifth
/// value emptied; `ind002` left out of the spec.
fn shape() -> (DataFrame, Framework, Concordance) {
    let c = Concordance::load(crate::default_data_dir()).unwrap();
    let s = SyntheticPanel {
        partners: 2,
        actors: 3,
        years: 2,
        indicators: 3,
        seed: 7,
    };
    let mut f = to_frame(&s.table(&c).unwrap()).unwrap();
    let v: Vec<Option<f64>> = f
        .column("value")
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, v)| if i % 5 == 0 { None } else { v })
        .collect();
    f.replace("value", Column::new("value".into(), v)).unwrap();
    let spec = s.spec_toml().replace(
        "[[indicator]]\ncode = \"ind002\"\nparent = \"tourism\"\n",
        "",
    );
    let spec = spec.replace("[[group]]\ncode = \"tourism\"\nparent = \"presence\"\n", "");
    let fw = Spec::from_toml(&spec, "t").unwrap().resolve().unwrap();
    (f, fw, c)
}

#[test]
fn scanning_gives_the_coin_of_the_loaded_panel_across_row_groups() {
    let (mut f, fw, c) = shape();
    let path = parquet(&mut f, 7);
    let scanned = scan_coin(&path, &c, &fw).unwrap();
    let loaded = load_panel(&path, &c).unwrap();
    let (coin, units) = presence::coin(&loaded.records, &fw).unwrap();
    let (s_coin, s_units) = &scanned.records;
    assert_eq!(s_units, &units);
    assert_eq!(s_coin.units, coin.units);
    assert_eq!(s_coin.rank_block, coin.rank_block);
    assert_eq!(s_coin.norm_block, coin.norm_block);
    assert_eq!(s_coin.series, coin.series);
    for j in 0..coin.raw.cols() {
        let (a, b) = (s_coin.raw.col(j), coin.raw.col(j));
        assert!(a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits()));
    }
    // 36 rows: 8 empty values (rows 1, 6, …, 36); ind002 is every third row from row 3,
    // 12 rows of which 3 are empty: 9 excluded as not in the spec; 19 used.
    let acc = &scanned.accounting;
    assert_eq!(acc.rows_in(), 36);
    assert_eq!(acc.rows_used(), 19);
    assert_eq!(acc.rows_excluded(), 17);
    assert!(acc.balances());
    assert_eq!(loaded.accounting.rows_used(), 28);
    // check_file: the same rules and counts as load_panel, without the rows.
    let checked = check_file(&path, &c).unwrap();
    assert_eq!(checked.accounting, loaded.accounting);
    let s = &checked.records;
    assert_eq!(s.indicators, loaded.records.indicators());
    assert_eq!(s.actors, loaded.records.actors());
    assert_eq!(s.partners, loaded.records.partners());
    assert_eq!(s.years, Some((1970, 1971)));
}

#[test]
fn batches_smaller_than_row_groups_number_rows_across_the_file() {
    let (mut f, _, _) = shape();
    let path = parquet(&mut f, 7);
    let read = |rows: usize| {
        let mut seen = Vec::new();
        batches(&path, rows, |t| {
            let year = t.column("year")?;
            for i in 0..t.height() {
                seen.push((year.row(i), year.int(i)?));
            }
            Ok(())
        })
        .unwrap();
        seen
    };
    let whole = read(1000);
    assert_eq!(whole.len(), 36);
    assert!(whole.iter().enumerate().all(|(i, &(row, _))| row == i + 1));
    assert_eq!(read(3), whole);
    assert_eq!(read(1), whole);
}

#[test]
fn errors_in_later_row_groups_name_the_row_in_the_file() {
    let (mut f, fw, c) = shape();
    let mut v: Vec<Option<f64>> = f.column("value").unwrap().f64().unwrap().iter().collect();
    v[30] = Some(f64::INFINITY);
    f.replace("value", Column::new("value".into(), v)).unwrap();
    let path = parquet(&mut f, 4);
    let e = scan_coin(&path, &c, &fw).unwrap_err();
    assert!(
        matches!(e, Error::NonFinite { ref at, .. } if at.row == Some(31)),
        "{e}"
    );
    let mut y: Vec<i32> = f
        .column("year")
        .unwrap()
        .i32()
        .unwrap()
        .into_no_null_iter()
        .collect();
    y[30] = 3001;
    f.replace("value", Column::new("value".into(), vec![1.0; 36]))
        .unwrap();
    f.replace("year", Column::new("year".into(), y)).unwrap();
    let path = parquet(&mut f, 4);
    let e = load_panel(&path, &c).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "{}: row 31, field `year`: year 3001 is outside 1800..=2100",
            path.display()
        )
    );
}

#[test]
fn a_repeated_key_names_both_rows_and_a_missing_indicator_is_a_spec_error() {
    let (f, fw, c) = shape();
    let mut twice = f.vstack(&f.slice(3, 1)).unwrap();
    let path = parquet(&mut twice, 5);
    match scan_coin(&path, &c, &fw).unwrap_err() {
        Error::DuplicateKey { at, first_row, .. } => {
            assert_eq!((at.row, first_row), (Some(37), 4))
        }
        e => panic!("{e}"),
    }
    match check_file(&path, &c).unwrap_err() {
        Error::DuplicateKey { at, first_row, .. } => {
            assert_eq!((at.row, first_row), (Some(37), 4))
        }
        e => panic!("{e}"),
    }
    let mut only_first = f.slice(0, 1);
    let path = parquet(&mut only_first, 5);
    assert!(matches!(
        scan_coin(&path, &c, &fw).unwrap_err(),
        Error::Spec { .. }
    ));
}
