//! World Bank WDI tables as published by datahub (`Country Name,Country Code,Year,Value`):
//! GDP in current US$ (NY.GDP.MKTP.CD) and total population (SP.POP.TOTL).

use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::io::table::Table;
use crate::panel::accounting::Accounting;
use crate::panel::country::Concordance;
use crate::sources::{CountryYear, Loaded, MAX_YEAR, MIN_YEAR};

/// GDP file, relative to the data directory.
pub const GDP_FILE: &str = "worldbank_wdi_gdp/gdp_current_usd.csv";
/// Population file, relative to the data directory.
pub const POPULATION_FILE: &str = "worldbank_wdi_population/population_total.csv";

/// Read a WDI table. Rows whose code is a World Bank aggregate (regions, income groups) rather
/// than a country in the concordance are excluded and counted. Values must be positive.
///
/// # Errors
/// Missing columns, unparseable cells, non-positive values, duplicate (code, year).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::worldbank};
/// let dir = linkage::default_data_dir();
/// let c = Concordance::load(&dir).unwrap();
/// let gdp = worldbank::load(&dir.join(worldbank::GDP_FILE), &c).unwrap();
/// assert!(gdp.records[&(iso3!("VNM"), 2019)] > 1e11);
/// ```
pub fn load(path: &Path, conc: &Concordance) -> Result<Loaded<CountryYear>> {
    let t = Table::read(path)?;
    let code = t.column("Country Code")?;
    let year = t.column("Year")?;
    let value = t.column("Value")?;
    let mut acc = Accounting::new("world bank wdi", path.display().to_string());
    let mut out = CountryYear::new();
    let mut first_row = std::collections::HashMap::new();
    for i in 0..t.height() {
        let c = code.required_text(i)?;
        let y = year.year(i, MIN_YEAR, MAX_YEAR)?;
        let v = value.f64(i)?;
        let Some(iso) = conc.parse_iso3(c) else {
            acc.exclude("code is a World Bank aggregate, not a country", 1);
            continue;
        };
        let Some(v) = v else {
            acc.exclude("value missing", 1);
            continue;
        };
        if v <= 0.0 {
            return Err(Error::Negative {
                at: Location::cell(path, i + 1, "Value"),
                value: v,
                unit: "current US$ or persons (must be positive)".into(),
            });
        }
        if let Some(first) = first_row.insert((iso, y), i + 1) {
            return Err(Error::DuplicateKey {
                at: Location::row(path, i + 1),
                first_row: first,
                key: format!("({c}, {y})"),
            });
        }
        out.insert((iso, y), v);
        acc.used(1);
    }
    Ok(Loaded {
        records: out,
        accounting: acc,
    })
}
