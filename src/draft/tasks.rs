//! Tasks: from a task table, numbered paragraphs, a list announced as
//! "N nhiệm vụ …: ", or paragraphs assigned by agency; agencies resolved
//! against the standard directory.

use std::collections::HashMap;

use super::header::slug;
use super::split::{folded, is_heading, is_roman, label, sentences, Document, Line, Piece};
use super::{reason, DraftItem, Part, Source};
use crate::agency::{normalize_agency_name, Agency, AgencyDirectory, AgencyId, AgencyLevel};
use crate::bilingual::Bilingual;
use crate::plan::{Plan, Section, SectionId, TaskId};
use crate::{Schedule, Task};

/// Collective names of the mass organisations, folded ("các Hội, đoàn
/// thể", "các hội quần chúng", "các tổ chức chính trị - xã hội").
const MASS_GROUPS: &[&str] = &[
    "cac hoi doan the",
    "cac hoi va doan the",
    "cac doan the",
    "cac to chuc doan the",
    "cac hoi quan chung",
    "cac to chuc chinh tri xa hoi",
    "cac doan the chinh tri xa hoi",
];

/// The provincial mass organisations of the standard directory that a
/// collective name in [`MASS_GROUPS`] stands for.
const MASS_ORGANISATIONS: &[&str] = &["hoi-nong-dan", "hoi-lhpn", "tinh-doan", "ldld"];

/// The agencies known while drafting: the standard directory and those
/// created for this plan, by normalised name.
struct Agencies {
    dir: AgencyDirectory,
    index: HashMap<String, AgencyId>,
    created: Vec<Agency>,
    used: Vec<AgencyId>,
    /// Readings to record as doubts of the item being drafted (taken with
    /// [`Agencies::take_notes`]).
    notes: Vec<Bilingual>,
    /// The bodies the text is sent to ("gửi các sở: Kế hoạch và Đầu tư,
    /// Tài chính, …"), as written with a shared noun spread over its
    /// names, and where: what "các sở, ngành có tên trên" points back to.
    addressed: Option<(String, Source)>,
}

impl Agencies {
    fn new() -> Agencies {
        let dir = AgencyDirectory::standard_province();
        let mut index = HashMap::new();
        for a in dir.iter() {
            for n in a.names() {
                index
                    .entry(normalize_agency_name(n))
                    .or_insert_with(|| a.id.clone());
            }
        }
        Agencies {
            dir,
            index,
            created: Vec::new(),
            used: Vec::new(),
            notes: Vec::new(),
            addressed: None,
        }
    }

