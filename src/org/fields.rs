//! The table of a record's built-in numeric fields (số liệu): the one
//! place that names them.
//!
//! [`numeric_fields!`] holds the table. Each module that needs the fields
//! defines a small macro and hands it to the table, which calls it with
//! every entry: the record's fields and builders
//! ([`Cooperative`](crate::Cooperative)), the plan's
//! [`Field`](crate::plan::Field) variants and labels, the CSV columns, and
//! [`NumericField`] below, from which the registry's compact rows and the
//! scan take their slots. Adding a field is adding a line to the table
//! (and, if generated registries should fill it, a distribution in
//! [`generate`](crate::generate)).

use rust_decimal::Decimal;

use crate::lang::Lang;

/// Calls `$then! { before_ratings [..] after_flags [..] }` with the table.
///
/// Each entry: `Variant = field, kind, builder, vi "label", en "label";`
/// with its doc comment. The field's name is its code everywhere: the
/// record's field, its JSON key, the CSV column and the plan's `Field`
/// (`{"kind":"members"}`). Kinds: `people` and `count` (whole numbers,
/// `u32`), `money` (VND, `Decimal`). The two groups say where the fields sit
/// around the ratings and flags, in a record, its JSON and its CSV; new
/// fields go at the end of `after_flags`. The order is also `Field`'s order.
macro_rules! numeric_fields {
    ($then:ident) => {
        $then! {
            before_ratings [
                /// Official members (thành viên chính thức).
                Members = members, people, with_members,
                    vi "thành viên chính thức", en "official members";
                /// Associate members (thành viên liên kết, with or without capital).
                AssociateMembers = associate_members, people, with_associate_members,
                    vi "thành viên liên kết", en "associate members";
                /// For a union: its member cooperatives (hợp tác xã thành viên).
                MemberCoops = member_coops, count, with_member_coops,
                    vi "hợp tác xã thành viên", en "member cooperatives";
            ]
            after_flags [
                /// Revenue (doanh thu) in VND a year, latest known.
                RevenueVnd = revenue_vnd, money, with_revenue_vnd,
                    vi "doanh thu (đồng)", en "revenue (VND)";
                /// Average income of a member (thu nhập bình quân của thành
                /// viên) in VND a year, latest known.
                AvgIncomeVnd = avg_income_vnd, money, with_avg_income_vnd,
                    vi "thu nhập bình quân (đồng)", en "average income (VND)";
                /// Key staff (cán bộ chủ chốt): board, director, controller, accountant.
                KeyStaff = key_staff, people, with_key_staff,
                    vi "cán bộ chủ chốt", en "key staff";
                /// Key staff who are formally trained (đã qua đào tạo).
                KeyStaffTrained = key_staff_trained, people, with_key_staff_trained,
                    vi "cán bộ chủ chốt đã qua đào tạo", en "key staff trained";
                /// Key staff who were given refresher courses (được bồi dưỡng).
                KeyStaffRefreshed = key_staff_refreshed, people, with_key_staff_refreshed,
                    vi "cán bộ chủ chốt được bồi dưỡng", en "key staff refreshed";
            ]
        }
    };
}
pub(crate) use numeric_fields;

/// The Rust type of a kind of field.
macro_rules! numeric_type {
    (people) => {
        u32
    };
    (count) => {
        u32
    };
    (money) => {
        rust_decimal::Decimal
    };
}
pub(crate) use numeric_type;

/// What a numeric field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A count of people.
    People,
    /// A count of something else.
    Count,
    /// An amount of VND.
    Money,
}

macro_rules! kind_of {
    (people) => {
        Kind::People
    };
    (count) => {
        Kind::Count
    };
    (money) => {
        Kind::Money
    };
}

