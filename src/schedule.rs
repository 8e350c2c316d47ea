//! When a task is to be carried out (thời gian thực hiện): its schedule, how
//! the plans word it, and what it means on a given date.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::lang::{Labelled, Lang};

/// Longest schedule text accepted, in bytes.
const MAX_SCHEDULE_LEN: usize = 256;

/// Longest text quoted back in an error message, in characters.
const MAX_QUOTED_LEN: usize = 80;

/// `text` cut for an error message.
fn quote(text: &str) -> String {
    crate::text::excerpt(text, MAX_QUOTED_LEN).into_owned()
}

/// What a schedule text may be, for error messages.
const EXPECTED: &str = "`Thường xuyên`, `Hàng năm`, a year (`Năm 2023`), a span of years \
(`2023-2030`) or a deadline (`Trước ngày 30/6/2023`, `Tháng 6/2023`, `Quý IV/2023`)";

/// The schedule of a task (thời gian thực hiện, thời gian hoàn thành).
///
/// One of:
/// - continuous (thường xuyên): carried out all the time, no start, no end;
/// - annual (hàng năm): carried out, and reported on, every year, no end;
/// - a span of years (`2023-2030`): from 1 January of the first year to
///   31 December of the last;
/// - a year (`Năm 2023`): that calendar year;
/// - a deadline (`Trước ngày 30/6/2023`): to be done by that day, included;
///   no start is given.
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
/// 2023`, `Đến năm 2030`, `cuối năm 2023`. Deadlines given coarser than a day
/// take the last day of their period: `Tháng 6/2023` is 30/6/2023, `Quý
/// IV/2023` (or `Quý 4/2023`) is 31/12/2023, `Đến năm 2030` is 31/12/2030.
/// It also reads the English forms [`Schedule::display_in`] prints.
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
#[serde(try_from = "String", into = "String")]
pub struct Schedule(Kind);

/// The private representation of a [`Schedule`]; its values are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Continuous,
    Annual,
    Years { from: i32, to: i32 },
    Year(i32),
    By(NaiveDate),
}

/// The kind of a [`Schedule`], without its years or date.
///
/// ```
/// use hoptac::{Labelled, Lang, Schedule, plan::ScheduleKind};
/// let s: Schedule = "Năm 2023-2024".parse()?;
/// assert_eq!(s.kind(), ScheduleKind::Years);
/// assert_eq!(s.kind().label(Lang::Vi), "giai đoạn");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ScheduleKind {
    /// Continuous, no end (thường xuyên).
    Continuous,
    /// Every year, no end (hàng năm).
    Annual,
    /// A span of years (giai đoạn).
    Years,
    /// One calendar year (năm).
    Year,
    /// A deadline (thời hạn).
    By,
}

impl ScheduleKind {
    /// Every kind.
    ///
    /// ```
    /// use hoptac::{Labelled, Lang, plan::ScheduleKind};
    /// assert_eq!(ScheduleKind::ALL.len(), 5);
    /// let labels: Vec<&str> = ScheduleKind::ALL.iter().map(|k| k.label(Lang::En)).collect();
    /// assert_eq!(labels, ["continuous", "every year", "span of years", "one year", "deadline"]);
    /// ```
    pub const ALL: [ScheduleKind; 5] = [
        ScheduleKind::Continuous,
        ScheduleKind::Annual,
        ScheduleKind::Years,
        ScheduleKind::Year,
        ScheduleKind::By,
    ];
}

impl Labelled for ScheduleKind {
    fn label(&self, lang: Lang) -> &str {
        match (self, lang) {
            (ScheduleKind::Continuous, Lang::Vi) => "thường xuyên",
            (ScheduleKind::Continuous, Lang::En) => "continuous",
            (ScheduleKind::Annual, Lang::Vi) => "hàng năm",
            (ScheduleKind::Annual, Lang::En) => "every year",
            (ScheduleKind::Years, Lang::Vi) => "giai đoạn",
            (ScheduleKind::Years, Lang::En) => "span of years",
            (ScheduleKind::Year, Lang::Vi) => "trong năm",
            (ScheduleKind::Year, Lang::En) => "one year",
            (ScheduleKind::By, Lang::Vi) => "thời hạn",
            (ScheduleKind::By, Lang::En) => "deadline",
        }
    }
}

impl fmt::Display for ScheduleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(Lang::En))
    }
}

/// Where a schedule stands on a date, as reports show it (tình trạng thời hạn).
///
/// ```
/// use hoptac::{Labelled, Lang, plan::ScheduleState};
/// assert_eq!(ScheduleState::Ended.label(Lang::Vi), "đã hết thời hạn");
/// assert_eq!(serde_json::to_string(&ScheduleState::NotStarted)?, "\"not_started\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ScheduleState {
    /// The schedule's first year has not come yet (chưa bắt đầu).
    NotStarted,
    /// Within the schedule (đang thực hiện).
    Running,
    /// Past the schedule's end (đã hết thời hạn): the task should be done.
    Ended,
    /// Continuous or annual: always running, never ends (thường xuyên).
    Continuous,
}

