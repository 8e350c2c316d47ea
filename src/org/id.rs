//! [`OrgId`]: the registry identifier of an organisation.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::parse_error::{quote, ParseError};

/// What an [`OrgId`]'s errors call it.
const WHAT: &str = "organisation id";

/// The identifier of an organisation in a registry (mã tổ chức), such as
/// `htx-001` or a tax code (mã số thuế) like `2901234567`.
///
/// 1 to 64 bytes, no control character, no whitespace at either end. Read
/// and written in JSON as a string, through the same check.
///
/// ```
/// use hoptac::org::OrgId;
/// let id = OrgId::new("htx-001")?;
/// assert_eq!(id.as_str(), "htx-001");
/// assert_eq!(id.to_string().parse::<OrgId>()?, id);
/// assert!(OrgId::new(" htx-001").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct OrgId(String);

impl OrgId {
    /// The most bytes an id may have.
    ///
    /// ```
    /// use hoptac::org::OrgId;
    /// assert!(OrgId::new("x".repeat(OrgId::MAX_LEN)).is_ok());
    /// assert!(OrgId::new("x".repeat(OrgId::MAX_LEN + 1)).is_err());
    /// ```
    pub const MAX_LEN: usize = 64;

    /// Checks and wraps an id.
    ///
    /// # Errors
    ///
    /// [`ParseError`] when the id is empty, longer than 64 bytes, contains a
    /// control character or starts or ends with whitespace.
    ///
    /// ```
    /// use hoptac::org::OrgId;
    /// assert!(OrgId::new("2901234567").is_ok());
    /// let err = OrgId::new("").unwrap_err();
    /// assert_eq!(err.to_string(), "empty organisation id: expected 1 to 64 bytes");
    /// assert_eq!(err.what(), "organisation id");
    /// assert!(OrgId::new("a\tb").is_err());
    /// assert!(OrgId::new("x".repeat(65)).is_err());
    /// ```
    pub fn new(id: impl Into<String>) -> Result<OrgId, ParseError> {
        let id = id.into();
        OrgId::check(&id)?;
        Ok(OrgId(id))
    }

    /// Checks an id without taking it: what [`OrgId::new`] checks.
    pub(crate) fn check(id: &str) -> Result<(), ParseError> {
        if id.is_empty() {
            return Err(ParseError::empty(
                WHAT,
                ("1 to 64 bytes", "từ 1 đến 64 byte"),
            ));
        }
        if id.len() > Self::MAX_LEN {
            return Err(ParseError::too_long(WHAT, id, id.len(), Self::MAX_LEN));
        }
        // The common case, printable ASCII without a space at either end,
        // in one pass over the bytes.
        let bytes = id.as_bytes();
        let printable = bytes.iter().all(|&b| (0x20..0x7f).contains(&b));
        let spaced = |b: Option<&u8>| b.is_some_and(|&b| b == b' ');
        if printable && !spaced(bytes.first()) && !spaced(bytes.last()) {
            return Ok(());
        }
        if let Some(ch) = id.chars().find(|c| c.is_control()) {
            let problem = format!(
                "organisation id `{}` contains the control character {ch:?}",
                quote(id).escape_debug()
            );
            let problem_vi = format!("có ký tự điều khiển {ch:?}");
            return Err(ParseError::invalid(
                WHAT,
                id,
                (problem, problem_vi),
                ("printable text", "chữ in được"),
            ));
        }
        if id.trim() != id {
            let problem = format!(
                "organisation id `{}` starts or ends with whitespace",
                quote(id)
            );
            return Err(ParseError::invalid(
                WHAT,
                id,
                (problem, "có khoảng trắng ở đầu hoặc cuối"),
                (
                    "no whitespace at either end",
                    "không có khoảng trắng ở đầu và cuối",
                ),
            ));
        }
        Ok(())
    }

    /// The id as text.
    ///
    /// ```
    /// assert_eq!(hoptac::org::OrgId::new("htx-001")?.as_str(), "htx-001");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id as an owned string.
    ///
    /// ```
    /// assert_eq!(hoptac::org::OrgId::new("htx-001")?.into_string(), "htx-001");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for OrgId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for OrgId {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() > Self::MAX_LEN {
            return Err(ParseError::too_long(WHAT, s, s.len(), Self::MAX_LEN));
        }
        OrgId::new(s)
    }
}

impl TryFrom<String> for OrgId {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        OrgId::new(s)
    }
}

impl From<OrgId> for String {
    fn from(id: OrgId) -> String {
        id.0
    }
}

impl AsRef<str> for OrgId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_real_ids() {
        for id in [
            "htx-001",
            "2901234567",
            "HTX Hưng Lợi",
            "a",
            &"x".repeat(64),
        ] {
            let parsed = OrgId::new(id).unwrap();
            assert_eq!(parsed.as_str(), id);
            let json = serde_json::to_string(&parsed).unwrap();
            assert_eq!(serde_json::from_str::<OrgId>(&json).unwrap(), parsed);
        }
    }

    #[test]
    fn error_texts() {
        assert_eq!(
            OrgId::new("a\u{7}b").unwrap_err().to_string(),
            "organisation id `a\\u{7}b` contains the control character '\\u{7}': \
             expected printable text"
        );
        assert_eq!(
            OrgId::new("htx-001 ").unwrap_err().to_string(),
            "organisation id `htx-001 ` starts or ends with whitespace: \
             expected no whitespace at either end"
        );
        assert_eq!(
            OrgId::new("é".repeat(33)).unwrap_err().to_string(),
            format!(
                "organisation id `{}` is 66 bytes long: expected at most 64 bytes",
                "é".repeat(33)
            )
        );
        assert!(OrgId::new("\u{a0}x").is_err());
    }

    /// The ASCII fast path and the general check agree at the edges.
    #[test]
    fn ascii_edges() {
        for good in ["a b", "~", "!x!", "htx 1-2"] {
            assert!(OrgId::new(good).is_ok(), "{good:?}");
        }
        for bad in [" a", "a ", "a\u{7f}", "a\u{1f}b", "\tx", "x\n", "a\u{85}"] {
            assert!(OrgId::new(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn serde_checks() {
        assert!(serde_json::from_str::<OrgId>(r#""""#).is_err());
        assert!(serde_json::from_str::<OrgId>(r#"" x""#).is_err());
        assert!(serde_json::from_str::<OrgId>("1").is_err());
    }

    #[test]
    fn error_is_send_sync_static() {
        fn check<T: Send + Sync + 'static + std::error::Error>() {}
        check::<ParseError>();
    }

    proptest! {
        #[test]
        fn round_trips(s in "[^\\p{Cc}\\s][^\\p{Cc}]{0,14}[^\\p{Cc}\\s]") {
            let id: OrgId = s.parse().unwrap();
            prop_assert_eq!(id.to_string(), s.clone());
            prop_assert_eq!(id.to_string().parse::<OrgId>().unwrap(), id);
        }

        #[test]
        fn never_panics(s in ".{0,80}", t in any::<String>()) {
            for text in [s, t] {
                if let Ok(id) = text.parse::<OrgId>() {
                    prop_assert_eq!(id.as_str(), text.as_str());
                }
            }
        }
    }
}
