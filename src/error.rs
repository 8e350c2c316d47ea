//! Validation problems: what is wrong, where, and how bad.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::vocab::code_enum;

code_enum! {
/// How bad a validation problem is (mức độ).
///
/// ```
/// use hoptac::Severity;
/// assert!(Severity::Error > Severity::Warning);
/// assert_eq!(Severity::Error.to_string(), "error");
/// ```
pub enum Severity[2] as "severity" in "" {
        /// Worth a look, but the data can be used (cảnh báo).
        Warning = "warning", vi "cảnh báo", en "warning";
        /// The data is wrong and must not be used as it is (lỗi).
        Error = "error", vi "lỗi", en "error";
    }
}

macro_rules! problem_codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal,)*) => {
        /// A stable code for each kind of validation problem.
        ///
        /// Codes are part of the public contract: programs may match on them,
        /// and their text form ([`ProblemCode::as_str`]) never changes.
        ///
        /// ```
        /// use hoptac::ProblemCode;
        /// assert_eq!(ProblemCode::DuplicateTargetId.as_str(), "duplicate_target_id");
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum ProblemCode {
            $($(#[$doc])* $variant,)*
        }

        impl ProblemCode {
            /// Every code, in declaration order.
            ///
            /// ```
            /// use hoptac::ProblemCode;
            /// assert_eq!(ProblemCode::ALL.first(), Some(&ProblemCode::UnsupportedFormatVersion));
            /// assert!(ProblemCode::ALL.contains(&ProblemCode::TooFewMembers));
            /// ```
            pub const ALL: &'static [ProblemCode] = &[$(ProblemCode::$variant,)*];

            /// The code's stable text, in snake case.
            ///
            /// ```
            /// use hoptac::ProblemCode;
            /// assert_eq!(ProblemCode::TaskWithoutLead.as_str(), "task_without_lead");
            /// assert_eq!(ProblemCode::TaskWithoutLead.to_string(), "task_without_lead");
            /// ```
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ProblemCode::$variant => $code,)*
                }
            }
        }
    };
}

