use std::collections::BTreeMap;
use std::io::Read;

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::read::{parse_bool, parse_count, parse_date, parse_decimal};
use super::*;
use crate::org::{
    Cooperative, ExtValue, Flag, Location, OrgId, OrgKind, OrgStatus, Rating, Sector,
};
use crate::registry::Snapshot;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const DATE: (i32, u32, u32) = (2024, 12, 31);

fn date() -> NaiveDate {
    day(DATE.0, DATE.1, DATE.2)
}

fn read(text: &str) -> Result<Snapshot, CsvError> {
    read_csv(text.as_bytes(), date(), &CsvOptions::default())
}

fn read_all(text: &str) -> Result<Snapshot, CsvError> {
    read_csv(
        text.as_bytes(),
        date(),
        &CsvOptions::default().with_collect_all(true),
    )
}

const HEADER: &str = "id,name,kind,sector,province,commune,established,status";

#[test]
fn quoted_names_diacritics_and_shuffled_columns() {
    let text = "\
rating,commune,status,id,established,name,sector,kind,province,district,members,value_chain,revenue_vnd,area_ha,ocop,key_staff,key_staff_trained,dissolved
good,Hưng Lợi,active,htx-001,2015-03-02,\"HTX Nông nghiệp Hưng Lợi, Hưng Nguyên\",agriculture,htx,Nghệ An,Hưng Nguyên,120,true,1500000000.50,12.5,true,5,3,
,\"Nghi Phong\",dissolved,tht-7, 2019-01-05 ,\"THT \"\"Rau sạch\"\" Đồng Mỏ\",trade,THT,Nghệ An,,  8 ,0,,,false,,,2023-06-30
weak,Quỳnh Lập,Active,lh-1,2018-07-01,Liên hiệp HTX Quỳnh Lưu,other,lhhtx,Nghệ An,Quỳnh Lưu,,1,-5,,,,,
";
    let snap = read(text).unwrap();
    assert_eq!(snap.len(), 3);
    let htx = snap.get(0).unwrap();
    let expected = Cooperative::new(
        OrgId::new("htx-001").unwrap(),
        "HTX Nông nghiệp Hưng Lợi, Hưng Nguyên",
        OrgKind::Cooperative,
        Sector::Agriculture,
        Location::new("Nghệ An", "Hưng Lợi").with_district("Hưng Nguyên"),
        day(2015, 3, 2),
    )
    .with_members(120)
    .with_rating(2024, Rating::Good)
    .with_flag(Flag::ValueChain);
    let mut expected = expected;
    expected.revenue_vnd = Some(Decimal::new(150_000_000_050, 2));
    expected.key_staff = Some(5);
    expected.key_staff_trained = Some(3);
    expected.extensions = BTreeMap::from([
        ("area_ha".to_owned(), ExtValue::Number(Decimal::new(125, 1))),
        ("ocop".to_owned(), ExtValue::Bool(true)),
    ]);
    assert_eq!(htx, expected);

    let tht = snap.get(1).unwrap();
    assert_eq!(tht.name, "THT \"Rau sạch\" Đồng Mỏ");
    assert_eq!(tht.kind, OrgKind::CooperativeGroup);
    assert_eq!(tht.location.district, None);
    assert_eq!(tht.location.commune, "Nghi Phong");
    assert_eq!(tht.established, day(2019, 1, 5));
    assert_eq!(tht.dissolved, Some(day(2023, 6, 30)));
    assert_eq!(tht.status, OrgStatus::Dissolved);
    assert_eq!(tht.members, Some(8));
    assert!(tht.ratings.is_empty());
    assert!(tht.flags.is_empty());
    assert_eq!(
        tht.extensions,
        BTreeMap::from([("ocop".to_owned(), ExtValue::Bool(false))])
    );

    let lh = snap.get(2).unwrap();
    assert_eq!(lh.kind, OrgKind::CooperativeUnion);
    assert_eq!(lh.rating_in(2024), Some(Rating::Weak));
    assert!(lh.has(Flag::ValueChain));
    // Negative money is read; validation reports it.
    assert_eq!(lh.revenue_vnd, Some(Decimal::from(-5)));
    assert!(lh.extensions.is_empty());
}

