//! What real plans say beyond the five seeds (DOMAIN.md), through the
//! public API: each concept against the domain's wording and its edge cases.

mod common;

use common::*;
use hoptac::{
    org::ExtValue, org::OrgKind, plan::Field, plan::NumberOp, plan::Population,
    report::NoDataReason, Filter, Inputs, Lang, Measure, ProblemCode, Registry, TargetStatus,
};
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A count of every organisation, due at the end of 2030.
fn count_all(id: &str, threshold: &str) -> hoptac::Target {
    target(id, count(Filter::Everything), threshold, d(2030, 12, 31))
}

fn members(id: &str, n: Option<u32>) -> hoptac::Cooperative {
    let mut o = org(id, OrgKind::Cooperative);
    o.members = n;
    o
}

// ---- Size filters on built-in numeric fields ------------------------------

/// "HTX có trên 200 thành viên": strictly more than 200; an HTX that does
/// not report its members is neither counted nor taken as small.
#[test]
fn a_size_filter_reads_members_and_counts_the_unreported_as_missing() {
    let big = Filter::all([
        Filter::kind(OrgKind::Cooperative),
        Filter::size(Field::Members, NumberOp::Gt, 200.into()),
    ]);
    let plan = plan(vec![
        target("big", count(big.clone()), "ít nhất 2", d(2030, 12, 31)),
        target(
            "big-or-equal",
            count(Filter::size(Field::Members, NumberOp::Ge, 200.into())),
            "ít nhất 2",
            d(2030, 12, 31),
        ),
        target(
            "share-big",
            share(big, Filter::kind(OrgKind::Cooperative)),
            "ít nhất 50%",
            d(2030, 12, 31),
        ),
    ]);
    let orgs = [
        members("a", Some(201)),
        members("b", Some(200)), // the exact floor: not "trên 200"
        members("c", Some(3000)),
        members("d", None),
        org("tht", OrgKind::CooperativeGroup), // not an HTX: not missing
    ];
    let reg = Registry::from(snapshot(d(2025, 12, 31), orgs));
    let r = plan.evaluate(&reg, &Inputs::new(d(2025, 12, 31))).unwrap();
    let t = r.target("big").unwrap();
    assert_eq!(t.actual, Some(2.into()));
    assert_eq!(t.parts.as_ref().map(|p| p.missing), Some(1));
    assert_eq!(t.met, Some(true));
    assert_eq!(
        t.notes,
        vec![hoptac::report::Note::OrganisationsMissing { missing: 1 }]
    );
    // At least 200 includes the exact floor; the group has no members value
    // either, so it is missing here (the filter names no kind).
    let ge = r.target("big-or-equal").unwrap();
    assert_eq!(ge.actual, Some(3.into()));
    assert_eq!(ge.parts.as_ref().map(|p| p.missing), Some(2));
    // The share is over the HTX that report members: 2 of 3.
    let s = r.target("share-big").unwrap();
    let p = s.parts.as_ref().unwrap();
    assert_eq!(
        (p.numerator, p.denominator, p.missing),
        (2.into(), 3.into(), 1)
    );
}

/// "doanh thu từ 5 tỷ đồng trở lên": a money field, compared exactly.
#[test]
fn a_size_filter_reads_revenue_exactly() {
    let plan = plan(vec![target(
        "rich",
        count(Filter::size(
            Field::RevenueVnd,
            NumberOp::Ge,
            dec("5000000000"),
        )),
        "ít nhất 1",
        d(2030, 12, 31),
    )]);
    let orgs = [
        htx("a").with_revenue_vnd(dec("5000000000")),
        htx("b").with_revenue_vnd(dec("4999999999.99")),
        htx("c"),
    ];
    let r = plan
        .evaluate(
            &Registry::from(snapshot(d(2025, 12, 31), orgs)),
            &Inputs::new(d(2025, 12, 31)),
        )
        .unwrap();
    let t = r.target("rich").unwrap();
    assert_eq!(t.actual, Some(1.into()));
    assert_eq!(t.parts.as_ref().map(|p| p.missing), Some(1));
}

/// "Not more than 200 members" is not true of an HTX whose members are not
/// known: unknown stays unknown under `not`.
#[test]
fn not_of_an_unknown_size_is_unknown() {
    let small = Filter::not(Filter::size(Field::Members, NumberOp::Gt, 200.into()));
    let plan = plan(vec![target(
        "small",
        count(small),
        "ít nhất 1",
        d(2030, 12, 31),
    )]);
    let orgs = [members("a", Some(10)), members("b", None)];
    let r = plan
        .evaluate(
            &Registry::from(snapshot(d(2025, 12, 31), orgs)),
            &Inputs::new(d(2025, 12, 31)),
        )
        .unwrap();
    let t = r.target("small").unwrap();
    assert_eq!(t.actual, Some(1.into()));
    assert_eq!(t.parts.as_ref().map(|p| p.missing), Some(1));
}

/// When every candidate lacks the field, the count is unknown, not 0.
#[test]
fn a_size_filter_over_organisations_that_all_lack_the_field_has_no_data() {
    let plan = plan(vec![
        target(
            "c",
            count(Filter::size(Field::Members, NumberOp::Gt, 200.into())),
            "ít nhất 1",
            d(2030, 12, 31),
        ),
        target(
            "s",
            share(
                Filter::Everything,
                Filter::size(Field::Members, NumberOp::Gt, 200.into()),
            ),
            "ít nhất 50%",
            d(2030, 12, 31),
        ),
    ]);
    let orgs = [members("a", None), members("b", None)];
    let r = plan
        .evaluate(
            &Registry::from(snapshot(d(2025, 12, 31), orgs)),
            &Inputs::new(d(2025, 12, 31)),
        )
        .unwrap();
    for id in ["c", "s"] {
        let t = r.target(id).unwrap();
        assert_eq!(t.status, TargetStatus::NoData, "{id}");
        assert_eq!(
            t.no_data,
            Some(NoDataReason::AllMissing {
                missing: 2,
                fields: vec![Field::Members]
            })
        );
        assert_eq!(
            t.no_data.as_ref().unwrap().text(Lang::Vi),
            "cả 2 tổ chức đều thiếu thành viên chính thức"
        );
    }
    // No organisation at all: a count over nothing is 0.
    let empty = plan
        .evaluate(
            &Registry::from(snapshot(d(2025, 12, 31), [])),
            &Inputs::new(d(2025, 12, 31)),
        )
        .unwrap();
    assert_eq!(empty.target("c").unwrap().actual, Some(Decimal::ZERO));
}

/// Extension attributes are still read by size filters, with the same
/// rule for organisations without a value.
#[test]
fn a_size_filter_on_an_extension_counts_the_unreported_as_missing() {
    let mut a = htx("a");
    a.extensions
        .insert("area_ha".into(), ExtValue::Number(dec("12.5")));
    let plan = plan(vec![target(
        "c",
        Measure::Count {
            filter: Filter::Number {
                name: "area_ha".into(),
                op: NumberOp::Ge,
                value: 10.into(),
            },
            population: Population::Active,
        },
        "ít nhất 1",
        d(2030, 12, 31),
    )]);
    let r = plan
        .evaluate(
            &Registry::from(snapshot(d(2025, 12, 31), [a, htx("b")])),
            &Inputs::new(d(2025, 12, 31)),
        )
        .unwrap();
    let t = r.target("c").unwrap();
    assert_eq!(t.actual, Some(1.into()));
    assert_eq!(t.parts.as_ref().map(|p| p.missing), Some(1));
}

