//! Reading whole target sentences: [`TargetPhrase::read`].
//!
//! The reader marks what is not a value first (document numbers, dates,
//! list labels, years as deadlines, periods or base years), then reads
//! every remaining number as a quantity with the comparator words around
//! it, sets aside the numbers that only describe who is counted (ages,
//! durations, sizes after "HTX có"), and takes the one quantity left as the
//! target; two left is a refusal naming both.

use std::ops::Range;

use rust_decimal::Decimal;

use super::parse::{
    ending, has_all, is_range_joint, is_words, parse_without_number, read_quantity, strip_org,
    strip_words, tokenize_spans, PerItem, Quantity, Token,
};
use super::reading::{
    GrowthPhrase, MoneyUnit, Per, Qualifier, QualifierKind, Subject, TargetPart, TargetPhrase,
};
use super::words::{
    Words, AFTER, BEFORE, GROWTH_FILLERS, LABEL_WORDS, LAW_WORDS, PLACE_WORDS, SIZE_FILLERS,
    SUBJECT_WORDS,
};
use super::{Direction, Threshold, Unit};
use crate::parse_error::{quote, ParseError};

/// What the errors of [`TargetPhrase::read`] call it.
pub(super) const WHAT: &str = "target phrase";

/// What a sentence with two candidate targets should be instead.
const ONE_TARGET: (&str, &str) = (
    "one target per sentence: split the sentence, or say which number is the target",
    "mỗi câu một chỉ tiêu: tách câu, hoặc nói rõ số nào là chỉ tiêu",
);

/// The context of an error of a sentence without a target number.
const NO_TARGET: (&str, &str) = ("no target", "không có số chỉ tiêu");

/// Longest sentence [`TargetPhrase::read`] reads, in bytes.
const MAX_SENTENCE_LEN: usize = 4096;

/// The first and last years read as years.
const YEARS: std::ops::RangeInclusive<i32> = 1945..=2100;

/// What a token turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Not looked at yet.
    Free,
    /// Part of a document number, a date, a list label: no value.
    Skip,
    /// A year: a deadline, a period's end, a base year, or a year without
    /// a role (a law's year).
    Year,
}

struct Sentence<'a> {
    /// The sentence in NFC, trimmed.
    text: &'a str,
    /// Its lowercase form, which the tokens are slices of.
    lower: &'a str,
    tokens: Vec<Token<'a>>,
    spans: Vec<Range<usize>>,
    roles: Vec<Role>,
}

impl<'a> Sentence<'a> {
    /// The words of `tokens[from..to]` as the sentence writes them.
    fn part(&self, from: usize, to: usize) -> String {
        let (Some(first), Some(last)) =
            (self.spans.get(from), self.spans.get(to.saturating_sub(1)))
        else {
            return String::new();
        };
        let range = first.start..last.end.max(first.start);
        let original = (self.lower.len() == self.text.len())
            .then(|| self.text.get(range.clone()))
            .flatten();
        original
            .or_else(|| self.lower.get(range))
            .unwrap_or_default()
            .to_owned()
    }