#[test]
fn crlf_blank_lines_and_multiline_fields() {
    let text = format!(
        "{HEADER}\r\nx1,\"HTX\r\nhai dòng\",htx,trade,P,C,2020-01-01,active\r\n\r\nx2,B,htx,trade,P,C,2020-01-01,active\r\n"
    );
    let snap = read(&text).unwrap();
    assert_eq!(snap.len(), 2);
    assert_eq!(snap.get(0).unwrap().name, "HTX\r\nhai dòng");
    // Line numbers count physical lines: x2 starts on line 5.
    let bad = format!(
        "{HEADER}\nx1,\"HTX\nhai dòng\",htx,trade,P,C,2020-01-01,active\n\nx2,B,htx,trade,P,C,2020-01-01,on\n"
    );
    let bad2 = format!(
        "{HEADER}\nx1,\"HTX\nhai dòng\",htx,trade,P,C,2020-01-01,active\nx2,B,htx,trade,P,C,2020-01-01,on\n"
    );
    assert!(read(&bad2).unwrap_err().to_string().starts_with("line 4, "));
    let bad3 = format!(
        "{HEADER}\nx1,HTX,htx,trade,P,C,2020-01-01,active\n\nx2,B,htx,trade,P,C,2020-01-01,on\n"
    );
    assert!(read(&bad3).unwrap_err().to_string().starts_with("line 4, "));
    // CRLF line breaks, blank lines of spaces, no line break at the end.
    let crlf = format!(
        "\r\n{HEADER}\r\nx1,\"HTX\r\nhai\",htx,trade,P,C,2020-01-01,active\r\n  \r\n\r\nx2,B,htx,trade,P,C,2020-01-01,on"
    );
    assert!(read(&crlf).unwrap_err().to_string().starts_with("line 7, "));
    let crlf = format!("{HEADER}\r\nx1,A,htx,trade,P,C,2020-01-01,active\r\nx1,B,htx,trade,P,C,2020-01-01,active\r\n");
    assert_eq!(
        read(&crlf).unwrap_err().to_string(),
        "line 3: duplicate organisation id `x1`, already on line 2"
    );
    assert_eq!(
        read(&bad).unwrap_err().to_string(),
        "line 5, column `status`: invalid value `on`: expected one of active, suspended, dissolving, dissolved"
    );
}

/// A file with one data line: the header plus `extra` columns, the good
/// values plus `extra` values.
fn one_line(columns: &str, values: &str) -> String {
    format!("{HEADER},{columns}\nhtx-1,HTX A,htx,trade,Nghệ An,Vinh,2020-01-02,active,{values}\n")
}

#[test]
fn every_bad_value_has_an_exact_message() {
    let money = "expected an amount of VND as a plain decimal number such as 1500000000 or 1500000000.50, or empty \
                 (numbers written 1.500.000.000,5 are read with the Vietnamese number format)";
    let count = "expected a whole number from 0 to 4294967294, or empty";
    let table: &[(&str, &str, &str)] = &[
        ("kind", "htc", "expected one of tht, htx, lhhtx"),
        ("sector", "farming", "expected one of agriculture, industry, trade, transport, construction, credit, environment, other"),
        ("status", "open", "expected one of active, suspended, dissolving, dissolved"),
        (
            "rating",
            "tot",
            "expected one of good, fair, average, weak (Tốt, Khá, Trung bình, Yếu, Kém), or empty",
        ),
        ("value_chain", "yes", "expected true, false, 1, 0, Có, Không, x, or empty"),
        ("paper_only", "2", "expected true, false, 1, 0, Có, Không, x, or empty"),
        ("established", "2023-13-01", "expected a date YYYY-MM-DD or dd/mm/yyyy"),
        ("established", "2023-02-30", "expected a date YYYY-MM-DD or dd/mm/yyyy"),
        ("established", "32/03/2023", "expected a date YYYY-MM-DD or dd/mm/yyyy"),
        ("established", "02/03/23", "expected a date YYYY-MM-DD or dd/mm/yyyy"),
        ("established", "", "expected a date YYYY-MM-DD or dd/mm/yyyy"),
        ("dissolved", "2023-1-1", "expected a date YYYY-MM-DD or dd/mm/yyyy, or empty"),
        ("revenue_vnd", "1.500.000.000", money),
        ("revenue_vnd", "1,500,000,000", money),
        ("revenue_vnd", "1e9", money),
        ("revenue_vnd", "+5", money),
        ("revenue_vnd", ".5", money),
        ("revenue_vnd", "5.", money),
        ("avg_income_vnd", "99999999999999999999999999999999", money),
        ("members", "-1", count),
        ("members", "4294967295", count),
        ("members", "12.0", count),
        ("key_staff_refreshed", "ba", count),
        ("area_ha", "yes", "expected true, false, Có, Không, x, a decimal number, or empty"),
        ("name", "", "expected a non-empty text"),
        ("province", "", "expected a non-empty text"),
        ("commune", "  ", "expected a non-empty text"),
        ("id", "", "expected an organisation id: 1 to 64 bytes, no control character"),
    ];
    for &(column, value, expected) in table {
        let text = if col::REQUIRED.iter().any(|&c| COLUMNS[c] == column) {
            let pos = HEADER.split(',').position(|c| c == column).unwrap();
            let mut values: Vec<String> = "htx-1,HTX A,htx,trade,Nghệ An,Vinh,2020-01-02,active"
                .split(',')
                .map(str::to_owned)
                .collect();
            values[pos] = value.to_owned();
            format!("{HEADER}\n{}\n", values.join(","))
        } else {
            one_line(column, &format!("\"{value}\""))
        };
        let err = read(&text).unwrap_err();
        let shown = value.trim();
        assert_eq!(
            err.to_string(),
            format!("line 2, column `{column}`: invalid value `{shown}`: {expected}"),
            "{column} = {value:?}"
        );
        assert!(matches!(
            err,
            CsvError::Row(CsvRowError::Value { line: 2, .. })
        ));
    }
}

