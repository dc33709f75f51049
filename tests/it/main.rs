//! End-to-end and public-API tests (one integration-test binary keeps linking cheap).

mod asem;
mod determinism;
mod panel_validation;
mod plot;
mod presence;
mod properties;
mod report;
mod scale;
mod uncertainty;
