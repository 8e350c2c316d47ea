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
//!   they need ([`doc::DocRef`], [`agency::Agency`], [`Schedule`],
//!   [`Threshold`], [`org::Rating`] ...), each with Vietnamese and English
//!   labels ([`Labelled`]);
//! - validation that reports every problem with its path ([`Plan::validate`],
//!   [`Cooperative::validate`]), never a panic;
//! - an evaluation engine ([`Plan::evaluate`]) over registry [`Snapshot`]s
//!   that is exact (decimals, never floats), explains each number
//!   ([`tally::Parts`]: numerator, denominator, missing values, and on request the
//!   organisations behind them), and scans a snapshot once for all targets
//!   into a mergeable [`Tally`];
//! - the five source plans as ready data ([`catalog`]), CSV import of
//!   registries ([`csv::read_csv`]) and a seeded generator of realistic
//!   registries ([`generate`]).
//!
//! The root holds the path a user walks (a plan, a registry, the inputs, the
//! report, the tally, the problems); the rest lives in a few namespaces:
//! [`plan`] (ids, measures' parts, thresholds' and schedules' parts),
//! [`org`] (what a cooperative record holds), [`doc`] (document numbers and
//! citations), [`agency`], [`report`], [`tally`], [`csv`] and [`text`]
//! (normalisation, folding and Vietnamese numbers).
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
//! **Build a plan in code.** [`Plan::builder`] reads values as plans write
//! them and reports every problem at once.
//!
//! ```
//! use hoptac::{plan::Field, Filter, Measure, org::{Flag, OrgKind}, Plan};
//! let htx = || Filter::kind(OrgKind::Cooperative);
//! let good_fair = || Filter::all([Filter::Rated, Filter::fair_or_better()]);
//! let plan = Plan::builder("demo-2030", "Kế hoạch phát triển kinh tế tập thể", "UBND tỉnh Nghệ An")
//!     .doc("363/KH-UBND")
//!     .issued("30/5/2023")
//!     .period("2023-05-30", "2030-12-31")
//!     .standard_agencies()
//!     .target("htx.count", "Khoảng 1.200 hợp tác xã", "About 1,200 cooperatives",
//!         Measure::count(htx()), "khoảng 1.200 hợp tác xã", "2030")
//!     .target("htx.members", "Khoảng 278.000 thành viên", "About 278,000 members",
//!         Measure::sum(Field::Members, htx()), "khoảng 278.000 thành viên", "2030")
//!     .target("good_fair.share", "Trên 60% đạt loại tốt, khá", "Over 60% rated good or fair",
//!         Measure::share(Filter::fair_or_better(), Filter::Rated), "trên 60%", "2030")
//!     .target("value_chain.share", "Ít nhất 50% liên kết chuỗi giá trị", "At least 50% in value chains",
//!         Measure::share(Filter::flag(Flag::ValueChain), good_fair()), "ít nhất 50%", "2030")
//!     .of_which("good_fair.share")
//!     .task("I.1", "Tuyên truyền về kinh tế tập thể")
//!     .lead("so-tai-chinh")
//!     .cooperating("lmhtx, ubnd-huyen")
//!     .schedule("Hàng năm")
//!     .task("I.2", "Rà soát, giải thể hợp tác xã ngừng hoạt động")
//!     .lead("ubnd-huyen")
//!     .schedule("2023-2025")
//!     .build()?;
//! assert_eq!((plan.targets.len(), plan.tasks.len()), (4, 2));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
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
//! **Parse what the plans write.** Every parser fails with one
//! [`ParseError`], which names the input and what was expected.
//!
//! ```
//! use hoptac::{doc::DocRef, Schedule, Threshold};
//! let t: Threshold = "1.000 triệu đồng trở lên".parse()?;
//! assert!(t.is_met(1_000_000_000.into()));
//! let s: Schedule = "Năm 2023-2024".parse()?;
//! assert!(s.is_active_in(2024));
//! let d: DocRef = "45/2021/NĐ-CP".parse()?;
//! assert_eq!(d.year(), Some(2021));
//! let err = "trên".parse::<Threshold>().unwrap_err();
//! assert_eq!(err.to_string(), "no number after `trên` in `trên`: expected a number such as `trên 60%`");
//! assert_eq!((err.what(), err.input()), ("threshold", "trên"));
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
//! - `csv` (default): the [`csv`] module, reading and writing registry
//!   snapshots (adds `csv` and `memchr`).
//! - `encodings` (default): registries saved as UTF-16 or Windows-1258
//!   (adds `encoding_rs`).
//! - `xlsx` (default): registries saved as Excel workbooks (adds
//!   `calamine`).
//! - `xlsx-report` (default): [`Report::write_xlsx`], the report as an Excel
//!   workbook (adds `rust_xlsxwriter`). The HTML report
//!   ([`Report::to_html`]) needs no feature.
//! - `snapshot-cache` (default): the [`cache`] module, snapshots saved in a
//!   compact, versioned and checked binary form that loads fast
//!   ([`Snapshot::write_binary`], [`Registry::read_binary`]; adds `postcard`
//!   and `simdutf8`).
//! - `docx`: [`draft::docx_text`], a plan's text from a .docx file (adds
//!   `zip` and `quick-xml`).
//! - `schema`: [`schema::plan`], [`schema::inputs`] and [`schema::report`],
//!   JSON Schemas (draft 2020-12) of the JSON forms (adds `schemars` and
//!   `serde_json`).
//!
//! The design and the reasons behind it are in [`_design`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

