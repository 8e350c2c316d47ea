//! The bundled Lạng Sơn letter 538/UBND-KTTH of 11/6/2019 (seed 002),
//! checked against the text.

mod catalog_common;

use hoptac::{org::OrgKind, org::Rating, Filter, Measure, Plan};

const KEY: &str = "lang-son-538-2019";

fn plan() -> Plan {
    catalog_common::load(KEY)
}

use catalog_common::date;

/// id, measure kind, comparator kind, value, unit kind, deadline.
const TARGETS: [catalog_common::TargetRow; 12] = [
    (
        "ls2025.htx.new",
        "new",
        "at_least",
        "100",
        "organisations",
        "2025-12-31",
    ),
    (
        "ls2025.tht.new",
        "new",
        "at_least",
        "200",
        "organisations",
        "2025-12-31",
    ),
    (
        "ls2025.lhhtx.new",
        "new",
        "at_least",
        "5",
        "organisations",
        "2025-12-31",
    ),
    (
        "ls2025.htx.fair_or_better.share",
        "share",
        "greater_than",
        "45",
        "percent",
        "2025-12-31",
    ),
    (
        "ls2025.htx.paper_only.count",
        "count",
        "none_left",
        "0",
        "organisations",
        "2025-12-31",
    ),
    (
        "ls2025.htx.weak.share",
        "share",
        "less_than",
        "10",
        "percent",
        "2025-12-31",
    ),
    (
        "ls2030.htx.new",
        "new",
        "at_least",
        "120",
        "organisations",
        "2030-12-31",
    ),
    (
        "ls2030.tht.new",
        "new",
        "at_least",
        "250",
        "organisations",
        "2030-12-31",
    ),
    (
        "ls2030.lhhtx.new",
        "new",
        "at_least",
        "8",
        "organisations",
        "2030-12-31",
    ),
    (
        "ls2030.htx.fair_or_better.share",
        "share",
        "at_least",
        "50",
        "percent",
        "2030-12-31",
    ),
    (
        "ls2030.htx.paper_only.count",
        "count",
        "none_left",
        "0",
        "organisations",
        "2030-12-31",
    ),
    (
        "ls2030.htx.weak.share",
        "share",
        "less_than",
        "8",
        "percent",
        "2030-12-31",
    ),
];

#[test]
fn header() {
    let p = plan();
    assert_eq!(p.id.as_str(), KEY);
    assert_eq!(p.doc.as_ref().unwrap().to_string(), "538/UBND-KTTH");
    assert_eq!(p.called.as_deref(), Some("Công văn"));
    assert_eq!(p.province.as_deref(), Some("Lạng Sơn"));
    assert_eq!(p.issued, Some(date("2019-06-11")));
    let period = p.period.unwrap();
    assert_eq!(
        (period.start, period.end),
        (date("2019-06-11"), date("2030-12-31"))
    );
    assert!(p.reporting.is_none(), "the letter sets no reporting duty");
    assert!(p.validate().is_empty(), "{:?}", p.validate());
}

#[test]
fn citations() {
    let p = plan();
    let implements = catalog_common::implements(&p);
    assert_eq!(
        implements,
        [("13-NQ/TW".to_owned(), Some(date("2002-03-18")))]
    );
    let cites = catalog_common::cites(&p);
    assert_eq!(
        cites,
        [
            ("08-CTr/TU".to_owned(), Some(date("2002-07-17"))),
            ("461/QĐ-TTg".to_owned(), Some(date("2018-04-27"))),
            ("05/QĐ-BCĐ".to_owned(), Some(date("2019-01-10"))),
            ("23/2012/QH13".to_owned(), Some(date("2012-11-20"))),
        ]
    );
}

#[test]
fn targets_match_the_text() {
    let p = plan();
    catalog_common::check_targets(&p, &TARGETS);
    assert!(p.targets.iter().all(|t| t.parent.is_none()));
}

