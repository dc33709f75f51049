//! Alignment of two actors' presence profiles in one partner, from presence scores.
//!
//! A *profile* is an actor's vector of dimension scores (level 2 of the presence framework:
//! trade, aid, tourism, soft power) in one partner and year. Only dimensions where both actors
//! have a score count; every measure reports that number `n`, and below a minimum it is missing.
//!
//! - **Cosine similarity** `cos = Σ aᵢbᵢ / (‖a‖·‖b‖)`: 1 when the profiles point the same way
//!   (same mix of strengths), whatever their levels; in [0, 1] for non-negative scores.
//! - **Pearson correlation** `r = Σ(aᵢ−ā)(bᵢ−b̄) / √(Σ(aᵢ−ā)² Σ(bᵢ−b̄)²)`: whether both are
//!   relatively strong in the same dimensions; undefined when either profile is flat.
//! - **Complementarity** `C = Σ|aᵢ − bᵢ| / Σ(aᵢ + bᵢ)` (the Bray–Curtis dissimilarity of the two
//!   profiles): 0 when they are present in the same ways and to the same degree; 1 when each is
//!   present exactly where the other is absent. High complementarity means one is strong where the
//!   other is weak: between allies, a division of labour; low complementarity, overlap.
//! - **Balance against a third actor** `B = (Pₐ + P_b) / (2·P_c)`: the pair's mean overall
//!   presence relative to the third actor's (e.g. the United States and Japan against China);
//!   above 1 the pair's average presence exceeds the third's.
//! - **Co-movement** over a window of years ending in `t`: the Pearson correlation of the two
//!   actors' year-on-year changes in overall presence, `corr(ΔPₐ, ΔP_b)`; `n` = number of
//!   consecutive-year change pairs used.
//!
//! Sources: cosine and Pearson as in any profile-similarity analysis; Bray & Curtis (1957),
//! *Ecological Monographs* 27(4), for the dissimilarity used as complementarity.

use crate::io::rows::{Column, Kind, RowSink, Rows};
use crate::panel::country::Iso3;
use crate::presence::Presence;
use crate::score::spec::Node;

/// A measure with the number of dimensions (or change pairs) it rests on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measure {
    /// The value.
    pub value: f64,
    /// Dimensions (or year-on-year change pairs) used.
    pub n: usize,
}

/// Cosine similarity of two profiles over the positions where both are present (not NaN).
/// `None` when fewer than `min_n` positions remain or a profile is all zeros.
///
/// # Examples
/// ```
/// use linkage::alignment::profile::cosine;
/// let m = cosine(&[10.0, 20.0, 30.0], &[20.0, 40.0, 60.0], 2).unwrap();
/// assert!((m.value - 1.0).abs() < 1e-12); // same mix of strengths
/// assert_eq!(m.n, 3);
/// ```
pub fn cosine(a: &[f64], b: &[f64], min_n: usize) -> Option<Measure> {
    let (mut ab, mut aa, mut bb, mut n) = (0.0, 0.0, 0.0, 0);
    for (&x, &y) in a.iter().zip(b) {
        if x.is_nan() || y.is_nan() {
            continue;
        }
        ab += x * y;
        aa += x * x;
        bb += y * y;
        n += 1;
    }
    (n >= min_n.max(1) && aa > 0.0 && bb > 0.0).then(|| Measure {
        value: ab / (aa.sqrt() * bb.sqrt()),
        n,
    })
}

/// Pearson correlation over the positions where both are present. `None` below `min_n`
/// (at least 2) or when either is constant there.
///
/// # Examples
/// ```
/// use linkage::alignment::profile::pearson;
/// let m = pearson(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0], 3).unwrap();
/// assert!((m.value + 1.0).abs() < 1e-12);
/// assert!(pearson(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0], 3).is_none());
/// ```
pub fn pearson(a: &[f64], b: &[f64], min_n: usize) -> Option<Measure> {
    let pairs = || a.iter().zip(b).filter(|(x, y)| !x.is_nan() && !y.is_nan());
    let n = pairs().count();
    if n < min_n.max(2) {
        return None;
    }
    let (ma, mb) = pairs().fold((0.0, 0.0), |(s, t), (x, y)| (s + x, t + y));
    let (ma, mb) = (ma / n as f64, mb / n as f64);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in pairs() {
        sab += (x - ma) * (y - mb);
        saa += (x - ma) * (x - ma);
        sbb += (y - mb) * (y - mb);
    }
    (saa > 0.0 && sbb > 0.0).then(|| Measure {
        value: (sab / (saa.sqrt() * sbb.sqrt())).clamp(-1.0, 1.0),
        n,
    })
}

