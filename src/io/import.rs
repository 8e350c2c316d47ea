//! [`read_registry`]: a registry snapshot from a CSV file or an Excel
//! workbook, the form recognised by the content.

use std::collections::BTreeSet;
use std::fmt;
use std::fs::File;
use std::io::{Cursor, Read};
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::read::{read_csv_full, tally_csv_full, CsvFormat};
use super::{CsvError, CsvOptions};
use crate::engine::{EvalError, ScanOptions, Tally};
use crate::plan::Plan;
use crate::registry::Snapshot;

/// The form a registry was read in.
///
/// ```
/// use hoptac::csv::InputForm;
/// let form = InputForm::Xlsx { sheet: "Danh sách".into(), header_row: 3 };
/// assert_eq!(form.to_string(), "Excel workbook, sheet `Danh sách`, header on row 3");
/// assert_eq!(form.describe(hoptac::Lang::Vi), "sổ Excel, trang `Danh sách`, tiêu đề ở dòng 3");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "form", rename_all = "snake_case")]
#[non_exhaustive]
pub enum InputForm {
    /// A CSV file.
    Csv(CsvFormat),
    /// An Excel workbook (.xlsx).
    Xlsx {
        /// The sheet read.
        sheet: String,
        /// The row of the header (1 is the first row of the sheet).
        header_row: u32,
    },
}

impl InputForm {
    /// The form in words, in `lang`: what a report says it read.
    pub fn describe(&self, lang: crate::Lang) -> String {
        let mut out = String::new();
        match self {
            InputForm::Csv(format) => {
                // Writing to a String cannot fail.
                let _ = format.write(&mut out, lang);
            }
            InputForm::Xlsx { sheet, header_row } => {
                out = format!(
                    "{} `{sheet}`, {} {header_row}",
                    lang.pick("sổ Excel, trang", "Excel workbook, sheet"),
                    lang.pick("tiêu đề ở dòng", "header on row")
                );
            }
        }
        out
    }
}

impl fmt::Display for InputForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(crate::Lang::En))
    }
}

/// A registry snapshot read by [`read_registry`], and how it was read.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Import {
    /// The snapshot.
    pub snapshot: Snapshot,
    /// The form of the input: encoding, separator and number format of a
    /// CSV file, or the sheet and header row of a workbook.
    pub form: InputForm,
    /// The columns the file has: the standard columns by their names in
    /// [`read_csv`](super::read_csv), and extension columns as written.
    pub columns: BTreeSet<String>,
}

/// Why a registry could not be read by [`read_registry`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// A CSV file that cannot be read: its line and column are in the error.
    #[error(transparent)]
    Csv(#[from] CsvError),
    /// A sheet of a workbook that cannot be read; the lines of `source` are
    /// the sheet's row numbers.
    #[error("sheet `{sheet}`, {source} (lines are the sheet's rows)")]
    Sheet {
        /// The sheet.
        sheet: String,
        /// What is wrong, with the row.
        #[source]
        source: CsvError,
    },
    /// A cell that holds an Excel error value (`#N/A`, `#DIV/0!`).
    #[error(
        "sheet `{sheet}`, cell {cell}: the cell holds the Excel error `{value}`: expected a value"
    )]
    CellError {
        /// The sheet.
        sheet: String,
        /// The cell, such as `C7`.
        cell: String,
        /// The error value.
        value: String,
    },
    /// A workbook without the sheet asked for, or without any sheet.
    #[error("the workbook has no sheet `{sheet}`: its sheets are {}", .sheets.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", "))]
    NoSheet {
        /// The sheet asked for (empty: the first).
        sheet: String,
        /// The sheets it has.
        sheets: Vec<String>,
    },
    /// No row among the first rows of the sheet names the required columns.
    #[error("sheet `{sheet}`: no header row among the first {rows} rows: expected a row naming the columns (id, name, kind… or Mã số, Tên, Loại hình…); the best, row {best_row}, names {best}")]
    NoHeaderRow {
        /// The sheet.
        sheet: String,
        /// How many rows were looked at.
        rows: u32,
        /// The row that named the most columns.
        best_row: u32,
        /// The columns it names.
        best: String,
    },
    /// A workbook that cannot be opened.
    #[error("cannot read the workbook: {message}")]
    Workbook {
        /// What the reader said.
        message: String,
    },
    /// An input in a form this build does not read: an old `.xls` workbook,
    /// or a workbook without feature `xlsx`.
    #[error("{what} is not read: {advice}")]
    Unsupported {
        /// What the input is.
        what: String,
        /// What to do.
        advice: String,
    },
}

