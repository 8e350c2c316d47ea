use super::*;
use proptest::prelude::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn per(p: &str) -> Unit {
    Unit::PerUnit { per: p.to_owned() }
}

fn t(c: Comparator, v: &str, u: Unit) -> Threshold {
    Threshold::new(c, d(v), u).unwrap()
}

use Comparator::{AtLeast, AtMost, GreaterThan, LessThan, NoneLeft};

/// Every comparator phrase of a numeric target in the seeds (002 Lạng
/// Sơn, 003 Nghệ An, 004), and those the brief names.
#[test]
fn seed_phrases() {
    let about = Comparator::about();
    let table: Vec<(&str, Comparator, &str, Unit)> = vec![
        // Nearly X is about X (real news, 2026-12-03 corpus).
        ("có gần 1.700 HTX đang hoạt động", about.clone(), "1700", Unit::Organisations),
        ("nâng tổng quỹ lên gần 100 tỷ đồng", about.clone(), "100000000000", Unit::Vnd),
        // Seed 002, Lạng Sơn.
        ("thành lập mới 100 hợp tác xã", AtLeast, "100", Unit::Organisations),
        ("hỗ trợ thành lập mới 100 hợp tác xã", AtLeast, "100", Unit::Organisations),
        ("200 tổ hợp tác", AtLeast, "200", Unit::Organisations),
        ("5 liên hiệp hợp tác xã trở lên", AtLeast, "5", Unit::Organisations),
        (
            "số hợp tác xã hoạt động có hiệu quả thuộc loại khá trở lên đạt trên 45%",
            GreaterThan,
            "45",
            Unit::Percent,
        ),
        ("đạt trên 45%", GreaterThan, "45", Unit::Percent),
        (
            "không còn Hợp tác xã tồn tại mang tính hình thức",
            NoneLeft,
            "0",
            Unit::Organisations,
        ),
        (
            "không còn hợp tác xã tồn tại mang tính hình thức",
            NoneLeft,
            "0",
            Unit::Organisations,
        ),
        ("số hợp tác xã yếu kém giảm dưới 10%", LessThan, "10", Unit::Percent),
        ("120 hợp tác xã", AtLeast, "120", Unit::Organisations),
        ("250 tổ hợp tác", AtLeast, "250", Unit::Organisations),
        ("8 liên hiệp hợp tác xã", AtLeast, "8", Unit::Organisations),
        (
            "số hợp tác xã hoạt động có hiệu quả thuộc loại khá, giỏi đạt 50%",
            AtLeast,
            "50",
            Unit::Percent,
        ),
        ("giảm dưới 8%", LessThan, "8", Unit::Percent),
        // Seed 003, Nghệ An, section II.2.
        ("khoảng 1.000 tổ hợp tác", about.clone(), "1000", Unit::Organisations),
        ("khoảng 13.000 thành viên", about.clone(), "13000", Unit::Members),
        ("khoảng 1.200 hợp tác xã", about.clone(), "1200", Unit::Organisations),
        ("khoảng 278.000 thành viên", about.clone(), "278000", Unit::Members),
        ("6 liên hiệp hợp tác xã", AtLeast, "6", Unit::Organisations),
        ("khoảng 50 hợp tác xã thành viên", about.clone(), "50", Unit::Organisations),
        (
            "Bảo đảm trên 60% tổ chức kinh tế tập thể hoạt động đạt loại tốt, khá",
            GreaterThan,
            "60",
            Unit::Percent,
        ),
        (
            "có ít nhất 50% tham gia liên kết theo chuỗi giá trị",
            AtLeast,
            "50",
            Unit::Percent,
        ),
        (
            "Có trên 150 hợp tác xã ứng dụng công nghệ cao",
            GreaterThan,
            "150",
            Unit::Organisations,
        ),
        (
            "thu hút tối thiểu 20% dân số tham gia các tổ chức kinh tế tập thể",
            AtLeast,
            "20",
            Unit::Percent,
        ),
        (
            "bảo đảm trên 90% tổ chức kinh tế tập thể hoạt động hiệu quả",
            GreaterThan,
            "90",
            Unit::Percent,
        ),
        ("có ít nhất 75% tham gia các chuỗi liên kết", AtLeast, "75", Unit::Percent),
        (
            "các tổ chức kinh tế tập thể đều áp dụng công nghệ cao",
            Comparator::All,
            "100",
            Unit::Percent,
        ),
        (
            "tỷ lệ nữ giám đốc hợp tác xã, liên hiệp hợp tác xã đạt ít nhất 30%",
            AtLeast,
            "30",
            Unit::Percent,
        ),
        // Seed 004.
        ("Phát triển mới 80 Tổ hợp tác", AtLeast, "80", Unit::Organisations),
        ("đạt bình quân 01 Tổ hợp tác/xã", AtLeast, "1", per("xã")),
        ("bình quân 01 Tổ hợp tác/xã", AtLeast, "1", per("xã")),
        ("20 hợp tác xã", AtLeast, "20", Unit::Organisations),
        ("với khoảng 500 thành viên", about.clone(), "500", Unit::Members),
        (
            "Thu nhập bình quân của người lao động và thành viên trong các hợp tác xã trên 50 triệu đồng",
            GreaterThan,
            "50000000",
            Unit::Vnd,
        ),
        (
            "Doanh thu bình quân của hợp tác xã đạt 1.000 triệu đồng trở lên",
            AtLeast,
            "1000000000",
            Unit::Vnd,
        ),
        (
            "Tỷ lệ cán bộ chủ chốt hợp tác xã đã qua đào tạo khoảng 20%",
            about.clone(),
            "20",
            Unit::Percent,
        ),
        (
            "trên 90% cán bộ chủ chốt hợp tác xã được bồi dưỡng",
            GreaterThan,
            "90",
            Unit::Percent,
        ),
        (
            "Số hợp tác xã hoạt động hiệu quả chiếm 20% trở lên",
            AtLeast,
            "20",
            Unit::Percent,
        ),
        ("Mở 50 lóp tập huấn tuyên truyền", AtLeast, "50", Unit::Items),
        ("mở 50 lớp tập huấn", AtLeast, "50", Unit::Items),
        ("30 lớp truyền nghề", AtLeast, "30", Unit::Items),
        ("in 5.000 cuốn sổ tay", AtLeast, "5000", Unit::Items),
        ("tổ chức 01 cuộc hội thảo, tọa đàm", AtLeast, "1", Unit::Items),
        (
            "Hỗ trợ 10 hợp tác xã tham gia xúc tiến thương mại",
            AtLeast,
            "10",
            Unit::Organisations,
        ),
        // Named in the brief.
        ("trên 60%", GreaterThan, "60", Unit::Percent),
        ("hơn 150 hợp tác xã", GreaterThan, "150", Unit::Organisations),
        ("dưới 10%", LessThan, "10", Unit::Percent),
        ("dưới 8%", LessThan, "8", Unit::Percent),
        ("ít nhất 50%", AtLeast, "50", Unit::Percent),
        ("ít nhất 6 liên hiệp hợp tác xã", AtLeast, "6", Unit::Organisations),
        ("tối thiểu 20%", AtLeast, "20", Unit::Percent),
        ("không dưới 20%", AtLeast, "20", Unit::Percent),
        ("1.000 triệu đồng trở lên", AtLeast, "1000000000", Unit::Vnd),
        ("trên 50 triệu đồng", GreaterThan, "50000000", Unit::Vnd),
        ("đạt 50%", AtLeast, "50", Unit::Percent),
        ("tối đa 10%", AtMost, "10", Unit::Percent),
        ("không quá 10%", AtMost, "10", Unit::Percent),
        ("khoảng 1.200", about.clone(), "1200", Unit::Items),
        ("khoảng 20%", about.clone(), "20", Unit::Percent),
        ("không còn", NoneLeft, "0", Unit::Items),
        ("đều", Comparator::All, "100", Unit::Percent),
        ("tất cả", Comparator::All, "100", Unit::Percent),
        ("đều đạt 100%", Comparator::All, "100", Unit::Percent),
        ("trên 90%", GreaterThan, "90", Unit::Percent),
        ("ít nhất 75%", AtLeast, "75", Unit::Percent),
        ("ít nhất 30%", AtLeast, "30", Unit::Percent),
        // Money words, multipliers, spacing and case.
        ("ít nhất 2 tỷ đồng", AtLeast, "2000000000", Unit::Vnd),
        ("ít nhất 2,5 tỉ VNĐ", AtLeast, "2500000000", Unit::Vnd),
        ("trên 500 nghìn đồng", GreaterThan, "500000", Unit::Vnd),
        ("trên 500 ngàn VND", GreaterThan, "500000", Unit::Vnd),
        ("trên 500 đồng", GreaterThan, "500", Unit::Vnd),
        ("  TRÊN\t60 %  ", GreaterThan, "60", Unit::Percent),
        ("50 triệu đồng/người/năm", AtLeast, "50000000", Unit::Vnd),
        ("giảm xuống còn 8%", AtMost, "8", Unit::Percent),
        ("10% trở xuống", AtMost, "10", Unit::Percent),
        ("ít hơn 10%", LessThan, "10", Unit::Percent),
        ("không ít hơn 10%", AtLeast, "10", Unit::Percent),
        ("ít nhất 2 lớp/xã", AtLeast, "2", per("xã")),
        ("100 hợp tác xã", AtLeast, "100", Unit::Organisations),
        ("trên 100%", GreaterThan, "100", Unit::Percent),
        ("khoảng 20% (±2%)", Comparator::About { tolerance: d("2") }, "20", Unit::Percent),
        ("không còn (0%)", NoneLeft, "0", Unit::Percent),
        ("tất cả (100%)", Comparator::All, "100", Unit::Percent),
        ("50 lớp trở lên", AtLeast, "50", Unit::Items),
    ];
    for (phrase, comparator, value, unit) in table {
        let got = Threshold::from_vietnamese(phrase)
            .unwrap_or_else(|e| panic!("`{phrase}` did not parse: {e}"));
        assert_eq!(got, t(comparator, value, unit), "{phrase}");
    }
}

