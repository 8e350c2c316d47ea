//! Comparators and thresholds of plan targets (mục tiêu), and reading the
//! plans' Vietnamese phrases such as `trên 60%` or `khoảng 1.200 hợp tác xã`.

use crate::vocab::code_enum;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::lang::{format_decimal, Labelled, Lang};
use crate::parse_error::{quote, ParseError};

use parse::{parse_with_number, parse_without_number, tokenize, Token, EXAMPLES};
use words::KNOWN_PER;

mod parse;
mod reading;
mod sentence;
#[cfg(test)]
mod tests;
mod words;

pub use reading::{
    GrowthPhrase, MoneyUnit, Per, Qualifier, QualifierKind, Subject, TargetPart, TargetPhrase,
};

/// What the errors of a [`Threshold`] call it.
const WHAT: &str = "threshold";

/// Longest phrase [`Threshold::from_vietnamese`] reads, in bytes.
const MAX_PHRASE_LEN: usize = 256;

/// Longest per-unit denominator ([`Unit::PerUnit`]), in characters.
const MAX_PER_LEN: usize = 32;

/// The default tolerance of [`Comparator::About`], in percent of the value.
const DEFAULT_TOLERANCE: Decimal = Decimal::from_parts(5, 0, 0, false, 0);

/// How a measured value is compared with a target's value (cách so sánh): the
/// meaning of the plans' words `trên`, `ít nhất`, `dưới`, `khoảng`, ...
///
/// Comparisons are exact: 3 of 5 is exactly 60%, which is not "trên 60%"
/// ([`Comparator::GreaterThan`]) but is "ít nhất 60%" ([`Comparator::AtLeast`]).
///
/// A per-unit target ("bình quân 01 Tổ hợp tác/xã": on average at least one
/// cooperative group per commune) is [`Comparator::AtLeast`] with a
/// [`Unit::PerUnit`]: the measure is taken per unit of an external figure
/// (here the number of communes) before it is compared.
///
/// ```
/// use hoptac::{plan::Comparator, Labelled, Lang};
/// assert_eq!(Comparator::GreaterThan.label(Lang::Vi), "trên");
/// assert_eq!(Comparator::about().to_string(), "about");
/// let json = serde_json::to_string(&Comparator::about())?;
/// assert_eq!(json, r#"{"kind":"about","tolerance":"5"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "ComparatorRepr")]
#[non_exhaustive]
pub enum Comparator {
    /// Strictly greater than the value (trên X, hơn X).
    GreaterThan,
    /// The value or more (ít nhất X, tối thiểu X, X trở lên, không dưới X,
    /// đạt X); also a bare quantity such as "mở 50 lớp".
    AtLeast,
    /// Strictly less than the value (dưới X).
    LessThan,
    /// The value or less (tối đa X, không quá X, X trở xuống).
    AtMost,
    /// About the value (khoảng X): met when the measure reaches the value
    /// less `tolerance` percent of it. Only the lower bound counts: the plans
    /// mean "reach about X", and going beyond X is no failure.
    About {
        /// The tolerance in percent of the value, 0 to 100 (5 by default; a
        /// string in JSON, and 5 when left out).
        #[serde(with = "crate::serde_util::DecimalStr")]
        tolerance: Decimal,
    },
    /// None left (không còn): the measure must be 0.
    NoneLeft,
    /// All (đều, tất cả): the measure, a share, must be 100%.
    All,
}

/// The JSON form of a [`Comparator`]: strict about fields, which serde's
/// internally tagged enums are not for unit variants.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    deny_unknown_fields,
    expecting = "a comparator such as {\"kind\": \"greater_than\"} or {\"kind\": \"about\", \"tolerance\": \"5\"}"
)]
struct ComparatorRepr {
    kind: ComparatorKind,
    #[serde(default, with = "crate::serde_util::OptionDecimalStr")]
    tolerance: Option<Decimal>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
enum ComparatorKind {
    GreaterThan,
    AtLeast,
    LessThan,
    AtMost,
    About,
    NoneLeft,
    All,
}

impl TryFrom<ComparatorRepr> for Comparator {
    type Error = String;

    fn try_from(repr: ComparatorRepr) -> Result<Self, Self::Error> {
        let comparator = match repr.kind {
            ComparatorKind::About => {
                return Ok(Comparator::About {
                    tolerance: repr.tolerance.unwrap_or(DEFAULT_TOLERANCE),
                })
            }
            ComparatorKind::GreaterThan => Comparator::GreaterThan,
            ComparatorKind::AtLeast => Comparator::AtLeast,
            ComparatorKind::LessThan => Comparator::LessThan,
            ComparatorKind::AtMost => Comparator::AtMost,
            ComparatorKind::NoneLeft => Comparator::NoneLeft,
            ComparatorKind::All => Comparator::All,
        };
        match repr.tolerance {
            Some(_) => Err(format!(
                "unexpected field `tolerance` in comparator `{}`: expected it only in `about`",
                comparator.kind_name()
            )),
            None => Ok(comparator),
        }
    }
}

impl Comparator {
    /// The default tolerance of [`Comparator::About`]: 5 (percent of the value).
    ///
    /// ```
    /// use hoptac::{plan::Comparator, Threshold};
    /// use rust_decimal::Decimal;
    /// assert_eq!(Comparator::DEFAULT_TOLERANCE, Decimal::from(5));
    /// // "khoảng 1.200" accepts 5% less: 1,140 but not 1,139.
    /// let about: Threshold = "khoảng 1.200 hợp tác xã".parse()?;
    /// assert!(about.is_met(Decimal::from(1140)));
    /// assert!(!about.is_met(Decimal::from(1139)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const DEFAULT_TOLERANCE: Decimal = DEFAULT_TOLERANCE;

