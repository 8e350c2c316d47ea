//! The amounts of money of a snapshot's organisations (số tiền: vốn, doanh
//! thu ...), one entry of [`N_MONEY`] slots per organisation, kept apart
//! from the rows so that a row stays 16 bytes.
//!
//! An amount is a [`Decimal`] (a 96-bit mantissa and a scale), 16 bytes.
//! Nearly every real amount has a mantissa far below 2^58 (2.8 × 10^17),
//! so the column packs each in 8 bytes: the mantissa shifted left by five
//! bits, the scale (0 to 28) in the low five. The packing is exact: the
//! mantissa, its sign and the scale come back as they went in (`1.50`
//! stays `1.50`). The first amount that does not pack (a longer mantissa,
//! or a negative zero) turns the whole column into plain decimals, once:
//! no amount is ever rounded or clipped.

use rust_decimal::Decimal;

use crate::org::N_MONEY;

/// The lowest mantissa that packs.
const MIN_PACKED: i128 = -(1 << 58);
/// The highest mantissa that packs.
const MAX_PACKED: i128 = (1 << 58) - 1;

/// An amount packed in 64 bits, when it packs exactly.
fn pack(d: Decimal) -> Option<u64> {
    let m = d.mantissa();
    if !(MIN_PACKED..=MAX_PACKED).contains(&m) || (m == 0 && d.is_sign_negative()) {
        return None;
    }
    // In range: the mantissa fits in 59 bits, the scale (at most 28) in 5.
    Some(((m as i64) << 5) as u64 | u64::from(d.scale()))
}

/// The packed form of a decimal in rust_decimal's serialisation (the
/// flags word, then the mantissa's low, middle and high words, each
/// little-endian); `None` when it does not pack (then the caller decodes
/// it whole and [`AmountColumn::push`]es it), and for flags no decimal has
/// (bits beside the sign and scale, a scale above 28), so that every
/// packed value unpacks.
#[cfg(feature = "snapshot-cache")]
#[inline]
pub(crate) fn pack_bytes(b: &[u8; 16]) -> Option<u64> {
    let word = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    let (flags, lo, mid, hi) = (word(0), word(4), word(8), word(12));
    let scale = (flags >> 16) & 0xFF;
    if flags & !super::cache::DECIMAL_FLAGS != 0
        || scale > Decimal::MAX_SCALE
        || hi != 0
        || mid >= 1 << 26
    {
        return None;
    }
    // Below 2^58: fits in i64 with room for the shift.
    let magnitude = (i64::from(mid) << 32) | i64::from(lo);
    let negative = flags >> 31 == 1;
    if negative && magnitude == 0 {
        return None;
    }
    let m = if negative { -magnitude } else { magnitude };
    Some((m << 5) as u64 | u64::from(scale))
}

/// The amount a [`pack`] or [`pack_bytes`] made.
#[inline]
pub(crate) fn unpack(p: u64) -> Decimal {
    let v = p as i64;
    // Both packers keep only scales of at most 28 (and the column's
    // vectors are private to this module): `try_new` never fails here.
    Decimal::try_new(v >> 5, (v & 31) as u32).unwrap_or_default()
}

/// The amounts of every organisation of a snapshot, in row order; an
/// unknown amount is stored as zero (the row's `money` bits say which are
/// known).
#[derive(Debug, Clone)]
pub(crate) enum AmountColumn {
    /// Every amount packed ([`pack`]), 8 bytes each.
    Packed(Vec<[u64; N_MONEY]>),
    /// Some amount does not pack: every amount as a decimal.
    Wide(Vec<[Decimal; N_MONEY]>),
}

impl Default for AmountColumn {
    fn default() -> Self {
        AmountColumn::Packed(Vec::new())
    }
}

