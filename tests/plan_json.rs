//! Loading plans from JSON: strict input, errors with paths, hostile input.

use hoptac::{LoadError, Plan, ProblemCode};

const MINIMAL: &str =
    r#"{"format_version": 2, "id": "demo", "title": {"vi": "Kế hoạch"}, "issuer": "UBND tỉnh"}"#;

fn with(extra: &str) -> String {
    format!(
        r#"{{"format_version": 2, "id": "demo", "title": {{"vi": "Kế hoạch"}}, "issuer": "UBND tỉnh", {extra}}}"#
    )
}

fn json_error(text: &str) -> (String, String) {
    match Plan::from_json(text) {
        Err(LoadError::Json { path, message, .. }) => (path, message),
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

#[test]
fn minimal_plan_loads_and_round_trips() {
    let plan = Plan::from_json(MINIMAL).unwrap();
    assert_eq!(Plan::from_json(&plan.to_json()).unwrap(), plan);
}

#[test]
fn unknown_fields_are_named_with_their_path() {
    let (path, message) = json_error(&with(r#""colour": "red""#));
    assert_eq!(path, "colour");
    assert!(
        message.starts_with("unknown field `colour`, expected one of"),
        "{message}"
    );
    let (path, message) = json_error(&with(
        r#""agencies": [{"id": "a", "name": {"vi": "A", "en": "A"}, "level": "province", "boss": "x"}]"#,
    ));
    assert_eq!(path, "agencies[0].boss");
    assert!(message.starts_with("unknown field `boss`"), "{message}");
}

#[test]
fn bad_values_carry_the_path_to_them() {
    let task = |schedule: &str| {
        with(&format!(
            r#""agencies": [{{"id": "a", "name": {{"vi": "A", "en": "A"}}, "level": "province"}}],
               "tasks": [{{"id": "I.1", "text": {{"vi": "x"}}, "lead": ["a"], "schedule": "{schedule}"}}]"#
        ))
    };
    assert!(Plan::from_json(&task("2023-2030")).is_ok());
    let (path, message) = json_error(&task("2030-2023"));
    assert_eq!(path, "tasks[0].schedule");
    assert!(
        message.contains("reversed span of years `2030-2023`"),
        "{message}"
    );
    let (path, _) = json_error(&with(r#""doc": "363/XY-UBND-KTN""#));
    assert_eq!(path, "doc");
    let (path, message) = json_error(&with(
        r#""targets": [{"id": "x", "label": {"vi": "x", "en": "x"}, "measure": {"kind": "reported"},
            "threshold": {"comparator": {"kind": "none_left"}, "value": "5", "unit": {"kind": "items"}},
            "deadline": "2030-12-31"}]"#,
    ));
    assert_eq!(path, "targets[0].threshold");
    assert!(!message.is_empty());
}

#[test]
fn validation_errors_fail_the_load_and_warnings_do_not() {
    let dup = with(
        r#""targets": [
            {"id": "x", "label": {"vi": "x", "en": "x"}, "measure": {"kind": "reported"},
             "threshold": {"comparator": {"kind": "at_least"}, "value": "5", "unit": {"kind": "items"}}, "deadline": "2030-12-31"},
            {"id": "x", "label": {"vi": "x", "en": "x"}, "measure": {"kind": "reported"},
             "threshold": {"comparator": {"kind": "at_least"}, "value": "5", "unit": {"kind": "items"}}, "deadline": "2030-12-31"}]"#,
    );
    match Plan::from_json(&dup) {
        Err(LoadError::Invalid { problems }) => {
            assert!(problems.contains(ProblemCode::DuplicateTargetId))
        }
        other => panic!("{other:?}"),
    }
    let warned = with(r#""doc": "1206/QĐ-UBND", "called": "Kế hoạch""#);
    let plan = Plan::from_json(&warned).unwrap();
    assert!(plan.validate().contains(ProblemCode::DocTypeMismatch));
}

#[test]
fn versions_are_checked_first() {
    let text = MINIMAL.replace("\"format_version\": 2", "\"format_version\": 3");
    let err = Plan::from_json(&text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unsupported plan format version 3: expected 1 to 2"
    );
}

#[test]
fn a_filter_nested_100000_deep_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let mut filter = String::with_capacity(depth * 40);
    for _ in 0..depth {
        filter.push_str(r#"{"kind":"not","filter":"#);
    }
    filter.push_str(r#"{"kind":"rated"}"#);
    for _ in 0..depth {
        filter.push('}');
    }
    let text = with(&format!(
        r#""targets": [{{"id": "x", "label": {{"vi": "x", "en": "x"}},
            "measure": {{"kind": "count", "filter": {filter}}},
            "threshold": {{"comparator": {{"kind": "at_least"}}, "value": "5", "unit": {{"kind": "organisations"}}}},
            "deadline": "2030-12-31"}}]"#
    ));
    let (_, message) = json_error(&text);
    assert!(message.contains("recursion limit exceeded"), "{message}");
}

#[test]
fn a_filter_deeper_than_allowed_but_within_json_limits_is_a_validation_error() {
    let depth = 40;
    let mut filter = String::new();
    for _ in 0..depth {
        filter.push_str(r#"{"kind":"not","filter":"#);
    }
    filter.push_str(r#"{"kind":"rated"}"#);
    filter.push_str(&"}".repeat(depth));
    let text = with(&format!(
        r#""targets": [{{"id": "x", "label": {{"vi": "x", "en": "x"}},
            "measure": {{"kind": "count", "filter": {filter}}},
            "threshold": {{"comparator": {{"kind": "at_least"}}, "value": "5", "unit": {{"kind": "organisations"}}}},
            "deadline": "2030-12-31"}}]"#
    ));
    match Plan::from_json(&text) {
        Err(LoadError::Invalid { problems }) => {
            assert!(problems.contains(ProblemCode::FilterTooDeep))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn trailing_garbage_and_non_json_are_errors() {
    assert!(Plan::from_json(&format!("{MINIMAL} x")).is_err());
    assert!(Plan::from_json("").is_err());
    assert!(Plan::from_json("[]").is_err());
}

#[test]
fn huge_numbers_are_errors_naming_the_field() {
    let text = with(
        r#""targets": [{"id": "x", "label": {"vi": "x", "en": "x"}, "measure": {"kind": "reported"},
            "threshold": {"comparator": {"kind": "at_least"}, "value": "99999999999999999999999999999999999", "unit": {"kind": "items"}},
            "deadline": "2030-12-31"}]"#,
    );
    let (path, _) = json_error(&text);
    assert!(path.starts_with("targets[0].threshold"), "{path}");
}

mod properties {
    use hoptac::{LoadError, Plan};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

        #[test]
        fn arbitrary_text_never_panics(s in any::<String>()) {
            let _ = Plan::from_json(&s);
        }

        #[test]
        fn arbitrary_json_values_never_panic_and_are_errors(v in arb_json()) {
            let text = v.to_string();
            // Only an object with the four required fields can be a plan.
            if let Ok(plan) = Plan::from_json(&text) {
                prop_assert_eq!(plan.format_version, 1);
            }
        }

        #[test]
        fn near_plans_never_panic(extra in "x_[a-z_]{1,12}", value in arb_json()) {
            let text = format!(
                r#"{{"format_version": 2, "id": "demo", "title": {{"vi": "t"}}, "issuer": "i", "{extra}": {value}}}"#
            );
            match Plan::from_json(&text) {
                Ok(_) => prop_assert!(false, "unknown field `{}` accepted", extra),
                Err(LoadError::Json { .. } | LoadError::Invalid { .. }) => {}
                Err(e) => prop_assert!(false, "unexpected {}", e),
            }
        }
    }

    fn arb_json() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(serde_json::Value::from),
            ".{0,12}".prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                proptest::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }
}

