//! The corpus of real target phrases (`tests/data/corpus/targets.tsv`):
//! every row's phrase is read by `TargetPhrase::read` and compared with the
//! expected reading, or expected to be refused with an error that names a
//! given part. The test prints how many read right, are refused as
//! expected, and are misread, and fails on any misread.
//!
//! A row is `phrase <TAB> source <TAB> expected`, where expected is either
//! `refuse: <text the error must contain>` or `key=value` pairs joined by
//! ` | `:
//!
//! - `t` the threshold's canonical Vietnamese phrase (always given);
//! - `by` the deadline year, `since` a period's first year;
//! - `growth` `since_year:Y`, `previous_year` or `yearly`, with `:fall` for
//!   a fall;
//! - `per` the per items, comma-separated codes (`organisation`, `month`);
//! - `money` the written money unit's code; `each` the place word;
//! - `q` the qualifiers as `kind:text`, comma-separated;
//! - `subj` the subject codes, comma-separated (only checked when given).
//!
//! Keys other than `subj` that a row leaves out must be absent from the
//! reading: a reading is exact or it is wrong.
//!
//! A sentence with several targets is written `refuse: <part> || parts:
//! <p1> ;; <p2> …`: `TargetPhrase::read` must refuse it naming the part,
//! and `TargetPhrase::read_all` must read each part as written, with `by`
//! the part's deadline and `in` the index of the part it is `trong đó` of.
//! Such a row counts as read right.

use std::collections::BTreeMap;

use hoptac::plan::{Direction, GrowthPhrase, Per, TargetPhrase};
use hoptac::text::nfd;
use proptest::prelude::*;

const CORPUS: &str = include_str!("data/corpus/targets.tsv");

struct Row<'a> {
    line: usize,
    phrase: &'a str,
    source: &'a str,
    expected: &'a str,
}

fn rows() -> Vec<Row<'static>> {
    CORPUS
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let mut cols = l.split('\t');
            let phrase = cols.next().unwrap_or_default();
            let source = cols.next().unwrap_or_default();
            let expected = cols.next().unwrap_or_default();
            assert!(
                !phrase.is_empty()
                    && !source.is_empty()
                    && !expected.is_empty()
                    && cols.next().is_none(),
                "line {}: expected three tab-separated columns",
                i + 1
            );
            Row {
                line: i + 1,
                phrase,
                source,
                expected,
            }
        })
        .collect()
}

fn per_code(p: &Per) -> String {
    match p {
        Per::Organisation => "organisation".into(),
        Per::Person => "person".into(),
        Per::Household => "household".into(),
        Per::Month => "month".into(),
        Per::Year => "year".into(),
        Per::Other { word } => word.clone(),
        other => format!("{other:?}"),
    }
}

/// The reading as the corpus writes it.
fn describe(t: &TargetPhrase) -> BTreeMap<&'static str, String> {
    let mut m = BTreeMap::new();
    m.insert("t", t.threshold().to_string());
    if let Some(y) = t.deadline() {
        m.insert("by", y.to_string());
    }
    if let Some(y) = t.since() {
        m.insert("since", y.to_string());
    }
    if let Some(g) = t.growth() {
        let fall = if g.direction() == Direction::Falling {
            ":fall"
        } else {
            ""
        };
        let base = match g {
            GrowthPhrase::SinceYear { year, .. } => format!("since_year:{year}"),
            GrowthPhrase::SincePreviousYear { .. } => "previous_year".into(),
            GrowthPhrase::Yearly { .. } => "yearly".into(),
            other => format!("{other:?}"),
        };
        m.insert("growth", format!("{base}{fall}"));
    }
    if !t.per().is_empty() {
        m.insert(
            "per",
            t.per().iter().map(per_code).collect::<Vec<_>>().join(","),
        );
    }
    if let Some(money) = t.money() {
        m.insert("money", money.code().to_owned());
    }
    if let Some(place) = t.each() {
        m.insert("each", place.to_owned());
    }
    if !t.qualifiers().is_empty() {
        let q: Vec<String> = t
            .qualifiers()
            .iter()
            .map(|q| format!("{}:{}", q.kind().code(), q.text()))
            .collect();
        m.insert("q", q.join(","));
    }
    m.insert(
        "subj",
        t.subjects()
            .iter()
            .map(|s| s.code())
            .collect::<Vec<_>>()
            .join(","),
    );
    m
}

