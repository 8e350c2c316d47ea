//! Reading the plans' schedule wordings: `Hàng năm`, `Năm 2023-2024`, `Quý II/2024`.

use chrono::{Datelike, NaiveDate};

use super::{Kind, Schedule, EXPECTED, EXPECTED_VI, MAX_SCHEDULE_LEN, WHAT};
use crate::parse_error::{quote, ParseError, Said};

pub(super) fn check_year(year: i64, text: &str) -> Result<i32, ParseError> {
    let in_range = (i64::from(Schedule::MIN_YEAR)..=i64::from(Schedule::MAX_YEAR)).contains(&year);
    match i32::try_from(year) {
        Ok(y) if in_range => Ok(y),
        _ => {
            let problem = format!("year {year} out of range in `{}`", quote(text));
            Err(ParseError::invalid(
                WHAT,
                text,
                (problem, format!("năm {year} nằm ngoài khoảng cho phép")),
                ("a year from 1945 to 2100", "một năm từ 1945 đến 2100"),
            ))
        }
    }
}

fn invalid_date(text: &str, expected: impl Into<Said>) -> ParseError {
    let problem = format!("invalid date in `{}`", quote(text));
    let problem = (problem, "có ngày tháng không hợp lệ");
    ParseError::invalid(WHAT, text, problem, expected)
}

pub(super) fn month_end(year: i32, month: u32, text: &str) -> Result<NaiveDate, ParseError> {
    let next = match month {
        1..=11 => NaiveDate::from_ymd_opt(year, month + 1, 1),
        12 => year
            .checked_add(1)
            .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)),
        _ => None,
    };
    next.and_then(|d| d.pred_opt())
        .ok_or_else(|| invalid_date(text, ("a month from 1 to 12", "một tháng từ 1 đến 12")))
}

pub(super) fn quarter_end(year: i32, quarter: u32, text: &str) -> Result<NaiveDate, ParseError> {
    match quarter {
        1..=4 => month_end(year, quarter * 3, text),
        _ => Err(invalid_date(
            text,
            ("a quarter from I to IV", "một quý từ I đến IV"),
        )),
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
    /// `(`.
    Open,
    /// `)`.
    Close,
}

/// Splits a lowercased text into pieces; `Err` with the character no
/// schedule has, or the digits of a number of more than 9 digits.
fn tokenize(text: &str) -> Result<Vec<Tok<'_>>, &str> {
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
            match digits.parse() {
                Ok(n) if digits.len() <= 9 => toks.push(Tok::Num(n)),
                _ => return Err(digits),
            }
            rest = tail;
            continue;
        }
        match c {
            '-' | '–' | '—' | '−' | '‐' | '‑' | '‒' => toks.push(Tok::Dash),
            '/' => toks.push(Tok::Slash),
            '.' => toks.push(Tok::Dot),
            '(' => toks.push(Tok::Open),
            ')' => toks.push(Tok::Close),
            ',' | ';' | ':' => {}
            c if c.is_whitespace() => {}
            c => return Err(rest.get(..c.len_utf8()).unwrap_or(rest)),
        }
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
    }
    while toks.last() == Some(&Tok::Dot) {
        toks.pop();
    }
    Ok(toks)
}

/// Every word some schedule wording uses, to say which word of a refused
/// text is not understood.
const KNOWN_WORDS: &[&str] = &[
    "thường",
    "xuyên",
    "liên",
    "tục",
    "hàng",
    "hằng",
    "năm",
    "định",
    "kỳ",
    "niên",
    "trước",
    "chậm",
    "nhất",
    "hạn",
    "chót",
    "hoàn",
    "thành",
    "đến",
    "tới",
    "hết",
    "trong",
    "giai",
    "đoạn",
    "thời",
    "các",
    "những",
    "từ",
    "nay",
    "ngày",
    "tháng",
    "quý",
    "cuối",
    "đầu",
    "nhiệm",
    "và",
    "tiếp",
    "theo",
    "trở",
    "đi",
    "sau",
    "vào",
    "mỗi",
    "i",
    "ii",
    "iii",
    "iv",
    "sáu",
    "continuous",
    "continuously",
    "ongoing",
    "every",
    "year",
    "annual",
    "annually",
    "yearly",
    "by",
    "before",
    "in",
    "from",
    "to",
    "on",
    "onwards",
];

