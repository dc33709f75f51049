//! Memberships of Indo-Pacific and global economic institutions (file
//! `data/institutions/memberships.csv`, one row per (institution, member, event), columns
//! `institution, member_iso3, member_name, joined_year, event, source_url, excerpt`; see the
//! README beside it).
//!
//! Each row records what a retrieved page states: the member, the kind of event and its year
//! when the page gives one. Nothing is filled in: a row without a year keeps `year: None`.
//!
//! ## "Member as of year Y"
//!
//! [`members_in`] applies the README's rule: keep the rows whose event makes a member and
//! whose year is ≤ Y.
//!
//! - **Events that make a member** (matched in the `event` text, ignoring case): entry into
//!   force, accession, admission/admitted, founding member/partner/participant, membership,
//!   member, joined, participant, re-established, and a former participant's spell (G7
//!   Russia). See [`Membership::makes_member`].
//! - **Events that do not**: a *signature* (of CPTPP, RCEP, or the UK's CPTPP accession
//!   protocol) — the party becomes a member at entry into force — except for the two
//!   "institutions" that *are* a set of signatories: `TPP_SIGNATORY` (the 2016 TPP, whose only
//!   event is signature) and `BRI_MOU` (the governments that signed a Belt and Road MoU); and
//!   anything *prospective* (AIIB approvals of prospective members, AIIB prospective founding
//!   members), because a prospective member becomes a member only after its domestic
//!   procedures and first capital payment, on a date the file does not give.
//! - **Exits** are modelled only where the event text states one: G7 Russia, "G8 format
//!   1997-2013; participation suspended 2014 (former)", is a member 1997–2013 and not from 2014;
//!   the Quad's 2007 rows, "founding participant (lapsed 2008)", end in 2008 (the excerpt:
//!   "lasted until 2008"), so the Quad has no members 2009–2016 and four again from 2017.
//! - **Rows without a year** never count in [`members_in`]: the G20's 19 countries and the EU
//!   (the source gives no year, and the README forbids assuming 1999) and the AIIB's 57
//!   prospective founding members. [`listed_members`] gives every member a source lists,
//!   regardless of year, for the G20 and other "who is in it now" uses.
//! - `member: None` (the African Union in the G20, which has no ISO code) is never in a set.
//!
//! The result is only as complete as the file: [`Institution::is_complete`] is false for the
//! WTO (123 of about 166 members — a missing row is not evidence of non-membership), the G20
//! (no years), the AIIB (no founding years, approvals only, rounds after 2018 missing) and
//! `BRI_MOU` (the 11 governments of the 2017 forum list only). Label those as incomplete
//! wherever they are used. With the rule above, [`members_in`] is always empty for the G20 and
//! the AIIB.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::io::table::Table;
use crate::panel::accounting::Accounting;
use crate::panel::country::{Concordance, Iso3};
use crate::sources::{Loaded, MAX_YEAR};

/// The file, relative to the data directory.
///
/// # Examples
/// ```
/// use linkage::sources::institutions;
/// assert!(linkage::default_data_dir().join(institutions::FILE).exists());
/// ```
pub const FILE: &str = "institutions/memberships.csv";

/// Earliest year accepted in `joined_year` (OECD founders ratified in 1960, ADB from 1966).
const MIN_JOINED: i32 = 1900;

/// An institution of the membership file.
///
/// # Examples
/// ```
/// use linkage::sources::institutions::Institution;
/// assert_eq!("CPTPP".parse::<Institution>(), Ok(Institution::Cptpp));
/// assert_eq!(Institution::BriMou.code(), "BRI_MOU");
/// assert!(!Institution::Wto.is_complete());
/// assert!(Institution::Apec.is_complete());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Institution {
    /// Asia-Pacific Economic Cooperation.
    Apec,
    /// Association of Southeast Asian Nations.
    Asean,
    /// Comprehensive and Progressive Agreement for Trans-Pacific Partnership.
    Cptpp,
    /// Signatories of the original Trans-Pacific Partnership (Auckland, 4 February 2016).
    TppSignatory,
    /// Regional Comprehensive Economic Partnership.
    Rcep,
    /// Group of Seven.
    G7,
    /// Group of Twenty.
    G20,
    /// Quadrilateral Security Dialogue.
    Quad,
    /// Indo-Pacific Economic Framework for Prosperity.
    Ipef,
    /// Asian Infrastructure Investment Bank.
    Aiib,
    /// Asian Development Bank.
    Adb,
    /// Organisation for Economic Co-operation and Development.
    Oecd,
    /// World Trade Organization.
    Wto,
    /// Governments listed as signing an intergovernmental Belt and Road MoU at the May 2017
    /// Belt and Road Forum.
    BriMou,
}

