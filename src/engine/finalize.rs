//! From tallies to results: values, thresholds, statuses, progress and trends.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::bilingual::Bilingual;
use crate::engine::tally::{Parts, Tally};
use crate::engine::Inputs;
use crate::ids::TargetId;

use crate::lang::{Labelled, Lang};
use crate::plan::{Accumulation, Field, FigureScale, Growth, Measure, MeasureKind, Target};
use crate::threshold::{Comparator, Direction, Threshold};
use crate::vocab::code_enum;

code_enum! {
/// Where a target stands (tình trạng thực hiện mục tiêu).
///
/// ```
/// use hoptac::{Labelled, Lang, TargetStatus};
/// assert_eq!(TargetStatus::OnTrack.label(Lang::Vi), "đúng tiến độ");
/// assert_eq!(serde_json::to_string(&TargetStatus::NoData)?, "\"no_data\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub enum TargetStatus[7] as "target status" in "" {
        /// The value meets the threshold (đã đạt).
        Achieved = "achieved", vi "đã đạt", en "achieved";
        /// The value meets the threshold now, the deadline is still ahead, and the trend through the history (the projection of [`Pace::projected`]) does not meet it at the deadline (đã đạt, có nguy cơ không giữ được).
        AtRisk = "at_risk", vi "đã đạt, có nguy cơ không giữ được", en "achieved, at risk";
        /// Not met yet, not due yet, and the trend or the line from the baseline says it will be (đúng tiến độ).
        OnTrack = "on_track", vi "đúng tiến độ", en "on track";
        /// Not met yet, not due yet, and the trend or the line from the baseline says it will not be (chậm tiến độ).
        Behind = "behind", vi "chậm tiến độ", en "behind";
        /// Not met, not due yet, and nothing to judge the pace by (đang thực hiện).
        InProgress = "in_progress", vi "đang thực hiện", en "in progress";
        /// The deadline has been reached without meeting it (không đạt): on the deadline day itself the value is final.
        Missed = "missed", vi "không đạt", en "missed";
        /// No value: no snapshot, an empty denominator, no reported value, a missing external figure (không có số liệu).
        NoData = "no_data", vi "không có số liệu", en "no data";
    }
}

code_enum! {
/// How the pace of a target was judged.
///
/// ```
/// use hoptac::report::PaceBasis;
/// assert_eq!(serde_json::to_string(&PaceBasis::History)?, "\"history\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub enum PaceBasis[2] as "pace basis" in "report::" {
        /// A least-squares line through the values of two or more snapshots.
        History = "history", vi "xu hướng các kỳ", en "history";
        /// The straight line from the baseline to the threshold's goal.
        Baseline = "baseline", vi "đường từ giá trị cơ sở", en "baseline";
    }
}

/// The pace of a target: its trend, where it is heading, and what the line
/// to the goal expects now.
///
/// ```
/// use hoptac::{report::Pace, report::PaceBasis};
/// let p = Pace { basis: PaceBasis::History, points: 3, per_year: Some(50.into()), projected: Some(1250.into()), expected_now: None };
/// assert_eq!(p.points, 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Pace {
    /// What the judgement rests on.
    pub basis: PaceBasis,
    /// How many values the trend is fitted to (with [`PaceBasis::History`]).
    pub points: usize,
    /// Change per year of 365 days (with history).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::OptionDecimalStr"
    )]
    pub per_year: Option<Decimal>,
    /// The value projected at the deadline (with history).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::OptionDecimalStr"
    )]
    pub projected: Option<Decimal>,
    /// What the straight line from the baseline to the goal expects at the
    /// snapshot date (with a baseline).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::OptionDecimalStr"
    )]
    pub expected_now: Option<Decimal>,
}

/// A target's value at an earlier snapshot (kết quả kỳ trước), one point
/// of the trend its pace is fitted to.
///
/// ```
/// use hoptac::report::HistoryPoint;
/// let p = HistoryPoint { date: "2024-12-31".parse()?, value: "61.5".parse()? };
/// assert_eq!(p.to_string(), "2024-12-31: 61.5");
/// let json = serde_json::to_string(&p)?;
/// assert_eq!(json, r#"{"date":"2024-12-31","value":"61.5"}"#);
/// assert_eq!(serde_json::from_str::<HistoryPoint>(&json)?, p);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HistoryPoint {
    /// The snapshot's date.
    #[serde(with = "crate::serde_util::DateStr")]
    pub date: NaiveDate,
    /// The target's value then, exact, in the target's unit.
    #[serde(with = "crate::serde_util::DecimalStr")]
    pub value: Decimal,
}

impl fmt::Display for HistoryPoint {
    /// `date: value`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.date.format("%Y-%m-%d"), self.value)
    }
}