    /// "khoảng X" with the default tolerance of 5%.
    ///
    /// ```
    /// use hoptac::plan::Comparator;
    /// use rust_decimal::Decimal;
    /// assert_eq!(Comparator::about(), Comparator::About { tolerance: Decimal::from(5) });
    /// ```
    pub const fn about() -> Comparator {
        Comparator::About {
            tolerance: DEFAULT_TOLERANCE,
        }
    }

    /// The `kind` of the JSON form.
    fn kind_name(&self) -> &'static str {
        match self {
            Comparator::GreaterThan => "greater_than",
            Comparator::AtLeast => "at_least",
            Comparator::LessThan => "less_than",
            Comparator::AtMost => "at_most",
            Comparator::About { .. } => "about",
            Comparator::NoneLeft => "none_left",
            Comparator::All => "all",
        }
    }

    /// Whether higher or lower measures are better: [`Direction::Falling`] for
    /// less than, at most and none left, [`Direction::Rising`] otherwise.
    ///
    /// ```
    /// use hoptac::{plan::Comparator, plan::Direction};
    /// assert_eq!(Comparator::LessThan.direction(), Direction::Falling);
    /// assert_eq!(Comparator::about().direction(), Direction::Rising);
    /// ```
    pub const fn direction(&self) -> Direction {
        match self {
            Comparator::LessThan | Comparator::AtMost | Comparator::NoneLeft => Direction::Falling,
            Comparator::GreaterThan
            | Comparator::AtLeast
            | Comparator::About { .. }
            | Comparator::All => Direction::Rising,
        }
    }
}

impl Labelled for Comparator {
    fn label(&self, lang: Lang) -> &str {
        let (vi, en) = match self {
            Comparator::GreaterThan => ("trên", "more than"),
            Comparator::AtLeast => ("ít nhất", "at least"),
            Comparator::LessThan => ("dưới", "less than"),
            Comparator::AtMost => ("tối đa", "at most"),
            Comparator::About { .. } => ("khoảng", "about"),
            Comparator::NoneLeft => ("không còn", "none left"),
            Comparator::All => ("tất cả", "all"),
        };
        lang.pick(vi, en)
    }
}

impl fmt::Display for Comparator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(Lang::En))
    }
}

code_enum! {
    /// Whether a target wants the measure to rise or to fall (chiều của mục tiêu).
    ///
    /// Progress maths must know it: "yếu kém dưới 10%" is met by going down.
    ///
    /// ```
    /// use hoptac::{plan::Direction, Labelled, Lang};
    /// assert_eq!(Direction::Falling.label(Lang::Vi), "giảm");
    /// assert_eq!(serde_json::to_string(&Direction::Rising)?, r#""rising""#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum Direction [2] as "direction" in "plan::" {
        /// Higher is better (tăng): more than, at least, about, all.
        Rising = "rising", vi "tăng", en "rising";
        /// Lower is better (giảm): less than, at most, none left.
        Falling = "falling", vi "giảm", en "falling";
    }
}

/// What a threshold's value counts (đơn vị).
///
/// ```
/// use hoptac::{Labelled, Lang, plan::Unit};
/// let per_commune = Unit::PerUnit { per: "xã".to_owned() };
/// assert_eq!(per_commune.label(Lang::En), "per commune");
/// assert_eq!(Unit::PerUnit { per: "ấp".to_owned() }.display_in(Lang::En), "per ấp");
/// assert_eq!(serde_json::to_string(&per_commune)?, r#"{"kind":"per_unit","per":"xã"}"#);
/// assert_eq!(serde_json::to_string(&Unit::Percent)?, r#"{"kind":"percent"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "UnitRepr")]
#[non_exhaustive]
pub enum Unit {
    /// Organisations (tổ chức, hợp tác xã, tổ hợp tác, liên hiệp hợp tác xã;
    /// HTX, THT, LHHTX).
    Organisations,
    /// People (thành viên, người).
    Members,
    /// Percent (%), of a share or a ratio; may exceed 100 for a ratio.
    Percent,
    /// Vietnamese dong (đồng, VNĐ).
    Vnd,
    /// Vietnamese dong per month (đồng/tháng, "5,5 triệu đồng/tháng"): the
    /// value is the monthly amount, as the plan wrote it, and is compared
    /// with a yearly field (such as the average income, đồng/người/năm) as
    /// twelve times that amount, exactly.
    VndPerMonth,
    /// Per unit of an external figure (bình quân … /xã): `per` names the
    /// unit, one lowercase word such as `xã` (commune).
    PerUnit {
        /// The unit the measure is divided by, e.g. `xã`.
        per: String,
    },
    /// Anything else counted (lớp classes, cuốn handbooks, hội nghị
    /// conferences, ...).
    Items,
}

