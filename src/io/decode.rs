//! How a registry file is written: its encoding, its separator and the way
//! its numbers are written, recognised from its first bytes or forced.

use super::CsvError;
use crate::vocab::code_enum;

code_enum! {
    /// The character encoding of a CSV file (bảng mã).
    ///
    /// ```
    /// use hoptac::csv::Encoding;
    /// assert_eq!("windows-1258".parse::<Encoding>()?, Encoding::Windows1258);
    /// assert_eq!(Encoding::Utf16Le.to_string(), "utf-16le");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum Encoding[4] as "encoding" in "csv::" {
        /// UTF-8, with or without a byte order mark.
        Utf8 = "utf-8", vi "UTF-8", en "UTF-8";
        /// UTF-16, little-endian (Excel's "Unicode Text"); needs feature `encodings`.
        Utf16Le = "utf-16le", vi "UTF-16 (little-endian)", en "UTF-16 (little-endian)";
        /// UTF-16, big-endian; needs feature `encodings`.
        Utf16Be = "utf-16be", vi "UTF-16 (big-endian)", en "UTF-16 (big-endian)";
        /// Windows-1258, Excel's Vietnamese code page (tone marks as separate
        /// combining characters, composed to NFC on reading); needs feature
        /// `encodings`.
        Windows1258 = "windows-1258", vi "Windows-1258 (CP1258)", en "Windows-1258 (CP1258)";
    }
}

code_enum! {
    /// The character that separates the fields of a CSV line (dấu phân cách).
    ///
    /// ```
    /// use hoptac::csv::Separator;
    /// assert_eq!(Separator::Semicolon.byte(), b';');
    /// assert_eq!("tab".parse::<Separator>()?, Separator::Tab);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum Separator[3] as "separator" in "csv::" {
        /// `,`
        Comma = "comma", vi "dấu phẩy (,)", en "comma (,)";
        /// `;`, as Excel writes CSV in a Vietnamese locale.
        Semicolon = "semicolon", vi "dấu chấm phẩy (;)", en "semicolon (;)";
        /// A tab, as in Excel's "Unicode Text".
        Tab = "tab", vi "dấu tab", en "tab";
    }
}

impl Separator {
    /// The byte.
    ///
    /// ```
    /// assert_eq!(hoptac::csv::Separator::Tab.byte(), b'\t');
    /// ```
    pub const fn byte(self) -> u8 {
        match self {
            Separator::Comma => b',',
            Separator::Semicolon => b';',
            Separator::Tab => b'\t',
        }
    }
}

code_enum! {
    /// How the numbers of a file are written (cách viết số).
    ///
    /// ```
    /// use hoptac::csv::NumberFormat;
    /// assert_eq!(NumberFormat::default(), NumberFormat::Auto);
    /// assert_eq!("vi".parse::<NumberFormat>()?, NumberFormat::Vietnamese);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[derive(Default)]
    pub enum NumberFormat[3] as "number format" in "csv::" {
        /// Chosen by the file: [`NumberFormat::Vietnamese`] for a file
        /// separated by `;`, in UTF-16 or Windows-1258 (as Excel writes them
        /// in a Vietnamese locale) and for workbooks; [`NumberFormat::Plain`]
        /// otherwise.
        #[default]
        Auto = "auto", vi "tự nhận", en "recognised";
        /// `1500000000.5`: digits, `.` before the decimals, no grouping (what
        /// `write_csv` writes).
        Plain = "plain", vi "số thuần (1500000000.5)", en "plain (1500000000.5)";
        /// `1.500.000.000,5`: `.` between groups of three digits, `,` before
        /// the decimals (groups may be left out: `1500000000,5`).
        Vietnamese = "vi", vi "kiểu Việt Nam (1.500.000.000,5)", en "Vietnamese (1.500.000.000,5)";
    }
}

impl NumberFormat {
    /// Whether this is [`NumberFormat::Auto`], the default.
    ///
    /// ```
    /// assert!(hoptac::csv::NumberFormat::Auto.is_auto());
    /// ```
    pub fn is_auto(&self) -> bool {
        *self == NumberFormat::Auto
    }
}

/// How many bytes of the start of a file are looked at to recognise its
/// encoding and separator.
pub(crate) const SNIFF_BYTES: usize = 64 * 1024;

/// The encoding a file's first bytes show, and the length of its byte order
/// mark: a BOM says UTF-8 or UTF-16; bytes that are not UTF-8 are read as
/// Windows-1258; anything else is UTF-8.
pub(crate) fn sniff_encoding(start: &[u8], complete: bool) -> (Encoding, usize) {
    if start.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return (Encoding::Utf8, 3);
    }
    if start.starts_with(&[0xFF, 0xFE]) {
        return (Encoding::Utf16Le, 2);
    }
    if start.starts_with(&[0xFE, 0xFF]) {
        return (Encoding::Utf16Be, 2);
    }
    match std::str::from_utf8(start) {
        Ok(_) => (Encoding::Utf8, 0),
        // A character cut at the end of the part looked at is no sign.
        Err(e) if e.error_len().is_none() && !complete => (Encoding::Utf8, 0),
        // Text with UTF-8 characters and a broken one is UTF-8 with an
        // error, which the reader reports with its line.
        Err(_) if has_utf8_characters(start) => (Encoding::Utf8, 0),
        Err(_) => (Encoding::Windows1258, 0),
    }
}

