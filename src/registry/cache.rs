//! The binary snapshot cache (bản lưu nhị phân của số liệu đăng ký): a
//! compact, versioned, checked form of snapshots that loads much faster
//! than their CSV (feature `snapshot-cache`).
//!
//! A file is, in this order:
//!
//! | bytes | what |
//! |---|---|
//! | 8 | [`MAGIC`], `\x89HOPTAC\n` |
//! | 2 | [`FORMAT_VERSION`], little-endian: this framing |
//! | 2 | [`LAYOUT_VERSION`], little-endian: the payload's fields |
//! | 8 | the payload's length in bytes, little-endian |
//! | n | the payload: how many snapshots, then each, column by column |
//! | 8 | a checksum of the payload (an xxh64-style hash over its 64-bit words), little-endian |
//!
//! Layout 2 (this build): each snapshot is a block holding its header in
//! `postcard` (date, the source's columns, the count and money fields, the
//! place and extension names, how many organisations, amounts, ratings
//! and extension values), then every column as a block of fixed-width
//! little-endian entries: ids and names as UTF-8 with the `u32` byte where
//! each ends, one byte per code, `i32` day numbers, the distinct locations
//! once (three `u32` place indexes each) and each organisation's `u32`
//! index into them, `u32` counts, 16 bytes per decimal. A block is its length in bytes (a
//! little-endian `u64`) and its bytes; the length of every column must be
//! its entries' width times their number. Layout 1 (earlier builds of
//! 0.2.0, varints throughout) is refused with [`CacheError::Version`],
//! which says to write the file again.
//!
//! Everything about the snapshots' memory layout that the file depends on
//! is converted here, in this one module: the rows are written column by
//! column (each count, each date, each place index as one column), so the
//! file does not change when the rows in memory do.
//!
//! Loading checks everything it rebuilds: the magic bytes and both
//! versions, the length, the checksum, then every index into the place and
//! extension-name tables, every rating and extension range, every code,
//! date, id and text, and that ids are unique. Nothing is trusted because
//! the checksum matched: the checksum catches damage, the checks catch a
//! file written by something else. A length prefix in the payload never
//! allocates more than the bytes that remain. Then the derived parts are
//! rebuilt: the id index, the place and extension-name lookups, the
//! fingerprint and each organisation's rating for the snapshot's year.
//!
//! [`Snapshot::read_binary`] and [`Registry::read_binary`] read a file as
//! a stream, never holding all of its bytes: a chunk of 255 KiB at a time
//! into one buffer, the checksum folded over each chunk as it comes, the
//! ids and names checked as UTF-8 chunk by chunk straight into their
//! arenas, the counts converted as they come, the ids checked and indexed
//! on a second core while the other columns are read (that core first
//! faults in the memory the rows and columns are built in, sized by the
//! ids actually read, so that the reading thread does not). They make the same
//! checks as [`read()`] and give the same errors: the file's length, then
//! the checksum, then the framing of every snapshot, then the entries.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::io::{Read, Write};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::amounts::{pack_bytes, unpack, AmountColumn};
use super::idhash::IdHasher;
use super::idindex::IdIndex;
use super::store::{id_fingerprint, Interner, StringArena, NO_DATE, NO_RATING};
use super::{Hot, Locations, Place, Registry, Row, Snapshot, NONE_U32};
use crate::engine::pred::CatKey;
use crate::org::{
    ExtValue, Flags, NumericField, OrgId, OrgKind, OrgStatus, Rating, Sector, Slot, N_COUNTS,
    N_MONEY,
};
use crate::Lang;

/// The first bytes of every snapshot file: `\x89HOPTAC\n`. The first byte
/// is not ASCII, so a text file is never taken for one, and the newline
/// shows a file mangled by a text-mode transfer.
///
/// ```
/// assert_eq!(&hoptac::cache::MAGIC[1..7], b"HOPTAC");
/// ```
pub const MAGIC: [u8; 8] = *b"\x89HOPTAC\n";

/// The version of the file's framing (phiên bản định dạng tệp): magic,
/// versions, length, payload, checksum. Files of another version are
/// refused.
///
/// ```
/// assert_eq!(hoptac::cache::FORMAT_VERSION, 1);
/// ```
pub const FORMAT_VERSION: u16 = 1;

/// The version of the payload's layout (phiên bản bố cục dữ liệu): which
/// columns it has and how each is encoded. It changes whenever they do;
/// files of another layout are refused, never read differently.
///
/// ```
/// assert_eq!(hoptac::cache::LAYOUT_VERSION, 2);
/// ```
pub const LAYOUT_VERSION: u16 = 2;

/// Magic, two versions and the length.
const HEADER: usize = 8 + 2 + 2 + 8;
/// The checksum.
const FOOTER: usize = 8;

/// Why a snapshot file could not be read or written (lỗi tệp số liệu nhị
/// phân). `Display` is English; [`CacheError::text`] gives Vietnamese too.
///
/// ```
/// use hoptac::{Lang, Snapshot};
/// let err = Snapshot::read_binary(&b"id,name\nhtx-1,HTX A\n"[..]).unwrap_err();
/// assert_eq!(err.to_string(), "not a hoptac snapshot file: it starts with `id,name\\n`, expected the bytes `\\x89HOPTAC\\n`");
/// assert_eq!(err.text(Lang::Vi), "không phải tệp số liệu nhị phân của hoptac: tệp bắt đầu bằng `id,name\\n`, cần các byte `\\x89HOPTAC\\n`");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CacheError {
    /// Reading or writing failed.
    #[error("i/o error: {message}")]
    Io {
        /// What the system said.
        message: String,
    },
    /// The file is shorter than the smallest snapshot file.
    #[error("the file has {len} bytes: a snapshot file has at least {min}")]
    TooShort {
        /// Its length.
        len: usize,
        /// The least a file has: header and checksum.
        min: usize,
    },
    /// The file does not start with [`MAGIC`].
    #[error("not a hoptac snapshot file: it starts with `{}`, expected the bytes `{}`", show_bytes(.found), show_bytes(&MAGIC))]
    Magic {
        /// Its first bytes.
        found: Vec<u8>,
    },
    /// A format or layout version this build does not read.
    #[error("{part} version {found} of the snapshot file is not read by this build, which reads version {supported}{}", if .found > .supported { ": the file was written by a newer hoptac" } else { ": the file was written by an older hoptac; write it again from its source (`plan_check --write-snapshot`, `Snapshot::write_binary`)" })]
    Version {
        /// `format` or `layout`.
        part: &'static str,
        /// The file's version.
        found: u16,
        /// The one this build reads.
        supported: u16,
    },
    /// The length in the header is not what the file holds: cut short, or
    /// with bytes after the checksum.
    #[error("the header gives a payload of {declared} bytes, but the file holds {actual} between header and checksum: the file is cut short or has extra bytes")]
    Length {
        /// The length the header gives.
        declared: u64,
        /// The bytes there are.
        actual: u64,
    },
    /// The payload is not what was written: the file is damaged.
    #[error("checksum mismatch: the file records {stored:#018x}, the payload hashes to {computed:#018x}: the file is damaged")]
    Checksum {
        /// The checksum in the file.
        stored: u64,
        /// The checksum of the payload as read.
        computed: u64,
    },
    /// The payload cannot be decoded.
    #[error("the payload cannot be decoded: {message}")]
    Decode {
        /// What the decoder said.
        message: String,
    },
    /// A value in the payload is out of range or inconsistent.
    #[error("snapshot {snapshot}, {path}: found {found}, expected {expected}")]
    Invalid {
        /// The snapshot's position in the file (0-based).
        snapshot: usize,
        /// Where in it: a column, an organisation's field.
        path: String,
        /// The bad value.
        found: String,
        /// What was expected.
        expected: String,
    },
    /// [`Snapshot::read_binary`] on a file that does not hold exactly one
    /// snapshot.
    #[error("the file holds {found} snapshots, expected 1: read it with `Registry::read_binary`")]
    NotOne {
        /// How many it holds.
        found: usize,
    },
}

impl CacheError {
    /// The error for people, in `lang`.
    ///
    /// ```
    /// use hoptac::{Lang, cache::CacheError};
    /// let err = CacheError::Checksum { stored: 1, computed: 2 };
    /// assert_eq!(err.text(Lang::Vi), "sai tổng kiểm tra: tệp ghi 0x0000000000000001, dữ liệu đọc được cho 0x0000000000000002: tệp bị hỏng");
    /// assert_eq!(err.text(Lang::En), err.to_string());
    /// ```
    pub fn text(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            CacheError::Io { message } => format!("lỗi đọc ghi: {message}"),
            CacheError::TooShort { len, min } => {
                format!("tệp có {len} byte: tệp số liệu nhị phân có ít nhất {min} byte")
            }
            CacheError::Magic { found } => format!(
                "không phải tệp số liệu nhị phân của hoptac: tệp bắt đầu bằng `{}`, cần các byte `{}`",
                show_bytes(found),
                show_bytes(&MAGIC)
            ),
            CacheError::Version {
                part,
                found,
                supported,
            } => {
                let part = if *part == "format" {
                    "định dạng"
                } else {
                    "bố cục"
                };
                let newer = if found > supported {
                    ": tệp do một phiên bản hoptac mới hơn ghi"
                } else {
                    ": tệp do một phiên bản hoptac cũ hơn ghi; hãy ghi lại tệp từ nguồn của nó (`plan_check --write-snapshot`, `Snapshot::write_binary`)"
                };
                format!("phiên bản {part} {found} của tệp số liệu không đọc được bằng bản này, bản này đọc phiên bản {supported}{newer}")
            }
            CacheError::Length { declared, actual } => format!(
                "phần đầu ghi dữ liệu dài {declared} byte, nhưng tệp có {actual} byte giữa phần đầu và tổng kiểm tra: tệp bị cắt hoặc thừa byte"
            ),
            CacheError::Checksum { stored, computed } => format!(
                "sai tổng kiểm tra: tệp ghi {stored:#018x}, dữ liệu đọc được cho {computed:#018x}: tệp bị hỏng"
            ),
            CacheError::Decode { message } => {
                format!("không giải mã được dữ liệu: {message}")
            }
            CacheError::Invalid {
                snapshot,
                path,
                found,
                expected,
            } => format!("số liệu thứ {snapshot}, {path}: gặp {found}, cần {expected}"),
            CacheError::NotOne { found } => format!(
                "tệp chứa {found} bộ số liệu, cần đúng 1: đọc bằng `Registry::read_binary`"
            ),
        }
    }
}

impl From<std::io::Error> for CacheError {
    fn from(e: std::io::Error) -> Self {
        CacheError::Io {
            message: e.to_string(),
        }
    }
}

/// Bytes for an error message: printable ASCII as it is, the rest escaped.
fn show_bytes(bytes: &[u8]) -> String {
    bytes
        .iter()
        .flat_map(|b| b.escape_ascii())
        .map(char::from)
        .collect()
}

/// One snapshot read from a file (số liệu đọc từ tệp), with the columns
/// its source had when they were recorded.
///
/// The columns matter to the check that a registry holds what a plan reads
/// ([`missing_columns`](crate::csv::missing_columns)): a snapshot read
/// from CSV without a `rating` column has no ratings, which is not the same
/// as having no good cooperatives.
///
/// ```
/// use std::collections::BTreeSet;
/// use hoptac::cache;
/// use hoptac::generate::{snapshot, GeneratorConfig};
/// let snap = snapshot(&GeneratorConfig::nghe_an(10, 1, "2025-12-31".parse()?));
/// let columns: BTreeSet<String> = ["id", "name", "kind"].map(String::from).into();
/// let mut bytes = Vec::new();
/// cache::write(&mut bytes, [(&snap, Some(&columns))])?;
/// let back = cache::read(&bytes)?;
/// assert_eq!(back.len(), 1);
/// assert_eq!(back[0].snapshot, snap);
/// assert_eq!(back[0].columns.as_ref(), Some(&columns));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CachedSnapshot {
    /// The snapshot.
    pub snapshot: Snapshot,
    /// The columns its source had, as [`Import::columns`](crate::csv::Import::columns)
    /// gives them; `None` when the writer did not record them.
    pub columns: Option<BTreeSet<String>>,
}

