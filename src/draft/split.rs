//! The text cut into lines, headings, sentences and table rows, each with
//! its byte range.

use std::ops::Range;

/// A line of the text, without its line break, trimmed.
#[derive(Debug, Clone)]
pub(super) struct Line<'a> {
    pub range: Range<usize>,
    pub text: &'a str,
}

/// A heading's label: `II.` (Roman, depth 0), `2.` (depth 1), `2.1.` (depth 2) ...
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Label {
    pub depth: usize,
    /// The label without its final dot: `II`, `2`, `2.1`.
    pub text: String,
    /// Bytes of the line after the label and its spaces.
    pub rest: usize,
}

pub(super) struct Document<'a> {
    pub text: &'a str,
    pub lines: Vec<Line<'a>>,
}

const ROMAN: &[&str] = &[
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
];

/// Whether `s` is a Roman numeral of a section (I to XV).
pub(super) fn is_roman(s: &str) -> bool {
    ROMAN.contains(&s)
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str) -> Document<'a> {
        let mut lines = Vec::new();
        let mut start = 0;
        for piece in text.split_inclusive('\n') {
            let end = start + piece.len();
            let body = piece.trim_end_matches(['\n', '\r']);
            let lead = body.len() - body.trim_start().len();
            let trimmed = body.trim();
            if !trimmed.is_empty() {
                let from = start + lead;
                lines.push(Line {
                    range: from..from + trimmed.len(),
                    text: trimmed,
                });
            }
            start = end;
        }
        Document { text, lines }
    }
}

/// The label that starts a line: `II. MỤC TIÊU`, `2. Mục tiêu cụ thể`,
/// `2.1. Đến năm 2030`, `a) …`.
pub(super) fn label(line: &str) -> Option<Label> {
    let end = line.find([' ', '\t'])?;
    let head = line.get(..end)?;
    let rest = end + (line.len() - end - line.get(end..)?.trim_start().len());
    let bare = head.trim_end_matches(['.', ')']);
    if bare.is_empty() || bare.len() == head.len() && !head.ends_with('.') {
        // `2.1` without a final dot is still a label when followed by a word.
        if !(bare.contains('.')
            && bare
                .split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())))
        {
            return None;
        }
    }
    if is_roman(bare) && head.ends_with('.') {
        return Some(Label {
            depth: 0,
            text: bare.to_owned(),
            rest,
        });
    }
    let parts: Vec<&str> = bare.split('.').collect();
    if parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some(Label {
            depth: parts.len(),
            text: bare.to_owned(),
            rest,
        });
    }
    None
}

/// Whether a line reads as a heading: a label and a short text, or a short
/// line in capitals.
pub(super) fn is_heading(line: &str) -> bool {
    let short = line.chars().count() <= 120 && !line.contains('\t');
    if !short {
        return false;
    }
    if let Some(l) = label(line) {
        let rest = line.get(l.rest..).unwrap_or_default();
        return !rest.trim_end().ends_with(['.', ';', ':']) || rest.split_whitespace().count() <= 8;
    }
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 4 && letters.iter().all(|c| !c.is_lowercase())
}

/// A sentence or clause with its byte range in the whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Piece<'a> {
    pub range: Range<usize>,
    pub text: &'a str,
}

impl<'a> Piece<'a> {
    pub fn new(range: Range<usize>, text: &'a str) -> Option<Piece<'a>> {
        let t = text.trim();
        let t = t.trim_end_matches([',', ';', '.', ':']).trim_end();
        let t = t
            .trim_start_matches(['-', '–', '+', '•', '*', ',', ';', ':'])
            .trim_start();
        if t.is_empty() {
            return None;
        }
        let from = range.start + offset(text, t);
        Some(Piece {
            range: from..from + t.len(),
            text: t,
        })
    }
}

/// Where `part`, a slice of `whole`, starts in it.
pub(super) fn offset(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// The sentences of a paragraph: cut at `.`, `!` or `?` followed by a space
/// and a capital letter (not inside a number `1.200` or an abbreviation).
pub(super) fn sentences<'a>(line: &Line<'a>) -> Vec<Piece<'a>> {
    let text = line.text;
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes.get(i).copied().unwrap_or_default();
        // An ellipsis `…` ends a sentence as a full stop does when a
        // capital follows ("… ở các xã xây dựng nông thôn mới… TP giao …").
        let ellipsis = text.get(i..).is_some_and(|r| r.starts_with('…'));
        if matches!(b, b'.' | b'!' | b'?') || ellipsis {
            let width = if ellipsis { '…'.len_utf8() } else { 1 };
            let i_end = i + width - 1;
            let next_space = bytes.get(i_end + 1) == Some(&b' ');
            let after = text.get(i_end + 1..).unwrap_or_default().trim_start();
            let capital = after.chars().next().is_some_and(char::is_uppercase);
            let before_dots = text.get(..i).unwrap_or_default().ends_with('.');
            // `1. Tiếp tục …`, `II. MỤC TIÊU`: a list label, not a sentence.
            let head = text.get(start..i).unwrap_or_default().trim();
            let is_label = !head.is_empty()
                && (head.bytes().all(|b| b.is_ascii_digit() || b == b'.') || is_roman(head));
            if next_space && capital && !before_dots && !is_label {
                if let Some(p) = Piece::new(
                    line.range.start + start..line.range.start + i_end + 1,
                    text.get(start..i_end + 1).unwrap_or_default(),
                ) {
                    out.push(p);
                }
                start = i_end + 1;
            }
            i = i_end;
        }
        i += 1;
    }
    if let Some(p) = Piece::new(
        line.range.start + start..line.range.end,
        text.get(start..).unwrap_or_default(),
    ) {
        out.push(p);
    }
    out
}

/// Cuts `piece` at `sep` outside parentheses, keeping byte ranges.
pub(super) fn cut<'a>(piece: &Piece<'a>, sep: char) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in piece.text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if c == sep && depth == 0 => {
                if let Some(p) = Piece::new(
                    piece.range.start + start..piece.range.start + i,
                    piece.text.get(start..i).unwrap_or_default(),
                ) {
                    out.push(p);
                }
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    if let Some(p) = Piece::new(
        piece.range.start + start..piece.range.end,
        piece.text.get(start..).unwrap_or_default(),
    ) {
        out.push(p);
    }
    out
}

/// The text folded for matching: lowercase, without tone marks, `đ` as `d`.
pub(super) fn folded(s: &str) -> String {
    crate::text::fold(s)
}
