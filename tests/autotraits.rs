//! Errors are `Send + Sync + 'static`, so they cross threads and box into
//! `Box<dyn Error + Send + Sync>`.

fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
fn assert_send_sync<T: Send + Sync + 'static>() {}

#[test]
fn errors_are_send_sync_static() {
    assert_error::<hoptac::ParseDocRefError>();
    assert_error::<hoptac::ParseDocTypeError>();
    assert_error::<hoptac::ParseCitationError>();
    assert_error::<hoptac::ParseDateError>();
    assert_error::<hoptac::ParseScheduleError>();
    assert_error::<hoptac::ParseAgencyIdError>();
    assert_error::<hoptac::AgencyError>();
    assert_error::<hoptac::ParseThresholdError>();
    assert_error::<hoptac::ThresholdError>();
    assert_error::<hoptac::ParseCodeError>();
    assert_error::<hoptac::ParseFlagsError>();
    assert_error::<hoptac::OrgIdError>();
    assert_error::<hoptac::RatingScoreError>();
    assert_error::<hoptac::ParseIdError>();
    assert_error::<hoptac::ParseLangError>();
    assert_error::<hoptac::ParseNumberError>();
    assert_error::<hoptac::DateWindowError>();
    assert_error::<hoptac::RegistryError>();
    assert_error::<hoptac::LoadError>();
    assert_error::<hoptac::EvalError>();
    assert_error::<hoptac::MergeError>();
    assert_error::<hoptac::FilterTooDeep>();
    assert_error::<hoptac::Problems>();
}

#[test]
fn data_types_cross_threads() {
    assert_send_sync::<hoptac::Plan>();
    assert_send_sync::<hoptac::Snapshot>();
    assert_send_sync::<hoptac::Registry>();
    assert_send_sync::<hoptac::Tally>();
    assert_send_sync::<hoptac::Report>();
}
