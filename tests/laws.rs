//! Laws the engine must obey, as properties: merging parts equals the
//! whole, order does not matter, shares are monotone, compiled filters agree
//! with their reference meaning.

mod common;

use chrono::NaiveDate;
use common::*;
use hoptac::{
    org::OrgKind, org::OrgStatus, org::Rating, plan::DateWindow, plan::Field, plan::NumberOp,
    plan::Population, tally::ScanOptions, Filter, Inputs, Measure, Plan, Registry, Snapshot, Tally,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

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

/// The tally of `orgs` scanned district by district, in `order`, and
/// merged.
fn merged_by_district<'a>(
    plan: &Plan,
    orgs: &[hoptac::Cooperative],
    order: impl IntoIterator<Item = &'a str>,
    opts: ScanOptions,
) -> Tally {
    let mut merged: Option<Tally> = None;
    for district in order {
        let part: Vec<_> = orgs
            .iter()
            .filter(|o| o.location.district.as_deref() == Some(district))
            .cloned()
            .collect();
        let t = Tally::with_options(plan, &snapshot(date(), part), opts).unwrap();
        match merged.as_mut() {
            None => merged = Some(t),
            Some(m) => m.merge(&t).unwrap(),
        }
    }
    merged.expect("at least one district")
}

/// Parts without the drill-down ids (the fast scan keeps none).
fn without_ids(parts: &hoptac::tally::Parts) -> hoptac::tally::Parts {
    hoptac::tally::Parts {
        numerator_ids: None,
        denominator_ids: None,
        missing_ids: None,
        ..parts.clone()
    }
}

fn date() -> NaiveDate {
    d(2025, 12, 31)
}

