//! Tasks at the as-of date: schedule state, latest report, lateness, and a
//! summary per agency (following successors).

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::agency::{AgencyDirectory, AgencyId};
use crate::bilingual::Bilingual;
use crate::engine::EvalError;
use crate::error::Problems;
use crate::ids::TaskId;

use crate::lang::{Labelled, Lang};
use crate::plan::Plan;
use crate::schedule::ScheduleState;
use crate::vocab::code_enum;

code_enum! {
/// What an agency reported of a task for a year (tình hình thực hiện).
///
/// ```
/// use hoptac::{Labelled, Lang, report::TaskStatus};
/// assert_eq!(TaskStatus::Done.label(Lang::Vi), "đã hoàn thành");
/// ```
pub enum TaskStatus[4] as "task status" in "report::" {
        /// Not started (chưa triển khai).
        NotStarted = "not_started", vi "chưa triển khai", en "not started";
        /// Under way (đang triển khai).
        InProgress = "in_progress", vi "đang triển khai", en "in progress";
        /// Done (đã hoàn thành).
        Done = "done", vi "đã hoàn thành", en "done";
        /// Blocked (vướng mắc).
        Blocked = "blocked", vi "vướng mắc", en "blocked";
    }
}

/// A yearly report on a task (báo cáo nhiệm vụ).
///
/// ```
/// use hoptac::{plan::TaskId, report::TaskReport, report::TaskStatus};
/// let r: TaskReport = serde_json::from_str(r#"{"task":"I.1","year":2024,"status":"done"}"#)?;
/// assert_eq!(r.status, TaskStatus::Done);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TaskReport {
    /// The task.
    pub task: TaskId,
    /// The year reported on.
    pub year: i32,
    /// Its status that year.
    pub status: TaskStatus,
    /// A note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A task at the as-of date.
///
/// ```
/// use hoptac::{catalog, Inputs, Registry, plan::ScheduleState};
/// use chrono::NaiveDate;
/// let plan = catalog::get("nghe-an-363-2023").ok_or("plan")?;
/// let report = plan.evaluate(&Registry::new(), &Inputs::new(NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?))?;
/// let task = report.task("I.1").ok_or("task")?;
/// assert!(task.schedule.is_some());
/// assert!(task.to_string().starts_with("I.1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TaskResult {
    /// The task.
    pub id: TaskId,
    /// What the task is (nội dung nhiệm vụ), as the plan writes it
    /// ([`Task::text`](crate::plan::Task::text)).
    #[serde(default)]
    pub text: Bilingual,
    /// Whether its schedule is running, ended, not started or continuous;
    /// `None` when the task has no schedule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<ScheduleState>,
    /// Who leads it at the as-of date, following successors.
    pub lead: Vec<AgencyId>,
    /// The latest reported status (year and status) up to the as-of year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest: Option<LatestReport>,
    /// Its schedule has ended and it was not reported done.
    pub overdue: bool,
    /// Complete years in which the task was due to run but no report came.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_reports: Vec<i32>,
}

/// The latest report of a task.
///
/// ```
/// use hoptac::{report::LatestReport, report::TaskStatus};
/// let latest = LatestReport { year: 2025, status: TaskStatus::Done, note: None };
/// assert_eq!(latest.to_string(), "done (2025)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LatestReport {
    /// The year.
    pub year: i32,
    /// The status.
    pub status: TaskStatus,
    /// The note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An agency's tasks at the as-of date (tổng hợp theo đơn vị).
///
/// ```
/// use hoptac::{catalog, Inputs, Registry};
/// use chrono::NaiveDate;
/// let plan = catalog::get("nghe-an-363-2023").ok_or("plan")?;
/// let report = plan.evaluate(&Registry::new(), &Inputs::new(NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?))?;
/// // The Department of Planning and Investment's tasks passed to Finance in 2025.
/// assert!(report.agencies.iter().any(|a| a.agency.as_str() == "so-tai-chinh"));
/// assert!(report.agencies.iter().all(|a| a.agency.as_str() != "so-khdt"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AgencySummary {
    /// The agency holding the remit at the as-of date.
    pub agency: AgencyId,
    /// Its name.
    pub name: Bilingual,
    /// Tasks it leads (its own and those of the agencies it succeeded).
    pub tasks_led: usize,
    /// Of those, overdue.
    pub overdue: usize,
    /// Of those, with at least one missing yearly report.
    pub reports_missing: usize,
}

/// The last complete year at `as_of`: its own year when `as_of` is 31
/// December, else the year before.
fn last_complete_year(as_of: NaiveDate) -> i32 {
    if as_of.month() == 12 && as_of.day() == 31 {
        as_of.year()
    } else {
        as_of.year() - 1
    }
}

