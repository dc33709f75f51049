//! Spot checks on the shipped data, each worked out by hand from the file lines quoted.

use super::*;

struct Real {
    panel: Panel,
    unctad: crate::Accounting,
    cgit: crate::Accounting,
    gdp: CountryYear,
}

fn real() -> Real {
    let data = crate::default_data_dir();
    let c = conc();
    let (fdi, _) = unctad_fdi::load(&data, &c).unwrap();
    let deals = cgit_src::load(&data.join(cgit_src::FILE), &c)
        .unwrap()
        .records;
    let gdp = worldbank::load(&data.join(worldbank::GDP_FILE), &c)
        .unwrap()
        .records;
    let mut panel = Panel::new(catalogue()).unwrap();
    let unctad = derive_unctad(&fdi, &gdp, &ACTORS, &mut panel).unwrap();
    let cgit = derive_cgit(&deals, &gdp, &mut panel).unwrap();
    Real {
        panel,
        unctad,
        cgit,
        gdp,
    }
}

#[test]
fn unctad_spot_values() {
    let r = real();
    let p = &r.panel;
    let (jpn, usa, chn) = (iso3!("JPN"), iso3!("USA"), iso3!("CHN"));
    let (kor, ind, vnm, mmr) = (iso3!("KOR"), iso3!("IND"), iso3!("VNM"), iso3!("MMR"));
    let pr = Method::PartnerReported;
    // Stock share, Japan in Korea 2012:
    //   `KOR,KOR,Republic.of.Korea,World,,0,,2012,156142,`
    //   `KOR,KOR,Republic.of.Korea,Japan,JPN,3,Other developed countries,2012,41845,`
    //   41,845 / 156,142 = 0.267993…
    let (v, m, d) = obs(p, jpn, kor, 2012, "fdi_stock_share_unctad").unwrap();
    assert_relative_eq!(v, 41845.0 / 156142.0, max_relative = 1e-15);
    assert_relative_eq!(v, 0.267_993, epsilon = 1e-6);
    assert_eq!((m, d), (pr, Some(156142.0)));
    // Stock share, USA in India 2012 (India's stock table has values 2010–2012 only):
    //   `IND,IND,India,World,,0,,2012,218134,`
    //   `IND,IND,India,United States,USA,3,North America,2012,32562,`  → 0.149275…
    let (v, _, _) = obs(p, usa, ind, 2012, "fdi_stock_share_unctad").unwrap();
    assert_relative_eq!(v, 32562.0 / 218134.0, max_relative = 1e-15);
    assert!(obs(p, usa, ind, 2009, "fdi_stock_share_unctad").is_none());
    // Stock % GDP, Japan in Korea 2012 (Korea's own table): 100 × 41,845e6 / GDP, GDP from
    // the WDI file (`"Korea, Rep.",KOR,2012,1278046536287.0134`) → 3.274…%.
    let g = r.gdp[&(kor, 2012)];
    assert_relative_eq!(g, 1_278_046_536_287.013_4, max_relative = 1e-15);
    let (v, m, d) = obs(p, jpn, kor, 2012, "fdi_stock_gdp_unctad").unwrap();
    assert_relative_eq!(v, 100.0 * 41845e6 / g, max_relative = 1e-12);
    assert_relative_eq!(v, 3.274, epsilon = 1e-3);
    assert_eq!((m, d), (pr, Some(g)));
    // Stock % GDP, Japan in Viet Nam 2012, Viet Nam's table being the flat origin-reported one:
    //   `VNM,VNM,Viet.Nam,Japan,JPN,0,,2012,8393,` (Japan's own report, method mirror);
    //   GDP `Viet Nam,VNM,2012,195590661129.24908` → 4.291…%. No share from a flat table.
    let g = r.gdp[&(vnm, 2012)];
    let (v, m, _) = obs(p, jpn, vnm, 2012, "fdi_stock_gdp_unctad").unwrap();
    assert_relative_eq!(v, 100.0 * 8393e6 / g, max_relative = 1e-12);
    assert_relative_eq!(v, 4.291, epsilon = 1e-3);
    assert_eq!(m, Method::Mirror);
    assert!(obs(p, jpn, vnm, 2012, "fdi_stock_share_unctad").is_none());
    // Flow share, USA in Korea 2012:
    //   `KOR,KOR,Republic.of.Korea,World,,0,,2012,11117,`
    //   `KOR,KOR,Republic.of.Korea,United States,USA,3,North America,2012,2149,` → 0.193307…
    let (v, m, d) = obs(p, usa, kor, 2012, "fdi_flow_share_unctad").unwrap();
    assert_relative_eq!(v, 2149.0 / 11117.0, max_relative = 1e-15);
    assert_eq!((m, d), (pr, Some(11117.0)));
    // Flow share, Japan in Viet Nam 2012: `VNM,…,World,,0,,2012,8368,` and
    // `VNM,…,Japan,JPN,3,Other developed countries,2012,2863,` → 0.342136…; 2010 is `..`.
    let (v, _, _) = obs(p, jpn, vnm, 2012, "fdi_flow_share_unctad").unwrap();
    assert_relative_eq!(v, 2863.0 / 8368.0, max_relative = 1e-15);
    assert!(obs(p, jpn, vnm, 2010, "fdi_flow_share_unctad").is_none());
    // Approvals, China in Myanmar 2012: `MMR,MMR,Myanmar,World,,0,,2012,1419,` and
    // `MMR,MMR,Myanmar,China,CHN,4,East Asia,2012,407,` → 0.286822…; no realised flow share,
    // and no US row at all in Myanmar's flows table.
    let (v, _, _) = obs(p, chn, mmr, 2012, "fdi_approvals_share_unctad").unwrap();
    assert_relative_eq!(v, 407.0 / 1419.0, max_relative = 1e-15);
    assert!(obs(p, chn, mmr, 2012, "fdi_flow_share_unctad").is_none());
    assert!(obs(p, usa, mmr, 2012, "fdi_approvals_share_unctad").is_none());
    // A flow share far outside 0–1 where the World total is small: Italy 2012,
    //   `ITA,ITA,Italy,World,,0,,2012,93,` and `ITA,ITA,Italy,Germany,DEU,4,European Union,2012,-9912,`
    //   → -9,912 / 93 = -106.58; kept as the formula gives it.
    assert_relative_eq!(
        obs(p, iso3!("DEU"), iso3!("ITA"), 2012, "fdi_flow_share_unctad")
            .unwrap()
            .0,
        -9912.0 / 93.0,
        max_relative = 1e-15
    );
}

