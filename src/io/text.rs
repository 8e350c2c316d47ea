//! The import errors for people in Vietnamese (lỗi nhập số liệu bằng tiếng
//! Việt): [`CsvRowError::text`], [`CsvError::text`] and
//! [`ImportError::text`]. English is each error's `Display`.
//!
//! Every text the reader itself puts into an error (what a column takes,
//! why a header cell or a file was refused) has its Vietnamese here; a text
//! that came from elsewhere (the system, the workbook reader, an error
//! built by a caller) is kept as it was written, in parentheses.

use super::import::ImportError;
use super::read::EXPECTATIONS;
use super::{col, vi, CsvError, CsvRowError, COLUMNS};
use crate::lang::{io_kind_vi, Labelled, Lang};

/// What a column takes, in Vietnamese: the reader's own expectations
/// exactly, a list of codes ("one of …") by rule; `None` for a text the
/// reader does not write.
fn expected_vi(expected: &str) -> Option<String> {
    if let Some((_, vi)) = EXPECTATIONS.iter().find(|(en, _)| *en == expected) {
        return Some((*vi).to_owned());
    }
    let codes = expected.strip_prefix("one of ")?;
    Some(match codes.strip_suffix(", or empty") {
        Some(codes) => format!("một trong {codes}, hoặc để trống"),
        None => format!("một trong {codes}"),
    })
}

/// `text` in Vietnamese by `known`, or as it was written, in parentheses,
/// after `fallback`.
fn or_kept(known: Option<String>, fallback: &str, text: &str) -> String {
    known.unwrap_or_else(|| format!("{fallback} ({text})"))
}

/// A column for people: its code, and for a standard column its usual
/// Vietnamese header.
fn column_vi(column: &str) -> String {
    match vi::header_vi(column) {
        Some(header) => format!("cột `{column}` ({header})"),
        None => format!("cột `{column}`"),
    }
}

impl CsvRowError {
    /// The error for people, in `lang` (English: as `Display` says it).
    ///
    /// ```
    /// use hoptac::{csv::read_csv, csv::CsvOptions, Lang};
    /// let csv = "id,name,kind,sector,province,commune,established,status\n\
    ///            htx-1,HTX A,htx,agriculture,Nghệ An,Hưng Lợi,2015-03-02,open\n";
    /// let err = read_csv(csv.as_bytes(), "2024-12-31".parse()?, &CsvOptions::default()).unwrap_err();
    /// let hoptac::csv::CsvError::Row(row) = &err else { return Err("a row error".into()) };
    /// assert_eq!(
    ///     row.text(Lang::Vi),
    ///     "dòng 2, cột `status` (tình trạng): giá trị `open` không hợp lệ: cần một trong active, suspended, dissolving, dissolved"
    /// );
    /// assert_eq!(row.text(Lang::En), row.to_string());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn text(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            CsvRowError::Value {
                line,
                column,
                value,
                expected,
            } => format!(
                "dòng {line}, {}: giá trị `{value}` không hợp lệ: cần {}",
                column_vi(column),
                or_kept(expected_vi(expected), "giá trị đúng", expected)
            ),
            CsvRowError::DuplicateId {
                line,
                id,
                first_line,
            } => format!("dòng {line}: mã tổ chức `{id}` bị trùng, đã có ở dòng {first_line}"),
            CsvRowError::FieldCount {
                line,
                expected,
                found,
            } => format!("dòng {line}: có {found} trường, nhưng dòng tiêu đề có {expected} cột"),
            CsvRowError::InvalidUtf8 { line, column } => format!(
                "dòng {line}, {}: không phải văn bản UTF-8 hợp lệ",
                column_vi(column)
            ),
            CsvRowError::Rejected { line, source } => {
                format!("dòng {line}: {}", source.text(lang))
            }
        }
    }
}

/// The Vietnamese of [`CsvError::Encoding`]'s message, when the reader
/// wrote it.
fn encoding_message_vi(message: &str) -> Option<String> {
    if message.starts_with("this build of hoptac reads UTF-8 only") {
        return Some(
            "bản hoptac này chỉ đọc UTF-8 (tính năng `encodings` không bật): hãy lưu tệp dạng CSV UTF-8"
                .to_owned(),
        );
    }
    let rest = message.strip_prefix("bytes that are not ")?;
    let (encoding, at) = rest.split_once(" near byte ")?;
    Some(format!(
        "có byte không thuộc bảng mã {encoding} ở gần byte {at}"
    ))
}

