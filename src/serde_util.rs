//! Serde forms of decimals and dates whose errors say what the field takes
//! ("a decimal written as a string, such as \"60\"", "a date YYYY-MM-DD"),
//! never the name of a Rust type or the words of a parser's internals.
//!
//! Use with `#[serde(with = "crate::serde_util::DecimalStr")]` and friends:
//! each form is a type whose associated functions serde calls and which,
//! with the `schema` feature, is also the field's JSON Schema, so one
//! attribute says both.

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
pub(crate) struct DecimalStr;

impl DecimalStr {
    pub(crate) fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        d.deserialize_str(DecimalVisitor)
    }
}

/// An optional decimal as a JSON string or `null`.
pub(crate) struct OptionDecimalStr;

impl OptionDecimalStr {
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

/// What a decimal in a map of figures takes, for error messages.
const DECIMAL_OR_NUMBER: &str =
    "a decimal written as a string, such as \"3442000\" or \"12.5\", or a JSON number";

/// A decimal written as a string or as a JSON number (figures and reported
/// values, which people type by hand).
///
/// A JSON number with a fraction arrives as a binary float: it is read only
/// when its shortest form has at most 15 significant digits, where the float
/// holds exactly the digits that were written; otherwise the error asks for a
/// string, so that no digit is lost silently.
struct DecimalOrNumberVisitor;

impl Visitor<'_> for DecimalOrNumberVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(DECIMAL_OR_NUMBER)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_decimal(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        let written = format!("{v}");
        let digits = written
            .bytes()
            .filter(u8::is_ascii_digit)
            .skip_while(|&b| b == b'0')
            .count();
        if !v.is_finite() || digits > 15 {
            return Err(E::custom(format!(
                "the number {written} cannot be read exactly: write it as a string, such as \"{written}\""
            )));
        }
        written.parse::<Decimal>().map_err(|_| {
            E::custom(format!(
                "the number {written} is out of the decimal range: expected {DECIMAL_OR_NUMBER}"
            ))
        })
    }
}

/// A map of names to decimals, each a string or a JSON number; written back
/// as strings.
pub(crate) mod decimal_map {
    use super::*;
    use std::collections::BTreeMap;

    struct Value(Decimal);

    impl<'de> serde::Deserialize<'de> for Value {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(DecimalOrNumberVisitor).map(Value)
        }
    }

    pub(crate) fn serialize<K, S>(v: &BTreeMap<K, Decimal>, s: S) -> Result<S::Ok, S::Error>
    where
        K: serde::Serialize,
        S: Serializer,
    {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(v.len()))?;
        for (k, value) in v {
            map.serialize_entry(k, &value.to_string())?;
        }
        map.end()
    }

    pub(crate) fn deserialize<'de, K, D>(d: D) -> Result<BTreeMap<K, Decimal>, D::Error>
    where
        K: serde::Deserialize<'de> + Ord,
        D: Deserializer<'de>,
    {
        let raw: BTreeMap<K, Value> = serde::Deserialize::deserialize(d)?;
        Ok(raw.into_iter().map(|(k, v)| (k, v.0)).collect())
    }
}

/// A date as a JSON string `YYYY-MM-DD`.
pub(crate) struct DateStr;

impl DateStr {
    pub(crate) fn serialize<S: Serializer>(v: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&v.format("%Y-%m-%d"))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        d.deserialize_str(DateVisitor)
    }
}

/// An optional date as a JSON string `YYYY-MM-DD` or `null`.
pub(crate) struct OptionDateStr;

impl OptionDateStr {
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

/// The schemas of the forms above (feature `schema`): schemars reads the
/// type named by `#[serde(with = "...")]`.
#[cfg(feature = "schema")]
mod schema {
    use std::borrow::Cow;

    use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

    /// What [`DecimalStr`] reads: a decimal as a string; the parser also
    /// takes surrounding spaces and scientific notation.
    const DECIMAL_PATTERN: &str =
        r"^\s*[+-]?([0-9][0-9_]*(\.[0-9_]*)?|\.[0-9][0-9_]*)([eE][+-]?[0-9]+)?\s*$";

