//! Targets (mục tiêu cụ thể) and what they measure.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ids::TargetId;

use crate::bilingual::Bilingual;
use crate::lang::{Labelled, Lang};
use crate::plan::filter::{DateWindow, Field, Filter, Population};
use crate::plan::Assumption;
use crate::threshold::Threshold;
use crate::vocab::code_enum;

code_enum! {
/// How the value of a measure over an external figure is scaled.
///
/// ```
/// use hoptac::plan::FigureScale;
/// assert_eq!(FigureScale::Percent.factor(), rust_decimal::Decimal::ONE_HUNDRED);
/// ```
pub enum FigureScale[2] as "figure scale" in "plan::" {
        /// In percent of the figure (phần trăm): "tối thiểu 20% dân số".
        Percent = "percent", vi "phần trăm", en "percent";
        /// Per unit of the figure (bình quân trên một đơn vị): "bình quân 01 Tổ hợp tác/xã".
        PerUnit = "per_unit", vi "bình quân trên đơn vị", en "per unit";
    }
}

impl FigureScale {
    /// What the quotient is multiplied by: 100 for percent, 1 per unit.
    ///
    /// ```
    /// use hoptac::plan::FigureScale;
    /// use rust_decimal::Decimal;
    /// assert_eq!(FigureScale::Percent.factor(), Decimal::ONE_HUNDRED);
    /// assert_eq!(FigureScale::PerUnit.factor(), Decimal::ONE);
    /// ```
    pub fn factor(self) -> Decimal {
        match self {
            FigureScale::Percent => Decimal::ONE_HUNDRED,
            FigureScale::PerUnit => Decimal::ONE,
        }
    }
}

code_enum! {
/// The kind of a [`Measure`] (loại chỉ tiêu), as results name it.
///
/// ```
/// use hoptac::{Filter, Labelled, Lang, Measure, plan::MeasureKind};
/// let m = Measure::count(Filter::Everything);
/// assert_eq!(m.kind(), MeasureKind::Count);
/// assert_eq!(MeasureKind::RatioOfSums.label(Lang::Vi), "tỷ lệ giữa hai tổng");
/// // The kind's code is the measure's JSON tag.
/// assert_eq!(serde_json::to_value(&m)?["kind"], m.kind().code());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub enum MeasureKind[8] as "measure kind" in "plan::" {
        /// [`Measure::Count`].
        Count = "count", vi "số lượng", en "count";
        /// [`Measure::New`].
        New = "new", vi "thành lập mới", en "newly established";
        /// [`Measure::Sum`].
        Sum = "sum", vi "tổng", en "sum";
        /// [`Measure::Share`].
        Share = "share", vi "tỷ lệ", en "share";
        /// [`Measure::RatioOfSums`].
        RatioOfSums = "ratio_of_sums", vi "tỷ lệ giữa hai tổng", en "ratio of sums";
        /// [`Measure::Mean`].
        Mean = "mean", vi "bình quân", en "mean";
        /// [`Measure::Against`].
        Against = "against", vi "so với số liệu ngoài", en "against an external figure";
        /// [`Measure::Reported`].
        Reported = "reported", vi "số liệu báo cáo", en "reported value";
    }
}

/// What a measure against an external figure divides (tử số): a count, a
/// count of new organisations, or a sum. Only these make sense over a
/// figure, and the type holds only these: [`FigureBase::new`] and JSON
/// refuse any other measure.
///
/// JSON: the measure's own object.
///
/// ```
/// use hoptac::{plan::{Field, FigureBase, FigureScale}, Filter, Measure};
/// let members = FigureBase::sum(Field::Members, Filter::Everything);
/// let m = Measure::against(members, "population", FigureScale::Percent);
/// assert_eq!(m.kind().code(), "against");
/// let back: FigureBase = serde_json::from_str(r#"{"kind": "count", "filter": {"kind": "everything"}}"#)?;
/// assert_eq!(back.measure(), &Measure::count(Filter::Everything));
/// let err = serde_json::from_str::<FigureBase>(r#"{"kind": "reported"}"#).unwrap_err();
/// assert!(err.to_string().contains("a count, a count of new organisations or a sum, not a reported value"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Measure", into = "Measure")]
pub struct FigureBase(Box<Measure>);