/// The JSON form of a [`Unit`], strict about fields.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    deny_unknown_fields,
    expecting = "a unit such as {\"kind\": \"percent\"} or {\"kind\": \"per_unit\", \"per\": \"xã\"}"
)]
struct UnitRepr {
    kind: UnitKind,
    #[serde(default)]
    per: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
enum UnitKind {
    Organisations,
    Members,
    Percent,
    Vnd,
    VndPerMonth,
    PerUnit,
    Items,
}

impl TryFrom<UnitRepr> for Unit {
    type Error = String;

    fn try_from(repr: UnitRepr) -> Result<Self, Self::Error> {
        let unit = match (repr.kind, repr.per) {
            (UnitKind::PerUnit, Some(per)) => return Ok(Unit::PerUnit { per }),
            (UnitKind::PerUnit, None) => {
                return Err(
                    "missing field `per` in unit `per_unit`: expected a word such as `xã`"
                        .to_owned(),
                )
            }
            (UnitKind::Organisations, None) => Unit::Organisations,
            (UnitKind::Members, None) => Unit::Members,
            (UnitKind::Percent, None) => Unit::Percent,
            (UnitKind::Vnd, None) => Unit::Vnd,
            (UnitKind::VndPerMonth, None) => Unit::VndPerMonth,
            (UnitKind::Items, None) => Unit::Items,
            (kind, Some(_)) => {
                let kind = match kind {
                    UnitKind::Organisations => "organisations",
                    UnitKind::Members => "members",
                    UnitKind::Percent => "percent",
                    UnitKind::Vnd => "vnd",
                    UnitKind::VndPerMonth => "vnd_per_month",
                    UnitKind::PerUnit => "per_unit",
                    UnitKind::Items => "items",
                };
                return Err(format!(
                    "unexpected field `per` in unit `{kind}`: expected it only in `per_unit`"
                ));
            }
        };
        Ok(unit)
    }
}

fn known_per(per: &str) -> Option<(&'static str, &'static str)> {
    KNOWN_PER
        .iter()
        .find(|(word, _, _)| *word == per)
        .map(|(_, vi, en)| (*vi, *en))
}

impl Unit {
    /// The unit's name in `lang`, naming any per-unit denominator in full:
    /// `per commune` for `xã`, `per {per}` for a word without a translation
    /// (where [`Labelled::label`] can only say `per unit`).
    ///
    /// ```
    /// use hoptac::{Lang, plan::Unit};
    /// assert_eq!(Unit::Vnd.display_in(Lang::En), "VND");
    /// assert_eq!(Unit::PerUnit { per: "xã".into() }.display_in(Lang::Vi), "mỗi xã");
    /// ```
    pub fn display_in(&self, lang: Lang) -> String {
        match (self, lang) {
            (Unit::PerUnit { per }, _) if known_per(per).is_some() => self.label(lang).to_owned(),
            (Unit::PerUnit { per }, Lang::Vi) => format!("mỗi {per}"),
            (Unit::PerUnit { per }, Lang::En) => format!("per {per}"),
            _ => self.label(lang).to_owned(),
        }
    }

    /// The value and unit as the canonical Vietnamese text reads them back.
    fn write_quantity_vi(&self, value: Decimal, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let number = format_decimal(value, Lang::Vi);
        match self {
            Unit::Organisations => write!(f, "{number} tổ chức"),
            Unit::Members => write!(f, "{number} thành viên"),
            Unit::Percent => write!(f, "{number}%"),
            Unit::Vnd => write!(f, "{number} đồng"),
            Unit::VndPerMonth => write!(f, "{number} đồng/tháng"),
            Unit::PerUnit { per } => write!(f, "{number}/{per}"),
            Unit::Items => f.write_str(&number),
        }
    }

    /// The value and unit in English.
    fn quantity_en(&self, value: Decimal) -> String {
        let number = format_decimal(value, Lang::En);
        let one = value == Decimal::ONE;
        match self {
            Unit::Organisations if one => format!("{number} organisation"),
            Unit::Organisations => format!("{number} organisations"),
            Unit::Members if one => format!("{number} member"),
            Unit::Members => format!("{number} members"),
            Unit::Percent => format!("{number}%"),
            Unit::Vnd => format!("{number} VND"),
            Unit::VndPerMonth => format!("{number} VND per month"),
            Unit::PerUnit { .. } => format!("{number} {}", self.display_in(Lang::En)),
            Unit::Items => number,
        }
    }
}

impl Labelled for Unit {
    fn label(&self, lang: Lang) -> &str {
        let (vi, en) = match self {
            Unit::Organisations => ("tổ chức", "organisations"),
            Unit::Members => ("thành viên", "members"),
            Unit::Percent => ("phần trăm", "percent"),
            Unit::Vnd => ("đồng", "VND"),
            Unit::VndPerMonth => ("đồng/tháng", "VND per month"),
            Unit::PerUnit { per } => known_per(per).unwrap_or(("mỗi đơn vị", "per unit")),
            Unit::Items => ("số lượng", "items"),
        };
        lang.pick(vi, en)
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_in(Lang::En))
    }
}

