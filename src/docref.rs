//! Document numbers (số, ký hiệu văn bản) and citations of documents.

mod citation;
mod doc_type;
mod find;
mod parse;

use crate::vocab::code_enum;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use citation::{parse_vi_date, Citation};
pub use doc_type::{DocKind, DocType};
pub use find::{find_citations, FoundCitation};

use crate::parse_error::ParseError;
use doc_type::{lookup_code, party_code, PARTY_LETTER_CODE, PARTY_UNREAD_CODES};
use parse::{
    check_number, check_part, check_year, is_joint_code, issuer_is_type_code, joint_code_unread,
    malformed, party_code_unread, MAX_REF_LEN, WHAT,
};

code_enum! {
    /// The form of a document number (cách ghi số, ký hiệu).
    ///
    /// ```
    /// use hoptac::{doc::DocForm, doc::DocRef, Labelled, Lang};
    /// let r: DocRef = "20-NQ/TW".parse()?;
    /// assert_eq!(r.form(), DocForm::Party);
    /// assert_eq!(r.form().label(Lang::Vi), "văn bản theo thể thức của Đảng, đoàn thể");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[non_exhaustive]
    pub enum DocForm [4] as "document number form" in "doc::" {
        /// An administrative document with a type code: `363/KH-UBND`,
        /// `123/QĐ-UBND-KTN` (văn bản hành chính).
        Administrative = "administrative", vi "văn bản hành chính", en "administrative document";
        /// An official letter, without type code: `538/UBND-KTTH` (công văn).
        OfficialLetter = "official_letter", vi "công văn", en "official letter";
        /// A normative legal document, with the year: `45/2021/NĐ-CP`,
        /// `17/2023/QH15` (văn bản quy phạm pháp luật).
        Normative = "normative", vi "văn bản quy phạm pháp luật", en "normative legal document";
        /// A document in the Party's form, with a hyphen after the number:
        /// `20-NQ/TW`, `123-CV/TU` (văn bản của Đảng). The mass organisations
        /// (Mặt trận Tổ quốc, Hội Nông dân, Đoàn Thanh niên, Hội Liên hiệp
        /// Phụ nữ) number their documents the same way: `45-KH/HNDT`.
        Party = "party", vi "văn bản theo thể thức của Đảng, đoàn thể", en "Party or mass-organisation document";
    }
}

/// What follows the number, per form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Shape {
    Administrative {
        doc_type: DocType,
        drafting_unit: Option<String>,
    },
    OfficialLetter {
        drafting_unit: Option<String>,
    },
    Normative {
        year: u16,
        doc_type: Option<DocType>,
        co_issuers: Vec<String>,
    },
    /// `doc_type` is `None` for an official letter (`123-CV/TU`).
    Party {
        doc_type: Option<DocType>,
        drafting_unit: Option<String>,
    },
}

