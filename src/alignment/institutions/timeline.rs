//! A country's institutional timeline ([`timeline`], [`Joining`]), and since when a shared
//! institution has tied two countries without a break ([`ties_since`], [`Tie`]).

use crate::panel::country::Iso3;
use crate::sources::institutions::{Institution, Membership, members_in};

use super::ties::shared;

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
