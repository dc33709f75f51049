//! Trade dependence of a partner: how concentrated its trade is, and how much it leans on China
//! against the United States and Japan combined (WITS definitions).
//!
//! - **Actor's share of partner trade** and the **trade intensity index** are panel indicators
//!   (`trade_share_dots`, `trade_share_cow`, `trade_intensity_cow`; see [`crate::derive`]).
//! - **Herfindahl–Hirschman index** of a country's goods trade across its partners,
//!   `HHI = Σⱼ sⱼ²` with `sⱼ = Tⱼ / Σₖ Tₖ` its trade (exports + imports) with partner j, and the
//!   **normalised HHI** `HHI* = (HHI − 1/N) / (1 − 1/N)` over its N partners (WITS, "Herfindahl-
//!   Hirschman Product/Market Concentration Index"). It needs the country's trade with *every*
//!   partner, which the shipped DOTS extract holds only for its eleven reporters (USA, JPN, CHN,
//!   DEU, GBR, FRA, ITA, CAN, KOR, AUS, IND): among the case studies, India and South Korea have
//!   it, Myanmar and Vietnam do not.
//! - **Dependence on China against the US and Japan**, `D = s_CHN / (s_USA + s_JPN)` with s an
//!   actor's share of the partner's goods trade (`trade_share_dots`): above 1 the partner trades
//!   more with China than with the two allies together.
//!
//! Shares are read from the panel's **clean** values only: a value a data-quality rule flagged
//! ([`crate::quality`]) is not added into a group's share. A share measure that still lies
//! outside [0, 1] (e.g. the G7's combined share of a partner's net aid when other donors were
//! repaid on balance) carries `share_out_of_range` in the `flag` column of `dependence.csv`.

use std::collections::BTreeMap;

use crate::io::rows::{Column, Kind, RowSink, Rows};
use crate::panel::Panel;
use crate::panel::country::Iso3;
use crate::panel::flag::Flag;
use crate::sources::dots::TradeFlow;

/// One dependence value of a partner in a year.
#[derive(Debug, Clone, PartialEq)]
pub struct DependenceRow {
    /// The partner whose dependence is measured.
    pub partner: Iso3,
    /// Year.
    pub year: i32,
    /// Measure name.
    pub measure: String,
    /// Value.
    pub value: f64,
    /// Partners (HHI) or actors (shares) it rests on.
    pub n: usize,
    /// `share_out_of_range` when a share measure (a sum of shares, a part of a group) lies
    /// outside [0, 1]; `None` otherwise and for ratios, which are not shares.
    pub flag: Option<Flag>,
}

/// The flag of a share measure: outside [0, 1] is flagged.
fn share_flag(value: f64) -> Option<Flag> {
    (!(0.0..=1.0).contains(&value)).then_some(Flag::ShareOutOfRange)
}

/// Herfindahl–Hirschman index of non-negative amounts (shares formed inside).
/// `None` when the total is not positive.
///
/// # Examples
/// ```
/// use linkage::alignment::dependence::hhi;
/// // Shares ½, ¼, ¼ → ¼ + 1/16 + 1/16 = 0.375.
/// assert_eq!(hhi(&[2.0, 1.0, 1.0]), Some(0.375));
/// ```
pub fn hhi(amounts: &[f64]) -> Option<f64> {
    let total: f64 = amounts.iter().sum();
    (total > 0.0).then(|| amounts.iter().map(|a| (a / total).powi(2)).sum())
}

/// Normalised HHI `(HHI − 1/N) / (1 − 1/N)`, in [0, 1]; `None` for N < 2.
///
/// # Examples
/// ```
/// use linkage::alignment::dependence::normalised_hhi;
/// assert_eq!(normalised_hhi(0.25, 4), Some(0.0)); // four equal partners
/// assert_eq!(normalised_hhi(1.0, 4), Some(1.0));  // one partner takes all
/// ```
pub fn normalised_hhi(hhi: f64, n: usize) -> Option<f64> {
    (n >= 2).then(|| {
        let inv = 1.0 / n as f64;
        ((hhi - inv) / (1.0 - inv)).clamp(0.0, 1.0)
    })
}