/// A document number (số, ký hiệu văn bản): `363/KH-UBND`, `538/UBND-KTTH`,
/// `45/2021/NĐ-CP`, `17/2023/QH15`, `20-NQ/TW`.
///
/// Parsing reads the four [`DocForm`]s:
///
/// - `number/CODE-ISSUER[-UNIT]`: administrative, when `CODE` is a known
///   [`DocType`] (ASCII `QD` is read as `QĐ`, see [`DocType`]);
/// - `number/ISSUER[-UNIT]`: official letter, when the first part after `/`
///   is not a type code (`538/UBND-KTTH`: issuer `UBND`, drafting unit `KTTH`);
/// - `number/YEAR/[CODE-]ISSUER[-CO-ISSUER…]`: normative, the year from 1945
///   to 2100; co-issuers only for type-coded joint documents
///   (`…/TTLT-BTC-BNNPTNT`); `17/2023/QH15` has issuer `QH15` and no code;
/// - `number-CODE/ISSUER[-UNIT]`: Party form (`20-NQ/TW`), also used by the
///   mass organisations (`45-KH/HNDT`, `12-KH/TĐTN-TG`). Besides the
///   administrative codes, the Party's own codes are read: `CV` for an
///   official letter (`123-CV/TU`, [`DocRef::doc_type`] `None`) and `QĐi` for
///   a regulation (quy định, printed back as `QĐi`). `TT` is refused there:
///   in a Party number it is a thông tri (instruction), never a circular.
///
/// The number keeps its leading zeros (`05/QĐ-BCĐ`). Parsing trims, drops a
/// leading `số` / `Số:` / `SỐ`, removes spaces around `/` and `-` (the seeds
/// write `363 /KH-UBND`) and reads dashes `–` `‐` as `-`. Issuers, units and
/// codes are letters (Vietnamese ones included) and ASCII digits, starting with
/// a letter; issuers and units may join such parts with `&` (`SNN&PTNT`,
/// `KH&ĐT`). [`Display`](fmt::Display) prints the canonical form, which parses
/// back to the same value. Serialized as that string.
///
/// ```
/// use hoptac::{doc::DocForm, doc::DocRef, doc::DocType};
/// let r: DocRef = "Số: 363 /KH-UBND".parse()?;
/// assert_eq!(r.to_string(), "363/KH-UBND");
/// assert_eq!(r.doc_type(), Some(DocType::Plan));
/// assert_eq!(r.issuer(), "UBND");
///
/// let letter: DocRef = "538/UBND-KTTH".parse()?;
/// assert_eq!(letter.form(), DocForm::OfficialLetter);
/// assert_eq!(letter.drafting_unit(), Some("KTTH"));
///
/// let decree: DocRef = "45/2021/NĐ-CP".parse()?;
/// assert_eq!((decree.year(), decree.issuer()), (Some(2021), "CP"));
///
/// let party: DocRef = "08-CTr/TU".parse()?;
/// assert_eq!((party.number(), party.to_string().as_str()), ("08", "08-CTr/TU"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct DocRef {
    number: String,
    issuer: String,
    shape: Shape,
}

