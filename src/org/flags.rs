//! [`Flags`]: a set of [`Flag`]s packed in one byte.

use std::fmt;
use std::str::FromStr;

use serde::de::{SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::codes::Flag;
use crate::parse_error::ParseError;

/// The bits that stand for a flag.
const KNOWN_BITS: u8 = {
    let mut bits = 0u8;
    let mut i = 0;
    while i < Flag::ALL.len() {
        bits |= Flag::ALL[i].bit();
        i += 1;
    }
    bits
};

/// A set of [`Flag`]s, one bit each (bit `flag.index()`).
///
/// In JSON a set is an array of flag codes in alphabetical order, as in
/// `["high_tech","value_chain"]`; reading one rejects unknown codes and
/// repeated flags. `Display` prints the same codes joined by commas
/// (`high_tech,value_chain`, empty for no flag), which `FromStr` reads back.
///
/// ```
/// use hoptac::{org::Flag, org::Flags};
/// let flags = Flags::empty().with(Flag::ValueChain).with(Flag::HighTech);
/// assert!(flags.contains(Flag::HighTech));
/// assert_eq!(flags.bits(), 0b11);
/// assert_eq!(flags.to_string(), "high_tech,value_chain");
/// assert_eq!("value_chain, high_tech".parse::<Flags>()?, flags);
/// assert_eq!(Flags::from_bits(0b11), Some(flags));
/// assert_eq!(Flags::from_bits(0b1000_0000), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Flags(u8);

impl Flags {
    /// No flag.
    ///
    /// ```
    /// assert!(hoptac::org::Flags::empty().is_empty());
    /// ```
    pub const fn empty() -> Flags {
        Flags(0)
    }

    /// Every flag.
    ///
    /// ```
    /// assert_eq!(hoptac::org::Flags::all().len(), hoptac::org::Flag::ALL.len());
    /// ```
    pub const fn all() -> Flags {
        Flags(KNOWN_BITS)
    }

    /// The set with `flag` added.
    ///
    /// ```
    /// use hoptac::{org::Flag, org::Flags};
    /// assert!(Flags::empty().with(Flag::HighTech).contains(Flag::HighTech));
    /// ```
    #[must_use]
    pub const fn with(self, flag: Flag) -> Flags {
        Flags(self.0 | flag.bit())
    }

    /// The set with `flag` taken out.
    ///
    /// ```
    /// use hoptac::{org::Flag, org::Flags};
    /// assert!(Flags::all().without(Flag::Digital).contains(Flag::HighTech));
    /// assert!(!Flags::all().without(Flag::Digital).contains(Flag::Digital));
    /// ```
    #[must_use]
    pub const fn without(self, flag: Flag) -> Flags {
        Flags(self.0 & !flag.bit())
    }

    /// Whether `flag` is in the set.
    ///
    /// ```
    /// use hoptac::{org::Flag, org::Flags};
    /// assert!(!Flags::empty().contains(Flag::PaperOnly));
    /// ```
    #[inline]
    pub const fn contains(self, flag: Flag) -> bool {
        self.0 & flag.bit() != 0
    }

    /// Adds `flag`; returns whether it was missing.
    ///
    /// ```
    /// use hoptac::{org::Flag, org::Flags};
    /// let mut flags = Flags::empty();
    /// assert!(flags.insert(Flag::Digital));
    /// assert!(!flags.insert(Flag::Digital));
    /// assert!(flags.remove(Flag::Digital));
    /// assert!(flags.is_empty());
    /// ```
    pub fn insert(&mut self, flag: Flag) -> bool {
        let missing = !self.contains(flag);
        self.0 |= flag.bit();
        missing
    }

    /// Takes `flag` out; returns whether it was there.
    ///
    /// ```
    /// use hoptac::{org::Flag, org::Flags};
    /// let mut flags = Flags::from(Flag::Digital);
    /// assert!(flags.remove(Flag::Digital));
    /// assert!(!flags.remove(Flag::Digital));
    /// ```
    pub fn remove(&mut self, flag: Flag) -> bool {
        let present = self.contains(flag);
        self.0 &= !flag.bit();
        present
    }

    /// Whether the set has no flag.
    ///
    /// ```
    /// assert!(!hoptac::org::Flags::all().is_empty());
    /// ```
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many flags are in the set.
    ///
    /// ```
    /// use hoptac::{org::Flag, org::Flags};
    /// assert_eq!(Flags::empty().with(Flag::Digital).with(Flag::Digital).len(), 1);
    /// ```
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The flags of the set, in the order of [`Flag::ALL`].
    ///
    /// ```
    /// use hoptac::{org::Flag, org::Flags};
    /// let flags: Flags = [Flag::PaperOnly, Flag::ValueChain].into_iter().collect();
    /// assert_eq!(flags.iter().collect::<Vec<_>>(), [Flag::ValueChain, Flag::PaperOnly]);
    /// ```
    pub const fn iter(self) -> FlagsIter {
        FlagsIter(self.0)
    }

    /// The bits of the set: bit `flag.index()` for each flag.
    ///
    /// ```
    /// use hoptac::{org::Flag, org::Flags};
    /// assert_eq!(Flags::from(Flag::PaperOnly).bits(), 0b1_0000);
    /// ```
    #[inline]
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// The set with these bits, or `None` when a bit stands for no flag.
    ///
    /// ```
    /// use hoptac::{org::Flag, org::Flags};
    /// assert_eq!(Flags::from_bits(0b101), Some(Flags::from_iter([Flag::ValueChain, Flag::Digital])));
    /// assert_eq!(Flags::from_bits(0xff), None);
    /// ```
    pub const fn from_bits(bits: u8) -> Option<Flags> {
        if bits & !KNOWN_BITS == 0 {
            Some(Flags(bits))
        } else {
            None
        }
    }

    /// The flag codes of the set, in alphabetical order (the JSON and
    /// `Display` order).
    fn sorted_codes(self) -> Vec<&'static str> {
        let mut codes: Vec<_> = self.iter().map(Flag::code).collect();
        codes.sort_unstable();
        codes
    }
}

