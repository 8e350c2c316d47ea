//! Document type codes (mã loại văn bản) and the names documents are called by.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::lang::{Labelled, Lang};
use crate::parse_error::ParseError;

/// Longest document name [`DocType::from_name`] looks at, in bytes.
const MAX_NAME_LEN: usize = 256;

macro_rules! doc_types {
    ($($(#[$doc:meta])* $variant:ident = $code:literal, $vi:literal, $en:literal;)*) => {
        /// The type code of a document (mã loại văn bản): the `KH` in `363/KH-UBND`.
        ///
        /// The first 27 codes are those of Decree 30/2020/NĐ-CP, appendix III,
        /// for administrative documents ([`DocType::is_administrative`]); the
        /// others are codes of normative legal documents (`NĐ`, `TT`, `TTLT`),
        /// of Party documents (`KL`), consolidated texts (`VBHN`), the
        /// President's orders (`L`) and the verification reports of People's Councils (`BCTT`). Party
        /// documents use the administrative codes too (`20-NQ/TW`,
        /// `50-CTr/TU`).
        ///
        /// Parsing takes the exact code. The codes with `Đ` are also accepted
        /// in ASCII with `D` where that spelling is no other code: `QD` (QĐ),
        /// `QyD` (QyĐ), `CD` (CĐ) and `ND` (NĐ). `DA` stays *dự án* (not `ĐA`)
        /// and `HD` stays *hướng dẫn* (not `HĐ`). Serialized as the code.
        ///
        /// ```
        /// use hoptac::{doc::DocType, Labelled, Lang};
        /// let t: DocType = "CTr".parse()?;
        /// assert_eq!(t, DocType::Programme);
        /// assert_eq!(t.code(), "CTr");
        /// assert_eq!(t.label(Lang::Vi), "Chương trình");
        /// assert_eq!("QD".parse::<DocType>()?, DocType::Decision);
        /// assert_eq!("DA".parse::<DocType>()?, DocType::Project);
        /// assert_eq!(DocType::from_name("KẾ HOẠCH"), Some(DocType::Plan));
        /// assert!("XY".parse::<DocType>().is_err());
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(try_from = "String", into = "String")]
        #[non_exhaustive]
        pub enum DocType {
            $($(#[$doc])* $variant,)*
        }

        impl DocType {
            /// Every type, the 27 administrative codes first in the order of
            /// the decree's appendix.
            ///
            /// ```
            /// use hoptac::doc::DocType;
            /// assert_eq!(DocType::ALL.len(), 34);
            /// assert!(DocType::ALL.contains(&DocType::Plan));
            /// assert!(DocType::ALL.iter().take(27).all(|t| t.is_administrative()));
            /// assert!(DocType::ALL.iter().skip(27).all(|t| !t.is_administrative()));
            /// ```
            pub const ALL: &'static [DocType] = &[$(DocType::$variant,)*];

            /// The code exactly as written in document numbers: `QĐ`, `CTr`.
            ///
            /// ```
            /// assert_eq!(hoptac::doc::DocType::Regulation.code(), "QyĐ");
            /// ```
            pub const fn code(self) -> &'static str {
                match self {
                    $(DocType::$variant => $code,)*
                }
            }

            /// The Vietnamese name: `Quyết định`.
            ///
            /// ```
            /// assert_eq!(hoptac::doc::DocType::Decision.name_vi(), "Quyết định");
            /// ```
            pub const fn name_vi(self) -> &'static str {
                match self {
                    $(DocType::$variant => $vi,)*
                }
            }

            /// The English name: `Decision`.
            ///
            /// ```
            /// assert_eq!(hoptac::doc::DocType::Decision.name_en(), "Decision");
            /// ```
            pub const fn name_en(self) -> &'static str {
                match self {
                    $(DocType::$variant => $en,)*
                }
            }
        }
    };
}

