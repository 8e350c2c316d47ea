//! The document: number, date, place, issuer, kind, title, period and the
//! documents it implements and cites.

use chrono::NaiveDate;

use super::split::{folded, is_heading, Document, Line};
use super::{reason, DraftItem, DraftOptions, Part, Source};
use crate::bilingual::Bilingual;
use crate::doc::{find_citations, parse_vi_date, Citation, DocKind};
use crate::plan::{Assumption, Period, Plan, PlanId};

/// How many lines from the top the header may take.
const HEADER_LINES: usize = 16;

fn source(line: &Line<'_>) -> Source {
    Source {
        range: line.range.clone(),
        text: line.text.to_owned(),
    }
}

fn item(part: &str, src: Source, read: Bilingual, uncertain: Vec<Bilingual>) -> DraftItem {
    DraftItem {
        part: Part::Document {
            field: part.to_owned(),
        },
        source: src,
        read,
        uncertain,
    }
}

/// A slug of `s` for ids: folded, every other character `-`.
pub(super) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in folded(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let s: String = out.chars().take(60).collect();
    s.trim_end_matches('-').to_owned()
}

/// The place and date of a line `Nghệ An, ngày 30 tháng 5 năm 2023`.
fn place_and_date(line: &str) -> Option<(&str, NaiveDate)> {
    let at = line.find(", ngày").or_else(|| line.find(", Ngày"))?;
    let place = line.get(..at)?.trim();
    let date = parse_vi_date(line.get(at + 1..)?.trim().trim_end_matches('.')).ok()?;
    (place.chars().count() <= 40).then_some((place, date))
}

/// Years of a title: `giai đoạn 2021-2025` or `năm 2023` at its end.
fn title_period(title: &str) -> Option<(i32, i32)> {
    let f = folded(title);
    let years: Vec<(usize, i32)> = f
        .char_indices()
        .filter_map(|(i, _)| {
            let y = f.get(i..i + 4)?;
            let before_ok = i == 0 || !f.as_bytes().get(i - 1).is_some_and(u8::is_ascii_digit);
            let after_ok = !f.as_bytes().get(i + 4).is_some_and(u8::is_ascii_digit);
            (before_ok && after_ok && y.bytes().all(|b| b.is_ascii_digit()))
                .then(|| y.parse().ok().map(|y| (i, y)))
                .flatten()
        })
        .filter(|(_, y)| (1990..=2100).contains(y))
        .collect();
    if let Some(p) = f.find("giai doan ") {
        let after: Vec<i32> = years
            .iter()
            .filter(|(i, _)| *i > p)
            .map(|(_, y)| *y)
            .collect();
        if let [a, b, ..] = after.as_slice() {
            if a < b {
                return Some((*a, *b));
            }
        }
    }
    if let Some((i, y)) = years.last() {
        let tail = f.get(i + 4..).unwrap_or_default().trim();
        if f.get(..*i).unwrap_or_default().ends_with("nam ") && tail.is_empty() {
            let before = f.get(..*i).unwrap_or_default();
            if !before.ends_with("den nam ") {
                return Some((*y, *y));
            }
        }
    }
    None
}

