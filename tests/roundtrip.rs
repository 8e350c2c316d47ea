//! JSON round trips of plans, targets, filters, measures, tallies and
//! reports; the bundled plans survive a write and a read unchanged.

mod common;

use common::*;
use hoptac::{
    catalog, plan::Comparator, plan::DateWindow, plan::Field, plan::FigureBase, plan::Population,
    plan::TargetId, plan::Unit, tally::ScanOptions, Cooperative, Filter, Inputs, Measure, Plan,
    Registry, Snapshot, Tally, Target, Threshold,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

#[test]
fn bundled_plans_round_trip() {
    for key in catalog::keys() {
        let plan = catalog::get(key).unwrap();
        let back = Plan::from_json(&plan.to_json()).unwrap();
        assert_eq!(back, plan, "{key}");
        assert_eq!(back.validate(), plan.validate(), "{key}");
    }
}

fn arb_threshold() -> impl Strategy<Value = Threshold> {
    let comparator = prop_oneof![
        Just(Comparator::GreaterThan),
        Just(Comparator::AtLeast),
        Just(Comparator::LessThan),
        Just(Comparator::AtMost),
        (0u32..=20).prop_map(|t| Comparator::About {
            tolerance: Decimal::from(t)
        }),
    ];
    let unit = prop_oneof![
        Just(Unit::Organisations),
        Just(Unit::Members),
        Just(Unit::Percent),
        Just(Unit::Vnd),
        Just(Unit::Items),
    ];
    (comparator, 0i64..10_000_000, 0u32..3, unit)
        .prop_map(|(c, v, scale, u)| Threshold::new(c, Decimal::new(v, scale), u).unwrap())
}

fn arb_field() -> impl Strategy<Value = Field> {
    prop_oneof![
        Just(Field::Members),
        Just(Field::AssociateMembers),
        Just(Field::MemberCoops),
        Just(Field::RevenueVnd),
        Just(Field::AvgIncomeVnd),
        Just(Field::KeyStaff),
        Just(Field::KeyStaffTrained),
        Just(Field::KeyStaffRefreshed),
        "[a-z_]{1,10}".prop_map(|name| Field::Extension { name }),
    ]
}

fn arb_population() -> impl Strategy<Value = Population> {
    prop_oneof![Just(Population::Active), Just(Population::AnyStatus)]
}

fn arb_measure() -> impl Strategy<Value = Measure> {
    let window = DateWindow::new(d(2019, 6, 11), d(2025, 12, 31)).unwrap();
    prop_oneof![
        (arb_filter(), arb_population())
            .prop_map(|(filter, population)| Measure::Count { filter, population }),
        arb_filter().prop_map(move |filter| Measure::New { filter, window }),
        (arb_field(), arb_filter(), arb_population()).prop_map(|(field, filter, population)| {
            Measure::Sum {
                field,
                filter,
                population,
            }
        }),
        (arb_filter(), arb_filter(), arb_population()).prop_map(
            |(numerator, denominator, population)| {
                Measure::Share {
                    numerator,
                    denominator,
                    population,
                }
            }
        ),
        (arb_field(), arb_field(), arb_filter(), arb_population()).prop_map(
            |(numerator, denominator, filter, population)| Measure::RatioOfSums {
                numerator,
                denominator,
                filter,
                population
            }
        ),
        (arb_field(), arb_filter(), arb_population()).prop_map(|(field, filter, population)| {
            Measure::Mean {
                field,
                filter,
                population,
            }
        }),
        (arb_filter(), "[a-z]{1,10}").prop_map(|(filter, figure)| Measure::Against {
            base: FigureBase::count(filter),
            figure,
            scale: hoptac::plan::FigureScale::PerUnit,
        }),
        Just(Measure::Reported),
    ]
}

fn arb_target() -> impl Strategy<Value = Target> {
    (
        "[a-z0-9.]{1,20}",
        ".{0,30}",
        ".{0,30}",
        arb_measure(),
        arb_threshold(),
        2023i32..2046,
        any::<bool>(),
    )
        .prop_map(|(id, vi, en, measure, threshold, year, with_baseline)| {
            let mut t = Target::new(
                TargetId::new(id).unwrap(),
                vi,
                en,
                measure,
                threshold,
                d(year, 12, 31),
            );
            if with_baseline {
                t.baseline = Some(hoptac::plan::Baseline {
                    value: Decimal::new(455, 1),
                    at: d(2022, 12, 31),
                    source: None,
                });
            }
            t
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    #[test]
    fn filters_round_trip(filter in arb_filter()) {
        let json = serde_json::to_string(&filter).unwrap();
        prop_assert_eq!(serde_json::from_str::<Filter>(&json).unwrap(), filter);
    }

    #[test]
    fn targets_round_trip(target in arb_target()) {
        let json = serde_json::to_string(&target).unwrap();
        prop_assert_eq!(serde_json::from_str::<Target>(&json).unwrap(), target);
    }

    #[test]
    fn plans_round_trip(targets in proptest::collection::vec(arb_target(), 0..5)) {
        let mut p = plan(targets);
        p.title.en = Some("Test plan".into());
        let back = Plan::from_json_unchecked(&p.to_json()).unwrap();
        prop_assert_eq!(back, p);
    }

    #[test]
    fn cooperatives_round_trip(org in arb_org(7)) {
        let json = serde_json::to_string(&org).unwrap();
        prop_assert_eq!(serde_json::from_str::<Cooperative>(&json).unwrap(), org);
    }

    #[test]
    fn tallies_and_reports_round_trip(orgs in arb_orgs(20), filter in arb_filter()) {
        let p = plan(vec![
            target("c", count(filter.clone()), "ít nhất 1", d(2030, 12, 31)),
            target("s", share(Filter::Rated, filter), "trên 50%", d(2030, 12, 31)),
        ]);
        let snap: Snapshot = snapshot(d(2025, 12, 31), orgs);
        let tally = Tally::with_options(&p, &snap, ScanOptions { drill_down: true }).unwrap();
        let json = serde_json::to_string(&tally).unwrap();
        prop_assert_eq!(serde_json::from_str::<Tally>(&json).unwrap(), tally);
        let report = p.evaluate(&Registry::from(snap), &Inputs::new(d(2025, 12, 31))).unwrap();
        let json = serde_json::to_string(&report).unwrap();
        prop_assert_eq!(serde_json::from_str::<hoptac::Report>(&json).unwrap(), report);
    }
}
