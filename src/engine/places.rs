//! Per-place quantifiers and coverage over places: a dated list of places
//! (an input), and the finalize-time judgement of a per-place target from
//! its tally's groups (one group per place met in the registry, filled by
//! the same single pass as a breakdown).

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::engine::finalize::{value_of, NoDataReason};
use crate::engine::tally::{GroupKey, Parts, TargetTally};
use crate::plan::{PerPlace, PlaceLevel, PlaceQuantifier, Target};
use crate::threshold::Direction;

/// One place of a [`PlaceList`] (địa bàn): a district, or a commune with
/// its district (commune names repeat across districts; a commune of a
/// province without districts has none), and its attributes.
///
/// ```
/// use hoptac::report::Place;
/// let p = Place::commune("Hưng Nguyên", "Hưng Lợi").with_attribute("ntm");
/// assert_eq!(p.to_string(), "Hưng Lợi (Hưng Nguyên)");
/// assert!(p.attributes.contains("ntm"));
/// let json = serde_json::to_string(&p)?;
/// assert_eq!(serde_json::from_str::<Place>(&json)?, p);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// The district (huyện) as the registry names it; for a district, the
    /// place itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// The commune (xã) as the registry names it; absent for a district.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<String>,
    /// Codes of what the place has achieved or is ("ntm": đạt chuẩn nông
    /// thôn mới, "ntm_nang_cao": nông thôn mới nâng cao), as the plan's
    /// targets name them.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub attributes: BTreeSet<String>,
}

impl Place {
    /// A district.
    ///
    /// ```
    /// assert_eq!(hoptac::report::Place::district("Nam Đàn").to_string(), "Nam Đàn");
    /// ```
    pub fn district(name: impl Into<String>) -> Place {
        Place {
            district: Some(name.into()),
            commune: None,
            attributes: BTreeSet::new(),
        }
    }

    /// A commune of a district.
    ///
    /// ```
    /// assert_eq!(hoptac::report::Place::commune("Nam Đàn", "Kim Liên").commune.as_deref(), Some("Kim Liên"));
    /// ```
    pub fn commune(district: impl Into<String>, commune: impl Into<String>) -> Place {
        Place {
            district: Some(district.into()),
            commune: Some(commune.into()),
            attributes: BTreeSet::new(),
        }
    }

    /// The same place with one more attribute.
    ///
    /// ```
    /// let p = hoptac::report::Place::district("Nam Đàn").with_attribute("ntm");
    /// assert_eq!(p.attributes.len(), 1);
    /// ```
    #[must_use]
    pub fn with_attribute(mut self, attribute: impl Into<String>) -> Place {
        self.attributes.insert(attribute.into());
        self
    }

    /// The level of the place: a commune when it names one.
    fn level(&self) -> Option<PlaceLevel> {
        match (&self.district, &self.commune) {
            (_, Some(_)) => Some(PlaceLevel::Commune),
            (Some(_), None) => Some(PlaceLevel::District),
            (None, None) => None,
        }
    }

    /// The place as a breakdown's group names it.
    fn key(&self) -> GroupKey {
        match &self.commune {
            Some(c) => GroupKey {
                value: Some(c.clone()),
                district: self.district.clone(),
            },
            None => GroupKey {
                value: self.district.clone(),
                district: None,
            },
        }
    }
}

impl fmt::Display for Place {
    /// `commune (district)`, or the district.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.key(), f)
    }
}

/// The list of places of a province at a date (danh sách địa bàn), for
/// per-place targets: districts and communes, with their attributes. A
/// commune without organisations has no row in a registry, so only this
/// list says it exists.
///
/// ```
/// use hoptac::report::{Place, PlaceList};
/// let list = PlaceList::new("2025-12-31".parse()?, vec![Place::commune("Nam Đàn", "Kim Liên")]);
/// let json = serde_json::to_string(&list)?;
/// assert_eq!(json, r#"{"dated":"2025-12-31","places":[{"district":"Nam Đàn","commune":"Kim Liên"}]}"#);
/// assert_eq!(serde_json::from_str::<PlaceList>(&json)?, list);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlaceList {
    /// The date the list (and its attributes) holds at.
    #[serde(with = "crate::serde_util::DateStr")]
    pub dated: NaiveDate,
    /// The places.
    pub places: Vec<Place>,
}

impl PlaceList {
    /// A list of places at a date.
    ///
    /// ```
    /// let list = hoptac::report::PlaceList::new("2025-12-31".parse()?, vec![]);
    /// assert!(list.places.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(dated: NaiveDate, places: Vec<Place>) -> PlaceList {
        PlaceList { dated, places }
    }
}

