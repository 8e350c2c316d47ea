//! The evaluation engine through the public API: values, statuses and the
//! edge cases the domain's definitions name.

mod common;

use common::*;
use hoptac::{
    org::Flag, org::OrgKind, org::OrgStatus, org::Rating, plan::Field, plan::FigureBase,
    report::NoDataReason, Filter, Inputs, Lang, Measure, Registry, TargetStatus,
};
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// "About 1,200 cooperatives" (`c`) and "over 60% rated good or fair"
/// (`s`), by 2030.
fn count_and_share_plan() -> hoptac::Plan {
    plan(vec![
        target(
            "c",
            count(Filter::kind(OrgKind::Cooperative)),
            "khoảng 1.200 hợp tác xã",
            d(2030, 12, 31),
        ),
        target("s", good_fair_share(), "trên 60%", d(2030, 12, 31)),
    ])
}

fn eval_one(plan: &hoptac::Plan, registry: &Registry, as_of: chrono::NaiveDate) -> hoptac::Report {
    plan.evaluate(registry, &Inputs::new(as_of)).unwrap()
}

#[test]
fn empty_registry_counts_zero_and_shares_have_no_data() {
    let plan = count_and_share_plan();
    let reg = Registry::from(snapshot(d(2025, 12, 31), []));
    let r = eval_one(&plan, &reg, d(2025, 12, 31));
    let c = r.target("c").unwrap();
    assert_eq!(c.actual, Some(Decimal::ZERO));
    assert_eq!(c.met, Some(false));
    assert_eq!(c.status, TargetStatus::InProgress);
    let s = r.target("s").unwrap();
    assert_eq!(s.actual, None);
    assert_eq!(s.met, None);
    assert_eq!(s.status, TargetStatus::NoData);
    assert_eq!(s.no_data, Some(NoDataReason::EmptyDenominator));
    assert_eq!(
        s.no_data.as_ref().map(|w| w.text(Lang::Vi)),
        Some("mẫu số không có tổ chức nào".to_owned())
    );
    assert!(s.notes.is_empty());
}

#[test]
fn no_snapshot_is_no_data_for_every_registry_target() {
    let plan = plan(vec![target(
        "c",
        count(Filter::Everything),
        "ít nhất 1",
        d(2030, 12, 31),
    )]);
    let r = eval_one(&plan, &Registry::new(), d(2025, 12, 31));
    assert_eq!(r.target("c").unwrap().status, TargetStatus::NoData);
    assert_eq!(
        r.notes,
        vec![hoptac::report::Note::NoSnapshot {
            as_of: d(2025, 12, 31)
        }]
    );
}

#[test]
fn three_of_five_is_exactly_sixty_percent() {
    let orgs = [
        rated("a", 2025, Rating::Good),
        rated("b", 2025, Rating::Fair),
        rated("c", 2025, Rating::Fair),
        rated("d", 2025, Rating::Average),
        rated("e", 2025, Rating::Weak),
        htx("unrated"),
    ];
    let plan = plan(vec![
        target("gt", good_fair_share(), "trên 60%", d(2030, 12, 31)),
        target("ge", good_fair_share(), "ít nhất 60%", d(2030, 12, 31)),
    ]);
    let reg = Registry::from(snapshot(d(2025, 12, 31), orgs));
    let r = eval_one(&plan, &reg, d(2025, 12, 31));
    let gt = r.target("gt").unwrap();
    assert_eq!(gt.actual, Some(dec("60")));
    let parts = gt.parts.as_ref().unwrap();
    assert_eq!((parts.numerator, parts.denominator), (dec("3"), dec("5")));
    assert_eq!(gt.met, Some(false));
    assert_eq!(r.target("ge").unwrap().met, Some(true));
    assert_eq!(r.target("ge").unwrap().status, TargetStatus::Achieved);
}

