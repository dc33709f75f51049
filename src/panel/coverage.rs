//! Data coverage: per partner × actor × dimension, which indicators are present and over which
//! years. A dimension without data is listed with no indicator — missing, not zero.

use std::collections::{BTreeMap, BTreeSet};

use crate::io::rows::{Column, Kind, RowSink, Rows};

use crate::error::Result;
use crate::panel::Panel;
use crate::panel::country::Iso3;
use crate::panel::indicator::Dimension;

/// Coverage of one (partner, actor, dimension) cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverageRow {
    /// Partner country.
    pub partner: Iso3,
    /// Actor.
    pub actor: Iso3,
    /// Dimension.
    pub dimension: Dimension,
    /// Indicator codes with at least one value, sorted.
    pub indicators: Vec<String>,
    /// Number of values.
    pub observations: usize,
    /// First year with a value.
    pub first_year: Option<i32>,
    /// Last year with a value.
    pub last_year: Option<i32>,
}

/// Coverage of every (partner, actor) pair in the panel, for all five dimensions.
///
/// # Examples
/// ```
/// use linkage::{Dataset, Dimension, iso3, panel::coverage::coverage};
/// let d = Dataset::load(linkage::default_data_dir()).unwrap();
/// let built = d.default_panel().unwrap();
/// let cov = coverage(&built.panel);
/// let row = cov.iter().find(|r| r.partner == iso3!("VNM") && r.actor == iso3!("JPN")
///     && r.dimension == Dimension::Investment).unwrap();
/// assert_eq!((row.first_year, row.last_year), (Some(2001), Some(2012))); // UNCTAD FDI
/// // Australia has no people flows with Myanmar in the data: listed, missing, not zero.
/// let row = cov.iter().find(|r| r.partner == iso3!("MMR") && r.actor == iso3!("AUS")
///     && r.dimension == Dimension::Tourism).unwrap();
/// assert!(row.indicators.is_empty());
/// ```
pub fn coverage(panel: &Panel) -> Vec<CoverageRow> {
    type Cell = (BTreeSet<String>, usize, i32, i32);
    let mut cells: BTreeMap<(Iso3, Iso3, Dimension), Cell> = BTreeMap::new();
    let mut pairs: BTreeSet<(Iso3, Iso3)> = BTreeSet::new();
    for o in panel.rows() {
        let m = panel.meta(o);
        pairs.insert((o.partner, o.actor));
        let c = cells
            .entry((o.partner, o.actor, m.dimension))
            .or_insert_with(|| (BTreeSet::new(), 0, o.year, o.year));
        c.0.insert(m.code.clone());
        c.1 += 1;
        c.2 = c.2.min(o.year);
        c.3 = c.3.max(o.year);
    }
    let mut out = Vec::new();
    for (partner, actor) in pairs {
        for dimension in Dimension::ALL {
            let row = match cells.remove(&(partner, actor, dimension)) {
                Some((ind, n, first, last)) => CoverageRow {
                    partner,
                    actor,
                    dimension,
                    indicators: ind.into_iter().collect(),
                    observations: n,
                    first_year: Some(first),
                    last_year: Some(last),
                },
                None => CoverageRow {
                    partner,
                    actor,
                    dimension,
                    indicators: Vec::new(),
                    observations: 0,
                    first_year: None,
                    last_year: None,
                },
            };
            out.push(row);
        }
    }
    out
}

impl Rows for [CoverageRow] {
    /// `partner, actor, dimension, n_indicators, indicators, observations, first_year,
    /// last_year` (indicators joined by `;`, years empty where missing).
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("partner", Kind::Text),
            Column::new("actor", Kind::Text),
            Column::new("dimension", Kind::Text),
            Column::new("n_indicators", Kind::UInt32),
            Column::new("indicators", Kind::Text),
            Column::new("observations", Kind::UInt32),
            Column::new("first_year", Kind::Int32),
            Column::new("last_year", Kind::Int32),
        ]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()> {
        for r in self {
            sink.text(r.partner.as_str());
            sink.text(r.actor.as_str());
            sink.text(r.dimension.as_str());
            sink.int(i64::from(r.indicators.len() as u32));
            sink.text(&r.indicators.join(";"));
            sink.int(i64::from(r.observations as u32));
            sink.opt_int(r.first_year.map(i64::from));
            sink.opt_int(r.last_year.map(i64::from));
            sink.end_row()?;
        }
        Ok(())
    }
}
