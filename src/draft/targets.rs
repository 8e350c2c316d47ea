//! Targets: the target section's sentences, cut into clauses and
//! enumerations, each read by `TargetPhrase::read` and mapped to a measure.

use std::ops::Range;

use chrono::NaiveDate;

use super::split::{cut, folded, is_heading, label, sentences, Document, Piece};
use super::subject::{map, Carry, Parent};
use super::{reason, DraftItem, Part, Source};
use crate::bilingual::Bilingual;
use crate::doc::find_citations;
use crate::lang::Lang;
use crate::plan::{
    Assumption, DateWindow, Growth, GrowthPhrase, Measure, Plan, TargetId, TargetPhrase,
};
use crate::threshold::Comparator;
use crate::{Filter, Target};

/// A target counting organisations established in a window, whose window
/// is set once the period is known.
#[derive(Debug, Clone)]
pub(super) struct NewMark {
    index: usize,
    key: String,
}

/// Words that may stand before the number of an elliptical item
/// ("khoảng 13.000 thành viên", "đạt bình quân 01 …").
const LEAD_WORDS: &[&str] = &[
    "với", "và", "có", "khoảng", "trên", "hơn", "ít", "nhất", "tối", "thiểu", "đa", "đạt", "bình",
    "quân", "dưới", "không", "quá", "từ", "gần",
];

/// Whether a folded word is a year (1990-2100) or a span of years.
fn is_year_word(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let year = |s: &str| s.len() == 4 && s.parse::<i32>().is_ok_and(|y| (1990..=2100).contains(&y));
    year(w) || w.split(['-', '–']).all(year)
}

/// Byte offsets (in `text`) of the numbers that may be values: not years,
/// not dates or document numbers.
fn cues(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev = "";
    for (n, (i, w)) in word_offsets(text).enumerate() {
        // A list label `1.`, `2)` opening the piece.
        if n == 0
            && w.len() > 1
            && w.ends_with(['.', ')'])
            && w.get(..w.len() - 1)
                .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
        {
            prev = w;
            continue;
        }
        let starts_digit = w.chars().next().is_some_and(|c| c.is_ascii_digit());
        let code = w.contains('/') && w.chars().any(char::is_alphabetic) && !w.contains("%");
        let date = w.matches('/').count() >= 2 || (prev == "tháng" && starts_digit);
        if starts_digit && !is_year_word(w) && !code && !date {
            out.push(i);
        }
        prev = w;
    }
    let lower = text.to_lowercase();
    for word in ["không còn", " đều ", "tất cả"] {
        if let Some(i) = lower.find(word) {
            if lower.len() == text.len() {
                out.push(i);
            }
        }
    }
    out
}

fn word_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |w| (super::split::offset(text, w), w))
}

/// Whether the piece starts with its number: an item of an enumeration
/// whose subject or verb stands in the item before.
fn elliptical(text: &str) -> bool {
    for (n, w) in text.split_whitespace().enumerate() {
        if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return true;
        }
        if n >= 4 || !LEAD_WORDS.contains(&w.to_lowercase().as_str()) {
            return false;
        }
    }
    false
}

/// Cuts `piece` at `sep` ("," or " và " or " với ") where the parts on both
/// sides hold a value, merging the parts that hold none into the one before.
fn enumerate<'a>(
    piece: &Piece<'a>,
    whole: &'a str,
    sep: &str,
    outside: &dyn Fn(usize) -> bool,
) -> Vec<Piece<'a>> {
    let mut bounds = Vec::new();
    let mut depth = 0usize;
    let t = piece.text;
    let mut i = 0;
    while i < t.len() {
        let rest = t.get(i..).unwrap_or_default();
        let c = rest.chars().next().unwrap_or(' ');
        if c == '(' {
            depth += 1;
        } else if c == ')' {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && rest.starts_with(sep) && !decimal_comma(t, i, sep) {
            bounds.push((i, i + sep.len()));
        }
        i += c.len_utf8();
    }
    let mut parts: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (a, b) in bounds {
        parts.push(start..a);
        start = b;
    }
    parts.push(start..t.len());
    let has_cue = |r: &Range<usize>| {
        cues(t.get(r.clone()).unwrap_or_default())
            .into_iter()
            .any(|c| outside(piece.range.start + r.start + c))
    };
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in parts {
        let join = !merged.is_empty() && !has_cue(&r);
        match merged.last_mut() {
            Some(last) if join => last.end = r.end,
            _ => merged.push(r),
        }
    }
    // A first part with no value (a verb or a heading word) joins the next.
    if merged.len() > 1 && !merged.first().is_some_and(has_cue) {
        let first = merged.remove(0);
        if let Some(next) = merged.first_mut() {
            next.start = first.start;
        }
    }
    merged
        .into_iter()
        .filter_map(|r| {
            let text = t.get(r.clone())?;
            Piece::new(piece.range.start + r.start..piece.range.start + r.end, text)
        })
        .map(|p| Piece {
            text: whole.get(p.range.clone()).unwrap_or(p.text),
            ..p
        })
        .collect()
}