    /// Notes a reading as a doubt of the item being drafted, once.
    fn note_once(&mut self, note: Bilingual) {
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// The readings noted since the last call.
    fn take_notes(&mut self) -> Vec<Bilingual> {
        std::mem::take(&mut self.notes)
    }

    /// The agency `name` is, exactly, or with a place name after it
    /// (`Báo Quảng Nam`, `Ngân hàng Nhà nước chi nhánh tỉnh Nghệ An`).
    fn exact(&self, name: &str) -> Option<AgencyId> {
        let key = normalize_agency_name(name);
        if key.is_empty() {
            return None;
        }
        if let Some(id) = self.index.get(&key) {
            return Some(id.clone());
        }
        let a = self.dir.resolve(name)?;
        let known = a
            .names()
            .map(normalize_agency_name)
            .filter(|n| key.starts_with(n.as_str()))
            .max_by_key(String::len)?;
        let rest_words = key.get(known.len()..)?.split_whitespace().count();
        let words: Vec<&str> = name.split_whitespace().collect();
        let tail = words.get(words.len().saturating_sub(rest_words)..)?;
        // A place is one name: no list ("…, Sở Công Thương") nor another
        // body ("Sở Tài chính Sở Công Thương").
        let tail_joined = tail.join(" ");
        let one_name = !tail_joined.contains([',', ';']) && !opens_name(&tail_joined);
        let place = one_name
            && tail.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    || matches!(
                        w.trim_end_matches(',').to_lowercase().as_str(),
                        "tỉnh" | "thành" | "phố" | "chi" | "nhánh" | "thị" | "xã" | "huyện"
                    )
            });
        // "… đơn vị liên quan", "… có liên quan": the relevant ones of the group.
        let tail_text = tail.join(" ").to_lowercase();
        let relevant = tail_text.ends_with("liên quan")
            && tail_text
                .trim_end_matches("liên quan")
                .split_whitespace()
                .all(|w| matches!(w.trim_end_matches(','), "đơn" | "vị" | "có" | "cơ" | "quan"));
        ((place || relevant) && rest_words <= 6).then(|| a.id.clone())
    }

    /// The agencies a collective name stands for ("các Hội, đoàn thể", "các
    /// hội quần chúng", "các tổ chức chính trị - xã hội"): the provincial
    /// mass organisations of the directory.
    fn group(&self, name: &str) -> Option<Vec<AgencyId>> {
        let key = folded(name)
            .replace([',', '-', '–'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let key = key.strip_suffix(" tinh").unwrap_or(&key);
        let key = key
            .strip_suffix(" co lien quan")
            .or_else(|| key.strip_suffix(" lien quan"))
            .unwrap_or(key);
        if !MASS_GROUPS.contains(&key) {
            return None;
        }
        let ids: Vec<AgencyId> = MASS_ORGANISATIONS
            .iter()
            .filter_map(|id| AgencyId::new(id).ok())
            .filter(|id| self.dir.get(id).is_some())
            .collect();
        (!ids.is_empty()).then_some(ids)
    }

    /// Every agency of a list written in a cell or a clause: parts cut at
    /// `,` `;` and, where the parts do not name an agency, at `và`.
    /// `None` when a part names no known agency and `create` is false.
    fn list(
        &mut self,
        text: &str,
        create: bool,
        items: &mut Vec<DraftItem>,
        src: &Source,
    ) -> Option<Vec<AgencyId>> {
        // Segments between `,`, `;`, line breaks and ` và `.
        let mut segs: Vec<std::ops::Range<usize>> = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while i < text.len() {
            let rest = text.get(i..).unwrap_or_default();
            let sep = if rest.starts_with([',', ';', '\n']) {
                1
            } else if rest.starts_with(" và ") {
                " và ".len()
            } else {
                0
            };
            if sep > 0 {
                segs.push(start..i);
                start = i + sep;
                i += sep;
            } else {
                i += rest.chars().next().map_or(1, char::len_utf8);
            }
        }
        segs.push(start..text.len());
        segs.retain(|r| !text.get(r.clone()).unwrap_or_default().trim().is_empty());
        let name_of = |a: usize, b: usize| -> &str {
            let (Some(x), Some(y)) = (segs.get(a), segs.get(b.saturating_sub(1))) else {
                return "";
            };
            text.get(x.start..y.end)
                .unwrap_or_default()
                .trim()
                .trim_end_matches('.')
                .trim()
        };
        let matched_at = |this: &Self, i: usize| -> Option<(usize, Vec<AgencyId>)> {
            for j in (i + 1..=segs.len().min(i + 8)).rev() {
                let name = name_of(i, j);
                if let Some(id) = this.exact(name) {
                    return Some((j, vec![id]));
                }
                if let Some(ids) = this.group(name) {
                    return Some((j, ids));
                }
            }
            None
        };
        let mut out: Vec<AgencyId> = Vec::new();
        let mut pending: Vec<Bilingual> = Vec::new();
        let mut i = 0;
        while i < segs.len() {
            if let Some((j, ids)) = matched_at(self, i) {
                if ids.len() > 1 {
                    let name = name_of(i, j).to_owned();
                    let names: Vec<&str> = ids.iter().map(AgencyId::as_str).collect();
                    let note = reason(
                        format!(
                            "`{name}` đọc là các tổ chức chính trị - xã hội mà danh mục chuẩn có: {}; tổ chức khác (như Hội Cựu chiến binh) không có mã",
                            names.join(", ")
                        ),
                        format!(
                            "`{name}` read as the mass organisations the standard directory has: {}; others (such as the Veterans' Association) have no id",
                            names.join(", ")
                        ),
                    );
                    if !pending.contains(&note) {
                        pending.push(note);
                    }
                }
                for id in ids {
                    if !out.contains(&id) {
                        out.push(id);
                    }
                }
                i = j;
                continue;
            }
            if !create {
                return None;
            }
            // An unknown name runs to the next segment that starts a known
            // one or opens a body's name of its own ("Bộ Tư pháp, các bộ,
            // ngành liên quan": two); a part written small ("ngành liên
            // quan", "thành phố") goes on the name before it.
            let mut j = i + 1;
            while j < segs.len()
                && matched_at(self, j).is_none()
                && !opens_name(text.get(segs[j].clone()).unwrap_or_default())
            {
                j += 1;
            }
            let name = name_of(i, j).to_owned();
            let id = self.create(&name, items, src);
            if !out.contains(&id) {
                out.push(id);
            }
            i = j;
        }
        for id in &out {
            if !self.used.contains(id) {
                self.used.push(id.clone());
            }
        }
        for note in pending {
            self.note_once(note);
        }
        Some(out)
    }

    fn create(&mut self, name: &str, items: &mut Vec<DraftItem>, src: &Source) -> AgencyId {
        let key = normalize_agency_name(name);
        if let Some(id) = self.index.get(&key) {
            return id.clone();
        }
        let base = slug(name);
        let base = if base.is_empty() {
            "co-quan".to_owned()
        } else {
            base
        };
        let mut id_text = base.clone();
        let mut n = 2;
        while self
            .dir
            .get(
                &AgencyId::new(&id_text)
                    .unwrap_or_else(|_| AgencyId::new("co-quan").expect("valid")),
            )
            .is_some()
            || self.created.iter().any(|a| a.id.as_str() == id_text)
        {
            id_text = format!("{base}-{n}");
            n += 1;
        }
        let id =
            AgencyId::new(&id_text).unwrap_or_else(|_| AgencyId::new("co-quan").expect("valid"));
        let agency = Agency::new(id.clone(), name, name, AgencyLevel::Province);
        self.created.push(agency);
        self.index.insert(key, id.clone());
        items.push(DraftItem {
            part: Part::Agency { id: id.to_string() },
            source: src.clone(),
            read: Bilingual::both(format!("cơ quan mới `{name}`"), format!("new agency `{name}`")),
            uncertain: vec![reason(
                format!("danh mục chuẩn không có `{name}`: tạo cơ quan mới với tên như văn bản viết (chưa có tên tiếng Anh, cấp đọc là cấp tỉnh)"),
                format!("the standard directory lacks `{name}`: created with its name as written (no English name yet; level read as province)"),
            )],
        });
        id
    }

    /// The agencies a clause starts with ("Sở Tài chính chủ trì, …"), and
    /// the bytes they take.
    fn leading(
        &mut self,
        text: &str,
        items: &mut Vec<DraftItem>,
        src: &Source,
    ) -> Option<(Vec<AgencyId>, usize)> {
        self.leading_within(text, ACTOR_WORDS, items, src)
    }

    /// As [`Agencies::leading`], with a name the directory lacks of at
    /// most `words` words.
    fn leading_within(
        &mut self,
        text: &str,
        words: usize,
        items: &mut Vec<DraftItem>,
        src: &Source,
    ) -> Option<(Vec<AgencyId>, usize)> {
        match self.pointed_back(text, words, items, src) {
            Some(found) => Some(found),
            None => self.leading_named(text, words, items, src),
        }
    }

    /// As [`Agencies::leading_within`], without a group pointing back:
    /// what follows such a group is read with this, so that reading never
    /// recurses.
    fn leading_named(
        &mut self,
        text: &str,
        words: usize,
        items: &mut Vec<DraftItem>,
        src: &Source,
    ) -> Option<(Vec<AgencyId>, usize)> {
        if let Some(found) = self.named_in_parentheses(text, items, src) {
            return Some(found);
        }
        let ends: Vec<usize> = text
            .split_whitespace()
            .take(30)
            .map(|w| super::split::offset(text, w) + w.len())
            .collect();
        for &end in ends.iter().rev() {
            let prefix = text.get(..end)?.trim_end_matches([',', ';', ':']);
            let first_upper = prefix.chars().next().is_some_and(char::is_uppercase)
                || prefix.to_lowercase().starts_with("các ");
            if !first_upper {
                continue;
            }
            if let Some(ids) = self.list(prefix, false, items, src) {
                // The list goes on with a body the directory lacks ("Bộ Tư
                // pháp, các bộ, ngành liên quan"): read it whole.
                let rest = text.get(end..).unwrap_or_default();
                let rest = rest.trim_start_matches([',', ';', ' ']);
                let goes_on =
                    rest.starts_with("và ") || text.get(..end).is_some_and(|p| p.ends_with(','));
                let next = rest.strip_prefix("và ").unwrap_or(rest);
                if goes_on && opens_name(next) {
                    if let Some((more, longer)) = named_actor(text, words, self, items, src) {
                        if longer > end {
                            return Some((more, longer));
                        }
                    }
                }
                return Some((ids, end));
            }
        }
        named_actor(text, words, self, items, src)
    }
}

impl Agencies {
    /// A group that points back to the bodies named before ("các sở, ngành
    /// có tên trên", "các cơ quan, đơn vị nêu trên"), read as the bodies
    /// the text is sent to, and what follows it joined by `và` or a comma
    /// ("… và UBND các huyện, thành phố"). `None` when `text` opens with no
    /// such group, or when it does but the text names no bodies it is sent
    /// to: then the group is read as written, and a doubt says so.
    fn pointed_back(
        &mut self,
        text: &str,
        words: usize,
        items: &mut Vec<DraftItem>,
        src: &Source,
    ) -> Option<(Vec<AgencyId>, usize)> {
        if !(text.starts_with("các ") || text.starts_with("Các ")) {
            return None;
        }
        // The group and its marker are within the first words.
        let head = text.get(..floor_char(text, 160)).unwrap_or_default();
        let lower = head.to_lowercase();
        if lower.len() != head.len() {
            return None;
        }
        let (at, marker) = BACK_REFERENCES
            .iter()
            .filter_map(|m| lower.find(m).map(|at| (at, *m)))
            .min_by_key(|(at, _)| *at)?;
        let group = text.get(..at)?.trim_end();
        // The group is a few words of nouns ("các sở, ngành"), no more.
        if group.split_whitespace().count() > 6 || group.contains(['.', ';', ':']) {
            return None;
        }
        let end = at + marker.len();
        let Some((list, list_src)) = self.addressed.clone() else {
            let note = reason(
                format!("`{group} {marker}` chỉ các cơ quan đã nêu trước đó, nhưng văn bản không có danh sách nơi nhận đọc được: đọc theo tên nhóm như văn bản viết, cần kiểm tra"),
                format!("`{group} {marker}` points back to bodies named before, but the text has no list of addressees that could be read: read as the group as written, to be checked"),
            );
            self.note_once(note);
            return None;
        };
        let mut ids = self.list(&list, true, items, &list_src)?;
        let names: Vec<&str> = ids.iter().map(AgencyId::as_str).collect();
        let note = reason(
            format!(
                "`{group} {marker}` đọc là các cơ quan văn bản gửi đến (`{}`): {}",
                crate::text::excerpt(&list, 120),
                names.join(", ")
            ),
            format!(
                "`{group} {marker}` read as the bodies the text is sent to (`{}`): {}",
                crate::text::excerpt(&list, 120),
                names.join(", ")
            ),
        );
        self.note_once(note);
        let rest = text.get(end..).unwrap_or_default();
        let joined = rest
            .strip_prefix(" và ")
            .or_else(|| rest.strip_prefix(", "))
            .or_else(|| rest.strip_prefix(","));
        let mut end = end;
        if let Some(after) = joined {
            let offset = text.len() - after.len();
            if let Some((more, taken)) = self.leading_named(after, words, items, src) {
                for id in more {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                end = offset + taken;
            }
        }
        Some((ids, end))
    }

    /// A body named by the agency that serves as it, in parentheses
    /// ("Thường trực Ban Chỉ đạo đổi mới, phát triển kinh tế tập thể, hợp
    /// tác xã (Bộ Kế hoạch và Đầu tư) lấy ý kiến …"): the agency in the
    /// parentheses acts, with a doubt that says so. Only when the words
    /// before open a body's name, the parentheses name known agencies and
    /// nothing else, and a duty written small follows.
    fn named_in_parentheses(
        &mut self,
        text: &str,
        items: &mut Vec<DraftItem>,
        src: &Source,
    ) -> Option<(Vec<AgencyId>, usize)> {
        // The name before the parentheses is at most 24 words.
        let open = text.get(..floor_char(text, 240))?.find('(')?;
        let before = text.get(..open)?.trim_end();
        if !opens_name(before)
            || before.contains(['.', ';', ':'])
            || before.split_whitespace().count() > 24
        {
            return None;
        }
        let close = open + text.get(open..)?.find(')')?;
        let inner = text.get(open + 1..close)?.trim();
        let after = text.get(close + 1..)?.trim_start_matches([',', ' ']);
        if !after.chars().next().is_some_and(char::is_lowercase) {
            return None;
        }
        let ids = self.list(inner, false, items, src)?;
        let names: Vec<&str> = ids.iter().map(AgencyId::as_str).collect();
        let note = reason(
            format!(
                "`{before} ({inner})` đọc là {}: cơ quan trong ngoặc là cơ quan đảm nhiệm",
                names.join(", ")
            ),
            format!(
                "`{before} ({inner})` read as {}: the agency in parentheses is the one serving as that body",
                names.join(", ")
            ),
        );
        self.note_once(note);
        Some((ids, close + 1))
    }

    /// Records the bodies a text is sent to: the first "gửi …" ("Kính gửi:
    /// …", "… ban hành Công văn số …, gửi các sở: …, về việc …") of its
    /// first lines, up to "về việc" or the sentence's end; a noun shared by
    /// a list ("các sở: Kế hoạch và Đầu tư, Tài chính") is spread over its
    /// names, and words in parentheses are left out.
    fn note_addressees(&mut self, doc: &Document<'_>) {
        for line in body(doc).into_iter().take(30) {
            let lower = line.text.to_lowercase();
            if lower.len() != line.text.len() {
                continue;
            }
            let Some(at) = lower
                .find(" gửi ")
                .map(|a| a + " gửi ".len())
                .or_else(|| lower.starts_with("kính gửi").then_some("kính gửi".len()))
            else {
                continue;
            };
            let rest = line.text.get(at..).unwrap_or_default();
            let rest = rest.trim_start_matches([':', ' ']);
            let lower_rest = rest.to_lowercase();
            let stop = [", về việc", " về việc", ". "]
                .iter()
                .filter_map(|m| lower_rest.find(m))
                .min()
                .unwrap_or(rest.len());
            let list = spread_shared_noun(&without_parentheses(rest.get(..stop).unwrap_or(rest)));
            let list = list.trim().trim_end_matches(['.', ',']).trim().to_owned();
            if !list.is_empty() {
                self.addressed = Some((list, src_of(line.range.clone(), line.text)));
                return;
            }
        }
    }
}

/// The largest char boundary of `text` at most `at`.
fn floor_char(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Words after a group that point back to bodies named before, lowercased.
const BACK_REFERENCES: &[&str] = &["có tên nêu trên", "có tên trên", "nêu trên", "kể trên"];

/// `text` without what it holds in parentheses ("Liên minh Hợp tác xã
/// (HTX)"), spaces closed up.
fn without_parentheses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A list whose first names share a noun written once ("các sở: Kế hoạch
/// và Đầu tư, Tài chính, Liên minh HTX, …") with the noun written before
/// each of them ("Sở Kế hoạch và Đầu tư, Sở Tài chính, Liên minh HTX, …"),
/// up to the first part that is a body's name of its own.
pub(super) fn spread_shared_noun(list: &str) -> String {
    let lower = list.to_lowercase();
    if lower.len() != list.len() {
        return list.to_owned();
    }
    let Some(noun) = ["các sở:", "các bộ:", "các ban:", "các hội:"]
        .iter()
        .find(|n| lower.starts_with(**n))
    else {
        return list.to_owned();
    };
    let head = noun
        .trim_start_matches("các ")
        .trim_end_matches(':')
        .to_owned();
    let mut chars = head.chars();
    let head_upper: String = chars
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .chain(chars)
        .collect();
    let mut parts: Vec<String> = Vec::new();
    let mut spreading = true;
    for part in list.get(noun.len()..).unwrap_or_default().split(',') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if spreading && (opens_name(part) || !part.chars().next().is_some_and(char::is_uppercase)) {
            spreading = false;
        }
        if spreading {
            parts.push(format!("{head_upper} {part}"));
        } else {
            parts.push(part.to_owned());
        }
    }
    parts.join(", ")
}

/// The most words of an actor opening a sentence whose name the directory
/// lacks ([`named_actor`]).
const ACTOR_WORDS: usize = 16;

/// The most words of the units named after "phối hợp với …", where a list
/// of several bodies is usual.
const LIST_WORDS: usize = 30;

fn src_of(range: std::ops::Range<usize>, text: &str) -> Source {
    Source {
        range,
        text: text.to_owned(),
    }
}

/// Words that open a deadline or a time inside a duty's sentence ("…
/// báo cáo UBND tỉnh trước ngày 15/12/2024", "… hoàn thành trong quý
/// II/2024"), folded. A span of years ("giai đoạn 2021-2025") or a bare
/// year is not among them: in a duty it names what the work is about
/// ("Đề án … giai đoạn 2021-2025"), not when it is done.
const TIME_WORDS: &[&str] = &[
    "truoc ngay ",
    "truoc ",
    "cham nhat ",
    "hoan thanh trong ",
    "trong nam ",
    "trong quy ",
    "trong thang ",
    "quy ",
    "hang nam",
];

/// The one schedule a duty's sentence states ([`TIME_WORDS`]), with the
/// words it was read from; `Err` with the words of each when it states
/// more than one (none is taken).
fn schedule_in(text: &str) -> Result<Option<(Schedule, String)>, Vec<String>> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut found: Vec<(Schedule, String)> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let tail = folded(&words[i..words.len().min(i + 3)].join(" ")) + " ";
        let starts = i == 0 || !folded(words[i - 1]).ends_with("truoc");
        if !(starts && TIME_WORDS.iter().any(|w| tail.starts_with(w))) {
            i += 1;
            continue;
        }
        let mut taken = None;
        for n in (2..=9.min(words.len() - i)).rev() {
            let span = words[i..i + n]
                .join(" ")
                .trim_end_matches([',', ';', '.', ':', ')'])
                .to_owned();
            if let Ok(s) = span.parse::<Schedule>() {
                taken = Some((s, span, n));
                break;
            }
        }
        match taken {
            Some((s, span, n)) => {
                if !found.iter().any(|(x, _)| *x == s) {
                    found.push((s, span));
                }
                i += n;
            }
            None => i += 1,
        }
    }
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.pop()),
        _ => Err(found.into_iter().map(|(_, w)| w).collect()),
    }
}

