//! Registries as Excel workbooks (.xlsx), read with `calamine`: the sheet's
//! rows become CSV lines (one per row, so that lines are the sheet's rows)
//! read by the same strict reader as CSV files.

use std::collections::BTreeSet;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;

use super::decode::{Encoding, NumberFormat, Separator};
use super::import::ImportError;
use super::read;
use super::{col, CsvError, CsvOptions, CsvRowError};
use crate::registry::Snapshot;

/// How many rows are looked at for the header.
const HEADER_ROWS: u32 = 30;

/// The columns that hold text, whose numeric cells are written as they are.
const TEXT_COLUMNS: [usize; 5] = [
    col::ID,
    col::NAME,
    col::PROVINCE,
    col::DISTRICT,
    col::COMMUNE,
];

/// The column letters of a 0-based column index: `A`, `Z`, `AA`.
fn letters(mut c: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + u8::try_from(c % 26).unwrap_or(0));
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The cell's text as the CSV reader takes it.
fn cell_text(cell: &Data, numeric: bool, vi_numbers: bool) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            // The shortest text that reads back to the double Excel stored.
            let s = f.to_string();
            if numeric && vi_numbers {
                s.replace('.', ",")
            } else {
                s
            }
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if dt.is_datetime() => d.date().format("%Y-%m-%d").to_string(),
            _ => dt.as_f64().to_string(),
        },
        Data::DateTimeIso(s) => s
            .get(..10)
            .filter(|d| d.len() == 10)
            .unwrap_or(s)
            .to_owned(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return Err(e.to_string()),
    })
}

/// Appends `field` to `out` as a quoted CSV field.
fn push_field(out: &mut Vec<u8>, field: &str) {
    out.push(b'"');
    for b in field.bytes() {
        if b == b'"' {
            out.push(b'"');
        }
        out.push(b);
    }
    out.push(b'"');
}

/// Reads the snapshot from a workbook: the snapshot, the sheet, the header's
/// row (1-based) and the header's columns.
pub(crate) fn read(
    bytes: &[u8],
    date: NaiveDate,
    options: &CsvOptions,
) -> Result<(Snapshot, String, u32, BTreeSet<String>), ImportError> {
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| ImportError::Workbook {
            message: e.to_string(),
        })?;
    let sheets = workbook.sheet_names();
    let sheet = match &options.sheet {
        Some(name) => sheets
            .iter()
            .find(|s| *s == name || super::vi::key(s) == super::vi::key(name))
            .cloned(),
        None => sheets.first().cloned(),
    }
    .ok_or_else(|| ImportError::NoSheet {
        sheet: options.sheet.clone().unwrap_or_default(),
        sheets: sheets.clone(),
    })?;
    let range = workbook
        .worksheet_range(&sheet)
        .map_err(|e| ImportError::Workbook {
            message: format!("sheet `{sheet}`: {e}"),
        })?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mapping = read::mapping(options).map_err(ImportError::Csv)?;
    let numbers = match options.numbers {
        NumberFormat::Auto => NumberFormat::Vietnamese,
        other => other,
    };
    let vi_numbers = numbers == NumberFormat::Vietnamese;

    // The header: of the first rows, the one naming the most standard
    // columns; it must name the required ones.
    let mut best: Option<(u32, Vec<Option<usize>>)> = None;
    let mut best_count = 0;
    for (i, row) in range.rows().take(HEADER_ROWS as usize).enumerate() {
        let columns: Vec<Option<usize>> = row
            .iter()
            .map(|cell| match cell {
                Data::String(s) => read::standard_column(s.trim(), &mapping),
                _ => None,
            })
            .collect();
        let count = columns.iter().flatten().collect::<BTreeSet<_>>().len();
        if count > best_count {
            best_count = count;
            best = Some((u32::try_from(i).unwrap_or(u32::MAX), columns));
        }
    }
    let Some((header_index, header_columns)) = best
        .clone()
        .filter(|(_, columns)| col::REQUIRED.iter().all(|c| columns.contains(&Some(*c))))
    else {
        let (best_row, names) = match &best {
            Some((i, columns)) => (
                row0 + i + 1,
                columns
                    .iter()
                    .flatten()
                    .filter_map(|c| super::COLUMNS.get(*c).copied())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            None => (row0 + 1, String::new()),
        };
        return Err(ImportError::NoHeaderRow {
            sheet,
            rows: HEADER_ROWS,
            best_row,
            best: if names.is_empty() {
                "no column".into()
            } else {
                names
            },
        });
    };
    let header_row = row0 + header_index + 1;

    // The CSV text: blank lines above the header, then one line per row;
    // `lines` maps each CSV line a record starts on to its sheet row.
    let mut csv = Vec::with_capacity(bytes.len().saturating_mul(2));
    let mut lines: Vec<(u64, u32)> = Vec::new();
    let mut line: u64 = 1;
    let above = header_row.saturating_sub(1);
    csv.resize(above as usize, b'\n');
    line += u64::from(above);
    for (i, row) in range.rows().enumerate().skip(header_index as usize) {
        let sheet_row = row0 + u32::try_from(i).unwrap_or(u32::MAX) + 1;
        if row.iter().all(|c| matches!(c, Data::Empty)) {
            csv.push(b'\n');
            line += 1;
            continue;
        }
        lines.push((line, sheet_row));
        for (j, cell) in row.iter().enumerate() {
            if j > 0 {
                csv.push(b',');
            }
            let standard = header_columns.get(j).copied().flatten();
            let numeric = !standard.is_some_and(|c| TEXT_COLUMNS.contains(&c));
            let text =
                cell_text(cell, numeric, vi_numbers).map_err(|value| ImportError::CellError {
                    sheet: sheet.clone(),
                    cell: format!(
                        "{}{sheet_row}",
                        letters(col0 + u32::try_from(j).unwrap_or(0))
                    ),
                    value,
                })?;
            line += text.bytes().filter(|&b| b == b'\n').count() as u64;
            push_field(&mut csv, &text);
        }
        csv.push(b'\n');
        line += 1;
    }
    let options = CsvOptions {
        encoding: Some(Encoding::Utf8),
        separator: Some(Separator::Comma),
        numbers,
        ..options.clone()
    };
    let to_row = |l: u64| -> u64 {
        match lines.binary_search_by_key(&l, |(csv_line, _)| *csv_line) {
            Ok(i) => lines.get(i).map_or(l, |(_, r)| u64::from(*r)),
            Err(i) => i
                .checked_sub(1)
                .and_then(|i| lines.get(i))
                .map_or(l, |(_, r)| u64::from(*r)),
        }
    };
    match read::read_csv_full(csv.as_slice(), date, &options) {
        Ok((snapshot, _, columns)) => Ok((snapshot, sheet, header_row, columns)),
        Err(e) => Err(ImportError::Sheet {
            sheet,
            source: relocate(e, &to_row),
        }),
    }
}

