//! `linkage` command line: the report on the shipped data, and tools for a user's own panel.
//!
//! Exit codes: 0 success, 1 a data or method error (message on stderr), 2 a usage error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use linkage::io::csv::{self, NumberStyle};
use linkage::quality::QualityMode;
use linkage::report::{self, ReportOptions};
use linkage::score::build::build;
use linkage::score::coinr::{self, IndexOptions};
use linkage::score::spec::{AggregateSpec, NormaliseSpec};
use linkage::uncertainty::{self as ua, Engine, Inputs};

/// What the command line reports: a usage error (exit 2) or an error of the library (exit 1).
#[derive(Debug, thiserror::Error)]
enum CliError {
    /// An argument is invalid or two arguments conflict.
    #[error("{0}")]
    Usage(String),
    /// A data, method or file error, with the file, row and field at fault.
    #[error(transparent)]
    Linkage(#[from] linkage::Error),
}

#[derive(Parser)]
#[command(
    name = "linkage",
    version,
    about = "Economic-linkage indicators: presence of the US, Japan, China and others in partner countries"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Whether values a data-quality rule flagged are scored.
#[derive(Clone, Copy, ValueEnum)]
enum QualityArg {
    /// Leave flagged values out of the scores (missing, counted).
    Exclude,
    /// Score flagged values like clean ones.
    Keep,
}

impl From<QualityArg> for QualityMode {
    fn from(q: QualityArg) -> QualityMode {
        match q {
            QualityArg::Exclude => QualityMode::Exclude,
            QualityArg::Keep => QualityMode::Keep,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the panel from the shipped data and write the report files.
    Report {
        /// Output directory.
        #[arg(long, default_value = "report")]
        out: PathBuf,
        /// Data directory (default: the crate's data/).
        #[arg(long)]
        data: Option<PathBuf>,
        /// Add rank intervals: N Monte Carlo runs (±25 % weight noise at every level) over the
        /// latest year with scores for every case study.
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        uncertainty: Option<usize>,
        /// Score values a data-quality rule flagged (`keep`) or leave them out (`exclude`);
        /// default: the spec's `quality` (exclude). quality.csv lists them either way.
        #[arg(long, value_enum)]
        quality: Option<QualityArg>,
    },
    /// Build a composite index from COINr's iData/iMeta tables (CSV), COINr's way.
    Index {
        #[command(flatten)]
        coinr: CoinrArgs,
        /// Aggregation at every level.
        #[arg(long, value_enum, default_value_t = AggregateArg::Arithmetic)]
        aggregate: AggregateArg,
        /// Output CSV: uCode, every indicator and aggregate, Rank.
        #[arg(long)]
        out: PathBuf,
    },
    /// Score a panel of your own with a spec: presence scores per (actor, partner, year).
    Score {
        /// The panel file (CSV or Parquet): actor, partner, year, indicator, value.
        #[arg(long)]
        panel: PathBuf,
        /// The framework spec (TOML), e.g. a copy of data/presence.toml.
        #[arg(long)]
        spec: PathBuf,
        /// Output file: .csv or .parquet (actor, partner, year, level, code, score, rank,
        /// n_present, used), ordered by partner, year, actor; a path without an extension is
        /// written as CSV. It must not be the panel or the spec.
        #[arg(long)]
        out: PathBuf,
        /// Also write each indicator's normalised score (level 1), not only the aggregates.
        #[arg(long)]
        indicators: bool,
        /// Score rows whose `flag` column names a data-quality rule (`keep`) or leave them out
        /// (`exclude`); default: the spec's `quality` (exclude).
        #[arg(long, value_enum)]
        quality: Option<QualityArg>,
    },
    /// Uncertainty analysis of a COINr index (with --sobol, sensitivity analysis too):
    /// writes rank_stats.csv (and sensitivity.csv) into --out.
    Uncertainty {
        #[command(flatten)]
        coinr: CoinrArgs,
        /// Aggregations, comma-separated: the first is the nominal; two or more are the
        /// alternatives, drawn uniformly for every level.
        #[arg(long, value_enum, value_delimiter = ',', default_value = "arithmetic")]
        aggregate: Vec<AggregateArg>,
        /// Weight noise f: each weight times a uniform draw on [1 - f, 1 + f].
        #[arg(long, allow_negative_numbers = true)]
        weight_noise: Option<f64>,
        /// Levels whose weights vary, comma-separated (default: every level below the index).
        #[arg(
            long,
            value_delimiter = ',',
            requires = "weight_noise",
            allow_negative_numbers = true
        )]
        noise_levels: Vec<usize>,
        /// More uncertain inputs from a TOML file (normalisation, imputation, exclusion…).
        #[arg(long)]
        inputs: Option<PathBuf>,
        /// Replications (with --sobol: base samples N, for N·(inputs + 2) runs).
        #[arg(long, default_value_t = 1000, allow_negative_numbers = true)]
        runs: usize,
        /// Seed: the same seed gives the same results at any thread count.
        #[arg(long, default_value_t = 1, allow_negative_numbers = true)]
        seed: u64,
        /// Also run the variance-based sensitivity analysis (Sobol indices).
        #[arg(long)]
        sobol: bool,
        /// Quasi-random points (scrambled Sobol sequence) instead of pseudo-random ones.
        #[arg(long)]
        quasi: bool,
        /// Bootstrap resamples for the confidence intervals of the Sobol indices.
        #[arg(long, default_value_t = 1000, allow_negative_numbers = true)]
        bootstrap: usize,
        /// Also write every run: runs.csv and run_inputs.csv.
        #[arg(long)]
        keep_runs: bool,
        /// Output directory.
        #[arg(long)]
        out: PathBuf,
    },
    /// Validate a panel file of your own (CSV or Parquet) and print its row accounting.
    Check {
        /// The panel file: columns actor, partner, year, indicator, value (+ dimension, unit).
        panel: PathBuf,
    },
}

/// The COINr inputs and method arguments shared by `index` and `uncertainty`.
#[derive(Args)]
struct CoinrArgs {
    /// COINr iData CSV (uCode, indicator columns, groups, denominators).
    #[arg(long)]
    idata: PathBuf,
    /// COINr iMeta CSV (iCode, Level, Type, Parent, Weight, Direction…).
    #[arg(long)]
    imeta: PathBuf,
    /// Normalisation of every indicator.
    #[arg(long, value_enum, default_value_t = NormaliseArg::Minmax)]
    normalise: NormaliseArg,
    /// Lower bound (min-max, scaled) or mean (z-score).
    #[arg(long, allow_negative_numbers = true)]
    lo: Option<f64>,
    /// Upper bound (min-max, scaled) or standard deviation (z-score).
    #[arg(long, allow_negative_numbers = true)]
    hi: Option<f64>,
    /// Exponent of the generalised mean.
    #[arg(long, default_value_t = 2.0, allow_negative_numbers = true)]
    p: f64,
    /// Apply COINr's default outlier treatment before normalising.
    #[arg(long)]
    treat: bool,
    /// Divide indicators by iMeta's Denominator column first (COINr Denominate()).
    #[arg(long)]
    denominate: bool,
}

impl CoinrArgs {
    /// Read the tables and turn the method arguments into index options, with `aggregate`
    /// (an aggregation method) at every level.
    fn load(&self, aggregate: AggregateArg) -> Result<(coinr::CoinrData, IndexOptions), CliError> {
        let data = coinr::read(&self.idata, &self.imeta)?;
        let opts = IndexOptions {
            normalise: normalise_spec(self.normalise, self.lo, self.hi)?,
            aggregate: aggregate_spec(aggregate, self.p),
            treat: self.treat,
            denominate: self.denominate,
        };
        Ok((data, opts))
    }
}

/// Normalisation methods on the command line (COINr names without the `n_`).
#[derive(Clone, Copy, ValueEnum)]
enum NormaliseArg {
    Minmax,
    Zscore,
    Scaled,
    Dist2max,
    Fracmax,
    Rank,
    Borda,
    Prank,
    None,
}

/// Aggregation methods on the command line.
#[derive(Clone, Copy, ValueEnum)]
enum AggregateArg {
    Arithmetic,
    Geometric,
    Harmonic,
    Generalised,
    Copeland,
}

fn normalise_spec(
    n: NormaliseArg,
    lo: Option<f64>,
    hi: Option<f64>,
) -> Result<NormaliseSpec, CliError> {
    let needs = |what: &str| CliError::Usage(format!("--normalise {what} needs --lo and --hi"));
    Ok(match n {
        NormaliseArg::Minmax => NormaliseSpec::Minmax {
            lower: lo.unwrap_or(0.0),
            upper: hi.unwrap_or(100.0),
        },
        NormaliseArg::Zscore => NormaliseSpec::Zscore {
            mean: lo.unwrap_or(0.0),
            sd: hi.unwrap_or(1.0),
        },
        NormaliseArg::Scaled => NormaliseSpec::Scaled {
            lower: lo.ok_or_else(|| needs("scaled"))?,
            upper: hi.ok_or_else(|| needs("scaled"))?,
        },
        NormaliseArg::Dist2max => NormaliseSpec::Dist2max,
        NormaliseArg::Fracmax => NormaliseSpec::Fracmax,
        NormaliseArg::Rank => NormaliseSpec::Rank,
        NormaliseArg::Borda => NormaliseSpec::Borda,
        NormaliseArg::Prank => NormaliseSpec::Prank,
        NormaliseArg::None => NormaliseSpec::None,
    })
}

fn aggregate_spec(a: AggregateArg, p: f64) -> AggregateSpec {
    match a {
        AggregateArg::Arithmetic => AggregateSpec::Arithmetic,
        AggregateArg::Geometric => AggregateSpec::Geometric,
        AggregateArg::Harmonic => AggregateSpec::Harmonic,
        AggregateArg::Generalised => AggregateSpec::Generalised { p },
        AggregateArg::Copeland => AggregateSpec::Copeland,
    }
}

/// The extensions `score --out` writes (a path without one is written as CSV).
const SCORES_EXTENSIONS: [&str; 2] = ["csv", "parquet"];

/// `score --out`: a known extension, and not one of the `inputs` (compared once canonicalised,
/// so `./panel.csv` and `panel.csv` are the same file).
fn check_scores_out(out: &Path, inputs: &[&Path]) -> Result<(), CliError> {
    if let Some(ext) = out.extension() {
        let ext = ext.to_string_lossy();
        if !SCORES_EXTENSIONS
            .iter()
            .any(|e| ext.eq_ignore_ascii_case(e))
        {
            return Err(CliError::Usage(format!(
                "--out {}: unknown extension `.{ext}`: the scores are written as .csv or .parquet",
                out.display()
            )));
        }
    }
    let Ok(target) = out.canonicalize() else {
        return Ok(()); // not there yet: it cannot be an input
    };
    for input in inputs {
        if input.canonicalize().is_ok_and(|i| i == target) {
            return Err(CliError::Usage(format!(
                "--out {} is the input {}: writing the scores would overwrite it",
                out.display(),
                input.display()
            )));
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    linkage::io::panel_file::quiet_caught_read_panics();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e @ CliError::Usage(_)) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command) -> Result<(), CliError> {
    match command {
        Command::Report {
            out,
            data,
            uncertainty,
            quality,
        } => {
            let opts = ReportOptions {
                data_dir: data.unwrap_or_else(linkage::default_data_dir),
                out_dir: out,
                uncertainty_runs: uncertainty,
                quality: quality.map(QualityMode::from),
            };
            let s = report::run(&opts)?;
            println!("{}", s.summary);
            println!("{} panel rows; wrote:", s.panel_rows);
            for f in &s.files {
                println!("  {}", f.display());
            }
            Ok(())
        }
        Command::Index {
            coinr,
            aggregate,
            out,
        } => {
            let (data, opts) = coinr.load(aggregate)?;
            let fw = data.framework(&opts)?;
            let scores = build(&fw, &data.coin)?;
            csv::write(&out, &data.results(&fw, &scores), NumberStyle::Plain)?;
            for t in &scores.treatments {
                let tr = &t.treatment;
                let how = if tr.log_transform.is_some() {
                    "log transformed".to_string()
                } else {
                    format!(
                        "winsorised {} point(s)",
                        tr.winsorised_high.len() + tr.winsorised_low.len()
                    )
                };
                eprintln!("treated {}: {how}", fw.indicators()[t.indicator].code());
            }
            println!("wrote {} ({} units)", out.display(), data.coin.len());
            Ok(())
        }
        Command::Score {
            panel,
            spec,
            out,
            indicators,
            quality,
        } => {
            check_scores_out(&out, &[&panel, &spec])?;
            let conc = linkage::Concordance::load(linkage::default_data_dir())?;
            let mut fw = linkage::score::spec::Spec::read(&spec)?.resolve()?;
            if let Some(q) = quality {
                fw = fw.with_quality(q.into());
            }
            let options = linkage::presence::stream::ScoreFileOptions { indicators };
            let done = linkage::presence::stream::score_file(&panel, &fw, &conc, &out, options)?;
            eprintln!("{}", done.accounting);
            for t in &done.treatments {
                eprintln!(
                    "treated {} in block {}",
                    fw.indicators()[t.indicator].code(),
                    t.block
                );
            }
            println!(
                "scored {} units ({} rows) -> {}",
                done.units,
                done.rows_written,
                out.display()
            );
            Ok(())
        }
        Command::Uncertainty {
            coinr,
            aggregate,
            weight_noise,
            noise_levels,
            inputs,
            runs,
            seed,
            sobol,
            quasi,
            bootstrap,
            keep_runs,
            out,
        } => {
            let nominal = aggregate
                .first()
                .copied()
                .unwrap_or(AggregateArg::Arithmetic);
            let (data, opts) = coinr.load(nominal)?;
            let aggs: Vec<AggregateSpec> = aggregate
                .iter()
                .map(|&a| aggregate_spec(a, coinr.p))
                .collect();
            let fw = data.framework(&opts)?;
            let mut inputs = match &inputs {
                Some(f) => Inputs::read(f)?,
                None => Inputs::default(),
            };
            if let Some(noise) = weight_noise {
                let levels = if noise_levels.is_empty() {
                    (1..fw.levels()).collect()
                } else {
                    noise_levels
                };
                inputs.weights.extend(
                    levels
                        .into_iter()
                        .map(|level| ua::inputs::WeightNoise { level, noise }),
                );
            }
            if aggs.len() > 1 {
                if inputs.aggregate.is_some() {
                    return Err(CliError::Usage(
                        "--aggregate lists alternatives and --inputs has an [aggregate] table: give one".into(),
                    ));
                }
                inputs.aggregate = Some(ua::inputs::AggregateInput {
                    nominal: false,
                    alternatives: aggs,
                    levels: Vec::new(),
                });
            }
            let engine = Engine::new(&fw, &data.coin, &inputs)?;
            let sampling = if quasi {
                ua::Sampling::Sobol
            } else {
                ua::Sampling::Random
            };
            let result = engine.ua(&ua::UaOptions {
                runs,
                seed,
                sampling,
                keep_runs,
                progress: true,
            })?;
            let mut files = result.write(&engine, &out)?;
            println!(
                "{runs} replications of {} units, {} uncertain input(s); mean |rank shift| {:.2}",
                engine.units().len(),
                engine.design().inputs.len(),
                result.mean_abs_rank_shift
            );
            if sobol {
                let sa = engine.sa(&ua::SaOptions {
                    sobol: ua::sa::SobolOptions {
                        base_samples: runs,
                        seed,
                        sampling,
                        bootstrap,
                        confidence: 0.95,
                        progress: true,
                    },
                    output: ua::SaOutput::Rank,
                    per_unit: true,
                })?;
                println!("Sobol indices of the mean |rank shift| ({} runs):", sa.runs);
                for (name, ix) in sa.inputs.iter().zip(&sa.overall) {
                    println!(
                        "  {name:<20} first {:>6.3}  total {:>6.3}",
                        ix.first, ix.total
                    );
                }
                files.extend(sa.write(&out)?);
            }
            println!("wrote:");
            for f in &files {
                println!("  {}", f.display());
            }
            Ok(())
        }
        Command::Check { panel } => {
            let conc = linkage::Concordance::load(linkage::default_data_dir())?;
            let checked = linkage::io::panel_file::check_file(&panel, &conc)?;
            println!("{}", checked.accounting);
            let s = &checked.records;
            let years = s
                .years
                .map_or("no year with a value".to_string(), |(a, b)| {
                    format!("years {a}–{b}")
                });
            println!(
                "{} indicators, {} actors, {} partners, {years}",
                s.indicators.len(),
                s.actors.len(),
                s.partners.len()
            );
            Ok(())
        }
    }
}