fn push_task(
    plan: &mut Plan,
    items: &mut Vec<DraftItem>,
    mut task: Task,
    src: Source,
    mut doubts: Vec<Bilingual>,
) {
    if task.schedule.is_none() {
        match schedule_in(&task.text.vi) {
            Ok(Some((schedule, words))) => {
                task.schedule = Some(schedule);
                doubts.push(reason(
                    format!("thời gian thực hiện đọc từ `{words}` trong câu"),
                    format!("the schedule read from `{words}` in the sentence"),
                ));
            }
            Ok(None) => {}
            Err(all) => doubts.push(reason(
                format!(
                    "câu nêu nhiều thời hạn ({}): không lấy thời hạn nào, cần ghi thời gian thực hiện",
                    all.join("; ")
                ),
                format!(
                    "the sentence gives several times ({}): none is taken, the schedule must be written",
                    all.join("; ")
                ),
            )),
        }
    }
    // A task without a lead gets the placeholder agency when all tasks are
    // read ([`read`]): the review shows it already.
    let lead: Vec<&str> = if task.lead.is_empty() {
        vec![UNKNOWN_LEAD]
    } else {
        task.lead.iter().map(AgencyId::as_str).collect()
    };
    let coop: Vec<&str> = task.cooperating.iter().map(AgencyId::as_str).collect();
    let sched = task
        .schedule
        .as_ref()
        .map(|s| s.to_string())
        .unwrap_or_default();
    items.push(DraftItem {
        part: Part::Task {
            id: task.id.to_string(),
        },
        source: src,
        read: Bilingual::both(
            format!(
                "nhiệm vụ {}: chủ trì [{}]; phối hợp [{}]; thời gian {}",
                task.id,
                lead.join(", "),
                coop.join(", "),
                if sched.is_empty() { "-" } else { &sched }
            ),
            format!(
                "task {}: lead [{}]; cooperating [{}]; schedule {}",
                task.id,
                lead.join(", "),
                coop.join(", "),
                if sched.is_empty() { "-" } else { &sched }
            ),
        ),
        uncertain: doubts,
    });
    plan.tasks.push(task);
}

/// The id of the placeholder agency that leads the tasks whose text names
/// no lead unit.
pub const UNKNOWN_LEAD: &str = "chua-ro";

fn no_lead() -> Bilingual {
    reason(
        format!("văn bản không nêu đơn vị chủ trì nhiệm vụ này: ghi `{UNKNOWN_LEAD}` (chưa rõ), cần sửa"),
        format!("the text names no lead unit for this task: `{UNKNOWN_LEAD}` (not stated) is recorded and must be corrected"),
    )
}

/// A sentence that assigns the whole plan (giao tổ chức thực hiện), read
/// from the plan's closing section ("Tổ chức thực hiện", "Phân công nhiệm
/// vụ") or a line opening with `Giao`: who leads the tasks whose own text
/// names no actor.
#[derive(Debug, Clone)]
struct Closing {
    lead: Vec<AgencyId>,
    cooperating: Vec<AgencyId>,
    /// The sentence, as written.
    sentence: String,
    /// "căn cứ chức năng, nhiệm vụ …": each named agency within its own
    /// functions, not one lead for every task.
    by_function: bool,
}

/// Words before the agencies of an assignment: titles of their heads
/// ("Thủ trưởng các sở, ngành", "Chủ tịch UBND các huyện").
const HEAD_TITLES: &[&str] = &["Thủ trưởng ", "Giám đốc ", "Chủ tịch "];

/// What an assignment asks, folded: implementing the plan, not monitoring
/// it ("theo dõi, đôn đốc" is the standing body's work).
const IMPLEMENTS_PLAN: &[&str] = &[
    "trien khai thuc hien ke hoach",
    "to chuc thuc hien ke hoach",
    "thuc hien ke hoach nay",
    "trien khai ke hoach",
    "to chuc trien khai thuc hien",
    "trien khai thuc hien cac noi dung",
    "trien khai thuc hien cac nhiem vu",
];

/// Folded headings of the closing section.
const CLOSING_HEADINGS: &[&str] = &[
    "to chuc thuc hien",
    "phan cong nhiem vu",
    "phan cong thuc hien",
    "trach nhiem thuc hien",
];

/// The sentence of the plan that assigns its implementation (see
/// [`Closing`]): "Giao Sở X chủ trì, phối hợp với … tổ chức triển khai
/// thực hiện Kế hoạch" (Sở X leads, the others cooperate), else "Giao các
/// sở, ngành, UBND cấp huyện căn cứ chức năng, nhiệm vụ … tổ chức triển
/// khai thực hiện" (each of them, within its functions). A sentence naming
/// the standing body only ("Sở X là cơ quan thường trực", "theo dõi, đôn
/// đốc") assigns no task: it is returned as a note.
fn closing(
    doc: &Document<'_>,
    ag: &mut Agencies,
    items: &mut Vec<DraftItem>,
) -> (Option<Closing>, Option<String>) {
    let mut lead_sentence: Option<Closing> = None;
    let mut by_function: Option<Closing> = None;
    let mut standing: Option<String> = None;
    let mut in_closing = false;
    for line in body(doc) {
        let f = folded(line.text);
        let short = line.text.split_whitespace().count() <= 12;
        let headed = short && is_heading(line.text);
        if headed && CLOSING_HEADINGS.iter().any(|h| f.contains(h)) {
            in_closing = true;
            continue;
        }
        // A heading of the top level ends the section; a lower one
        // ("1. Sở Tài chính:") stays in it.
        let top = label(line.text).map_or(true, |l| l.depth == 0);
        if headed && top {
            in_closing = false;
            continue;
        }
        let rest = label(line.text)
            .and_then(|l| line.text.get(l.rest..))
            .unwrap_or(line.text);
        let opens_giao = folded(rest)
            .trim_start_matches(['-', '+', ' '])
            .starts_with("giao ");
        if !in_closing && !opens_giao {
            continue;
        }
        for sentence in sentences(line) {
            // The sentence without its list label, as quoted in doubts.
            let words = label(sentence.text)
                .and_then(|l| sentence.text.get(l.rest..))
                .unwrap_or(sentence.text);
            let fs = folded(sentence.text);
            let implements = IMPLEMENTS_PLAN.iter().any(|w| fs.contains(w));
            if !implements {
                if standing.is_none()
                    && (fs.contains("co quan thuong truc") || fs.contains("theo doi, don doc"))
                {
                    standing = Some(words.to_owned());
                }
                continue;
            }
            let mut opening = strip_opening(words).to_owned();
            for t in HEAD_TITLES {
                opening = opening.replace(t, "");
                opening = opening.replace(&t.to_lowercase(), "");
            }
            let src = src_of(sentence.range.clone(), sentence.text);
            let Some((ids, end)) = ag.leading(&opening, items, &src) else {
                continue;
            };
            let after = folded(opening.get(end..).unwrap_or_default());
            let after = after.trim_start_matches([',', ' ']);
            let function =
                fs.contains("can cu") && (fs.contains("chuc nang") || fs.contains("nhiem vu"));
            if after.starts_with("chu tri") && lead_sentence.is_none() {
                let cooperating = after_marker(&opening, &["phối hợp với "], ag, items, &src)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|i| !ids.contains(i))
                    .collect();
                lead_sentence = Some(Closing {
                    lead: ids,
                    cooperating,
                    sentence: words.to_owned(),
                    by_function: false,
                });
            } else if function && by_function.is_none() {
                by_function = Some(Closing {
                    lead: ids,
                    cooperating: Vec::new(),
                    sentence: words.to_owned(),
                    by_function: true,
                });
            }
        }
    }
    (lead_sentence.or(by_function), standing)
}

