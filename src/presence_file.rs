//! Scoring a panel file of one's own, at scale: panel file → presence scores file, holding
//! one units × indicators matrix and one row group in memory (see [`crate::panel_scan`]).
//!
//! The steps are those of [`crate::presence::score`] — the same units, blocks and scores —
//! run with [`build_lean`] (in place, no intermediate stage kept). Ranks (1 = the most present
//! actor in that partner and year; ties share the smallest rank) are computed one ranking
//! block at a time while writing, and rows are written in batches, so neither the ranks nor
//! the output exist whole in memory.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use polars::prelude::*;

use crate::accounting::Accounting;
use crate::country::Concordance;
use crate::error::{Error, Result};
use crate::panel_scan::scan;
use crate::presence::Unit;
use crate::score::build::{LeanScores, TreatmentRecord, build_lean};
use crate::score::coin::Coin;
use crate::score::rank::{RankOrder, min_rank_in_place};
use crate::score::spec::{Framework, Node, NormaliseSpec};

/// Rows per written batch.
const BATCH_ROWS: usize = 1 << 18;

/// What [`score_file`] writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScoreFileOptions {
    /// Also write the normalised indicator scores (level 1), not only the aggregates. At the
    /// scale of millions of panel rows this makes the output as long as the input.
    pub indicators: bool,
}

/// What [`score_file`] did.
#[derive(Debug, Clone)]
pub struct ScoreFileSummary {
    /// Rows of the panel file: used and excluded, by reason.
    pub accounting: Accounting,
    /// (actor, partner, year) units scored.
    pub units: usize,
    /// Rows written.
    pub rows_written: usize,
    /// Cells filled by imputation, per framework indicator.
    pub imputed_cells: Vec<usize>,
    /// Outlier treatments applied.
    pub treatments: Vec<TreatmentRecord>,
}

/// Score the panel file `panel` (CSV or Parquet) with the framework `fw` and write the long
/// table `actor, partner, year, level, code, score, rank, n_present` to `out` (`.parquet`,
/// else CSV): one row per unit and aggregate with a score (with
/// [`ScoreFileOptions::indicators`], per indicator too; `n_present` is empty for them),
/// ordered by partner, year, actor. Missing scores are left out.
///
/// # Errors
/// As [`scan_coin`](crate::panel_scan::scan_coin) and [`build_lean`]; [`Error::Io`] / [`Error::Read`] when `out` cannot
/// be written.
///
/// # Examples
/// ```
/// use linkage::{Concordance, presence_file::{score_file, ScoreFileOptions}, score::spec::Spec};
/// let dir = std::env::temp_dir().join("linkage-doc-score-file");
/// std::fs::create_dir_all(&dir).unwrap();
/// let panel = dir.join("panel.csv");
/// std::fs::write(&panel, "actor,partner,year,indicator,value\n\
///     JPN,VNM,2019,trade_share_dots,0.10\nUSA,VNM,2019,trade_share_dots,0.05\n").unwrap();
/// let fw = Spec::from_toml(r#"
///     name = "mine"
///     [[indicator]]
///     code = "trade_share_dots"
///     parent = "presence"
///     [[group]]
///     code = "presence"
/// "#, "doc").unwrap().resolve().unwrap();
/// let c = Concordance::load(linkage::default_data_dir()).unwrap();
/// let s = score_file(&panel, &fw, &c, &dir.join("scores.csv"), ScoreFileOptions::default()).unwrap();
/// assert_eq!((s.units, s.rows_written), (2, 2));
/// let text = std::fs::read_to_string(dir.join("scores.csv")).unwrap();
/// assert!(text.contains("JPN,VNM,2019,2,presence,100.0,1,1"));
/// ```
pub fn score_file(
    panel: &Path,
    fw: &Framework,
    conc: &Concordance,
    out: &Path,
    options: ScoreFileOptions,
) -> Result<ScoreFileSummary> {
    // Unit labels are read only by distance-to-reference normalisation.
    let labelled = fw
        .indicators
        .iter()
        .any(|i| matches!(i.normalise, NormaliseSpec::Dist2ref { .. }));
    let scanned = scan(panel, conc, fw, labelled)?;
    let (mut coin, units) = scanned.records;
    let lean = build_lean(fw, &mut coin)?;
    let rows_written = write_scores(fw, &coin, &units, &lean, out, options)?;
    Ok(ScoreFileSummary {
        accounting: scanned.accounting,
        units: units.len(),
        rows_written,
        imputed_cells: lean.imputed_cells,
        treatments: lean.treatments,
    })
}

/// The output file, CSV or Parquet, written batch by batch.
enum Sink {
    Csv(polars::io::csv::write::BatchedWriter<BufWriter<File>>),
    Parquet(Box<polars::io::parquet::write::BatchedWriter<BufWriter<File>>>),
}

/// One batch of output rows.
#[derive(Default)]
struct Batch<'a> {
    actor: Vec<&'a str>,
    partner: Vec<&'a str>,
    year: Vec<i32>,
    level: Vec<u32>,
    code: Vec<u32>,
    score: Vec<f64>,
    rank: Vec<u32>,
    n_present: Vec<Option<u32>>,
}

