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
//! | n | the payload: the snapshots in `postcard`, column by column |
//! | 8 | a checksum of the payload (an xxh64-style hash over its 64-bit words), little-endian |
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

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::io::{Read, Write};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::idhash::IdHasher;
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
/// assert_eq!(hoptac::cache::LAYOUT_VERSION, 1);
/// ```
pub const LAYOUT_VERSION: u16 = 1;

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
    #[error("{part} version {found} of the snapshot file is not read by this build, which reads version {supported}{}", if .found > .supported { ": the file was written by a newer hoptac" } else { "" })]
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
                    ""
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
    let payload = Payload {
        snapshots: snapshots
            .into_iter()
            .map(|(s, columns)| WireSnapshot::of(s, columns))
            .collect(),
    };
    let bytes = postcard::to_allocvec(&payload).map_err(|e| CacheError::Decode {
        message: e.to_string(),
    })?;
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
    // The checksum on a second core while this one decodes: decoding a
    // damaged payload is safe (bounded, no panic), and a checksum that
    // does not match wins over whatever the decoder said.
    let decode = || {
        postcard::take_from_bytes::<Payload<'_>>(payload)
            .map_err(|e| e.to_string())
            .and_then(|(wire, rest)| match rest.len() {
                0 => Ok(wire),
                n => Err(format!("{n} bytes after the last snapshot: expected none")),
            })
    };
    let (computed, wire) = if payload.len() >= 1 << 20 {
        std::thread::scope(|scope| {
            let sum = std::thread::Builder::new().spawn_scoped(scope, || checksum(payload));
            let wire = decode();
            let computed = match sum {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
                Err(_) => checksum(payload),
            };
            (computed, wire)
        })
    } else {
        (checksum(payload), decode())
    };
    if stored != computed {
        return Err(CacheError::Checksum { stored, computed });
    }
    let wire = wire.map_err(|message| CacheError::Decode { message })?;
    wire.snapshots
        .into_iter()
        .enumerate()
        .map(|(i, s)| s.load(i))
        .collect()
}

