//! Citations of documents (`50-CTr/TU ngày 13/4/2023`) and Vietnamese dates.

use crate::bilingual::Bilingual;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::DocRef;
use crate::parse_error::{quote, ParseError};

/// Longest date text accepted by [`parse_vi_date`], in bytes.
const MAX_DATE_LEN: usize = 64;
/// Longest citation text accepted, in bytes: room for the longest document
/// number, `ngày` and a date.
const MAX_CITATION_LEN: usize = 320;

/// A cited document (văn bản được trích dẫn): its number, and when known its
/// date of issue (ngày ban hành) and title (trích yếu).
///
/// Displayed as `50-CTr/TU ngày 13/4/2023` (the date as `d/m/yyyy` without
/// leading zeros), or the bare number without a date; the titles are not
/// displayed. Parsing reads that form, dates with or without leading zeros,
/// a `,` before `ngày` (`1206/QĐ-UBND, ngày 28/5/2020`), any case (`SỐ
/// 50-CTr/TU NGÀY 13/4/2023`) and dates written `ngày 30 tháng 5 năm 2023`.
/// Display and parsing round-trip for citations without titles whose year
/// has four digits.
///
/// Serialized as a struct: `doc` as its string, `date` as `YYYY-MM-DD`.
///
/// ```
/// use hoptac::doc::Citation;
/// use chrono::NaiveDate;
/// let c: Citation = "05/QĐ-BCĐ ngày 10/01/2019".parse()?;
/// assert_eq!(c.doc.to_string(), "05/QĐ-BCĐ");
/// assert_eq!(c.date, NaiveDate::from_ymd_opt(2019, 1, 10));
/// assert_eq!(c.to_string(), "05/QĐ-BCĐ ngày 10/1/2019");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The document's number.
    pub doc: DocRef,
    /// Date of issue (ngày ban hành).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::serde_util::DateStr>")
    )]
    pub date: Option<NaiveDate>,
    /// Title or summary (trích yếu), in Vietnamese and where given English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Bilingual>,
}

impl Citation {
    /// A citation of `doc`, with no date and no title.
    ///
    /// ```
    /// use hoptac::doc::Citation;
    /// let c = Citation::new("20-NQ/TW".parse()?);
    /// assert_eq!(c.to_string(), "20-NQ/TW");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(doc: DocRef) -> Self {
        Citation {
            doc,
            date: None,
            title: None,
        }
    }

    /// A citation of `doc` issued on `date`.
    ///
    /// ```
    /// use hoptac::doc::Citation;
    /// use chrono::NaiveDate;
    /// let date = NaiveDate::from_ymd_opt(2022, 6, 16).ok_or("bad date")?;
    /// let c = Citation::dated("20-NQ/TW".parse()?, date);
    /// assert_eq!(c.to_string(), "20-NQ/TW ngày 16/6/2022");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dated(doc: DocRef, date: NaiveDate) -> Self {
        Citation {
            date: Some(date),
            ..Citation::new(doc)
        }
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.doc)?;
        if let Some(date) = self.date {
            write!(f, " ngày {}/{}/{}", date.day(), date.month(), date.year())?;
        }
        Ok(())
    }
}

/// Splits `s` at the first whitespace-separated word equal to `word` in
/// lowercase: the text before it and after it.
fn split_at_word<'a>(s: &'a str, word: &str) -> Option<(&'a str, &'a str)> {
    let mut start = 0;
    for token in s.split_whitespace() {
        let offset = s.get(start..)?.find(token)? + start;
        let end = offset + token.len();
        if is_word(token, word) {
            return Some((s.get(..offset)?, s.get(end..)?));
        }
        start = end;
    }
    None
}

impl FromStr for Citation {
    type Err = ParseError;