/// Whether `bytes` hold at least one well-formed UTF-8 character of more
/// than one byte (Windows-1258 text almost never does).
fn has_utf8_characters(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => return !s.is_ascii(),
            Err(e) => {
                let (good, after) = rest.split_at(e.valid_up_to());
                if !good.is_ascii() {
                    return true;
                }
                let skip = e.error_len().unwrap_or(after.len()).max(1);
                rest = after.get(skip..).unwrap_or_default();
                if rest.is_empty() {
                    return false;
                }
            }
        }
    }
}

/// `bytes` (a whole file) in `encoding` as UTF-8, without a byte order mark.
///
/// # Errors
///
/// [`CsvError::Encoding`] for bytes that are not in the encoding, or when
/// the crate was built without feature `encodings`.
pub(crate) fn decode(bytes: &[u8], encoding: Encoding) -> Result<Vec<u8>, CsvError> {
    if encoding == Encoding::Utf8 {
        return Ok(bytes
            .strip_prefix(&[0xEF, 0xBB, 0xBF])
            .unwrap_or(bytes)
            .to_vec());
    }
    decode_other(bytes, encoding)
}

#[cfg(feature = "encodings")]
fn decode_other(bytes: &[u8], encoding: Encoding) -> Result<Vec<u8>, CsvError> {
    let which = match encoding {
        Encoding::Utf8 => encoding_rs::UTF_8,
        Encoding::Utf16Le => encoding_rs::UTF_16LE,
        Encoding::Utf16Be => encoding_rs::UTF_16BE,
        Encoding::Windows1258 => encoding_rs::WINDOWS_1258,
    };
    // Without BOM sniffing: the encoding is the one recognised or forced;
    // a BOM of that encoding is removed.
    let (text, malformed) = which.decode_with_bom_removal(bytes);
    if malformed {
        let at = first_malformed(bytes, which);
        return Err(CsvError::Encoding {
            encoding,
            message: format!("bytes that are not {encoding} near byte {at}"),
        });
    }
    Ok(text.into_owned().into_bytes())
}

#[cfg(feature = "encodings")]
fn first_malformed(bytes: &[u8], which: &'static encoding_rs::Encoding) -> usize {
    let mut decoder = which.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len().saturating_mul(3).min(1 << 20));
    let mut read = 0;
    while read < bytes.len() {
        let rest = bytes.get(read..).unwrap_or_default();
        let (result, n) = decoder.decode_to_string_without_replacement(rest, &mut out, true);
        read += n;
        match result {
            encoding_rs::DecoderResult::Malformed(_, _) => return read,
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => {
                out.clear();
                out.reserve(1 << 20);
            }
        }
    }
    read
}

#[cfg(not(feature = "encodings"))]
fn decode_other(_bytes: &[u8], encoding: Encoding) -> Result<Vec<u8>, CsvError> {
    Err(CsvError::Encoding {
        encoding,
        message: "this build of hoptac reads UTF-8 only (feature `encodings` is off)".into(),
    })
}

/// The separator of a file, from its first line (outside quotes): the one of
/// `,` `;` tab found most often; `,` when there is none.
pub(crate) fn sniff_separator(start: &[u8]) -> Separator {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in start {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [comma, semicolon, tab] = counts;
    if semicolon > comma && semicolon >= tab {
        Separator::Semicolon
    } else if tab > comma && tab > semicolon {
        Separator::Tab
    } else {
        Separator::Comma
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_from_the_first_bytes() {
        assert_eq!(sniff_encoding(b"id,name", true), (Encoding::Utf8, 0));
        assert_eq!(sniff_encoding(b"\xEF\xBB\xBFid", true), (Encoding::Utf8, 3));
        assert_eq!(sniff_encoding(b"\xFF\xFEi\0", true), (Encoding::Utf16Le, 2));
        assert_eq!(sniff_encoding(b"\xFE\xFF\0i", true), (Encoding::Utf16Be, 2));
        // "Mã" in Windows-1258: `a` then 0xDE (combining tilde).
        assert_eq!(
            sniff_encoding(b"Ma\xDE s\xF5", true),
            (Encoding::Windows1258, 0)
        );
        // UTF-8 with one broken character stays UTF-8 (the reader names the
        // line), since its other characters are UTF-8.
        let mut broken = "Mã số".as_bytes().to_vec();
        broken.extend_from_slice(b" \xC3(");
        assert_eq!(sniff_encoding(&broken, true).0, Encoding::Utf8);
        // A UTF-8 character cut by the end of the part looked at.
        assert_eq!(
            sniff_encoding("Mã".as_bytes().split_at(2).0, false).0,
            Encoding::Utf8
        );
    }

    #[test]
    fn separators_from_the_first_line() {
        assert_eq!(sniff_separator(b"id;name;kind\n1,2"), Separator::Semicolon);
        assert_eq!(sniff_separator(b"id,name,kind\n1;2;3;4"), Separator::Comma);
        assert_eq!(sniff_separator(b"id\tname\tkind"), Separator::Tab);
        assert_eq!(sniff_separator(b"\"a;b;c\",name\n"), Separator::Comma);
        assert_eq!(sniff_separator(b"id"), Separator::Comma);
    }

    #[cfg(feature = "encodings")]
    #[test]
    fn windows_1258_and_utf16_decode() {
        let text = decode(b"Ma\xDE s\xF5", Encoding::Windows1258).unwrap();
        assert_eq!(String::from_utf8(text).unwrap(), "Ma\u{303} s\u{1a1}");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Mã".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16, Encoding::Utf16Le).unwrap(), "Mã".as_bytes());
        let err = decode(&[0xFF, 0xFE, 0x00], Encoding::Utf16Le).unwrap_err();
        assert!(err.to_string().contains("utf-16le"), "{err}");
    }
}
