//! The bundled copy of Quảng Nam's official letter 2651/UBND-KTN (seed 000),
//! checked against the source text.

mod catalog_common;

use hoptac::{Plan, Schedule};

const KEY: &str = "quang-nam-2651";

fn plan() -> Plan {
    catalog_common::load(KEY)
}

use catalog_common::{check_task, d, task_ids};

/// The text's numeric targets: (id, measure kind, comparator, value, unit,
/// deadline). The letter sets none.
const TARGETS: &[(&str, &str, &str, &str, &str, &str)] = &[];

const ALL: &[&str] = &["so-nganh", "ubnd-huyen"];
const GROUP_7: &[&str] = &[
    "mttq",
    "hoi-nong-dan",
    "hoi-lhpn",
    "tinh-doan",
    "ldld",
    "bao-tinh",
    "dai-ptth",
];

/// Every task in the order of the text: id, section, lead, cooperating,
/// schedule (as the text words it).
type TaskRow = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    Option<&'static str>,
);

const TASKS: &[TaskRow] = &[
    ("1.1", "1", ALL, &[], None),
    ("1.2", "1", ALL, &[], None),
    ("1.3", "1", ALL, &[], None),
    ("1.4", "1", ALL, &[], None),
    ("1.5", "1", ALL, &[], None),
    ("2.1", "2", &["so-khdt"], &["so-nganh", "ubnd-huyen"], None),
    ("2.2", "2", &["so-khdt"], &[], None),
    ("2.3", "2", &["so-khdt"], &["lmhtx", "so-nganh"], None),
    ("2.4", "2", &["so-khdt"], &[], Some("Thường xuyên")),
    ("3.1", "3", &["lmhtx"], &[], None),
    ("3.2", "3", &["lmhtx"], &[], None),
    ("3.3", "3", &["lmhtx"], &[], None),
    ("3.4", "3", &["lmhtx"], &[], None),
    ("4.1", "4", &["so-nnptnt"], &[], None),
    ("4.2", "4", &["so-nnptnt"], &[], None),
    ("4.3", "4", &["so-nnptnt"], &[], None),
    (
        "5.1",
        "5",
        &["so-tai-chinh"],
        &["lmhtx", "so-nganh"],
        Some("hằng năm"),
    ),
    ("6.1", "6", &["ubnd-huyen"], &[], None),
    ("6.2", "6", &["ubnd-huyen"], &[], None),
    ("6.3", "6", &["ubnd-huyen"], &[], None),
    ("6.4", "6", &["ubnd-huyen"], &[], Some("Thường xuyên")),
    ("6.5", "6", &["ubnd-huyen"], &[], None),
    ("7.1", "7", GROUP_7, &[], None),
];

#[test]
fn header_matches_the_text() {
    let p = plan();
    assert_eq!(p.id.as_str(), KEY);
    assert_eq!(p.format_version, 2);
    assert_eq!(p.doc.as_ref().unwrap().to_string(), "2651/UBND-KTN");
    assert_eq!(p.called.as_deref(), Some("Công văn"));
    assert_eq!(p.issuer, "Ủy ban nhân dân tỉnh Quảng Nam");
    assert_eq!(p.province.as_deref(), Some("Quảng Nam"));
    assert_eq!(p.issued, None, "the text has no date");
    assert_eq!(p.period, None, "the text gives no period");
    assert!(p.implements.is_empty());
    let cites = catalog_common::cites(&p);
    assert_eq!(cites, [("13-NQ/TW".to_owned(), Some(d(2002, 3, 18)))]);
    assert!(p.reporting.is_none());
}

#[test]
fn targets_match_the_text() {
    let p = plan();
    assert_eq!(p.targets.len(), TARGETS.len());
    assert!(p.targets.is_empty(), "the letter sets no numeric targets");
}

#[test]
fn sections_one_per_addressed_group() {
    let p = plan();
    let got: Vec<&str> = p.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(got, ["1", "2", "3", "4", "5", "6", "7"]);
    assert_eq!(p.sections[1].title.vi, "Sở Kế hoạch và Đầu tư");
    assert_eq!(p.sections[4].title.vi, "Sở Tài chính");
    assert!(p.sections.iter().all(|s| s.title.en.is_some()));
}

#[test]
fn tasks_match_the_text() {
    let p = plan();
    let want: Vec<&str> = TASKS.iter().map(|t| t.0).collect();
    assert_eq!(task_ids(&p), want);
    assert_eq!(p.tasks.len(), 23);
    for (id, section, lead, coop, schedule) in TASKS {
        let task = p.task(id).unwrap();
        assert_eq!(
            task.section.as_ref().map(|s| s.as_str()),
            Some(*section),
            "{id}"
        );
        check_task(&p, id, lead, coop);
        let want: Option<Schedule> = schedule.map(|s| s.parse().unwrap());
        assert_eq!(task.schedule, want, "schedule of task {id}");
    }
    assert!(p
        .task("2.3")
        .unwrap()
        .text
        .vi
        .contains("giai đoạn 2021 - 2025"));
    assert!(p.task("2.4").unwrap().text.vi.contains("13-NQ/TW"));
    assert!(p
        .task("5.1")
        .unwrap()
        .text
        .vi
        .contains("dự toán ngân sách tỉnh hằng năm"));
    assert!(p.task("7.1").unwrap().text.vi.contains("Báo Quảng Nam"));
}

#[test]
fn agencies_and_2025_successions() {
    let p = plan();
    catalog_common::agencies_are_standard_copies(&p);
    let holder = catalog_common::holder(&p);
    assert_eq!(holder("ubnd-huyen", d(2025, 6, 30)), "ubnd-huyen");
    assert_eq!(holder("ubnd-huyen", d(2025, 7, 1)), "ubnd-xa");
    assert_eq!(holder("so-khdt", d(2025, 2, 28)), "so-khdt");
    assert_eq!(holder("so-khdt", d(2025, 3, 1)), "so-tai-chinh");
    assert_eq!(holder("so-nnptnt", d(2026, 1, 1)), "so-nnmt");
}

#[test]
fn assumptions_and_notes() {
    let p = plan();
    let about = catalog_common::assumption_topics(&p);
    for topic in ["issued", "period", "sections", "province", "targets"] {
        assert!(about.contains(&topic), "{topic}");
    }
    let issued = p
        .assumptions
        .iter()
        .find(|a| a.about.as_deref() == Some("issued"))
        .unwrap();
    assert!(issued.text.contains("2020"));
    assert!(p.notes.iter().any(|n| n.contains("Đà Nẵng")));
}

#[test]
fn validates_clean() {
    let problems = plan().validate();
    assert!(problems.is_empty(), "{problems:?}");
}
