//! Registries in the forms offices save them, written by real writers
//! (scripts/make_io_fixtures.py: Python's csv and cp1258 codec, openpyxl),
//! read by `read_registry` into the same snapshot, and the same report, as
//! the canonical CSV.
#![cfg(all(feature = "csv", feature = "json"))]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use hoptac::csv::{
    read_registry, read_registry_path, CsvError, CsvOptions, Encoding, ImportError, InputForm,
    NumberFormat, Separator,
};
use hoptac::{catalog, Inputs, Registry, Snapshot};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/io")
        .join(name)
}

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
}

fn read(name: &str, options: &CsvOptions) -> hoptac::csv::Import {
    read_registry_path(data(name), date(), options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn report_json(snapshot: Snapshot) -> String {
    let plan = catalog::get("nghe-an-363-2023").unwrap();
    let mut registry = Registry::new();
    registry.insert(snapshot).unwrap();
    let mut inputs = Inputs::new(date());
    inputs
        .figures
        .insert("population".into(), "3442000".parse().unwrap());
    inputs
        .figures
        .insert("communes".into(), "412".parse().unwrap());
    let report = plan.evaluate(&registry, &inputs).unwrap();
    serde_json::to_string(&report).unwrap()
}

#[cfg(feature = "encodings")]
#[test]
fn every_form_reads_as_the_canonical_csv() {
    let canonical = read("canonical.csv", &CsvOptions::default());
    assert_eq!(canonical.snapshot.len(), 500);
    assert_eq!(
        canonical.form,
        InputForm::Csv(hoptac::csv::CsvFormat {
            encoding: Encoding::Utf8,
            separator: Separator::Comma,
            numbers: NumberFormat::Plain,
        })
    );
    let expected_report = report_json(canonical.snapshot.clone());
    let mut cases: Vec<(&str, String)> = vec![
        (
            "excel-semicolon.csv",
            "CSV, UTF-8, separator semicolon (;), numbers Vietnamese (1.500.000.000,5)".into(),
        ),
        (
            "excel-cp1258.csv",
            "CSV, Windows-1258 (CP1258), separator semicolon (;), numbers Vietnamese (1.500.000.000,5)"
                .into(),
        ),
        (
            "excel-unicode.txt",
            "CSV, UTF-16 (little-endian), separator tab, numbers Vietnamese (1.500.000.000,5)"
                .into(),
        ),
    ];
    if cfg!(feature = "xlsx") {
        cases.push((
            "registry.xlsx",
            "Excel workbook, sheet `Danh sách HTX`, header on row 3".into(),
        ));
    }
    for (name, form) in cases {
        let import = read(name, &CsvOptions::default());
        assert_eq!(import.form.to_string(), form, "{name}");
        assert_eq!(import.columns, canonical.columns, "{name}");
        // Field by field first, for a readable failure.
        for (a, b) in import.snapshot.iter().zip(canonical.snapshot.iter()) {
            assert_eq!(a, b, "{name}");
        }
        assert_eq!(import.snapshot, canonical.snapshot, "{name}");
        assert_eq!(report_json(import.snapshot), expected_report, "{name}");
    }
}

#[cfg(feature = "encodings")]
#[test]
fn a_forced_encoding_is_used() {
    // Read as UTF-8, the Windows-1258 file has invalid UTF-8 on its first
    // line: the header's column names.
    let options = CsvOptions::default().with_encoding(Encoding::Utf8);
    let err = read_registry_path(data("excel-cp1258.csv"), date(), &options).unwrap_err();
    assert!(
        matches!(err, ImportError::Csv(CsvError::BadColumnName { .. })),
        "{err}"
    );
    // Read as Windows-1258, a UTF-8 file's Vietnamese headers turn into
    // other characters, so that no column is recognised: refused, not
    // misread.
    let options = CsvOptions::default().with_encoding(Encoding::Windows1258);
    let err = read_registry_path(data("excel-semicolon.csv"), date(), &options).unwrap_err();
    assert!(err.to_string().starts_with("missing column `id`"), "{err}");
}

#[test]
fn vietnamese_numbers_are_refused_in_a_plain_file() {
    let csv = "id,name,kind,sector,province,commune,established,status,revenue_vnd\n\
               a,A,htx,trade,P,C,2020-01-01,active,\"2.467.522.500\"\n";
    let err = read_registry(csv.as_bytes(), date(), &CsvOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 2, column `revenue_vnd`: invalid value `2.467.522.500`: expected an amount of VND as a plain decimal \
         number such as 1500000000 or 1500000000.50, or empty (numbers written 1.500.000.000,5 are read with the \
         Vietnamese number format)"
    );
    let options = CsvOptions::default().with_numbers(NumberFormat::Vietnamese);
    let import = read_registry(csv.as_bytes(), date(), &options).unwrap();
    assert_eq!(
        import.snapshot.find("a").unwrap().revenue_vnd,
        Some("2467522500".parse().unwrap())
    );
    // In the Vietnamese format `1500000000.50` is no number: refused.
    let semi = "id;name;kind;sector;province;commune;established;status;revenue_vnd\n\
                a;A;htx;trade;P;C;01/01/2020;active;1500000000.50\n";
    let err = read_registry(semi.as_bytes(), date(), &CsvOptions::default()).unwrap_err();
    assert!(
        err.to_string().contains("Vietnamese number format"),
        "{err}"
    );
    for (value, expected) in [
        ("1.200", "1200"),
        ("44.402.000,5", "44402000.5"),
        ("7,25", "7.25"),
    ] {
        let text = semi.replace("1500000000.50", value);
        let import = read_registry(text.as_bytes(), date(), &CsvOptions::default()).unwrap();
        assert_eq!(
            import.snapshot.find("a").unwrap().revenue_vnd,
            Some(expected.parse().unwrap()),
            "{value}"
        );
    }
    for bad in ["1.20", "1.2000", "1..200", ",5", "1,", "12.345.67"] {
        let text = semi.replace("1500000000.50", bad);
        assert!(
            read_registry(text.as_bytes(), date(), &CsvOptions::default()).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn a_header_without_rows_is_refused() {
    for text in [
        "id,name,kind,sector,province,commune,established,status\n",
        "Mã số;Tên;Loại hình;Lĩnh vực;Tỉnh;Xã;Ngày thành lập;Tình trạng\r\n",
    ] {
        let err = read_registry(text.as_bytes(), date(), &CsvOptions::default()).unwrap_err();
        assert_eq!(err, ImportError::Csv(CsvError::NoRows), "{text}");
    }
}

#[test]
fn a_user_mapping_names_other_wordings() {
    let csv =
        "Mã định danh;Tên gọi;Loại hình;Lĩnh vực;Tỉnh;Xã;Ngày thành lập;Tình trạng;Đánh giá năm\n\
               a;HTX A;HTX;Nông nghiệp;Nghệ An;Hưng Lợi;2/3/2015;Đang hoạt động;Khá\n";
    let err = read_registry(csv.as_bytes(), date(), &CsvOptions::default()).unwrap_err();
    assert!(err.to_string().starts_with("missing column `id`"), "{err}");
    let options = CsvOptions::default()
        .with_column("mã ĐỊNH danh", "id")
        .with_column("Tên gọi", "name")
        .with_column("Đánh giá năm", "rating");
    let import = read_registry(csv.as_bytes(), date(), &options).unwrap();
    let org = import.snapshot.find("a").unwrap();
    assert_eq!(org.rating_in(2025), Some(hoptac::org::Rating::Fair));
    assert_eq!(
        org.established,
        NaiveDate::from_ymd_opt(2015, 3, 2).unwrap()
    );
    let bad = CsvOptions::default().with_column("Tên gọi", "title");
    let err = read_registry(csv.as_bytes(), date(), &bad).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the column mapping maps `Tên gọi` to `title`, which is not a column"),
        "{err}"
    );
    // The mapping as JSON, as `--columns mapping.json` gives it.
    let json =
        r#"{"columns": {"Mã định danh": "id", "Tên gọi": "name", "Đánh giá năm": "rating"}}"#;
    let from_json: CsvOptions = serde_json::from_str(json).unwrap();
    let from_json = read_registry(csv.as_bytes(), date(), &from_json).unwrap();
    assert_eq!(from_json, import);
    // NFD text (headers, values and mapping) reads exactly as NFC.
    let nfd = hoptac::text::nfd(csv);
    let nfd_options = CsvOptions::default()
        .with_column(hoptac::text::nfd("Mã định danh"), "id")
        .with_column("Tên gọi", "name")
        .with_column(hoptac::text::nfd("Đánh giá năm"), "rating");
    assert_eq!(
        read_registry(nfd.as_bytes(), date(), &nfd_options).unwrap(),
        import
    );
}

#[test]
fn rejected_rows_name_their_line_and_column() {
    let csv = "Mã số;Tên;Loại hình;Lĩnh vực;Tỉnh;Xã;Ngày thành lập;Tình trạng;Xếp loại\r\n\
               a;HTX A;HTX;Nông nghiệp;Nghệ An;Hưng Lợi;02/03/2015;Đang hoạt động;Khá\r\n\
               b;HTX B;HTX;Nông nghiệp;Nghệ An;Hưng Lợi;31/02/2015;Đang hoạt động;Xuất sắc\r\n";
    let options = CsvOptions::default().with_collect_all(true);
    let err = read_registry(csv.as_bytes(), date(), &options).unwrap_err();
    let ImportError::Csv(CsvError::Many { errors, .. }) = err else {
        panic!("{err:?}")
    };
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "line 3, column `established`: invalid value `31/02/2015`: expected a date YYYY-MM-DD or dd/mm/yyyy",
            "line 3, column `rating`: invalid value `Xuất sắc`: expected one of good, fair, average, weak (Tốt, Khá, Trung bình, Yếu, Kém), or empty",
        ]
    );
}

#[cfg(feature = "xlsx")]
#[test]
fn workbook_errors_name_the_sheet_and_row() {
    let bytes = std::fs::read(data("registry.xlsx")).unwrap();
    let options = CsvOptions::default().with_sheet("Không có");
    let err = read_registry(&bytes, date(), &options).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the workbook has no sheet `Không có`: its sheets are `Danh sách HTX`"
    );
    // The named sheet, matched ignoring case.
    let options = CsvOptions::default().with_sheet("danh sách htx");
    assert_eq!(
        read_registry(&bytes, date(), &options)
            .unwrap()
            .snapshot
            .len(),
        500
    );
    // Plain numbers: the text cells written 1.015.692.000 are refused, with
    // the sheet's row (the header is on row 3, the first organisation on 4).
    let options = CsvOptions::default().with_numbers(NumberFormat::Plain);
    let err = read_registry(&bytes, date(), &options).unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with("sheet `Danh sách HTX`, line 4, column `"),
        "{message}"
    );
    assert!(
        message.ends_with("(lines are the sheet's rows)"),
        "{message}"
    );
    // Not a workbook at all: a zip without a workbook in it.
    let err = read_registry(
        b"PK\x03\x04not really a zip",
        date(),
        &CsvOptions::default(),
    )
    .unwrap_err();
    assert!(
        err.to_string().starts_with("cannot read the workbook"),
        "{err}"
    );
}

