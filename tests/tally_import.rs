//! `csv::tally_registry_path` through the public API: a registry read
//! straight into a plan's tally equals the tally of the snapshot
//! `read_registry_path` reads, and a file it refuses is refused with the
//! same error; a plan with errors is refused before any reading.
#![cfg(all(feature = "csv", feature = "json"))]

use chrono::NaiveDate;
use hoptac::csv::{
    read_registry_path, tally_registry_path, write_csv, CsvOptions, TallyImportError,
};
use hoptac::generate::{snapshot, GeneratorConfig};
use hoptac::tally::ScanOptions;
use hoptac::{catalog, Lang, Tally};

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).expect("date")
}

fn temp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("hoptac-tally-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("written");
    path
}

#[test]
fn a_large_registry_tallies_as_its_snapshot() {
    // 20,000 organisations: several MiB, so the file is read in parts.
    let original = snapshot(&GeneratorConfig::nghe_an(20_000, 3, date()));
    let mut bytes = Vec::new();
    write_csv(&original, &mut bytes).expect("csv");
    assert!(bytes.len() > 2 << 20, "{} bytes", bytes.len());
    let path = temp("large.csv", &bytes);
    let options = CsvOptions::default();
    let read = read_registry_path(&path, date(), &options).expect("reads");
    for key in catalog::keys() {
        let plan = catalog::get(key).expect("plan");
        let scan = ScanOptions { drill_down: true };
        let got = tally_registry_path(&path, date(), &options, &plan, scan).expect("tallies");
        assert_eq!(
            got.tally,
            Tally::with_options(&plan, &read.snapshot, scan).expect("tally")
        );
        assert_eq!(got.form, read.form);
        assert_eq!(got.columns, read.columns);
    }
    // A repeated id far from its first use, in another part: the same error.
    let mut text = String::from_utf8(bytes).expect("utf-8");
    let first = text.lines().nth(1).expect("a row").to_owned();
    text.push_str(&first);
    text.push('\n');
    let path = temp("twice.csv", text.as_bytes());
    let plan = catalog::get("nghe-an-363-2023").expect("plan");
    let want = read_registry_path(&path, date(), &options).expect_err("refused");
    let got = tally_registry_path(&path, date(), &options, &plan, ScanOptions::default())
        .expect_err("refused");
    assert_eq!(got, TallyImportError::Import(want.clone()));
    assert_eq!(got.text(Lang::Vi), want.text(Lang::Vi));
    assert!(
        want.to_string().contains("duplicate organisation id"),
        "{want}"
    );
}

#[test]
fn an_empty_registry_and_an_invalid_plan_are_refused() {
    let path = temp(
        "empty.csv",
        b"id,name,kind,sector,province,commune,established,status\n",
    );
    let plan = catalog::get("nghe-an-363-2023").expect("plan");
    let options = CsvOptions::default();
    let want = read_registry_path(&path, date(), &options).expect_err("refused");
    let got = tally_registry_path(&path, date(), &options, &plan, ScanOptions::default())
        .expect_err("refused");
    assert_eq!(got, TallyImportError::Import(want));
    let mut bad = plan.clone();
    bad.issuer = " ".into();
    let got = tally_registry_path(
        "/no/such/file.csv",
        date(),
        &options,
        &bad,
        ScanOptions::default(),
    )
    .expect_err("refused");
    assert!(matches!(got, TallyImportError::Plan(_)), "{got}");
}
