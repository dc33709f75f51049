//! COINr interop: read COINr's `iData` / `iMeta` tables (as CSV, e.g. `write.csv(ASEM_iData)`)
//! into a [`Spec`] and a [`Coin`], and write results one row per unit.
//!
//! `iMeta` columns: `iCode`, `iName`, `Level`, `Type` (`Indicator`, `Aggregate`, `Group`,
//! `Denominator`, `Other`), `Parent`, `Weight`, `Direction`, optional `Target`,
//! `Denominator`. `iData` columns: `uCode` (unique), optional `uName`, `Time`, one column per
//! indicator, group and denominator named in `iMeta`. Missing values are empty cells (or `NA`).
//!
//! The hierarchy and weights come from `iMeta`; the methods (normalisation, aggregation,
//! treatment) from the caller, as COINr's `Normalise()` / `Aggregate()` / `Treat()`
//! arguments do. `iMeta`'s `Level` must agree with the depth of the hierarchy.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::io::rows::{Column, Kind, RowSink, Rows};
use crate::io::table::Table;
use crate::score::build::Scores;
use crate::score::coin::Coin;
use crate::score::matrix::Matrix;
use crate::score::spec::{
    AggregateSpec, Framework, GroupSpec, IndicatorSpec, Node, NormaliseSpec, Scope, Spec,
    TreatSettings,
};

/// COINr data read from `iData` and `iMeta`.
#[derive(Debug, Clone)]
pub struct CoinrData {
    /// The hierarchy as a spec (methods at their defaults until the caller sets them).
    pub spec: Spec,
    /// The units and their raw values.
    pub coin: Coin,
    /// Codes in `iMeta` order, with their type, for output column order.
    pub order: Vec<(String, bool)>,
    /// iMeta's `Denominator` per indicator code (used only when asked to denominate).
    pub denominated_by: BTreeMap<String, String>,
}

/// The `Type` column of iMeta.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MetaType {
    Indicator,
    Aggregate,
    Group,
    Denominator,
    Other,
}

