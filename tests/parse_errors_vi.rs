//! Every error of reading a single value is a whole Vietnamese sentence
//! (the quality bar: everything shown to people exists in Vietnamese and
//! English, errors included). Bad inputs fed to every public parser: the
//! Vietnamese text has no English detail left in it, and the English text
//! is the error's `Display`.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use hoptac::agency::AgencyId;
use hoptac::doc::{parse_vi_date, Citation, DocKind, DocRef, DocType};
use hoptac::org::{Flag, Flags, OrgId, OrgKind, OrgStatus, Rating, Sector};
use hoptac::plan::{
    Comparator, DateWindow, PlanId, SectionId, TargetId, TargetPhrase, TaskId, Unit,
};
use hoptac::text::parse_vi_number;
use hoptac::{Lang, ParseError, Schedule, Threshold};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

/// The error of `result`, or what was read instead.
fn err<T: std::fmt::Debug>(result: Result<T, ParseError>) -> Result<ParseError, String> {
    match result {
        Ok(read) => Err(format!("read as {read:?}")),
        Err(e) => Ok(e),
    }
}

/// English words that a Vietnamese message must not have outside its
/// quoted inputs and codes.
const ENGLISH: &[&str] = &[
    "expected",
    "invalid",
    "unknown",
    "must",
    "empty",
    "bytes",
    "such",
    "one",
    "the",
    "not",
    "after",
    "before",
    "with",
    "without",
    "number",
    "year",
    "date",
    "and",
    "or",
    "of",
    "is",
    "at",
    "from",
    "to",
    "no",
    "unrecognised",
    "unexpected",
    "range",
    "part",
    "parts",
];