    /// Reads a document number, then perhaps `ngày` and a date; an error in
    /// either part is that part's error.
    ///
    /// ```
    /// let err = "20-NQ/TW ngày 31/2/2022".parse::<hoptac::doc::Citation>().unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "no such date `31/2/2022`: expected a day from 1 to 28 in month 2 of 2022"
    /// );
    /// assert_eq!((err.what(), err.input()), ("date", "31/2/2022"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = crate::text::nfc_within(s, MAX_CITATION_LEN)
            .map_err(|len| ParseError::too_long("citation", s, len, MAX_CITATION_LEN))?;
        let s = s.as_ref();
        match split_at_word(s, "ngày") {
            Some((doc, date)) => {
                let doc = doc.trim_end();
                let doc = doc.strip_suffix(',').unwrap_or(doc);
                Ok(Citation::dated(doc.parse()?, parse_vi_date(date)?))
            }
            None => Ok(Citation::new(s.parse()?)),
        }
    }
}

/// What a date may look like, for error messages.
const DATE_FORMS: &str = "`d/m/yyyy` or `ngày d tháng m năm yyyy`";

/// The last day of `month` in `year`, if that month exists.
fn last_day(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    next.pred_opt().map(|d| d.day())
}

/// Reads 1 or 2 ASCII digits.
fn day_or_month(text: &str) -> Option<u32> {
    if (1..=2).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

/// Reads 4 ASCII digits.
fn four_digit_year(text: &str) -> Option<i32> {
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

/// Whether `token` is `word` in any case (both in NFC).
fn is_word(token: &str, word: &str) -> bool {
    token.chars().flat_map(char::to_lowercase).eq(word.chars())
}

/// Parses a date written the Vietnamese way: `13/4/2023`, `10/01/2019`, or
/// `30 tháng 5 năm 2023`, each perhaps after `ngày` (any case). Day and month
/// have 1 or 2 digits, the year 4.
///
/// # Errors
///
/// [`ParseError`] when the text is empty, longer than 64 bytes, in
/// neither form, or not a calendar date (`31/2/2023`).
///
/// ```
/// use hoptac::doc::parse_vi_date;
/// use chrono::NaiveDate;
/// let want = NaiveDate::from_ymd_opt(2023, 5, 30).ok_or("bad date")?;
/// assert_eq!(parse_vi_date("30/5/2023")?, want);
/// assert_eq!(parse_vi_date("ngày 30 tháng 5 năm 2023")?, want);
/// assert_eq!(parse_vi_date("30/05/2023")?, want);
/// let err = parse_vi_date("16.6.2022").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid Vietnamese date `16.6.2022`: expected `d/m/yyyy` or `ngày d tháng m năm yyyy`"
/// );
/// assert_eq!((err.what(), err.input()), ("date", "16.6.2022"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_vi_date(input: &str) -> Result<NaiveDate, ParseError> {
    const WHAT: &str = "date";
    let input = crate::text::nfc_within(input, MAX_DATE_LEN)
        .map_err(|len| ParseError::too_long(WHAT, input, len, MAX_DATE_LEN))?;
    let trimmed = input.trim();
    let malformed = || {
        let problem = format!("invalid Vietnamese date `{}`", quote(trimmed));
        ParseError::invalid(WHAT, trimmed, problem, DATE_FORMS)
    };
    let mut tokens: Vec<&str> = trimmed.split_whitespace().collect();
    if tokens.first().is_some_and(|t| is_word(t, "ngày")) {
        tokens.remove(0);
    }
    let parts = match tokens.as_slice() {
        [] => return Err(ParseError::empty(WHAT, DATE_FORMS)),
        [slashed] => {
            let mut pieces = slashed.split('/');
            match (pieces.next(), pieces.next(), pieces.next(), pieces.next()) {
                (Some(d), Some(m), Some(y), None) => (d, m, y),
                _ => return Err(malformed()),
            }
        }
        [d, thang, m, nam, y] if is_word(thang, "tháng") && is_word(nam, "năm") => (*d, *m, *y),
        _ => return Err(malformed()),
    };
    let (Some(day), Some(month), Some(year)) = (
        day_or_month(parts.0),
        day_or_month(parts.1),
        four_digit_year(parts.2),
    ) else {
        return Err(malformed());
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let problem = format!("no such date `{}`", quote(trimmed));
        let expected = match last_day(year, month) {
            Some(last) => format!("a day from 1 to {last} in month {month} of {year}"),
            None => "a month from 1 to 12".to_owned(),
        };
        ParseError::invalid(WHAT, trimmed, problem, expected)
    })
}
