//! [`read_csv`]: a registry snapshot from CSV, fast and strict.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use csv::{ByteRecord, ReaderBuilder};
use rust_decimal::Decimal;

use serde::{Deserialize, Serialize};

use super::decode::{self, Encoding, NumberFormat, Separator, SNIFF_BYTES};
use super::parallel::{self, Build, Built, Cuts};
use super::{col, vi, CsvError, CsvOptions, CsvRowError, COLUMNS, MAX_QUOTED_CHARS};
use crate::org::{
    ExtValue, Flag, Flags, Numbers, NumericField, OrgId, OrgKind, OrgStatus, Rating, Sector, Slot,
};
use crate::registry::Snapshot;
use crate::registry::{ExtensionsIn, OrgInput, RatingsIn};
use crate::text;

const EXPECT_ID: &str = "an organisation id: 1 to 64 bytes, no control character";
const EXPECT_TEXT: &str = "a non-empty text";
const EXPECT_KIND: &str = "one of tht, htx, lhhtx";
const EXPECT_SECTOR: &str =
    "one of agriculture, industry, trade, transport, construction, credit, environment, other";
const EXPECT_STATUS: &str = "one of active, suspended, dissolving, dissolved";
const EXPECT_RATING: &str =
    "one of good, fair, average, weak (Tốt, Khá, Trung bình, Yếu, Kém), or empty";
const EXPECT_BOOL: &str = "true, false, 1, 0, Có, Không, x, or empty";
const EXPECT_DATE: &str = "a date YYYY-MM-DD or dd/mm/yyyy";
const EXPECT_DATE_OR_EMPTY: &str = "a date YYYY-MM-DD or dd/mm/yyyy, or empty";
const EXPECT_MONEY: &str =
    "an amount of VND as a plain decimal number such as 1500000000 or 1500000000.50, or empty \
     (numbers written 1.500.000.000,5 are read with the Vietnamese number format)";
const EXPECT_MONEY_VI: &str =
    "an amount of VND in the Vietnamese number format such as 1.500.000.000 or 1500000000,5, or empty";
const EXPECT_COUNT: &str = "a whole number from 0 to 4294967294, or empty";
const EXPECT_COUNT_VI: &str = "a whole number from 0 to 4294967294 such as 1200 or 1.200, or empty";
const EXPECT_EXT: &str = "true, false, Có, Không, x, a decimal number, or empty";

/// Every expectation above with its Vietnamese ([`CsvRowError::text`]).
pub(super) const EXPECTATIONS: &[(&str, &str)] = &[
    (EXPECT_ID, "một mã tổ chức: từ 1 đến 64 byte, không có ký tự điều khiển"),
    (EXPECT_TEXT, "một văn bản không để trống"),
    (EXPECT_KIND, "một trong tht, htx, lhhtx"),
    (
        EXPECT_SECTOR,
        "một trong agriculture, industry, trade, transport, construction, credit, environment, other",
    ),
    (EXPECT_STATUS, "một trong active, suspended, dissolving, dissolved"),
    (
        EXPECT_RATING,
        "một trong good, fair, average, weak (Tốt, Khá, Trung bình, Yếu, Kém), hoặc để trống",
    ),
    (EXPECT_BOOL, "true, false, 1, 0, Có, Không, x, hoặc để trống"),
    (EXPECT_DATE, "một ngày dạng YYYY-MM-DD hoặc dd/mm/yyyy"),
    (
        EXPECT_DATE_OR_EMPTY,
        "một ngày dạng YYYY-MM-DD hoặc dd/mm/yyyy, hoặc để trống",
    ),
    (
        EXPECT_MONEY,
        "một số tiền (đồng) viết số thuần như 1500000000 hoặc 1500000000.50, hoặc để trống \
         (số viết 1.500.000.000,5 được đọc theo cách viết số của Việt Nam)",
    ),
    (
        EXPECT_MONEY_VI,
        "một số tiền (đồng) viết theo cách viết số của Việt Nam như 1.500.000.000 hoặc 1500000000,5, hoặc để trống",
    ),
    (EXPECT_COUNT, "một số nguyên từ 0 đến 4294967294, hoặc để trống"),
    (
        EXPECT_COUNT_VI,
        "một số nguyên từ 0 đến 4294967294 như 1200 hoặc 1.200, hoặc để trống",
    ),
    (EXPECT_EXT, "true, false, Có, Không, x, một số thập phân, hoặc để trống"),
];

/// Reads a registry snapshot taken at `date` from CSV.
///
/// The first line is a header naming the columns, in any order:
/// `id, name, kind, sector, province, district, commune, established,
/// dissolved, status, members, associate_members, member_coops, rating,
/// value_chain, high_tech, digital, female_director, paper_only,
/// revenue_vnd, avg_income_vnd, key_staff, key_staff_trained,
/// key_staff_refreshed`. Of these `id, name, kind, sector, province,
/// commune, established, status` are required. Any other column is an
/// extension attribute: `true`/`false` is a yes-or-no, a decimal number a
/// number, an empty field no value.
///
/// Values:
/// - `kind`: `tht`, `htx`, `lhhtx`; `sector`: `agriculture`, `industry`,
///   `trade`, `transport`, `construction`, `credit`, `environment`, `other`;
///   `status`: `active`, `suspended`, `dissolving`, `dissolved` (codes in
///   any ASCII case);
/// - `rating`: `good`, `fair`, `average`, `weak`, or empty for not rated;
///   it is the rating for the year of `date`;
/// - flags (`value_chain` … `paper_only`): `true`, `false`, `1`, `0`, or
///   empty for `false`;
/// - dates `YYYY-MM-DD`; `dissolved` and `district` may be empty;
/// - money in VND as a plain decimal (`1500000000`, `1500000000.50`, a
///   minus sign allowed: validation reports negative amounts), empty when
///   not reported;
/// - counts: whole numbers up to 4294967294, empty when unknown.
///
/// Standard column names are matched in any ASCII case, extension names as
/// written. Fields are trimmed of surrounding ASCII whitespace; quoted
/// fields may hold commas, quotes and line breaks; lines end with LF or
/// CRLF, and blank lines are skipped; a UTF-8 byte order mark at the start
/// is skipped. Error messages give the line a record starts on. The
/// organisations keep the order of the file.
///
/// # Errors
///
/// [`CsvError`]: a missing or repeated column, a bad value, a short or long
/// line, invalid UTF-8, a repeated id, a limit of `options` passed, or an
/// I/O failure. By default reading stops at the first bad row; with
/// [`CsvOptions::collect_all`] every row is read and the row errors come
/// back together as [`CsvError::Many`] (header, limit and I/O errors still
/// stop at once).
///
/// ```
/// use chrono::NaiveDate;
/// use hoptac::{csv::read_csv, csv::CsvOptions, org::OrgKind, org::Rating};
/// let csv = "\
/// id,name,kind,sector,province,district,commune,established,status,members,rating
/// htx-001,\"HTX Nông nghiệp Hưng Lợi, Hưng Nguyên\",htx,agriculture,Nghệ An,Hưng Nguyên,Hưng Lợi,2015-03-02,active,120,good
/// tht-002,THT Rau sạch,tht,agriculture,Nghệ An,,Nghi Phong,2021-05-04,active,,
/// ";
/// let date = NaiveDate::from_ymd_opt(2024, 12, 31).ok_or("date")?;
/// let snap = read_csv(csv.as_bytes(), date, &CsvOptions::default())?;
/// assert_eq!(snap.len(), 2);
/// let htx = snap.find("htx-001").ok_or("missing")?;
/// assert_eq!(htx.name, "HTX Nông nghiệp Hưng Lợi, Hưng Nguyên");
/// assert_eq!(htx.rating_in(2024), Some(Rating::Good));
/// assert_eq!(snap.find("tht-002").ok_or("missing")?.members, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_csv<R: Read>(
    reader: R,
    date: NaiveDate,
    options: &CsvOptions,
) -> Result<Snapshot, CsvError> {
    // Without a result that says which encoding was read, bytes that are
    // not UTF-8 are not guessed to be Windows-1258: they are errors.
    read_csv_inner(reader, date, options, false, None).map(|(snapshot, _, _)| snapshot)
}

