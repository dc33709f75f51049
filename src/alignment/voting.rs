//! UN General Assembly vote similarity between two countries, from [`crate::sources::unvotes`]
//! (Voeten et al., Harvard Dataverse hdl:1902.1/12379, roll calls 1990–2019): raw agreement,
//! Signorino and Ritter's S, and Häge's chance-corrected Scott's π and Cohen's κ, by calendar
//! year, by period of years, overall, by issue and on the US State Department's "important
//! votes".
//!
//! # Votes and distances
//!
//! Votes are coded yes = 1, abstain = 2, no = 3, and 0 for no recorded vote (absent, or not a
//! member), as [`crate::sources::unvotes`] holds them. Every measure looks only at the n roll
//! calls (of the selection) on which *both* countries recorded a vote: an absence is neither
//! agreement nor disagreement. The distance between two votes is |x₁ − x₂| ∈ {0, 1, 2}, at most
//! d_max = 2 (yes against no); an abstention lies half-way between yes and no.
//!
//! Write n_ij for the 3×3 contingency table of the n roll calls ([`Contingency`]; i the first
//! country's vote, j the second's, both in yes, abstain, no, numbered 1 to 3), n_i+ and n_+j for
//! its row and column sums, and
//!
//! - D_o = (1/n) Σ_ij n_ij |i − j| / d_max, the observed mean distance scaled to [0, 1].
//!
//! The measures are
//!
//! - **agreement** = 1 − D_o = 1 − mean |x₁ − x₂| / 2, in [0, 1]: 1 for identical votes, 0.5 for
//!   yes against abstain, 0 for yes against no (the `unga_agreement` of
//!   [`crate::derive::votes`], whose kernel [`agreement`] calls);
//! - **S** = 1 − 2 D_o = 1 − 2 Σ|x₁ − x₂| / (n · d_max) (Signorino and Ritter 1999, "Tau-b or
//!   not tau-b", International Studies Quarterly 43), in [−1, 1]; S = 2 · agreement − 1, so it
//!   ranks dyads exactly as agreement does;
//! - **Scott's π** = 1 − D_o / D_e^π, with
//!   D_e^π = Σ_i Σ_j p_i p_j |i − j| / d_max and p_i = (n_i+ + n_+i) / (2n), the share of vote i
//!   among the 2n votes of the two countries pooled;
//! - **Cohen's κ** = 1 − D_o / D_e^κ, with
//!   D_e^κ = Σ_i Σ_j (n_i+ / n) (n_+j / n) |i − j| / d_max, each country's own vote shares.
//!
//! π and κ are Häge's (2011, "Choice or circumstance? Adjusting measures of foreign policy
//! similarity for chance agreement", Political Analysis 19(3): 287–305) chance-corrected
//! versions of S, with absolute-distance disagreement weights |i − j| / d_max: D_e is the mean
//! distance expected if the two countries voted independently of each other with the given
//! vote shares — shared shares for π, each its own for κ. Both are 1 for identical votes, 0
//! when the votes lie as far apart as chance would put them, negative when farther; they are at
//! most 1 but have no fixed lower bound (yes against no on every roll call gives π = −1,
//! κ = 0). Because most General Assembly resolutions pass with large "yes" majorities, two
//! countries agree often by circumstance alone; π and κ discount that.
//!
//! **Undefined.** D_e^π = 0 and D_e^κ = 0 each hold exactly when both countries cast one and the
//! same vote on every roll call of the selection (e.g. both always voted yes); D_o is then 0
//! too and π, κ = 0/0 are undefined: they are `None`, never 1 or 0. Agreement and S are then 1.
//! With n = 0 every measure is `None`.
//!
//! # Selections and tables
//!
//! [`IssueFilter`] chooses all roll calls, those on one issue of the issue file (a roll call may
//! carry several issues, so issue counts need not add up to the total), or the important votes
//! (`importantvote` = 1; the file leaves it empty for some roll calls of 1997–2017 and for every
//! roll call of 2018–2020, and those roll calls are not important votes here).
//! [`period_similarity`] measures one dyad over a range of calendar years (one year: `y..=y`).
//! [`voting_table`] measures every actor against every partner and every pair of actors, per
//! calendar year and per filter, in one pass over each dyad's votes; [`to_frame`] turns its rows
//! into a polars `DataFrame`.

use std::ops::{Range, RangeInclusive};

use crate::io::rows::{Column, Kind, RowSink, Rows};

use crate::error::Result;
use crate::panel::accounting::Accounting;
use crate::panel::country::Iso3;
use crate::sources::unvotes::{Issue, RollCall, UnVotes};

/// The largest vote distance, yes against no: |1 − 3| = 2.
pub const D_MAX: f64 = 2.0;

/// The measures of a [`Similarity`], in the order [`voting_table`] writes them: the `measure`
/// column of [`VotingRow`].
pub const MEASURES: [&str; 4] = ["agreement", "s", "pi", "kappa"];

/// The cell of a vote pair in a row-major 3×3 table, or `None` unless both codes are votes
/// (1 = yes, 2 = abstain, 3 = no).
#[inline]
fn cell(x: i8, y: i8) -> Option<usize> {
    // Codes 1..=3 map to 0..=2; 0 (absent), negatives and > 3 wrap to ≥ 3 and are left out.
    let (i, j) = ((x as u8).wrapping_sub(1), (y as u8).wrapping_sub(1));
    (i < 3 && j < 3).then_some(usize::from(i) * 3 + usize::from(j))
}

/// The 3×3 contingency table of two countries' votes over the roll calls on which both
/// recorded one: `counts[i][j]` is the number of roll calls on which the first voted i and the
/// second j, with 0 = yes, 1 = abstain, 2 = no.
///
/// Every measure of the [module docs](self) is a function of the table; see
/// [`Contingency::similarity`].
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::unvotes};
/// use linkage::alignment::voting::Contingency;
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let (us, jp) = (v.votes_of(iso3!("USA")).unwrap(), v.votes_of(iso3!("JPN")).unwrap());
/// let t = Contingency::from_votes(us, jp);
/// assert_eq!(t.n() as usize, us.iter().zip(jp).filter(|(a, b)| **a > 0 && **b > 0).count());
/// // The United States votes no far more often than Japan does.
/// assert!(t.row_sums()[2] > t.col_sums()[2]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Contingency {
    /// Roll calls by (first country's vote, second country's vote), 0 = yes, 1 = abstain,
    /// 2 = no.
    pub counts: [[u64; 3]; 3],
}

impl Contingency {
    /// The table of two vote vectors (codes as in [`crate::sources::unvotes`]), over the
    /// positions where both hold a vote (1, 2 or 3). Any other code — 0 for no recorded vote, or
    /// a code the loader never produces — leaves the position out. Positions beyond the shorter
    /// slice are ignored.
    ///
    /// # Examples
    /// ```
    /// use linkage::{Concordance, iso3, sources::unvotes};
    /// use linkage::alignment::voting::Contingency;
    /// // yes/yes, yes/abstain, (absent), no/yes
    /// let t = Contingency::from_votes(&[1, 1, 0, 3], &[1, 2, 3, 1]);
    /// assert_eq!(t.counts, [[1, 1, 0], [0, 0, 0], [1, 0, 0]]);
    /// // On the shipped data: China and Vietnam in 2019.
    /// let dir = linkage::default_data_dir();
    /// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
    /// let r = v.year_ranges().iter().find(|(y, _)| *y == 2019).unwrap().1.clone();
    /// let t = Contingency::from_votes(
    ///     &v.votes_of(iso3!("VNM")).unwrap()[r.clone()],
    ///     &v.votes_of(iso3!("CHN")).unwrap()[r],
    /// );
    /// assert_eq!((t.n(), t.sum_abs_diff()), (86, 19));
    /// ```
    pub fn from_votes(a: &[i8], b: &[i8]) -> Contingency {
        Contingency::from_votes_where(a, b, |_| true)
    }

    /// As [`Contingency::from_votes`], counting only the positions `k` (indices into `a` and
    /// `b`) for which `select(k)` holds. Allocation-free.
    ///
    /// # Examples
    /// ```
    /// use linkage::{Concordance, iso3, sources::unvotes};
    /// use linkage::alignment::voting::Contingency;
    /// let dir = linkage::default_data_dir();
    /// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
    /// let (us, jp) = (v.votes_of(iso3!("USA")).unwrap(), v.votes_of(iso3!("JPN")).unwrap());
    /// // Roll calls of 2015 only.
    /// let rc = v.roll_calls();
    /// let t = Contingency::from_votes_where(us, jp, |k| rc[k].year == 2015);
    /// assert_eq!((t.n(), t.sum_abs_diff()), (78, 69));
    /// ```
    pub fn from_votes_where(a: &[i8], b: &[i8], select: impl Fn(usize) -> bool) -> Contingency {
        let mut flat = [0u64; 9];
        for (k, (&x, &y)) in a.iter().zip(b).enumerate() {
            if let Some(c) = cell(x, y)
                && select(k)
            {
                flat[c] += 1;
            }
        }
        Contingency::from_flat(&flat)
    }