/// HHI and normalised HHI of each DOTS reporter's goods trade across its partner countries,
/// per year, from the reporter's own flows (exports + imports; `WLD` and country groups left
/// out). The reporter is the *partner* of the rows (the country whose concentration it is).
///
/// # Examples
/// ```
/// use linkage::{Dataset, iso3, alignment::dependence};
/// let d = Dataset::load(linkage::default_data_dir()).unwrap();
/// let rows = dependence::concentration(&d.dots);
/// let kor = rows.iter().find(|r| r.partner == iso3!("KOR") && r.year == 2019 && r.measure == "hhi").unwrap();
/// assert!(kor.value > 0.0 && kor.value < 1.0 && kor.n > 150);
/// ```
pub fn concentration(flows: &[TradeFlow]) -> Vec<DependenceRow> {
    let world = crate::iso3!("WLD");
    let mut by: BTreeMap<(Iso3, i32), BTreeMap<Iso3, f64>> = BTreeMap::new();
    for f in flows {
        if f.partner == world || f.partner == f.reporter {
            continue;
        }
        *by.entry((f.reporter, f.year))
            .or_default()
            .entry(f.partner)
            .or_default() += f.value_musd;
    }
    let mut rows = Vec::new();
    for ((reporter, year), partners) in by {
        let amounts: Vec<f64> = partners.values().copied().collect();
        let n = amounts.len();
        if let Some(h) = hhi(&amounts) {
            rows.push(DependenceRow {
                partner: reporter,
                year,
                measure: "hhi".into(),
                value: h,
                n,
                flag: None,
            });
            if let Some(hn) = normalised_hhi(h, n) {
                rows.push(DependenceRow {
                    partner: reporter,
                    year,
                    measure: "hhi_normalised".into(),
                    value: hn,
                    n,
                    flag: None,
                });
            }
        }
    }
    rows
}

/// For every partner and year: the pair's combined share of the partner's goods trade, the
/// third actor's share, and the ratio `s_third / (s_a + s_b)`, from a share indicator of the
/// panel (normally `trade_share_dots`). Rows only where all three shares exist.
///
/// # Examples
/// ```
/// use linkage::{Dataset, iso3, alignment::dependence};
/// let d = Dataset::load(linkage::default_data_dir()).unwrap();
/// let panel = d.default_panel().unwrap().panel;
/// let rows = dependence::third_vs_pair(&panel, "trade_share_dots", iso3!("CHN"), (iso3!("USA"), iso3!("JPN")));
/// let vn = rows.iter().find(|r| r.partner == iso3!("VNM") && r.year == 2019
///     && r.measure == "CHN_vs_USA+JPN").unwrap();
/// assert!(vn.value > 1.0); // Vietnam trades more with China than with the US and Japan together
/// ```
pub fn third_vs_pair(
    panel: &Panel,
    indicator: &str,
    third: Iso3,
    pair: (Iso3, Iso3),
) -> Vec<DependenceRow> {
    let partner_years = partner_years(panel, indicator);
    let mut rows = Vec::new();
    let pair_name = format!("{}+{}", pair.0, pair.1);
    for (partner, year) in partner_years {
        let get = |a: Iso3| panel.get_clean(a, partner, year, indicator);
        let (Some(c), Some(a), Some(b)) = (get(third), get(pair.0), get(pair.1)) else {
            continue;
        };
        let mut push = |measure: String, value: f64, flag: Option<Flag>| {
            rows.push(DependenceRow {
                partner,
                year,
                measure,
                value,
                n: 3,
                flag,
            });
        };
        push(format!("{indicator}_{pair_name}"), a + b, share_flag(a + b));
        push(format!("{indicator}_{third}"), c, share_flag(c));
        if a + b > 0.0 {
            push(format!("{third}_vs_{pair_name}"), c / (a + b), None);
        }
    }
    rows
}

