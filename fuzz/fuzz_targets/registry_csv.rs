//! Registry CSV from arbitrary bytes: an error or a snapshot, never a panic;
//! a snapshot that loads is evaluated without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let date = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).expect("valid date");
    let options = hoptac::csv::CsvOptions::default().with_max_record_bytes(64 * 1024);
    if let Ok(snapshot) = hoptac::csv::read_csv(data, date, &options) {
        let plan = hoptac::catalog::get("nghe-an-363-2023").expect("bundled plan");
        let report = plan
            .evaluate(
                &hoptac::Registry::from(snapshot),
                &hoptac::Inputs::new(date),
            )
            .expect("a bundled plan evaluates");
        assert_eq!(report.targets.len(), 14);
    }
});