/// The name a piece's first value number follows when that number is
/// part of it (`Trung ương 5`, `lần thứ 5`): a capitalised word that does
/// not start the piece, or `thứ`.
fn after_name(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let at = words.iter().position(|w| {
        w.starts_with(|c: char| c.is_ascii_digit()) && !is_year_word(w) && !w.contains('/')
    })?;
    if at < 2 {
        return None;
    }
    let prev = words.get(at - 1)?;
    let before = words.get(at - 2)?;
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let name = (capital(prev) && capital(before)) || *prev == "thứ";
    name.then(|| format!("{before} {prev}"))
}

/// Whether the `,` at `i` stands between digits (`3,2 tỷ đồng`).
fn decimal_comma(t: &str, i: usize, sep: &str) -> bool {
    sep == ","
        && t.get(..i)
            .and_then(|b| b.chars().last())
            .is_some_and(|c| c.is_ascii_digit())
        && t.get(i + 1..)
            .and_then(|a| a.chars().next())
            .is_some_and(|c| c.is_ascii_digit())
}

/// Whether a piece that does not read still looks like a target.
fn looks_like_target(text: &str) -> bool {
    let f = folded(text);
    [
        "hop tac xa",
        "htx",
        "to hop tac",
        "tht",
        "thanh vien",
        "kinh te tap the",
        "%",
        "doanh thu",
        "thu nhap",
        "can bo",
        "lien hiep",
        "ty le",
    ]
    .iter()
    .any(|w| f.contains(w))
}

/// The lines where targets are: after a heading naming the specific
/// targets, to the next heading of the same or a higher level; without
/// such a heading, every paragraph that is not a table row.
fn zone(doc: &Document<'_>) -> (Vec<usize>, bool) {
    let mut lines = Vec::new();
    let mut inside: Option<usize> = None;
    let mut found = false;
    for (i, line) in doc.lines.iter().enumerate() {
        let heading = is_heading(line.text);
        let f = folded(line.text);
        if heading {
            let depth = label(line.text).map_or(0, |l| l.depth);
            let names = f.contains("muc tieu cu the")
                || f.contains("chi tieu cu the")
                || f.contains("chi tieu chu yeu")
                || f.contains("cac chi tieu")
                || f.ends_with("chi tieu");
            if names {
                inside = Some(depth);
                found = true;
                continue;
            }
            if let Some(d) = inside {
                if depth <= d || f.contains("nhiem vu") || f.contains("giai phap") {
                    inside = None;
                }
            }
        }
        // Table rows are tasks, not target sentences.
        if inside.is_some() && !line.text.contains('\t') {
            lines.push(i);
        }
    }
    if found {
        return (lines, true);
    }
    let mut all = Vec::new();
    for (i, line) in doc.lines.iter().enumerate() {
        let f = folded(line.text);
        if f.starts_with("noi nhan") || f.starts_with("phu luc") {
            break;
        }
        let caption = line.text.starts_with('(') && line.text.ends_with(')');
        if !line.text.contains('\t') && !caption {
            all.push(i);
        }
    }
    (all, false)
}

fn year_end(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 12, 31)
}

/// The year of `đến năm 2030` or `năm 2024` in a heading.
fn heading_year(text: &str) -> Option<i32> {
    let f = folded(text);
    let at = f.rfind("nam ")?;
    let y: String = f
        .get(at + 4..)?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    y.parse().ok().filter(|y| (1990..=2100).contains(y))
}

fn unread(items: &mut Vec<DraftItem>, piece: &Piece<'_>, why: Vec<Bilingual>) {
    items.push(DraftItem {
        part: Part::Unread,
        source: Source {
            range: piece.range.clone(),
            text: piece.text.to_owned(),
        },
        read: Bilingual::both("không đọc được thành mục tiêu", "not read as a target"),
        uncertain: why,
    });
}

