//! What the report renderers' tests share: the bundled sample's report.
#![allow(dead_code)]

use std::path::PathBuf;

use chrono::NaiveDate;
use hoptac::{catalog, csv::read_csv_path, csv::CsvOptions, Inputs, Registry, Report};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The report `plan_check` prints with no arguments: Nghệ An's plan on the
/// bundled sample registry and inputs.
pub fn sample_report() -> Report {
    let mut registry = Registry::new();
    for year in 2023..=2025 {
        let date = NaiveDate::from_ymd_opt(year, 12, 31).expect("a date");
        registry
            .insert(sample_snapshot(date))
            .expect("one snapshot per date");
    }
    let inputs = sample_inputs();
    let plan = catalog::get("nghe-an-363-2023").expect("the plan");
    plan.evaluate(&registry, &inputs)
        .expect("the sample evaluates")
}

/// The bundled sample registry's snapshot at `date` (31 December 2023, 2024
/// or 2025).
pub fn sample_snapshot(date: NaiveDate) -> hoptac::Snapshot {
    let path = root().join(format!("examples/data/nghe-an/registry-{date}.csv"));
    read_csv_path(&path, date, &CsvOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The bundled sample's inputs.
pub fn sample_inputs() -> Inputs {
    let path = root().join("examples/data/nghe-an/inputs.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("inputs.json"))
        .expect("inputs.json parses")
}
