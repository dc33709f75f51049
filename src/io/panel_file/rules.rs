//! The rules of a user panel, applied one row at a time ([`PanelRules`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{MAX_INDICATORS, USER_MAX_YEAR, USER_MIN_YEAR, for_each_batch};
use crate::error::{Error, Location, Result};
use crate::io::table::{Cells, Table};
use crate::panel::country::{Concordance, Iso3};
use crate::panel::flag::Flag;
use crate::panel::indicator::{Dimension, IndicatorMeta, catalogue};

/// The panel columns of one batch.
pub struct PanelColumns<'t> {
    actor: Cells<'t>,
    partner: Cells<'t>,
    year: Cells<'t>,
    indicator: Cells<'t>,
    value: Cells<'t>,
    dimension: Option<Cells<'t>>,
    unit: Option<Cells<'t>>,
    flag: Option<Cells<'t>>,
}

impl<'t> PanelColumns<'t> {
    /// The columns of a batch.
    ///
    /// # Errors
    /// [`Error::MissingColumn`] when a required column is absent.
    pub fn of(t: &'t Table) -> Result<PanelColumns<'t>> {
        let optional = |name: &str| -> Result<Option<Cells<'t>>> {
            if t.has(name) {
                t.column(name).map(Some)
            } else {
                Ok(None)
            }
        };
        Ok(PanelColumns {
            actor: t.column("actor")?,
            partner: t.column("partner")?,
            year: t.column("year")?,
            indicator: t.column("indicator")?,
            value: t.column("value")?,
            dimension: optional("dimension")?,
            unit: optional("unit")?,
            flag: optional("flag")?,
        })
    }
}

/// One checked row. `value` is `None` when the cell is empty (missing, not zero).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PanelRow {
    /// The outside power.
    pub actor: Iso3,
    /// The country it is present in.
    pub partner: Iso3,
    /// Calendar year.
    pub year: i32,
    /// Index into [`PanelRules::indicators`].
    pub indicator: u32,
    /// The value, finite; `None` when missing.
    pub value: Option<f64>,
    /// The data-quality rule named in the optional `flag` column (as `panel.csv` writes it);
    /// `None` when the column is absent or the cell empty.
    pub flag: Option<Flag>,
    /// Row number in the file (1-based, header not counted).
    pub row: usize,
}

/// The rules of a user panel, applied one row at a time; collects the indicator metadata
/// (from the catalogue, or from the row's `dimension` and `unit` cells the first time a code
/// appears).
///
/// # Examples
/// ```
/// use linkage::{Concordance, io::panel_file::{PanelColumns, PanelRules}, io::table::Table};
/// let c = Concordance::load(linkage::default_data_dir()).unwrap();
/// let t = Table::from_bytes("p.csv", b"actor,partner,year,indicator,value\n\
///     JPN,VNM,2019,trade_share_dots,0.1\nJPN,VNM,2019,trade_share_dots,-1\n".to_vec()).unwrap();
/// let cols = PanelColumns::of(&t).unwrap();
/// let mut rules = PanelRules::new(t.path(), &c);
/// assert_eq!(rules.check(&cols, 0).unwrap().value, Some(0.1));
/// let e = rules.check(&cols, 1).unwrap_err(); // a trade share cannot be negative
/// assert!(e.to_string().starts_with("p.csv: row 2, field `value`"));
/// ```
pub struct PanelRules<'c> {
    path: PathBuf,
    conc: &'c Concordance,
    catalogue: HashMap<String, IndicatorMeta>,
    indicators: Vec<IndicatorMeta>,
    index: HashMap<String, u32>,
}