/// Why `text` (lowercased `folded`) is not a schedule: the first character
/// or word not understood, or that its words are known but not their order.
fn not_understood(text: &str, folded: &str) -> ParseError {
    let (what, what_vi) = match tokenize(folded) {
        Err(bad) => (
            format!("`{}` is not understood", quote(bad)),
            format!("không hiểu `{}`", quote(bad)),
        ),
        Ok(toks) => match toks.iter().find_map(|t| match t {
            Tok::Word(w) if !KNOWN_WORDS.contains(w) => Some(*w),
            _ => None,
        }) {
            Some(word) => (
                format!("the word `{}` is not understood", quote(word)),
                format!("không hiểu từ `{}`", quote(word)),
            ),
            None => (
                "the words are known, not their order".to_owned(),
                "các từ đều biết nhưng thứ tự của chúng thì không".to_owned(),
            ),
        },
    };
    let problem = format!("unrecognised schedule `{}` ({what})", quote(text));
    let problem_vi = format!("không nhận ra cách viết ({what_vi})");
    ParseError::invalid(WHAT, text, (problem, problem_vi), (EXPECTED, EXPECTED_VI))
}

pub(super) fn parse(text: &str) -> Result<Schedule, ParseError> {
    let text = crate::text::nfc_within(text, MAX_SCHEDULE_LEN)
        .map_err(|len| ParseError::too_long(WHAT, text, len, MAX_SCHEDULE_LEN))?;
    let text = text.as_ref();
    if text.trim().is_empty() {
        return Err(ParseError::empty(WHAT, (EXPECTED, EXPECTED_VI)));
    }
    let folded = crate::text::lowercase_nfc(text);
    let unrecognised = || not_understood(text, &folded);
    let toks = tokenize(&folded).map_err(|_| unrecognised())?;
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

fn year_of(n: u32, text: &str) -> Result<i32, ParseError> {
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
fn deadline(toks: &[Tok<'_>], text: &str) -> Result<Option<NaiveDate>, ParseError> {
    use Tok::{Dash, Dot, Num, Slash, Word};
    let toks = strip(toks, &["trong"]).unwrap_or(toks);
    let toks = strip(toks, &["ngày"]).unwrap_or(toks);
    let date = |d: u32, m: u32, y: u32| -> Result<Option<NaiveDate>, ParseError> {
        let y = year_of(y, text)?;
        if !(1..=12).contains(&m) {
            return Err(invalid_date(
                text,
                ("a month from 1 to 12", "một tháng từ 1 đến 12"),
            ));
        }
        let last = month_end(y, m, text)?.day();
        if !(1..=last).contains(&d) {
            let expected = (
                format!("a day from 1 to {last} in month {m} of {y}"),
                format!("một ngày từ 1 đến {last} của tháng {m} năm {y}"),
            );
            return Err(invalid_date(text, expected));
        }
        NaiveDate::from_ymd_opt(y, m, d)
            .map(Some)
            .ok_or_else(|| invalid_date(text, ("a calendar date", "một ngày có trên lịch")))
    };
    match *toks {
        [Num(d), Slash, Num(m), Slash, Num(y)]
        | [Num(d), Dash, Num(m), Dash, Num(y)]
        | [Num(d), Dot, Num(m), Dot, Num(y)]
        | [Num(d), Word("tháng"), Num(m), Word("năm"), Num(y)] => date(d, m, y),
        [Word("tháng"), Num(m), Slash | Dash | Dot, Num(y)]
        | [Word("tháng"), Num(m), Word("năm"), Num(y)]
        | [Num(m), Slash, Num(y)]
            if y >= 1000 =>
        {
            let y = year_of(y, text)?;
            month_end(y, m, text).map(Some)
        }
        [Word("quý"), q, Slash | Dash | Dot, Num(y)]
        | [Word("quý"), q, Word("năm"), Num(y)]
        | [Word("quý"), q, Slash, Word("năm"), Num(y)] => {
            let y = year_of(y, text)?;
            match quarter_number(q) {
                Some(q) => quarter_end(y, q, text).map(Some),
                None => Ok(None),
            }
        }
        [Word("cuối") | Word("hết"), Word("năm"), Num(y)] => {
            let y = year_of(y, text)?;
            month_end(y, 12, text).map(Some)
        }
        _ => Ok(None),
    }
}

/// `toks` without a leading or trailing `hằng năm`, `hàng năm`, `mỗi năm`
/// or `every year`, when it has one and something else.
fn strip_yearly<'t, 'a>(toks: &'t [Tok<'a>]) -> Option<&'t [Tok<'a>]> {
    use Tok::Word;
    let yearly = |w: &[Tok<'_>]| {
        matches!(
            w,
            [Word("hàng" | "hằng" | "mỗi"), Word("năm")] | [Word("every"), Word("year")]
        )
    };
    if toks.len() <= 2 {
        return None;
    }
    let (head, tail) = toks.split_at(2);
    if yearly(head) {
        return Some(tail);
    }
    let (head, tail) = toks.split_at(toks.len() - 2);
    yearly(tail).then_some(head)
}

/// "Trước ngày 15/12 hằng năm", "Quý I hằng năm", "chậm nhất vào ngày 17
/// tháng 12 hằng năm", "By 15/12 every year": a day of every year.
/// `Ok(None)` when `toks` has no yearly words; an error when it has them
/// around a day, month or quarter that also names a year, or no day.
fn yearly_deadline(toks: &[Tok<'_>], text: &str) -> Result<Option<Schedule>, ParseError> {
    use Tok::{Dash, Dot, Num, Slash, Word};
    let Some(rest) = strip_yearly(toks) else {
        return Ok(None);
    };
    let mut rest = rest;
    for prefix in [
        &["hoàn", "thành", "trước"][..],
        &["chậm", "nhất", "vào"],
        &["chậm", "nhất"],
        &["hạn", "chót"],
        &["trước"],
        &["vào"],
        &["trong"],
        &["by"],
        &["before"],
        &["ngày"],
    ] {
        if let Some(r) = strip(rest, prefix) {
            rest = r;
        }
    }
    let sep = |t: Tok<'_>| matches!(t, Slash | Dash | Dot);
    let (month, day) = match *rest {
        [Num(d), s, Num(m)] if sep(s) => (m, d),
        [Num(d), Word("tháng"), Num(m)] => (m, d),
        [Word("tháng"), Num(m)] => {
            if m == 2 {
                let problem = format!(
                    "a yearly deadline at the end of February in `{}`",
                    quote(text)
                );
                let problem = (problem, "hạn hằng năm vào cuối tháng 2, ngày không cố định");
                let expected = (
                    "a day every year has, such as `Trước ngày 28/2 hằng năm`",
                    "một ngày năm nào cũng có, như `Trước ngày 28/2 hằng năm`",
                );
                return Err(ParseError::invalid(WHAT, text, problem, expected));
            }
            let last = month_end(2001, m, text)?.day();
            (m, last)
        }
        [Word("quý"), q] => match quarter_number(q) {
            Some(q @ 1..=4) => (q * 3, month_end(2001, q * 3, text)?.day()),
            _ => {
                return Err(invalid_date(
                    text,
                    ("a quarter from I to IV", "một quý từ I đến IV"),
                ))
            }
        },
        _ => return Ok(None),
    };
    Schedule::annual_by(month, day)
        .map(Some)
        .map_err(|e| e.within(WHAT, text, ("a yearly deadline", "hạn hằng năm")))
}

/// "Từ tháng 6/2021", "từ ngày 15/6/2021", "Từ quý II/2024": a start finer
/// than a year with no end. The open schedule starts on 1 January
/// ([`Schedule::from_year`]); reading a later start as January would be
/// wrong, so this is an error naming the start.
fn open_start(toks: &[Tok<'_>], text: &str) -> Result<(), ParseError> {
    let Some(rest) = strip(toks, &["từ"]).or_else(|| strip(toks, &["from"])) else {
        return Ok(());
    };
    match point(rest) {
        Some(Point::Year(_)) | None => Ok(()),
        Some(_) => {
            let problem = format!(
                "a start without an end in `{}`: an open schedule starts on 1 January of a year",
                quote(text)
            );
            let problem_vi = "có ngày bắt đầu nhưng không có ngày kết thúc; thời gian không hạn cuối bắt đầu từ ngày 1 tháng 1 của một năm";
            let expected = (
                "an end (`Từ tháng 6/2021 đến tháng 12/2021`) or a first year (`Từ năm 2021`)",
                "một ngày kết thúc (`Từ tháng 6/2021 đến tháng 12/2021`) hoặc một năm bắt đầu (`Từ năm 2021`)",
            );
            Err(ParseError::invalid(
                WHAT,
                text,
                (problem, problem_vi),
                expected,
            ))
        }
    }
}

/// Reads the pieces of a schedule; `Ok(None)` when they are no known wording.
fn interpret(toks: &[Tok<'_>], text: &str) -> Result<Option<Schedule>, ParseError> {
    use Tok::{Close, Dash, Num, Open, Word};
    // "5 năm (2006 – 2010)", "giai đoạn 5 năm 2021-2025", "(2007 - 2009)":
    // a span of years, perhaps in parentheses, perhaps after its number of
    // years, which must agree with it.
    let core = leading_words_stripped(toks);
    let (count, span) = match core {
        [Num(n), Word("năm"), rest @ ..] if !rest.is_empty() => (Some(*n), rest),
        _ => (None, core),
    };
    let span = match span {
        [Open, inner @ .., Close] => inner,
        _ if count.is_none() => &[][..],
        other => other,
    };
    if let [Num(a), Dash | Word("đến"), Num(b)] = *span {
        if count.is_some() || core.first() == Some(&Open) {
            let (from, to) = (year_of(a, text)?, year_of(b, text)?);
            if let Some(n) = count.filter(|_| from <= to) {
                if i64::from(to) - i64::from(from) + 1 != i64::from(n) {
                    let problem = format!(
                        "`{}` says {n} years, but {from}-{to} is {} years",
                        quote(text),
                        i64::from(to) - i64::from(from) + 1
                    );
                    let problem_vi = format!(
                        "ghi {n} năm nhưng {from}-{to} là {} năm",
                        i64::from(to) - i64::from(from) + 1
                    );
                    let expected = (
                        "a number of years that agrees with the span, as in `5 năm 2021-2025`",
                        "số năm khớp với giai đoạn, như `5 năm 2021-2025`",
                    );
                    return Err(ParseError::invalid(
                        WHAT,
                        text,
                        (problem, problem_vi),
                        expected,
                    ));
                }
            }
            return interpret(&[Num(a), Dash, Num(b)], text);
        }
    }
    if let Some(s) = yearly_deadline(toks, text)? {
        return Ok(Some(s));
    }
    open_start(toks, text)?;
    // "6 tháng đầu năm" without its year.
    if let [Num(_) | Word("sáu"), Word("tháng"), Word("đầu" | "cuối"), Word("năm")] =
        *strip(toks, &["trong"]).unwrap_or(toks)
    {
        let problem = format!("a part of a year without its year in `{}`", quote(text));
        let problem = (problem, "có một phần của năm nhưng không ghi năm");
        let expected = (
            "a year, as in `6 tháng đầu năm 2020`",
            "một năm, như `6 tháng đầu năm 2020`",
        );
        return Err(ParseError::invalid(WHAT, text, problem, expected));
    }
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

    // "Năm 2024 và các năm tiếp theo", "từ năm 2024 trở đi": no end.
    if let Some(head) = strip_onward(toks) {
        return match *leading_words_stripped(head) {
            [Num(y)] | [Num(y), Dash, Num(_)] | [Num(y), Word("đến"), Num(_)] => {
                Ok(Some(Schedule(Kind::From(year_of(y, text)?))))
            }
            _ => Ok(None),
        };
    }
    // "Từ năm 2024", "from 2024": a first year, no end.
    if let Some([Num(y)]) = strip(toks, &["từ", "năm"])
        .or_else(|| strip(toks, &["từ"]))
        .or_else(|| strip(toks, &["from"]))
    {
        return Ok(Some(Schedule(Kind::From(year_of(*y, text)?))));
    }
    // "Từ nay đến năm 2025": a deadline.
    let toks = strip(toks, &["từ", "nay"]).unwrap_or(toks);

    // "6 tháng đầu năm 2020", "6 tháng cuối năm 2019".
    if let [count, Word("tháng"), Word(side @ ("đầu" | "cuối")), Word("năm"), Num(y)] =
        *strip(toks, &["trong"]).unwrap_or(toks)
    {
        let count = match count {
            Num(n) => n,
            Word("sáu") => 6,
            _ => return Ok(None),
        };
        let y = year_of(y, text)?;
        if !(1..=12).contains(&count) {
            return Err(invalid_date(
                text,
                ("a number of months from 1 to 12", "số tháng từ 1 đến 12"),
            ));
        }
        let (first, last) = if side == "đầu" {
            (1, count)
        } else {
            (13 - count, 12)
        };
        let from = month_end(y, first, text)?
            .with_day(1)
            .ok_or_else(|| invalid_date(text, ("a calendar date", "một ngày có trên lịch")))?;
        let to = month_end(y, last, text)?;
        return Schedule::period(from, to).map(Some);
    }

    // Two points, each a date, a month, a quarter or a year.
    if let Some(s) = range_of_points(toks, text)? {
        return Ok(Some(s));
    }

    // A deadline with a word saying so.
    for prefix in [
        &["trước"][..],
        &["chậm", "nhất"],
        &["hạn", "chót"],
        &["hoàn", "thành", "trước"],
        &["đến", "hết"],
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
        let up_to_year = matches!(prefix, ["đến"] | ["đến", "hết"] | ["by"]);
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
            &["nhiệm", "kỳ"],
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

/// `toks` without a trailing "và các năm tiếp theo", "và những năm tiếp
/// theo", "trở đi", "về sau", "on" or "onwards", if it has one.
fn strip_onward<'t, 'a>(toks: &'t [Tok<'a>]) -> Option<&'t [Tok<'a>]> {
    use Tok::Word;
    const TAILS: &[&[&str]] = &[
        &["và", "các", "năm", "tiếp", "theo"],
        &["và", "những", "năm", "tiếp", "theo"],
        &["các", "năm", "tiếp", "theo"],
        &["trở", "đi"],
        &["trở", "về", "sau"],
        &["onwards"],
        &["on"],
    ];
    TAILS.iter().find_map(|tail| {
        let cut = toks.len().checked_sub(tail.len())?;
        let (head, end) = toks.split_at(cut);
        let matches = end
            .iter()
            .zip(tail.iter())
            .all(|(t, w)| matches!(t, Word(x) if x == w));
        (matches && !head.is_empty()).then_some(head)
    })
}

/// `toks` without the words that may come before years: `từ`, `năm`,
/// `giai đoạn`, `from` ...
fn leading_words_stripped<'t, 'a>(toks: &'t [Tok<'a>]) -> &'t [Tok<'a>] {
    let mut rest = toks;
    loop {
        let shorter = [
            &["trong"][..],
            &["giai", "đoạn"],
            &["thời", "kỳ"],
            &["nhiệm", "kỳ"],
            &["từ"],
            &["năm"],
            &["from"],
        ]
        .iter()
        .find_map(|words| strip(rest, words).filter(|r| !r.is_empty()));
        match shorter {
            Some(r) => rest = r,
            None => return rest,
        }
    }
}

/// A point of time a period starts or ends at, its year perhaps to be taken
/// from the other end ("từ tháng 6 đến tháng 12/2021").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Point {
    Day(u32, u32, u32),
    Month(u32, Option<u32>),
    Quarter(u32, Option<u32>),
    Year(u32),
}

impl Point {
    fn year(self) -> Option<u32> {
        match self {
            Point::Day(_, _, y) | Point::Year(y) => Some(y),
            Point::Month(_, y) | Point::Quarter(_, y) => y,
        }
    }

    /// The first and last day of the point, in `year` when it has none.
    fn days(self, year: u32, text: &str) -> Result<(NaiveDate, NaiveDate), ParseError> {
        let y = year_of(self.year().unwrap_or(year), text)?;
        let (first_month, last_month) = match self {
            Point::Day(d, m, _) => {
                if !(1..=12).contains(&m) {
                    return Err(invalid_date(
                        text,
                        ("a month from 1 to 12", "một tháng từ 1 đến 12"),
                    ));
                }
                let last = month_end(y, m, text)?.day();
                let date = NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
                    let expected = (
                        format!("a day from 1 to {last} in month {m} of {y}"),
                        format!("một ngày từ 1 đến {last} của tháng {m} năm {y}"),
                    );
                    invalid_date(text, expected)
                })?;
                return Ok((date, date));
            }
            Point::Month(m, _) => (m, m),
            Point::Quarter(q, _) => {
                if !(1..=4).contains(&q) {
                    return Err(invalid_date(
                        text,
                        ("a quarter from I to IV", "một quý từ I đến IV"),
                    ));
                }
                (q * 3 - 2, q * 3)
            }
            Point::Year(_) => (1, 12),
        };
        let last = month_end(y, last_month, text)?;
        let first = month_end(y, first_month, text)?
            .with_day(1)
            .ok_or_else(|| invalid_date(text, ("a calendar date", "một ngày có trên lịch")))?;
        Ok((first, last))
    }
}

