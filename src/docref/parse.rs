//! Reading document numbers: `363/KH-UBND`, `538/UBND-KTTH`, `45/2021/NĐ-CP`, `20-NQ/TW`.

use super::doc_type::{lookup_code, lookup_party_code, ExpectedCodes, PARTY_UNREAD_CODES};
use super::{DocRef, Shape};
use crate::docref::DocType;
use crate::parse_error::{quote, ParseError, Said};

/// Longest document number accepted, in bytes (before trimming).
pub(super) const MAX_REF_LEN: usize = 256;
/// What follows an issuer at most, in the messages.
const AT_MOST_A_UNIT: (&str, &str) = (
    "at most a drafting unit after the issuer",
    "sau cơ quan ban hành nhiều nhất một đơn vị soạn thảo",
);
/// Most digits in the number part.
const MAX_NUMBER_DIGITS: usize = 10;
/// Earliest year a document number may carry.
const MIN_YEAR: u16 = 1945;
/// Latest year a document number may carry.
const MAX_YEAR: u16 = 2100;

/// What the errors of a [`DocRef`] call it.
pub(super) const WHAT: &str = "document number";

/// ``{problem} in `{input}`: expected {expected}``; `problem` and
/// `expected` are `(english, vietnamese)`.
fn invalid_in(
    input: &str,
    (problem, vi): (String, String),
    expected: impl Into<Said>,
) -> ParseError {
    let problem = format!("{problem} in `{}`", quote(input));
    ParseError::invalid(WHAT, input, (problem, vi), expected)
}

/// The text does not have the shape of a document number; `expected` is
/// `(english, vietnamese)`.
pub(super) fn malformed(input: &str, expected: (&'static str, &'static str)) -> ParseError {
    let problem = format!("invalid document number `{}`", quote(input));
    let problem = (problem, "không đúng dạng số hiệu văn bản");
    ParseError::invalid(WHAT, input, problem, expected)
}

/// What a document type code should have been, `and` more.
fn one_of_codes(and: &str) -> (String, String) {
    (
        format!("one of {ExpectedCodes}{and}"),
        format!(
            "một trong {ExpectedCodes}{}",
            and.replace(", or ", " hoặc ")
        ),
    )
}

/// The issuer of a number without type code is itself a type code, so the
/// number would read differently.
pub(super) fn issuer_is_type_code(input: &str, issuer: &str) -> ParseError {
    let problem = format!(
        "issuer `{}` of `{}` is a document type code",
        quote(issuer),
        quote(input)
    );
    let problem_vi = format!(
        "cơ quan ban hành `{}` là một mã loại văn bản",
        quote(issuer)
    );
    let expected = (
        "an issuer such as `UBND`",
        "một cơ quan ban hành như `UBND`",
    );
    ParseError::invalid(WHAT, input, (problem, problem_vi), expected)
}

/// A Party-form number with a code that means something else there (`TT`, a
/// thông tri): refused rather than read as a circular.
pub(super) fn party_code_unread(input: &str, code: &str) -> ParseError {
    let problem = format!(
        "type code `{}` of `{}` is a thông tri (instruction) in a Party number, which is not read",
        quote(code),
        quote(input)
    );
    let problem_vi = format!(
        "mã loại `{}` là thông tri trong số hiệu văn bản của Đảng, loại chưa đọc được",
        quote(code)
    );
    ParseError::invalid(
        WHAT,
        input,
        (problem, problem_vi),
        (
            "a Party type code such as NQ, CTr, KH or CV",
            "một mã loại văn bản của Đảng như NQ, CTr, KH hoặc CV",
        ),
    )
}

/// Removes a leading `số` / `Số:` / `SỐ` (any case) and the spaces after it.
fn strip_so_prefix(s: &str) -> &str {
    let mut chars = s.chars();
    let (Some(first), Some(second)) = (chars.next(), chars.next()) else {
        return s;
    };
    if !matches!(first, 's' | 'S') || !matches!(second, 'ố' | 'Ố') {
        return s;
    }
    let rest = chars.as_str().trim_start();
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    rest.trim_start()
}

