//! UN General Assembly roll-call votes 1990–2019 (Voeten et al., Harvard Dataverse
//! hdl:1902.1/12379, as packaged by the R package `unvotes`), shipped under `data/unvotes/`
//! (see `data/README.md`). Four files:
//!
//! - [`VOTES_FILE`], `rcid,country_code,vote`: one row per recorded vote, `vote` one of `yes`,
//!   `no`, `abstain`. Absences are not rows.
//! - [`ROLL_CALLS_FILE`], `rcid,session,importantvote,date,…`: one row per roll call, the date
//!   as `YYYY-MM-DD`, `importantvote` 0/1 (US State Department "important votes"; empty for
//!   the later sessions, kept missing).
//! - [`ISSUES_FILE`], `rcid,short_name,issue`: the topics of some roll calls (none, one or
//!   several per roll call).
//! - [`COUNTRY_CODES_FILE`], `country_code,country`: every code of the vote table with its name;
//!   three historical entities have an empty code.
//!
//! Country codes are ISO 3166-1 alpha-2, turned into ISO3 with [`Concordance::from_iso2`]. A
//! vote whose code the concordance does not map (Czechoslovakia `CS`, Yugoslavia `YU`), or whose
//! code is empty (an entity with no code in the code list), is excluded and counted by code.
//!
//! The votes are held compactly for fast similarity: the roll calls in a `Vec` sorted by date
//! (then rcid), so that the roll calls of one calendar year are one contiguous range
//! ([`UnVotes::year_ranges`]), and a dense `countries × roll calls` matrix of `i8` codes:
//! [`ABSENT`] = 0 (no recorded vote: absent, or not a member), [`YES`] = 1, [`ABSTAIN`] = 2,
//! [`NO`] = 3.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::io::table::Table;
use crate::panel::accounting::Accounting;
use crate::panel::country::{Concordance, Iso3};
use crate::sources::{Loaded, MAX_YEAR, MIN_YEAR};

/// Votes file, relative to the data directory.
pub const VOTES_FILE: &str = "unvotes/un_votes_1990_2019.csv";
/// Roll-call file, relative to the data directory.
pub const ROLL_CALLS_FILE: &str = "unvotes/un_roll_calls_1990_2019.csv";
/// Roll-call issue file, relative to the data directory.
pub const ISSUES_FILE: &str = "unvotes/un_roll_call_issues_1990_2019.csv";
/// Country code list, relative to the data directory.
pub const COUNTRY_CODES_FILE: &str = "unvotes/un_country_codes.csv";

/// Vote code: no recorded vote (absent, or not a member at the time).
pub const ABSENT: i8 = 0;
/// Vote code: yes.
pub const YES: i8 = 1;
/// Vote code: abstain.
pub const ABSTAIN: i8 = 2;
/// Vote code: no.
pub const NO: i8 = 3;

/// Largest number of distinct issues the bitset of [`RollCall::issues`] holds.
pub const MAX_ISSUES: usize = 32;

/// One topic of the issue file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Short code, e.g. `hr`.
    pub short_name: String,
    /// Name, e.g. `Human rights`.
    pub name: String,
}

/// One roll call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollCall {
    /// Roll-call id.
    pub rcid: u32,
    /// General Assembly session.
    pub session: u16,
    /// Date, `YYYY-MM-DD`.
    pub date: String,
    /// Calendar year of the date.
    pub year: i32,
    /// US State Department "important vote"; `None` where the file leaves it empty.
    pub important: Option<bool>,
    /// Issues as a bitset: bit `k` set when the roll call is on issue `k` of
    /// [`UnVotes::issues`].
    pub issues: u32,
}

impl RollCall {
    /// Whether the roll call is on issue `k` (an index into [`UnVotes::issues`]).
    ///
    /// # Examples
    /// ```
    /// use linkage::{Concordance, sources::unvotes};
    /// let dir = linkage::default_data_dir();
    /// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
    /// let hr = v.issues().iter().position(|i| i.short_name == "hr").unwrap();
    /// assert!(v.roll_calls().iter().any(|r| r.has_issue(hr)));
    /// ```
    pub fn has_issue(&self, k: usize) -> bool {
        k < MAX_ISSUES && self.issues & (1 << k) != 0
    }
}