#[test]
fn about_at_and_just_outside_its_tolerance() {
    let at = (0..95).map(|i| htx(&format!("h{i}")));
    let plan = plan(vec![target(
        "c",
        count(Filter::kind(OrgKind::Cooperative)),
        "khoảng 100 hợp tác xã",
        d(2030, 12, 31),
    )]);
    let r = eval_one(
        &plan,
        &Registry::from(snapshot(d(2025, 12, 31), at)),
        d(2025, 12, 31),
    );
    assert_eq!(
        r.target("c").unwrap().met,
        Some(true),
        "95 is about 100 within 5%"
    );
    let below = (0..94).map(|i| htx(&format!("h{i}")));
    let r = eval_one(
        &plan,
        &Registry::from(snapshot(d(2025, 12, 31), below)),
        d(2025, 12, 31),
    );
    assert_eq!(r.target("c").unwrap().met, Some(false), "94 is not");
}

#[test]
fn falling_target_below_ten_percent() {
    let weak_share = share(
        Filter::Rating {
            is: vec![Rating::Weak],
        },
        Filter::Rated,
    );
    let plan = plan(vec![target("w", weak_share, "dưới 10%", d(2025, 12, 31))]);
    let mut orgs: Vec<_> = (0..9)
        .map(|i| rated(&format!("g{i}"), 2024, Rating::Good))
        .collect();
    orgs.push(rated("weak", 2024, Rating::Weak));
    let r = eval_one(
        &plan,
        &Registry::from(snapshot(d(2024, 12, 31), orgs.clone())),
        d(2024, 12, 31),
    );
    let w = r.target("w").unwrap();
    assert_eq!(w.actual, Some(dec("10")));
    assert_eq!(w.met, Some(false));
    orgs.push(rated("g9", 2024, Rating::Good));
    let r = eval_one(
        &plan,
        &Registry::from(snapshot(d(2024, 12, 31), orgs)),
        d(2024, 12, 31),
    );
    assert_eq!(r.target("w").unwrap().met, Some(true));
}

#[test]
fn none_left_and_deadline_passed() {
    let paper = count(Filter::all([
        Filter::kind(OrgKind::Cooperative),
        flag(Flag::PaperOnly),
    ]));
    let plan = plan(vec![target("p", paper, "không còn", d(2025, 12, 31))]);
    let clean = Registry::from(snapshot(d(2026, 3, 31), [htx("a")]));
    let r = eval_one(&plan, &clean, d(2026, 3, 31));
    assert_eq!(r.target("p").unwrap().status, TargetStatus::Achieved);
    let paper_org = htx("b").with_flag(Flag::PaperOnly);
    let dirty = Registry::from(snapshot(d(2026, 3, 31), [htx("a"), paper_org]));
    let r = eval_one(&plan, &dirty, d(2026, 3, 31));
    let p = r.target("p").unwrap();
    assert_eq!(p.actual, Some(Decimal::ONE));
    assert_eq!(p.status, TargetStatus::Missed);
}

#[test]
fn population_follows_the_snapshot_date() {
    let as_of = d(2025, 12, 31);
    let mut later = htx("later");
    later.established = d(2026, 2, 1);
    let dissolved_after = dissolved(htx("dissolved-after"), d(2026, 1, 15));
    let dissolved_before = dissolved(htx("dissolved-before"), d(2025, 6, 1));
    let suspended = htx("suspended").with_status(OrgStatus::Suspended);
    let mut founded_today = htx("today");
    founded_today.established = as_of;
    let plan = plan(vec![target(
        "c",
        count(Filter::kind(OrgKind::Cooperative)),
        "ít nhất 1 hợp tác xã",
        d(2030, 12, 31),
    )]);
    let snap = snapshot(
        as_of,
        [
            htx("a"),
            later,
            dissolved_after,
            dissolved_before,
            suspended,
            founded_today,
        ],
    );
    let mut inputs = Inputs::new(as_of);
    inputs.drill_down = true;
    let r = plan.evaluate(&Registry::from(snap), &inputs).unwrap();
    let c = r.target("c").unwrap();
    // "dissolved-after" has status dissolved now: the definition of active
    // reads the recorded status, so only a, today count.
    assert_eq!(c.actual, Some(dec("2")));
    assert_eq!(
        c.parts.as_ref().unwrap().numerator_ids,
        Some(vec!["a".to_owned(), "today".to_owned()])
    );
}