/// Complementarity `Σ|aᵢ − bᵢ| / Σ(aᵢ + bᵢ)` (Bray–Curtis) over the positions where both are
/// present; scores must be non-negative. `None` below `min_n` or when both are all zeros.
///
/// # Examples
/// ```
/// use linkage::alignment::profile::complementarity;
/// // Each strong exactly where the other is absent: fully complementary.
/// assert_eq!(complementarity(&[80.0, 0.0], &[0.0, 60.0], 2).unwrap().value, 1.0);
/// // Identical profiles: no complementarity.
/// assert_eq!(complementarity(&[50.0, 20.0], &[50.0, 20.0], 2).unwrap().value, 0.0);
/// ```
pub fn complementarity(a: &[f64], b: &[f64], min_n: usize) -> Option<Measure> {
    let (mut diff, mut sum, mut n) = (0.0, 0.0, 0);
    for (&x, &y) in a.iter().zip(b) {
        if x.is_nan() || y.is_nan() {
            continue;
        }
        diff += (x - y).abs();
        sum += x + y;
        n += 1;
    }
    (n >= min_n.max(1) && sum > 0.0).then(|| Measure {
        value: diff / sum,
        n,
    })
}

/// Balance of a pair against a third actor, `(pa + pb) / (2·pc)`. `None` when any is missing or
/// the third's presence is not positive.
///
/// # Examples
/// ```
/// use linkage::alignment::profile::balance;
/// assert_eq!(balance(40.0, 20.0, 60.0), Some(0.5));
/// assert_eq!(balance(40.0, f64::NAN, 60.0), None);
/// ```
pub fn balance(pa: f64, pb: f64, pc: f64) -> Option<f64> {
    (pa.is_finite() && pb.is_finite() && pc.is_finite() && pc > 0.0).then(|| (pa + pb) / (2.0 * pc))
}

/// Co-movement: Pearson correlation of year-on-year changes of two series given as
/// `(year, value)` for consecutive years. Changes are formed only between consecutive years
/// where both series have values in both years. `None` below `min_n` change pairs.
///
/// # Examples
/// ```
/// use linkage::alignment::profile::co_movement;
/// let a = [(2000, 10.0), (2001, 12.0), (2002, 11.0), (2003, 15.0)];
/// let b = [(2000, 30.0), (2001, 33.0), (2002, 31.0), (2003, 36.0)];
/// let m = co_movement(&a, &b, 3).unwrap();
/// assert!(m.value > 0.9);
/// assert_eq!(m.n, 3);
/// ```
pub fn co_movement(a: &[(i32, f64)], b: &[(i32, f64)], min_n: usize) -> Option<Measure> {
    let find = |s: &[(i32, f64)], y: i32| {
        s.iter()
            .find(|(t, v)| *t == y && !v.is_nan())
            .map(|(_, v)| *v)
    };
    let mut da = Vec::new();
    let mut db = Vec::new();
    for &(y, va) in a {
        if va.is_nan() {
            continue;
        }
        let (Some(pa), Some(vb), Some(pb)) = (find(a, y - 1), find(b, y), find(b, y - 1)) else {
            continue;
        };
        da.push(va - pa);
        db.push(vb - pb);
    }
    pearson(&da, &db, min_n)
}

/// One alignment value: `measure` between `actor_a` and `actor_b` in `partner` and `year`.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignmentRow {
    /// First actor.
    pub actor_a: Iso3,
    /// Second actor.
    pub actor_b: Iso3,
    /// Partner.
    pub partner: Iso3,
    /// Year.
    pub year: i32,
    /// `cosine`, `pearson`, `complementarity`, `balance_vs_<third>`, `co_movement`.
    pub measure: String,
    /// Value.
    pub value: f64,
    /// Dimensions, change pairs or actors it rests on.
    pub n: usize,
}

/// Settings of the profile-alignment table.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignmentOptions {
    /// Pairs of actors.
    pub pairs: Vec<(Iso3, Iso3)>,
    /// Third actor for the balance ratio (skipped for pairs that include it).
    pub third: Iso3,
    /// Fewest dimensions both must have for cosine, Pearson and complementarity.
    pub min_dimensions: usize,
    /// Window of years for co-movement, ending at the row's year.
    pub window: i32,
    /// Fewest year-on-year change pairs for co-movement.
    pub min_changes: usize,
}

impl Default for AlignmentOptions {
    /// USA–JPN, USA–CHN, JPN–CHN; balance against China; 3 dimensions; a 10-year window with
    /// at least 5 changes.
    fn default() -> Self {
        use crate::iso3;
        AlignmentOptions {
            pairs: vec![
                (iso3!("USA"), iso3!("JPN")),
                (iso3!("USA"), iso3!("CHN")),
                (iso3!("JPN"), iso3!("CHN")),
            ],
            third: iso3!("CHN"),
            min_dimensions: 3,
            window: 10,
            min_changes: 5,
        }
    }
}