#[test]
fn json_errors_give_the_position_once() {
    let err = Plan::from_json(&with(r#""colour": 1"#)).unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with("invalid plan JSON at colour (line 1, column "),
        "{text}"
    );
    assert!(!text.contains(" at line "), "{text}");
}

#[test]
fn messages_say_what_a_field_takes_never_a_rust_type() {
    let target = |threshold: &str, deadline: &str| {
        with(&format!(
            r#""targets": [{{"id": "x", "label": {{"vi": "x", "en": "x"}}, "measure": {{"kind": "reported"}},
               "threshold": {threshold}, "deadline": "{deadline}"}}]"#
        ))
    };
    let good = r#"{"comparator": {"kind": "at_least"}, "value": "5", "unit": {"kind": "items"}}"#;
    let cases = [
        (
            with(&format!(
                r#""targets": [{{"id": "x", "label": {{"vi": "x", "en": "x"}}, "measure": {{"kind": "reported"}},
                   "threshold": {good}, "deadline": "2030-12-31", "baseline": {{"value": 5, "at": "2020-01-01"}}}}]"#
            )),
            "targets[0].baseline.value",
            r#"expected a decimal written as a string, such as "60""#,
        ),
        (
            target(good, "2030-02-30"),
            "targets[0].deadline",
            "invalid date `2030-02-30` (no such day in the calendar): expected a date written YYYY-MM-DD",
        ),
        (
            target(good, "31/12/2030"),
            "targets[0].deadline",
            "(not written YYYY-MM-DD)",
        ),
        (
            with(r#""issued": "2023-13-01""#),
            "issued",
            "invalid date `2023-13-01`",
        ),
    ];
    for (text, want_path, want) in cases {
        let (path, message) = json_error(&text);
        assert_eq!(path, want_path);
        assert!(message.contains(want), "{message}");
        for internal in [
            "Decimal type",
            "out of range",
            "invalid characters",
            "struct ",
        ] {
            assert!(!message.contains(internal), "{message}");
        }
    }
}

