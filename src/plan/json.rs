//! Loading plans from JSON and writing them back (feature `json`).

use crate::error::Problems;
use crate::plan::{Plan, FORMAT_VERSION, OLDEST_FORMAT_VERSION};
use crate::Lang;

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
/// let err = Plan::from_json(r#"{"format_version": 2, "id": "x", "title": {"vi": "t"}, "issuer": "i", "colour": 1}"#).unwrap_err();
/// assert!(matches!(err, LoadError::Json { .. }));
/// assert!(err.to_string().starts_with("invalid plan JSON at colour (line 1, column"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The text is not a plan: bad JSON, an unknown field, a wrong type or a
    /// value its parser refuses.
    #[error("invalid plan JSON at {path}{}: {message}", position(*line, *column))]
    Json {
        /// Path to the bad value (`targets[3].threshold`), `.` for the top.
        path: String,
        /// Line of the input; 0 when not known (a version 1 plan, which is
        /// rewritten before it is read).
        line: usize,
        /// Column of the input; 0 when not known.
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
    #[error("unsupported plan format version {found}: expected {oldest} to {newest}")]
    UnsupportedVersion {
        /// The version found.
        found: u64,
        /// The oldest version this crate reads.
        oldest: u32,
        /// The newest version this crate reads (and the one it writes).
        newest: u32,
    },
    /// The plan parsed but has validation errors (warnings alone never fail
    /// a load).
    #[error("plan has {} validation error(s):\n{problems}", problems.errors().count())]
    Invalid {
        /// Every problem found, warnings included.
        problems: Problems,
    },
}

impl LoadError {
    /// The error for people, in `lang`. What serde says of bad JSON stays
    /// in English inside the Vietnamese sentence; validation problems are
    /// given in Vietnamese ([`Problems::text`]).
    ///
    /// ```
    /// use hoptac::{Lang, Plan};
    /// let err = Plan::from_json(r#"{"format_version": 2, "id": "demo", "title": {"vi": "Kế hoạch"}, "issuer": " "}"#).unwrap_err();
    /// assert_eq!(err.text(Lang::Vi), "kế hoạch có 1 lỗi:\nlỗi[empty_text] tại issuer: cơ quan ban hành để trống");
    /// assert_eq!(err.text(Lang::En), err.to_string());
    /// ```
    pub fn text(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            LoadError::Json {
                path,
                line,
                column,
                message,
            } => {
                let at = if *line == 0 {
                    String::new()
                } else {
                    format!(" (dòng {line}, cột {column})")
                };
                format!("JSON kế hoạch không hợp lệ tại {path}{at}: {message}")
            }
            LoadError::TooLarge { size, limit } => {
                format!("JSON kế hoạch có {size} byte, quá {limit} byte cho phép")
            }
            LoadError::UnsupportedVersion {
                found,
                oldest,
                newest,
            } => format!(
                "không hỗ trợ phiên bản định dạng kế hoạch {found}: cần từ {oldest} đến {newest}"
            ),
            LoadError::Invalid { problems } => format!(
                "kế hoạch có {} lỗi:\n{}",
                problems.errors().count(),
                problems.text(lang)
            ),
        }
    }
}

/// ` (line L, column C)`, or nothing when the position is not known.
fn position(line: usize, column: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(" (line {line}, column {column})")
    }
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
    /// let plan = Plan::from_json(r#"{"format_version": 2, "id": "demo", "title": {"vi": "Kế hoạch"}, "issuer": "UBND tỉnh"}"#)?;
    /// assert_eq!(plan.id.as_str(), "demo");
    /// // Version 1 plans load unchanged.
    /// let old = Plan::from_json(r#"{"format_version": 1, "id": "demo", "title": "Kế hoạch", "issuer": "UBND tỉnh"}"#)?;
    /// assert_eq!(old, plan);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Plan, LoadError> {
        let plan = Plan::from_json_unchecked(text)?;
        // Whether the plan loads depends on errors only: the checks that can
        // only warn run when there are errors to report with them.
        if plan.validate_with(false).has_errors() {
            return Err(LoadError::Invalid {
                problems: plan.validate(),
            });
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
    /// let text = r#"{"format_version": 2, "id": "demo", "title": {"vi": ""}, "issuer": "UBND tỉnh"}"#;
    /// // Loads although the title is empty ...
    /// let plan = Plan::from_json_unchecked(text)?;
    /// assert!(plan.validate().contains(ProblemCode::EmptyText));
    /// // ... which the checked loader refuses.
    /// assert!(matches!(Plan::from_json(text), Err(LoadError::Invalid { .. })));
    /// // Malformed JSON and other versions are still refused.
    /// let err = Plan::from_json_unchecked(r#"{"format_version": 3}"#).unwrap_err();
    /// assert_eq!(err.to_string(), "unsupported plan format version 3: expected 1 to 2");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_unchecked(text: &str) -> Result<Plan, LoadError> {
        // Editors on Windows save UTF-8 with a byte order mark: it is not
        // JSON, but it is not the user's mistake either.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.len() > MAX_PLAN_JSON_BYTES {
            return Err(LoadError::TooLarge {
                size: text.len(),
                limit: MAX_PLAN_JSON_BYTES,
            });
        }
        // Most plans are of the current version: read them in one pass. Only
        // when that fails, or the version differs, is the version looked at
        // first, so that an older plan is rewritten and a newer one refused
        // by its version rather than by its first unknown field.
        if let Ok(plan) = read_current(text) {
            if plan.format_version == FORMAT_VERSION {
                return Ok(plan);
            }
        }
        #[derive(serde::Deserialize)]
        struct Version {
            format_version: Option<serde_json::Value>,
        }
        let mut version = FORMAT_VERSION;
        if let Ok(Version {
            format_version: Some(v),
        }) = serde_json::from_str::<Version>(text)
        {
            match v.as_u64() {
                Some(found)
                    if (u64::from(OLDEST_FORMAT_VERSION)..=u64::from(FORMAT_VERSION))
                        .contains(&found) =>
                {
                    version = found as u32;
                }
                Some(found) => {
                    return Err(LoadError::UnsupportedVersion {
                        found,
                        oldest: OLDEST_FORMAT_VERSION,
                        newest: FORMAT_VERSION,
                    })
                }
                None => {}
            }
        }
        if version == 1 {
            // Version 1: read the JSON, rewrite it into version 2's shape and
            // read that. Errors name the version 2 path; the input's lines
            // and columns are not known after the rewrite.
            let mut value: serde_json::Value =
                serde_json::from_str(text).map_err(|e| json_error(".".to_owned(), &e))?;
            v1::upgrade(&mut value);
            let plan: Plan = serde_path_to_error::deserialize(value).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                LoadError::Json {
                    path,
                    line: 0,
                    column: 0,
                    message: format!("{inner} (in a format version 1 plan, read as version 2)"),
                }
            })?;
            return Ok(plan);
        }
        read_current(text)
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

