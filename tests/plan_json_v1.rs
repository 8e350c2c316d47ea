//! Plans written in format version 1 (0.1) keep loading unchanged: every
//! bundled plan's version 1 copy (tests/data/plans-v1, the files 0.1 shipped)
//! reads into exactly the plan the catalogue now bundles in version 2.

use hoptac::{catalog, plan::FORMAT_VERSION, Lang, LoadError, Plan};

fn v1_copy(key: &str) -> String {
    let path = format!(
        "{}/tests/data/plans-v1/{key}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_bundled_plan_loads_from_its_version_1_copy() {
    let mut seen = 0;
    for key in catalog::keys() {
        let text = v1_copy(key);
        assert!(
            text.contains("\"format_version\": 1"),
            "{key} is a version 1 file"
        );
        let old = Plan::from_json(&text).unwrap_or_else(|e| panic!("{key}: {e}"));
        let new = catalog::get(key).expect("bundled");
        assert_eq!(old, new, "{key}");
        assert_eq!(old.format_version, FORMAT_VERSION);
        // Written back, it is version 2 and reads the same.
        assert_eq!(Plan::from_json(&old.to_json()).unwrap(), new);
        seen += 1;
    }
    assert_eq!(seen, 5);
}

#[test]
fn version_1_shapes_read_into_version_2() {
    let v1 = r#"{
      "format_version": 1, "id": "demo", "title": "Kế hoạch", "title_en": "Plan", "issuer": "UBND tỉnh",
      "implements": [{"doc": "20-NQ/TW", "title": "Nghị quyết", "title_en": "Resolution"}],
      "agencies": [{"id": "a", "name_vi": "Sở A", "name_en": "Department A", "level": "province"}],
      "sections": [{"id": "I", "title": "Mục I"}],
      "tasks": [{"id": "I.1", "section": "I", "text": "Tuyên truyền", "text_en": "Outreach", "lead": ["a"]}],
      "targets": [{"id": "t", "label_vi": "Thành viên", "label_en": "Members",
        "measure": {"kind": "against", "base": {"kind": "count", "filter": {"kind": "everything"}, "population": "any_status"},
                    "figure": "communes", "scale": "per_unit"},
        "threshold": {"comparator": {"kind": "at_least"}, "value": "1", "unit": {"kind": "organisations"}},
        "deadline": "2030-12-31", "assumptions": ["read as any status"]}]
    }"#;
    let plan = Plan::from_json(v1).unwrap();
    assert_eq!(plan.title.get(Lang::En), "Plan");
    assert_eq!(
        plan.implements[0].title.as_ref().unwrap().get(Lang::En),
        "Resolution"
    );
    assert_eq!(plan.agencies[0].name.get(Lang::En), "Department A");
    assert_eq!(plan.sections[0].title.en, None);
    assert_eq!(plan.tasks[0].text.get(Lang::En), "Outreach");
    assert_eq!(plan.targets[0].label.get(Lang::Vi), "Thành viên");
    assert_eq!(plan.targets[0].assumptions[0].text, "read as any status");
    assert_eq!(plan.targets[0].assumptions[0].about, None);
    let v2: serde_json::Value = serde_json::from_str(&plan.to_json()).unwrap();
    let measure = &v2["targets"][0]["measure"];
    assert_eq!(measure["scale"], serde_json::json!({"kind": "per_unit"}));
    assert_eq!(
        measure["base"]["population"],
        serde_json::json!({"kind": "any_status"})
    );
    assert_eq!(
        v2["title"],
        serde_json::json!({"vi": "Kế hoạch", "en": "Plan"})
    );
    assert_eq!(v2["format_version"], 2);
}

#[test]
fn version_2_refuses_version_1_shapes() {
    // A version 2 file written with a version 1 field is an error naming it.
    let mixed = r#"{"format_version": 2, "id": "demo", "title": {"vi": "Kế hoạch"}, "title_en": "Plan", "issuer": "UBND"}"#;
    match Plan::from_json(mixed) {
        Err(LoadError::Json { path, message, .. }) => {
            assert_eq!(path, "title_en");
            assert!(message.starts_with("unknown field `title_en`"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let bare = r#"{"format_version": 2, "id": "demo", "title": "Kế hoạch", "issuer": "UBND"}"#;
    let err = Plan::from_json(bare).unwrap_err().to_string();
    assert!(
        err.contains("expected a text in Vietnamese and English"),
        "{err}"
    );
    assert!(!err.contains("struct"), "names no internal type: {err}");
}

#[test]
fn errors_in_version_1_files_name_the_path() {
    let bad = r#"{"format_version": 1, "id": "demo", "title": "Kế hoạch", "issuer": "UBND",
      "tasks": [{"id": "I.1", "text": "x", "lead": ["a"], "schedule": "2030-2023"}]}"#;
    match Plan::from_json(bad) {
        Err(LoadError::Json {
            path,
            message,
            line,
            ..
        }) => {
            assert_eq!(path, "tasks[0].schedule");
            assert!(message.contains("2030-2023"), "{message}");
            assert!(message.ends_with("(in a format version 1 plan, read as version 2)"));
            assert_eq!(line, 0, "positions are not known after the rewrite");
        }
        other => panic!("{other:?}"),
    }
}
