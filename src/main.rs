//! `linkage` command line: the report on the shipped data, and tools for a user's own panel.
//!
//! Exit codes: 0 success, 1 a data or method error (message on stderr), 2 a usage error.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use linkage::report::{self, ReportOptions};
use linkage::score::build::build;
use linkage::score::coinr::{self, IndexOptions};
use linkage::score::spec::{AggregateSpec, NormaliseSpec};

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
    },
    /// Build a composite index from COINr's iData/iMeta tables (CSV), COINr's way.
    Index {
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
        #[arg(long)]
        lo: Option<f64>,
        /// Upper bound (min-max, scaled) or standard deviation (z-score).
        #[arg(long)]
        hi: Option<f64>,
        /// Aggregation at every level.
        #[arg(long, value_enum, default_value_t = AggregateArg::Arithmetic)]
        aggregate: AggregateArg,
        /// Exponent of the generalised mean.
        #[arg(long, default_value_t = 2.0)]
        p: f64,
        /// Apply COINr's default outlier treatment before normalising.
        #[arg(long)]
        treat: bool,
        /// Divide indicators by iMeta's Denominator column first (COINr Denominate()).
        #[arg(long)]
        denominate: bool,
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
        /// Output file: .csv or .parquet (actor, partner, year, level, code, score, rank, n_present).
        #[arg(long)]
        out: PathBuf,
    },
    /// Validate a panel file of your own (CSV or Parquet) and print its row accounting.
    Check {
        /// The panel file: columns actor, partner, year, indicator, value (+ dimension, unit).
        panel: PathBuf,
    },
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
) -> linkage::Result<NormaliseSpec> {
    let needs =
        |what: &str| linkage::Error::Usage(format!("--normalise {what} needs --lo and --hi"));
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

fn main() -> ExitCode {
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
        Err(e @ linkage::Error::Usage(_)) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command) -> linkage::Result<()> {
    match command {
        Command::Report { out, data } => {
            let opts = ReportOptions {
                data_dir: data.unwrap_or_else(linkage::default_data_dir),
                out_dir: out,
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
            idata,
            imeta,
            normalise,
            lo,
            hi,
            aggregate,
            p,
            treat,
            denominate,
            out,
        } => {
            let data = coinr::read(&idata, &imeta)?;
            let opts = IndexOptions {
                normalise: normalise_spec(normalise, lo, hi)?,
                aggregate: match aggregate {
                    AggregateArg::Arithmetic => AggregateSpec::Arithmetic,
                    AggregateArg::Geometric => AggregateSpec::Geometric,
                    AggregateArg::Harmonic => AggregateSpec::Harmonic,
                    AggregateArg::Generalised => AggregateSpec::Generalised { p },
                    AggregateArg::Copeland => AggregateSpec::Copeland,
                },
                treat,
                denominate,
            };
            let fw = data.framework(&opts)?;
            let scores = build(&fw, &data.coin)?;
            std::fs::write(&out, data.results_csv(&fw, &scores)).map_err(|e| {
                linkage::Error::Io {
                    path: out.clone(),
                    source: e,
                }
            })?;
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
                eprintln!("treated {}: {how}", fw.indicators[t.indicator].code);
            }
            println!("wrote {} ({} units)", out.display(), data.coin.len());
            Ok(())
        }
        Command::Score { panel, spec, out } => {
            let conc = linkage::Concordance::load(linkage::default_data_dir())?;
            let fw = linkage::score::spec::Spec::read(&spec)?.resolve()?;
            let loaded = linkage::panel_io::load_panel(&panel, &conc)?;
            eprintln!("{}", loaded.accounting);
            let scored = linkage::presence::score(&loaded.records, &fw)?;
            let mut frame = scored.to_frame()?;
            let parquet = out
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("parquet"));
            if parquet {
                linkage::panel_io::write_parquet(&mut frame, &out)?;
            } else {
                linkage::panel_io::write_csv(&mut frame, &out)?;
            }
            println!(
                "scored {} units ({} rows) -> {}",
                scored.units.len(),
                frame.height(),
                out.display()
            );
            Ok(())
        }
        Command::Check { panel } => {
            let conc = linkage::Concordance::load(linkage::default_data_dir())?;
            let loaded = linkage::panel_io::load_panel(&panel, &conc)?;
            println!("{}", loaded.accounting);
            println!(
                "{} indicators, {} actors, {} partners",
                loaded.records.indicators().len(),
                loaded.records.actors().len(),
                loaded.records.partners().len()
            );
            Ok(())
        }
    }
}
