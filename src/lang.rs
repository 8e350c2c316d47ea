//! Languages for labels shown to people, and numbers in each language's format.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::parse_error::{quote, ParseError};

/// A language for text shown to people (ngôn ngữ hiển thị).
///
/// Every enum of the crate has a label in each language (see [`Labelled`]), and
/// numbers are printed in the language's format by [`format_decimal`].
///
/// ```
/// use hoptac::Lang;
/// let lang: Lang = "vi".parse()?;
/// assert_eq!(lang, Lang::Vi);
/// assert_eq!(lang.to_string(), "vi");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Vietnamese (tiếng Việt): `1.200`, `61,5%`.
    #[default]
    Vi,
    /// English: `1,200`, `61.5%`.
    En,
}

impl Lang {
    /// Both languages, Vietnamese first.
    ///
    /// ```
    /// use hoptac::Lang;
    /// assert_eq!(Lang::ALL, [Lang::Vi, Lang::En]);
    /// assert_eq!(Lang::ALL[0], Lang::default());
    /// ```
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// Chooses between a Vietnamese and an English form: the one way labels
    /// of values that carry data are given (closed vocabularies use codes and
    /// [`Labelled`]).
    ///
    /// ```
    /// use hoptac::Lang;
    /// assert_eq!(Lang::Vi.pick("trên", "more than"), "trên");
    /// assert_eq!(Lang::En.pick("trên", "more than"), "more than");
    /// ```
    pub fn pick<T>(self, vi: T, en: T) -> T {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// The language's code: `vi` or `en`.
    ///
    /// ```
    /// assert_eq!(hoptac::Lang::En.code(), "en");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The character that groups thousands: `.` in Vietnamese, `,` in English.
    ///
    /// ```
    /// use hoptac::Lang;
    /// assert_eq!(Lang::Vi.group_separator(), '.');
    /// assert_eq!(Lang::En.group_separator(), ',');
    /// ```
    pub const fn group_separator(self) -> char {
        match self {
            Lang::Vi => '.',
            Lang::En => ',',
        }
    }

    /// The character before the fraction: `,` in Vietnamese, `.` in English.
    ///
    /// ```
    /// use hoptac::Lang;
    /// assert_eq!(Lang::Vi.decimal_separator(), ',');
    /// assert_eq!(Lang::En.decimal_separator(), '.');
    /// ```
    pub const fn decimal_separator(self) -> char {
        match self {
            Lang::Vi => ',',
            Lang::En => '.',
        }
    }

    /// Why reading or writing failed, for people in this language: in
    /// English the system's own words; in Vietnamese the kind of failure
    /// and the system's error code (lý do lỗi đọc ghi).
    ///
    /// ```
    /// use hoptac::Lang;
    /// let e = std::io::Error::from_raw_os_error(2);
    /// assert_eq!(Lang::Vi.io_error(&e), "không có tệp hoặc thư mục này (mã lỗi hệ thống 2)");
    /// assert_eq!(Lang::En.io_error(&e), e.to_string());
    /// let e = std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "early end");
    /// assert_eq!(Lang::Vi.io_error(&e), "tệp kết thúc sớm (early end)");
    /// ```
    pub fn io_error(self, e: &std::io::Error) -> String {
        if self == Lang::En {
            return e.to_string();
        }
        let what = io_kind_vi(e.kind());
        match e.raw_os_error() {
            Some(code) => format!("{what} (mã lỗi hệ thống {code})"),
            // An error made by a program: its own words, kept.
            None => match e.get_ref() {
                Some(inner) => format!("{what} ({inner})"),
                None => what.to_owned(),
            },
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = ParseError;

    /// Reads `vi` or `en` (also `vie`, `vietnamese`, `eng`, `english`),
    /// ignoring ASCII case and surrounding whitespace.
    ///
    /// ```
    /// use hoptac::Lang;
    /// assert_eq!(" EN ".parse::<Lang>()?, Lang::En);
    /// let err = "fr".parse::<Lang>().unwrap_err();
    /// assert_eq!(err.to_string(), "unknown language `fr`: expected `vi` or `en`");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = crate::text::nfc(s);
        match s.trim().to_ascii_lowercase().as_str() {
            "vi" | "vie" | "vietnamese" => Ok(Lang::Vi),
            "en" | "eng" | "english" => Ok(Lang::En),
            _ => Err(ParseError::unknown(
                "language",
                &s,
                ("`vi` or `en`", "`vi` hoặc `en`"),
            )),
        }
    }
}

/// The kind of an input or output failure in Vietnamese.
pub(crate) fn io_kind_vi(kind: std::io::ErrorKind) -> &'static str {
    use std::io::ErrorKind as K;
    match kind {
        K::NotFound => "không có tệp hoặc thư mục này",
        K::PermissionDenied => "không có quyền truy cập",
        K::AlreadyExists => "tệp đã có",
        K::InvalidData => "dữ liệu không hợp lệ (có thể không phải văn bản UTF-8)",
        K::InvalidInput => "tham số không hợp lệ (có thể là một thư mục)",
        K::UnexpectedEof => "tệp kết thúc sớm",
        K::WriteZero => "không ghi thêm được byte nào (có thể đĩa đầy)",
        K::OutOfMemory => "hết bộ nhớ",
        K::Interrupted => "bị ngắt",
        K::TimedOut => "quá thời gian",
        K::BrokenPipe => "đầu nhận đã đóng",
        K::Unsupported => "hệ thống không hỗ trợ thao tác này",
        K::Other => "lỗi khác",
        _ => "lỗi hệ thống",
    }
}

/// Something with a label for people in Vietnamese and in English.
///
/// ```
/// use hoptac::{Lang, Labelled, Severity};
/// assert_eq!(Severity::Warning.label(Lang::Vi), "cảnh báo");
/// assert_eq!(Severity::Warning.label(Lang::En), "warning");
/// ```
pub trait Labelled {
    /// The label in `lang`.
    fn label(&self, lang: Lang) -> &str;
}

/// Formats a decimal in the number format of `lang`, grouping thousands.
///
/// The value is printed exactly as given (trailing fractional zeros removed);
/// round it first (`value.round_dp(1)`) for display.
///
/// ```
/// use hoptac::{text::format_decimal, Lang};
/// use rust_decimal::Decimal;
/// let v: Decimal = "1200.50".parse()?;
/// assert_eq!(format_decimal(v, Lang::Vi), "1.200,5");
/// assert_eq!(format_decimal(v, Lang::En), "1,200.5");
/// assert_eq!(format_decimal(Decimal::from(-278000), Lang::Vi), "-278.000");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn format_decimal(value: Decimal, lang: Lang) -> String {
    let text = value.normalize().to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int_part, frac_part) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut out = String::with_capacity(text.len() + int_part.len() / 3 + 1);
    out.push_str(sign);
    let len = int_part.len();
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(lang.group_separator());
        }
        out.push(ch);
    }
    if let Some(frac) = frac_part {
        out.push(lang.decimal_separator());
        out.push_str(frac);
    }
    out
}