/// The plan's assignment ([`closing`]), read the first time a task needs
/// it: most plans name every task's lead, and reading the closing section
/// resolves agencies in many prefixes of its sentences.
#[derive(Default)]
struct Assignment {
    read: Option<(Option<Closing>, Option<String>)>,
}

impl Assignment {
    fn get(
        &mut self,
        doc: &Document<'_>,
        ag: &mut Agencies,
        items: &mut Vec<DraftItem>,
    ) -> &(Option<Closing>, Option<String>) {
        self.read.get_or_insert_with(|| {
            // The notes pending for the task being drafted stay its own.
            let pending = ag.take_notes();
            let read = closing(doc, ag, items);
            ag.take_notes();
            ag.notes = pending;
            read
        })
    }
}

/// Gives a task whose text names no lead the plan's assignment, when the
/// text has one, with a doubt naming its sentence; else `UNKNOWN_LEAD`'s
/// doubt (and the standing body's sentence, when the text has one).
fn unassigned(
    assignment: &mut Assignment,
    (doc, ag, items): (&Document<'_>, &mut Agencies, &mut Vec<DraftItem>),
    task: &mut Task,
    doubts: &mut Vec<Bilingual>,
) {
    match assignment.get(doc, ag, items) {
        (Some(c), _) => {
            task.lead = c.lead.clone();
            if task.cooperating.is_empty() {
                task.cooperating = c.cooperating.clone();
            }
            let quote = crate::text::excerpt(&c.sentence, 160);
            doubts.push(if c.by_function {
                reason(
                    format!("nhiệm vụ không nêu đơn vị chủ trì: lấy từ câu giao thực hiện kế hoạch `{quote}`; mỗi đơn vị thực hiện theo chức năng, nhiệm vụ của mình, cần xác định đơn vị chủ trì nhiệm vụ này"),
                    format!("the task names no lead: taken from the sentence assigning the plan, `{quote}`; each unit acts within its own functions, so the lead of this task must be confirmed"),
                )
            } else {
                reason(
                    format!("nhiệm vụ không nêu đơn vị chủ trì: lấy từ câu giao chủ trì thực hiện kế hoạch `{quote}`, cần xác nhận"),
                    format!("the task names no lead: taken from the sentence assigning the plan's lead, `{quote}`; to be confirmed"),
                )
            });
        }
        (None, standing) => {
            doubts.push(no_lead());
            if let Some(s) = standing {
                let quote = crate::text::excerpt(s, 160);
                doubts.push(reason(
                    format!("văn bản nêu cơ quan thường trực, theo dõi kế hoạch (`{quote}`): câu này không giao chủ trì nhiệm vụ"),
                    format!("the text names the standing body that monitors the plan (`{quote}`): that sentence assigns no task's lead"),
                ));
            }
        }
    }
}

/// Reads the tasks into `plan`, and the agencies they name.
pub(super) fn read(
    doc: &Document<'_>,
    plan: &mut Plan,
    items: &mut Vec<DraftItem>,
    after_targets: Option<usize>,
) {
    let mut agencies = Agencies::new();
    agencies.note_addressees(doc);
    let mut assigned = Assignment::default();
    if !table(doc, plan, items, &mut agencies, &mut assigned)
        && !numbered(doc, plan, items, &mut agencies, &mut assigned)
        && !announced(doc, plan, items, &mut agencies, &mut assigned)
    {
        prose(
            doc,
            plan,
            items,
            &mut agencies,
            after_targets,
            &mut assigned,
        );
    }
    // A task whose text names no lead gets the placeholder agency, so that
    // the draft loads; the review says each one must be corrected.
    if plan.tasks.iter().any(|t| t.lead.is_empty()) {
        if let Ok(id) = AgencyId::new(UNKNOWN_LEAD) {
            for t in plan.tasks.iter_mut().filter(|t| t.lead.is_empty()) {
                t.lead.push(id.clone());
            }
            agencies.created.push(Agency::new(
                id.clone(),
                "(chưa rõ đơn vị chủ trì)",
                "(lead unit not stated)",
                AgencyLevel::Province,
            ));
            agencies.used.push(id);
        }
    }
    let mut list: Vec<Agency> = Vec::new();
    for id in &agencies.used {
        if let Some(a) = agencies.dir.get(id) {
            list.push(a.clone());
            // A successor named by the standard directory is listed too.
            if let Some(s) = &a.successor {
                if let Some(b) = agencies.dir.get(&s.agency) {
                    if !agencies.used.contains(&b.id) && !list.iter().any(|x| x.id == b.id) {
                        list.push(b.clone());
                    }
                }
            }
        } else if let Some(a) = agencies.created.iter().find(|a| &a.id == id) {
            list.push(a.clone());
        }
    }
    let mut seen = Vec::new();
    list.retain(|a| {
        let keep = !seen.contains(&a.id);
        seen.push(a.id.clone());
        keep
    });
    plan.agencies = list;
}

/// A task table: a header row with the task and lead-unit columns, then
/// rows `I <tab> section title` and `1 <tab> task <tab> lead …`.
fn table(
    doc: &Document<'_>,
    plan: &mut Plan,
    items: &mut Vec<DraftItem>,
    ag: &mut Agencies,
    assigned: &mut Assignment,
) -> bool {
    let mut cols: Option<Columns> = None;
    let mut section: Option<String> = None;
    let mut any = false;
    for line in &doc.lines {
        if !line.text.contains('\t') {
            continue;
        }
        let cells: Vec<&str> = line.text.split('\t').map(str::trim).collect();
        if let Some(c) = Columns::of(&cells) {
            cols = Some(c);
            continue;
        }
        let Some(c) = &cols else { continue };
        let first = cells
            .first()
            .copied()
            .unwrap_or_default()
            .trim_end_matches('.');
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).copied().unwrap_or_default();
        if is_roman(first) {
            let title = cell(Some(c.task));
            if let Ok(id) = SectionId::new(first) {
                plan.sections.push(Section::new(id, title));
            }
            section = Some(first.to_owned());
            continue;
        }
        if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let id_text = match &section {
            Some(s) => format!("{s}.{first}"),
            None => first.to_owned(),
        };
        let Ok(id) = TaskId::new(&id_text) else {
            continue;
        };
        let src = src_of(line.range.clone(), line.text);
        let mut task = Task::new(id, cell(Some(c.task)));
        task.section = section.as_deref().and_then(|s| SectionId::new(s).ok());
        let mut doubts = Vec::new();
        let lead = cell(Some(c.lead));
        if lead.is_empty() {
            unassigned(assigned, (doc, ag, items), &mut task, &mut doubts);
        } else {
            task.lead = ag.list(lead, true, items, &src).unwrap_or_default();
        }
        if let Some(i) = c.cooperating {
            let coop = cell(Some(i));
            if !coop.is_empty() {
                task.cooperating = ag.list(coop, true, items, &src).unwrap_or_default();
            }
        }
        if let Some(i) = c.schedule {
            let s = cell(Some(i));
            if !s.is_empty() {
                match s.parse::<Schedule>() {
                    Ok(s) => task.schedule = Some(s),
                    Err(e) => doubts.push(reason(
                        e.text(crate::Lang::Vi),
                        format!("schedule not read: {e}"),
                    )),
                }
            }
        }
        if let Some(i) = c.notes {
            let n = cell(Some(i));
            if !n.is_empty() {
                task.notes.push(n.to_owned());
            }
        }
        doubts.extend(ag.take_notes());
        push_task(plan, items, task, src, doubts);
        any = true;
    }
    any
}

struct Columns {
    task: usize,
    lead: usize,
    cooperating: Option<usize>,
    schedule: Option<usize>,
    notes: Option<usize>,
}

impl Columns {
    fn of(cells: &[&str]) -> Option<Columns> {
        let find = |words: &[&str]| {
            cells.iter().position(|c| {
                let f = folded(c);
                words.iter().any(|w| f.contains(w))
            })
        };
        let task = find(&["nhiem vu", "noi dung", "giai phap"])?;
        let lead = find(&["chu tri"])?;
        Some(Columns {
            task,
            lead,
            cooperating: find(&["phoi hop"]),
            schedule: find(&["thoi gian", "tien do", "thoi han"]),
            notes: find(&["ghi chu"]),
        })
    }
}