fn parse_expected(expected: &str) -> BTreeMap<String, String> {
    expected
        .split(" | ")
        .map(|kv| {
            let (k, v) = kv
                .split_once('=')
                .unwrap_or_else(|| panic!("bad expectation `{kv}`"));
            (k.trim().to_owned(), v.trim().to_owned())
        })
        .collect()
}

enum Outcome {
    Right,
    Refused,
    Misread(String),
}

/// Checks `have` against `want`: every key must agree, keys that `want`
/// leaves out must be absent (`subj` aside).
fn compare(have: &BTreeMap<&'static str, String>, want: &BTreeMap<String, String>) -> Vec<String> {
    let mut problems = Vec::new();
    for (k, v) in have {
        match want.get(*k) {
            Some(w) if w == v => {}
            Some(w) => problems.push(format!("{k}: expected `{w}`, read `{v}`")),
            None if *k == "subj" => {}
            None => problems.push(format!("{k}: read `{v}`, expected nothing")),
        }
    }
    for (k, w) in want {
        if !have.contains_key(k.as_str()) {
            problems.push(format!("{k}: expected `{w}`, read nothing"));
        }
    }
    problems
}

/// `parts: p1 ;; p2`: every part of `TargetPhrase::read_all`, each as a
/// single reading is written, `by` being the part's deadline and `in` the
/// index of the part it is `trong đó` of.
fn check_parts(phrase: &str, spec: &str) -> Vec<String> {
    let parts = match TargetPhrase::read_all(phrase) {
        Ok(p) => p,
        Err(e) => return vec![format!("read_all refused: {e}")],
    };
    let want: Vec<BTreeMap<String, String>> = spec.split(" ;; ").map(parse_expected).collect();
    if parts.len() != want.len() {
        return vec![format!(
            "{} parts read, {} expected",
            parts.len(),
            want.len()
        )];
    }
    let mut problems = Vec::new();
    for (i, (part, w)) in parts.iter().zip(&want).enumerate() {
        let mut have = describe(part.reading());
        have.remove("by");
        if let Some(y) = part.deadline() {
            have.insert("by", y.to_string());
        }
        if let Some(p) = part.within() {
            have.insert("in", p.to_string());
        }
        if phrase.get(part.range()).is_none() {
            problems.push(format!("part {i}: range off the sentence"));
        }
        for p in compare(&have, w) {
            problems.push(format!("part {i}: {p}"));
        }
    }
    problems
}

fn check(row: &Row<'_>) -> Outcome {
    // `refuse: … || parts: …`: the one-target reader refuses, naming the
    // parts, and the reader of every target reads each part right.
    if let Some((single, parts)) = row.expected.split_once(" || parts: ") {
        let single_row = Row {
            expected: single,
            ..*row
        };
        return match check(&single_row) {
            Outcome::Refused => match check_parts(row.phrase, parts).as_slice() {
                [] => Outcome::Right,
                problems => Outcome::Misread(problems.join("; ")),
            },
            Outcome::Right => Outcome::Misread("the one-target reader read it".into()),
            m @ Outcome::Misread(_) => m,
        };
    }
    let got = TargetPhrase::read(row.phrase);
    if let Some(part) = row.expected.strip_prefix("refuse:") {
        let part = part.trim();
        return match got {
            Err(e) if e.to_string().contains(part) => Outcome::Refused,
            Err(e) => Outcome::Misread(format!(
                "refused, but the error does not name `{part}`: {e}"
            )),
            Ok(t) => Outcome::Misread(format!(
                "expected a refusal naming `{part}`, read {:?}",
                describe(&t)
            )),
        };
    }
    let want = parse_expected(row.expected);
    let t = match got {
        Ok(t) => t,
        Err(e) => return Outcome::Misread(format!("refused: {e}")),
    };
    let have = describe(&t);
    let mut problems = compare(&have, &want);
    // Every reading is serde round-trippable and its JSON re-reads.
    let json = serde_json::to_string(&t).expect("serialize");
    let back: TargetPhrase = serde_json::from_str(&json).expect("deserialize");
    if back != t {
        problems.push("JSON round trip differs".into());
    }
    if problems.is_empty() {
        Outcome::Right
    } else {
        Outcome::Misread(problems.join("; "))
    }
}

