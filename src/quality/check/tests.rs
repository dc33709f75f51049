//! Each rule catches a constructed case and leaves a clean series alone. Synthetic values,
//! written here for the test only.

use super::*;
use crate::{catalogue, iso3};

fn panel_with(code: &str, series: &[(i32, f64)]) -> Panel {
    let mut p = Panel::new(catalogue()).unwrap();
    for &(y, v) in series {
        p.push(iso3!("USA"), iso3!("VNM"), y, code, v).unwrap();
    }
    p
}

fn flagged_years(p: &Panel) -> Vec<(i32, Flag)> {
    p.rows()
        .iter()
        .filter_map(|o| o.flag.map(|f| (o.year, f)))
        .collect()
}

#[test]
fn share_out_of_range_catches_above_one_and_leaves_shares_alone() {
    let mut p = panel_with(
        "trade_share_cow",
        &[(2000, 0.2), (2001, 1.4), (2002, 0.25), (2003, 1.0)],
    );
    let r = assess(&mut p, &RuleSet::default());
    assert_eq!(flagged_years(&p), vec![(2001, Flag::ShareOutOfRange)]);
    assert!(r.cells()[0].evidence.contains("outside [0, 1]"));
}

#[test]
fn small_denominator_catches_a_near_zero_total() {
    // Net DAC aid to the partner: 100 m a year, then 3 m in 2004 (3 % of the median 100 m).
    let mut p = Panel::new(catalogue()).unwrap();
    let (us, vn) = (iso3!("USA"), iso3!("VNM"));
    for (y, share, den) in [
        (2000, 0.2, 100e6),
        (2001, 0.21, 110e6),
        (2002, 0.19, 90e6),
        (2003, 0.2, 100e6),
        (2004, 3.1, 3e6),
    ] {
        p.push_derived(
            us,
            vn,
            y,
            "aid_share_dac",
            share,
            Method::Formula,
            Some(den),
        )
        .unwrap();
    }
    assess(&mut p, &RuleSet::default());
    // 2004 is out of range first (3.1 > 1); lower it to 0.9 and it is a small denominator.
    assert_eq!(flagged_years(&p), vec![(2004, Flag::ShareOutOfRange)]);
    let mut q = Panel::new(catalogue()).unwrap();
    for (y, share, den) in [
        (2000, 0.2, 100e6),
        (2001, 0.21, 110e6),
        (2002, 0.19, 90e6),
        (2004, 0.9, 3e6),
    ] {
        q.push_derived(
            us,
            vn,
            y,
            "aid_share_dac",
            share,
            Method::Formula,
            Some(den),
        )
        .unwrap();
    }
    let r = assess(&mut q, &RuleSet::default());
    assert_eq!(flagged_years(&q), vec![(2004, Flag::SmallDenominator)]);
    assert!(
        r.cells()[0].evidence.contains("median"),
        "{}",
        r.cells()[0].evidence
    );
}

#[test]
fn zero_for_missing_catches_a_zero_among_hundreds() {
    let mut p = panel_with(
        "students_in_actor_oecd",
        &[(2013, 310.0), (2014, 0.0), (2015, 290.0), (2016, 305.0)],
    );
    p.push(
        iso3!("USA"),
        iso3!("VNM"),
        2014,
        "students_per_million_oecd",
        0.0,
    )
    .unwrap();
    let r = assess(&mut p, &RuleSet::default());
    // The count and the rate derived from it.
    assert_eq!(
        flagged_years(&p),
        vec![(2014, Flag::ZeroForMissing), (2014, Flag::ZeroForMissing)]
    );
    assert_eq!(r.cells().len(), 2);
    assert!(r.cells()[1].evidence.starts_with("derived from"));
}

#[test]
fn zero_among_small_counts_is_left_alone() {
    let mut p = panel_with(
        "students_in_actor_oecd",
        &[(2013, 3.0), (2014, 0.0), (2015, 2.0), (2016, 4.0)],
    );
    assess(&mut p, &RuleSet::default());
    assert!(flagged_years(&p).is_empty());
}