fn capitalised(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

fn bare_number(text: &str, comparator: &Comparator) -> bool {
    if !matches!(comparator, Comparator::AtLeast) {
        return false;
    }
    let f = folded(text);
    ![
        "it nhat",
        "toi thieu",
        "tro len",
        "khong duoi",
        "dat",
        "tu ",
    ]
    .iter()
    .any(|w| f.contains(w))
}

/// The word after the first number: what a reported value counts.
fn counted_word(text: &str) -> String {
    let mut it = text
        .split_whitespace()
        .skip_while(|w| !w.starts_with(|c: char| c.is_ascii_digit()));
    it.next();
    it.next().map(folded).unwrap_or_default()
}

struct State<'p> {
    plan: &'p mut Plan,
    marks: Vec<NewMark>,
}

/// What [`read`] gives the later steps.
pub(super) struct TargetsRead {
    /// The targets whose windows [`set_windows`] sets.
    pub marks: Vec<NewMark>,
    /// The end of the last line that gave a new target.
    pub last_end: Option<usize>,
}

/// Reads the targets into `plan`; returns the targets whose windows
/// [`set_windows`] sets.
pub(super) fn read(doc: &Document<'_>, plan: &mut Plan, items: &mut Vec<DraftItem>) -> TargetsRead {
    let (lines, _section) = zone(doc);
    let citations: Vec<Range<usize>> = find_citations(doc.text)
        .into_iter()
        .map(|c| c.range)
        .collect();
    let outside = |at: usize| !citations.iter().any(|r| r.start <= at && at < r.end);
    let default_year = plan.period.map(|p| chrono::Datelike::year(&p.end));
    let mut state = State {
        plan,
        marks: Vec::new(),
    };
    let mut heading_deadline: Option<i32> = None;
    // The last deadline a sentence stated, carried to later sentences that
    // state none, up to the next heading.
    let mut carried: Option<i32> = None;
    let mut last_end = None;
    for &i in &lines {
        let Some(line) = doc.lines.get(i) else {
            continue;
        };
        if is_heading(line.text) {
            heading_deadline = heading_year(line.text);
            carried = None;
            continue;
        }
        for sentence in sentences(line) {
            let mut sentence_year: Option<i32> = None;
            let mut carry = Carry::default();
            for clause in cut(&sentence, ';') {
                // "… , trong đó, có ít nhất 50% …": a child of the target before.
                let lower = clause.text.to_lowercase();
                let split_at = (lower.len() == clause.text.len())
                    .then(|| lower.find("trong đó"))
                    .flatten();
                let halves: Vec<(Piece<'_>, bool)> = match split_at {
                    Some(at) if at > 0 => {
                        let a = Piece::new(
                            clause.range.start..clause.range.start + at,
                            clause.text.get(..at).unwrap_or_default(),
                        );
                        let rest = clause.text.get(at + "trong đó".len()..).unwrap_or_default();
                        let b_start = clause.range.start + at + "trong đó".len();
                        let b = Piece::new(b_start..clause.range.end, rest);
                        a.into_iter()
                            .map(|p| (p, false))
                            .chain(b.into_iter().map(|p| (p, true)))
                            .collect()
                    }
                    _ => vec![(clause.clone(), false)],
                };
                let mut parent: Option<(Parent, TargetId)> = None;
                for (half, child) in halves {
                    let mut pieces = vec![half];
                    for sep in [" và ", " với ", ","] {
                        pieces = pieces
                            .iter()
                            .flat_map(|p| enumerate(p, doc.text, sep, &outside))
                            .collect();
                    }
                    for piece in pieces {
                        let cue = cues(piece.text)
                            .into_iter()
                            .any(|c| outside(piece.range.start + c));
                        if !cue {
                            continue;
                        }
                        if let Some(name) = after_name(piece.text) {
                            unread(items, &piece, vec![reason(
                                format!("số đứng sau tên riêng `{name}`: đọc là một phần của tên, không phải chỉ tiêu"),
                                format!("a number after the name `{name}`: read as part of the name, not a target"),
                            )]);
                            continue;
                        }
                        let phrase = match TargetPhrase::read(piece.text) {
                            Ok(p) => p,
                            Err(e) => {
                                if looks_like_target(piece.text) {
                                    unread(
                                        items,
                                        &piece,
                                        vec![reason(
                                            format!("câu không đọc được: {e}"),
                                            e.to_string(),
                                        )],
                                    );
                                }
                                continue;
                            }
                        };
                        if let Some(place) = phrase.each() {
                            unread(items, &piece, vec![reason(
                                format!("chỉ tiêu cho mỗi {place}: mô hình kế hoạch chưa có mục tiêu theo từng địa bàn"),
                                format!("a target for every {place}: the plan model has no per-place target"),
                            )]);
                            continue;
                        }
                        let mut doubts = Vec::new();
                        let from_earlier = phrase.deadline().is_none()
                            && sentence_year.is_none()
                            && carried.is_some();
                        let year = phrase
                            .deadline()
                            .or(sentence_year)
                            .or(carried)
                            .or(heading_deadline);
                        if let (true, Some(y)) = (from_earlier, carried) {
                            doubts.push(reason(
                                format!("câu không nêu hạn: lấy hạn của câu trước, năm {y}"),
                                format!("no deadline in the sentence: the deadline of an earlier sentence, {y}"),
                            ));
                        }
                        if phrase.deadline().is_some() {
                            sentence_year = phrase.deadline();
                            carried = phrase.deadline();
                        }
                        let year = match year.or(default_year) {
                            Some(y) => {
                                if phrase.deadline().is_none()
                                    && sentence_year.is_none()
                                    && heading_deadline.is_none()
                                {
                                    doubts.push(reason(
                                        format!("câu không nêu hạn: lấy năm cuối của kế hoạch, {y}"),
                                        format!("no deadline in the sentence: the plan's last year, {y}"),
                                    ));
                                }
                                y
                            }
                            None => {
                                unread(items, &piece, vec![reason(
                                    "không có hạn: câu, đề mục và giai đoạn kế hoạch đều không nêu năm",
                                    "no deadline: neither the sentence, its heading nor the plan's period gives a year",
                                )]);
                                continue;
                            }
                        };
                        let Some(deadline) = year_end(year) else {
                            continue;
                        };
                        let this_carry = if elliptical(piece.text) {
                            carry.clone()
                        } else {
                            Carry::default()
                        };
                        let par = if child {
                            parent.as_ref().map(|(p, _)| p)
                        } else {
                            None
                        };
                        if child && par.is_none() {
                            unread(
                                items,
                                &piece,
                                vec![reason(
                                    "`trong đó` nhưng không có mục tiêu tỷ lệ đứng trước",
                                    "`trong đó` (of which) without a share target before it",
                                )],
                            );
                            continue;
                        }
                        let mapped = match map(&phrase, deadline, &this_carry, par) {
                            Ok(m) => m,
                            Err(why) => {
                                unread(items, &piece, why);
                                continue;
                            }
                        };
                        carry = Carry {
                            kinds: mapped.kinds.clone(),
                            new: mapped.new,
                        };
                        doubts.extend(mapped.doubts.iter().cloned());
                        if bare_number(piece.text, phrase.threshold().comparator()) {
                            doubts.push(reason(
                                "số không kèm từ so sánh: đọc là `ít nhất`",
                                "a bare number, no comparator word: read as `at least`",
                            ));
                        }
                        let mut growth = None;
                        match phrase.growth() {
                            Some(GrowthPhrase::SinceYear { year, .. }) => {
                                growth = Some(Growth::AgainstBase {
                                    base_year: *year,
                                    base_value: None,
                                });
                            }
                            Some(GrowthPhrase::Yearly { .. }) => {
                                let from = phrase.since().or(state
                                    .plan
                                    .period
                                    .map(|p| chrono::Datelike::year(&p.start)));
                                match from {
                                    Some(from_year) => {
                                        growth = Some(Growth::Yearly {
                                            from_year,
                                            base_value: None,
                                        })
                                    }
                                    None => {
                                        unread(items, &piece, vec![reason(
                                            "tăng bình quân mỗi năm nhưng không biết năm bắt đầu",
                                            "an average yearly growth, but its first year is not known",
                                        )]);
                                        continue;
                                    }
                                }
                            }
                            Some(GrowthPhrase::SincePreviousYear { .. }) => {
                                growth = Some(Growth::AgainstBase {
                                    base_year: year - 1,
                                    base_value: None,
                                });
                                doubts.push(reason(
                                    format!("so với năm trước: đọc là so với năm {}", year - 1),
                                    format!(
                                        "against the year before: read as against {}",
                                        year - 1
                                    ),
                                ));
                            }
                            None => {}
                        }
                        let threshold = phrase.threshold().clone();
                        // The same target said twice (a summary, then a task).
                        let duplicate = state.plan.targets.iter().find(|t| {
                            t.threshold == threshold
                                && t.deadline == deadline
                                && t.growth == growth
                                && t.measure == mapped.measure
                                && (mapped.measure != Measure::Reported
                                    || t.source_text.as_deref().map(counted_word)
                                        == Some(counted_word(piece.text)))
                        });
                        if let Some(t) = duplicate {
                            items.push(DraftItem {
                                part: Part::Target {
                                    id: t.id.to_string(),
                                },
                                source: Source {
                                    range: piece.range.clone(),
                                    text: piece.text.to_owned(),
                                },
                                read: Bilingual::both(
                                    format!("nhắc lại mục tiêu {}", t.id),
                                    format!("repeats target {}", t.id),
                                ),
                                uncertain: vec![],
                            });
                            continue;
                        }
                        let base = format!("{year}.{}", mapped.name);
                        let mut id_text = base.clone();
                        let mut n = 2;
                        while state.plan.targets.iter().any(|t| t.id.as_str() == id_text) {
                            id_text = format!("{base}.{n}");
                            n += 1;
                        }
                        let Ok(id) = TargetId::new(id_text) else {
                            continue;
                        };
                        let mut target = Target::new(
                            id.clone(),
                            capitalised(piece.text),
                            capitalised(&phrase.display_in(Lang::En)),
                            mapped.measure.clone(),
                            threshold,
                            deadline,
                        );
                        target.growth = growth;
                        target.source_text = Some(piece.text.to_owned());
                        if let Some((_, pid)) = parent.as_ref().filter(|_| child) {
                            target.parent = Some(pid.clone());
                        }
                        target.assumptions = doubts
                            .iter()
                            .filter_map(|d| d.en.clone())
                            .map(Assumption::new)
                            .collect();
                        if !child {
                            if let Measure::Share {
                                numerator,
                                denominator,
                                ..
                            } = &mapped.measure
                            {
                                parent = Some((
                                    Parent {
                                        numerator: numerator.clone(),
                                        denominator: denominator.clone(),
                                    },
                                    id.clone(),
                                ));
                            }
                        }
                        if mapped.new {
                            let key = format!("{:?}", mapped.kinds);
                            let is_windowed = matches!(
                                &mapped.measure,
                                Measure::New { .. } | Measure::Sum { .. } | Measure::Against { .. }
                            );
                            if is_windowed {
                                state.marks.push(NewMark {
                                    index: state.plan.targets.len(),
                                    key,
                                });
                            }
                        }
                        let read = Bilingual::both(
                            format!("{}: {}", id, phrase.display_in(Lang::Vi)),
                            format!("{}: {}", id, phrase.display_in(Lang::En)),
                        );
                        items.push(DraftItem {
                            part: Part::Target { id: id.to_string() },
                            source: Source {
                                range: piece.range.clone(),
                                text: piece.text.to_owned(),
                            },
                            read,
                            uncertain: doubts,
                        });
                        state.plan.targets.push(target);
                        last_end = Some(line.range.end);
                    }
                }
            }
        }
    }
    TargetsRead {
        marks: state.marks,
        last_end,
    }
}

