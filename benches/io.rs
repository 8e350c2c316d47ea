//! Input benchmarks: CSV import of registries, and parsing and validating
//! the bundled plans from JSON. Each checks the result it times.
//!
//! Run with `cargo bench --bench io`; medians go to BENCHMARKS.md.

use chrono::NaiveDate;
use divan::Bencher;
use hoptac::generate::{self, GeneratorConfig};
use hoptac::{catalog, csv::read_csv, csv::write_csv, csv::CsvOptions, Plan};

fn main() {
    divan::main();
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).expect("valid date")
}

fn csv_of(size: usize) -> Vec<u8> {
    let snap = generate::snapshot(&GeneratorConfig::nghe_an(size, 42, as_of()));
    let mut out = Vec::new();
    write_csv(&snap, &mut out).expect("write");
    out
}

/// Reading a CSV snapshot into a `Snapshot`, on one thread.
#[divan::bench(args = [100_000, 1_000_000], sample_count = 10)]
fn csv_import(bencher: Bencher, size: usize) {
    let bytes = csv_of(size);
    bencher
        .counter(divan::counter::BytesCount::new(bytes.len()))
        .bench(|| {
            let snap = read_csv(
                divan::black_box(bytes.as_slice()),
                as_of(),
                &CsvOptions::default(),
            )
            .expect("read");
            assert_eq!(snap.len(), size);
            snap
        });
}

/// Parsing and validating each bundled plan from its JSON.
#[divan::bench(args = ["nghe-an-363-2023", "lang-son-538-2019", "plan-004-2023", "an-giang-1206-2020", "quang-nam-2651"])]
fn plan_from_json(bencher: Bencher, key: &str) {
    let text = catalog::json(key).expect("bundled");
    bencher.bench(|| {
        let plan = Plan::from_json(divan::black_box(text)).expect("valid plan");
        assert_eq!(plan.id.as_str(), key);
        plan
    });
}
