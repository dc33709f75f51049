//! Shared institutions: which institutions two countries both belong to in a year, how far
//! their membership sets overlap, each country's joining timeline, and the G7 case study's
//! institutional part. Built on [`crate::sources::institutions`] (file
//! `data/institutions/memberships.csv`).
//!
//! ## Rules
//!
//! - **Member as of year Y** is [`members_in`]'s rule, the README's "filter on the event you
//!   need … and take `joined_year <= Y`": a row counts when its event makes a member (entry into
//!   force, accession, admission, founding, membership…; a *signature* only for
//!   `TPP_SIGNATORY` and `BRI_MOU`, which are sets of signatories; never a *prospective*
//!   member), its year is known and ≤ Y, and any end the event text states is ≥ Y (G7 Russia
//!   1997–2013; the Quad's first spell 2007–2008). So CPTPP and RCEP count from entry into
//!   force, not signature, and rows without a year never count.
//! - **`TPP_SIGNATORY` is a set of signatories, not a living membership**: its only event is
//!   the 4 February 2016 signature, and no exit is recorded, so from 2016 on every one of the
//!   12 signatories — the United States included — counts as sharing it with the other 11 in
//!   every later year. Read it as "both signed the 2016 TPP", not as a current tie.
//! - **Complete institutions only, by default.** The README marks the WTO ("**partial**",
//!   123 of ~166 members; "The absence of a WTO row is **not** evidence of non-membership"),
//!   the G20 (no years), the AIIB (no founding years; approvals only) and `BRI_MOU` ("**partial**",
//!   the 11 governments of the 2017 list) as incomplete ([`Institution::is_complete`]). An
//!   absence there cannot be read as a missing tie, so they are left out of every count,
//!   Jaccard and list unless [`shared`] is called with `include_incomplete = true`.
//! - **Labelling.** When included, the incomplete institutions are never mixed into the
//!   complete ones: [`Ties::shared`] lists complete institutions only and
//!   [`Ties::incomplete`] lists the shared incomplete ones; in text ([`Ties::codes`]) they
//!   carry an asterisk, `WTO*`, meaning "from an incomplete membership list: a missing row is
//!   not evidence of non-membership". Note that the G20 and the AIIB have no dated membership
//!   rows at all, so even when included they never count as shared (see [`members_in`]).
//! - **Jaccard overlap** of countries *a* and *b* in year Y: with A and B the sets of
//!   (considered) institutions each is a member of in Y, J = |A ∩ B| / |A ∪ B|; `None` when
//!   both sets are empty (no basis for a ratio, not zero).
//! - **G7** ([`g7_members`]): the G7 rows except the European Union. The README lists the EU as
//!   "European Community, non-enumerated participant", so `EUU` is not one of the seven;
//!   Russia counts 1997–2013 (its row's "G8 format 1997-2013; participation suspended 2014
//!   (former)"), so the group has eight members in those years.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;

use crate::io::rows::{Column, Kind, RowSink, Rows};

use crate::error::Result;
use crate::iso3;
use crate::panel::accounting::Accounting;
use crate::panel::country::Iso3;
use crate::sources::institutions::{Institution, Membership, members_in};

/// The United States.
const USA: Iso3 = iso3!("USA");
/// Japan.
const JPN: Iso3 = iso3!("JPN");
/// China.
const CHN: Iso3 = iso3!("CHN");
/// The European Union, a non-enumerated G7 participant.
const EUU: Iso3 = iso3!("EUU");

/// The members of each considered institution in one year, in [`Institution::ALL`] order.
type Sets = Vec<(Institution, BTreeSet<Iso3>)>;

/// The members of every considered institution in `year`.
fn sets_in(memberships: &[Membership], year: i32, include_incomplete: bool) -> Sets {
    Institution::ALL
        .iter()
        .filter(|i| include_incomplete || i.is_complete())
        .map(|&i| (i, members_in(memberships, i, year)))
        .collect()
}

/// The institutions of `sets` that `country` belongs to.
fn of(sets: &[(Institution, BTreeSet<Iso3>)], country: Iso3) -> BTreeSet<Institution> {
    sets.iter()
        .filter(|(_, m)| m.contains(&country))
        .map(|(i, _)| *i)
        .collect()
}

/// Jaccard overlap |A ∩ B| / |A ∪ B|; `None` when both are empty.
fn jaccard<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> Option<f64> {
    let union = a.union(b).count();
    (union > 0).then(|| a.intersection(b).count() as f64 / union as f64)
}

/// The ties of `a` and `b` given the member sets of one year.
fn ties_from(sets: &[(Institution, BTreeSet<Iso3>)], a: Iso3, b: Iso3) -> Ties {
    let (ia, ib) = (of(sets, a), of(sets, b));
    let (shared, incomplete) = ia.intersection(&ib).partition(|i| i.is_complete());
    Ties {
        shared,
        incomplete,
        jaccard: jaccard(&ia, &ib),
        a_count: ia.len(),
        b_count: ib.len(),
    }
}