#[test]
fn dissolution_dated_after_the_snapshot_keeps_an_active_record_active() {
    let as_of = d(2025, 12, 31);
    let mut leaving = htx("leaving");
    leaving.dissolved = Some(d(2026, 3, 1));
    let plan = plan(vec![target(
        "c",
        count(Filter::Everything),
        "ít nhất 1",
        d(2030, 12, 31),
    )]);
    let r = eval_one(&plan, &Registry::from(snapshot(as_of, [leaving])), as_of);
    assert_eq!(r.target("c").unwrap().actual, Some(Decimal::ONE));
}

#[test]
fn mean_counts_missing_values_apart_never_as_zero() {
    let mean = Measure::Mean {
        field: Field::RevenueVnd,
        filter: Filter::kind(OrgKind::Cooperative),
        population: Default::default(),
    };
    let plan = plan(vec![target(
        "m",
        mean,
        "1.000 triệu đồng trở lên",
        d(2030, 12, 31),
    )]);
    let mut a = htx("a");
    a.revenue_vnd = Some(dec("1500000000"));
    let mut b = htx("b");
    b.revenue_vnd = Some(dec("500000000"));
    let c = htx("c");
    let r = eval_one(
        &plan,
        &Registry::from(snapshot(d(2025, 12, 31), [a, b, c.clone()])),
        d(2025, 12, 31),
    );
    let m = r.target("m").unwrap();
    assert_eq!(m.actual, Some(dec("1000000000")));
    assert_eq!(m.met, Some(true));
    let p = m.parts.as_ref().unwrap();
    assert_eq!((p.counted, p.missing), (2, 1));
    let r = eval_one(
        &plan,
        &Registry::from(snapshot(d(2025, 12, 31), [c])),
        d(2025, 12, 31),
    );
    let m = r.target("m").unwrap();
    assert_eq!(m.status, TargetStatus::NoData);
    assert_eq!(
        m.no_data,
        Some(NoDataReason::AllMissing {
            missing: 1,
            fields: vec![Field::RevenueVnd]
        })
    );
    assert_eq!(
        m.no_data.as_ref().unwrap().to_string(),
        "all 1 organisations lack revenue (VND)"
    );
}

#[test]
fn ratio_of_sums_over_organisations_reporting_both() {
    let ratio = Measure::RatioOfSums {
        numerator: Field::KeyStaffTrained,
        denominator: Field::KeyStaff,
        filter: Filter::kind(OrgKind::Cooperative),
        population: Default::default(),
    };
    let plan = plan(vec![target("r", ratio, "khoảng 20%", d(2030, 12, 31))]);
    let mut a = htx("a");
    a.key_staff = Some(10);
    a.key_staff_trained = Some(1);
    let mut b = htx("b");
    b.key_staff = Some(10);
    b.key_staff_trained = Some(3);
    let mut c = htx("c");
    c.key_staff = Some(5);
    let r = eval_one(
        &plan,
        &Registry::from(snapshot(d(2025, 12, 31), [a, b, c])),
        d(2025, 12, 31),
    );
    let t = r.target("r").unwrap();
    assert_eq!(t.actual, Some(dec("20")));
    assert_eq!(t.parts.as_ref().unwrap().missing, 1);
}