#[test]
fn cgit_spot_values() {
    let r = real();
    let p = &r.panel;
    let (chn, vnm) = (iso3!("CHN"), iso3!("VNM"));
    // Viet Nam 2023: `VNM,Vietnam,2023,10,2350,1,260,11,2610,2610,12`, GDP from the WDI file
    // (`Viet Nam,VNM,2023,429716969049.5928`): 100 × 2,350e6 / GDP = 0.5469…%, construction
    // 100 × 260e6 / GDP = 0.0605…%.
    let g = r.gdp[&(vnm, 2023)];
    assert_relative_eq!(g, 429_716_969_049.592_8, max_relative = 1e-15);
    let (v, m, d) = obs(p, chn, vnm, 2023, "cgit_investment_gdp").unwrap();
    assert_relative_eq!(v, 100.0 * 2350e6 / g, max_relative = 1e-12);
    assert_relative_eq!(v, 0.5469, epsilon = 1e-4);
    assert_eq!((m, d), (Method::Formula, Some(g)));
    assert_relative_eq!(
        obs(p, chn, vnm, 2023, "cgit_construction_gdp").unwrap().0,
        100.0 * 260e6 / g,
        max_relative = 1e-12
    );
    // 2024 (`VNM,Vietnam,2024,11,2050,3,880,14,2930,2930,12`) has no row: the shipped WDI GDP
    // file ends in 2023. 2025 is partial and left out.
    assert!(!r.gdp.contains_key(&(vnm, 2024)));
    assert!(obs(p, chn, vnm, 2024, "cgit_investment_gdp").is_none());
    // India 2021 has no line in the tracker (no deal ≥ US$ 100 m): 0, not missing.
    assert_relative_eq!(
        obs(p, chn, iso3!("IND"), 2021, "cgit_investment_gdp")
            .unwrap()
            .0,
        0.0
    );
    // Myanmar 2022: `MMR,Myanmar,2022,0,0,1,150,1,150,150,12` → investment 0, construction > 0.
    let mmr = iso3!("MMR");
    assert_relative_eq!(
        obs(p, chn, mmr, 2022, "cgit_investment_gdp").unwrap().0,
        0.0
    );
    assert_relative_eq!(
        obs(p, chn, mmr, 2022, "cgit_construction_gdp").unwrap().0,
        100.0 * 150e6 / r.gdp[&(mmr, 2022)],
        max_relative = 1e-12
    );
}

