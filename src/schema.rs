//! JSON Schemas (draft 2020-12) of the JSON this crate reads and writes
//! (feature `schema`), for services written in any language.
//!
//! The schemas are generated from the Rust types and their serde
//! attributes, so they say what serde really takes: decimals as strings,
//! dates `YYYY-MM-DD`, a threshold as its phrase or its parts, unknown
//! fields refused (`additionalProperties: false`). The crate ships them as
//! `schema/plan.schema.json`, `schema/inputs.schema.json` and
//! `schema/report.schema.json`, and a test fails when those files drift from
//! these functions.
//!
//! A schema checks shapes, not meaning: a plan that passes it may still
//! have problems [`Plan::validate`](crate::Plan::validate) reports (an
//! unknown agency, a target no measure can meet).
//!
//! ```
//! let plan = hoptac::schema::plan();
//! assert_eq!(plan["$schema"], "https://json-schema.org/draft/2020-12/schema");
//! assert_eq!(plan["additionalProperties"], false);
//! let required = plan["required"].as_array().ok_or("required")?;
//! assert!(required.contains(&"id".into()) && !required.contains(&"targets".into()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::Value;

use crate::{Inputs, Plan, Report};

/// Where the schemas are published: `$id` is this followed by the file name.
const BASE: &str = "https://raw.githubusercontent.com/hoptac/hoptac/main/schema/";

fn generate<T: JsonSchema>(file: &str, title: &str, serialize: bool) -> Value {
    let mut settings = SchemaSettings::draft2020_12();
    if serialize {
        settings = settings.for_serialize();
    }
    let mut schema = settings.into_generator().into_root_schema_for::<T>();
    schema.insert("$id".into(), format!("{BASE}{file}").into());
    schema.insert("title".into(), title.into());
    let mut value = schema.to_value();
    tidy_descriptions(&mut value);
    value
}

/// Descriptions come from the doc comments: keep their prose, drop their
/// code examples, which are Rust.
fn tidy_descriptions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(text)) = map.get_mut("description") {
                *text = prose(text);
            }
            map.values_mut().for_each(tidy_descriptions);
        }
        Value::Array(items) => items.iter_mut().for_each(tidy_descriptions),
        _ => {}
    }
}

/// `text` less its fenced code blocks and the blank lines they leave.
fn prose(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        } else if !in_code {
            out.push(line);
        }
    }
    let joined = out.join("\n");
    let mut text = joined.trim().to_owned();
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    text
}

/// The schema of a plan as [`Plan::from_json`](crate::Plan::from_json)
/// reads it (format version [`FORMAT_VERSION`](crate::plan::FORMAT_VERSION)),
/// `schema/plan.schema.json`.
///
/// ```
/// let schema = hoptac::schema::plan();
/// assert_eq!(schema["title"], "hoptac plan");
/// assert!(schema["$id"].as_str().ok_or("$id")?.ends_with("/plan.schema.json"));
/// // A threshold is its phrase or its parts.
/// assert_eq!(schema["$defs"]["Threshold"]["oneOf"][0]["type"], "string");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn plan() -> Value {
    generate::<Plan>("plan.schema.json", "hoptac plan", false)
}

/// The schema of the [`Inputs`] of an evaluation as they are read,
/// `schema/inputs.schema.json`.
///
/// ```
/// let schema = hoptac::schema::inputs();
/// assert_eq!(schema["title"], "hoptac evaluation inputs");
/// assert_eq!(schema["required"], serde_json::json!(["as_of"]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn inputs() -> Value {
    generate::<Inputs>("inputs.schema.json", "hoptac evaluation inputs", false)
}

/// The schema of a [`Report`] as this crate writes it,
/// `schema/report.schema.json`.
///
/// ```
/// let schema = hoptac::schema::report();
/// assert_eq!(schema["title"], "hoptac evaluation report");
/// assert_eq!(schema["properties"]["as_of"]["$ref"], "#/$defs/Date");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn report() -> Value {
    generate::<Report>("report.schema.json", "hoptac evaluation report", true)
}