/// [`read_csv`] cut at exactly the byte offsets `splits` (each must be a
/// record boundary: the position after the line break that ends a record),
/// the parts read on [`CsvOptions::threads`] threads: the hook of the tests
/// that check the parallel read against the serial one.
///
/// # Errors
///
/// As [`read_csv`], and [`CsvError::Io`] for a split that is not at a
/// record boundary.
#[cfg(test)]
pub(crate) fn read_csv_split_at(
    bytes: &[u8],
    date: NaiveDate,
    options: &CsvOptions,
    splits: &[usize],
) -> Result<Snapshot, CsvError> {
    read_csv_inner(bytes, date, options, false, Some(Cuts::At(splits)))
        .map(|(snapshot, _, _)| snapshot)
}

/// [`tally_csv_full`] cut at exactly the byte offsets `splits` (as
/// [`read_csv_split_at`]): the hook of the tests that check the tally read
/// in parts against the tally of the snapshot read serially.
///
/// # Errors
///
/// As [`read_csv_split_at`].
#[cfg(test)]
pub(crate) fn tally_csv_split_at(
    bytes: &[u8],
    date: NaiveDate,
    options: &CsvOptions,
    splits: &[usize],
    plan: &crate::Plan,
    scan: crate::tally::ScanOptions,
) -> Result<crate::Tally, CsvError> {
    let build = Build::Tally {
        plan,
        options: scan,
    };
    read_csv_built(bytes, date, options, false, Some(Cuts::At(splits)), build)?
        .0
        .tally()
}

/// [`read_csv`] cut into parts of about `part_bytes` bytes from a stream,
/// `first` bytes read before the header is looked for, whatever the size
/// of the input: the hook of the tests of the streaming parallel read.
///
/// # Errors
///
/// As [`read_csv`].
#[cfg(test)]
pub(crate) fn read_csv_in_parts<R: Read>(
    reader: R,
    date: NaiveDate,
    options: &CsvOptions,
    part_bytes: usize,
    first: usize,
) -> Result<Snapshot, CsvError> {
    let cuts = Cuts::Every {
        n: part_bytes,
        min: 0,
        first,
    };
    read_csv_inner(reader, date, options, false, Some(cuts)).map(|(snapshot, _, _)| snapshot)
}

/// How a CSV file was read: its encoding, separator and number format, as
/// recognised or as forced by [`CsvOptions`].
///
/// ```
/// use hoptac::csv::{CsvFormat, Encoding, NumberFormat, Separator};
/// let f = CsvFormat { encoding: Encoding::Utf8, separator: Separator::Semicolon, numbers: NumberFormat::Vietnamese };
/// assert_eq!(f.to_string(), "CSV, UTF-8, separator semicolon (;), numbers Vietnamese (1.500.000.000,5)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CsvFormat {
    /// The encoding.
    pub encoding: Encoding,
    /// The separator.
    pub separator: Separator,
    /// How numbers were read: [`NumberFormat::Plain`] or
    /// [`NumberFormat::Vietnamese`], never `Auto`.
    pub numbers: NumberFormat,
}

impl fmt::Display for CsvFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, crate::Lang::En)
    }
}

impl CsvFormat {
    /// The format in words, in `lang`.
    pub(crate) fn write(&self, f: &mut impl fmt::Write, lang: crate::Lang) -> fmt::Result {
        use crate::Labelled;
        write!(
            f,
            "CSV, {}, {} {}, {} {}",
            self.encoding.label(lang),
            lang.pick("dấu phân cách", "separator"),
            self.separator.label(lang),
            lang.pick("số viết", "numbers"),
            self.numbers.label(lang)
        )
    }

    /// The format with `Auto` numbers resolved: Vietnamese for `;`-separated
    /// files and those not in UTF-8.
    pub(crate) fn resolve(encoding: Encoding, separator: Separator, numbers: NumberFormat) -> Self {
        let numbers = match numbers {
            NumberFormat::Auto
                if separator == Separator::Semicolon || encoding != Encoding::Utf8 =>
            {
                NumberFormat::Vietnamese
            }
            NumberFormat::Auto => NumberFormat::Plain,
            other => other,
        };
        CsvFormat {
            encoding,
            separator,
            numbers,
        }
    }
}