    /// The byte right after token `i` is the start of token `i + 1`.
    fn joined(&self, i: usize) -> bool {
        match (self.spans.get(i), self.spans.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// Whether token `i` starts with a capital letter in the sentence.
    fn capitalised(&self, i: usize) -> bool {
        if self.lower.len() != self.text.len() {
            return false;
        }
        self.spans
            .get(i)
            .and_then(|r| self.text.get(r.clone()))
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        match self.tokens.get(i) {
            Some(Token::Word(w)) => Some(w),
            _ => None,
        }
    }

    fn year_at(&self, i: usize) -> Option<i32> {
        match self.tokens.get(i) {
            Some(Token::Number(n)) if n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()) => {
                n.parse().ok().filter(|y| YEARS.contains(y))
            }
            _ => None,
        }
    }

    /// Whether `tokens[..end]` ends with `words`.
    fn ends_with(&self, end: usize, words: &[&str]) -> bool {
        end.checked_sub(words.len())
            .and_then(|start| self.tokens.get(start..end))
            .is_some_and(|t| is_words(t, words))
    }

    /// The error of this sentence; `problem` and `expected` are
    /// `(english, vietnamese)`.
    fn err(&self, problem: (String, String), expected: (&'static str, &'static str)) -> ParseError {
        ParseError::invalid(WHAT, self.text, problem, expected)
    }
}

/// Whether `token` ends a clause for the words before a number.
fn is_boundary(token: &Token<'_>) -> bool {
    matches!(
        token,
        Token::Symbol(',' | ';' | ':' | '(' | ')' | '.' | '\n')
    )
}

/// The years read so far.
#[derive(Default)]
struct Years {
    deadlines: Vec<(i32, String)>,
    since: Option<i32>,
    base: Option<i32>,
}

impl Years {
    fn deadline(&mut self, year: i32, part: String) {
        if !self.deadlines.iter().any(|(y, _)| *y == year) {
            self.deadlines.push((year, part));
        }
    }
}

/// Marks document numbers (`363/KH-UBND`, `45/2021/NĐ-CP`, `20-NQ/TW`),
/// dates (`30/5/2023`, `tháng 6/2021`) and list labels (`1.`, `a)`).
fn mark_skips(s: &mut Sentence<'_>) -> Result<(), ParseError> {
    let n = s.tokens.len();
    let mut i = 0;
    while i < n {
        if !matches!(s.tokens.get(i), Some(Token::Number(_))) {
            i += 1;
            continue;
        }
        // The run of tokens written without spaces from here.
        // (Letters, digits and `/`, `-`, `&` between them.)
        let mut end = i + 1;
        while end < n
            && s.joined(end - 1)
            && matches!(
                s.tokens.get(end),
                Some(Token::Number(_) | Token::Word(_) | Token::Symbol('/' | '-' | '&'))
            )
        {
            end += 1;
        }
        while end > i + 1 && matches!(s.tokens.get(end - 1), Some(Token::Symbol(_))) {
            end -= 1;
        }
        let run = s.tokens.get(i..end).unwrap_or_default();
        let code = (i + 1..end).any(|k| {
            matches!(s.tokens.get(k - 1), Some(Token::Symbol('/' | '-')))
                && matches!(s.tokens.get(k), Some(Token::Word(_)))
                && s.capitalised(k)
        });
        let slashes = run.iter().filter(|t| **t == Token::Symbol('/')).count();
        let date = !code
            && slashes >= 1
            && run
                .iter()
                .all(|t| matches!(t, Token::Number(_) | Token::Symbol('/')))
            && matches!(run.last(), Some(Token::Number(_)))
            && (slashes == 2 || s.ends_with(i, &["tháng"]));
        let label = end == i + 1
            && (i == 0
                || s.tokens
                    .get(i - 1)
                    .is_some_and(|t| is_boundary(t) && *t != Token::Symbol(',')))
            && matches!(s.tokens.get(i + 1), Some(Token::Symbol('.' | ')')))
            && s.joined(i)
            && !matches!(s.tokens.get(i + 2), Some(Token::Number(_)));
        let after_doc_word = LABEL_WORDS.iter().any(|w| s.ends_with(i, w));
        if date && (s.ends_with(i, &["đến", "tháng"]) || s.ends_with(i, &["trước", "tháng"]))
        {
            let from = i.saturating_sub(2);
            let problem = format!(
                "a month `{}` as the deadline in `{}`",
                s.part(from, end),
                quote(s.text)
            );
            let problem_vi = format!("thời hạn là một tháng `{}`", s.part(from, end));
            return Err(s.err(
                (problem, problem_vi),
                (
                    "a year such as `đến năm 2025`",
                    "một năm như `đến năm 2025`",
                ),
            ));
        }
        if code || date {
            for r in s.roles.get_mut(i..end).into_iter().flatten() {
                *r = Role::Skip;
            }
            i = end;
        } else if label || after_doc_word {
            if let Some(r) = s.roles.get_mut(i) {
                *r = Role::Skip;
            }
            i += 1;
        } else {
            i += 1;
        }
    }
    Ok(())
}

/// Marks `ngày 30 tháng 5 năm 2023` and `tháng 6 năm 2025`.
fn mark_spelled_dates(s: &mut Sentence<'_>) -> Result<(), ParseError> {
    let n = s.tokens.len();
    for i in 0..n {
        let month = s.word(i) == Some("tháng")
            && matches!(s.tokens.get(i + 1), Some(Token::Number(_)))
            && s.word(i + 2) == Some("năm")
            && s.year_at(i + 3).is_some();
        if !month {
            continue;
        }
        if s.ends_with(i, &["đến"]) || s.ends_with(i, &["trước"]) {
            let problem = format!(
                "a month `{}` as the deadline in `{}`",
                s.part(i.saturating_sub(1), i + 4),
                quote(s.text)
            );
            let problem_vi = format!(
                "thời hạn là một tháng `{}`",
                s.part(i.saturating_sub(1), i + 4)
            );
            return Err(s.err(
                (problem, problem_vi),
                (
                    "a year such as `đến năm 2025`",
                    "một năm như `đến năm 2025`",
                ),
            ));
        }
        let from = if s.ends_with(i, &["ngày"])
            || matches!(s.tokens.get(i.wrapping_sub(1)), Some(Token::Number(_)))
        {
            i.saturating_sub(1)
        } else {
            i
        };
        for r in s.roles.get_mut(from..i + 4).into_iter().flatten() {
            if *r == Role::Free {
                *r = Role::Skip;
            }
        }
    }
    Ok(())
}

/// The index of the year joined to the year at `i` by a range joint
/// (`2021-2025`, `2021 – 2025`, `2021 đến năm 2025`), and that year.
fn year_span_end(s: &Sentence<'_>, i: usize) -> Option<(usize, i32)> {
    let first = s.year_at(i)?;
    let joint = s.tokens.get(i + 1)?;
    if !is_range_joint(joint) {
        return None;
    }
    let at = if s.word(i + 2) == Some("năm") {
        i + 3
    } else {
        i + 2
    };
    let second = s.year_at(at)?;
    (second > first).then_some((at, second))
}

/// Reads the years: deadlines, periods and base years.
fn mark_years(s: &mut Sentence<'_>) -> Result<Years, ParseError> {
    let mut years = Years::default();
    let n = s.tokens.len();
    let mut i = 0;
    while i < n {
        let (Some(year), Some(Role::Free)) = (s.year_at(i), s.roles.get(i).copied()) else {
            i += 1;
            continue;
        };
        let clause_start = i == 0 || s.tokens.get(i - 1).is_some_and(is_boundary);
        let after_nam = s.ends_with(i, &["năm"]);
        let nam_at = if after_nam { i - 1 } else { i };
        let period_word = ["giai đoạn", "thời kỳ", "nhiệm kỳ", "thời gian"]
            .iter()
            .any(|w| s.ends_with(nam_at, &w.split(' ').collect::<Vec<_>>()));
        let mark = |s: &mut Sentence<'_>, at: usize| {
            if let Some(r) = s.roles.get_mut(at) {
                *r = Role::Year;
            }
        };
        // A base year: so (với) (cùng kỳ) (năm) Y; `với` is often left
        // out ("tăng 5,1% so năm 2022").
        let base_words: [&[&str]; 10] = [
            &["so", "với"],
            &["so", "với", "cùng", "kỳ"],
            &["so", "với", "cuối"],
            &["so", "với", "hết"],
            &["so", "với", "thời", "điểm", "cuối"],
            &["so"],
            &["so", "cùng", "kỳ"],
            &["so", "cuối"],
            &["so", "hết"],
            &["so", "thời", "điểm", "cuối"],
        ];
        if base_words.iter().any(|w| s.ends_with(nam_at, w)) {
            if years.base.is_some_and(|b| b != year) {
                let problem = format!("two base years in `{}`", quote(s.text));
                return Err(s.err(
                    (problem, "có hai năm gốc để so sánh".to_owned()),
                    (
                        "one `so với năm …` per sentence",
                        "mỗi câu một `so với năm …`",
                    ),
                ));
            }
            years.base = Some(year);
            mark(s, i);
            i += 1;
            continue;
        }
        // A period: giai đoạn 2021-2025, năm 2023-2024, 2021 - 2025 (at
        // the start of a clause), từ năm 2021 đến năm 2025.
        if let Some((end_at, last)) = year_span_end(s, i) {
            let bare_ok = clause_start && !starts_unit(s, end_at + 1);
            if period_word || after_nam || bare_ok {
                years.since = Some(year);
                let from = nam_at.saturating_sub(if period_word { 2 } else { 0 });
                years.deadline(last, s.part(from, end_at + 1));
                for at in i..=end_at {
                    mark(s, at);
                }
                i = end_at + 1;
                continue;
            }
        }
        if s.ends_with(nam_at, &["từ"]) && after_nam {
            years.since = Some(year);
            mark(s, i);
            i += 1;
            continue;
        }
        if s.ends_with(nam_at, &["trước"]) {
            let problem = format!(
                "`{}` in `{}`: before a year or by its end is not said",
                s.part(nam_at - 1, i + 1),
                quote(s.text)
            );
            let problem_vi = format!(
                "`{}`: không rõ là trước năm đó hay đến hết năm đó",
                s.part(nam_at - 1, i + 1)
            );
            return Err(s.err(
                (problem, problem_vi),
                (
                    "a deadline such as `đến năm 2025`",
                    "một thời hạn như `đến năm 2025`",
                ),
            ));
        }
        let by_word = s.ends_with(nam_at, &["đến"])
            || s.ends_with(nam_at, &["đến", "hết"])
            || s.ends_with(nam_at, &["tới"])
            || s.ends_with(nam_at, &["hết"])
            || s.ends_with(nam_at, &["cuối"])
            || s.ends_with(nam_at, &["trong"])
            || s.ends_with(nam_at, &["vào"]);
        if after_nam {
            // A law's or a document's year is no deadline.
            let from = nam_at.saturating_sub(6);
            let documentary =
                (from + 1..=nam_at).any(|e| LAW_WORDS.iter().any(|w| s.ends_with(e, w)));
            mark(s, i);
            if !documentary || by_word {
                let from = if by_word {
                    nam_at.saturating_sub(1)
                } else {
                    nam_at
                };
                let from = if s.ends_with(nam_at, &["đến", "hết"]) {
                    nam_at.saturating_sub(2)
                } else {
                    from
                };
                years.deadline(year, s.part(from, i + 1));
            }
            i += 1;
            continue;
        }
        if by_word {
            // đến 2025 (no `năm`).
            if !starts_unit(s, i + 1) {
                mark(s, i);
                years.deadline(year, s.part(nam_at.saturating_sub(1), i + 1));
            }
        }
        i += 1;
    }
    Ok(years)
}

