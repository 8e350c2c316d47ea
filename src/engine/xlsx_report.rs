//! The report as an Excel workbook (feature `xlsx-report`): sheets for the
//! report, targets, tasks, agencies and breakdowns, numbers as numbers,
//! dates as dates, headers in Vietnamese or English.

use std::io::{Seek, Write};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    utility::row_col_to_cell, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook,
    Worksheet, XlsxError,
};

use super::report::document_line;
use super::Report;
use crate::lang::{Labelled, Lang};
use crate::threshold::Unit;

/// Why a report could not be written as a workbook.
///
/// ```
/// use hoptac::report::XlsxReportError;
/// let e = XlsxReportError::Save { reason: "disk full".into() };
/// assert_eq!(e.to_string(), "cannot save the workbook: disk full");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum XlsxReportError {
    /// A value could not be written to its cell (a text longer than Excel's
    /// 32,767 characters, say).
    #[error("cannot write sheet `{sheet}` cell {cell}: {reason}")]
    Cell {
        /// The sheet.
        sheet: String,
        /// The cell, as `A1`.
        cell: String,
        /// What went wrong.
        reason: String,
    },
    /// The workbook could not be assembled or written out.
    #[error("cannot save the workbook: {reason}")]
    Save {
        /// What went wrong.
        reason: String,
    },
}

impl Report {
    /// Writes the report as an Excel workbook (.xlsx) in `lang` (báo cáo
    /// dạng bảng tính) to `out`.
    ///
    /// Five sheets: the report (document, title, dates, notes), targets,
    /// tasks, agencies and breakdowns (one row per group of every target
    /// that has one), each with a header row in `lang`.
    ///
    /// - **Numbers are numbers**, shown with the number format codes
    ///   `#,##0`, `#,##0.00` and `#,##0.0"%"` (percentages keep the report's
    ///   percent units: 61.5 is 61,5%). A format code is stored in Excel's
    ///   invariant syntax, where `,` groups thousands and `.` starts the
    ///   fraction; Excel and LibreOffice show it with the reader's own
    ///   separators, so a Vietnamese reader sees `1.200` and `61,5%` and the
    ///   cells stay numbers that formulas can add up. (A code that wrote
    ///   `.` and `,` literally would only work as text.)
    /// - **Dates are dates**, shown as `dd/mm/yyyy`; a date Excel cannot
    ///   hold (before 1900) is written as that text.
    /// - **Exactness.** A cell holds a double: each value becomes the
    ///   double nearest to the exact decimal here and nowhere else. Counts,
    ///   sums, thresholds and figures that a double cannot hold exactly are
    ///   written as text, never as a nearby number; the computed values
    ///   (actual values, which shares carry to 28 digits) keep their exact
    ///   decimal beside them as text in an "exact" column; projections,
    ///   paces and progress are estimates, shown to a double's precision.
    /// - Plan texts are written as strings, never as formulas.
    ///
    /// The workbook is the same for the same report and language (its
    /// creation date is the report's as-of date).
    ///
    /// # Errors
    ///
    /// [`XlsxReportError::Cell`] for a value Excel cannot hold, naming the
    /// sheet and cell; [`XlsxReportError::Save`] when writing fails.
    ///
    /// ```
    /// use hoptac::{catalog, Inputs, Lang, Registry};
    /// let plan = catalog::get("nghe-an-363-2023").ok_or("plan")?;
    /// let as_of = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let report = plan.evaluate(&Registry::new(), &Inputs::new(as_of))?;
    /// let mut file = std::io::Cursor::new(Vec::new());
    /// report.write_xlsx(Lang::Vi, &mut file)?;
    /// assert!(file.get_ref().starts_with(b"PK"));
    /// std::fs::write(std::env::temp_dir().join("hoptac-report.xlsx"), file.into_inner())?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_xlsx<W: Write + Seek + Send>(
        &self,
        lang: Lang,
        out: W,
    ) -> Result<(), XlsxReportError> {
        let mut workbook = build(self, lang)?;
        workbook
            .save_to_writer(out)
            .map_err(|e| XlsxReportError::Save {
                reason: e.to_string(),
            })
    }
}

/// One cell's content.
enum Cell {
    Empty,
    Text(String),
    /// A decimal to write as the nearest double.
    Number(Decimal, Shape),
    /// A decimal that is written as a number only when a double holds it
    /// exactly, else as its exact text.
    Exact(Decimal),
    Whole(u64),
    Date(NaiveDate),
}

