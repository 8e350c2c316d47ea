//! The committed JSON Schemas in `schema/` are the ones the types generate,
//! and (where Python's `jsonschema` is installed) an independent validator
//! accepts the bundled data and refuses unknown fields.
#![cfg(feature = "schema")]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Set to `1` to rewrite the committed schemas instead of comparing them.
const WRITE: &str = "HOPTAC_WRITE_SCHEMAS";
/// Set to `1` to fail, not skip, when python3 with `jsonschema` is missing.
const REQUIRE_PYTHON: &str = "HOPTAC_REQUIRE_PYTHON_CHECKS";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn schemas() -> [(&'static str, serde_json::Value); 3] {
    [
        ("plan.schema.json", hoptac::schema::plan()),
        ("inputs.schema.json", hoptac::schema::inputs()),
        ("report.schema.json", hoptac::schema::report()),
    ]
}

fn pretty(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("a schema serializes");
    text.push('\n');
    text
}

#[test]
fn committed_schemas_are_the_generated_ones() {
    let dir = root().join("schema");
    let write = std::env::var(WRITE).is_ok_and(|v| v == "1");
    let mut stale = Vec::new();
    for (file, schema) in schemas() {
        let path = dir.join(file);
        let generated = pretty(&schema);
        if write {
            std::fs::create_dir_all(&dir).expect("create schema/");
            std::fs::write(&path, &generated).expect("write a schema");
            println!("wrote {}", path.display());
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(generated.as_str()) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "schema/{{{}}} differ from what the types generate; regenerate them with\n    \
         {WRITE}=1 cargo test --features schema --test schema\nand commit the result",
        stale.join(",")
    );
}

#[test]
fn schemas_say_what_serde_reads() {
    let plan = hoptac::schema::plan();
    let defs = &plan["$defs"];
    assert_eq!(plan["additionalProperties"], false);
    assert_eq!(defs["Target"]["additionalProperties"], false);
    assert_eq!(defs["Decimal"]["type"], "string");
    assert_eq!(defs["Date"]["format"], "date");
    let threshold = defs["Threshold"]["oneOf"].as_array().expect("oneOf");
    assert_eq!(threshold.len(), 2);
    assert_eq!(threshold[0]["type"], "string");
    let base = defs["FigureBase"]["oneOf"].as_array().expect("oneOf");
    let kinds: Vec<_> = base
        .iter()
        .map(|v| v["properties"]["kind"]["const"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(kinds, ["count", "new", "sum"]);
    // What the crate writes: a threshold as its parts.
    let report = hoptac::schema::report();
    assert_eq!(
        report["$defs"]["Threshold"]["$ref"],
        "#/$defs/ThresholdParts"
    );
}

fn python_has_jsonschema() -> bool {
    Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|out| out.status.success())
}

/// `plan_check --format json ARGS`, written to `dir/NAME`: from the example
/// built beside this test (`cargo test` builds the examples), else through
/// `cargo run`.
fn report_json(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    // target/debug/deps/schema-xxxx -> target/debug/examples/plan_check
    let built = exe.parent().and_then(Path::parent).map(|dir| {
        dir.join("examples")
            .join(format!("plan_check{}", std::env::consts::EXE_SUFFIX))
    });
    let mut command = match built {
        Some(path) if path.is_file() => Command::new(path),
        _ => {
            let mut cargo = Command::new(env!("CARGO"));
            cargo.args(["run", "--quiet", "--example", "plan_check", "--"]);
            cargo
        }
    };
    let out = command
        .args(["--format", "json"])
        .args(args)
        .current_dir(root())
        .output()
        .expect("run plan_check");
    assert!(
        out.status.success(),
        "plan_check failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.join(name);
    std::fs::write(&path, &out.stdout).expect("write the report");
    path
}

#[test]
fn python_jsonschema_accepts_the_bundled_data() {
    let required = std::env::var(REQUIRE_PYTHON).is_ok_and(|v| v == "1");
    if !python_has_jsonschema() {
        assert!(
            !required,
            "{REQUIRE_PYTHON}=1 but python3 cannot import jsonschema: pip install jsonschema"
        );
        println!(
            "skipped: scripts/check_schemas.py needs python3 with jsonschema (pip install jsonschema)"
        );
        return;
    }
    let dir = std::env::temp_dir().join(format!("hoptac-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let reports = [
        report_json(&dir, "report.json", &[]),
        report_json(
            &dir,
            "report-drill-down.json",
            &["--drill-down", "--lang", "en"],
        ),
    ];
    let out = Command::new("python3")
        .arg(root().join("scripts/check_schemas.py"))
        .args(&reports)
        .current_dir(root())
        .output()
        .expect("run scripts/check_schemas.py");
    let _ = std::fs::remove_dir_all(&dir);
    println!("{}", String::from_utf8_lossy(&out.stdout));
    assert!(
        out.status.success(),
        "scripts/check_schemas.py failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
