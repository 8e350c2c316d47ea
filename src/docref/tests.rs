use super::*;
use chrono::NaiveDate;
use proptest::prelude::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Every document number in the five seeds, exactly as written there, with
/// its canonical form, form, type code, issuer and drafting unit.
#[allow(clippy::type_complexity)]
const SEED_REFS: &[(&str, &str, DocForm, Option<&str>, &str, Option<&str>)] = &[
    // 000 Quảng Nam
    (
        "13-NQ/TW",
        "13-NQ/TW",
        DocForm::Party,
        Some("NQ"),
        "TW",
        None,
    ),
    (
        "2651/UBND-KTN",
        "2651/UBND-KTN",
        DocForm::OfficialLetter,
        None,
        "UBND",
        Some("KTN"),
    ),
    // 001 An Giang
    (
        "1206/QĐ-UBND",
        "1206/QĐ-UBND",
        DocForm::Administrative,
        Some("QĐ"),
        "UBND",
        None,
    ),
    (
        "số 1206/QĐ-UBND",
        "1206/QĐ-UBND",
        DocForm::Administrative,
        Some("QĐ"),
        "UBND",
        None,
    ),
    (
        "70-KL/TW",
        "70-KL/TW",
        DocForm::Party,
        Some("KL"),
        "TW",
        None,
    ),
    (
        "12/CT-TTg",
        "12/CT-TTg",
        DocForm::Administrative,
        Some("CT"),
        "TTg",
        None,
    ),
    // 002 Lạng Sơn
    (
        "Số: 538 /UBND-KTTH",
        "538/UBND-KTTH",
        DocForm::OfficialLetter,
        None,
        "UBND",
        Some("KTTH"),
    ),
    (
        "538 /UBND-KTTH",
        "538/UBND-KTTH",
        DocForm::OfficialLetter,
        None,
        "UBND",
        Some("KTTH"),
    ),
    (
        "08-CTr/TU",
        "08-CTr/TU",
        DocForm::Party,
        Some("CTr"),
        "TU",
        None,
    ),
    (
        "461/QĐ-TTg",
        "461/QĐ-TTg",
        DocForm::Administrative,
        Some("QĐ"),
        "TTg",
        None,
    ),
    (
        "05/QĐ-BCĐ",
        "05/QĐ-BCĐ",
        DocForm::Administrative,
        Some("QĐ"),
        "BCĐ",
        None,
    ),
    // 003 Nghệ An
    (
        "Số: 363 /KH-UBND",
        "363/KH-UBND",
        DocForm::Administrative,
        Some("KH"),
        "UBND",
        None,
    ),
    (
        "363 /KH-UBND",
        "363/KH-UBND",
        DocForm::Administrative,
        Some("KH"),
        "UBND",
        None,
    ),
    (
        "363/KH-UBND",
        "363/KH-UBND",
        DocForm::Administrative,
        Some("KH"),
        "UBND",
        None,
    ),
    (
        "50-CTr/TU",
        "50-CTr/TU",
        DocForm::Party,
        Some("CTr"),
        "TU",
        None,
    ),
    (
        "SỐ 50-CTr/TU",
        "50-CTr/TU",
        DocForm::Party,
        Some("CTr"),
        "TU",
        None,
    ),
    (
        "20-NQ/TW",
        "20-NQ/TW",
        DocForm::Party,
        Some("NQ"),
        "TW",
        None,
    ),
    (
        "SỐ 20-NQ/TW",
        "20-NQ/TW",
        DocForm::Party,
        Some("NQ"),
        "TW",
        None,
    ),
    (
        "09/NQ-CP",
        "09/NQ-CP",
        DocForm::Administrative,
        Some("NQ"),
        "CP",
        None,
    ),
    (
        "45/2021/NĐ-CP",
        "45/2021/NĐ-CP",
        DocForm::Normative,
        Some("NĐ"),
        "CP",
        None,
    ),
    // The document numbers the domain's definitions cite.
    (
        "17/2023/QH15",
        "17/2023/QH15",
        DocForm::Normative,
        None,
        "QH15",
        None,
    ),
    (
        "23/2012/QH13",
        "23/2012/QH13",
        DocForm::Normative,
        None,
        "QH13",
        None,
    ),
    (
        "202/2025/QH15",
        "202/2025/QH15",
        DocForm::Normative,
        None,
        "QH15",
        None,
    ),
    (
        "01/2020/TT-BKHĐT",
        "01/2020/TT-BKHĐT",
        DocForm::Normative,
        Some("TT"),
        "BKHĐT",
        None,
    ),
    (
        "30/2020/NĐ-CP",
        "30/2020/NĐ-CP",
        DocForm::Normative,
        Some("NĐ"),
        "CP",
        None,
    ),
    (
        "340/QĐ-TTg",
        "340/QĐ-TTg",
        DocForm::Administrative,
        Some("QĐ"),
        "TTg",
        None,
    ),
    // The brief
    (
        "123/QĐ-UBND-KTN",
        "123/QĐ-UBND-KTN",
        DocForm::Administrative,
        Some("QĐ"),
        "UBND",
        Some("KTN"),
    ),
    // Tolerated spellings
    (
        "123/QD-UBND",
        "123/QĐ-UBND",
        DocForm::Administrative,
        Some("QĐ"),
        "UBND",
        None,
    ),
    (
        "  20 - NQ / TW ",
        "20-NQ/TW",
        DocForm::Party,
        Some("NQ"),
        "TW",
        None,
    ),
    (
        "20–NQ/TW",
        "20-NQ/TW",
        DocForm::Party,
        Some("NQ"),
        "TW",
        None,
    ),
    (
        "số:45/2021/NĐ-CP",
        "45/2021/NĐ-CP",
        DocForm::Normative,
        Some("NĐ"),
        "CP",
        None,
    ),
];

