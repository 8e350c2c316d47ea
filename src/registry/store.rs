//! How a snapshot stores organisations: the compact row encoding, the
//! interned place names, the string arenas and the id index.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::idhash::IdHasher;
use super::idindex::IdIndex;
use super::{RegistryError, Snapshot};
use crate::engine::pred::CatKey;
use crate::org::{
    Cooperative, ExtValue, Flags, Numbers, NumericField, OrgKind, OrgStatus, Rating, Sector, Slot,
    N_COUNTS, N_MONEY,
};

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
    /// In the order stored (a snapshot's own, [`Snapshot::input_at`]).
    List(Vec<(i32, Rating)>),
}

impl RatingsIn<'_> {
    fn len(&self) -> usize {
        match self {
            RatingsIn::Map(m) => m.len(),
            RatingsIn::One(o) => usize::from(o.is_some()),
            RatingsIn::List(l) => l.len(),
        }
    }
    fn iter(&self) -> impl Iterator<Item = (i32, Rating)> + '_ {
        let (map, one, list) = match self {
            RatingsIn::Map(m) => (Some(m.iter().map(|(y, r)| (*y, *r))), None, None),
            RatingsIn::One(o) => (None, *o, None),
            RatingsIn::List(l) => (None, None, Some(l.iter().copied())),
        };
        map.into_iter()
            .flatten()
            .chain(one)
            .chain(list.into_iter().flatten())
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

pub(crate) const NONE_U32: u32 = u32::MAX;
pub(super) const NO_DATE: i32 = i32::MAX;
pub(super) const NO_RATING: u8 = u8::MAX;
// One bit of `Row::money` per amount of money.
const _: () = assert!(N_MONEY <= 8);

/// What the fast scan reads of each organisation, 16 bytes, in a column of
/// its own (`Snapshot::hot`): its dates, its location (for the plan's
/// scope and for breakdowns by place) and its categorical fields packed in
/// one key (the fields themselves are in its [`Row`] too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hot {
    /// Established (day number, [`day_number`]).
    pub(crate) established: i32,
    /// Dissolved (day number), `NO_DATE` when not.
    pub(crate) dissolved: i32,
    /// The organisation's place: an index into the snapshot's
    /// [`Locations`] (province, district and commune, each interned).
    pub(crate) location: u32,
    /// The categorical key of the row, packed
    /// ([`CatKey::pack`](crate::engine::pred::CatKey::pack)).
    pub(crate) key: u16,
}

/// One organisation in compact form: every categorical field a small integer,
/// every string an index into the snapshot's tables. Its dates and location
/// are in its [`Hot`] entry, its counts in the snapshot's count columns
/// ([`Snapshot::count_at`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Row {
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
    /// Which amounts of money are known, one bit per slot ([`Slot::Money`]);
    /// the amounts are in the snapshot's amount column
    /// ([`Snapshot::money_at`]).
    pub(crate) money: u8,
}

impl Row {
    pub(crate) fn count(v: u32) -> Option<u32> {
        (v != NONE_U32).then_some(v)
    }
}

impl Hot {
    /// Active at `day` (days from the common era): status active, established
    /// on or before, not dissolved on or before.
    #[inline]
    pub(crate) fn is_active_at(&self, day: i32) -> bool {
        CatKey::packed_is_active(self.key) && self.established <= day && self.dissolved > day
    }
}

pub(crate) fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

pub(super) fn from_day_number(day: i32) -> NaiveDate {
    // Every stored day number came from a valid date.
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MIN)
}

/// The slots of a snapshot's cache of locations by place names
/// ([`Snapshot::locate`]): more than the communes of a province.
pub(super) const PLACE_CACHE: usize = 4096;

/// Eight bytes of `s` from `at`, little-endian, zeros past its end.
#[inline]
fn word_at(s: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    if let Some(part) = s.get(at..) {
        let n = part.len().min(8);
        if let (Some(dst), Some(src)) = (w.get_mut(..n), part.get(..n)) {
            dst.copy_from_slice(src);
        }
    }
    u64::from_le_bytes(w)
}

/// The cache slot of a district and commune: a mix of their lengths and
/// first and last eight bytes (not a hash to rely on: a slot is only a
/// guess, checked against the names).
#[inline]
fn place_slot(district: &str, commune: &str) -> usize {
    let (d, c) = (district.as_bytes(), commune.as_bytes());
    let mix = word_at(c, 0)
        ^ word_at(c, c.len().saturating_sub(8)).rotate_left(23)
        ^ word_at(d, 0).rotate_left(41)
        ^ word_at(d, d.len().saturating_sub(8)).rotate_left(7)
        ^ ((c.len() as u64) << 32 | d.len() as u64);
    let h = mix.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> 52) as usize % PLACE_CACHE
}

