//! Indicator metadata: what a panel value means, where it comes from, how it was derived.

use crate::io::rows::{Column, Kind, RowSink, Rows};
use serde::{Deserialize, Serialize};

mod investment;
mod people;

/// The dimension of presence an indicator belongs to.
///
/// The five of the CSIS/API study's method; the enum is `non_exhaustive` so more can follow.
///
/// # Examples
/// ```
/// use linkage::Dimension;
/// assert_eq!(Dimension::SoftPower.as_str(), "soft_power");
/// assert_eq!("aid".parse::<Dimension>(), Ok(Dimension::Aid));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Dimension {
    /// Goods trade.
    Trade,
    /// Foreign direct investment.
    Investment,
    /// Official development assistance and other official finance.
    Aid,
    /// People flows: visitors and students.
    Tourism,
    /// Attraction and political alignment: opinion, UN voting, shared institutions.
    SoftPower,
}

impl Dimension {
    /// Every dimension, in report order.
    pub const ALL: [Dimension; 5] = [
        Dimension::Trade,
        Dimension::Investment,
        Dimension::Aid,
        Dimension::Tourism,
        Dimension::SoftPower,
    ];

    /// The snake_case name used in files.
    pub fn as_str(&self) -> &'static str {
        match self {
            Dimension::Trade => "trade",
            Dimension::Investment => "investment",
            Dimension::Aid => "aid",
            Dimension::Tourism => "tourism",
            Dimension::SoftPower => "soft_power",
        }
    }
}

impl std::str::FromStr for Dimension {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Dimension::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| {
                format!("unknown dimension {s:?} (expected trade, investment, aid, tourism or soft_power)")
            })
    }
}

impl std::fmt::Display for Dimension {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a higher value means more presence (+1) or less (−1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher value, more presence.
    #[default]
    Positive,
    /// Higher value, less presence.
    Negative,
}

impl Direction {
    /// +1.0 or −1.0, the factor COINr applies before normalising.
    pub fn sign(self) -> f64 {
        match self {
            Direction::Positive => 1.0,
            Direction::Negative => -1.0,
        }
    }
}

/// Metadata of one indicator.
///
/// # Examples
/// ```
/// use linkage::{catalogue, Dimension};
/// let m = catalogue().into_iter().find(|m| m.code == "trade_share_dots").unwrap();
/// assert_eq!(m.dimension, Dimension::Trade);
/// assert!(!m.allows_negative);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorMeta {
    /// Short code, unique in a panel.
    pub code: String,
    /// Human-readable name.
    pub name: String,
    /// Dimension of presence.
    pub dimension: Dimension,
    /// Unit of the value.
    pub unit: String,
    /// +1: higher is more presence.
    pub direction: Direction,
    /// Whether negative values are meaningful (e.g. net aid with repayments).
    pub allows_negative: bool,
    /// Short source label, e.g. "IMF DOTS; WDI" (the `source` column of `panel.csv`).
    pub source: String,
    /// Full citation (publisher, dataset, files under `data/`).
    pub citation: String,
    /// How the value is derived, with its formula.
    pub formula: String,
}

impl IndicatorMeta {
    /// Metadata for an indicator of a user's panel that the catalogue does not know.
    pub fn user(code: &str, dimension: Dimension, unit: &str) -> IndicatorMeta {
        IndicatorMeta {
            code: code.to_string(),
            name: code.to_string(),
            dimension,
            unit: unit.to_string(),
            direction: Direction::Positive,
            allows_negative: true,
            source: "user panel".to_string(),
            citation: String::new(),
            formula: String::new(),
        }
    }
}

/// One catalogue entry with direction +1 (the helper of [`catalogue`] and its submodules).
pub(crate) fn meta(
    code: &str,
    name: &str,
    dimension: Dimension,
    unit: &str,
    allows_negative: bool,
    (source, citation): (&str, &str),
    formula: &str,
) -> IndicatorMeta {
    IndicatorMeta {
        code: code.into(),
        name: name.into(),
        dimension,
        unit: unit.into(),
        direction: Direction::Positive,
        allows_negative,
        source: source.into(),
        citation: citation.into(),
        formula: formula.into(),
    }
}

