//! Cited case-study facts: single bilateral values for the United States, Japan and China in
//! Myanmar, Vietnam, India and South Korea, each read verbatim from a public page (file
//! `data/case_study_facts/case_study_facts.csv`; see the README beside it).
//!
//! These rows are **not panel rows**: their definitions, units, bases and periods differ from
//! row to row (cumulative approvals next to yearly flows, fiscal next to calendar years,
//! partial years, `USD billion` next to `INR crore`). They are cited context for case-study
//! tables, kept with their unit, period note, publisher and page address, and no arithmetic is
//! done on them here.
//!
//! ## Weak hosts
//!
//! Some figures were read on a weak host — a repost on a discussion forum or a blog, or a
//! news mirror/aggregator — and the `publisher` column says so. [`Fact::weak_host`] is true when
//! `publisher` contains, ignoring case, any of [`WEAK_HOST_PHRASES`]:
//!
//! - `discussion forum` — "General Department of Vietnam Customs (Vietnam News Agency report,
//!   reposted on a discussion forum)" (6 rows);
//! - `blog` — "… (reposted on a blog)" (1 row) and "… reproduced by Mark Ashwill blog" /
//!   "… as reported by Mark Ashwill blog" (10 rows);
//! - `news mirror` — "USAID (statement by Acting Administrator Gloria Steele, as reproduced by
//!   a news mirror)" (1 row);
//! - `aggregator` — the README's own word for this kind of host (no row uses it today).
//!
//! That is 18 of the 236 rows. "Forum" alone is not matched: "figures presented at ASEAN
//! Tourism Forum" names a conference, not a host. [`default_view`] leaves the weak hosts out.

use std::path::Path;

use crate::error::Result;
use crate::io::rows::{Column, Kind, RowSink, Rows};
use crate::io::table::Table;
use crate::panel::accounting::Accounting;
use crate::panel::country::{Concordance, Iso3};
use crate::sources::{Loaded, MAX_YEAR, MIN_YEAR};

/// The file, relative to the data directory.
///
/// # Examples
/// ```
/// use linkage::sources::facts;
/// assert!(linkage::default_data_dir().join(facts::FILE).exists());
/// ```
pub const FILE: &str = "case_study_facts/case_study_facts.csv";

/// Phrases of the `publisher` column (matched ignoring case) that mark a weak host.
///
/// # Examples
/// ```
/// use linkage::sources::facts::WEAK_HOST_PHRASES;
/// assert!(WEAK_HOST_PHRASES.contains(&"discussion forum"));
/// ```
pub const WEAK_HOST_PHRASES: [&str; 4] = ["discussion forum", "blog", "news mirror", "aggregator"];

/// One cited fact.
///
/// # Examples
/// ```
/// use linkage::{Concordance, sources::facts};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let f = facts::load(&data.join(facts::FILE), &c).unwrap();
/// let first = &f.records[0];
/// assert_eq!(first.unit, "USD million");
/// assert!(first.weak_host); // "… (reposted on a blog)"
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// Case-study country the fact describes (`WLD` for a host's total of students from all
    /// origins).
    pub partner: Iso3,
    /// Outside power (`WLD` = the partner's total with all countries).
    pub actor: Iso3,
    /// Period the figure refers to (the starting calendar year of a fiscal or academic year;
    /// see `period_note`).
    pub year: i32,
    /// `investment`, `tourism`, `students`, `aid`, `opinion` or `trade` (the file's words).
    pub dimension: String,
    /// Short snake_case name of the figure, e.g. `fdi_equity_inflows`.
    pub indicator: String,
    /// The number as printed on the page (digit grouping removed, nothing else).
    pub value: f64,
    /// Unit and currency as printed, e.g. `USD billion`, `INR crore`, `persons`, `percent`.
    pub unit: String,
    /// Exact period and basis, with any qualifier printed beside the number.
    pub period_note: String,
    /// The original authority, and the secondary page when the figure was read there.
    pub publisher: String,
    /// Address of the page the number was read from.
    pub source_url: String,
    /// The sentence or table row holding the number, as copied from the page.
    pub excerpt: String,
    /// Whether `publisher` marks the page as a forum or blog repost or a mirror/aggregator
    /// (see [`WEAK_HOST_PHRASES`]).
    pub weak_host: bool,
}

