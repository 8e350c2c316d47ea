//! What a whole target sentence says: [`TargetPhrase`] and its parts.
//!
//! These are readings of the plans' words, not measures: a later step maps
//! a reading to a measure of the engine (which organisations, which field).

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Direction, Threshold};
use crate::lang::{Labelled, Lang};
use crate::parse_error::ParseError;
use crate::vocab::code_enum;

code_enum! {
    /// A subject word of a target sentence (từ chỉ đối tượng): which
    /// organisations, people or qualities the sentence names, as plain
    /// recognised words. [`TargetPhrase::subjects`] lists them in the order
    /// of the sentence, each once.
    ///
    /// ```
    /// use hoptac::{plan::{Subject, TargetPhrase}, Labelled, Lang};
    /// let t = TargetPhrase::read("trên 60% HTX đạt loại tốt, khá")?;
    /// assert_eq!(t.subjects(), [Subject::Cooperative, Subject::Good, Subject::Fair]);
    /// assert_eq!(Subject::CooperativeGroup.label(Lang::Vi), "tổ hợp tác");
    /// assert_eq!(serde_json::to_string(&Subject::Union)?, r#""lhhtx""#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum Subject [23] as "subject word" in "plan::" {
        /// Hợp tác xã, HTX.
        Cooperative = "htx", vi "hợp tác xã", en "cooperative";
        /// Tổ hợp tác, THT.
        CooperativeGroup = "tht", vi "tổ hợp tác", en "cooperative group";
        /// Liên hiệp hợp tác xã, LHHTX.
        Union = "lhhtx", vi "liên hiệp hợp tác xã", en "union of cooperatives";
        /// Tổ chức kinh tế tập thể (any kind), or kinh tế tập thể.
        CollectiveOrganisation = "collective_organisation", vi "tổ chức kinh tế tập thể", en "collective economic organisation";
        /// Quỹ tín dụng nhân dân, QTDND.
        CreditFund = "credit_fund", vi "quỹ tín dụng nhân dân", en "people's credit fund";
        /// Thành viên, xã viên, tổ viên.
        Member = "member", vi "thành viên", en "member";
        /// Người lao động.
        Worker = "worker", vi "người lao động", en "worker";
        /// Dân số (the population of the place).
        Population = "population", vi "dân số", en "population";
        /// Rated good: tốt, giỏi.
        Good = "good", vi "tốt", en "good";
        /// Rated fair: khá.
        Fair = "fair", vi "khá", en "fair";
        /// Rated average: trung bình.
        Average = "average", vi "trung bình", en "average";
        /// Rated weak: yếu, kém.
        Weak = "weak", vi "yếu, kém", en "weak";
        /// Operating effectively: hoạt động (có) hiệu quả.
        Effective = "effective", vi "hoạt động hiệu quả", en "operating effectively";
        /// In value chains: chuỗi giá trị, liên kết chuỗi.
        ValueChain = "value_chain", vi "liên kết chuỗi giá trị", en "in value chains";
        /// Applying high technology: công nghệ cao.
        HighTech = "high_tech", vi "ứng dụng công nghệ cao", en "applying high technology";
        /// Digital transformation: chuyển đổi số.
        Digital = "digital", vi "chuyển đổi số", en "digital transformation";
        /// A female director: nữ giám đốc, giám đốc là nữ.
        FemaleDirector = "female_director", vi "nữ giám đốc", en "female director";
        /// Existing only on paper: (mang tính) hình thức.
        PaperOnly = "paper_only", vi "tồn tại hình thức", en "existing only on paper";
        /// Newly established: thành lập mới, phát triển mới, xây dựng mới.
        New = "new", vi "thành lập mới", en "newly established";
        /// Revenue: doanh thu.
        Revenue = "revenue", vi "doanh thu", en "revenue";
        /// Income: thu nhập.
        Income = "income", vi "thu nhập", en "income";
        /// Key or managing staff: cán bộ chủ chốt, cán bộ quản lý.
        KeyStaff = "key_staff", vi "cán bộ chủ chốt", en "key staff";
        /// Charter capital: vốn điều lệ.
        CharterCapital = "charter_capital", vi "vốn điều lệ", en "charter capital";
    }
}

