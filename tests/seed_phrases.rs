//! Every document number, schedule wording and comparator phrase that the
//! five seed plans contain parses through the public API.

use hoptac::{doc::DocRef, plan::Comparator, Schedule, Threshold};

/// (as written in a seed, canonical form)
const DOC_NUMBERS: &[(&str, &str)] = &[
    ("13-NQ/TW", "13-NQ/TW"),
    ("2651/UBND-KTN", "2651/UBND-KTN"),
    ("1206/QĐ-UBND", "1206/QĐ-UBND"),
    ("số 1206/QĐ-UBND", "1206/QĐ-UBND"),
    ("70-KL/TW", "70-KL/TW"),
    ("12/CT-TTg", "12/CT-TTg"),
    ("Số: 538 /UBND-KTTH", "538/UBND-KTTH"),
    ("538 /UBND-KTTH", "538/UBND-KTTH"),
    ("08-CTr/TU", "08-CTr/TU"),
    ("461/QĐ-TTg", "461/QĐ-TTg"),
    ("05/QĐ-BCĐ", "05/QĐ-BCĐ"),
    ("Số: 363 /KH-UBND", "363/KH-UBND"),
    ("363 /KH-UBND", "363/KH-UBND"),
    ("363/KH-UBND", "363/KH-UBND"),
    ("50-CTr/TU", "50-CTr/TU"),
    ("SỐ 50-CTr/TU", "50-CTr/TU"),
    ("20-NQ/TW", "20-NQ/TW"),
    ("SỐ 20-NQ/TW", "20-NQ/TW"),
    ("09/NQ-CP", "09/NQ-CP"),
    ("45/2021/NĐ-CP", "45/2021/NĐ-CP"),
    ("17/2023/QH15", "17/2023/QH15"),
    ("23/2012/QH13", "23/2012/QH13"),
    ("202/2025/QH15", "202/2025/QH15"),
    ("01/2020/TT-BKHĐT", "01/2020/TT-BKHĐT"),
    ("30/2020/NĐ-CP", "30/2020/NĐ-CP"),
    ("340/QĐ-TTg", "340/QĐ-TTg"),
    ("123/QĐ-UBND-KTN", "123/QĐ-UBND-KTN"),
    ("123/QD-UBND", "123/QĐ-UBND"),
    ("  20 - NQ / TW ", "20-NQ/TW"),
    ("20–NQ/TW", "20-NQ/TW"),
    ("số:45/2021/NĐ-CP", "45/2021/NĐ-CP"),
];

const SCHEDULES: &[&str] = &[
    "Thường xuyên",
    "2023-2024",
    "Hàng năm",
    "2023-2030",
    "2023-2025",
    "Năm 2023-2024",
    "thường xuyên",
    "hàng năm",
    "hằng năm",
    "thường niên",
    "giai đoạn 2021 - 2030",
    "giai đoạn 2021 -2025",
    "giai đoạn 2021 – 2030",
    "giai đoạn 2021 - 2025",
    "thời kỳ 2021 -2030",
    "2021 -2030",
    "Đến năm 2030",
    "đến năm 2025",
    "Đến năm 2045",
    "đến năm 2050",
    "năm 2023",
];

