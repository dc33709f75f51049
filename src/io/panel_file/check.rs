//! Checking a whole panel file: [`load_panel`] keeps its rows as a [`Panel`], [`check_file`]
//! keeps none (files of tens of millions of rows).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::{PanelRow, PanelRules, USER_MIN_YEAR, for_each_row};
use crate::error::{Error, Location, Result};
use crate::panel::Panel;
use crate::panel::accounting::Accounting;
use crate::panel::country::{Concordance, Iso3};
use crate::panel::indicator::IndicatorMeta;
use crate::sources::Loaded;

/// Load and validate a panel from a `.csv` or `.parquet` file.
///
/// # Errors
/// See the [module docs](super) for the rules; [`Error::Read`] for an unreadable or truncated
/// Parquet file, [`Error::Empty`] for a file without rows.
///
/// # Examples
/// ```
/// use linkage::{Concordance, io::panel_file};
/// let dir = std::env::temp_dir().join("linkage-doc-panel");
/// std::fs::create_dir_all(&dir).unwrap();
/// let f = dir.join("mine.csv");
/// std::fs::write(&f, "actor,partner,year,indicator,value,dimension\n\
///     JPN,VNM,2019,fdi_stock_share,0.18,investment\n\
///     USA,VNM,2019,fdi_stock_share,,investment\n").unwrap();
/// let c = Concordance::load(linkage::default_data_dir()).unwrap();
/// let loaded = panel_file::load_panel(&f, &c).unwrap();
/// assert_eq!(loaded.records.len(), 1);
/// assert_eq!(loaded.accounting.rows_excluded(), 1); // the empty value: missing, not zero
/// ```
pub fn load_panel(path: &Path, conc: &Concordance) -> Result<Loaded<Panel>> {
    let mut rules = PanelRules::new(path, conc);
    let mut acc = Accounting::new("user panel", path.display().to_string());
    let mut rows = Vec::new();
    let mut first_row: HashMap<(Iso3, Iso3, i32, u32), usize> = HashMap::new();
    for_each_row(path, &mut rules, |rules, r| {
        let Some(v) = r.value else {
            acc.exclude("value missing", 1);
            return Ok(());
        };
        if let Some(first) = first_row.insert((r.actor, r.partner, r.year, r.indicator), r.row) {
            let code = &rules.indicators()[r.indicator as usize].code;
            return Err(Error::DuplicateKey {
                at: Location::row(path, r.row),
                first_row: first,
                key: format!("({}, {}, {}, {code})", r.actor, r.partner, r.year),
            });
        }
        rows.push((r, v));
        acc.used(1);
        Ok(())
    })?;
    drop(first_row);
    let mut panel = Panel::new(rules.indicators().to_vec())?;
    for (r, v) in rows {
        let code = &rules.indicators()[r.indicator as usize].code;
        panel.push(r.actor, r.partner, r.year, code, v)?;
        if r.flag.is_some() {
            panel.set_flag(panel.len() - 1, r.flag);
        }
    }
    Ok(Loaded {
        records: panel,
        accounting: acc,
    })
}

/// What [`check_file`] found in a valid panel file.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelSummary {
    /// The indicators, in order of first appearance.
    pub indicators: Vec<IndicatorMeta>,
    /// Distinct actors with a value, sorted.
    pub actors: Vec<Iso3>,
    /// Distinct partners with a value, sorted.
    pub partners: Vec<Iso3>,
    /// First and last year with a value (`None` when every value is missing).
    pub years: Option<(i32, i32)>,
}

