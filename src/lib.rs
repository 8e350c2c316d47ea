//! `hoptac`: crate docs come later.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod agency;
mod docref;
mod error;
mod lang;
mod org;
mod registry;
mod schedule;
mod threshold;

pub use agency::{
    normalize_agency_name, Agency, AgencyDirectory, AgencyError, AgencyId, AgencyLevel,
    ParseAgencyIdError, Succession,
};
pub use docref::{
    parse_vi_date, Citation, DocForm, DocKind, DocRef, DocType, ParseCitationError, ParseDateError,
    ParseDocKindError, ParseDocRefError, ParseDocTypeError,
};
pub use error::{Problem, ProblemCode, Problems, Severity};
pub use lang::{format_decimal, parse_vi_number, Labelled, Lang, ParseLangError, ParseNumberError};
pub use org::{
    Cooperative, ExtValue, Flag, Flags, FlagsIter, Law, Location, OrgId, OrgIdError, OrgKind,
    OrgStatus, ParseCodeError, ParseFlagsError, Rating, RatingScoreError, Sector,
};
pub use registry::{Registry, RegistryError, Snapshot};
pub use schedule::{ParseScheduleError, Schedule, ScheduleKind, ScheduleState};
pub use threshold::{Comparator, Direction, ParseThresholdError, Threshold, ThresholdError, Unit};
