//! Drafting a plan from its Vietnamese text (soạn thảo kế hoạch từ văn bản):
//! [`draft`] reads a plan's text into a draft [`Plan`] and a [`Review`] of
//! how each part was read.
//!
//! What is read:
//!
//! - the document: its number (`Số: 363 /KH-UBND`), date (`Nghệ An, ngày
//!   30 tháng 5 năm 2023`), issuer, kind (`KẾ HOẠCH`, `V/v` for a letter)
//!   and title; the documents it implements (`Thực hiện …`) and cites (every
//!   citation [`find_citations`](crate::doc::find_citations) finds); its
//!   period (from its title's `năm 2023` or `giai đoạn 2021-2025`, else from
//!   its date to the last deadline of its targets);
//! - targets, from the sentences of its `mục tiêu cụ thể` / `chỉ tiêu`
//!   section (or, in a text without one, from every sentence that reads as
//!   a target): each clause is read by
//!   [`TargetPhrase::read`](crate::plan::TargetPhrase::read); enumerations
//!   are split ("khoảng 1.200 hợp tác xã với khoảng 278.000 thành viên" is a
//!   count and a sum); "trong đó" makes a child of the target before it; the
//!   deadline is the clause's own year, else its sentence's (also when the
//!   clause stating it does not read), its heading's (`2.1. Đến năm
//!   2030`), or the end of the plan's period; the subject words give the
//!   [`Measure`](crate::Measure) the catalogue uses for the same thing;
//!   money per month ("6 triệu đồng/tháng") is
//!   [`Unit::VndPerMonth`](crate::plan::Unit::VndPerMonth); targets asked
//!   of places become [`Target::places`](crate::Target::places): "mỗi xã có
//!   ít nhất 01 HTX" (every place), "bình quân mỗi xã 2 THT" (the mean per
//!   place), "100% số xã đạt chuẩn nông thôn mới có HTX" and "tất cả các
//!   huyện đều có …" (coverage, with the places' attribute `ntm`,
//!   `ntm_nang_cao` or `ntm_kieu_mau`), each with the doubt that the
//!   inputs must list the places; "bình quân 01 THT/xã" stays a ratio to
//!   the figure `communes`, as DOMAIN.md reads it and the catalogue
//!   encodes it; members counted with `tham gia`
//!   ("25.000 thành viên tham gia 730 HTX, 320 THT") are those of the kind
//!   named right after, with a doubt; a number written in words ("hai
//!   triệu thành viên") is listed unread; the parts of a figure in
//!   parentheses ("190 HTX (115 HTX nông nghiệp, 75 HTX phi nông
//!   nghiệp)") are targets of their own, but today's figure in parentheses
//!   ("(hiện nay là 214 HTX)") is none; "trong đó" after a count is a
//!   count of its own, whose parent is that count (of several, the one of
//!   its kind; else none, said so); a growth without a base takes the one base year its
//!   sentence states ("… tăng 5%; … tăng 10% so với năm 2022"); names that
//!   hold a kind's word ("Liên minh HTX") name no kind, "01" between
//!   `bình quân` and a noun before another number ("doanh thu bình quân 01
//!   HTX hơn 2,1 tỷ đồng") means "per one", "phi nông nghiệp" is every
//!   sector but agriculture and "HTX NN" is agricultural; a scale the
//!   registry lacks ("HTX quy mô cấp tỉnh") is listed unread, as is a
//!   sentence whose year is none ("năm 20230") or which states today's
//!   figures ("Đến nay …"), each with that reason;
//! - tasks, from a task table (columns task, lead unit, cooperating units,
//!   schedule, remarks; sections in Roman numerals), else from numbered
//!   paragraphs (each running over the unnumbered paragraphs after it),
//!   else from paragraphs assigned by agency ("Sở … chủ trì, phối hợp với
//!   …"), one task a sentence, where a sentence that uses `;` as a full
//!   stop (a capital after one) gives a task a clause and a sentence of view
//!   ("Khẳng định …", "Xác định … là …") joins the task before it; a
//!   heading naming agencies ("1. Sở Tài chính:", "Giao Sở … chủ trì, phối
//!   hợp với … thực hiện các nội dung sau:", "3. Liên minh Hợp tác xã
//!   tỉnh" without its colon) covers the tasks below it, and agencies
//!   before a colon own the duty after it ("4. UBND các huyện: Chỉ đạo …");
//!   an item of the heading's level or above that names no agency ("5. Chế
//!   độ báo cáo", "III. KINH PHÍ") ends the section, so its duties get the
//!   unknown lead, never the agency before; a sentence naming its own actor
//!   is that actor's, not the section's; an assigning authority's `giao`,
//!   `yêu cầu`, `đề nghị` or `chỉ đạo` ("UBND tỉnh chỉ đạo Sở … xây dựng
//!   …") gives the task to the agencies after the verb, while a
//!   department's `chỉ đạo` is its own duty; an actor the directory lacks is
//!   created with its name when a body's noun and a capitalised name open
//!   the sentence ("Bộ Tư pháp chủ trì …", "Thường trực Ban Chỉ đạo …"); a
//!   duty's one time ("trước ngày 15/12/2024", "trong quý II/2024") is its
//!   schedule, with a doubt, and several times give none; a letter's header
//!   lines and a sentence that is mostly targets are no tasks;
//!   a task that names the role of agencies ("Phát huy vai trò, trách nhiệm
//!   của A, B …") is led by those of them the document addresses, the others
//!   cooperating; "theo hướng ngành X thống nhất quản lý" names `Sở X`;
//!   collective names ("các Hội, đoàn thể", "các hội quần chúng", "các tổ
//!   chức chính trị - xã hội") stand for the directory's mass
//!   organisations, with a doubt; agencies are resolved against the
//!   [standard directory](crate::agency::AgencyDirectory::standard_province),
//!   and an agency it lacks is created with its name as written; a task
//!   whose text names no lead takes the plan's own assignment, with a doubt
//!   quoting it, when the closing section ("Tổ chức thực hiện", "Phân công
//!   nhiệm vụ") or a line opening with `Giao` has one ("Giao Sở X chủ trì,
//!   phối hợp với … tổ chức triển khai thực hiện Kế hoạch": Sở X leads, the
//!   others cooperate; "Giao các sở, ngành, UBND cấp huyện căn cứ chức năng,
//!   nhiệm vụ … triển khai thực hiện": all of them, each within its
//!   functions); else it is led by [`UNKNOWN_LEAD`], with a doubt (which
//!   also quotes a sentence naming only the standing body, "Sở X là cơ quan
//!   thường trực", since monitoring the plan assigns no task).
//!
//! Every drafted part is a [`DraftItem`] carrying its source (byte range in
//! [`Draft::text`] and the sentence) and either a clean reading or the
//! reasons, in Vietnamese and English, it is uncertain. Sentences that look
//! like targets but do not read are listed as [`Part::Unread`], never
//! dropped. Where a reading fills in what the text leaves open (a window
//! for "thành lập mới", a bare number read as "at least"), the target also
//! records it as an assumption.
//!
//! Input: UTF-8 text (composed or decomposed; a byte-order mark is
//! dropped), Windows-1258 with the feature `encodings` ([`read_input`]),
//! and .docx with the feature `docx` ([`docx_text`]). Extracting text from
//! PDF is out of scope: convert it to text first (`pdftotext -layout`),
//! and check the tables, which PDF converters often break.
//!
//! ```
//! use hoptac::{draft, Lang};
//! let text = "Số: 12/KH-UBND\n\nHà Tĩnh, ngày 3 tháng 2 năm 2024\n\nKẾ HOẠCH\n\
//!             Phát triển kinh tế tập thể năm 2024\n\n\
//!             II. MỤC TIÊU\n2. Mục tiêu cụ thể\n\
//!             - Thành lập mới 20 hợp tác xã với khoảng 300 thành viên; trên 50% hợp tác xã đạt loại tốt, khá.\n";
//! let d = draft::draft(text, &draft::DraftOptions::default());
//! assert_eq!(d.plan.doc.as_ref().map(|n| n.to_string()).as_deref(), Some("12/KH-UBND"));
//! assert_eq!(d.plan.targets.len(), 3);
//! assert_eq!(d.plan.targets[2].threshold.to_string(), "trên 50%");
//! for item in &d.review.items {
//!     println!("{}", item.display_in(Lang::En));
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::bilingual::Bilingual;
use crate::lang::Lang;
use crate::plan::{Period, Plan, PlanId};