/// Check a whole panel file as [`crate::io::panel_file::load_panel`] does — every rule, repeated keys
/// included — without keeping its rows: memory is one 8-byte key per row with a value plus
/// one row group, so files of tens of millions of rows can be checked (`linkage check`).
///
/// Repeated keys are found by sorting the packed keys (actor, partner, year, indicator); the
/// two rows are then named by a second read.
///
/// # Errors
/// As [`PanelRules::check`]; [`Error::DuplicateKey`] naming both rows.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, io::panel_file::check_file};
/// let f = std::env::temp_dir().join("linkage-doc-check.csv");
/// std::fs::write(&f, "actor,partner,year,indicator,value\n\
///     JPN,VNM,2019,trade_share_dots,0.1\nUSA,VNM,2018,trade_share_dots,\n").unwrap();
/// let c = Concordance::load(linkage::default_data_dir()).unwrap();
/// let checked = check_file(&f, &c).unwrap();
/// assert_eq!(checked.records.actors, vec![iso3!("JPN")]);
/// assert_eq!(checked.records.years, Some((2019, 2019)));
/// assert_eq!(checked.accounting.rows_excluded(), 1); // the empty value
/// ```
pub fn check_file(path: &Path, conc: &Concordance) -> Result<Loaded<PanelSummary>> {
    let mut rules = PanelRules::new(path, conc);
    let mut keys: Vec<u64> = Vec::new();
    let (mut missing, mut actors, mut partners) = (0, HashSet::new(), HashSet::new());
    let mut years: Option<(i32, i32)> = None;
    for_each_row(path, &mut rules, |_, r| {
        if r.value.is_none() {
            missing += 1;
            return Ok(());
        }
        keys.push(pack(&r));
        actors.insert(r.actor);
        partners.insert(r.partner);
        years = Some(years.map_or((r.year, r.year), |(a, b)| (a.min(r.year), b.max(r.year))));
        Ok(())
    })?;
    let used = keys.len();
    keys.sort_unstable();
    if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
        return Err(repeated_key(path, conc, w[0]));
    }
    drop(keys);
    let mut acc = Accounting::new("user panel", path.display().to_string());
    acc.used(used);
    acc.exclude("value missing", missing);
    let sorted = |set: HashSet<Iso3>| {
        let mut v: Vec<Iso3> = set.into_iter().collect();
        v.sort_unstable();
        v
    };
    Ok(Loaded {
        records: PanelSummary {
            indicators: rules.indicators().to_vec(),
            actors: sorted(actors),
            partners: sorted(partners),
            years,
        },
        accounting: acc,
    })
}

/// A row's key in 64 bits: actor and partner (15 bits each: three letters in base 26), the
/// year from 1800 (9 bits), the indicator index (25 bits, see [`MAX_INDICATORS`]).
pub(crate) fn pack(r: &PanelRow) -> u64 {
    let code = |c: Iso3| {
        c.as_str()
            .bytes()
            .fold(0u64, |acc, b| acc * 26 + u64::from(b - b'A'))
    };
    let year = (r.year - USER_MIN_YEAR) as u64;
    (code(r.actor) << 49) | (code(r.partner) << 34) | (year << 25) | u64::from(r.indicator)
}

/// The error for the repeated packed key `key`: another read finds its first two rows (on the
/// error path only).
pub(crate) fn repeated_key(path: &Path, conc: &Concordance, key: u64) -> Error {
    let mut rules = PanelRules::new(path, conc);
    let mut rows = Vec::new();
    let mut found = None;
    let read = for_each_row(path, &mut rules, |rules, r| {
        if r.value.is_some() && rows.len() < 2 && pack(&r) == key {
            rows.push(r.row);
            if found.is_none() {
                let code = &rules.indicators()[r.indicator as usize].code;
                found = Some(format!("({}, {}, {}, {code})", r.actor, r.partner, r.year));
            }
        }
        Ok(())
    });
    match (read, rows.as_slice(), found) {
        (Ok(()), &[first_row, row], Some(key)) => Error::DuplicateKey {
            at: Location::row(path, row),
            first_row,
            key,
        },
        _ => Error::Read {
            path: path.to_path_buf(),
            message: "the file changed while it was being read".into(),
        },
    }
}
