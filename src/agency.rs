//! Agencies (cơ quan, đơn vị) that plans assign tasks to, how their names are
//! written, and who holds their remit after the 2025 reorganisation.

use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::bilingual::Bilingual;
use crate::error::{Problem, ProblemCode, Problems};
use crate::lang::{Labelled, Lang};
use crate::parse_error::{quote, ParseError};

/// Longest agency id, in bytes.
const MAX_ID_LEN: usize = 64;

/// Longest name [`AgencyDirectory::resolve`] looks at, in bytes. The longest
/// agency name in the seed plans is under 100 bytes.
const MAX_NAME_LEN: usize = 256;

/// Longest input quoted back in an error message, in characters.
const MAX_QUOTED_LEN: usize = 80;

// ---------------------------------------------------------------------------
// Agency ids

/// The id of an agency (mã cơ quan): a short slug such as `so-khdt`,
/// `ubnd-huyen` or `lmhtx`.
///
/// An id has 1 to 64 bytes, each a lowercase ASCII letter, a digit, `-`, `_`
/// or `.`. Plans refer to agencies by id; [`AgencyDirectory::resolve`] finds
/// the agency behind a name as written in a plan.
///
/// ```
/// use hoptac::agency::AgencyId;
/// let id: AgencyId = "so-khdt".parse()?;
/// assert_eq!(id.as_str(), "so-khdt");
/// assert_eq!(id.to_string(), "so-khdt");
/// assert!("Sở KHĐT".parse::<AgencyId>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct AgencyId(String);

impl AgencyId {
    /// Checks `id` and makes it an agency id.
    ///
    /// # Errors
    ///
    /// [`ParseError`] when `id` is empty, longer than 64 bytes, or has
    /// a character other than a lowercase ASCII letter, a digit, `-`, `_` or `.`.
    ///
    /// ```
    /// use hoptac::agency::AgencyId;
    /// let id = AgencyId::new("ubnd-huyen")?;
    /// assert_eq!(id.as_str(), "ubnd-huyen");
    /// assert!(AgencyId::new("").is_err());
    /// assert_eq!(
    ///     AgencyId::new("Sở").unwrap_err().to_string(),
    ///     "invalid agency id `Sở`: expected only lowercase ASCII letters, digits, `-`, `_` and `.`"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(id: &str) -> Result<Self, ParseError> {
        const WHAT: &str = "agency id";
        if id.is_empty() {
            return Err(ParseError::empty(WHAT, "at least one character"));
        }
        if id.len() > MAX_ID_LEN {
            return Err(ParseError::too_long(WHAT, id, id.len(), MAX_ID_LEN));
        }
        if !id.bytes().all(is_id_byte) {
            let problem = format!("invalid agency id `{}`", quote(id));
            let expected = "only lowercase ASCII letters, digits, `-`, `_` and `.`";
            return Err(ParseError::invalid(WHAT, id, problem, expected));
        }
        Ok(AgencyId(id.to_owned()))
    }

    /// An id from the crate's own tables; checked by the tests.
    fn from_static(id: &'static str) -> Self {
        debug_assert!(AgencyId::new(id).is_ok(), "bad static agency id {id}");
        AgencyId(id.to_owned())
    }

    /// The id as text.
    ///
    /// ```
    /// let id = hoptac::agency::AgencyId::new("lmhtx")?;
    /// assert_eq!(id.as_str(), "lmhtx");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_id_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
}

impl fmt::Display for AgencyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for AgencyId {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AgencyId::new(s)
    }
}

impl TryFrom<String> for AgencyId {
    type Error = ParseError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        AgencyId::new(&s)
    }
}

impl From<AgencyId> for String {
    fn from(id: AgencyId) -> String {
        id.0
    }
}

impl AsRef<str> for AgencyId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

// ---------------------------------------------------------------------------
// Levels, agencies, successions

/// The level of government an agency belongs to (cấp).
///
/// Since 1 July 2025 local government has two levels, province and commune;
/// plans written before then also assign tasks to the district level.
///
/// ```
/// use hoptac::{agency::AgencyLevel, Labelled, Lang};
/// assert_eq!(AgencyLevel::District.label(Lang::Vi), "cấp huyện");
/// assert_eq!(AgencyLevel::District.label(Lang::En), "district");
/// assert_eq!(serde_json::to_string(&AgencyLevel::Province)?, "\"province\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgencyLevel {
    /// The central level: ministries, national bodies (cấp trung ương).
    Central,
    /// The province or centrally-run city (cấp tỉnh).
    Province,
    /// The district, town or provincial city, abolished from 1 July 2025 (cấp huyện).
    District,
    /// The commune, ward or township (cấp xã).
    Commune,
}

impl AgencyLevel {
    /// Every level, from the top.
    ///
    /// ```
    /// use hoptac::agency::AgencyLevel;
    /// assert_eq!(AgencyLevel::ALL.len(), 4);
    /// assert_eq!(AgencyLevel::ALL[0], AgencyLevel::Central);
    /// assert!(AgencyLevel::ALL.windows(2).all(|w| w[0] < w[1])); // top to bottom
    /// ```
    pub const ALL: [AgencyLevel; 4] = [
        AgencyLevel::Central,
        AgencyLevel::Province,
        AgencyLevel::District,
        AgencyLevel::Commune,
    ];
}

impl Labelled for AgencyLevel {
    fn label(&self, lang: Lang) -> &str {
        match (self, lang) {
            (AgencyLevel::Central, Lang::Vi) => "cấp trung ương",
            (AgencyLevel::Central, Lang::En) => "central",
            (AgencyLevel::Province, Lang::Vi) => "cấp tỉnh",
            (AgencyLevel::Province, Lang::En) => "province",
            (AgencyLevel::District, Lang::Vi) => "cấp huyện",
            (AgencyLevel::District, Lang::En) => "district",
            (AgencyLevel::Commune, Lang::Vi) => "cấp xã",
            (AgencyLevel::Commune, Lang::En) => "commune",
        }
    }
}

impl fmt::Display for AgencyLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(Lang::En))
    }
}

/// A passing of remit (chuyển giao nhiệm vụ): from the date `from` on, the
/// tasks of an agency are held by `agency`.
///
/// ```
/// use chrono::NaiveDate;
/// use hoptac::{agency::AgencyId, agency::Succession};
/// let s = Succession::new(AgencyId::new("ubnd-xa")?, NaiveDate::from_ymd_opt(2025, 7, 1).ok_or("date")?);
/// assert_eq!(s.to_string(), "from 2025-07-01: ubnd-xa");
/// assert_eq!(
///     serde_json::to_string(&s)?,
///     r#"{"agency":"ubnd-xa","from":"2025-07-01"}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Succession {
    /// The agency that holds the remit from `from` on.
    pub agency: AgencyId,
    /// The first day the successor holds the remit.
    #[cfg_attr(feature = "schema", schemars(with = "crate::serde_util::DateStr"))]
    pub from: NaiveDate,
    /// Why, or on what authority, for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Succession {
    /// A succession to `agency` from the date `from`, without a note.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::{agency::AgencyId, agency::Succession};
    /// let s = Succession::new(AgencyId::new("so-tai-chinh")?, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?)
    ///     .with_note("departments merged");
    /// assert_eq!(s.note.as_deref(), Some("departments merged"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(agency: AgencyId, from: NaiveDate) -> Self {
        Succession {
            agency,
            from,
            note: None,
        }
    }

    /// The same succession with a note (see [`Succession::new`]).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::{agency::AgencyId, agency::Succession};
    /// let s = Succession::new(AgencyId::new("ubnd-xa")?, "2025-07-01".parse::<NaiveDate>()?)
    ///     .with_note("districts abolished");
    /// assert_eq!(s.note.as_deref(), Some("districts abolished"));
    /// assert_eq!(s.to_string(), "from 2025-07-01: ubnd-xa"); // the note is not printed
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

impl fmt::Display for Succession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "from {}: {}", self.from, self.agency)
    }
}

/// An agency or unit that plans assign tasks to (cơ quan, đơn vị): a
/// department, a People's Committee, an association.
///
/// Every combination of field values is allowed; whether a set of agencies
/// fits together (unique ids, known successors, no cycles) is checked by
/// [`AgencyDirectory`]. Prints as its Vietnamese name.
///
/// ```
/// use hoptac::{agency::Agency, agency::AgencyId, agency::AgencyLevel, Labelled, Lang};
/// let agency = Agency::new(
///     AgencyId::new("so-tu-phap")?,
///     "Sở Tư pháp",
///     "Department of Justice",
///     AgencyLevel::Province,
/// )
/// .with_alias("STP");
/// assert_eq!(agency.to_string(), "Sở Tư pháp");
/// assert_eq!(agency.label(Lang::En), "Department of Justice");
/// assert_eq!(
///     serde_json::to_string(&agency)?,
///     r#"{"id":"so-tu-phap","name":{"vi":"Sở Tư pháp","en":"Department of Justice"},"level":"province","aliases":["STP"]}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// The agency's id.
    pub id: AgencyId,
    /// The name in Vietnamese (tên tiếng Việt), as the plans write it, and
    /// in English: both are required ([`AgencyDirectory::check`]).
    pub name: Bilingual,
    /// The level of government.
    pub level: AgencyLevel,
    /// Other ways plans write the name: abbreviations, older names, spellings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Who holds the agency's remit from some date on, if anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<Succession>,
}

