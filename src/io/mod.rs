//! Registry snapshots as CSV (tệp CSV số liệu đăng ký): [`read_csv`] and
//! [`write_csv`].
//!
//! One line per organisation, a header naming the columns in any order.
//! The standard columns are listed in [`COLUMNS`]; any other column is an
//! extension attribute ([`ExtValue`](crate::org::ExtValue)).

mod columns;
mod decode;
mod fast;
mod import;
mod parallel;
mod read;
mod split;
mod text;
mod vi;
mod write;
#[cfg(feature = "xlsx")]
mod xlsx;

#[cfg(test)]
mod parallel_tests;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::num::NonZeroUsize;

use serde::{Deserialize, Serialize};

use crate::org::{numeric_fields, NumericField};
use crate::registry::RegistryError;

pub use columns::{columns_read, mark_columns_absent, missing_columns, MissingColumn};
pub use decode::{Encoding, NumberFormat, Separator};
pub use import::{
    read_registry, read_registry_path, tally_registry_path, Import, ImportError, InputForm,
    TallyImport, TallyImportError,
};
pub use read::{read_csv, read_csv_path, read_csv_with_format, CsvFormat};
pub use write::write_csv;

macro_rules! columns {
    (before_ratings [$($(#[doc = $hdoc:literal])* $hv:ident = $hf:ident, $hkind:ident,
        $hwith:ident, vi $hvi:literal, en $hen:literal;)*]
     after_flags [$($(#[doc = $tdoc:literal])* $tv:ident = $tf:ident, $tkind:ident,
        $twith:ident, vi $tvi:literal, en $ten:literal;)*]) => {
        /// The standard columns, in the order [`write_csv`] writes them.
        pub(crate) const COLUMNS: [&str; 16 + NumericField::ALL.len()] = [
            "id",
            "name",
            "kind",
            "sector",
            "province",
            "district",
            "commune",
            "established",
            "dissolved",
            "status",
            $(stringify!($hf),)*
            "rating",
            "value_chain",
            "high_tech",
            "digital",
            "female_director",
            "paper_only",
            $(stringify!($tf),)*
        ];
    };
}
numeric_fields!(columns);

/// The positions in [`COLUMNS`].
pub(crate) mod col {
    use crate::org::NumericField;

    pub(crate) const ID: usize = 0;
    pub(crate) const NAME: usize = 1;
    pub(crate) const KIND: usize = 2;
    pub(crate) const SECTOR: usize = 3;
    pub(crate) const PROVINCE: usize = 4;
    pub(crate) const DISTRICT: usize = 5;
    pub(crate) const COMMUNE: usize = 6;
    pub(crate) const ESTABLISHED: usize = 7;
    pub(crate) const DISSOLVED: usize = 8;
    pub(crate) const STATUS: usize = 9;
    pub(crate) const RATING: usize = STATUS + 1 + NumericField::BEFORE_RATINGS;
    pub(crate) const VALUE_CHAIN: usize = RATING + 1;
    pub(crate) const HIGH_TECH: usize = RATING + 2;
    pub(crate) const DIGITAL: usize = RATING + 3;
    pub(crate) const FEMALE_DIRECTOR: usize = RATING + 4;
    pub(crate) const PAPER_ONLY: usize = RATING + 5;

    /// A built-in numeric field's column.
    pub(crate) const fn numeric(field: NumericField) -> usize {
        let i = field as usize;
        if i < NumericField::BEFORE_RATINGS {
            STATUS + 1 + i
        } else {
            PAPER_ONLY + 1 + (i - NumericField::BEFORE_RATINGS)
        }
    }

    /// The columns a file must have.
    pub(crate) const REQUIRED: [usize; 8] = [
        ID,
        NAME,
        KIND,
        SECTOR,
        PROVINCE,
        COMMUNE,
        ESTABLISHED,
        STATUS,
    ];
}

/// How [`read_csv`] reads: whether it stops at the first bad row, and the
/// limits that keep a bad or hostile file from taking unbounded memory.
///
/// In JSON every field may be left out (its default is used):
/// `{"collect_all":true,"max_errors":100}`.
///
/// ```
/// use hoptac::csv::CsvOptions;
/// let mut options = CsvOptions::default();
/// assert!(!options.collect_all);
/// assert_eq!(options.max_field_bytes, 64 * 1024);
/// options.collect_all = true;
/// let options = options.with_max_rows(1000);
/// assert_eq!(options.max_rows, 1000);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct CsvOptions {
    /// `false` (the default): stop at the first bad row and return its
    /// error. `true`: read every row and return every row error at once, as
    /// [`CsvError::Many`].
    pub collect_all: bool,
    /// With `collect_all`, how many row errors to keep (default 1000); the
    /// rest are counted.
    pub max_errors: usize,
    /// The most bytes one field may have (default 64 KiB).
    pub max_field_bytes: usize,
    /// The most bytes one line (record) may have (default 1 MiB).
    pub max_record_bytes: usize,
    /// The most organisations a file may hold (default 50,000,000).
    pub max_rows: u64,
    /// The encoding; `None` (the default): recognised (a byte order mark
    /// says UTF-8 or UTF-16, bytes that are not UTF-8 are read as
    /// Windows-1258).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<Encoding>,
    /// The separator; `None` (the default): the one of `,` `;` tab found
    /// most often on the first line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub separator: Option<Separator>,
    /// How numbers are written (default [`NumberFormat::Auto`]).
    #[serde(skip_serializing_if = "NumberFormat::is_auto")]
    pub numbers: NumberFormat,
    /// Headers of the file (as written; matched ignoring case, spacing and
    /// NFC/NFD) and the standard column each one is, for wordings the
    /// reader does not know: `{"Mã định danh": "id"}`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, String>,
    /// The sheet of a workbook to read; `None`: the first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// How many threads parse a large CSV file (số luồng đọc); `None` (the
    /// default): one per core ([`std::thread::available_parallelism`]).
    /// Files under 1 MiB are read on one thread. The result is the same
    /// whatever the number: the same organisations in the same order, the
    /// same errors with the same lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threads: Option<NonZeroUsize>,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            collect_all: false,
            max_errors: 1000,
            max_field_bytes: 64 * 1024,
            max_record_bytes: 1024 * 1024,
            max_rows: 50_000_000,
            encoding: None,
            separator: None,
            numbers: NumberFormat::Auto,
            columns: BTreeMap::new(),
            sheet: None,
            threads: None,
        }
    }
}