/// The body's lines: after the header, before `Nơi nhận` and the appendix.
fn body<'d, 'a>(doc: &'d Document<'a>) -> Vec<&'d Line<'a>> {
    let mut out = Vec::new();
    for line in &doc.lines {
        let f = folded(line.text);
        if f.starts_with("noi nhan") || f.starts_with("phu luc") {
            break;
        }
        out.push(line);
    }
    out
}

/// The addressees of an opening "… yêu cầu các sở, ngành, … tập trung …":
/// the default lead units of numbered tasks.
fn addressees(
    doc: &Document<'_>,
    items: &mut Vec<DraftItem>,
    ag: &mut Agencies,
) -> Option<(Vec<AgencyId>, Source)> {
    for line in body(doc).into_iter().take(30) {
        if label(line.text).is_some() {
            break;
        }
        let src = src_of(line.range.clone(), line.text);
        if let Some(ids) = after_marker(line.text, &["yêu cầu ", "đề nghị "], ag, items, &src)
        {
            return Some((ids, src));
        }
    }
    None
}

/// Numbered paragraphs `1. …` (in the tasks section when there is one).
fn numbered(
    doc: &Document<'_>,
    plan: &mut Plan,
    items: &mut Vec<DraftItem>,
    ag: &mut Agencies,
    assigned: &mut Assignment,
) -> bool {
    let lines = body(doc);
    let start = lines.iter().position(|l| {
        is_heading(l.text)
            && label(l.text).is_some_and(|x| x.depth == 0)
            && folded(l.text).contains("nhiem vu")
    });
    let (from, depth0) = match start {
        Some(i) => (i + 1, true),
        None => (0, false),
    };
    // (line, number, bytes of the label, the last line of the task): a
    // task runs over the unnumbered paragraphs after it, up to the next
    // label or heading.
    let mut found: Vec<(&Line<'_>, String, usize, &Line<'_>)> = Vec::new();
    let mut open = false;
    for line in lines.iter().skip(from) {
        let Some(l) = label(line.text) else {
            if open && !is_heading(line.text) {
                if let Some(last) = found.last_mut() {
                    last.3 = line;
                }
            } else {
                open = false;
            }
            continue;
        };
        if depth0 && l.depth == 0 {
            break;
        }
        open = false;
        if l.depth == 1 && !is_heading(line.text) {
            found.push((line, l.text.clone(), l.rest, line));
            open = true;
        }
    }
    // Numbered from 1, consecutively: a list, not stray numbers.
    let consecutive = found
        .iter()
        .enumerate()
        .all(|(i, (_, n, _, _))| n.parse::<usize>().ok() == Some(i + 1));
    if found.len() < 2 || !consecutive {
        return false;
    }
    let default = addressees(doc, items, ag);
    for (line, number, rest, last) in found {
        let Ok(id) = TaskId::new(&number) else {
            continue;
        };
        let text = line.text.get(rest..).unwrap_or_default();
        let range = line.range.start..last.range.end.max(line.range.end);
        let whole = doc.text.get(range.clone()).unwrap_or(line.text);
        let src = src_of(range, whole);
        // The task's words: its paragraphs, one a line.
        let paragraphs: Vec<&str> = whole
            .get(rest..)
            .unwrap_or(text)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let mut task = Task::new(id, paragraphs.join("\n"));
        let mut doubts = Vec::new();
        if let Some((lead, _)) = ag.leading(text, items, &src) {
            task.lead = lead;
        } else if let Some(named) = named_in(text, ag, items, &src) {
            // "Phát huy vai trò của A, B và C": the named ones act; of them,
            // those the document addresses lead (it can assign tasks only
            // to them), the others cooperate.
            let addressed: Vec<AgencyId> = default
                .as_ref()
                .map(|(d, _)| named.iter().filter(|a| d.contains(a)).cloned().collect())
                .unwrap_or_default();
            if addressed.is_empty() {
                task.lead = named;
                doubts.push(reason(
                    "đơn vị chủ trì đọc từ cơ quan được nêu trong nhiệm vụ",
                    "lead units read from the agencies the task names",
                ));
            } else {
                task.cooperating = named
                    .into_iter()
                    .filter(|a| !addressed.contains(a))
                    .collect();
                task.lead = addressed;
                doubts.push(reason(
                    "nhiệm vụ nêu vai trò của nhiều cơ quan: cơ quan là nơi nhận của văn bản chủ trì, các cơ quan khác phối hợp",
                    "the task names the role of several agencies: those the document addresses lead, the others cooperate",
                ));
            }
        } else if let Some((lead, from)) = &default {
            task.lead = lead.clone();
            doubts.push(reason(
                format!(
                    "đơn vị chủ trì lấy từ lời yêu cầu đầu văn bản: `{}`",
                    from.text
                ),
                format!("lead units taken from the opening request: `{}`", from.text),
            ));
        } else {
            unassigned(assigned, (doc, ag, items), &mut task, &mut doubts);
        }
        doubts.extend(ag.take_notes());
        push_task(plan, items, task, src, doubts);
    }
    true
}

/// "… 7 nhiệm vụ trọng tâm …, đó là:" followed by that many paragraphs.
fn announced(
    doc: &Document<'_>,
    plan: &mut Plan,
    items: &mut Vec<DraftItem>,
    ag: &mut Agencies,
    assigned: &mut Assignment,
) -> bool {
    let lines = body(doc);
    for (i, line) in lines.iter().enumerate() {
        let f = folded(line.text);
        if !(f.ends_with(':') && f.contains("nhiem vu")) {
            continue;
        }
        let before = f.get(..f.find("nhiem vu").unwrap_or(0)).unwrap_or_default();
        let Some(n) = before
            .split_whitespace()
            .rev()
            .find_map(|w| w.parse::<usize>().ok())
        else {
            continue;
        };
        if n == 0 || n > 50 {
            continue;
        }
        let following: Vec<&&Line<'_>> = lines.iter().skip(i + 1).take(n).collect();
        if following.len() < n {
            return false;
        }
        for (k, line) in following.into_iter().enumerate() {
            let Ok(id) = TaskId::new((k + 1).to_string()) else {
                continue;
            };
            let src = src_of(line.range.clone(), line.text);
            let mut task = Task::new(id, line.text);
            let mut doubts = vec![reason(
                format!(
                    "nhiệm vụ thứ {} trong danh sách `{}`",
                    k + 1,
                    crate::text::excerpt(line.text, 40)
                ),
                format!("task {} of the announced list", k + 1),
            )];
            match named_in(line.text, ag, items, &src) {
                Some(lead) => {
                    task.lead = lead;
                    doubts.push(reason(
                        "đơn vị chủ trì đọc từ cơ quan được nêu trong nhiệm vụ",
                        "lead units read from the agencies the task names",
                    ));
                }
                None => unassigned(assigned, (doc, ag, items), &mut task, &mut doubts),
            }
            doubts.extend(ag.take_notes());
            push_task(plan, items, task, src, doubts);
        }
        return true;
    }
    false
}

/// The agencies a task's text names with a role ("Phát huy vai trò của Hội
/// Nông dân tỉnh …", "… của Liên minh HTX tỉnh").
fn named_in(
    text: &str,
    ag: &mut Agencies,
    items: &mut Vec<DraftItem>,
    src: &Source,
) -> Option<Vec<AgencyId>> {
    after_marker(
        text,
        &[
            "vai trò của ",
            "vai trò, trách nhiệm của ",
            "hoạt động của ",
        ],
        ag,
        items,
        src,
    )
    .or_else(|| sector(text, ag, items, src))
}

/// The department of a sector named as the one that manages ("… theo hướng
/// ngành Kế hoạch và Đầu tư thống nhất quản lý …"): `ngành X` is `Sở X`.
fn sector(
    text: &str,
    ag: &mut Agencies,
    items: &mut Vec<DraftItem>,
    src: &Source,
) -> Option<Vec<AgencyId>> {
    const ROLES: &[&str] = &[
        "thong nhat quan ly",
        "chu tri",
        "lam dau moi",
        "lam co quan thuong truc",
    ];
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return None;
    }
    let mut from = 0;
    while let Some(at) = lower.get(from..)?.find("ngành ") {
        let start = from + at + "ngành ".len();
        from = start;
        let rest = text.get(start..)?;
        if !rest.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let named = format!("Sở {rest}");
        let Some((ids, end)) = ag.leading(&named, items, src) else {
            continue;
        };
        let after = folded(named.get(end..).unwrap_or_default());
        if ids.len() == 1 && ROLES.iter().any(|r| after.trim_start().starts_with(r)) {
            return Some(ids);
        }
    }
    None
}

/// The agencies that follow the first of `markers` found in `text`
/// ("… yêu cầu <agencies> …", "… phối hợp với <agencies> …").
fn after_marker(
    text: &str,
    markers: &[&str],
    ag: &mut Agencies,
    items: &mut Vec<DraftItem>,
    src: &Source,
) -> Option<Vec<AgencyId>> {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return None;
    }
    for marker in markers {
        if let Some(at) = lower.find(marker) {
            let rest = text.get(at + marker.len()..)?;
            // The units one cooperates with are often many.
            let words = if marker.starts_with("phối hợp") {
                LIST_WORDS
            } else {
                ACTOR_WORDS
            };
            if let Some((ids, _)) = ag.leading_within(rest, words, items, src) {
                return Some(ids);
            }
        }
    }
    None
}