/// The evaluation of one target (kết quả đánh giá mục tiêu).
///
/// `actual` is exact (shares and ratios in percent units, computed to 28
/// significant digits, which for counts decides every threshold exactly);
/// `met` and `status` are decided on it unrounded. Round only for display.
///
/// ```
/// use hoptac::{catalog, Inputs, Registry, Snapshot, TargetStatus};
/// use chrono::NaiveDate;
/// let plan = catalog::get("lang-son-538-2019").ok_or("plan")?;
/// let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
/// let report = plan.evaluate(&Registry::from(Snapshot::new(as_of)), &Inputs::new(as_of))?;
/// let paper = report.target("ls2025.htx.paper_only.count").ok_or("target")?;
/// assert_eq!(paper.actual, Some(0.into()));
/// assert_eq!(paper.status, TargetStatus::Achieved);
/// assert_eq!(paper.to_string(), "ls2025.htx.paper_only.count: 0 (achieved)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TargetResult {
    /// The target.
    pub id: TargetId,
    /// Its label.
    pub label: Bilingual,
    /// The measure's kind (`count`, `share` ...).
    pub measure: MeasureKind,
    /// The threshold.
    pub threshold: Threshold,
    /// The deadline.
    #[serde(with = "crate::serde_util::DateStr")]
    pub deadline: NaiveDate,
    /// The target this one is "of which" (trong đó) part of, as the plan
    /// says ([`Target::parent`](crate::Target::parent)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<TargetId>,
    /// The date of the snapshot the value comes from: the current one, or
    /// for a target whose deadline the as-of date is past, the latest on
    /// or before its deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "crate::serde_util::OptionDateStr")]
    pub snapshot: Option<NaiveDate>,
    /// The value, or `None` when there is no data.
    #[serde(with = "crate::serde_util::OptionDecimalStr")]
    pub actual: Option<Decimal>,
    /// The numbers behind the value (registry measures).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<Parts>,
    /// The external figure divided by, with its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<FigureUsed>,
    /// Whether the value meets the threshold; `None` without data.
    pub met: Option<bool>,
    /// For a range ("từ 10 - 15 HTX"), whether the value also reaches its
    /// aspiration, the top of the range (đạt mức phấn đấu); `None` for other
    /// thresholds and without data. Going past the aspiration is never a
    /// failure: `met` is decided by the floor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aspiration_reached: Option<bool>,
    /// Where the target stands.
    pub status: TargetStatus,
    /// Progress from the baseline towards the goal, in percent; `None`
    /// without a baseline.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::OptionDecimalStr"
    )]
    pub progress: Option<Decimal>,
    /// How the pace was judged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pace: Option<Pace>,
    /// Why there is no value, when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_data: Option<NoDataReason>,
    /// For a growth target: the base, the value and what the rate requires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth: Option<GrowthUsed>,
    /// For a target with a breakdown: each group's numbers, value and
    /// whether it meets the threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdown: Option<Breakdown>,
    /// The value at each earlier snapshot, oldest first: the points its
    /// [`Pace`] is fitted to besides the current value (empty without
    /// history, and for growth targets).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<HistoryPoint>,
    /// For a per-place target: how its places came out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub places: Option<super::places::PlacesResult>,
    /// Anything else worth knowing about the value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<super::Note>,
}

/// A target's breakdown (phân tổ): one result per group present in the
/// measure's population, in order of the groups. Counts and sums of the
/// groups add up to the whole's; shares, ratios and means are each group's
/// own numerator over its own denominator.
///
/// ```
/// use hoptac::{plan::GroupBy, report::Breakdown};
/// let b = Breakdown { by: GroupBy::District, groups: vec![] };
/// assert!(b.groups.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    /// What the groups are.
    pub by: crate::plan::GroupBy,
    /// One result per group.
    pub groups: Vec<GroupResult>,
}

/// One group of a [`Breakdown`]: its numbers, value, and whether it meets
/// the target's threshold.
///
/// ```
/// use hoptac::{report::GroupResult, tally::{GroupKey, Parts}};
/// let g = GroupResult { key: GroupKey { value: Some("Nam Đàn".into()), district: None },
///     parts: Parts::default(), actual: Some(3.into()), met: Some(false), no_data: None };
/// assert_eq!(g.to_string(), "Nam Đàn: 3");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupResult {
    /// The group.
    pub key: crate::engine::GroupKey,
    /// Its numbers.
    pub parts: Parts,
    /// Its value; `None` without data.
    #[serde(with = "crate::serde_util::OptionDecimalStr")]
    pub actual: Option<Decimal>,
    /// Whether its value meets the target's threshold.
    pub met: Option<bool>,
    /// Why it has no value, when it has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_data: Option<NoDataReason>,
}

impl fmt::Display for GroupResult {
    /// `group: value`, `—` for no data.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.actual {
            Some(v) => write!(f, "{}: {v}", self.key),
            None => write!(f, "{}: —", self.key),
        }
    }
}

/// The breakdown of a target from its tally's groups.
fn breakdown_of(
    target: &Target,
    tally: Option<&Tally>,
    figures: &BTreeMap<String, Decimal>,
) -> Option<Breakdown> {
    let by = target.breakdown?;
    if !missing_columns(target, tally).is_empty() {
        return None;
    }
    let tt = tally?.targets.iter().find(|t| t.target == target.id)?;
    let groups = tt
        .groups
        .iter()
        .map(|g| {
            let value = value_of(&target.measure, &g.parts, figures).map(|(v, _)| v.normalize());
            GroupResult {
                key: g.key.clone(),
                parts: g.parts.clone(),
                actual: value.as_ref().ok().copied(),
                met: value.as_ref().ok().map(|v| target.threshold.is_met(*v)),
                no_data: value.err(),
            }
        })
        .collect();
    Some(Breakdown { by, groups })
}

/// Where a growth target's base value came from.
///
/// ```
/// use hoptac::report::BaseSource;
/// let s: BaseSource = serde_json::from_str(r#"{"kind":"snapshot","date":"2021-12-31"}"#)?;
/// assert_eq!(s.to_string(), "the registry snapshot of 2021-12-31");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum BaseSource {
    /// The latest registry snapshot dated in the base year.
    Snapshot {
        /// Its date.
        #[serde(with = "crate::serde_util::DateStr")]
        date: NaiveDate,
    },
    /// The value reported for the base year.
    Reported,
    /// [`Inputs::base_values`].
    Inputs,
    /// The base value the plan states.
    Plan,
}

