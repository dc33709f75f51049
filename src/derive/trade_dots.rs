//! Trade indicators from IMF DOTS (2000–2020), each share formed within one source.
//!
//! Notation for actor A, partner P, year t (current US$): X_PA, M_PA = P's own exports to and
//! imports from A (partner-reported); X_AP, M_AP = A's exports to and imports from P (the mirror
//! of P's flows, actor-reported); WX_P, WM_P = P's own exports to and imports from the World
//! (DOTS).
//!
//! - `trade_share_dots` = (X_PA + M_PA) / (WX_P + WM_P), method `partner_reported`, where P
//!   reports both flows with A itself (not an IMF estimate, `" e"`) and its World totals; else
//!   (X_AP + M_AP) / (WX_P + WM_P), method `mirror` (the other actors, and partners that do not
//!   report); else, only where DOTS has no World total for P, (X_AP + M_AP) / T_P with
//!   T_P = TG.VAL.TOTL.GD.ZS / 100 × GDP (WDI), method `mirror_wdi_total`.
//! - `trade_share_mirror_dots` = (X_AP + M_AP) / (WX_P + WM_P) always: kept beside the main share
//!   so the gap between the two records is visible (the data-quality rule `mirror_gap`).
//! - `export_share_dots` = X_PA / WX_P (`partner_reported`), else M_AP / WX_P (`mirror`): the
//!   actor's share of the partner's goods exports. `import_share_dots` = M_PA / WM_P, else
//!   X_AP / WM_P: its share of the partner's goods imports.
//! - `exports_to_partner_gdp_dots` = 100 × X_AP / GDP_P, `imports_from_partner_gdp_dots` =
//!   100 × M_AP / GDP_P (actor-reported, WDI GDP).
//!
//! **Two vintages, spliced at 2015.** The newer DOTS vintage ([`crate::sources::dots_recent`],
//! through 2024) holds every reporter's own flows with the United States and China and its World
//! totals, 2015–2024. For the US and China as actors, a value uses the newer vintage from 2015 on
//! wherever the partner reports it there (method `partner_reported_recent`: numerator and
//! denominator both from the newer vintage), the early-2022 vintage otherwise and before 2015;
//! never a numerator of one vintage over a denominator of the other. Where the two overlap
//! (2015–2020) the older vintage's partner-reported share is kept as `trade_share_dots_v2022`, so
//! the size of the splice shows and the rule `vintage_break` flags values the two vintages
//! disagree on. The newer file has no Japan counterpart: Japan's (and the other actors') shares
//! end in 2020.
//!
//! Exports are FOB and imports CIF, so a mirror flow differs from the partner's own record by
//! freight, timing and reporting quality; the two must not be mixed in one share. Every share
//! row records its method and denominator.

use std::collections::{BTreeSet, HashMap};

use crate::derive::ratio;
use crate::error::Result;
use crate::panel::Panel;
use crate::panel::accounting::Accounting;
use crate::panel::country::Iso3;
use crate::panel::method::Method;
use crate::sources::CountryYear;
use crate::sources::dots::{Flow, TradeFlow};

/// The DOTS records a derivation reads.
#[derive(Debug, Clone, Copy)]
pub struct DotsInputs<'a> {
    /// Actor-reported flows (reporter = actor, any partner).
    pub actor_reported: &'a [TradeFlow],
    /// Partner-reported flows with the actors (reporter = partner, partner = actor).
    pub partner_reported: &'a [TradeFlow],
    /// Every reporter's total exports to and imports from the World (partner `WLD`).
    pub world_totals: &'a [TradeFlow],
    /// The newer vintage (2015–2024): every reporter's own flows with USA, CHN and the World.
    pub recent: &'a [TradeFlow],
    /// Merchandise trade, % of GDP (WDI TG.VAL.TOTL.GD.ZS), the fallback denominator.
    pub merchandise_pct_gdp: &'a CountryYear,
    /// GDP, current US$ (WDI NY.GDP.MKTP.CD).
    pub gdp: &'a CountryYear,
}

/// The first year a series of the US or China uses the newer DOTS vintage.
pub const SPLICE_YEAR: i32 = 2015;

/// The last year of the early-2022 DOTS vintage.
pub const LAST_OLD_VINTAGE_YEAR: i32 = 2020;

/// Exports and imports of one (reporter, counterpart, year), US$, with the IMF estimate marks.
#[derive(Debug, Clone, Copy, Default)]
struct Pair {
    x: Option<f64>,
    m: Option<f64>,
    x_estimate: bool,
    m_estimate: bool,
}

impl Pair {
    fn add(&mut self, f: &TradeFlow) {
        let v = Some(f.value_musd * 1e6);
        match f.flow {
            Flow::Exports => (self.x, self.x_estimate) = (v, f.estimate),
            Flow::Imports => (self.m, self.m_estimate) = (v, f.estimate),
        }
    }
    /// Exports, if recorded and not an IMF estimate.
    fn own_x(&self) -> Option<f64> {
        self.x.filter(|_| !self.x_estimate)
    }
    /// Imports, if recorded and not an IMF estimate.
    fn own_m(&self) -> Option<f64> {
        self.m.filter(|_| !self.m_estimate)
    }
    fn total(x: Option<f64>, m: Option<f64>) -> Option<f64> {
        x.zip(m).map(|(x, m)| x + m)
    }
}