#[test]
fn implausible_jump_catches_a_spike_and_a_dip_not_a_step() {
    // A spike: 3 students, then 1,110, then 3 again (San Marino in the 2019 US column).
    let mut p = panel_with(
        "students_in_actor_oecd",
        &[
            (2015, 3.0),
            (2016, 4.0),
            (2017, 1110.0),
            (2018, 3.0),
            (2019, 5.0),
        ],
    );
    assess(&mut p, &RuleSet::default());
    assert_eq!(flagged_years(&p), vec![(2017, Flag::ImplausibleJump)]);
    // A dip at the end of the series: 5,074 → 3 (Russia).
    let mut p = panel_with(
        "students_in_actor_oecd",
        &[(2016, 5000.0), (2017, 5100.0), (2018, 5074.0), (2019, 3.0)],
    );
    assess(&mut p, &RuleSet::default());
    assert_eq!(flagged_years(&p), vec![(2019, Flag::ImplausibleJump)]);
    // A genuine step (a level that stays): 1,000 → 9,000 and stays. Not flagged: it is off
    // from one side only.
    let mut p = panel_with(
        "students_in_actor_oecd",
        &[
            (2013, 1000.0),
            (2014, 1000.0),
            (2015, 9000.0),
            (2016, 9000.0),
            (2017, 9100.0),
        ],
    );
    assess(&mut p, &RuleSet::default());
    assert!(flagged_years(&p).is_empty());
    // A clean, growing series. Not flagged.
    let mut p = panel_with(
        "trade_share_dots",
        &[
            (2000, 0.05),
            (2001, 0.06),
            (2002, 0.08),
            (2003, 0.11),
            (2004, 0.12),
        ],
    );
    assess(&mut p, &RuleSet::default());
    assert!(flagged_years(&p).is_empty());
}

#[test]
fn mirror_gap_compares_with_the_partners_own_record() {
    // Myanmar 2014 with China (DOTS): the mirror share 0.898 against Myanmar's own 0.341.
    let mut p = Panel::new(catalogue()).unwrap();
    let (cn, mm, jp) = (iso3!("CHN"), iso3!("MMR"), iso3!("JPN"));
    p.push_derived(
        cn,
        mm,
        2014,
        "trade_share_dots",
        0.341,
        Method::PartnerReported,
        None,
    )
    .unwrap();
    p.push_derived(
        cn,
        mm,
        2014,
        "trade_share_mirror_dots",
        0.898,
        Method::Mirror,
        None,
    )
    .unwrap();
    // Japan: 0.080 own, 0.085 mirror: fine.
    p.push_derived(
        jp,
        mm,
        2014,
        "trade_share_dots",
        0.080,
        Method::PartnerReported,
        None,
    )
    .unwrap();
    p.push_derived(
        jp,
        mm,
        2014,
        "trade_share_mirror_dots",
        0.085,
        Method::Mirror,
        None,
    )
    .unwrap();
    let r = assess(&mut p, &RuleSet::default());
    assert_eq!(r.cells().len(), 1);
    assert_eq!(
        (r.cells()[0].actor, r.cells()[0].rule),
        (cn, Flag::MirrorGap)
    );
    assert_eq!(r.cells()[0].indicator, "trade_share_mirror_dots");
}

#[test]
fn assess_clears_old_flags_and_overrides_change_thresholds() {
    let mut p = panel_with(
        "students_in_actor_oecd",
        &[
            (2016, 5000.0),
            (2017, 5100.0),
            (2018, 5074.0),
            (2019, 700.0),
        ],
    );
    // 5074 / 700 ≈ 7.2: flagged at the default factor 2, clean at factor 10.
    assess(&mut p, &RuleSet::default());
    assert_eq!(p.flagged(), 1);
    let lenient = RuleSet::default()
        .with_overrides(&[crate::quality::RuleOverride {
            rule: Flag::ImplausibleJump,
            indicator: "students_in_actor_oecd".into(),
            threshold: Some(10.0),
            floor: None,
        }])
        .unwrap();
    assess(&mut p, &lenient);
    assert_eq!(p.flagged(), 0);
    assess(&mut p, &RuleSet::none());
    assert_eq!(p.flagged(), 0);
}

