//! IMF Direction of Trade Statistics (DOTS), bilateral goods trade 2000–2020, as extracted from
//! the IMF workbooks (columns `reporter_iso3, reporter_imf_name, partner_iso3,
//! partner_imf_name, flow, year, value_usd_millions`; see `data/README.md`).
//!
//! The reporter's row with partner "World" gives its total exports or imports; it is kept with
//! partner code `WLD`. Other country groups (empty `partner_iso3`) are excluded and counted.
//!
//! Three shapes of the one source are read:
//! - actor-reported flows ([`ACTOR_FILE`], [`MORE_ACTORS_FILE`]): eleven reporters, every partner;
//! - partner-reported flows with the actors ([`PARTNER_FILE`]): every reporter's flows with the
//!   United States, Japan and China. A cell the IMF marks as its own estimate (written
//!   `"1.00 e"` in the workbooks) is read with [`TradeFlow::estimate`] set: it is not the
//!   reporter's own record;
//! - every reporter's total exports to and imports from the World ([`WORLD_TOTALS_FILE`],
//!   [`load_world_totals`]), the denominator of a partner's trade shares within DOTS.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::io::table::{Cells, Table};
use crate::panel::accounting::Accounting;
use crate::panel::country::{Concordance, Iso3};
use crate::sources::Loaded;

/// Actor-reported file for USA, JPN, CHN, relative to the data directory.
pub const ACTOR_FILE: &str = "imf_dots_bilateral/dots_actor_reported_2000_2020.csv";
/// Actor-reported file for DEU, GBR, FRA, ITA, CAN, KOR, AUS, IND.
pub const MORE_ACTORS_FILE: &str = "imf_dots_bilateral/dots_more_actors_reported_2000_2020.csv";
/// Partner-reported file: every reporter's flows with USA, JPN and CHN.
pub const PARTNER_FILE: &str = "imf_dots_bilateral/dots_partner_reported_with_actors_2000_2020.csv";
/// Every reporter's total exports to and imports from the World.
pub const WORLD_TOTALS_FILE: &str = "imf_dots_bilateral/dots_reporter_world_totals_2000_2020.csv";

/// Direction of a reported flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flow {
    /// Reporter's exports to the partner, FOB.
    Exports,
    /// Reporter's imports from the partner, CIF.
    Imports,
}

/// One reported bilateral flow, current US$ millions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TradeFlow {
    /// Reporting economy.
    pub reporter: Iso3,
    /// Partner economy (`WLD` for the reporter's total).
    pub partner: Iso3,
    /// Exports or imports.
    pub flow: Flow,
    /// Calendar year.
    pub year: i32,
    /// Value, current US$ millions, non-negative.
    pub value_musd: f64,
    /// Whether the IMF marks the cell as its own estimate (`" e"`), not the reporter's record.
    pub estimate: bool,
}

/// Read a value cell: a number, or a number followed by the IMF's estimate mark `" e"` (as
/// displayed text, e.g. `"1,490.57 e"`).
fn value_cell(value: &Cells<'_>, i: usize) -> Result<(Option<f64>, bool)> {
    match value.text(i) {
        Some(s) if s.ends_with(" e") => {
            // The workbooks write estimates as displayed text, with thousands separators.
            let number = s[..s.len() - 2].trim().replace(',', "");
            let v = number.parse::<f64>().ok().filter(|v| v.is_finite());
            match v {
                Some(v) => Ok((Some(v), true)),
                None => Err(value.invalid(
                    i,
                    format!("{s:?} is not a number (an IMF estimate is written `<number> e`)"),
                )),
            }
        }
        _ => Ok((value.f64(i)?, false)),
    }
}

/// The flows of one DOTS file, checked as they are added: a missing value is excluded and
/// counted, a negative value or a repeated (reporter, partner, flow, year) is an error naming the
/// row. Shared by the three DOTS loaders.
pub(crate) struct FlowSink<'p> {
    path: &'p Path,
    seen: HashMap<(Iso3, Iso3, Flow, i32), usize>,
    out: Vec<TradeFlow>,
    pub(crate) acc: Accounting,
}

