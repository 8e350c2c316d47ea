//! Drafting benchmarks: the Nghệ An plan 363/KH-UBND (seed 003, 41 kB of
//! text: header, targets, a 29-row task table), and the same text in
//! decomposed form (NFD). Each benchmark checks the draft it times.
//!
//! Run with `cargo bench --bench draft`. Goal: under 50 ms for a 40 kB plan.

use hoptac::draft::{self, DraftOptions};

fn main() {
    divan::main();
}

const SEED_003: &str = include_str!("../tests/data/draft/seeds/003_dfe0b0f244ba484d.txt");

#[divan::bench]
fn draft_40kb_plan() -> usize {
    let d = draft::draft(divan::black_box(SEED_003), &DraftOptions::default());
    assert_eq!((d.plan.targets.len(), d.plan.tasks.len()), (14, 29));
    d.review.items.len()
}

#[divan::bench]
fn draft_40kb_plan_nfd(bencher: divan::Bencher) {
    let nfd = hoptac::text::nfd(SEED_003);
    bencher.bench(|| {
        let d = draft::draft(divan::black_box(&nfd), &DraftOptions::default());
        assert_eq!(d.plan.targets.len(), 14);
        d.review.items.len()
    });
}