#[test]
fn the_travel_collapse_is_exempt_from_the_jump_rule_but_a_spike_is_not() {
    // Synthetic: visitors from Vietnam in Japan, 500k a year, 30k in 2020-2021, 40k in 2022,
    // back to 500k; and a spike of 5 million in 2017 (10x both neighbours).
    let mut p = Panel::new(catalogue()).unwrap();
    let (jp, vn) = (iso3!("JPN"), iso3!("VNM"));
    for (y, v) in [
        (2015, 470e3),
        (2016, 480e3),
        (2017, 5e6),
        (2018, 500e3),
        (2019, 520e3),
        (2020, 30e3),
        (2021, 30e3),
        (2022, 40e3),
        (2023, 510e3),
    ] {
        p.push(jp, vn, y, "visitors_to_actor", v).unwrap();
        p.push(jp, vn, y, "visitors_to_actor_per_thousand", v / 97e3)
            .unwrap();
    }
    let r = assess(&mut p, &RuleSet::default());
    // 2017 is flagged, with its per-thousand rate; 2020-2022 are neither tested nor compared
    // against: 2023, the last year, is compared with 2019 (not with 40k in 2022, which would
    // flag it, 12.75x), and 2019 with 2018 and 2023.
    assert_eq!(
        flagged_years(&p),
        vec![(2017, Flag::ImplausibleJump), (2017, Flag::ImplausibleJump)]
    );
    assert_eq!(r.cells().len(), 2);
    // Without the exemption the collapse is caught: 2021 at 30k between 500k and 510k, and
    // 2022, the series' last year, against 30k alone.
    let mut q = Panel::new(catalogue()).unwrap();
    for (y, v) in [(2019, 520e3), (2020, 500e3), (2021, 30e3), (2022, 510e3)] {
        q.push(jp, vn, y, "visitors_to_actor", v).unwrap();
    }
    assess(&mut q, &RuleSet::default());
    assert!(flagged_years(&q).is_empty(), "2021 is exempt");
    let mut no_exemption = RuleSet::default().rules().to_vec();
    for r in &mut no_exemption {
        r.exempt_years = None;
    }
    assess(&mut q, &RuleSet::new(no_exemption));
    assert_eq!(
        flagged_years(&q),
        vec![(2021, Flag::ImplausibleJump), (2022, Flag::ImplausibleJump)]
    );
}

#[test]
fn repeated_value_catches_a_copied_cell_above_the_floor() {
    // Synthetic, after UNWTO's table of arrivals in China, where India and Indonesia share
    // 708,517 in 2018: the same count for two partners of one actor and year is flagged in
    // both, with its per-thousand rate; equal small counts (below 10,000) are not.
    let mut p = Panel::new(catalogue()).unwrap();
    let (cn, ind, idn, mm, la, bt) = (
        iso3!("CHN"),
        iso3!("IND"),
        iso3!("IDN"),
        iso3!("MMR"),
        iso3!("LAO"),
        iso3!("BTN"),
    );
    for (partner, v) in [
        (ind, 708_517.0),
        (idn, 708_517.0),
        (mm, 12_379_845.0),
        (la, 900.0),
        (bt, 900.0),
    ] {
        p.push(cn, partner, 2018, "visitors_to_actor", v).unwrap();
        p.push(cn, partner, 2018, "visitors_to_actor_per_thousand", v / 1e5)
            .unwrap();
    }
    let r = assess(&mut p, &RuleSet::default());
    let flagged: Vec<(Iso3, Flag)> = p
        .rows()
        .iter()
        .filter_map(|o| o.flag.map(|f| (o.partner, f)))
        .collect();
    assert_eq!(flagged.len(), 4, "{flagged:?}");
    assert!(
        flagged
            .iter()
            .all(|(c, f)| (*c == ind || *c == idn) && *f == Flag::RepeatedValue)
    );
    assert!(
        r.cells()
            .iter()
            .any(|c| c.evidence.contains("708517") && c.evidence.contains("IDN"))
    );
}
