//! Soft power to the latest year (issue 13): the UN ideal-point distance to 2024 and Pew
//! favourability of the United States, Japan and China, in `panel.csv` and in the presence scores.

use approx::assert_relative_eq;
use linkage::io::csv::{NumberStyle, write};
use linkage::{Dataset, iso3};
use std::sync::OnceLock;

/// `panel.csv` of the default panel, written as the report writes it, once for this module.
fn panel_csv() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let data = Dataset::load(linkage::default_data_dir()).unwrap();
        let built = data.default_panel().unwrap();
        let dir = std::env::temp_dir().join(format!("linkage-it-soft-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("panel.csv");
        write(&path, &built.panel, NumberStyle::Point).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        text
    })
}

/// The rows of `panel.csv` starting with `prefix`, split into cells.
fn rows(prefix: &str) -> Vec<Vec<&'static str>> {
    panel_csv()
        .lines()
        .filter(|l| l.starts_with(prefix))
        .map(|l| l.split(',').collect())
        .collect()
}

#[test]
fn soft_power_rows_dated_2024_for_the_three_actors_in_the_case_studies() {
    // idealpointfp 2024, from data/unga_ideal_points/unga_ideal_points_by_year_jul2025.csv:
    //   `2,USA,United States,2024,2.206202,…`        `740,JPN,Japan,2024,0.795598,…`
    //   `710,CHN,China,2024,-0.8535267,…`            `775,MMR,Myanmar (Burma),2024,-0.1119318,…`
    //   `816,VNM,Vietnam,2024,-0.5954855,…`          `750,IND,India,2024,-0.2012434,…`
    //   `732,KOR,South Korea,2024,1.070458,…`
    // distance = |θ_actor − θ_partner|, e.g. USA–MMR |2.206202 + 0.1119318| = 2.3181338,
    // JPN–KOR |0.795598 − 1.070458| = 0.27486, CHN–VNM |−0.8535267 + 0.5954855| = 0.2580412.
    let expected = [
        (
            "USA",
            [
                ("MMR", 2.3181338),
                ("VNM", 2.8016875),
                ("IND", 2.4074454),
                ("KOR", 1.135744),
            ],
        ),
        (
            "JPN",
            [
                ("MMR", 0.9075298),
                ("VNM", 1.3910835),
                ("IND", 0.9968414),
                ("KOR", 0.27486),
            ],
        ),
        (
            "CHN",
            [
                ("MMR", 0.7415949),
                ("VNM", 0.2580412),
                ("IND", 0.6522833),
                ("KOR", 1.9239847),
            ],
        ),
    ];
    for (actor, partners) in expected {
        for (partner, distance) in partners {
            let r = rows(&format!("{actor},{partner},2024,soft_power,"));
            // 2024 holds the ideal-point distance only: the UN vote files end in 2019, Pew in
            // 2023.
            assert_eq!(r.len(), 1, "{actor} in {partner}: {r:?}");
            let cells = &r[0];
            assert_eq!(cells[4], "unga_idealpoint_distance");
            let v: f64 = cells[5].parse().unwrap();
            assert_relative_eq!(v, distance, epsilon = 1e-9);
            assert_eq!(cells[7], "UNGA ideal points (Voeten)");
            // Method and flag: empty text cells, written `""`.
            assert_eq!((cells[8], cells[9]), ("\"\"", "\"\""));
        }
    }
}

#[test]
fn favourability_rows_in_panel_csv_beside_the_us_only_series() {
    let value = |prefix: &str| -> f64 {
        let r = rows(prefix);
        assert_eq!(r.len(), 1, "{prefix}");
        r[0][5].parse().unwrap()
    };
    // data/pew_global_attitudes/favourability_by_country_year.csv, `pct_fav_of_asked` (9th):
    //   `KOR,2015,CHN,1005,985,20,62.8909,37.1091,61.5374,36.3104,2.1522,0`
    //   `IND,2005,JPN,2042,1581,461,85.3890,14.6110,66.1117,11.3124,22.5759,1`
    //   `KOR,2023,USA,1735,1732,3,78.6658,21.3342,78.5259,21.2962,0.1779,0`
    //   `VNM,2017,USA,1000,961,39,88.4914,11.5086,84.7807,11.0260,4.1934,0`
    assert_relative_eq!(value("CHN,KOR,2015,soft_power,favourability_pew,"), 61.5374);
    assert_relative_eq!(value("JPN,IND,2005,soft_power,favourability_pew,"), 66.1117);
    assert_relative_eq!(value("USA,KOR,2023,soft_power,favourability_pew,"), 78.5259);
    // Vietnam 2017: 84.7807 here, 84 in the US-only series (TRUMPWORLD-us.csv), kept for
    // reference: 0.78 points apart.
    assert_relative_eq!(value("USA,VNM,2017,soft_power,favourability_pew,"), 84.7807);
    assert_relative_eq!(value("USA,VNM,2017,soft_power,us_favourability_pew,"), 84.0);
    // No self-rating, and no Pew row after 2023.
    assert!(rows("CHN,CHN,").iter().all(|r| r[4] != "favourability_pew"));
    assert!(
        panel_csv()
            .lines()
            .filter(|l| l.contains(",favourability_pew,"))
            .all(|l| l.split(',').nth(2).unwrap().parse::<i32>().unwrap() <= 2023)
    );
}

#[test]
fn presence_scores_the_distance_negatively_and_favourability_instead_of_the_us_only_series() {
    let p = crate::presence::scored();
    let fw = p.framework();
    assert!(fw.indicator_index("us_favourability_pew").is_none());
    assert!(fw.indicator_index("favourability_pew").is_some());
    let (us, jp, cn, vn, kr) = (
        iso3!("USA"),
        iso3!("JPN"),
        iso3!("CHN"),
        iso3!("VNM"),
        iso3!("KOR"),
    );
    // Goalposts 0–4, direction −1: score = (4 − distance) / 4 × 100.
    // USA–VNM 2024: (4 − 2.8016875) / 4 × 100 = 29.9578125; CHN–VNM 2024:
    // (4 − 0.2580412) / 4 × 100 = 93.54897.
    let d = "unga_idealpoint_distance";
    assert_relative_eq!(
        p.score(us, vn, 2024, d).unwrap(),
        29.957_812_5,
        epsilon = 1e-6
    );
    assert_relative_eq!(p.score(cn, vn, 2024, d).unwrap(), 93.548_97, epsilon = 1e-6);
    // Closer ranks first: China, then Japan (1.3910835 → 65.22), then the United States.
    assert_eq!(p.rank(cn, vn, 2024, d), Some(1.0));
    assert!(p.rank(jp, vn, 2024, d) < p.rank(us, vn, 2024, d));
    // Favourability on goalposts 0–100 scores its own value: 61.5374 (China in Korea, 2015).
    assert_relative_eq!(
        p.score(cn, kr, 2015, "favourability_pew").unwrap(),
        61.5374,
        epsilon = 1e-9
    );
    // Soft power of Japan in Vietnam 2015 is the mean of its two indicators there: the vote
    // agreement (66.22) and the distance (4 − 1.7605177) / 4 × 100 = 55.9870575.
    let dist = p.score(jp, vn, 2015, d).unwrap();
    assert_relative_eq!(dist, 55.987_057_5, epsilon = 1e-6);
    let agree = p.score(jp, vn, 2015, "unga_agreement").unwrap();
    assert!((66.2..66.25).contains(&agree), "{agree}");
    assert_relative_eq!(
        p.score(jp, vn, 2015, "soft_power").unwrap(),
        (agree + dist) / 2.0,
        max_relative = 1e-12
    );
}
