//! The bundled copy of Nghệ An's plan 363/KH-UBND of 30/5/2023 (seed 003)
//! checked against the source text.

use hoptac::{
    agency::AgencyDirectory, agency::AgencyId, catalog, org::OrgKind, plan::Comparator, plan::Unit,
    Filter, Measure, Plan, ProblemCode, Schedule, Severity,
};
use rust_decimal::Decimal;

const KEY: &str = "nghe-an-363-2023";

fn plan() -> Plan {
    catalog::get(KEY).expect("the bundled plan loads")
}

mod catalog_common;
use catalog_common::d;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Cmp {
    About,
    AtLeast,
    GreaterThan,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum U {
    Orgs,
    Members,
    Percent,
}

/// id, measure kind, comparator, value, unit, deadline year: from section II.2
/// of the plan.
const TARGETS: [(&str, &str, Cmp, i64, U, i32); 14] = [
    (
        "na2030.tht.count",
        "count",
        Cmp::About,
        1_000,
        U::Orgs,
        2030,
    ),
    (
        "na2030.tht.members",
        "sum",
        Cmp::About,
        13_000,
        U::Members,
        2030,
    ),
    (
        "na2030.htx.count",
        "count",
        Cmp::About,
        1_200,
        U::Orgs,
        2030,
    ),
    (
        "na2030.htx.members",
        "sum",
        Cmp::About,
        278_000,
        U::Members,
        2030,
    ),
    (
        "na2030.lhhtx.count",
        "count",
        Cmp::AtLeast,
        6,
        U::Orgs,
        2030,
    ),
    (
        "na2030.lhhtx.member_coops",
        "sum",
        Cmp::About,
        50,
        U::Orgs,
        2030,
    ),
    (
        "na2030.good_fair.share",
        "share",
        Cmp::GreaterThan,
        60,
        U::Percent,
        2030,
    ),
    (
        "na2030.good_fair_value_chain.share",
        "share",
        Cmp::AtLeast,
        50,
        U::Percent,
        2030,
    ),
    (
        "na2030.htx.high_tech.count",
        "count",
        Cmp::GreaterThan,
        150,
        U::Orgs,
        2030,
    ),
    (
        "na2045.population.share",
        "against",
        Cmp::AtLeast,
        20,
        U::Percent,
        2045,
    ),
    (
        "na2045.effective.share",
        "share",
        Cmp::GreaterThan,
        90,
        U::Percent,
        2045,
    ),
    (
        "na2045.effective_linked.share",
        "share",
        Cmp::AtLeast,
        75,
        U::Percent,
        2045,
    ),
    (
        "na2045.advanced_tech.share",
        "share",
        Cmp::All,
        100,
        U::Percent,
        2045,
    ),
    (
        "na2045.female_director.share",
        "share",
        Cmp::AtLeast,
        30,
        U::Percent,
        2045,
    ),
];

#[test]
fn header() {
    let plan = plan();
    assert_eq!(plan.id.as_str(), KEY);
    assert_eq!(plan.format_version, 2);
    assert_eq!(plan.doc.as_ref().unwrap().to_string(), "363/KH-UBND");
    assert_eq!(plan.called.as_deref(), Some("Kế hoạch"));
    assert_eq!(plan.issuer, "Ủy ban nhân dân tỉnh Nghệ An");
    assert_eq!(plan.province.as_deref(), Some("Nghệ An"));
    assert_eq!(plan.issued, Some(d(2023, 5, 30)));
    let period = plan.period.unwrap();
    assert_eq!(
        (period.start, period.end),
        (d(2023, 5, 30), d(2045, 12, 31))
    );
    assert!(plan.title.vi.contains("50-CTr/TU") && plan.title.vi.contains("20-NQ/TW"));
    assert!(plan.title.en.is_some());
}

#[test]
fn documents() {
    let plan = plan();
    let implements: Vec<_> = plan.implements.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        implements,
        ["50-CTr/TU ngày 13/4/2023", "20-NQ/TW ngày 16/6/2022"]
    );
    let cites: Vec<_> = plan.cites.iter().map(|c| c.to_string()).collect();
    assert!(
        cites.contains(&"09/NQ-CP ngày 2/2/2023".to_owned()),
        "{cites:?}"
    );
    assert!(
        cites.contains(&"45/2021/NĐ-CP ngày 31/3/2021".to_owned()),
        "{cites:?}"
    );
    assert_eq!(plan.self_citations.len(), 1);
    assert_eq!(
        plan.self_citations[0].to_string(),
        "363/KH-UBND ngày 31/5/2023"
    );
}

