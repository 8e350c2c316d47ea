//! When a task is to be carried out (thời gian thực hiện): its schedule, how
//! the plans word it, and what it means on a given date.

use crate::vocab::code_enum;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::parse_error::{quote, ParseError};

use parse::{check_year, month_end, parse, quarter_end};

mod parse;
#[cfg(test)]
mod tests;

/// Longest schedule text accepted, in bytes.
const MAX_SCHEDULE_LEN: usize = 256;

/// What the errors of a [`Schedule`] call it.
const WHAT: &str = "schedule";

/// What a schedule text may be, for error messages.
const EXPECTED: &str = "`Thường xuyên`, `Hàng năm`, a year (`Năm 2023`), a span of years \
(`2023-2030`), a period (`Từ tháng 6/2021 đến tháng 12/2021`, `6 tháng đầu năm 2020`), \
a first year (`Năm 2024 và các năm tiếp theo`) or a deadline (`Trước ngày 30/6/2023`, \
`Tháng 6/2023`, `Quý IV/2023`)";

/// [`EXPECTED`] in Vietnamese.
const EXPECTED_VI: &str =
    "`Thường xuyên`, `Hàng năm`, một năm (`Năm 2023`), một giai đoạn nhiều năm \
(`2023-2030`), một khoảng thời gian (`Từ tháng 6/2021 đến tháng 12/2021`, `6 tháng đầu năm 2020`), \
một năm bắt đầu (`Năm 2024 và các năm tiếp theo`) hoặc một thời hạn (`Trước ngày 30/6/2023`, \
`Tháng 6/2023`, `Quý IV/2023`)";

/// The schedule of a task (thời gian thực hiện, thời gian hoàn thành).
///
/// One of:
/// - continuous (thường xuyên): carried out all the time, no start, no end;
/// - annual (hàng năm): carried out, and reported on, every year, no end;
/// - a span of years (`2023-2030`): from 1 January of the first year to
///   31 December of the last;
/// - a year (`Năm 2023`): that calendar year;
/// - a deadline (`Trước ngày 30/6/2023`): to be done by that day, included;
///   no start is given;
/// - a period (`Từ tháng 6/2021 đến tháng 12/2021`): from its first day to
///   its last, both included;
/// - a first year (`Năm 2024 và các năm tiếp theo`): from 1 January of that
///   year on, with no end;
/// - a yearly deadline (`Trước ngày 15/12 hằng năm`, `Quý I hằng năm`):
///   every year by the same day, no start, no end.
///
/// Every year lies in 1945..=2100, and a span never ends before it begins:
/// the constructors, [`FromStr`] and deserialization all refuse anything
/// else. A span whose two years are equal (`2023-2023`) is allowed and
/// behaves like the year, though the two are not equal values.
///
/// [`FromStr`] reads the plans' Vietnamese wording, ignoring case and extra
/// spaces: `Thường xuyên`, `Hàng năm`/`hằng năm`/`thường niên`, `2023-2030`,
/// `2023 - 2025`, `Năm 2023-2024`, `Giai đoạn 2021 – 2030`, `thời kỳ 2021
/// -2030`, `từ năm 2023 đến năm 2025`, `Năm 2023`, `2023`, `trong năm 2023`,
/// `Trước ngày 30/6/2023`, `trước 31/12/2023`, `chậm nhất ngày 30 tháng 6 năm
/// 2023`, `Đến năm 2030`, `cuối năm 2023`, `chậm nhất trong tháng 9/2021`,
/// `nhiệm kỳ 2020 – 2025`, `6/2023` (a month). Deadlines given coarser than a day take the last
/// day of their period: `Tháng 6/2023` is 30/6/2023, `Quý IV/2023` (or `Quý
/// 4/2023`, `quý III/năm 2021`) is 31/12/2023, `Đến năm 2030` is 31/12/2030.
/// Periods run from the first day of their first part to the last day of
/// their last: `Từ tháng 6/2021 đến tháng 12/2021` is 1/6/2021 to
/// 31/12/2021, `Từ quý II đến quý IV/2024` 1/4/2024 to 31/12/2024, `6 tháng
/// đầu năm 2020` 1/1/2020 to 30/6/2020, `6 tháng cuối năm 2019` 1/7/2019 to
/// 31/12/2019. `Năm 2024 và các năm tiếp theo`, `Từ năm 2024` and `từ năm
/// 2024 trở đi` start in 2024 and never end. `Quý I hằng năm`, `Tháng 12
/// hằng năm`, `trước ngày 15/12 hằng năm` and `chậm nhất vào ngày 17 tháng
/// 12 hằng năm` are yearly deadlines (31/3, 31/12, 15/12 and 17/12 of every
/// year). A start without an end finer than a year (`Từ tháng 6/2021`) is
/// refused: the open schedule starts on 1 January of a year
/// (`Từ năm 2021`), and reading June as January would be wrong. It also reads the English forms
/// [`Schedule::display_in`] prints.
///
/// A wording it does not know is refused, and the error names the first
/// word or character it did not understand (``unrecognised schedule
/// `Năm` (the words are known, not their order)``).
///
/// [`Display`](fmt::Display) prints a canonical Vietnamese form that parses
/// back to an equal value; serde uses the same text.
///
/// ```
/// use hoptac::Schedule;
/// let s: Schedule = "Giai đoạn 2023 - 2025".parse()?;
/// assert_eq!(s, Schedule::years(2023, 2025)?);
/// assert_eq!(s.to_string(), "2023-2025");
/// assert_eq!("Quý IV/2023".parse::<Schedule>()?.to_string(), "Trước ngày 31/12/2023");
/// assert_eq!(serde_json::to_string(&Schedule::continuous())?, "\"Thường xuyên\"");
/// assert!("2030-2023".parse::<Schedule>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Schedule(Kind);