#[test]
fn external_figures_and_reported_values() {
    let members = Measure::Against {
        base: FigureBase::sum(Field::Members, Filter::Everything),
        figure: "population".into(),
        scale: hoptac::plan::FigureScale::Percent,
    };
    let mut plan = plan(vec![
        target("pop", members, "tối thiểu 20%", d(2045, 12, 31)),
        target("books", Measure::Reported, "in 5.000 cuốn", d(2023, 12, 31)),
    ]);
    plan.period = None;
    let reg = Registry::from(snapshot(d(2025, 12, 31), [htx("a"), htx("b")]));
    let r = eval_one(&plan, &reg, d(2025, 12, 31));
    assert_eq!(r.target("pop").unwrap().status, TargetStatus::NoData);
    assert_eq!(
        r.target("pop").unwrap().no_data,
        Some(NoDataReason::FigureMissing {
            figure: "population".into()
        })
    );
    let mut inputs = Inputs::new(d(2025, 12, 31));
    inputs.figures.insert("population".into(), dec("80"));
    inputs
        .reported
        .insert("books".parse().unwrap(), dec("5000"));
    let r = plan.evaluate(&reg, &inputs).unwrap();
    assert_eq!(r.target("pop").unwrap().actual, Some(dec("25")));
    assert_eq!(
        r.target("pop").unwrap().figure.as_ref().unwrap().value,
        dec("80")
    );
    assert_eq!(r.target("books").unwrap().status, TargetStatus::Achieved);
}

#[test]
fn new_organisations_in_a_window_clipped_at_the_snapshot() {
    let window = hoptac::plan::DateWindow::new(d(2019, 6, 11), d(2025, 12, 31)).unwrap();
    let later = hoptac::plan::DateWindow::new(d(2026, 1, 1), d(2030, 12, 31)).unwrap();
    let plan = plan(vec![
        target(
            "n25",
            Measure::New {
                filter: Filter::kind(OrgKind::Cooperative),
                window,
            },
            "ít nhất 3 hợp tác xã",
            d(2025, 12, 31),
        ),
        target(
            "n30",
            Measure::New {
                filter: Filter::kind(OrgKind::Cooperative),
                window: later,
            },
            "ít nhất 3 hợp tác xã",
            d(2030, 12, 31),
        ),
    ]);
    let mut old = htx("old");
    old.established = d(2018, 1, 1);
    let mut gone = dissolved(htx("gone"), d(2024, 1, 1));
    gone.established = d(2021, 1, 1);
    let mut future = htx("future");
    future.established = d(2025, 7, 1);
    let r = eval_one(
        &plan,
        &Registry::from(snapshot(
            d(2025, 6, 30),
            [old.clone(), gone.clone(), htx("a"), future],
        )),
        d(2025, 6, 30),
    );
    // "gone" was founded in the window and counts although dissolved;
    // "future" is past the snapshot date.
    let n25 = r.target("n25").unwrap();
    assert_eq!(n25.actual, Some(dec("2")));
    assert_eq!(r.target("n30").unwrap().actual, Some(Decimal::ZERO));
    // Baseline 0 at the window's start: by mid-2025 the line expects 2.77.
    assert_eq!(n25.status, TargetStatus::Behind);
    // In mid-2021 it expects 0.91: two by then is ahead.
    let r = eval_one(
        &plan,
        &Registry::from(snapshot(d(2021, 6, 30), [old, gone, htx("a")])),
        d(2021, 6, 30),
    );
    assert_eq!(r.target("n25").unwrap().status, TargetStatus::OnTrack);
}

#[test]
fn history_gives_a_trend_and_a_projection() {
    let plan = plan(vec![target(
        "c",
        count(Filter::kind(OrgKind::Cooperative)),
        "ít nhất 10 hợp tác xã",
        d(2027, 12, 31),
    )]);
    let mut reg = Registry::new();
    for (year, n) in [(2023, 2), (2024, 4), (2025, 6)] {
        let orgs = (0..n).map(|i| htx(&format!("h{i}")));
        reg.insert(snapshot(d(year, 12, 31), orgs)).unwrap();
    }
    let r = eval_one(&plan, &reg, d(2025, 12, 31));
    let c = r.target("c").unwrap();
    let pace = c.pace.as_ref().unwrap();
    assert_eq!(pace.points, 3);
    // Two a year: 6 at the end of 2025 projects to about 10 at the end of 2027.
    let projected = pace.projected.unwrap();
    assert!((projected - dec("10")).abs() < dec("0.05"), "{projected}");
    assert_eq!(r.history, vec![d(2023, 12, 31), d(2024, 12, 31)]);
    let slow = plan_with_goal("ít nhất 20 hợp tác xã");
    let r = eval_one(&slow, &reg, d(2025, 12, 31));
    assert_eq!(r.target("c").unwrap().status, TargetStatus::Behind);
}

