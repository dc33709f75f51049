use super::*;
use crate::{catalogue, iso3};
use approx::assert_relative_eq;

fn flow(reporter: Iso3, partner: Iso3, flow: Flow, value_musd: f64, estimate: bool) -> TradeFlow {
    TradeFlow {
        reporter,
        partner,
        flow,
        year: 2019,
        value_musd,
        estimate,
    }
}

fn method_of(p: &Panel, a: Iso3, q: Iso3, code: &str) -> Method {
    let k = p.indicator_index(code).unwrap();
    p.rows()[p.position(a, q, 2019, k).unwrap()].method
}

#[test]
fn partner_records_first_then_mirror_then_wdi() {
    // Synthetic case. VNM reports with JPN: exports 40, imports 10 (US$ m); JPN reports 30 and
    // 20. VNM's World totals: exports 200, imports 300 → 500.
    // trade share (partner-reported) = (40 + 10) / 500 = 0.1; mirror = (30 + 20) / 500 = 0.1 too;
    // export share = 40 / 200 = 0.2; import share = 10 / 300.
    let (jp, vn, us, mm, w) = (
        iso3!("JPN"),
        iso3!("VNM"),
        iso3!("USA"),
        iso3!("MMR"),
        iso3!("WLD"),
    );
    let actor = vec![
        flow(jp, vn, Flow::Exports, 30.0, false),
        flow(jp, vn, Flow::Imports, 20.0, false),
        // USA reports with VNM; VNM's own record of it is an IMF estimate → mirror.
        flow(us, vn, Flow::Exports, 15.0, false),
        flow(us, vn, Flow::Imports, 60.0, false),
        // JPN with MMR: MMR has no DOTS total → WDI fallback.
        flow(jp, mm, Flow::Exports, 5.0, false),
        flow(jp, mm, Flow::Imports, 5.0, false),
    ];
    let partner = vec![
        flow(vn, jp, Flow::Exports, 40.0, false),
        flow(vn, jp, Flow::Imports, 10.0, false),
        flow(vn, us, Flow::Exports, 55.0, true),
        flow(vn, us, Flow::Imports, 14.0, false),
    ];
    let world = vec![
        flow(vn, w, Flow::Exports, 200.0, false),
        flow(vn, w, Flow::Imports, 300.0, false),
    ];
    // MMR: merchandise trade 50 % of a GDP of 100 m → 50 m; (5 + 5) / 50 = 0.2.
    let merch = CountryYear::from([((mm, 2019), 50.0)]);
    let gdp = CountryYear::from([((mm, 2019), 100.0e6), ((vn, 2019), 1000.0e6)]);
    let inputs = DotsInputs {
        actor_reported: &actor,
        partner_reported: &partner,
        world_totals: &world,
        recent: &[],
        merchandise_pct_gdp: &merch,
        gdp: &gdp,
    };
    let mut p = Panel::new(catalogue()).unwrap();
    let acc = derive(&inputs, &mut p).unwrap();
    let get = |a, q, c| p.get(a, q, 2019, c).unwrap();
    assert_relative_eq!(get(jp, vn, "trade_share_dots"), 0.1, epsilon = 1e-12);
    assert_eq!(
        method_of(&p, jp, vn, "trade_share_dots"),
        Method::PartnerReported
    );
    assert_relative_eq!(get(jp, vn, "export_share_dots"), 0.2, epsilon = 1e-12);
    assert_relative_eq!(
        get(jp, vn, "import_share_dots"),
        10.0 / 300.0,
        epsilon = 1e-12
    );
    // USA–VNM: VNM's exports are an estimate → the trade share is the mirror (15 + 60) / 500;
    // its import share is VNM's own record 14 / 300; the export share the mirror 60 / 200.
    assert_relative_eq!(get(us, vn, "trade_share_dots"), 0.15, epsilon = 1e-12);
    assert_eq!(method_of(&p, us, vn, "trade_share_dots"), Method::Mirror);
    assert_relative_eq!(
        get(us, vn, "import_share_dots"),
        14.0 / 300.0,
        epsilon = 1e-12
    );
    assert_eq!(
        method_of(&p, us, vn, "import_share_dots"),
        Method::PartnerReported
    );
    assert_relative_eq!(get(us, vn, "export_share_dots"), 0.3, epsilon = 1e-12);
    assert_eq!(method_of(&p, us, vn, "export_share_dots"), Method::Mirror);
    assert_relative_eq!(
        get(us, vn, "trade_share_mirror_dots"),
        0.15,
        epsilon = 1e-12
    );
    // JPN–MMR: WDI fallback, and no mirror share (no DOTS total).
    assert_relative_eq!(get(jp, mm, "trade_share_dots"), 0.2, epsilon = 1e-12);
    assert_eq!(
        method_of(&p, jp, mm, "trade_share_dots"),
        Method::MirrorWdiTotal
    );
    assert!(p.get(jp, mm, 2019, "trade_share_mirror_dots").is_none());
    // The denominator is recorded: VNM's World total, US$.
    let k = p.indicator_index("trade_share_dots").unwrap();
    let row = p.rows()[p.position(jp, vn, 2019, k).unwrap()];
    assert_relative_eq!(row.denominator.unwrap(), 500.0e6, epsilon = 1e-3);
    // GDP-relative flows stay actor-reported: 100 × 30 / 1000.
    assert_relative_eq!(
        get(jp, vn, "exports_to_partner_gdp_dots"),
        3.0,
        epsilon = 1e-12
    );
    // Every account balances; three pairs each.
    assert!(acc.iter().all(|a| a.balances() && a.rows_in() == 3));
    assert_eq!(acc[2].rows_excluded(), 1); // the mirror share of JPN–MMR
}

#[test]
fn missing_denominator_is_counted_not_zero() {
    let (jp, vn) = (iso3!("JPN"), iso3!("VNM"));
    let actor = vec![flow(jp, vn, Flow::Exports, 30.0, false)];
    let none = CountryYear::new();
    let inputs = DotsInputs {
        actor_reported: &actor,
        partner_reported: &[],
        world_totals: &[],
        recent: &[],
        merchandise_pct_gdp: &none,
        gdp: &none,
    };
    let mut p = Panel::new(catalogue()).unwrap();
    let acc = derive(&inputs, &mut p).unwrap();
    assert!(p.is_empty());
    assert!(
        acc.iter()
            .all(|a| a.rows_in() == 1 && a.rows_excluded() == 1)
    );
}