/// A target's threshold (ngưỡng của mục tiêu): a comparator, a value and a
/// unit, such as "trên 60%" or "khoảng 1.200 hợp tác xã".
///
/// Built by [`Threshold::new`] or read from a plan's phrase by
/// [`Threshold::from_vietnamese`] (also [`FromStr`]); [`fmt::Display`] prints
/// the canonical Vietnamese phrase, which reads back to an equal threshold.
/// JSON deserialization runs the checks of [`Threshold::new`].
///
/// ```
/// use hoptac::{plan::Comparator, Lang, Threshold, plan::Unit};
/// use rust_decimal::Decimal;
/// let t: Threshold = "trên 60%".parse()?;
/// assert_eq!(t, Threshold::new(Comparator::GreaterThan, Decimal::from(60), Unit::Percent)?);
/// assert!(!t.is_met(Decimal::from(60)));
/// assert_eq!(t.display_in(Lang::En), "more than 60%");
/// let json = serde_json::to_string(&t)?;
/// assert_eq!(json, r#"{"comparator":{"kind":"greater_than"},"value":"60","unit":{"kind":"percent"}}"#);
/// assert_eq!(serde_json::from_str::<Threshold>(&json)?, t);
/// // In a plan, a threshold may also be written as its phrase.
/// assert_eq!(serde_json::from_str::<Threshold>(r#""trên 60%""#)?, t);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ThresholdRepr")]
pub struct Threshold {
    comparator: Comparator,
    #[serde(with = "crate::serde_util::DecimalStr")]
    value: Decimal,
    /// A range's upper end (the aspiration); only with at least.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::OptionDecimalStr"
    )]
    aspiration: Option<Decimal>,
    unit: Unit,
}

/// The JSON form of a [`Threshold`]: its parts, checked by
/// [`Threshold::new`], or the plan's own phrase (`"trên 60%"`), read by
/// [`Threshold::from_vietnamese`].
enum ThresholdRepr {
    Parts(ThresholdParts),
    Phrase(Threshold),
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct ThresholdParts {
    comparator: Comparator,
    #[serde(with = "crate::serde_util::DecimalStr")]
    value: Decimal,
    /// A range's upper end, the aspiration (`65` in `từ 55 - 65%`): only
    /// with the comparator `at_least`, whose value is the range's floor.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::OptionDecimalStr"
    )]
    aspiration: Option<Decimal>,
    unit: Unit,
}

impl<'de> Deserialize<'de> for ThresholdRepr {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ReprVisitor;
        impl<'de> serde::de::Visitor<'de> for ReprVisitor {
            type Value = ThresholdRepr;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a threshold: its phrase such as \"trên 60%\", or {\"comparator\", \"value\", \"unit\"}",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ThresholdRepr, E> {
                v.parse::<Threshold>()
                    .map(ThresholdRepr::Phrase)
                    .map_err(E::custom)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<ThresholdRepr, A::Error> {
                ThresholdParts::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(ThresholdRepr::Parts)
            }
        }
        d.deserialize_any(ReprVisitor)
    }
}

/// What plan JSON may hold (deserializing): the phrase or the parts; what
/// this crate writes (serializing): the parts.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Threshold {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Threshold".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let parts = generator.subschema_for::<ThresholdParts>();
        if generator.contract().is_serialize() {
            return parts;
        }
        schemars::json_schema!({
            "description": "A threshold: the plan's phrase, such as \"trên 60%\", or its parts.",
            "oneOf": [
                {
                    "type": "string",
                    "minLength": 1,
                    "description": "The phrase as the plan writes it, such as \"trên 60%\" or \"khoảng 1.200 hợp tác xã\".",
                    "examples": ["trên 60%", "khoảng 1.200 hợp tác xã"],
                },
                parts,
            ],
        })
    }
}

impl TryFrom<ThresholdRepr> for Threshold {
    type Error = ParseError;

    fn try_from(repr: ThresholdRepr) -> Result<Self, Self::Error> {
        match repr {
            ThresholdRepr::Parts(p) => match p.aspiration {
                None => Threshold::new(p.comparator, p.value, p.unit),
                Some(top) if p.comparator == Comparator::AtLeast => {
                    Threshold::range(p.value, top, p.unit)
                }
                Some(top) => {
                    let problem = format!(
                        "aspiration {top} with the comparator `{}`",
                        p.comparator.kind_name()
                    );
                    let problem_vi = format!(
                        "mức phấn đấu {top} đi với phép so sánh `{}`",
                        p.comparator.kind_name()
                    );
                    Err(ParseError::invalid(
                        WHAT,
                        &top.to_string(),
                        (problem, problem_vi),
                        (
                            "an aspiration only with `at_least`, whose value is the range's floor",
                            "mức phấn đấu chỉ đi với `at_least`, mà giá trị là mức sàn của khoảng",
                        ),
                    ))
                }
            },
            ThresholdRepr::Phrase(t) => Ok(t),
        }
    }
}

fn is_word_char(c: char) -> bool {
    // Letters, and the combining diacritics of decomposed Vietnamese text.
    c.is_alphabetic() || ('\u{300}'..='\u{36f}').contains(&c)
}

/// Months in a year: a monthly amount is compared as twelve times itself.
const MONTHS: Decimal = Decimal::from_parts(12, 0, 0, false, 0);

/// Refuses a monthly amount whose twelvefold, what a yearly field is
/// compared with, does not fit in a [`Decimal`].
fn check_monthly(unit: &Unit, amount: Decimal) -> Result<(), ParseError> {
    if *unit == Unit::VndPerMonth && amount.checked_mul(MONTHS).is_none() {
        let problem = format!("monthly amount {amount} too large for a yearly amount");
        return Err(ParseError::invalid(
            WHAT,
            &amount.to_string(),
            (problem, "số tiền hằng tháng quá lớn để tính ra cả năm"),
            (
                "an amount whose twelvefold fits in a decimal",
                "một số tiền mà gấp mười hai lần vẫn vừa kiểu số thập phân",
            ),
        ));
    }
    Ok(())
}

