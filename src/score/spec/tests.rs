//! The spec's validation rules, one test each.

use super::*;
use crate::panel::indicator::Direction;
use crate::score::aggregate::Aggregation;

fn spec(body: &str) -> Result<Framework> {
    Spec::from_toml(body, "test.toml")?.resolve()
}

const OK: &str = r#"
        name = "t"
        [[indicator]]
        code = "a"
        parent = "d1"
        [[indicator]]
        code = "b"
        parent = "d1"
        weight = 2
        [[indicator]]
        code = "c"
        parent = "d2"
        direction = -1
        [[group]]
        code = "top"
        [[group]]
        code = "d1"
        parent = "top"
        [[group]]
        code = "d2"
        parent = "top"
        aggregate = { method = "geometric" }
    "#;

#[test]
fn resolves_bottom_up_with_levels() {
    let fw = spec(OK).unwrap();
    assert_eq!(fw.levels, 3);
    let codes: Vec<&str> = fw.groups.iter().map(|g| g.code.as_str()).collect();
    assert_eq!(codes, ["d1", "d2", "top"]);
    assert_eq!(fw.groups[0].child_weights, [1.0, 2.0]);
    assert_eq!(fw.groups[1].aggregation, Aggregation::GeometricMean);
    assert_eq!(fw.groups[2].children, [Node::Group(0), Node::Group(1)]);
    assert_eq!(fw.indicators[2].direction, Direction::Negative);
    assert_eq!(fw.indicators[2].parent, 1);
}

fn err(body: &str) -> String {
    spec(body).unwrap_err().to_string()
}

#[test]
fn rejects_unknown_field_and_wrong_type() {
    assert!(err(&format!("{OK}\ncolour = 1")).contains("unknown field `colour`"));
    let e = err(&OK.replace("weight = 2", "weight = \"two\""));
    assert!(e.contains("invalid type"), "{e}");
}

#[test]
fn rejects_missing_parent_and_orphans() {
    assert!(
        err(&OK.replace(
            "parent = \"d2\"\n        direction",
            "parent = \"d9\"\n        direction"
        ))
        .contains("parent `d9` is not defined")
    );
    assert!(
        err(&OK.replace(
            "code = \"c\"\n        parent = \"d2\"",
            "code = \"c\"\n        parent = \"a\""
        ))
        .contains("is an indicator, not a group")
    );
}

#[test]
fn rejects_cycles_and_multiple_roots() {
    let cyc = OK.replace("code = \"top\"", "code = \"top\"\n        parent = \"d1\"");
    let e = err(&cyc);
    assert!(e.contains("cycle") || e.contains("no root"), "{e}");
    let two_roots = OK.replace("code = \"d2\"\n        parent = \"top\"", "code = \"d2\"");
    assert!(err(&two_roots).contains("more than one root"));
}

#[test]
fn rejects_bad_weights_and_empty_groups() {
    assert!(err(&OK.replace("weight = 2", "weight = -1")).contains("must be finite and ≥ 0"));
    let zero = OK.replace("weight = 2", "weight = 0").replace(
        "code = \"a\"\n        parent = \"d1\"",
        "code = \"a\"\n        parent = \"d1\"\n        weight = 0",
    );
    assert!(err(&zero).contains("weights sum to zero"));
    let empty = format!("{OK}\n[[group]]\ncode = \"d3\"\nparent = \"top\"\n");
    assert!(err(&empty).contains("has no children"));
}

#[test]
fn rejects_unequal_depth_and_bad_methods() {
    let uneven = format!("{OK}\n[[indicator]]\ncode = \"e\"\nparent = \"top\"\n");
    assert!(err(&uneven).contains("same level"));
    let mm = OK.replace(
        "direction = -1",
        "direction = -1\n        normalise = { method = \"minmax\", lower = 5, upper = 5 }",
    );
    assert!(err(&mm).contains("lower < upper"));
    let dt = OK.replace(
        "direction = -1",
        "direction = -1\n        normalise = { method = \"dist2target\" }",
    );
    assert!(err(&dt).contains("needs a finite `target`"));
    assert!(err(&OK.replace("direction = -1", "direction = 2")).contains("must be 1 or -1"));
}
