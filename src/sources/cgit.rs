//! AEI/Heritage China Global Investment Tracker (CGIT), 2025 edition: China's outward
//! investment deals (AEI Dataset 1) and construction contracts (Dataset 2) of US$ 100 million or
//! more, summed per host country and year, 2005–2025 (file
//! `data/aei_china_investment/cgit_host_year_totals_2005_2025.csv`, PROVENANCE §18).
//!
//! China is the only investor. Values are announced or contracted deal sizes in millions of
//! current US dollars (AEI rounds them to tens of millions), not balance-of-payments FDI. The
//! file has **no zero rows**: a host-year that is absent had no tracked deal of US$ 100 m or
//! more (the derivation, not this adapter, fills those zeros). 2025 is partial (construction
//! covers January–June, `construction_months_covered` = 6); the rows are read and kept here,
//! and the derivation leaves them out.
//!
//! Every row is checked: investment + construction = total (US$ and deal counts), no negative
//! value, months covered between 1 and 12, one row per (host, year).

use std::collections::HashMap;
use std::path::Path;

use crate::error::Result;
use crate::io::table::Table;
use crate::panel::accounting::Accounting;
use crate::panel::country::{Concordance, Iso3};
use crate::sources::Loaded;

/// The host-year totals file, relative to the data directory.
///
/// # Examples
/// ```
/// use linkage::sources::cgit;
/// assert!(linkage::default_data_dir().join(cgit::FILE).exists());
/// ```
pub const FILE: &str = "aei_china_investment/cgit_host_year_totals_2005_2025.csv";

/// Years the file covers (2025 partial).
///
/// # Examples
/// ```
/// assert_eq!(linkage::sources::cgit::YEARS, (2005, 2025));
/// ```
pub const YEARS: (i32, i32) = (2005, 2025);

/// China's tracked deals in one host country in one year, US$ million.
///
/// # Examples
/// ```
/// use linkage::{iso3, sources::cgit::DealYear};
/// // `VNM,Vietnam,2024,11,2050,3,880,14,2930,2930,12`
/// let d = DealYear {
///     host: iso3!("VNM"),
///     year: 2024,
///     investment_usd_million: 2050.0,
///     construction_usd_million: 880.0,
///     construction_months: 12,
/// };
/// assert_eq!(d.investment_usd_million + d.construction_usd_million, 2930.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DealYear {
    /// The host country of the deals.
    pub host: Iso3,
    /// Calendar year of the deals.
    pub year: i32,
    /// Sum of investment deals (AEI Dataset 1), US$ million; 0 when none that year.
    pub investment_usd_million: f64,
    /// Sum of construction contracts (AEI Dataset 2), US$ million; 0 when none that year.
    pub construction_usd_million: f64,
    /// Months of the year the construction data cover (12, or 6 in 2025).
    pub construction_months: u8,
}

