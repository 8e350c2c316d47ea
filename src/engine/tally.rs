//! One pass over a snapshot: every registry target's numbers at once, as a
//! mergeable [`Tally`].

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::engine::pred::{CatKey, FilterTooDeep, Pred, CAT_KEY_BITS};
use crate::engine::scope::Scope;
use crate::engine::EvalError;
use crate::ids::{PlanId, TargetId};
use crate::org::{ExtValue, Slot as FieldSlot};
use crate::org::{OrgKind, Sector};
use crate::plan::{Field, Filter, GroupBy, Measure, Plan, Population};
use crate::registry::{day_number, Row, Snapshot};

/// The numbers behind one target's value in one snapshot, or in a part of
/// it. Every field adds up when parts are merged, so shares are recomputed
/// from summed numerators and denominators, never averaged.
///
/// What the numerator and denominator hold depends on the measure:
///
/// | measure | numerator | denominator |
/// |---|---|---|
/// | count, new | organisations counted | 0 |
/// | sum | the sum over organisations reporting the field | 0 |
/// | share | organisations in the numerator | organisations in the denominator |
/// | ratio of sums | sum of the numerator field | sum of the denominator field |
/// | mean | sum of the values | organisations reporting a value |
/// | against a figure | as its base measure | 0 (the figure is applied at the end) |
///
/// ```
/// use hoptac::tally::Parts;
/// let mut a = Parts::default();
/// a.numerator = 3.into();
/// a.denominator = 5.into();
/// let mut b = a.clone();
/// b.merge(&a)?;
/// assert_eq!((b.numerator, b.denominator), (6.into(), 10.into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Parts {
    /// See the table above.
    #[serde(with = "crate::serde_util::DecimalStr")]
    pub numerator: Decimal,
    /// See the table above.
    #[serde(with = "crate::serde_util::DecimalStr")]
    pub denominator: Decimal,
    /// Organisations that contributed a value.
    pub counted: u64,
    /// Organisations in the population that lacked a value the measure needs.
    pub missing: u64,
    /// Whether a sum overflowed; the value is then unknown.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub overflow: bool,
    /// On request: who is counted above the line (sorted ids).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator_ids: Option<Vec<String>>,
    /// On request: who is counted below the line (sorted ids; shares only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator_ids: Option<Vec<String>>,
    /// On request: who lacked a value (sorted ids).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing_ids: Option<Vec<String>>,
}

impl Parts {
    /// Adds `other` into `self`. An overflow is recorded in
    /// [`Parts::overflow`], never wrapped.
    ///
    /// # Errors
    ///
    /// Never at present; the `Result` leaves room for checks of the parts'
    /// compatibility.
    ///
    /// ```
    /// use hoptac::tally::Parts;
    /// let mut a = Parts { numerator: rust_decimal::Decimal::MAX, ..Parts::default() };
    /// a.merge(&a.clone())?;
    /// assert!(a.overflow);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge(&mut self, other: &Parts) -> Result<(), MergeError> {
        match (
            self.numerator.checked_add(other.numerator),
            self.denominator.checked_add(other.denominator),
            self.counted.checked_add(other.counted),
            self.missing.checked_add(other.missing),
        ) {
            (Some(n), Some(d), Some(c), Some(m)) => {
                self.numerator = n;
                self.denominator = d;
                self.counted = c;
                self.missing = m;
            }
            _ => self.overflow = true,
        }
        self.overflow |= other.overflow;
        for (mine, theirs) in [
            (&mut self.numerator_ids, &other.numerator_ids),
            (&mut self.denominator_ids, &other.denominator_ids),
            (&mut self.missing_ids, &other.missing_ids),
        ] {
            merge_ids(mine, theirs);
        }
        Ok(())
    }
}

fn merge_ids(mine: &mut Option<Vec<String>>, theirs: &Option<Vec<String>>) {
    match (mine.as_mut(), theirs) {
        (Some(a), Some(b)) => {
            a.extend(b.iter().cloned());
            a.sort_unstable();
        }
        (None, Some(b)) => *mine = Some(b.clone()),
        _ => {}
    }
}

/// Why two tallies cannot be merged.
///
/// ```
/// use hoptac::{catalog, tally::MergeError, Snapshot, Tally};
/// use chrono::NaiveDate;
/// let a = catalog::get("nghe-an-363-2023").ok_or("plan")?;
/// let b = catalog::get("lang-son-538-2019").ok_or("plan")?;
/// let date = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
/// let mut ta = Tally::of(&a, &Snapshot::new(date))?;
/// let err = ta.merge(&Tally::of(&b, &Snapshot::new(date))?).unwrap_err();
/// assert!(matches!(err, MergeError::DifferentPlans { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MergeError {
    /// They come from different plans.
    #[error("cannot merge tallies of plan `{left}` and plan `{right}`")]
    DifferentPlans {
        /// This tally's plan.
        left: String,
        /// The other's plan.
        right: String,
    },
    /// They come from snapshots of different dates.
    #[error("cannot merge tallies of snapshots dated {left} and {right}")]
    DifferentDates {
        /// This tally's date.
        left: NaiveDate,
        /// The other's date.
        right: NaiveDate,
    },
    /// Their targets differ (another version of the plan).
    #[error("cannot merge tallies with different targets: `{left}` against `{right}`")]
    DifferentTargets {
        /// This tally's target.
        left: String,
        /// The other's target.
        right: String,
    },
    /// The other tally holds a scan that this one already holds: merging
    /// would count the same organisations twice.
    #[error("cannot merge tallies that overlap: both hold the scan of the same {organisations} organisations (fingerprint {fingerprint}); merge each part once")]
    Overlap {
        /// Organisations in the scan held twice.
        organisations: u64,
        /// The fingerprint of that scan, in hexadecimal.
        fingerprint: String,
    },
}

impl MergeError {
    /// The error for people, in `lang` (English: as `Display` says it).
    ///
    /// ```
    /// use hoptac::{tally::MergeError, Lang};
    /// let err = MergeError::DifferentPlans { left: "a".into(), right: "b".into() };
    /// assert_eq!(err.text(Lang::Vi), "không gộp được bảng cộng dồn của kế hoạch `a` với của kế hoạch `b`");
    /// assert_eq!(err.text(Lang::En), err.to_string());
    /// ```
    pub fn text(&self, lang: crate::Lang) -> String {
        if lang == crate::Lang::En {
            return self.to_string();
        }
        match self {
            MergeError::DifferentPlans { left, right } => format!(
                "không gộp được bảng cộng dồn của kế hoạch `{left}` với của kế hoạch `{right}`"
            ),
            MergeError::DifferentDates { left, right } => format!(
                "không gộp được bảng cộng dồn của số liệu ngày {left} với của số liệu ngày {right}"
            ),
            MergeError::DifferentTargets { left, right } => format!(
                "không gộp được bảng cộng dồn có chỉ tiêu khác nhau: `{left}` với `{right}` (hai phiên bản khác nhau của kế hoạch)"
            ),
            MergeError::Overlap {
                organisations,
                fingerprint,
            } => format!(
                "không gộp được hai bảng cộng dồn chồng lên nhau: cả hai đều chứa lượt quét của cùng {organisations} tổ chức (dấu vân tay {fingerprint}); hãy gộp mỗi phần một lần"
            ),
        }
    }
}

/// What a tally holds: the fingerprint of one scanned snapshot (see
/// [`Tally::merge`] for what it guarantees).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(crate) struct Source {
    /// Organisations in the snapshot.
    pub(crate) organisations: u64,
    /// [`Snapshot::fingerprint`] of its ids.
    #[serde(with = "hex_u64")]
    #[cfg_attr(feature = "schema", schemars(with = "HexU64"))]
    pub(crate) fingerprint: u64,
}

impl Source {
    /// The sources of a scan of the whole of `snapshot`: none for an empty one.
    pub(crate) fn of(snapshot: &Snapshot) -> Vec<Source> {
        if snapshot.is_empty() {
            Vec::new()
        } else {
            vec![Source {
                organisations: snapshot.len() as u64,
                fingerprint: snapshot.fingerprint(),
            }]
        }
    }
}

/// The schema of [`hex_u64`].
#[cfg(feature = "schema")]
struct HexU64;

#[cfg(feature = "schema")]
impl schemars::JsonSchema for HexU64 {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "HexU64".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9a-fA-F]{1,16}$",
            "description": "a 64-bit number as hexadecimal digits (16 when written)",
        })
    }
}

/// A `u64` as 16 hexadecimal digits in JSON, so that no reader loses bits.
mod hex_u64 {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{v:016x}"))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        let text = String::deserialize(d)?;
        u64::from_str_radix(&text, 16).map_err(|_| {
            serde::de::Error::custom(format!(
                "invalid fingerprint `{}`: expected 16 hexadecimal digits",
                crate::text::excerpt(&text, 40)
            ))
        })
    }
}

/// The numbers of every registry target of a plan over one snapshot, or over
/// a part of one (a district, a province before merging, a thread's share).
///
/// A tally is a monoid: [`Tally::merge`] is associative and commutative, and
/// merging the tallies of disjoint parts gives exactly the tally of the
/// whole. It serializes, so parts can be computed on other machines.
///
/// ```
/// use hoptac::{Cooperative, org::Location, org::OrgId, org::OrgKind, Plan, plan::PlanId, org::Sector, Snapshot, Tally};
/// use chrono::NaiveDate;
/// let plan = hoptac::catalog::get("nghe-an-363-2023").unwrap();
/// let date = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
/// let org = |id: &str, district: &str| Cooperative::new(OrgId::new(id).unwrap(), id, OrgKind::Cooperative,
///     Sector::Agriculture, Location::new("Nghệ An", "X").with_district(district), NaiveDate::from_ymd_opt(2020, 1, 1).unwrap());
/// let part_a = Snapshot::from_cooperatives(date, [org("a", "Hưng Nguyên")])?;
/// let part_b = Snapshot::from_cooperatives(date, [org("b", "Nam Đàn")])?;
/// let whole = Snapshot::from_cooperatives(date, [org("a", "Hưng Nguyên"), org("b", "Nam Đàn")])?;
/// let mut merged = Tally::of(&plan, &part_a)?;
/// merged.merge(&Tally::of(&plan, &part_b)?)?;
/// assert_eq!(merged, Tally::of(&plan, &whole)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Tally {
    /// The plan.
    pub plan: PlanId,
    /// The snapshot's date.
    #[serde(with = "crate::serde_util::DateStr")]
    pub date: NaiveDate,
    /// Organisations scanned.
    pub organisations: u64,
    /// Organisations scanned that are outside the plan's scope (phạm vi:
    /// another province than [`Plan::province`]) and were left out of every
    /// target; they add up when tallies merge.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub outside_scope: u64,
    /// The plan names a province and no organisation scanned is of it, so
    /// every organisation was counted as given (and the report warns):
    /// DOMAIN.md, "Scope". Merged with a tally that has organisations of
    /// the province, this one's organisations become outside the scope.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub none_in_scope: bool,
    /// One entry per registry target, in the plan's order.
    pub targets: Vec<TargetTally>,
    /// The extension columns the plan reads that the scanned organisations
    /// hold (at least one has a value in them), sorted; see
    /// [`Tally::extension_columns`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) columns: Vec<String>,
    /// The scans merged into this tally, to refuse counting one twice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) sources: Vec<Source>,
}