impl Institution {
    /// Every institution, in the README's order.
    ///
    /// # Examples
    /// ```
    /// use linkage::sources::institutions::Institution;
    /// assert_eq!(Institution::ALL.len(), 14);
    /// ```
    pub const ALL: [Institution; 14] = [
        Institution::Apec,
        Institution::Asean,
        Institution::Cptpp,
        Institution::TppSignatory,
        Institution::Rcep,
        Institution::G7,
        Institution::G20,
        Institution::Quad,
        Institution::Ipef,
        Institution::Aiib,
        Institution::Adb,
        Institution::Oecd,
        Institution::Wto,
        Institution::BriMou,
    ];

    /// The file's short code, e.g. `TPP_SIGNATORY`.
    ///
    /// # Examples
    /// ```
    /// use linkage::sources::institutions::Institution;
    /// assert_eq!(Institution::TppSignatory.code(), "TPP_SIGNATORY");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Institution::Apec => "APEC",
            Institution::Asean => "ASEAN",
            Institution::Cptpp => "CPTPP",
            Institution::TppSignatory => "TPP_SIGNATORY",
            Institution::Rcep => "RCEP",
            Institution::G7 => "G7",
            Institution::G20 => "G20",
            Institution::Quad => "QUAD",
            Institution::Ipef => "IPEF",
            Institution::Aiib => "AIIB",
            Institution::Adb => "ADB",
            Institution::Oecd => "OECD",
            Institution::Wto => "WTO",
            Institution::BriMou => "BRI_MOU",
        }
    }

    /// Full English name.
    ///
    /// # Examples
    /// ```
    /// use linkage::sources::institutions::Institution;
    /// assert_eq!(Institution::Asean.name(), "Association of Southeast Asian Nations");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Institution::Apec => "Asia-Pacific Economic Cooperation",
            Institution::Asean => "Association of Southeast Asian Nations",
            Institution::Cptpp => {
                "Comprehensive and Progressive Agreement for Trans-Pacific Partnership"
            }
            Institution::TppSignatory => "Trans-Pacific Partnership (2016 signatories)",
            Institution::Rcep => "Regional Comprehensive Economic Partnership",
            Institution::G7 => "Group of Seven",
            Institution::G20 => "Group of Twenty",
            Institution::Quad => "Quadrilateral Security Dialogue",
            Institution::Ipef => "Indo-Pacific Economic Framework for Prosperity",
            Institution::Aiib => "Asian Infrastructure Investment Bank",
            Institution::Adb => "Asian Development Bank",
            Institution::Oecd => "Organisation for Economic Co-operation and Development",
            Institution::Wto => "World Trade Organization",
            Institution::BriMou => {
                "Belt and Road Initiative intergovernmental MoU (2017 forum list)"
            }
        }
    }

    /// Whether the file lists the institution's members completely, with years (README
    /// "Coverage"). False for the WTO, the G20, the AIIB and `BRI_MOU`.
    ///
    /// # Examples
    /// ```
    /// use linkage::sources::institutions::Institution;
    /// let incomplete: Vec<_> = Institution::ALL.into_iter().filter(|i| !i.is_complete()).collect();
    /// assert_eq!(incomplete, [Institution::G20, Institution::Aiib, Institution::Wto, Institution::BriMou]);
    /// ```
    pub fn is_complete(self) -> bool {
        !matches!(
            self,
            Institution::Wto | Institution::G20 | Institution::Aiib | Institution::BriMou
        )
    }

    /// Whether the institution is defined by signature, so that signing makes a member.
    fn defined_by_signature(self) -> bool {
        matches!(self, Institution::TppSignatory | Institution::BriMou)
    }
}