impl fmt::Display for BaseSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BaseSource::Snapshot { date } => write!(f, "the registry snapshot of {date}"),
            BaseSource::Reported => f.write_str("the value reported for the base year"),
            BaseSource::Inputs => f.write_str("the base value of the inputs"),
            BaseSource::Plan => f.write_str("the base value of the plan"),
        }
    }
}

/// What a growth target was judged on (tăng trưởng so với năm gốc): met
/// when `value` reaches `required` = `base` × (1 + rate/100)^n in the
/// threshold's direction, decided exactly; `realised` is the rate the
/// values show, for people (6 decimal places for yearly growth).
///
/// ```
/// use hoptac::report::{BaseSource, GrowthUsed};
/// let g = GrowthUsed { base_year: 2021, base: 200.into(), source: BaseSource::Plan, year: 2025,
///     value: 216.into(), required: 216.into(), realised: Some(8.into()) };
/// assert_eq!(g.to_string(), "216 in 2025 against 200 in 2021 (required 216)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GrowthUsed {
    /// The base year.
    pub base_year: i32,
    /// The base value.
    #[serde(with = "crate::serde_util::DecimalStr")]
    pub base: Decimal,
    /// Where the base value came from.
    pub source: BaseSource,
    /// The year judged.
    pub year: i32,
    /// The value in the year judged.
    #[serde(with = "crate::serde_util::DecimalStr")]
    pub value: Decimal,
    /// The value the threshold's rate requires in the year judged.
    #[serde(with = "crate::serde_util::DecimalStr")]
    pub required: Decimal,
    /// The realised rate in percent (rounded for yearly growth).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::OptionDecimalStr"
    )]
    pub realised: Option<Decimal>,
}

impl fmt::Display for GrowthUsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} in {} against {} in {} (required {})",
            self.value, self.year, self.base, self.base_year, self.required
        )
    }
}

/// Why a target has no value (lý do không có số liệu): a result's
/// [`TargetResult::no_data`], for programs to branch on and reports to show
/// in Vietnamese or English ([`NoDataReason::text`]).
///
/// ```
/// use hoptac::{Lang, report::NoDataReason};
/// let why = NoDataReason::FigureMissing { figure: "population".into() };
/// assert_eq!(why.text(Lang::En), "the external figure `population` was not supplied");
/// assert_eq!(why.text(Lang::Vi), "chưa có số liệu `population`");
/// assert_eq!(serde_json::to_string(&why)?, r#"{"kind":"figure_missing","figure":"population"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum NoDataReason {
    /// No registry snapshot on or before the date judged.
    NoSnapshot,
    /// A reported target without a reported value in the inputs.
    NoReportedValue,
    /// A share whose denominator holds no organisation.
    EmptyDenominator,
    /// A ratio of sums whose denominator's sum is zero.
    ZeroDenominatorSum,
    /// A mean over no reported value.
    NoValues,
    /// Organisations exist, but none reports the fields the measure needs.
    AllMissing {
        /// How many organisations lack them.
        missing: u64,
        /// The fields lacked.
        fields: Vec<Field>,
    },
    /// The external figure the measure divides by was not supplied.
    FigureMissing {
        /// The figure's name.
        figure: String,
    },
    /// The external figure is zero or negative.
    FigureNotPositive {
        /// The figure's name.
        figure: String,
        /// Its value.
        #[serde(with = "crate::serde_util::DecimalStr")]
        value: Decimal,
    },
    /// A sum or a division overflowed the decimal range.
    Overflow,
    /// A growth target without a base value: no snapshot in the base year,
    /// no value reported for it, none supplied.
    NoBaseValue {
        /// The base year.
        year: i32,
    },
    /// A growth target's base value is zero or negative.
    BaseNotPositive {
        /// The base value.
        #[serde(with = "crate::serde_util::DecimalStr")]
        value: Decimal,
    },
    /// A growth target judged in a year not after its base year: the
    /// period has not started.
    BeforeGrowthPeriod {
        /// The base year.
        base_year: i32,
        /// The year judged.
        year: i32,
    },
    /// A reported target without a value for the year it needs.
    NoReportedValueFor {
        /// The year.
        year: i32,
    },
    /// A reported target has values for several years but does not say
    /// whether they add up or the latest counts (`accumulation`).
    AccumulationUnknown,
    /// A per-place target, but the inputs have no list of places
    /// ([`Inputs::places`](crate::Inputs::places)).
    NoPlaceList,
    /// A per-place target whose list has no place of its level (with its
    /// attribute).
    NoPlaces {
        /// Districts or communes.
        level: crate::plan::PlaceLevel,
        /// The attribute the places had to have.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        attribute: Option<String>,
    },
    /// A per-place target with places without data (every organisation of
    /// the place lacks a field a size filter reads) that could decide it.
    PlacesWithoutData {
        /// How many places.
        places: u64,
    },
    /// The measure reads extension columns that the registry does not
    /// hold: no organisation in the snapshot has a value in them.
    ExtensionMissing {
        /// The columns, in the measure's order.
        columns: Vec<String>,
    },
    /// The measure reads columns that the user declared absent from the
    /// registry (thiếu cột: `--allow-missing`, or
    /// `hoptac::csv::mark_columns_absent`): the value is unknown, not 0.
    ColumnAbsent {
        /// The columns declared absent that the measure reads, sorted.
        columns: Vec<String>,
    },
}