/// Two tallies are equal when their plan, date and numbers are: the tally
/// of parts merged equals the tally of the whole, although it remembers
/// that it was merged from parts (to refuse merging one twice).
impl PartialEq for Tally {
    fn eq(&self, other: &Tally) -> bool {
        self.plan == other.plan
            && self.date == other.date
            && self.organisations == other.organisations
            && self.outside_scope == other.outside_scope
            && self.none_in_scope == other.none_in_scope
            && self.targets == other.targets
            && self.columns == other.columns
    }
}

impl Eq for Tally {}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Joins scoped threads in order; a thread's panic is raised again in the
/// caller, never dropped with that thread's result.
fn join_all<T>(handles: Vec<std::thread::ScopedJoinHandle<'_, T>>) -> Vec<T> {
    handles
        .into_iter()
        .map(|h| {
            h.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
        .collect()
}

/// Refuses a plan with validation errors: no public path evaluates one.
pub(crate) fn ensure_valid(plan: &Plan) -> Result<(), EvalError> {
    // Errors decide; the costly warning-only checks are skipped here and
    // run again, with everything, only to report the errors.
    if plan.validate_with(false).has_errors() {
        Err(EvalError::InvalidPlan(plan.validate()))
    } else {
        Ok(())
    }
}

/// Which group a breakdown's [`GroupParts`] are of: the group's value (a
/// place's name, a sector's or kind's code), or `None` for organisations
/// without one (no district); for a commune, its district too.
///
/// ```
/// use hoptac::tally::GroupKey;
/// let k = GroupKey { value: Some("Hưng Lợi".into()), district: Some("Hưng Nguyên".into()) };
/// assert_eq!(k.to_string(), "Hưng Lợi (Hưng Nguyên)");
/// assert_eq!(GroupKey { value: None, district: None }.to_string(), "—");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupKey {
    /// The group's value; `None` when the organisations lack one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// For a commune: its district.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
}

impl std::fmt::Display for GroupKey {
    /// `value (district)`, `—` for no value.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.value.as_deref().unwrap_or("—"))?;
        if let Some(d) = &self.district {
            write!(f, " ({d})")?;
        }
        Ok(())
    }
}

/// One group's [`Parts`] in a breakdown (no ids are kept per group).
///
/// ```
/// use hoptac::tally::{GroupKey, GroupParts, Parts};
/// let g = GroupParts { key: GroupKey { value: Some("Nam Đàn".into()), district: None }, parts: Parts::default() };
/// assert_eq!(g.parts.counted, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupParts {
    /// The group.
    pub key: GroupKey,
    /// Its numbers.
    pub parts: Parts,
}

/// Merges sorted groups: parts of the same group add up.
fn merge_groups(mine: &mut Vec<GroupParts>, theirs: &[GroupParts]) -> Result<(), MergeError> {
    for g in theirs {
        match mine.binary_search_by(|m| m.key.cmp(&g.key)) {
            Ok(i) => mine[i].parts.merge(&g.parts)?,
            Err(i) => mine.insert(i, g.clone()),
        }
    }
    Ok(())
}

/// One target's [`Parts`] in a [`Tally`].
///
/// ```
/// use hoptac::{catalog, Snapshot, Tally};
/// let plan = catalog::get("nghe-an-363-2023").ok_or("plan")?;
/// let tally = Tally::of(&plan, &Snapshot::new(chrono::NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?))?;
/// // The 14 targets of the plan all read the registry.
/// assert_eq!(tally.targets.len(), 14);
/// assert_eq!(tally.targets[0].target.as_str(), "na2030.tht.count");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TargetTally {
    /// The target.
    pub target: TargetId,
    /// Its numbers.
    pub parts: Parts,
    /// For a target with a breakdown: the numbers of each group present in
    /// the measure's population, sorted by group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupParts>,
}

/// Options of a scan.
///
/// ```
/// let opts = hoptac::tally::ScanOptions { drill_down: true };
/// assert!(opts.drill_down);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScanOptions {
    /// Keep the ids of the organisations behind each number.
    #[serde(default)]
    pub drill_down: bool,
}

