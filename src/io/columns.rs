//! Which registry columns a plan's targets read ([`columns_read`]), and which
//! of them a file lacks ([`missing_columns`]).

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{col, COLUMNS};
use crate::ids::TargetId;
use crate::org::Flag;
use crate::plan::{Field, FigureBase, Filter, Measure, Population};
use crate::report::{NoDataReason, Note, Report, TargetStatus};
use crate::Plan;

/// Adds the columns `filter` reads to `out`.
fn filter_columns(filter: &Filter, out: &mut BTreeSet<String>) {
    // An explicit stack: filters may nest deeply, and no recursion is
    // unbounded here.
    let mut stack = vec![filter];
    while let Some(f) = stack.pop() {
        let column: Option<&str> = match f {
            Filter::Everything => None,
            Filter::All { of } | Filter::Any { of } => {
                stack.extend(of.iter());
                None
            }
            Filter::Not { filter } => {
                stack.push(filter);
                None
            }
            Filter::OrgKind { .. } => Some("kind"),
            Filter::Status { .. } => Some("status"),
            Filter::Active => {
                out.insert("dissolved".into());
                Some("status")
            }
            Filter::Sector { .. } => Some("sector"),
            Filter::Rated | Filter::Rating { .. } => {
                out.insert("kind".into());
                Some("rating")
            }
            Filter::Flag { flag } => Some(flag_column(*flag)),
            Filter::Province { .. } => Some("province"),
            Filter::District { .. } => Some("district"),
            Filter::Commune { .. } => Some("commune"),
            Filter::EstablishedIn { .. } => Some("established"),
            Filter::Number { name, .. } | Filter::Boolean { name, .. } => {
                out.insert(name.clone());
                None
            }
            // A filter added later reads columns this function does not
            // know: none is claimed for it (the engine still refuses what it
            // cannot evaluate).
            #[allow(unreachable_patterns)]
            _ => None,
        };
        if let Some(c) = column {
            out.insert(c.to_owned());
        }
    }
}

fn flag_column(flag: Flag) -> &'static str {
    let c = match flag {
        Flag::ValueChain => col::VALUE_CHAIN,
        Flag::HighTech => col::HIGH_TECH,
        Flag::Digital => col::DIGITAL,
        Flag::FemaleDirector => col::FEMALE_DIRECTOR,
        Flag::PaperOnly => col::PAPER_ONLY,
    };
    COLUMNS.get(c).copied().unwrap_or_default()
}

fn field_column(field: &Field, out: &mut BTreeSet<String>) {
    match field.built_in() {
        Some(f) => {
            out.insert(f.code().to_owned());
        }
        None => {
            if let Field::Extension { name } = field {
                out.insert(name.clone());
            }
        }
    }
}

fn population_columns(population: &Population, out: &mut BTreeSet<String>) {
    if *population == Population::Active {
        out.insert("status".into());
        out.insert("dissolved".into());
    }
}

fn measure_columns(measure: &Measure, out: &mut BTreeSet<String>) {
    match measure {
        Measure::Count { filter, population } => {
            filter_columns(filter, out);
            population_columns(population, out);
        }
        Measure::New { filter, .. } => {
            filter_columns(filter, out);
            out.insert("established".into());
        }
        Measure::Sum {
            field,
            filter,
            population,
        }
        | Measure::Mean {
            field,
            filter,
            population,
        } => {
            field_column(field, out);
            filter_columns(filter, out);
            population_columns(population, out);
        }
        Measure::Share {
            numerator,
            denominator,
            population,
        } => {
            filter_columns(numerator, out);
            filter_columns(denominator, out);
            population_columns(population, out);
        }
        Measure::RatioOfSums {
            numerator,
            denominator,
            filter,
            population,
        } => {
            field_column(numerator, out);
            field_column(denominator, out);
            filter_columns(filter, out);
            population_columns(population, out);
        }
        Measure::Against { base, .. } => base_columns(base, out),
        Measure::Reported => {}
        #[allow(unreachable_patterns)]
        _ => {}
    }
}

fn base_columns(base: &FigureBase, out: &mut BTreeSet<String>) {
    // A base is a count, new or sum, never another `Against`: no recursion.
    match base.measure() {
        Measure::Against { .. } => {}
        m => measure_columns(m, out),
    }
}

/// The registry columns each target of `plan` reads, in the plan's order:
/// standard column names ([`read_csv`](super::read_csv)) and extension
/// attribute names. Targets measured by a reported value read none.
///
/// ```
/// use hoptac::{catalog, csv::columns_read};
/// let plan = catalog::get("nghe-an-363-2023").ok_or("plan")?;
/// let columns = columns_read(&plan);
/// let (_, share) = columns.iter().find(|(id, _)| id.as_str() == "na2030.good_fair.share").ok_or("target")?;
/// assert!(share.contains("rating"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn columns_read(plan: &Plan) -> Vec<(TargetId, BTreeSet<String>)> {
    plan.targets
        .iter()
        .map(|t| {
            let mut out = BTreeSet::new();
            measure_columns(&t.measure, &mut out);
            (t.id.clone(), out)
        })
        .collect()
}

