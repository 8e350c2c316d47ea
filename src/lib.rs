//! `hoptac` (hợp tác: cooperation) models Vietnam's collective-economy
//! development plans (kế hoạch phát triển kinh tế tập thể) and evaluates
//! progress against them, exactly.
//!
//! Provinces issue plans that implement central resolutions. Each plan has
//! measurable targets ("by 2030, more than 60% of collective economic
//! organisations rated good or fair") and tasks assigned to agencies. Every
//! year someone must say which targets are met, on track or behind, and
//! which tasks are late. This crate gives:
//!
//! - typed entities: [`Plan`], [`Target`], [`Task`], [`Cooperative`], and what
//!   they need ([`DocRef`], [`Agency`], [`Schedule`], [`Threshold`],
//!   [`Rating`] ...), each with Vietnamese and English labels ([`Labelled`]);
//! - validation that reports every problem with its path ([`Plan::validate`],
//!   [`Cooperative::validate`]), never a panic;
//! - an evaluation engine ([`Plan::evaluate`]) over registry [`Snapshot`]s
//!   that is exact (decimals, never floats), explains each number
//!   ([`Parts`]: numerator, denominator, missing values, and on request the
//!   organisations behind them), and scans a snapshot once for all targets
//!   into a mergeable [`Tally`];
//! - the five source plans as ready data ([`catalog`]), CSV import of
//!   registries ([`read_csv`]) and a seeded generator of realistic
//!   registries ([`generate`]).
//!
//! # Example
//!
//! Evaluate Nghệ An's plan 363/KH-UBND on a generated registry:
//!
//! ```
//! use chrono::NaiveDate;
//! use hoptac::{catalog, generate, Inputs, Lang, Registry, TargetStatus};
//!
//! let plan = catalog::get("nghe-an-363-2023").ok_or("no such plan")?;
//! let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
//! let snapshot = generate::snapshot(&generate::GeneratorConfig::nghe_an(2_200, 7, as_of));
//!
//! let mut inputs = Inputs::new(as_of);
//! inputs.figures.insert("population".into(), 3_442_000.into());
//! let report = plan.evaluate(&Registry::from(snapshot), &inputs)?;
//!
//! let share = report.target("na2030.good_fair.share").ok_or("no such target")?;
//! let parts = share.parts.as_ref().ok_or("no parts")?;
//! println!("{} of {} rated organisations are good or fair", parts.numerator, parts.denominator);
//! assert_ne!(share.status, TargetStatus::NoData);
//! println!("{}", report.table(Lang::En));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Cookbook
//!
//! **Load a plan from JSON and show every problem.**
//!
//! ```
//! use hoptac::Plan;
//! let plan = Plan::from_json_unchecked(hoptac::catalog::json("an-giang-1206-2020").unwrap())?;
//! for problem in &plan.validate() {
//!     println!("{problem}"); // warning[doc_type_mismatch] at doc: ...
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Parse what the plans write.**
//!
//! ```
//! use hoptac::{DocRef, Schedule, Threshold};
//! let t: Threshold = "1.000 triệu đồng trở lên".parse()?;
//! assert!(t.is_met(1_000_000_000.into()));
//! let s: Schedule = "Năm 2023-2024".parse()?;
//! assert!(s.is_active_in(2024));
//! let d: DocRef = "45/2021/NĐ-CP".parse()?;
//! assert_eq!(d.year(), Some(2021));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Evaluate parts and merge them** (districts, merged provinces, threads,
//! machines): shares are recomputed from summed numerators and denominators,
//! so the merged result equals evaluating the whole.
//!
//! ```
//! use chrono::NaiveDate;
//! use hoptac::{catalog, generate::{self, GeneratorConfig}, Inputs, Tally};
//! let plan = catalog::get("nghe-an-363-2023").unwrap();
//! let date = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
//! let mut a = GeneratorConfig::nghe_an(500, 1, date);
//! a.id_prefix = "a".into();
//! let mut b = GeneratorConfig::nghe_an(500, 2, date);
//! b.id_prefix = "b".into();
//! let mut tally = Tally::of(&plan, &generate::snapshot(&a))?;
//! tally.merge(&Tally::of(&plan, &generate::snapshot(&b))?)?;
//! let report = plan.finalize(Some(&tally), &[], &Inputs::new(date))?;
//! assert_eq!(report.organisations, 1_000);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Features
//!
//! - `json` (default): [`Plan::from_json`], [`Plan::to_json`] and the
//!   [`catalog`] (adds `serde_json` and `serde_path_to_error`).
//! - `csv` (default): [`read_csv`] and [`write_csv`] (adds `csv`).
//!
//! The design and the reasons behind it are in [`_design`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod agency;
#[cfg(feature = "json")]
pub mod catalog;
mod docref;
mod engine;
mod error;
pub mod generate;
mod ids;
#[cfg(feature = "csv")]
mod io;
mod lang;
mod org;
mod plan;
mod registry;
mod schedule;
pub mod text;
mod threshold;

#[doc = include_str!("../DESIGN.md")]
pub mod _design {}

/// The README's code compiles: it is tested as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub use agency::{
    normalize_agency_name, Agency, AgencyDirectory, AgencyError, AgencyId, AgencyLevel,
    ParseAgencyIdError, Succession,
};
pub use docref::{
    parse_vi_date, Citation, DocForm, DocKind, DocRef, DocType, ParseCitationError, ParseDateError,
    ParseDocKindError, ParseDocRefError, ParseDocTypeError,
};
pub use engine::{
    AgencySummary, EvalError, FigureUsed, FilterTooDeep, Inputs, LatestReport, MergeError,
    NoDataReason, Pace, PaceBasis, Parts, Report, ReportTable, ScanOptions, Tally, TargetResult,
    TargetStatus, TargetTally, TaskReport, TaskResult, TaskStatus,
};
pub use error::{Problem, ProblemCode, Problems, Severity};
pub use ids::{ParseIdError, PlanId, SectionId, TargetId, TaskId};
#[cfg(feature = "csv")]
pub use io::{read_csv, read_csv_path, write_csv, CsvError, CsvOptions, CsvRowError};
pub use lang::{format_decimal, parse_vi_number, Labelled, Lang, ParseLangError, ParseNumberError};
pub use org::{
    Cooperative, ExtValue, Flag, Flags, FlagsIter, Law, Location, OrgId, OrgIdError, OrgKind,
    OrgStatus, ParseCodeError, ParseFlagsError, Rating, RatingScoreError, Sector,
};
pub use plan::{
    Assumption, Baseline, DateWindow, DateWindowError, Field, FigureBase, FigureScale, Filter,
    Frequency, Measure, MeasureKind, NumberOp, Period, Plan, PlanBuilder, Population, ReportingDuty, Section,
    Target, Task, FORMAT_VERSION, MAX_FILTER_DEPTH,
};
#[cfg(feature = "json")]
pub use plan::{LoadError, MAX_PLAN_JSON_BYTES};
pub use registry::{Registry, RegistryError, Snapshot};
pub use schedule::{ParseScheduleError, Schedule, ScheduleKind, ScheduleState};
pub use threshold::{Comparator, Direction, ParseThresholdError, Threshold, ThresholdError, Unit};