impl Tally {
    /// Scans `snapshot` once for every registry target of `plan`.
    ///
    /// # Errors
    ///
    /// [`EvalError::InvalidPlan`] when [`Plan::validate`] finds errors (a
    /// plan with errors is never evaluated), [`EvalError::FilterTooDeep`]
    /// when a filter nests deeper than [`crate::plan::MAX_FILTER_DEPTH`].
    /// ```
    /// use hoptac::{catalog, Snapshot, Tally};
    /// let plan = catalog::get("lang-son-538-2019").ok_or("plan")?;
    /// let tally = Tally::of(&plan, &Snapshot::new(chrono::NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?))?;
    /// assert_eq!(tally.organisations, 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of(plan: &Plan, snapshot: &Snapshot) -> Result<Tally, EvalError> {
        Tally::with_options(plan, snapshot, ScanOptions::default())
    }

    /// [`Tally::of`] with options (drill-down).
    ///
    /// # Errors
    ///
    /// As [`Tally::of`].
    /// ```
    /// use hoptac::{catalog, tally::ScanOptions, Snapshot, Tally};
    /// let plan = catalog::get("lang-son-538-2019").ok_or("plan")?;
    /// let snap = Snapshot::new(chrono::NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?);
    /// let tally = Tally::with_options(&plan, &snap, ScanOptions { drill_down: true })?;
    /// assert_eq!(tally.parts("ls2025.htx.new").and_then(|p| p.numerator_ids.clone()), Some(vec![]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_options(
        plan: &Plan,
        snapshot: &Snapshot,
        options: ScanOptions,
    ) -> Result<Tally, EvalError> {
        ensure_valid(plan)?;
        Ok(Tally::scan_valid(plan, snapshot, options)?)
    }

    /// The scan of a plan the caller has validated.
    pub(crate) fn scan_valid(
        plan: &Plan,
        snapshot: &Snapshot,
        options: ScanOptions,
    ) -> Result<Tally, FilterTooDeep> {
        let mut tally = Tally::scan_part(plan, snapshot, options)?;
        tally.sources = Source::of(snapshot);
        Ok(tally)
    }

    /// The scan of a part of a registry read in parts (a plan the caller
    /// has validated), without its source: the parts are merged with
    /// [`Tally::merge`] and the whole's source set at the end with
    /// [`Tally::set_source`], as [`Tally::parallel`] does for the parts of
    /// one snapshot.
    pub(crate) fn scan_part(
        plan: &Plan,
        snapshot: &Snapshot,
        options: ScanOptions,
    ) -> Result<Tally, FilterTooDeep> {
        let scan = Scan::compile(plan, snapshot)?;
        Ok(scan.run(snapshot, 0..snapshot.rows.len(), options))
    }

    /// Records that the tally is the scan of one whole snapshot of
    /// `organisations` organisations with this [`Snapshot::fingerprint`]
    /// (none for no organisation), as [`Tally::of`] records it.
    #[cfg(feature = "csv")]
    pub(crate) fn set_source(&mut self, organisations: u64, fingerprint: u64) {
        self.sources = if organisations == 0 {
            Vec::new()
        } else {
            vec![Source {
                organisations,
                fingerprint,
            }]
        };
    }

    /// [`Tally::with_options`] split across `threads` threads, each scanning
    /// a contiguous part and merged at the end: equal to the one-thread
    /// result.
    ///
    /// # Errors
    ///
    /// As [`Tally::of`].
    ///
    /// # Panics
    ///
    /// A panic in a scanning thread is raised again here, never dropped
    /// with that thread's part.
    /// ```
    /// use hoptac::{catalog, tally::ScanOptions, Snapshot, Tally};
    /// let plan = catalog::get("nghe-an-363-2023").ok_or("plan")?;
    /// let snap = Snapshot::new(chrono::NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?);
    /// assert_eq!(Tally::parallel(&plan, &snap, ScanOptions::default(), 2)?, Tally::of(&plan, &snap)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parallel(
        plan: &Plan,
        snapshot: &Snapshot,
        options: ScanOptions,
        threads: usize,
    ) -> Result<Tally, EvalError> {
        ensure_valid(plan)?;
        let scan = Scan::compile(plan, snapshot)?;
        let n = snapshot.rows.len();
        let threads = threads.clamp(1, 64).min(n.max(1));
        let chunk = n.div_ceil(threads).max(1);
        let parts: Vec<Tally> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|i| {
                    let scan = &scan;
                    s.spawn(move || {
                        scan.run(
                            snapshot,
                            (i * chunk).min(n)..((i + 1) * chunk).min(n),
                            options,
                        )
                    })
                })
                .collect();
            join_all(handles)
        });
        let mut iter = parts.into_iter();
        let mut total = iter.next().unwrap_or_else(|| scan.empty(snapshot));
        for part in iter {
            // The threads' parts are disjoint ranges of one snapshot; they
            // carry no source, so only the compatibility checks apply.
            total.merge(&part)?;
        }
        total.sources = Source::of(snapshot);
        Ok(total)
    }

    /// Adds `other` into `self`.
    ///
    /// # Errors
    ///
    /// [`MergeError`] when the two tallies are of different plans, dates or
    /// targets, or when they overlap: `other` holds a scan of a snapshot
    /// that `self` already holds ([`MergeError::Overlap`]). `self` is then
    /// unchanged.
    ///
    /// # What the overlap check guarantees
    ///
    /// Each scan records a fingerprint of the snapshot it read: the number
    /// of organisations and an order-independent 64-bit hash of their ids
    /// (stable across machines and versions of this crate). Merging refuses
    /// a tally whose scans include a fingerprint already present, so the
    /// same part merged twice, or the whole merged into one of its parts'
    /// sums twice, is an error, also when the tally came from another
    /// machine. Parts that are different sets of organisations but share
    /// some of them (a district and the whole province) have different
    /// fingerprints and are not detected: cut a registry into disjoint parts
    /// (by district, province, or rows) before scanning. Scans of empty
    /// snapshots add nothing and record no fingerprint, so the empty tally
    /// stays the identity of merging.
    /// ```
    /// use hoptac::{catalog, Snapshot, Tally};
    /// let plan = catalog::get("nghe-an-363-2023").ok_or("plan")?;
    /// let empty = Tally::of(&plan, &Snapshot::new(chrono::NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?))?;
    /// let mut t = empty.clone();
    /// t.merge(&empty)?;
    /// assert_eq!(t, empty);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge(&mut self, other: &Tally) -> Result<(), MergeError> {
        if self.plan != other.plan {
            return Err(MergeError::DifferentPlans {
                left: self.plan.to_string(),
                right: other.plan.to_string(),
            });
        }
        if self.date != other.date {
            return Err(MergeError::DifferentDates {
                left: self.date,
                right: other.date,
            });
        }
        if self.targets.len() != other.targets.len() {
            return Err(MergeError::DifferentTargets {
                left: format!("{} targets", self.targets.len()),
                right: format!("{} targets", other.targets.len()),
            });
        }
        for (a, b) in self.targets.iter().zip(&other.targets) {
            if a.target != b.target {
                return Err(MergeError::DifferentTargets {
                    left: a.target.to_string(),
                    right: b.target.to_string(),
                });
            }
        }
        if let Some(twice) = other.sources.iter().find(|s| self.sources.contains(s)) {
            return Err(MergeError::Overlap {
                organisations: twice.organisations,
                fingerprint: format!("{:016x}", twice.fingerprint),
            });
        }
        // A scan that found no organisation of the plan's province counted
        // everything as given; merged with a scan that did find some, the
        // whole has organisations of the province, so every organisation of
        // the first is outside the scope and it adds nothing else.
        let (mine_scoped, theirs_scoped) = (self.has_scope(), other.has_scope());
        if self.none_in_scope && theirs_scoped {
            self.leave_out_everything();
        }
        self.organisations = self.organisations.saturating_add(other.organisations);
        if other.none_in_scope && mine_scoped {
            self.outside_scope = self.outside_scope.saturating_add(other.organisations);
        } else {
            self.none_in_scope |= other.none_in_scope;
            self.outside_scope = self.outside_scope.saturating_add(other.outside_scope);
            for (a, b) in self.targets.iter_mut().zip(&other.targets) {
                a.parts.merge(&b.parts)?;
                merge_groups(&mut a.groups, &b.groups)?;
            }
        }
        for c in &other.columns {
            if let Err(i) = self.columns.binary_search(c) {
                self.columns.insert(i, c.clone());
            }
        }
        self.sources.extend(other.sources.iter().copied());
        self.sources.sort_unstable();
        Ok(())
    }

    /// Whether the tally holds an organisation of the plan's scope, by the
    /// scope's own rule: it was scoped and counted one in.
    fn has_scope(&self) -> bool {
        !self.none_in_scope && self.organisations > self.outside_scope
    }

    /// Turns a tally that counted everything as given into one that left
    /// everything out: no numbers, every organisation outside the scope.
    fn leave_out_everything(&mut self) {
        let clear = |ids: &mut Option<Vec<String>>| {
            if let Some(v) = ids.as_mut() {
                v.clear();
            }
        };
        for t in &mut self.targets {
            let p = &mut t.parts;
            p.numerator = Decimal::ZERO;
            p.denominator = Decimal::ZERO;
            p.counted = 0;
            p.missing = 0;
            p.overflow = false;
            clear(&mut p.numerator_ids);
            clear(&mut p.denominator_ids);
            clear(&mut p.missing_ids);
            t.groups.clear();
        }
        self.outside_scope = self.organisations;
        self.none_in_scope = false;
    }

    /// Checks that this tally was made for `plan`: its id and, in order,
    /// its registry targets.
    pub(crate) fn check_plan(&self, plan: &Plan) -> Result<(), MergeError> {
        if self.plan != plan.id {
            return Err(MergeError::DifferentPlans {
                left: plan.id.to_string(),
                right: self.plan.to_string(),
            });
        }
        let expected: Vec<&TargetId> = plan
            .targets
            .iter()
            .filter(|t| !matches!(t.measure, Measure::Reported))
            .map(|t| &t.id)
            .collect();
        if expected.len() != self.targets.len()
            || expected
                .iter()
                .zip(&self.targets)
                .any(|(a, b)| **a != b.target)
        {
            return Err(MergeError::DifferentTargets {
                left: format!("{} registry targets of the plan", expected.len()),
                right: format!("{} targets of the tally", self.targets.len()),
            });
        }
        Ok(())
    }

    /// The extension columns that the plan's filters and fields read and
    /// that the scanned organisations hold: at least one of them has a
    /// value in the column. Merging takes the union. A target reading a
    /// column not in this list has no data
    /// ([`NoDataReason::ExtensionMissing`](crate::report::NoDataReason::ExtensionMissing)).
    ///
    /// ```
    /// use hoptac::{Cooperative, Filter, Measure, org::ExtValue, org::Location, org::OrgId, org::OrgKind, org::Sector};
    /// use hoptac::{Plan, plan::PlanId, plan::TargetId, Snapshot, Tally, Target};
    /// let mut plan = Plan::new(PlanId::new("p")?, "Kế hoạch", "UBND tỉnh");
    /// plan.targets.push(Target::new(TargetId::new("organic")?, "HTX hữu cơ", "organic HTX",
    ///     Measure::count(Filter::Boolean { name: "organic".into(), value: true }), "ít nhất 1".parse()?, "2030-12-31".parse()?));
    /// let mut org = Cooperative::new(OrgId::new("htx-1")?, "HTX A", OrgKind::Cooperative,
    ///     Sector::Agriculture, Location::new("Nghệ An", "Hưng Lợi"), "2020-01-01".parse()?);
    /// let date = "2025-12-31".parse()?;
    /// assert!(Tally::of(&plan, &Snapshot::from_cooperatives(date, [org.clone()])?)?.extension_columns().is_empty());
    /// org.extensions.insert("organic".into(), ExtValue::Bool(true));
    /// assert_eq!(Tally::of(&plan, &Snapshot::from_cooperatives(date, [org])?)?.extension_columns(), ["organic"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn extension_columns(&self) -> &[String] {
        &self.columns
    }

    /// The parts of a target.
    /// ```
    /// use hoptac::{catalog, Snapshot, Tally};
    /// let plan = catalog::get("nghe-an-363-2023").ok_or("plan")?;
    /// let t = Tally::of(&plan, &Snapshot::new(chrono::NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?))?;
    /// assert_eq!(t.parts("na2030.htx.count").map(|p| p.counted), Some(0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parts(&self, target: &str) -> Option<&Parts> {
        self.targets
            .iter()
            .find(|t| t.target.as_str() == target)
            .map(|t| &t.parts)
    }
}

/// A numeric field bound to a snapshot: a built-in field's slot in the
/// row, or an extension attribute's interned name.
#[derive(Debug, Clone, Copy)]
enum BoundField {
    Count(usize),
    Money(usize),
    Ext(Option<u32>),
}

enum Val {
    None,
    Int(u32),
    Dec(Decimal),
}

impl BoundField {
    fn bind(field: &Field, snap: &Snapshot) -> BoundField {
        match (field.built_in(), field) {
            (Some(f), _) => match f.slot() {
                FieldSlot::Count(i) => BoundField::Count(i),
                FieldSlot::Money(i) => BoundField::Money(i),
            },
            (None, Field::Extension { name }) => BoundField::Ext(snap.ext_names.lookup(name)),
            (None, _) => BoundField::Ext(None),
        }
    }

    #[inline]
    fn read(self, row: &Row, at: usize, snap: &Snapshot) -> Val {
        match self {
            BoundField::Count(i) => snap.count_at(at, i).map_or(Val::None, Val::Int),
            BoundField::Money(i) => snap.money_at(at, row, i).map_or(Val::None, Val::Dec),
            BoundField::Ext(None) => Val::None,
            BoundField::Ext(Some(name)) => match snap.ext_value(row, name) {
                Some(ExtValue::Number(n)) => Val::Dec(*n),
                _ => Val::None,
            },
        }
    }
}

/// What a slot does with a row that passes its population.
#[derive(Debug, Clone, Copy)]
enum Op {
    /// Count rows passing atom `a`.
    Count,
    /// Sum a field over rows passing atom `a`.
    Sum(BoundField),
    /// Rows passing `a` are the denominator; those also passing `b` the numerator.
    Share,
    /// Both fields summed over rows passing `a` that report both.
    Ratio(BoundField, BoundField),
    /// A field's values over rows passing `a`, and how many.
    Mean(BoundField),
}

#[derive(Debug, Clone)]
struct Slot {
    target: usize,
    active_only: bool,
    a: usize,
    b: usize,
    op: Op,
}

/// A sum kept as an integer part (fast) and a decimal part.
#[derive(Debug, Clone, Copy, Default)]
struct SumAcc {
    int: u64,
    dec: Decimal,
    overflow: bool,
}

impl SumAcc {
    #[inline]
    fn add(&mut self, v: &Val) {
        match v {
            Val::None => {}
            Val::Int(i) => match self.int.checked_add(u64::from(*i)) {
                Some(s) => self.int = s,
                None => self.overflow = true,
            },
            Val::Dec(d) => match self.dec.checked_add(*d) {
                Some(s) => self.dec = s,
                None => self.overflow = true,
            },
        }
    }

    /// Adds another sum into this one; an overflow is kept, never wrapped.
    fn absorb(&mut self, other: &SumAcc) {
        match (
            self.int.checked_add(other.int),
            self.dec.checked_add(other.dec),
        ) {
            (Some(int), Some(dec)) => {
                self.int = int;
                self.dec = dec;
            }
            _ => self.overflow = true,
        }
        self.overflow |= other.overflow;
    }