pub mod agency;
mod bilingual;
#[cfg(feature = "json")]
pub mod catalog;
mod docref;
pub mod draft;
mod engine;
mod error;
pub mod generate;
mod ids;
#[cfg(feature = "csv")]
mod io;
mod lang;
pub mod org;
mod parse_error;
pub mod plan;
mod registry;
mod schedule;
#[cfg(feature = "schema")]
pub mod schema;
mod serde_util;
pub mod text;
mod threshold;
mod vocab;

#[doc = include_str!("../DESIGN.md")]
pub mod _design {}

/// The README's code compiles: it is tested as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

// The path a user walks: a plan and what it is made of, a registry of
// organisations, the inputs of an evaluation, its report and tally, and the
// problems validation finds. Everything else lives in a namespace below.
pub use bilingual::Bilingual;
pub use engine::{EvalError, Inputs, Report, Tally, TargetResult, TargetStatus};
pub use error::{Problem, ProblemCode, Problems, Severity};
pub use lang::{Labelled, Lang};
pub use org::Cooperative;
pub use parse_error::ParseError;
#[cfg(feature = "json")]
pub use plan::LoadError;
pub use plan::{Filter, Measure, Plan, PlanBuilder, Section, Target, Task};
#[cfg(feature = "snapshot-cache")]
pub use registry::cache;
pub use registry::{Registry, RegistryError, Snapshot};
pub use schedule::Schedule;
pub use threshold::Threshold;

/// Document numbers and citations (số, ký hiệu văn bản; trích dẫn):
/// `363/KH-UBND`, `45/2021/NĐ-CP`, `20-NQ/TW`, "Kế hoạch số 363/KH-UBND
/// ngày 30/5/2023", and Vietnamese dates.
///
/// ```
/// use hoptac::doc::DocRef;
/// let d: DocRef = "45/2021/NĐ-CP".parse()?;
/// assert_eq!(d.year(), Some(2021));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub mod doc {
    pub use crate::docref::{find_citations, FoundCitation};
    pub use crate::docref::{parse_vi_date, Citation, DocForm, DocKind, DocRef, DocType};
}

/// What an evaluation reports (báo cáo đánh giá): per target, per task and
/// per agency, and the table for people.
///
/// ```
/// use hoptac::report::{NoDataReason, TargetStatus};
/// use hoptac::Lang;
/// assert_eq!(NoDataReason::NoSnapshot.text(Lang::En), "no registry snapshot to measure");
/// assert_eq!(TargetStatus::NoData.code(), "no_data");
/// ```
pub mod report {
    #[cfg(feature = "xlsx-report")]
    pub use crate::engine::XlsxReportError;
    pub use crate::engine::{
        AgencySummary, BaseSource, Breakdown, FigureUsed, GroupResult, GrowthUsed, HistoryPoint,
        IgnoredInput, IgnoredReason, LatestReport, NoDataReason, Note, Pace, PaceBasis, Place,
        PlaceList, PlaceResult, PlacesResult, Report, ReportTable, TargetResult, TargetStatus,
        TaskReport, TaskResult, TaskStatus,
    };
}

/// The one-pass scan and its mergeable result (bảng cộng dồn): a [`Tally`]
/// per snapshot, or per part of one, merged exactly.
///
/// ```
/// use hoptac::tally::{Parts, ScanOptions};
/// let opts = ScanOptions { drill_down: true };
/// assert!(opts.drill_down && Parts::default().counted == 0);
/// ```
pub mod tally {
    pub use crate::engine::{
        FilterTooDeep, GroupKey, GroupParts, MergeError, Parts, ScanOptions, Tally, TargetTally,
    };
}

/// Registry snapshots as CSV (feature `csv`): strict, bounded reading that
/// reports every rejected row, and writing.
///
/// ```
/// use hoptac::csv::{read_csv, write_csv, CsvOptions};
/// use hoptac::generate::{snapshot, GeneratorConfig};
/// let date = "2025-12-31".parse()?;
/// let original = snapshot(&GeneratorConfig::nghe_an(20, 7, date));
/// let mut bytes = Vec::new();
/// write_csv(&original, &mut bytes)?;
/// let back = read_csv(bytes.as_slice(), date, &CsvOptions::default())?;
/// assert_eq!(back.len(), 20);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "csv")]
pub mod csv {
    pub use crate::io::{
        columns_read, mark_columns_absent, missing_columns, read_csv, read_csv_path,
        read_csv_with_format, read_registry, read_registry_path, tally_registry_path, write_csv,
        CsvError, CsvFormat, CsvOptions, CsvRowError, Encoding, Import, ImportError, InputForm,
        MissingColumn, NumberFormat, Separator, TallyImport, TallyImportError,
    };
}
