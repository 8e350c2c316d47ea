//! Record boundaries of CSV text (ranh giới bản ghi), found without parsing
//! the fields: where a parallel import may cut the text.
//!
//! # Why a cut here is safe
//!
//! The reader is `csv_core` with `"` as quote, doubled quotes as the escape,
//! no other escape, no comments, and `\n` alone as the terminator (a `\r`
//! before it is trimmed with the field). In its state machine a `\n` ends a
//! record (or is a blank line) in every state but one: inside a quoted
//! field. So a position can be told apart knowing only whether the reader
//! is inside a quoted field there, and that changes only at a `"`:
//!
//! - outside a quoted field, a `"` opens one only at the start of a field:
//!   at the start of the text, or right after a `\n` or a separator (both
//!   outside quotes, since no `"` lies between them and the `"`). Anywhere
//!   else (`ab"c`, or after a closing quote as in `"a"b"`) `csv_core` takes
//!   it as an ordinary byte. Counting the parity of every `"` (exact for
//!   text that follows RFC 4180) is therefore not enough for untrusted
//!   text: one stray quote in an unquoted field would flip it.
//! - inside a quoted field, a `"` followed by another `"` is an escaped
//!   quote (both consumed, still inside); followed by anything else (or by
//!   the end of the text) it closes the field.
//!
//! Between two `"` the state does not change, so one `memchr` pass over the
//! quotes, looking at the byte before and after each, gives the state
//! everywhere; the newlines are searched only in the stretches outside
//! quotes that lie past the wanted cut.
//!
//! A boundary is the position after a `\n` outside quotes that ends a
//! record, that is whose previous byte is not a `\n` too (`csv_core` drops
//! a `\n` at the start of a record as a blank line). At a boundary the
//! reader has just ended a record: it stands exactly where a new reader over
//! the rest of the text starts (first record, first field, nothing
//! buffered), and its position (bytes, lines) is the previous record's end.
//! A part read by its own reader therefore gives the same records as the
//! reader over the whole text, with lines shifted by the newlines before
//! the part. The unit tests check every boundary against `csv`'s own record
//! ends on random text full of quotes, separators, `\r` and `\n`.

/// Where a scan for boundaries stands: the next byte to look at, whether
/// that byte is inside a quoted field, and how far the text is known to hold
/// no quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Scan {
    pos: usize,
    in_quotes: bool,
    /// `bytes[pos..clean]` holds no `"`; `clean >= pos`.
    clean: usize,
}

impl Scan {
    /// A scan from `pos`, a boundary (or the start of the text).
    pub(super) fn at(pos: usize) -> Scan {
        Scan {
            pos,
            in_quotes: false,
            clean: pos,
        }
    }

    /// The next `"` at or after `pos`, or `bytes.len()`.
    fn next_quote(&mut self, bytes: &[u8]) -> usize {
        let from = self.clean.max(self.pos);
        let q = match bytes.get(from..) {
            Some(rest) => memchr::memchr(b'"', rest).map_or(bytes.len(), |i| from + i),
            None => bytes.len(),
        };
        self.clean = q;
        q
    }

    /// The first boundary at or after `target` (and after the scan's
    /// position), scanning `bytes` on; `None` when `bytes` ends first. The
    /// scan remembers where it stopped: call again with more bytes appended
    /// to the same text. `eof`: nothing follows `bytes`.
    pub(super) fn next_boundary(
        &mut self,
        bytes: &[u8],
        separator: u8,
        target: usize,
        eof: bool,
    ) -> Option<usize> {
        loop {
            let q = self.next_quote(bytes);
            if self.in_quotes {
                if q == bytes.len() {
                    self.pos = q;
                    return None;
                }
                match bytes.get(q + 1) {
                    // Whether this quote closes the field or is the first of
                    // two is known only with the next byte.
                    None if !eof => {
                        self.pos = q;
                        return None;
                    }
                    Some(b'"') => self.pos = q + 2,
                    _ => {
                        self.in_quotes = false;
                        self.pos = q + 1;
                    }
                }
                continue;
            }
            // Outside quotes from `pos` up to `q`: every `\n` there ends a
            // record or is a blank line.
            let from = self.pos.max(target.saturating_sub(1));
            if let Some(stretch) = bytes.get(from..q) {
                for i in memchr::memchr_iter(b'\n', stretch) {
                    let p = from + i;
                    let ends_record = p
                        .checked_sub(1)
                        .and_then(|b| bytes.get(b))
                        .is_some_and(|&b| b != b'\n');
                    if ends_record {
                        *self = Scan::at(p + 1);
                        return Some(p + 1);
                    }
                }
            }
            if q == bytes.len() {
                self.pos = q;
                return None;
            }
            let before = q.checked_sub(1).and_then(|b| bytes.get(b)).copied();
            if before.map_or(true, |b| b == b'\n' || b == separator) {
                self.in_quotes = true;
            }
            self.pos = q + 1;
        }
    }