/// The UN General Assembly votes, held compactly; see the [module docs](self).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::unvotes};
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let us = v.votes_of(iso3!("USA")).unwrap();
/// assert_eq!(us.len(), v.roll_calls().len());
/// assert!(us.contains(&unvotes::NO));
/// ```
#[derive(Debug, Clone)]
pub struct UnVotes {
    countries: Vec<Iso3>,
    row_of: HashMap<Iso3, usize>,
    roll_calls: Vec<RollCall>,
    year_ranges: Vec<(i32, Range<usize>)>,
    issues: Vec<Issue>,
    votes: Vec<i8>,
    files: Vec<Accounting>,
}

impl UnVotes {
    /// The accounts of the three files read beside the votes (country codes, roll calls,
    /// issues); the votes file's own account is [`Loaded::accounting`].
    pub fn file_accounts(&self) -> &[Accounting] {
        &self.files
    }

    /// The countries with at least one recorded vote, sorted.
    pub fn countries(&self) -> &[Iso3] {
        &self.countries
    }

    /// The roll calls, sorted by date then rcid; the columns of the vote matrix.
    pub fn roll_calls(&self) -> &[RollCall] {
        &self.roll_calls
    }

    /// The issues, sorted by name; [`RollCall::issues`] indexes this list.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// Each calendar year with its range of [`UnVotes::roll_calls`] indices, in year order.
    ///
    /// # Examples
    /// ```
    /// use linkage::{Concordance, sources::unvotes};
    /// let dir = linkage::default_data_dir();
    /// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
    /// let (first, _) = &v.year_ranges()[0];
    /// assert_eq!(*first, 1990);
    /// let covered: usize = v.year_ranges().iter().map(|(_, r)| r.len()).sum();
    /// assert_eq!(covered, v.roll_calls().len());
    /// ```
    pub fn year_ranges(&self) -> &[(i32, Range<usize>)] {
        &self.year_ranges
    }

    /// A country's votes, one code per roll call (in [`UnVotes::roll_calls`] order), or `None`
    /// when the country has no recorded vote.
    pub fn votes_of(&self, country: Iso3) -> Option<&[i8]> {
        let n = self.roll_calls.len();
        self.row_of
            .get(&country)
            .map(|&k| &self.votes[k * n..(k + 1) * n])
    }
}

