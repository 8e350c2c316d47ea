//! The small closed vocabularies of a registry record: kind, sector, status,
//! rating and flag, each with a stable code.

use crate::parse_error::ParseError;
use crate::vocab::code_enum;

code_enum! {
    /// The kind of a collective economic organisation (loại hình tổ chức kinh
    /// tế tập thể).
    ///
    /// Codes are the Vietnamese abbreviations in lower case; parsing ignores
    /// case, so `THT`, `HTX` and `LHHTX` are read as well.
    ///
    /// ```
    /// use hoptac::{Labelled, Lang, org::OrgKind};
    /// let kind: OrgKind = "HTX".parse()?;
    /// assert_eq!(kind, OrgKind::Cooperative);
    /// assert_eq!(kind.to_string(), "htx");
    /// assert_eq!(kind.label(Lang::Vi), "hợp tác xã");
    /// assert!(kind.is_rated());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum OrgKind[3] as "organisation kind" in "org::" {
        /// A cooperative group (tổ hợp tác, THT): a contract among members,
        /// without legal personality.
        CooperativeGroup = "tht", vi "tổ hợp tác", en "cooperative group";
        /// A cooperative (hợp tác xã, HTX).
        Cooperative = "htx", vi "hợp tác xã", en "cooperative";
        /// A union of cooperatives (liên hiệp hợp tác xã, LHHTX): its members
        /// are cooperatives.
        CooperativeUnion = "lhhtx", vi "liên hiệp hợp tác xã", en "union of cooperatives";
    }
}

impl OrgKind {
    /// Whether organisations of this kind get a yearly rating (xếp loại):
    /// cooperatives and unions do, cooperative groups do not.
    ///
    /// ```
    /// use hoptac::org::OrgKind;
    /// assert!(OrgKind::CooperativeUnion.is_rated());
    /// assert!(!OrgKind::CooperativeGroup.is_rated());
    /// ```
    pub const fn is_rated(self) -> bool {
        !matches!(self, OrgKind::CooperativeGroup)
    }

    /// The Vietnamese abbreviation: `THT`, `HTX` or `LHHTX`.
    ///
    /// ```
    /// assert_eq!(hoptac::org::OrgKind::CooperativeUnion.abbreviation(), "LHHTX");
    /// ```
    pub const fn abbreviation(self) -> &'static str {
        match self {
            OrgKind::CooperativeGroup => "THT",
            OrgKind::Cooperative => "HTX",
            OrgKind::CooperativeUnion => "LHHTX",
        }
    }
}

code_enum! {
    /// The main sector of activity of an organisation (lĩnh vực hoạt động).
    ///
    /// ```
    /// use hoptac::{Labelled, Lang, org::Sector};
    /// let sector: Sector = "credit".parse()?;
    /// assert_eq!(sector.label(Lang::Vi), "tín dụng (quỹ tín dụng nhân dân)");
    /// assert_eq!(Sector::ALL[sector.index()], sector);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[non_exhaustive]
    pub enum Sector[8] as "sector" in "org::" {
        /// Agriculture, forestry and fisheries (nông nghiệp).
        Agriculture = "agriculture", vi "nông nghiệp", en "agriculture";
        /// Industry and handicrafts (công nghiệp - tiểu thủ công nghiệp).
        Industry = "industry", vi "công nghiệp - tiểu thủ công nghiệp", en "industry and handicrafts";
        /// Trade and services (thương mại - dịch vụ).
        Trade = "trade", vi "thương mại - dịch vụ", en "trade and services";
        /// Transport (vận tải).
        Transport = "transport", vi "vận tải", en "transport";
        /// Construction (xây dựng).
        Construction = "construction", vi "xây dựng", en "construction";
        /// Credit: people's credit funds (quỹ tín dụng nhân dân), rated by the
        /// State Bank rather than by Circular 01/2020/TT-BKHĐT.
        Credit = "credit", vi "tín dụng (quỹ tín dụng nhân dân)", en "credit (people's credit funds)";
        /// Environment: waste collection, clean water (môi trường).
        Environment = "environment", vi "môi trường", en "environment";
        /// Any other sector (khác).
        Other = "other", vi "khác", en "other";
    }
}