/// Writes snapshots, each with the columns its source had (when known),
/// as one snapshot file (ghi tệp số liệu nhị phân).
///
/// # Errors
///
/// [`CacheError::Io`] when writing fails.
///
/// ```
/// use hoptac::{cache, Snapshot};
/// let a = Snapshot::new("2024-12-31".parse()?);
/// let b = Snapshot::new("2025-12-31".parse()?);
/// let mut bytes = Vec::new();
/// cache::write(&mut bytes, [(&a, None), (&b, None)])?;
/// assert_eq!(&bytes[..8], &cache::MAGIC);
/// assert_eq!(cache::read(&bytes)?.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write<'a>(
    mut w: impl Write,
    snapshots: impl IntoIterator<Item = (&'a Snapshot, Option<&'a BTreeSet<String>>)>,
) -> Result<(), CacheError> {
    let bytes = encode(snapshots)?;
    let mut header = [0u8; HEADER];
    header[..8].copy_from_slice(&MAGIC);
    header[8..10].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
    header[10..12].copy_from_slice(&LAYOUT_VERSION.to_le_bytes());
    header[12..20].copy_from_slice(&(bytes.len() as u64).to_le_bytes());
    w.write_all(&header)?;
    w.write_all(&bytes)?;
    w.write_all(&checksum(&bytes).to_le_bytes())?;
    w.flush()?;
    Ok(())
}

/// Reads every snapshot of a snapshot file, with the columns recorded
/// for each (đọc tệp số liệu nhị phân); see [`write()`].
///
/// # Errors
///
/// [`CacheError`] for a file that is not a snapshot file, of another
/// version, cut short, damaged, or whose payload is inconsistent; the
/// error says what was found and what was expected.
///
/// ```
/// use hoptac::{cache, cache::CacheError, Snapshot};
/// let mut bytes = Snapshot::new("2025-12-31".parse()?).to_binary();
/// assert_eq!(cache::read(&bytes)?[0].snapshot.date().to_string(), "2025-12-31");
/// let last = bytes.len() - 1;
/// bytes[last] ^= 1; // damage the checksum
/// assert!(matches!(cache::read(&bytes), Err(CacheError::Checksum { .. })));
/// bytes.truncate(10);
/// assert_eq!(cache::read(&bytes).unwrap_err().to_string(), "the file has 10 bytes: a snapshot file has at least 28");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read(bytes: &[u8]) -> Result<Vec<CachedSnapshot>, CacheError> {
    let (payload, stored) = payload_of(bytes)?;
    // Cutting the payload into blocks is cheap; its errors wait for the
    // checksum, which wins over whatever the decoder said.
    let decoded = blocks_of(payload);
    let blocks = decoded.as_deref().unwrap_or(&[]);
    // Two jobs: every snapshot's ids and names (UTF-8, id checks,
    // fingerprint, id index) on a second core, every other column on this
    // one; the checksum after either, by whichever finishes first. Loading
    // a damaged payload is safe (bounded, no panic): its result is dropped
    // when the checksum does not match.
    let claimed = std::sync::atomic::AtomicBool::new(false);
    let sum_if_first =
        || (!claimed.swap(true, std::sync::atomic::Ordering::Relaxed)).then(|| checksum(payload));
    let ids_job = || {
        let ids = blocks.iter().map(Blocks::index_ids).collect::<Vec<_>>();
        (ids, sum_if_first())
    };
    let parts_job = || {
        let parts = blocks.iter().map(Blocks::parts).collect::<Vec<_>>();
        (parts, sum_if_first())
    };
    let ((ids, sum_a), (parts, sum_b)) = if payload.len() >= 1 << 20 {
        std::thread::scope(|scope| {
            let spawned = std::thread::Builder::new().spawn_scoped(scope, ids_job);
            let parts = parts_job();
            let ids = match spawned {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
                Err(_) => ids_job(),
            };
            (ids, parts)
        })
    } else {
        (ids_job(), parts_job())
    };
    // Exactly one job computed it.
    let computed = sum_a.or(sum_b).unwrap_or_else(|| checksum(payload));
    if stored != computed {
        return Err(CacheError::Checksum { stored, computed });
    }
    decoded?;
    ids.into_iter()
        .zip(parts)
        .map(|(i, p)| assemble(i, p))
        .collect()
}

/// Checks the framing; returns the payload and the checksum recorded.
fn payload_of(bytes: &[u8]) -> Result<(&[u8], u64), CacheError> {
    let declared = framing(bytes, bytes.len())?;
    let body = &bytes[HEADER..];
    let (payload, stored) = body.split_at(body.len() - FOOTER);
    if declared != payload.len() as u64 {
        return Err(CacheError::Length {
            declared,
            actual: payload.len() as u64,
        });
    }
    Ok((payload, u64_at(stored, 0)))
}

/// Checks the magic bytes, that a file of `len` bytes can be a snapshot
/// file, and both versions, from the file's first bytes (all of them, or
/// at least the header); returns the payload's length the header
/// declares.
fn framing(bytes: &[u8], len: usize) -> Result<u64, CacheError> {
    let too_short = || CacheError::TooShort {
        len,
        min: HEADER + FOOTER,
    };
    let magic = bytes.get(..MAGIC.len()).unwrap_or(bytes);
    if magic != MAGIC {
        // A short file that is not even a prefix of the magic is no
        // snapshot file; a prefix of it is one cut short.
        if magic.len() == MAGIC.len() || !MAGIC.starts_with(magic) {
            return Err(CacheError::Magic {
                found: magic.to_vec(),
            });
        }
        return Err(too_short());
    }
    if len < HEADER + FOOTER || bytes.len() < HEADER {
        return Err(too_short());
    }
    let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]);
    for (part, at, supported) in [
        ("format", 8, FORMAT_VERSION),
        ("layout", 10, LAYOUT_VERSION),
    ] {
        let found = u16_at(at);
        if found != supported {
            return Err(CacheError::Version {
                part,
                found,
                supported,
            });
        }
    }
    Ok(u64_at(bytes, 12))
}

/// The little-endian `u64` at `at`; zero past the end (never reached: the
/// callers checked the length).
fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    if let Some(b) = bytes.get(at..at + 8) {
        word.copy_from_slice(b);
    }
    u64::from_le_bytes(word)
}

const P1: u64 = 0x9E37_79B1_85EB_CA87;
const P2: u64 = 0xC2B2_AE3D_27D4_EB4F;
const P3: u64 = 0x1656_67B1_9E37_79F9;
const P4: u64 = 0x85EB_CA77_C2B2_AE63;

/// One step of a lane: a bijection of the lane for each word, so that
/// changing any one word changes the lane.
#[inline(always)]
fn round(lane: u64, word: u64) -> u64 {
    lane.wrapping_add(word.wrapping_mul(P2))
        .rotate_left(31)
        .wrapping_mul(P1)
}

/// The checksum of the payload: xxh64's structure (four independent lanes
/// over 64-bit little-endian words, merged, then the length and the last
/// bytes, then the avalanche), written here rather than taken from a crate.
/// It is for damage, not for tampering: any change of one 64-bit word
/// changes it; other changes are missed with odds of about 2^-64.
///
/// The checksum of the payload (tổng kiểm tra) that a file records after
/// it: public so that other tools can check or write files.
///
/// ```
/// use hoptac::{cache, Snapshot};
/// let file = Snapshot::new("2025-12-31".parse()?).to_binary();
/// let payload = &file[20..file.len() - 8];
/// let recorded = u64::from_le_bytes(file[file.len() - 8..].try_into()?);
/// assert_eq!(cache::checksum(payload), recorded);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(32);
    let mut lanes = LANES;
    for chunk in &mut chunks {
        stripe(&mut lanes, chunk);
    }
    let lanes = (bytes.len() >= 32).then_some(lanes);
    checksum_end(lanes, bytes.len() as u64, chunks.remainder())
}

/// The lanes of [`checksum`] before the first stripe.
const LANES: [u64; 4] = [P1.wrapping_add(P2), P2, 0, 0u64.wrapping_sub(P1)];

/// The little-endian word of 8 bytes (every caller gives 8 exactly).
#[inline(always)]
fn word(b: &[u8]) -> u64 {
    <[u8; 8]>::try_from(b).map_or(0, u64::from_le_bytes)
}

/// One stripe of 32 bytes into the four lanes.
#[inline(always)]
fn stripe(lanes: &mut [u64; 4], chunk: &[u8]) {
    for (lane, w) in lanes.iter_mut().zip(chunk.chunks_exact(8)) {
        *lane = round(*lane, word(w));
    }
}

/// The end of [`checksum`]: the lanes merged (`None` for fewer than 32
/// bytes in all), the length, the last bytes (under 32), the avalanche.
fn checksum_end(lanes: Option<[u64; 4]>, len: u64, rest: &[u8]) -> u64 {
    let mut h = if let Some(lanes) = lanes {
        let [a, b, c, d] = lanes;
        let mut h = a
            .rotate_left(1)
            .wrapping_add(b.rotate_left(7))
            .wrapping_add(c.rotate_left(12))
            .wrapping_add(d.rotate_left(18));
        for lane in lanes {
            h = (h ^ round(0, lane)).wrapping_mul(P1).wrapping_add(P4);
        }
        h
    } else {
        P3
    };
    h = h.wrapping_add(len);
    let mut words = rest.chunks_exact(8);
    for w in &mut words {
        h = (h ^ round(0, word(w)))
            .rotate_left(27)
            .wrapping_mul(P1)
            .wrapping_add(P4);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b).wrapping_mul(0x27D4_EB2F_1656_67C5))
            .rotate_left(11)
            .wrapping_mul(P1);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(P2);
    h ^= h >> 29;
    h = h.wrapping_mul(P3);
    h ^ (h >> 32)
}

impl Snapshot {
    /// Writes the snapshot in the binary cache form (ghi số liệu dạng nhị
    /// phân): compact, versioned and checked, and read back by
    /// [`Snapshot::read_binary`] many times faster than CSV (feature
    /// `snapshot-cache`; the format is described in [`hoptac::cache`](crate::cache)).
    ///
    /// # Errors
    ///
    /// [`CacheError::Io`] when writing fails.
    ///
    /// ```
    /// use hoptac::Snapshot;
    /// use hoptac::generate::{snapshot, GeneratorConfig};
    /// let snap = snapshot(&GeneratorConfig::nghe_an(1_000, 7, "2025-12-31".parse()?));
    /// let mut file = Vec::new();
    /// snap.write_binary(&mut file)?;
    /// let back = Snapshot::read_binary(file.as_slice())?;
    /// assert_eq!(back, snap);
    /// assert_eq!(back.fingerprint(), snap.fingerprint());
    /// assert_eq!(back.position("na-000500"), snap.position("na-000500"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_binary(&self, w: impl Write) -> Result<(), CacheError> {
        write(w, [(self, None)])
    }

    /// The snapshot in the binary cache form, as bytes; see
    /// [`Snapshot::write_binary`].
    ///
    /// ```
    /// use hoptac::Snapshot;
    /// let snap = Snapshot::new("2025-12-31".parse()?);
    /// let bytes = snap.to_binary();
    /// assert_eq!(&bytes[..8], &hoptac::cache::MAGIC);
    /// assert_eq!(Snapshot::read_binary(&bytes[..])?, snap);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_binary(&self) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing to a `Vec` cannot fail.
        let _ = self.write_binary(&mut out);
        out
    }

    /// Reads a snapshot written by [`Snapshot::write_binary`] (đọc số liệu
    /// dạng nhị phân), checking it and rebuilding its indexes. The reader
    /// is read as a stream, a chunk at a time (see [`hoptac::cache`](crate::cache)):
    /// no buffer of the whole file; wrapping a file in a `BufReader` only
    /// adds a copy.
    ///
    /// # Errors
    ///
    /// [`CacheError`]: not a snapshot file, another version, cut short,
    /// damaged, inconsistent, or ([`CacheError::NotOne`]) a file of several
    /// snapshots, which [`Registry::read_binary`] reads.
    ///
    /// ```
    /// use hoptac::{cache::CacheError, Snapshot};
    /// use hoptac::generate::{snapshot, GeneratorConfig};
    /// let snap = snapshot(&GeneratorConfig::nghe_an(100, 3, "2025-12-31".parse()?));
    /// let mut bytes = snap.to_binary();
    /// assert_eq!(Snapshot::read_binary(&bytes[..])?, snap);
    /// bytes[40] ^= 0x10; // one flipped bit in the payload
    /// assert!(matches!(Snapshot::read_binary(&bytes[..]), Err(CacheError::Checksum { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read_binary(r: impl Read) -> Result<Snapshot, CacheError> {
        let mut all = read_from(r)?;
        if all.len() != 1 {
            return Err(CacheError::NotOne { found: all.len() });
        }
        Ok(all.remove(0).snapshot)
    }
}