impl Agency {
    /// An agency without aliases or successor.
    ///
    /// ```
    /// use hoptac::{agency::Agency, agency::AgencyId, agency::AgencyLevel};
    /// let a = Agency::new(AgencyId::new("so-y-te")?, "Sở Y tế", "Department of Health", AgencyLevel::Province);
    /// assert!(a.aliases.is_empty() && a.successor.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: AgencyId,
        name_vi: impl Into<String>,
        name_en: impl Into<String>,
        level: AgencyLevel,
    ) -> Self {
        Agency {
            id,
            name: Bilingual::both(name_vi, name_en),
            level,
            aliases: Vec::new(),
            successor: None,
        }
    }

    /// The same agency with one more alias.
    ///
    /// ```
    /// use hoptac::{agency::Agency, agency::AgencyId, agency::AgencyLevel};
    /// let a = Agency::new(AgencyId::new("so-y-te")?, "Sở Y tế", "Department of Health", AgencyLevel::Province)
    ///     .with_alias("SYT");
    /// assert_eq!(a.aliases, ["SYT"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_alias(mut self, alias: impl Into<String>) -> Self {
        self.aliases.push(alias.into());
        self
    }

    /// The same agency with a successor.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::{agency::Agency, agency::AgencyId, agency::AgencyLevel, agency::Succession};
    /// let from = NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?;
    /// let a = Agency::new(AgencyId::new("so-gtvt")?, "Sở Giao thông vận tải", "Department of Transport", AgencyLevel::Province)
    ///     .with_successor(Succession::new(AgencyId::new("so-xay-dung")?, from));
    /// assert_eq!(a.successor.map(|s| s.agency.to_string()).as_deref(), Some("so-xay-dung"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_successor(mut self, successor: Succession) -> Self {
        self.successor = Some(successor);
        self
    }

    /// The name in `lang`.
    ///
    /// ```
    /// use hoptac::{agency::AgencyDirectory, agency::AgencyId, Lang};
    /// let dir = AgencyDirectory::standard_province();
    /// let lmhtx = dir.get(&AgencyId::new("lmhtx")?).ok_or("missing")?;
    /// assert_eq!(lmhtx.name(Lang::Vi), "Liên minh Hợp tác xã tỉnh");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn name(&self, lang: Lang) -> &str {
        self.name.get(lang)
    }

    /// Every name the agency goes by: the Vietnamese name, the English name,
    /// then the aliases.
    ///
    /// ```
    /// use hoptac::{agency::AgencyDirectory, agency::AgencyId};
    /// let dir = AgencyDirectory::standard_province();
    /// let names: Vec<&str> = dir.get(&AgencyId::new("so-khdt")?).ok_or("missing")?.names().collect();
    /// assert_eq!(names[..3], ["Sở Kế hoạch và Đầu tư", "Department of Planning and Investment", "Sở KH&ĐT"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.vi.as_str())
            .chain(self.name.en.as_deref())
            .chain(self.aliases.iter().map(String::as_str))
    }
}

impl Labelled for Agency {
    fn label(&self, lang: Lang) -> &str {
        self.name(lang)
    }
}

impl fmt::Display for Agency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name.vi)
    }
}

// ---------------------------------------------------------------------------
// Errors of a set of agencies

/// What is wrong with a set of agencies, as [`AgencyDirectory::new`] reports it.
///
/// ```
/// use hoptac::{agency::Agency, agency::AgencyDirectory, agency::AgencyError, agency::AgencyId, agency::AgencyLevel};
/// let a = Agency::new(AgencyId::new("a")?, "A", "A", AgencyLevel::Province);
/// let err = AgencyDirectory::new(vec![a.clone(), a]).unwrap_err();
/// assert!(matches!(err, AgencyError::DuplicateId { .. }));
/// assert_eq!(err.to_string(), "duplicate agency id `a`: each agency needs its own id");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AgencyError {
    /// Two agencies share one id.
    #[error("duplicate agency id `{id}`: each agency needs its own id")]
    DuplicateId {
        /// The shared id.
        id: AgencyId,
    },
    /// An agency has an empty Vietnamese or English name.
    #[error("empty {field} of agency `{agency}`: expected a name")]
    EmptyName {
        /// The agency.
        agency: AgencyId,
        /// `name.vi` or `name.en`.
        field: &'static str,
    },
    /// An agency's successor is not in the set.
    #[error("unknown successor `{successor}` of agency `{agency}`: expected the id of an agency in the directory")]
    UnknownSuccessor {
        /// The agency whose successor is unknown.
        agency: AgencyId,
        /// The unknown id.
        successor: AgencyId,
    },
    /// Following successors from an agency comes back to it.
    #[error("succession cycle `{}`: following successors must not come back to an agency", cycle_text(.cycle))]
    SuccessionCycle {
        /// The agencies of the cycle, in order, the first repeated at the end.
        cycle: Vec<AgencyId>,
    },
}

fn cycle_text(cycle: &[AgencyId]) -> String {
    cycle
        .iter()
        .map(AgencyId::as_str)
        .collect::<Vec<_>>()
        .join(" -> ")
}

/// One finding of [`check_agencies`]: an error, or a warning.
enum Finding {
    Error {
        path: String,
        code: ProblemCode,
        error: AgencyError,
    },
    Warning {
        path: String,
        code: ProblemCode,
        message: String,
    },
}

/// Everything wrong with a set of agencies, in list order.
///
/// `names`: also look for names that normalise alike (warnings only, and
/// the costly part: every name is normalised), which building a directory
/// for evaluation does not need.
fn check_agencies(agencies: &[Agency], names: bool) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut first_of: HashMap<&AgencyId, usize> = HashMap::new();
    for (i, agency) in agencies.iter().enumerate() {
        if first_of.contains_key(&agency.id) {
            findings.push(Finding::Error {
                path: format!("[{i}].id"),
                code: ProblemCode::DuplicateAgencyId,
                error: AgencyError::DuplicateId {
                    id: agency.id.clone(),
                },
            });
        } else {
            first_of.insert(&agency.id, i);
        }
        for (field, lang) in [("name.vi", Lang::Vi), ("name.en", Lang::En)] {
            if !agency.name.has(lang) {
                findings.push(Finding::Error {
                    path: format!("[{i}].{field}"),
                    code: ProblemCode::AgencyWithoutName,
                    error: AgencyError::EmptyName {
                        agency: agency.id.clone(),
                        field,
                    },
                });
            }
        }
    }
    for (i, agency) in agencies.iter().enumerate() {
        if let Some(next) = &agency.successor {
            if !first_of.contains_key(&next.agency) {
                findings.push(Finding::Error {
                    path: format!("[{i}].successor.agency"),
                    code: ProblemCode::UnknownSuccessor,
                    error: AgencyError::UnknownSuccessor {
                        agency: agency.id.clone(),
                        successor: next.agency.clone(),
                    },
                });
            }
        }
    }
    // Cycles: walk successors from every agency; each cycle is reported once,
    // at the agency of the cycle that comes first in the list.
    for (i, agency) in agencies.iter().enumerate() {
        if first_of.get(&agency.id) != Some(&i) {
            continue;
        }
        let mut chain = vec![i];
        let mut current = i;
        for _ in 0..agencies.len() {
            let next = agencies
                .get(current)
                .and_then(|a| a.successor.as_ref())
                .and_then(|s| first_of.get(&s.agency).copied());
            let Some(next) = next else { break };
            if next == i {
                if chain.iter().all(|&c| c >= i) {
                    chain.push(i);
                    let cycle = chain
                        .iter()
                        .filter_map(|&c| agencies.get(c).map(|a| a.id.clone()))
                        .collect();
                    findings.push(Finding::Error {
                        path: format!("[{i}].successor"),
                        code: ProblemCode::SuccessionCycle,
                        error: AgencyError::SuccessionCycle { cycle },
                    });
                }
                break;
            }
            if chain.contains(&next) {
                break; // a cycle further on, reported from its own first member
            }
            chain.push(next);
            current = next;
        }
    }
    if !names {
        return findings;
    }
    // Names that normalise alike but belong to different agencies.
    let mut owner: HashMap<String, usize> = HashMap::new();
    for (i, agency) in agencies.iter().enumerate() {
        let names = [
            ("name.vi".to_owned(), Some(&agency.name.vi)),
            ("name.en".to_owned(), agency.name.en.as_ref()),
        ]
        .into_iter()
        .filter_map(|(field, name)| name.map(|n| (field, n)))
        .chain(
            agency
                .aliases
                .iter()
                .enumerate()
                .map(|(j, a)| (format!("aliases[{j}]"), a)),
        );
        for (field, name) in names {
            let key = normalize_agency_name(name);
            if key.is_empty() {
                continue;
            }
            match owner.get(&key) {
                Some(&other) if other != i => {
                    let other_id = agencies.get(other).map_or("", |a| a.id.as_str());
                    findings.push(Finding::Warning {
                        path: format!("[{i}].{field}"),
                        code: ProblemCode::AmbiguousAgencyName,
                        message: format!(
                            "ambiguous agency name `{}` of agency `{}`: it normalises like a name of agency `{}`, which is what resolving it gives",
                            crate::text::excerpt(name, MAX_QUOTED_LEN).into_owned(),
                            agency.id,
                            other_id
                        ),
                    });
                }
                Some(_) => {}
                None => {
                    owner.insert(key, i);
                }
            }
        }
    }
    findings
}

// ---------------------------------------------------------------------------
// The directory

/// A set of agencies with unique ids, looked up by id or by name
/// (danh mục cơ quan, đơn vị).
///
/// A directory is always consistent: ids are unique, names are not empty,
/// every successor is in the directory and following successors never comes
/// back to an agency. [`AgencyDirectory::new`] refuses a list that breaks one
/// of these rules (with the first problem); [`AgencyDirectory::check`] reports
/// all of them, with paths, for a plan's validation. Deserializing a
/// directory (a JSON list of agencies) runs the same checks.
///
/// ```
/// use chrono::NaiveDate;
/// use hoptac::{agency::AgencyDirectory, agency::AgencyId};
/// let dir = AgencyDirectory::standard_province();
/// let planning = dir.resolve("Sở KH&ĐT").ok_or("unknown")?;
/// assert_eq!(planning.id.as_str(), "so-khdt");
/// let date = NaiveDate::from_ymd_opt(2025, 6, 1).ok_or("date")?;
/// assert_eq!(dir.holder_at(&planning.id, date).ok_or("none")?.id.as_str(), "so-tai-chinh");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "Vec<Agency>", into = "Vec<Agency>")]
pub struct AgencyDirectory {
    agencies: Vec<Agency>,
    by_id: HashMap<AgencyId, usize>,
    /// Normalised names (Vietnamese, English, aliases) to the first agency
    /// having them; built on the first name lookup, since normalising every
    /// name costs far more than following ids.
    by_name: std::sync::OnceLock<HashMap<String, usize>>,
}