/// The private representation of a [`Schedule`]; its values are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Continuous,
    Annual,
    Years {
        from: i32,
        to: i32,
    },
    Year(i32),
    By(NaiveDate),
    /// From the first day to the last, both included; `from <= to`.
    Period {
        from: NaiveDate,
        to: NaiveDate,
    },
    /// From 1 January of the year on, no end.
    From(i32),
    /// Every year, by the same day: `month` 1..=12, `day` a day every year
    /// has in that month (never 29 February).
    AnnualBy {
        month: u32,
        day: u32,
    },
}

code_enum! {
    /// The kind of a [`Schedule`], without its years or date.
    ///
    /// ```
    /// use hoptac::{Labelled, Lang, Schedule, plan::ScheduleKind};
    /// let s: Schedule = "Năm 2023-2024".parse()?;
    /// assert_eq!(s.kind(), ScheduleKind::Years);
    /// assert_eq!(s.kind().label(Lang::Vi), "giai đoạn");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[non_exhaustive]
    pub enum ScheduleKind [8] as "schedule kind" in "plan::" {
        /// Continuous, no end (thường xuyên).
        Continuous = "continuous", vi "thường xuyên", en "continuous";
        /// Every year, no end (hàng năm).
        Annual = "annual", vi "hàng năm", en "every year";
        /// A span of years (giai đoạn).
        Years = "years", vi "giai đoạn", en "span of years";
        /// One calendar year (năm).
        Year = "year", vi "trong năm", en "one year";
        /// A deadline (thời hạn).
        By = "by", vi "thời hạn", en "deadline";
        /// A period between two dates (khoảng thời gian).
        Period = "period", vi "khoảng thời gian", en "period";
        /// From a year on, no end (từ năm ... trở đi).
        FromYear = "from_year", vi "từ năm, không kết thúc", en "from a year on";
        /// Every year, by the same day (trước ngày 15/12 hằng năm).
        AnnualBy = "annual_by", vi "hằng năm, có hạn trong năm", en "every year, by a day";
    }
}

