use super::*;
use crate::Labelled;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn years(a: i32, b: i32) -> Schedule {
    Schedule::years(a, b).unwrap()
}

fn year(y: i32) -> Schedule {
    Schedule::year(y).unwrap()
}

fn by(y: i32, m: u32, day: u32) -> Schedule {
    Schedule::by(d(y, m, day)).unwrap()
}

fn period(y1: i32, m1: u32, d1: u32, y2: i32, m2: u32, d2: u32) -> Schedule {
    Schedule::period(d(y1, m1, d1), d(y2, m2, d2)).unwrap()
}

fn from(y: i32) -> Schedule {
    Schedule::from_year(y).unwrap()
}

/// Every schedule wording of the seed plans (the column "Thời gian thực
/// hiện" of seed 003's appendix, and the periods and deadlines in the
/// text of all five), then the other wordings plans use.
#[test]
fn parses_every_wording() {
    let c = Schedule::continuous();
    let a = Schedule::annual();
    let table: &[(&str, Schedule)] = &[
        // Seed 003, appendix column "Thời gian thực hiện".
        ("Thường xuyên", c),
        ("2023-2024", years(2023, 2024)),
        ("Hàng năm", a),
        ("2023-2030", years(2023, 2030)),
        ("2023-2025", years(2023, 2025)),
        ("Năm 2023-2024", years(2023, 2024)),
        // Seeds 000–004, in the text.
        ("thường xuyên", c),
        ("hàng năm", a),
        ("hằng năm", a),
        ("thường niên", a),
        ("giai đoạn 2021 - 2030", years(2021, 2030)),
        ("giai đoạn 2021 -2025", years(2021, 2025)),
        ("giai đoạn 2021 – 2030", years(2021, 2030)),
        ("giai đoạn 2021 - 2025", years(2021, 2025)),
        ("thời kỳ 2021 -2030", years(2021, 2030)),
        ("2021 -2030", years(2021, 2030)),
        ("Đến năm 2030", by(2030, 12, 31)),
        ("đến năm 2025", by(2025, 12, 31)),
        ("Đến năm 2045", by(2045, 12, 31)),
        ("đến năm 2050", by(2050, 12, 31)),
        ("năm 2023", year(2023)),
        // Other wordings.
        ("Năm 2023", year(2023)),
        ("2023", year(2023)),
        ("trong năm 2023", year(2023)),
        ("2023 - 2025", years(2023, 2025)),
        ("Giai đoạn 2023-2025", years(2023, 2025)),
        ("Giai đoạn 2023–2025.", years(2023, 2025)),
        ("từ năm 2023 đến năm 2025", years(2023, 2025)),
        ("Từ 2023 đến 2025", years(2023, 2025)),
        ("các năm 2023 - 2024", years(2023, 2024)),
        ("trong giai đoạn 2021-2025", years(2021, 2025)),
        ("2023-2023", years(2023, 2023)),
        ("Trước ngày 30/6/2023", by(2023, 6, 30)),
        ("trước 31/12/2023", by(2023, 12, 31)),
        ("Trước ngày 30/06/2023", by(2023, 6, 30)),
        ("trước ngày 30 tháng 6 năm 2023", by(2023, 6, 30)),
        ("chậm nhất ngày 15/3/2024", by(2024, 3, 15)),
        ("Hoàn thành trước ngày 31-12-2023", by(2023, 12, 31)),
        ("đến ngày 31.12.2023", by(2023, 12, 31)),
        ("30/6/2023", by(2023, 6, 30)),
        ("Quý IV/2023", by(2023, 12, 31)),
        ("Quý 4/2023", by(2023, 12, 31)),
        ("quý I năm 2024", by(2024, 3, 31)),
        ("Trong quý II/2024", by(2024, 6, 30)),
        ("Trước quý III/2024", by(2024, 9, 30)),
        ("Tháng 6/2023", by(2023, 6, 30)),
        ("tháng 2 năm 2024", by(2024, 2, 29)),
        ("trong tháng 12/2023", by(2023, 12, 31)),
        ("Cuối năm 2023", by(2023, 12, 31)),
        ("Định kỳ hằng năm", a),
        ("Thường xuyên, liên tục", c),
        ("  THƯỜNG   XUYÊN  ", c),
        ("HÀNG NĂM", a),
        // Decomposed (NFD) text, as some PDFs give it.
        ("Thu\u{31b}o\u{31b}\u{300}ng xuye\u{302}n", c),
        // The English forms.
        ("Continuous", c),
        ("Every year", a),
        ("2023–2030", years(2023, 2030)),
        ("In 2023", year(2023)),
        ("By 30/06/2023", by(2023, 6, 30)),
        ("by 2030", by(2030, 12, 31)),
        // Periods, first years and deadlines beyond the seeds.
        (
            "Từ tháng 6/2021 đến tháng 12/2021",
            period(2021, 6, 1, 2021, 12, 31),
        ),
        (
            "từ tháng 6 đến tháng 12/2021",
            period(2021, 6, 1, 2021, 12, 31),
        ),
        (
            "Từ quý II đến quý IV/2024",
            period(2024, 4, 1, 2024, 12, 31),
        ),
        (
            "Quý II/2024 - Quý IV/2024",
            period(2024, 4, 1, 2024, 12, 31),
        ),
        (
            "Từ ngày 1/7/2019 đến ngày 31/12/2019",
            period(2019, 7, 1, 2019, 12, 31),
        ),
        (
            "Từ năm 2021 đến tháng 6/2022",
            period(2021, 1, 1, 2022, 6, 30),
        ),
        ("6 tháng cuối năm 2019", period(2019, 7, 1, 2019, 12, 31)),
        ("6 tháng đầu năm 2020", period(2020, 1, 1, 2020, 6, 30)),
        ("Sáu tháng đầu năm 2020", period(2020, 1, 1, 2020, 6, 30)),
        (
            "Trong 6 tháng cuối năm 2023",
            period(2023, 7, 1, 2023, 12, 31),
        ),
        ("9 tháng đầu năm 2024", period(2024, 1, 1, 2024, 9, 30)),
        (
            "From 01/06/2021 to 31/12/2021",
            period(2021, 6, 1, 2021, 12, 31),
        ),
        ("quý III/năm 2021", by(2021, 9, 30)),
        ("Quý IV/2023", by(2023, 12, 31)),
        ("chậm nhất trong tháng 9/2021", by(2021, 9, 30)),
        ("trước ngày 15/12/2023", by(2023, 12, 15)),
        ("Đến hết năm 2025", by(2025, 12, 31)),
        ("Từ nay đến năm 2025", by(2025, 12, 31)),
        ("Tháng 10/2023", by(2023, 10, 31)),
        ("Năm 2024 và các năm tiếp theo", from(2024)),
        ("năm 2024 và những năm tiếp theo", from(2024)),
        ("Từ năm 2024 trở đi", from(2024)),
        ("Từ năm 2024", from(2024)),
        ("2021-2025 và các năm tiếp theo", from(2021)),
        ("From 2024 on", from(2024)),
        ("nhiệm kỳ 2020 – 2025", years(2020, 2025)),
        ("Nhiệm kỳ 2020-2025", years(2020, 2025)),
        ("Giai đoạn 2021-2025", years(2021, 2025)),
        ("6/2023", by(2023, 6, 30)),
        ("06/2023 - 12/2023", period(2023, 6, 1, 2023, 12, 31)),
        ("Quý III - IV/2023", period(2023, 7, 1, 2023, 12, 31)),
        ("Tháng 9 - 12/2023", period(2023, 9, 1, 2023, 12, 31)),
        (
            "Từ tháng 9 đến tháng 12 năm 2023",
            period(2023, 9, 1, 2023, 12, 31),
        ),
    ];
    for (text, want) in table {
        assert_eq!(text.parse::<Schedule>().as_ref(), Ok(want), "{text}");
    }
}

