//! Every text parser returns on long input: a megabyte of real-looking
//! administrative text is refused as too long, or read in time linear in
//! its length (no unbounded recursion, no quadratic scan). No timing is
//! asserted: a quadratic scan of a megabyte would not finish, and the
//! test would time out.

use hoptac::doc::{find_citations, parse_vi_date, Citation, DocRef};
use hoptac::plan::TargetPhrase;
use hoptac::text::nfd;
use hoptac::{Schedule, Threshold};

/// A paragraph of seed 003 with four citations, one of them refused.
const PARAGRAPH: &str =
    "Tăng cường công tác thông tin, tuyên truyền về Nghị quyết số 20-NQ/TW ngày \
16/6/2022 của Ban Chấp hành Trung ương Đảng khóa XIII, Nghị quyết số 09/NQ-CP ngày 02/2/2023 \
của Chính phủ và Chương trình hành động số 50-/CTr-TU ngày 13/4/2023 của Ban Thường vụ Tỉnh ủy; \
phấn đấu đến năm 2025 hỗ trợ thành lập mới 100 hợp tác xã, 200 tổ hợp tác (Kế hoạch số \
363/KH-UBND ngày 31/5/2023 của UBND tỉnh Nghệ An).\n";

/// At least `bytes` bytes of `unit` repeated.
fn megabyte(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len() + 1)
}

#[test]
fn find_citations_reads_a_megabyte_paragraph_by_paragraph() {
    let text = megabyte(PARAGRAPH, 1 << 20);
    let copies = text.len() / PARAGRAPH.len();
    let found = find_citations(&text);
    assert_eq!(found.len(), 4 * copies);
    assert_eq!(found.iter().filter(|f| f.reading.is_err()).count(), copies);
    for f in &found {
        assert!(text.get(f.range.clone()).is_some());
    }
    // Decomposed, the same citations (on a sixteenth of it, to keep the
    // test short in debug builds).
    let part = megabyte(PARAGRAPH, 1 << 16);
    let d = nfd(&part);
    let again = find_citations(&d);
    assert_eq!(again.len(), find_citations(&part).len());
    assert_eq!(again.len(), 4 * (part.len() / PARAGRAPH.len()));
}

#[test]
fn find_citations_returns_on_a_megabyte_without_citations_or_breaks() {
    for unit in [
        "số ",
        "Nghị quyết số 20-NQ/TW ngày ",
        "của ",
        "1/",
        "ngày 1 tháng ",
        "a",
    ] {
        let text = megabyte(unit, 1 << 20);
        for f in find_citations(&text) {
            assert!(text.get(f.range.clone()).is_some(), "{unit}");
        }
    }
}

#[test]
fn one_line_parsers_refuse_a_megabyte_as_too_long() {
    let text = megabyte(
        "Kế hoạch số 363/KH-UBND ngày 31/5/2023 của UBND tỉnh, ",
        1 << 20,
    );
    let errors = [
        text.parse::<DocRef>().map(|_| ()).unwrap_err(),
        text.parse::<Citation>().map(|_| ()).unwrap_err(),
        text.parse::<Schedule>().map(|_| ()).unwrap_err(),
        parse_vi_date(&text).map(|_| ()).unwrap_err(),
        Threshold::from_vietnamese(&text).map(|_| ()).unwrap_err(),
        TargetPhrase::read(&text).map(|_| ()).unwrap_err(),
        TargetPhrase::read_all(&text).map(|_| ()).unwrap_err(),
    ];
    for e in errors {
        assert!(e.to_string().contains("bytes long"), "{e}");
    }
}

#[test]
fn target_sentences_at_the_length_limit_return() {
    // Just under the sentence limit: a list of 200 items, read or refused.
    let items = vec!["12 hợp tác xã"; 200].join(", ");
    let text = format!("Đến năm 2030, thành lập mới {items}");
    assert!(text.len() < 4096, "{}", text.len());
    let parts = TargetPhrase::read_all(&text).expect("a list of counts");
    assert_eq!(parts.len(), 200);
    let nested = format!("{}{}", "(".repeat(2000), "50 HTX");
    let _ = TargetPhrase::read_all(&nested);
    let _ = TargetPhrase::read(&nested);
}