#[test]
fn seed_numbers_parse_and_print_back() {
    for &(text, canonical, form, code, issuer, unit) in SEED_REFS {
        let r: DocRef = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(r.to_string(), canonical, "{text}");
        assert_eq!(r.form(), form, "{text}");
        assert_eq!(r.doc_type().map(DocType::code), code, "{text}");
        assert_eq!(r.issuer(), issuer, "{text}");
        assert_eq!(r.drafting_unit(), unit, "{text}");
        assert_eq!(canonical.parse::<DocRef>().unwrap(), r, "{text}");
    }
}

#[test]
fn leading_zeros_and_years_kept() {
    let r: DocRef = "05/QĐ-BCĐ".parse().unwrap();
    assert_eq!(r.number(), "05");
    let r: DocRef = "09/NQ-CP".parse().unwrap();
    assert_eq!(r.number(), "09");
    let r: DocRef = "45/2021/NĐ-CP".parse().unwrap();
    assert_eq!(r.year(), Some(2021));
    assert_eq!(r.number(), "45");
    assert_eq!(r.kind(), Some(DocKind::from(DocType::Decree)));
    let law: DocRef = "17/2023/QH15".parse().unwrap();
    assert_eq!(law.kind(), None);
    assert_eq!(law.doc_type(), None);
}

#[test]
fn a_letter_after_the_number_is_part_of_it() {
    for (text, number, printed) in [
        ("05a/BC-UBND", "05a", "05a/BC-UBND"),
        ("Số: 12b/KH-UBND", "12b", "12b/KH-UBND"),
        ("35a-KH/TU", "35a", "35a-KH/TU"),
        ("123a/UBND-KTN", "123a", "123a/UBND-KTN"),
    ] {
        let r: DocRef = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!((r.number(), r.to_string().as_str()), (number, printed));
        assert_eq!(printed.parse::<DocRef>().unwrap(), r);
    }
    // Two letters, a letter not before `/` or `-`, a letter alone: refused.
    for bad in [
        "05ab/BC-UBND",
        "05a.BC-UBND",
        "a/BC-UBND",
        "0a/BC-UBND",
        "05a",
    ] {
        assert!(bad.parse::<DocRef>().is_err(), "{bad}");
    }
    let c: Citation = "Báo cáo số 05a/BC-UBND ngày 10/01/2023 của UBND huyện"
        .parse()
        .unwrap();
    assert_eq!(c.doc.number(), "05a");
}

#[test]
fn seed_inconsistency_an_giang_plan_with_decision_code() {
    // "Kế hoạch số 1206/QĐ-UBND": the name says plan, the code decision.
    let r: DocRef = "1206/QĐ-UBND".parse().unwrap();
    assert_eq!(r.kind(), Some(DocKind::from(DocType::Decision)));
    assert_ne!(r.kind(), DocKind::from_name("Kế hoạch"));
}