/// A measure that cannot be divided by an external figure (see
/// [`FigureBase`]).
///
/// ```
/// use hoptac::{plan::FigureBase, Filter, Measure};
/// let err = FigureBase::new(Measure::share(Filter::Rated, Filter::Everything)).unwrap_err();
/// assert_eq!(err.to_string(), "a measure against a figure divides a count, a count of new organisations or a sum, not a share");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a measure against a figure divides a count, a count of new organisations or a sum, not a {}", .kind.label(Lang::En))]
pub struct FigureBaseError {
    kind: MeasureKind,
}

impl FigureBase {
    /// `measure` as the base of a measure against a figure.
    ///
    /// # Errors
    ///
    /// [`FigureBaseError`] for any measure but a count, new or sum.
    ///
    /// ```
    /// use hoptac::{plan::FigureBase, Filter, Measure};
    /// assert!(FigureBase::new(Measure::count(Filter::Everything)).is_ok());
    /// assert!(FigureBase::new(Measure::Reported).is_err());
    /// ```
    pub fn new(measure: Measure) -> Result<FigureBase, FigureBaseError> {
        match measure {
            Measure::Count { .. } | Measure::New { .. } | Measure::Sum { .. } => {
                Ok(FigureBase(Box::new(measure)))
            }
            other => Err(FigureBaseError { kind: other.kind() }),
        }
    }

    /// A count of the active organisations matching `filter`.
    ///
    /// ```
    /// use hoptac::{plan::FigureBase, Filter, Measure};
    /// assert_eq!(FigureBase::count(Filter::Rated).measure(), &Measure::count(Filter::Rated));
    /// ```
    pub fn count(filter: Filter) -> FigureBase {
        FigureBase(Box::new(Measure::count(filter)))
    }

    /// A count of the organisations matching `filter` established in `window`.
    ///
    /// ```
    /// use hoptac::{plan::{DateWindow, FigureBase}, Filter};
    /// let w = DateWindow::new("2023-01-01".parse()?, "2023-12-31".parse()?)?;
    /// assert_eq!(FigureBase::new_in(Filter::Everything, w).measure().kind().code(), "new");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new_in(filter: Filter, window: DateWindow) -> FigureBase {
        FigureBase(Box::new(Measure::new_in(filter, window)))
    }

    /// `field` summed over the active organisations matching `filter`.
    ///
    /// ```
    /// use hoptac::{plan::{Field, FigureBase}, Filter};
    /// assert_eq!(FigureBase::sum(Field::Members, Filter::Everything).measure().kind().code(), "sum");
    /// ```
    pub fn sum(field: Field, filter: Filter) -> FigureBase {
        FigureBase(Box::new(Measure::sum(field, filter)))
    }

    /// The measure: a [`Measure::Count`], [`Measure::New`] or [`Measure::Sum`].
    ///
    /// ```
    /// use hoptac::{plan::FigureBase, Filter, Measure};
    /// assert!(matches!(FigureBase::count(Filter::Everything).measure(), Measure::Count { .. }));
    /// ```
    pub fn measure(&self) -> &Measure {
        &self.0
    }

    /// Its filter.
    ///
    /// ```
    /// use hoptac::{plan::FigureBase, Filter};
    /// assert_eq!(FigureBase::count(Filter::Rated).filter(), &Filter::Rated);
    /// ```
    pub fn filter(&self) -> &Filter {
        match self.measure() {
            Measure::Count { filter, .. }
            | Measure::New { filter, .. }
            | Measure::Sum { filter, .. } => filter,
            _ => unreachable!("a figure's base is a count, new or sum"),
        }
    }
}

impl TryFrom<Measure> for FigureBase {
    type Error = FigureBaseError;

    fn try_from(measure: Measure) -> Result<FigureBase, FigureBaseError> {
        FigureBase::new(measure)
    }
}