code_enum! {
    /// The unit money was written in (đơn vị tiền như kế hoạch viết): the
    /// threshold's value is always in dong, and this says how to show it
    /// back ("5,5 triệu đồng", not "5.500.000 đồng").
    ///
    /// ```
    /// use hoptac::{plan::{MoneyUnit, TargetPhrase}, Labelled, Lang};
    /// let t = TargetPhrase::read("thu nhập bình quân đạt 5,5 triệu đồng/người/tháng")?;
    /// assert_eq!(t.money(), Some(MoneyUnit::MillionDong));
    /// assert_eq!(t.value_as_written().to_string(), "5.5");
    /// assert_eq!(MoneyUnit::BillionDong.label(Lang::Vi), "tỷ đồng");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum MoneyUnit [4] as "money unit" in "plan::" {
        /// Đồng.
        Dong = "dong", vi "đồng", en "VND";
        /// Nghìn đồng (a thousand dong).
        ThousandDong = "thousand_dong", vi "nghìn đồng", en "thousand VND";
        /// Triệu đồng (a million dong).
        MillionDong = "million_dong", vi "triệu đồng", en "million VND";
        /// Tỷ đồng (a billion dong).
        BillionDong = "billion_dong", vi "tỷ đồng", en "billion VND";
    }
}

impl MoneyUnit {
    /// How many dong one of this unit is.
    ///
    /// ```
    /// use hoptac::plan::MoneyUnit;
    /// assert_eq!(MoneyUnit::MillionDong.factor(), 1_000_000);
    /// ```
    pub const fn factor(self) -> u64 {
        match self {
            MoneyUnit::Dong => 1,
            MoneyUnit::ThousandDong => 1_000,
            MoneyUnit::MillionDong => 1_000_000,
            MoneyUnit::BillionDong => 1_000_000_000,
        }
    }

    /// The unit whose factor is `factor`, if one is.
    pub(super) fn from_factor(factor: u64) -> Option<MoneyUnit> {
        MoneyUnit::ALL.into_iter().find(|m| m.factor() == factor)
    }
}

/// What a value is per (trên mỗi …), after a `/` or `mỗi`: `25 thành
/// viên/hợp tác xã` is per organisation, `5,5 triệu đồng/người/tháng` per
/// person and per month.
///
/// A per-place denominator (`01 tổ hợp tác/xã`) is the threshold's unit
/// ([`Unit::PerUnit`](crate::plan::Unit::PerUnit)), not one of these.
///
/// ```
/// use hoptac::plan::{Per, TargetPhrase};
/// let t = TargetPhrase::read("bình quân 25 thành viên/hợp tác xã")?;
/// assert_eq!(t.per(), [Per::Organisation]);
/// assert_eq!(serde_json::to_string(&Per::Month)?, r#"{"kind":"month"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Per {
    /// Per organisation (/hợp tác xã, /HTX, mỗi hợp tác xã): a mean over
    /// the organisations, not a ratio to an external figure.
    Organisation,
    /// Per person (/người).
    Person,
    /// Per household (/hộ).
    Household,
    /// Per month (/tháng): twelve of it make the yearly amount.
    Month,
    /// Per year (/năm).
    Year,
    /// Any other word after `/`, as written.
    Other {
        /// The word, lowercase.
        word: String,
    },
}

impl Labelled for Per {
    fn label(&self, lang: Lang) -> &str {
        let (vi, en) = match self {
            Per::Organisation => ("mỗi tổ chức", "per organisation"),
            Per::Person => ("mỗi người", "per person"),
            Per::Household => ("mỗi hộ", "per household"),
            Per::Month => ("mỗi tháng", "per month"),
            Per::Year => ("mỗi năm", "per year"),
            Per::Other { word } => return word,
        };
        lang.pick(vi, en)
    }
}

