//! The Excel report of the bundled sample (with a breakdown added), read
//! back by an independent reader, Python's `openpyxl`: every cell of every
//! sheet is compared with the report's values, numbers with the double
//! nearest to the exact decimal, dates as dates, with their number formats.
//!
//! Skips with a message when python3 cannot import openpyxl, unless
//! `HOPTAC_REQUIRE_PYTHON_CHECKS=1` (set by .ci/run, which installs it).
#![cfg(all(feature = "xlsx-report", feature = "csv", feature = "json"))]

mod report_common;

use std::process::Command;

use chrono::NaiveDate;
use hoptac::plan::GroupBy;
use hoptac::report::{Breakdown, GroupResult, NoDataReason};
use hoptac::tally::{GroupKey, Parts};
use hoptac::{Labelled, Lang, Report};
use report_common::sample_report;
use rust_decimal::Decimal;

const REQUIRE_PYTHON: &str = "HOPTAC_REQUIRE_PYTHON_CHECKS";

/// Prints every sheet as JSON: per row, per cell `[type, value, format]`
/// with numbers as `repr` (the shortest text that reads back as the same
/// double) and dates as ISO dates.
const DUMP: &str = r#"
import datetime, json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows():
        cells = []
        for c in row:
            v = c.value
            if v is None:
                cells.append(None)
            elif isinstance(v, bool):
                cells.append(["b", str(v), c.number_format])
            elif isinstance(v, datetime.datetime):
                if v.time() != datetime.time(0):
                    raise SystemExit("a date with a time: %r" % v)
                cells.append(["d", v.date().isoformat(), c.number_format])
            elif isinstance(v, (int, float)):
                cells.append(["n", repr(float(v)), c.number_format])
            else:
                cells.append(["s", v, c.number_format])
        rows.append(cells)
    out.append({"name": ws.title, "freeze": ws.freeze_panes, "rows": rows})
json.dump(out, sys.stdout, ensure_ascii=False)
"#;

/// What a cell should hold.
#[derive(Debug, Clone, PartialEq)]
enum Want {
    Empty,
    Text(String),
    /// A number (its exact decimal) and its number format.
    Number(Decimal, &'static str),
    Date(NaiveDate),
}

fn s(v: impl Into<String>) -> Want {
    Want::Text(v.into())
}

fn opt_s(v: Option<impl Into<String>>) -> Want {
    v.map_or(Want::Empty, s)
}

/// A value written as a number only when a double reads back as it.
fn exact(v: Decimal) -> Want {
    let f: f64 = v.to_string().parse().expect("a double");
    if f.to_string().parse::<Decimal>().ok() == Some(v) {
        let format = if v.fract().is_zero() {
            "#,##0"
        } else {
            "#,##0.00"
        };
        Want::Number(v, format)
    } else {
        s(v.normalize().to_string())
    }
}

fn whole(n: impl Into<u64>) -> Want {
    exact(Decimal::from(n.into()))
}

fn num(v: Option<Decimal>, format: &'static str) -> Want {
    v.map_or(Want::Empty, |v| Want::Number(v, format))
}

fn format_of(unit: &hoptac::plan::Unit) -> &'static str {
    use hoptac::plan::Unit;
    match unit {
        Unit::Percent => "#,##0.0\"%\"",
        Unit::Vnd | Unit::Organisations | Unit::Members | Unit::Items => "#,##0",
        _ => "#,##0.00",
    }
}

fn met(m: Option<bool>, lang: Lang) -> Want {
    match m {
        Some(true) => s(lang.pick("đạt", "met")),
        Some(false) => s(lang.pick("chưa đạt", "not met")),
        None => Want::Empty,
    }
}

/// The sample's report with a breakdown on its first target: the sample
/// has none, and the breakdown sheet must be read back too.
fn report() -> Report {
    let mut r = sample_report();
    let group = |value: Option<&str>, district: Option<&str>, n: i64, d: i64| {
        let parts = Parts {
            numerator: n.into(),
            denominator: d.into(),
            ..Parts::default()
        };
        let actual = (d != 0).then(|| Decimal::from(n * 100) / Decimal::from(d));
        GroupResult {
            key: GroupKey {
                value: value.map(str::to_owned),
                district: district.map(str::to_owned),
            },
            parts,
            actual,
            met: actual.map(|a| a > Decimal::from(60)),
            no_data: (d == 0).then_some(NoDataReason::EmptyDenominator),
        }
    };
    let share = r
        .targets
        .iter_mut()
        .find(|t| t.id.as_str() == "na2030.good_fair.share")
        .expect("the share target");
    share.breakdown = Some(Breakdown {
        by: GroupBy::Commune,
        groups: vec![
            group(Some("Hưng Lợi"), Some("Hưng Nguyên"), 2, 3),
            group(Some("=HYPERLINK(\"x\")"), Some("Nam Đàn"), 7, 10),
            group(None, None, 0, 0),
        ],
    });
    r
}

