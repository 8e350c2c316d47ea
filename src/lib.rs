//! `hoptac`: crate docs come later.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod agency;
#[cfg(feature = "json")]
pub mod catalog;
mod docref;
mod engine;
mod error;
mod ids;
mod lang;
mod org;
mod plan;
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
pub use engine::{
    AgencySummary, EvalError, FigureUsed, FilterTooDeep, Inputs, LatestReport, MergeError, Pace,
    PaceBasis, Parts, Report, ReportTable, ScanOptions, Tally, TargetResult, TargetStatus,
    TargetTally, TaskReport, TaskResult, TaskStatus,
};
pub use error::{Problem, ProblemCode, Problems, Severity};
pub use ids::{ParseIdError, PlanId, SectionId, TargetId, TaskId};
pub use lang::{format_decimal, parse_vi_number, Labelled, Lang, ParseLangError, ParseNumberError};
pub use org::{
    Cooperative, ExtValue, Flag, Flags, FlagsIter, Law, Location, OrgId, OrgIdError, OrgKind,
    OrgStatus, ParseCodeError, ParseFlagsError, Rating, RatingScoreError, Sector,
};
#[cfg(feature = "json")]
pub use plan::LoadError;
pub use plan::{
    Assumption, Baseline, DateWindow, DateWindowError, Field, FigureScale, Filter, Frequency,
    Measure, NumberOp, Period, Plan, Population, ReportingDuty, Section, Target, Task,
    FORMAT_VERSION, MAX_FILTER_DEPTH,
};
pub use registry::{Registry, RegistryError, Snapshot};
pub use schedule::{ParseScheduleError, Schedule, ScheduleKind, ScheduleState};
pub use threshold::{Comparator, Direction, ParseThresholdError, Threshold, ThresholdError, Unit};
