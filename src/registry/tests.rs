//! Tests of snapshots and registries.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn row_is_small() {
    assert!(
        std::mem::size_of::<Row>() <= 48,
        "{}",
        std::mem::size_of::<Row>()
    );
}

#[test]
fn hot_is_sixteen_bytes() {
    assert_eq!(std::mem::size_of::<Hot>(), 16);
}

#[test]
fn duplicate_and_lookup() {
    let mut s = Snapshot::new(d(2025, 1, 1));
    for i in 0..100 {
        let org = Cooperative::new(
            OrgId::new(format!("o{i}")).unwrap(),
            format!("Tổ chức {i}"),
            OrgKind::Cooperative,
            Sector::Other,
            Location::new("P", "C"),
            d(2020, 1, 1),
        );
        s.push(org).unwrap();
    }
    assert_eq!(s.position("o57"), Some(57));
    assert_eq!(s.find("o3").unwrap().name, "Tổ chức 3");
    assert!(s.position("zz").is_none());
    let dup = s.get(5).unwrap();
    assert!(matches!(
        s.push(dup),
        Err(RegistryError::DuplicateId { first: 5, .. })
    ));
    assert_eq!(s.len(), 100);
}

proptest::proptest! {
    #[test]
    fn snapshot_gives_back_what_was_pushed(
        orgs in proptest::collection::vec(crate::org::arb::arb_cooperative(), 0..20)
    ) {
        let mut seen = std::collections::HashSet::new();
        let orgs: Vec<Cooperative> = orgs
            .into_iter()
            .filter(|o| seen.insert(o.id.clone()))
            .filter(|o| o.ratings.keys().all(|y| (1900..=2200).contains(y)))
            .filter(|o| o.numbers().counts.iter().all(|v| *v != Some(u32::MAX)))
            .collect();
        let snap = Snapshot::from_cooperatives(d(2024, 12, 31), orgs.clone()).unwrap();
        let back: Vec<Cooperative> = snap.iter().collect();
        proptest::prop_assert_eq!(&back, &orgs);
        // The scan's columns hold what the rows hold, one entry per row.
        proptest::prop_assert_eq!(snap.hot.len(), snap.rows.len());
        proptest::prop_assert_eq!(snap.amounts.len(), snap.rows.len());
        for (i, ((row, hot), org)) in snap.rows.iter().zip(&snap.hot).zip(&orgs).enumerate() {
            proptest::prop_assert_eq!(hot.established, day_number(org.established));
            proptest::prop_assert_eq!(hot.dissolved, org.dissolved.map_or(NO_DATE, day_number));
            let place = snap.locations.get(hot.location);
            proptest::prop_assert_eq!(snap.places.get(place.province), org.location.province.as_str());
            proptest::prop_assert_eq!(snap.places.get(place.commune), org.location.commune.as_str());
            proptest::prop_assert_eq!(
                (place.district != crate::registry::NONE_U32).then(|| snap.places.get(place.district)),
                org.location.district.as_deref()
            );
            proptest::prop_assert_eq!(hot.is_active_at(day_number(d(2024, 12, 31))), org.is_active_at(d(2024, 12, 31)));
            let key = crate::engine::pred::CatKey::of(row);
            proptest::prop_assert_eq!(usize::from(hot.key), key.pack());
            proptest::prop_assert_eq!(crate::engine::pred::CatKey::unpack(hot.key), key);
            for column in &snap.counts {
                proptest::prop_assert!(column.len() == snap.rows.len());
                proptest::prop_assert!(column.get(i).is_some());
            }
        }
    }
}

#[test]
fn reserved_count_is_refused() {
    let mut s = Snapshot::new(d(2025, 1, 1));
    let org = Cooperative::new(
        OrgId::new("x").unwrap(),
        "X",
        OrgKind::Cooperative,
        Sector::Other,
        Location::new("P", "C"),
        d(2020, 1, 1),
    )
    .with_members(u32::MAX);
    assert_eq!(
        s.push(org).unwrap_err().to_string(),
        "members of `x` is 4294967295, more than the 4294967294 allowed"
    );
    assert!(s.is_empty());
}
