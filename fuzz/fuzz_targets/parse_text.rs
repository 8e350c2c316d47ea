//! Every text parser of the crate on arbitrary bytes: none may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = text.parse::<hoptac::doc::DocRef>();
    let _ = text.parse::<hoptac::doc::Citation>();
    let _ = text.parse::<hoptac::Schedule>();
    let _ = hoptac::Threshold::from_vietnamese(text);
    let _ = hoptac::text::parse_vi_number(text);
    let _ = hoptac::doc::parse_vi_date(text);
    let _ = hoptac::agency::normalize_agency_name(text);
    let _ = text.parse::<hoptac::plan::TargetId>();
});