impl ScheduleState {
    /// Every state.
    ///
    /// ```
    /// use hoptac::plan::ScheduleState;
    /// assert_eq!(ScheduleState::ALL.len(), 4);
    /// assert_eq!(ScheduleState::ALL[0], ScheduleState::NotStarted);
    /// ```
    pub const ALL: [ScheduleState; 4] = [
        ScheduleState::NotStarted,
        ScheduleState::Running,
        ScheduleState::Ended,
        ScheduleState::Continuous,
    ];
}

impl Labelled for ScheduleState {
    fn label(&self, lang: Lang) -> &str {
        match (self, lang) {
            (ScheduleState::NotStarted, Lang::Vi) => "chưa bắt đầu",
            (ScheduleState::NotStarted, Lang::En) => "not started",
            (ScheduleState::Running, Lang::Vi) => "đang thực hiện",
            (ScheduleState::Running, Lang::En) => "running",
            (ScheduleState::Ended, Lang::Vi) => "đã hết thời hạn",
            (ScheduleState::Ended, Lang::En) => "ended",
            (ScheduleState::Continuous, Lang::Vi) => "thường xuyên",
            (ScheduleState::Continuous, Lang::En) => "ongoing",
        }
    }
}

impl fmt::Display for ScheduleState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(Lang::En))
    }
}