impl std::str::FromStr for Institution {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Institution::ALL
            .into_iter()
            .find(|i| i.code() == s)
            .ok_or_else(|| {
                let codes: Vec<&str> = Institution::ALL.iter().map(|i| i.code()).collect();
                format!(
                    "unknown institution {s:?} (expected one of {})",
                    codes.join(", ")
                )
            })
    }
}

impl std::fmt::Display for Institution {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// What an event text says about membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EventKind {
    /// The member joins (from the row's year).
    Joins,
    /// A signature (a member only where the institution is a set of signatories).
    Signature,
    /// A prospective member, not yet a member.
    Prospective,
}

/// Classify an event text; `None` when no rule matches (an error at load).
fn classify(event: &str) -> Option<EventKind> {
    let e = event.to_lowercase();
    if e.contains("prospective") {
        return Some(EventKind::Prospective);
    }
    if e.starts_with("signature") || e.contains("mou signed") {
        return Some(EventKind::Signature);
    }
    const JOINS: [&str; 10] = [
        "entry into force",
        "accession",
        "admission",
        "admitted",
        "founding",
        "member",
        "joined",
        "participant",
        "re-established",
        "(former)",
    ];
    JOINS
        .iter()
        .any(|w| e.contains(w))
        .then_some(EventKind::Joins)
}

/// The last year of a spell that the event text ends: "lapsed YYYY" → YYYY; a former
/// participant's "AAAA-BBBB … (former)" → BBBB.
fn last_year(event: &str) -> Option<i32> {
    let e = event.to_lowercase();
    let year_after = |s: &str| -> Option<i32> {
        let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
        (digits.len() == 4).then(|| digits.parse().ok()).flatten()
    };
    if let Some(k) = e.find("lapsed ") {
        return year_after(&e[k + "lapsed ".len()..]);
    }
    if e.contains("(former)") {
        // The first "AAAA-BBBB" range in the text.
        let b = e.as_bytes();
        for k in 0..b.len().saturating_sub(8) {
            if b[k + 4] == b'-'
                && b[k..k + 4].iter().all(u8::is_ascii_digit)
                && let Some(y) = year_after(&e[k + 5..])
            {
                return Some(y);
            }
        }
    }
    None
}

/// One membership row.
///
/// # Examples
/// ```
/// use linkage::{iso3, sources::institutions::{Institution, Membership}};
/// let m = Membership {
///     institution: Institution::Asean, member: Some(iso3!("VNM")), year: Some(1995),
///     event: "admission".into(), source_url: "https://www.asean.or.jp/en/asean/base/outline/".into(),
/// };
/// assert!(m.makes_member());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    /// The institution.
    pub institution: Institution,
    /// The member (`EUU` for the European Union; non-sovereign members such as `HKG`, `TWN`
    /// where the source lists them). `None` only for the African Union (G20), which has no
    /// ISO code.
    pub member: Option<Iso3>,
    /// Year of the event, when the source states it.
    pub year: Option<i32>,
    /// What the year refers to, as written in the file (e.g. `entry into force`).
    pub event: String,
    /// The page or file the row comes from.
    pub source_url: String,
}

impl Membership {
    /// Whether this row's event makes the member a member (see the [module docs](self)):
    /// a joining event, or a signature where the institution is a set of signatories
    /// (`TPP_SIGNATORY`, `BRI_MOU`); never a prospective membership.
    ///
    /// # Examples
    /// ```
    /// use linkage::sources::institutions::{Institution, Membership};
    /// let row = |institution, event: &str| Membership {
    ///     institution, member: None, year: Some(2018),
    ///     event: event.into(), source_url: String::new(),
    /// };
    /// assert!(row(Institution::Cptpp, "entry into force").makes_member());
    /// assert!(!row(Institution::Cptpp, "signature").makes_member());
    /// assert!(row(Institution::TppSignatory, "signature").makes_member());
    /// assert!(!row(Institution::Aiib, "membership approved (prospective member)").makes_member());
    /// ```
    pub fn makes_member(&self) -> bool {
        match classify(&self.event) {
            Some(EventKind::Joins) => true,
            Some(EventKind::Signature) => self.institution.defined_by_signature(),
            Some(EventKind::Prospective) | None => false,
        }
    }