/// The schema of the measures a [`FigureBase`] holds: [`Measure`]'s, less
/// every kind but a count, a count of new organisations and a sum.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for FigureBase {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FigureBase".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        const KINDS: [MeasureKind; 3] = [MeasureKind::Count, MeasureKind::New, MeasureKind::Sum];
        let mut schema = Measure::json_schema(generator);
        if let Some(serde_json::Value::Array(variants)) = schema.get_mut("oneOf") {
            variants.retain(|variant| {
                variant
                    .pointer("/properties/kind/const")
                    .and_then(serde_json::Value::as_str)
                    .is_some_and(|kind| KINDS.iter().any(|k| k.code() == kind))
            });
        }
        schema.insert(
            "description".into(),
            "The measure above the line of a measure against a figure: a count, a count of new organisations or a sum.".into(),
        );
        schema
    }
}

impl From<FigureBase> for Measure {
    fn from(base: FigureBase) -> Measure {
        *base.0
    }
}

impl fmt::Display for FigureBase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.measure().fmt(f)
    }
}

/// What a target measures (cách tính chỉ tiêu), over a registry snapshot.
///
/// Every kind but [`Measure::New`] and [`Measure::Reported`] starts from a
/// [`Population`] (by default the organisations active at the snapshot date)
/// and keeps those matching its filter. Shares and ratios are in percent
/// units. The crate's design notes ([`crate::_design`]) give the exact
/// meaning of each kind.
///
/// JSON: internally tagged by `kind`:
///
/// ```
/// use hoptac::Measure;
/// let m: Measure = serde_json::from_str(r#"{
///     "kind": "share",
///     "numerator": {"kind": "rating", "is": ["good", "fair"]},
///     "denominator": {"kind": "rated"}
/// }"#)?;
/// assert!(matches!(m, Measure::Share { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Measure {
    /// How many organisations match (số lượng): "khoảng 1.200 hợp tác xã".
    Count {
        /// Which organisations.
        filter: Filter,
        /// Where the filter starts from.
        #[serde(
            default,
            skip_serializing_if = "Population::is_default",
            with = "crate::plan::tagged::TaggedPopulation"
        )]
        population: Population,
    },
    /// How many organisations matching `filter` were established inside the
    /// window (thành lập mới), whatever their status now. The window's end is
    /// clipped at the snapshot date; a window not yet begun counts 0.
    New {
        /// Which organisations.
        filter: Filter,
        /// When they were established.
        window: DateWindow,
    },
    /// A field summed over the organisations matching `filter` (tổng):
    /// "khoảng 278.000 thành viên". Organisations without a value are
    /// counted as missing.
    Sum {
        /// The field.
        field: Field,
        /// Which organisations.
        filter: Filter,
        /// Where the filter starts from.
        #[serde(
            default,
            skip_serializing_if = "Population::is_default",
            with = "crate::plan::tagged::TaggedPopulation"
        )]
        population: Population,
    },
    /// Organisations matching `numerator` among those matching `denominator`,
    /// in percent (tỷ lệ).
    Share {
        /// Which of the denominator's organisations count.
        numerator: Filter,
        /// Which organisations are counted at all.
        denominator: Filter,
        /// Where the denominator starts from.
        #[serde(
            default,
            skip_serializing_if = "Population::is_default",
            with = "crate::plan::tagged::TaggedPopulation"
        )]
        population: Population,
    },
    /// One field's sum over another's, in percent, both over the organisations
    /// matching `filter` that report both fields (tỷ lệ giữa hai tổng).
    RatioOfSums {
        /// The field summed above the line.
        numerator: Field,
        /// The field summed below the line.
        denominator: Field,
        /// Which organisations.
        filter: Filter,
        /// Where the filter starts from.
        #[serde(
            default,
            skip_serializing_if = "Population::is_default",
            with = "crate::plan::tagged::TaggedPopulation"
        )]
        population: Population,
    },
    /// A field averaged over the organisations matching `filter` that report
    /// it (bình quân); the others are missing, never zero.
    Mean {
        /// The field.
        field: Field,
        /// Which organisations.
        filter: Filter,
        /// Where the filter starts from.
        #[serde(
            default,
            skip_serializing_if = "Population::is_default",
            with = "crate::plan::tagged::TaggedPopulation"
        )]
        population: Population,
    },
    /// A registry measure divided by an external figure supplied at
    /// evaluation time (so với số liệu ngoài): members over the population,
    /// new cooperative groups per commune. The base is a count, a count of
    /// new organisations or a sum ([`FigureBase`]).
    Against {
        /// The measure above the line.
        base: FigureBase,
        /// The external figure's name, such as `population` or `communes`.
        figure: String,
        /// Percent of the figure, or per unit of it.
        #[serde(with = "crate::plan::tagged::TaggedScale")]
        scale: FigureScale,
    },
    /// A value no registry holds, supplied as a reported value for the target
    /// (số liệu báo cáo): training classes held, handbooks printed.
    Reported,
}

