//! The fast path of the parallel import's reader (đọc nhanh): a line
//! without quotes is split at its separators with `memchr`, in place,
//! instead of through `csv_core`'s state machine and a copy of its bytes.
//!
//! # Why this gives what `csv` gives
//!
//! The importer's `csv` reader uses `"` as quote, doubled quotes as escape,
//! no comments, and `\n` alone as terminator (see [`super::split`]). Outside
//! quotes, its only special bytes are the separator and `\n`: a record that
//! starts at a record boundary and holds no `"` before its `\n` is exactly
//! the bytes between separators, its last field ending before the `\n`
//! (any `\r` kept in it, as `csv` keeps it). A `\n` at the start of a
//! record is a blank line that `csv` skips.
//!
//! Only what is certain is taken here; every other record goes to `csv`
//! itself, which then gives the record or the error the serial reader
//! gives ([`line`] says which):
//!
//! - a line with a `"` anywhere (a quoted field, or a stray quote);
//! - a line not in NFC by the quick check (normalised by the usual path);
//! - a line past the part's valid UTF-8 (its errors name the column);
//! - a record without its `\n` (the end of the input);
//! - a record near a limit: one whose field bytes pass
//!   [`CsvOptions::max_record_bytes`](super::CsvOptions::max_record_bytes),
//!   or that ends past the room the reader is given after the previous
//!   record (`Limited`, in `read`), or with a field longer than
//!   [`CsvOptions::max_field_bytes`](super::CsvOptions::max_field_bytes).

/// Why [`line`] did not split a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slow {
    /// The line must be read by `csv`.
    Csv,
}

/// What a part's reader needs to know to take a line.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rules {
    /// The separator.
    pub(super) separator: u8,
    /// The largest record, in field bytes.
    pub(super) max_record: usize,
    /// The largest field.
    pub(super) max_field: usize,
    /// How far past the previous record's end the reader may read.
    pub(super) allowance: u64,
}

/// Splits the record that starts at `start` of `bytes` (not a `\n`), whose
/// previous record ended at `prev_end`, if it can be taken here: the
/// fields' ranges go to `spans` and the position of its `\n` is returned.
/// `valid`: how many first bytes of `bytes` are known to be UTF-8.
#[inline]
pub(super) fn line(
    bytes: &[u8],
    start: usize,
    prev_end: usize,
    valid: usize,
    rules: Rules,
    spans: &mut Vec<(usize, usize)>,
) -> Result<usize, Slow> {
    let rest = bytes.get(start..).ok_or(Slow::Csv)?;
    let newline = start + memchr::memchr(b'\n', rest).ok_or(Slow::Csv)?;
    let end = (newline as u64).saturating_add(1);
    if newline > valid || end > (prev_end as u64).saturating_add(rules.allowance) {
        return Err(Slow::Csv);
    }
    let text = bytes.get(start..newline).ok_or(Slow::Csv)?;
    if memchr::memchr(b'"', text).is_some() || !crate::text::is_quick_nfc_bytes(text) {
        return Err(Slow::Csv);
    }
    spans.clear();
    let mut from = start;
    for_each_byte(text, rules.separator, |i| {
        spans.push((from, start + i));
        from = start + i + 1;
    });
    spans.push((from, newline));
    // The record's own bytes, as `csv` counts them: its fields, without
    // the separators.
    let field_bytes = text.len() - (spans.len() - 1);
    if field_bytes > rules.max_record
        || (field_bytes > rules.max_field && spans.iter().any(|(a, b)| b - a > rules.max_field))
    {
        return Err(Slow::Csv);
    }
    Ok(newline)
}

/// Calls `f` with the position of every `byte` in `text`, in order.
///
/// Eight bytes at a time (SWAR): fields are short (about ten bytes in a
/// registry), where a `memchr` call per field costs more in setting up
/// than it saves. A byte of `x ^ pattern` is zero exactly where `x` holds
/// `byte`; `((y & 0x7f..) + 0x7f..) | y` has the high bit of each byte set
/// exactly where that byte of `y` is not zero (no carry crosses a byte).
#[inline]
fn for_each_byte(text: &[u8], byte: u8, mut f: impl FnMut(usize)) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let pattern = u64::from_le_bytes([byte; 8]);
    let mut words = text.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let y = u64::from_le_bytes(w) ^ pattern;
        let mut found = !(((y & LOW7).wrapping_add(LOW7)) | y) & !LOW7;
        while found != 0 {
            f(at + (found.trailing_zeros() / 8) as usize);
            found &= found - 1;
        }
        at += 8;
    }
    for (i, &b) in words.remainder().iter().enumerate() {
        if b == byte {
            f(at + i);
        }
    }
}