#[test]
fn validates_with_only_the_source_inconsistencies_as_warnings() {
    let problems = plan().validate();
    assert!(
        !problems.iter().any(|p| p.severity == Severity::Error),
        "{problems:?}"
    );
    let warnings: Vec<_> = problems.iter().map(|p| (p.code, p.path.as_str())).collect();
    assert_eq!(
        warnings,
        [
            (
                ProblemCode::CrossReferenceDateMismatch,
                "self_citations[0].date"
            ),
            // The appendix lists "UBND cấp huyện" as lead and cooperating unit of IV.4.
            (
                ProblemCode::AgencyLeadsAndCooperates,
                "tasks[23].cooperating[1]"
            ),
        ]
    );
}

#[test]
fn targets_match_the_text() {
    let plan = plan();
    let ids: Vec<_> = plan.targets.iter().map(|t| t.id.as_str()).collect();
    let want: Vec<_> = TARGETS.iter().map(|t| t.0).collect();
    assert_eq!(ids, want);
    for (id, kind, cmp, value, unit, year) in TARGETS {
        let t = plan.target(id).unwrap();
        assert_eq!(t.measure.kind().code(), kind, "{id}");
        let got = match t.threshold.comparator() {
            Comparator::About { tolerance } => {
                assert_eq!(*tolerance, Decimal::from(5), "{id}");
                Cmp::About
            }
            Comparator::AtLeast => Cmp::AtLeast,
            Comparator::GreaterThan => Cmp::GreaterThan,
            Comparator::All => Cmp::All,
            other => panic!("{id}: unexpected comparator {other:?}"),
        };
        assert_eq!(got, cmp, "{id}");
        assert_eq!(t.threshold.value(), Decimal::from(value), "{id}");
        let got = match t.threshold.unit() {
            Unit::Organisations => U::Orgs,
            Unit::Members => U::Members,
            Unit::Percent => U::Percent,
            other => panic!("{id}: unexpected unit {other:?}"),
        };
        assert_eq!(got, unit, "{id}");
        assert_eq!(t.deadline, d(year, 12, 31), "{id}");
        assert!(t.source_text.is_some(), "{id}");
        assert!(
            t.label.has(hoptac::Lang::Vi) && t.label.has(hoptac::Lang::En),
            "{id}"
        );
    }
}

#[test]
fn target_filters() {
    let plan = plan();
    let count_kind = |id: &str, kind: OrgKind| {
        let Measure::Count { filter, .. } = &plan.target(id).unwrap().measure else {
            panic!("{id} is not a count")
        };
        assert_eq!(*filter, Filter::kind(kind), "{id}");
    };
    count_kind("na2030.tht.count", OrgKind::CooperativeGroup);
    count_kind("na2030.htx.count", OrgKind::Cooperative);
    count_kind("na2030.lhhtx.count", OrgKind::CooperativeUnion);

    let json = |id: &str| serde_json::to_value(&plan.target(id).unwrap().measure).unwrap();
    assert_eq!(
        json("na2030.lhhtx.member_coops"),
        serde_json::json!({"kind":"sum","field":{"kind":"member_coops"},"filter":{"kind":"org_kind","is":["lhhtx"]}})
    );
    assert_eq!(
        json("na2030.htx.high_tech.count"),
        serde_json::json!({"kind":"count","filter":{"kind":"all","of":[
            {"kind":"org_kind","is":["htx"]},{"kind":"sector","is":["agriculture"]},{"kind":"flag","flag":"high_tech"}]}})
    );
    assert_eq!(
        json("na2045.population.share"),
        serde_json::json!({"kind":"against","base":{"kind":"sum","field":{"kind":"members"},"filter":{"kind":"everything"}},
            "figure":"population","scale":{"kind":"percent"}})
    );
    assert_eq!(
        json("na2045.female_director.share"),
        serde_json::json!({"kind":"share","numerator":{"kind":"flag","flag":"female_director"},
            "denominator":{"kind":"org_kind","is":["htx","lhhtx"]}})
    );
    for (child, parent) in [
        (
            "na2030.good_fair_value_chain.share",
            "na2030.good_fair.share",
        ),
        ("na2045.effective_linked.share", "na2045.effective.share"),
    ] {
        assert_eq!(
            plan.target(child)
                .unwrap()
                .parent
                .as_ref()
                .unwrap()
                .as_str(),
            parent
        );
        assert_eq!(json(parent), json("na2030.good_fair.share"));
        assert_eq!(json(child), json("na2030.good_fair_value_chain.share"));
    }
    // Every measure counts active organisations (the default population).
    let text = catalog::json(KEY).unwrap();
    assert!(!text.contains("any_status"));
}