#[test]
fn long_values_are_cut_in_messages() {
    let value = "ư".repeat(100);
    let err = read(&one_line("kind2", &value)).unwrap_err();
    let CsvError::Row(CsvRowError::Value { value: shown, .. }) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(shown.chars().count(), 81);
    assert!(shown.ends_with('…'));
    let id = "x".repeat(65);
    let text = format!("{HEADER}\n{id},A,htx,trade,P,C,2020-01-01,active\n");
    assert!(
        matches!(read(&text), Err(CsvError::Row(CsvRowError::Value { column, .. })) if column == "id")
    );
}

#[test]
fn collect_all_returns_every_error() {
    let text = format!(
        "{HEADER},members\n\
         a,A,htx,trade,P,C,2020-01-01,active,1\n\
         b,B,htc,trade,P,C,2020-13-01,active,x\n\
         c,C,htx,trade,P,C,2020-01-01\n\
         a,A2,htx,trade,P,C,2020-01-01,active,2\n\
         d,D,htx,trade,P,C,2020-01-01,active,3\n\
         e,E,htx,trade,P,C,2020-01-01,gone,3\n"
    );
    let err = read_all(&text).unwrap_err();
    let CsvError::Many { errors, total } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*total, 6);
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "line 3, column `kind`: invalid value `htc`: expected one of tht, htx, lhhtx",
            "line 3, column `established`: invalid value `2020-13-01`: expected a date YYYY-MM-DD or dd/mm/yyyy",
            "line 3, column `members`: invalid value `x`: expected a whole number from 0 to 4294967294, or empty",
            "line 4: 7 fields, but the header has 9",
            "line 5: duplicate organisation id `a`, already on line 2",
            "line 7, column `status`: invalid value `gone`: expected one of active, suspended, dissolving, dissolved",
        ]
    );
    assert_eq!(
        err.to_string(),
        "6 errors in the csv; the first: line 3, column `kind`: invalid value `htc`: expected one of tht, htx, lhhtx"
    );
    assert_eq!(
        errors.iter().map(CsvRowError::line).collect::<Vec<_>>(),
        [3, 3, 3, 4, 5, 7]
    );

    // Only the first `max_errors` are kept; all are counted.
    let options = CsvOptions::default()
        .with_collect_all(true)
        .with_max_errors(2);
    let err = read_csv(text.as_bytes(), date(), &options).unwrap_err();
    assert!(matches!(&err, CsvError::Many { errors, total: 6 } if errors.len() == 2));
    assert!(err
        .to_string()
        .starts_with("6 errors in the csv (2 kept); the first: line 3"));

    // Without collect_all the first error comes back on its own.
    assert_eq!(
        read(&text).unwrap_err().to_string(),
        "line 3, column `kind`: invalid value `htc`: expected one of tht, htx, lhhtx"
    );
    // A clean file reads the same in both modes.
    let clean = format!("{HEADER}\na,A,htx,trade,P,C,2020-01-01,active\n");
    assert_eq!(read_all(&clean).unwrap(), read(&clean).unwrap());
}

