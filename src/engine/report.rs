//! The report as a table for people, in Vietnamese or English.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::engine::finalize::TargetResult;
use crate::engine::Report;
use crate::lang::{format_decimal, Labelled, Lang};
use crate::plan::MeasureKind;
use crate::threshold::Unit;

/// A [`Report`] printed as a table in one language; made by [`Report::table`].
///
/// Numbers follow the language's format (vi `1.200`, `61,5%`; en `1,200`,
/// `61.5%`) and are rounded for display only: percentages to one decimal,
/// money to whole dong, other values to two decimals.
///
/// ```
/// use hoptac::{catalog, Inputs, Lang, Registry};
/// let plan = catalog::get("an-giang-1206-2020").ok_or("plan")?;
/// let report = plan.evaluate(&Registry::new(), &Inputs::new(chrono::NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?))?;
/// assert!(report.table(Lang::En).to_string().contains("TASKS"));
/// assert!(report.table(Lang::Vi).to_string().contains("NHIỆM VỤ"));
/// // Lead agencies by name, not by id.
/// assert!(report.table(Lang::Vi).to_string().contains("Chủ trì: Sở"));
/// assert!(!report.table(Lang::En).to_string().contains("so-nganh"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ReportTable<'a> {
    report: &'a Report,
    lang: Lang,
}

impl Report {
    /// The report as a table in `lang`.
    ///
    /// ```
    /// use hoptac::{catalog, Inputs, Lang, Registry};
    /// use chrono::NaiveDate;
    /// let plan = catalog::get("nghe-an-363-2023").unwrap();
    /// let report = plan.evaluate(&Registry::new(), &Inputs::new(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()))?;
    /// let text = report.table(Lang::En).to_string();
    /// assert!(text.contains("TARGETS"));
    /// assert!(report.to_string().contains("MỤC TIÊU"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn table(&self, lang: Lang) -> ReportTable<'_> {
        ReportTable { report: self, lang }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.table(Lang::Vi).fmt(f)
    }
}

/// A date as reports write it: dd/mm/yyyy.
pub(super) fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// The plan as its document names it: "Kế hoạch số 363/KH-UBND ngày
/// 30/5/2023 của UBND tỉnh Nghệ An" (in English "Plan No. 363/KH-UBND of
/// 30/5/2023, UBND tỉnh Nghệ An"), each part only where known; the plan's
/// key where nothing is.
pub(super) fn document_line(r: &Report, lang: Lang) -> String {
    use crate::doc::DocKind;
    use crate::Labelled;
    if r.doc.is_none() && r.issued.is_none() && r.issuer.is_empty() && r.called.is_none() {
        return r.plan.to_string();
    }
    let kind = r
        .called
        .as_deref()
        .and_then(DocKind::from_name)
        .or_else(|| r.doc.as_ref().and_then(|d| d.kind()));
    let called = match (kind, &r.called) {
        (Some(kind), _) => kind.label(lang).to_owned(),
        (None, Some(called)) => called.clone(),
        (None, None) => lang.pick("Văn bản", "Document").to_owned(),
    };
    let mut line = called;
    if let Some(doc) = &r.doc {
        line.push_str(lang.pick(" số ", " No. "));
        line.push_str(&doc.to_string());
    }
    if let Some(issued) = r.issued {
        line.push_str(lang.pick(" ngày ", " of "));
        line.push_str(&issued.format("%-d/%-m/%Y").to_string());
    }
    if !r.issuer.is_empty() {
        line.push_str(lang.pick(" của ", ", "));
        line.push_str(&r.issuer);
    }
    line
}

/// A value rounded and formatted for display, with its unit sign.
///
/// Organisations, members and items are whole: a projected 1.187,4 hợp tác
/// xã shows as 1.187. Halves round away from zero, as Excel shows them.
pub(crate) fn show_value(value: Decimal, unit: &Unit, lang: Lang) -> String {
    let round =
        |dp| value.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    match unit {
        Unit::Percent => format!("{}%", format_decimal(round(1), lang)),
        Unit::Vnd | Unit::Organisations | Unit::Members | Unit::Items => {
            format_decimal(round(0), lang)
        }
        _ => format_decimal(round(2), lang),
    }
}

