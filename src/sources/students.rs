//! OECD Education statistics, international (mobile) students enrolled in tertiary education
//! (ISCED 2011 levels 5–8) by country of origin, 2013–2019 (dataset `EDU_ENRL_MOBILE`), as
//! cleaned by `jords-santiago/intl-students-2013-2019` and filtered for this crate (file
//! `data/oecd_intl_students/oecd_intl_students_tertiary_2013_2019.csv`, columns
//! `destination_iso3, destination_name, origin_iso3, origin_name, year, students`).
//!
//! The file holds every origin for the destinations USA and JPN, and, for the other 37
//! OECD/partner destinations, only the origins USA, JPN and CHN. China is not a destination
//! (not an OECD reporter). The upstream cleaning truncated counts to whole numbers; 0 is a
//! published value and is kept.
//!
//! Rows where the destination is the origin (JPN→JPN, USA→USA: always 0, an artefact of the
//! OECD table layout) are excluded and counted.
//!
//! Codes are ISO3 as written by the upstream author's name→code tables. One of them is not an
//! ISO 3166-1 code: Kosovo is written `KSV` (2 rows), where the concordance has `XKX`. A code
//! the concordance does not know is therefore resolved from the name column beside it
//! (`origin_name` / `destination_name`) with [`Concordance::from_name`] — the shipped
//! `country_converter` name patterns, so `Kosovo` gives `XKX` — and is an error only when the
//! name does not resolve either.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::io::table::{Cells, Table};
use crate::panel::accounting::Accounting;
use crate::panel::country::{Concordance, Iso3};
use crate::sources::Loaded;

/// The file, relative to the data directory.
///
/// # Examples
/// ```
/// use linkage::sources::students;
/// assert!(linkage::default_data_dir().join(students::FILE).exists());
/// ```
pub const FILE: &str = "oecd_intl_students/oecd_intl_students_tertiary_2013_2019.csv";

/// Years the source covers.
const YEARS: (i32, i32) = (2013, 2019);

/// International tertiary students from `origin` enrolled in `destination` in `year`.
///
/// # Examples
/// ```
/// use linkage::{iso3, sources::students::Enrolment};
/// let e = Enrolment { destination: iso3!("JPN"), origin: iso3!("MMR"), year: 2019, students: 3336.0 };
/// assert_eq!(e.students as i64, 3336);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Enrolment {
    /// Country of the school (the OECD reporter).
    pub destination: Iso3,
    /// Country of origin of the students.
    pub origin: Iso3,
    /// Calendar year of the OECD reference period.
    pub year: i32,
    /// Number of students (whole numbers, non-negative).
    pub students: f64,
}

/// The code in `codes` at row `i`, or else the country named in `names` at row `i`.
fn country(codes: &Cells<'_>, names: &Cells<'_>, i: usize, conc: &Concordance) -> Result<Iso3> {
    let code = codes.required_text(i)?;
    if let Some(c) = conc.parse_iso3(code) {
        return Ok(c);
    }
    names
        .text(i)
        .and_then(|n| conc.from_name(n))
        .ok_or_else(|| codes.unknown_country(i, code))
}