/// Refuses a sentence with more than one deadline: one target has one.
fn one_deadline(s: &Sentence<'_>, years: &Years) -> Result<(), ParseError> {
    if years.deadlines.len() > 1 {
        let parts: Vec<String> = years
            .deadlines
            .iter()
            .map(|(_, p)| format!("`{p}`"))
            .collect();
        let problem = format!(
            "two deadlines {} in `{}`",
            parts.join(" and "),
            quote(s.text)
        );
        let problem_vi = format!("có hai thời hạn {}", parts.join(" và "));
        return Err(s.err(
            (problem, problem_vi),
            (
                "one target with one deadline per sentence",
                "mỗi câu một chỉ tiêu với một thời hạn",
            ),
        ));
    }
    Ok(())
}

/// Whether a unit (`%`, organisations, members, money) starts at `i`.
fn starts_unit(s: &Sentence<'_>, i: usize) -> bool {
    let rest = s.tokens.get(i..).unwrap_or_default();
    matches!(rest.first(), Some(Token::Symbol('%')))
        || strip_org(rest).is_some()
        || super::words::MEMBER_WORDS
            .iter()
            .chain(super::words::MONEY_WORDS)
            .chain(super::words::PERCENT_WORDS)
            .any(|w| strip_words(rest, w).is_some())
}

/// A quantity of the sentence, with where it stands.
struct Found {
    /// The first token of its words (comparator words included).
    start: usize,
    /// The token after its unit.
    end: usize,
    comparator: super::Comparator,
    value: Decimal,
    aspiration: Option<Decimal>,
    unit: Unit,
    per: Vec<Per>,
    /// The product of the multiplier words (`triệu`).
    factor: u64,
    growth: Option<Direction>,
    qualifier: Option<QualifierKind>,
}

fn per_of(item: &PerItem<'_>, unit: &Unit) -> Option<Per> {
    match (item, unit) {
        (PerItem::Org(_), Unit::Organisations) => None,
        (PerItem::Org(_), _) => Some(Per::Organisation),
        (PerItem::Word("người"), _) => Some(Per::Person),
        (PerItem::Word("hộ"), _) => Some(Per::Household),
        (PerItem::Word("tháng"), _) => Some(Per::Month),
        (PerItem::Word("năm"), _) => Some(Per::Year),
        (PerItem::Word(w), _) => Some(Per::Other {
            word: (*w).to_owned(),
        }),
    }
}

/// The growth verb that governs the number at `at`, looking back to
/// `clause_start`: its position after the verb and its direction.
fn growth_verb(s: &Sentence<'_>, clause_start: usize, at: usize) -> Option<(usize, Direction)> {
    let mut k = at;
    while k > clause_start {
        k -= 1;
        let word = s.word(k)?;
        let direction = match word {
            "tăng" => Direction::Rising,
            "giảm" => Direction::Falling,
            _ => {
                if GROWTH_FILLERS.contains(&word) {
                    continue;
                }
                // `tốc độ tăng trưởng … đạt 7%/năm`: a growth noun further back.
                let noun = (clause_start..k)
                    .find(|&j| s.word(j) == Some("tăng") && s.word(j + 1) == Some("trưởng"));
                return noun.map(|j| (j + 2, Direction::Rising));
            }
        };
        // `giảm còn`, `giảm xuống`, `giảm dưới`, `tăng lên`: levels.
        let next = s.word(k + 1);
        let level = matches!(next, Some("còn" | "xuống" | "dưới" | "lên"));
        return (!level).then_some((k + 1, direction));
    }
    None
}

