//! Reading the bytes of a plan's text: UTF-8 (with or without a byte-order
//! mark, composed or decomposed), Windows-1258 (feature `encodings`), and
//! the text of a .docx (feature `docx`).

use thiserror::Error;

/// Why the bytes of a plan's text could not be read (không đọc được văn bản).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum DraftInputError {
    /// Not UTF-8, and Windows-1258 is not available (feature `encodings`).
    #[error("the text is not UTF-8 (invalid byte at offset {offset}); Windows-1258 needs the feature `encodings`")]
    NotUtf8 {
        /// The first invalid byte.
        offset: usize,
    },
    /// Longer than [`MAX_DRAFT_TEXT`](super::MAX_DRAFT_TEXT).
    #[error("the text is {len} bytes, more than the {max} a plan may have")]
    TooLong {
        /// Its length.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A .docx that does not read.
    #[error("the .docx file does not read: {0}")]
    Docx(String),
}

/// The text of `bytes`: UTF-8 (a byte-order mark dropped), else, with the
/// feature `encodings`, Windows-1258 (Vietnamese Windows' code page, whose
/// tone marks are combining characters); in NFC either way.
///
/// # Errors
///
/// [`DraftInputError::TooLong`] beyond [`MAX_DRAFT_TEXT`](super::MAX_DRAFT_TEXT);
/// [`DraftInputError::NotUtf8`] for bytes that are not UTF-8 without the
/// feature `encodings`.
///
/// ```
/// use hoptac::draft::read_input;
/// assert_eq!(read_input("\u{feff}Kê\u{301} hoạch".as_bytes())?, "Kế hoạch");
/// // "Kế hoạch" in Windows-1258: `ê`, then the acute as a combining mark.
/// # #[cfg(feature = "encodings")]
/// assert_eq!(read_input(b"K\xea\xec hoa\xf2ch")?, "Kế hoạch");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_input(bytes: &[u8]) -> Result<String, DraftInputError> {
    if bytes.len() > super::MAX_DRAFT_TEXT {
        return Err(DraftInputError::TooLong {
            len: bytes.len(),
            max: super::MAX_DRAFT_TEXT,
        });
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(crate::text::nfc(s).into_owned()),
        Err(e) => decode_other(bytes, e.valid_up_to()),
    }
}

#[cfg(feature = "encodings")]
fn decode_other(bytes: &[u8], _offset: usize) -> Result<String, DraftInputError> {
    let (text, _, _) = encoding_rs::WINDOWS_1258.decode(bytes);
    Ok(crate::text::nfc(&text).into_owned())
}

#[cfg(not(feature = "encodings"))]
fn decode_other(_bytes: &[u8], offset: usize) -> Result<String, DraftInputError> {
    Err(DraftInputError::NotUtf8 { offset })
}

#[cfg(feature = "docx")]
/// The text of a .docx file (feature `docx`): one line a paragraph, table
/// cells separated by tabs and rows by line breaks (the task tables'
/// shape that [`draft`](super::draft) reads), in NFC.
///
/// The archive's `word/document.xml` is read with a bound of
/// [`MAX_DRAFT_TEXT`](super::MAX_DRAFT_TEXT) × 8 bytes of XML.
///
/// # Errors
///
/// [`DraftInputError::Docx`] when the bytes are not a ZIP archive holding
/// `word/document.xml`, or that XML does not read;
/// [`DraftInputError::TooLong`] when the document is too large.
pub fn docx_text(bytes: &[u8]) -> Result<String, DraftInputError> {
    use std::io::Read;

    use quick_xml::events::Event;

    let max_xml = super::MAX_DRAFT_TEXT * 8;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| DraftInputError::Docx(format!("not a .docx (ZIP) archive: {e}")))?;
    let mut file = archive
        .by_name("word/document.xml")
        .map_err(|e| DraftInputError::Docx(format!("no word/document.xml: {e}")))?;
    let mut xml = Vec::new();
    (&mut file)
        .take(max_xml as u64 + 1)
        .read_to_end(&mut xml)
        .map_err(|e| DraftInputError::Docx(e.to_string()))?;
    if xml.len() > max_xml {
        return Err(DraftInputError::TooLong {
            len: xml.len(),
            max: max_xml,
        });
    }
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut out = String::new();
    let mut in_text = false;
    let mut in_cell = false;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match e.name().as_ref() {
                b"w:t" => in_text = true,
                b"w:tc" => in_cell = true,
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.name().as_ref() {
                b"w:tab" => out.push('\t'),
                b"w:br" => out.push(if in_cell { ' ' } else { '\n' }),
                _ => {}
            },
            Ok(Event::End(e)) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" => out.push(if in_cell { ' ' } else { '\n' }),
                b"w:tc" => {
                    in_cell = false;
                    while out.ends_with(' ') {
                        out.pop();
                    }
                    out.push('\t');
                }
                b"w:tr" => {
                    if out.ends_with('\t') {
                        out.pop();
                    }
                    out.push('\n');
                }
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                let text = t
                    .unescape()
                    .map_err(|e| DraftInputError::Docx(format!("bad XML text: {e}")))?;
                out.push_str(&text);
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                return Err(DraftInputError::Docx(format!(
                    "bad XML at byte {}: {e}",
                    reader.buffer_position()
                )))
            }
        }
        if out.len() > super::MAX_DRAFT_TEXT {
            return Err(DraftInputError::TooLong {
                len: out.len(),
                max: super::MAX_DRAFT_TEXT,
            });
        }
        buf.clear();
    }
    Ok(crate::text::nfc(&out).into_owned())
}