code_enum! {
    /// Where a schedule stands on a date, as reports show it (tình trạng thời hạn).
    ///
    /// ```
    /// use hoptac::{Labelled, Lang, plan::ScheduleState};
    /// assert_eq!(ScheduleState::Ended.label(Lang::Vi), "đã hết thời hạn");
    /// assert_eq!(serde_json::to_string(&ScheduleState::NotStarted)?, "\"not_started\"");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[non_exhaustive]
    pub enum ScheduleState [4] as "schedule state" in "plan::" {
        /// The schedule's first year has not come yet (chưa bắt đầu).
        NotStarted = "not_started", vi "chưa bắt đầu", en "not started";
        /// Within the schedule (đang thực hiện).
        Running = "running", vi "đang thực hiện", en "running";
        /// Past the schedule's end (đã hết thời hạn): the task should be done.
        Ended = "ended", vi "đã hết thời hạn", en "ended";
        /// Continuous or annual: always running, never ends (thường xuyên).
        Continuous = "continuous", vi "thường xuyên", en "ongoing";
    }
}

impl Schedule {
    /// The first year a schedule may mention.
    ///
    /// ```
    /// use hoptac::Schedule;
    /// assert!(Schedule::year(Schedule::MIN_YEAR).is_ok());
    /// assert!(Schedule::year(Schedule::MIN_YEAR - 1).is_err());
    /// ```
    pub const MIN_YEAR: i32 = 1945;
    /// The last year a schedule may mention.
    ///
    /// ```
    /// use hoptac::Schedule;
    /// assert!(Schedule::year(Schedule::MAX_YEAR).is_ok());
    /// let err = Schedule::year(Schedule::MAX_YEAR + 1).unwrap_err();
    /// assert_eq!(err.to_string(), "year 2101 out of range in `2101`: expected a year from 1945 to 2100");
    /// ```
    pub const MAX_YEAR: i32 = 2100;

    /// Continuous (thường xuyên): no start, no end.
    ///
    /// ```
    /// use hoptac::{Schedule, plan::ScheduleKind};
    /// assert_eq!(Schedule::continuous().kind(), ScheduleKind::Continuous);
    /// assert_eq!(Schedule::continuous().to_string(), "Thường xuyên");
    /// ```
    pub const fn continuous() -> Self {
        Schedule(Kind::Continuous)
    }

    /// Every year (hàng năm): no start, no end, something due each year.
    ///
    /// ```
    /// assert_eq!(hoptac::Schedule::annual().to_string(), "Hàng năm");
    /// ```
    pub const fn annual() -> Self {
        Schedule(Kind::Annual)
    }

