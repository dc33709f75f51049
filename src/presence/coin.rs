//! The coin a presence run scores: one row per (actor, partner, year) unit with data, one
//! column per framework indicator, with the ranking and normalisation blocks and each unit's
//! series.

use std::collections::{BTreeMap, HashMap};

use crate::error::Result;
use crate::panel::country::Iso3;
use crate::panel::{Observation, Panel};
use crate::presence::Unit;
use crate::quality::QualityMode;
use crate::score::coin::Coin;
use crate::score::matrix::Matrix;
use crate::score::spec::{Framework, Scope};

/// The coin [`score`](super::score) builds from a panel: one row per (actor, partner, year) unit with data
/// (sorted; labels `ACTOR|PARTNER|YEAR`), one column per framework indicator, ranking blocks
/// per (partner, year), normalisation blocks per the spec's scope, and each unit's series
/// (actor–partner pair) and year for time-series imputation. Returns the units too.
///
/// Values a data-quality rule flagged are left out (missing) when the framework's
/// [`quality`](Framework::quality) is `exclude`, the default.
///
/// # Errors
/// [`Error::Spec`](crate::Error::Spec) when the framework names an indicator that the panel's metadata does not
/// know.
///
/// # Examples
/// ```
/// use linkage::{Dataset, presence};
/// let data = Dataset::load(linkage::default_data_dir()).unwrap();
/// let panel = data.default_panel().unwrap().panel;
/// let fw = presence::default_spec(&data.dir).unwrap().resolve().unwrap();
/// let (coin, units) = presence::coin(&panel, &fw).unwrap();
/// assert_eq!(coin.len(), units.len());
/// assert_eq!(coin.raw.cols(), fw.indicators().len());
/// ```
pub fn coin(panel: &Panel, fw: &Framework) -> Result<(Coin, Vec<Unit>)> {
    // Panel indicator index → framework column.
    let mut column_of: BTreeMap<u32, usize> = BTreeMap::new();
    for (j, ind) in fw.indicators().iter().enumerate() {
        let k = panel.indicator_index(ind.code()).ok_or_else(|| {
            fw.spec_error(
                &format!("indicator `{}`", ind.code()),
                "the panel has no such indicator",
            )
        })?;
        column_of.insert(k, j);
    }
    let mut unit_index: BTreeMap<(Iso3, Iso3, i32), usize> = BTreeMap::new();
    // Flagged values are missing unless the framework keeps them; a unit whose only values
    // are flagged is not a unit.
    let exclude = fw.quality() == QualityMode::Exclude;
    let scored =
        |o: &&Observation| column_of.contains_key(&o.indicator) && !(exclude && o.flag.is_some());
    for o in panel.rows().iter().filter(scored) {
        unit_index.insert((o.actor, o.partner, o.year), 0);
    }
    let units: Vec<(Iso3, Iso3, i32)> = unit_index.keys().copied().collect();
    for (i, u) in units.iter().enumerate() {
        unit_index.insert(*u, i);
    }
    let mut raw = Matrix::new(units.len(), fw.indicators().len());
    for o in panel.rows().iter().filter(scored) {
        let j = column_of[&o.indicator];
        raw.set(unit_index[&(o.actor, o.partner, o.year)], j, o.value);
    }
    let coin = coin_from_units(&units, raw, fw)?;
    Ok((coin, units))
}

/// The coin for sorted `units` and their raw values (units × framework indicators): labels
/// `ACTOR|PARTNER|YEAR`, ranking blocks per (partner, year), normalisation blocks per the
/// spec's scope, and each unit's series (actor–partner pair) and year.
///
/// # Errors
/// [`Error::Method`](crate::Error::Method) when `raw` does not have one row per unit.
///
/// # Examples
/// ```
/// use linkage::{iso3, presence::coin_from_units, score::{matrix::Matrix, spec::Spec}};
/// let fw = Spec::from_toml("name = \"x\"\nscope = \"year\"\n[[indicator]]\ncode = \"a\"\n\
///     parent = \"top\"\n[[group]]\ncode = \"top\"\n", "doc").unwrap().resolve().unwrap();
/// let units = [(iso3!("JPN"), iso3!("VNM"), 2018), (iso3!("JPN"), iso3!("VNM"), 2019),
///     (iso3!("USA"), iso3!("VNM"), 2019)];
/// let raw = Matrix::from_columns(&[[1.0, 2.0, 3.0]]).unwrap();
/// let coin = coin_from_units(&units, raw, &fw).unwrap();
/// assert_eq!(coin.units[2], "USA|VNM|2019");
/// assert_eq!(coin.rank_block, vec![0, 1, 1]); // JPN and USA are ranked together in 2019
/// assert_eq!(coin.norm_block, vec![2018, 2019, 2019]);
/// ```
pub fn coin_from_units(units: &[Unit], raw: Matrix, fw: &Framework) -> Result<Coin> {
    coin_from_units_labelled(units, raw, fw, true)
}

/// As [`coin_from_units`]; without `labelled` every label is empty (no allocation per unit),
/// for large panels scored where no method reads a label (only distance to a reference unit
/// does).
pub(crate) fn coin_from_units_labelled(
    units: &[Unit],
    raw: Matrix,
    fw: &Framework,
    labelled: bool,
) -> Result<Coin> {
    let labels = units
        .iter()
        .map(|(a, p, y)| {
            if labelled {
                format!("{a}|{p}|{y}")
            } else {
                String::new()
            }
        })
        .collect();
    let mut coin = Coin::new(labels, raw)?;
    let mut ids: HashMap<(Iso3, i32), u32> = HashMap::new();
    let mut entities: HashMap<(Iso3, Iso3), u32> = HashMap::new();
    let mut entity = Vec::with_capacity(units.len());
    let mut time = Vec::with_capacity(units.len());
    for (i, &(a, p, y)) in units.iter().enumerate() {
        let next = ids.len() as u32;
        coin.rank_block[i] = *ids.entry((p, y)).or_insert(next);
        coin.norm_block[i] = match fw.scope() {
            Scope::Panel => 0,
            Scope::Year => y as u32,
        };
        let next = entities.len() as u32;
        entity.push(*entities.entry((a, p)).or_insert(next));
        time.push(y);
    }
    coin.series = Some((entity, time));
    Ok(coin)
}
