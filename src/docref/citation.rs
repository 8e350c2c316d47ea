//! Citations of documents (`50-CTr/TU ngày 13/4/2023`) and Vietnamese dates.

use crate::bilingual::Bilingual;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{DocKind, DocRef};
use crate::parse_error::{quote, ParseError};

/// Longest date text accepted by [`parse_vi_date`], in bytes.
const MAX_DATE_LEN: usize = 64;
/// Longest citation text accepted, in bytes: room for a name, the longest
/// document number, a date, an issuer and a long title.
const MAX_CITATION_LEN: usize = 2048;

/// A cited document (văn bản được trích dẫn): its number, and when known
/// what the text calls it, its date of issue (ngày ban hành), its issuer and
/// its title (trích yếu).
///
/// Displayed as `Chương trình số 50-CTr/TU ngày 13/4/2023 của Ban Thường vụ
/// Tỉnh ủy` (the name only when known, the date as `d/m/yyyy` without
/// leading zeros, the issuer after `của`); titles are not displayed.
///
/// Parsing reads the sentences documents cite each other with: an optional
/// name ("Nghị định", "Chương trình hành động", "Thông báo kết luận", "Luật
/// Hợp tác xã"), `số` or `số:`, the number, then in any order `ngày` and a
/// date (`31/3/2021`, `02/02/2023`, `18-3-2002`, `13.12.2013`, `ngày 31 tháng
/// 3 năm 2021`), `của` and the issuer, and last `về` (or `V/v`) and the title
/// (a title may also start with `quy định`, `hướng dẫn`, `phê duyệt`, `ban
/// hành`, `thực hiện`, `triển khai`, `sửa đổi` or `bãi bỏ`). Commas may stand between the parts. "Nghị quyết số 20-NQ/TW của
/// Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII ngày
/// 16/6/2022" has its issuer before its date. Any case is read (`SỐ
/// 50-CTr/TU NGÀY 13/4/2023`), and decomposed text as composed.
///
/// The name the text gives and the number's type code may disagree (An
/// Giang's "Kế hoạch số 1206/QĐ-UBND"): [`Citation::kind_conflict`] says so.
///
/// Display and parsing round-trip for citations without titles whose year
/// has four digits and whose issuer contains no `ngày`, `về` or title verb.
///
/// Serialized as a struct: `doc` as its string, `kind` tagged as
/// [`DocKind`], `date` as `YYYY-MM-DD`.
///
/// ```
/// use hoptac::doc::{Citation, DocKind, DocType};
/// use chrono::NaiveDate;
/// let c: Citation = "05/QĐ-BCĐ ngày 10/01/2019".parse()?;
/// assert_eq!(c.doc.to_string(), "05/QĐ-BCĐ");
/// assert_eq!(c.date, NaiveDate::from_ymd_opt(2019, 1, 10));
/// assert_eq!(c.to_string(), "05/QĐ-BCĐ ngày 10/1/2019");
///
/// let c: Citation = "Nghị định số 45/2021/NĐ-CP ngày 31 tháng 3 năm 2021 của Chính phủ \
///     về thành lập, tổ chức và hoạt động của Quỹ hỗ trợ phát triển hợp tác xã".parse()?;
/// assert_eq!(c.kind, Some(DocKind::from(DocType::Decree)));
/// assert_eq!(c.issuer.as_deref(), Some("Chính phủ"));
/// assert_eq!(c.to_string(), "Nghị định số 45/2021/NĐ-CP ngày 31/3/2021 của Chính phủ");
/// let title = c.title.as_ref().map(|t| t.vi.as_str());
/// assert_eq!(title, Some("thành lập, tổ chức và hoạt động của Quỹ hỗ trợ phát triển hợp tác xã"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The document's number.
    pub doc: DocRef,
    /// What the text calls the document ("Nghị định", "Kế hoạch"), when it
    /// names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DocKind>,
    /// Date of issue (ngày ban hành).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::serde_util::OptionDateStr"
    )]
    pub date: Option<NaiveDate>,
    /// The issuer as the text names it ("Chính phủ", "UBND tỉnh", "Ban
    /// Thường vụ Tỉnh ủy").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Title or summary (trích yếu), in Vietnamese and where given English.
    /// For a law cited by its name ("Luật Hợp tác xã số 17/2023/QH15"),
    /// the name.
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
            kind: None,
            date: None,
            issuer: None,
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