doc_types! {
    /// Nghị quyết (`NQ`): resolution.
    Resolution = "NQ", "Nghị quyết", "Resolution";
    /// Quyết định (`QĐ`): decision.
    Decision = "QĐ", "Quyết định", "Decision";
    /// Chỉ thị (`CT`): directive.
    Directive = "CT", "Chỉ thị", "Directive";
    /// Quy chế (`QC`): rules (of an organisation or activity).
    Rules = "QC", "Quy chế", "Rules";
    /// Quy định (`QyĐ`): regulation.
    Regulation = "QyĐ", "Quy định", "Regulation";
    /// Thông cáo (`TC`): communiqué.
    Communique = "TC", "Thông cáo", "Communiqué";
    /// Thông báo (`TB`): notice.
    Notice = "TB", "Thông báo", "Notice";
    /// Hướng dẫn (`HD`): guidance.
    Guidance = "HD", "Hướng dẫn", "Guidance";
    /// Chương trình (`CTr`): programme (a Party action programme too).
    Programme = "CTr", "Chương trình", "Programme";
    /// Kế hoạch (`KH`): plan.
    Plan = "KH", "Kế hoạch", "Plan";
    /// Phương án (`PA`): scheme (an option for carrying something out).
    Scheme = "PA", "Phương án", "Scheme";
    /// Đề án (`ĐA`): proposal (a scheme put forward for approval).
    Proposal = "ĐA", "Đề án", "Proposal";
    /// Dự án (`DA`): project.
    Project = "DA", "Dự án", "Project";
    /// Báo cáo (`BC`): report.
    Report = "BC", "Báo cáo", "Report";
    /// Biên bản (`BB`): minutes.
    Minutes = "BB", "Biên bản", "Minutes";
    /// Tờ trình (`TTr`): submission (asking a superior to approve).
    Submission = "TTr", "Tờ trình", "Submission";
    /// Hợp đồng (`HĐ`): contract.
    Contract = "HĐ", "Hợp đồng", "Contract";
    /// Công điện (`CĐ`): official telegram (urgent dispatch).
    Telegram = "CĐ", "Công điện", "Official telegram";
    /// Bản ghi nhớ (`BGN`): memorandum of understanding.
    Memorandum = "BGN", "Bản ghi nhớ", "Memorandum of understanding";
    /// Bản thỏa thuận (`BTT`): agreement.
    Agreement = "BTT", "Bản thỏa thuận", "Agreement";
    /// Giấy ủy quyền (`GUQ`): power of attorney.
    PowerOfAttorney = "GUQ", "Giấy ủy quyền", "Power of attorney";
    /// Giấy mời (`GM`): invitation.
    Invitation = "GM", "Giấy mời", "Invitation";
    /// Giấy giới thiệu (`GGT`): letter of introduction.
    LetterOfIntroduction = "GGT", "Giấy giới thiệu", "Letter of introduction";
    /// Giấy nghỉ phép (`GNP`): leave permit.
    LeavePermit = "GNP", "Giấy nghỉ phép", "Leave permit";
    /// Phiếu gửi (`PG`): dispatch slip.
    DispatchSlip = "PG", "Phiếu gửi", "Dispatch slip";
    /// Phiếu chuyển (`PC`): transfer slip.
    TransferSlip = "PC", "Phiếu chuyển", "Transfer slip";
    /// Phiếu báo (`PB`): notification slip.
    NotificationSlip = "PB", "Phiếu báo", "Notification slip";
    /// Nghị định (`NĐ`): decree of the Government (normative).
    Decree = "NĐ", "Nghị định", "Decree";
    /// Thông tư (`TT`): circular of a ministry (normative).
    Circular = "TT", "Thông tư", "Circular";
    /// Thông tư liên tịch (`TTLT`): joint circular of several ministries (normative).
    JointCircular = "TTLT", "Thông tư liên tịch", "Joint circular";
    /// Kết luận (`KL`): conclusion (of a Party body).
    Conclusion = "KL", "Kết luận", "Conclusion";
    /// Văn bản hợp nhất (`VBHN`): consolidated text of a normative document
    /// and its amendments (`01/VBHN-BKHĐT`).
    ConsolidatedText = "VBHN", "Văn bản hợp nhất", "Consolidated text";
    /// Lệnh (`L`): order of the President (`04/2023/L-CTN`, which promulgates
    /// a law).
    Order = "L", "Lệnh", "Order";
    /// Báo cáo thẩm tra (`BCTT`): verification report, by which a committee
    /// of a People's Council examines a draft before the session; not in
    /// the decree's appendix, a kind of [`DocType::Report`].
    VerificationReport = "BCTT", "Báo cáo thẩm tra", "Verification report";
}