    /// What `rust_decimal`'s own serde form reads from a string: the same
    /// without surrounding spaces.
    const BARE_DECIMAL_PATTERN: &str =
        r"^[+-]?([0-9][0-9_]*(\.[0-9_]*)?|\.[0-9][0-9_]*)([eE][+-]?[0-9]+)?$";

    use super::{DateStr, DecimalStr, OptionDateStr, OptionDecimalStr};

    /// The schema of [`DecimalStr`]: a decimal written as a string.
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

    /// The schema of [`DateStr`]: a calendar date `YYYY-MM-DD`.
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

    /// The optional forms have the schema of `Option` of the plain ones.
    macro_rules! option_schema {
        ($form:ty => $plain:ty) => {
            impl JsonSchema for $form {
                fn inline_schema() -> bool {
                    <Option<$plain>>::inline_schema()
                }
                fn schema_name() -> Cow<'static, str> {
                    <Option<$plain>>::schema_name()
                }
                fn schema_id() -> Cow<'static, str> {
                    <Option<$plain>>::schema_id()
                }
                fn json_schema(generator: &mut SchemaGenerator) -> Schema {
                    <Option<$plain>>::json_schema(generator)
                }
                fn _schemars_private_non_optional_json_schema(
                    generator: &mut SchemaGenerator,
                ) -> Schema {
                    <Option<$plain>>::_schemars_private_non_optional_json_schema(generator)
                }
                fn _schemars_private_is_option() -> bool {
                    <Option<$plain>>::_schemars_private_is_option()
                }
            }
        };
    }
    option_schema!(OptionDecimalStr => DecimalStr);
    option_schema!(OptionDateStr => DateStr);
}
#[cfg(feature = "schema")]
pub(crate) use schema::DecimalOrNumber;

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Both {
        #[serde(with = "super::DecimalStr")]
        value: rust_decimal::Decimal,
        #[serde(with = "super::DateStr")]
        at: chrono::NaiveDate,
        #[serde(default, with = "super::OptionDecimalStr")]
        maybe: Option<rust_decimal::Decimal>,
        #[serde(default, with = "super::OptionDateStr")]
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

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Figures {
        #[serde(with = "super::decimal_map")]
        figures: std::collections::BTreeMap<String, rust_decimal::Decimal>,
    }

    #[test]
    fn figures_are_strings_or_exact_numbers() {
        let read = |json: &str| serde_json::from_str::<Figures>(json).map(|f| f.figures);
        let ok =
            read(r#"{"figures":{"a":"3442000","b":3442000,"c":12.5,"d":-7,"e":0.1}}"#).unwrap();
        let want: Vec<(&str, &str)> = vec![
            ("a", "3442000"),
            ("b", "3442000"),
            ("c", "12.5"),
            ("d", "-7"),
            ("e", "0.1"),
        ];
        for (k, v) in want {
            assert_eq!(ok[k], v.parse::<rust_decimal::Decimal>().unwrap(), "{k}");
        }
        let back = serde_json::to_string(&Figures { figures: ok }).unwrap();
        assert_eq!(
            back,
            r#"{"figures":{"a":"3442000","b":"3442000","c":"12.5","d":"-7","e":"0.1"}}"#
        );
        for (json, want) in [
            (r#"{"figures":{"a":"x"}}"#, "invalid decimal `x`: expected a decimal written as a string"),
            (r#"{"figures":{"a":true}}"#, "invalid type: boolean `true`, expected a decimal written as a string, such as \"3442000\""),
            (r#"{"figures":{"a":0.12345678901234567}}"#, "cannot be read exactly: write it as a string"),
            (r#"{"figures":{"a":1e300}}"#, "cannot be read exactly"),
        ] {
            let got = read(json).unwrap_err().to_string();
            assert!(got.contains(want), "{json}: {got}");
            assert!(!got.contains("Decimal type"), "{got}");
        }
    }
}
