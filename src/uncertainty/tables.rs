//! The files an analysis writes, as tables ([`Rows`]) in COINr's number style
//! ([`NumberStyle::Plain`]): `rank_stats.csv`, `runs.csv`, `run_inputs.csv` of an uncertainty
//! analysis ([`Ua::write`]) and `sensitivity.csv`, `sensitivity_units.csv` of a sensitivity
//! analysis ([`Sa::write`]).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::io::csv::{self, NumberStyle};
use crate::io::rows::{Column, Kind, RowSink, Rows};
use crate::uncertainty::engine::Engine;
use crate::uncertainty::inputs::InputKind;
use crate::uncertainty::sa::Sa;
use crate::uncertainty::ua::{Runs, Ua};

/// `rank_stats.csv`: one row per unit (see [`Ua::rank_stats`]).
#[derive(Debug, Clone, Copy)]
pub struct RankStats<'a>(&'a Ua);

impl Rows for RankStats<'_> {
    /// `uCode, nominal_rank, median_rank, q05_rank, q95_rank, mean_score, nominal_score,
    /// median_score, mean_rank, runs_scored`.
    fn columns(&self) -> Vec<Column> {
        let mut cols = vec![Column::new("uCode", Kind::Text)];
        for name in [
            "nominal_rank",
            "median_rank",
            "q05_rank",
            "q95_rank",
            "mean_score",
            "nominal_score",
            "median_score",
            "mean_rank",
        ] {
            cols.push(Column::new(name, Kind::Float64));
        }
        cols.push(Column::new("runs_scored", Kind::UInt64));
        cols
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()> {
        for (u, st) in self.0.units.iter().zip(&self.0.stats) {
            sink.text(u);
            for v in [
                st.nominal_rank,
                st.median_rank,
                st.q05_rank,
                st.q95_rank,
                st.mean_score,
                st.nominal_score,
                st.median_score,
                st.mean_rank,
            ] {
                sink.float(v);
            }
            sink.int(st.runs_scored as i64);
            sink.end_row()?;
        }
        Ok(())
    }
}

/// `runs.csv`: `run, uCode, score, rank`, one row per run and unit.
#[derive(Debug, Clone, Copy)]
pub struct RunScores<'a> {
    units: &'a [String],
    runs: &'a Runs,
    n_runs: usize,
}

impl Rows for RunScores<'_> {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("run", Kind::UInt64),
            Column::new("uCode", Kind::Text),
            Column::new("score", Kind::Float64),
            Column::new("rank", Kind::Float64),
        ]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()> {
        for r in 0..self.n_runs {
            for (u, code) in self.units.iter().enumerate() {
                sink.int(r as i64);
                sink.text(code);
                sink.float(self.runs.scores.get(r, u));
                sink.float(self.runs.ranks.get(r, u));
                sink.end_row()?;
            }
        }
        Ok(())
    }
}

/// `run_inputs.csv`: `run`, then one column per discrete input with the alternative's label
/// and one per weighted node (`weight:L<level>:<code>`) with its multiplier.
#[derive(Clone, Copy)]
pub struct RunInputs<'a> {
    engine: &'a Engine,
    runs: &'a Runs,
    n_runs: usize,
}

impl Rows for RunInputs<'_> {
    fn columns(&self) -> Vec<Column> {
        let mut cols = vec![Column::new("run", Kind::UInt64)];
        for i in &self.engine.design().inputs {
            match &i.kind {
                InputKind::Weights { level, nodes, .. } => {
                    for (_, _, code) in nodes {
                        cols.push(Column::new(
                            format!("weight:L{level}:{code}"),
                            Kind::Float64,
                        ));
                    }
                }
                _ => cols.push(Column::new(i.name.as_str(), Kind::Text)),
            }
        }
        cols
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()> {
        let design = self.engine.design();
        for r in 0..self.n_runs {
            let x = self.runs.point(r);
            sink.int(r as i64);
            for i in &design.inputs {
                match &i.kind {
                    InputKind::Weights { noise, .. } => {
                        for &u in &x[i.offset..i.offset + i.coords] {
                            sink.float(1.0 + noise * (2.0 * u - 1.0));
                        }
                    }
                    _ => sink.text(&i.label(self.engine.framework(), x)),
                }
            }
            sink.end_row()?;
        }
        Ok(())
    }
}

/// `sensitivity.csv`: one row per input (see [`Sa::sensitivity`]).
#[derive(Debug, Clone, Copy)]
pub struct Sensitivity<'a>(&'a Sa);

impl Rows for Sensitivity<'_> {
    /// `input, first_order, total, first_order_lo, first_order_hi, total_lo, total_hi`.
    fn columns(&self) -> Vec<Column> {
        let mut cols = vec![Column::new("input", Kind::Text)];
        for name in [
            "first_order",
            "total",
            "first_order_lo",
            "first_order_hi",
            "total_lo",
            "total_hi",
        ] {
            cols.push(Column::new(name, Kind::Float64));
        }
        cols
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()> {
        for (name, ix) in self.0.inputs.iter().zip(&self.0.overall) {
            sink.text(name);
            let (fl, fh) = ix.first_ci.unwrap_or((f64::NAN, f64::NAN));
            let (tl, th) = ix.total_ci.unwrap_or((f64::NAN, f64::NAN));
            for v in [ix.first, ix.total, fl, fh, tl, th] {
                sink.float(v);
            }
            sink.end_row()?;
        }
        Ok(())
    }
}

