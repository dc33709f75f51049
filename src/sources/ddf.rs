//! Gapminder / open-numbers DDF datapoint files: `geo,time,<indicator>`, one value per
//! country-year. Used for WDI series redistributed by open-numbers: merchandise trade as % of
//! GDP (TG.VAL.TOTL.GD.ZS), DAC net bilateral aid by donor (DC.DAC.*L.CD) and international
//! tourist arrivals (ST.INT.ARVL).

use std::path::Path;

use crate::error::Result;
use crate::io::table::Table;
use crate::panel::accounting::Accounting;
use crate::panel::country::Concordance;
use crate::sources::{CountryYear, Loaded, MAX_YEAR, MIN_YEAR};

/// Read a DDF datapoint file whose value column is `value_column`.
///
/// `geo` codes are lower-case ISO3 for countries; a geo that is not a known country (regions,
/// Gapminder-only entities) is excluded and counted. An empty value is excluded and counted.
///
/// # Errors
/// Missing columns, unparseable years or values, non-finite values, duplicate (geo, time).
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3, sources::ddf};
/// let dir = linkage::default_data_dir();
/// let c = Concordance::load(&dir).unwrap();
/// let f = dir.join("wdi_dac_bilateral_aid/ddf--datapoints--dc_dac_jpnl_cd--by--geo--time.csv");
/// let aid = ddf::load(&f, "dc_dac_jpnl_cd", &c).unwrap();
/// assert!(aid.records.contains_key(&(iso3!("MMR"), 2019)));
/// assert!(aid.accounting.balances());
/// ```
pub fn load(path: &Path, value_column: &str, conc: &Concordance) -> Result<Loaded<CountryYear>> {
    let t = Table::read(path)?;
    let geo = t.column("geo")?;
    let time = t.column("time")?;
    let val = t.column(value_column)?;
    let mut acc = Accounting::new(format!("ddf {value_column}"), path.display().to_string());
    let mut out = CountryYear::new();
    let mut first_row = std::collections::HashMap::new();
    for i in 0..t.height() {
        let g = geo.required_text(i)?;
        let year = time.year(i, MIN_YEAR, MAX_YEAR)?;
        let v = val.f64(i)?;
        let Some(code) = conc.from_geo(g) else {
            acc.exclude("geo is not a country in the concordance", 1);
            continue;
        };
        let Some(v) = v else {
            acc.exclude("value missing", 1);
            continue;
        };
        if let Some(first) = first_row.insert((code, year), i + 1) {
            return Err(crate::Error::DuplicateKey {
                at: crate::error::Location::row(path, i + 1),
                first_row: first,
                key: format!("({g}, {year})"),
            });
        }
        out.insert((code, year), v);
        acc.used(1);
    }
    Ok(Loaded {
        records: out,
        accounting: acc,
    })
}