/// Evaluates every task of `plan` at `as_of`.
pub(crate) fn evaluate_tasks(
    plan: &Plan,
    reports: &[TaskReport],
    as_of: NaiveDate,
) -> Result<(Vec<TaskResult>, Vec<AgencySummary>), EvalError> {
    // A validated plan's agencies always make a directory; should one not,
    // evaluation stops with every problem rather than lose the successions.
    let directory = AgencyDirectory::new(plan.agencies.clone()).map_err(|_| {
        let mut problems = Problems::new();
        problems.extend_prefixed("agencies", AgencyDirectory::check(&plan.agencies));
        EvalError::InvalidPlan(problems)
    })?;
    let holder = |id: &AgencyId| -> AgencyId {
        directory
            .holder_at(id, as_of)
            .map_or_else(|| id.clone(), |a| a.id.clone())
    };
    let mut by_task: BTreeMap<&str, Vec<&TaskReport>> = BTreeMap::new();
    for r in reports {
        by_task.entry(r.task.as_str()).or_default().push(r);
    }
    let first_year = plan
        .issued
        .or(plan.period.map(|p| p.start))
        .map(|d| d.year());
    let last_year = last_complete_year(as_of);
    let mut results = Vec::with_capacity(plan.tasks.len());
    for task in &plan.tasks {
        let mine = by_task
            .get(task.id.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let latest = mine
            .iter()
            .filter(|r| r.year <= as_of.year())
            .max_by_key(|r| r.year)
            .map(|r| LatestReport {
                year: r.year,
                status: r.status,
                note: r.note.clone(),
            });
        let state = task.schedule.as_ref().map(|s| s.status_at(as_of));
        let done = latest
            .as_ref()
            .is_some_and(|l| l.status == TaskStatus::Done);
        let overdue = state == Some(ScheduleState::Ended) && !done;
        let mut missing_reports = Vec::new();
        if let Some(schedule) = &task.schedule {
            // Reports are expected from the later of the plan's first year and
            // the schedule's; with neither known, nothing can be expected.
            let start = match (first_year, schedule.first_year()) {
                (Some(p), Some(s)) => Some(p.max(s)),
                (p, s) => p.or(s),
            };
            for year in start.into_iter().flat_map(|start| start..=last_year) {
                if schedule.is_active_in(year) && !mine.iter().any(|r| r.year == year) {
                    missing_reports.push(year);
                }
            }
        }
        let mut lead: Vec<AgencyId> = Vec::new();
        for id in &task.lead {
            let h = holder(id);
            if !lead.contains(&h) {
                lead.push(h);
            }
        }
        results.push(TaskResult {
            id: task.id.clone(),
            text: task.text.clone(),
            schedule: state,
            lead,
            latest,
            overdue,
            missing_reports,
        });
    }
    let mut summaries: BTreeMap<AgencyId, AgencySummary> = BTreeMap::new();
    for result in &results {
        for id in &result.lead {
            let entry = summaries.entry(id.clone()).or_insert_with(|| {
                let agency = plan.agency(id);
                AgencySummary {
                    agency: id.clone(),
                    name: agency.map_or_else(|| Bilingual::new(id.to_string()), |a| a.name.clone()),
                    tasks_led: 0,
                    overdue: 0,
                    reports_missing: 0,
                }
            });
            entry.tasks_led += 1;
            entry.overdue += usize::from(result.overdue);
            entry.reports_missing += usize::from(!result.missing_reports.is_empty());
        }
    }
    Ok((results, summaries.into_values().collect()))
}

impl fmt::Display for TaskResult {
    /// One line: id, schedule state, latest status, lateness.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.id)?;
        if let Some(state) = &self.schedule {
            write!(f, " {}", state.label(Lang::En))?;
        }
        match &self.latest {
            Some(latest) => write!(f, ", {latest}")?,
            None => f.write_str(", no report")?,
        }
        if self.overdue {
            f.write_str(", overdue")?;
        }
        if !self.missing_reports.is_empty() {
            let years: Vec<String> = self.missing_reports.iter().map(i32::to_string).collect();
            write!(f, ", reports missing for {}", years.join(", "))?;
        }
        Ok(())
    }
}

impl fmt::Display for LatestReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.status, self.year)
    }
}

impl fmt::Display for AgencySummary {
    /// `name_en: 3 tasks, 1 overdue, 2 with reports missing`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} tasks, {} overdue, {} with reports missing",
            self.name.get(Lang::En),
            self.tasks_led,
            self.overdue,
            self.reports_missing
        )
    }
}
