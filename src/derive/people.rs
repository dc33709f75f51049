//! Visitor indicators from arrivals by country of origin ([`crate::sources::arrivals`],
//! PROVENANCE §20). Notation: V_DO = arrivals of origin O's nationals (residents, for
//! Singapore and the UNWTO `…R` series) in destination D in year t, as D counts them;
//! T_D = D's total arrivals from the same file; POP = WDI population (SP.POP.TOTL).
//!
//! - `visitors_to_actor` = V_AP (actor A = destination, partner P = origin), from the actors'
//!   own by-nationality tables only: Japan (JNTO), Korea (KTO 2005–2022), China (UNWTO `VFN`
//!   2016–2018) and India (FTAs 2004–2015 and 2021). The UNWTO outbound table is not a source
//!   here, although its destinations include actors (it would give the US, Germany, … one
//!   partner, China, in a mix of series): counted as excluded.
//! - `visitors_to_actor_per_thousand` = 1,000 × V_AP / POP_P; denominator POP_P.
//! - `arrivals_share` = V_PA / T_P (actor A = origin, partner P = destination), numerator and
//!   total from **the same file**: the JNTO workbook (`総数`, 2003–2021), KTO (`전 체`), UNWTO
//!   China inbound (`TOTAL`, 2016–2018; compatriots from Hong Kong, Macao and Taiwan are in
//!   the total) and India 2021 (`Grand Total`). The other files have no total row (the JNTO
//!   all-nationalities file lists only `Stateless and others` and `Unknown`), so Japan's
//!   shares stop in 2021; a total from another source (WDI) is never used. Denominator T_P.
//! - `visitors_from_actor_per_thousand` = 1,000 × V_PA / POP_P (actor A = origin, partner P =
//!   destination), from every file — the national tables above, Singapore (residence),
//!   Vietnam 2018 and, for actor CHN, the UNWTO outbound table; denominator POP_P.
//!
//! **One value per (destination, origin, year).** Where files overlap, one is chosen:
//! 1. Japan (PROVENANCE §20 precedence): the JNTO workbook for 2003–2021; the
//!    all-nationalities file for 2022–2024, and for 2019–2021 only where the workbook has no
//!    value for the origin-year (e.g. Myanmar, which the workbook folds into "other Asia"; the
//!    workbook lists each of its 38 economies in every year 2019–2021, so this is exactly "the
//!    nationalities the workbook does not list"); the
//!    1996–2024 file only for 1996–2002 ([`JNTO_LONG_YEARS`]). In that file Singapore and
//!    Malaysia are swapped in 2003–2004 (§20c); its 1996–2002 values of the two continue the
//!    workbook's series of the *other* country (1996–2002 "Singapore" ≈ 52–64 thousand, like
//!    the workbook's Malaysia 2003–2005, 65–78 thousand, and the other way round), so the swap
//!    most likely runs back to 1996: the two ([`JNTO_LONG_SWAPPED`]) are not used from it.
//! 2. China as destination: UNWTO's inbound table only from 2016 ([`CHINA_INBOUND_FROM`]);
//!    2014–2015 exclude arrivals through border areas and are not comparable (UNWTO's note on
//!    `TOTAL`; Myanmar 144,373 in 2015, 2,428,074 in 2016). Those rows are excluded and
//!    counted for every indicator they could feed; no share is formed before 2016.
//! 3. The UNWTO outbound table (Chinese arrivals by destination) gives 2–3 alternative series
//!    for 54 of its 164 destinations. **One series per destination**, the same in every year:
//!    the first the destination has in the catalogue's order VFN, VFR, TFN, TFR, THSN, THSR,
//!    TCEN, TCER ([`chosen_series`]). Its years without that series stay empty rather than
//!    switching series (a switch would break the level of the series: visitors vs tourists vs
//!    hotel guests); series are never added. This costs 80 destination-years, most in Belarus
//!    (VFN 2012–2018 chosen, TFN 1995–2011 not used), Lithuania, Spain, Latvia and Greece.
//!    Chosen for the case-study destinations: Myanmar and India TFN, Vietnam VFR, Korea and
//!    Japan VFN, the US TFR.
//! 4. A destination's own table comes before the UNWTO outbound table. They agree where both
//!    exist (PROVENANCE §20: China → India TFN = India's FTAs in 12 of 12 years, China → Korea
//!    VFN = KTO in 13 of 14, China → Japan VFN = JNTO in all, China → Vietnam VFR 2018 = VNAT),
//!    so Chinese arrivals in Korea are KTO's from 2005 and UNWTO's for 1995–2004, in India
//!    UNWTO's outside 2004–2015 and 2021, in Japan UNWTO's for 1995, in Singapore STB's
//!    (residence) to 2016 and UNWTO's `VFR` for 2017–2018.
//!
//! Two files of equal precedence giving one (destination, origin, year) is an error (it does
//! not happen in the shipped files).
//!
//! Values kept as published, for the data-quality rules to judge: JNTO's provisional 2021;
//! UNWTO's China inbound **India 2018 = Indonesia 2018 = 708,517** (one of the two is wrong in
//! the source, so four values are suspect: `visitors_to_actor` and its rate for CHN ← IND 2018,
//! `arrivals_share` and `visitors_from_actor_per_thousand` for actor IND in CHN 2018); the
//! collapse of 2020–2022; Myanmar in China's inbound table still rising fourfold 2016 → 2017
//! (2,428,074 → 9,655,453) as border counting spread; the break of Myanmar's counting in UNWTO's
//! outbound `TFN` (2,102,677 in 2015, 498,656 in 2016).
//!
//! Hong Kong and Macao with China ([`CHINA_SARS`]) are crossings within China, left out of
//! every indicator and counted.
//!
//! A missing population gives no per-capita row (counted), never a zero. The returned
//! accounts, one per indicator in the order `visitors_to_actor`,
//! `visitors_to_actor_per_thousand`, `arrivals_share`, `visitors_from_actor_per_thousand`,
//! each take **every** input record as a candidate row and say why each one not pushed was
//! left out; rows used = panel rows pushed for that indicator.