code_enum! {
    /// The registry status of an organisation (tình trạng hoạt động).
    ///
    /// Only [`OrgStatus::Active`] organisations can be active at a date (see
    /// [`Cooperative::is_active_at`](crate::Cooperative::is_active_at)).
    ///
    /// ```
    /// use hoptac::{Labelled, Lang, org::OrgStatus};
    /// let status: OrgStatus = "dissolving".parse()?;
    /// assert_eq!(status.label(Lang::Vi), "chờ giải thể");
    /// assert_eq!(status.label(Lang::En), "awaiting dissolution");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum OrgStatus[4] as "organisation status" in "org::" {
        /// Operating (đang hoạt động).
        Active = "active", vi "đang hoạt động", en "active";
        /// Temporarily suspended (tạm ngừng hoạt động).
        Suspended = "suspended", vi "tạm ngừng hoạt động", en "suspended";
        /// Awaiting dissolution (chờ giải thể).
        Dissolving = "dissolving", vi "chờ giải thể", en "awaiting dissolution";
        /// Dissolved (đã giải thể).
        Dissolved = "dissolved", vi "đã giải thể", en "dissolved";
    }
}

code_enum! {
    /// A yearly rating of a cooperative or union (xếp loại), by Circular
    /// 01/2020/TT-BKHĐT.
    ///
    /// Ordered best first: `Good < Fair < Average < Weak` in the derived
    /// order, which is the order of [`Rating::ALL`].
    ///
    /// ```
    /// use hoptac::org::Rating;
    /// let rating = Rating::from_score(72)?;
    /// assert_eq!(rating, Rating::Fair);
    /// assert!(rating.is_fair_or_better());
    /// assert_eq!("weak".parse::<Rating>()?, Rating::Weak);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum Rating[4] as "rating" in "org::" {
        /// Good (tốt): 80 to 100 points.
        Good = "good", vi "tốt", en "good";
        /// Fair (khá): 65 to under 80 points.
        Fair = "fair", vi "khá", en "fair";
        /// Average (trung bình): 50 to under 65 points.
        Average = "average", vi "trung bình", en "average";
        /// Weak (yếu, also yếu kém): under 50 points.
        Weak = "weak", vi "yếu", en "weak";
    }
}

impl Rating {
    /// The most points of the rating scale.
    ///
    /// ```
    /// use hoptac::org::Rating;
    /// assert_eq!(Rating::from_score(Rating::MAX_SCORE)?, Rating::Good);
    /// assert!(Rating::from_score(Rating::MAX_SCORE + 1).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const MAX_SCORE: u8 = 100;

    /// The rating for a score out of 100 points, by Circular
    /// 01/2020/TT-BKHĐT: good 80–100, fair 65 to under 80, average 50 to
    /// under 65, weak under 50.
    ///
    /// # Errors
    ///
    /// [`ParseError`] when the score is above 100.
    ///
    /// ```
    /// use hoptac::org::Rating;
    /// assert_eq!(Rating::from_score(80)?, Rating::Good);
    /// assert_eq!(Rating::from_score(79)?, Rating::Fair);
    /// assert_eq!(Rating::from_score(49)?, Rating::Weak);
    /// assert_eq!(
    ///     Rating::from_score(101).unwrap_err().to_string(),
    ///     "rating score 101 is out of range: expected 0 to 100 points (Circular 01/2020/TT-BKHĐT)"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_score(score: u8) -> Result<Rating, ParseError> {
        match score {
            80..=100 => Ok(Rating::Good),
            65..=79 => Ok(Rating::Fair),
            50..=64 => Ok(Rating::Average),
            0..=49 => Ok(Rating::Weak),
            _ => Err(ParseError::invalid(
                "rating score",
                &score.to_string(),
                (
                    format!("rating score {score} is out of range"),
                    "nằm ngoài thang điểm",
                ),
                (
                    "0 to 100 points (Circular 01/2020/TT-BKHĐT)",
                    "từ 0 đến 100 điểm (Thông tư 01/2020/TT-BKHĐT)",
                ),
            )),
        }
    }

    /// The fewest points that earn this rating.
    ///
    /// ```
    /// use hoptac::org::Rating;
    /// assert_eq!(Rating::Fair.min_score(), 65);
    /// assert_eq!(Rating::Weak.min_score(), 0);
    /// ```
    pub const fn min_score(self) -> u8 {
        match self {
            Rating::Good => 80,
            Rating::Fair => 65,
            Rating::Average => 50,
            Rating::Weak => 0,
        }
    }

    /// Whether the rating is fair or good ("khá trở lên"), which plans call
    /// operating effectively (hoạt động hiệu quả).
    ///
    /// ```
    /// use hoptac::org::Rating;
    /// assert!(Rating::Good.is_fair_or_better());
    /// assert!(!Rating::Average.is_fair_or_better());
    /// ```
    pub const fn is_fair_or_better(self) -> bool {
        matches!(self, Rating::Good | Rating::Fair)
    }
}

