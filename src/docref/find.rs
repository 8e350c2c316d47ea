//! Reading citation sentences ("Nghị định số 45/2021/NĐ-CP ngày 31 tháng 3
//! năm 2021 của Chính phủ về ...") and finding every citation in a text.
//!
//! One scanner serves both: [`Citation`]'s `FromStr` reads a whole text
//! strictly (anything it does not understand is an error), and
//! [`find_citations`] reads each candidate as far as it goes and stops where
//! the citation ends (a `;`, a `.`, a line break, the next citation).

use std::ops::Range;

use crate::bilingual::Bilingual;
use crate::parse_error::{quote, ParseError};

use super::citation::{parse_vi_date, Citation, DATE_FORMS};
use super::{DocForm, DocKind, DocRef};

/// What the errors of reading a citation call it.
const WHAT: &str = "citation";

/// What a document number should look like, in the messages.
const A_NUMBER: (&str, &str) = (
    "a number such as `363/KH-UBND`",
    "một số hiệu như `363/KH-UBND`",
);

/// A word of the text, with where it stands (bytes, in the NFC text).
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

impl<'a> Word<'a> {
    /// The word without the punctuation that may follow it (`,` `;` `.` `:`
    /// `)` and closing quotes).
    fn bare(&self) -> &'a str {
        self.text.trim_end_matches(TRAILING)
    }

    /// Whether punctuation that ends a clause follows the word.
    fn ends_clause(&self) -> bool {
        let tail = &self.text[self.bare().len()..];
        tail.contains([';', '.', ')', ':', '”', '"', '»'])
    }

    /// The word in lowercase, without trailing punctuation.
    fn lower(&self) -> String {
        crate::text::lowercase_nfc(self.bare())
    }

    fn is(&self, word: &str) -> bool {
        self.bare()
            .chars()
            .flat_map(char::to_lowercase)
            .eq(word.chars())
    }
}

/// Punctuation that may follow a word without being part of it.
const TRAILING: &[char] = &[',', ';', '.', ':', ')', '”', '"', '»', '’'];

/// Words that may follow a type's name before `số` without changing the
/// type: "Thông báo kết luận số", "Kế hoạch liên ngành số".
const QUALIFIERS: &[&str] = &[
    "kết luận",
    "thẩm tra",
    "liên tịch",
    "liên ngành",
    "phối hợp",
    "hành động",
    "công bố",
];

/// Words that start a title (trích yếu) and belong to it.
const TITLE_VERBS: &[&str] = &[
    "quy định",
    "hướng dẫn",
    "phê duyệt",
    "ban hành",
    "thực hiện",
    "triển khai",
    "sửa đổi",
    "bãi bỏ",
];

/// Words after an issuer that end the citation in running text.
const ISSUER_STOPS: &[&str] = &[
    "nhằm",
    "để",
    "đã",
    "được",
    "tại",
    "theo",
    "đối với",
    "cho",
    "giao",
    "yêu cầu",
    "đề nghị",
    "thì",
    "là",
    "trong",
    "như",
    "và các",
    "cũng",
    "vẫn",
    "sau",
    "trước",
];

/// Splits `s` into words with their byte ranges.
fn words(s: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for piece in s.split_whitespace() {
        let start = s
            .get(pos..)
            .and_then(|r| r.find(piece))
            .map_or(pos, |i| i + pos);
        let end = start + piece.len();
        out.push(Word {
            text: piece,
            start,
            end,
        });
        pos = end;
    }
    out
}

