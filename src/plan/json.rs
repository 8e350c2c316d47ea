//! Loading plans from JSON and writing them back (feature `json`).

use crate::error::Problems;
use crate::plan::{Plan, FORMAT_VERSION};

/// Largest plan JSON accepted by [`Plan::from_json`], in bytes (16 MiB): the
/// biggest real plan is a few hundred kilobytes.
///
/// ```
/// use hoptac::{LoadError, Plan};
/// let too_big = " ".repeat(16 * 1024 * 1024 + 1);
/// let err = Plan::from_json(&too_big).unwrap_err();
/// assert!(matches!(err, LoadError::TooLarge { limit: 16_777_216, .. }));
/// ```
pub const MAX_PLAN_JSON_BYTES: usize = 16 * 1024 * 1024;

/// Why a plan could not be loaded from JSON.
///
/// ```
/// use hoptac::{LoadError, Plan};
/// let err = Plan::from_json(r#"{"format_version": 1, "id": "x", "title": "t", "issuer": "i", "colour": 1}"#).unwrap_err();
/// assert!(matches!(err, LoadError::Json { .. }));
/// assert!(err.to_string().starts_with("invalid plan JSON at colour (line 1, column"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The text is not a plan: bad JSON, an unknown field, a wrong type or a
    /// value its parser refuses.
    #[error("invalid plan JSON at {path} (line {line}, column {column}): {message}")]
    Json {
        /// Path to the bad value (`targets[3].threshold`), `.` for the top.
        path: String,
        /// Line of the input.
        line: usize,
        /// Column of the input.
        column: usize,
        /// What serde said.
        message: String,
    },
    /// The input is larger than allowed.
    #[error("plan JSON is {size} bytes, more than the {limit} allowed")]
    TooLarge {
        /// The input's size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The JSON names a format version this crate does not read.
    #[error("unsupported plan format version {found}: expected {expected}")]
    UnsupportedVersion {
        /// The version found.
        found: u64,
        /// The version this crate reads.
        expected: u32,
    },
    /// The plan parsed but has validation errors (warnings alone never fail
    /// a load).
    #[error("plan has {} validation error(s):\n{problems}", problems.errors().count())]
    Invalid {
        /// Every problem found, warnings included.
        problems: Problems,
    },
}

/// A [`LoadError::Json`] from serde_json's error, its position given once.
fn json_error(path: String, e: &serde_json::Error) -> LoadError {
    let text = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    LoadError::Json {
        path,
        line: e.line(),
        column: e.column(),
        message: text.strip_suffix(&position).unwrap_or(&text).to_owned(),
    }
}

impl Plan {
    /// Reads a plan from its JSON form and validates it.
    ///
    /// Unknown fields are errors that name them; errors carry the path to the
    /// bad value. The `format_version` is checked first, so a newer plan
    /// gets a clear message rather than a confusing field error.
    ///
    /// # Errors
    ///
    /// [`LoadError`]: malformed JSON, an unsupported version, or a plan whose
    /// [`Plan::validate`] finds errors (warnings are kept in the plan's
    /// validation, not reported here).
    ///
    /// ```
    /// use hoptac::Plan;
    /// let plan = Plan::from_json(r#"{"format_version": 1, "id": "demo", "title": "Kế hoạch", "issuer": "UBND tỉnh"}"#)?;
    /// assert_eq!(plan.id.as_str(), "demo");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Plan, LoadError> {
        let plan = Plan::from_json_unchecked(text)?;
        let problems = plan.validate();
        if problems.has_errors() {
            return Err(LoadError::Invalid { problems });
        }
        Ok(plan)
    }

    /// Reads a plan from JSON without running [`Plan::validate`]: for tools
    /// that want to show every validation problem themselves.
    ///
    /// # Errors
    ///
    /// [`LoadError`] for everything but validation problems.
    ///
    /// ```
    /// use hoptac::{LoadError, Plan, ProblemCode};
    /// let text = r#"{"format_version": 1, "id": "demo", "title": "", "issuer": "UBND tỉnh"}"#;
    /// // Loads although the title is empty ...
    /// let plan = Plan::from_json_unchecked(text)?;
    /// assert!(plan.validate().contains(ProblemCode::EmptyText));
    /// // ... which the checked loader refuses.
    /// assert!(matches!(Plan::from_json(text), Err(LoadError::Invalid { .. })));
    /// // Malformed JSON and other versions are still refused.
    /// let err = Plan::from_json_unchecked(r#"{"format_version": 2}"#).unwrap_err();
    /// assert_eq!(err.to_string(), "unsupported plan format version 2: expected 1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_unchecked(text: &str) -> Result<Plan, LoadError> {
        if text.len() > MAX_PLAN_JSON_BYTES {
            return Err(LoadError::TooLarge {
                size: text.len(),
                limit: MAX_PLAN_JSON_BYTES,
            });
        }
        #[derive(serde::Deserialize)]
        struct Version {
            format_version: Option<serde_json::Value>,
        }
        if let Ok(Version {
            format_version: Some(v),
        }) = serde_json::from_str::<Version>(text)
        {
            match v.as_u64() {
                Some(found) if found == u64::from(FORMAT_VERSION) => {}
                Some(found) => {
                    return Err(LoadError::UnsupportedVersion {
                        found,
                        expected: FORMAT_VERSION,
                    })
                }
                None => {}
            }
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let plan: Plan = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            json_error(path, &e.into_inner())
        })?;
        de.end().map_err(|e| json_error(".".to_owned(), &e))?;
        Ok(plan)
    }

    /// The plan's JSON form, pretty-printed.
    ///
    /// ```
    /// use hoptac::{Plan, plan::PlanId};
    /// let plan = Plan::new(PlanId::new("demo")?, "Kế hoạch", "UBND tỉnh");
    /// let text = plan.to_json();
    /// assert_eq!(Plan::from_json(&text)?, plan);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> String {
        // A plan holds only strings, numbers, maps with string keys and
        // sequences, which serde_json always serializes.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
