//! The silent failures of 0.1, each refused or reported now: agency
//! problems that dropped successions, plans with errors that still reached
//! the engine, a part merged twice.

mod common;

use common::*;
use hoptac::{
    agency::AgencyId, agency::Succession, catalog, org::OrgKind, tally::MergeError, EvalError,
    Inputs, ProblemCode, Registry, Severity, Snapshot, Tally,
};

fn nghe_an() -> hoptac::Plan {
    catalog::get("nghe-an-363-2023").expect("bundled plan")
}

fn position(plan: &hoptac::Plan, id: &str) -> usize {
    plan.agencies
        .iter()
        .position(|a| a.id.as_str() == id)
        .expect("agency in plan")
}

fn leads_at(plan: &hoptac::Plan, as_of: chrono::NaiveDate) -> Vec<String> {
    let report = plan
        .evaluate(&Registry::new(), &Inputs::new(as_of))
        .expect("evaluates");
    report
        .tasks
        .iter()
        .flat_map(|t| t.lead.iter().map(|a| a.to_string()))
        .collect()
}

#[test]
fn successions_hold_in_evaluation() {
    let plan = nghe_an();
    let leads = leads_at(&plan, d(2025, 12, 31));
    assert!(leads.iter().any(|a| a == "so-tai-chinh"));
    assert!(
        !leads.iter().any(|a| a == "so-khdt"),
        "the Department of Planning and Investment leads nothing after 1/3/2025"
    );
}

#[test]
fn an_agency_without_an_english_name_is_an_error_of_the_plan_not_a_lost_succession() {
    let mut plan = nghe_an();
    let i = position(&plan, "so-nnptnt");
    plan.agencies[i].name.en = Some("  ".into());
    let problems = plan.validate();
    let p = problems
        .iter()
        .find(|p| p.code == ProblemCode::AgencyWithoutName)
        .expect("reported by Plan::validate");
    assert_eq!(p.path, format!("agencies[{i}].name.en"));
    assert_eq!(p.severity, Severity::Error);
    // 0.1 evaluated this plan and silently dropped every succession.
    let err = plan
        .evaluate(&Registry::new(), &Inputs::new(d(2025, 12, 31)))
        .unwrap_err();
    assert!(matches!(err, EvalError::InvalidPlan(_)), "{err}");
}

#[test]
fn an_ambiguous_alias_is_a_warning_with_its_own_code() {
    let mut plan = nghe_an();
    let i = position(&plan, "so-nnptnt");
    plan.agencies[i].aliases.push("Sở Tài chính".into());
    let problems = plan.validate();
    let p = problems
        .iter()
        .find(|p| p.code == ProblemCode::AmbiguousAgencyName)
        .expect("reported");
    assert_eq!(p.severity, Severity::Warning);
    assert!(
        p.path.starts_with(&format!("agencies[{i}].aliases[")),
        "{p}"
    );
    assert_eq!(
        ProblemCode::AmbiguousAgencyName.as_str(),
        "ambiguous_agency_name"
    );
}

#[test]
fn a_cycle_of_successors_is_reported_at_its_path() {
    let mut plan = nghe_an();
    let finance = position(&plan, "so-tai-chinh");
    plan.agencies[finance].successor = Some(Succession::new(
        AgencyId::new("so-khdt").unwrap(),
        d(2026, 1, 1),
    ));
    let problems = plan.validate();
    let cycle: Vec<_> = problems
        .iter()
        .filter(|p| p.code == ProblemCode::SuccessionCycle)
        .collect();
    assert_eq!(cycle.len(), 1, "{problems}");
    let first = position(&plan, "so-khdt").min(finance);
    assert_eq!(cycle[0].path, format!("agencies[{first}].successor"));
    assert!(cycle[0]
        .message
        .contains("so-khdt -> so-tai-chinh -> so-khdt"));
}

