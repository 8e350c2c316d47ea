//! Growth against a base year, average yearly growth, and how a reported
//! target over several years adds its yearly values up.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::lang::{Labelled, Lang};

/// A target on growth (tăng trưởng) instead of a level: its threshold is
/// the percent of growth ("tăng tối thiểu 8%", "tăng bình quân 6,5%/năm").
///
/// - [`Growth::AgainstBase`] "tăng X% so với năm Y": met when the value at
///   the year judged is at least (1 + X/100) times the value at the end of
///   year Y (for "trên", more than; for "dưới" / "tối đa", less than or at
///   most).
/// - [`Growth::Yearly`] "tăng bình quân X%/năm" over a period from year A
///   (and "tăng X%/năm"): the base is the value at the end of year A − 1,
///   and in year T the target is met when
///   v(T) ≥ v(base) × (1 + X/100)^(T − (A − 1)).
///
/// Decided with that exact inequality (integer powers of decimals); the
/// realised rate shown in the result may be rounded. The base value is the
/// latest registry snapshot dated in the base year and not after the one
/// judged, or for a reported target the value reported for the base year;
/// lacking it, the base value supplied in the inputs
/// ([`Inputs::base_values`](crate::Inputs::base_values)), then `base_value`
/// here. No base value, no data.
///
/// JSON: `{"kind":"against_base","base_year":2021}`,
/// `{"kind":"yearly","from_year":2023,"base_value":"1250"}`.
///
/// ```
/// use hoptac::plan::Growth;
/// let g: Growth = serde_json::from_str(r#"{"kind":"yearly","from_year":2023}"#)?;
/// assert_eq!(g.base_year(), 2022);
/// assert_eq!(g.years_to(2025), Some(3));
/// assert_eq!(g.years_to(2022), None); // before the period starts
/// let b: Growth = serde_json::from_str(r#"{"kind":"against_base","base_year":2021}"#)?;
/// assert_eq!(b.years_to(2025), Some(1)); // growth once, whatever the years
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Growth {
    /// Growth against the end of a base year (tăng X% so với năm Y).
    AgainstBase {
        /// The base year Y.
        base_year: i32,
        /// The base value, when the plan states it.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::serde_util::OptionDecimalStr"
        )]
        base_value: Option<Decimal>,
    },
    /// Average yearly growth over a period starting in `from_year`
    /// (tăng bình quân X%/năm), compounded.
    Yearly {
        /// The first year of the period, A; the base is the end of A − 1.
        from_year: i32,
        /// The base value, when the plan states it.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::serde_util::OptionDecimalStr"
        )]
        base_value: Option<Decimal>,
    },
}

/// The most years a yearly growth compounds over: real plans span at most
/// a few decades, and the bound keeps the powers within the decimal range.
pub const MAX_GROWTH_YEARS: u32 = 100;

impl Growth {
    /// The year whose end gives the base value.
    ///
    /// ```
    /// use hoptac::plan::Growth;
    /// assert_eq!(Growth::AgainstBase { base_year: 2021, base_value: None }.base_year(), 2021);
    /// ```
    pub fn base_year(&self) -> i32 {
        match self {
            Growth::AgainstBase { base_year, .. } => *base_year,
            Growth::Yearly { from_year, .. } => from_year.saturating_sub(1),
        }
    }

    /// The base value the plan states, if any.
    ///
    /// ```
    /// use hoptac::plan::Growth;
    /// assert_eq!(Growth::Yearly { from_year: 2023, base_value: Some(5.into()) }.base_value(), Some(5.into()));
    /// ```
    pub fn base_value(&self) -> Option<Decimal> {
        match self {
            Growth::AgainstBase { base_value, .. } | Growth::Yearly { base_value, .. } => {
                *base_value
            }
        }
    }

    /// How many times the rate compounds when year `year` is judged: 1
    /// against a base, `year − (A − 1)` for yearly growth; `None` when the
    /// year is not after the base year (no data before the period starts)
    /// or further than [`MAX_GROWTH_YEARS`].
    ///
    /// ```
    /// use hoptac::plan::Growth;
    /// let g = Growth::AgainstBase { base_year: 2021, base_value: None };
    /// assert_eq!(g.years_to(2021), None);
    /// assert_eq!(g.years_to(2022), Some(1));
    /// ```
    pub fn years_to(&self, year: i32) -> Option<u32> {
        let base = self.base_year();
        if year <= base {
            return None;
        }
        match self {
            Growth::AgainstBase { .. } => Some(1),
            Growth::Yearly { .. } => u32::try_from(i64::from(year) - i64::from(base))
                .ok()
                .filter(|n| *n <= MAX_GROWTH_YEARS),
        }
    }

