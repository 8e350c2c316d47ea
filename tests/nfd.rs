//! Decomposed text (Unicode NFD, as PDFs and Windows-1258 files give it)
//! reads exactly like its composed form in every parser.

use hoptac::text::nfd;
use hoptac::{
    agency::AgencyDirectory, doc::parse_vi_date, doc::Citation, doc::DocKind, doc::DocRef,
    doc::DocType, org::OrgKind, org::OrgStatus, org::Rating, org::Sector, plan::Comparator,
    plan::TargetPhrase, plan::Unit, text::parse_vi_number, Lang, Schedule, Threshold,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Real phrases from the seed plans and the catalogue.
const THRESHOLDS: &[&str] = &[
    "trên 60%",
    "khoảng 1.200 hợp tác xã",
    "Bảo đảm trên 60% tổ chức kinh tế tập thể hoạt động đạt loại tốt, khá",
    "trong đó, có ít nhất 50% tham gia liên kết theo chuỗi giá trị",
    "Có trên 150 hợp tác xã ứng dụng công nghệ cao",
    "Phần đầu thu hút tối thiểu 20% dân số tham gia các tổ chức kinh tế tập thể",
    "Doanh thu bình quân của hợp tác xã đạt 1.000 triệu đồng trở lên",
    "Tỷ lệ cán bộ chủ chốt hợp tác xã đã qua đào tạo khoảng 20%",
    "khoảng 1.000 tổ hợp tác với khoảng 13.000 thành viên",
    "không còn hợp tác xã tồn tại mang tính hình thức",
    "số hợp tác xã yếu kém giảm dưới 10%",
    "các tổ chức kinh tế tập thể đều áp dụng công nghệ cao",
    "ít nhất 2,5 tỉ VNĐ",
    "trên 500 nghìn đồng",
    "không quá 10%",
    "giảm xuống còn 8%",
    "không ít hơn 10%",
    "bình quân 01 Tổ hợp tác/xã",
    "từ 10 - 15 HTX",
    "tăng 8% so với năm 2021",
];

const SCHEDULES: &[&str] = &[
    "Thường xuyên",
    "Hàng năm",
    "hằng năm",
    "thường niên",
    "Năm 2023-2024",
    "giai đoạn 2021 – 2030",
    "thời kỳ 2021 -2030",
    "Đến năm 2030",
    "từ năm 2023 đến năm 2025",
    "Trước ngày 30/6/2023",
    "chậm nhất ngày 30 tháng 6 năm 2023",
    "Quý IV/2023",
    "Tháng 6/2023",
    "trong năm 2023",
    "Quý I hằng năm",
    "trước ngày 15/12 hằng năm",
    "chậm nhất vào ngày 17 tháng 12 hằng năm",
    "6 tháng cuối năm 2019",
    "nhiệm kỳ 2020 – 2025",
    "Năm 2024 và các năm tiếp theo",
    "Từ tháng 6/2021 đến tháng 12/2021",
];

/// Whole target sentences, with one target or several.
const SENTENCES: &[&str] = &[
    "Phấn đấu đến năm 2025 hỗ trợ thành lập mới 100 hợp tác xã, 200 tổ hợp tác, 5 liên hiệp hợp tác xã trở lên",
    "khoảng 1.200 hợp tác xã với khoảng 278.000 thành viên",
    "Bảo đảm trên 60% tổ chức kinh tế tập thể hoạt động đạt loại tốt, khá, trong đó, có ít nhất 50% tham gia liên kết theo chuỗi giá trị",
    "Năm 2024, tỉnh phấn đấu thành lập mới 12 HTX",
    "thu nhập bình quân 5,5 triệu đồng/người/tháng",
    "doanh thu tăng bình quân 6,5%/năm",
    "tốt, khá chiếm từ 55 - 65%",
    "khoảng 140 nghìn tổ hợp tác với hai triệu thành viên",
];

const DOC_REFS: &[&str] = &[
    "Số: 363 /KH-UBND",
    "số 1206/QĐ-UBND",
    "SỐ 50-CTr/TU",
    "45/2021/NĐ-CP",
    "01/2020/TT-BKHĐT",
    "05/QĐ-BCĐ",
    "05a/BC-UBND",
    "123/ QĐ-UBND",
    "10/2013/TTLT-BKHĐT-BTC",
    "123/SNN&PTNT-KTHT",
    "15-CV/TU",
    "20–NQ/TW",
    "538/UBND-KTTH",
];

const CITATIONS: &[&str] = &[
    "Số 363/KH-UBND ngày 31/5/2023",
    "50-CTr/TU ngày 13/4/2023",
    "1206/QĐ-UBND, ngày 28/5/2020",
    "SỐ 50-CTr/TU NGÀY 13/4/2023",
    "09/NQ-CP ngày 02 tháng 2 năm 2023",
];

const DATES: &[&str] = &[
    "30/5/2023",
    "ngày 30 tháng 5 năm 2023",
    "Ngày 16 Tháng 6 Năm 2022",
    "NGÀY 10/01/2019",
];

const NUMBERS: &[&str] = &["1.000", "2,8", "278.000", "-1.200,5", "01"];

const CODES: &[&str] = &[
    "htx",
    "THT",
    "lhhtx",
    "agriculture",
    "credit",
    "active",
    "dissolved",
    "good",
    "fair",
    "weak",
    "hợp tác xã",
    "Tốt",
    "Khá",
];

const AGENCIES: &[&str] = &[
    "Sở Kế hoạch và Đầu tư",
    "Sở KH&ĐT",
    "Sở NN&PTNT",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Lao động - Thương binh và Xã hội",
    "Liên minh Hợp tác xã tỉnh",
    "UBND các huyện, thành, thị",
    "Ủy ban nhân dân tỉnh",
    "Uỷ ban MTTQ Việt Nam tỉnh",
    "Đài Phát thanh - Truyền hình Quảng Nam",
    "Ngân hàng Nhà nước chi nhánh tỉnh Nghệ An",
];

const DOC_NAMES: &[&str] = &[
    "Kế hoạch",
    "KẾ HOẠCH",
    "Quyết định",
    "Công văn",
    "Luật",
    "Chương trình hành động",
];

// ---------------------------------------------------------------------------
// Golden cases: each failed before decomposed text was composed first.

#[test]
fn decomposed_thresholds_read_like_composed_ones() {
    for phrase in THRESHOLDS {
        let composed = Threshold::from_vietnamese(phrase);
        assert_eq!(
            Threshold::from_vietnamese(&nfd(phrase)),
            composed,
            "{phrase}"
        );
    }
    // "trên 60%" is strictly greater: exactly 60% is not met.
    let t: Threshold = nfd("trên 60%").parse().unwrap();
    assert_eq!(t.comparator(), &Comparator::GreaterThan);
    assert!(!t.is_met(Decimal::from(60)));
    assert!(t.is_met(Decimal::new(6001, 2)));
    // "khoảng 1.200 hợp tác xã" keeps its tolerance and its unit.
    let t: Threshold = nfd("khoảng 1.200 hợp tác xã").parse().unwrap();
    assert!(matches!(t.comparator(), Comparator::About { .. }));
    assert_eq!(
        t.comparator(),
        "khoảng 1.200 hợp tác xã"
            .parse::<Threshold>()
            .unwrap()
            .comparator()
    );
    assert_eq!(t.unit(), &Unit::Organisations);
    assert_eq!(t.value(), Decimal::from(1200));
}

#[test]
fn decomposed_documents_read_like_composed_ones() {
    let plan = DocKind::Typed {
        doc_type: DocType::Plan,
    };
    for name in ["Kế hoạch", "KẾ HOẠCH", " kế  hoạch "] {
        assert_eq!(DocKind::from_name(&nfd(name)), Some(plan), "{name}");
        assert_eq!(nfd(name).parse::<DocKind>(), Ok(plan), "{name}");
        assert_eq!(
            DocType::from_name(&nfd(name)),
            Some(DocType::Plan),
            "{name}"
        );
    }
    let doc: DocRef = nfd("Số 363/KH-UBND").parse().unwrap();
    assert_eq!(doc.to_string(), "363/KH-UBND");
    assert_eq!(doc.kind(), Some(plan));
    let c: Citation = nfd("Số 363/KH-UBND ngày 31/5/2023").parse().unwrap();
    assert_eq!(c, "363/KH-UBND ngày 31/5/2023".parse().unwrap());
    assert_eq!(
        parse_vi_date(&nfd("ngày 30 tháng 5 năm 2023")),
        parse_vi_date("30/5/2023")
    );
}

#[test]
fn decomposed_schedules_read_like_composed_ones() {
    assert_eq!(
        nfd("Thường xuyên").parse::<Schedule>(),
        Ok(Schedule::continuous())
    );
    assert_eq!(nfd("Hàng năm").parse::<Schedule>(), Ok(Schedule::annual()));
    assert_eq!(
        nfd("THƯỜNG XUYÊN").parse::<Schedule>(),
        Ok(Schedule::continuous())
    );
    for text in SCHEDULES {
        assert_eq!(
            nfd(text).parse::<Schedule>(),
            text.parse::<Schedule>(),
            "{text}"
        );
        assert!(text.parse::<Schedule>().is_ok(), "{text}");
    }
}

#[test]
fn decomposed_agency_names_resolve() {
    let dir = AgencyDirectory::standard_province();
    for name in AGENCIES {
        let id = |n: &str| dir.resolve(n).map(|a| a.id.clone());
        assert!(id(name).is_some(), "{name}");
        assert_eq!(id(&nfd(name)), id(name), "{name}");
    }
    assert_eq!(
        hoptac::agency::normalize_agency_name(&nfd("Sở Kế hoạch và Đầu tư")),
        "sở kế hoạch và đầu tư"
    );
}

// ---------------------------------------------------------------------------
// Properties: parse(nfd(s)) == parse(s), for seed phrases, their variations
// and arbitrary text.

/// A seed phrase, a seed phrase with something around it, or arbitrary
/// text with Vietnamese letters and loose combining marks.
fn input(seeds: &'static [&'static str]) -> impl Strategy<Value = String> {
    let seed = prop::sample::select(seeds).prop_map(str::to_owned);
    let noise = "[ a-zA-Z0-9.,%/:–-]{0,6}|[àáảãạăắằẳẵặâấầẩẫậđêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ ]{0,6}|[\u{300}\u{301}\u{303}\u{309}\u{323}\u{302}\u{306}\u{31b}]{0,3}";
    prop_oneof![
        4 => seed.clone(),
        2 => (noise, seed.clone(), noise).prop_map(|(a, s, b)| format!("{a}{s}{b}")),
        1 => seed.prop_map(|s| s.to_uppercase()),
        1 => ".{0,40}",
        1 => any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn threshold(s in input(THRESHOLDS)) {
        prop_assert_eq!(Threshold::from_vietnamese(&nfd(&s)), Threshold::from_vietnamese(&s));
    }

    #[test]
    fn schedule(s in input(SCHEDULES)) {
        prop_assert_eq!(nfd(&s).parse::<Schedule>(), s.parse::<Schedule>());
    }

    #[test]
    fn target_phrase(s in input(SENTENCES)) {
        let d = nfd(&s);
        prop_assert_eq!(TargetPhrase::read(&d), TargetPhrase::read(&s));
        prop_assert_eq!(TargetPhrase::read_all(&d), TargetPhrase::read_all(&s));
    }

    #[test]
    fn citations_found_in_text(s in input(CITATIONS)) {
        let d = nfd(&s);
        let found = hoptac::doc::find_citations(&d);
        let composed = hoptac::doc::find_citations(&s);
        prop_assert_eq!(found.len(), composed.len());
        for (a, b) in found.iter().zip(&composed) {
            prop_assert_eq!(&a.reading, &b.reading);
            prop_assert!(d.get(a.range.clone()).is_some());
        }
    }

    #[test]
    fn doc_ref(s in input(DOC_REFS)) {
        prop_assert_eq!(nfd(&s).parse::<DocRef>(), s.parse::<DocRef>());
    }

    #[test]
    fn citation(s in input(CITATIONS)) {
        prop_assert_eq!(nfd(&s).parse::<Citation>(), s.parse::<Citation>());
    }

    #[test]
    fn vi_date(s in input(DATES)) {
        prop_assert_eq!(parse_vi_date(&nfd(&s)), parse_vi_date(&s));
    }

    #[test]
    fn vi_number(s in input(NUMBERS)) {
        prop_assert_eq!(parse_vi_number(&nfd(&s)), parse_vi_number(&s));
    }

    #[test]
    fn org_codes(s in input(CODES)) {
        let d = nfd(&s);
        prop_assert_eq!(d.parse::<OrgKind>(), s.parse::<OrgKind>());
        prop_assert_eq!(d.parse::<OrgStatus>(), s.parse::<OrgStatus>());
        prop_assert_eq!(d.parse::<Sector>(), s.parse::<Sector>());
        prop_assert_eq!(d.parse::<Rating>(), s.parse::<Rating>());
        prop_assert_eq!(d.parse::<Lang>(), s.parse::<Lang>());
    }

    #[test]
    fn doc_kind(s in input(DOC_NAMES)) {
        let d = nfd(&s);
        prop_assert_eq!(d.parse::<DocKind>(), s.parse::<DocKind>());
        prop_assert_eq!(DocType::from_name(&d), DocType::from_name(&s));
        prop_assert_eq!(d.parse::<DocType>(), s.parse::<DocType>());
    }

    #[test]
    fn agency(s in input(AGENCIES)) {
        let dir = AgencyDirectory::standard_province();
        let d = nfd(&s);
        prop_assert_eq!(dir.resolve(&d).map(|a| &a.id), dir.resolve(&s).map(|a| &a.id));
        prop_assert_eq!(hoptac::agency::normalize_agency_name(&d), hoptac::agency::normalize_agency_name(&s));
    }
}
