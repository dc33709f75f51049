//! Applying the rules to a panel: each row is checked once, against its series (the same actor,
//! partner and indicator over the years) and, for shares, its denominator.

use rustc_hash::FxHashMap as HashMap;

use crate::panel::Panel;
use crate::panel::country::Iso3;
use crate::panel::flag::Flag;
use crate::panel::method::Method;
use crate::quality::report::{FlaggedCell, QualityReport};
use crate::quality::rules::{Rule, RuleSet};

/// Check every row of `panel` against `rules`, set each row's flag (clearing earlier flags), and
/// return the flagged rows with their evidence.
///
/// # Examples
/// ```
/// use linkage::{Panel, catalogue, iso3, quality::{assess, RuleSet}};
/// let mut p = Panel::new(catalogue()).unwrap();
/// let (us, ru) = (iso3!("USA"), iso3!("RUS"));
/// // A scrambled cell: about 5,000 students a year, then 3.
/// for (y, v) in [(2015, 4900.0), (2016, 5000.0), (2017, 5100.0), (2018, 5074.0), (2019, 3.0)] {
///     p.push(us, ru, y, "students_in_actor_oecd", v).unwrap();
/// }
/// let report = assess(&mut p, &RuleSet::default());
/// assert_eq!(report.cells().len(), 1);
/// assert_eq!(report.cells()[0].year, 2019);
/// assert_eq!(p.flagged(), 1);
/// ```
pub fn assess(panel: &mut Panel, rules: &RuleSet) -> QualityReport {
    for i in 0..panel.len() {
        panel.set_flag(i, None);
    }
    // Each series, sorted by year: (actor, partner, indicator) → [(year, row)].
    let mut series: HashMap<(Iso3, Iso3, u32), Vec<(i32, usize)>> = HashMap::default();
    for (i, o) in panel.rows().iter().enumerate() {
        series
            .entry((o.actor, o.partner, o.indicator))
            .or_default()
            .push((o.year, i));
    }
    for s in series.values_mut() {
        s.sort_unstable();
    }
    // The rows of each indicator, so a rule reads only its own.
    let mut by_indicator: Vec<Vec<usize>> = vec![Vec::new(); panel.indicators().len()];
    for (i, o) in panel.rows().iter().enumerate() {
        by_indicator[o.indicator as usize].push(i);
    }
    let mut cells = Vec::new();
    for rule in rules.rules() {
        let Some(k) = panel.indicator_index(&rule.indicator) else {
            continue;
        };
        let also: Vec<u32> = rule
            .also
            .iter()
            .filter_map(|c| panel.indicator_index(c))
            .collect();
        let against = rule
            .against
            .as_deref()
            .and_then(|c| panel.indicator_index(c));
        let medians = match rule.flag {
            Flag::SmallDenominator => denominator_medians(panel, k),
            _ => HashMap::default(),
        };
        let twins = match rule.flag {
            Flag::RepeatedValue => repeated_values(panel, &by_indicator[k as usize], rule),
            _ => HashMap::default(),
        };
        for &i in &by_indicator[k as usize] {
            let o = panel.rows()[i];
            if o.flag.is_some() || !rule.tests(o.year) {
                continue;
            }
            let evidence = match rule.flag {
                Flag::ShareOutOfRange => share_out_of_range(o.value, rule),
                Flag::SmallDenominator => {
                    small_denominator(o.denominator, medians.get(&o.partner), rule)
                }
                Flag::ZeroForMissing | Flag::ImplausibleJump => {
                    let s = &series[&(o.actor, o.partner, k)];
                    let neighbours = neighbours(panel, s, o.year, rule);
                    if rule.flag == Flag::ZeroForMissing {
                        zero_for_missing(o.value, &neighbours, rule)
                    } else {
                        implausible_jump(o.value, &neighbours, rule)
                    }
                }
                Flag::MirrorGap => against
                    .and_then(|a| panel.position(o.actor, o.partner, o.year, a))
                    .map(|j| panel.rows()[j])
                    .filter(|own| own.method == Method::PartnerReported)
                    .and_then(|own| {
                        record_gap(
                            o.value,
                            own.value,
                            rule,
                            ("mirror share", "the partner's own"),
                        )
                    }),
                Flag::RepeatedValue => twins.get(&i).map(|others| {
                    format!(
                        "{} is also the value of {} for the same actor and year (floor {})",
                        fmt(o.value),
                        others.join(", "),
                        fmt(rule.floor)
                    )
                }),
                Flag::VintageBreak => against
                    .and_then(|a| panel.position(o.actor, o.partner, o.year, a))
                    .map(|j| panel.rows()[j])
                    .and_then(|older| {
                        let what = ("newer vintage", "the early-2022 vintage's");
                        record_gap(o.value, older.value, rule, what)
                    }),
            };
            let Some(evidence) = evidence else {
                continue;
            };
            panel.set_flag(i, Some(rule.flag));
            cells.push(FlaggedCell::new(panel, i, rule, evidence.clone()));
            for &d in &also {
                if let Some(j) = panel.position(o.actor, o.partner, o.year, d)
                    && panel.rows()[j].flag.is_none()
                {
                    panel.set_flag(j, Some(rule.flag));
                    let why = format!(
                        "derived from the flagged {} value: {evidence}",
                        rule.indicator
                    );
                    cells.push(FlaggedCell::new(panel, j, rule, why));
                }
            }
        }
    }
    QualityReport::new(cells, panel.len())
}