impl AgencyDirectory {
    /// A directory of `agencies`, in the order given.
    ///
    /// # Errors
    ///
    /// The first [`AgencyError`] found: a duplicate id, an empty name, an
    /// unknown successor, or a succession cycle. Names that normalise alike
    /// for two agencies are allowed (the first agency wins when resolving);
    /// [`AgencyDirectory::check`] warns about them.
    ///
    /// ```
    /// use hoptac::{agency::Agency, agency::AgencyDirectory, agency::AgencyId, agency::AgencyLevel};
    /// let dir = AgencyDirectory::new(vec![Agency::new(
    ///     AgencyId::new("so-y-te")?,
    ///     "Sở Y tế",
    ///     "Department of Health",
    ///     AgencyLevel::Province,
    /// )])?;
    /// assert_eq!(dir.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(agencies: Vec<Agency>) -> Result<Self, AgencyError> {
        for finding in check_agencies(&agencies, false) {
            if let Finding::Error { error, .. } = finding {
                return Err(error);
            }
        }
        Ok(Self::index(agencies))
    }

    /// Every problem of a list of agencies, with paths relative to the list
    /// (`[3].successor.agency`), so that a plan can report them under its own
    /// path with [`Problems::extend_prefixed`].
    ///
    /// This is the one check of agencies: [`Plan::validate`](crate::Plan::validate)
    /// calls it for the plan's `agencies`, so a plan that validates always
    /// builds its directory.
    ///
    /// Errors: [`ProblemCode::DuplicateAgencyId`], [`ProblemCode::AgencyWithoutName`],
    /// [`ProblemCode::UnknownSuccessor`] and [`ProblemCode::SuccessionCycle`].
    /// Warning: [`ProblemCode::AmbiguousAgencyName`] for a name that normalises like a
    /// name of an earlier agency.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::{agency::Agency, agency::AgencyDirectory, agency::AgencyId, agency::AgencyLevel, ProblemCode, agency::Succession};
    /// let from = NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?;
    /// let a = Agency::new(AgencyId::new("a")?, "A", "A", AgencyLevel::Province)
    ///     .with_successor(Succession::new(AgencyId::new("zz")?, from));
    /// let problems = AgencyDirectory::check(&[a]);
    /// assert!(problems.contains(ProblemCode::UnknownSuccessor));
    /// assert_eq!(problems.iter().next().ok_or("none")?.path, "[0].successor.agency");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(agencies: &[Agency]) -> Problems {
        Self::check_with(agencies, true)
    }

    /// [`AgencyDirectory::check`], with or without the warnings about names
    /// that normalise alike.
    pub(crate) fn check_with(agencies: &[Agency], name_warnings: bool) -> Problems {
        let mut problems = Problems::new();
        for finding in check_agencies(agencies, name_warnings) {
            problems.push(match finding {
                Finding::Error { path, code, error } => {
                    Problem::error(path, code, error.to_string())
                }
                Finding::Warning {
                    path,
                    code,
                    message,
                } => Problem::warning(path, code, message),
            });
        }
        problems
    }

    /// Builds the indexes; the agencies must already be checked.
    fn index(agencies: Vec<Agency>) -> Self {
        let mut by_id = HashMap::with_capacity(agencies.len());
        for (i, agency) in agencies.iter().enumerate() {
            by_id.entry(agency.id.clone()).or_insert(i);
        }
        AgencyDirectory {
            agencies,
            by_id,
            by_name: std::sync::OnceLock::new(),
        }
    }

    /// The index of normalised names, built on first use.
    fn names_index(&self) -> &HashMap<String, usize> {
        self.by_name.get_or_init(|| {
            let mut by_name = HashMap::new();
            for (i, agency) in self.agencies.iter().enumerate() {
                for name in agency.names() {
                    let key = normalize_agency_name(name);
                    if !key.is_empty() {
                        by_name.entry(key).or_insert(i);
                    }
                }
            }
            by_name
        })
    }

    /// The agency with this id.
    ///
    /// ```
    /// use hoptac::{agency::AgencyDirectory, agency::AgencyId, agency::AgencyLevel};
    /// let dir = AgencyDirectory::standard_province();
    /// let district = dir.get(&AgencyId::new("ubnd-huyen")?).ok_or("missing")?;
    /// assert_eq!(district.level, AgencyLevel::District);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn get(&self, id: &AgencyId) -> Option<&Agency> {
        self.by_id.get(id).and_then(|&i| self.agencies.get(i))
    }

    /// Whether an agency has this id.
    ///
    /// ```
    /// use hoptac::{agency::AgencyDirectory, agency::AgencyId};
    /// assert!(AgencyDirectory::standard_province().contains(&AgencyId::new("so-nnmt")?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contains(&self, id: &AgencyId) -> bool {
        self.by_id.contains_key(id)
    }

    /// The agency a plan means by `name`.
    ///
    /// In order:
    /// 1. `name` is the id of an agency (`so-khdt`);
    /// 2. [`normalize_agency_name`] of `name` equals that of an agency's
    ///    Vietnamese name, English name or an alias (so `Sở NN&PTNT`, `Sở Nông
    ///    nghiệp và PTNT` and `Sở Nông nghiệp và Phát triển nông thôn` are one
    ///    agency);
    /// 3. the longest such normalised name that begins `name` at a word
    ///    boundary, unless the rest starts with `và` ("and", a list of
    ///    agencies): this drops a trailing place name, as in `Ngân hàng Nhà
    ///    nước chi nhánh tỉnh Nghệ An` or `Báo Quảng Nam`.
    ///
    /// Names longer than 256 bytes, and lists of agencies, resolve to nothing.
    ///
    /// ```
    /// use hoptac::agency::AgencyDirectory;
    /// let dir = AgencyDirectory::standard_province();
    /// let id = |name: &str| dir.resolve(name).map(|a| a.id.as_str());
    /// assert_eq!(id("Sở NN&PTNT"), Some("so-nnptnt"));
    /// assert_eq!(id("UBND các huyện, thành, thị"), Some("ubnd-huyen"));
    /// assert_eq!(id("Đài Phát thanh - Truyền hình Quảng Nam"), Some("dai-ptth"));
    /// assert_eq!(id("Department of Finance"), Some("so-tai-chinh"));
    /// assert_eq!(id("UBND tỉnh và Sở Tài chính"), None);
    /// ```
    pub fn resolve(&self, name: &str) -> Option<&Agency> {
        let name = crate::text::nfc_within(name, MAX_NAME_LEN).ok()?;
        let name = name.as_ref();
        if let Ok(id) = AgencyId::new(name.trim()) {
            if let Some(agency) = self.get(&id) {
                return Some(agency);
            }
        }
        let key = normalize_agency_name(name);
        if key.is_empty() {
            return None;
        }
        if let Some(&i) = self.names_index().get(&key) {
            return self.agencies.get(i);
        }
        let mut best: Option<(usize, usize)> = None;
        for (known, &i) in self.names_index() {
            let Some(rest) = key.strip_prefix(known.as_str()) else {
                continue;
            };
            let is_list = rest == " và" || rest.starts_with(" và ");
            if !rest.starts_with(' ') || is_list {
                continue;
            }
            let longer = match best {
                Some((len, _)) => known.len() > len,
                None => true,
            };
            if longer {
                best = Some((known.len(), i));
            }
        }
        best.and_then(|(_, i)| self.agencies.get(i))
    }

    /// The agency that holds the remit of `id` on `date`: follows successors
    /// whose `from` is on or before `date`. `None` when `id` is unknown.
    ///
    /// The walk takes at most as many steps as there are agencies, so it ends
    /// whatever the data.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::{agency::AgencyDirectory, agency::AgencyId};
    /// let dir = AgencyDirectory::standard_province();
    /// let district = AgencyId::new("ubnd-huyen")?;
    /// let before = NaiveDate::from_ymd_opt(2025, 6, 30).ok_or("date")?;
    /// let after = NaiveDate::from_ymd_opt(2025, 7, 1).ok_or("date")?;
    /// assert_eq!(dir.holder_at(&district, before).ok_or("none")?.id.as_str(), "ubnd-huyen");
    /// assert_eq!(dir.holder_at(&district, after).ok_or("none")?.id.as_str(), "ubnd-xa");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn holder_at(&self, id: &AgencyId, date: NaiveDate) -> Option<&Agency> {
        let mut current = self.get(id)?;
        for _ in 0..self.agencies.len() {
            let next = match &current.successor {
                Some(s) if s.from <= date => self.get(&s.agency),
                _ => None,
            };
            match next {
                Some(next) => current = next,
                None => break,
            }
        }
        Some(current)
    }

    /// The agencies, in the order given.
    ///
    /// ```
    /// let dir = hoptac::agency::AgencyDirectory::standard_province();
    /// assert!(dir.iter().any(|a| a.id.as_str() == "lmhtx"));
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, Agency> {
        self.agencies.iter()
    }

    /// How many agencies.
    ///
    /// ```
    /// let dir = hoptac::agency::AgencyDirectory::new(Vec::new())?;
    /// assert_eq!(dir.len(), 0);
    /// assert!(dir.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.agencies.len()
    }

    /// Whether there is no agency.
    ///
    /// ```
    /// use hoptac::agency::AgencyDirectory;
    /// assert!(AgencyDirectory::new(Vec::new())?.is_empty());
    /// assert!(!AgencyDirectory::standard_province().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.agencies.is_empty()
    }

    /// The agencies as a slice, in the order given.
    ///
    /// ```
    /// let dir = hoptac::agency::AgencyDirectory::standard_province();
    /// assert_eq!(dir.as_slice()[0].id.as_str(), "ubnd-tinh");
    /// ```
    pub fn as_slice(&self) -> &[Agency] {
        &self.agencies
    }

    /// The agencies, to change them and build a new directory (for instance to
    /// override a succession for one plan).
    ///
    /// ```
    /// use hoptac::{agency::AgencyDirectory, agency::AgencyId};
    /// let mut agencies = AgencyDirectory::standard_province().into_vec();
    /// for agency in &mut agencies {
    ///     if agency.id == AgencyId::new("so-khdt")? {
    ///         agency.successor = None;
    ///     }
    /// }
    /// let dir = AgencyDirectory::new(agencies)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_vec(self) -> Vec<Agency> {
        self.agencies
    }

    /// The agencies a provincial plan typically names, with the successions
    /// of the 2025 reorganisation.
    ///
    /// Ids: `ubnd-tinh`, `hdnd-tinh`, `tinh-uy`, `so-nganh` (all provincial
    /// departments and agencies, "các sở, ban, ngành"), `co-quan-lien-quan`
    /// ("các cơ quan, đơn vị có liên quan"), `so-khdt`, `so-tai-chinh`,
    /// `so-nnptnt`, `so-tnmt`, `so-nnmt`, `so-cong-thuong`, `so-khcn`,
    /// `so-tttt`, `so-ldtbxh`, `so-gddt`, `so-noi-vu`, `so-tu-phap`,
    /// `so-vhttdl`, `so-xay-dung`, `so-gtvt`, `so-y-te`, `ubnd-huyen`,
    /// `ubnd-xa`, `lmhtx`, `mttq`, `nhnn`, `nhcsxh`, `hoi-nong-dan`,
    /// `hoi-lhpn`, `tinh-doan`, `ldld`, `bao-tinh`, `dai-ptth`, `cuc-thue`,
    /// `vp-nong-thon-moi`, `ban-dan-toc`, and at central level `bo-khdt`,
    /// `bo-tai-chinh` and `lmhtx-vn`.
    ///
    /// Successions, facts of the 2025 reform at the dates given (a province
    /// may have moved a remit on another date or to another department; a
    /// plan overrides them by editing its own list of agencies):
    /// - from 2025-03-01, when the provincial departments were merged:
    ///   `so-khdt` → `so-tai-chinh` (the cooperative remit moved with it,
    ///   confirmed at national level, likely at provincial level); `so-nnptnt`
    ///   and `so-tnmt` → `so-nnmt`; `so-tttt` → `so-khcn`; `so-gtvt` →
    ///   `so-xay-dung`; `so-ldtbxh` → `so-noi-vu` (its labour remit; other
    ///   parts went elsewhere); and `bo-khdt` → `bo-tai-chinh`;
    /// - from 2025-07-01, when the district level was abolished (Resolutions
    ///   202/2025/QH15 and 203/2025/QH15): `ubnd-huyen` → `ubnd-xa`.
    ///
    /// ```
    /// use hoptac::agency::AgencyDirectory;
    /// let dir = AgencyDirectory::standard_province();
    /// assert!(AgencyDirectory::check(dir.as_slice()).is_empty());
    /// assert_eq!(dir.resolve("Liên minh HTX tỉnh").map(|a| a.id.as_str()), Some("lmhtx"));
    /// ```
    pub fn standard_province() -> Self {
        let agencies = STANDARD_PROVINCE
            .iter()
            .map(|s| Agency {
                id: AgencyId::from_static(s.id),
                name: Bilingual::both(s.name_vi, s.name_en),
                level: s.level,
                aliases: s.aliases.iter().map(|a| (*a).to_owned()).collect(),
                successor: s.successor.map(|(to, from, note)| Succession {
                    agency: AgencyId::from_static(to),
                    from,
                    note: Some(note.to_owned()),
                }),
            })
            .collect();
        Self::index(agencies)
    }
}

