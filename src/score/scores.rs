//! What a scoring run keeps: every stage ([`Scores`]), with the framework it was scored with,
//! read by unit and code; and its tables for the edge ([`Scores::table`],
//! [`Scores::stage_table`]).

use crate::error::Result;
use crate::io::rows::{Column, Kind, RowSink, Rows};
use crate::score::common::CommonSets;
use crate::score::matrix::Matrix;
use crate::score::spec::{Framework, Node};
use crate::score::treat::Treatment;

/// What the treatment did to one indicator in one block.
#[derive(Debug, Clone, PartialEq)]
pub struct TreatmentRecord {
    /// Indicator index.
    pub indicator: usize,
    /// Normalisation block.
    pub block: u32,
    /// The kernel's report.
    pub treatment: Treatment,
}

/// Every stage of a scoring run, with the framework it was scored with. Indicator matrices are
/// units × [`Framework::indicators`]; `aggregated` and `present` are units ×
/// [`Framework::groups`]; `ranks` is units × (indicators then groups, see
/// [`Framework::column`]). Read a score by unit and code with [`Scores::get`] and
/// [`Scores::rank`]: no index arithmetic.
///
/// # Examples
/// ```
/// use linkage::score::{build::build, coinr::{read, IndexOptions}};
/// let dir = linkage::default_data_dir().join("asem");
/// let d = read(&dir.join("ASEM_iData.csv"), &dir.join("ASEM_iMeta.csv")).unwrap();
/// let s = build(&d.framework(&IndexOptions::default()).unwrap(), &d.coin).unwrap();
/// let root = s.framework().groups()[s.framework().root()].code().to_string();
/// let i = d.coin.units.iter().position(|u| u == "AUT").unwrap();
/// assert!((0.0..=100.0).contains(&s.get(i, &root).unwrap()));
/// assert!(s.rank(i, &root).unwrap() >= 1.0);
/// assert_eq!(s.get(i, "no such code"), None);
/// ```
#[derive(Debug, Clone)]
pub struct Scores {
    /// The framework scored.
    pub(crate) framework: Framework,
    /// Raw values.
    pub raw: Matrix,
    /// After denomination.
    pub denominated: Matrix,
    /// After imputation.
    pub imputed: Matrix,
    /// Cells filled by imputation, per indicator.
    pub imputed_cells: Vec<usize>,
    /// After outlier treatment.
    pub treated: Matrix,
    /// What the treatment did (indicators that were changed only).
    pub treatments: Vec<TreatmentRecord>,
    /// After normalisation.
    pub normalised: Matrix,
    /// Aggregate scores.
    pub aggregated: Matrix,
    /// Number of children with a value behind each aggregate score (for a group with
    /// `compare = "common"`: the size of the common set used, where the unit has a score).
    pub present: Matrix,
    /// The common sets of the groups with `compare = "common"`, per ranking block (read with
    /// [`Scores::used`]).
    pub common: CommonSets,
    /// Ranks of every indicator (normalised) and aggregate.
    pub ranks: Matrix,
}

/// A stage of the pipeline, for [`Scores::stage_table`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Raw values.
    Raw,
    /// After denomination.
    Denominated,
    /// After imputation.
    Imputed,
    /// After outlier treatment.
    Treated,
    /// After normalisation.
    Normalised,
}

impl Scores {
    /// The framework scored.
    pub fn framework(&self) -> &Framework {
        &self.framework
    }

    /// Score of the node `code` (an indicator's normalised value, an aggregate's score) for the
    /// unit in row `unit`; `None` when missing, or when no node has that code.
    pub fn get(&self, unit: usize, code: &str) -> Option<f64> {
        let node = self.framework.node(code)?;
        present(*self.column(node).get(unit)?)
    }

    /// Rank of the unit in row `unit` for the node `code` within its ranking block (1 =
    /// highest); `None` when the score is missing, or when no node has that code.
    pub fn rank(&self, unit: usize, code: &str) -> Option<f64> {
        let node = self.framework.node(code)?;
        present(*self.rank_column(node).get(unit)?)
    }

    /// The children behind the score of group `group` (index into [`Framework::groups`]) for
    /// the unit in row `unit`, in the group's child order:
    ///
    /// * empty when the score is missing;
    /// * for a group with `compare = "common"` ([`Comparison::Common`](crate::score::spec::Comparison::Common)),
    ///   the common set of the unit's ranking block (the same for every unit of the block
    ///   with a score);
    /// * otherwise the children with a value for the unit (those the score averaged).
    ///
    /// Cheap: a look-up in a table made while aggregating (Common), or a read of the
    /// children's values (Own).
    ///
    /// # Examples
    /// ```
    /// use linkage::score::{build::build, coin::Coin, matrix::Matrix, spec::{Node, Spec}};
    /// let fw = Spec::from_toml(r#"
    ///     name = "t"
    ///     [[indicator]]
    ///     code = "a"
    ///     parent = "own"
    ///     [[indicator]]
    ///     code = "b"
    ///     parent = "own"
    ///     [[group]]
    ///     code = "own"
    ///     parent = "top"
    ///     [[group]]
    ///     code = "top"
    ///     compare = "common"
    /// "#, "doc").unwrap().resolve().unwrap();
    /// let raw = Matrix::from_columns(&[[1.0, 2.0, 3.0], [4.0, f64::NAN, 6.0]]).unwrap();
    /// let s = build(&fw, &Coin::new(vec!["X".into(), "Y".into(), "Z".into()], raw).unwrap()).unwrap();
    /// let (own, top) = (fw.group_index("own").unwrap(), fw.group_index("top").unwrap());
    /// assert_eq!(s.used(0, own), [Node::Indicator(0), Node::Indicator(1)]);
    /// assert_eq!(s.used(1, own), [Node::Indicator(0)]); // Y has no b
    /// assert_eq!(s.used(1, top), [Node::Group(own)]);
    /// ```
    pub fn used(&self, unit: usize, group: usize) -> Vec<Node> {
        self.common
            .used(unit, group, &self.normalised, &self.aggregated)
    }