    /// The last year of membership when the event text states an end (G7 Russia: 2013; the
    /// Quad's first spell: 2008); `None` for an open spell.
    ///
    /// # Examples
    /// ```
    /// use linkage::sources::institutions::{Institution, Membership};
    /// let russia = Membership {
    ///     institution: Institution::G7, member: Some(linkage::iso3!("RUS")), year: Some(1997),
    ///     event: "G8 format 1997-2013; participation suspended 2014 (former)".into(),
    ///     source_url: String::new(),
    /// };
    /// assert_eq!(russia.last_year(), Some(2013));
    /// ```
    pub fn last_year(&self) -> Option<i32> {
        last_year(&self.event)
    }

    /// Whether the row makes its member a member in `year` (known start ≤ `year` ≤ any end).
    fn covers(&self, year: i32) -> bool {
        self.makes_member()
            && self.year.is_some_and(|y| y <= year)
            && self.last_year().is_none_or(|end| year <= end)
    }
}

/// Read the membership file.
///
/// # Errors
/// Missing columns; an unknown institution code ([`Error::Invalid`]); a member code the
/// concordance does not know; an empty member code other than the African Union's; a year
/// outside 1900–2030; an event text none of the rules of the [module docs](self) classifies
/// ([`Error::Invalid`], so that a new kind of event cannot be counted silently); a repeated
/// (institution, member, event).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::institutions::{self, Institution}};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let m = institutions::load(&data.join(institutions::FILE), &c).unwrap();
/// assert_eq!(m.accounting.rows_in(), 478);
/// let rcep = institutions::members_in(&m.records, Institution::Rcep, 2022);
/// assert!(rcep.contains(&iso3!("VNM")));
/// assert!(!rcep.contains(&iso3!("MMR"))); // signature only: entry into force is contested
/// ```
pub fn load(path: &Path, conc: &Concordance) -> Result<Loaded<Vec<Membership>>> {
    let t = Table::read(path)?;
    let institution = t.column("institution")?;
    let member = t.column("member_iso3")?;
    let member_name = t.column("member_name")?;
    let year = t.column("joined_year")?;
    let event = t.column("event")?;
    let source_url = t.column("source_url")?;
    let mut acc = Accounting::new("institution memberships", path.display().to_string());
    let mut out = Vec::with_capacity(t.height());
    let mut first_row = HashMap::new();
    for i in 0..t.height() {
        let inst: Institution = institution
            .required_text(i)?
            .parse()
            .map_err(|reason: String| institution.invalid(i, reason))?;
        let m =
            match member.text(i) {
                Some(code) => Some(
                    conc.parse_iso3(code)
                        .ok_or_else(|| member.unknown_country(i, code))?,
                ),
                None if member_name.text(i) == Some("African Union") => None,
                None => return Err(member.invalid(
                    i,
                    "empty member code (allowed only for the African Union, which has no ISO code)",
                )),
            };
        let y = match year.text(i) {
            Some(_) => Some(year.year(i, MIN_JOINED, MAX_YEAR)?),
            None => None,
        };
        let ev = event.required_text(i)?;
        if classify(ev).is_none() {
            return Err(event.invalid(
                i,
                format!("event {ev:?} matches no membership rule (see sources::institutions)"),
            ));
        }
        let key = (inst, m, ev.to_string());
        if let Some(first) = first_row.insert(key, i + 1) {
            return Err(Error::DuplicateKey {
                at: Location::row(path, i + 1),
                first_row: first,
                key: format!(
                    "({inst}, {}, {ev})",
                    m.map_or("-".to_string(), |c| c.to_string())
                ),
            });
        }
        out.push(Membership {
            institution: inst,
            member: m,
            year: y,
            event: ev.to_string(),
            source_url: source_url.required_text(i)?.to_string(),
        });
        acc.used(1);
    }
    Ok(Loaded {
        records: out,
        accounting: acc,
    })
}

