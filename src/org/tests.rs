//! Tests of the registry record and its validation.

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::arb::arb_cooperative;
use super::*;
use crate::error::{ProblemCode, Severity};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn coop(kind: OrgKind, established: NaiveDate) -> Cooperative {
    Cooperative::new(
        OrgId::new("htx-001").unwrap(),
        "HTX Nông nghiệp Hưng Lợi",
        kind,
        Sector::Agriculture,
        Location::new("Nghệ An", "Hưng Lợi").with_district("Hưng Nguyên"),
        established,
    )
}

fn htx() -> Cooperative {
    coop(OrgKind::Cooperative, day(2015, 3, 2))
}

/// The codes of the problems, with their paths and severities.
fn found(c: &Cooperative, at: NaiveDate) -> Vec<(String, ProblemCode, Severity)> {
    c.validate(at)
        .iter()
        .map(|p| (p.path.clone(), p.code, p.severity))
        .collect()
}

fn only(path: &str, code: ProblemCode, severity: Severity) -> Vec<(String, ProblemCode, Severity)> {
    vec![(path.to_owned(), code, severity)]
}

#[test]
fn display_is_one_line() {
    assert_eq!(
        htx().to_string(),
        "HTX Nông nghiệp Hưng Lợi (htx-001), Hưng Lợi, Hưng Nguyên, Nghệ An"
    );
}

#[test]
fn new_has_documented_defaults() {
    let c = htx();
    assert_eq!(c.status, OrgStatus::Active);
    assert_eq!(c.dissolved, None);
    assert!(c.ratings.is_empty() && c.flags.is_empty() && c.extensions.is_empty());
    assert_eq!(
        (c.members, c.associate_members, c.member_coops),
        (None, None, None)
    );
    assert_eq!((c.revenue_vnd, c.avg_income_vnd), (None, None));
    assert_eq!(
        (c.key_staff, c.key_staff_trained, c.key_staff_refreshed),
        (None, None, None)
    );
    assert!(c.validate(day(2024, 1, 1)).is_empty());
}

#[test]
fn active_at_edges() {
    let c = coop(OrgKind::Cooperative, day(2020, 1, 15));
    assert!(!c.is_active_at(day(2020, 1, 14)));
    assert!(c.is_active_at(day(2020, 1, 15)), "established the same day");

    let dissolved = c.clone().with_dissolved(day(2023, 5, 1));
    assert!(
        !dissolved.is_active_at(day(2023, 5, 1)),
        "dissolved that day"
    );
    assert!(
        !dissolved.is_active_at(day(2022, 1, 1)),
        "status is dissolved"
    );

    let mut pending = c.clone();
    pending.dissolved = Some(day(2023, 5, 1));
    assert!(
        pending.is_active_at(day(2023, 4, 30)),
        "day before dissolution"
    );
    assert!(
        !pending.is_active_at(day(2023, 5, 1)),
        "dissolved the same day"
    );

    for status in [
        OrgStatus::Suspended,
        OrgStatus::Dissolving,
        OrgStatus::Dissolved,
    ] {
        assert!(!c.clone().with_status(status).is_active_at(day(2024, 1, 1)));
    }
}

#[test]
fn established_in_includes_both_ends() {
    let c = coop(OrgKind::CooperativeGroup, day(2025, 12, 31));
    assert!(c.is_established_in(day(2019, 6, 11), day(2025, 12, 31)));
    assert!(!c.is_established_in(day(2026, 1, 1), day(2030, 12, 31)));
    assert!(!c.is_established_in(day(2025, 1, 1), day(2025, 12, 30)));
}

#[test]
fn ratings_and_flags() {
    let c = htx()
        .with_rating(2022, Rating::Fair)
        .with_flag(Flag::HighTech);
    assert_eq!(c.rating_in(2022), Some(Rating::Fair));
    assert_eq!(c.rating_in(2023), None);
    assert!(c.has(Flag::HighTech));
    assert!(!c.has(Flag::Digital));
}

#[test]
fn law_switches_on_1_july_2024() {
    let c = htx().with_members(6);
    assert_eq!(
        found(&c, day(2024, 6, 30)),
        only("members", ProblemCode::TooFewMembers, Severity::Error)
    );
    assert!(c.validate(day(2024, 7, 1)).is_empty());
    assert!(htx().with_members(7).validate(day(2024, 6, 30)).is_empty());
    assert!(htx().with_members(5).validate(day(2024, 7, 1)).is_empty());
}