code_enum! {
    /// A yes-or-no property of an organisation that plans count (see
    /// [`Flags`](crate::org::Flags) for a set of them).
    ///
    /// ```
    /// use hoptac::{org::Flag, Labelled, Lang};
    /// let flag: Flag = "paper_only".parse()?;
    /// assert_eq!(flag.label(Lang::Vi), "tồn tại mang tính hình thức");
    /// assert_eq!(flag.index(), 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[non_exhaustive]
    pub enum Flag[5] as "flag" in "org::" {
        /// Takes part in a value chain (tham gia liên kết theo chuỗi giá trị).
        ValueChain = "value_chain", vi "tham gia chuỗi giá trị", en "in a value chain";
        /// Applies high technology (ứng dụng công nghệ cao).
        HighTech = "high_tech", vi "ứng dụng công nghệ cao", en "applies high technology";
        /// Has undergone digital transformation (chuyển đổi số).
        Digital = "digital", vi "chuyển đổi số", en "digital transformation";
        /// Has a female director (nữ giám đốc).
        FemaleDirector = "female_director", vi "nữ giám đốc", en "female director";
        /// Exists only on paper, not operating as the Law requires (tồn tại
        /// mang tính hình thức).
        PaperOnly = "paper_only", vi "tồn tại mang tính hình thức", en "exists only on paper";
    }
}

impl Flag {
    /// The flag's bit in [`Flags::bits`](crate::org::Flags::bits): `1 << index`.
    ///
    /// ```
    /// assert_eq!(hoptac::org::Flag::HighTech.bit(), 0b10);
    /// ```
    #[inline]
    pub const fn bit(self) -> u8 {
        1 << self.index()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Labelled, Lang};
    use proptest::prelude::*;
    use serde::{Deserialize, Serialize};
    use std::fmt;
    use std::str::FromStr;

    fn check_enum<T>(all: &[T], codes: &[&str], index: impl Fn(T) -> usize)
    where
        T: Copy
            + fmt::Debug
            + fmt::Display
            + FromStr<Err = ParseError>
            + PartialEq
            + Labelled
            + Serialize
            + for<'de> Deserialize<'de>,
    {
        assert_eq!(all.len(), codes.len());
        for (i, (v, code)) in all.iter().zip(codes).enumerate() {
            assert_eq!(index(*v), i);
            assert_eq!(v.to_string(), *code);
            assert_eq!(code.parse::<T>().unwrap(), *v);
            assert_eq!(code.to_uppercase().parse::<T>().unwrap(), *v);
            assert_eq!(format!("  {code} ").parse::<T>().unwrap(), *v);
            let json = serde_json::to_string(v).unwrap();
            assert_eq!(json, format!("\"{code}\""));
            assert_eq!(serde_json::from_str::<T>(&json).unwrap(), *v);
            assert!(!v.label(Lang::Vi).is_empty());
            assert!(!v.label(Lang::En).is_empty());
        }
        assert!("".parse::<T>().is_err());
    }

    #[test]
    fn every_enum_round_trips() {
        check_enum(&OrgKind::ALL, &["tht", "htx", "lhhtx"], OrgKind::index);
        check_enum(
            &Sector::ALL,
            &[
                "agriculture",
                "industry",
                "trade",
                "transport",
                "construction",
                "credit",
                "environment",
                "other",
            ],
            Sector::index,
        );
        check_enum(
            &OrgStatus::ALL,
            &["active", "suspended", "dissolving", "dissolved"],
            OrgStatus::index,
        );
        check_enum(
            &Rating::ALL,
            &["good", "fair", "average", "weak"],
            Rating::index,
        );
        check_enum(
            &Flag::ALL,
            &[
                "value_chain",
                "high_tech",
                "digital",
                "female_director",
                "paper_only",
            ],
            Flag::index,
        );
    }