/// Reads hyphen-like dashes (‐ ‑ – —) as `-`.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}')
}

/// Trims, removes `số`, reads dashes as `-` and removes spaces around `/`
/// and `-`. Returns the trimmed text (for messages) and the compact one.
fn normalise(input: &str) -> Result<(String, String), ParseError> {
    let input = crate::text::nfc_within(input, MAX_REF_LEN)
        .map_err(|len| ParseError::too_long(WHAT, input, len, MAX_REF_LEN))?;
    let trimmed = input.trim();
    let body = strip_so_prefix(trimmed);
    if body.is_empty() {
        return Err(ParseError::empty(
            WHAT,
            (
                "a number such as `363/KH-UBND`",
                "một số hiệu như `363/KH-UBND`",
            ),
        ));
    }
    let mut compact = String::with_capacity(body.len());
    let mut prev: Option<&str> = None;
    for word in body.split_whitespace() {
        if let Some(p) = prev {
            let is_sep = |c: char| c == '/' || c == '&' || is_dash(c);
            let joins = p.chars().next_back().is_some_and(is_sep)
                || word.chars().next().is_some_and(is_sep);
            if !joins {
                let problem = format!("unexpected space in `{}`", quote(trimmed));
                let problem = (problem, "có khoảng trắng không đúng chỗ");
                let expected = (
                    "spaces only around `/`, `-` and `&`",
                    "khoảng trắng chỉ quanh `/`, `-` và `&`",
                );
                return Err(ParseError::invalid(WHAT, trimmed, problem, expected));
            }
        }
        compact.extend(word.chars().map(|c| if is_dash(c) { '-' } else { c }));
        prev = Some(word);
    }
    Ok((trimmed.to_owned(), compact))
}

/// A joint document's code in the place of an official letter's issuer.
pub(super) fn joint_code_unread(input: &str, code: &str) -> ParseError {
    let problem = format!(
        "`{}` of `{}` is the code of a joint document (liên tịch, phối hợp), which is not read",
        quote(code),
        quote(input)
    );
    let problem_vi = format!(
        "`{}` là mã của văn bản liên tịch hoặc phối hợp, loại chưa đọc được",
        quote(code)
    );
    ParseError::invalid(
        WHAT,
        input,
        (problem, problem_vi),
        (
            "a number with one of the type codes, or an official letter's issuer",
            "một số hiệu có một trong các mã loại văn bản, hoặc cơ quan ban hành của công văn",
        ),
    )
}

/// Whether `code` is a type code with `LT` (liên tịch) or `PH` (phối hợp)
/// after it (`KHLT`, `NQLT`, `CTrPH`, `QCPH`, `CTPH`): the code of a joint
/// document, which would otherwise read as an official letter's issuer.
/// `TTLT` is a type of its own.
pub(super) fn is_joint_code(code: &str) -> bool {
    lookup_code(code).is_none()
        && ["LT", "PH"].iter().any(|suffix| {
            code.strip_suffix(suffix)
                .is_some_and(|base| !base.is_empty() && lookup_code(base).is_some())
        })
}

/// Checks the number part: 1 to 10 ASCII digits, not all zero.
pub(super) fn check_number(input: &str, number: &str) -> Result<(), ParseError> {
    // A number may end in one letter: `05a/BC-UBND`, a document numbered
    // after `05/BC-UBND` in the same register.
    let digits = match number.as_bytes() {
        [head @ .., last] if last.is_ascii_alphabetic() => head,
        all => all,
    };
    let ok = !digits.is_empty()
        && digits.len() <= MAX_NUMBER_DIGITS
        && digits.iter().all(u8::is_ascii_digit)
        && digits.iter().any(|&b| b != b'0');
    if ok {
        Ok(())
    } else {
        let problem = format!("invalid number `{}`", quote(number));
        let problem_vi = format!("số `{}` không hợp lệ", quote(number));
        Err(invalid_in(
            input,
            (problem, problem_vi),
            (
                "1 to 10 digits, not all zero, perhaps with one letter after them as in `05a`",
                "từ 1 đến 10 chữ số, không phải toàn số 0, có thể thêm một chữ cái sau như `05a`",
            ),
        ))
    }
}

