//! Charts: structure of the SVG output and sanity of the PNG output, on synthetic inputs
//! (labelled "synthetic" in their titles) and on the shipped data's presence scores.
//!
//! Every chart's PNG is also written to `target/plot-check/` for a look by eye.

use std::collections::HashSet;
use std::path::PathBuf;

use linkage::alignment::profile::{self, AlignmentOptions};
use linkage::plot::theme::{self, Scale};
use linkage::plot::{
    self, Draw, Grid, GroupedBars, Heatmap, Labels, Lines, Profile, Radar, RankInterval,
    RankIntervals, Scatter, ScatterPoint, Sensitivity, SensitivityIndex, Series,
};
use linkage::report::charts;
use linkage::{Iso3, iso3};

use crate::presence::scored;

const W: u32 = 900;
const H: u32 = 560;
const SYNTHETIC: &str = "synthetic data (test input, not real)";

fn check_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/plot-check")
}

fn svg_of(chart: &impl Draw) -> String {
    plot::to_svg_string(W, H, |a| chart.draw(a)).unwrap()
}

/// The text content of every `<text>` element, unescaped.
fn texts(svg: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find("<text") {
        let after = &rest[i..];
        let open_end = after.find('>').unwrap();
        let close = after.find("</text>").unwrap();
        out.push(
            after[open_end + 1..close]
                .trim()
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&"),
        );
        rest = &after[close..];
    }
    out
}

fn has_text(svg: &str, t: &str) -> bool {
    texts(svg).iter().any(|x| x == t)
}

/// Whether `t` is drawn, possibly wrapped over consecutive lines.
fn has_wrapped(svg: &str, t: &str) -> bool {
    texts(svg).join(" ").contains(t)
}

/// Structure every chart shares: title, source note, no NaN/inf, no text under 14 px.
fn common_checks(svg: &str, title: &str) {
    assert!(has_text(svg, title), "title {title:?} missing");
    assert!(
        texts(svg)
            .iter()
            .any(|t| t.starts_with("Source: synthetic") || t.starts_with("Source: ")),
        "no source note"
    );
    assert!(!svg.contains("NaN"), "NaN in the SVG");
    assert!(!svg.contains("inf\""), "infinity in the SVG");
    for part in svg.split("font-size=\"").skip(1) {
        let size: f64 = part[..part.find('"').unwrap()].parse().unwrap();
        assert!(size >= 13.99, "text of {size} px");
    }
}

