//! Source adapters: each reads one published file exactly as shipped under `data/`, validates
//! it, and returns typed records plus an [`Accounting`] of the rows it used and excluded.
//!
//! Adapters never fill in values: a missing cell stays missing and is counted.

use std::collections::BTreeMap;

use crate::panel::accounting::Accounting;
use crate::panel::country::Iso3;

pub mod aiddata;
pub mod arrivals;
pub mod cgit;
pub mod cow;
pub mod dac;
pub mod ddf;
pub mod dots;
pub mod dots_recent;
pub mod facts;
pub mod ideal_points;
pub mod institutions;
pub mod pew;
pub mod pew_global;
pub mod students;
pub mod students_china;
pub mod unctad_fdi;
pub mod unvotes;
pub mod worldbank;

/// Records read from one file, with the account of its rows.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// The typed records.
    pub records: T,
    /// Rows in, used and excluded.
    pub accounting: Accounting,
}

/// A value per (country, year), e.g. GDP or population.
pub type CountryYear = BTreeMap<(Iso3, i32), f64>;

/// Earliest year any shipped source covers (COW trade starts in 1960).
pub const MIN_YEAR: i32 = 1946;
/// Latest year accepted in a data file.
pub const MAX_YEAR: i32 = 2030;