#[test]
fn old_excel_files_are_refused_with_advice() {
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    let err = read_registry(&ole, date(), &CsvOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "an Excel 97-2003 workbook (.xls) is not read: save it as an Excel workbook (.xlsx) or as CSV"
    );
}

/// The committed fixtures are what the script writes (needs Python and
/// openpyxl: skipped with a message unless HOPTAC_REQUIRE_PYTHON_CHECKS=1).
#[test]
fn fixtures_are_what_the_script_writes() {
    let required = std::env::var("HOPTAC_REQUIRE_PYTHON_CHECKS").as_deref() == Ok("1");
    let has_openpyxl = std::process::Command::new("python3")
        .args(["-c", "import openpyxl"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_openpyxl {
        assert!(
            !required,
            "HOPTAC_REQUIRE_PYTHON_CHECKS=1 but python3 with openpyxl is missing"
        );
        eprintln!("skipped: needs python3 with openpyxl (python3 -m pip install openpyxl)");
        return;
    }
    let out = std::env::temp_dir().join(format!("hoptac-io-fixtures-{}", std::process::id()));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(out.join("tests/data/io")).unwrap();
    std::fs::create_dir_all(out.join("examples/data/nghe-an")).unwrap();
    std::fs::copy(
        root.join("examples/data/nghe-an/registry-2025-12-31.csv"),
        out.join("examples/data/nghe-an/registry-2025-12-31.csv"),
    )
    .unwrap();
    let status = std::process::Command::new("python3")
        .arg(root.join("scripts/make_io_fixtures.py"))
        .current_dir(&out)
        .status()
        .unwrap();
    assert!(status.success());
    // The text files byte for byte; the workbook (whose zip holds times) by
    // what it reads as.
    for name in [
        "canonical.csv",
        "excel-semicolon.csv",
        "excel-cp1258.csv",
        "excel-unicode.txt",
    ] {
        let made = std::fs::read(out.join("tests/data/io").join(name)).unwrap();
        let kept = std::fs::read(data(name)).unwrap();
        assert!(made == kept, "{name} differs from what the script writes");
    }
    if cfg!(feature = "xlsx") {
        let made = read_registry_path(
            out.join("tests/data/io/registry.xlsx"),
            date(),
            &CsvOptions::default(),
        )
        .unwrap();
        assert_eq!(made, read("registry.xlsx", &CsvOptions::default()));
    }
    std::fs::remove_dir_all(out).ok();
}

/// The library's way of declaring a column absent: `missing_columns` with
/// the column allowed, then `mark_columns_absent` on the report; the
/// targets reading it give no data, "column absent", the others are as on
/// the full registry.
#[test]
fn a_column_declared_absent_gives_no_data_not_zero() {
    use hoptac::csv::{mark_columns_absent, missing_columns};
    use hoptac::report::{NoDataReason, TargetStatus};
    use std::collections::BTreeSet;
    // The canonical registry without its rating column.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(data("canonical.csv"))
        .unwrap();
    let mut records = reader.records().map(Result::unwrap);
    let header = records.next().unwrap();
    let at = header.iter().position(|c| c == "rating").unwrap();
    let mut writer = csv::Writer::from_writer(Vec::new());
    for record in std::iter::once(header).chain(records) {
        let kept = record.iter().enumerate().filter(|(i, _)| *i != at);
        writer.write_record(kept.map(|(_, f)| f)).unwrap();
    }
    let text = writer.into_inner().unwrap();
    let import = read_registry(&text, date(), &CsvOptions::default()).unwrap();
    assert!(!import.columns.contains("rating"));
    let plan = catalog::get("nghe-an-363-2023").unwrap();
    let none = BTreeSet::new();
    assert!(missing_columns(&plan, &import.columns, &none)
        .iter()
        .any(|m| m.column == "rating"));
    let absent: BTreeSet<String> = ["rating".to_owned()].into();
    assert!(missing_columns(&plan, &import.columns, &absent).is_empty());
    let mut registry = Registry::new();
    registry.insert(import.snapshot).unwrap();
    let mut inputs = Inputs::new(date());
    inputs
        .figures
        .insert("population".into(), "3442000".parse().unwrap());
    let mut report = plan.evaluate(&registry, &inputs).unwrap();
    let before = report.clone();
    let marked = mark_columns_absent(&mut report, &plan, &absent);
    let ids: Vec<&str> = marked.iter().map(|id| id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "na2030.good_fair.share",
            "na2030.good_fair_value_chain.share",
            "na2045.effective.share",
            "na2045.effective_linked.share"
        ]
    );
    for (after, was) in report.targets.iter().zip(&before.targets) {
        if ids.contains(&after.id.as_str()) {
            assert_eq!(after.status, TargetStatus::NoData);
            assert_eq!(after.actual, None);
            assert_eq!(after.parts, None);
            assert_eq!(
                after.no_data,
                Some(NoDataReason::ColumnAbsent {
                    columns: vec!["rating".into()]
                })
            );
        } else {
            assert_eq!(after, was, "{} changed", after.id);
        }
    }
    // Nothing declared absent: nothing marked.
    let mut again = before.clone();
    assert!(mark_columns_absent(&mut again, &plan, &none).is_empty());
    assert_eq!(again, before);
}