#[test]
fn exact_boundaries() {
    let greater: Threshold = "trên 60%".parse().unwrap();
    assert!(!greater.is_met(d("60")));
    assert!(greater.is_met(d("60.0000001")));
    // 3 of 5 is exactly 60%.
    let share = Decimal::from(3) * Decimal::ONE_HUNDRED / Decimal::from(5);
    assert!(!greater.is_met(share));
    let at_least: Threshold = "ít nhất 60%".parse().unwrap();
    assert!(at_least.is_met(share));
    assert!(!at_least.is_met(d("59.999")));

    let about: Threshold = "khoảng 1.200 hợp tác xã".parse().unwrap();
    assert!(about.is_met(d("1140")));
    assert!(!about.is_met(d("1139.99")));
    assert!(about.is_met(d("5000")));

    let less: Threshold = "dưới 10%".parse().unwrap();
    assert!(less.is_met(d("9.99")));
    assert!(!less.is_met(d("10")));
    let at_most: Threshold = "tối đa 10%".parse().unwrap();
    assert!(at_most.is_met(d("10")));
    assert!(!at_most.is_met(d("10.01")));

    let none: Threshold = "không còn".parse().unwrap();
    assert!(none.is_met(Decimal::ZERO));
    assert!(!none.is_met(Decimal::ONE));

    let all: Threshold = "đều".parse().unwrap();
    assert!(all.is_met(d("100")));
    assert!(!all.is_met(d("99.999")));

    let tight: Threshold = "khoảng 20% (±2%)".parse().unwrap();
    assert!(tight.is_met(d("19.6")));
    assert!(!tight.is_met(d("19.59")));
}

#[test]
fn about_never_overflows() {
    let t = t(
        Comparator::About {
            tolerance: d("100"),
        },
        &Decimal::MAX.to_string(),
        Unit::Items,
    );
    // X × 100 overflows: compared with X itself.
    assert!(t.is_met(Decimal::MAX));
    assert!(!t.is_met(Decimal::ZERO));
    assert_eq!(about_lower_bound(d("1200"), d("100")), Decimal::ZERO);
}