/// Every sheet as the report says it should be: names, then rows.
fn expected(r: &Report, lang: Lang) -> Vec<(String, Vec<Vec<Want>>)> {
    let t = |vi: &str, en: &str| s(lang.pick(vi, en));
    let names = match lang {
        Lang::Vi => ["Báo cáo", "Mục tiêu", "Nhiệm vụ", "Đơn vị", "Phân tổ"],
        Lang::En => ["Report", "Targets", "Tasks", "Agencies", "Breakdowns"],
    };
    // The document line is the text report's header line, after its kicker.
    let table = r.table(lang).to_string();
    let first = table.lines().next().unwrap_or_default();
    let doc = first
        .strip_prefix(lang.pick("ĐÁNH GIÁ KẾ HOẠCH ", "PLAN EVALUATION "))
        .expect("the text report's header");
    let mut about = vec![
        vec![t("Mục", "Item"), t("Nội dung", "Value")],
        vec![t("Văn bản", "Document"), s(doc)],
        vec![t("Tiêu đề", "Title"), s(r.title.get(lang))],
        vec![t("Mã kế hoạch", "Plan key"), s(r.plan.as_str())],
        vec![t("Ngày đánh giá", "As of"), Want::Date(r.as_of)],
        vec![
            t("Số liệu đăng ký ngày", "Registry snapshot of"),
            r.snapshot.map_or(Want::Empty, Want::Date),
        ],
        vec![t("Số tổ chức", "Organisations"), whole(r.organisations)],
    ];
    for d in &r.history {
        about.push(vec![
            t("Số liệu kỳ trước", "Earlier snapshot"),
            Want::Date(*d),
        ]);
    }
    for n in &r.notes {
        about.push(vec![t("Ghi chú", "Note"), s(n.text(lang))]);
    }
    about.push(vec![
        t("Lập bằng", "Made with"),
        s(format!("hoptac {}", env!("CARGO_PKG_VERSION"))),
    ]);

    let mut targets = vec![[
        ("Mã", "Id"),
        ("Mục tiêu", "Target"),
        ("Cách đo", "Measure"),
        ("Chỉ tiêu", "Threshold"),
        ("Giá trị chỉ tiêu", "Threshold value"),
        ("Đơn vị tính", "Unit"),
        ("Thời hạn", "Deadline"),
        ("Số liệu ngày", "Snapshot of"),
        ("Thực hiện", "Actual"),
        ("Thực hiện (giá trị chính xác)", "Actual (exact)"),
        ("Tử số", "Numerator"),
        ("Mẫu số", "Denominator"),
        ("Thiếu số liệu", "Missing"),
        ("Số liệu ngoài", "Figure"),
        ("Giá trị số liệu ngoài", "Figure value"),
        ("Đạt chỉ tiêu", "Met"),
        ("Tình trạng", "Status"),
        ("Mã tình trạng", "Status code"),
        ("Tiến độ so với giá trị cơ sở", "Progress from baseline"),
        ("Căn cứ đánh giá tiến độ", "Pace basis"),
        ("Số kỳ số liệu", "Points"),
        ("Thay đổi mỗi năm", "Change per year"),
        ("Dự báo đến hạn", "Projected at deadline"),
        ("Mức cần đạt hiện nay", "Expected by now"),
        ("Năm cơ sở", "Base year"),
        ("Giá trị cơ sở", "Base"),
        ("Mức cần đạt (tăng trưởng)", "Required (growth)"),
        ("Lý do không có số liệu", "Why no data"),
        ("Ghi chú", "Notes"),
    ]
    .iter()
    .map(|(vi, en)| t(vi, en))
    .collect::<Vec<_>>()];
    for x in &r.targets {
        let unit = x.threshold.unit();
        let f = format_of(unit);
        let parts = x.parts.as_ref();
        let pace = x.pace.as_ref();
        let growth = x.growth.as_ref();
        let notes: Vec<String> = x.notes.iter().map(|n| n.text(lang)).collect();
        targets.push(vec![
            s(x.id.as_str()),
            s(x.label.get(lang)),
            s(x.measure.label(lang)),
            s(x.threshold.display_in(lang)),
            exact(x.threshold.value()),
            s(unit.display_in(lang)),
            Want::Date(x.deadline),
            x.snapshot.map_or(Want::Empty, Want::Date),
            num(x.actual, f),
            opt_s(x.actual.map(|v| v.normalize().to_string())),
            parts.map_or(Want::Empty, |p| exact(p.numerator)),
            parts.map_or(Want::Empty, |p| exact(p.denominator)),
            parts.map_or(Want::Empty, |p| whole(p.missing)),
            opt_s(x.figure.as_ref().map(|g| g.name.clone())),
            x.figure.as_ref().map_or(Want::Empty, |g| exact(g.value)),
            met(x.met, lang),
            s(x.status.label(lang)),
            s(x.status.code()),
            num(x.progress, "#,##0.0\"%\""),
            opt_s(pace.map(|p| p.basis.label(lang))),
            pace.map_or(Want::Empty, |p| whole(p.points as u64)),
            num(pace.and_then(|p| p.per_year), f),
            num(pace.and_then(|p| p.projected), f),
            num(pace.and_then(|p| p.expected_now), f),
            growth.map_or(Want::Empty, |g| exact(g.base_year.into())),
            growth.map_or(Want::Empty, |g| exact(g.base)),
            num(growth.map(|g| g.required), "#,##0.00"),
            opt_s(x.no_data.as_ref().map(|w| w.text(lang))),
            if notes.is_empty() {
                Want::Empty
            } else {
                s(notes.join("; "))
            },
        ]);
    }

    let name_of = |id: &hoptac::agency::AgencyId| {
        r.agencies
            .iter()
            .find(|a| a.agency == *id)
            .map(|a| a.name.get(lang).to_owned())
            .unwrap_or_else(|| id.to_string())
    };
    let mut tasks = vec![vec![
        t("Mã", "Task"),
        t("Đơn vị chủ trì", "Lead agencies"),
        t("Mã đơn vị chủ trì", "Lead agency ids"),
        t("Thời hạn", "Schedule"),
        t("Năm báo cáo gần nhất", "Latest report year"),
        t("Tình hình thực hiện", "Latest status"),
        t("Ghi chú báo cáo", "Report note"),
        t("Quá hạn", "Overdue"),
        t("Năm thiếu báo cáo", "Reports missing for"),
    ]];
    for x in &r.tasks {
        let latest = x.latest.as_ref();
        let years: Vec<String> = x.missing_reports.iter().map(i32::to_string).collect();
        tasks.push(vec![
            s(x.id.as_str()),
            s(x.lead.iter().map(name_of).collect::<Vec<_>>().join("; ")),
            s(x.lead
                .iter()
                .map(|a| a.as_str())
                .collect::<Vec<_>>()
                .join("; ")),
            opt_s(x.schedule.as_ref().map(|v| v.label(lang))),
            latest.map_or(Want::Empty, |l| exact(l.year.into())),
            opt_s(latest.map(|l| l.status.label(lang))),
            opt_s(latest.and_then(|l| l.note.clone())),
            if x.overdue {
                t("có", "yes")
            } else {
                t("không", "no")
            },
            if years.is_empty() {
                Want::Empty
            } else {
                s(years.join(", "))
            },
        ]);
    }

    let mut agencies = vec![vec![
        t("Mã", "Id"),
        t("Đơn vị", "Agency"),
        t("Nhiệm vụ chủ trì", "Tasks led"),
        t("Quá hạn", "Overdue"),
        t("Thiếu báo cáo", "With reports missing"),
    ]];
    for a in &r.agencies {
        agencies.push(vec![
            s(a.agency.as_str()),
            s(a.name.get(lang)),
            whole(a.tasks_led as u64),
            whole(a.overdue as u64),
            whole(a.reports_missing as u64),
        ]);
    }

    let mut breakdowns = vec![vec![
        t("Mã mục tiêu", "Target"),
        t("Phân tổ theo", "By"),
        t("Nhóm", "Group"),
        t("Tử số", "Numerator"),
        t("Mẫu số", "Denominator"),
        t("Giá trị", "Value"),
        t("Giá trị chính xác", "Value (exact)"),
        t("Đạt chỉ tiêu", "Met"),
        t("Lý do không có số liệu", "Why no data"),
    ]];
    for x in &r.targets {
        let Some(b) = &x.breakdown else { continue };
        // The group's name as the text table of the breakdown writes it.
        let table = b.table(lang);
        for (g, line) in b.groups.iter().zip(table.lines().skip(1)) {
            let name = line.split(" | ").next().unwrap_or_default().trim_end();
            breakdowns.push(vec![
                s(x.id.as_str()),
                s(b.by.label(lang)),
                s(name),
                exact(g.parts.numerator),
                exact(g.parts.denominator),
                num(g.actual, format_of(x.threshold.unit())),
                opt_s(g.actual.map(|v| v.normalize().to_string())),
                met(g.met, lang),
                opt_s(g.no_data.as_ref().map(|w| w.text(lang))),
            ]);
        }
    }
    [about, targets, tasks, agencies, breakdowns]
        .into_iter()
        .zip(names)
        .map(|(rows, name)| (name.to_owned(), rows))
        .collect()
}