/// Names that no registry column can have are refused when the plan is
/// validated, with the path and the code `unknown_field`.
#[test]
fn a_filter_that_names_no_known_field_is_refused() {
    let number = |name: &str| Filter::Number {
        name: name.into(),
        op: NumberOp::Gt,
        value: 200.into(),
    };
    let cases: [(Filter, &str); 6] = [
        (number("Members"), "names no field: `Members` is not a field's code; the built-in field is `members` (official members)"),
        (number(""), "names no field: the name is empty"),
        (number(" members"), "names no field: ` members` has spaces around it, which no column name keeps"),
        (number("rating"), "names no field: `rating` is the record's `rating`, not a number"),
        (number("high_tech"), "names no field: `high_tech` is the flag `high_tech`, which a `flag` filter tests"),
        (
            Filter::Boolean { name: "members".into(), value: true },
            "`members` is a built-in number (official members), not a yes-or-no attribute",
        ),
    ];
    for (filter, why) in cases {
        let plan = plan(vec![target(
            "c",
            count(Filter::all([Filter::kind(OrgKind::Cooperative), filter])),
            "ít nhất 1",
            d(2030, 12, 31),
        )]);
        let problems = plan.validate();
        let p = problems
            .iter()
            .find(|p| p.code == ProblemCode::UnknownField)
            .unwrap_or_else(|| panic!("no problem for {why}"));
        assert_eq!(p.path, "targets[0].measure.filter.of[1].name");
        assert_eq!(p.message, format!("target `c`: {why}"));
        assert!(plan
            .evaluate(&Registry::new(), &Inputs::new(d(2025, 12, 31)))
            .is_err());
    }
    // A built-in field written as an extension attribute is refused too.
    let sum_plan = plan(vec![target(
        "s",
        Measure::Sum {
            field: Field::Extension {
                name: "members".into(),
            },
            filter: Filter::Everything,
            population: Population::Active,
        },
        "ít nhất 1 thành viên",
        d(2030, 12, 31),
    )]);
    let problems = sum_plan.validate();
    let p = problems
        .iter()
        .find(|p| p.code == ProblemCode::UnknownField)
        .unwrap();
    assert_eq!(p.path, "targets[0].measure.field.name");
    assert_eq!(
        p.message,
        r#"target `s`: `members` is a built-in field, not an extension attribute: write {"kind":"members"}"#
    );
    // Built-in codes and extension names pass.
    for name in ["members", "revenue_vnd", "key_staff", "area_ha"] {
        let plan = plan(vec![target(
            "c",
            count(number(name)),
            "ít nhất 1",
            d(2030, 12, 31),
        )]);
        assert!(!plan.validate().has_errors(), "{name}");
    }
}

// ---- Extension columns the registry does not have --------------------------

fn organic_share() -> hoptac::Plan {
    plan(vec![target(
        "organic",
        share(
            Filter::Boolean {
                name: "organic".into(),
                value: true,
            },
            Filter::kind(OrgKind::Cooperative),
        ),
        "ít nhất 50%",
        d(2030, 12, 31),
    )])
}

/// 0.1 reported 0 of all organisations for a share over a boolean column
/// the registry lacks; that is no data, with the reason.
#[test]
fn a_filter_on_a_column_the_registry_lacks_has_no_data() {
    let plan = organic_share();
    let reg = Registry::from(snapshot(d(2025, 12, 31), [htx("a"), htx("b")]));
    let r = plan.evaluate(&reg, &Inputs::new(d(2025, 12, 31))).unwrap();
    let t = r.target("organic").unwrap();
    assert_eq!(t.actual, None);
    assert_eq!(t.met, None);
    assert_eq!(t.status, TargetStatus::NoData);
    let why = t.no_data.clone().unwrap();
    assert_eq!(
        why,
        NoDataReason::ExtensionMissing {
            columns: vec!["organic".into()]
        }
    );
    assert_eq!(
        why.text(Lang::En),
        "the registry has no column `organic` (no organisation has a value in it)"
    );
    assert_eq!(
        why.text(Lang::Vi),
        "sổ đăng ký không có cột `organic` (không tổ chức nào có giá trị)"
    );
    assert_eq!(
        serde_json::to_string(&why).unwrap(),
        r#"{"kind":"extension_missing","columns":["organic"]}"#
    );
    // The snapshot used is still named.
    assert_eq!(t.snapshot, Some(d(2025, 12, 31)));
}

/// A column held by one part of a registry is held by the whole: merging
/// takes the union, and the merged report equals the whole's.
#[test]
fn a_column_held_by_one_part_is_held_by_the_merge() {
    let plan = organic_share();
    let mut a = htx("a");
    a.extensions.insert("organic".into(), ExtValue::Bool(true));
    let mut b = htx("b");
    b.location.district = Some("Nam Đàn".into());
    let date = d(2025, 12, 31);
    let whole = hoptac::Tally::of(&plan, &snapshot(date, [a.clone(), b.clone()])).unwrap();
    let mut merged = hoptac::Tally::of(&plan, &snapshot(date, [b])).unwrap();
    assert!(merged.extension_columns().is_empty());
    merged
        .merge(&hoptac::Tally::of(&plan, &snapshot(date, [a])).unwrap())
        .unwrap();
    assert_eq!(merged, whole);
    assert_eq!(merged.extension_columns(), ["organic"]);
    let r = plan
        .finalize(Some(&merged), &[], &Inputs::new(date))
        .unwrap();
    let t = r.target("organic").unwrap();
    assert_eq!(t.actual, Some(50.into()));
    // JSON keeps the columns.
    let json = serde_json::to_string(&merged).unwrap();
    assert_eq!(
        serde_json::from_str::<hoptac::Tally>(&json).unwrap(),
        merged
    );
}

// ---- Judged at the deadline ------------------------------------------------

fn htxs(n: usize, prefix: &str) -> Vec<hoptac::Cooperative> {
    (0..n).map(|i| htx(&format!("{prefix}{i}"))).collect()
}

fn registry(snaps: Vec<hoptac::Snapshot>) -> Registry {
    let mut reg = Registry::new();
    for s in snaps {
        reg.insert(s).unwrap();
    }
    reg
}

/// A 2023 plan looked at in 2026 is judged on its 2023 figures.
#[test]
fn a_target_past_its_deadline_is_judged_on_the_deadline_snapshot() {
    let plan = plan(vec![
        target(
            "c2023",
            count(Filter::kind(OrgKind::Cooperative)),
            "ít nhất 5",
            d(2023, 12, 31),
        ),
        target(
            "c2030",
            count(Filter::kind(OrgKind::Cooperative)),
            "ít nhất 5",
            d(2030, 12, 31),
        ),
    ]);
    let reg = registry(vec![
        snapshot(d(2023, 6, 30), htxs(2, "a")),
        snapshot(d(2023, 12, 31), htxs(3, "a")),
        snapshot(d(2025, 12, 31), htxs(10, "a")),
    ]);
    let r = plan.evaluate(&reg, &Inputs::new(d(2026, 6, 30))).unwrap();
    let old = r.target("c2023").unwrap();
    assert_eq!(old.snapshot, Some(d(2023, 12, 31)));
    assert_eq!(old.actual, Some(3.into()));
    assert_eq!(old.met, Some(false));
    assert_eq!(old.status, TargetStatus::Missed);
    // Its trend is drawn from the snapshots before the one judged.
    assert_eq!(old.pace.as_ref().map(|p| p.points), Some(2));
    assert!(old.notes.is_empty());
    // A target not yet due reads the current snapshot.
    let now = r.target("c2030").unwrap();
    assert_eq!(now.snapshot, Some(d(2025, 12, 31)));
    assert_eq!(now.actual, Some(10.into()));
    assert_eq!(r.snapshot, Some(d(2025, 12, 31)));
    // On the deadline day itself the current snapshot is the deadline's.
    let on = plan.evaluate(&reg, &Inputs::new(d(2023, 12, 31))).unwrap();
    assert_eq!(on.target("c2023").unwrap().snapshot, Some(d(2023, 12, 31)));
}

