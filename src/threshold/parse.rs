//! Reading the plans' threshold phrases: `trên 60%`, `khoảng 1.200 hợp tác xã`.

use rust_decimal::Decimal;

use super::words::{
    Words, AFTER, BEFORE, MEMBER_WORDS, MONEY_WORDS, MULTIPLIERS, ORGANISATION_WORDS,
    PERCENT_WORDS, VERBS,
};
use super::{is_word_char, Comparator, Unit, DEFAULT_TOLERANCE, WHAT};
use crate::lang::{format_decimal, parse_vi_number, Labelled, Lang};
use crate::parse_error::{quote, ParseError, Said};

/// What a phrase with no number or comparator should look like.
pub(super) const EXAMPLES: (&str, &str) = (
    "a phrase such as `trên 60%` or `khoảng 1.200 hợp tác xã`",
    "một cụm như `trên 60%` hoặc `khoảng 1.200 hợp tác xã`",
);

/// The error of a threshold phrase: `{problem}: expected {expected}`, each
/// `(english, vietnamese)`.
fn invalid(phrase: &str, problem: impl Into<Said>, expected: impl Into<Said>) -> ParseError {
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
    tokenize_spans(text).0
}

/// The tokens of `text` and where each stands in it, in bytes.
pub(super) fn tokenize_spans(text: &str) -> (Vec<Token<'_>>, Vec<std::ops::Range<usize>>) {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut spans = Vec::new();
    let mut i = 0;
    while let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) {
        let width = c.len_utf8();
        // A `-` right before digits is a sign, except after a number, where
        // it joins a range: `25-40 HTX` is 25 to 40, never 25 and -40.
        let after_number = matches!(tokens.last(), Some(Token::Number(_)));
        let starts_number = c.is_ascii_digit()
            || (c == '-' && !after_number && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
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
                spans.push(i..end);
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
                spans.push(i..end);
            }
            i = end;
        } else {
            tokens.push(Token::Symbol(c));
            spans.push(i..i + width);
            i += width;
        }
    }
    (tokens, spans)
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

pub(super) fn is_words(tokens: &[Token<'_>], words: &[&str]) -> bool {
    tokens.len() == words.len()
        && tokens
            .iter()
            .zip(words)
            .all(|(t, w)| matches!(t, Token::Word(x) if x == w))
}

/// The tokens after `words` when `tokens` starts with them.
pub(super) fn strip_words<'t, 'a>(
    tokens: &'t [Token<'a>],
    words: &[&str],
) -> Option<&'t [Token<'a>]> {
    let head = tokens.get(..words.len())?;
    if is_words(head, words) {
        tokens.get(words.len()..)
    } else {
        None
    }
}

