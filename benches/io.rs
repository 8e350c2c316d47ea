//! Input benchmarks: CSV and .xlsx import of registries, and parsing and
//! validating the bundled plans from JSON. Each checks the result it times.
//!
//! Run with `cargo bench --bench io`; medians go to BENCHMARKS.md.
//!
//! Two one-shot modes (feature `xlsx`) measure a large workbook's import
//! with `/usr/bin/time -v` (time and peak memory of the import alone):
//!
//! ```text
//! HOPTAC_BENCH_WRITE_XLSX=big.xlsx HOPTAC_BENCH_ROWS=1000000 target/release/deps/io-HASH
//! /usr/bin/time -v env HOPTAC_BENCH_IMPORT_XLSX=big.xlsx target/release/deps/io-HASH
//! ```

use chrono::NaiveDate;
use divan::Bencher;
use hoptac::generate::{self, GeneratorConfig};
use hoptac::{catalog, csv::read_csv, csv::write_csv, csv::CsvOptions, Plan};

fn main() {
    #[cfg(feature = "xlsx")]
    if one_shot() {
        return;
    }
    divan::main();
}

/// The one-shot modes of the module's doc; `true` when one ran.
#[cfg(feature = "xlsx")]
fn one_shot() -> bool {
    if let Some(path) = std::env::var_os("HOPTAC_BENCH_WRITE_XLSX") {
        let rows: usize = std::env::var("HOPTAC_BENCH_ROWS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(1_000_000);
        let bytes = xlsx_of(rows);
        std::fs::write(&path, &bytes).expect("write the workbook");
        println!("wrote {rows} organisations, {} bytes", bytes.len());
        return true;
    }
    if let Some(path) = std::env::var_os("HOPTAC_BENCH_IMPORT_XLSX") {
        let start = std::time::Instant::now();
        let import = hoptac::csv::read_registry_path(&path, as_of(), &CsvOptions::default())
            .expect("read the workbook");
        println!(
            "read {} organisations ({}) in {:.2} s",
            import.snapshot.len(),
            import.form,
            start.elapsed().as_secs_f64()
        );
        return true;
    }
    false
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

/// A workbook of `size` organisations as offices keep them: a merged title
/// row above the header, numbers as number cells, dates as date cells
/// (written with rust_xlsxwriter from the generated CSV).
#[cfg(feature = "xlsx")]
fn xlsx_of(size: usize) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let csv = csv_of(size);
    let mut workbook = Workbook::new();
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = workbook.add_worksheet();
    sheet.set_name("Danh sách").expect("name");
    let mut rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_slice());
    let mut width = 0u16;
    for (r, record) in rows.records().enumerate() {
        let record = record.expect("generated csv");
        let row = u32::try_from(r + 1).expect("rows fit");
        width = width.max(u16::try_from(record.len()).expect("columns fit"));
        for (c, field) in record.iter().enumerate() {
            let col = u16::try_from(c).expect("columns fit");
            if field.is_empty() {
                continue;
            }
            let date = (r > 0 && field.len() == 10 && field.as_bytes().get(4) == Some(&b'-'))
                .then(|| {
                    let part = |a: usize, b: usize| field.get(a..b)?.parse::<u16>().ok();
                    let (y, m, d) = (part(0, 4)?, part(5, 7)?, part(8, 10)?);
                    ExcelDateTime::from_ymd(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?).ok()
                })
                .flatten();
            match (date, field.parse::<f64>()) {
                (Some(d), _) => sheet
                    .write_datetime_with_format(row, col, &d, &date_format)
                    .map(|_| ()),
                (None, Ok(n)) if r > 0 && c > 0 => sheet.write_number(row, col, n).map(|_| ()),
                _ => sheet.write_string(row, col, field).map(|_| ()),
            }
            .expect("cell");
        }
    }
    sheet
        .merge_range(
            0,
            0,
            0,
            width.saturating_sub(1),
            "DANH SÁCH TỔ CHỨC KINH TẾ TẬP THỂ",
            &Format::new(),
        )
        .expect("title");
    workbook.save_to_buffer().expect("workbook")
}

/// Reading a workbook into a `Snapshot` with `read_registry` (the header
/// found below the title row, cells turned into the CSV reader's text).
#[cfg(feature = "xlsx")]
#[divan::bench(args = [100_000, 1_000_000], sample_count = 3)]
fn xlsx_import(bencher: Bencher, size: usize) {
    let bytes = xlsx_of(size);
    bencher
        .counter(divan::counter::BytesCount::new(bytes.len()))
        .bench(|| {
            let import = hoptac::csv::read_registry(
                divan::black_box(bytes.as_slice()),
                as_of(),
                &CsvOptions::default(),
            )
            .expect("read");
            assert_eq!(import.snapshot.len(), size);
            import
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