fn plan_with_goal(threshold: &str) -> hoptac::Plan {
    plan(vec![target(
        "c",
        count(Filter::kind(OrgKind::Cooperative)),
        threshold,
        d(2027, 12, 31),
    )])
}

#[test]
fn baseline_line_judges_the_pace_both_ways() {
    let weak = share(
        Filter::Rating {
            is: vec![Rating::Weak],
        },
        Filter::Rated,
    );
    let mut t = target("w", weak, "dưới 10%", d(2027, 12, 31));
    t.baseline = Some(hoptac::plan::Baseline {
        value: dec("30"),
        at: d(2023, 12, 31),
        source: None,
    });
    let plan = plan(vec![t]);
    // Halfway in time (731 of 1,461 days) the line from 30% to 10% expects
    // 19.993%; 2 weak of 10 is 20%: half the way, but a hair behind.
    let mut orgs: Vec<_> = (0..8)
        .map(|i| rated(&format!("g{i}"), 2025, Rating::Good))
        .collect();
    orgs.push(rated("w1", 2025, Rating::Weak));
    orgs.push(rated("w2", 2025, Rating::Weak));
    let r = eval_one(
        &plan,
        &Registry::from(snapshot(d(2025, 12, 31), orgs.clone())),
        d(2025, 12, 31),
    );
    let w = r.target("w").unwrap();
    assert_eq!(w.progress, Some(dec("50")));
    assert_eq!(w.status, TargetStatus::Behind);
    let expected = w.pace.as_ref().unwrap().expected_now.unwrap();
    assert!(
        expected > dec("19.99") && expected < dec("20"),
        "{expected}"
    );
    // 2 weak of 12 is 16.7%: below the line, on track for a falling target.
    orgs.push(rated("g8", 2025, Rating::Good));
    orgs.push(rated("g9", 2025, Rating::Good));
    let r = eval_one(
        &plan,
        &Registry::from(snapshot(d(2025, 12, 31), orgs)),
        d(2025, 12, 31),
    );
    assert_eq!(r.target("w").unwrap().status, TargetStatus::OnTrack);
}

#[test]
fn as_of_before_the_plan_is_noted() {
    let plan = plan(vec![target(
        "c",
        count(Filter::Everything),
        "ít nhất 1",
        d(2030, 12, 31),
    )]);
    let r = eval_one(
        &plan,
        &Registry::from(snapshot(d(2022, 12, 31), [htx("a")])),
        d(2022, 12, 31),
    );
    assert_eq!(
        r.notes,
        vec![hoptac::report::Note::AsOfBeforeIssue {
            as_of: d(2022, 12, 31),
            issued: d(2023, 5, 30)
        }]
    );
    assert_eq!(r.target("c").unwrap().status, TargetStatus::Achieved);
}

#[test]
fn invalid_plan_is_refused() {
    let mut p = plan(vec![target(
        "c",
        count(Filter::Everything),
        "ít nhất 1",
        d(2030, 12, 31),
    )]);
    p.targets.push(p.targets[0].clone());
    let err = p
        .evaluate(&Registry::new(), &Inputs::new(d(2025, 1, 1)))
        .unwrap_err();
    assert!(err.to_string().contains("duplicate target id `c`"), "{err}");
}

#[test]
fn report_prints_numbers_in_each_language() {
    let plan = count_and_share_plan();
    let mut orgs: Vec<_> = (0..1230).map(|i| htx(&format!("h{i}"))).collect();
    // 123 of 200 rated good or fair: 61.5%.
    for (i, o) in orgs.iter_mut().take(200).enumerate() {
        o.ratings
            .insert(2025, if i < 123 { Rating::Good } else { Rating::Weak });
    }
    let r = eval_one(
        &plan,
        &Registry::from(snapshot(d(2025, 12, 31), orgs)),
        d(2025, 12, 31),
    );
    let vi = r.table(Lang::Vi).to_string();
    let en = r.table(Lang::En).to_string();
    assert!(vi.contains("1.230") && vi.contains("61,5%"), "{vi}");
    assert!(en.contains("1,230") && en.contains("61.5%"), "{en}");
    assert_eq!(r.to_string(), vi);
    let json = serde_json::to_string(&r).unwrap();
    let back: hoptac::Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["targets"][1]["actual"], "61.5");
    assert_eq!(value["targets"][1]["status"], "achieved");
    assert_eq!(value["targets"][1]["met"], true);
}