/// The Vietnamese of [`CsvError::Unwritable`]'s parts, when the writer
/// wrote them.
fn unwritable_vi(what: &str, reason: &str) -> Option<String> {
    let what = if let Some(name) = what.strip_prefix("extension attribute ") {
        format!("thuộc tính mở rộng {name}")
    } else {
        let rest = what.strip_prefix("column ")?;
        let (column, id) = rest.split_once(" of ")?;
        format!("cột {column} của {id}")
    };
    let reason = match reason {
        "its name is empty" => "tên của nó để trống".to_owned(),
        "its name starts or ends with whitespace" => {
            "tên của nó bắt đầu hoặc kết thúc bằng khoảng trắng".to_owned()
        }
        "its name is that of a standard column" => "tên của nó trùng tên một cột chuẩn".to_owned(),
        other => {
            let date = other
                .strip_prefix("the date ")?
                .strip_suffix(" does not have a four-digit year")?;
            format!("ngày {date} không có năm bốn chữ số")
        }
    };
    Some(format!("không ghi được {what}: {reason}"))
}

impl CsvError {
    /// The error for people, in `lang` (English: as `Display` says it).
    ///
    /// ```
    /// use hoptac::{csv::read_csv, csv::CsvOptions, Lang};
    /// let csv = "id,name,kind,sector,province,commune,established\n";
    /// let err = read_csv(csv.as_bytes(), "2024-12-31".parse()?, &CsvOptions::default()).unwrap_err();
    /// assert_eq!(
    ///     err.text(Lang::Vi),
    ///     "thiếu cột `status` (tình trạng): dòng tiêu đề phải có id, name, kind, sector, province, commune, established, status"
    /// );
    /// assert_eq!(err.text(Lang::En), err.to_string());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn text(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            CsvError::Io { kind, message } => {
                format!("lỗi đọc ghi: {} ({message})", io_kind_vi(*kind))
            }
            CsvError::Encoding { encoding, message } => format!(
                "tệp không phải văn bản {} hợp lệ: {}",
                encoding.label(lang),
                or_kept(encoding_message_vi(message), "byte sai", message)
            ),
            CsvError::BadMapping { header, column } => format!(
                "bảng ánh xạ cột ánh xạ `{header}` sang `{column}`, không phải một cột: cần một trong {}",
                COLUMNS.join(", ")
            ),
            CsvError::NoRows => "sổ đăng ký có dòng tiêu đề nhưng không có tổ chức nào: cần mỗi tổ chức một dòng dưới dòng tiêu đề".to_owned(),
            CsvError::NoHeader => {
                "không có dòng tiêu đề: dòng đầu tiên phải ghi tên các cột".to_owned()
            }
            CsvError::MissingColumn { column } => format!(
                "thiếu {}: dòng tiêu đề phải có {}",
                column_vi(column),
                col::REQUIRED.map(|i| COLUMNS[i]).join(", ")
            ),
            CsvError::DuplicateColumn {
                column,
                first,
                second,
            } => format!(
                "{} có hai lần trong dòng tiêu đề, ở cột thứ {first} và cột thứ {second}",
                column_vi(column)
            ),
            CsvError::BadColumnName { position, problem } => {
                let problem = match problem.as_str() {
                    "an empty name" => "tên để trống".to_owned(),
                    "a name that is not valid UTF-8" => {
                        "tên không phải văn bản UTF-8 hợp lệ".to_owned()
                    }
                    other => format!("tên không dùng được ({other})"),
                };
                format!("cột thứ {position} của dòng tiêu đề có {problem}: cần một tên cột")
            }
            CsvError::Row(row) => row.text(lang),
            CsvError::FieldTooLong {
                line,
                column,
                len,
                max,
            } => format!(
                "dòng {line}, {}: giá trị dài {len} byte, quá {max} byte cho phép",
                column_vi(column)
            ),
            CsvError::RecordTooLong { line, max } => {
                format!("dòng {line}: bản ghi dài quá {max} byte cho phép")
            }
            CsvError::TooManyRows { line, max } => {
                format!("dòng {line}: quá {max} tổ chức cho phép")
            }
            CsvError::Many { errors, total } => {
                let kept = errors.len() as u64;
                let mut msg = format!("{total} lỗi trong tệp CSV");
                if kept < *total {
                    msg.push_str(&format!(" ({kept} lỗi được giữ lại)"));
                }
                if let Some(first) = errors.first() {
                    msg.push_str(&format!("; lỗi đầu tiên: {}", first.text(lang)));
                }
                msg
            }
            CsvError::Unwritable { what, reason } => unwritable_vi(what, reason)
                .unwrap_or_else(|| format!("không ghi được {what} ({reason})")),
        }
    }
}