/// Read the host-year totals file. Every row is used (2025 included: see the module docs).
///
/// # Errors
/// Missing columns; a host code the concordance does not know; a year outside 2005–2025; an
/// empty, unparseable or negative value ([`Error::Negative`](crate::Error::Negative)); investment + construction ≠ total
/// (in US$ or in deal counts, [`Error::Invalid`](crate::Error::Invalid) naming the total's cell); months covered
/// outside 1–12; a repeated (host, year) ([`Error::DuplicateKey`](crate::Error::DuplicateKey)).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::cgit};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let l = cgit::load(&data.join(cgit::FILE), &c).unwrap();
/// assert!(l.accounting.balances());
/// // `VNM,Vietnam,2024,11,2050,3,880,14,2930,2930,12`
/// let vn = l.records.iter().find(|d| d.host == iso3!("VNM") && d.year == 2024).unwrap();
/// assert_eq!(vn.investment_usd_million, 2050.0);
/// ```
pub fn load(path: &Path, conc: &Concordance) -> Result<Loaded<Vec<DealYear>>> {
    let t = Table::read(path)?;
    let host = t.column("host_iso3")?;
    let year = t.column("year")?;
    let inv = t.column("investment_usd_million")?;
    let con = t.column("construction_usd_million")?;
    let total = t.column("total_usd_million")?;
    let inv_n = t.column("investment_n_transactions")?;
    let con_n = t.column("construction_n_transactions")?;
    let total_n = t.column("total_n_transactions")?;
    let months = t.column("construction_months_covered")?;
    let mut acc = Accounting::new(
        "aei china global investment tracker",
        path.display().to_string(),
    );
    let mut out = Vec::with_capacity(t.height());
    let mut first_row = HashMap::new();
    let usd = "US$ million (deal values)";
    let deals = "deals (a count)";
    for i in 0..t.height() {
        let code = host.required_text(i)?;
        let h = conc
            .parse_iso3(code)
            .ok_or_else(|| host.unknown_country(i, code))?;
        let y = year.year(i, YEARS.0, YEARS.1)?;
        let (vi, vc, vt) = (
            inv.required_non_negative(i, usd)?,
            con.required_non_negative(i, usd)?,
            total.required_non_negative(i, usd)?,
        );
        // Whole US$ millions: the sum is exact in f64.
        if (vi + vc - vt).abs() > 1e-9 * vt.max(1.0) {
            return Err(total.invalid(
                i,
                format!("total {vt} is not investment {vi} + construction {vc}"),
            ));
        }
        let (ni, nc, nt) = (
            inv_n.required_non_negative(i, deals)?,
            con_n.required_non_negative(i, deals)?,
            total_n.required_non_negative(i, deals)?,
        );
        if (ni + nc - nt).abs() > 1e-9 * nt.max(1.0) {
            return Err(total_n.invalid(
                i,
                format!("total {nt} deals is not investment {ni} + construction {nc}"),
            ));
        }
        let m = months.int(i)?;
        let m = u8::try_from(m)
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| months.invalid(i, format!("{m} months is outside 1-12")))?;
        if let Some(first) = first_row.insert((h, y), host.row(i)) {
            return Err(host.duplicate_key(i, first, format!("({h}, {y})")));
        }
        out.push(DealYear {
            host: h,
            year: y,
            investment_usd_million: vi,
            construction_usd_million: vc,
            construction_months: m,
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
    use crate::error::Error;
    use crate::iso3;
    use crate::testutil::temp_file;
    use approx::assert_relative_eq;

    const HEADER: &str = "host_iso3,host_name_aei,year,investment_n_transactions,investment_usd_million,construction_n_transactions,construction_usd_million,total_n_transactions,total_usd_million,bri_flagged_usd_million,construction_months_covered\n";

    fn setup() -> (std::path::PathBuf, Concordance) {
        crate::testutil::setup(FILE)
    }

    fn load_text(body: &str) -> Result<Loaded<Vec<DealYear>>> {
        let (_, c) = setup();
        let p = temp_file("cgit.csv", &format!("{HEADER}{body}"));
        load(&p, &c)
    }

    #[test]
    fn real_file_spot_values_and_accounts() {
        let (path, c) = setup();
        let l = load(&path, &c).unwrap();
        // PROVENANCE §18: 1,522 host-year rows, 161 hosts, all used.
        assert!(l.accounting.balances());
        assert_eq!(l.accounting.rows_in(), 1522);
        assert_eq!(l.accounting.rows_used(), 1522);
        let r = &l.records;
        let hosts: std::collections::BTreeSet<Iso3> = r.iter().map(|d| d.host).collect();
        assert_eq!(hosts.len(), 161);
        // China, Hong Kong and Macao are never hosts.
        for h in [iso3!("CHN"), iso3!("HKG"), iso3!("MAC")] {
            assert!(!hosts.contains(&h));
        }
        // Sums over 2005–2025: investment 1,557,160 and construction 1,032,470 (US$ m).
        let inv: f64 = r.iter().map(|d| d.investment_usd_million).sum();
        let con: f64 = r.iter().map(|d| d.construction_usd_million).sum();
        assert_relative_eq!(inv, 1_557_160.0);
        assert_relative_eq!(con, 1_032_470.0);
        // `VNM,Vietnam,2024,11,2050,3,880,14,2930,2930,12`
        let vn = r
            .iter()
            .find(|d| d.host == iso3!("VNM") && d.year == 2024)
            .unwrap();
        assert_relative_eq!(vn.investment_usd_million, 2050.0);
        assert_relative_eq!(vn.construction_usd_million, 880.0);
        // `MMR,Myanmar,2024,0,0,1,520,1,520,520,12`: 0 investment is a published 0.
        let mm = r
            .iter()
            .find(|d| d.host == iso3!("MMR") && d.year == 2024)
            .unwrap();
        assert_relative_eq!(mm.investment_usd_million, 0.0);
        // 2025 construction covers six months; every other year twelve.
        assert!(
            r.iter()
                .all(|d| d.construction_months == if d.year == 2025 { 6 } else { 12 })
        );
        assert_eq!(r.iter().filter(|d| d.year == 2025).count(), 65);
    }

    #[test]
    fn parts_that_do_not_add_up_are_a_typed_error() {
        let e = load_text("VNM,Vietnam,2024,11,2050,3,880,14,2940,2930,12\n").unwrap_err();
        assert!(
            matches!(e, Error::Invalid { ref at, .. } if at.is_cell(1, "total_usd_million")),
            "{e}"
        );
        let e = load_text(
            "VNM,Vietnam,2023,10,2350,1,260,11,2610,2610,12\nVNM,Vietnam,2024,11,2050,3,880,15,2930,2930,12\n",
        )
        .unwrap_err();
        assert!(
            matches!(e, Error::Invalid { ref at, .. } if at.is_cell(2, "total_n_transactions")),
            "{e}"
        );
    }

    #[test]
    fn negative_repeated_and_out_of_range_rows_are_typed_errors() {
        let e = load_text("VNM,Vietnam,2024,1,-100,0,0,1,-100,0,12\n").unwrap_err();
        assert!(
            matches!(e, Error::Negative { ref at, .. } if at.is_cell(1, "investment_usd_million")),
            "{e}"
        );
        let e = load_text(
            "VNM,Vietnam,2024,1,100,0,0,1,100,0,12\nVNM,Vietnam,2024,1,200,0,0,1,200,0,12\n",
        )
        .unwrap_err();
        assert!(
            matches!(e, Error::DuplicateKey { ref at, first_row: 1, .. } if at.row == Some(2)),
            "{e}"
        );
        let e = load_text("VNM,Vietnam,2004,1,100,0,0,1,100,0,12\n").unwrap_err();
        assert!(matches!(e, Error::YearOutOfRange { .. }), "{e}");
        let e = load_text("VNM,Vietnam,2024,1,100,0,0,1,100,0,13\n").unwrap_err();
        assert!(
            matches!(e, Error::Invalid { ref at, .. } if at.is_cell(1, "construction_months_covered")),
            "{e}"
        );
        let e = load_text("XXA,Atlantis,2024,1,100,0,0,1,100,0,12\n").unwrap_err();
        assert!(matches!(e, Error::UnknownCountry { .. }), "{e}");
    }
}
