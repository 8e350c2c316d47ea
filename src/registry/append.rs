//! Joining snapshots read from consecutive pieces of one text (nối các
//! phần): the parallel CSV import reads each part into a snapshot of its
//! own on its worker thread, and the reading thread appends the parts in
//! order with [`Snapshot::append_part`], a concatenation of columns that
//! only remaps the interned ids.
//!
//! The result is the snapshot that pushing the same organisations one by
//! one ([`Snapshot::push_unindexed`]) builds, field for field and not only
//! organisation for organisation: place names, places and extension names
//! are interned in the order of their first use, as `push` interns them,
//! so the interned ids, the location column, `is_province` and the
//! fingerprint are the serial read's.

use super::store::{
    id_fingerprint, ExtensionsIn, OrgInput, Place, RatingsIn, StringArena, NONE_U32,
};
use super::Snapshot;
use crate::org::{OrgKind, OrgStatus, Rating, Sector};

impl Snapshot {
    /// Whether the first `rows` organisations of `part` fit beside this
    /// snapshot's (the limits [`Snapshot::push_unindexed`] checks: at most
    /// [`Snapshot::MAX_ORGS`] rows, ids, names, ratings and extensions
    /// each within `u32` offsets).
    pub(crate) fn part_fits(&self, part: &Snapshot, rows: usize) -> bool {
        self.used(usize::MAX).fits_with(&part.used(rows))
    }

    /// What the first `rows` organisations (all of them for more) take of
    /// the room [`Snapshot::push_unindexed`] checks.
    pub(crate) fn used(&self, rows: usize) -> Used {
        let rows = rows.min(self.rows.len());
        let text_end = |ends: &[u32]| {
            rows.checked_sub(1)
                .and_then(|i| ends.get(i))
                .map_or(0, |&e| e as usize)
        };
        let (ratings, exts) = self.prefix_ends(rows);
        Used {
            rows,
            ids: text_end(&self.ids.ends),
            names: text_end(&self.names.ends),
            ratings,
            exts,
        }
    }

    /// How many ratings and extension values the first `rows` rows hold.
    fn prefix_ends(&self, rows: usize) -> (usize, usize) {
        match self.rows.get(rows) {
            Some(next) => (next.ratings_start as usize, next.ext_start as usize),
            None => (self.ratings.len(), self.exts.len()),
        }
    }