/// The forms the seeds do not show: Party letters and codes, mass
/// organisations, `&` in issuers, spaces after a slash, verification reports.
#[test]
fn forms_beyond_the_seeds() {
    #[allow(clippy::type_complexity)]
    let table: &[(
        &str,
        &str,
        DocForm,
        Option<DocType>,
        &str,
        Option<&str>,
        Option<DocKind>,
    )] = &[
        (
            "123-CV/TU",
            "123-CV/TU",
            DocForm::Party,
            None,
            "TU",
            None,
            Some(DocKind::OfficialLetter),
        ),
        (
            "Số 1126- CV/HNDTW",
            "1126-CV/HNDTW",
            DocForm::Party,
            None,
            "HNDTW",
            None,
            Some(DocKind::OfficialLetter),
        ),
        (
            "45-KH/HNDT",
            "45-KH/HNDT",
            DocForm::Party,
            Some(DocType::Plan),
            "HNDT",
            None,
            Some(DocType::Plan.into()),
        ),
        (
            "12-KH/TĐTN-TG",
            "12-KH/TĐTN-TG",
            DocForm::Party,
            Some(DocType::Plan),
            "TĐTN",
            Some("TG"),
            Some(DocType::Plan.into()),
        ),
        (
            "08-QĐi/TW",
            "08-QĐi/TW",
            DocForm::Party,
            Some(DocType::Regulation),
            "TW",
            None,
            Some(DocType::Regulation.into()),
        ),
        (
            "12/KH-LMHTX",
            "12/KH-LMHTX",
            DocForm::Administrative,
            Some(DocType::Plan),
            "LMHTX",
            None,
            Some(DocType::Plan.into()),
        ),
        (
            "662/KH-LMHTXVN",
            "662/KH-LMHTXVN",
            DocForm::Administrative,
            Some(DocType::Plan),
            "LMHTXVN",
            None,
            Some(DocType::Plan.into()),
        ),
        (
            "123/MTTQ-BTT",
            "123/MTTQ-BTT",
            DocForm::OfficialLetter,
            None,
            "MTTQ",
            Some("BTT"),
            Some(DocKind::OfficialLetter),
        ),
        (
            "363/ KH-UBND",
            "363/KH-UBND",
            DocForm::Administrative,
            Some(DocType::Plan),
            "UBND",
            None,
            Some(DocType::Plan.into()),
        ),
        (
            "256/KH-SNN&PTNT",
            "256/KH-SNN&PTNT",
            DocForm::Administrative,
            Some(DocType::Plan),
            "SNN&PTNT",
            None,
            Some(DocType::Plan.into()),
        ),
        (
            "1520/SKH&ĐT-ĐKKD",
            "1520/SKH&ĐT-ĐKKD",
            DocForm::OfficialLetter,
            None,
            "SKH&ĐT",
            Some("ĐKKD"),
            Some(DocKind::OfficialLetter),
        ),
        (
            "01/VBHN-BKHĐT",
            "01/VBHN-BKHĐT",
            DocForm::Administrative,
            Some(DocType::ConsolidatedText),
            "BKHĐT",
            None,
            Some(DocType::ConsolidatedText.into()),
        ),
        (
            "45/BCTT-HĐND",
            "45/BCTT-HĐND",
            DocForm::Administrative,
            Some(DocType::VerificationReport),
            "HĐND",
            None,
            Some(DocType::VerificationReport.into()),
        ),
        (
            "21/2015/TTLT-BKHĐT-BNV",
            "21/2015/TTLT-BKHĐT-BNV",
            DocForm::Normative,
            Some(DocType::JointCircular),
            "BKHĐT",
            None,
            Some(DocType::JointCircular.into()),
        ),
        (
            "3594/QĐ-BNN-KTHT",
            "3594/QĐ-BNN-KTHT",
            DocForm::Administrative,
            Some(DocType::Decision),
            "BNN",
            Some("KTHT"),
            Some(DocType::Decision.into()),
        ),
    ];
    for (text, canonical, form, doc_type, issuer, unit, kind) in table {
        let r: DocRef = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(r.to_string(), *canonical, "{text}");
        assert_eq!(r.form(), *form, "{text}");
        assert_eq!(r.doc_type(), *doc_type, "{text}");
        assert_eq!(r.issuer(), *issuer, "{text}");
        assert_eq!(r.drafting_unit(), *unit, "{text}");
        assert_eq!(r.kind(), *kind, "{text}");
        assert_eq!(canonical.parse::<DocRef>().unwrap(), r, "{text}");
    }
    // `TT` is a circular except in a Party number.
    let circular: DocRef = "15/2016/TT-BNNPTNT".parse().unwrap();
    assert_eq!(circular.doc_type(), Some(DocType::Circular));
    assert_eq!(
        err("10-TT/TW"),
        "type code `TT` of `10-TT/TW` is a thông tri (instruction) in a Party number, which is not read: expected a Party type code such as NQ, CTr, KH or CV"
    );
    assert_eq!(
        DocRef::party("10", DocType::Circular, "TW").unwrap_err().to_string(),
        "type code `TT` of `10-TT/TW` is a thông tri (instruction) in a Party number, which is not read: expected a Party type code such as NQ, CTr, KH or CV"
    );
    assert_eq!(DocType::VerificationReport.base(), DocType::Report);
}

#[test]
fn joint_circular() {
    let r: DocRef = "15/2014/TTLT-BTC-BNNPTNT".parse().unwrap();
    assert_eq!(r.doc_type(), Some(DocType::JointCircular));
    assert_eq!(r.issuer(), "BTC");
    assert_eq!(r.co_issuers(), ["BNNPTNT"]);
    assert_eq!(r.to_string(), "15/2014/TTLT-BTC-BNNPTNT");
}

fn err(text: &str) -> String {
    text.parse::<DocRef>().unwrap_err().to_string()
}

const CODES: &str = "NQ, QĐ, CT, QC, QyĐ, TC, TB, HD, CTr, KH, PA, ĐA, DA, BC, BB, TTr, HĐ, \
                     CĐ, BGN, BTT, GUQ, GM, GGT, GNP, PG, PC, PB, NĐ, TT, TTLT, KL, VBHN, L, BCTT";

#[test]
fn unknown_code_errors() {
    assert_eq!(
        err("20-XX/TW"),
        format!("unknown document type code `XX` in `20-XX/TW`: expected one of {CODES}, or CV")
    );
    assert_eq!(
        err("45/2021/XX-CP"),
        format!("unknown document type code `XX` in `45/2021/XX-CP`: expected one of {CODES}")
    );
    assert_eq!(
        err("12/XY-UBND-KTN"),
        format!("unknown document type code `XY` in `12/XY-UBND-KTN`: expected one of {CODES}")
    );
    // Not a code in the administrative position: an official letter.
    let r: DocRef = "12/XY-UBND".parse().unwrap();
    assert_eq!((r.form(), r.issuer()), (DocForm::OfficialLetter, "XY"));
}

