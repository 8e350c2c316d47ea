//! Registry snapshots (sổ đăng ký): the organisations as known at a date,
//! held compactly so a national registry fits in memory and scans fast.

mod amounts;
#[cfg(feature = "csv")]
mod append;
#[cfg(feature = "csv")]
pub(crate) use append::{IdList, Used};
#[cfg(feature = "snapshot-cache")]
pub mod cache;
mod idhash;
mod idindex;
mod store;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;

use crate::org::{
    Cooperative, ExtValue, Flags, Location, OrgId, OrgKind, OrgStatus, Rating, Sector, N_COUNTS,
};
use idhash::IdHasher;
use idindex::IdIndex;
pub(crate) use store::NONE_U32;
pub(crate) use store::{day_number, Hot, Interner, Locations, OrgInput, Place, Row};
use store::{from_day_number, StringArena, NO_DATE};
#[cfg(feature = "csv")]
pub(crate) use store::{ExtensionsIn, RatingsIn};

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

impl RegistryError {
    /// The error for people, in `lang` (English: as `Display` says it).
    ///
    /// ```
    /// use hoptac::{Lang, RegistryError};
    /// let err = RegistryError::DuplicateId { id: "htx-1".into(), first: 0 };
    /// assert_eq!(err.text(Lang::Vi), "mã tổ chức `htx-1` bị trùng: đã có ở vị trí 0");
    /// assert_eq!(err.text(Lang::En), err.to_string());
    /// ```
    pub fn text(&self, lang: crate::Lang) -> String {
        if lang == crate::Lang::En {
            return self.to_string();
        }
        match self {
            RegistryError::DuplicateId { id, first } => {
                format!("mã tổ chức `{id}` bị trùng: đã có ở vị trí {first}")
            }
            RegistryError::CountTooLarge {
                id,
                field,
                value,
                max,
            } => format!("{field} của `{id}` là {value}, quá mức {max} cho phép"),
            RegistryError::Full { max } => {
                format!("một bộ số liệu chứa được nhiều nhất {max} tổ chức")
            }
            RegistryError::RatingYear { id, year } => {
                format!("năm xếp loại {year} của `{id}` nằm ngoài khoảng 1900..=2200")
            }
            RegistryError::DuplicateDate(date) => {
                format!("sổ đăng ký đã có một bộ số liệu ngày {date}")
            }
        }
    }
}