/// Connectors before an assignment: "Theo đó, UBND tỉnh yêu cầu …",
/// "Đồng thời, đề nghị …".
fn strip_opening(text: &str) -> &str {
    let text = text.trim_start_matches(['-', '–', '+', '•', '*', ' ']);
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return text;
    }
    let mut t = text;
    for c in [
        "theo đó, ",
        "đồng thời, ",
        "ngoài ra, ",
        "bên cạnh đó, ",
        "trước đó, ",
        "sau đó, ",
        "cụ thể, ",
        "tiếp đó, ",
    ] {
        if lower.starts_with(c) {
            t = text.get(c.len()..).unwrap_or(text);
            break;
        }
    }
    // An ordinal opening a point: "Thứ nhất, …", "Thứ hai, …".
    let lt = t.to_lowercase();
    if let Some(rest) = lt.strip_prefix("thứ ") {
        if let Some(comma) = rest.find(", ") {
            if rest.get(..comma).is_some_and(|w| !w.contains(' ')) {
                t = t.get("thứ ".len() + comma + 2..).unwrap_or(t);
            }
        }
    }
    let lt = t.to_lowercase();
    // The first verb of assignment at a word's start: the agencies after it
    // act. Within 6 words of the start, or 12 when the words before name an
    // assigning authority ("UBND tỉnh Lâm Đồng vừa có văn bản chỉ đạo Sở
    // …"); `chỉ đạo` assigns only after an authority (a department's
    // "chỉ đạo các cơ quan báo chí" is its own duty), and not as a noun
    // ("Ban Chỉ đạo", "theo chỉ đạo của").
    let mut best: Option<usize> = None;
    for verb in ["yêu cầu ", "đề nghị ", "giao ", "chỉ đạo "] {
        let mut from = 0;
        while let Some(found) = lt.get(from..).and_then(|r| r.find(verb)) {
            let at = from + found;
            from = at + verb.len();
            let before = lt.get(..at).unwrap_or_default();
            if !(before.is_empty() || before.ends_with(' ')) {
                continue;
            }
            let words = before.split_whitespace().count();
            let authority = ASSIGNERS.iter().any(|a| folded(before).contains(a));
            let previous = before.split_whitespace().last().unwrap_or_default();
            let noun = matches!(previous, "ban" | "theo" | "sự" | "của" | "bàn");
            let fits = if verb == "chỉ đạo " {
                authority && !noun && words <= 12
            } else {
                !noun && (words <= 6 || authority && words <= 12)
            };
            if fits {
                let end = at + verb.len();
                if best.map_or(true, |b| end < b) {
                    best = Some(end);
                }
                break;
            }
        }
    }
    match best {
        Some(end) => t.get(end..).unwrap_or(t),
        None => t,
    }
}

/// Authorities that assign tasks to others, folded: the provincial or
/// district committee (UBND), its chair, the Government and the Prime
/// Minister, the Party committees.
const ASSIGNERS: &[&str] = &[
    "ubnd",
    "uy ban nhan dan",
    "chu tich",
    "thu tuong",
    "chinh phu",
    "tinh uy",
    "thanh uy",
    "ban thuong vu",
];

/// Nouns that open the name of a body ("Bộ Tư pháp", "Thường trực Ban
/// Chỉ đạo", "các thành viên Ban Chỉ đạo"), lowercased: a sentence opening
/// with one, followed by a capitalised word (a body's own name is
/// capitalised: "Bộ Tư pháp", not "Bộ máy", "Ban hành", "Hội nghị"), names
/// its actor even when the directory lacks it.
const BODY_NOUNS: &[&str] = &[
    "bộ chỉ huy ",
    "bộ ",
    "sở ",
    "ban ",
    "hội ",
    "liên minh ",
    "thường trực ",
    "văn phòng ",
    "quỹ ",
    "ngân hàng ",
    "chi cục ",
    "tổng cục ",
    "cục ",
    "trung tâm ",
    "kho bạc ",
    "viện ",
    "mặt trận ",
    "các thành viên ",
    "thành viên ",
];

/// The doubt of a "phối hợp với …" whose units could not be read: none
/// is recorded as cooperating, and the text must be looked at.
fn cooperating_unread() -> Bilingual {
    reason(
        "có \"phối hợp với …\" nhưng không đọc được các đơn vị phối hợp (danh sách quá dài hoặc không kết thúc bằng một động từ của nhiệm vụ): chưa ghi đơn vị phối hợp nào, cần bổ sung",
        "\"phối hợp với …\" is written but the cooperating units could not be read (the list is too long or ends in no verb of a duty): none is recorded, and they must be added",
    )
}

/// Whether a part of a list opens a body's name of its own: a body's noun
/// written capitalised with a capitalised word after it ("Bộ Tư pháp",
/// "Ban Điều phối dự án IFAD"), a body that is a name by itself ("UBND
/// các huyện"), or a group ("các bộ, ngành liên quan").
fn opens_name(part: &str) -> bool {
    let part = part.trim_start();
    let lower = part.to_lowercase();
    if lower.len() != part.len() {
        return false;
    }
    if lower.starts_with("các ") || BODY_NAMES.iter().any(|n| lower.starts_with(n)) {
        return true;
    }
    BODY_NOUNS.iter().any(|n| {
        lower.starts_with(n)
            && part.chars().next().is_some_and(char::is_uppercase)
            && part
                .get(n.len()..)
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_uppercase)
    })
}

/// Nouns that are a body's name by themselves, whatever follows ("UBND
/// các tỉnh, thành phố trực thuộc Trung ương"), lowercased.
const BODY_NAMES: &[&str] = &["ubnd ", "ủy ban nhân dân ", "uỷ ban nhân dân "];

/// Verbs that end the name of the actor opening a duty ("Thường trực Ban
/// Chỉ đạo | tích cực đôn đốc …"), folded, with their space.
const DUTY_VERBS: &[&str] = &[
    "chu tri ",
    "phoi hop ",
    "chi dao ",
    "chuan bi ",
    "tham muu ",
    "xay dung ",
    "huong dan ",
    "thuc hien ",
    "trien khai ",
    "to chuc ",
    "lay y kien ",
    "nghien cuu ",
    "don doc ",
    "theo doi ",
    "tong hop ",
    "bao cao ",
    "ra soat ",
    "hoan thien ",
    "hoan thanh ",
    "kiem tra ",
    "tuyen truyen ",
    "bo tri ",
    "can doi ",
    "de xuat ",
    "pho bien ",
    "ho tro ",
    "tang cuong ",
    "tich cuc ",
    "khan truong ",
    "tiep tuc ",
    "can cu ",
    "co trach nhiem ",
    "la co quan ",
    "cung ",
    "sua doi ",
    "ban hanh ",
    "trinh ",
];

/// The actor a duty's sentence opens with when the directory lacks it: a
/// name opened by a body's noun ([`BODY_NOUNS`]) and ended by the first
/// verb of a duty ([`DUTY_VERBS`]), at most `most_words` words; its parts are
/// resolved, and created when unknown. With the bytes the name takes.
fn named_actor(
    text: &str,
    most_words: usize,
    ag: &mut Agencies,
    items: &mut Vec<DraftItem>,
    src: &Source,
) -> Option<(Vec<AgencyId>, usize)> {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return None;
    }
    let whole = BODY_NAMES.iter().find(|n| lower.starts_with(**n));
    let noun = whole.or_else(|| BODY_NOUNS.iter().find(|n| lower.starts_with(**n)))?;
    let proper = whole.is_some()
        || text
            .get(noun.len()..)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_uppercase);
    let starts_named =
        text.chars().next().is_some_and(char::is_uppercase) || lower.starts_with("các ");
    if !(proper && starts_named) {
        return None;
    }
    let ends: Vec<usize> = text
        .split_whitespace()
        .take(most_words + 1)
        .map(|w| super::split::offset(text, w))
        .collect();
    // The verb comes after the noun and the first word of the proper name
    // ("Ban Chỉ đạo …" is a name, not `Ban` and a verb).
    let skip = noun.split_whitespace().count() + 1;
    // A verb is written small, and a body's noun before it makes it part of
    // a name ("Ban Chỉ đạo", "Ban chỉ đạo").
    let end = ends.iter().skip(skip).copied().find(|&at| {
        let word = text.get(at..).unwrap_or_default();
        let before = text.get(..at).unwrap_or_default().to_lowercase();
        let after_noun = before
            .split_whitespace()
            .last()
            .is_some_and(|w| BODY_NOUNS.iter().any(|n| n.trim_end() == w));
        let rest = folded(word).replace([',', ';', ':'], "") + " ";
        word.chars().next().is_some_and(char::is_lowercase)
            && !after_noun
            && DUTY_VERBS.iter().any(|v| rest.starts_with(v))
    })?;
    let name = text.get(..end)?.trim_end().trim_end_matches([',', ':']);
    let ids = ag.list(name, true, items, src)?;
    Some((ids, end))
}

/// Words that start a clause of view, not of action ("Khẳng định vị trí …",
/// "Xác định hợp tác xã là hạt nhân …"): such a sentence explains the task
/// before it and joins it.
/// ("Coi trọng …", to value, is an action: not among them.)
const VIEW_WORDS: &[&str] = &["khang dinh ", "xac dinh "];

/// Nouns that head an item of an enumeration ("…; chính sách thu hút …;
/// chính sách tín dụng …"): a clause starting with one continues the
/// clause before it, it is not a task of its own.
const ENUMERATED_NOUNS: &[&str] = &[
    "chinh sach ",
    "co che ",
    "chuong trinh ",
    "de an ",
    "du an ",
];

