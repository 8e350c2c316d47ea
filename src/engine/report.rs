//! The report as a table for people, in Vietnamese or English.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::engine::finalize::TargetResult;
use crate::engine::tally::Parts;
use crate::engine::Report;
use crate::lang::{format_decimal, Labelled, Lang};
use crate::plan::MeasureKind;
use crate::threshold::{Threshold, Unit};

/// A [`Report`] printed as a table in one language; made by [`Report::table`].
///
/// Numbers follow the language's format (vi `1.200`, `61,5%`; en `1,200`,
/// `61.5%`) and are rounded for display only: percentages to one decimal,
/// money to whole dong, other values to two decimals. Money is shown in the
/// unit the plan wrote when the target's label writes the threshold's
/// amount in it ("ít nhất 1.000 triệu đồng", "at least 1,000 million VND"),
/// to two decimals of that unit. Each "of which" (trong đó) target
/// ([`TargetResult::parent`]) comes right under its parent, indented; each
/// task shows its text; with a drill-down (`Inputs::drill_down`) the ids of
/// the organisations behind each number are listed under the target.
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
        Unit::Vnd | Unit::VndPerMonth | Unit::Organisations | Unit::Members | Unit::Items => {
            format_decimal(round(0), lang)
        }
        _ => format_decimal(round(2), lang),
    }
}

/// A larger unit money is written in (nghìn, triệu, tỷ đồng).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MoneyScale {
    /// How many dong one of it is.
    factor: u64,
    /// Its Vietnamese words, the first canonical.
    vi: &'static [&'static str],
    /// Its English words.
    en: &'static str,
}

const MONEY_SCALES: [MoneyScale; 3] = [
    MoneyScale {
        factor: 1_000_000_000,
        vi: &["tỷ đồng", "tỉ đồng"],
        en: "billion VND",
    },
    MoneyScale {
        factor: 1_000_000,
        vi: &["triệu đồng"],
        en: "million VND",
    },
    MoneyScale {
        factor: 1_000,
        vi: &["nghìn đồng", "ngàn đồng"],
        en: "thousand VND",
    },
];

impl MoneyScale {
    /// The scale a target's money is written in: the one whose amount, the
    /// threshold's value in that scale, its Vietnamese label writes ("Doanh
    /// thu bình quân ... đạt 1.000 triệu đồng" for 1.000.000.000 đồng).
    /// `None` for other units and when the label writes no such amount:
    /// the report then shows whole dong.
    fn written(r: &TargetResult) -> Option<MoneyScale> {
        if !matches!(r.threshold.unit(), Unit::Vnd | Unit::VndPerMonth) {
            return None;
        }
        let label = r.label.get(Lang::Vi).to_lowercase();
        let value = r.threshold.value();
        MONEY_SCALES.into_iter().find(|scale| {
            let amount = format_decimal(value / Decimal::from(scale.factor), Lang::Vi);
            scale
                .vi
                .iter()
                .any(|word| label.contains(&format!("{amount} {word}")))
        })
    }

    /// `value` dong in this scale, to two decimals, with its words.
    fn show(self, value: Decimal, lang: Lang) -> String {
        let scaled = (value / Decimal::from(self.factor))
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        format!(
            "{} {}",
            format_decimal(scaled, lang),
            lang.pick(self.vi[0], self.en)
        )
    }

