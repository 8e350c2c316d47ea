//! [`Cooperative::validate`]: what the law in force and common sense say
//! about a registry record.

use std::fmt::Write as _;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::codes::{OrgKind, OrgStatus};
use super::law::Law;
use super::record::Cooperative;
use crate::error::{Problem, ProblemCode, Problems};
use crate::lang::{Labelled, Lang};

/// `1 official member`, `3 official members`.
fn count_of(n: u32, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("{n} {singular}")
    } else {
        format!("{n} {plural}")
    }
}

/// `a cooperative (htx)`.
fn kind_phrase(kind: OrgKind) -> String {
    format!("a {} ({})", kind.label(Lang::En), kind.code())
}

/// `hợp tác xã (htx)`.
fn kind_phrase_vi(kind: OrgKind) -> String {
    format!("{} ({})", kind.label(Lang::Vi), kind.code())
}

/// The law's basis in Vietnamese: `Luật Hợp tác xã số 23/2012/QH13`.
fn basis_vi(law: Law, kind: OrgKind) -> &'static str {
    match (law, kind) {
        (Law::Cooperatives2012, OrgKind::CooperativeGroup) => {
            "Nghị định 77/2019/NĐ-CP về tổ hợp tác"
        }
        (Law::Cooperatives2012, _) => "Luật Hợp tác xã số 23/2012/QH13",
        (Law::Cooperatives2023, _) => "Luật Hợp tác xã số 17/2023/QH15",
    }
}

impl Cooperative {
    /// Checks the record as of `at`, with the law in force at that date
    /// ([`Law::in_force_at`]), and returns every problem found, each with a
    /// path relative to the record.
    ///
    /// Errors:
    /// - `too_few_members` (`members`): a cooperative or cooperative group
    ///   active at `at` with fewer official members than the law requires
    ///   (only when the count is known);
    /// - `too_few_member_cooperatives` (`member_coops`): the same for a
    ///   union and its member cooperatives;
    /// - `dissolved_before_established` (`dissolved`);
    /// - `rating_before_established` (`ratings.<year>`): a rating for a year
    ///   before the year of establishment;
    /// - `key_staff_above_total` (`key_staff_trained`, `key_staff_refreshed`):
    ///   more trained or refreshed key staff than key staff;
    /// - `negative_money` (`revenue_vnd`, `avg_income_vnd`);
    /// - `empty_text` (`name`, `location.province`, `location.district`,
    ///   `location.commune`, `extensions`): a blank name.
    ///
    /// Warnings:
    /// - `rating_for_group` (`ratings`): a cooperative group with ratings;
    /// - `status_date_mismatch`: status dissolved without a date
    ///   (`dissolved`), or a dissolution date on or before `at` with another
    ///   status (`status`);
    /// - `member_coops_on_non_union` (`member_coops`);
    /// - `checked_before_established` (`established`): `at` is before the
    ///   establishment date.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::{Cooperative, org::Location, org::OrgId, org::OrgKind, ProblemCode, org::Sector};
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let coop = Cooperative::new(OrgId::new("htx-9")?, "HTX Dịch vụ Nghi Phong",
    ///     OrgKind::Cooperative, Sector::Trade, Location::new("Nghệ An", "Nghi Phong"),
    ///     day(2018, 4, 2)?)
    ///     .with_members(6);
    /// // 7 members were required until 30/6/2024, 5 from 1/7/2024.
    /// let before = coop.validate(day(2024, 6, 30)?);
    /// assert!(before.contains(ProblemCode::TooFewMembers));
    /// assert_eq!(
    ///     before.iter().next().map(|p| p.message.as_str()),
    ///     Some("6 official members at 2024-06-30, fewer than the 7 that Law on Cooperatives \
    ///           23/2012/QH13 requires of a cooperative (htx)")
    /// );
    /// assert!(coop.validate(day(2024, 7, 1)?).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self, at: NaiveDate) -> Problems {
        let mut problems = Problems::new();
        self.check_texts(&mut problems);
        self.check_dates(at, &mut problems);
        self.check_membership(at, &mut problems);
        self.check_ratings(&mut problems);
        self.check_figures(&mut problems);
        problems
    }