fn colour_hex(actor: Iso3) -> String {
    let (c, _, _) = theme::actor_style(actor).unwrap();
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Number of `<polyline>` elements stroked in `hex`.
fn polylines(svg: &str, hex: &str) -> usize {
    svg.split("<polyline")
        .skip(1)
        .filter(|p| p[..p.find("/>").unwrap_or(p.len())].contains(&format!("stroke=\"{hex}\"")))
        .count()
}

/// Render to SVG and PNG in target/plot-check, decode the PNG, check the size and that it is
/// not blank.
fn png_check(chart: &impl Draw, name: &str) {
    let (_, path) = plot::write_both(check_dir(), name, W, H, chart).unwrap();
    let decoder = png::Decoder::new(std::fs::File::open(&path).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (W, H));
    let channels = info.color_type.samples();
    let pixels = &buf[..info.buffer_size()];
    let distinct: HashSet<&[u8]> = pixels.chunks(channels).collect();
    assert!(
        distinct.len() > 20,
        "{name}: only {} distinct colours",
        distinct.len()
    );
    let white = pixels
        .chunks(channels)
        .filter(|p| p[..3] == [255, 255, 255])
        .count();
    let total = (W * H) as usize;
    assert!(white < total * 98 / 100, "{name}: almost blank");
}

const DIMS: [&str; 4] = ["Trade", "Aid", "Tourism and people", "Soft power"];
const ACTORS: [Iso3; 4] = [iso3!("USA"), iso3!("JPN"), iso3!("CHN"), iso3!("KOR")];

fn synthetic_profiles() -> Vec<Profile> {
    vec![
        Profile::actor(
            ACTORS[0],
            vec![Some(22.0), Some(8.5), Some(61.0), Some(74.0)],
        ),
        Profile::actor(
            ACTORS[1],
            vec![Some(31.0), Some(47.0), Some(35.0), Some(58.0)],
        ),
        Profile::actor(ACTORS[2], vec![Some(55.0), Some(12.0), None, Some(66.0)]),
        Profile::actor(
            ACTORS[3],
            vec![Some(18.0), Some(f64::NAN), Some(20.0), Some(49.0)],
        ),
    ]
}

fn bars_chart() -> GroupedBars {
    GroupedBars {
        labels: Labels::new("Presence in a partner by dimension (synthetic)")
            .x("Dimension")
            .y("Presence score (0–100)")
            .source(SYNTHETIC),
        categories: DIMS.iter().map(|s| s.to_string()).collect(),
        profiles: synthetic_profiles(),
    }
}

#[test]
fn grouped_bars_structure() {
    let chart = bars_chart();
    let svg = svg_of(&chart);
    common_checks(&svg, "Presence in a partner by dimension (synthetic)");
    for t in ["Dimension", "Presence score (0–100)", "missing"] {
        assert!(has_text(&svg, t), "{t:?} missing");
    }
    for d in ["Trade", "Aid", "Soft power"] {
        assert!(has_text(&svg, d), "category {d:?} missing");
    }
    // Legend: one entry per actor, by display name; one filled colour per actor.
    for (a, name) in ACTORS
        .iter()
        .zip(["United States", "Japan", "China", "South Korea"])
    {
        assert!(has_text(&svg, name), "legend entry {name:?} missing");
        let fills = svg.matches(&format!("fill=\"{}\"", colour_hex(*a))).count();
        // Present bars + the legend swatch: USA 4 + 1, CHN 3 + 1, KOR 3 + 1.
        let expected = 1 + synthetic_profiles()
            .iter()
            .find(|p| p.actor == Some(*a))
            .unwrap()
            .values
            .iter()
            .filter(|v| v.is_some_and(f64::is_finite))
            .count();
        assert_eq!(fills, expected, "{name}: bars + swatch");
    }
    png_check(&chart, "bars_synthetic");
}

#[test]
fn grouped_bars_with_negative_values() {
    let chart = GroupedBars {
        labels: Labels::new("Net aid share, negative = net repayments (synthetic)")
            .x("Year")
            .y("Share of net aid (%)")
            .source(SYNTHETIC),
        categories: vec!["2010".into(), "2011".into(), "2012".into()],
        profiles: vec![
            Profile::actor(iso3!("JPN"), vec![Some(-4.0), Some(12.0), Some(7.5)]),
            Profile::actor(iso3!("DEU"), vec![Some(3.0), Some(-1.5), None]),
        ],
    };
    let svg = svg_of(&chart);
    common_checks(&svg, "Net aid share, negative = net repayments (synthetic)");
    assert!(
        has_text(&svg, "−5"),
        "negative tick missing: {:?}",
        texts(&svg)
    );
    png_check(&chart, "bars_negative_synthetic");
}

fn radar_chart() -> Radar {
    Radar {
        labels: Labels::new("Dimension profiles in a partner (synthetic)")
            .y("Presence score (0–100)")
            .source(SYNTHETIC),
        axes: DIMS.iter().map(|s| s.to_string()).collect(),
        profiles: synthetic_profiles(),
    }
}

#[test]
fn radar_structure() {
    let chart = radar_chart();
    let svg = svg_of(&chart);
    common_checks(&svg, "Dimension profiles in a partner (synthetic)");
    for t in DIMS.iter().chain(&["20", "100", "Presence score (0–100)"]) {
        assert!(has_text(&svg, t), "{t:?} missing");
    }
    assert!(has_text(&svg, "missing: no vertex"));
    // USA complete: 4 outline segments + legend line; CHN misses one axis: 2 segments + legend.
    assert_eq!(polylines(&svg, &colour_hex(ACTORS[0])), 5);
    assert_eq!(polylines(&svg, &colour_hex(ACTORS[2])), 3);
    for name in ["United States", "Japan", "China", "South Korea"] {
        assert!(has_text(&svg, name));
    }
    png_check(&chart, "radar_synthetic");
}

#[test]
fn radar_needs_three_axes() {
    let mut chart = radar_chart();
    chart.axes.truncate(2);
    let err = plot::to_svg_string(W, H, |a| plot::radar(a, &chart)).unwrap_err();
    assert!(err.to_string().starts_with("plot: "), "{err}");
}

fn lines_chart() -> Lines {
    let series = ACTORS
        .iter()
        .enumerate()
        .map(|(k, &a)| {
            let points = (2000..=2020)
                .filter(|&y| !(k == 1 && (2008..=2009).contains(&y))) // JPN: two missing years
                .map(|y| {
                    let t = (y - 2000) as f64;
                    let v = if k == 0 && y == 2014 {
                        f64::NAN // USA: one NaN
                    } else {
                        20.0 + 10.0 * k as f64 + t * (1.5 - 0.4 * k as f64) + (t * 0.9).sin() * 3.0
                    };
                    (y as f64, v)
                })
                .collect();
            Series::actor(a, points)
        })
        .collect();
    Lines::yearly(
        Labels::new("Overall presence over time (synthetic)")
            .x("Year")
            .y("Presence score (0–100)")
            .source(SYNTHETIC),
        series,
    )
}

#[test]
fn lines_structure_and_gaps() {
    let chart = lines_chart();
    let svg = svg_of(&chart);
    common_checks(&svg, "Overall presence over time (synthetic)");
    for t in ["Year", "Presence score (0–100)", "2000", "2010", "2020"] {
        assert!(has_text(&svg, t), "{t:?} missing");
    }
    assert!(!has_text(&svg, "2,000") && !has_text(&svg, "2000.0"));
    // USA breaks at its NaN, JPN at its missing years: two runs + the legend line each;
    // CHN and KOR are unbroken: one run + legend.
    assert_eq!(polylines(&svg, &colour_hex(ACTORS[0])), 3);
    assert_eq!(polylines(&svg, &colour_hex(ACTORS[1])), 3);
    assert_eq!(polylines(&svg, &colour_hex(ACTORS[2])), 2);
    assert_eq!(polylines(&svg, &colour_hex(ACTORS[3])), 2);
    png_check(&chart, "lines_synthetic");
}

fn scatter_chart() -> Scatter {
    let codes = [
        "VNM", "THA", "IDN", "PHL", "MYS", "SGP", "MMR", "KHM", "LAO", "BRN", "IND", "BGD", "LKA",
        "NPL", "PAK", "MNG", "KAZ", "UZB", "PNG", "FJI", "TLS", "MDV", "BTN", "AFG",
    ];
    let points = codes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let t = i as f64;
            ScatterPoint {
                label: c.to_string(),
                x: 10.0 + (t * 7.3) % 55.0,
                y: 8.0 + (t * 5.1 + 3.0) % 50.0,
                colour: if i % 9 == 4 {
                    None
                } else {
                    Some(0.35 + 0.6 * ((t * 0.37).sin() * 0.5 + 0.5))
                },
            }
        })
        .collect();
    let mut s = Scatter::new(
        Labels::new("US and Japan presence across partners (synthetic)")
            .x("United States: overall score (0–100)")
            .y("Japan: overall score (0–100)")
            .source(SYNTHETIC),
        points,
        "US–Japan profile similarity (cosine)",
    );
    s.label_top = 10;
    s
}

