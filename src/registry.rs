//! Registry snapshots (sổ đăng ký): the organisations as known at a date,
//! held compactly so a national registry fits in memory and scans fast.

use std::collections::hash_map::RandomState;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::org::{
    Cooperative, ExtValue, Flags, Location, Numbers, NumericField, OrgId, OrgKind, OrgStatus,
    Rating, Sector, Slot, N_COUNTS, N_MONEY,
};

/// Why an organisation could not be added to a snapshot.
///
/// ```
/// use hoptac::{Cooperative, org::Location, org::OrgId, org::OrgKind, RegistryError, org::Sector, Snapshot};
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("date")?;
/// let org = Cooperative::new(OrgId::new("htx-1")?, "HTX A", OrgKind::Cooperative, Sector::Trade, Location::new("Nghệ An", "Vinh"), d);
/// let mut snap = Snapshot::new(d);
/// snap.push(org.clone())?;
/// let err = snap.push(org).unwrap_err();
/// assert_eq!(err.to_string(), "duplicate organisation id `htx-1`: already at position 0");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryError {
    /// Two organisations share one id.
    #[error("duplicate organisation id `{id}`: already at position {first}")]
    DuplicateId {
        /// The id.
        id: String,
        /// Where it was first seen (0-based).
        first: usize,
    },
    /// A count equals `u32::MAX`, which the compact form reserves.
    #[error("{field} of `{id}` is {value}, more than the {max} allowed")]
    CountTooLarge {
        /// The organisation.
        id: String,
        /// The field.
        field: &'static str,
        /// The value.
        value: u32,
        /// The largest value allowed.
        max: u32,
    },
    /// The snapshot holds as many organisations as it can index.
    #[error("a snapshot holds at most {max} organisations")]
    Full {
        /// The limit.
        max: usize,
    },
    /// A year of rating outside what the compact form holds.
    #[error("rating year {year} of `{id}` is outside 1900..=2200")]
    RatingYear {
        /// The organisation.
        id: String,
        /// The year.
        year: i32,
    },
    /// Snapshots of one history must have distinct dates.
    #[error("a snapshot dated {0} is already in the registry")]
    DuplicateDate(NaiveDate),
}

/// An organisation's fields, borrowed: what [`Snapshot::push`] stores, so
/// importers can add organisations without building a [`Cooperative`].
#[derive(Debug, Clone)]
pub(crate) struct OrgInput<'a> {
    pub(crate) id: &'a str,
    pub(crate) name: &'a str,
    pub(crate) kind: OrgKind,
    pub(crate) sector: Sector,
    pub(crate) province: &'a str,
    pub(crate) district: Option<&'a str>,
    pub(crate) commune: &'a str,
    pub(crate) established: NaiveDate,
    pub(crate) dissolved: Option<NaiveDate>,
    pub(crate) status: OrgStatus,
    pub(crate) numbers: Numbers,
    pub(crate) ratings: RatingsIn<'a>,
    pub(crate) flags: Flags,
    pub(crate) extensions: ExtensionsIn<'a>,
}

/// Ratings by year, borrowed.
#[derive(Debug, Clone)]
#[cfg_attr(not(feature = "csv"), allow(dead_code))]
pub(crate) enum RatingsIn<'a> {
    Map(&'a BTreeMap<i32, Rating>),
    One(Option<(i32, Rating)>),
}

impl RatingsIn<'_> {
    fn len(&self) -> usize {
        match self {
            RatingsIn::Map(m) => m.len(),
            RatingsIn::One(o) => usize::from(o.is_some()),
        }
    }
    fn iter(&self) -> impl Iterator<Item = (i32, Rating)> + '_ {
        let (map, one) = match self {
            RatingsIn::Map(m) => (Some(m.iter().map(|(y, r)| (*y, *r))), None),
            RatingsIn::One(o) => (None, *o),
        };
        map.into_iter().flatten().chain(one)
    }
}

/// Extension attributes, borrowed.
#[derive(Debug, Clone)]
#[cfg_attr(not(feature = "csv"), allow(dead_code))]
pub(crate) enum ExtensionsIn<'a> {
    Map(&'a BTreeMap<String, ExtValue>),
    List(Vec<(&'a str, ExtValue)>),
}

impl ExtensionsIn<'_> {
    fn len(&self) -> usize {
        match self {
            ExtensionsIn::Map(m) => m.len(),
            ExtensionsIn::List(l) => l.len(),
        }
    }
    fn iter(&self) -> Box<dyn Iterator<Item = (&str, &ExtValue)> + '_> {
        match self {
            ExtensionsIn::Map(m) => Box::new(m.iter().map(|(k, v)| (k.as_str(), v))),
            ExtensionsIn::List(l) => Box::new(l.iter().map(|(k, v)| (*k, v))),
        }
    }
}

