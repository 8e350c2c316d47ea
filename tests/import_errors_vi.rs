//! Every error the registry reader gives is said in Vietnamese as well as
//! English (the quality bar: everything shown to people exists in both,
//! errors included): registries broken in every way the reader refuses,
//! read through the public API, and each error's `text(Lang::Vi)` free of
//! English words.
#![cfg(feature = "csv")]

use hoptac::csv::{read_csv, read_registry, CsvError, CsvOptions};
use hoptac::Lang;

const HEADER: &str = "id,name,kind,sector,province,district,commune,established,dissolved,status,members,associate_members,member_coops,rating,value_chain,high_tech,digital,female_director,paper_only,revenue_vnd,avg_income_vnd,key_staff,key_staff_trained,key_staff_refreshed,area_ha,ocop";

/// Words that betray an English message (with spaces around them, so that
/// codes such as `one_of` or column names do not count).
const ENGLISH: [&str; 14] = [
    " the ",
    " is ",
    " of ",
    " a ",
    " an ",
    " or ",
    " and ",
    "line ",
    "column ",
    "expected",
    "cannot",
    "invalid",
    " but ",
    " more than ",
];

fn date() -> chrono::NaiveDate {
    "2025-12-31".parse().expect("date")
}

/// A good row of the full header, with field `at` replaced by `value`.
fn row(id: &str, at: usize, value: &str) -> String {
    let mut fields = vec![
        id,
        "HTX A",
        "htx",
        "agriculture",
        "Nghệ An",
        "Quỳ Hợp",
        "Đồng Văn",
        "2020-01-01",
        "",
        "active",
        "12",
        "",
        "",
        "good",
        "true",
        "false",
        "false",
        "false",
        "false",
        "1000",
        "50",
        "3",
        "2",
        "3",
        "1.5",
        "false",
    ];
    fields[at] = value;
    fields.join(",")
}

fn assert_vietnamese(vi: &str, en: &str) {
    assert_ne!(vi, en);
    let padded = format!(" {vi} ");
    for word in ENGLISH {
        assert!(
            !padded.contains(word),
            "{word:?} in {vi:?} (English: {en:?})"
        );
    }
}

#[test]
fn every_bad_value_of_every_column_is_said_in_vietnamese() {
    // One bad value per column that checks its values.
    let bad: [(usize, &str); 19] = [
        (0, "bad\u{1}id"),
        (1, ""),
        (2, "xyz"),
        (3, "fishing"),
        (4, ""),
        (7, "2020-13-01"),
        (8, "someday"),
        (9, "open"),
        (10, "-3"),
        (11, "many"),
        (12, "1.5"),
        (13, "excellent"),
        (14, "maybe"),
        (18, "2"),
        (19, "1,000,000"),
        (20, "abc"),
        (21, "x"),
        (24, "1..5"),
        (25, "perhaps"),
    ];
    let mut text = format!("{HEADER}\n");
    for (i, (at, value)) in bad.iter().enumerate() {
        text.push_str(&row(&format!("htx-{i}"), *at, value));
        text.push('\n');
    }
    // A repeated id, a short line.
    text.push_str(&row("htx-ok", 0, "htx-ok"));
    text.push('\n');
    text.push_str(&row("htx-ok", 0, "htx-ok"));
    text.push_str("\nhtx-short,HTX B,htx\n");
    let options = CsvOptions::default().with_collect_all(true);
    let Err(CsvError::Many { errors, total }) = read_csv(text.as_bytes(), date(), &options) else {
        panic!("expected every error");
    };
    assert_eq!(total, bad.len() as u64 + 2, "{errors:?}");
    for e in &errors {
        assert_vietnamese(&e.text(Lang::Vi), &e.to_string());
        assert_eq!(e.text(Lang::En), e.to_string());
        assert!(e.text(Lang::Vi).starts_with(&format!("dòng {}", e.line())));
    }
    let all = CsvError::Many { errors, total };
    assert_vietnamese(&all.text(Lang::Vi), &all.to_string());
}

#[test]
fn every_refused_file_is_said_in_vietnamese() {
    let options = CsvOptions::default();
    let long = format!("{HEADER}\n{}\n", row(&"x".repeat(40), 1, &"n".repeat(300)));
    let files: Vec<(String, CsvOptions)> = vec![
        (String::new(), options.clone()),
        (format!("{HEADER}\n"), options.clone()),
        ("id,name,kind\nhtx-1,A,htx\n".to_owned(), options.clone()),
        (format!("{HEADER},name\n"), options.clone()),
        (format!("{HEADER},\n"), options.clone()),
        (long.clone(), options.clone().with_max_field_bytes(100)),
        (long, options.clone().with_max_record_bytes(200)),
        (
            format!("{HEADER}\n{}\n{}\n", row("a", 0, "a"), row("b", 0, "b")),
            options.clone().with_max_rows(1),
        ),
    ];
    for (i, (text, options)) in files.iter().enumerate() {
        let err = read_registry(text.as_bytes(), date(), options).expect_err("refused");
        assert_vietnamese(&err.text(Lang::Vi), &err.to_string());
        assert_eq!(err.text(Lang::En), err.to_string(), "file {i}");
    }
}

#[test]
fn a_file_that_is_not_utf8_is_said_in_vietnamese() {
    // A name that is not UTF-8.
    let text = format!("{HEADER}\n{}\n", row("htx-2", 1, "@"));
    let mut bad = text.into_bytes();
    if let Some(at) = bad.iter().position(|&b| b == b'@') {
        bad[at] = 0xff;
    }
    let options = CsvOptions::default().with_encoding(hoptac::csv::Encoding::Utf8);
    let err = read_registry(bad.as_slice(), date(), &options).expect_err("refused");
    assert_vietnamese(&err.text(Lang::Vi), &err.to_string());
}