pub(super) fn read(doc: &Document<'_>, options: &DraftOptions, items: &mut Vec<DraftItem>) -> Plan {
    let head: Vec<&Line<'_>> = doc.lines.iter().take(HEADER_LINES).collect();
    let mut number = None;
    let mut place = None;
    let mut issued = None;
    let mut called: Option<(String, usize)> = None;
    let mut issuer_line = None;
    for (i, line) in head.iter().enumerate() {
        let f = folded(line.text);
        let numbered = line.text.starts_with("Số") || line.text.starts_with("SỐ");
        if number.is_none() && numbered && (f.starts_with("so:") || f.starts_with("so ")) {
            if let Some(found) = find_citations(line.text).into_iter().next() {
                match found.reading {
                    Ok(c) => {
                        items.push(item(
                            "doc",
                            source(line),
                            Bilingual::both(
                                format!("số hiệu {}", c.doc),
                                format!("number {}", c.doc),
                            ),
                            vec![],
                        ));
                        number = Some(c.doc);
                    }
                    Err(e) => items.push(item(
                        "doc",
                        source(line),
                        Bilingual::both("số hiệu không đọc được", "number not read"),
                        vec![reason(e.text(crate::Lang::Vi), e.to_string())],
                    )),
                }
            }
            continue;
        }
        if issued.is_none() {
            if let Some((p, d)) = place_and_date(line.text) {
                items.push(item(
                    "issued",
                    source(line),
                    Bilingual::both(
                        format!("ngày ban hành {}, tại {p}", d.format("%d/%m/%Y")),
                        format!("issued {d} at {p}"),
                    ),
                    vec![],
                ));
                place = Some(p.to_owned());
                issued = Some(d);
                continue;
            }
        }
        if called.is_none() && line.text.chars().count() <= 40 {
            if DocKind::from_name(line.text).is_some()
                && line.text.chars().all(|c| !c.is_lowercase())
            {
                called = Some((capitalise_name(line.text), i));
                continue;
            }
            if f.starts_with("v/v") {
                called = Some(("Công văn".to_owned(), i.saturating_sub(1)));
            }
        }
        if issuer_line.is_none()
            && (f.starts_with("uy ban nhan dan") || f.starts_with("ubnd"))
            && line.text.chars().all(|c| !c.is_lowercase())
        {
            issuer_line = Some(*line);
        }
    }

    // A summary's attachment line names the document itself:
    // "File đính kèm: công văn 2651/UBND-KTN".
    let mut attached_kind = None;
    if number.is_none() {
        let attached = doc.lines.iter().rev().take(5).find(|l| {
            let f = folded(l.text);
            f.starts_with("file dinh kem")
                || f.starts_with("tai ve")
                || f.starts_with("van ban dinh kem")
        });
        if let Some(line) = attached {
            if let Some(Ok(c)) = find_citations(line.text)
                .into_iter()
                .next()
                .map(|f| f.reading)
            {
                items.push(item(
                    "doc",
                    source(line),
                    Bilingual::both(format!("số hiệu {} (tệp đính kèm)", c.doc), format!("number {} (the attachment)", c.doc)),
                    vec![reason(
                        "số hiệu lấy từ dòng tệp đính kèm: văn bản là bản tóm tắt của chính văn bản đó",
                        "number taken from the attachment line: the text is a summary of that document",
                    )],
                ));
                attached_kind = c.kind.map(|k| k.to_string());
                number = Some(c.doc);
            }
        }
    }

    // The title: the lines after the kind's line, up to the first line of
    // the body; a letter's `V/v` line and the next before `Kính gửi`.
    let mut title = None;
    let mut title_src = None;
    if let Some((kind, at)) = &called {
        let mut parts = Vec::new();
        let mut range = None::<std::ops::Range<usize>>;
        for line in doc.lines.iter().skip(at + 1).take(4) {
            let f = folded(line.text);
            if f.starts_with("kinh gui")
                || (!parts.is_empty() && !f.starts_with("v/v") && kind != "Công văn")
            {
                break;
            }
            if f.starts_with("so:") || place_and_date(line.text).is_some() {
                continue;
            }
            let t = line
                .text
                .trim_start_matches("V/v")
                .trim_start_matches("V/V")
                .trim();
            parts.push(t);
            range = Some(match range {
                Some(r) => r.start..line.range.end,
                None => line.range.clone(),
            });
            if kind != "Công văn" {
                break;
            }
        }
        if let Some(r) = range {
            let t = parts.join(" ");
            title = Some(if kind == "Công văn" {
                format!("V/v {t}")
            } else {
                format!("{kind} {}", lower_first(&t))
            });
            title_src = Some(Source {
                text: doc.text.get(r.clone()).unwrap_or_default().to_owned(),
                range: r,
            });
        }
    } else if let Some(first) = doc.lines.first() {
        // No kind line: a first line that is not a sentence reads as a title.
        let t = first.text;
        if t.chars().count() <= 200 && !t.ends_with('.') && !t.starts_with('(') && !t.contains('\t')
        {
            title = Some(t.to_owned());
            title_src = Some(source(first));
        }
    }
    let mut title_doubt = Vec::new();
    let title_text = match title {
        Some(t) => t,
        None => {
            title_doubt.push(reason(
                "văn bản không có tiêu đề đọc được; đặt tạm là `Kế hoạch`",
                "no title could be read; `Kế hoạch` is put in its place",
            ));
            "Kế hoạch".to_owned()
        }
    };
    items.push(item(
        "title",
        title_src.clone().unwrap_or_else(empty_source),
        Bilingual::both(
            format!("tiêu đề: {title_text}"),
            format!("title: {title_text}"),
        ),
        title_doubt,
    ));

    // The issuer.
    let mut issuer_doubt = Vec::new();
    let issuer = if let Some(line) = issuer_line {
        capitalise_name(line.text)
    } else if let Some(given) = &options.issuer {
        issuer_doubt.push(reason(
            "cơ quan ban hành do người dùng cho",
            "issuer given by the user",
        ));
        given.clone()
    } else if let (Some(n), Some(p)) = (&number, &place) {
        if n.issuer() == "UBND" {
            issuer_doubt.push(reason(
                format!("cơ quan ban hành suy ra từ ký hiệu `UBND` và địa danh `{p}`"),
                format!("issuer inferred from the code `UBND` and the place `{p}`"),
            ));
            format!("Ủy ban nhân dân tỉnh {p}")
        } else {
            issuer_doubt.push(reason(
                format!("cơ quan ban hành chỉ có ký hiệu `{}`", n.issuer()),
                format!("the issuer is known only by its code `{}`", n.issuer()),
            ));
            n.issuer().to_owned()
        }
    } else if let Some(n) = number.as_ref().filter(|n| n.issuer() == "UBND") {
        issuer_doubt.push(reason(
            format!(
                "cơ quan ban hành suy ra từ ký hiệu `{}`; văn bản không nêu tỉnh",
                n.issuer()
            ),
            format!(
                "issuer inferred from the code `{}`; the text does not name the province",
                n.issuer()
            ),
        ));
        "Ủy ban nhân dân tỉnh".to_owned()
    } else {
        issuer_doubt.push(reason(
            "văn bản không nêu cơ quan ban hành: ghi `(chưa rõ)`, cần sửa",
            "the text names no issuer: `(chưa rõ)` (unknown) is recorded and must be corrected",
        ));
        "(chưa rõ)".to_owned()
    };
    items.push(item(
        "issuer",
        issuer_line.map(source).unwrap_or_else(empty_source),
        Bilingual::both(
            format!("cơ quan ban hành: {issuer}"),
            format!("issuer: {issuer}"),
        ),
        issuer_doubt,
    ));

    let id = options.id.clone().unwrap_or_else(|| {
        let base = match (&number, issued) {
            (Some(n), Some(d)) => format!("{}-{}", slug(&n.to_string()), d.format("%Y")),
            (Some(n), None) => slug(&n.to_string()),
            _ => "draft".to_owned(),
        };
        PlanId::new(base).unwrap_or_else(|_| PlanId::new("draft").expect("a valid id"))
    });
    let mut plan = Plan::new(id, title_text.clone(), issuer);
    plan.doc = number;
    plan.issued = issued;
    plan.called = called.map(|(k, _)| k).or(attached_kind);
    plan.province = place;

    // The period: given, or from the title.
    if let Some(p) = options.period {
        record_period(
            &mut plan,
            items,
            p,
            empty_source(),
            reason(
                "giai đoạn do người dùng cho, không đọc từ văn bản",
                "period given by the user, not read from the text",
            ),
            format!("The period {p} was given when drafting; the text does not state it."),
        );
    } else if let Some((a, b)) = title_period(&title_text) {
        let start = NaiveDate::from_ymd_opt(a, 1, 1);
        let end = NaiveDate::from_ymd_opt(b, 12, 31);
        if let (Some(start), Some(end)) = (start, end) {
            record_period(
                &mut plan,
                items,
                Period { start, end },
                title_src.clone().unwrap_or_else(empty_source),
                reason(
                    format!("giai đoạn đọc từ tiêu đề: từ 01/01/{a} đến 31/12/{b}"),
                    format!("period read from the title: 1/1/{a} to 31/12/{b}"),
                ),
                format!("Read from the title as 1/1/{a} to 31/12/{b}."),
            );
        }
    }

    citations(doc, &mut plan, title_src.as_ref(), items);
    plan
}

