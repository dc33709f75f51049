//! Data you can trust (issue 12): one-source trade shares, the data-quality flags on the
//! shipped data, and the accounts.

use approx::assert_relative_eq;
use linkage::panel::flag::Flag;
use linkage::panel::method::Method;
use linkage::quality::{QualityMode, RuleSet};
use linkage::{BuiltPanel, Dataset, Iso3, iso3, presence};
use std::sync::OnceLock;

pub(crate) fn data() -> &'static (Dataset, BuiltPanel) {
    static D: OnceLock<(Dataset, BuiltPanel)> = OnceLock::new();
    D.get_or_init(|| {
        let d = Dataset::load(linkage::default_data_dir()).unwrap();
        let b = d.default_panel().unwrap();
        (d, b)
    })
}

fn row(actor: Iso3, partner: Iso3, year: i32, code: &str) -> linkage::Observation {
    let p = &data().1.panel;
    let k = p.indicator_index(code).unwrap();
    p.rows()[p.position(actor, partner, year, k).unwrap()]
}

#[test]
fn trade_shares_use_the_partners_own_records_and_total() {
    // From data/imf_dots_bilateral/ (US$ millions, 2019), the partner's own reports:
    // dots_partner_reported_with_actors_2000_2020.csv and dots_reporter_world_totals_2000_2020.csv.
    // USA in KOR: KOR exports to USA 73,891.806 + imports from USA 62,073.404 = 135,965.210;
    //   KOR World exports 542,602.148 + imports 502,757.994 = 1,045,360.142 → 0.130065.
    // JPN in IND: IND exports to JPN 4,817.74 + imports from JPN 12,746.15 = 17,563.89;
    //   IND World 324,863.01 + 479,894.38 = 804,757.39 → 0.021825.
    // CHN in VNM: VNM exports to CHN 41,462.536991 + imports from CHN 75,472.093517 =
    //   116,934.630508; VNM World 259,384.351525 + 249,012.981156 = 508,397.332681 → 0.230006.
    let cases = [
        (iso3!("USA"), iso3!("KOR"), 135_965.210 / 1_045_360.142),
        (iso3!("JPN"), iso3!("IND"), 17_563.89 / 804_757.39),
        (iso3!("CHN"), iso3!("VNM"), 116_934.630508 / 508_397.332681),
    ];
    // From 2015 the US and China series use the newer DOTS vintage (issue 13); the early-2022
    // vintage's share is kept beside it for 2015–2020 as `trade_share_dots_v2022`.
    for (a, p, expected) in cases {
        let code = if a == iso3!("JPN") {
            "trade_share_dots"
        } else {
            "trade_share_dots_v2022"
        };
        let o = row(a, p, 2019, code);
        assert_relative_eq!(o.value, expected, max_relative = 1e-9);
        assert_eq!(o.method, Method::PartnerReported, "{a} in {p}");
    }
    assert_relative_eq!(cases[0].2, 0.130065, epsilon = 1e-6);
    assert_relative_eq!(cases[1].2, 0.021825, epsilon = 1e-6);
    assert_relative_eq!(cases[2].2, 0.230006, epsilon = 1e-6);
    // Every trade share of the three allies in the four case studies is partner-reported (the
    // US and China from the newer vintage from 2015 on).
    for a in [iso3!("USA"), iso3!("JPN"), iso3!("CHN")] {
        for p in [iso3!("KOR"), iso3!("IND"), iso3!("VNM"), iso3!("MMR")] {
            for y in 2000..=2020 {
                let o = row(a, p, y, "trade_share_dots");
                let expected = if a != iso3!("JPN") && y >= 2015 {
                    Method::PartnerReportedRecent
                } else {
                    Method::PartnerReported
                };
                assert_eq!(o.method, expected, "{a} in {p} {y}");
            }
        }
    }
    // The mirror share is kept beside it: China's records of Myanmar's trade in 2014 give
    // 0.898 of Myanmar's own total, Myanmar's records 0.341; the mirror cell is flagged.
    let mirror = row(iso3!("CHN"), iso3!("MMR"), 2014, "trade_share_mirror_dots");
    assert_relative_eq!(
        mirror.value,
        (9_374.874432 + 15_578.159527) / (11_407.054134 + 16_365.634004),
        max_relative = 1e-9
    );
    assert_eq!(mirror.flag, Some(Flag::MirrorGap));
    let own = row(iso3!("CHN"), iso3!("MMR"), 2014, "trade_share_dots");
    assert_relative_eq!(
        own.value,
        (4_452.820574 + 5_024.888414) / (11_407.054134 + 16_365.634004),
        max_relative = 1e-9
    );
    assert_eq!(own.flag, None);
}