#[test]
fn on_the_deadline_day_the_value_is_final() {
    let plan = plan(vec![target(
        "c",
        count(Filter::Everything),
        "ít nhất 5",
        d(2025, 12, 31),
    )]);
    let day_before = Registry::from(snapshot(d(2025, 12, 30), [htx("a")]));
    let status = |reg: &Registry, as_of| eval_one(&plan, reg, as_of).target("c").unwrap().status;
    assert_eq!(
        status(&day_before, d(2025, 12, 30)),
        TargetStatus::InProgress
    );
    let on_the_day = Registry::from(snapshot(d(2025, 12, 31), [htx("a")]));
    assert_eq!(status(&on_the_day, d(2025, 12, 31)), TargetStatus::Missed);
}

#[test]
fn ratings_recorded_for_cooperative_groups_do_not_count() {
    let group = org("tht", OrgKind::CooperativeGroup).with_rating(2025, Rating::Weak);
    let plan = plan(vec![target(
        "s",
        good_fair_share(),
        "trên 60%",
        d(2030, 12, 31),
    )]);
    let reg = Registry::from(snapshot(
        d(2025, 12, 31),
        [group, rated("a", 2025, Rating::Good)],
    ));
    let s = eval_one(&plan, &reg, d(2025, 12, 31));
    let parts = s.target("s").unwrap().parts.clone().unwrap();
    assert_eq!(
        (parts.numerator, parts.denominator),
        (Decimal::ONE, Decimal::ONE)
    );
}

/// The report's header names the plan as its document does, in the
/// report's language, each part only where the plan gives it.
#[test]
fn report_header_names_the_document() {
    let plan = hoptac::catalog::get("nghe-an-363-2023").unwrap();
    let report = plan
        .evaluate(&Registry::new(), &Inputs::new(d(2025, 12, 31)))
        .unwrap();
    let first = |lang| {
        report
            .table(lang)
            .to_string()
            .lines()
            .next()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        first(Lang::Vi),
        "ĐÁNH GIÁ KẾ HOẠCH Kế hoạch số 363/KH-UBND ngày 30/5/2023 của Ủy ban nhân dân tỉnh Nghệ An"
    );
    assert_eq!(
        first(Lang::En),
        "PLAN EVALUATION Plan No. 363/KH-UBND of 30/5/2023, Ủy ban nhân dân tỉnh Nghệ An"
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["doc"], "363/KH-UBND");
    assert_eq!(json["issued"], "2023-05-30");
    let mut undated = plan.clone();
    undated.doc = None;
    undated.issued = None;
    undated.self_citations.clear();
    let report = undated
        .evaluate(&Registry::new(), &Inputs::new(d(2025, 12, 31)))
        .unwrap();
    let line = report.table(Lang::Vi).to_string();
    assert!(
        line.starts_with("ĐÁNH GIÁ KẾ HOẠCH Kế hoạch của Ủy ban nhân dân tỉnh Nghệ An\n"),
        "{line}"
    );
}

/// Plan scope (DOMAIN.md, "Scope"): the organisations of two provinces,
/// generated, as one national snapshot.
mod scope {
    use super::*;
    use hoptac::generate::{self, GeneratorConfig};
    use hoptac::report::Note;
    use hoptac::{catalog, Snapshot, Tally};

    fn as_of() -> chrono::NaiveDate {
        d(2025, 12, 31)
    }

    fn nghe_an() -> Vec<hoptac::Cooperative> {
        generate::cooperatives(&GeneratorConfig::nghe_an(300, 7, as_of())).collect()
    }