#[test]
fn malformed_errors() {
    for (text, want) in [
        ("", "empty document number: expected a number such as `363/KH-UBND`"),
        ("Số: ", "empty document number: expected a number such as `363/KH-UBND`"),
        (
            // Seed 003, line 59: a typo for 50-CTr/TU.
            "50-/CTr-TU",
            "invalid document number `50-/CTr-TU`: expected a type code between `-` and `/`, as in `50-CTr/TU`",
        ),
        (
            "KH-UBND",
            "invalid document number `KH-UBND`: expected it to start with digits, as in `363/KH-UBND`",
        ),
        ("363", "invalid document number `363`: expected `/` or `-` after the number"),
        ("363.KH", "invalid document number `363.KH`: expected `/` or `-` after the number"),
        (
            "363 KH-UBND",
            "unexpected space in `363 KH-UBND`: expected spaces only around `/`, `-` and `&`",
        ),
        (
            "0/KH-UBND",
            "invalid number `0` in `0/KH-UBND`: expected 1 to 10 digits, not all zero, perhaps with one letter after them as in `05a`",
        ),
        (
            "12345678901/KH-UBND",
            "invalid number `12345678901` in `12345678901/KH-UBND`: expected 1 to 10 digits, not all zero, perhaps with one letter after them as in `05a`",
        ),
        (
            "45/1900/NĐ-CP",
            "invalid year `1900` in `45/1900/NĐ-CP`: expected 4 digits from 1945 to 2100",
        ),
        (
            "45/21/NĐ-CP",
            "invalid year `21` in `45/21/NĐ-CP`: expected 4 digits from 1945 to 2100",
        ),
        (
            "45/2021",
            "invalid document number `45/2021`: expected an issuer after the year, as in `45/2021/NĐ-CP`",
        ),
        (
            "45/2021/NĐ",
            "invalid document number `45/2021/NĐ`: expected an issuer after the type code, as in `45/2021/NĐ-CP`",
        ),
        (
            "363/KH",
            "invalid document number `363/KH`: expected an issuer after the type code, as in `363/KH-UBND`",
        ),
        (
            "363/KH-UB_ND",
            "invalid issuer or unit `UB_ND` in `363/KH-UB_ND`: expected letters and digits, starting with a letter, perhaps joined by `&` as in `SNN&PTNT`",
        ),
        (
            "363/KH-",
            "invalid issuer or unit `` in `363/KH-`: expected letters and digits, starting with a letter, perhaps joined by `&` as in `SNN&PTNT`",
        ),
        (
            "363/KH-UBND-A-B",
            "invalid document number `363/KH-UBND-A-B`: expected at most a drafting unit after the issuer",
        ),
        (
            "20-NQ",
            "invalid document number `20-NQ`: expected `/` and an issuer after the type code, as in `20-NQ/TW`",
        ),
        (
            "20-NQ/TW-X-Y",
            "invalid document number `20-NQ/TW-X-Y`: expected an issuer and at most a drafting unit after `/`, as in `12-KH/TĐTN-TG`",
        ),
        (
            "20-NQ/TW/X",
            "invalid document number `20-NQ/TW/X`: expected an issuer and at most a drafting unit after `/`, as in `20-NQ/TW`",
        ),
        (
            "70-TB/TWngày",
            "issuer or unit `TWngày` of `70-TB/TWngày` runs into a word: expected an abbreviation in capitals such as `UBND`, with a space before the next word",
        ),
        (
            "05/CTrPH-MTTQ",
            "`CTrPH` of `05/CTrPH-MTTQ` is the code of a joint document (liên tịch, phối hợp), which is not read: expected a number with one of the type codes, or an official letter's issuer",
        ),
        (
            "12/KHLT-SNN",
            "`KHLT` of `12/KHLT-SNN` is the code of a joint document (liên tịch, phối hợp), which is not read: expected a number with one of the type codes, or an official letter's issuer",
        ),
        (
            "12/KH-SNN&",
            "invalid issuer or unit `SNN&` in `12/KH-SNN&`: expected letters and digits, starting with a letter, perhaps joined by `&` as in `SNN&PTNT`",
        ),
        (
            "12/KH-&PTNT",
            "invalid issuer or unit `&PTNT` in `12/KH-&PTNT`: expected letters and digits, starting with a letter, perhaps joined by `&` as in `SNN&PTNT`",
        ),
        (
            "12/KH-SNN&&PTNT",
            "invalid issuer or unit `SNN&&PTNT` in `12/KH-SNN&&PTNT`: expected letters and digits, starting with a letter, perhaps joined by `&` as in `SNN&PTNT`",
        ),
        (
            "363/KH/UBND",
            "invalid document number `363/KH/UBND`: expected a year between the two `/`, as in `45/2021/NĐ-CP`",
        ),
    ] {
        assert_eq!(err(text), want, "{text:?}");
    }
    assert_eq!(
        err(&"1".repeat(300)),
        format!(
            "document number `{}…` is 300 bytes long: expected at most 256 bytes",
            "1".repeat(80)
        )
    );
}

