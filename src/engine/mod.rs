//! The progress-evaluation engine: one pass per snapshot into mergeable
//! tallies, then exact values, statuses and explanations.

mod breakdown;
mod finalize;
mod html;
mod note;
mod places;
pub(crate) mod pred;
mod report;
mod scope;
mod tally;
mod tasks;
#[cfg(feature = "xlsx-report")]
mod xlsx_report;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::bilingual::Bilingual;
use crate::error::Problems;
use crate::ids::{PlanId, TargetId};
use crate::plan::{Measure, Plan};
use crate::registry::Registry;

pub use finalize::{
    BaseSource, Breakdown, FigureUsed, GroupResult, GrowthUsed, HistoryPoint, NoDataReason, Pace,
    PaceBasis, TargetResult, TargetStatus,
};
pub use note::{IgnoredInput, IgnoredReason, Note};
pub use places::{Place, PlaceList, PlaceResult, PlacesResult};
pub use pred::FilterTooDeep;
pub use report::ReportTable;
#[cfg(feature = "csv")]
pub(crate) use tally::ensure_valid;
pub use tally::{GroupKey, GroupParts, MergeError, Parts, ScanOptions, Tally, TargetTally};
pub use tasks::{AgencySummary, LatestReport, TaskReport, TaskResult, TaskStatus};
#[cfg(feature = "xlsx-report")]
pub use xlsx_report::XlsxReportError;

/// What an evaluation needs besides the plan and the registry: the as-of
/// date, external figures, reported values and task reports.
///
/// ```
/// use hoptac::Inputs;
/// use chrono::NaiveDate;
/// let mut inputs = Inputs::new(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
/// inputs.figures.insert("population".into(), 3_442_000.into());
/// assert_eq!(inputs.figures["population"], 3_442_000.into());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Inputs {
    /// The date the evaluation speaks of.
    #[serde(with = "crate::serde_util::DateStr")]
    pub as_of: NaiveDate,
    /// External figures by name (`population`, `communes`, ...).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        with = "crate::serde_util::decimal_map"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "BTreeMap<String, crate::serde_util::DecimalOrNumber>")
    )]
    pub figures: BTreeMap<String, Decimal>,
    /// Reported values by target id, for [`Measure::Reported`] targets.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        with = "crate::serde_util::decimal_map"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "BTreeMap<TargetId, crate::serde_util::DecimalOrNumber>")
    )]
    pub reported: BTreeMap<TargetId, Decimal>,
    /// Reported values by target id and year, for reported targets over
    /// several years (added up or the latest, as the target's
    /// `accumulation` says) and for growth of reported values.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        with = "year_values"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(
            with = "BTreeMap<TargetId, BTreeMap<String, crate::serde_util::DecimalOrNumber>>"
        )
    )]
    pub reported_by_year: BTreeMap<TargetId, BTreeMap<i32, Decimal>>,
    /// Base values of growth targets by target id, used when no snapshot
    /// of the base year (or reported value of it) is at hand.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        with = "crate::serde_util::decimal_map"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "BTreeMap<TargetId, crate::serde_util::DecimalOrNumber>")
    )]
    pub base_values: BTreeMap<TargetId, Decimal>,
    /// The list of places (districts, communes, with their attributes) at
    /// a date, for per-place targets
    /// ([`Target::places`](crate::Target::places)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub places: Option<PlaceList>,
    /// Yearly reports on tasks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub task_reports: Vec<TaskReport>,
    /// Keep the ids of the organisations behind each number of the current
    /// snapshot.
    #[serde(default)]
    pub drill_down: bool,
}

impl Inputs {
    /// Inputs with only an as-of date.
    ///
    /// ```
    /// let inputs = hoptac::Inputs::new(chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
    /// assert!(inputs.figures.is_empty() && !inputs.drill_down);
    /// ```
    pub fn new(as_of: NaiveDate) -> Inputs {
        Inputs {
            as_of,
            figures: BTreeMap::new(),
            reported: BTreeMap::new(),
            reported_by_year: BTreeMap::new(),
            base_values: BTreeMap::new(),
            places: None,
            task_reports: Vec::new(),
            drill_down: false,
        }
    }
}

/// `{"target": {"2023": "20", "2024": 25}}`: values by year, as strings or
/// exact JSON numbers.
mod year_values {
    use std::collections::BTreeMap;

    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::ids::TargetId;