#[test]
fn member_messages() {
    let problems = htx().with_members(3).validate(day(2024, 7, 1));
    assert_eq!(
        problems.iter().next().unwrap().message,
        "3 official members at 2024-07-01, fewer than the 5 that Law on Cooperatives \
         17/2023/QH15 requires of a cooperative (htx)"
    );
    let problems = htx().with_members(1).validate(day(2020, 1, 1));
    assert_eq!(
        problems.iter().next().unwrap().message,
        "1 official member at 2020-01-01, fewer than the 7 that Law on Cooperatives \
         23/2012/QH13 requires of a cooperative (htx)"
    );
    let group = coop(OrgKind::CooperativeGroup, day(2015, 1, 1)).with_members(1);
    assert_eq!(
        group.validate(day(2020, 1, 1)).to_string(),
        "error[too_few_members] at members: 1 official member at 2020-01-01, fewer than \
         the 2 that Decree 77/2019/NĐ-CP on cooperative groups requires of a cooperative \
         group (tht)"
    );
    assert_eq!(
        group.validate(day(2025, 1, 1)).to_string(),
        "error[too_few_members] at members: 1 official member at 2025-01-01, fewer than \
         the 2 that Law on Cooperatives 17/2023/QH15 requires of a cooperative group (tht)"
    );
    let union = coop(OrgKind::CooperativeUnion, day(2015, 1, 1)).with_member_coops(3);
    assert_eq!(
        union.validate(day(2024, 6, 30)).to_string(),
        "error[too_few_member_cooperatives] at member_coops: 3 member cooperatives at \
         2024-06-30, fewer than the 4 that Law on Cooperatives 23/2012/QH13 requires of a \
         union of cooperatives (lhhtx)"
    );
    assert!(union.validate(day(2024, 7, 1)).is_empty());
}

#[test]
fn member_checks_need_a_known_count_and_an_active_organisation() {
    assert!(htx().validate(day(2024, 1, 1)).is_empty(), "unknown count");
    let suspended = htx().with_members(2).with_status(OrgStatus::Suspended);
    assert!(suspended.validate(day(2024, 1, 1)).is_empty());
    let union = coop(OrgKind::CooperativeUnion, day(2015, 1, 1)).with_members(1);
    assert!(
        union.validate(day(2024, 1, 1)).is_empty(),
        "a union's members are checked through member_coops"
    );
    let young = htx().with_members(2);
    assert_eq!(
        found(&young, day(2015, 3, 1)),
        only(
            "established",
            ProblemCode::CheckedBeforeEstablished,
            Severity::Warning
        )
    );
}

#[test]
fn dissolved_before_established() {
    let mut c = htx();
    c.dissolved = Some(day(2015, 3, 1));
    c.status = OrgStatus::Dissolved;
    let problems = c.validate(day(2024, 1, 1));
    assert_eq!(
        found(&c, day(2024, 1, 1)),
        only(
            "dissolved",
            ProblemCode::DissolvedBeforeEstablished,
            Severity::Error
        )
    );
    assert_eq!(
        problems.iter().next().unwrap().message,
        "dissolved on 2015-03-01, before it was established on 2015-03-02"
    );
    c.dissolved = Some(day(2015, 3, 2));
    assert!(c.validate(day(2024, 1, 1)).is_empty(), "same day is fine");
}

#[test]
fn rating_before_established() {
    let c = htx()
        .with_rating(2014, Rating::Good)
        .with_rating(2015, Rating::Fair);
    let problems = c.validate(day(2024, 1, 1));
    assert_eq!(
        found(&c, day(2024, 1, 1)),
        only(
            "ratings.2014",
            ProblemCode::RatingBeforeEstablished,
            Severity::Error
        )
    );
    assert_eq!(
        problems.iter().next().unwrap().message,
        "rated good for 2014, before 2015, the year the organisation was established"
    );
}

#[test]
fn rating_for_group() {
    let c = coop(OrgKind::CooperativeGroup, day(2015, 1, 1))
        .with_rating(2021, Rating::Fair)
        .with_rating(2022, Rating::Good);
    let problems = c.validate(day(2024, 1, 1));
    assert_eq!(
        found(&c, day(2024, 1, 1)),
        only("ratings", ProblemCode::RatingForGroup, Severity::Warning)
    );
    assert_eq!(
        problems.iter().next().unwrap().message,
        "a cooperative group (tht) is not rated, but has ratings for 2021, 2022"
    );
    assert!(!problems.has_errors());
}

#[test]
fn key_staff_above_total() {
    let mut c = htx();
    c.key_staff = Some(10);
    c.key_staff_trained = Some(12);
    c.key_staff_refreshed = Some(10);
    let problems = c.validate(day(2024, 1, 1));
    assert_eq!(
        found(&c, day(2024, 1, 1)),
        only(
            "key_staff_trained",
            ProblemCode::KeyStaffAboveTotal,
            Severity::Error
        )
    );
    assert_eq!(
        problems.iter().next().unwrap().message,
        "12 trained key staff, more than the 10 key staff in total"
    );
    c.key_staff_refreshed = Some(11);
    assert_eq!(c.validate(day(2024, 1, 1)).len(), 2);
    c.key_staff = None;
    assert!(c.validate(day(2024, 1, 1)).is_empty(), "total unknown");
}

