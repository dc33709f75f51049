//! The report's chart inputs: presence scores ([`Presence`]) and profile-alignment rows
//! ([`AlignmentRow`]) turned into the plain labelled values that [`crate::plot`] draws. A chart
//! never reads the computing modules' types; this room reads them for it.
//!
//! Each builder fills in a title and axis titles; the caller sets the source note (and may
//! replace the title, e.g. with the partner's display name).
//!
//! # Examples
//! ```
//! use linkage::{Dataset, iso3, plot, presence, report::charts};
//! let data = Dataset::load(linkage::default_data_dir()).unwrap();
//! let built = data.default_panel().unwrap();
//! let fw = presence::default_spec(&data.dir).unwrap().resolve().unwrap();
//! let p = presence::score(&built.panel, &fw).unwrap();
//! let mut bars = charts::grouped_bars(&p, iso3!("VNM"), 2015, &[iso3!("USA"), iso3!("JPN")]);
//! bars.labels.source = "linkage presence scores".into();
//! let svg = plot::to_svg_string(900, 560, |area| plot::grouped_bars(area, &bars)).unwrap();
//! assert!(svg.contains("Presence in VNM by dimension, 2015"));
//! ```

use std::collections::HashMap;

use crate::alignment::profile::AlignmentRow;
use crate::panel::country::Iso3;
use crate::plot::theme;
use crate::plot::{
    Grid, GroupedBars, Heatmap, Labels, Lines, Profile, Radar, Scatter, ScatterPoint, Series,
};
use crate::presence::Presence;

/// The dimensions of a presence framework (level-2 groups), as `(code, display name)` in spec
/// order.
///
/// # Examples
/// ```
/// # use linkage::{Dataset, presence};
/// # let data = Dataset::load(linkage::default_data_dir()).unwrap();
/// # let built = data.default_panel().unwrap();
/// # let fw = presence::default_spec(&data.dir).unwrap().resolve().unwrap();
/// # let p = presence::score(&built.panel, &fw).unwrap();
/// // `p`: presence scores of the shipped data from the default spec (see the module example).
/// let dims = linkage::report::charts::presence_dimensions(&p);
/// assert_eq!(dims[0], ("trade".to_string(), "Trade".to_string()));
/// assert_eq!(dims.len(), 5); // trade, investment, aid, tourism and people, soft power
/// ```
pub fn presence_dimensions(p: &Presence) -> Vec<(String, String)> {
    p.framework()
        .groups()
        .iter()
        .filter(|g| g.level() == 2)
        .map(|g| (g.code().to_string(), g.name().to_string()))
        .collect()
}

/// The display name of a framework node (indicator, dimension or the root) by code; the code
/// itself when unknown.
///
/// # Examples
/// ```
/// # use linkage::{Dataset, presence};
/// # let data = Dataset::load(linkage::default_data_dir()).unwrap();
/// # let built = data.default_panel().unwrap();
/// # let fw = presence::default_spec(&data.dir).unwrap().resolve().unwrap();
/// # let p = presence::score(&built.panel, &fw).unwrap();
/// use linkage::report::charts::node_name;
/// assert_eq!(node_name(&p, "presence"), "Overall presence");
/// assert_eq!(node_name(&p, "tourism"), "Tourism and people");
/// assert_eq!(node_name(&p, "no_such_code"), "no_such_code");
/// ```
pub fn node_name(p: &Presence, code: &str) -> String {
    let fw = p.framework();
    fw.node(code)
        .map_or(code, |node| fw.node_name(node))
        .to_string()
}