/// Reads a registry snapshot taken at `date` from CSV, as [`read_csv`], and
/// says how the file was read ([`CsvFormat`]).
///
/// A file in UTF-16 or Windows-1258 is read whole into memory and decoded
/// (feature `encodings`); a UTF-8 file is read as a stream.
///
/// # Errors
///
/// As [`read_csv`], and [`CsvError::Encoding`] for bytes that are not in the
/// encoding recognised or forced.
///
/// ```
/// use chrono::NaiveDate;
/// use hoptac::csv::{read_csv_with_format, CsvOptions, Encoding, NumberFormat, Separator};
/// let csv = "Mã số;Tên HTX;Loại hình;Lĩnh vực;Tỉnh;Xã;Ngày thành lập;Tình trạng;Xếp loại;Doanh thu (đồng)\r\n\
///            htx-1;HTX Hưng Lợi;Hợp tác xã;Nông nghiệp;Nghệ An;Hưng Lợi;02/03/2015;Đang hoạt động;Khá;2.467.522.500\r\n";
/// let date = NaiveDate::from_ymd_opt(2024, 12, 31).ok_or("date")?;
/// let (snap, format) = read_csv_with_format(csv.as_bytes(), date, &CsvOptions::default())?;
/// assert_eq!((format.encoding, format.separator, format.numbers),
///            (Encoding::Utf8, Separator::Semicolon, NumberFormat::Vietnamese));
/// let htx = snap.find("htx-1").ok_or("missing")?;
/// assert_eq!(htx.rating_in(2024), Some(hoptac::org::Rating::Fair));
/// assert_eq!(htx.revenue_vnd, Some("2467522500".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_csv_with_format<R: Read>(
    reader: R,
    date: NaiveDate,
    options: &CsvOptions,
) -> Result<(Snapshot, CsvFormat), CsvError> {
    read_csv_full(reader, date, options).map(|(snapshot, format, _)| (snapshot, format))
}

/// [`read_csv_with_format`], and the columns of the header: standard ones by
/// their names in [`COLUMNS`], extensions as written.
pub(crate) fn read_csv_full<R: Read>(
    reader: R,
    date: NaiveDate,
    options: &CsvOptions,
) -> Result<(Snapshot, CsvFormat, BTreeSet<String>), CsvError> {
    read_csv_inner(reader, date, options, true, None)
}

/// [`read_csv_full`] building a plan's tally instead of the snapshot (the
/// plan validated by the caller): the organisations are not kept.
pub(crate) fn tally_csv_full<R: Read>(
    reader: R,
    date: NaiveDate,
    options: &CsvOptions,
    plan: &crate::Plan,
    scan: crate::tally::ScanOptions,
) -> Result<(crate::Tally, CsvFormat, BTreeSet<String>), CsvError> {
    let build = Build::Tally {
        plan,
        options: scan,
    };
    let (built, format, columns) = read_csv_built(reader, date, options, true, None, build)?;
    Ok((built.tally()?, format, columns))
}

fn read_csv_inner<R: Read>(
    reader: R,
    date: NaiveDate,
    options: &CsvOptions,
    guess_1258: bool,
    cuts: Option<Cuts<'_>>,
) -> Result<(Snapshot, CsvFormat, BTreeSet<String>), CsvError> {
    let (built, format, columns) =
        read_csv_built(reader, date, options, guess_1258, cuts, Build::Snapshot)?;
    Ok((built.snapshot()?, format, columns))
}

/// Reads CSV text into what `build` asks for, serially or in parts.
fn read_csv_built<R: Read>(
    mut reader: R,
    date: NaiveDate,
    options: &CsvOptions,
    guess_1258: bool,
    cuts: Option<Cuts<'_>>,
    build: Build<'_>,
) -> Result<(Built, CsvFormat, BTreeSet<String>), CsvError> {
    // Parallel for large inputs, or when the cuts are forced (tests).
    let threads = options.thread_count();
    let parallel = cuts.is_some() || threads > 1;
    let cuts = cuts.unwrap_or(Cuts::AUTO);
    let mut start = Vec::with_capacity(SNIFF_BYTES.min(1 << 16));
    (&mut reader)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut start)?;
    let complete = start.len() < SNIFF_BYTES;
    let encoding =
        options
            .encoding
            .unwrap_or_else(|| match decode::sniff_encoding(&start, complete).0 {
                Encoding::Windows1258 if !guess_1258 => Encoding::Utf8,
                other => other,
            });
    if encoding != Encoding::Utf8 {
        reader.read_to_end(&mut start)?;
        let text = decode::decode(&start, encoding)?;
        drop(start);
        let head = text.get(..SNIFF_BYTES).unwrap_or(&text);
        let separator = options
            .separator
            .unwrap_or_else(|| decode::sniff_separator(head));
        let format = CsvFormat::resolve(encoding, separator, options.numbers);
        let importer = Importer::new(date, options, format);
        let (built, columns) = if parallel {
            parallel::run(&importer, text, io::empty(), threads, cuts, build)?
        } else {
            let (snapshot, columns) = importer.run(text.as_slice())?;
            (Built::of(snapshot, build)?, columns)
        };
        return Ok((built, format, columns));
    }
    let head = start.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&start);
    let separator = options
        .separator
        .unwrap_or_else(|| decode::sniff_separator(head));
    let format = CsvFormat::resolve(encoding, separator, options.numbers);
    let importer = Importer::new(date, options, format);
    let (built, columns) = if parallel {
        parallel::run(&importer, start, reader, threads, cuts, build)?
    } else {
        let (snapshot, columns) = importer.run(io::Cursor::new(start).chain(reader))?;
        (Built::of(snapshot, build)?, columns)
    };
    Ok((built, format, columns))
}

/// Reads a registry snapshot taken at `date` from the CSV file at `path`;
/// see [`read_csv`].
///
/// # Errors
///
/// As [`read_csv`], and [`CsvError::Io`] when the file cannot be opened.
///
/// ```
/// use chrono::NaiveDate;
/// use hoptac::{csv::read_csv_path, csv::CsvError, csv::CsvOptions};
/// let date = NaiveDate::from_ymd_opt(2024, 12, 31).ok_or("date")?;
/// let err = read_csv_path("/no/such/registry.csv", date, &CsvOptions::default()).unwrap_err();
/// assert!(matches!(err, CsvError::Io { kind: std::io::ErrorKind::NotFound, .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_csv_path(
    path: impl AsRef<Path>,
    date: NaiveDate,
    options: &CsvOptions,
) -> Result<Snapshot, CsvError> {
    let path = path.as_ref();
    let file = File::open(path).map_err(|e| CsvError::Io {
        kind: e.kind(),
        message: format!("cannot open `{}`: {e}", path.display()),
    })?;
    read_csv(file, date, options)
}

/// The marker of the error [`Limited`] returns.
#[derive(Debug)]
struct RecordTooLong;

impl fmt::Display for RecordTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("record too long")
    }
}