/// One place in a [`PlacesResult`]: its numbers and value.
///
/// ```
/// use hoptac::{report::PlaceResult, tally::{GroupKey, Parts}};
/// let p = PlaceResult { key: GroupKey { value: Some("Kim Liên".into()), district: Some("Nam Đàn".into()) },
///     parts: Parts::default(), actual: Some(0.into()), no_data: None };
/// assert_eq!(p.to_string(), "Kim Liên (Nam Đàn): 0");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlaceResult {
    /// The place.
    pub key: GroupKey,
    /// Its numbers (zero for a place without organisations).
    pub parts: Parts,
    /// Its value; `None` without data.
    #[serde(with = "crate::serde_util::OptionDecimalStr")]
    pub actual: Option<Decimal>,
    /// Why it has no value, when it has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_data: Option<NoDataReason>,
}

impl fmt::Display for PlaceResult {
    /// `place: value`, `—` without data.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.actual {
            Some(v) => write!(f, "{}: {v}", self.key),
            None => write!(f, "{}: —", self.key),
        }
    }
}

/// How a per-place target's places came out (kết quả theo địa bàn): how
/// many places were asked, how many meet, which do not, and the places of
/// the registry that the list lacks (their organisations are not counted,
/// and are shown here rather than dropped).
///
/// ```
/// use hoptac::{plan::{PlaceLevel, PlaceQuantifier}, report::PlacesResult};
/// let r = PlacesResult { level: PlaceLevel::Commune, quantifier: PlaceQuantifier::Every,
///     with_attribute: None, dated: "2025-12-31".parse()?, places: 3, meeting: Some(2), without_data: 0,
///     not_meeting: vec![], not_listed: vec![] };
/// assert_eq!(r.to_string(), "2 of 3 communes meet it");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlacesResult {
    /// Districts or communes.
    pub level: PlaceLevel,
    /// What was asked of them.
    pub quantifier: PlaceQuantifier,
    /// The attribute the places had to have, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_attribute: Option<String>,
    /// The date of the list of places used.
    #[serde(with = "crate::serde_util::DateStr")]
    pub dated: NaiveDate,
    /// The places asked (of the level, with the attribute).
    pub places: u64,
    /// The places that meet the threshold (every place) or have at least
    /// one matching organisation (coverage); `None` for a mean.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<u64>,
    /// The places without data (every organisation of the place lacks a
    /// field a size filter reads).
    pub without_data: u64,
    /// The places that do not meet it, or have no data, in the list's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_meeting: Vec<PlaceResult>,
    /// Places of the registry's organisations that are not on the list
    /// (or have no district or commune), with their numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_listed: Vec<PlaceResult>,
}

impl fmt::Display for PlacesResult {
    /// `2 of 3 communes meet it`, or for a mean the number of places.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            PlaceLevel::District => "districts",
            PlaceLevel::Commune => "communes",
        };
        match self.meeting {
            Some(m) => write!(f, "{m} of {} {level} meet it", self.places),
            None => write!(f, "over {} {level}", self.places),
        }
    }
}

