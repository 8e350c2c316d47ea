//! Whole-plan validation: every problem at once, each with a path.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::agency::AgencyDirectory;
use crate::docref::{DocKind, DocRef};
use crate::error::{Problem, ProblemCode, Problems};
use crate::ids::TargetId;
use crate::lang::{Labelled, Lang};
use crate::plan::filter::{field_name_problem, Field, Filter, MAX_FILTER_DEPTH};
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
    /// Some mistakes cannot reach a `Plan` at all, because the values that
    /// would hold them refuse them where they are parsed: a reversed span of
    /// years in a schedule ("2030-2023"), a window whose end is before its
    /// start, a malformed document number. [`Plan::from_json`] reports those
    /// with the path to the value.
    ///
    /// ```
    /// use hoptac::{Plan, plan::PlanId, ProblemCode, Task, plan::TaskId};
    /// let mut plan = Plan::new(PlanId::new("demo")?, "Kế hoạch", "UBND tỉnh");
    /// plan.tasks.push(Task::new(TaskId::new("I.1")?, "Tuyên truyền"));
    /// plan.tasks.push(Task::new(TaskId::new("I.1")?, "Đào tạo"));
    /// let problems = plan.validate();
    /// assert!(problems.contains(ProblemCode::DuplicateTaskId));
    /// assert!(problems.contains(ProblemCode::TaskWithoutLead));
    /// assert_eq!(problems.iter().next().ok_or("no problem")?.path, "tasks[0].lead");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Problems {
        self.validate_with(true)
    }

    /// [`Plan::validate`]; without `all_warnings` the costly checks that can
    /// only warn are skipped (what evaluation needs is whether there are
    /// errors).
    pub(crate) fn validate_with(&self, all_warnings: bool) -> Problems {
        let mut out = Problems::new();
        self.check_header(&mut out);
        self.check_agencies(&mut out, all_warnings);
        self.check_sections_and_tasks(&mut out);
        self.check_targets(&mut out);
        out
    }

    fn check_header(&self, out: &mut Problems) {
        if self.format_version != FORMAT_VERSION {
            out.push(
                Problem::error(
                    "format_version",
                    ProblemCode::UnsupportedFormatVersion,
                    format!(
                        "format version {} is not supported: expected {FORMAT_VERSION}",
                        self.format_version
                    ),
                )
                .with_vi(format!(
                    "không hỗ trợ phiên bản định dạng {}: cần {FORMAT_VERSION}",
                    self.format_version
                )),
            );
        }
        if !self.title.has(Lang::Vi) {
            out.push(
                Problem::error("title.vi", ProblemCode::EmptyText, "the title is empty")
                    .with_vi("tiêu đề để trống"),
            );
        }
        if self.issuer.trim().is_empty() {
            out.push(
                Problem::error("issuer", ProblemCode::EmptyText, "the issuer is empty")
                    .with_vi("cơ quan ban hành để trống"),
            );
        }
        if let Some(period) = self.period {
            if period.end < period.start {
                out.push(
                    Problem::error(
                        "period",
                        ProblemCode::ReversedPeriod,
                        format!(
                            "the period ends on {} before it starts on {}",
                            period.end, period.start
                        ),
                    )
                    .with_vi(format!(
                        "thời kỳ kết thúc ngày {} trước khi bắt đầu ngày {}",
                        period.end, period.start
                    )),
                );
            }
        }
        if let (Some(called), Some(doc)) = (&self.called, &self.doc) {
            if let Some((message, message_vi)) = type_mismatch(called, doc) {
                out.push(
                    Problem::warning("doc", ProblemCode::DocTypeMismatch, message)
                        .with_vi(message_vi),
                );
            }
        }
        for (i, cite) in self.self_citations.iter().enumerate() {
            let path = format!("self_citations[{i}]");
            if self.doc.as_ref() != Some(&cite.doc) {
                out.push(
                    Problem::warning(
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
                    )
                    .with_vi(match &self.doc {
                        Some(doc) => format!(
                            "văn bản tự dẫn số hiệu `{}` nhưng số hiệu của kế hoạch là `{doc}`",
                            cite.doc
                        ),
                        None => format!(
                            "văn bản tự dẫn số hiệu `{}` nhưng kế hoạch không có số hiệu",
                            cite.doc
                        ),
                    }),
                );
            }
            if let (Some(cited), Some(issued)) = (cite.date, self.issued) {
                if cited != issued {
                    out.push(
                        Problem::warning(
                            format!("{path}.date"),
                            ProblemCode::CrossReferenceDateMismatch,
                            format!(
                                "the text cites `{}` as dated {} but the plan is dated {}",
                                cite.doc,
                                cited.format("%d/%m/%Y"),
                                issued.format("%d/%m/%Y")
                            ),
                        )
                        .with_vi(format!(
                            "văn bản dẫn `{}` ngày {} nhưng kế hoạch ban hành ngày {}",
                            cite.doc,
                            cited.format("%d/%m/%Y"),
                            issued.format("%d/%m/%Y")
                        )),
                    );
                }
            }
        }
    }

    fn check_agencies(&self, out: &mut Problems, name_warnings: bool) {
        // The one check of a set of agencies; a plan that passes it builds
        // its directory, so evaluation never loses a succession.
        out.extend_prefixed(
            "agencies",
            AgencyDirectory::check_with(&self.agencies, name_warnings),
        );
        let known: HashSet<_> = self.agencies.iter().map(|a| &a.id).collect();
        if let Some(duty) = &self.reporting {
            if !known.contains(&duty.to) {
                out.push(
                    Problem::error(
                        "reporting.to",
                        ProblemCode::UnknownAgency,
                        format!(
                            "unknown agency `{}`: not among the plan's agencies",
                            duty.to
                        ),
                    )
                    .with_vi(format!(
                        "cơ quan `{}` không có trong danh sách cơ quan của kế hoạch",
                        duty.to
                    )),
                );
            }
        }
    }

    fn check_sections_and_tasks(&self, out: &mut Problems) {
        let mut sections = HashMap::new();
        for (i, section) in self.sections.iter().enumerate() {
            if let Some(first) = sections.insert(&section.id, i) {
                out.push(
                    Problem::error(
                        format!("sections[{i}].id"),
                        ProblemCode::DuplicateSectionId,
                        format!(
                            "duplicate section `{}`: already used by sections[{first}]",
                            section.id
                        ),
                    )
                    .with_vi(format!(
                        "mục `{}` bị trùng: đã dùng ở sections[{first}]",
                        section.id
                    )),
                );
            }
        }
        let agencies: HashSet<_> = self.agencies.iter().map(|a| &a.id).collect();
        let mut tasks = HashMap::new();
        for (i, task) in self.tasks.iter().enumerate() {
            let path = format!("tasks[{i}]");
            if let Some(first) = tasks.insert(&task.id, i) {
                out.push(
                    Problem::error(
                        format!("{path}.id"),
                        ProblemCode::DuplicateTaskId,
                        format!(
                            "duplicate task id `{}`: already used by tasks[{first}]",
                            task.id
                        ),
                    )
                    .with_vi(format!(
                        "mã nhiệm vụ `{}` bị trùng: đã dùng ở tasks[{first}]",
                        task.id
                    )),
                );
            }
            if !task.text.has(Lang::Vi) {
                out.push(
                    Problem::error(
                        format!("{path}.text.vi"),
                        ProblemCode::EmptyText,
                        format!("task `{}` has no text", task.id),
                    )
                    .with_vi(format!("nhiệm vụ `{}` không có nội dung", task.id)),
                );
            }
            if let Some(section) = &task.section {
                if !sections.contains_key(section) {
                    out.push(
                        Problem::error(
                            format!("{path}.section"),
                            ProblemCode::UnknownSection,
                            format!("unknown section `{section}` of task `{}`", task.id),
                        )
                        .with_vi(format!(
                            "nhiệm vụ `{}` thuộc mục `{section}` không có trong kế hoạch",
                            task.id
                        )),
                    );
                }
            }
            if task.lead.is_empty() {
                out.push(
                    Problem::error(
                        format!("{path}.lead"),
                        ProblemCode::TaskWithoutLead,
                        format!("task `{}` has no lead agency (đơn vị chủ trì)", task.id),
                    )
                    .with_vi(format!("nhiệm vụ `{}` không có đơn vị chủ trì", task.id)),
                );
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
                        )
.with_vi(format!("cơ quan `{id}` của nhiệm vụ `{}` không có trong danh sách cơ quan của kế hoạch", task.id)));
                    }
                }
            }
            for (j, id) in task.cooperating.iter().enumerate() {
                if task.lead.contains(id) {
                    out.push(
                        Problem::warning(
                            format!("{path}.cooperating[{j}]"),
                            ProblemCode::AgencyLeadsAndCooperates,
                            format!(
                                "agency `{id}` both leads and cooperates on task `{}`",
                                task.id
                            ),
                        )
                        .with_vi(format!(
                            "cơ quan `{id}` vừa chủ trì vừa phối hợp thực hiện nhiệm vụ `{}`",
                            task.id
                        )),
                    );
                }
            }
        }
    }

    fn check_targets(&self, out: &mut Problems) {
        let mut ids = HashMap::new();
        for (i, target) in self.targets.iter().enumerate() {
            if let Some(first) = ids.insert(&target.id, i) {
                out.push(
                    Problem::error(
                        format!("targets[{i}].id"),
                        ProblemCode::DuplicateTargetId,
                        format!(
                            "duplicate target id `{}`: already used by targets[{first}]",
                            target.id
                        ),
                    )
                    .with_vi(format!(
                        "mã chỉ tiêu `{}` bị trùng: đã dùng ở targets[{first}]",
                        target.id
                    )),
                );
            }
        }
        for (i, target) in self.targets.iter().enumerate() {
            let path = format!("targets[{i}]");
            self.check_target(&path, target, out);
            if let Some(parent_id) = &target.parent {
                match ids.get(parent_id) {
                    None => out.push(
                        Problem::error(
                            format!("{path}.parent"),
                            ProblemCode::UnknownParentTarget,
                            format!("unknown parent target `{parent_id}` of `{}`", target.id),
                        )
                        .with_vi(format!(
                            "chỉ tiêu cha `{parent_id}` của `{}` không có trong kế hoạch",
                            target.id
                        )),
                    ),
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
                    out.push(
                        Problem::error(
                            format!("targets[{i}].parent"),
                            ProblemCode::ParentCycle,
                            format!(
                                "target `{}` is its own ancestor through its parents",
                                target.id
                            ),
                        )
                        .with_vi(format!(
                            "chỉ tiêu `{}` là tổ tiên của chính nó qua các chỉ tiêu cha",
                            target.id
                        )),
                    );
                    break;
                }
            }
        }
    }

    fn check_target(&self, path: &str, target: &Target, out: &mut Problems) {
        if let Some(lang) = [Lang::Vi, Lang::En]
            .into_iter()
            .find(|&l| !target.label.has(l))
        {
            out.push(
                Problem::error(
                    format!("{path}.label.{}", lang.code()),
                    ProblemCode::EmptyText,
                    format!(
                        "target `{}` needs a Vietnamese and an English label",
                        target.id
                    ),
                )
                .with_vi(format!(
                    "chỉ tiêu `{}` cần tên bằng tiếng Việt và tiếng Anh",
                    target.id
                )),
            );
        }
        let unit = target.threshold.unit();
        let is_percent = matches!(unit, Unit::Percent);
        let value = target.threshold.value();
        if matches!(target.measure, Measure::Share { .. }) && target.growth.is_none() {
            if value > rust_decimal::Decimal::ONE_HUNDRED {
                out.push(
                    Problem::error(
                        format!("{path}.threshold"),
                        ProblemCode::PercentOutOfRange,
                        format!(
                            "share threshold {value}% of `{}` is outside 0..=100",
                            target.id
                        ),
                    )
                    .with_vi(format!(
                        "ngưỡng tỷ lệ {value}% của `{}` nằm ngoài khoảng 0..=100",
                        target.id
                    )),
                );
            }
            if let Some(b) = &target.baseline {
                if b.value < rust_decimal::Decimal::ZERO
                    || b.value > rust_decimal::Decimal::ONE_HUNDRED
                {
                    out.push(
                        Problem::error(
                            format!("{path}.baseline.value"),
                            ProblemCode::PercentOutOfRange,
                            format!(
                                "share baseline {}% of `{}` is outside 0..=100",
                                b.value, target.id
                            ),
                        )
                        .with_vi(format!(
                            "giá trị gốc tỷ lệ {}% của `{}` nằm ngoài khoảng 0..=100",
                            b.value, target.id
                        )),
                    );
                }
            }
        }
        if target.accumulation.is_some() && !matches!(target.measure, Measure::Reported) {
            out.push(Problem::error(
                format!("{path}.accumulation"),
                ProblemCode::InconsistentMeasure,
                format!(
                    "target `{}`: only a reported target adds up yearly values or takes the latest",
                    target.id
                ),
            )
.with_vi(format!("chỉ tiêu `{}`: chỉ chỉ tiêu báo cáo mới cộng dồn giá trị các năm hoặc lấy giá trị mới nhất", target.id)));
        }
        if target.breakdown.is_some()
            && (target.growth.is_some()
                || matches!(target.measure, Measure::Reported | Measure::Against { .. }))
        {
            out.push(Problem::error(
                format!("{path}.breakdown"),
                ProblemCode::InconsistentMeasure,
                format!(
                    "target `{}`: a breakdown applies to a registry measure that is not against an external figure nor a growth",
                    target.id
                ),
            )
.with_vi(format!("chỉ tiêu `{}`: chỉ phân tổ được chỉ tiêu tính từ sổ đăng ký, không so với số liệu bên ngoài, không phải tăng trưởng", target.id)));
        }
        if let Some(per_place) = &target.places {
            use crate::plan::PlaceQuantifier;
            let why = if target.breakdown.is_some() {
                Some((
                    "a per-place target gives its places, it takes no breakdown too",
                    "chỉ tiêu theo từng địa bàn đã cho các địa bàn của nó, không phân tổ thêm",
                ))
            } else if target.growth.is_some()
                || matches!(target.measure, Measure::Reported | Measure::Against { .. })
            {
                Some(("a per-place target is a registry measure that is not against an external figure nor a growth", "chỉ tiêu theo từng địa bàn là chỉ tiêu tính từ sổ đăng ký, không so với số liệu bên ngoài, không phải tăng trưởng"))
            } else if matches!(per_place.quantifier, PlaceQuantifier::Coverage)
                && !matches!(target.measure, Measure::Count { .. } | Measure::New { .. })
            {
                Some(("coverage counts the places that have at least one matching organisation: its measure is a count", "độ phủ đếm các địa bàn có ít nhất một tổ chức phù hợp: phép đo của nó là phép đếm"))
            } else if matches!(per_place.quantifier, PlaceQuantifier::Mean)
                && !matches!(
                    target.measure,
                    Measure::Count { .. } | Measure::New { .. } | Measure::Sum { .. }
                )
            {
                Some(("a mean per place divides a total by the number of places: its measure is a count or a sum", "bình quân mỗi địa bàn chia tổng cho số địa bàn: phép đo của nó là phép đếm hoặc phép cộng"))
            } else if per_place
                .with_attribute
                .as_deref()
                .is_some_and(|a| a.trim().is_empty())
            {
                Some((
                    "the attribute the places must have is empty",
                    "thuộc tính địa bàn phải có để trống",
                ))
            } else {
                None
            };
            if let Some((why, why_vi)) = why {
                out.push(
                    Problem::error(
                        format!("{path}.places"),
                        ProblemCode::InconsistentMeasure,
                        format!("target `{}`: {why}", target.id),
                    )
                    .with_vi(format!("chỉ tiêu `{}`: {why_vi}", target.id)),
                );
            }
        }
        if let Some(growth) = &target.growth {
            let deadline_year = chrono::Datelike::year(&target.deadline);
            if growth.base_year() >= deadline_year {
                out.push(Problem::error(
                    format!("{path}.growth"),
                    ProblemCode::InconsistentMeasure,
                    format!(
                        "target `{}`: the base year {} is not before the deadline's year {deadline_year}",
                        target.id,
                        growth.base_year()
                    ),
                )
.with_vi(format!("chỉ tiêu `{}`: năm gốc {} không trước năm của hạn {deadline_year}", target.id, growth.base_year())));
            }
        }
        let coverage = target
            .places
            .as_ref()
            .is_some_and(|p| matches!(p.quantifier, crate::plan::PlaceQuantifier::Coverage));
        let unit_problem = match &target.measure {
            // Coverage is the share of places, in percent.
            _ if coverage => (!is_percent).then(|| {
                (
                    format!(
                        "coverage is a share of places in percent, but the threshold's unit is {unit}"
                    ),
                    format!(
                        "độ phủ là tỷ lệ địa bàn tính bằng phần trăm, nhưng đơn vị của ngưỡng là {}",
                        unit.label(Lang::Vi)
                    ),
                )
            }),
            _ if target.growth.is_some() => {
                use crate::threshold::Comparator;
                if !is_percent {
                    Some((
                        format!(
                            "a growth target's threshold is a percent of growth, but its unit is {unit}"
                        ),
                        format!(
                            "ngưỡng của chỉ tiêu tăng trưởng là phần trăm tăng, nhưng đơn vị của nó là {}",
                            unit.label(Lang::Vi)
                        ),
                    ))
                } else if !matches!(
                    target.threshold.comparator(),
                    Comparator::GreaterThan
                        | Comparator::AtLeast
                        | Comparator::LessThan
                        | Comparator::AtMost
                ) {
                    Some((
                        format!(
                            "a growth target compares with more than, at least, less than or at most, not `{}`",
                            target.threshold
                        ),
                        format!(
                            "chỉ tiêu tăng trưởng so sánh bằng trên, ít nhất, dưới hoặc tối đa, không phải `{}`",
                            target.threshold
                        ),
                    ))
                } else {
                    None
                }
            }
            Measure::Share { .. } | Measure::RatioOfSums { .. } if !is_percent => Some((
                format!(
                    "a {} is in percent, but the threshold's unit is {unit}",
                    target.measure.kind().label(Lang::En)
                ),
                format!(
                    "{} tính bằng phần trăm, nhưng đơn vị của ngưỡng là {}",
                    target.measure.kind().label(Lang::Vi),
                    unit.label(Lang::Vi)
                ),
            )),
            Measure::Count { .. }
            | Measure::New { .. }
            | Measure::Sum { .. }
            | Measure::Mean { .. }
                if is_percent =>
            {
                Some((
                    format!(
                        "a {} is not in percent, but the threshold is",
                        target.measure.kind().label(Lang::En)
                    ),
                    format!(
                        "{} không tính bằng phần trăm, nhưng ngưỡng thì có",
                        target.measure.kind().label(Lang::Vi)
                    ),
                ))
            }
            Measure::Against { scale, .. } => {
                if (*scale == FigureScale::Percent) != is_percent {
                    Some((
                        format!("the figure scale is {scale:?} but the threshold's unit is {unit}"),
                        format!(
                            "thang của số liệu là {scale:?} nhưng đơn vị của ngưỡng là {}",
                            unit.label(Lang::Vi)
                        ),
                    ))
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some((message, message_vi)) = unit_problem {
            out.push(
                Problem::error(
                    format!("{path}.measure"),
                    ProblemCode::InconsistentMeasure,
                    format!("target `{}`: {message}", target.id),
                )
                .with_vi(format!("chỉ tiêu `{}`: {message_vi}", target.id)),
            );
        }
        for (name, field) in target.measure.fields() {
            if let Field::Extension { name: ext } = field {
                if let Some((why, why_vi)) = field_name_problem(ext, true, true) {
                    out.push(
                        Problem::error(
                            format!("{path}.measure.{name}.name"),
                            ProblemCode::UnknownField,
                            format!("target `{}`: {why}", target.id),
                        )
                        .with_vi(format!("chỉ tiêu `{}`: {why_vi}", target.id)),
                    );
                }
            }
        }
        for (name, filter) in target.measure.filters() {
            let depth = filter.depth();
            if depth <= MAX_FILTER_DEPTH {
                check_filter_fields(&format!("{path}.measure.{name}"), &target.id, filter, out);
            }
            if depth > MAX_FILTER_DEPTH {
                out.push(
                    Problem::error(
                        format!("{path}.measure.{name}"),
                        ProblemCode::FilterTooDeep,
                        format!(
                            "filter nests {depth} deep, more than the {MAX_FILTER_DEPTH} allowed"
                        ),
                    )
                    .with_vi(format!(
                        "bộ lọc lồng {depth} cấp, quá {MAX_FILTER_DEPTH} cấp cho phép"
                    )),
                );
            }
        }
        if let Some(issued) = self.issued {
            if target.deadline < issued {
                out.push(
                    Problem::error(
                        format!("{path}.deadline"),
                        ProblemCode::DeadlineBeforeIssue,
                        format!(
                            "deadline {} of `{}` is before the plan's date of issue {issued}",
                            target.deadline, target.id
                        ),
                    )
                    .with_vi(format!(
                        "hạn {} của `{}` trước ngày ban hành kế hoạch {issued}",
                        target.deadline, target.id
                    )),
                );
            }
        }
        if let Some(period) = self.period {
            if !period.contains(target.deadline) {
                out.push(
                    Problem::error(
                        format!("{path}.deadline"),
                        ProblemCode::DeadlineOutsidePeriod,
                        format!(
                            "deadline {} of `{}` is outside the plan's period {period}",
                            target.deadline, target.id
                        ),
                    )
                    .with_vi(format!(
                        "hạn {} của `{}` nằm ngoài thời kỳ của kế hoạch {period}",
                        target.deadline, target.id
                    )),
                );
            }
        }
        if let Some(b) = &target.baseline {
            if b.at > target.deadline {
                out.push(
                    Problem::warning(
                        format!("{path}.baseline.at"),
                        ProblemCode::BaselineAfterDeadline,
                        format!(
                            "baseline of `{}` is dated {} after its deadline {}",
                            target.id, b.at, target.deadline
                        ),
                    )
                    .with_vi(format!(
                        "giá trị gốc của `{}` ghi ngày {}, sau hạn {}",
                        target.id, b.at, target.deadline
                    )),
                );
            }
        }
    }
}

/// The canonical set of conjuncts of a filter, for comparing populations.
/// Refuses size and yes-or-no filters that name no field a registry can
/// hold, anywhere in `filter` (walked without recursion).
fn check_filter_fields(path: &str, target: &TargetId, filter: &Filter, out: &mut Problems) {
    let mut stack = vec![(filter, path.to_owned())];
    while let Some((f, at)) = stack.pop() {
        let problem = match f {
            Filter::Number { name, .. } => field_name_problem(name, true, false),
            Filter::Boolean { name, .. } => field_name_problem(name, false, false),
            Filter::All { of } | Filter::Any { of } => {
                for (i, child) in of.iter().enumerate().rev() {
                    stack.push((child, format!("{at}.of[{i}]")));
                }
                None
            }
            Filter::Not { filter } => {
                stack.push((filter, format!("{at}.filter")));
                None
            }
            _ => None,
        };
        if let Some((why, why_vi)) = problem {
            out.push(
                Problem::error(
                    format!("{at}.name"),
                    ProblemCode::UnknownField,
                    format!("target `{target}`: {why}"),
                )
                .with_vi(format!("chỉ tiêu `{target}`: {why_vi}")),
            );
        }
    }
}

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
            )
.with_vi(format!("`{}` là phần \"trong đó\" của `{}`, nên mẫu số phải là nhóm tử số của chỉ tiêu cha `{}`, không phải `{}`", child.id, parent.id, Filter::all([parent_den.clone(), parent_num.clone()]), child_den)));
        }
    }
}

