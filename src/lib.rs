//! `hoptac`: crate docs come later.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod docref;
mod error;
pub mod generate;
#[cfg(feature = "csv")]
mod io;
mod lang;
mod org;
mod registry;
mod threshold;

pub use docref::{
    parse_vi_date, Citation, DocForm, DocKind, DocRef, DocType, ParseCitationError, ParseDateError,
    ParseDocKindError, ParseDocRefError, ParseDocTypeError,
};
pub use error::{Problem, ProblemCode, Problems, Severity};
#[cfg(feature = "csv")]
pub use io::{read_csv, read_csv_path, write_csv, CsvError, CsvOptions, CsvRowError};
pub use lang::{format_decimal, parse_vi_number, Labelled, Lang, ParseLangError, ParseNumberError};
pub use org::{
    Cooperative, ExtValue, Flag, Flags, FlagsIter, Law, Location, OrgId, OrgIdError, OrgKind,
    OrgStatus, ParseCodeError, ParseFlagsError, Rating, RatingScoreError, Sector,
};
pub use registry::{Registry, RegistryError, Snapshot};
pub use threshold::{Comparator, Direction, ParseThresholdError, Threshold, ThresholdError, Unit};
