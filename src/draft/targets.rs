//! Targets: the target section's sentences, cut into clauses and
//! enumerations, each read by `TargetPhrase::read` and mapped to a measure.

use std::ops::Range;

use chrono::NaiveDate;

use super::split::{cut, folded, is_heading, label, sentences, Document, Piece};
use super::subject::{map, Carry, Parent};
use super::{reason, DraftItem, Part, Source};
use crate::bilingual::Bilingual;
use crate::doc::find_citations;
use crate::lang::Labelled;
use crate::lang::Lang;
use crate::org::OrgKind;
use crate::plan::{
    Assumption, DateWindow, Growth, GrowthPhrase, Measure, Per, PerPlace, PlaceLevel,
    PlaceQuantifier, Plan, Subject, TargetId, TargetPhrase,
};
use crate::threshold::{Comparator, Threshold, Unit};
use crate::{Filter, Target};
use rust_decimal::Decimal;

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
    // A number in words ("hai triệu thành viên") is a value too: its item of
    // an enumeration stands apart, to be listed unread.
    // (Folded only where the second word may be a multiplier: short and
    // starting with m, t or n.)
    let words: Vec<(usize, &str)> = word_offsets(text).collect();
    let mut any_words = false;
    for pair in words.windows(2) {
        let (Some(&(i, a)), Some(&(_, b))) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let maybe = b.len() <= 9 && b.starts_with(['m', 't', 'n', 'M', 'T', 'N']) && a.len() <= 7;
        if !maybe {
            continue;
        }
        let b = folded(b);
        let b = b.trim_end_matches([',', ';', '.', ':']);
        if MULTIPLIERS.contains(&b) && NUMBER_WORDS.contains(&folded(a).as_str()) {
            out.push(i);
            any_words = true;
        }
    }
    if any_words {
        out.sort_unstable();
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
        } else if depth == 0
            && rest.starts_with(sep)
            && !decimal_comma(t, i, sep)
            // "25.000 thành viên tham gia 730 hợp tác xã": the members of
            // the organisations counted after them.
            && (sep != " tham gia " || t.get(..i).is_some_and(|b| b.ends_with("thành viên")))
        {
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

/// The threshold of a phrase whose value is per month ("6 triệu
/// đồng/tháng"): money per month ([`Unit::VndPerMonth`], compared with a
/// yearly field as twelve times it), where the parser gives the amount in
/// đồng with a `/tháng`. Another `/…` the model has no unit for refuses.
fn per_month(
    phrase: &TargetPhrase,
    threshold: Threshold,
) -> Result<(Threshold, Option<Bilingual>), Bilingual> {
    let month = phrase.per().contains(&Per::Month);
    let other: Vec<&str> = phrase
        .per()
        .iter()
        .filter_map(|p| match p {
            Per::Other { word } => Some(word.as_str()),
            _ => None,
        })
        .collect();
    if let Some(word) = other.first() {
        return Err(reason(
            format!("giá trị tính trên `/{word}`: mô hình kế hoạch không có đơn vị này"),
            format!("a value per `/{word}`: the plan model has no such unit"),
        ));
    }
    if !month {
        return Ok((threshold, None));
    }
    if !matches!(threshold.unit(), Unit::Vnd) {
        if matches!(threshold.unit(), Unit::VndPerMonth) {
            return Ok((threshold, None));
        }
        return Err(reason(
            format!(
                "giá trị mỗi tháng nhưng đơn vị là {}: chưa soạn",
                threshold.unit()
            ),
            format!("a value per month in {}: not drafted", threshold.unit()),
        ));
    }
    let made = match threshold.aspiration() {
        Some(top) => Threshold::range(threshold.value(), top, Unit::VndPerMonth),
        None => Threshold::new(
            threshold.comparator().clone(),
            threshold.value(),
            Unit::VndPerMonth,
        ),
    };
    match made {
        Ok(t) => Ok((
            t,
            Some(reason(
                "đồng/tháng: so với trường tính theo năm bằng 12 lần số tháng",
                "VND per month: compared with a yearly field as twelve times the amount",
            )),
        )),
        Err(e) => Err(reason(
            format!("giá trị mỗi tháng không dựng được: {}", e.text(Lang::Vi)),
            format!("the monthly amount does not make a threshold: {e}"),
        )),
    }
}

/// Digit words, folded (`năm` is five only before a multiplier).
const NUMBER_WORDS: &[&str] = &[
    "mot", "hai", "ba", "bon", "tu", "nam", "sau", "bay", "tam", "chin", "muoi",
];

/// Multipliers of numbers in words, folded.
const MULTIPLIERS: &[&str] = &["muoi", "tram", "nghin", "ngan", "trieu", "ty", "ti"];

/// A number written in words in `text` ("hai triệu", "ba trăm", "mười
/// lăm nghìn"): a digit word followed by a multiplier.
fn number_in_words(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let folded_words: Vec<String> = words.iter().map(|w| folded(w)).collect();
    for (i, pair) in folded_words.windows(2).enumerate() {
        let (Some(a), Some(b)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let b = b.trim_end_matches([',', ';', '.', ':']);
        // `năm` before a multiplier is five; "năm 2025" is a year.
        if NUMBER_WORDS.contains(&a.as_str()) && MULTIPLIERS.contains(&b) {
            // The number and the two words of what it counts.
            let end = (i + 4).min(words.len());
            let found = words.get(i..end)?.join(" ");
            return Some(found.trim_end_matches([',', ';', '.', ':']).to_owned());
        }
    }
    None
}

/// The deadline year a clause states in words the phrase parser reads as
/// one ("đến năm 2030", "tới năm 2025", "trong năm 2025", a clause opening
/// "Năm 2024"), for a clause it refuses.
fn stated_year(text: &str) -> Option<i32> {
    let words: Vec<String> = text.split_whitespace().map(folded).collect();
    for (i, w) in words.iter().enumerate() {
        // "đến 2021", "tới 2025": a year right after `đến` / `tới`.
        if matches!(w.as_str(), "den" | "toi") {
            let next = words
                .get(i + 1)
                .map(|n| n.trim_end_matches([',', ';', ':', '.']));
            if let Some(y) = next.and_then(|n| n.parse::<i32>().ok()) {
                if (1990..=2100).contains(&y) {
                    return Some(y);
                }
            }
        }
        if w != "nam" {
            continue;
        }
        let before = i
            .checked_sub(1)
            .and_then(|b| words.get(b))
            .map(String::as_str);
        let opens = i == 0 || matches!(before, Some("den" | "toi" | "trong" | "het"));
        if !opens {
            continue;
        }
        let year = words.get(i + 1)?.trim_end_matches([',', ';', ':', '.']);
        if let Ok(y) = year.parse::<i32>() {
            if (1990..=2100).contains(&y) {
                return Some(y);
            }
        }
    }
    None
}

#[cfg(test)]
pub(super) fn stated_year_for_tests(text: &str) -> Option<i32> {
    stated_year(text)
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
            let sentence_base = base_year(sentence.text);
            let mut carry = Carry::default();
            for clause in cut(&sentence, ';') {
                // A number in words ("với hai triệu thành viên") is no value
                // the phrase parser reads: listed, never dropped.
                if let Some(words) = number_in_words(clause.text) {
                    unread(
                        items,
                        &clause,
                        vec![reason(
                            format!("số viết bằng chữ `{words}`: không đọc; hãy viết bằng chữ số"),
                            format!("a number in words, `{words}`: not read; write it in digits"),
                        )],
                    );
                }
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
                // The counts of organisations the first half drafted.
                let mut counts_before: Vec<(TargetId, Vec<OrgKind>)> = Vec::new();
                for (half, child) in halves {
                    let mut pieces = vec![half];
                    for sep in [" và ", " với ", ",", " tham gia "] {
                        pieces = pieces
                            .iter()
                            .flat_map(|p| enumerate(p, doc.text, sep, &outside))
                            .collect();
                    }
                    let pieces: Vec<Piece<'_>> = pieces.iter().flat_map(open_parentheses).collect();
                    let joined = joined_kinds(&pieces, doc.text);
                    for (k, piece) in pieces.iter().enumerate() {
                        let cue = cues(piece.text)
                            .into_iter()
                            .any(|c| outside(piece.range.start + c));
                        if !cue {
                            continue;
                        }
                        if let Some(name) = after_name(piece.text) {
                            unread(items, piece, vec![reason(
                                format!("số đứng sau tên riêng `{name}`: đọc là một phần của tên, không phải chỉ tiêu"),
                                format!("a number after the name `{name}`: read as part of the name, not a target"),
                            )]);
                            continue;
                        }
                        // The words the phrase parser reads: names and
                        // "per one" numbers masked, today's figures left
                        // out (each said in a doubt).
                        let (reading, mut copy_doubts) = reading_copy(piece.text);
                        let parsed = TargetPhrase::read(&reading)
                            .or_else(|e| coverage_prefix(&reading).ok_or(e));
                        // A growth with no base of its own takes the one
                        // another clause of its sentence states ("… tăng
                        // 5%; thu nhập … tăng 10% so với năm 2022").
                        let parsed = match (parsed, sentence_base) {
                            (Err(e), Some(base)) if growth_without_base(&reading) => {
                                match TargetPhrase::read(&format!("{reading} so với năm {base}"))
                                {
                                    Ok(p) => {
                                        copy_doubts.push(reason(
                                            format!("tăng không nêu mốc so sánh: lấy mốc của câu, `so với năm {base}`"),
                                            format!("a growth with no base of its own: the sentence's base, `so với năm {base}` (against {base})"),
                                        ));
                                        Ok(p)
                                    }
                                    Err(_) => Err(e),
                                }
                            }
                            (parsed, _) => parsed,
                        };
                        let phrase = match parsed {
                            Ok(p) => p,
                            Err(e) => {
                                // The deadline a refused clause states still
                                // holds for the clauses after it.
                                if let Some(y) = stated_year(piece.text) {
                                    sentence_year = Some(y);
                                    carried = Some(y);
                                }
                                if looks_like_target(piece.text) {
                                    unread(
                                        items,
                                        piece,
                                        vec![reason(e.text(Lang::Vi), e.to_string())],
                                    );
                                }
                                continue;
                            }
                        };
                        let places = match per_place(&reading, &phrase) {
                            Ok(p) => p,
                            Err(why) => {
                                unread(items, piece, why);
                                continue;
                            }
                        };
                        let mut doubts = copy_doubts;
                        // The clause's own year, where the parser reads
                        // none ("chỉ tiêu đến 2021, toàn tỉnh có …").
                        let own_year = phrase.deadline().or_else(|| stated_year(piece.text));
                        if phrase.deadline().is_none() {
                            if let Some(y) = own_year {
                                sentence_year = Some(y);
                                carried = Some(y);
                            }
                        }
                        let from_earlier =
                            own_year.is_none() && sentence_year.is_none() && carried.is_some();
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
                                if own_year.is_none()
                                    && !from_earlier
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
                                let mut why = vec![reason(
                                    "không có hạn: câu, đề mục và giai đoạn kế hoạch đều không nêu năm",
                                    "no deadline: neither the sentence, its heading nor the plan's period gives a year",
                                )];
                                why.extend(no_year_why(sentence.text));
                                unread(items, piece, why);
                                continue;
                            }
                        };
                        let Some(deadline) = year_end(year) else {
                            continue;
                        };
                        let mut this_carry = if elliptical(piece.text) {
                            carry.clone()
                        } else {
                            Carry::default()
                        };
                        // "25.000 thành viên tham gia 730 hợp tác xã, 320 tổ
                        // hợp tác": the members of the kind named after
                        // `tham gia`.
                        if let Some(Some((kind, word))) = joined.get(k) {
                            this_carry.kinds = vec![*kind];
                            doubts.push(reason(
                                format!("thành viên `tham gia` {word}: đọc là thành viên của loại tổ chức được nêu ngay sau (`{word}`), không phải của mọi loại được kể"),
                                format!("members `tham gia` (joining) {word}: read as the members of the kind named right after (`{word}`), not of every kind listed"),
                            ));
                        }
                        let par = if child {
                            parent.as_ref().map(|(p, _)| p)
                        } else {
                            None
                        };
                        // "… 40 HTX trở lên, trong đó có ít nhất 30 HTX
                        // nông nghiệp": of a count, a count of its own.
                        let part_of_count = child && par.is_none() && !counts_before.is_empty();
                        if child && par.is_none() && !part_of_count {
                            unread(
                                items,
                                piece,
                                vec![reason(
                                    "`trong đó` nhưng không có mục tiêu tỷ lệ đứng trước",
                                    "`trong đó` (of which) without a share target before it",
                                )],
                            );
                            continue;
                        }
                        let counted = places.as_ref().and_then(|p| p.counted.as_ref());
                        let mapped = match map(
                            counted.unwrap_or(&phrase),
                            deadline,
                            &this_carry,
                            par,
                            places.is_some(),
                        ) {
                            Ok(m) => m,
                            Err(why) => {
                                unread(items, piece, why);
                                continue;
                            }
                        };
                        if let Some(p) = &places {
                            if let Err(why) = p.fits(&mapped.measure) {
                                unread(items, piece, vec![why]);
                                continue;
                            }
                        }
                        // Its parent: the one count before it, or of several
                        // the one of its kinds; else the text does not say.
                        let count_parent = if part_of_count {
                            let same: Vec<&(TargetId, Vec<OrgKind>)> = counts_before
                                .iter()
                                .filter(|(_, kinds)| *kinds == mapped.kinds)
                                .collect();
                            match (counts_before.as_slice(), same.as_slice()) {
                                ([(one, _)], _) | (_, [(one, _)]) => Some(one.clone()),
                                _ => None,
                            }
                        } else {
                            None
                        };
                        if let Some(pid) = &count_parent {
                            doubts.push(reason(
                                format!("`trong đó`: một phần của chỉ tiêu số lượng `{pid}` đứng trước, soạn thành chỉ tiêu riêng có chỉ tiêu cha là `{pid}`"),
                                format!("`trong đó` (of which): a part of the count `{pid}` before it, drafted as a target of its own with `{pid}` as its parent"),
                            ));
                        } else if part_of_count {
                            doubts.push(reason(
                                "`trong đó`: một phần của một trong các chỉ tiêu số lượng đứng trước, văn bản không nói của chỉ tiêu nào: soạn thành chỉ tiêu riêng, không có chỉ tiêu cha",
                                "`trong đó` (of which): a part of one of the counts before it, the text does not say which: drafted as a target of its own, with no parent",
                            ));
                        }
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
                                        unread(items, piece, vec![reason(
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
                        let threshold = match &places {
                            Some(p) => p.threshold.clone(),
                            None => phrase.threshold().clone(),
                        };
                        let threshold = match per_month(&phrase, threshold) {
                            Ok((t, why)) => {
                                doubts.extend(why);
                                t
                            }
                            Err(why) => {
                                unread(items, piece, vec![why]);
                                continue;
                            }
                        };
                        // The same target said twice (a summary, then a task).
                        let per = places.as_ref().map(|p| p.per.clone());
                        let duplicate = state.plan.targets.iter().find(|t| {
                            t.places == per
                                && t.threshold == threshold
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
                        // A per-place target says so in its id ("….per_commune_mean").
                        let base = match &per {
                            Some(p) => format!(
                                "{year}.{}.per_{}_{}",
                                mapped.name,
                                p.level.code(),
                                p.quantifier.code()
                            ),
                            None => format!("{year}.{}", mapped.name),
                        };
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
                        if let Some(p) = places {
                            doubts.extend(p.doubts);
                            target.places = Some(p.per);
                        }
                        if let Some((_, pid)) = parent.as_ref().filter(|_| child) {
                            target.parent = Some(pid.clone());
                        } else if let Some(pid) = count_parent {
                            target.parent = Some(pid);
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
                        let (places_vi, places_en) = per
                            .as_ref()
                            .map(|p| {
                                (
                                    format!(
                                        "; {} ({})",
                                        p.quantifier.label(Lang::Vi),
                                        p.level.label(Lang::Vi)
                                    ),
                                    format!("; {p}"),
                                )
                            })
                            .unwrap_or_default();
                        let read = Bilingual::both(
                            format!("{}: {}{places_vi}", id, phrase.display_in(Lang::Vi)),
                            format!("{}: {}{places_en}", id, phrase.display_in(Lang::En)),
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
                        if !child
                            && matches!(mapped.measure, Measure::Count { .. } | Measure::New { .. })
                        {
                            counts_before.push((target.id.clone(), mapped.kinds.clone()));
                        }
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

/// A piece whose parenthesis gives the parts of its figure ("190 HTX (115
/// hợp tác xã nông nghiệp, 75 HTX phi nông nghiệp)"): the piece before the
/// parenthesis, then each part, as pieces of their own. A parenthesis
/// without a number, or giving today's figure, stays in its piece.
fn open_parentheses<'a>(piece: &Piece<'a>) -> Vec<Piece<'a>> {
    let t = piece.text;
    let (Some(open), Some(close)) = (t.find('('), t.find(')')) else {
        return vec![piece.clone()];
    };
    let Some(inner) = t.get(open + 1..close).filter(|i| !i.contains('(')) else {
        return vec![piece.clone()];
    };
    let fi = folded(inner);
    let numbered = cues(inner).iter().any(|&c| {
        inner
            .get(c..)
            .and_then(|r| r.chars().next())
            .is_some_and(|x| x.is_ascii_digit())
    });
    if !numbered || TODAY_WORDS.iter().any(|w| fi.trim_start().starts_with(w)) {
        return vec![piece.clone()];
    }
    let at = piece.range.start;
    let mut out: Vec<Piece<'a>> = Vec::new();
    // Before the parenthesis, with what follows it (", 135 THT" was cut off
    // already by the enumeration at `,` outside parentheses).
    let before = t.get(..open).unwrap_or_default();
    let after = t.get(close + 1..).unwrap_or_default();
    out.extend(Piece::new(at..at + open, before));
    let mut start = open + 1;
    for part in inner.split([',', ';']) {
        let range = at + start..at + start + part.len();
        out.extend(Piece::new(range, part));
        start += part.len() + 1;
    }
    if !after.trim().is_empty() {
        out.extend(Piece::new(at + close + 1..at + t.len(), after));
    }
    out
}

/// The one base year a sentence states for a growth ("so với năm 2022");
/// `None` when it states none or several.
fn base_year(sentence: &str) -> Option<i32> {
    let words: Vec<String> = sentence.split_whitespace().map(folded).collect();
    let mut found: Option<i32> = None;
    for w in words.windows(4) {
        let (Some(a), Some(b), Some(c), Some(d)) = (w.first(), w.get(1), w.get(2), w.get(3)) else {
            continue;
        };
        if a == "so" && b == "voi" && c == "nam" {
            let y = d
                .trim_end_matches([',', ';', ':', '.'])
                .parse::<i32>()
                .ok()?;
            if !(1990..=2100).contains(&y) || found.is_some_and(|f| f != y) {
                return None;
            }
            found = Some(y);
        }
    }
    found
}

/// Whether a clause states a growth in percent without a base of its own
/// ("số thành viên tăng từ 5% trở lên").
fn growth_without_base(text: &str) -> bool {
    let f = folded(text);
    f.split_whitespace().any(|w| w == "tang")
        && f.contains('%')
        && !f.contains("so voi")
        && !f.contains("/nam")
}

/// Why a sentence gives no deadline, where its words say more: a year
/// that is none ("đến năm 20230"), or today's state ("Đến nay, toàn tỉnh
/// đã phát triển …").
fn no_year_why(sentence: &str) -> Vec<Bilingual> {
    let mut out = Vec::new();
    let words: Vec<&str> = sentence.split_whitespace().collect();
    for pair in words.windows(2) {
        let (Some(a), Some(b)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let b = b.trim_end_matches([',', ';', ':', '.']);
        let digits = !b.is_empty() && b.bytes().all(|c| c.is_ascii_digit());
        if folded(a) == "nam" && digits && !is_year_word(b) {
            out.push(reason(
                format!("`{a} {b}` không phải là năm (1990-2100): có thể văn bản viết nhầm; hạn không được đọc"),
                format!("`{a} {b}` is no year (1990-2100), perhaps a typing error: no deadline is read"),
            ));
            break;
        }
    }
    let f = folded(sentence);
    let f = f.trim_start_matches(['-', '+', ' ']);
    if ["den nay", "tinh den nay", "hien nay", "hien co"]
        .iter()
        .any(|w| f.starts_with(w))
    {
        out.push(reason(
            "câu nêu tình hình hiện nay (`đến nay`, `hiện nay`), không phải chỉ tiêu",
            "the sentence states today's figures (`đến nay`, `hiện nay`: up to now), not a target",
        ));
    }
    out
}

/// Names that hold a kind's word but name one organisation, not a kind
/// ("Liên minh HTX đặt mục tiêu …"), folded, with what they read as.
const NAMES_WITH_KINDS: &[(&str, &str)] = &[
    ("lien minh hop tac xa", "Liên minh"),
    ("lien minh htx", "Liên minh"),
    ("quy ho tro phat trien hop tac xa", "Quỹ hỗ trợ phát triển"),
    ("quy ho tro phat trien htx", "Quỹ hỗ trợ phát triển"),
];

/// Words that open a parenthesis giving today's figure, folded ("226 hợp
/// tác xã (hiện nay là 214 hợp tác xã)").
const TODAY_WORDS: &[&str] = &["hien nay", "hien co", "hien tai", "hien dang"];

/// The copy of a clause the phrase parser reads, and the doubts that say
/// how it differs from the text. The phrase parser reads a kind's word
/// wherever it stands and takes every number for a candidate value; this
/// works around both in the drafter (the parser is src/threshold's):
/// - a name holding a kind's word ("Liên minh HTX", "Quỹ hỗ trợ phát triển
///   HTX") names no kind: it is shortened;
/// - "01" after `bình quân` / `của` / `mỗi` and before a noun, when another
///   number follows ("doanh thu bình quân 01 hợp tác xã hơn 2,1 tỷ đồng"),
///   means "per one": it is left out;
/// - a parenthesis giving today's figure ("(hiện nay là 214 hợp tác xã)")
///   is no target: it is left out.
fn reading_copy(text: &str) -> (String, Vec<Bilingual>) {
    let mut doubts = Vec::new();
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return (text.to_owned(), doubts);
    }
    let mut out = text.to_owned();
    // Today's figure in parentheses.
    let mut from = 0;
    while let Some(open) = out.get(from..).and_then(|r| r.find('(')).map(|i| i + from) {
        let Some(close) = out.get(open..).and_then(|r| r.find(')')).map(|i| i + open) else {
            break;
        };
        let inner = out.get(open + 1..close).unwrap_or_default().to_owned();
        let fi = folded(&inner);
        if TODAY_WORDS.iter().any(|w| fi.trim_start().starts_with(w)) {
            doubts.push(reason(
                format!("`({inner})` nêu số liệu hiện nay, không phải chỉ tiêu: không đọc"),
                format!("`({inner})` gives today's figure, not a target: not read"),
            ));
            out.replace_range(open..=close, "");
            from = open;
        } else {
            from = close + 1;
        }
    }
    // Names holding a kind's word, matched word by word on folded words.
    for (name, short) in NAMES_WITH_KINDS {
        let want: Vec<&str> = name.split_whitespace().collect();
        loop {
            let words: Vec<(usize, &str)> = word_offsets(&out).collect();
            let found = (0..words.len()).find(|&k| {
                want.iter().enumerate().all(|(j, w)| {
                    words
                        .get(k + j)
                        .is_some_and(|(_, x)| folded(x.trim_end_matches([',', ';', '.'])) == *w)
                })
            });
            let Some(k) = found else { break };
            let (Some(&(at, _)), Some(&(last_at, last))) =
                (words.get(k), words.get(k + want.len() - 1))
            else {
                break;
            };
            let end = last_at + last.trim_end_matches([',', ';', '.']).len();
            let written = out.get(at..end).unwrap_or_default().to_owned();
            doubts.push(reason(
                format!("`{written}` là tên một tổ chức, không phải loại tổ chức được đếm"),
                format!("`{written}` names one organisation, not a kind counted"),
            ));
            out.replace_range(at..end, short);
        }
    }
    // "per one": `bình quân 01 hợp tác xã …`, `của 01 lao động …`.
    let words: Vec<(usize, &str)> = word_offsets(&out).collect();
    let mut cut: Option<(usize, usize, String)> = None;
    for (k, pair) in words.windows(3).enumerate() {
        let (Some(&(_, a)), Some(&(i, b)), Some(&(_, c))) =
            (pair.first(), pair.get(1), pair.get(2))
        else {
            continue;
        };
        let before = folded(a);
        let one = matches!(b, "01" | "1");
        let noun = c.chars().next().is_some_and(char::is_alphabetic);
        // Another number follows, and no `/` before it ("01 tổ hợp
        // tác/xã đạt 5 thành viên" is a value per place).
        let rest = words.get(k + 2..).unwrap_or_default();
        let next_number = rest.iter().position(|(_, w)| {
            w.chars().next().is_some_and(|x| x.is_ascii_digit()) && !is_year_word(w)
        });
        let after_number = next_number.is_some_and(|n| {
            rest.get(..n)
                .unwrap_or_default()
                .iter()
                .all(|(_, w)| !w.contains('/'))
        });
        if one && noun && after_number && matches!(before.as_str(), "quan" | "cua" | "moi") {
            cut = Some((i, i + b.len(), format!("{b} {c}…")));
            break;
        }
    }
    if let Some((a, b, words)) = cut {
        let end = if out.get(b..).is_some_and(|r| r.starts_with(' ')) {
            b + 1
        } else {
            b
        };
        out.replace_range(a..end, "");
        doubts.push(reason(
            format!("`{words}` đọc là `mỗi một`, không phải giá trị chỉ tiêu"),
            format!("`{words}` read as `per one`, not the target's value"),
        ));
    }
    (out, doubts)
}

/// For each piece of an enumeration: when it counts members and the words
/// after it are `tham gia` and a piece naming a kind of organisation ("25.000
/// thành viên tham gia 730 hợp tác xã, 320 tổ hợp tác"), that kind and its
/// words.
fn joined_kinds(pieces: &[Piece<'_>], whole: &str) -> Vec<Option<(OrgKind, String)>> {
    pieces
        .iter()
        .enumerate()
        .map(|(k, piece)| {
            let next = pieces.get(k + 1)?;
            let between = whole.get(piece.range.end..next.range.start)?;
            if folded(between).trim() != "tham gia" {
                return None;
            }
            let own = TargetPhrase::read(piece.text).ok()?;
            if !matches!(own.threshold().unit(), Unit::Members)
                || own.subjects().iter().any(|s| kind_of(*s).is_some())
            {
                return None;
            }
            let phrase = TargetPhrase::read(next.text).ok()?;
            let kind = phrase.subjects().iter().find_map(|s| kind_of(*s))?;
            Some((kind, crate::text::excerpt(next.text, 40).into_owned()))
        })
        .collect()
}

/// The kind of organisation a subject word names.
fn kind_of(s: Subject) -> Option<OrgKind> {
    match s {
        Subject::CooperativeGroup => Some(OrgKind::CooperativeGroup),
        Subject::Cooperative => Some(OrgKind::Cooperative),
        Subject::Union => Some(OrgKind::CooperativeUnion),
        _ => None,
    }
}

/// How a target is asked of places (mỗi xã, 100% số xã có …), read from
/// its clause.
struct PlaceReading {
    per: PerPlace,
    /// The threshold of the per-place target (a percent of places for
    /// coverage).
    threshold: Threshold,
    /// For coverage: the organisations each place must have, read as a
    /// count phrase ("có hợp tác xã hoạt động hiệu quả": at least one
    /// cooperative, rated good or fair).
    counted: Option<TargetPhrase>,
    doubts: Vec<Bilingual>,
}

impl PlaceReading {
    /// Whether the measure can be asked of places (src/plan/validate.rs).
    fn fits(&self, measure: &Measure) -> Result<(), Bilingual> {
        let ok = match self.per.quantifier {
            PlaceQuantifier::Coverage => {
                matches!(measure, Measure::Count { .. } | Measure::New { .. })
            }
            PlaceQuantifier::Mean => matches!(
                measure,
                Measure::Count { .. } | Measure::New { .. } | Measure::Sum { .. }
            ),
            PlaceQuantifier::Every => {
                !matches!(measure, Measure::Reported | Measure::Against { .. })
            }
        };
        if ok {
            Ok(())
        } else {
            Err(reason(
                format!(
                    "chỉ tiêu theo địa bàn ({}) nhưng số đo `{}` không hỏi được ở từng địa bàn",
                    self.per.quantifier.label(Lang::Vi),
                    measure.kind().code()
                ),
                format!(
                    "a per-place target ({}) whose measure `{}` cannot be asked of each place",
                    self.per.quantifier.label(Lang::En),
                    measure.kind().code()
                ),
            ))
        }
    }
}

/// The level of a place word (folded): communes or districts.
fn place_level(words: &[String]) -> Option<(PlaceLevel, usize)> {
    let w = |i: usize| words.get(i).map(|w| w.trim_end_matches([',', ';']));
    match w(0)? {
        "xa" | "phuong" => Some((PlaceLevel::Commune, 1)),
        "thi" if w(1) == Some("tran") => Some((PlaceLevel::Commune, 2)),
        "huyen" => Some((PlaceLevel::District, 1)),
        "dia" if w(1) == Some("phuong") => None,
        _ => None,
    }
}

/// The attribute the places must have, from the words between the place
/// word and `có` ("xã đạt chuẩn nông thôn mới nâng cao"): `ntm`,
/// `ntm_nang_cao`, `ntm_kieu_mau`.
fn place_attribute(words: &[String]) -> Option<&'static str> {
    let text = words.join(" ");
    let ntm = text.contains("nong thon moi") || text.split_whitespace().any(|w| w == "ntm");
    if !ntm {
        return None;
    }
    Some(if text.contains("nang cao") {
        "ntm_nang_cao"
    } else if text.contains("kieu mau") {
        "ntm_kieu_mau"
    } else {
        "ntm"
    })
}

/// A coverage clause the phrase parser refuses for its two numbers ("100%
/// số xã … có ít nhất 01 HTX …"): the phrase of its words before `có`,
/// which hold the share of places; [`per_place`] reads the rest.
fn coverage_prefix(text: &str) -> Option<TargetPhrase> {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return None;
    }
    let co = lower.find(" có ")?;
    let head = text.get(..co)?;
    let f = folded(head);
    let place = [" xa", " huyen", " phuong", " thi tran"].iter().any(|p| {
        f.contains(&format!("%{p}"))
            || f.contains(&format!("% so{p}"))
            || f.contains(&format!("% so cac{p}"))
            || f.contains(&format!("% cac{p}"))
    });
    if !place {
        return None;
    }
    let phrase = TargetPhrase::read(head).ok()?;
    matches!(phrase.threshold().unit(), Unit::Percent).then_some(phrase)
}

/// Reads how the clause asks its target of places: "mỗi xã có ít nhất 01
/// HTX" (every place), "bình quân mỗi xã 2 THT" (mean per place), "100% số
/// xã có HTX", "tất cả các xã đạt chuẩn NTM đều có HTX" (coverage). `None`
/// for a target of the whole province.
fn per_place(text: &str, phrase: &TargetPhrase) -> Result<Option<PlaceReading>, Vec<Bilingual>> {
    let words: Vec<(usize, &str)> = word_offsets(text).collect();
    let fw: Vec<String> = words.iter().map(|(_, w)| folded(w)).collect();
    let unknown_place = |place: &str| {
        vec![reason(
            format!("chỉ tiêu theo địa bàn `{place}`: không biết là cấp huyện hay cấp xã"),
            format!("a per-place target over `{place}`: neither districts nor communes"),
        )]
    };
    // Coverage: "N% (số) (các) xã … có …", "tất cả (các) xã … (đều) có …".
    for i in 0..fw.len() {
        let w = fw.get(i).map(String::as_str).unwrap_or_default();
        let (all, mut j) = if (w.ends_with('%') && w.len() > 1) || (w == "%" && i > 0) {
            (false, i + 1)
        } else if w == "tat" && fw.get(i + 1).map(String::as_str) == Some("ca") {
            (true, i + 2)
        } else {
            continue;
        };
        while matches!(fw.get(j).map(String::as_str), Some("so" | "cac")) {
            j += 1;
        }
        let Some((level, n)) = fw.get(j..).and_then(place_level) else {
            continue;
        };
        let after_place = j + n;
        let Some(co) = (after_place..fw.len().min(after_place + 14))
            .find(|&k| fw.get(k).map(String::as_str) == Some("co"))
        else {
            continue;
        };
        let Some(&(at, _)) = words.get(co + 1) else {
            continue;
        };
        let rest = text.get(at..).unwrap_or_default();
        let counted = TargetPhrase::read(rest)
            .ok()
            .filter(|p| matches!(p.threshold().unit(), Unit::Organisations))
            .or_else(|| TargetPhrase::read(&format!("ít nhất 1 {rest}")).ok());
        let Some(counted) = counted else {
            return Err(vec![reason(
                format!("tỷ lệ địa bàn có tổ chức, nhưng không đọc được tổ chức được đếm `{rest}`"),
                format!(
                    "a coverage of places, but the organisations counted, `{rest}`, were not read"
                ),
            )]);
        };
        let threshold = if all {
            Threshold::new(Comparator::All, Decimal::ONE_HUNDRED, Unit::Percent)
        } else {
            Ok(phrase.threshold().clone())
        };
        let Ok(threshold) = threshold else {
            continue;
        };
        if !matches!(threshold.unit(), Unit::Percent) {
            continue;
        }
        let mut per = PerPlace::new(level, PlaceQuantifier::Coverage);
        let attribute = place_attribute(fw.get(after_place..co).unwrap_or_default());
        if let Some(a) = attribute {
            per = per.with_attribute(a);
        }
        let mut doubts = vec![reason(
            format!(
                "tỷ lệ {} có ít nhất một tổ chức `{rest}`{}: cần danh sách địa bàn trong đầu vào",
                level.label(Lang::Vi),
                attribute.map(|a| format!(" (chỉ địa bàn `{a}`)")).unwrap_or_default()
            ),
            format!(
                "the share of {}s with at least one organisation `{rest}`{}: the inputs must list the places",
                level.label(Lang::En),
                attribute.map(|a| format!(" (places `{a}` only)")).unwrap_or_default()
            ),
        )];
        if attribute.is_some() {
            doubts.push(reason(
                "thuộc tính địa bàn đọc từ văn bản; danh sách địa bàn phải dùng cùng mã",
                "the places' attribute is read from the text; the list of places must use the same code",
            ));
        }
        return Ok(Some(PlaceReading {
            per,
            threshold,
            counted: Some(counted),
            doubts,
        }));
    }
    // Every place or the mean per place: "mỗi xã …", "bình quân mỗi xã …".
    let Some(place) = phrase.each() else {
        return Ok(None);
    };
    let Some(moi) = fw.iter().position(|w| w == "moi") else {
        return Err(unknown_place(place));
    };
    let Some((level, n)) = fw.get(moi + 1..).and_then(place_level) else {
        return Err(unknown_place(place));
    };
    let mean = fw.get(..moi).is_some_and(|b| {
        b.windows(2).any(|w| {
            w.first().map(String::as_str) == Some("binh")
                && w.get(1).map(String::as_str) == Some("quan")
        })
    });
    let quantifier = if mean {
        PlaceQuantifier::Mean
    } else {
        PlaceQuantifier::Every
    };
    let after_place = moi + 1 + n;
    let co = (after_place..fw.len())
        .find(|&k| fw.get(k).map(String::as_str) == Some("co"))
        .unwrap_or(after_place);
    let mut per = PerPlace::new(level, quantifier);
    let attribute = place_attribute(fw.get(after_place..co).unwrap_or_default());
    if let Some(a) = attribute {
        per = per.with_attribute(a);
    }
    let doubts = vec![reason(
        format!(
            "chỉ tiêu {} ({}): cần danh sách địa bàn trong đầu vào{}",
            quantifier.label(Lang::Vi),
            level.label(Lang::Vi),
            attribute
                .map(|a| format!("; chỉ địa bàn `{a}`"))
                .unwrap_or_default()
        ),
        format!(
            "a target of {} ({}): the inputs must list the places{}",
            quantifier.label(Lang::En),
            level.label(Lang::En),
            attribute
                .map(|a| format!("; places `{a}` only"))
                .unwrap_or_default()
        ),
    )];
    Ok(Some(PlaceReading {
        per,
        threshold: phrase.threshold().clone(),
        counted: None,
        doubts,
    }))
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