/// A group of actors (e.g. the G7) in each partner and year, from a share indicator of the
/// panel: the group's combined share `Σ s_m` over the members with a value (`n` = members
/// counted), the pair's part of it `(s_a + s_b) / Σ s_m` (the pair's place within the group),
/// and the ratio of the third actor's share to the group's, `s_third / Σ s_m`. `members` gives the group for a
/// year (e.g. [`crate::alignment::institutions::g7_members`]).
///
/// Only clean (unflagged) member shares are summed. A sum outside [0, 1] (net aid shares when
/// other donors were repaid) is kept and flagged `share_out_of_range`.
///
/// # Examples
/// ```
/// use linkage::{Dataset, iso3, alignment::{dependence, institutions}};
/// let d = Dataset::load(linkage::default_data_dir()).unwrap();
/// let panel = d.default_panel().unwrap().panel;
/// let g7 = |y: i32| institutions::g7_members(&d.memberships, y);
/// let rows = dependence::group_vs_third(&panel, "trade_share_dots", "G7", &g7,
///     (iso3!("USA"), iso3!("JPN")), iso3!("CHN"));
/// let vn = rows.iter().find(|r| r.partner == iso3!("VNM") && r.year == 2019
///     && r.measure == "trade_share_dots_G7").unwrap();
/// assert_eq!(vn.n, 7);
/// ```
pub fn group_vs_third(
    panel: &Panel,
    indicator: &str,
    group_name: &str,
    members: &dyn Fn(i32) -> std::collections::BTreeSet<Iso3>,
    pair: (Iso3, Iso3),
    third: Iso3,
) -> Vec<DependenceRow> {
    let partner_years = partner_years(panel, indicator);
    let mut rows = Vec::new();
    let mut cache: BTreeMap<i32, std::collections::BTreeSet<Iso3>> = BTreeMap::new();
    for (partner, year) in partner_years {
        let group = cache.entry(year).or_insert_with(|| members(year));
        let values: Vec<(Iso3, f64)> = group
            .iter()
            .filter(|&&m| m != partner)
            .filter_map(|&m| panel.get_clean(m, partner, year, indicator).map(|v| (m, v)))
            .collect();
        if values.is_empty() {
            continue;
        }
        let n = values.len();
        let total: f64 = values.iter().map(|(_, v)| v).sum();
        let mut push = |measure: String, value: f64, n: usize, flag: Option<Flag>| {
            rows.push(DependenceRow {
                partner,
                year,
                measure,
                value,
                n,
                flag,
            });
        };
        push(
            format!("{indicator}_{group_name}"),
            total,
            n,
            share_flag(total),
        );
        let pair_sum: Option<f64> = [pair.0, pair.1]
            .iter()
            .map(|a| values.iter().find(|(m, _)| m == a).map(|(_, v)| *v))
            .sum();
        if let Some(ps) = pair_sum
            && total > 0.0
        {
            push(
                format!("{}+{}_within_{group_name}_{indicator}", pair.0, pair.1),
                ps / total,
                n,
                share_flag(ps / total),
            );
        }
        // (The third actor's own share is a panel value; only the ratio is added here.)
        if let Some(c) = panel.get_clean(third, partner, year, indicator)
            && total > 0.0
        {
            push(
                format!("{third}_vs_{group_name}_{indicator}"),
                c / total,
                n,
                None,
            );
        }
    }
    rows
}

