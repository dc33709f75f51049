//! Monte Carlo uncertainty and sensitivity analysis of a composite indicator: how much do the
//! ranks move when the choices behind them (weights, normalisation, aggregation, imputation,
//! which indicators) move?
//!
//! * [`inputs`]: the uncertain inputs as a TOML-able spec ([`Inputs`]), validated once into a
//!   [`inputs::Design`].
//! * [`engine`]: normalise once per alternative, then replicate by re-weighting,
//!   re-aggregating and re-ranking only ([`Engine`]).
//! * [`ua`]: uncertainty analysis, N replications → per unit the nominal rank, median rank,
//!   5th/95th percentile ranks, mean and median score ([`Engine::ua`]).
//! * [`sa`]: variance-based sensitivity analysis with the Saltelli design: first-order
//!   (Saltelli et al. 2010) and total (Jansen 1999) Sobol indices, bootstrap confidence
//!   intervals ([`Engine::sa`]; [`sa::saltelli`] for any model).
//! * [`sample`]: one random stream per replication, derived from `(seed, run index)`, so the
//!   results are identical at any thread count; optional scrambled Sobol points.
//!
//! This follows COINr's `get_sensitivity()` (Becker et al.), whose replications rebuild the
//! whole index; here a replication costs microseconds and runs in parallel (rayon). A
//! progress bar is drawn on stderr only when asked and stderr is a terminal.
//!
//! ```
//! use linkage::score::coinr::{IndexOptions, read};
//! use linkage::uncertainty::{Inputs, Engine, UaOptions};
//! let dir = linkage::default_data_dir().join("asem");
//! let data = read(&dir.join("ASEM_iData.csv"), &dir.join("ASEM_iMeta.csv")).unwrap();
//! let fw = data.framework(&IndexOptions::default()).unwrap();
//! let engine = Engine::new(&fw, &data.coin, &Inputs::weight_noise(&[2, 3], 0.25)).unwrap();
//! let ua = engine.ua(&UaOptions { runs: 200, ..Default::default() }).unwrap();
//! let s = &ua.stats[0];
//! assert!(s.q05_rank <= s.median_rank && s.median_rank <= s.q95_rank);
//! ```

pub mod engine;
pub mod inputs;
pub mod sa;
pub mod sample;
pub mod tables;
pub mod ua;

use std::sync::Mutex;

use rayon::prelude::*;

pub use engine::{Engine, Workspace};
pub use inputs::Inputs;
pub use sa::{Sa, SaOptions, SaOutput, SobolIndex};
pub use sample::Sampling;
pub use ua::{Ua, UaOptions, UnitStats};

use crate::error::{Error, Result};
use crate::panel::Panel;
use crate::score::spec::Framework;

/// Rows handed to one parallel task: small enough to balance, large enough to amortise.
const CHUNK: usize = 8;

/// Fewest runs for which a progress bar is worth drawing.
#[cfg(feature = "cli")]
const PROGRESS_MIN_RUNS: usize = 2_000;