#[test]
fn an_unknown_successor_has_its_own_code() {
    let mut plan = nghe_an();
    let finance = position(&plan, "so-tai-chinh");
    plan.agencies[finance].successor = Some(Succession::new(
        AgencyId::new("so-khong-co").unwrap(),
        d(2026, 1, 1),
    ));
    let problems = plan.validate();
    let p = problems
        .iter()
        .find(|p| p.code == ProblemCode::UnknownSuccessor)
        .expect("reported");
    assert_eq!(p.path, format!("agencies[{finance}].successor.agency"));
    // Reported once, not by two copies of the check.
    assert_eq!(
        problems
            .iter()
            .filter(|p| p
                .path
                .starts_with(&format!("agencies[{finance}].successor")))
            .count(),
        1
    );
}

fn organisations(prefix: &str, n: usize) -> Snapshot {
    snapshot(
        d(2025, 12, 31),
        (0..n).map(|i| org(&format!("{prefix}-{i}"), OrgKind::Cooperative)),
    )
}

#[test]
fn merging_the_same_part_twice_is_refused() {
    let plan = nghe_an();
    let part = Tally::of(&plan, &organisations("a", 112)).unwrap();
    let mut total = part.clone();
    let err = total.merge(&part).unwrap_err();
    assert!(
        matches!(
            err,
            MergeError::Overlap {
                organisations: 112,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("overlap"), "{err}");
    assert_eq!(total.organisations, 112, "unchanged by the refused merge");

    // Also when the part travelled through JSON (computed on another machine).
    let travelled: Tally = serde_json::from_str(&serde_json::to_string(&part).unwrap()).unwrap();
    assert!(total.merge(&travelled).is_err());

    // And once merged with another part, merging either again is refused.
    let other = Tally::of(&plan, &organisations("b", 50)).unwrap();
    total.merge(&other).unwrap();
    assert_eq!(total.organisations, 162);
    assert!(total.merge(&other).is_err());
    assert!(total.merge(&part).is_err());
    let mut again = other.clone();
    again.merge(&part).unwrap();
    assert!(total.merge(&again).is_err());
    assert_eq!(total.organisations, 162);
}

#[test]
fn the_same_organisations_in_another_order_are_the_same_part() {
    let plan = nghe_an();
    let a = organisations("a", 20);
    let reversed = snapshot(
        d(2025, 12, 31),
        (0..20)
            .rev()
            .map(|i| org(&format!("a-{i}"), OrgKind::Cooperative)),
    );
    let mut t = Tally::of(&plan, &a).unwrap();
    assert!(t.merge(&Tally::of(&plan, &reversed).unwrap()).is_err());
}

#[test]
fn empty_tallies_merge_freely() {
    let plan = nghe_an();
    let empty = Tally::of(&plan, &Snapshot::new(d(2025, 12, 31))).unwrap();
    let mut t = Tally::of(&plan, &organisations("a", 5)).unwrap();
    let before = t.clone();
    t.merge(&empty).unwrap();
    t.merge(&empty).unwrap();
    assert_eq!(t, before);
}

#[test]
fn no_public_path_evaluates_a_plan_with_errors() {
    let mut plan = nghe_an();
    let copy = plan.targets[0].clone();
    plan.targets.push(copy); // a duplicate target id
    assert!(plan.validate().has_errors());
    let snap = organisations("a", 3);
    assert!(matches!(
        Tally::of(&plan, &snap),
        Err(EvalError::InvalidPlan(_))
    ));
    assert!(matches!(
        Tally::parallel(&plan, &snap, Default::default(), 2),
        Err(EvalError::InvalidPlan(_))
    ));
    let good = Tally::of(&nghe_an(), &snap).unwrap();
    let inputs = Inputs::new(d(2025, 12, 31));
    assert!(matches!(
        plan.finalize(Some(&good), &[], &inputs),
        Err(EvalError::InvalidPlan(_))
    ));
    assert!(matches!(
        plan.evaluate(&Registry::from(snap), &inputs),
        Err(EvalError::InvalidPlan(_))
    ));
}

#[test]
fn finalize_refuses_a_tally_of_another_plan() {
    let nghe_an = nghe_an();
    let lang_son = catalog::get("lang-son-538-2019").unwrap();
    let tally = Tally::of(&lang_son, &organisations("a", 3)).unwrap();
    let err = nghe_an
        .finalize(Some(&tally), &[], &Inputs::new(d(2025, 12, 31)))
        .unwrap_err();
    assert!(matches!(
        err,
        EvalError::Merge(MergeError::DifferentPlans { .. })
    ));
}