impl CsvOptions {
    /// The same options, collecting every row error (`true`) or stopping at
    /// the first (`false`).
    ///
    /// ```
    /// assert!(hoptac::csv::CsvOptions::default().with_collect_all(true).collect_all);
    /// ```
    #[must_use]
    pub fn with_collect_all(mut self, collect_all: bool) -> Self {
        self.collect_all = collect_all;
        self
    }

    /// The same options, keeping at most `max_errors` row errors.
    ///
    /// ```
    /// assert_eq!(hoptac::csv::CsvOptions::default().with_max_errors(5).max_errors, 5);
    /// ```
    #[must_use]
    pub fn with_max_errors(mut self, max_errors: usize) -> Self {
        self.max_errors = max_errors;
        self
    }

    /// The same options, with at most `max` bytes per field.
    ///
    /// ```
    /// assert_eq!(hoptac::csv::CsvOptions::default().with_max_field_bytes(256).max_field_bytes, 256);
    /// ```
    #[must_use]
    pub fn with_max_field_bytes(mut self, max: usize) -> Self {
        self.max_field_bytes = max;
        self
    }

    /// The same options, with at most `max` bytes per record.
    ///
    /// ```
    /// assert_eq!(hoptac::csv::CsvOptions::default().with_max_record_bytes(4096).max_record_bytes, 4096);
    /// ```
    #[must_use]
    pub fn with_max_record_bytes(mut self, max: usize) -> Self {
        self.max_record_bytes = max;
        self
    }

