//! Errors are `Send + Sync + 'static`, so they cross threads and box into
//! `Box<dyn Error + Send + Sync>`.

fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
fn assert_send_sync<T: Send + Sync + 'static>() {}

#[test]
fn errors_are_send_sync_static() {
    assert_error::<hoptac::doc::ParseDocRefError>();
    assert_error::<hoptac::doc::ParseDocTypeError>();
    assert_error::<hoptac::doc::ParseCitationError>();
    assert_error::<hoptac::doc::ParseDateError>();
    assert_error::<hoptac::plan::ParseScheduleError>();
    assert_error::<hoptac::agency::ParseAgencyIdError>();
    assert_error::<hoptac::agency::AgencyError>();
    assert_error::<hoptac::plan::ParseThresholdError>();
    assert_error::<hoptac::plan::ThresholdError>();
    assert_error::<hoptac::org::ParseCodeError>();
    assert_error::<hoptac::org::ParseFlagsError>();
    assert_error::<hoptac::org::OrgIdError>();
    assert_error::<hoptac::org::RatingScoreError>();
    assert_error::<hoptac::plan::ParseIdError>();
    assert_error::<hoptac::text::ParseLangError>();
    assert_error::<hoptac::text::ParseNumberError>();
    assert_error::<hoptac::plan::DateWindowError>();
    assert_error::<hoptac::RegistryError>();
    assert_error::<hoptac::LoadError>();
    assert_error::<hoptac::EvalError>();
    assert_error::<hoptac::tally::MergeError>();
    assert_error::<hoptac::tally::FilterTooDeep>();
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