impl PartialEq for AgencyDirectory {
    fn eq(&self, other: &Self) -> bool {
        self.agencies == other.agencies
    }
}

impl Eq for AgencyDirectory {}

impl Hash for AgencyDirectory {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.agencies.hash(state);
    }
}

impl TryFrom<Vec<Agency>> for AgencyDirectory {
    type Error = AgencyError;

    fn try_from(agencies: Vec<Agency>) -> Result<Self, Self::Error> {
        AgencyDirectory::new(agencies)
    }
}

impl From<AgencyDirectory> for Vec<Agency> {
    fn from(dir: AgencyDirectory) -> Vec<Agency> {
        dir.agencies
    }
}

impl<'a> IntoIterator for &'a AgencyDirectory {
    type Item = &'a Agency;
    type IntoIter = std::slice::Iter<'a, Agency>;

    fn into_iter(self) -> Self::IntoIter {
        self.agencies.iter()
    }
}

impl fmt::Display for AgencyDirectory {
    /// One agency a line: its id and its Vietnamese name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, agency) in self.agencies.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{}: {}", agency.id, agency.name.vi)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// The standard provincial directory

/// One row of [`STANDARD_PROVINCE`].
struct StandardAgency {
    id: &'static str,
    name_vi: &'static str,
    name_en: &'static str,
    level: AgencyLevel,
    aliases: &'static [&'static str],
    successor: Option<(&'static str, NaiveDate, &'static str)>,
}

const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(d) => d,
        None => panic!("invalid date in a constant"),
    }
}

/// The day the provincial departments were merged.
const DEPARTMENTS_MERGED: NaiveDate = date(2025, 3, 1);
/// The day the district level ended.
const DISTRICTS_ABOLISHED: NaiveDate = date(2025, 7, 1);

const MERGER_NOTE: &str = "2025 reorganisation: provincial departments merged from 1/3/2025";

const fn std_agency(
    id: &'static str,
    name_vi: &'static str,
    name_en: &'static str,
    level: AgencyLevel,
    aliases: &'static [&'static str],
) -> StandardAgency {
    StandardAgency {
        id,
        name_vi,
        name_en,
        level,
        aliases,
        successor: None,
    }
}

const fn merged_into(
    mut agency: StandardAgency,
    to: &'static str,
    note: &'static str,
) -> StandardAgency {
    agency.successor = Some((to, DEPARTMENTS_MERGED, note));
    agency
}

use AgencyLevel::{Central, Commune, District, Province};