/// Number of administrative codes of Decree 30/2020/NĐ-CP, appendix III: the
/// first entries of [`DocType::ALL`].
const ADMINISTRATIVE_COUNT: usize = 27;

/// Other names a type is called by (old-style tone marks, longer names).
const NAME_ALIASES: &[(&str, DocType)] = &[
    ("chương trình hành động", DocType::Programme),
    ("kế hoạch hành động", DocType::Plan),
    ("bản thoả thuận", DocType::Agreement),
    ("giấy uỷ quyền", DocType::PowerOfAttorney),
];

impl DocType {
    /// Whether this is one of the 27 administrative codes of Decree
    /// 30/2020/NĐ-CP, appendix III (the others are normative or Party codes).
    ///
    /// ```
    /// use hoptac::doc::DocType;
    /// assert!(DocType::Plan.is_administrative());
    /// assert!(!DocType::Decree.is_administrative());
    /// ```
    pub fn is_administrative(self) -> bool {
        DocType::ALL
            .iter()
            .take(ADMINISTRATIVE_COUNT)
            .any(|&t| t == self)
    }

    /// The broader type this one is a kind of: [`DocType::Report`] for a
    /// verification report (`BCTT`), the type itself otherwise. A document
    /// called "Báo cáo" whose number says `BCTT` is consistent.
    ///
    /// ```
    /// use hoptac::doc::DocType;
    /// assert_eq!(DocType::VerificationReport.base(), DocType::Report);
    /// assert_eq!(DocType::Plan.base(), DocType::Plan);
    /// ```
    pub fn base(self) -> DocType {
        match self {
            DocType::VerificationReport => DocType::Report,
            t => t,
        }
    }

    /// The type a document is called by (`Kế hoạch`, `KẾ HOẠCH`, `kế  hoạch`):
    /// case-insensitive (Unicode lowercase), spaces collapsed. Also knows
    /// `Chương trình hành động` (CTr) and `Kế hoạch hành động` (KH), and the
    /// old-style tone marks `thoả`, `uỷ`. Text must be in precomposed
    /// Unicode (NFC), as Vietnamese text usually is.
    ///
    /// `None` for unknown names, and for names of documents without a type
    /// code such as `Công văn`: use [`DocKind::from_name`] to tell those apart.
    ///
    /// ```
    /// use hoptac::doc::DocType;
    /// assert_eq!(DocType::from_name(" Chương trình  hành động "), Some(DocType::Programme));
    /// assert_eq!(DocType::from_name("Công văn"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<DocType> {
        let name = crate::text::nfc_within(name, MAX_NAME_LEN).ok()?;
        let wanted = normalise_name(&name);
        DocType::ALL
            .iter()
            .copied()
            .find(|t| normalise_name(t.name_vi()) == wanted)
            .or_else(|| {
                NAME_ALIASES
                    .iter()
                    .find(|(alias, _)| *alias == wanted)
                    .map(|&(_, t)| t)
            })
    }
}