impl Measure {
    /// The measure's kind.
    ///
    /// ```
    /// use hoptac::{Filter, Measure, plan::MeasureKind};
    /// assert_eq!(Measure::count(Filter::Everything).kind(), MeasureKind::Count);
    /// assert_eq!(Measure::Reported.kind(), MeasureKind::Reported);
    /// ```
    pub fn kind(&self) -> MeasureKind {
        match self {
            Measure::Count { .. } => MeasureKind::Count,
            Measure::New { .. } => MeasureKind::New,
            Measure::Sum { .. } => MeasureKind::Sum,
            Measure::Share { .. } => MeasureKind::Share,
            Measure::RatioOfSums { .. } => MeasureKind::RatioOfSums,
            Measure::Mean { .. } => MeasureKind::Mean,
            Measure::Against { .. } => MeasureKind::Against,
            Measure::Reported => MeasureKind::Reported,
        }
    }

    /// How many organisations match, among those active at the snapshot
    /// date ([`Measure::Count`]).
    ///
    /// ```
    /// use hoptac::{Filter, Measure, org::OrgKind};
    /// let m = Measure::count(Filter::kind(OrgKind::Cooperative));
    /// assert_eq!(m.to_string(), "count of active where kind in [htx]");
    /// ```
    pub fn count(filter: Filter) -> Measure {
        Measure::Count {
            filter,
            population: Population::Active,
        }
    }

