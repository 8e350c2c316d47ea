//! Real document numbers and citation sentences, each with the page (or
//! seed) it was found on: `tests/data/corpus/doc_numbers.tsv` and
//! `citations.tsv`. Each row says what the text must read as, or `!` when
//! it must be refused (a typo, a number glued to the next word). The tests
//! print how many rows read right, are refused and are misread, and fail on
//! any misread: a refusal is acceptable, a wrong reading never is.

mod corpus_common;

use corpus_common::{rows, Row};
use hoptac::doc::{find_citations, Citation, DocRef};
use hoptac::text::nfd;
use proptest::prelude::*;

/// How the rows of one parser came out.
#[derive(Default)]
struct Tally {
    right: usize,
    refused: usize,
    misread: Vec<String>,
}

impl Tally {
    fn report(&self, what: &str, rows: &[Row]) {
        let sources: std::collections::BTreeSet<&str> =
            rows.iter().map(|r| r.source.as_str()).collect();
        println!(
            "{what}: {} rows from {} sources: {} read right, {} refused, {} misread",
            rows.len(),
            sources.len(),
            self.right,
            self.refused,
            self.misread.len()
        );
        assert!(
            self.misread.is_empty(),
            "{what} misread:\n{}",
            self.misread.join("\n")
        );
    }
}

#[test]
fn document_numbers_read_right_or_are_refused() {
    let rows = rows("doc_numbers.tsv");
    assert!(rows.len() >= 100, "{} rows", rows.len());
    let mut tally = Tally::default();
    for row in &rows {
        match (row.text.parse::<DocRef>(), row.expected.as_str()) {
            (Ok(doc), "!") => tally.misread.push(format!(
                "{} read as {doc}, must be refused ({})",
                row.text, row.source
            )),
            (Ok(doc), want) if doc.to_string() == want => {
                // The canonical form reads back to the same number.
                assert_eq!(want.parse::<DocRef>().as_ref(), Ok(&doc), "{}", row.text);
                tally.right += 1;
            }
            (Ok(doc), want) => tally.misread.push(format!(
                "{} read as {doc}, expected {want} ({})",
                row.text, row.source
            )),
            (Err(e), want) => {
                println!("refused: {} ({e}); expected {want}", row.text);
                tally.refused += 1;
            }
        }
        assert_eq!(
            nfd(&row.text).parse::<DocRef>(),
            row.text.parse::<DocRef>(),
            "NFD: {}",
            row.text
        );
    }
    tally.report("document numbers", &rows);
}

/// `kind|number|date|issuer|title prefix` of a citation, `-` for none.
fn summary(c: &Citation) -> [String; 5] {
    let or_dash = |s: Option<String>| s.unwrap_or_else(|| "-".to_owned());
    [
        or_dash(c.kind.map(|k| k.to_string())),
        c.doc.to_string(),
        or_dash(c.date.map(|d| d.to_string())),
        or_dash(c.issuer.clone()),
        or_dash(c.title.as_ref().map(|t| t.vi.clone())),
    ]
}

fn matches(c: &Citation, expected: &str) -> bool {
    let got = summary(c);
    let want: Vec<&str> = expected.split('|').collect();
    want.len() == 5
        && got[..4].iter().zip(&want[..4]).all(|(g, w)| g == w)
        && match want[4] {
            "-" => got[4] == "-",
            prefix => got[4].starts_with(prefix),
        }
}

#[test]
fn citation_sentences_read_right_or_are_refused() {
    let rows = rows("citations.tsv");
    assert!(rows.len() >= 60, "{} rows", rows.len());
    let mut tally = Tally::default();
    for row in &rows {
        let parsed = row.text.parse::<Citation>();
        match (&parsed, row.expected.as_str()) {
            (Ok(c), "!") => tally.misread.push(format!(
                "{} read as {:?}, must be refused ({})",
                row.text,
                summary(c),
                row.source
            )),
            (Ok(c), want) if matches(c, want) => {
                // Display reads back to the same citation, title aside.
                let untitled = Citation {
                    title: None,
                    ..c.clone()
                };
                assert_eq!(
                    untitled.to_string().parse::<Citation>().as_ref(),
                    Ok(&untitled),
                    "{}",
                    row.text
                );
                // Running text finds it, with the same number.
                let found = find_citations(&row.text);
                assert!(
                    found
                        .iter()
                        .any(|f| f.reading.as_ref().is_ok_and(|x| x.doc == c.doc)),
                    "find_citations misses {}",
                    row.text
                );
                tally.right += 1;
            }
            (Ok(c), want) => tally.misread.push(format!(
                "{} read as {:?}, expected {want} ({})",
                row.text,
                summary(c),
                row.source
            )),
            (Err(e), want) => {
                println!("refused: {} ({e}); expected {want}", row.text);
                tally.refused += 1;
            }
        }
        assert_eq!(
            nfd(&row.text).parse::<Citation>(),
            parsed,
            "NFD: {}",
            row.text
        );
    }
    tally.report("citations", &rows);
}