    /// The same options, with at most `max` organisations.
    ///
    /// ```
    /// assert_eq!(hoptac::csv::CsvOptions::default().with_max_rows(10).max_rows, 10);
    /// ```
    #[must_use]
    pub fn with_max_rows(mut self, max: u64) -> Self {
        self.max_rows = max;
        self
    }

    /// The same options, reading the file in `encoding` whatever its first
    /// bytes say.
    ///
    /// ```
    /// use hoptac::csv::{CsvOptions, Encoding};
    /// let options = CsvOptions::default().with_encoding(Encoding::Windows1258);
    /// assert_eq!(options.encoding, Some(Encoding::Windows1258));
    /// ```
    #[must_use]
    pub fn with_encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = Some(encoding);
        self
    }

    /// The same options, with `separator` whatever the first line shows.
    ///
    /// ```
    /// use hoptac::csv::{CsvOptions, Separator};
    /// assert_eq!(CsvOptions::default().with_separator(Separator::Tab).separator, Some(Separator::Tab));
    /// ```
    #[must_use]
    pub fn with_separator(mut self, separator: Separator) -> Self {
        self.separator = Some(separator);
        self
    }

    /// The same options, with numbers written as `numbers` says.
    ///
    /// ```
    /// use hoptac::csv::{CsvOptions, NumberFormat};
    /// assert_eq!(CsvOptions::default().with_numbers(NumberFormat::Plain).numbers, NumberFormat::Plain);
    /// ```
    #[must_use]
    pub fn with_numbers(mut self, numbers: NumberFormat) -> Self {
        self.numbers = numbers;
        self
    }

    /// The same options, reading the column headed `header` as the standard
    /// column `column`.
    ///
    /// ```
    /// use hoptac::csv::CsvOptions;
    /// let options = CsvOptions::default().with_column("Mã định danh", "id");
    /// assert_eq!(options.columns["Mã định danh"], "id");
    /// ```
    #[must_use]
    pub fn with_column(mut self, header: impl Into<String>, column: impl Into<String>) -> Self {
        self.columns.insert(header.into(), column.into());
        self
    }

    /// The same options, parsing a large CSV file on at most `threads`
    /// threads (0 is taken as 1).
    ///
    /// ```
    /// let options = hoptac::csv::CsvOptions::default().with_threads(2);
    /// assert_eq!(options.threads.map(|n| n.get()), Some(2));
    /// assert_eq!(hoptac::csv::CsvOptions::default().with_threads(0).threads.map(|n| n.get()), Some(1));
    /// ```
    #[must_use]
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.threads = Some(NonZeroUsize::new(threads).unwrap_or(NonZeroUsize::MIN));
        self
    }

    /// The number of threads to parse with.
    pub(crate) fn thread_count(&self) -> usize {
        self.threads
            .or_else(|| std::thread::available_parallelism().ok())
            .map_or(1, NonZeroUsize::get)
            .min(64)
    }

    /// The same options, reading the sheet `sheet` of a workbook.
    ///
    /// ```
    /// assert_eq!(hoptac::csv::CsvOptions::default().with_sheet("Danh sách").sheet.as_deref(), Some("Danh sách"));
    /// ```
    #[must_use]
    pub fn with_sheet(mut self, sheet: impl Into<String>) -> Self {
        self.sheet = Some(sheet.into());
        self
    }
}

