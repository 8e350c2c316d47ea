//! The one error of reading or building a single value: an id, a code, a
//! threshold, a schedule, a document number, a date, a number ...

use std::borrow::Cow;
use std::fmt;

/// The most characters of a bad input that an error repeats.
const MAX_INPUT_CHARS: usize = 80;

/// `input` cut as error messages quote it: its first 80 characters, then `…`.
pub(crate) fn quote(input: &str) -> Cow<'_, str> {
    crate::text::excerpt(input, MAX_INPUT_CHARS)
}

/// The error returned when a single value cannot be read or built: an id, a
/// code, a [`Threshold`](crate::Threshold), a [`Schedule`](crate::Schedule),
/// a [`DocRef`](crate::doc::DocRef), a date, a Vietnamese number ...
///
/// Every `FromStr` of the crate and every constructor of a checked value
/// returns it. Its message names the input and what was expected; its
/// accessors give the same pieces to a program: [`what`](ParseError::what)
/// was being read, the [`input`](ParseError::input), what was
/// [`expected`](ParseError::expected) and, for a closed vocabulary, the
/// accepted [`expected_codes`](ParseError::expected_codes).
/// [`text`](ParseError::text) says the whole error in Vietnamese or English.
///
/// ```
/// use hoptac::{org::OrgKind, ParseError, Threshold};
/// let err: ParseError = "htc".parse::<OrgKind>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown organisation kind `htc`: expected one of tht, htx, lhhtx");
/// assert_eq!((err.what(), err.input()), ("organisation kind", "htc"));
///
/// let err = "trên".parse::<Threshold>().unwrap_err();
/// assert_eq!(err.what(), "threshold");
/// assert_eq!(err.expected(), "a number such as `trên 60%`");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", Message(&self.0))]
pub struct ParseError(Box<Inner>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    /// What was being read: `target id`, `threshold`, `date` ...
    what: &'static str,
    /// The input, cut through [`crate::text::excerpt`].
    input: String,
    /// What would have been accepted, in English and in Vietnamese.
    expected: Said,
    kind: Kind,
}

/// A piece of an error's message in English and in Vietnamese: what went
/// wrong, what was expected, the context of an inner error. Call sites give
/// it as a pair `(english, vietnamese)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Said {
    en: Cow<'static, str>,
    vi: Cow<'static, str>,
}

impl<E, V> From<(E, V)> for Said
where
    E: Into<Cow<'static, str>>,
    V: Into<Cow<'static, str>>,
{
    fn from((en, vi): (E, V)) -> Self {
        Said {
            en: en.into(),
            vi: vi.into(),
        }
    }
}

/// What went wrong; it decides the message's opening.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// Nothing (or only blanks) was given.
    Empty,
    /// The input has more bytes than allowed.
    TooLong { len: usize },
    /// The input is none of the words or codes of a vocabulary.
    Unknown { codes: &'static [&'static str] },
    /// Any other problem. In English it is said in full and names the
    /// input; in Vietnamese it says what is wrong with the input, which the
    /// message has named before it (`có ký tự `é` không được dùng`).
    Invalid { problem: Said },
}

/// The message of an [`Inner`], as [`ParseError`]'s `Display` prints it.
struct Message<'a>(&'a Inner);

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: expected {}", Opening(self.0), self.0.expected.en)
    }
}

/// What is wrong, naming the input: the message before `: expected`.
struct Opening<'a>(&'a Inner);

impl fmt::Display for Opening<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.0;
        match &e.kind {
            Kind::Empty => write!(f, "empty {}", e.what),
            Kind::TooLong { len } => write!(f, "{} `{}` is {len} bytes long", e.what, e.input),
            Kind::Unknown { .. } => write!(f, "unknown {} `{}`", e.what, e.input),
            Kind::Invalid { problem } => f.write_str(&problem.en),
        }
    }
}

/// What is wrong with the input, in Vietnamese, without naming it: the
/// message between `không đọc được {what} `{input}`: ` and `; cần`.
struct ProblemVi<'a>(&'a Inner);

impl fmt::Display for ProblemVi<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.kind {
            Kind::Empty => f.write_str("để trống"),
            Kind::TooLong { len } => write!(f, "dài {len} byte"),
            Kind::Unknown { codes } if !codes.is_empty() => f.write_str("không có trong danh mục"),
            Kind::Unknown { .. } => f.write_str("không phải từ đã biết"),
            Kind::Invalid { problem } => f.write_str(&problem.vi),
        }
    }
}

