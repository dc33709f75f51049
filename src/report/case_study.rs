//! One partner, told as the brief's case studies tell it: presence of the United States, Japan
//! and China by dimension and over time, their alignment, UN voting and shared institutions —
//! as printable tables, with the charts written beside them. Used by the case-study notebooks
//! (`examples/myanmar.rs`, `vietnam.rs`, `india.rs`, `south_korea.rs`, `indo_pacific.rs`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::alignment::institutions;
use crate::alignment::profile::{self, AlignmentRow};
use crate::alignment::voting::{self, IssueFilter};
use crate::dataset::Dataset;
use crate::error::Result;
use crate::panel::country::Iso3;
use crate::panel::coverage::CoverageRow;
use crate::panel::indicator::Dimension;
use crate::presence::latest::LatestProfile;
use crate::presence::{self, Presence};
use crate::quality::QualityReport;
use crate::report::html::{self, ReportInputs};
use crate::report::partners::{CASE_STUDIES, MAIN_ACTORS};

/// Everything a case study needs, computed once from the shipped data.
pub struct CaseStudies {
    /// The loaded data.
    pub data: Dataset,
    /// Presence scores from the default spec.
    pub presence: Presence,
    /// Profile alignment (USA–JPN, USA–CHN, JPN–CHN).
    pub alignment: Vec<AlignmentRow>,
    /// The panel values the data-quality rules flagged (left out of the scores).
    pub quality: QualityReport,
    /// Each actor's latest profile in each partner.
    pub latest: LatestProfile,
    coverage: Vec<CoverageRow>,
    indicators: Vec<crate::panel::indicator::IndicatorMeta>,
}

impl CaseStudies {
    /// Load the shipped data, build the panel and score it.
    ///
    /// # Errors
    /// Any error of [`Dataset::load`], the panel, or scoring.
    pub fn load() -> Result<CaseStudies> {
        let data = Dataset::load(crate::default_data_dir())?;
        let built = data.default_panel()?;
        let fw = presence::default_spec(&data.dir)?.resolve()?;
        let presence = presence::score(&built.panel, &fw)?;
        let alignment = profile::alignment_table(&presence, &profile::AlignmentOptions::default());
        let latest = presence::latest::profile(&presence, crate::report::latest_window())?;
        let coverage = crate::panel::coverage::coverage(&built.panel);
        Ok(CaseStudies {
            indicators: built.panel.indicators().to_vec(),
            data,
            presence,
            alignment,
            coverage,
            quality: built.quality,
            latest,
        })
    }