use std::collections::{BTreeMap, HashMap};

use crate::derive::{push_per_capita, ratio};
use crate::error::{Error, Location, Result};
use crate::iso3;
use crate::panel::Panel;
use crate::panel::accounting::Accounting;
use crate::panel::country::Iso3;
use crate::panel::method::Method;
use crate::sources::CountryYear;
use crate::sources::arrivals::{Arrival, ArrivalsFile, Origin, Series};

/// The first year UNWTO's China inbound table is used (border areas counted from 2016).
///
/// # Examples
/// ```
/// assert_eq!(linkage::derive::people::CHINA_INBOUND_FROM, 2016);
/// ```
pub const CHINA_INBOUND_FROM: i32 = 2016;

/// The years the JNTO 1996–2024 file (§20c) is used for.
///
/// # Examples
/// ```
/// assert_eq!(linkage::derive::people::JNTO_LONG_YEARS, (1996, 2002));
/// ```
pub const JNTO_LONG_YEARS: (i32, i32) = (1996, 2002);

/// Origins never taken from the JNTO 1996–2024 file: Singapore and Malaysia, swapped there
/// (see the module documentation).
///
/// # Examples
/// ```
/// use linkage::{iso3, derive::people::JNTO_LONG_SWAPPED};
/// assert!(JNTO_LONG_SWAPPED.contains(&iso3!("SGP")));
/// ```
pub const JNTO_LONG_SWAPPED: [Iso3; 2] = [iso3!("SGP"), iso3!("MYS")];

