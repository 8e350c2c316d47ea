//! The word tables of the threshold phrases.

use super::parse::Kw;
use super::reading::Subject;

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
    // Nearly X: about X, from below ("gần 6 triệu thành viên").
    (&["gần"], Kw::About),
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
    (&["tăng", "lên"], Some(Kw::AtLeast)),
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

/// Words after which a number labels a document or a part of one: `Kế
/// hoạch số 12`, `Điều 3`, `khóa 13`.
pub(super) const LABEL_WORDS: &[Words] = &[
    &["kế", "hoạch", "số"],
    &["quyết", "định", "số"],
    &["nghị", "quyết", "số"],
    &["nghị", "định", "số"],
    &["thông", "tư", "số"],
    &["chỉ", "thị", "số"],
    &["công", "văn", "số"],
    &["văn", "bản", "số"],
    &["chương", "trình", "số"],
    &["kết", "luận", "số"],
    &["điều"],
    &["khoản"],
    &["điểm"],
    &["mục"],
    &["chương"],
    &["phụ", "lục"],
    &["khóa"],
    &["khoá"],
    &["lần", "thứ"],
    // An ordinal: `cao thứ 3 cả nước`, `đứng thứ 2`.
    &["thứ"],
    &["hội", "nghị", "trung", "ương"],
];

/// Words after which `năm Y` is a document's year, not a deadline (within
/// six words): `Luật Hợp tác xã năm 2012`.
pub(super) const LAW_WORDS: &[Words] = &[
    &["luật"],
    &["hiến", "pháp"],
    &["nghị", "quyết"],
    &["nghị", "định"],
    &["quyết", "định"],
    &["thông", "tư"],
    &["chỉ", "thị"],
    &["ban", "hành"],
    &["ngày"],
];

/// Words that may stand between `tăng`/`giảm` and the number of a growth.
pub(super) const GROWTH_FILLERS: &[&str] = &[
    "bình",
    "quân",
    "trung",
    "tối",
    "thiểu",
    "ít",
    "nhất",
    "trên",
    "hơn",
    "khoảng",
    "đạt",
    "từ",
    "thêm",
    "mỗi",
    "năm",
    "hằng",
    "hàng",
    "là",
    "ở",
    "mức",
    "trưởng",
    "tốc",
    "độ",
    "được",
    "phấn",
    "đấu",
    "xấp",
    "xỉ",
    "tối",
    "đa",
    "không",
    "dưới",
    "quá",
];

/// Words that may stand between `có` and the number of a size qualifier:
/// `hợp tác xã có quy mô trên 200 thành viên`.
pub(super) const SIZE_FILLERS: &[&str] = &[
    "quy", "mô", "doanh", "thu", "lãi", "vốn", "góp", "vốn", "điều", "lệ", "tổng", "số", "bình",
    "quân", "lượng", "thành", "viên", "từ", "tài", "sản", "lợi", "nhuận", "thời", "gian", "hoạt",
    "động", "trên",
];

/// Places after `mỗi` (each): `mỗi xã có ít nhất 01 HTX`.
pub(super) const PLACE_WORDS: &[Words] = &[
    &["đơn", "vị", "hành", "chính", "cấp", "xã"],
    &["đơn", "vị", "hành", "chính", "cấp", "huyện"],
    &["thị", "trấn"],
    &["thị", "xã"],
    &["thành", "phố"],
    &["địa", "phương"],
    &["xã"],
    &["phường"],
    &["huyện"],
    &["quận"],
    &["tỉnh"],
    &["thôn"],
    &["bản"],
    &["ấp"],
    &["làng"],
];

/// The subject words of target sentences, longer ones first.
pub(super) const SUBJECT_WORDS: &[(Words, Option<Subject>)] = &[
    // Words that hold a subject word but mean something else.
    (&["tốt", "nghiệp"], None),
    (&["kém", "hiệu", "quả"], Some(Subject::Weak)),
    (&["liên", "hiệp", "hợp", "tác", "xã"], Some(Subject::Union)),
    (&["liên", "hiệp", "htx"], Some(Subject::Union)),
    (&["lhhtx"], Some(Subject::Union)),
    (
        &["tổ", "chức", "kinh", "tế", "tập", "thể"],
        Some(Subject::CollectiveOrganisation),
    ),
    (
        &["tổ", "chức", "kttt"],
        Some(Subject::CollectiveOrganisation),
    ),
    (
        &["kinh", "tế", "tập", "thể"],
        Some(Subject::CollectiveOrganisation),
    ),
    (&["kttt"], Some(Subject::CollectiveOrganisation)),
    (
        &["quỹ", "tín", "dụng", "nhân", "dân"],
        Some(Subject::CreditFund),
    ),
    (&["quỹ", "tín", "dụng"], Some(Subject::CreditFund)),
    (&["qtdnd"], Some(Subject::CreditFund)),
    (&["tổ", "hợp", "tác"], Some(Subject::CooperativeGroup)),
    (&["tht"], Some(Subject::CooperativeGroup)),
    (&["hợp", "tác", "xã"], Some(Subject::Cooperative)),
    (&["htx"], Some(Subject::Cooperative)),
    (&["người", "lao", "động"], Some(Subject::Worker)),
    (&["lao", "động"], Some(Subject::Worker)),
    (&["thành", "viên"], Some(Subject::Member)),
    (&["xã", "viên"], Some(Subject::Member)),
    (&["tổ", "viên"], Some(Subject::Member)),
    (&["dân", "số"], Some(Subject::Population)),
    (
        &["hoạt", "động", "có", "hiệu", "quả"],
        Some(Subject::Effective),
    ),
    (&["hoạt", "động", "hiệu", "quả"], Some(Subject::Effective)),
    (&["chuỗi", "giá", "trị"], Some(Subject::ValueChain)),
    (&["liên", "kết", "chuỗi"], Some(Subject::ValueChain)),
    (&["chuỗi", "liên", "kết"], Some(Subject::ValueChain)),
    (&["công", "nghệ", "cao"], Some(Subject::HighTech)),
    (&["chuyển", "đổi", "số"], Some(Subject::Digital)),
    (&["nữ", "giám", "đốc"], Some(Subject::FemaleDirector)),
    (&["giám", "đốc", "là", "nữ"], Some(Subject::FemaleDirector)),
    (&["giám", "đốc", "nữ"], Some(Subject::FemaleDirector)),
    (&["mang", "tính", "hình", "thức"], Some(Subject::PaperOnly)),
    (&["tồn", "tại", "hình", "thức"], Some(Subject::PaperOnly)),
    (&["hoạt", "động", "hình", "thức"], Some(Subject::PaperOnly)),
    (&["thành", "lập", "mới"], Some(Subject::New)),
    (&["phát", "triển", "mới"], Some(Subject::New)),
    (&["xây", "dựng", "mới"], Some(Subject::New)),
    (&["doanh", "thu"], Some(Subject::Revenue)),
    (&["thu", "nhập"], Some(Subject::Income)),
    (&["cán", "bộ", "chủ", "chốt"], Some(Subject::KeyStaff)),
    (&["cán", "bộ", "quản", "lý"], Some(Subject::KeyStaff)),
    (&["vốn", "điều", "lệ"], Some(Subject::CharterCapital)),
    (&["trung", "bình"], Some(Subject::Average)),
    (&["tốt"], Some(Subject::Good)),
    (&["giỏi"], Some(Subject::Good)),
    (&["khá"], Some(Subject::Fair)),
    (&["yếu"], Some(Subject::Weak)),
    (&["kém"], Some(Subject::Weak)),
];
