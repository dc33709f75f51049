//! Trade indicators from the Correlates of War Trade Data Set v4.0 (1960–2014), see
//! [`crate::sources::cow`].
//!
//! For actor *i*, partner *j* and year *t* (all values current US$ millions, so the units
//! cancel), with x_ij = partner's imports from the actor and m_ij = actor's imports from the
//! partner, both from the COW dyadic file, and M_j, X_j the partner's total imports and exports,
//! X_i the actor's total exports, from the COW national file:
//!
//! - `trade_share_cow` = (x_ij + m_ij) / (M_j + X_j): the actor's share of the partner's goods
//!   trade. The actor's imports from the partner stand for the partner's exports to it (COW
//!   gives each flow as the importer's figure).
//! - `export_share_cow` = m_ij / X_j: the actor's share of the partner's goods exports.
//! - `import_share_cow` = x_ij / M_j: the actor's share of the partner's goods imports.
//! - `trade_intensity_cow` = (x_ij / X_i) / (M_j / X_w), the trade intensity index of the
//!   actor's exports to the partner, where X_w = world exports, the sum of all states' exports in
//!   COW's national file that year over the states with a value (the `WLD` record of
//!   [`crate::sources::cow::load_national`], historical states included). This is the World
//!   Bank WITS definition, T_ij = (x_ij / X_it) / (x_wj / X_wt), "the share of one country's
//!   exports going to a partner divided by the share of world exports going to the partner"
//!   (World Integrated Trade Solution, *Trade Indicators*, "Trade Intensity",
//!   <https://wits.worldbank.org/wits/wits/witshelp/Content/Utilities/e1.trade_indicators.htm>),
//!   with world exports to the partner x_wj measured by the partner's total imports M_j. A value
//!   above 1 means the actor exports more to the partner than the partner's weight in world
//!   trade would predict.
//!
//! Each value is formed only where all its inputs exist and its denominators are positive;
//! nothing is filled in, and nothing is capped: a few of COW's national totals are implausibly
//! small next to the dyadic flows (Poland 1960: imports 4.29, exports 4.5 US$ m, against US
//! imports from Poland of 41), so shares above 1 and very large intensity indices occur as
//! published. The dyadic file holds only dyads involving the United States, Germany
//! (from 1990), China, South Korea, Japan and Australia, so another actor has values only with
//! those six states as partners (e.g. Canada in the United States), and none at all after 2014.

use std::collections::HashMap;

use crate::derive::ratio;
use crate::error::Result;
use crate::panel::Panel;
use crate::panel::accounting::Accounting;
use crate::panel::country::Iso3;
use crate::sources::cow::{CowDyad, CowNational};

/// A directed case: (actor, partner, year) and (partner's imports from actor, actor's imports
/// from partner).
type Case = ((Iso3, Iso3, i32), (Option<f64>, Option<f64>));

/// The four indicator codes, in the order they are formed.
const CODES: [&str; 4] = [
    "trade_share_cow",
    "export_share_cow",
    "import_share_cow",
    "trade_intensity_cow",
];

