//! Targets (mục tiêu cụ thể) and what they measure.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ids::TargetId;
use std::str::FromStr;

use crate::lang::{Labelled, Lang};
use crate::org::{code_enum, ParseCodeError};
use crate::plan::filter::{DateWindow, Field, Filter, Population};
use crate::threshold::Threshold;

code_enum! {
/// How the value of a measure over an external figure is scaled.
///
/// ```
/// use hoptac::FigureScale;
/// assert_eq!(FigureScale::Percent.factor(), rust_decimal::Decimal::ONE_HUNDRED);
/// ```
pub enum FigureScale[2] as "figure scale" {
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
    /// use hoptac::FigureScale;
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
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Measure {
    /// How many organisations match (số lượng): "khoảng 1.200 hợp tác xã".
    Count {
        /// Which organisations.
        filter: Filter,
        /// Where the filter starts from.
        #[serde(default, skip_serializing_if = "Population::is_default")]
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
        #[serde(default, skip_serializing_if = "Population::is_default")]
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
        #[serde(default, skip_serializing_if = "Population::is_default")]
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
        #[serde(default, skip_serializing_if = "Population::is_default")]
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
        #[serde(default, skip_serializing_if = "Population::is_default")]
        population: Population,
    },
    /// A registry measure divided by an external figure supplied at
    /// evaluation time (so với số liệu ngoài): members over the population,
    /// new cooperative groups per commune. The base must be a
    /// [`Measure::Count`], [`Measure::New`] or [`Measure::Sum`].
    Against {
        /// The measure above the line.
        base: Box<Measure>,
        /// The external figure's name, such as `population` or `communes`.
        figure: String,
        /// Percent of the figure, or per unit of it.
        scale: FigureScale,
    },
    /// A value no registry holds, supplied as a reported value for the target
    /// (số liệu báo cáo): training classes held, handbooks printed.
    Reported,
}

impl Measure {
    /// The measure's kind as a stable snake_case word.
    ///
    /// ```
    /// use hoptac::{Filter, Measure};
    /// let m = Measure::Count { filter: Filter::Everything, population: Default::default() };
    /// assert_eq!(m.kind_name(), "count");
    /// assert_eq!(Measure::Reported.kind_name(), "reported");
    /// // The kind name is the JSON tag.
    /// assert_eq!(serde_json::to_value(&m)?["kind"], m.kind_name());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn kind_name(&self) -> &'static str {
        match self {
            Measure::Count { .. } => "count",
            Measure::New { .. } => "new",
            Measure::Sum { .. } => "sum",
            Measure::Share { .. } => "share",
            Measure::RatioOfSums { .. } => "ratio_of_sums",
            Measure::Mean { .. } => "mean",
            Measure::Against { .. } => "against",
            Measure::Reported => "reported",
        }
    }

    /// Whether the measure reads the registry (every kind but
    /// [`Measure::Reported`]).
    ///
    /// ```
    /// use hoptac::{Field, Filter, Measure};
    /// let m = Measure::Mean { field: Field::AvgIncomeVnd, filter: Filter::Everything, population: Default::default() };
    /// assert!(m.uses_registry());
    /// assert!(!Measure::Reported.uses_registry());
    /// ```
    pub fn uses_registry(&self) -> bool {
        !matches!(self, Measure::Reported)
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
            Measure::Against { base, .. } => base
                .filters()
                .into_iter()
                .map(|(_, f)| ("base.filter", f))
                .collect(),
            Measure::Reported => Vec::new(),
        }
    }
}

impl Labelled for Measure {
    fn label(&self, lang: Lang) -> &str {
        let vi = lang == Lang::Vi;
        match self {
            Measure::Count { .. } => {
                if vi {
                    "số lượng"
                } else {
                    "count"
                }
            }
            Measure::New { .. } => {
                if vi {
                    "thành lập mới"
                } else {
                    "newly established"
                }
            }
            Measure::Sum { .. } => {
                if vi {
                    "tổng"
                } else {
                    "sum"
                }
            }
            Measure::Share { .. } => {
                if vi {
                    "tỷ lệ"
                } else {
                    "share"
                }
            }
            Measure::RatioOfSums { .. } => {
                if vi {
                    "tỷ lệ giữa hai tổng"
                } else {
                    "ratio of sums"
                }
            }
            Measure::Mean { .. } => {
                if vi {
                    "bình quân"
                } else {
                    "mean"
                }
            }
            Measure::Against { .. } => {
                if vi {
                    "so với số liệu ngoài"
                } else {
                    "against an external figure"
                }
            }
            Measure::Reported => {
                if vi {
                    "số liệu báo cáo"
                } else {
                    "reported value"
                }
            }
        }
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
/// use hoptac::Baseline;
/// let b: Baseline = serde_json::from_str(r#"{"value":"45.5","at":"2022-12-31"}"#)?;
/// assert_eq!(b.value.to_string(), "45.5");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The value, in the target's unit.
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    /// When it held.
    pub at: NaiveDate,
    /// Where it comes from (a report, a statistic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A measurable target of a plan (mục tiêu cụ thể): what is measured, the
/// threshold to meet, and by when.
///
/// ```
/// use hoptac::{Filter, Measure, OrgKind, Target, TargetId, Threshold};
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
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The stable id.
    pub id: TargetId,
    /// Label in Vietnamese, close to the plan's wording.
    pub label_vi: String,
    /// Label in English.
    pub label_en: String,
    /// What is measured.
    pub measure: Measure,
    /// What the value must reach.
    pub threshold: Threshold,
    /// By when (the last day counts).
    pub deadline: NaiveDate,
    /// A known earlier value, for progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
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
    pub assumptions: Vec<String>,
}

impl Target {
    /// A target with no baseline, parent, source text, notes or assumptions.
    ///
    /// ```
    /// use hoptac::{Filter, Measure, OrgKind, Target, TargetId, Threshold};
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
            label_vi: label_vi.into(),
            label_en: label_en.into(),
            measure,
            threshold,
            deadline,
            baseline: None,
            parent: None,
            source_text: None,
            notes: Vec::new(),
            assumptions: Vec::new(),
        }
    }

    /// The label in `lang`.
    ///
    /// ```
    /// use hoptac::Lang;
    /// let plan = hoptac::catalog::get("nghe-an-363-2023").ok_or("no such plan")?;
    /// let target = plan.target("na2030.htx.count").ok_or("no such target")?;
    /// assert_eq!(target.label_in(Lang::Vi), "Khoảng 1.200 hợp tác xã");
    /// assert_eq!(target.label_in(Lang::En), "About 1,200 cooperatives");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn label_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.label_vi,
            Lang::En => &self.label_en,
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.id, self.label_en)
    }
}