/// The default panel's indicators, with formulas and sources.
///
/// Each is derived in [`crate::derive`] from the files under `data/` (see `data/README.md`).
///
/// # Examples
/// ```
/// use linkage::{catalogue, Dimension};
/// let c = catalogue();
/// // Every dimension of the study has indicators.
/// for d in Dimension::ALL {
///     assert!(c.iter().any(|m| m.dimension == d), "{d}");
/// }
/// ```
pub fn catalogue() -> Vec<IndicatorMeta> {
    use Dimension::*;
    let m = meta;
    const DOTS: (&str, &str) = (
        "IMF DOTS; WDI",
        "IMF Direction of Trade Statistics (actor- and partner-reported flows and every reporter's World totals, early-2022 vintage), data/imf_dots_bilateral/; World Bank WDI GDP (NY.GDP.MKTP.CD), data/worldbank_wdi_gdp/; WDI merchandise trade % of GDP (TG.VAL.TOTL.GD.ZS) via Gapminder, data/gapminder_systema_globalis/",
    );
    const COW: (&str, &str) = (
        "COW Trade v4.0",
        "Correlates of War Trade v4.0 (Barbieri & Keshk 2016), dyadic and national files, data/cow_trade/",
    );
    const DAC: (&str, &str) = (
        "OECD DAC via WDI",
        "World Bank WDI, net bilateral aid flows from DAC donors (DC.DAC.*L.CD, from OECD DAC), via open-numbers, data/wdi_dac_bilateral_aid/",
    );
    let mut all = vec![
        m(
            "trade_share_dots",
            "Actor's share of the partner's total goods trade (IMF DOTS, one source)",
            Trade,
            "share of partner's trade (0-1)",
            false,
            DOTS,
            "(partner's exports to actor + partner's imports from actor) / (partner's exports to + imports from the World), all as the partner reports them (method partner_reported; IMF estimates ' e' are not the partner's report); where the partner does not report its flows with the actor: (actor's exports to + imports from partner, as the actor reports them) / the partner's own World total (method mirror); only where DOTS has no World total for the partner: the actor's flows / (TG.VAL.TOTL.GD.ZS / 100 x GDP, WDI) (method mirror_wdi_total). For the United States and China from 2015 on, the newer DOTS vintage (through 2024) where the partner reports there (method partner_reported_recent, spliced at 2015). Numerator and denominator come from one source and one vintage; current US$",
        ),
        m(
            "trade_share_dots_v2022",
            "Actor's share of the partner's goods trade, early-2022 DOTS vintage, where the newer vintage replaces it",
            Trade,
            "share of partner's trade (0-1)",
            false,
            DOTS,
            "(partner's exports to + imports from actor) / (partner's exports to + imports from the World), all as the partner reports them in the early-2022 DOTS vintage; only for the years 2015-2020 in which trade_share_dots of the US or China comes from the newer vintage: the size of the splice between vintages (rule vintage_break)",
        ),
        m(
            "trade_share_mirror_dots",
            "Actor's share of the partner's goods trade, from the actor's (mirror) records (IMF DOTS)",
            Trade,
            "share of partner's trade (mirror flows: can exceed 1)",
            false,
            DOTS,
            "(actor's exports FOB to partner + actor's imports CIF from partner, as the actor reports them) / (partner's exports to + imports from the World, as the partner reports them). Kept beside trade_share_dots so the gap between the two records shows; it exceeds 1 where the actor records more trade than the partner does (ship registries, transit hubs, border trade missing on one side)",
        ),
        m(
            "export_share_dots",
            "Actor's share of the partner's goods exports (IMF DOTS)",
            Trade,
            "share of partner's exports (0-1)",
            false,
            DOTS,
            "partner's exports FOB to actor / partner's exports to the World, as the partner reports them (method partner_reported); else actor's imports CIF from partner / partner's exports to the World (method mirror)",
        ),
        m(
            "import_share_dots",
            "Actor's share of the partner's goods imports (IMF DOTS)",
            Trade,
            "share of partner's imports (0-1)",
            false,
            DOTS,
            "partner's imports CIF from actor / partner's imports from the World, as the partner reports them (method partner_reported); else actor's exports FOB to partner / partner's imports from the World (method mirror)",
        ),
        m(
            "exports_to_partner_gdp_dots",
            "Actor's exports to the partner, % of partner GDP (IMF DOTS)",
            Trade,
            "% of partner GDP",
            false,
            DOTS,
            "100 x actor's exports FOB to partner / partner's GDP (current US$)",
        ),
        m(
            "imports_from_partner_gdp_dots",
            "Actor's imports from the partner, % of partner GDP (IMF DOTS)",
            Trade,
            "% of partner GDP",
            false,
            DOTS,
            "100 x actor's imports CIF from partner / partner's GDP (current US$)",
        ),
        m(
            "trade_share_cow",
            "Actor's share of the partner's total goods trade (COW)",
            Trade,
            "share (0-1)",
            false,
            COW,
            "(partner's imports from actor + actor's imports from partner) / (partner's total imports + partner's total exports), COW national totals",
        ),
        m(
            "export_share_cow",
            "Actor's share of the partner's goods exports (COW)",
            Trade,
            "share (0-1)",
            false,
            COW,
            "actor's imports from partner (COW dyadic, = partner's exports to actor) / partner's total exports (COW national)",
        ),
        m(
            "import_share_cow",
            "Actor's share of the partner's goods imports (COW)",
            Trade,
            "share (0-1)",
            false,
            COW,
            "partner's imports from actor (COW dyadic) / partner's total imports (COW national)",
        ),
        m(
            "trade_intensity_cow",
            "Trade intensity index of actor's exports to the partner (COW)",
            Trade,
            "index (1 = world average)",
            false,
            COW,
            "WITS: (x_ij / X_i) / (x_wj / X_w), i = actor, j = partner: x_ij = partner's imports from actor (COW dyadic), X_i = actor's total exports, x_wj = partner's total imports, X_w = sum of all states' exports in COW's national file that year",
        ),
        m(
            "aid_share_dac",
            "Donor's share of the partner's net bilateral aid from DAC donors",
            Aid,
            "share of DAC total (negative = net repayment)",
            true,
            DAC,
            "donor's net bilateral aid to partner (DC.DAC.<donor>L.CD) / all DAC donors' net bilateral aid to partner (DC.DAC.TOTL.CD); not formed for EU institutions (the DAC total may exclude them)",
        ),
        m(
            "aid_gdp_dac",
            "Donor's net bilateral aid, % of partner GDP",
            Aid,
            "% of partner GDP (negative = net repayment)",
            true,
            (
                "OECD DAC via WDI; WDI",
                "World Bank WDI DC.DAC.*L.CD (OECD DAC) via open-numbers, data/wdi_dac_bilateral_aid/; WDI GDP, data/worldbank_wdi_gdp/",
            ),
            "100 x donor's net bilateral aid (net disbursements, current US$) / partner's GDP (current US$)",
        ),
        m(
            "aid_commitments_gdp_aiddata",
            "China's ODA-like commitments, % of partner GDP (AidData)",
            Aid,
            "% of partner GDP",
            false,
            (
                "AidData GCDF 3.0; WDI",
                "AidData Global Chinese Development Finance v3.0 (Custer et al. 2023) via odadata, data/china_gcdf_aiddata/; WDI GDP, data/worldbank_wdi_gdp/",
            ),
            "100 x China's ODA-like commitments (oda_amt, constant 2021 US$) / partner's GDP (current US$). Commitments in the year signed, not net disbursements: not comparable with aid_gdp_dac; the price bases differ too (constant 2021 vs current US$)",
        ),
        m(
            "students_in_actor_oecd",
            "Tertiary students from the partner enrolled in the actor",
            Tourism,
            "students",
            false,
            (
                "OECD EDU_ENRL_MOBILE",
                "OECD Education statistics EDU_ENRL_MOBILE (ISCED 5-8), data/oecd_intl_students/",
            ),
            "international (mobile) tertiary students whose origin is the partner, enrolled in the actor (USA, JPN only)",
        ),
        m(
            "students_per_million_oecd",
            "Tertiary students from the partner in the actor, per million partner population",
            Tourism,
            "students per million",
            false,
            (
                "OECD EDU_ENRL_MOBILE; WDI",
                "OECD EDU_ENRL_MOBILE, data/oecd_intl_students/; World Bank WDI population (SP.POP.TOTL), data/worldbank_wdi_population/",
            ),
            "1e6 x students from partner in actor / partner's population",
        ),
        m(
            "unga_agreement",
            "Partner's UN General Assembly vote agreement with the actor",
            SoftPower,
            "agreement (0-1)",
            false,
            (
                "UNGA votes (Voeten)",
                "Voeten et al., UNGA voting data (Harvard Dataverse hdl:1902.1/12379) via R package unvotes, data/unvotes/",
            ),
            "1 - mean(|x_partner - x_actor|) / 2 over the roll calls of the calendar year where both recorded yes = 1, abstain = 2 or no = 3; formed when n >= 10 such roll calls",
        ),
        m(
            "us_favourability_pew",
            "Favourable view of the United States in the partner",
            SoftPower,
            "% favourable",
            false,
            (
                "Pew Global Attitudes",
                "Pew Research Center Global Attitudes via FiveThirtyEight (TRUMPWORLD-us.csv), data/pew_us_favorability/",
            ),
            "share of respondents with a favourable view of the United States, as published (actor USA only). Kept for reference: the default presence framework scores favourability_pew, whose US values agree with these within 1 point in all 310 shared partner-years",
        ),
        m(
            "favourability_pew",
            "Favourable view of the actor in the partner (Pew Global Attitudes)",
            SoftPower,
            "% of all asked (favourable)",
            false,
            (
                "Pew Global Attitudes",
                "Pew Research Center, Global Attitudes Survey 2002-2023, respondent files harmonised by C. Grasland (WorldRegio pew_opi, 2024), aggregated to weighted country-year percentages, data/pew_global_attitudes/",
            ),
            "100 x weighted respondents in the partner with a very or somewhat favourable view of the actor / weighted respondents asked, don't know and refused in the base as in Pew's toplines (pct_fav_of_asked); actors USA (every wave), CHN (2005-2023 without 2013, miscoded in the source) and JPN (2005, 2006, 2008); self-ratings left out",
        ),
        IndicatorMeta {
            direction: Direction::Negative,
            ..m(
                "unga_idealpoint_distance",
                "Distance between the actor's and the partner's UN General Assembly ideal points",
                SoftPower,
                "ideal-point distance (latent scale without unit; lower = closer)",
                false,
                (
                    "UNGA ideal points (Voeten)",
                    "Bailey, Strezhnev & Voeten (2017), Journal of Conflict Resolution 61(2): 430-456; E. Voeten, United Nations General Assembly Ideal Points, July 2025 release by calendar year (Harvard Dataverse hdl:1902.1/12379), data/unga_ideal_points/",
                ),
                "|theta_actor,t - theta_partner,t| with theta = idealpointfp, the ideal point from the final-passage votes of calendar year t (the only estimate of the release that reaches 2024; idealpointall and idealpointlegacy stop in 2023); formed when both rest on >= 10 final-passage votes; direction -1: a smaller distance is closer alignment",
            )
        },
    ];
    all.extend(investment::catalogue());
    all.extend(people::catalogue());
    all
}

impl Rows for [IndicatorMeta] {
    /// `indicator, name, dimension, unit, direction, formula, source, citation` (direction
    /// +1 or −1), as `indicators.csv` of the report.
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::new("indicator", Kind::Text),
            Column::new("name", Kind::Text),
            Column::new("dimension", Kind::Text),
            Column::new("unit", Kind::Text),
            Column::new("direction", Kind::Int32),
            Column::new("formula", Kind::Text),
            Column::new("source", Kind::Text),
            Column::new("citation", Kind::Text),
        ]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> crate::Result<()> {
        for m in self {
            sink.text(&m.code);
            sink.text(&m.name);
            sink.text(m.dimension.as_str());
            sink.text(&m.unit);
            sink.int(m.direction.sign() as i64);
            sink.text(&m.formula);
            sink.text(&m.source);
            sink.text(&m.citation);
            sink.end_row()?;
        }
        Ok(())
    }
}
