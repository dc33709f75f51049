//! Favourable view of the actor in the partner, from Pew Global Attitudes
//! ([`crate::sources::pew_global`]), 2002–2023.
//!
//! `favourability_pew` for actor *a*, partner *p* and survey wave *t* is, as published,
//!
//! favourability = 100 × Σ w (answer "very" or "somewhat favourable" about *a*) / Σ w (asked),
//!
//! the weighted share of **all** respondents in *p* asked about *a* — "don't know" and refused
//! in the base, which is how Pew publishes its toplines (`pct_fav_of_asked`; Pew Research
//! Center, Global Attitudes Survey, harmonised by C. Grasland, WorldRegio `pew_opi`, 2024).
//! Actors are the targets of the survey among the panel's actors; the default panel takes
//! [`ACTORS`] — the United States (every wave), China (2005–2023 without 2013, whose item is
//! miscoded in the source and removed) and Japan (2005, 2006, 2008 only). Self-ratings (China
//! rating China) are left out. The panel row's denominator is `n_asked`, the unweighted number
//! of respondents asked.
//!
//! **Relation to `us_favourability_pew`.** The older US-only series (Pew toplines as copied by
//! FiveThirtyEight, 2000 and 2002–2017, whole per cents) measures the same thing for actor USA.
//! In the 310 partner-years the two share, this series' US values are within 1 point of it in
//! every one (largest gap 0.92; 237 within 0.5): they agree up to Pew's rounding. The default
//! presence framework (`data/presence.toml`) scores `favourability_pew` only; the US-only series
//! stays in the panel for reference (it alone has 2000, and India 2013, missing from the
//! harmonised file).

use crate::error::Result;
use crate::iso3;
use crate::panel::Panel;
use crate::panel::accounting::Accounting;
use crate::panel::country::Iso3;
use crate::panel::method::Method;
use crate::sources::pew_global::Favourability;

/// The indicator's code.
///
/// # Examples
/// ```
/// use linkage::{Dimension, catalogue, derive::favourability::CODE};
/// let m = catalogue().into_iter().find(|m| m.code == CODE).unwrap();
/// assert_eq!(m.dimension, Dimension::SoftPower);
/// ```
pub const CODE: &str = "favourability_pew";

/// The actors the default panel takes from the survey: the United States, Japan and China.
/// Germany, France and India are targets too, but in 1–3 waves only (the harmonised file keeps
/// an item only where it was asked in every country of a wave); pass them to [`derive()`] to add
/// them.
///
/// # Examples
/// ```
/// use linkage::{iso3, derive::favourability::ACTORS};
/// assert_eq!(ACTORS, [iso3!("USA"), iso3!("JPN"), iso3!("CHN")]);
/// ```
pub const ACTORS: [Iso3; 3] = [iso3!("USA"), iso3!("JPN"), iso3!("CHN")];

