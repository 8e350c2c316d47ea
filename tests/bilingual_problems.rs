//! Every validation problem the crate finds is said in Vietnamese as well as
//! English (the quality bar: everything shown to people exists in both).
//! A plan and an organisation broken in many ways at once: each problem
//! found has its Vietnamese message, and `Problems::text(Lang::Vi)` shows
//! it.

use chrono::NaiveDate;
use hoptac::org::{Location, OrgId, OrgKind, OrgStatus, Rating, Sector};
use hoptac::plan::GroupBy;
use hoptac::{catalog, Cooperative, Lang, ProblemCode, Problems};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn assert_bilingual(problems: &Problems, at_least: usize) {
    assert!(problems.len() >= at_least, "{problems}");
    for p in problems.iter() {
        let vi = p
            .message_vi
            .as_deref()
            .unwrap_or_else(|| panic!("no Vietnamese: {p}"));
        assert!(!vi.is_empty(), "{p}");
        assert_ne!(vi, p.message, "{p}");
        assert_eq!(p.message(Lang::Vi), vi);
        assert_eq!(p.message(Lang::En), p.message);
    }
    let vi = problems.text(Lang::Vi);
    assert_eq!(vi.lines().count(), problems.len(), "{vi}");
    assert!(
        vi.lines()
            .all(|l| l.starts_with("lỗi[") || l.starts_with("cảnh báo[")),
        "{vi}"
    );
    assert_eq!(problems.text(Lang::En), problems.to_string());
}

#[test]
fn a_broken_plan_is_explained_in_both_languages() {
    let mut plan = catalog::get("nghe-an-363-2023").expect("plan");
    plan.issuer = " ".into();
    plan.title.vi.clear();
    let first = plan.targets[0].clone();
    plan.targets.push(first);
    plan.targets[1].parent = Some("khong-co".parse().expect("id"));
    plan.targets[2].breakdown = Some(GroupBy::District);
    plan.targets[2].label.en = None;
    plan.targets[3].deadline = d(2000, 1, 1);
    plan.tasks[0].lead.clear();
    plan.tasks[1]
        .cooperating
        .push("co-quan-la".parse().expect("id"));
    let lead = plan.tasks[2].lead.clone();
    plan.tasks[2].cooperating.extend(lead);
    let problems = plan.validate();
    for code in [
        ProblemCode::EmptyText,
        ProblemCode::DuplicateTargetId,
        ProblemCode::UnknownParentTarget,
        ProblemCode::TaskWithoutLead,
        ProblemCode::UnknownAgency,
        ProblemCode::AgencyLeadsAndCooperates,
    ] {
        assert!(problems.contains(code), "{code}: {problems}");
    }
    assert_bilingual(&problems, 8);
    assert!(problems
        .text(Lang::Vi)
        .contains("cơ quan ban hành để trống"));
}

#[test]
fn a_broken_organisation_is_explained_in_both_languages() {
    let mut org = Cooperative::new(
        OrgId::new("htx-1").expect("id"),
        " ",
        OrgKind::Cooperative,
        Sector::Agriculture,
        Location::new("Nghệ An", " "),
        d(2020, 5, 1),
    )
    .with_members(3)
    .with_rating(2019, Rating::Good);
    org.dissolved = Some(d(2019, 1, 1));
    org.status = OrgStatus::Active;
    org.member_coops = Some(2);
    org.key_staff = Some(1);
    org.key_staff_trained = Some(4);
    org.revenue_vnd = Some("-5".parse().expect("decimal"));
    let problems = org.validate(d(2024, 6, 30));
    assert_bilingual(&problems, 7);
    let group = Cooperative::new(
        OrgId::new("tht-1").expect("id"),
        "THT A",
        OrgKind::CooperativeGroup,
        Sector::Agriculture,
        Location::new("Nghệ An", "Vinh"),
        d(2020, 5, 1),
    )
    .with_rating(2023, Rating::Good);
    assert_bilingual(&group.validate(d(2019, 1, 1)), 2);
}

#[test]
fn a_plan_built_wrong_is_explained_in_both_languages() {
    let problems = hoptac::Plan::builder("Bad Id", "Kế hoạch", "UBND tỉnh")
        .task("t-1", "Tuyên truyền")
        .schedule("sớm")
        .build()
        .expect_err("a bad id and a bad schedule");
    assert_bilingual(&problems, 2);
    let vi = problems.text(Lang::Vi);
    assert!(vi.contains("không đọc được mã kế hoạch `Bad Id`"), "{vi}");
    assert!(
        vi.contains("không đọc được thời gian thực hiện `sớm`"),
        "{vi}"
    );
}
