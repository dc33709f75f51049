//! The offline HTML country report: `index.html` beside `charts/`, one section per partner (the
//! four case studies first, then an Indo-Pacific overview), with tables, charts (SVG shown, PNG
//! linked), data coverage and sources. No script, no font or style sheet from the network: the
//! page works from the file system.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::alignment::ideal_points::IdealDistance;
use crate::alignment::institutions;
use crate::alignment::profile::{self, AlignmentRow};
use crate::alignment::voting::{self, IssueFilter};
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::iso3;
use crate::panel::country::Iso3;
use crate::panel::coverage::CoverageRow;
use crate::panel::indicator::{Dimension, IndicatorMeta};
use crate::plot::{self, Draw, Grid, Heatmap, Labels};
use crate::presence::Presence;
use crate::presence::latest::LatestProfile;
use crate::quality::QualityReport;
use crate::report::charts;
use crate::report::partners::MAIN_ACTORS;

const WIDTH: u32 = 900;
const HEIGHT: u32 = 560;

/// Everything the page needs, computed by [`crate::report::run`].
pub struct ReportInputs<'a> {
    /// The loaded data (names, votes, memberships, facts).
    pub data: &'a Dataset,
    /// Presence scores from the default spec.
    pub presence: &'a Presence,
    /// Profile alignment rows.
    pub alignment: &'a [AlignmentRow],
    /// Coverage of the panel.
    pub coverage: &'a [CoverageRow],
    /// Indicator metadata, for the sources section.
    pub indicators: &'a [IndicatorMeta],
    /// Extra charts (e.g. rank uncertainty), already written: (title, file stem).
    pub extra_charts: Vec<(String, String)>,
    /// The panel rows the data-quality rules flagged.
    pub quality: &'a QualityReport,
    /// The latest profile (each value's latest clean year in the window).
    pub latest: &'a LatestProfile,
    /// UN ideal-point distances of the actor pairs, by partner and year.
    pub ideal: &'a [IdealDistance],
}

