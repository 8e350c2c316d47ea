//! The registry record: [`Cooperative`], its [`Location`] and extension
//! values ([`ExtValue`]).

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::codes::{Flag, OrgKind, OrgStatus, Rating, Sector};
use super::fields::{numeric_fields, numeric_type, Numbers, NumericField};
use super::flags::Flags;
use super::id::OrgId;
use crate::plan::Field;

/// Where an organisation has its head office (địa chỉ trụ sở).
///
/// The district (huyện) is optional: from 1/7/2025 local government has two
/// levels, province and commune, and newer records have no district.
/// `Display` prints `commune, district, province`.
///
/// ```
/// use hoptac::org::Location;
/// let loc = Location::new("Nghệ An", "Hưng Lợi").with_district("Hưng Nguyên");
/// assert_eq!(loc.to_string(), "Hưng Lợi, Hưng Nguyên, Nghệ An");
/// assert_eq!(Location::new("Lạng Sơn", "Hoàng Văn Thụ").to_string(), "Hoàng Văn Thụ, Lạng Sơn");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// The province or centrally run city (tỉnh, thành phố trực thuộc trung ương).
    pub province: String,
    /// The district (huyện, quận, thị xã), when the record has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// The commune, ward or town (xã, phường, thị trấn).
    pub commune: String,
}

impl Location {
    /// A location with a province and a commune and no district.
    ///
    /// ```
    /// let loc = hoptac::org::Location::new("Lạng Sơn", "Đồng Mỏ");
    /// assert_eq!(loc.district, None);
    /// ```
    pub fn new(province: impl Into<String>, commune: impl Into<String>) -> Location {
        Location {
            province: province.into(),
            district: None,
            commune: commune.into(),
        }
    }

    /// The same location with a district.
    ///
    /// ```
    /// let loc = hoptac::org::Location::new("Nghệ An", "Hưng Lợi").with_district("Hưng Nguyên");
    /// assert_eq!(loc.district.as_deref(), Some("Hưng Nguyên"));
    /// ```
    #[must_use]
    pub fn with_district(mut self, district: impl Into<String>) -> Location {
        self.district = Some(district.into());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.commune)?;
        if let Some(district) = &self.district {
            write!(f, ", {district}")?;
        }
        write!(f, ", {}", self.province)
    }
}

/// The value of an extension attribute of a record (thông tin bổ sung): a
/// number or a yes-or-no.
///
/// In JSON: `{"kind":"number","value":"12.5"}` (the number as a string) or
/// `{"kind":"bool","value":true}`. `Display` prints the bare value.
///
/// ```
/// use hoptac::org::ExtValue;
/// use rust_decimal::Decimal;
/// let v = ExtValue::Number("12.5".parse()?);
/// assert_eq!(v.to_string(), "12.5");
/// assert_eq!(v.as_number(), Some("12.5".parse::<Decimal>()?));
/// assert_eq!(ExtValue::from(true).to_string(), "true");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum ExtValue {
    /// An exact number.
    Number(#[serde(with = "crate::serde_util::DecimalStr")] Decimal),
    /// Yes or no.
    Bool(bool),
}

impl ExtValue {
    /// The number, if the value is one.
    ///
    /// ```
    /// use hoptac::org::ExtValue;
    /// use rust_decimal::Decimal;
    /// assert_eq!(ExtValue::from(Decimal::TEN).as_number(), Some(Decimal::TEN));
    /// assert_eq!(ExtValue::Bool(true).as_number(), None);
    /// ```
    pub fn as_number(&self) -> Option<Decimal> {
        match self {
            ExtValue::Number(n) => Some(*n),
            ExtValue::Bool(_) => None,
        }
    }

    /// The yes-or-no, if the value is one.
    ///
    /// ```
    /// assert_eq!(hoptac::org::ExtValue::Bool(false).as_bool(), Some(false));
    /// ```
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            ExtValue::Bool(b) => Some(*b),
            ExtValue::Number(_) => None,
        }
    }
}

impl From<Decimal> for ExtValue {
    fn from(n: Decimal) -> Self {
        ExtValue::Number(n)
    }
}

impl From<bool> for ExtValue {
    fn from(b: bool) -> Self {
        ExtValue::Bool(b)
    }
}

impl fmt::Display for ExtValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExtValue::Number(n) => write!(f, "{n}"),
            ExtValue::Bool(b) => write!(f, "{b}"),
        }
    }
}