#[test]
fn refuses_bad_wordings() {
    for bad in [
        "định kỳ",
        "sớm",
        "2023-",
        "-2023",
        "2023-2024-2025",
        "năm",
        "Quý V/2023",
        "trước năm 2030",
        "tháng 6",
        "Q4/2023",
        "2023 (dự kiến)",
        "12345678901",
        "Hàng năm 2023",
        "30/6",
        "13/2023",
        "Từ tháng 6/2021",
        "Hằng năm, giai đoạn 2023-2025",
        "Năm học 2023-2024",
        "IV/2023",
    ] {
        assert!(bad.parse::<Schedule>().is_err(), "{bad}");
    }
}

#[test]
fn error_messages() {
    let err = |s: &str| s.parse::<Schedule>().unwrap_err().to_string();
    assert_eq!(
        err("2030-2023"),
        "reversed span of years `2030-2023`: expected the first year not after the second"
    );
    assert_eq!(
        Schedule::years(2030, 2023).unwrap_err().to_string(),
        "reversed span of years `2030-2023`: expected the first year not after the second"
    );
    assert_eq!(
        err("Năm 1900"),
        "year 1900 out of range in `Năm 1900`: expected a year from 1945 to 2100"
    );
    assert_eq!(
        Schedule::year(-5).unwrap_err().to_string(),
        "year -5 out of range in `-5`: expected a year from 1945 to 2100"
    );
    assert_eq!(
        err("30/2/2023"),
        "invalid date in `30/2/2023`: expected a day from 1 to 28 in month 2 of 2023"
    );
    assert_eq!(
        err("Tháng 13/2023"),
        "invalid date in `Tháng 13/2023`: expected a month from 1 to 12"
    );
    assert_eq!(
        err("Quý 5/2023"),
        "invalid date in `Quý 5/2023`: expected a quarter from I to IV"
    );
    assert_eq!(
        err("sớm"),
        "unrecognised schedule `sớm` (the word `sớm` is not understood): expected `Thường xuyên`, \
         `Hàng năm`, a year (`Năm 2023`), a span of years (`2023-2030`), a period (`Từ tháng \
         6/2021 đến tháng 12/2021`, `6 tháng đầu năm 2020`), a first year (`Năm 2024 và các năm \
         tiếp theo`) or a deadline (`Trước ngày 30/6/2023`, `Tháng 6/2023`, `Quý IV/2023`)"
    );
    let opening = |s: &str| {
        let e = err(s);
        e.split(": expected").next().unwrap_or_default().to_owned()
    };
    // A span with its number of years must agree with it.
    assert_eq!(
        opening("5 năm 2021-2026"),
        "`5 năm 2021-2026` says 5 years, but 2021-2026 is 6 years"
    );
    let five: Schedule = "giai đoạn 5 năm (2021 – 2025)".parse().unwrap();
    assert_eq!(five, "2021-2025".parse::<Schedule>().unwrap());
    assert_eq!(
        opening("Năm"),
        "unrecognised schedule `Năm` (the words are known, not their order)"
    );
    assert_eq!(
        opening("2023 (dự kiến)"),
        "unrecognised schedule `2023 (dự kiến)` (the word `dự` is not understood)"
    );
    assert_eq!(
        opening("Tháng 6 và tháng 12 hằng năm"),
        "unrecognised schedule `Tháng 6 và tháng 12 hằng năm` (the words are known, not their order)"
    );
    assert_eq!(
        opening("Trong tháng 6/2023 (dự kiến)"),
        "unrecognised schedule `Trong tháng 6/2023 (dự kiến)` (the word `dự` is not understood)"
    );
    assert_eq!(
        opening("Sau khi có hướng dẫn"),
        "unrecognised schedule `Sau khi có hướng dẫn` (the word `khi` is not understood)"
    );
    assert_eq!(
        err("Từ tháng 12/2021 đến tháng 6/2021"),
        "reversed period `2021-12-01 - 2021-06-30`: expected the first day not after the last"
    );
    assert_eq!(
        err("14 tháng đầu năm 2020"),
        "invalid date in `14 tháng đầu năm 2020`: expected a number of months from 1 to 12"
    );
    assert!(err("  ").starts_with("empty schedule: expected `Thường xuyên`"));
    let long = "2".repeat(300);
    assert_eq!(
        err(&long),
        format!(
            "schedule `{}…` is 300 bytes long: expected at most 256 bytes",
            "2".repeat(80)
        )
    );
    assert_eq!(
        Schedule::by(d(2200, 1, 1)).unwrap_err().to_string(),
        "year 2200 out of range in `2200-01-01`: expected a year from 1945 to 2100"
    );
    assert!(Schedule::by_month(2023, 0).is_err());
    assert!(Schedule::by_quarter(2023, 5).is_err());
    assert!(Schedule::years(1944, 2000).is_err());
    assert!(Schedule::years(2000, 2101).is_err());
    assert!(Schedule::years(1945, 2100).is_ok());
}