/// `sensitivity_units.csv`: `uCode, input, first_order, total`, one row per unit and input.
#[derive(Debug, Clone, Copy)]
pub struct UnitSensitivity<'a>(&'a Sa);

impl Rows for UnitSensitivity<'_> {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("uCode", Kind::Text),
            Column::new("input", Kind::Text),
            Column::new("first_order", Kind::Float64),
            Column::new("total", Kind::Float64),
        ]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()> {
        for (u, ixs) in self.0.units.iter().zip(&self.0.per_unit) {
            for (name, ix) in self.0.inputs.iter().zip(ixs) {
                sink.text(u);
                sink.text(name);
                sink.float(ix.first);
                sink.float(ix.total);
                sink.end_row()?;
            }
        }
        Ok(())
    }
}

/// Write `name` into `dir` in COINr's number style and remember it.
fn put(dir: &Path, files: &mut Vec<PathBuf>, name: &str, rows: &impl Rows) -> Result<()> {
    let path = dir.join(name);
    csv::write(&path, rows, NumberStyle::Plain)?;
    files.push(path);
    Ok(())
}

impl Ua {
    /// The rank statistics as a table: `uCode, nominal_rank, median_rank, q05_rank, q95_rank,
    /// mean_score`, then `nominal_score, median_score, mean_rank, runs_scored`; one row per
    /// unit (`rank_stats.csv`).
    ///
    /// # Examples
    /// ```
    /// # use linkage::score::{coin::Coin, matrix::Matrix, spec::Spec};
    /// # use linkage::uncertainty::{Engine, Inputs, UaOptions};
    /// use linkage::io::csv::{NumberStyle, to_string};
    /// # let fw = Spec::from_toml("name = 't'\n[[indicator]]\ncode = 'a'\nparent = 'top'\n[[group]]\ncode = 'top'", "doc").unwrap().resolve().unwrap();
    /// # let coin = Coin::new(vec!["X".into(), "Y".into()], Matrix::from_columns(&[[1.0, 2.0]]).unwrap()).unwrap();
    /// let ua = Engine::new(&fw, &coin, &Inputs::default()).unwrap()
    ///     .ua(&UaOptions { runs: 10, ..Default::default() }).unwrap();
    /// let csv = to_string(&ua.rank_stats(), NumberStyle::Plain).unwrap();
    /// assert!(csv.starts_with("uCode,nominal_rank,median_rank,q05_rank,q95_rank,mean_score,"));
    /// assert!(csv.contains("\nY,1,1,1,1,100,100,100,1,10\n"));
    /// ```
    pub fn rank_stats(&self) -> RankStats<'_> {
        RankStats(self)
    }

    /// Write `rank_stats.csv` ([`Ua::rank_stats`]) into `dir`, and when the runs were kept,
    /// `runs.csv` (`run, uCode, score, rank`) and `run_inputs.csv` (`run`, then one column per
    /// discrete input with the alternative's label and one per weighted node,
    /// `weight:L<level>:<code>`, with its multiplier). Returns the files written.
    ///
    /// # Errors
    /// [`Error::Io`] naming the file.
    pub fn write(&self, engine: &Engine, dir: &Path) -> Result<Vec<PathBuf>> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut files = Vec::new();
        put(dir, &mut files, "rank_stats.csv", &self.rank_stats())?;
        if let Some(runs) = &self.runs {
            let n_runs = self.runs_done;
            let scores = RunScores {
                units: &self.units,
                runs,
                n_runs,
            };
            put(dir, &mut files, "runs.csv", &scores)?;
            let inputs = RunInputs {
                engine,
                runs,
                n_runs,
            };
            put(dir, &mut files, "run_inputs.csv", &inputs)?;
        }
        Ok(files)
    }
}

impl Sa {
    /// The indices of the mean absolute rank shift as a table: `input, first_order, total,
    /// first_order_lo, first_order_hi, total_lo, total_hi`, empty cells where there is no
    /// interval (`sensitivity.csv`).
    ///
    /// # Examples
    /// ```
    /// use linkage::io::csv::{NumberStyle, to_string};
    /// use linkage::uncertainty::{Sa, SobolIndex};
    /// let sa = Sa { inputs: vec!["w".into()], overall: vec![SobolIndex {
    ///     first: 0.5, total: 0.75, first_ci: Some((0.25, 0.75)), total_ci: None }],
    ///     overall_variance: 1.0, units: vec![], per_unit: vec![], runs: 3 };
    /// assert_eq!(to_string(&sa.sensitivity(), NumberStyle::Plain).unwrap(),
    ///     "input,first_order,total,first_order_lo,first_order_hi,total_lo,total_hi\nw,0.5,0.75,0.25,0.75,,\n");
    /// ```
    pub fn sensitivity(&self) -> Sensitivity<'_> {
        Sensitivity(self)
    }

    /// Per-unit indices as a long table: `uCode, input, first_order, total`
    /// (`sensitivity_units.csv`).
    pub fn unit_sensitivity(&self) -> UnitSensitivity<'_> {
        UnitSensitivity(self)
    }

    /// Write `sensitivity.csv` and, with per-unit indices, `sensitivity_units.csv` into
    /// `dir`. Returns the files written.
    ///
    /// # Errors
    /// [`Error::Io`] naming the file.
    pub fn write(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut files = Vec::new();
        put(dir, &mut files, "sensitivity.csv", &self.sensitivity())?;
        if !self.per_unit.is_empty() {
            put(
                dir,
                &mut files,
                "sensitivity_units.csv",
                &self.unit_sensitivity(),
            )?;
        }
        Ok(files)
    }
}