fn valid_per(per: &str) -> bool {
    !per.is_empty()
        && per.chars().count() <= MAX_PER_LEN
        && per.chars().all(is_word_char)
        && per.to_lowercase() == per
        // Composed (NFC), as the phrase parser reads it: a threshold prints
        // a phrase that reads back to the same threshold.
        && crate::text::nfc(per) == per
}

impl Threshold {
    /// Checks and builds a threshold.
    ///
    /// Percent values may exceed 100 (a ratio can); whether a share fits in
    /// 0..=100 is checked by plan validation.
    ///
    /// # Errors
    ///
    /// [`ParseError`] when a per-unit denominator is not one lowercase
    /// word of at most 32 letters, the value is negative, an about-tolerance
    /// is outside 0..=100, a none-left value is not 0, or an all threshold is
    /// not 100 [`Unit::Percent`].
    ///
    /// ```
    /// use hoptac::{plan::Comparator, Threshold, plan::Unit};
    /// use rust_decimal::Decimal;
    /// let t = Threshold::new(Comparator::about(), Decimal::from(1200), Unit::Organisations)?;
    /// assert_eq!(t.to_string(), "khoảng 1.200 tổ chức");
    /// assert!(Threshold::new(Comparator::All, Decimal::from(90), Unit::Percent).is_err());
    /// assert!(Threshold::new(Comparator::AtLeast, Decimal::from(-1), Unit::Items).is_err());
    /// let err = Threshold::new(Comparator::NoneLeft, Decimal::ONE, Unit::Organisations).unwrap_err();
    /// assert_eq!(err.to_string(), "none-left (không còn) threshold of 1: expected 0");
    /// assert_eq!((err.what(), err.input(), err.expected()), ("threshold", "1", "0"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(comparator: Comparator, value: Decimal, unit: Unit) -> Result<Self, ParseError> {
        if let Unit::PerUnit { per } = &unit {
            if !valid_per(per) {
                let problem = format!("invalid per-unit denominator `{}`", quote(per));
                let problem = (problem, "phần sau `/` của đơn vị không hợp lệ");
                let expected = (
                    "one lowercase word of at most 32 letters in composed (NFC) form, such as `xã`",
                    "một từ viết thường, nhiều nhất 32 chữ cái, ở dạng dựng sẵn (NFC), như `xã`",
                );
                return Err(ParseError::invalid(WHAT, per, problem, expected));
            }
        }
        let input = value.to_string();
        check_monthly(&unit, value)?;
        if value < Decimal::ZERO {
            let problem = format!("negative threshold value {value}");
            let problem = (problem, "giá trị ngưỡng âm");
            return Err(ParseError::invalid(
                WHAT,
                &input,
                problem,
                ("0 or more", "0 trở lên"),
            ));
        }
        match &comparator {
            Comparator::About { tolerance }
                if *tolerance < Decimal::ZERO || *tolerance > Decimal::ONE_HUNDRED =>
            {
                let problem = format!("about (khoảng) tolerance of {tolerance}% is out of range");
                let input = format!("{tolerance}%");
                return Err(ParseError::invalid(
                    WHAT,
                    &input,
                    (problem, "sai số của `khoảng` nằm ngoài khoảng cho phép"),
                    ("0 to 100 percent", "từ 0 đến 100 phần trăm"),
                ));
            }
            Comparator::NoneLeft if !value.is_zero() => {
                let problem = format!("none-left (không còn) threshold of {value}");
                let problem = (problem, "ngưỡng `không còn` khác 0");
                return Err(ParseError::invalid(WHAT, &input, problem, ("0", "0")));
            }
            Comparator::All if value != Decimal::ONE_HUNDRED || unit != Unit::Percent => {
                let input = format!("{value} {unit}");
                let problem = format!("all (tất cả) threshold of {input}");
                let problem = (problem, "ngưỡng `tất cả` khác 100%");
                return Err(ParseError::invalid(
                    WHAT,
                    &input,
                    problem,
                    ("100 percent", "100 phần trăm"),
                ));
            }
            _ => {}
        }
        Ok(Threshold {
            comparator,
            value,
            aspiration: None,
            unit,
        })
    }

    /// A range (từ X - Y): at least `floor`, aiming at `aspiration`.
    ///
    /// The threshold is [`Comparator::AtLeast`] `floor`: [`Threshold::is_met`],
    /// [`Threshold::value`], [`Threshold::goal`] and [`Threshold::direction`]
    /// behave exactly as for "ít nhất X", so whatever evaluates a threshold
    /// evaluates a range by its floor; [`Threshold::aspiration_reached`] says
    /// whether the upper end was reached too. Going past the aspiration is
    /// never a failure.
    ///
    /// # Errors
    ///
    /// [`ParseError`] when the aspiration is not above the floor, or when
    /// [`Threshold::new`] refuses the floor and unit.
    ///
    /// ```
    /// use hoptac::{Lang, plan::Unit, Threshold};
    /// use rust_decimal::Decimal;
    /// let t = Threshold::range(Decimal::from(55), Decimal::from(65), Unit::Percent)?;
    /// assert_eq!(t.to_string(), "từ 55 - 65%");
    /// assert_eq!(t.display_in(Lang::En), "from 55 to 65%");
    /// assert_eq!(t, "từ 55 - 65%".parse()?);
    /// assert!(t.is_met(Decimal::from(55)));
    /// assert_eq!(t.aspiration_reached(Decimal::from(60)), Some(false));
    /// assert_eq!(t.aspiration_reached(Decimal::from(70)), Some(true));
    /// assert!(Threshold::range(Decimal::from(65), Decimal::from(55), Unit::Percent).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn range(floor: Decimal, aspiration: Decimal, unit: Unit) -> Result<Self, ParseError> {
        let mut t = Threshold::new(Comparator::AtLeast, floor, unit)?;
        if aspiration <= floor {
            let input = format!("{floor} - {aspiration}");
            let problem = format!("range from {floor} to {aspiration}");
            return Err(ParseError::invalid(
                WHAT,
                &input,
                (problem, "mức phấn đấu không cao hơn mức sàn"),
                (
                    "an aspiration above the floor, such as `từ 55 - 65%`",
                    "mức phấn đấu cao hơn mức sàn, như `từ 55 - 65%`",
                ),
            ));
        }
        check_monthly(&t.unit, aspiration)?;
        t.aspiration = Some(aspiration);
        Ok(t)
    }

    /// A range's upper end (the aspiration), `None` for any other threshold.
    ///
    /// ```
    /// use hoptac::Threshold;
    /// use rust_decimal::Decimal;
    /// let t: Threshold = "25-40 HTX".parse()?;
    /// assert_eq!((t.value(), t.aspiration()), (Decimal::from(25), Some(Decimal::from(40))));
    /// assert_eq!("trên 60%".parse::<Threshold>()?.aspiration(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn aspiration(&self) -> Option<Decimal> {
        self.aspiration
    }

    /// Whether `actual` reaches a range's aspiration (`actual >= Y` in
    /// "từ X - Y"); `None` when the threshold is no range. Going past the
    /// aspiration is never a failure: [`Threshold::is_met`] decides the
    /// status, this only adds to it.
    ///
    /// ```
    /// use hoptac::Threshold;
    /// use rust_decimal::Decimal;
    /// let t: Threshold = "thành lập mới từ 12 - 18 tổ hợp tác".parse()?;
    /// assert!(t.is_met(Decimal::from(12)));
    /// assert_eq!(t.aspiration_reached(Decimal::from(12)), Some(false));
    /// assert_eq!(t.aspiration_reached(Decimal::from(18)), Some(true));
    /// assert_eq!("trên 60%".parse::<Threshold>()?.aspiration_reached(Decimal::ONE), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn aspiration_reached(&self, actual: Decimal) -> Option<bool> {
        self.aspiration.map(|top| actual >= self.yearly(top))
    }

    /// `amount` as a measure compares with it: twelve times a monthly
    /// amount ([`Unit::VndPerMonth`]), exactly; any other amount as it is.
    /// [`Threshold::new`] refuses a monthly amount whose twelvefold does
    /// not fit, so the product never overflows.
    fn yearly(&self, amount: Decimal) -> Decimal {
        match self.unit {
            Unit::VndPerMonth => amount.checked_mul(MONTHS).unwrap_or(Decimal::MAX),
            _ => amount,
        }
    }

    /// The comparator.
    ///
    /// ```
    /// use hoptac::{plan::Comparator, Threshold};
    /// let t: Threshold = "dưới 10%".parse()?;
    /// assert_eq!(t.comparator(), &Comparator::LessThan);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn comparator(&self) -> &Comparator {
        &self.comparator
    }

    /// The value, in [`Threshold::unit`] (money in dong, not millions; a
    /// monthly amount per month, as the plan wrote it).
    ///
    /// ```
    /// use hoptac::Threshold;
    /// use rust_decimal::Decimal;
    /// let t: Threshold = "1.000 triệu đồng trở lên".parse()?;
    /// assert_eq!(t.value(), Decimal::from(1_000_000_000));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// The unit.
    ///
    /// ```
    /// use hoptac::{Threshold, plan::Unit};
    /// let t: Threshold = "khoảng 278.000 thành viên".parse()?;
    /// assert_eq!(t.unit(), &Unit::Members);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn unit(&self) -> &Unit {
        &self.unit
    }

    /// Whether higher or lower measures are better (see [`Comparator::direction`]).
    ///
    /// ```
    /// use hoptac::{plan::Direction, Threshold};
    /// let t: Threshold = "không còn hợp tác xã tồn tại mang tính hình thức".parse()?;
    /// assert_eq!(t.direction(), Direction::Falling);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn direction(&self) -> Direction {
        self.comparator.direction()
    }

    /// The value to reach, for progress maths: the value itself (X for
    /// about X, 0 for none left, 100 for all); for an amount per month
    /// ([`Unit::VndPerMonth`]) the yearly amount, twelve times it, which is
    /// what the measure is compared with.
    ///
    /// ```
    /// use hoptac::Threshold;
    /// use rust_decimal::Decimal;
    /// let t: Threshold = "đều".parse()?;
    /// assert_eq!(t.goal(), Decimal::ONE_HUNDRED);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn goal(&self) -> Decimal {
        match self.comparator {
            Comparator::NoneLeft => Decimal::ZERO,
            Comparator::All => Decimal::ONE_HUNDRED,
            Comparator::GreaterThan
            | Comparator::AtLeast
            | Comparator::LessThan
            | Comparator::AtMost
            | Comparator::About { .. } => self.yearly(self.value),
        }
    }

    /// Whether `actual` meets the threshold, compared exactly: more than X is
    /// `actual > X` (so 60 is not "trên 60%"), at least `>=`, less than `<`,
    /// at most `<=`, none left `== 0`, all `>= 100`, and about X with a
    /// tolerance of t% is `actual >= X - X × t / 100` (only the lower bound).
    ///
    /// Never panics. Should `X × t` overflow a [`Decimal`] (only for X above
    /// about 7.9 × 10²⁶), an about-threshold is compared with X itself, the
    /// stricter reading.
    ///
    /// ```
    /// use hoptac::Threshold;
    /// use rust_decimal::Decimal;
    /// let about: Threshold = "khoảng 1.200 hợp tác xã".parse()?;
    /// assert!(about.is_met(Decimal::from(1140)));
    /// assert!(!about.is_met("1139.99".parse()?));
    /// let at_least: Threshold = "ít nhất 60%".parse()?;
    /// assert!(at_least.is_met(Decimal::from(60)));
    /// // Per month against a yearly income: twelve times 5,5 triệu đồng.
    /// let monthly: Threshold = "ít nhất 5,5 triệu đồng/tháng".parse()?;
    /// assert_eq!(monthly.to_string(), "ít nhất 5.500.000 đồng/tháng");
    /// assert!(monthly.is_met(Decimal::from(66_000_000)));
    /// assert!(!monthly.is_met("65999999.99".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_met(&self, actual: Decimal) -> bool {
        let x = self.yearly(self.value);
        match &self.comparator {
            Comparator::GreaterThan => actual > x,
            Comparator::AtLeast => actual >= x,
            Comparator::LessThan => actual < x,
            Comparator::AtMost => actual <= x,
            Comparator::About { tolerance } => actual >= about_lower_bound(x, *tolerance),
            Comparator::NoneLeft => actual.is_zero(),
            Comparator::All => actual >= Decimal::ONE_HUNDRED,
        }
    }

    /// The threshold in `lang`: the canonical Vietnamese phrase (as
    /// [`fmt::Display`]), or English such as `more than 60%`,
    /// `at least 1,000,000,000 VND`, `about 1,200 organisations`,
    /// `none left`, `all (100%)`, `at least 1 per commune`.
    ///
    /// ```
    /// use hoptac::{Lang, Threshold};
    /// let t: Threshold = "bình quân 01 Tổ hợp tác/xã".parse()?;
    /// assert_eq!(t.display_in(Lang::En), "at least 1 per commune");
    /// assert_eq!(t.display_in(Lang::Vi), "ít nhất 1/xã");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn display_in(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => self.to_string(),
            Lang::En => match &self.comparator {
                Comparator::AtLeast if self.aspiration.is_some() => {
                    let top = self.aspiration.unwrap_or(self.value);
                    format!(
                        "from {} to {}",
                        format_decimal(self.value, Lang::En),
                        self.unit.quantity_en(top)
                    )
                }
                Comparator::NoneLeft => "none left".to_owned(),
                Comparator::All => "all (100%)".to_owned(),
                Comparator::About { tolerance } if *tolerance != DEFAULT_TOLERANCE => format!(
                    "about {} (±{}%)",
                    self.unit.quantity_en(self.value),
                    format_decimal(*tolerance, Lang::En)
                ),
                c => format!(
                    "{} {}",
                    c.label(Lang::En),
                    self.unit.quantity_en(self.value)
                ),
            },
        }
    }

    /// Reads a plan's Vietnamese threshold phrase (also [`FromStr`]).
    ///
    /// The phrase is read case-insensitively, whatever the spacing, with
    /// Vietnamese numbers (`1.000` is one thousand, `2,8` is two point eight,
    /// `01` is one). Only the first number counts:
    ///
    /// - the words right before it give the comparator: `trên`, `hơn` (more
    ///   than); `ít nhất`, `tối thiểu`, `không dưới` (at least); `dưới`,
    ///   `ít hơn` (less than); `tối đa`, `không quá`, `giảm còn`, `giảm
    ///   xuống` (at most); `khoảng`, `xấp xỉ`, `gần` (about, with an optional
    ///   tolerance after the unit: `khoảng 20% (±2%)`);
    /// - `trở lên` (at least) or `trở xuống` (at most) right after the unit
    ///   give it too;
    /// - `không còn` before the number (which must be 0) means none left,
    ///   and `đều` or `tất cả` with 100% means all;
    /// - a bare quantity, with no comparator word (`đạt 50%`, `mở 50 lớp`,
    ///   `thành lập mới 100 hợp tác xã`), reads as **at least**: a number to
    ///   reach;
    /// - after the number: `nghìn`/`ngàn`, `triệu` and `tỷ`/`tỉ` multiply it;
    ///   `%` is [`Unit::Percent`], `đồng`/`VNĐ`/`VND` [`Unit::Vnd`], `hợp tác
    ///   xã`, `tổ hợp tác`, `liên hiệp hợp tác xã`, `tổ chức`, `HTX`, ...
    ///   [`Unit::Organisations`], `thành viên`, `người` [`Unit::Members`], and
    ///   anything else [`Unit::Items`]; `/xã` after the unit makes it
    ///   [`Unit::PerUnit`]. Words after the unit (who is counted) are ignored.
    ///
    /// With no number, `không còn` gives none left (the unit from the words
    /// after it) and `đều` or `tất cả` gives all (100%).
    ///
    /// Two numbers joined by `-`, `–`, `÷`, `đến` or `tới` are a range
    /// ([`Threshold::range`]): `từ 55 - 65%`, `25-40 HTX` (never 25 and
    /// −40), `từ 10 đến 15 hợp tác xã`, `từ 1 - 2 tỷ đồng` (the second
    /// end's multiplier is the first's too when the first has none); only
    /// with no comparator word, `từ` or `trở lên`.
    ///
    /// `/hợp tác xã` after organisations means "or" between kinds (`300 hợp
    /// tác xã/liên hiệp hợp tác xã` is 300 organisations).
    ///
    /// # Errors
    ///
    /// [`ParseError`] when the phrase is empty or longer than 256
    /// bytes, has no number and no none-left or all word, has a malformed
    /// number, mixes contradicting comparators, reads as a change rather
    /// than a level (`giảm 2%`), gives a threshold [`Threshold::new`] or
    /// [`Threshold::range`] rejects, has a range with another comparator
    /// (`trên 10 - 15%`) or two units, has a year where the value should
    /// be (`năm 2025 …`), a value per organisation (`25 thành viên/hợp tác
    /// xã`) or an amount per month (`5,5 triệu đồng/tháng`): these need the
    /// whole sentence, which [`TargetPhrase::read`] reads.
    ///
    /// ```
    /// use hoptac::{plan::Comparator, Threshold, plan::Unit};
    /// use rust_decimal::Decimal;
    /// let t = Threshold::from_vietnamese("Khoảng 1.200 hợp tác xã")?;
    /// assert_eq!(t.comparator(), &Comparator::about());
    /// assert_eq!(t.value(), Decimal::from(1200));
    /// assert_eq!(t.unit(), &Unit::Organisations);
    /// let err = Threshold::from_vietnamese("abc").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "no comparator or number in `abc`: expected a phrase such as `trên 60%` or `khoảng 1.200 hợp tác xã`"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_vietnamese(phrase: &str) -> Result<Self, ParseError> {
        let phrase = crate::text::nfc_within(phrase, MAX_PHRASE_LEN)
            .map_err(|len| ParseError::too_long(WHAT, phrase, len, MAX_PHRASE_LEN))?;
        let phrase = phrase.as_ref();
        let text = phrase.to_lowercase();
        let tokens = tokenize(&text);
        if tokens.is_empty() {
            return Err(ParseError::invalid(
                WHAT,
                phrase,
                ("empty threshold phrase", "không có chữ hay số nào"),
                EXAMPLES,
            ));
        }
        let parsed = match tokens.iter().position(|t| matches!(t, Token::Number(_))) {
            Some(at) => parse_with_number(phrase, &tokens, at)?,
            None => parse_without_number(phrase, &tokens)?,
        };
        let (comparator, value, aspiration, unit) = parsed;
        let built = match aspiration {
            Some(top) => Threshold::range(value, top, unit),
            None => Threshold::new(comparator, value, unit),
        };
        built.map_err(|error| {
            error.within(
                WHAT,
                phrase,
                (
                    format!("invalid threshold `{}`", quote(phrase)),
                    "ngưỡng không hợp lệ",
                ),
            )
        })
    }
}

