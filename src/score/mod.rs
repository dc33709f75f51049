//! Pure numeric kernels for composite-indicator scoring, compatible with COINr 1.1.x.
//!
//! Every kernel works on plain `f64` slices where `NaN` means "missing". The kernels
//! follow the R package COINr (Becker, Caperna, Del Sorbo, Norlén, Papadimitriou, Saisana),
//! whose methods in turn follow the JRC/OECD *Handbook on Constructing Composite Indicators*
//! (2008). Each item documents the COINr function it reproduces and every place where it
//! deliberately departs from it.
//!
//! * [`matrix`]: a dense column-major matrix (one column = one indicator).
//! * [`stats`]: mean, standard deviation, median, quantile, skewness, kurtosis.
//! * [`normalise`]: COINr's `n_*()` normalisation methods.
//! * [`aggregate`]: COINr's `a_*()` aggregation methods.
//! * [`common`]: "like with like", a group's units within a ranking block scored on the
//!   children they all have (`compare = "common"`).
//! * [`treat`]: COINr's default outlier treatment (Winsorisation, then log).
//! * [`impute`]: mean, median, group and time-series imputation.
//! * [`rank`]: "sport" ranks, 1 = highest.
//! * [`spec`]: the framework specification (TOML) and its validated form.

pub mod aggregate;
pub mod build;
pub mod coin;
pub mod coinr;
pub mod common;
pub mod impute;
pub mod matrix;
pub mod normalise;
pub mod rank;
pub mod scores;
pub mod spec;
pub mod stats;
pub mod treat;
