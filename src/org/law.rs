//! [`Law`]: the Law on Cooperatives in force at a date, and what it requires.

use chrono::NaiveDate;

use super::codes::OrgKind;
use crate::vocab::code_enum;

code_enum! {
    /// A Law on Cooperatives (Luật Hợp tác xã), which sets how many members
    /// an organisation needs.
    ///
    /// Which law applies depends on the date being checked, not on when the
    /// organisation was founded: see [`Law::in_force_at`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::{Labelled, Lang, org::Law, org::OrgKind};
    /// let law = Law::in_force_at(NaiveDate::from_ymd_opt(2024, 7, 1).ok_or("date")?);
    /// assert_eq!(law, Law::Cooperatives2023);
    /// assert_eq!(law.label(Lang::En), "Law on Cooperatives 17/2023/QH15");
    /// assert_eq!(law.min_members(OrgKind::Cooperative), 5);
    /// assert_eq!(law.to_string(), "cooperatives2023");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[non_exhaustive]
    pub enum Law[2] as "law" in "org::" {
        /// Law on Cooperatives 23/2012/QH13, in force 1/7/2013 to 30/6/2024.
        Cooperatives2012 = "cooperatives2012",
            vi "Luật Hợp tác xã 23/2012/QH13", en "Law on Cooperatives 23/2012/QH13";
        /// Law on Cooperatives 17/2023/QH15, in force from 1/7/2024.
        Cooperatives2023 = "cooperatives2023",
            vi "Luật Hợp tác xã 17/2023/QH15", en "Law on Cooperatives 17/2023/QH15";
    }
}

/// A date known to be valid.
const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("invalid date constant"),
    }
}