/// Exclusion reasons written in the accounts.
pub(crate) mod reason {
    pub const TOTAL: &str = "total row (the denominator of arrivals_share, not a pair)";
    pub const SELF: &str = "origin is the destination (self row)";
    pub const CHINA_BEFORE_2016: &str =
        "UNWTO China inbound before 2016: border areas not counted, not comparable with 2016-2018";
    pub const JNTO_LONG_YEARS: &str =
        "JNTO 1996-2024 file: used for 1996-2002 only (precedence of PROVENANCE §20)";
    pub const JNTO_LONG_SWAPPED: &str =
        "JNTO 1996-2024 file: Singapore and Malaysia swapped (PROVENANCE §20c), not used";
    pub const JNTO_ALL_SUPERSEDED: &str =
        "JNTO all-nationalities file 2019-2021: the JNTO workbook gives this origin-year";
    pub const OUTBOUND_SERIES: &str = "UNWTO outbound: another series than the one chosen for the destination (series never added)";
    pub const OUTBOUND_SUPERSEDED: &str =
        "UNWTO outbound: the destination's own table gives this year";
    pub const OUTBOUND_NOT_A_SOURCE: &str =
        "UNWTO outbound table: not a source of visitors_to_actor (the actors' own tables only)";
    pub const DESTINATION_NOT_ACTOR: &str = "destination is not an actor";
    pub const ORIGIN_NOT_ACTOR: &str = "origin is not an actor";
    pub const NO_TOTAL: &str = "the file has no total row";
    pub const TOTAL_MISSING: &str = "the file's total row is missing for the year";
    pub const TOTAL_ZERO: &str = "the file's total is zero";
    pub const POPULATION: &str = "partner's population missing";
    pub const COMPATRIOTS: &str = "Hong Kong or Macao with China: crossings within China (UNWTO counts compatriots, tens of millions a year), not a foreign partner's visitors";
}

/// China's special administrative regions: their crossings to and from the mainland are left
/// out of every visitor indicator of actor China (UNWTO's inbound table counts Hong Kong and
/// Macao "compatriots": 38 crossings per Macao inhabitant in 2018, 11 per Hong Kong one, where
/// the largest foreign partner, Mongolia, sends 0.6 — commuting, not visiting).
///
/// # Examples
/// ```
/// use linkage::{iso3, derive::people::CHINA_SARS};
/// assert_eq!(CHINA_SARS, [iso3!("HKG"), iso3!("MAC")]);
/// ```
pub const CHINA_SARS: [Iso3; 2] = [iso3!("HKG"), iso3!("MAC")];

/// Whether a pair is China with one of its special administrative regions.
fn china_sar(a: Iso3, b: Iso3) -> bool {
    (a == iso3!("CHN") && CHINA_SARS.contains(&b)) || (b == iso3!("CHN") && CHINA_SARS.contains(&a))
}

/// The UNWTO outbound series used for each destination: the first of
/// [`Series::PRECEDENCE`] the destination has in any year.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, derive::people, sources::arrivals::{self, Series}};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let (rows, _) = arrivals::load(&data.join(arrivals::DIR), &c).unwrap();
/// let chosen = people::chosen_series(&rows);
/// assert_eq!(chosen.len(), 164);
/// assert_eq!(chosen[&iso3!("MMR")], Series::Tfn);
/// assert_eq!(chosen[&iso3!("THA")], Series::Tfn); // TFN, TFR and THSN in the file
/// ```
pub fn chosen_series(arrivals: &[Arrival]) -> BTreeMap<Iso3, Series> {
    let mut out = BTreeMap::new();
    for a in arrivals {
        if let (ArrivalsFile::ChinaOutbound, Some(s)) = (a.file, a.series) {
            out.entry(a.destination)
                .and_modify(|b: &mut Series| *b = (*b).min(s))
                .or_insert(s);
        }
    }
    out
}

/// Whether a record gives the one value of its (destination, origin, year), or why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Chosen,
    Out(&'static str),
}

/// A record's rank among the files that count the same arrivals (0 first), or why its file's
/// own rules leave it out.
fn rank(a: &Arrival, origin: Iso3, series: &BTreeMap<Iso3, Series>) -> Result<u8, &'static str> {
    match a.file {
        ArrivalsFile::ChinaInbound if a.year < CHINA_INBOUND_FROM => Err(reason::CHINA_BEFORE_2016),
        ArrivalsFile::JntoLong if a.year < JNTO_LONG_YEARS.0 || a.year > JNTO_LONG_YEARS.1 => {
            Err(reason::JNTO_LONG_YEARS)
        }
        ArrivalsFile::JntoLong if JNTO_LONG_SWAPPED.contains(&origin) => {
            Err(reason::JNTO_LONG_SWAPPED)
        }
        ArrivalsFile::JntoAllNationalities if a.year <= 2021 => Ok(1),
        ArrivalsFile::ChinaOutbound if a.series != series.get(&a.destination).copied() => {
            Err(reason::OUTBOUND_SERIES)
        }
        ArrivalsFile::ChinaOutbound => Ok(2),
        _ => Ok(0),
    }
}