fn index(flows: &[TradeFlow]) -> HashMap<(Iso3, Iso3, i32), Pair> {
    let mut out: HashMap<(Iso3, Iso3, i32), Pair> = HashMap::new();
    for f in flows {
        out.entry((f.reporter, f.partner, f.year))
            .or_default()
            .add(f);
    }
    out
}

/// One share to push: value, method, denominator.
type Share = (f64, Method, Option<f64>);

fn share(num: Option<f64>, den: Option<f64>, method: Method) -> Option<Share> {
    ratio(num, den).map(|v| (v, method, den))
}

/// Push the DOTS trade indicators for every (actor, partner, year) with a record in `panel`;
/// returns one account per indicator (the candidate pairs in, the rows formed used, the rest
/// excluded by reason).
///
/// A partner that is the actor itself or `WLD` is not a partner.
///
/// # Errors
/// A derived value that breaks a panel rule.
///
/// # Examples
/// ```
/// use linkage::{Dataset, iso3, panel::method::Method};
/// let d = Dataset::load(linkage::default_data_dir()).unwrap();
/// let mut p = linkage::Panel::new(linkage::catalogue()).unwrap();
/// let acc = linkage::derive::trade_dots::derive(&d.dots_inputs(), &mut p).unwrap();
/// assert!(acc.iter().all(|a| a.balances()));
/// let k = p.indicator_index("trade_share_dots").unwrap();
/// let i = p.position(iso3!("CHN"), iso3!("VNM"), 2019, k).unwrap();
/// assert_eq!(p.rows()[i].method, Method::PartnerReportedRecent); // newer vintage from 2015
/// let i = p.position(iso3!("JPN"), iso3!("VNM"), 2019, k).unwrap();
/// assert_eq!(p.rows()[i].method, Method::PartnerReported); // no Japan in the newer vintage
/// ```
pub fn derive(inputs: &DotsInputs<'_>, panel: &mut Panel) -> Result<Vec<Accounting>> {
    let world = crate::iso3!("WLD");
    let actor = index(inputs.actor_reported);
    let partner = index(inputs.partner_reported);
    let totals = world_totals(inputs.world_totals);
    // The newer vintage: the partners' own flows with USA and CHN, and their World totals.
    let recent = index(inputs.recent);
    let recent_totals = world_totals(inputs.recent);
    let recent_actors: BTreeSet<Iso3> = recent
        .keys()
        .map(|&(_, c, _)| c)
        .filter(|&c| c != world)
        .collect();
    // Candidate (actor, partner, year): every actor-reported pair, and every partner-reported
    // pair (either vintage) seen from the actor's side.
    let mut keys: BTreeSet<(Iso3, Iso3, i32)> = BTreeSet::new();
    keys.extend(actor.keys().copied());
    keys.extend(partner.keys().map(|&(p, a, y)| (a, p, y)));
    keys.extend(recent.keys().map(|&(p, a, y)| (a, p, y)));
    keys.retain(|&(a, p, _)| a != p && p != world && a != world);

    let pairs = "(actor, partner, year) pairs";
    let mut acc_trade = Accounting::new("trade_share_dots (IMF DOTS)", pairs);
    let mut acc_v = Accounting::new(
        "trade_share_dots_v2022 (IMF DOTS, early-2022 vintage)",
        pairs,
    );
    let mut acc_mirror = Accounting::new("trade_share_mirror_dots (IMF DOTS)", pairs);
    let mut acc_x = Accounting::new("export_share_dots (IMF DOTS)", pairs);
    let mut acc_m = Accounting::new("import_share_dots (IMF DOTS)", pairs);
    let mut acc_xg = Accounting::new("exports_to_partner_gdp_dots (IMF DOTS; WDI)", pairs);
    let mut acc_mg = Accounting::new("imports_from_partner_gdp_dots (IMF DOTS; WDI)", pairs);
    let none = Pair::default();
    for (a, p, y) in keys {
        let mirror = actor.get(&(a, p, y)).unwrap_or(&none);
        let own = partner.get(&(p, a, y)).unwrap_or(&none);
        let total = totals.get(&(p, y)).unwrap_or(&none);
        // The newer vintage, for the US and China from the splice year on.
        let use_recent = recent_actors.contains(&a) && y >= SPLICE_YEAR;
        let (new_own, new_total) = if use_recent {
            (
                recent.get(&(p, a, y)).unwrap_or(&none),
                recent_totals.get(&(p, y)).unwrap_or(&none),
            )
        } else {
            (&none, &none)
        };
        let dots_total = Pair::total(total.x, total.m);
        let mirror_trade = Pair::total(mirror.x, mirror.m);
        let own_trade = Pair::total(own.own_x(), own.own_m());
        let new_trade = Pair::total(new_own.x, new_own.m);
        let new_den = Pair::total(new_total.x, new_total.m);
        let g = inputs.gdp.get(&(p, y)).copied();
        let wdi_total = inputs
            .merchandise_pct_gdp
            .get(&(p, y))
            .zip(g)
            .map(|(pct, g)| pct / 100.0 * g);

        let recent_share = share(new_trade, new_den, Method::PartnerReportedRecent);
        let old_share = share(own_trade, dots_total, Method::PartnerReported);
        if recent_share.is_some() && y <= LAST_OLD_VINTAGE_YEAR {
            push_share(
                panel,
                &mut acc_v,
                (a, p, y),
                "trade_share_dots_v2022",
                old_share,
                || "not formed: the early-2022 vintage has no partner-reported share that year",
            )?;
        } else {
            acc_v.exclude("not an overlap year of a series in the newer vintage", 1);
        }
        let trade = recent_share
            .or(old_share)
            .or_else(|| share(mirror_trade, dots_total, Method::Mirror))
            .or_else(|| {
                if dots_total.is_none() {
                    share(mirror_trade, wdi_total, Method::MirrorWdiTotal)
                } else {
                    None
                }
            });
        let why = |flows: bool, den: bool| match (flows, den) {
            (false, _) => "not formed: the flows are missing on both sides",
            (true, false) => "not formed: the partner's total is missing",
            (true, true) => "not formed: the partner's total is not positive",
        };
        let any_flows = own_trade.or(mirror_trade).or(new_trade).is_some();
        let any_total = dots_total.or(wdi_total).or(new_den).is_some();
        push_share(
            panel,
            &mut acc_trade,
            (a, p, y),
            "trade_share_dots",
            trade,
            || why(any_flows, any_total),
        )?;
        let mirror_share = share(mirror_trade, dots_total, Method::Mirror);
        push_share(
            panel,
            &mut acc_mirror,
            (a, p, y),
            "trade_share_mirror_dots",
            mirror_share,
            || why(mirror_trade.is_some(), dots_total.is_some()),
        )?;
        let xs = share(new_own.x, new_total.x, Method::PartnerReportedRecent)
            .or_else(|| share(own.own_x(), total.x, Method::PartnerReported))
            .or_else(|| share(mirror.m, total.x, Method::Mirror));
        push_share(
            panel,
            &mut acc_x,
            (a, p, y),
            "export_share_dots",
            xs,
            || {
                why(
                    own.own_x().or(mirror.m).or(new_own.x).is_some(),
                    total.x.or(new_total.x).is_some(),
                )
            },
        )?;
        let ms = share(new_own.m, new_total.m, Method::PartnerReportedRecent)
            .or_else(|| share(own.own_m(), total.m, Method::PartnerReported))
            .or_else(|| share(mirror.x, total.m, Method::Mirror));
        push_share(
            panel,
            &mut acc_m,
            (a, p, y),
            "import_share_dots",
            ms,
            || {
                why(
                    own.own_m().or(mirror.x).or(new_own.m).is_some(),
                    total.m.or(new_total.m).is_some(),
                )
            },
        )?;
        let xg = ratio(mirror.x, g).map(|v| (100.0 * v, Method::Formula, g));
        push_share(
            panel,
            &mut acc_xg,
            (a, p, y),
            "exports_to_partner_gdp_dots",
            xg,
            || {
                if mirror.x.is_none() {
                    "not formed: the actor reports no exports to the partner"
                } else {
                    "not formed: the partner's GDP is missing"
                }
            },
        )?;
        let mg = ratio(mirror.m, g).map(|v| (100.0 * v, Method::Formula, g));
        push_share(
            panel,
            &mut acc_mg,
            (a, p, y),
            "imports_from_partner_gdp_dots",
            mg,
            || {
                if mirror.m.is_none() {
                    "not formed: the actor reports no imports from the partner"
                } else {
                    "not formed: the partner's GDP is missing"
                }
            },
        )?;
    }
    Ok(vec![
        acc_trade, acc_v, acc_mirror, acc_x, acc_m, acc_xg, acc_mg,
    ])
}

/// Every reporter's World totals: (reporter, year) → exports and imports.
fn world_totals(flows: &[TradeFlow]) -> HashMap<(Iso3, i32), Pair> {
    let world = crate::iso3!("WLD");
    let mut out: HashMap<(Iso3, i32), Pair> = HashMap::new();
    for f in flows.iter().filter(|f| f.partner == world) {
        out.entry((f.reporter, f.year)).or_default().add(f);
    }
    out
}

fn push_share(
    panel: &mut Panel,
    acc: &mut Accounting,
    (a, p, y): (Iso3, Iso3, i32),
    code: &str,
    value: Option<Share>,
    why: impl FnOnce() -> &'static str,
) -> Result<()> {
    match value {
        Some((v, method, den)) => {
            panel.push_derived(a, p, y, code, v, method, den)?;
            acc.used(1);
        }
        None => acc.exclude(why(), 1),
    }
    Ok(())
}

#[cfg(test)]
mod tests;