/// Whether the words before `at`, back to `clause_start`, are
/// "(organisations) có (quy mô …)": the number describes them.
fn is_size_qualifier(s: &Sentence<'_>, clause_start: usize, at: usize) -> bool {
    let mut k = at;
    // The comparator words right before the number.
    let prefix = s.tokens.get(clause_start..at).unwrap_or_default();
    if let Some((words, _)) = ending(prefix, BEFORE) {
        k -= words.len();
    } else if s.word(k.wrapping_sub(1)) == Some("từ") {
        k -= 1;
    }
    while k > clause_start && s.word(k - 1).is_some_and(|w| SIZE_FILLERS.contains(&w)) {
        k -= 1;
    }
    if k == clause_start || s.word(k - 1) != Some("có") {
        return false;
    }
    let before_co = k - 1;
    let org_end = before_co;
    let org = (clause_start..org_end).find(|&j| {
        s.tokens
            .get(j..org_end)
            .is_some_and(|t| strip_org(t).is_some_and(|(_, rest)| rest.is_empty()))
    });
    match org {
        // `mỗi hợp tác xã có 25 thành viên`: the target per organisation.
        Some(j) => !(s.ends_with(j, &["mỗi"]) || s.ends_with(j, &["bình", "quân", "mỗi"])),
        None => false,
    }
}

/// Reads the quantity at `at`.
fn read_found(s: &Sentence<'_>, at: usize) -> Result<Found, ParseError> {
    let clause_start = (0..at)
        .rev()
        .find(|&k| s.tokens.get(k).is_some_and(is_boundary) || s.roles.get(k) != Some(&Role::Free))
        .map_or(0, |k| k + 1);
    // `gấp 2 lần` (twice as much) is a multiple of a base, no level.
    if s.word(at.wrapping_sub(1)) == Some("gấp") || s.word(at + 1) == Some("lần") {
        let part = s.part(at.saturating_sub(1), (at + 2).min(s.tokens.len()));
        let problem = format!("a multiple `{part}` in `{}`", quote(s.text));
        let problem_vi = format!("có một bội số `{part}`");
        return Err(s.err(
            (problem, problem_vi),
            (
                "a level such as `đạt 500 hợp tác xã` or a growth in percent such as `tăng 8% so với năm 2021`",
                "một mức như `đạt 500 hợp tác xã` hoặc một mức tăng theo phần trăm như `tăng 8% so với năm 2021`",
            ),
        ));
    }
    let growth = growth_verb(s, clause_start, at);
    let from = growth.map_or(clause_start, |(after, _)| after.max(clause_start));
    // The quantity's words stop at the next year, date or document number.
    let clause_end = (at + 1..s.tokens.len())
        .find(|&k| s.roles.get(k) != Some(&Role::Free))
        .unwrap_or(s.tokens.len());
    let tokens = s.tokens.get(from..clause_end).unwrap_or_default();
    let q: Quantity<'_, '_> = read_quantity(s.text, tokens, at - from).map_err(|e| {
        e.within(
            WHAT,
            s.text,
            (format!("in `{}`", quote(s.text)), "trong câu"),
        )
    })?;
    let mut end = from + (tokens.len() - q.rest.len());
    if AFTER.iter().any(|(w, _)| strip_words(q.rest, w).is_some()) {
        end += 2;
    }
    // A tolerance `(±2%)` belongs to the quantity.
    let rest = s.tokens.get(end..).unwrap_or_default();
    if let [Token::Symbol('('), Token::Symbol('±'), Token::Number(_), Token::Symbol('%'), Token::Symbol(')'), ..] =
        rest
    {
        end += 5;
    } else if let [Token::Symbol('±'), Token::Number(_), Token::Symbol('%'), ..] = rest {
        end += 3;
    }
    let mut start = at - q.before.map_or(0, |w| w.len());
    if start > from && s.word(start - 1) == Some("từ") {
        start -= 1;
    }
    let per: Vec<Per> = q.per.iter().filter_map(|p| per_of(p, &q.unit)).collect();
    let noun = s.word(end);
    let bare_noun = q.unit == Unit::Items;
    let qualifier = match noun {
        Some("tuổi") if bare_noun => Some(QualifierKind::Age),
        Some("năm" | "tháng" | "ngày" | "quý") if bare_noun => Some(QualifierKind::Duration),
        _ if is_size_qualifier(s, clause_start, at) => Some(QualifierKind::Size),
        _ => None,
    };
    let end = if qualifier.is_some()
        && bare_noun
        && noun.is_some()
        && end == from + (tokens.len() - q.rest.len())
    {
        end + 1
    } else {
        end
    };
    // `tất cả (100%)`, `đều đạt 100%`: all, wherever the word stands.
    let all = q.comparator == super::Comparator::AtLeast
        && q.value == Decimal::ONE_HUNDRED
        && q.unit == Unit::Percent
        && q.aspiration.is_none()
        && has_all(&s.tokens);
    let comparator = if all {
        super::Comparator::All
    } else {
        q.comparator
    };
    Ok(Found {
        start,
        end,
        comparator,
        value: q.value,
        aspiration: q.aspiration,
        unit: q.unit,
        per,
        factor: q.factor,
        growth: growth.map(|(_, d)| d),
        qualifier,
    })
}

fn threshold_of(s: &Sentence<'_>, f: &Found) -> Result<Threshold, ParseError> {
    let built = match f.aspiration {
        Some(top) => Threshold::range(f.value, top, f.unit.clone()),
        None => Threshold::new(f.comparator.clone(), f.value, f.unit.clone()),
    };
    built.map_err(|e| {
        let part = s.part(f.start, f.end);
        e.within(
            WHAT,
            s.text,
            (
                format!("invalid threshold `{part}` in `{}`", quote(s.text)),
                format!("ngưỡng `{part}` không hợp lệ"),
            ),
        )
    })
}

/// The subject words of the sentence, in order, each once.
fn subjects(s: &Sentence<'_>) -> Vec<Subject> {
    let mut out: Vec<Subject> = Vec::new();
    let rated = s.tokens.contains(&Token::Word("loại"));
    let mut i = 0;
    while i < s.tokens.len() {
        let rest = s.tokens.get(i..).unwrap_or_default();
        let found = SUBJECT_WORDS
            .iter()
            .find(|(words, _)| strip_words(rest, words).is_some());
        match found {
            Some((words, Some(subject))) => {
                let needs_rating_word = *subject == Subject::Average;
                if (!needs_rating_word || rated) && !out.contains(subject) {
                    out.push(*subject);
                }
                i += words.len();
            }
            Some((words, None)) => i += words.len(),
            None => i += 1,
        }
    }
    out
}

