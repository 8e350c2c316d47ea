//! Reading the plans' threshold phrases: `trên 60%`, `khoảng 1.200 hợp tác xã`.

use rust_decimal::Decimal;

use super::words::{
    Words, AFTER, BEFORE, MEMBER_WORDS, MONEY_WORDS, MULTIPLIERS, ORGANISATION_WORDS,
    PERCENT_WORDS, VERBS,
};
use super::{is_word_char, Comparator, Unit, DEFAULT_TOLERANCE, WHAT};
use crate::lang::parse_vi_number;
use crate::parse_error::{quote, ParseError};

/// What a phrase with no number or comparator should look like.
pub(super) const EXAMPLES: &str = "a phrase such as `trên 60%` or `khoảng 1.200 hợp tác xã`";

/// The error of a threshold phrase: `{problem}: expected {expected}`.
fn invalid(
    phrase: &str,
    problem: String,
    expected: impl Into<std::borrow::Cow<'static, str>>,
) -> ParseError {
    ParseError::invalid(WHAT, phrase, problem, expected)
}

/// A piece of a lowercased phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token<'a> {
    /// A run of letters.
    Word(&'a str),
    /// Digits with `.` and `,` between digits, maybe after a `-`.
    Number(&'a str),
    /// Any other character but whitespace.
    Symbol(char),
}

pub(super) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) {
        let width = c.len_utf8();
        let starts_number =
            c.is_ascii_digit() || (c == '-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
        if c.is_whitespace() {
            i += width;
        } else if starts_number {
            let mut end = i + 1;
            loop {
                match bytes.get(end) {
                    Some(b) if b.is_ascii_digit() => end += 1,
                    Some(b'.' | b',') if bytes.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                        end += 2;
                    }
                    _ => break,
                }
            }
            if let Some(number) = text.get(i..end) {
                tokens.push(Token::Number(number));
            }
            i = end;
        } else if is_word_char(c) {
            let mut end = i + width;
            while let Some(d) = text.get(end..).and_then(|rest| rest.chars().next()) {
                if !is_word_char(d) {
                    break;
                }
                end += d.len_utf8();
            }
            if let Some(word) = text.get(i..end) {
                tokens.push(Token::Word(word));
            }
            i = end;
        } else {
            tokens.push(Token::Symbol(c));
            i += width;
        }
    }
    tokens
}

/// A comparator read from words, before the tolerance is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kw {
    GreaterThan,
    AtLeast,
    LessThan,
    AtMost,
    About,
}

impl Kw {
    fn comparator(self, tolerance: Option<Decimal>) -> Comparator {
        match self {
            Kw::GreaterThan => Comparator::GreaterThan,
            Kw::AtLeast => Comparator::AtLeast,
            Kw::LessThan => Comparator::LessThan,
            Kw::AtMost => Comparator::AtMost,
            Kw::About => Comparator::About {
                tolerance: tolerance.unwrap_or(DEFAULT_TOLERANCE),
            },
        }
    }
}

fn is_words(tokens: &[Token<'_>], words: &[&str]) -> bool {
    tokens.len() == words.len()
        && tokens
            .iter()
            .zip(words)
            .all(|(t, w)| matches!(t, Token::Word(x) if x == w))
}

/// The tokens after `words` when `tokens` starts with them.
fn strip_words<'t, 'a>(tokens: &'t [Token<'a>], words: &[&str]) -> Option<&'t [Token<'a>]> {
    let head = tokens.get(..words.len())?;
    if is_words(head, words) {
        tokens.get(words.len()..)
    } else {
        None
    }
}