    /// Organisations matching `filter` established inside `window`
    /// ([`Measure::New`]).
    ///
    /// ```
    /// use hoptac::{plan::DateWindow, Filter, Measure, org::OrgKind};
    /// let window = DateWindow::new("2021-01-01".parse()?, "2025-12-31".parse()?)?;
    /// let m = Measure::new_in(Filter::kind(OrgKind::Cooperative), window);
    /// assert_eq!(m.kind().code(), "new");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new_in(filter: Filter, window: DateWindow) -> Measure {
        Measure::New { filter, window }
    }

    /// `field` summed over the active organisations matching `filter`
    /// ([`Measure::Sum`]).
    ///
    /// ```
    /// use hoptac::{plan::Field, Filter, Measure, org::OrgKind};
    /// let m = Measure::sum(Field::Members, Filter::kind(OrgKind::Cooperative));
    /// assert_eq!(m.kind().code(), "sum");
    /// ```
    pub fn sum(field: Field, filter: Filter) -> Measure {
        Measure::Sum {
            field,
            filter,
            population: Population::Active,
        }
    }

    /// The active organisations matching `numerator` among those matching
    /// `denominator`, in percent ([`Measure::Share`]).
    ///
    /// ```
    /// use hoptac::{Filter, Measure};
    /// let m = Measure::share(Filter::fair_or_better(), Filter::Rated);
    /// assert_eq!(m.kind().code(), "share");
    /// ```
    pub fn share(numerator: Filter, denominator: Filter) -> Measure {
        Measure::Share {
            numerator,
            denominator,
            population: Population::Active,
        }
    }

    /// One field's sum over another's, in percent, over the active
    /// organisations matching `filter` ([`Measure::RatioOfSums`]).
    ///
    /// ```
    /// use hoptac::{plan::Field, Filter, Measure};
    /// let m = Measure::ratio_of_sums(Field::KeyStaffTrained, Field::KeyStaff, Filter::Everything);
    /// assert_eq!(m.kind().code(), "ratio_of_sums");
    /// ```
    pub fn ratio_of_sums(numerator: Field, denominator: Field, filter: Filter) -> Measure {
        Measure::RatioOfSums {
            numerator,
            denominator,
            filter,
            population: Population::Active,
        }
    }

    /// `field` averaged over the active organisations matching `filter`
    /// that report it ([`Measure::Mean`]).
    ///
    /// ```
    /// use hoptac::{plan::Field, Filter, Measure};
    /// let m = Measure::mean(Field::RevenueVnd, Filter::Everything);
    /// assert_eq!(m.kind().code(), "mean");
    /// ```
    pub fn mean(field: Field, filter: Filter) -> Measure {
        Measure::Mean {
            field,
            filter,
            population: Population::Active,
        }
    }

    /// `base` divided by the external figure `figure` ([`Measure::Against`]).
    ///
    /// ```
    /// use hoptac::{plan::Field, Filter, plan::FigureBase, plan::FigureScale, Measure};
    /// let base = FigureBase::sum(Field::Members, Filter::Everything);
    /// let m = Measure::against(base, "population", FigureScale::Percent);
    /// assert_eq!(m.kind().code(), "against");
    /// ```
    pub fn against(base: FigureBase, figure: impl Into<String>, scale: FigureScale) -> Measure {
        Measure::Against {
            base,
            figure: figure.into(),
            scale,
        }
    }

    /// The same measure starting from another population; a measure
    /// without one (new, against, reported) is returned unchanged.
    ///
    /// ```
    /// use hoptac::{Filter, Measure, plan::Population};
    /// let m = Measure::count(Filter::Everything).with_population(Population::AnyStatus);
    /// assert!(matches!(m, Measure::Count { population: Population::AnyStatus, .. }));
    /// ```
    pub fn with_population(mut self, to: Population) -> Measure {
        match &mut self {
            Measure::Count { population, .. }
            | Measure::Sum { population, .. }
            | Measure::Share { population, .. }
            | Measure::RatioOfSums { population, .. }
            | Measure::Mean { population, .. } => *population = to,
            Measure::New { .. } | Measure::Against { .. } | Measure::Reported => {}
        }
        self
    }

    /// Whether the measure reads the registry (every kind but
    /// [`Measure::Reported`]).
    ///
    /// ```
    /// use hoptac::{plan::Field, Filter, Measure};
    /// let m = Measure::Mean { field: Field::AvgIncomeVnd, filter: Filter::Everything, population: Default::default() };
    /// assert!(m.uses_registry());
    /// assert!(!Measure::Reported.uses_registry());
    /// ```
    pub fn uses_registry(&self) -> bool {
        !matches!(self, Measure::Reported)
    }

    /// Every numeric field the measure reads, with its place in the
    /// measure (`field`, `numerator`, `base.field` ...).
    ///
    /// ```
    /// use hoptac::{plan::Field, Filter, Measure};
    /// let m = Measure::ratio_of_sums(Field::KeyStaffTrained, Field::KeyStaff, Filter::Everything);
    /// assert_eq!(m.fields(), [("numerator", &Field::KeyStaffTrained), ("denominator", &Field::KeyStaff)]);
    /// assert!(Measure::count(Filter::Everything).fields().is_empty());
    /// ```
    pub fn fields(&self) -> Vec<(&'static str, &Field)> {
        match self {
            Measure::Sum { field, .. } | Measure::Mean { field, .. } => vec![("field", field)],
            Measure::RatioOfSums {
                numerator,
                denominator,
                ..
            } => vec![("numerator", numerator), ("denominator", denominator)],
            Measure::Against { base, .. } => match base.measure() {
                Measure::Sum { field, .. } => vec![("base.field", field)],
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// The extension columns the measure reads: in its fields and in its
    /// filters' size and yes-or-no tests, in order, once each.
    ///
    /// ```
    /// use hoptac::{plan::Field, plan::NumberOp, Filter, Measure};
    /// let f = Filter::all([
    ///     Filter::Boolean { name: "organic".into(), value: true },
    ///     Filter::size(Field::Members, NumberOp::Gt, 200.into()), // built in
    /// ]);
    /// let m = Measure::sum(Field::Extension { name: "area_ha".into() }, f);
    /// assert_eq!(m.extension_columns(), ["area_ha", "organic"]);
    /// ```
    pub fn extension_columns(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for (_, field) in self.fields() {
            if let Field::Extension { name } = field {
                out.push(name);
            }
        }
        for (_, filter) in self.filters() {
            let mut stack = vec![filter];
            while let Some(f) = stack.pop() {
                match f {
                    Filter::Boolean { name, .. } => out.push(name),
                    Filter::Number { name, .. }
                        if f.size_field().is_some_and(|x| x.built_in().is_none()) =>
                    {
                        out.push(name)
                    }
                    _ => {}
                }
                stack.extend(f.children().iter().rev());
            }
        }
        let mut seen = std::collections::HashSet::new();
        out.retain(|n| seen.insert(*n));
        out
    }

    /// Every filter the measure uses, for validation.
    ///
    /// ```
    /// use hoptac::{Filter, Measure};
    /// let m = Measure::Share {
    ///     numerator: Filter::fair_or_better(),
    ///     denominator: Filter::Rated,
    ///     population: Default::default(),
    /// };
    /// let names: Vec<&str> = m.filters().into_iter().map(|(name, _)| name).collect();
    /// assert_eq!(names, ["numerator", "denominator"]);
    /// assert!(Measure::Reported.filters().is_empty());
    /// ```
    pub fn filters(&self) -> Vec<(&'static str, &Filter)> {
        match self {
            Measure::Count { filter, .. }
            | Measure::New { filter, .. }
            | Measure::Sum { filter, .. }
            | Measure::RatioOfSums { filter, .. }
            | Measure::Mean { filter, .. } => vec![("filter", filter)],
            Measure::Share {
                numerator,
                denominator,
                ..
            } => vec![("numerator", numerator), ("denominator", denominator)],
            Measure::Against { base, .. } => vec![("base.filter", base.filter())],
            Measure::Reported => Vec::new(),
        }
    }

    /// Whether the measure names cooperative groups (tổ hợp tác, THT)
    /// explicitly: its filter, or a share's numerator or denominator,
    /// selects the kind THT ([`Filter::selects_cooperative_groups`]). Such a
    /// target counts the ratings recorded for cooperative groups, which some
    /// provinces keep by their own criteria ("mỗi xã có ít nhất 01 tổ hợp tác
    /// hoạt động khá, tốt"); every other target ignores them.
    ///
    /// ```
    /// use hoptac::{Filter, Measure, org::OrgKind};
    /// let tht = Filter::kind(OrgKind::CooperativeGroup);
    /// assert!(Measure::share(Filter::fair_or_better(), tht).names_cooperative_groups());
    /// assert!(!Measure::count(Filter::fair_or_better()).names_cooperative_groups());
    /// ```
    pub fn names_cooperative_groups(&self) -> bool {
        self.filters()
            .iter()
            .any(|(_, f)| f.selects_cooperative_groups())
    }
}

impl Labelled for Measure {
    fn label(&self, lang: Lang) -> &str {
        static KINDS: [MeasureKind; 8] = MeasureKind::ALL;
        KINDS[self.kind().index()].label(lang)
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Measure::Count { filter, population } => {
                write!(f, "count of {} where {filter}", population.label(Lang::En))
            }
            Measure::New { filter, window } => {
                write!(f, "established in {window} where {filter}")
            }
            Measure::Sum {
                field,
                filter,
                population,
            } => {
                write!(
                    f,
                    "sum of {field} over {} where {filter}",
                    population.label(Lang::En)
                )
            }
            Measure::Share {
                numerator,
                denominator,
                population,
            } => write!(
                f,
                "share where {numerator} among {} where {denominator}",
                population.label(Lang::En)
            ),
            Measure::RatioOfSums {
                numerator,
                denominator,
                filter,
                population,
            } => write!(
                f,
                "sum of {numerator} over sum of {denominator}, {} where {filter}",
                population.label(Lang::En)
            ),
            Measure::Mean {
                field,
                filter,
                population,
            } => {
                write!(
                    f,
                    "mean of {field} over {} where {filter}",
                    population.label(Lang::En)
                )
            }
            Measure::Against {
                base,
                figure,
                scale,
            } => {
                write!(f, "({base}) {} of figure `{figure}`", scale.label(Lang::En))
            }
            Measure::Reported => f.write_str("reported value"),
        }
    }
}

/// A known value of a target's measure at a date (giá trị cơ sở), from which
/// progress is counted.
///
/// ```
/// use hoptac::plan::Baseline;
/// let b: Baseline = serde_json::from_str(r#"{"value":"45.5","at":"2022-12-31"}"#)?;
/// assert_eq!(b.value.to_string(), "45.5");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The value, in the target's unit.
    #[serde(with = "crate::serde_util::DecimalStr")]
    pub value: Decimal,
    /// When it held.
    #[serde(with = "crate::serde_util::DateStr")]
    pub at: NaiveDate,
    /// Where it comes from (a report, a statistic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A measurable target of a plan (mục tiêu cụ thể): what is measured, the
/// threshold to meet, and by when.
///
/// ```
/// use hoptac::{Filter, Measure, org::OrgKind, Target, plan::TargetId, Threshold};
/// use chrono::NaiveDate;
/// let target = Target::new(
///     TargetId::new("na2030.htx.count")?,
///     "Khoảng 1.200 hợp tác xã",
///     "About 1,200 cooperatives",
///     Measure::Count { filter: Filter::kind(OrgKind::Cooperative), population: Default::default() },
///     "khoảng 1.200 hợp tác xã".parse::<Threshold>()?,
///     NaiveDate::from_ymd_opt(2030, 12, 31).ok_or("date")?,
/// );
/// assert_eq!(target.to_string(), "na2030.htx.count: About 1,200 cooperatives");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The stable id.
    pub id: TargetId,
    /// The label: in Vietnamese close to the plan's wording, and in English.
    pub label: Bilingual,
    /// What is measured.
    pub measure: Measure,
    /// What the value must reach.
    pub threshold: Threshold,
    /// By when (the last day counts).
    #[serde(with = "crate::serde_util::DateStr")]
    pub deadline: NaiveDate,
    /// A known earlier value, for progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    /// A target on growth rather than on a level: the threshold is then the
    /// percent of growth ("tăng 8% so với năm 2021", "tăng bình quân
    /// 6,5%/năm"); see [`Growth`](crate::plan::Growth).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth: Option<crate::plan::Growth>,
    /// For a reported target with values for several years: whether they
    /// add up or the latest counts (see
    /// [`Accumulation`](crate::plan::Accumulation)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accumulation: Option<crate::plan::Accumulation>,
    /// A breakdown of the target's numbers by district, commune, province,
    /// sector or kind, given in its result beside the whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdown: Option<crate::plan::GroupBy>,
    /// A target asked of every place of a list ("mỗi xã có ít nhất 1
    /// HTX", "100% số xã đạt chuẩn NTM có HTX", "bình quân mỗi xã 2 THT");
    /// see [`PerPlace`](crate::plan::PerPlace).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub places: Option<crate::plan::PerPlace>,
    /// The target this one is "of which" (trong đó) part of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<TargetId>,
    /// The plan's own words for the target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_text: Option<String>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Readings of the text that it leaves open, made when encoding it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<Assumption>,
}