#[test]
fn duplicate_id_names_both_lines() {
    let text = format!(
        "{HEADER}\nhtx-1,A,htx,trade,P,C,2020-01-01,active\nhtx-2,B,htx,trade,P,C,2020-01-01,active\nhtx-1,C,htx,trade,P,C,2020-01-01,active\n"
    );
    let err = read(&text).unwrap_err();
    assert_eq!(
        err,
        CsvError::Row(CsvRowError::DuplicateId {
            line: 4,
            id: "htx-1".into(),
            first_line: 2
        })
    );
    assert_eq!(
        err.to_string(),
        "line 4: duplicate organisation id `htx-1`, already on line 2"
    );
}

#[test]
fn header_problems() {
    let missing = "id,name,kind,sector,province,established,status\n";
    assert_eq!(
        read(missing).unwrap_err().to_string(),
        "missing column `commune`: the header must name id, name, kind, sector, province, commune, established, status"
    );
    assert_eq!(
        read(&format!("{HEADER},name\n")).unwrap_err().to_string(),
        "column `name` appears twice in the header, as columns 2 and 9"
    );
    assert_eq!(
        read(&format!("{HEADER}, x ,x\n")).unwrap_err().to_string(),
        "column `x` appears twice in the header, as columns 9 and 10"
    );
    assert_eq!(
        read(&format!("{HEADER},\n")).unwrap_err().to_string(),
        "column 9 of the header has an empty name: expected a column name"
    );
    assert_eq!(
        read(&format!("{HEADER},Name\n")).unwrap_err().to_string(),
        "column `name` appears twice in the header, as columns 2 and 9"
    );
    // Standard names in any case; extension names keep theirs.
    let upper = format!(
        "{},Area_Ha\nx,A,htx,trade,P,C,2020-01-01,active,2.5\n",
        HEADER.to_uppercase()
    );
    let org = read(&upper).unwrap().get(0).unwrap();
    assert_eq!(
        org.extensions.get("Area_Ha"),
        Some(&ExtValue::Number(Decimal::new(25, 1)))
    );
    assert_eq!(read("").unwrap_err(), CsvError::NoHeader);
    assert_eq!(read("\n\n").unwrap_err(), CsvError::NoHeader);
    assert_eq!(
        CsvError::NoHeader.to_string(),
        "no header line: expected a first line naming the columns"
    );
    // A header alone is an empty snapshot.
    assert!(read(&format!("{HEADER}\n")).unwrap().is_empty());
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b",\xff\xfe\n");
    assert_eq!(
        read_csv(bytes.as_slice(), date(), &CsvOptions::default())
            .unwrap_err()
            .to_string(),
        "column 9 of the header has a name that is not valid UTF-8: expected a column name"
    );
}

#[test]
fn byte_order_mark_is_skipped() {
    let text = format!("\u{feff}{HEADER}\nx,Hợp tác xã,htx,trade,P,C,2020-01-01,active\n");
    let snap = read(&text).unwrap();
    assert_eq!(snap.find("x").unwrap().name, "Hợp tác xã");
    // Also when the reader hands out one byte at a time.
    struct OneByte<'a>(&'a [u8]);
    impl Read for OneByte<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((b, rest)), Some(slot)) => {
                    *slot = *b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }
    let snap2 = read_csv(OneByte(text.as_bytes()), date(), &CsvOptions::default()).unwrap();
    assert_eq!(snap2, snap);
}

