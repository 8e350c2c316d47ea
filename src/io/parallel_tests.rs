//! The law of the parallel import: for any registry text and any cuts at
//! record boundaries, on any number of threads, the parallel read gives
//! exactly what the serial read gives (the snapshot, or the error with its
//! lines and columns).

use std::io::Read;

use chrono::NaiveDate;
use proptest::prelude::*;

use super::read::{read_csv_in_parts, read_csv_split_at, tally_csv_split_at};
use super::{read_csv, CsvError, CsvOptions};
use crate::registry::Snapshot;

const HEADER: &str =
    "id,name,kind,sector,province,district,commune,established,dissolved,status,members,rating,revenue_vnd,ocop,area_ha";

/// Stands for a byte that is not UTF-8 (0xFF) in the generated text.
const INVALID: &str = "<0xFF>";

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or(NaiveDate::MIN)
}

/// A field as a CSV writer would write it (quoted when it must be, or when
/// `quote` says so).
fn field(text: &str, quote: bool) -> String {
    if quote || text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// One line of the registry: mostly good rows, some bad, some malformed.
fn line() -> impl Strategy<Value = String> {
    let id = prop_oneof![
        (0u32..40).prop_map(|i| format!("htx-{i}")),
        Just(String::new()),
        Just("bad\u{1}id".to_owned()),
    ];
    let name = prop_oneof![
        Just("HTX Hưng Lợi".to_owned()),
        Just("HTX \"Đồng Văn\", Quỳ Hợp".to_owned()),
        Just("THT\nRau sạch".to_owned()),
        Just("Hưng Lợi\r\nhai dòng".to_owned()),
        // NFD: read as NFC.
        Just("Hu\u{31b}ng Lo\u{31b}\u{323}i".to_owned()),
        Just(String::new()),
    ];
    let kind = prop_oneof![Just("htx"), Just("tht"), Just("Hợp tác xã"), Just("xyz")];
    let established = prop_oneof![Just("2015-03-02"), Just("02/03/2015"), Just("2015-13-01")];
    let status = prop_oneof![Just("active"), Just("dissolved"), Just("open")];
    let members = prop_oneof![Just(""), Just("12"), Just("-3"), Just("4294967295")];
    let rating = prop_oneof![Just(""), Just("good"), Just("Khá"), Just("best")];
    let ocop = prop_oneof![
        Just(""),
        Just("true"),
        Just("Có"),
        Just("3.5"),
        Just("maybe")
    ];
    // A few places, a province's name as a district's or commune's too,
    // so that the parts intern places in other orders than the whole.
    let place = prop_oneof![
        Just(("Nghệ An", "Quỳ Hợp", "Đồng Văn")),
        Just(("Nghệ An", "", "Đồng Văn")),
        Just(("Hà Tĩnh", "Nghệ An", "Xã")),
        Just(("Hà Tĩnh", "Quỳ Hợp", "Hà Tĩnh")),
    ];
    let area = prop_oneof![Just("114.8"), Just("")];
    let good = (
        id,
        name,
        kind,
        established,
        status,
        members,
        rating,
        ocop,
        any::<bool>(),
        place,
        area,
    )
        .prop_map(
            |(id, name, kind, established, status, members, rating, ocop, quote, place, area)| {
                let (province, district, commune) = place;
                [
                    field(&id, quote),
                    field(&name, false),
                    kind.to_owned(),
                    "agriculture".to_owned(),
                    province.to_owned(),
                    field(district, quote),
                    commune.to_owned(),
                    established.to_owned(),
                    String::new(),
                    status.to_owned(),
                    members.to_owned(),
                    rating.to_owned(),
                    "1500000000".to_owned(),
                    ocop.to_owned(),
                    area.to_owned(),
                ]
                .join(",")
            },
        );
    prop_oneof![
        8 => good,
        // Too few fields; a blank line; a line of spaces; stray quotes in
        // unquoted fields (plain bytes to the reader).
        1 => Just("htx-1,short".to_owned()),
        1 => Just(String::new()),
        1 => Just("   ".to_owned()),
        1 => Just("htx-9,HTX ab\"c,htx,agriculture,Nghệ An,,Xã,2015-03-02,,active,,,,,".to_owned()),
        1 => Just("\"htx-8\"x\",HTX,htx,agriculture,Nghệ An,,Xã,2015-03-02,,active,,,,,".to_owned()),
        // A byte that is not UTF-8 (`INVALID` becomes 0xFF), in a name and
        // in a field the fast reader would take.
        1 => Just(format!("htx-6,HTX {INVALID},htx,agriculture,Nghệ An,,Xã,2015-03-02,,active,,,,,")),
        1 => Just(format!("htx-7,HTX,htx,agriculture,Nghệ An,,Xã,2015-03-02,,active,,,,{INVALID},")),
        // A tab and a \r inside unquoted fields.
        1 => Just("htx-5,HTX\tA,htx,agriculture,Nghệ An,,X\rã,2015-03-02,,active,,,,,".to_owned()),
    ]
}

/// A registry: the header, lines, and maybe an unclosed quote at the end.
fn registry() -> impl Strategy<Value = Vec<u8>> {
    (
        proptest::collection::vec(line(), 0..30),
        any::<bool>(),
        any::<bool>(),
        0u8..4,
    )
        .prop_map(|(lines, crlf, final_newline, tail)| {
            let end = if crlf { "\r\n" } else { "\n" };
            let mut text = String::new();
            if tail == 3 {
                text.push('\u{feff}');
            }
            text.push_str(HEADER);
            for l in &lines {
                text.push_str(end);
                text.push_str(l);
            }
            if final_newline {
                text.push_str(end);
            }
            if tail == 1 {
                text.push_str("htx-77,\"unclosed\nquote,htx");
            }
            if tail == 2 {
                text.push_str(
                    "htx-78,HTX no line break,htx,agriculture,Nghệ An,,Xã,2015-03-02,,active,,,,,",
                );
            }
            let mut bytes = Vec::with_capacity(text.len());
            for (i, piece) in text.split(INVALID).enumerate() {
                if i > 0 {
                    bytes.push(0xFF);
                }
                bytes.extend_from_slice(piece.as_bytes());
            }
            bytes
        })
}

fn options() -> impl Strategy<Value = CsvOptions> {
    (
        any::<bool>(),
        prop_oneof![Just(0usize), Just(1), Just(3), Just(1000)],
        prop_oneof![Just(u64::MAX), Just(0u64), Just(3), Just(12)],
        prop_oneof![Just(64 * 1024), Just(12usize)],
        // Records near the limit too: the fast reader must hand those to
        // csv, which says which limit a record passes.
        prop_oneof![Just(1024 * 1024), Just(40usize), Just(200), 50usize..100],
    )
        .prop_map(|(collect_all, max_errors, max_rows, field, record)| {
            CsvOptions::default()
                .with_collect_all(collect_all)
                .with_max_errors(max_errors)
                .with_max_rows(max_rows)
                .with_max_field_bytes(field)
                .with_max_record_bytes(record)
        })
}

/// Every record end of `bytes` as `csv` reads it (the ends at a `\n` that
/// terminates a record): the cuts a test may ask for, found independently
/// of the importer's own scan.
fn record_ends(bytes: &[u8]) -> Vec<usize> {
    let mut text = bytes.to_vec();
    text.push(b'Z');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(text.as_slice());
    let mut record = csv::ByteRecord::new();
    let mut out = Vec::new();
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        let end = reader.position().byte() as usize;
        if end > 0 && end <= bytes.len() && bytes.get(end - 1) == Some(&b'\n') {
            out.push(end);
        }
    }
    out
}

