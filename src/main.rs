//! `linkage` command line: the report on the shipped data, and tools for a user's own panel.
//!
//! Exit codes: 0 success, 1 a data or method error (message on stderr), 2 a usage error.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use linkage::report::{self, ReportOptions};

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
    /// Validate a panel file of your own (CSV or Parquet) and print its row accounting.
    Check {
        /// The panel file: columns actor, partner, year, indicator, value (+ dimension, unit).
        panel: PathBuf,
    },
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