#[test]
fn invalid_utf8_names_the_line() {
    let mut bytes = format!("{HEADER}\nx,A,htx,trade,P,C,2020-01-01,active\n").into_bytes();
    bytes.extend_from_slice(b"y,HTX \xc3\x28,htx,trade,P,C,2020-01-01,active\n");
    let err = read_csv(bytes.as_slice(), date(), &CsvOptions::default()).unwrap_err();
    assert_eq!(
        err,
        CsvError::Row(CsvRowError::InvalidUtf8 {
            line: 3,
            column: "name".into()
        })
    );
    assert_eq!(err.to_string(), "line 3, column `name`: invalid UTF-8");
    // In a coded column too.
    let mut bytes = format!("{HEADER}\n").into_bytes();
    bytes.extend_from_slice(b"y,A,ht\xffx,trade,P,C,2020-01-01,active\n");
    assert_eq!(
        read_csv(bytes.as_slice(), date(), &CsvOptions::default())
            .unwrap_err()
            .to_string(),
        "line 2, column `kind`: invalid UTF-8"
    );
}

#[test]
fn limits_stop_reading() {
    let options = CsvOptions::default().with_max_field_bytes(16);
    let text = format!(
        "{HEADER}\nx,{},htx,trade,P,C,2020-01-01,active\n",
        "a".repeat(17)
    );
    assert_eq!(
        read_csv(text.as_bytes(), date(), &options)
            .unwrap_err()
            .to_string(),
        "line 2, column `name`: the value is 17 bytes long, more than the 16 allowed"
    );
    let ok = format!(
        "{HEADER}\nx,{},htx,trade,P,C,2020-01-01,active\n",
        "a".repeat(16)
    );
    assert_eq!(read_csv(ok.as_bytes(), date(), &options).unwrap().len(), 1);

    // An unclosed quote in an endless input stops at the record limit.
    let options = CsvOptions::default().with_max_record_bytes(100_000);
    let start = format!("{HEADER}\nx,\"");
    let endless = start.as_bytes().chain(std::io::repeat(b'a'));
    assert_eq!(
        read_csv(endless, date(), &options).unwrap_err(),
        CsvError::RecordTooLong {
            line: 2,
            max: 100_000
        }
    );
    // Also in the header.
    let endless = std::io::repeat(b'a');
    assert!(matches!(
        read_csv(endless, date(), &options),
        Err(CsvError::RecordTooLong { line: 1, .. })
    ));
    // A record just under the limit passes.
    let options = CsvOptions::default().with_max_record_bytes(HEADER.len());
    let text = format!("{HEADER}\nx,A,htx,trade,P,C,2020-01-01,active\n");
    assert_eq!(
        read_csv(text.as_bytes(), date(), &options).unwrap().len(),
        1
    );

    let options = CsvOptions::default().with_max_rows(2);
    let row = |i: u32| format!("x{i},A,htx,trade,P,C,2020-01-01,active\n");
    let text = format!("{HEADER}\n{}{}", row(1), row(2));
    assert_eq!(
        read_csv(text.as_bytes(), date(), &options).unwrap().len(),
        2
    );
    let text = format!("{text}{}", row(3));
    assert_eq!(
        read_csv(text.as_bytes(), date(), &options)
            .unwrap_err()
            .to_string(),
        "line 4: more than the 2 organisations allowed"
    );
}

#[test]
fn io_errors_are_reported() {
    struct Failing;
    impl Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "gone",
            ))
        }
    }
    assert_eq!(
        read_csv(Failing, date(), &CsvOptions::default()).unwrap_err(),
        CsvError::Io {
            kind: std::io::ErrorKind::ConnectionReset,
            message: "gone".into()
        }
    );
    let err = read_csv_path("/no/such/file.csv", date(), &CsvOptions::default()).unwrap_err();
    assert!(err
        .to_string()
        .starts_with("i/o error: cannot open `/no/such/file.csv`: "));
}

#[test]
fn rating_outside_the_snapshot_range_is_rejected() {
    let text = format!("{HEADER},rating\nx,A,htx,trade,P,C,2020-01-01,active,good\n");
    let err = read_csv(text.as_bytes(), day(2300, 1, 1), &CsvOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 2: rating year 2300 of `x` is outside 1900..=2200"
    );
}

