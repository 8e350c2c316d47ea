//! Identifiers: validated string newtypes for plans, targets, tasks and sections.

use std::fmt;
use std::str::FromStr;

use crate::parse_error::{quote, ParseError};

macro_rules! string_id {
    (
        $(#[$doc:meta])*
        $name:ident, $what:literal, max = $max:literal, allowed = $allowed:expr, expected = $expected:literal, expected_vi = $expected_vi:literal,
        example = $example:literal
    ) => {
        $(#[$doc])*
        #[doc = ""]
        #[doc = concat!("At most ", stringify!($max), " bytes of ", $expected, ".")]
        #[doc = ""]
        #[doc = "```"]
        #[doc = concat!("let id: hoptac::plan::", stringify!($name), " = \"", $example, "\".parse()?;")]
        #[doc = concat!("assert_eq!(id.as_str(), \"", $example, "\");")]
        #[doc = "# Ok::<(), Box<dyn std::error::Error>>(())"]
        #[doc = "```"]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Makes an identifier, checking its characters and length.
            ///
            /// # Errors
            ///
            /// [`ParseError`] when the text is empty, too long or has a
            /// character that is not allowed.
            ///
            #[doc = "```"]
            #[doc = concat!("use hoptac::plan::", stringify!($name), ";")]
            #[doc = concat!("let id = ", stringify!($name), "::new(\"", $example, "\")?;")]
            #[doc = concat!("assert_eq!(id.to_string(), \"", $example, "\");")]
            #[doc = concat!("let err = ", stringify!($name), "::new(\"\").unwrap_err();")]
            #[doc = concat!("assert_eq!(err.to_string(), \"empty ", $what, ": expected ", $expected, "\");")]
            #[doc = concat!("assert_eq!((err.what(), err.expected()), (\"", $what, "\", \"", $expected, "\"));")]
            #[doc = concat!("let long = \"a\".repeat(", stringify!($max), " + 1);")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::new(long).unwrap_err().expected(), \"at most ", stringify!($max), " bytes\");")]
            #[doc = "# Ok::<(), Box<dyn std::error::Error>>(())"]
            #[doc = "```"]
            pub fn new(value: impl Into<String>) -> Result<Self, ParseError> {
                let value = value.into();
                if value.is_empty() {
                    return Err(ParseError::empty($what, ($expected, $expected_vi)));
                }
                if value.len() > $max {
                    return Err(ParseError::too_long($what, &value, value.len(), $max));
                }
                let allowed: fn(char) -> bool = $allowed;
                if let Some(bad) = value.chars().find(|c| !allowed(*c)) {
                    let problem = format!(
                        "invalid character `{}` in {} `{}`",
                        bad.escape_debug(),
                        $what,
                        quote(&value)
                    );
                    let problem_vi = format!("có ký tự `{}` không được dùng", bad.escape_debug());
                    return Err(ParseError::invalid(
                        $what,
                        &value,
                        (problem, problem_vi),
                        ($expected, $expected_vi),
                    ));
                }
                Ok($name(value))
            }

            /// The identifier's text.
            ///
            #[doc = "```"]
            #[doc = concat!("let id: hoptac::plan::", stringify!($name), " = \"", $example, "\".parse()?;")]
            #[doc = concat!("assert_eq!(id.as_str(), \"", $example, "\");")]
            #[doc = "# Ok::<(), Box<dyn std::error::Error>>(())"]
            #[doc = "```"]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = ParseError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = ParseError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                $name::new(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

fn slug_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-')
}

fn number_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
}

string_id! {
    /// A plan's stable key, such as `nghe-an-363-2023` (mã kế hoạch).
    PlanId, "plan id", max = 64, allowed = slug_char,
    expected = "lowercase ASCII letters, digits, `.`, `_` or `-`",
    expected_vi = "chữ thường không dấu, chữ số và `-`, `_`, `.`", example = "nghe-an-363-2023"
}

string_id! {
    /// A target's stable id, such as `na2030.htx.count` (mã mục tiêu).
    ///
    /// The ids of the bundled plans' targets (see [`crate::catalog`]) are
    /// part of the public contract: they never change.
    TargetId, "target id", max = 128, allowed = slug_char,
    expected = "lowercase ASCII letters, digits, `.`, `_` or `-`",
    expected_vi = "chữ thường không dấu, chữ số và `-`, `_`, `.`", example = "na2030.htx.count"
}

string_id! {
    /// A task's number as the plan gives it, such as `III.4` (số thứ tự nhiệm vụ).
    TaskId, "task id", max = 32, allowed = number_char,
    expected = "ASCII letters, digits, `.`, `_` or `-`",
    expected_vi = "chữ cái không dấu, chữ số và `-`, `_`, `.`", example = "III.4"
}

string_id! {
    /// A section's number as the plan gives it, such as `III` (mục).
    SectionId, "section id", max = 32, allowed = number_char,
    expected = "ASCII letters, digits, `.`, `_` or `-`",
    expected_vi = "chữ cái không dấu, chữ số và `-`, `_`, `.`", example = "III"
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_and_rejects() {
        assert!(TaskId::new("V.3").is_ok());
        assert!(TaskId::new("").is_err());
        assert!(PlanId::new("Nghe-An").is_err());
        assert_eq!(
            TaskId::new("I 1").unwrap_err().to_string(),
            "invalid character ` ` in task id `I 1`: expected ASCII letters, digits, `.`, `_` or `-`"
        );
        assert_eq!(
            PlanId::new("a".repeat(65)).unwrap_err().to_string(),
            format!(
                "plan id `{}` is 65 bytes long: expected at most 64 bytes",
                "a".repeat(65)
            )
        );
    }

    #[test]
    fn serde_checks() {
        let ok: TargetId = serde_json::from_str("\"na2030.tht.count\"").unwrap();
        assert_eq!(ok.as_str(), "na2030.tht.count");
        assert!(serde_json::from_str::<TargetId>("\"NA\"").is_err());
        assert_eq!(serde_json::to_string(&ok).unwrap(), "\"na2030.tht.count\"");
    }

    proptest! {
        #[test]
        fn round_trips(s in "[a-z0-9._-]{1,64}") {
            let id = PlanId::new(s.clone()).unwrap();
            prop_assert_eq!(id.to_string(), s.clone());
            prop_assert_eq!(id.to_string().parse::<PlanId>().unwrap(), id.clone());
            let json = serde_json::to_string(&id).unwrap();
            prop_assert_eq!(serde_json::from_str::<PlanId>(&json).unwrap(), id);
        }

        #[test]
        fn never_panics(s in any::<String>()) {
            let _ = TaskId::new(s.clone());
            let _ = TargetId::new(s);
        }
    }
}