/// Checks an issuer or unit: letters and ASCII digits, starting with a
/// letter, perhaps joined by single `&` (`SNN&PTNT`, `KH&ĐT`: "and" inside
/// the name of an office).
pub(super) fn check_part(input: &str, part: &str) -> Result<(), ParseError> {
    let ok = !part.is_empty()
        && part.split('&').enumerate().all(|(i, piece)| {
            let mut chars = piece.chars();
            chars
                .next()
                .is_some_and(|c| c.is_alphabetic() || (i > 0 && c.is_ascii_digit()))
                && chars.all(|c| c.is_alphabetic() || c.is_ascii_digit())
        });
    // Abbreviations are capitals with at most two small letters in a row
    // (`TTg`, `CTr`, `QĐi`); more is a word run into the number, as PDFs
    // glue `70-TB/TWngày`.
    let mut small = 0;
    let glued = part.chars().any(|c| {
        small = if c.is_lowercase() { small + 1 } else { 0 };
        small > 2
    });
    if ok && glued {
        let problem = format!(
            "issuer or unit `{}` of `{}` runs into a word",
            quote(part),
            quote(input)
        );
        let problem_vi = format!("cơ quan hoặc đơn vị `{}` dính vào một từ", quote(part));
        return Err(ParseError::invalid(
            WHAT,
            input,
            (problem, problem_vi),
            (
                "an abbreviation in capitals such as `UBND`, with a space before the next word",
                "một chữ viết tắt in hoa như `UBND`, có khoảng trắng trước từ tiếp theo",
            ),
        ));
    }
    if ok {
        Ok(())
    } else {
        let problem = format!("invalid issuer or unit `{}`", quote(part));
        let problem_vi = format!("cơ quan hoặc đơn vị `{}` không hợp lệ", quote(part));
        Err(invalid_in(
            input,
            (problem, problem_vi),
            (
                "letters and digits, starting with a letter, perhaps joined by `&` as in `SNN&PTNT`",
                "chữ cái và chữ số, bắt đầu bằng chữ cái, có thể nối bằng `&` như `SNN&PTNT`",
            ),
        ))
    }
}

/// Checks a year: from 1945 to 2100.
pub(super) fn check_year(input: &str, year: u16) -> Result<(), ParseError> {
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(invalid_year(input, &year.to_string()))
    }
}

/// The year is not 4 digits from 1945 to 2100.
fn invalid_year(input: &str, year: &str) -> ParseError {
    let problem = format!("invalid year `{}`", quote(year));
    let problem_vi = format!("năm `{}` không hợp lệ", quote(year));
    let expected = ("4 digits from 1945 to 2100", "4 chữ số, từ 1945 đến 2100");
    invalid_in(input, (problem, problem_vi), expected)
}

/// Reads a year written as 4 digits.
fn parse_year(input: &str, text: &str) -> Result<u16, ParseError> {
    let bad = || invalid_year(input, text);
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let year: u16 = text.parse().map_err(|_| bad())?;
    check_year(input, year).map_err(|_| bad())?;
    Ok(year)
}