    /// From a row-major flat table of 9 cells.
    fn from_flat(flat: &[u64; 9]) -> Contingency {
        let mut counts = [[0u64; 3]; 3];
        for (i, row) in counts.iter_mut().enumerate() {
            row.copy_from_slice(&flat[i * 3..i * 3 + 3]);
        }
        Contingency { counts }
    }

    /// The table with the two countries swapped (transposed).
    ///
    /// # Examples
    /// ```
    /// use linkage::alignment::voting::Contingency;
    /// let t = Contingency::from_votes(&[1, 3], &[2, 2]);
    /// assert_eq!(t.transpose(), Contingency::from_votes(&[2, 2], &[1, 3]));
    /// ```
    pub fn transpose(&self) -> Contingency {
        let mut counts = [[0u64; 3]; 3];
        for (i, row) in self.counts.iter().enumerate() {
            for (j, &c) in row.iter().enumerate() {
                counts[j][i] = c;
            }
        }
        Contingency { counts }
    }

    /// n, the number of roll calls in the table.
    ///
    /// # Examples
    /// ```
    /// use linkage::alignment::voting::Contingency;
    /// assert_eq!(Contingency::from_votes(&[1, 0, 2], &[3, 1, 2]).n(), 2);
    /// ```
    pub fn n(&self) -> u64 {
        self.counts.iter().flatten().sum()
    }

    /// The first country's vote counts n_i+ (yes, abstain, no).
    ///
    /// # Examples
    /// ```
    /// use linkage::alignment::voting::Contingency;
    /// assert_eq!(Contingency::from_votes(&[1, 1, 3], &[2, 3, 3]).row_sums(), [2, 0, 1]);
    /// ```
    pub fn row_sums(&self) -> [u64; 3] {
        self.counts.map(|row| row.iter().sum())
    }

    /// The second country's vote counts n_+j (yes, abstain, no).
    ///
    /// # Examples
    /// ```
    /// use linkage::alignment::voting::Contingency;
    /// assert_eq!(Contingency::from_votes(&[1, 1, 3], &[2, 3, 3]).col_sums(), [0, 1, 2]);
    /// ```
    pub fn col_sums(&self) -> [u64; 3] {
        let mut s = [0u64; 3];
        for row in &self.counts {
            for (j, &c) in row.iter().enumerate() {
                s[j] += c;
            }
        }
        s
    }

    /// Σ_ij n_ij |i − j|: the sum of vote distances |x₁ − x₂| over the table.
    ///
    /// # Examples
    /// ```
    /// use linkage::alignment::voting::Contingency;
    /// // yes/no (2) and abstain/no (1).
    /// assert_eq!(Contingency::from_votes(&[1, 2, 3], &[3, 3, 3]).sum_abs_diff(), 3);
    /// ```
    pub fn sum_abs_diff(&self) -> u64 {
        weighted(&self.counts)
    }

    /// D_o = Σ_ij n_ij |i − j| / (n · d_max), the observed mean distance in [0, 1]; `None` when
    /// n = 0.
    ///
    /// # Examples
    /// ```
    /// use linkage::alignment::voting::Contingency;
    /// let t = Contingency::from_votes(&[1, 2, 3, 1], &[3, 3, 3, 1]);
    /// assert_eq!(t.observed_distance(), Some(3.0 / 8.0));
    /// ```
    pub fn observed_distance(&self) -> Option<f64> {
        let n = self.n();
        (n > 0).then(|| self.sum_abs_diff() as f64 / n as f64 / D_MAX)
    }

    /// D_e^π = Σ_i Σ_j p_i p_j |i − j| / d_max with p_i = (n_i+ + n_+i) / (2n), the mean
    /// distance expected by chance from the two countries' pooled vote shares; `None` when
    /// n = 0.
    ///
    /// # Examples
    /// ```
    /// use linkage::alignment::voting::Contingency;
    /// // Pooled shares: yes 1/2, no 1/2 → D_e = 2 · (1/2 · 1/2 · 2) / 2 = 1/2.
    /// let t = Contingency::from_votes(&[1, 3], &[1, 3]);
    /// assert_eq!(t.expected_distance_pi(), Some(0.5));
    /// ```
    pub fn expected_distance_pi(&self) -> Option<f64> {
        let n = self.n();
        (n > 0).then(|| {
            let m = pooled(self.row_sums(), self.col_sums());
            outer_weighted(m, m) / (4.0 * n as f64 * n as f64) / D_MAX
        })
    }

    /// D_e^κ = Σ_i Σ_j (n_i+ / n)(n_+j / n) |i − j| / d_max, the mean distance expected by
    /// chance from each country's own vote shares; `None` when n = 0.
    ///
    /// # Examples
    /// ```
    /// use linkage::alignment::voting::Contingency;
    /// // First always yes, second always no: D_e = 1 · 1 · 2 / 2 = 1.
    /// let t = Contingency::from_votes(&[1, 1], &[3, 3]);
    /// assert_eq!(t.expected_distance_kappa(), Some(1.0));
    /// ```
    pub fn expected_distance_kappa(&self) -> Option<f64> {
        let n = self.n();
        (n > 0).then(|| {
            outer_weighted(self.row_sums(), self.col_sums()) / (n as f64 * n as f64) / D_MAX
        })
    }

    /// agreement = 1 − D_o = 1 − mean |x₁ − x₂| / 2, in [0, 1]; `None` when n = 0. Computed as
    /// [`crate::derive::votes::agreement`] computes it, to the bit.
    ///
    /// # Examples
    /// ```
    /// use linkage::alignment::voting::Contingency;
    /// assert_eq!(Contingency::from_votes(&[1, 1, 3], &[1, 2, 0]).agreement(), Some(0.75));
    /// ```
    pub fn agreement(&self) -> Option<f64> {
        let n = self.n();
        (n > 0).then(|| 1.0 - self.sum_abs_diff() as f64 / n as f64 / 2.0)
    }

    /// S = 1 − 2 Σ|x₁ − x₂| / (n · d_max) = 1 − 2 D_o (Signorino and Ritter 1999), in [−1, 1];
    /// `None` when n = 0.
    ///
    /// # Examples
    /// ```
    /// use linkage::alignment::voting::Contingency;
    /// // Σ|d| = 0 + 1 = 1, n = 2: S = 1 − 2 · 1 / (2 · 2) = 0.5.
    /// assert_eq!(Contingency::from_votes(&[1, 1, 3], &[1, 2, 0]).s(), Some(0.5));
    /// ```
    pub fn s(&self) -> Option<f64> {
        let n = self.n();
        (n > 0).then(|| 1.0 - 2.0 * self.sum_abs_diff() as f64 / (n as f64 * D_MAX))
    }

    /// Scott's π = 1 − D_o / D_e^π (Häge 2011), at most 1; `None` when n = 0 or D_e^π = 0
    /// (both countries cast one and the same vote on every roll call).
    ///
    /// Computed from the counts as 1 − 4n · Σ_ij n_ij |i − j| / Σ_i Σ_j m_i m_j |i − j| with
    /// m_i = n_i+ + n_+i (d_max cancels).
    ///
    /// # Examples
    /// ```
    /// use linkage::alignment::voting::Contingency;
    /// // Yes against no throughout: D_o = 1, pooled shares 1/2, 1/2 → D_e = 1/2, π = −1.
    /// assert_eq!(Contingency::from_votes(&[1, 1], &[3, 3]).pi(), Some(-1.0));
    /// // Both always yes: undefined.
    /// assert_eq!(Contingency::from_votes(&[1, 1], &[1, 1]).pi(), None);
    /// ```
    pub fn pi(&self) -> Option<f64> {
        let n = self.n();
        let m = pooled(self.row_sums(), self.col_sums());
        let e = outer_weighted(m, m);
        (n > 0 && e > 0.0).then(|| 1.0 - 4.0 * n as f64 * self.sum_abs_diff() as f64 / e)
    }

    /// Cohen's κ = 1 − D_o / D_e^κ (Häge 2011), at most 1; `None` when n = 0 or D_e^κ = 0
    /// (both countries cast one and the same vote on every roll call).
    ///
    /// Computed from the counts as 1 − n · Σ_ij n_ij |i − j| / Σ_i Σ_j n_i+ n_+j |i − j| (d_max
    /// cancels).
    ///
    /// # Examples
    /// ```
    /// use linkage::alignment::voting::Contingency;
    /// // Yes against no throughout: D_o = 1 = D_e, κ = 0 (each country's own shares predict it).
    /// assert_eq!(Contingency::from_votes(&[1, 1], &[3, 3]).kappa(), Some(0.0));
    /// assert_eq!(Contingency::from_votes(&[3, 3], &[3, 3]).kappa(), None);
    /// ```
    pub fn kappa(&self) -> Option<f64> {
        let n = self.n();
        let e = outer_weighted(self.row_sums(), self.col_sums());
        (n > 0 && e > 0.0).then(|| 1.0 - n as f64 * self.sum_abs_diff() as f64 / e)
    }