#[test]
fn negative_money() {
    let mut c = htx();
    c.revenue_vnd = Some(Decimal::new(-5, 0));
    c.avg_income_vnd = Some(Decimal::ZERO);
    let problems = c.validate(day(2024, 1, 1));
    assert_eq!(
        found(&c, day(2024, 1, 1)),
        only("revenue_vnd", ProblemCode::NegativeMoney, Severity::Error)
    );
    assert_eq!(
        problems.iter().next().unwrap().message,
        "revenue of -5 VND is negative"
    );
    c.avg_income_vnd = Some(Decimal::new(-1, 1));
    assert_eq!(
        c.validate(day(2024, 1, 1))
            .iter()
            .nth(1)
            .unwrap()
            .to_string(),
        "error[negative_money] at avg_income_vnd: average member income of -0.1 VND is negative"
    );
}

#[test]
fn status_date_mismatch() {
    let dissolved_without_date = htx().with_status(OrgStatus::Dissolved);
    assert_eq!(
        dissolved_without_date.validate(day(2024, 1, 1)).to_string(),
        "warning[status_date_mismatch] at dissolved: status is dissolved but no \
         dissolution date is given"
    );

    let mut active_but_dissolved = htx();
    active_but_dissolved.dissolved = Some(day(2023, 5, 1));
    assert_eq!(
        active_but_dissolved.validate(day(2023, 5, 1)).to_string(),
        "warning[status_date_mismatch] at status: status is active at 2023-05-01, but \
         the organisation was dissolved on 2023-05-01"
    );
    assert!(
        active_but_dissolved.validate(day(2023, 4, 30)).is_empty(),
        "dissolution still ahead"
    );
    let dissolving = active_but_dissolved.with_status(OrgStatus::Dissolving);
    assert!(dissolving
        .validate(day(2024, 1, 1))
        .contains(ProblemCode::StatusDateMismatch));
}

#[test]
fn member_coops_on_non_union() {
    let c = htx().with_member_coops(4);
    let problems = c.validate(day(2024, 1, 1));
    assert_eq!(
        found(&c, day(2024, 1, 1)),
        only(
            "member_coops",
            ProblemCode::MemberCoopsOnNonUnion,
            Severity::Warning
        )
    );
    assert_eq!(
        problems.iter().next().unwrap().message,
        "4 member cooperatives given for a cooperative (htx): only a union of cooperatives \
         (lhhtx) has member cooperatives"
    );
}

#[test]
fn checked_before_established() {
    let c = htx();
    assert_eq!(
        c.validate(day(2015, 3, 1)).to_string(),
        "warning[checked_before_established] at established: checked at 2015-03-01, \
         before the organisation was established on 2015-03-02"
    );
    assert!(c.validate(day(2015, 3, 2)).is_empty());
}

#[test]
fn empty_texts() {
    let mut c = htx();
    c.name = " ".into();
    c.location.district = Some(String::new());
    c.extensions.insert(String::new(), ExtValue::Bool(true));
    let paths: Vec<_> = c
        .validate(day(2024, 1, 1))
        .iter()
        .map(|p| (p.path.clone(), p.code))
        .collect();
    assert_eq!(
        paths,
        [
            ("name".to_owned(), ProblemCode::EmptyText),
            ("location.district".to_owned(), ProblemCode::EmptyText),
            ("extensions".to_owned(), ProblemCode::EmptyText),
        ]
    );
}

#[test]
fn reports_every_problem_at_once() {
    let mut c = coop(OrgKind::CooperativeGroup, day(2020, 1, 1))
        .with_members(1)
        .with_member_coops(2)
        .with_rating(2019, Rating::Weak);
    c.revenue_vnd = Some(Decimal::new(-1, 0));
    c.key_staff = Some(1);
    c.key_staff_refreshed = Some(2);
    let problems = c.validate(day(2024, 1, 1));
    for code in [
        ProblemCode::TooFewMembers,
        ProblemCode::MemberCoopsOnNonUnion,
        ProblemCode::RatingBeforeEstablished,
        ProblemCode::RatingForGroup,
        ProblemCode::NegativeMoney,
        ProblemCode::KeyStaffAboveTotal,
    ] {
        assert!(problems.contains(code), "{code} missing from {problems}");
    }
    assert_eq!(problems.len(), 6);
}