/// What is wrong with one line of a CSV file: one of the errors that
/// [`CsvError::Many`] collects.
///
/// Each has the same message as the [`CsvError`] variant of the same name.
///
/// ```
/// use hoptac::{csv::read_csv, csv::CsvError, csv::CsvOptions};
/// use chrono::NaiveDate;
/// let csv = "id,name,kind,sector,province,commune,established,status\n\
///            htx-1,HTX A,htx,agriculture,Nghệ An,Hưng Lợi,2015-03-02,open\n";
/// let options = CsvOptions::default().with_collect_all(true);
/// let date = NaiveDate::from_ymd_opt(2024, 12, 31).ok_or("date")?;
/// let Err(CsvError::Many { errors, .. }) = read_csv(csv.as_bytes(), date, &options) else {
///     return Err("expected errors".into());
/// };
/// assert_eq!(errors[0].line(), 2);
/// assert_eq!(
///     errors[0].to_string(),
///     "line 2, column `status`: invalid value `open`: expected one of active, suspended, dissolving, dissolved"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CsvRowError {
    /// A value that cannot be read.
    #[error("line {line}, column `{column}`: invalid value `{value}`: expected {expected}")]
    Value {
        /// The line the record starts on (1 is the header).
        line: u64,
        /// The column.
        column: String,
        /// The value, cut to 80 characters.
        value: String,
        /// What the column takes.
        expected: String,
    },
    /// An id already used on an earlier line.
    #[error("line {line}: duplicate organisation id `{id}`, already on line {first_line}")]
    DuplicateId {
        /// The line of the second use.
        line: u64,
        /// The id.
        id: String,
        /// The line of the first use.
        first_line: u64,
    },
    /// A line with more or fewer fields than the header.
    #[error("line {line}: {found} fields, but the header has {expected}")]
    FieldCount {
        /// The line.
        line: u64,
        /// The number of columns in the header.
        expected: usize,
        /// The number of fields on the line.
        found: usize,
    },
    /// A field that is not valid UTF-8.
    #[error("line {line}, column `{column}`: invalid UTF-8")]
    InvalidUtf8 {
        /// The line.
        line: u64,
        /// The column.
        column: String,
    },
    /// A record the snapshot refuses (such as a rating year it cannot hold).
    #[error("line {line}: {source}")]
    Rejected {
        /// The line.
        line: u64,
        /// Why the snapshot refused it.
        #[source]
        source: RegistryError,
    },
}

impl CsvRowError {
    /// The line the error is on (the line where its record starts).
    ///
    /// ```
    /// # use hoptac::{csv::read_csv, csv::CsvError, csv::CsvOptions};
    /// # use chrono::NaiveDate;
    /// let csv = "id,name,kind,sector,province,commune,established,status\nx,A,htx\n";
    /// let options = CsvOptions::default().with_collect_all(true);
    /// let date = NaiveDate::from_ymd_opt(2024, 12, 31).ok_or("date")?;
    /// if let Err(CsvError::Many { errors, .. }) = read_csv(csv.as_bytes(), date, &options) {
    ///     assert_eq!(errors[0].line(), 2);
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn line(&self) -> u64 {
        match self {
            CsvRowError::Value { line, .. }
            | CsvRowError::DuplicateId { line, .. }
            | CsvRowError::FieldCount { line, .. }
            | CsvRowError::InvalidUtf8 { line, .. }
            | CsvRowError::Rejected { line, .. } => *line,
        }
    }
}