/// Profile alignment for every pair, partner and year of a presence run.
///
/// # Examples
/// ```
/// use linkage::{Dataset, iso3, presence, alignment::profile};
/// let data = Dataset::load(linkage::default_data_dir()).unwrap();
/// let built = data.default_panel().unwrap();
/// let fw = presence::default_spec(&data.dir).unwrap().resolve().unwrap();
/// let p = presence::score(&built.panel, &fw).unwrap();
/// let rows = profile::alignment_table(&p, &profile::AlignmentOptions::default());
/// let us_jp_vn = rows.iter().find(|r| r.actor_b == iso3!("JPN") && r.partner == iso3!("VNM")
///     && r.year == 2015 && r.measure == "cosine").unwrap();
/// assert!(us_jp_vn.value > 0.0 && us_jp_vn.value <= 1.0);
/// assert_eq!(us_jp_vn.n, 4);
/// ```
pub fn alignment_table(p: &Presence, opts: &AlignmentOptions) -> Vec<AlignmentRow> {
    let fw = &p.framework();
    let root = fw.root();
    let dims: Vec<usize> = (0..fw.groups().len())
        .filter(|&g| fw.groups()[g].level() == 2)
        .collect();
    let root_col = p.scores.column(Node::Group(root));
    let profile = |i: Option<usize>| -> Vec<f64> {
        dims.iter()
            .map(|&g| i.map_or(f64::NAN, |i| p.scores.aggregated.get(i, g)))
            .collect()
    };
    let unit = |a: Iso3, partner: Iso3, y: i32| p.units.binary_search(&(a, partner, y)).ok();
    let overall =
        |a: Iso3, partner: Iso3, y: i32| unit(a, partner, y).map_or(f64::NAN, |i| root_col[i]);

    let mut partner_years: Vec<(Iso3, i32)> = p.units.iter().map(|&(_, q, y)| (q, y)).collect();
    partner_years.sort();
    partner_years.dedup();
    let mut rows = Vec::new();
    for &(a, b) in &opts.pairs {
        for &(partner, year) in &partner_years {
            let (ia, ib) = (unit(a, partner, year), unit(b, partner, year));
            if ia.is_none() || ib.is_none() {
                continue;
            }
            let (pa, pb) = (profile(ia), profile(ib));
            let mut push = |measure: &str, m: Option<Measure>| {
                if let Some(m) = m {
                    rows.push(AlignmentRow {
                        actor_a: a,
                        actor_b: b,
                        partner,
                        year,
                        measure: measure.to_string(),
                        value: m.value,
                        n: m.n,
                    });
                }
            };
            push("cosine", cosine(&pa, &pb, opts.min_dimensions));
            push("pearson", pearson(&pa, &pb, opts.min_dimensions));
            push(
                "complementarity",
                complementarity(&pa, &pb, opts.min_dimensions),
            );
            if a != opts.third && b != opts.third {
                let c = overall(opts.third, partner, year);
                push(
                    &format!("balance_vs_{}", opts.third),
                    balance(overall(a, partner, year), overall(b, partner, year), c)
                        .map(|value| Measure { value, n: 3 }),
                );
            }
            let series = |actor: Iso3| -> Vec<(i32, f64)> {
                (year - opts.window..=year)
                    .map(|y| (y, overall(actor, partner, y)))
                    .collect()
            };
            push(
                "co_movement",
                co_movement(&series(a), &series(b), opts.min_changes),
            );
        }
    }
    rows
}

/// The value of the first row for `actor_a`–`actor_b` in `partner` and `year` whose measure
/// starts with `measure` (so `balance` finds `balance_vs_CHN`); `None` when the table has none.
///
/// # Examples
/// ```
/// use linkage::{iso3, alignment::profile::{AlignmentRow, lookup}};
/// let rows = [AlignmentRow { actor_a: iso3!("USA"), actor_b: iso3!("JPN"), partner: iso3!("VNM"),
///     year: 2019, measure: "balance_vs_CHN".into(), value: 0.8, n: 3 }];
/// assert_eq!(lookup(&rows, iso3!("USA"), iso3!("JPN"), iso3!("VNM"), 2019, "balance"), Some(0.8));
/// assert_eq!(lookup(&rows, iso3!("USA"), iso3!("JPN"), iso3!("VNM"), 2018, "balance"), None);
/// ```
pub fn lookup(
    rows: &[AlignmentRow],
    actor_a: Iso3,
    actor_b: Iso3,
    partner: Iso3,
    year: i32,
    measure: &str,
) -> Option<f64> {
    rows.iter()
        .find(|r| {
            r.actor_a == actor_a
                && r.actor_b == actor_b
                && r.partner == partner
                && r.year == year
                && r.measure.starts_with(measure)
        })
        .map(|r| r.value)
}