    /// Rank column of a node.
    pub fn rank_column(&self, node: Node) -> &[f64] {
        self.ranks.col(self.framework.column(node))
    }

    /// Score column of a node: indicators from `normalised`, groups from `aggregated`.
    pub fn column(&self, node: Node) -> &[f64] {
        match node {
            Node::Indicator(k) => self.normalised.col(k),
            Node::Group(g) => self.aggregated.col(g),
        }
    }

    /// The indicator matrix of one stage.
    pub fn stage(&self, stage: Stage) -> &Matrix {
        match stage {
            Stage::Raw => &self.raw,
            Stage::Denominated => &self.denominated,
            Stage::Imputed => &self.imputed,
            Stage::Treated => &self.treated,
            Stage::Normalised => &self.normalised,
        }
    }

    /// One stage as a wide table: `unit`, then one column per indicator (missing as empty).
    pub fn stage_table<'a>(&'a self, units: &'a [String], stage: Stage) -> StageTable<'a> {
        StageTable {
            matrix: self.stage(stage),
            fw: &self.framework,
            units,
        }
    }

    /// Scores and ranks at every level as a wide table: `unit`, then for every indicator
    /// (normalised) and aggregate its score column (named by its code) and its rank column
    /// (`rank_<code>`, 1 = highest within the ranking block); missing as empty.
    ///
    /// # Examples
    /// ```
    /// use linkage::score::{build::build, coinr::{read, IndexOptions}};
    /// let dir = linkage::default_data_dir().join("asem");
    /// let d = read(&dir.join("ASEM_iData.csv"), &dir.join("ASEM_iMeta.csv")).unwrap();
    /// let fw = d.framework(&IndexOptions::default()).unwrap();
    /// let s = build(&fw, &d.coin).unwrap();
    /// let f = linkage::io::frame::to_frame(&s.table(&d.coin.units)).unwrap();
    /// assert_eq!(f.height(), 51);
    /// assert_eq!(f.width(), 1 + 2 * (49 + 11));
    /// ```
    pub fn table<'a>(&'a self, units: &'a [String]) -> ScoresTable<'a> {
        ScoresTable {
            scores: self,
            units,
        }
    }
}

/// One stage of a run as a wide table (see [`Scores::stage_table`]).
#[derive(Debug, Clone, Copy)]
pub struct StageTable<'a> {
    matrix: &'a Matrix,
    fw: &'a Framework,
    units: &'a [String],
}

impl Rows for StageTable<'_> {
    fn columns(&self) -> Vec<Column> {
        std::iter::once(Column::new("unit", Kind::Text))
            .chain(
                self.fw
                    .indicators()
                    .iter()
                    .map(|i| Column::new(i.code(), Kind::Float64)),
            )
            .collect()
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()> {
        for (i, u) in self.units.iter().enumerate() {
            sink.text(u);
            for j in 0..self.fw.indicators().len() {
                sink.opt_float(present(self.matrix.get(i, j)));
            }
            sink.end_row()?;
        }
        Ok(())
    }
}

/// Scores and ranks at every level as a wide table (see [`Scores::table`]).
#[derive(Debug, Clone, Copy)]
pub struct ScoresTable<'a> {
    scores: &'a Scores,
    units: &'a [String],
}

impl ScoresTable<'_> {
    /// (code, score column, rank column) of every indicator, then every aggregate.
    fn nodes(&self) -> Vec<(&str, Node, usize)> {
        let fw = &self.scores.framework;
        fw.nodes()
            .map(|node| (fw.code(node), node, fw.column(node)))
            .collect()
    }
}

impl Rows for ScoresTable<'_> {
    fn columns(&self) -> Vec<Column> {
        let mut cols = vec![Column::new("unit", Kind::Text)];
        for (code, _, _) in self.nodes() {
            cols.push(Column::new(code, Kind::Float64));
            cols.push(Column::new(format!("rank_{code}"), Kind::Float64));
        }
        cols
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> Result<()> {
        let nodes = self.nodes();
        for (i, u) in self.units.iter().enumerate() {
            sink.text(u);
            for &(_, node, rank_col) in &nodes {
                sink.opt_float(present(self.scores.column(node)[i]));
                sink.opt_float(present(self.scores.ranks.get(i, rank_col)));
            }
            sink.end_row()?;
        }
        Ok(())
    }
}

/// A value unless it is missing (NaN).
fn present(v: f64) -> Option<f64> {
    (!v.is_nan()).then_some(v)
}
