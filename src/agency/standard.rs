//! The standard provincial directory: the agencies plans name, with the
//! 2025 reform's successions.

use super::*;

// ---------------------------------------------------------------------------
// The standard provincial directory

/// One row of [`STANDARD_PROVINCE`].
pub(super) struct StandardAgency {
    pub(super) id: &'static str,
    pub(super) name_vi: &'static str,
    pub(super) name_en: &'static str,
    pub(super) level: AgencyLevel,
    pub(super) aliases: &'static [&'static str],
    pub(super) successor: Option<(&'static str, NaiveDate, &'static str)>,
}

const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(d) => d,
        None => panic!("invalid date in a constant"),
    }
}

/// The day the provincial departments were merged.
const DEPARTMENTS_MERGED: NaiveDate = date(2025, 3, 1);
/// The day the district level ended.
const DISTRICTS_ABOLISHED: NaiveDate = date(2025, 7, 1);

const MERGER_NOTE: &str = "2025 reorganisation: provincial departments merged from 1/3/2025";
/// The note of a ministry merged in the Government's structure of 2025.
const MINISTRIES_NOTE: &str =
    "2025 reorganisation: ministries merged from 1/3/2025 (Resolution 176/2025/QH15)";

const fn std_agency(
    id: &'static str,
    name_vi: &'static str,
    name_en: &'static str,
    level: AgencyLevel,
    aliases: &'static [&'static str],
) -> StandardAgency {
    StandardAgency {
        id,
        name_vi,
        name_en,
        level,
        aliases,
        successor: None,
    }
}

const fn merged_into(
    mut agency: StandardAgency,
    to: &'static str,
    note: &'static str,
) -> StandardAgency {
    agency.successor = Some((to, DEPARTMENTS_MERGED, note));
    agency
}

use AgencyLevel::{Central, Commune, District, Province};