impl From<std::io::Error> for ImportError {
    fn from(e: std::io::Error) -> Self {
        ImportError::Csv(e.into())
    }
}

/// Reads a registry snapshot taken at `date` from the bytes of a CSV file or
/// an Excel workbook (.xlsx), recognised by their content.
///
/// A CSV file may be in UTF-8 (with or without a byte order mark), UTF-16
/// with a byte order mark, or Windows-1258 (features `encodings`), separated
/// by `,` `;` or tab, with the standard headers ([`read_csv`](super::read_csv))
/// or the Vietnamese ones offices use (`Mã số`, `Tên HTX`, `Xếp loại`…, and
/// those of [`CsvOptions::columns`]), Vietnamese values (`Hợp tác xã`,
/// `Đang hoạt động`, `Khá`, `Có`), dates `dd/mm/yyyy` or ISO and numbers as
/// [`CsvOptions::numbers`] says. A workbook (feature `xlsx`): the first sheet
/// or [`CsvOptions::sheet`], its header found among its first 30 rows
/// (title rows above it are skipped), dates and numbers as real cells or as
/// text. [`Import::form`] says how the input was read.
///
/// A header without any organisation is refused ([`CsvError::NoRows`]).
///
/// # Errors
///
/// [`ImportError`]: every error of [`read_csv`](super::read_csv) with its
/// line (for a workbook, its sheet and row), an encoding error, a workbook
/// that cannot be read.
///
/// ```
/// use chrono::NaiveDate;
/// use hoptac::csv::{read_registry, CsvOptions, InputForm};
/// let csv = "\u{feff}Mã số;Tên;Loại hình;Lĩnh vực;Tỉnh;Xã;Ngày thành lập;Tình trạng;Xếp loại\r\n\
///            htx-1;HTX A;HTX;Nông nghiệp;Nghệ An;Hưng Lợi;02/03/2015;Đang hoạt động;Khá\r\n";
/// let date = NaiveDate::from_ymd_opt(2024, 12, 31).ok_or("date")?;
/// let import = read_registry(csv.as_bytes(), date, &CsvOptions::default())?;
/// assert_eq!(import.snapshot.len(), 1);
/// assert_eq!(import.form.to_string(), "CSV, UTF-8, separator semicolon (;), numbers Vietnamese (1.500.000.000,5)");
/// let empty = read_registry("id;name\r\n".as_bytes(), date, &CsvOptions::default());
/// assert!(empty.is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_registry(
    bytes: &[u8],
    date: NaiveDate,
    options: &CsvOptions,
) -> Result<Import, ImportError> {
    match Kind::of(bytes) {
        Kind::Zip => read_workbook(bytes, date, options),
        Kind::OldExcel => Err(old_excel()),
        Kind::Text => finish(read_csv_full(bytes, date, options)),
    }
}

/// Reads a registry snapshot taken at `date` from the file at `path`; see
/// [`read_registry`]. A CSV file is read as a stream (whole, for UTF-16 and
/// Windows-1258), a workbook whole.
///
/// # Errors
///
/// As [`read_registry`], and an I/O error when the file cannot be opened.
///
/// ```
/// use chrono::NaiveDate;
/// use hoptac::csv::{read_registry_path, CsvOptions};
/// let date = NaiveDate::from_ymd_opt(2023, 12, 31).ok_or("date")?;
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/nghe-an/registry-2023-12-31.csv");
/// let import = read_registry_path(path, date, &CsvOptions::default())?;
/// assert!(import.snapshot.len() > 100);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_registry_path(
    path: impl AsRef<Path>,
    date: NaiveDate,
    options: &CsvOptions,
) -> Result<Import, ImportError> {
    let path = path.as_ref();
    let (mut file, magic) = open_sniffed(path)?;
    let open_error = |e| read_error(path, e);
    match Kind::of(&magic) {
        Kind::Zip => {
            let mut bytes = magic;
            file.read_to_end(&mut bytes).map_err(open_error)?;
            read_workbook(&bytes, date, options)
        }
        Kind::OldExcel => Err(old_excel()),
        Kind::Text => finish(read_csv_full(Cursor::new(magic).chain(file), date, options)),
    }
}