/// A progress bar on stderr when `wanted`, the job is long enough, and stderr is a terminal
/// (drawn by indicatif, with the `cli` feature).
#[cfg(feature = "cli")]
fn progress_bar(wanted: bool, runs: usize) -> Option<indicatif::ProgressBar> {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    use std::io::IsTerminal;
    if !wanted || runs < PROGRESS_MIN_RUNS || !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = ProgressBar::with_draw_target(Some(runs as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} replications, {eta} left")
    {
        pb.set_style(style);
    }
    Some(pb)
}

/// Without the `cli` feature there is no progress bar.
#[cfg(not(feature = "cli"))]
fn progress_bar(_wanted: bool, _runs: usize) -> Option<NoBar> {
    None
}

/// The progress bar of a build without the `cli` feature: never drawn.
#[cfg(not(feature = "cli"))]
struct NoBar;

#[cfg(not(feature = "cli"))]
impl NoBar {
    fn inc(&self, _delta: u64) {}
    fn finish_and_clear(&self) {}
}

/// Fill `out` (`rows × width`, row-major) in parallel: `f(state, row, out_row)` for every
/// row, with one `init()` state per worker thread. Results do not depend on the number of
/// threads as long as `f` depends only on `row`. On failure, the error of the lowest failing
/// row is returned with that row's index (every task runs to its own first failure, so the
/// choice is deterministic).
pub(crate) fn par_rows<W, I, F>(
    out: &mut [f64],
    width: usize,
    runs_per_row: usize,
    progress: bool,
    init: I,
    f: F,
) -> std::result::Result<(), (usize, Error)>
where
    W: Send,
    I: Fn() -> W + Sync,
    F: Fn(&mut W, usize, &mut [f64]) -> Result<()> + Sync,
{
    let rows = out.len() / width.max(1);
    let pb = progress_bar(progress, rows * runs_per_row);
    let states: Vec<Mutex<Option<W>>> = (0..rayon::current_num_threads())
        .map(|_| Mutex::new(None))
        .collect();
    let failures: Vec<(usize, Error)> = out
        .par_chunks_mut(CHUNK * width.max(1))
        .enumerate()
        .filter_map(|(c, chunk)| {
            let slot = rayon::current_thread_index().and_then(|t| states.get(t));
            let mut local = None;
            // try_lock: a model that itself uses rayon may run another chunk on this thread
            // while one holds the lock; that chunk then works with a state of its own.
            let mut guard = slot.and_then(|m| match m.try_lock() {
                Ok(g) => Some(g),
                Err(std::sync::TryLockError::Poisoned(p)) => Some(p.into_inner()),
                Err(std::sync::TryLockError::WouldBlock) => None,
            });
            let state = match guard.as_deref_mut() {
                Some(s) => s.get_or_insert_with(&init),
                None => local.get_or_insert_with(&init),
            };
            for (r, row) in chunk.chunks_mut(width.max(1)).enumerate() {
                let index = c * CHUNK + r;
                if let Err(e) = f(state, index, row) {
                    return Some((index, e));
                }
            }
            if let Some(pb) = &pb {
                pb.inc((chunk.len() / width.max(1) * runs_per_row) as u64);
            }
            None
        })
        .collect();
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    match failures.into_iter().min_by_key(|(i, _)| *i) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Uncertainty analysis of presence scores: the overall score's rank of each actor among the
/// actors in one partner and year, under `inputs`.
#[derive(Debug, Clone)]
pub struct PresenceUa {
    /// Units: (actor, partner, year), as [`crate::presence::Presence::units`].
    pub units: Vec<crate::presence::Unit>,
    /// Rank statistics, one per unit, in the same order.
    pub ua: Ua,
}

/// Run an uncertainty analysis on presence scores: the panel scored with `fw` as
/// [`crate::presence::score`] does (same units, blocks and ranks), then `opts.runs`
/// replications under `inputs`.
///
/// # Errors
/// As [`crate::presence::coin()`], [`Engine::new`] and [`Engine::ua`].
///
/// # Examples
/// ```
/// use linkage::{Dataset, presence, uncertainty::{self, Inputs, UaOptions}};
/// let data = Dataset::load(linkage::default_data_dir()).unwrap();
/// let panel = data.default_panel().unwrap().panel;
/// let fw = presence::default_spec(&data.dir).unwrap().resolve().unwrap();
/// let u = uncertainty::presence(&panel, &fw, &Inputs::weight_noise(&[2], 0.25),
///     &UaOptions { runs: 20, ..Default::default() }).unwrap();
/// assert_eq!(u.units.len(), u.ua.stats.len());
/// ```
pub fn presence(
    panel: &Panel,
    fw: &Framework,
    inputs: &Inputs,
    opts: &UaOptions,
) -> Result<PresenceUa> {
    let (coin, units) = crate::presence::coin(panel, fw)?;
    let engine = Engine::new(fw, &coin, inputs)?;
    Ok(PresenceUa {
        units,
        ua: engine.ua(opts)?,
    })
}