/// Read `iData` and `iMeta`.
///
/// # Errors
/// Typed errors naming file, row and field: missing columns, an unknown `Type`, a duplicate
/// `iCode` or `uCode`, an indicator without `Parent`, an indicator column absent from `iData` or
/// with no value at all, text in a numeric cell, a `Level` that disagrees with the hierarchy.
///
/// # Examples
/// ```
/// use linkage::score::coinr::read;
/// let dir = linkage::default_data_dir().join("asem");
/// let d = read(&dir.join("ASEM_iData.csv"), &dir.join("ASEM_iMeta.csv")).unwrap();
/// assert_eq!(d.coin.len(), 51);
/// assert_eq!(d.spec.indicator.len(), 49);
/// assert_eq!(d.spec.resolve().unwrap().levels(), 4);
/// ```
pub fn read(idata: &Path, imeta: &Path) -> Result<CoinrData> {
    let meta = Table::read(imeta)?;
    let code = meta.column("iCode")?;
    let mtype = meta.column("Type")?;
    let parent = meta.column("Parent")?;
    let level = meta.column("Level")?;
    let weight = meta.column("Weight")?;
    let direction = meta.column("Direction")?;
    let name = meta
        .has("iName")
        .then(|| meta.column("iName"))
        .transpose()?;
    let target = meta
        .has("Target")
        .then(|| meta.column("Target"))
        .transpose()?;
    let denom = meta
        .has("Denominator")
        .then(|| meta.column("Denominator"))
        .transpose()?;

    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut indicators = Vec::new();
    let mut groups = Vec::new();
    let mut unit_groups = Vec::new();
    let mut denominators = Vec::new();
    let mut order = Vec::new();
    let mut levels: HashMap<String, (usize, i64)> = HashMap::new();
    let mut denominated_by = BTreeMap::new();
    for i in 0..meta.height() {
        let c = code.required_text(i)?.to_string();
        if let Some(first) = seen.insert(c.clone(), i + 1) {
            return Err(Error::DuplicateKey {
                at: Location::row(imeta, i + 1),
                first_row: first,
                key: format!("iCode {c}"),
            });
        }
        let t = match mtype.required_text(i)? {
            "Indicator" => MetaType::Indicator,
            "Aggregate" => MetaType::Aggregate,
            "Group" => MetaType::Group,
            "Denominator" => MetaType::Denominator,
            "Other" => MetaType::Other,
            other => {
                return Err(mtype.invalid(
                    i,
                    format!("unknown Type {other:?} (expected Indicator, Aggregate, Group, Denominator or Other)"),
                ))
            }
        };
        let nm = name.as_ref().and_then(|n| n.text(i)).map(str::to_string);
        let w = || -> Result<f64> { Ok(weight.f64(i)?.unwrap_or(1.0)) };
        match t {
            MetaType::Indicator => {
                let p = parent
                    .text(i)
                    .ok_or_else(|| parent.invalid(i, format!("indicator `{c}` has no Parent")))?;
                let d = match direction.f64(i)? {
                    None => 1,
                    Some(v) if v.to_bits() == 1.0f64.to_bits() => 1,
                    Some(v) if v.to_bits() == (-1.0f64).to_bits() => -1,
                    Some(v) => {
                        return Err(direction.invalid(i, format!("direction {v} must be 1 or -1")));
                    }
                };
                levels.insert(c.clone(), (i, level.int(i)?));
                indicators.push(IndicatorSpec {
                    code: c.clone(),
                    name: nm,
                    parent: p.to_string(),
                    weight: w()?,
                    direction: d,
                    normalise: None,
                    target: match &target {
                        Some(t) => t.f64(i)?,
                        None => None,
                    },
                    // COINr divides only when `Denominate()` is called: kept aside, applied
                    // by `IndexOptions::denominate`.
                    denominator: None,
                    treat: None,
                });
                if let Some(d) = denom.as_ref().and_then(|d| d.text(i)) {
                    denominated_by.insert(c.clone(), d.to_string());
                }
                order.push((c, true));
            }
            MetaType::Aggregate => {
                levels.insert(c.clone(), (i, level.int(i)?));
                groups.push(GroupSpec {
                    code: c.clone(),
                    name: nm,
                    parent: parent.text(i).map(str::to_string),
                    weight: w()?,
                    aggregate: None,
                    min_present: 1,
                    compare: Default::default(),
                });
                order.push((c, false));
            }
            MetaType::Group => unit_groups.push(c),
            MetaType::Denominator => denominators.push(c),
            MetaType::Other => {}
        }
    }
    // Indicators and their denominators are only read as numbers; "Other" columns are ignored.
    let spec = Spec {
        name: imeta
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "coinr".into()),
        description: format!("read from {} and {}", idata.display(), imeta.display()),
        scope: Scope::Panel,
        normalise: NormaliseSpec::default(),
        aggregate: AggregateSpec::default(),
        level: Vec::new(),
        treat: None,
        impute: None,
        indicator: indicators,
        group: groups,
        quality: Default::default(),
        quality_rule: Vec::new(),
        origin: None,
    };
    // Check iMeta's Level against the hierarchy's depth.
    let fw = spec.resolve()?;
    for ind in fw.indicators() {
        check_level(imeta, &level, &levels, ind.code(), 1)?;
    }
    for g in fw.groups() {
        check_level(imeta, &level, &levels, g.code(), g.level())?;
    }

    let data = Table::read(idata)?;
    let ucode = data.column("uCode")?;
    let mut units = Vec::with_capacity(data.height());
    let mut first_row: HashMap<(String, Option<String>), usize> = HashMap::new();
    let time = data.has("Time").then(|| data.column("Time")).transpose()?;
    for i in 0..data.height() {
        let u = ucode.required_text(i)?.to_string();
        let t = time.as_ref().and_then(|t| t.text(i)).map(str::to_string);
        if let Some(first) = first_row.insert((u.clone(), t.clone()), i + 1) {
            return Err(Error::DuplicateKey {
                at: Location::row(idata, i + 1),
                first_row: first,
                key: match t {
                    Some(t) => format!("uCode {u} at Time {t}"),
                    None => format!("uCode {u}"),
                },
            });
        }
        units.push(u);
    }
    let numeric = |col: &str| -> Result<Vec<f64>> {
        let cells = data.column(col)?;
        (0..data.height())
            .map(|i| Ok(cells.f64(i)?.unwrap_or(f64::NAN)))
            .collect()
    };
    let mut columns = Vec::with_capacity(fw.indicators().len());
    for ind in fw.indicators() {
        let v = numeric(ind.code())?;
        if v.iter().all(|x| x.is_nan()) {
            return Err(Error::Invalid {
                at: Location::field(idata, ind.code()),
                reason: "the indicator has no value for any unit".into(),
            });
        }
        columns.push(v);
    }
    let raw = Matrix::from_columns(&columns)?;
    let mut coin = Coin::new(units, raw)?;
    let needed: HashSet<&str> = denominated_by.values().map(String::as_str).collect();
    for d in &denominators {
        if data.has(d) {
            coin.denominators.insert(d.clone(), numeric(d)?);
        } else if needed.contains(d.as_str()) {
            return Err(Error::MissingColumn {
                path: idata.to_path_buf(),
                column: d.clone(),
                found: data.columns(),
            });
        }
    }
    for g in &unit_groups {
        if data.has(g) {
            let cells = data.column(g)?;
            coin.unit_groups.insert(
                g.clone(),
                (0..data.height())
                    .map(|i| cells.text(i).unwrap_or("").to_string())
                    .collect(),
            );
        }
    }
    // Several time points: compare and rank units within each time point.
    if let Some(t) = &time {
        let mut ids: BTreeMap<String, u32> = BTreeMap::new();
        let blocks: Vec<u32> = (0..data.height())
            .map(|i| {
                let key = t.text(i).unwrap_or("").to_string();
                let next = ids.len() as u32;
                *ids.entry(key).or_insert(next)
            })
            .collect();
        coin.norm_block = blocks.clone();
        coin.rank_block = blocks;
    }
    Ok(CoinrData {
        spec,
        coin,
        order,
        denominated_by,
    })
}