impl std::error::Error for RecordTooLong {}

/// A reader that refuses to hand out bytes past `limit`, which the importer
/// moves forward after each record: so one endless record (an unclosed
/// quote) cannot make the CSV reader buffer the whole input.
pub(super) struct Limited<R> {
    inner: R,
    /// Bytes handed out so far.
    read: u64,
    /// Where to stop.
    limit: u64,
    /// Whether the input has ended.
    eof: bool,
    /// The last byte handed out.
    last: u8,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let room = self.limit.saturating_sub(self.read);
        if room == 0 {
            return Err(io::Error::other(RecordTooLong));
        }
        let room = usize::try_from(room).unwrap_or(usize::MAX).min(buf.len());
        let n = match buf.get_mut(..room) {
            Some(part) => self.inner.read(part)?,
            None => self.inner.read(buf)?,
        };
        self.read = self.read.saturating_add(n as u64);
        match n.checked_sub(1).and_then(|i| buf.get(i)) {
            Some(&b) => self.last = b,
            None => self.eof = true,
        }
        Ok(n)
    }
}

/// The records of a file, with their line numbers, blank lines skipped.
pub(super) struct Records<'i, 'o, R> {
    pub(super) csv: csv::Reader<Limited<R>>,
    importer: &'i Importer<'o>,
}

impl<R: Read> Records<'_, '_, R> {
    /// Reads the next record that is not a blank line, and returns the
    /// line it starts on; `None` at the end.
    pub(super) fn next(&mut self, record: &mut ByteRecord) -> Result<Option<u64>, CsvError> {
        let max = self.importer.options.max_record_bytes;
        loop {
            let result = self.csv.read_byte_record(record);
            // csv's own start line does not count the blank lines it skips.
            let approx = record.position().map_or(1, |p| p.line());
            let more = result.map_err(|e| self.importer.csv_error(e, approx))?;
            if !more {
                return Ok(None);
            }
            let end = self.csv.position();
            let (end_byte, end_line) = (end.byte(), end.line());
            let limited = self.csv.get_mut();
            limited.limit = end_byte.saturating_add(self.importer.allowance());
            // The line after the record, less the line breaks inside it and
            // the one that ends it (none at the end of a file without one).
            let bytes = record.as_slice();
            let inside = match memchr::memchr(b'\n', bytes) {
                None => 0,
                Some(first) => memchr::memchr_iter(b'\n', bytes.get(first..).unwrap_or_default())
                    .count() as u64,
            };
            let at_unterminated_end =
                limited.eof && end_byte == limited.read && limited.last != b'\n';
            let ending = u64::from(!at_unterminated_end);
            let line = end_line.saturating_sub(inside + ending).max(1);
            if record.as_slice().len() > max {
                return Err(CsvError::RecordTooLong { line, max });
            }
            let blank =
                record.len() == 1 && record.get(0).is_some_and(|f| f.trim_ascii().is_empty());
            if !blank {
                return Ok(Some(line));
            }
        }
    }
}

/// Where each column is in the file.
pub(super) struct Layout {
    /// The field position of each standard column, if present.
    pub(super) standard: [Option<usize>; COLUMNS.len()],
    /// Extension columns: field position and name.
    pub(super) extensions: Vec<(usize, String)>,
    /// The number of columns.
    pub(super) width: usize,
    /// Whether numbers are in the Vietnamese format.
    vi_numbers: bool,
}

impl Layout {
    pub(super) fn from_header(
        header: &ByteRecord,
        options: &CsvOptions,
        format: CsvFormat,
    ) -> Result<Layout, CsvError> {
        let mapping = mapping(options)?;
        let mut standard = [None; COLUMNS.len()];
        let mut extensions: Vec<(usize, String)> = Vec::new();
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (i, raw) in header.iter().enumerate() {
            let position = i + 1;
            if raw.len() > options.max_field_bytes {
                return Err(CsvError::FieldTooLong {
                    line: 1,
                    column: format!("#{position}"),
                    len: raw.len(),
                    max: options.max_field_bytes,
                });
            }
            let raw = if i == 0 {
                raw.strip_prefix("\u{feff}".as_bytes()).unwrap_or(raw)
            } else {
                raw
            };
            let name =
                std::str::from_utf8(raw.trim_ascii()).map_err(|_| CsvError::BadColumnName {
                    position,
                    problem: "a name that is not valid UTF-8".into(),
                })?;
            if name.is_empty() {
                return Err(CsvError::BadColumnName {
                    position,
                    problem: "an empty name".into(),
                });
            }
            let standard_column = standard_column(name, &mapping);
            let key = standard_column
                .and_then(|c| COLUMNS.get(c).copied())
                .unwrap_or(name);
            if let Some(&first) = seen.get(key) {
                return Err(CsvError::DuplicateColumn {
                    column: key.to_owned(),
                    first,
                    second: position,
                });
            }
            seen.insert(key.to_owned(), position);
            match standard_column.and_then(|c| standard.get_mut(c)) {
                Some(slot) => *slot = Some(i),
                None => extensions.push((i, name.to_owned())),
            }
        }
        if header.is_empty() {
            return Err(CsvError::NoHeader);
        }
        for c in col::REQUIRED {
            if standard.get(c).copied().flatten().is_none() {
                return Err(CsvError::MissingColumn {
                    column: COLUMNS.get(c).copied().unwrap_or_default().to_owned(),
                });
            }
        }
        Ok(Layout {
            standard,
            extensions,
            width: header.len(),
            vi_numbers: format.numbers == NumberFormat::Vietnamese,
        })
    }
}

/// The user's column mapping: each header in [`vi::key`] form and the
/// position in [`COLUMNS`] of the column it names.
pub(crate) fn mapping(options: &CsvOptions) -> Result<Vec<(String, usize)>, CsvError> {
    let mut mapping = Vec::with_capacity(options.columns.len());
    for (header, column) in &options.columns {
        let c = COLUMNS
            .iter()
            .position(|c| c.eq_ignore_ascii_case(column.trim()))
            .ok_or_else(|| CsvError::BadMapping {
                header: header.clone(),
                column: column.clone(),
            })?;
        mapping.push((vi::key(header), c));
    }
    Ok(mapping)
}

