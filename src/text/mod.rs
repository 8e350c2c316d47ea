//! Text as the plans and registries write it: Unicode normalisation, folding
//! for comparison, excerpts for error messages and a small tokenizer.
//!
//! Vietnamese text copied from PDFs, or read from Windows-1258 files, often
//! arrives decomposed: `ế` as `e` + U+0302 + U+0301, or as `ê` + U+0301.
//! It looks the same but compares differently, so every parser of this crate
//! puts its input in composed form ([`nfc`]) before it reads a word.
//!
//! ```
//! use hoptac::text;
//! let pdf = text::nfd("trên 60%"); // what a PDF gives
//! assert_ne!(pdf, "trên 60%");
//! assert_eq!(text::nfc(&pdf), "trên 60%");
//! assert_eq!(text::fold(" Kế  HOẠCH "), "ke hoach");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The tables are generated from Unicode 14.0 by
//! `scripts/gen_unicode_tables.py`.

use std::borrow::Cow;
use std::ops::Range;

mod tables;

pub use crate::lang::{format_decimal, parse_vi_number};

use tables::{COMBINING_CLASS, COMPOSITION, DECOMPOSITION, NOT_QUICK_NFC};

// Hangul syllables are composed and decomposed by arithmetic (Unicode §3.12).
const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;

/// The version of Unicode whose normalisation [`nfc`] and [`nfd`] follow.
///
/// ```
/// assert_eq!(hoptac::text::UNICODE_VERSION, "14.0.0");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const UNICODE_VERSION: &str = tables::UNICODE_VERSION;

/// The first character that any table below knows about.
const FIRST_MARK: char = '\u{300}';

/// Where the range `first..=last` of a sorted table stands against `c`, for
/// binary searches.
fn range_order(first: char, last: char, c: char) -> std::cmp::Ordering {
    if last < c {
        std::cmp::Ordering::Less
    } else if first > c {
        std::cmp::Ordering::Greater
    } else {
        std::cmp::Ordering::Equal
    }
}

/// The canonical combining class of `c` (0 for starters).
fn combining_class(c: char) -> u8 {
    if c < FIRST_MARK {
        return 0;
    }
    COMBINING_CLASS
        .binary_search_by(|&(first, last, _)| range_order(first, last, c))
        .ok()
        .and_then(|i| COMBINING_CLASS.get(i))
        .map_or(0, |&(_, _, class)| class)
}

/// Whether `c` can never change text that is otherwise in NFC.
fn is_quick_nfc(c: char) -> bool {
    c < FIRST_MARK
        // Latin Extended Additional (U+1E00..=U+1EFF), where composed
        // Vietnamese letters with tone marks live ("ế", "ự"): all quick
        // NFC (the table has no entry there), checked without a search.
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
        || NOT_QUICK_NFC
            .binary_search_by(|&(first, last)| range_order(first, last, c))
            .is_err()
}

/// Pushes the full canonical decomposition of `c` onto `out`.
fn decompose_into(c: char, out: &mut Vec<char>) {
    if c < '\u{C0}' {
        out.push(c);
        return;
    }
    let s = u32::from(c).wrapping_sub(S_BASE);
    if s < S_COUNT {
        let parts = [
            L_BASE + s / N_COUNT,
            V_BASE + (s % N_COUNT) / T_COUNT,
            T_BASE + s % T_COUNT,
        ];
        for (i, part) in parts.into_iter().enumerate() {
            if i < 2 || part != T_BASE {
                out.extend(char::from_u32(part));
            }
        }
        return;
    }
    match DECOMPOSITION.binary_search_by_key(&c, |&(k, _)| k) {
        Ok(i) => {
            for &part in DECOMPOSITION.get(i).map_or(&[][..], |&(_, parts)| parts) {
                decompose_into(part, out);
            }
        }
        Err(_) => out.push(c),
    }
}

/// Sorts every run of non-starters by combining class, keeping the order of
/// equal classes (the canonical ordering algorithm).
fn canonical_order(chars: &mut [char]) {
    let mut i = 0;
    while i < chars.len() {
        let run = chars
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&c| combining_class(c) != 0)
            .count();
        if run > 1 {
            if let Some(slice) = chars.get_mut(i..i + run) {
                slice.sort_by_key(|&c| combining_class(c));
            }
        }
        i += run.max(1);
    }
}