impl Registry {
    /// Writes every snapshot of the history as one binary cache file (ghi
    /// lịch sử số liệu dạng nhị phân); see [`Snapshot::write_binary`].
    ///
    /// # Errors
    ///
    /// [`CacheError::Io`] when writing fails.
    ///
    /// ```
    /// use hoptac::Registry;
    /// use hoptac::generate::{history, GeneratorConfig};
    /// let dates = ["2023-12-31".parse()?, "2024-12-31".parse()?, "2025-12-31".parse()?];
    /// let reg = history(&GeneratorConfig::nghe_an(200, 5, dates[2]), &dates);
    /// let mut file = Vec::new();
    /// reg.write_binary(&mut file)?;
    /// let back = Registry::read_binary(file.as_slice())?;
    /// assert_eq!(back.len(), 3);
    /// assert_eq!(back, reg);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_binary(&self, w: impl Write) -> Result<(), CacheError> {
        write(w, self.snapshots.iter().map(|s| (s, None)))
    }

    /// Reads a history written by [`Registry::write_binary`] (or a single
    /// snapshot written by [`Snapshot::write_binary`]), checking it; read
    /// as a stream, as [`Snapshot::read_binary`] reads.
    ///
    /// # Errors
    ///
    /// [`CacheError`] as for [`cache::read`](crate::cache::read), and
    /// [`CacheError::Invalid`] for two snapshots of one date.
    ///
    /// ```
    /// use hoptac::{Registry, Snapshot};
    /// let file = Snapshot::new("2025-12-31".parse()?).to_binary();
    /// let reg = Registry::read_binary(file.as_slice())?;
    /// assert_eq!(reg.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read_binary(r: impl Read) -> Result<Registry, CacheError> {
        registry_of(read_from(r)?)
    }
}

/// The history of the snapshots read, refusing two of one date.
pub(crate) fn registry_of(snapshots: Vec<CachedSnapshot>) -> Result<Registry, CacheError> {
    let mut registry = Registry::new();
    for (i, cached) in snapshots.into_iter().enumerate() {
        let date = cached.snapshot.date();
        registry
            .insert(cached.snapshot)
            .map_err(|_| CacheError::Invalid {
                snapshot: i,
                path: "date".to_owned(),
                found: date.to_string(),
                expected: "a date no other snapshot of the file has".to_owned(),
            })?;
    }
    Ok(registry)
}

/// The bits of rust_decimal's flags that mean something: the sign (31)
/// and the scale (16 to 20).
pub(super) const DECIMAL_FLAGS: u32 = 0x801F_0000;

/// The bytes of a decimal in a file: rust_decimal's documented
/// serialisation, the flags word (sign and scale) then the 96-bit mantissa,
/// each word little-endian.
const DECIMAL_BYTES: usize = 16;

/// An extension value in a file: a tag ([`EXT_FALSE`], [`EXT_TRUE`],
/// [`EXT_NUMBER`]), then a decimal's bytes (zeros for a boolean).
const EXT_BYTES: usize = 1 + DECIMAL_BYTES;
const EXT_FALSE: u8 = 0;
const EXT_TRUE: u8 = 1;
const EXT_NUMBER: u8 = 2;

/// The decimal of its 16 bytes, or `None` for flags no decimal has (every
/// 96-bit mantissa is one).
fn decimal_of(b: &[u8; DECIMAL_BYTES]) -> Option<Decimal> {
    flags_ok(b).then(|| Decimal::deserialize(*b))
}

/// Whether the flags word of a decimal's 16 bytes is one a decimal has:
/// only the sign and a scale of at most 28.
#[inline]
fn flags_ok(b: &[u8; DECIMAL_BYTES]) -> bool {
    let flags = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    let scale = (flags >> 16) & 0xFF;
    flags & !DECIMAL_FLAGS == 0 && scale <= Decimal::MAX_SCALE
}

/// The 16 bytes of a decimal that is not one, for errors.
fn show_decimal(b: &[u8; DECIMAL_BYTES]) -> String {
    let flags = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    let mut mantissa = [0u8; 16];
    mantissa[..12].copy_from_slice(&b[4..]);
    format!(
        "flags {flags:#010x}, mantissa {}",
        u128::from_le_bytes(mantissa)
    )
}

/// What a file's header of one snapshot holds, in postcard: the small
/// tables, and how many entries each column has.
#[derive(Debug, Serialize, Deserialize)]
struct WireHead<'a> {
    /// Days from the common era (`NaiveDate::num_days_from_ce`).
    date: i32,
    /// The columns the source had, sorted; `None` when not recorded.
    #[serde(borrow)]
    columns: Option<Vec<&'a str>>,
    /// The codes of the count fields, in the order of the count columns.
    #[serde(borrow)]
    count_fields: Vec<&'a str>,
    /// The codes of the money fields, in bit order of `money`.
    #[serde(borrow)]
    money_fields: Vec<&'a str>,
    /// The distinct place names (province, district, commune), each once.
    #[serde(borrow)]
    places: Vec<&'a str>,
    /// The distinct extension names, each once.
    #[serde(borrow)]
    ext_names: Vec<&'a str>,
    /// Organisations: the entries of every per-organisation column.
    orgs: u64,
    /// The distinct locations (province, district, commune).
    locations: u64,
    /// Amounts of money, ratings and extension values, in all.
    amounts: u64,
    ratings: u64,
    exts: u64,
}

/// One snapshot as it is written, column by column, every column in row
/// order with one entry per organisation unless said otherwise. Written as
/// its [`WireHead`], then each column as a block: its length in bytes (a
/// little-endian `u64`) and its entries, fixed-width little-endian.
#[derive(Debug)]
struct WireSnapshot<'a> {
    date: i32,
    columns: Option<Vec<&'a str>>,
    count_fields: Vec<&'a str>,
    money_fields: Vec<&'a str>,
    places: Vec<&'a str>,
    ext_names: Vec<&'a str>,
    /// Every id in UTF-8, one after the other; `id_ends` cuts them (the
    /// byte where each ends, `u32`).
    ids: Cow<'a, [u8]>,
    id_ends: Cow<'a, [u32]>,
    /// The same for the names.
    names: Cow<'a, [u8]>,
    name_ends: Cow<'a, [u32]>,
    /// Codes, a byte each: indexes into `OrgKind::ALL`, `Sector::ALL`,
    /// `OrgStatus::ALL`; `Flags::bits`; which amounts of money are known
    /// (one bit per money field); how many ratings and extension values.
    kind: Vec<u8>,
    sector: Vec<u8>,
    status: Vec<u8>,
    flags: Vec<u8>,
    money: Vec<u8>,
    rating_lens: Vec<u8>,
    ext_lens: Vec<u8>,
    /// Day numbers (`i32`); `i32::MAX` for not dissolved.
    established: Vec<i32>,
    dissolved: Vec<i32>,
    /// The distinct locations, each once, not one per organisation: the
    /// indexes into `places` (`u32`) of a province, a district (`u32::MAX`
    /// for none) and a commune, 12 bytes each.
    locations: Vec<[u32; 3]>,
    /// Each organisation's index into `locations` (`u32`).
    location: Vec<u32>,
    /// One column per count field (`u32`), `u32::MAX` when unknown.
    counts: Vec<Cow<'a, [u32]>>,
    /// The amounts, organisation by organisation in bit order: 16 bytes
    /// each.
    amounts: Vec<[u8; DECIMAL_BYTES]>,
    /// Every rating, in row order, years increasing within an
    /// organisation: its year (`i16`) and its index into `Rating::ALL`
    /// (a byte), in two columns.
    rating_years: Vec<i16>,
    rating_values: Vec<u8>,
    /// Every extension value, in row order: its name's index into
    /// `ext_names` (`u32`), and the value ([`EXT_BYTES`] each).
    ext_name_ids: Vec<u32>,
    ext_values: Vec<[u8; EXT_BYTES]>,
}

/// The count fields' codes, in slot order.
fn count_codes() -> Vec<&'static str> {
    let mut out = vec![""; N_COUNTS];
    for f in NumericField::ALL {
        if let Slot::Count(i) = f.slot() {
            if let Some(c) = out.get_mut(i) {
                *c = f.code();
            }
        }
    }
    out
}

/// The money fields' codes, in slot order.
fn money_codes() -> Vec<&'static str> {
    let mut out = vec![""; N_MONEY];
    for f in NumericField::ALL {
        if let Slot::Money(i) = f.slot() {
            if let Some(c) = out.get_mut(i) {
                *c = f.code();
            }
        }
    }
    out
}

