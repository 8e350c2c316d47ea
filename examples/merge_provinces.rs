//! Two provinces merged in 2025 (Quảng Nam joined Đà Nẵng): each registry is
//! scanned apart, the partial results are merged, and the merged report
//! equals the report on the two registries put together. Shares are
//! recomputed from summed numerators and denominators, never averaged.
//!
//! ```text
//! cargo run --example merge_provinces
//! ```
//!
//! Exits with code 1 if the two reports differ (they never should).

use std::process::ExitCode;

use chrono::NaiveDate;
use hoptac::generate::{self, GeneratorConfig};
use hoptac::{catalog, Inputs, Lang, Snapshot, Tally};

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("merge_provinces: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<bool, Box<dyn std::error::Error>> {
    let plan = catalog::get("nghe-an-363-2023").ok_or("the bundled plan is missing")?;
    let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("bad date")?;
    let quang_nam = GeneratorConfig::nghe_an(1_800, 1, as_of)
        .with_province("Quảng Nam", "qn")
        .with_districts(["Tam Kỳ", "Hội An", "Điện Bàn", "Duy Xuyên", "Thăng Bình"]);
    let da_nang = GeneratorConfig::nghe_an(700, 2, as_of)
        .with_province("Đà Nẵng", "dn")
        .with_districts(["Hải Châu", "Thanh Khê", "Liên Chiểu", "Hòa Vang"]);
    let (a, b) = (generate::snapshot(&quang_nam), generate::snapshot(&da_nang));

    // Apart, then merged.
    let mut merged = Tally::of(&plan, &a)?;
    merged.merge(&Tally::of(&plan, &b)?)?;

    // Together.
    let together = Snapshot::from_cooperatives(as_of, a.iter().chain(b.iter()))?;
    let whole = Tally::of(&plan, &together)?;

    let inputs = Inputs::new(as_of);
    let report_merged = plan.finalize(Some(&merged), &[], &inputs)?;
    let report_whole = plan.finalize(Some(&whole), &[], &inputs)?;

    let share = |t: &Tally| -> Result<String, Box<dyn std::error::Error>> {
        let p = t.parts("na2030.good_fair.share").ok_or("no such target")?;
        Ok(format!("{} of {}", p.numerator, p.denominator))
    };
    println!(
        "Quảng Nam: {} organisations, good or fair: {}",
        a.len(),
        share(&Tally::of(&plan, &a)?)?
    );
    println!(
        "Đà Nẵng:   {} organisations, good or fair: {}",
        b.len(),
        share(&Tally::of(&plan, &b)?)?
    );
    println!(
        "merged:    {} organisations, good or fair: {}",
        merged.organisations,
        share(&merged)?
    );
    println!();
    println!("{}", report_merged.table(Lang::En));
    let equal = merged == whole && report_merged == report_whole;
    println!("merged tally equals the tally of the whole: {equal}");
    Ok(equal)
}
