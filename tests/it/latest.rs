//! To the latest year (issue 13): trade shares of the US and China to 2024 from the newer DOTS
//! vintage, spliced at 2015.

use approx::assert_relative_eq;
use linkage::panel::flag::Flag;
use linkage::panel::method::Method;
use linkage::quality::{RuleOverride, RuleSet};
use linkage::{BuiltPanel, Dataset, Iso3, iso3};
use std::sync::OnceLock;

fn data() -> &'static (Dataset, BuiltPanel) {
    static D: OnceLock<(Dataset, BuiltPanel)> = OnceLock::new();
    D.get_or_init(|| {
        let d = Dataset::load(linkage::default_data_dir()).unwrap();
        let b = d.default_panel().unwrap();
        (d, b)
    })
}

fn row(actor: Iso3, partner: Iso3, year: i32, code: &str) -> Option<linkage::Observation> {
    let p = &data().1.panel;
    let k = p.indicator_index(code)?;
    p.position(actor, partner, year, k).map(|i| p.rows()[i])
}

#[test]
fn us_and_china_trade_shares_reach_2024_in_the_case_studies() {
    // data/bilateral_trade_recent/imf_dots_all_reporters_with_usa_chn_2015_2024.csv (US$ m, 2024),
    // the partner's own records:
    // CHN in VNM: VNM exports to CHN 61,025.933626 + imports from CHN 143,989.458697 =
    //   205,015.392323; VNM World 392,241.826013 + 365,588.593032 = 757,830.419045 → 0.270529.
    // USA in MMR: MMR exports to USA 473.11575 + imports 112.536939 = 585.652689; MMR World
    //   15,381.742381 + 12,564.578155 = 27,946.320536 → 0.020956.
    let vn = row(iso3!("CHN"), iso3!("VNM"), 2024, "trade_share_dots").unwrap();
    assert_relative_eq!(
        vn.value,
        205_015.392323 / 757_830.419045,
        max_relative = 1e-9
    );
    assert_relative_eq!(vn.value, 0.270529, epsilon = 1e-6);
    assert_eq!(vn.method, Method::PartnerReportedRecent);
    let mm = row(iso3!("USA"), iso3!("MMR"), 2024, "trade_share_dots").unwrap();
    assert_relative_eq!(mm.value, 585.652689 / 27_946.320536, max_relative = 1e-9);
    assert_relative_eq!(mm.value, 0.020956, epsilon = 1e-6);
    for p in ["MMR", "VNM", "IND", "KOR"] {
        let p: Iso3 = p.parse().unwrap();
        for a in [iso3!("USA"), iso3!("CHN")] {
            let o = row(a, p, 2024, "trade_share_dots").unwrap();
            assert_eq!(o.method, Method::PartnerReportedRecent, "{a} in {p}");
            assert_eq!(o.flag, None, "{a} in {p}");
        }
        // No counterpart Japan in the newer file: Japan's share ends in 2020.
        assert!(row(iso3!("JPN"), p, 2020, "trade_share_dots").is_some());
        assert!(row(iso3!("JPN"), p, 2021, "trade_share_dots").is_none());
    }
}