    fn check_texts(&self, problems: &mut Problems) {
        let mut blank = |path: &str, (what, what_vi): (&str, &str), text: &str| {
            if text.trim().is_empty() {
                problems.push(
                    Problem::error(path, ProblemCode::EmptyText, format!("{what} is empty"))
                        .with_vi(format!("{what_vi} để trống")),
                );
            }
        };
        blank("name", ("name", "tên"), &self.name);
        blank(
            "location.province",
            ("province", "tỉnh"),
            &self.location.province,
        );
        if let Some(district) = &self.location.district {
            blank("location.district", ("district", "huyện"), district);
        }
        blank(
            "location.commune",
            ("commune", "xã"),
            &self.location.commune,
        );
        if self.extensions.keys().any(|k| k.trim().is_empty()) {
            problems.push(
                Problem::error(
                    "extensions",
                    ProblemCode::EmptyText,
                    "an extension attribute has an empty name",
                )
                .with_vi("một thuộc tính mở rộng có tên để trống"),
            );
        }
    }

    fn check_dates(&self, at: NaiveDate, problems: &mut Problems) {
        if at < self.established {
            problems.push(
                Problem::warning(
                    "established",
                    ProblemCode::CheckedBeforeEstablished,
                    format!(
                        "checked at {at}, before the organisation was established on {}",
                        self.established
                    ),
                )
                .with_vi(format!(
                    "kiểm tra tại ngày {at}, trước ngày thành lập tổ chức {}",
                    self.established
                )),
            );
        }
        match self.dissolved {
            Some(dissolved) if dissolved < self.established => {
                problems.push(
                    Problem::error(
                        "dissolved",
                        ProblemCode::DissolvedBeforeEstablished,
                        format!(
                            "dissolved on {dissolved}, before it was established on {}",
                            self.established
                        ),
                    )
                    .with_vi(format!(
                        "giải thể ngày {dissolved}, trước ngày thành lập {}",
                        self.established
                    )),
                );
            }
            _ => {}
        }
        match (self.status, self.dissolved) {
            (OrgStatus::Dissolved, None) => problems.push(
                Problem::warning(
                    "dissolved",
                    ProblemCode::StatusDateMismatch,
                    "status is dissolved but no dissolution date is given",
                )
                .with_vi("trạng thái là đã giải thể nhưng không có ngày giải thể"),
            ),
            (status, Some(dissolved)) if status != OrgStatus::Dissolved && dissolved <= at => {
                problems.push(Problem::warning(
                    "status",
                    ProblemCode::StatusDateMismatch,
                    format!(
                        "status is {status} at {at}, but the organisation was dissolved on \
                         {dissolved}"
                    ),
                )
.with_vi(format!("trạng thái là {} tại ngày {at}, nhưng tổ chức đã giải thể ngày {dissolved}", crate::Labelled::label(&status, Lang::Vi))));
            }
            _ => {}
        }
    }