/// The canonical decomposition of `s`, canonically ordered.
fn decompose(s: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        decompose_into(c, &mut out);
    }
    canonical_order(&mut out);
    out
}

/// The primary composite of `first` and `second`, if there is one.
fn compose_pair(first: char, second: char) -> Option<char> {
    let (a, b) = (u32::from(first), u32::from(second));
    if (L_BASE..L_BASE + L_COUNT).contains(&a) && (V_BASE..V_BASE + V_COUNT).contains(&b) {
        return char::from_u32(S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT);
    }
    let s = a.wrapping_sub(S_BASE);
    if s < S_COUNT && s % T_COUNT == 0 && (T_BASE + 1..T_BASE + T_COUNT).contains(&b) {
        return char::from_u32(a + (b - T_BASE));
    }
    COMPOSITION
        .binary_search_by_key(&(first, second), |&(pair, _)| pair)
        .ok()
        .and_then(|i| COMPOSITION.get(i))
        .map(|&(_, composite)| composite)
}

/// Canonical composition of canonically ordered, decomposed characters.
fn compose(chars: &[char]) -> String {
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    // The index in `out` of the last starter, and the class of the last
    // character after it that did not compose (None: nothing in between).
    let mut starter: Option<usize> = None;
    let mut last_class: Option<u8> = None;
    for &c in chars {
        let class = combining_class(c);
        if let Some(slot) = starter.and_then(|i| out.get_mut(i)) {
            let blocked = last_class.is_some_and(|last| last >= class);
            if !blocked {
                if let Some(composite) = compose_pair(*slot, c) {
                    *slot = composite;
                    continue;
                }
            }
        }
        if class == 0 {
            starter = Some(out.len());
            last_class = None;
        } else {
            last_class = Some(class);
        }
        out.push(c);
    }
    out.into_iter().collect()
}

/// `s` in Unicode Normalization Form C (canonical composition): the form in
/// which the crate compares text.
///
/// Text that is already in NFC (all ASCII text, and composed Vietnamese) is
/// returned as it is, borrowed, after one quick scan.
///
/// ```
/// use std::borrow::Cow;
/// use hoptac::text::nfc;
/// // `ê` + U+0301, as Windows-1258 writes `ế`
/// assert_eq!(nfc("K\u{ea}\u{301} hoa\u{323}ch"), "Kế hoạch");
/// assert!(matches!(nfc("Kế hoạch"), Cow::Borrowed(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn nfc(s: &str) -> Cow<'_, str> {
    if is_quick_nfc_str(s) {
        return Cow::Borrowed(s);
    }
    let composed = compose(&decompose(s));
    if composed == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(composed)
    }
}

/// A conservative byte-level [`is_quick_nfc_str`] for UTF-8 input: `true`
/// when every character is below U+0300 or in U+1E00..=U+1EFF (where
/// composed Vietnamese lives), which are all quick NFC; `false` means "look
/// closer". No decoding, so a registry row of Vietnamese names costs one
/// scan over its bytes.
///
/// Only lead bytes from `0xCC` up start characters outside those ranges,
/// so the scan looks for them (a loop the compiler vectorises) and stops at
/// each only to step over `E1 B8..=BB xx`. The answer is meaningful for
/// valid UTF-8 only: callers validate UTF-8 themselves.
#[cfg_attr(not(feature = "csv"), allow(dead_code))]
pub(crate) fn is_quick_nfc_bytes(bytes: &[u8]) -> bool {
    /// Whether a lead byte `b`, followed by `next`, may start a character
    /// outside the quick ranges: any lead from 0xCC up but `E1`, and `E1`
    /// not followed by `B8..=BB`.
    #[inline(always)]
    fn suspect(b: u8, next: u8) -> bool {
        (b >= 0xCC && b != 0xE1) | (b == 0xE1 && !(0xB8..=0xBB).contains(&next))
    }
    const CHUNK: usize = 16;
    let mut i = 0;
    // Sixteen bytes at a time, each looked at with the byte after it, with
    // no branch inside: the compiler turns it into vector instructions.
    while let Some(window) = bytes.get(i..i + CHUNK + 1) {
        let mut bad = false;
        for j in 0..CHUNK {
            bad |= suspect(window[j], window[j + 1]);
        }
        if bad {
            return false;
        }
        i += CHUNK;
    }
    let tail = bytes.get(i..).unwrap_or_default();
    let mut bad = false;
    for (j, &b) in tail.iter().enumerate() {
        bad |= suspect(b, tail.get(j + 1).copied().unwrap_or(0));
    }
    !bad
}

