//! Filters that describe a population of organisations, and the numeric
//! fields that measures sum, average and divide.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::lang::{Labelled, Lang};
use crate::parse_error::ParseError;

use crate::org::{
    numeric_fields, Cooperative, ExtValue, Flag, Kind, NumericField, OrgKind, OrgStatus, Rating,
    Sector,
};
use crate::vocab::code_enum;

/// How deep filters may nest (`all` inside `not` inside `any` ...).
///
/// Real plans need three or four levels; the bound keeps evaluation and
/// validation of hostile input cheap and stack-safe.
///
/// ```
/// use hoptac::{Filter, plan::MAX_FILTER_DEPTH};
/// let mut f = Filter::Active;
/// for _ in 1..MAX_FILTER_DEPTH {
///     f = Filter::not(f);
/// }
/// assert_eq!(f.depth(), MAX_FILTER_DEPTH); // as deep as allowed
/// ```
pub const MAX_FILTER_DEPTH: usize = 32;

/// A window of dates, both ends included (khoảng thời gian).
///
/// ```
/// use hoptac::plan::DateWindow;
/// use chrono::NaiveDate;
/// let w = DateWindow::new(NaiveDate::from_ymd_opt(2019, 6, 11).ok_or("date")?, NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?)?;
/// assert!(w.contains(NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?));
/// assert_eq!(w.to_string(), "2019-06-11..=2025-12-31");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "DateWindowRepr", into = "DateWindowRepr")]
pub struct DateWindow {
    from: NaiveDate,
    to: NaiveDate,
}

#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct DateWindowRepr {
    #[serde(with = "crate::serde_util::DateStr")]
    from: NaiveDate,
    #[serde(with = "crate::serde_util::DateStr")]
    to: NaiveDate,
}

impl DateWindow {
    /// A window from `from` to `to`, both included.
    ///
    /// # Errors
    ///
    /// [`ParseError`] when `from` is after `to`.
    ///
    /// ```
    /// use hoptac::plan::DateWindow;
    /// let one_day = DateWindow::new("2025-12-31".parse()?, "2025-12-31".parse()?)?;
    /// assert_eq!(one_day.to_string(), "2025-12-31..=2025-12-31");
    /// let err = DateWindow::new("2030-12-31".parse()?, "2026-01-01".parse()?).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "reversed date window 2030-12-31..=2026-01-01: expected `from` not after `to`"
    /// );
    /// assert_eq!((err.what(), err.input()), ("date window", "2030-12-31..=2026-01-01"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Self, ParseError> {
        if from > to {
            let input = format!("{from}..={to}");
            let problem = format!("reversed date window {input}");
            return Err(ParseError::invalid(
                "date window",
                &input,
                (problem, "ngày đầu sau ngày cuối"),
                ("`from` not after `to`", "`from` không sau `to`"),
            ));
        }
        Ok(DateWindow { from, to })
    }

    /// The first day.
    ///
    /// ```
    /// use hoptac::plan::DateWindow;
    /// let w = DateWindow::new("2019-06-11".parse()?, "2025-12-31".parse()?)?;
    /// assert_eq!(w.from().to_string(), "2019-06-11");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from(&self) -> NaiveDate {
        self.from
    }

    /// The last day.
    ///
    /// ```
    /// use hoptac::plan::DateWindow;
    /// let w = DateWindow::new("2019-06-11".parse()?, "2025-12-31".parse()?)?;
    /// assert_eq!(w.to().to_string(), "2025-12-31");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to(&self) -> NaiveDate {
        self.to
    }

    /// Whether `date` lies in the window.
    ///
    /// ```
    /// use hoptac::plan::DateWindow;
    /// let w = DateWindow::new("2023-01-01".parse()?, "2023-12-31".parse()?)?;
    /// assert!(w.contains("2023-01-01".parse()?)); // both ends included
    /// assert!(w.contains("2023-12-31".parse()?));
    /// assert!(!w.contains("2024-01-01".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// The window cut at `at` (its end clipped), or `None` when it has not
    /// begun by `at`.
    ///
    /// ```
    /// use hoptac::plan::DateWindow;
    /// use chrono::NaiveDate;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let w = DateWindow::new(d(2026, 1, 1)?, d(2030, 12, 31)?)?;
    /// assert_eq!(w.clipped_at(d(2025, 12, 31)?), None);
    /// assert_eq!(w.clipped_at(d(2027, 6, 30)?).ok_or("not begun")?.to(), d(2027, 6, 30)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn clipped_at(&self, at: NaiveDate) -> Option<DateWindow> {
        if at < self.from {
            None
        } else {
            Some(DateWindow {
                from: self.from,
                to: self.to.min(at),
            })
        }
    }
}

