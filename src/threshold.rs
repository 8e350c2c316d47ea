//! Comparators and thresholds of plan targets (mục tiêu), and reading the
//! plans' Vietnamese phrases such as `trên 60%` or `khoảng 1.200 hợp tác xã`.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::lang::{format_decimal, parse_vi_number, Labelled, Lang, ParseNumberError};

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
        #[serde(with = "rust_decimal::serde::str")]
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
#[serde(deny_unknown_fields)]
struct ComparatorRepr {
    kind: ComparatorKind,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    tolerance: Option<Decimal>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
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
        match (self, lang) {
            (Comparator::GreaterThan, Lang::Vi) => "trên",
            (Comparator::GreaterThan, Lang::En) => "more than",
            (Comparator::AtLeast, Lang::Vi) => "ít nhất",
            (Comparator::AtLeast, Lang::En) => "at least",
            (Comparator::LessThan, Lang::Vi) => "dưới",
            (Comparator::LessThan, Lang::En) => "less than",
            (Comparator::AtMost, Lang::Vi) => "tối đa",
            (Comparator::AtMost, Lang::En) => "at most",
            (Comparator::About { .. }, Lang::Vi) => "khoảng",
            (Comparator::About { .. }, Lang::En) => "about",
            (Comparator::NoneLeft, Lang::Vi) => "không còn",
            (Comparator::NoneLeft, Lang::En) => "none left",
            (Comparator::All, Lang::Vi) => "tất cả",
            (Comparator::All, Lang::En) => "all",
        }
    }
}

impl fmt::Display for Comparator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(Lang::En))
    }
}

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better (tăng): more than, at least, about, all.
    Rising,
    /// Lower is better (giảm): less than, at most, none left.
    Falling,
}