impl DocRef {
    /// An administrative document number `number/CODE-ISSUER`, as `363/KH-UBND`.
    ///
    /// # Errors
    ///
    /// [`ParseError`] when the number is not 1 to 10 digits (not all
    /// zero), or the issuer is not letters and digits starting with a letter.
    ///
    /// ```
    /// use hoptac::{doc::DocRef, doc::DocType};
    /// let r = DocRef::administrative("1206", DocType::Decision, "UBND")?;
    /// assert_eq!(r.to_string(), "1206/QĐ-UBND");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn administrative(
        number: &str,
        doc_type: DocType,
        issuer: &str,
    ) -> Result<Self, ParseError> {
        DocRef::build(
            number,
            issuer,
            Shape::Administrative {
                doc_type,
                drafting_unit: None,
            },
        )
    }

    /// An official letter's number `number/ISSUER`, as `538/UBND`; add the
    /// drafting unit with [`DocRef::with_drafting_unit`].
    ///
    /// # Errors
    ///
    /// [`ParseError`] as for [`DocRef::administrative`], and when the
    /// issuer is a type code
    /// (the number would read as a type-coded one).
    ///
    /// ```
    /// use hoptac::doc::DocRef;
    /// let r = DocRef::official_letter("538", "UBND")?.with_drafting_unit("KTTH")?;
    /// assert_eq!(r.to_string(), "538/UBND-KTTH");
    /// assert!(DocRef::official_letter("1", "KH").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn official_letter(number: &str, issuer: &str) -> Result<Self, ParseError> {
        DocRef::build(
            number,
            issuer,
            Shape::OfficialLetter {
                drafting_unit: None,
            },
        )
    }

    /// A normative legal document's number `number/YEAR/CODE-ISSUER`, or
    /// `number/YEAR/ISSUER` without code (laws: `17/2023/QH15`); add the
    /// other issuers of a joint document with [`DocRef::with_co_issuer`].
    ///
    /// # Errors
    ///
    /// [`ParseError`] as for [`DocRef::official_letter`], and for a year
    /// outside 1945..=2100.
    ///
    /// ```
    /// use hoptac::{doc::DocRef, doc::DocType};
    /// let r = DocRef::normative("45", 2021, Some(DocType::Decree), "CP")?;
    /// assert_eq!(r.to_string(), "45/2021/NĐ-CP");
    /// let law = DocRef::normative("17", 2023, None, "QH15")?;
    /// assert_eq!(law.to_string(), "17/2023/QH15");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn normative(
        number: &str,
        year: u16,
        doc_type: Option<DocType>,
        issuer: &str,
    ) -> Result<Self, ParseError> {
        DocRef::build(
            number,
            issuer,
            Shape::Normative {
                year,
                doc_type,
                co_issuers: Vec::new(),
            },
        )
    }

    /// A Party document's number `number-CODE/ISSUER`, as `20-NQ/TW`.
    ///
    /// # Errors
    ///
    /// [`ParseError`] as for [`DocRef::administrative`].
    ///
    /// ```
    /// use hoptac::{doc::DocRef, doc::DocType};
    /// let r = DocRef::party("50", DocType::Programme, "TU")?;
    /// assert_eq!(r.to_string(), "50-CTr/TU");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn party(number: &str, doc_type: DocType, issuer: &str) -> Result<Self, ParseError> {
        DocRef::build(
            number,
            issuer,
            Shape::Party {
                doc_type: Some(doc_type),
                drafting_unit: None,
            },
        )
    }

    /// An official letter in the Party's form, `number-CV/ISSUER`, as
    /// `123-CV/TU` (công văn of a Party committee or a mass organisation).
    ///
    /// # Errors
    ///
    /// [`ParseError`] as for [`DocRef::administrative`].
    ///
    /// ```
    /// use hoptac::doc::{DocKind, DocRef};
    /// let r = DocRef::party_letter("1126", "HNDTW")?;
    /// assert_eq!(r.to_string(), "1126-CV/HNDTW");
    /// assert_eq!((r.doc_type(), r.kind()), (None, Some(DocKind::OfficialLetter)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn party_letter(number: &str, issuer: &str) -> Result<Self, ParseError> {
        DocRef::build(
            number,
            issuer,
            Shape::Party {
                doc_type: None,
                drafting_unit: None,
            },
        )
    }

    /// The same number with a drafting unit (đơn vị soạn thảo) after the
    /// issuer: `538/UBND-KTTH`, `123/QĐ-UBND-KTN`, `12-KH/TĐTN-TG`. Replaces
    /// any unit already there.
    ///
    /// # Errors
    ///
    /// [`ParseError`] on normative numbers, which carry no drafting unit, and
    /// for a unit that is not letters and digits starting with a letter.
    ///
    /// ```
    /// use hoptac::{doc::DocRef, doc::DocType};
    /// let r = DocRef::administrative("123", DocType::Decision, "UBND")?.with_drafting_unit("KTN")?;
    /// assert_eq!(r.to_string(), "123/QĐ-UBND-KTN");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_drafting_unit(mut self, unit: &str) -> Result<Self, ParseError> {
        match &mut self.shape {
            Shape::Administrative { drafting_unit, .. }
            | Shape::OfficialLetter { drafting_unit }
            | Shape::Party { drafting_unit, .. } => {
                *drafting_unit = Some(unit.to_owned());
                self.validated()
            }
            Shape::Normative { .. } => Err(malformed(
                &self.to_string(),
                (
                    "a drafting unit only on numbers without a year",
                    "đơn vị soạn thảo chỉ có ở số hiệu không ghi năm",
                ),
            )),
        }
    }

    /// The same number with one more issuer of a joint normative document
    /// (`15/2014/TTLT-BTC-BNNPTNT`).
    ///
    /// # Errors
    ///
    /// [`ParseError`] unless this is a normative number with
    /// a type code, and for a bad issuer.
    ///
    /// ```
    /// use hoptac::{doc::DocRef, doc::DocType};
    /// let r = DocRef::normative("15", 2014, Some(DocType::JointCircular), "BTC")?
    ///     .with_co_issuer("BNNPTNT")?;
    /// assert_eq!(r.to_string(), "15/2014/TTLT-BTC-BNNPTNT");
    /// assert_eq!(r.co_issuers(), ["BNNPTNT"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_co_issuer(mut self, co_issuer: &str) -> Result<Self, ParseError> {
        match &mut self.shape {
            Shape::Normative {
                doc_type: Some(_),
                co_issuers,
                ..
            } => {
                co_issuers.push(co_issuer.to_owned());
                self.validated()
            }
            _ => Err(malformed(
                &self.to_string(),
                (
                    "co-issuers only on normative documents with a type code, \
                     as in `15/2014/TTLT-BTC-BNNPTNT`",
                    "cơ quan cùng ban hành chỉ có ở văn bản quy phạm pháp luật có mã loại, \
                     như `15/2014/TTLT-BTC-BNNPTNT`",
                ),
            )),
        }
    }

    fn build(number: &str, issuer: &str, shape: Shape) -> Result<Self, ParseError> {
        DocRef {
            number: number.to_owned(),
            issuer: issuer.to_owned(),
            shape,
        }
        .validated()
    }

    /// Checks every part, naming the number as it would be printed.
    fn validated(self) -> Result<Self, ParseError> {
        let input = self.to_string();
        if input.len() > MAX_REF_LEN {
            return Err(ParseError::too_long(WHAT, &input, input.len(), MAX_REF_LEN));
        }
        check_number(&input, &self.number)?;
        check_part(&input, &self.issuer)?;
        if let Some(unit) = self.drafting_unit() {
            check_part(&input, unit)?;
        }
        for co in self.co_issuers() {
            check_part(&input, co)?;
        }
        if let Some(year) = self.year() {
            check_year(&input, year)?;
        }
        let party = matches!(self.shape, Shape::Party { .. });
        if self.doc_type().is_none() && !party && lookup_code(&self.issuer).is_some() {
            return Err(issuer_is_type_code(&input, &self.issuer));
        }
        if self.form() == DocForm::OfficialLetter && is_joint_code(&self.issuer) {
            return Err(joint_code_unread(&input, &self.issuer));
        }
        if let Some(code) = self
            .doc_type()
            .map(party_code)
            .filter(|c| party && PARTY_UNREAD_CODES.contains(c))
        {
            return Err(party_code_unread(&input, code));
        }
        Ok(self)
    }

    /// The number as written, leading zeros kept: `05` in `05/QĐ-BCĐ`.
    ///
    /// ```
    /// let r: hoptac::doc::DocRef = "05/QĐ-BCĐ".parse()?;
    /// assert_eq!(r.number(), "05");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn number(&self) -> &str {
        &self.number
    }

    /// The year in a normative number: `2021` in `45/2021/NĐ-CP`; `None` in
    /// other forms.
    ///
    /// ```
    /// let r: hoptac::doc::DocRef = "17/2023/QH15".parse()?;
    /// assert_eq!(r.year(), Some(2023));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn year(&self) -> Option<u16> {
        match self.shape {
            Shape::Normative { year, .. } => Some(year),
            _ => None,
        }
    }

    /// The type code: `KH` in `363/KH-UBND`; `None` for official letters and
    /// normative numbers without code (`17/2023/QH15`).
    ///
    /// ```
    /// use hoptac::{doc::DocRef, doc::DocType};
    /// let r: DocRef = "12/CT-TTg".parse()?;
    /// assert_eq!(r.doc_type(), Some(DocType::Directive));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn doc_type(&self) -> Option<DocType> {
        match self.shape {
            Shape::Administrative { doc_type, .. } => Some(doc_type),
            Shape::Normative { doc_type, .. } | Shape::Party { doc_type, .. } => doc_type,
            Shape::OfficialLetter { .. } => None,
        }
    }

    /// The issuer (cơ quan ban hành): `UBND` in `363/KH-UBND` and in
    /// `538/UBND-KTTH`, `CP` in `45/2021/NĐ-CP`, `QH15` in `17/2023/QH15`, `TW`
    /// in `20-NQ/TW`. For joint documents, the first issuer.
    ///
    /// ```
    /// let r: hoptac::doc::DocRef = "50-CTr/TU".parse()?;
    /// assert_eq!(r.issuer(), "TU");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// The drafting unit (đơn vị soạn thảo) after the issuer: `KTTH` in
    /// `538/UBND-KTTH`.
    ///
    /// ```
    /// let r: hoptac::doc::DocRef = "2651/UBND-KTN".parse()?;
    /// assert_eq!(r.drafting_unit(), Some("KTN"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn drafting_unit(&self) -> Option<&str> {
        match &self.shape {
            Shape::Administrative { drafting_unit, .. }
            | Shape::OfficialLetter { drafting_unit }
            | Shape::Party { drafting_unit, .. } => drafting_unit.as_deref(),
            Shape::Normative { .. } => None,
        }
    }

    /// The other issuers of a joint normative document, after the first:
    /// `BNNPTNT` in `15/2014/TTLT-BTC-BNNPTNT`. Empty for other numbers.
    ///
    /// ```
    /// let r: hoptac::doc::DocRef = "15/2014/TTLT-BTC-BNNPTNT".parse()?;
    /// assert_eq!((r.issuer(), r.co_issuers()), ("BTC", &["BNNPTNT".to_owned()][..]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn co_issuers(&self) -> &[String] {
        match &self.shape {
            Shape::Normative { co_issuers, .. } => co_issuers,
            _ => &[],
        }
    }

    /// The form of the number.
    ///
    /// ```
    /// use hoptac::{doc::DocForm, doc::DocRef};
    /// let r: DocRef = "45/2021/NĐ-CP".parse()?;
    /// assert_eq!(r.form(), DocForm::Normative);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn form(&self) -> DocForm {
        match self.shape {
            Shape::Administrative { .. } => DocForm::Administrative,
            Shape::OfficialLetter { .. } => DocForm::OfficialLetter,
            Shape::Normative { .. } => DocForm::Normative,
            Shape::Party { .. } => DocForm::Party,
        }
    }

    /// What the number says the document is: its type, or an official letter
    /// for a number without code in the administrative position and for a
    /// Party-form `CV` (`123-CV/TU`). `None` for
    /// normative numbers without code (`17/2023/QH15` is a law, but
    /// `202/2025/QH15` is a resolution of the National Assembly).
    ///
    /// Compare it with the name a text gives the document: An Giang's
    /// "Kế hoạch số 1206/QĐ-UBND" calls a decision's number a plan.
    ///
    /// ```
    /// use hoptac::{doc::DocKind, doc::DocRef};
    /// let r: DocRef = "1206/QĐ-UBND".parse()?;
    /// assert_ne!(r.kind(), DocKind::from_name("Kế hoạch"));
    /// let letter: DocRef = "538/UBND-KTTH".parse()?;
    /// assert_eq!(letter.kind(), DocKind::from_name("Công văn"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn kind(&self) -> Option<DocKind> {
        match (self.doc_type(), self.form()) {
            (Some(doc_type), _) => Some(DocKind::Typed { doc_type }),
            (None, DocForm::OfficialLetter | DocForm::Party) => Some(DocKind::OfficialLetter),
            (None, _) => None,
        }
    }
}