pub(super) fn ends_with_words(tokens: &[Token<'_>], words: &[&str]) -> bool {
    tokens
        .len()
        .checked_sub(words.len())
        .and_then(|start| tokens.get(start..))
        .is_some_and(|tail| is_words(tail, words))
}

pub(super) fn contains_words(tokens: &[Token<'_>], words: &[&str]) -> bool {
    !words.is_empty() && tokens.windows(words.len()).any(|w| is_words(w, words))
}

/// The first entry of `table` whose words end `tokens`.
pub(super) fn ending<T: Copy>(tokens: &[Token<'_>], table: &[(Words, T)]) -> Option<(Words, T)> {
    table
        .iter()
        .find(|(words, _)| ends_with_words(tokens, words))
        .copied()
}

pub(super) fn has_none_left(tokens: &[Token<'_>]) -> bool {
    contains_words(tokens, &["không", "còn"])
}

/// `đều` (but not `đều đặn`, regularly), `tất cả` or `toàn bộ`.
pub(super) fn has_all(tokens: &[Token<'_>]) -> bool {
    let deu = tokens
        .iter()
        .enumerate()
        .any(|(i, t)| *t == Token::Word("đều") && tokens.get(i + 1) != Some(&Token::Word("đặn")));
    deu || contains_words(tokens, &["tất", "cả"]) || contains_words(tokens, &["toàn", "bộ"])
}

/// What follows a `/` after a unit: a kind of organisation (`/hợp tác
/// xã`: per organisation after members or money, "or" after organisations)
/// or one word (`/xã`, `/tháng`, `/người`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PerItem<'a> {
    /// An organisation phrase, one of [`ORGANISATION_WORDS`].
    Org(Words),
    /// Any other word.
    Word(&'a str),
}

/// The organisation phrase at the start of `tokens` and the tokens after it.
pub(super) fn strip_org<'t, 'a>(tokens: &'t [Token<'a>]) -> Option<(Words, &'t [Token<'a>])> {
    ORGANISATION_WORDS
        .iter()
        .find_map(|words| strip_words(tokens, words).map(|rest| (*words, rest)))
}

/// The `/…` items right after a unit, and the tokens after them.
fn read_per_chain<'t, 'a>(mut tokens: &'t [Token<'a>]) -> (Vec<PerItem<'a>>, &'t [Token<'a>]) {
    let mut items = Vec::new();
    while let [Token::Symbol('/'), rest @ ..] = tokens {
        if let Some((words, after)) = strip_org(rest) {
            items.push(PerItem::Org(words));
            tokens = after;
        } else if let [Token::Word(word), after @ ..] = rest {
            items.push(PerItem::Word(word));
            tokens = after;
        } else {
            break;
        }
    }
    (items, tokens)
}

/// The unit words at the start of `tokens`, the tokens after them, and
/// whether the unit is [`Unit::Items`] read from no word at all. No `/…`
/// is read here.
fn read_unit_words<'t, 'a>(tokens: &'t [Token<'a>]) -> (Unit, &'t [Token<'a>], bool) {
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
    if let Some(rest) = find(ORGANISATION_WORDS) {
        return (Unit::Organisations, rest, false);
    }
    if let Some(rest) = find(MEMBER_WORDS) {
        return (Unit::Members, rest, false);
    }
    // An unknown counted noun (`lớp`, `cuốn`) may stand before `/xã`.
    if let [Token::Word(_), rest @ ..] = tokens {
        if rest.first() == Some(&Token::Symbol('/')) {
            return (Unit::Items, rest, false);
        }
    }
    (Unit::Items, tokens, true)
}

/// A unit with what follows it after `/`.
pub(super) struct UnitRead<'t, 'a> {
    /// The unit, a per-unit denominator included (`/xã`).
    pub(super) unit: Unit,
    /// The `/…` items that are not the unit's denominator: `/người`,
    /// `/tháng`, `/hợp tác xã` ...
    pub(super) per: Vec<PerItem<'a>>,
    /// The tokens after the unit and its `/…` items.
    pub(super) rest: &'t [Token<'a>],
    /// The unit is [`Unit::Items`] read from no word.
    pub(super) bare_items: bool,
}

/// The unit at the start of `tokens`: `%`, money, organisations, members,
/// a counted noun; then `/xã` makes organisations, members and counted
/// things [`Unit::PerUnit`], while `/hợp tác xã` after organisations (an
/// "or" between kinds) and every `/…` after percent or money is left in
/// [`UnitRead::per`].
pub(super) fn read_unit<'t, 'a>(tokens: &'t [Token<'a>]) -> UnitRead<'t, 'a> {
    let (unit, rest, bare_items) = read_unit_words(tokens);
    let (mut per, rest) = read_per_chain(rest);
    let takes_denominator = matches!(unit, Unit::Organisations | Unit::Members | Unit::Items);
    // `/năm`, `/tháng` after a count is a rate in time (`5 HTX/năm`, five
    // a year), never a place as `/xã` is.
    let time = |w: &str| matches!(w, "năm" | "tháng" | "quý" | "ngày" | "tuần" | "kỳ");
    let unit = match per.first() {
        Some(PerItem::Word(word)) if takes_denominator && !time(word) => {
            let word = (*word).to_owned();
            per.remove(0);
            Unit::PerUnit { per: word }
        }
        _ => unit,
    };
    UnitRead {
        unit,
        per,
        rest,
        bare_items: bare_items && rest.len() == tokens.len(),
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
        let problem = (problem, "sai số viết sai");
        let expected = (
            "`(±N%)` such as `khoảng 20% (±2%)`",
            "`(±N%)` như `khoảng 20% (±2%)`",
        );
        invalid(phrase, problem, expected)
    };
    match tokens.get(at + 1..) {
        Some([Token::Number(n), Token::Symbol('%'), ..]) => {
            parse_vi_number(n).map(Some).map_err(|_| bad())
        }
        _ => Err(bad()),
    }
}