    /// Appends the first `rows` organisations of `part` (a snapshot of
    /// the same date, read from the text that follows this one's), as
    /// pushing them one by one in order would; false, with nothing
    /// changed, when they do not all fit (the caller then pushes them one
    /// by one with [`Snapshot::input_at`], which reports where the
    /// snapshot is full). The id index is not updated: the caller calls
    /// [`Snapshot::rebuild_index`] at the end, as after `push_unindexed`.
    pub(crate) fn append_part(&mut self, part: &Snapshot, rows: usize) -> bool {
        let rows = rows.min(part.rows.len());
        if !self.part_fits(part, rows) {
            return false;
        }
        let (ratings_end, exts_end) = part.prefix_ends(rows);
        // Every piece of the part taken first: a part whose columns are
        // shorter than its rows (a defect) is refused with nothing
        // changed, never joined with pieces missing.
        let counts: Option<Vec<&[u32]>> = part.counts.iter().map(|c| c.get(..rows)).collect();
        let (
            Some(ratings),
            Some(exts),
            Some(part_rows),
            Some(part_hot),
            Some(ids),
            Some(names),
            Some(counts),
        ) = (
            part.ratings.get(..ratings_end),
            part.exts.get(..exts_end),
            part.rows.get(..rows),
            part.hot.get(..rows),
            first_texts(&part.ids, rows),
            first_texts(&part.names, rows),
            counts,
        )
        else {
            return false;
        };
        if counts.len() != self.counts.len() || part.amounts.len() < rows {
            return false;
        }
        // Offsets into the buffers: they fit in u32 (checked above).
        let ratings_base = self.ratings.len() as u32;
        let exts_base = self.exts.len() as u32;
        self.ratings.extend_from_slice(ratings);
        // Extension names, interned in the order of first use.
        let mut ext_map = vec![NONE_U32; part.ext_names.len()];
        for (name, value) in exts {
            let id = match ext_map.get(*name as usize) {
                Some(&id) if id != NONE_U32 => id,
                _ => {
                    let id = self.ext_names.intern(part.ext_names.get(*name));
                    if let Some(slot) = ext_map.get_mut(*name as usize) {
                        *slot = id;
                    }
                    id
                }
            };
            self.exts.push((id, value.clone()));
        }
        for (arena, (ends, text)) in [(&mut self.ids, ids), (&mut self.names, names)] {
            let base = arena.text.len() as u32;
            arena.text.push_str(text);
            arena.ends.extend(ends.iter().map(|&e| e + base));
        }
        self.rows.extend(part_rows.iter().map(|row| {
            let mut row = *row;
            row.ratings_start += ratings_base;
            row.ext_start += exts_base;
            row
        }));
        for (column, from) in self.counts.iter_mut().zip(counts) {
            column.extend_from_slice(from);
        }
        // Checked above: the part holds the amounts of its rows.
        self.amounts.extend_from(&part.amounts, rows);
        // Places and their names, interned in the order of first use: a
        // row's province, district and commune, then its place, as
        // `append` interns them; a place the part has met before adds
        // nothing new here either.
        let mut place_map = vec![NONE_U32; part.places.len()];
        let mut location_map = vec![NONE_U32; part.locations.places.len()];
        self.hot.reserve(rows);
        for hot in part_hot {
            let mut hot = *hot;
            let local = hot.location as usize;
            hot.location = match location_map.get(local) {
                Some(&id) if id != NONE_U32 => id,
                _ => {
                    let place = part.locations.get(hot.location);
                    let mut name = |field: usize, id: u32| {
                        if id == NONE_U32 {
                            return NONE_U32;
                        }
                        let global = match place_map.get(id as usize) {
                            Some(&g) if g != NONE_U32 => g,
                            _ => {
                                let g = self.places.intern(part.places.get(id));
                                if let Some(slot) = place_map.get_mut(id as usize) {
                                    *slot = g;
                                }
                                g
                            }
                        };
                        if field == 0 {
                            self.mark_province(global);
                        }
                        global
                    };
                    let global = Place {
                        province: name(0, place.province),
                        district: name(1, place.district),
                        commune: name(2, place.commune),
                    };
                    let id = self.locations.intern(global);
                    if let Some(slot) = location_map.get_mut(local) {
                        *slot = id;
                    }
                    id
                }
            };
            self.hot.push(hot);
        }
        self.fingerprint = if rows == part.rows.len() {
            self.fingerprint.wrapping_add(part.fingerprint)
        } else {
            (0..rows).fold(self.fingerprint, |f, i| {
                f.wrapping_add(id_fingerprint(part.ids.get(i)))
            })
        };
        true
    }

    /// Room for `rows` more organisations, `text` more bytes of ids and
    /// names together, without growing on the way (a part's snapshot,
    /// sized from its bytes).
    pub(crate) fn reserve_rows(&mut self, rows: usize, text: usize) {
        self.rows.reserve(rows);
        self.hot.reserve(rows);
        for column in &mut self.counts {
            column.reserve(rows);
        }
        self.amounts.reserve(rows);
        self.ids.ends.reserve(rows);
        self.names.ends.reserve(rows);
        self.ids.text.reserve(text / 3);
        self.names.text.reserve(text);
        self.ratings.reserve(rows);
    }

    /// The organisation at `index` as the fields it was pushed with (its
    /// extensions in the order they were pushed), for pushing it into
    /// another snapshot; `None` out of range.
    pub(crate) fn input_at(&self, index: usize) -> Option<OrgInput<'_>> {
        let row = self.rows.get(index)?;
        let hot = self.hot.get(index)?;
        let ratings: Vec<(i32, Rating)> = self.decoded_ratings(row)?.collect();
        let extensions = self
            .extensions_of(row)?
            .map(|(n, v)| (n, v.clone()))
            .collect();
        let place = self.locations.get(hot.location);
        Some(OrgInput {
            id: self.ids.get(index),
            name: self.names.get(index),
            kind: *OrgKind::ALL.get(usize::from(row.kind))?,
            sector: *Sector::ALL.get(usize::from(row.sector))?,
            province: self.places.get(place.province),
            district: (place.district != NONE_U32).then(|| self.places.get(place.district)),
            commune: self.places.get(place.commune),
            established: super::store::from_day_number(hot.established),
            dissolved: (hot.dissolved != super::store::NO_DATE)
                .then(|| super::store::from_day_number(hot.dissolved)),
            status: *OrgStatus::ALL.get(usize::from(row.status))?,
            numbers: self.numbers_at(index, row),
            ratings: RatingsIn::List(ratings),
            flags: crate::org::Flags::from_bits(row.flags)?,
            extensions: ExtensionsIn::List(extensions),
        })
    }
}

