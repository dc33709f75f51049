//! End-to-end and public-API tests (one integration-test binary keeps linking cheap).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::float_cmp,
    reason = "a panic is the failure report here; tests compare ranks and bounds exactly on purpose"
)]

mod asem;
mod determinism;
mod five_dimensions;
mod latest;
mod panel_validation;
mod plot;
mod presence;
mod properties;
mod quality;
mod report;
mod scale;
mod soft_power;
mod uncertainty;