/// A block: its length, then its bytes.
fn put(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// A block of fixed-width entries.
fn put_each<const W: usize>(out: &mut Vec<u8>, items: impl ExactSizeIterator<Item = [u8; W]>) {
    let len = items.len() * W;
    out.reserve(8 + len);
    out.extend_from_slice(&(len as u64).to_le_bytes());
    for item in items {
        out.extend_from_slice(&item);
    }
}

impl<'a> WireSnapshot<'a> {
    fn of(s: &'a Snapshot, columns: Option<&'a BTreeSet<String>>) -> WireSnapshot<'a> {
        let rows = &s.rows;
        let byte = |f: fn(&Row) -> u8| rows.iter().map(f).collect();
        let mut amounts = Vec::new();
        for (at, row) in rows.iter().enumerate() {
            for slot in 0..N_MONEY {
                if let Some(a) = s.money_at(at, row, slot) {
                    amounts.push(a.serialize());
                }
            }
        }
        WireSnapshot {
            date: super::day_number(s.date),
            columns: columns.map(|c| c.iter().map(String::as_str).collect()),
            count_fields: count_codes(),
            money_fields: money_codes(),
            places: s.places.texts.iter().map(|t| &**t).collect(),
            ext_names: s.ext_names.texts.iter().map(|t| &**t).collect(),
            ids: Cow::Borrowed(s.ids.text.as_bytes()),
            id_ends: Cow::Borrowed(&s.ids.ends),
            names: Cow::Borrowed(s.names.text.as_bytes()),
            name_ends: Cow::Borrowed(&s.names.ends),
            kind: byte(|r| r.kind),
            sector: byte(|r| r.sector),
            status: byte(|r| r.status),
            flags: byte(|r| r.flags),
            money: byte(|r| r.money),
            rating_lens: byte(|r| r.ratings_len),
            ext_lens: byte(|r| r.ext_len),
            established: s.hot.iter().map(|h| h.established).collect(),
            dissolved: s.hot.iter().map(|h| h.dissolved).collect(),
            locations: s
                .locations
                .places
                .iter()
                .map(|p| [p.province, p.district, p.commune])
                .collect(),
            location: s.hot.iter().map(|h| h.location).collect(),
            counts: s.counts.iter().map(|c| Cow::Borrowed(&c[..])).collect(),
            amounts,
            rating_years: rows
                .iter()
                .flat_map(|r| s.ratings_of(r))
                .map(|&(y, _)| y)
                .collect(),
            rating_values: rows
                .iter()
                .flat_map(|r| s.ratings_of(r))
                .map(|&(_, v)| v)
                .collect(),
            ext_name_ids: rows
                .iter()
                .flat_map(|r| s.exts_of(r))
                .map(|(n, _)| *n)
                .collect(),
            ext_values: rows
                .iter()
                .flat_map(|r| s.exts_of(r))
                .map(|(_, v)| {
                    let mut out = [0u8; EXT_BYTES];
                    match v {
                        ExtValue::Number(n) => {
                            out[0] = EXT_NUMBER;
                            out[1..].copy_from_slice(&n.serialize());
                        }
                        ExtValue::Bool(b) => out[0] = if *b { EXT_TRUE } else { EXT_FALSE },
                    }
                    out
                })
                .collect(),
        }
    }

    /// Appends the snapshot's header and columns to `out`.
    fn encode(&self, out: &mut Vec<u8>) -> Result<(), CacheError> {
        let head = WireHead {
            date: self.date,
            columns: self.columns.clone(),
            count_fields: self.count_fields.clone(),
            money_fields: self.money_fields.clone(),
            places: self.places.clone(),
            ext_names: self.ext_names.clone(),
            orgs: self.id_ends.len() as u64,
            locations: self.locations.len() as u64,
            amounts: self.amounts.len() as u64,
            ratings: self.rating_years.len() as u64,
            exts: self.ext_name_ids.len() as u64,
        };
        let head = postcard::to_allocvec(&head).map_err(|e| CacheError::Decode {
            message: e.to_string(),
        })?;
        put(out, &head);
        put(out, &self.ids);
        put_each(out, self.id_ends.iter().map(|e| e.to_le_bytes()));
        put(out, &self.names);
        put_each(out, self.name_ends.iter().map(|e| e.to_le_bytes()));
        for column in [
            &self.kind,
            &self.sector,
            &self.status,
            &self.flags,
            &self.money,
            &self.rating_lens,
            &self.ext_lens,
        ] {
            put(out, column);
        }
        for column in [&self.established, &self.dissolved] {
            put_each(out, column.iter().map(|d| d.to_le_bytes()));
        }
        put_each(
            out,
            self.locations.iter().map(|place| {
                let mut b = [0u8; 12];
                for (to, id) in b.chunks_exact_mut(4).zip(place) {
                    to.copy_from_slice(&id.to_le_bytes());
                }
                b
            }),
        );
        put_each(out, self.location.iter().map(|l| l.to_le_bytes()));
        for column in &self.counts {
            put_each(out, column.iter().map(|c| c.to_le_bytes()));
        }
        put_each(out, self.amounts.iter().copied());
        put_each(out, self.rating_years.iter().map(|y| y.to_le_bytes()));
        put(out, &self.rating_values);
        put_each(out, self.ext_name_ids.iter().map(|n| n.to_le_bytes()));
        put_each(out, self.ext_values.iter().copied());
        Ok(())
    }
}

/// The payload: how many snapshots (a little-endian `u64`), then each.
fn encode<'a>(
    snapshots: impl IntoIterator<Item = (&'a Snapshot, Option<&'a BTreeSet<String>>)>,
) -> Result<Vec<u8>, CacheError> {
    let snapshots: Vec<_> = snapshots.into_iter().collect();
    let mut out = Vec::new();
    out.extend_from_slice(&(snapshots.len() as u64).to_le_bytes());
    for (s, columns) in snapshots {
        WireSnapshot::of(s, columns).encode(&mut out)?;
    }
    Ok(out)
}

/// The payload's bytes not read yet, for one snapshot at a time.
struct Reader<'a> {
    rest: &'a [u8],
    /// The snapshot being read, for errors.
    snapshot: usize,
}

impl<'a> Reader<'a> {
    /// The error for a payload that ends before `what`.
    fn cut(&self, what: &str, needed: u64) -> CacheError {
        CacheError::Decode {
            message: format!(
                "snapshot {}, {what}: {needed} bytes needed, {} remain: the payload is cut short",
                self.snapshot,
                self.rest.len()
            ),
        }
    }

    fn u64(&mut self, what: &str) -> Result<u64, CacheError> {
        let Some((word, rest)) = self.rest.split_first_chunk::<8>() else {
            return Err(self.cut(what, 8));
        };
        self.rest = rest;
        Ok(u64::from_le_bytes(*word))
    }

    /// A block: its length, then as many bytes, never more than remain.
    fn block(&mut self, what: &str) -> Result<&'a [u8], CacheError> {
        let len = self.u64(what)?;
        match usize::try_from(len).ok().filter(|&l| l <= self.rest.len()) {
            Some(l) => {
                let (block, rest) = self.rest.split_at(l);
                self.rest = rest;
                Ok(block)
            }
            None => Err(self.cut(what, len)),
        }
    }

    /// A block of `count` entries of `width` bytes.
    fn column(
        &mut self,
        what: &str,
        width: usize,
        count: usize,
        per: &str,
    ) -> Result<&'a [u8], CacheError> {
        let block = self.block(&format!("column `{what}`"))?;
        if Some(block.len()) != count.checked_mul(width) {
            return Err(CacheError::Invalid {
                snapshot: self.snapshot,
                path: format!("column `{what}`"),
                found: format!("{} bytes", block.len()),
                expected: format!("{count} × {width}, {width} for each {per}"),
            });
        }
        Ok(block)
    }
}

/// One snapshot's columns as read: its header checked, each column a
/// block of bytes checked to hold its entries' width times their number
/// of bytes; the entries themselves not checked yet.
#[derive(Debug)]
struct Blocks<'a> {
    /// Its position in the file, for errors.
    at: usize,
    date: NaiveDate,
    head: WireHead<'a>,
    n: usize,
    ids: &'a [u8],
    id_ends: &'a [u8],
    names: &'a [u8],
    name_ends: &'a [u8],
    kind: &'a [u8],
    sector: &'a [u8],
    status: &'a [u8],
    flags: &'a [u8],
    money: &'a [u8],
    rating_lens: &'a [u8],
    ext_lens: &'a [u8],
    established: &'a [u8],
    dissolved: &'a [u8],
    locations: &'a [u8],
    location: &'a [u8],
    counts: [&'a [u8]; N_COUNTS],
    amounts: &'a [u8],
    rating_years: &'a [u8],
    rating_values: &'a [u8],
    ext_name_ids: &'a [u8],
    ext_values: &'a [u8],
    /// The ids checked, when they were read already (a file read as a
    /// stream), rather than in `ids` and `id_ends`; for errors.
    id_arena: Option<&'a StringArena>,
}

/// The `W` bytes of entry `i` of a column; zeros past the end (never
/// reached: every column's length was checked against its count).
#[inline(always)]
fn entry<const W: usize>(column: &[u8], i: usize) -> [u8; W] {
    let mut out = [0u8; W];
    if let Some(b) = column.get(i * W..i * W + W) {
        out.copy_from_slice(b);
    }
    out
}

#[inline(always)]
fn u32_at(column: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(entry(column, i))
}

#[inline(always)]
fn i32_at(column: &[u8], i: usize) -> i32 {
    i32::from_le_bytes(entry(column, i))
}

/// Byte `i` of a column; zero past the end (never reached).
#[inline(always)]
fn u8_at(column: &[u8], i: usize) -> u8 {
    column.get(i).copied().unwrap_or(0)
}

/// A column of `u32`s as a vector.
fn u32s(column: &[u8]) -> Vec<u32> {
    column
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

/// Every snapshot's blocks, checking the header of each, the length of
/// every column, and that nothing follows the last.
fn blocks_of(payload: &[u8]) -> Result<Vec<Blocks<'_>>, CacheError> {
    let mut r = Reader {
        rest: payload,
        snapshot: 0,
    };
    let count = r.u64("the number of snapshots")?;
    // Each snapshot takes at least 8 bytes: a lying count allocates no
    // more than the payload could hold.
    let mut out = Vec::with_capacity(usize::try_from(count).unwrap_or(0).min(r.rest.len() / 8));
    for at in 0..count {
        r.snapshot = usize::try_from(at).unwrap_or(usize::MAX);
        out.push(Blocks::read(&mut r)?);
    }
    match r.rest.len() {
        0 => Ok(out),
        n => Err(CacheError::Decode {
            message: format!("{n} bytes after the last snapshot: expected none"),
        }),
    }
}

/// A snapshot's header, checked: its date, its tables, and how many
/// entries each column has.
#[derive(Debug)]
struct Head<'a> {
    head: WireHead<'a>,
    date: NaiveDate,
    n: usize,
    locations: usize,
    amounts: usize,
    ratings: usize,
    exts: usize,
}

impl<'a> Head<'a> {
    /// The header of snapshot `at` from its block.
    fn parse(at: usize, head: &'a [u8]) -> Result<Head<'a>, CacheError> {
        let bad = |path: &str, found: String, expected: String| CacheError::Invalid {
            snapshot: at,
            path: path.to_owned(),
            found,
            expected,
        };
        let head: WireHead<'a> = match postcard::take_from_bytes(head) {
            Ok((head, [])) => head,
            Ok((_, rest)) => {
                return Err(CacheError::Decode {
                    message: format!(
                        "snapshot {at}, header: {} bytes after it: expected none",
                        rest.len()
                    ),
                })
            }
            Err(e) => {
                return Err(CacheError::Decode {
                    message: format!("snapshot {at}, header: {e}"),
                })
            }
        };
        let date = NaiveDate::from_num_days_from_ce_opt(head.date).ok_or_else(|| {
            bad(
                "date",
                head.date.to_string(),
                "a day number of a date".into(),
            )
        })?;
        for (what, found, expected) in [
            ("count_fields", &head.count_fields, count_codes()),
            ("money_fields", &head.money_fields, money_codes()),
        ] {
            if *found != expected {
                return Err(bad(
                    what,
                    format!("{found:?}"),
                    format!("{expected:?}, the fields of this build"),
                ));
            }
        }
        let n = usize::try_from(head.orgs)
            .ok()
            .filter(|&n| n <= Snapshot::MAX_ORGS)
            .ok_or_else(|| {
                bad(
                    "organisations",
                    head.orgs.to_string(),
                    format!("at most {}", Snapshot::MAX_ORGS),
                )
            })?;
        let total = |name: &str, len: u64| {
            usize::try_from(len)
                .ok()
                .filter(|&l| u32::try_from(l).is_ok())
                .ok_or_else(|| {
                    bad(
                        &format!("column `{name}`"),
                        format!("{len} entries"),
                        format!("at most {}", u32::MAX),
                    )
                })
        };
        Ok(Head {
            locations: total("locations", head.locations)?,
            amounts: total("amounts", head.amounts)?,
            ratings: total("rating_years", head.ratings)?,
            exts: total("ext_name_ids", head.exts)?,
            head,
            date,
            n,
        })
    }
}

/// What each organisation's column is called in errors.
const ORG: &str = "organisation";

