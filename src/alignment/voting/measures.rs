//! The measure kernels: the 3×3 [`Contingency`] table of two countries' votes and the four
//! measures of the [module docs](super) computed from it ([`Similarity`]), with the formulas on
//! each method.

/// The largest vote distance, yes against no: |1 − 3| = 2.
///
/// # Examples
/// ```
/// use linkage::alignment::voting::{Contingency, D_MAX};
/// // Yes against no: one roll call at the largest distance.
/// let t = Contingency::from_votes(&[1], &[3]);
/// assert_eq!(t.sum_abs_diff() as f64, D_MAX);
/// assert_eq!(t.observed_distance(), Some(1.0));
/// ```
pub const D_MAX: f64 = 2.0;

/// The measures of a [`Similarity`], in the order [`voting_table`](super::voting_table) writes
/// them: the `measure` column of [`VotingRow`](super::VotingRow).
///
/// # Examples
/// ```
/// use linkage::alignment::voting::{MEASURES, Similarity};
/// assert_eq!(MEASURES, ["agreement", "s", "pi", "kappa"]);
/// assert_eq!(Similarity::default().measures().map(|(name, _)| name), MEASURES);
/// ```
pub const MEASURES: [&str; 4] = ["agreement", "s", "pi", "kappa"];

/// The cell of a vote pair in a row-major 3×3 table, or `None` unless both codes are votes
/// (1 = yes, 2 = abstain, 3 = no).
#[inline]
pub(super) fn cell(x: i8, y: i8) -> Option<usize> {
    // Codes 1..=3 map to 0..=2; 0 (absent), negatives and > 3 wrap to ≥ 3 and are left out.
    let (i, j) = ((x as u8).wrapping_sub(1), (y as u8).wrapping_sub(1));
    (i < 3 && j < 3).then_some(usize::from(i) * 3 + usize::from(j))
}

/// The 3×3 contingency table of two countries' votes over the roll calls on which both
/// recorded one: `counts[i][j]` is the number of roll calls on which the first voted i and the
/// second j, with 0 = yes, 1 = abstain, 2 = no.
///
/// Every measure of the [module docs](super) is a function of the table; see
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
    /// // yes/yes, abstain/no.
    /// let t = Contingency::from_votes(&[1, 2], &[1, 3]);
    /// assert_eq!(t.counts, [[1, 0, 0], [0, 0, 1], [0, 0, 0]]);
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
    pub(super) fn from_flat(flat: &[u64; 9]) -> Contingency {
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

    /// agreement = 1 − D_o = 1 − mean |x₁ − x₂| / 2, in [0, 1]; `None` when n = 0. The kernel of
    /// `unga_agreement` ([`crate::derive::votes`]).
    ///
    /// # Examples
    /// ```
    /// use linkage::alignment::voting::Contingency;
    /// // yes/yes agree (0), yes/abstain half (1), the third position is absent for one: ignored.
    /// let t = Contingency::from_votes(&[1, 1, 3], &[1, 2, 0]);
    /// assert_eq!((t.agreement(), t.n()), (Some(0.75), 2));
    /// // Nothing in common: `None`, never 0 or 1.
    /// assert_eq!(Contingency::from_votes(&[0, 1], &[2, 0]).agreement(), None);
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
    /// // yes/yes (0) and yes/no (2): S = 1 − 2 · 2 / (2 · 2) = 0.
    /// let t = Contingency::from_votes(&[1, 1], &[1, 3]);
    /// assert_eq!((t.s(), t.n()), (Some(0.0), 2));
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
    /// // Identical votes with variation: π = 1.
    /// let t = Contingency::from_votes(&[1, 3], &[1, 3]);
    /// assert_eq!((t.pi(), t.n()), (Some(1.0), 2));
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
    /// // Identical votes with variation: κ = 1.
    /// let t = Contingency::from_votes(&[1, 3], &[1, 3]);
    /// assert_eq!((t.kappa(), t.n()), (Some(1.0), 2));
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
/// the [module docs](super) and the number n of roll calls on which both recorded a vote.
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