    /// The same scan over the text with its first `at` bytes removed
    /// (`at` at most the scan's position).
    pub(super) fn rebase(&mut self, at: usize) {
        self.pos -= at.min(self.pos);
        self.clean -= at.min(self.clean);
    }
}

/// Every boundary of `bytes` after `from` (a boundary or 0), in order.
#[cfg(test)]
pub(super) fn boundaries(bytes: &[u8], separator: u8, from: usize) -> Vec<usize> {
    let mut scan = Scan::at(from);
    let mut out = Vec::new();
    let mut target = from + 1;
    while let Some(b) = scan.next_boundary(bytes, separator, target, true) {
        out.push(b);
        target = b + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{boundaries, Scan};
    use proptest::prelude::*;

    /// The ends of the records `csv` reads (configured as the importer
    /// configures it) that end with their terminator `\n`. A plain byte is
    /// added at the end so that a record ended only by the end of the text
    /// (such as an unclosed quote ending in `\n`) does not count.
    fn csv_record_ends(bytes: &[u8], separator: u8) -> Vec<usize> {
        let mut text = bytes.to_vec();
        text.push(b'Z');
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator)
            .has_headers(false)
            .flexible(true)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(text.as_slice());
        let mut record = csv::ByteRecord::new();
        let mut out = Vec::new();
        while reader.read_byte_record(&mut record).unwrap_or(false) {
            let end = reader.position().byte() as usize;
            if end > 0 && end <= bytes.len() && bytes.get(end - 1) == Some(&b'\n') {
                out.push(end);
            }
        }
        out
    }

    #[test]
    fn quoted_newlines_and_stray_quotes() {
        let text = b"id,name\n1,\"a\nb\"\n2,ab\"c\n3,\"x\"\"\ny\"\n\n4,\"q\"z\"\n5,e\n";
        let found = boundaries(text, b',', 0);
        assert_eq!(found, csv_record_ends(text, b','));
        // After `2,ab"c` the quote is a plain byte: the next line is a record.
        let after_2 = text
            .windows(7)
            .position(|w| w == b"2,ab\"c\n")
            .map(|p| p + 7);
        assert!(after_2.is_some_and(|p| found.contains(&p)));
        // No cut inside `"a\nb"`.
        assert!(!found.contains(&11));
    }

    #[test]
    fn a_scan_resumes_over_text_that_grows() {
        let text = b"h\n\"a\"\"\nb\"\nc\n\"d\n";
        let whole = boundaries(text, b',', 0);
        // The same text given one byte at a time.
        let mut scan = Scan::at(0);
        let mut found = Vec::new();
        let mut target = 1;
        for n in 1..=text.len() {
            let part = &text[..n];
            while let Some(b) = scan.next_boundary(part, b',', target, n == text.len()) {
                found.push(b);
                target = b + 1;
            }
        }
        assert_eq!(found, whole);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Every boundary is a record end of `csv`, and every record end
        /// of `csv` at a `\n` that is not a blank line is a boundary.
        #[test]
        fn boundaries_are_csv_record_ends(
            bytes in proptest::collection::vec(
                prop_oneof![Just(b'a'), Just(b'"'), Just(b','), Just(b';'), Just(b'\n'), Just(b'\r'), Just(b' ')],
                0..200,
            ),
            semicolon in any::<bool>(),
        ) {
            let separator = if semicolon { b';' } else { b',' };
            prop_assert_eq!(boundaries(&bytes, separator, 0), csv_record_ends(&bytes, separator));
        }

        /// Fed in pieces, the scan finds the same boundaries.
        #[test]
        fn pieces_give_the_same_boundaries(
            bytes in proptest::collection::vec(
                prop_oneof![Just(b'a'), Just(b'"'), Just(b','), Just(b'\n')],
                0..120,
            ),
            step in 1usize..9,
        ) {
            let whole = boundaries(&bytes, b',', 0);
            let mut scan = Scan::at(0);
            let mut found = Vec::new();
            let mut target = 1;
            let mut n = 0;
            while n < bytes.len() {
                n = (n + step).min(bytes.len());
                let part = &bytes[..n];
                while let Some(b) = scan.next_boundary(part, b',', target, n == bytes.len()) {
                    found.push(b);
                    target = b + 1;
                }
            }
            prop_assert_eq!(found, whole);
        }
    }
}
