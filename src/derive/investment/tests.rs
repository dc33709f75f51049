use super::*;
use crate::catalogue;
use crate::derive::ACTORS;
use crate::iso3;
use crate::panel::Panel;
use crate::panel::country::{Concordance, Iso3};
use crate::panel::method::Method;
use crate::sources::unctad_fdi::tests::{
    SYNTHETIC_FLOWS, SYNTHETIC_STOCK, synthetic_dir, synthetic_notes,
};
use crate::sources::{CountryYear, cgit as cgit_src, unctad_fdi, worldbank};
use approx::assert_relative_eq;

fn conc() -> Concordance {
    Concordance::load(crate::default_data_dir()).unwrap()
}

/// The observation of (actor, partner, year, code): value, method and denominator.
fn obs(p: &Panel, a: Iso3, q: Iso3, y: i32, code: &str) -> Option<(f64, Method, Option<f64>)> {
    let k = p.indicator_index(code)?;
    p.position(a, q, y, k).map(|i| {
        let o = &p.rows()[i];
        (o.value, o.method, o.denominator)
    })
}

/// Rows of one indicator.
fn count(p: &Panel, code: &str) -> usize {
    let k = p.indicator_index(code).unwrap();
    p.rows().iter().filter(|o| o.indicator == k).count()
}