/// Interned strings: each distinct text stored once.
#[derive(Debug, Clone, Default)]
pub(crate) struct Interner {
    pub(super) texts: Vec<Box<str>>,
    /// Keyed like the id index ([`IdHasher`]): place and extension names
    /// come from the file too, and one is looked up per row.
    pub(super) index: HashMap<Box<str>, u32, IdHasher>,
}

impl Interner {
    pub(super) fn intern(&mut self, text: &str) -> u32 {
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
    /// How many distinct texts.
    pub(crate) fn len(&self) -> usize {
        self.texts.len()
    }
}

/// Where an organisation is (địa bàn): its province, district and commune
/// as interned place ids, the district `NONE_U32` when the registry gives
/// none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Place {
    pub(crate) province: u32,
    pub(crate) district: u32,
    pub(crate) commune: u32,
}

/// The distinct places of a snapshot's organisations, each stored once: a
/// row names its place by index ([`Hot::location`]), so that a scan reads a
/// row's place from the narrow hot column and a breakdown by district or
/// commune groups rows by a dense number without hashing.
#[derive(Debug, Clone, Default)]
pub(crate) struct Locations {
    pub(crate) places: Vec<Place>,
    /// Keyed like the id index ([`IdHasher`]): the place ids come from the
    /// file's names.
    index: HashMap<Place, u32, IdHasher>,
    /// The location last interned (registries are usually sorted by place).
    last: Option<(Place, u32)>,
}

impl Locations {
    /// The index of `place`, added when new.
    pub(crate) fn intern(&mut self, place: Place) -> u32 {
        if let Some((last, i)) = self.last {
            if last == place {
                return i;
            }
        }
        let next = u32::try_from(self.places.len()).unwrap_or(NONE_U32 - 1);
        let i = *self.index.entry(place).or_insert(next);
        if i == next {
            self.places.push(place);
        }
        self.last = Some((place, i));
        i
    }

    /// The place at index `i` (every index stored in a row came from
    /// [`Locations::intern`]); no place when out of range.
    #[inline]
    pub(crate) fn get(&self, i: u32) -> Place {
        self.places.get(i as usize).copied().unwrap_or(Place {
            province: NONE_U32,
            district: NONE_U32,
            commune: NONE_U32,
        })
    }

    /// The bytes held (for [`Snapshot::memory_bytes`]).
    pub(crate) fn memory_bytes(&self) -> usize {
        let entry = std::mem::size_of::<(Place, u32)>() + 1;
        self.places.capacity() * std::mem::size_of::<Place>() + self.index.capacity() * entry
    }
}

/// Many strings in one buffer.
#[derive(Debug, Clone, Default)]
pub(super) struct StringArena {
    pub(super) text: String,
    pub(super) ends: Vec<u32>,
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
    pub(super) fn get(&self, i: usize) -> &str {
        let end = self.ends.get(i).copied().unwrap_or(0) as usize;
        let start = if i == 0 {
            0
        } else {
            self.ends.get(i - 1).copied().unwrap_or(0) as usize
        };
        self.text.get(start..end).unwrap_or("")
    }
}