/// Why a CSV file could not be read or written.
///
/// Nothing is skipped silently: every bad value, short line or repeated id
/// is an error naming its line. With [`CsvOptions::collect_all`] the row
/// errors come all at once as [`CsvError::Many`]; otherwise the first one is
/// returned as [`CsvError::Row`].
///
/// ```
/// use hoptac::{csv::read_csv, csv::CsvError, csv::CsvOptions};
/// use chrono::NaiveDate;
/// let csv = "id,name,kind,sector,province,commune,established,status\n\
///            htx-1,HTX A,htx,agriculture,Nghệ An,Hưng Lợi,2023-13-01,active\n";
/// let date = NaiveDate::from_ymd_opt(2024, 12, 31).ok_or("date")?;
/// let err = read_csv(csv.as_bytes(), date, &CsvOptions::default()).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "line 2, column `established`: invalid value `2023-13-01`: expected a date YYYY-MM-DD or dd/mm/yyyy"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CsvError {
    /// Reading or writing failed.
    #[error("i/o error: {message}")]
    Io {
        /// The kind of failure.
        kind: std::io::ErrorKind,
        /// What the system said.
        message: String,
    },
    /// Bytes that are not in the file's encoding.
    #[error("the file is not valid {encoding}: {message}")]
    Encoding {
        /// The encoding recognised or forced.
        encoding: Encoding,
        /// What was wrong.
        message: String,
    },
    /// A column mapping of [`CsvOptions::columns`] that names no standard
    /// column.
    #[error("the column mapping maps `{header}` to `{column}`, which is not a column: expected one of {}", COLUMNS.join(", "))]
    BadMapping {
        /// The header mapped.
        header: String,
        /// The column it was mapped to.
        column: String,
    },
    /// A header and no organisation: refused by [`read_registry`], since an
    /// empty registry would give every target zero.
    #[error("the registry has a header but no organisation: expected one line per organisation below the header")]
    NoRows,
    /// The input is empty: not even a header line.
    #[error("no header line: expected a first line naming the columns")]
    NoHeader,
    /// A required column is not in the header.
    #[error("missing column `{column}`: the header must name {}", col::REQUIRED.map(|i| COLUMNS[i]).join(", "))]
    MissingColumn {
        /// The column.
        column: String,
    },
    /// A column named twice in the header.
    #[error("column `{column}` appears twice in the header, as columns {first} and {second}")]
    DuplicateColumn {
        /// The column.
        column: String,
        /// Its first position (1-based).
        first: usize,
        /// Its second position (1-based).
        second: usize,
    },
    /// A column without a name, or whose name is not valid UTF-8.
    #[error("column {position} of the header has {problem}: expected a column name")]
    BadColumnName {
        /// The position (1-based).
        position: usize,
        /// `an empty name` or `a name that is not valid UTF-8`.
        problem: String,
    },
    /// A bad row: a value that cannot be read, a repeated id, a wrong
    /// number of fields, invalid UTF-8, or a record the snapshot refuses.
    #[error(transparent)]
    Row(#[from] CsvRowError),
    /// A field longer than [`CsvOptions::max_field_bytes`].
    #[error("line {line}, column `{column}`: the value is {len} bytes long, more than the {max} allowed")]
    FieldTooLong {
        /// The line.
        line: u64,
        /// The column (for the header: its position).
        column: String,
        /// The field's length in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A record longer than [`CsvOptions::max_record_bytes`].
    #[error("line {line}: the record is longer than the {max} bytes allowed")]
    RecordTooLong {
        /// The line the record starts on.
        line: u64,
        /// The limit.
        max: usize,
    },
    /// More organisations than [`CsvOptions::max_rows`].
    #[error("line {line}: more than the {max} organisations allowed")]
    TooManyRows {
        /// The first line over the limit.
        line: u64,
        /// The limit.
        max: u64,
    },
    /// Every row error, with [`CsvOptions::collect_all`].
    #[error("{}", many_message(errors, *total))]
    Many {
        /// The errors kept, at most [`CsvOptions::max_errors`], in line order.
        errors: Vec<CsvRowError>,
        /// How many errors there were in all.
        total: u64,
    },
    /// A snapshot that cannot be written so that it reads back the same.
    #[error("cannot write {what}: {reason}")]
    Unwritable {
        /// What could not be written.
        what: String,
        /// Why.
        reason: String,
    },
}

fn many_message(errors: &[CsvRowError], total: u64) -> String {
    let noun = if total == 1 { "error" } else { "errors" };
    let kept = errors.len() as u64;
    let mut msg = format!("{total} {noun} in the csv");
    if kept < total {
        msg.push_str(&format!(" ({kept} kept)"));
    }
    if let Some(first) = errors.first() {
        msg.push_str(&format!("; the first: {first}"));
    }
    msg
}

impl From<std::io::Error> for CsvError {
    fn from(e: std::io::Error) -> Self {
        CsvError::Io {
            kind: e.kind(),
            message: e.to_string(),
        }
    }
}

/// The most characters of a value that an error message repeats.
pub(crate) const MAX_QUOTED_CHARS: usize = 80;