#[test]
fn unctad_synthetic_fixture_hand_checked() {
    // Synthetic files (sources::unctad_fdi::tests): Korea's stock 2012 has World 1,000,
    // Developed economies 600 > Other developed countries 300 > Japan 250, Developing
    // economies 400 > East Asia 120 > China -20. World 2011 is `..` (Japan 240); World 2010 is
    // -50 (Japan 10). Viet Nam's stock is flat: Japan 8,393, USA `-`, China `..`, India `- -0`.
    // Taiwan's stock is accumulated approvals: World 121,444, Japan 17,312. Flows: Korea World
    // 200, Japan 50, USA `..`; Myanmar (approval basis) World 1,419, Japan 54, China 407.
    // GDP (synthetic, US$): KOR 2012 and 2011 1e12 (none in 2010), VNM 2012 2e11, TWN 2012 5e11.
    let dir = synthetic_dir(&synthetic_notes(), SYNTHETIC_STOCK, SYNTHETIC_FLOWS);
    let (fdi, _) = unctad_fdi::load(&dir, &conc()).unwrap();
    let (kor, vnm, twn, mmr) = (iso3!("KOR"), iso3!("VNM"), iso3!("TWN"), iso3!("MMR"));
    let (jpn, chn, usa, ind) = (iso3!("JPN"), iso3!("CHN"), iso3!("USA"), iso3!("IND"));
    let gdp = CountryYear::from([
        ((kor, 2012), 1e12),
        ((kor, 2011), 1e12),
        ((vnm, 2012), 2e11),
        ((twn, 2012), 5e11),
    ]);
    let mut p = Panel::new(catalogue()).unwrap();
    let acc = derive_unctad(&fdi, &gdp, &ACTORS, &mut p).unwrap();
    let pr = Method::PartnerReported;
    // Nested regions are not summed: Japan's share is 250 / World 1,000 = 0.25, not
    // 250 / (600 + 400) or over any region.
    assert_eq!(
        obs(&p, jpn, kor, 2012, "fdi_stock_share_unctad"),
        Some((0.25, pr, Some(1000.0)))
    );
    // Negative stock (disinvestment): -20 / 1,000 = -0.02; % GDP 100 × -20e6 / 1e12 = -0.002.
    let (v, _, _) = obs(&p, chn, kor, 2012, "fdi_stock_share_unctad").unwrap();
    assert_relative_eq!(v, -0.02, epsilon = 1e-15);
    let (v, m, d) = obs(&p, chn, kor, 2012, "fdi_stock_gdp_unctad").unwrap();
    assert_relative_eq!(v, -0.002, epsilon = 1e-15);
    assert_eq!((m, d), (pr, Some(1e12)));
    // Japan in Korea, % GDP: 100 × 250e6 / 1e12 = 0.025 (2012); 100 × 240e6 / 1e12 = 0.024 (2011).
    assert_relative_eq!(
        obs(&p, jpn, kor, 2012, "fdi_stock_gdp_unctad").unwrap().0,
        0.025,
        epsilon = 1e-15
    );
    assert_relative_eq!(
        obs(&p, jpn, kor, 2011, "fdi_stock_gdp_unctad").unwrap().0,
        0.024,
        epsilon = 1e-15
    );
    // `..` World (2011) and a negative World (2010): no share, counted; 2010 has no GDP either.
    assert!(obs(&p, jpn, kor, 2011, "fdi_stock_share_unctad").is_none());
    assert!(obs(&p, jpn, kor, 2010, "fdi_stock_share_unctad").is_none());
    assert!(obs(&p, jpn, kor, 2010, "fdi_stock_gdp_unctad").is_none());
    // Flat table: no share, but a mirror % of GDP: 100 × 8,393e6 / 2e11 = 4.1965; `-` and
    // `- -0` give 0 (a value), `..` gives nothing.
    assert!(obs(&p, jpn, vnm, 2012, "fdi_stock_share_unctad").is_none());
    let (v, m, d) = obs(&p, jpn, vnm, 2012, "fdi_stock_gdp_unctad").unwrap();
    assert_relative_eq!(v, 4.1965, max_relative = 1e-12);
    assert_eq!((m, d), (Method::Mirror, Some(2e11)));
    assert_eq!(
        obs(&p, usa, vnm, 2012, "fdi_stock_gdp_unctad"),
        Some((0.0, Method::Mirror, Some(2e11)))
    );
    assert_relative_eq!(
        obs(&p, ind, vnm, 2012, "fdi_stock_gdp_unctad").unwrap().0,
        0.0
    );
    assert!(obs(&p, chn, vnm, 2012, "fdi_stock_gdp_unctad").is_none());
    // Taiwan: accumulated approvals, neither a share (17,312 / 121,444 would be 0.14) nor a %
    // of GDP.
    assert!(obs(&p, jpn, twn, 2012, "fdi_stock_share_unctad").is_none());
    assert!(obs(&p, jpn, twn, 2012, "fdi_stock_gdp_unctad").is_none());
    // Flows: realised 50 / 200; approvals go to their own indicator: 54 / 1,419, 407 / 1,419.
    assert_eq!(
        obs(&p, jpn, kor, 2012, "fdi_flow_share_unctad"),
        Some((0.25, pr, Some(200.0)))
    );
    assert!(obs(&p, usa, kor, 2012, "fdi_flow_share_unctad").is_none());
    assert!(obs(&p, jpn, mmr, 2012, "fdi_flow_share_unctad").is_none());
    assert_relative_eq!(
        obs(&p, jpn, mmr, 2012, "fdi_approvals_share_unctad")
            .unwrap()
            .0,
        54.0 / 1419.0,
        max_relative = 1e-15
    );
    assert_relative_eq!(
        obs(&p, chn, mmr, 2012, "fdi_approvals_share_unctad")
            .unwrap()
            .0,
        407.0 / 1419.0,
        max_relative = 1e-15
    );
    // Candidates: 8 stock cells × 2 + 3 flows cells = 19; pushed: stock shares 2 (JPN, CHN in
    // KOR 2012), % GDP 6 (KOR 2012 ×2, 2011; VNM ×3), flows 3 = 11.
    assert!(acc.balances());
    assert_eq!((acc.rows_in(), acc.rows_used(), p.len()), (19, 11, 11));
    let ex = acc.exclusions();
    assert_eq!(
        ex["fdi_stock_share_unctad: partner's table is origin-reported (flat, no World total)"],
        3
    );
    assert_eq!(
        ex["fdi_stock_share_unctad: World total not available (`..`)"],
        1
    );
    assert_eq!(
        ex["fdi_stock_share_unctad: World total zero or negative, share undefined"],
        1
    );
    assert_eq!(ex["fdi_stock_gdp_unctad: partner's GDP missing"], 1);
    for code in ["fdi_stock_share_unctad", "fdi_stock_gdp_unctad"] {
        assert_eq!(
            ex[&format!(
                "{code}: partner's stock is on an approval basis (Mongolia; Taiwan Province of China: accumulated approvals)"
            )],
            1
        );
    }
}

#[test]
fn unctad_origins_that_are_not_actors_are_counted() {
    // Synthetic: with Japan the only actor, the China, USA and India cells are not candidates.
    let dir = synthetic_dir(&synthetic_notes(), SYNTHETIC_STOCK, SYNTHETIC_FLOWS);
    let (fdi, _) = unctad_fdi::load(&dir, &conc()).unwrap();
    let mut p = Panel::new(catalogue()).unwrap();
    let acc = derive_unctad(&fdi, &CountryYear::new(), &[iso3!("JPN")], &mut p).unwrap();
    // Stock: CHN (KOR), USA and IND (VNM) = 3 cells × 2; flows: CHN (MMR) = 1.
    assert_eq!(acc.exclusions()["origin is not an actor"], 7);
    assert_eq!(acc.rows_in(), 19);
    assert_eq!(acc.rows_used(), p.len());
    assert_eq!(p.actors(), vec![iso3!("JPN")]);
}