/// The Vietnamese name of what a parser reads (its English name when the
/// table lacks it).
fn what_vi(what: &str) -> &str {
    match what {
        "agency id" => "mã cơ quan",
        "organisation id" => "mã tổ chức",
        "plan id" => "mã kế hoạch",
        "section id" => "mã mục",
        "target id" => "mã chỉ tiêu",
        "task id" => "mã nhiệm vụ",
        "citation" => "trích dẫn văn bản",
        "date" => "ngày",
        "date window" => "khoảng thời gian",
        "document number" => "số hiệu văn bản",
        "document name" => "tên loại văn bản",
        "document type code" => "mã loại văn bản",
        "document number form" => "dạng số hiệu văn bản",
        "language" => "ngôn ngữ",
        "list of flags" => "danh sách cờ",
        "number" => "số",
        "rating" => "xếp loại",
        "rating score" => "điểm xếp loại",
        "schedule" => "thời gian thực hiện",
        "target phrase" => "câu chỉ tiêu",
        "threshold" => "ngưỡng",
        "agency level" => "cấp cơ quan",
        "breakdown" => "cách phân tổ",
        "comparison" => "phép so sánh",
        "direction" => "chiều thay đổi",
        "encoding" => "bảng mã",
        "figure scale" => "thang số liệu",
        "flag" => "cờ",
        "law" => "luật",
        "measure kind" => "loại phép đo",
        "money unit" => "đơn vị tiền",
        "number format" => "cách viết số",
        "organisation kind" => "loại hình tổ chức",
        "organisation status" => "trạng thái tổ chức",
        "pace basis" => "cách tính tiến độ",
        "place level" => "cấp địa bàn",
        "place quantifier" => "cách tính theo địa bàn",
        "population" => "phạm vi tổ chức",
        "qualifier kind" => "loại điều kiện",
        "reason" => "lý do",
        "reporting frequency" => "kỳ báo cáo",
        "schedule kind" => "loại thời gian thực hiện",
        "schedule state" => "tình trạng thời gian thực hiện",
        "sector" => "lĩnh vực",
        "separator" => "dấu phân cách",
        "severity" => "mức độ",
        "subject word" => "từ chỉ đối tượng",
        "target status" => "tình trạng chỉ tiêu",
        "task status" => "tình trạng nhiệm vụ",
        "ignored input" => "dữ liệu bỏ qua",
        other => other,
    }
}

impl ParseError {
    fn new(what: &'static str, input: &str, expected: Said, kind: Kind) -> Self {
        ParseError(Box::new(Inner {
            what,
            input: crate::text::excerpt(input, MAX_INPUT_CHARS).into_owned(),
            expected,
            kind,
        }))
    }

    /// Nothing was given: `empty {what}: expected {expected}`; `expected`
    /// is `(english, vietnamese)`.
    pub(crate) fn empty(what: &'static str, expected: impl Into<Said>) -> Self {
        ParseError::new(what, "", expected.into(), Kind::Empty)
    }

    /// `input` has `len` bytes, more than `max`: ``{what} `{input}` is
    /// {len} bytes long: expected at most {max} bytes``. The input is quoted
    /// in NFC (only its start is normalised), so that a decomposed input
    /// fails as its composed form does.
    pub(crate) fn too_long(what: &'static str, input: &str, len: usize, max: usize) -> Self {
        let start = match input.char_indices().nth(4 * MAX_INPUT_CHARS) {
            Some((end, _)) => input.get(..end).unwrap_or(input),
            None => input,
        };
        let start = crate::text::nfc(start);
        let expected = (format!("at most {max} bytes"), format!("tối đa {max} byte"));
        ParseError::new(what, &start, expected.into(), Kind::TooLong { len })
    }