/// A place's name for comparing: NFC, trimmed, spaces collapsed, lowercase.
fn norm(name: &str) -> String {
    let lower = crate::text::lowercase_nfc(name);
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A group key for comparing.
fn norm_key(key: &GroupKey) -> (Option<String>, Option<String>) {
    (
        key.value.as_deref().map(norm),
        key.district.as_deref().map(norm),
    )
}

/// What a per-place target's value, `met` and progress are, before the
/// status is decided.
pub(crate) struct PlaceJudgement {
    /// The value: the worst place's value (every place), the share of
    /// places in percent (coverage), the mean per place (mean).
    pub(crate) actual: Decimal,
    /// For "every place": whether every place meets the threshold (the
    /// worst place decides for one-sided thresholds; this decides always).
    pub(crate) all_meet: Option<bool>,
    /// Share of the places that meet it, in percent (every place).
    pub(crate) progress: Option<Decimal>,
    /// The places' details.
    pub(crate) result: PlacesResult,
}

/// Judges a per-place target from its tally's groups and the list of
/// places. `Err` carries why there is no value, and the places' details
/// where they are known.
pub(crate) fn judge_places(
    target: &Target,
    per_place: &PerPlace,
    tally: &TargetTally,
    list: Option<&PlaceList>,
    figures: &std::collections::BTreeMap<String, Decimal>,
) -> Result<PlaceJudgement, (NoDataReason, Option<Box<PlacesResult>>)> {
    let Some(list) = list else {
        return Err((NoDataReason::NoPlaceList, None));
    };
    let level = per_place.level;
    // Every place of the level is known; those with the attribute are asked.
    let mut known: HashMap<(Option<String>, Option<String>), usize> = HashMap::new();
    let mut asked: Vec<&Place> = Vec::new();
    for place in list.places.iter().filter(|p| p.level() == Some(level)) {
        if known.insert(norm_key(&place.key()), asked.len()).is_some() {
            continue; // listed twice: asked once
        }
        if per_place
            .with_attribute
            .as_ref()
            .map_or(true, |a| place.attributes.contains(a))
        {
            asked.push(place);
        }
    }
    let mut groups: HashMap<(Option<String>, Option<String>), &Parts> = HashMap::new();
    let mut not_listed = Vec::new();
    for g in &tally.groups {
        let key = norm_key(&g.key);
        if g.key.value.is_some() && known.contains_key(&key) {
            groups.insert(key, &g.parts);
        } else {
            let value = value_of(&target.measure, &g.parts, figures).map(|(v, _)| v.normalize());
            not_listed.push(PlaceResult {
                key: g.key.clone(),
                parts: g.parts.clone(),
                actual: value.as_ref().ok().copied(),
                no_data: value.err(),
            });
        }
    }
    let mut result = PlacesResult {
        level,
        quantifier: per_place.quantifier,
        with_attribute: per_place.with_attribute.clone(),
        dated: list.dated,
        places: asked.len() as u64,
        meeting: None,
        without_data: 0,
        not_meeting: Vec::new(),
        not_listed,
    };
    if asked.is_empty() {
        return Err((
            NoDataReason::NoPlaces {
                level,
                attribute: per_place.with_attribute.clone(),
            },
            Some(Box::new(result)),
        ));
    }
    let empty = Parts::default();
    let mut meeting = 0u64;
    let mut total = Decimal::ZERO;
    let mut worst: Option<Decimal> = None;
    let rising = target.threshold.direction() == Direction::Rising;
    for place in &asked {
        let parts = groups
            .get(&norm_key(&place.key()))
            .copied()
            .unwrap_or(&empty);
        let value = value_of(&target.measure, parts, figures).map(|(v, _)| v.normalize());
        let meets = match (&value, per_place.quantifier) {
            (Err(_), _) => None,
            (Ok(v), PlaceQuantifier::Every) => Some(target.threshold.is_met(*v)),
            (Ok(v), PlaceQuantifier::Coverage) => Some(*v >= Decimal::ONE),
            (Ok(_), PlaceQuantifier::Mean) => Some(true),
        };
        if let Ok(v) = &value {
            total = total
                .checked_add(*v)
                .ok_or((NoDataReason::Overflow, None))?;
            worst = Some(match worst {
                None => *v,
                Some(w) if rising => w.min(*v),
                Some(w) => w.max(*v),
            });
        }
        match meets {
            Some(true) => meeting += 1,
            Some(false) | None => {
                if meets.is_none() {
                    result.without_data += 1;
                }
                if per_place.quantifier != PlaceQuantifier::Mean || meets.is_none() {
                    result.not_meeting.push(PlaceResult {
                        key: place.key(),
                        parts: parts.clone(),
                        actual: value.as_ref().ok().copied(),
                        no_data: value.err(),
                    });
                }
            }
        }
    }
    let places = Decimal::from(result.places);
    let share = |n: u64| Decimal::from(n) * Decimal::ONE_HUNDRED / places;
    let unknown = result.without_data;
    match per_place.quantifier {
        PlaceQuantifier::Every => {
            result.meeting = Some(meeting);
            let failing = result.places - meeting - unknown;
            // A place without data leaves the target unknown unless
            // another place fails it.
            if failing == 0 && unknown > 0 {
                return Err((
                    NoDataReason::PlacesWithoutData { places: unknown },
                    Some(Box::new(result)),
                ));
            }
            let actual = worst.unwrap_or(Decimal::ZERO);
            Ok(PlaceJudgement {
                actual,
                all_meet: Some(failing == 0),
                progress: Some(share(meeting).normalize()),
                result,
            })
        }
        PlaceQuantifier::Coverage => {
            result.meeting = Some(meeting);
            let low = share(meeting).normalize();
            // Unknown places could go either way: decided only when both
            // ways give the same answer.
            if unknown > 0
                && target.threshold.is_met(low) != target.threshold.is_met(share(meeting + unknown))
            {
                return Err((
                    NoDataReason::PlacesWithoutData { places: unknown },
                    Some(Box::new(result)),
                ));
            }
            Ok(PlaceJudgement {
                actual: low,
                all_meet: None,
                progress: None,
                result,
            })
        }
        PlaceQuantifier::Mean => {
            if unknown > 0 {
                return Err((
                    NoDataReason::PlacesWithoutData { places: unknown },
                    Some(Box::new(result)),
                ));
            }
            let actual = total
                .checked_div(places)
                .ok_or((NoDataReason::Overflow, None))?
                .normalize();
            Ok(PlaceJudgement {
                actual,
                all_meet: None,
                progress: None,
                result,
            })
        }
    }
}
