//! The G7 case, institutional part: the G7 of a year ([`g7_members`]), what a partner shares
//! with it ([`g7_shared`]), and its ties to the United States, Japan and China
//! ([`us_japan_china`]).

use std::collections::{BTreeMap, BTreeSet};

use crate::iso3;
use crate::panel::country::Iso3;
use crate::sources::institutions::{Institution, Membership, members_in};

use super::ties::{sets_in, ties_from};
use super::timeline::{Tie, ties_since};

/// The United States.
const USA: Iso3 = iso3!("USA");
/// Japan.
const JPN: Iso3 = iso3!("JPN");
/// China.
const CHN: Iso3 = iso3!("CHN");
/// The European Union, a non-enumerated G7 participant.
pub(super) const EUU: Iso3 = iso3!("EUU");

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