    /// `input` is not one of `codes`: ``unknown {what} `{input}`: expected
    /// one of a, b, c``.
    pub(crate) fn unknown_code(
        what: &'static str,
        input: &str,
        codes: &'static [&'static str],
    ) -> Self {
        let codes_list = codes.join(", ");
        let expected = (
            format!("one of {codes_list}"),
            format!("một trong {codes_list}"),
        );
        ParseError::new(what, input, expected.into(), Kind::Unknown { codes })
    }

    /// `input` is not a known word of an open or long vocabulary:
    /// ``unknown {what} `{input}`: expected {expected}``; `expected` is
    /// `(english, vietnamese)`.
    pub(crate) fn unknown(what: &'static str, input: &str, expected: impl Into<Said>) -> Self {
        ParseError::new(what, input, expected.into(), Kind::Unknown { codes: &[] })
    }

    /// Any other problem: `{problem}: expected {expected}`. Both are
    /// `(english, vietnamese)`: the English problem names the input, the
    /// Vietnamese one only says what is wrong with it (the Vietnamese
    /// message names the input before it).
    pub(crate) fn invalid(
        what: &'static str,
        input: &str,
        problem: impl Into<Said>,
        expected: impl Into<Said>,
    ) -> Self {
        let problem = problem.into();
        ParseError::new(what, input, expected.into(), Kind::Invalid { problem })
    }

    /// This error as the cause of failing to read a larger value:
    /// `{context}: {this error}`, now about `what` and `input`. `context`
    /// is `(english, vietnamese)`; the Vietnamese one, like a Vietnamese
    /// problem, need not name `input`.
    pub(crate) fn within(self, what: &'static str, input: &str, context: impl Into<Said>) -> Self {
        let context = context.into();
        let inner = &self.0;
        let en = format!("{}: {}", context.en, Opening(inner));
        let what_vi = what_vi(inner.what);
        let input = crate::text::excerpt(input, MAX_INPUT_CHARS);
        let vi = if inner.input.is_empty() || inner.input == input {
            format!("{}: {what_vi} {}", context.vi, ProblemVi(inner))
        } else {
            format!(
                "{}: {what_vi} `{}` {}",
                context.vi,
                inner.input,
                ProblemVi(inner)
            )
        };
        let problem = Said {
            en: en.into(),
            vi: vi.into(),
        };
        ParseError::new(what, &input, self.0.expected, Kind::Invalid { problem })
    }

    /// The error for people, in `lang`. In Vietnamese: what could not be
    /// read (its Vietnamese name) and the input, what is wrong with it, and
    /// what would have been accepted, after `cần`.
    ///
    /// ```
    /// use hoptac::{org::OrgKind, Lang, Threshold};
    /// let err = "htc".parse::<OrgKind>().unwrap_err();
    /// assert_eq!(err.text(Lang::Vi), "không đọc được loại hình tổ chức `htc`: không có trong danh mục; cần một trong tht, htx, lhhtx");
    /// assert_eq!(err.text(Lang::En), err.to_string());
    /// let err = hoptac::plan::TargetId::new("").unwrap_err();
    /// assert_eq!(err.text(Lang::Vi), "không đọc được mã chỉ tiêu: để trống; cần chữ thường không dấu, chữ số và `-`, `_`, `.`");
    /// let err = "trên".parse::<Threshold>().unwrap_err();
    /// assert_eq!(err.text(Lang::Vi), "không đọc được ngưỡng `trên`: không có số sau `trên`; cần một số như `trên 60%`");
    /// assert_eq!(err.text(Lang::En), "no number after `trên` in `trên`: expected a number such as `trên 60%`");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn text(&self, lang: crate::Lang) -> String {
        if lang == crate::Lang::En {
            return self.to_string();
        }
        let e = &self.0;
        let what = what_vi(e.what);
        let input = if e.input.is_empty() {
            String::new()
        } else {
            format!(" `{}`", e.input)
        };
        format!(
            "không đọc được {what}{input}: {}; cần {}",
            ProblemVi(e),
            e.expected.vi
        )
    }

    /// What was being read, such as `target id`, `organisation kind`,
    /// `threshold`, `schedule`, `document number`, `date` or `number`.
    ///
    /// ```
    /// use hoptac::{doc::DocRef, plan::TargetId, Schedule};
    /// assert_eq!("na 2030".parse::<TargetId>().unwrap_err().what(), "target id");
    /// assert_eq!("363".parse::<DocRef>().unwrap_err().what(), "document number");
    /// assert_eq!("sớm".parse::<Schedule>().unwrap_err().what(), "schedule");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn what(&self) -> &'static str {
        self.0.what
    }

    /// The text that was given (its first 80 characters and `…` when
    /// longer), or the value written as text for a constructor that takes
    /// numbers or dates; empty when nothing was given.
    ///
    /// ```
    /// use hoptac::{org::Rating, text::parse_vi_number};
    /// assert_eq!(parse_vi_number("1.5").unwrap_err().input(), "1.5");
    /// assert_eq!(Rating::from_score(101).unwrap_err().input(), "101");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn input(&self) -> &str {
        &self.0.input
    }

    /// What would have been accepted, as the message says it after
    /// `expected`.
    ///
    /// ```
    /// use hoptac::{doc::parse_vi_date, Lang};
    /// assert_eq!("fr".parse::<Lang>().unwrap_err().expected(), "`vi` or `en`");
    /// let err = parse_vi_date("16.6/2022").unwrap_err();
    /// assert_eq!(err.expected(), "`d/m/yyyy`, `d-m-yyyy`, `d.m.yyyy` or `ngày d tháng m năm yyyy`");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn expected(&self) -> &str {
        &self.0.expected.en
    }

    /// What would have been accepted, in `lang`: in English as
    /// [`expected`](Self::expected), in Vietnamese as [`text`](Self::text)
    /// says it after `cần`.
    ///
    /// ```
    /// use hoptac::Lang;
    /// let err = "fr".parse::<Lang>().unwrap_err();
    /// assert_eq!(err.expected_in(Lang::Vi), "`vi` hoặc `en`");
    /// assert_eq!(err.expected_in(Lang::En), err.expected());
    /// ```
    pub fn expected_in(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::En => &self.0.expected.en,
            crate::Lang::Vi => &self.0.expected.vi,
        }
    }

    /// The accepted codes when the input was not one of a closed
    /// vocabulary's codes (an [`OrgKind`](crate::org::OrgKind),
    /// [`Rating`](crate::org::Rating), [`Flag`](crate::org::Flag) ...);
    /// empty otherwise.
    ///
    /// ```
    /// use hoptac::org::{Rating, OrgStatus};
    /// let err = "tot".parse::<Rating>().unwrap_err();
    /// assert_eq!(err.expected_codes(), ["good", "fair", "average", "weak"]);
    /// assert_eq!(err.expected(), "one of good, fair, average, weak");
    /// let err = "closed".parse::<OrgStatus>().unwrap_err();
    /// assert_eq!(err.expected_codes(), ["active", "suspended", "dissolving", "dissolved"]);
    /// assert!(Rating::from_score(101).unwrap_err().expected_codes().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn expected_codes(&self) -> &'static [&'static str] {
        match self.0.kind {
            Kind::Unknown { codes } => codes,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn messages_name_the_input_and_what_was_expected() {
        let empty = ParseError::empty("schedule", ("a year", "một năm"));
        assert_eq!(empty.to_string(), "empty schedule: expected a year");
        assert_eq!(
            empty.text(Lang::Vi),
            "không đọc được thời gian thực hiện: để trống; cần một năm"
        );
        assert_eq!(empty.input(), "");
        let long = ParseError::too_long("date", &"1".repeat(100), 100, 64);
        assert_eq!(long.expected(), "at most 64 bytes");
        assert!(long
            .to_string()
            .ends_with("…` is 100 bytes long: expected at most 64 bytes"));
        assert!(long
            .text(Lang::Vi)
            .ends_with("…`: dài 100 byte; cần tối đa 64 byte"));
        let code = ParseError::unknown_code("rating", "x", &["good", "weak"]);
        assert_eq!(
            code.to_string(),
            "unknown rating `x`: expected one of good, weak"
        );
        assert_eq!(
            code.text(Lang::Vi),
            "không đọc được xếp loại `x`: không có trong danh mục; cần một trong good, weak"
        );
        let word = ParseError::unknown("language", "fr", ("`vi` or `en`", "`vi` hoặc `en`"));
        assert_eq!(
            word.text(Lang::Vi),
            "không đọc được ngôn ngữ `fr`: không phải từ đã biết; cần `vi` hoặc `en`"
        );
    }

    #[test]
    fn an_inner_error_is_named_in_both_languages() {
        let inner = ParseError::invalid(
            "number",
            "1.5",
            ("invalid Vietnamese number `1.5`", "viết sai cách viết số"),
            ("3 digits", "3 chữ số"),
        );
        assert_eq!(
            inner.text(Lang::Vi),
            "không đọc được số `1.5`: viết sai cách viết số; cần 3 chữ số"
        );
        let outer = inner.within(
            "threshold",
            "trên 1.5%",
            ("invalid number in `trên 1.5%`", "số trong ngưỡng sai"),
        );
        assert_eq!(
            outer.to_string(),
            "invalid number in `trên 1.5%`: invalid Vietnamese number `1.5`: expected 3 digits"
        );
        assert_eq!(outer.text(Lang::En), outer.to_string());
        assert_eq!(
            outer.text(Lang::Vi),
            "không đọc được ngưỡng `trên 1.5%`: số trong ngưỡng sai: số `1.5` viết sai cách viết số; cần 3 chữ số"
        );
        assert_eq!(
            (outer.what(), outer.input(), outer.expected()),
            ("threshold", "trên 1.5%", "3 digits")
        );
        // The same input is not quoted twice; an empty one is not quoted.
        let same = ParseError::empty("threshold", ("a number", "một số")).within(
            "target phrase",
            "",
            ("no target", "không có chỉ tiêu"),
        );
        assert_eq!(
            same.text(Lang::Vi),
            "không đọc được câu chỉ tiêu: không có chỉ tiêu: ngưỡng để trống; cần một số"
        );
    }
}
