//! Shared institutions of two countries in a year ([`shared`], [`Ties`]), and the table of
//! every actor against every partner and every pair of actors ([`institutions_table`]).

use std::collections::BTreeSet;
use std::ops::RangeInclusive;

use crate::error::Result;
use crate::io::rows::{Column, Kind, RowSink, Rows};
use crate::panel::accounting::Accounting;
use crate::panel::country::Iso3;
use crate::sources::institutions::{Institution, Membership, members_in};

/// The members of each considered institution in one year, in [`Institution::ALL`] order.
pub(super) type Sets = Vec<(Institution, BTreeSet<Iso3>)>;

/// The members of every considered institution in `year`.
pub(super) fn sets_in(memberships: &[Membership], year: i32, include_incomplete: bool) -> Sets {
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
pub(super) fn ties_from(sets: &[(Institution, BTreeSet<Iso3>)], a: Iso3, b: Iso3) -> Ties {
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
/// [module docs](super)), with the Jaccard overlap of their membership sets.
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
