//! A plan's scope (phạm vi): the organisations of its province, decided once
//! per snapshot over the snapshot's interned province names.
//!
//! DOMAIN.md, "Scope": a plan counts only the organisations of its province.
//! A national registry, or a merged province's registry after 2025, holds
//! several provinces: the plan counts its own (a plan issued before the
//! merger, its former province as the registry names it: the registry's
//! `province` field is that name, there is no separate field). A registry
//! that holds only other provinces than the plan's is evaluated as given,
//! with a warning in the report.

use crate::registry::Snapshot;
use crate::text::{fold, lowercase_nfc};

/// What a scan does with the province of each row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Every row counts: the plan names no province, or every province of
    /// the snapshot is the plan's.
    All,
    /// Rows count when `mask[row's location]` is true (the location's
    /// province is the plan's); the others are outside the scope and only
    /// counted as such.
    Masked(Vec<bool>),
    /// The plan names a province that no organisation of a non-empty
    /// snapshot is in: every row counts, and the report warns.
    Unmatched,
}

impl Scope {
    /// The scope of a plan naming `province` in `snap`.
    pub(crate) fn compile(province: Option<&str>, snap: &Snapshot) -> Scope {
        let Some(province) = province else {
            return Scope::All;
        };
        let wanted = province_key(province);
        let mut mask = vec![false; snap.places.len()];
        let (mut matched, mut other) = (false, false);
        for id in snap.province_ids() {
            let is = province_key(snap.places.get(id)) == wanted;
            if let Some(m) = mask.get_mut(id as usize) {
                *m = is;
            }
            matched |= is;
            other |= !is;
        }
        match (matched, other) {
            (_, false) => Scope::All,
            (true, true) => Scope::Masked(
                snap.locations
                    .places
                    .iter()
                    .map(|p| mask.get(p.province as usize).copied().unwrap_or(false))
                    .collect(),
            ),
            (false, true) => Scope::Unmatched,
        }
    }

    /// Whether a row at location `id` counts.
    #[inline]
    pub(crate) fn admits(&self, id: u32) -> bool {
        match self {
            Scope::Masked(mask) => mask.get(id as usize).copied().unwrap_or(false),
            Scope::All | Scope::Unmatched => true,
        }
    }
}

/// A province's name for comparison: without a leading "tỉnh", "thành
/// phố" or "TP" (read on the lowercase NFC text, so "Tĩnh Gia" keeps its
/// first word), then NFC without case or diacritics ([`fold`], which reads
/// `đ` as `d` and collapses spaces): "Tỉnh Nghệ An", "nghệ an" and
/// "NGHE AN" are one province; "TP. Hồ Chí Minh" and "Thành phố Hồ Chí
/// Minh" too.
pub(crate) fn province_key(name: &str) -> String {
    let lower = lowercase_nfc(name);
    let words: Vec<&str> = lower.split_whitespace().collect();
    let spaced = words.join(" ");
    let mut rest = spaced.as_str();
    for prefix in ["tỉnh ", "tinh ", "thành phố ", "thanh pho ", "tp.", "tp "] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r;
            break;
        }
    }
    fold(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::{Cooperative, Location, OrgId, OrgKind, Sector};

    #[test]
    fn province_names_compare_without_prefix_case_or_marks() {
        // (name, key): how registries and plans write provinces.
        let cases = [
            ("Nghệ An", "nghe an"),
            ("Tỉnh Nghệ An", "nghe an"),
            ("tỉnh  nghệ an ", "nghe an"),
            ("NGHỆ AN", "nghe an"),
            ("Nghe An", "nghe an"),
            ("Thành phố Hồ Chí Minh", "ho chi minh"),
            ("TP. Hồ Chí Minh", "ho chi minh"),
            ("TP.Hồ Chí Minh", "ho chi minh"),
            ("TP Hồ Chí Minh", "ho chi minh"),
            ("Hoà Bình", "hoa binh"),
            ("Hòa Bình", "hoa binh"),
            ("Đắk Lắk", "dak lak"),
            ("tinh Nghe An", "nghe an"),
            // A name that merely starts with the letters is kept whole.
            ("Tĩnh Gia", "tinh gia"),
        ];
        for (name, key) in cases {
            assert_eq!(province_key(name), key, "{name}");
            assert_eq!(province_key(&crate::text::nfd(name)), key, "NFD {name}");
        }
    }

    fn snap(orgs: &[(&str, &str, &str)]) -> Snapshot {
        let date = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        let orgs = orgs.iter().enumerate().map(|(i, (p, d, c))| {
            Cooperative::new(
                OrgId::new(format!("o{i}")).unwrap(),
                "HTX",
                OrgKind::Cooperative,
                Sector::Trade,
                Location::new(*p, *c).with_district(*d),
                date,
            )
        });
        Snapshot::from_cooperatives(date, orgs).unwrap()
    }

    #[test]
    fn a_district_named_like_the_province_is_not_a_province() {
        // "Thành phố Hà Tĩnh" is a district of Hà Tĩnh: a plan of Hà Tĩnh
        // over a registry of Nghệ An alone is not scoped by it.
        let s = snap(&[("Nghệ An", "Thành phố Hà Tĩnh", "Hà Tĩnh")]);
        assert_eq!(Scope::compile(Some("Hà Tĩnh"), &s), Scope::Unmatched);
        assert_eq!(Scope::compile(Some("Tỉnh Nghệ An"), &s), Scope::All);
        assert_eq!(Scope::compile(None, &s), Scope::All);
    }

    #[test]
    fn two_provinces_are_masked() {
        let s = snap(&[("Nghệ An", "Vinh", "A"), ("Hà Tĩnh", "Kỳ Anh", "B")]);
        let scope = Scope::compile(Some("tỉnh Nghệ An"), &s);
        let na = s.places.lookup("Nghệ An").unwrap();
        let ht = s.places.lookup("Hà Tĩnh").unwrap();
        assert!(scope.admits(na) && !scope.admits(ht));
        // An empty snapshot has nothing out of scope.
        assert_eq!(Scope::compile(Some("Nghệ An"), &snap(&[])), Scope::All);
    }
}