    /// All four measures and n; see [`Similarity`].
    ///
    /// # Examples
    /// ```
    /// use linkage::{Concordance, iso3, sources::unvotes};
    /// use linkage::alignment::voting::Contingency;
    /// let dir = linkage::default_data_dir();
    /// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
    /// let rc = v.roll_calls();
    /// let t = Contingency::from_votes_where(
    ///     v.votes_of(iso3!("USA")).unwrap(),
    ///     v.votes_of(iso3!("JPN")).unwrap(),
    ///     |k| rc[k].year == 2015,
    /// );
    /// let s = t.similarity();
    /// assert_eq!(s.n, 78);
    /// // κ = 4/17 (worked out in the tests).
    /// assert!((s.kappa.unwrap() - 4.0 / 17.0).abs() < 1e-12);
    /// ```
    pub fn similarity(&self) -> Similarity {
        Similarity {
            agreement: self.agreement(),
            s: self.s(),
            pi: self.pi(),
            kappa: self.kappa(),
            n: usize::try_from(self.n()).unwrap_or(usize::MAX),
        }
    }
}

/// Σ_ij t_ij |i − j|.
fn weighted(t: &[[u64; 3]; 3]) -> u64 {
    t[0][1] + t[1][0] + t[1][2] + t[2][1] + 2 * (t[0][2] + t[2][0])
}

/// Σ_i Σ_j r_i c_j |i − j|, in f64 (exact while the products stay below 2^53, i.e. for any
/// n below 47 million; never overflowing).
fn outer_weighted(r: [u64; 3], c: [u64; 3]) -> f64 {
    let (r, c) = (r.map(|x| x as f64), c.map(|x| x as f64));
    r[0] * c[1] + r[1] * c[0] + r[1] * c[2] + r[2] * c[1] + 2.0 * (r[0] * c[2] + r[2] * c[0])
}

/// m_i = n_i+ + n_+i.
fn pooled(r: [u64; 3], c: [u64; 3]) -> [u64; 3] {
    [r[0] + c[0], r[1] + c[1], r[2] + c[2]]
}

/// The similarity of two countries' votes over a selection of roll calls: the four measures of
/// the [module docs](self) and the number n of roll calls on which both recorded a vote.
///
/// `agreement` and `s` are `None` exactly when n = 0; `pi` and `kappa` also when both
/// countries cast one and the same vote on every one of the n roll calls (D_e = 0).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::unvotes};
/// use linkage::alignment::voting::{IssueFilter, period_similarity};
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let (us, il) = (iso3!("USA"), iso3!("ISR"));
/// let s = period_similarity(&v, us, il, 2010..=2019, IssueFilter::All).unwrap();
/// assert!(s.n > 500);
/// assert!(s.agreement.unwrap() > 0.8 && s.kappa.unwrap() > 0.5);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Similarity {
    /// 1 − mean |x₁ − x₂| / 2, in [0, 1].
    pub agreement: Option<f64>,
    /// Signorino and Ritter's S = 1 − 2 Σ|x₁ − x₂| / (n · d_max), in [−1, 1].
    pub s: Option<f64>,
    /// Scott's π = 1 − D_o / D_e^π (pooled vote shares), at most 1.
    pub pi: Option<f64>,
    /// Cohen's κ = 1 − D_o / D_e^κ (each country's own vote shares), at most 1.
    pub kappa: Option<f64>,
    /// Roll calls of the selection on which both recorded a vote.
    pub n: usize,
}

impl Similarity {
    /// The measures in [`MEASURES`] order (agreement, S, π, κ), paired with their names.
    ///
    /// # Examples
    /// ```
    /// use linkage::alignment::voting::similarity;
    /// let s = similarity(&[1, 1, 2], &[1, 1, 2], |_| true);
    /// let m = s.measures();
    /// assert_eq!(m.map(|(name, _)| name), ["agreement", "s", "pi", "kappa"]);
    /// assert_eq!(m.map(|(_, v)| v), [Some(1.0); 4]);
    /// ```
    pub fn measures(&self) -> [(&'static str, Option<f64>); 4] {
        [
            (MEASURES[0], self.agreement),
            (MEASURES[1], self.s),
            (MEASURES[2], self.pi),
            (MEASURES[3], self.kappa),
        ]
    }
}

/// Agreement of two vote vectors, 1 − mean |x₁ − x₂| / 2 over the n positions where both are
/// non-zero, with n; `None` when n = 0. This is [`crate::derive::votes::agreement`], called as
/// is (it counts any non-zero code as a vote; the loader produces only 1, 2 and 3).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::unvotes};
/// use linkage::alignment::voting::agreement;
/// assert_eq!(agreement(&[1, 1, 3], &[1, 2, 0]), Some((0.75, 2)));
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let (us, gb) = (v.votes_of(iso3!("USA")).unwrap(), v.votes_of(iso3!("GBR")).unwrap());
/// let (a, n) = agreement(us, gb).unwrap();
/// assert_eq!(n, 2624);
/// assert!(a > 0.6 && a < 0.7);
/// ```
pub fn agreement(a: &[i8], b: &[i8]) -> Option<(f64, usize)> {
    crate::derive::votes::agreement(a, b)
}

/// Signorino and Ritter's S of two vote vectors, 1 − 2 Σ|x₁ − x₂| / (n · d_max) with d_max = 2,
/// over the n positions where both hold a vote, with n; `None` when n = 0.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::unvotes};
/// use linkage::alignment::voting::s_score;
/// // yes/yes (0) and yes/no (2): S = 1 − 2 · 2 / (2 · 2) = 0.
/// assert_eq!(s_score(&[1, 1], &[1, 3]), Some((0.0, 2)));
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let (us, cu) = (v.votes_of(iso3!("USA")).unwrap(), v.votes_of(iso3!("CUB")).unwrap());
/// let (s, _) = s_score(us, cu).unwrap();
/// assert!(s < 0.0);
/// ```
pub fn s_score(a: &[i8], b: &[i8]) -> Option<(f64, usize)> {
    let sim = similarity(a, b, |_| true);
    sim.s.map(|s| (s, sim.n))
}

/// The 3×3 contingency table of two vote vectors; [`Contingency::from_votes`].
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::unvotes};
/// use linkage::alignment::voting::contingency;
/// assert_eq!(contingency(&[1, 2], &[1, 3]).counts, [[1, 0, 0], [0, 0, 1], [0, 0, 0]]);
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let t = contingency(v.votes_of(iso3!("USA")).unwrap(), v.votes_of(iso3!("CAN")).unwrap());
/// assert!(t.counts[0][0] > t.counts[0][2]);
/// ```
pub fn contingency(a: &[i8], b: &[i8]) -> Contingency {
    Contingency::from_votes(a, b)
}

/// Scott's π of two vote vectors, 1 − D_o / D_e^π (pooled vote shares; Häge 2011), with n;
/// `None` when n = 0 or both cast one and the same vote throughout (D_e^π = 0).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::unvotes};
/// use linkage::alignment::voting::scott_pi;
/// assert_eq!(scott_pi(&[1, 3], &[1, 3]), Some((1.0, 2)));
/// assert_eq!(scott_pi(&[1, 1], &[1, 1]), None);
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let (fr, gb) = (v.votes_of(iso3!("FRA")).unwrap(), v.votes_of(iso3!("GBR")).unwrap());
/// let (p, _) = scott_pi(fr, gb).unwrap();
/// assert!(p > 0.5 && p <= 1.0);
/// ```
pub fn scott_pi(a: &[i8], b: &[i8]) -> Option<(f64, usize)> {
    let sim = similarity(a, b, |_| true);
    sim.pi.map(|p| (p, sim.n))
}

/// Cohen's κ of two vote vectors, 1 − D_o / D_e^κ (each country's own vote shares; Häge
/// 2011), with n; `None` when n = 0 or both cast one and the same vote throughout (D_e^κ = 0).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::unvotes};
/// use linkage::alignment::voting::cohen_kappa;
/// assert_eq!(cohen_kappa(&[1, 3], &[1, 3]), Some((1.0, 2)));
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let (us, il) = (v.votes_of(iso3!("USA")).unwrap(), v.votes_of(iso3!("ISR")).unwrap());
/// let (k, _) = cohen_kappa(us, il).unwrap();
/// assert!(k > 0.5 && k <= 1.0);
/// ```
pub fn cohen_kappa(a: &[i8], b: &[i8]) -> Option<(f64, usize)> {
    let sim = similarity(a, b, |_| true);
    sim.kappa.map(|k| (k, sim.n))
}