/// The position in [`COLUMNS`] of the column a header names: by the user's
/// mapping first, then the standard names in any ASCII case, then the
/// Vietnamese headers.
pub(crate) fn standard_column(name: &str, mapping: &[(String, usize)]) -> Option<usize> {
    let key = (!mapping.is_empty() || !name.is_ascii()).then(|| vi::key(name));
    let mapped = key
        .as_ref()
        .and_then(|k| mapping.iter().find(|(h, _)| h == k).map(|(_, c)| *c));
    mapped
        .or_else(|| COLUMNS.iter().position(|c| c.eq_ignore_ascii_case(name)))
        .or_else(|| {
            let k = key.unwrap_or_else(|| vi::key(name));
            let column = vi::column_for_header(&k)?;
            COLUMNS.iter().position(|c| *c == column)
        })
}

/// The row errors found so far.
pub(super) struct Sink {
    pub(super) collect_all: bool,
    pub(super) max: usize,
    pub(super) kept: Vec<CsvRowError>,
    pub(super) total: u64,
}

impl Sink {
    /// Records `e`; returns whether reading should stop (stop-at-first mode).
    pub(super) fn push(&mut self, e: CsvRowError) -> bool {
        self.total = self.total.saturating_add(1);
        // Stopping at the first error, that error is kept whatever the
        // limit: with `max_errors` 0 it would be lost, and the rows before
        // it read as the whole file.
        if self.kept.len() < self.max || (!self.collect_all && self.kept.is_empty()) {
            self.kept.push(e);
        }
        !self.collect_all
    }

    /// The final error, if any: with errors sorted by line, the first in
    /// stop-at-first mode, else all of them.
    pub(super) fn finish(mut self) -> Result<(), CsvError> {
        self.kept.sort_by_key(CsvRowError::line);
        if self.collect_all {
            if self.total > 0 {
                return Err(CsvError::Many {
                    errors: self.kept,
                    total: self.total,
                });
            }
            return Ok(());
        }
        match self.kept.into_iter().next() {
            Some(first) => Err(first.into()),
            None => Ok(()),
        }
    }
}

pub(super) struct Importer<'o> {
    pub(super) date: NaiveDate,
    pub(super) options: &'o CsvOptions,
    pub(super) format: CsvFormat,
}

impl<'o> Importer<'o> {
    pub(super) fn new(date: NaiveDate, options: &'o CsvOptions, format: CsvFormat) -> Self {
        Importer {
            date,
            options,
            format,
        }
    }

    /// How far past the end of the last record the reader may read: a
    /// record of the maximum size, its line break and a byte order mark.
    pub(super) fn allowance(&self) -> u64 {
        (self.options.max_record_bytes as u64).saturating_add(8)
    }

    /// The records of `reader`, read as [`Importer::run`] reads them.
    pub(super) fn records<R: Read>(&self, reader: R) -> Records<'_, 'o, R> {
        self.records_buffered(reader, 64 * 1024)
    }

    /// [`Importer::records`] with a buffer of `capacity` bytes (which
    /// changes nothing but how much is copied at a time: the fast reader
    /// starts a small one for a few records).
    pub(super) fn records_buffered<R: Read>(
        &self,
        reader: R,
        capacity: usize,
    ) -> Records<'_, 'o, R> {
        let limited = Limited {
            inner: reader,
            read: 0,
            limit: self.allowance(),
            eof: false,
            last: 0,
        };
        // Only `\n` ends a record: a `\r` before it is trimmed with the
        // field, and csv's line count stays exact for CRLF files.
        let csv = ReaderBuilder::new()
            .delimiter(self.format.separator.byte())
            .has_headers(false)
            .flexible(true)
            .terminator(csv::Terminator::Any(b'\n'))
            .buffer_capacity(capacity)
            .from_reader(limited);
        Records {
            csv,
            importer: self,
        }
    }

    pub(super) fn run<R: Read>(&self, reader: R) -> Result<(Snapshot, BTreeSet<String>), CsvError> {
        let mut records = self.records(reader);
        let mut record = ByteRecord::new();
        if records.next(&mut record)?.is_none() {
            return Err(CsvError::NoHeader);
        }
        let mut normalised = ByteRecord::new();
        let header = if nfc_record(&record, &mut normalised, None) {
            &normalised
        } else {
            &record
        };
        let layout = Layout::from_header(header, self.options, self.format)?;
        let mut snapshot = Snapshot::new(self.date);
        let mut lines: Vec<u64> = Vec::new();
        let mut sink = Sink {
            collect_all: self.options.collect_all,
            max: self.options.max_errors,
            kept: Vec::new(),
            total: 0,
        };
        let mut errors: Vec<CsvRowError> = Vec::new();
        let mut rows: u64 = 0;
        'rows: while let Some(line) = records.next(&mut record)? {
            if rows >= self.options.max_rows {
                return Err(CsvError::TooManyRows {
                    line,
                    max: self.options.max_rows,
                });
            }
            rows += 1;
            if record.as_slice().len() > self.options.max_field_bytes {
                self.check_fields(&record, &layout, line)?;
            }
            if record.len() != layout.width {
                let e = CsvRowError::FieldCount {
                    line,
                    expected: layout.width,
                    found: record.len(),
                };
                if sink.push(e) {
                    break 'rows;
                }
                continue;
            }
            let id_field = layout.standard.get(col::ID).copied().flatten();
            let current = if nfc_record(&record, &mut normalised, id_field) {
                &normalised
            } else {
                &record
            };
            let mut parser = RowParser {
                record: Rec::Csv(current),
                layout: &layout,
                line,
                errors: &mut errors,
            };
            let org = parser.cooperative(self.date.year());
            if !errors.is_empty() {
                let mut stop = false;
                for e in errors.drain(..) {
                    stop |= sink.push(e);
                }
                if stop {
                    break 'rows;
                }
                continue;
            }
            let Some(org) = org else { continue };
            // Ids are checked for duplicates once, at the end: indexing a
            // million ids in one go costs far less than row by row.
            match snapshot.push_unindexed(&org) {
                Ok(()) => lines.push(line),
                Err(source) => {
                    if sink.push(CsvRowError::Rejected { line, source }) {
                        break 'rows;
                    }
                }
            }
        }
        // Duplicates among the rows read: all lie before any error that
        // stopped the reading, and errors are reported in line order.
        for (at, first) in snapshot.rebuild_index() {
            let line_of = |i: usize| lines.get(i).copied().unwrap_or(0);
            sink.push(CsvRowError::DuplicateId {
                line: line_of(at),
                id: snapshot.id_at(at).unwrap_or_default().to_owned(),
                first_line: line_of(first),
            });
        }
        sink.finish()?;
        Ok((snapshot, layout.columns()))
    }

    /// Fails on the first field longer than the limit.
    pub(super) fn check_fields(
        &self,
        record: &ByteRecord,
        layout: &Layout,
        line: u64,
    ) -> Result<(), CsvError> {
        let max = self.options.max_field_bytes;
        for (i, field) in record.iter().enumerate() {
            if field.len() > max {
                return Err(CsvError::FieldTooLong {
                    line,
                    column: layout.column_name(i),
                    len: field.len(),
                    max,
                });
            }
        }
        Ok(())
    }

    fn csv_error(&self, e: csv::Error, line: u64) -> CsvError {
        let message = format!("line {line}: {e}");
        match e.into_kind() {
            csv::ErrorKind::Io(io)
                if io
                    .get_ref()
                    .is_some_and(|inner| inner.is::<RecordTooLong>()) =>
            {
                CsvError::RecordTooLong {
                    line,
                    max: self.options.max_record_bytes,
                }
            }
            csv::ErrorKind::Io(io) => io.into(),
            _ => CsvError::Io {
                kind: io::ErrorKind::InvalidData,
                message,
            },
        }
    }
}

