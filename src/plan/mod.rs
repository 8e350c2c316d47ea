//! Plans (kế hoạch): their targets, tasks and the documents behind them.

mod build;
mod filter;
mod group;
mod growth;
#[cfg(feature = "json")]
mod json;
mod place;
mod target;
mod task;
mod validate;

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::agency::{Agency, AgencyId};
use crate::docref::{Citation, DocRef};

use crate::bilingual::Bilingual;
use crate::lang::{Labelled, Lang};
use crate::vocab::code_enum;

pub use build::PlanBuilder;

/// A vocabulary value written as `{"kind": "code"}` in plan JSON, the shape
/// every other choice there has (format version 2).
pub(crate) mod tagged {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[cfg_attr(feature = "schema", schemars(rename = "Tagged{T}"))]
    #[serde(deny_unknown_fields)]
    pub(crate) struct Tagged<T> {
        kind: T,
    }

    /// The serde form of a `T` written `{"kind": T}`, for
    /// `#[serde(with = "crate::plan::tagged::TaggedPopulation")]`; with the
    /// `schema` feature it is also the field's schema, so one attribute says
    /// both.
    pub(crate) struct Form<T>(std::marker::PhantomData<T>);

    /// [`Form`] of a [`Population`](super::Population).
    pub(crate) type TaggedPopulation = Form<super::Population>;
    /// [`Form`] of a [`FigureScale`](super::FigureScale).
    pub(crate) type TaggedScale = Form<super::FigureScale>;

    impl<T> Form<T> {
        pub(crate) fn serialize<S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error>
        where
            T: Serialize + Copy,
        {
            Tagged { kind: *value }.serialize(s)
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<T, D::Error>
        where
            T: Deserialize<'de>,
        {
            Ok(Tagged::<T>::deserialize(d)?.kind)
        }
    }

    #[cfg(feature = "schema")]
    impl<T: schemars::JsonSchema> schemars::JsonSchema for Form<T> {
        fn inline_schema() -> bool {
            <Tagged<T>>::inline_schema()
        }
        fn schema_name() -> std::borrow::Cow<'static, str> {
            <Tagged<T>>::schema_name()
        }
        fn schema_id() -> std::borrow::Cow<'static, str> {
            <Tagged<T>>::schema_id()
        }
        fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
            <Tagged<T>>::json_schema(generator)
        }
    }
}
pub use filter::{DateWindow, Field, Filter, NumberOp, Population, MAX_FILTER_DEPTH};
pub use group::GroupBy;
pub use growth::{Accumulation, Growth, MAX_GROWTH_YEARS};
#[cfg(feature = "json")]
pub use json::{LoadError, MAX_PLAN_JSON_BYTES};
pub use place::{PerPlace, PlaceLevel, PlaceQuantifier};
pub use target::{
    Baseline, FigureBase, FigureBaseError, FigureScale, Measure, MeasureKind, Target,
};
pub use task::{Section, Task};

pub use crate::ids::{PlanId, SectionId, TargetId, TaskId};
pub use crate::schedule::{Schedule, ScheduleKind, ScheduleState};
pub use crate::threshold::{Comparator, Direction, Threshold, Unit};
pub use crate::threshold::{
    GrowthPhrase, MoneyUnit, Per, Qualifier, QualifierKind, Subject, TargetPart, TargetPhrase,
};

/// The version of the plan JSON form this crate writes; it also reads
/// [`OLDEST_FORMAT_VERSION`] and every version up to this one.
///
/// Version 2 (0.2): texts in two languages are one object
/// (`"title": {"vi": ..., "en": ...}`, likewise `label`, `text`, `name`);
/// `population` and `scale` are `{"kind": ...}` like every other choice;
/// targets' assumptions have the plan's shape (`{"about": ..., "text": ...}`).
/// Version 1 files load unchanged: they are read into version 2 first.
///
/// ```
/// use hoptac::{Plan, plan::PlanId, plan::FORMAT_VERSION};
/// assert_eq!(FORMAT_VERSION, 2);
/// let plan = Plan::new(PlanId::new("demo")?, "Kế hoạch", "UBND tỉnh Nghệ An");
/// assert_eq!(plan.format_version, FORMAT_VERSION);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const FORMAT_VERSION: u32 = 2;