/// Whether `token` joins the two ends of a range: `-`, `–`, `—`, `÷`, `~`,
/// `đến`, `tới`.
pub(super) fn is_range_joint(token: &Token<'_>) -> bool {
    matches!(
        token,
        Token::Symbol('-' | '–' | '—' | '÷' | '~') | Token::Word("đến" | "tới")
    )
}

/// A number with the multiplier words after it (`1.000 triệu`), and the
/// tokens after them; the factor is the product of the multipliers.
fn read_number<'t, 'a>(
    phrase: &str,
    number: &str,
    mut suffix: &'t [Token<'a>],
) -> Result<(Decimal, u64, &'t [Token<'a>]), ParseError> {
    let quoted = quote(phrase);
    let value = parse_vi_number(number).map_err(|error| {
        let context = (format!("invalid number in `{quoted}`"), "số viết sai");
        error.within(WHAT, phrase, context)
    })?;
    let mut factor: u64 = 1;
    while let Some((Token::Word(word), rest)) = suffix.split_first() {
        let Some((_, f)) = MULTIPLIERS.iter().find(|(w, _)| w == word) else {
            break;
        };
        factor = factor.saturating_mul(*f);
        suffix = rest;
    }
    Ok((value, factor, suffix))
}

fn scaled(phrase: &str, value: Decimal, factor: u64) -> Result<Decimal, ParseError> {
    value.checked_mul(Decimal::from(factor)).ok_or_else(|| {
        let problem = format!("number in `{}` is too large", quote(phrase));
        let expected = (
            "a value that fits in a decimal",
            "một giá trị vừa kiểu số thập phân (không quá 28 chữ số)",
        );
        invalid(phrase, (problem, "số quá lớn"), expected)
    })
}

/// One quantity of a phrase, read from its number on: the comparator the
/// words around it give, the value (and a range's upper end), the unit and
/// what follows it.
pub(super) struct Quantity<'t, 'a> {
    pub(super) comparator: Comparator,
    pub(super) value: Decimal,
    /// The upper end of a range `từ X - Y`: the aspiration.
    pub(super) aspiration: Option<Decimal>,
    pub(super) unit: Unit,
    /// The `/…` items after the unit that are not its denominator.
    pub(super) per: Vec<PerItem<'a>>,
    /// The product of the multiplier words (`triệu`: 1.000.000).
    pub(super) factor: u64,
    /// The tokens after the quantity (unit, `/…`, `trở lên`).
    pub(super) rest: &'t [Token<'a>],
    /// The comparator words before the number that were used.
    pub(super) before: Option<Words>,
}