/// Read the four files from the data directory `dir`.
///
/// The account is that of the votes file: used = votes in the matrix, excluded by reason (code
/// empty, code not mapped by the concordance, naming the code and its name). Every row of the
/// other three files is used or is an error.
///
/// # Errors
/// Missing columns or unreadable cells in any file; a vote other than `yes`, `no`, `abstain`
/// ([`Error::Parse`] naming row and field); a vote or issue row for an rcid not in the roll-call
/// file ([`Error::Invalid`]); a country code not in the code list ([`Error::UnknownCountry`]);
/// a repeated rcid, (rcid, issue), code, or (rcid, country) ([`Error::DuplicateKey`]); more than
/// [`MAX_ISSUES`] issues.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::unvotes};
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap();
/// assert!(v.accounting.balances());
/// assert_eq!(v.records.roll_calls().len(), 2651);
/// assert!(v.records.countries().contains(&iso3!("VNM")));
/// ```
pub fn load(dir: &Path, conc: &Concordance) -> Result<Loaded<UnVotes>> {
    // Country code list: code → name; empty codes are historical entities.
    let path = dir.join(COUNTRY_CODES_FILE);
    let t = Table::read(&path)?;
    let code = t.column("country_code")?;
    let name = t.column("country")?;
    let mut names: HashMap<String, (String, usize)> = HashMap::new();
    let mut uncoded = Vec::new();
    let mut codes_acc = Accounting::new("un country codes", path.display().to_string());
    for i in 0..t.height() {
        let nm = name.required_text(i)?.to_string();
        match code.text(i) {
            None => {
                codes_acc.exclude(
                    "no code (a historical entity; its votes are counted in the votes file)",
                    1,
                );
                uncoded.push(nm)
            }
            Some(c) => {
                codes_acc.used(1);
                if let Some((_, first)) = names.insert(c.to_string(), (nm, i + 1)) {
                    return Err(Error::DuplicateKey {
                        at: Location::row(path, i + 1),
                        first_row: first,
                        key: format!("({c})"),
                    });
                }
            }
        }
    }

    // Roll calls, sorted by (date, rcid).
    let path = dir.join(ROLL_CALLS_FILE);
    let t = Table::read(&path)?;
    let mut calls_acc = Accounting::new("un roll calls", path.display().to_string());
    calls_acc.used(t.height());
    let rcid = t.column("rcid")?;
    let session = t.column("session")?;
    let important = t.column("importantvote")?;
    let date = t.column("date")?;
    let mut roll_calls = Vec::with_capacity(t.height());
    let mut first_row: HashMap<u32, usize> = HashMap::new();
    for i in 0..t.height() {
        let id = rcid.int(i)?;
        let id = u32::try_from(id)
            .map_err(|_| rcid.invalid(i, format!("{id} is not a roll-call id")))?;
        let s = session.int(i)?;
        let s = u16::try_from(s)
            .map_err(|_| session.invalid(i, format!("{s} is not a session number")))?;
        let imp = match important.text(i) {
            None => None,
            Some("0") => Some(false),
            Some("1") => Some(true),
            Some(other) => {
                return Err(Error::Parse {
                    at: Location::cell(path, i + 1, "importantvote"),
                    value: other.into(),
                    expected: "0 or 1",
                });
            }
        };
        let d = date.required_text(i)?;
        let y = parse_date_year(d).ok_or_else(|| Error::Parse {
            at: Location::cell(path.clone(), i + 1, "date"),
            value: d.into(),
            expected: "a date YYYY-MM-DD",
        })?;
        if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
            return Err(Error::YearOutOfRange {
                at: Location::cell(path, i + 1, "date"),
                year: y.into(),
                min: MIN_YEAR,
                max: MAX_YEAR,
            });
        }
        if let Some(first) = first_row.insert(id, i + 1) {
            return Err(Error::DuplicateKey {
                at: Location::row(path, i + 1),
                first_row: first,
                key: format!("(rcid {id})"),
            });
        }
        roll_calls.push(RollCall {
            rcid: id,
            session: s,
            date: d.to_string(),
            year: y,
            important: imp,
            issues: 0,
        });
    }
    roll_calls.sort_by(|a, b| (&a.date, a.rcid).cmp(&(&b.date, b.rcid)));
    let column: HashMap<u32, usize> = roll_calls
        .iter()
        .enumerate()
        .map(|(k, r)| (r.rcid, k))
        .collect();
    let unknown_rcid = |path: &Path, i: usize, id: i64| Error::Invalid {
        at: Location::cell(path, i + 1, "rcid"),
        reason: format!("roll call {id} is not in {ROLL_CALLS_FILE}"),
    };

    // Issues: names sorted, a bitset per roll call.
    let path = dir.join(ISSUES_FILE);
    let t = Table::read(&path)?;
    let mut issues_acc = Accounting::new("un roll-call issues", path.display().to_string());
    issues_acc.used(t.height());
    let rcid = t.column("rcid")?;
    let short = t.column("short_name")?;
    let issue = t.column("issue")?;
    let mut rows = Vec::with_capacity(t.height());
    let mut short_of: HashMap<&str, (&str, usize)> = HashMap::new();
    for i in 0..t.height() {
        let id = rcid.int(i)?;
        let k = u32::try_from(id)
            .ok()
            .and_then(|id| column.get(&id).copied())
            .ok_or_else(|| unknown_rcid(&path, i, id))?;
        let (sh, nm) = (short.required_text(i)?, issue.required_text(i)?);
        match short_of.get(nm) {
            Some(&(s, first)) if s != sh => {
                return Err(short.invalid(
                    i,
                    format!("issue {nm:?} has short name {sh:?} here but {s:?} at row {first}"),
                ));
            }
            Some(_) => {}
            None => {
                short_of.insert(nm, (sh, i + 1));
            }
        }
        rows.push((k, nm));
    }
    let issue_names: BTreeSet<&str> = short_of.keys().copied().collect();
    if issue_names.len() > MAX_ISSUES {
        return Err(Error::Invalid {
            at: Location::field(path, "issue"),
            reason: format!(
                "{} distinct issues, more than the {MAX_ISSUES} the roll-call bitset holds",
                issue_names.len()
            ),
        });
    }
    let issues: Vec<Issue> = issue_names
        .iter()
        .map(|nm| Issue {
            short_name: short_of[nm].0.to_string(),
            name: nm.to_string(),
        })
        .collect();
    let bit: HashMap<&str, u32> = issue_names
        .iter()
        .enumerate()
        .map(|(b, nm)| (*nm, 1u32 << b))
        .collect();
    let mut first_row: HashMap<(usize, u32), usize> = HashMap::new();
    for (i, (k, nm)) in rows.into_iter().enumerate() {
        let b = bit[nm];
        if let Some(first) = first_row.insert((k, b), i + 1) {
            return Err(Error::DuplicateKey {
                at: Location::row(path, i + 1),
                first_row: first,
                key: format!("(rcid {}, {nm})", roll_calls[k].rcid),
            });
        }
        roll_calls[k].issues |= b;
    }

    // Votes.
    let path = dir.join(VOTES_FILE);
    let t = Table::read(&path)?;
    let rcid = t.column("rcid")?;
    let code = t.column("country_code")?;
    let vote = t.column("vote")?;
    let mut acc = Accounting::new("un votes", path.display().to_string());
    let mut cells: Vec<(usize, Iso3, i8)> = Vec::with_capacity(t.height());
    let mut first_row: HashMap<(usize, Iso3), usize> = HashMap::new();
    for i in 0..t.height() {
        let id = rcid.int(i)?;
        let k = u32::try_from(id)
            .ok()
            .and_then(|id| column.get(&id).copied())
            .ok_or_else(|| unknown_rcid(&path, i, id))?;
        let v = match vote.required_text(i)? {
            "yes" => YES,
            "abstain" => ABSTAIN,
            "no" => NO,
            other => {
                return Err(Error::Parse {
                    at: Location::cell(path, i + 1, "vote"),
                    value: other.into(),
                    expected: "a vote: yes,
                    no or abstain",
                });
            }
        };
        let Some(c) = code.text(i) else {
            acc.exclude(
                format!(
                    "country code empty (an entity with no code in {COUNTRY_CODES_FILE}: {})",
                    uncoded.join(", ")
                ),
                1,
            );
            continue;
        };
        let Some((nm, _)) = names.get(c) else {
            return Err(code.unknown_country(i, c));
        };
        let Some(iso) = conc.from_iso2(c) else {
            acc.exclude(format!("country code {c} ({nm}) not in the concordance"), 1);
            continue;
        };
        if let Some(first) = first_row.insert((k, iso), i + 1) {
            return Err(Error::DuplicateKey {
                at: Location::row(path, i + 1),
                first_row: first,
                key: format!("(rcid {id}, {iso})"),
            });
        }
        cells.push((k, iso, v));
        acc.used(1);
    }

    let countries: Vec<Iso3> = cells
        .iter()
        .map(|&(_, c, _)| c)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let row_of: HashMap<Iso3, usize> = countries.iter().enumerate().map(|(k, &c)| (c, k)).collect();
    let n = roll_calls.len();
    let mut votes = vec![ABSENT; countries.len() * n];
    for (k, c, v) in cells {
        votes[row_of[&c] * n + k] = v;
    }
    let mut year_ranges: Vec<(i32, Range<usize>)> = Vec::new();
    for (k, r) in roll_calls.iter().enumerate() {
        match year_ranges.last_mut() {
            Some((y, range)) if *y == r.year => range.end = k + 1,
            _ => year_ranges.push((r.year, k..k + 1)),
        }
    }
    Ok(Loaded {
        records: UnVotes {
            countries,
            row_of,
            roll_calls,
            year_ranges,
            issues,
            votes,
            files: vec![codes_acc, calls_acc, issues_acc],
        },
        accounting: acc,
    })
}