#[test]
fn scatter_structure() {
    let chart = scatter_chart();
    let svg = svg_of(&chart);
    common_checks(&svg, "US and Japan presence across partners (synthetic)");
    for t in [
        "United States: overall score (0–100)",
        "Japan: overall score (0–100)",
        "missing",
        "equal presence (y = x)",
    ] {
        assert!(has_text(&svg, t), "{t:?} missing");
    }
    assert!(has_wrapped(&svg, "US–Japan profile similarity (cosine)"));
    // At most label_top point labels, at least a few.
    let codes: Vec<&str> = chart.points.iter().map(|p| p.label.as_str()).collect();
    let labelled = texts(&svg)
        .iter()
        .filter(|t| codes.contains(&t.as_str()))
        .count();
    assert!((3..=10).contains(&labelled), "{labelled} labels");
    png_check(&chart, "scatter_synthetic");
}

fn heatmap_chart() -> Heatmap {
    let partners = ["VNM", "THA", "IDN", "PHL", "MYS", "MMR", "KHM", "LAO"];
    let grid = Grid::from_fn(
        partners.iter().map(|s| s.to_string()).collect(),
        DIMS.iter().map(|s| s.to_string()).collect(),
        |r, c| {
            if (r * 4 + c) % 7 == 3 {
                None
            } else {
                Some(((r * 13 + c * 29) % 97) as f64)
            }
        },
    );
    Heatmap {
        range: Some((0.0, 100.0)),
        decimals: Some(0),
        ..Heatmap::new(
            Labels::new("Japan presence by partner and dimension (synthetic)")
                .x("Dimension")
                .y("Partner")
                .source(SYNTHETIC),
            grid,
            "Presence score (0–100)",
        )
    }
}