/// A change the sentence sets as its target, rather than a level (mức
/// tăng, giảm): the threshold is then the rate of change, in percent.
///
/// ```
/// use hoptac::plan::{Direction, GrowthPhrase, TargetPhrase};
/// let t = TargetPhrase::read("doanh thu tăng tối thiểu 8% so với năm 2021")?;
/// assert_eq!(t.growth(), Some(&GrowthPhrase::SinceYear { year: 2021, direction: Direction::Rising }));
/// let t = TargetPhrase::read("tăng bình quân 6,5%/năm")?;
/// assert_eq!(t.growth(), Some(&GrowthPhrase::Yearly { direction: Direction::Rising }));
/// assert_eq!(
///     serde_json::to_string(&GrowthPhrase::SinceYear { year: 2021, direction: Direction::Rising })?,
///     r#"{"kind":"since_year","year":2021,"direction":"rising"}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum GrowthPhrase {
    /// Against the value at the end of a base year (tăng X% so với năm Y):
    /// met when the value is at least (1 + X/100) times the base value
    /// (at most (1 − X/100) times it when falling).
    SinceYear {
        /// The base year.
        year: i32,
        /// Rising (tăng) or falling (giảm).
        direction: Direction,
    },
    /// Against the year before (so với năm trước, so với cùng kỳ).
    SincePreviousYear {
        /// Rising (tăng) or falling (giảm).
        direction: Direction,
    },
    /// Average yearly growth (tăng bình quân X%/năm, tăng X%/năm, tốc độ
    /// tăng trưởng bình quân X%/năm): compounded over the years of the
    /// period.
    Yearly {
        /// Rising (tăng) or falling (giảm).
        direction: Direction,
    },
}

impl GrowthPhrase {
    /// Whether the target is a rise or a fall.
    ///
    /// ```
    /// use hoptac::plan::{Direction, TargetPhrase};
    /// let t = TargetPhrase::read("giảm 10% so với năm 2020")?;
    /// assert_eq!(t.growth().map(|g| g.direction()), Some(Direction::Falling));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn direction(&self) -> Direction {
        match self {
            GrowthPhrase::SinceYear { direction, .. }
            | GrowthPhrase::SincePreviousYear { direction }
            | GrowthPhrase::Yearly { direction } => *direction,
        }
    }

    /// The growth in `lang`: `so với năm 2021`, `against 2021`, `mỗi năm`,
    /// `per year` ...
    ///
    /// ```
    /// use hoptac::{Lang, plan::{Direction, GrowthPhrase}};
    /// let g = GrowthPhrase::SinceYear { year: 2021, direction: Direction::Rising };
    /// assert_eq!(g.display_in(Lang::Vi), "tăng so với năm 2021");
    /// assert_eq!(g.display_in(Lang::En), "rise against 2021");
    /// ```
    pub fn display_in(&self, lang: Lang) -> String {
        let change = match (self.direction(), lang) {
            (Direction::Rising, Lang::Vi) => "tăng",
            (Direction::Falling, Lang::Vi) => "giảm",
            (Direction::Rising, Lang::En) => "rise",
            (Direction::Falling, Lang::En) => "fall",
        };
        match (self, lang) {
            (GrowthPhrase::SinceYear { year, .. }, Lang::Vi) => {
                format!("{change} so với năm {year}")
            }
            (GrowthPhrase::SinceYear { year, .. }, Lang::En) => format!("{change} against {year}"),
            (GrowthPhrase::SincePreviousYear { .. }, Lang::Vi) => {
                format!("{change} so với năm trước")
            }
            (GrowthPhrase::SincePreviousYear { .. }, Lang::En) => {
                format!("{change} against the year before")
            }
            (GrowthPhrase::Yearly { .. }, Lang::Vi) => format!("{change} bình quân mỗi năm"),
            (GrowthPhrase::Yearly { .. }, Lang::En) => format!("average yearly {change}"),
        }
    }
}

code_enum! {
    /// What a number that is not the target says (vì sao một con số không
    /// phải chỉ tiêu): see [`Qualifier`].
    ///
    /// ```
    /// use hoptac::{plan::QualifierKind, Labelled, Lang};
    /// assert_eq!(QualifierKind::Age.label(Lang::Vi), "tuổi");
    /// ```
    pub enum QualifierKind [3] as "qualifier kind" in "plan::" {
        /// An age (dưới 35 tuổi).
        Age = "age", vi "tuổi", en "age";
        /// A duration (trên 3 năm, 12 tháng).
        Duration = "duration", vi "thời gian", en "duration";
        /// A size or amount describing which organisations (hợp tác xã có
        /// trên 200 thành viên, có doanh thu từ 5 tỷ đồng trở lên).
        Size = "size", vi "quy mô", en "size";
    }
}