#[test]
fn the_splice_keeps_the_older_vintage_beside_and_its_size_is_known() {
    // China's share of Vietnam's trade in 2016, both vintages, Vietnam's own records (US$ m):
    // newer: (21,950.444542 + 50,037.690972) / (213,925.068303 + 182,226.249821) = 0.181719;
    // early-2022 (dots_partner_reported… and dots_reporter_world_totals…):
    //   (21,950.444543 + 50,037.690972) / (175,940.315373 + 184,678.859078) = 0.199624.
    // The flows agree; Vietnam's World exports are 21.6 % higher in the newer vintage, so the
    // break is 0.181719 / 0.199624 = 0.9103 (−9 %).
    let (cn, vn) = (iso3!("CHN"), iso3!("VNM"));
    let newer = row(cn, vn, 2016, "trade_share_dots").unwrap();
    let older = row(cn, vn, 2016, "trade_share_dots_v2022").unwrap();
    assert_relative_eq!(newer.value, 0.181719, epsilon = 1e-6);
    assert_relative_eq!(older.value, 0.199624, epsilon = 1e-6);
    assert_relative_eq!(newer.value / older.value, 0.9103, epsilon = 1e-4);
    assert_eq!(older.method, Method::PartnerReported);
    // Before the splice year there is one vintage, the older one.
    assert_eq!(
        row(cn, vn, 2014, "trade_share_dots").unwrap().method,
        Method::PartnerReported
    );
    assert!(row(cn, vn, 2014, "trade_share_dots_v2022").is_none());
    // A 9 % break is within the default threshold (1.25); the rule sees it when tightened.
    assert_eq!(newer.flag, None);
    let strict = RuleSet::default()
        .with_overrides(&[RuleOverride {
            rule: Flag::VintageBreak,
            indicator: "trade_share_dots".into(),
            threshold: Some(1.05),
            floor: None,
        }])
        .unwrap();
    let b = data().0.panel_with_rules(&strict).unwrap();
    let k = b.panel.indicator_index("trade_share_dots").unwrap();
    let flagged: Vec<i32> = (2015..=2020)
        .filter(|&y| {
            let i = b.panel.position(cn, vn, y, k).unwrap();
            b.panel.rows()[i].flag == Some(Flag::VintageBreak)
        })
        .collect();
    assert_eq!(flagged, [2015, 2016, 2017]);
    // A rebuilt record is flagged by default: Myanmar's exports to the US in 2020, 236.96 in
    // the newer vintage against 904.57 in the older.
    assert_eq!(
        row(iso3!("USA"), iso3!("MMR"), 2020, "trade_share_dots")
            .unwrap()
            .flag,
        Some(Flag::VintageBreak)
    );
}

#[test]
fn the_latest_profile_takes_each_values_latest_clean_year_and_scores_like_the_yearly_run() {
    use linkage::presence::{self, latest};
    let (d, b) = data();
    let fw = presence::default_spec(&d.dir).unwrap().resolve().unwrap();
    let p = presence::score(&b.panel, &fw).unwrap();
    let l = latest::profile(&p, (2020, 2024)).unwrap();
    let (us, jp, cn, vn) = (iso3!("USA"), iso3!("JPN"), iso3!("CHN"), iso3!("VNM"));
    // China's trade share in Vietnam: 2024, scored as the yearly run scores 2024.
    assert_eq!(l.year(cn, vn, "trade_share_dots"), Some(2024));
    assert_eq!(
        l.score(cn, vn, "trade_share_dots"),
        p.score(cn, vn, 2024, "trade_share_dots")
    );
    // Japan's ends in 2020 (no Japan counterpart in the newer DOTS vintage).
    assert_eq!(l.year(jp, vn, "trade_share_dots"), Some(2020));
    assert_eq!(
        l.score(jp, vn, "trade_share_dots"),
        p.score(jp, vn, 2020, "trade_share_dots")
    );
    // A flagged value is not "latest": the US in Myanmar 2020 (vintage break) is skipped for
    // the trade share, whose latest clean year is 2024 anyway; students end in 2019: none.
    assert_eq!(l.year(us, iso3!("MMR"), "students_per_million_oecd"), None);
    // Like with like: in each partner every ranked actor was compared on the same dimensions.
    for &partner in &[iso3!("MMR"), vn, iso3!("IND"), iso3!("KOR")] {
        let used: Vec<Vec<&str>> = l
            .pairs
            .iter()
            .filter(|&&(_, q)| q == partner)
            .filter_map(|&(a, q)| l.used(a, q, "presence"))
            .collect();
        assert!(used.windows(2).all(|w| w[0] == w[1]), "{partner}: {used:?}");
    }
    // Every row of profile_latest.csv carries its year.
    let text = linkage::io::csv::to_string(&l, linkage::io::csv::NumberStyle::Point).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("actor,partner,level,code,year,first_year,value,score,rank,used")
    );
    let mut n = 0;
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        let (year, first): (i32, i32) = (cells[4].parse().unwrap(), cells[5].parse().unwrap());
        assert!((2020..=2024).contains(&year) && first <= year, "{line}");
        n += 1;
    }
    assert!(n > 5_000, "{n}");
}
