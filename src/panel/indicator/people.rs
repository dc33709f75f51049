//! The people-flow indicators of the catalogue beyond the OECD student series: visitor
//! arrivals by nationality (JNTO, KTO, UNWTO, India, Singapore, Vietnam) and international
//! students in China (Ministry of Education). Each measure stays its own indicator.

use super::{Dimension::Tourism, IndicatorMeta, meta};

const ARRIVALS: (&str, &str) = (
    "JNTO, KTO, UNWTO, India MoT, STB, VNAT; WDI",
    "Visitor arrivals by nationality or residence: JNTO (Japan), Korea Tourism Organization, UNWTO Yearbook (China inbound) and Outbound Tourism dataset (Chinese arrivals by destination), India Ministry of Tourism, Singapore Tourism Board, Vietnam National Administration of Tourism, data/tourism_by_origin/; World Bank WDI population (SP.POP.TOTL), data/worldbank_wdi_population/",
);

const MOE: (&str, &str) = (
    "China MOE; WDI",
    "Ministry of Education of the PRC, Concise Statistics of International Students Coming to China, 2010-2018, as compiled in peijin0405/Machine-Learning-Analysis-of-International-Student-Mobility (plus MOE top-15 releases), data/students_in_china/; World Bank WDI population (SP.POP.TOTL), data/worldbank_wdi_population/",
);

/// The people-flow entries of [`super::catalogue`].
pub(super) fn catalogue() -> Vec<IndicatorMeta> {
    vec![
        meta(
            "visitors_to_actor",
            "Visitor arrivals in the actor from the partner (the actor's own count)",
            Tourism,
            "arrivals (persons, entries)",
            false,
            ARRIVALS,
            "arrivals of the partner's nationals in the actor that year as the actor counts them: Japan (JNTO; workbook 2003-2021, the all-nationalities file for 2022-2024 and for nationalities the workbook does not list, the 1996-2024 file for 1996-2002), Korea (KTO, 2005-2022), China (UNWTO VFN, 2016-2018: the years before 2016 exclude border areas and are not comparable)",
        ),
        meta(
            "visitors_to_actor_per_thousand",
            "Visitor arrivals in the actor from the partner, per 1,000 partner population",
            Tourism,
            "arrivals per 1,000 population",
            false,
            ARRIVALS,
            "1,000 x visitors_to_actor / partner's population",
        ),
        meta(
            "arrivals_share",
            "Actor's share of the partner's visitor arrivals (the partner's own count)",
            Tourism,
            "share of partner's arrivals (0-1)",
            false,
            ARRIVALS,
            "arrivals of the actor's nationals in the partner / the partner's total arrivals, both from the same file of the partner's own count (Japan: JNTO totals; Korea: KTO; China: UNWTO TOTAL, 2016-2018, compatriots from Hong Kong, Macao and Taiwan included; India: 2021 Grand Total). Never divided by a total from another source (e.g. WDI)",
        ),
        meta(
            "visitors_from_actor_per_thousand",
            "Visitor arrivals of the actor's nationals in the partner, per 1,000 partner population",
            Tourism,
            "arrivals per 1,000 population",
            false,
            ARRIVALS,
            "1,000 x arrivals of the actor's nationals (or residents, Singapore) as the partner counts them / partner's population; for Chinese arrivals from UNWTO's outbound table one series per destination, frontier counts first (VFN, VFR, TFN, TFR, then hotel and collective-accommodation series), never two series added; not scored by the default framework (the US and Japan are covered only where the partner's own table exists)",
        ),
        meta(
            "students_in_china_moe",
            "International students from the partner in China, all programmes (Ministry of Education)",
            Tourism,
            "students (persons)",
            false,
            MOE,
            "students of the partner's nationality studying in China that year, degree and non-degree (language, short-term) programmes together, as MOE counts them (actor CHN only). Not the OECD tertiary measure: never merged with students_in_actor_oecd",
        ),
        meta(
            "students_in_china_per_million_moe",
            "International students from the partner in China, per million partner population",
            Tourism,
            "students per million",
            false,
            MOE,
            "1e6 x students_in_china_moe / partner's population",
        ),
    ]
}