#[test]
fn displays_in_both_languages() {
    let table = [
        (Schedule::continuous(), "Thường xuyên", "Continuous"),
        (Schedule::annual(), "Hàng năm", "Every year"),
        (years(2023, 2030), "2023-2030", "2023–2030"),
        (year(2023), "Năm 2023", "In 2023"),
        (by(2023, 6, 30), "Trước ngày 30/6/2023", "By 30/06/2023"),
        (
            period(2021, 6, 1, 2021, 12, 31),
            "Từ tháng 6/2021 đến tháng 12/2021",
            "From 01/06/2021 to 31/12/2021",
        ),
        (
            period(2021, 6, 15, 2021, 12, 31),
            "Từ ngày 15/6/2021 đến ngày 31/12/2021",
            "From 15/06/2021 to 31/12/2021",
        ),
        (from(2024), "Từ năm 2024", "From 2024 on"),
    ];
    for (s, vi, en) in table {
        assert_eq!(s.to_string(), vi);
        assert_eq!(s.display_in(Lang::Vi).to_string(), vi);
        assert_eq!(s.display_in(Lang::En).to_string(), en);
        assert_eq!(vi.parse::<Schedule>().unwrap(), s);
        assert_eq!(en.parse::<Schedule>().unwrap(), s);
        assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{vi}\""));
    }
}