    /// The threshold's text with its amounts in this scale: "ít nhất 1.000
    /// triệu đồng" for "ít nhất 1.000.000.000 đồng". The threshold's own
    /// text when an amount is not found in it (never a mix of units).
    fn threshold(self, t: &Threshold, lang: Lang) -> String {
        let text = t.display_in(lang);
        let unit = lang.pick("đồng", "VND");
        let mut out = text.clone();
        let amounts: Vec<Decimal> = t.aspiration().into_iter().chain([t.value()]).collect();
        for &v in &amounts {
            let full = format_decimal(v, lang);
            let scaled = format_decimal(v / Decimal::from(self.factor), lang);
            let with_unit = format!("{full} {unit}");
            out = if out.contains(&with_unit) {
                out.replacen(&with_unit, &self.show(v, lang), 1)
            } else {
                out.replacen(&full, &scaled, 1)
            };
        }
        let whole = |v: &Decimal| format_decimal(*v, lang);
        if out == text || amounts.iter().any(|v| out.contains(&whole(v))) {
            return text;
        }
        out
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

/// The targets in the order the table shows them: each "of which" (trong
/// đó) target right under its parent, after its earlier siblings, with its
/// depth; otherwise the report's order. A parent the report lacks, or a
/// loop of parents (a report read from JSON may hold one), leaves a target
/// at the top level; every target is shown once.
fn of_which_order(targets: &[TargetResult]) -> Vec<(&TargetResult, usize)> {
    use std::collections::HashMap;
    let index: HashMap<&str, usize> = targets
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let parent_of = |t: &TargetResult| {
        t.parent
            .as_ref()
            .and_then(|p| index.get(p.as_str()).copied())
            .filter(|&p| targets[p].id != t.id)
    };
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); targets.len()];
    for (i, t) in targets.iter().enumerate() {
        if let Some(p) = parent_of(t) {
            children[p].push(i);
        }
    }
    let mut out = Vec::with_capacity(targets.len());
    let mut shown = vec![false; targets.len()];
    // Roots first, then whatever a loop of parents left unreached.
    let roots: Vec<usize> = (0..targets.len())
        .filter(|&i| parent_of(&targets[i]).is_none())
        .chain(0..targets.len())
        .collect();
    for root in roots {
        // An explicit stack: parent chains may be long, and no recursion is
        // unbounded here.
        let mut stack = vec![(root, 0usize)];
        while let Some((i, depth)) = stack.pop() {
            if std::mem::replace(&mut shown[i], true) {
                continue;
            }
            out.push((&targets[i], depth.min(MAX_INDENT)));
            stack.extend(children[i].iter().rev().map(|&c| (c, depth + 1)));
        }
    }
    out
}

/// The deepest "of which" indentation shown.
const MAX_INDENT: usize = 6;

/// Ids written as lines of at most about 100 characters, each after `lead`.
fn wrapped(ids: &[String], lead: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for id in ids {
        if !line.is_empty() && line.chars().count() + id.chars().count() + 2 > 100 {
            lines.push(format!("{lead}{line},"));
            line.clear();
        }
        if !line.is_empty() {
            line.push_str(", ");
        }
        line.push_str(id);
    }
    if !line.is_empty() {
        lines.push(format!("{lead}{line}"));
    }
    lines
}