/// Dimension profiles of `actors` in one partner and year: the dimension display names and one
/// [`Profile`] per actor (missing scores stay `None`).
///
/// # Examples
/// ```
/// use linkage::{Dataset, iso3, presence, report::charts};
/// let data = Dataset::load(linkage::default_data_dir()).unwrap();
/// let built = data.default_panel().unwrap();
/// let fw = presence::default_spec(&data.dir).unwrap().resolve().unwrap();
/// let p = presence::score(&built.panel, &fw).unwrap();
/// let (dims, profiles) =
///     charts::presence_profiles(&p, iso3!("VNM"), 2012, &[iso3!("USA"), iso3!("JPN")]);
/// assert_eq!(dims, ["Trade", "Investment", "Aid", "Tourism and people", "Soft power"]);
/// assert_eq!(profiles[1].label, "Japan");
/// // Japan has all five in Vietnam in 2012 (investment data end that year).
/// assert!(profiles[1].values.iter().all(|v| v.is_some()));
/// ```
pub fn presence_profiles(
    p: &Presence,
    partner: Iso3,
    year: i32,
    actors: &[Iso3],
) -> (Vec<String>, Vec<Profile>) {
    let dims = presence_dimensions(p);
    let profiles = actors
        .iter()
        .map(|&a| {
            Profile::actor(
                a,
                dims.iter()
                    .map(|(code, _)| p.score(a, partner, year, code))
                    .collect(),
            )
        })
        .collect();
    (dims.into_iter().map(|(_, name)| name).collect(), profiles)
}

/// Presence by dimension of `actors` in `partner` and `year`, for
/// [`plot::grouped_bars`](crate::plot::grouped_bars). The title is filled in (e.g. "Presence in
/// VNM by dimension, 2015"), the axes get "Dimension" and "Presence score (0–100)"; the caller
/// sets the source.
///
/// # Examples
/// ```
/// # use linkage::{Dataset, presence};
/// # let data = Dataset::load(linkage::default_data_dir()).unwrap();
/// # let built = data.default_panel().unwrap();
/// # let fw = presence::default_spec(&data.dir).unwrap().resolve().unwrap();
/// # let p = presence::score(&built.panel, &fw).unwrap();
/// use linkage::{iso3, report::charts};
/// let bars = charts::grouped_bars(&p, iso3!("VNM"), 2015, &[iso3!("USA"), iso3!("CHN")]);
/// assert_eq!(bars.labels.title, "Presence in VNM by dimension, 2015");
/// assert_eq!(bars.categories.len(), 5);
/// assert_eq!(bars.profiles[1].label, "China");
/// ```
pub fn grouped_bars(p: &Presence, partner: Iso3, year: i32, actors: &[Iso3]) -> GroupedBars {
    let (categories, profiles) = presence_profiles(p, partner, year, actors);
    GroupedBars {
        labels: Labels::new(format!("Presence in {partner} by dimension, {year}"))
            .x("Dimension")
            .y("Presence score (0–100)"),
        categories,
        profiles,
    }
}

/// Dimension profiles of `actors` in `partner` and `year`, for
/// [`plot::radar`](crate::plot::radar()), with a title and the scale's name filled in.
///
/// # Examples
/// ```
/// # use linkage::{Dataset, presence};
/// # let data = Dataset::load(linkage::default_data_dir()).unwrap();
/// # let built = data.default_panel().unwrap();
/// # let fw = presence::default_spec(&data.dir).unwrap().resolve().unwrap();
/// # let p = presence::score(&built.panel, &fw).unwrap();
/// use linkage::{iso3, report::charts};
/// let radar = charts::radar(&p, iso3!("VNM"), 2015, &[iso3!("USA"), iso3!("JPN")]);
/// assert_eq!(radar.labels.title, "Presence profile in VNM, 2015");
/// assert_eq!(radar.axes, ["Trade", "Investment", "Aid", "Tourism and people", "Soft power"]);
/// ```
pub fn radar(p: &Presence, partner: Iso3, year: i32, actors: &[Iso3]) -> Radar {
    let (axes, profiles) = presence_profiles(p, partner, year, actors);
    Radar {
        labels: Labels::new(format!("Presence profile in {partner}, {year}"))
            .y("Presence score (0–100)"),
        axes,
        profiles,
    }
}

