//! Tests of agencies, the directory and name normalisation.

use super::*;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn id(s: &str) -> AgencyId {
    AgencyId::new(s).unwrap()
}

fn agency(s: &str) -> Agency {
    Agency::new(id(s), s.to_uppercase(), s, AgencyLevel::Province)
}

#[test]
fn ids_are_checked() {
    for good in [
        "so-khdt",
        "ubnd-huyen",
        "lmhtx",
        "a",
        "x_1.2",
        &"a".repeat(64),
    ] {
        assert_eq!(AgencyId::new(good).unwrap().as_str(), good);
    }
    for bad in ["", "So-khdt", "sở", "a b", "a/b", &"a".repeat(65), " a"] {
        assert!(AgencyId::new(bad).is_err(), "{bad:?}");
    }
    assert_eq!(
        AgencyId::new("").unwrap_err().to_string(),
        "empty agency id: expected at least one character"
    );
    assert_eq!(
        "UBND".parse::<AgencyId>().unwrap_err().to_string(),
        "invalid agency id `UBND`: expected only lowercase ASCII letters, digits, `-`, `_` and `.`"
    );
    let long = "a".repeat(300);
    let msg = AgencyId::new(&long).unwrap_err().to_string();
    assert!(msg.contains('…') && msg.len() < 200, "{msg}");
}

#[test]
fn ids_deserialize_through_the_check() {
    assert_eq!(
        serde_json::to_string(&id("so-khdt")).unwrap(),
        "\"so-khdt\""
    );
    assert_eq!(
        serde_json::from_str::<AgencyId>("\"lmhtx\"").unwrap(),
        id("lmhtx")
    );
    assert!(serde_json::from_str::<AgencyId>("\"Sở\"").is_err());
    assert!(serde_json::from_str::<AgencyId>("\"\"").is_err());
}

#[test]
fn levels_have_labels_and_snake_case() {
    for level in AgencyLevel::ALL {
        assert!(!level.label(Lang::Vi).is_empty());
        let json = serde_json::to_string(&level).unwrap();
        assert_eq!(json, format!("\"{}\"", level.label(Lang::En)));
        assert_eq!(serde_json::from_str::<AgencyLevel>(&json).unwrap(), level);
    }
}

#[test]
fn tone_placement_is_unified() {
    for (a, b) in [
        ("uỷ", "ủy"),
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("hoá", "hóa"),
        ("toà", "tòa"),
        ("Uỷ ban", "Ủy ban"),
        ("văn hoá", "văn hóa"),
    ] {
        assert_eq!(
            normalize_agency_name(a),
            normalize_agency_name(b),
            "{a} / {b}"
        );
    }
    assert_eq!(normalize_agency_name("thuỷ"), "thủy");
    // Syllables both conventions agree on stay as they are.
    for same in [
        "quý", "hoàn", "hoạch", "thuyền", "ngoài", "khuya", "của", "quả", "hóa",
    ] {
        assert_eq!(normalize_agency_name(same), same);
    }
    assert_eq!(normalize_agency_name("qúy"), "quý");
}

#[test]
fn decomposed_text_is_composed() {
    // "Ủy ban" and "Sở Kế hoạch" written with combining marks.
    let nfd = "U\u{31b}\u{309}y ban";
    assert_eq!(normalize_agency_name("U\u{309}y ban"), "ủy ban");
    assert_eq!(normalize_agency_name(nfd), "ửy ban");
    assert_eq!(
        normalize_agency_name("So\u{31b}\u{309} Ke\u{302}\u{301} hoa\u{323}ch"),
        "sở kế hoạch"
    );
    assert_eq!(normalize_agency_name("a\u{323}\u{302}"), "ậ");
}