/// A reader that gives at most `step` bytes per call.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.bytes.len());
        let (head, rest) = self.bytes.split_at(n);
        buf.get_mut(..n).unwrap_or_default().copy_from_slice(head);
        self.bytes = rest;
        Ok(n)
    }
}

/// The record ends that `pick` keeps (cycled over them).
fn picked(ends: &[usize], pick: &[bool]) -> Vec<usize> {
    ends.iter()
        .zip(pick.iter().cycle())
        .filter(|(_, keep)| **keep)
        .map(|(e, _)| *e)
        .collect()
}

fn serial(bytes: &[u8], options: &CsvOptions) -> Result<Snapshot, CsvError> {
    read_csv(bytes, date(), &options.clone().with_threads(1))
}

/// Whether both reads hold the same storage when both succeed (interned
/// ids and their order, columns, fingerprint), not only equal snapshots.
fn same_storage(a: &Result<Snapshot, CsvError>, b: &Result<Snapshot, CsvError>) -> bool {
    match (a, b) {
        (Ok(a), Ok(b)) => a.same_storage(b),
        _ => true,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Any cuts at record boundaries, 1 to 3 threads: the serial result.
    #[test]
    fn parallel_equals_serial_for_any_cuts(
        bytes in registry(),
        options in options(),
        pick in proptest::collection::vec(any::<bool>(), 64),
        threads in 1usize..4,
    ) {
        let ends = record_ends(&bytes);
        let cuts = picked(&ends, &pick);
        let expected = serial(&bytes, &options);
        let got = read_csv_split_at(&bytes, date(), &options.clone().with_threads(threads), &cuts);
        prop_assert_eq!(&got, &expected, "cuts {:?} of {:?}", cuts, String::from_utf8_lossy(&bytes));
        prop_assert!(same_storage(&got, &expected), "storage, cuts {:?}", cuts);
        // Every boundary at once.
        let every = read_csv_split_at(&bytes, date(), &options.clone().with_threads(threads), &ends);
        prop_assert_eq!(&every, &expected);
        prop_assert!(same_storage(&every, &expected), "storage, every boundary");
    }

    /// A plan's tally read in parts, keeping no snapshot, for any cuts and
    /// threads: the tally of the snapshot read serially, or its error
    /// (with the same lines), for every bundled plan.
    #[cfg(feature = "json")]
    #[test]
    fn tally_in_parts_equals_tally_of_the_serial_snapshot(
        bytes in registry(),
        options in options(),
        pick in proptest::collection::vec(any::<bool>(), 64),
        threads in 1usize..4,
        plan in 0usize..5,
        drill_down in any::<bool>(),
    ) {
        let keys: Vec<&str> = crate::catalog::keys().collect();
        let plan = crate::catalog::get(keys[plan % keys.len()]).expect("a bundled plan");
        let scan = crate::tally::ScanOptions { drill_down };
        let ends = record_ends(&bytes);
        let cuts = picked(&ends, &pick);
        let expected = serial(&bytes, &options)
            .map(|snap| crate::Tally::with_options(&plan, &snap, scan).expect("a valid plan"));
        let options = options.clone().with_threads(threads);
        for cuts in [&cuts, &ends] {
            let got = tally_csv_split_at(&bytes, date(), &options, cuts, &plan, scan);
            prop_assert_eq!(&got, &expected, "cuts {:?} of {:?}", cuts, String::from_utf8_lossy(&bytes));
        }
    }

    /// Read from a stream in pieces, cut every few bytes: the serial result.
    #[test]
    fn streamed_parts_equal_serial(
        bytes in registry(),
        options in options(),
        part in 1usize..300,
        first in 1usize..400,
        step in 1usize..50,
        threads in 1usize..4,
    ) {
        let expected = serial(&bytes, &options);
        let reader = Trickle { bytes: &bytes, step };
        let got = read_csv_in_parts(reader, date(), &options.clone().with_threads(threads), part, first);
        prop_assert_eq!(&got, &expected, "{:?}", String::from_utf8_lossy(&bytes));
        prop_assert!(same_storage(&got, &expected), "storage");
    }
}

#[test]
fn a_cut_inside_a_quoted_field_is_refused() {
    let text =
        format!("{HEADER}\nhtx-1,\"HTX\nA\",htx,agriculture,Nghệ An,,Xã,2015-03-02,,active,,,,,\n");
    let inside = text.find("HTX\n").map_or(0, |p| p + 4);
    let got = read_csv_split_at(text.as_bytes(), date(), &CsvOptions::default(), &[inside]);
    assert!(
        matches!(&got, Err(CsvError::Io { message, .. }) if message.contains("not at a record boundary")),
        "{got:?}"
    );
    // At the record's real end, the cut is taken.
    let good = read_csv_split_at(
        text.as_bytes(),
        date(),
        &CsvOptions::default(),
        &[text.len()],
    );
    assert_eq!(good, serial(text.as_bytes(), &CsvOptions::default()));
    assert!(good.is_ok_and(|s| s.len() == 1));
}

#[test]
fn duplicates_across_parts_name_both_lines() {
    let row =
        |id: &str| format!("{id},HTX A,htx,agriculture,Nghệ An,,Xã,2015-03-02,,active,,,,,\n");
    let text = format!("{HEADER}\n{}{}{}", row("htx-1"), row("htx-2"), row("htx-1"));
    let cuts = record_ends(text.as_bytes());
    let options = CsvOptions::default().with_threads(2);
    let got = read_csv_split_at(text.as_bytes(), date(), &options, &cuts);
    let Err(CsvError::Row(e)) = &got else {
        panic!("expected a duplicate, got {got:?}");
    };
    assert_eq!(
        e.to_string(),
        "line 4: duplicate organisation id `htx-1`, already on line 2"
    );
    assert_eq!(got, serial(text.as_bytes(), &options));
}

/// A worker that panics panics the caller, on every thread count, and
/// never leaves it waiting for the part that will not come.
#[test]
fn a_panicking_worker_panics_the_caller_instead_of_hanging() {
    let row = |id: &str, name: &str| {
        format!("{id},{name},htx,agriculture,Nghệ An,,Xã,2015-03-02,,active,,,,,\n")
    };
    let mut text = format!("{HEADER}\n");
    for i in 0..200 {
        text.push_str(&row(&format!("htx-{i}"), "HTX A"));
    }
    let marked = text.len();
    text.push_str(&row("htx-x", "<panic in worker>"));
    for i in 200..400 {
        text.push_str(&row(&format!("htx-{i}"), "HTX A"));
    }
    let ends = record_ends(text.as_bytes());
    // Cut before and after the marked record, and at every 50th record.
    let cuts: Vec<usize> = ends
        .iter()
        .copied()
        .enumerate()
        .filter(|(i, e)| i % 50 == 0 || *e == marked)
        .map(|(_, e)| e)
        .collect();
    // Without the marker, the same text reads.
    let clean = text.replace("<panic in worker>", "HTX B");
    let one = CsvOptions::default().with_threads(2);
    let read = read_csv_split_at(
        clean.as_bytes(),
        date(),
        &one,
        &record_ends(clean.as_bytes()),
    );
    assert_eq!(read.map(|s| s.len()).ok(), Some(401));
    for threads in 1..=3 {
        let options = CsvOptions::default().with_threads(threads);
        let outcome = std::panic::catch_unwind(|| {
            read_csv_split_at(text.as_bytes(), date(), &options, &cuts)
        });
        assert!(
            outcome.is_err(),
            "{threads} threads: the worker's panic reaches the caller"
        );
    }
}

/// Every record limit from 1 to 240 bytes, over records whose length and
/// number of separators vary, after blank lines (which use up the room the
/// reader has before a record): the fast reader hands every record near a
/// limit to csv, so the errors (which limit, which line) are the serial
/// read's. The header is short, so that the records pass limits it is
/// within (a header past a limit makes the whole read serial).
#[test]
fn records_near_every_limit_read_as_serially() {
    let mut text = "id,name,kind,sector,province,commune,established,status\n".to_owned();
    // A limit on the field bytes and one on the bytes read past the
    // previous record: lines of separators only (no field bytes, many
    // bytes), after blank lines, then lines of one long field (as many
    // field bytes as bytes), each longer than the one before; the first
    // over a limit ends the read.
    for n in 40..150 {
        if n % 10 == 0 {
            text.push_str("\n\n");
        }
        text.push_str(&",".repeat(n));
        text.push('\n');
    }
    for n in 40..230 {
        text.push_str(&"z".repeat(n));
        text.push('\n');
    }
    for (i, name) in ["A", "HTX Hưng Lợi", "HTX Nông nghiệp Đồng Văn Quỳ Hợp"]
        .iter()
        .enumerate()
    {
        let long = "Hưng Nguyên ".repeat(4 * i + 1);
        text.push_str(&format!(
            "htx-{i},{name} {long},htx,agriculture,Nghệ An,Xã,2015-03-02,active\n"
        ));
    }
    let ends = record_ends(text.as_bytes());
    let header = ends.first().copied().unwrap_or(0);
    for max in 1..=240 {
        for field in [max, 70, 64 * 1024] {
            let options = CsvOptions::default()
                .with_collect_all(true)
                .with_max_record_bytes(max)
                .with_max_field_bytes(field);
            let expected = serial(text.as_bytes(), &options);
            // Cut after the header only, and at every record.
            for cuts in [vec![header], ends.clone()] {
                let got = read_csv_split_at(text.as_bytes(), date(), &options, &cuts);
                assert_eq!(
                    got, expected,
                    "max_record_bytes {max}, max_field_bytes {field}"
                );
            }
        }
    }
}

/// A generated registry of every plan's province, cut into many parts: the
/// tally read in parts is the tally of the snapshot, drill-down included,
/// and so is the report made of it.
#[cfg(feature = "json")]
#[test]
fn tally_of_a_generated_registry_in_parts_is_the_snapshot_tally() {
    use crate::generate::{snapshot, GeneratorConfig};
    let original = snapshot(&GeneratorConfig::nghe_an(3000, 11, date()));
    let mut bytes = Vec::new();
    assert!(super::write_csv(&original, &mut bytes).is_ok());
    let ends = record_ends(&bytes);
    let cuts: Vec<usize> = ends.iter().copied().step_by(97).collect();
    assert!(cuts.len() > 20, "{} cuts", cuts.len());
    let read = serial(&bytes, &CsvOptions::default()).expect("reads");
    for key in crate::catalog::keys() {
        let plan = crate::catalog::get(key).expect("a bundled plan");
        for drill_down in [false, true] {
            let scan = crate::tally::ScanOptions { drill_down };
            let whole = crate::Tally::with_options(&plan, &read, scan).expect("tally");
            assert!(whole.organisations > 0);
            for threads in [1, 2, 3] {
                let options = CsvOptions::default().with_threads(threads);
                let got = tally_csv_split_at(&bytes, date(), &options, &cuts, &plan, scan);
                assert_eq!(got.as_ref(), Ok(&whole), "{key}, {threads} threads");
            }
            let mut inputs = crate::Inputs::new(date());
            inputs.drill_down = drill_down;
            let mut registry = crate::Registry::new();
            assert!(registry.insert(read.clone()).is_ok());
            let report = plan.finalize(Some(&whole), &[], &inputs).expect("report");
            assert_eq!(Ok(report), plan.evaluate(&registry, &inputs), "{key}");
        }
    }
}