impl Layout {
    /// The columns present: standard ones by name, extensions as written.
    pub(super) fn columns(&self) -> BTreeSet<String> {
        let standard = COLUMNS
            .iter()
            .zip(&self.standard)
            .filter(|(_, p)| p.is_some())
            .map(|(c, _)| (*c).to_owned());
        let extensions = self.extensions.iter().map(|(_, n)| n.clone());
        standard.chain(extensions).collect()
    }

    /// The name of the column at field position `i`, for messages.
    fn column_name(&self, i: usize) -> String {
        if let Some(c) = self.standard.iter().position(|p| *p == Some(i)) {
            return COLUMNS.get(c).copied().unwrap_or_default().to_owned();
        }
        self.extensions
            .iter()
            .find(|(p, _)| *p == i)
            .map_or_else(|| format!("#{}", i + 1), |(_, n)| n.clone())
    }
}

/// The fields of one record (các trường của một bản ghi): a record read by
/// `csv`, or the spans of a line of text that the parallel import's fast
/// reader split itself ([`super::fast`]).
#[derive(Debug, Clone, Copy)]
pub(super) enum Rec<'a> {
    /// A record read by `csv` (its fields not yet known to be UTF-8).
    Csv(&'a ByteRecord),
    /// Fields as byte ranges of `text`, which is valid UTF-8 (each range
    /// starts and ends next to an ASCII separator or line break, so at a
    /// character boundary).
    Spans {
        /// The text the ranges are in.
        text: &'a str,
        /// The fields' ranges, in order.
        spans: &'a [(usize, usize)],
    },
}

impl<'a> Rec<'a> {
    /// The field at position `i`, as bytes.
    #[inline]
    fn get(self, i: usize) -> Option<&'a [u8]> {
        match self {
            Rec::Csv(record) => record.get(i),
            Rec::Spans { text, spans } => {
                let &(a, b) = spans.get(i)?;
                text.as_bytes().get(a..b)
            }
        }
    }

    /// The field at position `i` as text (empty when absent); `Err` when it
    /// is not UTF-8.
    #[inline]
    fn get_str(self, i: usize) -> Result<&'a str, std::str::Utf8Error> {
        match self {
            Rec::Spans { text, spans } => {
                let Some(&(a, b)) = spans.get(i) else {
                    return Ok("");
                };
                match text.get(a..b) {
                    Some(s) => Ok(s),
                    None => std::str::from_utf8(text.as_bytes().get(a..b).unwrap_or_default()),
                }
            }
            Rec::Csv(record) => std::str::from_utf8(record.get(i).unwrap_or_default()),
        }
    }
}

/// Reads one record into a [`Cooperative`], noting every bad field.
pub(super) struct RowParser<'a, 'e> {
    pub(super) record: Rec<'a>,
    pub(super) layout: &'a Layout,
    pub(super) line: u64,
    pub(super) errors: &'e mut Vec<CsvRowError>,
}