/// The distinct (partner, year) of an indicator's rows, sorted.
fn partner_years(panel: &Panel, indicator: &str) -> Vec<(Iso3, i32)> {
    let Some(k) = panel.indicator_index(indicator) else {
        return Vec::new();
    };
    let mut out: Vec<(Iso3, i32)> = panel
        .rows()
        .iter()
        .filter(|o| o.indicator == k)
        .map(|o| (o.partner, o.year))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

impl Rows for [DependenceRow] {
    /// `partner, year, measure, value, n, flag`.
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("partner", Kind::Text),
            Column::new("year", Kind::Int32),
            Column::new("measure", Kind::Text),
            Column::new("value", Kind::Float64),
            Column::new("n", Kind::UInt32),
            Column::new("flag", Kind::Text),
        ]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> crate::Result<()> {
        for r in self {
            sink.text(r.partner.as_str());
            sink.int(i64::from(r.year));
            sink.text(&r.measure);
            sink.float(r.value);
            sink.int(i64::from(r.n as u32));
            sink.text(r.flag.map_or("", Flag::as_str));
            sink.end_row()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iso3;
    use crate::sources::dots::Flow;
    use approx::assert_relative_eq;

    #[test]
    fn hhi_hand_worked() {
        // Trade 50, 30, 20 → shares .5, .3, .2 → HHI = .25 + .09 + .04 = .38;
        // HHI* = (.38 − 1/3) / (1 − 1/3) = 0.046667 / 0.666667 = 0.07
        let h = hhi(&[50.0, 30.0, 20.0]).unwrap();
        assert_relative_eq!(h, 0.38, epsilon = 1e-12);
        assert_relative_eq!(normalised_hhi(h, 3).unwrap(), 0.07, epsilon = 1e-12);
        assert_eq!(hhi(&[0.0, 0.0]), None);
        assert_eq!(normalised_hhi(1.0, 1), None);
    }

    #[test]
    fn concentration_sums_both_flows_and_skips_world() {
        // KOR: exports 30 to CHN, imports 10 from CHN, exports 20 to USA, imports 40 from USA;
        // world rows ignored. T_CHN = 40, T_USA = 60 → shares .4, .6 → HHI = .16 + .36 = .52.
        let (k, c, u, w) = (iso3!("KOR"), iso3!("CHN"), iso3!("USA"), iso3!("WLD"));
        let f = |p, flow, v| TradeFlow {
            reporter: k,
            partner: p,
            flow,
            year: 2019,
            value_musd: v,
            estimate: false,
        };
        let flows = [
            f(c, Flow::Exports, 30.0),
            f(c, Flow::Imports, 10.0),
            f(u, Flow::Exports, 20.0),
            f(u, Flow::Imports, 40.0),
            f(w, Flow::Exports, 1e6),
        ];
        let rows = concentration(&flows);
        let h = rows.iter().find(|r| r.measure == "hhi").unwrap();
        assert_relative_eq!(h.value, 0.52, epsilon = 1e-12);
        assert_eq!(h.n, 2);
    }

    #[test]
    fn group_vs_third_hand_worked() {
        // G7 members with shares in VNM 2019: USA .10, JPN .05, DEU .03 (others missing);
        // total .18 (n = 3); the pair's part (.10 + .05) / .18 = 0.8333; CHN .30 → .30 / .18.
        let mut p = Panel::new(crate::catalogue()).unwrap();
        let vn = iso3!("VNM");
        for (a, s) in [("CHN", 0.30), ("USA", 0.10), ("JPN", 0.05), ("DEU", 0.03)] {
            p.push(a.parse().unwrap(), vn, 2019, "trade_share_dots", s)
                .unwrap();
        }
        let g7 = |_: i32| -> std::collections::BTreeSet<Iso3> {
            ["USA", "JPN", "DEU", "GBR", "FRA", "ITA", "CAN"]
                .iter()
                .map(|c| c.parse().unwrap())
                .collect()
        };
        let rows = group_vs_third(
            &p,
            "trade_share_dots",
            "G7",
            &g7,
            (iso3!("USA"), iso3!("JPN")),
            iso3!("CHN"),
        );
        let get = |m: &str| rows.iter().find(|r| r.measure == m).unwrap();
        assert_relative_eq!(get("trade_share_dots_G7").value, 0.18, epsilon = 1e-12);
        assert_eq!(get("trade_share_dots_G7").n, 3);
        assert_relative_eq!(
            get("USA+JPN_within_G7_trade_share_dots").value,
            0.15 / 0.18,
            epsilon = 1e-12
        );
        assert_relative_eq!(
            get("CHN_vs_G7_trade_share_dots").value,
            0.30 / 0.18,
            epsilon = 1e-12
        );
    }

    #[test]
    fn third_vs_pair_hand_worked() {
        // Shares: CHN .30, USA .10, JPN .05 → pair .15, ratio .30 / .15 = 2.
        let mut p = Panel::new(crate::catalogue()).unwrap();
        let vn = iso3!("VNM");
        for (a, s) in [("CHN", 0.30), ("USA", 0.10), ("JPN", 0.05)] {
            p.push(a.parse().unwrap(), vn, 2019, "trade_share_dots", s)
                .unwrap();
        }
        let rows = third_vs_pair(
            &p,
            "trade_share_dots",
            iso3!("CHN"),
            (iso3!("USA"), iso3!("JPN")),
        );
        let r = rows.iter().find(|r| r.measure == "CHN_vs_USA+JPN").unwrap();
        assert_relative_eq!(r.value, 2.0, epsilon = 1e-12);
        assert_eq!(rows.len(), 3);
    }
}
