//! The inputs every chart shares: its texts ([`Labels`]), series of points ([`Series`]) and
//! values per category ([`Profile`]), and what counts as a missing value.

use super::theme;
use crate::panel::country::Iso3;

/// A value if it is finite.
pub(crate) fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite())
}

/// The texts of a chart: title, axis titles (with units) and source note.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Labels {
    /// Title, drawn bold at the top.
    pub title: String,
    /// Horizontal-axis title, e.g. "Year".
    pub x: String,
    /// Vertical-axis title with units, e.g. "Presence score (0–100)".
    pub y: String,
    /// Source note on the bottom line; prefixed with "Source: " unless it starts with "Source".
    /// Empty: no note.
    pub source: String,
}

impl Labels {
    /// Labels with a title only.
    ///
    /// # Examples
    /// ```
    /// let labels = linkage::plot::Labels::new("Presence in Vietnam");
    /// assert_eq!(labels.title, "Presence in Vietnam");
    /// assert!(labels.x.is_empty() && labels.y.is_empty() && labels.source.is_empty());
    /// ```
    pub fn new(title: impl Into<String>) -> Labels {
        Labels {
            title: title.into(),
            ..Labels::default()
        }
    }

    /// Set the horizontal-axis title.
    ///
    /// # Examples
    /// ```
    /// let labels = linkage::plot::Labels::new("Presence over time").x("Year");
    /// assert_eq!(labels.x, "Year");
    /// ```
    pub fn x(mut self, x: impl Into<String>) -> Labels {
        self.x = x.into();
        self
    }

    /// Set the vertical-axis title.
    ///
    /// # Examples
    /// ```
    /// let labels = linkage::plot::Labels::new("Presence over time").y("Score (0–100)");
    /// assert_eq!(labels.y, "Score (0–100)");
    /// ```
    pub fn y(mut self, y: impl Into<String>) -> Labels {
        self.y = y.into();
        self
    }

    /// Set the source note.
    ///
    /// # Examples
    /// ```
    /// let labels = linkage::plot::Labels::new("Aid").source("OECD DAC");
    /// assert_eq!(labels.source, "OECD DAC");
    /// ```
    pub fn source(mut self, source: impl Into<String>) -> Labels {
        self.source = source.into();
        self
    }

    /// The note as drawn: "Source: …", or empty.
    ///
    /// # Examples
    /// ```
    /// use linkage::plot::Labels;
    /// assert_eq!(Labels::new("Aid").source("OECD DAC").source_line(), "Source: OECD DAC");
    /// assert_eq!(Labels::new("Aid").source("Sources: a, b").source_line(), "Sources: a, b");
    /// assert_eq!(Labels::new("Aid").source_line(), "");
    /// ```
    pub fn source_line(&self) -> String {
        let s = self.source.trim();
        if s.is_empty() || s.to_lowercase().starts_with("source") {
            s.to_string()
        } else {
            format!("Source: {s}")
        }
    }
}

/// One series of (x, y) points, e.g. (year, score) of one actor. A point with a non-finite
/// coordinate is missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend text.
    pub label: String,
    /// The actor, which fixes the colour and marker ([`theme`]); `None` for other series.
    pub actor: Option<Iso3>,
    /// Points in any order.
    pub points: Vec<(f64, f64)>,
}

impl Series {
    /// A series of an actor, labelled with its display name.
    ///
    /// # Examples
    /// ```
    /// use linkage::{iso3, plot::Series};
    /// let s = Series::actor(iso3!("JPN"), vec![(2015.0, 41.0), (2016.0, 43.5)]);
    /// assert_eq!(s.label, "Japan");
    /// assert_eq!(s.actor, Some(iso3!("JPN")));
    /// ```
    pub fn actor(actor: Iso3, points: Vec<(f64, f64)>) -> Series {
        Series {
            label: theme::actor_name(actor),
            actor: Some(actor),
            points,
        }
    }
}

/// One value per category (dimension) for one actor; `None` or a non-finite value is missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Legend text.
    pub label: String,
    /// The actor, which fixes the colour ([`theme`]); `None` for other profiles.
    pub actor: Option<Iso3>,
    /// Values in category order.
    pub values: Vec<Option<f64>>,
}

impl Profile {
    /// A profile of an actor, labelled with its display name.
    ///
    /// # Examples
    /// ```
    /// use linkage::{iso3, plot::Profile};
    /// let p = Profile::actor(iso3!("USA"), vec![Some(30.0), None]);
    /// assert_eq!(p.label, "United States");
    /// assert_eq!(p.values[1], None);
    /// ```
    pub fn actor(actor: Iso3, values: Vec<Option<f64>>) -> Profile {
        Profile {
            label: theme::actor_name(actor),
            actor: Some(actor),
            values,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_line_prefix() {
        assert_eq!(Labels::new("t").source("x").source_line(), "Source: x");
        assert_eq!(
            Labels::new("t").source("Sources: a, b").source_line(),
            "Sources: a, b"
        );
        assert_eq!(Labels::new("t").source_line(), "");
    }
}