// The record, with its numeric fields, their builders and the conversions
// to and from `Numbers` generated from the table (`super::fields`).
macro_rules! cooperative {
    (before_ratings [$($head:tt)*] after_flags [$($tail:tt)*]) => {
        cooperative!(@ [$($head)*] [$($tail)*] $($head)* $($tail)*);
    };
    (@ [$($(#[doc = $hdoc:literal])* $hv:ident = $hf:ident, $hkind:ident, $hwith:ident,
          vi $hvi:literal, en $hen:literal;)*]
       [$($(#[doc = $tdoc:literal])* $tv:ident = $tf:ident, $tkind:ident, $twith:ident,
          vi $tvi:literal, en $ten:literal;)*]
     $($(#[doc = $doc:literal])* $v:ident = $f:ident, $kind:ident, $with:ident,
          vi $vi:literal, en $en:literal;)*) => {
/// One collective economic organisation (tổ chức kinh tế tập thể) in a
/// registry: a cooperative group, a cooperative or a union of cooperatives.
///
/// Every field is public and any combination can be stored; what the law or
/// common sense forbids is reported by [`Cooperative::validate`]. Unknown
/// figures are `None`, never zero.
///
/// In JSON (`None` fields, empty ratings, flags and extensions left out,
/// amounts of money as strings, ratings keyed by year):
///
/// ```json
/// {"id":"htx-001","name":"HTX Nông nghiệp Hưng Lợi","kind":"htx","sector":"agriculture",
///  "location":{"province":"Nghệ An","district":"Hưng Nguyên","commune":"Hưng Lợi"},
///  "established":"2015-03-02","status":"active","members":120,
///  "ratings":{"2023":"good"},"flags":["high_tech","value_chain"],
///  "revenue_vnd":"1500000000"}
/// ```
///
/// ```
/// use chrono::NaiveDate;
/// use hoptac::{Cooperative, org::Flag, org::Location, org::OrgId, org::OrgKind, org::Rating, org::Sector};
/// let established = NaiveDate::from_ymd_opt(2015, 3, 2).ok_or("date")?;
/// let coop = Cooperative::new(
///     OrgId::new("htx-001")?,
///     "HTX Nông nghiệp Hưng Lợi",
///     OrgKind::Cooperative,
///     Sector::Agriculture,
///     Location::new("Nghệ An", "Hưng Lợi").with_district("Hưng Nguyên"),
///     established,
/// )
/// .with_members(120)
/// .with_rating(2023, Rating::Good)
/// .with_flag(Flag::ValueChain);
/// assert_eq!(coop.to_string(), "HTX Nông nghiệp Hưng Lợi (htx-001), Hưng Lợi, Hưng Nguyên, Nghệ An");
/// assert!(coop.is_active_at(NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("date")?));
/// assert_eq!(coop.rating_in(2023), Some(Rating::Good));
/// assert!(coop.has(Flag::ValueChain));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cooperative {
    /// The registry identifier (mã tổ chức).
    pub id: OrgId,
    /// The registered name (tên), as in `HTX Nông nghiệp Hưng Lợi`.
    pub name: String,
    /// Cooperative group, cooperative or union (loại hình).
    pub kind: OrgKind,
    /// The main sector of activity (lĩnh vực).
    pub sector: Sector,
    /// Where the head office is (địa chỉ trụ sở).
    pub location: Location,
    /// The date of establishment or registration (ngày thành lập).
    pub established: NaiveDate,
    /// The date of dissolution (ngày giải thể), if dissolved or decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dissolved: Option<NaiveDate>,
    /// The registry status (tình trạng) as recorded now.
    pub status: OrgStatus,
    $(
        $(#[doc = $hdoc])*
        #[serde(default, skip_serializing_if = "Option::is_none", with = "super::fields::serde_num")]
        pub $hf: Option<numeric_type!($hkind)>,
    )*
    /// The yearly ratings (xếp loại), by year.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ratings: BTreeMap<i32, Rating>,
    /// Yes-or-no properties: value chain, high technology, and so on.
    #[serde(default, skip_serializing_if = "no_flags")]
    pub flags: Flags,
    $(
        $(#[doc = $tdoc])*
        #[serde(default, skip_serializing_if = "Option::is_none", with = "super::fields::serde_num")]
        pub $tf: Option<numeric_type!($tkind)>,
    )*
    /// Further attributes a registry keeps, by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: BTreeMap<String, ExtValue>,
}

impl Cooperative {
    /// A record with the given identity, status [`OrgStatus::Active`], no
    /// dissolution date, no ratings, flags or extensions, and every figure
    /// (members, money, key staff) unknown (`None`).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::{Cooperative, org::Location, org::OrgId, org::OrgKind, org::OrgStatus, org::Sector};
    /// let coop = Cooperative::new(
    ///     OrgId::new("tht-7")?,
    ///     "THT Rau sạch Đồng Mỏ",
    ///     OrgKind::CooperativeGroup,
    ///     Sector::Agriculture,
    ///     Location::new("Lạng Sơn", "Đồng Mỏ"),
    ///     NaiveDate::from_ymd_opt(2020, 5, 4).ok_or("date")?,
    /// );
    /// assert_eq!(coop.status, OrgStatus::Active);
    /// assert_eq!(coop.members, None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: OrgId,
        name: impl Into<String>,
        kind: OrgKind,
        sector: Sector,
        location: Location,
        established: NaiveDate,
    ) -> Cooperative {
        Cooperative {
            id,
            name: name.into(),
            kind,
            sector,
            location,
            established,
            dissolved: None,
            status: OrgStatus::Active,
            $($f: None,)*
            ratings: BTreeMap::new(),
            flags: Flags::empty(),
            extensions: BTreeMap::new(),
        }
    }

    $(
        #[doc = concat!("The same record with this value of `", stringify!($f), "`.")]
        ///
        /// ```
        /// # use chrono::NaiveDate;
        /// # use hoptac::{*, org::*};
        /// # let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
        /// # let coop = Cooperative::new(OrgId::new("htx-1")?, "HTX Hưng Lợi", OrgKind::Cooperative,
        /// #     Sector::Agriculture, Location::new("Nghệ An", "Hưng Lợi"), day(2015, 3, 2)?);
        /// let value = "12".parse()?;
        #[doc = concat!("let coop = coop.", stringify!($with), "(value);")]
        #[doc = concat!("assert_eq!(coop.", stringify!($f), ", Some(value));")]
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[must_use]
        pub fn $with(mut self, value: numeric_type!($kind)) -> Self {
            self.$f = Some(value);
            self
        }
    )*

    /// The value of a numeric field: a built-in one or a numeric
    /// extension attribute; `None` when it is not reported (or the
    /// extension holds a yes-or-no).
    ///
    /// ```
    /// use hoptac::{Cooperative, org::ExtValue, plan::Field, org::Location, org::OrgId, org::OrgKind, org::Sector};
    /// use rust_decimal::Decimal;
    /// let mut org = Cooperative::new(OrgId::new("htx-1")?, "HTX A", OrgKind::Cooperative,
    ///     Sector::Agriculture, Location::new("Nghệ An", "Hưng Lợi"), "2020-01-01".parse()?)
    ///     .with_key_staff(4);
    /// org.extensions.insert("hectares".into(), ExtValue::Number("12.5".parse()?));
    /// assert_eq!(org.value(&Field::KeyStaff), Some(Decimal::from(4)));
    /// assert_eq!(org.value(&Field::Extension { name: "hectares".into() }), Some("12.5".parse()?));
    /// assert_eq!(org.value(&Field::RevenueVnd), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn value(&self, field: &Field) -> Option<Decimal> {
        match field.built_in() {
            Some(f) => self.numbers().get(f),
            None => match field {
                Field::Extension { name } => match self.extensions.get(name) {
                    Some(ExtValue::Number(n)) => Some(*n),
                    _ => None,
                },
                _ => None,
            },
        }
    }

    /// The built-in numeric fields, by slot.
    pub(crate) fn numbers(&self) -> Numbers {
        let mut out = Numbers::EMPTY;
        $(out.set(NumericField::$v, self.$f);)*
        out
    }

    /// Sets the built-in numeric fields from their slots.
    pub(crate) fn set_numbers(&mut self, numbers: &Numbers) {
        $(self.$f = numbers.value(NumericField::$v);)*
    }

    /// The same record with this status.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use hoptac::{*, org::*};
    /// # let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// # let coop = Cooperative::new(OrgId::new("htx-1")?, "HTX Hưng Lợi", OrgKind::Cooperative,
    /// #     Sector::Agriculture, Location::new("Nghệ An", "Hưng Lợi"), day(2015, 3, 2)?);
    /// let coop = coop.with_status(OrgStatus::Suspended);
    /// assert!(!coop.is_active_at(day(2024, 1, 1)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_status(mut self, status: OrgStatus) -> Self {
        self.status = status;
        self
    }

    /// The same record dissolved on `date` (status [`OrgStatus::Dissolved`]).
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use hoptac::{*, org::*};
    /// # let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// # let coop = Cooperative::new(OrgId::new("htx-1")?, "HTX Hưng Lợi", OrgKind::Cooperative,
    /// #     Sector::Agriculture, Location::new("Nghệ An", "Hưng Lợi"), day(2015, 3, 2)?);
    /// let coop = coop.with_dissolved(day(2023, 5, 1)?);
    /// assert_eq!(coop.status, OrgStatus::Dissolved);
    /// assert!(!coop.is_active_at(day(2023, 4, 30)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_dissolved(mut self, date: NaiveDate) -> Self {
        self.dissolved = Some(date);
        self.status = OrgStatus::Dissolved;
        self
    }

    /// The same record with a rating for `year` (replacing any other).
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use hoptac::{*, org::*};
    /// # let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// # let coop = Cooperative::new(OrgId::new("htx-1")?, "HTX Hưng Lợi", OrgKind::Cooperative,
    /// #     Sector::Agriculture, Location::new("Nghệ An", "Hưng Lợi"), day(2015, 3, 2)?);
    /// let coop = coop.with_rating(2023, Rating::Fair).with_rating(2023, Rating::Good);
    /// assert_eq!(coop.rating_in(2023), Some(Rating::Good));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_rating(mut self, year: i32, rating: Rating) -> Self {
        self.ratings.insert(year, rating);
        self
    }

    /// The same record with `flag` set.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use hoptac::{*, org::*};
    /// # let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// # let coop = Cooperative::new(OrgId::new("htx-1")?, "HTX Hưng Lợi", OrgKind::Cooperative,
    /// #     Sector::Agriculture, Location::new("Nghệ An", "Hưng Lợi"), day(2015, 3, 2)?);
    /// assert!(coop.with_flag(Flag::Digital).has(Flag::Digital));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_flag(mut self, flag: Flag) -> Self {
        self.flags.insert(flag);
        self
    }

    /// Whether the organisation is active at `date`: status active,
    /// established on or before `date`, and no dissolution date on or
    /// before it. Suspended, dissolving and dissolved organisations are never
    /// active.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::{Cooperative, org::Location, org::OrgId, org::OrgKind, org::Sector};
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let coop = Cooperative::new(OrgId::new("htx-2")?, "HTX Đồng Tâm", OrgKind::Cooperative,
    ///     Sector::Trade, Location::new("Nghệ An", "Nghi Lộc"), day(2020, 1, 15)?);
    /// assert!(!coop.is_active_at(day(2020, 1, 14)?));
    /// assert!(coop.is_active_at(day(2020, 1, 15)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_active_at(&self, date: NaiveDate) -> bool {
        self.status == OrgStatus::Active
            && self.established <= date
            && self.dissolved.map_or(true, |d| d > date)
    }

    /// Whether the organisation was established between `from` and `to`,
    /// both days included, whatever its status now.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::{Cooperative, org::Location, org::OrgId, org::OrgKind, org::Sector};
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let coop = Cooperative::new(OrgId::new("htx-3")?, "HTX Tân Phú", OrgKind::Cooperative,
    ///     Sector::Agriculture, Location::new("An Giang", "Tân Phú"), day(2021, 6, 1)?)
    ///     .with_dissolved(day(2024, 2, 1)?);
    /// assert!(coop.is_established_in(day(2019, 6, 11)?, day(2025, 12, 31)?));
    /// assert!(coop.is_established_in(day(2021, 6, 1)?, day(2021, 6, 1)?));
    /// assert!(!coop.is_established_in(day(2026, 1, 1)?, day(2030, 12, 31)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_established_in(&self, from: NaiveDate, to: NaiveDate) -> bool {
        from <= self.established && self.established <= to
    }

    /// The rating for `year`, if any.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use hoptac::{*, org::*};
    /// # let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// # let coop = Cooperative::new(OrgId::new("htx-1")?, "HTX Hưng Lợi", OrgKind::Cooperative,
    /// #     Sector::Agriculture, Location::new("Nghệ An", "Hưng Lợi"), day(2015, 3, 2)?);
    /// let coop = coop.with_rating(2022, Rating::Average);
    /// assert_eq!(coop.rating_in(2022), Some(Rating::Average));
    /// assert_eq!(coop.rating_in(2021), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rating_in(&self, year: i32) -> Option<Rating> {
        self.ratings.get(&year).copied()
    }

    /// Whether `flag` is set.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use hoptac::{*, org::*};
    /// # let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// # let coop = Cooperative::new(OrgId::new("htx-1")?, "HTX Hưng Lợi", OrgKind::Cooperative,
    /// #     Sector::Agriculture, Location::new("Nghệ An", "Hưng Lợi"), day(2015, 3, 2)?);
    /// let coop = coop.with_flag(Flag::FemaleDirector);
    /// assert!(coop.has(Flag::FemaleDirector));
    /// assert!(!coop.has(Flag::PaperOnly));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn has(&self, flag: Flag) -> bool {
        self.flags.contains(flag)
    }

    /// The year of establishment.
    pub(crate) fn established_year(&self) -> i32 {
        self.established.year()
    }
}
    };
}
numeric_fields!(cooperative);

/// Whether a record has no flag (for serde).
fn no_flags(flags: &Flags) -> bool {
    flags.is_empty()
}

impl fmt::Display for Cooperative {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}), {}", self.name, self.id, self.location)
    }
}