#[test]
fn abbreviations_expand() {
    let same = |a: &str, b: &str| {
        assert_eq!(
            normalize_agency_name(a),
            normalize_agency_name(b),
            "{a} / {b}"
        );
    };
    same("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư");
    same("Sở KHĐT", "Sở Kế hoạch và Đầu tư");
    same("Sở KH và ĐT", "Sở Kế hoạch và Đầu tư");
    same("Sở KH-DT", "Sở Kế hoạch và Đầu tư");
    same("Sở KH&CN", "Sở Khoa học và Công nghệ");
    same("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn");
    same("Sở NNPTNT", "Sở Nông nghiệp và Phát triển nông thôn");
    same("Sở TN&MT", "Sở Tài nguyên và Môi trường");
    same("Sở NN&MT", "Sở Nông nghiệp và Môi trường");
    same("Sở LĐTB&XH", "Sở Lao động - Thương binh và Xã hội");
    same("Sở LĐ-TB&XH", "Sở Lao động, Thương binh và Xã hội");
    same("Sở LDTBXH", "Sở Lao động - Thương binh và xã hội");
    same("Sở TT&TT", "Sở Thông tin và Truyền thông");
    same("Sở GD&ĐT", "Sở Giáo dục và Đào tạo");
    same("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch");
    same("Sở VHTT&DL", "Sở Văn hoá, Thể thao và Du lịch");
    same("Sở GTVT", "Sở Giao thông vận tải");
    same("Sở GTVT", "Sở Giao thông - Vận tải");
    same("LMHTX tỉnh", "Liên minh Hợp tác xã tỉnh");
    same("Liên minh HTX tỉnh", "Liên minh Hợp tác xã tỉnh");
    same("UBMTTQVN tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh");
    same(
        "Ủy ban MTTQ Việt Nam tỉnh",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    );
    same("NHNN chi nhánh tỉnh", "Ngân hàng Nhà nước - Chi nhánh tỉnh");
    same("NHCSXH", "Ngân hàng Chính sách xã hội");
    same("Hội LHPN tỉnh", "Hội Liên hiệp Phụ nữ tỉnh");
    same("LĐLĐ tỉnh", "Liên đoàn Lao động tỉnh");
    same("Đài PT-TH", "Đài Phát thanh - Truyền hình");
    same("Đài PTTH", "Đài Phát thanh, truyền hình");
    same("HĐND tỉnh", "Hội đồng nhân dân tỉnh");
    same("VP Điều phối NTM", "Văn phòng Điều phối nông thôn mới");
    same("Bộ KH&ĐT", "Bộ Kế hoạch và Đầu tư");
}

