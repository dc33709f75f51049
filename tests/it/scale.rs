//! The scale path (`presence::stream::scan_coin` → `build_lean` → `io::scores_file`) gives the scores of the
//! in-memory path (`load_panel` → `presence::score`), row for row. SYNTHETIC panels only.

use std::collections::HashMap;

use linkage::presence::stream::{ScoreFileOptions, score_file};
use linkage::score::spec::{Node, Spec};
use linkage::synthetic::SyntheticPanel;
use linkage::{Concordance, io::panel_file, presence};
use polars::prelude::*;

type Key = (String, String, i32, String);

fn read_scores(path: &std::path::Path) -> HashMap<Key, (f64, u32, Option<u32>)> {
    let f = if path.extension().is_some_and(|e| e == "parquet") {
        ParquetReader::new(std::fs::File::open(path).unwrap())
            .finish()
            .unwrap()
    } else {
        CsvReadOptions::default()
            .try_into_reader_with_file_path(Some(path.to_path_buf()))
            .unwrap()
            .finish()
            .unwrap()
    };
    let s = |c: &str| f.column(c).unwrap().cast(&DataType::String).unwrap();
    let (a, p, code) = (s("actor"), s("partner"), s("code"));
    let year = f.column("year").unwrap().cast(&DataType::Int32).unwrap();
    let score = f.column("score").unwrap().cast(&DataType::Float64).unwrap();
    let rank = f.column("rank").unwrap().cast(&DataType::UInt32).unwrap();
    let n = f
        .column("n_present")
        .unwrap()
        .cast(&DataType::UInt32)
        .unwrap();
    let mut out = HashMap::new();
    for i in 0..f.height() {
        let key = (
            a.str().unwrap().get(i).unwrap().to_string(),
            p.str().unwrap().get(i).unwrap().to_string(),
            year.i32().unwrap().get(i).unwrap(),
            code.str().unwrap().get(i).unwrap().to_string(),
        );
        let row = (
            score.f64().unwrap().get(i).unwrap(),
            rank.u32().unwrap().get(i).unwrap(),
            n.u32().unwrap().get(i),
        );
        assert!(out.insert(key, row).is_none(), "a row is written twice");
    }
    out
}

#[test]
fn the_scale_path_writes_the_scores_of_the_in_memory_path() {
    let conc = Concordance::load(linkage::default_data_dir()).unwrap();
    let shape = SyntheticPanel {
        partners: 6,
        actors: 4,
        years: 3,
        indicators: 6,
        seed: 11,
    };
    let dir = std::env::temp_dir().join(format!("linkage-scale-{}", std::process::id()));
    let (panel, spec) = shape.write(&conc, &dir).unwrap();
    let fw = Spec::read(&spec).unwrap().resolve().unwrap();
    let full =
        presence::score(&panel_file::load_panel(&panel, &conc).unwrap().records, &fw).unwrap();

    for out in ["scores.parquet", "scores.csv"] {
        let out = dir.join(out);
        let options = ScoreFileOptions { indicators: true };
        let done = score_file(&panel, &fw, &conc, &out, options).unwrap();
        assert_eq!(done.units, full.units.len());
        let written = read_scores(&out);
        assert_eq!(written.len(), done.rows_written);
        let mut expected = 0;
        for (i, &(a, p, y)) in full.units.iter().enumerate() {
            let nodes = fw
                .indicators()
                .iter()
                .enumerate()
                .map(|(j, ind)| (Node::Indicator(j), ind.code()))
                .chain(
                    fw.groups()
                        .iter()
                        .enumerate()
                        .map(|(g, gr)| (Node::Group(g), gr.code())),
                );
            for (node, code) in nodes {
                let v = full.scores.column(node)[i];
                if v.is_nan() {
                    continue;
                }
                expected += 1;
                let key = (a.to_string(), p.to_string(), y, code.to_string());
                let (score, rank, n) = written[&key];
                // CSV prints the shortest decimal that reads back as the same f64.
                assert_eq!(score.to_bits(), v.to_bits(), "{key:?}");
                assert_eq!(Some(f64::from(rank)), full.rank(a, p, y, code), "{key:?}");
                if let Node::Group(g) = node {
                    assert_eq!(n, Some(full.scores.present.get(i, g) as u32));
                }
            }
        }
        assert_eq!(expected, written.len());
    }
    // Without indicators: the aggregates only (4 dimensions + presence per unit).
    let out = dir.join("aggregates.csv");
    let done = score_file(&panel, &fw, &conc, &out, ScoreFileOptions::default()).unwrap();
    assert_eq!(done.rows_written, 5 * done.units);
    assert_eq!(done.accounting.rows_used(), shape.rows());
}
