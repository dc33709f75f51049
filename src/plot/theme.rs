//! The house theme: fonts, sizes, neutral colours, one colour and marker per actor, and the
//! continuous colour scales.
//!
//! # Actor colours
//!
//! Every chart draws an actor in the same colour, so a reader who learns "Japan is vermillion"
//! once can read every figure. The first eight are the Okabe–Ito palette (Okabe & Ito 2008,
//! *Color Universal Design*), distinguishable under the common colour-vision deficiencies; the
//! last four come from Paul Tol's *muted* scheme and a neutral grey. Each actor also has its own
//! marker shape, so line and scatter charts stay readable in greyscale.
//!
//! The four Tol colours were chosen so that every pair of the twelve stays apart under simulated
//! protanopia, deuteranopia and tritanopia (Machado, Oliveira & Fernandes 2009, severity 1): the
//! smallest CIE76 ΔE over all pairs and all four kinds of vision is 11.0 — the floor the fixed
//! Okabe–Ito colours and the grey already set (GBR against EUI, deuteranopia). A test checks it.
//! (Teal for KOR was 4.3 from CHN's reddish purple under deuteranopia.)
//!
//! | actor | colour | hex | marker |
//! |---|---|---|---|
//! | USA — United States | blue | `#0072B2` | circle |
//! | JPN — Japan | vermillion | `#D55E00` | square |
//! | CHN — China | reddish purple | `#CC79A7` | triangle |
//! | GBR — United Kingdom | bluish green | `#009E73` | diamond |
//! | FRA — France | sky blue | `#56B4E9` | circle |
//! | DEU — Germany | black | `#000000` | square |
//! | ITA — Italy | orange | `#E69F00` | triangle |
//! | CAN — Canada | wine (Tol) | `#882255` | diamond |
//! | KOR — South Korea | olive (Tol) | `#999933` | circle |
//! | AUS — Australia | green (Tol) | `#117733` | square |
//! | IND — India | indigo (Tol) | `#332288` | triangle |
//! | EUI — EU institutions (aid donor) | grey | `#777777` | diamond |
//!
//! Any other actor, or a series with no actor, takes the first free colour of
//! [`FALLBACK`] (starting at a position fixed by the actor's code, so the same code gets the same
//! colour whenever it is free).
//!
//! # Scales
//!
//! Continuous values use viridis ([`Scale::Sequential`], perceptually uniform and colour-blind
//! safe) or a blue–white–red diverging scale around a midpoint ([`Scale::Diverging`], ColorBrewer
//! RdBu end points). Missing cells are light grey with dark diagonal hatching ([`MISSING_FILL`],
//! [`MISSING_HATCH`]) and a "missing" legend entry.
//!
//! # Text
//!
//! Sizes are CSS pixels at the reference size 900 × 560 and grow with larger images (never
//! shrink): title 22 px bold, axis titles 17 px, tick labels, legend and annotations 15 px, the
//! source note 14 px. Plotters' SVG backend writes `font-size = size / 1.24`, so sizes handed to
//! plotters are multiplied by 1.24 ([`Theme::font`]). The family is `sans-serif`, registered as
//! the bundled DejaVu Sans (see [`super::register_fonts`]).

use plotters::style::colors::colormaps::{ColorMap, ViridisRGB};
use plotters::style::{FontDesc, FontFamily, FontStyle, FontTransform, RGBColor, TextStyle};

use crate::panel::country::Iso3;

/// Marker shape of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// Filled circle.
    Circle,
    /// Filled square.
    Square,
    /// Filled upward triangle.
    Triangle,
    /// Filled diamond.
    Diamond,
}

const MARKERS: [Marker; 4] = [
    Marker::Circle,
    Marker::Square,
    Marker::Triangle,
    Marker::Diamond,
];

/// The fixed actor palette: code, display name, colour (see the [module docs](self)).
pub const ACTORS: [(&str, &str, RGBColor); 12] = [
    ("USA", "United States", RGBColor(0x00, 0x72, 0xB2)),
    ("JPN", "Japan", RGBColor(0xD5, 0x5E, 0x00)),
    ("CHN", "China", RGBColor(0xCC, 0x79, 0xA7)),
    ("GBR", "United Kingdom", RGBColor(0x00, 0x9E, 0x73)),
    ("FRA", "France", RGBColor(0x56, 0xB4, 0xE9)),
    ("DEU", "Germany", RGBColor(0x00, 0x00, 0x00)),
    ("ITA", "Italy", RGBColor(0xE6, 0x9F, 0x00)),
    ("CAN", "Canada", RGBColor(0x88, 0x22, 0x55)),
    ("KOR", "South Korea", RGBColor(0x99, 0x99, 0x33)),
    ("AUS", "Australia", RGBColor(0x11, 0x77, 0x33)),
    ("IND", "India", RGBColor(0x33, 0x22, 0x88)),
    ("EUI", "EU institutions", RGBColor(0x77, 0x77, 0x77)),
];