impl<'a> OrgInput<'a> {
    pub(crate) fn of(org: &'a Cooperative) -> OrgInput<'a> {
        OrgInput {
            id: org.id.as_str(),
            name: &org.name,
            kind: org.kind,
            sector: org.sector,
            province: &org.location.province,
            district: org.location.district.as_deref(),
            commune: &org.location.commune,
            established: org.established,
            dissolved: org.dissolved,
            status: org.status,
            numbers: org.numbers(),
            ratings: RatingsIn::Map(&org.ratings),
            flags: org.flags,
            extensions: ExtensionsIn::Map(&org.extensions),
        }
    }
}

const NONE_U32: u32 = u32::MAX;
const NO_DATE: i32 = i32::MAX;
const NO_RATING: u8 = u8::MAX;
// One bit of `Row::money` per amount of money.
const _: () = assert!(N_MONEY <= 8);

/// One organisation in compact form: every categorical field a small integer,
/// every string an index into the snapshot's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) established: i32,
    pub(crate) dissolved: i32,
    /// The counts by slot ([`Slot::Count`]), `NONE_U32` when unknown.
    pub(crate) counts: [u32; N_COUNTS],
    pub(crate) province: u32,
    pub(crate) district: u32,
    pub(crate) commune: u32,
    pub(crate) ratings_start: u32,
    pub(crate) ext_start: u32,
    pub(crate) ratings_len: u8,
    pub(crate) ext_len: u8,
    pub(crate) kind: u8,
    pub(crate) sector: u8,
    pub(crate) status: u8,
    pub(crate) flags: u8,
    /// Rating for the snapshot's year, `NO_RATING` when none.
    pub(crate) rating_now: u8,
    /// Which amounts of money are known, one bit per slot ([`Slot::Money`]).
    pub(crate) money: u8,
    /// The amounts of money by slot, zero when unknown.
    pub(crate) amounts: [Decimal; N_MONEY],
}

impl Row {
    pub(crate) fn count(v: u32) -> Option<u32> {
        (v != NONE_U32).then_some(v)
    }
    /// The count in slot `i`, `None` when unknown.
    #[inline]
    pub(crate) fn count_at(&self, i: usize) -> Option<u32> {
        self.counts.get(i).copied().and_then(Row::count)
    }
    /// The amount of money in slot `i`, `None` when unknown.
    #[inline]
    pub(crate) fn money_at(&self, i: usize) -> Option<Decimal> {
        if self.money & (1 << i) == 0 {
            return None;
        }
        self.amounts.get(i).copied()
    }
    /// The built-in numeric fields.
    pub(crate) fn numbers(&self) -> Numbers {
        let mut out = Numbers::EMPTY;
        for (i, c) in out.counts.iter_mut().enumerate() {
            *c = self.count_at(i);
        }
        for (i, m) in out.money.iter_mut().enumerate() {
            *m = self.money_at(i);
        }
        out
    }
    /// Active at `day` (days from the common era): status active, established
    /// on or before, not dissolved on or before.
    pub(crate) fn is_active_at(&self, day: i32) -> bool {
        usize::from(self.status) == OrgStatus::Active.index()
            && self.established <= day
            && self.dissolved > day
    }
}

pub(crate) fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

fn from_day_number(day: i32) -> NaiveDate {
    // Every stored day number came from a valid date.
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MIN)
}

/// Interned strings: each distinct text stored once.
#[derive(Debug, Clone, Default)]
pub(crate) struct Interner {
    texts: Vec<Box<str>>,
    index: HashMap<Box<str>, u32>,
}

impl Interner {
    fn intern(&mut self, text: &str) -> u32 {
        if let Some(&i) = self.index.get(text) {
            return i;
        }
        let i = u32::try_from(self.texts.len()).unwrap_or(NONE_U32 - 1);
        self.texts.push(text.into());
        self.index.insert(text.into(), i);
        i
    }
    pub(crate) fn lookup(&self, text: &str) -> Option<u32> {
        self.index.get(text).copied()
    }
    pub(crate) fn get(&self, i: u32) -> &str {
        self.texts.get(i as usize).map_or("", |s| s)
    }
}

/// Many strings in one buffer.
#[derive(Debug, Clone, Default)]
struct StringArena {
    text: String,
    ends: Vec<u32>,
}

impl StringArena {
    fn push(&mut self, s: &str) -> bool {
        let Some(end) = u32::try_from(self.text.len() + s.len()).ok() else {
            return false;
        };
        self.text.push_str(s);
        self.ends.push(end);
        true
    }
    fn get(&self, i: usize) -> &str {
        let end = self.ends.get(i).copied().unwrap_or(0) as usize;
        let start = if i == 0 {
            0
        } else {
            self.ends.get(i - 1).copied().unwrap_or(0) as usize
        };
        self.text.get(start..end).unwrap_or("")
    }
}

/// A registry snapshot (số liệu đăng ký tại một ngày): the organisations as
/// known at its date.
///
/// Organisations are stored compactly (about 150 bytes each): categorical
/// fields as small integers, place names interned, ids and names in shared
/// buffers. [`Snapshot::get`] and [`Snapshot::iter`] give them back as
/// [`Cooperative`] records, equal to what was pushed.
///
/// ```
/// use hoptac::{Cooperative, org::Location, org::OrgId, org::OrgKind, org::Rating, org::Sector, Snapshot};
/// use chrono::NaiveDate;
/// let date = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
/// let org = Cooperative::new(OrgId::new("htx-1")?, "HTX Hưng Lợi", OrgKind::Cooperative, Sector::Agriculture,
///     Location::new("Nghệ An", "Hưng Lợi"), NaiveDate::from_ymd_opt(2019, 3, 1).ok_or("date")?)
///     .with_members(120)
///     .with_rating(2025, Rating::Good);
/// let snap = Snapshot::from_cooperatives(date, [org.clone()])?;
/// assert_eq!(snap.len(), 1);
/// assert_eq!(snap.get(0), Some(org));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Snapshot {
    date: NaiveDate,
    pub(crate) rows: Vec<Row>,
    ids: StringArena,
    names: StringArena,
    /// Ids hashed with per-snapshot random keys (so crafted ids cannot
    /// collide on purpose), to the first position with that hash.
    id_hasher: RandomState,
    id_index: HashIndex<u32>,
    id_collisions: HashIndex<Vec<u32>>,
    pub(crate) places: Interner,
    /// The place last interned for province, district and commune.
    last_place: [u32; 3],
    ratings: Vec<(i16, u8)>,
    pub(crate) ext_names: Interner,
    pub(crate) exts: Vec<(u32, ExtValue)>,
    /// The wrapping sum of [`id_fingerprint`] over every id.
    fingerprint: u64,
}