pub(super) const STANDARD_PROVINCE: &[StandardAgency] = &[
    std_agency("ubnd-tinh", "Ủy ban nhân dân tỉnh", "Provincial People's Committee", Province, &["UBND tỉnh"]),
    std_agency("hdnd-tinh", "Hội đồng nhân dân tỉnh", "Provincial People's Council", Province, &["HĐND tỉnh"]),
    std_agency(
        "tinh-uy",
        "Tỉnh ủy",
        "Provincial Party Committee",
        Province,
        &["Ban Thường vụ Tỉnh ủy", "Thường trực Tỉnh ủy", "TT Tỉnh ủy"],
    ),
    std_agency(
        "so-nganh",
        "Các sở, ban, ngành tỉnh",
        "Provincial departments and agencies",
        Province,
        &[
            "Các sở, ban, ngành",
            "Các sở, ngành",
            "Các sở, ngành tỉnh",
            "Các sở, ban, ngành liên quan",
            "Các sở, ngành liên quan",
            "Các sở, ngành, đoàn thể liên quan",
            "Sở, ban, ngành",
            "Sở, ban, ngành tỉnh",
        ],
    ),
    std_agency(
        "co-quan-lien-quan",
        "Các cơ quan, đơn vị có liên quan",
        "Other agencies and units concerned",
        Province,
        &[
            "Các cơ quan, đơn vị liên quan",
            "Các đơn vị có liên quan",
            "Các đơn vị liên quan",
            "Các cơ quan, đơn vị",
        ],
    ),
    merged_into(
        std_agency(
            "so-khdt",
            "Sở Kế hoạch và Đầu tư",
            "Department of Planning and Investment",
            Province,
            &["Sở KH&ĐT", "Sở KHĐT"],
        ),
        "so-tai-chinh",
        "2025 reorganisation: merged into the Department of Finance from 1/3/2025; the cooperative remit moved with it (confirmed at national level, likely at provincial level)",
    ),
    std_agency("so-tai-chinh", "Sở Tài chính", "Department of Finance", Province, &["STC"]),
    merged_into(
        std_agency(
            "so-nnptnt",
            "Sở Nông nghiệp và Phát triển nông thôn",
            "Department of Agriculture and Rural Development",
            Province,
            &["Sở NN&PTNT", "Sở Nông nghiệp và PTNT", "Sở NN và PTNT"],
        ),
        "so-nnmt",
        MERGER_NOTE,
    ),
    merged_into(
        std_agency(
            "so-tnmt",
            "Sở Tài nguyên và Môi trường",
            "Department of Natural Resources and Environment",
            Province,
            &["Sở TN&MT"],
        ),
        "so-nnmt",
        MERGER_NOTE,
    ),
    std_agency(
        "so-nnmt",
        "Sở Nông nghiệp và Môi trường",
        "Department of Agriculture and Environment",
        Province,
        &["Sở NN&MT"],
    ),
    std_agency("so-cong-thuong", "Sở Công Thương", "Department of Industry and Trade", Province, &["Sở CT"]),
    std_agency(
        "so-khcn",
        "Sở Khoa học và Công nghệ",
        "Department of Science and Technology",
        Province,
        &["Sở KH&CN"],
    ),
    merged_into(
        std_agency(
            "so-tttt",
            "Sở Thông tin và Truyền thông",
            "Department of Information and Communications",
            Province,
            &["Sở TT&TT"],
        ),
        "so-khcn",
        MERGER_NOTE,
    ),
    merged_into(
        std_agency(
            "so-ldtbxh",
            "Sở Lao động - Thương binh và Xã hội",
            "Department of Labour, Invalids and Social Affairs",
            Province,
            &["Sở LĐTB&XH", "Sở Lao động, Thương binh và Xã hội"],
        ),
        "so-noi-vu",
        "2025 reorganisation: the labour remit passed to the Department of Home Affairs from 1/3/2025; other parts went to other departments",
    ),
    std_agency(
        "so-gddt",
        "Sở Giáo dục và Đào tạo",
        "Department of Education and Training",
        Province,
        &["Sở GD&ĐT"],
    ),
    std_agency("so-noi-vu", "Sở Nội vụ", "Department of Home Affairs", Province, &[]),
    std_agency("so-tu-phap", "Sở Tư pháp", "Department of Justice", Province, &[]),
    std_agency(
        "so-vhttdl",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Department of Culture, Sports and Tourism",
        Province,
        &["Sở VH,TT&DL"],
    ),
    std_agency("so-xay-dung", "Sở Xây dựng", "Department of Construction", Province, &[]),
    merged_into(
        std_agency(
            "so-gtvt",
            "Sở Giao thông vận tải",
            "Department of Transport",
            Province,
            &["Sở GTVT", "Sở Giao thông - Vận tải"],
        ),
        "so-xay-dung",
        MERGER_NOTE,
    ),
    std_agency("so-y-te", "Sở Y tế", "Department of Health", Province, &[]),
    StandardAgency {
        successor: Some((
            "ubnd-xa",
            DISTRICTS_ABOLISHED,
            "2025 reform of local government (Resolutions 202/2025/QH15 and 203/2025/QH15): the district level ended on 1/7/2025; its tasks passed to the communes (some to the province)",
        )),
        ..std_agency(
            "ubnd-huyen",
            "Ủy ban nhân dân cấp huyện",
            "District People's Committees",
            District,
            &[
                "UBND cấp huyện",
                "UBND các huyện",
                "UBND huyện",
                "UBND các huyện, thành, thị",
                "UBND các huyện, thành phố, thị xã",
                "UBND các huyện, thị xã, thành phố",
                "UBND các huyện, thành phố",
                "Ủy ban nhân dân các huyện",
            ],
        )
    },
    std_agency(
        "ubnd-xa",
        "Ủy ban nhân dân cấp xã",
        "Commune People's Committees",
        Commune,
        &[
            "UBND cấp xã",
            "UBND các xã",
            "UBND xã",
            "UBND các xã, phường, thị trấn",
            "UBND các xã, phường, đặc khu",
            "UBND các xã, phường",
        ],
    ),
    std_agency(
        "lmhtx",
        "Liên minh Hợp tác xã tỉnh",
        "Provincial Cooperative Alliance",
        Province,
        &["Liên minh HTX tỉnh", "LMHTX tỉnh", "LMHTX", "Liên minh Hợp tác xã"],
    ),
    std_agency(
        "mttq",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Provincial Committee of the Vietnam Fatherland Front",
        Province,
        &[
            "Ủy ban MTTQ Việt Nam tỉnh",
            "UBMTTQVN tỉnh",
            "UBMTTQ tỉnh",
            "Ủy ban Mặt trận Tổ quốc",
            "Mặt trận Tổ quốc tỉnh",
            "Mặt trận Tổ quốc",
        ],
    ),
    std_agency(
        "nhnn",
        "Ngân hàng Nhà nước chi nhánh tỉnh",
        "State Bank of Vietnam, provincial branch",
        Province,
        &["NHNN chi nhánh tỉnh", "NHNN tỉnh", "Ngân hàng Nhà nước"],
    ),
    std_agency(
        "nhcsxh",
        "Ngân hàng Chính sách xã hội chi nhánh tỉnh",
        "Vietnam Bank for Social Policies, provincial branch",
        Province,
        &["Ngân hàng Chính sách xã hội", "NHCSXH tỉnh", "NHCSXH"],
    ),
    std_agency(
        "hoi-nong-dan",
        "Hội Nông dân tỉnh",
        "Provincial Farmers' Union",
        Province,
        &["Hội Nông dân", "Hội ND tỉnh"],
    ),
    std_agency(
        "hoi-lhpn",
        "Hội Liên hiệp Phụ nữ tỉnh",
        "Provincial Women's Union",
        Province,
        &["Hội LHPN tỉnh", "Hội Liên hiệp Phụ nữ", "Hội LHPN"],
    ),
    std_agency(
        "tinh-doan",
        "Tỉnh đoàn",
        "Provincial Youth Union",
        Province,
        &[
            "Tỉnh đoàn Thanh niên",
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh",
            "Đoàn TNCS Hồ Chí Minh tỉnh",
        ],
    ),
    std_agency(
        "ldld",
        "Liên đoàn Lao động tỉnh",
        "Provincial Federation of Labour",
        Province,
        &["LĐLĐ tỉnh", "Liên đoàn Lao động"],
    ),
    std_agency(
        "bao-tinh",
        "Báo tỉnh",
        "Provincial newspaper",
        Province,
        &["Báo", "Các cơ quan báo", "Các cơ quan báo chí", "Cơ quan báo chí"],
    ),
    std_agency(
        "dai-ptth",
        "Đài Phát thanh - Truyền hình tỉnh",
        "Provincial radio and television station",
        Province,
        &["Đài PT-TH", "Đài PTTH tỉnh", "Đài Phát thanh và Truyền hình"],
    ),
    std_agency("cuc-thue", "Cục Thuế tỉnh", "Provincial Tax Department", Province, &["Cục Thuế"]),
    std_agency(
        "vp-nong-thon-moi",
        "Văn phòng Điều phối nông thôn mới tỉnh",
        "Provincial New Rural Development Coordination Office",
        Province,
        &[
            "Văn phòng Điều phối nông thôn mới",
            "Văn phòng Điều phối xây dựng nông thôn mới",
            "Văn phòng Điều phối Chương trình mục tiêu quốc gia xây dựng nông thôn mới tỉnh",
            "VP Điều phối NTM",
        ],
    ),
    std_agency(
        "ban-dan-toc",
        "Ban Dân tộc tỉnh",
        "Provincial Committee for Ethnic Minority Affairs",
        Province,
        &["Ban Dân tộc"],
    ),
    merged_into(
        std_agency(
            "bo-khdt",
            "Bộ Kế hoạch và Đầu tư",
            "Ministry of Planning and Investment",
            Central,
            &["Bộ KH&ĐT"],
        ),
        "bo-tai-chinh",
        "2025 reorganisation: merged into the Ministry of Finance from 1/3/2025",
    ),
    std_agency("bo-tai-chinh", "Bộ Tài chính", "Ministry of Finance", Central, &[]),
    // The ministries of the Steering Committee for the collective economy
    // (Ban Chỉ đạo đổi mới, phát triển kinh tế tập thể, hợp tác xã) that
    // national texts assign, with the mergers of the Government's 2025
    // structure (Resolution 176/2025/QH15, from 1/3/2025).
    merged_into(
        std_agency(
            "bo-nnptnt",
            "Bộ Nông nghiệp và Phát triển nông thôn",
            "Ministry of Agriculture and Rural Development",
            Central,
            &["Bộ NN&PTNT", "Bộ Nông nghiệp và PTNT"],
        ),
        "bo-nnmt",
        MINISTRIES_NOTE,
    ),
    merged_into(
        std_agency(
            "bo-tnmt",
            "Bộ Tài nguyên và Môi trường",
            "Ministry of Natural Resources and Environment",
            Central,
            &["Bộ TN&MT"],
        ),
        "bo-nnmt",
        MINISTRIES_NOTE,
    ),
    std_agency(
        "bo-nnmt",
        "Bộ Nông nghiệp và Môi trường",
        "Ministry of Agriculture and Environment",
        Central,
        &["Bộ NN&MT"],
    ),
    std_agency("bo-cong-thuong", "Bộ Công Thương", "Ministry of Industry and Trade", Central, &[]),
    std_agency("bo-tu-phap", "Bộ Tư pháp", "Ministry of Justice", Central, &[]),
    merged_into(
        std_agency(
            "bo-tttt",
            "Bộ Thông tin và Truyền thông",
            "Ministry of Information and Communications",
            Central,
            &["Bộ TT&TT"],
        ),
        "bo-khcn",
        MINISTRIES_NOTE,
    ),
    std_agency(
        "bo-khcn",
        "Bộ Khoa học và Công nghệ",
        "Ministry of Science and Technology",
        Central,
        &["Bộ KH&CN"],
    ),
    merged_into(
        std_agency(
            "bo-ldtbxh",
            "Bộ Lao động - Thương binh và Xã hội",
            "Ministry of Labour, Invalids and Social Affairs",
            Central,
            &["Bộ LĐ-TB&XH", "Bộ LĐTBXH"],
        ),
        "bo-noi-vu",
        MINISTRIES_NOTE,
    ),
    std_agency("bo-noi-vu", "Bộ Nội vụ", "Ministry of Home Affairs", Central, &[]),
    std_agency(
        "lmhtx-vn",
        "Liên minh Hợp tác xã Việt Nam",
        "Vietnam Cooperative Alliance",
        Central,
        &["Liên minh HTX Việt Nam", "VCA"],
    ),
];