/// The oldest plan JSON version this crate reads (0.1's).
///
/// ```
/// assert_eq!(hoptac::plan::OLDEST_FORMAT_VERSION, 1);
/// ```
pub const OLDEST_FORMAT_VERSION: u32 = 1;

/// The span of time a plan covers (giai đoạn), both ends included.
///
/// ```
/// use hoptac::plan::Period;
/// let p: Period = serde_json::from_str(r#"{"start":"2023-05-30","end":"2030-12-31"}"#)?;
/// assert!(p.contains(chrono::NaiveDate::from_ymd_opt(2030, 12, 31).ok_or("date")?));
/// assert_eq!(p.to_string(), "2023-05-30..=2030-12-31");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// The first day.
    #[serde(with = "crate::serde_util::DateStr")]
    pub start: NaiveDate,
    /// The last day.
    #[serde(with = "crate::serde_util::DateStr")]
    pub end: NaiveDate,
}

impl Period {
    /// Whether `date` lies in the period.
    ///
    /// ```
    /// use hoptac::plan::Period;
    /// let p = Period { start: "2023-05-30".parse()?, end: "2030-12-31".parse()? };
    /// assert!(p.contains("2023-05-30".parse()?)); // both ends included
    /// assert!(p.contains("2030-12-31".parse()?));
    /// assert!(!p.contains("2031-01-01".parse()?));
    /// assert!(!p.contains("2023-05-29".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..={}", self.start, self.end)
    }
}

code_enum! {
/// How often progress must be reported (tần suất báo cáo).
///
/// ```
/// use hoptac::{plan::Frequency, Labelled, Lang};
/// assert_eq!(Frequency::Annual.label(Lang::Vi), "hằng năm");
/// ```
pub enum Frequency[6] as "reporting frequency" in "plan::" {
        /// Every year (hằng năm).
        Annual = "annual", vi "hằng năm", en "every year";
        /// Every six months (6 tháng).
        SemiAnnual = "semi_annual", vi "6 tháng", en "every six months";
        /// Every quarter (hằng quý).
        Quarterly = "quarterly", vi "hằng quý", en "every quarter";
        /// Every month (hằng tháng).
        Monthly = "monthly", vi "hằng tháng", en "every month";
        /// Once, at the end (một lần).
        Once = "once", vi "một lần", en "once";
        /// When asked (khi có yêu cầu).
        OnRequest = "on_request", vi "khi có yêu cầu", en "on request";
    }
}

/// The duty to report progress (chế độ báo cáo): to whom and how often.
///
/// ```
/// use hoptac::{agency::AgencyId, plan::Frequency, plan::ReportingDuty};
/// let duty = ReportingDuty { to: AgencyId::new("so-khdt")?, frequency: Frequency::Annual, due: None, text: None };
/// assert_eq!(duty.to_string(), "every year to so-khdt");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReportingDuty {
    /// The agency reports go to.
    pub to: AgencyId,
    /// How often.
    pub frequency: Frequency,
    /// When in the period a report is due, as the plan says it ("trước ngày 15/12").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    /// The plan's own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl fmt::Display for ReportingDuty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} to {}", self.frequency.label(Lang::En), self.to)
    }
}

/// A reading of the source text that the text itself leaves open, recorded
/// when the plan or a target was encoded (giả định). Plans and targets keep
/// them in this one shape.
///
/// ```
/// use hoptac::plan::Assumption;
/// let a = Assumption::about("period", "the plan covers 2023");
/// assert_eq!(a.to_string(), "period: the plan covers 2023");
/// assert_eq!(Assumption::new("read as rated good or fair").to_string(), "read as rated good or fair");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Assumption {
    /// What it is about: a field path or a topic, where it is not the whole
    /// of what carries it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    /// The reading taken, in English.
    pub text: String,
}