const STANDARD_PROVINCE: &[StandardAgency] = &[
    std_agency("ubnd-tinh", "Ủy ban nhân dân tỉnh", "Provincial People's Committee", Province, &["UBND tỉnh"]),
    std_agency("hdnd-tinh", "Hội đồng nhân dân tỉnh", "Provincial People's Council", Province, &["HĐND tỉnh"]),
    std_agency(
        "tinh-uy",
        "Tỉnh ủy",
        "Provincial Party Committee",
        Province,
        &["Ban Thường vụ Tỉnh ủy", "Thường trực Tỉnh ủy", "TT Tỉnh ủy"],
    ),
    std_agency(
        "so-nganh",
        "Các sở, ban, ngành tỉnh",
        "Provincial departments and agencies",
        Province,
        &[
            "Các sở, ban, ngành",
            "Các sở, ngành",
            "Các sở, ngành tỉnh",
            "Các sở, ban, ngành liên quan",
            "Các sở, ngành liên quan",
            "Các sở, ngành, đoàn thể liên quan",
            "Sở, ban, ngành",
            "Sở, ban, ngành tỉnh",
        ],
    ),
    std_agency(
        "co-quan-lien-quan",
        "Các cơ quan, đơn vị có liên quan",
        "Other agencies and units concerned",
        Province,
        &[
            "Các cơ quan, đơn vị liên quan",
            "Các đơn vị có liên quan",
            "Các đơn vị liên quan",
            "Các cơ quan, đơn vị",
        ],
    ),
    merged_into(
        std_agency(
            "so-khdt",
            "Sở Kế hoạch và Đầu tư",
            "Department of Planning and Investment",
            Province,
            &["Sở KH&ĐT", "Sở KHĐT"],
        ),
        "so-tai-chinh",
        "2025 reorganisation: merged into the Department of Finance from 1/3/2025; the cooperative remit moved with it (confirmed at national level, likely at provincial level)",
    ),
    std_agency("so-tai-chinh", "Sở Tài chính", "Department of Finance", Province, &["STC"]),
    merged_into(
        std_agency(
            "so-nnptnt",
            "Sở Nông nghiệp và Phát triển nông thôn",
            "Department of Agriculture and Rural Development",
            Province,
            &["Sở NN&PTNT", "Sở Nông nghiệp và PTNT", "Sở NN và PTNT"],
        ),
        "so-nnmt",
        MERGER_NOTE,
    ),
    merged_into(
        std_agency(
            "so-tnmt",
            "Sở Tài nguyên và Môi trường",
            "Department of Natural Resources and Environment",
            Province,
            &["Sở TN&MT"],
        ),
        "so-nnmt",
        MERGER_NOTE,
    ),
    std_agency(
        "so-nnmt",
        "Sở Nông nghiệp và Môi trường",
        "Department of Agriculture and Environment",
        Province,
        &["Sở NN&MT"],
    ),
    std_agency("so-cong-thuong", "Sở Công Thương", "Department of Industry and Trade", Province, &["Sở CT"]),
    std_agency(
        "so-khcn",
        "Sở Khoa học và Công nghệ",
        "Department of Science and Technology",
        Province,
        &["Sở KH&CN"],
    ),
    merged_into(
        std_agency(
            "so-tttt",
            "Sở Thông tin và Truyền thông",
            "Department of Information and Communications",
            Province,
            &["Sở TT&TT"],
        ),
        "so-khcn",
        MERGER_NOTE,
    ),
    merged_into(
        std_agency(
            "so-ldtbxh",
            "Sở Lao động - Thương binh và Xã hội",
            "Department of Labour, Invalids and Social Affairs",
            Province,
            &["Sở LĐTB&XH", "Sở Lao động, Thương binh và Xã hội"],
        ),
        "so-noi-vu",
        "2025 reorganisation: the labour remit passed to the Department of Home Affairs from 1/3/2025; other parts went to other departments",
    ),
    std_agency(
        "so-gddt",
        "Sở Giáo dục và Đào tạo",
        "Department of Education and Training",
        Province,
        &["Sở GD&ĐT"],
    ),
    std_agency("so-noi-vu", "Sở Nội vụ", "Department of Home Affairs", Province, &[]),
    std_agency("so-tu-phap", "Sở Tư pháp", "Department of Justice", Province, &[]),
    std_agency(
        "so-vhttdl",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Department of Culture, Sports and Tourism",
        Province,
        &["Sở VH,TT&DL"],
    ),
    std_agency("so-xay-dung", "Sở Xây dựng", "Department of Construction", Province, &[]),
    merged_into(
        std_agency(
            "so-gtvt",
            "Sở Giao thông vận tải",
            "Department of Transport",
            Province,
            &["Sở GTVT", "Sở Giao thông - Vận tải"],
        ),
        "so-xay-dung",
        MERGER_NOTE,
    ),
    std_agency("so-y-te", "Sở Y tế", "Department of Health", Province, &[]),
    StandardAgency {
        successor: Some((
            "ubnd-xa",
            DISTRICTS_ABOLISHED,
            "2025 reform of local government (Resolutions 202/2025/QH15 and 203/2025/QH15): the district level ended on 1/7/2025; its tasks passed to the communes (some to the province)",
        )),
        ..std_agency(
            "ubnd-huyen",
            "Ủy ban nhân dân cấp huyện",
            "District People's Committees",
            District,
            &[
                "UBND cấp huyện",
                "UBND các huyện",
                "UBND huyện",
                "UBND các huyện, thành, thị",
                "UBND các huyện, thành phố, thị xã",
                "UBND các huyện, thị xã, thành phố",
                "UBND các huyện, thành phố",
                "Ủy ban nhân dân các huyện",
            ],
        )
    },
    std_agency(
        "ubnd-xa",
        "Ủy ban nhân dân cấp xã",
        "Commune People's Committees",
        Commune,
        &[
            "UBND cấp xã",
            "UBND các xã",
            "UBND xã",
            "UBND các xã, phường, thị trấn",
            "UBND các xã, phường, đặc khu",
            "UBND các xã, phường",
        ],
    ),
    std_agency(
        "lmhtx",
        "Liên minh Hợp tác xã tỉnh",
        "Provincial Cooperative Alliance",
        Province,
        &["Liên minh HTX tỉnh", "LMHTX tỉnh", "LMHTX", "Liên minh Hợp tác xã"],
    ),
    std_agency(
        "mttq",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Provincial Committee of the Vietnam Fatherland Front",
        Province,
        &[
            "Ủy ban MTTQ Việt Nam tỉnh",
            "UBMTTQVN tỉnh",
            "UBMTTQ tỉnh",
            "Ủy ban Mặt trận Tổ quốc",
            "Mặt trận Tổ quốc tỉnh",
            "Mặt trận Tổ quốc",
        ],
    ),
    std_agency(
        "nhnn",
        "Ngân hàng Nhà nước chi nhánh tỉnh",
        "State Bank of Vietnam, provincial branch",
        Province,
        &["NHNN chi nhánh tỉnh", "NHNN tỉnh", "Ngân hàng Nhà nước"],
    ),
    std_agency(
        "nhcsxh",
        "Ngân hàng Chính sách xã hội chi nhánh tỉnh",
        "Vietnam Bank for Social Policies, provincial branch",
        Province,
        &["Ngân hàng Chính sách xã hội", "NHCSXH tỉnh", "NHCSXH"],
    ),
    std_agency(
        "hoi-nong-dan",
        "Hội Nông dân tỉnh",
        "Provincial Farmers' Union",
        Province,
        &["Hội Nông dân", "Hội ND tỉnh"],
    ),
    std_agency(
        "hoi-lhpn",
        "Hội Liên hiệp Phụ nữ tỉnh",
        "Provincial Women's Union",
        Province,
        &["Hội LHPN tỉnh", "Hội Liên hiệp Phụ nữ", "Hội LHPN"],
    ),
    std_agency(
        "tinh-doan",
        "Tỉnh đoàn",
        "Provincial Youth Union",
        Province,
        &[
            "Tỉnh đoàn Thanh niên",
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh",
            "Đoàn TNCS Hồ Chí Minh tỉnh",
        ],
    ),
    std_agency(
        "ldld",
        "Liên đoàn Lao động tỉnh",
        "Provincial Federation of Labour",
        Province,
        &["LĐLĐ tỉnh", "Liên đoàn Lao động"],
    ),
    std_agency(
        "bao-tinh",
        "Báo tỉnh",
        "Provincial newspaper",
        Province,
        &["Báo", "Các cơ quan báo", "Các cơ quan báo chí", "Cơ quan báo chí"],
    ),
    std_agency(
        "dai-ptth",
        "Đài Phát thanh - Truyền hình tỉnh",
        "Provincial radio and television station",
        Province,
        &["Đài PT-TH", "Đài PTTH tỉnh", "Đài Phát thanh và Truyền hình"],
    ),
    std_agency("cuc-thue", "Cục Thuế tỉnh", "Provincial Tax Department", Province, &["Cục Thuế"]),
    std_agency(
        "vp-nong-thon-moi",
        "Văn phòng Điều phối nông thôn mới tỉnh",
        "Provincial New Rural Development Coordination Office",
        Province,
        &[
            "Văn phòng Điều phối nông thôn mới",
            "Văn phòng Điều phối xây dựng nông thôn mới",
            "Văn phòng Điều phối Chương trình mục tiêu quốc gia xây dựng nông thôn mới tỉnh",
            "VP Điều phối NTM",
        ],
    ),
    std_agency(
        "ban-dan-toc",
        "Ban Dân tộc tỉnh",
        "Provincial Committee for Ethnic Minority Affairs",
        Province,
        &["Ban Dân tộc"],
    ),
    merged_into(
        std_agency(
            "bo-khdt",
            "Bộ Kế hoạch và Đầu tư",
            "Ministry of Planning and Investment",
            Central,
            &["Bộ KH&ĐT"],
        ),
        "bo-tai-chinh",
        "2025 reorganisation: merged into the Ministry of Finance from 1/3/2025",
    ),
    std_agency("bo-tai-chinh", "Bộ Tài chính", "Ministry of Finance", Central, &[]),
    std_agency(
        "lmhtx-vn",
        "Liên minh Hợp tác xã Việt Nam",
        "Vietnam Cooperative Alliance",
        Central,
        &["Liên minh HTX Việt Nam", "VCA"],
    ),
];

// ---------------------------------------------------------------------------
// Name normalisation

/// The Vietnamese vowels, one row per vowel, by tone: none, huyền (grave),
/// sắc (acute), hỏi (hook), ngã (tilde), nặng (dot below).
const VOWELS: [[char; 6]; 12] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
];

const ROW_A: usize = 0;
const ROW_E: usize = 3;
const ROW_O: usize = 6;
const ROW_U: usize = 9;
const ROW_Y: usize = 11;

/// The row and tone of a lowercase Vietnamese vowel.
fn vowel(c: char) -> Option<(usize, usize)> {
    VOWELS
        .iter()
        .enumerate()
        .find_map(|(row, tones)| tones.iter().position(|&t| t == c).map(|tone| (row, tone)))
}

fn vowel_char(row: usize, tone: usize) -> Option<char> {
    VOWELS.get(row).and_then(|tones| tones.get(tone)).copied()
}

/// Puts the tone of a lowercase syllable where the older ("traditional")
/// convention puts it, the one most official names use: in an open syllable
/// whose vowels are `oa`, `oe` or `uy` (not after `q`), on the first vowel
/// (`hòa`, `khỏe`, `thủy`, `ủy`); after `q`, on the `y` (`quý`). Every other
/// syllable is left alone, since both conventions agree on it.
fn place_tone(syllable: &str) -> String {
    let mut chars: Vec<char> = syllable.chars().collect();
    let Some(start) = chars.iter().position(|&c| vowel(c).is_some()) else {
        return syllable.to_owned();
    };
    let end = chars
        .iter()
        .skip(start)
        .position(|&c| vowel(c).is_none())
        .map_or(chars.len(), |n| start + n);
    if end != chars.len() || end - start != 2 {
        return syllable.to_owned();
    }
    let (Some(&c0), Some(&c1)) = (chars.get(start), chars.get(start + 1)) else {
        return syllable.to_owned();
    };
    let (Some((r0, t0)), Some((r1, t1))) = (vowel(c0), vowel(c1)) else {
        return syllable.to_owned();
    };
    let pair = matches!((r0, r1), (ROW_O, ROW_A) | (ROW_O, ROW_E) | (ROW_U, ROW_Y));
    if !pair || (t0 != 0 && t1 != 0) {
        return syllable.to_owned();
    }
    let tone = t0.max(t1);
    let after_q = start > 0 && chars.get(start - 1) == Some(&'q');
    let (tone0, tone1) = if after_q { (0, tone) } else { (tone, 0) };
    if let (Some(n0), Some(n1)) = (vowel_char(r0, tone0), vowel_char(r1, tone1)) {
        if let Some(slot) = chars.get_mut(start) {
            *slot = n0;
        }
        if let Some(slot) = chars.get_mut(start + 1) {
            *slot = n1;
        }
    }
    chars.into_iter().collect()
}

