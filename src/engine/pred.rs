//! Filters compiled against one snapshot: place names and attribute names
//! turned into the snapshot's integer ids, categorical tests into masks.

use rust_decimal::Decimal;

use crate::org::{ExtValue, Flag, NumericField, OrgKind, OrgStatus, Rating, Sector, Slot};
use crate::plan::{Filter, NumberOp, MAX_FILTER_DEPTH};
use crate::registry::{day_number, Row, Snapshot, NONE_U32};

/// Which location field a place test reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlaceField {
    Province,
    District,
    Commune,
}

/// A compiled filter.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Pred {
    True,
    False,
    /// Unknown for every row: a size test on an attribute no row has.
    Unknown,
    All(Vec<Pred>),
    Any(Vec<Pred>),
    Not(Box<Pred>),
    /// Categorical masks, all of which must hold: bit `i` of `kinds` set means
    /// kind `i` is allowed, and so on. `ratings` has a fifth bit for "no
    /// rating in the snapshot's year". `flags` are required flags.
    Mask(Masks),
    Active,
    Place(PlaceField, Vec<u32>),
    Established {
        from: i32,
        to: i32,
    },
    /// A size test on a built-in numeric field; unknown when the row lacks it.
    Size {
        slot: Slot,
        op: NumberOp,
        value: Decimal,
    },
    /// A size test on an extension attribute; unknown when the row lacks it.
    ExtNumber {
        name: u32,
        op: NumberOp,
        value: Decimal,
    },
    ExtBool {
        name: u32,
        value: bool,
    },
}

const ALL_KINDS: u8 = (1 << OrgKind::ALL.len()) - 1;
const ALL_STATUSES: u8 = (1 << OrgStatus::ALL.len()) - 1;
const ALL_SECTORS: u8 = u8::MAX >> (8 - Sector::ALL.len());
const ALL_RATINGS: u8 = (1 << (Rating::ALL.len() + 1)) - 1;
pub(crate) const NO_RATING_BIT: u8 = 1 << Rating::ALL.len();

/// Categorical masks, all of which must hold: bit `i` of `kinds` set means
/// kind `i` is allowed, and so on. `ratings` has a fifth bit for "no rating in
/// the snapshot's year". `flags` are the flags required.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Masks {
    pub(crate) kinds: u8,
    pub(crate) statuses: u8,
    pub(crate) sectors: u8,
    pub(crate) ratings: u8,
    pub(crate) flags: u8,
}

impl Masks {
    const FULL: Masks = Masks {
        kinds: ALL_KINDS,
        statuses: ALL_STATUSES,
        sectors: ALL_SECTORS,
        ratings: ALL_RATINGS,
        flags: 0,
    };

    fn and(self, o: Masks) -> Masks {
        Masks {
            kinds: self.kinds & o.kinds,
            statuses: self.statuses & o.statuses,
            sectors: self.sectors & o.sectors,
            ratings: self.ratings & o.ratings,
            flags: self.flags | o.flags,
        }
    }

    fn holds(&self, key: CatKey) -> bool {
        self.kinds & (1 << key.kind) != 0
            && self.statuses & (1 << key.status) != 0
            && self.sectors & (1 << key.sector) != 0
            && self.ratings & (1 << key.rating) != 0
            && key.flags & self.flags == self.flags
    }
}

fn mask_of<T: Copy>(items: &[T], index: impl Fn(T) -> usize) -> u8 {
    items.iter().fold(0u8, |m, &x| m | (1u8 << index(x)))
}

/// The error when a filter nests too deep to compile.
///
/// ```
/// assert_eq!(hoptac::tally::FilterTooDeep.to_string(), "filter nests more than 32 deep");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("filter nests more than {MAX_FILTER_DEPTH} deep")]
pub struct FilterTooDeep;

