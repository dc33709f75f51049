//! Visitor arrivals by country of origin: the ten files of `data/tourism_by_origin/`
//! (PROVENANCE §20), one common 13-column format (`destination_iso3, destination_label,
//! origin_iso3, origin_label, origin_type, year, arrivals, months_present, measure, series,
//! status, note, source`).
//!
//! | file ([`ArrivalsFile`]) | destination | years | total row |
//! |---|---|---|---|
//! | JNTO workbook (§20a) | JPN | 2003–2021 | `総数` |
//! | JNTO all nationalities (§20b) | JPN | 2019–2024 | none (only `Stateless and others`, `Unknown`) |
//! | JNTO by nationality/purpose, RituBansal12 (§20c) | JPN | 1996–2024 | none |
//! | KTO (§20d) | KOR | 2005–2022 | `전 체` |
//! | UNWTO China inbound (§20e) | CHN | 2014–2018 | `TOTAL` |
//! | UNWTO China outbound (§20f) | 164 destinations | 1995–2018 | none (origin always CHN) |
//! | India FTAs (§20g) | IND | 2004–2015 | none |
//! | India FTAs (§20h) | IND | 2021 | `Grand Total` |
//! | STB Singapore (§20i) | SGP | 1978–2016 | none |
//! | VNAT Vietnam (§20j) | VNM | 2018 | none |
//!
//! Each row becomes an [`Arrival`]; what the adapter keeps and drops (counted per file):
//! - `origin_type = country`: kept, the origin code checked against the concordance (an unknown
//!   code is an [`Error::UnknownCountry`](crate::Error::UnknownCountry)). Every code in the shipped files is known, including
//!   `ANT` (Netherlands Antilles, a withdrawn code: `country_converter` still lists it; §20e has
//!   five rows with values 0–3), `XKX` (Kosovo) and `CXR`; none of them is excluded. A withdrawn
//!   code simply has no WDI population, so the per-capita indicators count it as missing.
//! - `origin_type = aggregate`: the file's **total row** (the label of
//!   [`ArrivalsFile::total_label`]) is kept as [`Origin::Total`]; every other aggregate
//!   (regions, "others", stateless, unknown, overseas Koreans `교포`) is excluded and counted.
//! - `origin_type = unmapped`: excluded and counted (India's `Czechoslovakia`, 11 rows, §20g).
//! - A row whose origin is its destination: excluded and counted (none in the shipped files).
//!
//! Nothing is filtered by year or by precedence here: which file gives a value for which year
//! (JNTO's three files, China inbound only from 2016, one UNWTO outbound series per
//! destination) is decided in [`crate::derive::people`].
//!
//! Known defects kept as published (PROVENANCE §20): the JNTO workbook's 2021 values are
//! provisional ([`Arrival::provisional`]); in UNWTO's China inbound table **India 2018 equals
//! Indonesia 2018** (708,517), so India 2018 is suspect — the row is kept for a data-quality
//! rule to judge; the JNTO 1996–2024 file swaps Singapore and Malaysia in 2003–2004 (and, by
//! the continuity of both series, most likely before 2003 as well; see
//! [`crate::derive::people`]); all series collapse in 2020–2022 (real values).

use crate::panel::country::Iso3;

mod file;
mod read;

pub use file::{ArrivalsFile, Series};
pub use read::{load, load_file};

/// The folder of the arrivals files, relative to the data directory.
///
/// # Examples
/// ```
/// use linkage::sources::arrivals;
/// assert!(linkage::default_data_dir().join(arrivals::DIR).is_dir());
/// ```
pub const DIR: &str = "tourism_by_origin";

/// The origin of an arrivals row: one country, or the file's total row.
///
/// # Examples
/// ```
/// use linkage::{iso3, sources::arrivals::Origin};
/// assert_eq!(Origin::Country(iso3!("KOR")).country(), Some(iso3!("KOR")));
/// assert_eq!(Origin::Total.country(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Origin {
    /// A single economy (Hong Kong, Macao and Taiwan included), by nationality or residence.
    Country(Iso3),
    /// All origins together: the row of [`ArrivalsFile::total_label`].
    Total,
}

impl Origin {
    /// The country, unless this is the total.
    ///
    /// # Examples
    /// ```
    /// use linkage::{iso3, sources::arrivals::Origin};
    /// assert_eq!(Origin::Country(iso3!("VNM")).country(), Some(iso3!("VNM")));
    /// assert_eq!(Origin::Total.country(), None);
    /// ```
    pub fn country(self) -> Option<Iso3> {
        match self {
            Origin::Country(c) => Some(c),
            Origin::Total => None,
        }
    }
}

/// Arrivals from one origin in one destination and year, as one file gives them.
///
/// # Examples
/// ```
/// use linkage::{iso3, sources::arrivals::{Arrival, ArrivalsFile, Origin}};
/// // `KOR,한국,USA,미  국,country,2019,1044038,…`
/// let a = Arrival {
///     file: ArrivalsFile::Kto, row: 1, destination: iso3!("KOR"),
///     origin: Origin::Country(iso3!("USA")), year: 2019, arrivals: 1_044_038.0,
///     series: None, provisional: false,
/// };
/// assert_eq!(a.origin.country(), Some(iso3!("USA")));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arrival {
    /// The file the row comes from.
    pub file: ArrivalsFile,
    /// The 1-based data row in that file (header not counted), for messages.
    pub row: usize,
    /// The country that counted the arrivals.
    pub destination: Iso3,
    /// The visitors' country of nationality (residence for Singapore and the UNWTO `…R`
    /// series), or the total.
    pub origin: Origin,
    /// Calendar year.
    pub year: i32,
    /// Arrivals (entries, not persons), a whole number ≥ 0.
    pub arrivals: f64,
    /// The UNWTO series (the two UNWTO files only).
    pub series: Option<Series>,
    /// The source marks the value provisional (JNTO workbook, 2021).
    pub provisional: bool,
}

#[cfg(test)]
mod tests;
