//! Building a plan in code: [`PlanBuilder`], which parses the plans' own
//! wording (document numbers, thresholds, schedules, dates) as it goes and
//! reports every problem at once when the plan is built.

use chrono::NaiveDate;

use crate::agency::{Agency, AgencyDirectory, AgencyId};
use crate::docref::DocRef;
use crate::error::{Problem, ProblemCode, Problems};
use crate::ids::{PlanId, SectionId, TargetId, TaskId};
use crate::plan::target::{Baseline, Measure, Target};
use crate::plan::task::{Section, Task};
use crate::plan::{Assumption, Period, Plan};
use crate::schedule::Schedule;
use crate::threshold::Threshold;

/// Builds a [`Plan`] in code (lập kế hoạch bằng mã), reading values as the
/// plans write them: `"363/KH-UBND"`, `"trên 60%"`, `"Hàng năm"`,
/// `"2030-12-31"` or `"31/12/2030"`.
///
/// Each call that adds a target or a task makes it the *current* one, and
/// the calls after it (`of_which`, `lead`, `schedule` ...) apply to it.
/// Nothing fails before [`PlanBuilder::build`], which returns the plan, or
/// every problem at once: the values that did not parse, each with its path
/// (`targets[1].threshold`), then what [`Plan::validate`] finds.
///
/// ```
/// use hoptac::{Filter, Measure, org::OrgKind, Plan};
/// let plan = Plan::builder("demo-2030", "Kế hoạch phát triển kinh tế tập thể", "UBND tỉnh Nghệ An")
///     .doc("363/KH-UBND")
///     .issued("30/5/2023")
///     .period("2023-05-30", "2030-12-31")
///     .standard_agencies()
///     .target("htx.count", "Khoảng 1.200 hợp tác xã", "About 1,200 cooperatives",
///         Measure::count(Filter::kind(OrgKind::Cooperative)), "khoảng 1.200 hợp tác xã", "2030")
///     .task("I.1", "Tuyên truyền về kinh tế tập thể")
///     .lead("so-tai-chinh")
///     .cooperating("lmhtx")
///     .schedule("Hàng năm")
///     .build()?;
/// assert_eq!(plan.targets.len(), 1);
/// assert_eq!(plan.tasks[0].lead[0].as_str(), "so-tai-chinh");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct PlanBuilder {
    plan: Plan,
    problems: Problems,
    current: Current,
    /// Targets and tasks asked for so far, whether or not they parsed: the
    /// index in a problem's path.
    targets_asked: usize,
    tasks_asked: usize,
}

#[derive(Debug, Clone, Copy)]
enum Current {
    Nothing,
    Target(usize),
    Task(usize),
    /// The last target or task did not parse: its problem is reported, and
    /// the calls that would have applied to it add none of their own.
    Failed,
}

impl Plan {
    /// A [`PlanBuilder`] for a plan with this id (a slug such as
    /// `nghe-an-363-2023`), title and issuer.
    ///
    /// ```
    /// let plan = hoptac::Plan::builder("demo", "Kế hoạch", "UBND tỉnh").build()?;
    /// assert_eq!(plan.id.as_str(), "demo");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(id: &str, title: impl Into<String>, issuer: impl Into<String>) -> PlanBuilder {
        let mut problems = Problems::new();
        let plan_id = match PlanId::new(id) {
            Ok(id) => id,
            Err(e) => {
                problems.push(
                    Problem::error("id", ProblemCode::InvalidValue, e.to_string())
                        .with_vi(e.text(crate::Lang::Vi)),
                );
                // A placeholder that is never returned: build() fails.
                PlanId::new("invalid").unwrap_or_else(|_| unreachable!("a valid slug"))
            }
        };
        PlanBuilder {
            plan: Plan::new(plan_id, title, issuer),
            problems,
            current: Current::Nothing,
            targets_asked: 0,
            tasks_asked: 0,
        }
    }
}