/// The period from the plan's date to the end of its last deadline year,
/// when neither the options nor the title gave one.
pub(super) fn finish_period(plan: &mut Plan, items: &mut Vec<DraftItem>) {
    if plan.period.is_some() {
        return;
    }
    let (Some(start), Some(last)) = (plan.issued, plan.targets.iter().map(|t| t.deadline).max())
    else {
        return;
    };
    if last < start {
        return;
    }
    record_period(
        plan,
        items,
        Period { start, end: last },
        empty_source(),
        reason(
            "văn bản không nêu giai đoạn; lấy từ ngày ban hành đến hạn cuối của các mục tiêu",
            "the text states no period; taken from the date of issue to the last deadline of the targets",
        ),
        format!("The text states no period; taken as from its date of issue, {start}, to the last deadline of its targets, {last}."),
    );
}

fn empty_source() -> Source {
    Source {
        range: 0..0,
        text: String::new(),
    }
}

/// Sets the plan's period, with its review item and assumption.
fn record_period(
    plan: &mut Plan,
    items: &mut Vec<DraftItem>,
    p: Period,
    src: Source,
    why: Bilingual,
    assumption: String,
) {
    plan.period = Some(p);
    items.push(item(
        "period",
        src,
        Bilingual::both(format!("giai đoạn {p}"), format!("period {p}")),
        vec![why],
    ));
    plan.assumptions
        .push(Assumption::about("period", assumption));
}