/// Every agency spelling of the five seed plans, and of the brief, with the
/// agency it means in the standard directory.
const SEED_SPELLINGS: &[(&str, &str)] = &[
    // Seed 003 (Nghệ An, 363/KH-UBND): the appendix's lead and cooperating units.
    ("Các sở, ngành", "so-nganh"),
    ("UBND cấp huyện", "ubnd-huyen"),
    ("Sở Thông tin và Truyền thông", "so-tttt"),
    ("các cơ quan báo", "bao-tinh"),
    ("Đài Phát thanh, truyền hình", "dai-ptth"),
    ("Liên minh Hợp tác xã tỉnh", "lmhtx"),
    ("Sở Nội vụ", "so-noi-vu"),
    ("Sở Nông nghiệp và PTNT", "so-nnptnt"),
    ("Sở Kế hoạch và Đầu tư", "so-khdt"),
    ("Các sở, ngành liên quan", "so-nganh"),
    ("Sở Tài chính", "so-tai-chinh"),
    ("Ban Dân tộc tỉnh", "ban-dan-toc"),
    ("Sở Lao động - Thương binh và xã hội", "so-ldtbxh"),
    ("Sở Tài nguyên và Môi trường", "so-tnmt"),
    ("UBND các huyện", "ubnd-huyen"),
    ("Ngân hàng Nhà nước chi nhánh tỉnh Nghệ An", "nhnn"),
    ("Ngân hàng Nhà nước - Chi nhánh tỉnh Nghệ An", "nhnn"),
    ("Các cơ quan, đơn vị có liên quan", "co-quan-lien-quan"),
    ("các cơ quan, đơn vị có liên quan", "co-quan-lien-quan"),
    ("Các đơn vị có liên quan", "co-quan-lien-quan"),
    ("Sở Khoa học và Công nghệ", "so-khcn"),
    ("Sở Công Thương", "so-cong-thuong"),
    ("Các sở, ban, ngành", "so-nganh"),
    ("Ủy ban Mặt trận Tổ quốc Việt", "mttq"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Nghệ An", "mttq"),
    ("Hội Liên hiệp Phụ nữ tỉnh", "hoi-lhpn"),
    ("Liên Minh Hợp tác xã tỉnh", "lmhtx"),
    ("Liên minh hợp tác xã tỉnh", "lmhtx"),
    ("Ủy ban nhân dân tỉnh", "ubnd-tinh"),
    ("UBND tỉnh", "ubnd-tinh"),
    ("UBND các huyện, thành, thị", "ubnd-huyen"),
    ("Ủy ban nhân dân các huyện, thành, thị", "ubnd-huyen"),
    ("UBND các huyện, thành phố, thị xã", "ubnd-huyen"),
    ("Mặt trận Tổ quốc", "mttq"),
    ("TT Tỉnh ủy", "tinh-uy"),
    ("Ban Thường vụ Tỉnh ủy", "tinh-uy"),
    // Seed 000 (Quảng Nam, 2651/UBND-KTN).
    ("Sở, Ban, ngành liên quan", "so-nganh"),
    ("các Sở, Ban, ngành liên quan", "so-nganh"),
    ("UBND các huyện, thị xã, thành phố", "ubnd-huyen"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "so-nnptnt"),
    ("HĐND tỉnh", "hdnd-tinh"),
    ("UBMTTQVN tỉnh", "mttq"),
    ("Báo Quảng Nam", "bao-tinh"),
    ("Đài Phát thanh - Truyền hình Quảng Nam", "dai-ptth"),
    // Seed 001 (An Giang, 1206/QĐ-UBND).
    ("Ủy ban nhân dân tỉnh An Giang", "ubnd-tinh"),
    ("Sở, Ban, ngành tỉnh", "so-nganh"),
    ("Liên minh HTX tỉnh", "lmhtx"),
    ("Hội Nông dân tỉnh", "hoi-nong-dan"),
    // Seed 002 (Lạng Sơn, 538/UBND-KTTH).
    ("Các sở, ban, ngành tỉnh", "so-nganh"),
    ("UBND các huyện, thành phố", "ubnd-huyen"),
    ("Ủy ban nhân dân các huyện, thành phố", "ubnd-huyen"),
    ("Liên minh Hợp tác xã Việt Nam", "lmhtx-vn"),
    ("Bộ Kế hoạch và Đầu tư", "bo-khdt"),
    ("Thường trực Tỉnh ủy", "tinh-uy"),
    // Seed 004 (plan of 2023).
    ("Liên minh hợp tác xã Việt Nam", "lmhtx-vn"),
    // The abbreviations of the brief.
    ("Sở KH&ĐT", "so-khdt"),
    ("Sở NN&PTNT", "so-nnptnt"),
    ("Sở NN và PTNT", "so-nnptnt"),
    ("Sở KH&CN", "so-khcn"),
    ("Sở TN&MT", "so-tnmt"),
    ("Sở LĐTB&XH", "so-ldtbxh"),
    ("Sở TT&TT", "so-tttt"),
    ("Sở GD&ĐT", "so-gddt"),
    ("Sở Tư pháp", "so-tu-phap"),
    ("Sở VH,TT&DL", "so-vhttdl"),
    ("Sở Văn hóa, Thể thao và Du lịch", "so-vhttdl"),
    ("Sở Xây dựng", "so-xay-dung"),
    ("Sở GTVT", "so-gtvt"),
    ("Sở Nông nghiệp và Môi trường", "so-nnmt"),
    ("UBND cấp xã", "ubnd-xa"),
    ("LMHTX", "lmhtx"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "mttq"),
    ("NHNN", "nhnn"),
    ("Ngân hàng Chính sách xã hội", "nhcsxh"),
    ("Hội Nông dân", "hoi-nong-dan"),
    ("Hội LHPN", "hoi-lhpn"),
    ("Hội LHPN tỉnh", "hoi-lhpn"),
    ("Tỉnh đoàn", "tinh-doan"),
    ("Tỉnh Đoàn Nghệ An", "tinh-doan"),
    ("Liên đoàn Lao động tỉnh", "ldld"),
    ("Báo", "bao-tinh"),
    ("Đài PT-TH", "dai-ptth"),
    ("Cục Thuế", "cuc-thue"),
    ("Cục Thuế tỉnh Nghệ An", "cuc-thue"),
    ("Văn phòng Điều phối nông thôn mới", "vp-nong-thon-moi"),
    ("Ban Dân tộc", "ban-dan-toc"),
    ("Bộ KH&ĐT", "bo-khdt"),
    // Ids and English names.
    ("so-khdt", "so-khdt"),
    ("Department of Planning and Investment", "so-khdt"),
    ("district people's committees", "ubnd-huyen"),
];

#[test]
fn every_seed_spelling_resolves() {
    let dir = AgencyDirectory::standard_province();
    for (name, want) in SEED_SPELLINGS {
        let got = dir.resolve(name).map(|a| a.id.as_str());
        assert_eq!(got, Some(*want), "{name}");
    }
}

#[test]
fn lists_and_unknown_names_do_not_resolve() {
    let dir = AgencyDirectory::standard_province();
    for name in [
        "",
        "   ",
        "UBND",
        "Sở",
        "UBND tỉnh và Sở Tài chính",
        "Các sở, ngành và UBND cấp huyện",
        "Bộ Quốc phòng",
        &"Sở Tài chính ".repeat(40),
    ] {
        assert_eq!(dir.resolve(name), None, "{name}");
    }
}

#[test]
fn standard_directory_is_consistent() {
    let dir = AgencyDirectory::standard_province();
    assert!(AgencyDirectory::check(dir.as_slice()).is_empty());
    for agency in &dir {
        assert_eq!(AgencyId::new(agency.id.as_str()).as_ref(), Ok(&agency.id));
        assert_eq!(
            dir.resolve(&agency.name.vi),
            Some(agency),
            "{}",
            agency.name.vi
        );
        assert_eq!(
            dir.resolve(agency.name.en.as_deref().unwrap_or_default()),
            Some(agency),
            "{}",
            agency.name.en.as_deref().unwrap_or_default()
        );
        for alias in &agency.aliases {
            assert_eq!(dir.resolve(alias), Some(agency), "{alias}");
        }
    }
    for wanted in [
        "ubnd-tinh",
        "so-khdt",
        "so-tai-chinh",
        "so-nnptnt",
        "so-cong-thuong",
        "so-khcn",
        "so-tnmt",
        "so-ldtbxh",
        "so-tttt",
        "so-gddt",
        "so-noi-vu",
        "so-tu-phap",
        "so-vhttdl",
        "so-xay-dung",
        "so-gtvt",
        "ubnd-huyen",
        "ubnd-xa",
        "lmhtx",
        "mttq",
        "nhnn",
        "nhcsxh",
        "hoi-nong-dan",
        "hoi-lhpn",
        "tinh-doan",
        "ldld",
        "bao-tinh",
        "dai-ptth",
        "cuc-thue",
        "vp-nong-thon-moi",
        "ban-dan-toc",
        "so-nnmt",
        "bo-khdt",
    ] {
        assert!(dir.contains(&id(wanted)), "{wanted}");
    }
    assert_eq!(dir.get(&id("ubnd-xa")).unwrap().level, AgencyLevel::Commune);
    assert_eq!(dir.get(&id("bo-khdt")).unwrap().level, AgencyLevel::Central);
}

#[test]
fn successions_of_2025() {
    let dir = AgencyDirectory::standard_province();
    let holder = |from: &str, date: NaiveDate| dir.holder_at(&id(from), date).unwrap().id.as_str();
    assert_eq!(holder("ubnd-huyen", d(2025, 6, 30)), "ubnd-huyen");
    assert_eq!(holder("ubnd-huyen", d(2025, 7, 1)), "ubnd-xa");
    assert_eq!(holder("so-khdt", d(2025, 2, 28)), "so-khdt");
    assert_eq!(holder("so-khdt", d(2025, 3, 1)), "so-tai-chinh");
    for (old, new) in [
        ("so-nnptnt", "so-nnmt"),
        ("so-tnmt", "so-nnmt"),
        ("so-tttt", "so-khcn"),
        ("so-gtvt", "so-xay-dung"),
        ("so-ldtbxh", "so-noi-vu"),
        ("bo-khdt", "bo-tai-chinh"),
    ] {
        assert_eq!(holder(old, d(2024, 12, 31)), old);
        assert_eq!(holder(old, d(2026, 1, 1)), new);
    }
    assert_eq!(holder("so-tai-chinh", d(2030, 1, 1)), "so-tai-chinh");
    assert!(dir.holder_at(&id("nobody"), d(2025, 1, 1)).is_none());
    let note = dir
        .get(&id("so-khdt"))
        .unwrap()
        .successor
        .as_ref()
        .unwrap()
        .note
        .clone();
    assert!(note.unwrap().contains("likely at provincial level"));
}

#[test]
fn chained_successions_are_followed() {
    let a = agency("a").with_successor(Succession::new(id("b"), d(2025, 1, 1)));
    let b = agency("b").with_successor(Succession::new(id("c"), d(2026, 1, 1)));
    let dir = AgencyDirectory::new(vec![a, b, agency("c")]).unwrap();
    let holder = |date| dir.holder_at(&id("a"), date).unwrap().id.as_str();
    assert_eq!(holder(d(2024, 6, 1)), "a");
    assert_eq!(holder(d(2025, 6, 1)), "b");
    assert_eq!(holder(d(2026, 6, 1)), "c");
}

#[test]
fn problems_are_reported_with_paths() {
    let from = d(2025, 3, 1);
    let agencies = vec![
        agency("a").with_successor(Succession::new(id("b"), from)),
        agency("b").with_successor(Succession::new(id("c"), from)),
        agency("c").with_successor(Succession::new(id("a"), from)),
        agency("d").with_successor(Succession::new(id("d"), from)),
        agency("e").with_successor(Succession::new(id("zz"), from)),
        agency("a"),
        Agency::new(id("f"), " ", "F", AgencyLevel::Commune).with_alias("A"),
    ];
    let problems = AgencyDirectory::check(&agencies);
    let seen: Vec<_> = problems
        .iter()
        .map(|p| (p.path.as_str(), p.code, p.severity))
        .collect();
    use crate::error::Severity::{Error, Warning};
    assert_eq!(
        seen,
        vec![
            ("[5].id", ProblemCode::DuplicateAgencyId, Error),
            ("[6].name.vi", ProblemCode::AgencyWithoutName, Error),
            ("[4].successor.agency", ProblemCode::UnknownSuccessor, Error),
            ("[0].successor", ProblemCode::SuccessionCycle, Error),
            ("[3].successor", ProblemCode::SuccessionCycle, Error),
            ("[5].name.vi", ProblemCode::AmbiguousAgencyName, Warning),
            ("[5].name.en", ProblemCode::AmbiguousAgencyName, Warning),
            ("[6].aliases[0]", ProblemCode::AmbiguousAgencyName, Warning),
        ]
    );
    let cycle = problems.iter().find(|p| p.path == "[0].successor").unwrap();
    assert_eq!(
        cycle.message,
        "succession cycle `a -> b -> c -> a`: following successors must not come back to an agency"
    );
    let first = AgencyDirectory::new(agencies).unwrap_err();
    assert_eq!(first, AgencyError::DuplicateId { id: id("a") });
}

#[test]
fn error_messages() {
    let from = d(2025, 3, 1);
    let err = AgencyDirectory::new(vec![
        agency("so-khdt").with_successor(Succession::new(id("so-tc"), from))
    ])
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown successor `so-tc` of agency `so-khdt`: expected the id of an agency in the directory"
    );
    let err = AgencyDirectory::new(vec![Agency::new(id("x"), "X", "", AgencyLevel::Province)])
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "empty name.en of agency `x`: expected a name"
    );
    let err = AgencyDirectory::new(vec![
        agency("x").with_successor(Succession::new(id("x"), from))
    ])
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "succession cycle `x -> x`: following successors must not come back to an agency"
    );
}

