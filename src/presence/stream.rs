//! Scoring a panel file of one's own, at scale: panel file → presence scores file, holding
//! one units × indicators matrix and one batch of the file in memory.
//!
//! [`scan_coin`] reads the file twice (see [`crate::io::panel_file`] for the batches and the
//! rules): the first pass checks every row and collects the (actor, partner, year) units, the
//! second writes the values into a matrix allocated once at its final size.
//!
//! The steps are those of [`crate::presence::score`] — the same units, blocks and scores —
//! run with [`build_lean`] (in place, no intermediate stage kept). Ranks (1 = the most present
//! actor in that partner and year; ties share the smallest rank) are computed one ranking
//! block at a time while writing, and rows are written in batches, so neither the ranks nor
//! the output exist whole in memory.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::error::{Error, Result};
use crate::io::panel_file::{PanelRules, for_each_row, pack, repeated_key};
use crate::io::scores_file::{ScoreRow, ScoresFile};
use crate::panel::accounting::Accounting;
use crate::panel::country::Concordance;
use crate::panel::flag::Flag;
use crate::presence::coin::coin_from_units_labelled;
use crate::presence::{Unit, used_codes};
use crate::quality::QualityMode;
use crate::score::build::{LeanScores, TreatmentRecord, build_lean};
use crate::score::coin::Coin;
use crate::score::matrix::Matrix;
use crate::score::rank::{RankOrder, min_rank_in_place};
use crate::score::spec::{Framework, Node, NormaliseSpec};
use crate::sources::Loaded;

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
/// As [`scan_coin`] and [`build_lean`]; [`Error::Write`] when `out` cannot
/// be written.
///
/// # Examples
/// ```
/// use linkage::{Concordance, presence::stream::{score_file, ScoreFileOptions}, score::spec::Spec};
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
        .indicators()
        .iter()
        .any(|i| matches!(i.normalise(), NormaliseSpec::Dist2ref { .. }));
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

/// Read a panel file straight into the coin that [`crate::presence::score`] scores: one row per
/// (actor, partner, year) unit with a value for a framework indicator (sorted), one column
/// per framework indicator, blocks and series as [`crate::presence::coin()`] sets them. The
/// same coin as `presence::coin(&load_panel(..).records, fw)`, without keeping the rows.
///
/// Every row is checked (see [`PanelRules`]); rows with an empty value and rows of
/// indicators the framework does not use are excluded and counted in the accounting.
/// Returns the units too.
///
/// # Errors
/// As [`PanelRules::check`]; [`Error::DuplicateKey`] for a second value for the same
/// (actor, partner, year, indicator) of a framework indicator, naming both rows;
/// [`Error::Spec`] when the framework names an indicator the file does not have.
///
/// # Examples
/// ```
/// use linkage::{Concordance, presence::stream::scan_coin, score::spec::Spec};
/// let f = std::env::temp_dir().join("linkage-doc-scan.csv");
/// std::fs::write(&f, "actor,partner,year,indicator,value\n\
///     JPN,VNM,2019,trade_share_dots,0.1\nUSA,VNM,2019,trade_share_dots,0.05\n\
///     USA,VNM,2019,aid_share_dac,\n").unwrap();
/// let fw = Spec::from_toml(r#"
///     name = "mine"
///     [[indicator]]
///     code = "trade_share_dots"
///     parent = "presence"
///     [[group]]
///     code = "presence"
/// "#, "doc").unwrap().resolve().unwrap();
/// let c = Concordance::load(linkage::default_data_dir()).unwrap();
/// let scanned = scan_coin(&f, &c, &fw).unwrap();
/// let (coin, units) = &scanned.records;
/// assert_eq!(units.len(), 2);
/// assert_eq!(coin.raw.col(0), &[0.1, 0.05]); // JPN, USA
/// assert_eq!(scanned.accounting.rows_excluded(), 1);
/// ```
pub fn scan_coin(
    path: &Path,
    conc: &Concordance,
    fw: &Framework,
) -> Result<Loaded<(Coin, Vec<Unit>)>> {
    scan(path, conc, fw, true)
}