/// All four measures of two vote vectors over the positions `k` with `select(k)`
/// (allocation-free; [`Contingency::from_votes_where`] then [`Contingency::similarity`]).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::unvotes};
/// use linkage::alignment::voting::{IssueFilter, similarity};
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let rc = v.roll_calls();
/// let hr = IssueFilter::Issue(v.issues().iter().position(|i| i.short_name == "hr").unwrap());
/// let s = similarity(
///     v.votes_of(iso3!("USA")).unwrap(),
///     v.votes_of(iso3!("JPN")).unwrap(),
///     |k| rc[k].year == 2015 && hr.matches(&rc[k]),
/// );
/// assert_eq!(s.n, 20);
/// assert_eq!(s.agreement, Some(0.775));
/// ```
pub fn similarity(a: &[i8], b: &[i8], select: impl Fn(usize) -> bool) -> Similarity {
    Contingency::from_votes_where(a, b, select).similarity()
}

/// Which roll calls a measure looks at: all, those on one issue of [`UnVotes::issues`] (by
/// index), or the US State Department's important votes (`important == Some(true)`).
///
/// # Examples
/// ```
/// use linkage::{Concordance, sources::unvotes};
/// use linkage::alignment::voting::IssueFilter;
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let f = IssueFilter::every(&v);
/// assert_eq!(f.len(), 8);
/// let labels: Vec<_> = f.iter().map(|f| f.label(v.issues())).collect();
/// assert_eq!(labels, ["all", "di", "co", "ec", "hr", "nu", "me", "important"]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IssueFilter {
    /// Every roll call.
    All,
    /// The roll calls on issue `k` of [`UnVotes::issues`] ([`RollCall::has_issue`]).
    Issue(usize),
    /// The important votes: `importantvote` = 1 in the roll-call file.
    Important,
}

impl IssueFilter {
    /// `All`, each issue of the data in [`UnVotes::issues`] order, then `Important`: the
    /// filters of [`voting_table`].
    ///
    /// # Examples
    /// ```
    /// use linkage::{Concordance, sources::unvotes};
    /// use linkage::alignment::voting::IssueFilter;
    /// let dir = linkage::default_data_dir();
    /// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
    /// let f = IssueFilter::every(&v);
    /// assert_eq!(f[0], IssueFilter::All);
    /// assert_eq!(f[1], IssueFilter::Issue(0));
    /// assert_eq!(f[7], IssueFilter::Important);
    /// ```
    pub fn every(votes: &UnVotes) -> Vec<IssueFilter> {
        std::iter::once(IssueFilter::All)
            .chain((0..votes.issues().len()).map(IssueFilter::Issue))
            .chain(std::iter::once(IssueFilter::Important))
            .collect()
    }

    /// Whether the filter selects a roll call. `Issue(k)` with `k` not an issue of the data
    /// selects nothing.
    ///
    /// # Examples
    /// ```
    /// use linkage::{Concordance, sources::unvotes};
    /// use linkage::alignment::voting::IssueFilter;
    /// let dir = linkage::default_data_dir();
    /// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
    /// let n = |f: IssueFilter| v.roll_calls().iter().filter(|r| f.matches(r)).count();
    /// assert_eq!(n(IssueFilter::All), 2651);
    /// assert_eq!(n(IssueFilter::Important), 347);
    /// assert_eq!(n(IssueFilter::Issue(99)), 0);
    /// ```
    pub fn matches(&self, roll_call: &RollCall) -> bool {
        match *self {
            IssueFilter::All => true,
            IssueFilter::Issue(k) => roll_call.has_issue(k),
            IssueFilter::Important => roll_call.important == Some(true),
        }
    }

    /// `"all"`, the issue's short name (e.g. `"hr"` for human rights; `"issue k"` when `k` is
    /// not an issue of `issues`), or `"important"`.
    ///
    /// # Examples
    /// ```
    /// use linkage::{Concordance, sources::unvotes};
    /// use linkage::alignment::voting::IssueFilter;
    /// let dir = linkage::default_data_dir();
    /// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
    /// let hr = v.issues().iter().position(|i| i.name == "Human rights").unwrap();
    /// assert_eq!(IssueFilter::Issue(hr).label(v.issues()), "hr");
    /// assert_eq!(IssueFilter::Important.label(v.issues()), "important");
    /// ```
    pub fn label(&self, issues: &[Issue]) -> String {
        match *self {
            IssueFilter::All => "all".to_string(),
            IssueFilter::Issue(k) => issues
                .get(k)
                .map_or_else(|| format!("issue {k}"), |i| i.short_name.clone()),
            IssueFilter::Important => "important".to_string(),
        }
    }
}

/// The roll calls (as a range of [`UnVotes::roll_calls`] indices) dated in the calendar years
/// `years`; empty when none is.
fn period_range(votes: &UnVotes, years: &RangeInclusive<i32>) -> Range<usize> {
    let mut span: Option<Range<usize>> = None;
    for (y, r) in votes.year_ranges() {
        if years.contains(y) {
            span = Some(span.map_or(r.clone(), |s| s.start..r.end));
        }
    }
    span.unwrap_or(0..0)
}

/// The similarity of `a` and `b` over the roll calls dated in the calendar years `years`
/// (e.g. `1990..=1999`; one year `y..=y`) that `filter` selects. `None` when either country has
/// no recorded vote in the data; otherwise a [`Similarity`], whose measures are `None` when the
/// two share no recorded vote there (n = 0).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::unvotes};
/// use linkage::alignment::voting::{IssueFilter, period_similarity};
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let (vn, cn) = (iso3!("VNM"), iso3!("CHN"));
/// let y2019 = period_similarity(&v, vn, cn, 2019..=2019, IssueFilter::All).unwrap();
/// assert_eq!(y2019.n, 86);
/// let nineties = period_similarity(&v, vn, cn, 1990..=1999, IssueFilter::All).unwrap();
/// assert!(nineties.n > 500);
/// assert!(period_similarity(&v, vn, iso3!("XKX"), 2019..=2019, IssueFilter::All).is_none());
/// ```
pub fn period_similarity(
    votes: &UnVotes,
    a: Iso3,
    b: Iso3,
    years: RangeInclusive<i32>,
    filter: IssueFilter,
) -> Option<Similarity> {
    let (va, vb) = (votes.votes_of(a)?, votes.votes_of(b)?);
    let r = period_range(votes, &years);
    let rc = votes.roll_calls().get(r.clone())?;
    Some(similarity(va.get(r.clone())?, vb.get(r)?, |k| {
        rc.get(k).is_some_and(|c| filter.matches(c))
    }))
}

/// One value of [`voting_table`]: a measure of the votes of `actor` and `partner` on the roll
/// calls of one calendar year that one issue filter selects.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::unvotes};
/// use linkage::alignment::voting::voting_table;
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let (rows, _) = voting_table(&v, &[iso3!("USA")], Some(&[iso3!("JPN")]), 10);
/// let r = rows
///     .iter()
///     .find(|r| r.year == 2015 && &*r.issue == "all" && r.measure == "s")
///     .unwrap();
/// assert_eq!((r.actor, r.partner, r.n_votes), (iso3!("USA"), iso3!("JPN"), 78));
/// assert!((r.value - (1.0 - 69.0 / 78.0)).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct VotingRow {
    /// The actor (listed first in the `actors` of [`voting_table`]).
    pub actor: Iso3,
    /// The partner, or the later actor of a pair of actors.
    pub partner: Iso3,
    /// Calendar year of the roll calls' dates.
    pub year: i32,
    /// The [`IssueFilter::label`]: `all`, an issue's short name, or `important` (shared by
    /// every row of that filter: a reference count, not a string per row).
    pub issue: std::sync::Arc<str>,
    /// One of [`MEASURES`]: `agreement`, `s`, `pi`, `kappa`.
    pub measure: &'static str,
    /// The measure's value.
    pub value: f64,
    /// n: the roll calls of the year and filter on which both recorded a vote.
    pub n_votes: usize,
}

/// Each roll call's filters as a bitset: bit 0 All, bit 1 + k issue k, bit 1 + #issues
/// Important.
fn filter_masks(votes: &UnVotes, filters: &[IssueFilter]) -> Vec<u64> {
    votes
        .roll_calls()
        .iter()
        .map(|rc| {
            filters
                .iter()
                .enumerate()
                .filter(|(_, f)| f.matches(rc))
                .fold(0u64, |m, (b, _)| m | bit(b))
        })
        .collect()
}

/// `1 << f` in a u64, or 0 past bit 63 (never reached: at most 32 issues + 2 filters).
fn bit(f: usize) -> u64 {
    u32::try_from(f)
        .ok()
        .and_then(|f| 1u64.checked_shl(f))
        .unwrap_or(0)
}