#[test]
fn semantics_by_kind() {
    let c = Schedule::continuous();
    let a = Schedule::annual();
    let span = years(2023, 2025);
    let one = year(2024);
    let dl = by(2023, 6, 30);

    // is_active_in
    assert!(c.is_active_in(1990) && a.is_active_in(2099));
    assert_eq!(
        (2022..=2026)
            .map(|y| span.is_active_in(y))
            .collect::<Vec<_>>(),
        [false, true, true, true, false]
    );
    assert!(one.is_active_in(2024) && !one.is_active_in(2023) && !one.is_active_in(2025));
    assert!(dl.is_active_in(2000) && dl.is_active_in(2023) && !dl.is_active_in(2024));

    // is_due_in
    assert!(!c.is_due_in(2023) && a.is_due_in(2023) && a.is_due_in(2030));
    assert_eq!(
        (2022..=2026).map(|y| span.is_due_in(y)).collect::<Vec<_>>(),
        [false, false, false, true, false]
    );
    assert!(one.is_due_in(2024) && !one.is_due_in(2025));
    assert!(dl.is_due_in(2023) && !dl.is_due_in(2022));

    // end, first and last year, deadline, kind
    assert_eq!(c.end(), None);
    assert_eq!(a.end(), None);
    assert_eq!(span.end(), Some(d(2025, 12, 31)));
    assert_eq!(one.end(), Some(d(2024, 12, 31)));
    assert_eq!(dl.end(), Some(d(2023, 6, 30)));
    assert_eq!(
        [c, a, span, one, dl].map(|s| s.first_year()),
        [None, None, Some(2023), Some(2024), None]
    );
    assert_eq!(
        [c, a, span, one, dl].map(|s| s.last_year()),
        [None, None, Some(2025), Some(2024), Some(2023)]
    );
    assert_eq!(dl.deadline(), Some(d(2023, 6, 30)));
    assert_eq!(span.deadline(), None);
    let half = period(2019, 7, 1, 2019, 12, 31);
    let onward = from(2024);
    assert_eq!(
        [
            c,
            a,
            span,
            one,
            dl,
            half,
            onward,
            Schedule::annual_by(12, 15).unwrap()
        ]
        .map(|s| s.kind()),
        ScheduleKind::ALL
    );
    assert_eq!(half.end(), Some(d(2019, 12, 31)));
    assert_eq!(half.start(), Some(d(2019, 7, 1)));
    assert_eq!(
        (half.first_year(), half.last_year()),
        (Some(2019), Some(2019))
    );
    assert!(half.is_active_in(2019) && !half.is_active_in(2020) && half.is_due_in(2019));
    assert_eq!(onward.end(), None);
    assert_eq!(
        (onward.first_year(), onward.last_year()),
        (Some(2024), None)
    );
    assert!(!onward.is_active_in(2023) && onward.is_active_in(2024) && onward.is_active_in(2090));
    assert!(!onward.is_due_in(2023) && onward.is_due_in(2024) && onward.is_due_in(2030));
    assert_eq!(half.status_at(d(2019, 6, 30)), ScheduleState::NotStarted);
    assert_eq!(half.status_at(d(2019, 7, 1)), ScheduleState::Running);
    assert_eq!(half.status_at(d(2020, 1, 1)), ScheduleState::Ended);
    assert_eq!(onward.status_at(d(2023, 12, 31)), ScheduleState::NotStarted);
    assert_eq!(onward.status_at(d(2024, 1, 1)), ScheduleState::Continuous);

    // status_at, is_running_at, is_ended_at
    use ScheduleState::*;
    let dates = [
        d(2022, 12, 31),
        d(2023, 1, 1),
        d(2023, 6, 30),
        d(2023, 7, 1),
        d(2024, 12, 31),
        d(2025, 1, 1),
        d(2026, 1, 1),
    ];
    let states = |s: Schedule| dates.map(|date| s.status_at(date));
    assert_eq!(states(c), [Continuous; 7]);
    assert_eq!(states(a), [Continuous; 7]);
    assert_eq!(
        states(span),
        [NotStarted, Running, Running, Running, Running, Running, Ended]
    );
    assert_eq!(
        states(one),
        [NotStarted, NotStarted, NotStarted, NotStarted, Running, Ended, Ended]
    );
    assert_eq!(
        states(dl),
        [Running, Running, Running, Ended, Ended, Ended, Ended]
    );
    for s in [c, a, span, one, dl] {
        for date in dates {
            let state = s.status_at(date);
            assert_eq!(s.is_ended_at(date), state == Ended);
            assert_eq!(s.is_running_at(date), matches!(state, Running | Continuous));
        }
    }
}