/// What two countries share in one year (see [`shared`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Ties {
    /// The *complete* institutions both are members of, in [`Institution::ALL`] order.
    pub shared: Vec<Institution>,
    /// The *incomplete* institutions (WTO, G20, AIIB, `BRI_MOU`) both are members of — always
    /// empty unless `include_incomplete` was set. Written `WTO*` by [`Ties::codes`]: from an
    /// incomplete membership list, so a missing one is not evidence of a missing tie.
    pub incomplete: Vec<Institution>,
    /// Jaccard overlap of the two membership sets over the considered institutions (the
    /// incomplete ones too when included); `None` when neither is a member of any.
    pub jaccard: Option<f64>,
    /// Number of considered institutions the first country is a member of.
    pub a_count: usize,
    /// Number of considered institutions the second country is a member of.
    pub b_count: usize,
}

impl Ties {
    /// All shared institutions as `;`-joined codes, the complete ones first, then the
    /// incomplete ones marked with an asterisk (`WTO*`: incomplete membership list).
    ///
    /// # Examples
    /// ```
    /// use linkage::{Concordance, iso3, sources::institutions};
    /// use linkage::alignment::institutions::shared;
    /// let data = linkage::default_data_dir();
    /// let c = Concordance::load(&data).unwrap();
    /// let m = institutions::load(&data.join(institutions::FILE), &c).unwrap().records;
    /// let t = shared(&m, iso3!("VNM"), iso3!("JPN"), 2020, true);
    /// assert_eq!(t.codes(), "APEC;CPTPP;TPP_SIGNATORY;ADB;WTO*");
    /// ```
    pub fn codes(&self) -> String {
        let complete = self.shared.iter().map(|i| i.code().to_string());
        let incomplete = self.incomplete.iter().map(|i| format!("{}*", i.code()));
        complete.chain(incomplete).collect::<Vec<_>>().join(";")
    }
}

/// The institutions `a` and `b` are both members of in `year` ("member as of year Y", see the
/// [module docs](self)), with the Jaccard overlap of their membership sets.
///
/// By default (`include_incomplete = false`) only complete institutions are considered. With
/// `include_incomplete = true` the WTO, G20, AIIB and `BRI_MOU` enter the sets and the
/// Jaccard, and the shared ones are listed apart in [`Ties::incomplete`]. The result is
/// symmetric: swapping `a` and `b` swaps the counts and nothing else.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::institutions::{self, Institution}};
/// use linkage::alignment::institutions::shared;
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let m = institutions::load(&data.join(institutions::FILE), &c).unwrap().records;
/// let t = shared(&m, iso3!("VNM"), iso3!("JPN"), 2022, false);
/// // RCEP counts from entry into force (2022), CPTPP from 2019 for Vietnam.
/// assert_eq!(t.shared, [Institution::Apec, Institution::Cptpp, Institution::TppSignatory,
///     Institution::Rcep, Institution::Ipef, Institution::Adb]);
/// assert!(t.incomplete.is_empty()); // the WTO is left out by default
/// let j = t.jaccard.unwrap();
/// assert!(j > 0.0 && j <= 1.0);
/// ```
pub fn shared(
    memberships: &[Membership],
    a: Iso3,
    b: Iso3,
    year: i32,
    include_incomplete: bool,
) -> Ties {
    ties_from(&sets_in(memberships, year, include_incomplete), a, b)
}

/// One row of [`institutions_table`]: an actor and a partner (or a second actor) in a year,
/// over the complete institutions only.
#[derive(Debug, Clone, PartialEq)]
pub struct InstitutionRow {
    /// The actor.
    pub actor: Iso3,
    /// The partner, or the later actor of an actor pair.
    pub partner: Iso3,
    /// Year.
    pub year: i32,
    /// Number of complete institutions both are members of.
    pub shared: usize,
    /// Jaccard overlap of their complete-institution memberships; `None` when neither is a
    /// member of any.
    pub jaccard: Option<f64>,
    /// The shared institutions' codes, `;`-joined in [`Institution::ALL`] order (empty when
    /// none).
    pub institutions: String,
}