/// A stable 64-bit hash of one organisation id (FNV-1a, then the splitmix64
/// finaliser to spread the bits): the same on every machine and version, so
/// that tallies computed elsewhere can be checked for overlap.
pub(super) fn id_fingerprint(id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in id.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// The index of `ids` in row order, and the duplicates met as (position,
/// position of the first with that id), in increasing position.
pub(super) fn index_ids(ids: &StringArena, hasher: &IdHasher) -> (IdIndex, Vec<(usize, usize)>) {
    let pairs = (0..ids.ends.len())
        .map(|i| (hasher.hash_one(ids.get(i)), i as u32))
        .collect();
    let (index, duplicates) =
        IdIndex::build(pairs, |a, b| ids.get(a as usize) == ids.get(b as usize));
    let duplicates = duplicates
        .into_iter()
        .map(|(i, first)| (i as usize, first as usize))
        .collect();
    (index, duplicates)
}

impl Snapshot {
    /// The count in slot `slot` of the organisation at `index`, `None`
    /// when unknown.
    #[inline]
    pub(crate) fn count_at(&self, index: usize, slot: usize) -> Option<u32> {
        self.counts
            .get(slot)
            .and_then(|c| c.get(index))
            .copied()
            .and_then(Row::count)
    }

    /// The amount of money in slot `slot` of `row`, the organisation at
    /// `index`; `None` when unknown.
    #[inline]
    pub(crate) fn money_at(&self, index: usize, row: &Row, slot: usize) -> Option<Decimal> {
        if row.money & (1 << slot) == 0 {
            return None;
        }
        self.amounts.get(index, slot)
    }

    /// The built-in numeric fields of the organisation at `index`.
    pub(crate) fn numbers_at(&self, index: usize, row: &Row) -> Numbers {
        let mut out = Numbers::EMPTY;
        for (i, c) in out.counts.iter_mut().enumerate() {
            *c = self.count_at(index, i);
        }
        for (i, m) in out.money.iter_mut().enumerate() {
            *m = self.money_at(index, row, i);
        }
        out
    }

    pub(super) fn position_hashed(&self, h: u64, id: &str) -> Option<usize> {
        self.id_index
            .find(h, |r| self.ids.get(r as usize) == id)
            .map(|r| r as usize)
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
        let Snapshot {
            ids,
            id_hasher,
            id_index,
            ..
        } = self;
        let (index, duplicates) = index_ids(ids, id_hasher);
        *id_index = index;
        duplicates
    }

    /// Indexes the last row's id, whose hash is `h`.
    fn index_last(&mut self, h: u64) {
        let row = (self.rows.len() - 1) as u32;
        let Snapshot {
            ids,
            id_hasher,
            id_index,
            ..
        } = self;
        // The id was looked up just before: it is not there.
        let _ = id_index.insert(
            h,
            row,
            |_| false,
            |r| id_hasher.hash_one(ids.get(r as usize)),
        );
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
        let location = self.locate(org.province, org.district, org.commune);
        let row = Row {
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
        };
        self.amounts.push(amounts);
        self.ids.push(org.id);
        self.names.push(org.name);
        self.hot.push(Hot {
            established: day_number(org.established),
            dissolved: org.dissolved.map_or(NO_DATE, day_number),
            location,
            key: CatKey::of(&row).pack() as u16,
        });
        for (column, count) in self.counts.iter_mut().zip(counts) {
            column.push(count);
        }
        self.rows.push(row);
        self.fingerprint = self.fingerprint.wrapping_add(id_fingerprint(org.id));
        Ok(())
    }

    /// The location of a row at these place names, interned as
    /// [`Snapshot::intern_place`] and [`Locations::intern`] intern it.
    ///
    /// First tried: the location last met at a similar commune and district
    /// ([`PLACE_CACHE`] slots, by a cheap mix of their bytes, no hashing of
    /// whole names), taken only when its three names are these. A location
    /// found there has all its names interned already, its province marked
    /// as one: interning them again would change nothing.
    fn locate(&mut self, province: &str, district: Option<&str>, commune: &str) -> u32 {
        let slot = place_slot(district.unwrap_or_default(), commune);
        if let Some(&location) = self.place_cache.get(slot) {
            let place = self.locations.get(location);
            let district_matches = match district {
                None => place.district == NONE_U32,
                Some(d) => place.district != NONE_U32 && self.places.get(place.district) == d,
            };
            if location != NONE_U32
                && place.commune != NONE_U32
                && place.province != NONE_U32
                && self.places.get(place.commune) == commune
                && district_matches
                && self.places.get(place.province) == province
            {
                return location;
            }
        }
        let place = Place {
            province: self.intern_place(0, province),
            district: district.map_or(NONE_U32, |d| self.intern_place(1, d)),
            commune: self.intern_place(2, commune),
        };
        let location = self.locations.intern(place);
        if self.place_cache.is_empty() {
            self.place_cache = vec![NONE_U32; PLACE_CACHE];
        }
        if let Some(entry) = self.place_cache.get_mut(slot) {
            *entry = location;
        }
        location
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
        if field == 0 {
            self.mark_province(id);
        }
        id
    }

    /// Records that the place `id` is some organisation's province.
    pub(super) fn mark_province(&mut self, id: u32) {
        let i = id as usize;
        if i < self.places.len() {
            if self.is_province.len() <= i {
                self.is_province.resize(i + 1, false);
            }
            self.is_province[i] = true;
        }
    }
}