impl Assumption {
    /// An assumption about what carries it as a whole.
    ///
    /// ```
    /// assert!(hoptac::plan::Assumption::new("x").about.is_none());
    /// ```
    pub fn new(text: impl Into<String>) -> Assumption {
        Assumption {
            about: None,
            text: text.into(),
        }
    }

    /// An assumption about one topic or field.
    ///
    /// ```
    /// let a = hoptac::plan::Assumption::about("period", "2023");
    /// assert_eq!(a.about.as_deref(), Some("period"));
    /// ```
    pub fn about(about: impl Into<String>, text: impl Into<String>) -> Assumption {
        Assumption {
            about: Some(about.into()),
            text: text.into(),
        }
    }
}

impl fmt::Display for Assumption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.about {
            Some(about) => write!(f, "{about}: {}", self.text),
            None => f.write_str(&self.text),
        }
    }
}

/// A plan (kế hoạch) implementing central resolutions: its document, targets,
/// tasks, agencies and reporting duty.
///
/// A plan is data: build it in code or load it from JSON
/// (`Plan::from_json`, feature `json`), then [`Plan::validate`] it, which
/// returns every problem at once. The JSON form is this struct's serde form,
/// with `format_version` equal to [`FORMAT_VERSION`], unknown fields refused.
///
/// ```
/// use hoptac::{Plan, plan::PlanId};
/// let mut plan = Plan::new(PlanId::new("demo")?, "Kế hoạch phát triển kinh tế tập thể", "UBND tỉnh Nghệ An");
/// plan.issued = chrono::NaiveDate::from_ymd_opt(2023, 5, 30);
/// assert!(plan.validate().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The JSON form's version; [`FORMAT_VERSION`] for plans this crate writes.
    pub format_version: u32,
    /// A stable key, such as the catalogue's `nghe-an-363-2023`.
    pub id: PlanId,
    /// The document number; `None` where the source does not give it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<DocRef>,
    /// What the document calls itself ("Kế hoạch", "Công văn"), for checking
    /// it against the type code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub called: Option<String>,
    /// The title, in Vietnamese and (where given) English.
    pub title: Bilingual,
    /// Who issued it ("Ủy ban nhân dân tỉnh Nghệ An").
    pub issuer: String,
    /// The province it applies to: its scope (phạm vi). The plan counts
    /// only the organisations whose province is this one, compared after
    /// NFC without case, diacritics or a leading "tỉnh"/"thành phố"; `None`
    /// counts all (DOMAIN.md, "Scope").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// The date of issue (ngày ban hành); `None` where the source has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "crate::serde_util::OptionDateStr")]
    pub issued: Option<NaiveDate>,
    /// The period it covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Documents it implements (thực hiện), nearest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implements: Vec<Citation>,
    /// Other documents it cites (căn cứ).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<Citation>,
    /// Places where the text cites the plan itself (an appendix header, say),
    /// kept to check their dates against [`Plan::issued`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub self_citations: Vec<Citation>,
    /// The agencies its tasks name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agencies: Vec<Agency>,
    /// The sections grouping its tasks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// The measurable targets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
    /// The tasks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<Task>,
    /// Who reports to whom, how often.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporting: Option<ReportingDuty>,
    /// Readings taken where the text leaves something open.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<Assumption>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Plan {
    /// An empty plan of the current [`FORMAT_VERSION`].
    ///
    /// ```
    /// use hoptac::{Plan, plan::PlanId, plan::FORMAT_VERSION};
    /// let plan = Plan::new(PlanId::new("demo")?, "Kế hoạch phát triển kinh tế tập thể", "UBND tỉnh Nghệ An");
    /// assert_eq!(plan.format_version, FORMAT_VERSION);
    /// assert_eq!(plan.issuer, "UBND tỉnh Nghệ An");
    /// assert!(plan.targets.is_empty() && plan.tasks.is_empty());
    /// assert_eq!(plan.to_string(), "demo: Kế hoạch phát triển kinh tế tập thể");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(id: PlanId, title: impl Into<String>, issuer: impl Into<String>) -> Plan {
        Plan {
            format_version: FORMAT_VERSION,
            id,
            doc: None,
            called: None,
            title: Bilingual::new(title),
            issuer: issuer.into(),
            province: None,
            issued: None,
            period: None,
            implements: Vec::new(),
            cites: Vec::new(),
            self_citations: Vec::new(),
            agencies: Vec::new(),
            sections: Vec::new(),
            targets: Vec::new(),
            tasks: Vec::new(),
            reporting: None,
            assumptions: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// The target with this id.
    ///
    /// ```
    /// let plan = hoptac::catalog::get("nghe-an-363-2023").ok_or("no such plan")?;
    /// let target = plan.target("na2030.htx.count").ok_or("no such target")?;
    /// assert_eq!(target.label.get(hoptac::Lang::En), "About 1,200 cooperatives");
    /// assert!(plan.target("na2030.nothing").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn target(&self, id: &str) -> Option<&Target> {
        self.targets.iter().find(|t| t.id.as_str() == id)
    }

    /// The task with this id.
    ///
    /// ```
    /// let plan = hoptac::catalog::get("nghe-an-363-2023").ok_or("no such plan")?;
    /// let task = plan.task("I.1").ok_or("no such task")?;
    /// assert_eq!(task.section.as_ref().map(|s| s.as_str()), Some("I"));
    /// assert!(plan.task("IX.9").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id.as_str() == id)
    }

    /// The agency with this id.
    ///
    /// ```
    /// use hoptac::agency::AgencyId;
    /// let plan = hoptac::catalog::get("nghe-an-363-2023").ok_or("no such plan")?;
    /// let agency = plan.agency(&AgencyId::new("so-khdt")?).ok_or("no such agency")?;
    /// assert_eq!(agency.name.vi, "Sở Kế hoạch và Đầu tư");
    /// assert!(plan.agency(&AgencyId::new("so-khong-co")?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn agency(&self, id: &AgencyId) -> Option<&Agency> {
        self.agencies.iter().find(|a| &a.id == id)
    }

    /// The "of which" children of a target.
    ///
    /// ```
    /// use hoptac::plan::TargetId;
    /// let plan = hoptac::catalog::get("nghe-an-363-2023").ok_or("no such plan")?;
    /// let parent = TargetId::new("na2030.good_fair.share")?;
    /// let children: Vec<&str> = plan.children_of(&parent).map(|t| t.id.as_str()).collect();
    /// assert_eq!(children, ["na2030.good_fair_value_chain.share"]);
    /// assert_eq!(plan.children_of(&TargetId::new("na2030.htx.count")?).count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn children_of<'a>(&'a self, id: &'a TargetId) -> impl Iterator<Item = &'a Target> + 'a {
        self.targets
            .iter()
            .filter(move |t| t.parent.as_ref() == Some(id))
    }

    /// Ids of the tasks, in order.
    ///
    /// ```
    /// let plan = hoptac::catalog::get("plan-004-2023").ok_or("no such plan")?;
    /// let ids: Vec<&str> = plan.task_ids().map(|id| id.as_str()).collect();
    /// assert_eq!(ids, ["1", "2", "3", "4", "5"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn task_ids(&self) -> impl Iterator<Item = &TaskId> {
        self.tasks.iter().map(|t| &t.id)
    }
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.doc, self.issued) {
            (Some(doc), Some(date)) => write!(f, "{doc} ({date}): {}", self.title),
            (Some(doc), None) => write!(f, "{doc}: {}", self.title),
            (None, _) => write!(f, "{}: {}", self.id, self.title),
        }
    }
}
