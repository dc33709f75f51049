//! The presence scores file of `linkage score`, CSV or Parquet, written as the scores are
//! ranked: `actor, partner, year, level, code, score, rank, n_present, used`.
//!
//! CSV rows go straight to the [`CsvWriter`]; Parquet rows are buffered and written as a row
//! group whenever a ranking block ends with at least [`BATCH_ROWS`] rows buffered, so memory is
//! one batch, never the output.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::error::{Error, Result};
use crate::io::csv::CsvWriter;
use crate::io::rows::{Column as Col, Kind, RowSink};

/// Rows per written Parquet batch (at least; a batch ends with a ranking block).
pub const BATCH_ROWS: usize = 1 << 18;

/// The columns of a scores file.
pub fn columns() -> Vec<Col> {
    vec![
        Col::new("actor", Kind::Text),
        Col::new("partner", Kind::Text),
        Col::new("year", Kind::Int32),
        Col::new("level", Kind::UInt32),
        Col::new("code", Kind::Text),
        Col::new("score", Kind::Float64),
        Col::new("rank", Kind::UInt32),
        Col::new("n_present", Kind::UInt32),
        Col::new("used", Kind::Text),
    ]
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
        Field::new("used".into(), DataType::String),
    ])
}

/// One buffered batch of Parquet rows.
#[derive(Default)]
struct Batch<'a> {
    actor: Vec<&'a str>,
    partner: Vec<&'a str>,
    year: Vec<i32>,
    level: Vec<u32>,
    code: Vec<&'a str>,
    score: Vec<f64>,
    rank: Vec<u32>,
    n_present: Vec<Option<u32>>,
    used: Vec<Option<&'a str>>,
}

enum Sink<'a> {
    Csv(CsvWriter),
    Parquet(
        Box<polars::io::parquet::write::BatchedWriter<BufWriter<File>>>,
        Batch<'a>,
    ),
}

/// One row of a scores file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreRow<'a> {
    /// Actor (ISO3).
    pub actor: &'a str,
    /// Partner (ISO3).
    pub partner: &'a str,
    /// Year.
    pub year: i32,
    /// Level of the node (1 = indicator).
    pub level: u32,
    /// Code of the indicator or aggregate.
    pub code: &'a str,
    /// The score.
    pub score: f64,
    /// Rank among the actors in that partner and year.
    pub rank: u32,
    /// Children with a value behind an aggregate; `None` for an indicator.
    pub n_present: Option<u32>,
    /// The children an aggregate's score used, codes joined by `;` (with `compare = "common"`
    /// the children all the block's eligible units have); `None` for an indicator.
    pub used: Option<&'a str>,
}

/// A scores file being written.
///
/// # Examples
/// ```
/// use linkage::io::scores_file::{ScoreRow, ScoresFile};
/// let path = std::env::temp_dir().join("linkage-doc-scores.csv");
/// let mut f = ScoresFile::create(&path).unwrap();
/// f.push(ScoreRow { actor: "JPN", partner: "VNM", year: 2019, level: 2, code: "presence",
///     score: 100.0, rank: 1, n_present: Some(1), used: Some("trade") }).unwrap();
/// f.end_block().unwrap();
/// assert_eq!(f.finish().unwrap(), 1);
/// assert_eq!(std::fs::read_to_string(&path).unwrap(),
///     "actor,partner,year,level,code,score,rank,n_present,used\nJPN,VNM,2019,2,presence,100.0,1,1,trade\n");
/// ```
pub struct ScoresFile<'a> {
    path: PathBuf,
    sink: Sink<'a>,
    rows: usize,
}

impl<'a> ScoresFile<'a> {
    /// Create `path`: Parquet when its extension is `.parquet`, CSV otherwise.
    ///
    /// # Errors
    /// [`Error::Write`] when the file cannot be created or the Parquet writer refuses the
    /// schema.
    pub fn create(path: &Path) -> Result<ScoresFile<'a>> {
        let parquet = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("parquet"));
        let sink = if parquet {
            let file = BufWriter::new(File::create(path).map_err(|e| Error::write(path, e))?);
            let writer = ParquetWriter::new(file)
                .batched(&schema())
                .map_err(|e| write_error(path, e))?;
            Sink::Parquet(Box::new(writer), Batch::default())
        } else {
            Sink::Csv(CsvWriter::create(path, &columns())?)
        };
        Ok(ScoresFile {
            path: path.to_path_buf(),
            sink,
            rows: 0,
        })
    }

    /// Add a row.
    ///
    /// # Errors
    /// [`Error::Write`] when a CSV row cannot be written.
    pub fn push(&mut self, r: ScoreRow<'a>) -> Result<()> {
        self.rows += 1;
        match &mut self.sink {
            Sink::Csv(w) => {
                w.text(r.actor);
                w.text(r.partner);
                w.int(i64::from(r.year));
                w.int(i64::from(r.level));
                w.text(r.code);
                w.float(r.score);
                w.int(i64::from(r.rank));
                w.opt_int(r.n_present.map(i64::from));
                match r.used {
                    Some(u) => w.text(u),
                    None => w.missing(),
                }
                w.end_row()
            }
            Sink::Parquet(_, b) => {
                b.actor.push(r.actor);
                b.partner.push(r.partner);
                b.year.push(r.year);
                b.level.push(r.level);
                b.code.push(r.code);
                b.score.push(r.score);
                b.rank.push(r.rank);
                b.n_present.push(r.n_present);
                b.used.push(r.used);
                Ok(())
            }
        }
    }

    /// A ranking block is complete: write the buffered Parquet rows once they reach
    /// [`BATCH_ROWS`].
    ///
    /// # Errors
    /// [`Error::Write`] when the Parquet writer fails.
    pub fn end_block(&mut self) -> Result<()> {
        match &self.sink {
            Sink::Parquet(_, b) if b.score.len() >= BATCH_ROWS => self.write_batch(),
            _ => Ok(()),
        }
    }

    fn write_batch(&mut self) -> Result<()> {
        let Sink::Parquet(w, b) = &mut self.sink else {
            return Ok(());
        };
        let b = std::mem::take(b);
        let frame = DataFrame::new(
            b.score.len(),
            vec![
                Column::new("actor".into(), b.actor),
                Column::new("partner".into(), b.partner),
                Column::new("year".into(), b.year),
                Column::new("level".into(), b.level),
                Column::new("code".into(), b.code),
                Column::new("score".into(), b.score),
                Column::new("rank".into(), b.rank),
                Column::new("n_present".into(), b.n_present),
                Column::new("used".into(), b.used),
            ],
        )
        .map_err(|e| write_error(&self.path, e))?;
        w.write_batch(&frame)
            .map_err(|e| write_error(&self.path, e))
    }

    /// Write what is buffered and close the file; returns the number of rows written.
    ///
    /// # Errors
    /// [`Error::Write`] when the file cannot be completed.
    pub fn finish(mut self) -> Result<usize> {
        let pending = match &self.sink {
            Sink::Parquet(_, b) => !b.score.is_empty() || self.rows == 0,
            Sink::Csv(_) => false,
        };
        if pending {
            self.write_batch()?;
        }
        match self.sink {
            Sink::Csv(w) => {
                w.finish()?;
            }
            Sink::Parquet(w, _) => {
                w.finish().map_err(|e| write_error(&self.path, e))?;
            }
        }
        Ok(self.rows)
    }
}

fn write_error(path: &Path, e: PolarsError) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}
