//! Per-organisation values (DOMAIN.md, "Per-organisation values"): "bình
//! quân 25 thành viên/hợp tác xã" is a mean over the organisations the
//! target names, not a ratio to an outside figure; "/" between two kinds
//! means "or". Through the public API: the exact mean at the threshold, the
//! organisations that do not report the field counted apart, a mean over
//! nobody with no data, and parts that merge to the whole.

mod common;

use common::*;
use hoptac::{
    org::OrgKind, plan::Field, report::NoDataReason, Filter, Inputs, Measure, Registry, Tally,
    TargetStatus,
};
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// "bình quân 25 thành viên/hợp tác xã" over the cooperatives and unions
/// ("hợp tác xã/liên hiệp hợp tác xã").
fn members_per_coop() -> hoptac::Plan {
    let coops_or_unions = Filter::any([
        Filter::kind(OrgKind::Cooperative),
        Filter::kind(OrgKind::CooperativeUnion),
    ]);
    plan(vec![target(
        "members.mean",
        Measure::mean(Field::Members, coops_or_unions),
        "ít nhất 25 thành viên",
        d(2030, 12, 31),
    )])
}

fn with_members(id: &str, kind: OrgKind, n: Option<u32>) -> hoptac::Cooperative {
    let mut o = org(id, kind);
    o.members = n;
    o
}

fn evaluate(orgs: Vec<hoptac::Cooperative>) -> hoptac::TargetResult {
    let as_of = d(2025, 12, 31);
    let report = members_per_coop()
        .evaluate(&Registry::from(snapshot(as_of, orgs)), &Inputs::new(as_of))
        .unwrap();
    report.target("members.mean").unwrap().clone()
}

#[test]
fn a_mean_exactly_at_the_threshold_is_met() {
    // 20 + 30 = 50 members over 2 organisations: exactly 25.
    let t = evaluate(vec![
        with_members("a", OrgKind::Cooperative, Some(20)),
        with_members("b", OrgKind::CooperativeUnion, Some(30)),
    ]);
    assert_eq!(t.actual, Some(dec("25")));
    assert_eq!(t.met, Some(true));
    assert_eq!(t.status, TargetStatus::Achieved);
}

#[test]
fn a_mean_just_below_is_not_rounded_up() {
    // 74 members over 3 cooperatives: 24.666..., never shown as met.
    let t = evaluate(vec![
        with_members("a", OrgKind::Cooperative, Some(24)),
        with_members("b", OrgKind::Cooperative, Some(25)),
        with_members("c", OrgKind::Cooperative, Some(25)),
    ]);
    let actual = t.actual.unwrap();
    assert!(actual < dec("25") && actual > dec("24.66"), "{actual}");
    assert_eq!(t.met, Some(false));
}

#[test]
fn only_the_kinds_named_count_and_the_unreported_are_counted_apart() {
    let t = evaluate(vec![
        with_members("a", OrgKind::Cooperative, Some(40)),
        with_members("b", OrgKind::Cooperative, None),
        // A cooperative group is neither kind named: not in the mean.
        with_members("c", OrgKind::CooperativeGroup, Some(2)),
    ]);
    assert_eq!(t.actual, Some(dec("40")));
    let parts = t.parts.as_ref().unwrap();
    assert_eq!((parts.counted, parts.missing), (1, 1));
}

#[test]
fn a_mean_over_no_organisation_has_no_data_never_zero() {
    let t = evaluate(vec![with_members("g", OrgKind::CooperativeGroup, Some(9))]);
    assert_eq!(t.status, TargetStatus::NoData);
    assert_eq!(t.actual, None);
    assert!(
        matches!(t.no_data, Some(NoDataReason::NoValues)),
        "{:?}",
        t.no_data
    );
}

#[test]
fn the_mean_of_merged_parts_is_the_mean_of_the_whole_not_a_mean_of_means() {
    let plan = members_per_coop();
    let date = d(2025, 12, 31);
    let north = vec![
        with_members("n1", OrgKind::Cooperative, Some(10)),
        with_members("n2", OrgKind::Cooperative, Some(20)),
        with_members("n3", OrgKind::Cooperative, Some(30)),
    ];
    let south = vec![with_members("s1", OrgKind::Cooperative, Some(100))];
    let whole: Vec<_> = north.iter().chain(&south).cloned().collect();
    let mut merged = Tally::of(&plan, &snapshot(date, north)).unwrap();
    merged
        .merge(&Tally::of(&plan, &snapshot(date, south)).unwrap())
        .unwrap();
    assert_eq!(merged, Tally::of(&plan, &snapshot(date, whole)).unwrap());
    let report = plan
        .finalize(Some(&merged), &[], &Inputs::new(date))
        .unwrap();
    // 160 members over 4 cooperatives is 40; the mean of the two parts'
    // means, (20 + 100) / 2 = 60, would be wrong.
    assert_eq!(
        report.target("members.mean").unwrap().actual,
        Some(dec("40"))
    );
}
