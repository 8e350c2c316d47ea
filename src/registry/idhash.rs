//! The keyed hash of organisation ids for a snapshot's id index (chỉ mục mã
//! định danh): fast, and keyed per snapshot so that ids from an untrusted
//! file cannot be chosen to collide.
//!
//! SipHash-1-3 (std's `RandomState`) cost 200 instructions per id of 13
//! bytes when a million ids were indexed on import. This hash folds 16 bytes
//! at a time into a 128-bit product (the "folded multiply" of foldhash and
//! wyhash): about 20 instructions for an id of up to 15 bytes.
//!
//! Why it stays safe on untrusted ids (HashDoS): the 256 bits of key come
//! from std's `RandomState` (seeded from the operating system's randomness
//! once per process, then varied per instance) and are never shown.
//! Every block of input is xored with a key word before it is multiplied, so
//! which ids collide depends on the key: an attacker who cannot see hashes
//! cannot aim at a bucket. The hash is not cryptographic; the index never
//! relies on it for correctness: equal hashes are told apart by comparing
//! the ids themselves (`Snapshot::position_hashed`), so a collision costs
//! only time.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

/// Multiplies `a` by `b` in 128 bits and folds the high half onto the low.
#[inline(always)]
fn fold(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    (p as u64) ^ ((p >> 64) as u64)
}

/// Eight bytes, little-endian, of `bytes` from `at` (zeros past the end).
#[inline(always)]
fn word(bytes: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    if let Some(part) = bytes.get(at..) {
        let n = part.len().min(8);
        if let (Some(dst), Some(src)) = (w.get_mut(..n), part.get(..n)) {
            dst.copy_from_slice(src);
        }
    }
    u64::from_le_bytes(w)
}

/// A keyed hash of ids, its four key words drawn from a fresh
/// [`RandomState`].
#[derive(Clone)]
pub(crate) struct IdHasher {
    keys: [u64; 4],
}

impl std::fmt::Debug for IdHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The keys are secret: never printed.
        f.write_str("IdHasher { .. }")
    }
}

impl IdHasher {
    /// A hasher with fresh random keys.
    pub(crate) fn new() -> IdHasher {
        let state = RandomState::new();
        let mut keys = [0u64; 4];
        for (i, k) in keys.iter_mut().enumerate() {
            // SipHash of a counter under the random state's keys: four
            // unrelated secret words. Odd, so no multiplication by a key
            // word loses bits.
            *k = state.hash_one(0x243f_6a88_85a3_08d3_u64 ^ i as u64) | 1;
        }
        IdHasher { keys }
    }

    /// The hash of `id`.
    #[inline]
    pub(crate) fn hash_one(&self, id: &str) -> u64 {
        self.finish(self.absorb(self.keys[0], id.as_bytes()))
    }

    /// `acc` with `bytes` folded in, 16 bytes at a time.
    #[inline]
    fn absorb(&self, acc: u64, bytes: &[u8]) -> u64 {
        let [_, k1, k2, _] = self.keys;
        // The length goes in first, so that inputs of different lengths
        // padded with zeros to the same blocks still differ.
        let mut acc = acc ^ (bytes.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mut at = 0;
        loop {
            let (a, b) = (word(bytes, at), word(bytes, at + 8));
            acc = fold(a ^ k1, b ^ k2 ^ acc);
            at += 16;
            if at >= bytes.len() {
                break;
            }
        }
        acc
    }

    #[inline]
    fn finish(&self, acc: u64) -> u64 {
        let [_, k1, k2, k3] = self.keys;
        fold(acc ^ k3, k1.rotate_left(23) ^ k2)
    }
}

impl BuildHasher for IdHasher {
    type Hasher = IdHasherState;

    fn build_hasher(&self) -> IdHasherState {
        IdHasherState {
            hasher: self.clone(),
            acc: self.keys[0],
        }
    }
}

impl Default for IdHasher {
    fn default() -> Self {
        IdHasher::new()
    }
}

/// [`IdHasher`] as a [`Hasher`], for maps keyed by strings: each write is
/// folded in as it comes.
#[derive(Debug, Clone)]
pub(crate) struct IdHasherState {
    hasher: IdHasher,
    acc: u64,
}

impl Hasher for IdHasherState {
    fn finish(&self) -> u64 {
        self.hasher.finish(self.acc)
    }
    fn write(&mut self, bytes: &[u8]) {
        self.acc = self.hasher.absorb(self.acc, bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::IdHasher;

    #[test]
    fn equal_ids_hash_equal_and_keys_differ() {
        let h = IdHasher::new();
        assert_eq!(h.hash_one("na-htx-000001"), h.hash_one("na-htx-000001"));
        assert_ne!(h.hash_one("na-htx-000001"), h.hash_one("na-htx-000002"));
        // Another snapshot's keys: the same id hashes differently (with
        // probability 1 - 2^-64).
        let other = IdHasher::new();
        assert_ne!(h.hash_one("na-htx-000001"), other.hash_one("na-htx-000001"));
        assert_eq!(format!("{h:?}"), "IdHasher { .. }");
    }

    #[test]
    fn lengths_and_padding_are_told_apart() {
        let h = IdHasher::new();
        // Zero padding of the last block: "a" and "a\0" would share blocks
        // without the length.
        assert_ne!(h.hash_one("a"), h.hash_one("a\0"));
        assert_ne!(h.hash_one(""), h.hash_one("\0"));
        let long = "x".repeat(64);
        assert_ne!(h.hash_one(&long), h.hash_one(&long[..63]));
        assert_ne!(h.hash_one(&"ab".repeat(8)), h.hash_one(&"ba".repeat(8)));
    }

    #[test]
    fn the_hasher_form_agrees_with_itself() {
        use std::hash::BuildHasher;
        let h = IdHasher::new();
        assert_eq!(h.hash_one("Hưng Lợi"), h.hash_one("Hưng Lợi"));
        let map_hash = |s: &str| BuildHasher::hash_one(&h, s);
        assert_eq!(map_hash("Hưng Lợi"), map_hash("Hưng Lợi"));
        assert_ne!(map_hash("Hưng Lợi"), map_hash("Hưng Lộc"));
    }

    #[test]
    fn no_collisions_among_sequential_ids() {
        // A million ids as registries number them: no two hash alike, and
        // the low bits (the bucket) spread evenly.
        let h = IdHasher::new();
        let n = 200_000;
        let mut hashes: Vec<u64> = (0..n)
            .map(|i| h.hash_one(&format!("na-htx-{i:06}")))
            .collect();
        let mut buckets = vec![0u32; 1024];
        for x in &hashes {
            if let Some(b) = buckets.get_mut((*x & 1023) as usize) {
                *b += 1;
            }
        }
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), n);
        // Expected 195 per bucket; a fair hash stays well within 40%.
        assert!(
            buckets.iter().all(|&b| (117..=273).contains(&b)),
            "{buckets:?}"
        );
    }
}