problem_codes! {
    // Plans.
    /// The plan's `format_version` is not one this crate reads.
    UnsupportedFormatVersion = "unsupported_format_version",
    /// A text that must not be empty is empty.
    EmptyText = "empty_text",
    /// A value does not parse: a document number, threshold, schedule, date
    /// or id given as text.
    InvalidValue = "invalid_value",
    /// Two targets share one id.
    DuplicateTargetId = "duplicate_target_id",
    /// Two tasks share one id.
    DuplicateTaskId = "duplicate_task_id",
    /// Two sections share one number.
    DuplicateSectionId = "duplicate_section_id",
    /// Two agencies share one id.
    DuplicateAgencyId = "duplicate_agency_id",
    /// An agency lacks its Vietnamese or its English name.
    AgencyWithoutName = "agency_without_name",
    /// A name or alias of an agency normalises like a name of another agency:
    /// resolving it gives the first one.
    AmbiguousAgencyName = "ambiguous_agency_name",
    /// An agency's successor is not among the agencies.
    UnknownSuccessor = "unknown_successor",
    /// Following successors from an agency comes back to it (a → b → a).
    SuccessionCycle = "succession_cycle",
    /// A target's parent is not a target of the plan.
    UnknownParentTarget = "unknown_parent_target",
    /// Following parents from a target comes back to it.
    ParentCycle = "parent_cycle",
    /// A percentage lies outside 0..=100.
    PercentOutOfRange = "percent_out_of_range",
    /// An "of which" (trong đó) child's denominator is not its parent's numerator.
    ChildDenominatorMismatch = "child_denominator_mismatch",
    /// A deadline falls before the plan's date of issue.
    DeadlineBeforeIssue = "deadline_before_issue",
    /// A deadline falls outside the plan's period.
    DeadlineOutsidePeriod = "deadline_outside_period",
    /// The plan's period ends before it starts.
    ReversedPeriod = "reversed_period",
    /// A task names no lead agency (đơn vị chủ trì).
    TaskWithoutLead = "task_without_lead",
    /// One agency both leads and cooperates on a task.
    AgencyLeadsAndCooperates = "agency_leads_and_cooperates",
    /// A task names an agency the plan does not list.
    UnknownAgency = "unknown_agency",
    /// A document's type code contradicts what the document is called.
    DocTypeMismatch = "doc_type_mismatch",
    /// A citation of the plan itself gives another date than the plan's own.
    CrossReferenceDateMismatch = "cross_reference_date_mismatch",
    /// A filter nests deeper than the crate allows.
    FilterTooDeep = "filter_too_deep",
    /// A measure or threshold is inconsistent with itself (unit, window, field).
    InconsistentMeasure = "inconsistent_measure",
    /// A filter or measure names a field that no registry can hold: not a
    /// built-in numeric field, and a name an extension attribute cannot
    /// have (a built-in column written in another case, a text column, a
    /// flag, an empty name).
    UnknownField = "unknown_field",
    /// A baseline is dated after the target's deadline.
    BaselineAfterDeadline = "baseline_after_deadline",
    /// A task's section is not a section of the plan.
    UnknownSection = "unknown_section",
    // Cooperatives.
    /// Fewer members than the law in force allows.
    TooFewMembers = "too_few_members",
    /// A union has fewer member cooperatives than the law in force allows.
    TooFewMemberCooperatives = "too_few_member_cooperatives",
    /// Dissolved before it was established.
    DissolvedBeforeEstablished = "dissolved_before_established",
    /// A rating for a year before the organisation was established.
    RatingBeforeEstablished = "rating_before_established",
    /// A cooperative group (THT) carries a rating; groups are not rated.
    RatingForGroup = "rating_for_group",
    /// More trained or refreshed key staff than key staff.
    KeyStaffAboveTotal = "key_staff_above_total",
    /// A negative amount of money.
    NegativeMoney = "negative_money",
    /// The status and the dissolution date disagree.
    StatusDateMismatch = "status_date_mismatch",
    /// A union-only field (member cooperatives) on another kind.
    MemberCoopsOnNonUnion = "member_coops_on_non_union",
    /// Checked at a date before the organisation was established.
    CheckedBeforeEstablished = "checked_before_established",
}

impl fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One validation problem: where it is, its stable code, how bad it is and a
/// message for people.
///
/// ```
/// use hoptac::{Problem, ProblemCode, Severity};
/// let p = Problem::error("targets[3].id", ProblemCode::DuplicateTargetId, "duplicate target id `x`");
/// assert_eq!(p.to_string(), "error[duplicate_target_id] at targets[3].id: duplicate target id `x`");
/// assert_eq!(p.severity, Severity::Error);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Problem {
    /// Path to the value, as in `targets[3].threshold` (empty for the whole object).
    pub path: String,
    /// The stable code.
    pub code: ProblemCode,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, for people (English, lowercase, no trailing period).
    pub message: String,
    /// The same in Vietnamese (thông báo bằng tiếng Việt): every problem
    /// the crate finds has it; `None` for a problem made elsewhere without
    /// [`Problem::with_vi`], which then reads in English in both languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_vi: Option<String>,
}