/// NFC, lowercase, whitespace collapsed.
fn normalise_name(name: &str) -> String {
    crate::text::lowercase_nfc(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The code of a Party-form number without a type: an official letter
/// (công văn), `123-CV/TU`.
pub(super) const PARTY_LETTER_CODE: &str = "CV";

/// The code a Party-form number writes for `t`: the Party's own `QĐi` for a
/// regulation, the type's code otherwise.
pub(super) fn party_code(t: DocType) -> &'static str {
    match t {
        DocType::Regulation => "QĐi",
        t => t.code(),
    }
}

/// The codes that mean something else in a Party-form number than
/// elsewhere, which this crate does not read: `TT` is a thông tri
/// (instruction) there, never a circular.
pub(super) const PARTY_UNREAD_CODES: &[&str] = &["TT"];

/// Reads the type code of a Party-form number: `Some(None)` for `CV` (an
/// official letter), `QĐi` as a regulation, then the codes [`lookup_code`]
/// knows, except [`PARTY_UNREAD_CODES`].
pub(super) fn lookup_party_code(code: &str) -> Option<Option<DocType>> {
    match code {
        PARTY_LETTER_CODE => Some(None),
        "QĐi" | "QDi" => Some(Some(DocType::Regulation)),
        c if PARTY_UNREAD_CODES.contains(&c) => None,
        _ => lookup_code(code).map(Some),
    }
}

/// The ASCII spellings accepted for codes with `Đ`, where unambiguous.
const ASCII_ALIASES: &[(&str, DocType)] = &[
    ("QD", DocType::Decision),
    ("QyD", DocType::Regulation),
    ("CD", DocType::Telegram),
    ("ND", DocType::Decree),
];

/// Looks a code up exactly, then among the ASCII aliases.
pub(super) fn lookup_code(code: &str) -> Option<DocType> {
    DocType::ALL
        .iter()
        .copied()
        .find(|t| t.code() == code)
        .or_else(|| {
            ASCII_ALIASES
                .iter()
                .find(|(alias, _)| *alias == code)
                .map(|&(_, t)| t)
        })
}

/// Displays the list of known codes, comma separated, for error messages.
#[derive(Debug, Clone, Copy)]
pub(super) struct ExpectedCodes;

impl fmt::Display for ExpectedCodes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, t) in DocType::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(t.code())?;
        }
        Ok(())
    }
}

impl FromStr for DocType {
    type Err = ParseError;

    /// Reads a type code such as `QĐ` or `KH`.
    ///
    /// ```
    /// use hoptac::doc::DocType;
    /// assert_eq!("QĐ".parse::<DocType>()?, DocType::Decision);
    /// let err = "XY".parse::<DocType>().unwrap_err();
    /// assert!(err.to_string().starts_with("unknown document type code `XY`: expected one of NQ, QĐ, CT"));
    /// assert_eq!(err.what(), "document type code");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = crate::text::nfc(s);
        lookup_code(&s).ok_or_else(|| {
            let expected = (
                format!("one of {ExpectedCodes}"),
                format!("một trong {ExpectedCodes}"),
            );
            ParseError::unknown("document type code", &s, expected)
        })
    }
}

impl TryFrom<String> for DocType {
    type Error = ParseError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<DocType> for String {
    fn from(value: DocType) -> Self {
        value.code().to_owned()
    }
}

impl fmt::Display for DocType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Labelled for DocType {
    fn label(&self, lang: Lang) -> &str {
        lang.pick(self.name_vi(), self.name_en())
    }
}

/// What a document is called (tên loại văn bản): a type with a code, or one
/// of the kinds whose numbers carry no type code.
///
/// An official letter (công văn) is numbered `538/UBND-KTTH`, a law (luật)
/// `17/2023/QH15`: neither has a type code. Compare a document's name with
/// its number through [`DocRef::kind`](crate::doc::DocRef::kind).
///
/// Displayed and parsed as the Vietnamese name; serialized with a `kind` tag.
///
/// ```
/// use hoptac::{doc::DocKind, doc::DocType};
/// assert_eq!(DocKind::from_name("Công văn"), Some(DocKind::OfficialLetter));
/// assert_eq!(DocKind::from_name("Kế hoạch"), Some(DocKind::Typed { doc_type: DocType::Plan }));
/// let kind: DocKind = "công văn".parse()?;
/// assert_eq!(kind.to_string(), "Công văn");
/// assert_eq!(kind.doc_type(), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum DocKind {
    /// A document whose number carries this type code.
    Typed {
        /// The type code.
        doc_type: DocType,
    },
    /// Công văn: an official letter, numbered without a type code
    /// (`538/UBND-KTTH`).
    OfficialLetter,
    /// Luật, Bộ luật: a law or code, numbered with the year and without a type
    /// code (`17/2023/QH15`).
    Law,
}