impl Labelled for Direction {
    fn label(&self, lang: Lang) -> &str {
        match (self, lang) {
            (Direction::Rising, Lang::Vi) => "tăng",
            (Direction::Rising, Lang::En) => "rising",
            (Direction::Falling, Lang::Vi) => "giảm",
            (Direction::Falling, Lang::En) => "falling",
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(Lang::En))
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
#[serde(deny_unknown_fields)]
struct UnitRepr {
    kind: UnitKind,
    #[serde(default)]
    per: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum UnitKind {
    Organisations,
    Members,
    Percent,
    Vnd,
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
            (UnitKind::Items, None) => Unit::Items,
            (kind, Some(_)) => {
                let kind = match kind {
                    UnitKind::Organisations => "organisations",
                    UnitKind::Members => "members",
                    UnitKind::Percent => "percent",
                    UnitKind::Vnd => "vnd",
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

/// English and Vietnamese names of common per-unit denominators.
const KNOWN_PER: &[(&str, &str, &str)] = &[
    ("xã", "mỗi xã", "per commune"),
    ("huyện", "mỗi huyện", "per district"),
    ("tỉnh", "mỗi tỉnh", "per province"),
    ("thôn", "mỗi thôn", "per village"),
    ("hộ", "mỗi hộ", "per household"),
    ("người", "mỗi người", "per person"),
];

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
            Unit::PerUnit { .. } => format!("{number} {}", self.display_in(Lang::En)),
            Unit::Items => number,
        }
    }
}

impl Labelled for Unit {
    fn label(&self, lang: Lang) -> &str {
        match (self, lang) {
            (Unit::Organisations, Lang::Vi) => "tổ chức",
            (Unit::Organisations, Lang::En) => "organisations",
            (Unit::Members, Lang::Vi) => "thành viên",
            (Unit::Members, Lang::En) => "members",
            (Unit::Percent, Lang::Vi) => "phần trăm",
            (Unit::Percent, Lang::En) => "percent",
            (Unit::Vnd, Lang::Vi) => "đồng",
            (Unit::Vnd, Lang::En) => "VND",
            (Unit::PerUnit { per }, Lang::Vi) => known_per(per).map_or("mỗi đơn vị", |(vi, _)| vi),
            (Unit::PerUnit { per }, Lang::En) => known_per(per).map_or("per unit", |(_, en)| en),
            (Unit::Items, Lang::Vi) => "số lượng",
            (Unit::Items, Lang::En) => "items",
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_in(Lang::En))
    }
}

/// Why [`Threshold::new`] rejected a comparator, value and unit.
///
/// ```
/// use hoptac::{plan::Comparator, Threshold, plan::ThresholdError, plan::Unit};
/// use rust_decimal::Decimal;
/// let err = Threshold::new(Comparator::NoneLeft, Decimal::ONE, Unit::Organisations).unwrap_err();
/// assert_eq!(err, ThresholdError::NoneLeftNotZero { value: Decimal::ONE });
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ThresholdError {
    /// The value is below 0.
    #[error("negative threshold value {value}: expected 0 or more")]
    NegativeValue {
        /// The value given.
        value: Decimal,
    },
    /// An about-tolerance below 0 or above 100 percent.
    #[error("about (khoảng) tolerance of {tolerance}% is out of range: expected 0 to 100 percent")]
    ToleranceOutOfRange {
        /// The tolerance given.
        tolerance: Decimal,
    },
    /// A none-left threshold whose value is not 0.
    #[error("none-left (không còn) threshold of {value}: expected 0")]
    NoneLeftNotZero {
        /// The value given.
        value: Decimal,
    },
    /// An all threshold that is not 100 percent.
    #[error("all (tất cả) threshold of {value} {unit}: expected 100 percent")]
    AllNotHundredPercent {
        /// The value given.
        value: Decimal,
        /// The unit given.
        unit: Unit,
    },
    /// A per-unit denominator that is not one lowercase word.
    #[error("invalid per-unit denominator `{per}`: expected one lowercase word of at most 32 letters, such as `xã`")]
    InvalidPerUnit {
        /// The denominator given.
        per: String,
    },
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
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ThresholdRepr")]
pub struct Threshold {
    comparator: Comparator,
    #[serde(with = "rust_decimal::serde::str")]
    value: Decimal,
    unit: Unit,
}

/// The JSON form of a [`Threshold`], checked by [`Threshold::new`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThresholdRepr {
    comparator: Comparator,
    #[serde(with = "rust_decimal::serde::str")]
    value: Decimal,
    unit: Unit,
}

impl TryFrom<ThresholdRepr> for Threshold {
    type Error = ThresholdError;

    fn try_from(repr: ThresholdRepr) -> Result<Self, Self::Error> {
        Threshold::new(repr.comparator, repr.value, repr.unit)
    }
}

fn is_word_char(c: char) -> bool {
    // Letters, and the combining diacritics of decomposed Vietnamese text.
    c.is_alphabetic() || ('\u{300}'..='\u{36f}').contains(&c)
}

fn valid_per(per: &str) -> bool {
    !per.is_empty()
        && per.chars().count() <= MAX_PER_LEN
        && per.chars().all(is_word_char)
        && per.to_lowercase() == per
}

impl Threshold {
    /// Checks and builds a threshold.
    ///
    /// Percent values may exceed 100 (a ratio can); whether a share fits in
    /// 0..=100 is checked by plan validation.
    ///
    /// # Errors
    ///
    /// [`ThresholdError`] when a per-unit denominator is not one lowercase
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
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(comparator: Comparator, value: Decimal, unit: Unit) -> Result<Self, ThresholdError> {
        if let Unit::PerUnit { per } = &unit {
            if !valid_per(per) {
                return Err(ThresholdError::InvalidPerUnit { per: per.clone() });
            }
        }
        if value < Decimal::ZERO {
            return Err(ThresholdError::NegativeValue { value });
        }
        match &comparator {
            Comparator::About { tolerance }
                if *tolerance < Decimal::ZERO || *tolerance > Decimal::ONE_HUNDRED =>
            {
                return Err(ThresholdError::ToleranceOutOfRange {
                    tolerance: *tolerance,
                });
            }
            Comparator::NoneLeft if !value.is_zero() => {
                return Err(ThresholdError::NoneLeftNotZero { value });
            }
            Comparator::All if value != Decimal::ONE_HUNDRED || unit != Unit::Percent => {
                return Err(ThresholdError::AllNotHundredPercent { value, unit });
            }
            _ => {}
        }
        Ok(Threshold {
            comparator,
            value,
            unit,
        })
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

    /// The value, in [`Threshold::unit`] (money in dong, not millions).
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
    /// about X, 0 for none left, 100 for all).
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
            | Comparator::About { .. } => self.value,
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
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_met(&self, actual: Decimal) -> bool {
        let x = self.value;
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
    ///   xuống` (at most); `khoảng`, `xấp xỉ` (about, with an optional
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
    /// # Errors
    ///
    /// [`ParseThresholdError`] when the phrase is empty or longer than 256
    /// bytes, has no number and no none-left or all word, has a malformed
    /// number, mixes contradicting comparators, reads as a change rather
    /// than a level (`giảm 2%`), or gives a threshold [`Threshold::new`]
    /// rejects.
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
    pub fn from_vietnamese(phrase: &str) -> Result<Self, ParseThresholdError> {
        let phrase = crate::text::nfc_within(phrase, MAX_PHRASE_LEN)
            .map_err(|len| ParseThresholdError::TooLong { len })?;
        let phrase = phrase.as_ref();
        let text = phrase.to_lowercase();
        let tokens = tokenize(&text);
        if tokens.is_empty() {
            return Err(ParseThresholdError::Empty);
        }
        let parsed = match tokens.iter().position(|t| matches!(t, Token::Number(_))) {
            Some(at) => parse_with_number(phrase, &tokens, at)?,
            None => parse_without_number(phrase, &tokens)?,
        };
        let (comparator, value, unit) = parsed;
        Threshold::new(comparator, value, unit).map_err(|error| ParseThresholdError::Invalid {
            phrase: phrase.to_owned(),
            error,
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
    type Err = ParseThresholdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Threshold::from_vietnamese(s)
    }
}

/// Why [`Threshold::from_vietnamese`] could not read a phrase.
///
/// ```
/// use hoptac::{plan::ParseThresholdError, Threshold};
/// let err = Threshold::from_vietnamese("trên").unwrap_err();
/// assert!(matches!(err, ParseThresholdError::MissingNumber { .. }));
/// assert_eq!(err.to_string(), "no number after `trên` in `trên`: expected a number such as `trên 60%`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseThresholdError {
    /// The phrase is empty or blank.
    #[error(
        "empty threshold phrase: expected a phrase such as `trên 60%` or `khoảng 1.200 hợp tác xã`"
    )]
    Empty,
    /// The phrase is longer than 256 bytes.
    #[error("threshold phrase of {len} bytes is too long: expected at most 256 bytes")]
    TooLong {
        /// The phrase's length in bytes.
        len: usize,
    },
    /// No number and no none-left or all word.
    #[error("no comparator or number in `{phrase}`: expected a phrase such as `trên 60%` or `khoảng 1.200 hợp tác xã`")]
    NoComparatorOrNumber {
        /// The phrase.
        phrase: String,
    },
    /// A comparator word with no number.
    #[error("no number after `{word}` in `{phrase}`: expected a number such as `{word} 60%`")]
    MissingNumber {
        /// The phrase.
        phrase: String,
        /// The comparator word.
        word: String,
    },
    /// The number is not a Vietnamese number.
    #[error("invalid number in `{phrase}`: {error}")]
    InvalidNumber {
        /// The phrase.
        phrase: String,
        /// What is wrong with the number.
        error: ParseNumberError,
    },
    /// The number times its multiplier (`triệu`, `tỷ`) does not fit.
    #[error("number in `{phrase}` is too large: expected a value that fits in a decimal")]
    NumberTooLarge {
        /// The phrase.
        phrase: String,
    },
    /// `không còn` (none left) with a number other than 0.
    #[error(
        "`không còn` (none left) with the number {value} in `{phrase}`: expected no number or 0"
    )]
    NoneLeftWithNumber {
        /// The phrase.
        phrase: String,
        /// The number given.
        value: Decimal,
    },
    /// Two comparator words that disagree (`trên 5 hợp tác xã trở xuống`).
    #[error(
        "conflicting comparators `{before}` and `{after}` in `{phrase}`: expected one of them"
    )]
    ConflictingComparators {
        /// The phrase.
        phrase: String,
        /// The comparator word before the number.
        before: String,
        /// The comparator word after the number.
        after: String,
    },
    /// A change (`giảm 2%`, `tăng 10%`) rather than a level to reach.
    #[error("ambiguous `{word}` before the number in `{phrase}`: expected a level such as `dưới 10%`, `giảm còn 10%` or `ít nhất 10%`, not a change")]
    AmbiguousChange {
        /// The phrase.
        phrase: String,
        /// The word of change.
        word: String,
    },
    /// A tolerance (`±2%`) on a comparator other than about.
    #[error("tolerance `±` without `khoảng` in `{phrase}`: expected it only after an about-value such as `khoảng 20% (±2%)`")]
    ToleranceWithoutAbout {
        /// The phrase.
        phrase: String,
    },
    /// A malformed tolerance.
    #[error("invalid tolerance in `{phrase}`: expected `(±N%)` such as `khoảng 20% (±2%)`")]
    InvalidTolerance {
        /// The phrase.
        phrase: String,
    },
    /// The phrase reads as a threshold [`Threshold::new`] rejects.
    #[error("invalid threshold `{phrase}`: {error}")]
    Invalid {
        /// The phrase.
        phrase: String,
        /// Why the threshold is invalid.
        error: ThresholdError,
    },
}

// ---------------------------------------------------------------------------
// Reading phrases.

/// A piece of a lowercased phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    /// A run of letters.
    Word(&'a str),
    /// Digits with `.` and `,` between digits, maybe after a `-`.
    Number(&'a str),
    /// Any other character but whitespace.
    Symbol(char),
}

fn tokenize(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) {
        let width = c.len_utf8();
        let starts_number =
            c.is_ascii_digit() || (c == '-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
        if c.is_whitespace() {
            i += width;
        } else if starts_number {
            let mut end = i + 1;
            loop {
                match bytes.get(end) {
                    Some(b) if b.is_ascii_digit() => end += 1,
                    Some(b'.' | b',') if bytes.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                        end += 2;
                    }
                    _ => break,
                }
            }
            if let Some(number) = text.get(i..end) {
                tokens.push(Token::Number(number));
            }
            i = end;
        } else if is_word_char(c) {
            let mut end = i + width;
            while let Some(d) = text.get(end..).and_then(|rest| rest.chars().next()) {
                if !is_word_char(d) {
                    break;
                }
                end += d.len_utf8();
            }
            if let Some(word) = text.get(i..end) {
                tokens.push(Token::Word(word));
            }
            i = end;
        } else {
            tokens.push(Token::Symbol(c));
            i += width;
        }
    }
    tokens
}