impl Problem {
    /// A problem of severity [`Severity::Error`].
    ///
    /// ```
    /// use hoptac::{Problem, ProblemCode, Severity};
    /// let p = Problem::error("tasks[0].lead", ProblemCode::TaskWithoutLead, "task has no lead agency");
    /// assert_eq!(p.severity, Severity::Error);
    /// assert_eq!(p.path, "tasks[0].lead");
    /// ```
    pub fn error(path: impl Into<String>, code: ProblemCode, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            code,
            severity: Severity::Error,
            message: message.into(),
            message_vi: None,
        }
    }

    /// A problem of severity [`Severity::Warning`].
    ///
    /// ```
    /// use hoptac::{Problem, ProblemCode, Severity};
    /// let p = Problem::warning("", ProblemCode::DocTypeMismatch, "odd document type");
    /// assert_eq!(p.severity, Severity::Warning);
    /// assert_eq!(p.to_string(), "warning[doc_type_mismatch]: odd document type");
    /// ```
    pub fn warning(path: impl Into<String>, code: ProblemCode, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            code,
            severity: Severity::Warning,
            message: message.into(),
            message_vi: None,
        }
    }

    /// Whether this is an error (not a warning).
    ///
    /// ```
    /// use hoptac::{Problem, ProblemCode};
    /// assert!(Problem::error("id", ProblemCode::EmptyText, "id is empty").is_error());
    /// assert!(!Problem::warning("id", ProblemCode::EmptyText, "id is empty").is_error());
    /// ```
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The problem with its message in Vietnamese too.
    ///
    /// ```
    /// use hoptac::{Lang, Problem, ProblemCode};
    /// let p = Problem::error("title.vi", ProblemCode::EmptyText, "the title is empty")
    ///     .with_vi("tiêu đề để trống");
    /// assert_eq!(p.message(Lang::Vi), "tiêu đề để trống");
    /// assert_eq!(p.message(Lang::En), "the title is empty");
    /// ```
    pub fn with_vi(mut self, message: impl Into<String>) -> Self {
        self.message_vi = Some(message.into());
        self
    }

    /// The message in `lang` (English when the problem has no Vietnamese).
    ///
    /// ```
    /// use hoptac::{Lang, Problem, ProblemCode};
    /// let p = Problem::warning("", ProblemCode::DocTypeMismatch, "odd document type");
    /// assert_eq!(p.message(Lang::Vi), "odd document type");
    /// ```
    pub fn message(&self, lang: crate::Lang) -> &str {
        match (lang, &self.message_vi) {
            (crate::Lang::Vi, Some(vi)) => vi,
            _ => &self.message,
        }
    }

    /// The problem for people in `lang`, as [`Display`](fmt::Display) says
    /// it in English: severity, code, path and message.
    ///
    /// ```
    /// use hoptac::{Lang, Problem, ProblemCode};
    /// let p = Problem::error("title.vi", ProblemCode::EmptyText, "the title is empty")
    ///     .with_vi("tiêu đề để trống");
    /// assert_eq!(p.text(Lang::Vi), "lỗi[empty_text] tại title.vi: tiêu đề để trống");
    /// assert_eq!(p.text(Lang::En), p.to_string());
    /// ```
    pub fn text(&self, lang: crate::Lang) -> String {
        if lang == crate::Lang::En {
            return self.to_string();
        }
        let severity = crate::Labelled::label(&self.severity, lang);
        if self.path.is_empty() {
            format!("{severity}[{}]: {}", self.code, self.message(lang))
        } else {
            format!(
                "{severity}[{}] tại {}: {}",
                self.code,
                self.path,
                self.message(lang)
            )
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}[{}]: {}", self.severity, self.code, self.message)
        } else {
            write!(
                f,
                "{}[{}] at {}: {}",
                self.severity, self.code, self.path, self.message
            )
        }
    }
}

/// Every problem a validation found, in the order found.
///
/// Also the error of loaders that refuse data with errors in it: it prints
/// one problem a line.
///
/// ```
/// use hoptac::{Problem, ProblemCode, Problems};
/// let mut problems = Problems::new();
/// assert!(problems.is_empty());
/// problems.push(Problem::warning("date", ProblemCode::CrossReferenceDateMismatch, "dates differ"));
/// assert!(!problems.has_errors());
/// assert_eq!(problems.warnings().count(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Problems(Vec<Problem>);

impl Problems {
    /// No problems.
    ///
    /// ```
    /// use hoptac::Problems;
    /// let problems = Problems::new();
    /// assert!(problems.is_empty());
    /// assert_eq!(problems, Problems::default());
    /// ```
    pub fn new() -> Self {
        Problems(Vec::new())
    }