/// The flags of a [`Flags`] set, in the order of [`Flag::ALL`]; made by
/// [`Flags::iter`].
///
/// ```
/// use hoptac::{org::Flag, org::Flags};
/// let mut it = Flags::empty().with(Flag::Digital).iter();
/// assert_eq!(it.next(), Some(Flag::Digital));
/// assert_eq!(it.next(), None);
/// ```
#[derive(Debug, Clone)]
pub struct FlagsIter(u8);

impl Iterator for FlagsIter {
    type Item = Flag;

    fn next(&mut self) -> Option<Flag> {
        if self.0 == 0 {
            return None;
        }
        let i = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Flag::ALL.get(i).copied()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.0.count_ones() as usize;
        (n, Some(n))
    }
}

impl ExactSizeIterator for FlagsIter {}

impl IntoIterator for Flags {
    type Item = Flag;
    type IntoIter = FlagsIter;
    fn into_iter(self) -> FlagsIter {
        self.iter()
    }
}

impl FromIterator<Flag> for Flags {
    fn from_iter<T: IntoIterator<Item = Flag>>(iter: T) -> Self {
        let mut flags = Flags::empty();
        flags.extend(iter);
        flags
    }
}

impl Extend<Flag> for Flags {
    fn extend<T: IntoIterator<Item = Flag>>(&mut self, iter: T) {
        for flag in iter {
            self.insert(flag);
        }
    }
}

impl From<Flag> for Flags {
    fn from(flag: Flag) -> Self {
        Flags::empty().with(flag)
    }
}

impl fmt::Display for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, code) in self.sorted_codes().into_iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(code)?;
        }
        Ok(())
    }
}

/// What the errors of [`Flags`] call it.
const WHAT: &str = "list of flags";

/// The error of a flag listed twice in `input`.
fn repeated(flag: Flag, input: &str) -> ParseError {
    let problem = format!("flag `{flag}` is given twice");
    let problem_vi = format!("cờ `{flag}` có hai lần");
    ParseError::invalid(
        WHAT,
        input,
        (problem, problem_vi),
        ("each flag at most once", "mỗi cờ nhiều nhất một lần"),
    )
}

impl FromStr for Flags {
    type Err = ParseError;

    /// Reads flag codes separated by commas (spaces around them are
    /// ignored); an empty or blank text is the empty set.
    ///
    /// ```
    /// use hoptac::org::Flags;
    /// let err = "digital,digital".parse::<Flags>().unwrap_err();
    /// assert_eq!(err.to_string(), "flag `digital` is given twice: expected each flag at most once");
    /// assert_eq!((err.what(), err.input()), ("list of flags", "digital,digital"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() > 256 {
            return Err(ParseError::too_long(WHAT, s, s.len(), 256));
        }
        let mut flags = Flags::empty();
        if s.trim().is_empty() {
            return Ok(flags);
        }
        for part in s.split(',') {
            let flag: Flag = part.parse()?;
            if !flags.insert(flag) {
                return Err(repeated(flag, s));
            }
        }
        Ok(flags)
    }
}

