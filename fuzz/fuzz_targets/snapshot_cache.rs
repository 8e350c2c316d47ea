//! Binary snapshot files from arbitrary bytes: an error or snapshots, never
//! a panic; snapshots that load give back every organisation, find each by
//! its id, write back to the same bytes, and evaluate without a panic.
//!
//! Most inputs fail the checksum; the fuzzer's mutations of a seed file
//! reach the payload's checks only through the checksum, so a second pass
//! reframes the input as a payload with a correct checksum.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn check(data: &[u8]) {
    let Ok(all) = hoptac::cache::read(data) else {
        return;
    };
    let date = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).expect("valid date");
    let plan = hoptac::catalog::get("nghe-an-363-2023").expect("bundled plan");
    for cached in all {
        let snap = cached.snapshot;
        assert_eq!(snap.iter().count(), snap.len());
        for i in 0..snap.len() {
            let id = snap.id_at(i).expect("an id");
            assert_eq!(snap.position(id), Some(i));
        }
        let again = hoptac::Snapshot::read_binary(snap.to_binary().as_slice()).expect("reads back");
        assert_eq!(again, snap);
        let _ = plan.evaluate(&hoptac::Registry::from(snap), &hoptac::Inputs::new(date));
    }
}

fuzz_target!(|data: &[u8]| {
    check(data);
    // The same bytes as a payload, framed with a correct checksum.
    let mut framed = hoptac::cache::MAGIC.to_vec();
    framed.extend_from_slice(&hoptac::cache::FORMAT_VERSION.to_le_bytes());
    framed.extend_from_slice(&hoptac::cache::LAYOUT_VERSION.to_le_bytes());
    framed.extend_from_slice(&(data.len() as u64).to_le_bytes());
    framed.extend_from_slice(data);
    framed.extend_from_slice(&hoptac::cache::checksum(data).to_le_bytes());
    check(&framed);
});