#[test]
fn constructors_check_their_parts() {
    assert_eq!(
        DocRef::official_letter("1", "KH").unwrap_err().to_string(),
        "issuer `KH` of `1/KH` is a document type code: expected an issuer such as `UBND`"
    );
    assert_eq!(
        DocRef::normative("1", 2020, None, "QD")
            .unwrap_err()
            .to_string(),
        "issuer `QD` of `1/2020/QD` is a document type code: expected an issuer such as `UBND`"
    );
    assert!(DocRef::administrative("", DocType::Plan, "UBND").is_err());
    assert!(DocRef::administrative("1", DocType::Plan, "U B").is_err());
    assert!(DocRef::normative("1", 2101, Some(DocType::Decree), "CP").is_err());
    assert_eq!(
        DocRef::party("1", DocType::Resolution, "TW")
            .unwrap()
            .with_drafting_unit("X")
            .unwrap()
            .to_string(),
        "1-NQ/TW-X"
    );
    assert!(DocRef::normative("1", 2020, Some(DocType::Decree), "CP")
        .unwrap()
        .with_drafting_unit("X")
        .is_err());
    assert!(DocRef::normative("1", 2020, None, "QH14")
        .unwrap()
        .with_co_issuer("X")
        .is_err());
    assert!(DocRef::administrative("1", DocType::Plan, &"A".repeat(300)).is_err());
}

