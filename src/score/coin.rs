//! The data a framework is scored on: one row per unit, one column per indicator of the
//! [`Framework`], with what normalisation, ranking, denomination and imputation need to know
//! about the units. Named after COINr's container.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::score::matrix::Matrix;
use crate::score::spec::Framework;

/// Units × indicators, with unit metadata. Columns follow [`Framework::indicators`](crate::score::spec::Framework::indicators).
///
/// # Examples
/// ```
/// use linkage::score::{coin::Coin, matrix::Matrix};
/// let raw = Matrix::from_columns(&[[1.0, 2.0, 4.0]]).unwrap();
/// let coin = Coin::new(vec!["A".into(), "B".into(), "C".into()], raw).unwrap();
/// assert_eq!(coin.blocks(), 1);
/// ```
#[derive(Debug, Clone)]
pub struct Coin {
    /// Unit codes (COINr `uCode`), one per row.
    pub units: Vec<String>,
    /// Raw indicator values, NaN = missing.
    pub raw: Matrix,
    /// Per unit, the normalisation block: units are compared only within their block
    /// (all zero: everyone together).
    pub norm_block: Vec<u32>,
    /// Per unit, the ranking block: ranks are computed within it (all zero: one ranking).
    pub rank_block: Vec<u32>,
    /// Denominators by code, one value per unit.
    pub denominators: BTreeMap<String, Vec<f64>>,
    /// Unit groupings by name (COINr `Group` columns), one label per unit.
    pub unit_groups: BTreeMap<String, Vec<String>>,
    /// For panels: per unit, the entity (series id) and the time, for latest-value and
    /// linear-interpolation imputation.
    pub series: Option<(Vec<u32>, Vec<i32>)>,
}

impl Coin {
    /// A coin with one normalisation block and one ranking block.
    ///
    /// # Errors
    /// [`Error::Method`] when the unit count and the matrix rows differ.
    pub fn new(units: Vec<String>, raw: Matrix) -> Result<Coin> {
        if units.len() != raw.rows() {
            return Err(Error::Method {
                method: "coin",
                reason: format!("{} unit codes for {} rows", units.len(), raw.rows()),
            });
        }
        let n = units.len();
        Ok(Coin {
            units,
            raw,
            norm_block: vec![0; n],
            rank_block: vec![0; n],
            denominators: BTreeMap::new(),
            unit_groups: BTreeMap::new(),
            series: None,
        })
    }

    /// Number of units.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Whether there are no units.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// Number of distinct normalisation blocks.
    pub fn blocks(&self) -> usize {
        let mut b = self.norm_block.clone();
        b.sort_unstable();
        b.dedup();
        b.len()
    }

    /// Check the coin against a framework: column count, unit-metadata lengths, denominators
    /// and unit groups that the framework names.
    ///
    /// # Errors
    /// [`Error::Spec`] naming what is missing or mis-sized.
    pub fn check(&self, fw: &Framework) -> Result<()> {
        let n = self.len();
        let bad = |reason: String| {
            Err(Error::Spec {
                context: format!("framework `{}` on this data", fw.name()),
                reason,
            })
        };
        if self.raw.cols() != fw.indicators().len() {
            return bad(format!(
                "the data has {} indicator columns, the framework {}",
                self.raw.cols(),
                fw.indicators().len()
            ));
        }
        if self.norm_block.len() != n || self.rank_block.len() != n {
            return bad("block labels must have one entry per unit".into());
        }
        for ind in fw.indicators() {
            if let Some(d) = ind.denominator() {
                match self.denominators.get(d) {
                    None => {
                        return bad(format!(
                            "indicator `{}` is divided by `{d}`, which the data does not have",
                            ind.code()
                        ));
                    }
                    Some(v) if v.len() != n => {
                        return bad(format!("denominator `{d}` has the wrong length"));
                    }
                    _ => {}
                }
            }
        }
        if let Some(
            crate::score::spec::ImputeSpec::GroupMean { group }
            | crate::score::spec::ImputeSpec::GroupMedian { group },
        ) = &fw.impute()
            && !self.unit_groups.contains_key(group)
        {
            return bad(format!(
                "imputation by group `{group}`, which the data does not have"
            ));
        }
        Ok(())
    }

    /// Unit indices of each normalisation block, in block order.
    pub(crate) fn block_members(blocks: &[u32]) -> Vec<Vec<usize>> {
        let mut by: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        for (i, &b) in blocks.iter().enumerate() {
            by.entry(b).or_default().push(i);
        }
        by.into_values().collect()
    }
}
