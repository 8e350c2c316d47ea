//! Whole-plan validation: every problem at once, each with a path.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::docref::{DocKind, DocRef};
use crate::error::{Problem, ProblemCode, Problems};
use crate::plan::filter::{Filter, MAX_FILTER_DEPTH};
use crate::plan::target::{FigureScale, Measure, Target};
use crate::plan::{Plan, FORMAT_VERSION};
use crate::threshold::Unit;

impl Plan {
    /// Checks the whole plan and returns every problem found, each with a
    /// path (`targets[3].threshold`), a stable [`ProblemCode`], a severity
    /// and a message. An empty result means the plan is fine.
    ///
    /// Errors mean the plan must not be evaluated as it is (duplicate ids,
    /// unknown parents or agencies, a share above 100%, a deadline before the
    /// date of issue ...); warnings point at inconsistencies the source
    /// itself has (a type code that contradicts what the document is called,
    /// a self-citation with another date).
    ///
    /// ```
    /// use hoptac::{Plan, PlanId, ProblemCode, Task, TaskId};
    /// let mut plan = Plan::new(PlanId::new("demo")?, "Kế hoạch", "UBND tỉnh");
    /// plan.tasks.push(Task::new(TaskId::new("I.1")?, "Tuyên truyền"));
    /// plan.tasks.push(Task::new(TaskId::new("I.1")?, "Đào tạo"));
    /// let problems = plan.validate();
    /// assert!(problems.contains(ProblemCode::DuplicateTaskId));
    /// assert!(problems.contains(ProblemCode::TaskWithoutLead));
    /// assert_eq!(problems.iter().next().unwrap().path, "tasks[0].lead");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Problems {
        let mut out = Problems::new();
        self.check_header(&mut out);
        self.check_agencies(&mut out);
        self.check_sections_and_tasks(&mut out);
        self.check_targets(&mut out);
        out
    }

    fn check_header(&self, out: &mut Problems) {
        if self.format_version != FORMAT_VERSION {
            out.push(Problem::error(
                "format_version",
                ProblemCode::UnsupportedFormatVersion,
                format!(
                    "format version {} is not supported: expected {FORMAT_VERSION}",
                    self.format_version
                ),
            ));
        }
        if self.title.trim().is_empty() {
            out.push(Problem::error(
                "title",
                ProblemCode::EmptyText,
                "the title is empty",
            ));
        }
        if self.issuer.trim().is_empty() {
            out.push(Problem::error(
                "issuer",
                ProblemCode::EmptyText,
                "the issuer is empty",
            ));
        }
        if let Some(period) = self.period {
            if period.end < period.start {
                out.push(Problem::error(
                    "period",
                    ProblemCode::ReversedPeriod,
                    format!(
                        "the period ends on {} before it starts on {}",
                        period.end, period.start
                    ),
                ));
            }
        }
        if let (Some(called), Some(doc)) = (&self.called, &self.doc) {
            if let Some(message) = type_mismatch(called, doc) {
                out.push(Problem::warning(
                    "doc",
                    ProblemCode::DocTypeMismatch,
                    message,
                ));
            }
        }
        for (i, cite) in self.self_citations.iter().enumerate() {
            let path = format!("self_citations[{i}]");
            if self.doc.as_ref() != Some(&cite.doc) {
                out.push(Problem::warning(
                    format!("{path}.doc"),
                    ProblemCode::CrossReferenceDateMismatch,
                    match &self.doc {
                        Some(doc) => format!(
                            "the text cites itself as `{}` but the plan is `{doc}`",
                            cite.doc
                        ),
                        None => format!(
                            "the text cites itself as `{}` but the plan has no number",
                            cite.doc
                        ),
                    },
                ));
            }
            if let (Some(cited), Some(issued)) = (cite.date, self.issued) {
                if cited != issued {
                    out.push(Problem::warning(
                        format!("{path}.date"),
                        ProblemCode::CrossReferenceDateMismatch,
                        format!(
                            "the text cites `{}` as dated {} but the plan is dated {}",
                            cite.doc,
                            cited.format("%d/%m/%Y"),
                            issued.format("%d/%m/%Y")
                        ),
                    ));
                }
            }
        }
    }

    fn check_agencies(&self, out: &mut Problems) {
        let mut seen = HashMap::new();
        for (i, agency) in self.agencies.iter().enumerate() {
            if let Some(first) = seen.insert(&agency.id, i) {
                out.push(Problem::error(
                    format!("agencies[{i}].id"),
                    ProblemCode::DuplicateAgencyId,
                    format!(
                        "duplicate agency id `{}`: already used by agencies[{first}]",
                        agency.id
                    ),
                ));
            }
        }
        for (i, agency) in self.agencies.iter().enumerate() {
            if let Some(succession) = &agency.successor {
                if !seen.contains_key(&succession.agency) {
                    out.push(Problem::error(
                        format!("agencies[{i}].successor.agency"),
                        ProblemCode::UnknownAgency,
                        format!(
                            "unknown successor agency `{}`: not among the plan's agencies",
                            succession.agency
                        ),
                    ));
                }
            }
        }
        if let Some(duty) = &self.reporting {
            if !seen.contains_key(&duty.to) {
                out.push(Problem::error(
                    "reporting.to",
                    ProblemCode::UnknownAgency,
                    format!(
                        "unknown agency `{}`: not among the plan's agencies",
                        duty.to
                    ),
                ));
            }
        }
    }

    fn check_sections_and_tasks(&self, out: &mut Problems) {
        let mut sections = HashMap::new();
        for (i, section) in self.sections.iter().enumerate() {
            if let Some(first) = sections.insert(&section.id, i) {
                out.push(Problem::error(
                    format!("sections[{i}].id"),
                    ProblemCode::DuplicateSectionId,
                    format!(
                        "duplicate section `{}`: already used by sections[{first}]",
                        section.id
                    ),
                ));
            }
        }
        let agencies: HashSet<_> = self.agencies.iter().map(|a| &a.id).collect();
        let mut tasks = HashMap::new();
        for (i, task) in self.tasks.iter().enumerate() {
            let path = format!("tasks[{i}]");
            if let Some(first) = tasks.insert(&task.id, i) {
                out.push(Problem::error(
                    format!("{path}.id"),
                    ProblemCode::DuplicateTaskId,
                    format!(
                        "duplicate task id `{}`: already used by tasks[{first}]",
                        task.id
                    ),
                ));
            }
            if task.text.trim().is_empty() {
                out.push(Problem::error(
                    format!("{path}.text"),
                    ProblemCode::EmptyText,
                    format!("task `{}` has no text", task.id),
                ));
            }
            if let Some(section) = &task.section {
                if !sections.contains_key(section) {
                    out.push(Problem::error(
                        format!("{path}.section"),
                        ProblemCode::UnknownSection,
                        format!("unknown section `{section}` of task `{}`", task.id),
                    ));
                }
            }
            if task.lead.is_empty() {
                out.push(Problem::error(
                    format!("{path}.lead"),
                    ProblemCode::TaskWithoutLead,
                    format!("task `{}` has no lead agency (đơn vị chủ trì)", task.id),
                ));
            }
            for (role, list) in [("lead", &task.lead), ("cooperating", &task.cooperating)] {
                for (j, id) in list.iter().enumerate() {
                    if !agencies.contains(id) {
                        out.push(Problem::error(
                            format!("{path}.{role}[{j}]"),
                            ProblemCode::UnknownAgency,
                            format!(
                                "unknown agency `{id}` in task `{}`: not among the plan's agencies",
                                task.id
                            ),
                        ));
                    }
                }
            }
            for (j, id) in task.cooperating.iter().enumerate() {
                if task.lead.contains(id) {
                    out.push(Problem::error(
                        format!("{path}.cooperating[{j}]"),
                        ProblemCode::AgencyLeadsAndCooperates,
                        format!(
                            "agency `{id}` both leads and cooperates on task `{}`",
                            task.id
                        ),
                    ));
                }
            }
        }
    }

    fn check_targets(&self, out: &mut Problems) {
        let mut ids = HashMap::new();
        for (i, target) in self.targets.iter().enumerate() {
            if let Some(first) = ids.insert(&target.id, i) {
                out.push(Problem::error(
                    format!("targets[{i}].id"),
                    ProblemCode::DuplicateTargetId,
                    format!(
                        "duplicate target id `{}`: already used by targets[{first}]",
                        target.id
                    ),
                ));
            }
        }
        for (i, target) in self.targets.iter().enumerate() {
            let path = format!("targets[{i}]");
            self.check_target(&path, target, out);
            if let Some(parent_id) = &target.parent {
                match ids.get(parent_id) {
                    None => out.push(Problem::error(
                        format!("{path}.parent"),
                        ProblemCode::UnknownParentTarget,
                        format!("unknown parent target `{parent_id}` of `{}`", target.id),
                    )),
                    Some(&p) => {
                        check_of_which(&path, target, &self.targets[p], out);
                    }
                }
            }
        }
        // Cycles: follow parents from each target, at most as many steps as
        // there are targets.
        for (i, target) in self.targets.iter().enumerate() {
            let mut current = target;
            for _ in 0..self.targets.len() {
                let Some(parent) = current.parent.as_ref().and_then(|p| ids.get(p)) else {
                    break;
                };
                current = &self.targets[*parent];
                if current.id == target.id {
                    out.push(Problem::error(
                        format!("targets[{i}].parent"),
                        ProblemCode::ParentCycle,
                        format!(
                            "target `{}` is its own ancestor through its parents",
                            target.id
                        ),
                    ));
                    break;
                }
            }
        }
    }

    fn check_target(&self, path: &str, target: &Target, out: &mut Problems) {
        if target.label_vi.trim().is_empty() || target.label_en.trim().is_empty() {
            out.push(Problem::error(
                format!("{path}.label_vi"),
                ProblemCode::EmptyText,
                format!(
                    "target `{}` needs a Vietnamese and an English label",
                    target.id
                ),
            ));
        }
        let unit = target.threshold.unit();
        let is_percent = matches!(unit, Unit::Percent);
        let value = target.threshold.value();
        if matches!(target.measure, Measure::Share { .. }) {
            if value > rust_decimal::Decimal::ONE_HUNDRED {
                out.push(Problem::error(
                    format!("{path}.threshold"),
                    ProblemCode::PercentOutOfRange,
                    format!(
                        "share threshold {value}% of `{}` is outside 0..=100",
                        target.id
                    ),
                ));
            }
            if let Some(b) = &target.baseline {
                if b.value < rust_decimal::Decimal::ZERO
                    || b.value > rust_decimal::Decimal::ONE_HUNDRED
                {
                    out.push(Problem::error(
                        format!("{path}.baseline.value"),
                        ProblemCode::PercentOutOfRange,
                        format!(
                            "share baseline {}% of `{}` is outside 0..=100",
                            b.value, target.id
                        ),
                    ));
                }
            }
        }
        let unit_problem = match &target.measure {
            Measure::Share { .. } | Measure::RatioOfSums { .. } if !is_percent => Some(format!(
                "a {} is in percent, but the threshold's unit is {unit}",
                target.measure.kind_name()
            )),
            Measure::Count { .. }
            | Measure::New { .. }
            | Measure::Sum { .. }
            | Measure::Mean { .. }
                if is_percent =>
            {
                Some(format!(
                    "a {} is not in percent, but the threshold is",
                    target.measure.kind_name()
                ))
            }
            Measure::Against { base, scale, .. } => {
                if !matches!(
                    **base,
                    Measure::Count { .. } | Measure::New { .. } | Measure::Sum { .. }
                ) {
                    Some(format!(
                        "the base of a measure against a figure must be a count, new or sum, not a {}",
                        base.kind_name()
                    ))
                } else if (*scale == FigureScale::Percent) != is_percent {
                    Some(format!(
                        "the figure scale is {scale:?} but the threshold's unit is {unit}"
                    ))
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(message) = unit_problem {
            out.push(Problem::error(
                format!("{path}.measure"),
                ProblemCode::InconsistentMeasure,
                format!("target `{}`: {message}", target.id),
            ));
        }
        for (name, filter) in target.measure.filters() {
            let depth = filter.depth();
            if depth > MAX_FILTER_DEPTH {
                out.push(Problem::error(
                    format!("{path}.measure.{name}"),
                    ProblemCode::FilterTooDeep,
                    format!("filter nests {depth} deep, more than the {MAX_FILTER_DEPTH} allowed"),
                ));
            }
        }
        if let Some(issued) = self.issued {
            if target.deadline < issued {
                out.push(Problem::error(
                    format!("{path}.deadline"),
                    ProblemCode::DeadlineBeforeIssue,
                    format!(
                        "deadline {} of `{}` is before the plan's date of issue {issued}",
                        target.deadline, target.id
                    ),
                ));
            }
        }
        if let Some(period) = self.period {
            if !period.contains(target.deadline) {
                out.push(Problem::error(
                    format!("{path}.deadline"),
                    ProblemCode::DeadlineOutsidePeriod,
                    format!(
                        "deadline {} of `{}` is outside the plan's period {period}",
                        target.deadline, target.id
                    ),
                ));
            }
        }
        if let Some(b) = &target.baseline {
            if b.at > target.deadline {
                out.push(Problem::warning(
                    format!("{path}.baseline.at"),
                    ProblemCode::BaselineAfterDeadline,
                    format!(
                        "baseline of `{}` is dated {} after its deadline {}",
                        target.id, b.at, target.deadline
                    ),
                ));
            }
        }
    }
}

/// The canonical set of conjuncts of a filter, for comparing populations.
fn conjunct_set(filters: &[&Filter]) -> BTreeSet<String> {
    filters
        .iter()
        .flat_map(|f| f.conjuncts())
        .map(|f| format!("{f:?}"))
        .collect()
}

/// "Of which" (trong đó): a share child counts among its parent's numerator,
/// so its denominator must be the parent's denominator and numerator.
fn check_of_which(path: &str, child: &Target, parent: &Target, out: &mut Problems) {
    if let (
        Measure::Share {
            denominator: child_den,
            population: child_pop,
            ..
        },
        Measure::Share {
            numerator: parent_num,
            denominator: parent_den,
            population: parent_pop,
        },
    ) = (&child.measure, &parent.measure)
    {
        let want = conjunct_set(&[parent_den, parent_num]);
        let have = conjunct_set(&[child_den]);
        if want != have || child_pop != parent_pop {
            out.push(Problem::error(
                format!("{path}.measure.denominator"),
                ProblemCode::ChildDenominatorMismatch,
                format!(
                    "`{}` is \"of which\" part of `{}`, so its denominator must be the parent's numerator population `{}`, not `{}`",
                    child.id,
                    parent.id,
                    Filter::all([parent_den.clone(), parent_num.clone()]),
                    child_den
                ),
            ));
        }
    }
}

/// Whether what a document is called ("Kế hoạch") contradicts the type code
/// of its number (`1206/QĐ-UBND`), and how.
fn type_mismatch(called: &str, doc: &DocRef) -> Option<String> {
    let kind = DocKind::from_name(called)?;
    match (kind.doc_type(), doc.doc_type()) {
        (Some(named), Some(coded)) if named != coded => Some(format!(
            "the document is called `{called}` ({}) but its number `{doc}` has the type code {} ({})",
            named.code(),
            coded.code(),
            coded.name_vi()
        )),
        (Some(named), None) => Some(format!(
            "the document is called `{called}` ({}) but its number `{doc}` has no type code",
            named.code()
        )),
        (None, Some(coded)) if kind == DocKind::OfficialLetter => Some(format!(
            "the document is called `{called}` (an official letter, no type code) but its number `{doc}` has the type code {}",
            coded.code()
        )),
        _ => None,
    }
}
