//! Reading the plans' schedule wordings: `Hàng năm`, `Năm 2023-2024`, `Quý II/2024`.

use chrono::{Datelike, NaiveDate};

use super::{Kind, Schedule, EXPECTED, MAX_SCHEDULE_LEN, WHAT};
use crate::parse_error::{quote, ParseError};

pub(super) fn check_year(year: i64, text: &str) -> Result<i32, ParseError> {
    let in_range = (i64::from(Schedule::MIN_YEAR)..=i64::from(Schedule::MAX_YEAR)).contains(&year);
    match i32::try_from(year) {
        Ok(y) if in_range => Ok(y),
        _ => {
            let problem = format!("year {year} out of range in `{}`", quote(text));
            Err(ParseError::invalid(
                WHAT,
                text,
                problem,
                "a year from 1945 to 2100",
            ))
        }
    }
}

fn invalid_date(text: &str, expected: impl Into<std::borrow::Cow<'static, str>>) -> ParseError {
    let problem = format!("invalid date in `{}`", quote(text));
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
        .ok_or_else(|| invalid_date(text, "a month from 1 to 12"))
}

pub(super) fn quarter_end(year: i32, quarter: u32, text: &str) -> Result<NaiveDate, ParseError> {
    match quarter {
        1..=4 => month_end(year, quarter * 3, text),
        _ => Err(invalid_date(text, "a quarter from I to IV")),
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

pub(super) fn parse(text: &str) -> Result<Schedule, ParseError> {
    let text = crate::text::nfc_within(text, MAX_SCHEDULE_LEN)
        .map_err(|len| ParseError::too_long(WHAT, text, len, MAX_SCHEDULE_LEN))?;
    let text = text.as_ref();
    if text.trim().is_empty() {
        return Err(ParseError::empty(WHAT, EXPECTED));
    }
    let unrecognised = || {
        let problem = format!("unrecognised schedule `{}`", quote(text));
        ParseError::invalid(WHAT, text, problem, EXPECTED)
    };
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
    let toks = strip(toks, &["ngày"]).unwrap_or(toks);
    let date = |d: u32, m: u32, y: u32| -> Result<Option<NaiveDate>, ParseError> {
        let y = year_of(y, text)?;
        if !(1..=12).contains(&m) {
            return Err(invalid_date(text, "a month from 1 to 12"));
        }
        let last = month_end(y, m, text)?.day();
        if !(1..=last).contains(&d) {
            let expected = format!("a day from 1 to {last} in month {m} of {y}");
            return Err(invalid_date(text, expected));
        }
        NaiveDate::from_ymd_opt(y, m, d)
            .map(Some)
            .ok_or_else(|| invalid_date(text, "a calendar date"))
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
fn interpret(toks: &[Tok<'_>], text: &str) -> Result<Option<Schedule>, ParseError> {
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
