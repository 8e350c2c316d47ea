//! The headers and values Vietnamese offices write in their registries
//! (DOMAIN.md, "Registries as offices keep them"), matched ignoring case,
//! spacing and NFC/NFD, tones kept.

use crate::org::{OrgKind, OrgStatus, Rating, Sector};
use crate::text;

/// A header or value as it is compared: NFC, lowercase, runs of whitespace
/// as one space, trimmed; tones kept ("Khá" and "Kha" differ).
pub(crate) fn key(s: &str) -> String {
    let lower = text::lowercase_nfc(s);
    let mut out = String::with_capacity(lower.len());
    for word in lower.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The Vietnamese headers of each standard column (by its name in
/// [`COLUMNS`](super::COLUMNS)), in [`key`] form.
const HEADERS: &[(&str, &[&str])] = &[
    ("id", &["mã số", "mã htx", "mã số htx", "mã tổ chức", "mã"]),
    ("name", &["tên", "tên tổ chức", "tên htx", "tên hợp tác xã"]),
    ("kind", &["loại hình", "loại hình tổ chức"]),
    ("sector", &["lĩnh vực", "lĩnh vực hoạt động", "ngành nghề"]),
    ("province", &["tỉnh", "tỉnh/thành phố"]),
    (
        "district",
        &["huyện", "quận/huyện", "huyện/thị xã/thành phố"],
    ),
    ("commune", &["xã", "xã/phường/thị trấn", "xã/phường"]),
    (
        "established",
        &["ngày thành lập", "ngày đăng ký", "ngày đăng ký thành lập"],
    ),
    ("dissolved", &["ngày giải thể"]),
    (
        "status",
        &["tình trạng", "tình trạng hoạt động", "trạng thái"],
    ),
    ("members", &["số thành viên", "thành viên"]),
    (
        "associate_members",
        &["số thành viên liên kết", "thành viên liên kết"],
    ),
    (
        "member_coops",
        &["số htx thành viên", "số hợp tác xã thành viên"],
    ),
    ("rating", &["xếp loại", "kết quả xếp loại", "phân loại"]),
    (
        "value_chain",
        &["liên kết chuỗi giá trị", "tham gia chuỗi giá trị"],
    ),
    ("high_tech", &["ứng dụng công nghệ cao"]),
    ("digital", &["chuyển đổi số"]),
    ("female_director", &["giám đốc là nữ", "nữ giám đốc"]),
    ("paper_only", &["hoạt động hình thức", "tồn tại hình thức"]),
    ("revenue_vnd", &["doanh thu (đồng)", "doanh thu"]),
    (
        "avg_income_vnd",
        &["thu nhập bình quân (đồng/người/năm)", "thu nhập bình quân"],
    ),
    ("key_staff", &["số cán bộ chủ chốt", "cán bộ chủ chốt"]),
    (
        "key_staff_trained",
        &[
            "cán bộ chủ chốt đã qua đào tạo",
            "số cán bộ chủ chốt đã qua đào tạo",
        ],
    ),
    (
        "key_staff_refreshed",
        &[
            "cán bộ chủ chốt được bồi dưỡng",
            "số cán bộ chủ chốt được bồi dưỡng",
        ],
    ),
];

/// The usual Vietnamese header of a standard column (its first in
/// [`HEADERS`]), for messages.
pub(crate) fn header_vi(column: &str) -> Option<&'static str> {
    HEADERS
        .iter()
        .find(|(c, _)| *c == column)
        .and_then(|(_, headers)| headers.first().copied())
}

/// The standard column a Vietnamese header (in [`key`] form) names.
pub(crate) fn column_for_header(key: &str) -> Option<&'static str> {
    HEADERS
        .iter()
        .find(|(_, names)| names.contains(&key))
        .map(|(column, _)| *column)
}

/// The values of the kind column.
pub(crate) const KINDS: &[(&str, OrgKind)] = &[
    ("tổ hợp tác", OrgKind::CooperativeGroup),
    ("hợp tác xã", OrgKind::Cooperative),
    ("liên hiệp hợp tác xã", OrgKind::CooperativeUnion),
];