#[test]
fn directions_and_goals() {
    for (phrase, direction, goal) in [
        ("trên 60%", Direction::Rising, "60"),
        ("ít nhất 6 liên hiệp hợp tác xã", Direction::Rising, "6"),
        ("khoảng 1.200", Direction::Rising, "1200"),
        ("đều", Direction::Rising, "100"),
        ("dưới 10%", Direction::Falling, "10"),
        ("tối đa 10%", Direction::Falling, "10"),
        ("không còn", Direction::Falling, "0"),
    ] {
        let t: Threshold = phrase.parse().unwrap();
        assert_eq!(t.direction(), direction, "{phrase}");
        assert_eq!(t.goal(), d(goal), "{phrase}");
    }
}

#[test]
fn displays_both_languages() {
    for (phrase, vi, en) in [
        ("trên 60%", "trên 60%", "more than 60%"),
        (
            "1.000 triệu đồng trở lên",
            "ít nhất 1.000.000.000 đồng",
            "at least 1,000,000,000 VND",
        ),
        (
            "khoảng 1.200 hợp tác xã",
            "khoảng 1.200 tổ chức",
            "about 1,200 organisations",
        ),
        ("dưới 10%", "dưới 10%", "less than 10%"),
        ("không còn hợp tác xã", "không còn tổ chức", "none left"),
        ("đều", "tất cả (100%)", "all (100%)"),
        (
            "bình quân 01 Tổ hợp tác/xã",
            "ít nhất 1/xã",
            "at least 1 per commune",
        ),
        (
            "khoảng 20% (±2,5%)",
            "khoảng 20% (±2,5%)",
            "about 20% (±2.5%)",
        ),
        ("khoảng 2,8%", "khoảng 2,8%", "about 2.8%"),
        (
            "ít nhất 1 hợp tác xã",
            "ít nhất 1 tổ chức",
            "at least 1 organisation",
        ),
        (
            "khoảng 13.000 thành viên",
            "khoảng 13.000 thành viên",
            "about 13,000 members",
        ),
        ("in 5.000 cuốn", "ít nhất 5.000", "at least 5,000"),
        ("tối đa 3/huyện", "tối đa 3/huyện", "at most 3 per district"),
        ("tối đa 3/ấp", "tối đa 3/ấp", "at most 3 per ấp"),
        ("không còn (0 đồng)", "không còn (0 đồng)", "none left"),
    ] {
        let t: Threshold = phrase.parse().unwrap();
        assert_eq!(t.to_string(), vi, "{phrase}");
        assert_eq!(t.display_in(Lang::Vi), vi, "{phrase}");
        assert_eq!(t.display_in(Lang::En), en, "{phrase}");
    }
}

#[test]
fn labels() {
    assert_eq!(Comparator::about().label(Lang::Vi), "khoảng");
    assert_eq!(Comparator::NoneLeft.to_string(), "none left");
    assert_eq!(Unit::Organisations.label(Lang::En), "organisations");
    assert_eq!(per("huyện").label(Lang::Vi), "mỗi huyện");
    assert_eq!(per("ấp").label(Lang::En), "per unit");
    assert_eq!(per("ấp").display_in(Lang::Vi), "mỗi ấp");
    assert_eq!(Unit::Vnd.to_string(), "VND");
    assert_eq!(Direction::Falling.to_string(), "falling");
}

#[test]
fn constructor_errors() {
    let err = |c, v: &str, u| Threshold::new(c, d(v), u).unwrap_err().to_string();
    assert_eq!(
        err(AtLeast, "-1", Unit::Items),
        "negative threshold value -1: expected 0 or more"
    );
    assert_eq!(
        err(
            Comparator::About {
                tolerance: d("101")
            },
            "5",
            Unit::Items
        ),
        "about (khoảng) tolerance of 101% is out of range: expected 0 to 100 percent"
    );
    assert_eq!(
        err(Comparator::About { tolerance: d("-1") }, "5", Unit::Items),
        "about (khoảng) tolerance of -1% is out of range: expected 0 to 100 percent"
    );
    assert_eq!(
        err(NoneLeft, "1", Unit::Organisations),
        "none-left (không còn) threshold of 1: expected 0"
    );
    assert_eq!(
        err(Comparator::All, "90", Unit::Percent),
        "all (tất cả) threshold of 90 percent: expected 100 percent"
    );
    assert_eq!(
        err(Comparator::All, "100", Unit::Organisations),
        "all (tất cả) threshold of 100 organisations: expected 100 percent"
    );
    assert_eq!(
        err(AtLeast, "1", per("Xã")),
        "invalid per-unit denominator `Xã`: expected one lowercase word of at most 32 letters in composed (NFC) form, such as `xã`"
    );
    for bad in ["", "hai từ", "x/y", "xã1", &"a".repeat(33)] {
        assert!(
            Threshold::new(AtLeast, Decimal::ONE, per(bad)).is_err(),
            "{bad}"
        );
    }
    // Percent values may exceed 100: a ratio can.
    assert!(Threshold::new(AtLeast, d("150"), Unit::Percent).is_ok());
    assert!(Threshold::new(Comparator::All, d("100.00"), Unit::Percent).is_ok());
    assert!(Threshold::new(Comparator::About { tolerance: d("0") }, d("5"), Unit::Items).is_ok());
}