    /// The value required at `year` for a rate of `percent`:
    /// base × (1 + percent/100)^n, exactly; `None` on overflow or when the
    /// year is not after the base year.
    ///
    /// ```
    /// use hoptac::plan::Growth;
    /// let g = Growth::Yearly { from_year: 2023, base_value: None };
    /// // 100 growing 10% a year for 2023, 2024, 2025: 133.1 exactly.
    /// assert_eq!(g.required(100.into(), 10.into(), 2025), Some("133.1".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn required(&self, base: Decimal, percent: Decimal, year: i32) -> Option<Decimal> {
        let n = self.years_to(year)?;
        let factor = Decimal::ONE.checked_add(percent.checked_div(Decimal::ONE_HUNDRED)?)?;
        let mut out = base;
        for _ in 0..n {
            out = out.checked_mul(factor)?;
        }
        Some(out)
    }

    /// The realised rate in percent from `base` to `value` at `year`: the
    /// growth against the base, or the average yearly rate (found by
    /// bisection on exact powers, to 6 decimal places; for display only).
    /// `None` without a positive base or a year after it.
    ///
    /// ```
    /// use hoptac::plan::Growth;
    /// let g = Growth::Yearly { from_year: 2023, base_value: None };
    /// assert_eq!(g.realised(100.into(), "133.1".parse()?, 2025), Some(10.into()));
    /// let b = Growth::AgainstBase { base_year: 2021, base_value: None };
    /// assert_eq!(b.realised(200.into(), 216.into(), 2025), Some(8.into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn realised(&self, base: Decimal, value: Decimal, year: i32) -> Option<Decimal> {
        if base <= Decimal::ZERO {
            return None;
        }
        let n = self.years_to(year)?;
        let ratio = value.checked_div(base)?;
        if n == 1 {
            return ratio
                .checked_sub(Decimal::ONE)?
                .checked_mul(Decimal::ONE_HUNDRED)
                .map(|v| v.normalize());
        }
        // (1 + r)^n = ratio, r in percent, by bisection on 1 + r.
        let pow = |x: Decimal| -> Option<Decimal> {
            let mut out = Decimal::ONE;
            for _ in 0..n {
                out = out.checked_mul(x)?;
            }
            Some(out)
        };
        let (mut lo, mut hi) = (Decimal::ZERO, Decimal::ONE.max(ratio));
        for _ in 0..80 {
            let mid = (lo + hi) / Decimal::TWO;
            match pow(mid) {
                Some(p) if p <= ratio => lo = mid,
                _ => hi = mid,
            }
        }
        let rate = lo
            .checked_sub(Decimal::ONE)?
            .checked_mul(Decimal::ONE_HUNDRED)?;
        Some(rate.round_dp(6).normalize())
    }
}

impl Labelled for Growth {
    fn label(&self, lang: Lang) -> &str {
        match self {
            Growth::AgainstBase { .. } => {
                lang.pick("tăng so với năm gốc", "growth against a base year")
            }
            Growth::Yearly { .. } => lang.pick("tăng bình quân mỗi năm", "average yearly growth"),
        }
    }
}

impl fmt::Display for Growth {
    /// `growth against 2021`, `average yearly growth from 2023`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Growth::AgainstBase { base_year, .. } => write!(f, "growth against {base_year}"),
            Growth::Yearly { from_year, .. } => write!(f, "average yearly growth from {from_year}"),
        }
    }
}

/// How a reported target over several years reads its yearly values
/// ([`Inputs::reported_by_year`](crate::Inputs::reported_by_year)): a
/// running total ("mở 150 lớp tập huấn giai đoạn 2023-2025": the yearly
/// values add up) or a level ("duy trì 20 mô hình": the latest value
/// counts). Values are never summed for a level, nor taken as latest for a
/// total; a target with yearly values that does not say which has no data.
///
/// JSON: `{"kind":"total","from_year":2023}`, `{"kind":"level"}`.
///
/// ```
/// use hoptac::plan::Accumulation;
/// let a: Accumulation = serde_json::from_str(r#"{"kind":"total","from_year":2023}"#)?;
/// assert_eq!(a, Accumulation::Total { from_year: 2023 });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Accumulation {
    /// The yearly values from `from_year` to the year judged add up (lũy kế).
    Total {
        /// The first year counted.
        from_year: i32,
    },
    /// The value of the latest year reported, up to the year judged (duy trì).
    Level,
}

impl Labelled for Accumulation {
    fn label(&self, lang: Lang) -> &str {
        match self {
            Accumulation::Total { .. } => lang.pick("cộng dồn các năm", "running total"),
            Accumulation::Level => lang.pick("mức của năm gần nhất", "level of the latest year"),
        }
    }
}
