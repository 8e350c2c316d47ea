//! The generator's data tables: place names, activities and the weights
//! of sectors and ratings.

use crate::org::Sector;

/// The twenty-one districts of Nghệ An before 1/7/2025.
pub(super) const NGHE_AN_DISTRICTS: [&str; 21] = [
    "Thành phố Vinh",
    "Hưng Nguyên",
    "Nam Đàn",
    "Diễn Châu",
    "Quỳnh Lưu",
    "Yên Thành",
    "Nghi Lộc",
    "Đô Lương",
    "Thanh Chương",
    "Anh Sơn",
    "Con Cuông",
    "Tương Dương",
    "Kỳ Sơn",
    "Quế Phong",
    "Quỳ Châu",
    "Quỳ Hợp",
    "Nghĩa Đàn",
    "Tân Kỳ",
    "Thị xã Cửa Lò",
    "Thị xã Hoàng Mai",
    "Thị xã Thái Hòa",
];

/// Commune names common in Nghệ An.
pub(super) const COMMUNES: [&str; 50] = [
    "Hưng Lợi",
    "Hưng Thịnh",
    "Nghi Phong",
    "Nghi Thái",
    "Diễn Kim",
    "Diễn Hải",
    "Quỳnh Lập",
    "Quỳnh Bảng",
    "Nam Anh",
    "Nam Giang",
    "Thanh Hà",
    "Thanh Đồng",
    "Đồng Văn",
    "Tân Phú",
    "Tân Hợp",
    "Xuân Lâm",
    "Xuân Hòa",
    "Phúc Thọ",
    "Yên Sơn",
    "Công Thành",
    "Đô Thành",
    "Bồi Sơn",
    "Tường Sơn",
    "Hội Sơn",
    "Lạng Khê",
    "Môn Sơn",
    "Yên Hòa",
    "Tam Quang",
    "Mỹ Lý",
    "Nậm Cắn",
    "Tri Lễ",
    "Châu Hạnh",
    "Châu Quang",
    "Nghĩa Lâm",
    "Nghĩa Thuận",
    "Giai Xuân",
    "Nghĩa Hợp",
    "Quỳnh Vinh",
    "Nghi Hương",
    "Nghi Hải",
    "Hưng Dũng",
    "Hưng Đông",
    "Vân Diên",
    "Kim Liên",
    "Diễn Thịnh",
    "Sơn Hải",
    "Quỳnh Thạch",
    "Thanh Lương",
    "Hạnh Lâm",
    "Châu Nga",
];

/// Sector weights, per thousand, in the order of `SECTORS`.
pub(super) const SECTOR_WEIGHTS: [u64; 8] = [650, 120, 80, 50, 35, 30, 20, 15];
pub(super) const SECTORS: [Sector; 8] = [
    Sector::Agriculture,
    Sector::Trade,
    Sector::Industry,
    Sector::Transport,
    Sector::Construction,
    Sector::Environment,
    Sector::Credit,
    Sector::Other,
];

/// Rating weights, per thousand, in the order of [`Rating::ALL`]
/// (good, fair, average, weak).
pub(super) const RATING_WEIGHTS: [u64; 4] = [250, 350, 280, 120];

pub(super) fn activities(sector: Sector) -> &'static [&'static str] {
    match sector {
        Sector::Agriculture => &[
            "Nông nghiệp",
            "Dịch vụ nông nghiệp",
            "Chăn nuôi",
            "Trồng rau an toàn",
            "Nuôi trồng thủy sản",
            "Chè",
            "Cam",
            "Lúa giống",
            "Dược liệu",
            "Lâm nghiệp",
        ],
        Sector::Industry => &[
            "Mây tre đan",
            "Chế biến nước mắm",
            "Mộc",
            "Cơ khí",
            "Dệt thổ cẩm",
            "Gạch ngói",
        ],
        Sector::Trade => &[
            "Dịch vụ tổng hợp",
            "Thương mại dịch vụ",
            "Du lịch cộng đồng",
            "Dịch vụ điện",
        ],
        Sector::Transport => &["Vận tải", "Vận tải hành khách", "Vận tải thủy"],
        Sector::Construction => &["Xây dựng", "Xây dựng và dịch vụ"],
        Sector::Credit => &["Tín dụng"],
        Sector::Environment => &["Vệ sinh môi trường", "Nước sạch", "Thu gom rác thải"],
        _ => &["Dịch vụ", "Đa ngành"],
    }
}