/// The fate of every country record (same order as `arrivals`; totals are left `Chosen`).
fn choose(arrivals: &[Arrival]) -> Result<Vec<Fate>> {
    let series = chosen_series(arrivals);
    let mut fates = vec![Fate::Chosen; arrivals.len()];
    let mut candidates: HashMap<(Iso3, Iso3, i32), Vec<(u8, usize)>> = HashMap::new();
    for (i, a) in arrivals.iter().enumerate() {
        let origin = match a.origin {
            Origin::Country(o) if o == a.destination => {
                fates[i] = Fate::Out(reason::SELF);
                continue;
            }
            Origin::Country(o) => o,
            // A total is no pair: only a denominator, looked up by file and year.
            Origin::Total => continue,
        };
        match rank(a, origin, &series) {
            Err(r) => fates[i] = Fate::Out(r),
            Ok(k) => candidates
                .entry((a.destination, origin, a.year))
                .or_default()
                .push((k, i)),
        }
    }
    for ((d, o, y), mut c) in candidates {
        c.sort_unstable();
        if let [(k0, i0), (k1, i1), ..] = c[..]
            && k0 == k1
        {
            let (a, b) = (&arrivals[i0], &arrivals[i1]);
            return Err(Error::Invalid {
                at: Location::row(b.file.file_name(), b.row),
                reason: format!(
                    "arrivals of {o} in {d} {y} also come from {} row {}, a file of equal precedence",
                    a.file.file_name(),
                    a.row
                ),
            });
        }
        for &(_, j) in &c[1..] {
            fates[j] = Fate::Out(match arrivals[j].file {
                ArrivalsFile::JntoAllNationalities => reason::JNTO_ALL_SUPERSEDED,
                _ => reason::OUTBOUND_SUPERSEDED,
            });
        }
    }
    Ok(fates)
}

/// The four accounts, in the order of the module documentation.
struct Accounts {
    to: Accounting,
    to_pc: Accounting,
    share: Accounting,
    from_pc: Accounting,
}

impl Accounts {
    fn new() -> Accounts {
        let input = "visitor arrivals by origin (tourism_by_origin); WDI population";
        Accounts {
            to: Accounting::new("visitors_to_actor", input),
            to_pc: Accounting::new("visitors_to_actor_per_thousand", input),
            share: Accounting::new("arrivals_share", input),
            from_pc: Accounting::new("visitors_from_actor_per_thousand", input),
        }
    }

    fn exclude_all(&mut self, r: &str) {
        for acc in [
            &mut self.to,
            &mut self.to_pc,
            &mut self.share,
            &mut self.from_pc,
        ] {
            acc.exclude(r, 1);
        }
    }
}