#[test]
fn parse_errors() {
    let err = |s: &str| Threshold::from_vietnamese(s).unwrap_err().to_string();
    assert_eq!(
        err("abc"),
        "no comparator or number in `abc`: expected a phrase such as `trên 60%` or `khoảng 1.200 hợp tác xã`"
    );
    assert_eq!(
        err("   "),
        "empty threshold phrase: expected a phrase such as `trên 60%` or `khoảng 1.200 hợp tác xã`"
    );
    assert_eq!(
        err(&"a".repeat(257)),
        format!(
            "threshold `{}…` is 257 bytes long: expected at most 256 bytes",
            "a".repeat(80)
        )
    );
    assert!(Threshold::from_vietnamese(&format!("{}trên 5%", " ".repeat(240))).is_ok());
    assert_eq!(
        err("ít nhất"),
        "no number after `ít nhất` in `ít nhất`: expected a number such as `ít nhất 60%`"
    );
    assert_eq!(
        err("trên 1.5%"),
        "invalid number in `trên 1.5%`: invalid Vietnamese number `1.5`: expected exactly three digits after `.`"
    );
    assert_eq!(
        err("trên 100.000.000.000.000.000.000 tỷ đồng"),
        "number in `trên 100.000.000.000.000.000.000 tỷ đồng` is too large: expected a value that fits in a decimal"
    );
    assert_eq!(
        err("không còn 5 hợp tác xã"),
        "`không còn` (none left) with the number 5 in `không còn 5 hợp tác xã`: expected no number or 0"
    );
    assert_eq!(
        err("trên 5 hợp tác xã trở xuống"),
        "conflicting comparators `trên` and `trở xuống` in `trên 5 hợp tác xã trở xuống`: expected one of them"
    );
    assert_eq!(
        err("tỷ lệ hộ nghèo giảm 2%"),
        "ambiguous `giảm` before the number in `tỷ lệ hộ nghèo giảm 2%`: expected a level such as `dưới 10%`, `giảm còn 10%` or `ít nhất 10%`, not a change"
    );
    assert_eq!(
        err("trên 20% (±2%)"),
        "tolerance `±` without `khoảng` in `trên 20% (±2%)`: expected it only after an about-value such as `khoảng 20% (±2%)`"
    );
    assert_eq!(
        err("khoảng 20% (±2)"),
        "invalid tolerance in `khoảng 20% (±2)`: expected `(±N%)` such as `khoảng 20% (±2%)`"
    );
    assert_eq!(
        err("khoảng 20% (±200%)"),
        "invalid threshold `khoảng 20% (±200%)`: about (khoảng) tolerance of 200% is out of range: expected 0 to 100 percent"
    );
    assert_eq!(
        err("trên -5%"),
        "invalid threshold `trên -5%`: negative threshold value -5: expected 0 or more"
    );
    // Agreeing words are no conflict; a change made clear by `trở xuống` is a level.
    assert!(Threshold::from_vietnamese("ít nhất 5 hợp tác xã trở lên").is_ok());
    assert_eq!(
        Threshold::from_vietnamese("giảm 8% trở xuống").unwrap(),
        t(AtMost, "8", Unit::Percent)
    );
    // `trên` as a preposition is not a comparator unless right before the number.
    assert_eq!(
        Threshold::from_vietnamese("trên địa bàn có 100 hợp tác xã").unwrap(),
        t(AtLeast, "100", Unit::Organisations)
    );
    // `đều đặn` (regularly) is not `đều`.
    assert!(Threshold::from_vietnamese("đều đặn").is_err());
    // `đều` with a number other than 100% leaves the number's comparator.
    assert_eq!(
        Threshold::from_vietnamese("đều đạt 50%").unwrap(),
        t(AtLeast, "50", Unit::Percent)
    );
}

#[test]
fn serde_forms() {
    let t: Threshold = "khoảng 20% (±2%)".parse().unwrap();
    let json = serde_json::to_string(&t).unwrap();
    assert_eq!(
        json,
        r#"{"comparator":{"kind":"about","tolerance":"2"},"value":"20","unit":{"kind":"percent"}}"#
    );
    let per_unit: Threshold = "bình quân 01 Tổ hợp tác/xã".parse().unwrap();
    assert_eq!(
        serde_json::to_string(&per_unit).unwrap(),
        r#"{"comparator":{"kind":"at_least"},"value":"1","unit":{"kind":"per_unit","per":"xã"}}"#
    );
    // The tolerance defaults to 5.
    let default: Threshold = serde_json::from_str(
        r#"{"comparator":{"kind":"about"},"value":"1200","unit":{"kind":"organisations"}}"#,
    )
    .unwrap();
    assert_eq!(default.comparator(), &Comparator::about());
    // Deserializing runs the constructor's checks.
    let bad = serde_json::from_str::<Threshold>(
        r#"{"comparator":{"kind":"none_left"},"value":"3","unit":{"kind":"items"}}"#,
    )
    .unwrap_err();
    assert!(
        bad.to_string()
            .contains("none-left (không còn) threshold of 3"),
        "{bad}"
    );
    for bad in [
        r#"{"comparator":{"kind":"at_least"},"value":"3","unit":{"kind":"items"},"extra":1}"#,
        r#"{"comparator":{"kind":"at_least","x":1},"value":"3","unit":{"kind":"items"}}"#,
        r#"{"comparator":{"kind":"about","tolerance":"5","x":1},"value":"3","unit":{"kind":"items"}}"#,
        r#"{"comparator":{"kind":"at_least"},"value":3,"unit":{"kind":"items"}}"#,
        r#"{"comparator":{"kind":"between"},"value":"3","unit":{"kind":"items"}}"#,
        r#"{"comparator":{"kind":"at_least"},"value":"3","unit":{"kind":"per_unit","per":"X"}}"#,
    ] {
        assert!(serde_json::from_str::<Threshold>(bad).is_err(), "{bad}");
    }
    assert_eq!(
        serde_json::to_string(&Direction::Falling).unwrap(),
        r#""falling""#
    );
    let err = |json: &str| {
        serde_json::from_str::<Threshold>(json)
            .unwrap_err()
            .to_string()
    };
    assert!(err(
        r#"{"comparator":{"kind":"at_least","tolerance":"5"},"value":"3","unit":{"kind":"items"}}"#
    )
    .starts_with(
        "unexpected field `tolerance` in comparator `at_least`: expected it only in `about`"
    ));
    assert!(err(
        r#"{"comparator":{"kind":"at_least"},"value":"3","unit":{"kind":"items","per":"xã"}}"#
    )
    .starts_with("unexpected field `per` in unit `items`: expected it only in `per_unit`"));
    assert!(
        err(r#"{"comparator":{"kind":"at_least"},"value":"3","unit":{"kind":"per_unit"}}"#)
            .starts_with("missing field `per` in unit `per_unit`: expected a word such as `xã`")
    );
    for kind in [
        "greater_than",
        "at_least",
        "less_than",
        "at_most",
        "about",
        "none_left",
        "all",
    ] {
        let json = format!(r#"{{"kind":"{kind}"}}"#);
        let c: Comparator = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_json::to_value(&c).unwrap()["kind"], kind);
        assert_eq!(c.kind_name(), kind);
    }
    for unit in [
        Unit::Organisations,
        Unit::Members,
        Unit::Percent,
        Unit::Vnd,
        Unit::Items,
        per("xã"),
    ] {
        let json = serde_json::to_string(&unit).unwrap();
        assert_eq!(serde_json::from_str::<Unit>(&json).unwrap(), unit);
    }
}

#[test]
fn errors_are_send_sync_static() {
    fn check<T: std::error::Error + Send + Sync + 'static>() {}
    check::<ParseError>();
}

fn decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (0u32..2_000_000).prop_map(Decimal::from),
        (0i64..i64::MAX, 0u32..8).prop_map(|(m, s)| Decimal::new(m, s)),
        (any::<u32>(), any::<u32>(), any::<u32>(), 0u32..=28)
            .prop_map(|(lo, mid, hi, s)| Decimal::from_parts(lo, mid, hi, false, s)),
    ]
}