/// Shared complete institutions for every actor × partner × year, and for every unordered pair
/// of actors × year.
///
/// Rows come actor by actor (in `actors` order), partner by partner (in `partners` order),
/// year by year; then the actor pairs, the actor earlier in `actors` as `actor` and the other
/// as `partner`. A partner that is itself one of the `actors` is reported once, as an actor
/// pair, not twice. Only complete institutions are scored (the default of [`shared`]); a year
/// in which neither side is a member of any gives a row with `shared = 0` and
/// `jaccard = None`.
///
/// The account counts candidate (actor, partner, year) cells — `actors × partners × years`
/// plus `unordered actor pairs × years` — as used (a row) or excluded: the partner is the
/// actor itself; the partner is another actor (reported once as an actor pair); a repeated
/// pair (a code given twice).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::institutions};
/// use linkage::alignment::institutions::institutions_table;
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let m = institutions::load(&data.join(institutions::FILE), &c).unwrap().records;
/// let (rows, acc) = institutions_table(&m, &[iso3!("USA"), iso3!("JPN")],
///     &[iso3!("VNM"), iso3!("JPN")], 2021..=2022);
/// // USA–VNM, JPN–VNM, and USA–JPN once (as the actor pair), for two years.
/// assert_eq!(rows.len(), 6);
/// assert_eq!(acc.rows_in(), 2 * 2 * 2 + 2);
/// assert!(acc.balances());
/// let r = rows.iter().find(|r| r.actor == iso3!("JPN") && r.partner == iso3!("VNM")
///     && r.year == 2022).unwrap();
/// assert_eq!(r.institutions, "APEC;CPTPP;TPP_SIGNATORY;RCEP;IPEF;ADB");
/// ```
pub fn institutions_table(
    memberships: &[Membership],
    actors: &[Iso3],
    partners: &[Iso3],
    years: RangeInclusive<i32>,
) -> (Vec<InstitutionRow>, Accounting) {
    let mut acc = Accounting::new(
        "shared institutions",
        "actor x partner x year, and actor pairs x year, of the institution memberships",
    );
    let years: Vec<i32> = years.collect();
    let ny = years.len();
    let sets: Vec<(i32, Sets)> = years
        .iter()
        .map(|&y| (y, sets_in(memberships, y, false)))
        .collect();
    let actor_set: BTreeSet<Iso3> = actors.iter().copied().collect();

    // The pairs to report, in order; a pair is keyed without order to catch repeats.
    let mut pairs: Vec<(Iso3, Iso3)> = Vec::new();
    let mut seen: BTreeSet<(Iso3, Iso3)> = BTreeSet::new();
    let mut push = |a: Iso3, p: Iso3, acc: &mut Accounting| {
        if a == p {
            acc.exclude("partner is the actor itself", ny);
        } else if seen.insert((a.min(p), a.max(p))) {
            pairs.push((a, p));
        } else {
            acc.exclude("repeated (actor, partner) pair", ny);
        }
    };
    for &a in actors {
        for &p in partners {
            if a != p && actor_set.contains(&p) {
                acc.exclude(
                    "partner is another actor: reported once as an actor pair",
                    ny,
                );
            } else {
                push(a, p, &mut acc);
            }
        }
    }
    for (k, &a) in actors.iter().enumerate() {
        for &b in &actors[k + 1..] {
            push(a, b, &mut acc);
        }
    }

    let mut rows = Vec::with_capacity(pairs.len() * ny);
    for (a, p) in pairs {
        for (year, s) in &sets {
            let t = ties_from(s, a, p);
            rows.push(InstitutionRow {
                actor: a,
                partner: p,
                year: *year,
                shared: t.shared.len(),
                jaccard: t.jaccard,
                institutions: t.codes(),
            });
        }
    }
    acc.used(rows.len());
    (rows, acc)
}

/// The rows of [`institutions_table`]: `actor, partner, year, shared, jaccard, institutions`
/// (`jaccard` missing where `None`).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::institutions};
/// use linkage::alignment::institutions::institutions_table;
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let m = institutions::load(&data.join(institutions::FILE), &c).unwrap().records;
/// let (rows, _) = institutions_table(&m, &[iso3!("CHN")], &[iso3!("VNM")], 2020..=2022);
/// let df = linkage::io::frame::to_frame(rows.as_slice()).unwrap();
/// assert_eq!(df.shape(), (3, 6));
/// let names: Vec<&str> = df.get_column_names().iter().map(|n| n.as_str()).collect();
/// assert_eq!(names, ["actor", "partner", "year", "shared", "jaccard", "institutions"]);
/// ```
impl Rows for [InstitutionRow] {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("actor", Kind::Text),
            Column::new("partner", Kind::Text),
            Column::new("year", Kind::Int32),
            Column::new("shared", Kind::UInt32),
            Column::new("jaccard", Kind::Float64),
            Column::new("institutions", Kind::Text),
        ]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()> {
        for r in self {
            sink.text(r.actor.as_str());
            sink.text(r.partner.as_str());
            sink.int(i64::from(r.year));
            sink.int(i64::from(r.shared as u32));
            sink.opt_float(r.jaccard);
            sink.text(&r.institutions);
            sink.end_row()?;
        }
        Ok(())
    }
}

/// One event of a country's institutional timeline: one row of the membership file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joining {
    /// The institution.
    pub institution: Institution,
    /// The country.
    pub member: Iso3,
    /// Year of the event, when the source states it.
    pub year: Option<i32>,
    /// The event as written in the file (`entry into force`, `signature`, …).
    pub event: String,
    /// Whether the institution's membership list is complete ([`Institution::is_complete`]).
    pub complete: bool,
    /// Whether the event makes the country a member ([`Membership::makes_member`]): false for
    /// a CPTPP or RCEP signature and for AIIB prospective membership.
    pub makes_member: bool,
    /// The page or file the row comes from.
    pub source_url: String,
}