impl Target {
    /// A target with no baseline, parent, source text, notes or assumptions.
    ///
    /// ```
    /// use hoptac::{Filter, Measure, org::OrgKind, Target, plan::TargetId, Threshold};
    /// let target = Target::new(
    ///     TargetId::new("na2030.tht.count")?,
    ///     "Khoảng 1.000 tổ hợp tác",
    ///     "About 1,000 cooperative groups",
    ///     Measure::Count { filter: Filter::kind(OrgKind::CooperativeGroup), population: Default::default() },
    ///     "khoảng 1.000 tổ hợp tác".parse::<Threshold>()?,
    ///     "2030-12-31".parse()?,
    /// );
    /// assert_eq!(target.deadline.to_string(), "2030-12-31");
    /// assert!(target.baseline.is_none() && target.parent.is_none() && target.notes.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: TargetId,
        label_vi: impl Into<String>,
        label_en: impl Into<String>,
        measure: Measure,
        threshold: Threshold,
        deadline: NaiveDate,
    ) -> Target {
        Target {
            id,
            label: Bilingual::both(label_vi, label_en),
            measure,
            threshold,
            deadline,
            baseline: None,
            growth: None,
            accumulation: None,
            breakdown: None,
            places: None,
            parent: None,
            source_text: None,
            notes: Vec::new(),
            assumptions: Vec::new(),
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.id, self.label.get(Lang::En))
    }
}