impl DocKind {
    /// The kind a document is called by: a type name as in
    /// [`DocType::from_name`], `Công văn`, or `Luật` / `Bộ luật`; `None` for
    /// unknown names.
    ///
    /// ```
    /// use hoptac::doc::DocKind;
    /// assert_eq!(DocKind::from_name("CÔNG VĂN"), Some(DocKind::OfficialLetter));
    /// assert_eq!(DocKind::from_name("Luật"), Some(DocKind::Law));
    /// assert_eq!(DocKind::from_name("thư"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<DocKind> {
        if let Some(doc_type) = DocType::from_name(name) {
            return Some(DocKind::Typed { doc_type });
        }
        let name = crate::text::nfc_within(name, MAX_NAME_LEN).ok()?;
        match normalise_name(&name).as_str() {
            "công văn" => Some(DocKind::OfficialLetter),
            "luật" | "bộ luật" => Some(DocKind::Law),
            _ => None,
        }
    }

    /// The type code, if this kind has one.
    ///
    /// ```
    /// use hoptac::{doc::DocKind, doc::DocType};
    /// assert_eq!(DocKind::Typed { doc_type: DocType::Plan }.doc_type(), Some(DocType::Plan));
    /// assert_eq!(DocKind::Law.doc_type(), None);
    /// ```
    pub fn doc_type(self) -> Option<DocType> {
        match self {
            DocKind::Typed { doc_type } => Some(doc_type),
            DocKind::OfficialLetter | DocKind::Law => None,
        }
    }
}

impl From<DocType> for DocKind {
    fn from(doc_type: DocType) -> Self {
        DocKind::Typed { doc_type }
    }
}

impl Labelled for DocKind {
    fn label(&self, lang: Lang) -> &str {
        let (vi, en) = match self {
            DocKind::Typed { doc_type } => return doc_type.label(lang),
            DocKind::OfficialLetter => ("Công văn", "Official letter"),
            DocKind::Law => ("Luật", "Law"),
        };
        lang.pick(vi, en)
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(Lang::Vi))
    }
}

impl FromStr for DocKind {
    type Err = ParseError;

    /// Reads a document name such as `Kế hoạch` or `Quyết định`.
    ///
    /// ```
    /// use hoptac::doc::DocKind;
    /// let err = "Thư".parse::<DocKind>().unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "unknown document name `Thư`: expected a name such as `Kế hoạch`, `Quyết định` or `Công văn`"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = crate::text::nfc(s);
        DocKind::from_name(&s).ok_or_else(|| {
            let expected = (
                "a name such as `Kế hoạch`, `Quyết định` or `Công văn`",
                "một tên như `Kế hoạch`, `Quyết định` hoặc `Công văn`",
            );
            ParseError::unknown("document name", &s, expected)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn decree_30_codes_in_order() {
        let codes: Vec<&str> = DocType::ALL
            .iter()
            .filter(|t| t.is_administrative())
            .map(|t| t.code())
            .collect();
        assert_eq!(
            codes.join(" "),
            "NQ QĐ CT QC QyĐ TC TB HD CTr KH PA ĐA DA BC BB TTr HĐ CĐ BGN BTT GUQ GM GGT GNP PG PC PB"
        );
        let others: Vec<&str> = DocType::ALL
            .iter()
            .filter(|t| !t.is_administrative())
            .map(|t| t.code())
            .collect();
        assert_eq!(others, ["NĐ", "TT", "TTLT", "KL", "VBHN", "L", "BCTT"]);
    }

    #[test]
    fn codes_and_names_round_trip() {
        for &t in DocType::ALL {
            assert_eq!(t.code().parse::<DocType>().unwrap(), t);
            assert_eq!(DocType::from_name(t.name_vi()), Some(t));
            assert_eq!(DocType::from_name(&t.name_vi().to_uppercase()), Some(t));
            let kind = DocKind::from(t);
            assert_eq!(kind.to_string().parse::<DocKind>().unwrap(), kind);
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.code()));
            assert_eq!(serde_json::from_str::<DocType>(&json).unwrap(), t);
        }
    }