/// Citations: those of the title and of the opening `Thực hiện …` sentence
/// are implemented; every other distinct one is cited; the plan's own
/// number is a self-citation.
fn citations(
    doc: &Document<'_>,
    plan: &mut Plan,
    title: Option<&Source>,
    items: &mut Vec<DraftItem>,
) {
    let found = find_citations(doc.text);
    let first_heading = doc
        .lines
        .iter()
        .skip(3)
        .find(|l| is_heading(l.text) && super::split::label(l.text).is_some())
        .map(|l| l.range.start)
        .unwrap_or(doc.text.len());
    let opening: Vec<std::ops::Range<usize>> = doc
        .lines
        .iter()
        .filter(|l| l.range.start < first_heading)
        .filter(|l| {
            let f = folded(l.text);
            f.starts_with("thuc hien")
                || f.starts_with("trien khai thuc hien")
                || f.starts_with("can cu")
        })
        .map(|l| l.range.clone())
        .chain(title.map(|t| t.range.clone()))
        .collect();
    let mut seen: Vec<String> = Vec::new();
    for mut f in found {
        // A citation ends at a table cell's end.
        if let Some(tab) = doc.text.get(f.range.clone()).and_then(|t| t.find('\t')) {
            f.range.end = f.range.start + tab;
        }
        let text = doc.text.get(f.range.clone()).unwrap_or_default();
        let src = Source {
            range: f.range.clone(),
            text: text.to_owned(),
        };
        match f.reading {
            Ok(c) => {
                let number = c.doc.to_string();
                if plan.doc.as_ref().is_some_and(|d| d.to_string() == number) {
                    if src.range.start > first_heading {
                        plan.self_citations.push(c);
                    }
                    continue;
                }
                if seen.contains(&number) {
                    continue;
                }
                seen.push(number.clone());
                let implements = opening
                    .iter()
                    .any(|r| r.start <= f.range.start && f.range.start < r.end)
                    && opening_implements(doc.text, &f.range);
                let date = c
                    .date
                    .map(|d| d.format("%d/%m/%Y").to_string())
                    .unwrap_or_default();
                let (part, read) = if implements {
                    (
                        Part::Implements {
                            doc: number.clone(),
                        },
                        Bilingual::both(
                            format!("thực hiện {number} {date}"),
                            format!("implements {number} {date}"),
                        ),
                    )
                } else {
                    (
                        Part::Cites {
                            doc: number.clone(),
                        },
                        Bilingual::both(
                            format!("trích dẫn {number} {date}"),
                            format!("cites {number} {date}"),
                        ),
                    )
                };
                items.push(DraftItem {
                    part,
                    source: src,
                    read,
                    uncertain: vec![],
                });
                let c = Citation { ..c };
                if implements {
                    plan.implements.push(c);
                } else {
                    plan.cites.push(c);
                }
            }
            Err(e) => {
                items.push(DraftItem {
                    part: Part::Cites {
                        doc: text.to_owned(),
                    },
                    source: src,
                    read: Bilingual::both("trích dẫn không đọc được", "citation not read"),
                    uncertain: vec![reason(e.text(crate::Lang::Vi), e.to_string())],
                });
            }
        }
    }
}

/// A citation of the opening is implemented when no `căn cứ` (legal basis)
/// stands before it on its line.
fn opening_implements(text: &str, range: &std::ops::Range<usize>) -> bool {
    let line_start = text
        .get(..range.start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let before = folded(text.get(line_start..range.start).unwrap_or_default());
    !before.starts_with("can cu")
}

/// `KẾ HOẠCH` as `Kế hoạch`, `ỦY BAN NHÂN DÂN TỈNH NGHỆ AN` as `Ủy ban nhân
/// dân tỉnh Nghệ An`: a name in capitals in sentence case, the words after
/// `tỉnh`, `thành phố`, `huyện` kept capitalised.
fn capitalise_name(s: &str) -> String {
    if s.chars().any(char::is_lowercase) {
        return s.to_owned();
    }
    let mut out = Vec::new();
    let mut place = false;
    for (i, w) in s.split_whitespace().enumerate() {
        let lower = w.to_lowercase();
        let word = if i == 0 || place {
            let mut cs = lower.chars();
            cs.next()
                .map(|c| c.to_uppercase().chain(cs).collect::<String>())
                .unwrap_or_default()
        } else {
            lower.clone()
        };
        if matches!(lower.as_str(), "tỉnh" | "huyện" | "xã" | "phố") {
            place = true;
        }
        out.push(word);
    }
    out.join(" ")
}

fn lower_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_lowercase().chain(cs).collect(),
        None => String::new(),
    }
}
