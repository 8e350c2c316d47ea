//! The binary snapshot cache: loading (reading, checking and rebuilding the
//! indexes of) a snapshot of 10,000 to 1,000,000 generated organisations,
//! and writing one. Each benchmark checks what it loads.
//!
//! Run with `cargo bench --bench cache`; medians and the file sizes (printed
//! first) go to BENCHMARKS.md, "Cached snapshot".

use std::sync::{Mutex, OnceLock};

use chrono::NaiveDate;
use divan::Bencher;
use hoptac::generate::{self, GeneratorConfig};
use hoptac::{cache, Snapshot};

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

fn main() {
    // `HOPTAC_CACHE_PROFILE=N`: only generate N organisations and load them
    // once, for a profiler (callgrind); with `HOPTAC_CACHE_RUNS=R`, R timed
    // loads instead (on-CPU and wall-clock medians).
    if let Some(n) = std::env::var("HOPTAC_CACHE_PROFILE")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        // `HOPTAC_CACHE_FILE=1`: from a file (in the page cache) instead.
        let from_file = std::env::var_os("HOPTAC_CACHE_FILE").is_some();
        if let Some(runs) = std::env::var("HOPTAC_CACHE_RUNS")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            cpu_time_of_load(n, runs, from_file);
            return;
        }
        let (snap, bytes) = fixture(n);
        let back = if from_file {
            let path = fixture_file(n, bytes);
            let back = Snapshot::read_binary(std::fs::File::open(&path).expect("opened"));
            // `HOPTAC_CACHE_KEEP=1`: the file stays, for a look at it.
            if std::env::var_os("HOPTAC_CACHE_KEEP").is_none() {
                std::fs::remove_file(&path).ok();
            }
            back.expect("loads")
        } else {
            cache::read(bytes).expect("loads").remove(0).snapshot
        };
        assert_eq!(back.fingerprint(), snap.fingerprint());
        return;
    }
    for size in SIZES {
        let (snap, bytes) = fixture(size);
        println!(
            "cache: {size} organisations, {} bytes ({:.1} bytes each); in memory {} bytes",
            bytes.len(),
            bytes.len() as f64 / size as f64,
            snap.memory_bytes()
        );
    }
    cpu_time_of_load(1_000_000, 7, false);
    cpu_time_of_load(1_000_000, 7, true);
    divan::main();
}

/// This thread's time on a CPU so far, in nanoseconds (Linux's
/// /proc/thread-self/schedstat), when the system tells it.
fn on_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// The process's time on a CPU so far, every thread's (the dead ones'
/// too), in clock ticks of 10 ms (Linux's /proc/self/stat, utime + stime).
fn process_cpu_ticks() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses.
    let rest = text.rsplit_once(')')?.1;
    let mut fields = rest.split_whitespace().skip(11);
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(utime + stime)
}