#[test]
fn corpus_reads_right_or_refuses() {
    let rows = rows();
    let (mut right, mut refused, mut misread) = (0, 0, Vec::new());
    let mut sources = std::collections::BTreeSet::new();
    for row in &rows {
        sources.insert(row.source);
        match check(row) {
            Outcome::Right => right += 1,
            Outcome::Refused => refused += 1,
            Outcome::Misread(why) => {
                misread.push(format!("line {} `{}`: {why}", row.line, row.phrase))
            }
        }
    }
    println!(
        "target phrases: {} rows from {} sources: {right} read right, {refused} refused as expected, {} misread",
        rows.len(),
        sources.len(),
        misread.len()
    );
    for m in &misread {
        println!("MISREAD {m}");
    }
    assert!(
        misread.is_empty(),
        "{} misread:\n{}",
        misread.len(),
        misread.join("\n")
    );
}

#[test]
fn every_row_reads_the_same_decomposed() {
    for row in rows() {
        let nfc = TargetPhrase::read(row.phrase);
        let decomposed = TargetPhrase::read(&nfd(row.phrase));
        assert_eq!(nfc, decomposed, "line {}: {}", row.line, row.phrase);
        let nfc = TargetPhrase::read_all(row.phrase);
        let decomposed = TargetPhrase::read_all(&nfd(row.phrase));
        assert_eq!(
            nfc, decomposed,
            "read_all, line {}: {}",
            row.line, row.phrase
        );
    }
}

proptest! {
    /// Any row, decomposed in any part, reads as its composed form.
    #[test]
    fn nfd_reads_as_nfc(index in any::<prop::sample::Index>(), cut in any::<prop::sample::Index>()) {
        let rows = rows();
        let row = &rows[index.index(rows.len())];
        let chars: Vec<char> = row.phrase.chars().collect();
        let at = cut.index(chars.len() + 1);
        let head: String = chars[..at].iter().collect();
        let tail: String = chars[at..].iter().collect();
        let mixed = format!("{}{}", nfd(&head), tail);
        prop_assert_eq!(TargetPhrase::read(&mixed), TargetPhrase::read(row.phrase));
    }

    #[test]
    fn never_panics(s in "\\PC{0,200}") {
        let _ = TargetPhrase::read(&s);
        if let Ok(parts) = TargetPhrase::read_all(&s) {
            let composed = hoptac::text::nfc(&s);
            for p in parts {
                prop_assert!(composed.get(p.range()).is_some());
            }
        }
    }

    /// A list of counts, each item read alone after the lead-in, reads
    /// as one part per item, with the lead-in's deadline.
    #[test]
    fn lists_read_item_by_item(
        year in 2020u32..2050,
        counts in prop::collection::vec((1u32..5000, 0usize..3), 2..5),
    ) {
        let nouns = ["hợp tác xã", "tổ hợp tác", "liên hiệp hợp tác xã"];
        let items: Vec<String> = counts.iter().map(|(n, k)| format!("{n} {}", nouns[*k])).collect();
        let phrase = format!("Đến năm {year}, thành lập mới {}", items.join(", "));
        let parts = TargetPhrase::read_all(&phrase).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(parts.len(), counts.len());
        for (p, (n, _)) in parts.iter().zip(&counts) {
            prop_assert_eq!(p.deadline(), Some(year as i32));
            prop_assert_eq!(p.reading().threshold().value(), rust_decimal::Decimal::from(*n));
            prop_assert_eq!(p.within(), None);
        }
    }
}