fn check_level(
    path: &Path,
    level: &crate::io::table::Cells<'_>,
    levels: &HashMap<String, (usize, i64)>,
    code: &str,
    expected: usize,
) -> Result<()> {
    if let Some(&(row, l)) = levels.get(code)
        && l != expected as i64
    {
        return Err(Error::Invalid {
            at: Location::cell(path, row + 1, level.name().to_string()),
            reason: format!(
                "`{code}` has Level {l}, but the hierarchy puts it at level {expected}"
            ),
        });
    }
    Ok(())
}

/// Options of `linkage index`: COINr's method arguments.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IndexOptions {
    /// Normalisation of every indicator.
    pub normalise: NormaliseSpec,
    /// Aggregation at every level.
    pub aggregate: AggregateSpec,
    /// Apply COINr's default outlier treatment first.
    pub treat: bool,
    /// Divide indicators by iMeta's `Denominator` first (COINr `Denominate()`).
    pub denominate: bool,
}

impl CoinrData {
    /// The framework with these methods applied to every indicator and level.
    ///
    /// # Errors
    /// As [`Spec::resolve`].
    pub fn framework(&self, opts: &IndexOptions) -> Result<Framework> {
        let mut spec = self.spec.clone();
        spec.normalise = opts.normalise.clone();
        spec.aggregate = opts.aggregate;
        spec.treat = opts.treat.then(TreatSettings::default);
        if opts.denominate {
            for ind in &mut spec.indicator {
                ind.denominator = self.denominated_by.get(&ind.code).cloned();
            }
        }
        spec.resolve()
    }

    /// The results as a table: `uCode`, every indicator (normalised) and aggregate in `iMeta`
    /// order, then `Rank` of the top level; missing values empty. Written by `linkage index`
    /// in COINr's number style ([`NumberStyle::Plain`](crate::io::csv::NumberStyle::Plain):
    /// shortest round-trip decimals).
    ///
    /// # Examples
    /// ```
    /// use linkage::io::csv::{NumberStyle, to_string};
    /// use linkage::score::{build::build, coinr::{read, IndexOptions}};
    /// let dir = linkage::default_data_dir().join("asem");
    /// let d = read(&dir.join("ASEM_iData.csv"), &dir.join("ASEM_iMeta.csv")).unwrap();
    /// let fw = d.framework(&IndexOptions::default()).unwrap();
    /// let s = build(&fw, &d.coin).unwrap();
    /// let csv = to_string(&d.results(&fw, &s), NumberStyle::Plain).unwrap();
    /// assert!(csv.starts_with("uCode,"));
    /// assert!(csv.lines().next().unwrap().ends_with(",Rank"));
    /// assert_eq!(csv.lines().count(), 1 + 51);
    /// ```
    pub fn results<'a>(&'a self, fw: &'a Framework, scores: &'a Scores) -> Results<'a> {
        let cols = self
            .order
            .iter()
            .filter_map(|(c, is_ind)| {
                if *is_ind {
                    fw.indicator_index(c)
                        .map(|i| (c.as_str(), Node::Indicator(i)))
                } else {
                    fw.group_index(c).map(|g| (c.as_str(), Node::Group(g)))
                }
            })
            .collect();
        Results {
            units: &self.coin.units,
            cols,
            root: Node::Group(fw.root()),
            scores,
        }
    }
}

/// The results of a COINr index (see [`CoinrData::results`]).
#[derive(Debug, Clone)]
pub struct Results<'a> {
    units: &'a [String],
    cols: Vec<(&'a str, Node)>,
    root: Node,
    scores: &'a Scores,
}

impl Rows for Results<'_> {
    fn columns(&self) -> Vec<Column> {
        std::iter::once(Column::new("uCode", Kind::Text))
            .chain(
                self.cols
                    .iter()
                    .map(|(c, _)| Column::new(*c, Kind::Float64)),
            )
            .chain(std::iter::once(Column::new("Rank", Kind::Float64)))
            .collect()
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()> {
        for (i, u) in self.units.iter().enumerate() {
            sink.text(u);
            for (_, node) in &self.cols {
                sink.float(self.scores.column(*node)[i]);
            }
            sink.float(self.scores.rank_column(self.root)[i]);
            sink.end_row()?;
        }
        Ok(())
    }
}
