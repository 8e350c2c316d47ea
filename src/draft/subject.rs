//! From what a target sentence says (its subject words, unit and
//! comparator) to the measure the engine evaluates: the same measures the
//! catalogue's seed plans use for the same words.

use chrono::NaiveDate;

use super::reason;
use super::split::folded;
use crate::bilingual::Bilingual;
use crate::org::{Flag, OrgKind, Rating, Sector};
use crate::plan::{
    DateWindow, Field, FigureBase, FigureScale, Measure, Population, Subject, TargetPhrase,
};
use crate::threshold::Unit;
use crate::Filter;

/// What the clause before gives the clause read: the kinds of an
/// enumeration ("1.200 hợp tác xã với 278.000 thành viên") and whether it
/// counts new organisations ("thành lập mới 20 HTX, với 500 thành viên").
#[derive(Debug, Clone, Default)]
pub(super) struct Carry {
    pub kinds: Vec<OrgKind>,
    pub new: bool,
}

/// The parent of a "trong đó" child: the numerator and denominator of its
/// share.
#[derive(Debug, Clone)]
pub(super) struct Parent {
    pub numerator: Filter,
    pub denominator: Filter,
}

/// A measure read from a clause.
#[derive(Debug, Clone)]
pub(super) struct Mapped {
    pub measure: Measure,
    /// The kinds named (for the next clause of an enumeration).
    pub kinds: Vec<OrgKind>,
    /// Counts organisations established in a window (set later).
    pub new: bool,
    /// A short name for the id: `htx.count`, `good_fair.share`.
    pub name: String,
    /// Readings the text leaves open, in both languages.
    pub doubts: Vec<Bilingual>,
}

/// A placeholder window, replaced once the plan's period is known.
pub(super) fn placeholder_window(deadline: NaiveDate) -> DateWindow {
    DateWindow::new(deadline, deadline).unwrap_or_else(|_| {
        DateWindow::new(NaiveDate::MIN, NaiveDate::MAX).expect("a window in order")
    })
}

fn kind_code(kinds: &[OrgKind]) -> String {
    if kinds.is_empty() {
        return "kttt".to_owned();
    }
    kinds
        .iter()
        .map(|k| match k {
            OrgKind::CooperativeGroup => "tht",
            OrgKind::Cooperative => "htx",
            OrgKind::CooperativeUnion => "lhhtx",
        })
        .collect::<Vec<_>>()
        .join("_")
}

fn kind_filter(kinds: &[OrgKind]) -> Option<Filter> {
    (!kinds.is_empty()).then(|| Filter::OrgKind { is: kinds.to_vec() })
}

fn and(filters: Vec<Filter>) -> Filter {
    match filters.len() {
        0 => Filter::Everything,
        1 => filters.into_iter().next().unwrap_or(Filter::Everything),
        _ => Filter::all(filters),
    }
}