/// Abbreviations of agency names in the plans, each as its parts and its
/// expansion. The parts may be written together (`KHĐT`), apart (`KH ĐT`,
/// `KH-ĐT`) or with `và`/`&` before a later part (`KH&ĐT`, `KH và ĐT`),
/// and `d` may stand for `đ`. Longer entries come before their own prefixes.
const ABBREVIATIONS: &[(&[&str], &str)] = &[
    (&["ubmttq", "vn"], "ủy ban mặt trận tổ quốc việt nam"),
    (&["ubmttq"], "ủy ban mặt trận tổ quốc"),
    (&["mttq", "vn"], "mặt trận tổ quốc việt nam"),
    (&["mttq"], "mặt trận tổ quốc"),
    (&["ubnd"], "ủy ban nhân dân"),
    (&["hđnd"], "hội đồng nhân dân"),
    (&["kh", "đt"], "kế hoạch và đầu tư"),
    (&["kh", "cn"], "khoa học và công nghệ"),
    (&["nn", "ptnt"], "nông nghiệp và phát triển nông thôn"),
    (&["nn", "mt"], "nông nghiệp và môi trường"),
    (&["tn", "mt"], "tài nguyên và môi trường"),
    (&["ptnt"], "phát triển nông thôn"),
    (&["lđ", "tb", "xh"], "lao động thương binh và xã hội"),
    (&["lđ", "lđ"], "liên đoàn lao động"),
    (&["tt", "tt"], "thông tin và truyền thông"),
    (&["gd", "đt"], "giáo dục và đào tạo"),
    (&["vh", "tt", "dl"], "văn hóa thể thao và du lịch"),
    (&["gt", "vt"], "giao thông vận tải"),
    (&["lm", "htx"], "liên minh hợp tác xã"),
    (&["htx"], "hợp tác xã"),
    (&["nh", "csxh"], "ngân hàng chính sách xã hội"),
    (&["nhnn"], "ngân hàng nhà nước"),
    (&["lhpn"], "liên hiệp phụ nữ"),
    (&["pt", "th"], "phát thanh truyền hình"),
    (&["ntm"], "nông thôn mới"),
    (&["vp"], "văn phòng"),
    (&["tp"], "thành phố"),
    (&["tx"], "thị xã"),
];

/// How many of `tokens` the abbreviation `parts` covers at their start, if it
/// covers them: each token is one or more parts run together, and `và` may
/// stand before a later part.
fn match_parts(tokens: &[String], parts: &[&str]) -> Option<usize> {
    fn go(tokens: &[String], parts: &[&str], used: usize) -> Option<usize> {
        if parts.is_empty() {
            return Some(used);
        }
        let (token, rest) = tokens.split_first()?;
        if used > 0 && token == "và" {
            if let Some(n) = go(rest, parts, used + 1) {
                return Some(n);
            }
        }
        for take in 1..=parts.len() {
            let (head, tail) = parts.split_at(take);
            if equals_folded_concat(token, head) {
                if let Some(n) = go(rest, tail, used + 1) {
                    return Some(n);
                }
            }
        }
        None
    }
    go(tokens, parts, 0)
}

/// Whether `token` equals `parts` run together, with `đ` read as `d` on
/// both sides; compares characters without building strings.
fn equals_folded_concat(token: &str, parts: &[&str]) -> bool {
    let fold = |c: char| if c == 'đ' { 'd' } else { c };
    let mut expected = parts.iter().flat_map(|p| p.chars()).map(fold);
    let mut actual = token.chars().map(fold);
    loop {
        match (actual.next(), expected.next()) {
            (None, None) => return true,
            (Some(a), Some(e)) if a == e => {}
            _ => return false,
        }
    }
}