#[test]
fn json_forms() {
    let r: DocRef = "363/KH-UBND".parse().unwrap();
    assert_eq!(serde_json::to_string(&r).unwrap(), r#""363/KH-UBND""#);
    let back: DocRef = serde_json::from_str(r#""Số: 363 /KH-UBND""#).unwrap();
    assert_eq!(back, r);
    assert!(serde_json::from_str::<DocRef>(r#""20-XX/TW""#).is_err());
    assert_eq!(
        serde_json::to_string(&DocForm::OfficialLetter).unwrap(),
        r#""official_letter""#
    );
}

#[test]
fn errors_are_send_sync() {
    fn check<T: Send + Sync + 'static>() {}
    check::<ParseError>();
}

#[test]
fn seed_citations() {
    for (text, canonical, y, m, d) in [
        (
            "20-NQ/TW ngày 16/6/2022",
            "20-NQ/TW ngày 16/6/2022",
            2022,
            6,
            16,
        ),
        (
            "50-CTr/TU ngày 13/4/2023",
            "50-CTr/TU ngày 13/4/2023",
            2023,
            4,
            13,
        ),
        (
            "09/NQ-CP ngày 02/2/2023",
            "09/NQ-CP ngày 2/2/2023",
            2023,
            2,
            2,
        ),
        (
            "09/NQ-CP ngày 02/02/2023",
            "09/NQ-CP ngày 2/2/2023",
            2023,
            2,
            2,
        ),
        (
            "363/KH-UBND ngày 31/5/2023",
            "363/KH-UBND ngày 31/5/2023",
            2023,
            5,
            31,
        ),
        (
            "45/2021/NĐ-CP ngày 31/3/2021",
            "45/2021/NĐ-CP ngày 31/3/2021",
            2021,
            3,
            31,
        ),
        (
            "13-NQ/TW ngày 18/3/2002",
            "13-NQ/TW ngày 18/3/2002",
            2002,
            3,
            18,
        ),
        (
            "08-CTr/TU ngày 17/7/2002",
            "08-CTr/TU ngày 17/7/2002",
            2002,
            7,
            17,
        ),
        (
            "461/QĐ-TTg ngày 27/4/2018",
            "461/QĐ-TTg ngày 27/4/2018",
            2018,
            4,
            27,
        ),
        (
            "05/QĐ-BCĐ ngày 10/01/2019",
            "05/QĐ-BCĐ ngày 10/1/2019",
            2019,
            1,
            10,
        ),
        (
            "1206/QĐ-UBND, ngày 28/5/2020",
            "1206/QĐ-UBND ngày 28/5/2020",
            2020,
            5,
            28,
        ),
        (
            "70-KL/TW, ngày 09/3/2020",
            "70-KL/TW ngày 9/3/2020",
            2020,
            3,
            9,
        ),
        (
            "12/CT-TTg, ngày 12/5/2018",
            "12/CT-TTg ngày 12/5/2018",
            2018,
            5,
            12,
        ),
        (
            "SỐ 50-CTr/TU NGÀY 13/4/2023",
            "50-CTr/TU ngày 13/4/2023",
            2023,
            4,
            13,
        ),
        (
            "số 20-NQ/TW ngày 16/6/2022",
            "20-NQ/TW ngày 16/6/2022",
            2022,
            6,
            16,
        ),
        (
            "Số: 363 /KH-UBND ngày 30 tháng 5 năm 2023",
            "363/KH-UBND ngày 30/5/2023",
            2023,
            5,
            30,
        ),
        (
            "Số: 538 /UBND-KTTH ngày 11 tháng 6 năm 2019",
            "538/UBND-KTTH ngày 11/6/2019",
            2019,
            6,
            11,
        ),
    ] {
        let c: Citation = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(c.date, Some(date(y, m, d)), "{text}");
        assert_eq!(c.to_string(), canonical, "{text}");
        assert_eq!(canonical.parse::<Citation>().unwrap(), c, "{text}");
    }
    let bare: Citation = "2651/UBND-KTN".parse().unwrap();
    assert_eq!(bare, Citation::new("2651/UBND-KTN".parse().unwrap()));
    assert_eq!(bare.to_string(), "2651/UBND-KTN");
}

#[test]
fn citation_errors() {
    let e = |s: &str| s.parse::<Citation>().unwrap_err().to_string();
    assert_eq!(
        e("20-NQ/TW ngày"),
        "empty date: expected `d/m/yyyy`, `d-m-yyyy`, `d.m.yyyy` or `ngày d tháng m năm yyyy`"
    );
    assert_eq!(
        e("20-NQ/TW ngày 16-6/2022"),
        "invalid Vietnamese date `16-6/2022`: expected `d/m/yyyy`, `d-m-yyyy`, `d.m.yyyy` or `ngày d tháng m năm yyyy`"
    );
    assert_eq!(
        e("ngày 16/6/2022"),
        "empty document number: expected a number such as `363/KH-UBND`"
    );
    assert_eq!(
        e(&"1".repeat(2100)),
        format!(
            "citation `{}…` is 2100 bytes long: expected at most 2048 bytes",
            "1".repeat(80)
        )
    );
    assert_eq!(
        e("20-XY/TW ngày 16/6/2022"),
        format!("unknown document type code `XY` in `20-XY/TW`: expected one of {CODES}, or CV")
    );
}

#[test]
fn vi_dates() {
    assert_eq!(parse_vi_date("13/4/2023").unwrap(), date(2023, 4, 13));
    assert_eq!(
        parse_vi_date(" ngày 10/01/2019 ").unwrap(),
        date(2019, 1, 10)
    );
    assert_eq!(
        parse_vi_date("ngày 30 tháng 5 năm 2023").unwrap(),
        date(2023, 5, 30)
    );
    assert_eq!(
        parse_vi_date("NGÀY 11 THÁNG 6 NĂM 2019").unwrap(),
        date(2019, 6, 11)
    );
    assert_eq!(
        parse_vi_date("29/2/2023").unwrap_err().to_string(),
        "no such date `29/2/2023`: expected a day from 1 to 28 in month 2 of 2023"
    );
    for bad in [
        "",
        "13/4",
        "13/4/23",
        "13/4/2023/1",
        "113/4/2023",
        "+1/4/2023",
        "13 tháng 4 2023",
        "0/4/2023",
        "13/13/2023",
        "a/b/cdef",
    ] {
        assert!(parse_vi_date(bad).is_err(), "{bad}");
    }
    let err = parse_vi_date(&"1".repeat(100)).unwrap_err();
    assert_eq!((err.what(), err.expected()), ("date", "at most 64 bytes"));
    assert!(err
        .to_string()
        .ends_with("…` is 100 bytes long: expected at most 64 bytes"));
}

#[test]
fn citation_json() {
    let mut c: Citation = "50-CTr/TU ngày 13/4/2023".parse().unwrap();
    c.title = Some(crate::bilingual::Bilingual::new(
        "Chương trình hành động thực hiện Nghị quyết số 20-NQ/TW",
    ));
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(
        json,
        r#"{"doc":"50-CTr/TU","date":"2023-04-13","title":{"vi":"Chương trình hành động thực hiện Nghị quyết số 20-NQ/TW"}}"#
    );
    assert_eq!(serde_json::from_str::<Citation>(&json).unwrap(), c);
    let bare: Citation = serde_json::from_str(r#"{"doc":"538/UBND-KTTH"}"#).unwrap();
    assert_eq!(bare.date, None);
    assert!(serde_json::from_str::<Citation>(r#"{"doc":"538/UBND-KTTH","x":1}"#).is_err());
    assert!(
        serde_json::from_str::<Citation>(r#"{"doc":"538/UBND-KTTH","date":"13/4/2023"}"#).is_err()
    );
    assert!(serde_json::from_str::<Citation>(r#"{"doc":"1/XX-Y-Z"}"#).is_err());
}

#[test]
fn garbage_is_mostly_an_error() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategies = [
        any::<String>().boxed(),
        ".{0,40}".boxed(),
        "[0-9/ -]{0,20}".boxed(),
    ];
    for strategy in strategies {
        let mut ok = 0;
        for _ in 0..2000 {
            let s = strategy.new_tree(&mut runner).unwrap().current();
            if s.parse::<DocRef>().is_ok() {
                ok += 1;
            }
        }
        assert!(ok < 20, "{ok} of 2000 garbage strings parsed");
    }
}

/// An issuer or unit that is not a type code: uppercase letters, `Đ`, digits.
fn part() -> impl Strategy<Value = String> {
    "[A-ZĐ][A-ZĐa-z0-9]{0,7}"
        .prop_filter("not a type code", |p| {
            lookup_code(p).is_none() && !parse::is_joint_code(p)
        })
        .prop_filter("an abbreviation", |p| {
            let mut small = 0;
            !p.chars().any(|c| {
                small = if c.is_lowercase() { small + 1 } else { 0 };
                small > 2
            })
        })
}

fn number() -> impl Strategy<Value = String> {
    "[0-9]{0,3}[1-9][0-9]{0,3}"
}

fn doc_type() -> impl Strategy<Value = DocType> {
    proptest::sample::select(DocType::ALL)
}

/// Canonical document numbers of every form.
fn doc_ref() -> impl Strategy<Value = DocRef> {
    prop_oneof![
        (number(), doc_type(), part(), proptest::option::of(part())).prop_map(|(n, t, i, u)| {
            let r = DocRef::administrative(&n, t, &i).unwrap();
            match u {
                Some(u) => r.with_drafting_unit(&u).unwrap(),
                None => r,
            }
        }),
        (number(), part(), proptest::option::of(part())).prop_map(|(n, i, u)| {
            let r = DocRef::official_letter(&n, &i).unwrap();
            match u {
                Some(u) => r.with_drafting_unit(&u).unwrap(),
                None => r,
            }
        }),
        (
            number(),
            1945u16..=2100,
            proptest::option::of(doc_type()),
            part(),
            proptest::collection::vec(part(), 0..3)
        )
            .prop_map(|(n, y, t, i, cos)| {
                let mut r = DocRef::normative(&n, y, t, &i).unwrap();
                if t.is_some() {
                    for co in cos {
                        r = r.with_co_issuer(&co).unwrap();
                    }
                }
                r
            }),
        (
            number(),
            proptest::option::of(doc_type().prop_filter("TT", |t| *t != DocType::Circular)),
            part(),
            proptest::option::of(part())
        )
            .prop_map(|(n, t, i, u)| {
                let r = match t {
                    Some(t) => DocRef::party(&n, t, &i).unwrap(),
                    None => DocRef::party_letter(&n, &i).unwrap(),
                };
                match u {
                    Some(u) => r.with_drafting_unit(&u).unwrap(),
                    None => r,
                }
            }),
    ]
}

fn doc_kind() -> impl Strategy<Value = DocKind> {
    prop_oneof![
        doc_type().prop_map(DocKind::from),
        Just(DocKind::OfficialLetter),
        Just(DocKind::Law),
    ]
}

fn citation() -> impl Strategy<Value = Citation> {
    (
        doc_ref(),
        proptest::option::of(doc_kind()),
        proptest::option::of((1000i32..=9999, 1u32..=366)),
        proptest::option::of("[A-ZĐ][a-zđ]{1,6}( [A-ZĐ]?[a-zđ]{1,6}){0,3}"),
        proptest::option::of(".{0,20}"),
        proptest::option::of(".{0,20}"),
    )
        .prop_map(|(doc, kind, date, issuer, title, title_en)| Citation {
            doc,
            kind,
            date: date.and_then(|(y, d)| NaiveDate::from_yo_opt(y, d)),
            issuer,
            title: title.map(|vi| crate::bilingual::Bilingual { vi, en: title_en }),
        })
}

proptest! {
    #[test]
    fn display_parse_round_trip(r in doc_ref()) {
        let text = r.to_string();
        let back: DocRef = text.parse().unwrap();
        prop_assert_eq!(back.to_string(), text);
        prop_assert_eq!(back, r);
    }

    #[test]
    fn spaced_and_prefixed_forms_parse_to_the_same(r in doc_ref()) {
        let text = r.to_string().replace('/', " / ").replace('-', " - ");
        let back: DocRef = format!("Số: {text}").parse().unwrap();
        prop_assert_eq!(back, r);
    }

    #[test]
    fn serde_round_trip(r in doc_ref()) {
        let json = serde_json::to_string(&r).unwrap();
        prop_assert_eq!(&json, &format!("\"{r}\""));
        prop_assert_eq!(serde_json::from_str::<DocRef>(&json).unwrap(), r);
    }

    #[test]
    fn citation_round_trips(c in citation()) {
        let json = serde_json::to_string(&c).unwrap();
        prop_assert_eq!(serde_json::from_str::<Citation>(&json).unwrap(), c.clone());
        let untitled = Citation { title: None, ..c };
        prop_assert_eq!(untitled.to_string().parse::<Citation>().unwrap(), untitled);
    }

    #[test]
    fn never_panics(s in ".{0,80}") {
        if let Ok(r) = s.parse::<DocRef>() {
            prop_assert_eq!(r.to_string().parse::<DocRef>().unwrap(), r);
        }
        let _ = s.parse::<Citation>();
        let _ = parse_vi_date(&s);
    }

    #[test]
    fn never_panics_any(s in any::<String>()) {
        let _ = s.parse::<DocRef>();
        let _ = s.parse::<Citation>();
        let _ = parse_vi_date(&s);
    }

    #[test]
    fn never_panics_near_valid(s in "(Số: ?)?[0-9]{0,4}[ /-]{0,2}[0-9A-ZĐa-z]{0,5}[ /-]{0,2}[0-9A-ZĐa-z]{0,5}([ /-][A-Za-z]{0,3})?( ngày [0-9]{1,2}/[0-9]{1,2}/[0-9]{4})?") {
        if let Ok(r) = s.parse::<DocRef>() {
            prop_assert_eq!(r.to_string().parse::<DocRef>().unwrap(), r);
        }
        let _ = s.parse::<Citation>();
    }
}

/// The named forms the brief and the seeds write, read part by part.
#[test]
fn named_citations() {
    let c: Citation = "Nghị quyết số 20-NQ/TW của Hội nghị lần thứ năm Ban Chấp hành Trung ương \
                       Đảng khóa XIII ngày 16/6/2022"
        .parse()
        .unwrap();
    assert_eq!(c.kind, Some(DocKind::from(DocType::Resolution)));
    assert_eq!(c.date, Some(date(2022, 6, 16)));
    assert_eq!(
        c.issuer.as_deref(),
        Some("Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII")
    );
    assert_eq!(
        c.to_string(),
        "Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII"
    );
    for (text, y, m, d) in [
        ("Nghị quyết 13-NQ/TW ngày 18-3-2002", 2002, 3, 18),
        ("Chỉ thị số 12/CT-TTg ngày 13.12.2013", 2013, 12, 13),
        ("Luật số 17/2023/QH15 ngày 30 tháng 6 năm 2009", 2009, 6, 30),
        (
            "Kế hoạch số 363/KH-UBND ngày 30/5/2023 của UBND tỉnh",
            2023,
            5,
            30,
        ),
    ] {
        let c: Citation = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(c.date, Some(date(y, m, d)), "{text}");
    }
    let plan: Citation = "Kế hoạch số 363/KH-UBND ngày 30/5/2023 của UBND tỉnh"
        .parse()
        .unwrap();
    assert_eq!(plan.issuer.as_deref(), Some("UBND tỉnh"));
    assert_eq!(plan.kind_conflict(), None);
    let law: Citation = "Luật Hợp tác xã số 17/2023/QH15".parse().unwrap();
    assert_eq!(law.kind, Some(DocKind::Law));
    assert_eq!(law.title.map(|t| t.vi).as_deref(), Some("Hợp tác xã"));
    // The name and the number's code disagree: reported, not hidden.
    let an_giang: Citation = "Kế hoạch số 1206/QĐ-UBND, ngày 28/5/2020".parse().unwrap();
    assert_eq!(
        an_giang.kind_conflict(),
        Some((DocType::Plan.into(), DocType::Decision.into()))
    );
    let party_rule: Citation = "Quy định số 97-QĐ/TW".parse().unwrap();
    assert_eq!(party_rule.kind_conflict(), None);
    let state_rule: Citation = "Quy định số 97/QĐ-UBND".parse().unwrap();
    assert!(state_rule.kind_conflict().is_some());
    let report: Citation = "Báo cáo số 45/BCTT-HĐND".parse().unwrap();
    assert_eq!(report.kind_conflict(), None);
    let letter: Citation = "Công văn số 123-CV/TU".parse().unwrap();
    assert_eq!(letter.kind_conflict(), None);
    let e = |s: &str| s.parse::<Citation>().unwrap_err().to_string();
    assert_eq!(
        e("Thư số 12/KH-UBND"),
        "unknown document name `Thư`: expected a name such as `Kế hoạch`, `Quyết định` or `Công văn`"
    );
    assert!(e("Kế hoạch số 363/KH-UBND năm 2023").starts_with("unexpected `năm` after the number"));
}

#[test]
fn finding_citations_in_running_text() {
    let texts = |s: &str| -> Vec<String> {
        find_citations(s)
            .iter()
            .map(|f| s[f.range.clone()].to_owned())
            .collect()
    };
    // Not citations: rates, amounts, dates, and a bare number without code.
    assert!(texts("tăng 5%/năm, 10 triệu đồng/tháng, 01 Tổ hợp tác/xã, ngày 30/5/2023").is_empty());
    assert!(texts("Km 5/QL1A bị sạt lở").is_empty());
    assert_eq!(
        texts("Công văn số 538/UBND-KTTH"),
        ["Công văn số 538/UBND-KTTH"]
    );
    // A list ends each citation at the next one.
    assert_eq!(
        texts("căn cứ Nghị định số 45/2021/NĐ-CP; Quyết định 461/QĐ-TTg và Chỉ thị số 12/CT-TTg."),
        [
            "Nghị định số 45/2021/NĐ-CP",
            "Quyết định 461/QĐ-TTg",
            "Chỉ thị số 12/CT-TTg"
        ]
    );
    // A title runs to the end of its clause, and a citation inside it is found too.
    let text = "Thực hiện Chương trình hành động số 50-CTr/TU ngày 13/4/2023 của Ban Thường vụ \
                Tỉnh ủy về thực hiện Nghị quyết số 20-NQ/TW ngày 16/6/2022; Ủy ban nhân dân tỉnh";
    let found = find_citations(text);
    assert_eq!(found.len(), 2);
    let outer = found[0].reading.clone().unwrap();
    assert_eq!(
        outer.title.map(|t| t.vi).as_deref(),
        Some("thực hiện Nghị quyết số 20-NQ/TW ngày 16/6/2022")
    );
    assert!(
        found[0].range.start <= found[1].range.start && found[1].range.end <= found[0].range.end
    );
    // What looks like a citation but does not read is kept, with the reason.
    let bad = find_citations("theo Nghị quyết số 20-NQ/TW ngày 31/2/2022 của Chính phủ");
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].reading.as_ref().unwrap_err().what(), "date");
    let bad = find_citations("Kế hoạch số 363 của UBND tỉnh");
    assert_eq!(
        bad[0].reading.as_ref().unwrap_err().what(),
        "document number"
    );
    // Decomposed text: ranges in the text as given, on its char boundaries.
    let text = crate::text::nfd("Kế hoạch số 363/KH-UBND ngày 30/5/2023 của UBND tỉnh Nghệ An.");
    let found = find_citations(&text);
    assert_eq!(found.len(), 1);
    let piece = &text[found[0].range.clone()];
    assert_eq!(
        crate::text::nfc(piece),
        "Kế hoạch số 363/KH-UBND ngày 30/5/2023 của UBND tỉnh Nghệ An"
    );
}
