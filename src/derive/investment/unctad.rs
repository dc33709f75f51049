//! The UNCTAD indicators (formulas in the [parent module](super)).

use std::collections::HashMap;

use crate::derive::ratio;
use crate::error::{Error, Location, Result};
use crate::panel::Panel;
use crate::panel::accounting::Accounting;
use crate::panel::country::Iso3;
use crate::panel::method::Method;
use crate::sources::CountryYear;
use crate::sources::unctad_fdi::{
    Basis, FdiCell, FdiMeasure, HostTable, NOTES_FILE, Origin, TableKind, UnctadFdi,
};

const STOCK_SHARE: &str = "fdi_stock_share_unctad";
const FLOW_SHARE: &str = "fdi_flow_share_unctad";
const APPROVALS_SHARE: &str = "fdi_approvals_share_unctad";
const STOCK_GDP: &str = "fdi_stock_gdp_unctad";

/// Push `fdi_stock_share_unctad`, `fdi_flow_share_unctad`, `fdi_approvals_share_unctad` and
/// `fdi_stock_gdp_unctad` into `panel`, for the origins in `actors` (e.g.
/// [`crate::derive::ACTORS`]) and every host (partner) other than the actor.
///
/// `gdp` is WDI GDP in current US$. The returned account counts candidate panel rows: two per
/// country stock cell (a share and a % of GDP) and one per country flows cell (the flow or the
/// approvals share, by the host's basis); `World` cells are denominators, not candidates.
///
/// # Errors
/// A cell whose (host, measure) has no table in `fdi.tables` ([`Error::Invalid`]); a panel rule
/// broken by a derived value (duplicate key, non-finite value).
///
/// # Examples
/// ```
/// use linkage::{Concordance, Panel, catalogue, iso3, derive, sources::{unctad_fdi, worldbank}};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let (fdi, _) = unctad_fdi::load(&data, &c).unwrap();
/// let gdp = worldbank::load(&data.join(worldbank::GDP_FILE), &c).unwrap().records;
/// let mut p = Panel::new(catalogue()).unwrap();
/// let acc = derive::investment::derive_unctad(&fdi, &gdp, &derive::ACTORS, &mut p).unwrap();
/// assert_eq!(acc.rows_used(), p.len());
/// // Japan held about a quarter of Korea's inward FDI stock in 2012 (41,845 / 156,142).
/// let s = p.get(iso3!("JPN"), iso3!("KOR"), 2012, "fdi_stock_share_unctad").unwrap();
/// assert!(s > 0.26 && s < 0.27);
/// // Viet Nam's stock table is the origins' reports: a mirror % of GDP, no share.
/// assert!(p.get(iso3!("JPN"), iso3!("VNM"), 2012, "fdi_stock_gdp_unctad").is_some());
/// assert!(p.get(iso3!("JPN"), iso3!("VNM"), 2012, "fdi_stock_share_unctad").is_none());
/// ```
pub fn derive_unctad(
    fdi: &UnctadFdi,
    gdp: &CountryYear,
    actors: &[Iso3],
    panel: &mut Panel,
) -> Result<Accounting> {
    let mut acc = Accounting::new(
        "investment indicators (UNCTAD)",
        "UNCTAD bilateral FDI stock and inflows by origin; WDI GDP",
    );
    let world: HashMap<(Iso3, FdiMeasure, i32), f64> = fdi
        .cells
        .iter()
        .filter(|c| c.origin == Origin::World)
        .map(|c| ((c.host, c.measure, c.year), c.value))
        .collect();
    for c in &fdi.cells {
        let Origin::Country(actor) = c.origin else {
            continue; // a World total: a denominator, not a candidate row
        };
        let candidates = match c.measure {
            FdiMeasure::Stock => 2,
            FdiMeasure::Flows => 1,
        };
        if !actors.contains(&actor) {
            acc.exclude("origin is not an actor", candidates);
            continue;
        }
        if actor == c.host {
            acc.exclude("partner is the actor itself", candidates);
            continue;
        }
        let table = fdi.table(c.host, c.measure).ok_or_else(|| Error::Invalid {
            at: Location::field(NOTES_FILE, c.host.to_string()),
            reason: format!("no {} table note for this host", c.measure.folder()),
        })?;
        let total = world.get(&(c.host, c.measure, c.year)).copied();
        share(c, actor, table, total, panel, &mut acc)?;
        if c.measure == FdiMeasure::Stock {
            stock_gdp(c, actor, table, gdp, panel, &mut acc)?;
        }
    }
    Ok(acc)
}

/// Why a stock on an approval basis is left out of both stock indicators.
const APPROVAL_STOCK: &str = "partner's stock is on an approval basis (Mongolia; Taiwan Province of China: accumulated approvals)";

/// The share of `c` in its host's World total, under the code the measure and basis give.
fn share(
    c: &FdiCell,
    actor: Iso3,
    table: &HostTable,
    total: Option<f64>,
    panel: &mut Panel,
    acc: &mut Accounting,
) -> Result<()> {
    let code = match (c.measure, table.basis) {
        (FdiMeasure::Stock, Basis::Realised) => STOCK_SHARE,
        (FdiMeasure::Stock, _) => {
            acc.exclude(format!("{STOCK_SHARE}: {APPROVAL_STOCK}"), 1);
            return Ok(());
        }
        (FdiMeasure::Flows, Basis::Realised) => FLOW_SHARE,
        (FdiMeasure::Flows, Basis::Approvals | Basis::AccumulatedApprovals) => APPROVALS_SHARE,
    };
    if table.kind == TableKind::OriginReported {
        acc.exclude(
            format!("{code}: partner's table is origin-reported (flat, no World total)"),
            1,
        );
        return Ok(());
    }
    match total {
        None => acc.exclude(format!("{code}: World total not available (`..`)"), 1),
        Some(w) if w <= 0.0 => acc.exclude(
            format!("{code}: World total zero or negative, share undefined"),
            1,
        ),
        Some(w) => {
            panel.push_derived(
                actor,
                c.host,
                c.year,
                code,
                c.value / w,
                Method::PartnerReported,
                Some(w),
            )?;
            acc.used(1);
        }
    }
    Ok(())
}

/// 100 × stock (US$ m × 10⁶) / GDP, partner-reported or mirror by the host's table.
fn stock_gdp(
    c: &FdiCell,
    actor: Iso3,
    table: &HostTable,
    gdp: &CountryYear,
    panel: &mut Panel,
    acc: &mut Accounting,
) -> Result<()> {
    if table.basis != Basis::Realised {
        acc.exclude(format!("{STOCK_GDP}: {APPROVAL_STOCK}"), 1);
        return Ok(());
    }
    let g = gdp.get(&(c.host, c.year)).copied();
    let Some(v) = ratio(Some(c.value * 1e6), g) else {
        acc.exclude(format!("{STOCK_GDP}: partner's GDP missing"), 1);
        return Ok(());
    };
    let method = match table.kind {
        TableKind::HostReported => Method::PartnerReported,
        TableKind::OriginReported => Method::Mirror,
    };
    panel.push_derived(actor, c.host, c.year, STOCK_GDP, 100.0 * v, method, g)?;
    acc.used(1);
    Ok(())
}