impl FilterTooDeep {
    /// The error for people, in `lang` (English: as `Display` says it).
    ///
    /// ```
    /// use hoptac::{tally::FilterTooDeep, Lang};
    /// assert_eq!(FilterTooDeep.text(Lang::Vi), "bộ lọc lồng nhau quá 32 tầng");
    /// assert_eq!(FilterTooDeep.text(Lang::En), FilterTooDeep.to_string());
    /// ```
    pub fn text(&self, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::En => self.to_string(),
            crate::Lang::Vi => format!("bộ lọc lồng nhau quá {MAX_FILTER_DEPTH} tầng"),
        }
    }
}

impl Pred {
    /// Compiles `filter` for `snap`. Names the snapshot does not hold compile
    /// to tests that never match.
    /// With `groups_rated` (a target that names cooperative groups, see
    /// [`Filter::decide_with`]) ratings recorded for cooperative groups count.
    pub(crate) fn compile(
        filter: &Filter,
        snap: &Snapshot,
        groups_rated: bool,
    ) -> Result<Pred, FilterTooDeep> {
        if filter.depth() > MAX_FILTER_DEPTH {
            return Err(FilterTooDeep);
        }
        let rated = if groups_rated {
            ALL_KINDS
        } else {
            rated_kinds()
        };
        Ok(Pred::compile_inner(filter, snap, rated).simplify())
    }

    /// `rated` is the mask of the kinds whose ratings count.
    fn compile_inner(filter: &Filter, snap: &Snapshot, rated: u8) -> Pred {
        let places = |names: &[String], field| {
            let ids: Vec<u32> = names.iter().filter_map(|n| snap.places.lookup(n)).collect();
            if ids.is_empty() {
                Pred::False
            } else {
                Pred::Place(field, ids)
            }
        };
        match filter {
            Filter::Everything => Pred::True,
            Filter::All { of } => Pred::All(
                of.iter()
                    .map(|f| Pred::compile_inner(f, snap, rated))
                    .collect(),
            ),
            Filter::Any { of } => Pred::Any(
                of.iter()
                    .map(|f| Pred::compile_inner(f, snap, rated))
                    .collect(),
            ),
            Filter::Not { filter } => Pred::Not(Box::new(Pred::compile_inner(filter, snap, rated))),
            Filter::OrgKind { is } => Pred::Mask(Masks {
                kinds: mask_of(is, OrgKind::index),
                ..Masks::FULL
            }),
            Filter::Status { is } => Pred::Mask(Masks {
                statuses: mask_of(is, OrgStatus::index),
                ..Masks::FULL
            }),
            Filter::Sector { is } => Pred::Mask(Masks {
                sectors: mask_of(is, Sector::index),
                ..Masks::FULL
            }),
            // Only cooperatives and unions are rated: a rating recorded for a
            // cooperative group counts only in a target that names them.
            Filter::Rated => Pred::Mask(Masks {
                ratings: ALL_RATINGS & !NO_RATING_BIT,
                kinds: rated,
                ..Masks::FULL
            }),
            Filter::Rating { is } => Pred::Mask(Masks {
                ratings: mask_of(is, Rating::index),
                kinds: rated,
                ..Masks::FULL
            }),
            Filter::Flag { flag } => Pred::Mask(Masks {
                flags: flag_bit(*flag),
                ..Masks::FULL
            }),
            Filter::Active => Pred::Active,
            Filter::Province { is } => places(is, PlaceField::Province),
            Filter::District { is } => places(is, PlaceField::District),
            Filter::Commune { is } => places(is, PlaceField::Commune),
            Filter::EstablishedIn { window } => Pred::Established {
                from: day_number(window.from()),
                to: day_number(window.to()),
            },
            Filter::Number { name, op, value } => match NumericField::from_code(name) {
                Some(field) => Pred::Size {
                    slot: field.slot(),
                    op: *op,
                    value: *value,
                },
                None => match snap.ext_names.lookup(name) {
                    Some(name) => Pred::ExtNumber {
                        name,
                        op: *op,
                        value: *value,
                    },
                    // No row has the attribute: each is unknown, as a row
                    // without it is in a snapshot that has it.
                    None => Pred::Unknown,
                },
            },
            Filter::Boolean { name, value } => match snap.ext_names.lookup(name) {
                Some(name) => Pred::ExtBool {
                    name,
                    value: *value,
                },
                None => Pred::False,
            },
            // `Filter` is non-exhaustive for users, not for the crate.
        }
    }