/// Whether the `n` words from `i` spell `phrase` (space-separated, lowercase).
fn spells(ws: &[Word<'_>], i: usize, phrase: &str) -> Option<usize> {
    let mut n = 0;
    for (k, part) in phrase.split(' ').enumerate() {
        let w = ws.get(i + k)?;
        if !w.is(part) {
            return None;
        }
        // Only the phrase's last word may carry punctuation.
        if k + 1 < phrase.split(' ').count() && w.bare().len() != w.text.len() {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// Whether a line break stands between the words `a` and `b`.
fn line_break(s: &str, a: &Word<'_>, b: &Word<'_>) -> bool {
    s.get(a.end..b.start).is_some_and(|gap| gap.contains('\n'))
}

fn is_sep(c: char) -> bool {
    matches!(c, '/' | '-' | '&' | '–' | '‐' | '‑')
}

/// The words of a document number from `i` (joined across spaces around
/// `/` and `-`): the index after the last one.
fn number_words(ws: &[Word<'_>], i: usize) -> usize {
    let mut j = i + 1;
    while let (Some(prev), Some(next)) = (ws.get(j - 1), ws.get(j)) {
        let joins = (prev.text.len() == prev.bare().len()
            && prev.text.chars().next_back().is_some_and(is_sep))
            || next.text.chars().next().is_some_and(is_sep);
        if !joins {
            break;
        }
        j += 1;
    }
    j
}

/// Whether `text` (a word) looks like a document number: digits, then `/`
/// or `-`, and a letter later.
fn looks_like_number(text: &str) -> bool {
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() < text.len()
        && rest.starts_with(['/', '-', '–'])
        && rest.chars().any(char::is_alphabetic)
}

/// The kind named by the words `ws[..end]` ending at `end`: the longest
/// known name (up to four words) ending there, or ending before one
/// qualifier; a law ("Luật Hợp tác xã", "Bộ luật Dân sự") with its name.
/// Returns the kind, the index where its name starts, and a law's name.
fn kind_before(ws: &[Word<'_>], end: usize) -> Option<(DocKind, usize, Option<String>)> {
    // Only the few words before `end` are looked at, each lowercased once.
    let base = end.saturating_sub(10);
    let lower: Vec<String> = ws.get(base..end)?.iter().map(Word::lower).collect();
    let low = |a: usize, b: usize| -> Option<String> {
        Some(
            lower
                .get(a.checked_sub(base)?..b.checked_sub(base)?)?
                .join(" "),
        )
    };
    let name_at = |e: usize| -> Option<(DocKind, usize)> {
        (1..=4).rev().find_map(|k| {
            let start = e.checked_sub(k)?;
            // A name never spans punctuation.
            let inner = ws.get(start..e.checked_sub(1)?)?;
            if inner.iter().any(|w| w.bare().len() != w.text.len()) {
                return None;
            }
            DocKind::from_name(&low(start, e)?).map(|kind| (kind, start))
        })
    };
    if let Some((kind, start)) = name_at(end) {
        return Some((kind, start, None));
    }
    for q in QUALIFIERS {
        let n = q.split(' ').count();
        let Some(e) = end.checked_sub(n) else {
            continue;
        };
        if low(e, end).as_deref() == Some(*q) {
            if let Some((kind, start)) = name_at(e) {
                return Some((kind, start, None));
            }
        }
    }
    // A law: "Luật <name>", "Bộ luật <name>", within eight words.
    let from = end.saturating_sub(8);
    for j in (from..end).rev() {
        if low(j, j + 1).as_deref() == Some("luật") {
            let inner = ws.get(j..end.checked_sub(1)?)?;
            if inner.iter().any(|w| w.bare().len() != w.text.len()) {
                return None;
            }
            let start = if j > 0 && low(j - 1, j).as_deref() == Some("bộ") {
                j - 1
            } else {
                j
            };
            let name = ws
                .get(j + 1..end)?
                .iter()
                .map(|w| w.text)
                .collect::<Vec<_>>()
                .join(" ");
            return Some((DocKind::Law, start, (!name.is_empty()).then_some(name)));
        }
    }
    None
}

/// Whether a citation (a kind's name and a number) starts at word `i`.
fn citation_starts_at(ws: &[Word<'_>], i: usize) -> bool {
    (1..=4).any(|k| {
        let Some(after) = ws.get(i + k) else {
            return false;
        };
        let lower: Vec<String> = ws
            .get(i..i + k)
            .map_or(Vec::new(), |w| w.iter().map(Word::lower).collect());
        DocKind::from_name(&lower.join(" ")).is_some()
            && (after.is("số") || looks_like_number(after.text))
    }) || ws.get(i).is_some_and(|w| w.is("số"))
        && ws.get(i + 1).is_some_and(|w| looks_like_number(w.text))
}

/// Reads a date after `ngày` at word `i`: `30/5/2023`, `18-3-2002`,
/// `13.12.2013` or `30 tháng 6 năm 2009`. Returns the date (or its error)
/// and the index after it; `None` when no date form follows.
fn date_at(ws: &[Word<'_>], i: usize) -> Option<(Result<chrono::NaiveDate, ParseError>, usize)> {
    let first = ws.get(i)?;
    if first.bare().starts_with(|c: char| c.is_ascii_digit())
        && first.bare().contains(['/', '-', '.'])
    {
        return Some((parse_vi_date(first.bare()), i + 1));
    }
    let long = ws.get(i..i + 5)?;
    let ok = long
        .first()?
        .bare()
        .starts_with(|c: char| c.is_ascii_digit())
        && long.get(1)?.is("tháng")
        && long.get(3)?.is("năm");
    if !ok {
        return None;
    }
    let text = long.iter().map(|w| w.bare()).collect::<Vec<_>>().join(" ");
    Some((parse_vi_date(&text), i + 5))
}

/// How strictly to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The whole text is one citation: anything else is an error.
    Whole,
    /// A citation in running text: stop where it ends.
    Running,
}

/// A citation read from words `start..end` (`end` exclusive), or why not.
struct Scanned {
    reading: Result<Citation, ParseError>,
    /// Byte range in the scanned text.
    range: Range<usize>,
}

/// Reads the citation whose number (or `số`) is at word `i`, the kind's
/// name (if any) starting at `name_start` and naming `kind`.
fn scan(
    s: &str,
    ws: &[Word<'_>],
    i: usize,
    named: Option<(DocKind, usize, Option<String>)>,
    mode: Mode,
) -> Scanned {
    let start_word = named.as_ref().map_or(i, |n| n.1);
    let start = ws.get(start_word).map_or(0, |w| w.start);
    let mut j = i;
    if ws.get(j).is_some_and(|w| w.is("số")) && ws.get(j).is_some_and(|w| !w.text.ends_with(','))
    {
        j += 1;
    }
    let num_end = number_words(ws, j);
    let (Some(first), Some(last)) = (ws.get(j), ws.get(num_end - 1)) else {
        let err = ParseError::empty("document number", A_NUMBER);
        let end = ws.get(i).map_or(start, |w| w.end);
        return Scanned {
            reading: Err(err),
            range: start..end,
        };
    };
    let num_text = s
        .get(first.start..last.start + last.bare().len())
        .unwrap_or_default();
    let mut end = last.start + last.bare().len();
    let doc = match num_text.parse::<DocRef>() {
        Ok(doc) => doc,
        Err(e) => {
            return Scanned {
                reading: Err(e),
                range: start..end,
            }
        }
    };
    let (kind, law_name) = match named {
        Some((kind, _, name)) => (Some(kind), name),
        None => (None, None),
    };
    let mut citation = Citation {
        kind,
        title: law_name.map(Bilingual::new),
        ..Citation::new(doc)
    };
    let unexpected = |w: &Word<'_>, (after, after_vi): (&str, &str)| {
        let problem = format!(
            "unexpected `{}` after {after} in `{}`",
            quote(w.text),
            quote(s)
        );
        let problem_vi = format!("không hiểu `{}` sau {after_vi}", quote(w.text));
        ParseError::invalid(
            WHAT,
            s,
            (problem, problem_vi),
            (
                "`ngày` and a date, `của` and an issuer, or `về` and a title",
                "`ngày` và một ngày, `của` và cơ quan ban hành, hoặc `về` và tên văn bản",
            ),
        )
    };
    let mut k = num_end;
    let mut clause_ended = last.ends_clause();
    let mut prev = *last;
    while !clause_ended {
        let Some(w) = ws.get(k) else { break };
        if mode == Mode::Running && line_break(s, &prev, w) {
            break;
        }
        if w.text == "," || w.text == "–" || w.text == "-" {
            k += 1;
            prev = *w;
            continue;
        }
        if w.is("ngày") {
            match date_at(ws, k + 1) {
                Some((date, after)) if citation.date.is_none() => {
                    match date {
                        Ok(date) => citation.date = Some(date),
                        Err(e) => {
                            let end = ws.get(after - 1).map_or(end, |w| w.start + w.bare().len());
                            return Scanned {
                                reading: Err(e),
                                range: start..end,
                            };
                        }
                    }
                    let last = ws.get(after - 1).copied().unwrap_or(*w);
                    end = last.start + last.bare().len();
                    clause_ended = last.ends_clause();
                    prev = last;
                    k = after;
                    continue;
                }
                _ if mode == Mode::Running => break,
                None => {
                    let err = match ws.get(k + 1) {
                        Some(_) => ParseError::invalid(
                            "date",
                            s,
                            (
                                format!("no date after `ngày` in `{}`", quote(s)),
                                "không có ngày sau chữ `ngày`",
                            ),
                            DATE_FORMS,
                        ),
                        None => ParseError::empty("date", DATE_FORMS),
                    };
                    return Scanned {
                        reading: Err(err),
                        range: start..w.end,
                    };
                }
                Some(_) => {
                    return Scanned {
                        reading: Err(unexpected(w, ("the date", "ngày"))),
                        range: start..w.end,
                    }
                }
            }
        }
        if w.is("của") && citation.issuer.is_none() {
            let (issuer, after, ended) = issuer_at(s, ws, k + 1, mode);
            if issuer.is_empty() {
                if mode == Mode::Running {
                    break;
                }
                return Scanned {
                    reading: Err(unexpected(w, ("the number", "số hiệu"))),
                    range: start..w.end,
                };
            }
            citation.issuer = Some(issuer);
            if let Some(last) = ws.get(after.wrapping_sub(1)) {
                end = last.start + last.bare().len();
                prev = *last;
            }
            clause_ended = ended;
            k = after;
            continue;
        }
        let title_start = if w.is("về") || w.is("v/v") {
            Some(k + 1)
        } else {
            TITLE_VERBS
                .iter()
                .any(|v| spells(ws, k, v).is_some())
                .then_some(k)
        };
        if let (Some(t), None) = (title_start, &citation.title) {
            let (title, after) = title_at(s, ws, t, mode);
            if title.is_empty() {
                break;
            }
            citation.title = Some(Bilingual::new(title));
            if let Some(last) = ws.get(after.wrapping_sub(1)) {
                end = last.start + last.bare().len();
            }
            break;
        }
        if mode == Mode::Running {
            break;
        }
        return Scanned {
            reading: Err(unexpected(w, ("the number", "số hiệu"))),
            range: start..w.end,
        };
    }
    if mode == Mode::Whole {
        if let Some(w) = ws.get(k).filter(|_| clause_ended) {
            return Scanned {
                reading: Err(unexpected(
                    w,
                    ("the end of the citation", "chỗ kết thúc trích dẫn"),
                )),
                range: start..w.end,
            };
        }
    }
    Scanned {
        reading: Ok(citation),
        range: start..end,
    }
}

/// Reads an issuer from word `i`: the words up to `ngày` and a date, `về`,
/// a title verb, the end, or (in running text) a clause's end, a line
/// break, the next citation or a verb that ends it. Returns the issuer, the
/// index after it and whether its clause ended.
fn issuer_at(s: &str, ws: &[Word<'_>], i: usize, mode: Mode) -> (String, usize, bool) {
    let count = |t: &str, c: char| i64::try_from(t.matches(c).count()).unwrap_or(i64::MAX);
    let mut k = i;
    let mut ended = false;
    let mut depth: i64 = 0;
    while let Some(w) = ws.get(k) {
        if k > i {
            let prev = ws.get(k - 1);
            if mode == Mode::Running && prev.is_some_and(|p| line_break(s, p, w)) {
                break;
            }
        }
        if w.is("ngày") && date_at(ws, k + 1).is_some() {
            break;
        }
        if w.is("về") || w.is("v/v") || TITLE_VERBS.iter().any(|v| spells(ws, k, v).is_some()) {
            break;
        }
        if mode == Mode::Running {
            if w.text.starts_with('(') {
                break;
            }
            if k > i && ISSUER_STOPS.iter().any(|v| spells(ws, k, v).is_some()) {
                break;
            }
            let after_comma = k > i && ws.get(k - 1).is_some_and(|p| p.text.ends_with(','));
            if k > i && (after_comma || w.is("và")) {
                let next = if w.is("và") { k + 1 } else { k };
                if citation_starts_at(ws, next) {
                    break;
                }
            }
            if k == i && citation_starts_at(ws, k) {
                break;
            }
        }
        k += 1;
        // `TP.` and `Tp.` are abbreviations inside a name, not a clause's end;
        // the `)` of "(khóa X)" closes what the issuer opened.
        let abbreviation = w.text.ends_with('.') && w.bare().chars().count() <= 2;
        let opened = depth > 0;
        depth += count(w.text, '(') - count(w.text, ')');
        let closes_own = opened && w.text.get(w.bare().len()..) == Some(")");
        if w.ends_clause() && !abbreviation && !closes_own {
            ended = true;
            break;
        }
    }
    let text = join_words(s, ws, i, k);
    (text, k, ended)
}

/// Reads a title from word `i` to the end, or (in running text) to the end
/// of its clause, a line break or a list's next citation.
fn title_at(s: &str, ws: &[Word<'_>], i: usize, mode: Mode) -> (String, usize) {
    let mut k = i;
    while let Some(w) = ws.get(k) {
        if mode == Mode::Running {
            if k > i && ws.get(k - 1).is_some_and(|p| line_break(s, p, w)) {
                break;
            }
            if w.text.starts_with('(') {
                break;
            }
            let after_comma = k > i && ws.get(k - 1).is_some_and(|p| p.text.ends_with([',', ';']));
            let next = if w.is("và") { k + 1 } else { k };
            if k > i && (after_comma || w.is("và")) && citation_starts_at(ws, next) {
                break;
            }
        }
        k += 1;
        if mode == Mode::Running && w.text.ends_with([';', '.']) {
            break;
        }
    }
    (join_words(s, ws, i, k), k)
}

/// The text of words `i..k`, without the punctuation after the last.
fn join_words(s: &str, ws: &[Word<'_>], i: usize, k: usize) -> String {
    match (ws.get(i), k.checked_sub(1).and_then(|l| ws.get(l))) {
        (Some(a), Some(b)) if k > i => {
            let raw = s.get(a.start..b.end).unwrap_or_default();
            let text = raw.trim_end_matches(TRAILING).trim();
            // Keep the `)` that closes a `(` of the text: "(khóa X)".
            let open = text.matches('(').count() > text.matches(')').count();
            if open && raw.get(text.len()..).is_some_and(|t| t.contains(')')) {
                format!("{text})")
            } else {
                text.to_owned()
            }
        }
        _ => String::new(),
    }
}

/// Reads a whole citation text (already NFC): `Citation`'s `FromStr`.
pub(super) fn read_whole(s: &str) -> Result<Citation, ParseError> {
    let ws = words(s);
    if ws.is_empty() {
        return Err(ParseError::empty("document number", A_NUMBER));
    }
    // The number: after `số`, or the first word starting with a digit.
    let i = ws
        .iter()
        .position(|w| w.is("số") || w.text.starts_with(|c: char| c.is_ascii_digit()));
    let Some(i) = i else {
        if ws.iter().any(|w| w.is("ngày")) {
            return Err(ParseError::empty("document number", A_NUMBER));
        }
        return Err(ParseError::invalid(
            WHAT,
            s,
            (
                format!("no document number in `{}`", quote(s)),
                "không có số hiệu văn bản",
            ),
            (
                "a number such as `363/KH-UBND`, perhaps after a name such as `Kế hoạch số`",
                "một số hiệu như `363/KH-UBND`, có thể sau tên như `Kế hoạch số`",
            ),
        ));
    };
    if ws
        .get(..i)
        .is_some_and(|before| before.iter().any(|w| w.is("ngày")))
    {
        return Err(ParseError::empty("document number", A_NUMBER));
    }
    let named = if i == 0 {
        None
    } else {
        match kind_before(&ws, i) {
            Some(named) if named.1 == 0 => Some(named),
            _ => {
                let before = join_words(s, &ws, 0, i);
                if ws.get(i).is_some_and(|w| w.is("ngày")) || before.is_empty() {
                    None
                } else {
                    return Err(ParseError::unknown(
                        "document name",
                        &before,
                        (
                            "a name such as `Kế hoạch`, `Quyết định` or `Công văn`",
                            "một tên như `Kế hoạch`, `Quyết định` hoặc `Công văn`",
                        ),
                    ));
                }
            }
        }
    };
    let scanned = scan(s, &ws, i, named, Mode::Whole);
    scanned.reading
}

/// A citation found in a text by [`find_citations`]: where it stands and
/// what it says, or why it could not be read.
///
/// ```
/// use hoptac::doc::find_citations;
/// let text = "Thực hiện Kế hoạch số 363/KH-UBND ngày 30/5/2023 của UBND tỉnh.";
/// let found = find_citations(text);
/// assert_eq!(&text[found[0].range.clone()], "Kế hoạch số 363/KH-UBND ngày 30/5/2023 của UBND tỉnh");
/// let c = found[0].reading.clone()?;
/// assert_eq!(c.issuer.as_deref(), Some("UBND tỉnh"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundCitation {
    /// Where the citation stands in the text given, in bytes (of that text,
    /// even when it was decomposed: see [`find_citations`]).
    pub range: Range<usize>,
    /// The citation, or, for text that looks like one but does not read
    /// (a number with an unknown code, a date that does not exist), why not.
    pub reading: Result<Citation, ParseError>,
}

/// Finds every citation in `text`: "Nghị quyết số 20-NQ/TW ngày 16/6/2022
/// của Ban Chấp hành Trung ương Đảng khóa XIII về ...", "Kế hoạch số
/// 363/KH-UBND ngày 30/5/2023 của UBND tỉnh", "Quyết định 461/QĐ-TTg",
/// "Số: 538 /UBND-KTTH", in the order they appear.
///
/// A citation starts at the name of the document's kind (or at `số`, or at
/// its number) and runs through its date, issuer (`của ...`) and title
/// (`về ...`, or a title starting with `quy định`, `hướng dẫn`, `phê
/// duyệt`, `ban hành`, `thực hiện` ...), to the end of its clause: a `;`, a `.`, a line
/// break, an opening parenthesis, or the next citation of a list ("...,
/// Nghị quyết số 09/NQ-CP ..."; "... và Chương trình hành động số ...").
/// An issuer also ends at a word that carries the sentence on (`nhằm`,
/// `để`, `theo` ...). A citation inside another's title is found as
/// well, so ranges may nest.
///
/// Text that looks like a citation but does not read (a number such as
/// `50-/CTr-TU`, a date `31/2/2022`) is returned with the reason as its
/// `reading`, never dropped. A number without a type code (`538/UBND-KTTH`)
/// counts only after `số` or a kind's name, so that `5/QL1A` in running
/// text is not taken for a letter.
///
/// The text is put in NFC first; ranges refer to `text` as given. Where a
/// decomposed character sits at the edge of a citation, the range is
/// widened to whole runs of non-ASCII characters, so that it never cuts a
/// character of `text`.
///
/// ```
/// use hoptac::doc::{find_citations, DocKind, DocType};
/// let text = "nhất là Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Ban Chấp hành \
///             Trung ương Đảng khóa XIII, Nghị quyết số 09/NQ-CP ngày 02/2/2023 \
///             của Chính phủ và Chương trình hành động số 50-/CTr-TU ngày 13/4/2023.";
/// let found = find_citations(text);
/// assert_eq!(found.len(), 3);
/// let first = found[0].reading.clone()?;
/// assert_eq!(first.kind, Some(DocKind::from(DocType::Resolution)));
/// assert_eq!(first.issuer.as_deref(), Some("Ban Chấp hành Trung ương Đảng khóa XIII"));
/// assert_eq!(found[1].reading.clone()?.issuer.as_deref(), Some("Chính phủ"));
/// // The typo in the third number is reported, not dropped.
/// let err = found[2].reading.as_ref().unwrap_err();
/// assert_eq!(err.what(), "document number");
/// assert_eq!(&text[found[2].range.clone()], "Chương trình hành động số 50-/CTr-TU");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn find_citations(text: &str) -> Vec<FoundCitation> {
    let map = NfcMap::new(text);
    let s = map.nfc.as_str();
    let ws = words(s);
    let mut found = Vec::new();
    let mut k = 0;
    while k < ws.len() {
        let Some(w) = ws.get(k) else { break };
        let after_so = w.is("số")
            && ws
                .get(k + 1)
                .is_some_and(|n| n.text.starts_with(|c: char| c.is_ascii_digit()));
        let number_here = !after_so
            && (k == 0 || !ws.get(k - 1).is_some_and(|p| p.is("số")))
            && looks_like_number(w.text.trim_start_matches(['(', '“', '"']));
        if !after_so && !number_here {
            k += 1;
            continue;
        }
        let named = kind_before(&ws, k).filter(|n| {
            // The name and the number are in one clause.
            ws.get(n.1..k)
                .is_some_and(|r| r.windows(2).all(|p| !line_break(s, &p[0], &p[1])))
        });
        let num_at = if after_so { k + 1 } else { k };
        let num_end = number_words(&ws, num_at);
        let looks = ws.get(num_at..num_end).is_some_and(|r| {
            let joined: String = r.iter().map(|w| w.bare()).collect();
            looks_like_number(&joined)
        });
        if !looks && named.is_none() {
            k += 1;
            continue;
        }
        let scanned = scan(s, &ws, k, named.clone(), Mode::Running);
        // A number without a type code counts only after `số` or a name.
        let letter_alone = matches!(&scanned.reading, Ok(c) if c.doc.form() == DocForm::OfficialLetter)
            && !after_so
            && named.is_none();
        if !letter_alone {
            found.push(FoundCitation {
                range: map.original(scanned.range.clone()),
                reading: scanned.reading,
            });
        }
        k = num_end.max(k + 1);
    }
    found
}

/// A text in NFC with the way back to the byte offsets of the original.
///
/// The original is cut before every ASCII character (no ASCII character
/// composes with what precedes it, and each blocks the reordering of marks
/// across it), and each piece is normalised alone: the pieces' NFC forms
/// concatenated are the NFC form of the whole.
struct NfcMap {
    nfc: String,
    /// Per piece: start in the NFC text, start in the original, and whether
    /// the piece was already in NFC (offsets inside it then map one to one).
    pieces: Vec<(usize, usize, bool)>,
    original_len: usize,
}

impl NfcMap {
    fn new(text: &str) -> Self {
        if text.is_ascii() || crate::text::nfc(text) == text {
            return NfcMap {
                nfc: text.to_owned(),
                pieces: vec![(0, 0, true)],
                original_len: text.len(),
            };
        }
        let mut nfc = String::with_capacity(text.len());
        let mut pieces = Vec::new();
        let mut start = 0;
        let bytes = text.as_bytes();
        for i in 1..=text.len() {
            let cut = i == text.len() || (bytes.get(i).is_some_and(u8::is_ascii));
            if !cut {
                continue;
            }
            let Some(piece) = text.get(start..i) else {
                continue;
            };
            let composed = crate::text::nfc(piece);
            let same = composed == piece;
            // Unchanged pieces in a row map one to one: one entry serves them.
            if !(same && pieces.last().is_some_and(|p: &(usize, usize, bool)| p.2)) {
                pieces.push((nfc.len(), start, same));
            }
            nfc.push_str(&composed);
            start = i;
        }
        NfcMap {
            nfc,
            pieces,
            original_len: text.len(),
        }
    }

    /// The original offset of NFC offset `at`: exact in unchanged pieces
    /// and at piece boundaries; else the piece's start (or, with `up`, the
    /// next piece's start).
    fn offset(&self, at: usize, up: bool) -> usize {
        let i = self.pieces.partition_point(|p| p.0 <= at).saturating_sub(1);
        let Some(&(nfc_start, orig_start, same)) = self.pieces.get(i) else {
            return at.min(self.original_len);
        };
        if at == nfc_start || same {
            return (orig_start + (at - nfc_start)).min(self.original_len);
        }
        if up {
            self.pieces.get(i + 1).map_or(self.original_len, |p| p.1)
        } else {
            orig_start
        }
    }

    fn original(&self, range: Range<usize>) -> Range<usize> {
        self.offset(range.start, false)..self.offset(range.end, true)
    }
}