    #[test]
    fn ascii_aliases_only_where_unambiguous() {
        assert_eq!("QD".parse::<DocType>().unwrap(), DocType::Decision);
        assert_eq!("QyD".parse::<DocType>().unwrap(), DocType::Regulation);
        assert_eq!("CD".parse::<DocType>().unwrap(), DocType::Telegram);
        assert_eq!("ND".parse::<DocType>().unwrap(), DocType::Decree);
        assert_eq!("DA".parse::<DocType>().unwrap(), DocType::Project);
        assert_eq!("ĐA".parse::<DocType>().unwrap(), DocType::Proposal);
        assert_eq!("HD".parse::<DocType>().unwrap(), DocType::Guidance);
        assert_eq!("HĐ".parse::<DocType>().unwrap(), DocType::Contract);
        assert!("qđ".parse::<DocType>().is_err());
        assert!("CTR".parse::<DocType>().is_err());
    }

    #[test]
    fn unknown_code_error_text() {
        assert_eq!(
            "XY".parse::<DocType>().unwrap_err().to_string(),
            "unknown document type code `XY`: expected one of NQ, QĐ, CT, QC, QyĐ, TC, TB, HD, \
             CTr, KH, PA, ĐA, DA, BC, BB, TTr, HĐ, CĐ, BGN, BTT, GUQ, GM, GGT, GNP, PG, PC, PB, \
             NĐ, TT, TTLT, KL, VBHN, L, BCTT"
        );
        assert!(serde_json::from_str::<DocType>("\"XY\"").is_err());
    }

    #[test]
    fn names_from_the_seeds() {
        for (name, want) in [
            ("Kế hoạch", DocType::Plan),
            ("KẾ HOẠCH", DocType::Plan),
            ("Nghị quyết", DocType::Resolution),
            ("Chương trình hành động", DocType::Programme),
            ("CHƯƠNG TRÌNH HÀNH ĐỘNG", DocType::Programme),
            ("Kết luận", DocType::Conclusion),
            ("Chỉ thị", DocType::Directive),
            ("Quyết định", DocType::Decision),
            ("Nghị định", DocType::Decree),
            ("Thông tư", DocType::Circular),
            ("bản  thoả\tthuận", DocType::Agreement),
        ] {
            assert_eq!(DocType::from_name(name), Some(want), "{name}");
        }
        assert_eq!(DocType::from_name("Công văn"), None);
        assert_eq!(DocType::from_name(""), None);
        assert_eq!(
            DocKind::from_name("công văn"),
            Some(DocKind::OfficialLetter)
        );
        assert_eq!(DocKind::from_name("Bộ luật"), Some(DocKind::Law));
    }

    #[test]
    fn kind_json() {
        let kind = DocKind::from(DocType::Plan);
        let json = serde_json::to_string(&kind).unwrap();
        assert_eq!(json, r#"{"kind":"typed","doc_type":"KH"}"#);
        assert_eq!(serde_json::from_str::<DocKind>(&json).unwrap(), kind);
        assert_eq!(
            serde_json::to_string(&DocKind::OfficialLetter).unwrap(),
            r#"{"kind":"official_letter"}"#
        );
        assert_eq!(DocKind::OfficialLetter.label(Lang::En), "Official letter");
    }

    #[test]
    fn errors_are_send_sync() {
        fn check<T: Send + Sync + 'static>() {}
        check::<ParseError>();
    }

    proptest! {
        #[test]
        fn never_panics(s in ".{0,80}") {
            let _ = s.parse::<DocType>();
            let _ = DocType::from_name(&s);
            let _ = DocKind::from_name(&s);
        }

        #[test]
        fn never_panics_any(s in any::<String>()) {
            let _ = s.parse::<DocType>();
            let _ = DocKind::from_name(&s);
        }
    }
}
