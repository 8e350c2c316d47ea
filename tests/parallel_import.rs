//! The parallel CSV import through the public API: a registry of several
//! MiB (read in parts on threads) gives on 2 and 3 threads exactly what it
//! gives on one, organisations and errors alike. The law for any cut is a
//! property test beside the code (src/io/parallel_tests.rs).

use chrono::NaiveDate;
use hoptac::csv::{read_csv, read_registry, write_csv, CsvError, CsvOptions};
use hoptac::generate::{self, GeneratorConfig};

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or(NaiveDate::MIN)
}

/// A generated registry of `rows` organisations as CSV (about 173 bytes a
/// row: 20,000 rows are 3.4 MB, several parts of 1 MiB).
fn registry_csv(rows: usize) -> Vec<u8> {
    let snapshot = generate::snapshot(&GeneratorConfig::nghe_an(rows, 42, date()));
    let mut out = Vec::new();
    assert!(write_csv(&snapshot, &mut out).is_ok());
    out
}

#[test]
fn threads_give_the_serial_snapshot() {
    let csv = registry_csv(20_000);
    assert!(
        csv.len() > 3 << 20,
        "{} bytes: too small to be cut",
        csv.len()
    );
    let one = read_csv(
        csv.as_slice(),
        date(),
        &CsvOptions::default().with_threads(1),
    );
    let Ok(one) = one else {
        panic!("the generated registry does not read: {one:?}");
    };
    assert_eq!(one.len(), 20_000);
    for threads in [2, 3] {
        let options = CsvOptions::default().with_threads(threads);
        let many = read_csv(csv.as_slice(), date(), &options);
        assert_eq!(many.as_ref().ok(), Some(&one), "{threads} threads");
        let import = read_registry(&csv, date(), &options);
        assert_eq!(import.map(|i| i.snapshot).ok().as_ref(), Some(&one));
    }
}

#[test]
fn threads_give_the_serial_errors() {
    let csv = String::from_utf8(registry_csv(20_000)).unwrap_or_default();
    let mut lines: Vec<String> = csv.lines().map(str::to_owned).collect();
    // A bad status early, a short line in the middle, a quoted name with a
    // newline late (which shifts every later line number), and the first
    // organisation's id again at the end: errors in different parts, and a
    // duplicate across them.
    let first_id = lines[1].split(',').next().unwrap_or_default().to_owned();
    let mut bad: Vec<String> = lines[10].split(',').map(str::to_owned).collect();
    bad[9] = "open".to_owned();
    lines[10] = bad.join(",");
    lines[9_000] = "x,short".to_owned();
    let fields: Vec<&str> = lines[15_000].split(',').collect();
    let mut quoted: Vec<String> = fields.iter().map(|f| (*f).to_owned()).collect();
    quoted[1] = "\"HTX hai dòng\nvà dấu phẩy, \"\"trích\"\"\"".to_owned();
    lines[15_000] = quoted.join(",");
    let mut last: Vec<String> = lines[19_990].split(',').map(str::to_owned).collect();
    last[0] = first_id.clone();
    lines[19_990] = last.join(",");
    let text = lines.join("\n") + "\n";
    let read = |threads: usize, collect_all: bool| {
        let options = CsvOptions::default()
            .with_threads(threads)
            .with_collect_all(collect_all);
        read_csv(text.as_bytes(), date(), &options)
    };
    let serial = read(1, true);
    let Err(CsvError::Many { errors, total }) = &serial else {
        panic!("expected the errors, got {serial:?}");
    };
    assert_eq!(*total, 3, "{errors:?}");
    assert_eq!(
        errors.iter().map(|e| e.line()).collect::<Vec<_>>(),
        [11, 9_001, 19_992]
    );
    let duplicate = errors.iter().find(|e| e.to_string().contains("duplicate"));
    // The quoted newline of line 15,001 moves the duplicate to line 19,992.
    assert_eq!(
        duplicate.map(ToString::to_string),
        Some(format!(
            "line 19992: duplicate organisation id `{first_id}`, already on line 2"
        ))
    );
    for threads in [2, 3] {
        assert_eq!(
            read(threads, true),
            serial,
            "{threads} threads, every error"
        );
        assert_eq!(
            read(threads, false),
            read(1, false),
            "{threads} threads, first error"
        );
    }
    // The row limit falls in a later part.
    let limited = |threads: usize| {
        let options = CsvOptions::default()
            .with_threads(threads)
            .with_collect_all(true)
            .with_max_rows(12_345);
        read_csv(text.as_bytes(), date(), &options)
    };
    assert!(matches!(
        limited(1),
        Err(CsvError::TooManyRows {
            line: 12_347,
            max: 12_345
        })
    ));
    assert_eq!(limited(2), limited(1));
}