    /// The span of years `from..=to` (giai đoạn).
    ///
    /// # Errors
    ///
    /// [`ParseError`] when `from > to` or a year is outside 1945..=2100.
    ///
    /// ```
    /// use hoptac::Schedule;
    /// assert_eq!(Schedule::years(2023, 2030)?.to_string(), "2023-2030");
    /// let err = Schedule::years(2030, 2023).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "reversed span of years `2030-2023`: expected the first year not after the second"
    /// );
    /// assert_eq!((err.what(), err.input()), ("schedule", "2030-2023"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn years(from: i32, to: i32) -> Result<Self, ParseError> {
        Self::span(from, to, &format!("{from}-{to}"))
    }

    /// The calendar year `year` (năm).
    ///
    /// # Errors
    ///
    /// [`ParseError`] when `year` is outside 1945..=2100.
    ///
    /// ```
    /// use hoptac::Schedule;
    /// assert_eq!(Schedule::year(2023)?.to_string(), "Năm 2023");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn year(year: i32) -> Result<Self, ParseError> {
        check_year(i64::from(year), &year.to_string())?;
        Ok(Schedule(Kind::Year(year)))
    }

    /// The deadline `date`, included (trước ngày).
    ///
    /// # Errors
    ///
    /// [`ParseError`] when the date's year is outside 1945..=2100.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::Schedule;
    /// let date = NaiveDate::from_ymd_opt(2023, 6, 30).ok_or("date")?;
    /// assert_eq!(Schedule::by(date)?.to_string(), "Trước ngày 30/6/2023");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn by(date: NaiveDate) -> Result<Self, ParseError> {
        check_year(i64::from(date.year()), &date.to_string())?;
        Ok(Schedule(Kind::By(date)))
    }

    /// The deadline at the end of a month (`Tháng 6/2023` is 30/6/2023).
    ///
    /// # Errors
    ///
    /// [`ParseError`] for a year outside 1945..=2100 or a month outside 1..=12.
    ///
    /// ```
    /// use hoptac::Schedule;
    /// assert_eq!(Schedule::by_month(2024, 2)?.to_string(), "Trước ngày 29/2/2024");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn by_month(year: i32, month: u32) -> Result<Self, ParseError> {
        let text = format!("{month}/{year}");
        check_year(i64::from(year), &text)?;
        month_end(year, month, &text).map(|d| Schedule(Kind::By(d)))
    }

    /// The deadline at the end of a quarter, 1 to 4 (`Quý IV/2023` is 31/12/2023).
    ///
    /// # Errors
    ///
    /// [`ParseError`] for a year outside 1945..=2100 or a quarter outside 1..=4.
    ///
    /// ```
    /// use hoptac::Schedule;
    /// assert_eq!(Schedule::by_quarter(2023, 2)?.to_string(), "Trước ngày 30/6/2023");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn by_quarter(year: i32, quarter: u32) -> Result<Self, ParseError> {
        let text = format!("Q{quarter}/{year}");
        check_year(i64::from(year), &text)?;
        quarter_end(year, quarter, &text).map(|d| Schedule(Kind::By(d)))
    }

    /// The period from `from` to `to`, both included (từ ... đến ...).
    ///
    /// # Errors
    ///
    /// [`ParseError`] when `from` is after `to` or a year is outside
    /// 1945..=2100.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::Schedule;
    /// let from = NaiveDate::from_ymd_opt(2021, 6, 1).ok_or("date")?;
    /// let to = NaiveDate::from_ymd_opt(2021, 12, 31).ok_or("date")?;
    /// let s = Schedule::period(from, to)?;
    /// assert_eq!(s.to_string(), "Từ tháng 6/2021 đến tháng 12/2021");
    /// assert_eq!(s, "Từ tháng 6/2021 đến tháng 12/2021".parse()?);
    /// assert!(Schedule::period(to, from).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn period(from: NaiveDate, to: NaiveDate) -> Result<Self, ParseError> {
        let text = format!("{from} - {to}");
        check_year(i64::from(from.year()), &text)?;
        check_year(i64::from(to.year()), &text)?;
        if from > to {
            let problem = format!("reversed period `{}`", quote(&text));
            let problem = (problem, "ngày đầu sau ngày cuối");
            let expected = (
                "the first day not after the last",
                "ngày đầu không sau ngày cuối",
            );
            return Err(ParseError::invalid(WHAT, &text, problem, expected));
        }
        Ok(Schedule(Kind::Period { from, to }))
    }

    /// From 1 January of `year` on, with no end (năm ... và các năm tiếp
    /// theo).
    ///
    /// # Errors
    ///
    /// [`ParseError`] when `year` is outside 1945..=2100.
    ///
    /// ```
    /// use hoptac::Schedule;
    /// let s = Schedule::from_year(2024)?;
    /// assert_eq!(s.to_string(), "Từ năm 2024");
    /// assert_eq!(s, "Năm 2024 và các năm tiếp theo".parse()?);
    /// assert!(s.is_active_in(2030) && !s.is_active_in(2023));
    /// assert_eq!(s.end(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_year(year: i32) -> Result<Self, ParseError> {
        check_year(i64::from(year), &year.to_string())?;
        Ok(Schedule(Kind::From(year)))
    }

    /// Every year, by the same day (hằng năm, trước ngày `day`/`month`):
    /// `Trước ngày 15/12 hàng năm`. Like [`Schedule::annual`] it has no
    /// start and no end, and a result is due every year.
    ///
    /// # Errors
    ///
    /// [`ParseError`] when `month` is not 1..=12 or `day` is not a day that
    /// month has in every year (29 February is refused).
    ///
    /// ```
    /// use hoptac::{Schedule, plan::ScheduleKind};
    /// let s = Schedule::annual_by(12, 15)?;
    /// assert_eq!(s.to_string(), "Trước ngày 15/12 hàng năm");
    /// assert_eq!(s.kind(), ScheduleKind::AnnualBy);
    /// assert_eq!(s.yearly_deadline(), Some((12, 15)));
    /// assert_eq!("Quý I hằng năm".parse::<Schedule>()?, Schedule::annual_by(3, 31)?);
    /// assert!(Schedule::annual_by(2, 29).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn annual_by(month: u32, day: u32) -> Result<Self, ParseError> {
        let text = format!("{day}/{month}");
        // 2001 is not a leap year: its days are the days every year has.
        let last = month_end(2001, month, &text)?.day();
        if !(1..=last).contains(&day) {
            let problem = format!("invalid yearly day in `{}`", quote(&text));
            let problem = (problem, "ngày hằng năm không có trong tháng");
            let expected = (
                format!("a day from 1 to {last} in month {month}, which every year has"),
                format!("một ngày từ 1 đến {last} của tháng {month}, năm nào cũng có"),
            );
            return Err(ParseError::invalid(WHAT, &text, problem, expected));
        }
        Ok(Schedule(Kind::AnnualBy { month, day }))
    }

    /// The day and month a yearly deadline falls on, as `(month, day)`,
    /// for a schedule made by [`Schedule::annual_by`]; `None` otherwise.
    ///
    /// ```
    /// use hoptac::Schedule;
    /// let s: Schedule = "chậm nhất vào ngày 17 tháng 12 hằng năm".parse()?;
    /// assert_eq!(s.yearly_deadline(), Some((12, 17)));
    /// assert_eq!(Schedule::annual().yearly_deadline(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn yearly_deadline(&self) -> Option<(u32, u32)> {
        match self.0 {
            Kind::AnnualBy { month, day } => Some((month, day)),
            _ => None,
        }
    }

    fn span(from: i32, to: i32, text: &str) -> Result<Self, ParseError> {
        check_year(i64::from(from), text)?;
        check_year(i64::from(to), text)?;
        if from > to {
            let problem = format!("reversed span of years `{}`", quote(text));
            let problem = (problem, "năm đầu sau năm cuối");
            let expected = (
                "the first year not after the second",
                "năm đầu không sau năm cuối",
            );
            return Err(ParseError::invalid(WHAT, text, problem, expected));
        }
        Ok(Schedule(Kind::Years { from, to }))
    }

    /// The kind of schedule.
    ///
    /// ```
    /// use hoptac::{Schedule, plan::ScheduleKind};
    /// assert_eq!("Trước ngày 30/6/2023".parse::<Schedule>()?.kind(), ScheduleKind::By);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn kind(&self) -> ScheduleKind {
        match self.0 {
            Kind::Continuous => ScheduleKind::Continuous,
            Kind::Annual => ScheduleKind::Annual,
            Kind::Years { .. } => ScheduleKind::Years,
            Kind::Year(_) => ScheduleKind::Year,
            Kind::By(_) => ScheduleKind::By,
            Kind::Period { .. } => ScheduleKind::Period,
            Kind::From(_) => ScheduleKind::FromYear,
            Kind::AnnualBy { .. } => ScheduleKind::AnnualBy,
        }
    }

    /// The first year of a span, a period or a first-year schedule, or the
    /// year of a year schedule; `None` for continuous and annual schedules
    /// and for deadlines, which have no start.
    ///
    /// ```
    /// use hoptac::Schedule;
    /// assert_eq!(Schedule::years(2023, 2030)?.first_year(), Some(2023));
    /// assert_eq!("Trước ngày 30/6/2023".parse::<Schedule>()?.first_year(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn first_year(&self) -> Option<i32> {
        match self.0 {
            Kind::Years { from, .. } | Kind::From(from) => Some(from),
            Kind::Year(y) => Some(y),
            Kind::Period { from, .. } => Some(from.year()),
            Kind::Continuous | Kind::Annual | Kind::AnnualBy { .. } | Kind::By(_) => None,
        }
    }

    /// The first day of the schedule: 1 January of its first year, or the
    /// first day of a period; `None` for continuous and annual schedules and
    /// for deadlines.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::Schedule;
    /// let s: Schedule = "6 tháng cuối năm 2019".parse()?;
    /// assert_eq!(s.start(), NaiveDate::from_ymd_opt(2019, 7, 1));
    /// assert_eq!(s.end(), NaiveDate::from_ymd_opt(2019, 12, 31));
    /// assert_eq!(Schedule::years(2023, 2025)?.start(), NaiveDate::from_ymd_opt(2023, 1, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn start(&self) -> Option<NaiveDate> {
        match self.0 {
            Kind::Period { from, .. } => Some(from),
            _ => self
                .first_year()
                .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)),
        }
    }

    /// The year of [`Schedule::end`]; `None` for continuous, annual and
    /// first-year schedules.
    ///
    /// ```
    /// use hoptac::Schedule;
    /// assert_eq!(Schedule::years(2023, 2030)?.last_year(), Some(2030));
    /// assert_eq!(Schedule::annual().last_year(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn last_year(&self) -> Option<i32> {
        self.end().map(|d| d.year())
    }

    /// The deadline of a deadline schedule; `None` for the other kinds (see
    /// [`Schedule::end`] for the last day of any schedule).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::Schedule;
    /// let s: Schedule = "Trước ngày 30/6/2023".parse()?;
    /// assert_eq!(s.deadline(), NaiveDate::from_ymd_opt(2023, 6, 30));
    /// assert_eq!(Schedule::year(2023)?.deadline(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deadline(&self) -> Option<NaiveDate> {
        match self.0 {
            Kind::By(date) => Some(date),
            _ => None,
        }
    }

    /// The last day of the schedule, included: 31 December of a span's last
    /// year or of a year, the deadline itself, the last day of a period;
    /// `None` for continuous, annual and first-year schedules.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::Schedule;
    /// assert_eq!(Schedule::years(2023, 2025)?.end(), NaiveDate::from_ymd_opt(2025, 12, 31));
    /// assert_eq!(Schedule::continuous().end(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn end(&self) -> Option<NaiveDate> {
        match self.0 {
            Kind::Continuous | Kind::Annual | Kind::AnnualBy { .. } | Kind::From(_) => None,
            Kind::Years { to: year, .. } | Kind::Year(year) => {
                NaiveDate::from_ymd_opt(year, 12, 31)
            }
            Kind::By(date) | Kind::Period { to: date, .. } => Some(date),
        }
    }

    /// Whether work is scheduled in `year`: always for continuous and annual
    /// schedules (they have no start); `from..=to` for a span; that year for a
    /// year; every year up to and including the deadline's for a deadline;
    /// the years a period touches; the first year and every later one for a
    /// first-year schedule.
    ///
    /// ```
    /// use hoptac::Schedule;
    /// let s = Schedule::years(2023, 2025)?;
    /// assert!(!s.is_active_in(2022) && s.is_active_in(2023) && s.is_active_in(2025));
    /// assert!(!s.is_active_in(2026));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_active_in(&self, year: i32) -> bool {
        match self.0 {
            Kind::Continuous | Kind::Annual | Kind::AnnualBy { .. } => true,
            Kind::Years { from, to } => (from..=to).contains(&year),
            Kind::Year(y) => y == year,
            Kind::By(date) => year <= date.year(),
            Kind::Period { from, to } => (from.year()..=to.year()).contains(&year),
            Kind::From(first) => year >= first,
        }
    }

    /// Whether a result is due in `year`: every year for an annual schedule;
    /// the last year of a span; the year of a year schedule; the deadline's
    /// year; a period's last year; every year from the first for a
    /// first-year schedule. Never for a continuous schedule, which is always
    /// running and never due.
    ///
    /// ```
    /// use hoptac::Schedule;
    /// assert!(Schedule::annual().is_due_in(2024));
    /// assert!(!Schedule::continuous().is_due_in(2024));
    /// let s = Schedule::years(2023, 2025)?;
    /// assert!(!s.is_due_in(2024) && s.is_due_in(2025));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_due_in(&self, year: i32) -> bool {
        match self.0 {
            Kind::Continuous => false,
            Kind::Annual | Kind::AnnualBy { .. } => true,
            Kind::Years { to, .. } => to == year,
            Kind::Year(y) => y == year,
            Kind::By(date) | Kind::Period { to: date, .. } => date.year() == year,
            Kind::From(first) => year >= first,
        }
    }

    /// Whether `date` is after the schedule's last day ([`Schedule::end`]).
    /// Never for continuous and annual schedules.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::Schedule;
    /// let s: Schedule = "Trước ngày 30/6/2023".parse()?;
    /// assert!(!s.is_ended_at(NaiveDate::from_ymd_opt(2023, 6, 30).ok_or("date")?));
    /// assert!(s.is_ended_at(NaiveDate::from_ymd_opt(2023, 7, 1).ok_or("date")?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_ended_at(&self, date: NaiveDate) -> bool {
        self.status_at(date) == ScheduleState::Ended
    }

    /// Whether the schedule runs on `date`: always for continuous and annual
    /// schedules; from its first day ([`Schedule::start`]; for a deadline,
    /// from any time) to the last day, included; from the first day on for
    /// a first-year schedule.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::Schedule;
    /// let s = Schedule::year(2023)?;
    /// assert!(s.is_running_at(NaiveDate::from_ymd_opt(2023, 1, 1).ok_or("date")?));
    /// assert!(!s.is_running_at(NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("date")?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_running_at(&self, date: NaiveDate) -> bool {
        matches!(
            self.status_at(date),
            ScheduleState::Running | ScheduleState::Continuous
        )
    }

    /// Where the schedule stands on `date`:
    /// [`Continuous`](ScheduleState::Continuous) for continuous and annual
    /// schedules, and for a first-year schedule from its first day;
    /// otherwise [`NotStarted`](ScheduleState::NotStarted) before the first
    /// day ([`Schedule::start`]; never for a deadline),
    /// [`Ended`](ScheduleState::Ended) after the last day, and
    /// [`Running`](ScheduleState::Running) in between, both ends included.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::{Schedule, plan::ScheduleState};
    /// let s = Schedule::years(2023, 2025)?;
    /// let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// assert_eq!(s.status_at(on(2022, 12, 31)?), ScheduleState::NotStarted);
    /// assert_eq!(s.status_at(on(2023, 1, 1)?), ScheduleState::Running);
    /// assert_eq!(s.status_at(on(2025, 12, 31)?), ScheduleState::Running);
    /// assert_eq!(s.status_at(on(2026, 1, 1)?), ScheduleState::Ended);
    /// assert_eq!(Schedule::annual().status_at(on(2026, 1, 1)?), ScheduleState::Continuous);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn status_at(&self, date: NaiveDate) -> ScheduleState {
        match (self.start(), self.end()) {
            (Some(start), _) if date < start => ScheduleState::NotStarted,
            (_, None) => ScheduleState::Continuous,
            (_, Some(end)) if date > end => ScheduleState::Ended,
            _ => ScheduleState::Running,
        }
    }

    /// The schedule as text in `lang`: the canonical Vietnamese form of
    /// [`Display`](fmt::Display), or in English `Continuous`, `Every year`,
    /// `2023–2030` (with an en dash), `In 2023`, `By 30/06/2023`, `From
    /// 01/06/2021 to 31/12/2021`, `From 2024 on`. Both parse back.
    ///
    /// ```
    /// use hoptac::{Lang, Schedule};
    /// let s = Schedule::years(2023, 2030)?;
    /// assert_eq!(s.display_in(Lang::En).to_string(), "2023–2030");
    /// assert_eq!(s.display_in(Lang::Vi).to_string(), "2023-2030");
    /// let d: Schedule = "Tháng 6/2023".parse()?;
    /// assert_eq!(d.display_in(Lang::En).to_string(), "By 30/06/2023");
    /// assert_eq!(d.display_in(Lang::En).to_string().parse::<Schedule>()?, d);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn display_in(&self, lang: Lang) -> impl fmt::Display {
        DisplayIn {
            schedule: *self,
            lang,
        }
    }
}