/// Every row of the membership file for `country` — joining, signature and prospective events
/// alike, incomplete institutions included (flagged by [`Joining::complete`]) — sorted by year,
/// events without a year last; ties by [`Institution::ALL`] order, then event text. Nothing is
/// added that the file does not hold.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::institutions::{self, Institution}};
/// use linkage::alignment::institutions::timeline;
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let m = institutions::load(&data.join(institutions::FILE), &c).unwrap().records;
/// let t = timeline(&m, iso3!("VNM"));
/// assert_eq!((t[0].institution, t[0].year), (Institution::Adb, Some(1966)));
/// let cptpp: Vec<_> = t.iter().filter(|j| j.institution == Institution::Cptpp)
///     .map(|j| (j.year, j.event.as_str())).collect();
/// assert_eq!(cptpp, [(Some(2018), "signature"), (Some(2019), "entry into force")]);
/// assert!(t.last().is_some_and(|j| j.year.is_none() && !j.complete)); // AIIB, no year
/// ```
pub fn timeline(memberships: &[Membership], country: Iso3) -> Vec<Joining> {
    let mut out: Vec<Joining> = memberships
        .iter()
        .filter(|m| m.member == Some(country))
        .map(|m| Joining {
            institution: m.institution,
            member: country,
            year: m.year,
            event: m.event.clone(),
            complete: m.institution.is_complete(),
            makes_member: m.makes_member(),
            source_url: m.source_url.clone(),
        })
        .collect();
    out.sort_by(|x, y| {
        (x.year.is_none(), x.year, x.institution, &x.event).cmp(&(
            y.year.is_none(),
            y.year,
            y.institution,
            &y.event,
        ))
    });
    out
}

/// The G7 in `year`: the members of the G7 rows as of `year`, without the European Union
/// (`EUU`, the README's "European Community, non-enumerated participant"). Russia is included
/// 1997–2013 (G8 format) and not from 2014; before 1975 the set is empty.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::institutions};
/// use linkage::alignment::institutions::g7_members;
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let m = institutions::load(&data.join(institutions::FILE), &c).unwrap().records;
/// assert_eq!(g7_members(&m, 2020).len(), 7);
/// assert!(g7_members(&m, 2000).contains(&iso3!("RUS"))); // G8 format, 1997-2013
/// assert!(!g7_members(&m, 2020).contains(&iso3!("EUU")));
/// ```
pub fn g7_members(memberships: &[Membership], year: i32) -> BTreeSet<Iso3> {
    let mut g7 = members_in(memberships, Institution::G7, year);
    g7.remove(&EUU);
    g7
}

/// The G7 case, institutional part: what a partner shares with the G7 in one year (complete
/// institutions only; see [`g7_shared`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct G7Shared {
    /// The partner.
    pub partner: Iso3,
    /// Year.
    pub year: i32,
    /// The G7 of that year ([`g7_members`]: seven countries, eight with Russia 1997–2013).
    pub members: BTreeSet<Iso3>,
    /// For each G7 member other than the partner, the complete institutions it shares with the
    /// partner (the count is the list's length).
    pub with_member: BTreeMap<Iso3, Vec<Institution>>,
    /// The complete institutions of which the partner and *every* member in
    /// [`G7Shared::members`] are members (Russia included 1997–2013, so e.g. the OECD drops out
    /// in those years); empty when the G7 has no members (before 1975).
    pub with_all: Vec<Institution>,
    /// The complete institutions of which the United States, Japan and the partner are all
    /// members.
    pub with_us_and_japan: Vec<Institution>,
}

/// What `partner` shares with the G7 in `year`: with each member, with all of them together,
/// and with the United States and Japan together — complete institutions only.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::institutions::{self, Institution}};
/// use linkage::alignment::institutions::g7_shared;
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let m = institutions::load(&data.join(institutions::FILE), &c).unwrap().records;
/// let g = g7_shared(&m, iso3!("VNM"), 2023);
/// assert_eq!(g.with_member[&iso3!("JPN")].len(), 6); // APEC, CPTPP, TPP, RCEP, IPEF, ADB
/// assert_eq!(g.with_all, [Institution::Adb]);
/// assert_eq!(g.with_us_and_japan, [Institution::Apec, Institution::TppSignatory,
///     Institution::Ipef, Institution::Adb]);
/// ```
pub fn g7_shared(memberships: &[Membership], partner: Iso3, year: i32) -> G7Shared {
    let sets = sets_in(memberships, year, false);
    let members = g7_members(memberships, year);
    let with_member = members
        .iter()
        .filter(|&&g| g != partner)
        .map(|&g| (g, ties_from(&sets, g, partner).shared))
        .collect();
    let all_of = |group: &BTreeSet<Iso3>| -> Vec<Institution> {
        if group.is_empty() {
            return Vec::new();
        }
        sets.iter()
            .filter(|(_, m)| m.contains(&partner) && group.iter().all(|g| m.contains(g)))
            .map(|(i, _)| *i)
            .collect()
    };
    let with_all = all_of(&members);
    let with_us_and_japan = all_of(&BTreeSet::from([USA, JPN]));
    G7Shared {
        partner,
        year,
        members,
        with_member,
        with_all,
        with_us_and_japan,
    }
}

/// A shared complete institution and since when the tie has held without a break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tie {
    /// The institution.
    pub institution: Institution,
    /// First year of the unbroken spell, up to the year asked, in which both were members
    /// (the Quad's 2007–2008 spell does not count for a tie in 2020: since 2017).
    pub since: i32,
}