impl<'c> PanelRules<'c> {
    /// Rules for the file `path`, with country codes checked against `conc`.
    pub fn new(path: &Path, conc: &'c Concordance) -> PanelRules<'c> {
        PanelRules {
            path: path.to_path_buf(),
            conc,
            catalogue: catalogue()
                .into_iter()
                .map(|m| (m.code.clone(), m))
                .collect(),
            indicators: Vec::new(),
            index: HashMap::new(),
        }
    }

    /// The indicators met so far, in order of first appearance.
    pub fn indicators(&self) -> &[IndicatorMeta] {
        &self.indicators
    }

    /// Index of an indicator code met so far.
    pub fn indicator_index(&self, code: &str) -> Option<u32> {
        self.index.get(code).copied()
    }

    fn country(&self, cells: &Cells<'_>, i: usize) -> Result<Iso3> {
        let s = cells.required_text(i)?;
        self.conc
            .parse_iso3(s)
            .ok_or_else(|| cells.unknown_country(i, s))
    }

    fn add_indicator(&mut self, cols: &PanelColumns<'_>, i: usize, code: &str) -> Result<u32> {
        let meta = match self.catalogue.get(code) {
            Some(m) => m.clone(),
            None => {
                let Some(dim_col) = &cols.dimension else {
                    return Err(cols.indicator.invalid(
                        i,
                        format!("indicator {code:?} is not in the catalogue: add a `dimension` column (trade, investment, aid, tourism, soft_power)"),
                    ));
                };
                let d: Dimension = dim_col
                    .required_text(i)?
                    .parse()
                    .map_err(|reason: String| dim_col.invalid(i, reason))?;
                let u = cols.unit.as_ref().and_then(|u| u.text(i)).unwrap_or("");
                IndicatorMeta::user(code, d, u)
            }
        };
        if self.indicators.len() >= MAX_INDICATORS {
            return Err(cols
                .indicator
                .invalid(i, format!("more than {MAX_INDICATORS} distinct indicators")));
        }
        let k = self.indicators.len() as u32;
        self.index.insert(code.to_string(), k);
        self.indicators.push(meta);
        Ok(k)
    }

    /// Check row `i` of a batch.
    ///
    /// # Errors
    /// A typed error naming the file, row and field: an unknown or lower-case country code,
    /// a year outside 1800–2100, text or a non-finite number as the value, a negative value
    /// where the indicator's unit forbids it, an indicator outside the catalogue without a
    /// `dimension`, a `flag` cell that names no data-quality rule. (Repeated keys are the
    /// caller's check.)
    pub fn check(&mut self, cols: &PanelColumns<'_>, i: usize) -> Result<PanelRow> {
        let actor = self.country(&cols.actor, i)?;
        let partner = self.country(&cols.partner, i)?;
        let year = cols.year.year(i, USER_MIN_YEAR, USER_MAX_YEAR)?;
        let code = cols.indicator.required_text(i)?;
        let indicator = match self.index.get(code) {
            Some(&k) => k,
            None => self.add_indicator(cols, i, code)?,
        };
        let value = cols.value.f64(i)?;
        let meta = &self.indicators[indicator as usize];
        if let Some(v) = value
            && v < 0.0
            && !meta.allows_negative
        {
            return Err(Error::Negative {
                at: Location::cell(self.path.clone(), cols.value.row(i), "value"),
                value: v,
                unit: meta.unit.clone(),
            });
        }
        let flag = match cols.flag.as_ref().and_then(|f| f.text(i).map(|t| (f, t))) {
            None => None,
            Some((f, t)) => Some(t.parse::<Flag>().map_err(|reason| f.invalid(i, reason))?),
        };
        Ok(PanelRow {
            actor,
            partner,
            year,
            indicator,
            value,
            flag,
            row: cols.value.row(i),
        })
    }
}

/// Call `f` on every checked row of a panel file, in file order.
///
/// # Errors
/// As [`for_each_batch`] and [`PanelRules::check`], and whatever `f` returns.
pub fn for_each_row(
    path: &Path,
    rules: &mut PanelRules<'_>,
    mut f: impl FnMut(&PanelRules<'_>, PanelRow) -> Result<()>,
) -> Result<()> {
    for_each_batch(path, |t| {
        let cols = PanelColumns::of(t)?;
        for i in 0..t.height() {
            let row = rules.check(&cols, i)?;
            f(rules, row)?;
        }
        Ok(())
    })
}