/// The error of a registry file that cannot be read.
fn read_error(path: &Path, e: std::io::Error) -> ImportError {
    ImportError::Csv(CsvError::Io {
        kind: e.kind(),
        message: format!("cannot read `{}`: {e}", path.display()),
    })
}

/// The file at `path`, opened, and its first 8 bytes (read), which tell
/// what it is ([`Kind::of`]).
fn open_sniffed(path: &Path) -> Result<(File, Vec<u8>), ImportError> {
    let mut file = File::open(path).map_err(|e| read_error(path, e))?;
    let mut magic = Vec::with_capacity(8);
    (&mut file)
        .take(8)
        .read_to_end(&mut magic)
        .map_err(|e| read_error(path, e))?;
    Ok((file, magic))
}

type Full = (Snapshot, CsvFormat, BTreeSet<String>);

fn finish(result: Result<Full, CsvError>) -> Result<Import, ImportError> {
    let (snapshot, format, columns) = result?;
    if snapshot.is_empty() {
        return Err(CsvError::NoRows.into());
    }
    Ok(Import {
        snapshot,
        form: InputForm::Csv(format),
        columns,
    })
}

fn old_excel() -> ImportError {
    ImportError::Unsupported {
        what: "an Excel 97-2003 workbook (.xls)".into(),
        advice: "save it as an Excel workbook (.xlsx) or as CSV".into(),
    }
}

#[cfg(feature = "xlsx")]
fn read_workbook(
    bytes: &[u8],
    date: NaiveDate,
    options: &CsvOptions,
) -> Result<Import, ImportError> {
    let (snapshot, sheet, header_row, columns) = super::xlsx::read(bytes, date, options)?;
    if snapshot.is_empty() {
        return Err(ImportError::Sheet {
            sheet,
            source: CsvError::NoRows,
        });
    }
    Ok(Import {
        snapshot,
        form: InputForm::Xlsx { sheet, header_row },
        columns,
    })
}

#[cfg(not(feature = "xlsx"))]
fn read_workbook(_: &[u8], _: NaiveDate, _: &CsvOptions) -> Result<Import, ImportError> {
    Err(ImportError::Unsupported {
        what: "a zip file or Excel workbook (.xlsx)".into(),
        advice: "this build of hoptac reads CSV only (feature `xlsx` is off): save it as CSV"
            .into(),
    })
}

/// What the first bytes of an input show.
enum Kind {
    /// A zip archive: an .xlsx workbook.
    Zip,
    /// An OLE compound file: an .xls workbook.
    OldExcel,
    /// Anything else: CSV.
    Text,
}

impl Kind {
    fn of(start: &[u8]) -> Kind {
        if start.starts_with(b"PK\x03\x04") {
            Kind::Zip
        } else if start.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            Kind::OldExcel
        } else {
            Kind::Text
        }
    }
}

/// A registry read straight into a plan's tally by [`tally_registry_path`]
/// (bảng cộng dồn đọc thẳng từ tệp), and how it was read.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct TallyImport {
    /// The plan's tally of every organisation of the registry: equal to
    /// [`Tally::with_options`] of the snapshot [`read_registry_path`] reads.
    pub tally: Tally,
    /// The form of the input, as [`Import::form`].
    pub form: InputForm,
    /// The columns the file has, as [`Import::columns`].
    pub columns: BTreeSet<String>,
}