#[test]
fn heatmap_structure() {
    let chart = heatmap_chart();
    let svg = svg_of(&chart);
    common_checks(&svg, "Japan presence by partner and dimension (synthetic)");
    for t in [
        "Dimension",
        "Partner",
        "missing",
        "VNM",
        "LAO",
        "Soft power",
        "Presence score (0–100)",
    ] {
        assert!(has_wrapped(&svg, t), "{t:?} missing");
    }
    // Cell values are written in the cells.
    assert!(has_text(&svg, "29"));
    png_check(&chart, "heatmap_synthetic");
}

#[test]
fn heatmap_agreement_matrix_diverging() {
    let actors = [
        "USA", "JPN", "CHN", "GBR", "FRA", "DEU", "ITA", "CAN", "KOR", "AUS", "IND",
    ];
    let mut triples = Vec::new();
    for (i, a) in actors.iter().enumerate() {
        for (j, b) in actors.iter().enumerate() {
            if (i, j) == (2, 10) || (i, j) == (10, 2) {
                continue; // missing pair
            }
            let v = if i == j {
                1.0
            } else {
                1.0 - ((i as f64 - j as f64).abs() * 0.17) % 1.6
            };
            triples.push((a.to_string(), b.to_string(), v));
        }
    }
    let chart = Heatmap {
        range: Some((-1.0, 1.0)),
        scale: Scale::Diverging { mid: 0.0 },
        decimals: Some(2),
        ..Heatmap::new(
            Labels::new("UN General Assembly vote agreement (synthetic)")
                .x("Actor")
                .y("Actor")
                .source(SYNTHETIC),
            Grid::from_triples(triples),
            "Cohen's κ",
        )
    };
    let svg = svg_of(&chart);
    common_checks(&svg, "UN General Assembly vote agreement (synthetic)");
    assert!(has_text(&svg, "missing"));
    assert!(has_text(&svg, "Cohen's κ"));
    assert!(has_text(&svg, "−1.0") && has_text(&svg, "1.0"));
    png_check(&chart, "heatmap_agreement_synthetic");
}

fn rank_chart() -> RankIntervals {
    let ranks = (0..24)
        .map(|i| {
            let nominal = (i + 1) as f64;
            let spread = 1.0 + (i % 5) as f64 * 1.3;
            RankInterval {
                label: format!("Unit {:02}", i + 1),
                nominal,
                median: nominal + ((i as f64 * 1.7).sin() * 1.5).round(),
                q05: if i == 7 {
                    f64::NAN
                } else {
                    (nominal - spread).max(1.0)
                },
                q95: (nominal + spread).min(24.0),
            }
        })
        .collect();
    RankIntervals {
        labels: Labels::new("Rank uncertainty, 1000 replications (synthetic)")
            .x("Rank (1 = most present)")
            .y("Unit")
            .source(SYNTHETIC),
        ranks,
        sort: true,
    }
}

#[test]
fn rank_intervals_structure() {
    let chart = rank_chart();
    let svg = svg_of(&chart);
    common_checks(&svg, "Rank uncertainty, 1000 replications (synthetic)");
    for t in [
        "Rank (1 = most present)",
        "Unit",
        "5–95 % interval",
        "median rank",
        "nominal rank",
        "Unit 01",
    ] {
        assert!(has_text(&svg, t), "{t:?} missing");
    }
    png_check(&chart, "rank_synthetic");
}

fn sensitivity_chart() -> Sensitivity {
    let rows = [
        ("Weights", 0.32, 0.41),
        ("Normalisation", 0.18, 0.29),
        ("Aggregation", 0.05, 0.16),
        ("Imputation", 0.02, f64::NAN),
        ("Outlier treatment", 0.01, 0.04),
    ];
    Sensitivity {
        labels: Labels::new("Sensitivity of the ranks to method choices (synthetic)")
            .x("Sensitivity index (share of variance)")
            .y("Uncertain input")
            .source(SYNTHETIC),
        indices: rows
            .iter()
            .map(|&(input, first, total)| SensitivityIndex {
                input: input.to_string(),
                first,
                total,
                first_ci: Some((first - 0.03, first + 0.04)),
                total_ci: total.is_finite().then_some((total - 0.05, total + 0.05)),
            })
            .collect(),
    }
}