    #[test]
    fn vietnamese_abbreviations_parse() {
        for (text, kind) in [
            ("THT", OrgKind::CooperativeGroup),
            ("HTX", OrgKind::Cooperative),
            ("LHHTX", OrgKind::CooperativeUnion),
            ("Htx", OrgKind::Cooperative),
        ] {
            assert_eq!(text.parse::<OrgKind>().unwrap(), kind);
            assert_eq!(kind.abbreviation().parse::<OrgKind>().unwrap(), kind);
        }
    }

    #[test]
    fn serde_is_strict() {
        assert!(serde_json::from_str::<OrgKind>("\"HTX\"").is_err());
        assert!(serde_json::from_str::<OrgKind>("\"cooperative\"").is_err());
        assert!(serde_json::from_str::<Rating>("\"kha\"").is_err());
    }

    #[test]
    fn parse_error_texts() {
        assert_eq!(
            "tốt".parse::<Rating>().unwrap_err().to_string(),
            "unknown rating `tốt`: expected one of good, fair, average, weak"
        );
        assert_eq!(
            "farming".parse::<Sector>().unwrap_err().to_string(),
            "unknown sector `farming`: expected one of agriculture, industry, trade, \
             transport, construction, credit, environment, other"
        );
        assert_eq!(
            "closed".parse::<OrgStatus>().unwrap_err().to_string(),
            "unknown organisation status `closed`: expected one of active, suspended, \
             dissolving, dissolved"
        );
        assert_eq!(
            "organic".parse::<Flag>().unwrap_err().to_string(),
            "unknown flag `organic`: expected one of value_chain, high_tech, digital, \
             female_director, paper_only"
        );
        let long = "é".repeat(100);
        let err = long.parse::<OrgKind>().unwrap_err();
        assert_eq!(err.input(), format!("{}…", "é".repeat(80)));
    }

    #[test]
    fn rating_scores_follow_the_circular() {
        for (score, want) in [
            (100, Rating::Good),
            (80, Rating::Good),
            (79, Rating::Fair),
            (65, Rating::Fair),
            (64, Rating::Average),
            (50, Rating::Average),
            (49, Rating::Weak),
            (0, Rating::Weak),
        ] {
            assert_eq!(Rating::from_score(score).unwrap(), want, "{score}");
        }
        let err = Rating::from_score(101).unwrap_err();
        assert_eq!((err.what(), err.input()), ("rating score", "101"));
        assert!(Rating::from_score(255).is_err());
        for r in Rating::ALL {
            assert_eq!(Rating::from_score(r.min_score()).unwrap(), r);
        }
        let good_or_fair: Vec<_> = Rating::ALL
            .into_iter()
            .filter(|r| r.is_fair_or_better())
            .collect();
        assert_eq!(good_or_fair, [Rating::Good, Rating::Fair]);
    }

    #[test]
    fn kinds_rated() {
        assert!(!OrgKind::CooperativeGroup.is_rated());
        assert!(OrgKind::Cooperative.is_rated());
        assert!(OrgKind::CooperativeUnion.is_rated());
    }

    #[test]
    fn errors_are_send_sync_static() {
        fn check<T: Send + Sync + 'static + std::error::Error>() {}
        check::<ParseError>();
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in ".{0,80}", t in any::<String>()) {
            for text in [&s, &t] {
                let _ = text.parse::<OrgKind>();
                let _ = text.parse::<Sector>();
                let _ = text.parse::<OrgStatus>();
                let _ = text.parse::<Rating>();
                let _ = text.parse::<Flag>();
            }
        }

        #[test]
        fn error_names_the_value(s in "[a-z]{0,40}") {
            if let Err(e) = s.parse::<Sector>() {
                prop_assert_eq!(e.input(), s.as_str());
            }
        }

        #[test]
        fn every_score_has_a_rating_or_error(score in any::<u8>()) {
            match Rating::from_score(score) {
                Ok(r) => {
                    prop_assert!(score <= 100);
                    prop_assert!(score >= r.min_score());
                }
                Err(e) => {
                    prop_assert!(score > 100);
                    prop_assert_eq!(e.input(), score.to_string());
                }
            }
        }
    }
}
