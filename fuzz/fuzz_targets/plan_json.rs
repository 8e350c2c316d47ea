//! Plan JSON from arbitrary bytes: an error or a valid plan, never a panic;
//! a plan that loads also validates, writes and reads back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(plan) = hoptac::Plan::from_json(text) {
        assert!(!plan.validate().has_errors());
        let again = hoptac::Plan::from_json(&plan.to_json()).expect("a loaded plan reads back");
        assert_eq!(again, plan);
    }
});