impl Law {
    /// The document number, as in `17/2023/QH15`.
    ///
    /// ```
    /// assert_eq!(hoptac::org::Law::Cooperatives2012.number(), "23/2012/QH13");
    /// ```
    pub const fn number(self) -> &'static str {
        match self {
            Law::Cooperatives2012 => "23/2012/QH13",
            Law::Cooperatives2023 => "17/2023/QH15",
        }
    }

    /// The first day the law is in force.
    ///
    /// ```
    /// use hoptac::org::Law;
    /// assert_eq!(Law::Cooperatives2023.in_force_from().to_string(), "2024-07-01");
    /// ```
    pub const fn in_force_from(self) -> NaiveDate {
        match self {
            Law::Cooperatives2012 => ymd(2013, 7, 1),
            Law::Cooperatives2023 => ymd(2024, 7, 1),
        }
    }

    /// The last day the law is in force, or `None` while it still is.
    ///
    /// ```
    /// use hoptac::org::Law;
    /// assert_eq!(Law::Cooperatives2012.in_force_until().map(|d| d.to_string()), Some("2024-06-30".into()));
    /// assert_eq!(Law::Cooperatives2023.in_force_until(), None);
    /// ```
    pub const fn in_force_until(self) -> Option<NaiveDate> {
        match self {
            Law::Cooperatives2012 => Some(ymd(2024, 6, 30)),
            Law::Cooperatives2023 => None,
        }
    }

    /// The law whose rules apply at `date`.
    ///
    /// Before 1/7/2013 the 2012 law's rules are applied as well: earlier laws
    /// (the Law on Cooperatives 2003, which also required 7 members of a
    /// cooperative) are not modelled.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::org::Law;
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// assert_eq!(Law::in_force_at(day(2024, 6, 30)?), Law::Cooperatives2012);
    /// assert_eq!(Law::in_force_at(day(2024, 7, 1)?), Law::Cooperatives2023);
    /// assert_eq!(Law::in_force_at(day(2010, 1, 1)?), Law::Cooperatives2012);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn in_force_at(date: NaiveDate) -> Law {
        if date >= Law::Cooperatives2023.in_force_from() {
            Law::Cooperatives2023
        } else {
            Law::Cooperatives2012
        }
    }

    /// The fewest official members (thành viên chính thức) an organisation
    /// of `kind` must have under this law.
    ///
    /// - cooperative (HTX): 7 under the 2012 law, 5 under the 2023 law;
    /// - cooperative group (THT): 2 under both. Under the 2012 law the rule
    ///   is not in the Law on Cooperatives but in the Civil Code and Decree
    ///   77/2019/NĐ-CP on cooperative groups; the older rule of Decree
    ///   151/2007/NĐ-CP and the Civil Code 2005 (three individuals) is not
    ///   modelled;
    /// - union (LHHTX): its members are cooperatives, so this is the same as
    ///   [`Law::min_member_coops`]: 4 under the 2012 law, 3 under the 2023 law.
    ///
    /// ```
    /// use hoptac::{org::Law, org::OrgKind};
    /// assert_eq!(Law::Cooperatives2012.min_members(OrgKind::Cooperative), 7);
    /// assert_eq!(Law::Cooperatives2023.min_members(OrgKind::CooperativeGroup), 2);
    /// assert_eq!(Law::Cooperatives2023.min_members(OrgKind::CooperativeUnion), 3);
    /// ```
    pub const fn min_members(self, kind: OrgKind) -> u32 {
        match (self, kind) {
            (_, OrgKind::CooperativeGroup) => 2,
            (Law::Cooperatives2012, OrgKind::Cooperative) => 7,
            (Law::Cooperatives2023, OrgKind::Cooperative) => 5,
            (Law::Cooperatives2012, OrgKind::CooperativeUnion) => 4,
            (Law::Cooperatives2023, OrgKind::CooperativeUnion) => 3,
        }
    }

    /// The fewest member cooperatives (hợp tác xã thành viên) a union must
    /// have under this law; `None` for the kinds whose members are not
    /// cooperatives.
    ///
    /// ```
    /// use hoptac::{org::Law, org::OrgKind};
    /// assert_eq!(Law::Cooperatives2012.min_member_coops(OrgKind::CooperativeUnion), Some(4));
    /// assert_eq!(Law::Cooperatives2023.min_member_coops(OrgKind::CooperativeUnion), Some(3));
    /// assert_eq!(Law::Cooperatives2023.min_member_coops(OrgKind::Cooperative), None);
    /// ```
    pub const fn min_member_coops(self, kind: OrgKind) -> Option<u32> {
        match kind {
            OrgKind::CooperativeUnion => Some(self.min_members(kind)),
            OrgKind::CooperativeGroup | OrgKind::Cooperative => None,
        }
    }

    /// The legal text that sets the minimum membership of `kind` under this
    /// law, in English, for messages.
    ///
    /// ```
    /// use hoptac::{org::Law, org::OrgKind};
    /// assert_eq!(
    ///     Law::Cooperatives2012.basis(OrgKind::CooperativeGroup),
    ///     "Decree 77/2019/NĐ-CP on cooperative groups"
    /// );
    /// assert_eq!(
    ///     Law::Cooperatives2023.basis(OrgKind::CooperativeGroup),
    ///     "Law on Cooperatives 17/2023/QH15"
    /// );
    /// ```
    pub const fn basis(self, kind: OrgKind) -> &'static str {
        match (self, kind) {
            (Law::Cooperatives2012, OrgKind::CooperativeGroup) => {
                "Decree 77/2019/NĐ-CP on cooperative groups"
            }
            (Law::Cooperatives2012, _) => "Law on Cooperatives 23/2012/QH13",
            (Law::Cooperatives2023, _) => "Law on Cooperatives 17/2023/QH15",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Labelled, Lang};
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn switches_on_1_july_2024() {
        assert_eq!(Law::in_force_at(day(2013, 7, 1)), Law::Cooperatives2012);
        assert_eq!(Law::in_force_at(day(2013, 6, 30)), Law::Cooperatives2012);
        assert_eq!(Law::in_force_at(day(2024, 6, 30)), Law::Cooperatives2012);
        assert_eq!(Law::in_force_at(day(2024, 7, 1)), Law::Cooperatives2023);
        assert_eq!(Law::in_force_at(day(2100, 1, 1)), Law::Cooperatives2023);
        assert_eq!(
            Law::Cooperatives2012.in_force_until().unwrap().succ_opt(),
            Some(Law::Cooperatives2023.in_force_from())
        );
    }

    #[test]
    fn minimums() {
        use OrgKind::*;
        let table = [
            (Law::Cooperatives2012, CooperativeGroup, 2, None),
            (Law::Cooperatives2012, Cooperative, 7, None),
            (Law::Cooperatives2012, CooperativeUnion, 4, Some(4)),
            (Law::Cooperatives2023, CooperativeGroup, 2, None),
            (Law::Cooperatives2023, Cooperative, 5, None),
            (Law::Cooperatives2023, CooperativeUnion, 3, Some(3)),
        ];
        for (law, kind, members, coops) in table {
            assert_eq!(law.min_members(kind), members, "{law} {kind}");
            assert_eq!(law.min_member_coops(kind), coops, "{law} {kind}");
        }
    }

    #[test]
    fn codes_and_labels() {
        for law in Law::ALL {
            assert_eq!(law.to_string().parse::<Law>().unwrap(), law);
            let json = serde_json::to_string(&law).unwrap();
            assert_eq!(json, format!("\"{}\"", law.code()));
            assert!(law.label(Lang::En).ends_with(law.number()));
            assert!(law.label(Lang::Vi).starts_with("Luật Hợp tác xã"));
            assert_eq!(Law::ALL[law.index()], law);
        }
        assert_eq!(
            "2012".parse::<Law>().unwrap_err().to_string(),
            "unknown law `2012`: expected one of cooperatives2012, cooperatives2023"
        );
    }

    proptest! {
        #[test]
        fn in_force_at_is_in_force(days in -20_000i64..40_000) {
            let date = day(2000, 1, 1) + chrono::Duration::days(days);
            let law = Law::in_force_at(date);
            prop_assert!(law.in_force_until().map_or(true, |end| date <= end));
            if date >= day(2013, 7, 1) {
                prop_assert!(law.in_force_from() <= date);
            }
        }

        #[test]
        fn parse_never_panics(s in ".{0,80}") {
            let _ = s.parse::<Law>();
        }
    }
}
