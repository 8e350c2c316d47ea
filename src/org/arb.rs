//! Proptest strategies for registry records (test-only).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::{
    Cooperative, ExtValue, Flag, Flags, Location, OrgId, OrgKind, OrgStatus, Rating, Sector,
};

/// Any value of a code enum, from its `ALL` array.
fn one_of<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

/// Any organisation kind.
pub(crate) fn arb_kind() -> impl Strategy<Value = OrgKind> {
    one_of(&OrgKind::ALL)
}

/// Any sector.
pub(crate) fn arb_sector() -> impl Strategy<Value = Sector> {
    one_of(&Sector::ALL)
}

/// Any status.
pub(crate) fn arb_status() -> impl Strategy<Value = OrgStatus> {
    one_of(&OrgStatus::ALL)
}

/// Any rating.
pub(crate) fn arb_rating() -> impl Strategy<Value = Rating> {
    one_of(&Rating::ALL)
}

/// Any set of flags.
pub(crate) fn arb_flags() -> impl Strategy<Value = Flags> {
    vec(one_of(&Flag::ALL), 0..=Flag::ALL.len()).prop_map(|v| v.into_iter().collect())
}

/// Any valid organisation id.
pub(crate) fn arb_org_id() -> impl Strategy<Value = OrgId> {
    "[^\\p{Cc}\\s][^\\p{Cc}]{0,12}[^\\p{Cc}\\s]|[a-z0-9]"
        .prop_filter_map("valid id", |s| OrgId::new(s).ok())
}

/// A date from 1990 to about 2060.
pub(crate) fn arb_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..26_000).prop_map(|days| {
        NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or_default() + chrono::Duration::days(days)
    })
}

/// Any decimal, with up to 6 digits after the point.
pub(crate) fn arb_decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=6).prop_map(|(m, s)| Decimal::new(m, s))
}

/// Any location.
pub(crate) fn arb_location() -> impl Strategy<Value = Location> {
    (".{0,12}", option::of(".{0,12}"), ".{0,12}").prop_map(|(province, district, commune)| {
        Location {
            province,
            district,
            commune,
        }
    })
}

/// Any extension value.
pub(crate) fn arb_ext_value() -> impl Strategy<Value = ExtValue> {
    prop_oneof![
        arb_decimal().prop_map(ExtValue::Number),
        any::<bool>().prop_map(ExtValue::Bool),
    ]
}

/// Any record, valid or not (every field drawn on its own).
pub(crate) fn arb_cooperative() -> impl Strategy<Value = Cooperative> {
    let identity = (
        arb_org_id(),
        ".{0,20}",
        arb_kind(),
        arb_sector(),
        arb_location(),
        arb_date(),
        option::of(arb_date()),
        arb_status(),
    );
    let counts = (
        option::of(any::<u32>()),
        option::of(any::<u32>()),
        option::of(0u32..20),
        btree_map(1990i32..2060, arb_rating(), 0..4),
        arb_flags(),
    );
    let figures = (
        option::of(arb_decimal()),
        option::of(arb_decimal()),
        option::of(0u32..30),
        option::of(0u32..30),
        option::of(0u32..30),
        btree_map(".{0,8}", arb_ext_value(), 0..3),
    );
    (identity, counts, figures).prop_map(
        |(
            (id, name, kind, sector, location, established, dissolved, status),
            (members, associate_members, member_coops, ratings, flags),
            (revenue_vnd, avg_income_vnd, key_staff, key_staff_trained, key_staff_refreshed, ext),
        )| {
            let extensions: BTreeMap<String, ExtValue> = ext;
            // Fields added to the table later stay unknown here.
            let mut org = Cooperative::new(id, name, kind, sector, location, established);
            org.dissolved = dissolved;
            org.status = status;
            org.members = members;
            org.associate_members = associate_members;
            org.member_coops = member_coops;
            org.ratings = ratings;
            org.flags = flags;
            org.revenue_vnd = revenue_vnd;
            org.avg_income_vnd = avg_income_vnd;
            org.key_staff = key_staff;
            org.key_staff_trained = key_staff_trained;
            org.key_staff_refreshed = key_staff_refreshed;
            org.extensions = extensions;
            org
        },
    )
}