/// A schedule printed in one language.
struct DisplayIn {
    schedule: Schedule,
    lang: Lang,
}

impl fmt::Display for DisplayIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.schedule.0, self.lang) {
            (Kind::Continuous, Lang::Vi) => f.write_str("Thường xuyên"),
            (Kind::Continuous, Lang::En) => f.write_str("Continuous"),
            (Kind::Annual, Lang::Vi) => f.write_str("Hàng năm"),
            (Kind::Annual, Lang::En) => f.write_str("Every year"),
            (Kind::Years { from, to }, Lang::Vi) => write!(f, "{from}-{to}"),
            (Kind::Years { from, to }, Lang::En) => write!(f, "{from}–{to}"),
            (Kind::Year(y), Lang::Vi) => write!(f, "Năm {y}"),
            (Kind::Year(y), Lang::En) => write!(f, "In {y}"),
            (Kind::By(d), Lang::Vi) => {
                write!(f, "Trước ngày {}/{}/{}", d.day(), d.month(), d.year())
            }
            (Kind::By(d), Lang::En) => {
                write!(f, "By {:02}/{:02}/{}", d.day(), d.month(), d.year())
            }
            (Kind::Period { from, to }, Lang::Vi) => {
                let whole_months =
                    from.day() == 1 && !matches!(to.succ_opt(), Some(n) if n.day() != 1);
                if whole_months {
                    write!(
                        f,
                        "Từ tháng {}/{} đến tháng {}/{}",
                        from.month(),
                        from.year(),
                        to.month(),
                        to.year()
                    )
                } else {
                    write!(
                        f,
                        "Từ ngày {}/{}/{} đến ngày {}/{}/{}",
                        from.day(),
                        from.month(),
                        from.year(),
                        to.day(),
                        to.month(),
                        to.year()
                    )
                }
            }
            (Kind::Period { from, to }, Lang::En) => write!(
                f,
                "From {:02}/{:02}/{} to {:02}/{:02}/{}",
                from.day(),
                from.month(),
                from.year(),
                to.day(),
                to.month(),
                to.year()
            ),
            (Kind::From(y), Lang::Vi) => write!(f, "Từ năm {y}"),
            (Kind::From(y), Lang::En) => write!(f, "From {y} on"),
            (Kind::AnnualBy { month, day }, Lang::Vi) => {
                write!(f, "Trước ngày {day}/{month} hàng năm")
            }
            (Kind::AnnualBy { month, day }, Lang::En) => {
                write!(f, "By {day:02}/{month:02} every year")
            }
        }
    }
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        DisplayIn {
            schedule: *self,
            lang: Lang::Vi,
        }
        .fmt(f)
    }
}

impl FromStr for Schedule {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s)
    }
}

impl TryFrom<String> for Schedule {
    type Error = ParseError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        parse(&s)
    }
}

impl From<Schedule> for String {
    fn from(s: Schedule) -> String {
        s.to_string()
    }
}