fn unit() -> impl Strategy<Value = Unit> {
    prop_oneof![
        Just(Unit::Organisations),
        Just(Unit::Members),
        Just(Unit::Percent),
        Just(Unit::Vnd),
        Just(Unit::Items),
        prop_oneof![
            Just("xã".to_owned()),
            Just("huyện".to_owned()),
            "[a-zàáảãạăâđêôơư]{1,12}",
            "\\p{Ll}{1,8}",
        ]
        .prop_map(|per| Unit::PerUnit { per }),
    ]
}

fn threshold() -> impl Strategy<Value = Threshold> {
    let tolerance = prop_oneof![
        Just(DEFAULT_TOLERANCE),
        (0i64..=10_000, 0u32..3).prop_map(|(m, s)| Decimal::new(m, s))
    ];
    let comparator = prop_oneof![
        Just(GreaterThan),
        Just(AtLeast),
        Just(LessThan),
        Just(AtMost),
        tolerance.prop_map(|tolerance| Comparator::About { tolerance }),
        Just(NoneLeft),
        Just(Comparator::All),
    ];
    let single = (comparator, decimal(), unit()).prop_filter_map("valid", |(c, v, u)| {
        let (v, u) = match c {
            NoneLeft => (Decimal::ZERO, u),
            Comparator::All => (Decimal::ONE_HUNDRED, Unit::Percent),
            _ => (v, u),
        };
        Threshold::new(c, v, u).ok()
    });
    let range = (decimal(), decimal(), unit()).prop_filter_map("a range", |(a, b, u)| {
        let top = a.checked_add(b)?;
        Threshold::range(a, top, u).ok()
    });
    prop_oneof![3 => single, 1 => range]
}

/// Pieces of phrases, to reach deep into the reader.
fn fragments() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("trên"),
        Just("khoảng"),
        Just("không"),
        Just("còn"),
        Just("đều"),
        Just("tất cả"),
        Just("ít nhất"),
        Just("giảm"),
        Just("trở"),
        Just("lên"),
        Just("xuống"),
        Just("1.000"),
        Just("0"),
        Just("100"),
        Just("2,8"),
        Just("-"),
        Just("%"),
        Just("/"),
        Just("±"),
        Just("("),
        Just(")"),
        Just("triệu"),
        Just("tỷ"),
        Just("đồng"),
        Just("hợp tác xã"),
        Just("thành viên"),
        Just("xã"),
        Just("79.228.162.514.264.337.593.543.950.335"),
        Just("1."),
        Just(","),
    ];
    (prop::collection::vec(piece, 0..12), any::<bool>())
        .prop_map(|(pieces, spaced)| pieces.join(if spaced { " " } else { "" }))
}

proptest! {
    #[test]
    fn display_round_trips(t in threshold()) {
        let text = t.to_string();
        prop_assert!(text.len() <= MAX_PHRASE_LEN, "{}", text);
        let back: Threshold = text.parse().map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(back, t);
    }

    #[test]
    fn serde_round_trips(t in threshold()) {
        let json = serde_json::to_string(&t).unwrap();
        let back: Threshold = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, t);
    }

    #[test]
    fn english_never_panics(t in threshold()) {
        prop_assert!(!t.display_in(Lang::En).is_empty());
    }

    #[test]
    fn never_panics_short(s in ".{0,80}") {
        let _ = Threshold::from_vietnamese(&s);
    }

    #[test]
    fn never_panics_any(s in any::<String>()) {
        let _ = Threshold::from_vietnamese(&s);
    }

    #[test]
    fn never_panics_fragments(s in fragments()) {
        if let Ok(t) = Threshold::from_vietnamese(&s) {
            let back: Threshold = t.to_string().parse().unwrap();
            prop_assert_eq!(back, t);
        }
    }

    #[test]
    fn is_met_follows_direction(t in threshold(), v in decimal(), delta in decimal()) {
        if !t.is_met(v) {
            return Ok(());
        }
        match t.direction() {
            Direction::Rising => {
                if let Some(w) = v.checked_add(delta) {
                    prop_assert!(t.is_met(w), "{} met at {} but not at {}", t, v, w);
                }
            }
            Direction::Falling => {
                if let Some(w) = v.checked_sub(delta).filter(|w| *w >= Decimal::ZERO) {
                    prop_assert!(t.is_met(w), "{} met at {} but not at {}", t, v, w);
                }
            }
        }
    }
}

