//! World Bank WDI net bilateral aid flows from DAC donors (DC.DAC.\<donor\>L.CD, compiled by the
//! World Bank from OECD DAC statistics), as redistributed in DDF form by Gapminder /
//! open-numbers: one `geo,time,<series>` file per donor under `data/wdi_dac_bilateral_aid/`.
//!
//! Values are **net disbursements in current US$** from the donor to each recipient. Negative
//! values are real (repayments on earlier loans exceed new disbursements) and are kept as they
//! are; the float artefacts of the source's storage (e.g. `9999.99978` for US$ 10,000) are left
//! as published. Each file is read with the generic DDF reader [`crate::sources::ddf::load`],
//! which excludes and counts empty values and geos that are not countries.
//!
//! The recipients are the 30 geos kept when the files were made (Myanmar, Vietnam, India,
//! Korea, the rest of South-East and South Asia, the Pacific islands, China and Afghanistan);
//! Korea has no rows from 2000 on except three small rows in the DAC-total file.
//!
//! `EUI` (EU institutions, DC.DAC.CECL.CD) is a donor here but not an actor of the default
//! panel; the files do not state whether the DAC total includes EU institutions, so a share
//! of the total is not formed for it (see [`crate::derive::aid`]).

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Result;
use crate::iso3;
use crate::panel::accounting::Accounting;
use crate::panel::country::{Concordance, Iso3};
use crate::sources::{CountryYear, ddf};

/// The folder of the DAC files, relative to the data directory.
///
/// # Examples
/// ```
/// use linkage::sources::dac;
/// assert!(linkage::default_data_dir().join(dac::DIR).exists());
/// ```
pub const DIR: &str = "wdi_dac_bilateral_aid";

/// The donors: code, file name (inside [`DIR`]) and value column (the lower-case WDI code).
///
/// Nine DAC members (the United States, Japan, Germany, the United Kingdom, France, Italy,
/// Canada, Korea, Australia) and EU institutions (`EUI`, DC.DAC.CECL.CD).
///
/// # Examples
/// ```
/// use linkage::{iso3, sources::dac};
/// let (code, file, column) = dac::DONORS[1];
/// assert_eq!(code, iso3!("JPN"));
/// assert!(file.contains(column));
/// assert!(linkage::default_data_dir().join(dac::DIR).join(file).exists());
/// ```
pub const DONORS: [(Iso3, &str, &str); 10] = [
    (
        iso3!("USA"),
        "ddf--datapoints--dc_dac_usal_cd--by--geo--time.csv",
        "dc_dac_usal_cd",
    ),
    (
        iso3!("JPN"),
        "ddf--datapoints--dc_dac_jpnl_cd--by--geo--time.csv",
        "dc_dac_jpnl_cd",
    ),
    (
        iso3!("DEU"),
        "ddf--datapoints--dc_dac_deul_cd--by--geo--time.csv",
        "dc_dac_deul_cd",
    ),
    (
        iso3!("GBR"),
        "ddf--datapoints--dc_dac_gbrl_cd--by--geo--time.csv",
        "dc_dac_gbrl_cd",
    ),
    (
        iso3!("FRA"),
        "ddf--datapoints--dc_dac_fral_cd--by--geo--time.csv",
        "dc_dac_fral_cd",
    ),
    (
        iso3!("ITA"),
        "ddf--datapoints--dc_dac_ital_cd--by--geo--time.csv",
        "dc_dac_ital_cd",
    ),
    (
        iso3!("CAN"),
        "ddf--datapoints--dc_dac_canl_cd--by--geo--time.csv",
        "dc_dac_canl_cd",
    ),
    (
        iso3!("KOR"),
        "ddf--datapoints--dc_dac_korl_cd--by--geo--time.csv",
        "dc_dac_korl_cd",
    ),
    (
        iso3!("AUS"),
        "ddf--datapoints--dc_dac_ausl_cd--by--geo--time.csv",
        "dc_dac_ausl_cd",
    ),
    (
        iso3!("EUI"),
        "ddf--datapoints--dc_dac_cecl_cd--by--geo--time.csv",
        "dc_dac_cecl_cd",
    ),
];

/// The DAC-total file (DC.DAC.TOTL.CD, all DAC donors together): file name and value column.
///
/// # Examples
/// ```
/// use linkage::sources::dac;
/// let (file, column) = dac::TOTAL_FILE;
/// assert_eq!(column, "dc_dac_totl_cd");
/// assert!(linkage::default_data_dir().join(dac::DIR).join(file).exists());
/// ```
pub const TOTAL_FILE: (&str, &str) = (
    "ddf--datapoints--dc_dac_totl_cd--by--geo--time.csv",
    "dc_dac_totl_cd",
);

/// Net bilateral aid, current US$, by (recipient, year): one series per donor and the DAC total.
///
/// # Examples
/// ```
/// use linkage::{iso3, sources::{dac::DacAid, CountryYear}};
/// let mut aid = DacAid::default();
/// aid.by_donor.insert(iso3!("JPN"), CountryYear::from([((iso3!("MMR"), 2019), 7.6e8)]));
/// aid.total.insert((iso3!("MMR"), 2019), 1.6e9);
/// assert_eq!(aid.by_donor.len(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DacAid {
    /// Each donor's net bilateral aid to each recipient (negative = net repayment).
    pub by_donor: BTreeMap<Iso3, CountryYear>,
    /// All DAC donors' net bilateral aid to each recipient (negative = net repayment).
    pub total: CountryYear,
}