    #[derive(Serialize, Deserialize)]
    #[serde(transparent)]
    struct Years(#[serde(with = "crate::serde_util::decimal_map")] BTreeMap<i32, Decimal>);

    pub(super) fn serialize<S: Serializer>(
        v: &BTreeMap<TargetId, BTreeMap<i32, Decimal>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(v.len()))?;
        for (k, years) in v {
            map.serialize_entry(k, &Years(years.clone()))?;
        }
        map.end()
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<TargetId, BTreeMap<i32, Decimal>>, D::Error> {
        let raw: BTreeMap<TargetId, Years> = Deserialize::deserialize(d)?;
        Ok(raw.into_iter().map(|(k, v)| (k, v.0)).collect())
    }
}

/// Why a plan could not be evaluated.
///
/// ```
/// use hoptac::{EvalError, Inputs, Plan, plan::PlanId, Registry, Task, plan::TaskId};
/// let mut plan = Plan::new(PlanId::new("p")?, "Kế hoạch", "UBND");
/// plan.tasks.push(Task::new(TaskId::new("1")?, "Tuyên truyền"));
/// let err = plan.evaluate(&Registry::new(), &Inputs::new(chrono::NaiveDate::MIN)).unwrap_err();
/// assert!(matches!(err, EvalError::InvalidPlan(_)));
/// assert!(err.to_string().contains("task `1` has no lead agency"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// The plan has validation errors.
    #[error("the plan has validation errors:\n{0}")]
    InvalidPlan(Problems),
    /// A filter nests too deep.
    #[error(transparent)]
    FilterTooDeep(#[from] FilterTooDeep),
    /// Tallies could not be merged.
    #[error(transparent)]
    Merge(#[from] MergeError),
}

impl EvalError {
    /// The error for people, in `lang` (English: as `Display` says it).
    ///
    /// ```
    /// use hoptac::{Inputs, Lang, Plan, plan::PlanId, Registry, Task, plan::TaskId};
    /// let mut plan = Plan::new(PlanId::new("p")?, "Kế hoạch", "UBND");
    /// plan.tasks.push(Task::new(TaskId::new("1")?, "Tuyên truyền"));
    /// let err = plan.evaluate(&Registry::new(), &Inputs::new(chrono::NaiveDate::MIN)).unwrap_err();
    /// assert!(err.text(Lang::Vi).starts_with("kế hoạch có lỗi khi kiểm tra:\n"));
    /// assert_eq!(err.text(Lang::En), err.to_string());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn text(&self, lang: crate::Lang) -> String {
        match (lang, self) {
            (crate::Lang::En, _) => self.to_string(),
            (_, EvalError::InvalidPlan(problems)) => {
                format!("kế hoạch có lỗi khi kiểm tra:\n{}", problems.text(lang))
            }
            (_, EvalError::FilterTooDeep(e)) => e.text(lang),
            (_, EvalError::Merge(e)) => e.text(lang),
        }
    }
}

/// The evaluation of a plan at a date (báo cáo đánh giá): every target and
/// task, and a summary per agency.
///
/// Serializes to JSON; prints as a table for people with
/// [`Report::table`] (Vietnamese or English), and `Display` prints the
/// Vietnamese table.
///
/// ```
/// use hoptac::{catalog, Inputs, Registry, Report};
/// use chrono::NaiveDate;
/// let plan = catalog::get("plan-004-2023").ok_or("plan")?;
/// let report = plan.evaluate(&Registry::new(), &Inputs::new(NaiveDate::from_ymd_opt(2023, 12, 31).ok_or("date")?))?;
/// let json = serde_json::to_string(&report)?;
/// assert_eq!(serde_json::from_str::<Report>(&json)?, report);
/// assert!(report.to_string().starts_with("ĐÁNH GIÁ KẾ HOẠCH Kế hoạch của Ủy ban nhân dân tỉnh Cà Mau"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The plan.
    pub plan: PlanId,
    /// The plan's title.
    pub title: Bilingual,
    /// The plan's document number (số, ký hiệu), where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<crate::doc::DocRef>,
    /// What the plan calls itself ("Kế hoạch", "Công văn"), where given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub called: Option<String>,
    /// The date the plan was issued (ngày ban hành), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "crate::serde_util::OptionDateStr")]
    pub issued: Option<NaiveDate>,
    /// Who issued the plan ("UBND tỉnh Nghệ An").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub issuer: String,
    /// The date evaluated.
    #[serde(with = "crate::serde_util::DateStr")]
    pub as_of: NaiveDate,
    /// The date of the snapshot used for registry targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "crate::serde_util::OptionDateStr")]
    pub snapshot: Option<NaiveDate>,
    /// Organisations in that snapshot.
    pub organisations: u64,
    /// Of those, the organisations outside the plan's scope (phạm vi: of
    /// another province than [`Plan::province`]), left out of every target
    /// ([`Tally::outside_scope`]); a note says how many.
    #[serde(default)]
    pub outside_scope: u64,
    /// Dates of the earlier snapshots used for trends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::serde_util::DateStr>"))]
    pub history: Vec<NaiveDate>,
    /// One result per target, in the plan's order.
    pub targets: Vec<TargetResult>,
    /// One result per task, in the plan's order.
    pub tasks: Vec<TaskResult>,
    /// One summary per agency leading tasks at the as-of date.
    pub agencies: Vec<AgencySummary>,
    /// Remarks on the evaluation as a whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

impl Report {
    /// The result of a target.
    ///
    /// ```
    /// # use hoptac::{catalog, Inputs, Registry};
    /// let plan = catalog::get("plan-004-2023").ok_or("plan")?;
    /// let report = plan.evaluate(&Registry::new(), &Inputs::new(chrono::NaiveDate::from_ymd_opt(2023, 12, 31).ok_or("date")?))?;
    /// assert!(report.target("p4.handbooks").is_some());
    /// assert!(report.target("nope").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn target(&self, id: &str) -> Option<&TargetResult> {
        self.targets.iter().find(|t| t.id.as_str() == id)
    }