impl NoDataReason {
    /// The reason for people, in `lang`.
    ///
    /// ```
    /// use hoptac::{Lang, report::NoDataReason};
    /// assert_eq!(NoDataReason::EmptyDenominator.text(Lang::Vi), "mẫu số không có tổ chức nào");
    /// ```
    pub fn text(&self, lang: Lang) -> String {
        let pick = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
        match self {
            NoDataReason::NoSnapshot => pick(
                "không có số liệu đăng ký để đo",
                "no registry snapshot to measure",
            ),
            NoDataReason::NoReportedValue => {
                pick("chưa có giá trị báo cáo", "no reported value was supplied")
            }
            NoDataReason::EmptyDenominator => {
                pick("mẫu số không có tổ chức nào", "the denominator is empty")
            }
            NoDataReason::ZeroDenominatorSum => {
                pick("tổng ở mẫu số bằng 0", "the denominator's sum is zero")
            }
            NoDataReason::NoValues => pick(
                "không tổ chức nào báo cáo giá trị",
                "no organisation reports a value",
            ),
            NoDataReason::AllMissing { missing, fields } => {
                let names: Vec<&str> = fields.iter().map(|f| f.label(lang)).collect();
                lang.pick(
                    format!("cả {missing} tổ chức đều thiếu {}", names.join(" hoặc ")),
                    format!("all {missing} organisations lack {}", names.join(" or ")),
                )
            }
            NoDataReason::FigureMissing { figure } => lang.pick(
                format!("chưa có số liệu `{figure}`"),
                format!("the external figure `{figure}` was not supplied"),
            ),
            NoDataReason::FigureNotPositive { figure, value } => lang.pick(
                format!("số liệu `{figure}` bằng {value}, không phải số dương"),
                format!("the external figure `{figure}` is {value}, not positive"),
            ),
            NoDataReason::Overflow => pick(
                "phép tính vượt quá phạm vi số thập phân",
                "a sum or division overflowed the decimal range",
            ),
            NoDataReason::NoBaseValue { year } => lang.pick(
                format!("chưa có giá trị năm gốc {year}"),
                format!("no base value for {year}: no snapshot dated in it, none supplied"),
            ),
            NoDataReason::BaseNotPositive { value } => lang.pick(
                format!("giá trị năm gốc bằng {value}, không phải số dương"),
                format!("the base value is {value}, not positive"),
            ),
            NoDataReason::BeforeGrowthPeriod { base_year, year } => lang.pick(
                format!("năm {year} chưa sau năm gốc {base_year}"),
                format!("{year} is not after the base year {base_year}"),
            ),
            NoDataReason::NoReportedValueFor { year } => lang.pick(
                format!("chưa có giá trị báo cáo năm {year}"),
                format!("no value was reported for {year}"),
            ),
            NoDataReason::AccumulationUnknown => pick(
                "có giá trị báo cáo nhiều năm nhưng mục tiêu không nói cộng dồn hay lấy năm gần nhất",
                "values are reported for several years, but the target does not say whether they add up or the latest counts",
            ),
            NoDataReason::NoPlaceList => pick(
                "chưa có danh sách địa bàn (huyện, xã)",
                "no list of places (districts, communes) was supplied",
            ),
            NoDataReason::NoPlaces { level, attribute } => {
                let level = level.label(lang);
                match attribute {
                    Some(a) => lang.pick(
                        format!("danh sách địa bàn không có {level} nào có thuộc tính `{a}`"),
                        format!("the list of places has no {level} with the attribute `{a}`"),
                    ),
                    None => lang.pick(
                        format!("danh sách địa bàn không có {level} nào"),
                        format!("the list of places has no {level}"),
                    ),
                }
            }
            NoDataReason::PlacesWithoutData { places } => lang.pick(
                format!("{places} địa bàn không có số liệu"),
                format!("{places} places have no data"),
            ),
            NoDataReason::ExtensionMissing { columns } => {
                let names: Vec<String> = columns.iter().map(|c| format!("`{c}`")).collect();
                lang.pick(
                    format!(
                        "sổ đăng ký không có cột {} (không tổ chức nào có giá trị)",
                        names.join(", ")
                    ),
                    format!(
                        "the registry has no column {} (no organisation has a value in it)",
                        names.join(", ")
                    ),
                )
            }
            NoDataReason::ColumnAbsent { columns } => {
                let names: Vec<String> = columns.iter().map(|c| format!("`{c}`")).collect();
                lang.pick(
                    format!(
                        "thiếu cột {} (được khai báo là không có trong sổ đăng ký)",
                        names.join(", ")
                    ),
                    format!(
                        "column absent: {} (declared absent from the registry)",
                        names.join(", ")
                    ),
                )
            }
        }
    }
}

impl fmt::Display for NoDataReason {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// An external figure a value was divided by.
///
/// ```
/// use hoptac::report::FigureUsed;
/// let f = FigureUsed { name: "communes".into(), value: 101.into() };
/// assert_eq!(f.to_string(), "communes = 101");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FigureUsed {
    /// Its name.
    pub name: String,
    /// Its value.
    #[serde(with = "crate::serde_util::DecimalStr")]
    pub value: Decimal,
}