/// Wall-clock medians mean little on a shared machine: the time the
/// loading thread spends on a CPU (not counting the second thread that
/// builds the id index beside it), median of `runs`, printed beside the
/// wall clock.
fn cpu_time_of_load(size: usize, runs: usize, from_file: bool) {
    let (snap, bytes) = fixture(size);
    let path = from_file.then(|| fixture_file(size, bytes));
    // `HOPTAC_CACHE_FILE=whole`: the file read whole, then its bytes.
    let whole = std::env::var("HOPTAC_CACHE_FILE").is_ok_and(|v| v == "whole");
    let mut cpu = Vec::new();
    let mut wall = Vec::new();
    let mut ticks = Some(0);
    for _ in 0..runs {
        let t0 = process_cpu_ticks();
        let (c0, w0) = (on_cpu_ns(), std::time::Instant::now());
        let back = match &path {
            // The whole file into memory first, then its bytes read: for
            // comparison.
            Some(path) if whole => {
                cache::read(&std::fs::read(path).expect("read"))
                    .expect("loads")
                    .remove(0)
                    .snapshot
            }
            Some(path) => {
                let file = std::fs::File::open(path).expect("opened");
                Snapshot::read_binary(file).expect("loads")
            }
            None => {
                cache::read(divan::black_box(bytes))
                    .expect("loads")
                    .remove(0)
                    .snapshot
            }
        };
        let (c1, w1) = (on_cpu_ns(), w0.elapsed());
        ticks = match (ticks, t0, process_cpu_ticks()) {
            (Some(sum), Some(a), Some(b)) => Some(sum + b - a),
            _ => None,
        };
        assert_eq!(back.fingerprint(), snap.fingerprint());
        drop(back);
        if let (Some(a), Some(b)) = (c0, c1) {
            cpu.push(b - a);
        }
        wall.push(w1.as_nanos() as u64);
    }
    let median = |v: &mut Vec<u64>| {
        v.sort_unstable();
        v.get(v.len() / 2).map_or(f64::NAN, |&x| x as f64 / 1e6)
    };
    // Both threads, as a mean: ticks are too coarse for one load (the
    // dropping of each snapshot is not counted).
    let all_threads = ticks.map_or(f64::NAN, |t| t as f64 * 10.0 / runs as f64);
    if let Some(path) = &path {
        std::fs::remove_file(path).ok();
    }
    let from = match (from_file, whole) {
        (false, _) => "memory",
        (true, false) => "file",
        (true, true) => "file read whole first",
    };
    println!(
        "cache: load of {size} from {from}: median on-CPU {:.1} ms (loading thread), mean on-CPU {all_threads:.0} ms (both threads, ticks of 10 ms), median wall {:.1} ms ({runs} runs)",
        median(&mut cpu),
        median(&mut wall)
    );
}

/// A generated snapshot and its binary form, made once per size.
fn fixture(size: usize) -> (&'static Snapshot, &'static [u8]) {
    type Fixtures = Mutex<Vec<(usize, &'static Snapshot, &'static [u8])>>;
    static CACHE: OnceLock<Fixtures> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().expect("lock");
    if let Some(&(_, s, b)) = cache.iter().find(|(n, _, _)| *n == size) {
        return (s, b);
    }
    let date = NaiveDate::from_ymd_opt(2025, 12, 31).expect("valid date");
    let snap: &'static Snapshot = Box::leak(Box::new(generate::snapshot(
        &GeneratorConfig::nghe_an(size, 42, date),
    )));
    let bytes: &'static [u8] = Box::leak(snap.to_binary().into_boxed_slice());
    cache.push((size, snap, bytes));
    (snap, bytes)
}

/// The snapshot file of `size` organisations, written to the temporary
/// directory (and so in the page cache).
fn fixture_file(size: usize, bytes: &[u8]) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("hoptac-bench-cache-{size}.bin"));
    std::fs::write(&path, bytes).expect("written");
    path
}

/// Loading a snapshot from its bytes in memory: framing, checksum,
/// decoding, every check, the rows and the id index rebuilt.
#[divan::bench(args = SIZES, sample_count = 10)]
fn load(bencher: Bencher, size: usize) {
    let (snap, bytes) = fixture(size);
    bencher.bench(|| {
        let mut back = cache::read(divan::black_box(bytes)).expect("loads");
        let back = back.pop().expect("one snapshot").snapshot;
        assert_eq!(back.len(), size);
        assert_eq!(back.fingerprint(), snap.fingerprint());
        back
    });
}

/// Loading a snapshot from a file (in the page cache after the first
/// sample): the same, plus reading the file.
#[divan::bench(args = SIZES, sample_count = 10)]
fn load_file(bencher: Bencher, size: usize) {
    let (snap, bytes) = fixture(size);
    let path = fixture_file(size, bytes);
    bencher.bench(|| {
        let file = std::fs::File::open(&path).expect("opened");
        let back = Snapshot::read_binary(file).expect("loads");
        assert_eq!(back.fingerprint(), snap.fingerprint());
        back
    });
    std::fs::remove_file(&path).ok();
}

/// Writing a snapshot to bytes.
#[divan::bench(args = SIZES, sample_count = 10)]
fn save(bencher: Bencher, size: usize) {
    let (snap, bytes) = fixture(size);
    bencher.bench(|| {
        let out = snap.to_binary();
        assert_eq!(out.len(), bytes.len());
        out
    });
}