pub(crate) fn is_quick_nfc_str(s: &str) -> bool {
    s.is_ascii() || s.chars().all(is_quick_nfc)
}

/// How many times longer, in bytes, canonical decomposition can make a text.
const MAX_NFD_GROWTH: usize = 3;

/// `s` in NFC when that has at most `max` bytes, else the length that is
/// too long: the input's own when it is longer than any decomposed form of
/// a text of `max` bytes (so a huge input is refused without normalising
/// it), the NFC form's otherwise. A parser that limits its input calls this
/// first, so that a decomposed input reads exactly as its composed form.
pub(crate) fn nfc_within(s: &str, max: usize) -> Result<Cow<'_, str>, usize> {
    if s.len() > max.saturating_mul(MAX_NFD_GROWTH) {
        return Err(s.len());
    }
    let composed = nfc(s);
    if composed.len() > max {
        Err(composed.len())
    } else {
        Ok(composed)
    }
}

/// `s` in NFC and lowercase (for comparisons that keep the tones).
pub(crate) fn lowercase_nfc(s: &str) -> String {
    let lower = nfc(s).to_lowercase();
    match nfc(&lower) {
        Cow::Borrowed(_) => lower,
        Cow::Owned(composed) => composed,
    }
}

/// `s` in Unicode Normalization Form D (canonical decomposition, marks in
/// canonical order): how some PDFs and Windows-1258 files give text.
///
/// ```
/// use hoptac::text::{nfc, nfd};
/// assert_eq!(nfd("ự"), "u\u{31b}\u{323}");
/// assert_eq!(nfc(&nfd("Kế hoạch")), "Kế hoạch");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn nfd(s: &str) -> String {
    if s.is_ascii() {
        return s.to_owned();
    }
    decompose(s).into_iter().collect()
}

/// `s` made for matching words whatever their tones, marks, case and spacing:
/// NFC, without diacritics (`đ` read as `d`), lowercase, runs of whitespace
/// as one space, trimmed.
///
/// ```
/// use hoptac::text::{fold, nfd};
/// assert_eq!(fold("  Kế   hoạch "), "ke hoach");
/// assert_eq!(fold("Đầu tư"), "dau tu");
/// assert_eq!(fold(&nfd("THƯỜNG XUYÊN")), "thuong xuyen");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let mut fold_char = |c: char| {
        if c.is_whitespace() {
            space = !out.is_empty();
            return;
        }
        for lower in c.to_lowercase() {
            if combining_class(lower) != 0 {
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            out.push(if lower == 'đ' { 'd' } else { lower });
        }
    };
    if s.is_ascii() {
        s.chars().for_each(&mut fold_char);
        return out;
    }
    decompose(s).into_iter().for_each(&mut fold_char);
    match nfc(&out) {
        Cow::Borrowed(_) => out,
        Cow::Owned(composed) => composed,
    }
}

/// `s` cut after at most `max_chars` characters, with `…` appended when
/// something was cut: how error messages quote what they were given.
///
/// ```
/// use hoptac::text::excerpt;
/// assert_eq!(excerpt("363/KH-UBND", 80), "363/KH-UBND");
/// assert_eq!(excerpt("Kế hoạch", 2), "Kế…");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn excerpt(s: &str, max_chars: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max_chars) {
        None => Cow::Borrowed(s),
        Some((end, _)) => {
            let mut out = String::with_capacity(end + '…'.len_utf8());
            out.push_str(s.get(..end).unwrap_or_default());
            out.push('…');
            Cow::Owned(out)
        }
    }
}

/// What a [`Token`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKind {
    /// Letters, with their marks and any digits after the first letter
    /// (`Kế`, `QH15`).
    Word,
    /// ASCII digits, with `.` or `,` between digits kept inside
    /// (`1.200`, `2,8`, `60`).
    Number,
    /// Any other character that is not whitespace, one at a time
    /// (`%`, `/`, `-`).
    Punct,
}

/// A word, a number or a punctuation character of a text, with where it
/// stands; see [`tokens`].
///
/// ```
/// use hoptac::text::{tokens, TokenKind};
/// let t = tokens("trên 60%").nth(1).ok_or("no token")?;
/// assert_eq!((t.kind(), t.as_str(), t.range()), (TokenKind::Number, "60", 6..8));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token<'a> {
    kind: TokenKind,
    text: &'a str,
    start: usize,
}