    /// Folds constants and merges the masks of a conjunction into one.
    fn simplify(self) -> Pred {
        match self {
            Pred::All(items) => {
                let mut mask: Option<Masks> = None;
                let mut rest = Vec::new();
                for item in items.into_iter().map(Pred::simplify) {
                    match item {
                        Pred::True => {}
                        Pred::False => return Pred::False,
                        Pred::Mask(m) => mask = Some(mask.map_or(m, |prev: Masks| prev.and(m))),
                        Pred::All(inner) => rest.extend(inner),
                        other => rest.push(other),
                    }
                }
                if let Some(m) = mask {
                    rest.insert(0, Pred::Mask(m));
                }
                match rest.len() {
                    0 => Pred::True,
                    1 => rest.pop().unwrap_or(Pred::True),
                    _ => Pred::All(rest),
                }
            }
            Pred::Any(items) => {
                let mut rest = Vec::new();
                for item in items.into_iter().map(Pred::simplify) {
                    match item {
                        Pred::True => return Pred::True,
                        Pred::False => {}
                        other => rest.push(other),
                    }
                }
                match rest.len() {
                    0 => Pred::False,
                    1 => rest.pop().unwrap_or(Pred::False),
                    _ => Pred::Any(rest),
                }
            }
            Pred::Not(inner) => match inner.simplify() {
                Pred::True => Pred::False,
                Pred::False => Pred::True,
                other => Pred::Not(Box::new(other)),
            },
            other => other,
        }
    }

    /// Whether the predicate reads only the categorical fields of a row
    /// (kind, status, sector, rating, flags), so a lookup table can answer it.
    pub(crate) fn is_categorical(&self) -> bool {
        match self {
            Pred::True | Pred::False | Pred::Mask(_) => true,
            Pred::All(v) | Pred::Any(v) => v.iter().all(Pred::is_categorical),
            Pred::Not(p) => p.is_categorical(),
            _ => false,
        }
    }

    /// Whether the predicate can be unknown for a row: it holds a size
    /// test, which is unknown when the row lacks the field.
    pub(crate) fn may_be_unknown(&self) -> bool {
        match self {
            Pred::Size { .. } | Pred::ExtNumber { .. } | Pred::Unknown => true,
            Pred::All(v) | Pred::Any(v) => v.iter().any(Pred::may_be_unknown),
            Pred::Not(p) => p.may_be_unknown(),
            _ => false,
        }
    }

    /// Evaluates the predicate on a row: true, false, or `None` when a size
    /// test reads a field the row lacks (combined as [`Filter::decide`]
    /// does). `key` is the row's categorical key and `active` whether it is
    /// active at the snapshot date.
    pub(crate) fn eval3(
        &self,
        row: &Row,
        at: usize,
        key: CatKey,
        active: bool,
        snap: &Snapshot,
    ) -> Option<bool> {
        Some(match self {
            Pred::True => true,
            Pred::False => false,
            Pred::Unknown => return None,
            Pred::All(v) => {
                let mut unknown = false;
                for p in v {
                    match p.eval3(row, at, key, active, snap) {
                        Some(false) => return Some(false),
                        None => unknown = true,
                        Some(true) => {}
                    }
                }
                return (!unknown).then_some(true);
            }
            Pred::Any(v) => {
                let mut unknown = false;
                for p in v {
                    match p.eval3(row, at, key, active, snap) {
                        Some(true) => return Some(true),
                        None => unknown = true,
                        Some(false) => {}
                    }
                }
                return (!unknown).then_some(false);
            }
            Pred::Not(p) => return p.eval3(row, at, key, active, snap).map(|b| !b),
            Pred::Mask(m) => m.holds(key),
            Pred::Active => active,
            Pred::Place(field, ids) => {
                let place = snap.hot.get(at).map(|h| snap.locations.get(h.location));
                let v = place.map_or(NONE_U32, |p| match field {
                    PlaceField::Province => p.province,
                    PlaceField::District => p.district,
                    PlaceField::Commune => p.commune,
                });
                ids.contains(&v)
            }
            Pred::Established { from, to } => snap
                .hot
                .get(at)
                .is_some_and(|h| *from <= h.established && h.established <= *to),
            Pred::Size { slot, op, value } => {
                let v = match slot {
                    Slot::Count(i) => snap.count_at(at, *i).map(Decimal::from),
                    Slot::Money(i) => snap.money_at(at, row, *i),
                };
                return v.map(|v| op.compare(v, *value));
            }
            Pred::ExtNumber { name, op, value } => {
                return match snap.ext_value(row, *name) {
                    Some(ExtValue::Number(n)) => Some(op.compare(*n, *value)),
                    _ => None,
                };
            }
            Pred::ExtBool { name, value } => {
                matches!(snap.ext_value(row, *name), Some(ExtValue::Bool(b)) if b == value)
            }
        })
    }