#[test]
fn tasks_in_appendix_order() {
    let plan = plan();
    let ids: Vec<_> = plan.task_ids().map(|t| t.as_str()).collect();
    let want = [
        "I.1", "I.2", "I.3", "I.4", "II.1", "II.2", "II.3", "II.4", "II.5", "II.6", "II.7", "II.8",
        "II.9", "III.1", "III.2", "III.3", "III.4", "III.5", "III.6", "III.7", "IV.1", "IV.2",
        "IV.3", "IV.4", "IV.5", "IV.6", "V.1", "V.2", "V.3",
    ];
    assert_eq!(plan.tasks.len(), 29);
    assert_eq!(ids, want);
    let sections: Vec<_> = plan.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sections, ["I", "II", "III", "IV", "V"]);
    for task in &plan.tasks {
        let section = task.section.as_ref().unwrap().as_str();
        assert!(
            task.id.as_str().starts_with(&format!("{section}.")),
            "{}",
            task.id
        );
        assert!(task.schedule.is_some(), "{}", task.id);
        assert!(task.text.en.is_some(), "{}", task.id);
        assert!(!task.lead.is_empty(), "{}", task.id);
    }
}

#[test]
fn task_agencies_and_schedules() {
    let plan = plan();
    let ids = |v: &[AgencyId]| v.iter().map(|a| a.as_str().to_owned()).collect::<Vec<_>>();
    let check = |id: &str, lead: &[&str], coop: &[&str], schedule: &str| {
        let t = plan.task(id).unwrap();
        assert_eq!(ids(&t.lead), lead, "{id} lead");
        assert_eq!(ids(&t.cooperating), coop, "{id} cooperating");
        assert_eq!(
            t.schedule,
            Some(schedule.parse::<Schedule>().unwrap()),
            "{id} schedule"
        );
    };
    check(
        "I.1",
        &["so-nganh", "ubnd-huyen"],
        &["so-tttt", "bao-tinh", "dai-ptth"],
        "Thường xuyên",
    );
    check("I.3", &["lmhtx"], &["so-nganh", "ubnd-huyen"], "2023-2024");
    check(
        "I.4",
        &["so-noi-vu"],
        &["lmhtx", "so-nganh", "ubnd-huyen"],
        "Hàng năm",
    );
    check(
        "II.3",
        &["so-khdt"],
        &["so-nganh", "ubnd-huyen"],
        "2023-2030",
    );
    check(
        "II.7",
        &["so-ldtbxh"],
        &["so-tai-chinh", "ubnd-huyen"],
        "2023-2025",
    );
    check(
        "II.9",
        &["nhnn"],
        &["lmhtx", "so-nganh", "ubnd-huyen"],
        "Thường xuyên",
    );
    check(
        "III.2",
        &["so-nnptnt", "lmhtx"],
        &["ubnd-huyen", "co-quan-lien-quan"],
        "Thường xuyên",
    );
    check("III.4", &["lmhtx"], &["co-quan-lien-quan"], "Năm 2023-2024");
    check(
        "IV.4",
        &["so-khdt", "ubnd-huyen"],
        &["so-nganh", "ubnd-huyen"],
        "Thường xuyên",
    );
    check(
        "IV.6",
        &["nhnn"],
        &["so-nganh", "ubnd-huyen", "co-quan-lien-quan"],
        "Hàng năm",
    );
    check("V.1", &["mttq"], &["mttq-thanh-vien"], "Hàng năm");
    check("V.3", &["lmhtx"], &["so-nganh", "ubnd-huyen"], "Hàng năm");
}

#[test]
fn agencies_reuse_the_standard_directory() {
    let plan = plan();
    let standard = AgencyDirectory::standard_province();
    assert!(AgencyDirectory::check(&plan.agencies).is_empty());
    let mut own = Vec::new();
    for agency in &plan.agencies {
        match standard.get(&agency.id) {
            Some(std) => assert_eq!(agency, std, "{}", agency.id),
            None => own.push(agency.id.as_str()),
        }
    }
    own.sort_unstable();
    assert_eq!(own, ["co-quan-bao-chi", "mttq-thanh-vien"]);
    let dir = AgencyDirectory::new(plan.agencies.clone()).unwrap();
    let district = AgencyId::new("ubnd-huyen").unwrap();
    assert_eq!(
        dir.holder_at(&district, d(2025, 7, 1)).unwrap().id.as_str(),
        "ubnd-xa"
    );
    let reporting = plan.reporting.as_ref().unwrap();
    assert_eq!(reporting.to.as_str(), "so-khdt");
    assert_eq!(reporting.frequency, hoptac::plan::Frequency::Annual);
    assert!(reporting.due.is_none());
}

#[test]
fn assumptions_are_recorded() {
    let plan = plan();
    for about in [
        "period",
        "reporting.due",
        "self_citations",
        "tasks[IV.4].cooperating",
        "tasks[V.1].lead",
    ] {
        assert!(
            plan.assumptions
                .iter()
                .any(|a| a.about.as_deref() == Some(about)),
            "{about}"
        );
    }
}