    /// Adds a problem.
    ///
    /// ```
    /// use hoptac::{Problem, ProblemCode, Problems};
    /// let mut problems = Problems::new();
    /// problems.push(Problem::error("title", ProblemCode::EmptyText, "title is empty"));
    /// assert_eq!(problems.len(), 1);
    /// assert!(problems.has_errors());
    /// ```
    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    /// Every problem for people in `lang`, one a line ([`Problem::text`]).
    ///
    /// ```
    /// use hoptac::{Lang, Problem, ProblemCode, Problems};
    /// let mut problems = Problems::new();
    /// problems.push(Problem::error("title.vi", ProblemCode::EmptyText, "the title is empty").with_vi("tiêu đề để trống"));
    /// assert_eq!(problems.text(Lang::Vi), "lỗi[empty_text] tại title.vi: tiêu đề để trống");
    /// assert_eq!(problems.text(Lang::En), problems.to_string());
    /// ```
    pub fn text(&self, lang: crate::Lang) -> String {
        self.0
            .iter()
            .map(|p| p.text(lang))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Adds every problem of `other`, with `prefix` put before their paths.
    ///
    /// ```
    /// use hoptac::{Problem, ProblemCode, Problems};
    /// let mut inner = Problems::new();
    /// inner.push(Problem::error("threshold", ProblemCode::PercentOutOfRange, "120% is above 100%"));
    /// inner.push(Problem::error("", ProblemCode::EmptyText, "label is empty"));
    /// let mut all = Problems::new();
    /// all.extend_prefixed("targets[3]", inner);
    /// let paths: Vec<&str> = all.iter().map(|p| p.path.as_str()).collect();
    /// assert_eq!(paths, ["targets[3].threshold", "targets[3]"]);
    /// ```
    pub fn extend_prefixed(&mut self, prefix: &str, other: Problems) {
        for mut p in other.0 {
            p.path = join_path(prefix, &p.path);
            self.0.push(p);
        }
    }

    /// Whether there is no problem at all.
    ///
    /// ```
    /// use hoptac::{Problem, ProblemCode, Problems};
    /// let mut problems = Problems::new();
    /// assert!(problems.is_empty());
    /// problems.push(Problem::warning("", ProblemCode::EmptyText, "note is empty"));
    /// assert!(!problems.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems.
    ///
    /// ```
    /// use hoptac::{Problem, ProblemCode, Problems};
    /// let problems = Problems::from(vec![
    ///     Problem::error("a", ProblemCode::EmptyText, "a is empty"),
    ///     Problem::warning("b", ProblemCode::EmptyText, "b is empty"),
    /// ]);
    /// assert_eq!(problems.len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether any problem is an error.
    ///
    /// ```
    /// use hoptac::{Problem, ProblemCode, Problems};
    /// let mut problems = Problems::new();
    /// problems.push(Problem::warning("a", ProblemCode::DocTypeMismatch, "odd"));
    /// assert!(!problems.has_errors());
    /// problems.push(Problem::error("b", ProblemCode::EmptyText, "b is empty"));
    /// assert!(problems.has_errors());
    /// ```
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Problem::is_error)
    }

    /// The errors.
    ///
    /// ```
    /// use hoptac::{Problem, ProblemCode, Problems};
    /// let problems = Problems::from(vec![
    ///     Problem::error("a", ProblemCode::EmptyText, "a is empty"),
    ///     Problem::warning("b", ProblemCode::DocTypeMismatch, "odd"),
    /// ]);
    /// let errors: Vec<&str> = problems.errors().map(|p| p.path.as_str()).collect();
    /// assert_eq!(errors, ["a"]);
    /// ```
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| p.is_error())
    }

    /// The warnings.
    ///
    /// ```
    /// use hoptac::{Problem, ProblemCode, Problems};
    /// let problems = Problems::from(vec![
    ///     Problem::error("a", ProblemCode::EmptyText, "a is empty"),
    ///     Problem::warning("b", ProblemCode::DocTypeMismatch, "odd"),
    /// ]);
    /// let warnings: Vec<&str> = problems.warnings().map(|p| p.path.as_str()).collect();
    /// assert_eq!(warnings, ["b"]);
    /// ```
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| !p.is_error())
    }

    /// All problems.
    ///
    /// ```
    /// use hoptac::{Problem, ProblemCode, Problems};
    /// let problems = Problems::from(vec![
    ///     Problem::error("a", ProblemCode::EmptyText, "a is empty"),
    ///     Problem::warning("b", ProblemCode::DocTypeMismatch, "odd"),
    /// ]);
    /// let codes: Vec<&str> = problems.iter().map(|p| p.code.as_str()).collect();
    /// assert_eq!(codes, ["empty_text", "doc_type_mismatch"]);
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, Problem> {
        self.0.iter()
    }

    /// Whether some problem has this code.
    ///
    /// ```
    /// use hoptac::{Problem, ProblemCode, Problems};
    /// let problems = Problems::from(vec![Problem::error("a", ProblemCode::EmptyText, "a is empty")]);
    /// assert!(problems.contains(ProblemCode::EmptyText));
    /// assert!(!problems.contains(ProblemCode::ParentCycle));
    /// ```
    pub fn contains(&self, code: ProblemCode) -> bool {
        self.0.iter().any(|p| p.code == code)
    }

    /// The problems as a slice.
    ///
    /// ```
    /// use hoptac::{Problem, ProblemCode, Problems};
    /// let p = Problem::error("a", ProblemCode::EmptyText, "a is empty");
    /// let problems = Problems::from(vec![p.clone()]);
    /// assert_eq!(problems.as_slice(), &[p]);
    /// ```
    pub fn as_slice(&self) -> &[Problem] {
        &self.0
    }

    /// The problems as a vector.
    ///
    /// ```
    /// use hoptac::{Problem, ProblemCode, Problems};
    /// let p = Problem::warning("b", ProblemCode::DocTypeMismatch, "odd");
    /// let problems = Problems::from(vec![p.clone()]);
    /// assert_eq!(problems.into_vec(), vec![p]);
    /// ```
    pub fn into_vec(self) -> Vec<Problem> {
        self.0
    }
}