/// `e` with its line numbers made sheet rows.
fn relocate(e: CsvError, to_row: &dyn Fn(u64) -> u64) -> CsvError {
    match e {
        CsvError::Row(r) => CsvError::Row(relocate_row(r, to_row)),
        CsvError::Many { errors, total } => CsvError::Many {
            errors: errors
                .into_iter()
                .map(|r| relocate_row(r, to_row))
                .collect(),
            total,
        },
        CsvError::FieldTooLong {
            line,
            column,
            len,
            max,
        } => CsvError::FieldTooLong {
            line: to_row(line),
            column,
            len,
            max,
        },
        CsvError::RecordTooLong { line, max } => CsvError::RecordTooLong {
            line: to_row(line),
            max,
        },
        CsvError::TooManyRows { line, max } => CsvError::TooManyRows {
            line: to_row(line),
            max,
        },
        other => other,
    }
}

fn relocate_row(e: CsvRowError, to_row: &dyn Fn(u64) -> u64) -> CsvRowError {
    match e {
        CsvRowError::Value {
            line,
            column,
            value,
            expected,
        } => CsvRowError::Value {
            line: to_row(line),
            column,
            value,
            expected,
        },
        CsvRowError::DuplicateId {
            line,
            id,
            first_line,
        } => CsvRowError::DuplicateId {
            line: to_row(line),
            id,
            first_line: to_row(first_line),
        },
        CsvRowError::FieldCount {
            line,
            expected,
            found,
        } => CsvRowError::FieldCount {
            line: to_row(line),
            expected,
            found,
        },
        CsvRowError::InvalidUtf8 { line, column } => CsvRowError::InvalidUtf8 {
            line: to_row(line),
            column,
        },
        CsvRowError::Rejected { line, source } => CsvRowError::Rejected {
            line: to_row(line),
            source,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
        assert_eq!(letters(701), "ZZ");
        assert_eq!(letters(702), "AAA");
    }

    #[test]
    fn cells_as_text() {
        assert_eq!(
            cell_text(&Data::Float(44402000.5), true, true).unwrap(),
            "44402000,5"
        );
        assert_eq!(
            cell_text(&Data::Float(44402000.5), false, true).unwrap(),
            "44402000.5"
        );
        assert_eq!(cell_text(&Data::Float(120.0), true, true).unwrap(), "120");
        assert_eq!(cell_text(&Data::Int(7), true, false).unwrap(), "7");
        assert!(cell_text(&Data::Error(calamine::CellErrorType::NA), true, true).is_err());
    }
}