/// The year of a `YYYY-MM-DD` date, checking month and day ranges.
fn parse_date_year(d: &str) -> Option<i32> {
    let mut parts = d.split('-');
    let (y, m, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || day.len() != 2 {
        return None;
    }
    let (y, m, day): (i32, u8, u8) = (y.parse().ok()?, m.parse().ok()?, day.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&day)).then_some(y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iso3;

    fn conc() -> Concordance {
        Concordance::load(crate::default_data_dir()).unwrap()
    }

    #[test]
    fn real_files_spot_values() {
        let c = conc();
        let v = load(&crate::default_data_dir(), &c).unwrap();
        let u = &v.records;
        let col = |rcid| u.roll_calls().iter().position(|r| r.rcid == rcid).unwrap();
        // Roll-call row `3501,45,0,1990-11-05,R/45/11,…`: session 45, not an important vote.
        let r = &u.roll_calls()[col(3501)];
        assert_eq!((r.session, r.year, r.important), (45, 1990, Some(false)));
        assert_eq!(r.date, "1990-11-05");
        // Row `3517,45,1,1990-12-03,…`: an important vote.
        assert_eq!(u.roll_calls()[col(3517)].important, Some(true));
        // Row `5640,54,,1999-12-01,…`: the flag is empty and stays missing.
        assert_eq!(u.roll_calls()[col(5640)].important, None);
        // Issue rows `3538,me,Palestinian conflict`, `3538,nu,Nuclear weapons and nuclear
        // material`, `3538,di,Arms control and disarmament`: three issues on one roll call.
        let r = &u.roll_calls()[col(3538)];
        let on: Vec<&str> = (0..u.issues().len())
            .filter(|&k| r.has_issue(k))
            .map(|k| u.issues()[k].short_name.as_str())
            .collect();
        assert_eq!(on, ["di", "nu", "me"]); // issue list sorted by name
        assert_eq!(u.issues().len(), 6);
        // Vote rows `3501,US,abstain`, `3501,CN,yes`, `3501,JP,abstain`.
        assert_eq!(u.votes_of(iso3!("USA")).unwrap()[col(3501)], ABSTAIN);
        assert_eq!(u.votes_of(iso3!("CHN")).unwrap()[col(3501)], YES);
        assert_eq!(u.votes_of(iso3!("JPN")).unwrap()[col(3501)], ABSTAIN);
        // South Korea joined the UN in September 1991: no vote on roll call 3501 (1990).
        assert_eq!(u.votes_of(iso3!("KOR")).unwrap()[col(3501)], ABSENT);
        // 2,651 roll calls, 1990-11-03 … 2020-01-14; the 1990 ones (session 45) are 86, and
        // calendar 2020 holds a single roll call.
        assert_eq!(u.roll_calls().len(), 2651);
        assert_eq!(u.year_ranges().first(), Some(&(1990, 0..86)));
        assert_eq!(u.year_ranges().last(), Some(&(2020, 2650..2651)));
        // Every vote in the matrix came from a used row.
        let recorded: usize = u
            .countries()
            .iter()
            .map(|&k| {
                u.votes_of(k)
                    .unwrap()
                    .iter()
                    .filter(|&&x| x != ABSENT)
                    .count()
            })
            .sum();
        assert_eq!(recorded, v.accounting.rows_used());
        // 444,535 vote rows. Excluded: 168 with an empty code (session 45, late 1990: the
        // entities the package names "Federal Republic of Germany" and "Yemen Arab Republic"),
        // 227 Czechoslovakia (CS), 1,940 Yugoslavia (YU); 442,200 used, among them GB and GR,
        // whose alpha-2 cells in country_converter's table are patterns (`^GB$|^UK$`).
        let a = &v.accounting;
        assert_eq!(a.rows_in(), 444_535);
        assert_eq!(a.rows_used(), 442_200);
        assert_eq!(a.rows_excluded(), 2_335);
        assert!(a.balances());
        assert_eq!(u.countries().len(), 192);
        assert!(u.votes_of(iso3!("GBR")).is_some() && u.votes_of(iso3!("GRC")).is_some());
        let ex = a.exclusions();
        assert_eq!(
            ex["country code CS (Czechoslovakia) not in the concordance"],
            227
        );
        assert_eq!(
            ex["country code YU (Yugoslavia) not in the concordance"],
            1940
        );
        let empty = ex
            .iter()
            .find(|(k, _)| k.starts_with("country code empty"))
            .unwrap();
        assert_eq!(*empty.1, 168);
    }

    /// A data directory in the temp dir with the four files; `votes` replaces the vote rows.
    fn temp_dir(name: &str, votes: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("linkage-unvotes-{}-{name}", std::process::id()));
        std::fs::create_dir_all(dir.join("unvotes")).unwrap();
        let write = |f: &str, text: &str| std::fs::write(dir.join(f), text).unwrap();
        write(
            COUNTRY_CODES_FILE,
            "country_code,country\nUS,United States\nJP,Japan\n,Zanzibar\n",
        );
        write(
            ROLL_CALLS_FILE,
            "rcid,session,importantvote,date\n1,45,0,1990-11-05\n2,45,,1991-01-02\n",
        );
        write(ISSUES_FILE, "rcid,short_name,issue\n1,hr,Human rights\n");
        write(VOTES_FILE, &format!("rcid,country_code,vote\n{votes}"));
        dir
    }

    #[test]
    fn small_directory_reads() {
        let dir = temp_dir("ok", "1,US,yes\n1,JP,no\n2,US,abstain\n1,,yes\n");
        let v = load(&dir, &conc()).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        let u = &v.records;
        assert_eq!(u.countries(), [iso3!("JPN"), iso3!("USA")]);
        assert_eq!(u.votes_of(iso3!("USA")).unwrap(), [YES, ABSTAIN]);
        assert_eq!(u.votes_of(iso3!("JPN")).unwrap(), [NO, ABSENT]);
        assert_eq!(u.votes_of(iso3!("CHN")), None);
        assert_eq!(u.year_ranges(), [(1990, 0..1), (1991, 1..2)]);
        assert!(u.roll_calls()[0].has_issue(0) && !u.roll_calls()[1].has_issue(0));
        assert_eq!(
            (v.accounting.rows_used(), v.accounting.rows_excluded()),
            (3, 1)
        );
    }

    #[test]
    fn malformed_vote_is_a_parse_error() {
        let dir = temp_dir("bad-vote", "1,US,yes\n1,JP,Yea\n");
        let e = load(&dir, &conc()).unwrap_err();
        std::fs::remove_dir_all(&dir).ok();
        assert!(
            matches!(&e, Error::Parse { at, value, .. } if at.is_cell(2, "vote") && value == "Yea"),
            "{e}"
        );
        assert!(
            e.to_string()
                .contains("un_votes_1990_2019.csv: row 2, field `vote`")
        );
    }

    #[test]
    fn duplicate_vote_is_a_duplicate_key() {
        let dir = temp_dir("dup", "1,US,yes\n1,JP,no\n1,US,no\n");
        let e = load(&dir, &conc()).unwrap_err();
        std::fs::remove_dir_all(&dir).ok();
        assert!(
            matches!(&e, Error::DuplicateKey { at, first_row: 1, key } if at.row == Some(3) && key == "(rcid 1, USA)"),
            "{e}"
        );
    }

    #[test]
    fn unknown_roll_call_and_unknown_code_are_errors() {
        let dir = temp_dir("rcid", "1,US,yes\n7,JP,no\n");
        let e = load(&dir, &conc()).unwrap_err();
        std::fs::remove_dir_all(&dir).ok();
        assert!(
            matches!(&e, Error::Invalid { at, .. } if at.is_cell(2, "rcid")),
            "{e}"
        );
        let dir = temp_dir("code", "1,XQ,yes\n");
        let e = load(&dir, &conc()).unwrap_err();
        std::fs::remove_dir_all(&dir).ok();
        assert!(
            matches!(&e, Error::UnknownCountry { at, .. } if at.row == Some(1)),
            "{e}"
        );
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(parse_date_year("1990-11-05"), Some(1990));
        assert_eq!(parse_date_year("1990-13-05"), None);
        assert_eq!(parse_date_year("1990/11/05"), None);
        assert_eq!(parse_date_year("1990-11-05-1"), None);
    }
}