#[test]
fn cycles_do_not_hang() {
    // Built around the checks, as corrupt data might be.
    let from = d(2025, 3, 1);
    let dir = AgencyDirectory::index(vec![
        agency("a").with_successor(Succession::new(id("b"), from)),
        agency("b").with_successor(Succession::new(id("a"), from)),
    ]);
    let holder = dir.holder_at(&id("a"), d(2026, 1, 1)).unwrap();
    assert!(holder.id == id("a") || holder.id == id("b"));
    assert!(AgencyDirectory::new(dir.into_vec()).is_err());
}

#[test]
fn serde_round_trips() {
    let dir = AgencyDirectory::standard_province();
    let json = serde_json::to_string(&dir).unwrap();
    assert!(json.starts_with("[{\"id\":\"ubnd-tinh\""));
    let back: AgencyDirectory = serde_json::from_str(&json).unwrap();
    assert_eq!(back, dir);
    assert_eq!(back.resolve("Sở KH&ĐT"), dir.resolve("Sở KH&ĐT"));

    let agency = dir.get(&id("ubnd-huyen")).unwrap();
    let json = serde_json::to_string(agency).unwrap();
    assert_eq!(serde_json::from_str::<Agency>(&json).unwrap(), *agency);

    let bad_dir = r#"[{"id":"a","name":{"vi":"A","en":"A"},"level":"province"},
                      {"id":"a","name":{"vi":"B","en":"B"},"level":"province"}]"#;
    let err = serde_json::from_str::<AgencyDirectory>(bad_dir).unwrap_err();
    assert!(err.to_string().contains("duplicate agency id `a`"), "{err}");
    let unknown_field = r#"{"id":"a","name":{"vi":"A","en":"A"},"level":"province","x":1}"#;
    assert!(serde_json::from_str::<Agency>(unknown_field).is_err());
    let bad_id = r#"{"id":"A B","name":{"vi":"A","en":"A"},"level":"province"}"#;
    assert!(serde_json::from_str::<Agency>(bad_id).is_err());
    let minimal = r#"{"id":"a","name":{"vi":"A","en":"A"},"level":"commune"}"#;
    let a: Agency = serde_json::from_str(minimal).unwrap();
    assert!(a.aliases.is_empty() && a.successor.is_none());
    assert_eq!(serde_json::to_string(&a).unwrap(), minimal);
}