/// The nearest year with a non-zero value on each side of `year` in the series, as
/// (year, value): before, after.
fn neighbours(panel: &Panel, series: &[(i32, usize)], year: i32, rule: &Rule) -> Vec<(i32, f64)> {
    let value = |&(y, i): &(i32, usize)| (y, panel.rows()[i].value);
    let before = series
        .iter()
        .rev()
        .filter(|(y, _)| *y < year && rule.tests(*y))
        .map(value)
        .find(|(_, v)| *v != 0.0);
    let after = series
        .iter()
        .filter(|(y, _)| *y > year && rule.tests(*y))
        .map(value)
        .find(|(_, v)| *v != 0.0);
    before.into_iter().chain(after).collect()
}

/// The rows of `rows` (one indicator) whose value, at least the rule's floor, is also the value
/// of another partner of the same actor and year, with those partners.
fn repeated_values(panel: &Panel, rows: &[usize], rule: &Rule) -> HashMap<usize, Vec<String>> {
    let mut groups: HashMap<(Iso3, i32, u64), Vec<usize>> = HashMap::default();
    for &i in rows {
        let o = panel.rows()[i];
        if o.value >= rule.floor && o.value > 0.0 {
            groups
                .entry((o.actor, o.year, o.value.to_bits()))
                .or_default()
                .push(i);
        }
    }
    let mut out = HashMap::default();
    for same in groups.values().filter(|g| g.len() > 1) {
        for &i in same {
            let others = same
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| panel.rows()[j].partner.to_string())
                .collect();
            out.insert(i, others);
        }
    }
    out
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

fn show(neighbours: &[(i32, f64)]) -> String {
    neighbours
        .iter()
        .map(|(y, v)| format!("{y}: {}", fmt(*v)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A number for evidence text: up to 6 significant digits.
fn fmt(v: f64) -> String {
    if v != 0.0 && (v.abs() >= 1e6 || v.abs() < 1e-3) {
        format!("{v:.4e}")
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn share_out_of_range(v: f64, rule: &Rule) -> Option<String> {
    (v < 0.0 || v > rule.threshold)
        .then(|| format!("share {} outside [0, {}]", fmt(v), fmt(rule.threshold)))
}

/// Per partner: the median over years of the positive denominators of indicator `k`.
fn denominator_medians(panel: &Panel, k: u32) -> HashMap<Iso3, f64> {
    let mut by_year: HashMap<(Iso3, i32), f64> = HashMap::default();
    for o in panel.rows().iter().filter(|o| o.indicator == k) {
        if let Some(d) = o.denominator.filter(|d| *d > 0.0) {
            by_year.insert((o.partner, o.year), d);
        }
    }
    let mut per_partner: HashMap<Iso3, Vec<f64>> = HashMap::default();
    for ((p, _), d) in by_year {
        per_partner.entry(p).or_default().push(d);
    }
    per_partner
        .into_iter()
        .map(|(p, mut v)| (p, median(&mut v)))
        .collect()
}

fn small_denominator(d: Option<f64>, median: Option<&f64>, rule: &Rule) -> Option<String> {
    let d = d?;
    if d <= 0.0 {
        return Some(format!("denominator {} is not positive", fmt(d)));
    }
    let m = *median?;
    (d < rule.threshold * m).then(|| {
        format!(
            "denominator {} is {} of the partner's median {} (below {})",
            fmt(d),
            fmt(d / m),
            fmt(m),
            fmt(rule.threshold)
        )
    })
}

fn zero_for_missing(v: f64, neighbours: &[(i32, f64)], rule: &Rule) -> Option<String> {
    if v != 0.0 || neighbours.is_empty() || neighbours.iter().any(|n| n.1 < rule.floor) {
        return None;
    }
    Some(format!(
        "0 where the nearest years hold {} (floor {})",
        show(neighbours),
        fmt(rule.floor)
    ))
}

fn implausible_jump(v: f64, neighbours: &[(i32, f64)], rule: &Rule) -> Option<String> {
    if v <= 0.0 || neighbours.is_empty() {
        return None;
    }
    let off = |n: f64| {
        let r = v / n;
        n > 0.0 && v.max(n) >= rule.floor && (r > rule.threshold || r < 1.0 / rule.threshold)
    };
    if !neighbours.iter().all(|n| off(n.1)) {
        return None;
    }
    let ratios: Vec<String> = neighbours
        .iter()
        .map(|n| format!("{}x", fmt(v / n.1)))
        .collect();
    Some(format!(
        "{} against the nearest years {} ({}; factor {})",
        fmt(v),
        show(neighbours),
        ratios.join(", "),
        fmt(rule.threshold)
    ))
}

/// Two records of the same value (`this` and `other`) that differ by more than the rule's factor
/// (max/min > threshold, with max ≥ floor); `what` names them in the evidence.
fn record_gap(this: f64, other: f64, rule: &Rule, what: (&str, &str)) -> Option<String> {
    let (lo, hi) = if this < other {
        (this, other)
    } else {
        (other, this)
    };
    if hi < rule.floor {
        return None;
    }
    let r = if lo > 0.0 { hi / lo } else { f64::INFINITY };
    (r > rule.threshold).then(|| {
        format!(
            "{} {} against {} {} (factor {}; threshold {})",
            what.0,
            fmt(this),
            what.1,
            fmt(other),
            fmt(r),
            fmt(rule.threshold)
        )
    })
}

#[cfg(test)]
mod tests;