/// The place after `mỗi` or `tất cả (các)` before `at`: `mỗi xã` gives
/// `xã`.
fn each_place(s: &Sentence<'_>, at: usize) -> Option<String> {
    (0..at).find_map(|k| {
        let after = if s.word(k) == Some("mỗi") {
            k + 1
        } else if s.word(k) == Some("tất") && s.word(k + 1) == Some("cả") {
            if s.word(k + 2) == Some("các") {
                k + 3
            } else {
                k + 2
            }
        } else {
            return None;
        };
        let rest = s.tokens.get(after..at).unwrap_or_default();
        PLACE_WORDS
            .iter()
            .find(|w| strip_words(rest, w).is_some())
            .map(|w: &Words| w.join(" "))
    })
}

/// Whether `mỗi <organisation>` stands before `at`.
fn each_organisation(s: &Sentence<'_>, at: usize) -> bool {
    (0..at).any(|k| {
        s.word(k) == Some("mỗi") && strip_org(s.tokens.get(k + 1..at).unwrap_or_default()).is_some()
    })
}

/// `mỗi năm`, `hằng năm`, `hàng năm`, `/năm` anywhere in the sentence.
fn yearly_words(s: &Sentence<'_>) -> bool {
    let t = &s.tokens;
    t.windows(2).any(|w| {
        is_words(w, &["mỗi", "năm"])
            || is_words(w, &["hằng", "năm"])
            || is_words(w, &["hàng", "năm"])
    })
}

/// `so (với) năm trước`, `so (với) cùng kỳ`.
fn previous_year_words(s: &Sentence<'_>) -> bool {
    let t = &s.tokens;
    t.windows(4)
        .any(|w| is_words(w, &["so", "với", "năm", "trước"]))
        || t.windows(4)
            .any(|w| is_words(w, &["so", "với", "cùng", "kỳ"]))
        || t.windows(3).any(|w| is_words(w, &["so", "năm", "trước"]))
        || t.windows(3).any(|w| is_words(w, &["so", "cùng", "kỳ"]))
}

/// Digits written as words (`hai`, `tám`, `mười`): with a magnitude word
/// after them they are a number the reader does not read.
const SPELLED_DIGITS: &[&str] = &[
    "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "mươi",
];

/// Magnitude words that make a spelled digit a quantity (`hai triệu`).
const MAGNITUDES: &[&str] = &["chục", "trăm", "nghìn", "ngàn", "triệu", "tỷ", "tỉ"];

/// The first number written in words (`hai triệu thành viên`) among the
/// free tokens: its first and last token. A sentence with one number in
/// digits and one in words has two candidate targets, and reading only the
/// digits would drop the other silently.
fn spelled_number(s: &Sentence<'_>) -> Option<(usize, usize)> {
    let free_word = |k: usize, set: &[&str]| {
        s.roles.get(k) == Some(&Role::Free) && s.word(k).is_some_and(|w| set.contains(&w))
    };
    (0..s.tokens.len()).find_map(|k| {
        if !free_word(k, SPELLED_DIGITS) {
            return None;
        }
        let mut end = k + 1;
        while free_word(end, SPELLED_DIGITS) || free_word(end, MAGNITUDES) {
            end += 1;
        }
        (end > k + 1 && free_word(end - 1, MAGNITUDES)).then_some((k, end))
    })
}

/// What [`analyse`] finds in a sentence: its tokens and their roles, its
/// years, and its quantities, the ones that only say who is counted apart.
struct Analysis<'a> {
    s: Sentence<'a>,
    years: Years,
    qualifiers: Vec<Found>,
    candidates: Vec<Found>,
    /// A mean over one organisation (`bình quân 01 HTX`) was set aside.
    per_organisation: bool,
}

/// Marks what is not a value, then reads every quantity of `text` (NFC,
/// trimmed; `lower` its lowercase form).
///
/// With `one_target`, a second deadline is an error here, before the
/// quantities are read; [`read_all`] reads each part's deadline itself.
fn analyse<'a>(
    text: &'a str,
    lower: &'a str,
    one_target: bool,
) -> Result<Analysis<'a>, ParseError> {
    let (tokens, spans) = tokenize_spans(lower);
    if tokens.is_empty() {
        return Err(ParseError::empty(
            WHAT,
            (
                "a target such as `đến năm 2030 có 150 HTX`",
                "một chỉ tiêu như `đến năm 2030 có 150 HTX`",
            ),
        ));
    }
    let roles = vec![Role::Free; tokens.len()];
    let mut s = Sentence {
        text,
        lower,
        tokens,
        spans,
        roles,
    };
    mark_skips(&mut s)?;
    mark_spelled_dates(&mut s)?;
    let years = mark_years(&mut s)?;
    if one_target {
        one_deadline(&s, &years)?;
    }

    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < s.tokens.len() {
        let free_number = matches!(s.tokens.get(i), Some(Token::Number(_)))
            && s.roles.get(i) == Some(&Role::Free);
        if !free_number {
            i += 1;
            continue;
        }
        let f = read_found(&s, i)?;
        for r in s.roles.get_mut(i..f.end.max(i + 1)).into_iter().flatten() {
            if *r == Role::Free {
                *r = Role::Skip;
            }
        }
        i = f.end.max(i + 1);
        found.push(f);
    }

    // `bình quân của 01 HTX`, `lãi bình quân 1 HTX`: one organisation as
    // the unit of a mean, beside the value.
    let per_one = |f: &Found| {
        f.value == Decimal::ONE
            && f.unit == Unit::Organisations
            && f.aspiration.is_none()
            && (s.ends_with(f.start, &["bình", "quân"])
                || s.ends_with(f.start, &["bình", "quân", "của"])
                || s.ends_with(f.start, &["trung", "bình"]))
    };
    let mut per_organisation = false;
    if found.len() > 1 {
        let before = found.len();
        found.retain(|f| !per_one(f));
        per_organisation = found.len() < before;
    }
    let (qualifiers, candidates): (Vec<Found>, Vec<Found>) =
        found.into_iter().partition(|f| f.qualifier.is_some());
    Ok(Analysis {
        s,
        years,
        qualifiers,
        candidates,
        per_organisation,
    })
}

