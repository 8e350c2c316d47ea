//! The binary snapshot cache through the public API: the bundled sample
//! and generated snapshots come back equal and evaluate identically under
//! every bundled plan; damaged files (cut, flipped, extended) give errors,
//! never panics.

mod report_common;

use chrono::NaiveDate;
use hoptac::cache::{self, CacheError};
use hoptac::generate::{self, GeneratorConfig, KindMix};
use hoptac::{catalog, Inputs, Registry, Snapshot, Tally};
use proptest::prelude::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

/// The bundled sample registry: three yearly snapshots.
fn sample_registry() -> Registry {
    let mut registry = Registry::new();
    for year in 2023..=2025 {
        registry
            .insert(report_common::sample_snapshot(date(year, 12, 31)))
            .expect("one snapshot per date");
    }
    registry
}

/// Every bundled plan's report as JSON, on `registry` as of `as_of`.
fn reports(registry: &Registry, inputs: &Inputs) -> Vec<serde_json::Value> {
    catalog::keys()
        .map(|key| {
            let plan = catalog::get(key).expect("bundled plan");
            let report = plan.evaluate(registry, inputs).expect("evaluates");
            serde_json::to_value(&report).expect("report JSON")
        })
        .collect()
}

#[test]
fn bundled_sample_round_trips_and_evaluates_identically() {
    let registry = sample_registry();
    let mut file = Vec::new();
    registry.write_binary(&mut file).expect("written");
    let back = Registry::read_binary(file.as_slice()).expect("read back");
    assert_eq!(back, registry);
    for (a, b) in back.iter().zip(registry.iter()) {
        assert_eq!(a.date(), b.date());
        assert_eq!(a.fingerprint(), b.fingerprint());
        for i in 0..a.len() {
            let id = b.id_at(i).expect("an id");
            assert_eq!(a.position(id), Some(i), "{id}");
        }
    }
    let inputs = report_common::sample_inputs();
    let before = reports(&registry, &inputs);
    assert_eq!(before.len(), catalog::keys().count());
    assert_eq!(reports(&back, &inputs), before);
    // The sample's snapshots one by one, too.
    for snap in registry.iter() {
        let one = Snapshot::read_binary(snap.to_binary().as_slice()).expect("one snapshot");
        assert_eq!(&one, snap);
        assert!(one.validate().iter().count() == snap.validate().iter().count());
    }
}

#[test]
fn the_file_is_compact() {
    // The bundled sample: the binary form is smaller than its CSV.
    let root = report_common::root();
    for year in 2023..=2025 {
        let d = date(year, 12, 31);
        let csv = std::fs::metadata(root.join(format!("examples/data/nghe-an/registry-{d}.csv")))
            .expect("sample CSV")
            .len();
        let bin = report_common::sample_snapshot(d).to_binary().len() as u64;
        assert!(bin < csv, "{d}: {bin} bytes binary, {csv} bytes CSV");
    }
}

#[test]
fn a_csv_file_is_not_a_snapshot_file() {
    let path = report_common::root().join("examples/data/nghe-an/registry-2025-12-31.csv");
    let bytes = std::fs::read(path).expect("sample CSV");
    let err = Registry::read_binary(bytes.as_slice()).unwrap_err();
    assert!(matches!(err, CacheError::Magic { .. }), "{err}");
    assert!(err
        .to_string()
        .starts_with("not a hoptac snapshot file: it starts with `"));
    assert!(err
        .text(hoptac::Lang::Vi)
        .starts_with("không phải tệp số liệu nhị phân của hoptac"));
}

/// Generated configurations: any size up to 300, any seed, a date, any mix,
/// with or without districts.
fn arb_config() -> impl Strategy<Value = GeneratorConfig> {
    (
        0usize..300,
        any::<u64>(),
        2021i32..2027,
        (0u32..4, 0u32..4, 0u32..2),
        any::<bool>(),
    )
        .prop_map(|(size, seed, year, (g, c, u), districts)| {
            let mut config = GeneratorConfig::nghe_an(size, seed, date(year, 12, 31));
            if g + c + u > 0 {
                config = config.with_mix(KindMix {
                    cooperative_groups: g,
                    cooperatives: c,
                    unions: u,
                });
            }
            if !districts {
                config = config.with_districts(Vec::<String>::new());
            }
            config
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// load(save(s)) == s, and every bundled plan tallies it the same.
    #[test]
    fn generated_snapshots_round_trip(config in arb_config()) {
        let snap = generate::snapshot(&config);
        let back = Snapshot::read_binary(snap.to_binary().as_slice()).expect("read back");
        prop_assert_eq!(&back, &snap);
        prop_assert_eq!(back.fingerprint(), snap.fingerprint());
        for key in catalog::keys() {
            let plan = catalog::get(key).expect("bundled plan");
            prop_assert_eq!(Tally::of(&plan, &back).ok(), Tally::of(&plan, &snap).ok(), "{}", key);
        }
    }

    /// A history round trips as a whole and reports the same.
    #[test]
    fn generated_histories_round_trip(config in arb_config()) {
        let dates = [date(2023, 12, 31), date(2024, 12, 31), config.date.max(date(2025, 12, 31))];
        let registry = generate::history(&config, &dates);
        let mut file = Vec::new();
        registry.write_binary(&mut file).expect("written");
        let back = Registry::read_binary(file.as_slice()).expect("read back");
        prop_assert_eq!(&back, &registry);
        let inputs = Inputs::new(dates[2]);
        prop_assert_eq!(reports(&back, &inputs), reports(&registry, &inputs));
    }

    /// Cut anywhere: an error, never a panic.
    #[test]
    fn truncated_files_are_refused(config in arb_config(), cut in any::<prop::sample::Index>()) {
        let bytes = generate::snapshot(&config).to_binary();
        let at = cut.index(bytes.len());
        prop_assert!(cache::read(&bytes[..at]).is_err());
        // Read as a stream: the same error.
        prop_assert_eq!(cache::read_from(&bytes[..at]).err(), cache::read(&bytes[..at]).err());
    }

    /// Bytes changed anywhere: an error, never a panic (the checksum or the
    /// framing catches them).
    #[test]
    fn flipped_bytes_are_refused(
        config in arb_config(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 1..8),
    ) {
        let mut bytes = generate::snapshot(&config).to_binary();
        let len = bytes.len();
        for (at, xor) in &flips {
            bytes[at.index(len)] ^= xor;
        }
        // Flips at one place can cancel out; otherwise it is refused.
        let original = generate::snapshot(&config).to_binary();
        if bytes != original {
            prop_assert!(cache::read(&bytes).is_err());
        }
        prop_assert_eq!(cache::read_from(bytes.as_slice()).err(), cache::read(&bytes).err());
    }

    /// Arbitrary bytes after a valid header: an error, never a panic.
    #[test]
    fn arbitrary_bytes_are_refused(tail in prop::collection::vec(any::<u8>(), 0..512)) {
        let mut bytes = cache::MAGIC.to_vec();
        bytes.extend_from_slice(&tail);
        prop_assert!(cache::read(&bytes).is_err());
        prop_assert_eq!(cache::read_from(bytes.as_slice()).err(), cache::read(&bytes).err());
    }
}