impl TryFrom<DateWindowRepr> for DateWindow {
    type Error = ParseError;
    fn try_from(r: DateWindowRepr) -> Result<Self, Self::Error> {
        DateWindow::new(r.from, r.to)
    }
}

impl From<DateWindow> for DateWindowRepr {
    fn from(w: DateWindow) -> Self {
        DateWindowRepr {
            from: w.from,
            to: w.to,
        }
    }
}

impl fmt::Display for DateWindow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..={}", self.from, self.to)
    }
}

code_enum! {
/// Which organisations a measure starts from before its filter applies.
///
/// The domain's rule: unless a target says otherwise, a measure counts the
/// organisations active at the snapshot date (status active, established on
/// or before it, not dissolved on or before it).
///
/// ```
/// use hoptac::plan::Population;
/// assert_eq!(Population::default(), Population::Active);
/// ```
#[derive(Default)]
    pub enum Population[2] as "population" in "plan::" {
        /// Organisations active at the snapshot date (đang hoạt động).
        #[default]
        Active = "active", vi "đang hoạt động", en "active";
        /// Every organisation in the snapshot, whatever its status (tất cả).
        AnyStatus = "any_status", vi "mọi trạng thái", en "any status";
    }
}

impl Population {
    /// Whether this is the default (used to omit it from JSON).
    ///
    /// ```
    /// use hoptac::plan::Population;
    /// assert!(Population::Active.is_default());
    /// assert!(!Population::AnyStatus.is_default());
    /// ```
    pub fn is_default(&self) -> bool {
        *self == Population::Active
    }
}