impl<'a> Blocks<'a> {
    /// One snapshot's header and blocks.
    fn read(r: &mut Reader<'a>) -> Result<Blocks<'a>, CacheError> {
        let at = r.snapshot;
        let Head {
            head,
            date,
            n,
            locations,
            amounts,
            ratings,
            exts,
        } = Head::parse(at, r.block("header")?)?;
        let ids = r.block("column `ids`")?;
        let id_ends = r.column("id_ends", 4, n, ORG)?;
        let names = r.block("column `names`")?;
        let name_ends = r.column("name_ends", 4, n, ORG)?;
        let kind = r.column("kind", 1, n, ORG)?;
        let sector = r.column("sector", 1, n, ORG)?;
        let status = r.column("status", 1, n, ORG)?;
        let flags = r.column("flags", 1, n, ORG)?;
        let money = r.column("money", 1, n, ORG)?;
        let rating_lens = r.column("rating_lens", 1, n, ORG)?;
        let ext_lens = r.column("ext_lens", 1, n, ORG)?;
        let established = r.column("established", 4, n, ORG)?;
        let dissolved = r.column("dissolved", 4, n, ORG)?;
        let locations = r.column("locations", 12, locations, "location")?;
        let location = r.column("location", 4, n, ORG)?;
        let mut counts: [&[u8]; N_COUNTS] = [&[]; N_COUNTS];
        for (i, c) in counts.iter_mut().enumerate() {
            *c = r.column(&format!("counts[{i}]"), 4, n, ORG)?;
        }
        let amounts = r.column("amounts", DECIMAL_BYTES, amounts, "amount")?;
        let rating_years = r.column("rating_years", 2, ratings, "rating")?;
        let rating_values = r.column("rating_values", 1, ratings, "rating")?;
        let ext_name_ids = r.column("ext_name_ids", 4, exts, "extension value")?;
        let ext_values = r.column("ext_values", EXT_BYTES, exts, "extension value")?;
        Ok(Blocks {
            at,
            date,
            head,
            n,
            ids,
            id_ends,
            names,
            name_ends,
            kind,
            sector,
            status,
            flags,
            money,
            rating_lens,
            ext_lens,
            established,
            dissolved,
            locations,
            location,
            counts,
            amounts,
            rating_years,
            rating_values,
            ext_name_ids,
            ext_values,
            id_arena: None,
        })
    }

    fn bad(&self, path: String, found: String, expected: String) -> CacheError {
        CacheError::Invalid {
            snapshot: self.at,
            path,
            found,
            expected,
        }
    }

    /// The id of organisation `i` as written, for errors.
    fn id(&self, i: usize) -> &str {
        if let Some(ids) = self.id_arena {
            return if i < ids.ends.len() { ids.get(i) } else { "?" };
        }
        let start = match i {
            0 => 0,
            _ => u32_at(self.id_ends, i - 1) as usize,
        };
        let end = u32_at(self.id_ends, i) as usize;
        self.ids
            .get(start..end)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("?")
    }

    /// A snapshot holding only the ids and names, checked, with its id
    /// index and fingerprint.
    fn index_ids(&self) -> Result<Snapshot, CacheError> {
        let ids =
            arena(self.ids, self.id_ends).map_err(|(p, f, e)| self.bad(format!("ids{p}"), f, e))?;
        let mut snapshot = Snapshot::new(self.date);
        check_ids(self.at, &ids, &mut snapshot)?;
        snapshot.ids = ids;
        snapshot.names = arena(self.names, self.name_ends)
            .map_err(|(p, f, e)| self.bad(format!("names{p}"), f, e))?;
        Ok(snapshot)
    }
}

/// Checks the ids of snapshot `at` and gives `snapshot` (which does not
/// hold them yet) their fingerprint and index.
fn check_ids(at: usize, ids: &StringArena, snapshot: &mut Snapshot) -> Result<(), CacheError> {
    let bad = |path: String, found: String, expected: String| CacheError::Invalid {
        snapshot: at,
        path,
        found,
        expected,
    };
    // Ids of printable ASCII without a space at either end, 1 to
    // `OrgId::MAX_LEN` bytes, pass `OrgId::check` (its first case);
    // the others go through it. One pass over all ids' bytes first,
    // without a branch per byte.
    let (low, high) = ids
        .text
        .as_bytes()
        .iter()
        .fold((u8::MAX, 0u8), |(low, high), &b| (low.min(b), high.max(b)));
    let printable = ids.text.is_empty() || (0x20 <= low && high < 0x7f);
    // The fingerprint and the hashes in one pass, then the index; a
    // duplicate waits for every id to be checked, so that a bad id wins.
    let n = ids.ends.len();
    let mut pairs = Vec::with_capacity(n);
    let mut fingerprint = 0u64;
    for i in 0..n {
        let id = ids.get(i);
        let plain = printable
            && (1..=OrgId::MAX_LEN).contains(&id.len())
            && !id.starts_with(' ')
            && !id.ends_with(' ');
        if !plain {
            if let Err(e) = OrgId::check(id) {
                return Err(bad(
                    format!("organisation {i}, id"),
                    format!("`{}`", id.escape_debug()),
                    format!("a valid organisation id ({e})"),
                ));
            }
        }
        fingerprint = fingerprint.wrapping_add(id_fingerprint(id));
        pairs.push((snapshot.id_hasher.hash_one(id), i as u32));
    }
    let (index, duplicates) =
        IdIndex::build(pairs, |a, b| ids.get(a as usize) == ids.get(b as usize));
    let duplicate = duplicates.first().map(|&(i, first)| (i as usize, first));
    if let Some((i, first)) = duplicate {
        return Err(bad(
            format!("organisation {i}, id"),
            format!("`{id}`", id = ids.get(i)),
            format!("an id of its own: organisation {first} has it"),
        ));
    }
    snapshot.fingerprint = fingerprint;
    snapshot.id_index = index;
    Ok(())
}

impl<'a> Blocks<'a> {
    /// Everything but the ids and names, checked.
    fn parts(&self) -> Result<Parts, CacheError> {
        self.parts_into(Vec::new(), Vec::new(), AmountColumn::default())
    }

    /// The same, the rows and hot entries built in these vectors (their
    /// memory reused: emptied first).
    fn parts_into(
        &self,
        rows: Vec<Row>,
        hot: Vec<Hot>,
        amounts: AmountColumn,
    ) -> Result<Parts, CacheError> {
        let head = &self.head;
        let places = interner(&head.places).map_err(|(i, t)| {
            self.bad(
                format!("places[{i}]"),
                format!("`{t}` a second time"),
                "each place name once".into(),
            )
        })?;
        let ext_names = interner(&head.ext_names).map_err(|(i, t)| {
            self.bad(
                format!("ext_names[{i}]"),
                format!("`{t}` a second time"),
                "each extension name once".into(),
            )
        })?;
        let n_ratings = self.rating_values.len();
        let mut ratings = Vec::with_capacity(n_ratings);
        for i in 0..n_ratings {
            let y = i16::from_le_bytes(entry(self.rating_years, i));
            let v = u8_at(self.rating_values, i);
            if !(1900..=2200).contains(&y) {
                return Err(self.bad(
                    format!("rating_years[{i}]"),
                    y.to_string(),
                    "a year in 1900..=2200".into(),
                ));
            }
            if usize::from(v) >= Rating::ALL.len() {
                return Err(self.bad(
                    format!("rating_values[{i}]"),
                    v.to_string(),
                    format!("a rating code below {}", Rating::ALL.len()),
                ));
            }
            ratings.push((y, v));
        }
        let n_exts = self.ext_values.len() / EXT_BYTES;
        let mut exts = Vec::with_capacity(n_exts);
        for i in 0..n_exts {
            let name = u32_at(self.ext_name_ids, i);
            if name as usize >= ext_names.len() {
                return Err(self.bad(
                    format!("ext_name_ids[{i}]"),
                    name.to_string(),
                    format!("an extension name index below {}", ext_names.len()),
                ));
            }
            let raw: [u8; EXT_BYTES] = entry(self.ext_values, i);
            let mut number = [0u8; DECIMAL_BYTES];
            number.copy_from_slice(&raw[1..]);
            let value = match raw[0] {
                EXT_FALSE | EXT_TRUE if number == [0; DECIMAL_BYTES] => {
                    ExtValue::Bool(raw[0] == EXT_TRUE)
                }
                EXT_NUMBER => ExtValue::Number(decimal_of(&number).ok_or_else(|| {
                    self.bad(
                        format!("ext_values[{i}]"),
                        show_decimal(&number),
                        "a decimal (scale at most 28)".into(),
                    )
                })?),
                tag => {
                    return Err(self.bad(
                        format!("ext_values[{i}]"),
                        format!("tag {tag} with {number:?}"),
                        "0 (false) or 1 (true) followed by 16 zero bytes, or 2 and a decimal"
                            .into(),
                    ))
                }
            };
            exts.push((name, value));
        }
        let locations = self.locations(places.len())?;
        let rows = self.rows(&places, &locations, &ratings, &exts, (rows, hot, amounts))?;
        let mut counts: [Vec<u32>; N_COUNTS] = Default::default();
        for (column, block) in counts.iter_mut().zip(self.counts) {
            *column = u32s(block);
        }
        let columns = match &head.columns {
            None => None,
            Some(list) => {
                let set: BTreeSet<String> = list.iter().map(|c| (*c).to_owned()).collect();
                if set.len() != list.len() {
                    return Err(self.bad(
                        "columns".into(),
                        format!("{list:?}"),
                        "each column once".into(),
                    ));
                }
                Some(set)
            }
        };
        Ok(Parts {
            rows: rows.0,
            hot: rows.1,
            counts,
            amounts: rows.3,
            is_province: rows.2,
            locations,
            places,
            ratings,
            ext_names,
            exts,
            columns,
        })
    }

    /// The table of locations, each place index checked, each location
    /// once.
    fn locations(&self, n_places: usize) -> Result<Locations, CacheError> {
        let mut out = Locations::default();
        for (i, raw) in self.locations.chunks_exact(12).enumerate() {
            let id =
                |at: usize| u32::from_le_bytes([raw[at], raw[at + 1], raw[at + 2], raw[at + 3]]);
            let place = Place {
                province: id(0),
                district: id(4),
                commune: id(8),
            };
            for (name, p) in [
                ("province", place.province),
                ("district", place.district),
                ("commune", place.commune),
            ] {
                if p as usize >= n_places && !(name == "district" && p == NONE_U32) {
                    return Err(self.bad(
                        format!("locations[{i}], {name}"),
                        p.to_string(),
                        format!("a place index below {n_places}"),
                    ));
                }
            }
            let at = out.intern(place);
            if at as usize != i {
                return Err(self.bad(
                    format!("locations[{i}]"),
                    format!("{place:?}, the same as locations[{at}]"),
                    "each location once".into(),
                ));
            }
        }
        Ok(out)
    }

    /// Whether every code, flag set, money mask, date and location index of
    /// every organisation is in range: column by column, each a fold
    /// without a branch per entry (the compiler vectorises them).
    fn columns_in_range(&self, n_locations: usize, money_mask: u8) -> bool {
        let max = |column: &[u8]| usize::from(column.iter().fold(0u8, |m, &v| m.max(v)));
        let any = |column: &[u8]| column.iter().fold(0u8, |m, &v| m | v);
        let words = |column: &'a [u8]| {
            column
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        };
        let codes = max(self.kind) < OrgKind::ALL.len()
            && max(self.sector) < Sector::ALL.len()
            && max(self.status) < OrgStatus::ALL.len()
            && Flags::from_bits(any(self.flags)).is_some()
            && any(self.money) & !money_mask == 0;
        let (first, last) = (
            NaiveDate::MIN.num_days_from_ce(),
            NaiveDate::MAX.num_days_from_ce(),
        );
        let established = words(self.established).fold(true, |ok, d| {
            let d = d as i32;
            ok & (first <= d) & (d <= last)
        });
        let dissolved = words(self.dissolved).fold(true, |ok, d| {
            let d = d as i32;
            ok & ((d == NO_DATE) | ((first <= d) & (d <= last)))
        });
        let n_locations = u32::try_from(n_locations).unwrap_or(NONE_U32);
        let places = words(self.location).fold(0u32, u32::max) < n_locations || self.n == 0;
        codes && established && dissolved && places
    }