/// (phrase, comparator kind, value)
const PHRASES: &[(&str, &str, &str)] = &[
    ("thành lập mới 100 hợp tác xã", "at_least", "100"),
    ("hỗ trợ thành lập mới 100 hợp tác xã", "at_least", "100"),
    ("200 tổ hợp tác", "at_least", "200"),
    ("5 liên hiệp hợp tác xã trở lên", "at_least", "5"),
    ("số hợp tác xã hoạt động có hiệu quả thuộc loại khá trở lên đạt trên 45%", "greater_than", "45"),
    ("đạt trên 45%", "greater_than", "45"),
    ("không còn Hợp tác xã tồn tại mang tính hình thức", "none_left", "0"),
    ("không còn hợp tác xã tồn tại mang tính hình thức", "none_left", "0"),
    ("số hợp tác xã yếu kém giảm dưới 10%", "less_than", "10"),
    ("120 hợp tác xã", "at_least", "120"),
    ("250 tổ hợp tác", "at_least", "250"),
    ("8 liên hiệp hợp tác xã", "at_least", "8"),
    ("số hợp tác xã hoạt động có hiệu quả thuộc loại khá, giỏi đạt 50%", "at_least", "50"),
    ("giảm dưới 8%", "less_than", "8"),
    ("6 liên hiệp hợp tác xã", "at_least", "6"),
    ("Bảo đảm trên 60% tổ chức kinh tế tập thể hoạt động đạt loại tốt, khá", "greater_than", "60"),
    ("có ít nhất 50% tham gia liên kết theo chuỗi giá trị", "at_least", "50"),
    ("Có trên 150 hợp tác xã ứng dụng công nghệ cao", "greater_than", "150"),
    ("thu hút tối thiểu 20% dân số tham gia các tổ chức kinh tế tập thể", "at_least", "20"),
    ("bảo đảm trên 90% tổ chức kinh tế tập thể hoạt động hiệu quả", "greater_than", "90"),
    ("có ít nhất 75% tham gia các chuỗi liên kết", "at_least", "75"),
    ("tỷ lệ nữ giám đốc hợp tác xã, liên hiệp hợp tác xã đạt ít nhất 30%", "at_least", "30"),
    ("Phát triển mới 80 Tổ hợp tác", "at_least", "80"),
    ("20 hợp tác xã", "at_least", "20"),
    ("Thu nhập bình quân của người lao động và thành viên trong các hợp tác xã trên 50 triệu đồng", "greater_than", "50000000"),
    ("Doanh thu bình quân của hợp tác xã đạt 1.000 triệu đồng trở lên", "at_least", "1000000000"),
    ("trên 90% cán bộ chủ chốt hợp tác xã được bồi dưỡng", "greater_than", "90"),
    ("Số hợp tác xã hoạt động hiệu quả chiếm 20% trở lên", "at_least", "20"),
    ("Mở 50 lóp tập huấn tuyên truyền", "at_least", "50"),
    ("mở 50 lớp tập huấn", "at_least", "50"),
    ("30 lớp truyền nghề", "at_least", "30"),
    ("in 5.000 cuốn sổ tay", "at_least", "5000"),
    ("tổ chức 01 cuộc hội thảo, tọa đàm", "at_least", "1"),
    ("Hỗ trợ 10 hợp tác xã tham gia xúc tiến thương mại", "at_least", "10"),
    ("trên 60%", "greater_than", "60"),
    ("hơn 150 hợp tác xã", "greater_than", "150"),
    ("dưới 10%", "less_than", "10"),
    ("dưới 8%", "less_than", "8"),
    ("ít nhất 50%", "at_least", "50"),
    ("ít nhất 6 liên hiệp hợp tác xã", "at_least", "6"),
    ("tối thiểu 20%", "at_least", "20"),
    ("không dưới 20%", "at_least", "20"),
    ("1.000 triệu đồng trở lên", "at_least", "1000000000"),
    ("trên 50 triệu đồng", "greater_than", "50000000"),
    ("đạt 50%", "at_least", "50"),
    ("tối đa 10%", "at_most", "10"),
    ("không quá 10%", "at_most", "10"),
    ("không còn", "none_left", "0"),
    ("trên 90%", "greater_than", "90"),
    ("ít nhất 75%", "at_least", "75"),
    ("ít nhất 30%", "at_least", "30"),
    ("ít nhất 2 tỷ đồng", "at_least", "2000000000"),
    ("ít nhất 2,5 tỉ VNĐ", "at_least", "2500000000"),
    ("trên 500 nghìn đồng", "greater_than", "500000"),
    ("trên 500 ngàn VND", "greater_than", "500000"),
    ("trên 500 đồng", "greater_than", "500"),
    ("  TRÊN\t60 %  ", "greater_than", "60"),
    ("50 triệu đồng/người/năm", "at_least", "50000000"),
    ("giảm xuống còn 8%", "at_most", "8"),
    ("10% trở xuống", "at_most", "10"),
    ("ít hơn 10%", "less_than", "10"),
    ("không ít hơn 10%", "at_least", "10"),
    ("100 hợp tác xã", "at_least", "100"),
    ("trên 100%", "greater_than", "100"),
    ("không còn (0%)", "none_left", "0"),
    ("50 lớp trở lên", "at_least", "50"),
];

#[test]
fn every_seed_document_number_parses_and_prints_canonically() {
    for (text, canonical) in DOC_NUMBERS {
        let doc: DocRef = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(doc.to_string(), *canonical, "{text}");
        assert_eq!(canonical.parse::<DocRef>().unwrap(), doc);
    }
}

#[test]
fn every_seed_schedule_parses_and_round_trips() {
    for text in SCHEDULES {
        let schedule: Schedule = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(
            schedule.to_string().parse::<Schedule>().unwrap(),
            schedule,
            "{text}"
        );
    }
}

#[test]
fn every_seed_comparator_phrase_parses() {
    for (phrase, kind, value) in PHRASES {
        let t = Threshold::from_vietnamese(phrase).unwrap_or_else(|e| panic!("{phrase}: {e}"));
        let json = serde_json::to_value(t.comparator()).unwrap();
        assert_eq!(json["kind"], *kind, "{phrase}");
        assert_eq!(t.value(), value.parse().unwrap(), "{phrase}");
        assert_eq!(t.to_string().parse::<Threshold>().unwrap(), t, "{phrase}");
    }
    assert!(matches!(
        Threshold::from_vietnamese("khoảng 1.200 hợp tác xã")
            .unwrap()
            .comparator(),
        Comparator::About { .. }
    ));
}