macro_rules! field_enum {
    (before_ratings [$($head:tt)*] after_flags [$($tail:tt)*]) => {
        field_enum!(@ $($head)* $($tail)*);
    };
    (@ $($(#[doc = $doc:literal])* $v:ident = $f:ident, $kind:ident, $with:ident,
          vi $vi:literal, en $en:literal;)*) => {
        /// A numeric field of an organisation that a measure sums, averages or divides.
        ///
        /// ```
        /// use hoptac::plan::Field;
        /// let f: Field = serde_json::from_str(r#"{"kind":"revenue_vnd"}"#)?;
        /// assert_eq!(f, Field::RevenueVnd);
        /// assert!(f.is_money());
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
        #[non_exhaustive]
        pub enum Field {
            $(
                $(#[doc = $doc])*
                                $v,
            )*
            /// A numeric extension attribute tracked by a province (thuộc tính mở rộng).
            Extension {
                /// The attribute's name.
                name: String,
            },
        }

        impl Field {
            /// The built-in fields (every field but extensions), in order.
            ///
            /// ```
            /// use hoptac::plan::Field;
            /// assert_eq!(Field::BUILT_IN.first(), Some(&Field::Members));
            /// assert!(!Field::BUILT_IN.iter().any(|f| matches!(f, Field::Extension { .. })));
            /// ```
            pub const BUILT_IN: &'static [Field] = &[$(Field::$v),*];

            /// The built-in field's key, `None` for an extension.
            pub(crate) fn built_in(&self) -> Option<NumericField> {
                match self {
                    $(Field::$v => Some(NumericField::$v),)*
                    Field::Extension { .. } => None,
                }
            }

            /// The plan's field for a built-in field's key.
            pub(crate) fn of(field: NumericField) -> Field {
                match field {
                    $(NumericField::$v => Field::$v,)*
                }
            }
        }
    };
}
numeric_fields!(field_enum);

impl Field {
    /// The field's value for `org`, or `None` when it is not reported.
    ///
    /// An extension attribute that holds a boolean has no numeric value.
    ///
    /// ```
    /// use hoptac::{Cooperative, org::ExtValue, plan::Field, org::Location, org::OrgId, org::OrgKind, org::Sector};
    /// use rust_decimal::Decimal;
    /// let mut org = Cooperative::new(OrgId::new("htx-1")?, "HTX A", OrgKind::Cooperative,
    ///     Sector::Agriculture, Location::new("Nghệ An", "Hưng Lợi"), "2020-01-01".parse()?)
    ///     .with_members(120);
    /// org.extensions.insert("hectares".into(), ExtValue::Number("12.5".parse()?));
    /// org.extensions.insert("organic".into(), ExtValue::Bool(true));
    /// assert_eq!(Field::Members.value(&org), Some(Decimal::from(120)));
    /// assert_eq!(Field::RevenueVnd.value(&org), None); // not reported
    /// let hectares = Field::Extension { name: "hectares".into() };
    /// assert_eq!(hectares.value(&org), Some("12.5".parse()?));
    /// assert_eq!(Field::Extension { name: "organic".into() }.value(&org), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn value(&self, org: &Cooperative) -> Option<Decimal> {
        org.value(self)
    }

    /// The field's code: a built-in field's (`members`, `revenue_vnd`, the
    /// `kind` of its JSON), or an extension attribute's name. This is the
    /// name a size filter ([`Filter::Number`]) gives.
    ///
    /// ```
    /// use hoptac::plan::Field;
    /// assert_eq!(Field::Members.code(), "members");
    /// assert_eq!(Field::Extension { name: "area_ha".into() }.code(), "area_ha");
    /// ```
    pub fn code(&self) -> &str {
        match self {
            Field::Extension { name } => name,
            built_in => built_in.built_in().map_or("", NumericField::code),
        }
    }

    /// Whether the field is an amount of money in VND.
    ///
    /// ```
    /// use hoptac::plan::Field;
    /// assert!(Field::AvgIncomeVnd.is_money());
    /// assert!(!Field::Members.is_money());
    /// ```
    pub fn is_money(&self) -> bool {
        self.built_in().map(NumericField::kind) == Some(Kind::Money)
    }

    /// Whether the field counts people.
    ///
    /// ```
    /// use hoptac::plan::Field;
    /// assert!(Field::KeyStaffTrained.is_people());
    /// assert!(!Field::MemberCoops.is_people()); // member cooperatives are not people
    /// assert!(!Field::RevenueVnd.is_people());
    /// ```
    pub fn is_people(&self) -> bool {
        self.built_in().map(NumericField::kind) == Some(Kind::People)
    }
}

impl Labelled for Field {
    fn label(&self, lang: Lang) -> &str {
        match self {
            Field::Extension { name } => name,
            built_in => built_in.built_in().map_or("", |f| f.label(lang)),
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(Lang::En))
    }
}

/// The record's columns that are neither numeric fields nor flags: no
/// extension attribute can have these names.
const RECORD_COLUMNS: [&str; 11] = [
    "id",
    "name",
    "kind",
    "sector",
    "province",
    "district",
    "commune",
    "established",
    "dissolved",
    "status",
    "rating",
];

/// Why `name` can name no field of a registry, for a size filter or a
/// numeric field (`numeric`) or a yes-or-no filter; `None` when it names a
/// built-in numeric field (`numeric` only) or can name an extension
/// attribute (which the registry may or may not hold: evaluation says).
pub(crate) fn field_name_problem(
    name: &str,
    numeric: bool,
    extension_only: bool,
) -> Option<(String, String)> {
    if name.trim().is_empty() {
        return Some((
            "names no field: the name is empty".to_owned(),
            "không chỉ trường nào: tên để trống".to_owned(),
        ));
    }
    if name.trim() != name {
        return Some((
            format!("names no field: `{name}` has spaces around it, which no column name keeps"),
            format!(
                "không chỉ trường nào: `{name}` có khoảng trắng ở đầu hoặc cuối, tên cột không có"
            ),
        ));
    }
    if let Some(f) = NumericField::from_code(name) {
        return match (numeric, extension_only) {
            (true, false) => None,
            (true, true) => Some((
                format!(
                    "`{name}` is a built-in field, not an extension attribute: write {{\"kind\":\"{name}\"}}"
                ),
                format!(
                    "`{name}` là trường có sẵn, không phải thuộc tính mở rộng: viết {{\"kind\":\"{name}\"}}"
                ),
            )),
            (false, _) => Some((
                format!(
                    "`{name}` is a built-in number ({}), not a yes-or-no attribute",
                    f.label(Lang::En)
                ),
                format!(
                    "`{name}` là số có sẵn ({}), không phải thuộc tính có/không",
                    f.label(Lang::Vi)
                ),
            )),
        };
    }
    let lower = name.to_ascii_lowercase();
    if let Some(f) = NumericField::from_code(&lower) {
        return Some((
            format!(
                "names no field: `{name}` is not a field's code; the built-in field is `{}` ({})",
                f.code(),
                f.label(Lang::En)
            ),
            format!(
                "không chỉ trường nào: `{name}` không phải mã trường; trường có sẵn là `{}` ({})",
                f.code(),
                f.label(Lang::Vi)
            ),
        ));
    }
    if let Some(flag) = Flag::CODES.iter().find(|c| **c == lower) {
        return Some((
            format!("names no field: `{name}` is the flag `{flag}`, which a `flag` filter tests"),
            format!("không chỉ trường nào: `{name}` là cờ `{flag}`, bộ lọc `flag` mới kiểm tra cờ"),
        ));
    }
    if let Some(col) = RECORD_COLUMNS.iter().find(|c| **c == lower) {
        let (en, vi) = if numeric {
            ("a number", "một số")
        } else {
            ("a yes-or-no attribute", "một thuộc tính có/không")
        };
        return Some((
            format!("names no field: `{name}` is the record's `{col}`, not {en}"),
            format!("không chỉ trường nào: `{name}` là cột `{col}` của bản ghi, không phải {vi}"),
        ));
    }
    None
}

code_enum! {
/// How a numeric extension attribute is compared in a filter.
///
/// ```
/// use hoptac::plan::NumberOp;
/// use rust_decimal::Decimal;
/// assert!(NumberOp::Ge.compare(Decimal::from(5), Decimal::from(5)));
/// assert!(!NumberOp::Gt.compare(Decimal::from(5), Decimal::from(5)));
/// ```
pub enum NumberOp[6] as "comparison" in "plan::" {
        /// Greater than.
        Gt = "gt", vi "lớn hơn", en "greater than";
        /// Greater than or equal.
        Ge = "ge", vi "lớn hơn hoặc bằng", en "at least";
        /// Less than.
        Lt = "lt", vi "nhỏ hơn", en "less than";
        /// Less than or equal.
        Le = "le", vi "nhỏ hơn hoặc bằng", en "at most";
        /// Equal.
        Eq = "eq", vi "bằng", en "equal to";
        /// Not equal.
        Ne = "ne", vi "khác", en "not equal to";
    }
}

impl NumberOp {
    /// Whether `left op right` holds.
    ///
    /// ```
    /// use hoptac::plan::NumberOp;
    /// use rust_decimal::Decimal;
    /// let (five, six) = (Decimal::from(5), Decimal::from(6));
    /// assert!(NumberOp::Lt.compare(five, six));
    /// assert!(NumberOp::Ne.compare(five, six));
    /// assert!(!NumberOp::Eq.compare(five, six));
    /// ```
    pub fn compare(self, left: Decimal, right: Decimal) -> bool {
        match self {
            NumberOp::Gt => left > right,
            NumberOp::Ge => left >= right,
            NumberOp::Lt => left < right,
            NumberOp::Le => left <= right,
            NumberOp::Eq => left == right,
            NumberOp::Ne => left != right,
        }
    }

    /// The operator's symbol.
    ///
    /// ```
    /// use hoptac::plan::NumberOp;
    /// assert_eq!(NumberOp::Ge.symbol(), ">=");
    /// assert_eq!(NumberOp::Ne.symbol(), "!=");
    /// ```
    pub fn symbol(self) -> &'static str {
        match self {
            NumberOp::Gt => ">",
            NumberOp::Ge => ">=",
            NumberOp::Lt => "<",
            NumberOp::Le => "<=",
            NumberOp::Eq => "=",
            NumberOp::Ne => "!=",
        }
    }
}

