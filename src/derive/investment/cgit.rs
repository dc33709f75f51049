//! The AEI tracker indicators (formulas in the [parent module](super)).

use std::collections::HashMap;

use crate::derive::ratio;
use crate::error::{Error, Location, Result};
use crate::iso3;
use crate::panel::Panel;
use crate::panel::accounting::Accounting;
use crate::panel::country::Iso3;
use crate::panel::method::Method;
use crate::sources::CountryYear;
use crate::sources::cgit::{DealYear, FILE};

/// Years of the tracker indicators: 2005 (the tracker's start) to 2024 (2025 is partial).
///
/// # Examples
/// ```
/// use linkage::derive::investment::CGIT_YEARS;
/// assert_eq!(CGIT_YEARS, (2005, 2024));
/// ```
pub const CGIT_YEARS: (i32, i32) = (2005, 2024);

const INVESTMENT: &str = "cgit_investment_gdp";
const CONSTRUCTION: &str = "cgit_construction_gdp";

/// The investor's own territory: never a partner.
const INVESTOR: [Iso3; 3] = [iso3!("CHN"), iso3!("HKG"), iso3!("MAC")];

/// The aggregates the concordance recognises beside the countries (World, European Union, EU
/// institutions): WDI has GDP for `WLD` and `EUU`, which are not partners.
const AGGREGATES: [Iso3; 3] = [iso3!("WLD"), iso3!("EUU"), iso3!("EUI")];

/// Push `cgit_investment_gdp` and `cgit_construction_gdp` (actor `CHN`) into `panel`, for
/// every partner with a WDI GDP in a year of [`CGIT_YEARS`], 0 where the tracker has no deal.
///
/// The returned account counts candidate panel rows, two per (partner, year): every GDP entry
/// of 2005–2024 (aggregates and China's own territory excluded) and every tracker host-year
/// that gets no row (outside 2005–2024, or no GDP).
///
/// # Errors
/// A (host, year) twice in `deals` ([`Error::Invalid`]); a panel rule broken by a derived
/// value (duplicate key, non-finite or negative value).
///
/// # Examples
/// ```
/// use linkage::{Concordance, Panel, catalogue, iso3, derive, sources::{cgit, worldbank}};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let deals = cgit::load(&data.join(cgit::FILE), &c).unwrap().records;
/// let gdp = worldbank::load(&data.join(worldbank::GDP_FILE), &c).unwrap().records;
/// let mut p = Panel::new(catalogue()).unwrap();
/// let acc = derive::investment::derive_cgit(&deals, &gdp, &mut p).unwrap();
/// assert_eq!(acc.rows_used(), p.len());
/// // No tracked deal in India in 2021: 0, not missing.
/// assert_eq!(p.get(iso3!("CHN"), iso3!("IND"), 2021, "cgit_investment_gdp"), Some(0.0));
/// assert!(p.get(iso3!("CHN"), iso3!("VNM"), 2023, "cgit_investment_gdp").unwrap() > 0.5);
/// ```
pub fn derive_cgit(deals: &[DealYear], gdp: &CountryYear, panel: &mut Panel) -> Result<Accounting> {
    let china = iso3!("CHN");
    let mut acc = Accounting::new(
        "investment indicators (AEI tracker)",
        "AEI China Global Investment Tracker host-year totals; WDI GDP",
    );
    let mut by_key = HashMap::with_capacity(deals.len());
    for d in deals {
        if by_key.insert((d.host, d.year), d).is_some() {
            return Err(Error::Invalid {
                at: Location::field(FILE, d.host.to_string()),
                reason: format!("{} {} appears twice among the deals", d.host, d.year),
            });
        }
    }
    let years = CGIT_YEARS.0..=CGIT_YEARS.1;
    for (&(partner, year), &g) in gdp {
        if !years.contains(&year) {
            continue; // not a candidate: outside the tracker's years
        }
        if AGGREGATES.contains(&partner) {
            acc.exclude(
                "partner is an aggregate (World, European Union), not a country",
                2,
            );
            continue;
        }
        if INVESTOR.contains(&partner) {
            acc.exclude("partner is China, Hong Kong or Macao (the investor)", 2);
            continue;
        }
        let (inv, con) = by_key.get(&(partner, year)).map_or((0.0, 0.0), |d| {
            (d.investment_usd_million, d.construction_usd_million)
        });
        for (code, v) in [(INVESTMENT, inv), (CONSTRUCTION, con)] {
            match ratio(Some(v * 1e6), Some(g)) {
                Some(r) => {
                    panel.push_derived(
                        china,
                        partner,
                        year,
                        code,
                        100.0 * r,
                        Method::Formula,
                        Some(g),
                    )?;
                    acc.used(1);
                }
                None => acc.exclude("partner's GDP not positive", 1),
            }
        }
    }
    for d in deals {
        if !years.contains(&d.year) {
            acc.exclude("year outside 2005-2024 (2025 is partial), not used", 2);
        } else if INVESTOR.contains(&d.host) {
            acc.exclude("partner is China, Hong Kong or Macao (the investor)", 2);
        } else if AGGREGATES.contains(&d.host) {
            acc.exclude(
                "partner is an aggregate (World, European Union), not a country",
                2,
            );
        } else if !gdp.contains_key(&(d.host, d.year)) {
            acc.exclude("tracked host has no WDI GDP that year", 2);
        }
        // Otherwise the deal entered its partner-year row above.
    }
    Ok(acc)
}