/// A deadline with no snapshot at it: the latest before it.
#[test]
fn a_deadline_between_snapshots_reads_the_one_before() {
    let plan = plan(vec![target(
        "c",
        count(Filter::kind(OrgKind::Cooperative)),
        "ít nhất 2",
        d(2023, 12, 31),
    )]);
    let reg = registry(vec![
        snapshot(d(2023, 6, 30), htxs(2, "a")),
        snapshot(d(2024, 12, 31), htxs(1, "a")),
    ]);
    let r = plan.evaluate(&reg, &Inputs::new(d(2025, 1, 1))).unwrap();
    let t = r.target("c").unwrap();
    assert_eq!(t.snapshot, Some(d(2023, 6, 30)));
    assert_eq!(t.actual, Some(2.into()));
    assert_eq!(t.status, TargetStatus::Achieved);
}

/// No snapshot on or before the deadline: the first later one, with a note.
#[test]
fn a_deadline_before_every_snapshot_reads_the_first_later_with_a_note() {
    let plan = plan(vec![target(
        "c",
        count(Filter::kind(OrgKind::Cooperative)),
        "ít nhất 2",
        d(2023, 12, 31),
    )]);
    let reg = registry(vec![
        snapshot(d(2024, 12, 31), htxs(2, "a")),
        snapshot(d(2025, 12, 31), htxs(9, "a")),
    ]);
    let r = plan.evaluate(&reg, &Inputs::new(d(2026, 1, 1))).unwrap();
    let t = r.target("c").unwrap();
    assert_eq!(t.snapshot, Some(d(2024, 12, 31)));
    assert_eq!(t.actual, Some(2.into()));
    assert_eq!(
        t.notes,
        vec![hoptac::report::Note::JudgedOnLaterSnapshot {
            deadline: d(2023, 12, 31),
            snapshot: d(2024, 12, 31)
        }]
    );
    assert_eq!(
        t.notes[0].text(Lang::Vi),
        "không có số liệu đăng ký đến thời hạn 31/12/2023: đánh giá theo số liệu ngày 31/12/2024"
    );
    // With no snapshot at all there is no data.
    let none = plan
        .evaluate(&Registry::new(), &Inputs::new(d(2026, 1, 1)))
        .unwrap();
    assert_eq!(
        none.target("c").unwrap().no_data,
        Some(NoDataReason::NoSnapshot)
    );
}

/// The active population is taken at the date of the snapshot used: an
/// HTX dissolved in 2024 counts in the 2023 figures.
#[test]
fn the_population_is_taken_at_the_date_of_the_snapshot_used() {
    let plan = plan(vec![target(
        "c",
        count(Filter::kind(OrgKind::Cooperative)),
        "ít nhất 2",
        d(2023, 12, 31),
    )]);
    let gone = dissolved(htx("b"), d(2024, 3, 1));
    let reg = registry(vec![
        snapshot(d(2023, 12, 31), [htx("a"), htx("b")]),
        snapshot(d(2025, 12, 31), [htx("a"), gone]),
    ]);
    let r = plan.evaluate(&reg, &Inputs::new(d(2026, 1, 1))).unwrap();
    assert_eq!(r.target("c").unwrap().actual, Some(2.into()));
    assert_eq!(r.target("c").unwrap().status, TargetStatus::Achieved);
}

// ---- At risk -------------------------------------------------------------

/// Met now, but the least-squares line through the history (the same as
/// `pace.projected`) falls below the threshold by the deadline.
#[test]
fn a_target_met_now_but_projected_to_fall_short_is_at_risk() {
    let plan = plan(vec![
        target(
            "c",
            count(Filter::kind(OrgKind::Cooperative)),
            "ít nhất 5",
            d(2030, 12, 31),
        ),
        target(
            "weak",
            share(
                Filter::Rating {
                    is: vec![hoptac::org::Rating::Weak],
                },
                Filter::Rated,
            ),
            "dưới 50%",
            d(2030, 12, 31),
        ),
    ]);
    let rated_set = |weak: usize, other: usize, year: i32| {
        let mut v: Vec<hoptac::Cooperative> = (0..weak)
            .map(|i| rated(&format!("w{i}"), year, hoptac::org::Rating::Weak))
            .collect();
        v.extend((0..other).map(|i| rated(&format!("g{i}"), year, hoptac::org::Rating::Good)));
        v
    };
    // Falling from 9 to 6 HTX: met (≥ 5), but heading to about 0 by 2030.
    // Weak share rising from 10% to 40%: met (< 50%), heading past 50%.
    let reg = registry(vec![
        snapshot(d(2023, 12, 31), rated_set(1, 8, 2023)),
        snapshot(d(2024, 12, 31), rated_set(2, 6, 2024)),
        snapshot(d(2025, 12, 31), rated_set(2, 3, 2025)),
    ]);
    let r = plan.evaluate(&reg, &Inputs::new(d(2025, 12, 31))).unwrap();
    for id in ["c", "weak"] {
        let t = r.target(id).unwrap();
        assert_eq!(t.met, Some(true), "{id}");
        assert_eq!(t.status, TargetStatus::AtRisk, "{id}");
        let projected = t.pace.as_ref().and_then(|p| p.projected).unwrap();
        assert!(!t.threshold.is_met(projected), "{id}: {projected}");
    }
    assert_eq!(
        hoptac::Labelled::label(&TargetStatus::AtRisk, Lang::Vi),
        "đã đạt, có nguy cơ không giữ được"
    );
    assert_eq!(
        serde_json::to_string(&TargetStatus::AtRisk).unwrap(),
        "\"at_risk\""
    );
    // Past the deadline the value is final: achieved, not at risk.
    let late = plan.evaluate(&reg, &Inputs::new(d(2031, 1, 1))).unwrap();
    assert_eq!(late.target("c").unwrap().status, TargetStatus::Achieved);
    // Without history there is no projection: achieved.
    let one = registry(vec![snapshot(d(2025, 12, 31), rated_set(2, 3, 2025))]);
    let r = plan.evaluate(&one, &Inputs::new(d(2025, 12, 31))).unwrap();
    assert_eq!(r.target("c").unwrap().status, TargetStatus::Achieved);
}

/// A rising trend keeps an achieved target achieved.
#[test]
fn a_target_met_and_projected_to_stay_met_is_achieved() {
    let plan = plan(vec![target(
        "c",
        count(Filter::kind(OrgKind::Cooperative)),
        "ít nhất 2",
        d(2030, 12, 31),
    )]);
    let reg = registry(vec![
        snapshot(d(2024, 12, 31), htxs(2, "a")),
        snapshot(d(2025, 12, 31), htxs(3, "a")),
    ]);
    let r = plan.evaluate(&reg, &Inputs::new(d(2025, 12, 31))).unwrap();
    assert_eq!(r.target("c").unwrap().status, TargetStatus::Achieved);
}