pub(super) fn read(phrase: &str) -> Result<TargetPhrase, ParseError> {
    let composed = crate::text::nfc_within(phrase, MAX_SENTENCE_LEN)
        .map_err(|len| ParseError::too_long(WHAT, phrase, len, MAX_SENTENCE_LEN))?;
    let text = composed.trim();
    let lower = text.to_lowercase();
    let Analysis {
        s,
        years,
        qualifiers,
        candidates,
        per_organisation,
    } = analyse(text, &lower, true)?;
    let mut qualifier_readings = Vec::new();
    for q in &qualifiers {
        let part = s.part(q.start, q.end);
        let threshold = match q.aspiration {
            Some(top) => Threshold::range(q.value, top, q.unit.clone()).ok(),
            None => Threshold::new(q.comparator.clone(), q.value, q.unit.clone()).ok(),
        };
        let kind = q.qualifier.unwrap_or(QualifierKind::Size);
        qualifier_readings.push(Qualifier::new(kind, part, threshold));
    }

    let target = match candidates.as_slice() {
        [one] => Some(one),
        [] => None,
        [a, b, ..] => {
            let problem = format!(
                "two candidate numbers for the target, `{}` and `{}`, in `{}`",
                s.part(a.start, a.end),
                s.part(b.start, b.end),
                quote(s.text)
            );
            let problem_vi = format!(
                "có hai số có thể là chỉ tiêu, `{}` và `{}`",
                s.part(a.start, a.end),
                s.part(b.start, b.end)
            );
            return Err(s.err((problem, problem_vi), ONE_TARGET));
        }
    };

    let Some(f) = target else {
        if let Some(q) = qualifier_readings.first() {
            let problem = format!(
                "no target number in `{}`: `{}` only says which organisations or people are counted",
                quote(s.text),
                q.text()
            );
            let problem_vi = format!(
                "không có số chỉ tiêu: `{}` chỉ nói tổ chức hay người nào được đếm",
                q.text()
            );
            return Err(s.err(
                (problem, problem_vi),
                (
                    "a target such as `50% hợp tác xã có trên 200 thành viên`",
                    "một chỉ tiêu như `50% hợp tác xã có trên 200 thành viên`",
                ),
            ));
        }
        let free: Vec<Token<'_>> = s
            .tokens
            .iter()
            .zip(&s.roles)
            .filter(|(_, r)| **r == Role::Free)
            .map(|(t, _)| *t)
            .collect();
        let (comparator, value, _, unit) =
            parse_without_number(s.text, &free).map_err(|e| e.within(WHAT, s.text, NO_TARGET))?;
        let threshold = Threshold::new(comparator, value, unit)
            .map_err(|e| e.within(WHAT, s.text, NO_TARGET))?;
        return Ok(TargetPhrase {
            text: text.to_owned(),
            threshold,
            money: None,
            per: Vec::new(),
            growth: None,
            deadline: years.deadlines.first().map(|(y, _)| *y),
            since: years.since,
            each: each_place(&s, s.tokens.len()),
            qualifiers: qualifier_readings,
            subjects: subjects(&s),
        });
    };

    let threshold = threshold_of(&s, f)?;
    let part = s.part(f.start, f.end);
    if let Some((from, to)) = spelled_number(&s) {
        let problem = format!(
            "two candidate numbers for the target, `{part}` and `{}` (a number in words), in `{}`",
            s.part(from, (to + 2).min(s.tokens.len())),
            quote(s.text)
        );
        let problem_vi = format!(
            "có hai số có thể là chỉ tiêu, `{part}` và `{}` (số viết bằng chữ)",
            s.part(from, (to + 2).min(s.tokens.len()))
        );
        return Err(s.err(
            (problem, problem_vi),
            (
                "one target per sentence, its number in digits: split the sentence, or write the number in digits",
                "mỗi câu một chỉ tiêu, số viết bằng chữ số: tách câu, hoặc viết số bằng chữ số",
            ),
        ));
    }
    if let Some(k) = s
        .tokens
        .windows(2)
        .position(|w| is_words(w, &["không", "còn"]))
    {
        if f.comparator != super::Comparator::NoneLeft {
            let problem = format!(
                "two targets, `{part}` and `{}`, in `{}`",
                s.part(k, (k + 4).min(s.tokens.len())),
                quote(s.text)
            );
            let problem_vi = format!(
                "có hai chỉ tiêu, `{part}` và `{}`",
                s.part(k, (k + 4).min(s.tokens.len()))
            );
            return Err(s.err((problem, problem_vi), ONE_TARGET));
        }
    }
    let mut per = f.per.clone();
    let mut since = years.since;
    let growth = match f.growth {
        Some(direction) => {
            if f.unit != Unit::Percent {
                let problem = format!(
                    "a change `{part}` that is not in percent, in `{}`",
                    quote(s.text)
                );
                let problem_vi = format!("mức thay đổi `{part}` không tính theo phần trăm");
                return Err(s.err(
                    (problem, problem_vi),
                    (
                        "a growth rate such as `tăng 8% so với năm 2021`, or a level such as `đạt 500 hợp tác xã`",
                        "một tỷ lệ tăng như `tăng 8% so với năm 2021`, hoặc một mức như `đạt 500 hợp tác xã`",
                    ),
                ));
            }
            let yearly = per.contains(&Per::Year) || yearly_words(&s);
            per.retain(|p| *p != Per::Year);
            match (years.base, yearly) {
                (Some(year), false) => GrowthPhrase::SinceYear { year, direction },
                (Some(year), true) => {
                    since = since.or(year.checked_add(1));
                    GrowthPhrase::Yearly { direction }
                }
                (None, true) => GrowthPhrase::Yearly { direction },
                (None, false) if previous_year_words(&s) => {
                    GrowthPhrase::SincePreviousYear { direction }
                }
                (None, false) => {
                    let problem =
                        format!("a change `{part}` without a base in `{}`", quote(s.text));
                    let problem_vi = format!("mức thay đổi `{part}` không có năm gốc");
                    return Err(s.err(
                        (problem, problem_vi),
                        (
                            "a base such as `so với năm 2021`, or a yearly rate such as `tăng 5%/năm`",
                            "một năm gốc như `so với năm 2021`, hoặc một tỷ lệ hằng năm như `tăng 5%/năm`",
                        ),
                    ));
                }
            }
            .into()
        }
        None => {
            if f.unit == Unit::Percent && per.contains(&Per::Year) {
                let problem = format!(
                    "a rate per year `{part}` without `tăng` or `giảm` in `{}`",
                    quote(s.text)
                );
                let problem_vi = format!("tỷ lệ theo năm `{part}` không có `tăng` hay `giảm`");
                return Err(s.err(
                    (problem, problem_vi),
                    (
                        "a growth such as `tăng bình quân 6,5%/năm`",
                        "một mức tăng như `tăng bình quân 6,5%/năm`",
                    ),
                ));
            }
            if let Some(base) = years.base {
                let problem = format!(
                    "a base year {base} for the level `{part}` in `{}`",
                    quote(s.text)
                );
                let problem_vi = format!("năm gốc {base} cho mức `{part}`");
                return Err(s.err(
                    (problem, problem_vi),
                    (
                        "a change such as `tăng 8% so với năm 2021`",
                        "một mức thay đổi như `tăng 8% so với năm 2021`",
                    ),
                ));
            }
            if yearly_words(&s) && !per.contains(&Per::Year) {
                per.push(Per::Year);
            }
            None
        }
    };
    let per_organisation = per_organisation || each_organisation(&s, f.start);
    if f.unit != Unit::Organisations && per_organisation && !per.contains(&Per::Organisation) {
        per.insert(0, Per::Organisation);
    }
    let money = (f.unit == Unit::Vnd)
        .then(|| MoneyUnit::from_factor(f.factor))
        .flatten();
    Ok(TargetPhrase {
        text: text.to_owned(),
        threshold,
        money,
        per,
        growth,
        deadline: years.deadlines.first().map(|(y, _)| *y),
        since,
        each: each_place(&s, f.start),
        qualifiers: qualifier_readings,
        subjects: subjects(&s),
    })
}

