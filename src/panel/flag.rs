//! The data-quality flag of a panel value: the name of the rule it failed.
//!
//! The rules themselves — tests, thresholds, which indicators they watch — live in
//! [`crate::quality`]; the panel only records which one a value failed.

/// A data-quality rule a panel value can fail (the `flag` column of `panel.csv`; empty = clean).
///
/// # Examples
/// ```
/// use linkage::panel::flag::Flag;
/// assert_eq!(Flag::ImplausibleJump.as_str(), "implausible_jump");
/// assert_eq!("zero_for_missing".parse::<Flag>(), Ok(Flag::ZeroForMissing));
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// A share outside [0, 1].
    ShareOutOfRange,
    /// A share of a denominator that is negative or near zero against the partner's usual one.
    SmallDenominator,
    /// A value far from the median of its neighbouring years.
    ImplausibleJump,
    /// A zero where the neighbouring years are large: missing coded as 0.
    ZeroForMissing,
    /// Actor- and partner-reported flows disagree by more than a factor.
    MirrorGap,
    /// Two vintages of one source disagree by more than a factor on the same value.
    VintageBreak,
    /// The same large count published for two partners of one actor and year: a copied cell.
    RepeatedValue,
}

impl Flag {
    /// Every rule, in the order they are checked.
    pub const ALL: [Flag; 7] = [
        Flag::ShareOutOfRange,
        Flag::SmallDenominator,
        Flag::ZeroForMissing,
        Flag::ImplausibleJump,
        Flag::MirrorGap,
        Flag::VintageBreak,
        Flag::RepeatedValue,
    ];

    /// The rule's name, as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::ShareOutOfRange => "share_out_of_range",
            Flag::SmallDenominator => "small_denominator",
            Flag::ImplausibleJump => "implausible_jump",
            Flag::ZeroForMissing => "zero_for_missing",
            Flag::MirrorGap => "mirror_gap",
            Flag::VintageBreak => "vintage_break",
            Flag::RepeatedValue => "repeated_value",
        }
    }
}

impl std::str::FromStr for Flag {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Flag::ALL
            .into_iter()
            .find(|f| f.as_str() == s.trim())
            .ok_or_else(|| {
                format!(
                    "unknown rule {s:?} (expected share_out_of_range, small_denominator, implausible_jump, zero_for_missing, mirror_gap, vintage_break or repeated_value)"
                )
            })
    }
}

impl std::fmt::Display for Flag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
