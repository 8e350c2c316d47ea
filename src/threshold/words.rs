//! The word tables of the threshold phrases.

use super::parse::Kw;

/// English and Vietnamese names of common per-unit denominators.
pub(super) const KNOWN_PER: &[(&str, &str, &str)] = &[
    ("xã", "mỗi xã", "per commune"),
    ("huyện", "mỗi huyện", "per district"),
    ("tỉnh", "mỗi tỉnh", "per province"),
    ("thôn", "mỗi thôn", "per village"),
    ("hộ", "mỗi hộ", "per household"),
    ("người", "mỗi người", "per person"),
];

pub(super) type Words = &'static [&'static str];

/// Comparator words right before the number, longer ones first.
pub(super) const BEFORE: &[(Words, Kw)] = &[
    (&["không", "ít", "hơn"], Kw::AtLeast),
    (&["không", "nhỏ", "hơn"], Kw::AtLeast),
    (&["không", "thấp", "hơn"], Kw::AtLeast),
    (&["không", "vượt", "quá"], Kw::AtMost),
    (&["không", "nhiều", "hơn"], Kw::AtMost),
    (&["không", "lớn", "hơn"], Kw::AtMost),
    (&["không", "cao", "hơn"], Kw::AtMost),
    (&["ít", "nhất"], Kw::AtLeast),
    (&["tối", "thiểu"], Kw::AtLeast),
    (&["không", "dưới"], Kw::AtLeast),
    (&["tối", "đa"], Kw::AtMost),
    (&["không", "quá"], Kw::AtMost),
    (&["không", "hơn"], Kw::AtMost),
    (&["không", "trên"], Kw::AtMost),
    (&["nhiều", "hơn"], Kw::GreaterThan),
    (&["lớn", "hơn"], Kw::GreaterThan),
    (&["cao", "hơn"], Kw::GreaterThan),
    (&["ít", "hơn"], Kw::LessThan),
    (&["nhỏ", "hơn"], Kw::LessThan),
    (&["thấp", "hơn"], Kw::LessThan),
    (&["xấp", "xỉ"], Kw::About),
    (&["trên"], Kw::GreaterThan),
    (&["hơn"], Kw::GreaterThan),
    (&["vượt"], Kw::GreaterThan),
    (&["dưới"], Kw::LessThan),
    (&["khoảng"], Kw::About),
];

/// Verbs right before the number: a level to go down to (at most), or a
/// change that is no level at all (`None`: an error).
pub(super) const VERBS: &[(Words, Option<Kw>)] = &[
    (&["giảm", "xuống", "còn"], Some(Kw::AtMost)),
    (&["giảm", "còn"], Some(Kw::AtMost)),
    (&["giảm", "xuống"], Some(Kw::AtMost)),
    (&["xuống", "còn"], Some(Kw::AtMost)),
    (&["xuống"], Some(Kw::AtMost)),
    (&["tăng", "thêm"], None),
    (&["giảm"], None),
    (&["tăng"], None),
];

/// Comparator words right after the unit.
pub(super) const AFTER: &[(Words, Kw)] = &[
    (&["trở", "lên"], Kw::AtLeast),
    (&["trở", "xuống"], Kw::AtMost),
];

/// Words that multiply the number before them.
pub(super) const MULTIPLIERS: &[(&str, u64)] = &[
    ("nghìn", 1_000),
    ("ngàn", 1_000),
    ("triệu", 1_000_000),
    ("tỷ", 1_000_000_000),
    ("tỉ", 1_000_000_000),
];

pub(super) const PERCENT_WORDS: &[Words] = &[&["phần", "trăm"]];

pub(super) const MONEY_WORDS: &[Words] = &[&["đồng"], &["vnđ"], &["vnd"], &["đ"]];

pub(super) const ORGANISATION_WORDS: &[Words] = &[
    &["liên", "hiệp", "hợp", "tác", "xã"],
    &["quỹ", "tín", "dụng"],
    &["hợp", "tác", "xã"],
    &["tổ", "hợp", "tác"],
    &["tổ", "chức"],
    &["liên", "hiệp"],
    &["htx"],
    &["tht"],
    &["lhhtx"],
    &["qtdnd"],
];

pub(super) const MEMBER_WORDS: &[Words] = &[
    &["thành", "viên"],
    &["tổ", "viên"],
    &["xã", "viên"],
    &["lao", "động"],
    &["người"],
];