/// A condition on an organisation, evaluated in a registry snapshot
/// (điều kiện lọc).
///
/// Filters compose with [`Filter::All`], [`Filter::Any`] and [`Filter::Not`];
/// nesting is bounded by [`MAX_FILTER_DEPTH`]. "The snapshot's year" is the
/// year of the snapshot date: a rating filter looks at the rating for that
/// year.
///
/// JSON: internally tagged by `kind`:
///
/// ```
/// use hoptac::{Filter, org::OrgKind};
/// let f: Filter = serde_json::from_str(
///     r#"{"kind":"all","of":[{"kind":"org_kind","is":["htx"]},{"kind":"rating","is":["good","fair"]}]}"#,
/// )?;
/// assert_eq!(f.depth(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Filter {
    /// Every organisation.
    Everything,
    /// All of these hold (và).
    All {
        /// The conditions.
        of: Vec<Filter>,
    },
    /// At least one of these holds (hoặc).
    Any {
        /// The conditions.
        of: Vec<Filter>,
    },
    /// This does not hold (không).
    Not {
        /// The condition.
        filter: Box<Filter>,
    },
    /// The organisation's kind is one of these (loại hình).
    OrgKind {
        /// The kinds.
        is: Vec<OrgKind>,
    },
    /// The organisation's status is one of these (tình trạng).
    Status {
        /// The statuses.
        is: Vec<OrgStatus>,
    },
    /// Active at the snapshot date (đang hoạt động).
    Active,
    /// The organisation's sector is one of these (lĩnh vực).
    Sector {
        /// The sectors.
        is: Vec<Sector>,
    },
    /// Has a rating for the snapshot's year (được xếp loại). Only
    /// cooperatives and unions are rated: a rating recorded for a cooperative
    /// group does not count (validation warns about it), except in a target
    /// whose filter or denominator names cooperative groups explicitly
    /// ([`Measure::names_cooperative_groups`](crate::Measure::names_cooperative_groups)):
    /// some provinces rate THT by their own criteria.
    Rated,
    /// Rated one of these for the snapshot's year (xếp loại); as for
    /// [`Filter::Rated`], cooperative groups match only in a target that
    /// names them explicitly.
    Rating {
        /// The ratings.
        is: Vec<Rating>,
    },
    /// Carries this flag.
    Flag {
        /// The flag.
        flag: Flag,
    },
    /// In one of these provinces (tỉnh), compared exactly.
    Province {
        /// Province names.
        is: Vec<String>,
    },
    /// In one of these districts (huyện), compared exactly.
    District {
        /// District names.
        is: Vec<String>,
    },
    /// In one of these communes (xã), compared exactly.
    Commune {
        /// Commune names.
        is: Vec<String>,
    },
    /// Established inside the window, both ends included (thành lập trong kỳ).
    EstablishedIn {
        /// The window.
        window: DateWindow,
    },
    /// A numeric field compares to a value (a size filter: "HTX có trên 200
    /// thành viên", "doanh thu từ 5 tỷ đồng trở lên"). `name` is a built-in
    /// numeric field's code (`members`, `revenue_vnd`, ... as in
    /// [`Field`]) or else a numeric extension attribute's name. An
    /// organisation without a value for the field never matches, and is not
    /// taken as not matching either: a measure counts it as missing (see
    /// [`Filter::decide`]).
    Number {
        /// The field's code, or the extension attribute's name.
        name: String,
        /// The comparison.
        op: NumberOp,
        /// The value compared to.
        #[serde(with = "crate::serde_util::DecimalStr")]
        value: Decimal,
    },
    /// A boolean extension attribute has this value; an organisation
    /// without the attribute does not match.
    Boolean {
        /// The attribute's name.
        name: String,
        /// The value required.
        value: bool,
    },
}

