//! How a panel value was derived, where an indicator can be formed in more than one way.

/// The derivation of one panel value (the `method` column of `panel.csv`).
///
/// Most indicators have one formula (their catalogue entry, [`Method::Formula`]). A trade
/// share is computed within one source, preferring the partner's own records:
///
/// | method | numerator | denominator |
/// |---|---|---|
/// | `partner_reported` | the partner's own flows with the actor (IMF DOTS early-2022 vintage, not an IMF estimate) | the partner's own total with the World (same vintage) |
/// | `partner_reported_recent` | the partner's own flows with the US or China (IMF DOTS newer vintage, 2015–2024) | the partner's own total with the World (same vintage) |
/// | `mirror` | the actor's records of its flows with the partner (DOTS) | the partner's own total with the World (DOTS) |
/// | `mirror_wdi_total` | the actor's records (DOTS) | the partner's merchandise trade from WDI (TG.VAL.TOTL.GD.ZS / 100 × GDP), only where DOTS has no total |
///
/// The UNCTAD FDI indicators use two of these names too. `partner_reported`: the partner
/// (host) economy's own UNCTAD table, by origin, with its own World total (shares) or over its
/// GDP. `mirror`: the origins' own reports of their FDI in the partner, as UNCTAD publishes them
/// where the partner has no table of its own, over the partner's GDP (no World total, no share).
///
/// # Examples
/// ```
/// use linkage::panel::method::Method;
/// assert_eq!(Method::PartnerReported.as_str(), "partner_reported");
/// assert_eq!("mirror".parse::<Method>(), Ok(Method::Mirror));
/// assert_eq!(Method::Formula.as_str(), "");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Method {
    /// The indicator's one formula, as catalogued (written as an empty cell).
    #[default]
    Formula,
    /// The partner's own records over its own World total (early-2022 vintage); for UNCTAD FDI,
    /// the host's own table.
    PartnerReported,
    /// The partner's own records over its own World total (newer vintage, 2015–2024).
    PartnerReportedRecent,
    /// The actor's (mirror) records over the partner's own World total; for UNCTAD FDI, the
    /// origins' reports over the partner's GDP.
    Mirror,
    /// The actor's records over the partner's WDI merchandise trade (DOTS has no total).
    MirrorWdiTotal,
}

impl Method {
    /// Every method.
    pub const ALL: [Method; 5] = [
        Method::Formula,
        Method::PartnerReported,
        Method::PartnerReportedRecent,
        Method::Mirror,
        Method::MirrorWdiTotal,
    ];

    /// The name written in files (`""` for [`Method::Formula`]).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Formula => "",
            Method::PartnerReported => "partner_reported",
            Method::PartnerReportedRecent => "partner_reported_recent",
            Method::Mirror => "mirror",
            Method::MirrorWdiTotal => "mirror_wdi_total",
        }
    }
}

impl std::str::FromStr for Method {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Method::ALL
            .into_iter()
            .find(|m| m.as_str() == s.trim())
            .ok_or_else(|| {
                format!(
                    "unknown method {s:?} (expected empty, partner_reported, partner_reported_recent, mirror or mirror_wdi_total)"
                )
            })
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