    fn total(&self) -> Option<Decimal> {
        if self.overflow {
            return None;
        }
        Decimal::from(self.int).checked_add(self.dec)
    }
}

#[derive(Debug, Clone, Default)]
struct Acc {
    /// Rows of the population (kept for groups by the fast scan only).
    present: u64,
    num: u64,
    den: u64,
    counted: u64,
    missing: u64,
    sum_a: SumAcc,
    sum_b: SumAcc,
    num_ids: Vec<u32>,
    den_ids: Vec<u32>,
    missing_ids: Vec<u32>,
}

impl Acc {
    /// Adds the counts and sums of `other` (no ids: the fast scan keeps none).
    fn absorb(&mut self, other: &Acc) {
        self.present += other.present;
        self.num += other.num;
        self.den += other.den;
        self.counted += other.counted;
        self.missing += other.missing;
        self.sum_a.absorb(&other.sum_a);
        self.sum_b.absorb(&other.sum_b);
    }
}

/// A plan's registry targets compiled against one snapshot.
pub(crate) struct Scan {
    plan: PlanId,
    date: NaiveDate,
    day: i32,
    /// Ids of the registry targets, in plan order.
    targets: Vec<TargetId>,
    slots: Vec<Slot>,
    /// Every distinct compiled filter.
    atoms: Vec<Pred>,
    /// Words per row bitset.
    words: usize,
    /// Atoms the table cannot answer.
    dynamic: Vec<usize>,
    /// Whether each atom can be unknown for a row (it holds a size test).
    unknowable: Vec<bool>,
    /// The extension columns the plan reads that the snapshot holds.
    columns: Vec<String>,
    /// The slots with a breakdown, and the index of what they group by in
    /// `group_bys`.
    grouped: Vec<(usize, usize)>,
    /// The distinct groupings of the plan's breakdowns.
    group_bys: Vec<GroupBy>,
    /// Which rows are in the plan's scope.
    scope: Scope,
    /// When the keyed scan applies (every atom categorical, every sum or
    /// mean over a built-in count): the count columns it sums.
    keyed: Option<Vec<usize>>,
}

impl Scan {
    pub(crate) fn compile(plan: &Plan, snap: &Snapshot) -> Result<Scan, FilterTooDeep> {
        let mut atoms: Vec<Pred> = Vec::new();
        let mut compiled = |filter: &Filter, groups_rated| -> Result<usize, FilterTooDeep> {
            let pred = Pred::compile(filter, snap, groups_rated)?;
            Ok(match atoms.iter().position(|p| *p == pred) {
                Some(i) => i,
                None => {
                    atoms.push(pred);
                    atoms.len() - 1
                }
            })
        };
        let date = snap.date();
        let mut targets = Vec::new();
        let mut slots = Vec::new();
        let mut grouped = Vec::new();
        let mut group_bys = Vec::new();
        for target in &plan.targets {
            let measure = match &target.measure {
                Measure::Against { base, .. } => base.measure(),
                Measure::Reported => continue,
                other => other,
            };
            let index = targets.len();
            targets.push(target.id.clone());
            // Ratings of cooperative groups count where the target names them.
            let groups_rated = measure.names_cooperative_groups();
            let mut atom = |filter: &Filter| compiled(filter, groups_rated);
            let active = |p: &Population| *p == Population::Active;
            let bind = |field: &Field| BoundField::bind(field, snap);
            // Each measure is one slot: its population, one or two filter
            // bits (the denominator first for a share) and an operation.
            let (active_only, a, b, op) = match measure {
                Measure::Count { filter, population } => {
                    (active(population), atom(filter)?, 0, Op::Count)
                }
                Measure::New { filter, window } => {
                    let a = match window.clipped_at(date) {
                        Some(w) => atom(&Filter::all([
                            filter.clone(),
                            Filter::EstablishedIn { window: w },
                        ]))?,
                        None => atom(&Filter::not(Filter::Everything))?,
                    };
                    (false, a, 0, Op::Count)
                }
                Measure::Sum {
                    field,
                    filter,
                    population,
                } => (active(population), atom(filter)?, 0, Op::Sum(bind(field))),
                Measure::Share {
                    numerator,
                    denominator,
                    population,
                } => (
                    active(population),
                    atom(denominator)?,
                    atom(numerator)?,
                    Op::Share,
                ),
                Measure::RatioOfSums {
                    numerator,
                    denominator,
                    filter,
                    population,
                } => (
                    active(population),
                    atom(filter)?,
                    0,
                    Op::Ratio(bind(numerator), bind(denominator)),
                ),
                Measure::Mean {
                    field,
                    filter,
                    population,
                } => (active(population), atom(filter)?, 0, Op::Mean(bind(field))),
                // A figure's base is a count, new or sum, and reported
                // measures were skipped above.
                Measure::Against { .. } | Measure::Reported => {
                    unreachable!("the base of a figure is a registry measure")
                }
            };
            // A per-place target's places are the groups of its level.
            let by = target
                .breakdown
                .or(target.places.as_ref().map(|p| p.level.group_by()));
            if let Some(by) = by {
                let k = match group_bys.iter().position(|b| *b == by) {
                    Some(k) => k,
                    None => {
                        group_bys.push(by);
                        group_bys.len() - 1
                    }
                };
                grouped.push((slots.len(), k));
            }
            slots.push(Slot {
                target: index,
                active_only,
                a,
                b,
                op,
            });
        }
        let words = atoms.len().div_ceil(64).max(1);
        let dynamic: Vec<usize> = (0..atoms.len())
            .filter(|&i| !atoms[i].is_categorical())
            .collect();
        let unknowable = atoms.iter().map(Pred::may_be_unknown).collect();
        let mut columns: Vec<String> = plan
            .targets
            .iter()
            .flat_map(|t| t.measure.extension_columns())
            .filter(|name| snap.ext_names.lookup(name).is_some())
            .map(str::to_owned)
            .collect();
        columns.sort_unstable();
        columns.dedup();
        let keyed = if dynamic.is_empty() && atoms.len() < 64 {
            let mut fields = Vec::new();
            let mut all_counts = true;
            for s in &slots {
                match s.op {
                    Op::Count | Op::Share => {}
                    Op::Sum(BoundField::Count(i)) | Op::Mean(BoundField::Count(i)) => {
                        if !fields.contains(&i) {
                            fields.push(i);
                        }
                    }
                    _ => all_counts = false,
                }
            }
            all_counts.then_some(fields)
        } else {
            None
        };
        Ok(Scan {
            keyed,
            plan: plan.id.clone(),
            date,
            day: day_number(date),
            targets,
            slots,
            atoms,
            words,
            dynamic,
            unknowable,
            columns,
            grouped,
            group_bys,
            scope: Scope::compile(plan.province.as_deref(), snap),
        })
    }

    fn empty(&self, snap: &Snapshot) -> Tally {
        self.run(snap, 0..0, ScanOptions::default())
    }

    pub(crate) fn run(
        &self,
        snap: &Snapshot,
        range: std::ops::Range<usize>,
        options: ScanOptions,
    ) -> Tally {
        let rows = snap.rows.get(range.clone()).unwrap_or(&[]);
        let keyed = match (&self.keyed, options.drill_down) {
            (Some(fields), false) => self.accumulate_keyed(snap, range.clone(), fields),
            _ => None,
        };
        let (accs, groups, grouper, outside) = if let Some(done) = keyed {
            done
        } else if !options.drill_down && self.atoms.len() < 64 {
            self.accumulate_fast(snap, rows, range.start)
        } else {
            self.accumulate(snap, rows, range.start, options)
        };
        let mut tally = self.finish(snap, rows.len(), &accs, &groups, &grouper, options);
        tally.outside_scope = outside;
        tally.none_in_scope = self.scope == Scope::Unmatched && !rows.is_empty();
        tally
    }