/// One target's result: its value from the current tally (or the reported
/// value), the threshold applied, the status, progress and pace decided.
pub(crate) fn target_result(
    target: &Target,
    current: Option<&Tally>,
    tallies: &[&Tally],
    inputs: &Inputs,
    province: Option<&str>,
) -> TargetResult {
    let mut result_notes = Vec::new();
    let now = current.map(|c| c.date);
    let (current, history) = judged_on(target, current, tallies, inputs.as_of, &mut result_notes);
    // The scope is decided per snapshot: a target judged on another one
    // than the report's says how that one was scoped.
    if let Some(judged) = current.filter(|c| Some(c.date) != now) {
        if !matches!(target.measure, Measure::Reported) {
            result_notes.extend(super::note::scope_notes(province, judged));
        }
    }
    let mut parts = None;
    let mut figure = None;
    let mut snapshot = None;
    // The year judged: the as-of year, or the deadline's once past it.
    let year = if inputs.as_of > target.deadline {
        target.deadline.year()
    } else {
        inputs.as_of.year()
    };
    let current_value = if matches!(target.measure, Measure::Reported) {
        reported_value(target, inputs, year, &mut result_notes).map(|v| (v, inputs.as_of))
    } else {
        match current.and_then(|c| c.parts(target.id.as_str()).map(|p| (c.date, p))) {
            None => Err(NoDataReason::NoSnapshot),
            Some((date, p)) if !missing_columns(target, current).is_empty() => {
                snapshot = Some(date);
                parts = Some(p.clone());
                Err(NoDataReason::ExtensionMissing {
                    columns: missing_columns(target, current),
                })
            }
            Some((date, p)) => {
                snapshot = Some(date);
                parts = Some(p.clone());
                if p.missing > 0 {
                    result_notes.push(super::Note::OrganisationsMissing { missing: p.missing });
                }
                value_of(&target.measure, p, &inputs.figures).map(|(v, f)| {
                    figure = f;
                    (v, date)
                })
            }
        }
    };
    let mut growth_used = None;
    let mut earlier = Vec::new();
    let mut places = None;
    let (no_data, actual, met, status, progress, pace) = if let Some(per_place) = &target.places {
        // The whole's own value does not matter (all of it may lack a
        // field while one place fails); a missing snapshot or column does.
        let judged = match (&current_value, snapshot) {
            (Err(why @ (NoDataReason::NoSnapshot | NoDataReason::ExtensionMissing { .. })), _)
            | (Err(why), None) => Err(why.clone()),
            (_, Some(date)) => Ok(date),
            (Ok((_, date)), None) => Ok(*date),
        };
        let judged = judged.and_then(|date| {
            let tt = current
                .and_then(|c| c.targets.iter().find(|t| t.target == target.id))
                .ok_or(NoDataReason::NoSnapshot)?;
            super::places::judge_places(
                target,
                per_place,
                tt,
                inputs.places.as_ref(),
                &inputs.figures,
            )
            .map(|j| (j, date))
            .map_err(|(why, result)| {
                places = result.map(|r| *r);
                why
            })
        });
        match judged {
            Err(why) => (Some(why), None, None, TargetStatus::NoData, None, None),
            Ok((j, date)) => {
                // No pace: earlier snapshots are not judged place by place.
                let (met, status, progress, _) = judge(Judgement {
                    target,
                    as_of: inputs.as_of,
                    current: Ok((j.actual, date)),
                    history: Vec::new(),
                });
                let (met, status, progress) = match j.all_meet {
                    Some(all) => (
                        Some(all),
                        if all {
                            TargetStatus::Achieved
                        } else if inputs.as_of >= target.deadline {
                            TargetStatus::Missed
                        } else {
                            TargetStatus::InProgress
                        },
                        j.progress,
                    ),
                    None => (met, status, progress),
                };
                places = Some(j.result);
                (None, Some(j.actual), met, status, progress, None)
            }
        }
    } else if let Some(growth) = &target.growth {
        let judged = current_value.and_then(|(v, date)| {
            let used = growth_used_at(target, growth, v, date, year, tallies, inputs)?;
            let met = growth_met(&target.threshold, used.value, used.required)?;
            Ok((used, met))
        });
        match judged {
            Err(why) => (Some(why), None, None, TargetStatus::NoData, None, None),
            Ok((used, met)) => {
                let status = if met {
                    TargetStatus::Achieved
                } else if inputs.as_of >= target.deadline {
                    TargetStatus::Missed
                } else {
                    TargetStatus::InProgress
                };
                let actual = used.realised;
                growth_used = Some(used);
                (None, actual, Some(met), status, None, None)
            }
        }
    } else {
        let no_data = current_value.as_ref().err().cloned();
        let current_value = current_value.map(|(v, date)| (v.normalize(), date));
        let actual = current_value.as_ref().ok().map(|(v, _)| *v);
        let points = history_of(target, history, &inputs.figures);
        if let Ok((_, now)) = &current_value {
            // The points `judge` fits the trend to besides the current one.
            earlier = points
                .iter()
                .filter(|(d, _)| d < now)
                .map(|&(date, value)| HistoryPoint {
                    date,
                    value: value.normalize(),
                })
                .collect();
        }
        let (met, status, progress, pace) = judge(Judgement {
            target,
            as_of: inputs.as_of,
            current: current_value,
            history: points,
        });
        (no_data, actual, met, status, progress, pace)
    };
    TargetResult {
        id: target.id.clone(),
        label: target.label.clone(),
        measure: target.measure.kind(),
        threshold: target.threshold.clone(),
        deadline: target.deadline,
        parent: target.parent.clone(),
        snapshot,
        actual,
        parts,
        figure,
        met,
        aspiration_reached: match (&growth_used, actual) {
            (None, Some(actual)) => target.threshold.aspiration_reached(actual),
            _ => None,
        },
        status,
        progress,
        pace,
        no_data,
        growth: growth_used,
        breakdown: breakdown_of(target, current, &inputs.figures),
        history: earlier,
        places,
        notes: result_notes,
    }
}