/// Whether the line at `start` would be taken by [`line`] on its text
/// alone (no quote, quick NFC): after a record read by `csv`, whether the
/// fast path may take over again.
pub(super) fn plain_line(bytes: &[u8], start: usize) -> bool {
    let Some(rest) = bytes.get(start..) else {
        return false;
    };
    let Some(n) = memchr::memchr(b'\n', rest) else {
        return false;
    };
    let text = rest.get(..n).unwrap_or_default();
    memchr::memchr(b'"', text).is_none() && crate::text::is_quick_nfc_bytes(text)
}

#[cfg(test)]
mod tests {
    use super::{line, plain_line, Rules, Slow};

    const RULES: Rules = Rules {
        separator: b',',
        max_record: 1 << 20,
        max_field: 1 << 16,
        allowance: (1 << 20) + 8,
    };

    fn split(text: &[u8], rules: Rules) -> Result<Vec<&[u8]>, Slow> {
        let mut spans = Vec::new();
        let nl = line(text, 0, 0, text.len(), rules, &mut spans)?;
        assert_eq!(text.get(nl), Some(&b'\n'));
        Ok(spans
            .iter()
            .map(|&(a, b)| text.get(a..b).unwrap_or_default())
            .collect())
    }

    /// The fields `csv` reads from `text`, configured as the importer.
    fn csv_fields(text: &[u8]) -> Vec<Vec<u8>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(text);
        let mut record = csv::ByteRecord::new();
        assert!(reader.read_byte_record(&mut record).unwrap_or(false));
        record.iter().map(<[u8]>::to_vec).collect()
    }

    #[test]
    fn plain_lines_split_as_csv_splits_them() {
        for text in [
            &b"a,b,c\n"[..],
            b",,\n",
            b"x\r\n",
            b" a , b \r\n",
            "Nghệ An,Hưng Lợi\n".as_bytes(),
            b"a,b\nc,d\n",
        ] {
            let got = split(text, RULES);
            let got: Vec<Vec<u8>> = got.unwrap_or_default().iter().map(|f| f.to_vec()).collect();
            assert_eq!(got, csv_fields(text), "{:?}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn quotes_nfd_invalid_text_missing_newline_and_limits_go_to_csv() {
        let slow = Err(Slow::Csv);
        assert_eq!(split(b"a,\"b\"\n", RULES), slow);
        assert_eq!(split(b"a,b\"c\n", RULES), slow);
        assert_eq!(split("Hu\u{31b}ng\n".as_bytes(), RULES), slow);
        assert_eq!(split(b"a,b", RULES), slow);
        let mut spans = Vec::new();
        // Past the valid UTF-8.
        assert_eq!(
            line(b"a,\xff\n", 0, 0, 2, RULES, &mut spans),
            Err(Slow::Csv)
        );
        // Five field bytes against a limit of four.
        let tight = Rules {
            max_record: 4,
            max_field: 3,
            allowance: 12,
            ..RULES
        };
        assert_eq!(split(b"ab,cde\n", tight), slow);
        assert_eq!(split(b"ab,cd\n", tight).map(|f| f.len()), Ok(2));
        // A field of four bytes against a limit of three.
        assert_eq!(split(b"abcd\n", tight), slow);
        // The room after the previous record: 12 bytes from 0.
        assert_eq!(
            line(b"\n\n\n\n\n\n\n\nab,c\n", 8, 0, 13, tight, &mut spans),
            Err(Slow::Csv)
        );
        assert_eq!(
            line(b"\n\n\n\n\n\n\nab,c\n", 7, 0, 12, tight, &mut spans),
            Ok(11)
        );
    }

    #[test]
    fn every_separator_is_found_in_words_and_tails() {
        for len in 0..40usize {
            for sep in [b',', b';', b'\t', 0x80, 0xff, 0] {
                let text: Vec<u8> = (0..len)
                    .map(|i| match (i * 7 + len) % 5 {
                        0 => sep,
                        1 => sep ^ 1,
                        2 => sep.wrapping_add(0x80),
                        3 => 0x7f,
                        _ => b'a',
                    })
                    .collect();
                let mut got = Vec::new();
                super::for_each_byte(&text, sep, |i| got.push(i));
                let want: Vec<usize> = memchr::memchr_iter(sep, &text).collect();
                assert_eq!(got, want, "{text:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn every_byte_is_found_as_memchr_finds_it(
            text in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64),
            byte in proptest::prelude::any::<u8>(),
        ) {
            let mut got = Vec::new();
            super::for_each_byte(&text, byte, |i| got.push(i));
            let want: Vec<usize> = memchr::memchr_iter(byte, &text).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn plain_line_looks_at_one_line() {
        assert!(plain_line(b"a,b\n\"c\"\n", 0));
        assert!(!plain_line(b"a,b\n\"c\"\n", 4));
        assert!(!plain_line(b"a,b", 0));
    }
}