/// The error returned when a schedule cannot be read or built.
///
/// ```
/// use hoptac::{plan::ParseScheduleError, Schedule};
/// let err = "2030-2023".parse::<Schedule>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "reversed span of years `2030-2023`: the first year must not be after the second"
/// );
/// assert!(matches!(Schedule::year(1900), Err(ParseScheduleError::YearOutOfRange { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseScheduleError {
    /// The text is empty or blank.
    #[error("empty schedule: expected {}", EXPECTED)]
    Empty,
    /// The text is longer than 256 bytes.
    #[error("schedule `{text}` is too long: expected at most 256 bytes")]
    TooLong {
        /// The text (cut to 80 characters).
        text: String,
    },
    /// The text is none of the known wordings.
    #[error("unrecognised schedule `{text}`: expected {}", EXPECTED)]
    Unrecognised {
        /// The text (cut to 80 characters).
        text: String,
    },
    /// A span of years ends before it begins.
    #[error("reversed span of years `{text}`: the first year must not be after the second")]
    ReversedSpan {
        /// The text, or `from-to` for a constructor.
        text: String,
        /// The first year.
        from: i32,
        /// The last year.
        to: i32,
    },
    /// A year outside 1945..=2100.
    #[error("year {year} out of range in `{text}`: expected a year from 1945 to 2100")]
    YearOutOfRange {
        /// The text, or the year or date for a constructor.
        text: String,
        /// The year.
        year: i64,
    },
    /// A day, month or quarter that does not exist.
    #[error("invalid date in `{text}`: {reason}")]
    InvalidDate {
        /// The text.
        text: String,
        /// What is wrong.
        reason: &'static str,
    },
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
    /// [`ParseScheduleError::ReversedSpan`] when `from > to`,
    /// [`ParseScheduleError::YearOutOfRange`] when a year is outside 1945..=2100.
    ///
    /// ```
    /// use hoptac::Schedule;
    /// assert_eq!(Schedule::years(2023, 2030)?.to_string(), "2023-2030");
    /// assert!(Schedule::years(2030, 2023).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn years(from: i32, to: i32) -> Result<Self, ParseScheduleError> {
        Self::span(from, to, &format!("{from}-{to}"))
    }

    /// The calendar year `year` (năm).
    ///
    /// # Errors
    ///
    /// [`ParseScheduleError::YearOutOfRange`] when `year` is outside 1945..=2100.
    ///
    /// ```
    /// use hoptac::Schedule;
    /// assert_eq!(Schedule::year(2023)?.to_string(), "Năm 2023");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn year(year: i32) -> Result<Self, ParseScheduleError> {
        check_year(i64::from(year), &year.to_string())?;
        Ok(Schedule(Kind::Year(year)))
    }

    /// The deadline `date`, included (trước ngày).
    ///
    /// # Errors
    ///
    /// [`ParseScheduleError::YearOutOfRange`] when the date's year is outside
    /// 1945..=2100.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::Schedule;
    /// let date = NaiveDate::from_ymd_opt(2023, 6, 30).ok_or("date")?;
    /// assert_eq!(Schedule::by(date)?.to_string(), "Trước ngày 30/6/2023");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn by(date: NaiveDate) -> Result<Self, ParseScheduleError> {
        check_year(i64::from(date.year()), &date.to_string())?;
        Ok(Schedule(Kind::By(date)))
    }

    /// The deadline at the end of a month (`Tháng 6/2023` is 30/6/2023).
    ///
    /// # Errors
    ///
    /// [`ParseScheduleError::YearOutOfRange`] for a year outside 1945..=2100,
    /// [`ParseScheduleError::InvalidDate`] for a month outside 1..=12.
    ///
    /// ```
    /// use hoptac::Schedule;
    /// assert_eq!(Schedule::by_month(2024, 2)?.to_string(), "Trước ngày 29/2/2024");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn by_month(year: i32, month: u32) -> Result<Self, ParseScheduleError> {
        let text = format!("{month}/{year}");
        check_year(i64::from(year), &text)?;
        month_end(year, month, &text).map(|d| Schedule(Kind::By(d)))
    }

    /// The deadline at the end of a quarter, 1 to 4 (`Quý IV/2023` is 31/12/2023).
    ///
    /// # Errors
    ///
    /// [`ParseScheduleError::YearOutOfRange`] for a year outside 1945..=2100,
    /// [`ParseScheduleError::InvalidDate`] for a quarter outside 1..=4.
    ///
    /// ```
    /// use hoptac::Schedule;
    /// assert_eq!(Schedule::by_quarter(2023, 2)?.to_string(), "Trước ngày 30/6/2023");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn by_quarter(year: i32, quarter: u32) -> Result<Self, ParseScheduleError> {
        let text = format!("Q{quarter}/{year}");
        check_year(i64::from(year), &text)?;
        quarter_end(year, quarter, &text).map(|d| Schedule(Kind::By(d)))
    }

    fn span(from: i32, to: i32, text: &str) -> Result<Self, ParseScheduleError> {
        check_year(i64::from(from), text)?;
        check_year(i64::from(to), text)?;
        if from > to {
            return Err(ParseScheduleError::ReversedSpan {
                text: quote(text),
                from,
                to,
            });
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
        }
    }

    /// The first year of a span or the year of a year schedule; `None` for
    /// continuous and annual schedules and for deadlines, which have no start.
    ///
    /// ```
    /// use hoptac::Schedule;
    /// assert_eq!(Schedule::years(2023, 2030)?.first_year(), Some(2023));
    /// assert_eq!("Trước ngày 30/6/2023".parse::<Schedule>()?.first_year(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn first_year(&self) -> Option<i32> {
        match self.0 {
            Kind::Years { from, .. } => Some(from),
            Kind::Year(y) => Some(y),
            Kind::Continuous | Kind::Annual | Kind::By(_) => None,
        }
    }

    /// The year of [`Schedule::end`]; `None` for continuous and annual schedules.
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
    /// year or of a year, the deadline itself; `None` for continuous and
    /// annual schedules.
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
            Kind::Continuous | Kind::Annual => None,
            Kind::Years { to: year, .. } | Kind::Year(year) => {
                NaiveDate::from_ymd_opt(year, 12, 31)
            }
            Kind::By(date) => Some(date),
        }
    }

    /// Whether work is scheduled in `year`: always for continuous and annual
    /// schedules (they have no start); `from..=to` for a span; that year for a
    /// year; every year up to and including the deadline's for a deadline.
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
            Kind::Continuous | Kind::Annual => true,
            Kind::Years { from, to } => (from..=to).contains(&year),
            Kind::Year(y) => y == year,
            Kind::By(date) => year <= date.year(),
        }
    }

    /// Whether a result is due in `year`: every year for an annual schedule;
    /// the last year of a span; the year of a year schedule; the deadline's
    /// year. Never for a continuous schedule, which is always running and
    /// never due.
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
            Kind::Annual => true,
            Kind::Years { to, .. } => to == year,
            Kind::Year(y) => y == year,
            Kind::By(date) => date.year() == year,
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
    /// schedules; from 1 January of the first year (or, for a deadline,
    /// from any time) to the last day, included.
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
    /// schedules; otherwise [`NotStarted`](ScheduleState::NotStarted) before
    /// 1 January of the first year (never for a deadline),
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
        let Some(end) = self.end() else {
            return ScheduleState::Continuous;
        };
        match self.first_year() {
            Some(first) if date.year() < first => ScheduleState::NotStarted,
            _ if date > end => ScheduleState::Ended,
            _ => ScheduleState::Running,
        }
    }

    /// The schedule as text in `lang`: the canonical Vietnamese form of
    /// [`Display`](fmt::Display), or in English `Continuous`, `Every year`,
    /// `2023–2030` (with an en dash), `In 2023`, `By 30/06/2023`. Both parse
    /// back.
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
    type Err = ParseScheduleError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s)
    }
}

impl TryFrom<String> for Schedule {
    type Error = ParseScheduleError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        parse(&s)
    }
}

impl From<Schedule> for String {
    fn from(s: Schedule) -> String {
        s.to_string()
    }
}

// ---------------------------------------------------------------------------
// Parsing

fn check_year(year: i64, text: &str) -> Result<i32, ParseScheduleError> {
    let in_range = (i64::from(Schedule::MIN_YEAR)..=i64::from(Schedule::MAX_YEAR)).contains(&year);
    match i32::try_from(year) {
        Ok(y) if in_range => Ok(y),
        _ => Err(ParseScheduleError::YearOutOfRange {
            text: quote(text),
            year,
        }),
    }
}

