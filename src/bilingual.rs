//! [`Bilingual`]: one text in Vietnamese and, where it has one, English.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// A text in Vietnamese and, where it has one, in English (văn bản song
/// ngữ): titles, labels, names, task texts. Vietnamese is the original
/// wording; English is a translation for readers of English reports.
///
/// Every combination is a valid value (fields are public); whether a text
/// may lack its English is for validation to say: a target's label and an
/// agency's name need both, a plan's title does not.
///
/// JSON: `{"vi": "...", "en": "..."}`, `en` omitted when absent.
///
/// ```
/// use hoptac::{Bilingual, Lang};
/// let title = Bilingual::both("Khoảng 1.200 hợp tác xã", "About 1,200 cooperatives");
/// assert_eq!(title.get(Lang::En), "About 1,200 cooperatives");
/// let vi_only = Bilingual::new("Tuyên truyền");
/// assert_eq!(vi_only.get(Lang::En), "Tuyên truyền"); // falls back to Vietnamese
/// assert_eq!(serde_json::to_string(&vi_only)?, r#"{"vi":"Tuyên truyền"}"#);
/// assert_eq!(title.to_string(), "Khoảng 1.200 hợp tác xã");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    deny_unknown_fields,
    expecting = "a text in Vietnamese and English, {\"vi\": \"...\", \"en\": \"...\"}"
)]
pub struct Bilingual {
    /// The Vietnamese text.
    pub vi: String,
    /// The English text, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Bilingual {
    /// A text in Vietnamese only.
    ///
    /// ```
    /// let t = hoptac::Bilingual::new("Kế hoạch");
    /// assert!(t.en.is_none());
    /// ```
    pub fn new(vi: impl Into<String>) -> Bilingual {
        Bilingual {
            vi: vi.into(),
            en: None,
        }
    }

    /// A text in both languages.
    ///
    /// ```
    /// let t = hoptac::Bilingual::both("Sở Tài chính", "Department of Finance");
    /// assert_eq!(t.en.as_deref(), Some("Department of Finance"));
    /// ```
    pub fn both(vi: impl Into<String>, en: impl Into<String>) -> Bilingual {
        Bilingual {
            vi: vi.into(),
            en: Some(en.into()),
        }
    }

    /// The same text with its English set.
    ///
    /// ```
    /// let t = hoptac::Bilingual::new("Kế hoạch").with_en("Plan");
    /// assert_eq!(t.en.as_deref(), Some("Plan"));
    /// ```
    pub fn with_en(mut self, en: impl Into<String>) -> Bilingual {
        self.en = Some(en.into());
        self
    }

    /// The text in `lang`; English falls back to Vietnamese when there is
    /// none.
    ///
    /// ```
    /// use hoptac::{Bilingual, Lang};
    /// assert_eq!(Bilingual::new("Kế hoạch").get(Lang::En), "Kế hoạch");
    /// ```
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.en) {
            (Lang::En, Some(en)) => en,
            _ => &self.vi,
        }
    }

    /// Whether the text exists, not blank, in `lang` (no fallback).
    ///
    /// ```
    /// use hoptac::{Bilingual, Lang};
    /// let t = Bilingual::both("Kế hoạch", " ");
    /// assert!(t.has(Lang::Vi) && !t.has(Lang::En));
    /// ```
    pub fn has(&self, lang: Lang) -> bool {
        match lang {
            Lang::Vi => !self.vi.trim().is_empty(),
            Lang::En => self.en.as_deref().is_some_and(|e| !e.trim().is_empty()),
        }
    }
}

impl From<&str> for Bilingual {
    fn from(vi: &str) -> Bilingual {
        Bilingual::new(vi)
    }
}

impl From<String> for Bilingual {
    fn from(vi: String) -> Bilingual {
        Bilingual::new(vi)
    }
}

impl fmt::Display for Bilingual {
    /// The Vietnamese text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.vi)
    }
}