/// The score of `code` (an indicator, dimension or `presence`) of `actors` in `partner` over
/// every year with a score, for [`plot::lines`](crate::plot::lines()): yearly series on a 0–100
/// axis, with a title filled in.
///
/// # Examples
/// ```
/// # use linkage::{Dataset, presence};
/// # let data = Dataset::load(linkage::default_data_dir()).unwrap();
/// # let built = data.default_panel().unwrap();
/// # let fw = presence::default_spec(&data.dir).unwrap().resolve().unwrap();
/// # let p = presence::score(&built.panel, &fw).unwrap();
/// use linkage::{iso3, report::charts};
/// let lines = charts::lines(&p, iso3!("VNM"), "presence", &[iso3!("USA"), iso3!("JPN")]);
/// assert_eq!(lines.labels.title, "Overall presence in VNM over time");
/// assert_eq!(lines.y_range, Some((0.0, 100.0)));
/// assert_eq!(lines.series[1].label, "Japan");
/// assert!(lines.series[1].points.len() > 10);
/// ```
pub fn lines(p: &Presence, partner: Iso3, code: &str, actors: &[Iso3]) -> Lines {
    let series = actors
        .iter()
        .map(|&a| {
            let points = p
                .units
                .iter()
                .filter(|(ua, up, _)| *ua == a && *up == partner)
                .filter_map(|&(_, _, y)| p.score(a, partner, y, code).map(|v| (y as f64, v)))
                .collect();
            Series::actor(a, points)
        })
        .collect();
    Lines {
        y_range: Some((0.0, 100.0)),
        ..Lines::yearly(
            Labels::new(format!("{} in {partner} over time", node_name(p, code)))
                .x("Year")
                .y("Score (0–100)"),
            series,
        )
    }
}

/// `x_actor`'s against `y_actor`'s score of `code` in `year`, for
/// [`plot::scatter`](crate::plot::scatter()): one point per partner where both have a score,
/// labelled with the partner's code and coloured by `colour(partner)` (e.g. from
/// [`alignment_values`]), with a title and axis titles filled in.
///
/// # Examples
/// ```
/// # use linkage::{Dataset, presence};
/// # let data = Dataset::load(linkage::default_data_dir()).unwrap();
/// # let built = data.default_panel().unwrap();
/// # let fw = presence::default_spec(&data.dir).unwrap().resolve().unwrap();
/// # let p = presence::score(&built.panel, &fw).unwrap();
/// use linkage::{iso3, report::charts};
/// let (us, jp) = (iso3!("USA"), iso3!("JPN"));
/// let sc = charts::scatter(&p, us, jp, 2015, "presence", |_| None, "US–Japan cosine");
/// assert_eq!(
///     sc.labels.title,
///     "United States and Japan across partners: Overall presence, 2015"
/// );
/// assert!(sc.points.iter().any(|pt| pt.label == "VNM"));
/// assert!(sc.points.iter().all(|pt| pt.colour.is_none()));
/// ```
pub fn scatter(
    p: &Presence,
    x_actor: Iso3,
    y_actor: Iso3,
    year: i32,
    code: &str,
    colour: impl Fn(Iso3) -> Option<f64>,
    colour_label: &str,
) -> Scatter {
    let mut partners: Vec<Iso3> = p
        .units
        .iter()
        .filter(|(a, _, y)| *a == x_actor && *y == year)
        .map(|&(_, q, _)| q)
        .collect();
    partners.dedup();
    let points = partners
        .into_iter()
        .filter_map(|q| {
            let x = p.score(x_actor, q, year, code)?;
            let y = p.score(y_actor, q, year, code)?;
            Some(ScatterPoint {
                label: q.to_string(),
                x,
                y,
                colour: colour(q),
            })
        })
        .collect();
    let (xn, yn) = (theme::actor_name(x_actor), theme::actor_name(y_actor));
    let what = node_name(p, code);
    Scatter::new(
        Labels::new(format!("{xn} and {yn} across partners: {what}, {year}"))
            .x(format!("{xn}: {what} (0–100)"))
            .y(format!("{yn}: {what} (0–100)")),
        points,
        colour_label,
    )
}