/// A number of the sentence that describes who is counted, not the
/// target: "HTX có trên 200 thành viên", "cán bộ dưới 35 tuổi".
///
/// ```
/// use hoptac::plan::{QualifierKind, TargetPhrase};
/// let t = TargetPhrase::read("50% hợp tác xã có trên 200 thành viên đạt loại khá")?;
/// assert_eq!(t.threshold().to_string(), "ít nhất 50%");
/// let q = &t.qualifiers()[0];
/// assert_eq!((q.kind(), q.text()), (QualifierKind::Size, "trên 200 thành viên"));
/// assert_eq!(q.threshold().map(|t| t.to_string()), Some("trên 200 thành viên".to_owned()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Qualifier {
    kind: QualifierKind,
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    threshold: Option<Threshold>,
}

impl Qualifier {
    pub(super) fn new(kind: QualifierKind, text: String, threshold: Option<Threshold>) -> Self {
        Qualifier {
            kind,
            text,
            threshold,
        }
    }

    /// What the number says.
    pub fn kind(&self) -> QualifierKind {
        self.kind
    }

    /// The words of the sentence, from the comparator to the unit.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The words read as a threshold (`trên 200 thành viên`), when they
    /// read as one: what a size filter on the organisations would compare.
    pub fn threshold(&self) -> Option<&Threshold> {
        self.threshold.as_ref()
    }
}

/// What a whole target sentence (câu chỉ tiêu) says, read exactly, or
/// refused: the threshold, whether it is a change (growth), the deadline,
/// what the value is per, who is counted (subject words), which numbers
/// only describe them, and a per-place quantifier.
///
/// [`TargetPhrase::read`] reads a sentence or clause of any length; see it
/// for what it reads and what it refuses. Serialized, a reading keeps its
/// sentence and every part; deserializing reads the sentence again and
/// refuses parts that differ from what it says.
///
/// ```
/// use hoptac::plan::{TargetPhrase, Subject};
/// let t = TargetPhrase::read("Năm 2024, tỉnh phấn đấu thành lập mới 12 HTX")?;
/// assert_eq!(t.threshold().to_string(), "ít nhất 12 tổ chức");
/// assert_eq!(t.deadline(), Some(2024));
/// assert_eq!(t.subjects(), [Subject::New, Subject::Cooperative]);
/// let json = serde_json::to_string(&t)?;
/// assert_eq!(serde_json::from_str::<TargetPhrase>(&json)?, t);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "TargetPhraseRepr")]
pub struct TargetPhrase {
    pub(super) text: String,
    pub(super) threshold: Threshold,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) money: Option<MoneyUnit>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) per: Vec<Per>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) growth: Option<GrowthPhrase>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) deadline: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) since: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) each: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) qualifiers: Vec<Qualifier>,
    pub(super) subjects: Vec<Subject>,
}

/// The JSON form of a [`TargetPhrase`], checked against its sentence.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetPhraseRepr {
    text: String,
    threshold: Threshold,
    #[serde(default)]
    money: Option<MoneyUnit>,
    #[serde(default)]
    per: Vec<Per>,
    #[serde(default)]
    growth: Option<GrowthPhrase>,
    #[serde(default)]
    deadline: Option<i32>,
    #[serde(default)]
    since: Option<i32>,
    #[serde(default)]
    each: Option<String>,
    #[serde(default)]
    qualifiers: Vec<Qualifier>,
    subjects: Vec<Subject>,
}

impl TryFrom<TargetPhraseRepr> for TargetPhrase {
    type Error = ParseError;