/// Push `favourability_pew` for every row whose target is one of `actors`, the surveyed country
/// as partner.
///
/// The account counts every row of the file: used = values pushed; excluded when the target is
/// not one of `actors` (by target) or the surveyed country rates itself.
///
/// # Errors
/// A value the panel refuses (e.g. a key already present).
///
/// # Examples
/// ```
/// use linkage::{Concordance, Panel, catalogue, derive, iso3, sources::pew_global};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let rows = pew_global::load(&data.join(pew_global::FILE), &c).unwrap().records;
/// let mut p = Panel::new(catalogue()).unwrap();
/// let acc = derive::favourability::derive(&rows, &derive::favourability::ACTORS, &mut p).unwrap();
/// assert_eq!(acc.rows_used(), p.len());
/// // Line 1514: `KOR,2015,CHN,1005,985,20,62.8909,37.1091,61.5374,…`: 61.5374 % of Koreans
/// // asked viewed China favourably in 2015.
/// assert_eq!(p.get(iso3!("CHN"), iso3!("KOR"), 2015, "favourability_pew"), Some(61.5374));
/// ```
pub fn derive(rows: &[Favourability], actors: &[Iso3], panel: &mut Panel) -> Result<Accounting> {
    let mut acc = Accounting::new(
        "favourability indicator (Pew Global Attitudes)",
        "Pew favourable view of each target by surveyed country and wave",
    );
    for r in rows {
        let Some(&actor) = actors.iter().find(|a| a.as_str() == r.target) else {
            acc.exclude(
                format!("target {} is not an actor of the panel", r.target),
                1,
            );
            continue;
        };
        if r.surveyed == actor {
            acc.exclude("self-rating (the surveyed country is the target)", 1);
            continue;
        }
        panel.push_derived(
            actor,
            r.surveyed,
            r.year,
            CODE,
            r.pct_fav_of_asked,
            Method::Formula,
            Some(f64::from(r.n_asked)),
        )?;
        acc.used(1);
    }
    Ok(acc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::panel::country::Concordance;
    use crate::sources::{pew, pew_global};
    use crate::{catalogue, iso3};
    use approx::assert_relative_eq;

    #[test]
    fn real_data_hand_checked() {
        let data = crate::default_data_dir();
        let c = Concordance::load(&data).unwrap();
        let rows = pew_global::load(&data.join(pew_global::FILE), &c)
            .unwrap()
            .records;
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&rows, &ACTORS, &mut p).unwrap();
        assert!(acc.balances());
        assert_eq!(acc.rows_in(), 2617);
        // Self-ratings (provenance §16): the US rates itself 2005–2020 (16 waves), China
        // 2005–2012 and 2014–2016 (11), Japan 2006 and 2008 (2).
        let ex = acc.exclusions();
        assert_eq!(
            ex["self-rating (the surveyed country is the target)"],
            16 + 11 + 2
        );
        assert_eq!(ex["target EU is not an actor of the panel"], 335);
        assert_eq!(acc.rows_used(), 576 + 467 + 56 - 29);
        let (us, jp, cn) = (iso3!("USA"), iso3!("JPN"), iso3!("CHN"));
        let v = |a, s, y| p.get(a, s, y, CODE).unwrap();
        // `KOR,2015,CHN,1005,985,20,62.8909,37.1091,61.5374,36.3104,2.1522,0` (line 1514).
        assert_relative_eq!(v(cn, iso3!("KOR"), 2015), 61.5374);
        // `VNM,2017,CHN,1000,971,29,10.2731,89.7269,9.9861,87.2197,2.7942,0` (line 2570).
        assert_relative_eq!(v(cn, iso3!("VNM"), 2017), 9.9861);
        // `KOR,2008,JPN,714,698,16,47.8506,52.1494,46.7824,50.9851,2.2325,0` (line 1490):
        // the % of all asked (46.7824), not of valid answers (47.8506).
        assert_relative_eq!(v(jp, iso3!("KOR"), 2008), 46.7824);
        // `IND,2005,JPN,2042,1581,461,85.3890,14.6110,66.1117,11.3124,22.5759,1` (line 1067).
        assert_relative_eq!(v(jp, iso3!("IND"), 2005), 66.1117);
        // `KOR,2023,USA,1735,1732,3,78.6658,21.3342,78.5259,…` (line 1551).
        assert_relative_eq!(v(us, iso3!("KOR"), 2023), 78.5259);
        // The denominator is n_asked.
        let k = p.indicator_index(CODE).unwrap();
        let i = p.position(cn, iso3!("KOR"), 2015, k).unwrap();
        assert_eq!(p.rows()[i].denominator, Some(1005.0));
        assert!(p.get(cn, cn, 2015, CODE).is_none());
        assert_eq!(p.actors(), vec![cn, jp, us]);
    }

    #[test]
    fn us_values_agree_with_the_us_only_series_within_a_point() {
        // The check behind replacing `us_favourability_pew` in presence.toml: over the
        // partner-years both files hold, |pct_fav_of_asked − published %| < 1 in every one.
        let data = crate::default_data_dir();
        let c = Concordance::load(&data).unwrap();
        let rows = pew_global::load(&data.join(pew_global::FILE), &c)
            .unwrap()
            .records;
        let old = pew::load(&data.join(pew::FILE), &c).unwrap().records;
        let us = iso3!("USA");
        let mut p = Panel::new(catalogue()).unwrap();
        derive(&rows, &[us], &mut p).unwrap();
        let gaps: Vec<f64> = old
            .iter()
            .filter_map(|(&(s, y), &o)| p.get(us, s, y, CODE).map(|n| (n - o).abs()))
            .collect();
        assert_eq!(gaps.len(), 310);
        assert_eq!(gaps.iter().filter(|g| **g < 1.0).count(), 310);
        assert_eq!(gaps.iter().filter(|g| **g <= 0.5).count(), 237);
        let max = gaps.iter().copied().fold(0.0, f64::max);
        assert_relative_eq!(max, 0.9191, epsilon = 1e-9);
        // Only in the US-only file: the 2000 wave (14 countries) and India 2013.
        let only_old: Vec<(Iso3, i32)> = old
            .keys()
            .filter(|&&(s, y)| p.get(us, s, y, CODE).is_none())
            .copied()
            .collect();
        assert_eq!(only_old.len(), 15);
        assert!(
            only_old
                .iter()
                .all(|&(s, y)| y == 2000 || (s, y) == (iso3!("IND"), 2013))
        );
    }

    #[test]
    fn fixture_targets_and_self_ratings_are_counted() {
        let row = |s: Iso3, t: &str, v: f64| Favourability {
            surveyed: s,
            year: 2015,
            target: t.into(),
            n_asked: 1000,
            n_valid: 900,
            n_dk_refused: 100,
            pct_fav_of_asked: v,
            pct_unfav_of_asked: 90.0 - v,
            pct_dk_refused_of_asked: 10.0,
            pct_fav_of_valid: v / 0.9,
            pct_unfav_of_valid: 100.0 - v / 0.9,
            weights_all_one: false,
        };
        let (us, vn, cn) = (iso3!("USA"), iso3!("VNM"), iso3!("CHN"));
        let rows = [
            row(vn, "USA", 70.0),
            row(vn, "EU", 50.0),
            row(cn, "CHN", 90.0),
            row(vn, "CHN", 20.0),
        ];
        let mut p = Panel::new(catalogue()).unwrap();
        let acc = derive(&rows, &[us, cn], &mut p).unwrap();
        assert_eq!(p.get(us, vn, 2015, CODE), Some(70.0));
        assert_eq!(p.get(cn, vn, 2015, CODE), Some(20.0));
        assert_eq!((acc.rows_in(), acc.rows_used(), p.len()), (4, 2, 2));
        assert_eq!(
            acc.exclusions()["target EU is not an actor of the panel"],
            1
        );
        assert_eq!(
            acc.exclusions()["self-rating (the surveyed country is the target)"],
            1
        );
    }
}