/// The text ends and the text of an arena's first `rows` entries; `None`
/// when it holds fewer.
fn first_texts(arena: &super::store::StringArena, rows: usize) -> Option<(&[u32], &str)> {
    let ends = arena.ends.get(..rows)?;
    let end = ends.last().map_or(0, |&e| e as usize);
    Some((ends, arena.text.get(..end)?))
}

/// What organisations take of the room of one snapshot (the limits
/// [`Snapshot::push_unindexed`] checks): rows, and bytes of ids and names,
/// ratings and extension values, each within `u32` offsets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Used {
    rows: usize,
    ids: usize,
    names: usize,
    ratings: usize,
    exts: usize,
}

impl Used {
    /// Whether `other` fits beside these in one snapshot.
    pub(crate) fn fits_with(&self, other: &Used) -> bool {
        let max = u32::MAX as usize;
        self.rows + other.rows <= Snapshot::MAX_ORGS
            && self.ids + other.ids <= max
            && self.names + other.names <= max
            && self.ratings + other.ratings <= max
            && self.exts + other.exts <= max
    }

    /// These and `other` (which fits beside them).
    pub(crate) fn add(&mut self, other: &Used) {
        self.rows += other.rows;
        self.ids += other.ids;
        self.names += other.names;
        self.ratings += other.ratings;
        self.exts += other.exts;
    }
}

/// The ids of organisations read in parts, without the rest of them (danh
/// sách mã): what a read that keeps no snapshot needs to find an id used
/// twice, as [`Snapshot::rebuild_index`] finds it.
#[derive(Debug, Default)]
pub(crate) struct IdList {
    ids: StringArena,
}

impl IdList {
    /// How many ids it holds.
    pub(crate) fn len(&self) -> usize {
        self.ids.ends.len()
    }

    /// The id at `i` (empty out of range).
    pub(crate) fn get(&self, i: usize) -> &str {
        self.ids.get(i)
    }

    /// Appends the ids of the first `rows` organisations of `part`; false,
    /// with nothing changed, when they do not fit in `u32` offsets.
    pub(crate) fn extend_from(&mut self, part: &Snapshot, rows: usize) -> bool {
        let Some((ends, text)) = first_texts(&part.ids, rows.min(part.len())) else {
            return false;
        };
        let Ok(base) = u32::try_from(self.ids.text.len()) else {
            return false;
        };
        if u32::try_from(self.ids.text.len() + text.len()).is_err() {
            return false;
        }
        self.ids.text.push_str(text);
        self.ids.ends.extend(ends.iter().map(|&e| e + base));
        true
    }

    /// The ids used twice, as (position, position of the first with that
    /// id), in the order [`Snapshot::rebuild_index`] gives them.
    pub(crate) fn duplicates(&self) -> Vec<(usize, usize)> {
        super::store::index_ids(&self.ids, &super::IdHasher::new()).1
    }
}

#[cfg(test)]
impl Snapshot {
    /// Whether the two snapshots hold the same storage, not only the same
    /// organisations: the same interned ids in the same order, the same
    /// columns, `is_province` and fingerprint (what the parallel import's
    /// tests compare with the serial read's).
    pub(crate) fn same_storage(&self, other: &Snapshot) -> bool {
        self.date == other.date
            && self.rows == other.rows
            && self.hot == other.hot
            && self.counts == other.counts
            && self.amounts.same(&other.amounts)
            && self.ids.text == other.ids.text
            && self.ids.ends == other.ids.ends
            && self.names.text == other.names.text
            && self.names.ends == other.names.ends
            && self.places.texts == other.places.texts
            && self.locations.places == other.locations.places
            && self.is_province == other.is_province
            && self.ratings == other.ratings
            && self.ext_names.texts == other.ext_names.texts
            && self.exts == other.exts
            && self.fingerprint == other.fingerprint
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::super::store::OrgInput;
    use super::Snapshot;
    use crate::org::Cooperative;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or(NaiveDate::MIN)
    }

