//! Laws the engine must obey, as properties: merging parts equals the
//! whole, order does not matter, shares are monotone, compiled filters agree
//! with their reference meaning.

mod common;

use chrono::NaiveDate;
use common::*;
use hoptac::{
    Cooperative, DateWindow, Field, Filter, Flag, Inputs, Location, Measure, NumberOp, OrgId,
    OrgKind, OrgStatus, Plan, Population, Rating, Registry, ScanOptions, Sector, Snapshot, Tally,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

const DISTRICTS: [&str; 3] = ["Hưng Nguyên", "Nam Đàn", "Vinh"];

fn arb_org(i: usize) -> impl Strategy<Value = Cooperative> {
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
                org.extensions
                    .insert("area_ha".into(), hoptac::ExtValue::Number(Decimal::from(a)));
            }
            org
        })
}

fn arb_orgs(max: usize) -> impl Strategy<Value = Vec<Cooperative>> {
    (0..=max).prop_flat_map(|n| (0..n).map(arb_org).collect::<Vec<_>>())
}

fn arb_leaf() -> impl Strategy<Value = Filter> {
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

fn arb_filter() -> impl Strategy<Value = Filter> {
    arb_leaf().prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(|of| Filter::All { of }),
            proptest::collection::vec(inner.clone(), 0..4).prop_map(|of| Filter::Any { of }),
            inner.prop_map(Filter::not),
        ]
    })
}

/// A plan with one target of every registry measure kind over `filter`.
fn plan_over(filter: Filter, numerator: Filter) -> Plan {
    let deadline = d(2030, 12, 31);
    let window = DateWindow::new(d(2019, 6, 11), d(2030, 12, 31)).unwrap();
    plan(vec![
        target("count", count(filter.clone()), "ít nhất 1", deadline),
        target(
            "count-any",
            Measure::Count {
                filter: filter.clone(),
                population: Population::AnyStatus,
            },
            "ít nhất 1",
            deadline,
        ),
        target(
            "new",
            Measure::New {
                filter: filter.clone(),
                window,
            },
            "ít nhất 1",
            deadline,
        ),
        target(
            "sum",
            Measure::Sum {
                field: Field::Members,
                filter: filter.clone(),
                population: Population::Active,
            },
            "ít nhất 1 thành viên",
            deadline,
        ),
        target(
            "share",
            share(numerator, filter.clone()),
            "trên 50%",
            deadline,
        ),
        target(
            "ratio",
            Measure::RatioOfSums {
                numerator: Field::KeyStaffTrained,
                denominator: Field::KeyStaff,
                filter: filter.clone(),
                population: Population::Active,
            },
            "trên 50%",
            deadline,
        ),
        target(
            "mean",
            Measure::Mean {
                field: Field::RevenueVnd,
                filter,
                population: Population::Active,
            },
            "trên 1.000 đồng",
            deadline,
        ),
    ])
}

