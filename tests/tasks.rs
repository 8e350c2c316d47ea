//! Tasks and agencies at the as-of date.

mod common;

use common::*;
use hoptac::{
    agency::Agency, agency::AgencyId, agency::AgencyLevel, agency::Succession, plan::ScheduleState,
    plan::TaskId, report::TaskReport, report::TaskStatus, Inputs, Registry, Schedule, Task,
};

fn task(id: &str, lead: &str, schedule: &str) -> Task {
    let mut t = Task::new(TaskId::new(id).unwrap(), format!("nhiệm vụ {id}"));
    t.lead.push(AgencyId::new(lead).unwrap());
    t.schedule = Some(schedule.parse::<Schedule>().unwrap());
    t
}

fn report(id: &str, year: i32, status: TaskStatus) -> TaskReport {
    TaskReport {
        task: TaskId::new(id).unwrap(),
        year,
        status,
        note: None,
    }
}

fn agencies() -> Vec<Agency> {
    vec![
        Agency::new(
            AgencyId::new("so-khdt").unwrap(),
            "Sở Kế hoạch và Đầu tư",
            "Department of Planning and Investment",
            AgencyLevel::Province,
        )
        .with_successor(Succession::new(
            AgencyId::new("so-tai-chinh").unwrap(),
            d(2025, 3, 1),
        )),
        Agency::new(
            AgencyId::new("so-tai-chinh").unwrap(),
            "Sở Tài chính",
            "Department of Finance",
            AgencyLevel::Province,
        ),
        Agency::new(
            AgencyId::new("lmhtx").unwrap(),
            "Liên minh Hợp tác xã tỉnh",
            "Provincial Cooperative Alliance",
            AgencyLevel::Province,
        ),
    ]
}

#[test]
fn tasks_are_followed_to_their_holders_and_checked_for_lateness() {
    let mut plan = plan(vec![]);
    plan.agencies = agencies();
    plan.tasks = vec![
        task("I.1", "so-khdt", "Năm 2023"),
        task("I.2", "lmhtx", "Hàng năm"),
        task("I.3", "so-khdt", "2023-2030"),
        task("I.4", "lmhtx", "2023-2024"),
        task("I.5", "lmhtx", "Thường xuyên"),
    ];
    let mut inputs = Inputs::new(d(2025, 12, 31));
    inputs.task_reports = vec![
        report("I.1", 2023, TaskStatus::Done),
        report("I.2", 2023, TaskStatus::InProgress),
        report("I.2", 2025, TaskStatus::InProgress),
        report("I.3", 2023, TaskStatus::InProgress),
        report("I.3", 2024, TaskStatus::InProgress),
        report("I.3", 2025, TaskStatus::Blocked),
        report("I.4", 2023, TaskStatus::InProgress),
        report("I.4", 2024, TaskStatus::InProgress),
    ];
    let r = plan.evaluate(&Registry::new(), &inputs).unwrap();
    let t = |id| r.task(id).unwrap();
    assert_eq!(t("I.1").schedule, Some(ScheduleState::Ended));
    assert!(!t("I.1").overdue, "done before its end");
    assert_eq!(t("I.1").lead, vec![AgencyId::new("so-tai-chinh").unwrap()]);
    assert_eq!(t("I.2").schedule, Some(ScheduleState::Continuous));
    assert_eq!(t("I.2").missing_reports, vec![2024]);
    assert_eq!(t("I.3").schedule, Some(ScheduleState::Running));
    assert_eq!(
        t("I.3").latest.as_ref().unwrap().status,
        TaskStatus::Blocked
    );
    assert!(!t("I.3").overdue);
    assert!(t("I.4").overdue, "ended in 2024, never reported done");
    assert!(t("I.4").missing_reports.is_empty());
    assert_eq!(t("I.5").missing_reports, vec![2023, 2024, 2025]);
    let finance = r
        .agencies
        .iter()
        .find(|a| a.agency.as_str() == "so-tai-chinh")
        .unwrap();
    assert_eq!(
        (finance.tasks_led, finance.overdue, finance.reports_missing),
        (2, 0, 0)
    );
    let alliance = r
        .agencies
        .iter()
        .find(|a| a.agency.as_str() == "lmhtx")
        .unwrap();
    assert_eq!(
        (
            alliance.tasks_led,
            alliance.overdue,
            alliance.reports_missing
        ),
        (3, 1, 2)
    );
    assert!(r.agencies.iter().all(|a| a.agency.as_str() != "so-khdt"));
    let text = r.table(hoptac::Lang::En).to_string();
    assert!(text.contains("OVERDUE"), "{text}");
    assert!(
        text.contains("reports missing for 2023, 2024, 2025"),
        "{text}"
    );
}