/// A registry snapshot (số liệu đăng ký tại một ngày): the organisations as
/// known at its date.
///
/// Organisations are stored compactly (about 240 bytes each with ids, names
/// and the id index; the scan reads 16 bytes of them and a count column or
/// two): categorical
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
    /// What the fast scan reads of each row, one entry per row.
    pub(crate) hot: Vec<Hot>,
    /// The counts by slot ([`crate::org::Slot::Count`]), one column each,
    /// one entry per row, `NONE_U32` when unknown.
    pub(crate) counts: [Vec<u32>; N_COUNTS],
    /// The amounts of money by slot ([`crate::org::Slot::Money`]), one
    /// entry per row, zero when unknown (the row's `money` bits say).
    pub(crate) amounts: amounts::AmountColumn,
    ids: StringArena,
    names: StringArena,
    /// Ids hashed with per-snapshot random keys (so crafted ids cannot
    /// collide on purpose), to their position.
    id_hasher: IdHasher,
    id_index: IdIndex,
    pub(crate) places: Interner,
    /// The distinct (province, district, commune) of the rows.
    pub(crate) locations: Locations,
    /// The place last interned for province, district and commune.
    last_place: [u32; 3],
    /// The location last met by cache slot ([`store::PLACE_CACHE`]
    /// slots, empty until the first organisation), `NONE_U32` when none.
    place_cache: Vec<u32>,
    /// By place id: whether some organisation names the place as its
    /// province (tỉnh), so that a plan's scope is matched against province
    /// names only, never against a district or commune of the same name.
    pub(crate) is_province: Vec<bool>,
    ratings: Vec<(i16, u8)>,
    pub(crate) ext_names: Interner,
    pub(crate) exts: Vec<(u32, ExtValue)>,
    /// The wrapping sum of [`id_fingerprint`] over every id.
    fingerprint: u64,
}

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
            hot: Vec::new(),
            counts: std::array::from_fn(|_| Vec::new()),
            amounts: amounts::AmountColumn::default(),
            ids: StringArena::default(),
            names: StringArena::default(),
            id_hasher: IdHasher::new(),
            id_index: IdIndex::default(),
            places: Interner::default(),
            locations: Locations::default(),
            last_place: [NONE_U32; 3],
            place_cache: Vec::new(),
            is_province: Vec::new(),
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
        self.amounts.reserve(additional);
        self.hot.reserve(additional);
        for column in &mut self.counts {
            column.reserve(additional);
        }
        let Snapshot {
            ids,
            id_hasher,
            id_index,
            ..
        } = self;
        id_index.reserve(additional, |r| id_hasher.hash_one(ids.get(r as usize)));
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
            + self.hot.capacity() * size_of::<Hot>()
            + self.counts.iter().map(|c| c.capacity() * 4).sum::<usize>()
            + self.amounts.memory_bytes()
            + self.ids.text.capacity()
            + self.ids.ends.capacity() * 4
            + self.names.text.capacity()
            + self.names.ends.capacity() * 4
            + self.id_index.memory_bytes()
            + interner(&self.places)
            + self.locations.memory_bytes()
            + self.is_province.capacity()
            + interner(&self.ext_names)
            + self.ratings.capacity() * size_of::<(i16, u8)>()
            + self.exts.capacity() * size_of::<(u32, ExtValue)>()
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
        let hot = self.hot.get(index)?;
        let id = OrgId::new(self.ids.get(index)).ok()?;
        let ratings: BTreeMap<i32, Rating> = self.decoded_ratings(row)?.collect();
        let extensions = self
            .extensions_of(row)?
            .map(|(n, v)| (n.to_owned(), v.clone()))
            .collect();
        let place = self.locations.get(hot.location);
        let location = Location {
            province: self.places.get(place.province).to_owned(),
            district: (place.district != NONE_U32)
                .then(|| self.places.get(place.district).to_owned()),
            commune: self.places.get(place.commune).to_owned(),
        };
        let mut org = Cooperative::new(
            id,
            self.names.get(index),
            *OrgKind::ALL.get(usize::from(row.kind))?,
            *Sector::ALL.get(usize::from(row.sector))?,
            location,
            from_day_number(hot.established),
        );
        org.dissolved = (hot.dissolved != NO_DATE).then(|| from_day_number(hot.dissolved));
        org.status = *OrgStatus::ALL.get(usize::from(row.status))?;
        org.set_numbers(&self.numbers_at(index, row));
        org.ratings = ratings;
        org.flags = Flags::from_bits(row.flags)?;
        org.extensions = extensions;
        Some(org)
    }

    /// A row's ratings by year, decoded; `None` when its range lies outside
    /// the table.
    pub(crate) fn decoded_ratings(
        &self,
        row: &Row,
    ) -> Option<impl Iterator<Item = (i32, Rating)> + '_> {
        let start = row.ratings_start as usize;
        let all = self
            .ratings
            .get(start..start + usize::from(row.ratings_len))?;
        Some(
            all.iter()
                .filter_map(|&(y, r)| Some((i32::from(y), *Rating::ALL.get(usize::from(r))?))),
        )
    }

    /// A row's extension values with their names, in the order they were
    /// pushed; `None` when its range lies outside the table.
    pub(crate) fn extensions_of(
        &self,
        row: &Row,
    ) -> Option<impl Iterator<Item = (&str, &ExtValue)> + '_> {
        let start = row.ext_start as usize;
        let all = self.exts.get(start..start + usize::from(row.ext_len))?;
        Some(all.iter().map(|(n, v)| (self.ext_names.get(*n), v)))
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

    /// The ids of the places some organisation names as its province, in
    /// id order.
    pub(crate) fn province_ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.is_province
            .iter()
            .enumerate()
            .filter(|(_, p)| **p)
            .map(|(i, _)| i as u32)
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