impl<'a> RowParser<'a, '_> {
    /// The trimmed bytes of a standard column; empty when the column is
    /// absent.
    #[inline]
    fn raw(&self, c: usize) -> &'a [u8] {
        self.layout
            .standard
            .get(c)
            .copied()
            .flatten()
            .and_then(|i| self.record.get(i))
            .map_or(&[][..], <[u8]>::trim_ascii)
    }

    fn bad(&mut self, column: &str, raw: &[u8], expected: &str) {
        let e = match std::str::from_utf8(raw) {
            Ok(value) => CsvRowError::Value {
                line: self.line,
                column: column.to_owned(),
                value: text::excerpt(value, MAX_QUOTED_CHARS).into_owned(),
                expected: expected.to_owned(),
            },
            Err(_) => CsvRowError::InvalidUtf8 {
                line: self.line,
                column: column.to_owned(),
            },
        };
        self.errors.push(e);
    }

    fn name(c: usize) -> &'static str {
        COLUMNS.get(c).copied().unwrap_or_default()
    }

    /// A text column: valid UTF-8, possibly empty.
    fn text(&mut self, c: usize) -> Option<&'a str> {
        let field = match self.layout.standard.get(c).copied().flatten() {
            Some(i) => self.record.get_str(i),
            None => Ok(""),
        };
        match field {
            Ok(s) => Some(s.trim_ascii()),
            Err(_) => {
                self.errors.push(CsvRowError::InvalidUtf8 {
                    line: self.line,
                    column: Self::name(c).to_owned(),
                });
                None
            }
        }
    }

    /// A text column that must not be empty.
    fn required_text(&mut self, c: usize) -> Option<&'a str> {
        let s = self.text(c)?;
        if s.is_empty() {
            self.bad(Self::name(c), b"", EXPECT_TEXT);
            return None;
        }
        Some(s)
    }

    fn code<T: Copy>(
        &mut self,
        c: usize,
        all: &[T],
        codes: &[&str],
        words: &[(&str, T)],
        expected: &str,
    ) -> Option<T> {
        let raw = self.raw(c);
        let found = codes
            .iter()
            .position(|code| code.as_bytes().eq_ignore_ascii_case(raw))
            .and_then(|i| all.get(i).copied())
            .or_else(|| vi::lookup(words, raw));
        if found.is_none() {
            self.bad(Self::name(c), raw, expected);
        }
        found
    }

    fn date(&mut self, c: usize) -> Option<NaiveDate> {
        let raw = self.raw(c);
        let d = parse_date(raw);
        if d.is_none() {
            self.bad(Self::name(c), raw, EXPECT_DATE);
        }
        d
    }

    /// `Ok(None)` for an empty field, `Err(())` for a bad one (noted).
    #[inline]
    fn optional<T>(
        &mut self,
        c: usize,
        parse: impl Fn(&[u8]) -> Option<T>,
        expected: &str,
    ) -> Result<Option<T>, ()> {
        let raw = self.raw(c);
        if raw.is_empty() {
            return Ok(None);
        }
        match parse(raw) {
            Some(v) => Ok(Some(v)),
            None => {
                self.bad(Self::name(c), raw, expected);
                Err(())
            }
        }
    }

    fn flag(&mut self, c: usize) -> bool {
        self.optional(c, parse_bool, EXPECT_BOOL)
            .ok()
            .flatten()
            .unwrap_or(false)
    }

    fn count(&mut self, c: usize) -> Option<u32> {
        if self.layout.vi_numbers {
            self.optional(c, parse_count_vi, EXPECT_COUNT_VI)
        } else {
            self.optional(c, parse_count, EXPECT_COUNT)
        }
        .ok()
        .flatten()
    }

    fn money(&mut self, c: usize) -> Option<Decimal> {
        if self.layout.vi_numbers {
            self.optional(c, parse_decimal_vi, EXPECT_MONEY_VI)
        } else {
            self.optional(c, parse_decimal, EXPECT_MONEY)
        }
        .ok()
        .flatten()
    }

    /// Reads a built-in numeric field into `numbers`.
    #[inline]
    fn number(&mut self, field: NumericField, numbers: &mut Numbers) {
        let c = col::numeric(field);
        match field.slot() {
            Slot::Count(i) => {
                let v = self.count(c);
                if let Some(slot) = numbers.counts.get_mut(i) {
                    *slot = v;
                }
            }
            Slot::Money(i) => {
                let v = self.money(c);
                if let Some(slot) = numbers.money.get_mut(i) {
                    *slot = v;
                }
            }
        }
    }

    fn id(&mut self) -> Option<&'a str> {
        let s = self.text(col::ID)?;
        if OrgId::check(s).is_err() {
            self.bad("id", s.as_bytes(), EXPECT_ID);
            return None;
        }
        Some(s)
    }

    fn extensions(&mut self) -> Vec<(&'a str, ExtValue)> {
        let mut out = Vec::new();
        let layout = self.layout;
        for (i, name) in &layout.extensions {
            let raw = self.record.get(*i).map_or(&[][..], <[u8]>::trim_ascii);
            if raw.is_empty() {
                continue;
            }
            // Numbers before the Vietnamese words for yes and no: no such
            // word is a number, and looking a word up costs more.
            let value = if raw.eq_ignore_ascii_case(b"true") {
                ExtValue::Bool(true)
            } else if raw.eq_ignore_ascii_case(b"false") {
                ExtValue::Bool(false)
            } else if let Some(n) = if layout.vi_numbers {
                parse_decimal_vi(raw)
            } else {
                parse_decimal(raw)
            } {
                ExtValue::Number(n)
            } else if let Some(b) = vi::lookup(vi::BOOLS, raw) {
                ExtValue::Bool(b)
            } else {
                self.bad(name, raw, EXPECT_EXT);
                continue;
            };
            out.push((name.as_str(), value));
        }
        out
    }

    /// The record, or `None` with its problems in `errors`.
    pub(super) fn cooperative(&mut self, year: i32) -> Option<OrgInput<'a>> {
        let id = self.id();
        let name = self.required_text(col::NAME);
        let kind = self.code(
            col::KIND,
            &OrgKind::ALL,
            &OrgKind::CODES,
            vi::KINDS,
            EXPECT_KIND,
        );
        let sector = self.code(
            col::SECTOR,
            &Sector::ALL,
            &Sector::CODES,
            vi::SECTORS,
            EXPECT_SECTOR,
        );
        let province = self.required_text(col::PROVINCE);
        let district = self
            .text(col::DISTRICT)
            .map(|d| (!d.is_empty()).then_some(d));
        let commune = self.required_text(col::COMMUNE);
        let established = self.date(col::ESTABLISHED);
        let dissolved = self.optional(col::DISSOLVED, parse_date, EXPECT_DATE_OR_EMPTY);
        let status = self.code(
            col::STATUS,
            &OrgStatus::ALL,
            &OrgStatus::CODES,
            vi::STATUSES,
            EXPECT_STATUS,
        );
        let mut numbers = Numbers::EMPTY;
        for &field in NumericField::before_ratings() {
            self.number(field, &mut numbers);
        }
        let rating = self.optional(col::RATING, parse_rating, EXPECT_RATING);
        let mut flags = Flags::empty();
        for (c, flag) in [
            (col::VALUE_CHAIN, Flag::ValueChain),
            (col::HIGH_TECH, Flag::HighTech),
            (col::DIGITAL, Flag::Digital),
            (col::FEMALE_DIRECTOR, Flag::FemaleDirector),
            (col::PAPER_ONLY, Flag::PaperOnly),
        ] {
            if self.flag(c) {
                flags.insert(flag);
            }
        }
        for &field in NumericField::after_flags() {
            self.number(field, &mut numbers);
        }
        let extensions = if self.layout.extensions.is_empty() {
            Vec::new()
        } else {
            self.extensions()
        };
        if !self.errors.is_empty() {
            return None;
        }
        let (
            Some(id),
            Some(name),
            Some(kind),
            Some(sector),
            Some(province),
            Some(district),
            Some(commune),
            Some(established),
            Ok(dissolved),
            Some(status),
            Ok(rating),
        ) = (
            id,
            name,
            kind,
            sector,
            province,
            district,
            commune,
            established,
            dissolved,
            status,
            rating,
        )
        else {
            return None;
        };
        Some(OrgInput {
            id,
            name,
            kind,
            sector,
            province,
            district,
            commune,
            established,
            dissolved,
            status,
            numbers,
            ratings: RatingsIn::One(rating.map(|r| (year, r))),
            flags,
            extensions: ExtensionsIn::List(extensions),
        })
    }
}