/// Reads one end of a period; `None` when `toks` is no point.
fn point(toks: &[Tok<'_>]) -> Option<Point> {
    use Tok::{Dash, Dot, Num, Slash, Word};
    let toks = strip(toks, &["ngày"]).unwrap_or(toks);
    let sep = |t: &Tok<'_>| matches!(t, Slash | Dash | Dot);
    Some(match *toks {
        [Num(d), s1, Num(m), s2, Num(y)] if sep(&s1) && s1 == s2 => Point::Day(d, m, y),
        [Num(d), Word("tháng"), Num(m), Word("năm"), Num(y)] => Point::Day(d, m, y),
        [Word("tháng"), Num(m), s, Num(y)] if sep(&s) => Point::Month(m, Some(y)),
        [Word("tháng"), Num(m), Word("năm"), Num(y)] => Point::Month(m, Some(y)),
        [Word("tháng"), Num(m)] => Point::Month(m, None),
        [Num(m), Slash, Num(y)] if y >= 1000 => Point::Month(m, Some(y)),
        // "Quý III - IV/2023": the second quarter without its word.
        [q @ Word("i" | "ii" | "iii" | "iv"), s, Num(y)] if sep(&s) => {
            Point::Quarter(quarter_number(q)?, Some(y))
        }
        [Word("quý"), q, s, Num(y)] if sep(&s) => Point::Quarter(quarter_number(q)?, Some(y)),
        [Word("quý"), q, Slash, Word("năm"), Num(y)] | [Word("quý"), q, Word("năm"), Num(y)] => {
            Point::Quarter(quarter_number(q)?, Some(y))
        }
        [Word("quý"), q] => Point::Quarter(quarter_number(q)?, None),
        [Word("năm"), Num(y)] | [Num(y)] if y >= 1000 => Point::Year(y),
        _ => return None,
    })
}

/// "Từ tháng 6/2021 đến tháng 12/2021", "quý II - quý IV/2024", "From
/// 01/06/2021 to 31/12/2021": two points, at least one finer than a year
/// (two years are a span, read elsewhere). `Ok(None)` when `toks` is not
/// two points.
fn range_of_points(toks: &[Tok<'_>], text: &str) -> Result<Option<Schedule>, ParseError> {
    use Tok::{Dash, Word};
    let toks = strip(toks, &["trong"]).unwrap_or(toks);
    let toks = strip(toks, &["từ"])
        .or_else(|| strip(toks, &["from"]))
        .unwrap_or(toks);
    for (i, tok) in toks.iter().enumerate() {
        if !matches!(tok, Dash | Word("đến" | "tới" | "to")) {
            continue;
        }
        let (Some(a), Some(b)) = (toks.get(..i), toks.get(i + 1..)) else {
            continue;
        };
        let (Some(a), Some(b)) = (point(a), point(b)) else {
            continue;
        };
        if matches!((a, b), (Point::Year(_), Point::Year(_))) {
            return Ok(None);
        }
        let Some(year) = b.year().or(a.year()) else {
            return Ok(None);
        };
        let (from, _) = a.days(b.year().unwrap_or(year), text)?;
        let (_, to) = b.days(a.year().unwrap_or(year), text)?;
        return Schedule::period(from, to).map(Some);
    }
    Ok(None)
}