#[test]
fn sensitivity_structure() {
    let chart = sensitivity_chart();
    let svg = svg_of(&chart);
    common_checks(
        &svg,
        "Sensitivity of the ranks to method choices (synthetic)",
    );
    for t in [
        "Sensitivity index (share of variance)",
        "Uncertain input",
        "first-order index",
        "total index",
        "confidence interval",
        "missing",
        "Outlier treatment",
    ] {
        assert!(has_text(&svg, t), "{t:?} missing");
    }
    png_check(&chart, "sensitivity_synthetic");
}

#[test]
fn every_palette_actor_has_its_own_colour() {
    // The 12 palette actors plus one outside it, as lines: 13 distinct stroke colours.
    let mut actors: Vec<Iso3> = theme::ACTORS
        .iter()
        .map(|(code, _, _)| code.parse().unwrap())
        .collect();
    actors.push(iso3!("RUS"));
    let series = actors
        .iter()
        .enumerate()
        .map(|(k, &a)| {
            let pts = (2005..=2020)
                .map(|y| {
                    (
                        y as f64,
                        5.0 + 7.0 * k as f64 + ((y - 2005) as f64 * 0.5 + k as f64).sin() * 3.0,
                    )
                })
                .collect();
            Series::actor(a, pts)
        })
        .collect();
    let chart = Lines::yearly(
        Labels::new("The actor palette: one colour and marker per actor (synthetic)")
            .x("Year")
            .y("Value (arbitrary units)")
            .source(SYNTHETIC),
        series,
    );
    let svg = svg_of(&chart);
    common_checks(
        &svg,
        "The actor palette: one colour and marker per actor (synthetic)",
    );
    let strokes: HashSet<&str> = svg
        .split("<polyline")
        .skip(1)
        .filter_map(|p| p.split("stroke=\"").nth(1).map(|s| &s[..7]))
        .filter(|c| !["#E3E3E3", "#666666"].contains(c)) // grid and axes
        .collect();
    assert_eq!(strokes.len(), 13, "{strokes:?}");
    for name in ["United States", "EU institutions", "India", "RUS"] {
        assert!(has_text(&svg, name), "{name:?} missing");
    }
    png_check(&chart, "palette_synthetic");
    // Twice the reference size: text grows with the image.
    let big = check_dir().join("palette_synthetic_1800x1120.png");
    plot::to_png(&big, 1800, 1120, |a| chart.draw(a)).unwrap();
    let decoder = png::Decoder::new(std::fs::File::open(&big).unwrap());
    let reader = decoder.read_info().unwrap();
    assert_eq!((reader.info().width, reader.info().height), (1800, 1120));
}

#[test]
fn non_finite_inputs_never_reach_the_svg() {
    let nan = f64::NAN;
    let lines = Lines::yearly(
        Labels::new("All missing (synthetic)").source(SYNTHETIC),
        vec![Series {
            label: "nothing".into(),
            actor: None,
            points: vec![(nan, 1.0), (2001.0, nan), (2002.0, f64::INFINITY)],
        }],
    );
    let scatter = Scatter::new(
        Labels::new("All missing (synthetic)").source(SYNTHETIC),
        vec![ScatterPoint {
            label: "X".into(),
            x: nan,
            y: 1.0,
            colour: Some(nan),
        }],
        "colour",
    );
    let heat = Heatmap::new(
        Labels::new("All missing (synthetic)").source(SYNTHETIC),
        Grid::from_fn(vec!["a".into()], vec!["b".into()], |_, _| Some(nan)),
        "value",
    );
    let bars = GroupedBars {
        labels: Labels::new("All missing (synthetic)").source(SYNTHETIC),
        categories: vec!["a".into()],
        profiles: vec![Profile {
            label: "p".into(),
            actor: None,
            values: vec![Some(nan)],
        }],
    };
    for svg in [
        svg_of(&lines),
        svg_of(&scatter),
        svg_of(&heat),
        svg_of(&bars),
    ] {
        common_checks(&svg, "All missing (synthetic)");
    }
}