impl Citation {
    /// The name the text gives and the kind the number says, when they
    /// disagree: `(named, numbered)`. A kind of a type agrees with it (a
    /// verification report `BCTT` is a report, a joint circular a
    /// circular; a Party `QĐ` is a quyết định or a quy định); a number that
    /// says no kind (`17/2023/QH15`) never disagrees.
    ///
    /// ```
    /// use hoptac::doc::{Citation, DocKind, DocType};
    /// let c: Citation = "Kế hoạch số 1206/QĐ-UBND, ngày 28/5/2020".parse()?;
    /// assert_eq!(
    ///     c.kind_conflict(),
    ///     Some((DocType::Plan.into(), DocType::Decision.into()))
    /// );
    /// let ok: Citation = "Chương trình hành động số 50-CTr/TU".parse()?;
    /// assert_eq!(ok.kind_conflict(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn kind_conflict(&self) -> Option<(DocKind, DocKind)> {
        let named = self.kind?;
        let numbered = self.doc.kind()?;
        // In Party numbers `QĐ` stands for a quy định as well as a quyết
        // định (Quy định 66-QĐ/TW: `97-QĐ/TW` is a regulation).
        let party_qd = self.doc.form() == super::DocForm::Party
            && numbered == DocKind::from(super::DocType::Decision)
            && named == DocKind::from(super::DocType::Regulation);
        if party_qd {
            return None;
        }
        let family = |k: DocKind| match k {
            DocKind::Typed { doc_type } => DocKind::Typed {
                doc_type: match doc_type.base() {
                    super::DocType::JointCircular => super::DocType::Circular,
                    t => t,
                },
            },
            k => k,
        };
        (family(named) != family(numbered)).then_some((named, numbered))
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(kind) = self.kind {
            write!(f, "{kind} số ")?;
        }
        write!(f, "{}", self.doc)?;
        if let Some(date) = self.date {
            write!(f, " ngày {}/{}/{}", date.day(), date.month(), date.year())?;
        }
        if let Some(issuer) = &self.issuer {
            write!(f, " của {issuer}")?;
        }
        Ok(())
    }
}

impl FromStr for Citation {
    type Err = ParseError;

    /// Reads a citation sentence (see [`Citation`]); an error in the number
    /// or the date is that part's error.
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
        let s = s.as_ref().trim();
        let s = s.trim_end_matches(['.', ';']).trim_end();
        super::find::read_whole(s)
    }
}

/// What a date may look like, for error messages.
pub(super) const DATE_FORMS: (&str, &str) = (
    "`d/m/yyyy`, `d-m-yyyy`, `d.m.yyyy` or `ngày d tháng m năm yyyy`",
    "`d/m/yyyy`, `d-m-yyyy`, `d.m.yyyy` hoặc `ngày d tháng m năm yyyy`",
);

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

/// Parses a date written the Vietnamese way: `13/4/2023`, `10/01/2019`,
/// `18-3-2002`, `13.12.2013` (one separator throughout), or `30 tháng 5 năm
/// 2023`, each perhaps after `ngày` (any case). Day and month have 1 or 2
/// digits, the year 4.
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
/// assert_eq!(parse_vi_date("30.5.2023")?, want);
/// assert_eq!(parse_vi_date("30-5-2023")?, want);
/// let err = parse_vi_date("16.6/2022").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid Vietnamese date `16.6/2022`: expected `d/m/yyyy`, `d-m-yyyy`, `d.m.yyyy` or `ngày d tháng m năm yyyy`"
/// );
/// assert_eq!((err.what(), err.input()), ("date", "16.6/2022"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_vi_date(input: &str) -> Result<NaiveDate, ParseError> {
    const WHAT: &str = "date";
    let input = crate::text::nfc_within(input, MAX_DATE_LEN)
        .map_err(|len| ParseError::too_long(WHAT, input, len, MAX_DATE_LEN))?;
    let trimmed = input.trim();
    let malformed = || {
        let problem = format!("invalid Vietnamese date `{}`", quote(trimmed));
        let problem_vi = "không đúng cách viết ngày";
        ParseError::invalid(WHAT, trimmed, (problem, problem_vi), DATE_FORMS)
    };
    let mut tokens: Vec<&str> = trimmed.split_whitespace().collect();
    if tokens.first().is_some_and(|t| is_word(t, "ngày")) {
        tokens.remove(0);
    }
    let parts = match tokens.as_slice() {
        [] => return Err(ParseError::empty(WHAT, DATE_FORMS)),
        [slashed] => {
            // One separator throughout: `/`, `-` or `.`.
            let Some(sep) = slashed.chars().find(|c| matches!(c, '/' | '-' | '.')) else {
                return Err(malformed());
            };
            let mut pieces = slashed.split(sep);
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
            Some(last) => (
                format!("a day from 1 to {last} in month {month} of {year}"),
                format!("một ngày từ 1 đến {last} của tháng {month} năm {year}"),
            ),
            None => (
                "a month from 1 to 12".to_owned(),
                "một tháng từ 1 đến 12".to_owned(),
            ),
        };
        let problem = (problem, "không có ngày này trên lịch");
        ParseError::invalid(WHAT, trimmed, problem, expected)
    })
}