/// Maps a clause's reading to a measure, or says why it cannot.
pub(super) fn map(
    phrase: &TargetPhrase,
    deadline: NaiveDate,
    carry: &Carry,
    parent: Option<&Parent>,
    per_place: bool,
) -> Result<Mapped, Vec<Bilingual>> {
    let text = phrase.text();
    let f = folded(text);
    let subjects = phrase.subjects();
    let has = |s: Subject| subjects.contains(&s);
    let mut doubts = Vec::new();

    let mut kinds: Vec<OrgKind> = Vec::new();
    for s in subjects {
        let k = match s {
            Subject::CooperativeGroup => OrgKind::CooperativeGroup,
            Subject::Cooperative => OrgKind::Cooperative,
            Subject::Union => OrgKind::CooperativeUnion,
            _ => continue,
        };
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    let member_coops = f.contains("hop tac xa thanh vien") || f.contains("htx thanh vien");
    if member_coops {
        // "liên hiệp … với khoảng 50 hợp tác xã thành viên": the cooperatives
        // are what is summed, not a kind.
        kinds.retain(|k| *k != OrgKind::Cooperative);
    }
    let collective = has(Subject::CollectiveOrganisation);
    let inherited = kinds.is_empty() && !collective && !carry.kinds.is_empty();
    if inherited {
        kinds = carry.kinds.clone();
    }
    if has(Subject::CreditFund) {
        return Err(vec![reason(
            "quỹ tín dụng nhân dân: mô hình kế hoạch chưa có bộ lọc riêng cho câu này",
            "people's credit funds: no filter drafted for them",
        )]);
    }
    // "thành lập 2.000 HTX" (establish) counts new organisations, as
    // "thành lập mới" does.
    let establish = f.contains("thanh lap");
    let new = has(Subject::New) || carry.new || establish;
    // "hợp tác xã quy mô cấp tỉnh / quy mô lớn": a scale the registry does
    // not record; drafting without it would count every organisation.
    if [
        "hop tac xa quy mo",
        "htx quy mo",
        "to hop tac quy mo",
        "tht quy mo",
    ]
    .iter()
    .any(|w| f.contains(w))
    {
        return Err(vec![reason(
            "tổ chức theo `quy mô …`: sổ đăng ký không ghi quy mô này; không soạn",
            "organisations of a `quy mô …` (scale) the registry does not record: not drafted",
        )]);
    }
    let mut extra: Vec<Filter> = Vec::new();
    let agriculture = Filter::Sector {
        is: vec![Sector::Agriculture],
    };
    let non_agri = f.contains("phi nong nghiep");
    // "HTX NN": the domain's abbreviation of nông nghiệp, after a kind.
    let nn = ["htx nn", "hop tac xa nn", "tht nn", "to hop tac nn"]
        .iter()
        .any(|w| {
            f.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .contains(w)
        });
    let agri = nn || f.replace("phi nong nghiep", "").contains("nong nghiep");
    if non_agri && agri {
        doubts.push(reason(
            "`nông nghiệp và phi nông nghiệp`: mọi lĩnh vực, không lọc theo lĩnh vực",
            "`nông nghiệp` and `phi nông nghiệp` (agricultural and not): every sector, no sector filter",
        ));
    } else if non_agri {
        extra.push(Filter::not(agriculture));
        doubts.push(reason(
            "`phi nông nghiệp` đọc là mọi lĩnh vực trừ nông nghiệp",
            "`phi nông nghiệp` read as every sector but agriculture",
        ));
    } else if agri {
        extra.push(agriculture);
        doubts.push(reason(
            "`nông nghiệp` (`NN`) đọc là lĩnh vực nông nghiệp của tổ chức",
            "`nông nghiệp` (`NN`) read as the organisations' sector, agriculture",
        ));
    }
    let base_filter = |extra: &[Filter]| {
        let mut v: Vec<Filter> = kind_filter(&kinds).into_iter().collect();
        v.extend(extra.iter().cloned());
        and(v)
    };

    let mut flags: Vec<Flag> = Vec::new();
    for s in subjects {
        let fl = match s {
            Subject::ValueChain => Flag::ValueChain,
            Subject::HighTech => Flag::HighTech,
            Subject::Digital => Flag::Digital,
            Subject::FemaleDirector => Flag::FemaleDirector,
            Subject::PaperOnly => Flag::PaperOnly,
            _ => continue,
        };
        if !flags.contains(&fl) {
            flags.push(fl);
        }
    }
    let flag_filter = match flags.len() {
        0 => None,
        1 => flags.first().map(|f| Filter::flag(*f)),
        _ => {
            doubts.push(reason(
                "nhiều thuộc tính đọc là `hoặc` (một tổ chức có một trong các thuộc tính)",
                "several attributes read as `or` (an organisation with any of them)",
            ));
            Some(Filter::any(flags.iter().map(|f| Filter::flag(*f))))
        }
    };
    let mut ratings: Vec<Rating> = Vec::new();
    let effective = has(Subject::Effective);
    if has(Subject::Good) || has(Subject::Fair) || effective {
        ratings.extend([Rating::Good, Rating::Fair]);
        if effective {
            doubts.push(reason(
                "`hoạt động hiệu quả` đọc là xếp loại khá trở lên (tốt, khá)",
                "`hoạt động hiệu quả` (operating effectively) read as rated good or fair",
            ));
        }
    } else if has(Subject::Weak) {
        ratings.push(Rating::Weak);
    } else if has(Subject::Average) {
        ratings.push(Rating::Average);
    }
    let rating_filter = (!ratings.is_empty()).then(|| Filter::Rating {
        is: ratings.clone(),
    });
    let code = kind_code(&kinds);
    let unit = phrase.threshold().unit().clone();

    let window = placeholder_window(deadline);
    let mapped = |measure: Measure, name: String, doubts: Vec<Bilingual>| Mapped {
        measure,
        kinds: kinds.clone(),
        new,
        name,
        doubts,
    };

    // A growth target's unit is its rate: the measure is what grows.
    if phrase.growth().is_some() {
        doubts.push(reason(
            "mục tiêu tăng trưởng: giá trị gốc lấy từ số liệu năm gốc",
            "a growth target: the base value comes from the base year's snapshot",
        ));
        let filter = base_filter(&extra);
        let (measure, name) = if has(Subject::Revenue) {
            (Measure::mean(Field::RevenueVnd, filter), "revenue.growth")
        } else if has(Subject::Income) {
            (Measure::mean(Field::AvgIncomeVnd, filter), "income.growth")
        } else if has(Subject::Member) {
            (Measure::sum(Field::Members, filter), "members.growth")
        } else if !kinds.is_empty() && !has(Subject::KeyStaff) {
            (Measure::count(filter), "count.growth")
        } else {
            return Err(vec![reason(
                "mục tiêu tăng trưởng nhưng không nhận ra đại lượng tăng",
                "a growth target, but what grows was not recognised",
            )]);
        };
        return Ok(mapped(measure, format!("{code}.{name}"), doubts));
    }
    match unit {
        Unit::Percent => {
            if has(Subject::Population) {
                let base = FigureBase::sum(Field::Members, base_filter(&[]));
                doubts.push(reason(
                    "tỷ lệ dân số: thành viên chính thức của các tổ chức chia cho số liệu `population` cung cấp khi đánh giá",
                    "share of the population: official members of the organisations over the figure `population`, supplied at evaluation",
                ));
                return Ok(mapped(
                    Measure::against(base, "population", FigureScale::Percent),
                    "population.share".into(),
                    doubts,
                ));
            }
            // "tỷ lệ cán bộ hợp tác xã có trình độ …": the staff of the
            // organisations, which the registry knows as key staff.
            let staff_words =
                !has(Subject::KeyStaff) && (f.contains("ty le can bo") || f.starts_with("can bo"));
            if staff_words {
                doubts.push(reason(
                    "`cán bộ` đọc là cán bộ chủ chốt (sổ đăng ký chỉ ghi cán bộ chủ chốt)",
                    "`cán bộ` (staff) read as key staff (the registry records key staff only)",
                ));
            }
            if has(Subject::KeyStaff) || staff_words {
                let qualified = f.contains("tot nghiep") || f.contains("trinh do");
                let numerator = if f.contains("dao tao") {
                    Field::KeyStaffTrained
                } else if f.contains("boi duong") {
                    Field::KeyStaffRefreshed
                } else if qualified {
                    doubts.push(reason(
                        "trình độ, bằng cấp của cán bộ: sổ đăng ký chỉ ghi cán bộ đã qua đào tạo; đọc gần đúng là cán bộ đã qua đào tạo",
                        "the staff's level or degree: the registry records only trained key staff; approximated by trained key staff",
                    ));
                    Field::KeyStaffTrained
                } else {
                    return Err(vec![reason(
                        "cán bộ chủ chốt: không rõ đã qua đào tạo hay được bồi dưỡng",
                        "key staff: neither `đào tạo` (trained) nor `bồi dưỡng` (refresher courses) is said",
                    )]);
                };
                let name = if numerator == Field::KeyStaffTrained {
                    "key_staff_trained.ratio"
                } else {
                    "key_staff_refreshed.ratio"
                };
                return Ok(mapped(
                    Measure::ratio_of_sums(numerator, Field::KeyStaff, base_filter(&[])),
                    format!("{code}.{name}"),
                    doubts,
                ));
            }
            if let Some(p) = parent {
                let numerator = match (&rating_filter, &flag_filter) {
                    (None, Some(fl)) => fl.clone(),
                    (Some(r), None) => r.clone(),
                    _ => {
                        return Err(vec![reason(
                            "câu `trong đó` không nêu một thuộc tính đọc được",
                            "the `trong đó` clause names no attribute that reads",
                        )])
                    }
                };
                doubts.push(reason(
                    "`trong đó`: tỷ lệ trong số tổ chức của tử số mục tiêu trước",
                    "`trong đó` (of which): a share among the organisations of the previous target's numerator",
                ));
                let denominator = Filter::all([p.denominator.clone(), p.numerator.clone()]);
                return Ok(mapped(
                    Measure::share(numerator, denominator),
                    format!("{code}.of_which.share"),
                    doubts,
                ));
            }
            match (&rating_filter, &flag_filter) {
                (Some(r), None) => {
                    let mut den: Vec<Filter> = kind_filter(&kinds).into_iter().collect();
                    den.extend(extra.iter().cloned());
                    // "… chiếm 36% tổng số HTX đang hoạt động": the text names
                    // the denominator, all the organisations, not the rated ones.
                    let percent_at = f.find('%').unwrap_or(f.len());
                    let of_all = f.get(percent_at..).is_some_and(|a| a.contains("tong so"));
                    if of_all {
                        doubts.push(reason(
                            "`tổng số …`: tỷ lệ trên tất cả tổ chức đang hoạt động, kể cả chưa được xếp loại",
                            "`tổng số …` (of all): a share among all active organisations, rated or not",
                        ));
                    } else {
                        den.push(Filter::Rated);
                    }
                    let name = match ratings.as_slice() {
                        [Rating::Weak] => "weak",
                        [Rating::Average] => "average",
                        _ if effective => "effective",
                        _ => "good_fair",
                    };
                    if collective || kinds.is_empty() {
                        doubts.push(reason(
                            "tỷ lệ xếp loại tính trên các tổ chức được xếp loại trong năm (tổ hợp tác không được xếp loại)",
                            "the rating share is taken among the organisations rated for the year (cooperative groups are not rated)",
                        ));
                    }
                    Ok(mapped(
                        Measure::share(r.clone(), and(den)),
                        format!("{code}.{name}.share"),
                        doubts,
                    ))
                }
                (None, Some(fl)) => {
                    let name = flags
                        .iter()
                        .map(|f| f.code())
                        .collect::<Vec<_>>()
                        .join("_");
                    Ok(mapped(
                        Measure::share(fl.clone(), base_filter(&extra)),
                        format!("{code}.{name}.share"),
                        doubts,
                    ))
                }
                (Some(_), Some(_)) => Err(vec![reason(
                    "câu nêu cả xếp loại và thuộc tính: không rõ tỷ lệ nào trên nền nào",
                    "the clause names both a rating and an attribute: which is the share of which is not clear",
                )]),
                (None, None) => Err(vec![reason(
                    "tỷ lệ phần trăm nhưng không nhận ra tổ chức nào được tính (xếp loại, thuộc tính, cán bộ, dân số)",
                    "a percentage, but what is counted (a rating, an attribute, staff, population) was not recognised",
                )]),
            }
        }
        Unit::Vnd | Unit::VndPerMonth => {
            let field = if has(Subject::Revenue) {
                Field::RevenueVnd
            } else if has(Subject::Income) {
                Field::AvgIncomeVnd
            } else {
                return Err(vec![reason(
                    "số tiền nhưng không phải doanh thu hay thu nhập",
                    "an amount of money, but neither revenue nor income",
                )]);
            };
            if !f.contains("binh quan") && !f.contains("trung binh") {
                doubts.push(reason(
                    "không có `bình quân`: đọc là giá trị trung bình mỗi tổ chức",
                    "no `bình quân` (average): read as the mean per organisation",
                ));
            }
            let mut own = kinds.clone();
            if own.is_empty() {
                own.push(OrgKind::Cooperative);
                doubts.push(reason(
                    "không nêu loại tổ chức: đọc là hợp tác xã",
                    "no kind named: read as cooperatives",
                ));
            }
            let name = if field == Field::RevenueVnd {
                "revenue"
            } else {
                "income"
            };
            let mut v: Vec<Filter> = kind_filter(&own).into_iter().collect();
            v.extend(extra.iter().cloned());
            Ok(Mapped {
                measure: Measure::mean(field, and(v)),
                kinds: own.clone(),
                new,
                name: format!("{}.{name}.mean", kind_code(&own)),
                doubts,
            })
        }
        Unit::PerUnit { per } => {
            let figure = match folded(&per).as_str() {
                "xa" => "communes",
                "huyen" => "districts",
                "tinh" => "provinces",
                other => {
                    return Err(vec![reason(
                        format!("bình quân trên `{other}`: không biết số liệu nào"),
                        format!("an average per `{other}`: no known figure"),
                    )])
                }
            };
            let base = if new {
                FigureBase::new_in(base_filter(&extra), window)
            } else {
                FigureBase::count(base_filter(&extra))
            };
            doubts.push(reason(
                format!("chia cho số liệu `{figure}` cung cấp khi đánh giá"),
                format!("divided by the figure `{figure}`, supplied at evaluation"),
            ));
            Ok(mapped(
                Measure::against(base, figure, FigureScale::PerUnit),
                format!("{code}.per_{}", crate::draft::header::slug(&per)),
                doubts,
            ))
        }
        Unit::Items => {
            doubts.push(reason(
                "hoạt động không có trong sổ đăng ký: giá trị báo cáo",
                "an activity no registry holds: a reported value",
            ));
            Ok(mapped(Measure::Reported, "reported".into(), doubts))
        }
        Unit::Members => {
            if !has(Subject::Member) {
                return Err(vec![reason(
                    "số người nhưng không phải thành viên",
                    "a number of people, but not members",
                )]);
            }
            if f.contains("lien ket") {
                return Err(vec![reason(
                    "thành viên liên kết: chưa soạn",
                    "associate members: not drafted",
                )]);
            }
            if kinds.is_empty() && !collective {
                doubts.push(reason(
                    "không nêu loại tổ chức: thành viên của mọi tổ chức",
                    "no kind named: members of every organisation",
                ));
            }
            doubts.push(reason(
                "`thành viên` đọc là thành viên chính thức",
                "`thành viên` read as official members",
            ));
            if new {
                let mut v: Vec<Filter> = kind_filter(&kinds).into_iter().collect();
                v.push(Filter::EstablishedIn { window });
                doubts.push(reason(
                    "thành viên của các tổ chức thành lập mới trong kỳ, mọi trạng thái",
                    "members of the organisations established in the window, whatever their status",
                ));
                return Ok(mapped(
                    Measure::sum(Field::Members, and(v)).with_population(Population::AnyStatus),
                    format!("{code}.new_members"),
                    doubts,
                ));
            }
            Ok(mapped(
                Measure::sum(Field::Members, base_filter(&extra)),
                format!("{code}.members"),
                doubts,
            ))
        }
        Unit::Organisations => {
            if member_coops {
                if !kinds.contains(&OrgKind::CooperativeUnion) {
                    return Err(vec![reason(
                        "hợp tác xã thành viên nhưng không phải của liên hiệp",
                        "member cooperatives, but not of unions",
                    )]);
                }
                return Ok(Mapped {
                    measure: Measure::sum(
                        Field::MemberCoops,
                        Filter::kind(OrgKind::CooperativeUnion),
                    ),
                    kinds: vec![OrgKind::CooperativeUnion],
                    new,
                    name: "lhhtx.member_coops".into(),
                    doubts,
                });
            }
            if kinds.is_empty() && !collective {
                return Err(vec![reason(
                    "số lượng nhưng không nhận ra loại tổ chức",
                    "a count, but no kind of organisation was recognised",
                )]);
            }
            // Asked of each place ("mỗi xã có ít nhất 01 HTX đạt loại khá"),
            // a count by rating is what the plan means.
            if rating_filter.is_some() && !per_place {
                return Err(vec![reason(
                    "số tổ chức theo xếp loại: chưa soạn (thường là tỷ lệ)",
                    "a count of organisations by rating: not drafted (usually a share)",
                )]);
            }
            let support = f.starts_with("ho tro") && !new;
            if support {
                doubts.push(reason(
                    "`hỗ trợ … hợp tác xã`: số tổ chức được hỗ trợ, sổ đăng ký không ghi; giá trị báo cáo",
                    "`hỗ trợ … hợp tác xã` (support … cooperatives): the registry does not record support; a reported value",
                ));
                return Ok(mapped(
                    Measure::Reported,
                    format!("{code}.supported"),
                    doubts,
                ));
            }
            if new {
                let mut v: Vec<Filter> = kind_filter(&kinds).into_iter().collect();
                v.extend(extra.iter().cloned());
                if let Some(fl) = &flag_filter {
                    v.push(fl.clone());
                }
                doubts.push(reason(
                    "thành lập mới: tổ chức thành lập trong kỳ, mọi trạng thái hiện nay",
                    "newly established: organisations established in the window, whatever their status now",
                ));
                return Ok(mapped(
                    Measure::new_in(and(v), window),
                    format!("{code}.new"),
                    doubts,
                ));
            }
            let mut v: Vec<Filter> = kind_filter(&kinds).into_iter().collect();
            v.extend(extra.iter().cloned());
            let mut name = format!("{code}.count");
            if let Some(r) = &rating_filter {
                v.push(r.clone());
                name = format!("{code}.rated.count");
                doubts.push(reason(
                    "xếp loại của năm của kỳ số liệu",
                    "the rating of the snapshot's year",
                ));
            }
            if let Some(fl) = &flag_filter {
                v.push(fl.clone());
                let n: Vec<&str> = flags.iter().map(|f| f.code()).collect();
                name = format!("{code}.{}.count", n.join("_"));
            }
            Ok(mapped(Measure::count(and(v)), name, doubts))
        }
    }
}