/// A date as plans and programs write it: `YYYY-MM-DD`, `dd/mm/yyyy`, or a
/// bare year meaning its last day (a deadline "đến năm 2030").
fn parse_date(text: &str) -> Result<NaiveDate, (String, String)> {
    let t = text.trim();
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        if let Some(d) = t
            .parse::<i32>()
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31))
        {
            return Ok(d);
        }
    }
    if let Ok(d) = t.parse::<NaiveDate>() {
        return Ok(d);
    }
    crate::docref::parse_vi_date(t).map_err(|_| {
        let quoted = crate::text::excerpt(text, 64);
        (
            format!("invalid date `{quoted}`: expected YYYY-MM-DD, dd/mm/yyyy or a year"),
            format!("ngày `{quoted}` không hợp lệ: cần YYYY-MM-DD, dd/mm/yyyy hoặc một năm"),
        )
    })
}

/// A parse error's message in English and in Vietnamese.
fn said(e: &crate::ParseError) -> (String, String) {
    (e.to_string(), e.text(crate::Lang::Vi))
}

impl PlanBuilder {
    fn fail(&mut self, path: String, (message, vi): (String, String)) {
        self.problems
            .push(Problem::error(path, ProblemCode::InvalidValue, message).with_vi(vi));
    }

    fn date(&mut self, path: &str, text: &str) -> Option<NaiveDate> {
        match parse_date(text) {
            Ok(d) => Some(d),
            Err(message) => {
                self.fail(path.to_owned(), message);
                None
            }
        }
    }

    /// The plan's title in English.
    pub fn title_en(mut self, title: impl Into<String>) -> Self {
        self.plan.title.en = Some(title.into());
        self
    }

    /// Its document number (số ký hiệu), such as `363/KH-UBND`.
    pub fn doc(mut self, number: &str) -> Self {
        match number.parse::<DocRef>() {
            Ok(doc) => self.plan.doc = Some(doc),
            Err(e) => self.fail("doc".into(), said(&e)),
        }
        self
    }

    /// What the document calls itself ("Kế hoạch", "Công văn").
    pub fn called(mut self, called: impl Into<String>) -> Self {
        self.plan.called = Some(called.into());
        self
    }

    /// The province whose organisations it counts.
    pub fn province(mut self, province: impl Into<String>) -> Self {
        self.plan.province = Some(province.into());
        self
    }

    /// Its date of issue.
    pub fn issued(mut self, date: &str) -> Self {
        self.plan.issued = self.date("issued", date);
        self
    }

    /// The span of time it covers, both ends included.
    pub fn period(mut self, start: &str, end: &str) -> Self {
        let start = self.date("period.start", start);
        let end = self.date("period.end", end);
        if let (Some(start), Some(end)) = (start, end) {
            self.plan.period = Some(Period { start, end });
        }
        self
    }

    /// The standard agencies of a province
    /// ([`AgencyDirectory::standard_province`]): departments, the
    /// Cooperative Alliance, district and commune committees, with the 2025
    /// reform's successions.
    pub fn standard_agencies(mut self) -> Self {
        self.plan
            .agencies
            .extend(AgencyDirectory::standard_province().into_vec());
        self
    }

    /// One more agency.
    pub fn agency(mut self, agency: Agency) -> Self {
        self.plan.agencies.push(agency);
        self
    }

    /// A section (mục) of tasks.
    pub fn section(mut self, id: &str, title: impl Into<String>) -> Self {
        let path = format!("sections[{}].id", self.plan.sections.len());
        match SectionId::new(id) {
            Ok(id) => self.plan.sections.push(Section::new(id, title)),
            Err(e) => self.fail(path, said(&e)),
        }
        self
    }

    /// A recorded reading of the text (an assumption made when encoding it).
    pub fn assumption(mut self, about: impl Into<String>, text: impl Into<String>) -> Self {
        self.plan.assumptions.push(Assumption {
            about: Some(about.into()),
            text: text.into(),
        });
        self
    }