/// A reported target's value for `year`: its single reported value, or
/// from its values by year, added up or the latest as the target says.
fn reported_value(
    target: &Target,
    inputs: &Inputs,
    year: i32,
    notes: &mut Vec<super::Note>,
) -> Result<Decimal, NoDataReason> {
    let Some(years) = inputs.reported_by_year.get(&target.id) else {
        return inputs
            .reported
            .get(&target.id)
            .copied()
            .ok_or(NoDataReason::NoReportedValue);
    };
    if target.growth.is_some() {
        // Growth compares the value of the year judged with the base year's.
        return years
            .get(&year)
            .copied()
            .ok_or(NoDataReason::NoReportedValueFor { year });
    }
    match target.accumulation {
        None => Err(NoDataReason::AccumulationUnknown),
        Some(Accumulation::Level) => years
            .range(..=year)
            .next_back()
            .map(|(_, v)| *v)
            .ok_or(NoDataReason::NoReportedValueFor { year }),
        Some(Accumulation::Total { from_year }) => {
            let mut total = Decimal::ZERO;
            let mut any = false;
            let mut lacking = Vec::new();
            for y in from_year..=year {
                match years.get(&y) {
                    Some(v) => {
                        total = total.checked_add(*v).ok_or(NoDataReason::Overflow)?;
                        any = true;
                    }
                    None => lacking.push(y),
                }
            }
            if !any {
                return Err(NoDataReason::NoReportedValueFor { year });
            }
            if !lacking.is_empty() {
                notes.push(super::Note::YearsNotReported { years: lacking });
            }
            Ok(total)
        }
    }
}

/// The growth of a target at `year`: its base (from the registry snapshot
/// of the base year, a reported value of that year, or a supplied value),
/// the value, and what the threshold's rate requires.
fn growth_used_at(
    target: &Target,
    growth: &Growth,
    value: Decimal,
    judged: NaiveDate,
    year: i32,
    tallies: &[&Tally],
    inputs: &Inputs,
) -> Result<GrowthUsed, NoDataReason> {
    let base_year = growth.base_year();
    let year = if matches!(target.measure, Measure::Reported) {
        year
    } else {
        judged.year()
    };
    if growth.years_to(year).is_none() {
        return Err(NoDataReason::BeforeGrowthPeriod { base_year, year });
    }
    let from_registry = if matches!(target.measure, Measure::Reported) {
        inputs
            .reported_by_year
            .get(&target.id)
            .and_then(|y| y.get(&base_year))
            .map(|v| (*v, BaseSource::Reported))
    } else {
        tallies
            .iter()
            .rev()
            .filter(|t| t.date.year() == base_year && t.date <= judged)
            .find_map(|t| {
                if !missing_columns(target, Some(t)).is_empty() {
                    return None;
                }
                let parts = t.parts(target.id.as_str())?;
                let (v, _) = value_of(&target.measure, parts, &inputs.figures).ok()?;
                Some((v, BaseSource::Snapshot { date: t.date }))
            })
    };
    let (base, source) = from_registry
        .or_else(|| {
            inputs
                .base_values
                .get(&target.id)
                .map(|v| (*v, BaseSource::Inputs))
        })
        .or_else(|| growth.base_value().map(|v| (v, BaseSource::Plan)))
        .ok_or(NoDataReason::NoBaseValue { year: base_year })?;
    if base <= Decimal::ZERO {
        return Err(NoDataReason::BaseNotPositive { value: base });
    }
    let required = growth
        .required(base, target.threshold.value(), year)
        .ok_or(NoDataReason::Overflow)?;
    Ok(GrowthUsed {
        base_year,
        base: base.normalize(),
        source,
        year,
        value: value.normalize(),
        required: required.normalize(),
        realised: growth.realised(base, value, year),
    })
}

/// Whether a value meets a growth threshold: compared with the value the
/// rate requires, exactly.
fn growth_met(
    threshold: &Threshold,
    value: Decimal,
    required: Decimal,
) -> Result<bool, NoDataReason> {
    match threshold.comparator() {
        Comparator::GreaterThan => Ok(value > required),
        Comparator::AtLeast => Ok(value >= required),
        Comparator::LessThan => Ok(value < required),
        Comparator::AtMost => Ok(value <= required),
        // Validation refuses other comparators on growth.
        _ => Err(NoDataReason::Overflow),
    }
}

