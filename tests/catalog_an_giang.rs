//! The bundled copy of An Giang's plan 1206/QĐ-UBND of 28/5/2020 (seed 001),
//! checked against the source text.

mod catalog_common;

use hoptac::{Plan, ProblemCode, Severity};

const KEY: &str = "an-giang-1206-2020";

fn plan() -> Plan {
    catalog_common::load(KEY)
}

use catalog_common::{check_task, d, task_ids};

/// The text's numeric targets: (id, measure kind, comparator, value, unit,
/// deadline). The plan sets none.
const TARGETS: &[(&str, &str, &str, &str, &str, &str)] = &[];

/// The seven key tasks, in the order of the text: id, lead agencies,
/// cooperating agencies, and the start of the Vietnamese text.
const TASKS: &[(&str, &[&str], &[&str], &str)] = &[
    (
        "1",
        &["so-nganh", "ubnd-huyen"],
        &[],
        "Tiếp tục tăng cường công tác tuyên truyền",
    ),
    (
        "2",
        &["so-nganh", "ubnd-huyen"],
        &[],
        "Rà soát, hoàn thiện hệ thống pháp luật",
    ),
    ("3", &["so-khdt"], &["ubnd-huyen"], "Củng cố tổ chức bộ máy"),
    (
        "4",
        &["so-nganh", "ubnd-huyen"],
        &[],
        "Tăng cường năng lực quản trị",
    ),
    (
        "5",
        &["lmhtx"],
        &[],
        "Củng cố, đổi mới tổ chức và hoạt động của Liên minh HTX tỉnh",
    ),
    (
        "6",
        &["hoi-nong-dan", "hoi-lhpn", "tinh-doan", "ldld"],
        &[],
        "Phát huy vai trò của Hội Nông dân tỉnh",
    ),
    (
        "7",
        &["so-nganh", "ubnd-huyen"],
        &[],
        "Đẩy mạnh thông tin, tuyên truyền",
    ),
];

#[test]
fn header_matches_the_text() {
    let p = plan();
    assert_eq!(p.id.as_str(), KEY);
    assert_eq!(p.format_version, 2);
    assert_eq!(p.doc.as_ref().unwrap().to_string(), "1206/QĐ-UBND");
    assert_eq!(p.called.as_deref(), Some("Kế hoạch"));
    assert_eq!(p.issuer, "Ủy ban nhân dân tỉnh An Giang");
    assert_eq!(p.province.as_deref(), Some("An Giang"));
    assert_eq!(p.issued, Some(d(2020, 5, 28)));
    let period = p.period.unwrap();
    assert_eq!(
        (period.start, period.end),
        (d(2020, 5, 28), d(2025, 12, 31))
    );
    assert!(p.title.vi.contains("70-KL/TW"));
    assert!(p.title.en.as_deref().unwrap().contains("70-KL/TW"));
    assert!(p.reporting.is_none(), "the text states no reporting duty");
}

#[test]
fn citations() {
    let p = plan();
    let implements = catalog_common::implements(&p);
    assert_eq!(
        implements,
        [
            ("70-KL/TW".to_owned(), Some(d(2020, 3, 9))),
            ("13-NQ/TW".to_owned(), Some(d(2002, 3, 18))),
        ]
    );
    let cites = catalog_common::cites(&p);
    assert_eq!(
        cites,
        [
            ("12/CT-TTg".to_owned(), Some(d(2018, 5, 12))),
            ("23/2012/QH13".to_owned(), Some(d(2012, 11, 20))),
        ]
    );
    for c in p.implements.iter().chain(&p.cites) {
        assert!(c.title.as_ref().is_some_and(|t| t.en.is_some()), "{c}");
    }
}

#[test]
fn targets_match_the_text() {
    let p = plan();
    assert_eq!(p.targets.len(), TARGETS.len());
    assert!(p.targets.is_empty(), "the plan sets no numeric targets");
    // The qualitative goals are kept as notes.
    assert!(p.notes.iter().any(|n| n.contains("GRDP")));
}

#[test]
fn tasks_match_the_text() {
    let p = plan();
    let want: Vec<&str> = TASKS.iter().map(|t| t.0).collect();
    assert_eq!(task_ids(&p), want);
    assert_eq!(p.tasks.len(), 7);
    for (id, lead, coop, start) in TASKS {
        check_task(&p, id, lead, coop);
        let task = p.task(id).unwrap();
        assert!(task.text.vi.starts_with(start), "text of task {id}");
        assert!(
            task.schedule.is_none(),
            "the text gives task {id} no schedule"
        );
        assert!(task.section.is_none());
    }
    assert!(p.sections.is_empty());
}

#[test]
fn agencies_are_copies_of_the_standard_directory() {
    let p = plan();
    catalog_common::agencies_are_standard_copies(&p);
    let listed: Vec<&str> = p.agencies.iter().map(|a| a.id.as_str()).collect();
    for task in &p.tasks {
        for id in task.lead.iter().chain(&task.cooperating) {
            assert!(listed.contains(&id.as_str()), "{id}");
        }
    }
    // The 2025 successions come with the copies.
    let holder = catalog_common::holder(&p);
    assert_eq!(holder("ubnd-huyen", d(2025, 6, 30)), "ubnd-huyen");
    assert_eq!(holder("ubnd-huyen", d(2025, 7, 1)), "ubnd-xa");
    assert_eq!(holder("so-khdt", d(2025, 3, 1)), "so-tai-chinh");
}

#[test]
fn assumptions_are_recorded() {
    let p = plan();
    let about = catalog_common::assumption_topics(&p);
    for topic in [
        "doc",
        "period",
        "implements[1]",
        "tasks.lead",
        "reporting",
        "targets",
    ] {
        assert!(about.contains(&topic), "{topic}");
    }
}

#[test]
fn validates_with_only_the_type_code_warning() {
    let problems = plan().validate();
    assert_eq!(problems.errors().count(), 0, "{problems:?}");
    let warnings: Vec<_> = problems
        .warnings()
        .map(|p| (p.code, p.path.as_str()))
        .collect();
    assert_eq!(warnings, [(ProblemCode::DocTypeMismatch, "doc")]);
    assert!(problems.iter().all(|p| p.severity == Severity::Warning));
}