/// Push the four COW trade indicators for every actor in `actors`, partner and year of `dyads`.
///
/// `national` is the output of [`crate::sources::cow::load_national`]: state totals plus one
/// `WLD` record per year holding world exports. Each dyad yields two directed cases (each side
/// as the actor) and each case four candidate values; the returned account counts those
/// candidate values (eight per dyad): used = values pushed, excluded by reason (side not in
/// `actors`, a dyadic flow missing, a national total missing or zero, world exports missing).
///
/// # Errors
/// A value the panel refuses, e.g. the same (actor, partner, year) given by two dyads.
///
/// # Examples
/// ```
/// use linkage::{Concordance, Panel, catalogue, iso3, derive, sources::cow};
/// let dir = linkage::default_data_dir();
/// let c = Concordance::load(&dir).unwrap();
/// let dyads = cow::load_dyadic(&dir.join(cow::DYADIC_FILE), &c).unwrap().records;
/// let national = cow::load_national(&dir.join(cow::NATIONAL_FILE), &c).unwrap().records;
/// let mut p = Panel::new(catalogue()).unwrap();
/// let acc = derive::trade_cow::derive(&dyads, &national, &derive::ACTORS, &mut p).unwrap();
/// assert_eq!(acc.rows_used(), p.len());
/// // Japan's share of Vietnam's exports in 2010: 8,175 / 69,820.145067 (COW rows
/// // `740,816,2010,8175.0,9016.0` and `816,2010,83364.782887,69820.145067`).
/// let s = p.get(iso3!("JPN"), iso3!("VNM"), 2010, "export_share_cow").unwrap();
/// assert!((s - 8175.0 / 69820.145067).abs() < 1e-12);
/// ```
pub fn derive(
    dyads: &[CowDyad],
    national: &[CowNational],
    actors: &[Iso3],
    panel: &mut Panel,
) -> Result<Accounting> {
    let world = crate::iso3!("WLD");
    let mut acc = Accounting::new(
        "trade indicators (COW)",
        "COW dyads x 2 directions x 4 indicators",
    );
    let totals: HashMap<(Iso3, i32), (Option<f64>, Option<f64>)> = national
        .iter()
        .map(|r| ((r.country, r.year), (r.imports, r.exports)))
        .collect();
    let total = |k: Iso3, y: i32| totals.get(&(k, y)).copied().unwrap_or((None, None));

    // Directed cases: (actor, partner, year) → (x = partner's imports from actor,
    // m = actor's imports from partner).
    let mut cases: Vec<Case> = Vec::new();
    for d in dyads {
        for (actor, partner, x, m) in [
            (d.a, d.b, d.imports_b_from_a, d.imports_a_from_b),
            (d.b, d.a, d.imports_a_from_b, d.imports_b_from_a),
        ] {
            if !actors.contains(&actor) {
                acc.exclude(
                    "actor side of the dyad is not in the actor list",
                    CODES.len(),
                );
            } else if actor == partner || partner == world || actor == world {
                acc.exclude("not a pair of two distinct states", CODES.len());
            } else {
                cases.push(((actor, partner, d.year), (x, m)));
            }
        }
    }
    cases.sort_by_key(|c| c.0);

    const DYAD: &str = "a dyadic flow it needs is missing";
    const NATIONAL: &str = "a national total it needs is missing or zero";
    for ((actor, partner, year), (x, m)) in cases {
        let (m_j, x_j) = total(partner, year);
        let (_, x_i) = total(actor, year);
        let (_, x_w) = total(world, year);
        let both = |a: Option<f64>, b: Option<f64>| a.zip(b).map(|(a, b)| a + b);
        let values: [std::result::Result<f64, &str>; 4] = [
            match both(x, m) {
                None => Err(DYAD),
                flows => ratio(flows, both(m_j, x_j)).ok_or(NATIONAL),
            },
            match m {
                None => Err(DYAD),
                m => ratio(m, x_j).ok_or(NATIONAL),
            },
            match x {
                None => Err(DYAD),
                x => ratio(x, m_j).ok_or(NATIONAL),
            },
            match (x, x_w) {
                (None, _) => Err(DYAD),
                (_, None) => Err("world exports (WLD record) missing"),
                (x, x_w) => ratio(ratio(x, x_i), ratio(m_j, x_w)).ok_or(NATIONAL),
            },
        ];
        for (code, value) in CODES.into_iter().zip(values) {
            match value {
                Ok(v) => {
                    panel.push(actor, partner, year, code, v)?;
                    acc.used(1);
                }
                Err(reason) => acc.exclude(format!("{code}: {reason}"), 1),
            }
        }
    }
    Ok(acc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{catalogue, iso3};
    use approx::assert_relative_eq;

    fn nat(country: Iso3, year: i32, imports: f64, exports: f64) -> CowNational {
        CowNational {
            country,
            year,
            imports: Some(imports),
            exports: Some(exports),
        }
    }

    #[test]
    fn shares_and_intensity_on_a_hand_checked_case() {
        // Dyad (VNM, JPN) 2010, written with Vietnam as `a` to check the orientation: Vietnam
        // imports 20 from Japan, Japan imports 30 from Vietnam (US$ m). Vietnam's totals:
        // imports 200, exports 100; Japan's exports 500; world exports 10,000.
        // trade share  = (20 + 30) / (200 + 100) = 1/6
        // export share = 30 / 100 = 0.3   (Japan's imports from Vietnam / Vietnam's exports)
        // import share = 20 / 200 = 0.1   (Vietnam's imports from Japan / Vietnam's imports)
        // intensity    = (20 / 500) / (200 / 10,000) = 0.04 / 0.02 = 2
        let (jp, vn) = (iso3!("JPN"), iso3!("VNM"));
        let dyads = [CowDyad {
            a: vn,
            b: jp,
            year: 2010,
            imports_a_from_b: Some(20.0),
            imports_b_from_a: Some(30.0),
        }];
        let national = [
            nat(vn, 2010, 200.0, 100.0),
            nat(jp, 2010, 900.0, 500.0),
            nat(iso3!("WLD"), 2010, 10_500.0, 10_000.0),
        ];
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&dyads, &national, &[jp], &mut p).unwrap();
        let get = |code| p.get(jp, vn, 2010, code).unwrap();
        assert_relative_eq!(get("trade_share_cow"), 1.0 / 6.0, epsilon = 1e-12);
        assert_relative_eq!(get("export_share_cow"), 0.3, epsilon = 1e-12);
        assert_relative_eq!(get("import_share_cow"), 0.1, epsilon = 1e-12);
        assert_relative_eq!(get("trade_intensity_cow"), 2.0, epsilon = 1e-12);
        // 8 candidates: 4 values for Japan, 4 for Vietnam as actor (not in the list).
        assert_eq!(p.len(), 4);
        assert_eq!(acc.rows_used(), 4);
        assert_eq!(acc.rows_in(), 8);
        assert_eq!(
            acc.exclusions()["actor side of the dyad is not in the actor list"],
            4
        );
    }

    #[test]
    fn both_sides_are_actors() {
        // USA–JPN 2014: US imports 133,939 from Japan, Japan 73,057 from the US (COW row
        // `2,740,2014,133939.0,73057.0`); Japan's totals imports 812,206.08, exports 690,190.04;
        // the US's imports 2,345,185.75, exports 1,623,420.68 (rounded in this comment only).
        // Japan's share of US imports = 133,939 / 2,345,185.753472; the US's share of Japan's
        // imports = 73,057 / 812,206.077101568.
        let (us, jp) = (iso3!("USA"), iso3!("JPN"));
        let dyads = [CowDyad {
            a: us,
            b: jp,
            year: 2014,
            imports_a_from_b: Some(133_939.0),
            imports_b_from_a: Some(73_057.0),
        }];
        let national = [
            nat(us, 2014, 2_345_185.753472, 1_623_420.675_19),
            nat(jp, 2014, 812_206.077101568, 690_190.036642033),
        ];
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&dyads, &national, &[us, jp], &mut p).unwrap();
        assert_relative_eq!(
            p.get(jp, us, 2014, "import_share_cow").unwrap(),
            133_939.0 / 2_345_185.753472,
            max_relative = 1e-12
        );
        assert_relative_eq!(
            p.get(us, jp, 2014, "import_share_cow").unwrap(),
            73_057.0 / 812_206.077101568,
            max_relative = 1e-12
        );
        // No WLD record: the two intensity indices are not formed, and are counted.
        assert!(p.get(us, jp, 2014, "trade_intensity_cow").is_none());
        assert_eq!(
            acc.exclusions()["trade_intensity_cow: world exports (WLD record) missing"],
            2
        );
        assert_eq!(p.len(), 6);
        assert_eq!(acc.rows_in(), 8);
    }

    #[test]
    fn missing_inputs_are_counted_not_filled() {
        // One flow missing and no national totals for the partner: only what can be formed is.
        let (us, ls) = (iso3!("USA"), iso3!("LSO"));
        let dyads = [CowDyad {
            a: us,
            b: ls,
            year: 1966,
            imports_a_from_b: None,
            imports_b_from_a: Some(0.0),
        }];
        let national = [nat(us, 1966, 25_000.0, 30_000.0)];
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&dyads, &national, &[us], &mut p).unwrap();
        assert!(p.is_empty());
        let ex = acc.exclusions();
        assert_eq!(ex["trade_share_cow: a dyadic flow it needs is missing"], 1);
        assert_eq!(ex["export_share_cow: a dyadic flow it needs is missing"], 1);
        assert_eq!(
            ex["import_share_cow: a national total it needs is missing or zero"],
            1
        );
        assert_eq!(
            ex["trade_intensity_cow: world exports (WLD record) missing"],
            1
        );
        assert!(acc.balances());
    }

    #[test]
    fn real_data_counts_and_an_intensity_by_hand() {
        use crate::sources::cow;
        let dir = crate::default_data_dir();
        let c = crate::Concordance::load(&dir).unwrap();
        let d = cow::load_dyadic(&dir.join(cow::DYADIC_FILE), &c).unwrap();
        let n = cow::load_national(&dir.join(cow::NATIONAL_FILE), &c).unwrap();
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&d.records, &n.records, &crate::derive::ACTORS, &mut p).unwrap();
        // 45,851 dyads × 8 candidates; 183,008 values pushed.
        assert_eq!(acc.rows_in(), 8 * 45_851);
        assert_eq!(acc.rows_used(), 183_008);
        assert_eq!(p.len(), 183_008);
        assert!(acc.balances());
        // Japan in Vietnam, 2010: x = Vietnam's imports from Japan 9,016 (row
        // `740,816,2010,8175.0,9016.0`), X_JPN = 769,772.664097177 (row `740,2010,…`),
        // M_VNM = 83,364.782887 (row `816,2010,…`), X_w = 15,006,473.656… (python: sum of the
        // 181 non-empty `exports` cells of 2010). Index = (9016 / 769772.66) / (83364.78 /
        // 15006473.66) = 0.011712 / 0.0055552 = 2.10837…
        assert_relative_eq!(
            p.get(iso3!("JPN"), iso3!("VNM"), 2010, "trade_intensity_cow")
                .unwrap(),
            2.108_372_996_521_389,
            max_relative = 1e-9
        );
        // Years 1960–2014 only; each of the eleven actors has values (the five without dyads of
        // their own only with the six dyad actors as partners).
        assert!(p.rows().iter().all(|o| (1960..=2014).contains(&o.year)));
        assert_eq!(p.actors().len(), 11);
    }
}