/// Reads the quantity whose number is `tokens[at]`, with the comparator
/// words among `tokens[..at]` that end right before it.
pub(super) fn read_quantity<'t, 'a>(
    phrase: &str,
    tokens: &'t [Token<'a>],
    at: usize,
) -> Result<Quantity<'t, 'a>, ParseError> {
    let quoted = quote(phrase);
    let no_number = || {
        invalid(
            phrase,
            (
                format!("no comparator or number in `{quoted}`"),
                "không có từ so sánh hay số nào",
            ),
            EXAMPLES,
        )
    };
    let (prefix, rest) = tokens.split_at(at.min(tokens.len()));
    let Some((Token::Number(number), suffix)) = rest.split_first() else {
        return Err(no_number());
    };
    let (first, first_factor, mut suffix) = read_number(phrase, number, suffix)?;

    // A range: `25-40`, `từ 55 - 65%`, `55% - 65%`, `từ 10 đến 15`.
    let mut range: Option<(Decimal, u64)> = None;
    let mut percent_first = false;
    let mut probe = suffix;
    if let [Token::Symbol('%'), joint, Token::Number(_), ..] = probe {
        if is_range_joint(joint) {
            percent_first = true;
            probe = probe.get(1..).unwrap_or_default();
        }
    }
    if let [joint, Token::Number(second), after @ ..] = probe {
        if is_range_joint(joint) {
            let (value, factor, after) = read_number(phrase, second, after)?;
            range = Some((value, factor));
            suffix = after;
        }
    }
    let mut unit_read = read_unit(suffix);
    if range.is_none() && !unit_read.bare_items {
        // `từ 10 hợp tác xã đến 15 hợp tác xã`: the same unit twice.
        if let [joint, Token::Number(second), after @ ..] = unit_read.rest {
            if is_range_joint(joint) {
                let (value, factor, after) = read_number(phrase, second, after)?;
                let second_unit = read_unit(after);
                if second_unit.unit != unit_read.unit {
                    let problem = format!(
                        "a range of two units, {} and {}, in `{quoted}`",
                        unit_read.unit, second_unit.unit
                    );
                    let problem_vi = format!(
                        "khoảng giá trị có hai đơn vị, {} và {}",
                        unit_read.unit.display_in(Lang::Vi),
                        second_unit.unit.display_in(Lang::Vi)
                    );
                    let expected = (
                        "a range such as `từ 55 - 65%`",
                        "một khoảng như `từ 55 - 65%`",
                    );
                    return Err(invalid(phrase, (problem, problem_vi), expected));
                }
                range = Some((value, factor));
                unit_read = second_unit;
            }
        }
    }
    if percent_first && unit_read.unit != Unit::Percent {
        let problem = format!("a range from a percent to {} in `{quoted}`", unit_read.unit);
        let problem_vi = format!(
            "khoảng giá trị từ phần trăm đến {}",
            unit_read.unit.display_in(Lang::Vi)
        );
        let expected = (
            "a range such as `từ 55 - 65%`",
            "một khoảng như `từ 55 - 65%`",
        );
        return Err(invalid(phrase, (problem, problem_vi), expected));
    }
    let UnitRead {
        unit,
        per,
        rest: suffix,
        bare_items,
    } = unit_read;
    // `từ 1 - 2 tỷ đồng`: the second end's multiplier is the first's too.
    let (value, aspiration, factor) = match range {
        None => (scaled(phrase, first, first_factor)?, None, first_factor),
        Some((second, second_factor)) => {
            let first_factor = if first_factor == 1 {
                second_factor
            } else {
                first_factor
            };
            (
                scaled(phrase, first, first_factor)?,
                Some(scaled(phrase, second, second_factor)?),
                first_factor,
            )
        }
    };

    let after = read_after(suffix, bare_items);
    let tolerance = read_tolerance(phrase, suffix)?;
    let conflict = |before: Words, after: Words| {
        let (before, after) = (before.join(" "), after.join(" "));
        let problem = format!("conflicting comparators `{before}` and `{after}` in `{quoted}`");
        let problem_vi = format!("hai từ so sánh trái nhau `{before}` và `{after}`");
        invalid(
            phrase,
            (problem, problem_vi),
            ("one of them", "một trong hai"),
        )
    };
    let mut before_used = None;
    let comparator = if has_none_left(prefix) {
        if !value.is_zero() {
            let problem = format!("`không còn` (none left) with the number {value} in `{quoted}`");
            let problem_vi = format!("`không còn` đi với số {}", format_decimal(value, Lang::Vi));
            let expected = ("no number or 0", "không có số, hoặc số 0");
            return Err(invalid(phrase, (problem, problem_vi), expected));
        }
        Comparator::NoneLeft
    } else if let Some((words, kw)) = ending(prefix, BEFORE) {
        before_used = Some(words);
        match after {
            Some((after_words, after_kw)) if after_kw != kw => {
                return Err(conflict(words, after_words));
            }
            _ => kw.comparator(tolerance),
        }
    } else if has_all(tokens)
        && value == Decimal::ONE_HUNDRED
        && unit == Unit::Percent
        && aspiration.is_none()
    {
        Comparator::All
    } else if let Some((words, verb)) = ending(prefix, VERBS) {
        before_used = Some(words);
        match (verb, after) {
            (Some(kw), Some((after_words, after_kw))) if after_kw != kw => {
                return Err(conflict(words, after_words));
            }
            (Some(kw), _) | (None, Some((_, kw))) => kw.comparator(tolerance),
            (None, None) => {
                let word = words.join(" ");
                let problem = format!("ambiguous `{word}` before the number in `{quoted}`");
                let problem_vi = format!("`{word}` trước số không rõ nghĩa");
                let expected = (
                    "a level such as `dưới 10%`, `giảm còn 10%` or `ít nhất 10%`, not a change",
                    "một mức như `dưới 10%`, `giảm còn 10%` hoặc `ít nhất 10%`, không phải một mức thay đổi",
                );
                return Err(invalid(phrase, (problem, problem_vi), expected));
            }
        }
    } else {
        after
            .map_or(Kw::AtLeast, |(_, kw)| kw)
            .comparator(tolerance)
    };
    if tolerance.is_some() && !matches!(comparator, Comparator::About { .. }) {
        let problem = format!("tolerance `±` without `khoảng` in `{quoted}`");
        let problem = (problem, "có sai số `±` nhưng không có `khoảng`");
        let expected = (
            "it only after an about-value such as `khoảng 20% (±2%)`",
            "sai số chỉ sau một giá trị khoảng, như `khoảng 20% (±2%)`",
        );
        return Err(invalid(phrase, problem, expected));
    }
    if let Some(top) = aspiration {
        if comparator != Comparator::AtLeast {
            let word = before_used
                .or(after.map(|(words, _)| words))
                .map_or_else(|| comparator.label(Lang::Vi).to_owned(), |w| w.join(" "));
            let problem = format!("a range with `{word}` in `{quoted}`");
            let problem_vi = format!("khoảng giá trị đi với `{word}`");
            let expected = (
                "a range as a floor and an aspiration, such as `từ 55 - 65%` or `25-40 HTX`",
                "một khoảng gồm mức sàn và mức phấn đấu, như `từ 55 - 65%` hoặc `25-40 HTX`",
            );
            return Err(invalid(phrase, (problem, problem_vi), expected));
        }
        if top <= value {
            let problem = format!(
                "a range from {} down to {} in `{quoted}`",
                format_decimal(value, Lang::Vi),
                format_decimal(top, Lang::Vi)
            );
            let problem_vi = format!(
                "khoảng giá trị đi xuống từ {} còn {}",
                format_decimal(value, Lang::Vi),
                format_decimal(top, Lang::Vi)
            );
            return Err(invalid(
                phrase,
                (problem, problem_vi),
                (
                    "a range whose second end is above the first, such as `từ 55 - 65%`",
                    "một khoảng có đầu sau cao hơn đầu trước, như `từ 55 - 65%`",
                ),
            ));
        }
    }
    Ok(Quantity {
        comparator,
        value,
        aspiration,
        unit,
        per,
        factor,
        rest: suffix,
        before: before_used,
    })
}