/// Read the ten donor files and the DAC-total file from `dir` (the folder [`DIR`] under the
/// data directory). Returns one [`Accounting`] per file, donors first in [`DONORS`] order,
/// the total last.
///
/// # Errors
/// The first file that fails [`ddf::load`]: unreadable file, missing column, unparseable
/// year or value, duplicate (geo, time).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::dac};
/// let data = linkage::default_data_dir();
/// let c = Concordance::load(&data).unwrap();
/// let (aid, accounts) = dac::load(&data.join(dac::DIR), &c).unwrap();
/// assert_eq!(accounts.len(), 11);
/// // Japan's net bilateral aid to Myanmar in 2019, current US$ (file row `mmr,2019,756930786.13281`).
/// assert!(aid.by_donor[&iso3!("JPN")][&(iso3!("MMR"), 2019)] > 7.5e8);
/// // Net repayments stay negative: China repaid more to DAC donors than it received in 2019.
/// assert!(aid.total[&(iso3!("CHN"), 2019)] < 0.0);
/// ```
pub fn load(dir: &Path, conc: &Concordance) -> Result<(DacAid, Vec<Accounting>)> {
    let mut aid = DacAid::default();
    let mut accounts = Vec::with_capacity(DONORS.len() + 1);
    for (donor, file, column) in DONORS {
        let loaded = ddf::load(&dir.join(file), column, conc)?;
        aid.by_donor.insert(donor, loaded.records);
        accounts.push(loaded.accounting);
    }
    let (file, column) = TOTAL_FILE;
    let loaded = ddf::load(&dir.join(file), column, conc)?;
    aid.total = loaded.records;
    accounts.push(loaded.accounting);
    Ok((aid, accounts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    fn setup() -> (std::path::PathBuf, Concordance) {
        crate::testutil::setup(DIR)
    }

    /// Data lines of a file (the header is not counted).
    fn data_lines(path: &Path) -> usize {
        std::fs::read_to_string(path).unwrap().lines().count() - 1
    }

    #[test]
    fn every_file_balances_and_counts_all_its_rows() {
        let (dir, c) = setup();
        let (aid, accounts) = load(&dir, &c).unwrap();
        let files: Vec<&str> = DONORS
            .iter()
            .map(|d| d.1)
            .chain(std::iter::once(TOTAL_FILE.0))
            .collect();
        assert_eq!(accounts.len(), files.len());
        for (acc, file) in accounts.iter().zip(&files) {
            assert!(acc.balances());
            assert_eq!(acc.rows_in(), data_lines(&dir.join(file)), "{file}");
            // Every geo kept in these files is a country and every value is present.
            assert_eq!(acc.rows_excluded(), 0, "{acc}");
        }
        // Row counts of PROVENANCE §9 and §14b.
        let rows: Vec<usize> = accounts.iter().map(|a| a.rows_in()).collect();
        assert_eq!(
            rows,
            vec![679, 696, 630, 570, 597, 456, 618, 666, 696, 664, 699]
        );
        assert_eq!(aid.by_donor.len(), 10);
        assert_eq!(aid.total.len(), 699);
    }

    #[test]
    fn spot_values_match_the_file_rows() {
        let (dir, c) = setup();
        let (aid, _) = load(&dir, &c).unwrap();
        let mmr = (iso3!("MMR"), 2019);
        // jpnl: `mmr,2019,756930786.13281`
        assert_relative_eq!(aid.by_donor[&iso3!("JPN")][&mmr], 756930786.13281);
        // usal: `mmr,2019,148059204.10156`
        assert_relative_eq!(aid.by_donor[&iso3!("USA")][&mmr], 148059204.10156);
        // cecl: `mmr,2019,120239379.88281`
        assert_relative_eq!(aid.by_donor[&iso3!("EUI")][&mmr], 120239379.88281);
        // totl: `mmr,2019,1623543121.40576`
        assert_relative_eq!(aid.total[&mmr], 1623543121.40576);
        // Net repayments are kept: totl `tha,2019,-378784121.59672`.
        assert_relative_eq!(aid.total[&(iso3!("THA"), 2019)], -378784121.59672);
        // Korea as a recipient: only 2000, 2003 and 2004 in the total, none in the donor files.
        assert_eq!(aid.total.keys().filter(|k| k.0 == iso3!("KOR")).count(), 3);
        assert!(
            aid.by_donor
                .values()
                .all(|s| s.keys().all(|k| k.0 != iso3!("KOR")))
        );
    }

    #[test]
    fn negative_values_are_kept() {
        let (dir, c) = setup();
        let (aid, _) = load(&dir, &c).unwrap();
        let negatives: usize = aid
            .by_donor
            .values()
            .chain(std::iter::once(&aid.total))
            .map(|s| s.values().filter(|v| **v < 0.0).count())
            .sum();
        // Counted from the files: usal 17, jpnl 96, deul 39, gbrl 23, fral 112, ital 61,
        // canl 21, korl 19, ausl 0, cecl 5, totl 38.
        assert_eq!(negatives, 431);
    }

    #[test]
    fn a_missing_file_is_an_io_error_naming_it() {
        let (_, c) = setup();
        let dir = std::env::temp_dir().join(format!("linkage_dac_missing_{}", std::process::id()));
        let e = load(&dir, &c).unwrap_err();
        assert!(matches!(e, crate::Error::Io { .. }));
        assert!(e.to_string().contains("dc_dac_usal_cd"));
    }
}