/// Whether tokens `from..to` hold `trong đó` (of which).
fn has_of_which(s: &Sentence<'_>, from: usize, to: usize) -> bool {
    (from..to).any(|k| s.word(k) == Some("trong") && s.word(k + 1) == Some("đó"))
}

/// Where the part of the candidate at `next` starts: right after the last
/// `,` `;` `và` `với` or `trong đó` between the end of the candidate before
/// (`prev_end`) and `next`; `None` when nothing separates them.
fn cut_before(s: &Sentence<'_>, prev_end: usize, next: usize) -> Option<usize> {
    // How strongly a token separates: `;` over `,` and `trong đó` over
    // `và` and `với`. The part starts after the last of the strongest
    // (`đến năm 2025, có 100 HTX; đến năm 2030, có 150 HTX`).
    let strength = |k: usize| match s.tokens.get(k) {
        Some(Token::Symbol(';')) => 3,
        Some(Token::Symbol(',')) => 2,
        Some(Token::Word("đó")) if s.word(k.wrapping_sub(1)) == Some("trong") => 2,
        Some(Token::Word("và" | "với")) => 1,
        _ => 0,
    };
    let strongest = (prev_end..next).map(strength).max().filter(|&m| m > 0)?;
    let last = (prev_end..next).rev().find(|&k| strength(k) == strongest)?;
    // The part starts after the separator words and marks that follow it.
    let mut start = last + 1;
    while start < next
        && (matches!(s.tokens.get(start), Some(Token::Symbol(',' | ';' | ':')))
            || matches!(s.word(start), Some("và" | "với")))
    {
        start += 1;
    }
    // A `trong đó` right after the separator belongs to the link, not to
    // the part's words.
    if s.word(start) == Some("trong") && s.word(start + 1) == Some("đó") {
        start += 2;
        while start < next && matches!(s.tokens.get(start), Some(Token::Symbol(',' | ':'))) {
            start += 1;
        }
    }
    Some(start)
}

/// The byte range of tokens `from..to` in the sentence, without the marks
/// at its end.
fn byte_range(s: &Sentence<'_>, from: usize, to: usize) -> Option<Range<usize>> {
    let mut to = to;
    // Marks and link words at the end (`với`, `và`, `trong đó`) join this
    // part to the next; they are not its words.
    loop {
        let last = to.checked_sub(1).filter(|&k| k > from);
        match last.map(|k| (k, s.tokens.get(k))) {
            Some((_, Some(Token::Symbol(',' | ';' | '.' | ':')))) => to -= 1,
            Some((_, Some(Token::Word("và" | "với")))) => to -= 1,
            Some((k, Some(Token::Word("đó")))) if k > from && s.word(k - 1) == Some("trong") => {
                to -= 2;
            }
            _ => break,
        }
    }
    let first = s.spans.get(from)?;
    let last = s.spans.get(to.checked_sub(1)?)?;
    (first.start < last.end).then_some(first.start..last.end)
}