/// The tasks of one paragraph assigned by agency: its sentences, where
/// - a sentence whose writer ends a clause with `;` and a capital letter
///   ("…; Phát huy vai trò …") uses `;` as a full stop: each of its clauses
///   is a task, but a clause headed by an enumerated noun continues the
///   clause before it;
/// - a sentence of view ([`VIEW_WORDS`]) joins the task before it.
///
/// Each unit carries the reasons it was cut or joined so.
fn units<'a>(line: &Line<'a>) -> Vec<(Piece<'a>, Vec<Bilingual>)> {
    let mut clauses: Vec<(Piece<'a>, Vec<Bilingual>)> = Vec::new();
    for sentence in sentences(line) {
        let parts = super::split::cut(&sentence, ';');
        let full_stops = parts
            .iter()
            .skip(1)
            .any(|p| p.text.chars().next().is_some_and(char::is_uppercase));
        if !full_stops || parts.len() < 2 {
            clauses.push((sentence, Vec::new()));
            continue;
        }
        let mut run: Option<Piece<'a>> = None;
        for part in parts {
            let f = folded(part.text);
            let continues = ENUMERATED_NOUNS.iter().any(|n| f.starts_with(n));
            match run.take() {
                Some(prev) if continues => run = join(line, &prev, &part).or(Some(prev)),
                Some(prev) => {
                    clauses.push((prev, vec![semicolon_stop()]));
                    run = Some(part);
                }
                None => run = Some(part),
            }
        }
        if let Some(prev) = run {
            clauses.push((prev, vec![semicolon_stop()]));
        }
    }
    let mut out: Vec<(Piece<'a>, Vec<Bilingual>)> = Vec::new();
    for (piece, doubts) in clauses {
        let f = folded(piece.text);
        if VIEW_WORDS.iter().any(|w| f.starts_with(w)) {
            if let Some((prev, prev_doubts)) = out.last_mut() {
                if let Some(joined) = join(line, prev, &piece) {
                    *prev = joined;
                    prev_doubts.push(reason(
                        format!(
                            "câu `{}` nêu quan điểm, không phải việc làm: ghép vào nhiệm vụ trước nó",
                            crate::text::excerpt(piece.text, 40)
                        ),
                        format!(
                            "the sentence `{}` states a view, not an action: joined to the task before it",
                            crate::text::excerpt(piece.text, 40)
                        ),
                    ));
                    continue;
                }
            }
        }
        out.push((piece, doubts));
    }
    out
}

/// The piece of `line` from the start of `a` to the end of `b`.
fn join<'a>(line: &Line<'a>, a: &Piece<'a>, b: &Piece<'a>) -> Option<Piece<'a>> {
    let from = a.range.start.checked_sub(line.range.start)?;
    let to = b.range.end.checked_sub(line.range.start)?;
    Piece::new(a.range.start..b.range.end, line.text.get(from..to)?)
}

fn semicolon_stop() -> Bilingual {
    reason(
        "câu dùng `;` như dấu chấm (có `;` trước chữ hoa): mỗi vế là một nhiệm vụ",
        "the sentence uses `;` as a full stop (a capital follows one): each clause is a task",
    )
}

/// The agencies of a heading line that names only them ("Sở Tài
/// chính:", "UBND các huyện, thành phố"), or of a line announcing their
/// tasks, ending with `:` ("Giao Sở … chủ trì, … các nhiệm vụ sau:"); the
/// line's list marks are taken off before ([`without_marks`]).
fn agency_heading(
    rest: &str,
    ag: &mut Agencies,
    items: &mut Vec<DraftItem>,
    src: &Source,
) -> Option<(Vec<AgencyId>, usize)> {
    let bare = rest.trim_end().trim_end_matches([':', '.']).trim_end();
    if bare.is_empty() {
        return None;
    }
    // A heading is short: a paragraph is not tried as a list of names.
    if bare.split_whitespace().count() <= 24 {
        if let Some(ids) = ag.list(bare, false, items, src) {
            return Some((ids, rest.len()));
        }
    }
    if rest.trim_end().ends_with(':') {
        let opening = strip_opening(rest);
        if opening.len() != rest.len() {
            return ag.leading(opening, items, src);
        }
    }
    None
}

/// A line without its list marks: the number or Roman label (`3.`, `2.1.`,
/// `III.`), bullets (`-`, `+`, `•`) and a letter label (`a)`), with the
/// label, which tells the item's level.
fn without_marks<'a>(line: &Line<'a>) -> (Option<super::split::Label>, Line<'a>) {
    let lab = label(line.text);
    let mut rest = match &lab {
        Some(l) => line.text.get(l.rest..).unwrap_or_default(),
        None => line.text,
    };
    rest = rest.trim_start_matches(['-', '–', '+', '•', '*', ' ']);
    if let Some((l, r)) = rest.split_once(") ") {
        if l.chars().count() == 1 && l.chars().all(char::is_alphabetic) {
            rest = r.trim_start();
        }
    }
    let from = super::split::offset(line.text, rest);
    let inner = Line {
        range: line.range.start + from..line.range.end,
        text: rest,
    };
    (lab, inner)
}

/// The agencies a line names before a colon, followed by their duty on
/// the same line ("4. UBND các huyện, thành phố: Chỉ đạo …"), and where
/// the duty starts.
fn agencies_before_colon(
    text: &str,
    ag: &mut Agencies,
    items: &mut Vec<DraftItem>,
    src: &Source,
) -> Option<(Vec<AgencyId>, usize)> {
    let colon = text.find(':')?;
    let head = text.get(..colon)?.trim();
    let duty = text.get(colon + 1..)?;
    let starts_named = head.chars().next().is_some_and(char::is_uppercase)
        || head.to_lowercase().starts_with("các ");
    if !starts_named || duty.trim().is_empty() || head.split_whitespace().count() > 24 {
        return None;
    }
    let ids = ag.list(head, false, items, src)?;
    Some((ids, text.len() - duty.trim_start().len()))
}

/// Whether a sentence opens with the agencies that act in it (after an
/// opening such as "Theo đó, giao …").
fn names_actor(text: &str, ag: &mut Agencies, items: &mut Vec<DraftItem>, src: &Source) -> bool {
    ag.leading(strip_opening(text), items, src).is_some()
}

/// Whether at least half of `sentence` is the source of drafted targets:
/// a sentence of targets, not a duty (unless it names who acts: "giao UBND
/// các huyện triển khai kế hoạch thành lập mới 80 HTX").
fn mostly_targets(sentence: &Piece<'_>, items: &[DraftItem]) -> bool {
    let covered: usize = items
        .iter()
        .filter(|i| matches!(i.part, Part::Target { .. }))
        .map(|i| {
            let (a, b) = (i.source.range.start, i.source.range.end);
            b.min(sentence.range.end)
                .saturating_sub(a.max(sentence.range.start))
        })
        .sum();
    covered * 2 >= sentence.range.len().max(1)
}

/// Lines of a letter's or a page's header that assign nothing: the
/// national motto, `Số: …`, `Kính gửi: …`, `V/v …`, the place and date
/// (`Hà Nội, ngày 24 tháng 02 năm 2021`), a line in capitals, and the
/// closing formula "… thông báo để … biết, thực hiện".
fn is_header_line(text: &str) -> bool {
    let f = folded(text);
    let short = text.split_whitespace().count() <= 12;
    let dated = f.contains(", ngay ") && f.contains(" thang ") && f.contains(" nam ");
    let opening = [
        "so:",
        "kinh gui",
        "v/v",
        "cong hoa xa hoi chu nghia",
        "doc lap - tu do",
    ]
    .iter()
    .any(|p| f.starts_with(p));
    opening
        || is_closing_notice(text)
        || dated && short
        || is_heading(text) && label(text).is_none()
}

/// A letter's closing formula ("Văn phòng Chính phủ thông báo để … biết,
/// thực hiện./."): it passes on what is above, and assigns nothing new.
fn is_closing_notice(text: &str) -> bool {
    let f = folded(text);
    f.find("thong bao de ")
        .is_some_and(|at| f.get(at..).is_some_and(|r| r.contains(" biet")))
}

/// The doubt of a task in an item that names no agency after an agency's
/// section ended at an item of its level.
fn section_ended(item: &str, previous: &str) -> Bilingual {
    reason(
        format!("mục `{item}` không nêu cơ quan thực hiện; mục của `{previous}` đã kết thúc ở mục này (cùng cấp hoặc cấp trên), nên không lấy cơ quan đó"),
        format!("item `{item}` names no agency; the section of `{previous}` ended at this item (of its level or above), so that agency is not taken"),
    )
}