/// Sets the windows of "thành lập mới" targets: from the start of the
/// period (or the day after the same kind's previous deadline) to the
/// target's deadline.
pub(super) fn set_windows(plan: &mut Plan, marks: &[NewMark]) {
    let Some(period) = plan.period else { return };
    let mut last: Vec<(String, NaiveDate)> = Vec::new();
    for mark in marks {
        let Some(target) = plan.targets.get_mut(mark.index) else {
            continue;
        };
        let deadline = target.deadline;
        let previous = last
            .iter()
            .filter(|(k, d)| *k == mark.key && *d < deadline)
            .map(|(_, d)| *d)
            .max();
        let from = match previous.and_then(|d| d.succ_opt()) {
            Some(d) => d.max(period.start),
            None => period.start,
        };
        let Ok(window) = DateWindow::new(from, deadline) else {
            continue;
        };
        if previous.is_some() {
            target.assumptions.push(Assumption::about(
                "window",
                format!(
                    "Established from {from} (the day after the previous deadline) to {deadline}."
                ),
            ));
        } else {
            target.assumptions.push(Assumption::about(
                "window",
                format!("Established from the start of the plan's period, {from}, to {deadline}."),
            ));
        }
        set_window(&mut target.measure, window);
        if !last.iter().any(|(k, d)| *k == mark.key && *d == deadline) {
            last.push((mark.key.clone(), deadline));
        }
    }
}

fn set_window(measure: &mut Measure, window: DateWindow) {
    match measure {
        Measure::New { window: w, .. } => *w = window,
        Measure::Sum { filter, .. } => set_filter_window(filter, window),
        Measure::Against { base, .. } => {
            let mut m = base.measure().clone();
            set_window(&mut m, window);
            if let Ok(b) = crate::plan::FigureBase::new(m) {
                *base = b;
            }
        }
        _ => {}
    }
}

fn set_filter_window(filter: &mut Filter, window: DateWindow) {
    match filter {
        Filter::EstablishedIn { window: w } => *w = window,
        Filter::All { of } => {
            for f in of {
                set_filter_window(f, window);
            }
        }
        _ => {}
    }
}