/// A paragraph of seed 003, with the citations a reader finds in it.
#[test]
fn every_citation_of_a_seed_paragraph_is_found() {
    let text = "- Tăng cường công tác thông tin, tuyên truyền, giáo dục về quan điểm, chủ trương, \
        đường lối của Đảng, chính sách, pháp luật của Nhà nước về phát triển kinh tế tập thể, \
        nhất là Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng khóa \
        XIII, Nghị quyết số 09/NQ-CP ngày 02/2/2023 của Chính phủ và Chương trình hành động số \
        50-/CTr-TU ngày 13/4/2023 của Ban Thường vụ Tỉnh ủy. Chú trọng tuyên truyền nâng cao \
        nhận thức cho người dân.\n(Ban hành kèm theo Kế hoạch số 363/KH-UBND ngày 31/5/2023 \
        của UBND tỉnh Nghệ An)";
    let found = find_citations(text);
    let got: Vec<(&str, Result<String, String>)> = found
        .iter()
        .map(|f| {
            let reading = match &f.reading {
                Ok(c) => Ok(c.to_string()),
                Err(e) => Err(e.what().to_owned()),
            };
            (&text[f.range.clone()], reading)
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng khóa XIII",
                Ok("Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng khóa XIII".to_owned())
            ),
            (
                "Nghị quyết số 09/NQ-CP ngày 02/2/2023 của Chính phủ",
                Ok("Nghị quyết số 09/NQ-CP ngày 2/2/2023 của Chính phủ".to_owned())
            ),
            (
                "Chương trình hành động số 50-/CTr-TU",
                Err("document number".to_owned())
            ),
            (
                "Kế hoạch số 363/KH-UBND ngày 31/5/2023 của UBND tỉnh Nghệ An",
                Ok("Kế hoạch số 363/KH-UBND ngày 31/5/2023 của UBND tỉnh Nghệ An".to_owned())
            ),
        ]
    );
    // Decomposed input: the same citations, with ranges into that input.
    let decomposed = nfd(text);
    let again = find_citations(&decomposed);
    assert_eq!(again.len(), found.len());
    for (a, b) in again.iter().zip(&found) {
        assert_eq!(a.reading, b.reading);
        let piece = &decomposed[a.range.clone()];
        assert_eq!(hoptac::text::nfc(piece), &text[b.range.clone()]);
    }
}

/// Every seed, whole: the citations found in each.
#[test]
fn seeds_citations_found() {
    let dir = "/work/shared/seeds";
    let Ok(entries) = std::fs::read_dir(dir) else {
        // The seeds live outside the crate; without them there is nothing to read.
        return;
    };
    let mut total = 0;
    let mut unread = 0;
    for entry in entries.flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for f in find_citations(&text) {
            total += 1;
            assert!(
                text.get(f.range.clone()).is_some(),
                "range on char boundaries"
            );
            if let Err(e) = &f.reading {
                unread += 1;
                println!(
                    "unread in {:?}: {} ({e})",
                    entry.file_name(),
                    &text[f.range.clone()]
                );
            }
        }
    }
    println!("seeds: {total} citations found, {unread} unread");
    assert!(total >= 30, "{total}");
}

fn corpus_texts(name: &'static str) -> Vec<String> {
    rows(name).into_iter().map(|r| r.text).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any corpus text, changed in case and decomposed, reads as its
    /// composed form does; found ranges stay on character boundaries.
    #[test]
    fn nfd_reads_as_nfc(
        text in prop::sample::select(corpus_texts("citations.tsv")),
        upper in any::<bool>(),
        prefix in "[ a-zà-ỹ,.;]{0,12}",
    ) {
        let text = if upper { text.to_uppercase() } else { text };
        let text = format!("{prefix}{text}");
        prop_assert_eq!(nfd(&text).parse::<Citation>(), text.parse::<Citation>());
        let d = nfd(&text);
        let found = find_citations(&d);
        let composed = find_citations(&text);
        prop_assert_eq!(found.len(), composed.len());
        for (a, b) in found.iter().zip(&composed) {
            prop_assert!(d.get(a.range.clone()).is_some());
            prop_assert_eq!(&a.reading, &b.reading);
        }
    }

    #[test]
    fn numbers_nfd_reads_as_nfc(
        text in prop::sample::select(corpus_texts("doc_numbers.tsv")),
        upper in any::<bool>(),
    ) {
        let text = if upper { text.to_uppercase() } else { text };
        prop_assert_eq!(nfd(&text).parse::<DocRef>(), text.parse::<DocRef>());
        if let Ok(doc) = text.parse::<DocRef>() {
            prop_assert_eq!(doc.to_string().parse::<DocRef>(), Ok(doc));
        }
    }

    #[test]
    fn find_never_panics(s in "\\PC{0,200}") {
        for f in find_citations(&s) {
            prop_assert!(s.get(f.range.clone()).is_some());
        }
        let d = nfd(&s);
        for f in find_citations(&d) {
            prop_assert!(d.get(f.range.clone()).is_some());
        }
    }
}
