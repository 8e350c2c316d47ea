//! Evaluation benchmarks: one pass over a snapshot for every registry target
//! of the Nghệ An plan, histories of three snapshots, and merging the
//! partial results of 34 provinces. Each benchmark checks the result it
//! times.
//!
//! Run with `cargo bench --bench evaluate`; medians go to BENCHMARKS.md.

use std::sync::OnceLock;

use chrono::NaiveDate;
use divan::Bencher;
use hoptac::generate::{self, GeneratorConfig};
use hoptac::{catalog, Inputs, Plan, Registry, Snapshot, Tally, TargetStatus};

fn main() {
    divan::main();
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).expect("valid date")
}

fn plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| catalog::get("nghe-an-363-2023").expect("bundled plan"))
}

fn snapshot(size: usize) -> &'static Snapshot {
    static CACHE: OnceLock<std::sync::Mutex<Vec<(usize, &'static Snapshot)>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().expect("lock");
    if let Some((_, s)) = cache.iter().find(|(n, _)| *n == size) {
        return s;
    }
    let s: &'static Snapshot = Box::leak(Box::new(generate::snapshot(&GeneratorConfig::nghe_an(
        size,
        42,
        as_of(),
    ))));
    cache.push((size, s));
    s
}

fn history(size: usize) -> &'static Registry {
    static CACHE: OnceLock<std::sync::Mutex<Vec<(usize, &'static Registry)>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().expect("lock");
    if let Some((_, r)) = cache.iter().find(|(n, _)| *n == size) {
        return r;
    }
    let dates: Vec<NaiveDate> = (2023..=2025)
        .map(|y| NaiveDate::from_ymd_opt(y, 12, 31).expect("valid date"))
        .collect();
    let r: &'static Registry = Box::leak(Box::new(generate::history(
        &GeneratorConfig::nghe_an(size, 42, as_of()),
        &dates,
    )));
    cache.push((size, r));
    r
}

/// One pass over one snapshot: all 14 registry targets of the plan.
#[divan::bench(args = [10_000, 100_000, 1_000_000], sample_count = 30)]
fn tally_one_snapshot(bencher: Bencher, size: usize) {
    let plan = plan();
    let snap = snapshot(size);
    bencher.bench(|| {
        let tally = Tally::of(plan, divan::black_box(snap)).expect("tally");
        assert_eq!(tally.organisations, size as u64);
        tally
    });
}

/// The whole evaluation (tally, values, statuses, tasks) over one snapshot.
#[divan::bench(args = [10_000, 100_000, 1_000_000], sample_count = 30)]
fn evaluate_one_snapshot(bencher: Bencher, size: usize) {
    let plan = plan();
    let registry = Registry::from(snapshot(size).clone());
    let mut inputs = Inputs::new(as_of());
    inputs.figures.insert("population".into(), 3_442_000.into());
    bencher.bench(|| {
        let report = plan
            .evaluate(divan::black_box(&registry), &inputs)
            .expect("evaluate");
        assert!(report
            .targets
            .iter()
            .all(|t| t.status != TargetStatus::NoData));
        report
    });
}

/// Three yearly snapshots (2023 to 2025): trends and projections.
#[divan::bench(args = [10_000, 100_000, 1_000_000], sample_count = 20)]
fn evaluate_three_snapshots(bencher: Bencher, size: usize) {
    let plan = plan();
    let registry = history(size);
    let mut inputs = Inputs::new(as_of());
    inputs.figures.insert("population".into(), 3_442_000.into());
    bencher.bench(|| {
        let report = plan
            .evaluate(divan::black_box(registry), &inputs)
            .expect("evaluate");
        assert_eq!(report.history.len(), 2);
        assert!(report.targets.iter().all(|t| t.pace.is_some()));
        report
    });
}

/// Merging the tallies of 34 provinces (the 2025 map) into a national one.
#[divan::bench(sample_count = 100)]
fn merge_34_provinces(bencher: Bencher) {
    let plan = plan();
    let parts: Vec<Tally> = (0..34u64)
        .map(|i| {
            let mut config = GeneratorConfig::nghe_an(1_000, i, as_of());
            config.id_prefix = format!("p{i}");
            Tally::of(plan, &generate::snapshot(&config)).expect("tally")
        })
        .collect();
    bencher.bench(|| {
        let mut total = parts[0].clone();
        for part in &parts[1..] {
            total.merge(divan::black_box(part)).expect("merge");
        }
        assert_eq!(total.organisations, 34_000);
        total
    });
}

/// The same million organisations on two threads, merged.
#[divan::bench(sample_count = 20)]
fn tally_1m_two_threads(bencher: Bencher) {
    let plan = plan();
    let snap = snapshot(1_000_000);
    bencher.bench(|| {
        let tally =
            Tally::parallel(plan, snap, hoptac::tally::ScanOptions::default(), 2).expect("tally");
        assert_eq!(tally.organisations, 1_000_000);
        tally
    });
}