#[test]
fn new_windows_and_kinds() {
    let p = plan();
    let cases = [
        (
            "ls2025.htx.new",
            OrgKind::Cooperative,
            "2019-06-11",
            "2025-12-31",
        ),
        (
            "ls2025.tht.new",
            OrgKind::CooperativeGroup,
            "2019-06-11",
            "2025-12-31",
        ),
        (
            "ls2025.lhhtx.new",
            OrgKind::CooperativeUnion,
            "2019-06-11",
            "2025-12-31",
        ),
        (
            "ls2030.htx.new",
            OrgKind::Cooperative,
            "2026-01-01",
            "2030-12-31",
        ),
        (
            "ls2030.tht.new",
            OrgKind::CooperativeGroup,
            "2026-01-01",
            "2030-12-31",
        ),
        (
            "ls2030.lhhtx.new",
            OrgKind::CooperativeUnion,
            "2026-01-01",
            "2030-12-31",
        ),
    ];
    for (id, kind, from, to) in cases {
        let t = p.target(id).unwrap();
        match &t.measure {
            Measure::New { filter, window } => {
                assert_eq!(filter, &Filter::kind(kind), "{id}");
                assert_eq!((window.from(), window.to()), (date(from), date(to)), "{id}");
            }
            other => panic!("{id}: {other}"),
        }
        if id.starts_with("ls2030") {
            assert!(
                t.assumptions.iter().any(|a| a.text.contains("1/1/2026")),
                "{id} records the 2030 window reading"
            );
        }
    }
    assert!(p.assumptions.iter().any(|a| a.text.contains("1/1/2026")));
}

#[test]
fn shares_are_among_active_rated_htx() {
    let p = plan();
    let rated_htx = Filter::all([Filter::kind(OrgKind::Cooperative), Filter::Rated]);
    for (id, ratings) in [
        (
            "ls2025.htx.fair_or_better.share",
            vec![Rating::Good, Rating::Fair],
        ),
        (
            "ls2030.htx.fair_or_better.share",
            vec![Rating::Good, Rating::Fair],
        ),
        ("ls2025.htx.weak.share", vec![Rating::Weak]),
        ("ls2030.htx.weak.share", vec![Rating::Weak]),
    ] {
        match &p.target(id).unwrap().measure {
            Measure::Share {
                numerator,
                denominator,
                population,
            } => {
                assert_eq!(numerator, &Filter::Rating { is: ratings }, "{id}");
                assert_eq!(denominator, &rated_htx, "{id}");
                assert_eq!(*population, hoptac::plan::Population::Active, "{id}");
            }
            other => panic!("{id}: {other}"),
        }
    }
    for id in ["ls2025.htx.paper_only.count", "ls2030.htx.paper_only.count"] {
        match &p.target(id).unwrap().measure {
            Measure::Count { filter, population } => {
                assert_eq!(
                    filter,
                    &Filter::all([
                        Filter::kind(OrgKind::Cooperative),
                        Filter::Flag {
                            flag: hoptac::org::Flag::PaperOnly
                        }
                    ]),
                    "{id}"
                );
                assert_eq!(*population, hoptac::plan::Population::Active, "{id}");
            }
            other => panic!("{id}: {other}"),
        }
    }
}

#[test]
fn tasks() {
    let p = plan();
    let ids: Vec<_> = p.task_ids().map(|t| t.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5", "6"]);
    let lead = |id: &str| -> Vec<String> {
        p.task(id)
            .unwrap()
            .lead
            .iter()
            .map(|a| a.as_str().to_owned())
            .collect()
    };
    let cooperating = |id: &str| -> Vec<String> {
        p.task(id)
            .unwrap()
            .cooperating
            .iter()
            .map(|a| a.as_str().to_owned())
            .collect()
    };
    assert_eq!(lead("1"), ["so-nganh", "ubnd-huyen", "lmhtx"]);
    assert_eq!(lead("4"), ["so-nganh", "ubnd-huyen"]);
    assert_eq!(cooperating("4"), ["bao-tinh", "dai-ptth"]);
    assert_eq!(lead("6"), ["lmhtx"]);
    assert_eq!(cooperating("6"), ["mttq", "doan-the"]);
    for task in &p.tasks {
        assert!(!task.lead.is_empty(), "{}", task.id);
        assert!(
            task.schedule.is_none(),
            "{}: the letter gives no schedules",
            task.id
        );
        assert!(task.text.en.is_some(), "{}", task.id);
        assert!(!task.text.vi.contains("  "), "{}", task.id);
    }
    assert!(p
        .task("3")
        .unwrap()
        .text
        .vi
        .starts_with("Tiếp tục tổ chức thực hiện có hiệu quả Luật Hợp tác xã năm 2012"));
    assert!(p
        .task("4")
        .unwrap()
        .text
        .vi
        .contains("tiêu thụ sản phẩm trên địa bàn"));
    // District committees hand over to the communes from 1/7/2025.
    let huyen = p
        .agencies
        .iter()
        .find(|a| a.id.as_str() == "ubnd-huyen")
        .unwrap();
    assert_eq!(huyen.successor.as_ref().unwrap().agency.as_str(), "ubnd-xa");
}
