//! IMF Direction of Trade Statistics, newer vintage (via DBnomics, through 2024): every reporter's
//! exports to and imports from the United States, China and the World, 2015–2024 (file
//! `data/bilateral_trade_recent/imf_dots_all_reporters_with_usa_chn_2015_2024.csv`, columns
//! `reporter_iso3, reporter_imf_code, partner_iso3, partner_imf_code, partner_name, flow,
//! imf_indicator, year, value_usd_millions, source`; see `data/README.md` §21).
//!
//! Every row is the reporter's own record (there are no mirror values except the US's and
//! China's trade with each other). The World is read as partner `WLD`. IMF aggregate reporters
//! (empty `reporter_iso3`) are excluded and counted. There is **no Japan counterpart**: no
//! economy's trade with Japan is in this file. Values carry no estimate marks.

use std::path::Path;

use crate::error::Result;
use crate::io::table::Table;
use crate::panel::country::{Concordance, Iso3};
use crate::sources::Loaded;
use crate::sources::dots::{FlowSink, TradeFlow, parse_flow};

/// The file, relative to the data directory.
pub const FILE: &str = "bilateral_trade_recent/imf_dots_all_reporters_with_usa_chn_2015_2024.csv";

/// First and last year of the file.
pub const YEARS: (i32, i32) = (2015, 2024);

/// Read the newer DOTS vintage as reporter-recorded flows (partner `USA`, `CHN` or `WLD`).
///
/// # Errors
/// Missing columns, an unknown country code or flow, a value that is not a non-negative number,
/// a year outside 2015–2024, a repeated (reporter, partner, flow, year).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::{dots::Flow, dots_recent}};
/// let dir = linkage::default_data_dir();
/// let c = Concordance::load(&dir).unwrap();
/// let d = dots_recent::load(&dir.join(dots_recent::FILE), &c).unwrap();
/// // Vietnam's own record of its 2022 exports to the US: US$ 109,112 m.
/// let v = d.records.iter().find(|f| f.reporter == iso3!("VNM") && f.partner == iso3!("USA")
///     && f.year == 2022 && f.flow == Flow::Exports).unwrap();
/// assert!((v.value_musd - 109_112.0).abs() < 1.0);
/// assert!(d.accounting.balances());
/// ```
pub fn load(path: &Path, conc: &Concordance) -> Result<Loaded<Vec<TradeFlow>>> {
    let t = Table::read(path)?;
    let reporter = t.column("reporter_iso3")?;
    let partner = t.column("partner_iso3")?;
    let partner_code = t.column("partner_imf_code")?;
    let flow = t.column("flow")?;
    let year = t.column("year")?;
    let value = t.column("value_usd_millions")?;
    let world: Iso3 = crate::iso3!("WLD");
    let mut sink = FlowSink::new("imf dots, newer vintage", path, t.height());
    for i in 0..t.height() {
        let f = parse_flow(&flow, i)?;
        let y = year.year(i, YEARS.0, YEARS.1)?;
        let Some(r) = reporter.text(i) else {
            sink.acc
                .exclude("reporter is an IMF aggregate (no ISO3 code)", 1);
            continue;
        };
        let r = conc
            .parse_iso3(r)
            .ok_or_else(|| reporter.unknown_country(i, r))?;
        let p = match partner.text(i) {
            Some(code) => conc
                .parse_iso3(code)
                .ok_or_else(|| partner.unknown_country(i, code))?,
            None if partner_code.text(i) == Some("W00") => world,
            None => {
                return Err(partner.invalid(
                    i,
                    "empty partner that is not the World (partner_imf_code W00)",
                ));
            }
        };
        let flow = TradeFlow {
            reporter: r,
            partner: p,
            flow: f,
            year: y,
            value_musd: 0.0,
            estimate: false,
        };
        sink.add(value.row(i), value.f64(i)?, flow)?;
    }
    Ok(sink.finish())
}