#[test]
fn labels_and_serde_of_enums() {
    for state in ScheduleState::ALL {
        assert!(!state.label(Lang::Vi).is_empty() && !state.label(Lang::En).is_empty());
        let json = serde_json::to_string(&state).unwrap();
        assert_eq!(serde_json::from_str::<ScheduleState>(&json).unwrap(), state);
    }
    assert_eq!(
        serde_json::to_string(&ScheduleState::Running).unwrap(),
        "\"running\""
    );
    assert_eq!(
        serde_json::to_string(&ScheduleState::Continuous).unwrap(),
        "\"continuous\""
    );
    for kind in ScheduleKind::ALL {
        assert!(!kind.label(Lang::Vi).is_empty() && !kind.label(Lang::En).is_empty());
        let json = serde_json::to_string(&kind).unwrap();
        assert_eq!(serde_json::from_str::<ScheduleKind>(&json).unwrap(), kind);
    }
}

#[test]
fn yearly_deadlines() {
    let by = |m, day| Schedule::annual_by(m, day).unwrap();
    for (text, want) in [
        ("Quý I hằng năm", by(3, 31)),
        ("quý IV hàng năm", by(12, 31)),
        ("Quý 2 hằng năm", by(6, 30)),
        ("Tháng 12 hằng năm", by(12, 31)),
        ("tháng 6 hàng năm", by(6, 30)),
        ("trước ngày 15/12 hằng năm", by(12, 15)),
        ("Trước ngày 15/12 hàng năm", by(12, 15)),
        ("chậm nhất vào ngày 17 tháng 12 hằng năm", by(12, 17)),
        ("Hằng năm, trước ngày 15/12", by(12, 15)),
        ("ngày 28/2 hằng năm", by(2, 28)),
        ("By 15/12 every year", by(12, 15)),
    ] {
        let s: Schedule = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(s, want, "{text}");
        assert_eq!(s.kind(), ScheduleKind::AnnualBy);
        assert_eq!(s.to_string().parse::<Schedule>().unwrap(), s);
        assert_eq!(
            s.display_in(Lang::En)
                .to_string()
                .parse::<Schedule>()
                .unwrap(),
            s
        );
    }
    let s = by(12, 15);
    assert_eq!(s.to_string(), "Trước ngày 15/12 hàng năm");
    assert_eq!(s.display_in(Lang::En).to_string(), "By 15/12 every year");
    assert_eq!(s.yearly_deadline(), Some((12, 15)));
    // Like `Hàng năm`: no start, no end, due and active every year.
    assert_eq!(
        (s.start(), s.end(), s.first_year(), s.deadline()),
        (None, None, None, None)
    );
    assert!(s.is_due_in(2024) && s.is_active_in(1990));
    assert_eq!(s.status_at(d(2030, 1, 1)), ScheduleState::Continuous);
    // A day not every year has, a month or quarter that does not exist, a
    // year inside the yearly wording: refused, never read as something else.
    for (text, part) in [
        ("ngày 29/2 hằng năm", "which every year has"),
        ("Tháng 2 hằng năm", "end of February"),
        ("ngày 31/4 hằng năm", "a day from 1 to 30 in month 4"),
        ("tháng 13 hằng năm", "a month from 1 to 12"),
        ("Quý V hằng năm", "a quarter from I to IV"),
        ("Quý I/2024 hằng năm", "unrecognised"),
        ("trước ngày 15/12/2024 hằng năm", "unrecognised"),
    ] {
        let err = text.parse::<Schedule>().unwrap_err().to_string();
        assert!(err.contains(part), "{text}: {err}");
    }
    assert!(Schedule::annual_by(0, 1).is_err() && Schedule::annual_by(12, 32).is_err());
}