    /// A target: its id, labels, measure, threshold as the plan writes it
    /// ("trên 60%") and deadline (a date or a year). It becomes the current
    /// target.
    pub fn target(
        mut self,
        id: &str,
        label_vi: impl Into<String>,
        label_en: impl Into<String>,
        measure: Measure,
        threshold: &str,
        deadline: &str,
    ) -> Self {
        let i = self.plan.targets.len();
        let path = format!("targets[{}]", self.targets_asked);
        self.targets_asked += 1;
        let id = TargetId::new(id).map_err(|e| self.fail(format!("{path}.id"), said(&e)));
        let threshold = threshold
            .parse::<Threshold>()
            .map_err(|e| self.fail(format!("{path}.threshold"), said(&e)));
        let deadline = self.date(&format!("{path}.deadline"), deadline);
        match (id, threshold, deadline) {
            (Ok(id), Ok(threshold), Some(deadline)) => {
                self.plan.targets.push(Target::new(
                    id, label_vi, label_en, measure, threshold, deadline,
                ));
                self.current = Current::Target(i);
            }
            _ => self.current = Current::Failed,
        }
        self
    }

    fn on_target(&mut self, what: &str) -> Option<&mut Target> {
        match self.current {
            Current::Target(i) => self.plan.targets.get_mut(i),
            // Its own problem is reported; what follows it has no target.
            Current::Failed => None,
            _ => {
                self.fail(
                    format!("targets[{}]", self.targets_asked),
                    (
                        format!("`{what}` follows no target: call `target` first"),
                        format!("`{what}` không đi sau chỉ tiêu nào: gọi `target` trước"),
                    ),
                );
                None
            }
        }
    }

    /// The current target is "of which" (trong đó) part of `parent`.
    pub fn of_which(mut self, parent: &str) -> Self {
        let parent = TargetId::new(parent);
        let i = self.targets_asked.saturating_sub(1);
        match parent {
            Ok(parent) => {
                if let Some(t) = self.on_target("of_which") {
                    t.parent = Some(parent);
                }
            }
            Err(e) => self.fail(format!("targets[{i}].parent"), said(&e)),
        }
        self
    }

    /// A known earlier value of the current target, at a date.
    pub fn baseline(mut self, value: rust_decimal::Decimal, at: &str) -> Self {
        let i = self.targets_asked.saturating_sub(1);
        if let Some(at) = self.date(&format!("targets[{i}].baseline.at"), at) {
            if let Some(t) = self.on_target("baseline") {
                t.baseline = Some(Baseline {
                    value,
                    at,
                    source: None,
                });
            }
        }
        self
    }

    /// The plan's own words for the current target.
    pub fn source_text(mut self, text: impl Into<String>) -> Self {
        if let Some(t) = self.on_target("source_text") {
            t.source_text = Some(text.into());
        }
        self
    }

    /// A task (nhiệm vụ): its id (`I.1`) and text. It becomes the current
    /// task.
    pub fn task(mut self, id: &str, text: impl Into<String>) -> Self {
        let asked = self.tasks_asked;
        self.tasks_asked += 1;
        match TaskId::new(id) {
            Ok(id) => {
                self.current = Current::Task(self.plan.tasks.len());
                self.plan.tasks.push(Task::new(id, text));
            }
            Err(e) => {
                self.fail(format!("tasks[{asked}].id"), said(&e));
                self.current = Current::Failed;
            }
        }
        self
    }

    fn on_task(&mut self, what: &str, apply: impl FnOnce(&mut Task, &mut Problems, usize)) {
        let asked = self.tasks_asked.saturating_sub(1);
        match self.current {
            Current::Task(i) => {
                if let Some(task) = self.plan.tasks.get_mut(i) {
                    apply(task, &mut self.problems, asked);
                }
            }
            // Its own problem is reported; what follows it has no task.
            Current::Failed => {}
            _ => self.fail(
                format!("tasks[{}]", self.tasks_asked),
                (
                    format!("`{what}` follows no task: call `task` first"),
                    format!("`{what}` không đi sau nhiệm vụ nào: gọi `task` trước"),
                ),
            ),
        }
    }

    fn agency_ids(mut self, what: &'static str, ids: &str) -> Self {
        self.on_task(what, |task, problems, i| {
            for (j, id) in ids.split(',').map(str::trim).enumerate() {
                let n = if what == "lead" {
                    task.lead.len()
                } else {
                    task.cooperating.len()
                };
                match AgencyId::new(id) {
                    Ok(id) if what == "lead" => task.lead.push(id),
                    Ok(id) => task.cooperating.push(id),
                    Err(e) => problems.push(
                        Problem::error(
                            format!("tasks[{i}].{what}[{}]", n + j),
                            ProblemCode::InvalidValue,
                            e.to_string(),
                        )
                        .with_vi(e.text(crate::Lang::Vi)),
                    ),
                }
            }
        });
        self
    }