    /// The first organisation whose code, flag set, money mask, date or
    /// location index is out of range, as an error.
    fn first_out_of_range(&self, n_locations: usize, money_mask: u8) -> Option<CacheError> {
        let days = NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce();
        for i in 0..self.n {
            let field = |name: &str| format!("organisation {i} `{}`, {name}", self.id(i));
            for (name, column, len) in [
                ("kind", self.kind, OrgKind::ALL.len()),
                ("sector", self.sector, Sector::ALL.len()),
                ("status", self.status, OrgStatus::ALL.len()),
            ] {
                let v = u8_at(column, i);
                if usize::from(v) >= len {
                    return Some(self.bad(
                        field(name),
                        v.to_string(),
                        format!("a code below {len}"),
                    ));
                }
            }
            let flags = u8_at(self.flags, i);
            if Flags::from_bits(flags).is_none() {
                return Some(self.bad(
                    field("flags"),
                    format!("{flags:#010b}"),
                    format!("only the bits of {} flags", crate::org::Flag::ALL.len()),
                ));
            }
            for (name, d) in [
                ("established", i32_at(self.established, i)),
                ("dissolved", i32_at(self.dissolved, i)),
            ] {
                let none = name == "dissolved" && d == NO_DATE;
                if !(none || days.contains(&d)) {
                    return Some(self.bad(
                        field(name),
                        d.to_string(),
                        "a day number of a date".into(),
                    ));
                }
            }
            let location = u32_at(self.location, i);
            if location as usize >= n_locations {
                return Some(self.bad(
                    field("location"),
                    location.to_string(),
                    format!("a location index below {n_locations}"),
                ));
            }
            let money = u8_at(self.money, i);
            if money & !money_mask != 0 {
                return Some(self.bad(
                    field("money"),
                    format!("{money:#010b}"),
                    format!("only the bits of {N_MONEY} money fields"),
                ));
            }
        }
        None
    }

    /// The rows, their hot entries and the province marks, every code,
    /// date, index and range checked.
    #[allow(clippy::type_complexity)]
    fn rows(
        &self,
        places: &Interner,
        locations: &Locations,
        ratings: &[(i16, u8)],
        exts: &[(u32, ExtValue)],
        memory: RowMemory,
    ) -> Result<(Vec<Row>, Vec<Hot>, Vec<bool>, AmountColumn), CacheError> {
        let (mut rows, mut hot, mut amounts_out) = memory;
        let n = self.n;
        let money_mask: u8 = if N_MONEY >= 8 {
            u8::MAX
        } else {
            (1u8 << N_MONEY) - 1
        };
        // The checks of single fields first, column by column; the row by
        // row search for the first bad one only when one is.
        let n_locations = locations.places.len();
        if !self.columns_in_range(n_locations, money_mask) {
            if let Some(e) = self.first_out_of_range(n_locations, money_mask) {
                return Err(e);
            }
        }
        let field = |i: usize, name: &str| format!("organisation {i} `{}`, {name}", self.id(i));
        let year_now = i32::from(i16::try_from(self.date.year()).unwrap_or(i16::MAX));
        let words = |column: &'a [u8]| {
            column
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        };
        // Column by column where the entries need nothing else; the key
        // is set below, once the rating is known.
        hot.clear();
        hot.reserve(n);
        hot.extend(
            words(self.established)
                .zip(words(self.dissolved))
                .zip(words(self.location))
                .map(|((established, dissolved), location)| Hot {
                    established: established as i32,
                    dissolved: dissolved as i32,
                    location,
                    key: 0,
                }),
        );
        let n_amounts = self.amounts.len() / DECIMAL_BYTES;
        let mut amounts_in = self.amounts.chunks_exact(DECIMAL_BYTES);
        rows.clear();
        rows.reserve(n);
        amounts_out.clear();
        amounts_out.reserve(n);
        let (mut ratings_start, mut ext_start, mut amount_at) = (0usize, 0usize, 0usize);
        let per_org = self
            .kind
            .iter()
            .zip(self.sector)
            .zip(self.status)
            .zip(self.flags)
            .zip(self.money)
            .zip(self.rating_lens)
            .zip(self.ext_lens)
            .zip(hot.iter_mut());
        for (i, item) in per_org.enumerate() {
            let (((((((&kind, &sector), &status), &flags), &money), &ratings_len), &ext_len), hot) =
                item;
            // Packed as they are read; decoded whole only when one does
            // not pack.
            let mut packed = [0u64; N_MONEY];
            let mut wide: Option<[Decimal; N_MONEY]> = None;
            if money != 0 {
                for slot in 0..N_MONEY {
                    if money & (1 << slot) == 0 {
                        continue;
                    }
                    let Some(raw) = amounts_in.next() else {
                        return Err(self.bad(
                            "column `amounts`".into(),
                            format!("{n_amounts} entries"),
                            "one per bit set in `money`".into(),
                        ));
                    };
                    let mut bytes = [0u8; DECIMAL_BYTES];
                    bytes.copy_from_slice(raw);
                    if !flags_ok(&bytes) {
                        return Err(self.bad(
                            field(i, money_codes()[slot]),
                            show_decimal(&bytes),
                            "a decimal (scale at most 28)".into(),
                        ));
                    }
                    match (&mut wide, pack_bytes(&bytes)) {
                        (None, Some(p)) => packed[slot] = p,
                        (all, _) => {
                            let all = all.get_or_insert_with(|| packed.map(unpack));
                            if let Some(a) = all.get_mut(slot) {
                                *a = Decimal::deserialize(bytes);
                            }
                        }
                    }
                    amount_at += 1;
                }
            }
            let Some(own) = ratings.get(ratings_start..ratings_start + usize::from(ratings_len))
            else {
                return Err(self.bad(
                    field(i, "ratings"),
                    format!("{ratings_len} ratings from {ratings_start}"),
                    format!("a range within the {} ratings", ratings.len()),
                ));
            };
            let mut rating_now = NO_RATING;
            let mut last_year = i16::MIN;
            for &(year, value) in own {
                if year <= last_year {
                    return Err(self.bad(
                        field(i, "ratings"),
                        format!("years {:?}", own.iter().map(|r| r.0).collect::<Vec<_>>()),
                        "distinct years in increasing order".into(),
                    ));
                }
                last_year = year;
                if i32::from(year) == year_now {
                    rating_now = value;
                }
            }
            let Some(own) = exts.get(ext_start..ext_start + usize::from(ext_len)) else {
                return Err(self.bad(
                    field(i, "extensions"),
                    format!("{ext_len} values from {ext_start}"),
                    format!("a range within the {} extension values", exts.len()),
                ));
            };
            if own.len() > 1
                && own
                    .iter()
                    .enumerate()
                    .any(|(j, (name, _))| own[..j].iter().any(|(m, _)| m == name))
            {
                return Err(self.bad(
                    field(i, "extensions"),
                    "one name twice".into(),
                    "each extension name at most once".into(),
                ));
            }
            let row = Row {
                ratings_start: ratings_start as u32,
                ext_start: ext_start as u32,
                ratings_len,
                ext_len,
                kind,
                sector,
                status,
                flags,
                rating_now,
                money,
            };
            hot.key = CatKey::of(&row).pack() as u16;
            rows.push(row);
            match wide {
                None => amounts_out.push_packed(packed),
                Some(all) => amounts_out.push(all),
            }
            ratings_start += usize::from(ratings_len);
            ext_start += usize::from(ext_len);
        }
        // The provinces some organisation names: those of the locations
        // used.
        let mut used = vec![false; n_locations];
        for h in &hot {
            if let Some(mark) = used.get_mut(h.location as usize) {
                *mark = true;
            }
        }
        let mut is_province = vec![false; places.len()];
        let mut provinces = 0usize;
        for (place, _) in locations.places.iter().zip(&used).filter(|(_, &u)| u) {
            if let Some(mark) = is_province.get_mut(place.province as usize) {
                *mark = true;
            }
            provinces = provinces.max(place.province as usize + 1);
        }
        for (name, used, len) in [
            ("rating_years", ratings_start, ratings.len()),
            ("ext_values", ext_start, exts.len()),
            ("amounts", amount_at, n_amounts),
        ] {
            if used != len {
                return Err(self.bad(
                    format!("column `{name}`"),
                    format!("{len} entries"),
                    format!("{used}, as many as the organisations have"),
                ));
            }
        }
        // As long as the highest province's id, as a snapshot built row
        // by row has it.
        is_province.truncate(provinces);
        Ok((rows, hot, is_province, amounts_out))
    }
}

impl Snapshot {
    /// The ratings of a row.
    fn ratings_of(&self, r: &Row) -> &[(i16, u8)] {
        let start = r.ratings_start as usize;
        self.ratings
            .get(start..start + usize::from(r.ratings_len))
            .unwrap_or(&[])
    }

    /// The extension values of a row.
    fn exts_of(&self, r: &Row) -> &[(u32, ExtValue)] {
        let start = r.ext_start as usize;
        self.exts
            .get(start..start + usize::from(r.ext_len))
            .unwrap_or(&[])
    }
}

/// A snapshot's parts other than its ids and names.
#[derive(Debug)]
struct Parts {
    rows: Vec<Row>,
    hot: Vec<Hot>,
    counts: [Vec<u32>; N_COUNTS],
    amounts: AmountColumn,
    is_province: Vec<bool>,
    locations: Locations,
    places: Interner,
    ratings: Vec<(i16, u8)>,
    ext_names: Interner,
    exts: Vec<(u32, ExtValue)>,
    columns: Option<BTreeSet<String>>,
}

/// The vectors the rows, hot entries and amounts of a snapshot are built
/// in (their memory reused: emptied first).
type RowMemory = (Vec<Row>, Vec<Hot>, AmountColumn);

/// The snapshot of its ids and its other parts.
fn assemble(
    ids: Result<Snapshot, CacheError>,
    parts: Result<Parts, CacheError>,
) -> Result<CachedSnapshot, CacheError> {
    let mut snapshot = ids?;
    let parts = parts?;
    snapshot.rows = parts.rows;
    snapshot.hot = parts.hot;
    snapshot.counts = parts.counts;
    snapshot.amounts = parts.amounts;
    snapshot.is_province = parts.is_province;
    snapshot.locations = parts.locations;
    snapshot.places = parts.places;
    snapshot.ratings = parts.ratings;
    snapshot.ext_names = parts.ext_names;
    snapshot.exts = parts.exts;
    Ok(CachedSnapshot {
        snapshot,
        columns: parts.columns,
    })
}

/// An interner of these texts, or the first repeated one.
fn interner(texts: &[&str]) -> Result<Interner, (usize, String)> {
    let mut index = HashMap::with_capacity_and_hasher(texts.len(), IdHasher::new());
    let mut out = Vec::with_capacity(texts.len());
    for (i, &t) in texts.iter().enumerate() {
        // NONE_U32 marks "no place": an index never reaches it.
        let id = u32::try_from(i).ok().filter(|&id| id < NONE_U32);
        let Some(id) = id else {
            return Err((i, t.to_owned()));
        };
        if index.insert(Box::<str>::from(t), id).is_some() {
            return Err((i, t.to_owned()));
        }
        out.push(Box::<str>::from(t));
    }
    Ok(Interner { texts: out, index })
}

/// Checks that bytes are UTF-8 (SIMD-accelerated, `simdutf8`; the standard
/// library's check for the error's position).
fn utf8(text: &[u8]) -> Result<&str, usize> {
    match simdutf8::basic::from_utf8(text) {
        Ok(text) => Ok(text),
        Err(_) => Err(std::str::from_utf8(text).map_or_else(|e| e.valid_up_to(), |t| t.len())),
    }
}

/// An arena of these texts cut where the `u32` ends say, or where it
/// fails.
fn arena(text: &[u8], ends: &[u8]) -> Result<StringArena, (String, String, String)> {
    let text = utf8(text).map_err(not_utf8)?;
    let ends = u32s(ends);
    check_ends(text, &ends)?;
    Ok(StringArena {
        text: text.to_owned(),
        ends,
    })
}