impl fmt::Display for DocRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let number = &self.number;
        let issuer = &self.issuer;
        match &self.shape {
            Shape::Administrative {
                doc_type,
                drafting_unit,
            } => {
                write!(f, "{number}/{doc_type}-{issuer}")?;
                if let Some(unit) = drafting_unit {
                    write!(f, "-{unit}")?;
                }
            }
            Shape::OfficialLetter { drafting_unit } => {
                write!(f, "{number}/{issuer}")?;
                if let Some(unit) = drafting_unit {
                    write!(f, "-{unit}")?;
                }
            }
            Shape::Normative {
                year,
                doc_type,
                co_issuers,
            } => {
                write!(f, "{number}/{year}/")?;
                if let Some(doc_type) = doc_type {
                    write!(f, "{doc_type}-")?;
                }
                f.write_str(issuer)?;
                for co in co_issuers {
                    write!(f, "-{co}")?;
                }
            }
            Shape::Party {
                doc_type,
                drafting_unit,
            } => {
                let code = doc_type.map_or(PARTY_LETTER_CODE, party_code);
                write!(f, "{number}-{code}/{issuer}")?;
                if let Some(unit) = drafting_unit {
                    write!(f, "-{unit}")?;
                }
            }
        }
        Ok(())
    }
}

impl FromStr for DocRef {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse::parse(s)
    }
}

impl TryFrom<String> for DocRef {
    type Error = ParseError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<DocRef> for String {
    fn from(value: DocRef) -> Self {
        value.to_string()
    }
}

#[cfg(test)]
mod tests;