/// The members of `institution` as of `year`, by the rule of the [module docs](self): a row
/// counts when its event makes a member, its year is known and ≤ `year`, and any end the event
/// states is ≥ `year`. Rows without a year never count (so the set is always empty for the G20
/// and the AIIB); check [`Institution::is_complete`] before reading an absence as
/// non-membership.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::institutions::{self, Institution}};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let m = institutions::load(&data.join(institutions::FILE), &c).unwrap().records;
/// let g7 = |y| institutions::members_in(&m, Institution::G7, y);
/// assert!(g7(2013).contains(&iso3!("RUS")));
/// assert!(!g7(2014).contains(&iso3!("RUS")));
/// assert_eq!(g7(2014).len(), 8); // six founders, Canada, the EU
/// ```
pub fn members_in(
    memberships: &[Membership],
    institution: Institution,
    year: i32,
) -> BTreeSet<Iso3> {
    memberships
        .iter()
        .filter(|m| m.institution == institution && m.covers(year))
        .filter_map(|m| m.member)
        .collect()
}

/// Every member the file lists for `institution`, whatever the event and year (prospective
/// and signature rows included, exits ignored) — "who the sources name", for institutions
/// whose rows have no years (G20, AIIB founders). Not a membership as of any year.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::institutions::{self, Institution}};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let m = institutions::load(&data.join(institutions::FILE), &c).unwrap().records;
/// let g20 = institutions::listed_members(&m, Institution::G20);
/// assert_eq!(g20.len(), 20); // 19 countries and the EU (the African Union has no code)
/// assert!(g20.contains(&iso3!("IND")));
/// ```
pub fn listed_members(memberships: &[Membership], institution: Institution) -> BTreeSet<Iso3> {
    memberships
        .iter()
        .filter(|m| m.institution == institution)
        .filter_map(|m| m.member)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iso3;

    fn load_real() -> Loaded<Vec<Membership>> {
        let (path, c) = crate::testutil::setup(FILE);
        load(&path, &c).unwrap()
    }

    #[test]
    fn real_file_accounts_and_rows() {
        let l = load_real();
        assert!(l.accounting.balances());
        assert_eq!(l.accounting.rows_in(), 478);
        assert_eq!(l.accounting.rows_used(), 478);
        // README coverage: rows per institution.
        let rows = |i: Institution| l.records.iter().filter(|m| m.institution == i).count();
        assert_eq!(
            Institution::ALL.map(rows),
            [21, 11, 24, 12, 29, 9, 21, 8, 14, 88, 69, 38, 123, 11]
        );
        // `ASEAN,VNM,Vietnam,1995,admission,https://www.asean.or.jp/en/asean/base/outline/,…`
        let vn = l
            .records
            .iter()
            .find(|m| m.institution == Institution::Asean && m.member == Some(iso3!("VNM")))
            .unwrap();
        assert_eq!((vn.year, vn.event.as_str()), (Some(1995), "admission"));
        // The African Union (G20, 2023) is the only row without a member code.
        let au: Vec<&Membership> = l.records.iter().filter(|m| m.member.is_none()).collect();
        assert_eq!(au.len(), 1);
        assert_eq!(
            (au[0].institution, au[0].year),
            (Institution::G20, Some(2023))
        );
        // 77 rows without a year: G20 20, AIIB 57.
        assert_eq!(l.records.iter().filter(|m| m.year.is_none()).count(), 77);
    }

    #[test]
    fn signature_is_not_membership_except_for_signatory_sets() {
        let m = load_real().records;
        // CPTPP: 6 entries into force in 2018 (30 Dec 2018); the 11 signatures of 2018 do not
        // make members, so Vietnam (entry into force 2019) is not a member in 2018.
        let c18 = members_in(&m, Institution::Cptpp, 2018);
        assert_eq!(c18.len(), 6);
        assert!(!c18.contains(&iso3!("VNM")));
        assert!(members_in(&m, Institution::Cptpp, 2019).contains(&iso3!("VNM")));
        // UK: accession-protocol signature 2023, entry into force 2024.
        assert!(!members_in(&m, Institution::Cptpp, 2023).contains(&iso3!("GBR")));
        assert!(members_in(&m, Institution::Cptpp, 2024).contains(&iso3!("GBR")));
        // TPP signatories: 12 in 2016, including the United States; none before.
        let tpp = members_in(&m, Institution::TppSignatory, 2016);
        assert_eq!(tpp.len(), 12);
        assert!(tpp.contains(&iso3!("USA")));
        assert!(members_in(&m, Institution::TppSignatory, 2015).is_empty());
        // RCEP: Myanmar signed in 2020 but has no entry-into-force row.
        assert!(!members_in(&m, Institution::Rcep, 2024).contains(&iso3!("MMR")));
        assert_eq!(members_in(&m, Institution::Rcep, 2024).len(), 14);
        // BRI MoU: the 11 governments of the 2017 list.
        assert_eq!(members_in(&m, Institution::BriMou, 2017).len(), 11);
    }

    #[test]
    fn exits_stated_in_the_event_text() {
        let m = load_real().records;
        let g7 = |y| members_in(&m, Institution::G7, y);
        assert!(g7(1997).contains(&iso3!("RUS")));
        assert!(g7(2013).contains(&iso3!("RUS")));
        assert!(!g7(2014).contains(&iso3!("RUS")));
        assert_eq!(g7(1975).len(), 6);
        assert_eq!(g7(1977).len(), 8); // + Canada 1976, + the European Community 1977
        let quad = |y| members_in(&m, Institution::Quad, y);
        assert_eq!(quad(2007).len(), 4);
        assert_eq!(quad(2008).len(), 4); // "lasted until 2008"
        assert!(quad(2012).is_empty());
        assert_eq!(quad(2017).len(), 4);
    }

    #[test]
    fn rows_without_year_or_prospective_never_count() {
        let m = load_real().records;
        assert!(members_in(&m, Institution::G20, 2030).is_empty());
        assert!(members_in(&m, Institution::Aiib, 2030).is_empty());
        // … but the listed members are there: 88 AIIB rows, 88 distinct members.
        assert_eq!(listed_members(&m, Institution::Aiib).len(), 88);
        assert!(!listed_members(&m, Institution::Aiib).contains(&iso3!("USA")));
        for i in Institution::ALL {
            assert_eq!(
                i.is_complete(),
                !matches!(
                    i,
                    Institution::Wto | Institution::G20 | Institution::Aiib | Institution::BriMou
                )
            );
        }
    }

    #[test]
    fn every_event_text_of_the_file_is_classified() {
        // Load would fail otherwise; also pin the classes of each distinct text.
        let m = load_real().records;
        let prospective = m
            .iter()
            .filter(|r| classify(&r.event) == Some(EventKind::Prospective))
            .count();
        let signature = m
            .iter()
            .filter(|r| classify(&r.event) == Some(EventKind::Signature))
            .count();
        // AIIB 6 + 23 + 2 + 57 prospective; signature: CPTPP 11 + 1, RCEP 15, TPP 12, BRI 11.
        assert_eq!(prospective, 88);
        assert_eq!(signature, 50);
        assert_eq!(m.iter().filter(|r| r.makes_member()).count(), 478 - 88 - 27);
    }

    #[test]
    fn unknown_event_and_institution_are_typed_errors() {
        let data = crate::default_data_dir();
        let c = Concordance::load(&data).unwrap();
        let write = |name: &str, body: &str| {
            let p = std::env::temp_dir().join(format!(
                "linkage_institutions_{}_{}_{name}",
                std::process::id(),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or(0)
            ));
            std::fs::write(
                &p,
                format!("institution,member_iso3,member_name,joined_year,event,source_url,excerpt\n{body}\n"),
            )
            .unwrap();
            p
        };
        let p = write(
            "ev.csv",
            "APEC,JPN,Japan,1989,rumoured,https://example.org,x",
        );
        let e = load(&p, &c).unwrap_err();
        assert!(
            matches!(e, Error::Invalid { ref at, .. } if at.is_cell(1, "event")),
            "{e}"
        );
        let _ = std::fs::remove_file(p);
        let p = write(
            "inst.csv",
            "NATO,JPN,Japan,1989,membership,https://example.org,x",
        );
        let e = load(&p, &c).unwrap_err();
        assert!(
            matches!(e, Error::Invalid { ref at, .. } if at.is_cell(1, "institution")),
            "{e}"
        );
        let _ = std::fs::remove_file(p);
    }

    #[test]
    fn last_year_parsing() {
        assert_eq!(last_year("founding participant (lapsed 2008)"), Some(2008));
        assert_eq!(
            last_year("G8 format 1997-2013; participation suspended 2014 (former)"),
            Some(2013)
        );
        assert_eq!(last_year("founding member (first summit 1975)"), None);
        assert_eq!(
            last_year("admission (Declaration signed 26 October 2025)"),
            None
        );
    }
}