fn ends_with_words(tokens: &[Token<'_>], words: &[&str]) -> bool {
    tokens
        .len()
        .checked_sub(words.len())
        .and_then(|start| tokens.get(start..))
        .is_some_and(|tail| is_words(tail, words))
}

fn contains_words(tokens: &[Token<'_>], words: &[&str]) -> bool {
    !words.is_empty() && tokens.windows(words.len()).any(|w| is_words(w, words))
}

/// The first entry of `table` whose words end `tokens`.
fn ending<T: Copy>(tokens: &[Token<'_>], table: &[(Words, T)]) -> Option<(Words, T)> {
    table
        .iter()
        .find(|(words, _)| ends_with_words(tokens, words))
        .copied()
}

fn has_none_left(tokens: &[Token<'_>]) -> bool {
    contains_words(tokens, &["không", "còn"])
}

/// `đều` (but not `đều đặn`, regularly), `tất cả` or `toàn bộ`.
fn has_all(tokens: &[Token<'_>]) -> bool {
    let deu = tokens
        .iter()
        .enumerate()
        .any(|(i, t)| *t == Token::Word("đều") && tokens.get(i + 1) != Some(&Token::Word("đặn")));
    deu || contains_words(tokens, &["tất", "cả"]) || contains_words(tokens, &["toàn", "bộ"])
}

/// A per-unit denominator: `/xã`.
fn read_per<'t, 'a>(tokens: &'t [Token<'a>]) -> Option<(Unit, &'t [Token<'a>])> {
    match tokens {
        [Token::Symbol('/'), Token::Word(per), rest @ ..] => Some((
            Unit::PerUnit {
                per: (*per).to_owned(),
            },
            rest,
        )),
        _ => None,
    }
}

/// The unit at the start of `tokens`, the tokens after it, and whether the
/// unit is [`Unit::Items`] read from no word at all.
fn read_unit<'t, 'a>(tokens: &'t [Token<'a>]) -> (Unit, &'t [Token<'a>], bool) {
    if let [Token::Symbol('%'), rest @ ..] = tokens {
        return (Unit::Percent, rest, false);
    }
    let find = |table: &[Words]| table.iter().find_map(|words| strip_words(tokens, words));
    if let Some(rest) = find(PERCENT_WORDS) {
        return (Unit::Percent, rest, false);
    }
    if let Some(rest) = find(MONEY_WORDS) {
        return (Unit::Vnd, rest, false);
    }
    let (unit, rest) = if let Some(rest) = find(ORGANISATION_WORDS) {
        (Unit::Organisations, rest)
    } else if let Some(rest) = find(MEMBER_WORDS) {
        (Unit::Members, rest)
    } else {
        // An unknown counted noun (`lớp`, `cuốn`) may stand before `/xã`.
        let after_noun = match tokens {
            [Token::Word(_), rest @ ..] => read_per(rest),
            _ => None,
        };
        return match read_per(tokens).or(after_noun) {
            Some((unit, rest)) => (unit, rest, false),
            None => (Unit::Items, tokens, true),
        };
    };
    match read_per(rest) {
        Some((per_unit, rest)) => (per_unit, rest, false),
        None => (unit, rest, false),
    }
}

/// `trở lên` / `trở xuống` right after the unit (or after one counted noun
/// when the unit is items read from no word).
fn read_after(tokens: &[Token<'_>], bare_items: bool) -> Option<(Words, Kw)> {
    let starts = |tokens: &[Token<'_>]| {
        AFTER
            .iter()
            .find(|(words, _)| strip_words(tokens, words).is_some())
            .copied()
    };
    starts(tokens).or_else(|| match tokens {
        [Token::Word(_), rest @ ..] if bare_items => starts(rest),
        _ => None,
    })
}

/// A tolerance `±N%` anywhere in `tokens`.
fn read_tolerance(phrase: &str, tokens: &[Token<'_>]) -> Result<Option<Decimal>, ParseError> {
    let Some(at) = tokens.iter().position(|t| *t == Token::Symbol('±')) else {
        return Ok(None);
    };
    let bad = || {
        let problem = format!("invalid tolerance in `{}`", quote(phrase));
        invalid(phrase, problem, "`(±N%)` such as `khoảng 20% (±2%)`")
    };
    match tokens.get(at + 1..) {
        Some([Token::Number(n), Token::Symbol('%'), ..]) => {
            parse_vi_number(n).map(Some).map_err(|_| bad())
        }
        _ => Err(bad()),
    }
}

type Parsed = (Comparator, Decimal, Unit);

pub(super) fn parse_with_number(
    phrase: &str,
    tokens: &[Token<'_>],
    at: usize,
) -> Result<Parsed, ParseError> {
    let quoted = quote(phrase);
    let no_number = || {
        invalid(
            phrase,
            format!("no comparator or number in `{quoted}`"),
            EXAMPLES,
        )
    };
    let (prefix, rest) = tokens.split_at(at.min(tokens.len()));
    let Some((Token::Number(number), mut suffix)) = rest.split_first() else {
        return Err(no_number());
    };
    let mut value = parse_vi_number(number)
        .map_err(|error| error.within(WHAT, phrase, &format!("invalid number in `{quoted}`")))?;
    while let Some((Token::Word(word), rest)) = suffix.split_first() {
        let Some((_, factor)) = MULTIPLIERS.iter().find(|(w, _)| w == word) else {
            break;
        };
        value = value.checked_mul(Decimal::from(*factor)).ok_or_else(|| {
            let problem = format!("number in `{quoted}` is too large");
            invalid(phrase, problem, "a value that fits in a decimal")
        })?;
        suffix = rest;
    }
    let (unit, suffix, bare_items) = read_unit(suffix);
    let after = read_after(suffix, bare_items);
    let tolerance = read_tolerance(phrase, suffix)?;

    let conflict = |before: Words, after: Words| {
        let (before, after) = (before.join(" "), after.join(" "));
        let problem = format!("conflicting comparators `{before}` and `{after}` in `{quoted}`");
        invalid(phrase, problem, "one of them")
    };
    let comparator = if has_none_left(prefix) {
        if !value.is_zero() {
            let problem = format!("`không còn` (none left) with the number {value} in `{quoted}`");
            return Err(invalid(phrase, problem, "no number or 0"));
        }
        Comparator::NoneLeft
    } else if let Some((words, kw)) = ending(prefix, BEFORE) {
        match after {
            Some((after_words, after_kw)) if after_kw != kw => {
                return Err(conflict(words, after_words));
            }
            _ => kw.comparator(tolerance),
        }
    } else if has_all(tokens) && value == Decimal::ONE_HUNDRED && unit == Unit::Percent {
        Comparator::All
    } else if let Some((words, verb)) = ending(prefix, VERBS) {
        match (verb, after) {
            (Some(kw), Some((after_words, after_kw))) if after_kw != kw => {
                return Err(conflict(words, after_words));
            }
            (Some(kw), _) | (None, Some((_, kw))) => kw.comparator(tolerance),
            (None, None) => {
                let word = words.join(" ");
                let problem = format!("ambiguous `{word}` before the number in `{quoted}`");
                let expected =
                    "a level such as `dưới 10%`, `giảm còn 10%` or `ít nhất 10%`, not a change";
                return Err(invalid(phrase, problem, expected));
            }
        }
    } else {
        after
            .map_or(Kw::AtLeast, |(_, kw)| kw)
            .comparator(tolerance)
    };
    if tolerance.is_some() && !matches!(comparator, Comparator::About { .. }) {
        let problem = format!("tolerance `±` without `khoảng` in `{quoted}`");
        let expected = "it only after an about-value such as `khoảng 20% (±2%)`";
        return Err(invalid(phrase, problem, expected));
    }
    Ok((comparator, value, unit))
}

pub(super) fn parse_without_number(
    phrase: &str,
    tokens: &[Token<'_>],
) -> Result<Parsed, ParseError> {
    let none_left_at = tokens
        .windows(2)
        .position(|w| is_words(w, &["không", "còn"]));
    if let Some(at) = none_left_at {
        let after = tokens.get(at + 2..).unwrap_or_default();
        let (unit, _, _) = read_unit(after);
        return Ok((Comparator::NoneLeft, Decimal::ZERO, unit));
    }
    if has_all(tokens) {
        return Ok((Comparator::All, Decimal::ONE_HUNDRED, Unit::Percent));
    }
    if let Some((words, _)) = ending(tokens, BEFORE) {
        let word = words.join(" ");
        let problem = format!("no number after `{word}` in `{}`", quote(phrase));
        return Err(invalid(
            phrase,
            problem,
            format!("a number such as `{word} 60%`"),
        ));
    }
    let problem = format!("no comparator or number in `{}`", quote(phrase));
    Err(invalid(phrase, problem, EXAMPLES))
}
