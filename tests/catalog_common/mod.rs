//! What the tests of the bundled plans share: loading a plan, checking its
//! targets against a table read from the source text, and reading its
//! agencies, citations and assumptions.
#![allow(dead_code)]

use chrono::NaiveDate;
use hoptac::{agency::AgencyDirectory, agency::AgencyId, catalog, Plan};

/// A bundled plan by key.
pub fn load(key: &str) -> Plan {
    catalog::get(key).expect("the bundled plan loads")
}

/// A date written `YYYY-MM-DD`.
pub fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A target as the text sets it: id, measure kind, comparator kind, value,
/// unit kind, deadline (`YYYY-MM-DD`).
pub type TargetRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// The `kind` tag of a value's JSON form.
pub fn kind_of(value: serde_json::Value) -> String {
    value["kind"].as_str().unwrap().to_owned()
}

/// Checks the plan's targets, in order, against `rows`; every target keeps
/// the sentence it was read from.
pub fn check_targets(plan: &Plan, rows: &[TargetRow]) {
    let ids: Vec<_> = plan.targets.iter().map(|t| t.id.as_str()).collect();
    let want: Vec<_> = rows.iter().map(|r| r.0).collect();
    assert_eq!(ids, want);
    for &(id, kind, comparator, value, unit, deadline) in rows {
        let t = plan.target(id).unwrap();
        assert_eq!(t.measure.kind().code(), kind, "{id}");
        let comparator_json = serde_json::to_value(t.threshold.comparator()).unwrap();
        assert_eq!(kind_of(comparator_json), comparator, "{id}");
        assert_eq!(t.threshold.value().to_string(), value, "{id}");
        let unit_json = serde_json::to_value(t.threshold.unit()).unwrap();
        assert_eq!(kind_of(unit_json), unit, "{id}");
        assert_eq!(t.deadline, date(deadline), "{id}");
        assert!(t.source_text.is_some(), "{id}");
    }
}

/// Who holds the remit of agency `id` on a date, by the plan's directory.
pub fn holder(plan: &Plan) -> impl Fn(&str, NaiveDate) -> String {
    let dir = AgencyDirectory::new(plan.agencies.clone()).unwrap();
    move |id, date| {
        dir.holder_at(&AgencyId::new(id).unwrap(), date)
            .unwrap()
            .id
            .to_string()
    }
}

/// What the plan's assumptions are about.
pub fn assumption_topics(plan: &Plan) -> Vec<&str> {
    plan.assumptions
        .iter()
        .filter_map(|a| a.about.as_deref())
        .collect()
}

/// The documents the plan implements, by number and date.
pub fn implements(plan: &Plan) -> Vec<(String, Option<NaiveDate>)> {
    plan.implements
        .iter()
        .map(|c| (c.doc.to_string(), c.date))
        .collect()
}

/// A date from its parts.
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Agency ids as text.
pub fn ids(list: &[AgencyId]) -> Vec<&str> {
    list.iter().map(AgencyId::as_str).collect()
}

/// The documents the plan cites, by number and date.
pub fn cites(plan: &Plan) -> Vec<(String, Option<NaiveDate>)> {
    plan.cites
        .iter()
        .map(|c| (c.doc.to_string(), c.date))
        .collect()
}

/// The plan's task ids, in order.
pub fn task_ids(plan: &Plan) -> Vec<&str> {
    plan.task_ids().map(|id| id.as_str()).collect()
}

/// Checks one task's lead and cooperating agencies, and that its text is one
/// line with an English version.
pub fn check_task(plan: &Plan, id: &str, lead: &[&str], cooperating: &[&str]) {
    let task = plan.task(id).unwrap();
    assert_eq!(ids(&task.lead), lead, "lead of task {id}");
    assert_eq!(
        ids(&task.cooperating),
        cooperating,
        "cooperating of task {id}"
    );
    assert!(!task.text.vi.contains('\n'), "task {id}");
    assert!(
        task.text.en.as_deref().is_some_and(|t| !t.is_empty()),
        "task {id}"
    );
}

/// Checks that every agency of the plan is a copy of the standard directory.
pub fn agencies_are_standard_copies(plan: &Plan) {
    let standard = AgencyDirectory::standard_province();
    for a in &plan.agencies {
        assert_eq!(standard.get(&a.id), Some(a), "{}", a.id);
    }
}
