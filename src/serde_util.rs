//! Serde forms of decimals and dates whose errors say what the field takes
//! ("a decimal written as a string, such as \"60\"", "a date YYYY-MM-DD"),
//! never the name of a Rust type or the words of a parser's internals.
//!
//! Use with `#[serde(with = "crate::serde_util::decimal")]` and friends.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

/// What a decimal field takes, for error messages.
const DECIMAL: &str = "a decimal written as a string, such as \"60\" or \"1000000.5\"";
/// What a date field takes, for error messages.
const DATE: &str = "a date written YYYY-MM-DD, such as \"2030-12-31\"";

fn parse_decimal<E: de::Error>(text: &str) -> Result<Decimal, E> {
    text.trim()
        .parse::<Decimal>()
        .or_else(|_| Decimal::from_scientific(text.trim()))
        .map_err(|_| {
            E::custom(format!(
                "invalid decimal `{}`: expected {DECIMAL}",
                crate::text::excerpt(text, 40)
            ))
        })
}

fn parse_date<E: de::Error>(text: &str) -> Result<NaiveDate, E> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| text.len() == 10)
        .ok_or_else(|| {
            let why = if text.len() == 10 && text.as_bytes().get(4) == Some(&b'-') {
                "no such day in the calendar"
            } else {
                "not written YYYY-MM-DD"
            };
            E::custom(format!(
                "invalid date `{}` ({why}): expected {DATE}",
                crate::text::excerpt(text, 40)
            ))
        })
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(DECIMAL)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_decimal(v)
    }
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(DATE)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<NaiveDate, E> {
        parse_date(v)
    }
}

/// A decimal as a JSON string.
pub(crate) mod decimal {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        d.deserialize_str(DecimalVisitor)
    }
}

/// An optional decimal as a JSON string or `null`.
pub(crate) mod decimal_option {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.collect_str(v),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Decimal>, D::Error> {
        struct OptionVisitor;
        impl<'de> Visitor<'de> for OptionVisitor {
            type Value = Option<Decimal>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{DECIMAL}, or null")
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
                d.deserialize_str(DecimalVisitor).map(Some)
            }
        }
        d.deserialize_option(OptionVisitor)
    }
}

/// A date as a JSON string `YYYY-MM-DD`.
pub(crate) mod date {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(v: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&v.format("%Y-%m-%d"))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        d.deserialize_str(DateVisitor)
    }
}

/// An optional date as a JSON string `YYYY-MM-DD` or `null`.
pub(crate) mod date_option {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(v: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.collect_str(&v.format("%Y-%m-%d")),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        struct OptionVisitor;
        impl<'de> Visitor<'de> for OptionVisitor {
            type Value = Option<NaiveDate>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{DATE}, or null")
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
                d.deserialize_str(DateVisitor).map(Some)
            }
        }
        d.deserialize_option(OptionVisitor)
    }
}

/// The schemas of the forms above (feature `schema`), for
/// `#[schemars(with = "...")]` beside each `#[serde(with = "...")]`.
#[cfg(feature = "schema")]
mod schema {
    use std::borrow::Cow;

    use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

    /// What [`super::decimal`] reads: a decimal as a string; the parser also
    /// takes surrounding spaces and scientific notation.
    const DECIMAL_PATTERN: &str =
        r"^\s*[+-]?([0-9][0-9_]*(\.[0-9_]*)?|\.[0-9][0-9_]*)([eE][+-]?[0-9]+)?\s*$";

    /// What `rust_decimal`'s own serde form reads from a string: the same
    /// without surrounding spaces.
    const BARE_DECIMAL_PATTERN: &str =
        r"^[+-]?([0-9][0-9_]*(\.[0-9_]*)?|\.[0-9][0-9_]*)([eE][+-]?[0-9]+)?$";

    /// The schema of [`super::decimal`]: a decimal written as a string.
    pub(crate) struct DecimalStr;

    impl JsonSchema for DecimalStr {
        fn schema_name() -> Cow<'static, str> {
            "Decimal".into()
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "pattern": DECIMAL_PATTERN,
                "description": super::DECIMAL,
                "examples": ["60", "1000000.5"],
            })
        }
    }

    /// The schema of a bare `rust_decimal::Decimal` field (no `with`): a
    /// decimal written as a string, or a JSON number.
    pub(crate) struct DecimalOrNumber;

    impl JsonSchema for DecimalOrNumber {
        fn schema_name() -> Cow<'static, str> {
            "DecimalOrNumber".into()
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": ["string", "number"],
                "pattern": BARE_DECIMAL_PATTERN,
                "description": "a decimal, best written as a string such as \"3442000\"; a JSON number is read too",
            })
        }
    }

    /// The schema of [`super::date`]: a calendar date `YYYY-MM-DD`.
    pub(crate) struct DateStr;

    impl JsonSchema for DateStr {
        fn schema_name() -> Cow<'static, str> {
            "Date".into()
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "format": "date",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                "description": super::DATE,
            })
        }
    }
}
#[cfg(feature = "schema")]
pub(crate) use schema::{DateStr, DecimalOrNumber, DecimalStr};

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Both {
        #[serde(with = "super::decimal")]
        value: rust_decimal::Decimal,
        #[serde(with = "super::date")]
        at: chrono::NaiveDate,
        #[serde(default, with = "super::decimal_option")]
        maybe: Option<rust_decimal::Decimal>,
        #[serde(default, with = "super::date_option")]
        when: Option<chrono::NaiveDate>,
    }

    fn err(json: &str) -> String {
        serde_json::from_str::<Both>(json).unwrap_err().to_string()
    }

    #[test]
    fn round_trip() {
        let json = r#"{"value":"60.5","at":"2030-12-31","maybe":null,"when":"2024-02-29"}"#;
        let v: Both = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_string(&v).unwrap(), json);
    }

    #[test]
    fn errors_say_what_the_field_takes() {
        let cases = [
            (
                r#"{"value":5,"at":"2030-12-31"}"#,
                r#"invalid type: integer `5`, expected a decimal written as a string, such as "60" or "1000000.5""#,
            ),
            (
                r#"{"value":"5x","at":"2030-12-31"}"#,
                r#"invalid decimal `5x`: expected a decimal written as a string, such as "60" or "1000000.5""#,
            ),
            (
                r#"{"value":"5","at":"2030-02-30"}"#,
                r#"invalid date `2030-02-30` (no such day in the calendar): expected a date written YYYY-MM-DD, such as "2030-12-31""#,
            ),
            (
                r#"{"value":"5","at":"31/12/2030"}"#,
                r#"invalid date `31/12/2030` (not written YYYY-MM-DD): expected a date written YYYY-MM-DD, such as "2030-12-31""#,
            ),
            (
                r#"{"value":"5","at":"2030-12-31","maybe":1}"#,
                r#"invalid type: integer `1`, expected a decimal written as a string, such as "60" or "1000000.5""#,
            ),
        ];
        for (json, want) in cases {
            let got = err(json);
            assert!(got.starts_with(want), "{json}: {got}");
            assert!(!got.contains("Decimal type") && !got.contains("out of range"));
        }
    }
}