/// `text` without its `quoted` spans.
fn unquoted(text: &str) -> String {
    text.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

/// What is wrong with the Vietnamese text of `e`, if anything.
fn check(e: &ParseError) -> Result<(), String> {
    let vi = e.text(Lang::Vi);
    if e.text(Lang::En) != e.to_string() {
        return Err("English text is not Display".into());
    }
    if !vi.starts_with("không đọc được ") || !vi.contains("; cần ") || vi.contains("(chi tiết:")
    {
        return Err(format!("shape: {vi}"));
    }
    let plain = unquoted(&vi);
    // A code list (`một trong a, b, c`) is made of codes, not words.
    let plain = match plain.split_once("cần một trong ") {
        Some((head, _)) if !e.expected_codes().is_empty() => head.to_owned(),
        _ => plain,
    };
    for word in plain.split(|c: char| !c.is_alphabetic()) {
        if ENGLISH.contains(&word.to_lowercase().as_str()) {
            return Err(format!("English `{word}` in {vi}"));
        }
    }
    if plain.contains(e.what()) {
        return Err(format!("English name in {vi}"));
    }
    Ok(())
}

#[test]
fn every_parser_explains_its_errors_in_vietnamese() {
    let long = "x".repeat(300);
    let cases: Vec<(&str, Result<ParseError, String>)> = vec![
        // Thresholds.
        ("threshold empty", err("".parse::<Threshold>())),
        (
            "threshold comparator only",
            err("trên".parse::<Threshold>()),
        ),
        ("threshold words", err("abc".parse::<Threshold>())),
        ("threshold long", err(long.parse::<Threshold>())),
        ("threshold number", err("trên 1.5%".parse::<Threshold>())),
        (
            "threshold tolerance",
            err("khoảng 20% (±x)".parse::<Threshold>()),
        ),
        (
            "threshold tolerance alone",
            err("trên 60% (±2%)".parse::<Threshold>()),
        ),
        (
            "threshold none left",
            err("không còn 5 hợp tác xã".parse::<Threshold>()),
        ),
        (
            "threshold two units",
            err("từ 55% - 65 thành viên".parse::<Threshold>()),
        ),
        ("threshold down", err("từ 65 - 55%".parse::<Threshold>())),
        (
            "threshold range with",
            err("dưới 55 - 65%".parse::<Threshold>()),
        ),
        ("threshold year", err("đến năm 2025".parse::<Threshold>())),
        (
            "threshold per month",
            err("trên 100 thành viên/tháng".parse::<Threshold>()),
        ),
        (
            "threshold per org",
            err("5 triệu đồng/hợp tác xã".parse::<Threshold>()),
        ),
        (
            "threshold per month amount",
            err("trên 5%/tháng".parse::<Threshold>()),
        ),
        (
            "threshold negative",
            err(Threshold::new(
                Comparator::AtLeast,
                Decimal::from(-1),
                Unit::Items,
            )),
        ),
        (
            "threshold none left value",
            err(Threshold::new(
                Comparator::NoneLeft,
                Decimal::from(5),
                Unit::Items,
            )),
        ),
        (
            "threshold all",
            err(Threshold::new(
                Comparator::All,
                Decimal::from(5),
                Unit::Items,
            )),
        ),
        (
            "threshold range",
            err(Threshold::range(
                Decimal::from(5),
                Decimal::from(3),
                Unit::Percent,
            )),
        ),
        (
            "threshold per unit",
            err(Threshold::new(
                Comparator::AtLeast,
                Decimal::from(5),
                Unit::PerUnit {
                    per: "Xã Lớn".into(),
                },
            )),
        ),
        // Schedules.
        ("schedule empty", err("".parse::<Schedule>())),
        ("schedule word", err("sớm".parse::<Schedule>())),
        ("schedule order", err("năm tháng".parse::<Schedule>())),
        ("schedule year", err("Năm 1900".parse::<Schedule>())),
        (
            "schedule date",
            err("Trước ngày 31/2/2023".parse::<Schedule>()),
        ),
        (
            "schedule month",
            err("Trước ngày 1/13/2023".parse::<Schedule>()),
        ),
        ("schedule quarter", err("Quý V/2023".parse::<Schedule>())),
        (
            "schedule open start",
            err("Từ tháng 6/2021".parse::<Schedule>()),
        ),
        (
            "schedule part of a year",
            err("6 tháng đầu năm".parse::<Schedule>()),
        ),
        (
            "schedule count",
            err("5 năm (2021 - 2030)".parse::<Schedule>()),
        ),
        (
            "schedule reversed years",
            err("2030-2025".parse::<Schedule>()),
        ),
        (
            "schedule February",
            err("Trước tháng 2 hằng năm".parse::<Schedule>()),
        ),
        (
            "schedule yearly day",
            err("Trước ngày 30/2 hằng năm".parse::<Schedule>()),
        ),
        (
            "schedule period",
            err(Schedule::period(d(2024, 1, 2), d(2024, 1, 1))),
        ),
        ("schedule annual", err(Schedule::annual_by(2, 30))),
        ("schedule years", err(Schedule::years(2030, 2020))),
        ("schedule from year", err(Schedule::from_year(1900))),
        // Document numbers and citations.
        ("doc empty", err("".parse::<DocRef>())),
        ("doc bare", err("363".parse::<DocRef>())),
        ("doc letters", err("KH/363".parse::<DocRef>())),
        ("doc space", err("363 KH UBND".parse::<DocRef>())),
        ("doc code alone", err("363/KH".parse::<DocRef>())),
        ("doc year alone", err("45/2021/".parse::<DocRef>())),
        ("doc old year", err("45/1900/NĐ-CP".parse::<DocRef>())),
        ("doc zero", err("0/KH-UBND".parse::<DocRef>())),
        ("doc party unread", err("20-TT/TW".parse::<DocRef>())),
        ("doc party unknown", err("20-XY/TW".parse::<DocRef>())),
        ("doc party slash", err("20-NQ".parse::<DocRef>())),
        ("doc joint", err("363/KHLT-UBND".parse::<DocRef>())),
        ("doc units", err("363/KH-UBND-A-B".parse::<DocRef>())),
        ("doc issuer", err("363/KH-UB$ND".parse::<DocRef>())),
        ("doc glued", err("363/KH-UBNDtỉnh".parse::<DocRef>())),
        ("doc long", err(long.parse::<DocRef>())),
        ("doc type code", err("XY".parse::<DocType>())),
        ("doc name", err("Thư".parse::<DocKind>())),
        (
            "doc drafting unit",
            err(err_free("45/2021/NĐ-CP").with_drafting_unit("TH")),
        ),
        (
            "doc co-issuer",
            err(err_free("363/KH-UBND").with_co_issuer("BTC")),
        ),
        ("citation empty", err("".parse::<Citation>())),
        ("citation no number", err("Kế hoạch".parse::<Citation>())),
        (
            "citation name",
            err("Thư số 363/KH-UBND".parse::<Citation>()),
        ),
        (
            "citation no date",
            err("Kế hoạch số 363/KH-UBND ngày x".parse::<Citation>()),
        ),
        (
            "citation bad date",
            err("Kế hoạch số 363/KH-UBND ngày 31/2/2023".parse::<Citation>()),
        ),
        (
            "citation trailing",
            err("Kế hoạch số 363/KH-UBND xyz".parse::<Citation>()),
        ),
        ("date empty", err(parse_vi_date(""))),
        ("date form", err(parse_vi_date("16.6/2022"))),
        ("date day", err(parse_vi_date("31/2/2023"))),
        ("date month", err(parse_vi_date("1/13/2023"))),
        // Identifiers.
        ("target id empty", err(TargetId::new(""))),
        ("target id char", err(TargetId::new("Bad Id"))),
        ("target id long", err(TargetId::new("x".repeat(200)))),
        ("task id char", err(TaskId::new("III 4"))),
        ("plan id char", err(PlanId::new("Nghệ An"))),
        ("section id empty", err(SectionId::new(""))),
        ("agency id empty", err(AgencyId::new(""))),
        ("agency id char", err(AgencyId::new("UBND"))),
        ("agency id long", err(AgencyId::new(&long))),
        ("org id empty", err(OrgId::new(""))),
        ("org id control", err(OrgId::new("htx\u{1}"))),
        ("org id blank", err(OrgId::new(" htx"))),
        ("org id long", err(long.parse::<OrgId>())),
        // Codes and vocabularies.
        ("org kind", err("htc".parse::<OrgKind>())),
        ("org status", err("closed".parse::<OrgStatus>())),
        ("sector", err("x".parse::<Sector>())),
        ("rating", err("tot".parse::<Rating>())),
        ("rating score", err(Rating::from_score(101))),
        ("flag", err("xx".parse::<Flag>())),
        (
            "flags repeated",
            err(format!("{0},{0}", Flag::ALL[0].code()).parse::<Flags>()),
        ),
        ("flags long", err(long.parse::<Flags>())),
        ("language", err("fr".parse::<Lang>())),
        // Numbers.
        ("number empty", err(parse_vi_number(""))),
        ("number letters", err(parse_vi_number("abc"))),
        ("number group", err(parse_vi_number("1.5"))),
        ("number first group", err(parse_vi_number("1234.567"))),
        ("number fraction", err(parse_vi_number("1,"))),
        ("number huge", err(parse_vi_number(&"9".repeat(40)))),
        ("number long", err(parse_vi_number(&long))),
        // Target phrases.
        ("phrase empty", err(TargetPhrase::read(""))),
        ("phrase long", err(TargetPhrase::read(&"x ".repeat(2000)))),
        (
            "phrase month",
            err(TargetPhrase::read("đến tháng 6/2025 có 100 hợp tác xã")),
        ),
        (
            "phrase two numbers",
            err(TargetPhrase::read(
                "có 100 hợp tác xã và 200 tổ hợp tác năm 2025",
            )),
        ),
        (
            "phrase multiple",
            err(TargetPhrase::read("tăng gấp 2 lần số hợp tác xã")),
        ),
        (
            "phrase base",
            err(TargetPhrase::read("đạt 500 hợp tác xã so với năm 2020")),
        ),
        (
            "phrase no base",
            err(TargetPhrase::read("tăng 8% số hợp tác xã")),
        ),
        (
            "phrase two deadlines",
            err(TargetPhrase::read(
                "đến năm 2025 có 100 hợp tác xã, đến năm 2030 có 100 hợp tác xã",
            )),
        ),
        (
            "phrase threshold",
            err(TargetPhrase::read("không còn 5 hợp tác xã yếu kém")),
        ),
        (
            "phrase no target",
            err(TargetPhrase::read("hỗ trợ hợp tác xã")),
        ),
        (
            "phrase parts",
            err(TargetPhrase::read_all(
                "đến năm 2025 có 100 hợp tác xã và 200",
            )),
        ),
        (
            "phrase after which",
            err(TargetPhrase::read_all(
                "có 100 hợp tác xã, trong đó 50 hợp tác xã nông nghiệp, 20 tổ hợp tác",
            )),
        ),
        // Filters.
        (
            "date window",
            err(DateWindow::new(d(2024, 2, 1), d(2024, 1, 1))),
        ),
    ];
    if std::env::var_os("SHOW_VI").is_some() {
        for (label, e) in &cases {
            if let Ok(e) = e {
                println!("{label}\n  {}\n  {}", e.text(Lang::En), e.text(Lang::Vi));
            }
        }
    }
    let failed: Vec<String> = cases
        .iter()
        .filter_map(|(label, e)| {
            let why = e.as_ref().map_err(Clone::clone).and_then(check).err()?;
            Some(format!("{label}: {why}"))
        })
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// The error of `result`, which must be one.
fn fails<T: std::fmt::Debug>(result: Result<T, ParseError>) -> ParseError {
    result.expect_err("a bad input")
}

/// A document number known to read.
fn err_free(text: &str) -> DocRef {
    text.parse().expect("a document number")
}

#[test]
fn the_vietnamese_names_the_input_the_problem_and_what_would_do() {
    let e = fails("trên".parse::<Threshold>());
    assert_eq!(
        e.text(Lang::Vi),
        "không đọc được ngưỡng `trên`: không có số sau `trên`; cần một số như `trên 60%`"
    );
    let e = fails(parse_vi_number("1.5"));
    assert_eq!(
        e.text(Lang::Vi),
        "không đọc được số `1.5`: không đúng cách viết số (dấu `.` ngăn hàng nghìn, dấu `,` trước phần thập phân); cần đúng ba chữ số sau mỗi dấu `.`"
    );
    let e = fails("trên 1.5%".parse::<Threshold>());
    assert_eq!(
        e.text(Lang::Vi),
        "không đọc được ngưỡng `trên 1.5%`: số viết sai: số `1.5` không đúng cách viết số (dấu `.` ngăn hàng nghìn, dấu `,` trước phần thập phân); cần đúng ba chữ số sau mỗi dấu `.`"
    );
    let e = fails(TargetId::new("Bad Id"));
    assert_eq!(
        e.text(Lang::Vi),
        "không đọc được mã chỉ tiêu `Bad Id`: có ký tự `B` không được dùng; cần chữ thường không dấu, chữ số và `-`, `_`, `.`"
    );
    let e = fails("fr".parse::<Lang>());
    assert_eq!(
        e.text(Lang::Vi),
        "không đọc được ngôn ngữ `fr`: không phải từ đã biết; cần `vi` hoặc `en`"
    );
}