/// Paragraphs assigned by agency: a paragraph starting with agencies opens
/// a section; each sentence is a task of the section; a paragraph without
/// agencies continues the section before.
fn prose(
    doc: &Document<'_>,
    plan: &mut Plan,
    items: &mut Vec<DraftItem>,
    ag: &mut Agencies,
    after_targets: Option<usize>,
    assigned: &mut Assignment,
) {
    let lines: Vec<&Line<'_>> = body(doc)
        .into_iter()
        .filter(|l| after_targets.map_or(true, |end| l.range.start >= end))
        .filter(|l| {
            let f = folded(l.text);
            !(f.starts_with("file dinh kem")
                || is_closing_notice(l.text)
                || l.text.contains('\t')
                || l.text.starts_with('(') && l.text.ends_with(')'))
        })
        .collect();
    let mut section = 0usize;
    let mut k = 0usize;
    let mut lead: Vec<AgencyId> = Vec::new();
    let mut by_agency = false;
    let mut section_notes: Vec<Bilingual> = Vec::new();
    let mut section_coop: Vec<AgencyId> = Vec::new();
    // The level of the label of the line that opened the agency's section
    // (`1.` is 1, `III.` is 0), and its agencies' names.
    let mut section_depth: Option<usize> = None;
    let mut section_names = String::new();
    for line in &lines {
        let src = src_of(line.range.clone(), line.text);
        let (lab, inner) = without_marks(line);
        let opening = strip_opening(inner.text);
        // A heading naming agencies ("1. Sở Tài chính:", "- Liên minh Hợp
        // tác xã tỉnh:", "3. Liên minh Hợp tác xã tỉnh") or announcing their
        // tasks ("Giao Sở Tài chính chủ trì, phối hợp với … thực hiện các
        // nội dung sau:") opens their section; it is no task itself. Agencies
        // before a colon with their duty after it ("4. UBND các huyện: Chỉ
        // đạo …") open it too, and the duty is its first task.
        let heading = agency_heading(inner.text, ag, items, &src);
        let before_colon = if heading.is_none() {
            agencies_before_colon(inner.text, ag, items, &src)
        } else {
            None
        };
        // An item at the level of the section's heading or above ("4."
        // after "3. Liên minh …", "III. KINH PHÍ" after "1. Sở …"), or a
        // Roman heading after a section opened by a paragraph, ends the
        // section: its duties are not the previous agency's.
        let sibling = by_agency
            && lab
                .as_ref()
                .is_some_and(|l| section_depth.map_or(l.depth == 0, |d| l.depth <= d));
        let mut ended: Option<Bilingual> = None;
        if sibling && heading.is_none() && before_colon.is_none() {
            let item = lab.as_ref().map(|l| l.text.clone()).unwrap_or_default();
            ended = Some(section_ended(&item, &section_names));
        }
        if heading.is_none() && before_colon.is_none() && inner.text.split_whitespace().count() <= 6
        {
            if let Some(note) = ended {
                section += 1;
                k = 0;
                lead = Vec::new();
                section_notes = vec![note];
                section_coop = Vec::new();
                section_depth = lab.as_ref().map(|l| l.depth);
            }
            continue;
        }
        let mut duty_from = 0usize;
        let opened = match (heading, before_colon) {
            (Some((ids, end)), _) => Some((ids, end, true)),
            (None, Some((ids, from))) => {
                duty_from = from;
                Some((ids, from, false))
            }
            (None, None) => ag
                .leading(opening, items, &src)
                .map(|(ids, end)| (ids, end, false)),
        };
        if let Some((ids, end, is_heading_line)) = opened {
            section += 1;
            k = 0;
            lead = ids;
            by_agency = true;
            section_depth = lab.as_ref().map(|l| l.depth);
            section_notes = ag.take_notes();
            if let Ok(id) = SectionId::new(section.to_string()) {
                let names: Vec<String> = lead
                    .iter()
                    .filter_map(|a| {
                        ag.dir.get(a).map(|x| x.name.vi.clone()).or_else(|| {
                            ag.created
                                .iter()
                                .find(|x| &x.id == a)
                                .map(|x| x.name.vi.clone())
                        })
                    })
                    .collect();
                section_names = names.join(", ");
                plan.sections.push(Section::new(id, section_names.clone()));
            }
            section_coop = Vec::new();
            // A line of names only ("3. Liên minh Hợp tác xã tỉnh") is a
            // heading with or without its colon.
            let names_only = is_heading_line && end >= inner.text.trim_end().len();
            if names_only && !inner.text.trim_end().ends_with(':') {
                section_notes.extend(ag.take_notes());
                continue;
            }
            if inner.text.trim_end().ends_with(':') {
                // A heading's "phối hợp với …" covers its tasks.
                if let Some(ids) = after_marker(line.text, &["phối hợp với "], ag, items, &src)
                {
                    section_coop = ids.into_iter().filter(|i| !lead.contains(i)).collect();
                } else if line.text.to_lowercase().contains("phối hợp với ") {
                    section_notes.push(cooperating_unread());
                }
                section_notes.extend(ag.take_notes());
                continue;
            }
        } else if let Some(note) = ended {
            // An item of the section's level naming no agency: a section of
            // its own, whose lead the text does not give.
            section += 1;
            k = 0;
            lead = Vec::new();
            section_notes = vec![note];
            section_coop = Vec::new();
            section_depth = lab.as_ref().map(|l| l.depth);
        } else if !by_agency && is_header_line(inner.text) {
            // The motto, number, date or addressees of a letter: no task.
            continue;
        } else if !by_agency {
            // A paragraph before any agency: a task of its own, no lead.
            section += 1;
            k = 0;
            lead = Vec::new();
        }
        // The duty's words, without the list marks (or after the colon of
        // "UBND các huyện: Chỉ đạo …").
        let duty = Line {
            range: inner.range.start + duty_from..inner.range.end,
            text: inner.text.get(duty_from..).unwrap_or_default(),
        };
        let pieces: Vec<(Piece<'_>, Vec<Bilingual>)> = if by_agency {
            units(&duty)
        } else {
            sentences(line)
                .into_iter()
                .map(|p| (p, Vec::new()))
                .collect()
        };
        for (sentence, unit_doubts) in pieces {
            k += 1;
            let id_text = if by_agency {
                format!("{section}.{k}")
            } else {
                section.to_string()
            };
            let Ok(id) = TaskId::new(&id_text) else {
                continue;
            };
            let src = Source {
                range: sentence.range.clone(),
                text: sentence.text.to_owned(),
            };
            // A sentence of targets ("Mục tiêu đến năm 2030, toàn tỉnh
            // phát triển 804 hợp tác xã …") is read as targets, no task.
            if by_agency
                && mostly_targets(&sentence, items)
                && !names_actor(sentence.text, ag, items, &src)
            {
                k -= 1;
                continue;
            }
            let mut task = Task::new(id, sentence.text);
            if by_agency {
                task.section = SectionId::new(section.to_string()).ok();
            }
            let mut doubts = unit_doubts;
            // A sentence naming its own actor ("Bộ Thông tin và Truyền thông
            // chỉ đạo …", "Trước đó, Bộ Tài chính yêu cầu …") is that actor's,
            // not the section's.
            let assigned_to = strip_opening(sentence.text);
            let read_own = if by_agency {
                ag.leading(assigned_to, items, &src).map(|(ids, _)| ids)
            } else {
                None
            };
            // "Bộ Tài chính yêu cầu các địa phương …": the sentence gives the
            // work to others, whom it names in words that were not read.
            let given = sentence.text.len() - assigned_to.len();
            let to_others = folded(sentence.text.get(..given).unwrap_or_default());
            if by_agency
                && read_own.is_none()
                && ["yeu cau", "de nghi", "giao", "chi dao"].iter().any(|v| {
                    to_others.trim_end() == *v || to_others.trim_end().ends_with(&format!(" {v}"))
                })
            {
                let who = crate::text::excerpt(assigned_to, 60);
                doubts.push(reason(
                    format!("câu giao việc cho `{who}` mà không đọc được là cơ quan nào: ghi cơ quan của đoạn là chủ trì, nhưng có thể không phải cơ quan đó"),
                    format!("the sentence gives the work to `{who}`, which could not be read as an agency: the section's agency is recorded as the lead, but may not be it"),
                ));
            }
            let own = read_own.filter(|ids| !ids.is_empty() && *ids != lead);
            match own {
                Some(ids) => {
                    doubts.push(reason(
                        "câu nêu cơ quan thực hiện của chính nó: cơ quan đó chủ trì, không phải cơ quan của đoạn",
                        "the sentence names its own actor: that agency leads, not the section's",
                    ));
                    task.lead = ids;
                }
                None => task.lead = lead.clone(),
            }
            doubts.extend(section_notes.iter().cloned());
            if lead.is_empty() {
                unassigned(assigned, (doc, ag, items), &mut task, &mut doubts);
            }
            if !by_agency {
                // One task a paragraph when no agency structures the text.
                let whole = Piece {
                    range: line.range.clone(),
                    text: line.text,
                };
                let mut own = Task::new(task.id.clone(), whole.text);
                own.lead = std::mem::take(&mut task.lead);
                own.cooperating = std::mem::take(&mut task.cooperating);
                task = own;
                doubts.push(reason(
                    "văn bản không đánh số nhiệm vụ: mỗi đoạn là một nhiệm vụ, đánh số theo thứ tự",
                    "the text numbers no task: one task a paragraph, numbered in order",
                ));
                push_task(
                    plan,
                    items,
                    task,
                    src_of(line.range.clone(), line.text),
                    doubts,
                );
                break;
            }
            let lower = sentence.text.to_lowercase();
            if lower.len() == sentence.text.len() {
                if let Some(ids) = after_marker(sentence.text, &["phối hợp với "], ag, items, &src)
                {
                    task.cooperating = ids.into_iter().filter(|i| !task.lead.contains(i)).collect();
                } else if lower.contains("phối hợp với ") {
                    doubts.push(cooperating_unread());
                }
                doubts.extend(ag.take_notes());
                // "Phối hợp với X xây dựng …" under agency A: A's duty is
                // to cooperate; the work may be X's to lead.
                if lower.starts_with("phối hợp với ") && !task.cooperating.is_empty() {
                    let names: Vec<&str> = task.cooperating.iter().map(AgencyId::as_str).collect();
                    doubts.push(reason(
                        format!(
                            "nhiệm vụ của đơn vị là phối hợp với {}: ghi đơn vị của mục là chủ trì, nhưng việc này có thể do {} chủ trì",
                            names.join(", "),
                            names.join(", ")
                        ),
                        format!(
                            "the unit's duty is to cooperate with {}: the section's agency is recorded as the lead, but {} may lead this work",
                            names.join(", "),
                            names.join(", ")
                        ),
                    ));
                }
                if task.cooperating.is_empty() {
                    task.cooperating = section_coop.clone();
                }
                // Other times in the sentence ("hằng năm", "trước ngày
                // 15/12/2024") are read when the task is pushed.
                if lower.starts_with("thường xuyên") {
                    task.schedule = "Thường xuyên".parse().ok();
                }
            }
            push_task(plan, items, task, src, doubts);
        }
    }
}