#[test]
fn too_small_an_area_is_an_error() {
    let err = plot::to_svg_string(120, 90, |a| plot::lines(a, &lines_chart())).unwrap_err();
    assert!(matches!(err, linkage::Error::Method { method: "plot", .. }));
}

#[test]
fn write_both_writes_svg_and_png() {
    let dir = check_dir();
    let (svg, png) =
        plot::write_both(&dir, "write_both_synthetic", W, H, &sensitivity_chart()).unwrap();
    assert!(std::fs::read_to_string(svg).unwrap().starts_with("<svg"));
    assert!(std::fs::metadata(png).unwrap().len() > 1000);
}

#[test]
fn actor_colours_are_fixed_across_charts() {
    // The same actor keeps its colour whatever the order or company.
    let a = theme::series_styles(&[Some(iso3!("JPN")), Some(iso3!("USA"))]);
    let b = theme::series_styles(&[
        Some(iso3!("USA")),
        None,
        Some(iso3!("RUS")),
        Some(iso3!("JPN")),
    ]);
    assert_eq!(a[0], b[3]);
    assert_eq!(a[1], b[0]);
    let colours: HashSet<_> = b.iter().map(|s| (s.0.0, s.0.1, s.0.2)).collect();
    assert_eq!(colours.len(), 4);
}

// --- real data ---------------------------------------------------------------------------------

const REAL_SOURCE: &str = "linkage presence scores (default spec) from IMF DOTS, OECD DAC, AidData, OECD students, UN votes, Pew";

#[test]
fn real_presence_bars_radar_and_lines() {
    let p = scored();
    let actors = [iso3!("USA"), iso3!("JPN"), iso3!("CHN"), iso3!("KOR")];
    let mut bars = charts::grouped_bars(p, iso3!("VNM"), 2015, &actors);
    bars.labels.source = REAL_SOURCE.into();
    let svg = svg_of(&bars);
    common_checks(&svg, "Presence in VNM by dimension, 2015");
    for name in ["United States", "Japan", "China", "South Korea"] {
        assert!(has_text(&svg, name), "{name:?} missing");
    }
    assert!(has_wrapped(&svg, "Tourism and people"));
    png_check(&bars, "bars_real_vnm_2015");

    let mut radar = charts::radar(p, iso3!("VNM"), 2015, &actors);
    radar.labels.source = REAL_SOURCE.into();
    common_checks(&svg_of(&radar), "Presence profile in VNM, 2015");
    png_check(&radar, "radar_real_vnm_2015");

    let mut lines = charts::lines(p, iso3!("VNM"), "presence", &actors[..3]);
    lines.labels.source = REAL_SOURCE.into();
    let svg = svg_of(&lines);
    common_checks(&svg, "Overall presence in VNM over time");
    assert!(polylines(&svg, &colour_hex(iso3!("JPN"))) >= 2);
    png_check(&lines, "lines_real_vnm");
}

#[test]
fn real_presence_scatter_and_heatmap() {
    let p = scored();
    let rows = profile::alignment_table(p, &AlignmentOptions::default());
    let (us, jp) = (iso3!("USA"), iso3!("JPN"));
    let cosine = charts::alignment_values(&rows, us, jp, 2015, "cosine");
    assert!(!cosine.is_empty());
    let mut sc = charts::scatter(
        p,
        us,
        jp,
        2015,
        "presence",
        |q| cosine.get(&q).copied(),
        "US–Japan profile similarity (cosine)",
    );
    sc.labels.source = REAL_SOURCE.into();
    assert!(sc.points.len() >= 5, "{} partners", sc.points.len());
    let svg = svg_of(&sc);
    common_checks(
        &svg,
        "United States and Japan across partners: Overall presence, 2015",
    );
    png_check(&sc, "scatter_real_2015");

    // The 16 partners where the two are most present together.
    let mut top: Vec<&ScatterPoint> = sc.points.iter().collect();
    top.sort_by(|a, b| (b.x + b.y).total_cmp(&(a.x + a.y)));
    let partners: Vec<Iso3> = top
        .iter()
        .take(16)
        .filter_map(|q| q.label.parse().ok())
        .collect();
    let mut heat = charts::heatmap(p, jp, 2015, &partners);
    heat.labels.source = REAL_SOURCE.into();
    common_checks(
        &svg_of(&heat),
        "Japan presence by partner and dimension, 2015",
    );
    png_check(&heat, "heatmap_real_jpn_2015");
}