#[test]
fn before_the_reform_the_old_agency_holds_its_tasks() {
    let mut plan = plan(vec![]);
    plan.agencies = agencies();
    plan.tasks = vec![task("I.1", "so-khdt", "2023-2030")];
    let r = plan
        .evaluate(&Registry::new(), &Inputs::new(d(2024, 12, 31)))
        .unwrap();
    assert_eq!(
        r.task("I.1").unwrap().lead,
        vec![AgencyId::new("so-khdt").unwrap()]
    );
    // A mid-year as-of date does not yet expect the current year's report.
    let r = plan
        .evaluate(&Registry::new(), &Inputs::new(d(2024, 6, 30)))
        .unwrap();
    assert_eq!(r.task("I.1").unwrap().missing_reports, vec![2023]);
}

#[test]
fn inputs_that_match_nothing_are_noted() {
    let mut plan = plan(vec![target(
        "c",
        count(hoptac::Filter::Everything),
        "ít nhất 1",
        d(2030, 12, 31),
    )]);
    plan.agencies = agencies();
    plan.tasks = vec![task("I.1", "lmhtx", "Hàng năm")];
    let mut inputs = Inputs::new(d(2025, 12, 31));
    inputs.task_reports = vec![report("IX.9", 2025, TaskStatus::Done)];
    inputs.reported.insert("c".parse().unwrap(), 5.into());
    inputs.reported.insert("zz".parse().unwrap(), 5.into());
    let r = plan.evaluate(&Registry::new(), &inputs).unwrap();
    let notes: Vec<String> = r.notes[1..].iter().map(ToString::to_string).collect();
    assert_eq!(
        notes,
        [
            "a reported value for `c` was ignored: the target is measured on the registry"
                .to_owned(),
            "a reported value for `zz` was ignored: the plan has no such target".to_owned(),
            "task reports for `IX.9` were ignored: the plan has no such task".to_owned(),
        ]
    );
}

/// Reports of many tasks the plan lacks (another plan's, say) are one line.
#[test]
fn reports_of_tasks_the_plan_lacks_are_one_line() {
    let mut plan = plan(vec![target(
        "c",
        count(hoptac::Filter::Everything),
        "ít nhất 1",
        d(2030, 12, 31),
    )]);
    plan.agencies = agencies();
    plan.tasks = vec![task("I.1", "lmhtx", "Hàng năm")];
    let mut inputs = Inputs::new(d(2025, 12, 31));
    inputs.task_reports = ["IX.9", "II.2", "IX.9", "I.1", "X.1"]
        .into_iter()
        .map(|id| report(id, 2025, TaskStatus::Done))
        .collect();
    let r = plan.evaluate(&Registry::new(), &inputs).unwrap();
    let lacking: Vec<String> = r
        .notes
        .iter()
        .map(ToString::to_string)
        .filter(|n| n.starts_with("task reports"))
        .collect();
    // In Vietnamese too.
    assert!(r.notes.iter().any(|n| n.text(hoptac::Lang::Vi)
        == "bỏ qua báo cáo của 3 nhiệm vụ kế hoạch không có: `II.2`, `IX.9`, `X.1`"));
    assert_eq!(
        lacking,
        ["task reports for 3 tasks the plan lacks were ignored: `II.2`, `IX.9`, `X.1`"]
    );
}