/// Parses a document number in any of its forms.
pub(super) fn parse(raw: &str) -> Result<DocRef, ParseError> {
    let (input, s) = normalise(raw)?;
    let input = input.as_str();
    let malformed = |expected| malformed(input, expected);
    let mut digits_end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    // One letter right after the digits and before `/` or `-` belongs to
    // the number (`05a/BC-UBND`); more letters, or a letter before anything
    // else, are refused below.
    let bytes = s.as_bytes();
    if digits_end > 0
        && bytes.get(digits_end).is_some_and(u8::is_ascii_alphabetic)
        && matches!(bytes.get(digits_end + 1), Some(b'/' | b'-'))
    {
        digits_end += 1;
    }
    let (number, rest) = s.split_at(digits_end);
    if number.is_empty() {
        return Err(malformed((
            "it to start with digits, as in `363/KH-UBND`",
            "số hiệu bắt đầu bằng chữ số, như `363/KH-UBND`",
        )));
    }
    check_number(input, number)?;
    if let Some(rest) = rest.strip_prefix('-') {
        parse_party(input, number, rest)
    } else if let Some(rest) = rest.strip_prefix('/') {
        parse_slash(input, number, rest)
    } else {
        Err(malformed((
            "`/` or `-` after the number",
            "`/` hoặc `-` sau số",
        )))
    }
}

/// `20-NQ/TW`, `123-CV/TU`, `12-KH/TĐTN-TG`: the part after `20-`.
fn parse_party(input: &str, number: &str, rest: &str) -> Result<DocRef, ParseError> {
    let malformed = |expected| malformed(input, expected);
    let Some((code, tail)) = rest.split_once('/') else {
        return Err(malformed((
            "`/` and an issuer after the type code, as in `20-NQ/TW`",
            "`/` và cơ quan ban hành sau mã loại văn bản, như `20-NQ/TW`",
        )));
    };
    if code.is_empty() {
        return Err(malformed((
            "a type code between `-` and `/`, as in `50-CTr/TU`",
            "một mã loại văn bản giữa `-` và `/`, như `50-CTr/TU`",
        )));
    }
    check_part(input, code)?;
    if PARTY_UNREAD_CODES.contains(&code) {
        return Err(party_code_unread(input, code));
    }
    let doc_type = lookup_party_code(code).ok_or_else(|| {
        let problem = format!("unknown document type code `{}`", quote(code));
        let problem_vi = format!("không biết mã loại văn bản `{}`", quote(code));
        invalid_in(input, (problem, problem_vi), one_of_codes(", or CV"))
    })?;
    if tail.contains('/') {
        return Err(malformed((
            "an issuer and at most a drafting unit after `/`, as in `20-NQ/TW`",
            "sau `/` là cơ quan ban hành và nhiều nhất một đơn vị soạn thảo, như `20-NQ/TW`",
        )));
    }
    let (issuer, drafting_unit) = match tail.split_once('-') {
        Some((issuer, unit)) => (issuer, Some(unit)),
        None => (tail, None),
    };
    check_part(input, issuer)?;
    if let Some(unit) = drafting_unit {
        if unit.contains('-') {
            return Err(malformed((
                "an issuer and at most a drafting unit after `/`, as in `12-KH/TĐTN-TG`",
                "sau `/` là cơ quan ban hành và nhiều nhất một đơn vị soạn thảo, như `12-KH/TĐTN-TG`",
            )));
        }
        check_part(input, unit)?;
    }
    Ok(DocRef {
        number: number.to_owned(),
        issuer: issuer.to_owned(),
        shape: Shape::Party {
            doc_type,
            drafting_unit: drafting_unit.map(str::to_owned),
        },
    })
}

/// A code where one is required: known, or an error naming it.
fn required_code(input: &str, code: &str) -> Result<DocType, ParseError> {
    check_part(input, code)?;
    lookup_code(code).ok_or_else(|| {
        let problem = format!("unknown document type code `{}`", quote(code));
        let problem_vi = format!("không biết mã loại văn bản `{}`", quote(code));
        invalid_in(input, (problem, problem_vi), one_of_codes(""))
    })
}