/// Checks the framing; returns the payload and the checksum recorded.
fn payload_of(bytes: &[u8]) -> Result<(&[u8], u64), CacheError> {
    let too_short = || CacheError::TooShort {
        len: bytes.len(),
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
    if bytes.len() < HEADER + FOOTER {
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
    let declared = u64_at(bytes, 12);
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
    let word = |b: &[u8]| u64_at(b, 0);
    let mut chunks = bytes.chunks_exact(32);
    let mut h = if bytes.len() >= 32 {
        let mut lanes = [P1.wrapping_add(P2), P2, 0, 0u64.wrapping_sub(P1)];
        for chunk in &mut chunks {
            for (lane, w) in lanes.iter_mut().zip(chunk.chunks_exact(8)) {
                *lane = round(*lane, word(w));
            }
        }
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
    h = h.wrapping_add(bytes.len() as u64);
    let rest = chunks.remainder();
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
    /// dạng nhị phân), checking it and rebuilding its indexes.
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
    pub fn read_binary(mut r: impl Read) -> Result<Snapshot, CacheError> {
        let mut bytes = Vec::new();
        r.read_to_end(&mut bytes)?;
        let mut all = read(&bytes)?;
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
    /// snapshot written by [`Snapshot::write_binary`]), checking it.
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
    pub fn read_binary(mut r: impl Read) -> Result<Registry, CacheError> {
        let mut bytes = Vec::new();
        r.read_to_end(&mut bytes)?;
        registry_of(read(&bytes)?)
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

/// Bytes written with `serialize_bytes` and read borrowed: one length
/// and the raw bytes, decoded without a copy.
#[derive(Debug)]
struct Bytes<'a>(Cow<'a, [u8]>);

impl Serialize for Bytes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Bytes<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <&'de [u8]>::deserialize(d).map(|b| Bytes(Cow::Borrowed(b)))
    }
}

/// A decimal, exactly: rust_decimal's flags word (sign and scale) and its
/// 96-bit mantissa.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct WireDecimal {
    flags: u32,
    mantissa: u128,
}

/// The bits of rust_decimal's flags that mean something: the sign (31)
/// and the scale (16 to 20).
const DECIMAL_FLAGS: u32 = 0x801F_0000;

impl WireDecimal {
    fn of(d: Decimal) -> WireDecimal {
        let b = d.serialize();
        let word = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        WireDecimal {
            flags: word(0),
            mantissa: u128::from(word(4))
                | (u128::from(word(8)) << 32)
                | (u128::from(word(12)) << 64),
        }
    }

    /// The decimal, or `None` for flags or a mantissa no decimal has.
    fn get(self) -> Option<Decimal> {
        let scale = (self.flags >> 16) & 0xFF;
        if self.flags & !DECIMAL_FLAGS != 0
            || scale > Decimal::MAX_SCALE
            || self.mantissa >> 96 != 0
        {
            return None;
        }
        let mut b = [0u8; 16];
        b[..4].copy_from_slice(&self.flags.to_le_bytes());
        b[4..].copy_from_slice(&self.mantissa.to_le_bytes()[..12]);
        Some(Decimal::deserialize(b))
    }
}

/// An extension value.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
enum WireExt {
    Number(WireDecimal),
    Bool(bool),
}

/// What a file holds.
#[derive(Debug, Serialize, Deserialize)]
struct Payload<'a> {
    #[serde(borrow)]
    snapshots: Vec<WireSnapshot<'a>>,
}

/// One snapshot, column by column: every per-organisation column has one
/// entry per organisation, in row order.
#[derive(Debug, Serialize, Deserialize)]
struct WireSnapshot<'a> {
    /// Days from the common era (`NaiveDate::num_days_from_ce`).
    date: i32,
    /// The columns the source had, sorted; `None` when not recorded.
    #[serde(borrow)]
    columns: Option<Vec<&'a str>>,
    /// The codes of the count fields, in the order of `counts`.
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
    /// Every id in UTF-8, one after the other; `id_lens` cuts them.
    #[serde(borrow)]
    ids: Bytes<'a>,
    id_lens: Vec<u32>,
    /// Every name in UTF-8, one after the other; `name_lens` cuts them.
    #[serde(borrow)]
    names: Bytes<'a>,
    name_lens: Vec<u32>,
    /// Codes: indexes into `OrgKind::ALL`, `Sector::ALL`, `OrgStatus::ALL`;
    /// `Flags::bits`.
    #[serde(borrow)]
    kind: Bytes<'a>,
    #[serde(borrow)]
    sector: Bytes<'a>,
    #[serde(borrow)]
    status: Bytes<'a>,
    #[serde(borrow)]
    flags: Bytes<'a>,
    /// Day numbers.
    established: Vec<i32>,
    dissolved: Vec<Option<i32>>,
    /// Indexes into `places`; the district's plus one, 0 for none.
    province: Vec<u32>,
    district: Vec<u32>,
    commune: Vec<u32>,
    /// One column per count field: the count plus one, 0 when unknown.
    counts: Vec<Vec<u32>>,
    /// Which amounts each organisation has, one bit per money field.
    #[serde(borrow)]
    money: Bytes<'a>,
    /// The amounts, organisation by organisation, in bit order.
    amounts: Vec<WireDecimal>,
    /// How many ratings each organisation has; then all ratings, in row
    /// order, years increasing within an organisation.
    #[serde(borrow)]
    rating_lens: Bytes<'a>,
    rating_years: Vec<i16>,
    /// Indexes into `Rating::ALL`.
    #[serde(borrow)]
    rating_values: Bytes<'a>,
    /// How many extension values each organisation has; then all of them,
    /// in row order: the name's index into `ext_names` and the value.
    #[serde(borrow)]
    ext_lens: Bytes<'a>,
    ext_name_ids: Vec<u32>,
    ext_values: Vec<WireExt>,
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

/// The lengths of the strings of an arena.
fn lens(arena: &StringArena) -> Vec<u32> {
    let mut last = 0;
    arena
        .ends
        .iter()
        .map(|&end| {
            let len = end - last;
            last = end;
            len
        })
        .collect()
}

impl<'a> WireSnapshot<'a> {
    fn of(s: &'a Snapshot, columns: Option<&'a BTreeSet<String>>) -> WireSnapshot<'a> {
        let rows = &s.rows;
        let byte = |f: fn(&Row) -> u8| Bytes(Cow::Owned(rows.iter().map(f).collect()));
        let mut amounts = Vec::new();
        for row in rows {
            for (i, a) in row.amounts.iter().enumerate() {
                if row.money & (1 << i) != 0 {
                    amounts.push(WireDecimal::of(*a));
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
            ids: Bytes(Cow::Borrowed(s.ids.text.as_bytes())),
            id_lens: lens(&s.ids),
            names: Bytes(Cow::Borrowed(s.names.text.as_bytes())),
            name_lens: lens(&s.names),
            kind: byte(|r| r.kind),
            sector: byte(|r| r.sector),
            status: byte(|r| r.status),
            flags: byte(|r| r.flags),
            established: s.hot.iter().map(|h| h.established).collect(),
            dissolved: s
                .hot
                .iter()
                .map(|h| (h.dissolved != NO_DATE).then_some(h.dissolved))
                .collect(),
            province: s
                .hot
                .iter()
                .map(|h| s.locations.get(h.location).province)
                .collect(),
            district: s
                .hot
                .iter()
                .map(|h| s.locations.get(h.location).district.wrapping_add(1))
                .collect(),
            commune: s
                .hot
                .iter()
                .map(|h| s.locations.get(h.location).commune)
                .collect(),
            counts: s
                .counts
                .iter()
                .map(|column| column.iter().map(|c| c.wrapping_add(1)).collect())
                .collect(),
            money: byte(|r| r.money),
            amounts,
            rating_lens: byte(|r| r.ratings_len),
            rating_years: rows
                .iter()
                .flat_map(|r| s.ratings_of(r))
                .map(|&(y, _)| y)
                .collect(),
            rating_values: Bytes(Cow::Owned(
                rows.iter()
                    .flat_map(|r| s.ratings_of(r))
                    .map(|&(_, v)| v)
                    .collect(),
            )),
            ext_lens: byte(|r| r.ext_len),
            ext_name_ids: rows
                .iter()
                .flat_map(|r| s.exts_of(r))
                .map(|(n, _)| *n)
                .collect(),
            ext_values: rows
                .iter()
                .flat_map(|r| s.exts_of(r))
                .map(|(_, v)| match v {
                    ExtValue::Number(n) => WireExt::Number(WireDecimal::of(*n)),
                    ExtValue::Bool(b) => WireExt::Bool(*b),
                })
                .collect(),
        }
    }

    /// The snapshot, checked, with everything derived rebuilt; `at` is its
    /// position in the file, for errors.
    fn load(self, at: usize) -> Result<CachedSnapshot, CacheError> {
        let bad = |path: String, found: String, expected: String| CacheError::Invalid {
            snapshot: at,
            path,
            found,
            expected,
        };
        let date = NaiveDate::from_num_days_from_ce_opt(self.date).ok_or_else(|| {
            bad(
                "date".into(),
                self.date.to_string(),
                "a day number of a date".into(),
            )
        })?;
        for (what, found, expected) in [
            ("count_fields", &self.count_fields, count_codes()),
            ("money_fields", &self.money_fields, money_codes()),
        ] {
            if *found != expected {
                return Err(bad(
                    what.into(),
                    format!("{found:?}"),
                    format!("{expected:?}, the fields of this build"),
                ));
            }
        }
        let n = self.id_lens.len();
        if n > Snapshot::MAX_ORGS {
            return Err(bad(
                "organisations".into(),
                n.to_string(),
                format!("at most {}", Snapshot::MAX_ORGS),
            ));
        }
        let columns: [(&str, usize); 16] = [
            ("name_lens", self.name_lens.len()),
            ("kind", self.kind.0.len()),
            ("sector", self.sector.0.len()),
            ("status", self.status.0.len()),
            ("flags", self.flags.0.len()),
            ("established", self.established.len()),
            ("dissolved", self.dissolved.len()),
            ("province", self.province.len()),
            ("district", self.district.len()),
            ("commune", self.commune.len()),
            ("money", self.money.0.len()),
            ("rating_lens", self.rating_lens.0.len()),
            ("ext_lens", self.ext_lens.0.len()),
            ("rating_values", self.rating_values.0.len()),
            ("ext_values", self.ext_values.len()),
            ("counts", self.counts.len()),
        ];
        for (name, len) in columns {
            let expected = match name {
                "rating_values" => self.rating_years.len(),
                "ext_values" => self.ext_name_ids.len(),
                "counts" => N_COUNTS,
                _ => n,
            };
            if len != expected {
                return Err(bad(
                    format!("column `{name}`"),
                    format!("{len} entries"),
                    format!("{expected}, one per {}", per(name)),
                ));
            }
        }
        for (i, column) in self.counts.iter().enumerate() {
            if column.len() != n {
                return Err(bad(
                    format!("column `counts[{i}]`"),
                    format!("{} entries", column.len()),
                    format!("{n}, one per organisation"),
                ));
            }
        }
        // The ids and their index on a second core while this one
        // checks and builds the rows (one core when there are few, or when
        // no thread can be started).
        let (ids, id_lens) = (&*self.ids.0, &self.id_lens);
        let (names, name_lens) = (&*self.names.0, &self.name_lens);
        let job = move || index_ids(at, date, (ids, id_lens), (names, name_lens));
        let (indexed, parts) = std::thread::scope(|scope| {
            let spawned = (n >= 20_000)
                .then(|| std::thread::Builder::new().spawn_scoped(scope, job).ok())
                .flatten();
            let parts = self.parts(at, date, n);
            let indexed = match spawned {
                Some(handle) => handle
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
                None => job(),
            };
            (indexed, parts)
        });
        let mut snapshot = indexed?;
        let parts = parts?;
        snapshot.rows = parts.rows;
        snapshot.hot = parts.hot;
        snapshot.counts = parts.counts;
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

    /// The id of organisation `i` as written, for errors.
    fn id(&self, i: usize) -> &str {
        let start: u64 = self.id_lens.iter().take(i).map(|&l| u64::from(l)).sum();
        let len = self.id_lens.get(i).map_or(0, |&l| u64::from(l));
        usize::try_from(start)
            .ok()
            .zip(usize::try_from(start + len).ok())
            .and_then(|(a, b)| self.ids.0.get(a..b))
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("?")
    }

    /// Everything but the ids, checked.
    fn parts(&self, at: usize, date: NaiveDate, n: usize) -> Result<Parts, CacheError> {
        let bad = |path: String, found: String, expected: String| CacheError::Invalid {
            snapshot: at,
            path,
            found,
            expected,
        };
        let places = interner(&self.places).map_err(|(i, t)| {
            bad(
                format!("places[{i}]"),
                format!("`{t}` a second time"),
                "each place name once".into(),
            )
        })?;
        let ext_names = interner(&self.ext_names).map_err(|(i, t)| {
            bad(
                format!("ext_names[{i}]"),
                format!("`{t}` a second time"),
                "each extension name once".into(),
            )
        })?;
        let total = |name: &str, len: usize| {
            u32::try_from(len).map_err(|_| {
                bad(
                    format!("column `{name}`"),
                    format!("{len} entries"),
                    format!("at most {}", u32::MAX),
                )
            })
        };
        total("rating_years", self.rating_years.len())?;
        total("ext_name_ids", self.ext_name_ids.len())?;
        let mut ratings = Vec::with_capacity(self.rating_years.len());
        for (i, (&y, &v)) in self
            .rating_years
            .iter()
            .zip(self.rating_values.0.iter())
            .enumerate()
        {
            if !(1900..=2200).contains(&y) {
                return Err(bad(
                    format!("rating_years[{i}]"),
                    y.to_string(),
                    "a year in 1900..=2200".into(),
                ));
            }
            if usize::from(v) >= Rating::ALL.len() {
                return Err(bad(
                    format!("rating_values[{i}]"),
                    v.to_string(),
                    format!("a rating code below {}", Rating::ALL.len()),
                ));
            }
            ratings.push((y, v));
        }
        let mut exts = Vec::with_capacity(self.ext_values.len());
        for (i, (&name, value)) in self
            .ext_name_ids
            .iter()
            .zip(self.ext_values.iter())
            .enumerate()
        {
            if name as usize >= ext_names.len() {
                return Err(bad(
                    format!("ext_name_ids[{i}]"),
                    name.to_string(),
                    format!("an extension name index below {}", ext_names.len()),
                ));
            }
            let value = match *value {
                WireExt::Bool(b) => ExtValue::Bool(b),
                WireExt::Number(d) => ExtValue::Number(d.get().ok_or_else(|| {
                    bad(
                        format!("ext_values[{i}]"),
                        format!("{d:?}"),
                        "a decimal (scale at most 28, 96-bit mantissa)".into(),
                    )
                })?),
            };
            exts.push((name, value));
        }
        let year_now = i32::from(i16::try_from(date.year()).unwrap_or(i16::MAX));
        let mut rows = Vec::with_capacity(n);
        let mut hot = Vec::with_capacity(n);
        let mut count_columns: [Vec<u32>; N_COUNTS] =
            std::array::from_fn(|_| Vec::with_capacity(n));
        let mut is_province = Vec::new();
        let mut locations = Locations::default();
        let (mut ratings_start, mut ext_start, mut amount_at) = (0usize, 0usize, 0usize);
        let money_mask: u8 = if N_MONEY >= 8 {
            u8::MAX
        } else {
            (1u8 << N_MONEY) - 1
        };
        for i in 0..n {
            let field = |name: &str| format!("organisation {i} `{}`, {name}", self.id(i));
            let code = |name: &str, v: u8, len: usize| {
                if usize::from(v) < len {
                    Ok(v)
                } else {
                    Err(bad(
                        field(name),
                        v.to_string(),
                        format!("a code below {len}"),
                    ))
                }
            };
            let kind = code("kind", self.kind.0[i], OrgKind::ALL.len())?;
            let sector = code("sector", self.sector.0[i], Sector::ALL.len())?;
            let status = code("status", self.status.0[i], OrgStatus::ALL.len())?;
            let flags = self.flags.0[i];
            if Flags::from_bits(flags).is_none() {
                return Err(bad(
                    field("flags"),
                    format!("{flags:#010b}"),
                    format!("only the bits of {} flags", crate::org::Flag::ALL.len()),
                ));
            }
            let day = |name: &str, d: i32| {
                if d != NO_DATE && NaiveDate::from_num_days_from_ce_opt(d).is_some() {
                    Ok(d)
                } else {
                    Err(bad(
                        field(name),
                        d.to_string(),
                        "a day number of a date".into(),
                    ))
                }
            };
            let established = day("established", self.established[i])?;
            let dissolved = match self.dissolved[i] {
                None => NO_DATE,
                Some(d) => day("dissolved", d)?,
            };
            let place = |name: &str, p: u32| {
                if (p as usize) < places.len() {
                    Ok(p)
                } else {
                    Err(bad(
                        field(name),
                        p.to_string(),
                        format!("a place index below {}", places.len()),
                    ))
                }
            };
            let province = place("province", self.province[i])?;
            let district = match self.district[i].wrapping_sub(1) {
                NONE_U32 => NONE_U32,
                d => place("district", d)?,
            };
            let commune = place("commune", self.commune[i])?;
            let mut counts = [NONE_U32; N_COUNTS];
            for (c, column) in counts.iter_mut().zip(&self.counts) {
                // 0 (unknown) becomes NONE_U32; every other value is a count.
                *c = column[i].wrapping_sub(1);
            }
            let money = self.money.0[i];
            if money & !money_mask != 0 {
                return Err(bad(
                    field("money"),
                    format!("{money:#010b}"),
                    format!("only the bits of {N_MONEY} money fields"),
                ));
            }
            let mut amounts = [Decimal::ZERO; N_MONEY];
            for (slot, amount) in amounts.iter_mut().enumerate() {
                if money & (1 << slot) == 0 {
                    continue;
                }
                let wire = self.amounts.get(amount_at).ok_or_else(|| {
                    bad(
                        "column `amounts`".into(),
                        format!("{} entries", self.amounts.len()),
                        "one per bit set in `money`".into(),
                    )
                })?;
                *amount = wire.get().ok_or_else(|| {
                    bad(
                        field(money_codes()[slot]),
                        format!("{wire:?}"),
                        "a decimal (scale at most 28, 96-bit mantissa)".into(),
                    )
                })?;
                amount_at += 1;
            }
            let ratings_len = self.rating_lens.0[i];
            let Some(own) = ratings.get(ratings_start..ratings_start + usize::from(ratings_len))
            else {
                return Err(bad(
                    field("ratings"),
                    format!("{ratings_len} ratings from {ratings_start}"),
                    format!("a range within the {} ratings", ratings.len()),
                ));
            };
            if own.windows(2).any(|w| w[0].0 >= w[1].0) {
                return Err(bad(
                    field("ratings"),
                    format!("years {:?}", own.iter().map(|r| r.0).collect::<Vec<_>>()),
                    "distinct years in increasing order".into(),
                ));
            }
            let rating_now = own
                .iter()
                .find(|r| i32::from(r.0) == year_now)
                .map_or(NO_RATING, |r| r.1);
            let ext_len = self.ext_lens.0[i];
            let Some(own) = exts.get(ext_start..ext_start + usize::from(ext_len)) else {
                return Err(bad(
                    field("extensions"),
                    format!("{ext_len} values from {ext_start}"),
                    format!("a range within the {} extension values", exts.len()),
                ));
            };
            if own
                .iter()
                .enumerate()
                .any(|(j, (name, _))| own[..j].iter().any(|(m, _)| m == name))
            {
                return Err(bad(
                    field("extensions"),
                    "one name twice".into(),
                    "each extension name at most once".into(),
                ));
            }
            let location = locations.intern(Place {
                province,
                district,
                commune,
            });
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
                amounts,
            };
            hot.push(Hot {
                established,
                dissolved,
                location,
                key: CatKey::of(&row).pack() as u16,
            });
            for (column, count) in count_columns.iter_mut().zip(counts) {
                column.push(count);
            }
            if is_province.len() <= province as usize {
                is_province.resize(province as usize + 1, false);
            }
            is_province[province as usize] = true;
            rows.push(row);
            ratings_start += usize::from(ratings_len);
            ext_start += usize::from(ext_len);
        }
        for (name, used, len) in [
            ("rating_years", ratings_start, ratings.len()),
            ("ext_values", ext_start, exts.len()),
            ("amounts", amount_at, self.amounts.len()),
        ] {
            if used != len {
                return Err(bad(
                    format!("column `{name}`"),
                    format!("{len} entries"),
                    format!("{used}, as many as the organisations have"),
                ));
            }
        }
        let columns = match &self.columns {
            None => None,
            Some(list) => {
                let set: BTreeSet<String> = list.iter().map(|c| (*c).to_owned()).collect();
                if set.len() != list.len() {
                    return Err(bad(
                        "columns".into(),
                        format!("{list:?}"),
                        "each column once".into(),
                    ));
                }
                Some(set)
            }
        };
        Ok(Parts {
            rows,
            hot,
            counts: count_columns,
            is_province,
            locations,
            places,
            ratings,
            ext_names,
            exts,
            columns,
        })
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
    is_province: Vec<bool>,
    locations: Locations,
    places: Interner,
    ratings: Vec<(i16, u8)>,
    ext_names: Interner,
    exts: Vec<(u32, ExtValue)>,
    columns: Option<BTreeSet<String>>,
}

/// Texts in UTF-8 one after the other, and their lengths.
type Texts<'a> = (&'a [u8], &'a [u32]);

/// A snapshot of `date` holding only these ids and names, checked, with
/// its id index and fingerprint; `at` is its position in the file, for
/// errors.
fn index_ids(
    at: usize,
    date: NaiveDate,
    (id_text, lens): Texts<'_>,
    (name_text, name_lens): Texts<'_>,
) -> Result<Snapshot, CacheError> {
    let bad = |path: String, found: String, expected: String| CacheError::Invalid {
        snapshot: at,
        path,
        found,
        expected,
    };
    let ids = arena(id_text, lens).map_err(|(p, f, e)| bad(format!("ids{p}"), f, e))?;

    let mut fingerprint = 0u64;
    for i in 0..lens.len() {
        let id = ids.get(i);
        if let Err(e) = OrgId::check(id) {
            return Err(bad(
                format!("organisation {i}, id"),
                format!("`{}`", id.escape_debug()),
                format!("a valid organisation id ({e})"),
            ));
        }
        fingerprint = fingerprint.wrapping_add(id_fingerprint(id));
    }
    let mut snapshot = Snapshot::new(date);
    snapshot.ids = ids;
    snapshot.fingerprint = fingerprint;
    if let Some(&(i, first)) = snapshot.rebuild_index().first() {
        return Err(bad(
            format!("organisation {i}, id"),
            format!("`{}`", snapshot.ids.get(i)),
            format!("an id of its own: organisation {first} has it"),
        ));
    }
    snapshot.names =
        arena(name_text, name_lens).map_err(|(p, f, e)| bad(format!("names{p}"), f, e))?;
    Ok(snapshot)
}

/// What one entry of a column stands for, for errors.
fn per(column: &str) -> &'static str {
    match column {
        "rating_values" => "rating year",
        "ext_values" => "extension name index",
        "counts" => "count field",
        _ => "organisation",
    }
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

/// An arena of these texts cut at these lengths, or where it fails.
fn arena(text: &[u8], lens: &[u32]) -> Result<StringArena, (String, String, String)> {
    let text = std::str::from_utf8(text).map_err(|e| {
        (
            String::new(),
            format!("bytes that are not UTF-8 at byte {}", e.valid_up_to()),
            "UTF-8 text".to_owned(),
        )
    })?;
    let mut ends = Vec::with_capacity(lens.len());
    let mut end = 0u64;
    for (i, &len) in lens.iter().enumerate() {
        end += u64::from(len);
        let ok = usize::try_from(end)
            .ok()
            .filter(|&e| e <= text.len() && text.is_char_boundary(e));
        match ok {
            Some(e) if u32::try_from(e).is_ok() => ends.push(e as u32),
            _ => {
                return Err((
                    format!("[{i}]"),
                    format!("a text ending at byte {end}"),
                    format!(
                        "one ending within the {} bytes, between two characters",
                        text.len()
                    ),
                ))
            }
        }
    }
    if end != text.len() as u64 {
        return Err((
            String::new(),
            format!("texts of {end} bytes in all"),
            format!("{}, the length of the buffer", text.len()),
        ));
    }
    Ok(StringArena {
        text: text.to_owned(),
        ends,
    })
}

#[cfg(test)]
mod tests;