// ---- Growth against a base year, average yearly growth ----------------------

fn with_growth(mut t: hoptac::Target, g: hoptac::plan::Growth) -> hoptac::Target {
    t.growth = Some(g);
    t
}

fn against(base_year: i32) -> hoptac::plan::Growth {
    serde_json::from_value(serde_json::json!({"kind": "against_base", "base_year": base_year}))
        .unwrap()
}

fn yearly(from_year: i32) -> hoptac::plan::Growth {
    serde_json::from_value(serde_json::json!({"kind": "yearly", "from_year": from_year})).unwrap()
}

/// "số HTX tăng tối thiểu 8% so với năm 2021": 100 at the end of 2021, so
/// 108 is exactly at the inequality and meets "ít nhất", not "trên".
#[test]
fn growth_against_a_base_year_is_decided_exactly_at_the_inequality() {
    let htx = || count(Filter::kind(OrgKind::Cooperative));
    let plan = plan(vec![
        with_growth(
            target("ge", htx(), "ít nhất 8%", d(2030, 12, 31)),
            against(2021),
        ),
        with_growth(
            target("gt", htx(), "trên 8%", d(2030, 12, 31)),
            against(2021),
        ),
    ]);
    let reg = |now: usize| {
        registry(vec![
            snapshot(d(2021, 6, 30), htxs(50, "a")),
            snapshot(d(2021, 12, 31), htxs(100, "a")),
            snapshot(d(2025, 12, 31), htxs(now, "a")),
        ])
    };
    let r = plan
        .evaluate(&reg(108), &Inputs::new(d(2025, 12, 31)))
        .unwrap();
    let ge = r.target("ge").unwrap();
    assert_eq!(ge.met, Some(true));
    assert_eq!(ge.status, TargetStatus::Achieved);
    assert_eq!(ge.actual, Some(8.into()));
    let g = ge.growth.as_ref().unwrap();
    assert_eq!(
        (g.base, g.value, g.required),
        (100.into(), 108.into(), 108.into())
    );
    assert_eq!(
        g.source,
        hoptac::report::BaseSource::Snapshot {
            date: d(2021, 12, 31)
        }
    );
    assert_eq!((g.base_year, g.year), (2021, 2025));
    let gt = r.target("gt").unwrap();
    assert_eq!(gt.met, Some(false));
    assert_eq!(gt.status, TargetStatus::InProgress);
    let r = plan
        .evaluate(&reg(107), &Inputs::new(d(2025, 12, 31)))
        .unwrap();
    assert_eq!(r.target("ge").unwrap().met, Some(false));
}

/// "tăng bình quân 10%/năm" over 2023-2030: base at the end of 2022; in
/// 2025 the value must reach base × 1.1³ = 133.1 exactly.
#[test]
fn average_yearly_growth_compounds_with_exact_powers() {
    let plan = plan(vec![with_growth(
        target(
            "rev",
            Measure::sum(Field::RevenueVnd, Filter::kind(OrgKind::Cooperative)),
            "ít nhất 10%",
            d(2030, 12, 31),
        ),
        yearly(2023),
    )]);
    let with_revenue = |v: &str| snapshot(d(2025, 12, 31), [htx("a").with_revenue_vnd(dec(v))]);
    let mut inputs = Inputs::new(d(2025, 12, 31));
    inputs
        .base_values
        .insert(hoptac::plan::TargetId::new("rev").unwrap(), 100.into());
    let r = plan
        .evaluate(&registry(vec![with_revenue("133.1")]), &inputs)
        .unwrap();
    let t = r.target("rev").unwrap();
    assert_eq!(t.met, Some(true));
    assert_eq!(t.actual, Some(10.into()));
    let g = t.growth.as_ref().unwrap();
    assert_eq!(g.required, dec("133.1"));
    assert_eq!(g.source, hoptac::report::BaseSource::Inputs);
    let r = plan
        .evaluate(&registry(vec![with_revenue("133.09")]), &inputs)
        .unwrap();
    let t = r.target("rev").unwrap();
    assert_eq!(t.met, Some(false));
    // The realised rate is shown rounded: just under 10%.
    assert!(t.actual.unwrap() < 10.into() && t.actual.unwrap() > dec("9.99"));
}

/// No base value: no data, with that reason; before the period starts:
/// no data either.
#[test]
fn growth_without_a_base_or_before_its_period_has_no_data() {
    let plan = plan(vec![
        with_growth(count_all("a", "ít nhất 8%"), against(2021)),
        with_growth(count_all("y", "ít nhất 5%"), yearly(2026)),
    ]);
    let reg = registry(vec![snapshot(d(2025, 12, 31), htxs(3, "a"))]);
    let r = plan.evaluate(&reg, &Inputs::new(d(2025, 12, 31))).unwrap();
    let a = r.target("a").unwrap();
    assert_eq!(a.status, TargetStatus::NoData);
    assert_eq!(a.no_data, Some(NoDataReason::NoBaseValue { year: 2021 }));
    assert_eq!(
        a.no_data.as_ref().unwrap().text(Lang::En),
        "no base value for 2021: no snapshot dated in it, none supplied"
    );
    let y = r.target("y").unwrap();
    assert_eq!(
        y.no_data,
        Some(NoDataReason::BeforeGrowthPeriod {
            base_year: 2025,
            year: 2025
        })
    );
    // A base of zero is not a base to grow from.
    let mut inputs = Inputs::new(d(2025, 12, 31));
    inputs
        .base_values
        .insert(hoptac::plan::TargetId::new("a").unwrap(), Decimal::ZERO);
    let r = plan.evaluate(&reg, &inputs).unwrap();
    assert_eq!(
        r.target("a").unwrap().no_data,
        Some(NoDataReason::BaseNotPositive {
            value: Decimal::ZERO
        })
    );
}

/// Quantities no registry holds ("nộp ngân sách tăng 8% so với năm 2021")
/// are reported per year and follow the same rule.
#[test]
fn growth_of_reported_values_per_year() {
    let plan = plan(vec![with_growth(
        target("budget", Measure::Reported, "ít nhất 8%", d(2025, 12, 31)),
        against(2021),
    )]);
    let inputs: Inputs = serde_json::from_value(serde_json::json!({
        "as_of": "2025-12-31",
        "reported_by_year": {"budget": {"2021": "200", "2025": 216}}
    }))
    .unwrap();
    let r = plan.evaluate(&Registry::new(), &inputs).unwrap();
    let t = r.target("budget").unwrap();
    assert_eq!(t.met, Some(true));
    assert_eq!(t.status, TargetStatus::Achieved);
    assert_eq!(
        t.growth.as_ref().unwrap().source,
        hoptac::report::BaseSource::Reported
    );
    // The JSON form round-trips.
    let json = serde_json::to_string(&inputs).unwrap();
    assert_eq!(serde_json::from_str::<Inputs>(&json).unwrap(), inputs);
}

// ---- Running totals and levels ----------------------------------------------

fn reported_target(id: &str, threshold: &str, acc: Option<&str>) -> hoptac::Target {
    let mut t = target(id, Measure::Reported, threshold, d(2025, 12, 31));
    t.accumulation = acc.map(|a| serde_json::from_str(a).unwrap());
    t
}