#[test]
fn open_starts_and_missing_years_are_refused_by_name() {
    for (text, part) in [
        (
            "Từ tháng 6/2021",
            "a start without an end in `Từ tháng 6/2021`",
        ),
        ("từ ngày 15/6/2021", "a start without an end"),
        ("Từ quý II/2024", "a start without an end"),
        (
            "6 tháng đầu năm",
            "a part of a year without its year in `6 tháng đầu năm`",
        ),
        ("6 tháng cuối năm", "without its year"),
    ] {
        let err = text.parse::<Schedule>().unwrap_err();
        assert!(err.to_string().contains(part), "{text}: {err}");
        assert_eq!(err.what(), "schedule");
    }
    // A first year still reads: it starts on 1 January.
    assert_eq!("Từ năm 2021".parse::<Schedule>().unwrap(), from(2021));
    assert_eq!(
        "Từ tháng 6/2021 đến tháng 12/2021"
            .parse::<Schedule>()
            .unwrap(),
        period(2021, 6, 1, 2021, 12, 31)
    );
}

#[test]
fn serde_checks_like_the_parser() {
    assert_eq!(
        serde_json::from_str::<Schedule>("\"Năm 2023-2024\"").unwrap(),
        years(2023, 2024)
    );
    let err = serde_json::from_str::<Schedule>("\"2030-2023\"").unwrap_err();
    assert!(err.to_string().contains("reversed span of years"), "{err}");
    assert!(serde_json::from_str::<Schedule>("\"Năm 3000\"").is_err());
    assert!(serde_json::from_str::<Schedule>("{\"from\":2030,\"to\":2023}").is_err());
    assert!(serde_json::from_str::<Schedule>("2023").is_err());
}

