//! Writes a generated registry snapshot of Nghệ An as CSV: the input of the
//! benchmarks that read a large registry (scripts/compare_duckdb.py).
//!
//! ```text
//! cargo run --release --example generate_registry -- [--rows N] [--seed S]
//!     [--as-of YYYY-MM-DD] [--output FILE]
//! ```
//!
//! With no arguments: 1,000 organisations, seed 42, dated 2025-12-31, to the
//! standard output. The same arguments give the same bytes. The file is
//! read back by `plan_check --registry FILE --as-of DATE` with the same date.
//!
//! Bad arguments, or a file that cannot be written: one message on stderr
//! and exit code 2.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Parser;
use hoptac::csv::write_csv;
use hoptac::generate::{self, GeneratorConfig};
use hoptac::Snapshot;

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "generate_registry",
    about = "Writes a generated registry snapshot of Nghệ An as CSV (số liệu đăng ký giả lập).",
    long_about = None,
    args_override_self = true
)]
struct Cli {
    /// How many organisations (established on or before --as-of, whatever
    /// their status).
    #[arg(long, value_name = "N", default_value_t = 1_000)]
    rows: usize,
    /// The generator's seed: the same seed gives the same organisations.
    #[arg(long, value_name = "S", default_value_t = 42)]
    seed: u64,
    /// The snapshot's date (ngày số liệu).
    #[arg(
        long = "as-of",
        value_name = "YYYY-MM-DD",
        default_value = "2025-12-31"
    )]
    as_of: String,
    /// Write the CSV to FILE instead of the standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help or --version: clap prints them on stdout.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(2);
        }
    };
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("generate_registry: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli) -> Result<(), String> {
    let date = NaiveDate::parse_from_str(&cli.as_of, "%Y-%m-%d").map_err(|_| {
        format!(
            "invalid date `{}` for --as-of: expected YYYY-MM-DD",
            cli.as_of
        )
    })?;
    if cli.rows > Snapshot::MAX_ORGS {
        return Err(format!(
            "--rows {} is more than a snapshot holds ({})",
            cli.rows,
            Snapshot::MAX_ORGS
        ));
    }
    let snapshot = generate::snapshot(&GeneratorConfig::nghe_an(cli.rows, cli.seed, date));
    match &cli.output {
        Some(path) => {
            let file = File::create(path)
                .map_err(|e| format!("cannot create `{}`: {e}", path.display()))?;
            write(&snapshot, file).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
        }
        // A reader that stops early (`generate_registry | head`) closes the
        // pipe: that ends the program quietly.
        None => {
            let mut stdout = Pipe {
                inner: std::io::stdout().lock(),
                closed: false,
            };
            match write(&snapshot, &mut stdout) {
                Err(_) if stdout.closed => Ok(()),
                other => other.map_err(|e| format!("cannot write to the standard output: {e}")),
            }
        }
    }
}

/// A writer that remembers whether its reader closed the pipe.
struct Pipe<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> Write for Pipe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let result = self.inner.write(buf);
        self.note(result)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let result = self.inner.flush();
        self.note(result)
    }
}

impl<W> Pipe<W> {
    fn note<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &result {
            self.closed |= e.kind() == std::io::ErrorKind::BrokenPipe;
        }
        result
    }
}

/// Writes `snapshot` as CSV to `out`, buffered, and flushes it.
fn write(snapshot: &Snapshot, out: impl Write) -> Result<(), Box<dyn std::error::Error>> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    write_csv(snapshot, &mut out)?;
    out.flush()?;
    Ok(())
}