/// The tally a target is judged on, and the earlier ones for its trend.
///
/// `tallies` are every tally, sorted by date, none after the as-of date.
/// Before the deadline (and on it) the current tally counts; once the as-of date is past the
/// deadline, the latest dated on or before the deadline, or lacking one the
/// first later one, with a note.
fn judged_on<'a, 'b>(
    target: &Target,
    current: Option<&'a Tally>,
    tallies: &'b [&'a Tally],
    as_of: NaiveDate,
    notes: &mut Vec<super::Note>,
) -> (Option<&'a Tally>, &'b [&'a Tally]) {
    let upto = |day: NaiveDate| tallies.partition_point(|t| t.date <= day);
    if as_of <= target.deadline {
        let Some(current) = current else {
            return (None, tallies);
        };
        return (
            Some(current),
            &tallies[..tallies.partition_point(|t| t.date < current.date)],
        );
    }
    let i = {
        match upto(target.deadline) {
            0 => {
                if let Some(first) = tallies.first() {
                    notes.push(super::Note::JudgedOnLaterSnapshot {
                        deadline: target.deadline,
                        snapshot: first.date,
                    });
                }
                1
            }
            n => n,
        }
    };
    match i.checked_sub(1).and_then(|j| tallies.get(j)) {
        Some(t) => (Some(*t), &tallies[..i - 1]),
        None => (None, &[]),
    }
}

/// The extension columns `target` reads that the tally's snapshot lacks.
fn missing_columns(target: &Target, tally: Option<&Tally>) -> Vec<String> {
    let held = tally.map_or(&[][..], Tally::extension_columns);
    target
        .measure
        .extension_columns()
        .into_iter()
        .filter(|c| held.binary_search_by(|h| h.as_str().cmp(c)).is_err())
        .map(str::to_owned)
        .collect()
}

/// The value of a measure from its parts, or why there is none.
pub(crate) fn value_of(
    measure: &Measure,
    parts: &Parts,
    figures: &BTreeMap<String, Decimal>,
) -> Result<(Decimal, Option<FigureUsed>), NoDataReason> {
    if parts.overflow {
        return Err(NoDataReason::Overflow);
    }
    let hundred = Decimal::ONE_HUNDRED;
    let divide = |n: Decimal,
                  d: Decimal,
                  factor: Decimal,
                  empty: NoDataReason|
     -> Result<Decimal, NoDataReason> {
        if d.is_zero() {
            return Err(empty);
        }
        n.checked_mul(factor)
            .and_then(|x| x.checked_div(d))
            .or_else(|| n.checked_div(d).and_then(|x| x.checked_mul(factor)))
            .ok_or(NoDataReason::Overflow)
    };
    let all_missing = |fields: Vec<Field>| NoDataReason::AllMissing {
        missing: parts.missing,
        fields,
    };
    match measure {
        Measure::Count { .. } | Measure::New { .. } => {
            // Every candidate lacks the field a size filter reads: the count
            // is unknown, not zero.
            if parts.counted == 0 && parts.missing > 0 {
                Err(all_missing(size_fields(measure)))
            } else {
                Ok((parts.numerator, None))
            }
        }
        Measure::Sum { field, .. } => {
            if parts.counted == 0 && parts.missing > 0 {
                Err(all_missing(vec![field.clone()]))
            } else {
                Ok((parts.numerator, None))
            }
        }
        Measure::Share { .. } => {
            if parts.denominator.is_zero() && parts.missing > 0 {
                return Err(all_missing(size_fields(measure)));
            }
            divide(
                parts.numerator,
                parts.denominator,
                hundred,
                NoDataReason::EmptyDenominator,
            )
            .map(|v| (v, None))
        }
        Measure::RatioOfSums {
            numerator,
            denominator,
            ..
        } => {
            if parts.counted == 0 && parts.missing > 0 {
                return Err(all_missing(vec![numerator.clone(), denominator.clone()]));
            }
            divide(
                parts.numerator,
                parts.denominator,
                hundred,
                NoDataReason::ZeroDenominatorSum,
            )
            .map(|v| (v, None))
        }
        Measure::Mean { field, .. } => {
            if parts.counted == 0 && parts.missing > 0 {
                return Err(all_missing(vec![field.clone()]));
            }
            divide(
                parts.numerator,
                parts.denominator,
                Decimal::ONE,
                NoDataReason::NoValues,
            )
            .map(|v| (v, None))
        }
        Measure::Against {
            base,
            figure,
            scale,
        } => {
            let (base_value, _) = value_of(base.measure(), parts, figures)?;
            let Some(&fig) = figures.get(figure) else {
                return Err(NoDataReason::FigureMissing {
                    figure: figure.clone(),
                });
            };
            if fig <= Decimal::ZERO {
                return Err(NoDataReason::FigureNotPositive {
                    figure: figure.clone(),
                    value: fig,
                });
            }
            let factor = match scale {
                FigureScale::Percent => hundred,
                FigureScale::PerUnit => Decimal::ONE,
            };
            let v = divide(base_value, fig, factor, NoDataReason::Overflow)?;
            Ok((
                v,
                Some(FigureUsed {
                    name: figure.clone(),
                    value: fig,
                }),
            ))
        }
        Measure::Reported => Err(NoDataReason::NoReportedValue),
    }
}

/// The fields the size filters of a measure read, in order, once each.
fn size_fields(measure: &Measure) -> Vec<Field> {
    let mut out: Vec<Field> = Vec::new();
    for (_, filter) in measure.filters() {
        let mut stack = vec![filter];
        while let Some(f) = stack.pop() {
            if let Some(field) = f.size_field() {
                if !out.contains(&field) {
                    out.push(field);
                }
            }
            stack.extend(f.children().iter().rev());
        }
    }
    out
}

/// Days between two dates, as a decimal.
fn days(from: NaiveDate, to: NaiveDate) -> Decimal {
    Decimal::from((to - from).num_days())
}

/// The baseline of a target: its own, or for a count of new organisations
/// zero at the window's start.
fn baseline_of(target: &Target) -> Option<(Decimal, NaiveDate)> {
    if let Some(b) = &target.baseline {
        return Some((b.value, b.at));
    }
    match &target.measure {
        Measure::New { window, .. } => Some((Decimal::ZERO, window.from())),
        Measure::Against { base, .. } => match base.measure() {
            Measure::New { window, .. } => Some((Decimal::ZERO, window.from())),
            _ => None,
        },
        _ => None,
    }
}

/// A least-squares line through `points`: (slope per day, value at `at`).
fn fit(points: &[(NaiveDate, Decimal)], at: NaiveDate) -> Option<(Decimal, Decimal)> {
    let first = points.first()?.0;
    let n = Decimal::from(points.len());
    let xs: Vec<Decimal> = points.iter().map(|(d, _)| days(first, *d)).collect();
    let mut sx = Decimal::ZERO;
    let mut sy = Decimal::ZERO;
    for (x, (_, y)) in xs.iter().zip(points) {
        sx = sx.checked_add(*x)?;
        sy = sy.checked_add(*y)?;
    }
    let mx = sx.checked_div(n)?;
    let my = sy.checked_div(n)?;
    let mut sxy = Decimal::ZERO;
    let mut sxx = Decimal::ZERO;
    for (x, (_, y)) in xs.iter().zip(points) {
        let dx = x.checked_sub(mx)?;
        sxy = sxy.checked_add(dx.checked_mul(y.checked_sub(my)?)?)?;
        sxx = sxx.checked_add(dx.checked_mul(dx)?)?;
    }
    if sxx.is_zero() {
        return None;
    }
    let slope = sxy.checked_div(sxx)?;
    let at_x = days(first, at);
    let value = my.checked_add(slope.checked_mul(at_x.checked_sub(mx)?)?)?;
    Some((slope, value))
}

/// Whether `value` is at or beyond `line` in the target's direction.
fn at_or_beyond(direction: Direction, value: Decimal, line: Decimal) -> bool {
    match direction {
        Direction::Falling => value <= line,
        _ => value >= line,
    }
}

/// Everything [`judge`] needs about one target.
pub(crate) struct Judgement<'a> {
    pub(crate) target: &'a Target,
    pub(crate) as_of: NaiveDate,
    /// The value now and the date it holds at.
    pub(crate) current: Result<(Decimal, NaiveDate), NoDataReason>,
    /// Earlier values with their dates, oldest first.
    pub(crate) history: Vec<(NaiveDate, Decimal)>,
}