    fn ha_tinh() -> Vec<hoptac::Cooperative> {
        let config = GeneratorConfig::nghe_an(200, 8, as_of()).with_province("Hà Tĩnh", "ht");
        generate::cooperatives(&config).collect()
    }

    fn national() -> Snapshot {
        // Interleaved, as a national registry sorted by id might be.
        let (a, b) = (nghe_an(), ha_tinh());
        let mut all = Vec::new();
        let mut bs = b.into_iter();
        for o in a {
            all.push(o);
            all.extend(bs.next());
        }
        all.extend(bs);
        snapshot(as_of(), all)
    }

    fn inputs() -> Inputs {
        let mut inputs = Inputs::new(as_of());
        inputs.figures.insert("population".into(), 3_442_000.into());
        inputs
    }

    #[test]
    fn a_national_registry_evaluates_as_the_province_alone() {
        let plan = catalog::get("nghe-an-363-2023").unwrap();
        let alone = plan
            .evaluate(&Registry::from(snapshot(as_of(), nghe_an())), &inputs())
            .unwrap();
        let national = plan
            .evaluate(&Registry::from(national()), &inputs())
            .unwrap();
        assert_eq!(national.organisations, 500);
        assert_eq!(national.outside_scope, 200);
        assert_eq!(alone.outside_scope, 0);
        for (a, n) in alone.targets.iter().zip(&national.targets) {
            assert_eq!(a, n, "{}", a.id);
        }
        assert_eq!(
            national.notes,
            vec![Note::OutsideScope {
                province: "Nghệ An".into(),
                organisations: 200,
                snapshot: as_of(),
            }]
        );
        assert!(alone.notes.is_empty(), "{:?}", alone.notes);
        let note = &national.notes[0];
        assert_eq!(
            note.text(Lang::Vi),
            "200 tổ chức ngoài tỉnh Nghệ An trong số liệu ngày 31/12/2025 không được tính"
        );
        assert_eq!(
            note.text(Lang::En),
            "200 organisations outside Nghệ An in the snapshot of 31/12/2025 were left out"
        );
    }

    #[test]
    fn the_plan_province_is_matched_whatever_its_form() {
        let mut plan = catalog::get("nghe-an-363-2023").unwrap();
        let snap = national();
        let reference = Tally::of(&plan, &snap).unwrap();
        assert_eq!(reference.outside_scope, 200);
        // "Tỉnh", case, NFD, and NFD names in the registry too.
        for written in ["Tỉnh Nghệ An", "tỉnh nghệ an", "NGHỆ AN"] {
            for province in [written.to_owned(), hoptac::text::nfd(written)] {
                plan.province = Some(province.clone());
                let t = Tally::of(&plan, &snap).unwrap();
                assert_eq!(t, reference, "{province:?}");
            }
        }
        let nfd_registry: Vec<_> = nghe_an()
            .into_iter()
            .chain(ha_tinh())
            .map(|mut o| {
                o.location.province = hoptac::text::nfd(&o.location.province);
                o
            })
            .collect();
        plan.province = Some("Nghệ An".into());
        let t = Tally::of(&plan, &snapshot(as_of(), nfd_registry)).unwrap();
        assert_eq!(t.outside_scope, 200);
        assert_eq!(t.targets, reference.targets);
    }

    #[test]
    fn only_other_provinces_is_evaluated_as_given_with_a_warning() {
        let plan = catalog::get("nghe-an-363-2023").unwrap();
        let mut unscoped = plan.clone();
        unscoped.province = None;
        let reg = Registry::from(snapshot(as_of(), ha_tinh()));
        let report = plan.evaluate(&reg, &inputs()).unwrap();
        let given = unscoped.evaluate(&reg, &inputs()).unwrap();
        assert_eq!(report.targets, given.targets);
        assert_eq!(report.outside_scope, 0);
        let warning = Note::NoneInScope {
            province: "Nghệ An".into(),
            organisations: 200,
            snapshot: as_of(),
        };
        assert_eq!(report.notes, vec![warning.clone()]);
        assert!(warning.text(Lang::Vi).starts_with(
            "cảnh báo: số liệu ngày 31/12/2025 không có tổ chức nào của tỉnh Nghệ An"
        ));
        assert!(warning
            .text(Lang::En)
            .starts_with("warning: the snapshot of 31/12/2025 holds no organisation of Nghệ An"));
        // A plan without a province counts everyone and says nothing.
        assert!(given.notes.is_empty());
    }