#[test]
fn no_unflagged_share_lies_outside_zero_one() {
    let (d, b) = data();
    let shares = linkage::quality::rules::SHARE_INDICATORS;
    let mut checked = 0;
    for o in b.panel.rows() {
        if shares.contains(&b.panel.meta(o).code.as_str()) {
            checked += 1;
            assert!(
                o.flag.is_some() || (0.0..=1.0).contains(&o.value),
                "{} {} {} {} = {}",
                o.actor,
                o.partner,
                o.year,
                b.panel.meta(o).code,
                o.value
            );
        }
    }
    assert!(checked > 50_000);
    // Dependence and G7 shares: clean inputs, and a share outside [0, 1] is flagged.
    let g7 = |y: i32| linkage::alignment::institutions::g7_members(&d.memberships, y);
    let mut rows = Vec::new();
    for indicator in ["trade_share_dots", "aid_share_dac"] {
        rows.extend(linkage::alignment::dependence::group_vs_third(
            &b.panel,
            indicator,
            "G7",
            &g7,
            (iso3!("USA"), iso3!("JPN")),
            iso3!("CHN"),
        ));
    }
    rows.extend(linkage::alignment::dependence::third_vs_pair(
        &b.panel,
        "trade_share_dots",
        iso3!("CHN"),
        (iso3!("USA"), iso3!("JPN")),
    ));
    let share_measures = rows
        .iter()
        .filter(|r| !r.measure.contains("_vs_"))
        .collect::<Vec<_>>();
    assert!(share_measures.len() > 1000);
    for r in share_measures {
        assert!(
            r.flag.is_some() || (0.0..=1.0).contains(&r.value),
            "{} {} {} = {}",
            r.partner,
            r.year,
            r.measure,
            r.value
        );
    }
}

#[test]
fn the_scrambled_oecd_2019_us_column_and_zeros_for_missing_are_flagged() {
    let us = iso3!("USA");
    // Every 2019 US-host cell that left a series stable for six years (see quality::rules).
    let scrambled = [
        "CHE", "ESP", "LSO", "MDA", "MDG", "MKD", "MOZ", "MWI", "PRT", "ROU", "RUS", "SMR", "SRB",
        "SVN", "SWE", "SWZ", "ZAF",
    ];
    for p in scrambled {
        let p: Iso3 = p.parse().unwrap();
        assert_eq!(
            row(us, p, 2019, "students_in_actor_oecd").flag,
            Some(Flag::ImplausibleJump),
            "{p}"
        );
        // The per-million rate carries the flag of its count.
        assert_eq!(
            row(us, p, 2019, "students_per_million_oecd").flag,
            Some(Flag::ImplausibleJump),
            "{p}"
        );
    }
    assert_eq!(
        row(us, iso3!("RUS"), 2019, "students_in_actor_oecd").value,
        3.0
    );
    assert_eq!(
        row(us, iso3!("SMR"), 2019, "students_in_actor_oecd").value,
        1110.0
    );
    assert_eq!(
        row(us, iso3!("SVN"), 2019, "students_in_actor_oecd").value,
        5945.0
    );
    // A stable neighbour of the same column is clean.
    assert_eq!(
        row(us, iso3!("VNM"), 2019, "students_in_actor_oecd").flag,
        None
    );
    // Zeros where the neighbouring years hold tens of students (missing coded as 0).
    assert_eq!(
        row(iso3!("JPN"), iso3!("CMR"), 2013, "students_in_actor_oecd").flag,
        Some(Flag::ZeroForMissing)
    );
    assert_eq!(
        row(us, iso3!("SXM"), 2013, "students_in_actor_oecd").flag,
        Some(Flag::ZeroForMissing)
    );
}