mod header;
mod input;
mod split;
mod subject;
mod targets;
mod tasks;
#[cfg(test)]
mod tests;

#[cfg(feature = "docx")]
pub use input::docx_text;
pub use input::{read_input, DraftInputError};
pub use tasks::UNKNOWN_LEAD;

/// Longest text [`draft`] reads, in bytes (a plan is some tens of kB).
pub const MAX_DRAFT_TEXT: usize = 4 * 1024 * 1024;

/// What the reader is told beyond the text (thông tin bổ sung): facts the
/// text may lack. Each one given is recorded in the review as given, not
/// read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftOptions {
    /// The plan's id; drafted from its number and date when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<PlanId>,
    /// The period, when the text does not say it (a news summary, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The issuer, when the text does not name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
}

/// Where a drafted part comes from (nguồn): a byte range of
/// [`Draft::text`] and the words there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Bytes of [`Draft::text`].
    pub range: Range<usize>,
    /// The sentence or clause, as written.
    pub text: String,
}

/// Which part of the plan an item drafted (phần được soạn).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Part {
    /// A field of the document: `doc`, `issued`, `issuer`, `called`,
    /// `title`, `province`, `period`.
    Document {
        /// The field's name in the plan JSON.
        field: String,
    },
    /// A document the plan implements (thực hiện).
    Implements {
        /// Its number.
        doc: String,
    },
    /// A document the plan cites (căn cứ, trích dẫn).
    Cites {
        /// Its number, or the text that did not read as one.
        doc: String,
    },
    /// A target of [`Plan::targets`].
    Target {
        /// Its id.
        id: String,
    },
    /// A task of [`Plan::tasks`].
    Task {
        /// Its id.
        id: String,
    },
    /// An agency the standard directory lacks, created with its name.
    Agency {
        /// Its id.
        id: String,
    },
    /// A sentence that looks like a target but was not read as one.
    Unread,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Part::Document { field } => write!(f, "document.{field}"),
            Part::Implements { doc } => write!(f, "implements {doc}"),
            Part::Cites { doc } => write!(f, "cites {doc}"),
            Part::Target { id } => write!(f, "target {id}"),
            Part::Task { id } => write!(f, "task {id}"),
            Part::Agency { id } => write!(f, "agency {id}"),
            Part::Unread => f.write_str("unread"),
        }
    }
}