    /// The result of a task.
    ///
    /// ```
    /// # use hoptac::{catalog, Inputs, Registry};
    /// let plan = catalog::get("quang-nam-2651").ok_or("plan")?;
    /// let report = plan.evaluate(&Registry::new(), &Inputs::new(chrono::NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?))?;
    /// assert_eq!(report.task("1.1").map(|t| t.id.as_str()), Some("1.1"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn task(&self, id: &str) -> Option<&TaskResult> {
        self.tasks.iter().find(|t| t.id.as_str() == id)
    }
}

impl Plan {
    /// Evaluates the plan against a registry history at `inputs.as_of`.
    ///
    /// The latest snapshot on or before the as-of date gives the values;
    /// earlier ones give trends and projections. A target whose deadline
    /// is before the as-of date is judged on the latest snapshot dated on
    /// or before its deadline (lacking one, on the first later one, with a
    /// note): a 2023 target looked at in 2026 is judged on its 2023
    /// figures, and [`TargetResult::snapshot`] names the snapshot used.
    /// Each snapshot is scanned once for all targets.
    ///
    /// # Errors
    ///
    /// [`EvalError::InvalidPlan`] when [`Plan::validate`] finds errors,
    /// [`EvalError::FilterTooDeep`] for a filter nested too deep.
    ///
    /// ```
    /// use hoptac::{catalog, Inputs, Registry, TargetStatus};
    /// use chrono::NaiveDate;
    /// let plan = catalog::get("nghe-an-363-2023").unwrap();
    /// let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    /// let report = plan.evaluate(&Registry::new(), &Inputs::new(as_of))?;
    /// assert_eq!(report.target("na2030.htx.count").unwrap().status, TargetStatus::NoData);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn evaluate(&self, registry: &Registry, inputs: &Inputs) -> Result<Report, EvalError> {
        tally::ensure_valid(self)?;
        let current = match registry.latest_at(inputs.as_of) {
            Some(snap) => Some(Tally::scan_valid(
                self,
                snap,
                ScanOptions {
                    drill_down: inputs.drill_down,
                },
            )?),
            None => None,
        };
        let mut history = Vec::new();
        for snap in registry.up_to(inputs.as_of) {
            if current.as_ref().is_some_and(|c| c.date == snap.date()) {
                continue;
            }
            history.push(Tally::scan_valid(self, snap, ScanOptions::default())?);
        }
        self.finalize_valid(current.as_ref(), &history, inputs)
    }

    /// Turns tallies into a report: the current snapshot's tally (or `None`
    /// when there is no snapshot) and earlier tallies for trends.
    ///
    /// This is the second half of [`Plan::evaluate`], for callers that
    /// computed tallies themselves, in parts merged with [`Tally::merge`].
    /// A target past its deadline is judged on the tally of its deadline,
    /// taken from `history` (see [`Plan::evaluate`]).
    ///
    /// ```
    /// use hoptac::{catalog, Inputs, Snapshot, Tally, TargetStatus};
    /// use chrono::NaiveDate;
    /// let plan = catalog::get("nghe-an-363-2023").ok_or("plan")?;
    /// let date = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let tally = Tally::of(&plan, &Snapshot::new(date))?;
    /// let report = plan.finalize(Some(&tally), &[], &Inputs::new(date))?;
    /// assert_eq!(report.target("na2030.good_fair.share").map(|t| t.status), Some(TargetStatus::NoData));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`EvalError::InvalidPlan`] when [`Plan::validate`] finds errors;
    /// [`EvalError::Merge`] when a tally is of another plan or of other
    /// targets than this plan's.
    pub fn finalize(
        &self,
        current: Option<&Tally>,
        history: &[Tally],
        inputs: &Inputs,
    ) -> Result<Report, EvalError> {
        tally::ensure_valid(self)?;
        for t in current.into_iter().chain(history) {
            t.check_plan(self)?;
        }
        self.finalize_valid(current, history, inputs)
    }

    /// [`Plan::finalize`] for a plan the caller has validated.
    fn finalize_valid(
        &self,
        current: Option<&Tally>,
        history: &[Tally],
        inputs: &Inputs,
    ) -> Result<Report, EvalError> {
        let mut notes = Vec::new();
        if let Some(issued) = self.issued {
            if inputs.as_of < issued {
                notes.push(Note::AsOfBeforeIssue {
                    as_of: inputs.as_of,
                    issued,
                });
            }
        }
        match current {
            None => notes.push(Note::NoSnapshot {
                as_of: inputs.as_of,
            }),
            Some(c) => notes.extend(note::scope_notes(self.province.as_deref(), c)),
        }
        // Inputs that match nothing in the plan are reported, never dropped
        // silently.
        let ignored = |input, id: &TargetId, reason| Note::InputIgnored {
            input,
            target: id.to_string(),
            reason,
        };
        let reported = inputs
            .reported
            .keys()
            .map(|id| (IgnoredInput::ReportedValue, id))
            .chain(
                inputs
                    .reported_by_year
                    .keys()
                    .map(|id| (IgnoredInput::ReportedByYear, id)),
            );
        for (input, id) in reported {
            match self.target(id.as_str()) {
                None => notes.push(ignored(input, id, IgnoredReason::NoSuchTarget)),
                Some(t) if !matches!(t.measure, Measure::Reported) => {
                    notes.push(ignored(input, id, IgnoredReason::MeasuredOnRegistry))
                }
                Some(_) => {}
            }
        }
        for id in inputs.base_values.keys() {
            if !matches!(self.target(id.as_str()), Some(t) if t.growth.is_some()) {
                notes.push(ignored(
                    IgnoredInput::BaseValue,
                    id,
                    IgnoredReason::NotGrowth,
                ));
            }
        }
        let mut unknown_tasks: Vec<&str> = inputs
            .task_reports
            .iter()
            .map(|r| r.task.as_str())
            .filter(|id| self.task(id).is_none())
            .collect();
        unknown_tasks.sort_unstable();
        unknown_tasks.dedup();
        // One line for all of them: a report of another plan's tasks would
        // otherwise fill the page.
        if !unknown_tasks.is_empty() {
            notes.push(Note::TaskReportsIgnored {
                tasks: unknown_tasks.into_iter().map(str::to_owned).collect(),
            });
        }
        // Every tally by date: a target past its deadline is judged on the
        // snapshot of its deadline, not the current one.
        let mut tallies: Vec<&Tally> = current.into_iter().chain(history).collect();
        tallies.sort_by_key(|t| t.date);
        tallies.dedup_by_key(|t| t.date);
        tallies.retain(|t| t.date <= inputs.as_of);
        let targets = self
            .targets
            .iter()
            .map(|target| {
                finalize::target_result(target, current, &tallies, inputs, self.province.as_deref())
            })
            .collect();
        let (tasks, agencies) = tasks::evaluate_tasks(self, &inputs.task_reports, inputs.as_of)?;
        let mut history_dates: Vec<NaiveDate> = history.iter().map(|t| t.date).collect();
        history_dates.sort();
        Ok(Report {
            plan: self.id.clone(),
            title: self.title.clone(),
            doc: self.doc.clone(),
            called: self.called.clone(),
            issued: self.issued,
            issuer: self.issuer.clone(),
            as_of: inputs.as_of,
            snapshot: current.map(|c| c.date),
            organisations: current.map_or(0, |c| c.organisations),
            outside_scope: current.map_or(0, |c| c.outside_scope),
            history: history_dates,
            targets,
            tasks,
            agencies,
            notes,
        })
    }
}
