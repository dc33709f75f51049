//! International students in China by country of origin, 2010–2018: the Ministry of
//! Education's *Concise Statistics of International Students Coming to China*, as compiled
//! in `peijin0405/Machine-Learning-Analysis-of-International-Student-Mobility`, plus 11 values
//! from MOE's top-15 releases and *China Daily* (PROVENANCE §19). File
//! `data/students_in_china/students_in_china_by_origin_2010_2018.csv`, columns `origin_iso3,
//! origin_name_source, year, students, students_degree, students_non_degree,
//! students_cgs_scholarship, label_corrected, source`.
//!
//! MOE counts every foreign student of the calendar year, degree and non-degree (language,
//! short-term) together: not the OECD tertiary measure of [`crate::sources::students`].
//!
//! Every row is kept, the 11 press-release rows included (their breakdown columns are empty,
//! read as `None`, never 0); zeros are published values (CYP, KIR 2010–2011, SLB 2010, SSD
//! 2010–2011) and are kept. Defects of the source, kept as published: the Korea series was
//! labelled "Democratic People's Republic of Korea" and is coded KOR in the file
//! (`label_corrected` = 1; there is no PRK series); Solomon Islands 2010 has 0 students but 5
//! degree students, and 2013 has 5 students but 0 of each kind; South Sudan has rows for 2010,
//! before its independence. A row whose origin is China itself would be excluded and counted
//! (there is none).

use std::collections::HashMap;
use std::path::Path;

use crate::error::Result;
use crate::io::table::Table;
use crate::iso3;
use crate::panel::accounting::Accounting;
use crate::panel::country::{Concordance, Iso3};
use crate::sources::Loaded;

/// The file, relative to the data directory.
///
/// # Examples
/// ```
/// use linkage::sources::students_china;
/// assert!(linkage::default_data_dir().join(students_china::FILE).exists());
/// ```
pub const FILE: &str = "students_in_china/students_in_china_by_origin_2010_2018.csv";

/// Years the source covers.
const YEARS: (i32, i32) = (2010, 2018);

/// Where a row's figures come from (the file's `source` column).
///
/// # Examples
/// ```
/// use linkage::sources::students_china::StudentsSource;
/// assert_eq!(StudentsSource::parse("china_daily_2016_04_16"), Some(StudentsSource::ChinaDaily));
/// assert_eq!(StudentsSource::PressRelease.code(), "moe_press_release_top15");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StudentsSource {
    /// The repository's sqlite table `students_CTC` (`peijin_students_CTC`, 1,269 rows).
    Sqlite,
    /// MOE's top-15 origins releases for 2014 and 2018 (`moe_press_release_top15`, 10 rows).
    PressRelease,
    /// *China Daily*, 2016-04-16, India 2015 (`china_daily_2016_04_16`, 1 row).
    ChinaDaily,
}