/// Building a snapshot of a million generated organisations; the bytes it
/// holds are checked against the 400 MB goal.
#[divan::bench(sample_count = 5)]
fn build_1m_snapshot(bencher: Bencher) {
    bencher.bench(|| {
        let snap = generate::snapshot(&GeneratorConfig::nghe_an(1_000_000, 42, as_of()));
        assert!(
            snap.memory_bytes() < 400 * 1024 * 1024,
            "{} bytes",
            snap.memory_bytes()
        );
        snap
    });
}

/// The Nghệ An plan with every registry target broken down by district,
/// over a million organisations: one pass still.
#[divan::bench(sample_count = 20)]
fn tally_1m_breakdown_by_district(bencher: Bencher) {
    let mut plan = plan().clone();
    for t in &mut plan.targets {
        if t.measure.uses_registry() && !matches!(t.measure, hoptac::Measure::Against { .. }) {
            t.breakdown = Some(hoptac::plan::GroupBy::District);
        }
    }
    let snap = snapshot(1_000_000);
    bencher.bench(|| {
        let tally = Tally::of(&plan, divan::black_box(snap)).expect("tally");
        let t = tally
            .targets
            .iter()
            .find(|t| !t.groups.is_empty())
            .expect("groups");
        let sum: u64 = t.groups.iter().map(|g| g.parts.counted).sum();
        assert_eq!(sum, t.parts.counted);
        tally
    });
}

/// A million organisations of Nghệ An over 1,008 communes (48 per
/// district).
fn snapshot_1000_communes() -> &'static Snapshot {
    static SNAP: OnceLock<Snapshot> = OnceLock::new();
    SNAP.get_or_init(|| {
        generate::snapshot(
            &GeneratorConfig::nghe_an(1_000_000, 42, as_of()).with_communes_per_district(48),
        )
    })
}

/// The plain pass over the snapshot of 1,008 communes: the reference for
/// `tally_1m_coverage_1000_communes`.
#[divan::bench(sample_count = 20)]
fn tally_1m_plain_1000_communes(bencher: Bencher) {
    let snap = snapshot_1000_communes();
    bencher.bench(|| Tally::of(plan(), divan::black_box(snap)).expect("tally"));
}

/// The plan with one more target, a coverage over the communes ("100% số
/// xã có HTX"): one pass still, the communes' counts in a dense array.
#[divan::bench(sample_count = 20)]
fn tally_1m_coverage_1000_communes(bencher: Bencher) {
    use hoptac::plan::{PerPlace, PlaceLevel, PlaceQuantifier, TargetId};
    let mut plan = plan().clone();
    let mut t = plan
        .target("na2030.htx.count")
        .expect("the HTX count")
        .clone();
    t.id = TargetId::new("coverage").expect("id");
    t.threshold = "100%".parse().expect("threshold");
    t.places = Some(PerPlace::new(
        PlaceLevel::Commune,
        PlaceQuantifier::Coverage,
    ));
    plan.targets.push(t);
    let snap = snapshot_1000_communes();
    bencher.bench(|| {
        let tally = Tally::of(&plan, divan::black_box(snap)).expect("tally");
        let groups = &tally.targets.last().expect("coverage").groups;
        assert!(groups.len() >= 1000, "{} communes", groups.len());
        tally
    });
}

/// Scaling against organisations (issue 12): the same one-thread pass over
/// 10,000 to 1,000,000 organisations; `tally_scaling_10m` is the 10,000,000
/// point, apart because generating it takes a while.
#[divan::bench(args = [10_000, 100_000, 1_000_000], sample_count = 10)]
fn tally_scaling_organisations(bencher: Bencher, size: usize) {
    let plan = plan();
    let snap = snapshot(size);
    bencher.bench(|| Tally::of(plan, divan::black_box(snap)).expect("tally"));
}

/// 10,000,000 generated organisations, one thread (see
/// `tally_scaling_organisations`).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn tally_scaling_10m(bencher: Bencher) {
    let plan = plan();
    let snap = snapshot(10_000_000);
    bencher.bench(|| {
        let tally = Tally::of(plan, divan::black_box(snap)).expect("tally");
        assert_eq!(tally.organisations, 10_000_000);
        tally
    });
}

/// The first `n` registry targets of the Nghệ An plan, "of which" links
/// to targets left out cleared so that the plan stays valid.
fn plan_of_targets(n: usize) -> Plan {
    let mut plan = plan().clone();
    plan.targets.truncate(n);
    let ids: Vec<_> = plan.targets.iter().map(|t| t.id.clone()).collect();
    for t in &mut plan.targets {
        if t.parent.as_ref().is_some_and(|p| !ids.contains(p)) {
            t.parent = None;
        }
    }
    assert!(!plan.validate().has_errors(), "{}", plan.validate());
    plan
}

/// Scaling against targets (issue 12): 1, 2, 4, 8 and 14 targets of the
/// Nghệ An plan over 1,000,000 organisations, one thread.
#[divan::bench(args = [1, 2, 4, 8, 14], sample_count = 10)]
fn tally_scaling_targets(bencher: Bencher, n: usize) {
    let plan = plan_of_targets(n);
    let snap = snapshot(1_000_000);
    bencher.bench(|| {
        let tally = Tally::of(&plan, divan::black_box(snap)).expect("tally");
        assert_eq!(tally.targets.len(), n);
        tally
    });
}