/// A comparator read from words, before the tolerance is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kw {
    GreaterThan,
    AtLeast,
    LessThan,
    AtMost,
    About,
}

impl Kw {
    fn comparator(self, tolerance: Option<Decimal>) -> Comparator {
        match self {
            Kw::GreaterThan => Comparator::GreaterThan,
            Kw::AtLeast => Comparator::AtLeast,
            Kw::LessThan => Comparator::LessThan,
            Kw::AtMost => Comparator::AtMost,
            Kw::About => Comparator::About {
                tolerance: tolerance.unwrap_or(DEFAULT_TOLERANCE),
            },
        }
    }
}

type Words = &'static [&'static str];

/// Comparator words right before the number, longer ones first.
const BEFORE: &[(Words, Kw)] = &[
    (&["không", "ít", "hơn"], Kw::AtLeast),
    (&["không", "nhỏ", "hơn"], Kw::AtLeast),
    (&["không", "thấp", "hơn"], Kw::AtLeast),
    (&["không", "vượt", "quá"], Kw::AtMost),
    (&["không", "nhiều", "hơn"], Kw::AtMost),
    (&["không", "lớn", "hơn"], Kw::AtMost),
    (&["không", "cao", "hơn"], Kw::AtMost),
    (&["ít", "nhất"], Kw::AtLeast),
    (&["tối", "thiểu"], Kw::AtLeast),
    (&["không", "dưới"], Kw::AtLeast),
    (&["tối", "đa"], Kw::AtMost),
    (&["không", "quá"], Kw::AtMost),
    (&["không", "hơn"], Kw::AtMost),
    (&["không", "trên"], Kw::AtMost),
    (&["nhiều", "hơn"], Kw::GreaterThan),
    (&["lớn", "hơn"], Kw::GreaterThan),
    (&["cao", "hơn"], Kw::GreaterThan),
    (&["ít", "hơn"], Kw::LessThan),
    (&["nhỏ", "hơn"], Kw::LessThan),
    (&["thấp", "hơn"], Kw::LessThan),
    (&["xấp", "xỉ"], Kw::About),
    (&["trên"], Kw::GreaterThan),
    (&["hơn"], Kw::GreaterThan),
    (&["vượt"], Kw::GreaterThan),
    (&["dưới"], Kw::LessThan),
    (&["khoảng"], Kw::About),
];

/// Verbs right before the number: a level to go down to (at most), or a
/// change that is no level at all (`None`: an error).
const VERBS: &[(Words, Option<Kw>)] = &[
    (&["giảm", "xuống", "còn"], Some(Kw::AtMost)),
    (&["giảm", "còn"], Some(Kw::AtMost)),
    (&["giảm", "xuống"], Some(Kw::AtMost)),
    (&["xuống", "còn"], Some(Kw::AtMost)),
    (&["xuống"], Some(Kw::AtMost)),
    (&["tăng", "thêm"], None),
    (&["giảm"], None),
    (&["tăng"], None),
];

/// Comparator words right after the unit.
const AFTER: &[(Words, Kw)] = &[
    (&["trở", "lên"], Kw::AtLeast),
    (&["trở", "xuống"], Kw::AtMost),
];

/// Words that multiply the number before them.
const MULTIPLIERS: &[(&str, u64)] = &[
    ("nghìn", 1_000),
    ("ngàn", 1_000),
    ("triệu", 1_000_000),
    ("tỷ", 1_000_000_000),
    ("tỉ", 1_000_000_000),
];

const PERCENT_WORDS: &[Words] = &[&["phần", "trăm"]];

const MONEY_WORDS: &[Words] = &[&["đồng"], &["vnđ"], &["vnd"], &["đ"]];

const ORGANISATION_WORDS: &[Words] = &[
    &["liên", "hiệp", "hợp", "tác", "xã"],
    &["quỹ", "tín", "dụng"],
    &["hợp", "tác", "xã"],
    &["tổ", "hợp", "tác"],
    &["tổ", "chức"],
    &["liên", "hiệp"],
    &["htx"],
    &["tht"],
    &["lhhtx"],
    &["qtdnd"],
];

const MEMBER_WORDS: &[Words] = &[
    &["thành", "viên"],
    &["tổ", "viên"],
    &["xã", "viên"],
    &["lao", "động"],
    &["người"],
];

fn is_words(tokens: &[Token<'_>], words: &[&str]) -> bool {
    tokens.len() == words.len()
        && tokens
            .iter()
            .zip(words)
            .all(|(t, w)| matches!(t, Token::Word(x) if x == w))
}

/// The tokens after `words` when `tokens` starts with them.
fn strip_words<'t, 'a>(tokens: &'t [Token<'a>], words: &[&str]) -> Option<&'t [Token<'a>]> {
    let head = tokens.get(..words.len())?;
    if is_words(head, words) {
        tokens.get(words.len()..)
    } else {
        None
    }
}

