//! Per-place quantifiers and coverage over places (mỗi huyện / mỗi xã, tất
//! cả các xã): a registry target asked of every place of a list.

use serde::{Deserialize, Serialize};

use crate::plan::GroupBy;
use crate::vocab::code_enum;

code_enum! {
/// The level of the places a per-place target speaks of (cấp địa bàn).
///
/// ```
/// use hoptac::{Labelled, Lang, plan::PlaceLevel};
/// assert_eq!("commune".parse::<PlaceLevel>()?, PlaceLevel::Commune);
/// assert_eq!(PlaceLevel::District.label(Lang::Vi), "huyện");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub enum PlaceLevel[2] as "place level" in "plan::" {
        /// Districts (huyện, thị xã, thành phố thuộc tỉnh).
        District = "district", vi "huyện", en "district";
        /// Communes (xã, phường, thị trấn), each within its district.
        Commune = "commune", vi "xã", en "commune";
    }
}

impl PlaceLevel {
    /// The breakdown that gives the numbers of each place of this level.
    ///
    /// ```
    /// use hoptac::plan::{GroupBy, PlaceLevel};
    /// assert_eq!(PlaceLevel::Commune.group_by(), GroupBy::Commune);
    /// ```
    pub fn group_by(self) -> GroupBy {
        match self {
            PlaceLevel::District => GroupBy::District,
            PlaceLevel::Commune => GroupBy::Commune,
        }
    }
}

code_enum! {
/// What a per-place target asks of the places of the list.
///
/// ```
/// use hoptac::{Labelled, Lang, plan::PlaceQuantifier};
/// assert_eq!(PlaceQuantifier::Coverage.label(Lang::En), "coverage of places");
/// assert_eq!(PlaceQuantifier::Every.label(Lang::Vi), "mỗi địa bàn");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub enum PlaceQuantifier[3] as "place quantifier" in "plan::" {
        /// "mỗi xã có ít nhất N HTX": the measure is evaluated in every
        /// place, the threshold applies to each place, and the target is met
        /// when every place meets it. A place without organisations counts,
        /// as zero.
        Every = "every", vi "mỗi địa bàn", en "every place";
        /// "100% số xã đạt chuẩn NTM có HTX": the share of the places (in
        /// percent) that have at least one organisation the count matches;
        /// the threshold applies to that share.
        Coverage = "coverage", vi "tỷ lệ địa bàn có tổ chức", en "coverage of places";
        /// "bình quân mỗi xã 2 THT": the measure's total over the listed
        /// places divided by their number (a place without organisations
        /// counts, as zero); the threshold applies to that mean.
        Mean = "mean", vi "bình quân mỗi địa bàn", en "mean per place";
    }
}

/// A registry target asked of every place of a list (chỉ tiêu theo địa
/// bàn): the list of places (districts or communes, with attributes such as
/// the new-rural standard) comes with the inputs
/// ([`Inputs::places`](crate::Inputs::places)), since a place without
/// organisations has no row in a registry.
///
/// ```
/// use hoptac::plan::{PerPlace, PlaceLevel, PlaceQuantifier};
/// let p: PerPlace = serde_json::from_str(r#"{"level":"commune","quantifier":"coverage","with_attribute":"ntm"}"#)?;
/// assert_eq!(p.level, PlaceLevel::Commune);
/// assert_eq!(p.quantifier, PlaceQuantifier::Coverage);
/// assert_eq!(p.to_string(), "coverage of places, commune (ntm)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PerPlace {
    /// Districts or communes.
    pub level: PlaceLevel,
    /// What is asked of them.
    pub quantifier: PlaceQuantifier,
    /// Only the places of the list that have this attribute ("ntm": đạt
    /// chuẩn nông thôn mới); all of them when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_attribute: Option<String>,
}

impl PerPlace {
    /// Asks `quantifier` of every place of `level`.
    ///
    /// ```
    /// use hoptac::plan::{PerPlace, PlaceLevel, PlaceQuantifier};
    /// let p = PerPlace::new(PlaceLevel::Commune, PlaceQuantifier::Every);
    /// assert!(p.with_attribute.is_none());
    /// ```
    pub fn new(level: PlaceLevel, quantifier: PlaceQuantifier) -> PerPlace {
        PerPlace {
            level,
            quantifier,
            with_attribute: None,
        }
    }

    /// The same, over the places with `attribute` only.
    ///
    /// ```
    /// use hoptac::plan::{PerPlace, PlaceLevel, PlaceQuantifier};
    /// let p = PerPlace::new(PlaceLevel::Commune, PlaceQuantifier::Coverage).with_attribute("ntm");
    /// assert_eq!(p.with_attribute.as_deref(), Some("ntm"));
    /// ```
    #[must_use]
    pub fn with_attribute(mut self, attribute: impl Into<String>) -> PerPlace {
        self.with_attribute = Some(attribute.into());
        self
    }
}

impl std::fmt::Display for PerPlace {
    /// `quantifier, level (attribute)` in English.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::lang::{Labelled, Lang};
        write!(
            f,
            "{}, {}",
            self.quantifier.label(Lang::En),
            self.level.label(Lang::En)
        )?;
        if let Some(a) = &self.with_attribute {
            write!(f, " ({a})")?;
        }
        Ok(())
    }
}