    /// Whether a categorical predicate ([`Pred::is_categorical`]) holds for
    /// rows of categorical key `key`: what [`Pred::eval3`] says of any such
    /// row. Other predicates give `false`; callers ask categorical ones only.
    pub(crate) fn holds_for_key(&self, key: CatKey) -> bool {
        match self {
            Pred::True => true,
            Pred::Mask(m) => m.holds(key),
            Pred::All(v) => v.iter().all(|p| p.holds_for_key(key)),
            Pred::Any(v) => v.iter().any(|p| p.holds_for_key(key)),
            Pred::Not(p) => !p.holds_for_key(key),
            _ => false,
        }
    }
}

/// The kinds that are rated (cooperatives and unions), as a mask.
fn rated_kinds() -> u8 {
    OrgKind::ALL
        .iter()
        .filter(|k| k.is_rated())
        .fold(0, |m, k| m | (1 << k.index()))
}

fn flag_bit(flag: Flag) -> u8 {
    flag.bit()
}

/// The categorical fields of a row, as small integers: what lookup tables
/// are indexed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CatKey {
    pub(crate) kind: u8,
    pub(crate) status: u8,
    pub(crate) sector: u8,
    /// 0..4 a rating's index, 4 for none.
    pub(crate) rating: u8,
    pub(crate) flags: u8,
}

/// Bits of a packed [`CatKey`]: kind 2, status 2, sector 3, rating 3, flags 5.
pub(crate) const CAT_KEY_BITS: u32 = 15;

impl CatKey {
    pub(crate) fn of(row: &Row) -> CatKey {
        CatKey {
            kind: row.kind,
            status: row.status,
            sector: row.sector,
            rating: if usize::from(row.rating_now) < Rating::ALL.len() {
                row.rating_now
            } else {
                Rating::ALL.len() as u8
            },
            flags: row.flags,
        }
    }

    /// The key of [`CatKey::pack`]'s bits.
    pub(crate) fn unpack(packed: u16) -> CatKey {
        CatKey {
            kind: (packed & 3) as u8,
            status: (packed >> 2 & 3) as u8,
            sector: (packed >> 4 & 7) as u8,
            rating: (packed >> 7 & 7) as u8,
            flags: (packed >> 10 & 0x1f) as u8,
        }
    }

    /// Whether the status of a packed key is active.
    #[inline]
    pub(crate) fn packed_is_active(packed: u16) -> bool {
        usize::from(packed >> 2 & 3) == OrgStatus::Active.index()
    }

    /// The key packed into [`CAT_KEY_BITS`] bits.
    pub(crate) fn pack(self) -> usize {
        usize::from(self.kind)
            | usize::from(self.status) << 2
            | usize::from(self.sector) << 4
            | usize::from(self.rating) << 7
            | usize::from(self.flags & 0x1f) << 10
    }
}