    fn check_membership(&self, at: NaiveDate, problems: &mut Problems) {
        let law = Law::in_force_at(at);
        let active = self.is_active_at(at);
        match self.kind {
            OrgKind::CooperativeGroup | OrgKind::Cooperative => {
                if let Some(coops) = self.member_coops {
                    problems.push(Problem::warning(
                        "member_coops",
                        ProblemCode::MemberCoopsOnNonUnion,
                        format!(
                            "{} given for {}: only a union of cooperatives (lhhtx) has member \
                             cooperatives",
                            count_of(coops, "member cooperative", "member cooperatives"),
                            kind_phrase(self.kind)
                        ),
                    )
.with_vi(format!("có {coops} hợp tác xã thành viên cho {}: chỉ liên hiệp hợp tác xã (lhhtx) có hợp tác xã thành viên", kind_phrase_vi(self.kind))));
                }
                let min = law.min_members(self.kind);
                match self.members {
                    Some(members) if active && members < min => {
                        problems.push(Problem::error(
                            "members",
                            ProblemCode::TooFewMembers,
                            format!(
                                "{} at {at}, fewer than the {min} that {} requires of {}",
                                count_of(members, "official member", "official members"),
                                law.basis(self.kind),
                                kind_phrase(self.kind)
                            ),
                        )
.with_vi(format!("{members} thành viên chính thức tại ngày {at}, ít hơn {min} mà {} yêu cầu đối với {}", basis_vi(law, self.kind), kind_phrase_vi(self.kind))));
                    }
                    _ => {}
                }
            }
            OrgKind::CooperativeUnion => {
                let min = law.min_member_coops(self.kind).unwrap_or(0);
                match self.member_coops {
                    Some(coops) if active && coops < min => {
                        problems.push(Problem::error(
                            "member_coops",
                            ProblemCode::TooFewMemberCooperatives,
                            format!(
                                "{} at {at}, fewer than the {min} that {} requires of {}",
                                count_of(coops, "member cooperative", "member cooperatives"),
                                law.basis(self.kind),
                                kind_phrase(self.kind)
                            ),
                        )
.with_vi(format!("{coops} hợp tác xã thành viên tại ngày {at}, ít hơn {min} mà {} yêu cầu đối với {}", basis_vi(law, self.kind), kind_phrase_vi(self.kind))));
                    }
                    _ => {}
                }
            }
        }
    }

    fn check_ratings(&self, problems: &mut Problems) {
        let first_year = self.established_year();
        for (&year, rating) in self.ratings.range(..first_year) {
            problems.push(
                Problem::error(
                    format!("ratings.{year}"),
                    ProblemCode::RatingBeforeEstablished,
                    format!(
                    "rated {rating} for {year}, before {first_year}, the year the organisation \
                     was established"
                ),
                )
                .with_vi(format!(
                    "xếp loại {} cho năm {year}, trước năm {first_year} là năm thành lập tổ chức",
                    crate::Labelled::label(rating, Lang::Vi)
                )),
            );
        }
        if !self.kind.is_rated() && !self.ratings.is_empty() {
            let mut years = String::new();
            for (i, year) in self.ratings.keys().enumerate() {
                if i > 0 {
                    years.push_str(", ");
                }
                let _ = write!(years, "{year}");
            }
            problems.push(
                Problem::warning(
                    "ratings",
                    ProblemCode::RatingForGroup,
                    format!(
                        "{} is not rated, but has ratings for {years}",
                        kind_phrase(self.kind)
                    ),
                )
                .with_vi(format!(
                    "{} không được xếp loại, nhưng có xếp loại các năm {years}",
                    kind_phrase_vi(self.kind)
                )),
            );
        }
    }

    fn check_figures(&self, problems: &mut Problems) {
        if let Some(total) = self.key_staff {
            for (path, count, what, what_vi) in [
                (
                    "key_staff_trained",
                    self.key_staff_trained,
                    "trained key staff",
                    "cán bộ chủ chốt được đào tạo",
                ),
                (
                    "key_staff_refreshed",
                    self.key_staff_refreshed,
                    "key staff given refresher courses",
                    "cán bộ chủ chốt được bồi dưỡng",
                ),
            ] {
                match count {
                    Some(n) if n > total => problems.push(
                        Problem::error(
                            path,
                            ProblemCode::KeyStaffAboveTotal,
                            format!("{n} {what}, more than the {total} key staff in total"),
                        )
                        .with_vi(format!(
                            "{n} {what_vi}, nhiều hơn tổng số {total} cán bộ chủ chốt"
                        )),
                    ),
                    _ => {}
                }
            }
        }
        for (path, amount, what, what_vi) in [
            ("revenue_vnd", self.revenue_vnd, "revenue", "doanh thu"),
            (
                "avg_income_vnd",
                self.avg_income_vnd,
                "average member income",
                "thu nhập bình quân của thành viên",
            ),
        ] {
            match amount {
                Some(v) if v < Decimal::ZERO => problems.push(
                    Problem::error(
                        path,
                        ProblemCode::NegativeMoney,
                        format!("{what} of {v} VND is negative"),
                    )
                    .with_vi(format!("{what_vi} {v} đồng là số âm")),
                ),
                _ => {}
            }
        }
    }
}