fn ends_with_words(tokens: &[Token<'_>], words: &[&str]) -> bool {
    tokens
        .len()
        .checked_sub(words.len())
        .and_then(|start| tokens.get(start..))
        .is_some_and(|tail| is_words(tail, words))
}

fn contains_words(tokens: &[Token<'_>], words: &[&str]) -> bool {
    !words.is_empty() && tokens.windows(words.len()).any(|w| is_words(w, words))
}

/// The first entry of `table` whose words end `tokens`.
fn ending<T: Copy>(tokens: &[Token<'_>], table: &[(Words, T)]) -> Option<(Words, T)> {
    table
        .iter()
        .find(|(words, _)| ends_with_words(tokens, words))
        .copied()
}

fn has_none_left(tokens: &[Token<'_>]) -> bool {
    contains_words(tokens, &["không", "còn"])
}

/// `đều` (but not `đều đặn`, regularly), `tất cả` or `toàn bộ`.
fn has_all(tokens: &[Token<'_>]) -> bool {
    let deu = tokens
        .iter()
        .enumerate()
        .any(|(i, t)| *t == Token::Word("đều") && tokens.get(i + 1) != Some(&Token::Word("đặn")));
    deu || contains_words(tokens, &["tất", "cả"]) || contains_words(tokens, &["toàn", "bộ"])
}

/// A per-unit denominator: `/xã`.
fn read_per<'t, 'a>(tokens: &'t [Token<'a>]) -> Option<(Unit, &'t [Token<'a>])> {
    match tokens {
        [Token::Symbol('/'), Token::Word(per), rest @ ..] => Some((
            Unit::PerUnit {
                per: (*per).to_owned(),
            },
            rest,
        )),
        _ => None,
    }
}

/// The unit at the start of `tokens`, the tokens after it, and whether the
/// unit is [`Unit::Items`] read from no word at all.
fn read_unit<'t, 'a>(tokens: &'t [Token<'a>]) -> (Unit, &'t [Token<'a>], bool) {
    if let [Token::Symbol('%'), rest @ ..] = tokens {
        return (Unit::Percent, rest, false);
    }
    let find = |table: &[Words]| table.iter().find_map(|words| strip_words(tokens, words));
    if let Some(rest) = find(PERCENT_WORDS) {
        return (Unit::Percent, rest, false);
    }
    if let Some(rest) = find(MONEY_WORDS) {
        return (Unit::Vnd, rest, false);
    }
    let (unit, rest) = if let Some(rest) = find(ORGANISATION_WORDS) {
        (Unit::Organisations, rest)
    } else if let Some(rest) = find(MEMBER_WORDS) {
        (Unit::Members, rest)
    } else {
        // An unknown counted noun (`lớp`, `cuốn`) may stand before `/xã`.
        let after_noun = match tokens {
            [Token::Word(_), rest @ ..] => read_per(rest),
            _ => None,
        };
        return match read_per(tokens).or(after_noun) {
            Some((unit, rest)) => (unit, rest, false),
            None => (Unit::Items, tokens, true),
        };
    };
    match read_per(rest) {
        Some((per_unit, rest)) => (per_unit, rest, false),
        None => (unit, rest, false),
    }
}

/// `trở lên` / `trở xuống` right after the unit (or after one counted noun
/// when the unit is items read from no word).
fn read_after(tokens: &[Token<'_>], bare_items: bool) -> Option<(Words, Kw)> {
    let starts = |tokens: &[Token<'_>]| {
        AFTER
            .iter()
            .find(|(words, _)| strip_words(tokens, words).is_some())
            .copied()
    };
    starts(tokens).or_else(|| match tokens {
        [Token::Word(_), rest @ ..] if bare_items => starts(rest),
        _ => None,
    })
}

/// A tolerance `±N%` anywhere in `tokens`.
fn read_tolerance(
    phrase: &str,
    tokens: &[Token<'_>],
) -> Result<Option<Decimal>, ParseThresholdError> {
    let Some(at) = tokens.iter().position(|t| *t == Token::Symbol('±')) else {
        return Ok(None);
    };
    let invalid = || ParseThresholdError::InvalidTolerance {
        phrase: phrase.to_owned(),
    };
    match tokens.get(at + 1..) {
        Some([Token::Number(n), Token::Symbol('%'), ..]) => {
            parse_vi_number(n).map(Some).map_err(|_| invalid())
        }
        _ => Err(invalid()),
    }
}

type Parsed = (Comparator, Decimal, Unit);

fn parse_with_number(
    phrase: &str,
    tokens: &[Token<'_>],
    at: usize,
) -> Result<Parsed, ParseThresholdError> {
    let owned = || phrase.to_owned();
    let (prefix, rest) = tokens.split_at(at.min(tokens.len()));
    let Some((Token::Number(number), mut suffix)) = rest.split_first() else {
        return Err(ParseThresholdError::NoComparatorOrNumber { phrase: owned() });
    };
    let mut value =
        parse_vi_number(number).map_err(|error| ParseThresholdError::InvalidNumber {
            phrase: owned(),
            error,
        })?;
    while let Some((Token::Word(word), rest)) = suffix.split_first() {
        let Some((_, factor)) = MULTIPLIERS.iter().find(|(w, _)| w == word) else {
            break;
        };
        value = value
            .checked_mul(Decimal::from(*factor))
            .ok_or_else(|| ParseThresholdError::NumberTooLarge { phrase: owned() })?;
        suffix = rest;
    }
    let (unit, suffix, bare_items) = read_unit(suffix);
    let after = read_after(suffix, bare_items);
    let tolerance = read_tolerance(phrase, suffix)?;

    let conflict = |before: Words, after: Words| ParseThresholdError::ConflictingComparators {
        phrase: owned(),
        before: before.join(" "),
        after: after.join(" "),
    };
    let comparator = if has_none_left(prefix) {
        if !value.is_zero() {
            return Err(ParseThresholdError::NoneLeftWithNumber {
                phrase: owned(),
                value,
            });
        }
        Comparator::NoneLeft
    } else if let Some((words, kw)) = ending(prefix, BEFORE) {
        match after {
            Some((after_words, after_kw)) if after_kw != kw => {
                return Err(conflict(words, after_words));
            }
            _ => kw.comparator(tolerance),
        }
    } else if has_all(tokens) && value == Decimal::ONE_HUNDRED && unit == Unit::Percent {
        Comparator::All
    } else if let Some((words, verb)) = ending(prefix, VERBS) {
        match (verb, after) {
            (Some(kw), Some((after_words, after_kw))) if after_kw != kw => {
                return Err(conflict(words, after_words));
            }
            (Some(kw), _) | (None, Some((_, kw))) => kw.comparator(tolerance),
            (None, None) => {
                return Err(ParseThresholdError::AmbiguousChange {
                    phrase: owned(),
                    word: words.join(" "),
                })
            }
        }
    } else {
        after
            .map_or(Kw::AtLeast, |(_, kw)| kw)
            .comparator(tolerance)
    };
    if tolerance.is_some() && !matches!(comparator, Comparator::About { .. }) {
        return Err(ParseThresholdError::ToleranceWithoutAbout { phrase: owned() });
    }
    Ok((comparator, value, unit))
}

fn parse_without_number(phrase: &str, tokens: &[Token<'_>]) -> Result<Parsed, ParseThresholdError> {
    let none_left_at = tokens
        .windows(2)
        .position(|w| is_words(w, &["không", "còn"]));
    if let Some(at) = none_left_at {
        let after = tokens.get(at + 2..).unwrap_or_default();
        let (unit, _, _) = read_unit(after);
        return Ok((Comparator::NoneLeft, Decimal::ZERO, unit));
    }
    if has_all(tokens) {
        return Ok((Comparator::All, Decimal::ONE_HUNDRED, Unit::Percent));
    }
    if let Some((words, _)) = ending(tokens, BEFORE) {
        return Err(ParseThresholdError::MissingNumber {
            phrase: phrase.to_owned(),
            word: words.join(" "),
        });
    }
    Err(ParseThresholdError::NoComparatorOrNumber {
        phrase: phrase.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn per(p: &str) -> Unit {
        Unit::PerUnit { per: p.to_owned() }
    }

    fn t(c: Comparator, v: &str, u: Unit) -> Threshold {
        Threshold::new(c, d(v), u).unwrap()
    }

    use Comparator::{AtLeast, AtMost, GreaterThan, LessThan, NoneLeft};

    /// Every comparator phrase of a numeric target in the seeds (002 Lạng
    /// Sơn, 003 Nghệ An, 004), and those the brief names.
    #[test]
    fn seed_phrases() {
        let about = Comparator::about();
        let table: Vec<(&str, Comparator, &str, Unit)> = vec![
            // Seed 002, Lạng Sơn.
            ("thành lập mới 100 hợp tác xã", AtLeast, "100", Unit::Organisations),
            ("hỗ trợ thành lập mới 100 hợp tác xã", AtLeast, "100", Unit::Organisations),
            ("200 tổ hợp tác", AtLeast, "200", Unit::Organisations),
            ("5 liên hiệp hợp tác xã trở lên", AtLeast, "5", Unit::Organisations),
            (
                "số hợp tác xã hoạt động có hiệu quả thuộc loại khá trở lên đạt trên 45%",
                GreaterThan,
                "45",
                Unit::Percent,
            ),
            ("đạt trên 45%", GreaterThan, "45", Unit::Percent),
            (
                "không còn Hợp tác xã tồn tại mang tính hình thức",
                NoneLeft,
                "0",
                Unit::Organisations,
            ),
            (
                "không còn hợp tác xã tồn tại mang tính hình thức",
                NoneLeft,
                "0",
                Unit::Organisations,
            ),
            ("số hợp tác xã yếu kém giảm dưới 10%", LessThan, "10", Unit::Percent),
            ("120 hợp tác xã", AtLeast, "120", Unit::Organisations),
            ("250 tổ hợp tác", AtLeast, "250", Unit::Organisations),
            ("8 liên hiệp hợp tác xã", AtLeast, "8", Unit::Organisations),
            (
                "số hợp tác xã hoạt động có hiệu quả thuộc loại khá, giỏi đạt 50%",
                AtLeast,
                "50",
                Unit::Percent,
            ),
            ("giảm dưới 8%", LessThan, "8", Unit::Percent),
            // Seed 003, Nghệ An, section II.2.
            ("khoảng 1.000 tổ hợp tác", about.clone(), "1000", Unit::Organisations),
            ("khoảng 13.000 thành viên", about.clone(), "13000", Unit::Members),
            ("khoảng 1.200 hợp tác xã", about.clone(), "1200", Unit::Organisations),
            ("khoảng 278.000 thành viên", about.clone(), "278000", Unit::Members),
            ("6 liên hiệp hợp tác xã", AtLeast, "6", Unit::Organisations),
            ("khoảng 50 hợp tác xã thành viên", about.clone(), "50", Unit::Organisations),
            (
                "Bảo đảm trên 60% tổ chức kinh tế tập thể hoạt động đạt loại tốt, khá",
                GreaterThan,
                "60",
                Unit::Percent,
            ),
            (
                "có ít nhất 50% tham gia liên kết theo chuỗi giá trị",
                AtLeast,
                "50",
                Unit::Percent,
            ),
            (
                "Có trên 150 hợp tác xã ứng dụng công nghệ cao",
                GreaterThan,
                "150",
                Unit::Organisations,
            ),
            (
                "thu hút tối thiểu 20% dân số tham gia các tổ chức kinh tế tập thể",
                AtLeast,
                "20",
                Unit::Percent,
            ),
            (
                "bảo đảm trên 90% tổ chức kinh tế tập thể hoạt động hiệu quả",
                GreaterThan,
                "90",
                Unit::Percent,
            ),
            ("có ít nhất 75% tham gia các chuỗi liên kết", AtLeast, "75", Unit::Percent),
            (
                "các tổ chức kinh tế tập thể đều áp dụng công nghệ cao",
                Comparator::All,
                "100",
                Unit::Percent,
            ),
            (
                "tỷ lệ nữ giám đốc hợp tác xã, liên hiệp hợp tác xã đạt ít nhất 30%",
                AtLeast,
                "30",
                Unit::Percent,
            ),
            // Seed 004.
            ("Phát triển mới 80 Tổ hợp tác", AtLeast, "80", Unit::Organisations),
            ("đạt bình quân 01 Tổ hợp tác/xã", AtLeast, "1", per("xã")),
            ("bình quân 01 Tổ hợp tác/xã", AtLeast, "1", per("xã")),
            ("20 hợp tác xã", AtLeast, "20", Unit::Organisations),
            ("với khoảng 500 thành viên", about.clone(), "500", Unit::Members),
            (
                "Thu nhập bình quân của người lao động và thành viên trong các hợp tác xã trên 50 triệu đồng",
                GreaterThan,
                "50000000",
                Unit::Vnd,
            ),
            (
                "Doanh thu bình quân của hợp tác xã đạt 1.000 triệu đồng trở lên",
                AtLeast,
                "1000000000",
                Unit::Vnd,
            ),
            (
                "Tỷ lệ cán bộ chủ chốt hợp tác xã đã qua đào tạo khoảng 20%",
                about.clone(),
                "20",
                Unit::Percent,
            ),
            (
                "trên 90% cán bộ chủ chốt hợp tác xã được bồi dưỡng",
                GreaterThan,
                "90",
                Unit::Percent,
            ),
            (
                "Số hợp tác xã hoạt động hiệu quả chiếm 20% trở lên",
                AtLeast,
                "20",
                Unit::Percent,
            ),
            ("Mở 50 lóp tập huấn tuyên truyền", AtLeast, "50", Unit::Items),
            ("mở 50 lớp tập huấn", AtLeast, "50", Unit::Items),
            ("30 lớp truyền nghề", AtLeast, "30", Unit::Items),
            ("in 5.000 cuốn sổ tay", AtLeast, "5000", Unit::Items),
            ("tổ chức 01 cuộc hội thảo, tọa đàm", AtLeast, "1", Unit::Items),
            (
                "Hỗ trợ 10 hợp tác xã tham gia xúc tiến thương mại",
                AtLeast,
                "10",
                Unit::Organisations,
            ),
            // Named in the brief.
            ("trên 60%", GreaterThan, "60", Unit::Percent),
            ("hơn 150 hợp tác xã", GreaterThan, "150", Unit::Organisations),
            ("dưới 10%", LessThan, "10", Unit::Percent),
            ("dưới 8%", LessThan, "8", Unit::Percent),
            ("ít nhất 50%", AtLeast, "50", Unit::Percent),
            ("ít nhất 6 liên hiệp hợp tác xã", AtLeast, "6", Unit::Organisations),
            ("tối thiểu 20%", AtLeast, "20", Unit::Percent),
            ("không dưới 20%", AtLeast, "20", Unit::Percent),
            ("1.000 triệu đồng trở lên", AtLeast, "1000000000", Unit::Vnd),
            ("trên 50 triệu đồng", GreaterThan, "50000000", Unit::Vnd),
            ("đạt 50%", AtLeast, "50", Unit::Percent),
            ("tối đa 10%", AtMost, "10", Unit::Percent),
            ("không quá 10%", AtMost, "10", Unit::Percent),
            ("khoảng 1.200", about.clone(), "1200", Unit::Items),
            ("khoảng 20%", about.clone(), "20", Unit::Percent),
            ("không còn", NoneLeft, "0", Unit::Items),
            ("đều", Comparator::All, "100", Unit::Percent),
            ("tất cả", Comparator::All, "100", Unit::Percent),
            ("đều đạt 100%", Comparator::All, "100", Unit::Percent),
            ("trên 90%", GreaterThan, "90", Unit::Percent),
            ("ít nhất 75%", AtLeast, "75", Unit::Percent),
            ("ít nhất 30%", AtLeast, "30", Unit::Percent),
            // Money words, multipliers, spacing and case.
            ("ít nhất 2 tỷ đồng", AtLeast, "2000000000", Unit::Vnd),
            ("ít nhất 2,5 tỉ VNĐ", AtLeast, "2500000000", Unit::Vnd),
            ("trên 500 nghìn đồng", GreaterThan, "500000", Unit::Vnd),
            ("trên 500 ngàn VND", GreaterThan, "500000", Unit::Vnd),
            ("trên 500 đồng", GreaterThan, "500", Unit::Vnd),
            ("  TRÊN\t60 %  ", GreaterThan, "60", Unit::Percent),
            ("50 triệu đồng/người/năm", AtLeast, "50000000", Unit::Vnd),
            ("giảm xuống còn 8%", AtMost, "8", Unit::Percent),
            ("10% trở xuống", AtMost, "10", Unit::Percent),
            ("ít hơn 10%", LessThan, "10", Unit::Percent),
            ("không ít hơn 10%", AtLeast, "10", Unit::Percent),
            ("ít nhất 2 lớp/xã", AtLeast, "2", per("xã")),
            ("100 hợp tác xã", AtLeast, "100", Unit::Organisations),
            ("trên 100%", GreaterThan, "100", Unit::Percent),
            ("khoảng 20% (±2%)", Comparator::About { tolerance: d("2") }, "20", Unit::Percent),
            ("không còn (0%)", NoneLeft, "0", Unit::Percent),
            ("tất cả (100%)", Comparator::All, "100", Unit::Percent),
            ("50 lớp trở lên", AtLeast, "50", Unit::Items),
        ];
        for (phrase, comparator, value, unit) in table {
            let got = Threshold::from_vietnamese(phrase)
                .unwrap_or_else(|e| panic!("`{phrase}` did not parse: {e}"));
            assert_eq!(got, t(comparator, value, unit), "{phrase}");
        }
    }

    #[test]
    fn exact_boundaries() {
        let greater: Threshold = "trên 60%".parse().unwrap();
        assert!(!greater.is_met(d("60")));
        assert!(greater.is_met(d("60.0000001")));
        // 3 of 5 is exactly 60%.
        let share = Decimal::from(3) * Decimal::ONE_HUNDRED / Decimal::from(5);
        assert!(!greater.is_met(share));
        let at_least: Threshold = "ít nhất 60%".parse().unwrap();
        assert!(at_least.is_met(share));
        assert!(!at_least.is_met(d("59.999")));

        let about: Threshold = "khoảng 1.200 hợp tác xã".parse().unwrap();
        assert!(about.is_met(d("1140")));
        assert!(!about.is_met(d("1139.99")));
        assert!(about.is_met(d("5000")));

        let less: Threshold = "dưới 10%".parse().unwrap();
        assert!(less.is_met(d("9.99")));
        assert!(!less.is_met(d("10")));
        let at_most: Threshold = "tối đa 10%".parse().unwrap();
        assert!(at_most.is_met(d("10")));
        assert!(!at_most.is_met(d("10.01")));

        let none: Threshold = "không còn".parse().unwrap();
        assert!(none.is_met(Decimal::ZERO));
        assert!(!none.is_met(Decimal::ONE));

        let all: Threshold = "đều".parse().unwrap();
        assert!(all.is_met(d("100")));
        assert!(!all.is_met(d("99.999")));

        let tight: Threshold = "khoảng 20% (±2%)".parse().unwrap();
        assert!(tight.is_met(d("19.6")));
        assert!(!tight.is_met(d("19.59")));
    }

    #[test]
    fn about_never_overflows() {
        let t = t(
            Comparator::About {
                tolerance: d("100"),
            },
            &Decimal::MAX.to_string(),
            Unit::Items,
        );
        // X × 100 overflows: compared with X itself.
        assert!(t.is_met(Decimal::MAX));
        assert!(!t.is_met(Decimal::ZERO));
        assert_eq!(about_lower_bound(d("1200"), d("100")), Decimal::ZERO);
    }

    #[test]
    fn directions_and_goals() {
        for (phrase, direction, goal) in [
            ("trên 60%", Direction::Rising, "60"),
            ("ít nhất 6 liên hiệp hợp tác xã", Direction::Rising, "6"),
            ("khoảng 1.200", Direction::Rising, "1200"),
            ("đều", Direction::Rising, "100"),
            ("dưới 10%", Direction::Falling, "10"),
            ("tối đa 10%", Direction::Falling, "10"),
            ("không còn", Direction::Falling, "0"),
        ] {
            let t: Threshold = phrase.parse().unwrap();
            assert_eq!(t.direction(), direction, "{phrase}");
            assert_eq!(t.goal(), d(goal), "{phrase}");
        }
    }

    #[test]
    fn displays_both_languages() {
        for (phrase, vi, en) in [
            ("trên 60%", "trên 60%", "more than 60%"),
            (
                "1.000 triệu đồng trở lên",
                "ít nhất 1.000.000.000 đồng",
                "at least 1,000,000,000 VND",
            ),
            (
                "khoảng 1.200 hợp tác xã",
                "khoảng 1.200 tổ chức",
                "about 1,200 organisations",
            ),
            ("dưới 10%", "dưới 10%", "less than 10%"),
            ("không còn hợp tác xã", "không còn tổ chức", "none left"),
            ("đều", "tất cả (100%)", "all (100%)"),
            (
                "bình quân 01 Tổ hợp tác/xã",
                "ít nhất 1/xã",
                "at least 1 per commune",
            ),
            (
                "khoảng 20% (±2,5%)",
                "khoảng 20% (±2,5%)",
                "about 20% (±2.5%)",
            ),
            ("khoảng 2,8%", "khoảng 2,8%", "about 2.8%"),
            (
                "ít nhất 1 hợp tác xã",
                "ít nhất 1 tổ chức",
                "at least 1 organisation",
            ),
            (
                "khoảng 13.000 thành viên",
                "khoảng 13.000 thành viên",
                "about 13,000 members",
            ),
            ("in 5.000 cuốn", "ít nhất 5.000", "at least 5,000"),
            ("tối đa 3/huyện", "tối đa 3/huyện", "at most 3 per district"),
            ("tối đa 3/ấp", "tối đa 3/ấp", "at most 3 per ấp"),
            ("không còn (0 đồng)", "không còn (0 đồng)", "none left"),
        ] {
            let t: Threshold = phrase.parse().unwrap();
            assert_eq!(t.to_string(), vi, "{phrase}");
            assert_eq!(t.display_in(Lang::Vi), vi, "{phrase}");
            assert_eq!(t.display_in(Lang::En), en, "{phrase}");
        }
    }

    #[test]
    fn labels() {
        assert_eq!(Comparator::about().label(Lang::Vi), "khoảng");
        assert_eq!(Comparator::NoneLeft.to_string(), "none left");
        assert_eq!(Unit::Organisations.label(Lang::En), "organisations");
        assert_eq!(per("huyện").label(Lang::Vi), "mỗi huyện");
        assert_eq!(per("ấp").label(Lang::En), "per unit");
        assert_eq!(per("ấp").display_in(Lang::Vi), "mỗi ấp");
        assert_eq!(Unit::Vnd.to_string(), "VND");
        assert_eq!(Direction::Falling.to_string(), "falling");
    }

    #[test]
    fn constructor_errors() {
        let err = |c, v: &str, u| Threshold::new(c, d(v), u).unwrap_err().to_string();
        assert_eq!(
            err(AtLeast, "-1", Unit::Items),
            "negative threshold value -1: expected 0 or more"
        );
        assert_eq!(
            err(
                Comparator::About {
                    tolerance: d("101")
                },
                "5",
                Unit::Items
            ),
            "about (khoảng) tolerance of 101% is out of range: expected 0 to 100 percent"
        );
        assert_eq!(
            err(Comparator::About { tolerance: d("-1") }, "5", Unit::Items),
            "about (khoảng) tolerance of -1% is out of range: expected 0 to 100 percent"
        );
        assert_eq!(
            err(NoneLeft, "1", Unit::Organisations),
            "none-left (không còn) threshold of 1: expected 0"
        );
        assert_eq!(
            err(Comparator::All, "90", Unit::Percent),
            "all (tất cả) threshold of 90 percent: expected 100 percent"
        );
        assert_eq!(
            err(Comparator::All, "100", Unit::Organisations),
            "all (tất cả) threshold of 100 organisations: expected 100 percent"
        );
        assert_eq!(
            err(AtLeast, "1", per("Xã")),
            "invalid per-unit denominator `Xã`: expected one lowercase word of at most 32 letters, such as `xã`"
        );
        for bad in ["", "hai từ", "x/y", "xã1", &"a".repeat(33)] {
            assert!(
                Threshold::new(AtLeast, Decimal::ONE, per(bad)).is_err(),
                "{bad}"
            );
        }
        // Percent values may exceed 100: a ratio can.
        assert!(Threshold::new(AtLeast, d("150"), Unit::Percent).is_ok());
        assert!(Threshold::new(Comparator::All, d("100.00"), Unit::Percent).is_ok());
        assert!(
            Threshold::new(Comparator::About { tolerance: d("0") }, d("5"), Unit::Items).is_ok()
        );
    }

    #[test]
    fn parse_errors() {
        let err = |s: &str| Threshold::from_vietnamese(s).unwrap_err().to_string();
        assert_eq!(
            err("abc"),
            "no comparator or number in `abc`: expected a phrase such as `trên 60%` or `khoảng 1.200 hợp tác xã`"
        );
        assert_eq!(
            err("   "),
            "empty threshold phrase: expected a phrase such as `trên 60%` or `khoảng 1.200 hợp tác xã`"
        );
        assert_eq!(
            err(&"a".repeat(257)),
            "threshold phrase of 257 bytes is too long: expected at most 256 bytes"
        );
        assert!(Threshold::from_vietnamese(&format!("{}trên 5%", " ".repeat(240))).is_ok());
        assert_eq!(
            err("ít nhất"),
            "no number after `ít nhất` in `ít nhất`: expected a number such as `ít nhất 60%`"
        );
        assert_eq!(
            err("trên 1.5%"),
            "invalid number in `trên 1.5%`: invalid Vietnamese number `1.5`: `.` must be followed by exactly three digits"
        );
        assert_eq!(
            err("trên 100.000.000.000.000.000.000 tỷ đồng"),
            "number in `trên 100.000.000.000.000.000.000 tỷ đồng` is too large: expected a value that fits in a decimal"
        );
        assert_eq!(
            err("không còn 5 hợp tác xã"),
            "`không còn` (none left) with the number 5 in `không còn 5 hợp tác xã`: expected no number or 0"
        );
        assert_eq!(
            err("trên 5 hợp tác xã trở xuống"),
            "conflicting comparators `trên` and `trở xuống` in `trên 5 hợp tác xã trở xuống`: expected one of them"
        );
        assert_eq!(
            err("tỷ lệ hộ nghèo giảm 2%"),
            "ambiguous `giảm` before the number in `tỷ lệ hộ nghèo giảm 2%`: expected a level such as `dưới 10%`, `giảm còn 10%` or `ít nhất 10%`, not a change"
        );
        assert_eq!(
            err("trên 20% (±2%)"),
            "tolerance `±` without `khoảng` in `trên 20% (±2%)`: expected it only after an about-value such as `khoảng 20% (±2%)`"
        );
        assert_eq!(
            err("khoảng 20% (±2)"),
            "invalid tolerance in `khoảng 20% (±2)`: expected `(±N%)` such as `khoảng 20% (±2%)`"
        );
        assert_eq!(
            err("khoảng 20% (±200%)"),
            "invalid threshold `khoảng 20% (±200%)`: about (khoảng) tolerance of 200% is out of range: expected 0 to 100 percent"
        );
        assert_eq!(
            err("trên -5%"),
            "invalid threshold `trên -5%`: negative threshold value -5: expected 0 or more"
        );
        // Agreeing words are no conflict; a change made clear by `trở xuống` is a level.
        assert!(Threshold::from_vietnamese("ít nhất 5 hợp tác xã trở lên").is_ok());
        assert_eq!(
            Threshold::from_vietnamese("giảm 8% trở xuống").unwrap(),
            t(AtMost, "8", Unit::Percent)
        );
        // `trên` as a preposition is not a comparator unless right before the number.
        assert_eq!(
            Threshold::from_vietnamese("trên địa bàn có 100 hợp tác xã").unwrap(),
            t(AtLeast, "100", Unit::Organisations)
        );
        // `đều đặn` (regularly) is not `đều`.
        assert!(Threshold::from_vietnamese("đều đặn").is_err());
        // `đều` with a number other than 100% leaves the number's comparator.
        assert_eq!(
            Threshold::from_vietnamese("đều đạt 50%").unwrap(),
            t(AtLeast, "50", Unit::Percent)
        );
    }

    #[test]
    fn serde_forms() {
        let t: Threshold = "khoảng 20% (±2%)".parse().unwrap();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(
            json,
            r#"{"comparator":{"kind":"about","tolerance":"2"},"value":"20","unit":{"kind":"percent"}}"#
        );
        let per_unit: Threshold = "bình quân 01 Tổ hợp tác/xã".parse().unwrap();
        assert_eq!(
            serde_json::to_string(&per_unit).unwrap(),
            r#"{"comparator":{"kind":"at_least"},"value":"1","unit":{"kind":"per_unit","per":"xã"}}"#
        );
        // The tolerance defaults to 5.
        let default: Threshold = serde_json::from_str(
            r#"{"comparator":{"kind":"about"},"value":"1200","unit":{"kind":"organisations"}}"#,
        )
        .unwrap();
        assert_eq!(default.comparator(), &Comparator::about());
        // Deserializing runs the constructor's checks.
        let bad = serde_json::from_str::<Threshold>(
            r#"{"comparator":{"kind":"none_left"},"value":"3","unit":{"kind":"items"}}"#,
        )
        .unwrap_err();
        assert!(
            bad.to_string()
                .contains("none-left (không còn) threshold of 3"),
            "{bad}"
        );
        for bad in [
            r#"{"comparator":{"kind":"at_least"},"value":"3","unit":{"kind":"items"},"extra":1}"#,
            r#"{"comparator":{"kind":"at_least","x":1},"value":"3","unit":{"kind":"items"}}"#,
            r#"{"comparator":{"kind":"about","tolerance":"5","x":1},"value":"3","unit":{"kind":"items"}}"#,
            r#"{"comparator":{"kind":"at_least"},"value":3,"unit":{"kind":"items"}}"#,
            r#"{"comparator":{"kind":"between"},"value":"3","unit":{"kind":"items"}}"#,
            r#"{"comparator":{"kind":"at_least"},"value":"3","unit":{"kind":"per_unit","per":"X"}}"#,
        ] {
            assert!(serde_json::from_str::<Threshold>(bad).is_err(), "{bad}");
        }
        assert_eq!(
            serde_json::to_string(&Direction::Falling).unwrap(),
            r#""falling""#
        );
        let err = |json: &str| {
            serde_json::from_str::<Threshold>(json)
                .unwrap_err()
                .to_string()
        };
        assert!(err(r#"{"comparator":{"kind":"at_least","tolerance":"5"},"value":"3","unit":{"kind":"items"}}"#)
            .starts_with("unexpected field `tolerance` in comparator `at_least`: expected it only in `about`"));
        assert!(err(
            r#"{"comparator":{"kind":"at_least"},"value":"3","unit":{"kind":"items","per":"xã"}}"#
        )
        .starts_with("unexpected field `per` in unit `items`: expected it only in `per_unit`"));
        assert!(err(
            r#"{"comparator":{"kind":"at_least"},"value":"3","unit":{"kind":"per_unit"}}"#
        )
        .starts_with("missing field `per` in unit `per_unit`: expected a word such as `xã`"));
        for kind in [
            "greater_than",
            "at_least",
            "less_than",
            "at_most",
            "about",
            "none_left",
            "all",
        ] {
            let json = format!(r#"{{"kind":"{kind}"}}"#);
            let c: Comparator = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_value(&c).unwrap()["kind"], kind);
            assert_eq!(c.kind_name(), kind);
        }
        for unit in [
            Unit::Organisations,
            Unit::Members,
            Unit::Percent,
            Unit::Vnd,
            Unit::Items,
            per("xã"),
        ] {
            let json = serde_json::to_string(&unit).unwrap();
            assert_eq!(serde_json::from_str::<Unit>(&json).unwrap(), unit);
        }
    }

    #[test]
    fn errors_are_send_sync_static() {
        fn check<T: std::error::Error + Send + Sync + 'static>() {}
        check::<ParseThresholdError>();
        check::<ThresholdError>();
    }

    fn decimal() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            (0u32..2_000_000).prop_map(Decimal::from),
            (0i64..i64::MAX, 0u32..8).prop_map(|(m, s)| Decimal::new(m, s)),
            (any::<u32>(), any::<u32>(), any::<u32>(), 0u32..=28)
                .prop_map(|(lo, mid, hi, s)| Decimal::from_parts(lo, mid, hi, false, s)),
        ]
    }

    fn unit() -> impl Strategy<Value = Unit> {
        prop_oneof![
            Just(Unit::Organisations),
            Just(Unit::Members),
            Just(Unit::Percent),
            Just(Unit::Vnd),
            Just(Unit::Items),
            prop_oneof![
                Just("xã".to_owned()),
                Just("huyện".to_owned()),
                "[a-zàáảãạăâđêôơư]{1,12}",
                "\\p{Ll}{1,8}",
            ]
            .prop_map(|per| Unit::PerUnit { per }),
        ]
    }

    fn threshold() -> impl Strategy<Value = Threshold> {
        let tolerance = prop_oneof![
            Just(DEFAULT_TOLERANCE),
            (0i64..=10_000, 0u32..3).prop_map(|(m, s)| Decimal::new(m, s))
        ];
        let comparator = prop_oneof![
            Just(GreaterThan),
            Just(AtLeast),
            Just(LessThan),
            Just(AtMost),
            tolerance.prop_map(|tolerance| Comparator::About { tolerance }),
            Just(NoneLeft),
            Just(Comparator::All),
        ];
        (comparator, decimal(), unit()).prop_filter_map("valid", |(c, v, u)| {
            let (v, u) = match c {
                NoneLeft => (Decimal::ZERO, u),
                Comparator::All => (Decimal::ONE_HUNDRED, Unit::Percent),
                _ => (v, u),
            };
            Threshold::new(c, v, u).ok()
        })
    }

    /// Pieces of phrases, to reach deep into the reader.
    fn fragments() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("trên"),
            Just("khoảng"),
            Just("không"),
            Just("còn"),
            Just("đều"),
            Just("tất cả"),
            Just("ít nhất"),
            Just("giảm"),
            Just("trở"),
            Just("lên"),
            Just("xuống"),
            Just("1.000"),
            Just("0"),
            Just("100"),
            Just("2,8"),
            Just("-"),
            Just("%"),
            Just("/"),
            Just("±"),
            Just("("),
            Just(")"),
            Just("triệu"),
            Just("tỷ"),
            Just("đồng"),
            Just("hợp tác xã"),
            Just("thành viên"),
            Just("xã"),
            Just("79.228.162.514.264.337.593.543.950.335"),
            Just("1."),
            Just(","),
        ];
        (prop::collection::vec(piece, 0..12), any::<bool>())
            .prop_map(|(pieces, spaced)| pieces.join(if spaced { " " } else { "" }))
    }

    proptest! {
        #[test]
        fn display_round_trips(t in threshold()) {
            let text = t.to_string();
            prop_assert!(text.len() <= MAX_PHRASE_LEN, "{}", text);
            let back: Threshold = text.parse().map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
            prop_assert_eq!(back, t);
        }

        #[test]
        fn serde_round_trips(t in threshold()) {
            let json = serde_json::to_string(&t).unwrap();
            let back: Threshold = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, t);
        }

        #[test]
        fn english_never_panics(t in threshold()) {
            prop_assert!(!t.display_in(Lang::En).is_empty());
        }

        #[test]
        fn never_panics_short(s in ".{0,80}") {
            let _ = Threshold::from_vietnamese(&s);
        }

        #[test]
        fn never_panics_any(s in any::<String>()) {
            let _ = Threshold::from_vietnamese(&s);
        }

        #[test]
        fn never_panics_fragments(s in fragments()) {
            if let Ok(t) = Threshold::from_vietnamese(&s) {
                let back: Threshold = t.to_string().parse().unwrap();
                prop_assert_eq!(back, t);
            }
        }

        #[test]
        fn is_met_follows_direction(t in threshold(), v in decimal(), delta in decimal()) {
            if !t.is_met(v) {
                return Ok(());
            }
            match t.direction() {
                Direction::Rising => {
                    if let Some(w) = v.checked_add(delta) {
                        prop_assert!(t.is_met(w), "{} met at {} but not at {}", t, v, w);
                    }
                }
                Direction::Falling => {
                    if let Some(w) = v.checked_sub(delta).filter(|w| *w >= Decimal::ZERO) {
                        prop_assert!(t.is_met(w), "{} met at {} but not at {}", t, v, w);
                    }
                }
            }
        }
    }
}
