//! Investment indicators: UNCTAD bilateral FDI (2001–2012, every actor) and the AEI China Global
//! Investment Tracker (2005–2024, China only). The two are never added together: an FDI
//! position or flow is not a deal value.
//!
//! **UNCTAD** ([`derive_unctad`]; UNCTAD, Bilateral FDI Statistics 2014, US$ m; WDI GDP,
//! NY.GDP.MKTP.CD, current US$). For actor A (the origin), partner P (the host) and year t, with
//! S_AP / F_AP the stock in / inflow into P from A and S_WP / F_WP the `World` row of P's table:
//! - `fdi_stock_share_unctad` = S_AP / S_WP, only from P's own hierarchical table
//!   ("Region / economy"; method `partner_reported`, denominator S_WP in US$ m).
//! - `fdi_flow_share_unctad` = F_AP / F_WP, P's own hierarchical table, realised basis
//!   (method `partner_reported`, denominator F_WP).
//! - `fdi_approvals_share_unctad` = F_AP / F_WP where P's flows note says the flows are
//!   approvals (Myanmar, Mongolia, Taiwan Province of China); never mixed with the realised
//!   flows (method `partner_reported`, denominator F_WP).
//! - `fdi_stock_gdp_unctad` = 100 × S_AP × 10⁶ / GDP_P: from P's own table (method
//!   `partner_reported`) or, where P's table is the flat origin-reported one, from the origins'
//!   own reports as UNCTAD publishes them (method `mirror`); denominator GDP_P.
//! - A stock on an approval basis is left out of both stock indicators, counted: Mongolia's
//!   ([`Basis::Approvals`](crate::sources::unctad_fdi::Basis::Approvals)) and Taiwan's
//!   (accumulated approvals since 1952,
//!   [`Basis::AccumulatedApprovals`](crate::sources::unctad_fdi::Basis::AccumulatedApprovals)):
//!   approved is not realised FDI, and approvals accumulated over sixty years are no position.
//!
//! Countries are taken by their code, the total is the `World` row: region rows are never
//! summed (UNCTAD lists selected children only, so they do not add up to their region). A
//! flat table has no total, so it gives no share; a country missing from it is not reported, not
//! zero, and gives no row. A share is formed only where S_WP (F_WP) is present and positive; a
//! `..` or a total ≤ 0 gives no share, counted. Negative numerators (disinvestment) give negative
//! shares, kept; shares above 1 (other origins disinvesting) are kept too.
//!
//! **CGIT** ([`derive_cgit`]; AEI/Heritage China Global Investment Tracker, 2025 edition;
//! WDI GDP). Actor `CHN` only, years 2005–2024 ([`CGIT_YEARS`]; 2025 is partial):
//! - `cgit_investment_gdp` = 100 × I_P × 10⁶ / GDP_P, I_P the sum of China's investment deals
//!   ≥ US$ 100 m in P that year (AEI Dataset 1, US$ m).
//! - `cgit_construction_gdp` = 100 × C_P × 10⁶ / GDP_P, C_P the sum of construction contracts
//!   ≥ US$ 100 m (AEI Dataset 2).
//!
//! The tracker covers every host, so a partner-year with no tracked deal is 0, not missing. The
//! universe is every partner with a WDI GDP that year except China, Hong Kong and Macao (the
//! investor's own territory) and the WDI aggregates the concordance knows (`WLD`, `EUU`, `EUI`).
//! A tracked host-year without GDP (Taiwan; every 2024 row while the shipped WDI file ends in
//! 2023) gives no row, counted. Values are announced deal sizes, not FDI.
//!
//! Both functions return an [`crate::Accounting`] of *candidate panel rows* (see each
//! function); rows used = panel rows pushed.

mod cgit;
mod unctad;

pub use cgit::{CGIT_YEARS, derive_cgit};
pub use unctad::derive_unctad;

#[cfg(test)]
mod tests;