/// The error of texts that are not UTF-8 from byte `at`.
fn not_utf8(at: usize) -> (String, String, String) {
    (
        String::new(),
        format!("bytes that are not UTF-8 at byte {at}"),
        "UTF-8 text".to_owned(),
    )
}

/// Checks that the `u32` ends cut the text into texts between
/// characters, one after the other, to its end.
fn check_ends(text: &str, ends: &[u32]) -> Result<(), (String, String, String)> {
    let mut last = 0u32;
    for (i, &end) in ends.iter().enumerate() {
        // `is_char_boundary` is false past the end.
        if end < last || !text.is_char_boundary(end as usize) {
            return Err((
                format!("[{i}]"),
                format!("a text ending at byte {end}"),
                format!(
                    "one ending at or after byte {last}, where the one before ends, within the {} bytes, between two characters",
                    text.len()
                ),
            ));
        }
        last = end;
    }
    if last as usize != text.len() {
        return Err((
            String::new(),
            format!("texts of {last} bytes in all"),
            format!("{}, the length of the buffer", text.len()),
        ));
    }
    Ok(())
}

/// A stream is read a chunk at a time into one buffer, reused: a multiple
/// of every column's entry width (1, 2, 4, 12, 16 and 17 bytes: 816), of
/// 255 KiB, so that a chunk stays in the core's cache while it is checked,
/// hashed and converted.
const CHUNK: usize = 816 * 320;

/// The most bytes reserved at once for a column of a stream before its
/// bytes arrive (a length in a file is not trusted): more grows as they do.
const RESERVE: usize = 1 << 27;

/// The checksum folded over a payload given piece by piece: the same as
/// [`checksum`] of all of it.
struct Sum {
    lanes: [u64; 4],
    /// The bytes of a stripe not complete yet.
    held: [u8; 32],
    n_held: usize,
    len: u64,
}

impl Sum {
    fn new() -> Sum {
        Sum {
            lanes: LANES,
            held: [0; 32],
            n_held: 0,
            len: 0,
        }
    }

    fn update(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if self.n_held > 0 {
            let take = (32 - self.n_held).min(bytes.len());
            let (head, rest) = bytes.split_at(take);
            self.held[self.n_held..self.n_held + take].copy_from_slice(head);
            self.n_held += take;
            bytes = rest;
            if self.n_held < 32 {
                return;
            }
            let held = self.held;
            stripe(&mut self.lanes, &held);
            self.n_held = 0;
        }
        let mut chunks = bytes.chunks_exact(32);
        for chunk in &mut chunks {
            stripe(&mut self.lanes, chunk);
        }
        let rest = chunks.remainder();
        self.held[..rest.len()].copy_from_slice(rest);
        self.n_held = rest.len();
    }

    fn finish(&self) -> u64 {
        let lanes = (self.len >= 32).then_some(self.lanes);
        checksum_end(lanes, self.len, &self.held[..self.n_held])
    }
}

/// The bytes of a file being read: some read already, then the reader.
struct Source<R> {
    r: R,
    /// The first bytes of the payload, read with the header.
    pending: Vec<u8>,
    at: usize,
    /// The bytes of the file read so far, the header's too.
    got: u64,
    /// Whether the file ended before the payload and checksum its header
    /// declares.
    ended: bool,
}

impl<R: Read> Source<R> {
    /// What a read past the end of the file gives; the caller turns it
    /// into [`CacheError::Length`] once the bytes read are counted.
    fn end(&mut self) -> CacheError {
        self.ended = true;
        CacheError::Length {
            declared: 0,
            actual: 0,
        }
    }

    /// The pending bytes first, as many as fit.
    fn take_pending(&mut self, want: usize) -> &[u8] {
        let take = want.min(self.pending.len() - self.at);
        let out = &self.pending[self.at..self.at + take];
        self.at += take;
        out
    }

