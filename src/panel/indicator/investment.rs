//! The investment indicators of the catalogue: UNCTAD bilateral FDI (2001–2012, every actor)
//! and the AEI China Global Investment Tracker (2005–2024, China only). The two are never
//! added together: an FDI position is not a deal value.

use super::{Dimension::Investment, IndicatorMeta, meta};

const UNCTAD: (&str, &str) = (
    "UNCTAD Bilateral FDI 2014; WDI",
    "UNCTAD, Bilateral FDI Statistics 2014 (UNCTAD FDI/TNC database), inward flows and stock by origin, US$ m, 2001-2012, as scraped in desmarais-lab/FDI_IGERT_H, data/unctad_bilateral_fdi/; World Bank WDI GDP (NY.GDP.MKTP.CD), data/worldbank_wdi_gdp/",
);

const CGIT: (&str, &str) = (
    "AEI China Global Investment Tracker; WDI",
    "American Enterprise Institute and The Heritage Foundation, China Global Investment Tracker, 2025 edition (deals >= US$100 m; host-year totals by type), data/aei_china_investment/; World Bank WDI GDP (NY.GDP.MKTP.CD), data/worldbank_wdi_gdp/",
);

/// The investment entries of [`super::catalogue`].
pub(super) fn catalogue() -> Vec<IndicatorMeta> {
    vec![
        meta(
            "fdi_stock_share_unctad",
            "Actor's share of the partner's inward FDI stock (UNCTAD, the partner's own table)",
            Investment,
            "share of partner's inward FDI stock (0-1; a negative position gives a negative share)",
            true,
            UNCTAD,
            "inward FDI stock in the partner held by the actor / the partner's inward FDI stock from the World, both from the partner's own (hierarchical, 'Region / economy') UNCTAD table, year end, US$ m (method partner_reported). Not formed where the partner's table is the flat origin-reported one (no World total) or its stock is on an approval basis (Mongolia, Taiwan Province of China)",
        ),
        meta(
            "fdi_flow_share_unctad",
            "Actor's share of the partner's FDI inflows (UNCTAD, the partner's own table, realised basis)",
            Investment,
            "share of partner's FDI inflows (negative flows make shares outside 0-1)",
            true,
            UNCTAD,
            "FDI inflow into the partner from the actor / the partner's FDI inflow from the World, both from the partner's own UNCTAD table, US$ m (method partner_reported); hosts whose flows are approvals (Myanmar, Mongolia, Taiwan Province of China) are in fdi_approvals_share_unctad instead",
        ),
        meta(
            "fdi_approvals_share_unctad",
            "Actor's share of the FDI the partner approved (UNCTAD; approval-basis hosts only)",
            Investment,
            "share of partner's approved FDI (0-1)",
            true,
            UNCTAD,
            "approved FDI into the partner from the actor / approved FDI from the World, from the partner's own UNCTAD flows table where its note says the flows are approvals (Myanmar, Mongolia, Taiwan Province of China): approved, not realised, FDI; kept apart from fdi_flow_share_unctad and not scored by the default framework",
        ),
        meta(
            "fdi_stock_gdp_unctad",
            "Inward FDI stock in the partner held by the actor, % of the partner's GDP (UNCTAD)",
            Investment,
            "% of partner GDP",
            true,
            UNCTAD,
            "100 x inward FDI stock in the partner held by the actor (US$ m x 1e6) / partner's GDP (current US$); from the partner's own hierarchical table (method partner_reported) or, where the partner's table is the flat one, from the origins' reports as UNCTAD publishes them (method mirror). Stocks on an approval basis (Mongolia; Taiwan Province of China, accumulated approvals) are left out",
        ),
        meta(
            "cgit_investment_gdp",
            "Chinese investment deals in the partner, % of the partner's GDP (AEI tracker; China only)",
            Investment,
            "% of partner GDP",
            false,
            CGIT,
            "100 x value of China's investment deals of US$100 m or more in the partner that year (AEI Dataset 1, US$ m x 1e6) / partner's GDP (current US$); 0 for a partner-year with no tracked deal (within the tracker's coverage: every host, deals >= US$100 m), 2005-2024 (2025 partial, not used). Announced deal values, not FDI positions: never added to the UNCTAD indicators",
        ),
        meta(
            "cgit_construction_gdp",
            "Chinese construction contracts in the partner, % of the partner's GDP (AEI tracker; China only)",
            Investment,
            "% of partner GDP",
            false,
            CGIT,
            "100 x value of China's construction contracts of US$100 m or more in the partner that year (AEI Dataset 2, US$ m x 1e6) / partner's GDP (current US$); 0 for a partner-year with no tracked contract, 2005-2024. Contract values, not ownership: kept apart from cgit_investment_gdp and not scored by the default framework",
        ),
    ]
}