/// Reads a plan of the current format version, with the path of the first
/// bad value.
fn read_current(text: &str) -> Result<Plan, LoadError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let plan: Plan = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        json_error(path, &e.into_inner())
    })?;
    de.end().map_err(|e| json_error(".".to_owned(), &e))?;
    Ok(plan)
}

/// Reading version 1 plans: their JSON is rewritten into version 2's shape,
/// then read as any version 2 plan. Each step names the version 1 field it
/// replaces; values pass through untouched, so the version 2 parsers still
/// check them.
mod v1 {
    use serde_json::{Map, Value};

    /// Moves `vi_key` and `en_key` of `obj` into one `{"vi", "en"}` object at
    /// `to`. A missing Vietnamese text stays missing, so the version 2 reader
    /// reports it at `to`.
    fn bilingual(obj: &mut Map<String, Value>, vi_key: &str, en_key: &str, to: &str) {
        let vi = obj.remove(vi_key);
        let en = obj.remove(en_key);
        if vi.is_none() && en.is_none() {
            return;
        }
        let mut text = Map::new();
        if let Some(vi) = vi {
            text.insert("vi".into(), vi);
        }
        if let Some(en) = en.filter(|e| !e.is_null()) {
            text.insert("en".into(), en);
        }
        obj.insert(to.into(), Value::Object(text));
    }

    /// `{"kind": code}` for a bare code string at `key`.
    fn tag(obj: &mut Map<String, Value>, key: &str) {
        if let Some(Value::String(code)) = obj.get(key) {
            let mut tagged = Map::new();
            tagged.insert("kind".into(), Value::String(code.clone()));
            obj.insert(key.into(), Value::Object(tagged));
        }
    }

    fn each(value: &mut Value, key: &str, f: impl Fn(&mut Map<String, Value>)) {
        if let Some(Value::Array(items)) = value.get_mut(key) {
            for item in items {
                if let Value::Object(obj) = item {
                    f(obj);
                }
            }
        }
    }

    /// A measure's `population` and `scale`, and its base's.
    fn measure(m: &mut Map<String, Value>) {
        tag(m, "population");
        tag(m, "scale");
        if let Some(Value::Object(base)) = m.get_mut("base") {
            tag(base, "population");
        }
    }

    /// Rewrites a version 1 plan into version 2's shape, in place.
    pub(super) fn upgrade(plan: &mut Value) {
        let Value::Object(obj) = plan else { return };
        obj.insert("format_version".into(), Value::from(2));
        bilingual(obj, "title", "title_en", "title");
        for list in ["implements", "cites", "self_citations"] {
            each(plan, list, |c| bilingual(c, "title", "title_en", "title"));
        }
        each(plan, "agencies", |a| {
            bilingual(a, "name_vi", "name_en", "name")
        });
        each(plan, "sections", |s| {
            bilingual(s, "title", "title_en", "title")
        });
        each(plan, "tasks", |t| bilingual(t, "text", "text_en", "text"));
        each(plan, "targets", |t| {
            bilingual(t, "label_vi", "label_en", "label");
            if let Some(Value::Object(m)) = t.get_mut("measure") {
                measure(m);
            }
            if let Some(Value::Array(items)) = t.get_mut("assumptions") {
                for item in items {
                    if let Value::String(text) = item {
                        let mut a = Map::new();
                        a.insert("text".into(), Value::String(std::mem::take(text)));
                        *item = Value::Object(a);
                    }
                }
            }
        });
    }
}