/// Colours for actors outside [`ACTORS`] and for series without an actor (Tol's muted rose,
/// teal, cyan, purple and sand, then darker variants).
pub const FALLBACK: [RGBColor; 8] = [
    RGBColor(0xCC, 0x66, 0x77),
    RGBColor(0x44, 0xAA, 0x99),
    RGBColor(0x88, 0xCC, 0xEE),
    RGBColor(0xAA, 0x44, 0x99),
    RGBColor(0xDD, 0xCC, 0x77),
    RGBColor(0x66, 0x11, 0x00),
    RGBColor(0x33, 0x66, 0x99),
    RGBColor(0x55, 0x55, 0x55),
];

/// Text colour.
pub const TEXT: RGBColor = RGBColor(0x22, 0x22, 0x22);
/// Secondary text (tick labels, source note).
pub const TEXT_MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
/// Axis lines and ticks.
pub const AXIS: RGBColor = RGBColor(0x66, 0x66, 0x66);
/// Grid lines.
pub const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
/// Fill of a missing cell or bar.
pub const MISSING_FILL: RGBColor = RGBColor(0xE6, 0xE6, 0xE6);
/// Hatching over a missing cell.
pub const MISSING_HATCH: RGBColor = RGBColor(0x8C, 0x8C, 0x8C);
/// Background.
pub const BACKGROUND: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
/// Main colour of charts that show no actor (median ranks, first-order indices).
pub const PRIMARY: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// A light tint of [`PRIMARY`] (rank intervals).
pub const PRIMARY_LIGHT: RGBColor = RGBColor(0x8C, 0xBF, 0xE0);
/// Second colour of charts that show no actor (nominal ranks, total indices).
pub const SECONDARY: RGBColor = RGBColor(0xE6, 0x9F, 0x00);

/// Title size, CSS px at 900 × 560.
pub const TITLE_PX: f64 = 22.0;
/// Axis-title size.
pub const AXIS_PX: f64 = 17.0;
/// Tick-label, legend and annotation size.
pub const LABEL_PX: f64 = 15.0;
/// Source-note size (the smallest text drawn).
pub const NOTE_PX: f64 = 14.0;

/// The colour, marker and display name of an actor in [`ACTORS`], `None` for any other.
///
/// # Examples
/// ```
/// use linkage::{iso3, plot::theme};
/// let (colour, _, name) = theme::actor_style(iso3!("JPN")).unwrap();
/// assert_eq!((colour.0, colour.1, colour.2), (0xD5, 0x5E, 0x00));
/// assert_eq!(name, "Japan");
/// assert!(theme::actor_style(iso3!("VNM")).is_none());
/// ```
pub fn actor_style(actor: Iso3) -> Option<(RGBColor, Marker, &'static str)> {
    ACTORS
        .iter()
        .position(|(code, _, _)| *code == actor.as_str())
        .map(|i| (ACTORS[i].2, MARKERS[i % MARKERS.len()], ACTORS[i].1))
}

/// The display name of an actor: the [`ACTORS`] name, or the code itself.
pub fn actor_name(actor: Iso3) -> String {
    actor_style(actor).map_or_else(|| actor.to_string(), |(_, _, n)| n.to_string())
}

/// Colours and markers for the series of one chart, in order: the fixed actor colours first,
/// then the free [`FALLBACK`] colours for the others (never two series in one colour while
/// free colours remain).
///
/// # Examples
/// ```
/// use linkage::{iso3, plot::theme};
/// let s = theme::series_styles(&[Some(iso3!("CHN")), None, Some(iso3!("USA"))]);
/// assert_eq!(s[0].0, theme::ACTORS[2].2);
/// assert_eq!(s[2].0, theme::ACTORS[0].2);
/// assert_ne!(s[1].0, s[0].0);
/// ```
pub fn series_styles(actors: &[Option<Iso3>]) -> Vec<(RGBColor, Marker)> {
    let fixed: Vec<Option<(RGBColor, Marker)>> = actors
        .iter()
        .map(|a| a.and_then(actor_style).map(|(c, m, _)| (c, m)))
        .collect();
    let mut used: Vec<RGBColor> = fixed.iter().flatten().map(|s| s.0).collect();
    let mut next_free = 0usize;
    actors
        .iter()
        .zip(&fixed)
        .enumerate()
        .map(|(i, (a, f))| {
            if let Some(s) = f {
                return *s;
            }
            let start = match a {
                Some(code) => code
                    .as_str()
                    .bytes()
                    .fold(0usize, |h, b| h * 31 + b as usize),
                None => {
                    next_free += 1;
                    next_free - 1
                }
            };
            let colour = (0..FALLBACK.len())
                .map(|k| FALLBACK[(start + k) % FALLBACK.len()])
                .find(|c| !used.contains(c))
                .unwrap_or(FALLBACK[start % FALLBACK.len()]);
            used.push(colour);
            (colour, MARKERS[i % MARKERS.len()])
        })
        .collect()
}