fn date() -> NaiveDate {
    d(2025, 12, 31)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn merging_parts_equals_the_whole(orgs in arb_orgs(40), filter in arb_filter(), num in arb_filter(), cut in 0usize..41) {
        let plan = plan_over(filter, num);
        let opts = ScanOptions { drill_down: true };
        let whole = Tally::with_options(&plan, &snapshot(date(), orgs.clone()), opts).unwrap();
        // Split by district, the way provinces roll up.
        let mut merged: Option<Tally> = None;
        for district in DISTRICTS {
            let part: Vec<_> = orgs.iter().filter(|o| o.location.district.as_deref() == Some(district)).cloned().collect();
            let t = Tally::with_options(&plan, &snapshot(date(), part), opts).unwrap();
            match merged.as_mut() {
                None => merged = Some(t),
                Some(m) => m.merge(&t).unwrap(),
            }
        }
        prop_assert_eq!(merged.unwrap(), whole.clone());
        // Split at an arbitrary point, merged the other way round.
        let cut = cut.min(orgs.len());
        let mut b = Tally::with_options(&plan, &snapshot(date(), orgs[cut..].to_vec()), opts).unwrap();
        b.merge(&Tally::with_options(&plan, &snapshot(date(), orgs[..cut].to_vec()), opts).unwrap()).unwrap();
        prop_assert_eq!(&b, &whole);
        // Threads are parts too.
        prop_assert_eq!(Tally::parallel(&plan, &snapshot(date(), orgs), opts, 3).unwrap(), whole.clone());
        // And the merged tally gives the same report.
        let inputs = Inputs::new(date());
        prop_assert_eq!(plan.finalize(Some(&b), &[], &inputs), plan.finalize(Some(&whole), &[], &inputs));
    }

    #[test]
    fn the_fast_scan_agrees_with_the_drill_down_scan(orgs in arb_orgs(40), filter in arb_filter(), num in arb_filter()) {
        let plan = plan_over(filter, num);
        let snap = snapshot(date(), orgs);
        let fast = Tally::of(&plan, &snap).unwrap();
        let mut slow = Tally::with_options(&plan, &snap, ScanOptions { drill_down: true }).unwrap();
        for t in &mut slow.targets {
            t.parts.numerator_ids = None;
            t.parts.denominator_ids = None;
            t.parts.missing_ids = None;
        }
        prop_assert_eq!(fast, slow);
    }

    #[test]
    fn order_does_not_matter(orgs in arb_orgs(30), filter in arb_filter(), num in arb_filter(), seed in any::<u64>()) {
        let plan = plan_over(filter, num);
        let mut shuffled = orgs.clone();
        // A Fisher-Yates shuffle driven by the seed.
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let j = (s >> 33) as usize % (i + 1);
            shuffled.swap(i, j);
        }
        let opts = ScanOptions { drill_down: true };
        let a = Tally::with_options(&plan, &snapshot(date(), orgs), opts).unwrap();
        let b = Tally::with_options(&plan, &snapshot(date(), shuffled), opts).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn compiled_filters_agree_with_their_meaning(orgs in arb_orgs(40), filter in arb_filter()) {
        let plan = plan_over(filter.clone(), Filter::Everything);
        let snap = snapshot(date(), orgs.clone());
        let tally = Tally::of(&plan, &snap).unwrap();
        let active = orgs.iter().filter(|o| o.is_active_at(date()) && filter.matches(o, date())).count();
        let any = orgs.iter().filter(|o| filter.matches(o, date())).count();
        prop_assert_eq!(tally.parts("count").unwrap().numerator, Decimal::from(active));
        prop_assert_eq!(tally.parts("count-any").unwrap().numerator, Decimal::from(any));
        let members: u64 = orgs.iter()
            .filter(|o| o.is_active_at(date()) && filter.matches(o, date()))
            .filter_map(|o| o.members).map(u64::from).sum();
        prop_assert_eq!(tally.parts("sum").unwrap().numerator, Decimal::from(members));
    }

    #[test]
    fn adding_a_matching_organisation_never_lowers_a_share(orgs in arb_orgs(30), extra in arb_org(999)) {
        // Numerator: good or fair; denominator: rated HTX.
        let plan = plan(vec![target(
            "s",
            share(Filter::fair_or_better(), Filter::all([Filter::kind(OrgKind::Cooperative), Filter::Rated])),
            "trên 60%",
            d(2030, 12, 31),
        )]);
        let mut extra = extra;
        extra.kind = OrgKind::Cooperative;
        extra.status = OrgStatus::Active;
        extra.dissolved = None;
        extra.ratings.insert(2025, Rating::Good);
        let before = plan.evaluate(&Registry::from(snapshot(date(), orgs.clone())), &Inputs::new(date())).unwrap();
        let mut more = orgs;
        more.push(extra);
        let after = plan.evaluate(&Registry::from(snapshot(date(), more)), &Inputs::new(date())).unwrap();
        let (b, a) = (before.target("s").unwrap().actual, after.target("s").unwrap().actual);
        prop_assert!(a.is_some());
        if let (Some(b), Some(a)) = (b, a) {
            prop_assert!(a >= b, "{} then {}", b, a);
        }
    }
}

#[test]
fn snapshots_of_other_dates_do_not_merge() {
    let plan = plan_over(Filter::Everything, Filter::Everything);
    let mut a = Tally::of(&plan, &Snapshot::new(d(2024, 12, 31))).unwrap();
    let b = Tally::of(&plan, &Snapshot::new(d(2025, 12, 31))).unwrap();
    assert_eq!(
        a.merge(&b).unwrap_err().to_string(),
        "cannot merge tallies of snapshots dated 2024-12-31 and 2025-12-31"
    );
}
