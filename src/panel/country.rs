//! Country codes and the concordance that joins the sources' code systems.
//!
//! Every source names countries its own way: ISO 3166-1 alpha-3 (World Bank, IMF DOTS as
//! shipped), alpha-2 (UN votes), Correlates of War numbers (COW trade, AidData), Gapminder's
//! lower-case geo codes (WDI via open-numbers). The [`Concordance`] is built from the shipped code
//! lists only — `country_converter`'s `country_data.tsv` and COW's `cow_states.csv` — so no code
//! mapping is typed into the crate:
//! - alpha-2, numeric and names come from `country_data.tsv`;
//! - a COW state is matched to ISO3 by applying `country_data.tsv`'s name patterns (its `regex`
//!   column, as `country_converter` does) to the COW state name, for states still in the system
//!   (a COW spell ending in or after 2014); exactly one match is required. Historical states
//!   (German Federal Republic, Republic of Vietnam, Yemen Arab Republic…) stay unmapped.
//! - three aggregates the sources use are recognised beside the countries: `EUU` (the European
//!   Union as a member of institutions), `EUI` (EU institutions as an aid donor: their own aid,
//!   DC.DAC.CECL.CD, not the member states') and `WLD` (World). One code, one meaning.
//!
//! Rows of `country_data.tsv` whose `ISO3` is not three letters (`BA1`, British Antarctic
//! Territories) are left out.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use crate::error::Result;
use crate::io::table::Table;
use crate::panel::accounting::Accounting;

/// An ISO 3166-1 alpha-3 code (three upper-case ASCII letters), or one of the aggregate codes
/// `EUU` and `WLD`. Copy, hashable, ordered alphabetically.
///
/// # Examples
/// ```
/// use linkage::Iso3;
/// let jp: Iso3 = "JPN".parse().unwrap();
/// assert_eq!(jp.as_str(), "JPN");
/// assert!("jpn".parse::<Iso3>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iso3([u8; 3]);