fn invalid_date(text: &str, reason: &'static str) -> ParseScheduleError {
    ParseScheduleError::InvalidDate {
        text: quote(text),
        reason,
    }
}

fn month_end(year: i32, month: u32, text: &str) -> Result<NaiveDate, ParseScheduleError> {
    let next = match month {
        1..=11 => NaiveDate::from_ymd_opt(year, month + 1, 1),
        12 => year
            .checked_add(1)
            .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)),
        _ => None,
    };
    next.and_then(|d| d.pred_opt())
        .ok_or_else(|| invalid_date(text, "expected a month from 1 to 12"))
}

fn quarter_end(year: i32, quarter: u32, text: &str) -> Result<NaiveDate, ParseScheduleError> {
    match quarter {
        1..=4 => month_end(year, quarter * 3, text),
        _ => Err(invalid_date(text, "expected a quarter from I to IV")),
    }
}

/// A piece of a schedule text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    /// A run of letters, lowercased.
    Word(&'a str),
    /// A run of ASCII digits (at most 9).
    Num(u32),
    /// `-` or another dash.
    Dash,
    /// `/`.
    Slash,
    /// `.`.
    Dot,
}

/// Splits a lowercased text into pieces; `None` on a character no schedule
/// has, or a number of more than 9 digits.
fn tokenize(text: &str) -> Option<Vec<Tok<'_>>> {
    let mut toks = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c.is_alphabetic() {
            let len = rest
                .char_indices()
                .find(|&(_, c)| !c.is_alphabetic())
                .map_or(rest.len(), |(i, _)| i);
            let (word, tail) = rest.split_at(len);
            toks.push(Tok::Word(word));
            rest = tail;
            continue;
        }
        if c.is_ascii_digit() {
            let len = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            let (digits, tail) = rest.split_at(len);
            if digits.len() > 9 {
                return None;
            }
            toks.push(Tok::Num(digits.parse().ok()?));
            rest = tail;
            continue;
        }
        match c {
            '-' | '–' | '—' | '−' | '‐' | '‑' | '‒' => toks.push(Tok::Dash),
            '/' => toks.push(Tok::Slash),
            '.' => toks.push(Tok::Dot),
            ',' | ';' | ':' => {}
            c if c.is_whitespace() => {}
            _ => return None,
        }
        rest = &rest[c.len_utf8()..];
    }
    while toks.last() == Some(&Tok::Dot) {
        toks.pop();
    }
    Some(toks)
}

fn parse(text: &str) -> Result<Schedule, ParseScheduleError> {
    let Ok(text) = crate::text::nfc_within(text, MAX_SCHEDULE_LEN) else {
        return Err(ParseScheduleError::TooLong { text: quote(text) });
    };
    let text = text.as_ref();
    if text.trim().is_empty() {
        return Err(ParseScheduleError::Empty);
    }
    let unrecognised = || ParseScheduleError::Unrecognised { text: quote(text) };
    let folded = crate::text::lowercase_nfc(text);
    let toks = tokenize(&folded).ok_or_else(unrecognised)?;
    interpret(&toks, text)?.ok_or_else(unrecognised)
}

/// A quarter written as a Roman or Arabic numeral.
fn quarter_number(tok: Tok<'_>) -> Option<u32> {
    match tok {
        Tok::Word("i") => Some(1),
        Tok::Word("ii") => Some(2),
        Tok::Word("iii") => Some(3),
        Tok::Word("iv") => Some(4),
        Tok::Num(n) => Some(n),
        _ => None,
    }
}

fn year_of(n: u32, text: &str) -> Result<i32, ParseScheduleError> {
    check_year(i64::from(n), text)
}

/// `toks` without the leading words `words`, if it starts with them.
fn strip<'t, 'a>(toks: &'t [Tok<'a>], words: &[&str]) -> Option<&'t [Tok<'a>]> {
    let mut rest = toks;
    for w in words {
        match rest.split_first() {
            Some((Tok::Word(x), tail)) if x == w => rest = tail,
            _ => return None,
        }
    }
    Some(rest)
}