#[test]
fn ranges() {
    let table: &[(&str, &str, &str, Unit, &str)] = &[
        (
            "từ 12 - 18 tổ hợp tác",
            "12",
            "18",
            Unit::Organisations,
            "từ 12 - 18 tổ chức",
        ),
        ("từ 55 - 65%", "55", "65", Unit::Percent, "từ 55 - 65%"),
        (
            "tốt, khá chiếm từ 55 - 65%",
            "55",
            "65",
            Unit::Percent,
            "từ 55 - 65%",
        ),
        (
            "25-40 HTX",
            "25",
            "40",
            Unit::Organisations,
            "từ 25 - 40 tổ chức",
        ),
        ("55-65%", "55", "65", Unit::Percent, "từ 55 - 65%"),
        ("55% - 65%", "55", "65", Unit::Percent, "từ 55 - 65%"),
        ("từ 55% đến 65%", "55", "65", Unit::Percent, "từ 55 - 65%"),
        (
            "từ 10 đến 15 hợp tác xã",
            "10",
            "15",
            Unit::Organisations,
            "từ 10 - 15 tổ chức",
        ),
        (
            "thành lập mới từ 10 - 15 HTX",
            "10",
            "15",
            Unit::Organisations,
            "từ 10 - 15 tổ chức",
        ),
        (
            "từ 10 hợp tác xã đến 15 hợp tác xã",
            "10",
            "15",
            Unit::Organisations,
            "từ 10 - 15 tổ chức",
        ),
        (
            "30–50 thành viên",
            "30",
            "50",
            Unit::Members,
            "từ 30 - 50 thành viên",
        ),
        ("từ 10÷15%", "10", "15", Unit::Percent, "từ 10 - 15%"),
        (
            "từ 1 - 2 tỷ đồng",
            "1000000000",
            "2000000000",
            Unit::Vnd,
            "từ 1.000.000.000 - 2.000.000.000 đồng",
        ),
        (
            "từ 500 triệu - 1 tỷ đồng",
            "500000000",
            "1000000000",
            Unit::Vnd,
            "từ 500.000.000 - 1.000.000.000 đồng",
        ),
        ("từ 1 - 2 tổ hợp tác/xã", "1", "2", per("xã"), "từ 1 - 2/xã"),
        (
            "từ 12 - 18 tổ hợp tác trở lên",
            "12",
            "18",
            Unit::Organisations,
            "từ 12 - 18 tổ chức",
        ),
    ];
    for (phrase, floor, top, unit, canonical) in table {
        let t: Threshold = phrase.parse().unwrap_or_else(|e| panic!("{phrase}: {e}"));
        let want = Threshold::range(d(floor), d(top), unit.clone()).unwrap();
        assert_eq!(t, want, "{phrase}");
        assert_eq!(t.comparator(), &AtLeast, "{phrase}");
        assert_eq!(t.to_string(), *canonical, "{phrase}");
        assert_eq!(canonical.parse::<Threshold>().unwrap(), t, "{canonical}");
    }
    // The floor exactly meets it; the aspiration is a second question.
    let t: Threshold = "từ 55 - 65%".parse().unwrap();
    assert!(!t.is_met(d("54.999")));
    assert!(t.is_met(d("55")));
    assert_eq!(t.aspiration_reached(d("55")), Some(false));
    assert_eq!(t.aspiration_reached(d("64.99")), Some(false));
    assert_eq!(t.aspiration_reached(d("65")), Some(true));
    assert!(
        t.is_met(d("100")),
        "going past the aspiration is no failure"
    );
    assert_eq!((t.goal(), t.direction()), (d("55"), Direction::Rising));
    assert_eq!(t.display_in(Lang::En), "from 55 to 65%");
    assert_eq!(
        "25-40 HTX"
            .parse::<Threshold>()
            .unwrap()
            .display_in(Lang::En),
        "from 25 to 40 organisations"
    );
}

#[test]
fn range_refusals() {
    for (phrase, message) in [
        ("từ 65 - 55%", "a range from 65 down to 55 in `từ 65 - 55%`: expected a range whose second end is above the first, such as `từ 55 - 65%`"),
        ("từ 10 - 10 HTX", "a range from 10 down to 10 in `từ 10 - 10 HTX`: expected a range whose second end is above the first, such as `từ 55 - 65%`"),
        ("trên 10 - 15%", "a range with `trên` in `trên 10 - 15%`: expected a range as a floor and an aspiration, such as `từ 55 - 65%` or `25-40 HTX`"),
        ("khoảng 10-15 HTX", "a range with `khoảng` in `khoảng 10-15 HTX`: expected a range as a floor and an aspiration, such as `từ 55 - 65%` or `25-40 HTX`"),
        ("từ 10 - 15 HTX trở xuống", "a range with `trở xuống` in `từ 10 - 15 HTX trở xuống`: expected a range as a floor and an aspiration, such as `từ 55 - 65%` or `25-40 HTX`"),
        ("30% đến 2025", "a range from a percent to items in `30% đến 2025`: expected a range such as `từ 55 - 65%`"),
        ("10 HTX - 15 thành viên", "a range of two units, organisations and members, in `10 HTX - 15 thành viên`: expected a range such as `từ 55 - 65%`"),
        ("năm 2025 có 50 HTX", "the year `năm 2025` stands where the value should in `năm 2025 có 50 HTX`: expected a threshold such as `trên 60%`; read a whole sentence with `TargetPhrase::read`"),
        ("5 HTX/năm", "a count per `/năm` in `5 HTX/năm`: expected a count without `/…`; read the sentence with `TargetPhrase::read`, which keeps the rate"),
        ("25 thành viên/hợp tác xã", "a value per organisation `/hợp tác xã` in `25 thành viên/hợp tác xã`: expected a threshold without `/…` on a mean measure; read the sentence with `TargetPhrase::read`"),
    ] {
        let err = Threshold::from_vietnamese(phrase).unwrap_err();
        assert_eq!(err.to_string(), message, "{phrase}");
    }
    // A sign stays a sign where no number stands before it.
    assert!(Threshold::from_vietnamese("-5%").is_err());
    // "Or" between kinds is no denominator.
    let t: Threshold = "tối thiểu 300 hợp tác xã/liên hiệp hợp tác xã"
        .parse()
        .unwrap();
    assert_eq!(
        t,
        Threshold::new(AtLeast, d("300"), Unit::Organisations).unwrap()
    );
}