/// Decides `met`, the status, progress and pace of a target.
pub(crate) fn judge(
    j: Judgement<'_>,
) -> (Option<bool>, TargetStatus, Option<Decimal>, Option<Pace>) {
    let target = j.target;
    let threshold = &target.threshold;
    let Ok((actual, now)) = j.current else {
        return (None, TargetStatus::NoData, None, None);
    };
    let met = threshold.is_met(actual);
    let goal = threshold.goal();
    let baseline = baseline_of(target);
    let progress = baseline.and_then(|(b, _)| {
        let span = goal.checked_sub(b)?;
        if span.is_zero() {
            return None;
        }
        actual
            .checked_sub(b)?
            .checked_mul(Decimal::ONE_HUNDRED)?
            .checked_div(span)
    });
    let mut points: Vec<(NaiveDate, Decimal)> =
        j.history.into_iter().filter(|(d, _)| *d < now).collect();
    points.push((now, actual));
    let pace = if points.len() >= 2 {
        // A share stays within 0..=100 and nothing else measured goes below
        // zero, however steep the line.
        let ceiling =
            matches!(target.measure, Measure::Share { .. }).then_some(Decimal::ONE_HUNDRED);
        let fitted = fit(&points, target.deadline).map(|(slope, value)| {
            let value = value.max(Decimal::ZERO);
            (slope, ceiling.map_or(value, |c| value.min(c)))
        });
        Some(Pace {
            basis: PaceBasis::History,
            points: points.len(),
            per_year: fitted.and_then(|(slope, _)| slope.checked_mul(Decimal::from(365))),
            projected: fitted.map(|(_, v)| v),
            expected_now: None,
        })
    } else {
        baseline.and_then(|(b, at)| {
            if at >= target.deadline || now <= at {
                return None;
            }
            let elapsed = days(at, now.min(target.deadline));
            let total = days(at, target.deadline);
            let expected = b.checked_add(
                goal.checked_sub(b)?
                    .checked_mul(elapsed)?
                    .checked_div(total)?,
            )?;
            Some(Pace {
                basis: PaceBasis::Baseline,
                points: 1,
                per_year: None,
                projected: None,
                expected_now: Some(expected),
            })
        })
    };
    let projected_misses = matches!(
        &pace,
        Some(Pace {
            basis: PaceBasis::History,
            projected: Some(p),
            ..
        }) if !threshold.is_met(*p)
    );
    let status = if met {
        if j.as_of < target.deadline && projected_misses {
            TargetStatus::AtRisk
        } else {
            TargetStatus::Achieved
        }
    } else if j.as_of >= target.deadline {
        TargetStatus::Missed
    } else {
        match &pace {
            Some(Pace {
                basis: PaceBasis::History,
                projected: Some(p),
                ..
            }) => {
                if threshold.is_met(*p) {
                    TargetStatus::OnTrack
                } else {
                    TargetStatus::Behind
                }
            }
            Some(Pace {
                basis: PaceBasis::Baseline,
                expected_now: Some(e),
                ..
            }) => {
                if at_or_beyond(threshold.direction(), actual, *e) {
                    TargetStatus::OnTrack
                } else {
                    TargetStatus::Behind
                }
            }
            _ => TargetStatus::InProgress,
        }
    };
    let pace = pace.map(|p| Pace {
        per_year: p.per_year.map(|v| v.normalize()),
        projected: p.projected.map(|v| v.normalize()),
        expected_now: p.expected_now.map(|v| v.normalize()),
        ..p
    });
    (Some(met), status, progress.map(|v| v.normalize()), pace)
}

/// The values of a target in each tally, for its history.
pub(crate) fn history_of(
    target: &Target,
    tallies: &[&Tally],
    figures: &BTreeMap<String, Decimal>,
) -> Vec<(NaiveDate, Decimal)> {
    tallies
        .iter()
        .filter_map(|t| {
            if !missing_columns(target, Some(t)).is_empty() {
                return None;
            }
            let parts = t.parts(target.id.as_str())?;
            let (v, _) = value_of(&target.measure, parts, figures).ok()?;
            Some((t.date, v))
        })
        .collect()
}

impl fmt::Display for TargetResult {
    /// One line: `id: actual (status)`, with `—` for no data.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.actual {
            Some(v) => write!(f, "{}: {v} ({})", self.id, self.status),
            None => write!(f, "{}: — ({})", self.id, self.status),
        }
    }
}

impl fmt::Display for FigureUsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} = {}", self.name, self.value)
    }
}