    /// The scan when every atom and the "active" bit fit in one word and no
    /// ids are kept: counts become mask tests on one `u64`, without a branch.
    /// A breakdown's groups are counted the same way, in flat arrays indexed
    /// by the group's dense index (see [`Grouper`]): no per-row allocation,
    /// no hashing of text.
    fn accumulate_fast(
        &self,
        snap: &Snapshot,
        rows: &[Row],
        start: usize,
    ) -> (Vec<Acc>, Vec<GroupAccs>, Grouper, u64) {
        // A grouped slot is counted in its groups only: its whole is the
        // merge of its groups, as the merge law says.
        let ungrouped = (0..self.slots.len())
            .filter(|i| !self.grouped.iter().any(|(s, _)| s == i))
            .collect();
        let whole = Lanes::new(self, ungrouped, false);
        let mut counts = vec![0u64; whole.masks.len()];
        let mut unknown_counts = vec![0u64; whole.unknowns.len()];
        let mut whole_accs = vec![Acc::default(); whole.slots.len()];
        // One set of lanes per grouping, over the slots grouped by it.
        let lanes: Vec<Lanes> = (0..self.group_bys.len())
            .map(|k| {
                let (groups, slots) = self
                    .grouped
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, by))| *by == k)
                    .map(|(g, (i, _))| (g, *i))
                    .unzip();
                let mut lane = Lanes::new(self, slots, true);
                lane.groups = groups;
                lane
            })
            .collect();
        let mut group_counts: Vec<Vec<u64>> = vec![Vec::new(); lanes.len()];
        let mut group_unknowns: Vec<Vec<u64>> = vec![Vec::new(); lanes.len()];
        let mut group_accs: Vec<Vec<Acc>> = vec![Vec::new(); lanes.len()];
        let grouper = Grouper::new(snap, &self.group_bys);
        let mut table = KeyTable::new(1);
        let mut outside = 0u64;
        let hots = snap.hot.get(start..start + rows.len()).unwrap_or_default();
        debug_assert_eq!(hots.len(), rows.len());
        for (offset, (row, hot)) in rows.iter().zip(hots).enumerate() {
            let at = start + offset;
            // One lookup: a row outside the plan's province is counted as
            // such and nowhere else (not in any group either).
            if !self.scope.admits(hot.location) {
                outside += 1;
                continue;
            }
            let key = CatKey::of(row);
            let mut bits = table.get(self, key)[0];
            let active = hot.is_active_at(self.day);
            if active {
                bits |= ACTIVE;
            }
            let mut unknown = 0u64;
            for &i in &self.dynamic {
                match self.atoms[i].eval3(row, at, key, active, snap) {
                    Some(true) => bits |= 1 << i,
                    Some(false) => {}
                    None => unknown |= 1 << i,
                }
            }
            whole.add(
                self,
                bits,
                unknown,
                (row, at),
                snap,
                (&mut counts, &mut unknown_counts, &mut whole_accs),
            );
            for (k, lane) in lanes.iter().enumerate() {
                let index = grouper.index(k, row, hot);
                let (c, u, a) = lane.at(
                    index,
                    &mut group_counts[k],
                    &mut group_unknowns[k],
                    &mut group_accs[k],
                );
                lane.add(self, bits, unknown, (row, at), snap, (c, u, a));
            }
        }
        whole.settle(self, &counts, &unknown_counts, &mut whole_accs);
        let mut accs = vec![Acc::default(); self.slots.len()];
        for (acc, &i) in whole_accs.into_iter().zip(&whole.slots) {
            accs[i] = acc;
        }
        let mut groups = vec![GroupAccs::new(); self.grouped.len()];
        for (k, lane) in lanes.iter().enumerate() {
            let (nc, nu, ns) = (lane.masks.len(), lane.unknowns.len(), lane.slots.len());
            for index in 0..group_accs[k].len() / ns.max(1) {
                let c = &group_counts[k][index * nc..(index + 1) * nc];
                let u = &group_unknowns[k][index * nu..(index + 1) * nu];
                let a = &mut group_accs[k][index * ns..(index + 1) * ns];
                lane.settle(self, c, u, a);
                for ((acc, &g), &i) in a.iter_mut().zip(&lane.groups).zip(&lane.slots) {
                    if acc.present > 0 {
                        accs[i].absorb(acc);
                        let out = &mut groups[g];
                        out.resize_with(out.len().max(index + 1), || None);
                        out[index] = Some(std::mem::take(acc));
                    }
                }
            }
        }
        (accs, groups, grouper, outside)
    }

    /// The keyed scan (issue 12): when every atom is categorical, nothing is
    /// grouped and every sum or mean reads a built-in count, a row's part in
    /// every target depends only on its categorical key and whether it is
    /// active. So the pass only counts rows, and sums the count columns, by
    /// (key, active); each target's numbers are then added up over the few
    /// hundred keys met, by the same mask tests as the fast scan. The pass
    /// streams the 16-byte [`Hot`](crate::registry::Hot) column and the
    /// summed count columns (4 bytes each): no wide row, no hashing, no
    /// string. `None` when the snapshot lacks those columns for `range`.
    fn accumulate_keyed(
        &self,
        snap: &Snapshot,
        range: std::ops::Range<usize>,
        fields: &[usize],
    ) -> Option<(Vec<Acc>, Vec<GroupAccs>, Grouper, u64)> {
        let hot = snap.hot.get(range.clone())?;
        let columns: Vec<&[u32]> = fields
            .iter()
            .map(|&f| snap.counts.get(f).and_then(|c| c.get(range.clone())))
            .collect::<Option<_>>()?;
        let nf = fields.len();
        let masked = matches!(self.scope, Scope::Masked(_));
        let pass = KeyedPass {
            hot,
            day: self.day,
            scope: masked.then_some(&self.scope),
        };
        // The per-row work specialised by the number of summed columns, so
        // that the columns are read without bounds checks in the loop.
        let keyed = match columns.as_slice() {
            [] => pass.run::<0>([]),
            [a] => pass.run::<1>([a]),
            [a, b] => pass.run::<2>([a, b]),
            [a, b, c] => pass.run::<3>([a, b, c]),
            _ => pass.run_any(&columns),
        };
        let (keys, buckets) = (&keyed.keys, &keyed.buckets);
        let stride = 1 + 2 * nf;
        let mut accs = vec![Acc::default(); self.slots.len()];
        // The bits of the atoms that hold for each key met.
        let key_bits: Vec<u64> = keys
            .iter()
            .map(|&key| {
                let cat = CatKey::unpack(key);
                self.atoms
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.holds_for_key(cat))
                    .fold(0u64, |m, (i, _)| m | 1 << i)
            })
            .collect();
        for (d, &bits) in key_bits.iter().enumerate() {
            for active in [false, true] {
                let b = (d * 2 + usize::from(active)) * stride;
                let n = buckets[b];
                if n == 0 {
                    continue;
                }
                let bits = if active { bits | ACTIVE } else { bits };
                for (slot, acc) in self.slots.iter().zip(accs.iter_mut()) {
                    let pop = if slot.active_only { ACTIVE } else { 0 };
                    let need = (1u64 << slot.a) | pop;
                    if bits & need != need {
                        continue;
                    }
                    match slot.op {
                        Op::Count => {
                            acc.num += n;
                            acc.counted += n;
                        }
                        Op::Share => {
                            acc.den += n;
                            if bits & (1 << slot.b) != 0 {
                                acc.num += n;
                            }
                        }
                        Op::Sum(BoundField::Count(f)) | Op::Mean(BoundField::Count(f)) => {
                            let j = fields.iter().position(|&x| x == f)?;
                            let (sum, m) = (buckets[b + 1 + 2 * j], buckets[b + 2 + 2 * j]);
                            acc.missing += m;
                            acc.counted += n - m;
                            match acc.sum_a.int.checked_add(sum) {
                                Some(total) => acc.sum_a.int = total,
                                None => acc.sum_a.overflow = true,
                            }
                        }
                        // `Scan::compile` sets `keyed` only without these.
                        _ => return None,
                    }
                }
            }
        }
        let grouper = Grouper::new(snap, &self.group_bys);
        let mut groups = vec![GroupAccs::new(); self.grouped.len()];
        for k in 0..self.group_bys.len() {
            self.keyed_groups(
                snap,
                range.clone(),
                (&keyed, &key_bits),
                &grouper,
                k,
                &mut groups,
            )?;
        }
        Some((accs, groups, grouper, keyed.outside))
    }

    /// The keyed scan's groups for grouping `k` (issue 9: breakdowns and
    /// per-place targets at the keyed scan's speed). A row's part in each
    /// grouped slot depends only on its key and whether it is active, as in
    /// [`Scan::accumulate_keyed`]; rows whose parts are the same in every
    /// slot of the grouping share a class (a handful: the slots' filters
    /// split the keys met into few patterns). One more pass over the hot
    /// column and the summed count columns counts rows, and sums the
    /// columns, by (group, class), the group found through the row's
    /// location ([`Grouper`]) or, for a sector or kind, its key: no wide
    /// row, no hash, no text. Each slot's groups are then added up from the
    /// classes. The whole of each grouped slot is the keyed pass's, which
    /// is the sum of its groups (the merge law).
    fn keyed_groups(
        &self,
        snap: &Snapshot,
        range: std::ops::Range<usize>,
        (keyed, key_bits): (&Keyed, &[u64]),
        grouper: &Grouper,
        k: usize,
        out: &mut [GroupAccs],
    ) -> Option<()> {
        // The grouped slots of this grouping: (index in `grouped`, slot).
        let members: Vec<(usize, usize)> = self
            .grouped
            .iter()
            .enumerate()
            .filter(|(_, (_, by))| *by == k)
            .map(|(g, (i, _))| (g, *i))
            .collect();
        if members.is_empty() {
            return Some(());
        }
        let hot = snap.hot.get(range.clone())?;
        let by = *self.group_bys.get(k)?;
        // The count columns the members sum, and each member's among them.
        let mut fields: Vec<usize> = Vec::new();
        let field_of: Vec<Option<usize>> = members
            .iter()
            .map(|&(_, i)| match self.slots[i].op {
                Op::Sum(BoundField::Count(f)) | Op::Mean(BoundField::Count(f)) => {
                    Some(fields.iter().position(|&x| x == f).unwrap_or_else(|| {
                        fields.push(f);
                        fields.len() - 1
                    }))
                }
                _ => None,
            })
            .collect();
        let columns: Vec<&[u32]> = fields
            .iter()
            .map(|&f| snap.counts.get(f).and_then(|c| c.get(range.clone())))
            .collect::<Option<_>>()?;
        // For each key met and activity, each member's part: bit 0 the row
        // is in the slot's population, bit 1 its filter (a share's
        // denominator) holds too, bit 2 a share's numerator holds too. The
        // distinct patterns are the classes.
        let mut classes: Vec<Vec<u8>> = Vec::new();
        let mut class_of = vec![0u16; key_bits.len() * 2];
        let mut index: std::collections::HashMap<Vec<u8>, u16> = std::collections::HashMap::new();
        for (d, &bits) in key_bits.iter().enumerate() {
            for active in [false, true] {
                let bits = if active { bits | ACTIVE } else { bits };
                let pattern: Vec<u8> = members
                    .iter()
                    .map(|&(_, i)| {
                        let slot = &self.slots[i];
                        let pop = if slot.active_only { ACTIVE } else { 0 };
                        let need = (1u64 << slot.a) | pop;
                        let mut c = u8::from(bits & pop == pop);
                        if bits & need == need {
                            c |= 2;
                            if matches!(slot.op, Op::Share) && bits & (1 << slot.b) != 0 {
                                c |= 4;
                            }
                        }
                        c
                    })
                    .collect();
                let next = classes.len();
                let c = *index.entry(pattern.clone()).or_insert_with(|| {
                    classes.push(pattern);
                    // At most 2^16 (key, activity) pairs.
                    next as u16
                });
                class_of[d * 2 + usize::from(active)] = c;
            }
        }
        // A sector's or kind's group is a function of the key.
        let key_group: Vec<u32> = keyed
            .keys
            .iter()
            .map(|&key| {
                let cat = CatKey::unpack(key);
                match by {
                    GroupBy::Sector => u32::from(cat.sector),
                    GroupBy::Kind => u32::from(cat.kind),
                    _ => 0,
                }
            })
            .collect();
        let places = grouper.place_table(k);
        let (ng, nc) = (grouper.groups(k), classes.len());
        let pass = GroupedPass {
            hot,
            day: self.day,
            scope: matches!(self.scope, Scope::Masked(_)).then_some(&self.scope),
            dense: &keyed.dense,
            class_of: &class_of,
            classes: nc,
            places,
            key_group: &key_group,
            groups: ng,
        };
        let buckets = match columns.as_slice() {
            [] => pass.run::<0>([]),
            [a] => pass.run::<1>([a]),
            [a, b] => pass.run::<2>([a, b]),
            [a, b, c] => pass.run::<3>([a, b, c]),
            _ => pass.run_any(&columns),
        }?;
        let stride = 1 + 2 * fields.len();
        for g in 0..ng {
            let mut accs: Vec<Option<Acc>> = vec![None; members.len()];
            for (c, pattern) in classes.iter().enumerate() {
                let b = (g * nc + c) * stride;
                let bucket = buckets.get(b..b + stride)?;
                let n = bucket[0];
                if n == 0 {
                    continue;
                }
                for (j, (&(_, i), &class)) in members.iter().zip(pattern).enumerate() {
                    if class & 1 == 0 {
                        continue;
                    }
                    let acc = accs[j].get_or_insert_with(Acc::default);
                    acc.present += n;
                    if class & 2 == 0 {
                        continue;
                    }
                    match self.slots[i].op {
                        Op::Count => {
                            acc.num += n;
                            acc.counted += n;
                        }
                        Op::Share => {
                            acc.den += n;
                            if class & 4 != 0 {
                                acc.num += n;
                            }
                        }
                        Op::Sum(_) | Op::Mean(_) => {
                            let f = field_of[j]?;
                            let (sum, m) = (bucket[1 + 2 * f], bucket[2 + 2 * f]);
                            acc.missing += m;
                            acc.counted += n - m;
                            match acc.sum_a.int.checked_add(sum) {
                                Some(total) => acc.sum_a.int = total,
                                None => acc.sum_a.overflow = true,
                            }
                        }
                        // `Scan::compile` sets `keyed` only without these.
                        Op::Ratio(..) => return None,
                    }
                }
            }
            for (&(m, _), acc) in members.iter().zip(accs) {
                if let Some(acc) = acc {
                    let groups = out.get_mut(m)?;
                    groups.resize_with(groups.len().max(g + 1), || None);
                    groups[g] = Some(acc);
                }
            }
        }
        Some(())
    }

    /// The general scan: any number of atoms, and drill-down ids.
    fn accumulate(
        &self,
        snap: &Snapshot,
        rows: &[Row],
        start: usize,
        options: ScanOptions,
    ) -> (Vec<Acc>, Vec<GroupAccs>, Grouper, u64) {
        let mut accs = vec![Acc::default(); self.slots.len()];
        let mut groups = vec![GroupAccs::new(); self.grouped.len()];
        let grouper = Grouper::new(snap, &self.group_bys);
        let mut indices = vec![0usize; self.group_bys.len()];
        let mut bits = vec![0u64; self.words];
        let mut unknown = vec![0u64; self.words];
        let mut table = KeyTable::new(self.words);
        let mut outside = 0u64;
        let hots = snap.hot.get(start..start + rows.len()).unwrap_or_default();
        debug_assert_eq!(hots.len(), rows.len());
        for (offset, (row, hot)) in rows.iter().zip(hots).enumerate() {
            if !self.scope.admits(hot.location) {
                outside += 1;
                continue;
            }
            let key = CatKey::of(row);
            let at = start + offset;
            bits.copy_from_slice(table.get(self, key));
            unknown.fill(0);
            let active = hot.is_active_at(self.day);
            for &i in &self.dynamic {
                match self.atoms[i].eval3(row, at, key, active, snap) {
                    Some(true) => bits[i / 64] |= 1 << (i % 64),
                    Some(false) => {}
                    None => unknown[i / 64] |= 1 << (i % 64),
                }
            }
            let has = |i: usize| bits[i / 64] & (1 << (i % 64)) != 0;
            let unknown_at = |i: usize| unknown[i / 64] & (1 << (i % 64)) != 0;
            let index = at as u32;
            let drill = options.drill_down.then_some(index);
            for (slot, acc) in self.slots.iter().zip(accs.iter_mut()) {
                if slot.active_only && !active {
                    continue;
                }
                apply_row(slot, acc, &has, &unknown_at, (row, at), snap, drill);
            }
            if !self.grouped.is_empty() {
                for (k, index) in indices.iter_mut().enumerate() {
                    *index = grouper.index(k, row, hot);
                }
                for (g, &(i, k)) in self.grouped.iter().enumerate() {
                    let slot = &self.slots[i];
                    if slot.active_only && !active {
                        continue;
                    }
                    let acc = group_acc(&mut groups[g], indices[k]);
                    apply_row(slot, acc, &has, &unknown_at, (row, at), snap, drill);
                }
            }
        }
        (accs, groups, grouper, outside)
    }

    fn finish(
        &self,
        snap: &Snapshot,
        organisations: usize,
        accs: &[Acc],
        groups: &[GroupAccs],
        grouper: &Grouper,
        options: ScanOptions,
    ) -> Tally {
        let ids = |v: &[u32]| -> Option<Vec<String>> {
            options.drill_down.then(|| {
                let mut out: Vec<String> = v
                    .iter()
                    .filter_map(|&i| snap.id_at(i as usize).map(str::to_owned))
                    .collect();
                out.sort_unstable();
                out
            })
        };
        let mut targets: Vec<TargetTally> = self
            .targets
            .iter()
            .map(|id| TargetTally {
                target: id.clone(),
                parts: Parts::default(),
                groups: Vec::new(),
            })
            .collect();
        for (slot, acc) in self.slots.iter().zip(accs) {
            let parts = &mut targets[slot.target].parts;
            *parts = parts_of(slot.op, acc);
            parts.numerator_ids = ids(&acc.num_ids);
            parts.denominator_ids = if matches!(slot.op, Op::Share) {
                ids(&acc.den_ids)
            } else {
                None
            };
            parts.missing_ids = ids(&acc.missing_ids);
        }
        for (&(i, k), accs) in self.grouped.iter().zip(groups) {
            let slot = &self.slots[i];
            let by = self.group_bys[k];
            let mut out: Vec<GroupParts> = accs
                .iter()
                .enumerate()
                .filter_map(|(index, acc)| {
                    Some(GroupParts {
                        key: group_of(by, grouper.key(k, index), snap),
                        parts: parts_of(slot.op, acc.as_ref()?),
                    })
                })
                .collect();
            out.sort_by(|a, b| a.key.cmp(&b.key));
            targets[slot.target].groups = out;
        }
        Tally {
            plan: self.plan.clone(),
            date: self.date,
            organisations: organisations as u64,
            outside_scope: 0,
            none_in_scope: false,
            targets,
            columns: self.columns.clone(),
            sources: Vec::new(),
        }
    }
}

