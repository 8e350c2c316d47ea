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

fn check(row: &Row<'_>) -> Outcome {
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
    let mut problems = Vec::new();
    for (k, v) in &have {
        match want.get(*k) {
            Some(w) if w == v => {}
            Some(w) => problems.push(format!("{k}: expected `{w}`, read `{v}`")),
            None if *k == "subj" => {}
            None => problems.push(format!("{k}: read `{v}`, expected nothing")),
        }
    }
    for (k, w) in &want {
        if !have.contains_key(k.as_str()) {
            problems.push(format!("{k}: expected `{w}`, read nothing"));
        }
    }
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
    }
}