/// A stable 64-bit hash of one organisation id (FNV-1a, then the splitmix64
/// finaliser to spread the bits): the same on every machine and version, so
/// that tallies computed elsewhere can be checked for overlap.
fn id_fingerprint(id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in id.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// A hasher for keys that are already hashes: it passes the `u64` through.
#[derive(Debug, Default, Clone, Copy)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; fold anything else in for safety.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type HashIndex<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

impl Snapshot {
    /// The most organisations one snapshot holds (2^31).
    ///
    /// ```
    /// use hoptac::Snapshot;
    /// assert_eq!(Snapshot::MAX_ORGS, 2_147_483_648);
    /// ```
    pub const MAX_ORGS: usize = 1 << 31;

    /// An empty snapshot taken at `date`.
    ///
    /// ```
    /// use hoptac::Snapshot;
    /// let snap = Snapshot::new("2025-12-31".parse()?);
    /// assert!(snap.is_empty());
    /// assert_eq!(snap.to_string(), "snapshot of 0 organisations at 2025-12-31");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(date: NaiveDate) -> Snapshot {
        Snapshot {
            date,
            rows: Vec::new(),
            ids: StringArena::default(),
            names: StringArena::default(),
            id_hasher: RandomState::new(),
            id_index: HashIndex::default(),
            id_collisions: HashIndex::default(),
            places: Interner::default(),
            last_place: [NONE_U32; 3],
            ratings: Vec::new(),
            ext_names: Interner::default(),
            fingerprint: 0,
            exts: Vec::new(),
        }
    }

    /// A snapshot of these organisations.
    ///
    /// # Errors
    ///
    /// [`RegistryError`] at the first organisation that cannot be added
    /// (a duplicate id, a count of `u32::MAX`).
    ///
    /// ```
    /// use hoptac::{Cooperative, org::Location, org::OrgId, org::OrgKind, RegistryError, org::Sector, Snapshot};
    /// let est = "2020-01-01".parse()?;
    /// let a = Cooperative::new(OrgId::new("htx-a")?, "HTX A", OrgKind::Cooperative, Sector::Trade,
    ///     Location::new("Nghệ An", "Vinh"), est);
    /// let b = Cooperative::new(OrgId::new("htx-b")?, "HTX B", OrgKind::Cooperative, Sector::Agriculture,
    ///     Location::new("Nghệ An", "Vinh"), est);
    /// let snap = Snapshot::from_cooperatives("2025-12-31".parse()?, [a.clone(), b])?;
    /// assert_eq!(snap.len(), 2);
    /// assert_eq!(snap.id_at(1), Some("htx-b"));
    /// // A duplicate id stops the whole snapshot.
    /// let err = Snapshot::from_cooperatives("2025-12-31".parse()?, [a.clone(), a]).unwrap_err();
    /// assert!(matches!(err, RegistryError::DuplicateId { first: 0, .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_cooperatives(
        date: NaiveDate,
        orgs: impl IntoIterator<Item = Cooperative>,
    ) -> Result<Snapshot, RegistryError> {
        let mut snap = Snapshot::new(date);
        for org in orgs {
            snap.push(org)?;
        }
        Ok(snap)
    }

    /// Reserves room for `additional` more organisations.
    ///
    /// ```
    /// use hoptac::Snapshot;
    /// let mut snap = Snapshot::new("2025-12-31".parse()?);
    /// snap.reserve(1_000);
    /// assert!(snap.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reserve(&mut self, additional: usize) {
        self.rows.reserve(additional);
        self.id_index.reserve(additional);
    }

    /// The date the snapshot was taken.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::Snapshot;
    /// let date: NaiveDate = "2024-12-31".parse()?;
    /// assert_eq!(Snapshot::new(date).date(), date);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// A fingerprint of the organisations it holds: an order-independent,
    /// stable 64-bit hash of their ids (the same on every machine). Two
    /// snapshots with the same ids have the same fingerprint whatever the
    /// order of their rows; [`Tally::merge`](crate::Tally::merge) uses it to
    /// refuse counting one scan twice.
    ///
    /// ```
    /// use hoptac::{Cooperative, org::Location, org::OrgId, org::OrgKind, org::Sector, Snapshot};
    /// let org = |id: &str| -> Result<Cooperative, Box<dyn std::error::Error>> {
    ///     Ok(Cooperative::new(OrgId::new(id)?, id, OrgKind::Cooperative, Sector::Agriculture,
    ///         Location::new("Lạng Sơn", "Đồng Mỏ"), "2022-05-01".parse()?))
    /// };
    /// let date = "2025-12-31".parse()?;
    /// let ab = Snapshot::from_cooperatives(date, [org("a")?, org("b")?])?;
    /// let ba = Snapshot::from_cooperatives(date, [org("b")?, org("a")?])?;
    /// assert_eq!(ab.fingerprint(), ba.fingerprint());
    /// assert_ne!(ab.fingerprint(), Snapshot::from_cooperatives(date, [org("a")?])?.fingerprint());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// How many organisations it holds.
    ///
    /// ```
    /// use hoptac::{Cooperative, org::Location, org::OrgId, org::OrgKind, org::Sector, Snapshot};
    /// let mut snap = Snapshot::new("2025-12-31".parse()?);
    /// assert_eq!(snap.len(), 0);
    /// snap.push(Cooperative::new(OrgId::new("tht-1")?, "THT Rau sạch", OrgKind::CooperativeGroup,
    ///     Sector::Agriculture, Location::new("Lạng Sơn", "Đồng Mỏ"), "2022-05-01".parse()?))?;
    /// assert_eq!(snap.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether it holds none.
    ///
    /// ```
    /// use hoptac::{Cooperative, org::Location, org::OrgId, org::OrgKind, org::Sector, Snapshot};
    /// let mut snap = Snapshot::new("2025-12-31".parse()?);
    /// assert!(snap.is_empty());
    /// snap.push(Cooperative::new(OrgId::new("htx-1")?, "HTX A", OrgKind::Cooperative,
    ///     Sector::Trade, Location::new("Nghệ An", "Vinh"), "2020-01-01".parse()?))?;
    /// assert!(!snap.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The position of the organisation with this id.
    ///
    /// ```
    /// # use hoptac::{Cooperative, org::Location, org::OrgId, org::OrgKind, org::Sector, Snapshot};
    /// let d: chrono::NaiveDate = "2025-12-31".parse()?;
    /// let org = Cooperative::new(OrgId::new("htx-1")?, "HTX A", OrgKind::Cooperative, Sector::Trade, Location::new("Nghệ An", "Vinh"), d);
    /// let snap = Snapshot::from_cooperatives(d, [org])?;
    /// assert_eq!(snap.position("htx-1"), Some(0));
    /// assert_eq!(snap.position("htx-2"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn position(&self, id: &str) -> Option<usize> {
        self.position_hashed(self.id_hasher.hash_one(id), id)
    }

    fn position_hashed(&self, h: u64, id: &str) -> Option<usize> {
        let first = *self.id_index.get(&h)?;
        if self.ids.get(first as usize) == id {
            return Some(first as usize);
        }
        self.id_collisions
            .get(&h)?
            .iter()
            .find(|&&i| self.ids.get(i as usize) == id)
            .map(|&i| i as usize)
    }

    /// The id of the organisation at `index`.
    ///
    /// ```
    /// use hoptac::{Cooperative, org::Location, org::OrgId, org::OrgKind, org::Sector, Snapshot};
    /// let org = Cooperative::new(OrgId::new("htx-1")?, "HTX A", OrgKind::Cooperative,
    ///     Sector::Trade, Location::new("Nghệ An", "Vinh"), "2020-01-01".parse()?);
    /// let snap = Snapshot::from_cooperatives("2025-12-31".parse()?, [org])?;
    /// assert_eq!(snap.id_at(0), Some("htx-1"));
    /// assert_eq!(snap.id_at(1), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn id_at(&self, index: usize) -> Option<&str> {
        (index < self.rows.len()).then(|| self.ids.get(index))
    }

    /// Adds an organisation.
    ///
    /// # Errors
    ///
    /// [`RegistryError::DuplicateId`] when the id is already present,
    /// [`RegistryError::CountTooLarge`] for a count of `u32::MAX`,
    /// [`RegistryError::RatingYear`] for a rating outside 1900..=2200, and
    /// [`RegistryError::Full`] past [`Snapshot::MAX_ORGS`]. Nothing is added
    /// on error.
    ///
    /// ```
    /// use hoptac::{Cooperative, org::Location, org::OrgId, org::OrgKind, org::Sector, Snapshot};
    /// let mut snap = Snapshot::new("2025-12-31".parse()?);
    /// let org = Cooperative::new(OrgId::new("htx-1")?, "HTX A", OrgKind::Cooperative,
    ///     Sector::Trade, Location::new("Nghệ An", "Vinh"), "2020-01-01".parse()?)
    ///     .with_members(u32::MAX);
    /// let err = snap.push(org.clone()).unwrap_err();
    /// assert_eq!(err.to_string(), "members of `htx-1` is 4294967295, more than the 4294967294 allowed");
    /// assert!(snap.is_empty()); // nothing added on error
    /// snap.push(org.with_members(25))?;
    /// assert_eq!(snap.find("htx-1").and_then(|o| o.members), Some(25));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn push(&mut self, org: Cooperative) -> Result<(), RegistryError> {
        self.push_input(&OrgInput::of(&org))
    }

    /// [`Snapshot::push`] from borrowed fields; the id must already satisfy
    /// [`OrgId::new`]'s checks.
    pub(crate) fn push_input(&mut self, org: &OrgInput<'_>) -> Result<(), RegistryError> {
        let h = self.id_hasher.hash_one(org.id);
        if let Some(first) = self.position_hashed(h, org.id) {
            return Err(RegistryError::DuplicateId {
                id: org.id.to_owned(),
                first,
            });
        }
        self.append(org)?;
        self.index_last(h);
        Ok(())
    }

    /// Adds an organisation without indexing its id, for bulk loads that
    /// call [`Snapshot::rebuild_index`] once at the end; until then
    /// [`Snapshot::position`] does not see it.
    #[cfg_attr(not(feature = "csv"), allow(dead_code))]
    pub(crate) fn push_unindexed(&mut self, org: &OrgInput<'_>) -> Result<(), RegistryError> {
        self.append(org)
    }

    /// Rebuilds the id index over every row, sized once, and returns the
    /// duplicate ids found as (position, position of the first with that id).
    #[cfg_attr(not(feature = "csv"), allow(dead_code))]
    pub(crate) fn rebuild_index(&mut self) -> Vec<(usize, usize)> {
        self.id_index = HashIndex::default();
        self.id_collisions = HashIndex::default();
        self.id_index.reserve(self.rows.len());
        let mut duplicates = Vec::new();
        let Snapshot {
            ids,
            id_hasher,
            id_index,
            id_collisions,
            ..
        } = self;
        for i in 0..ids.ends.len() {
            let id = ids.get(i);
            let h = id_hasher.hash_one(id);
            match id_index.entry(h) {
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(i as u32);
                }
                std::collections::hash_map::Entry::Occupied(slot) => {
                    let first = *slot.get() as usize;
                    let same = std::iter::once(first)
                        .chain(
                            id_collisions
                                .get(&h)
                                .into_iter()
                                .flatten()
                                .map(|&j| j as usize),
                        )
                        .find(|&j| ids.get(j) == id);
                    match same {
                        Some(first) => duplicates.push((i, first)),
                        None => id_collisions.entry(h).or_default().push(i as u32),
                    }
                }
            }
        }
        duplicates
    }

    /// Indexes the last row's id, whose hash is `h`.
    fn index_last(&mut self, h: u64) {
        self.index_row(h, (self.rows.len() - 1) as u32);
    }

    /// Indexes the id of row `index`, whose hash is `h`.
    fn index_row(&mut self, h: u64, index: u32) {
        match self.id_index.entry(h) {
            std::collections::hash_map::Entry::Occupied(_) => {
                self.id_collisions.entry(h).or_default().push(index);
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(index);
            }
        }
    }

    /// Stores an organisation's fields; checks everything but its id's
    /// uniqueness.
    fn append(&mut self, org: &OrgInput<'_>) -> Result<(), RegistryError> {
        let index = self.rows.len();
        if index >= Snapshot::MAX_ORGS {
            return Err(RegistryError::Full {
                max: Snapshot::MAX_ORGS,
            });
        }
        let count = |field: &'static str, v: Option<u32>| -> Result<u32, RegistryError> {
            match v {
                None => Ok(NONE_U32),
                Some(x) if x == NONE_U32 => Err(RegistryError::CountTooLarge {
                    id: org.id.to_owned(),
                    field,
                    value: x,
                    max: NONE_U32 - 1,
                }),
                Some(x) => Ok(x),
            }
        };
        let mut counts = [NONE_U32; N_COUNTS];
        for field in NumericField::ALL {
            if let Slot::Count(i) = field.slot() {
                let (Some(stored), Some(&value)) = (counts.get_mut(i), org.numbers.counts.get(i))
                else {
                    continue;
                };
                *stored = count(field.code(), value)?;
            }
        }
        for year in org.ratings.iter().map(|(y, _)| y) {
            if !(1900..=2200).contains(&year) {
                return Err(RegistryError::RatingYear {
                    id: org.id.to_owned(),
                    year,
                });
            }
        }
        let full = || RegistryError::Full {
            max: Snapshot::MAX_ORGS,
        };
        // Check the buffers' room before changing anything.
        if self.ids.text.len() + org.id.len() > u32::MAX as usize
            || self.names.text.len() + org.name.len() > u32::MAX as usize
            || self.ratings.len() + org.ratings.len() > u32::MAX as usize
            || self.exts.len() + org.extensions.len() > u32::MAX as usize
            || org.ratings.len() > usize::from(u8::MAX)
            || org.extensions.len() > usize::from(u8::MAX)
        {
            return Err(full());
        }
        let ratings_start = self.ratings.len() as u32;
        let year_now = self.date.year();
        let mut rating_now = NO_RATING;
        for (year, rating) in org.ratings.iter() {
            // Checked above: 1900..=2200 fits in i16.
            self.ratings.push((year as i16, rating.index() as u8));
            if year == year_now {
                rating_now = rating.index() as u8;
            }
        }
        let ext_start = self.exts.len() as u32;
        for (name, value) in org.extensions.iter() {
            let name_id = self.ext_names.intern(name);
            self.exts.push((name_id, value.clone()));
        }
        let mut money = 0;
        let mut amounts = [Decimal::ZERO; N_MONEY];
        for (i, (amount, value)) in amounts.iter_mut().zip(org.numbers.money).enumerate() {
            if let Some(v) = value {
                money |= 1 << i;
                *amount = v;
            }
        }
        let row = Row {
            established: day_number(org.established),
            dissolved: org.dissolved.map_or(NO_DATE, day_number),
            counts,
            province: self.intern_place(0, org.province),
            district: org.district.map_or(NONE_U32, |d| self.intern_place(1, d)),
            commune: self.intern_place(2, org.commune),
            ratings_start,
            ext_start,
            ratings_len: org.ratings.len() as u8,
            ext_len: org.extensions.len() as u8,
            kind: org.kind.index() as u8,
            sector: org.sector.index() as u8,
            status: org.status.index() as u8,
            flags: org.flags.bits(),
            rating_now,
            money,
            amounts,
        };
        self.ids.push(org.id);
        self.names.push(org.name);
        self.rows.push(row);
        self.fingerprint = self.fingerprint.wrapping_add(id_fingerprint(org.id));
        Ok(())
    }

    /// The memory the snapshot holds, in bytes: its rows, buffers, tables
    /// and indexes by capacity (allocator overhead not counted).
    ///
    /// ```
    /// use hoptac::Snapshot;
    /// let snap = Snapshot::new(chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
    /// assert!(snap.memory_bytes() < 1024);
    /// ```
    pub fn memory_bytes(&self) -> usize {
        use std::mem::size_of;
        let map = |cap: usize, entry: usize| cap * (entry + 1);
        let interner = |i: &Interner| {
            i.texts.capacity() * size_of::<Box<str>>()
                + i.texts.iter().map(|t| 2 * t.len()).sum::<usize>()
                + map(i.index.capacity(), size_of::<(Box<str>, u32)>())
        };
        size_of::<Snapshot>()
            + self.rows.capacity() * size_of::<Row>()
            + self.ids.text.capacity()
            + self.ids.ends.capacity() * 4
            + self.names.text.capacity()
            + self.names.ends.capacity() * 4
            + map(self.id_index.capacity(), size_of::<(u64, u32)>())
            + self
                .id_collisions
                .values()
                .map(|v| v.capacity() * 4 + 32)
                .sum::<usize>()
            + interner(&self.places)
            + interner(&self.ext_names)
            + self.ratings.capacity() * size_of::<(i16, u8)>()
            + self.exts.capacity() * size_of::<(u32, ExtValue)>()
    }

    /// Interns a place name, first trying the last name seen in the same
    /// field (registries are usually sorted by place).
    fn intern_place(&mut self, field: usize, name: &str) -> u32 {
        let last = self.last_place[field];
        if last != NONE_U32 && self.places.get(last) == name {
            return last;
        }
        let id = self.places.intern(name);
        self.last_place[field] = id;
        id
    }

    /// The organisation at `index`, rebuilt as a [`Cooperative`].
    ///
    /// ```
    /// use hoptac::{Cooperative, org::Location, org::OrgId, org::OrgKind, org::Rating, org::Sector, Snapshot};
    /// let org = Cooperative::new(OrgId::new("htx-1")?, "HTX A", OrgKind::Cooperative,
    ///     Sector::Trade, Location::new("Nghệ An", "Vinh").with_district("Hưng Nguyên"),
    ///     "2020-01-01".parse()?)
    ///     .with_rating(2024, Rating::Fair);
    /// let snap = Snapshot::from_cooperatives("2025-12-31".parse()?, [org.clone()])?;
    /// assert_eq!(snap.get(0), Some(org));
    /// assert_eq!(snap.get(1), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn get(&self, index: usize) -> Option<Cooperative> {
        let row = self.rows.get(index)?;
        let id = OrgId::new(self.ids.get(index)).ok()?;
        let ratings: BTreeMap<i32, Rating> = self
            .ratings
            .get(
                row.ratings_start as usize
                    ..row.ratings_start as usize + usize::from(row.ratings_len),
            )?
            .iter()
            .filter_map(|&(y, r)| Some((i32::from(y), *Rating::ALL.get(usize::from(r))?)))
            .collect();
        let extensions = self
            .exts
            .get(row.ext_start as usize..row.ext_start as usize + usize::from(row.ext_len))?
            .iter()
            .map(|(n, v)| (self.ext_names.get(*n).to_owned(), v.clone()))
            .collect();
        let location = Location {
            province: self.places.get(row.province).to_owned(),
            district: (row.district != NONE_U32).then(|| self.places.get(row.district).to_owned()),
            commune: self.places.get(row.commune).to_owned(),
        };
        let mut org = Cooperative::new(
            id,
            self.names.get(index),
            *OrgKind::ALL.get(usize::from(row.kind))?,
            *Sector::ALL.get(usize::from(row.sector))?,
            location,
            from_day_number(row.established),
        );
        org.dissolved = (row.dissolved != NO_DATE).then(|| from_day_number(row.dissolved));
        org.status = *OrgStatus::ALL.get(usize::from(row.status))?;
        org.set_numbers(&row.numbers());
        org.ratings = ratings;
        org.flags = Flags::from_bits(row.flags)?;
        org.extensions = extensions;
        Some(org)
    }

    /// Validates every organisation at the snapshot's date
    /// ([`Cooperative::validate`]); each problem's path starts with the
    /// organisation's id in brackets, as in `[htx-7].members`.
    ///
    /// ```
    /// use hoptac::{Cooperative, org::Location, org::OrgId, org::OrgKind, ProblemCode, org::Sector, Snapshot};
    /// let d: chrono::NaiveDate = "2025-12-31".parse()?;
    /// let small = Cooperative::new(OrgId::new("htx-7")?, "HTX B", OrgKind::Cooperative, Sector::Trade,
    ///     Location::new("Nghệ An", "Vinh"), "2020-01-01".parse()?).with_members(3);
    /// let problems = Snapshot::from_cooperatives(d, [small])?.validate();
    /// assert!(problems.contains(ProblemCode::TooFewMembers));
    /// assert_eq!(problems.iter().next().map(|p| p.path.as_str()), Some("[htx-7].members"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> crate::error::Problems {
        let mut out = crate::error::Problems::new();
        for org in self.iter() {
            let problems = org.validate(self.date);
            out.extend_prefixed(&format!("[{}]", org.id), problems);
        }
        out
    }

    /// The organisation with this id.
    ///
    /// ```
    /// use hoptac::{Cooperative, org::Location, org::OrgId, org::OrgKind, org::Sector, Snapshot};
    /// let org = Cooperative::new(OrgId::new("htx-1")?, "HTX Hưng Lợi", OrgKind::Cooperative,
    ///     Sector::Agriculture, Location::new("Nghệ An", "Hưng Lợi"), "2019-03-01".parse()?);
    /// let snap = Snapshot::from_cooperatives("2025-12-31".parse()?, [org])?;
    /// let found = snap.find("htx-1").ok_or("not found")?;
    /// assert_eq!(found.name, "HTX Hưng Lợi");
    /// assert!(snap.find("htx-2").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn find(&self, id: &str) -> Option<Cooperative> {
        self.get(self.position(id)?)
    }

    /// Every organisation, in the order pushed.
    ///
    /// ```
    /// use hoptac::{Cooperative, org::Location, org::OrgId, org::OrgKind, org::Sector, Snapshot};
    /// let est = "2020-01-01".parse()?;
    /// let mut snap = Snapshot::new("2025-12-31".parse()?);
    /// for id in ["htx-b", "htx-a"] {
    ///     snap.push(Cooperative::new(OrgId::new(id)?, "HTX", OrgKind::Cooperative, Sector::Trade,
    ///         Location::new("Nghệ An", "Vinh"), est))?;
    /// }
    /// let ids: Vec<String> = snap.iter().map(|o| o.id.to_string()).collect();
    /// assert_eq!(ids, ["htx-b", "htx-a"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = Cooperative> + '_ {
        (0..self.rows.len()).filter_map(|i| self.get(i))
    }

    /// The value of a numeric extension attribute of the row at `index`.
    pub(crate) fn ext_value(&self, row: &Row, name: u32) -> Option<&ExtValue> {
        let start = row.ext_start as usize;
        self.exts
            .get(start..start + usize::from(row.ext_len))?
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
    }
}