fn pad(s: &str, width: usize) -> String {
    let len = s.chars().count();
    if len >= width {
        s.to_owned()
    } else {
        format!("{s}{}", " ".repeat(width - len))
    }
}

impl ReportTable<'_> {
    fn t(&self, vi: &'static str, en: &'static str) -> &'static str {
        match self.lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    fn target_line(&self, f: &mut fmt::Formatter<'_>, r: &TargetResult) -> fmt::Result {
        let lang = self.lang;
        let unit = r.threshold.unit();
        let actual = r
            .actual
            .map_or_else(|| "—".to_owned(), |v| show_value(v, unit, lang));
        writeln!(
            f,
            "{} {} {} {} {}",
            pad(r.id.as_str(), 36),
            pad(&actual, 16),
            pad(&r.threshold.display_in(lang), 30),
            pad(&date(r.deadline), 10),
            r.status.label(lang)
        )?;
        let label = r.label.get(lang);
        writeln!(f, "    {label}")?;
        if let Some(p) = &r.parts {
            let mut bits = Vec::new();
            match r.measure {
                MeasureKind::Share | MeasureKind::RatioOfSums => bits.push(format!(
                    "{} {} / {}",
                    self.t("tử số / mẫu số", "numerator / denominator"),
                    format_decimal(p.numerator, lang),
                    format_decimal(p.denominator, lang)
                )),
                MeasureKind::Mean => bits.push(format!(
                    "{} {} / {}",
                    self.t("tổng / số tổ chức", "sum / organisations"),
                    format_decimal(p.numerator, lang),
                    format_decimal(p.denominator, lang)
                )),
                _ => {}
            }
            if let Some(fig) = &r.figure {
                bits.push(format!(
                    "{} `{}` = {}",
                    self.t("số liệu", "figure"),
                    fig.name,
                    format_decimal(fig.value, lang)
                ));
            }
            if p.missing > 0 {
                bits.push(format!(
                    "{} {}",
                    self.t("thiếu số liệu", "missing"),
                    format_decimal(p.missing.into(), lang)
                ));
            }
            if !bits.is_empty() {
                writeln!(f, "    ({})", bits.join("; "))?;
            }
        }
        if let Some(progress) = r.progress {
            writeln!(
                f,
                "    {} {}%",
                self.t("tiến độ so với giá trị cơ sở:", "progress from baseline:"),
                format_decimal(progress.round_dp(1), lang)
            )?;
        }
        if let Some(pace) = &r.pace {
            if let Some(p) = pace.projected {
                writeln!(
                    f,
                    "    {} {}",
                    self.t("dự báo đến hạn:", "projected at deadline:"),
                    show_value(p, unit, lang)
                )?;
            }
            if let Some(e) = pace.expected_now {
                writeln!(
                    f,
                    "    {} {}",
                    self.t("mức cần đạt hiện nay:", "expected by now:"),
                    show_value(e, unit, lang)
                )?;
            }
        }
        if let Some(why) = &r.no_data {
            writeln!(f, "    ! {}", why.text(lang))?;
        }
        if r.actual.is_none() {
            for note in &r.notes {
                writeln!(f, "    ! {}", note.text(lang))?;
            }
        }
        if let Some(breakdown) = &r.breakdown {
            for line in breakdown.table(lang).lines() {
                writeln!(f, "    {}", line.trim_end())?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for ReportTable<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.report;
        let lang = self.lang;
        let title = r.title.get(lang);
        writeln!(
            f,
            "{} {}",
            self.t("ĐÁNH GIÁ KẾ HOẠCH", "PLAN EVALUATION"),
            document_line(r, lang)
        )?;
        writeln!(f, "{title}")?;
        write!(
            f,
            "{} {}",
            self.t("Ngày đánh giá:", "As of:"),
            date(r.as_of)
        )?;
        match r.snapshot {
            Some(s) => writeln!(
                f,
                "; {} {} ({} {})",
                self.t("số liệu đăng ký ngày", "registry snapshot of"),
                date(s),
                format_decimal(r.organisations.into(), lang),
                self.t("tổ chức", "organisations")
            )?,
            None => writeln!(
                f,
                "; {}",
                self.t("không có số liệu đăng ký", "no registry snapshot")
            )?,
        }
        if !r.history.is_empty() {
            let dates: Vec<String> = r.history.iter().map(|d| date(*d)).collect();
            writeln!(
                f,
                "{} {}",
                self.t("Số liệu các kỳ trước:", "Earlier snapshots:"),
                dates.join(", ")
            )?;
        }
        for note in &r.notes {
            writeln!(f, "! {}", note.text(lang))?;
        }
        if !r.targets.is_empty() {
            writeln!(f)?;
            writeln!(f, "{}", self.t("MỤC TIÊU", "TARGETS"))?;
            writeln!(
                f,
                "{} {} {} {} {}",
                pad(self.t("Mã", "Id"), 36),
                pad(self.t("Thực hiện", "Actual"), 16),
                pad(self.t("Chỉ tiêu", "Threshold"), 30),
                pad(self.t("Thời hạn", "Deadline"), 10),
                self.t("Tình trạng", "Status")
            )?;
            for t in &r.targets {
                self.target_line(f, t)?;
            }
        }
        if !r.tasks.is_empty() {
            writeln!(f)?;
            writeln!(f, "{}", self.t("NHIỆM VỤ", "TASKS"))?;
            for t in &r.tasks {
                let state = t.schedule.as_ref().map_or("—", |s| s.label(lang));
                let latest = t.latest.as_ref().map_or_else(
                    || self.t("chưa có báo cáo", "no report").to_owned(),
                    |l| format!("{} ({})", l.status.label(lang), l.year),
                );
                // Agencies by their names in the report's language (the
                // summary of agencies holds them), ids only for one it lacks.
                let leads: Vec<&str> = t
                    .lead
                    .iter()
                    .map(|a| {
                        r.agencies
                            .iter()
                            .find(|s| s.agency == *a)
                            .map_or(a.as_str(), |s| s.name.get(lang))
                    })
                    .collect();
                let mut flags = Vec::new();
                if t.overdue {
                    flags.push(self.t("QUÁ HẠN", "OVERDUE").to_owned());
                }
                if !t.missing_reports.is_empty() {
                    let years: Vec<String> = t.missing_reports.iter().map(i32::to_string).collect();
                    flags.push(format!(
                        "{} {}",
                        self.t("thiếu báo cáo", "reports missing for"),
                        years.join(", ")
                    ));
                }
                let line = format!(
                    "{} {} {} {}",
                    pad(t.id.as_str(), 8),
                    pad(state, 16),
                    pad(&latest, 26),
                    flags.join("; ")
                );
                writeln!(f, "{}", line.trim_end())?;
                if !leads.is_empty() {
                    writeln!(
                        f,
                        "         {} {}",
                        self.t("Chủ trì:", "Lead:"),
                        leads.join(", ")
                    )?;
                }
            }
        }
        if !r.agencies.is_empty() {
            writeln!(f)?;
            writeln!(f, "{}", self.t("ĐƠN VỊ CHỦ TRÌ", "LEAD AGENCIES"))?;
            writeln!(
                f,
                "{} {} {} {}",
                pad(self.t("Đơn vị", "Agency"), 60),
                pad(self.t("Nhiệm vụ", "Tasks"), 9),
                pad(self.t("Quá hạn", "Overdue"), 9),
                self.t("Thiếu báo cáo", "Reports missing")
            )?;
            for a in &r.agencies {
                let name = a.name.get(lang);
                writeln!(
                    f,
                    "{} {} {} {}",
                    pad(name, 60),
                    pad(&a.tasks_led.to_string(), 9),
                    pad(&a.overdue.to_string(), 9),
                    a.reports_missing
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod show_value_tests {
    use super::*;

    #[test]
    fn whole_units_show_whole_numbers() {
        let v = |s: &str| s.parse::<Decimal>().unwrap();
        let cases = [
            ("1187.4", Unit::Organisations, "1.187"),
            ("1187.5", Unit::Organisations, "1.188"),
            ("278000.49", Unit::Members, "278.000"),
            ("6.5", Unit::Items, "7"),
            ("61.54", Unit::Percent, "61,5%"),
            (
                "2.345",
                Unit::PerUnit {
                    per: "xã".to_owned(),
                },
                "2,35",
            ),
        ];
        for (value, unit, want) in cases {
            assert_eq!(
                show_value(v(value), &unit, Lang::Vi),
                want,
                "{value} {unit:?}"
            );
        }
    }
}