#[test]
fn errors_are_send_sync_static() {
    fn check<T: Send + Sync + 'static + std::error::Error>() {}
    check::<ParseError>();
}

fn any_schedule() -> impl Strategy<Value = Schedule> {
    let year = Schedule::MIN_YEAR..=Schedule::MAX_YEAR;
    prop_oneof![
        Just(Schedule::continuous()),
        Just(Schedule::annual()),
        (year.clone(), year.clone()).prop_map(|(a, b)| years(a.min(b), a.max(b))),
        year.clone().prop_map(year_schedule),
        (year.clone(), 1u32..=12, 1u32..=31).prop_filter_map("no such day", |(y, m, day)| {
            NaiveDate::from_ymd_opt(y, m, day).map(|date| Schedule::by(date).unwrap())
        }),
        (year.clone(), 1u32..=366, year.clone(), 1u32..=366).prop_filter_map(
            "no such day",
            |(y1, d1, y2, d2)| {
                let a = NaiveDate::from_yo_opt(y1, d1)?;
                let b = NaiveDate::from_yo_opt(y2, d2)?;
                Some(Schedule::period(a.min(b), a.max(b)).unwrap())
            }
        ),
        year.prop_map(|y| Schedule::from_year(y).unwrap()),
        (1u32..=12, 1u32..=31).prop_filter_map("no such day every year", |(m, day)| {
            Schedule::annual_by(m, day).ok()
        }),
    ]
}

fn year_schedule(y: i32) -> Schedule {
    year(y)
}

proptest! {
    #[test]
    fn display_round_trips(s in any_schedule()) {
        prop_assert_eq!(s.to_string().parse::<Schedule>().unwrap(), s);
        prop_assert_eq!(s.display_in(Lang::En).to_string().parse::<Schedule>().unwrap(), s);
    }

    #[test]
    fn serde_round_trips(s in any_schedule()) {
        let json = serde_json::to_string(&s).unwrap();
        prop_assert_eq!(serde_json::from_str::<Schedule>(&json).unwrap(), s);
    }

    #[test]
    fn status_agrees_with_end(s in any_schedule(), y in 1940i32..2110, doy in 1u32..=365) {
        let date = NaiveDate::from_yo_opt(y, doy).unwrap();
        let state = s.status_at(date);
        let before_start = s.start().is_some_and(|start| date < start);
        prop_assert_eq!(state == ScheduleState::NotStarted, before_start);
        match s.end() {
            None => prop_assert!(before_start || state == ScheduleState::Continuous),
            Some(end) => prop_assert_eq!(state == ScheduleState::Ended, date > end && !before_start),
        }
        if s.is_running_at(date) {
            prop_assert!(s.is_active_in(y));
        }
    }

    #[test]
    fn spans_parse_in_order_or_fail(a in 0u32..3000, b in 0u32..3000) {
        let text = format!("{a} - {b}");
        let parsed = text.parse::<Schedule>();
        let in_range = |y: u32| (1945..=2100).contains(&y);
        prop_assert_eq!(parsed.is_ok(), in_range(a) && in_range(b) && a <= b);
    }

    #[test]
    fn parse_never_panics(s in ".{0,80}") {
        let _ = s.parse::<Schedule>();
    }

    #[test]
    fn parse_never_panics_on_any_string(s in any::<String>()) {
        let _ = s.parse::<Schedule>();
    }

    #[test]
    fn parse_never_panics_on_near_misses(s in "(trước|ngày|quý|tháng|năm|giai đoạn|đến| |[0-9]{1,5}|/|-|\\.|iv){0,8}") {
        let _ = s.parse::<Schedule>();
    }
}
