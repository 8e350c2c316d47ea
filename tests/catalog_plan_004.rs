//! The bundled 2023 plan of seed 004 (a news summary, read as Cà Mau's),
//! checked against the text.

mod catalog_common;

use hoptac::{
    org::OrgKind, plan::Field, plan::FigureBase, plan::FigureScale, plan::Population, plan::Unit,
    Filter, Measure, Plan,
};

const KEY: &str = "plan-004-2023";

fn plan() -> Plan {
    catalog_common::load(KEY)
}

use catalog_common::date;

/// id, measure kind, comparator kind, value, unit kind, deadline.
const TARGETS: [catalog_common::TargetRow; 14] = [
    (
        "p4.tht.new",
        "new",
        "at_least",
        "80",
        "organisations",
        "2023-12-31",
    ),
    (
        "p4.tht.new_per_commune",
        "against",
        "at_least",
        "1",
        "per_unit",
        "2023-12-31",
    ),
    (
        "p4.htx.new",
        "new",
        "at_least",
        "20",
        "organisations",
        "2023-12-31",
    ),
    (
        "p4.htx.new_members",
        "sum",
        "about",
        "500",
        "members",
        "2023-12-31",
    ),
    (
        "p4.income.mean",
        "mean",
        "greater_than",
        "50000000",
        "vnd",
        "2023-12-31",
    ),
    (
        "p4.revenue.mean",
        "mean",
        "at_least",
        "1000000000",
        "vnd",
        "2023-12-31",
    ),
    (
        "p4.key_staff_trained.ratio",
        "ratio_of_sums",
        "about",
        "20",
        "percent",
        "2023-12-31",
    ),
    (
        "p4.key_staff_refreshed.ratio",
        "ratio_of_sums",
        "greater_than",
        "90",
        "percent",
        "2023-12-31",
    ),
    (
        "p4.effective.share",
        "share",
        "at_least",
        "20",
        "percent",
        "2023-12-31",
    ),
    (
        "p4.training_classes",
        "reported",
        "at_least",
        "50",
        "items",
        "2023-12-31",
    ),
    (
        "p4.vocational_classes",
        "reported",
        "at_least",
        "30",
        "items",
        "2023-12-31",
    ),
    (
        "p4.handbooks",
        "reported",
        "at_least",
        "5000",
        "items",
        "2023-12-31",
    ),
    (
        "p4.workshops",
        "reported",
        "at_least",
        "1",
        "items",
        "2023-12-31",
    ),
    (
        "p4.trade_promotion_htx",
        "reported",
        "at_least",
        "10",
        "organisations",
        "2023-12-31",
    ),
];

fn window_2023() -> hoptac::plan::DateWindow {
    hoptac::plan::DateWindow::new(date("2023-01-01"), date("2023-12-31")).unwrap()
}

fn htx() -> Filter {
    Filter::kind(OrgKind::Cooperative)
}

#[test]
fn header() {
    let p = plan();
    assert_eq!(p.id.as_str(), KEY);
    assert!(p.doc.is_none(), "the summary gives no number");
    assert!(p.issued.is_none(), "the summary gives no date");
    assert_eq!(p.called.as_deref(), Some("Kế hoạch"));
    assert_eq!(p.province.as_deref(), Some("Cà Mau"));
    let period = p.period.unwrap();
    assert_eq!(
        (period.start, period.end),
        (date("2023-01-01"), date("2023-12-31"))
    );
    for about in ["province", "period"] {
        assert!(
            p.assumptions
                .iter()
                .any(|a| a.about.as_deref() == Some(about)),
            "assumption on {about}"
        );
    }
    let cites: Vec<_> = p.cites.iter().map(|c| c.doc.to_string()).collect();
    assert_eq!(cites, ["20-NQ/TW", "23/2012/QH13"]);
    assert_eq!(p.cites[0].date, Some(date("2022-06-16")));
    assert!(p.reporting.is_none());
    assert!(p.validate().is_empty(), "{:?}", p.validate());
}