#[test]
fn accounts_balance_and_rows_per_indicator() {
    let r = real();
    let p = &r.panel;
    assert!(r.unctad.balances() && r.cgit.balances());
    assert_eq!(r.unctad.rows_used() + r.cgit.rows_used(), p.len());
    // Counted independently from the CSV files (Python, same rules).
    // Less Mongolia's and Taiwan's approval-basis stock (229 cells with a World total).
    assert_eq!(count(p, "fdi_stock_share_unctad"), 8800 - 229);
    assert_eq!(count(p, "fdi_flow_share_unctad"), 9824);
    assert_eq!(count(p, "fdi_approvals_share_unctad"), 324);
    // Less Mongolia's 121 approval-basis cells with a GDP (Taiwan has no WDI GDP).
    assert_eq!(count(p, "fdi_stock_gdp_unctad"), 8692 - 121 + 3811);
    let k = p.indicator_index("fdi_stock_gdp_unctad").unwrap();
    let mirror = p
        .rows()
        .iter()
        .filter(|o| o.indicator == k && o.method == Method::Mirror)
        .count();
    assert_eq!(mirror, 3811);
    // CGIT: 3,900 partner-years with GDP in 2005–2023 (none in 2024), each with two rows.
    assert_eq!(count(p, "cgit_investment_gdp"), 3900);
    assert_eq!(count(p, "cgit_construction_gdp"), 3900);
    let ex = r.cgit.exclusions();
    // 65 host-years of 2025; 96 tracked host-years without GDP (80 of them 2024; TWN 2012,
    // 2018, 2019; ERI, SSD, VEN, QAT…).
    assert_eq!(
        ex["year outside 2005-2024 (2025 is partial), not used"],
        2 * 65
    );
    assert_eq!(ex["tracked host has no WDI GDP that year"], 2 * 96);
    // WDI aggregates the concordance knows (WLD, EUU): no rows; every other GDP code has a UN
    // region, i.e. is a country or territory.
    let c = conc();
    assert!(
        r.gdp
            .keys()
            .all(|(g, _)| [iso3!("WLD"), iso3!("EUU")].contains(g)
                || c.get(*g).and_then(|x| x.region.as_ref()).is_some())
    );
    assert!(
        p.partners()
            .iter()
            .all(|q| *q != iso3!("WLD") && *q != iso3!("EUU"))
    );
    let ex = r.unctad.exclusions();
    assert_eq!(
        ex["fdi_flow_share_unctad: World total zero or negative, share undefined"],
        377
    );
    // Mongolia (121) and Taiwan (108): every actor cell of their approval-basis stock tables.
    for code in ["fdi_stock_share_unctad", "fdi_stock_gdp_unctad"] {
        assert_eq!(
            ex[&format!(
                "{code}: partner's stock is on an approval basis (Mongolia; Taiwan Province of China: accumulated approvals)"
            )],
            229
        );
    }
}

/// First and last year of each indicator for the actors USA, JPN, CHN in the case-study
/// partners MMR, VNM, IND, KOR (every year in between present).
#[test]
fn case_study_coverage() {
    let r = real();
    let p = &r.panel;
    let span = |a: &str, q: &str, code: &str| -> Option<(i32, i32, usize)> {
        let (a, q): (Iso3, Iso3) = (a.parse().unwrap(), q.parse().unwrap());
        let k = p.indicator_index(code).unwrap();
        let ys: Vec<i32> = p
            .rows()
            .iter()
            .filter(|o| o.indicator == k && o.actor == a && o.partner == q)
            .map(|o| o.year)
            .collect();
        Some((*ys.iter().min()?, *ys.iter().max()?, ys.len()))
    };
    let (stock, flow, appr, sgdp) = (
        "fdi_stock_share_unctad",
        "fdi_flow_share_unctad",
        "fdi_approvals_share_unctad",
        "fdi_stock_gdp_unctad",
    );
    let full = Some((2001, 2012, 12));
    // Myanmar: approvals for JPN and CHN (no US row); stock flat (mirror % GDP for USA from
    // 2002, CHN; no Japanese report).
    assert_eq!(span("USA", "MMR", appr), None);
    assert_eq!(span("JPN", "MMR", appr), full);
    assert_eq!(span("CHN", "MMR", appr), full);
    assert_eq!(span("USA", "MMR", sgdp), Some((2002, 2012, 11)));
    assert_eq!(span("JPN", "MMR", sgdp), None);
    assert_eq!(span("CHN", "MMR", sgdp), full);
    // Viet Nam: flows 2011–2012 only; stock flat (mirror % GDP, no share).
    for a in ["USA", "JPN", "CHN"] {
        assert_eq!(span(a, "VNM", flow), Some((2011, 2012, 2)));
        assert_eq!(span(a, "VNM", sgdp), full);
        assert_eq!(span(a, "VNM", stock), None);
        // India: flows every year, stock 2010–2012. Korea: everything, every year.
        assert_eq!(span(a, "IND", flow), full);
        assert_eq!(span(a, "IND", stock), Some((2010, 2012, 3)));
        assert_eq!(span(a, "IND", sgdp), Some((2010, 2012, 3)));
        for code in [stock, flow, sgdp] {
            assert_eq!(span(a, "KOR", code), full);
        }
    }
    // The tracker: China only, 2005–2023 in all four (2024 lacks GDP).
    for q in ["MMR", "VNM", "IND", "KOR"] {
        assert_eq!(
            span("CHN", q, "cgit_investment_gdp"),
            Some((2005, 2023, 19))
        );
        assert_eq!(
            span("CHN", q, "cgit_construction_gdp"),
            Some((2005, 2023, 19))
        );
        assert_eq!(span("USA", q, "cgit_investment_gdp"), None);
    }
}