/// One drafted part and how it was read (mục đã soạn).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftItem {
    /// What it drafted.
    pub part: Part,
    /// Where in the text.
    pub source: Source,
    /// What was read, in words.
    pub read: Bilingual,
    /// Why the reading is uncertain; empty for a clean reading.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uncertain: Vec<Bilingual>,
}

impl DraftItem {
    /// Whether the reading is clean (no reason to doubt it).
    ///
    /// ```
    /// use hoptac::{draft::{DraftItem, Part, Source}, Bilingual};
    /// let item = DraftItem {
    ///     part: Part::Unread,
    ///     source: Source { range: 0..3, text: "abc".into() },
    ///     read: Bilingual::both("", ""),
    ///     uncertain: vec![],
    /// };
    /// assert!(item.is_clean());
    /// ```
    pub fn is_clean(&self) -> bool {
        self.uncertain.is_empty()
    }

    /// The item in `lang`: the part, the words read, what was read and why
    /// it is uncertain, one line each.
    pub fn display_in(&self, lang: Lang) -> String {
        let mut out = format!(
            "[{}] {}\n  {} {}",
            self.part,
            self.source.text,
            lang.pick("→", "→"),
            self.read.get(lang)
        );
        if self.uncertain.is_empty() {
            out.push_str(lang.pick("\n  ✓ rõ ràng", "\n  ✓ clean"));
        }
        for reason in &self.uncertain {
            out.push_str(lang.pick("\n  ? ", "\n  ? "));
            out.push_str(reason.get(lang));
        }
        out
    }
}

impl fmt::Display for DraftItem {
    /// The item in English ([`DraftItem::display_in`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_in(Lang::En))
    }
}

/// How a plan's text was read, item by item (bản rà soát).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Every drafted item, in the order of the text within each kind.
    pub items: Vec<DraftItem>,
}