/// Whether a `publisher` text marks a weak host (any of [`WEAK_HOST_PHRASES`], ignoring case).
///
/// # Examples
/// ```
/// use linkage::sources::facts::is_weak_host;
/// assert!(is_weak_host("Eleven Myanmar news report citing DICA, Myanmar (reposted on a blog)"));
/// assert!(!is_weak_host("Ministry of Hotels and Tourism, Myanmar (figures presented at ASEAN Tourism Forum, via TTR Weekly)"));
/// ```
pub fn is_weak_host(publisher: &str) -> bool {
    let p = publisher.to_lowercase();
    WEAK_HOST_PHRASES.iter().any(|w| p.contains(w))
}

/// Read the fact table. Every row is kept (the account shows them all as used); the text
/// columns are required, as the README promises none is empty.
///
/// # Errors
/// Missing columns; an empty cell; a partner or actor code the concordance does not know;
/// an unparseable year or value.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::facts};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let f = facts::load(&data.join(facts::FILE), &c).unwrap();
/// assert_eq!(f.records.len(), 236);
/// let shown = facts::default_view(&f.records);
/// assert!(shown.iter().all(|x| !x.weak_host));
/// assert!(shown.iter().any(|x| x.partner == iso3!("MMR") && x.actor == iso3!("JPN")));
/// ```
pub fn load(path: &Path, conc: &Concordance) -> Result<Loaded<Vec<Fact>>> {
    let t = Table::read(path)?;
    let partner = t.column("partner_iso3")?;
    let actor = t.column("actor_iso3")?;
    let year = t.column("year")?;
    let dimension = t.column("dimension")?;
    let indicator = t.column("indicator")?;
    let value = t.column("value")?;
    let unit = t.column("unit")?;
    let period_note = t.column("period_note")?;
    let publisher = t.column("publisher")?;
    let source_url = t.column("source_url")?;
    let excerpt = t.column("excerpt")?;
    let mut acc = Accounting::new("case-study facts", path.display().to_string());
    let mut out = Vec::with_capacity(t.height());
    for i in 0..t.height() {
        let p = partner.required_text(i)?;
        let p = conc
            .parse_iso3(p)
            .ok_or_else(|| partner.unknown_country(i, p))?;
        let a = actor.required_text(i)?;
        let a = conc
            .parse_iso3(a)
            .ok_or_else(|| actor.unknown_country(i, a))?;
        let pubr = publisher.required_text(i)?;
        out.push(Fact {
            partner: p,
            actor: a,
            year: year.year(i, MIN_YEAR, MAX_YEAR)?,
            dimension: dimension.required_text(i)?.to_string(),
            indicator: indicator.required_text(i)?.to_string(),
            value: value.required_f64(i)?,
            unit: unit.required_text(i)?.to_string(),
            period_note: period_note.required_text(i)?.to_string(),
            publisher: pubr.to_string(),
            source_url: source_url.required_text(i)?.to_string(),
            excerpt: excerpt.required_text(i)?.to_string(),
            weak_host: is_weak_host(pubr),
        });
        acc.used(1);
    }
    Ok(Loaded {
        records: out,
        accounting: acc,
    })
}

/// The facts to show by default: every fact not read on a weak host.
///
/// # Examples
/// ```
/// use linkage::{Concordance, sources::facts};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let f = facts::load(&data.join(facts::FILE), &c).unwrap();
/// assert_eq!(facts::default_view(&f.records).len(), 236 - 18);
/// ```
pub fn default_view(facts: &[Fact]) -> Vec<&Fact> {
    facts.iter().filter(|f| !f.weak_host).collect()
}