    /// Fills `out` from the file.
    fn fill(&mut self, out: &mut [u8]) -> Result<(), CacheError> {
        let first = self.take_pending(out.len());
        let k = first.len();
        out[..k].copy_from_slice(first);
        let mut out = &mut out[k..];
        while !out.is_empty() {
            match self.r.read(out) {
                Ok(0) => return Err(self.end()),
                Ok(k) => {
                    self.got += k as u64;
                    out = &mut out[k..];
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }

    /// Appends `n` bytes of the file to `out`, read straight into it.
    fn append(&mut self, out: &mut Vec<u8>, n: usize) -> Result<(), CacheError> {
        let first = self.take_pending(n);
        let k = first.len();
        out.extend_from_slice(first);
        let want = (n - k) as u64;
        let read = (&mut self.r).take(want).read_to_end(out)? as u64;
        self.got += read;
        if read < want {
            return Err(self.end());
        }
        Ok(())
    }
}

/// A payload read from a file a chunk at a time, folding the checksum
/// over each chunk as it comes.
struct Stream<R> {
    src: Source<R>,
    buf: Vec<u8>,
    sum: Sum,
    /// The payload's bytes (as the header declares) not read yet.
    left: u64,
    declared: u64,
    /// The snapshot being read, for errors.
    snapshot: usize,
}

impl<R: Read> Stream<R> {
    /// The error for a payload that ends before `what`.
    fn cut(&self, what: &str, needed: u64) -> CacheError {
        CacheError::Decode {
            message: format!(
                "snapshot {}, {what}: {needed} bytes needed, {} remain: the payload is cut short",
                self.snapshot, self.left
            ),
        }
    }

    /// `n` bytes of the payload into the chunk buffer, hashed.
    fn fill_buf(&mut self, n: usize) -> Result<(), CacheError> {
        self.src.fill(&mut self.buf[..n])?;
        self.sum.update(&self.buf[..n]);
        self.left -= n as u64;
        Ok(())
    }

    fn u64(&mut self, what: &str) -> Result<u64, CacheError> {
        if self.left < 8 {
            return Err(self.cut(what, 8));
        }
        self.fill_buf(8)?;
        Ok(u64_at(&self.buf, 0))
    }

    /// A block's length, never more than remain.
    fn block_len(&mut self, what: &str) -> Result<usize, CacheError> {
        let len = self.u64(what)?;
        match usize::try_from(len).ok().filter(|&l| l as u64 <= self.left) {
            Some(l) => Ok(l),
            None => Err(self.cut(what, len)),
        }
    }

    /// The length of a block of `count` entries of `width` bytes.
    fn column_len(
        &mut self,
        what: &str,
        width: usize,
        count: usize,
        per: &str,
    ) -> Result<usize, CacheError> {
        let len = self.block_len(&format!("column `{what}`"))?;
        if Some(len) != count.checked_mul(width) {
            return Err(CacheError::Invalid {
                snapshot: self.snapshot,
                path: format!("column `{what}`"),
                found: format!("{len} bytes"),
                expected: format!("{count} × {width}, {width} for each {per}"),
            });
        }
        Ok(len)
    }

    /// `len` bytes of the payload, read straight into a vector.
    fn bytes(&mut self, len: usize) -> Result<Vec<u8>, CacheError> {
        self.bytes_in(len, Vec::new())
    }

    /// The same, read into `out` (emptied first, its memory reused).
    fn bytes_in(&mut self, len: usize, mut out: Vec<u8>) -> Result<Vec<u8>, CacheError> {
        out.clear();
        out.reserve(len.min(RESERVE));
        while out.len() < len {
            let from = out.len();
            let step = (len - from).min(CHUNK);
            self.src.append(&mut out, step)?;
            self.sum.update(&out[from..]);
            self.left -= step as u64;
        }
        Ok(out)
    }

    /// A block (its length, then its bytes) as a vector.
    fn block(&mut self, what: &str) -> Result<Vec<u8>, CacheError> {
        let len = self.block_len(what)?;
        self.bytes(len)
    }

    /// A column of `count` entries of `width` bytes, as they are.
    fn column(
        &mut self,
        what: &str,
        width: usize,
        count: usize,
        per: &str,
    ) -> Result<Vec<u8>, CacheError> {
        self.column_in(what, width, count, per, Vec::new())
    }

    /// The same, read into `out`'s memory.
    fn column_in(
        &mut self,
        what: &str,
        width: usize,
        count: usize,
        per: &str,
        out: Vec<u8>,
    ) -> Result<Vec<u8>, CacheError> {
        let len = self.column_len(what, width, count, per)?;
        self.bytes_in(len, out)
    }

    /// A column of `count` `u32`s, converted a chunk at a time.
    fn u32s(&mut self, what: &str, count: usize, per: &str) -> Result<Vec<u32>, CacheError> {
        self.u32s_in(what, count, per, Vec::new())
    }

    /// The same, converted into `out`'s memory.
    fn u32s_in(
        &mut self,
        what: &str,
        count: usize,
        per: &str,
        mut out: Vec<u32>,
    ) -> Result<Vec<u32>, CacheError> {
        let len = self.column_len(what, 4, count, per)?;
        out.clear();
        out.reserve(count.min(RESERVE / 4));
        let mut left = len;
        while left > 0 {
            let step = left.min(CHUNK);
            self.fill_buf(step)?;
            out.extend(
                self.buf[..step]
                    .chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
            );
            left -= step;
        }
        Ok(out)
    }

    /// A block of UTF-8 text, checked a chunk at a time (a character cut
    /// by a chunk's end goes on to the next chunk), or the position of the
    /// first byte that is not UTF-8.
    fn text(&mut self, name: &str) -> Result<Result<String, usize>, CacheError> {
        let mut left = self.block_len(&format!("column `{name}`"))?;
        let mut out = String::with_capacity(left.min(RESERVE));
        let (mut carry, mut offset) = (0usize, 0usize);
        let mut bad = None;
        while left > 0 {
            let step = left.min(CHUNK - carry);
            self.src.fill(&mut self.buf[carry..carry + step])?;
            self.sum.update(&self.buf[carry..carry + step]);
            self.left -= step as u64;
            left -= step;
            let data = &self.buf[..carry + step];
            let end = if left == 0 {
                data.len()
            } else {
                char_end(data)
            };
            if bad.is_none() {
                match utf8(&data[..end]) {
                    Ok(text) => out.push_str(text),
                    // The rest is read (and hashed) all the same.
                    Err(at) => bad = Some(offset + at),
                }
            }
            offset += end;
            carry = data.len() - end;
            self.buf.copy_within(end..end + carry, 0);
        }
        Ok(bad.map_or(Ok(out), Err))
    }
}

/// Where the last character of `data` that may be cut short starts: at
/// most 4 bytes from the end, the whole of it when it ends in ASCII.
fn char_end(data: &[u8]) -> usize {
    if data.last().map_or(true, |&b| b < 0x80) {
        return data.len();
    }
    let from = data.len().saturating_sub(4);
    (from..data.len())
        .rev()
        .find(|&i| data[i] & 0xC0 != 0x80)
        .unwrap_or(data.len())
}

/// Reads every snapshot of a snapshot file from a reader (a file, a
/// socket), with the columns recorded for each (đọc tệp số liệu nhị phân
/// từ luồng): a chunk at a time, without holding all of its bytes at once
/// (see [the module](crate::cache)); the ids are checked and indexed on a
/// second core while the other columns are read. The same checks and the
/// same errors as [`read()`] of the file's bytes; a file is read faster
/// this way than read whole first.
///
/// # Errors
///
/// As [`read()`], and [`CacheError::Io`] when reading fails.
///
/// ```
/// use hoptac::{cache, cache::CacheError, Snapshot};
/// use hoptac::generate::{snapshot, GeneratorConfig};
/// let snap = snapshot(&GeneratorConfig::nghe_an(100, 3, "2025-12-31".parse()?));
/// let mut file = snap.to_binary();
/// let back = cache::read_from(file.as_slice())?;
/// assert_eq!(back[0].snapshot, snap);
/// file.pop(); // cut short
/// assert_eq!(cache::read_from(file.as_slice()).unwrap_err(), cache::read(&file).unwrap_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_from(mut r: impl Read) -> Result<Vec<CachedSnapshot>, CacheError> {
    let mut start = Vec::with_capacity(HEADER + FOOTER);
    (&mut r)
        .take((HEADER + FOOTER) as u64)
        .read_to_end(&mut start)?;
    if start.len() < HEADER + FOOTER {
        // The whole file: too short, or not one.
        payload_of(&start)?;
    }
    let declared = framing(&start, start.len())?;
    let mut stream = Stream {
        src: Source {
            r,
            got: start.len() as u64,
            pending: start.split_off(HEADER),
            at: 0,
            ended: false,
        },
        buf: vec![0u8; CHUNK],
        sum: Sum::new(),
        left: declared,
        declared,
        snapshot: 0,
    };
    let decoded = snapshots_of(&mut stream);
    if let Err(e @ CacheError::Io { .. }) = decoded {
        return Err(e);
    }
    let stored = stream.finish()?;
    let computed = stream.sum.finish();
    if stored != computed {
        return Err(CacheError::Checksum { stored, computed });
    }
    decoded
}

impl<R: Read> Stream<R> {
    /// The length error of a file that ended early or has bytes after the
    /// checksum.
    fn length_error(&self) -> CacheError {
        CacheError::Length {
            declared: self.declared,
            actual: self.src.got.saturating_sub((HEADER + FOOTER) as u64),
        }
    }

    /// The rest of the payload (hashed), the checksum recorded, and that
    /// nothing follows it.
    fn finish(&mut self) -> Result<u64, CacheError> {
        let ended = |s: &Self, e: CacheError| match e {
            CacheError::Io { .. } => e,
            _ => s.length_error(),
        };
        if self.src.ended {
            return Err(self.length_error());
        }
        while self.left > 0 {
            let step = usize::try_from(self.left).unwrap_or(CHUNK).min(CHUNK);
            if let Err(e) = self.fill_buf(step) {
                return Err(ended(self, e));
            }
        }
        let mut stored = [0u8; FOOTER];
        if let Err(e) = self.src.fill(&mut stored) {
            return Err(ended(self, e));
        }
        // Nothing after it: whatever there is, is counted.
        let extra = std::io::copy(&mut self.src.r, &mut std::io::sink())?;
        if extra > 0 {
            self.src.got += extra;
            return Err(self.length_error());
        }
        Ok(u64::from_le_bytes(stored))
    }
}

/// The snapshots of a payload read as a stream. As [`read()`] does, an
/// error of the framing (the header, the blocks and their lengths) of any
/// snapshot wins over one of the entries of the blocks, which waits.
fn snapshots_of<R: Read>(stream: &mut Stream<R>) -> Result<Vec<CachedSnapshot>, CacheError> {
    let count = stream.u64("the number of snapshots")?;
    let most = usize::try_from(stream.left / 8).unwrap_or(usize::MAX);
    let mut out = Vec::with_capacity(usize::try_from(count).unwrap_or(0).min(most));
    let mut first_bad = None;
    for at in 0..count {
        stream.snapshot = usize::try_from(at).unwrap_or(usize::MAX);
        match snapshot_of(stream)? {
            Ok(snapshot) => out.push(snapshot),
            Err(e) => {
                first_bad.get_or_insert(e);
            }
        }
    }
    if stream.left != 0 {
        return Err(CacheError::Decode {
            message: format!(
                "{} bytes after the last snapshot: expected none",
                stream.left
            ),
        });
    }
    match first_bad {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// A result of reading a stream: an error of the framing (outside), or
/// what the entries give (inside).
type Framed<T> = Result<Result<T, CacheError>, CacheError>;

/// Memory faulted in already (written once, then emptied) by the second
/// core for a snapshot of `n` organisations read as a stream.
enum Faulted {
    /// For the seven byte columns, then the three of four bytes, in the
    /// order of the file (last first, to be popped), and the counts.
    Columns(Vec<Vec<u8>>, Vec<Vec<u32>>),
    /// For the rows, the hot entries and the amounts.
    Rows(Vec<Row>, Vec<Hot>, AmountColumn),
}

/// Empty vectors for the columns of `n` organisations read whole and for
/// the counts, their memory faulted in.
fn faulted_columns(n: usize) -> Faulted {
    let mut bytes: Vec<Vec<u8>> = (0..10)
        .map(|i| vec![1u8; if i < 3 { 4 * n } else { n }])
        .collect();
    let mut counts: Vec<Vec<u32>> = (0..N_COUNTS).map(|_| vec![NONE_U32; n]).collect();
    std::hint::black_box((&mut bytes, &mut counts));
    bytes.iter_mut().for_each(Vec::clear);
    counts.iter_mut().for_each(Vec::clear);
    Faulted::Columns(bytes, counts)
}

/// Empty vectors for `n` rows, hot entries and amounts whose memory is
/// faulted in already: written once, then emptied.
fn faulted_in(n: usize) -> RowMemory {
    let row = Row {
        ratings_start: 0,
        ext_start: 0,
        ratings_len: 0,
        ext_len: 0,
        kind: 0,
        sector: 0,
        status: 0,
        flags: 0,
        rating_now: NO_RATING,
        money: 0,
    };
    let hot = Hot {
        established: 0,
        dissolved: NO_DATE,
        location: 0,
        key: 0,
    };
    let mut rows = vec![row; n];
    let mut hots = vec![hot; n];
    std::hint::black_box((&mut rows, &mut hots));
    rows.clear();
    hots.clear();
    (rows, hots, AmountColumn::faulted_in(n))
}

/// One snapshot of a payload read as a stream: its ids first, checked and
/// indexed on a second core while this one reads and checks the rest.
fn snapshot_of<R: Read>(stream: &mut Stream<R>) -> Framed<CachedSnapshot> {
    let at = stream.snapshot;
    let head_bytes = stream.block("header")?;
    let head = Head::parse(at, &head_bytes)?;
    let bad = |path: String, (p, found, expected): (String, String, String)| CacheError::Invalid {
        snapshot: at,
        path: format!("{path}{p}"),
        found,
        expected,
    };
    let (date, n) = (head.date, head.n);
    let text = stream.text("ids")?;
    let ends = stream.u32s("id_ends", n, ORG)?;
    let checked = text
        .map_err(|at| bad("ids".into(), not_utf8(at)))
        .and_then(|text| {
            check_ends(&text, &ends).map_err(|e| bad("ids".into(), e))?;
            Ok(text)
        });
    let ids = match checked {
        Ok(text) => StringArena { text, ends },
        Err(e) => {
            // The rest's framing all the same: its errors win.
            let _entries = stream.rest(head, &StringArena::default(), None)?;
            return Ok(Err(e));
        }
    };
    let job = || {
        let mut snapshot = Snapshot::new(date);
        check_ids(at, &ids, &mut snapshot).map(|()| snapshot)
    };
    // The second core first gets the memory of the rows and hot entries
    // from the system (its pages faulted in), for the rows built at the
    // end: as many as the ids read, never more than the file holds.
    let (give, take) = std::sync::mpsc::sync_channel(2);
    let first_memory = move || {
        let _ = give.send(faulted_columns(n));
        let (rows, hot, amounts) = faulted_in(n);
        let _ = give.send(Faulted::Rows(rows, hot, amounts));
        job()
    };
    let (index, rest) = std::thread::scope(|scope| {
        let spawned = if n >= 1 << 14 {
            std::thread::Builder::new()
                .spawn_scoped(scope, first_memory)
                .ok()
        } else {
            None
        };
        let here = spawned.is_none().then(job);
        let memory = spawned.is_some().then_some(&take);
        let rest = stream.rest(head, &ids, memory);
        let index = match spawned {
            Some(handle) => handle
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            None => here.unwrap_or_else(|| Err(stream.cut("ids", 0))),
        };
        (index, rest)
    });
    let rest = rest?;
    Ok(index.and_then(|mut snapshot| {
        let (names, parts) = rest?;
        snapshot.ids = ids;
        snapshot.names = names;
        assemble(Ok(snapshot), Ok(parts))
    }))
}

impl<R: Read> Stream<R> {
    /// Everything of a snapshot after its ids, checked: the names, and the
    /// other columns, most read as they are and checked as [`read()`]
    /// checks them, the counts converted as they come.
    fn rest(
        &mut self,
        head: Head<'_>,
        ids: &StringArena,
        memory: Option<&std::sync::mpsc::Receiver<Faulted>>,
    ) -> Framed<(StringArena, Parts)> {
        let at = self.snapshot;
        let n = head.n;
        let text = self.text("names")?;
        let ends = self.u32s("name_ends", n, ORG)?;
        let bad = |(p, found, expected): (String, String, String)| CacheError::Invalid {
            snapshot: at,
            path: format!("names{p}"),
            found,
            expected,
        };
        let names = text.map_err(|at| bad(not_utf8(at))).and_then(|text| {
            check_ends(&text, &ends).map_err(bad)?;
            Ok(StringArena { text, ends })
        });
        // The memory the second core faulted in, when it is ready.
        let (mut spare, mut spare_counts) = match memory.map(|m| m.try_recv()) {
            Some(Ok(Faulted::Columns(bytes, counts))) => (bytes, counts),
            _ => (Vec::new(), Vec::new()),
        };
        spare_counts.reverse();
        let mut column = |s: &mut Self, what: &str, width: usize| {
            let out = spare.pop().unwrap_or_default();
            s.column_in(what, width, n, ORG, out)
        };
        let kind = column(self, "kind", 1)?;
        let sector = column(self, "sector", 1)?;
        let status = column(self, "status", 1)?;
        let flags = column(self, "flags", 1)?;
        let money = column(self, "money", 1)?;
        let rating_lens = column(self, "rating_lens", 1)?;
        let ext_lens = column(self, "ext_lens", 1)?;
        let established = column(self, "established", 4)?;
        let dissolved = column(self, "dissolved", 4)?;
        let locations = self.column("locations", 12, head.locations, "location")?;
        let location = column(self, "location", 4)?;
        let mut counts: [Vec<u32>; N_COUNTS] = Default::default();
        for (i, c) in counts.iter_mut().enumerate() {
            let out = spare_counts.pop().unwrap_or_default();
            *c = self.u32s_in(&format!("counts[{i}]"), n, ORG, out)?;
        }
        let amounts = self.column("amounts", DECIMAL_BYTES, head.amounts, "amount")?;
        let rating_years = self.column("rating_years", 2, head.ratings, "rating")?;
        let rating_values = self.column("rating_values", 1, head.ratings, "rating")?;
        let ext_name_ids = self.column("ext_name_ids", 4, head.exts, "extension value")?;
        let ext_values = self.column("ext_values", EXT_BYTES, head.exts, "extension value")?;
        let blocks = Blocks {
            at,
            date: head.date,
            head: head.head,
            n,
            ids: &[],
            id_ends: &[],
            names: &[],
            name_ends: &[],
            kind: &kind,
            sector: &sector,
            status: &status,
            flags: &flags,
            money: &money,
            rating_lens: &rating_lens,
            ext_lens: &ext_lens,
            established: &established,
            dissolved: &dissolved,
            locations: &locations,
            location: &location,
            counts: [&[]; N_COUNTS],
            amounts: &amounts,
            rating_years: &rating_years,
            rating_values: &rating_values,
            ext_name_ids: &ext_name_ids,
            ext_values: &ext_values,
            id_arena: Some(ids),
        };
        Ok(names.and_then(|names| {
            let (rows, hot, amounts) = loop {
                match memory.map(|m| m.recv()) {
                    Some(Ok(Faulted::Rows(rows, hot, amounts))) => break (rows, hot, amounts),
                    // The columns' memory came too late: dropped.
                    Some(Ok(Faulted::Columns(..))) => {}
                    _ => break Default::default(),
                }
            };
            let mut parts = blocks.parts_into(rows, hot, amounts)?;
            parts.counts = counts;
            Ok((names, parts))
        }))
    }
}

#[cfg(test)]
mod tests;