/// Longest number text accepted, in bytes: far more than any plan needs, and
/// small enough that a `Decimal` cannot overflow silently.
const MAX_NUMBER_LEN: usize = 40;

/// Parses a number written the Vietnamese way: `.` groups thousands and `,`
/// starts the fraction (`1.000` is one thousand, `2,8` is two point eight,
/// `01` is one).
///
/// Groups after the first must have exactly three digits, so `1.5` is an
/// error rather than a silent misreading.
///
/// # Errors
///
/// [`ParseError`] when the text is empty, has a character other than
/// digits, `.`, `,` and a leading sign, has misplaced separators, or does not
/// fit in a [`Decimal`].
///
/// ```
/// use hoptac::text::parse_vi_number;
/// assert_eq!(parse_vi_number("1.000")?.to_string(), "1000");
/// assert_eq!(parse_vi_number("2,8")?.to_string(), "2.8");
/// assert_eq!(parse_vi_number("278.000")?.to_string(), "278000");
/// let err = parse_vi_number("1.5").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid Vietnamese number `1.5`: expected exactly three digits after `.`"
/// );
/// assert_eq!((err.what(), err.input()), ("number", "1.5"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_vi_number(input: &str) -> Result<Decimal, ParseError> {
    const WHAT: &str = "number";
    let input = crate::text::nfc(input);
    let input = input.as_ref();
    let err = |expected: (&'static str, &'static str)| {
        let problem = format!("invalid Vietnamese number `{}`", quote(input));
        let problem_vi =
            "không đúng cách viết số (dấu `.` ngăn hàng nghìn, dấu `,` trước phần thập phân)";
        ParseError::invalid(WHAT, input, (problem, problem_vi), expected)
    };
    let s = input.trim();
    if s.is_empty() {
        return Err(ParseError::empty(
            WHAT,
            (
                "a number such as `1.200` or `2,8`",
                "một số như `1.200` hoặc `2,8`",
            ),
        ));
    }
    if s.len() > MAX_NUMBER_LEN {
        return Err(ParseError::too_long(WHAT, s, s.len(), MAX_NUMBER_LEN));
    }
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (int_part, frac_part) = match body.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let mut plain = String::with_capacity(body.len() + 1);
    if negative {
        plain.push('-');
    }
    let mut groups = int_part.split('.');
    let first = groups.next().unwrap_or_default();
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err((
            "digits before any separator",
            "chữ số trước mọi dấu ngăn cách",
        )));
    }
    let grouped = int_part.contains('.');
    if grouped && first.len() > 3 {
        return Err(err((
            "at most three digits before the first `.`",
            "nhiều nhất ba chữ số trước dấu `.` đầu tiên",
        )));
    }
    plain.push_str(first);
    for group in groups {
        if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err((
                "exactly three digits after `.`",
                "đúng ba chữ số sau mỗi dấu `.`",
            )));
        }
        plain.push_str(group);
    }
    if let Some(frac) = frac_part {
        if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err(("digits after `,`", "chữ số sau dấu `,`")));
        }
        plain.push('.');
        plain.push_str(frac);
    }
    Decimal::from_str_exact(&plain).map_err(|_| {
        err((
            "a value that fits in a decimal",
            "một giá trị vừa kiểu số thập phân (không quá 28 chữ số)",
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_both_languages() {
        let v = Decimal::new(615, 1);
        assert_eq!(format_decimal(v, Lang::Vi), "61,5");
        assert_eq!(format_decimal(v, Lang::En), "61.5");
        assert_eq!(
            format_decimal(Decimal::from(1_000_000_000), Lang::Vi),
            "1.000.000.000"
        );
        assert_eq!(format_decimal(Decimal::from(999), Lang::En), "999");
        assert_eq!(format_decimal(Decimal::ZERO, Lang::En), "0");
        assert_eq!(format_decimal(Decimal::new(-5, 1), Lang::Vi), "-0,5");
    }

    #[test]
    fn parses_vietnamese_numbers() {
        for (text, want) in [
            ("1.000", "1000"),
            ("1.200", "1200"),
            ("13.000", "13000"),
            ("278.000", "278000"),
            ("5.000", "5000"),
            ("2,8", "2.8"),
            ("01", "1"),
            ("50", "50"),
            ("-1.234,56", "-1234.56"),
        ] {
            assert_eq!(parse_vi_number(text).unwrap().to_string(), want, "{text}");
        }
        for bad in [
            "", "1.5", "1..000", ".5", "1,", "1.0000", "abc", "1 000", "1000.000", "--1",
        ] {
            assert!(parse_vi_number(bad).is_err(), "{bad} should fail");
        }
    }

    #[test]
    fn number_error_text() {
        assert_eq!(
            parse_vi_number("1.5").unwrap_err().to_string(),
            "invalid Vietnamese number `1.5`: expected exactly three digits after `.`"
        );
    }

    proptest! {
        #[test]
        fn vi_format_round_trips(mantissa in any::<i64>(), scale in 0u32..10) {
            let v = Decimal::new(mantissa, scale);
            let text = format_decimal(v, Lang::Vi);
            prop_assert_eq!(parse_vi_number(&text).unwrap(), v);
        }

        #[test]
        fn parse_never_panics(s in ".{0,60}") {
            let _ = parse_vi_number(&s);
        }
    }
}