/// Whether a cell read by openpyxl is what the report says.
fn matches(got: &serde_json::Value, want: &Want) -> Result<(), String> {
    let cell = |i: usize| got.get(i).and_then(|v| v.as_str()).unwrap_or_default();
    match want {
        Want::Empty if got.is_null() => Ok(()),
        Want::Text(t) if cell(0) == "s" && cell(1) == t => Ok(()),
        Want::Date(d) if cell(0) == "d" && cell(1) == d.to_string() && cell(2) == "dd/mm/yyyy" => {
            Ok(())
        }
        Want::Number(v, format) if cell(0) == "n" => {
            let read: f64 = cell(1).parse().map_err(|e| format!("{e}"))?;
            let nearest: f64 = v.to_string().parse().map_err(|e| format!("{e}"))?;
            if read != nearest {
                return Err(format!(
                    "read {read}, the double nearest to {v} is {nearest}"
                ));
            }
            if cell(2) != *format {
                return Err(format!("number format `{}`, expected `{format}`", cell(2)));
            }
            Ok(())
        }
        _ => Err(format!("read {got}, expected {want:?}")),
    }
}

fn python_has_openpyxl() -> bool {
    Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output()
        .is_ok_and(|out| out.status.success())
}

#[test]
fn the_workbook_reads_back_with_every_value_of_the_report() {
    let r = report();
    if !python_has_openpyxl() {
        assert!(
            !std::env::var(REQUIRE_PYTHON).is_ok_and(|v| v == "1"),
            "{REQUIRE_PYTHON}=1 but python3 cannot import openpyxl: pip install openpyxl"
        );
        println!(
            "skipped: reading the workbook back needs python3 with openpyxl (pip install openpyxl)"
        );
        return;
    }
    let dir = std::env::temp_dir().join(format!("hoptac-xlsx-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let mut compared = 0;
    for lang in Lang::ALL {
        let path = dir.join(format!("report-{lang}.xlsx"));
        let file = std::fs::File::create(&path).expect("create the workbook");
        r.write_xlsx(lang, std::io::BufWriter::new(file))
            .expect("the workbook is written");
        // The same report gives the same bytes.
        let mut again = std::io::Cursor::new(Vec::new());
        r.write_xlsx(lang, &mut again).expect("written again");
        assert_eq!(std::fs::read(&path).expect("read it"), again.into_inner());

        let out = Command::new("python3")
            .args(["-c", DUMP])
            .arg(&path)
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "openpyxl could not read {}:\n{}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let sheets: Vec<serde_json::Value> =
            serde_json::from_slice(&out.stdout).expect("the dump is JSON");
        let want = expected(&r, lang);
        let names: Vec<&str> = sheets.iter().filter_map(|s| s["name"].as_str()).collect();
        let want_names: Vec<&str> = want.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, want_names, "{lang}");
        let mut problems = Vec::new();
        for (sheet, (name, rows)) in sheets.iter().zip(&want) {
            assert_eq!(
                sheet["freeze"], "A2",
                "{lang} {name}: the header row is frozen"
            );
            let got = sheet["rows"].as_array().expect("rows");
            assert_eq!(got.len(), rows.len(), "{lang} {name}: rows");
            for (i, (g, w)) in got.iter().zip(rows).enumerate() {
                let cells = g.as_array().expect("cells");
                // openpyxl reads a row up to the sheet's last column.
                for (j, want_cell) in w.iter().enumerate() {
                    let got_cell = cells.get(j).unwrap_or(&serde_json::Value::Null);
                    if let Err(e) = matches(got_cell, want_cell) {
                        problems.push(format!("{lang} {name} row {} column {}: {e}", i + 1, j + 1));
                    }
                    compared += 1;
                }
                assert!(
                    cells.iter().skip(w.len()).all(|c| c.is_null()),
                    "{lang} {name} row {}: cells past the last column",
                    i + 1
                );
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
    // Five sheets of 14 targets, 28 tasks, 12 agencies, 3 groups, twice.
    assert!(compared > 1_500, "{compared} cells compared");
    let _ = std::fs::remove_dir_all(&dir);
}