/// `X - X × t / 100`, or X itself should the product overflow.
fn about_lower_bound(x: Decimal, tolerance: Decimal) -> Decimal {
    x.checked_mul(tolerance)
        .and_then(|p| p.checked_div(Decimal::ONE_HUNDRED))
        .and_then(|margin| x.checked_sub(margin))
        .unwrap_or(x)
}

impl fmt::Display for Threshold {
    /// The canonical Vietnamese phrase: `trên 60%`, `ít nhất 1.000.000.000
    /// đồng`, `khoảng 1.200 tổ chức`, `khoảng 20% (±2%)`, `không còn tổ
    /// chức`, `tất cả (100%)`, `ít nhất 1/xã`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.comparator {
            Comparator::NoneLeft => match &self.unit {
                Unit::Organisations => f.write_str("không còn tổ chức"),
                Unit::Members => f.write_str("không còn thành viên"),
                Unit::Items => f.write_str("không còn"),
                unit => {
                    f.write_str("không còn (")?;
                    unit.write_quantity_vi(Decimal::ZERO, f)?;
                    f.write_str(")")
                }
            },
            Comparator::All => f.write_str("tất cả (100%)"),
            Comparator::AtLeast if self.aspiration.is_some() => {
                let top = self.aspiration.unwrap_or(self.value);
                write!(f, "từ {} - ", format_decimal(self.value, Lang::Vi))?;
                self.unit.write_quantity_vi(top, f)
            }
            c => {
                write!(f, "{} ", c.label(Lang::Vi))?;
                self.unit.write_quantity_vi(self.value, f)?;
                match c {
                    Comparator::About { tolerance } if *tolerance != DEFAULT_TOLERANCE => {
                        write!(f, " (±{}%)", format_decimal(*tolerance, Lang::Vi))
                    }
                    _ => Ok(()),
                }
            }
        }
    }
}

impl FromStr for Threshold {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Threshold::from_vietnamese(s)
    }
}