impl Iso3 {
    /// Build from a `&str` of exactly three upper-case ASCII letters.
    pub const fn from_bytes(b: [u8; 3]) -> Option<Iso3> {
        if b[0].is_ascii_uppercase() && b[1].is_ascii_uppercase() && b[2].is_ascii_uppercase() {
            Some(Iso3(b))
        } else {
            None
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // Only upper-case ASCII is ever stored.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

/// Shorthand for a code known at compile time, e.g. `iso3!("USA")`; panics at compile time
/// on a malformed literal.
#[macro_export]
macro_rules! iso3 {
    ($s:literal) => {{
        const C: $crate::Iso3 = {
            let b = $s.as_bytes();
            assert!(b.len() == 3, "ISO3 code must have three letters");
            match $crate::Iso3::from_bytes([b[0], b[1], b[2]]) {
                Some(c) => c,
                None => panic!("ISO3 code must be upper-case letters"),
            }
        };
        C
    }};
}

impl std::str::FromStr for Iso3 {
    type Err = ();
    fn from_str(s: &str) -> std::result::Result<Self, ()> {
        let b = s.as_bytes();
        if b.len() != 3 {
            return Err(());
        }
        Iso3::from_bytes([b[0], b[1], b[2]]).ok_or(())
    }
}

impl fmt::Display for Iso3 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Iso3 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Iso3 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Iso3 {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse()
            .map_err(|_| serde::de::Error::custom(format!("not an ISO3 code: {s:?}")))
    }
}

/// One entry of the concordance.
#[derive(Debug, Clone)]
pub struct Country {
    /// ISO 3166-1 alpha-3.
    pub iso3: Iso3,
    /// ISO 3166-1 alpha-2, where the code list has one.
    pub iso2: Option<String>,
    /// Short display name.
    pub name: String,
    /// Correlates of War state number, where matched.
    pub cow: Option<u16>,
    /// UN M49 numeric code.
    pub un: Option<u16>,
    /// UN geoscheme sub-region (`UNregion` of the code list), e.g. "South-eastern Asia".
    pub region: Option<String>,
}

/// Joins the sources' code systems; see the [module docs](self) for how it is built.
///
/// # Examples
/// ```
/// use linkage::{Concordance, iso3};
/// let c = Concordance::load(linkage::default_data_dir()).unwrap();
/// assert_eq!(c.from_iso2("MM"), Some(iso3!("MMR")));
/// assert_eq!(c.from_cow(816), Some(iso3!("VNM"))); // COW 816 = Vietnam
/// assert_eq!(c.from_cow(255), Some(iso3!("DEU"))); // COW 255 = Germany
/// assert_eq!(c.name(iso3!("KOR")), "South Korea");
/// ```
#[derive(Debug, Clone)]
pub struct Concordance {
    countries: Vec<Country>,
    by_iso3: HashMap<Iso3, usize>,
    by_iso2: HashMap<String, usize>,
    by_cow: HashMap<u16, usize>,
    patterns: Vec<(usize, fancy_regex::Regex)>,
    accounts: Vec<Accounting>,
}

/// File names of the code lists, relative to the data directory.
pub const CONVERTER_FILE: &str = "country_concordance/country_converter_country_data.tsv";
/// COW state list, relative to the data directory.
pub const COW_STATES_FILE: &str = "cow_trade/cow_states.csv";

/// Aggregate codes recognised beside the countries, with display names.
const AGGREGATES: [(&str, &str); 3] = [
    ("EUU", "European Union"),
    ("EUI", "EU institutions"),
    ("WLD", "World"),
];

impl Concordance {
    /// The accounts of the two code lists read (paths relative to the data directory).
    pub fn accounts(&self) -> &[Accounting] {
        &self.accounts
    }

    /// Load the concordance from the data directory (see [`crate::default_data_dir`]).
    ///
    /// # Errors
    /// Any read error of the two code lists, or a row whose ISO3 code is malformed.
    pub fn load(data_dir: impl AsRef<Path>) -> Result<Concordance> {
        let dir = data_dir.as_ref();
        let cc = Table::read(dir.join(CONVERTER_FILE))?;
        let iso3 = cc.column("ISO3")?;
        let iso2 = cc.column("ISO2")?;
        let name = cc.column("name_short")?;
        let un = cc.column("UNcode")?;
        let regex = cc.column("regex")?;
        let region = cc.column("UNregion")?;
        let mut out = Concordance {
            countries: Vec::new(),
            by_iso3: HashMap::new(),
            by_iso2: HashMap::new(),
            by_cow: HashMap::new(),
            patterns: Vec::new(),
            accounts: Vec::new(),
        };
        let mut patterns = Vec::new();
        let mut cc_acc = Accounting::new("country concordance", CONVERTER_FILE);
        for i in 0..cc.height() {
            // A few territories carry a private code (e.g. `BA1`): not ISO3, left out.
            let Ok(code) = iso3.required_text(i)?.parse::<Iso3>() else {
                cc_acc.exclude("ISO3 is not three letters (a private code, e.g. BA1)", 1);
                continue;
            };
            cc_acc.used(1);
            let un_code = match un.text(i) {
                Some(s) => s.parse::<f64>().ok().map(|v| v as u16),
                None => None,
            };
            let pattern = regex.required_text(i)?;
            let re = fancy_regex::RegexBuilder::new(pattern)
                .case_insensitive(true)
                .build()
                .map_err(|e| regex.invalid(i, format!("bad name pattern: {e}")))?;
            patterns.push((out.countries.len(), re));
            // Two rows write alpha-2 as a pattern of alternatives (`^GB$|^UK$`, `^GR$|^EL$`):
            // the first is the ISO code, the others aliases some sources use.
            let alternatives: Vec<String> = iso2
                .text(i)
                .map(|t| {
                    t.split('|')
                        .map(|a| a.trim_matches(|c| c == '^' || c == '$').to_string())
                        .filter(|a| !a.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            for alias in alternatives.iter().skip(1) {
                out.by_iso2.insert(alias.clone(), out.countries.len());
            }
            out.push(Country {
                iso3: code,
                iso2: alternatives.first().cloned(),
                name: name.required_text(i)?.to_string(),
                cow: None,
                un: un_code,
                region: region.text(i).map(str::to_string),
            });
        }
        for (code, name) in AGGREGATES {
            if let Ok(c) = code.parse::<Iso3>()
                && !out.by_iso3.contains_key(&c)
            {
                out.push(Country {
                    iso3: c,
                    iso2: None,
                    name: name.to_string(),
                    cow: None,
                    un: None,
                    region: None,
                });
            }
        }

        let cow = Table::read(dir.join(COW_STATES_FILE))?;
        let ccode = cow.column("ccode")?;
        let state = cow.column("statenme")?;
        let endyear = cow.column("endyear")?;
        let mut cow_acc = Accounting::new("cow state codes", COW_STATES_FILE);
        for i in 0..cow.height() {
            // Only states still in the system in 2014, the last year of the COW trade data.
            if endyear.int(i)? < 2014 {
                cow_acc.exclude(
                    "state spell ended before 2014 (historical state, unmapped)",
                    1,
                );
                continue;
            }
            let number = ccode.int(i)?;
            let number = u16::try_from(number).map_err(|_| ccode.invalid(i, "not a COW number"))?;
            let nm = state.required_text(i)?;
            let hits: Vec<usize> = patterns
                .iter()
                .filter(|(_, re)| re.is_match(nm).unwrap_or(false))
                .map(|(k, _)| *k)
                .collect();
            if let [k] = hits[..] {
                out.countries[k].cow = Some(number);
                out.by_cow.insert(number, k);
                cow_acc.used(1);
            } else {
                cow_acc.exclude(
                    "state name matches no or several concordance name patterns (unmapped)",
                    1,
                );
            }
        }
        out.patterns = patterns;
        out.accounts = vec![cc_acc, cow_acc];
        Ok(out)
    }

    fn push(&mut self, c: Country) {
        let k = self.countries.len();
        self.by_iso3.insert(c.iso3, k);
        if let Some(two) = &c.iso2 {
            self.by_iso2.insert(two.clone(), k);
        }
        self.countries.push(c);
    }

    /// Whether the code is a known country or aggregate.
    pub fn contains(&self, code: Iso3) -> bool {
        self.by_iso3.contains_key(&code)
    }

    /// Parse and check an ISO3 code (upper-case only; no guessing from lower case).
    pub fn parse_iso3(&self, text: &str) -> Option<Iso3> {
        text.parse().ok().filter(|c| self.contains(*c))
    }

    /// ISO3 from ISO2.
    pub fn from_iso2(&self, iso2: &str) -> Option<Iso3> {
        self.by_iso2.get(iso2).map(|&k| self.countries[k].iso3)
    }

    /// ISO3 from an English country name, by `country_converter`'s name patterns (case
    /// insensitive); `None` unless exactly one pattern matches.
    ///
    /// # Examples
    /// ```
    /// use linkage::{Concordance, iso3};
    /// let c = Concordance::load(linkage::default_data_dir()).unwrap();
    /// assert_eq!(c.from_name("South Korea"), Some(iso3!("KOR")));
    /// assert_eq!(c.from_name("UK"), Some(iso3!("GBR")));
    /// assert_eq!(c.from_name("Atlantis"), None);
    /// ```
    pub fn from_name(&self, name: &str) -> Option<Iso3> {
        let mut hits = self
            .patterns
            .iter()
            .filter(|(_, re)| re.is_match(name).unwrap_or(false));
        match (hits.next(), hits.next()) {
            (Some((k, _)), None) => Some(self.countries[*k].iso3),
            _ => None,
        }
    }

    /// ISO3 from a COW state number (current states only).
    pub fn from_cow(&self, cow: u16) -> Option<Iso3> {
        self.by_cow.get(&cow).map(|&k| self.countries[k].iso3)
    }

    /// ISO3 from a Gapminder/open-numbers geo code (lower-case ISO3 for countries).
    pub fn from_geo(&self, geo: &str) -> Option<Iso3> {
        self.parse_iso3(&geo.to_ascii_uppercase())
    }

    /// Display name (the code itself when unknown).
    pub fn name(&self, code: Iso3) -> String {
        match self.by_iso3.get(&code) {
            Some(&k) => self.countries[k].name.clone(),
            None => code.to_string(),
        }
    }

    /// Full entry.
    pub fn get(&self, code: Iso3) -> Option<&Country> {
        self.by_iso3.get(&code).map(|&k| &self.countries[k])
    }

    /// Countries of the Indo-Pacific: the UN geoscheme sub-regions of East, South-East and South
    /// Asia, Australia and New Zealand, Melanesia, Micronesia and Polynesia.
    ///
    /// # Examples
    /// ```
    /// use linkage::{Concordance, iso3};
    /// let c = Concordance::load(linkage::default_data_dir()).unwrap();
    /// let ip = c.indo_pacific();
    /// assert!(ip.contains(&iso3!("VNM")) && ip.contains(&iso3!("FJI")) && !ip.contains(&iso3!("DEU")));
    /// ```
    pub fn indo_pacific(&self) -> Vec<Iso3> {
        const REGIONS: [&str; 7] = [
            "Eastern Asia",
            "South-eastern Asia",
            "Southern Asia",
            "Australia and New Zealand",
            "Melanesia",
            "Micronesia",
            "Polynesia",
        ];
        self.countries
            .iter()
            .filter(|c| c.region.as_deref().is_some_and(|r| REGIONS.contains(&r)))
            .map(|c| c.iso3)
            .collect()
    }

    /// All entries.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }
}