#[test]
fn flagged_values_are_left_out_of_the_scores_unless_kept() {
    let (d, b) = data();
    let fw = presence::default_spec(&d.dir).unwrap().resolve().unwrap();
    let (us, ru) = (iso3!("USA"), iso3!("RUS"));
    let clean = presence::score(&b.panel, &fw).unwrap();
    let kept = presence::score(&b.panel, &fw.with_quality(QualityMode::Keep)).unwrap();
    // Russia's 3 students in the US in 2019: out by default, in when kept.
    assert!(
        clean
            .score(us, ru, 2019, "students_per_million_oecd")
            .is_none()
    );
    assert!(
        kept.score(us, ru, 2019, "students_per_million_oecd")
            .is_some()
    );
    // San Marino's 1,110 students no longer set the min-max bound of the indicator.
    let max = |p: &presence::Presence| {
        p.units
            .iter()
            .filter_map(|&(a, q, y)| p.score(a, q, y, "students_per_million_oecd"))
            .fold(f64::MIN, f64::max)
    };
    assert_eq!(max(&kept), 100.0);
    assert_eq!(max(&clean), 100.0);
    assert!(kept.score(us, iso3!("SMR"), 2019, "students_per_million_oecd") == Some(100.0));
    // Different bounds: the US score in Korea's tourism differs.
    let (k1, k2) = (
        clean.score(us, iso3!("KOR"), 2019, "tourism").unwrap(),
        kept.score(us, iso3!("KOR"), 2019, "tourism").unwrap(),
    );
    assert!(k1 > k2, "{k1} vs {k2}");
}

#[test]
fn accounts_balance_name_relative_paths_and_count_flags_by_rule() {
    let (d, b) = data();
    let all: Vec<_> = d.accounting.iter().chain(&b.accounting).collect();
    for a in &all {
        assert!(a.balances(), "{a}");
        assert!(!a.input.starts_with('/') && !a.input.contains(":\\"), "{a}");
        assert!(!a.input.starts_with("data/"), "{a}");
    }
    // Every derivation of the DOTS indicators has its account, incl. the %-of-GDP ones.
    for code in [
        "trade_share_dots",
        "trade_share_mirror_dots",
        "export_share_dots",
        "import_share_dots",
        "exports_to_partner_gdp_dots",
        "imports_from_partner_gdp_dots",
    ] {
        let a = all.iter().find(|a| a.step.starts_with(code)).unwrap();
        let rows = b
            .panel
            .rows()
            .iter()
            .filter(|o| b.panel.meta(o).code == code)
            .count();
        assert_eq!(a.rows_used(), rows, "{code}");
    }
    // Every file under data/ that the dataset reads has an account.
    for file in [
        "country_concordance/country_converter_country_data.tsv",
        "cow_trade/cow_states.csv",
        "unvotes/un_roll_calls_1990_2019.csv",
        "unvotes/un_roll_call_issues_1990_2019.csv",
        "unvotes/un_country_codes.csv",
        "imf_dots_bilateral/dots_partner_reported_with_actors_2000_2020.csv",
        "imf_dots_bilateral/dots_reporter_world_totals_2000_2020.csv",
    ] {
        assert!(all.iter().any(|a| a.input == file), "{file}");
    }
    // The quality account: panel rows in = clean + flagged, flagged counted by rule.
    let q = all
        .iter()
        .find(|a| a.step.starts_with("data quality"))
        .unwrap();
    assert_eq!(q.rows_in(), b.panel.len());
    assert_eq!(q.rows_excluded(), b.panel.flagged());
    for (flag, n) in b.quality.counts() {
        assert_eq!(q.exclusions()[&format!("flagged: {flag}")], n);
    }
    // EU institutions as a donor have their own code; EUU stays the EU as a member.
    assert!(b.panel.actors().contains(&iso3!("EUI")));
    assert!(!b.panel.actors().contains(&iso3!("EUU")));
    // With no rule, nothing is flagged.
    let none = d.panel_with_rules(&RuleSet::none()).unwrap();
    assert_eq!(none.panel.flagged(), 0);
}