#[test]
fn range_json() {
    let t: Threshold = "từ 55 - 65%".parse().unwrap();
    let json = serde_json::to_string(&t).unwrap();
    assert_eq!(
        json,
        r#"{"comparator":{"kind":"at_least"},"value":"55","aspiration":"65","unit":{"kind":"percent"}}"#
    );
    assert_eq!(serde_json::from_str::<Threshold>(&json).unwrap(), t);
    assert_eq!(
        serde_json::from_str::<Threshold>(r#""từ 55 - 65%""#).unwrap(),
        t
    );
    let plain: Threshold = "trên 60%".parse().unwrap();
    assert!(!serde_json::to_string(&plain)
        .unwrap()
        .contains("aspiration"));
    let err = serde_json::from_str::<Threshold>(
        r#"{"comparator":{"kind":"greater_than"},"value":"55","aspiration":"65","unit":{"kind":"percent"}}"#,
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("aspiration 65 with the comparator `greater_than`: expected an aspiration only with `at_least`"), "{err}");
    let err = serde_json::from_str::<Threshold>(
        r#"{"comparator":{"kind":"at_least"},"value":"65","aspiration":"55","unit":{"kind":"percent"}}"#,
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("range from 65 to 55"), "{err}");
}

mod sentences {
    use super::super::{GrowthPhrase, MoneyUnit, Per, QualifierKind, Subject, TargetPhrase};
    use super::*;

    fn read(s: &str) -> TargetPhrase {
        TargetPhrase::read(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn years_are_never_values() {
        let t = read("đến năm 2030 có 150 HTX");
        assert_eq!(
            t.threshold(),
            &Threshold::new(AtLeast, d("150"), Unit::Organisations).unwrap()
        );
        assert_eq!(t.deadline(), Some(2030));
        let t = read("Năm 2024, tỉnh phấn đấu thành lập mới 12 HTX");
        assert_eq!((t.threshold().value(), t.deadline()), (d("12"), Some(2024)));
        assert_eq!(t.subjects(), [Subject::New, Subject::Cooperative]);
        // A law's year gives no deadline.
        let t = read("theo Luật Hợp tác xã năm 2012, thành lập mới 5 HTX");
        assert_eq!((t.threshold().value(), t.deadline()), (d("5"), None));
    }

    #[test]
    fn growth() {
        let t = read("tăng tối thiểu 8% so với năm 2021");
        assert_eq!(
            t.threshold(),
            &Threshold::new(AtLeast, d("8"), Unit::Percent).unwrap()
        );
        assert_eq!(
            t.growth(),
            Some(&GrowthPhrase::SinceYear {
                year: 2021,
                direction: Direction::Rising
            })
        );
        let t = read("tăng bình quân 6,5%/năm");
        assert_eq!(t.threshold().value(), d("6.5"));
        assert_eq!(
            t.growth(),
            Some(&GrowthPhrase::Yearly {
                direction: Direction::Rising
            })
        );
        assert!(
            t.per().is_empty(),
            "the year of a yearly growth is no per item"
        );
        let t = read("tăng trên 10% so với cùng kỳ");
        assert_eq!(t.threshold().comparator(), &GreaterThan);
        assert_eq!(
            t.growth(),
            Some(&GrowthPhrase::SincePreviousYear {
                direction: Direction::Rising
            })
        );
        // Levels stay levels.
        assert_eq!(read("số hợp tác xã yếu kém giảm dưới 10%").growth(), None);
        assert_eq!(read("giảm còn 5%").threshold().comparator(), &AtMost);
    }

    #[test]
    fn per_organisation_money_and_places() {
        let t = read("bình quân 25 thành viên/hợp tác xã");
        assert_eq!(
            (t.threshold().unit(), t.per()),
            (&Unit::Members, &[Per::Organisation][..])
        );
        let t = read("thu nhập bình quân 5,5 triệu đồng/người/tháng");
        assert_eq!(t.threshold().value(), d("5500000"));
        assert_eq!(t.money(), Some(MoneyUnit::MillionDong));
        assert_eq!(t.value_as_written(), d("5.5"));
        assert_eq!(t.per(), [Per::Person, Per::Month]);
        let t = read("tối thiểu 300 hợp tác xã/liên hiệp hợp tác xã");
        assert_eq!(t.threshold().unit(), &Unit::Organisations);
        assert!(t.per().is_empty(), "`/` between kinds is `or`");
        assert_eq!(t.subjects(), [Subject::Cooperative, Subject::Union]);
        assert_eq!(read("mỗi xã có ít nhất 01 HTX").each(), Some("xã"));
        let t = read("50% hợp tác xã có trên 200 thành viên đạt loại khá");
        assert_eq!(t.threshold().value(), d("50"));
        let q = t.qualifiers().first().unwrap();
        assert_eq!(
            (q.kind(), q.text()),
            (QualifierKind::Size, "trên 200 thành viên")
        );
    }

    #[test]
    fn a_count_per_year_is_a_rate_not_a_place() {
        for phrase in ["thành lập mới 10 HTX/năm", "thành lập mới 5 - 7 HTX/năm"] {
            let t = read(phrase);
            assert_eq!(t.per(), [Per::Year], "{phrase}");
            assert_eq!(t.threshold().unit(), &Unit::Organisations, "{phrase}");
        }
        assert_eq!(
            read("tối thiểu 01 HTX/xã").threshold().to_string(),
            "ít nhất 1/xã"
        );
    }

    #[test]
    fn every_target_of_a_sentence() {
        let text = "Đến năm 2030, hỗ trợ thành lập mới 120 hợp tác xã, 250 tổ hợp tác và 8 liên hiệp hợp tác xã";
        let parts = TargetPhrase::read_all(text).unwrap();
        let got: Vec<(&str, String, Option<i32>, Option<usize>)> = parts
            .iter()
            .map(|p| {
                (
                    &text[p.range()],
                    p.reading().threshold().to_string(),
                    p.deadline(),
                    p.within(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Đến năm 2030, hỗ trợ thành lập mới 120 hợp tác xã",
                    "ít nhất 120 tổ chức".to_owned(),
                    Some(2030),
                    None
                ),
                (
                    "250 tổ hợp tác",
                    "ít nhất 250 tổ chức".to_owned(),
                    Some(2030),
                    None
                ),
                (
                    "8 liên hiệp hợp tác xã",
                    "ít nhất 8 tổ chức".to_owned(),
                    Some(2030),
                    None
                ),
            ]
        );
        // Each part's reading reads alone to itself.
        for p in &parts {
            assert_eq!(&read(p.reading().text()), p.reading());
            assert!(p.reading().subjects().contains(&Subject::New));
        }
        // One target: one part, the sentence's own reading.
        let padded = "  đến năm 2030 có 150 HTX";
        let one = TargetPhrase::read_all(padded).unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(&padded[one[0].range()], "đến năm 2030 có 150 HTX");
        assert_eq!(one[0].reading(), &read("đến năm 2030 có 150 HTX"));
        // A deadline per clause: each part takes its own, a list item the
        // one of its clause.
        for (text, want) in [
            (
                "đến năm 2025 đạt 60% và đến năm 2030 đạt 80%",
                &[("ít nhất 60%", Some(2025)), ("ít nhất 80%", Some(2030))][..],
            ),
            (
                "đến năm 2025 có 100 HTX; đến năm 2030 có 150 HTX, 300 THT",
                &[
                    ("ít nhất 100 tổ chức", Some(2025)),
                    ("ít nhất 150 tổ chức", Some(2030)),
                    ("ít nhất 300 tổ chức", Some(2030)),
                ][..],
            ),
            (
                "Đến năm 2025, có 100 HTX; đến năm 2030, có 150 HTX",
                &[
                    ("ít nhất 100 tổ chức", Some(2025)),
                    ("ít nhất 150 tổ chức", Some(2030)),
                ][..],
            ),
        ] {
            let got: Vec<(String, Option<i32>)> = TargetPhrase::read_all(text)
                .unwrap_or_else(|e| panic!("{text}: {e}"))
                .iter()
                .map(|p| (p.reading().threshold().to_string(), p.deadline()))
                .collect();
            let want: Vec<(String, Option<i32>)> =
                want.iter().map(|(t, y)| ((*t).to_owned(), *y)).collect();
            assert_eq!(got, want, "{text}");
        }
        // Of which: linked to the part before.
        let parts = TargetPhrase::read_all(
            "bảo đảm trên 90% tổ chức kinh tế tập thể hoạt động hiệu quả, trong đó có ít nhất 75% tham gia các chuỗi liên kết",
        )
        .unwrap();
        assert_eq!(
            parts.iter().map(|p| p.within()).collect::<Vec<_>>(),
            [None, Some(0)]
        );
    }

    #[test]
    fn every_target_refusals_name_the_part() {
        for (phrase, opening) in [
            (
                "toàn tỉnh có 25.000 thành viên tham gia 730 hợp tác xã",
                "two candidate numbers for the target, `25.000 thành viên` and `730 hợp tác xã`",
            ),
            (
                "phấn đấu đến năm 2030 có trên 5.000 hợp tác xã và 500 tổ hợp tác ứng dụng công nghệ cao",
                "the words after the last item `500 tổ hợp tác ứng dụng công nghệ cao`",
            ),
            (
                "thành lập mới 40 HTX, trong đó có 30 HTX nông nghiệp và 10 HTX phi nông nghiệp",
                "part 3 `10 HTX phi nông nghiệp` of",
            ),
            (
                "100% hợp tác xã xếp loại Tốt, đạt từ 80 điểm trở lên",
                "part 2 `đạt từ 80 điểm trở lên` of",
            ),
            (
                "có 29.378 HTX, tăng 5,4% so với thời điểm 31/12/2021",
                "part 2 `tăng 5,4% so với thời điểm 31/12/2021` of",
            ),
            (
                "khoảng 140 nghìn tổ hợp tác với hai triệu thành viên",
                "two candidate numbers for the target, `khoảng 140 nghìn tổ hợp tác` and `hai triệu thành viên`",
            ),
        ] {
            let err = TargetPhrase::read_all(phrase).unwrap_err();
            assert!(err.to_string().starts_with(opening), "{phrase}: {err}");
            assert_eq!(err.what(), "target phrase");
        }
    }

    #[test]
    fn refusals_name_the_part() {
        for (phrase, message) in [
            (
                "Phát triển mới 80 Tổ hợp tác, đạt bình quân 01 Tổ hợp tác/xã",
                "two candidate numbers for the target, `80 Tổ hợp tác` and `01 Tổ hợp tác/xã`, in `Phát triển mới 80 Tổ hợp tác, đạt bình quân 01 Tổ hợp tác/xã`: expected one target per sentence: split the sentence, or say which number is the target",
            ),
            (
                "tăng 10%",
                "a change `10%` without a base in `tăng 10%`: expected a base such as `so với năm 2021`, or a yearly rate such as `tăng 5%/năm`",
            ),
            (
                "HTX có trên 200 thành viên",
                "no target number in `HTX có trên 200 thành viên`: `trên 200 thành viên` only says which organisations or people are counted: expected a target such as `50% hợp tác xã có trên 200 thành viên`",
            ),
            (
                "đến năm 2025 và đến năm 2030 có 50 HTX",
                "two deadlines `đến năm 2025` and `đến năm 2030` in `đến năm 2025 và đến năm 2030 có 50 HTX`: expected one target with one deadline per sentence",
            ),
            (
                "lãi suất 5%/năm",
                "a rate per year `5%/năm` without `tăng` or `giảm` in `lãi suất 5%/năm`: expected a growth such as `tăng bình quân 6,5%/năm`",
            ),
            (
                "khoảng 140 nghìn tổ hợp tác với hai triệu thành viên",
                "two candidate numbers for the target, `khoảng 140 nghìn tổ hợp tác` and `hai triệu thành viên` (a number in words), in `khoảng 140 nghìn tổ hợp tác với hai triệu thành viên`: expected one target per sentence, its number in digits: split the sentence, or write the number in digits",
            ),
            (
                "50 HTX và năm trăm tổ hợp tác",
                "two candidate numbers for the target, `50 HTX` and `năm trăm tổ hợp` (a number in words), in `50 HTX và năm trăm tổ hợp tác`: expected one target per sentence, its number in digits: split the sentence, or write the number in digits",
            ),
            ("", "empty target phrase: expected a target such as `đến năm 2030 có 150 HTX`"),
        ] {
            let err = TargetPhrase::read(phrase).unwrap_err();
            assert_eq!(err.to_string(), message, "{phrase}");
            assert_eq!(err.what(), "target phrase");
        }
        let long = "có 1 HTX ".repeat(1000);
        assert!(TargetPhrase::read(&long)
            .unwrap_err()
            .to_string()
            .contains("bytes long"));
    }

    #[test]
    fn json_round_trips_and_checks_the_sentence() {
        let t = read("doanh thu bình quân mỗi HTX khoảng 3,2 tỷ đồng/năm");
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<TargetPhrase>(&json).unwrap(), t);
        let forged = json.replace("\"billion_dong\"", "\"dong\"");
        assert_ne!(forged, json);
        let err = serde_json::from_str::<TargetPhrase>(&forged).unwrap_err();
        assert!(
            err.to_string().contains("differ from what it says"),
            "{err}"
        );
        assert_eq!(
            t.display_in(Lang::En),
            "about 3,200,000,000 VND; per organisation; per year; revenue, cooperative"
        );
    }

    proptest! {
        #[test]
        fn threshold_phrases_read_the_same_alone(t in threshold()) {
            // A canonical threshold phrase is a one-target sentence.
            let text = t.to_string();
            if let Ok(reading) = TargetPhrase::read(&text) {
                prop_assert_eq!(reading.threshold(), &t);
            }
        }
    }
}