/// Filters that hold size tests on built-in fields (members, revenue) as
/// well as the other leaves, under `all`, `any` and `not`.
fn arb_sized_filter() -> impl Strategy<Value = Filter> {
    let size = prop_oneof![
        (0u32..3000, 0usize..6).prop_map(|(v, op)| Filter::size(
            Field::Members,
            NumberOp::ALL[op],
            v.into()
        )),
        (0i64..5_000_000_000).prop_map(|v| Filter::size(Field::RevenueVnd, NumberOp::Ge, v.into())),
    ];
    (size, arb_filter(), 0usize..4).prop_map(|(size, other, how)| match how {
        0 => size,
        1 => Filter::all([size, other]),
        2 => Filter::any([other, size]),
        _ => Filter::not(Filter::all([other, size])),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn merging_parts_equals_the_whole(orgs in arb_orgs(40), filter in arb_filter(), num in arb_filter(), cut in 0usize..41) {
        let plan = plan_over(filter, num);
        let opts = ScanOptions { drill_down: true };
        let whole = Tally::with_options(&plan, &snapshot(date(), orgs.clone()), opts).unwrap();
        // Split by district, the way provinces roll up.
        prop_assert_eq!(merged_by_district(&plan, &orgs, DISTRICTS, opts), whole.clone());
        // Split at an arbitrary point, merged the other way round.
        let cut = cut.min(orgs.len());
        let mut b = Tally::with_options(&plan, &snapshot(date(), orgs[cut..].to_vec()), opts).unwrap();
        b.merge(&Tally::with_options(&plan, &snapshot(date(), orgs[..cut].to_vec()), opts).unwrap()).unwrap();
        prop_assert_eq!(&b, &whole);
        // Threads are parts too.
        prop_assert_eq!(Tally::parallel(&plan, &snapshot(date(), orgs), opts, 3).unwrap(), whole.clone());
        // And the merged tally gives the same report.
        let inputs = Inputs::new(date());
        prop_assert_eq!(plan.finalize(Some(&b), &[], &inputs).unwrap(), plan.finalize(Some(&whole), &[], &inputs).unwrap());
    }

    #[test]
    fn the_fast_scan_agrees_with_the_drill_down_scan(orgs in arb_orgs(40), filter in arb_filter(), num in arb_filter()) {
        let plan = plan_over(filter, num);
        let snap = snapshot(date(), orgs);
        let fast = Tally::of(&plan, &snap).unwrap();
        let mut slow = Tally::with_options(&plan, &snap, ScanOptions { drill_down: true }).unwrap();
        for t in &mut slow.targets {
            t.parts = without_ids(&t.parts);
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
        // A target that names cooperative groups counts their ratings.
        let groups = filter.selects_cooperative_groups();
        let matches = |o: &hoptac::Cooperative| filter.decide_with(o, date(), groups) == Some(true);
        let active = orgs.iter().filter(|o| o.is_active_at(date()) && matches(o)).count();
        let any = orgs.iter().filter(|o| matches(o)).count();
        prop_assert_eq!(tally.parts("count").unwrap().numerator, Decimal::from(active));
        prop_assert_eq!(tally.parts("count-any").unwrap().numerator, Decimal::from(any));
        let members: u64 = orgs.iter()
            .filter(|o| o.is_active_at(date()) && matches(o))
            .filter_map(|o| o.members).map(u64::from).sum();
        prop_assert_eq!(tally.parts("sum").unwrap().numerator, Decimal::from(members));
    }

    #[test]
    fn size_filters_merge_and_count_the_unknown_as_missing(orgs in arb_orgs(40), filter in arb_sized_filter(), num in arb_sized_filter()) {
        let plan = plan_over(filter.clone(), num.clone());
        let opts = ScanOptions { drill_down: true };
        let snap = snapshot(date(), orgs.clone());
        let whole = Tally::with_options(&plan, &snap, opts).unwrap();
        prop_assert_eq!(merged_by_district(&plan, &orgs, DISTRICTS, opts), whole.clone());
        let mut fast = Tally::of(&plan, &snap).unwrap();
        let mut slow = whole.clone();
        for t in slow.targets.iter_mut().chain(fast.targets.iter_mut()) {
            t.parts = without_ids(&t.parts);
        }
        prop_assert_eq!(fast, slow);
        // The reference: matches when decided true, missing when unknown.
        let active: Vec<_> = orgs.iter().filter(|o| o.is_active_at(date())).collect();
        let g = filter.selects_cooperative_groups();
        let yes = active.iter().filter(|o| filter.decide_with(o, date(), g) == Some(true)).count();
        let unknown = active.iter().filter(|o| filter.decide_with(o, date(), g).is_none()).count();
        let c = whole.parts("count").unwrap();
        prop_assert_eq!(c.numerator, Decimal::from(yes));
        prop_assert_eq!(c.missing, unknown as u64);
        let s = whole.parts("share").unwrap();
        // The share names groups when its numerator or denominator does.
        let g = g || num.selects_cooperative_groups();
        let den: Vec<_> = active.iter().filter(|o| filter.decide_with(o, date(), g) == Some(true)).collect();
        let num_unknown = den.iter().filter(|o| num.decide_with(o, date(), g).is_none()).count();
        let num_yes = den.iter().filter(|o| num.decide_with(o, date(), g) == Some(true)).count();
        prop_assert_eq!(s.denominator, Decimal::from(den.len() - num_unknown));
        prop_assert_eq!(s.numerator, Decimal::from(num_yes));
        prop_assert_eq!(s.missing, (unknown + num_unknown) as u64);
    }

    #[test]
    fn breakdowns_merge_and_add_up_to_the_whole(orgs in arb_orgs(40), filter in arb_sized_filter(), num in arb_filter(), by in 0usize..5) {
        let by = hoptac::plan::GroupBy::ALL[by];
        let mut plan = plan_over(filter, num);
        for t in &mut plan.targets {
            t.breakdown = Some(by);
        }
        let opts = ScanOptions { drill_down: true };
        let snap = snapshot(date(), orgs.clone());
        let whole = Tally::with_options(&plan, &snap, opts).unwrap();
        prop_assert_eq!(merged_by_district(&plan, &orgs, DISTRICTS, opts), whole.clone());
        // The fast scan keeps the same groups.
        let fast = Tally::of(&plan, &snap).unwrap();
        for (f, w) in fast.targets.iter().zip(&whole.targets) {
            prop_assert_eq!(&f.groups, &w.groups);
            // The fast scan makes a grouped target's whole from its groups.
            prop_assert_eq!(&f.parts, &without_ids(&w.parts), "{}", w.target);
        }
        // Every measure's groups add up to the whole: counts, sums,
        // numerators and denominators, counted and missing.
        for t in &whole.targets {
            let mut sum = hoptac::tally::Parts::default();
            for g in &t.groups {
                sum.merge(&g.parts).unwrap();
            }
            prop_assert_eq!(sum.numerator, t.parts.numerator, "{}", t.target);
            prop_assert_eq!(sum.denominator, t.parts.denominator, "{}", t.target);
            prop_assert_eq!(sum.counted, t.parts.counted, "{}", t.target);
            prop_assert_eq!(sum.missing, t.parts.missing, "{}", t.target);
        }
        // Each group's share is its own numerator over its own denominator.
        let report = plan.finalize(Some(&whole), &[], &Inputs::new(date())).unwrap();
        let share = report.target("share").unwrap();
        // (No breakdown only when the target reads a column no one holds.)
        let no_column = matches!(share.no_data, Some(hoptac::report::NoDataReason::ExtensionMissing { .. }));
        prop_assert!(share.breakdown.is_some() || no_column);
        for g in share.breakdown.iter().flat_map(|b| &b.groups) {
            if g.parts.denominator > Decimal::ZERO {
                prop_assert_eq!(g.actual, Some((g.parts.numerator * Decimal::ONE_HUNDRED / g.parts.denominator).normalize()));
            } else {
                prop_assert_eq!(g.actual, None);
            }
        }
    }

    #[test]
    fn yearly_growth_powers_are_exact(base in 1u64..1_000_000, rate in 0u32..30, years in 1i32..8) {
        let g: hoptac::plan::Growth = serde_json::from_value(serde_json::json!({"kind": "yearly", "from_year": 2023})).unwrap();
        let year = 2022 + years;
        let required = g.required(Decimal::from(base), Decimal::from(rate), year).unwrap();
        // base × (100 + rate)^n / 100^n, in integers.
        let n = years as u32;
        let num = u128::from(base) * u128::from(100 + rate).pow(n);
        let den = 100u128.pow(n);
        prop_assert_eq!(required * Decimal::from(den), Decimal::from(num));
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

/// A list of places: some of the districts' communes ("Xã 0" to "Xã 5": a
/// commune no organisation is in), some with the attribute "ntm".
fn arb_places() -> impl Strategy<Value = hoptac::report::PlaceList> {
    proptest::collection::vec((0usize..3, 0usize..6, any::<bool>()), 0..12).prop_map(|picked| {
        let places = picked
            .into_iter()
            .map(|(d, c, ntm)| {
                let p = hoptac::report::Place::commune(DISTRICTS[d], format!("Xã {c}"));
                if ntm {
                    p.with_attribute("ntm")
                } else {
                    p
                }
            })
            .chain(
                DISTRICTS
                    .iter()
                    .take(2)
                    .map(|d| hoptac::report::Place::district(*d)),
            )
            .collect();
        hoptac::report::PlaceList::new(date(), places)
    })
}

/// Per-place targets of each quantifier over `filter`.
fn per_place_plan(filter: Filter) -> Plan {
    use hoptac::plan::{PerPlace, PlaceLevel, PlaceQuantifier};
    let with = |id: &str, m: Measure, threshold: &str, p: PerPlace| {
        let mut t = target(id, m, threshold, d(2030, 12, 31));
        t.places = Some(p);
        t
    };
    plan(vec![
        with(
            "every",
            count(filter.clone()),
            "ít nhất 1",
            PerPlace::new(PlaceLevel::Commune, PlaceQuantifier::Every),
        ),
        with(
            "coverage",
            count(filter.clone()),
            "ít nhất 50%",
            PerPlace::new(PlaceLevel::Commune, PlaceQuantifier::Coverage),
        ),
        with(
            "coverage-ntm",
            count(filter.clone()),
            "100%",
            PerPlace::new(PlaceLevel::Commune, PlaceQuantifier::Coverage).with_attribute("ntm"),
        ),
        with(
            "mean",
            Measure::Sum {
                field: Field::Members,
                filter,
                population: Population::Active,
            },
            "ít nhất 10 thành viên",
            PerPlace::new(PlaceLevel::District, PlaceQuantifier::Mean),
        ),
    ])
}

proptest! {
    #[test]
    fn per_place_targets_merge_and_agree_with_their_meaning(orgs in arb_orgs(40), filter in arb_sized_filter(), places in arb_places(), seed in any::<u64>()) {
        let plan = per_place_plan(filter.clone());
        let mut inputs = Inputs::new(date());
        inputs.places = Some(places.clone());
        let whole = Tally::of(&plan, &snapshot(date(), orgs.clone())).unwrap();
        // Merge of the districts' parts, in an order the seed picks.
        let mut order: Vec<&str> = DISTRICTS.to_vec();
        order.rotate_left((seed % 3) as usize);
        let merged = merged_by_district(&plan, &orgs, order, ScanOptions::default());
        prop_assert_eq!(&merged, &whole);
        let report = plan.finalize(Some(&whole), &[], &inputs).unwrap();
        prop_assert_eq!(&plan.finalize(Some(&merged), &[], &inputs).unwrap(), &report);
        // The reference: a listed commune is covered when one active
        // organisation in it is decided to match.
        let mut listed: Vec<(String, String)> = places.places.iter()
            .filter_map(|p| Some((p.district.clone()?, p.commune.clone()?)))
            .collect();
        listed.sort();
        listed.dedup();
        let decided = |district: &str, commune: &str, want: Option<bool>| orgs.iter().any(|o| {
            o.is_active_at(date())
                && o.location.district.as_deref() == Some(district)
                && o.location.commune == commune
                && filter.decide_with(o, date(), filter.selects_cooperative_groups()) == want
        });
        let covered = listed.iter().filter(|(d, c)| decided(d, c, Some(true))).count();
        let unknown = listed.iter().filter(|(d, c)| !decided(d, c, Some(true)) && decided(d, c, None)).count();
        let cov = report.target("coverage").unwrap();
        let no_column = matches!(cov.no_data, Some(hoptac::report::NoDataReason::ExtensionMissing { .. }));
        if listed.is_empty() || no_column {
            prop_assert_eq!(cov.status, hoptac::TargetStatus::NoData);
        } else if unknown == 0 {
            let share = Decimal::from(covered) * Decimal::ONE_HUNDRED / Decimal::from(listed.len());
            prop_assert_eq!(cov.actual, Some(share.normalize()));
            let every = report.target("every").unwrap();
            prop_assert_eq!(every.met, Some(covered == listed.len()));
        }
        // Every listed district is asked of the mean, with or without
        // organisations.
        let mean = report.target("mean").unwrap();
        if let Some(p) = &mean.places {
            prop_assert_eq!(p.places, 2);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// Plan scope (DOMAIN.md, "Scope"): with organisations of two
    /// provinces, merging any parts equals the whole, and the whole equals
    /// the plan's province alone, the others counted as outside the scope.
    #[test]
    fn merging_parts_equals_the_whole_with_scope(orgs in arb_orgs(40), other in proptest::collection::vec(any::<bool>(), 40), filter in arb_sized_filter(), num in arb_filter(), cut in 0usize..41, by in 0usize..6) {
        let mut plan = plan_over(filter, num);
        plan.province = Some("Tỉnh Nghệ An".into());
        if let Some(by) = hoptac::plan::GroupBy::ALL.get(by) {
            for t in &mut plan.targets {
                t.breakdown = Some(*by);
            }
        }
        let orgs: Vec<_> = orgs.into_iter().zip(other).map(|(mut o, other)| {
            if other {
                o.location.province = "Hà Tĩnh".into();
            }
            o
        }).collect();
        let outside = orgs.iter().filter(|o| o.location.province == "Hà Tĩnh").count() as u64;
        for opts in [ScanOptions { drill_down: true }, ScanOptions::default()] {
            let whole = Tally::with_options(&plan, &snapshot(date(), orgs.clone()), opts).unwrap();
            let inside: Vec<_> = orgs.iter().filter(|o| o.location.province == "Nghệ An").cloned().collect();
            let alone = Tally::with_options(&plan, &snapshot(date(), inside.clone()), opts).unwrap();
            if inside.is_empty() && !orgs.is_empty() {
                // Only another province: evaluated as given.
                prop_assert!(whole.none_in_scope);
                prop_assert_eq!(whole.outside_scope, 0);
                let mut given = plan.clone();
                given.province = None;
                let t = Tally::with_options(&given, &snapshot(date(), orgs.clone()), opts).unwrap();
                prop_assert_eq!(&whole.targets, &t.targets);
            } else {
                prop_assert!(!whole.none_in_scope);
                prop_assert_eq!(whole.outside_scope, outside);
                prop_assert_eq!(&whole.targets, &alone.targets);
            }
            prop_assert_eq!(merged_by_district(&plan, &orgs, DISTRICTS, opts), whole.clone());
            let cut = cut.min(orgs.len());
            let mut b = Tally::with_options(&plan, &snapshot(date(), orgs[cut..].to_vec()), opts).unwrap();
            b.merge(&Tally::with_options(&plan, &snapshot(date(), orgs[..cut].to_vec()), opts).unwrap()).unwrap();
            prop_assert_eq!(&b, &whole);
            prop_assert_eq!(Tally::parallel(&plan, &snapshot(date(), orgs.clone()), opts, 3).unwrap(), whole.clone());
            let inputs = Inputs::new(date());
            prop_assert_eq!(plan.finalize(Some(&b), &[], &inputs).unwrap(), plan.finalize(Some(&whole), &[], &inputs).unwrap());
        }
    }
}

/// Filters of categorical leaves only (kind, status, sector, rating,
/// flags), under `all`, `any` and `not`: what the keyed scan answers.
fn arb_categorical_filter() -> impl Strategy<Value = Filter> {
    use hoptac::org::{Flag, Sector};
    let leaf = prop_oneof![
        Just(Filter::Everything),
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
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(|of| Filter::All { of }),
            proptest::collection::vec(inner.clone(), 0..4).prop_map(|of| Filter::Any { of }),
            inner.prop_map(Filter::not),
        ]
    })
}

/// A plan the keyed scan takes (issue 12): counts, shares, and sums and
/// means of built-in counts, over categorical filters, no breakdown.
fn keyed_plan(filter: Filter, numerator: Filter) -> Plan {
    let deadline = d(2030, 12, 31);
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
            "sum-any",
            Measure::Sum {
                field: Field::KeyStaff,
                filter: filter.clone(),
                population: Population::AnyStatus,
            },
            "ít nhất 1 cán bộ",
            deadline,
        ),
        target(
            "share",
            share(numerator, filter.clone()),
            "trên 50%",
            deadline,
        ),
        target(
            "mean",
            Measure::Mean {
                field: Field::Members,
                filter,
                population: Population::Active,
            },
            "ít nhất 10 thành viên",
            deadline,
        ),
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    /// The keyed scan (Tally::of on such a plan) equals the drill-down scan
    /// and the reference meaning, with and without a scope, and merges.
    #[test]
    fn the_keyed_scan_agrees_with_the_drill_down_scan_and_the_reference(orgs in arb_orgs(40), other in proptest::collection::vec(any::<bool>(), 40), filter in arb_categorical_filter(), num in arb_categorical_filter(), scoped in any::<bool>(), cut in 0usize..41) {
        let mut plan = keyed_plan(filter.clone(), num);
        if scoped {
            plan.province = Some("Nghệ An".into());
        }
        let orgs: Vec<_> = orgs.into_iter().zip(other).map(|(mut o, other)| {
            if other && scoped {
                o.location.province = "Hà Tĩnh".into();
            }
            o
        }).collect();
        let snap = snapshot(date(), orgs.clone());
        let fast = Tally::of(&plan, &snap).unwrap();
        let mut slow = Tally::with_options(&plan, &snap, ScanOptions { drill_down: true }).unwrap();
        for t in &mut slow.targets {
            t.parts = without_ids(&t.parts);
        }
        prop_assert_eq!(&fast, &slow);
        // The reference, over the organisations in scope (all when none is).
        let inside: Vec<_> = orgs.iter().filter(|o| o.location.province == "Nghệ An").collect();
        let counted: Vec<_> = if inside.is_empty() { orgs.iter().collect() } else { inside };
        let g = filter.selects_cooperative_groups();
        let matches = |o: &&hoptac::Cooperative| filter.decide_with(o, date(), g) == Some(true);
        let active: Vec<_> = counted.iter().copied().filter(|o| o.is_active_at(date())).filter(matches).collect();
        prop_assert_eq!(fast.parts("count").unwrap().numerator, Decimal::from(active.len()));
        prop_assert_eq!(fast.parts("count-any").unwrap().numerator, Decimal::from(counted.iter().copied().filter(matches).count()));
        let members: u64 = active.iter().filter_map(|o| o.members).map(u64::from).sum();
        let sum = fast.parts("sum").unwrap();
        prop_assert_eq!(sum.numerator, Decimal::from(members));
        prop_assert_eq!(sum.missing, active.iter().filter(|o| o.members.is_none()).count() as u64);
        // Merge of two parts.
        let cut = cut.min(orgs.len());
        let mut a = Tally::of(&plan, &snapshot(date(), orgs[..cut].to_vec())).unwrap();
        a.merge(&Tally::of(&plan, &snapshot(date(), orgs[cut..].to_vec())).unwrap()).unwrap();
        prop_assert_eq!(&a, &fast);
        prop_assert_eq!(Tally::parallel(&plan, &snap, ScanOptions::default(), 3).unwrap(), fast);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    /// With a breakdown (any grouping), the keyed scan's groups and wholes
    /// equal the drill-down scan's, with and without a scope; they merge,
    /// and split over threads (issue 9: breakdowns on the keyed scan).
    #[test]
    fn the_keyed_scan_with_breakdowns_agrees_with_the_drill_down_scan(orgs in arb_orgs(40), other in proptest::collection::vec(any::<bool>(), 40), filter in arb_categorical_filter(), num in arb_categorical_filter(), scoped in any::<bool>(), cut in 0usize..41, by in 0usize..hoptac::plan::GroupBy::ALL.len(), only_first in any::<bool>()) {
        let mut plan = keyed_plan(filter, num);
        for (i, t) in plan.targets.iter_mut().enumerate() {
            if i == 0 || !only_first {
                t.breakdown = Some(hoptac::plan::GroupBy::ALL[by]);
            }
        }
        if scoped {
            plan.province = Some("Nghệ An".into());
        }
        let orgs: Vec<_> = orgs.into_iter().zip(other).map(|(mut o, other)| {
            if other && scoped {
                o.location.province = "Hà Tĩnh".into();
            }
            o
        }).collect();
        let snap = snapshot(date(), orgs.clone());
        let fast = Tally::of(&plan, &snap).unwrap();
        let mut slow = Tally::with_options(&plan, &snap, ScanOptions { drill_down: true }).unwrap();
        for t in &mut slow.targets {
            t.parts = without_ids(&t.parts);
        }
        prop_assert_eq!(&fast, &slow);
        for t in &fast.targets {
            prop_assert_eq!(&t.groups, &slow.targets.iter().find(|s| s.target == t.target).unwrap().groups);
        }
        let cut = cut.min(orgs.len());
        let mut a = Tally::of(&plan, &snapshot(date(), orgs[..cut].to_vec())).unwrap();
        a.merge(&Tally::of(&plan, &snapshot(date(), orgs[cut..].to_vec())).unwrap()).unwrap();
        prop_assert_eq!(&a, &fast);
        prop_assert_eq!(Tally::parallel(&plan, &snap, ScanOptions::default(), 3).unwrap(), fast);
    }
}
