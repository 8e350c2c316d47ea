//! Builders shared by the integration tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use hoptac::{
    org::Flag, org::Location, org::OrgId, org::OrgKind, org::OrgStatus, org::Rating, org::Sector,
    plan::DateWindow, plan::NumberOp, plan::PlanId, plan::TargetId, Cooperative, Filter, Measure,
    Plan, Snapshot, Target, Threshold,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn org(id: &str, kind: OrgKind) -> Cooperative {
    Cooperative::new(
        OrgId::new(id).unwrap(),
        format!("Tổ chức {id}"),
        kind,
        Sector::Agriculture,
        Location::new("Nghệ An", "Hưng Lợi").with_district("Hưng Nguyên"),
        d(2020, 1, 1),
    )
}

pub fn htx(id: &str) -> Cooperative {
    org(id, OrgKind::Cooperative).with_members(10)
}

pub fn rated(id: &str, year: i32, rating: Rating) -> Cooperative {
    htx(id).with_rating(year, rating)
}

pub fn snapshot(date: NaiveDate, orgs: impl IntoIterator<Item = Cooperative>) -> Snapshot {
    Snapshot::from_cooperatives(date, orgs).unwrap()
}

pub fn target(id: &str, measure: Measure, threshold: &str, deadline: NaiveDate) -> Target {
    Target::new(
        TargetId::new(id).unwrap(),
        format!("mục tiêu {id}"),
        format!("target {id}"),
        measure,
        threshold.parse::<Threshold>().unwrap(),
        deadline,
    )
}

pub fn plan(targets: Vec<Target>) -> Plan {
    let mut plan = Plan::new(PlanId::new("test").unwrap(), "Kế hoạch thử", "UBND tỉnh");
    plan.issued = Some(d(2023, 5, 30));
    plan.targets = targets;
    plan
}

pub fn count(filter: Filter) -> Measure {
    Measure::count(filter)
}

pub fn share(numerator: Filter, denominator: Filter) -> Measure {
    Measure::share(numerator, denominator)
}

pub fn good_fair_share() -> Measure {
    share(Filter::fair_or_better(), Filter::Rated)
}

pub fn flag(flag: Flag) -> Filter {
    Filter::flag(flag)
}

pub fn dissolved(mut org: Cooperative, on: NaiveDate) -> Cooperative {
    org.dissolved = Some(on);
    org.status = OrgStatus::Dissolved;
    org
}

pub const DISTRICTS: [&str; 3] = ["Hưng Nguyên", "Nam Đàn", "Vinh"];

pub fn arb_org(i: usize) -> impl Strategy<Value = Cooperative> {
    (
        (0usize..3, 0usize..4, 0usize..8, 0usize..3),
        (0u32..=3000, any::<bool>(), 0i64..5_000_000_000),
        (
            proptest::option::of(0usize..4),
            proptest::option::of(0usize..4),
            0u8..32,
        ),
        (
            0i32..3000,
            proptest::option::of(0i32..2000),
            proptest::option::of(0i64..100),
        ),
        (
            proptest::option::of(0u32..20),
            proptest::option::of(0u32..20),
            any::<bool>(),
        ),
    )
        .prop_map(move |(cat, money, ratings, dates, staff)| {
            let (kind, status, sector, district) = cat;
            let (members, has_revenue, revenue) = money;
            let (r2024, r2025, flags) = ratings;
            let (est, dissolved_after, area) = dates;
            let (total, trained, has_total) = staff;
            let established = NaiveDate::from_ymd_opt(2017, 1, 1).unwrap()
                + chrono::Duration::days(i64::from(est));
            let mut org = Cooperative::new(
                OrgId::new(format!("o{i}")).unwrap(),
                format!("Tổ chức {i}"),
                OrgKind::ALL[kind],
                Sector::ALL[sector],
                Location::new("Nghệ An", format!("Xã {}", i % 5))
                    .with_district(DISTRICTS[district]),
                established,
            );
            org.status = OrgStatus::ALL[status];
            org.dissolved =
                dissolved_after.map(|days| established + chrono::Duration::days(i64::from(days)));
            org.members = (members > 0).then_some(members);
            org.revenue_vnd = has_revenue.then(|| Decimal::new(revenue, 0));
            if let Some(r) = r2024 {
                org.ratings.insert(2024, Rating::ALL[r]);
            }
            if let Some(r) = r2025 {
                org.ratings.insert(2025, Rating::ALL[r]);
            }
            org.flags = Flag::ALL
                .iter()
                .enumerate()
                .filter(|(b, _)| flags & (1 << b) != 0)
                .map(|(_, f)| *f)
                .collect();
            org.key_staff = if has_total { total } else { None };
            org.key_staff_trained = trained;
            if let Some(a) = area {
                org.extensions.insert(
                    "area_ha".into(),
                    hoptac::org::ExtValue::Number(Decimal::from(a)),
                );
            }
            org
        })
}

pub fn arb_orgs(max: usize) -> impl Strategy<Value = Vec<Cooperative>> {
    (0..=max).prop_flat_map(|n| (0..n).map(arb_org).collect::<Vec<_>>())
}

pub fn arb_leaf() -> impl Strategy<Value = Filter> {
    prop_oneof![
        Just(Filter::Everything),
        Just(Filter::Active),
        Just(Filter::Rated),
        proptest::sample::subsequence(OrgKind::ALL.to_vec(), 0..=3)
            .prop_map(|is| Filter::OrgKind { is }),
        proptest::sample::subsequence(OrgStatus::ALL.to_vec(), 0..=4)
            .prop_map(|is| Filter::Status { is }),
        proptest::sample::subsequence(Sector::ALL.to_vec(), 0..=3)
            .prop_map(|is| Filter::Sector { is }),
        proptest::sample::subsequence(Rating::ALL.to_vec(), 0..=4)
            .prop_map(|is| Filter::Rating { is }),
        proptest::sample::select(Flag::ALL.to_vec()).prop_map(|flag| Filter::Flag { flag }),
        proptest::sample::subsequence(
            DISTRICTS.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            0..=2
        )
        .prop_map(|is| Filter::District { is }),
        (0i64..3000, 0i64..3000).prop_map(|(a, b)| {
            let base = NaiveDate::from_ymd_opt(2017, 1, 1).unwrap();
            let (a, b) = (a.min(b), a.max(b));
            Filter::EstablishedIn {
                window: DateWindow::new(
                    base + chrono::Duration::days(a),
                    base + chrono::Duration::days(b),
                )
                .unwrap(),
            }
        }),
        (0i64..100).prop_map(|v| Filter::Number {
            name: "area_ha".into(),
            op: NumberOp::Ge,
            value: Decimal::from(v)
        }),
    ]
}

pub fn arb_filter() -> impl Strategy<Value = Filter> {
    arb_leaf().prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(|of| Filter::All { of }),
            proptest::collection::vec(inner.clone(), 0..4).prop_map(|of| Filter::Any { of }),
            inner.prop_map(Filter::not),
        ]
    })
}