impl Rows for [&Fact] {
    /// `partner, actor, year, dimension, indicator, value, unit, period_note, publisher,
    /// source_url`, as `facts.csv` of the report (which writes the [`default_view`]).
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("partner", Kind::Text),
            Column::new("actor", Kind::Text),
            Column::new("year", Kind::Int32),
            Column::new("dimension", Kind::Text),
            Column::new("indicator", Kind::Text),
            Column::new("value", Kind::Float64),
            Column::new("unit", Kind::Text),
            Column::new("period_note", Kind::Text),
            Column::new("publisher", Kind::Text),
            Column::new("source_url", Kind::Text),
        ]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()> {
        for f in self {
            sink.text(f.partner.as_str());
            sink.text(f.actor.as_str());
            sink.int(i64::from(f.year));
            sink.text(&f.dimension);
            sink.text(&f.indicator);
            sink.float(f.value);
            sink.text(&f.unit);
            sink.text(&f.period_note);
            sink.text(&f.publisher);
            sink.text(&f.source_url);
            sink.end_row()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iso3;
    use approx::assert_relative_eq;

    fn load_real() -> Loaded<Vec<Fact>> {
        let (path, c) = crate::testutil::setup(FILE);
        load(&path, &c).unwrap()
    }

    #[test]
    fn real_file_accounts_and_spot_values() {
        let l = load_real();
        assert!(l.accounting.balances());
        assert_eq!(l.accounting.rows_in(), 236);
        assert_eq!(l.accounting.rows_used(), 236);
        // Row 1: `MMR,JPN,2013,investment,fdi_approved_cumulative,270.28,USD million,
        // "cumulative approved FDI, as of end-June 2013","Eleven Myanmar news report citing
        // DICA, Myanmar (reposted on a blog)",https://mmbusinessnews.blogspot.com/…`
        let f = &l.records[0];
        assert_eq!(
            (f.partner, f.actor, f.year),
            (iso3!("MMR"), iso3!("JPN"), 2013)
        );
        assert_eq!(f.indicator, "fdi_approved_cumulative");
        assert_relative_eq!(f.value, 270.28);
        assert_eq!(f.unit, "USD million");
        assert!(f.weak_host);
        // Row 4: `MMR,CHN,2017,investment,fdi_approved,1.39,USD billion,FY2017-18 (April
        // 2017-March 2018),"Government of Myanmar (Myanmar Digital News, state media)",…`
        let f = &l.records[3];
        assert_eq!(
            (f.partner, f.actor, f.year),
            (iso3!("MMR"), iso3!("CHN"), 2017)
        );
        assert_relative_eq!(f.value, 1.39);
        assert!(!f.weak_host);
        // README: rows by partner IND 78, VNM 59, KOR 53, MMR 41, WLD 5.
        let count = |p: Iso3| l.records.iter().filter(|f| f.partner == p).count();
        assert_eq!(
            [
                iso3!("IND"),
                iso3!("VNM"),
                iso3!("KOR"),
                iso3!("MMR"),
                iso3!("WLD")
            ]
            .map(count),
            [78, 59, 53, 41, 5]
        );
    }

    #[test]
    fn every_weak_host_is_flagged_and_counted() {
        let l = load_real();
        // My own count from the publisher column (see the module docs): 6 forum reposts,
        // 1 "reposted on a blog", 7 "reproduced by Mark Ashwill blog", 3 "as reported by Mark
        // Ashwill blog", 1 "as reproduced by a news mirror".
        let expected = [
            ("reposted on a discussion forum", 6),
            ("(reposted on a blog)", 1),
            ("reproduced by Mark Ashwill blog", 7),
            ("as reported by Mark Ashwill blog", 3),
            ("as reproduced by a news mirror", 1),
        ];
        for (phrase, n) in expected {
            let rows: Vec<&Fact> = l
                .records
                .iter()
                .filter(|f| f.publisher.contains(phrase))
                .collect();
            assert_eq!(rows.len(), n, "{phrase}");
            assert!(rows.iter().all(|f| f.weak_host), "{phrase}");
        }
        let weak = l.records.iter().filter(|f| f.weak_host).count();
        assert_eq!(weak, expected.iter().map(|e| e.1).sum::<usize>());
        assert_eq!(weak, 18);
        // The "ASEAN Tourism Forum" rows are a conference, not a forum repost.
        let atf: Vec<&Fact> = l
            .records
            .iter()
            .filter(|f| f.publisher.contains("ASEAN Tourism Forum"))
            .collect();
        assert_eq!(atf.len(), 3);
        assert!(atf.iter().all(|f| !f.weak_host));
        let shown = default_view(&l.records);
        assert_eq!(shown.len(), 218);
        assert!(shown.iter().all(|f| !f.weak_host));
    }

    #[test]
    fn unknown_actor_is_a_typed_error() {
        let data = crate::default_data_dir();
        let c = Concordance::load(&data).unwrap();
        let p = std::env::temp_dir().join(format!(
            "linkage_facts_{}_{}.csv",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        ));
        std::fs::write(
            &p,
            "partner_iso3,actor_iso3,year,dimension,indicator,value,unit,period_note,publisher,source_url,excerpt\n\
             MMR,XYZ,2019,aid,oda_commitment,1,USD million,2019,Someone,https://example.org,text\n",
        )
        .unwrap();
        let e = load(&p, &c).unwrap_err();
        assert!(
            matches!(e, crate::Error::UnknownCountry { ref at, .. } if at.is_cell(1, "actor_iso3")),
            "{e}"
        );
        let _ = std::fs::remove_file(p);
    }
}