impl Filter {
    /// All of `filters` (a shorthand for [`Filter::All`]).
    ///
    /// ```
    /// use hoptac::{Filter, org::OrgKind};
    /// let f = Filter::all([Filter::kind(OrgKind::Cooperative), Filter::Rated]);
    /// assert_eq!(f.to_string(), "all[kind in [htx], rated]");
    /// assert_eq!(f.children().len(), 2);
    /// ```
    pub fn all(filters: impl IntoIterator<Item = Filter>) -> Filter {
        Filter::All {
            of: filters.into_iter().collect(),
        }
    }

    /// Any of `filters` (a shorthand for [`Filter::Any`]).
    ///
    /// ```
    /// use hoptac::{Filter, org::OrgKind};
    /// let f = Filter::any([Filter::kind(OrgKind::Cooperative), Filter::kind(OrgKind::CooperativeUnion)]);
    /// assert_eq!(f.to_string(), "any[kind in [htx], kind in [lhhtx]]");
    /// ```
    pub fn any(filters: impl IntoIterator<Item = Filter>) -> Filter {
        Filter::Any {
            of: filters.into_iter().collect(),
        }
    }

    /// The negation of `filter`.
    ///
    /// ```
    /// use hoptac::{Filter, org::Flag};
    /// let f = Filter::not(Filter::Flag { flag: Flag::PaperOnly });
    /// assert_eq!(f.to_string(), "not(paper_only)");
    /// assert_eq!(f.depth(), 2);
    /// ```
    #[allow(clippy::should_implement_trait)]
    pub fn not(filter: Filter) -> Filter {
        Filter::Not {
            filter: Box::new(filter),
        }
    }

    /// Organisations of one kind.
    ///
    /// ```
    /// use hoptac::{Filter, org::OrgKind};
    /// assert_eq!(Filter::kind(OrgKind::CooperativeGroup), Filter::OrgKind { is: vec![OrgKind::CooperativeGroup] });
    /// ```
    pub fn kind(kind: OrgKind) -> Filter {
        Filter::OrgKind { is: vec![kind] }
    }

    /// Organisations carrying a flag (value chain, high technology ...).
    ///
    /// ```
    /// use hoptac::{Filter, org::Flag};
    /// assert_eq!(Filter::flag(Flag::ValueChain), Filter::Flag { flag: Flag::ValueChain });
    /// ```
    pub fn flag(flag: Flag) -> Filter {
        Filter::Flag { flag }
    }