    #[test]
    fn the_scope_is_decided_per_snapshot() {
        // 2023: only Hà Tĩnh (a mistake); 2025: both. A 2023 target looked
        // at in 2025 is judged on 2023's snapshot, with that one's warning.
        let mut plan = catalog::get("nghe-an-363-2023").unwrap();
        let mut early = plan.targets[0].clone();
        early.id = hoptac::plan::TargetId::new("early").unwrap();
        early.deadline = d(2023, 12, 31);
        plan.targets.push(early);
        let mut reg = Registry::from(national());
        let old: Vec<_> = ha_tinh();
        reg.insert(snapshot(d(2023, 12, 31), old)).unwrap();
        let report = plan.evaluate(&reg, &inputs()).unwrap();
        assert_eq!(report.outside_scope, 200);
        let early = report.target("early").unwrap();
        assert_eq!(early.snapshot, Some(d(2023, 12, 31)));
        assert!(
            early.notes.iter().any(
                |n| matches!(n, Note::NoneInScope { snapshot, .. } if *snapshot == d(2023, 12, 31))
            ),
            "{:?}",
            early.notes
        );
    }

    #[test]
    fn merging_an_other_province_part_leaves_it_out() {
        let plan = catalog::get("nghe-an-363-2023").unwrap();
        let whole = Tally::of(&plan, &national()).unwrap();
        let mut a = Tally::of(&plan, &snapshot(as_of(), nghe_an())).unwrap();
        let b = Tally::of(&plan, &snapshot(as_of(), ha_tinh())).unwrap();
        assert!(b.none_in_scope && !a.none_in_scope);
        let mut b_first = b.clone();
        b_first.merge(&a).unwrap();
        a.merge(&b).unwrap();
        assert_eq!(a, whole);
        assert_eq!(b_first, whole);
        assert_eq!(whole.outside_scope, 200);
        assert!(!whole.none_in_scope);
        // Threads agree.
        let par =
            Tally::parallel(&plan, &national(), hoptac::tally::ScanOptions::default(), 3).unwrap();
        assert_eq!(par, whole);
    }
}

/// The bundled sample is of Nghệ An alone: scoping changes nothing in its
/// report but the added `outside_scope`, which is 0.
#[cfg(feature = "csv")]
#[test]
fn the_bundled_sample_changes_only_by_the_added_field() {
    use hoptac::csv::{read_csv_path, CsvOptions};
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/data/nghe-an");
    let mut registry = Registry::new();
    for y in 2023..=2025 {
        let date = d(y, 12, 31);
        let path = dir.join(format!("registry-{date}.csv"));
        registry
            .insert(read_csv_path(&path, date, &CsvOptions::default()).unwrap())
            .unwrap();
    }
    let text = std::fs::read_to_string(dir.join("inputs.json")).unwrap();
    let inputs: Inputs = serde_json::from_str(&text).unwrap();
    let plan = hoptac::catalog::get("nghe-an-363-2023").unwrap();
    assert_eq!(plan.province.as_deref(), Some("Nghệ An"));
    let mut unscoped = plan.clone();
    unscoped.province = None;
    let scoped = plan.evaluate(&registry, &inputs).unwrap();
    assert_eq!(scoped, unscoped.evaluate(&registry, &inputs).unwrap());
    assert_eq!(scoped.outside_scope, 0);
    let json = serde_json::to_value(&scoped).unwrap();
    assert_eq!(json["outside_scope"], 0);
    // A report written before the field existed still reads.
    let mut old = json.clone();
    old.as_object_mut().unwrap().remove("outside_scope");
    assert_eq!(
        serde_json::from_value::<hoptac::Report>(old).unwrap(),
        scoped
    );
}