#[test]
fn targets_match_the_text() {
    let p = plan();
    catalog_common::check_targets(&p, &TARGETS);
    assert_eq!(
        p.target("p4.tht.new_per_commune").unwrap().threshold.unit(),
        &Unit::PerUnit {
            per: "xã".to_owned()
        }
    );
}

#[test]
fn measures() {
    let p = plan();
    let new_tht = Measure::New {
        filter: Filter::kind(OrgKind::CooperativeGroup),
        window: window_2023(),
    };
    assert_eq!(p.target("p4.tht.new").unwrap().measure, new_tht);
    assert_eq!(
        p.target("p4.tht.new_per_commune").unwrap().measure,
        Measure::Against {
            base: FigureBase::new_in(Filter::kind(OrgKind::CooperativeGroup), window_2023()),
            figure: "communes".to_owned(),
            scale: FigureScale::PerUnit
        }
    );
    assert_eq!(
        p.target("p4.htx.new").unwrap().measure,
        Measure::New {
            filter: htx(),
            window: window_2023()
        }
    );
    assert_eq!(
        p.target("p4.htx.new_members").unwrap().measure,
        Measure::Sum {
            field: Field::Members,
            filter: Filter::all([
                htx(),
                Filter::EstablishedIn {
                    window: window_2023()
                }
            ]),
            population: Population::AnyStatus,
        }
    );
    assert_eq!(
        p.target("p4.income.mean").unwrap().measure,
        Measure::Mean {
            field: Field::AvgIncomeVnd,
            filter: htx(),
            population: Population::Active
        }
    );
    assert_eq!(
        p.target("p4.revenue.mean").unwrap().measure,
        Measure::Mean {
            field: Field::RevenueVnd,
            filter: htx(),
            population: Population::Active
        }
    );
    assert_eq!(
        p.target("p4.key_staff_trained.ratio").unwrap().measure,
        Measure::RatioOfSums {
            numerator: Field::KeyStaffTrained,
            denominator: Field::KeyStaff,
            filter: htx(),
            population: Population::Active,
        }
    );
    assert_eq!(
        p.target("p4.key_staff_refreshed.ratio").unwrap().measure,
        Measure::RatioOfSums {
            numerator: Field::KeyStaffRefreshed,
            denominator: Field::KeyStaff,
            filter: htx(),
            population: Population::Active,
        }
    );
    assert_eq!(
        p.target("p4.effective.share").unwrap().measure,
        Measure::Share {
            numerator: Filter::fair_or_better(),
            denominator: Filter::all([htx(), Filter::Rated]),
            population: Population::Active,
        }
    );
}

#[test]
fn tasks() {
    let p = plan();
    let ids: Vec<_> = p.task_ids().map(|t| t.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5"]);
    for task in &p.tasks {
        let lead: Vec<_> = task.lead.iter().map(|a| a.as_str()).collect();
        assert_eq!(lead, ["so-khdt"], "{}", task.id);
        assert!(task.cooperating.is_empty(), "{}", task.id);
        assert!(task.schedule.is_none(), "{}", task.id);
        assert!(task.text.en.is_some(), "{}", task.id);
    }
    assert!(p
        .task("1")
        .unwrap()
        .text
        .vi
        .contains("Nghị quyết số 20-NQ/TW ngày 16/6/2022"));
    assert!(p.task("3").unwrap().text.vi.contains("mở 50 lớp tập huấn"));
    assert!(p
        .task("5")
        .unwrap()
        .text
        .vi
        .starts_with("Chỉ đạo, hướng dẫn xử lý"));
    assert!(p
        .assumptions
        .iter()
        .any(|a| a.about.as_deref() == Some("tasks.lead")));
    // The lead department's remit passed to the Department of Finance in 2025.
    let khdt = p
        .agencies
        .iter()
        .find(|a| a.id.as_str() == "so-khdt")
        .unwrap();
    assert_eq!(
        khdt.successor.as_ref().unwrap().agency.as_str(),
        "so-tai-chinh"
    );
}