impl Serialize for Flags {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for code in self.sorted_codes() {
            seq.serialize_element(code)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Flags {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FlagsVisitor;

        impl<'de> Visitor<'de> for FlagsVisitor {
            type Value = Flags;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of distinct flag codes")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Flags, A::Error> {
                let mut flags = Flags::empty();
                while let Some(flag) = seq.next_element::<Flag>()? {
                    if !flags.insert(flag) {
                        return Err(serde::de::Error::custom(repeated(flag, flag.code())));
                    }
                }
                Ok(flags)
            }
        }

        deserializer.deserialize_seq(FlagsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn json_is_sorted_codes() {
        let flags = Flags::empty()
            .with(Flag::ValueChain)
            .with(Flag::HighTech)
            .with(Flag::FemaleDirector);
        let json = serde_json::to_string(&flags).unwrap();
        assert_eq!(json, r#"["female_director","high_tech","value_chain"]"#);
        assert_eq!(serde_json::from_str::<Flags>(&json).unwrap(), flags);
        assert_eq!(serde_json::to_string(&Flags::empty()).unwrap(), "[]");
        assert_eq!(
            serde_json::from_str::<Flags>(r#"["value_chain","high_tech","female_director"]"#)
                .unwrap(),
            flags
        );
    }

    #[test]
    fn json_rejects_repeats_and_unknown_codes() {
        let err = serde_json::from_str::<Flags>(r#"["digital","digital"]"#).unwrap_err();
        assert!(
            err.to_string().contains("flag `digital` is given twice"),
            "{err}"
        );
        assert!(serde_json::from_str::<Flags>(r#"["organic"]"#).is_err());
        assert!(serde_json::from_str::<Flags>(r#"["Digital"]"#).is_err());
        assert!(serde_json::from_str::<Flags>(r#""digital""#).is_err());
        assert!(serde_json::from_str::<Flags>("3").is_err());
    }

    #[test]
    fn bits_and_sets() {
        assert_eq!(Flags::all().bits(), 0b1_1111);
        assert_eq!(Flags::from_bits(0b10_0000), None);
        let mut f = Flags::default();
        assert!(f.is_empty());
        f.insert(Flag::PaperOnly);
        assert_eq!(f.bits(), 0b1_0000);
        assert_eq!(f.len(), 1);
        assert!(!f.remove(Flag::Digital));
        assert_eq!(Flags::from(Flag::Digital).bits(), Flag::Digital.bit());
        assert_eq!(Flags::all().iter().len(), 5);
    }

    #[test]
    fn display_and_parse() {
        assert_eq!(Flags::empty().to_string(), "");
        assert_eq!("".parse::<Flags>().unwrap(), Flags::empty());
        assert_eq!(" ".parse::<Flags>().unwrap(), Flags::empty());
        assert_eq!(
            Flags::all().to_string(),
            "digital,female_director,high_tech,paper_only,value_chain"
        );
        assert_eq!(
            "digital,,high_tech"
                .parse::<Flags>()
                .unwrap_err()
                .to_string(),
            "unknown flag ``: expected one of value_chain, high_tech, digital, \
             female_director, paper_only"
        );
        let err = "x".repeat(300).parse::<Flags>().unwrap_err();
        assert_eq!(
            (err.what(), err.expected()),
            ("list of flags", "at most 256 bytes")
        );
    }

    proptest! {
        #[test]
        fn bits_round_trip(bits in any::<u8>()) {
            match Flags::from_bits(bits) {
                Some(flags) => {
                    prop_assert_eq!(flags.bits(), bits);
                    let rebuilt: Flags = flags.iter().collect();
                    prop_assert_eq!(rebuilt, flags);
                    prop_assert_eq!(flags.to_string().parse::<Flags>().unwrap(), flags);
                    let json = serde_json::to_string(&flags).unwrap();
                    prop_assert_eq!(serde_json::from_str::<Flags>(&json).unwrap(), flags);
                    for flag in Flag::ALL {
                        prop_assert_eq!(flags.contains(flag), bits & (1 << flag.index()) != 0);
                    }
                }
                None => prop_assert!(bits >= 0b10_0000),
            }
        }

        #[test]
        fn parse_never_panics(s in ".{0,80}", t in any::<String>()) {
            let _ = s.parse::<Flags>();
            let _ = t.parse::<Flags>();
        }
    }
}