impl PartialEq for Snapshot {
    /// Two snapshots are equal when they have the same date and the same
    /// organisations in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.date == other.date && self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl fmt::Display for Snapshot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "snapshot of {} organisations at {}",
            self.len(),
            self.date
        )
    }
}

/// A history of snapshots (lịch sử số liệu), one per date, in date order.
///
/// ```
/// use hoptac::{Registry, Snapshot};
/// use chrono::NaiveDate;
/// let mut reg = Registry::new();
/// reg.insert(Snapshot::new(NaiveDate::from_ymd_opt(2024, 12, 31).ok_or("date")?))?;
/// reg.insert(Snapshot::new(NaiveDate::from_ymd_opt(2023, 12, 31).ok_or("date")?))?;
/// let latest = reg.latest_at(NaiveDate::from_ymd_opt(2025, 6, 30).ok_or("date")?).ok_or("no snapshot")?;
/// assert_eq!(latest.date(), NaiveDate::from_ymd_opt(2024, 12, 31).ok_or("date")?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Registry {
    snapshots: Vec<Snapshot>,
}

impl Registry {
    /// An empty history.
    ///
    /// ```
    /// use hoptac::Registry;
    /// let reg = Registry::new();
    /// assert!(reg.is_empty());
    /// assert_eq!(reg, Registry::default());
    /// ```
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Adds a snapshot, keeping date order.
    ///
    /// # Errors
    ///
    /// [`RegistryError::DuplicateDate`] when a snapshot of that date exists.
    ///
    /// ```
    /// use hoptac::{Registry, RegistryError, Snapshot};
    /// let mut reg = Registry::new();
    /// reg.insert(Snapshot::new("2024-12-31".parse()?))?;
    /// reg.insert(Snapshot::new("2023-12-31".parse()?))?;
    /// let dates: Vec<String> = reg.iter().map(|s| s.date().to_string()).collect();
    /// assert_eq!(dates, ["2023-12-31", "2024-12-31"]);
    /// let err = reg.insert(Snapshot::new("2024-12-31".parse()?)).unwrap_err();
    /// assert_eq!(err, RegistryError::DuplicateDate("2024-12-31".parse()?));
    /// assert_eq!(err.to_string(), "a snapshot dated 2024-12-31 is already in the registry");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn insert(&mut self, snapshot: Snapshot) -> Result<(), RegistryError> {
        match self
            .snapshots
            .binary_search_by_key(&snapshot.date, |s| s.date)
        {
            Ok(_) => Err(RegistryError::DuplicateDate(snapshot.date)),
            Err(pos) => {
                self.snapshots.insert(pos, snapshot);
                Ok(())
            }
        }
    }

    /// The latest snapshot taken on or before `date`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::{Registry, Snapshot};
    /// let mut reg = Registry::new();
    /// reg.insert(Snapshot::new("2023-12-31".parse()?))?;
    /// reg.insert(Snapshot::new("2024-12-31".parse()?))?;
    /// let mid_2024: NaiveDate = "2024-06-30".parse()?;
    /// assert_eq!(reg.latest_at(mid_2024).map(|s| s.date().to_string()), Some("2023-12-31".into()));
    /// assert!(reg.latest_at("2020-01-01".parse()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn latest_at(&self, date: NaiveDate) -> Option<&Snapshot> {
        self.snapshots.iter().rev().find(|s| s.date <= date)
    }

    /// Every snapshot taken on or before `date`, oldest first.
    ///
    /// ```
    /// use hoptac::{Registry, Snapshot};
    /// let mut reg = Registry::new();
    /// for date in ["2022-12-31", "2023-12-31", "2024-12-31"] {
    ///     reg.insert(Snapshot::new(date.parse()?))?;
    /// }
    /// let dates: Vec<String> = reg.up_to("2023-12-31".parse()?).map(|s| s.date().to_string()).collect();
    /// assert_eq!(dates, ["2022-12-31", "2023-12-31"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn up_to(&self, date: NaiveDate) -> impl Iterator<Item = &Snapshot> {
        self.snapshots.iter().filter(move |s| s.date <= date)
    }

    /// Every snapshot, oldest first.
    ///
    /// ```
    /// use hoptac::{Registry, Snapshot};
    /// let mut reg = Registry::new();
    /// reg.insert(Snapshot::new("2024-12-31".parse()?))?;
    /// reg.insert(Snapshot::new("2022-12-31".parse()?))?;
    /// let years: Vec<String> = reg.iter().map(|s| s.date().format("%Y").to_string()).collect();
    /// assert_eq!(years, ["2022", "2024"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, Snapshot> {
        self.snapshots.iter()
    }

    /// How many snapshots.
    ///
    /// ```
    /// use hoptac::{Registry, Snapshot};
    /// let mut reg = Registry::from(Snapshot::new("2024-12-31".parse()?));
    /// assert_eq!(reg.len(), 1);
    /// reg.insert(Snapshot::new("2025-12-31".parse()?))?;
    /// assert_eq!(reg.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.snapshots.len()
    }

    /// Whether there is none.
    ///
    /// ```
    /// use hoptac::{Registry, Snapshot};
    /// assert!(Registry::new().is_empty());
    /// assert!(!Registry::from(Snapshot::new("2024-12-31".parse()?)).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.snapshots.is_empty()
    }
}

