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
