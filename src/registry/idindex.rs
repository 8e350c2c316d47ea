//! The index of a snapshot's ids (chỉ mục mã tổ chức): from an id's hash to
//! its row, in one flat table.
//!
//! An open-addressing table with linear probing, at most half full. A slot
//! is one `u64`: the hash's high 32 bits (a tag that settles most probes
//! without reading an id) and the row plus one; 0 is an empty slot. The
//! bucket is the hash's low bits, so the tag and the bucket never share a
//! bit while the table has at most 2^32 slots. The ids themselves stay in
//! the snapshot's arena: a probe whose tag matches asks the caller whether
//! the row's id is the one sought, so equal hashes never mix two ids up.
//!
//! Eight bytes a slot and two slots an id at most: 16 MB for 1,000,000 ids
//! (a `HashMap<u64, u32>` of the same ids took 34 MB), written in row order
//! with no sorting first: the table is small enough that the misses of one
//! insertion overlap those of the next.

/// See [the module](self).
#[derive(Debug, Clone, Default)]
pub(crate) struct IdIndex {
    slots: Vec<u64>,
    len: usize,
}

/// The fewest slots a table has once it has any.
const MIN_SLOTS: usize = 16;

/// [`IdIndex::build`] sorts by this many high bits of the slot: 1,024
/// stretches, few enough that the sort's writes stay in the translation
/// buffer, and at a million ids 2,048 slots (16 kB) each.
const GROUP_BITS: u32 = 10;

/// `n` empty slots, written rather than allocated zeroed.
///
/// `vec![0; n]` of a large table takes fresh pages the system maps to its
/// one zero page until they are written; a probe reads a slot before it
/// writes it, so every page of the table would then fault twice, the
/// second time with a flush of the other cores' address caches. Writing
/// the zeros first faults each page once (a load of a million ids from a
/// cached snapshot spent about 8% of its time in those second faults).
// Written on purpose: `vec![0; n]` is what this avoids.
#[allow(clippy::slow_vector_initialization)]
fn written_zeros(n: usize) -> Vec<u64> {
    let mut slots = Vec::with_capacity(n);
    slots.resize(n, 0);
    slots
}

impl IdIndex {
    /// An index with room for `n` ids without growing.
    pub(crate) fn with_capacity(n: usize) -> IdIndex {
        let mut index = IdIndex::default();
        if n > 0 {
            index.slots = written_zeros(slots_for(n));
        }
        index
    }

    /// How many ids it holds.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The bytes its table takes.
    pub(crate) fn memory_bytes(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<u64>()
    }