#[test]
fn file_round_trip() {
    let path = std::env::temp_dir().join(format!("hoptac-io-{}.csv", std::process::id()));
    let org = Cooperative::new(
        OrgId::new("htx-1").unwrap(),
        "HTX Đồng Tâm",
        OrgKind::Cooperative,
        Sector::Trade,
        Location::new("Nghệ An", "Nghi Phong"),
        day(2019, 3, 1),
    );
    let snap = Snapshot::from_cooperatives(date(), [org]).unwrap();
    write_csv(&snap, std::fs::File::create(&path).unwrap()).unwrap();
    let back = read_csv_path(&path, date(), &CsvOptions::default());
    let _ = std::fs::remove_file(&path);
    assert_eq!(back.unwrap(), snap);
}

#[test]
fn writing_refuses_what_would_not_read_back() {
    let org = |ext: &str| {
        let mut o = Cooperative::new(
            OrgId::new("x").unwrap(),
            "X",
            OrgKind::Cooperative,
            Sector::Trade,
            Location::new("P", "C"),
            day(2019, 3, 1),
        );
        o.extensions.insert(ext.to_owned(), ExtValue::Bool(true));
        Snapshot::from_cooperatives(date(), [o]).unwrap()
    };
    let err = write_csv(&org("name"), Vec::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot write extension attribute `name`: its name is that of a standard column"
    );
    assert!(write_csv(&org("Rating"), Vec::new()).is_err());
    assert!(write_csv(&org(" x"), Vec::new()).is_err());
    assert!(write_csv(&org(""), Vec::new()).is_err());
    let far = Cooperative::new(
        OrgId::new("x").unwrap(),
        "X",
        OrgKind::Cooperative,
        Sector::Trade,
        Location::new("P", "C"),
        day(10_000, 1, 1),
    );
    let snap = Snapshot::from_cooperatives(date(), [far]).unwrap();
    assert_eq!(
        write_csv(&snap, Vec::new()).unwrap_err().to_string(),
        "cannot write column `established` of `x`: the date +10000-01-01 does not have a four-digit year"
    );
}

#[test]
fn value_parsers() {
    assert_eq!(parse_date(b"2024-02-29"), Some(day(2024, 2, 29)));
    assert_eq!(parse_date(b"2023-02-29"), None);
    assert_eq!(parse_date(b"0000-01-01"), Some(day(0, 1, 1)));
    assert_eq!(parse_date(b"2024-1-01"), None);
    assert_eq!(parse_date(b"2024-01-01T"), None);
    assert_eq!(parse_count(b"0"), Some(0));
    assert_eq!(parse_count(b"007"), Some(7));
    assert_eq!(parse_count(b"4294967294"), Some(u32::MAX - 1));
    assert_eq!(parse_count(b"4294967295"), None);
    assert_eq!(parse_count(b"99999999999"), None);
    assert_eq!(parse_count(b""), None);
    for (text, value) in [
        ("1500000000", Decimal::new(1_500_000_000, 0)),
        ("1500000000.50", Decimal::new(150_000_000_050, 2)),
        ("-12.5", Decimal::new(-125, 1)),
        ("0", Decimal::ZERO),
        ("79228162514264337593543950335", Decimal::MAX),
        ("-79228162514264337593543950335", Decimal::MIN),
        ("0.0000000000000000000000000001", Decimal::new(1, 28)),
        // Past 38 characters the checked path reads the same values.
        (&format!("{}1", "0".repeat(45)), Decimal::ONE),
        (&format!("{}.5", "0".repeat(40)), Decimal::new(5, 1)),
    ] {
        assert_eq!(parse_decimal(text.as_bytes()), Some(value), "{text}");
    }
    for text in [
        "",
        "-",
        ".",
        "1.2.3",
        "1 000",
        "79228162514264337593543950336",
        "0.00000000000000000000000000001",
        "999999999999999999999999999999999999999",
        &"9".repeat(60),
        "--1",
        "1-",
    ] {
        assert_eq!(parse_decimal(text.as_bytes()), None, "{text}");
    }
    assert_eq!(parse_bool(b"TRUE"), Some(true));
    assert_eq!(parse_bool(b"0"), Some(false));
    assert_eq!(parse_bool(b"yes"), None);
}