/// The Vietnamese of [`ImportError::Unsupported`]'s parts, when the reader
/// wrote them.
fn unsupported_vi(what: &str, advice: &str) -> Option<String> {
    let what = match what {
        "an Excel 97-2003 workbook (.xls)" => "sổ Excel 97-2003 (.xls)",
        "a zip file or Excel workbook (.xlsx)" => "tệp zip hoặc sổ Excel (.xlsx)",
        _ => return None,
    };
    let advice = match advice {
        "save it as an Excel workbook (.xlsx) or as CSV" => {
            "hãy lưu lại thành sổ Excel (.xlsx) hoặc tệp CSV"
        }
        "this build of hoptac reads CSV only (feature `xlsx` is off): save it as CSV" => {
            "bản hoptac này chỉ đọc CSV (tính năng `xlsx` không bật): hãy lưu lại thành tệp CSV"
        }
        _ => return None,
    };
    Some(format!("không đọc được {what}: {advice}"))
}

impl ImportError {
    /// The error for people, in `lang` (English: as `Display` says it).
    ///
    /// ```
    /// use hoptac::{csv::read_registry, csv::CsvOptions, Lang};
    /// let csv = "id,name,kind,sector,province,commune,established,status\n";
    /// let err = read_registry(csv.as_bytes(), "2024-12-31".parse()?, &CsvOptions::default()).unwrap_err();
    /// assert_eq!(
    ///     err.text(Lang::Vi),
    ///     "sổ đăng ký có dòng tiêu đề nhưng không có tổ chức nào: cần mỗi tổ chức một dòng dưới dòng tiêu đề"
    /// );
    /// assert_eq!(err.text(Lang::En), err.to_string());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn text(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            ImportError::Csv(e) => e.text(lang),
            ImportError::Sheet { sheet, source } => format!(
                "trang `{sheet}`, {} (số dòng là số hàng của trang)",
                source.text(lang)
            ),
            ImportError::CellError { sheet, cell, value } => format!(
                "trang `{sheet}`, ô {cell}: ô chứa giá trị lỗi của Excel `{value}`: cần một giá trị"
            ),
            ImportError::NoSheet { sheet, sheets } => format!(
                "sổ Excel không có trang `{sheet}`: các trang của sổ là {}",
                sheets
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            ImportError::NoHeaderRow {
                sheet,
                rows,
                best_row,
                best,
            } => format!(
                "trang `{sheet}`: không có hàng tiêu đề trong {rows} hàng đầu: cần một hàng ghi tên các cột (Mã số, Tên, Loại hình… hoặc id, name, kind…); hàng gần nhất, hàng {best_row}, ghi {best}"
            ),
            ImportError::Workbook { message } => {
                format!("không đọc được sổ Excel ({message})")
            }
            ImportError::Unsupported { what, advice } => unsupported_vi(what, advice)
                .unwrap_or_else(|| format!("không đọc được {what} ({advice})")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::read::EXPECTATIONS;
    use super::*;

    #[test]
    fn every_expectation_of_the_reader_has_its_vietnamese() {
        for (en, vi) in EXPECTATIONS {
            assert_eq!(expected_vi(en).as_deref(), Some(*vi));
            assert!(!vi.contains(" or ") && !vi.contains("one of"), "{vi}");
        }
        assert_eq!(
            expected_vi("one of a, b, or empty").as_deref(),
            Some("một trong a, b, hoặc để trống")
        );
        assert_eq!(expected_vi("a colour"), None);
    }

    #[test]
    fn every_error_has_a_vietnamese_text_of_its_own() {
        use std::io::ErrorKind;
        let row = CsvRowError::Value {
            line: 3,
            column: "members".into(),
            value: "abc".into(),
            expected: "a colour".into(),
        };
        let errors = [
            CsvError::Io {
                kind: ErrorKind::NotFound,
                message: "No such file".into(),
            },
            CsvError::Encoding {
                encoding: super::super::Encoding::Windows1258,
                message: "bytes that are not windows-1258 near byte 12".into(),
            },
            CsvError::Encoding {
                encoding: super::super::Encoding::Utf16Le,
                message: "this build of hoptac reads UTF-8 only (feature `encodings` is off)"
                    .into(),
            },
            CsvError::BadMapping {
                header: "Mã".into(),
                column: "code".into(),
            },
            CsvError::NoRows,
            CsvError::NoHeader,
            CsvError::MissingColumn {
                column: "id".into(),
            },
            CsvError::DuplicateColumn {
                column: "name".into(),
                first: 2,
                second: 5,
            },
            CsvError::BadColumnName {
                position: 4,
                problem: "an empty name".into(),
            },
            CsvError::Row(row.clone()),
            CsvError::FieldTooLong {
                line: 9,
                column: "name".into(),
                len: 70000,
                max: 65536,
            },
            CsvError::RecordTooLong { line: 9, max: 10 },
            CsvError::TooManyRows { line: 9, max: 5 },
            CsvError::Many {
                errors: vec![row.clone()],
                total: 4,
            },
            CsvError::Unwritable {
                what: "extension attribute ``".into(),
                reason: "its name is empty".into(),
            },
            CsvError::Unwritable {
                what: "column `established` of `htx-1`".into(),
                reason: "the date 12345-01-01 does not have a four-digit year".into(),
            },
        ];
        let english_words = [
            " the ", " is ", " of ", " line ", "column ", "expected", "cannot", "error",
        ];
        for e in &errors {
            let vi = e.text(Lang::Vi);
            assert_eq!(e.text(Lang::En), e.to_string());
            assert_ne!(vi, e.to_string());
            for w in english_words {
                assert!(!vi.contains(w), "{vi:?} holds {w:?}");
            }
        }
        assert_eq!(
            errors[1].text(Lang::Vi),
            "tệp không phải văn bản Windows-1258 (CP1258) hợp lệ: có byte không thuộc bảng mã windows-1258 ở gần byte 12"
        );
        assert_eq!(
            errors[13].text(Lang::Vi),
            "4 lỗi trong tệp CSV (1 lỗi được giữ lại); lỗi đầu tiên: dòng 3, cột `members` (số thành viên): giá trị `abc` không hợp lệ: cần giá trị đúng (a colour)"
        );
        assert_eq!(
            errors[15].text(Lang::Vi),
            "không ghi được cột `established` của `htx-1`: ngày 12345-01-01 không có năm bốn chữ số"
        );
        let imports = [
            ImportError::Sheet {
                sheet: "Danh sách".into(),
                source: CsvError::TooManyRows { line: 9, max: 5 },
            },
            ImportError::CellError {
                sheet: "DS".into(),
                cell: "C7".into(),
                value: "#N/A".into(),
            },
            ImportError::NoSheet {
                sheet: "HTX".into(),
                sheets: vec!["Sheet1".into()],
            },
            ImportError::NoHeaderRow {
                sheet: "DS".into(),
                rows: 20,
                best_row: 2,
                best: "id".into(),
            },
            ImportError::Unsupported {
                what: "an Excel 97-2003 workbook (.xls)".into(),
                advice: "save it as an Excel workbook (.xlsx) or as CSV".into(),
            },
            ImportError::Unsupported {
                what: "a zip file or Excel workbook (.xlsx)".into(),
                advice:
                    "this build of hoptac reads CSV only (feature `xlsx` is off): save it as CSV"
                        .into(),
            },
        ];
        for e in &imports {
            let vi = e.text(Lang::Vi);
            assert_eq!(e.text(Lang::En), e.to_string());
            for w in english_words {
                assert!(!vi.contains(w), "{vi:?} holds {w:?}");
            }
        }
        assert_eq!(
            imports[0].text(Lang::Vi),
            "trang `Danh sách`, dòng 9: quá 5 tổ chức cho phép (số dòng là số hàng của trang)"
        );
    }

    #[test]
    fn a_rejected_row_says_why_in_vietnamese() {
        let e = CsvRowError::Rejected {
            line: 4,
            source: crate::RegistryError::RatingYear {
                id: "htx-1".into(),
                year: 1800,
            },
        };
        assert_eq!(
            e.text(Lang::Vi),
            "dòng 4: năm xếp loại 1800 của `htx-1` nằm ngoài khoảng 1900..=2200"
        );
    }
}