type Parsed = (Comparator, Decimal, Option<Decimal>, Unit);

/// The words that say a number is a year: `năm 2030`, `giai đoạn 2021`.
const YEAR_WORDS: &[Words] = &[
    &["năm"],
    &["giai", "đoạn"],
    &["thời", "kỳ"],
    &["nhiệm", "kỳ"],
];

pub(super) fn parse_with_number(
    phrase: &str,
    tokens: &[Token<'_>],
    at: usize,
) -> Result<Parsed, ParseError> {
    let quoted = quote(phrase);
    let prefix = tokens.get(..at).unwrap_or_default();
    if let Some(words) = YEAR_WORDS.iter().find(|w| ends_with_words(prefix, w)) {
        let number = match tokens.get(at) {
            Some(Token::Number(n)) => *n,
            _ => "",
        };
        let problem = format!(
            "the year `{} {number}` stands where the value should in `{quoted}`",
            words.join(" ")
        );
        let problem_vi = format!("năm `{} {number}` đứng ở chỗ của giá trị", words.join(" "));
        let expected = (
            "a threshold such as `trên 60%`; read a whole sentence with `TargetPhrase::read`",
            "một ngưỡng như `trên 60%`; đọc cả câu bằng `TargetPhrase::read`",
        );
        return Err(invalid(phrase, (problem, problem_vi), expected));
    }
    let mut q = read_quantity(phrase, tokens, at)?;
    // An amount of money per month (`5,5 triệu đồng/tháng`, also
    // `/người/tháng`) is compared as twelve times itself with a yearly field.
    if q.unit == Unit::Vnd && q.per.last() == Some(&PerItem::Word("tháng")) {
        q.per.pop();
        q.unit = Unit::VndPerMonth;
    }
    for item in &q.per {
        match (item, &q.unit) {
            (
                PerItem::Org(words),
                Unit::Members | Unit::Vnd | Unit::Percent | Unit::Items | Unit::PerUnit { .. },
            ) => {
                let problem = format!(
                    "a value per organisation `/{}` in `{quoted}`",
                    words.join(" ")
                );
                let problem_vi = format!("giá trị tính trên mỗi tổ chức `/{}`", words.join(" "));
                let expected = (
                    "a threshold without `/…` on a mean measure; read the sentence with `TargetPhrase::read`",
                    "một ngưỡng không có `/…` trên phép đo bình quân; đọc cả câu bằng `TargetPhrase::read`",
                );
                return Err(invalid(phrase, (problem, problem_vi), expected));
            }
            (PerItem::Word(word), Unit::Organisations | Unit::Members | Unit::Items) => {
                let problem = format!("a count per `/{word}` in `{quoted}`");
                let problem_vi = format!("số đếm tính trên mỗi `/{word}`");
                let expected = (
                    "a count without `/…`; read the sentence with `TargetPhrase::read`, which keeps the rate",
                    "một số đếm không có `/…`; đọc cả câu bằng `TargetPhrase::read`, cách đọc giữ lại tỷ lệ",
                );
                return Err(invalid(phrase, (problem, problem_vi), expected));
            }
            (PerItem::Word("tháng"), _) => {
                let problem = format!("an amount per month `/tháng` in `{quoted}`");
                let problem = (problem, "số tiền theo tháng `/tháng`");
                let expected = (
                    "a yearly amount; read the sentence with `TargetPhrase::read`, which keeps the month",
                    "một số tiền theo năm; đọc cả câu bằng `TargetPhrase::read`, cách đọc giữ lại tháng",
                );
                return Err(invalid(phrase, problem, expected));
            }
            _ => {}
        }
    }
    Ok((q.comparator, q.value, q.aspiration, q.unit))
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
        let unit = read_unit(after).unit;
        return Ok((Comparator::NoneLeft, Decimal::ZERO, None, unit));
    }
    if has_all(tokens) {
        return Ok((Comparator::All, Decimal::ONE_HUNDRED, None, Unit::Percent));
    }
    if let Some((words, _)) = ending(tokens, BEFORE) {
        let word = words.join(" ");
        let problem = format!("no number after `{word}` in `{}`", quote(phrase));
        let problem_vi = format!("không có số sau `{word}`");
        return Err(invalid(
            phrase,
            (problem, problem_vi),
            (
                format!("a number such as `{word} 60%`"),
                format!("một số như `{word} 60%`"),
            ),
        ));
    }
    let problem = format!("no comparator or number in `{}`", quote(phrase));
    Err(invalid(
        phrase,
        (problem, "không có từ so sánh hay số nào"),
        EXAMPLES,
    ))
}