/// What the keyed scan's pass gathers: the packed keys met, in order of
/// first sight, and by bucket (a key's dense index × 2 + active) the rows,
/// then for each summed column the sum of the known values and the rows
/// lacking one, `1 + 2 × columns` numbers a bucket.
struct Keyed {
    keys: Vec<u16>,
    /// By packed key, the key's dense index (`u16::MAX` when not met).
    dense: Vec<u16>,
    buckets: Vec<u64>,
    outside: u64,
}

/// The pass of [`Scan::accumulate_keyed`] over a range's hot column.
struct KeyedPass<'a> {
    hot: &'a [crate::registry::Hot],
    day: i32,
    /// The scope when it leaves rows out.
    scope: Option<&'a Scope>,
}

impl KeyedPass<'_> {
    /// The pass with `N` summed columns, each as long as the hot column.
    fn run<const N: usize>(&self, columns: [&[u32]; N]) -> Keyed {
        const NEW: u16 = u16::MAX;
        let stride = 1 + 2 * N;
        let n = self.hot.len();
        let columns = columns.map(|c| c.get(..n).unwrap_or_default());
        let mut dense = vec![NEW; 1 << CAT_KEY_BITS];
        let mut keys: Vec<u16> = Vec::new();
        let mut buckets: Vec<u64> = Vec::new();
        let mut outside = 0u64;
        for (i, h) in self.hot.iter().enumerate() {
            if let Some(scope) = self.scope {
                if !scope.admits(h.location) {
                    outside += 1;
                    continue;
                }
            }
            let entry = &mut dense[usize::from(h.key) & ((1 << CAT_KEY_BITS) - 1)];
            if *entry == NEW {
                // At most 2^15 keys: the index fits and never equals NEW.
                *entry = keys.len() as u16;
                keys.push(h.key);
                buckets.resize(buckets.len() + 2 * stride, 0);
            }
            let active = CatKey::packed_is_active(h.key)
                & (h.established <= self.day)
                & (h.dissolved > self.day);
            let b = (usize::from(*entry) * 2 + usize::from(active)) * stride;
            let Some(bucket) = buckets.get_mut(b..b + stride) else {
                continue;
            };
            add_to_bucket(bucket, &columns, i);
        }
        Keyed {
            keys,
            dense,
            buckets,
            outside,
        }
    }

    /// The same pass for any number of columns (more than the plans have).
    fn run_any(&self, columns: &[&[u32]]) -> Keyed {
        let mut out = self.run::<0>([]);
        // The rows by bucket are the same; add each column's numbers.
        let stride = 1 + 2 * columns.len();
        let mut buckets = vec![0u64; out.buckets.len() * stride];
        for (b, n) in out.buckets.iter().enumerate() {
            buckets[b * stride] = *n;
        }
        for (j, column) in columns.iter().enumerate() {
            let one = self.run::<1>([column]);
            // Keys are met in the same order in every pass.
            for (b, chunk) in one.buckets.chunks_exact(3).enumerate() {
                buckets[b * stride + 1 + 2 * j] = chunk[1];
                buckets[b * stride + 2 + 2 * j] = chunk[2];
            }
        }
        out.buckets = buckets;
        out
    }
}

/// Adds row `i` to its bucket of the keyed passes: one more row, and for
/// each summed column its value when known, or one more row lacking it.
#[inline]
fn add_to_bucket<const N: usize>(bucket: &mut [u64], columns: &[&[u32]; N], i: usize) {
    bucket[0] += 1;
    for (j, column) in columns.iter().enumerate() {
        let v = column.get(i).copied().unwrap_or(crate::registry::NONE_U32);
        let known = v != crate::registry::NONE_U32;
        // At most 2^31 rows of at most 2^32 - 2: no u64 overflows.
        bucket[1 + 2 * j] += u64::from(v) * u64::from(known);
        bucket[2 + 2 * j] += u64::from(!known);
    }
}

