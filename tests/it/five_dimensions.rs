//! The two missing dimensions (issue 14): investment and people flows in the default panel and
//! scores, for the case studies.

use linkage::panel::flag::Flag;
use linkage::{Dimension, Iso3, iso3};

use crate::presence::scored;
use crate::quality::data;

/// The indicators of `dimension` that `actor` has in `partner` (any year), from the panel.
fn indicators(actor: Iso3, partner: Iso3, dimension: Dimension) -> Vec<String> {
    let p = &data().1.panel;
    let mut codes: Vec<String> = p
        .rows()
        .iter()
        .filter(|o| o.actor == actor && o.partner == partner)
        .map(|o| p.meta(o))
        .filter(|m| m.dimension == dimension)
        .map(|m| m.code.clone())
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn investment_rows_for_the_three_actors_and_china_in_myanmar() {
    let (us, jp, cn) = (iso3!("USA"), iso3!("JPN"), iso3!("CHN"));
    for partner in [iso3!("VNM"), iso3!("IND"), iso3!("KOR")] {
        for actor in [us, jp, cn] {
            let inv = indicators(actor, partner, Dimension::Investment);
            assert!(
                inv.iter().any(|c| c.ends_with("_unctad")),
                "{actor} in {partner}: {inv:?}"
            );
        }
    }
    // Korea and India publish their own tables: stock shares; Vietnam only the origins'
    // reports: stock as % of GDP (method mirror), no share.
    assert!(
        indicators(jp, iso3!("KOR"), Dimension::Investment)
            .contains(&"fdi_stock_share_unctad".into())
    );
    assert!(
        !indicators(jp, iso3!("VNM"), Dimension::Investment)
            .contains(&"fdi_stock_share_unctad".into())
    );
    let mm = indicators(cn, iso3!("MMR"), Dimension::Investment);
    for code in [
        "fdi_stock_gdp_unctad",
        "fdi_approvals_share_unctad",
        "cgit_investment_gdp",
    ] {
        assert!(mm.contains(&code.to_string()), "{mm:?}");
    }
}

#[test]
fn people_rows_for_china_in_the_four_case_studies() {
    let cn = iso3!("CHN");
    for partner in [iso3!("MMR"), iso3!("VNM"), iso3!("IND"), iso3!("KOR")] {
        let people = indicators(cn, partner, Dimension::Tourism);
        assert!(
            people.contains(&"students_in_china_moe".to_string())
                && people.contains(&"visitors_to_actor_per_thousand".to_string()),
            "{partner}: {people:?}"
        );
    }
    // UNWTO gives India and Indonesia the same 2018 count of arrivals in China: both flagged
    // as a copied cell, so neither is scored.
    let p = &data().1.panel;
    for partner in [iso3!("IND"), iso3!("IDN")] {
        let k = p.indicator_index("visitors_to_actor").unwrap();
        let i = p.position(cn, partner, 2018, k).unwrap();
        assert_eq!(p.rows()[i].value, 708_517.0);
        assert_eq!(p.rows()[i].flag, Some(Flag::RepeatedValue));
    }
}

#[test]
fn presence_scores_have_the_investment_dimension() {
    let p = scored();
    let (us, jp, cn, kr) = (iso3!("USA"), iso3!("JPN"), iso3!("CHN"), iso3!("KOR"));
    for a in [us, jp, cn] {
        assert!(p.score(a, kr, 2012, "investment").is_some(), "{a}");
    }
    // Korea 2012: the three are ranked on trade, investment, people and soft power alike.
    let fw = p.framework();
    let root = fw.root();
    for a in [us, jp, cn] {
        let i = p.units.binary_search(&(a, kr, 2012)).unwrap();
        let used: Vec<&str> = p
            .scores
            .used(i, root)
            .into_iter()
            .map(|n| fw.code(n))
            .collect();
        assert_eq!(
            used,
            ["trade", "investment", "tourism", "soft_power"],
            "{a}"
        );
    }
    // After 2012 no actor has investment: missing, not zero.
    assert!(p.score(us, kr, 2015, "investment").is_none());
}

#[test]
fn unctad_zeros_for_unreported_years_are_flagged() {
    // Vietnam's flat (origin-reported) stock table: Japan `0` in 2001-2006, then 1,698 US$ m in
    // 2007 (`VNM,VNM,Viet.Nam,Japan,JPN,0,,2007,1698,`): Japan did not report its stock in
    // Vietnam by partner before 2007. The zeros are flagged, not scored as no presence.
    let p = &data().1.panel;
    let (jp, vn) = (iso3!("JPN"), iso3!("VNM"));
    let k = p.indicator_index("fdi_stock_gdp_unctad").unwrap();
    for year in 2001..=2006 {
        let o = p.rows()[p.position(jp, vn, year, k).unwrap()];
        assert_eq!(o.value, 0.0);
        assert_eq!(o.flag, Some(Flag::ZeroForMissing), "{year}");
    }
    let o = p.rows()[p.position(jp, vn, 2007, k).unwrap()];
    assert!(o.value > 1.0 && o.flag.is_none());
}