/// Push `visitors_to_actor`, `visitors_to_actor_per_thousand`, `arrivals_share` and
/// `visitors_from_actor_per_thousand` into `panel` for the given `actors` (normally
/// [`crate::derive::ACTORS`]); `population` is WDI's total population.
///
/// # Errors
/// Two files of equal precedence for one (destination, origin, year) ([`Error::Invalid`]
/// naming both rows); a panel rule broken by a derived value (duplicate key, non-finite or
/// negative value).
///
/// # Examples
/// ```
/// use linkage::{Concordance, Panel, catalogue, iso3, derive, sources::{arrivals, worldbank}};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let (rows, _) = arrivals::load(&data.join(arrivals::DIR), &c).unwrap();
/// let pop = worldbank::load(&data.join(worldbank::POPULATION_FILE), &c).unwrap().records;
/// let mut p = Panel::new(catalogue()).unwrap();
/// let accounts = derive::people::derive(&rows, &pop, &derive::ACTORS, &mut p).unwrap();
/// assert_eq!(accounts.iter().map(|a| a.rows_used()).sum::<usize>(), p.len());
/// // Koreans in Japan, 2019 (JNTO workbook): 5,584,597.
/// assert_eq!(p.get(iso3!("JPN"), iso3!("KOR"), 2019, "visitors_to_actor"), Some(5_584_597.0));
/// // The US share of Korea's arrivals, 2019 (KTO): 1,044,038 / 17,502,756.
/// let s = p.get(iso3!("USA"), iso3!("KOR"), 2019, "arrivals_share").unwrap();
/// assert!((s - 1_044_038.0 / 17_502_756.0).abs() < 1e-12);
/// ```
pub fn derive(
    arrivals: &[Arrival],
    population: &CountryYear,
    actors: &[Iso3],
    panel: &mut Panel,
) -> Result<Vec<Accounting>> {
    let fates = choose(arrivals)?;
    let totals: HashMap<(ArrivalsFile, Iso3, i32), f64> = arrivals
        .iter()
        .filter(|a| a.origin == Origin::Total)
        .map(|a| ((a.file, a.destination, a.year), a.arrivals))
        .collect();
    let pop = |c: Iso3, y: i32| population.get(&(c, y)).copied();
    let mut acc = Accounts::new();
    for (a, &fate) in arrivals.iter().zip(&fates) {
        let Origin::Country(origin) = a.origin else {
            acc.exclude_all(reason::TOTAL);
            continue;
        };
        if origin == a.destination {
            acc.exclude_all(reason::SELF);
            continue;
        }
        let (d, y, v) = (a.destination, a.year, a.arrivals);
        let chosen = match fate {
            Fate::Chosen if china_sar(d, origin) => Err(reason::COMPATRIOTS),
            Fate::Chosen => Ok(()),
            Fate::Out(r) => Err(r),
        };

        // visitors_to_actor and its per-thousand rate: actor = destination, partner = origin.
        let to = if a.file == ArrivalsFile::ChinaOutbound {
            Err(reason::OUTBOUND_NOT_A_SOURCE)
        } else if !actors.contains(&d) {
            Err(reason::DESTINATION_NOT_ACTOR)
        } else {
            chosen
        };
        match to {
            Err(r) => {
                acc.to.exclude(r, 1);
                acc.to_pc.exclude(r, 1);
            }
            Ok(()) => {
                panel.push(d, origin, y, "visitors_to_actor", v)?;
                acc.to.used(1);
                push_per_capita(
                    panel,
                    &mut acc.to_pc,
                    (d, origin, y),
                    "visitors_to_actor_per_thousand",
                    v,
                    1000.0,
                    population,
                    reason::POPULATION,
                )?;
            }
        }

        // arrivals_share and visitors_from_actor: actor = origin, partner = destination.
        if !actors.contains(&origin) {
            acc.share.exclude(reason::ORIGIN_NOT_ACTOR, 1);
            acc.from_pc.exclude(reason::ORIGIN_NOT_ACTOR, 1);
            continue;
        }
        let share = if a.file.total_label().is_none() {
            Err(reason::NO_TOTAL)
        } else {
            chosen.and_then(|()| {
                let t = totals.get(&(a.file, d, y)).copied();
                let t = t.ok_or(reason::TOTAL_MISSING)?;
                ratio(Some(v), Some(t))
                    .map(|s| (s, t))
                    .ok_or(reason::TOTAL_ZERO)
            })
        };
        match share {
            Err(r) => acc.share.exclude(r, 1),
            Ok((s, t)) => {
                panel.push_derived(origin, d, y, "arrivals_share", s, Method::Formula, Some(t))?;
                acc.share.used(1);
            }
        }
        let from = chosen.and_then(|()| {
            let p = pop(d, y);
            ratio(Some(v), p).map(|r| (r, p)).ok_or(reason::POPULATION)
        });
        match from {
            Err(r) => acc.from_pc.exclude(r, 1),
            Ok((r, p)) => {
                let code = "visitors_from_actor_per_thousand";
                panel.push_derived(origin, d, y, code, 1000.0 * r, Method::Formula, p)?;
                acc.from_pc.used(1);
            }
        }
    }
    Ok(vec![acc.to, acc.to_pc, acc.share, acc.from_pc])
}

#[cfg(test)]
mod tests;