/// The value of `measure` for the pair `(a, b)` (either order) in `year`, by partner, from a
/// profile-alignment table: the colours of a [`scatter`].
///
/// # Examples
/// ```
/// # use linkage::{Dataset, presence};
/// # let data = Dataset::load(linkage::default_data_dir()).unwrap();
/// # let built = data.default_panel().unwrap();
/// # let fw = presence::default_spec(&data.dir).unwrap().resolve().unwrap();
/// # let p = presence::score(&built.panel, &fw).unwrap();
/// use linkage::alignment::profile::{AlignmentOptions, alignment_table};
/// use linkage::{iso3, report::charts};
/// let rows = alignment_table(&p, &AlignmentOptions::default());
/// let (us, jp) = (iso3!("USA"), iso3!("JPN"));
/// let cosine = charts::alignment_values(&rows, jp, us, 2015, "cosine");
/// assert!(cosine.contains_key(&iso3!("VNM")));
/// assert!(cosine.values().all(|v| (-1.0..=1.0).contains(v)));
/// let sc = charts::scatter(&p, us, jp, 2015, "presence", |q| cosine.get(&q).copied(), "cosine");
/// assert!(sc.points.iter().any(|pt| pt.colour.is_some()));
/// ```
pub fn alignment_values(
    rows: &[AlignmentRow],
    a: Iso3,
    b: Iso3,
    year: i32,
    measure: &str,
) -> HashMap<Iso3, f64> {
    rows.iter()
        .filter(|r| {
            r.year == year
                && r.measure == measure
                && ((r.actor_a == a && r.actor_b == b) || (r.actor_a == b && r.actor_b == a))
        })
        .map(|r| (r.partner, r.value))
        .collect()
}

/// `actor`'s dimension scores in `partners` (rows) in `year`, for
/// [`plot::heatmap`](crate::plot::heatmap()): on a 0–100 scale with the scores written in the
/// cells, with a title and axis titles filled in.
///
/// # Examples
/// ```
/// # use linkage::{Dataset, presence};
/// # let data = Dataset::load(linkage::default_data_dir()).unwrap();
/// # let built = data.default_panel().unwrap();
/// # let fw = presence::default_spec(&data.dir).unwrap().resolve().unwrap();
/// # let p = presence::score(&built.panel, &fw).unwrap();
/// use linkage::{iso3, report::charts};
/// let heat = charts::heatmap(&p, iso3!("JPN"), 2015, &[iso3!("VNM"), iso3!("PHL")]);
/// assert_eq!(heat.labels.title, "Japan presence by partner and dimension, 2015");
/// assert_eq!(heat.grid.rows, ["VNM", "PHL"]);
/// assert_eq!(heat.grid.cols, ["Trade", "Investment", "Aid", "Tourism and people", "Soft power"]);
/// assert_eq!(heat.range, Some((0.0, 100.0)));
/// ```
pub fn heatmap(p: &Presence, actor: Iso3, year: i32, partners: &[Iso3]) -> Heatmap {
    let dims = presence_dimensions(p);
    let grid = Grid::from_fn(
        partners.iter().map(Iso3::to_string).collect(),
        dims.iter().map(|(_, n)| n.clone()).collect(),
        |r, c| p.score(actor, partners[r], year, &dims[c].0),
    );
    Heatmap {
        range: Some((0.0, 100.0)),
        decimals: Some(0),
        ..Heatmap::new(
            Labels::new(format!(
                "{} presence by partner and dimension, {year}",
                theme::actor_name(actor)
            ))
            .x("Dimension")
            .y("Partner"),
            grid,
            "Presence score (0–100)",
        )
    }
}