/// A continuous colour scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// Viridis from `lo` (dark purple) to `hi` (yellow).
    Sequential,
    /// Blue below `mid`, white at `mid`, red above (ColorBrewer RdBu ends).
    Diverging {
        /// The neutral value.
        mid: f64,
    },
}

impl Scale {
    /// The colour of `v` on a scale from `lo` to `hi` (clamped).
    pub fn colour(&self, v: f64, lo: f64, hi: f64) -> RGBColor {
        let t = if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
        let t = if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            0.5
        };
        match *self {
            Scale::Sequential => ViridisRGB.get_color(t as f32),
            Scale::Diverging { mid } => {
                let blue = (0x21, 0x66, 0xAC);
                let red = (0xB2, 0x18, 0x2B);
                let white = (0xF7, 0xF7, 0xF7);
                let tm = if hi > lo {
                    ((mid - lo) / (hi - lo)).clamp(0.0, 1.0)
                } else {
                    0.5
                };
                let (from, to, u) = if t <= tm {
                    (blue, white, if tm > 0.0 { t / tm } else { 1.0 })
                } else {
                    (white, red, (t - tm) / (1.0 - tm))
                };
                let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * u).round() as u8;
                RGBColor(mix(from.0, to.0), mix(from.1, to.1), mix(from.2, to.2))
            }
        }
    }
}

/// Black or white, whichever reads better on `background` (WCAG relative luminance).
pub fn text_on(background: RGBColor) -> RGBColor {
    let lin = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(background.0) + 0.7152 * lin(background.1) + 0.0722 * lin(background.2);
    if l > 0.4 { TEXT } else { BACKGROUND }
}

/// Sizes of one rendering: the reference sizes times a scale that grows with the image.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// Multiplier of every size: `max(1, min(width / 900, height / 560))`.
    pub scale: f64,
}

impl Theme {
    /// The theme for an image of `width` × `height` pixels.
    pub fn for_size(width: u32, height: u32) -> Theme {
        let s = (width as f64 / 900.0).min(height as f64 / 560.0);
        Theme {
            scale: if s.is_finite() { s.max(1.0) } else { 1.0 },
        }
    }

    /// A length in pixels (`px` at the reference size).
    pub fn px(&self, px: f64) -> i32 {
        (px * self.scale).round() as i32
    }

    /// A `sans-serif` text style of `px` CSS pixels (bold or not) in `colour`.
    pub fn font(&self, px: f64, bold: bool, colour: RGBColor) -> TextStyle<'static> {
        let style = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        FontDesc::new(FontFamily::SansSerif, px * self.scale * 1.24, style).color(&colour)
    }

    /// As [`Theme::font`], rotated a quarter turn anticlockwise (for vertical axis titles).
    pub fn font_vertical(&self, px: f64, colour: RGBColor) -> TextStyle<'static> {
        self.font(px, false, colour)
            .transform(FontTransform::Rotate270)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of
    /// color vision deficiency", IEEE TVCG 15(6): matrices for severity 1.0, on linear RGB.
    const VISION: [(&str, [[f64; 3]; 3]); 4] = [
        (
            "normal",
            [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
        ),
        (
            "protanopia",
            [
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ],
        ),
        (
            "deuteranopia",
            [
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ],
        ),
        (
            "tritanopia",
            [
                [1.255528, -0.076749, -0.178779],
                [-0.078411, 0.930809, 0.147602],
                [0.004733, 0.691367, 0.303900],
            ],
        ),
    ];

    /// sRGB → simulated vision → CIELAB (D65).
    fn lab(c: RGBColor, m: &[[f64; 3]; 3]) -> [f64; 3] {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let rgb = [lin(c.0), lin(c.1), lin(c.2)];
        let s: Vec<f64> = m
            .iter()
            .map(|row| (0..3).map(|k| row[k] * rgb[k]).sum::<f64>().clamp(0.0, 1.0))
            .collect();
        let x = (0.4124 * s[0] + 0.3576 * s[1] + 0.1805 * s[2]) / 0.95047;
        let y = 0.2126 * s[0] + 0.7152 * s[1] + 0.0722 * s[2];
        let z = (0.0193 * s[0] + 0.1192 * s[1] + 0.9505 * s[2]) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    }

    #[test]
    fn actor_colours_stay_apart_under_colour_vision_deficiencies() {
        let mut closest = (f64::INFINITY, "", "", "");
        for (vision, m) in &VISION {
            for (i, a) in ACTORS.iter().enumerate() {
                for b in &ACTORS[i + 1..] {
                    let (la, lb) = (lab(a.2, m), lab(b.2, m));
                    let d = (0..3).map(|k| (la[k] - lb[k]).powi(2)).sum::<f64>().sqrt();
                    if d < closest.0 {
                        closest = (d, a.0, b.0, vision);
                    }
                }
            }
        }
        // The floor is set by two fixed colours: Okabe–Ito bluish green (GBR) and the grey.
        assert!(closest.0 > 10.9, "{closest:?}");
        assert_eq!(
            (closest.1, closest.2, closest.3),
            ("GBR", "EUI", "deuteranopia")
        );
    }
}