    /// The row of the id hashed to `h` for which `same` holds, if any.
    #[inline]
    pub(crate) fn find(&self, h: u64, mut same: impl FnMut(u32) -> bool) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let tag = h >> 32;
        let mut at = h as usize & mask;
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                return None;
            }
            if slot >> 32 == tag {
                let row = (slot as u32).wrapping_sub(1);
                if same(row) {
                    return Some(row);
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// Indexes `row`, whose id hashes to `h`, unless a row for which
    /// `same` holds is indexed already: then that row, and nothing
    /// changes. `hash_of` gives the hash of an indexed row's id, for when
    /// the table grows. `row` is below [`crate::Snapshot::MAX_ORGS`].
    #[inline]
    pub(crate) fn insert(
        &mut self,
        h: u64,
        row: u32,
        same: impl FnMut(u32) -> bool,
        hash_of: impl Fn(u32) -> u64,
    ) -> Result<(), u32> {
        if (self.len + 1).saturating_mul(2) > self.slots.len() {
            self.grow(self.len + 1, hash_of);
        }
        self.insert_in_room(h, row, same)
    }

    /// [`IdIndex::insert`] into a table known to have room.
    #[inline]
    pub(crate) fn insert_in_room(
        &mut self,
        h: u64,
        row: u32,
        mut same: impl FnMut(u32) -> bool,
    ) -> Result<(), u32> {
        debug_assert!((self.len + 1) * 2 <= self.slots.len());
        let mask = self.slots.len() - 1;
        let tag = h >> 32;
        let mut at = h as usize & mask;
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                self.slots[at] = (tag << 32) | u64::from(row.wrapping_add(1));
                self.len += 1;
                return Ok(());
            }
            if slot >> 32 == tag {
                let other = (slot as u32).wrapping_sub(1);
                if same(other) {
                    return Err(other);
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// The index of rows given as (hash, row) in increasing row order,
    /// built in the order of the table's slots rather than in row order:
    /// at a million ids, inserting in row order misses the cache and the
    /// translation buffer once per id (the table is 16 MB), which made it
    /// the largest single cost of loading a snapshot; one pass of a
    /// counting sort by the slot's high bits first keeps the writes of a
    /// stretch within a few pages. `same(a, b)` says whether the ids of
    /// rows `a` and `b` are equal. Returns the index and the rows whose id
    /// an earlier row has, as (row, that earlier row), in increasing row
    /// order.
    pub(crate) fn build(
        pairs: Vec<(u64, u32)>,
        mut same: impl FnMut(u32, u32) -> bool,
    ) -> (IdIndex, Vec<(u32, u32)>) {
        let mut index = IdIndex::with_capacity(pairs.len());
        let mut duplicates = Vec::new();
        if pairs.is_empty() {
            return (index, duplicates);
        }
        let bits = index.slots.len().trailing_zeros();
        let group_bits = bits.min(GROUP_BITS);
        let shift = bits - group_bits;
        let mask = index.slots.len() - 1;
        let group = |h: u64| (h as usize & mask) >> shift;
        // Stable: equal ids, which hash alike, stay in row order, so the
        // one indexed is the first.
        let mut starts = vec![0usize; (1 << group_bits) + 1];
        for &(h, _) in &pairs {
            starts[group(h) + 1] += 1;
        }
        for g in 1..starts.len() {
            starts[g] += starts[g - 1];
        }
        let mut sorted = vec![(0u64, 0u32); pairs.len()];
        for &pair in &pairs {
            let at = &mut starts[group(pair.0)];
            sorted[*at] = pair;
            *at += 1;
        }
        drop(pairs);
        for (h, row) in sorted {
            if let Err(first) = index.insert_in_room(h, row, |other| same(other, row)) {
                duplicates.push((row, first));
            }
        }
        duplicates.sort_unstable();
        (index, duplicates)
    }

    /// Whether `n` ids fit without growing.
    pub(crate) fn has_room_for(&self, n: usize) -> bool {
        n.saturating_mul(2) <= self.slots.len()
    }

    /// Makes room for `additional` more ids.
    pub(crate) fn reserve(&mut self, additional: usize, hash_of: impl Fn(u32) -> u64) {
        let need = self.len.saturating_add(additional);
        if !self.has_room_for(need) {
            self.grow(need, hash_of);
        }
    }

    /// Moves every entry to a table with room for `need` ids.
    fn grow(&mut self, need: usize, hash_of: impl Fn(u32) -> u64) {
        let old = std::mem::replace(&mut self.slots, written_zeros(slots_for(need)));
        let mask = self.slots.len() - 1;
        for slot in old.into_iter().filter(|&s| s != 0) {
            let row = (slot as u32).wrapping_sub(1);
            let mut at = hash_of(row) as usize & mask;
            while self.slots[at] != 0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = slot;
        }
    }

    /// The rows indexed, in increasing order (for tests).
    #[cfg(test)]
    pub(crate) fn rows(&self) -> Vec<u32> {
        let mut rows: Vec<u32> = self
            .slots
            .iter()
            .filter(|&&s| s != 0)
            .map(|&s| (s as u32).wrapping_sub(1))
            .collect();
        rows.sort_unstable();
        rows
    }
}

/// The slots of a table for `n` ids: a power of two, at least twice `n`.
fn slots_for(n: usize) -> usize {
    n.saturating_mul(2)
        .max(MIN_SLOTS)
        .checked_next_power_of_two()
        .unwrap_or(1 << (usize::BITS - 1))
}

#[cfg(test)]
mod tests {
    use super::IdIndex;
    use proptest::prelude::*;

    /// An index over `ids`, inserted in order with `hash`, and the
    /// duplicates met as (row, first row with that id).
    fn build(ids: &[String], hash: impl Fn(&str) -> u64) -> (IdIndex, Vec<(u32, u32)>) {
        let mut index = IdIndex::default();
        let mut dups = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            let same = |r: u32| ids[r as usize] == *id;
            let hash_of = |r: u32| hash(&ids[r as usize]);
            if let Err(first) = index.insert(hash(id), i as u32, same, hash_of) {
                dups.push((i as u32, first));
            }
        }
        (index, dups)
    }

    #[test]
    fn finds_what_it_holds_and_reports_the_first_duplicate() {
        let h = crate::registry::idhash::IdHasher::new();
        let hash = |s: &str| h.hash_one(s);
        let ids: Vec<String> = ["a", "b", "c", "b", "a", "d"].map(String::from).into();
        let (index, dups) = build(&ids, hash);
        assert_eq!(dups, vec![(3, 1), (4, 0)]);
        assert_eq!(index.len(), 4);
        assert_eq!(index.rows(), vec![0, 1, 2, 5]);
        for (id, row) in [("a", 0), ("b", 1), ("c", 2), ("d", 5)] {
            assert_eq!(index.find(hash(id), |r| ids[r as usize] == id), Some(row));
        }
        assert_eq!(index.find(hash("e"), |r| ids[r as usize] == "e"), None);
        assert_eq!(IdIndex::default().find(hash("a"), |_| true), None);
    }

    #[test]
    fn equal_hashes_never_mix_ids_up() {
        // Every id hashes alike: the tag always matches, the ids decide.
        let ids: Vec<String> = (0..200).map(|i| format!("id-{i}")).collect();
        let (index, dups) = build(&ids, |_| 0xdead_beef_0000_0007);
        assert!(dups.is_empty());
        for (i, id) in ids.iter().enumerate() {
            let found = index.find(0xdead_beef_0000_0007, |r| ids[r as usize] == *id);
            assert_eq!(found, Some(i as u32));
        }
        assert_eq!(index.find(7, |_| false), None);
    }

    #[test]
    fn sized_up_front_it_does_not_grow_and_stays_half_full() {
        let mut index = IdIndex::with_capacity(1000);
        let before = index.memory_bytes();
        assert_eq!(before, 2048 * 8);
        assert!(index.has_room_for(1000) && !index.has_room_for(1025));
        for i in 0..1000u32 {
            let h = u64::from(i).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            assert_eq!(index.insert_in_room(h, i, |_| false), Ok(()));
        }
        assert_eq!(index.memory_bytes(), before);
        index.reserve(24, |r| u64::from(r).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        assert_eq!(index.memory_bytes(), before);
        index.reserve(1000, |r| u64::from(r).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        assert_eq!(index.memory_bytes(), 4096 * 8);
        for i in 0..1000u32 {
            let h = u64::from(i).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            assert_eq!(index.find(h, |r| r == i), Some(i));
        }
    }

    #[test]
    fn built_at_once_it_is_the_index_inserted_row_by_row() {
        let h = crate::registry::idhash::IdHasher::new();
        for n in [0usize, 1, 7, 100, 5_000] {
            let ids: Vec<String> = (0..n).map(|i| format!("id-{}", i % (n / 2 + 1))).collect();
            let (one_by_one, dups) = build(&ids, |s| h.hash_one(s));
            let pairs = ids
                .iter()
                .enumerate()
                .map(|(i, id)| (h.hash_one(id), i as u32))
                .collect();
            let (at_once, dups_at_once) =
                IdIndex::build(pairs, |a, b| ids[a as usize] == ids[b as usize]);
            assert_eq!(dups_at_once, dups, "{n}");
            assert_eq!(at_once.rows(), one_by_one.rows(), "{n}");
            for (i, id) in ids.iter().enumerate() {
                let first = at_once.find(h.hash_one(id), |r| ids[r as usize] == *id);
                assert_eq!(
                    first,
                    one_by_one.find(h.hash_one(id), |r| ids[r as usize] == *id),
                    "{n} {i}"
                );
            }
        }
    }

    /// The first row of each id and the later rows, as a map gives them.
    fn first_rows(ids: &[String]) -> (std::collections::HashMap<String, u32>, Vec<(u32, u32)>) {
        let mut first = std::collections::HashMap::new();
        let mut later = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            match first.get(id) {
                Some(&f) => later.push((i as u32, f)),
                None => {
                    first.insert(id.clone(), i as u32);
                }
            }
        }
        (first, later)
    }

    proptest! {
        /// Whatever the ids and however weak the hash, the index finds
        /// every distinct id at its first row and reports every later one
        /// as a duplicate of it, as a map from id to first row does.
        #[test]
        fn agrees_with_a_map(ids in proptest::collection::vec("[a-c]{0,3}", 0..300), weak in any::<bool>()) {
            let h = crate::registry::idhash::IdHasher::new();
            let hash = |s: &str| if weak { s.len() as u64 } else { h.hash_one(s) };
            let (index, dups) = build(&ids, hash);
            let (first, expected) = first_rows(&ids);
            prop_assert_eq!(&dups, &expected);
            prop_assert_eq!(index.len(), first.len());
            for (id, &row) in &first {
                prop_assert_eq!(index.find(hash(id), |r| ids[r as usize] == *id), Some(row));
            }
            prop_assert_eq!(index.find(hash("zz"), |r| ids[r as usize] == "zz"), None);
            let pairs = ids.iter().enumerate().map(|(i, id)| (hash(id), i as u32)).collect();
            let (at_once, dups_at_once) = IdIndex::build(pairs, |a, b| ids[a as usize] == ids[b as usize]);
            prop_assert_eq!(dups_at_once, expected);
            for (id, &row) in &first {
                prop_assert_eq!(at_once.find(hash(id), |r| ids[r as usize] == *id), Some(row));
            }
        }
    }
}