impl StudentsSource {
    /// The code written in the file.
    ///
    /// # Examples
    /// ```
    /// use linkage::sources::students_china::StudentsSource;
    /// assert_eq!(StudentsSource::Sqlite.code(), "peijin_students_CTC");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            StudentsSource::Sqlite => "peijin_students_CTC",
            StudentsSource::PressRelease => "moe_press_release_top15",
            StudentsSource::ChinaDaily => "china_daily_2016_04_16",
        }
    }

    /// The source of a code as written in the file.
    ///
    /// # Examples
    /// ```
    /// use linkage::sources::students_china::StudentsSource;
    /// assert_eq!(StudentsSource::parse("moe_press_release_top15"), Some(StudentsSource::PressRelease));
    /// assert_eq!(StudentsSource::parse("blog"), None);
    /// ```
    pub fn parse(code: &str) -> Option<StudentsSource> {
        [
            StudentsSource::Sqlite,
            StudentsSource::PressRelease,
            StudentsSource::ChinaDaily,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

/// Students of one nationality in China in one year (MOE).
///
/// # Examples
/// ```
/// use linkage::{iso3, sources::students_china::{StudentsInChina, StudentsSource}};
/// // `VNM,Viet Nam,2018,11299,6730,4569,2742,0,peijin_students_CTC`
/// let s = StudentsInChina {
///     origin: iso3!("VNM"), year: 2018, students: 11299.0, degree: Some(6730.0),
///     non_degree: Some(4569.0), cgs_scholarship: Some(2742.0), label_corrected: false,
///     source: StudentsSource::Sqlite,
/// };
/// assert_eq!(s.students as i64, 11299);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StudentsInChina {
    /// The students' country of nationality.
    pub origin: Iso3,
    /// Calendar year of the MOE statistics.
    pub year: i32,
    /// Students of all levels and programmes (persons, ≥ 0).
    pub students: f64,
    /// Of which degree students (学历生); `None` on press-release rows.
    pub degree: Option<f64>,
    /// Of which non-degree students (非学历生); `None` on press-release rows.
    pub non_degree: Option<f64>,
    /// Holders of a Chinese Government Scholarship; `None` on press-release rows.
    pub cgs_scholarship: Option<f64>,
    /// The source labelled the series otherwise (Korea, labelled DPRK in the sqlite).
    pub label_corrected: bool,
    /// Where the figures come from.
    pub source: StudentsSource,
}

/// What the count columns count (for [`Error::Negative`](crate::Error::Negative)).
const HEAD_COUNT: &str = "students (a head count)";

/// Read the students-in-China file.
///
/// # Errors
/// Missing columns; an origin code the concordance does not know
/// ([`Error::UnknownCountry`](crate::Error::UnknownCountry)); a year outside 2010–2018; an empty or unparseable `students`;
/// a negative count in any count column ([`Error::Negative`](crate::Error::Negative)); `label_corrected` other than
/// 0 or 1; an unknown `source`; a repeated (origin, year) ([`Error::DuplicateKey`](crate::Error::DuplicateKey)).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::students_china};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let s = students_china::load(&data.join(students_china::FILE), &c).unwrap();
/// assert_eq!(s.records.len(), 1280);
/// // India 2015 comes from China Daily: `IND,India,2015,16694,,,,0,china_daily_2016_04_16`.
/// let ind = s.records.iter().find(|r| r.origin == iso3!("IND") && r.year == 2015).unwrap();
/// assert_eq!((ind.students as i64, ind.degree), (16694, None));
/// assert!(s.accounting.balances());
/// ```
pub fn load(path: &Path, conc: &Concordance) -> Result<Loaded<Vec<StudentsInChina>>> {
    let t = Table::read(path)?;
    let origin = t.column("origin_iso3")?;
    let year = t.column("year")?;
    let total = t.column("students")?;
    let degree = t.column("students_degree")?;
    let non_degree = t.column("students_non_degree")?;
    let cgs = t.column("students_cgs_scholarship")?;
    let corrected = t.column("label_corrected")?;
    let source = t.column("source")?;
    let mut acc = Accounting::new("students in china (moe)", path.display().to_string());
    let mut out = Vec::with_capacity(t.height());
    let mut first_row = HashMap::new();
    for i in 0..t.height() {
        let code = origin.required_text(i)?;
        let o = conc
            .parse_iso3(code)
            .ok_or_else(|| origin.unknown_country(i, code))?;
        let y = year.year(i, YEARS.0, YEARS.1)?;
        let n = total
            .non_negative(i, HEAD_COUNT)?
            .ok_or_else(|| total.invalid(i, "students is empty"))?;
        let record = StudentsInChina {
            origin: o,
            year: y,
            students: n,
            degree: degree.non_negative(i, HEAD_COUNT)?,
            non_degree: non_degree.non_negative(i, HEAD_COUNT)?,
            cgs_scholarship: cgs.non_negative(i, HEAD_COUNT)?,
            label_corrected: match corrected.required_text(i)? {
                "0" => false,
                "1" => true,
                other => {
                    return Err(corrected.invalid(i, format!("{other:?} is not 0 or 1")));
                }
            },
            source: {
                let s = source.required_text(i)?;
                StudentsSource::parse(s)
                    .ok_or_else(|| source.invalid(i, format!("unknown source {s:?}")))?
            },
        };
        if let Some(first) = first_row.insert((o, y), origin.row(i)) {
            return Err(origin.duplicate_key(i, first, format!("({o}, {y})")));
        }
        if o == iso3!("CHN") {
            acc.exclude("origin is China, the destination (self row)", 1);
            continue;
        }
        out.push(record);
        acc.used(1);
    }
    Ok(Loaded {
        records: out,
        accounting: acc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::testutil::temp_file;
    use approx::assert_relative_eq;

    const HEADER: &str = "origin_iso3,origin_name_source,year,students,students_degree,students_non_degree,students_cgs_scholarship,label_corrected,source\n";

    fn read(lines: &str) -> Result<Loaded<Vec<StudentsInChina>>> {
        let (_, c) = crate::testutil::setup(FILE);
        let p = temp_file("moe.csv", &format!("{HEADER}{lines}"));
        let out = load(&p, &c);
        let _ = std::fs::remove_file(p);
        out
    }

    fn find(v: &[StudentsInChina], o: Iso3, y: i32) -> Option<&StudentsInChina> {
        v.iter().find(|r| r.origin == o && r.year == y)
    }

    #[test]
    fn real_file_every_row_kept_with_spot_values() {
        let (path, c) = crate::testutil::setup(FILE);
        let l = load(&path, &c).unwrap();
        let acc = &l.accounting;
        assert!(acc.balances());
        // PROVENANCE §19: 1,280 rows (1,269 sqlite + 10 press release + 1 China Daily).
        assert_eq!((acc.rows_in(), acc.rows_used()), (1280, 1280));
        let r = &l.records;
        let count = |s| r.iter().filter(|x| x.source == s).count();
        assert_eq!(count(StudentsSource::Sqlite), 1269);
        assert_eq!(count(StudentsSource::PressRelease), 10);
        assert_eq!(count(StudentsSource::ChinaDaily), 1);
        // `VNM,Viet Nam,2018,11299,6730,4569,2742,0,peijin_students_CTC`
        let vn = find(r, iso3!("VNM"), 2018).unwrap();
        assert_relative_eq!(vn.students, 11299.0);
        assert_eq!(vn.degree, Some(6730.0));
        assert_eq!(vn.cgs_scholarship, Some(2742.0));
        // Korea relabelled (9 rows): 50,600 in 2018, as MOE's release gives 韩国.
        let kr = find(r, iso3!("KOR"), 2018).unwrap();
        assert_relative_eq!(kr.students, 50600.0);
        assert!(kr.label_corrected);
        assert_eq!(r.iter().filter(|x| x.label_corrected).count(), 9);
        assert!(r.iter().all(|x| x.origin != iso3!("PRK")));
        // Press-release rows: `USA,United States,2018,20996,,,,0,moe_press_release_top15`.
        let us = find(r, iso3!("USA"), 2018).unwrap();
        assert_relative_eq!(us.students, 20996.0);
        assert_eq!(
            (us.degree, us.non_degree, us.cgs_scholarship),
            (None, None, None)
        );
        // Seven published zeros are kept.
        assert_eq!(r.iter().filter(|x| x.students == 0.0).count(), 7);
    }

    #[test]
    fn negative_repeated_and_unknown_are_typed_errors() {
        let e = read(
            "VNM,Viet Nam,2018,11299,6730,4569,2742,0,peijin_students_CTC\n\
             MMR,Myanmar,2018,8573,-1,,,0,peijin_students_CTC\n",
        )
        .unwrap_err();
        assert!(
            matches!(e, Error::Negative { ref at, .. } if at.is_cell(2, "students_degree")),
            "{e}"
        );
        let e = read(
            "VNM,Viet Nam,2018,1,,,,0,peijin_students_CTC\nVNM,Viet Nam,2018,2,,,,0,peijin_students_CTC\n",
        )
        .unwrap_err();
        assert!(
            matches!(e, Error::DuplicateKey { ref at, first_row: 1, .. } if at.row == Some(2)),
            "{e}"
        );
        let e = read("ZZZ,Atlantis,2018,1,,,,0,peijin_students_CTC\n").unwrap_err();
        assert!(
            matches!(e, Error::UnknownCountry { ref at, .. } if at.is_cell(1, "origin_iso3")),
            "{e}"
        );
        let e = read("VNM,Viet Nam,2018,,,,,0,peijin_students_CTC\n").unwrap_err();
        assert!(e.location().unwrap().is_cell(1, "students"), "{e}");
        let e = read("VNM,Viet Nam,2018,1,,,,2,peijin_students_CTC\n").unwrap_err();
        assert!(e.location().unwrap().is_cell(1, "label_corrected"), "{e}");
        let e = read("VNM,Viet Nam,2018,1,,,,0,blog\n").unwrap_err();
        assert!(e.location().unwrap().is_cell(1, "source"), "{e}");
        let e = read("VNM,Viet Nam,2019,1,,,,0,peijin_students_CTC\n").unwrap_err();
        assert!(matches!(e, Error::YearOutOfRange { year: 2019, .. }), "{e}");
    }

    #[test]
    fn a_china_row_is_excluded_and_counted() {
        let l = read(
            "CHN,China,2018,5,,,,0,peijin_students_CTC\nVNM,Viet Nam,2018,0,0,0,0,0,peijin_students_CTC\n",
        )
        .unwrap();
        assert_eq!(l.records.len(), 1);
        assert_relative_eq!(l.records[0].students, 0.0);
        assert_eq!(
            l.accounting.exclusions()["origin is China, the destination (self row)"],
            1
        );
    }
}