/// Reads a deadline finer than a year: a date, a month or a quarter, with an
/// optional leading `ngày`; `Ok(None)` when `toks` is none of these.
fn deadline(toks: &[Tok<'_>], text: &str) -> Result<Option<NaiveDate>, ParseScheduleError> {
    use Tok::{Dash, Dot, Num, Slash, Word};
    let toks = strip(toks, &["ngày"]).unwrap_or(toks);
    let date = |d: u32, m: u32, y: u32| -> Result<Option<NaiveDate>, ParseScheduleError> {
        let y = year_of(y, text)?;
        if !(1..=12).contains(&m) {
            return Err(invalid_date(text, "expected a month from 1 to 12"));
        }
        NaiveDate::from_ymd_opt(y, m, d)
            .map(Some)
            .ok_or_else(|| invalid_date(text, "no such day in that month"))
    };
    match *toks {
        [Num(d), Slash, Num(m), Slash, Num(y)]
        | [Num(d), Dash, Num(m), Dash, Num(y)]
        | [Num(d), Dot, Num(m), Dot, Num(y)]
        | [Num(d), Word("tháng"), Num(m), Word("năm"), Num(y)] => date(d, m, y),
        [Word("tháng"), Num(m), Slash | Dash | Dot, Num(y)]
        | [Word("tháng"), Num(m), Word("năm"), Num(y)] => {
            let y = year_of(y, text)?;
            month_end(y, m, text).map(Some)
        }
        [Word("quý"), q, Slash | Dash | Dot, Num(y)] | [Word("quý"), q, Word("năm"), Num(y)] => {
            let y = year_of(y, text)?;
            match quarter_number(q) {
                Some(q) => quarter_end(y, q, text).map(Some),
                None => Ok(None),
            }
        }
        [Word("cuối"), Word("năm"), Num(y)] => {
            let y = year_of(y, text)?;
            month_end(y, 12, text).map(Some)
        }
        _ => Ok(None),
    }
}

/// Reads the pieces of a schedule; `Ok(None)` when they are no known wording.
fn interpret(toks: &[Tok<'_>], text: &str) -> Result<Option<Schedule>, ParseScheduleError> {
    use Tok::{Dash, Num, Word};
    match toks {
        [Word("thường"), Word("xuyên")]
        | [Word("thường"), Word("xuyên"), Word("liên"), Word("tục")]
        | [Word("liên"), Word("tục")]
        | [Word("continuous" | "continuously" | "ongoing")] => {
            return Ok(Some(Schedule::continuous()))
        }
        [Word("hàng" | "hằng"), Word("năm")]
        | [Word("định"), Word("kỳ"), Word("hàng" | "hằng"), Word("năm")]
        | [Word("thường"), Word("niên")]
        | [Word("every"), Word("year")]
        | [Word("annual" | "annually" | "yearly")] => return Ok(Some(Schedule::annual())),
        _ => {}
    }

    // A deadline with a word saying so.
    for prefix in [
        &["trước"][..],
        &["chậm", "nhất"],
        &["hạn", "chót"],
        &["hoàn", "thành", "trước"],
        &["đến"],
        &["by"],
        &["before"],
    ] {
        let Some(rest) = strip(toks, prefix) else {
            continue;
        };
        if let Some(date) = deadline(rest, text)? {
            return Ok(Some(Schedule(Kind::By(date))));
        }
        let up_to_year = matches!(prefix, ["đến"] | ["by"]);
        let year = match *rest {
            [Word("năm"), Num(y)] | [Num(y)] if up_to_year => y,
            _ => return Ok(None),
        };
        let y = year_of(year, text)?;
        return month_end(y, 12, text).map(|d| Some(Schedule(Kind::By(d))));
    }

    // A bare date, month or quarter is a deadline too.
    let bare = strip(toks, &["trong"]).unwrap_or(toks);
    if let Some(date) = deadline(bare, text)? {
        return Ok(Some(Schedule(Kind::By(date))));
    }

    // Years: drop the words that may come before them.
    let mut rest = toks;
    loop {
        let shorter = [
            &["trong"][..],
            &["giai", "đoạn"],
            &["thời", "kỳ"],
            &["các", "năm"],
            &["từ"],
            &["năm"],
            &["in"],
            &["from"],
        ]
        .iter()
        .find_map(|words| strip(rest, words).filter(|r| !r.is_empty()));
        match shorter {
            Some(r) => rest = r,
            None => break,
        }
    }
    match *rest {
        [Num(a), Dash, Num(b)]
        | [Num(a), Word("đến" | "to"), Num(b)]
        | [Num(a), Word("đến"), Word("năm"), Num(b)] => {
            let from = year_of(a, text)?;
            let to = year_of(b, text)?;
            Schedule::span(from, to, text).map(Some)
        }
        [Num(y)] => Ok(Some(Schedule(Kind::Year(year_of(y, text)?)))),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn years(a: i32, b: i32) -> Schedule {
        Schedule::years(a, b).unwrap()
    }

    fn year(y: i32) -> Schedule {
        Schedule::year(y).unwrap()
    }

    fn by(y: i32, m: u32, day: u32) -> Schedule {
        Schedule::by(d(y, m, day)).unwrap()
    }

    /// Every schedule wording of the seed plans (the column "Thời gian thực
    /// hiện" of seed 003's appendix, and the periods and deadlines in the
    /// text of all five), then the other wordings plans use.
    #[test]
    fn parses_every_wording() {
        let c = Schedule::continuous();
        let a = Schedule::annual();
        let table: &[(&str, Schedule)] = &[
            // Seed 003, appendix column "Thời gian thực hiện".
            ("Thường xuyên", c),
            ("2023-2024", years(2023, 2024)),
            ("Hàng năm", a),
            ("2023-2030", years(2023, 2030)),
            ("2023-2025", years(2023, 2025)),
            ("Năm 2023-2024", years(2023, 2024)),
            // Seeds 000–004, in the text.
            ("thường xuyên", c),
            ("hàng năm", a),
            ("hằng năm", a),
            ("thường niên", a),
            ("giai đoạn 2021 - 2030", years(2021, 2030)),
            ("giai đoạn 2021 -2025", years(2021, 2025)),
            ("giai đoạn 2021 – 2030", years(2021, 2030)),
            ("giai đoạn 2021 - 2025", years(2021, 2025)),
            ("thời kỳ 2021 -2030", years(2021, 2030)),
            ("2021 -2030", years(2021, 2030)),
            ("Đến năm 2030", by(2030, 12, 31)),
            ("đến năm 2025", by(2025, 12, 31)),
            ("Đến năm 2045", by(2045, 12, 31)),
            ("đến năm 2050", by(2050, 12, 31)),
            ("năm 2023", year(2023)),
            // Other wordings.
            ("Năm 2023", year(2023)),
            ("2023", year(2023)),
            ("trong năm 2023", year(2023)),
            ("2023 - 2025", years(2023, 2025)),
            ("Giai đoạn 2023-2025", years(2023, 2025)),
            ("Giai đoạn 2023–2025.", years(2023, 2025)),
            ("từ năm 2023 đến năm 2025", years(2023, 2025)),
            ("Từ 2023 đến 2025", years(2023, 2025)),
            ("các năm 2023 - 2024", years(2023, 2024)),
            ("trong giai đoạn 2021-2025", years(2021, 2025)),
            ("2023-2023", years(2023, 2023)),
            ("Trước ngày 30/6/2023", by(2023, 6, 30)),
            ("trước 31/12/2023", by(2023, 12, 31)),
            ("Trước ngày 30/06/2023", by(2023, 6, 30)),
            ("trước ngày 30 tháng 6 năm 2023", by(2023, 6, 30)),
            ("chậm nhất ngày 15/3/2024", by(2024, 3, 15)),
            ("Hoàn thành trước ngày 31-12-2023", by(2023, 12, 31)),
            ("đến ngày 31.12.2023", by(2023, 12, 31)),
            ("30/6/2023", by(2023, 6, 30)),
            ("Quý IV/2023", by(2023, 12, 31)),
            ("Quý 4/2023", by(2023, 12, 31)),
            ("quý I năm 2024", by(2024, 3, 31)),
            ("Trong quý II/2024", by(2024, 6, 30)),
            ("Trước quý III/2024", by(2024, 9, 30)),
            ("Tháng 6/2023", by(2023, 6, 30)),
            ("tháng 2 năm 2024", by(2024, 2, 29)),
            ("trong tháng 12/2023", by(2023, 12, 31)),
            ("Cuối năm 2023", by(2023, 12, 31)),
            ("Định kỳ hằng năm", a),
            ("Thường xuyên, liên tục", c),
            ("  THƯỜNG   XUYÊN  ", c),
            ("HÀNG NĂM", a),
            // Decomposed (NFD) text, as some PDFs give it.
            ("Thu\u{31b}o\u{31b}\u{300}ng xuye\u{302}n", c),
            // The English forms.
            ("Continuous", c),
            ("Every year", a),
            ("2023–2030", years(2023, 2030)),
            ("In 2023", year(2023)),
            ("By 30/06/2023", by(2023, 6, 30)),
            ("by 2030", by(2030, 12, 31)),
        ];
        for (text, want) in table {
            assert_eq!(text.parse::<Schedule>().as_ref(), Ok(want), "{text}");
        }
    }

    #[test]
    fn refuses_bad_wordings() {
        for bad in [
            "định kỳ",
            "sớm",
            "2023-",
            "-2023",
            "2023-2024-2025",
            "năm",
            "Quý V/2023",
            "trước năm 2030",
            "tháng 6",
            "Q4/2023",
            "2023 (dự kiến)",
            "12345678901",
            "Hàng năm 2023",
        ] {
            assert!(bad.parse::<Schedule>().is_err(), "{bad}");
        }
    }

    #[test]
    fn error_messages() {
        let err = |s: &str| s.parse::<Schedule>().unwrap_err().to_string();
        assert_eq!(
            err("2030-2023"),
            "reversed span of years `2030-2023`: the first year must not be after the second"
        );
        assert_eq!(
            Schedule::years(2030, 2023).unwrap_err().to_string(),
            "reversed span of years `2030-2023`: the first year must not be after the second"
        );
        assert_eq!(
            err("Năm 1900"),
            "year 1900 out of range in `Năm 1900`: expected a year from 1945 to 2100"
        );
        assert_eq!(
            Schedule::year(-5).unwrap_err().to_string(),
            "year -5 out of range in `-5`: expected a year from 1945 to 2100"
        );
        assert_eq!(
            err("30/2/2023"),
            "invalid date in `30/2/2023`: no such day in that month"
        );
        assert_eq!(
            err("Tháng 13/2023"),
            "invalid date in `Tháng 13/2023`: expected a month from 1 to 12"
        );
        assert_eq!(
            err("Quý 5/2023"),
            "invalid date in `Quý 5/2023`: expected a quarter from I to IV"
        );
        assert_eq!(
            err("sớm"),
            "unrecognised schedule `sớm`: expected `Thường xuyên`, `Hàng năm`, a year (`Năm 2023`), \
             a span of years (`2023-2030`) or a deadline (`Trước ngày 30/6/2023`, `Tháng 6/2023`, `Quý IV/2023`)"
        );
        assert!(err("  ").starts_with("empty schedule: expected `Thường xuyên`"));
        let long = "2".repeat(300);
        assert_eq!(
            err(&long),
            format!(
                "schedule `{}…` is too long: expected at most 256 bytes",
                "2".repeat(80)
            )
        );
        assert!(matches!(
            Schedule::by(d(2200, 1, 1)),
            Err(ParseScheduleError::YearOutOfRange { year: 2200, .. })
        ));
        assert!(Schedule::by_month(2023, 0).is_err());
        assert!(Schedule::by_quarter(2023, 5).is_err());
        assert!(Schedule::years(1944, 2000).is_err());
        assert!(Schedule::years(2000, 2101).is_err());
        assert!(Schedule::years(1945, 2100).is_ok());
    }

    #[test]
    fn displays_in_both_languages() {
        let table = [
            (Schedule::continuous(), "Thường xuyên", "Continuous"),
            (Schedule::annual(), "Hàng năm", "Every year"),
            (years(2023, 2030), "2023-2030", "2023–2030"),
            (year(2023), "Năm 2023", "In 2023"),
            (by(2023, 6, 30), "Trước ngày 30/6/2023", "By 30/06/2023"),
        ];
        for (s, vi, en) in table {
            assert_eq!(s.to_string(), vi);
            assert_eq!(s.display_in(Lang::Vi).to_string(), vi);
            assert_eq!(s.display_in(Lang::En).to_string(), en);
            assert_eq!(vi.parse::<Schedule>().unwrap(), s);
            assert_eq!(en.parse::<Schedule>().unwrap(), s);
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{vi}\""));
        }
    }

    #[test]
    fn semantics_by_kind() {
        let c = Schedule::continuous();
        let a = Schedule::annual();
        let span = years(2023, 2025);
        let one = year(2024);
        let dl = by(2023, 6, 30);

        // is_active_in
        assert!(c.is_active_in(1990) && a.is_active_in(2099));
        assert_eq!(
            (2022..=2026)
                .map(|y| span.is_active_in(y))
                .collect::<Vec<_>>(),
            [false, true, true, true, false]
        );
        assert!(one.is_active_in(2024) && !one.is_active_in(2023) && !one.is_active_in(2025));
        assert!(dl.is_active_in(2000) && dl.is_active_in(2023) && !dl.is_active_in(2024));

        // is_due_in
        assert!(!c.is_due_in(2023) && a.is_due_in(2023) && a.is_due_in(2030));
        assert_eq!(
            (2022..=2026).map(|y| span.is_due_in(y)).collect::<Vec<_>>(),
            [false, false, false, true, false]
        );
        assert!(one.is_due_in(2024) && !one.is_due_in(2025));
        assert!(dl.is_due_in(2023) && !dl.is_due_in(2022));

        // end, first and last year, deadline, kind
        assert_eq!(c.end(), None);
        assert_eq!(a.end(), None);
        assert_eq!(span.end(), Some(d(2025, 12, 31)));
        assert_eq!(one.end(), Some(d(2024, 12, 31)));
        assert_eq!(dl.end(), Some(d(2023, 6, 30)));
        assert_eq!(
            [c, a, span, one, dl].map(|s| s.first_year()),
            [None, None, Some(2023), Some(2024), None]
        );
        assert_eq!(
            [c, a, span, one, dl].map(|s| s.last_year()),
            [None, None, Some(2025), Some(2024), Some(2023)]
        );
        assert_eq!(dl.deadline(), Some(d(2023, 6, 30)));
        assert_eq!(span.deadline(), None);
        assert_eq!([c, a, span, one, dl].map(|s| s.kind()), ScheduleKind::ALL);

        // status_at, is_running_at, is_ended_at
        use ScheduleState::*;
        let dates = [
            d(2022, 12, 31),
            d(2023, 1, 1),
            d(2023, 6, 30),
            d(2023, 7, 1),
            d(2024, 12, 31),
            d(2025, 1, 1),
            d(2026, 1, 1),
        ];
        let states = |s: Schedule| dates.map(|date| s.status_at(date));
        assert_eq!(states(c), [Continuous; 7]);
        assert_eq!(states(a), [Continuous; 7]);
        assert_eq!(
            states(span),
            [NotStarted, Running, Running, Running, Running, Running, Ended]
        );
        assert_eq!(
            states(one),
            [NotStarted, NotStarted, NotStarted, NotStarted, Running, Ended, Ended]
        );
        assert_eq!(
            states(dl),
            [Running, Running, Running, Ended, Ended, Ended, Ended]
        );
        for s in [c, a, span, one, dl] {
            for date in dates {
                let state = s.status_at(date);
                assert_eq!(s.is_ended_at(date), state == Ended);
                assert_eq!(s.is_running_at(date), matches!(state, Running | Continuous));
            }
        }
    }

    #[test]
    fn labels_and_serde_of_enums() {
        for state in ScheduleState::ALL {
            assert!(!state.label(Lang::Vi).is_empty() && !state.label(Lang::En).is_empty());
            let json = serde_json::to_string(&state).unwrap();
            assert_eq!(serde_json::from_str::<ScheduleState>(&json).unwrap(), state);
        }
        assert_eq!(
            serde_json::to_string(&ScheduleState::Running).unwrap(),
            "\"running\""
        );
        assert_eq!(
            serde_json::to_string(&ScheduleState::Continuous).unwrap(),
            "\"continuous\""
        );
        for kind in ScheduleKind::ALL {
            assert!(!kind.label(Lang::Vi).is_empty() && !kind.label(Lang::En).is_empty());
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(serde_json::from_str::<ScheduleKind>(&json).unwrap(), kind);
        }
    }

    #[test]
    fn serde_checks_like_the_parser() {
        assert_eq!(
            serde_json::from_str::<Schedule>("\"Năm 2023-2024\"").unwrap(),
            years(2023, 2024)
        );
        let err = serde_json::from_str::<Schedule>("\"2030-2023\"").unwrap_err();
        assert!(err.to_string().contains("reversed span of years"), "{err}");
        assert!(serde_json::from_str::<Schedule>("\"Năm 3000\"").is_err());
        assert!(serde_json::from_str::<Schedule>("{\"from\":2030,\"to\":2023}").is_err());
        assert!(serde_json::from_str::<Schedule>("2023").is_err());
    }

    #[test]
    fn errors_are_send_sync_static() {
        fn check<T: Send + Sync + 'static + std::error::Error>() {}
        check::<ParseScheduleError>();
    }

    fn any_schedule() -> impl Strategy<Value = Schedule> {
        let year = Schedule::MIN_YEAR..=Schedule::MAX_YEAR;
        prop_oneof![
            Just(Schedule::continuous()),
            Just(Schedule::annual()),
            (year.clone(), year.clone()).prop_map(|(a, b)| years(a.min(b), a.max(b))),
            year.clone().prop_map(year_schedule),
            (year, 1u32..=12, 1u32..=31).prop_filter_map("no such day", |(y, m, day)| {
                NaiveDate::from_ymd_opt(y, m, day).map(|date| Schedule::by(date).unwrap())
            }),
        ]
    }

    fn year_schedule(y: i32) -> Schedule {
        year(y)
    }

    proptest! {
        #[test]
        fn display_round_trips(s in any_schedule()) {
            prop_assert_eq!(s.to_string().parse::<Schedule>().unwrap(), s);
            prop_assert_eq!(s.display_in(Lang::En).to_string().parse::<Schedule>().unwrap(), s);
        }

        #[test]
        fn serde_round_trips(s in any_schedule()) {
            let json = serde_json::to_string(&s).unwrap();
            prop_assert_eq!(serde_json::from_str::<Schedule>(&json).unwrap(), s);
        }

        #[test]
        fn status_agrees_with_end(s in any_schedule(), y in 1940i32..2110, doy in 1u32..=365) {
            let date = NaiveDate::from_yo_opt(y, doy).unwrap();
            let state = s.status_at(date);
            match s.end() {
                None => prop_assert_eq!(state, ScheduleState::Continuous),
                Some(end) => prop_assert_eq!(state == ScheduleState::Ended, date > end),
            }
            if s.is_running_at(date) {
                prop_assert!(s.is_active_in(y));
            }
        }

        #[test]
        fn spans_parse_in_order_or_fail(a in 0u32..3000, b in 0u32..3000) {
            let text = format!("{a} - {b}");
            let parsed = text.parse::<Schedule>();
            let in_range = |y: u32| (1945..=2100).contains(&y);
            prop_assert_eq!(parsed.is_ok(), in_range(a) && in_range(b) && a <= b);
        }

        #[test]
        fn parse_never_panics(s in ".{0,80}") {
            let _ = s.parse::<Schedule>();
        }

        #[test]
        fn parse_never_panics_on_any_string(s in any::<String>()) {
            let _ = s.parse::<Schedule>();
        }

        #[test]
        fn parse_never_panics_on_near_misses(s in "(trước|ngày|quý|tháng|năm|giai đoạn|đến| |[0-9]{1,5}|/|-|\\.|iv){0,8}") {
            let _ = s.parse::<Schedule>();
        }
    }
}