#[test]
fn a_byte_order_mark_is_not_an_error() {
    let text = format!("\u{feff}{MINIMAL}");
    assert_eq!(
        Plan::from_json(&text).unwrap(),
        Plan::from_json(MINIMAL).unwrap()
    );
}

#[test]
fn a_threshold_may_be_written_as_its_phrase() {
    let target = |threshold: &str| {
        with(&format!(
            r#""targets": [{{"id": "x", "label": {{"vi": "x", "en": "x"}}, "measure": {{"kind": "reported"}},
               "threshold": {threshold}, "deadline": "2030-12-31"}}]"#
        ))
    };
    let phrase = Plan::from_json(&target(r#""in 5.000 cuốn sổ tay""#)).unwrap();
    let parts = Plan::from_json(&target(
        r#"{"comparator": {"kind": "at_least"}, "value": "5000", "unit": {"kind": "items"}}"#,
    ))
    .unwrap();
    assert_eq!(phrase, parts);
    // NFD text reads like NFC; a phrase the parser refuses names its path.
    let nfd = hoptac::text::nfd(r#""trên 60%""#);
    assert_eq!(
        Plan::from_json(&target(&nfd)).unwrap(),
        Plan::from_json(&target(r#""trên 60%""#)).unwrap()
    );
    let (path, message) = json_error(&target(r#""rất nhiều""#));
    assert_eq!(path, "targets[0].threshold");
    assert!(message.contains("rất nhiều"), "{message}");
    let (path, message) = json_error(&target(
        r#"{"comparator": {"kind": "at_least"}, "value": 5, "unit": {"kind": "items"}}"#,
    ));
    assert_eq!(path, "targets[0].threshold.value");
    assert!(
        message.contains("expected a decimal written as a string"),
        "{message}"
    );
    let (_, message) = json_error(&target(
        r#"{"comparator": {"kind": "at_least"}, "value": "5", "unit": "items"}"#,
    ));
    assert!(message.contains("expected a unit such as"), "{message}");
    assert!(!message.contains("Repr"), "{message}");
}