    /// Organisations rated good or fair for the snapshot's year
    /// (xếp loại khá trở lên).
    ///
    /// ```
    /// use hoptac::{Filter, org::Rating};
    /// assert_eq!(Filter::fair_or_better(), Filter::Rating { is: vec![Rating::Good, Rating::Fair] });
    /// assert_eq!(Filter::fair_or_better().to_string(), "rating in [good, fair]");
    /// ```
    pub fn fair_or_better() -> Filter {
        Filter::Rating {
            is: vec![Rating::Good, Rating::Fair],
        }
    }

    /// A size filter on a numeric field ("HTX có trên 200 thành viên").
    ///
    /// ```
    /// use hoptac::{Filter, plan::Field, plan::NumberOp};
    /// let f = Filter::size(Field::Members, NumberOp::Gt, 200.into());
    /// assert_eq!(f.to_string(), "members > 200");
    /// ```
    pub fn size(field: Field, op: NumberOp, value: Decimal) -> Filter {
        Filter::Number {
            name: field.code().to_owned(),
            op,
            value,
        }
    }

    /// The field a size filter ([`Filter::Number`]) reads: a built-in field
    /// when its name is a built-in field's code, else an extension
    /// attribute. `None` for other filters.
    ///
    /// ```
    /// use hoptac::{Filter, plan::Field, plan::NumberOp};
    /// let f = Filter::Number { name: "revenue_vnd".into(), op: NumberOp::Ge, value: 5_000_000_000i64.into() };
    /// assert_eq!(f.size_field(), Some(Field::RevenueVnd));
    /// let g = Filter::Number { name: "area_ha".into(), op: NumberOp::Ge, value: 5.into() };
    /// assert_eq!(g.size_field(), Some(Field::Extension { name: "area_ha".into() }));
    /// assert_eq!(Filter::Rated.size_field(), None);
    /// ```
    pub fn size_field(&self) -> Option<Field> {
        match self {
            Filter::Number { name, .. } => Some(match NumericField::from_code(name) {
                Some(f) => Field::of(f),
                None => Field::Extension { name: name.clone() },
            }),
            _ => None,
        }
    }

    /// How deep the filter nests: 1 for a leaf. Computed without recursion,
    /// so a hostile filter cannot overflow the stack here.
    ///
    /// ```
    /// use hoptac::{Filter, org::OrgKind};
    /// assert_eq!(Filter::Active.depth(), 1);
    /// let f = Filter::all([Filter::Active, Filter::not(Filter::kind(OrgKind::CooperativeGroup))]);
    /// assert_eq!(f.depth(), 3);
    /// ```
    pub fn depth(&self) -> usize {
        let mut deepest = 0;
        let mut stack = vec![(self, 1usize)];
        while let Some((f, d)) = stack.pop() {
            deepest = deepest.max(d);
            for child in f.children() {
                stack.push((child, d + 1));
            }
        }
        deepest
    }

    /// The direct sub-filters.
    ///
    /// ```
    /// use hoptac::Filter;
    /// let f = Filter::any([Filter::Rated, Filter::Active]);
    /// assert_eq!(f.children(), [Filter::Rated, Filter::Active]);
    /// assert_eq!(Filter::not(Filter::Rated).children(), [Filter::Rated]);
    /// assert!(Filter::Rated.children().is_empty());
    /// ```
    pub fn children(&self) -> &[Filter] {
        match self {
            Filter::All { of } | Filter::Any { of } => of,
            Filter::Not { filter } => std::slice::from_ref(filter),
            _ => &[],
        }
    }

