//! Breakdowns (phân tổ): a registry target's numbers by group.

use crate::vocab::code_enum;

code_enum! {
/// What a breakdown groups a registry target's population by (phân tổ
/// theo): each group is exact and mergeable, counts and sums of the groups
/// add up to the whole, shares are recomputed from each group's own
/// numerator and denominator. A commune is grouped with its district
/// (commune names repeat across districts); organisations without a value
/// (no district) form a group of their own.
///
/// ```
/// use hoptac::{Labelled, Lang, plan::GroupBy};
/// assert_eq!("district".parse::<GroupBy>()?, GroupBy::District);
/// assert_eq!(GroupBy::Province.label(Lang::Vi), "tỉnh (cũ)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub enum GroupBy[5] as "breakdown" in "plan::" {
        /// The district (huyện) as the registry names it.
        District = "district", vi "huyện", en "district";
        /// The commune (xã) within its district.
        Commune = "commune", vi "xã", en "commune";
        /// The province as the registry names it: for a merged province's
        /// registry, the former province (tỉnh cũ).
        Province = "province", vi "tỉnh (cũ)", en "province (former)";
        /// The sector (lĩnh vực).
        Sector = "sector", vi "lĩnh vực", en "sector";
        /// The kind (loại hình): THT, HTX, LHHTX.
        Kind = "kind", vi "loại hình", en "kind";
    }
}
