//! `hoptac`: crate docs come later.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod agency;
mod error;
mod lang;
mod schedule;

pub use agency::{
    normalize_agency_name, Agency, AgencyDirectory, AgencyError, AgencyId, AgencyLevel,
    ParseAgencyIdError, Succession,
};
pub use error::{Problem, ProblemCode, Problems, Severity};
pub use lang::{format_decimal, parse_vi_number, Labelled, Lang, ParseLangError, ParseNumberError};
pub use schedule::{ParseScheduleError, Schedule, ScheduleKind, ScheduleState};