impl<'a> Token<'a> {
    /// What the token is.
    ///
    /// ```
    /// use hoptac::text::{tokens, TokenKind};
    /// assert_eq!(tokens("%").next().map(|t| t.kind()), Some(TokenKind::Punct));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn kind(&self) -> TokenKind {
        self.kind
    }

    /// The token's text.
    ///
    /// ```
    /// use hoptac::text::tokens;
    /// assert_eq!(tokens(" 2,8 ").next().map(|t| t.as_str()), Some("2,8"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_str(&self) -> &'a str {
        self.text
    }

    /// Where the token stands in the text, in bytes.
    ///
    /// ```
    /// use hoptac::text::tokens;
    /// let text = "số 363";
    /// let number = tokens(text).nth(1).ok_or("no token")?;
    /// assert_eq!(text.get(number.range()), Some("363"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn range(&self) -> Range<usize> {
        self.start..self.start + self.text.len()
    }
}

/// Whether `c` belongs inside a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || combining_class(c) != 0
}

/// The words, numbers and punctuation characters of `s`, in order;
/// whitespace separates tokens and is not one.
///
/// Tokens are read as `s` is written: normalise it with [`nfc`] first when
/// it may be decomposed.
///
/// ```
/// use hoptac::text::{tokens, TokenKind};
/// let found: Vec<_> = tokens("khoảng 1.200 HTX, 2,8%").map(|t| (t.kind(), t.as_str())).collect();
/// assert_eq!(found, [
///     (TokenKind::Word, "khoảng"),
///     (TokenKind::Number, "1.200"),
///     (TokenKind::Word, "HTX"),
///     (TokenKind::Punct, ","),
///     (TokenKind::Number, "2,8"),
///     (TokenKind::Punct, "%"),
/// ]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn tokens(s: &str) -> impl Iterator<Item = Token<'_>> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = s.get(pos..)?;
        let skipped = rest.len() - rest.trim_start().len();
        let start = pos + skipped;
        let rest = s.get(start..)?;
        let mut chars = rest.char_indices().peekable();
        let (_, first) = chars.next()?;
        let (kind, len) = if first.is_ascii_digit() {
            let mut end = first.len_utf8();
            while let Some(&(i, c)) = chars.peek() {
                let digit_follows = || {
                    rest.get(i + c.len_utf8()..)
                        .and_then(|r| r.chars().next())
                        .is_some_and(|n| n.is_ascii_digit())
                };
                if c.is_ascii_digit() || ((c == '.' || c == ',') && digit_follows()) {
                    end = i + c.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            (TokenKind::Number, end)
        } else if is_word_char(first) {
            let end = chars
                .find(|&(_, c)| !is_word_char(c))
                .map_or(rest.len(), |(i, _)| i);
            (TokenKind::Word, end)
        } else {
            (TokenKind::Punct, first.len_utf8())
        };
        pos = start + len;
        Some(Token {
            kind,
            text: rest.get(..len)?,
            start,
        })
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod quick_bytes_tests {
    use proptest::prelude::*;

    #[test]
    fn vietnamese_and_latin_are_quick() {
        for s in ["Hợp tác xã Đồng Tiến", "Nghệ An", "ấ ự ỷ đ Đ à", "plain"] {
            assert!(super::is_quick_nfc_bytes(s.as_bytes()), "{s}");
        }
        for s in ["a\u{0301}", "\u{2126}", "한"] {
            assert!(!super::is_quick_nfc_bytes(s.as_bytes()), "{s}");
        }
        assert!(!super::is_quick_nfc_bytes(&[0xFF, 0x41]));
        assert!(!super::is_quick_nfc_bytes("ấ\u{0301}".as_bytes()));
        assert!(!super::is_quick_nfc_bytes("\u{1F00}".as_bytes())); // E1 BC: Greek extended
    }

    proptest! {
        #[test]
        fn quick_bytes_never_pass_text_that_nfc_changes(s in any::<String>()) {
            if super::is_quick_nfc_bytes(s.as_bytes()) {
                let composed = super::nfc(&s);
                prop_assert_eq!(composed.as_ref(), s.as_str());
            }
        }
    }
}