/// Fill `tables[f]` (flat 3×3) with the vote pairs of `a` and `b` in `range`, for each filter
/// bit f of the position's mask. The hot loop of [`voting_table`]: no allocation.
fn fill_tables(a: &[i8], b: &[i8], masks: &[u64], range: Range<usize>, tables: &mut [[u64; 9]]) {
    for t in tables.iter_mut() {
        *t = [0; 9];
    }
    let (Some(a), Some(b), Some(masks)) =
        (a.get(range.clone()), b.get(range.clone()), masks.get(range))
    else {
        return;
    };
    for ((&x, &y), &mask) in a.iter().zip(b).zip(masks) {
        let Some(c) = cell(x, y) else { continue };
        let mut m = mask;
        while m != 0 {
            let f = m.trailing_zeros() as usize;
            if let Some(t) = tables.get_mut(f) {
                t[c] += 1;
            }
            m &= m - 1;
        }
    }
}

/// The first occurrence of each code, in order.
fn dedup(codes: &[Iso3]) -> Vec<Iso3> {
    let mut out: Vec<Iso3> = Vec::with_capacity(codes.len());
    for &c in codes {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Every measure, per calendar year and per [`IssueFilter::every`] filter, of each actor
/// against every partner and of each pair of actors.
///
/// The dyads are, for each actor in `actors` order, first every *later* actor (each unordered
/// pair of actors once, the one listed first as `actor`), then every partner that is not an
/// actor: every country of the vote data when `partners` is `None`, or the given list.
/// Repeated codes in either list count once; a country is never paired with itself. The years
/// are those of [`UnVotes::year_ranges`]. For each (dyad, year, filter) with
/// n ≥ `max(min_votes, 1)` roll calls on which both recorded a vote, one row per defined
/// measure, in [`MEASURES`] order; π and κ have no row where undefined (D_e = 0).
///
/// Each dyad's votes are read once: per year, one pass over the year's roll calls fills the
/// 3×3 tables of every filter at once, from per-roll-call filter bitsets computed beforehand.
///
/// The account counts the candidate rows (dyad × year × filter × measure): used = rows
/// returned; excluded, by reason, where a country has no recorded vote in the data, where the
/// filter selects no roll call that year, where the two share none or fewer than `min_votes`,
/// and (π and κ only) where both cast one and the same vote throughout.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::unvotes};
/// use linkage::alignment::voting::voting_table;
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let (rows, acc) = voting_table(&v, &[iso3!("USA"), iso3!("CHN")], Some(&[iso3!("VNM")]), 10);
/// assert_eq!(acc.rows_used(), rows.len());
/// assert!(acc.balances());
/// // USA–CHN (the pair of actors), USA–VNM, CHN–VNM.
/// let dyads: std::collections::BTreeSet<_> = rows.iter().map(|r| (r.actor, r.partner)).collect();
/// assert_eq!(dyads.len(), 3);
/// assert!(rows.iter().all(|r| r.n_votes >= 10));
/// ```
pub fn voting_table(
    votes: &UnVotes,
    actors: &[Iso3],
    partners: Option<&[Iso3]>,
    min_votes: usize,
) -> (Vec<VotingRow>, Accounting) {
    let mut acc = Accounting::new(
        "un vote similarity",
        "actor x partner (and actor x actor) x calendar year x issue filter x measure of the UN \
         votes",
    );
    let min_votes = min_votes.max(1);
    let filters = IssueFilter::every(votes);
    let labels: Vec<std::sync::Arc<str>> = filters
        .iter()
        .map(|f| f.label(votes.issues()).into())
        .collect();
    let masks = filter_masks(votes, &filters);
    let years = votes.year_ranges();
    // Roll calls per (year, filter).
    let selected: Vec<Vec<usize>> = years
        .iter()
        .map(|(_, r)| {
            let mut c = vec![0usize; filters.len()];
            for &m in masks.get(r.clone()).unwrap_or(&[]) {
                for (f, n) in c.iter_mut().enumerate() {
                    *n += usize::from(m & bit(f) != 0);
                }
            }
            c
        })
        .collect();

    let actors = dedup(actors);
    let partners: Vec<Iso3> = dedup(partners.unwrap_or(votes.countries()))
        .into_iter()
        .filter(|p| !actors.contains(p))
        .collect();
    let per_dyad = years.len() * filters.len() * MEASURES.len();

    // Reserve for every candidate row (at most 2^22 rows ahead): growing a vector of a million
    // rows by doubling costs a fifth of the run.
    let dyads = actors.len() * (actors.len().saturating_sub(1)) / 2 + actors.len() * partners.len();
    let mut rows = Vec::with_capacity(dyads.saturating_mul(per_dyad).min(1 << 22));
    let mut tables = vec![[0u64; 9]; filters.len()];
    // Exclusions are tallied here and booked once at the end (no allocation per dyad).
    let mut skipped = Skipped::default();
    for (i, &actor) in actors.iter().enumerate() {
        let others = actors.get(i + 1..).unwrap_or(&[]).iter().chain(&partners);
        let Some(va) = votes.votes_of(actor) else {
            skipped.actor_absent += others.count() * per_dyad;
            continue;
        };
        for &partner in others {
            let Some(vp) = votes.votes_of(partner) else {
                skipped.partner_absent += per_dyad;
                continue;
            };
            for ((year, range), selected) in years.iter().zip(&selected) {
                fill_tables(va, vp, &masks, range.clone(), &mut tables);
                for ((t, label), &k) in tables.iter().zip(&labels).zip(selected) {
                    let t = Contingency::from_flat(t);
                    let n = t.n();
                    if k == 0 {
                        skipped.no_roll_call += MEASURES.len();
                        continue;
                    }
                    if n == 0 {
                        skipped.none_shared += MEASURES.len();
                        continue;
                    }
                    if n < min_votes as u64 {
                        skipped.few_shared += MEASURES.len();
                        continue;
                    }
                    let sim = t.similarity();
                    for (measure, value) in sim.measures() {
                        match value {
                            Some(value) => {
                                rows.push(VotingRow {
                                    actor,
                                    partner,
                                    year: *year,
                                    issue: label.clone(),
                                    measure,
                                    value,
                                    n_votes: sim.n,
                                });
                                acc.used(1);
                            }
                            None => skipped.undefined += 1,
                        }
                    }
                }
            }
        }
    }
    for (reason, n) in [
        (
            "actor has no recorded vote in the data".to_string(),
            skipped.actor_absent,
        ),
        (
            "partner has no recorded vote in the data".to_string(),
            skipped.partner_absent,
        ),
        (
            "no roll call of the issue filter that year".to_string(),
            skipped.no_roll_call,
        ),
        (
            "no roll call of the year and filter on which both recorded a vote".to_string(),
            skipped.none_shared,
        ),
        (
            format!(
                "fewer than {min_votes} roll calls of the year and filter on which both \
                 recorded a vote"
            ),
            skipped.few_shared,
        ),
        (
            "pi and kappa undefined: both cast one and the same vote on every roll call \
             (D_e = 0)"
                .to_string(),
            skipped.undefined,
        ),
    ] {
        acc.exclude(reason, n);
    }
    (rows, acc)
}

/// Candidate rows of [`voting_table`] left out, by reason.
#[derive(Default)]
struct Skipped {
    actor_absent: usize,
    partner_absent: usize,
    no_roll_call: usize,
    none_shared: usize,
    few_shared: usize,
    undefined: usize,
}

/// The rows of [`voting_table`]: `actor`, `partner` (ISO3 text), `year`, `issue`, `measure`,
/// `value`, `n_votes`, in row order.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::unvotes};
/// use linkage::alignment::voting::voting_table;
/// use linkage::io::frame::to_frame;
/// let dir = linkage::default_data_dir();
/// let v = unvotes::load(&dir, &Concordance::load(&dir).unwrap()).unwrap().records;
/// let (rows, _) = voting_table(&v, &[iso3!("JPN")], Some(&[iso3!("VNM")]), 10);
/// let df = to_frame(rows.as_slice()).unwrap();
/// assert_eq!(df.height(), rows.len());
/// let names: Vec<String> = df.get_column_names().iter().map(|s| s.to_string()).collect();
/// assert_eq!(names, ["actor", "partner", "year", "issue", "measure", "value", "n_votes"]);
/// ```
impl Rows for [VotingRow] {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("actor", Kind::Text),
            Column::new("partner", Kind::Text),
            Column::new("year", Kind::Int32),
            Column::new("issue", Kind::Text),
            Column::new("measure", Kind::Text),
            Column::new("value", Kind::Float64),
            Column::new("n_votes", Kind::UInt64),
        ]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()> {
        for r in self {
            sink.text(r.actor.as_str());
            sink.text(r.partner.as_str());
            sink.int(i64::from(r.year));
            sink.text(&r.issue);
            sink.text(r.measure);
            sink.float(r.value);
            sink.int(r.n_votes as i64);
            sink.end_row()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::unvotes::{ABSENT, ABSTAIN, NO, YES};
    use crate::{Concordance, iso3};
    use approx::assert_relative_eq;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    /// The shipped vote data, loaded once for all tests.
    fn data() -> &'static UnVotes {
        static DATA: OnceLock<UnVotes> = OnceLock::new();
        DATA.get_or_init(|| {
            let dir = crate::default_data_dir();
            crate::sources::unvotes::load(&dir, &Concordance::load(&dir).unwrap())
                .unwrap()
                .records
        })
    }

    fn issue(v: &UnVotes, short: &str) -> IssueFilter {
        IssueFilter::Issue(
            v.issues()
                .iter()
                .position(|i| i.short_name == short)
                .unwrap(),
        )
    }

    fn year(v: &UnVotes, y: i32) -> Range<usize> {
        v.year_ranges()
            .iter()
            .find(|(k, _)| *k == y)
            .unwrap()
            .1
            .clone()
    }

    #[test]
    fn identical_vectors_agree_fully() {
        // A vector with variation, so that D_e > 0: |d| = 0 everywhere → D_o = 0, every
        // measure 1.
        let a = [YES, YES, ABSTAIN, NO, NO, YES, ABSENT];
        let s = similarity(&a, &a, |_| true);
        assert_eq!(s.n, 6);
        assert_eq!(s.measures().map(|(_, v)| v), [Some(1.0); 4]);
        assert_eq!(agreement(&a, &a), Some((1.0, 6)));
        assert_eq!(s_score(&a, &a), Some((1.0, 6)));
        assert_eq!(scott_pi(&a, &a), Some((1.0, 6)));
        assert_eq!(cohen_kappa(&a, &a), Some((1.0, 6)));
    }

    #[test]
    fn yes_against_no_everywhere() {
        // n = 4, |d| = 2 each: Σ|d| = 8. agreement = 1 − 8 / 4 / 2 = 0;
        // S = 1 − 2 · 8 / (4 · 2) = −1.
        // κ: row sums (4, 0, 0), column sums (0, 0, 4): D_e = 1 · 1 · 2 / 2 = 1 = D_o → κ = 0.
        // π: pooled shares (1/2, 0, 1/2): D_e = 2 · (1/2 · 1/2 · 2) / 2 = 1/2 → π = 1 − 1 / (1/2)
        // = −1.
        let (a, b) = ([YES; 4], [NO; 4]);
        let s = similarity(&a, &b, |_| true);
        assert_eq!(s.n, 4);
        assert_relative_eq!(s.agreement.unwrap(), 0.0);
        assert_relative_eq!(s.s.unwrap(), -1.0);
        assert_relative_eq!(s.kappa.unwrap(), 0.0);
        assert_relative_eq!(s.pi.unwrap(), -1.0);
    }

    #[test]
    fn one_shared_vote_throughout_leaves_pi_and_kappa_undefined() {
        // Both always yes: D_o = 0 and D_e = 0 for both π and κ: 0/0 → None; agreement and S
        // are 1.
        for v in [YES, ABSTAIN, NO] {
            let s = similarity(&[v; 5], &[v, v, v, ABSENT, v], |_| true);
            assert_eq!(s.n, 4);
            assert_eq!(
                (s.agreement, s.s, s.pi, s.kappa),
                (Some(1.0), Some(1.0), None, None)
            );
        }
        // Nothing in common: every measure None, n = 0.
        let s = similarity(&[YES, ABSENT], &[ABSENT, NO], |_| true);
        assert_eq!(s, Similarity::default());
        assert_eq!(similarity(&[], &[], |_| true), Similarity::default());
        // Only one country constant is fine: first always yes, second yes or no.
        // Row sums (2, 0, 0), column sums (1, 0, 1): D_e^κ = (1/2 · 0 + 1 · 1/2 · 2) / 2 = 1/2,
        // D_o = 2 / 2 / 2 = 1/2 → κ = 0.
        let s = similarity(&[YES, YES], &[YES, NO], |_| true);
        assert_relative_eq!(s.kappa.unwrap(), 0.0);
    }

    #[test]
    fn worked_three_by_three_table() {
        // Ten roll calls (rows: first country, columns: second; yes, abstain, no):
        //
        //            yes  abst  no | n_i+
        //   yes       4     2    0 |  6
        //   abstain   0     1    1 |  2
        //   no        1     0    1 |  2
        //   n_+j      5     3    2 | 10
        //
        // Σ n_ij |i − j| = 2·1 (yes/abst) + 1·1 (abst/no) + 1·2 (no/yes) = 5, so
        // D_o = 5 / (10 · 2) = 1/4; agreement = 1 − 1/4 = 0.75; S = 1 − 2 · 5 / (10 · 2) = 0.5.
        //
        // κ: Σ_ij n_i+ n_+j |i − j| = 6·(3·1 + 2·2) + 2·(5·1 + 2·1) + 2·(5·2 + 3·1)
        //    = 42 + 14 + 26 = 82; D_e^κ = 82 / (10² · 2) = 0.41;
        //    κ = 1 − 0.25 / 0.41 = 1 − 25/41 = 16/41 = 0.390243…
        // π: pooled counts m = n_i+ + n_+i = (11, 5, 4) of 20, p = (0.55, 0.25, 0.20);
        //    D_e^π = Σ_ij p_i p_j |i − j| / 2 = 2·(0.55·0.25·1 + 0.55·0.20·2 + 0.25·0.20·1) / 2
        //    = 0.1375 + 0.22 + 0.05 = 0.4075; π = 1 − 0.25 / 0.4075 = 1 − 100/163 = 63/163
        //    = 0.386503…
        let a = [YES, YES, YES, YES, YES, YES, ABSTAIN, ABSTAIN, NO, NO];
        let b = [YES, YES, YES, YES, ABSTAIN, ABSTAIN, ABSTAIN, NO, YES, NO];
        let t = contingency(&a, &b);
        assert_eq!(t.counts, [[4, 2, 0], [0, 1, 1], [1, 0, 1]]);
        assert_eq!((t.row_sums(), t.col_sums()), ([6, 2, 2], [5, 3, 2]));
        assert_eq!((t.n(), t.sum_abs_diff()), (10, 5));
        assert_relative_eq!(t.observed_distance().unwrap(), 0.25, epsilon = 1e-15);
        assert_relative_eq!(t.expected_distance_kappa().unwrap(), 0.41, epsilon = 1e-15);
        assert_relative_eq!(t.expected_distance_pi().unwrap(), 0.4075, epsilon = 1e-15);
        let s = t.similarity();
        assert_relative_eq!(s.agreement.unwrap(), 0.75, epsilon = 1e-15);
        assert_relative_eq!(s.s.unwrap(), 0.5, epsilon = 1e-15);
        assert_relative_eq!(s.kappa.unwrap(), 16.0 / 41.0, epsilon = 1e-15);
        assert_relative_eq!(s.pi.unwrap(), 63.0 / 163.0, epsilon = 1e-15);
        // The ratio of D_o to D_e, computed either way, gives the same value.
        assert_relative_eq!(
            s.kappa.unwrap(),
            1.0 - t.observed_distance().unwrap() / t.expected_distance_kappa().unwrap(),
            epsilon = 1e-15
        );
        assert_relative_eq!(
            s.pi.unwrap(),
            1.0 - t.observed_distance().unwrap() / t.expected_distance_pi().unwrap(),
            epsilon = 1e-15
        );
    }

    #[test]
    fn codes_that_are_not_votes_are_left_out_without_panic() {
        // -1, 4 and i8::MIN are no votes; only position 3 (yes/no) and 4 (abstain/abstain)
        // count.
        let a = [-1, 4, i8::MIN, YES, ABSTAIN, i8::MAX];
        let b = [YES, YES, YES, NO, ABSTAIN, NO];
        let t = contingency(&a, &b);
        assert_eq!(t.counts, [[0, 0, 1], [0, 1, 0], [0, 0, 0]]);
        // Uneven lengths: the tail of the longer is ignored.
        assert_eq!(contingency(&[YES, NO, NO], &[YES]).n(), 1);
    }

    fn votes(len: usize) -> impl Strategy<Value = (Vec<i8>, Vec<i8>)> {
        (
            proptest::collection::vec(0i8..=3, len),
            proptest::collection::vec(0i8..=3, len),
        )
    }

    proptest! {
        #[test]
        fn symmetric_and_bounded((a, b) in (0usize..60).prop_flat_map(votes)) {
            let ab = similarity(&a, &b, |_| true);
            let ba = similarity(&b, &a, |_| true);
            prop_assert_eq!(ab.n, ba.n);
            for ((_, x), (_, y)) in ab.measures().into_iter().zip(ba.measures()) {
                prop_assert_eq!(x.is_some(), y.is_some());
                if let (Some(x), Some(y)) = (x, y) {
                    prop_assert!((x - y).abs() < 1e-12, "{x} vs {y}");
                }
            }
            prop_assert_eq!(contingency(&a, &b).transpose(), contingency(&b, &a));
            if let Some(v) = ab.agreement { prop_assert!((0.0..=1.0).contains(&v)); }
            if let Some(v) = ab.s { prop_assert!((-1.0..=1.0).contains(&v)); }
            if let Some(v) = ab.pi { prop_assert!(v <= 1.0 + 1e-12); }
            if let Some(v) = ab.kappa { prop_assert!(v <= 1.0 + 1e-12); }
            // S = 2 · agreement − 1; measures defined exactly as documented.
            prop_assert_eq!(ab.agreement.is_some(), ab.n > 0);
            if let (Some(s), Some(g)) = (ab.s, ab.agreement) {
                prop_assert!((s - (2.0 * g - 1.0)).abs() < 1e-12);
            }
            let t = contingency(&a, &b);
            let constant = (0..3).any(|i| t.counts[i][i] == t.n());
            prop_assert_eq!(ab.pi.is_none(), t.n() == 0 || constant);
            prop_assert_eq!(ab.kappa.is_none(), t.n() == 0 || constant);
        }

        #[test]
        fn agreement_is_the_derive_kernel_to_the_bit((a, b) in (0usize..60).prop_flat_map(votes)) {
            let ours = similarity(&a, &b, |_| true);
            let theirs = crate::derive::votes::agreement(&a, &b);
            prop_assert_eq!(ours.agreement.map(f64::to_bits), theirs.map(|(v, _)| v.to_bits()));
            prop_assert_eq!(theirs.map_or(0, |(_, n)| n), ours.n);
        }

        #[test]
        fn selection_equals_filtering_first((a, b) in (0usize..60).prop_flat_map(votes)) {
            // Selecting the even positions is the same as comparing the even positions.
            let even = |v: &[i8]| v.iter().step_by(2).copied().collect::<Vec<_>>();
            let sel = similarity(&a, &b, |k| k % 2 == 0);
            let pre = similarity(&even(&a), &even(&b), |_| true);
            prop_assert_eq!(format!("{sel:?}"), format!("{pre:?}"));
        }
    }

    #[test]
    fn real_data_pairs_by_hand() {
        // Counted with a python script over data/unvotes/*.csv (roll calls whose date falls in
        // the year, both countries recorded a vote, yes = 1, abstain = 2, no = 3), table rows
        // the first country, columns the second, in yes, abstain, no order:
        //
        // USA–JPN 2015: 78 roll calls, n = 78, Σ|d| = 69,
        //   table [[18, 0, 0], [8, 2, 0], [20, 21, 9]], rows (18, 10, 50), columns (46, 23, 9).
        //   agreement = 1 − 69 / 78 / 2 = 0.557692…; S = 1 − 69 / 78 = 0.115385…;
        //   Σ n_i+ n_+j |i − j| = 7038 → κ = 1 − 78 · 69 / 7038 = 4/17 = 0.235294…;
        //   Σ m_i m_j |i − j| = 23222 → π = 1 − 4 · 78 · 69 / 23222 = 847/11611 = 0.072948….
        // VNM–CHN 2019: 90 roll calls, n = 86, Σ|d| = 19,
        //   table [[69, 5, 5], [1, 1, 3], [0, 0, 2]], rows (79, 5, 2), columns (70, 6, 10).
        //   agreement = 1 − 19 / 86 / 2 = 0.889535…; S = 1 − 19 / 86 = 0.779070…;
        //   Σ n_i+ n_+j |i − j| = 2746 → κ = 1 − 86 · 19 / 2746 = 556/1373 = 0.404953…;
        //   Σ m_i m_j |i − j| = 10694 → π = 1 − 4 · 86 · 19 / 10694 = 2079/5347 = 0.388816….
        // USA–CHN 2019: n = 88, Σ|d| = 140, table [[9, 1, 7], [6, 1, 1], [57, 4, 2]]:
        //   κ = −443/2637 = −0.167994…, π = −4689/7631 = −0.614467….
        let v = data();
        let (us, jp, cn, vn) = (iso3!("USA"), iso3!("JPN"), iso3!("CHN"), iso3!("VNM"));
        let pair = |a, b, y| {
            let r = year(v, y);
            contingency(
                &v.votes_of(a).unwrap()[r.clone()],
                &v.votes_of(b).unwrap()[r],
            )
        };

        let t = pair(us, jp, 2015);
        assert_eq!(t.counts, [[18, 0, 0], [8, 2, 0], [20, 21, 9]]);
        assert_eq!((t.n(), t.sum_abs_diff()), (78, 69));
        let s = t.similarity();
        assert_relative_eq!(
            s.agreement.unwrap(),
            1.0 - 69.0 / 78.0 / 2.0,
            epsilon = 1e-12
        );
        assert_relative_eq!(s.s.unwrap(), 1.0 - 69.0 / 78.0, epsilon = 1e-12);
        assert_relative_eq!(s.kappa.unwrap(), 4.0 / 17.0, epsilon = 1e-12);
        assert_relative_eq!(s.pi.unwrap(), 847.0 / 11611.0, epsilon = 1e-12);

        let t = pair(vn, cn, 2019);
        assert_eq!(t.counts, [[69, 5, 5], [1, 1, 3], [0, 0, 2]]);
        assert_eq!((t.n(), t.sum_abs_diff()), (86, 19));
        let s = t.similarity();
        assert_relative_eq!(
            s.agreement.unwrap(),
            1.0 - 19.0 / 86.0 / 2.0,
            epsilon = 1e-12
        );
        assert_relative_eq!(s.s.unwrap(), 1.0 - 19.0 / 86.0, epsilon = 1e-12);
        assert_relative_eq!(s.kappa.unwrap(), 556.0 / 1373.0, epsilon = 1e-12);
        assert_relative_eq!(s.pi.unwrap(), 2079.0 / 5347.0, epsilon = 1e-12);
        // High raw agreement, modest chance-corrected agreement: most votes are yes by both.
        assert!(s.kappa.unwrap() < s.s.unwrap());

        let s = pair(us, cn, 2019).similarity();
        assert_eq!(s.n, 88);
        assert_relative_eq!(s.kappa.unwrap(), -443.0 / 2637.0, epsilon = 1e-12);
        assert_relative_eq!(s.pi.unwrap(), -4689.0 / 7631.0, epsilon = 1e-12);

        // The same through period_similarity, one year.
        let p = period_similarity(v, vn, cn, 2019..=2019, IssueFilter::All).unwrap();
        assert_eq!(
            format!("{p:?}"),
            format!("{:?}", pair(vn, cn, 2019).similarity())
        );
    }

    #[test]
    fn issue_and_important_filters_by_hand() {
        // Python counts as above, restricted to the roll calls with the issue in the issues
        // file, or with importantvote = 1:
        // USA–JPN 2015 human rights (hr): 20 roll calls, n = 20, Σ|d| = 9,
        //   table [[6, 0, 0], [0, 1, 0], [2, 5, 6]]: κ = 19/34, π = 403/763.
        // USA–JPN 1995 important: 27 roll calls, n = 27, Σ|d| = 32,
        //   table [[9, 0, 0], [0, 0, 0], [15, 2, 1]]: κ = 1/13, π = −185/679.
        // USA–JPN human rights, all years: n = 591.
        // VNM–CHN 2019 Palestinian conflict (me): n = 14, all yes by both → π, κ undefined.
        let v = data();
        let (us, jp, cn, vn) = (iso3!("USA"), iso3!("JPN"), iso3!("CHN"), iso3!("VNM"));
        let hr = issue(v, "hr");
        let s = period_similarity(v, us, jp, 2015..=2015, hr).unwrap();
        assert_eq!(s.n, 20);
        assert_relative_eq!(
            s.agreement.unwrap(),
            1.0 - 9.0 / 20.0 / 2.0,
            epsilon = 1e-12
        );
        assert_relative_eq!(s.s.unwrap(), 1.0 - 9.0 / 20.0, epsilon = 1e-12);
        assert_relative_eq!(s.kappa.unwrap(), 19.0 / 34.0, epsilon = 1e-12);
        assert_relative_eq!(s.pi.unwrap(), 403.0 / 763.0, epsilon = 1e-12);

        let s = period_similarity(v, us, jp, 1995..=1995, IssueFilter::Important).unwrap();
        assert_eq!(s.n, 27);
        assert_relative_eq!(s.kappa.unwrap(), 1.0 / 13.0, epsilon = 1e-12);
        assert_relative_eq!(s.pi.unwrap(), -185.0 / 679.0, epsilon = 1e-12);

        let s = period_similarity(v, us, jp, 1900..=2100, hr).unwrap();
        assert_eq!(s.n, 591);

        let s = period_similarity(v, vn, cn, 2019..=2019, issue(v, "me")).unwrap();
        assert_eq!(s.n, 14);
        assert_eq!(
            (s.agreement, s.s, s.pi, s.kappa),
            (Some(1.0), Some(1.0), None, None)
        );

        // An issue index the data lacks selects nothing; a period with no roll call is empty.
        let none = period_similarity(v, us, jp, 2015..=2015, IssueFilter::Issue(31)).unwrap();
        assert_eq!(none, Similarity::default());
        let none = period_similarity(v, us, jp, 1950..=1960, IssueFilter::All).unwrap();
        assert_eq!(none, Similarity::default());
        assert_eq!(IssueFilter::Issue(31).label(v.issues()), "issue 31");
    }

    #[test]
    fn periods_pool_their_years() {
        // A period's table is the sum of its years' tables.
        let v = data();
        let (a, b) = (
            v.votes_of(iso3!("IND")).unwrap(),
            v.votes_of(iso3!("USA")).unwrap(),
        );
        let mut sum = Contingency::default();
        for y in 1990..=1999 {
            let r = year(v, y);
            let t = contingency(&a[r.clone()], &b[r]);
            for i in 0..3 {
                for j in 0..3 {
                    sum.counts[i][j] += t.counts[i][j];
                }
            }
        }
        let p = period_similarity(v, iso3!("IND"), iso3!("USA"), 1990..=1999, IssueFilter::All)
            .unwrap();
        assert_eq!(format!("{p:?}"), format!("{:?}", sum.similarity()));
        // Reversed and partly outside ranges.
        #[allow(clippy::reversed_empty_ranges)]
        let empty = period_similarity(v, iso3!("IND"), iso3!("USA"), 1999..=1990, IssueFilter::All);
        assert_eq!(empty.unwrap().n, 0);
        let wide = period_similarity(v, iso3!("IND"), iso3!("USA"), 1800..=1990, IssueFilter::All);
        let r = year(v, 1990);
        assert_eq!(
            wide.unwrap().n,
            contingency(&a[r.clone()], &b[r]).n() as usize
        );
    }

    #[test]
    fn voting_table_on_the_shipped_data() {
        let v = data();
        let actors = crate::derive::ACTORS;
        let (rows, acc) = voting_table(v, &actors, None, 10);
        assert_eq!(acc.rows_used(), rows.len());
        assert!(acc.balances());
        // 2,046 dyads × 31 calendar years (1990–2020) × 8 filters × 4 measures = 2,029,632
        // candidate rows, 1,488,118 of them with a value (min_votes = 10).
        assert_eq!((acc.rows_in(), rows.len()), (2_029_632, 1_488_118));
        // Dyads: 11 actors × (191 countries − 11 actors) + 11 · 10 / 2 pairs of actors.
        let n_countries = v.countries().len();
        let n_dyads =
            actors.len() * (n_countries - actors.len()) + actors.len() * (actors.len() - 1) / 2;
        assert_eq!(n_dyads, 11 * (n_countries - 11) + 55);
        let filters = IssueFilter::every(v).len();
        assert_eq!(acc.rows_in(), n_dyads * v.year_ranges().len() * filters * 4);
        // Each unordered pair of actors once, the earlier actor first.
        let pos = |c: Iso3| actors.iter().position(|&a| a == c);
        for r in &rows {
            assert_ne!(r.actor, r.partner);
            assert!(pos(r.actor).is_some());
            if let Some(p) = pos(r.partner) {
                assert!(pos(r.actor) < Some(p), "{} {}", r.actor, r.partner);
            }
            assert!(r.n_votes >= 10);
            assert!(MEASURES.contains(&r.measure));
            assert!(r.value <= 1.0 + 1e-12 && r.value.is_finite());
        }
        // A value equals the direct computation.
        let find = |a, p, y, issue: &str, m| {
            rows.iter().find(|r| {
                r.actor == a
                    && r.partner == p
                    && r.year == y
                    && &*r.issue == issue
                    && r.measure == m
            })
        };
        let r = find(iso3!("USA"), iso3!("JPN"), 2015, "all", "kappa").unwrap();
        assert_eq!(r.n_votes, 78);
        assert_relative_eq!(r.value, 4.0 / 17.0, epsilon = 1e-12);
        let r = find(iso3!("USA"), iso3!("JPN"), 2015, "hr", "pi").unwrap();
        assert_eq!(r.n_votes, 20);
        assert_relative_eq!(r.value, 403.0 / 763.0, epsilon = 1e-12);
        let r = find(iso3!("CHN"), iso3!("VNM"), 2019, "all", "s").unwrap();
        assert_relative_eq!(r.value, 1.0 - 19.0 / 86.0, epsilon = 1e-12);
        // CHN–VNM 2019 Palestinian conflict: agreement and S rows, no π or κ.
        assert!(find(iso3!("CHN"), iso3!("VNM"), 2019, "me", "agreement").is_some());
        assert!(find(iso3!("CHN"), iso3!("VNM"), 2019, "me", "pi").is_none());
        // Every (dyad, year, filter) with rows matches period_similarity.
        for r in rows.iter().step_by(997) {
            let f = IssueFilter::every(v)
                .into_iter()
                .find(|f| f.label(v.issues()) == *r.issue)
                .unwrap();
            let s = period_similarity(v, r.actor, r.partner, r.year..=r.year, f).unwrap();
            let value = s
                .measures()
                .into_iter()
                .find(|(m, _)| *m == r.measure)
                .unwrap()
                .1;
            assert_eq!(s.n, r.n_votes);
            assert_eq!(value.map(f64::to_bits), Some(r.value.to_bits()));
        }
        // The agreement rows for "all" are the panel's unga_agreement (actor × partner only).
        let mut p = crate::Panel::new(crate::catalogue()).unwrap();
        crate::derive::votes::derive(v, &actors, 10, &mut p).unwrap();
        let mut checked = 0;
        for r in rows
            .iter()
            .filter(|r| &*r.issue == "all" && r.measure == "agreement")
        {
            let q = p.get(r.actor, r.partner, r.year, "unga_agreement").unwrap();
            assert_eq!(q.to_bits(), r.value.to_bits());
            checked += 1;
        }
        assert!(checked > 50_000);
        // Important votes: none marked from 2018 on (the file leaves `importantvote` empty for
        // every roll call of 2018–2020), counted as such.
        assert!(acc.exclusions()["no roll call of the issue filter that year"] > 0);
        assert!(
            !rows
                .iter()
                .any(|r| &*r.issue == "important" && r.year >= 2018)
        );

        let csv = crate::testutil::csv_text(rows.as_slice());
        assert_eq!(csv.lines().count(), 1 + rows.len());
        assert!(csv.lines().all(|l| l.split(',').count() == 7));
    }

    #[test]
    fn voting_table_lists_and_accounts() {
        let v = data();
        let (us, jp, cn) = (iso3!("USA"), iso3!("JPN"), iso3!("CHN"));
        let nowhere = iso3!("XKX");
        // Repeats count once; an actor in the partner list is a pair of actors; a partner with
        // no vote is counted.
        let (rows, acc) = voting_table(v, &[us, jp, us], Some(&[cn, cn, jp, nowhere]), 10);
        // In row order: USA's later actor JPN, then USA's partner CHN, then JPN's.
        let mut dyads: Vec<_> = rows.iter().map(|r| (r.actor, r.partner)).collect();
        dyads.dedup();
        assert_eq!(dyads, [(us, jp), (us, cn), (jp, cn)]);
        let per_dyad = v.year_ranges().len() * IssueFilter::every(v).len() * 4;
        assert_eq!(acc.rows_in(), 5 * per_dyad);
        assert_eq!(
            acc.exclusions()["partner has no recorded vote in the data"],
            2 * per_dyad
        );
        // An actor with no vote: every dyad it would form is counted.
        let (rows, acc) = voting_table(v, &[nowhere, us], Some(&[cn]), 10);
        assert!(rows.iter().all(|r| r.actor == us));
        assert_eq!(
            acc.exclusions()["actor has no recorded vote in the data"],
            2 * per_dyad
        );
        // min_votes 0 behaves as 1: never a row with n = 0.
        let (rows, _) = voting_table(v, &[us], Some(&[jp]), 0);
        assert!(rows.iter().all(|r| r.n_votes >= 1));
        // Rows come in MEASURES order within a (dyad, year, filter).
        assert_eq!(rows[0].measure, "agreement");
        // Empty inputs.
        let (rows, acc) = voting_table(v, &[], None, 10);
        assert!(rows.is_empty() && acc.rows_in() == 0);
        assert_eq!(
            crate::testutil::csv_text(&[] as &[VotingRow])
                .lines()
                .count(),
            1
        );
    }
}