/// [`scan_coin`], with the coin's unit labels left empty unless `labelled`.
fn scan(
    path: &Path,
    conc: &Concordance,
    fw: &Framework,
    labelled: bool,
) -> Result<Loaded<(Coin, Vec<Unit>)>> {
    let mut rules = PanelRules::new(path, conc);
    // Panel indicator index → framework column, filled as indicators appear.
    let mut column_of: Vec<Option<usize>> = Vec::new();
    let mut column = |rules: &PanelRules<'_>, k: u32| -> Option<usize> {
        while column_of.len() < rules.indicators().len() {
            let code = &rules.indicators()[column_of.len()].code;
            column_of.push(fw.indicator_index(code));
        }
        column_of[k as usize]
    };

    // Pass 1: check every row, collect the units.
    let (mut missing, mut unused) = (0, 0);
    // Rows a data-quality rule flagged (the optional `flag` column), left out unless kept.
    let exclude = fw.quality() == QualityMode::Exclude;
    let mut flagged: BTreeMap<Flag, usize> = BTreeMap::new();
    // Units as met (runs of the same unit counted once), sorted and deduplicated whenever the
    // list has doubled, so it stays within about twice the distinct units.
    let (mut units, mut compacted): (Vec<Unit>, usize) = (Vec::new(), 0);
    let mut last: Option<Unit> = None;
    for_each_row(path, &mut rules, |rules, r| {
        if r.value.is_none() {
            missing += 1;
        } else if column(rules, r.indicator).is_none() {
            unused += 1;
        } else if let Some(f) = r.flag.filter(|_| exclude) {
            *flagged.entry(f).or_default() += 1;
        } else {
            let u = (r.actor, r.partner, r.year);
            if last != Some(u) {
                units.push(u);
                last = Some(u);
                if units.len() >= 2 * compacted + (1 << 16) {
                    units.sort_unstable();
                    units.dedup();
                    compacted = units.len();
                }
            }
        }
        Ok(())
    })?;
    units.sort_unstable();
    units.dedup();
    units.shrink_to_fit();

    // Pass 2: place the values.
    let mut raw = Matrix::new(units.len(), fw.indicators().len());
    let mut used = 0;
    let mut last: Option<(Unit, usize)> = None;
    let changed = || Error::Read {
        path: path.to_path_buf(),
        message: "the file changed while it was being read".into(),
    };
    for_each_row(path, &mut rules, |rules, r| {
        let (Some(v), Some(j)) = (r.value, column(rules, r.indicator)) else {
            return Ok(());
        };
        if exclude && r.flag.is_some() {
            return Ok(());
        }
        let u = (r.actor, r.partner, r.year);
        let i = match last {
            Some((lu, li)) if lu == u => li,
            _ => {
                // In a file sorted like the units the next unit is the next row of the matrix.
                let next = last.map_or(0, |(_, li)| li + 1);
                let i = if units.get(next) == Some(&u) {
                    next
                } else {
                    units.binary_search(&u).map_err(|_| changed())?
                };
                last = Some((u, i));
                i
            }
        };
        let cell = &mut raw.col_mut(j)[i];
        if !cell.is_nan() {
            return Err(repeated_key(path, conc, pack(&r)));
        }
        *cell = v;
        used += 1;
        Ok(())
    })?;
    // After the rows, so that a defect in a row is reported before a spec that does not fit.
    for ind in fw.indicators() {
        if rules.indicator_index(ind.code()).is_none() {
            return Err(fw.spec_error(
                &format!("indicator `{}`", ind.code()),
                format!("the panel {} has no such indicator", path.display()),
            ));
        }
    }

    let mut acc = Accounting::new("user panel", path.display().to_string());
    acc.used(used);
    acc.exclude("value missing", missing);
    acc.exclude("indicator not in the spec", unused);
    for (f, n) in flagged {
        acc.exclude(format!("flagged: {f} (spec quality = \"exclude\")"), n);
    }
    let coin = coin_from_units_labelled(&units, raw, fw, labelled)?;
    Ok(Loaded {
        records: (coin, units),
        accounting: acc,
    })
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
    // Nodes written, with their level: the aggregates, and the indicators when asked.
    let nodes: Vec<(Node, u32)> = fw
        .nodes()
        .filter(|n| options.indicators || matches!(n, Node::Group(_)))
        .map(|n| (n, fw.level(n) as u32))
        .collect();
    let column = |node: Node| match node {
        Node::Indicator(j) => lean.normalised.col(j),
        Node::Group(g) => lean.aggregated.col(g),
    };
    // Ranking blocks in (partner, year) order; members in unit (actor) order.
    let mut blocks = Coin::block_members(&coin.rank_block);
    blocks.sort_by_key(|m| (units[m[0]].1, units[m[0]].2));

    // The children each aggregate score used, as `;`-joined codes: the distinct sets are few,
    // so they are collected first and the rows borrow them.
    let groups: Vec<usize> = nodes
        .iter()
        .filter_map(|(n, _)| match n {
            Node::Group(g) => Some(*g),
            Node::Indicator(_) => None,
        })
        .collect();
    let key = |i: usize, g: usize| -> (usize, Vec<Node>) { (g, lean.used(i, g)) };
    let mut sets: HashMap<(usize, Vec<Node>), usize> = HashMap::new();
    let mut texts: Vec<String> = Vec::new();
    for i in 0..units.len() {
        for &g in &groups {
            if lean.aggregated.get(i, g).is_nan() {
                continue;
            }
            if let std::collections::hash_map::Entry::Vacant(e) = sets.entry(key(i, g)) {
                texts.push(used_codes(fw, &e.key().1));
                e.insert(texts.len() - 1);
            }
        }
    }

    let mut file = ScoresFile::create(out)?;
    let mut ranks: Vec<Vec<f64>> = vec![Vec::new(); nodes.len()];
    let mut scratch = Vec::new();
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
                file.push(ScoreRow {
                    actor: a.as_str(),
                    partner: p.as_str(),
                    year: *y,
                    level,
                    code: fw.code(node),
                    score: v,
                    rank: ranks[c][m] as u32,
                    n_present: match node {
                        Node::Indicator(_) => None,
                        Node::Group(g) => Some(lean.present.get(i, g) as u32),
                    },
                    used: match node {
                        Node::Indicator(_) => None,
                        Node::Group(g) => Some(texts[sets[&key(i, g)]].as_str()),
                    },
                })?;
            }
        }
        file.end_block()?;
    }
    file.finish()
}
