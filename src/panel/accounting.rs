//! Row accounting: every load and derivation says how many rows came in, how many were used,
//! and how many were excluded, by reason. Nothing is dropped silently.

use crate::io::rows::{Column, Kind, RowSink, Rows};
use std::collections::BTreeMap;

/// Rows in, used and excluded (by reason) for one file or one derivation step.
///
/// # Examples
/// ```
/// use linkage::Accounting;
/// let mut a = Accounting::new("dots", "data/imf_dots_bilateral/x.csv");
/// a.used(3);
/// a.exclude("partner is a country group", 2);
/// assert_eq!(a.rows_in(), 5);
/// assert!(a.balances());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accounting {
    /// Step name, e.g. the adapter or indicator.
    pub step: String,
    /// File or input the rows came from.
    pub input: String,
    used: usize,
    excluded: BTreeMap<String, usize>,
}

impl Accounting {
    /// A new, empty account.
    pub fn new(step: impl Into<String>, input: impl Into<String>) -> Accounting {
        Accounting {
            step: step.into(),
            input: input.into(),
            used: 0,
            excluded: BTreeMap::new(),
        }
    }

    /// Count `n` rows as used.
    pub fn used(&mut self, n: usize) {
        self.used += n;
    }

    /// Count `n` rows as excluded for `reason`.
    pub fn exclude(&mut self, reason: impl Into<String>, n: usize) {
        if n > 0 {
            *self.excluded.entry(reason.into()).or_default() += n;
        }
    }

    /// Rows used.
    pub fn rows_used(&self) -> usize {
        self.used
    }

    /// Rows excluded, all reasons together.
    pub fn rows_excluded(&self) -> usize {
        self.excluded.values().sum()
    }

    /// Rows in = used + excluded.
    pub fn rows_in(&self) -> usize {
        self.used + self.rows_excluded()
    }

    /// Exclusions by reason.
    pub fn exclusions(&self) -> &BTreeMap<String, usize> {
        &self.excluded
    }

    /// Always true by construction; kept for tests and reports that check the identity.
    pub fn balances(&self) -> bool {
        self.rows_in() == self.rows_used() + self.rows_excluded()
    }
}

impl std::fmt::Display for Accounting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}): {} rows in, {} used",
            self.step,
            self.input,
            self.rows_in(),
            self.used
        )?;
        for (reason, n) in &self.excluded {
            write!(f, ", {n} excluded ({reason})")?;
        }
        Ok(())
    }
}

impl Rows for [&Accounting] {
    /// `step, input, outcome, reason, rows`: per account one `in` row, one `used` row and one
    /// `excluded` row per reason (`reason` empty on the first two), as `accounting.csv`.
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("step", Kind::Text),
            Column::new("input", Kind::Text),
            Column::new("outcome", Kind::Text),
            Column::new("reason", Kind::Text),
            Column::new("rows", Kind::UInt64),
        ]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> crate::Result<()> {
        for a in self {
            let mut row = |outcome: &str, reason: &str, n: usize| {
                sink.text(&a.step);
                sink.text(&a.input);
                sink.text(outcome);
                sink.text(reason);
                sink.int(n as i64);
                sink.end_row()
            };
            row("in", "", a.rows_in())?;
            row("used", "", a.rows_used())?;
            for (r, n) in a.exclusions() {
                row("excluded", r, *n)?;
            }
        }
        Ok(())
    }
}