/// `363/KH-UBND`, `538/UBND-KTTH`, `45/2021/NĐ-CP`: the part after `363/`.
fn parse_slash(input: &str, number: &str, rest: &str) -> Result<DocRef, ParseError> {
    let malformed = |expected| malformed(input, expected);
    let (first, tail) = match rest.split_once('/') {
        Some((first, tail)) => (first, Some(tail)),
        None => (rest, None),
    };
    if !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit()) {
        let year = parse_year(input, first)?;
        let Some(tail) = tail.filter(|t| !t.is_empty()) else {
            return Err(malformed((
                "an issuer after the year, as in `45/2021/NĐ-CP`",
                "cơ quan ban hành sau năm, như `45/2021/NĐ-CP`",
            )));
        };
        return parse_normative(input, number, year, tail);
    }
    if tail.is_some() {
        return Err(malformed((
            "a year between the two `/`, as in `45/2021/NĐ-CP`",
            "năm giữa hai dấu `/`, như `45/2021/NĐ-CP`",
        )));
    }
    let parts: Vec<&str> = first.split('-').collect();
    if let Some(code) = parts.first().filter(|c| is_joint_code(c)) {
        return Err(joint_code_unread(input, code));
    }
    match parts.as_slice() {
        [code, issuer, unit @ ..] if lookup_code(code).is_some() => {
            let doc_type = required_code(input, code)?;
            check_part(input, issuer)?;
            let drafting_unit = match unit {
                [] => None,
                [unit] => {
                    check_part(input, unit)?;
                    Some((*unit).to_owned())
                }
                _ => return Err(malformed(AT_MOST_A_UNIT)),
            };
            Ok(DocRef {
                number: number.to_owned(),
                issuer: (*issuer).to_owned(),
                shape: Shape::Administrative {
                    doc_type,
                    drafting_unit,
                },
            })
        }
        [code] if lookup_code(code).is_some() => Err(malformed((
            "an issuer after the type code, as in `363/KH-UBND`",
            "cơ quan ban hành sau mã loại văn bản, như `363/KH-UBND`",
        ))),
        [issuer] | [issuer, _] => {
            check_part(input, issuer)?;
            let drafting_unit = match parts.get(1) {
                Some(unit) => {
                    check_part(input, unit)?;
                    Some((*unit).to_owned())
                }
                None => None,
            };
            Ok(DocRef {
                number: number.to_owned(),
                issuer: (*issuer).to_owned(),
                shape: Shape::OfficialLetter { drafting_unit },
            })
        }
        // Three parts or more: only a type-coded number has that many, so
        // the first part must have been a code.
        [code, ..] => Err(required_code(input, code)
            .err()
            .unwrap_or_else(|| malformed(AT_MOST_A_UNIT))),
        [] => Err(malformed((
            "an issuer after `/`",
            "cơ quan ban hành sau `/`",
        ))),
    }
}

/// `45/2021/NĐ-CP`, `17/2023/QH15`: the part after the year.
fn parse_normative(input: &str, number: &str, year: u16, tail: &str) -> Result<DocRef, ParseError> {
    if tail.contains('/') {
        return Err(malformed(
            input,
            (
                "nothing after the issuer but `-` and co-issuers",
                "sau cơ quan ban hành chỉ có `-` và các cơ quan cùng ban hành",
            ),
        ));
    }
    let mut parts = tail.split('-');
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    let (doc_type, issuer, co_issuers) = match rest.split_first() {
        None => {
            check_part(input, first)?;
            if lookup_code(first).is_some() {
                return Err(malformed(
                    input,
                    (
                        "an issuer after the type code, as in `45/2021/NĐ-CP`",
                        "cơ quan ban hành sau mã loại văn bản, như `45/2021/NĐ-CP`",
                    ),
                ));
            }
            (None, first, &[][..])
        }
        Some((issuer, co_issuers)) => (Some(required_code(input, first)?), *issuer, co_issuers),
    };
    check_part(input, issuer)?;
    for co in co_issuers {
        check_part(input, co)?;
    }
    Ok(DocRef {
        number: number.to_owned(),
        issuer: issuer.to_owned(),
        shape: Shape::Normative {
            year,
            doc_type,
            co_issuers: co_issuers.iter().map(|&c| c.to_owned()).collect(),
        },
    })
}