#[test]
fn json_form() {
    let mut c = htx()
        .with_members(120)
        .with_rating(2023, Rating::Good)
        .with_flag(Flag::ValueChain)
        .with_flag(Flag::HighTech);
    c.revenue_vnd = Some(Decimal::new(1_500_000_000, 0));
    c.extensions
        .insert("area_ha".into(), ExtValue::Number(Decimal::new(125, 1)));
    c.extensions.insert("organic".into(), ExtValue::Bool(true));
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(
        json,
        r#"{"id":"htx-001","name":"HTX Nông nghiệp Hưng Lợi","kind":"htx","sector":"agriculture","location":{"province":"Nghệ An","district":"Hưng Nguyên","commune":"Hưng Lợi"},"established":"2015-03-02","status":"active","members":120,"ratings":{"2023":"good"},"flags":["high_tech","value_chain"],"revenue_vnd":"1500000000","extensions":{"area_ha":{"kind":"number","value":"12.5"},"organic":{"kind":"bool","value":true}}}"#
    );
    assert_eq!(serde_json::from_str::<Cooperative>(&json).unwrap(), c);
}

#[test]
fn json_is_strict() {
    let base = r#""id":"t-1","name":"THT Rau","kind":"tht","sector":"agriculture","location":{"province":"Lạng Sơn","commune":"Đồng Mỏ"},"established":"2020-05-04","status":"active""#;
    let c: Cooperative = serde_json::from_str(&format!("{{{base}}}")).unwrap();
    assert_eq!(c.location.district, None);
    assert_eq!(c.to_string(), "THT Rau (t-1), Đồng Mỏ, Lạng Sơn");
    for bad in [
        format!(r#"{{{base},"colour":"red"}}"#),
        format!(r#"{{{base},"ratings":{{"2023":"kha"}}}}"#),
        format!(r#"{{{base},"ratings":{{"year":"good"}}}}"#),
        format!(r#"{{{base},"flags":["digital","digital"]}}"#),
        format!(r#"{{{base},"revenue_vnd":"abc"}}"#),
        format!(r#"{{{base},"members":-1}}"#),
        format!(r#"{{{base},"extensions":{{"x":{{"kind":"text","value":"a"}}}}}}"#),
        format!(r#"{{{base},"extensions":{{"x":{{"kind":"bool","value":true,"y":1}}}}}}"#),
        format!("{{{}}}", base.replace(r#""t-1""#, r#""""#)),
        format!("{{{}}}", base.replace(r#""t-1""#, r#"" t-1""#)),
        format!("{{{}}}", base.replace(r#""commune""#, r#""ward""#)),
    ] {
        assert!(
            serde_json::from_str::<Cooperative>(&bad).is_err(),
            "accepted {bad}"
        );
    }
}

#[test]
fn ext_value_json() {
    let n = ExtValue::Number(Decimal::new(125, 1));
    assert_eq!(
        serde_json::to_string(&n).unwrap(),
        r#"{"kind":"number","value":"12.5"}"#
    );
    assert_eq!(
        serde_json::to_string(&ExtValue::Bool(false)).unwrap(),
        r#"{"kind":"bool","value":false}"#
    );
    assert_eq!(n.to_string(), "12.5");
    assert_eq!(n.as_bool(), None);
}

#[test]
fn location_json_and_display() {
    let loc = Location::new("Nghệ An", "Hưng Lợi");
    assert_eq!(
        serde_json::to_string(&loc).unwrap(),
        r#"{"province":"Nghệ An","commune":"Hưng Lợi"}"#
    );
    assert_eq!(loc.to_string(), "Hưng Lợi, Nghệ An");
}

proptest! {
    #[test]
    fn cooperative_json_round_trips(c in arb_cooperative()) {
        let json = serde_json::to_string(&c).unwrap();
        let back: Cooperative = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, c);
    }

    #[test]
    fn validate_never_panics(c in arb_cooperative(), at in super::arb::arb_date()) {
        let problems = c.validate(at);
        for p in &problems {
            prop_assert!(!p.message.is_empty());
            prop_assert!(!p.message.ends_with('.'));
        }
        if c.is_active_at(at) && c.kind != OrgKind::CooperativeUnion {
            let min = Law::in_force_at(at).min_members(c.kind);
            prop_assert_eq!(
                problems.contains(ProblemCode::TooFewMembers),
                c.members.is_some_and(|m| m < min)
            );
        }
    }

    #[test]
    fn json_parse_never_panics(s in ".{0,80}", t in any::<String>()) {
        let _ = serde_json::from_str::<Cooperative>(&s);
        let _ = serde_json::from_str::<Cooperative>(&t);
        let _ = serde_json::from_str::<Flags>(&s);
        let _ = serde_json::from_str::<ExtValue>(&s);
    }
}
