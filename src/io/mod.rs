//! The edge: every file format the crate reads or writes, and the only place polars is used.
//!
//! | room | what |
//! |---|---|
//! | [`table`] | delimited text (and typed Parquet batches) read as cells whose errors name file, row and field |
//! | [`rows`] | a table of results as typed rows ([`rows::Rows`]): each result type states its columns once |
//! | [`csv`] | the one CSV writer |
//! | [`frame`] | results as polars `DataFrame`s and Parquet files, for users who work in polars |
//! | [`panel_file`] | a user's own panel file (CSV or Parquet): batches, rules, guards, checks |
//! | [`scores_file`] | the scores file of `linkage score`, CSV or Parquet, written batch by batch |
//!
//! The scoring, alignment, uncertainty, plotting and report code works on the crate's own types
//! and dense `f64` slices; it hands tables to this module as [`rows::Rows`].

pub mod csv;
pub mod frame;
pub mod panel_file;
pub mod rows;
pub mod scores_file;
pub mod table;