#[test]
fn the_spec_sets_the_quality_mode_and_overrides_a_rule() {
    let spec = linkage::score::spec::Spec::from_toml(
        r#"
        name = "x"
        quality = "keep"
        [[quality_rule]]
        rule = "implausible_jump"
        indicator = "students_in_actor_oecd"
        threshold = 30
        [[indicator]]
        code = "students_per_million_oecd"
        parent = "top"
        [[group]]
        code = "top"
        "#,
        "test spec",
    )
    .unwrap();
    let fw = spec.resolve().unwrap();
    assert_eq!(fw.quality(), QualityMode::Keep);
    let rules = RuleSet::default()
        .with_overrides(fw.quality_rules())
        .unwrap();
    let d = &data().0;
    let b = d.panel_with_rules(&rules).unwrap();
    // At a factor of 30 only Russia (3 against 5,074), San Marino (1,110 against 3) and South
    // Africa (1 against 2,077) of the scrambled column are still flagged; Slovenia (5,945
    // against 213: 27.9x) is not.
    let us = iso3!("USA");
    let k = b.panel.indicator_index("students_in_actor_oecd").unwrap();
    let flagged: Vec<Iso3> = b
        .panel
        .rows()
        .iter()
        .filter(|o| o.indicator == k && o.actor == us && o.year == 2019 && o.flag.is_some())
        .map(|o| o.partner)
        .collect();
    assert_eq!(flagged, [iso3!("RUS"), iso3!("SMR"), iso3!("ZAF")]);
    // An override of a rule that is not in force is refused, naming it.
    let bad = linkage::quality::RuleOverride {
        rule: Flag::MirrorGap,
        indicator: "aid_share_dac".into(),
        threshold: Some(3.0),
        floor: None,
    };
    let e = RuleSet::default().with_overrides(&[bad]).unwrap_err();
    assert!(e.to_string().contains("mirror_gap on aid_share_dac"), "{e}");
}

#[test]
fn a_user_panel_with_a_flag_column_leaves_flagged_rows_out_unless_kept() {
    // Synthetic panel (test only): two actors in VNM 2019; JPN's value is flagged.
    let dir = std::env::temp_dir().join(format!("linkage-it-flag-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let panel = dir.join("panel.csv");
    std::fs::write(
        &panel,
        "actor,partner,year,indicator,value,flag\n\
         JPN,VNM,2019,trade_share_dots,0.9,implausible_jump\n\
         USA,VNM,2019,trade_share_dots,0.1,\n",
    )
    .unwrap();
    let fw = linkage::score::spec::Spec::from_toml(
        "name = \"x\"\n[[indicator]]\ncode = \"trade_share_dots\"\nparent = \"top\"\n\
         normalise = { method = \"goalposts\", lower = 0, upper = 1, scale = 100 }\n\
         [[group]]\ncode = \"top\"\n",
        "test spec",
    )
    .unwrap()
    .resolve()
    .unwrap();
    let conc = &data().0.concordance;
    let out = dir.join("scores.csv");
    let options = presence::stream::ScoreFileOptions { indicators: false };
    let done = presence::stream::score_file(&panel, &fw, conc, &out, options).unwrap();
    assert_eq!(done.units, 1);
    assert_eq!(
        done.accounting.exclusions()["flagged: implausible_jump (spec quality = \"exclude\")"],
        1
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("USA,VNM,2019,2,top,10.0,1,1,trade_share_dots"),
        "{text}"
    );
    let kept = fw.with_quality(QualityMode::Keep);
    let done = presence::stream::score_file(&panel, &kept, conc, &out, options).unwrap();
    assert_eq!(done.units, 2);
    // A flag that names no rule is an error naming the file, row and field.
    std::fs::write(
        &panel,
        "actor,partner,year,indicator,value,flag\nJPN,VNM,2019,trade_share_dots,0.9,odd\n",
    )
    .unwrap();
    let e = presence::stream::score_file(&panel, &fw, conc, &out, options).unwrap_err();
    assert!(e.to_string().contains("row 1, field `flag`"), "{e}");
}