/// How a number is shown.
#[derive(Clone, Copy)]
enum Shape {
    Whole,
    Decimal,
    Percent,
}

impl Shape {
    /// As the text report rounds: percentages to one decimal, counts and
    /// money whole, the rest to two decimals.
    fn of(unit: &Unit) -> Shape {
        match unit {
            Unit::Percent => Shape::Percent,
            Unit::Vnd | Unit::VndPerMonth | Unit::Organisations | Unit::Members | Unit::Items => {
                Shape::Whole
            }
            _ => Shape::Decimal,
        }
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt_text(s: Option<impl Into<String>>) -> Cell {
    s.map_or(Cell::Empty, text)
}

fn number(v: Option<Decimal>, shape: Shape) -> Cell {
    v.map_or(Cell::Empty, |v| Cell::Number(v, shape))
}

/// The exact decimal as text, for a value a double may not hold.
fn exact_text(v: Option<Decimal>) -> Cell {
    v.map_or(Cell::Empty, |v| text(v.normalize().to_string()))
}

fn date_cell(d: Option<NaiveDate>) -> Cell {
    d.map_or(Cell::Empty, Cell::Date)
}

/// The double nearest to `v`: Rust's float parsing rounds correctly.
fn to_f64(v: Decimal) -> Option<f64> {
    v.to_string().parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Whether the double nearest to `v` reads back as `v` (its shortest
/// decimal form, the one a spreadsheet shows and a reader parses, is `v`).
fn exact_in_f64(v: Decimal) -> bool {
    to_f64(v).is_some_and(|f| f.to_string().parse::<Decimal>().ok() == Some(v))
}

struct Formats {
    header: Format,
    wrap: Format,
    whole: Format,
    decimal: Format,
    percent: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color(0xE8E8E8)
                .set_border_bottom(FormatBorder::Thin),
            wrap: Format::new().set_text_wrap(),
            whole: Format::new().set_num_format("#,##0"),
            decimal: Format::new().set_num_format("#,##0.00"),
            percent: Format::new().set_num_format("#,##0.0\"%\""),
            date: Format::new().set_num_format("dd/mm/yyyy"),
        }
    }
}

/// A sheet being filled row by row.
struct Sheet<'f> {
    ws: Worksheet,
    name: String,
    row: u32,
    f: &'f Formats,
}

impl<'f> Sheet<'f> {
    fn new(name: &str, f: &'f Formats) -> Result<Sheet<'f>, XlsxReportError> {
        let mut ws = Worksheet::new();
        ws.set_name(name).map_err(|e| XlsxReportError::Save {
            reason: e.to_string(),
        })?;
        Ok(Sheet {
            ws,
            name: name.to_owned(),
            row: 0,
            f,
        })
    }

    fn fail(&self, col: u16, e: XlsxError) -> XlsxReportError {
        XlsxReportError::Cell {
            sheet: self.name.clone(),
            cell: row_col_to_cell(self.row, col),
            reason: e.to_string(),
        }
    }

    /// The header row, frozen above the rest, with column widths.
    fn header(&mut self, columns: &[(&str, f64)]) -> Result<(), XlsxReportError> {
        for (col, (title, width)) in (0u16..).zip(columns) {
            self.ws
                .write_string_with_format(self.row, col, *title, &self.f.header)
                .map(|_| ())
                .map_err(|e| self.fail(col, e))?;
            self.ws
                .set_column_width(col, *width)
                .map(|_| ())
                .map_err(|e| self.fail(col, e))?;
        }
        self.ws
            .set_freeze_panes(1, 0)
            .map(|_| ())
            .map_err(|e| self.fail(0, e))?;
        self.row += 1;
        Ok(())
    }

    fn push(&mut self, cells: Vec<Cell>) -> Result<(), XlsxReportError> {
        for (col, cell) in (0u16..).zip(cells) {
            self.write(col, cell).map_err(|e| self.fail(col, e))?;
        }
        self.row += 1;
        Ok(())
    }

    fn write(&mut self, col: u16, cell: Cell) -> Result<(), XlsxError> {
        let (row, f) = (self.row, self.f);
        match cell {
            Cell::Empty => {}
            Cell::Text(s) => {
                self.ws.write_string_with_format(row, col, s, &f.wrap)?;
            }
            Cell::Whole(n) => {
                // Counts of tasks and organisations: far below 2^53.
                let v = Decimal::from(n);
                return self.write(col, Cell::Exact(v));
            }
            Cell::Exact(v) if !exact_in_f64(v) => {
                self.ws
                    .write_string_with_format(row, col, v.normalize().to_string(), &f.wrap)?;
            }
            Cell::Exact(v) => {
                let shape = if v.fract().is_zero() {
                    Shape::Whole
                } else {
                    Shape::Decimal
                };
                return self.write(col, Cell::Number(v, shape));
            }
            Cell::Number(v, shape) => {
                let Some(x) = to_f64(v) else {
                    return Err(XlsxError::ParameterError(format!(
                        "the number `{v}` has no double"
                    )));
                };
                let format = match shape {
                    Shape::Whole => &f.whole,
                    Shape::Decimal => &f.decimal,
                    Shape::Percent => &f.percent,
                };
                self.ws.write_number_with_format(row, col, x, format)?;
            }
            Cell::Date(d) => {
                let excel = u16::try_from(d.year())
                    .ok()
                    .and_then(|y| ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok());
                match excel {
                    Some(x) => {
                        self.ws.write_date_with_format(row, col, &x, &f.date)?;
                    }
                    None => {
                        self.ws.write_string(row, col, super::report::date(d))?;
                    }
                }
            }
        }
        Ok(())
    }
}

fn yes_no(b: bool, lang: Lang) -> Cell {
    text(if b {
        lang.pick("có", "yes")
    } else {
        lang.pick("không", "no")
    })
}

fn met(m: Option<bool>, lang: Lang) -> Cell {
    opt_text(super::breakdown::met_text(m, lang))
}

/// The sheets' names in `lang`, in their order: report, targets, tasks,
/// agencies, breakdowns.
pub(crate) fn sheet_names(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Vi => ["Báo cáo", "Mục tiêu", "Nhiệm vụ", "Đơn vị", "Phân tổ"],
        Lang::En => ["Report", "Targets", "Tasks", "Agencies", "Breakdowns"],
    }
}

fn build(r: &Report, lang: Lang) -> Result<Workbook, XlsxReportError> {
    let f = Formats::new();
    let t = |vi, en| lang.pick(vi, en);
    let names = sheet_names(lang);
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(r.as_of.year())
            .unwrap_or(1900)
            .clamp(1900, 9999),
        r.as_of.month() as u8,
        r.as_of.day() as u8,
    )
    .or_else(|_| ExcelDateTime::from_ymd(1900, 1, 1))
    .map_err(|e| XlsxReportError::Save {
        reason: e.to_string(),
    })?;
    let doc = document_line(r, lang);
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("{} {doc}", t("Đánh giá", "Evaluation of")))
            .set_creation_datetime(&created),
    );

    // The report: what, when, on which data.
    let mut s = Sheet::new(names[0], &f)?;
    s.header(&[(t("Mục", "Item"), 28.0), (t("Nội dung", "Value"), 90.0)])?;
    s.push(vec![text(t("Văn bản", "Document")), text(doc.clone())])?;
    s.push(vec![text(t("Tiêu đề", "Title")), text(r.title.get(lang))])?;
    s.push(vec![
        text(t("Mã kế hoạch", "Plan key")),
        text(r.plan.as_str()),
    ])?;
    s.push(vec![text(t("Ngày đánh giá", "As of")), Cell::Date(r.as_of)])?;
    s.push(vec![
        text(t("Số liệu đăng ký ngày", "Registry snapshot of")),
        date_cell(r.snapshot),
    ])?;
    s.push(vec![
        text(t("Số tổ chức", "Organisations")),
        Cell::Whole(r.organisations),
    ])?;
    for d in &r.history {
        s.push(vec![
            text(t("Số liệu kỳ trước", "Earlier snapshot")),
            Cell::Date(*d),
        ])?;
    }
    for note in &r.notes {
        s.push(vec![text(t("Ghi chú", "Note")), text(note.text(lang))])?;
    }
    s.push(vec![
        text(t("Lập bằng", "Made with")),
        text(format!("hoptac {}", env!("CARGO_PKG_VERSION"))),
    ])?;
    workbook.push_worksheet(s.ws);

    let mut s = Sheet::new(names[1], &f)?;
    s.header(&[
        (t("Mã", "Id"), 30.0),
        (t("Mục tiêu", "Target"), 50.0),
        (t("Cách đo", "Measure"), 14.0),
        (t("Chỉ tiêu", "Threshold"), 24.0),
        (t("Giá trị chỉ tiêu", "Threshold value"), 14.0),
        (t("Đơn vị tính", "Unit"), 12.0),
        (t("Thời hạn", "Deadline"), 12.0),
        (t("Số liệu ngày", "Snapshot of"), 12.0),
        (t("Thực hiện", "Actual"), 14.0),
        (t("Thực hiện (giá trị chính xác)", "Actual (exact)"), 32.0),
        (t("Tử số", "Numerator"), 12.0),
        (t("Mẫu số", "Denominator"), 12.0),
        (t("Thiếu số liệu", "Missing"), 10.0),
        (t("Số liệu ngoài", "Figure"), 14.0),
        (t("Giá trị số liệu ngoài", "Figure value"), 14.0),
        (t("Đạt chỉ tiêu", "Met"), 10.0),
        (t("Tình trạng", "Status"), 20.0),
        (t("Mã tình trạng", "Status code"), 12.0),
        (
            t("Tiến độ so với giá trị cơ sở", "Progress from baseline"),
            14.0,
        ),
        (t("Căn cứ đánh giá tiến độ", "Pace basis"), 18.0),
        (t("Số kỳ số liệu", "Points"), 8.0),
        (t("Thay đổi mỗi năm", "Change per year"), 14.0),
        (t("Dự báo đến hạn", "Projected at deadline"), 14.0),
        (t("Mức cần đạt hiện nay", "Expected by now"), 14.0),
        (t("Năm cơ sở", "Base year"), 10.0),
        (t("Giá trị cơ sở", "Base"), 14.0),
        (t("Mức cần đạt (tăng trưởng)", "Required (growth)"), 14.0),
        (t("Lý do không có số liệu", "Why no data"), 30.0),
        (t("Ghi chú", "Notes"), 40.0),
    ])?;
    for target in &r.targets {
        let unit = target.threshold.unit();
        let shape = Shape::of(unit);
        let parts = target.parts.as_ref();
        let pace = target.pace.as_ref();
        let growth = target.growth.as_ref();
        let notes: Vec<String> = target.notes.iter().map(|n| n.text(lang)).collect();
        s.push(vec![
            text(target.id.as_str()),
            text(target.label.get(lang)),
            text(target.measure.label(lang)),
            text(target.threshold.display_in(lang)),
            Cell::Exact(target.threshold.value()),
            text(unit.display_in(lang)),
            Cell::Date(target.deadline),
            date_cell(target.snapshot),
            number(target.actual, shape),
            exact_text(target.actual),
            parts.map_or(Cell::Empty, |p| Cell::Exact(p.numerator)),
            parts.map_or(Cell::Empty, |p| Cell::Exact(p.denominator)),
            parts.map_or(Cell::Empty, |p| Cell::Whole(p.missing)),
            opt_text(target.figure.as_ref().map(|x| x.name.clone())),
            target
                .figure
                .as_ref()
                .map_or(Cell::Empty, |x| Cell::Exact(x.value)),
            met(target.met, lang),
            text(target.status.label(lang)),
            text(target.status.code()),
            number(target.progress, Shape::Percent),
            opt_text(pace.map(|p| p.basis.label(lang))),
            pace.map_or(Cell::Empty, |p| Cell::Whole(p.points as u64)),
            number(pace.and_then(|p| p.per_year), shape),
            number(pace.and_then(|p| p.projected), shape),
            number(pace.and_then(|p| p.expected_now), shape),
            growth.map_or(Cell::Empty, |g| Cell::Exact(g.base_year.into())),
            growth.map_or(Cell::Empty, |g| Cell::Exact(g.base)),
            growth.map_or(Cell::Empty, |g| Cell::Number(g.required, Shape::Decimal)),
            opt_text(target.no_data.as_ref().map(|w| w.text(lang))),
            if notes.is_empty() {
                Cell::Empty
            } else {
                text(notes.join("; "))
            },
        ])?;
    }
    workbook.push_worksheet(s.ws);

    let agency_name = |id: &crate::agency::AgencyId| {
        r.agencies
            .iter()
            .find(|a| a.agency == *id)
            .map_or_else(|| id.to_string(), |a| a.name.get(lang).to_owned())
    };
    let mut s = Sheet::new(names[2], &f)?;
    s.header(&[
        (t("Mã", "Task"), 8.0),
        (t("Đơn vị chủ trì", "Lead agencies"), 50.0),
        (t("Mã đơn vị chủ trì", "Lead agency ids"), 24.0),
        (t("Thời hạn", "Schedule"), 16.0),
        (t("Năm báo cáo gần nhất", "Latest report year"), 10.0),
        (t("Tình hình thực hiện", "Latest status"), 16.0),
        (t("Ghi chú báo cáo", "Report note"), 40.0),
        (t("Quá hạn", "Overdue"), 9.0),
        (t("Năm thiếu báo cáo", "Reports missing for"), 16.0),
    ])?;
    for task in &r.tasks {
        let names: Vec<String> = task.lead.iter().map(agency_name).collect();
        let ids: Vec<&str> = task.lead.iter().map(|a| a.as_str()).collect();
        let years: Vec<String> = task.missing_reports.iter().map(i32::to_string).collect();
        let latest = task.latest.as_ref();
        s.push(vec![
            text(task.id.as_str()),
            text(names.join("; ")),
            text(ids.join("; ")),
            opt_text(task.schedule.as_ref().map(|x| x.label(lang))),
            latest.map_or(Cell::Empty, |l| Cell::Exact(l.year.into())),
            opt_text(latest.map(|l| l.status.label(lang))),
            opt_text(latest.and_then(|l| l.note.clone())),
            yes_no(task.overdue, lang),
            if years.is_empty() {
                Cell::Empty
            } else {
                text(years.join(", "))
            },
        ])?;
    }
    workbook.push_worksheet(s.ws);

    let mut s = Sheet::new(names[3], &f)?;
    s.header(&[
        (t("Mã", "Id"), 24.0),
        (t("Đơn vị", "Agency"), 50.0),
        (t("Nhiệm vụ chủ trì", "Tasks led"), 10.0),
        (t("Quá hạn", "Overdue"), 10.0),
        (t("Thiếu báo cáo", "With reports missing"), 12.0),
    ])?;
    for a in &r.agencies {
        s.push(vec![
            text(a.agency.as_str()),
            text(a.name.get(lang)),
            Cell::Whole(a.tasks_led as u64),
            Cell::Whole(a.overdue as u64),
            Cell::Whole(a.reports_missing as u64),
        ])?;
    }
    workbook.push_worksheet(s.ws);

    let mut s = Sheet::new(names[4], &f)?;
    s.header(&[
        (t("Mã mục tiêu", "Target"), 30.0),
        (t("Phân tổ theo", "By"), 12.0),
        (t("Nhóm", "Group"), 30.0),
        (t("Tử số", "Numerator"), 12.0),
        (t("Mẫu số", "Denominator"), 12.0),
        (t("Giá trị", "Value"), 12.0),
        (t("Giá trị chính xác", "Value (exact)"), 32.0),
        (t("Đạt chỉ tiêu", "Met"), 10.0),
        (t("Lý do không có số liệu", "Why no data"), 30.0),
    ])?;
    for target in &r.targets {
        let Some(b) = &target.breakdown else { continue };
        let shape = Shape::of(target.threshold.unit());
        for g in &b.groups {
            s.push(vec![
                text(target.id.as_str()),
                text(b.by.label(lang)),
                text(b.group_name(g, lang)),
                Cell::Exact(g.parts.numerator),
                Cell::Exact(g.parts.denominator),
                number(g.actual, shape),
                exact_text(g.actual),
                met(g.met, lang),
                opt_text(g.no_data.as_ref().map(|w| w.text(lang))),
            ])?;
        }
    }
    workbook.push_worksheet(s.ws);
    Ok(workbook)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactness_in_a_double_is_decided_on_the_decimal() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        for (v, exact) in [
            ("1200", true),
            ("61.5", true),
            ("0.1", true),
            ("9007199254740993", false),
            ("61.472785485592315901814300960", false),
            ("3442000", true),
        ] {
            assert_eq!(exact_in_f64(d(v)), exact, "{v}");
        }
        assert_eq!(to_f64(d("61.5")), Some(61.5));
    }

    #[test]
    fn sheet_names_fit_excel() {
        for lang in Lang::ALL {
            for name in sheet_names(lang) {
                assert!(
                    name.chars().count() <= 31
                        && !name.contains(['[', ']', ':', '*', '?', '/', '\\'])
                );
            }
        }
    }
}