macro_rules! numeric_field_enum {
    (before_ratings [$($head:tt)*] after_flags [$($tail:tt)*]) => {
        numeric_field_enum!(@ [$($head)*] $($head)* $($tail)*);
    };
    (@ [$($(#[doc = $hdoc:literal])* $hv:ident = $hf:ident, $hkind:ident, $hwith:ident,
          vi $hvi:literal, en $hen:literal;)*]
     $($(#[doc = $doc:literal])* $v:ident = $f:ident, $kind:ident, $with:ident,
          vi $vi:literal, en $en:literal;)*) => {
        /// A built-in numeric field, as a small copyable key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub(crate) enum NumericField {
            $($(#[doc = $doc])* $v,)*
        }

        impl NumericField {
            /// Every built-in numeric field, in the table's order.
            pub(crate) const ALL: [NumericField; [$(stringify!($v)),*].len()] =
                [$(NumericField::$v),*];
            /// How many fields sit before the ratings and flags.
            #[cfg_attr(not(feature = "csv"), allow(dead_code))]
            pub(crate) const BEFORE_RATINGS: usize = [$(stringify!($hv)),*].len();
            const CODES: [&'static str; Self::ALL.len()] = [$(stringify!($f)),*];
            const KINDS: [Kind; Self::ALL.len()] = [$(kind_of!($kind)),*];
            const VI: [&'static str; Self::ALL.len()] = [$($vi),*];
            const EN: [&'static str; Self::ALL.len()] = [$($en),*];
        }
    };
}
numeric_fields!(numeric_field_enum);

/// Where a field lives in [`Numbers`] and in a registry row: the index among
/// the fields of its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// Index into the counts.
    Count(usize),
    /// Index into the amounts of money.
    Money(usize),
}

/// How many count fields and money fields the table has.
pub(crate) const N_COUNTS: usize = count_kinds(false);
/// See [`N_COUNTS`].
pub(crate) const N_MONEY: usize = count_kinds(true);

const fn count_kinds(money: bool) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < NumericField::ALL.len() {
        if matches!(NumericField::KINDS[i], Kind::Money) == money {
            n += 1;
        }
        i += 1;
    }
    n
}

/// Each field's slot, in table order.
const SLOTS: [Slot; NumericField::ALL.len()] = {
    let mut out = [Slot::Count(0); NumericField::ALL.len()];
    let (mut counts, mut money) = (0, 0);
    let mut i = 0;
    while i < out.len() {
        if matches!(NumericField::KINDS[i], Kind::Money) {
            out[i] = Slot::Money(money);
            money += 1;
        } else {
            out[i] = Slot::Count(counts);
            counts += 1;
        }
        i += 1;
    }
    out
};

impl NumericField {
    /// The field's code: its name in records, JSON and CSV.
    pub(crate) const fn code(self) -> &'static str {
        Self::CODES[self as usize]
    }

    /// The field whose code is `code`, exactly.
    pub(crate) fn from_code(code: &str) -> Option<NumericField> {
        Self::ALL.iter().copied().find(|f| f.code() == code)
    }

    /// What the field holds.
    pub(crate) const fn kind(self) -> Kind {
        Self::KINDS[self as usize]
    }

    /// Where the field is kept.
    pub(crate) const fn slot(self) -> Slot {
        SLOTS[self as usize]
    }

    /// The field's label.
    pub(crate) fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => Self::VI[self as usize],
            Lang::En => Self::EN[self as usize],
        }
    }

    /// The fields written before the ratings and flags.
    #[cfg_attr(not(feature = "csv"), allow(dead_code))]
    pub(crate) fn before_ratings() -> &'static [NumericField] {
        &Self::ALL[..Self::BEFORE_RATINGS]
    }

    /// The fields written after the flags.
    #[cfg_attr(not(feature = "csv"), allow(dead_code))]
    pub(crate) fn after_flags() -> &'static [NumericField] {
        &Self::ALL[Self::BEFORE_RATINGS..]
    }
}

/// The numeric fields of one record, by slot: what importers fill and what
/// a registry row stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Numbers {
    pub(crate) counts: [Option<u32>; N_COUNTS],
    pub(crate) money: [Option<Decimal>; N_MONEY],
}

impl Numbers {
    /// Every field unknown.
    pub(crate) const EMPTY: Numbers = Numbers {
        counts: [None; N_COUNTS],
        money: [None; N_MONEY],
    };

    /// The field's value, of the field's type.
    pub(crate) fn value<T: Value>(&self, field: NumericField) -> Option<T> {
        T::get(self, field)
    }

    /// Sets the field's value, of the field's type.
    pub(crate) fn set<T: Value>(&mut self, field: NumericField, value: Option<T>) {
        T::set(self, field, value);
    }