fn schema() -> Schema {
    Schema::from_iter([
        Field::new("actor".into(), DataType::String),
        Field::new("partner".into(), DataType::String),
        Field::new("year".into(), DataType::Int32),
        Field::new("level".into(), DataType::UInt32),
        Field::new("code".into(), DataType::String),
        Field::new("score".into(), DataType::Float64),
        Field::new("rank".into(), DataType::UInt32),
        Field::new("n_present".into(), DataType::UInt32),
    ])
}

impl Sink {
    fn create(out: &Path) -> Result<Sink> {
        let write_err = |e: PolarsError| Error::Read {
            path: out.to_path_buf(),
            message: e.to_string(),
        };
        let file = BufWriter::new(File::create(out).map_err(|e| Error::io(out, e))?);
        let parquet = out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("parquet"));
        Ok(if parquet {
            Sink::Parquet(Box::new(
                ParquetWriter::new(file)
                    .batched(&schema())
                    .map_err(write_err)?,
            ))
        } else {
            Sink::Csv(
                CsvWriter::new(file)
                    .include_header(true)
                    .batched(&schema())
                    .map_err(write_err)?,
            )
        })
    }

    fn write(&mut self, out: &Path, b: &mut Batch<'_>, codes: &[&str]) -> Result<()> {
        let err = |e: PolarsError| Error::Read {
            path: out.to_path_buf(),
            message: e.to_string(),
        };
        let n = b.score.len();
        let code: Vec<&str> = b.code.iter().map(|&c| codes[c as usize]).collect();
        let frame = DataFrame::new(
            n,
            vec![
                Column::new("actor".into(), std::mem::take(&mut b.actor)),
                Column::new("partner".into(), std::mem::take(&mut b.partner)),
                Column::new("year".into(), std::mem::take(&mut b.year)),
                Column::new("level".into(), std::mem::take(&mut b.level)),
                Column::new("code".into(), code),
                Column::new("score".into(), std::mem::take(&mut b.score)),
                Column::new("rank".into(), std::mem::take(&mut b.rank)),
                Column::new("n_present".into(), std::mem::take(&mut b.n_present)),
            ],
        )
        .map_err(err)?;
        b.code.clear();
        match self {
            Sink::Csv(w) => w.write_batch(&frame).map_err(err),
            Sink::Parquet(w) => w.write_batch(&frame).map_err(err),
        }
    }

    fn finish(&mut self, out: &Path) -> Result<()> {
        let err = |e: PolarsError| Error::Read {
            path: out.to_path_buf(),
            message: e.to_string(),
        };
        match self {
            Sink::Csv(w) => w.finish().map_err(err),
            Sink::Parquet(w) => w.finish().map(|_| ()).map_err(err),
        }
    }
}

/// Write the scores of a lean run, ranking within each (partner, year) block on the way.
/// Returns the number of rows written.
fn write_scores(
    fw: &Framework,
    coin: &Coin,
    units: &[Unit],
    lean: &LeanScores,
    out: &Path,
    options: ScoreFileOptions,
) -> Result<usize> {
    // Nodes written: (node, level, code index).
    let mut codes: Vec<&str> = Vec::new();
    let mut nodes: Vec<(Node, u32)> = Vec::new();
    if options.indicators {
        for (j, ind) in fw.indicators.iter().enumerate() {
            nodes.push((Node::Indicator(j), 1));
            codes.push(&ind.code);
        }
    }
    for (g, group) in fw.groups.iter().enumerate() {
        nodes.push((Node::Group(g), group.level as u32));
        codes.push(&group.code);
    }
    let column = |node: Node| match node {
        Node::Indicator(j) => lean.normalised.col(j),
        Node::Group(g) => lean.aggregated.col(g),
    };
    // Ranking blocks in (partner, year) order; members in unit (actor) order.
    let mut blocks = Coin::block_members(&coin.rank_block);
    blocks.sort_by_key(|m| (units[m[0]].1, units[m[0]].2));

    let mut sink = Sink::create(out)?;
    let mut batch = Batch::default();
    let mut ranks: Vec<Vec<f64>> = vec![Vec::new(); nodes.len()];
    let (mut scratch, mut written) = (Vec::new(), 0);
    for members in &blocks {
        for (c, &(node, _)) in nodes.iter().enumerate() {
            let col = column(node);
            ranks[c].clear();
            ranks[c].extend(members.iter().map(|&i| col[i]));
            min_rank_in_place(&mut ranks[c], RankOrder::HighestFirst, &mut scratch);
        }
        for (m, &i) in members.iter().enumerate() {
            let (a, p, y) = &units[i];
            for (c, &(node, level)) in nodes.iter().enumerate() {
                let v = column(node)[i];
                if v.is_nan() {
                    continue;
                }
                batch.actor.push(a.as_str());
                batch.partner.push(p.as_str());
                batch.year.push(*y);
                batch.level.push(level);
                batch.code.push(c as u32);
                batch.score.push(v);
                batch.rank.push(ranks[c][m] as u32);
                batch.n_present.push(match node {
                    Node::Indicator(_) => None,
                    Node::Group(g) => Some(lean.present.get(i, g) as u32),
                });
                written += 1;
            }
        }
        if batch.score.len() >= BATCH_ROWS {
            sink.write(out, &mut batch, &codes)?;
        }
    }
    if !batch.score.is_empty() || written == 0 {
        sink.write(out, &mut batch, &codes)?;
    }
    sink.finish(out)?;
    Ok(written)
}
