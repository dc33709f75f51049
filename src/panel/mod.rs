//! The tidy long panel — one value per (actor, partner, year, indicator) — and what describes
//! it: the indicator catalogue ([`indicator`]), countries and their codes ([`country`]), data
//! coverage ([`coverage`]) and the account of every row read or derived ([`accounting`]).

pub mod accounting;
pub mod country;
pub mod coverage;
pub mod flag;
pub mod indicator;
pub mod method;

use rustc_hash::FxHashMap as HashMap;

use crate::error::{Error, Location, Result};
use crate::io::rows::{Column, Kind, RowSink, Rows};
use country::Iso3;
use flag::Flag;
use indicator::IndicatorMeta;
use method::Method;

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
    /// How it was derived (see [`Method`]).
    pub method: Method,
    /// The denominator of a share or rate, in its own unit, where the value has one (evidence
    /// for the data-quality rules, e.g. a partner's total net aid).
    pub denominator: Option<f64>,
    /// The data-quality rule the value failed, if any ([`crate::quality`]).
    pub flag: Option<Flag>,
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
        let mut by_code = HashMap::default();
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
            keys: HashMap::default(),
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
        self.push_derived(
            actor,
            partner,
            year,
            indicator,
            value,
            Method::Formula,
            None,
        )
    }

    /// Add a value with its derivation method and denominator (see [`Observation`]).
    ///
    /// # Errors
    /// As [`Panel::push`].
    ///
    /// # Examples
    /// ```
    /// use linkage::{Panel, catalogue, iso3, panel::method::Method};
    /// let mut p = Panel::new(catalogue()).unwrap();
    /// p.push_derived(iso3!("JPN"), iso3!("VNM"), 2019, "trade_share_dots", 0.08,
    ///     Method::PartnerReported, Some(5.1e11)).unwrap();
    /// assert_eq!(p.rows()[0].method, Method::PartnerReported);
    /// assert_eq!(p.rows()[0].flag, None);
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn push_derived(
        &mut self,
        actor: Iso3,
        partner: Iso3,
        year: i32,
        indicator: &str,
        value: f64,
        method: Method,
        denominator: Option<f64>,
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
            method,
            denominator,
            flag: None,
        });
        Ok(())
    }

    /// Set (or clear, with `None`) the data-quality flag of the observation at `index` of
    /// [`Panel::rows`]; an index beyond [`Panel::len`] is ignored.
    pub fn set_flag(&mut self, index: usize, flag: Option<Flag>) {
        if let Some(o) = self.rows.get_mut(index) {
            o.flag = flag;
        }
    }

    /// The position in [`Panel::rows`] of a key, if present.
    pub fn position(&self, actor: Iso3, partner: Iso3, year: i32, indicator: u32) -> Option<usize> {
        self.keys.get(&(actor, partner, year, indicator)).copied()
    }

    /// Number of flagged observations.
    pub fn flagged(&self) -> usize {
        self.rows.iter().filter(|o| o.flag.is_some()).count()
    }

    /// The value for a key, if present.
    pub fn get(&self, actor: Iso3, partner: Iso3, year: i32, indicator: &str) -> Option<f64> {
        let k = self.indicator_index(indicator)?;
        self.keys
            .get(&(actor, partner, year, k))
            .map(|&i| self.rows[i].value)
    }

    /// The value for a key if present and not flagged by a data-quality rule.
    ///
    /// # Examples
    /// ```
    /// use linkage::{Panel, catalogue, iso3, panel::flag::Flag};
    /// let mut p = Panel::new(catalogue()).unwrap();
    /// p.push(iso3!("JPN"), iso3!("MHL"), 2015, "trade_share_mirror_dots", 3.2).unwrap();
    /// p.set_flag(0, Some(Flag::ShareOutOfRange));
    /// assert_eq!(p.get(iso3!("JPN"), iso3!("MHL"), 2015, "trade_share_mirror_dots"), Some(3.2));
    /// assert_eq!(p.get_clean(iso3!("JPN"), iso3!("MHL"), 2015, "trade_share_mirror_dots"), None);
    /// ```
    pub fn get_clean(&self, actor: Iso3, partner: Iso3, year: i32, indicator: &str) -> Option<f64> {
        let k = self.indicator_index(indicator)?;
        self.keys
            .get(&(actor, partner, year, k))
            .map(|&i| self.rows[i])
            .filter(|o| o.flag.is_none())
            .map(|o| o.value)
    }

    /// Distinct actors, sorted.
    pub fn actors(&self) -> Vec<Iso3> {
        let set: std::collections::BTreeSet<Iso3> = self.rows.iter().map(|o| o.actor).collect();
        set.into_iter().collect()
    }

    /// Distinct partners, sorted.
    pub fn partners(&self) -> Vec<Iso3> {
        let set: std::collections::BTreeSet<Iso3> = self.rows.iter().map(|o| o.partner).collect();
        set.into_iter().collect()
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
    /// `actor, partner, year, dimension, indicator, value, unit, source, method, flag`, one
    /// row per observation in the panel's order (`method` empty for the catalogued formula,
    /// `flag` empty for a clean value, otherwise the rule's name).
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
            Column::new("method", Kind::Text),
            Column::new("flag", Kind::Text),
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
            sink.text(o.method.as_str());
            sink.text(o.flag.map_or("", Flag::as_str));
            sink.end_row()?;
        }
        Ok(())
    }
}
