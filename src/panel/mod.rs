//! The tidy long panel — one value per (actor, partner, year, indicator) — and what describes
//! it: the indicator catalogue ([`indicator`]), countries and their codes ([`country`]), data
//! coverage ([`coverage`]) and the account of every row read or derived ([`accounting`]).

pub mod accounting;
pub mod country;
pub mod coverage;
pub mod indicator;

use std::collections::HashMap;

use crate::error::{Error, Location, Result};
use crate::io::rows::{Column, Kind, RowSink, Rows};
use country::Iso3;
use indicator::IndicatorMeta;

/// One panel value. `indicator` indexes [`Panel::indicators`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Observation {
    /// The outside power whose presence is measured.
    pub actor: Iso3,
    /// The country in which it is measured.
    pub partner: Iso3,
    /// Calendar year.
    pub year: i32,
    /// Index into the panel's indicator list.
    pub indicator: u32,
    /// The value, finite.
    pub value: f64,
}

/// A long panel of indicator values with the metadata of each indicator.
///
/// Keys are unique: [`Panel::push`] refuses a second value for the same
/// (actor, partner, year, indicator), and every value is finite.
///
/// # Examples
/// ```
/// use linkage::{Panel, catalogue, iso3};
/// let mut p = Panel::new(catalogue()).unwrap();
/// p.push(iso3!("JPN"), iso3!("VNM"), 2019, "trade_share_dots", 0.08).unwrap();
/// assert!(p.push(iso3!("JPN"), iso3!("VNM"), 2019, "trade_share_dots", 0.09).is_err());
/// assert_eq!(p.len(), 1);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Panel {
    indicators: Vec<IndicatorMeta>,
    by_code: HashMap<String, u32>,
    rows: Vec<Observation>,
    keys: HashMap<(Iso3, Iso3, i32, u32), usize>,
}

impl Panel {
    /// An empty panel over these indicators.
    ///
    /// # Errors
    /// [`Error::Spec`] when two indicators share a code.
    pub fn new(indicators: Vec<IndicatorMeta>) -> Result<Panel> {
        let mut by_code = HashMap::new();
        for (k, m) in indicators.iter().enumerate() {
            if by_code.insert(m.code.clone(), k as u32).is_some() {
                return Err(Error::Spec {
                    context: format!("indicator {}", m.code),
                    reason: "the code is listed twice".into(),
                });
            }
        }
        Ok(Panel {
            indicators,
            by_code,
            rows: Vec::new(),
            keys: HashMap::new(),
        })
    }

    /// Indicator metadata, in index order.
    pub fn indicators(&self) -> &[IndicatorMeta] {
        &self.indicators
    }

    /// Index of an indicator code.
    pub fn indicator_index(&self, code: &str) -> Option<u32> {
        self.by_code.get(code).copied()
    }

    /// Metadata of the indicator of an observation.
    pub fn meta(&self, obs: &Observation) -> &IndicatorMeta {
        &self.indicators[obs.indicator as usize]
    }

    /// All observations, in insertion order.
    pub fn rows(&self) -> &[Observation] {
        &self.rows
    }

    /// Number of observations.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the panel holds no observation.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Add a value.
    ///
    /// # Errors
    /// [`Error::Invalid`] for an unknown indicator code, a non-finite value, a negative value
    /// where the indicator forbids it, or a key already present.
    pub fn push(
        &mut self,
        actor: Iso3,
        partner: Iso3,
        year: i32,
        indicator: &str,
        value: f64,
    ) -> Result<()> {
        let invalid = |reason: String| Error::Invalid {
            at: Location::field("panel", indicator.to_string()),
            reason,
        };
        let k = self
            .indicator_index(indicator)
            .ok_or_else(|| invalid("indicator not in the panel's metadata".into()))?;
        if !value.is_finite() {
            return Err(invalid(format!(
                "{actor} in {partner} {year}: value {value} is not finite"
            )));
        }
        if value < 0.0 && !self.indicators[k as usize].allows_negative {
            return Err(invalid(format!(
                "{actor} in {partner} {year}: value {value} is negative"
            )));
        }
        let key = (actor, partner, year, k);
        if self.keys.contains_key(&key) {
            return Err(invalid(format!(
                "{actor} in {partner} {year} already has a value"
            )));
        }
        self.keys.insert(key, self.rows.len());
        self.rows.push(Observation {
            actor,
            partner,
            year,
            indicator: k,
            value,
        });
        Ok(())
    }

    /// The value for a key, if present.
    pub fn get(&self, actor: Iso3, partner: Iso3, year: i32, indicator: &str) -> Option<f64> {
        let k = self.indicator_index(indicator)?;
        self.keys
            .get(&(actor, partner, year, k))
            .map(|&i| self.rows[i].value)
    }

    /// Distinct actors, sorted.
    pub fn actors(&self) -> Vec<Iso3> {
        let mut v: Vec<Iso3> = self.rows.iter().map(|o| o.actor).collect();
        v.sort();
        v.dedup();
        v
    }

    /// Distinct partners, sorted.
    pub fn partners(&self) -> Vec<Iso3> {
        let mut v: Vec<Iso3> = self.rows.iter().map(|o| o.partner).collect();
        v.sort();
        v.dedup();
        v
    }

    /// Sort rows by actor, partner, indicator, year (a stable order for files).
    pub fn sort(&mut self) {
        self.rows.sort_by(|a, b| {
            (a.actor, a.partner, a.indicator, a.year).cmp(&(
                b.actor,
                b.partner,
                b.indicator,
                b.year,
            ))
        });
        self.keys = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, o)| ((o.actor, o.partner, o.year, o.indicator), i))
            .collect();
    }
}

impl Rows for Panel {
    /// `actor, partner, year, dimension, indicator, value, unit, source`, one row per
    /// observation in the panel's order.
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("actor", Kind::Text),
            Column::new("partner", Kind::Text),
            Column::new("year", Kind::Int32),
            Column::new("dimension", Kind::Text),
            Column::new("indicator", Kind::Text),
            Column::new("value", Kind::Float64),
            Column::new("unit", Kind::Text),
            Column::new("source", Kind::Text),
        ]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()> {
        for o in &self.rows {
            let m = self.meta(o);
            sink.text(o.actor.as_str());
            sink.text(o.partner.as_str());
            sink.int(i64::from(o.year));
            sink.text(m.dimension.as_str());
            sink.text(&m.code);
            sink.float(o.value);
            sink.text(&m.unit);
            sink.text(&m.source);
            sink.end_row()?;
        }
        Ok(())
    }
}