#[test]
fn cgit_synthetic_fixture_hand_checked() {
    // Synthetic deals (US$ m): VNM 2023 investment 2,350, construction 260; VNM 2025 (partial);
    // MMR 2022 construction 150 only; TWN 2012 investment 140 (no GDP). GDP (US$): VNM 2023 and
    // 2022 4e11, MMR 2022 6e10, VNM 2004 (before the tracker), and WLD, CHN, HKG 2023.
    let (vnm, mmr, twn, chn) = (iso3!("VNM"), iso3!("MMR"), iso3!("TWN"), iso3!("CHN"));
    let deal = |host, year, inv, con, months| cgit_src::DealYear {
        host,
        year,
        investment_usd_million: inv,
        construction_usd_million: con,
        construction_months: months,
    };
    let deals = vec![
        deal(vnm, 2023, 2350.0, 260.0, 12),
        deal(vnm, 2025, 320.0, 890.0, 6),
        deal(mmr, 2022, 0.0, 150.0, 12),
        deal(twn, 2012, 140.0, 0.0, 12),
    ];
    let gdp = CountryYear::from([
        ((vnm, 2023), 4e11),
        ((vnm, 2022), 4e11),
        ((vnm, 2004), 6e10),
        ((mmr, 2022), 6e10),
        ((iso3!("WLD"), 2023), 1e14),
        ((chn, 2023), 1.8e13),
        ((iso3!("HKG"), 2023), 4e11),
    ]);
    let mut p = Panel::new(catalogue()).unwrap();
    let acc = derive_cgit(&deals, &gdp, &mut p).unwrap();
    // 100 × 2,350e6 / 4e11 = 0.5875; 100 × 260e6 / 4e11 = 0.065.
    let (v, m, d) = obs(&p, chn, vnm, 2023, "cgit_investment_gdp").unwrap();
    assert_relative_eq!(v, 0.5875, max_relative = 1e-15);
    assert_eq!((m, d), (Method::Formula, Some(4e11)));
    assert_relative_eq!(
        obs(&p, chn, vnm, 2023, "cgit_construction_gdp").unwrap().0,
        0.065,
        max_relative = 1e-15
    );
    // No tracked deal in Viet Nam in 2022: zeros, not missing.
    assert_relative_eq!(
        obs(&p, chn, vnm, 2022, "cgit_investment_gdp").unwrap().0,
        0.0
    );
    assert_relative_eq!(
        obs(&p, chn, vnm, 2022, "cgit_construction_gdp").unwrap().0,
        0.0
    );
    // Myanmar 2022: investment 0; construction 100 × 150e6 / 6e10 = 0.25.
    assert_relative_eq!(
        obs(&p, chn, mmr, 2022, "cgit_investment_gdp").unwrap().0,
        0.0
    );
    assert_relative_eq!(
        obs(&p, chn, mmr, 2022, "cgit_construction_gdp").unwrap().0,
        0.25,
        max_relative = 1e-15
    );
    // 2025 is left out; 2004 is outside the tracker; aggregates and China's territory get none.
    assert!(obs(&p, chn, vnm, 2025, "cgit_investment_gdp").is_none());
    assert!(obs(&p, chn, vnm, 2004, "cgit_investment_gdp").is_none());
    assert!(obs(&p, chn, iso3!("WLD"), 2023, "cgit_investment_gdp").is_none());
    assert!(obs(&p, chn, iso3!("HKG"), 2023, "cgit_investment_gdp").is_none());
    assert!(obs(&p, chn, twn, 2012, "cgit_investment_gdp").is_none());
    // Candidates: GDP entries 2005–2024: VNM ×2, MMR, WLD, CHN, HKG = 6 × 2; deals without a
    // row: VNM 2025, TWN 2012 = 2 × 2. Pushed: 3 partner-years × 2 = 6.
    assert!(acc.balances());
    assert_eq!((acc.rows_in(), acc.rows_used(), p.len()), (16, 6, 6));
    let ex = acc.exclusions();
    assert_eq!(ex["year outside 2005-2024 (2025 is partial), not used"], 2);
    assert_eq!(ex["tracked host has no WDI GDP that year"], 2);
    assert_eq!(ex["partner is China, Hong Kong or Macao (the investor)"], 4);
    assert_eq!(
        ex["partner is an aggregate (World, European Union), not a country"],
        2
    );
}

#[test]
fn cgit_a_repeated_host_year_is_an_error() {
    let d = cgit_src::DealYear {
        host: iso3!("VNM"),
        year: 2023,
        investment_usd_million: 1.0,
        construction_usd_million: 0.0,
        construction_months: 12,
    };
    let mut p = Panel::new(catalogue()).unwrap();
    let e = derive_cgit(&[d, d], &CountryYear::new(), &mut p).unwrap_err();
    assert!(matches!(e, crate::Error::Invalid { .. }), "{e}");
}

mod real;