/// Joins two path segments: `targets[3]` and `threshold` give `targets[3].threshold`.
pub(crate) fn join_path(prefix: &str, rest: &str) -> String {
    match (prefix.is_empty(), rest.is_empty()) {
        (true, _) => rest.to_owned(),
        (false, true) => prefix.to_owned(),
        (false, false) if rest.starts_with('[') => format!("{prefix}{rest}"),
        (false, false) => format!("{prefix}.{rest}"),
    }
}

impl From<Vec<Problem>> for Problems {
    fn from(v: Vec<Problem>) -> Self {
        Problems(v)
    }
}

impl IntoIterator for Problems {
    type Item = Problem;
    type IntoIter = std::vec::IntoIter<Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Problems {
    type Item = &'a Problem;
    type IntoIter = std::slice::Iter<'a, Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl Extend<Problem> for Problems {
    fn extend<T: IntoIterator<Item = Problem>>(&mut self, iter: T) {
        self.0.extend(iter);
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_snake_case() {
        let mut seen = std::collections::BTreeSet::new();
        for code in ProblemCode::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }

    #[test]
    fn paths_join() {
        assert_eq!(join_path("targets[3]", "threshold"), "targets[3].threshold");
        assert_eq!(join_path("tasks", "[2]"), "tasks[2]");
        assert_eq!(join_path("", "id"), "id");
        assert_eq!(join_path("ratings", ""), "ratings");
    }

    #[test]
    fn prints_one_problem_a_line() {
        let mut ps = Problems::new();
        ps.push(Problem::error("", ProblemCode::EmptyText, "title is empty"));
        ps.push(Problem::warning("a", ProblemCode::DocTypeMismatch, "odd"));
        assert_eq!(
            ps.to_string(),
            "error[empty_text]: title is empty\nwarning[doc_type_mismatch] at a: odd"
        );
    }
}
