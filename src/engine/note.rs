//! Remarks on an evaluation (ghi chú), typed so that reports say them in
//! their own language and callers can branch on them.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::report::date as vi_date;
use crate::lang::Lang;

/// A remark on an evaluation or on one target's result (ghi chú): what was
/// used in place of what was missing, and inputs that matched nothing (never
/// dropped silently). [`Note::text`] says it in Vietnamese or English;
/// `Display` is the English text.
///
/// ```
/// use hoptac::{Lang, report::Note};
/// let note = Note::OrganisationsMissing { missing: 3 };
/// assert_eq!(note.text(Lang::Vi), "3 tổ chức thiếu số liệu, không được tính");
/// assert_eq!(note.to_string(), "3 organisations lack a value and are not counted");
/// let json = serde_json::to_string(&note)?;
/// assert_eq!(json, r#"{"kind":"organisations_missing","missing":3}"#);
/// assert_eq!(serde_json::from_str::<Note>(&json)?, note);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Note {
    /// The as-of date is before the plan was issued.
    AsOfBeforeIssue {
        /// The date evaluated.
        #[serde(with = "crate::serde_util::DateStr")]
        as_of: NaiveDate,
        /// The plan's date of issue.
        #[serde(with = "crate::serde_util::DateStr")]
        issued: NaiveDate,
    },
    /// No registry snapshot is dated on or before the as-of date.
    NoSnapshot {
        /// The date evaluated.
        #[serde(with = "crate::serde_util::DateStr")]
        as_of: NaiveDate,
    },
    /// An input was given for a target of an id the plan has, or lacks, and
    /// was not used.
    InputIgnored {
        /// What was given.
        input: IgnoredInput,
        /// The target it named.
        target: String,
        /// Why it was not used.
        reason: IgnoredReason,
    },
    /// Task reports for tasks the plan does not have.
    TaskReportsIgnored {
        /// The tasks named, sorted, each once.
        tasks: Vec<String>,
    },
    /// Organisations of the measure's population that lack the value a
    /// filter or sum reads.
    OrganisationsMissing {
        /// How many.
        missing: u64,
    },
    /// A running total over years some of which have no reported value.
    YearsNotReported {
        /// The years without a value.
        years: Vec<i32>,
    },
    /// Organisations of other provinces than the plan's were left out of
    /// every target (phạm vi: DOMAIN.md, "Scope").
    OutsideScope {
        /// The plan's province.
        province: String,
        /// How many organisations were left out.
        organisations: u64,
        /// The date of the snapshot they are in.
        #[serde(with = "crate::serde_util::DateStr")]
        snapshot: NaiveDate,
    },
    /// A warning: the snapshot holds no organisation of the plan's province,
    /// only others, so it was evaluated as given, every organisation
    /// counted (a test, or a registry the user must check).
    NoneInScope {
        /// The plan's province.
        province: String,
        /// Organisations in the snapshot, all counted.
        organisations: u64,
        /// The snapshot's date.
        #[serde(with = "crate::serde_util::DateStr")]
        snapshot: NaiveDate,
    },
    /// No snapshot on or before the deadline: the target is judged on the
    /// first later one.
    JudgedOnLaterSnapshot {
        /// The target's deadline.
        #[serde(with = "crate::serde_util::DateStr")]
        deadline: NaiveDate,
        /// The snapshot used.
        #[serde(with = "crate::serde_util::DateStr")]
        snapshot: NaiveDate,
    },
}

crate::vocab::code_enum! {
    /// An input that [`Note::InputIgnored`] names.
    pub enum IgnoredInput [3] as "ignored input" in "report::" {
        /// A reported value (`Inputs::reported`).
        ReportedValue = "reported_value", vi "giá trị báo cáo", en "a reported value";
        /// Reported values by year (`Inputs::reported_by_year`).
        ReportedByYear = "reported_by_year", vi "giá trị báo cáo theo năm", en "reported values by year";
        /// A base value for growth (`Inputs::base_values`).
        BaseValue = "base_value", vi "giá trị gốc", en "a base value";
    }
}

crate::vocab::code_enum! {
    /// Why [`Note::InputIgnored`]'s input was not used.
    pub enum IgnoredReason [3] as "reason" in "report::" {
        /// The plan has no target of that id.
        NoSuchTarget = "no_such_target", vi "kế hoạch không có mục tiêu này", en "the plan has no such target";
        /// The target is measured on the registry, not reported.
        MeasuredOnRegistry = "measured_on_registry", vi "mục tiêu được đo trên số liệu đăng ký", en "the target is measured on the registry";
        /// The target is not a growth target.
        NotGrowth = "not_growth", vi "mục tiêu không phải mục tiêu tăng trưởng", en "the plan has no growth target of that id";
    }
}