/// The pass of [`Scan::keyed_groups`]: rows counted, and count columns
/// summed, by bucket `(group × classes + class)`, `1 + 2 × columns`
/// numbers a bucket (as [`Keyed`]'s).
struct GroupedPass<'a> {
    hot: &'a [crate::registry::Hot],
    day: i32,
    /// The scope when it leaves rows out.
    scope: Option<&'a Scope>,
    /// By packed key, its dense index in the keyed pass.
    dense: &'a [u16],
    /// By (dense key × 2 + active), the row's class.
    class_of: &'a [u16],
    classes: usize,
    /// By location, the group (a grouping by place); `None` for a
    /// grouping by sector or kind, whose group is `key_group[dense key]`.
    places: Option<&'a [u32]>,
    key_group: &'a [u32],
    groups: usize,
}

impl GroupedPass<'_> {
    /// The pass with `N` summed columns, each as long as the hot column;
    /// `None` when a row's group is out of the grouping's range (it never
    /// is: every location is in the grouper's table).
    fn run<const N: usize>(&self, columns: [&[u32]; N]) -> Option<Vec<u64>> {
        let stride = 1 + 2 * N;
        let n = self.hot.len();
        let columns = columns.map(|c| c.get(..n).unwrap_or_default());
        let mut buckets = vec![0u64; self.groups * self.classes * stride];
        let key_mask = (1usize << CAT_KEY_BITS) - 1;
        for (i, h) in self.hot.iter().enumerate() {
            if let Some(scope) = self.scope {
                if !scope.admits(h.location) {
                    continue;
                }
            }
            let d = usize::from(*self.dense.get(usize::from(h.key) & key_mask)?);
            let active = CatKey::packed_is_active(h.key)
                & (h.established <= self.day)
                & (h.dissolved > self.day);
            // A key the keyed pass did not meet has no class (`None`).
            let class = *self.class_of.get(d * 2 + usize::from(active))?;
            let group = match self.places {
                Some(places) => places.get(h.location as usize),
                None => self.key_group.get(d),
            };
            // Every location and key met has its group: were one missing,
            // the pass gives up and the scan falls back to the lanes scan,
            // never counting the row in another group.
            let g = *group? as usize;
            let b = (g * self.classes + usize::from(class)) * stride;
            add_to_bucket(buckets.get_mut(b..b + stride)?, &columns, i);
        }
        Some(buckets)
    }

    /// The same pass for any number of columns (more than the plans have).
    fn run_any(&self, columns: &[&[u32]]) -> Option<Vec<u64>> {
        let rows = self.run::<0>([])?;
        let stride = 1 + 2 * columns.len();
        let mut buckets = vec![0u64; rows.len() * stride];
        for (b, n) in rows.iter().enumerate() {
            buckets[b * stride] = *n;
        }
        for (j, column) in columns.iter().enumerate() {
            let one = self.run::<1>([column])?;
            for (b, chunk) in one.chunks_exact(3).enumerate() {
                buckets[b * stride + 1 + 2 * j] = chunk[1];
                buckets[b * stride + 2 + 2 * j] = chunk[2];
            }
        }
        Some(buckets)
    }
}

/// The "active" bit of the fast scan's word of a row's atoms.
const ACTIVE: u64 = 1 << 63;

/// What a counter of the fast scan counts for its slot.
#[derive(Debug, Clone, Copy)]
enum Counted {
    /// The rows of the numerator (of a count or a share).
    Numerator,
    /// The rows of a share's denominator.
    Denominator,
    /// The rows of the slot's population (a group is present in it).
    Present,
}

/// What the fast scan does with a row for a set of slots (every slot, or
/// the slots grouped by one grouping, numbered locally): counters of mask
/// tests, size tests that may be unknown, and values to add.
struct Lanes {
    /// The scan's slot of each local slot.
    slots: Vec<usize>,
    /// For grouped lanes: the index in [`Scan::grouped`] of each local slot.
    groups: Vec<usize>,
    /// (index in `masks`, local slot, what is counted).
    counters: Vec<(usize, usize, Counted)>,
    /// The distinct masks counted (counters often share one: the same
    /// filter in several targets, every population of a group).
    masks: Vec<u64>,
    /// Rows whose filter is unknown (a size test on a field they lack):
    /// (bits required, unknown bit, local slot, taken out of the
    /// denominator). Empty unless the plan has size filters.
    unknowns: Vec<(u64, u64, usize, bool)>,
    /// (mask, local slot) of sums, means and ratios.
    others: Vec<(u64, usize)>,
}

impl Lanes {
    /// The lanes of `slots`; with `presence`, a counter of each slot's
    /// population too (for groups: a group is present when it is not 0).
    fn new(scan: &Scan, slots: Vec<usize>, presence: bool) -> Lanes {
        let mut counters = Vec::new();
        let mut unknowns = Vec::new();
        let mut others = Vec::new();
        for (j, &i) in slots.iter().enumerate() {
            let slot = &scan.slots[i];
            let pop = if slot.active_only { ACTIVE } else { 0 };
            let need = (1u64 << slot.a) | pop;
            if presence {
                counters.push((pop, j, Counted::Present));
            }
            match slot.op {
                Op::Count => counters.push((need, j, Counted::Numerator)),
                Op::Share => {
                    counters.push((need, j, Counted::Denominator));
                    counters.push((need | (1 << slot.b), j, Counted::Numerator));
                }
                _ => others.push((need, j)),
            }
            if scan.unknowable[slot.a] {
                unknowns.push((pop, 1 << slot.a, j, false));
            }
            if matches!(slot.op, Op::Share) && scan.unknowable[slot.b] {
                unknowns.push((need, 1 << slot.b, j, true));
            }
        }
        let mut masks: Vec<u64> = Vec::new();
        let counters = counters
            .into_iter()
            .map(|(mask, j, what)| {
                let m = masks.iter().position(|&x| x == mask).unwrap_or_else(|| {
                    masks.push(mask);
                    masks.len() - 1
                });
                (m, j, what)
            })
            .collect();
        Lanes {
            slots,
            groups: Vec::new(),
            masks,
            counters,
            unknowns,
            others,
        }
    }

    /// The counters, unknown counters and accumulators of the group with
    /// dense index `index`, in flat arrays grown on first use.
    #[inline]
    fn at<'a>(
        &self,
        index: usize,
        counts: &'a mut Vec<u64>,
        unknowns: &'a mut Vec<u64>,
        accs: &'a mut Vec<Acc>,
    ) -> (&'a mut [u64], &'a mut [u64], &'a mut [Acc]) {
        let (nc, nu, ns) = (self.masks.len(), self.unknowns.len(), self.slots.len());
        if accs.len() < (index + 1) * ns {
            counts.resize((index + 1) * nc, 0);
            unknowns.resize((index + 1) * nu, 0);
            accs.resize_with((index + 1) * ns, Acc::default);
        }
        (
            &mut counts[index * nc..(index + 1) * nc],
            &mut unknowns[index * nu..(index + 1) * nu],
            &mut accs[index * ns..(index + 1) * ns],
        )
    }

    /// Adds one row, whose atoms hold where `bits` and are unknown where
    /// `unknown` says.
    #[inline]
    fn add(
        &self,
        scan: &Scan,
        bits: u64,
        unknown: u64,
        (row, at): (&Row, usize),
        snap: &Snapshot,
        (counts, unknown_counts, accs): (&mut [u64], &mut [u64], &mut [Acc]),
    ) {
        for (count, mask) in counts.iter_mut().zip(&self.masks) {
            *count += u64::from(bits & mask == *mask);
        }
        if unknown != 0 {
            for (count, &(need, bit, _, _)) in unknown_counts.iter_mut().zip(&self.unknowns) {
                *count += u64::from(bits & need == need && unknown & bit != 0);
            }
        }
        for &(mask, j) in &self.others {
            if bits & mask == mask {
                add_values(&mut accs[j], scan.slots[self.slots[j]].op, row, at, snap);
            }
        }
    }

    /// Moves the counts into the accumulators.
    fn settle(&self, scan: &Scan, counts: &[u64], unknown_counts: &[u64], accs: &mut [Acc]) {
        for &(m, j, what) in &self.counters {
            let count = counts[m];
            let acc = &mut accs[j];
            match what {
                Counted::Numerator => {
                    acc.num = count;
                    if matches!(scan.slots[self.slots[j]].op, Op::Count) {
                        acc.counted = count;
                    }
                }
                Counted::Denominator => acc.den = count,
                Counted::Present => acc.present = count,
            }
        }
        for (&(_, _, j, out_of_den), &count) in self.unknowns.iter().zip(unknown_counts) {
            let acc = &mut accs[j];
            acc.missing += count;
            if out_of_den {
                acc.den = acc.den.saturating_sub(count);
            }
        }
    }
}

/// The numbers of an accumulator (without ids).
fn parts_of(op: Op, acc: &Acc) -> Parts {
    let mut parts = Parts::default();
    let (numerator, denominator) = match op {
        Op::Count => (Some(Decimal::from(acc.num)), Some(Decimal::ZERO)),
        Op::Share => (Some(Decimal::from(acc.num)), Some(Decimal::from(acc.den))),
        Op::Sum(_) => (acc.sum_a.total(), Some(Decimal::ZERO)),
        Op::Mean(_) => (acc.sum_a.total(), Some(Decimal::from(acc.counted))),
        Op::Ratio(..) => (acc.sum_a.total(), acc.sum_b.total()),
    };
    match (numerator, denominator) {
        (Some(n), Some(d)) => {
            parts.numerator = n;
            parts.denominator = d;
        }
        _ => parts.overflow = true,
    }
    parts.counted = acc.counted;
    parts.missing = acc.missing;
    parts
}

/// For each categorical key met in a scan, the bits of the categorical atoms
/// that hold for it, computed the first time the key is met: a row is then
/// judged for every categorical filter by one lookup.
struct KeyTable {
    words: usize,
    bits: Vec<u64>,
    known: Vec<u64>,
}

impl KeyTable {
    fn new(words: usize) -> KeyTable {
        let size = 1usize << CAT_KEY_BITS;
        KeyTable {
            words,
            bits: vec![0; size * words],
            known: vec![0; size.div_ceil(64)],
        }
    }