#[test]
fn errors_are_send_sync_static() {
    fn check<T: Send + Sync + 'static + std::error::Error>() {}
    check::<ParseError>();
    check::<AgencyError>();
}

proptest! {
    #[test]
    fn normalize_and_resolve_never_panic(s in ".{0,80}") {
        let dir = AgencyDirectory::standard_province();
        let n = normalize_agency_name(&s);
        let _ = dir.resolve(&s);
        prop_assert_eq!(normalize_agency_name(&n), n.clone());
    }

    #[test]
    fn normalize_never_panics_on_any_string(s in any::<String>()) {
        let _ = normalize_agency_name(&s);
        let _ = AgencyDirectory::standard_province().resolve(&s);
        let _ = AgencyId::new(&s);
    }

    #[test]
    fn vietnamese_text_is_never_split(s in "[a-zđăâêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ &,.-]{0,40}") {
        let n = normalize_agency_name(&s);
        prop_assert!(!n.starts_with(' ') && !n.ends_with(' ') && !n.contains("  "));
    }

    #[test]
    fn ids_round_trip(s in "[a-z0-9._-]{1,64}") {
        let id = AgencyId::new(&s).unwrap();
        prop_assert_eq!(id.to_string().parse::<AgencyId>().unwrap(), id.clone());
        let json = serde_json::to_string(&id).unwrap();
        prop_assert_eq!(serde_json::from_str::<AgencyId>(&json).unwrap(), id);
    }
}