impl Note {
    /// The note for people, in `lang`, with dates as dd/mm/yyyy.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::{Lang, report::Note};
    /// let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let note = Note::NoSnapshot { as_of };
    /// assert_eq!(note.text(Lang::Vi), "không có số liệu đăng ký đến ngày 31/12/2025");
    /// assert_eq!(note.text(Lang::En), "no registry snapshot on or before 31/12/2025");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn text(&self, lang: Lang) -> String {
        use crate::Labelled;
        match self {
            Note::AsOfBeforeIssue { as_of, issued } => lang.pick(
                format!(
                    "ngày đánh giá {} trước ngày ban hành kế hoạch {}",
                    vi_date(*as_of),
                    vi_date(*issued)
                ),
                format!(
                    "the as-of date {} is before the plan's date of issue {}",
                    vi_date(*as_of),
                    vi_date(*issued)
                ),
            ),
            Note::NoSnapshot { as_of } => lang.pick(
                format!("không có số liệu đăng ký đến ngày {}", vi_date(*as_of)),
                format!("no registry snapshot on or before {}", vi_date(*as_of)),
            ),
            Note::InputIgnored {
                input,
                target,
                reason,
            } => lang.pick(
                format!(
                    "bỏ qua {} của `{target}`: {}",
                    input.label(lang),
                    reason.label(lang)
                ),
                format!(
                    "{} for `{target}` was ignored: {}",
                    input.label(lang),
                    reason.label(lang)
                ),
            ),
            Note::TaskReportsIgnored { tasks } => {
                let list: Vec<String> = tasks.iter().map(|t| format!("`{t}`")).collect();
                let list = list.join(", ");
                match tasks.len() {
                    1 => lang.pick(
                        format!("bỏ qua báo cáo của nhiệm vụ {list}: kế hoạch không có nhiệm vụ này"),
                        format!("task reports for {list} were ignored: the plan has no such task"),
                    ),
                    n => lang.pick(
                        format!("bỏ qua báo cáo của {n} nhiệm vụ kế hoạch không có: {list}"),
                        format!("task reports for {n} tasks the plan lacks were ignored: {list}"),
                    ),
                }
            }
            Note::OrganisationsMissing { missing } => lang.pick(
                format!("{missing} tổ chức thiếu số liệu, không được tính"),
                format!("{missing} organisations lack a value and are not counted"),
            ),
            Note::OutsideScope {
                province,
                organisations,
                snapshot,
            } => lang.pick(
                format!(
                    "{organisations} tổ chức ngoài tỉnh {province} trong số liệu ngày {} không được tính",
                    vi_date(*snapshot)
                ),
                format!(
                    "{organisations} organisations outside {province} in the snapshot of {} were left out",
                    vi_date(*snapshot)
                ),
            ),
            Note::NoneInScope {
                province,
                organisations,
                snapshot,
            } => lang.pick(
                format!(
                    "cảnh báo: số liệu ngày {} không có tổ chức nào của tỉnh {province}, chỉ có tỉnh khác; đã tính cả {organisations} tổ chức như đã cho, cần kiểm tra lại số liệu",
                    vi_date(*snapshot)
                ),
                format!(
                    "warning: the snapshot of {} holds no organisation of {province}, only of other provinces; all {organisations} organisations were counted as given: check the registry",
                    vi_date(*snapshot)
                ),
            ),
            Note::YearsNotReported { years } => {
                let list: Vec<String> = years.iter().map(i32::to_string).collect();
                let list = list.join(", ");
                lang.pick(
                    format!("chưa có giá trị báo cáo năm {list}: tổng cộng dồn gồm các năm còn lại"),
                    format!("no value reported for {list}: the running total adds the other years"),
                )
            }
            Note::JudgedOnLaterSnapshot { deadline, snapshot } => lang.pick(
                format!(
                    "không có số liệu đăng ký đến thời hạn {}: đánh giá theo số liệu ngày {}",
                    vi_date(*deadline),
                    vi_date(*snapshot)
                ),
                format!(
                    "no registry snapshot on or before the deadline {}: judged on the first later one, of {}",
                    vi_date(*deadline),
                    vi_date(*snapshot)
                ),
            ),
        }
    }
}

/// The notes on a tally's scope for a plan of `province`: how many
/// organisations were left out, or the warning that none was of it.
pub(crate) fn scope_notes(province: Option<&str>, tally: &crate::Tally) -> Vec<Note> {
    let Some(province) = province else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if tally.none_in_scope {
        out.push(Note::NoneInScope {
            province: province.to_owned(),
            organisations: tally.organisations,
            snapshot: tally.date,
        });
    }
    if tally.outside_scope > 0 {
        out.push(Note::OutsideScope {
            province: province.to_owned(),
            organisations: tally.outside_scope,
            snapshot: tally.date,
        });
    }
    out
}

impl fmt::Display for Note {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}