/// Normalises the name of an agency for comparison, so that the ways the plans
/// write one name give one string.
///
/// Steps: compose letters written with combining marks (NFC, see
/// [`text::nfc`](crate::text::nfc)) and lowercase (Unicode); turn `&` into `và` and every other character that is neither a
/// letter nor a digit into a space (so `-`, `,`, `.` and `–` go); expand the
/// abbreviations the plans use (`UBND`, `HĐND`, `UBMTTQVN`, `MTTQ`, `KH&ĐT`,
/// `KH&CN`, `NN&PTNT`, `PTNT`, `NN&MT`, `TN&MT`, `LĐTB&XH`, `LĐLĐ`, `TT&TT`,
/// `GD&ĐT`, `VH,TT&DL`, `GTVT`, `LMHTX`, `HTX`, `NHCSXH`, `NHNN`, `LHPN`,
/// `PT-TH`, `NTM`, `VP`, `TP`, `TX`, written together, apart or with `&`/`và`,
/// with `d` for `đ` or not); put the tone of open `oa`, `oe`, `uy` syllables on
/// the first vowel, as most official names do (`hoà` → `hòa`, `uỷ` → `ủy`,
/// `khoẻ` → `khỏe`, `thuỷ` → `thủy`, but `quý` stays); and join the words with
/// single spaces.
///
/// The result is meant for comparison, not for display.
///
/// ```
/// use hoptac::agency::normalize_agency_name;
/// let full = normalize_agency_name("Sở Nông nghiệp và Phát triển nông thôn");
/// assert_eq!(full, "sở nông nghiệp và phát triển nông thôn");
/// assert_eq!(normalize_agency_name("Sở NN&PTNT"), full);
/// assert_eq!(normalize_agency_name("Sở NN và PTNT"), full);
/// assert_eq!(normalize_agency_name("Sở Nông nghiệp và PTNT"), full);
/// assert_eq!(normalize_agency_name(" Uỷ ban  nhân dân tỉnh. "), "ủy ban nhân dân tỉnh");
/// assert_eq!(normalize_agency_name("UBND tỉnh"), "ủy ban nhân dân tỉnh");
/// ```
pub fn normalize_agency_name(name: &str) -> String {
    let folded = crate::text::lowercase_nfc(name);
    let mut spaced = String::with_capacity(folded.len() + 8);
    for c in folded.chars() {
        if c == '&' {
            spaced.push_str(" và ");
        } else if c.is_alphanumeric() {
            spaced.push(c);
        } else {
            spaced.push(' ');
        }
    }
    let tokens: Vec<String> = spaced.split_whitespace().map(str::to_owned).collect();
    let mut words: Vec<String> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while let Some(rest) = tokens.get(i..).filter(|r| !r.is_empty()) {
        let expanded = ABBREVIATIONS
            .iter()
            .find_map(|(parts, expansion)| match_parts(rest, parts).map(|n| (n, *expansion)));
        match expanded {
            Some((n, expansion)) => {
                words.extend(expansion.split(' ').map(str::to_owned));
                i += n;
            }
            None => {
                words.extend(rest.first().cloned());
                i += 1;
            }
        }
    }
    words
        .iter()
        .map(|w| place_tone(w))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn id(s: &str) -> AgencyId {
        AgencyId::new(s).unwrap()
    }

    fn agency(s: &str) -> Agency {
        Agency::new(id(s), s.to_uppercase(), s, AgencyLevel::Province)
    }

    #[test]
    fn ids_are_checked() {
        for good in [
            "so-khdt",
            "ubnd-huyen",
            "lmhtx",
            "a",
            "x_1.2",
            &"a".repeat(64),
        ] {
            assert_eq!(AgencyId::new(good).unwrap().as_str(), good);
        }
        for bad in ["", "So-khdt", "sở", "a b", "a/b", &"a".repeat(65), " a"] {
            assert!(AgencyId::new(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            AgencyId::new("").unwrap_err().to_string(),
            "empty agency id: expected at least one character"
        );
        assert_eq!(
            "UBND".parse::<AgencyId>().unwrap_err().to_string(),
            "invalid agency id `UBND`: expected only lowercase ASCII letters, digits, `-`, `_` and `.`"
        );
        let long = "a".repeat(300);
        let msg = AgencyId::new(&long).unwrap_err().to_string();
        assert!(msg.contains('…') && msg.len() < 200, "{msg}");
    }

    #[test]
    fn ids_deserialize_through_the_check() {
        assert_eq!(
            serde_json::to_string(&id("so-khdt")).unwrap(),
            "\"so-khdt\""
        );
        assert_eq!(
            serde_json::from_str::<AgencyId>("\"lmhtx\"").unwrap(),
            id("lmhtx")
        );
        assert!(serde_json::from_str::<AgencyId>("\"Sở\"").is_err());
        assert!(serde_json::from_str::<AgencyId>("\"\"").is_err());
    }

    #[test]
    fn levels_have_labels_and_snake_case() {
        for level in AgencyLevel::ALL {
            assert!(!level.label(Lang::Vi).is_empty());
            let json = serde_json::to_string(&level).unwrap();
            assert_eq!(json, format!("\"{}\"", level.label(Lang::En)));
            assert_eq!(serde_json::from_str::<AgencyLevel>(&json).unwrap(), level);
        }
    }

    #[test]
    fn tone_placement_is_unified() {
        for (a, b) in [
            ("uỷ", "ủy"),
            ("hoà", "hòa"),
            ("thuỷ", "thủy"),
            ("khoẻ", "khỏe"),
            ("hoá", "hóa"),
            ("toà", "tòa"),
            ("Uỷ ban", "Ủy ban"),
            ("văn hoá", "văn hóa"),
        ] {
            assert_eq!(
                normalize_agency_name(a),
                normalize_agency_name(b),
                "{a} / {b}"
            );
        }
        assert_eq!(normalize_agency_name("thuỷ"), "thủy");
        // Syllables both conventions agree on stay as they are.
        for same in [
            "quý", "hoàn", "hoạch", "thuyền", "ngoài", "khuya", "của", "quả", "hóa",
        ] {
            assert_eq!(normalize_agency_name(same), same);
        }
        assert_eq!(normalize_agency_name("qúy"), "quý");
    }

    #[test]
    fn decomposed_text_is_composed() {
        // "Ủy ban" and "Sở Kế hoạch" written with combining marks.
        let nfd = "U\u{31b}\u{309}y ban";
        assert_eq!(normalize_agency_name("U\u{309}y ban"), "ủy ban");
        assert_eq!(normalize_agency_name(nfd), "ửy ban");
        assert_eq!(
            normalize_agency_name("So\u{31b}\u{309} Ke\u{302}\u{301} hoa\u{323}ch"),
            "sở kế hoạch"
        );
        assert_eq!(normalize_agency_name("a\u{323}\u{302}"), "ậ");
    }

    #[test]
    fn abbreviations_expand() {
        let same = |a: &str, b: &str| {
            assert_eq!(
                normalize_agency_name(a),
                normalize_agency_name(b),
                "{a} / {b}"
            );
        };
        same("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư");
        same("Sở KHĐT", "Sở Kế hoạch và Đầu tư");
        same("Sở KH và ĐT", "Sở Kế hoạch và Đầu tư");
        same("Sở KH-DT", "Sở Kế hoạch và Đầu tư");
        same("Sở KH&CN", "Sở Khoa học và Công nghệ");
        same("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn");
        same("Sở NNPTNT", "Sở Nông nghiệp và Phát triển nông thôn");
        same("Sở TN&MT", "Sở Tài nguyên và Môi trường");
        same("Sở NN&MT", "Sở Nông nghiệp và Môi trường");
        same("Sở LĐTB&XH", "Sở Lao động - Thương binh và Xã hội");
        same("Sở LĐ-TB&XH", "Sở Lao động, Thương binh và Xã hội");
        same("Sở LDTBXH", "Sở Lao động - Thương binh và xã hội");
        same("Sở TT&TT", "Sở Thông tin và Truyền thông");
        same("Sở GD&ĐT", "Sở Giáo dục và Đào tạo");
        same("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch");
        same("Sở VHTT&DL", "Sở Văn hoá, Thể thao và Du lịch");
        same("Sở GTVT", "Sở Giao thông vận tải");
        same("Sở GTVT", "Sở Giao thông - Vận tải");
        same("LMHTX tỉnh", "Liên minh Hợp tác xã tỉnh");
        same("Liên minh HTX tỉnh", "Liên minh Hợp tác xã tỉnh");
        same("UBMTTQVN tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh");
        same(
            "Ủy ban MTTQ Việt Nam tỉnh",
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        );
        same("NHNN chi nhánh tỉnh", "Ngân hàng Nhà nước - Chi nhánh tỉnh");
        same("NHCSXH", "Ngân hàng Chính sách xã hội");
        same("Hội LHPN tỉnh", "Hội Liên hiệp Phụ nữ tỉnh");
        same("LĐLĐ tỉnh", "Liên đoàn Lao động tỉnh");
        same("Đài PT-TH", "Đài Phát thanh - Truyền hình");
        same("Đài PTTH", "Đài Phát thanh, truyền hình");
        same("HĐND tỉnh", "Hội đồng nhân dân tỉnh");
        same("VP Điều phối NTM", "Văn phòng Điều phối nông thôn mới");
        same("Bộ KH&ĐT", "Bộ Kế hoạch và Đầu tư");
    }

    /// Every agency spelling of the five seed plans, and of the brief, with the
    /// agency it means in the standard directory.
    const SEED_SPELLINGS: &[(&str, &str)] = &[
        // Seed 003 (Nghệ An, 363/KH-UBND): the appendix's lead and cooperating units.
        ("Các sở, ngành", "so-nganh"),
        ("UBND cấp huyện", "ubnd-huyen"),
        ("Sở Thông tin và Truyền thông", "so-tttt"),
        ("các cơ quan báo", "bao-tinh"),
        ("Đài Phát thanh, truyền hình", "dai-ptth"),
        ("Liên minh Hợp tác xã tỉnh", "lmhtx"),
        ("Sở Nội vụ", "so-noi-vu"),
        ("Sở Nông nghiệp và PTNT", "so-nnptnt"),
        ("Sở Kế hoạch và Đầu tư", "so-khdt"),
        ("Các sở, ngành liên quan", "so-nganh"),
        ("Sở Tài chính", "so-tai-chinh"),
        ("Ban Dân tộc tỉnh", "ban-dan-toc"),
        ("Sở Lao động - Thương binh và xã hội", "so-ldtbxh"),
        ("Sở Tài nguyên và Môi trường", "so-tnmt"),
        ("UBND các huyện", "ubnd-huyen"),
        ("Ngân hàng Nhà nước chi nhánh tỉnh Nghệ An", "nhnn"),
        ("Ngân hàng Nhà nước - Chi nhánh tỉnh Nghệ An", "nhnn"),
        ("Các cơ quan, đơn vị có liên quan", "co-quan-lien-quan"),
        ("các cơ quan, đơn vị có liên quan", "co-quan-lien-quan"),
        ("Các đơn vị có liên quan", "co-quan-lien-quan"),
        ("Sở Khoa học và Công nghệ", "so-khcn"),
        ("Sở Công Thương", "so-cong-thuong"),
        ("Các sở, ban, ngành", "so-nganh"),
        ("Ủy ban Mặt trận Tổ quốc Việt", "mttq"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Nghệ An", "mttq"),
        ("Hội Liên hiệp Phụ nữ tỉnh", "hoi-lhpn"),
        ("Liên Minh Hợp tác xã tỉnh", "lmhtx"),
        ("Liên minh hợp tác xã tỉnh", "lmhtx"),
        ("Ủy ban nhân dân tỉnh", "ubnd-tinh"),
        ("UBND tỉnh", "ubnd-tinh"),
        ("UBND các huyện, thành, thị", "ubnd-huyen"),
        ("Ủy ban nhân dân các huyện, thành, thị", "ubnd-huyen"),
        ("UBND các huyện, thành phố, thị xã", "ubnd-huyen"),
        ("Mặt trận Tổ quốc", "mttq"),
        ("TT Tỉnh ủy", "tinh-uy"),
        ("Ban Thường vụ Tỉnh ủy", "tinh-uy"),
        // Seed 000 (Quảng Nam, 2651/UBND-KTN).
        ("Sở, Ban, ngành liên quan", "so-nganh"),
        ("các Sở, Ban, ngành liên quan", "so-nganh"),
        ("UBND các huyện, thị xã, thành phố", "ubnd-huyen"),
        ("Sở Nông nghiệp và Phát triển nông thôn", "so-nnptnt"),
        ("HĐND tỉnh", "hdnd-tinh"),
        ("UBMTTQVN tỉnh", "mttq"),
        ("Báo Quảng Nam", "bao-tinh"),
        ("Đài Phát thanh - Truyền hình Quảng Nam", "dai-ptth"),
        // Seed 001 (An Giang, 1206/QĐ-UBND).
        ("Ủy ban nhân dân tỉnh An Giang", "ubnd-tinh"),
        ("Sở, Ban, ngành tỉnh", "so-nganh"),
        ("Liên minh HTX tỉnh", "lmhtx"),
        ("Hội Nông dân tỉnh", "hoi-nong-dan"),
        // Seed 002 (Lạng Sơn, 538/UBND-KTTH).
        ("Các sở, ban, ngành tỉnh", "so-nganh"),
        ("UBND các huyện, thành phố", "ubnd-huyen"),
        ("Ủy ban nhân dân các huyện, thành phố", "ubnd-huyen"),
        ("Liên minh Hợp tác xã Việt Nam", "lmhtx-vn"),
        ("Bộ Kế hoạch và Đầu tư", "bo-khdt"),
        ("Thường trực Tỉnh ủy", "tinh-uy"),
        // Seed 004 (plan of 2023).
        ("Liên minh hợp tác xã Việt Nam", "lmhtx-vn"),
        // The abbreviations of the brief.
        ("Sở KH&ĐT", "so-khdt"),
        ("Sở NN&PTNT", "so-nnptnt"),
        ("Sở NN và PTNT", "so-nnptnt"),
        ("Sở KH&CN", "so-khcn"),
        ("Sở TN&MT", "so-tnmt"),
        ("Sở LĐTB&XH", "so-ldtbxh"),
        ("Sở TT&TT", "so-tttt"),
        ("Sở GD&ĐT", "so-gddt"),
        ("Sở Tư pháp", "so-tu-phap"),
        ("Sở VH,TT&DL", "so-vhttdl"),
        ("Sở Văn hóa, Thể thao và Du lịch", "so-vhttdl"),
        ("Sở Xây dựng", "so-xay-dung"),
        ("Sở GTVT", "so-gtvt"),
        ("Sở Nông nghiệp và Môi trường", "so-nnmt"),
        ("UBND cấp xã", "ubnd-xa"),
        ("LMHTX", "lmhtx"),
        ("Ủy ban MTTQ Việt Nam tỉnh", "mttq"),
        ("NHNN", "nhnn"),
        ("Ngân hàng Chính sách xã hội", "nhcsxh"),
        ("Hội Nông dân", "hoi-nong-dan"),
        ("Hội LHPN", "hoi-lhpn"),
        ("Hội LHPN tỉnh", "hoi-lhpn"),
        ("Tỉnh đoàn", "tinh-doan"),
        ("Tỉnh Đoàn Nghệ An", "tinh-doan"),
        ("Liên đoàn Lao động tỉnh", "ldld"),
        ("Báo", "bao-tinh"),
        ("Đài PT-TH", "dai-ptth"),
        ("Cục Thuế", "cuc-thue"),
        ("Cục Thuế tỉnh Nghệ An", "cuc-thue"),
        ("Văn phòng Điều phối nông thôn mới", "vp-nong-thon-moi"),
        ("Ban Dân tộc", "ban-dan-toc"),
        ("Bộ KH&ĐT", "bo-khdt"),
        // Ids and English names.
        ("so-khdt", "so-khdt"),
        ("Department of Planning and Investment", "so-khdt"),
        ("district people's committees", "ubnd-huyen"),
    ];

    #[test]
    fn every_seed_spelling_resolves() {
        let dir = AgencyDirectory::standard_province();
        for (name, want) in SEED_SPELLINGS {
            let got = dir.resolve(name).map(|a| a.id.as_str());
            assert_eq!(got, Some(*want), "{name}");
        }
    }

    #[test]
    fn lists_and_unknown_names_do_not_resolve() {
        let dir = AgencyDirectory::standard_province();
        for name in [
            "",
            "   ",
            "UBND",
            "Sở",
            "UBND tỉnh và Sở Tài chính",
            "Các sở, ngành và UBND cấp huyện",
            "Bộ Quốc phòng",
            &"Sở Tài chính ".repeat(40),
        ] {
            assert_eq!(dir.resolve(name), None, "{name}");
        }
    }

    #[test]
    fn standard_directory_is_consistent() {
        let dir = AgencyDirectory::standard_province();
        assert!(AgencyDirectory::check(dir.as_slice()).is_empty());
        for agency in &dir {
            assert_eq!(AgencyId::new(agency.id.as_str()).as_ref(), Ok(&agency.id));
            assert_eq!(
                dir.resolve(&agency.name.vi),
                Some(agency),
                "{}",
                agency.name.vi
            );
            assert_eq!(
                dir.resolve(agency.name.en.as_deref().unwrap_or_default()),
                Some(agency),
                "{}",
                agency.name.en.as_deref().unwrap_or_default()
            );
            for alias in &agency.aliases {
                assert_eq!(dir.resolve(alias), Some(agency), "{alias}");
            }
        }
        for wanted in [
            "ubnd-tinh",
            "so-khdt",
            "so-tai-chinh",
            "so-nnptnt",
            "so-cong-thuong",
            "so-khcn",
            "so-tnmt",
            "so-ldtbxh",
            "so-tttt",
            "so-gddt",
            "so-noi-vu",
            "so-tu-phap",
            "so-vhttdl",
            "so-xay-dung",
            "so-gtvt",
            "ubnd-huyen",
            "ubnd-xa",
            "lmhtx",
            "mttq",
            "nhnn",
            "nhcsxh",
            "hoi-nong-dan",
            "hoi-lhpn",
            "tinh-doan",
            "ldld",
            "bao-tinh",
            "dai-ptth",
            "cuc-thue",
            "vp-nong-thon-moi",
            "ban-dan-toc",
            "so-nnmt",
            "bo-khdt",
        ] {
            assert!(dir.contains(&id(wanted)), "{wanted}");
        }
        assert_eq!(dir.get(&id("ubnd-xa")).unwrap().level, AgencyLevel::Commune);
        assert_eq!(dir.get(&id("bo-khdt")).unwrap().level, AgencyLevel::Central);
    }

    #[test]
    fn successions_of_2025() {
        let dir = AgencyDirectory::standard_province();
        let holder =
            |from: &str, date: NaiveDate| dir.holder_at(&id(from), date).unwrap().id.as_str();
        assert_eq!(holder("ubnd-huyen", d(2025, 6, 30)), "ubnd-huyen");
        assert_eq!(holder("ubnd-huyen", d(2025, 7, 1)), "ubnd-xa");
        assert_eq!(holder("so-khdt", d(2025, 2, 28)), "so-khdt");
        assert_eq!(holder("so-khdt", d(2025, 3, 1)), "so-tai-chinh");
        for (old, new) in [
            ("so-nnptnt", "so-nnmt"),
            ("so-tnmt", "so-nnmt"),
            ("so-tttt", "so-khcn"),
            ("so-gtvt", "so-xay-dung"),
            ("so-ldtbxh", "so-noi-vu"),
            ("bo-khdt", "bo-tai-chinh"),
        ] {
            assert_eq!(holder(old, d(2024, 12, 31)), old);
            assert_eq!(holder(old, d(2026, 1, 1)), new);
        }
        assert_eq!(holder("so-tai-chinh", d(2030, 1, 1)), "so-tai-chinh");
        assert!(dir.holder_at(&id("nobody"), d(2025, 1, 1)).is_none());
        let note = dir
            .get(&id("so-khdt"))
            .unwrap()
            .successor
            .as_ref()
            .unwrap()
            .note
            .clone();
        assert!(note.unwrap().contains("likely at provincial level"));
    }

    #[test]
    fn chained_successions_are_followed() {
        let a = agency("a").with_successor(Succession::new(id("b"), d(2025, 1, 1)));
        let b = agency("b").with_successor(Succession::new(id("c"), d(2026, 1, 1)));
        let dir = AgencyDirectory::new(vec![a, b, agency("c")]).unwrap();
        let holder = |date| dir.holder_at(&id("a"), date).unwrap().id.as_str();
        assert_eq!(holder(d(2024, 6, 1)), "a");
        assert_eq!(holder(d(2025, 6, 1)), "b");
        assert_eq!(holder(d(2026, 6, 1)), "c");
    }

    #[test]
    fn problems_are_reported_with_paths() {
        let from = d(2025, 3, 1);
        let agencies = vec![
            agency("a").with_successor(Succession::new(id("b"), from)),
            agency("b").with_successor(Succession::new(id("c"), from)),
            agency("c").with_successor(Succession::new(id("a"), from)),
            agency("d").with_successor(Succession::new(id("d"), from)),
            agency("e").with_successor(Succession::new(id("zz"), from)),
            agency("a"),
            Agency::new(id("f"), " ", "F", AgencyLevel::Commune).with_alias("A"),
        ];
        let problems = AgencyDirectory::check(&agencies);
        let seen: Vec<_> = problems
            .iter()
            .map(|p| (p.path.as_str(), p.code, p.severity))
            .collect();
        use crate::error::Severity::{Error, Warning};
        assert_eq!(
            seen,
            vec![
                ("[5].id", ProblemCode::DuplicateAgencyId, Error),
                ("[6].name.vi", ProblemCode::AgencyWithoutName, Error),
                ("[4].successor.agency", ProblemCode::UnknownSuccessor, Error),
                ("[0].successor", ProblemCode::SuccessionCycle, Error),
                ("[3].successor", ProblemCode::SuccessionCycle, Error),
                ("[5].name.vi", ProblemCode::AmbiguousAgencyName, Warning),
                ("[5].name.en", ProblemCode::AmbiguousAgencyName, Warning),
                ("[6].aliases[0]", ProblemCode::AmbiguousAgencyName, Warning),
            ]
        );
        let cycle = problems.iter().find(|p| p.path == "[0].successor").unwrap();
        assert_eq!(
            cycle.message,
            "succession cycle `a -> b -> c -> a`: following successors must not come back to an agency"
        );
        let first = AgencyDirectory::new(agencies).unwrap_err();
        assert_eq!(first, AgencyError::DuplicateId { id: id("a") });
    }

    #[test]
    fn error_messages() {
        let from = d(2025, 3, 1);
        let err = AgencyDirectory::new(vec![
            agency("so-khdt").with_successor(Succession::new(id("so-tc"), from))
        ])
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown successor `so-tc` of agency `so-khdt`: expected the id of an agency in the directory"
        );
        let err = AgencyDirectory::new(vec![Agency::new(id("x"), "X", "", AgencyLevel::Province)])
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "empty name.en of agency `x`: expected a name"
        );
        let err = AgencyDirectory::new(vec![
            agency("x").with_successor(Succession::new(id("x"), from))
        ])
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "succession cycle `x -> x`: following successors must not come back to an agency"
        );
    }

    #[test]
    fn cycles_do_not_hang() {
        // Built around the checks, as corrupt data might be.
        let from = d(2025, 3, 1);
        let dir = AgencyDirectory::index(vec![
            agency("a").with_successor(Succession::new(id("b"), from)),
            agency("b").with_successor(Succession::new(id("a"), from)),
        ]);
        let holder = dir.holder_at(&id("a"), d(2026, 1, 1)).unwrap();
        assert!(holder.id == id("a") || holder.id == id("b"));
        assert!(AgencyDirectory::new(dir.into_vec()).is_err());
    }

    #[test]
    fn serde_round_trips() {
        let dir = AgencyDirectory::standard_province();
        let json = serde_json::to_string(&dir).unwrap();
        assert!(json.starts_with("[{\"id\":\"ubnd-tinh\""));
        let back: AgencyDirectory = serde_json::from_str(&json).unwrap();
        assert_eq!(back, dir);
        assert_eq!(back.resolve("Sở KH&ĐT"), dir.resolve("Sở KH&ĐT"));

        let agency = dir.get(&id("ubnd-huyen")).unwrap();
        let json = serde_json::to_string(agency).unwrap();
        assert_eq!(serde_json::from_str::<Agency>(&json).unwrap(), *agency);

        let bad_dir = r#"[{"id":"a","name":{"vi":"A","en":"A"},"level":"province"},
                          {"id":"a","name":{"vi":"B","en":"B"},"level":"province"}]"#;
        let err = serde_json::from_str::<AgencyDirectory>(bad_dir).unwrap_err();
        assert!(err.to_string().contains("duplicate agency id `a`"), "{err}");
        let unknown_field = r#"{"id":"a","name":{"vi":"A","en":"A"},"level":"province","x":1}"#;
        assert!(serde_json::from_str::<Agency>(unknown_field).is_err());
        let bad_id = r#"{"id":"A B","name":{"vi":"A","en":"A"},"level":"province"}"#;
        assert!(serde_json::from_str::<Agency>(bad_id).is_err());
        let minimal = r#"{"id":"a","name":{"vi":"A","en":"A"},"level":"commune"}"#;
        let a: Agency = serde_json::from_str(minimal).unwrap();
        assert!(a.aliases.is_empty() && a.successor.is_none());
        assert_eq!(serde_json::to_string(&a).unwrap(), minimal);
    }

    #[test]
    fn errors_are_send_sync_static() {
        fn check<T: Send + Sync + 'static + std::error::Error>() {}
        check::<ParseError>();
        check::<AgencyError>();
    }

    proptest! {
        #[test]
        fn normalize_and_resolve_never_panic(s in ".{0,80}") {
            let dir = AgencyDirectory::standard_province();
            let n = normalize_agency_name(&s);
            let _ = dir.resolve(&s);
            prop_assert_eq!(normalize_agency_name(&n), n.clone());
        }

        #[test]
        fn normalize_never_panics_on_any_string(s in any::<String>()) {
            let _ = normalize_agency_name(&s);
            let _ = AgencyDirectory::standard_province().resolve(&s);
            let _ = AgencyId::new(&s);
        }

        #[test]
        fn vietnamese_text_is_never_split(s in "[a-zđăâêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ &,.-]{0,40}") {
            let n = normalize_agency_name(&s);
            prop_assert!(!n.starts_with(' ') && !n.ends_with(' ') && !n.contains("  "));
        }

        #[test]
        fn ids_round_trip(s in "[a-z0-9._-]{1,64}") {
            let id = AgencyId::new(&s).unwrap();
            prop_assert_eq!(id.to_string().parse::<AgencyId>().unwrap(), id.clone());
            let json = serde_json::to_string(&id).unwrap();
            prop_assert_eq!(serde_json::from_str::<AgencyId>(&json).unwrap(), id);
        }
    }
}