    #[inline]
    fn get(&mut self, scan: &Scan, key: CatKey) -> &[u64] {
        let packed = key.pack();
        let words = self.words;
        if self.known[packed / 64] & (1 << (packed % 64)) == 0 {
            self.known[packed / 64] |= 1 << (packed % 64);
            let entry = &mut self.bits[packed * words..(packed + 1) * words];
            for (i, pred) in scan.atoms.iter().enumerate() {
                // Categorical atoms read only the key.
                if pred.is_categorical() && pred.holds_for_key(key) {
                    entry[i / 64] |= 1 << (i % 64);
                }
            }
        }
        &self.bits[packed * words..(packed + 1) * words]
    }
}

/// Accumulators by dense group index, for a slot with a breakdown: `None`
/// for a group not met in the population.
type GroupAccs = Vec<Option<Acc>>;

/// Turns rows into dense group indices, one table per grouping of the plan:
/// for a grouping by place, a table from the row's location
/// ([`Hot::location`](crate::registry::Hot)) to its group's dense index,
/// built once per scan over the snapshot's few distinct locations; for a
/// sector or a kind, its index. No hashing and no text in the scan.
struct Grouper {
    /// By grouping: the dense group of each location (empty for a sector
    /// or a kind), and the group key ([`group_key`]) of each dense index.
    tables: Vec<(Vec<u32>, Vec<u64>)>,
    group_bys: Vec<GroupBy>,
}

impl Grouper {
    fn new(snap: &Snapshot, group_bys: &[GroupBy]) -> Grouper {
        let tables = group_bys
            .iter()
            .map(|&by| {
                if matches!(by, GroupBy::Sector | GroupBy::Kind) {
                    return (Vec::new(), Vec::new());
                }
                let mut dense: std::collections::HashMap<u64, u32> =
                    std::collections::HashMap::new();
                let mut keys = Vec::new();
                let table = snap
                    .locations
                    .places
                    .iter()
                    .map(|&place| {
                        let key = group_key(by, place);
                        *dense.entry(key).or_insert_with(|| {
                            keys.push(key);
                            (keys.len() - 1) as u32
                        })
                    })
                    .collect();
                (table, keys)
            })
            .collect();
        Grouper {
            tables,
            group_bys: group_bys.to_vec(),
        }
    }

    /// The dense group index of a row in grouping `k`.
    #[inline]
    fn index(&self, k: usize, row: &Row, hot: &crate::registry::Hot) -> usize {
        match self.group_bys.get(k) {
            Some(GroupBy::Sector) => usize::from(row.sector),
            Some(GroupBy::Kind) => usize::from(row.kind),
            _ => self.place_index(k, hot.location),
        }
    }

    /// The dense group index of a location in grouping `k` (by place).
    #[inline]
    fn place_index(&self, k: usize, location: u32) -> usize {
        self.tables
            .get(k)
            .and_then(|(t, _)| t.get(location as usize))
            .map_or(0, |&i| i as usize)
    }

    /// The location-to-group table of grouping `k`, when it is by place.
    fn place_table(&self, k: usize) -> Option<&[u32]> {
        match self.group_bys.get(k)? {
            GroupBy::Sector | GroupBy::Kind => None,
            _ => self.tables.get(k).map(|(t, _)| t.as_slice()),
        }
    }

    /// How many groups grouping `k` may have.
    fn groups(&self, k: usize) -> usize {
        match self.group_bys.get(k) {
            Some(GroupBy::Sector) => Sector::ALL.len(),
            Some(GroupBy::Kind) => OrgKind::ALL.len(),
            _ => self.tables.get(k).map_or(0, |(_, keys)| keys.len()),
        }
    }

    /// The group key of a dense index in grouping `k`.
    fn key(&self, k: usize, index: usize) -> u64 {
        match self.group_bys.get(k) {
            Some(GroupBy::Sector | GroupBy::Kind) => index as u64,
            _ => self
                .tables
                .get(k)
                .and_then(|(_, keys)| keys.get(index))
                .copied()
                .unwrap_or(u64::MAX),
        }
    }
}

/// The accumulator of a group, made when the group is first met.
#[inline]
fn group_acc(groups: &mut GroupAccs, index: usize) -> &mut Acc {
    if index >= groups.len() {
        groups.resize_with(index + 1, || None);
    }
    groups[index].get_or_insert_with(Acc::default)
}

/// A place's group for a breakdown by place, as a number: a place id
/// (district and commune together for a commune). A sector's or kind's
/// group is its index.
#[inline]
fn group_key(by: GroupBy, place: crate::registry::Place) -> u64 {
    match by {
        GroupBy::Province => u64::from(place.province),
        GroupBy::District => u64::from(place.district),
        GroupBy::Commune => u64::from(place.district) << 32 | u64::from(place.commune),
        GroupBy::Sector | GroupBy::Kind => u64::MAX,
    }
}

/// The group's key for people, from its number.
fn group_of(by: GroupBy, key: u64, snap: &Snapshot) -> GroupKey {
    let place = |id: u64| -> Option<String> {
        let id = u32::try_from(id)
            .ok()
            .filter(|i| *i != crate::registry::NONE_U32)?;
        Some(snap.places.get(id).to_owned())
    };
    match by {
        GroupBy::Province | GroupBy::District => GroupKey {
            value: place(key),
            district: None,
        },
        GroupBy::Commune => GroupKey {
            value: place(key & u64::from(u32::MAX)),
            district: place(key >> 32),
        },
        GroupBy::Sector => GroupKey {
            value: Sector::ALL.get(key as usize).map(|x| x.code().to_owned()),
            district: None,
        },
        GroupBy::Kind => GroupKey {
            value: OrgKind::ALL.get(key as usize).map(|x| x.code().to_owned()),
            district: None,
        },
    }
}

/// Adds one row, which passed the slot's population, to the slot's
/// accumulator: `has` and `unknown` say whether an atom holds or is
/// unknown for it; `drill` is its index when ids are kept.
#[inline]
fn apply_row(
    slot: &Slot,
    acc: &mut Acc,
    has: &impl Fn(usize) -> bool,
    unknown: &impl Fn(usize) -> bool,
    (row, at): (&Row, usize),
    snap: &Snapshot,
    drill: Option<u32>,
) {
    // A size test on a field the row lacks: counted as missing, in neither
    // the numerator nor the denominator.
    if unknown(slot.a) || (matches!(slot.op, Op::Share) && has(slot.a) && unknown(slot.b)) {
        acc.missing += 1;
        if let Some(i) = drill {
            acc.missing_ids.push(i);
        }
        return;
    }
    if !has(slot.a) {
        return;
    }
    match slot.op {
        Op::Count => {
            acc.num += 1;
            acc.counted += 1;
            if let Some(i) = drill {
                acc.num_ids.push(i);
            }
        }
        Op::Share => {
            acc.den += 1;
            if let Some(i) = drill {
                acc.den_ids.push(i);
            }
            if has(slot.b) {
                acc.num += 1;
                if let Some(i) = drill {
                    acc.num_ids.push(i);
                }
            }
        }
        Op::Sum(_) | Op::Mean(_) | Op::Ratio(..) => {
            let missing = acc.missing;
            add_values(acc, slot.op, row, at, snap);
            if let Some(i) = drill {
                if acc.missing > missing {
                    acc.missing_ids.push(i);
                } else {
                    acc.num_ids.push(i);
                }
            }
        }
    }
}

/// Adds a row's values to a sum, mean or ratio accumulator.
#[inline]
fn add_values(acc: &mut Acc, op: Op, row: &Row, at: usize, snap: &Snapshot) {
    match op {
        Op::Sum(field) | Op::Mean(field) => {
            let v = field.read(row, at, snap);
            if matches!(v, Val::None) {
                acc.missing += 1;
            } else {
                acc.sum_a.add(&v);
                acc.counted += 1;
            }
        }
        Op::Ratio(fa, fb) => {
            let (va, vb) = (fa.read(row, at, snap), fb.read(row, at, snap));
            if matches!(va, Val::None) || matches!(vb, Val::None) {
                acc.missing += 1;
            } else {
                acc.sum_a.add(&va);
                acc.sum_b.add(&vb);
                acc.counted += 1;
            }
        }
        Op::Count | Op::Share => {}
    }
}

impl std::fmt::Display for Parts {
    /// `numerator / denominator (counted, missing)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} / {} ({} counted, {} missing{})",
            self.numerator,
            self.denominator,
            self.counted,
            self.missing,
            if self.overflow { ", overflow" } else { "" }
        )
    }
}

impl std::fmt::Display for Tally {
    /// A summary line: plan, date, organisations.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "tally of plan {} over {} organisations at {} ({} targets)",
            self.plan,
            self.organisations,
            self.date,
            self.targets.len()
        )
    }
}

#[cfg(test)]
mod join_tests {
    use super::join_all;

    #[test]
    fn a_panicking_thread_panics_the_caller() {
        let caught = std::panic::catch_unwind(|| {
            std::thread::scope(|s| {
                let handles = vec![
                    s.spawn(|| 1),
                    s.spawn(|| panic!("part 2 failed")),
                    s.spawn(|| 3),
                ];
                join_all(handles)
            })
        });
        let payload = caught.expect_err("the panic is raised again");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"part 2 failed"));
    }

    #[test]
    fn results_keep_the_threads_order() {
        let out =
            std::thread::scope(|s| join_all((0..4).map(|i| s.spawn(move || i * 10)).collect()));
        assert_eq!(out, vec![0, 10, 20, 30]);
    }
}

#[cfg(test)]
#[cfg(feature = "json")]
mod keyed_tests {
    use super::Scan;
    use crate::registry::Snapshot;

    #[test]
    fn the_nghe_an_plan_takes_the_keyed_scan() {
        let plan = crate::catalog::get("nghe-an-363-2023").expect("plan");
        let snap = Snapshot::new(chrono::NaiveDate::from_ymd_opt(2025, 12, 31).expect("date"));
        let scan = Scan::compile(&plan, &snap).expect("scan");
        // Members (slot 0) and member cooperatives (slot 2) are summed.
        assert_eq!(scan.keyed, Some(vec![0, 2]));
        // A breakdown takes the keyed scan too, its groups in a second pass.
        let mut grouped = plan.clone();
        grouped.targets[0].breakdown = Some(crate::plan::GroupBy::District);
        assert!(Scan::compile(&grouped, &snap)
            .expect("scan")
            .keyed
            .is_some());
    }
}