impl Review {
    /// The items that are uncertain or unread.
    pub fn uncertain(&self) -> impl Iterator<Item = &DraftItem> {
        self.items.iter().filter(|i| !i.is_clean())
    }

    /// The sentences that look like targets and were not read.
    pub fn unread(&self) -> impl Iterator<Item = &DraftItem> {
        self.items.iter().filter(|i| i.part == Part::Unread)
    }

    /// The review as text in `lang`, item after item.
    pub fn display_in(&self, lang: Lang) -> String {
        let items: Vec<String> = self.items.iter().map(|i| i.display_in(lang)).collect();
        items.join("\n\n")
    }

    /// The review as an HTML page in `lang`: a table of sentence, reading
    /// and doubts. Every text is escaped.
    pub fn to_html(&self, lang: Lang) -> String {
        let mut out = String::from("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>");
        out.push_str(lang.pick("Rà soát bản thảo kế hoạch", "Draft plan review"));
        out.push_str("</title><style>td{vertical-align:top;border-bottom:1px solid #ccc;padding:4px}.u{background:#fff3cd}</style></head><body><table>\n<tr><th>");
        out.push_str(lang.pick("Phần", "Part"));
        out.push_str("</th><th>");
        out.push_str(lang.pick("Câu", "Sentence"));
        out.push_str("</th><th>");
        out.push_str(lang.pick("Đã đọc", "Read"));
        out.push_str("</th><th>");
        out.push_str(lang.pick("Chưa chắc chắn", "Uncertain"));
        out.push_str("</th></tr>\n");
        for item in &self.items {
            out.push_str(if item.is_clean() {
                "<tr>"
            } else {
                "<tr class=\"u\">"
            });
            for cell in [
                item.part.to_string(),
                item.source.text.clone(),
                item.read.get(lang).to_owned(),
                item.uncertain
                    .iter()
                    .map(|r| r.get(lang).to_owned())
                    .collect::<Vec<_>>()
                    .join("; "),
            ] {
                out.push_str("<td>");
                out.push_str(&escape_html(&cell));
                out.push_str("</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table></body></html>\n");
        out
    }
}

impl fmt::Display for Review {
    /// The review in English ([`Review::display_in`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_in(Lang::En))
    }
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// A drafted plan and how it was read (bản thảo kế hoạch).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// The text read, in NFC: the [`Source`] ranges are bytes of it.
    pub text: String,
    /// The draft plan: check it (`Plan::validate`) and correct it where the
    /// review says it is uncertain.
    pub plan: Plan,
    /// How each part was read.
    pub review: Review,
}

/// Drafts a plan from its text (see the [module](self) for what it reads).
///
/// Never fails and never panics: what it cannot read is in the review. A
/// text longer than [`MAX_DRAFT_TEXT`] is cut there, and the review says so.
pub fn draft(text: &str, options: &DraftOptions) -> Draft {
    let mut text = crate::text::nfc(text).into_owned();
    let mut items = Vec::new();
    if text.len() > MAX_DRAFT_TEXT {
        let mut cut = MAX_DRAFT_TEXT;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        items.push(DraftItem {
            part: Part::Unread,
            source: Source {
                range: cut..cut,
                text: String::new(),
            },
            read: Bilingual::both(
                "văn bản bị cắt ở giới hạn độ dài",
                "the text was cut at the length limit",
            ),
            uncertain: vec![Bilingual::both(
                format!("văn bản dài hơn {MAX_DRAFT_TEXT} byte; phần sau không được đọc"),
                format!("the text is longer than {MAX_DRAFT_TEXT} bytes; the rest was not read"),
            )],
        });
    }
    let doc = split::Document::new(&text);
    let mut plan = header::read(&doc, options, &mut items);
    let read = targets::read(&doc, &mut plan, &mut items);
    header::finish_period(&mut plan, &mut items);
    targets::set_windows(&mut plan, &read.marks);
    tasks::read(&doc, &mut plan, &mut items, read.last_end);
    Draft {
        text,
        plan,
        review: Review { items },
    }
}

/// A reason of doubt, in both languages.
fn reason(vi: impl Into<String>, en: impl Into<String>) -> Bilingual {
    Bilingual::both(vi, en)
}