    fn try_from(r: TargetPhraseRepr) -> Result<Self, Self::Error> {
        let read = TargetPhrase::read(&r.text)?;
        let given = TargetPhrase {
            text: r.text,
            threshold: r.threshold,
            money: r.money,
            per: r.per,
            growth: r.growth,
            deadline: r.deadline,
            since: r.since,
            each: r.each,
            qualifiers: r.qualifiers,
            subjects: r.subjects,
        };
        if given == read {
            Ok(read)
        } else {
            let problem = format!(
                "the parts given for `{}` differ from what it says ({read})",
                crate::parse_error::quote(&given.text)
            );
            let problem_vi = format!("các phần đã cho khác với điều câu nói ({read})");
            Err(ParseError::invalid(
                super::sentence::WHAT,
                &given.text,
                (problem, problem_vi),
                (
                    "the parts `TargetPhrase::read` gives for the sentence",
                    "các phần mà `TargetPhrase::read` đọc được từ câu",
                ),
            ))
        }
    }
}

impl TargetPhrase {
    /// Reads a target sentence or clause of any length (up to 4096 bytes),
    /// or refuses it, saying which part it did not understand.
    ///
    /// Decomposed (NFD) text reads exactly as composed text. Not values:
    /// document numbers (`363/KH-UBND`, `45/2021/NĐ-CP`), dates
    /// (`30/5/2023`, `ngày 30 tháng 5 năm 2023`), list labels (`1.`,
    /// `Điều 3`) and years: `đến năm 2030`, `Năm 2024, …`, `đến hết năm
    /// 2025`, `giai đoạn 2021-2025` give the [deadline](Self::deadline)
    /// (and the [start](Self::since) of a period), `so với năm 2021` a base
    /// year, and a law's year (`Luật Hợp tác xã năm 2012`) nothing.
    ///
    /// Every other number is a quantity read as [`Threshold::from_vietnamese`]
    /// reads it (comparator words, Vietnamese numbers `1.200`, `6,5`, `01`,
    /// ranges, units), and then:
    ///
    /// - `tăng`/`giảm` before it (with `bình quân`, `tối thiểu` … between),
    ///   or `tăng trưởng` earlier in the clause, make it a [`GrowthPhrase`]: `so
    ///   với năm Y` against a base year, `/năm`, `mỗi năm` or `hằng năm`
    ///   average yearly growth, `so với năm trước` or `cùng kỳ` against the
    ///   year before; a growth without a base, or not in percent, is refused;
    /// - an age (`35 tuổi`), a duration (`3 năm`) or a size after
    ///   "(organisations) có" (`hợp tác xã có trên 200 thành viên`) is a
    ///   [`Qualifier`], not the target;
    /// - `/hợp tác xã` or `mỗi hợp tác xã` after members or money is
    ///   [`Per::Organisation`]; after organisations `/` is "or" between
    ///   kinds; `/tháng`, `/người`, `/năm` are kept in [`Self::per`]; money
    ///   keeps the [unit it was written in](Self::money);
    /// - `mỗi xã`, `mỗi huyện` … before it is a per-place quantifier
    ///   ([`Self::each`]).
    ///
    /// The one quantity left is the target. Without any, `không còn` (none
    /// left) and `đều`/`tất cả` (all) are read as [`Threshold::from_vietnamese`]
    /// reads them.
    ///
    /// # Errors
    ///
    /// [`ParseError`] naming the part when the sentence is empty or too
    /// long; holds two candidate numbers for the target (`Phát triển mới 80
    /// Tổ hợp tác, đạt bình quân 01 Tổ hợp tác/xã`); two deadlines; a month
    /// as the deadline; `trước năm Y`; a growth without a base or not in
    /// percent; a rate per year without `tăng`; a base year for a level;
    /// only qualifiers and no target; or a quantity the threshold reader
    /// refuses.
    ///
    /// ```
    /// use hoptac::plan::{GrowthPhrase, Direction, Per, Subject, TargetPhrase};
    /// use rust_decimal::Decimal;
    /// let t = TargetPhrase::read("đến năm 2030 có 150 HTX")?;
    /// assert_eq!((t.threshold().to_string().as_str(), t.deadline()), ("ít nhất 150 tổ chức", Some(2030)));
    ///
    /// let t = TargetPhrase::read("tăng bình quân 6,5%/năm giai đoạn 2021-2025")?;
    /// assert_eq!(t.growth(), Some(&GrowthPhrase::Yearly { direction: Direction::Rising }));
    /// assert_eq!((t.since(), t.deadline()), (Some(2021), Some(2025)));
    /// assert_eq!(t.threshold().value(), "6.5".parse::<Decimal>()?);
    ///
    /// let t = TargetPhrase::read("mỗi xã có ít nhất 01 hợp tác xã")?;
    /// assert_eq!(t.each(), Some("xã"));
    ///
    /// let err = TargetPhrase::read("Phát triển mới 80 Tổ hợp tác, đạt bình quân 01 Tổ hợp tác/xã").unwrap_err();
    /// assert!(err.to_string().starts_with("two candidate numbers for the target, `80 Tổ hợp tác` and `01 Tổ hợp tác/xã`"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read(text: &str) -> Result<TargetPhrase, ParseError> {
        super::sentence::read(text)
    }

    /// Reads every target of a sentence (đọc mọi chỉ tiêu trong câu): a
    /// sentence [`TargetPhrase::read`] reads is one part; a sentence it
    /// refuses for holding several targets is cut before each target at
    /// `,`, `;`, `và`, `với` or `trong đó`, and each part is read on its
    /// own. A part that starts with its quantity is an item of a list and
    /// takes the words before the list (`Phấn đấu đến năm 2025 hỗ trợ thành
    /// lập mới`); a part after `trong đó` (of which) is linked to the part
    /// before it ([`TargetPart::within`]). A part's deadline is its own
    /// (`đến năm 2025 đạt 60% và đến năm 2030 đạt 80%`), else that of its
    /// list, else the sentence's single one.
    ///
    /// # Errors
    ///
    /// [`ParseError`] naming the part when a part is refused or reads as
    /// another quantity than the sentence's, and the refusal of
    /// [`TargetPhrase::read`] when nothing separates two targets
    /// (`25.000 thành viên tham gia 730 hợp tác xã`).
    ///
    /// ```
    /// use hoptac::plan::TargetPhrase;
    /// let text = "Phấn đấu đến năm 2025 hỗ trợ thành lập mới 100 hợp tác xã, 200 tổ hợp tác";
    /// let parts = TargetPhrase::read_all(text)?;
    /// let read: Vec<(String, Option<i32>, &str)> = parts
    ///     .iter()
    ///     .map(|p| (p.reading().threshold().to_string(), p.deadline(), &text[p.range()]))
    ///     .collect();
    /// assert_eq!(read, [
    ///     ("ít nhất 100 tổ chức".to_owned(), Some(2025), "Phấn đấu đến năm 2025 hỗ trợ thành lập mới 100 hợp tác xã"),
    ///     ("ít nhất 200 tổ chức".to_owned(), Some(2025), "200 tổ hợp tác"),
    /// ]);
    ///
    /// let parts = TargetPhrase::read_all("trên 90% tổ chức kinh tế tập thể hoạt động hiệu quả, trong đó có ít nhất 75% tham gia các chuỗi liên kết")?;
    /// assert_eq!(parts[1].within(), Some(0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read_all(text: &str) -> Result<Vec<TargetPart>, ParseError> {
        super::sentence::read_all(text)
    }

    /// The sentence, in composed (NFC) form, trimmed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The threshold: comparator, value (money in dong), unit and, for a
    /// range, the aspiration. For a growth target it is the rate of
    /// change, in percent.
    pub fn threshold(&self) -> &Threshold {
        &self.threshold
    }

    /// The unit money was written in, for a money value.
    pub fn money(&self) -> Option<MoneyUnit> {
        self.money
    }

    /// The value in the unit the sentence wrote it in: `5,5` for "5,5
    /// triệu đồng" (the threshold holds 5.500.000 dong); the threshold's
    /// value for anything but money.
    pub fn value_as_written(&self) -> Decimal {
        let value = self.threshold.value();
        match self.money {
            Some(m) => value
                .checked_div(Decimal::from(m.factor()))
                .unwrap_or(value)
                .normalize(),
            None => value,
        }
    }

    /// What the value is per, in the order written (`/người/tháng`).
    pub fn per(&self) -> &[Per] {
        &self.per
    }

    /// The change the target sets, when it is one.
    pub fn growth(&self) -> Option<&GrowthPhrase> {
        self.growth.as_ref()
    }

    /// The deadline year (đến năm 2030, năm 2024, giai đoạn 2021-2025).
    pub fn deadline(&self) -> Option<i32> {
        self.deadline
    }

    /// The first year of a period (giai đoạn 2021-2025, từ năm 2021).
    pub fn since(&self) -> Option<i32> {
        self.since
    }

    /// A per-place quantifier: the place word after `mỗi` (mỗi xã có ít
    /// nhất 01 HTX: `xã`), when the target holds in every place.
    pub fn each(&self) -> Option<&str> {
        self.each.as_deref()
    }

    /// The numbers that describe who is counted rather than set the target.
    pub fn qualifiers(&self) -> &[Qualifier] {
        &self.qualifiers
    }

    /// The subject words seen, in the order of the sentence, each once.
    pub fn subjects(&self) -> &[Subject] {
        &self.subjects
    }

    /// The reading in `lang`, part by part: `ít nhất 12 tổ chức; hạn năm
    /// 2024; hợp tác xã, thành lập mới` / `at least 12 organisations; by
    /// 2024; cooperative, newly established`.
    ///
    /// ```
    /// use hoptac::{Lang, plan::TargetPhrase};
    /// let t = TargetPhrase::read("đến năm 2030 có 150 HTX")?;
    /// assert_eq!(t.display_in(Lang::En), "at least 150 organisations; by 2030; cooperative");
    /// assert_eq!(t.to_string(), "ít nhất 150 tổ chức; đến năm 2030; hợp tác xã");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn display_in(&self, lang: Lang) -> String {
        let mut parts = vec![self.threshold.display_in(lang)];
        if let Some(g) = &self.growth {
            parts.push(g.display_in(lang));
        }
        for p in &self.per {
            parts.push(p.label(lang).to_owned());
        }
        if let Some(place) = &self.each {
            parts.push(lang.pick(format!("mỗi {place}"), format!("in every {place}")));
        }
        match (self.since, self.deadline, lang) {
            (Some(a), Some(b), Lang::Vi) => parts.push(format!("giai đoạn {a}-{b}")),
            (Some(a), Some(b), Lang::En) => parts.push(format!("{a} to {b}")),
            (None, Some(b), Lang::Vi) => parts.push(format!("đến năm {b}")),
            (None, Some(b), Lang::En) => parts.push(format!("by {b}")),
            (Some(a), None, Lang::Vi) => parts.push(format!("từ năm {a}")),
            (Some(a), None, Lang::En) => parts.push(format!("from {a}")),
            (None, None, _) => {}
        }
        for q in &self.qualifiers {
            parts.push(format!("{}: {}", q.kind.label(lang), q.text));
        }
        if !self.subjects.is_empty() {
            let words: Vec<&str> = self.subjects.iter().map(|s| s.label(lang)).collect();
            parts.push(words.join(", "));
        }
        parts.join("; ")
    }
}