    fn pushed<'a>(orgs: impl IntoIterator<Item = OrgInput<'a>>) -> Snapshot {
        let mut snap = Snapshot::new(date());
        for org in orgs {
            assert!(snap.push_unindexed(&org).is_ok());
        }
        snap
    }

    /// The cache of locations by names gives the location interning
    /// gives: the same commune under other districts and provinces, with
    /// and without a district; names interned in order of first use.
    #[test]
    fn cached_locations_are_the_interned_ones() {
        let places: [(&str, Option<&str>, &str); 7] = [
            ("Nghệ An", Some("Quỳ Hợp"), "Đồng Văn"),
            ("Nghệ An", None, "Đồng Văn"),
            ("Hà Tĩnh", Some("Quỳ Hợp"), "Đồng Văn"),
            ("Nghệ An", Some("Đồng Văn"), "Quỳ Hợp"),
            ("Nghệ An", Some("Quỳ Hợp"), "Đồng Văn"),
            ("Hà Tĩnh", None, "Đồng Văn"),
            ("Nghệ An", None, "Đồng Văn"),
        ];
        let mut snap = Snapshot::new(date());
        let mut orgs = Vec::new();
        for round in 0..3 {
            for (i, (province, district, commune)) in places.iter().enumerate() {
                let mut location = crate::org::Location::new(*province, *commune);
                if let Some(d) = district {
                    location = location.with_district(*d);
                }
                let org = Cooperative::new(
                    crate::org::OrgId::new(format!("o{round}-{i}"))
                        .unwrap_or_else(|_| unreachable!()),
                    "HTX",
                    crate::org::OrgKind::Cooperative,
                    crate::org::Sector::Trade,
                    location,
                    date(),
                );
                assert!(snap.push_unindexed(&OrgInput::of(&org)).is_ok());
                orgs.push(org);
            }
        }
        for (i, org) in orgs.iter().enumerate() {
            assert_eq!(snap.get(i).as_ref(), Some(org));
        }
        let names: Vec<&str> = snap.places.texts.iter().map(|t| &**t).collect();
        assert_eq!(names, ["Nghệ An", "Quỳ Hợp", "Đồng Văn", "Hà Tĩnh"]);
        assert_eq!(snap.locations.places.len(), 5);
        assert_eq!(snap.is_province, [true, false, false, true]);
    }

    proptest! {
        /// Pieces read into snapshots of their own and appended in order
        /// (the last one cut short) hold what pushing the same
        /// organisations one by one holds; and an organisation taken back
        /// with `input_at` is pushed as the original was.
        #[test]
        fn appended_parts_equal_pushes(
            orgs in proptest::collection::vec(crate::org::arb::arb_cooperative(), 0..24),
            cuts in proptest::collection::vec(0usize..24, 0..5),
            last in 0usize..24,
        ) {
            let mut seen = std::collections::HashSet::new();
            let orgs: Vec<Cooperative> = orgs
                .into_iter()
                .filter(|o| seen.insert(o.id.clone()))
                .filter(|o| o.ratings.keys().all(|y| (1900..=2200).contains(y)))
                .filter(|o| o.numbers().counts.iter().all(|v| *v != Some(u32::MAX)))
                .collect();
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(orgs.len())).collect();
            cuts.push(0);
            cuts.push(orgs.len());
            cuts.sort_unstable();
            let pieces: Vec<&[Cooperative]> =
                cuts.windows(2).filter_map(|w| orgs.get(w[0]..w[1])).collect();
            let mut joined = Snapshot::new(date());
            let mut expected: Vec<&Cooperative> = Vec::new();
            for (i, piece) in pieces.iter().enumerate() {
                let part = pushed(piece.iter().map(OrgInput::of));
                let take = if i + 1 == pieces.len() { last.min(piece.len()) } else { piece.len() };
                prop_assert!(joined.append_part(&part, take));
                expected.extend(piece.iter().take(take));
            }
            let serial = pushed(expected.iter().map(|o| OrgInput::of(o)));
            prop_assert!(joined.same_storage(&serial));
            prop_assert_eq!(&joined, &serial);
            let again = pushed((0..serial.len()).filter_map(|i| serial.input_at(i)));
            prop_assert!(again.same_storage(&serial));
        }
    }
}