    /// The partner's story as text tables: presence by dimension in selected years, alignment,
    /// UN vote agreement by decade and shared institutions in 2023.
    ///
    /// # Examples
    /// ```no_run
    /// let cs = linkage::report::case_study::CaseStudies::load().unwrap();
    /// println!("{}", cs.brief(linkage::iso3!("VNM"), &[2005, 2015, 2019]));
    /// ```
    pub fn brief(&self, partner: Iso3, years: &[i32]) -> String {
        let p = &self.presence;
        let name = |c| self.data.concordance.name(c);
        let dims = crate::report::charts::presence_dimensions(p);
        let fmt = |v: Option<f64>| v.map_or("missing".to_string(), |x| format!("{x:.1}"));
        let mut s = String::new();
        let _ = writeln!(s, "== {} ({partner}) ==", name(partner));
        let l = &self.latest;
        let _ = write!(
            s,
            "\nLatest profile ({}-{}; each score with the years of the values behind it)\n  {:<15}",
            l.window.0, l.window.1, "actor"
        );
        for (_, d) in &dims {
            let _ = write!(s, "{:>24}", d);
        }
        let _ = writeln!(s, "{:>20}{:>6}", "overall", "rank");
        let cell = |a: Iso3, code: &str| match (
            l.score(a, partner, code),
            l.years_behind(a, partner, code),
        ) {
            (Some(v), Some((f, t))) if f == t => format!("{v:.1} ({t})"),
            (Some(v), Some((f, t))) => format!("{v:.1} ({f}-{t})"),
            _ => "missing".to_string(),
        };
        for a in MAIN_ACTORS {
            let _ = write!(s, "  {:<15}", name(a));
            for (code, _) in &dims {
                let _ = write!(s, "{:>24}", cell(a, code));
            }
            let rank = l
                .rank(a, partner, "presence")
                .map_or("-".into(), |r| format!("{r}"));
            let _ = writeln!(s, "{:>20}{:>6}", cell(a, "presence"), rank);
        }
        for &year in years {
            let _ = write!(
                s,
                "\nPresence, {year} (0-100; rank among all actors)\n  {:<15}",
                "actor"
            );
            for (_, d) in &dims {
                let _ = write!(s, "{:>20}", d);
            }
            let _ = writeln!(s, "{:>10}{:>6}", "overall", "rank");
            for a in MAIN_ACTORS {
                let _ = write!(s, "  {:<15}", name(a));
                for (code, _) in &dims {
                    let _ = write!(s, "{:>20}", fmt(p.score(a, partner, year, code)));
                }
                let rank = p
                    .rank(a, partner, year, "presence")
                    .map_or("-".into(), |r| format!("{r}"));
                let _ = writeln!(
                    s,
                    "{:>10}{:>6}",
                    fmt(p.score(a, partner, year, "presence")),
                    rank
                );
            }
        }
        let flagged: Vec<_> = self.quality.for_partner(partner).collect();
        if !flagged.is_empty() {
            let mut by_rule = std::collections::BTreeMap::new();
            for c in &flagged {
                *by_rule.entry(c.rule.as_str()).or_insert(0) += 1;
            }
            let rules: Vec<String> = by_rule.iter().map(|(r, n)| format!("{r} {n}")).collect();
            let _ = writeln!(
                s,
                "\nData quality: {} flagged values left out of the scores ({}); see quality.csv",
                flagged.len(),
                rules.join(", ")
            );
        }
        let _ = writeln!(
            s,
            "\nAlignment (cosine, complementarity; balance = allies' mean / China)"
        );
        for &year in years {
            let get = |a: Iso3, b: Iso3, m: &str| {
                profile::lookup(&self.alignment, a, b, partner, year, m)
            };
            let (us, jp) = (MAIN_ACTORS[0], MAIN_ACTORS[1]);
            let f3 = |v: Option<f64>| v.map_or("missing".to_string(), |x| format!("{x:.3}"));
            let _ = writeln!(
                s,
                "  {year}: US-Japan cosine {}, complementarity {}, balance vs China {}",
                f3(get(us, jp, "cosine")),
                f3(get(us, jp, "complementarity")),
                f3(get(us, jp, "balance_vs"))
            );
        }
        let _ = writeln!(
            s,
            "\nUN General Assembly vote agreement with {} (n votes)",
            name(partner)
        );
        for a in MAIN_ACTORS {
            let _ = write!(s, "  {:<15}", name(a));
            for (y0, y1) in [(1990, 1999), (2000, 2009), (2010, 2019)] {
                match voting::period_similarity(
                    &self.data.votes,
                    partner,
                    a,
                    y0..=y1,
                    IssueFilter::All,
                ) {
                    Some(v) if v.n > 0 => {
                        let _ = write!(
                            s,
                            "  {y0}s {:.3} ({})",
                            v.agreement.unwrap_or(f64::NAN),
                            v.n
                        );
                    }
                    _ => s.push_str("  missing"),
                }
            }
            s.push('\n');
        }
        let t = institutions::us_japan_china(&self.data.memberships, partner, 2023);
        let _ = writeln!(s, "\nInstitutions shared in 2023 (complete lists; since)");
        for (a, ties) in [
            (MAIN_ACTORS[0], &t.usa),
            (MAIN_ACTORS[1], &t.jpn),
            (MAIN_ACTORS[2], &t.chn),
        ] {
            let list: Vec<String> = ties
                .iter()
                .map(|t| format!("{} {}", t.institution.code(), t.since))
                .collect();
            let _ = writeln!(
                s,
                "  with {:<13} {}",
                name(a),
                if list.is_empty() {
                    "none recorded".into()
                } else {
                    list.join(", ")
                }
            );
        }
        s
    }

    /// Write each partner's charts (bars, radar, presence and UN-vote lines) and the Indo-Pacific
    /// overview (scatter, heatmap) into `dir`, as SVG and PNG. Returns the files.
    ///
    /// # Errors
    /// A chart that cannot be drawn or written.
    pub fn charts(&self, dir: &Path, partners: &[Iso3]) -> Result<Vec<PathBuf>> {
        let inp = ReportInputs {
            data: &self.data,
            presence: &self.presence,
            alignment: &self.alignment,
            coverage: &self.coverage,
            indicators: &self.indicators,
            extra_charts: Vec::new(),
            quality: &self.quality,
            latest: &self.latest,
            ideal: &[],
        };
        let stems = html::write_charts(dir, &inp, partners)?;
        Ok(stems
            .iter()
            .flat_map(|s| [dir.join(format!("{s}.svg")), dir.join(format!("{s}.png"))])
            .collect())
    }
}

/// Where a notebook writes its charts: `target/examples/<name>/`.
pub fn output_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/examples")
        .join(name)
}
/// A short text table per case study: for each actor with data, per dimension the number of
/// indicators and the years covered, or `missing`.
pub fn coverage_summary(data: &Dataset, cov: &[CoverageRow]) -> String {
    let mut s = String::new();
    for partner in CASE_STUDIES {
        let _ = writeln!(
            s,
            "\n{} ({partner}): indicators present (first-last year)",
            data.concordance.name(partner)
        );
        let _ = write!(s, "  {:<5}", "actor");
        for d in Dimension::ALL {
            let _ = write!(s, " {:>15}", d.as_str());
        }
        s.push('\n');
        let mut actors: Vec<Iso3> = cov
            .iter()
            .filter(|r| r.partner == partner)
            .map(|r| r.actor)
            .collect();
        actors.dedup();
        for actor in actors {
            let _ = write!(s, "  {:<5}", actor.as_str());
            for d in Dimension::ALL {
                let cell = cov
                    .iter()
                    .find(|r| r.partner == partner && r.actor == actor && r.dimension == d);
                let text = match cell {
                    Some(CoverageRow {
                        indicators,
                        first_year: Some(a),
                        last_year: Some(b),
                        ..
                    }) => format!("{} ({a}-{b})", indicators.len()),
                    _ => "missing".to_string(),
                };
                let _ = write!(s, " {text:>15}");
            }
            s.push('\n');
        }
    }
    s
}