#[test]
fn expected_lists_match_the_codes() {
    let text = |codes: &[&str]| format!("one of {}", codes.join(", "));
    let err = |column: &str| {
        let e = read(&one_line(column, "??")).unwrap_err();
        match e {
            CsvError::Row(CsvRowError::Value { expected, .. }) => expected,
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(
        err("rating"),
        format!(
            "{} (Tốt, Khá, Trung bình, Yếu, Kém), or empty",
            text(&Rating::CODES)
        )
    );
    let sector = format!("{HEADER}\nx,A,htx,??,P,C,2020-01-01,active\n");
    assert!(
        matches!(read(&sector), Err(CsvError::Row(CsvRowError::Value { expected, .. })) if expected == text(&Sector::CODES))
    );
    let kind = format!("{HEADER}\nx,A,??,trade,P,C,2020-01-01,active\n");
    assert!(
        matches!(read(&kind), Err(CsvError::Row(CsvRowError::Value { expected, .. })) if expected == text(&OrgKind::CODES))
    );
    let status = format!("{HEADER}\nx,A,htx,trade,P,C,2020-01-01,??\n");
    assert!(
        matches!(read(&status), Err(CsvError::Row(CsvRowError::Value { expected, .. })) if expected == text(&OrgStatus::CODES))
    );
}

#[test]
fn errors_are_send_sync_static() {
    fn check<T: Send + Sync + 'static + std::error::Error>() {}
    check::<CsvError>();
    check::<CsvRowError>();
}

#[test]
fn options_serde() {
    let o = CsvOptions::default()
        .with_collect_all(true)
        .with_max_errors(7);
    let json = serde_json::to_string(&o).unwrap();
    assert_eq!(
        json,
        r#"{"collect_all":true,"max_errors":7,"max_field_bytes":65536,"max_record_bytes":1048576,"max_rows":50000000}"#
    );
    assert_eq!(serde_json::from_str::<CsvOptions>(&json).unwrap(), o);
    assert_eq!(
        serde_json::from_str::<CsvOptions>(r#"{"collect_all":true}"#).unwrap(),
        CsvOptions::default().with_collect_all(true)
    );
    assert!(serde_json::from_str::<CsvOptions>(r#"{"collectall":true}"#).is_err());
}

#[test]
fn quoted_values_keep_80_characters() {
    let cut = |s: &str| crate::text::excerpt(s, MAX_QUOTED_CHARS).into_owned();
    assert_eq!(cut("abc"), "abc");
    let s = "đ".repeat(80);
    assert_eq!(cut(&s), s);
    assert_eq!(cut(&"đ".repeat(81)), format!("{s}…"));
}

/// A record that reads back as written: texts trimmed, in NFC (as the
/// reader stores them) and not empty,
/// counts below `u32::MAX`, ratings only for the snapshot's year,
/// extension names that are not standard columns.
fn clean(mut org: Cooperative) -> Cooperative {
    let fix = |s: &mut String| {
        *s = crate::text::nfc(s.trim_ascii()).into_owned();
        if s.is_empty() {
            s.push('x');
        }
    };
    fix(&mut org.name);
    fix(&mut org.location.province);
    fix(&mut org.location.commune);
    if let Some(d) = &mut org.location.district {
        *d = crate::text::nfc(d.trim_ascii()).into_owned();
    }
    if org.location.district.as_deref() == Some("") {
        org.location.district = None;
    }
    let first = org.ratings.values().next().copied();
    org.ratings.clear();
    if let Some(r) = first {
        org.ratings.insert(DATE.0, r);
    }
    for c in [
        &mut org.members,
        &mut org.associate_members,
        &mut org.member_coops,
    ] {
        if *c == Some(u32::MAX) {
            *c = Some(0);
        }
    }
    org.extensions = std::mem::take(&mut org.extensions)
        .into_iter()
        .map(|(k, v)| (format!("x_{}", crate::text::nfc(k.trim_ascii())), v))
        .collect();
    org
}

proptest! {
    #[test]
    fn write_then_read_gives_back_the_snapshot(
        orgs in proptest::collection::vec(crate::org::arb::arb_cooperative(), 0..12)
    ) {
        let mut seen = std::collections::HashSet::new();
        let orgs: Vec<Cooperative> = orgs
            .into_iter()
            .map(clean)
            .filter(|o| seen.insert(o.id.clone()))
            .collect();
        let snap = Snapshot::from_cooperatives(date(), orgs).unwrap();
        let mut out = Vec::new();
        write_csv(&snap, &mut out).unwrap();
        let back = read_csv(out.as_slice(), date(), &CsvOptions::default());
        prop_assert_eq!(back, Ok(snap));
    }

    #[test]
    fn generated_registries_round_trip(seed in any::<u64>()) {
        let cfg = crate::generate::GeneratorConfig::nghe_an(40, seed, date());
        let orgs = crate::generate::cooperatives(&cfg).map(|mut o| {
            o.ratings.retain(|y, _| *y == DATE.0);
            o
        });
        let snap = Snapshot::from_cooperatives(date(), orgs).unwrap();
        let mut out = Vec::new();
        write_csv(&snap, &mut out).unwrap();
        prop_assert_eq!(read_csv(out.as_slice(), date(), &CsvOptions::default()), Ok(snap));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let options = CsvOptions::default().with_max_record_bytes(200).with_max_field_bytes(50);
        let r = read_csv(bytes.as_slice(), date(), &options);
        // Random bytes never name the eight required columns.
        prop_assert!(r.is_err());
        let r = read_csv(bytes.as_slice(), date(), &options.clone().with_collect_all(true));
        prop_assert!(r.is_err());
    }

    #[test]
    fn arbitrary_lines_never_panic(line in "[a-z0-9,\"\\- .:\u{0}-\u{7f}ưđ]{0,200}", collect in any::<bool>()) {
        let text = format!("{HEADER},members,rating,dissolved,revenue_vnd,area_ha\n{line}\n{line}\n");
        let options = CsvOptions::default().with_collect_all(collect);
        let _ = read_csv(text.as_bytes(), date(), &options);
    }

    #[test]
    fn arbitrary_strings_never_panic(s in ".{0,80}", t in any::<String>()) {
        let _ = read(&s);
        let _ = read(&format!("{HEADER}\n{t}"));
        let _ = parse_decimal(t.as_bytes());
        let _ = parse_date(s.as_bytes());
        let _ = parse_count(s.as_bytes());
    }
}

#[test]
fn large_file_reads_back() {
    let cfg = crate::generate::GeneratorConfig::nghe_an(2_500, 8, date());
    let snap = crate::generate::snapshot(&cfg);
    let path = std::env::temp_dir().join(format!("hoptac-io-large-{}.csv", std::process::id()));
    write_csv(&snap, std::fs::File::create(&path).unwrap()).unwrap();
    let back = read_csv_path(&path, date(), &CsvOptions::default());
    let _ = std::fs::remove_file(&path);
    // Ratings for earlier years are not written: compare this year's.
    let expected: Vec<Cooperative> = snap
        .iter()
        .map(|mut o| {
            o.ratings.retain(|y, _| *y == DATE.0);
            o
        })
        .collect();
    assert_eq!(back.unwrap().iter().collect::<Vec<_>>(), expected);
}

#[test]
fn stop_at_first_reports_the_earliest_line_even_for_a_duplicate() {
    let text = format!(
        "{HEADER}\n\
         a,A,htx,trade,P,C,2020-01-01,active\n\
         a,A2,htx,trade,P,C,2020-01-01,active\n\
         b,B,htx,trade,P,C,2020-01-01,gone\n"
    );
    let err = read(&text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 3: duplicate organisation id `a`, already on line 2"
    );
}

/// With `max_errors` 0 a bad row is still an error, never dropped with the
/// rows before it read as the whole file: stopping at the first error, that
/// error; collecting, the count of them.
#[test]
fn no_room_for_errors_still_refuses_the_file() {
    let text = "id,name,kind,sector,province,commune,established,status\n\
                htx-1,HTX A,htx,agriculture,Nghệ An,Hưng Lợi,2015-03-02,active\n\
                htx-2,HTX B,htx,agriculture,Nghệ An,Hưng Lợi,2015-03-02,open\n";
    let date = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or_default();
    let first = super::read_csv(
        text.as_bytes(),
        date,
        &super::CsvOptions::default().with_max_errors(0),
    );
    assert!(
        matches!(&first, Err(super::CsvError::Row(e)) if e.line() == 3),
        "{first:?}"
    );
    let all = super::read_csv(
        text.as_bytes(),
        date,
        &super::CsvOptions::default()
            .with_max_errors(0)
            .with_collect_all(true),
    );
    assert!(
        matches!(&all, Err(super::CsvError::Many { errors, total: 1 }) if errors.is_empty()),
        "{all:?}"
    );
}
