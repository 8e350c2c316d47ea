//! Errors are `Send + Sync + 'static`, so they cross threads and box into
//! `Box<dyn Error + Send + Sync>`.

fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
fn assert_send_sync<T: Send + Sync + 'static>() {}

#[test]
fn errors_are_send_sync_static() {
    assert_error::<hoptac::ParseError>();
    assert_error::<hoptac::agency::AgencyError>();
    assert_error::<hoptac::RegistryError>();
    assert_error::<hoptac::LoadError>();
    assert_error::<hoptac::EvalError>();
    assert_error::<hoptac::tally::MergeError>();
    assert_error::<hoptac::tally::FilterTooDeep>();
    assert_error::<hoptac::Problems>();
}

#[test]
fn parse_error_is_a_plain_value() {
    fn assert_value<T: Clone + PartialEq + Eq + std::fmt::Debug + Send + Sync + 'static>() {}
    assert_value::<hoptac::ParseError>();
}

#[test]
fn data_types_cross_threads() {
    assert_send_sync::<hoptac::Plan>();
    assert_send_sync::<hoptac::Snapshot>();
    assert_send_sync::<hoptac::Registry>();
    assert_send_sync::<hoptac::Tally>();
    assert_send_sync::<hoptac::Report>();
}
