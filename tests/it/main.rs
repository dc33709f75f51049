//! End-to-end and public-API tests (one integration-test binary keeps linking cheap).

mod panel_validation;
mod report;