/// The complete institutions `a` and `b` share in `year`, each with the first year of the
/// unbroken spell of shared membership that reaches `year`.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::institutions::{self, Institution}};
/// use linkage::alignment::institutions::{Tie, ties_since};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let m = institutions::load(&data.join(institutions::FILE), &c).unwrap().records;
/// let t = ties_since(&m, iso3!("USA"), iso3!("JPN"), 2020);
/// assert!(t.contains(&Tie { institution: Institution::Quad, since: 2017 }));
/// assert!(t.contains(&Tie { institution: Institution::G7, since: 1975 }));
/// ```
pub fn ties_since(memberships: &[Membership], a: Iso3, b: Iso3, year: i32) -> Vec<Tie> {
    // No one is a member before the earliest year in the file.
    let earliest = memberships
        .iter()
        .filter_map(|m| m.year)
        .min()
        .unwrap_or(year);
    let both = |i: Institution, y: i32| {
        let m = members_in(memberships, i, y);
        m.contains(&a) && m.contains(&b)
    };
    shared(memberships, a, b, year, false)
        .shared
        .into_iter()
        .map(|institution| {
            let mut since = year;
            while since > earliest && both(institution, since - 1) {
                since -= 1;
            }
            Tie { institution, since }
        })
        .collect()
}

/// Which complete ("rule-making") institutions tie one partner to the United States, to Japan
/// and to China in one year, and since when (see [`us_japan_china`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsJapanChina {
    /// The partner.
    pub partner: Iso3,
    /// Year.
    pub year: i32,
    /// Shared with the United States.
    pub usa: Vec<Tie>,
    /// Shared with Japan.
    pub jpn: Vec<Tie>,
    /// Shared with China.
    pub chn: Vec<Tie>,
}