    /// The current task's lead agency (đơn vị chủ trì), by id; several ids
    /// may be given separated by commas.
    pub fn lead(self, agency: &str) -> Self {
        self.agency_ids("lead", agency)
    }

    /// The current task's cooperating agencies (đơn vị phối hợp), by id,
    /// separated by commas.
    pub fn cooperating(self, agencies: &str) -> Self {
        self.agency_ids("cooperating", agencies)
    }

    /// The current task's schedule as the plan writes it ("Hàng năm",
    /// "2023-2030", "Quý IV/2023").
    pub fn schedule(mut self, schedule: &str) -> Self {
        let parsed = schedule.parse::<Schedule>();
        self.on_task("schedule", |task, problems, i| match parsed {
            Ok(s) => task.schedule = Some(s),
            Err(e) => problems.push(
                Problem::error(
                    format!("tasks[{i}].schedule"),
                    ProblemCode::InvalidValue,
                    e.to_string(),
                )
                .with_vi(e.text(crate::Lang::Vi)),
            ),
        });
        self
    }

    /// The section the current task belongs to.
    pub fn in_section(mut self, section: &str) -> Self {
        let parsed = SectionId::new(section);
        self.on_task("in_section", |task, problems, i| match parsed {
            Ok(s) => task.section = Some(s),
            Err(e) => problems.push(
                Problem::error(
                    format!("tasks[{i}].section"),
                    ProblemCode::InvalidValue,
                    e.to_string(),
                )
                .with_vi(e.text(crate::Lang::Vi)),
            ),
        });
        self
    }

    /// The plan, or its problems: every value that did not parse, each with
    /// the path it would have had; when all parsed, the errors and warnings
    /// of [`Plan::validate`]. A plan with warnings only is returned (its
    /// warnings are one `validate` away).
    ///
    /// # Errors
    ///
    /// [`Problems`] holding at least one error.
    ///
    /// ```
    /// use hoptac::{Filter, Measure, Plan, ProblemCode};
    /// let problems = Plan::builder("demo", "Kế hoạch", "UBND tỉnh")
    ///     .target("a", "A", "A", Measure::count(Filter::Everything), "trên sáu mươi", "2030")
    ///     .task("I.1", "Tuyên truyền")
    ///     .build()
    ///     .unwrap_err();
    /// let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    /// assert_eq!(paths, ["targets[0].threshold"]);
    /// assert!(problems.contains(ProblemCode::InvalidValue));
    ///
    /// let problems = Plan::builder("demo", "Kế hoạch", "UBND tỉnh").task("I.1", "Tuyên truyền").build().unwrap_err();
    /// assert!(problems.contains(ProblemCode::TaskWithoutLead));
    /// ```
    pub fn build(self) -> Result<Plan, Problems> {
        if !self.problems.is_empty() {
            // Paths of a plan missing the values that failed would be off.
            return Err(self.problems);
        }
        let problems = self.plan.validate();
        if problems.has_errors() {
            Err(problems)
        } else {
            Ok(self.plan)
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::plan::{Filter, Measure, Plan};

    #[test]
    fn a_failed_target_or_task_is_reported_once() {
        let problems = Plan::builder("demo", "Kế hoạch", "UBND tỉnh")
            .target(
                "a",
                "A",
                "A",
                Measure::count(Filter::Everything),
                "trên sáu mươi",
                "2030",
            )
            .of_which("b")
            .source_text("x")
            .task("I 1", "Tuyên truyền")
            .lead("so-tai-chinh")
            .schedule("Hàng năm")
            .build()
            .unwrap_err();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["targets[0].threshold", "tasks[0].id"]);
    }

    #[test]
    fn a_call_with_nothing_before_it_is_a_problem() {
        let problems = Plan::builder("demo", "Kế hoạch", "UBND tỉnh")
            .lead("so-tai-chinh")
            .build()
            .unwrap_err();
        assert_eq!(
            problems.iter().next().map(|p| p.path.as_str()),
            Some("tasks[0]")
        );
    }
}