    /// The conjuncts of this filter: nested [`Filter::All`]s flattened, and
    /// [`Filter::Everything`] dropped. Two filters with the same conjuncts
    /// (in any order) select the same organisations.
    ///
    /// ```
    /// use hoptac::{Filter, org::OrgKind};
    /// let htx = Filter::kind(OrgKind::Cooperative);
    /// let f = Filter::all([Filter::Everything, Filter::all([htx.clone(), Filter::Rated]), Filter::Active]);
    /// assert_eq!(f.conjuncts(), [&htx, &Filter::Rated, &Filter::Active]);
    /// assert!(Filter::Everything.conjuncts().is_empty());
    /// ```
    pub fn conjuncts(&self) -> Vec<&Filter> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(f) = stack.pop() {
            match f {
                Filter::All { of } => stack.extend(of.iter().rev()),
                Filter::Everything => {}
                other => out.push(other),
            }
        }
        out
    }

    /// Whether `org` matches in a snapshot taken at `at`.
    ///
    /// This is the reference meaning of a filter; the evaluation engine
    /// compiles filters to a faster form that must agree with it.
    ///
    /// ```
    /// use hoptac::{Cooperative, Filter, org::Location, org::OrgId, org::OrgKind, org::Sector};
    /// use chrono::NaiveDate;
    /// let d = NaiveDate::from_ymd_opt(2020, 1, 1).ok_or("date")?;
    /// let loc = Location { province: "Nghệ An".into(), district: None, commune: "Hưng Lợi".into() };
    /// let org = Cooperative::new(OrgId::new("htx-1")?, "HTX Hưng Lợi", OrgKind::Cooperative, Sector::Agriculture, loc, d);
    /// let f = Filter::all([Filter::Active, Filter::kind(OrgKind::Cooperative)]);
    /// assert!(f.matches(&org, NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?));
    /// assert!(!f.matches(&org, NaiveDate::from_ymd_opt(2019, 12, 31).ok_or("date")?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn matches(&self, org: &Cooperative, at: NaiveDate) -> bool {
        self.decide(org, at) == Some(true)
    }

    /// Whether `org` matches in a snapshot taken at `at`, or `None` when
    /// that depends on a value the organisation lacks: a size filter
    /// ([`Filter::Number`]) on a field it does not report. Unknowns combine
    /// as in SQL: `all` is false as soon as one part is false, `any` true as
    /// soon as one part is true, and `not` of an unknown is unknown.
    /// [`Filter::matches`] is `decide == Some(true)`; measures count the
    /// organisations of their population for which the answer is `None` as
    /// missing.
    ///
    /// ```
    /// use hoptac::{Cooperative, Filter, org::Location, org::OrgId, org::OrgKind, org::Sector, plan::NumberOp};
    /// use chrono::NaiveDate;
    /// let d = NaiveDate::from_ymd_opt(2020, 1, 1).ok_or("date")?;
    /// let org = Cooperative::new(OrgId::new("htx-1")?, "HTX A", OrgKind::Cooperative,
    ///     Sector::Agriculture, Location::new("Nghệ An", "Hưng Lợi"), d);
    /// let big = Filter::Number { name: "members".into(), op: NumberOp::Gt, value: 200.into() };
    /// assert_eq!(big.decide(&org, d), None); // members not reported
    /// assert_eq!(Filter::not(big.clone()).decide(&org, d), None);
    /// assert!(!big.matches(&org, d) && !Filter::not(big.clone()).matches(&org, d));
    /// assert_eq!(big.decide(&org.clone().with_members(201), d), Some(true));
    /// assert_eq!(Filter::all([Filter::kind(OrgKind::CooperativeGroup), big]).decide(&org, d), Some(false));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn decide(&self, org: &Cooperative, at: NaiveDate) -> Option<bool> {
        self.decide_with(org, at, false)
    }

    /// Whether the kind of cooperative groups (tổ hợp tác, THT) is selected
    /// by this filter explicitly: a [`Filter::OrgKind`] that holds it, not
    /// under a [`Filter::Not`]. A target whose filter or denominator does
    /// counts the ratings recorded for cooperative groups.
    ///
    /// ```
    /// use hoptac::{Filter, org::OrgKind};
    /// let tht = Filter::kind(OrgKind::CooperativeGroup);
    /// assert!(Filter::all([Filter::Active, tht.clone()]).selects_cooperative_groups());
    /// assert!(!Filter::not(tht).selects_cooperative_groups());
    /// assert!(!Filter::Rated.selects_cooperative_groups());
    /// ```
    pub fn selects_cooperative_groups(&self) -> bool {
        let mut stack = vec![self];
        while let Some(f) = stack.pop() {
            match f {
                Filter::OrgKind { is } if is.contains(&OrgKind::CooperativeGroup) => return true,
                Filter::Not { .. } => {}
                other => stack.extend(other.children()),
            }
        }
        false
    }

    /// [`Filter::decide`] in a target that names cooperative groups
    /// explicitly when `groups_rated` is true: a rating recorded for a
    /// cooperative group then counts in [`Filter::Rated`] and
    /// [`Filter::Rating`]; with `false` this is [`Filter::decide`].
    ///
    /// ```
    /// use hoptac::{Cooperative, Filter, org::Location, org::OrgId, org::OrgKind, org::Rating, org::Sector};
    /// use chrono::NaiveDate;
    /// let d = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let tht = Cooperative::new(OrgId::new("tht-1")?, "THT A", OrgKind::CooperativeGroup,
    ///     Sector::Agriculture, Location::new("Nghệ An", "Hưng Lợi"), d).with_rating(2025, Rating::Good);
    /// assert_eq!(Filter::Rated.decide(&tht, d), Some(false));
    /// assert_eq!(Filter::Rated.decide_with(&tht, d, true), Some(true));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn decide_with(
        &self,
        org: &Cooperative,
        at: NaiveDate,
        groups_rated: bool,
    ) -> Option<bool> {
        Some(match self {
            Filter::All { of } => {
                let mut unknown = false;
                for f in of {
                    match f.decide_with(org, at, groups_rated) {
                        Some(false) => return Some(false),
                        None => unknown = true,
                        Some(true) => {}
                    }
                }
                return (!unknown).then_some(true);
            }
            Filter::Any { of } => {
                let mut unknown = false;
                for f in of {
                    match f.decide_with(org, at, groups_rated) {
                        Some(true) => return Some(true),
                        None => unknown = true,
                        Some(false) => {}
                    }
                }
                return (!unknown).then_some(false);
            }
            Filter::Not { filter } => return filter.decide_with(org, at, groups_rated).map(|b| !b),
            Filter::Number { name, op, value } => {
                let v = match NumericField::from_code(name) {
                    Some(f) => Field::of(f).value(org),
                    None => match org.extensions.get(name) {
                        Some(ExtValue::Number(n)) => Some(*n),
                        _ => None,
                    },
                };
                return v.map(|v| op.compare(v, *value));
            }
            other => other.decide_plain(org, at, groups_rated),
        })
    }

    /// [`Filter::decide`] for the filters that are never unknown.
    fn decide_plain(&self, org: &Cooperative, at: NaiveDate, groups_rated: bool) -> bool {
        let rated = groups_rated || org.kind.is_rated();
        match self {
            Filter::Everything => true,
            Filter::All { .. }
            | Filter::Any { .. }
            | Filter::Not { .. }
            | Filter::Number { .. } => self.decide_with(org, at, groups_rated) == Some(true),
            Filter::OrgKind { is } => is.contains(&org.kind),
            Filter::Status { is } => is.contains(&org.status),
            Filter::Active => org.is_active_at(at),
            Filter::Sector { is } => is.contains(&org.sector),
            Filter::Rated => rated && org.rating_in(at.year()).is_some(),
            Filter::Rating { is } => {
                rated && org.rating_in(at.year()).is_some_and(|r| is.contains(&r))
            }
            Filter::Flag { flag } => org.flags.contains(*flag),
            Filter::Province { is } => is.contains(&org.location.province),
            Filter::District { is } => org
                .location
                .district
                .as_ref()
                .is_some_and(|d| is.iter().any(|x| x == d)),
            Filter::Commune { is } => is.contains(&org.location.commune),
            Filter::EstablishedIn { window } => window.contains(org.established),
            Filter::Boolean { name, value } => {
                matches!(org.extensions.get(name), Some(ExtValue::Bool(b)) if b == value)
            }
        }
    }
}