impl fmt::Display for TargetPhrase {
    /// The reading in Vietnamese ([`TargetPhrase::display_in`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_in(Lang::Vi))
    }
}

impl std::str::FromStr for TargetPhrase {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TargetPhrase::read(s)
    }
}

/// One target of a sentence that states several (một chỉ tiêu trong câu),
/// as [`TargetPhrase::read_all`] reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetPart {
    pub(super) range: std::ops::Range<usize>,
    pub(super) reading: TargetPhrase,
    pub(super) within: Option<usize>,
    pub(super) deadline: Option<i32>,
}

impl TargetPart {
    /// The part's bytes in the sentence's composed (NFC) form, which is the
    /// sentence itself when it was given composed.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.range.clone()
    }

    /// The part's reading: comparator, value, unit, subject words. Its
    /// [`TargetPhrase::text`] is the part, after the words before the list
    /// when it is a list item, so that it reads alone to the same reading.
    pub fn reading(&self) -> &TargetPhrase {
        &self.reading
    }

    /// For a part after `trong đó` (of which), the index of the part it is
    /// a share of; `None` for the others.
    pub fn within(&self) -> Option<usize> {
        self.within
    }

    /// The part's deadline year: its own, or the sentence's when the
    /// sentence names one (`Đến năm 2030, ...`).
    pub fn deadline(&self) -> Option<i32> {
        self.deadline
    }
}
