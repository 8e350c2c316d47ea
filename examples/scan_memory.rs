//! One-shot measurements for BENCHMARKS.md (issue 12): the memory a
//! generated snapshot holds, the peak resident memory of the process, the
//! one-thread scan of the Nghệ An plan, and this machine's memory bandwidth.
//!
//! ```text
//! cargo run --release --example scan_memory -- [ORGANISATIONS] [--targets N] [--bandwidth]
//!     [--communes-per-district N] [--breakdown district|commune] [--coverage]
//! ```
//!
//! `--breakdown` breaks every registry target down by district or commune,
//! `--coverage` adds a coverage target over the communes ("100% số xã có
//! HTX"), and `--communes-per-district` spreads the organisations over
//! more communes (issue 9's benchmarks, measured in CPU time).
//!
//! Prints `Snapshot::memory_bytes`, `VmHWM` (Linux), the median of 15 scans
//! and, with `--bandwidth`, the rate of summing a 1 GiB array of `u64`
//! (median of 5 passes), against which the scan's bytes per row are put.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use hoptac::generate::{self, GeneratorConfig};
use hoptac::{catalog, Tally};

/// `VmHWM` of this process in kB, where /proc says it.
fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The CPU time this process has used (user and system), from
/// /proc/self/stat in clock ticks of 10 ms: on a shared machine, what a
/// pass costs without the time other processes held the cores.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields of the whole line.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_millis((utime + stime) * 10))
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The median time of summing 1 GiB of `u64` (a read-only stream).
fn bandwidth() -> (Duration, u64) {
    let words = (1usize << 30) / 8;
    let data: Vec<u64> = (0..words as u64).collect();
    let mut times = Vec::new();
    let mut total = 0u64;
    let cpu_before = cpu_time();
    for _ in 0..5 {
        let start = Instant::now();
        // Four lanes so the sum is limited by memory, not by the adds.
        let mut acc = [0u64; 4];
        for chunk in data.chunks_exact(4) {
            for (a, x) in acc.iter_mut().zip(chunk) {
                *a = a.wrapping_add(*x);
            }
        }
        total = std::hint::black_box(acc.iter().fold(0u64, |s, a| s.wrapping_add(*a)));
        times.push(start.elapsed());
    }
    if let Some((a, b)) = cpu_time().zip(cpu_before) {
        println!("bandwidth: CPU time per pass {:?}", (a - b) / 5);
    }
    (median(times), total)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let size: usize = match args.first().filter(|a| !a.starts_with("--")) {
        Some(n) => n.parse()?,
        None => 1_000_000,
    };
    let date = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    let mut plan = catalog::get("nghe-an-363-2023").ok_or("plan")?;
    // `--targets N`: the plan's first N targets, for the scaling table.
    if let Some(i) = args.iter().position(|a| a == "--targets") {
        let n: usize = args.get(i + 1).ok_or("--targets N")?.parse()?;
        plan.targets.truncate(n);
        let ids: Vec<_> = plan.targets.iter().map(|t| t.id.clone()).collect();
        for t in &mut plan.targets {
            if t.parent.as_ref().is_some_and(|p| !ids.contains(p)) {
                t.parent = None;
            }
        }
    }
    let value = |flag: &str| -> Option<&String> {
        let i = args.iter().position(|a| a == flag)?;
        args.get(i + 1)
    };
    if let Some(by) = value("--breakdown") {
        let by = match by.as_str() {
            "district" => hoptac::plan::GroupBy::District,
            "commune" => hoptac::plan::GroupBy::Commune,
            other => return Err(format!("--breakdown district|commune, not {other}").into()),
        };
        for t in &mut plan.targets {
            if t.measure.uses_registry() && !matches!(t.measure, hoptac::Measure::Against { .. }) {
                t.breakdown = Some(by);
            }
        }
    }
    if args.iter().any(|a| a == "--coverage") {
        use hoptac::plan::{PerPlace, PlaceLevel, PlaceQuantifier, TargetId};
        let mut t = plan
            .target("na2030.htx.count")
            .ok_or("the HTX count")?
            .clone();
        t.id = TargetId::new("coverage")?;
        t.threshold = "100%".parse()?;
        t.places = Some(PerPlace::new(
            PlaceLevel::Commune,
            PlaceQuantifier::Coverage,
        ));
        plan.targets.push(t);
    }
    let mut config = GeneratorConfig::nghe_an(size, 42, date);
    if let Some(n) = value("--communes-per-district") {
        config = config.with_communes_per_district(n.parse()?);
    }
    let snap = generate::snapshot(&config);
    let bytes = snap.memory_bytes();
    println!(
        "organisations: {size}\nmemory_bytes: {bytes} ({:.1} MiB, {:.1} bytes each)",
        bytes as f64 / (1 << 20) as f64,
        bytes as f64 / size.max(1) as f64
    );
    if let Some(kb) = peak_kb() {
        println!(
            "VmHWM after loading: {kb} kB ({:.1} MiB)",
            kb as f64 / 1024.0
        );
    }
    let targets = plan.targets.len();
    // Enough passes for the CPU clock's 10 ms ticks to be small beside them.
    let runs = (50_000_000 / size.max(1)).clamp(50, 5_000) as u32;
    let mut times = Vec::new();
    let cpu_before = cpu_time();
    for _ in 0..runs {
        let start = Instant::now();
        let tally = Tally::of(&plan, std::hint::black_box(&snap))?;
        times.push(start.elapsed());
        assert_eq!(tally.organisations, size as u64);
        assert_eq!(tally.targets.len(), targets);
    }
    let cpu = cpu_time().zip(cpu_before).map(|(a, b)| (a - b) / runs);
    let scan = median(times);
    println!(
        "scan, {targets} targets, one thread: wall median {scan:?} of {runs}; CPU time per scan {cpu:?}"
    );
    if args.iter().any(|a| a == "--bandwidth") {
        drop(snap);
        let (t, total) = bandwidth();
        let gbs = (1u64 << 30) as f64 / t.as_secs_f64() / 1e9;
        println!(
            "bandwidth: 1 GiB of u64 summed in {t:?} (median of 5): {gbs:.1} GB/s (sum {total})"
        );
    }
    Ok(())
}