/// Read the enrolment file.
///
/// # Errors
/// Missing columns; a code that neither the concordance nor its name column resolves
/// ([`Error::UnknownCountry`]); a year outside 2013–2019; an empty, unparseable or negative
/// student count ([`Error::Negative`]); a repeated (destination, origin, year).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::students};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let s = students::load(&data.join(students::FILE), &c).unwrap();
/// // Students from Myanmar in Japan, 2019 (file row `JPN,Japan,MMR,Myanmar,2019,3336`).
/// let mm_jp = s.records.iter().find(|e| e.destination == iso3!("JPN")
///     && e.origin == iso3!("MMR") && e.year == 2019).unwrap();
/// assert_eq!(mm_jp.students as i64, 3336);
/// assert!(s.accounting.balances());
/// ```
pub fn load(path: &Path, conc: &Concordance) -> Result<Loaded<Vec<Enrolment>>> {
    let t = Table::read(path)?;
    let dest = t.column("destination_iso3")?;
    let dest_name = t.column("destination_name")?;
    let origin = t.column("origin_iso3")?;
    let origin_name = t.column("origin_name")?;
    let year = t.column("year")?;
    let students = t.column("students")?;
    let mut acc = Accounting::new("oecd international students", path.display().to_string());
    let mut out = Vec::with_capacity(t.height());
    let mut first_row = HashMap::new();
    for i in 0..t.height() {
        let d = country(&dest, &dest_name, i, conc)?;
        let o = country(&origin, &origin_name, i, conc)?;
        let y = year.year(i, YEARS.0, YEARS.1)?;
        let n = students.required_f64(i)?;
        if n < 0.0 {
            return Err(Error::Negative {
                at: Location::cell(path, i + 1, "students"),
                value: n,
                unit: "students (a head count)".into(),
            });
        }
        if let Some(first) = first_row.insert((d, o, y), i + 1) {
            return Err(Error::DuplicateKey {
                at: Location::row(path, i + 1),
                first_row: first,
                key: format!("({d}, {o}, {y})"),
            });
        }
        if d == o {
            acc.exclude("destination is the origin (self row)", 1);
            continue;
        }
        out.push(Enrolment {
            destination: d,
            origin: o,
            year: y,
            students: n,
        });
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
    use crate::iso3;
    use approx::assert_relative_eq;

    fn setup() -> (std::path::PathBuf, Concordance) {
        crate::testutil::setup(FILE)
    }

    use crate::testutil::temp_file;

    fn find(v: &[Enrolment], d: Iso3, o: Iso3, y: i32) -> Option<f64> {
        v.iter()
            .find(|e| e.destination == d && e.origin == o && e.year == y)
            .map(|e| e.students)
    }

    #[test]
    fn real_file_spot_values_and_accounts() {
        let (path, c) = setup();
        let l = load(&path, &c).unwrap();
        let acc = &l.accounting;
        assert!(acc.balances());
        // PROVENANCE §13: 3,733 rows; 14 self rows (JPN→JPN and USA→USA, 2013–2019).
        assert_eq!(acc.rows_in(), 3733);
        assert_eq!(acc.rows_excluded(), 14);
        assert_eq!(acc.exclusions()["destination is the origin (self row)"], 14);
        assert_eq!(l.records.len(), 3719);
        let r = &l.records;
        // `JPN,Japan,MMR,Myanmar,2019,3336`
        assert_relative_eq!(find(r, iso3!("JPN"), iso3!("MMR"), 2019).unwrap(), 3336.0);
        // `USA,United States of America,MMR,Myanmar,2019,1890`
        assert_relative_eq!(find(r, iso3!("USA"), iso3!("MMR"), 2019).unwrap(), 1890.0);
        // `AUS,Australia,CHN,China,2013,87980`
        assert_relative_eq!(find(r, iso3!("AUS"), iso3!("CHN"), 2013).unwrap(), 87980.0);
        // `USA,United States of America,KSV,Kosovo,2019,2934`: KSV resolved by name to XKX.
        assert_relative_eq!(find(r, iso3!("USA"), iso3!("XKX"), 2019).unwrap(), 2934.0);
        assert!(find(r, iso3!("JPN"), iso3!("JPN"), 2019).is_none());
        // Zeros are kept: 364 zero rows in the file, 14 of them the excluded self rows.
        assert_eq!(r.iter().filter(|e| e.students == 0.0).count(), 350);
    }

    #[test]
    fn negative_count_is_a_typed_error() {
        let (_, c) = setup();
        let p = temp_file(
            "neg.csv",
            "destination_iso3,destination_name,origin_iso3,origin_name,year,students\n\
             JPN,Japan,MMR,Myanmar,2019,3336\nJPN,Japan,VNM,Viet Nam,2019,-4\n",
        );
        let e = load(&p, &c).unwrap_err();
        assert!(
            matches!(e, Error::Negative { ref at, value, .. } if at.is_cell(2, "students") && value < 0.0),
            "{e}"
        );
        let _ = std::fs::remove_file(p);
    }

    #[test]
    fn unresolvable_code_is_a_typed_error() {
        let (_, c) = setup();
        let p = temp_file(
            "code.csv",
            "destination_iso3,destination_name,origin_iso3,origin_name,year,students\n\
             JPN,Japan,ZZZ,Atlantis,2019,3\n",
        );
        let e = load(&p, &c).unwrap_err();
        assert!(
            matches!(e, Error::UnknownCountry { ref at, ref code } if at.is_cell(1, "origin_iso3") && code == "ZZZ"),
            "{e}"
        );
        let _ = std::fs::remove_file(p);
    }
}