/// The ideal-point distances of the US, Japan and China from the partner and from each other,
/// in five years up to the latest.
fn ideal_table(h: &mut String, ideal: &[IdealDistance], partner: Iso3) {
    let rows: Vec<&IdealDistance> = ideal.iter().filter(|r| r.partner == partner).collect();
    let Some(last) = rows.iter().map(|r| r.year).max() else {
        return;
    };
    let years: Vec<i32> = [2000, 2010, 2016, 2020, last]
        .into_iter()
        .filter(|&y| y <= last)
        .collect();
    let _ = write!(
        h,
        "<h3>UN General Assembly ideal-point distance (Voeten, lower = closer)</h3><table><tr><th>Distance</th>"
    );
    for y in &years {
        let _ = write!(h, "<th>{y}</th>");
    }
    h.push_str("</tr>\n");
    let get = |a: Iso3, b: Iso3, y: i32| {
        rows.iter()
            .find(|r| r.actor_a == a && r.actor_b == b && r.year == y)
    };
    let (us, jp, cn) = (MAIN_ACTORS[0], MAIN_ACTORS[1], MAIN_ACTORS[2]);
    // (label, pair, which distance: 0 = first actor–partner, 1 = second actor–partner, 2 = between).
    let lines = [
        (format!("{us}–partner"), (us, jp), 0),
        (format!("{jp}–partner"), (us, jp), 1),
        (format!("{cn}–partner"), (us, cn), 1),
        (format!("{us}–{jp}"), (us, jp), 2),
        (format!("{us}–{cn}"), (us, cn), 2),
        (format!("{jp}–{cn}"), (jp, cn), 2),
    ];
    for (label, (a, b), which) in &lines {
        let _ = write!(h, "<tr><td>{label}</td>");
        for &y in &years {
            let v = get(*a, *b, y).map(|r| match which {
                0 => r.distance_a,
                1 => r.distance_b,
                _ => r.distance_ab,
            });
            let _ = write!(h, "<td>{}</td>", num(v, 2));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n");
}

/// The latest profile of a partner: per actor each dimension's score with the years behind it,
/// the overall score, its rank and the dimensions compared on.
fn latest_table(h: &mut String, inp: &ReportInputs<'_>, partner: Iso3) {
    let l = inp.latest;
    let name = |c| inp.data.concordance.name(c);
    let dims = charts::presence_dimensions(inp.presence);
    let years = |a, code: &str| match l.years_behind(a, partner, code) {
        Some((f, t)) if f == t => format!(" <small>({t})</small>"),
        Some((f, t)) => format!(" <small>({f}–{t})</small>"),
        None => String::new(),
    };
    let _ = write!(
        h,
        "<h3>Latest profile ({}–{}: each value's latest clean year)</h3><table><tr><th>Actor</th>",
        l.window.0, l.window.1
    );
    for (_, dn) in &dims {
        let _ = write!(h, "<th>{}</th>", esc(dn));
    }
    h.push_str("<th>Overall</th><th>Rank</th><th>Compared on</th></tr>\n");
    for &a in &MAIN_ACTORS {
        let _ = write!(h, "<tr><td>{}</td>", esc(&name(a)));
        for (code, _) in &dims {
            let _ = write!(
                h,
                "<td>{}{}</td>",
                num(l.score(a, partner, code), 1),
                years(a, code)
            );
        }
        let basis = match l.used(a, partner, "presence") {
            Some(used) => esc(&used.join(", ")),
            None => "not ranked".to_string(),
        };
        let _ = writeln!(
            h,
            "<td><b>{}</b>{}</td><td>{}</td><td>{basis}</td></tr>",
            num(l.score(a, partner, "presence"), 1),
            years(a, "presence"),
            num(l.rank(a, partner, "presence"), 0),
        );
    }
    h.push_str("</table>\n");
}

/// The data-quality flags of one partner, as a collapsed table (nothing when it has none).
fn flagged_cells(h: &mut String, quality: &QualityReport, partner: Iso3, partner_name: &str) {
    let cells: Vec<_> = quality.for_partner(partner).collect();
    if cells.is_empty() {
        return;
    }
    let _ = writeln!(
        h,
        "<details><summary>Data quality: {} flagged values in {} (left out of the scores)</summary><table><tr><th>Actor</th><th>Year</th><th>Indicator</th><th>Value</th><th>Rule</th><th style=\"text-align:left\">Evidence</th></tr>",
        cells.len(),
        esc(partner_name)
    );
    for c in cells {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td style=\"text-align:left\">{}</td></tr>",
            c.actor,
            c.year,
            esc(&c.indicator),
            num(Some(c.value), 4),
            c.rule,
            esc(&c.evidence)
        );
    }
    h.push_str("</table></details>\n");
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn num(v: Option<f64>, decimals: usize) -> String {
    match v {
        Some(x) if x.is_finite() => format!("{x:.decimals$}"),
        _ => "<span class=\"missing\">missing</span>".into(),
    }
}

/// Latest year in which `partner` has an overall presence score for every main actor, else the
/// latest year with any.
fn latest_year(p: &Presence, partner: Iso3) -> Option<i32> {
    let years = |all: bool| {
        p.units
            .iter()
            .filter(|(_, q, _)| *q == partner)
            .map(|&(_, _, y)| y)
            .filter(|&y| {
                let has = |a| p.score(a, partner, y, "presence").is_some();
                if all {
                    MAIN_ACTORS.iter().all(|&a| has(a))
                } else {
                    MAIN_ACTORS.iter().any(|&a| has(a))
                }
            })
            .max()
    };
    years(true).or_else(|| years(false))
}

/// Write every chart of the report into `dir` (SVG and PNG); returns the file stems written.
///
/// # Errors
/// A chart that cannot be drawn or written.
pub fn write_charts(dir: &Path, inp: &ReportInputs<'_>, partners: &[Iso3]) -> Result<Vec<String>> {
    let p = inp.presence;
    let name = |c| inp.data.concordance.name(c);
    let source = "linkage presence scores (data/presence.toml); sources in the report";
    let mut written = Vec::new();
    let mut put = |stem: String, chart: &dyn Fn(&Path, &str) -> Result<()>| -> Result<()> {
        chart(dir, &stem)?;
        written.push(stem);
        Ok(())
    };
    for &partner in partners {
        let Some(year) = latest_year(p, partner) else {
            continue;
        };
        let pn = name(partner);
        let mut bars = charts::grouped_bars(p, partner, year, &MAIN_ACTORS);
        bars.labels = Labels::new(format!("Presence in {pn} by dimension, {year}"))
            .x("Dimension")
            .y("Presence score (0–100)")
            .source(source);
        put(format!("{partner}_bars"), &|d, s| chart_files(d, s, &bars))?;
        let mut radar = charts::radar(p, partner, year, &MAIN_ACTORS);
        radar.labels = Labels::new(format!("Presence profile in {pn}, {year}"))
            .y("Presence score (0–100)")
            .source(source);
        put(format!("{partner}_radar"), &|d, s| {
            chart_files(d, s, &radar)
        })?;
        let mut lines = charts::lines(p, partner, "presence", &MAIN_ACTORS);
        lines.labels = Labels::new(format!("Overall presence in {pn} over time"))
            .x("Year")
            .y("Overall presence score (0–100)")
            .source(source);
        put(format!("{partner}_presence"), &|d, s| {
            chart_files(d, s, &lines)
        })?;
        let mut votes = charts::lines(p, partner, "unga_agreement", &MAIN_ACTORS);
        votes.labels = Labels::new(format!("{pn}: UN General Assembly vote agreement"))
            .x("Year")
            .y("Agreement with the actor (× 100)")
            .source("Voeten et al., UNGA voting data (1990–2019)");
        put(format!("{partner}_unga"), &|d, s| chart_files(d, s, &votes))?;
    }

    // Indo-Pacific overview: US vs Japan presence across partners, coloured by alignment, and
    // Japan's dimension scores by partner.
    let region = inp.data.concordance.indo_pacific();
    let (us, jp) = (iso3!("USA"), iso3!("JPN"));
    let year = inp
        .alignment
        .iter()
        .filter(|r| {
            r.actor_a == us
                && r.actor_b == jp
                && r.measure == "cosine"
                && region.contains(&r.partner)
                && p.score(jp, r.partner, r.year, "presence").is_some()
        })
        .map(|r| r.year)
        .max();
    if let Some(year) = year {
        let cos = charts::alignment_values(inp.alignment, us, jp, year, "cosine");
        let mut sc = charts::scatter(
            p,
            us,
            jp,
            year,
            "presence",
            |q| cos.get(&q).copied(),
            "US–Japan profile cosine",
        );
        sc.points
            .retain(|pt| pt.label.parse::<Iso3>().is_ok_and(|q| region.contains(&q)));
        sc.labels = Labels::new(format!(
            "US and Japanese presence across Indo-Pacific partners, {year}"
        ))
        .x("United States: overall presence (0–100)")
        .y("Japan: overall presence (0–100)")
        .source(source);
        put("indo_pacific_scatter".into(), &|d, s| {
            chart_files(d, s, &sc)
        })?;

        let dims = charts::presence_dimensions(p);
        let mut rows: Vec<Iso3> = region
            .iter()
            .copied()
            .filter(|&q| p.score(jp, q, year, "presence").is_some())
            .collect();
        rows.sort_by(|a, b| {
            let s = |q| p.score(jp, q, year, "presence").unwrap_or(0.0);
            s(*b).total_cmp(&s(*a))
        });
        rows.truncate(20);
        let grid = Grid::from_fn(
            rows.iter().map(|&q| name(q)).collect(),
            dims.iter().map(|(_, n)| n.clone()).collect(),
            |r, c| p.score(jp, rows[r], year, &dims[c].0),
        );
        let mut hm = Heatmap::new(
            Labels::new(format!(
                "Japan's presence by dimension, Indo-Pacific partners, {year}"
            ))
            .x("Dimension")
            .y("Partner (top 20 by overall presence)")
            .source(source),
            grid,
            "Presence score (0–100)",
        );
        hm.range = Some((0.0, 100.0));
        hm.decimals = Some(0);
        put("indo_pacific_japan_heatmap".into(), &|d, s| {
            write_sized(d, s, WIDTH, 760, &hm)
        })?;
    }
    Ok(written)
}

fn chart_files(dir: &Path, stem: &str, chart: &impl Draw) -> Result<()> {
    write_sized(dir, stem, WIDTH, HEIGHT, chart)
}

fn write_sized(dir: &Path, stem: &str, w: u32, h: u32, chart: &impl Draw) -> Result<()> {
    plot::write_both(dir, stem, w, h, chart).map(|_| ())
}

fn figure(stem: &str, alt: &str, charts: &[String]) -> String {
    if !charts.iter().any(|c| c == stem) {
        return String::new();
    }
    format!(
        "<figure><img src=\"charts/{stem}.svg\" alt=\"{a}\" width=\"{WIDTH}\"><figcaption>{a} — <a href=\"charts/{stem}.png\">PNG</a> · <a href=\"charts/{stem}.svg\">SVG</a></figcaption></figure>\n",
        a = esc(alt)
    )
}

/// Render `index.html` for the partners (in order) and the overview.
pub fn page(inp: &ReportInputs<'_>, partners: &[Iso3], charts: &[String]) -> String {
    let p = inp.presence;
    let data = inp.data;
    let name = |c| data.concordance.name(c);
    let mut h = String::new();
    h.push_str(r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>linkage — presence and alignment report</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#1b1b1b;background:#fafafa;line-height:1.45}
header{background:#0b3954;color:#fff;padding:1.2rem 2rem}header h1{margin:0 0 .3rem;font-size:1.6rem}header p{margin:0;opacity:.9}
nav{background:#e8eef2;padding:.6rem 2rem;position:sticky;top:0;border-bottom:1px solid #cdd7de}nav a{margin-right:1.1rem;color:#0b3954;text-decoration:none;font-weight:600}
main{padding:0 2rem 3rem;max-width:1100px}section{margin-top:2rem;border-top:2px solid #cdd7de;padding-top:.5rem}
table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.92rem;background:#fff}th,td{border:1px solid #d5dde3;padding:.3rem .55rem;text-align:right}th:first-child,td:first-child{text-align:left}
th{background:#eef3f6}.missing{color:#999;font-style:italic}figure{margin:1rem 0}figure img{max-width:100%;height:auto;border:1px solid #d5dde3;background:#fff}
figcaption{font-size:.85rem;color:#555}.note{font-size:.88rem;color:#444;max-width:60rem}code{background:#eef3f6;padding:0 .2rem}
header code{background:rgba(255,255,255,.18);color:#fff}.others a{margin-right:.8rem;white-space:nowrap}
</style></head><body>
<header><h1>Economic presence and alignment of the United States, Japan and China</h1>
<p>Presence by dimension (trade, aid, people, soft power), alignment of the allies, UN voting and shared institutions — built by <code>linkage report</code> from public data shipped in <code>data/</code>.</p></header>
<nav>"#);
    // The case studies (the first partners) in the bar; the other partners in a list below.
    let case_studies = partners.len().min(crate::report::CASE_STUDIES.len());
    for &q in &partners[..case_studies] {
        let _ = write!(h, "<a href=\"#{q}\">{}</a>", esc(&name(q)));
    }
    h.push_str("<a href=\"#others\">Other partners</a><a href=\"#overview\">Indo-Pacific overview</a><a href=\"#sources\">Sources</a></nav>\n<main>\n");
    h.push_str("<p class=\"note\">Scores are 0–100 (goalposts or min-max as the spec says). A dimension without data is <span class=\"missing\">missing</span>, never zero. The overall score compares like with like: an actor needs 3 of the 5 dimensions (the default spec's minimum), and the actors of a partner and year that have them are all scored and ranked on the dimensions every one of them has (the \"Compared on\" column). Values a data-quality rule flagged are left out (see each partner's data-quality table). Ranks compare the actors within one partner and year.</p>\n");

    if partners.len() > case_studies {
        h.push_str("<p class=\"others\" id=\"others\"><b>Other Indo-Pacific partners:</b> ");
        for &q in &partners[case_studies..] {
            let _ = write!(h, "<a href=\"#{q}\">{}</a> ", esc(&name(q)));
        }
        h.push_str("</p>\n");
    }
    for &partner in partners {
        let pn = name(partner);
        let _ = writeln!(h, "<section id=\"{partner}\"><h2>{}</h2>", esc(&pn));
        latest_table(&mut h, inp, partner);
        let Some(year) = latest_year(p, partner) else {
            h.push_str("<p class=\"missing\">No presence scores for this partner.</p></section>\n");
            continue;
        };
        // Presence table.
        let dims = charts::presence_dimensions(p);
        let _ = write!(h, "<h3>Presence, {year}</h3><table><tr><th>Actor</th>");
        for (_, dn) in &dims {
            let _ = write!(h, "<th>{}</th>", esc(dn));
        }
        h.push_str("<th>Overall</th><th>Rank</th><th>Compared on</th></tr>\n");
        for &a in &MAIN_ACTORS {
            let _ = write!(h, "<tr><td>{}</td>", esc(&name(a)));
            for (code, _) in &dims {
                let _ = write!(h, "<td>{}</td>", num(p.score(a, partner, year, code), 1));
            }
            let n_present = dims
                .iter()
                .filter(|(c, _)| p.score(a, partner, year, c).is_some())
                .count();
            // The dimensions the overall score was compared on, or how many the actor has.
            let basis = match p.used(a, partner, year, "presence") {
                Some(used) => esc(&used.join(", ")),
                None => format!("{n_present} of {} (not ranked)", dims.len()),
            };
            let _ = writeln!(
                h,
                "<td><b>{}</b></td><td>{}</td><td>{basis}</td></tr>",
                num(p.score(a, partner, year, "presence"), 1),
                num(p.rank(a, partner, year, "presence"), 0),
            );
        }
        h.push_str("</table>\n");
        h.push_str(&figure(
            &format!("{partner}_bars"),
            &format!("Presence in {pn} by dimension, {year}"),
            charts,
        ));
        h.push_str(&figure(
            &format!("{partner}_radar"),
            &format!("Presence profile in {pn}, {year}"),
            charts,
        ));
        h.push_str(&figure(
            &format!("{partner}_presence"),
            &format!("Overall presence in {pn} over time"),
            charts,
        ));
        if let Some((title, stem)) = inp
            .extra_charts
            .iter()
            .find(|(_, s)| s.starts_with(partner.as_str()))
        {
            h.push_str(&figure(stem, title, charts));
        }

        // Alignment.
        let (us, jp, cn) = (MAIN_ACTORS[0], MAIN_ACTORS[1], MAIN_ACTORS[2]);
        let _ = writeln!(
            h,
            "<h3>Alignment, {year}</h3><table><tr><th>Pair</th><th>Cosine</th><th>Pearson</th><th>Complementarity</th><th>Balance vs China</th><th>Co-movement</th></tr>"
        );
        for (a, b) in [(us, jp), (us, cn), (jp, cn)] {
            let get = |m: &str| profile::lookup(inp.alignment, a, b, partner, year, m);
            let _ = writeln!(
                h,
                "<tr><td>{a}–{b}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                num(get("cosine"), 3),
                num(get("pearson"), 3),
                num(get("complementarity"), 3),
                if b == cn {
                    "—".to_string()
                } else {
                    num(get("balance_vs"), 2)
                },
                num(get("co_movement"), 2)
            );
        }
        h.push_str("</table>\n");

        // UN voting by decade.
        h.push_str(
            "<h3>UN General Assembly vote agreement with the partner</h3><table><tr><th>Actor</th>",
        );
        let decades = [(1990, 1999), (2000, 2009), (2010, 2019)];
        for (a, b) in decades {
            let _ = write!(h, "<th>{a}–{b}</th>");
        }
        h.push_str("</tr>\n");
        for &a in &MAIN_ACTORS {
            let _ = write!(h, "<tr><td>{}</td>", esc(&name(a)));
            for (y0, y1) in decades {
                let s =
                    voting::period_similarity(&data.votes, partner, a, y0..=y1, IssueFilter::All);
                match s {
                    Some(s) if s.n > 0 => {
                        let _ = write!(
                            h,
                            "<td>{} <small>(n = {})</small></td>",
                            num(s.agreement, 3),
                            s.n
                        );
                    }
                    _ => h.push_str("<td><span class=\"missing\">missing</span></td>"),
                }
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</table>\n");
        h.push_str(&figure(
            &format!("{partner}_unga"),
            &format!("{pn}: UN vote agreement over time"),
            charts,
        ));

        ideal_table(&mut h, inp.ideal, partner);

        // Institutions.
        let t = institutions::us_japan_china(&data.memberships, partner, 2023);
        h.push_str("<h3>Rule-making institutions shared, 2023 (complete lists; since)</h3><table><tr><th>With</th><th>Institutions</th></tr>\n");
        for (a, ties) in [(us, &t.usa), (jp, &t.jpn), (cn, &t.chn)] {
            let list: Vec<String> = ties
                .iter()
                .map(|t| format!("{} ({})", t.institution.code(), t.since))
                .collect();
            let cell = if list.is_empty() {
                "<span class=\"missing\">none recorded</span>".to_string()
            } else {
                esc(&list.join(", "))
            };
            let _ = writeln!(h, "<tr><td>{}</td><td>{cell}</td></tr>", esc(&name(a)));
        }
        h.push_str("</table><p class=\"note\">TPP_SIGNATORY: both signed the 2016 TPP (never in force). WTO, G20, AIIB and Belt and Road lists are incomplete and left out.</p>\n");

        // Coverage.
        h.push_str("<h3>Data coverage</h3><table><tr><th>Actor</th>");
        for d in Dimension::ALL {
            let _ = write!(h, "<th>{}</th>", d.as_str());
        }
        h.push_str("</tr>\n");
        for &a in &MAIN_ACTORS {
            let _ = write!(h, "<tr><td>{}</td>", esc(&name(a)));
            for d in Dimension::ALL {
                let c = inp
                    .coverage
                    .iter()
                    .find(|r| r.partner == partner && r.actor == a && r.dimension == d);
                match c {
                    Some(CoverageRow {
                        indicators,
                        first_year: Some(f),
                        last_year: Some(l),
                        ..
                    }) => {
                        let _ = write!(
                            h,
                            "<td title=\"{}\">{} ({f}–{l})</td>",
                            esc(&indicators.join(", ")),
                            indicators.len()
                        );
                    }
                    _ => h.push_str("<td><span class=\"missing\">missing</span></td>"),
                }
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</table>\n");

        flagged_cells(&mut h, inp.quality, partner, &pn);

        // Cited facts.
        let facts: Vec<_> = crate::sources::facts::default_view(&data.facts)
            .into_iter()
            .filter(|f| f.partner == partner)
            .collect();
        if !facts.is_empty() {
            let _ = writeln!(
                h,
                "<details><summary>Cited facts for {} ({} values, as published; not comparable across rows)</summary><table><tr><th>Actor</th><th>Year</th><th>Indicator</th><th>Value</th><th>Unit</th><th>Source</th></tr>",
                esc(&pn),
                facts.len()
            );
            for f in facts {
                let _ = writeln!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><a href=\"{}\">{}</a></td></tr>",
                    f.actor,
                    f.year,
                    esc(&f.indicator),
                    f.value,
                    esc(&f.unit),
                    esc(&f.source_url),
                    esc(&f.publisher)
                );
            }
            h.push_str("</table></details>\n");
        }
        h.push_str("</section>\n");
    }

    h.push_str("<section id=\"overview\"><h2>Indo-Pacific overview</h2>\n");
    h.push_str(&figure(
        "indo_pacific_scatter",
        "US and Japanese presence across Indo-Pacific partners, coloured by profile alignment",
        charts,
    ));
    h.push_str(&figure(
        "indo_pacific_japan_heatmap",
        "Japan's presence by dimension across Indo-Pacific partners",
        charts,
    ));
    h.push_str("</section>\n<section id=\"sources\"><h2>Indicators and sources</h2><table><tr><th>Indicator</th><th>Dimension</th><th>Unit</th><th>Formula</th><th>Source</th></tr>\n");
    for m in inp.indicators {
        let _ = writeln!(
            h,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td style=\"text-align:left\">{}</td><td style=\"text-align:left\">{}</td></tr>",
            esc(&m.code),
            m.dimension,
            esc(&m.unit),
            esc(&m.formula),
            esc(&m.citation)
        );
    }
    h.push_str("</table><p class=\"note\">Every file's publisher, licence and transformation: <code>data/README.md</code>. Row accounting: <a href=\"accounting.csv\">accounting.csv</a>. Tables: <a href=\"panel.csv\">panel.csv</a>, <a href=\"presence.csv\">presence.csv</a>, <a href=\"alignment.csv\">alignment.csv</a>, <a href=\"voting.csv\">voting.csv</a>, <a href=\"ideal_points.csv\">ideal_points.csv</a>, <a href=\"institutions.csv\">institutions.csv</a>, <a href=\"dependence.csv\">dependence.csv</a>, <a href=\"profile_latest.csv\">profile_latest.csv</a>, <a href=\"quality.csv\">quality.csv</a> (every value a data-quality rule flagged, with its evidence).</p></section>\n</main></body></html>\n");
    h
}

/// Write `index.html` and `charts/` into `out_dir`; returns the files written.
///
/// # Errors
/// A chart that cannot be drawn, or a file that cannot be written.
pub fn write(out_dir: &Path, inp: &ReportInputs<'_>, partners: &[Iso3]) -> Result<Vec<PathBuf>> {
    let charts_dir = out_dir.join("charts");
    let mut charts = write_charts(&charts_dir, inp, partners)?;
    charts.extend(inp.extra_charts.iter().map(|(_, stem)| stem.clone()));
    let index = out_dir.join("index.html");
    std::fs::write(&index, page(inp, partners, &charts)).map_err(|e| Error::write(&index, e))?;
    let mut files = vec![index];
    for c in charts {
        files.push(charts_dir.join(format!("{c}.svg")));
        files.push(charts_dir.join(format!("{c}.png")));
    }
    Ok(files)
}