/// Why a plan could not be tallied over a registry file by
/// [`tally_registry_path`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum TallyImportError {
    /// The plan has validation errors, or a filter nested too deep: no
    /// registry is read.
    #[error(transparent)]
    Plan(#[from] EvalError),
    /// The registry cannot be read: as [`read_registry_path`] says.
    #[error(transparent)]
    Import(#[from] ImportError),
}

impl TallyImportError {
    /// The error for people, in `lang` (English: as `Display` says it).
    ///
    /// ```
    /// use hoptac::{csv::TallyImportError, csv::ImportError, csv::CsvError, Lang};
    /// let err = TallyImportError::Import(ImportError::Csv(CsvError::NoHeader));
    /// assert_eq!(err.text(Lang::Vi), "không có dòng tiêu đề: dòng đầu tiên phải ghi tên các cột");
    /// assert_eq!(err.text(Lang::En), err.to_string());
    /// ```
    pub fn text(&self, lang: crate::Lang) -> String {
        match self {
            TallyImportError::Plan(e) => e.text(lang),
            TallyImportError::Import(e) => e.text(lang),
        }
    }
}

/// Reads the registry file at `path` (CSV or Excel, as
/// [`read_registry_path`] reads it, with the same checks and the same
/// errors) straight into `plan`'s tally, without keeping its organisations:
/// a CSV file is cut into parts read on every core, each part scanned where
/// it was read, and the parts' tallies merged in order (merge equals
/// whole). Only the organisations' ids are kept, to find an id used twice:
/// `plan_check` reading 1,000,000 organisations this way peaks at about
/// 95 MiB resident, against about 218 MiB through a snapshot (BENCHMARKS.md).
/// A workbook, or a CSV file in UTF-16 or Windows-1258, is read whole into
/// a snapshot first.
///
/// Give the tally to [`Plan::finalize`](crate::Plan::finalize) for the
/// report [`Plan::evaluate`](crate::Plan::evaluate) makes of the one
/// snapshot.
///
/// Near the limits of one snapshot (2^31 organisations, 4 GiB of ids or
/// names) a CSV file is refused from the start of the part that passes
/// them, where [`read_registry_path`] refuses from the organisation that
/// does.
///
/// # Errors
///
/// [`TallyImportError::Plan`] for a plan with validation errors or a filter
/// nested too deep (before the file is opened); [`TallyImportError::Import`]
/// for everything [`read_registry_path`] refuses.
///
/// ```
/// use chrono::NaiveDate;
/// use hoptac::csv::{read_registry_path, tally_registry_path, CsvOptions};
/// use hoptac::{catalog, tally::ScanOptions, Inputs, Tally};
/// let plan = catalog::get("nghe-an-363-2023").ok_or("plan")?;
/// let date = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/nghe-an/registry-2025-12-31.csv");
/// let read = tally_registry_path(path, date, &CsvOptions::default(), &plan, ScanOptions::default())?;
/// let snapshot = read_registry_path(path, date, &CsvOptions::default())?.snapshot;
/// assert_eq!(read.tally, Tally::of(&plan, &snapshot)?);
/// let report = plan.finalize(Some(&read.tally), &[], &Inputs::new(date))?;
/// assert_eq!(report.organisations, snapshot.len() as u64);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn tally_registry_path(
    path: impl AsRef<Path>,
    date: NaiveDate,
    options: &CsvOptions,
    plan: &Plan,
    scan: ScanOptions,
) -> Result<TallyImport, TallyImportError> {
    crate::engine::ensure_valid(plan)?;
    // A filter nested too deep is refused here, before any reading.
    Tally::scan_part(plan, &Snapshot::new(date), scan).map_err(EvalError::from)?;
    let path = path.as_ref();
    let (mut file, magic) = open_sniffed(path)?;
    let open_error = |e| read_error(path, e);
    let whole = |import: Import| -> Result<TallyImport, TallyImportError> {
        Ok(TallyImport {
            tally: Tally::scan_valid(plan, &import.snapshot, scan).map_err(EvalError::from)?,
            form: import.form,
            columns: import.columns,
        })
    };
    match Kind::of(&magic) {
        Kind::Zip => {
            let mut bytes = magic;
            file.read_to_end(&mut bytes).map_err(open_error)?;
            whole(read_workbook(&bytes, date, options)?)
        }
        Kind::OldExcel => Err(old_excel().into()),
        Kind::Text => {
            let (tally, format, columns) =
                tally_csv_full(Cursor::new(magic).chain(file), date, options, plan, scan)
                    .map_err(ImportError::from)?;
            if tally.organisations == 0 {
                return Err(ImportError::from(CsvError::NoRows).into());
            }
            Ok(TallyImport {
                tally,
                form: InputForm::Csv(format),
                columns,
            })
        }
    }
}