/// A column that targets of a plan read and that a registry lacks.
///
/// ```
/// use hoptac::csv::MissingColumn;
/// let m = MissingColumn { column: "rating".into(), targets: vec!["na2030.good_fair.share".parse()?] };
/// assert_eq!(m.to_string(), "column `rating`, read by na2030.good_fair.share");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingColumn {
    /// The column.
    pub column: String,
    /// The targets that read it.
    pub targets: Vec<TargetId>,
}

impl fmt::Display for MissingColumn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column `{}`, read by ", self.column)?;
        for (i, t) in self.targets.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{t}")?;
        }
        Ok(())
    }
}

/// The columns that targets of `plan` read and that none of the snapshots
/// in `has` holds, except those in `allowed` (declared absent), each with
/// the targets that read it.
///
/// `has` is the columns the registry file had ([`Import::columns`](super::Import::columns)):
/// whether any organisation has a value in a column is not asked.
///
/// ```
/// use std::collections::BTreeSet;
/// use hoptac::{catalog, csv::missing_columns};
/// let plan = catalog::get("nghe-an-363-2023").ok_or("plan")?;
/// let header: BTreeSet<String> = ["id", "name", "kind", "sector", "province", "commune", "established", "status"]
///     .map(String::from).into();
/// let missing = missing_columns(&plan, &header, &BTreeSet::new());
/// assert!(missing.iter().any(|m| m.column == "rating"));
/// let allowed: BTreeSet<String> = missing.iter().map(|m| m.column.clone()).collect();
/// assert!(missing_columns(&plan, &header, &allowed).is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn missing_columns(
    plan: &Plan,
    has: &BTreeSet<String>,
    allowed: &BTreeSet<String>,
) -> Vec<MissingColumn> {
    let mut missing: Vec<MissingColumn> = Vec::new();
    for (target, columns) in columns_read(plan) {
        for c in columns {
            if has.contains(&c) || allowed.contains(&c) {
                continue;
            }
            match missing.iter_mut().find(|m| m.column == c) {
                Some(m) => m.targets.push(target.clone()),
                None => missing.push(MissingColumn {
                    column: c,
                    targets: vec![target.clone()],
                }),
            }
        }
    }
    missing.sort_by(|a, b| a.column.cmp(&b.column));
    missing
}

/// Marks the results of the targets that read a column declared absent
/// (thiếu cột) as giving no data with [`NoDataReason::ColumnAbsent`], and
/// returns their ids, in the plan's order.
///
/// A registry that lacks a column (`missing_columns` names it) and whose
/// user declares it absent (`plan_check --allow-missing COLUMN`) reads as if
/// every organisation lacked the value: a share over rated organisations
/// would show "the denominator is empty", a count of rated ones 0. Neither
/// is true: the value is unknown. After [`Plan::evaluate`], this function
/// says so: each such result loses its value, parts, breakdown, progress
/// and pace, its status becomes no data, and the notes that counted
/// organisations lacking a value go (they all lack it, by declaration).
///
/// ```
/// use std::collections::BTreeSet;
/// use hoptac::{catalog, csv::mark_columns_absent, Inputs, Lang, Registry};
/// let plan = catalog::get("nghe-an-363-2023").ok_or("plan")?;
/// let mut report = plan.evaluate(&Registry::new(), &Inputs::new("2025-12-31".parse()?))?;
/// let absent: BTreeSet<String> = ["rating".to_owned()].into();
/// let marked = mark_columns_absent(&mut report, &plan, &absent);
/// assert!(marked.iter().any(|id| id.as_str() == "na2030.good_fair.share"));
/// let share = report.target("na2030.good_fair.share").ok_or("target")?;
/// assert_eq!(share.no_data.as_ref().map(|w| w.text(Lang::En)).as_deref(),
///            Some("column absent: `rating` (declared absent from the registry)"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn mark_columns_absent(
    report: &mut Report,
    plan: &Plan,
    absent: &BTreeSet<String>,
) -> Vec<TargetId> {
    let mut marked = Vec::new();
    for (id, columns) in columns_read(plan) {
        let columns: Vec<String> = columns.intersection(absent).cloned().collect();
        if columns.is_empty() {
            continue;
        }
        let Some(result) = report.targets.iter_mut().find(|r| r.id == id) else {
            continue;
        };
        result.actual = None;
        result.parts = None;
        result.figure = None;
        result.met = None;
        result.aspiration_reached = None;
        result.status = TargetStatus::NoData;
        result.progress = None;
        result.pace = None;
        result.growth = None;
        result.breakdown = None;
        result
            .notes
            .retain(|n| !matches!(n, Note::OrganisationsMissing { .. }));
        result.no_data = Some(NoDataReason::ColumnAbsent { columns });
        marked.push(id);
    }
    marked
}