/// Puts `record` into `out` with every UTF-8 field but the one at `keep`
/// (the id, kept exactly as written) in NFC, and says so; false, leaving
/// `out` alone, when those fields already are in NFC (one quick scan for
/// ASCII and composed text).
pub(super) fn nfc_record(record: &ByteRecord, out: &mut ByteRecord, keep: Option<usize>) -> bool {
    // One pass over the record's bytes: ASCII and composed Vietnamese need
    // nothing (the common case, at the cost of one byte loop per row).
    if text::is_quick_nfc_bytes(record.as_slice()) {
        return false;
    }
    let quick = |(i, field): (usize, &[u8])| {
        Some(i) == keep || std::str::from_utf8(field).map_or(true, text::is_quick_nfc_str)
    };
    if record.iter().enumerate().all(quick) {
        return false;
    }
    out.clear();
    for (i, field) in record.iter().enumerate() {
        match std::str::from_utf8(field) {
            Ok(s) if Some(i) != keep => out.push_field(text::nfc(s).as_bytes()),
            _ => out.push_field(field),
        }
    }
    out.set_position(record.position().cloned());
    true
}

#[inline]
fn parse_rating(raw: &[u8]) -> Option<Rating> {
    Rating::CODES
        .iter()
        .position(|code| code.as_bytes().eq_ignore_ascii_case(raw))
        .and_then(|i| Rating::ALL.get(i).copied())
        .or_else(|| vi::lookup(vi::RATINGS, raw))
}

/// `true`, `false`, `1` or `0`, in any ASCII case.
#[inline]
pub(crate) fn parse_bool(raw: &[u8]) -> Option<bool> {
    if raw == b"1" || raw.eq_ignore_ascii_case(b"true") {
        Some(true)
    } else if raw == b"0" || raw.eq_ignore_ascii_case(b"false") {
        Some(false)
    } else {
        vi::lookup(vi::BOOLS, raw)
    }
}

/// `YYYY-MM-DD` or `dd/mm/yyyy` (day and month of one or two digits), a
/// real day.
#[inline]
pub(crate) fn parse_date(raw: &[u8]) -> Option<NaiveDate> {
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = raw else {
        return parse_date_dmy(raw);
    };
    let digit = |b: u8| b.is_ascii_digit().then(|| u32::from(b - b'0'));
    let year = digit(y0)? * 1000 + digit(y1)? * 100 + digit(y2)? * 10 + digit(y3)?;
    let month = digit(m0)? * 10 + digit(m1)?;
    let day = digit(d0)? * 10 + digit(d1)?;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// `dd/mm/yyyy`, `d/m/yyyy`: how Vietnamese write dates.
fn parse_date_dmy(raw: &[u8]) -> Option<NaiveDate> {
    let mut parts = raw.split(|&b| b == b'/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || !(1..=2).contains(&d.len())
        || !(1..=2).contains(&m.len())
        || y.len() != 4
    {
        return None;
    }
    let day = parse_count(d)?;
    let month = parse_count(m)?;
    let year = parse_count(y)?;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// The digits of a number in the Vietnamese format (`.` between groups of
/// three digits, the first of one to three, or no `.` at all; `,` before
/// the decimals), the `,` as `.`, in `out`; `None` when the groups are
/// wrong.
fn vi_digits(raw: &[u8], out: &mut [u8; 64]) -> Option<usize> {
    let (sign, body) = match raw.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, raw),
    };
    let (int, frac) = match body.iter().position(|&b| b == b',') {
        Some(i) => (body.get(..i)?, Some(body.get(i + 1..)?)),
        None => (body, None),
    };
    let mut n = 0;
    let mut push = |b: u8, n: &mut usize| -> Option<()> {
        *out.get_mut(*n)? = b;
        *n += 1;
        Some(())
    };
    if sign {
        push(b'-', &mut n)?;
    }
    let groups: Vec<&[u8]> = int.split(|&b| b == b'.').collect();
    let grouped = groups.len() > 1;
    for (i, g) in groups.iter().enumerate() {
        let ok_len = if !grouped {
            !g.is_empty()
        } else if i == 0 {
            (1..=3).contains(&g.len())
        } else {
            g.len() == 3
        };
        if !ok_len || !g.iter().all(u8::is_ascii_digit) {
            return None;
        }
        for &b in *g {
            push(b, &mut n)?;
        }
    }
    if let Some(frac) = frac {
        if frac.is_empty() || !frac.iter().all(u8::is_ascii_digit) {
            return None;
        }
        push(b'.', &mut n)?;
        for &b in frac {
            push(b, &mut n)?;
        }
    }
    Some(n)
}

/// A decimal in the Vietnamese format: `2.467.522.500`, `44.402.000,5`,
/// `1500000000,5`.
pub(crate) fn parse_decimal_vi(raw: &[u8]) -> Option<Decimal> {
    let mut buf = [0u8; 64];
    let n = vi_digits(raw, &mut buf)?;
    parse_decimal(buf.get(..n)?)
}

/// A whole number in the Vietnamese format: `1.200`, `278000`.
pub(crate) fn parse_count_vi(raw: &[u8]) -> Option<u32> {
    let mut buf = [0u8; 64];
    let n = vi_digits(raw, &mut buf)?;
    parse_count(buf.get(..n)?)
}

/// A whole number from 0 to `u32::MAX - 1` in decimal digits.
#[inline]
pub(crate) fn parse_count(raw: &[u8]) -> Option<u32> {
    if raw.is_empty() {
        return None;
    }
    let mut n: u32 = 0;
    for &b in raw {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
    }
    (n != u32::MAX).then_some(n)
}

/// A plain decimal: an optional `-`, digits, and optionally `.` and more
/// digits; at most 28 digits after the point and 96 bits of mantissa.
#[inline]
pub(crate) fn parse_decimal(raw: &[u8]) -> Option<Decimal> {
    let (negative, digits) = match raw.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, raw),
    };
    let mut mantissa: u128 = 0;
    let mut int_digits = 0usize;
    let mut scale = 0u32;
    let mut point = false;
    // Up to 38 characters cannot overflow 128 bits (10^38 < 2^127): only
    // longer inputs pay for checked arithmetic.
    let short = digits.len() <= 38;
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                let digit = u128::from(b - b'0');
                mantissa = if short {
                    mantissa * 10 + digit
                } else {
                    mantissa.checked_mul(10)?.checked_add(digit)?
                };
                if point {
                    scale += 1;
                } else {
                    int_digits += 1;
                }
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if int_digits == 0 || (point && scale == 0) || scale > 28 {
        return None;
    }
    let m = i128::try_from(mantissa).ok()?;
    Decimal::try_from_i128_with_scale(if negative { -m } else { m }, scale).ok()
}