pub(super) fn read_all(phrase: &str) -> Result<Vec<TargetPart>, ParseError> {
    let whole = read(phrase);
    let composed = crate::text::nfc_within(phrase, MAX_SENTENCE_LEN)
        .map_err(|len| ParseError::too_long(WHAT, phrase, len, MAX_SENTENCE_LEN))?;
    let lead = composed.len() - composed.trim_start().len();
    let text = composed.trim();
    let refusal = match whole {
        Ok(reading) => {
            return Ok(vec![TargetPart {
                range: lead..lead + text.len(),
                deadline: reading.deadline(),
                reading,
                within: None,
            }])
        }
        Err(e) => e,
    };
    let lower = text.to_lowercase();
    // Spans index the lowercase form; they are the sentence's only when
    // lowercasing kept every length.
    if lower.len() != text.len() {
        return Err(refusal);
    }
    let Ok(a) = analyse(text, &lower, false) else {
        return Err(refusal);
    };
    let s = &a.s;
    if a.candidates.len() < 2 {
        return Err(refusal);
    }
    // Each candidate's part: from its cut to the next cut.
    let mut starts = vec![0];
    for pair in a.candidates.windows(2) {
        let [prev, next] = pair else { continue };
        match cut_before(s, prev.end, next.start) {
            Some(cut) => starts.push(cut),
            None => return Err(refusal),
        }
    }
    let sentence_deadline = match a.years.deadlines.as_slice() {
        [(year, _)] => Some(*year),
        _ => None,
    };
    // The words before the quantity of the last part with words of its own:
    // the words of the list items after it.
    let mut lead_in: Option<&str> = None;
    let mut parts: Vec<TargetPart> = Vec::with_capacity(a.candidates.len());
    let mut parent: Option<usize> = None;
    // Per part: whether it is an item of a list after `,` `;` or `và`, and
    // whether words follow its quantity.
    let mut items: Vec<(bool, bool)> = Vec::with_capacity(a.candidates.len());
    for (k, f) in a.candidates.iter().enumerate() {
        let from = starts.get(k).copied().unwrap_or(0);
        let to = starts.get(k + 1).copied().unwrap_or(s.tokens.len());
        let prev_end = k
            .checked_sub(1)
            .and_then(|j| a.candidates.get(j))
            .map_or(0, |p| p.end);
        let child = k > 0 && has_of_which(s, prev_end, from);
        let Some(range) = byte_range(s, from, to) else {
            return Err(refusal);
        };
        let piece = text.get(range.clone()).unwrap_or_default();
        // A part that starts with its quantity is an item of a list: the
        // words before the list (`Phấn đấu đến năm 2025 hỗ trợ thành lập
        // mới`) are its words too.
        let listed = k > 0 && !child && from == f.start;
        // An item right after a `trong đó` part may be of which or beside
        // it (`trong đó có 30 HTX nông nghiệp và 10 HTX ...`): not said.
        let after_child = parts.last().is_some_and(|p| p.within.is_some());
        if listed && after_child {
            let problem = format!(
                "part {} `{}` of `{}` follows a `trong đó` part: whether it is of which or beside it is not said",
                k + 1,
                quote(piece),
                quote(text)
            );
            let problem_vi = format!(
                "phần {} `{}` đứng sau một phần `trong đó`: không rõ nó thuộc `trong đó` hay đứng ngang hàng",
                k + 1,
                quote(piece)
            );
            return Err(s.err(
                (problem, problem_vi),
                (
                    "the parts of which in a sentence of their own, or the item with its own words",
                    "các phần `trong đó` trong một câu riêng, hoặc mục đó với từ ngữ của riêng nó",
                ),
            ));
        }
        if !listed && !child {
            lead_in = byte_range(s, from, f.start).and_then(|r| text.get(r));
        }
        let own = match lead_in {
            Some(lead_words) if listed => format!("{lead_words} {piece}"),
            _ => piece.to_owned(),
        };
        let reading = read(&own).map_err(|e| {
            e.within(
                WHAT,
                text,
                (
                    format!("part {} `{}` of `{}`", k + 1, quote(piece), quote(text)),
                    format!("phần {} `{}`", k + 1, quote(piece)),
                ),
            )
        })?;
        // The part must read as the sentence's own quantity; anything else
        // is a refusal, never another reading.
        let expected = threshold_of(s, f)?;
        if reading.threshold() != &expected {
            let problem = format!(
                "part {} `{}` of `{}` reads as `{}`, the sentence says `{}`",
                k + 1,
                quote(piece),
                quote(text),
                reading.threshold(),
                expected
            );
            let problem_vi = format!(
                "phần {} `{}` đọc ra `{}`, câu lại nói `{}`",
                k + 1,
                quote(piece),
                reading.threshold(),
                expected
            );
            return Err(s.err(
                (problem, problem_vi),
                (
                    "a sentence whose targets are separated by `,`, `;`, `và`, `với` or `trong đó`",
                    "một câu có các chỉ tiêu ngăn cách bởi `,`, `;`, `và`, `với` hoặc `trong đó`",
                ),
            ));
        }
        // A number with no word for what it counts (`đạt từ 80 điểm`) is
        // a condition of another part as often as a target of its own.
        if reading.subjects().is_empty() && *reading.threshold().unit() == Unit::Items {
            let problem = format!(
                "part {} `{}` of `{}` does not say what it counts",
                k + 1,
                quote(piece),
                quote(text)
            );
            let problem_vi = format!("phần {} `{}` không nói đếm cái gì", k + 1, quote(piece));
            return Err(s.err(
                (problem, problem_vi),
                (
                    "each part with its subject, such as `200 tổ hợp tác` or `50% hợp tác xã`",
                    "mỗi phần có đối tượng của nó, như `200 tổ hợp tác` hoặc `50% hợp tác xã`",
                ),
            ));
        }
        let within = if child { parent } else { None };
        if !child {
            parent = Some(parts.len());
        }
        let via_with = (prev_end..from).any(|j| s.word(j) == Some("với"));
        let words_after = byte_range(s, f.start, f.end).is_some_and(|q| q.end < range.end);
        items.push((listed && !via_with, words_after));
        parts.push(TargetPart {
            range: lead + range.start..lead + range.end,
            deadline: reading.deadline().or(sentence_deadline),
            reading,
            within,
        });
    }
    // `trên 5.000 hợp tác xã và 500 tổ hợp tác ứng dụng công nghệ cao`: the
    // words after the last item of a list may say something of every item.
    for (k, &(listed, words_after)) in items.iter().enumerate() {
        let last_of_list = listed && !items.get(k + 1).is_some_and(|&(next, _)| next);
        if last_of_list && words_after {
            let piece = parts
                .get(k)
                .and_then(|p| text.get(p.range.start - lead..p.range.end - lead));
            let problem = format!(
                "the words after the last item `{}` of `{}` may say something of every item",
                quote(piece.unwrap_or_default()),
                quote(text)
            );
            let problem_vi = format!(
                "các từ sau mục cuối `{}` có thể nói về mọi mục",
                quote(piece.unwrap_or_default())
            );
            return Err(s.err(
                (problem, problem_vi),
                (
                    "a list whose items each say what they count, or a sentence for each target",
                    "một danh sách mà mục nào cũng nói nó đếm cái gì, hoặc mỗi chỉ tiêu một câu",
                ),
            ));
        }
    }
    Ok(parts)
}