/// The values of the sector column.
pub(crate) const SECTORS: &[(&str, Sector)] = &[
    ("nông nghiệp", Sector::Agriculture),
    ("nông, lâm, ngư nghiệp", Sector::Agriculture),
    ("nông nghiệp - lâm nghiệp - thủy sản", Sector::Agriculture),
    ("công nghiệp - tiểu thủ công nghiệp", Sector::Industry),
    ("công nghiệp", Sector::Industry),
    ("tiểu thủ công nghiệp", Sector::Industry),
    ("thương mại - dịch vụ", Sector::Trade),
    ("thương mại", Sector::Trade),
    ("dịch vụ", Sector::Trade),
    ("xây dựng", Sector::Construction),
    ("vận tải", Sector::Transport),
    ("giao thông vận tải", Sector::Transport),
    ("quỹ tín dụng nhân dân", Sector::Credit),
    ("tín dụng", Sector::Credit),
    ("môi trường", Sector::Environment),
    ("khác", Sector::Other),
];

/// The values of the status column.
pub(crate) const STATUSES: &[(&str, OrgStatus)] = &[
    ("đang hoạt động", OrgStatus::Active),
    ("hoạt động", OrgStatus::Active),
    ("tạm ngừng hoạt động", OrgStatus::Suspended),
    ("tạm ngừng", OrgStatus::Suspended),
    ("chờ giải thể", OrgStatus::Dissolving),
    ("đang giải thể", OrgStatus::Dissolving),
    ("đã giải thể", OrgStatus::Dissolved),
];

/// The values of the rating column.
pub(crate) const RATINGS: &[(&str, Rating)] = &[
    ("tốt", Rating::Good),
    ("khá", Rating::Fair),
    ("trung bình", Rating::Average),
    ("yếu", Rating::Weak),
    ("kém", Rating::Weak),
    ("yếu, kém", Rating::Weak),
];

/// The values of a yes-or-no column besides the codes: `có`, `x` for yes,
/// `không` for no.
pub(crate) const BOOLS: &[(&str, bool)] = &[("có", true), ("x", true), ("không", false)];

/// The value of `table` that `raw` names (its [`key`]), also by the kind's
/// abbreviation (`HTX`) when `table` is [`KINDS`].
pub(crate) fn lookup<T: Copy>(table: &[(&str, T)], raw: &[u8]) -> Option<T> {
    let s = std::str::from_utf8(raw).ok()?;
    let k = key(s);
    table.iter().find(|(name, _)| *name == k).map(|(_, v)| *v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_spacing_and_decomposition() {
        assert_eq!(key("  Xếp   LOẠI "), "xếp loại");
        assert_eq!(key(&text::nfd("Tình trạng")), "tình trạng");
        assert_eq!(column_for_header(&key("Mã số HTX")), Some("id"));
        assert_eq!(column_for_header(&key("Kha")), None);
    }

    #[test]
    fn every_header_is_in_key_form_and_names_a_standard_column() {
        for (column, names) in HEADERS {
            assert!(super::super::COLUMNS.contains(column), "{column}");
            for name in *names {
                assert_eq!(key(name), *name);
            }
        }
    }

    #[test]
    fn values_read_by_their_vietnamese_words() {
        assert_eq!(lookup(RATINGS, "Khá".as_bytes()), Some(Rating::Fair));
        assert_eq!(
            lookup(RATINGS, text::nfd("KÉM").as_bytes()),
            Some(Rating::Weak)
        );
        assert_eq!(lookup(RATINGS, b"Kha"), None);
        assert_eq!(
            lookup(STATUSES, "Đang  hoạt động".as_bytes()),
            Some(OrgStatus::Active)
        );
        assert_eq!(
            lookup(KINDS, "Hợp tác xã".as_bytes()),
            Some(OrgKind::Cooperative)
        );
        assert_eq!(
            lookup(SECTORS, "Quỹ tín dụng nhân dân".as_bytes()),
            Some(Sector::Credit)
        );
        assert_eq!(lookup(BOOLS, b"X"), Some(true));
        assert_eq!(lookup(BOOLS, "Không".as_bytes()), Some(false));
    }
}