impl Rows for [AlignmentRow] {
    /// `actor_a, actor_b, partner, year, measure, value, n`.
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("actor_a", Kind::Text),
            Column::new("actor_b", Kind::Text),
            Column::new("partner", Kind::Text),
            Column::new("year", Kind::Int32),
            Column::new("measure", Kind::Text),
            Column::new("value", Kind::Float64),
            Column::new("n", Kind::UInt32),
        ]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> crate::Result<()> {
        for r in self {
            sink.text(r.actor_a.as_str());
            sink.text(r.actor_b.as_str());
            sink.text(r.partner.as_str());
            sink.int(i64::from(r.year));
            sink.text(&r.measure);
            sink.float(r.value);
            sink.int(i64::from(r.n as u32));
            sink.end_row()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn identical_profiles() {
        let a = [40.0, 10.0, 70.0, 30.0];
        assert_relative_eq!(cosine(&a, &a, 3).unwrap().value, 1.0, epsilon = 1e-12);
        assert_relative_eq!(pearson(&a, &a, 3).unwrap().value, 1.0, epsilon = 1e-12);
        assert_relative_eq!(complementarity(&a, &a, 3).unwrap().value, 0.0);
    }

    #[test]
    fn hand_worked_profiles() {
        // a = (60, 20, 0), b = (30, 20, 50).
        // cos = (1800 + 400 + 0) / (√4000 · √3800) = 2200 / 3898.72 = 0.564289…
        // complementarity = (30 + 0 + 50) / (90 + 40 + 50) = 80 / 180 = 0.4444…
        // Pearson: ā = 26.667, b̄ = 33.333; deviations a: 33.33, −6.67, −26.67;
        // b: −3.33, −13.33, 16.67; Σ = −111.1 + 88.9 − 444.4 = −466.7;
        // Σa² = 1866.7, Σb² = 466.7 → r = −466.7 / √(1866.7 · 466.7) = −0.5
        let (a, b) = ([60.0, 20.0, 0.0], [30.0, 20.0, 50.0]);
        assert_relative_eq!(
            cosine(&a, &b, 3).unwrap().value,
            2200.0 / (4000f64.sqrt() * 3800f64.sqrt()),
            epsilon = 1e-12
        );
        assert_relative_eq!(
            complementarity(&a, &b, 3).unwrap().value,
            80.0 / 180.0,
            epsilon = 1e-12
        );
        assert_relative_eq!(pearson(&a, &b, 3).unwrap().value, -0.5, epsilon = 1e-12);
    }

    #[test]
    fn symmetric_and_bounded() {
        let a = [12.0, 80.0, f64::NAN, 33.0, 5.0];
        let b = [40.0, 10.0, 70.0, 30.0, 0.0];
        for f in [cosine, pearson, complementarity] {
            let (x, y) = (f(&a, &b, 3).unwrap(), f(&b, &a, 3).unwrap());
            assert_relative_eq!(x.value, y.value, epsilon = 1e-12);
            assert_eq!(x.n, 4); // the NaN dimension is skipped
            assert!((-1.0..=1.0).contains(&x.value));
        }
        assert!((0.0..=1.0).contains(&complementarity(&a, &b, 3).unwrap().value));
    }

    #[test]
    fn below_the_minimum_is_missing() {
        let a = [10.0, f64::NAN, f64::NAN];
        let b = [20.0, 30.0, f64::NAN];
        assert!(cosine(&a, &b, 2).is_none());
        assert!(complementarity(&a, &b, 2).is_none());
        assert_eq!(cosine(&a, &b, 1).unwrap().n, 1);
    }

    #[test]
    fn co_movement_uses_only_consecutive_years_with_both() {
        // Changes 2001: a +2, b +3; 2002: a −1, b −2; 2003 missing in b → skipped;
        // 2004 has no 2003 for b → skipped; so 2 change pairs, perfectly aligned in sign and
        // proportional? (2, −1) vs (3, −2): r = 1 for two points.
        let a = [
            (2000, 10.0),
            (2001, 12.0),
            (2002, 11.0),
            (2003, 15.0),
            (2004, 16.0),
        ];
        let b = [
            (2000, 30.0),
            (2001, 33.0),
            (2002, 31.0),
            (2003, f64::NAN),
            (2004, 40.0),
        ];
        let m = co_movement(&a, &b, 2).unwrap();
        assert_eq!(m.n, 2);
        assert_relative_eq!(m.value, 1.0, epsilon = 1e-12);
        assert!(co_movement(&a, &b, 3).is_none());
    }

    #[test]
    fn balance_ratio() {
        // (30 + 50) / (2 · 40) = 1: the pair's mean equals the third's presence.
        assert_eq!(balance(30.0, 50.0, 40.0), Some(1.0));
        assert_eq!(balance(30.0, 50.0, 0.0), None);
    }
}