    /// The field's value as a decimal number.
    pub(crate) fn get(&self, field: NumericField) -> Option<Decimal> {
        match field.slot() {
            Slot::Count(i) => self.counts.get(i).copied().flatten().map(Decimal::from),
            Slot::Money(i) => self.money.get(i).copied().flatten(),
        }
    }
}

/// A type a numeric field holds, and how it goes in and out of [`Numbers`].
pub(crate) trait Value: Copy {
    /// The field's value in `numbers`.
    fn get(numbers: &Numbers, field: NumericField) -> Option<Self>;
    /// Sets the field's value in `numbers`.
    fn set(numbers: &mut Numbers, field: NumericField, value: Option<Self>);
}

impl Value for u32 {
    fn get(numbers: &Numbers, field: NumericField) -> Option<u32> {
        match field.slot() {
            Slot::Count(i) => numbers.counts.get(i).copied().flatten(),
            Slot::Money(_) => None,
        }
    }
    fn set(numbers: &mut Numbers, field: NumericField, value: Option<u32>) {
        if let Slot::Count(i) = field.slot() {
            if let Some(slot) = numbers.counts.get_mut(i) {
                *slot = value;
            }
        }
    }
}

impl Value for Decimal {
    fn get(numbers: &Numbers, field: NumericField) -> Option<Decimal> {
        match field.slot() {
            Slot::Money(i) => numbers.money.get(i).copied().flatten(),
            Slot::Count(_) => None,
        }
    }
    fn set(numbers: &mut Numbers, field: NumericField, value: Option<Decimal>) {
        if let Slot::Money(i) = field.slot() {
            if let Some(slot) = numbers.money.get_mut(i) {
                *slot = value;
            }
        }
    }
}

/// Serde for a record's numeric fields: counts as JSON numbers, money as
/// strings (`crate::serde_util::OptionDecimalStr`).
pub(crate) mod serde_num {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// A type a numeric field holds.
    pub(crate) trait Num: Sized {
        fn ser<S: Serializer>(v: &Option<Self>, s: S) -> Result<S::Ok, S::Error>;
        fn de<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error>;
    }

    impl Num for u32 {
        fn ser<S: Serializer>(v: &Option<Self>, s: S) -> Result<S::Ok, S::Error> {
            v.serialize(s)
        }
        fn de<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
            Option::<u32>::deserialize(d)
        }
    }

    impl Num for Decimal {
        fn ser<S: Serializer>(v: &Option<Self>, s: S) -> Result<S::Ok, S::Error> {
            crate::serde_util::OptionDecimalStr::serialize(v, s)
        }
        fn de<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
            crate::serde_util::OptionDecimalStr::deserialize(d)
        }
    }

    pub(crate) fn serialize<T: Num, S: Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        T::ser(v, s)
    }

    pub(crate) fn deserialize<'de, T: Num, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        T::de(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_dense_and_in_table_order() {
        let (mut counts, mut money) = (0, 0);
        for f in NumericField::ALL {
            match f.slot() {
                Slot::Count(i) => {
                    assert_eq!(i, counts);
                    counts += 1;
                }
                Slot::Money(i) => {
                    assert_eq!(i, money);
                    money += 1;
                    assert_eq!(f.kind(), Kind::Money);
                }
            }
        }
        assert_eq!((counts, money), (N_COUNTS, N_MONEY));
        assert_eq!(
            NumericField::KeyStaffRefreshed.code(),
            "key_staff_refreshed"
        );
        assert_eq!(
            NumericField::before_ratings().len() + NumericField::after_flags().len(),
            NumericField::ALL.len()
        );
    }

    #[test]
    fn the_code_is_the_name_everywhere() {
        use crate::plan::Field;
        assert_eq!(Field::BUILT_IN.len(), NumericField::ALL.len());
        for (field, f) in Field::BUILT_IN.iter().zip(NumericField::ALL) {
            assert_eq!(field.built_in(), Some(f));
            #[cfg(feature = "json")]
            assert_eq!(
                serde_json::to_string(field).unwrap(),
                format!(r#"{{"kind":"{}"}}"#, f.code())
            );
            #[cfg(feature = "csv")]
            assert_eq!(crate::io::COLUMNS[crate::io::col::numeric(f)], f.code());
        }
    }
}