/// "mở 150 lớp tập huấn giai đoạn 2023-2025" adds the years up; "duy trì 20
/// mô hình" takes the latest; a target that does not say has no data.
#[test]
fn running_totals_add_up_and_levels_take_the_latest() {
    let plan = plan(vec![
        reported_target(
            "classes",
            "ít nhất 150",
            Some(r#"{"kind":"total","from_year":2023}"#),
        ),
        reported_target("models", "ít nhất 20", Some(r#"{"kind":"level"}"#)),
        reported_target("unsaid", "ít nhất 20", None),
        reported_target("single", "ít nhất 50", None),
    ]);
    let inputs: Inputs = serde_json::from_value(serde_json::json!({
        "as_of": "2025-12-31",
        "reported": {"single": "50"},
        "reported_by_year": {
            "classes": {"2023": 40, "2024": 50, "2025": 60},
            "models": {"2023": 18, "2024": 20, "2025": 19},
            "unsaid": {"2024": 20, "2025": 21}
        }
    }))
    .unwrap();
    let r = plan.evaluate(&Registry::new(), &inputs).unwrap();
    assert_eq!(r.target("classes").unwrap().actual, Some(150.into()));
    assert_eq!(r.target("classes").unwrap().met, Some(true));
    assert_eq!(r.target("models").unwrap().actual, Some(19.into()));
    assert_eq!(r.target("models").unwrap().met, Some(false));
    let unsaid = r.target("unsaid").unwrap();
    assert_eq!(unsaid.no_data, Some(NoDataReason::AccumulationUnknown));
    // The single reported value of 0.1 still reads as before.
    assert_eq!(r.target("single").unwrap().actual, Some(50.into()));
    // A missing year in a running total is said.
    let inputs: Inputs = serde_json::from_value(serde_json::json!({
        "as_of": "2025-12-31",
        "reported_by_year": {"classes": {"2023": 40, "2025": 60}}
    }))
    .unwrap();
    let r = plan.evaluate(&Registry::new(), &inputs).unwrap();
    let c = r.target("classes").unwrap();
    assert_eq!(c.actual, Some(100.into()));
    assert_eq!(
        c.notes,
        vec![hoptac::report::Note::YearsNotReported { years: vec![2024] }]
    );
}

#[test]
fn growth_and_accumulation_are_validated() {
    let bad = plan(vec![
        with_growth(count_all("about", "khoảng 8%"), against(2021)),
        with_growth(count_all("count", "ít nhất 8"), against(2021)),
        with_growth(count_all("late", "ít nhất 8%"), against(2030)),
        {
            let mut t = count_all("acc", "ít nhất 8");
            t.accumulation = Some(hoptac::plan::Accumulation::Level);
            t
        },
    ]);
    let problems = bad.validate();
    let paths: Vec<&str> = problems
        .iter()
        .filter(|p| p.code == ProblemCode::InconsistentMeasure)
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "targets[0].measure",
            "targets[1].measure",
            "targets[2].growth",
            "targets[3].accumulation"
        ]
    );
    // A growth target in plan JSON round-trips.
    let good = plan(vec![with_growth(
        count_all("g", "ít nhất 8%"),
        against(2021),
    )]);
    assert!(!good.validate().has_errors());
    let json = good.to_json();
    assert!(
        json.contains(r#""growth":{"kind":"against_base","base_year":2021}"#)
            || json.contains("against_base")
    );
    assert_eq!(hoptac::Plan::from_json(&json).unwrap(), good);
}

// ---- Breakdowns --------------------------------------------------------------

fn in_district(
    mut o: hoptac::Cooperative,
    district: Option<&str>,
    commune: &str,
) -> hoptac::Cooperative {
    o.location.district = district.map(str::to_owned);
    o.location.commune = commune.to_owned();
    o
}

/// By district: counts add up, shares are each district's own; a missing
/// district is a group of its own; a commune is grouped with its district.
#[test]
fn a_breakdown_by_district_is_exact_per_group() {
    let mut c = target(
        "c",
        count(Filter::kind(OrgKind::Cooperative)),
        "ít nhất 2",
        d(2030, 12, 31),
    );
    c.breakdown = Some(hoptac::plan::GroupBy::District);
    let mut s = target("s", good_fair_share(), "trên 60%", d(2030, 12, 31));
    s.breakdown = Some(hoptac::plan::GroupBy::District);
    let mut x = target(
        "x",
        count(Filter::kind(OrgKind::Cooperative)),
        "ít nhất 1",
        d(2030, 12, 31),
    );
    x.breakdown = Some(hoptac::plan::GroupBy::Commune);
    let plan = plan(vec![c, s, x]);
    let orgs = [
        in_district(
            rated("a", 2025, hoptac::org::Rating::Good),
            Some("Nam Đàn"),
            "Xuân Hòa",
        ),
        in_district(
            rated("b", 2025, hoptac::org::Rating::Weak),
            Some("Nam Đàn"),
            "Xuân Hòa",
        ),
        in_district(
            rated("c", 2025, hoptac::org::Rating::Good),
            Some("Vinh"),
            "Xuân Hòa",
        ),
        in_district(htx("d"), None, "Hưng Lợi"),
    ];
    let r = plan
        .evaluate(
            &Registry::from(snapshot(d(2025, 12, 31), orgs)),
            &Inputs::new(d(2025, 12, 31)),
        )
        .unwrap();
    let groups = &r.target("c").unwrap().breakdown.as_ref().unwrap().groups;
    let got: Vec<(Option<&str>, Option<Decimal>, Option<bool>)> = groups
        .iter()
        .map(|g| (g.key.value.as_deref(), g.actual, g.met))
        .collect();
    assert_eq!(
        got,
        [
            (None, Some(1.into()), Some(false)),
            (Some("Nam Đàn"), Some(2.into()), Some(true)),
            (Some("Vinh"), Some(1.into()), Some(false)),
        ]
    );
    let share = r.target("s").unwrap().breakdown.clone().unwrap();
    let nam_dan = share
        .groups
        .iter()
        .find(|g| g.key.value.as_deref() == Some("Nam Đàn"))
        .unwrap();
    assert_eq!(nam_dan.actual, Some(50.into()));
    let none = share.groups.iter().find(|g| g.key.value.is_none()).unwrap();
    assert_eq!(none.no_data, Some(NoDataReason::EmptyDenominator));
    // Xuân Hòa of Nam Đàn and Xuân Hòa of Vinh are two communes.
    let communes = &r.target("x").unwrap().breakdown.as_ref().unwrap().groups;
    let keys: Vec<String> = communes.iter().map(|g| g.key.to_string()).collect();
    assert_eq!(keys, ["Hưng Lợi", "Xuân Hòa (Nam Đàn)", "Xuân Hòa (Vinh)"]);
    // The table for people.
    let table = r
        .target("c")
        .unwrap()
        .breakdown
        .as_ref()
        .unwrap()
        .table(Lang::Vi);
    assert!(table.lines().next().unwrap().starts_with("huyện"));
    assert!(table.contains("(không có)"));
    // The report's text table shows each target's breakdown under it.
    let text = r.table(Lang::Vi).to_string();
    for line in table.lines() {
        assert!(text.contains(line.trim_end()), "{line}\n{text}");
    }
    // JSON round trip of the report with breakdowns.
    let json = serde_json::to_string(&r).unwrap();
    assert_eq!(serde_json::from_str::<hoptac::Report>(&json).unwrap(), r);
}

#[test]
fn a_breakdown_needs_a_registry_measure() {
    let mut t = target("r", Measure::Reported, "ít nhất 1", d(2030, 12, 31));
    t.breakdown = Some(hoptac::plan::GroupBy::Sector);
    let problems = plan(vec![t]).validate();
    assert!(problems
        .iter()
        .any(|p| p.path == "targets[0].breakdown" && p.code == ProblemCode::InconsistentMeasure));
}

/// A range ("từ 10 - 15 HTX") is met at its floor exactly; the result says
/// whether the aspiration was reached, and going past it is no failure.
#[test]
fn a_range_is_met_at_its_floor_and_says_whether_the_aspiration_was_reached() {
    let plan = plan(vec![
        target(
            "range",
            count(Filter::kind(OrgKind::Cooperative)),
            "từ 10 - 15 hợp tác xã",
            d(2030, 12, 31),
        ),
        target(
            "floor",
            count(Filter::kind(OrgKind::Cooperative)),
            "ít nhất 10 hợp tác xã",
            d(2030, 12, 31),
        ),
    ]);
    for (n, met, reached) in [
        (9, false, false),
        (10, true, false),
        (14, true, false),
        (15, true, true),
        (40, true, true),
    ] {
        let reg = registry(vec![snapshot(d(2025, 12, 31), htxs(n, "h"))]);
        let r = plan.evaluate(&reg, &Inputs::new(d(2025, 12, 31))).unwrap();
        let range = r.target("range").unwrap();
        let floor = r.target("floor").unwrap();
        assert_eq!(range.met, Some(met), "{n}");
        assert_eq!(range.aspiration_reached, Some(reached), "{n}");
        // Judged exactly as its floor alone.
        assert_eq!(
            (range.met, range.status, range.progress),
            (floor.met, floor.status, floor.progress),
            "{n}"
        );
        assert_eq!(floor.aspiration_reached, None, "{n}");
        let json = serde_json::to_value(range).unwrap();
        assert_eq!(
            json["aspiration_reached"],
            serde_json::json!(reached),
            "{n}"
        );
    }
    // Without data there is nothing to say.
    let empty = Registry::new();
    let r = plan
        .evaluate(&empty, &Inputs::new(d(2025, 12, 31)))
        .unwrap();
    assert_eq!(r.target("range").unwrap().aspiration_reached, None);
}

// ---- Per-place quantifiers and coverage ---------------------------------------

use hoptac::plan::{PerPlace, PlaceLevel, PlaceQuantifier};
use hoptac::report::{Place, PlaceList};

/// A target asked of every place of `level`.
fn per_place(id: &str, measure: Measure, threshold: &str, per: PerPlace) -> hoptac::Target {
    let mut t = target(id, measure, threshold, d(2030, 12, 31));
    t.places = Some(per);
    t
}

/// Three communes of Nam Đàn (Kim Liên and Xuân Hòa meet the new-rural
/// standard) and Xuân Hòa of Vinh, a commune of the same name.
fn communes() -> PlaceList {
    PlaceList::new(
        d(2025, 12, 31),
        vec![
            Place::commune("Nam Đàn", "Kim Liên").with_attribute("ntm"),
            Place::commune("Nam Đàn", "Xuân Hòa").with_attribute("ntm"),
            Place::commune("Nam Đàn", "Nam Giang"),
            Place::commune("Vinh", "Xuân Hòa"),
            Place::district("Nam Đàn"),
            Place::district("Vinh"),
        ],
    )
}

fn evaluate_with_places(
    plan: &hoptac::Plan,
    orgs: Vec<hoptac::Cooperative>,
    places: Option<PlaceList>,
) -> hoptac::Report {
    let mut inputs = Inputs::new(d(2025, 12, 31));
    inputs.places = places;
    plan.evaluate(&Registry::from(snapshot(d(2025, 12, 31), orgs)), &inputs)
        .unwrap()
}

/// "mỗi xã có ít nhất 1 HTX": a commune without organisations counts, as
/// zero, and fails it; the result names it; an organisation in a commune
/// the list lacks is reported, not silently dropped; names compare after
/// NFC, trimming, collapsing spaces and ignoring case.
#[test]
fn every_commune_must_meet_it_and_a_commune_without_organisations_counts() {
    let every = PerPlace::new(PlaceLevel::Commune, PlaceQuantifier::Every);
    let plan = plan(vec![per_place(
        "every",
        count(Filter::kind(OrgKind::Cooperative)),
        "ít nhất 1",
        every.clone(),
    )]);
    let orgs = vec![
        in_district(htx("a"), Some("Nam Đàn"), "Kim Liên"),
        // NFD, other case and spaces: the same commune.
        in_district(htx("b"), Some(" nam  ĐÀN"), &hoptac::text::nfd("xuân hòa")),
        in_district(htx("c"), Some("Vinh"), "Xuân Hòa"),
        in_district(htx("z"), Some("Vinh"), "Hưng Lộc"), // not on the list
    ];
    let r = evaluate_with_places(&plan, orgs.clone(), Some(communes()));
    let t = r.target("every").unwrap();
    let p = t.places.as_ref().unwrap();
    assert_eq!((p.places, p.meeting, p.without_data), (4, Some(3), 0));
    let failing: Vec<String> = p.not_meeting.iter().map(|x| x.to_string()).collect();
    assert_eq!(failing, ["Nam Giang (Nam Đàn): 0"]);
    let unlisted: Vec<String> = p.not_listed.iter().map(|x| x.key.to_string()).collect();
    assert_eq!(unlisted, ["Hưng Lộc (Vinh)"]);
    assert_eq!(t.met, Some(false));
    assert_eq!(t.status, TargetStatus::InProgress);
    // The value is the worst place's, progress the share of places meeting.
    assert_eq!(t.actual, Some(0.into()));
    assert_eq!(t.progress, Some(75.into()));
    // One more HTX in Nam Giang: every commune has one.
    let mut more = orgs;
    more.push(in_district(htx("d"), Some("Nam Đàn"), "Nam Giang"));
    let r = evaluate_with_places(&plan, more, Some(communes()));
    let t = r.target("every").unwrap();
    assert_eq!(
        (t.met, t.status, t.actual),
        (Some(true), TargetStatus::Achieved, Some(1.into()))
    );
    assert!(t.places.as_ref().unwrap().not_meeting.is_empty());
    // JSON round trip of the result.
    let json = serde_json::to_string(&r).unwrap();
    assert_eq!(serde_json::from_str::<hoptac::Report>(&json).unwrap(), r);
}

/// "100% số xã đạt chuẩn NTM có HTX": coverage is the share of the places
/// with the attribute that have at least one matching organisation; the
/// exact floor meets it.
#[test]
fn coverage_is_the_share_of_places_with_the_attribute_that_have_one() {
    let cov = PerPlace::new(PlaceLevel::Commune, PlaceQuantifier::Coverage);
    let plan = plan(vec![
        per_place(
            "all",
            count(Filter::kind(OrgKind::Cooperative)),
            "100%",
            cov.clone(),
        ),
        per_place(
            "ntm",
            count(Filter::kind(OrgKind::Cooperative)),
            "100%",
            cov.clone().with_attribute("ntm"),
        ),
        per_place(
            "half",
            count(Filter::kind(OrgKind::Cooperative)),
            "ít nhất 50%",
            cov,
        ),
    ]);
    let orgs = vec![
        in_district(htx("a"), Some("Nam Đàn"), "Kim Liên"),
        in_district(htx("b"), Some("Nam Đàn"), "Xuân Hòa"),
        in_district(
            org("t", OrgKind::CooperativeGroup),
            Some("Vinh"),
            "Xuân Hòa",
        ),
    ];
    let r = evaluate_with_places(&plan, orgs, Some(communes()));
    let all = r.target("all").unwrap();
    assert_eq!(all.actual, Some(50.into()));
    assert_eq!(all.met, Some(false));
    let ntm = r.target("ntm").unwrap();
    assert_eq!((ntm.actual, ntm.met), (Some(100.into()), Some(true)));
    assert_eq!(ntm.places.as_ref().unwrap().places, 2);
    // Exactly 50%: met.
    let half = r.target("half").unwrap();
    assert_eq!((half.actual, half.met), (Some(50.into()), Some(true)));
    assert_eq!(half.status, TargetStatus::Achieved);
}

/// "bình quân mỗi xã 2 THT": the total over the listed places divided by
/// their number; a place without organisations counts as zero.
#[test]
fn a_mean_per_place_counts_places_without_organisations_as_zero() {
    let plan = plan(vec![per_place(
        "mean",
        count(Filter::kind(OrgKind::CooperativeGroup)),
        "ít nhất 2",
        PerPlace::new(PlaceLevel::District, PlaceQuantifier::Mean),
    )]);
    let tht =
        |id: &str, district| in_district(org(id, OrgKind::CooperativeGroup), Some(district), "X");
    let orgs = vec![
        tht("a", "Nam Đàn"),
        tht("b", "Nam Đàn"),
        tht("c", "Nam Đàn"),
    ];
    let r = evaluate_with_places(&plan, orgs, Some(communes()));
    let t = r.target("mean").unwrap();
    // 3 groups over 2 districts (Vinh has none).
    assert_eq!(t.actual, Some(dec("1.5")));
    assert_eq!(t.met, Some(false));
    assert_eq!(t.places.as_ref().unwrap().meeting, None);
}

/// No list of places, a list without a place of the level or attribute,
/// and no snapshot: no data, each with its reason.
#[test]
fn a_per_place_target_without_places_has_no_data() {
    let plan = plan(vec![
        per_place(
            "every",
            count(Filter::kind(OrgKind::Cooperative)),
            "ít nhất 1",
            PerPlace::new(PlaceLevel::Commune, PlaceQuantifier::Every),
        ),
        per_place(
            "rare",
            count(Filter::kind(OrgKind::Cooperative)),
            "100%",
            PerPlace::new(PlaceLevel::Commune, PlaceQuantifier::Coverage)
                .with_attribute("ntm_kieu_mau"),
        ),
    ]);
    let orgs = vec![in_district(htx("a"), Some("Nam Đàn"), "Kim Liên")];
    let r = evaluate_with_places(&plan, orgs.clone(), None);
    assert_eq!(
        r.target("every").unwrap().no_data,
        Some(NoDataReason::NoPlaceList)
    );
    let r = evaluate_with_places(
        &plan,
        orgs.clone(),
        Some(PlaceList::new(d(2025, 1, 1), vec![])),
    );
    assert_eq!(
        r.target("every").unwrap().no_data,
        Some(NoDataReason::NoPlaces {
            level: PlaceLevel::Commune,
            attribute: None
        })
    );
    let r = evaluate_with_places(&plan, orgs, Some(communes()));
    let rare = r.target("rare").unwrap();
    assert_eq!(rare.status, TargetStatus::NoData);
    assert_eq!(
        rare.no_data.as_ref().unwrap().text(Lang::Vi),
        "danh sách địa bàn không có xã nào có thuộc tính `ntm_kieu_mau`"
    );
    // No snapshot at all.
    let mut inputs = Inputs::new(d(2025, 12, 31));
    inputs.places = Some(communes());
    let r = plan.evaluate(&Registry::new(), &inputs).unwrap();
    assert_eq!(
        r.target("every").unwrap().no_data,
        Some(NoDataReason::NoSnapshot)
    );
}

/// A place whose organisations all lack the field a size filter reads has
/// no data: the target is not met if another place fails, no data otherwise.
#[test]
fn a_place_without_data_decides_only_with_no_other_failure() {
    let big = Filter::size(Field::Members, NumberOp::Gt, 10.into());
    let plan = plan(vec![per_place(
        "every",
        count(big),
        "ít nhất 1",
        PerPlace::new(PlaceLevel::District, PlaceQuantifier::Every),
    )]);
    let m = |id: &str, district, n| in_district(members(id, n), Some(district), "X");
    let unknown_and_fine = vec![m("a", "Nam Đàn", None), m("b", "Vinh", Some(20))];
    let r = evaluate_with_places(&plan, unknown_and_fine, Some(communes()));
    let t = r.target("every").unwrap();
    assert_eq!(
        t.no_data,
        Some(NoDataReason::PlacesWithoutData { places: 1 })
    );
    assert_eq!(t.places.as_ref().unwrap().without_data, 1);
    let unknown_and_failing = vec![m("a", "Nam Đàn", None), m("b", "Vinh", Some(5))];
    let r = evaluate_with_places(&plan, unknown_and_failing, Some(communes()));
    assert_eq!(r.target("every").unwrap().met, Some(false));
}

/// A per-place target past its deadline is judged on the deadline's
/// snapshot, and a deadline with no snapshot at or before it reads the
/// first later one, with a note.
#[test]
fn a_per_place_target_past_its_deadline_reads_the_deadline_snapshot() {
    let mut t = per_place(
        "every",
        count(Filter::kind(OrgKind::Cooperative)),
        "ít nhất 1",
        PerPlace::new(PlaceLevel::District, PlaceQuantifier::Every),
    );
    t.deadline = d(2023, 12, 31);
    let plan = plan(vec![t]);
    let one = |id: &str, district| in_district(htx(id), Some(district), "X");
    let reg = registry(vec![
        snapshot(d(2024, 12, 31), [one("a", "Nam Đàn"), one("b", "Vinh")]),
        snapshot(d(2025, 12, 31), [one("a", "Nam Đàn")]),
    ]);
    let mut inputs = Inputs::new(d(2025, 12, 31));
    inputs.places = Some(communes());
    let r = plan.evaluate(&reg, &inputs).unwrap();
    let t = r.target("every").unwrap();
    assert_eq!(t.snapshot, Some(d(2024, 12, 31)));
    assert_eq!(t.status, TargetStatus::Achieved);
    assert!(matches!(
        t.notes[..],
        [hoptac::report::Note::JudgedOnLaterSnapshot { .. }]
    ));
}

#[test]
fn per_place_targets_are_validated() {
    let path_code = |t: hoptac::Target| -> Vec<(String, ProblemCode)> {
        plan(vec![t])
            .validate()
            .iter()
            .filter(|p| p.severity == hoptac::Severity::Error)
            .map(|p| (p.path.clone(), p.code))
            .collect()
    };
    let cov = PerPlace::new(PlaceLevel::Commune, PlaceQuantifier::Coverage);
    // Coverage counts organisations, in percent.
    let bad_measure = per_place("s", good_fair_share(), "100%", cov.clone());
    assert!(path_code(bad_measure)
        .contains(&("targets[0].places".into(), ProblemCode::InconsistentMeasure)));
    let bad_unit = per_place("c", count(Filter::Everything), "ít nhất 1", cov.clone());
    assert!(path_code(bad_unit).contains(&(
        "targets[0].measure".into(),
        ProblemCode::InconsistentMeasure
    )));
    let mut both = per_place("b", count(Filter::Everything), "100%", cov.clone());
    both.breakdown = Some(hoptac::plan::GroupBy::Sector);
    assert!(
        path_code(both).contains(&("targets[0].places".into(), ProblemCode::InconsistentMeasure))
    );
    let reported = per_place(
        "r",
        Measure::Reported,
        "ít nhất 1",
        PerPlace::new(PlaceLevel::District, PlaceQuantifier::Every),
    );
    assert!(path_code(reported)
        .contains(&("targets[0].places".into(), ProblemCode::InconsistentMeasure)));
    let mean_share = per_place(
        "m",
        good_fair_share(),
        "ít nhất 50%",
        PerPlace::new(PlaceLevel::District, PlaceQuantifier::Mean),
    );
    assert!(path_code(mean_share)
        .contains(&("targets[0].places".into(), ProblemCode::InconsistentMeasure)));
    let fine = per_place("f", count(Filter::Everything), "100%", cov);
    assert!(path_code(fine).is_empty());
    // In the plan format.
    let json = serde_json::to_string(&plan(vec![per_place(
        "f",
        count(Filter::Everything),
        "100%",
        PerPlace::new(PlaceLevel::Commune, PlaceQuantifier::Coverage).with_attribute("ntm"),
    )]))
    .unwrap();
    assert!(
        json.contains(
            r#""places":{"level":"commune","quantifier":"coverage","with_attribute":"ntm"}"#
        ),
        "{json}"
    );
    assert_eq!(
        hoptac::Plan::from_json(&json).unwrap().targets[0]
            .places
            .as_ref()
            .unwrap()
            .with_attribute
            .as_deref(),
        Some("ntm")
    );
}

// ---- Ratings of cooperative groups ------------------------------------------

/// "mỗi xã có ít nhất 01 tổ hợp tác hoạt động khá, tốt": a rating recorded
/// for a THT counts in a target whose filter or denominator names the kind
/// THT explicitly; elsewhere it is ignored (validation warns about it).
#[test]
fn ratings_of_cooperative_groups_count_only_where_the_target_names_them() {
    use hoptac::org::Rating;
    let tht = Filter::kind(OrgKind::CooperativeGroup);
    let plan = plan(vec![
        // The filter names THT.
        target(
            "tht-good",
            count(Filter::all([tht.clone(), Filter::fair_or_better()])),
            "ít nhất 1",
            d(2030, 12, 31),
        ),
        // The denominator names THT, the numerator only the rating.
        target(
            "tht-share",
            share(Filter::fair_or_better(), tht.clone()),
            "ít nhất 50%",
            d(2030, 12, 31),
        ),
        // No kind named: a group's rating is ignored, as today.
        target(
            "any-good",
            count(Filter::fair_or_better()),
            "ít nhất 1",
            d(2030, 12, 31),
        ),
        // Excluding THT is not naming them.
        target(
            "not-tht-rated",
            count(Filter::all([Filter::not(tht), Filter::Rated])),
            "ít nhất 1",
            d(2030, 12, 31),
        ),
    ]);
    let group = |id: &str, rating| org(id, OrgKind::CooperativeGroup).with_rating(2025, rating);
    let orgs = [
        group("t1", Rating::Good),
        group("t2", Rating::Weak),
        org("t3", OrgKind::CooperativeGroup),
        rated("h1", 2025, Rating::Fair),
    ];
    let reg = Registry::from(snapshot(d(2025, 12, 31), orgs.clone()));
    let r = plan.evaluate(&reg, &Inputs::new(d(2025, 12, 31))).unwrap();
    assert_eq!(r.target("tht-good").unwrap().actual, Some(1.into()));
    let s = r
        .target("tht-share")
        .unwrap()
        .parts
        .as_ref()
        .unwrap()
        .clone();
    assert_eq!((s.numerator, s.denominator), (1.into(), 3.into()));
    assert_eq!(r.target("tht-share").unwrap().met, Some(false));
    assert_eq!(r.target("any-good").unwrap().actual, Some(1.into()));
    assert_eq!(r.target("not-tht-rated").unwrap().actual, Some(1.into()));
    // The reference meaning agrees, and validation still warns about the
    // ratings of groups.
    let at = d(2025, 12, 31);
    let good = Filter::fair_or_better();
    let named: Vec<&str> = orgs
        .iter()
        .filter(|o| good.decide_with(o, at, true) == Some(true))
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(named, ["t1", "h1"]);
    let plain: Vec<&str> = orgs
        .iter()
        .filter(|o| good.matches(o, at))
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(plain, ["h1"]);
    assert!(orgs[0].validate(at).contains(ProblemCode::RatingForGroup));
}

// ---- Money per month ---------------------------------------------------------

/// "thu nhập bình quân 5,5 triệu đồng/người/tháng" against the yearly average
/// income: met at exactly twelve times the monthly amount, shown as written.
#[test]
fn money_per_month_is_twelve_times_against_a_yearly_field() {
    use hoptac::{plan::Unit, Threshold};
    let t: Threshold = "ít nhất 5,5 triệu đồng/người/tháng".parse().unwrap();
    assert_eq!(t.unit(), &Unit::VndPerMonth);
    assert_eq!(t.value(), dec("5500000"));
    assert_eq!(t.goal(), dec("66000000"));
    assert_eq!(t.to_string(), "ít nhất 5.500.000 đồng/tháng");
    assert_eq!(t.display_in(Lang::En), "at least 5,500,000 VND per month");
    assert_eq!(t.to_string().parse::<Threshold>().unwrap(), t);
    let json = serde_json::to_string(&t).unwrap();
    assert!(
        json.contains(r#""unit":{"kind":"vnd_per_month"}"#),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Threshold>(&json).unwrap(), t);

    let mut income = target(
        "income",
        Measure::mean(Field::AvgIncomeVnd, Filter::kind(OrgKind::Cooperative)),
        "ít nhất 5,5 triệu đồng/tháng",
        d(2030, 12, 31),
    );
    income.label = hoptac::Bilingual::both(
        "Thu nhập bình quân của thành viên đạt 5,5 triệu đồng/người/tháng",
        "Members' average income of 5.5 million VND a month",
    );
    let plan = plan(vec![income]);
    let evaluate = |values: &[&str]| {
        let orgs: Vec<_> = values
            .iter()
            .enumerate()
            .map(|(i, v)| htx(&format!("h{i}")).with_avg_income_vnd(dec(v)))
            .collect();
        plan.evaluate(
            &Registry::from(snapshot(d(2025, 12, 31), orgs)),
            &Inputs::new(d(2025, 12, 31)),
        )
        .unwrap()
    };
    // Exactly 12 × 5.500.000 = 66.000.000 a year: met ("ít nhất").
    let r = evaluate(&["66000000", "66000000"]);
    let t = r.target("income").unwrap();
    assert_eq!(t.actual, Some(dec("66000000")));
    assert_eq!(t.met, Some(true));
    assert_eq!(t.status, TargetStatus::Achieved);
    // One dong short of it, on average: not met.
    let r = evaluate(&["66000000", "65999999"]);
    let t = r.target("income").unwrap();
    assert_eq!(t.actual, Some(dec("65999999.5")));
    assert_eq!(t.met, Some(false));
    // 5.500.000 a year is far from 5.500.000 a month.
    assert_eq!(
        evaluate(&["5500000"]).target("income").unwrap().met,
        Some(false)
    );
    // The report shows the threshold as the plan wrote it.
    let text = evaluate(&["66000000"]).to_string();
    assert!(text.contains("ít nhất 5,5 triệu đồng/tháng"), "{text}");
}
