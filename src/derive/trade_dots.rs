//! Trade indicators from IMF DOTS (2000–2020), actor-reported flows.
//!
//! - `trade_share_dots` = (X_AP + M_AP) / T_P, where X_AP is the actor's exports to the partner
//!   (FOB), M_AP its imports from the partner (CIF), both as the actor reports them, and T_P the
//!   partner's total merchandise trade, T_P = TG.VAL.TOTL.GD.ZS / 100 × GDP (WDI, current US$).
//!   The numerator is a mirror of the partner's trade with the actor, so CIF/FOB and timing
//!   differences mean it can exceed what the partner reports; it is not capped.
//! - `exports_to_partner_gdp_dots` = 100 × X_AP / GDP_P, `imports_from_partner_gdp_dots` =
//!   100 × M_AP / GDP_P.
//!
//! Shares of the partner's exports and imports separately are *not* formed from DOTS: no shipped
//! file gives the partner's total goods exports and imports apart for 2000–2020 (WDI's
//! NE.EXP/NE.IMP include services), and mixing in COW totals would mix sources. The COW
//! indicators give them for 1960–2014.

use std::collections::HashMap;

use crate::derive::ratio;
use crate::error::Result;
use crate::panel::Panel;
use crate::panel::accounting::Accounting;
use crate::panel::country::Iso3;
use crate::sources::CountryYear;
use crate::sources::dots::{Flow, TradeFlow};

/// Push the DOTS trade indicators for every actor-reported (actor, partner, year) into `panel`.
///
/// `merchandise_pct_gdp` is TG.VAL.TOTL.GD.ZS by country-year, `gdp` is NY.GDP.MKTP.CD.
/// A pair is skipped (and counted) when a flow or a denominator is missing. A partner that is
/// the reporter itself or `WLD` is not a partner.
///
/// # Examples
/// ```
/// use linkage::{Dataset, iso3};
/// let d = Dataset::load(linkage::default_data_dir()).unwrap();
/// let mut p = linkage::Panel::new(linkage::catalogue()).unwrap();
/// let acc = linkage::derive::trade_dots::derive(&d.dots, &d.merchandise_pct_gdp, &d.gdp, &mut p).unwrap();
/// assert!(acc.rows_used() > 10_000);
/// assert!(p.get(iso3!("CHN"), iso3!("MMR"), 2015, "trade_share_dots").is_some());
/// ```
pub fn derive(
    flows: &[TradeFlow],
    merchandise_pct_gdp: &CountryYear,
    gdp: &CountryYear,
    panel: &mut Panel,
) -> Result<Accounting> {
    let world = crate::iso3!("WLD");
    let mut acc = Accounting::new("trade indicators (IMF DOTS)", "actor-reported DOTS flows");
    // (actor, partner, year) → (exports, imports), US$.
    type Flows = (Option<f64>, Option<f64>);
    let mut pairs: HashMap<(Iso3, Iso3, i32), Flows> = HashMap::new();
    for f in flows {
        if f.partner == world || f.partner == f.reporter {
            continue;
        }
        let e = pairs.entry((f.reporter, f.partner, f.year)).or_default();
        match f.flow {
            Flow::Exports => e.0 = Some(f.value_musd * 1e6),
            Flow::Imports => e.1 = Some(f.value_musd * 1e6),
        }
    }
    let mut keys: Vec<_> = pairs.keys().copied().collect();
    keys.sort();
    for key @ (actor, partner, year) in keys {
        let (x, m) = pairs[&key];
        let g = gdp.get(&(partner, year)).copied();
        let total = merchandise_pct_gdp
            .get(&(partner, year))
            .zip(g)
            .map(|(pct, g)| pct / 100.0 * g);
        // The account counts (actor, partner, year) pairs by whether the trade share was formed;
        // the GDP-relative flows are formed wherever their own inputs exist.
        match ratio(x.zip(m).map(|(x, m)| x + m), total) {
            Some(v) => {
                panel.push(actor, partner, year, "trade_share_dots", v)?;
                acc.used(1);
            }
            None if x.is_none() || m.is_none() => {
                acc.exclude("trade share not formed: one of the two flows is missing", 1)
            }
            None => acc.exclude(
                "trade share not formed: partner's GDP or merchandise trade share missing",
                1,
            ),
        }
        if let Some(v) = ratio(x, g) {
            panel.push(
                actor,
                partner,
                year,
                "exports_to_partner_gdp_dots",
                100.0 * v,
            )?;
        }
        if let Some(v) = ratio(m, g) {
            panel.push(
                actor,
                partner,
                year,
                "imports_from_partner_gdp_dots",
                100.0 * v,
            )?;
        }
    }
    Ok(acc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{catalogue, iso3};
    use approx::assert_relative_eq;

    #[test]
    fn shares_on_a_hand_checked_case() {
        // Actor JPN exports 30 and imports 20 (US$ m) to/from VNM in 2019; VNM's merchandise
        // trade is 50 % of a GDP of 1,000 m: T = 500 m, share = (30 + 20) / 500 = 0.1.
        // Exports as % of GDP: 100 × 30 / 1000 = 3; imports: 2.
        let (jp, vn) = (iso3!("JPN"), iso3!("VNM"));
        let flows = vec![
            TradeFlow {
                reporter: jp,
                partner: vn,
                flow: Flow::Exports,
                year: 2019,
                value_musd: 30.0,
            },
            TradeFlow {
                reporter: jp,
                partner: vn,
                flow: Flow::Imports,
                year: 2019,
                value_musd: 20.0,
            },
            TradeFlow {
                reporter: jp,
                partner: iso3!("WLD"),
                flow: Flow::Imports,
                year: 2019,
                value_musd: 9e5,
            },
        ];
        let merch = CountryYear::from([((vn, 2019), 50.0)]);
        let gdp = CountryYear::from([((vn, 2019), 1000.0e6)]);
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&flows, &merch, &gdp, &mut p).unwrap();
        assert_relative_eq!(
            p.get(jp, vn, 2019, "trade_share_dots").unwrap(),
            0.1,
            epsilon = 1e-12
        );
        assert_relative_eq!(
            p.get(jp, vn, 2019, "exports_to_partner_gdp_dots").unwrap(),
            3.0,
            epsilon = 1e-12
        );
        assert_relative_eq!(
            p.get(jp, vn, 2019, "imports_from_partner_gdp_dots")
                .unwrap(),
            2.0,
            epsilon = 1e-12
        );
        assert_eq!(acc.rows_used(), 1);
        assert_eq!(p.len(), 3);
    }

    #[test]
    fn missing_denominator_is_counted_not_zero() {
        let (jp, vn) = (iso3!("JPN"), iso3!("VNM"));
        let flows = vec![TradeFlow {
            reporter: jp,
            partner: vn,
            flow: Flow::Exports,
            year: 2019,
            value_musd: 30.0,
        }];
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&flows, &CountryYear::new(), &CountryYear::new(), &mut p).unwrap();
        assert!(p.is_empty());
        assert_eq!(acc.rows_excluded(), 1);
    }
}
