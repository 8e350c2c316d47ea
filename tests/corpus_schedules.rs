//! Real schedule phrases, each with the page (or seed) it was found on:
//! `tests/data/corpus/schedules.tsv`. Each row gives the canonical form the
//! phrase must read as, or `!` when it must be refused ("6 tháng đầu năm"
//! without its year). The test prints how many rows read right, are refused
//! and are misread, and fails on any misread.

mod corpus_common;

use corpus_common::Row;
use hoptac::text::nfd;
use hoptac::{Lang, Schedule};
use proptest::prelude::*;

fn rows() -> Vec<Row> {
    corpus_common::rows("schedules.tsv")
}

#[test]
fn schedule_phrases_read_right_or_are_refused() {
    let rows = rows();
    assert!(rows.len() >= 80, "{} rows", rows.len());
    let (mut right, mut refused, mut misread) = (0, 0, Vec::new());
    for row in &rows {
        let parsed = row.text.parse::<Schedule>();
        match (&parsed, row.expected.as_str()) {
            (Ok(s), "!") => misread.push(format!(
                "{} read as {s}, must be refused ({})",
                row.text, row.source
            )),
            (Ok(s), want) if s.to_string() == want => {
                assert_eq!(want.parse::<Schedule>().as_ref(), Ok(s), "{}", row.text);
                let en = s.display_in(Lang::En).to_string();
                assert_eq!(en.parse::<Schedule>().as_ref(), Ok(s), "{en}");
                // Every schedule with an end has its active years around it.
                if let (Some(first), Some(end)) = (s.first_year(), s.end()) {
                    assert!(s.is_active_in(first) && s.is_active_in(chrono::Datelike::year(&end)));
                }
                right += 1;
            }
            (Ok(s), want) => misread.push(format!(
                "{} read as {s}, expected {want} ({})",
                row.text, row.source
            )),
            (Err(e), want) => {
                println!("refused: {} ({e}); expected {want}", row.text);
                refused += 1;
            }
        }
        assert_eq!(
            nfd(&row.text).parse::<Schedule>(),
            parsed,
            "NFD: {}",
            row.text
        );
    }
    let sources: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r.source.as_str()).collect();
    println!(
        "schedules: {} rows from {} sources: {right} read right, {refused} refused, {} misread",
        rows.len(),
        sources.len(),
        misread.len()
    );
    assert!(misread.is_empty(), "misread:\n{}", misread.join("\n"));
}

fn texts() -> Vec<String> {
    rows().into_iter().map(|r| r.text).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any corpus phrase, in any case and decomposed, reads as its composed
    /// form; what reads prints back to itself in both languages.
    #[test]
    fn nfd_reads_as_nfc_and_display_round_trips(
        text in prop::sample::select(texts()),
        upper in any::<bool>(),
    ) {
        let text = if upper { text.to_uppercase() } else { text };
        let parsed = text.parse::<Schedule>();
        prop_assert_eq!(nfd(&text).parse::<Schedule>(), parsed.clone());
        if let Ok(s) = parsed {
            prop_assert_eq!(s.to_string().parse::<Schedule>(), Ok(s));
            prop_assert_eq!(s.display_in(Lang::En).to_string().parse::<Schedule>(), Ok(s));
            let json = serde_json::to_string(&s).unwrap_or_default();
            prop_assert_eq!(serde_json::from_str::<Schedule>(&json).ok(), Some(s));
        }
    }
}