/// Whether what a document is called ("Kế hoạch") contradicts the type code
/// of its number (`1206/QĐ-UBND`), and how: the conflict is the one
/// [`Citation::kind_conflict`](crate::doc::Citation::kind_conflict)
/// decides for a citation (a Party `QĐ` may be a regulation, a joint
/// circular is a circular), and a named type whose number has no type code.
fn type_mismatch(called: &str, doc: &DocRef) -> Option<(String, String)> {
    let kind = DocKind::from_name(called)?;
    let mut cite = crate::doc::Citation::new(doc.clone());
    cite.kind = Some(kind);
    let conflict = cite.kind_conflict().is_some();
    match (kind.doc_type(), doc.doc_type()) {
        (Some(named), Some(coded)) if conflict => Some((
            format!(
                "the document is called `{called}` ({}) but its number `{doc}` has the type code {} ({})",
                named.code(),
                coded.code(),
                coded.name_vi()
            ),
            format!(
                "văn bản mang tên `{called}` ({}) nhưng số hiệu `{doc}` có mã loại {} ({})",
                named.code(),
                coded.code(),
                coded.name_vi()
            ),
        )),
        (Some(named), None) => Some((
            format!(
                "the document is called `{called}` ({}) but its number `{doc}` has no type code",
                named.code()
            ),
            format!(
                "văn bản mang tên `{called}` ({}) nhưng số hiệu `{doc}` không có mã loại",
                named.code()
            ),
        )),
        (None, Some(coded)) if conflict => Some((
            format!(
                "the document is called `{called}` (an official letter, no type code) but its number `{doc}` has the type code {}",
                coded.code()
            ),
            format!(
                "văn bản mang tên `{called}` (công văn, không có mã loại) nhưng số hiệu `{doc}` có mã loại {}",
                coded.code()
            ),
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::agency::{Agency, AgencyId, AgencyLevel};
    use crate::docref::Citation;
    use crate::ids::{PlanId, TargetId, TaskId};
    use crate::org::{Flag, OrgKind};
    use crate::plan::{Filter, Measure, Period, Plan, Population, Target, Task};
    use crate::{ProblemCode, Severity, Threshold};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn agency(id: &str) -> Agency {
        Agency::new(AgencyId::new(id).unwrap(), id, id, AgencyLevel::Province)
    }

    fn target(id: &str, measure: Measure, threshold: &str) -> Target {
        Target::new(
            TargetId::new(id).unwrap(),
            "nhãn",
            "label",
            measure,
            threshold.parse::<Threshold>().unwrap(),
            d(2030, 12, 31),
        )
    }

    fn share(numerator: Filter, denominator: Filter) -> Measure {
        Measure::Share {
            numerator,
            denominator,
            population: Population::Active,
        }
    }

    fn base() -> Plan {
        let mut plan = Plan::new(PlanId::new("t").unwrap(), "Kế hoạch", "UBND tỉnh");
        plan.issued = Some(d(2023, 5, 30));
        plan.period = Some(Period {
            start: d(2023, 5, 30),
            end: d(2030, 12, 31),
        });
        plan.agencies = vec![agency("a"), agency("b")];
        plan
    }

    fn messages(plan: &Plan) -> Vec<String> {
        plan.validate().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_clean_plan_has_no_problem() {
        let mut plan = base();
        let mut task = Task::new(TaskId::new("I.1").unwrap(), "Tuyên truyền");
        task.lead.push(AgencyId::new("a").unwrap());
        task.cooperating.push(AgencyId::new("b").unwrap());
        plan.tasks.push(task);
        plan.targets.push(target(
            "s",
            share(Filter::fair_or_better(), Filter::Rated),
            "trên 60%",
        ));
        assert!(plan.validate().is_empty(), "{}", plan.validate());
    }

    #[test]
    fn every_problem_is_reported_at_once_with_its_path() {
        let mut plan = base();
        let mut t1 = Task::new(TaskId::new("I.1").unwrap(), "A");
        t1.lead.push(AgencyId::new("a").unwrap());
        t1.cooperating.push(AgencyId::new("a").unwrap());
        let t2 = Task::new(TaskId::new("I.1").unwrap(), "B");
        let mut t3 = Task::new(TaskId::new("I.3").unwrap(), "C");
        t3.lead.push(AgencyId::new("zzz").unwrap());
        plan.tasks = vec![t1, t2, t3];
        let mut over = target(
            "over",
            share(Filter::Rated, Filter::Everything),
            "ít nhất 120%",
        );
        over.deadline = d(2022, 12, 31);
        let mut orphan = target("orphan", Measure::Reported, "ít nhất 5");
        orphan.parent = Some(TargetId::new("nobody").unwrap());
        plan.targets = vec![over.clone(), over, orphan];
        let got = messages(&plan);
        let want = [
            "error[task_without_lead] at tasks[1].lead: task `I.1` has no lead agency (đơn vị chủ trì)",
            "error[duplicate_task_id] at tasks[1].id: duplicate task id `I.1`: already used by tasks[0]",
            "warning[agency_leads_and_cooperates] at tasks[0].cooperating[0]: agency `a` both leads and cooperates on task `I.1`",
            "error[unknown_agency] at tasks[2].lead[0]: unknown agency `zzz` in task `I.3`: not among the plan's agencies",
            "error[duplicate_target_id] at targets[1].id: duplicate target id `over`: already used by targets[0]",
            "error[percent_out_of_range] at targets[0].threshold: share threshold 120% of `over` is outside 0..=100",
            "error[deadline_before_issue] at targets[0].deadline: deadline 2022-12-31 of `over` is before the plan's date of issue 2023-05-30",
            "error[deadline_outside_period] at targets[0].deadline: deadline 2022-12-31 of `over` is outside the plan's period 2023-05-30..=2030-12-31",
            "error[unknown_parent_target] at targets[2].parent: unknown parent target `nobody` of `orphan`",
        ];
        for w in want {
            assert!(
                got.iter().any(|g| g == w),
                "missing {w}\ngot:\n{}",
                got.join("\n")
            );
        }
    }

    #[test]
    fn parent_cycles_are_found() {
        let mut plan = base();
        let mut a = target("a", Measure::Reported, "ít nhất 1");
        a.parent = Some(TargetId::new("b").unwrap());
        let mut b = target("b", Measure::Reported, "ít nhất 1");
        b.parent = Some(TargetId::new("a").unwrap());
        plan.targets = vec![a, b];
        let problems = plan.validate();
        assert_eq!(
            problems
                .iter()
                .filter(|p| p.code == ProblemCode::ParentCycle)
                .count(),
            2
        );
        assert_eq!(
            problems.iter().next().unwrap().to_string(),
            "error[parent_cycle] at targets[0].parent: target `a` is its own ancestor through its parents"
        );
    }

    #[test]
    fn of_which_child_must_count_among_the_parents_numerator() {
        let mut plan = base();
        let parent = target(
            "p",
            share(Filter::fair_or_better(), Filter::Rated),
            "trên 60%",
        );
        let mut good = target(
            "c",
            share(
                Filter::Flag {
                    flag: Flag::ValueChain,
                },
                Filter::all([Filter::fair_or_better(), Filter::Rated]),
            ),
            "ít nhất 50%",
        );
        good.parent = Some(TargetId::new("p").unwrap());
        let mut bad = good.clone();
        bad.id = TargetId::new("bad").unwrap();
        bad.measure = share(
            Filter::Flag {
                flag: Flag::ValueChain,
            },
            Filter::Rated,
        );
        plan.targets = vec![parent, good, bad];
        let problems = plan.validate();
        assert_eq!(problems.len(), 1, "{problems}");
        let p = problems.iter().next().unwrap();
        assert_eq!(p.code, ProblemCode::ChildDenominatorMismatch);
        assert_eq!(p.path, "targets[2].measure.denominator");
    }

    #[test]
    fn source_inconsistencies_are_warnings() {
        let mut plan = base();
        plan.doc = Some("1206/QĐ-UBND".parse().unwrap());
        plan.called = Some("Kế hoạch".into());
        plan.self_citations.push(Citation::dated(
            "1206/QĐ-UBND".parse().unwrap(),
            d(2023, 5, 31),
        ));
        let got = messages(&plan);
        assert_eq!(
            got,
            [
                "warning[doc_type_mismatch] at doc: the document is called `Kế hoạch` (KH) but its number `1206/QĐ-UBND` has the type code QĐ (Quyết định)",
                "warning[cross_reference_date_mismatch] at self_citations[0].date: the text cites `1206/QĐ-UBND` as dated 31/05/2023 but the plan is dated 30/05/2023",
            ]
        );
        assert!(plan
            .validate()
            .iter()
            .all(|p| p.severity == Severity::Warning));
    }

    #[test]
    fn units_must_fit_the_measure() {
        let mut plan = base();
        plan.targets = vec![
            target(
                "c",
                Measure::Count {
                    filter: Filter::kind(OrgKind::Cooperative),
                    population: Population::Active,
                },
                "trên 60%",
            ),
            target(
                "s",
                share(Filter::Rated, Filter::Everything),
                "ít nhất 5 hợp tác xã",
            ),
        ];
        let codes: Vec<_> = plan
            .validate()
            .iter()
            .map(|p| (p.path.clone(), p.code))
            .collect();
        assert_eq!(
            codes,
            [
                (
                    "targets[0].measure".to_owned(),
                    ProblemCode::InconsistentMeasure
                ),
                (
                    "targets[1].measure".to_owned(),
                    ProblemCode::InconsistentMeasure
                )
            ]
        );
    }

    #[test]
    fn deep_filters_are_refused() {
        let mut plan = base();
        let mut f = Filter::Rated;
        for _ in 0..40 {
            f = Filter::not(f);
        }
        plan.targets = vec![target("deep", share(f, Filter::Everything), "trên 60%")];
        assert!(plan.validate().contains(ProblemCode::FilterTooDeep));
    }
}