impl AmountColumn {
    /// How many organisations it holds.
    #[cfg_attr(
        not(any(feature = "csv", feature = "snapshot-cache")),
        allow(dead_code)
    )]
    pub(crate) fn len(&self) -> usize {
        match self {
            AmountColumn::Packed(v) => v.len(),
            AmountColumn::Wide(v) => v.len(),
        }
    }

    /// The bytes it holds room for.
    pub(crate) fn memory_bytes(&self) -> usize {
        match self {
            AmountColumn::Packed(v) => v.capacity() * std::mem::size_of::<[u64; N_MONEY]>(),
            AmountColumn::Wide(v) => v.capacity() * std::mem::size_of::<[Decimal; N_MONEY]>(),
        }
    }

    /// Emptied, its memory kept.
    #[cfg(feature = "snapshot-cache")]
    pub(crate) fn clear(&mut self) {
        match self {
            AmountColumn::Packed(v) => v.clear(),
            AmountColumn::Wide(v) => v.clear(),
        }
    }

    /// An empty packed column whose memory for `n` organisations is
    /// faulted in already (written once, then emptied).
    #[cfg(feature = "snapshot-cache")]
    pub(crate) fn faulted_in(n: usize) -> AmountColumn {
        let mut v = vec![[0u64; N_MONEY]; n];
        std::hint::black_box(&mut v);
        v.clear();
        AmountColumn::Packed(v)
    }

    /// Room for `n` more organisations.
    pub(crate) fn reserve(&mut self, n: usize) {
        match self {
            AmountColumn::Packed(v) => v.reserve(n),
            AmountColumn::Wide(v) => v.reserve(n),
        }
    }

    /// The amount in slot `slot` of the organisation at `at`, `None` out of
    /// range (zero for an amount not known: the row's `money` bits say).
    #[inline]
    pub(crate) fn get(&self, at: usize, slot: usize) -> Option<Decimal> {
        match self {
            AmountColumn::Packed(v) => v.get(at).and_then(|a| a.get(slot)).map(|&p| unpack(p)),
            AmountColumn::Wide(v) => v.get(at).and_then(|a| a.get(slot)).copied(),
        }
    }

    /// The amounts of the organisation at `at`.
    #[cfg(test)]
    pub(crate) fn all_at(&self, at: usize) -> Option<[Decimal; N_MONEY]> {
        let mut out = [Decimal::ZERO; N_MONEY];
        for (slot, a) in out.iter_mut().enumerate() {
            *a = self.get(at, slot)?;
        }
        Some(out)
    }

    /// Every amount as a plain decimal from now on.
    fn widen(&mut self) -> &mut Vec<[Decimal; N_MONEY]> {
        if let AmountColumn::Packed(v) = self {
            let mut wide = Vec::with_capacity(v.capacity());
            wide.extend(v.iter().map(|a| a.map(unpack)));
            *self = AmountColumn::Wide(wide);
        }
        match self {
            AmountColumn::Wide(v) => v,
            // Made wide just above.
            AmountColumn::Packed(_) => unreachable!("widened above"),
        }
    }

    /// Appends the amounts of one organisation.
    pub(crate) fn push(&mut self, amounts: [Decimal; N_MONEY]) {
        if let AmountColumn::Packed(v) = self {
            let mut packed = [0u64; N_MONEY];
            if amounts
                .iter()
                .zip(&mut packed)
                .all(|(&d, p)| pack(d).map(|x| *p = x).is_some())
            {
                v.push(packed);
                return;
            }
        }
        self.widen().push(amounts);
    }

    /// Appends the amounts of one organisation, packed already.
    #[cfg(feature = "snapshot-cache")]
    #[inline]
    pub(crate) fn push_packed(&mut self, packed: [u64; N_MONEY]) {
        match self {
            AmountColumn::Packed(v) => v.push(packed),
            AmountColumn::Wide(v) => v.push(packed.map(unpack)),
        }
    }

    /// Appends the amounts of the first `rows` organisations of `other`
    /// (all of them when it holds fewer: the caller checks).
    #[cfg(feature = "csv")]
    pub(crate) fn extend_from(&mut self, other: &AmountColumn, rows: usize) {
        let rows = rows.min(other.len());
        match (&mut *self, other) {
            (AmountColumn::Packed(v), AmountColumn::Packed(w)) => {
                v.extend_from_slice(&w[..rows]);
            }
            (_, AmountColumn::Wide(w)) => {
                self.widen().extend_from_slice(&w[..rows]);
            }
            (AmountColumn::Wide(v), AmountColumn::Packed(w)) => {
                v.extend(w[..rows].iter().map(|a| a.map(unpack)));
            }
        }
    }

    /// Whether both hold the same amounts, scales included (`1.5` and
    /// `1.50` differ here), whichever way each stores them.
    #[cfg(all(test, any(feature = "csv", feature = "snapshot-cache")))]
    pub(crate) fn same(&self, other: &AmountColumn) -> bool {
        self.len() == other.len()
            && (0..self.len()).all(|at| {
                (0..N_MONEY).all(|s| {
                    self.get(at, s).map(|d| d.serialize())
                        == other.get(at, s).map(|d| d.serialize())
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decimal(m: i128, scale: u32, negative_zero: bool) -> Decimal {
        let mut d = Decimal::from_i128_with_scale(m, scale);
        if negative_zero && m == 0 {
            d.set_sign_negative(true);
        }
        d
    }

    #[test]
    fn packs_exactly_or_not_at_all() {
        for (text, packs) in [
            ("0", true),
            ("1.50", true),
            ("-1234567.891", true),
            ("288230376151711743", true),
            ("-288230376151711744", true),
            ("288230376151711744", false),
            ("-288230376151711745", false),
            ("79228162514264337593543950335", false),
            ("0.0000000000000000000000000001", true),
        ] {
            let d: Decimal = text.parse().expect("a decimal");
            let p = pack(d);
            assert_eq!(p.is_some(), packs, "{text}");
            #[cfg(feature = "snapshot-cache")]
            {
                let bytes = pack_bytes(&d.serialize());
                assert!(bytes.is_none() || bytes == p, "{text}: {bytes:?} {p:?}");
            }
            if let Some(p) = p {
                assert_eq!(unpack(p).to_string(), text, "{text}");
                assert_eq!(unpack(p).serialize(), d.serialize(), "{text}");
            }
        }
        assert_eq!(pack(decimal(0, 2, true)), None, "negative zero");
        #[cfg(feature = "snapshot-cache")]
        {
            // Flags no decimal has: a scale of 29, a stray bit.
            let mut bad = Decimal::ONE.serialize();
            bad[2] = 29;
            assert_eq!(pack_bytes(&bad), None, "scale 29");
            let mut bad = Decimal::ONE.serialize();
            bad[0] = 1;
            assert_eq!(pack_bytes(&bad), None, "a stray flag bit");
        }
    }

    #[test]
    fn one_wide_amount_widens_the_column_and_loses_nothing() {
        let small: Decimal = "12.5".parse().expect("a decimal");
        let big: Decimal = "79228162514264337593543950335".parse().expect("a decimal");
        let mut c = AmountColumn::default();
        c.push([small; N_MONEY]);
        assert!(matches!(c, AmountColumn::Packed(_)));
        let mut second = [Decimal::ZERO; N_MONEY];
        second[N_MONEY - 1] = big;
        c.push(second);
        assert!(matches!(c, AmountColumn::Wide(_)));
        assert_eq!(c.all_at(0), Some([small; N_MONEY]));
        assert_eq!(c.all_at(1), Some(second));
        assert_eq!(c.get(2, 0), None, "out of range");
        assert_eq!(c.get(0, N_MONEY), None, "no such slot");
        assert_eq!(c.len(), 2);
    }

    #[cfg(feature = "csv")]
    #[test]
    fn a_prefix_extends_whatever_the_forms() {
        let small: Decimal = "7".parse().expect("a decimal");
        let big: Decimal = "-79228162514264337593543950335".parse().expect("a decimal");
        let packed = {
            let mut c = AmountColumn::default();
            c.push([small; N_MONEY]);
            c.push([Decimal::ONE; N_MONEY]);
            c
        };
        let wide = {
            let mut c = AmountColumn::default();
            c.push([big; N_MONEY]);
            c.push([small; N_MONEY]);
            c
        };
        for (a, b) in [
            (&packed, &wide),
            (&wide, &packed),
            (&packed, &packed),
            (&wide, &wide),
        ] {
            let mut joined = a.clone();
            joined.extend_from(b, 1);
            assert_eq!(joined.len(), 3);
            assert_eq!(joined.all_at(0), a.all_at(0));
            assert_eq!(joined.all_at(1), a.all_at(1));
            assert_eq!(joined.all_at(2), b.all_at(0));
            let mut all = a.clone();
            all.extend_from(b, 3);
            assert_eq!(all.len(), 4);
            assert!(!all.same(a));
        }
    }

    proptest! {
        /// Any decimal comes back exactly, mantissa, sign and scale.
        #[test]
        fn every_amount_comes_back_exactly(
            m in any::<i128>().prop_map(|m| m % (1i128 << 96)),
            small in -(1i64 << 60)..(1i64 << 60),
            scale in 0u32..=28,
            use_small in any::<bool>(),
            negative_zero in any::<bool>(),
        ) {
            let m = if use_small { i128::from(small) } else { m };
            let d = decimal(m, scale, negative_zero);
            let mut c = AmountColumn::default();
            c.push([Decimal::ONE; N_MONEY]);
            c.push([d; N_MONEY]);
            for slot in 0..N_MONEY {
                prop_assert_eq!(c.get(1, slot).map(|x| x.serialize()), Some(d.serialize()));
                prop_assert_eq!(c.get(0, slot), Some(Decimal::ONE));
            }
            // From the bytes: the same packing, or none.
            #[cfg(feature = "snapshot-cache")]
            if let Some(p) = pack_bytes(&d.serialize()) {
                prop_assert_eq!(Some(p), pack(d));
                let mut c = AmountColumn::default();
                c.push_packed([p; N_MONEY]);
                prop_assert_eq!(c.get(0, 0).map(|x| x.serialize()), Some(d.serialize()));
            }
        }
    }
}