impl<'p> FlowSink<'p> {
    pub(crate) fn new(step: &str, path: &'p Path, capacity: usize) -> FlowSink<'p> {
        FlowSink {
            path,
            seen: HashMap::new(),
            out: Vec::with_capacity(capacity),
            acc: Accounting::new(step, path.display().to_string()),
        }
    }

    /// Add the flow of file row `row`, whose value may be missing.
    pub(crate) fn add(&mut self, row: usize, value: Option<f64>, flow: TradeFlow) -> Result<()> {
        let Some(v) = value else {
            self.acc.exclude("value missing", 1);
            return Ok(());
        };
        if v < 0.0 {
            return Err(Error::Negative {
                at: Location::cell(self.path, row, "value_usd_millions"),
                value: v,
                unit: "US$ millions of gross trade".into(),
            });
        }
        let (r, p, f, y) = (flow.reporter, flow.partner, flow.flow, flow.year);
        if let Some(first) = self.seen.insert((r, p, f, y), row) {
            return Err(Error::DuplicateKey {
                at: Location::row(self.path, row),
                first_row: first,
                key: format!("({r}, {p}, {f:?}, {y})"),
            });
        }
        self.out.push(TradeFlow {
            value_musd: v,
            ..flow
        });
        self.acc.used(1);
        Ok(())
    }

    pub(crate) fn finish(self) -> Loaded<Vec<TradeFlow>> {
        Loaded {
            records: self.out,
            accounting: self.acc,
        }
    }
}

/// Read a DOTS extract.
///
/// # Errors
/// Missing columns, unknown reporter codes, an unknown `flow`, unparseable or negative values,
/// years outside 2000–2020, duplicate (reporter, partner, flow, year).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::dots};
/// let dir = linkage::default_data_dir();
/// let c = Concordance::load(&dir).unwrap();
/// let d = dots::load(&dir.join(dots::ACTOR_FILE), &c).unwrap();
/// let jp_vn_2019 = d.records.iter().find(|f| f.reporter == iso3!("JPN")
///     && f.partner == iso3!("VNM") && f.year == 2019 && f.flow == dots::Flow::Exports);
/// assert!(jp_vn_2019.is_some());
/// ```
pub fn load(path: &Path, conc: &Concordance) -> Result<Loaded<Vec<TradeFlow>>> {
    let t = Table::read(path)?;
    let reporter = t.column("reporter_iso3")?;
    let partner = t.column("partner_iso3")?;
    let partner_name = t.column("partner_imf_name")?;
    let flow = t.column("flow")?;
    let year = t.column("year")?;
    let value = t.column("value_usd_millions")?;
    let world: Iso3 = crate::iso3!("WLD");
    let mut sink = FlowSink::new("imf dots", path, t.height());
    for i in 0..t.height() {
        let Some(r) = reporter.text(i) else {
            sink.acc
                .exclude("reporter is a country group or historical entity", 1);
            continue;
        };
        let r = conc
            .parse_iso3(r)
            .ok_or_else(|| reporter.unknown_country(i, r))?;
        let f = parse_flow(&flow, i)?;
        let y = year.year(i, 2000, 2020)?;
        let (v, estimate) = value_cell(&value, i)?;
        let p = match partner.text(i) {
            Some(code) => conc
                .parse_iso3(code)
                .ok_or_else(|| partner.unknown_country(i, code))?,
            None if partner_name.text(i) == Some("World") => world,
            None => {
                sink.acc
                    .exclude("partner is a country group or historical entity", 1);
                continue;
            }
        };
        let flow = TradeFlow {
            reporter: r,
            partner: p,
            flow: f,
            year: y,
            value_musd: 0.0,
            estimate,
        };
        sink.add(value.row(i), v, flow)?;
    }
    Ok(sink.finish())
}

/// Read every reporter's total exports to and imports from the World
/// (`reporter_iso3, reporter_imf_name, flow, year, value_usd_millions`), as flows with partner
/// `WLD`. Reporters without a code (IMF groups, historical entities) are excluded and counted.
///
/// # Errors
/// As [`load`].
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::dots};
/// let dir = linkage::default_data_dir();
/// let c = Concordance::load(&dir).unwrap();
/// let w = dots::load_world_totals(&dir.join(dots::WORLD_TOTALS_FILE), &c).unwrap();
/// let kor = w.records.iter().find(|f| f.reporter == iso3!("KOR") && f.year == 2019
///     && f.flow == dots::Flow::Exports).unwrap();
/// assert_eq!(kor.partner, iso3!("WLD"));
/// assert!(kor.value_musd > 500_000.0); // Korea exported over US$ 500 bn in 2019
/// ```
pub fn load_world_totals(path: &Path, conc: &Concordance) -> Result<Loaded<Vec<TradeFlow>>> {
    let t = Table::read(path)?;
    let reporter = t.column("reporter_iso3")?;
    let flow = t.column("flow")?;
    let year = t.column("year")?;
    let value = t.column("value_usd_millions")?;
    let mut sink = FlowSink::new("imf dots world totals", path, t.height());
    for i in 0..t.height() {
        let f = parse_flow(&flow, i)?;
        let y = year.year(i, 2000, 2020)?;
        let (v, estimate) = value_cell(&value, i)?;
        let Some(code) = reporter.text(i) else {
            sink.acc
                .exclude("reporter is a country group or historical entity", 1);
            continue;
        };
        let r = conc
            .parse_iso3(code)
            .ok_or_else(|| reporter.unknown_country(i, code))?;
        let flow = TradeFlow {
            reporter: r,
            partner: crate::iso3!("WLD"),
            flow: f,
            year: y,
            value_musd: 0.0,
            estimate,
        };
        sink.add(value.row(i), v, flow)?;
    }
    Ok(sink.finish())
}

/// The `flow` cell of row `i`: `exports_fob` or `imports_cif`.
pub(crate) fn parse_flow(flow: &Cells<'_>, i: usize) -> Result<Flow> {
    match flow.required_text(i)? {
        "exports_fob" => Ok(Flow::Exports),
        "imports_cif" => Ok(Flow::Imports),
        other => Err(flow.invalid(
            i,
            format!("unknown flow {other:?} (expected exports_fob or imports_cif)"),
        )),
    }
}