impl From<Snapshot> for Registry {
    fn from(s: Snapshot) -> Self {
        Registry { snapshots: vec![s] }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn row_is_small() {
        assert!(
            std::mem::size_of::<Row>() <= 96,
            "{}",
            std::mem::size_of::<Row>()
        );
    }

    #[test]
    fn duplicate_and_lookup() {
        let mut s = Snapshot::new(d(2025, 1, 1));
        for i in 0..100 {
            let org = Cooperative::new(
                OrgId::new(format!("o{i}")).unwrap(),
                format!("Tổ chức {i}"),
                OrgKind::Cooperative,
                Sector::Other,
                Location::new("P", "C"),
                d(2020, 1, 1),
            );
            s.push(org).unwrap();
        }
        assert_eq!(s.position("o57"), Some(57));
        assert_eq!(s.find("o3").unwrap().name, "Tổ chức 3");
        assert!(s.position("zz").is_none());
        let dup = s.get(5).unwrap();
        assert!(matches!(
            s.push(dup),
            Err(RegistryError::DuplicateId { first: 5, .. })
        ));
        assert_eq!(s.len(), 100);
    }

    proptest::proptest! {
        #[test]
        fn snapshot_gives_back_what_was_pushed(
            orgs in proptest::collection::vec(crate::org::arb::arb_cooperative(), 0..20)
        ) {
            let mut seen = std::collections::HashSet::new();
            let orgs: Vec<Cooperative> = orgs
                .into_iter()
                .filter(|o| seen.insert(o.id.clone()))
                .filter(|o| o.ratings.keys().all(|y| (1900..=2200).contains(y)))
                .filter(|o| o.numbers().counts.iter().all(|v| *v != Some(u32::MAX)))
                .collect();
            let snap = Snapshot::from_cooperatives(d(2024, 12, 31), orgs.clone()).unwrap();
            let back: Vec<Cooperative> = snap.iter().collect();
            proptest::prop_assert_eq!(back, orgs);
        }
    }

    #[test]
    fn reserved_count_is_refused() {
        let mut s = Snapshot::new(d(2025, 1, 1));
        let org = Cooperative::new(
            OrgId::new("x").unwrap(),
            "X",
            OrgKind::Cooperative,
            Sector::Other,
            Location::new("P", "C"),
            d(2020, 1, 1),
        )
        .with_members(u32::MAX);
        assert_eq!(
            s.push(org).unwrap_err().to_string(),
            "members of `x` is 4294967295, more than the 4294967294 allowed"
        );
        assert!(s.is_empty());
    }
}
