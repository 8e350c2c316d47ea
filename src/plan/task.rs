//! Tasks (nhiệm vụ, giải pháp) and the sections that group them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::agency::AgencyId;
use crate::bilingual::Bilingual;
use crate::ids::{SectionId, TaskId};
use crate::schedule::Schedule;

/// A numbered, titled group of tasks (mục): `III. Phát triển ...`.
///
/// ```
/// use hoptac::{Section, plan::SectionId};
/// let s = Section::new(SectionId::new("III")?, "Nâng cao hiệu quả hoạt động");
/// assert_eq!(s.to_string(), "III. Nâng cao hiệu quả hoạt động");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The number as the plan gives it.
    pub id: SectionId,
    /// The title.
    pub title: Bilingual,
}

impl Section {
    /// A section without an English title.
    ///
    /// ```
    /// use hoptac::{Section, plan::SectionId};
    /// let s = Section::new(SectionId::new("II")?, "Đào tạo, bồi dưỡng");
    /// assert_eq!(s.id.as_str(), "II");
    /// assert_eq!(s.title.en, None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(id: SectionId, title: impl Into<String>) -> Section {
        Section {
            id,
            title: Bilingual::new(title),
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}. {}", self.id, self.title)
    }
}

/// A task assigned to agencies (nhiệm vụ): who leads it (đơn vị chủ trì), who
/// cooperates (đơn vị phối hợp), and when (thời gian thực hiện).
///
/// ```
/// use hoptac::{agency::AgencyId, Schedule, Task, plan::TaskId};
/// let mut task = Task::new(TaskId::new("I.1")?, "Tuyên truyền, phổ biến Nghị quyết");
/// task.lead.push(AgencyId::new("so-khdt")?);
/// task.schedule = Some("Thường xuyên".parse::<Schedule>()?);
/// assert_eq!(task.to_string(), "I.1 Tuyên truyền, phổ biến Nghị quyết");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// The number as the plan gives it (`III.4`).
    pub id: TaskId,
    /// The section it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<SectionId>,
    /// What is to be done, in the plan's Vietnamese, with an English gloss
    /// where there is one.
    pub text: Bilingual,
    /// Lead agencies (đơn vị chủ trì): at least one.
    #[serde(default)]
    pub lead: Vec<AgencyId>,
    /// Cooperating agencies (đơn vị phối hợp).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cooperating: Vec<AgencyId>,
    /// When it is carried out; `None` where the plan does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
    /// Notes (the plan's output column, remarks).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Task {
    /// A task with no agencies, schedule or notes yet.
    ///
    /// ```
    /// use hoptac::{Task, plan::TaskId};
    /// let task = Task::new(TaskId::new("III.4")?, "Hỗ trợ chuyển đổi số");
    /// assert_eq!(task.text.vi, "Hỗ trợ chuyển đổi số");
    /// assert!(task.lead.is_empty() && task.schedule.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(id: TaskId, text: impl Into<String>) -> Task {
        Task {
            id,
            section: None,
            text: Bilingual::new(text),
            lead: Vec::new(),
            cooperating: Vec::new(),
            schedule: None,
            notes: Vec::new(),
        }
    }
}

impl fmt::Display for Task {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.id, self.text)
    }
}