/// The complete institutions `partner` shares in `year` with the United States, with Japan and
/// with China ([`ties_since`] three times).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::institutions::{self, Institution}};
/// use linkage::alignment::institutions::us_japan_china;
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let m = institutions::load(&data.join(institutions::FILE), &c).unwrap().records;
/// let t = us_japan_china(&m, iso3!("VNM"), 2023);
/// let codes = |v: &[linkage::alignment::institutions::Tie]| -> Vec<&str> {
///     v.iter().map(|t| t.institution.code()).collect()
/// };
/// assert_eq!(codes(&t.usa), ["APEC", "TPP_SIGNATORY", "IPEF", "ADB"]);
/// assert_eq!(codes(&t.jpn), ["APEC", "CPTPP", "TPP_SIGNATORY", "RCEP", "IPEF", "ADB"]);
/// assert_eq!(codes(&t.chn), ["APEC", "RCEP", "ADB"]);
/// ```
pub fn us_japan_china(memberships: &[Membership], partner: Iso3, year: i32) -> UsJapanChina {
    UsJapanChina {
        partner,
        year,
        usa: ties_since(memberships, USA, partner, year),
        jpn: ties_since(memberships, JPN, partner, year),
        chn: ties_since(memberships, CHN, partner, year),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::panel::country::Concordance;
    use crate::sources::institutions;
    use approx::assert_relative_eq;

    fn real() -> Vec<Membership> {
        let data = crate::default_data_dir();
        let c = Concordance::load(&data).unwrap();
        institutions::load(&data.join(institutions::FILE), &c)
            .unwrap()
            .records
    }

    fn row(institution: Institution, member: Iso3, year: i32, event: &str) -> Membership {
        Membership {
            institution,
            member: Some(member),
            year: Some(year),
            event: event.into(),
            source_url: "synthetic".into(),
        }
    }

    /// SYNTHETIC membership list (not the shipped data), for hand-worked Jaccard values.
    /// In 2020: AAA ∈ {APEC, ASEAN, OECD}, BBB ∈ {APEC, OECD, ADB, WTO*}, CCC ∈ {APEC, ASEAN,
    /// OECD}, DDD ∈ {} ; in 2010 AAA ∈ {APEC}, BBB ∈ {WTO*}.
    fn synthetic() -> Vec<Membership> {
        let (a, b, c) = (iso3!("AAA"), iso3!("BBB"), iso3!("CCC"));
        vec![
            row(Institution::Apec, a, 1990, "founding member"),
            row(Institution::Asean, a, 2015, "admission"),
            row(Institution::Oecd, a, 2015, "membership"),
            row(Institution::Apec, b, 2015, "admission"),
            row(Institution::Oecd, b, 2015, "membership"),
            row(Institution::Adb, b, 2015, "membership"),
            row(Institution::Wto, b, 1995, "membership"),
            // A signature does not make a CPTPP member.
            row(Institution::Cptpp, b, 2018, "signature"),
            row(Institution::Cptpp, a, 2018, "signature"),
            row(Institution::Apec, c, 2000, "admission"),
            row(Institution::Asean, c, 2000, "admission"),
            row(Institution::Oecd, c, 2000, "membership"),
            row(Institution::Wto, a, 2020, "accession"),
        ]
    }

    #[test]
    fn hand_worked_jaccard_on_synthetic_memberships() {
        let m = synthetic();
        let (a, b, c, d) = (iso3!("AAA"), iso3!("BBB"), iso3!("CCC"), iso3!("DDD"));
        // 2020, complete only: A = {APEC, ASEAN, OECD}, B = {APEC, OECD, ADB};
        // A ∩ B = {APEC, OECD} (2), A ∪ B = {APEC, ASEAN, OECD, ADB} (4): J = 2/4.
        let t = shared(&m, a, b, 2020, false);
        assert_eq!(t.shared, [Institution::Apec, Institution::Oecd]);
        assert!(t.incomplete.is_empty());
        assert_eq!((t.a_count, t.b_count), (3, 3));
        assert_relative_eq!(t.jaccard.unwrap(), 0.5);
        // With the WTO (incomplete): A gets WTO 2020, B WTO 1995: ∩ = 3, ∪ = 5, J = 3/5, and
        // the WTO is listed apart and starred.
        let t = shared(&m, a, b, 2020, true);
        assert_eq!(t.shared, [Institution::Apec, Institution::Oecd]);
        assert_eq!(t.incomplete, [Institution::Wto]);
        assert_eq!(t.codes(), "APEC;OECD;WTO*");
        assert_relative_eq!(t.jaccard.unwrap(), 0.6);
        // 2010: A = {APEC}, B = {} (complete): J = 0/1 = 0; with the WTO: {APEC} vs {WTO}, 0.
        assert_relative_eq!(shared(&m, a, b, 2010, false).jaccard.unwrap(), 0.0);
        assert_relative_eq!(shared(&m, a, b, 2010, true).jaccard.unwrap(), 0.0);
        // Identical sets: J = 1.
        assert_relative_eq!(shared(&m, a, c, 2020, false).jaccard.unwrap(), 1.0);
        assert_relative_eq!(shared(&m, a, a, 2020, true).jaccard.unwrap(), 1.0);
        // Both empty: None, not zero.
        assert_eq!(shared(&m, d, iso3!("EEE"), 2020, false).jaccard, None);
        assert_eq!(shared(&m, a, b, 1980, false).jaccard, None);
        // CPTPP signatures alone share nothing.
        assert!(
            !shared(&m, a, b, 2019, false)
                .shared
                .contains(&Institution::Cptpp)
        );
    }

    #[test]
    fn symmetric_and_bounded() {
        let m = real();
        let countries: Vec<Iso3> = institutions::listed_members(&m, Institution::Apec)
            .into_iter()
            .chain([iso3!("IND"), iso3!("DEU"), iso3!("MMR"), iso3!("LAO")])
            .collect();
        for year in [1990, 2008, 2016, 2022] {
            for inc in [false, true] {
                for &a in &countries {
                    for &b in &countries {
                        let ab = shared(&m, a, b, year, inc);
                        let ba = shared(&m, b, a, year, inc);
                        assert_eq!(ab.shared, ba.shared);
                        assert_eq!(ab.incomplete, ba.incomplete);
                        assert_eq!((ab.a_count, ab.b_count), (ba.b_count, ba.a_count));
                        match (ab.jaccard, ba.jaccard) {
                            (Some(x), Some(y)) => {
                                assert_relative_eq!(x, y);
                                assert!((0.0..=1.0).contains(&x), "{a} {b} {year}: {x}");
                            }
                            (None, None) => assert_eq!((ab.a_count, ab.b_count), (0, 0)),
                            other => panic!("asymmetric {other:?}"),
                        }
                        if a == b && ab.a_count > 0 {
                            assert_relative_eq!(ab.jaccard.unwrap(), 1.0);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn usa_and_japan_in_2020() {
        // memberships.csv rows (first five fields):
        //   APEC,JPN,Japan,1989,founding member
        //   APEC,USA,the United States,1989,founding member
        //   TPP_SIGNATORY,JPN,Japan,2016,signature
        //   TPP_SIGNATORY,USA,United States,2016,signature
        //   G7,JPN,Japan,1975,founding member (first summit 1975)
        //   G7,USA,the United States,1975,founding member (first summit 1975)
        //   QUAD,JPN,Japan,2017,re-established
        //   QUAD,USA,the United States,2017,re-established
        //   ADB,JPN,Japan,1966,member (regional); year from spanned year cell
        //   ADB,USA,United States,1966,member (nonregional); year from spanned year cell
        //   OECD,JPN,Japan,1964,membership (date listed by source)
        //   OECD,USA,United States,1961,membership (date listed by source)
        // Japan also has CPTPP,JPN,Japan,2018,entry into force; RCEP (2022) and IPEF (2022)
        // come later. WTO and G20 rows exist for both but are incomplete: left out.
        let m = real();
        let t = shared(&m, iso3!("USA"), iso3!("JPN"), 2020, false);
        assert_eq!(
            t.shared,
            [
                Institution::Apec,
                Institution::TppSignatory,
                Institution::G7,
                Institution::Quad,
                Institution::Adb,
                Institution::Oecd
            ]
        );
        // USA: APEC, TPP, G7, Quad, ADB, OECD = 6; JPN adds CPTPP = 7 (RCEP from 2022).
        assert_eq!((t.a_count, t.b_count), (6, 7));
        assert_relative_eq!(t.jaccard.unwrap(), 6.0 / 7.0);
        // The Quad's first spell lapsed in 2008: not shared in 2012.
        assert!(
            !shared(&m, iso3!("USA"), iso3!("JPN"), 2012, false)
                .shared
                .contains(&Institution::Quad)
        );
    }

    #[test]
    fn vietnam_and_japan() {
        // CPTPP,VNM,Vietnam,2019,entry into force,… "Vietnam followed suit on January 14, 2019."
        // CPTPP,VNM,Vietnam,2018,signature,…   (signature: not yet a member)
        // CPTPP,JPN,Japan,2018,entry into force,…
        // RCEP,VNM,Vietnam,2022,entry into force,…; RCEP,VNM,Vietnam,2020,signature,…
        // ASEAN has no JPN row (Japan is not an ASEAN member).
        let m = real();
        let at = |y| shared(&m, iso3!("VNM"), iso3!("JPN"), y, false).shared;
        assert!(at(2020).contains(&Institution::Apec));
        assert!(!at(2020).contains(&Institution::Asean));
        assert!(!at(2018).contains(&Institution::Cptpp));
        assert!(at(2019).contains(&Institution::Cptpp));
        assert!(!at(2020).contains(&Institution::Rcep));
        assert!(!at(2021).contains(&Institution::Rcep));
        assert!(at(2022).contains(&Institution::Rcep));
        let since = ties_since(&m, iso3!("JPN"), iso3!("VNM"), 2023);
        let s = |i| since.iter().find(|t| t.institution == i).map(|t| t.since);
        assert_eq!(s(Institution::Cptpp), Some(2019));
        assert_eq!(s(Institution::Rcep), Some(2022));
        assert_eq!(s(Institution::Apec), Some(1998));
        assert_eq!(s(Institution::Adb), Some(1966));
    }

    #[test]
    fn china_and_us_never_share_cptpp() {
        let m = real();
        for y in 1960..=2030 {
            let t = shared(&m, iso3!("CHN"), iso3!("USA"), y, true);
            assert!(!t.shared.contains(&Institution::Cptpp), "{y}");
        }
    }

    #[test]
    fn incomplete_excluded_by_default_and_labelled_when_included() {
        // WTO,VNM,Việt Nam,2007,accession
        // WTO,JPN,Japan,1995,membership (entry into force of WTO Agreement)
        let m = real();
        let (v, j) = (iso3!("VNM"), iso3!("JPN"));
        let d = shared(&m, v, j, 2020, false);
        assert!(d.incomplete.is_empty());
        assert!(d.shared.iter().all(|i| i.is_complete()));
        assert!(!d.codes().contains('*'));
        let w = shared(&m, v, j, 2020, true);
        assert_eq!(w.incomplete, [Institution::Wto]);
        assert_eq!(w.shared, d.shared);
        assert!(w.codes().ends_with(";WTO*"));
        assert_eq!((w.a_count, w.b_count), (d.a_count + 1, d.b_count + 1));
        // The table scores complete institutions only.
        let (rows, _) = institutions_table(&m, &[j], &[v], 2020..=2020);
        assert_eq!(rows[0].institutions, d.codes());
        assert!(!rows[0].institutions.contains("WTO"));
    }

    #[test]
    fn g7_membership_and_case() {
        // G7,RUS,Russia,1997,G8 format 1997-2013; participation suspended 2014 (former),…
        // G7,EUU,European Community,1977,participant (non-enumerated; first direct talks 1977),…
        let m = real();
        let g00 = g7_members(&m, 2000);
        assert!(g00.contains(&iso3!("RUS")));
        assert_eq!(g00.len(), 8);
        let g15 = g7_members(&m, 2015);
        assert!(!g15.contains(&iso3!("RUS")));
        assert!(!g15.contains(&EUU));
        assert_eq!(
            g15,
            BTreeSet::from([
                iso3!("CAN"),
                iso3!("DEU"),
                iso3!("FRA"),
                iso3!("GBR"),
                iso3!("ITA"),
                iso3!("JPN"),
                iso3!("USA")
            ])
        );
        assert!(g7_members(&m, 1974).is_empty());
        // A G7 member as partner: itself is left out of `with_member`; all seven share the
        // G7, the ADB and the OECD in 2015, but in 2000 Russia (in neither the ADB nor the OECD)
        // leaves only the G7.
        let j15 = g7_shared(&m, iso3!("JPN"), 2015);
        assert_eq!(j15.with_member.len(), 6);
        assert_eq!(
            j15.with_all,
            [Institution::G7, Institution::Adb, Institution::Oecd]
        );
        assert_eq!(
            g7_shared(&m, iso3!("JPN"), 2000).with_all,
            [Institution::G7]
        );
        assert!(g7_shared(&m, iso3!("JPN"), 1970).with_all.is_empty());
        // Vietnam: with every G7 member at least the ADB.
        let v = g7_shared(&m, iso3!("VNM"), 2023);
        assert!(
            v.with_member
                .values()
                .all(|s| s.contains(&Institution::Adb))
        );
        assert_eq!(v.with_member.len(), 7);
    }

    #[test]
    fn vietnam_timeline_is_exactly_the_file() {
        // The 11 VNM rows of memberships.csv (institution, year, event):
        //   APEC,VNM,Vietnam,1998,admitted (November 1998)
        //   ASEAN,VNM,Vietnam,1995,admission
        //   CPTPP,VNM,Vietnam,2019,entry into force
        //   CPTPP,VNM,Vietnam,2018,signature
        //   TPP_SIGNATORY,VNM,Vietnam,2016,signature
        //   RCEP,VNM,Vietnam,2022,entry into force
        //   RCEP,VNM,Vietnam,2020,signature
        //   IPEF,VNM,Vietnam,2022,founding partner (launch 23 May 2022)
        //   AIIB,VNM,Vietnam,,prospective founding member (year not in excerpt)
        //   ADB,VNM,Vietnam,1966,member (regional); year from spanned year cell
        //   WTO,VNM,Việt Nam,2007,accession
        // README: APEC admissions 1998; ASEAN "Viet Nam 1995"; CPTPP "Viet Nam 2019" + 2018
        // signature; TPP signature 2016; RCEP 1 Jan 2022 + signature 2020; IPEF 13 launch
        // partners 2022; AIIB 57 prospective founders (no year); ADB all 69; WTO "Viet Nam 2007".
        let m = real();
        let t = timeline(&m, iso3!("VNM"));
        let got: Vec<(Institution, Option<i32>, &str, bool, bool)> = t
            .iter()
            .map(|j| {
                (
                    j.institution,
                    j.year,
                    j.event.as_str(),
                    j.complete,
                    j.makes_member,
                )
            })
            .collect();
        use Institution::*;
        assert_eq!(
            got,
            [
                (
                    Adb,
                    Some(1966),
                    "member (regional); year from spanned year cell",
                    true,
                    true
                ),
                (Asean, Some(1995), "admission", true, true),
                (Apec, Some(1998), "admitted (November 1998)", true, true),
                (Wto, Some(2007), "accession", false, true),
                (TppSignatory, Some(2016), "signature", true, true),
                (Cptpp, Some(2018), "signature", true, false),
                (Cptpp, Some(2019), "entry into force", true, true),
                (Rcep, Some(2020), "signature", true, false),
                (Rcep, Some(2022), "entry into force", true, true),
                (
                    Ipef,
                    Some(2022),
                    "founding partner (launch 23 May 2022)",
                    true,
                    true
                ),
                (
                    Aiib,
                    None,
                    "prospective founding member (year not in excerpt)",
                    false,
                    false
                ),
            ]
        );
        assert!(t.iter().all(|j| j.member == iso3!("VNM")));
        assert!(t.iter().all(|j| j.source_url.starts_with("http")));
        for j in &t {
            println!(
                "{:<13} {:>4}  {}{}{}",
                j.institution.code(),
                j.year.map_or("-".to_string(), |y| y.to_string()),
                j.event,
                if j.complete {
                    ""
                } else {
                    "  [incomplete list]"
                },
                if j.makes_member {
                    ""
                } else {
                    "  [not membership]"
                },
            );
        }
    }

    #[test]
    fn table_counts_and_accounting() {
        let m = real();
        let partners: Vec<Iso3> = m
            .iter()
            .filter_map(|r| r.member)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let actors = crate::derive::ACTORS;
        let (rows, acc) = institutions_table(&m, &actors, &partners, 1990..=2023);
        let ny = 34;
        let actors_in_file = actors.iter().filter(|a| partners.contains(a)).count();
        let non_actor_partners = partners.len() - actors_in_file;
        let pairs = actors.len() * (actors.len() - 1) / 2;
        assert_eq!(rows.len(), (actors.len() * non_actor_partners + pairs) * ny);
        assert_eq!(acc.rows_in(), (actors.len() * partners.len() + pairs) * ny);
        assert_eq!(acc.rows_used(), rows.len());
        assert!(acc.balances());
        println!(
            "partners {} (actors among them {actors_in_file}), rows {}, {acc}",
            partners.len(),
            rows.len()
        );
        // No pair twice, never a country with itself.
        let keys: BTreeSet<(Iso3, Iso3, i32)> = rows
            .iter()
            .map(|r| (r.actor.min(r.partner), r.actor.max(r.partner), r.year))
            .collect();
        assert_eq!(keys.len(), rows.len());
        assert!(rows.iter().all(|r| r.actor != r.partner));
        // Actor pairs: the earlier actor first.
        let uj = rows
            .iter()
            .find(|r| r.actor == iso3!("USA") && r.partner == iso3!("JPN") && r.year == 2020)
            .unwrap();
        assert_eq!(uj.institutions, "APEC;TPP_SIGNATORY;G7;QUAD;ADB;OECD");
        assert_eq!(uj.shared, 6);
        assert!(
            !rows
                .iter()
                .any(|r| r.actor == iso3!("JPN") && r.partner == iso3!("USA"))
        );
        let csv = crate::testutil::csv_text(rows.as_slice());
        assert_eq!(csv.lines().count(), 1 + rows.len());
        // Repeated codes are accounted for, not doubled.
        let (r2, a2) = institutions_table(
            &m,
            &[iso3!("USA"), iso3!("USA")],
            &[iso3!("VNM"), iso3!("VNM")],
            2020..=2020,
        );
        assert_eq!(r2.len(), 1);
        assert_eq!(a2.rows_in(), 5);
        assert!(a2.balances());
        // Empty year range: no rows, nothing in.
        #[allow(clippy::reversed_empty_ranges)]
        let (r3, a3) = institutions_table(&m, &actors, &partners, 2023..=1990);
        assert!(r3.is_empty());
        assert_eq!(a3.rows_in(), 0);
    }
}