impl ReportTable<'_> {
    fn t(&self, vi: &'static str, en: &'static str) -> &'static str {
        match self.lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// The organisations behind a target's numbers, when the evaluation
    /// kept them (drill-down, `Inputs::drill_down`).
    fn drill_down(&self, f: &mut String, measure: MeasureKind, p: &Parts) -> fmt::Result {
        use fmt::Write;
        let ratio = matches!(measure, MeasureKind::Share | MeasureKind::RatioOfSums);
        let groups = [
            (
                &p.numerator_ids,
                if ratio {
                    self.t("tử số", "numerator")
                } else {
                    self.t("được tính", "counted")
                },
            ),
            (&p.denominator_ids, self.t("mẫu số", "denominator")),
            (&p.missing_ids, self.t("thiếu số liệu", "lacking a value")),
        ];
        for (ids, name) in groups {
            let Some(ids) = ids else { continue };
            writeln!(
                f,
                "    {name} ({} {}):",
                format_decimal(Decimal::from(ids.len()), self.lang),
                self.t("tổ chức", "organisations")
            )?;
            for line in wrapped(ids, "        ") {
                writeln!(f, "{line}")?;
            }
        }
        Ok(())
    }

    /// One target: its line, label and details; `depth` is how many
    /// "of which" (trong đó) parents it has, each indenting it by two.
    fn target_line(&self, f: &mut String, r: &TargetResult, depth: usize) -> fmt::Result {
        use fmt::Write;
        let lang = self.lang;
        let unit = r.threshold.unit();
        let money = MoneyScale::written(r);
        let show = |v: Decimal| match money {
            Some(scale) => scale.show(v, lang),
            None => show_value(v, unit, lang),
        };
        let actual = r.actual.map_or_else(|| "—".to_owned(), show);
        let threshold = match money {
            Some(scale) => scale.threshold(&r.threshold, lang),
            None => r.threshold.display_in(lang),
        };
        let indent = "  ".repeat(depth);
        writeln!(
            f,
            "{} {} {} {} {}",
            pad(&format!("{indent}{}", r.id), 36),
            pad(&actual, 16),
            pad(&threshold, 30),
            pad(&date(r.deadline), 10),
            r.status.label(lang)
        )?;
        let label = r.label.get(lang);
        let says_of_which = ["trong đó", "of which", "of those"]
            .iter()
            .any(|w| label.to_lowercase().starts_with(w));
        if depth > 0 && !says_of_which {
            writeln!(f, "    {} {label}", self.t("trong đó:", "of which:"))?;
        } else {
            writeln!(f, "    {label}")?;
        }
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
                    money.map_or_else(
                        || format_decimal(p.numerator, lang),
                        |scale| scale.show(p.numerator, lang)
                    ),
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
                    show(p)
                )?;
            }
            if let Some(e) = pace.expected_now {
                writeln!(
                    f,
                    "    {} {}",
                    self.t("mức cần đạt hiện nay:", "expected by now:"),
                    show(e)
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
        if let Some(p) = &r.parts {
            self.drill_down(f, r.measure, p)?;
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
            for (t, depth) in of_which_order(&r.targets) {
                let mut block = String::new();
                self.target_line(&mut block, t, depth)?;
                // The details of an "of which" target indented as its id.
                let indent = "  ".repeat(depth);
                for (i, line) in block.lines().enumerate() {
                    match i {
                        0 => writeln!(f, "{line}")?,
                        _ => writeln!(f, "{indent}{line}")?,
                    }
                }
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
                let flags = task_warnings(t, lang);
                let line = format!(
                    "{} {} {} {}",
                    pad(t.id.as_str(), 8),
                    pad(state, 16),
                    pad(&latest, 26),
                    flags.join("; ")
                );
                writeln!(f, "{}", line.trim_end())?;
                let text = t.text.get(lang).trim();
                if !text.is_empty() {
                    writeln!(f, "         {text}")?;
                }
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

/// A task's warnings for people: overdue, and the years whose reports are
/// missing ("QUÁ HẠN", "thiếu báo cáo 2024, 2025").
pub(super) fn task_warnings(t: &super::TaskResult, lang: Lang) -> Vec<String> {
    let mut flags = Vec::new();
    if t.overdue {
        flags.push(lang.pick("QUÁ HẠN", "OVERDUE").to_owned());
    }
    if !t.missing_reports.is_empty() {
        let years: Vec<String> = t.missing_reports.iter().map(i32::to_string).collect();
        flags.push(format!(
            "{} {}",
            lang.pick("thiếu báo cáo", "reports missing for"),
            years.join(", ")
        ));
    }
    flags
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

#[cfg(test)]
#[cfg(feature = "json")]
mod table_tests {
    use super::*;
    use crate::{catalog, Inputs, Registry};

    fn report(key: &str) -> Report {
        let plan = catalog::get(key).unwrap();
        let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        plan.evaluate(&Registry::new(), &Inputs::new(as_of))
            .unwrap()
    }

    #[test]
    fn money_is_shown_in_the_unit_the_plan_wrote() {
        let r = report("plan-004-2023");
        let revenue = r.target("p4.revenue.mean").unwrap();
        let income = r.target("p4.income.mean").unwrap();
        let scale = MoneyScale::written(revenue).unwrap();
        assert_eq!(scale.factor, 1_000_000);
        assert_eq!(MoneyScale::written(income).unwrap().factor, 1_000_000);
        let v = |s: &str| s.parse::<Decimal>().unwrap();
        let cases = [
            ("2614723000", Lang::Vi, "2.614,72 triệu đồng"),
            ("2614723000", Lang::En, "2,614.72 million VND"),
            ("1000000000", Lang::Vi, "1.000 triệu đồng"),
            ("5", Lang::Vi, "0 triệu đồng"),
        ];
        for (value, lang, want) in cases {
            assert_eq!(scale.show(v(value), lang), want);
        }
        assert_eq!(
            scale.threshold(&revenue.threshold, Lang::Vi),
            "ít nhất 1.000 triệu đồng"
        );
        assert_eq!(
            scale.threshold(&revenue.threshold, Lang::En),
            "at least 1,000 million VND"
        );
        let text = r.table(Lang::Vi).to_string();
        assert!(text.contains("ít nhất 1.000 triệu đồng"), "{text}");
        assert!(!text.contains("1.000.000.000"), "{text}");
        // A count is not money.
        let count = r.targets.iter().find(|t| t.threshold.unit() != &Unit::Vnd);
        assert!(count.is_some_and(|t| MoneyScale::written(t).is_none()));
    }

    #[test]
    fn money_the_label_does_not_write_stays_in_dong() {
        let mut r = report("plan-004-2023");
        let revenue = r
            .targets
            .iter_mut()
            .find(|t| t.id.as_str() == "p4.revenue.mean");
        let revenue = revenue.unwrap();
        revenue.label = crate::Bilingual::both("Doanh thu bình quân 1 tỷ", "Revenue");
        assert_eq!(MoneyScale::written(revenue), None);
        revenue.label = crate::Bilingual::both("Doanh thu đạt 1 tỷ đồng", "Revenue");
        let scale = MoneyScale::written(revenue).unwrap();
        assert_eq!(
            scale.threshold(&revenue.threshold, Lang::Vi),
            "ít nhất 1 tỷ đồng"
        );
        let range: Threshold = "từ 1 - 2 tỷ đồng".parse().unwrap();
        assert_eq!(scale.threshold(&range, Lang::En), "from 1 to 2 billion VND");
    }

    #[test]
    fn of_which_targets_follow_their_parents() {
        let r = report("nghe-an-363-2023");
        let order = of_which_order(&r.targets);
        assert_eq!(order.len(), r.targets.len());
        let at = |id: &str| order.iter().position(|(t, _)| t.id.as_str() == id).unwrap();
        let parent = at("na2030.good_fair.share");
        let child = at("na2030.good_fair_value_chain.share");
        assert_eq!(child, parent + 1);
        assert_eq!(order[parent].1, 0);
        assert_eq!(order[child].1, 1);
        let text = r.table(Lang::En).to_string();
        assert!(
            text.contains("\n  na2030.good_fair_value_chain.share "),
            "{text}"
        );
        // A loop of parents (possible in a report read from JSON): each
        // target still shown once.
        let mut targets = r.targets.clone();
        let (a, b) = (targets[0].id.clone(), targets[1].id.clone());
        targets[0].parent = Some(b);
        targets[1].parent = Some(a);
        let order = of_which_order(&targets);
        assert_eq!(order.len(), targets.len());
        let mut ids: Vec<&str> = order.iter().map(|(t, _)| t.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), targets.len());
    }

    #[test]
    fn tasks_show_their_text() {
        let r = report("nghe-an-363-2023");
        let text = r.table(Lang::Vi).to_string();
        let task = &r.tasks[0];
        assert!(text.contains(task.text.get(Lang::Vi).trim()), "{text}");
    }

    #[test]
    fn ids_wrap_at_about_a_hundred_characters() {
        let ids: Vec<String> = (0..40).map(|i| format!("htx-{i:04}")).collect();
        let lines = wrapped(&ids, "  ");
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= 104), "{lines:?}");
        let back: Vec<String> = lines
            .iter()
            .flat_map(|l| {
                l.trim()
                    .split(", ")
                    .map(|s| s.trim_end_matches(',').to_owned())
            })
            .collect();
        assert_eq!(back, ids);
        assert!(wrapped(&[], "  ").is_empty());
    }
}
