//! Builders shared by the integration tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use hoptac::{
    Cooperative, Filter, Flag, Location, Measure, OrgId, OrgKind, OrgStatus, Plan, PlanId,
    Population, Rating, Sector, Snapshot, Target, TargetId, Threshold,
};

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
    Measure::Count {
        filter,
        population: Population::Active,
    }
}

pub fn share(numerator: Filter, denominator: Filter) -> Measure {
    Measure::Share {
        numerator,
        denominator,
        population: Population::Active,
    }
}

pub fn good_fair_share() -> Measure {
    share(Filter::fair_or_better(), Filter::Rated)
}

pub fn flag(flag: Flag) -> Filter {
    Filter::Flag { flag }
}

pub fn dissolved(mut org: Cooperative, on: NaiveDate) -> Cooperative {
    org.dissolved = Some(on);
    org.status = OrgStatus::Dissolved;
    org
}
