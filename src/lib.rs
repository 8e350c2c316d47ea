//! `hoptac`: crate docs come later.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod error;
mod lang;
mod threshold;

pub use error::{Problem, ProblemCode, Problems, Severity};
pub use lang::{format_decimal, parse_vi_number, Labelled, Lang, ParseLangError, ParseNumberError};
pub use threshold::{Comparator, Direction, ParseThresholdError, Threshold, ThresholdError, Unit};
