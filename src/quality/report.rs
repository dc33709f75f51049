//! What the rules found: every flagged row with its evidence (`quality.csv`) and the count of
//! flags by rule (`accounting.csv`).

use std::collections::BTreeMap;

use crate::error::Result;
use crate::io::rows::{Column, Kind, RowSink, Rows};
use crate::panel::Panel;
use crate::panel::accounting::Accounting;
use crate::panel::country::Iso3;
use crate::panel::flag::Flag;
use crate::quality::rules::Rule;

/// One flagged panel row.
#[derive(Debug, Clone, PartialEq)]
pub struct FlaggedCell {
    /// Actor.
    pub actor: Iso3,
    /// Partner.
    pub partner: Iso3,
    /// Year.
    pub year: i32,
    /// Indicator code.
    pub indicator: String,
    /// The value as derived.
    pub value: f64,
    /// The rule it failed.
    pub rule: Flag,
    /// The rule's threshold.
    pub threshold: f64,
    /// Why: the neighbouring years, the denominator or the other record, in words.
    pub evidence: String,
}

impl FlaggedCell {
    pub(super) fn new(panel: &Panel, row: usize, rule: &Rule, evidence: String) -> FlaggedCell {
        let o = panel.rows()[row];
        FlaggedCell {
            actor: o.actor,
            partner: o.partner,
            year: o.year,
            indicator: panel.meta(&o).code.clone(),
            value: o.value,
            rule: rule.flag,
            threshold: rule.threshold,
            evidence,
        }
    }
}

/// The flagged rows of a panel, in the order found (rule by rule).
///
/// # Examples
/// ```
/// use linkage::{Panel, catalogue, iso3, panel::flag::Flag, quality::{assess, RuleSet}};
/// let mut p = Panel::new(catalogue()).unwrap();
/// p.push(iso3!("JPN"), iso3!("MHL"), 2015, "trade_share_mirror_dots", 3.2).unwrap();
/// p.push(iso3!("JPN"), iso3!("VNM"), 2015, "trade_share_mirror_dots", 0.1).unwrap();
/// let report = assess(&mut p, &RuleSet::default());
/// assert_eq!(report.counts()[&Flag::ShareOutOfRange], 1);
/// assert_eq!(report.for_partner(iso3!("MHL")).count(), 1);
/// let acc = report.accounting();
/// assert_eq!((acc.rows_in(), acc.rows_used()), (2, 1));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QualityReport {
    cells: Vec<FlaggedCell>,
    checked: usize,
}

impl QualityReport {
    pub(super) fn new(cells: Vec<FlaggedCell>, checked: usize) -> QualityReport {
        QualityReport { cells, checked }
    }

    /// Every flagged row.
    pub fn cells(&self) -> &[FlaggedCell] {
        &self.cells
    }

    /// Rows checked.
    pub fn checked(&self) -> usize {
        self.checked
    }

    /// Flags by rule.
    pub fn counts(&self) -> BTreeMap<Flag, usize> {
        let mut out = BTreeMap::new();
        for c in &self.cells {
            *out.entry(c.rule).or_default() += 1;
        }
        out
    }

    /// The flagged rows of one partner.
    pub fn for_partner(&self, partner: Iso3) -> impl Iterator<Item = &FlaggedCell> {
        self.cells.iter().filter(move |c| c.partner == partner)
    }

    /// The account of the check: panel rows in, clean rows used, flagged rows excluded by rule
    /// (`flagged: <rule>`).
    pub fn accounting(&self) -> Accounting {
        let mut acc = Accounting::new("data quality (linkage::quality)", "panel rows");
        acc.used(self.checked - self.cells.len());
        for (flag, n) in self.counts() {
            acc.exclude(format!("flagged: {flag}"), n);
        }
        acc
    }
}

impl Rows for QualityReport {
    /// `actor, partner, year, indicator, value, rule, threshold, evidence`, one row per flagged
    /// panel row, as `quality.csv`.
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("actor", Kind::Text),
            Column::new("partner", Kind::Text),
            Column::new("year", Kind::Int32),
            Column::new("indicator", Kind::Text),
            Column::new("value", Kind::Float64),
            Column::new("rule", Kind::Text),
            Column::new("threshold", Kind::Float64),
            Column::new("evidence", Kind::Text),
        ]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()> {
        for c in &self.cells {
            sink.text(c.actor.as_str());
            sink.text(c.partner.as_str());
            sink.int(i64::from(c.year));
            sink.text(&c.indicator);
            sink.float(c.value);
            sink.text(c.rule.as_str());
            sink.float(c.threshold);
            sink.text(&c.evidence);
            sink.end_row()?;
        }
        Ok(())
    }
}