impl fmt::Display for Filter {
    /// A compact English form for people, such as `all[kind in [htx], rated]`.
    ///
    /// ```
    /// use hoptac::{Filter, org::OrgKind};
    /// let f = Filter::all([Filter::kind(OrgKind::Cooperative), Filter::Rated]);
    /// assert_eq!(f.to_string(), "all[kind in [htx], rated]");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn list<T: fmt::Display>(f: &mut fmt::Formatter<'_>, items: &[T]) -> fmt::Result {
            f.write_str("[")?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{item}")?;
            }
            f.write_str("]")
        }
        match self {
            Filter::Everything => f.write_str("everything"),
            Filter::All { of } => {
                f.write_str("all")?;
                list(f, of)
            }
            Filter::Any { of } => {
                f.write_str("any")?;
                list(f, of)
            }
            Filter::Not { filter } => write!(f, "not({filter})"),
            Filter::OrgKind { is } => {
                f.write_str("kind in ")?;
                list(f, is)
            }
            Filter::Status { is } => {
                f.write_str("status in ")?;
                list(f, is)
            }
            Filter::Active => f.write_str("active"),
            Filter::Sector { is } => {
                f.write_str("sector in ")?;
                list(f, is)
            }
            Filter::Rated => f.write_str("rated"),
            Filter::Rating { is } => {
                f.write_str("rating in ")?;
                list(f, is)
            }
            Filter::Flag { flag } => write!(f, "{flag}"),
            Filter::Province { is } => {
                f.write_str("province in ")?;
                list(f, is)
            }
            Filter::District { is } => {
                f.write_str("district in ")?;
                list(f, is)
            }
            Filter::Commune { is } => {
                f.write_str("commune in ")?;
                list(f, is)
            }
            Filter::EstablishedIn { window } => write!(f, "established in {window}"),
            Filter::Number { name, op, value } => write!(f, "{name} {} {value}", op.symbol()),
            Filter::Boolean { name, value } => write!(f, "{name} = {value}"),
        }
    }
}
