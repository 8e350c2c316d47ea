//! Seeded generator of realistic registries (số liệu đăng ký mô phỏng), for
//! tests, examples and benchmarks.
//!
//! The same [`GeneratorConfig`] always gives the same organisations: each
//! one is drawn from its own stream of a small deterministic random number
//! generator (SplitMix64) seeded with the configuration's seed and the
//! organisation's position, so [`cooperatives`], [`snapshot`] and
//! [`history`] agree on every organisation, and generating the first
//! thousand gives the same thousand whatever the size.
//!
//! ```
//! use chrono::NaiveDate;
//! use hoptac::generate::{self, GeneratorConfig};
//! let date = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
//! let config = GeneratorConfig::nghe_an(2_000, 42, date);
//! let snap = generate::snapshot(&config);
//! assert_eq!(snap.len(), 2_000);
//! let first = snap.get(0).ok_or("empty")?;
//! assert!(first.id.as_str().starts_with("na-"));
//! assert_eq!(first.location.province, "Nghệ An");
//! assert!(snap.iter().all(|org| !org.validate(date).has_errors()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Distributions
//!
//! Shares are of the whole population unless said otherwise; "HTX" below
//! means cooperatives and unions alike unless unions are named.
//!
//! | field | distribution |
//! | --- | --- |
//! | kind | [`KindMix`] weights: by default 45% THT, 54.7% HTX, 0.3% LHHTX |
//! | id | `{id_prefix}-{kind}-{position:06}`, as in `na-htx-000123` |
//! | sector | agriculture 65%, trade 12%, industry 8%, transport 5%, construction 3.5%, environment 3%, credit 2% (people's credit funds: cooperatives only, others get other), other 1.5% |
//! | place | district uniform over `districts` (none when the list is empty), commune uniform over `communes_per_district` names per district |
//! | established | from 1 January 1997 to `date`: 35% uniform, 65% the later of two uniform days, so recent years are more common (density rising linearly) |
//! | status | 8% of those established before `date` stop on a day after establishment and on or before `date`: 55% dissolved (with that day as dissolution date), 30% suspended, 15% awaiting dissolution (no date) |
//! | members | THT 2 to 40 (mean about 13); HTX 5 to 2,000, log-normal with median 90 (mean about 225); LHHTX members = member cooperatives, 3 to 20 (mean about 8); never below the legal minimum at the date |
//! | associate members | 70% of HTX report them: 30% none, otherwise log-normal around 12, at most 5,000 |
//! | ratings | HTX and LHHTX, each year from 2020 to the year of `date` once the organisation is at least a year old and before the year it stopped: 15% not rated, otherwise good 25%, fair 35%, average 28%, weak 12%, keeping last year's rating with probability 55%; THT never |
//! | value chain | 45% of HTX whose latest rating is good or fair, 15% of the others |
//! | high technology | 10% of agricultural HTX |
//! | digital transformation | 20% |
//! | female director | 25% of HTX |
//! | paper only | 5% of those whose latest rating is weak or none (THT included) |
//! | revenue | 85% of HTX: log-normal, median 1.5 billion VND (7.5 billion for unions), whole thousands of VND, 20 million to 500 billion |
//! | average member income | 70% of HTX: log-normal, median 55 million VND a year, 12 to 300 million |
//! | key staff | 80% of HTX: 3 to 12, trained and refreshed at most that |
//! | `area_ha` (number) | 40% of agricultural organisations: log-normal, median 30 ha, one decimal |
//! | `ocop` (yes or no) | 30% of HTX: 25% of them `true` |
//!
//! In a [`history`], figures drift year to year: going back one year divides
//! members, associate members, revenue and income by a factor between 0.97
//! and 1.06 (a growth of about 1.5% a year on average).

mod tables;
#[cfg(test)]
mod tests;

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::org::{
    Cooperative, ExtValue, Flag, Law, Location, OrgId, OrgKind, OrgStatus, Rating, Sector,
};
use crate::registry::{day_number, Registry, Snapshot};
use tables::{activities, COMMUNES, NGHE_AN_DISTRICTS, RATING_WEIGHTS, SECTORS, SECTOR_WEIGHTS};

/// The shares of each kind of organisation (cơ cấu loại hình) in a
/// generated population, as relative weights.
///
/// Every combination of weights is allowed; when all three are zero every
/// organisation is a cooperative. In JSON:
/// `{"cooperative_groups":4500,"cooperatives":5470,"unions":30}`.
///
/// ```
/// use hoptac::generate::KindMix;
/// let mix = KindMix::default();
/// assert_eq!(mix, KindMix::NGHE_AN);
/// assert_eq!(mix.to_string(), "45.00% THT, 54.70% HTX, 0.30% LHHTX");
/// let only_htx = KindMix { cooperative_groups: 0, cooperatives: 1, unions: 0 };
/// assert_eq!(only_htx.to_string(), "0.00% THT, 100.00% HTX, 0.00% LHHTX");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindMix {
    /// Weight of cooperative groups (tổ hợp tác).
    pub cooperative_groups: u32,
    /// Weight of cooperatives (hợp tác xã).
    pub cooperatives: u32,
    /// Weight of unions of cooperatives (liên hiệp hợp tác xã).
    pub unions: u32,
}

impl KindMix {
    /// Nghệ An at plan scale: about 45% THT, 54.7% HTX and 0.3% LHHTX.
    pub const NGHE_AN: KindMix = KindMix {
        cooperative_groups: 4500,
        cooperatives: 5470,
        unions: 30,
    };

    /// The kind for a draw `r` in `0..total`.
    fn pick(&self, r: u64) -> OrgKind {
        let groups = u64::from(self.cooperative_groups);
        let coops = u64::from(self.cooperatives);
        if r < groups {
            OrgKind::CooperativeGroup
        } else if r < groups + coops {
            OrgKind::Cooperative
        } else {
            OrgKind::CooperativeUnion
        }
    }

    fn total(&self) -> u64 {
        u64::from(self.cooperative_groups) + u64::from(self.cooperatives) + u64::from(self.unions)
    }
}

impl Default for KindMix {
    fn default() -> Self {
        KindMix::NGHE_AN
    }
}

impl std::fmt::Display for KindMix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // No weight at all means cooperatives only.
        let (groups, coops, unions) = match self.total() {
            0 => (0, 1, 0),
            _ => (self.cooperative_groups, self.cooperatives, self.unions),
        };
        let total = Decimal::from(self.total().max(1));
        let share = |w: u32| {
            (Decimal::from(w) * Decimal::ONE_HUNDRED)
                .checked_div(total)
                .unwrap_or_default()
        };
        write!(
            f,
            "{:.2}% THT, {:.2}% HTX, {:.2}% LHHTX",
            share(groups),
            share(coops),
            share(unions),
        )
    }
}

/// What to generate: how many organisations, where, at which date, with
/// which seed (cấu hình bộ sinh dữ liệu).
///
/// Every combination of values is allowed. In JSON:
///
/// ```json
/// {"seed":42,"size":1000,"province":"Nghệ An","id_prefix":"na",
///  "districts":["Thành phố Vinh","Hưng Nguyên"],"communes_per_district":20,
///  "date":"2025-12-31","mix":{"cooperative_groups":4500,"cooperatives":5470,"unions":30}}
/// ```
///
/// ```
/// use chrono::NaiveDate;
/// use hoptac::generate::{GeneratorConfig, KindMix};
/// let date = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
/// let config = GeneratorConfig::nghe_an(1_000, 7, date)
///     .with_districts(["Hưng Nguyên", "Nam Đàn"])
///     .with_communes_per_district(5)
///     .with_mix(KindMix { cooperative_groups: 1, cooperatives: 1, unions: 0 });
/// assert_eq!(config.districts.len(), 2);
/// assert_eq!(config.province, "Nghệ An");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GeneratorConfig {
    /// The seed: the same seed gives the same organisations.
    pub seed: u64,
    /// How many organisations exist at `date` (established on or before
    /// it, whatever their status).
    pub size: usize,
    /// The province (tỉnh) of every organisation.
    pub province: String,
    /// The start of every id, as `na` in `na-htx-000123`. Only ASCII
    /// letters, digits and `-` are used, at most 32 of them; `org` when
    /// none is left.
    pub id_prefix: String,
    /// The districts (huyện) organisations are spread over; none when empty,
    /// as after the two-level reform of 1/7/2025.
    pub districts: Vec<String>,
    /// How many communes (xã) each district has (at least 1 is used).
    pub communes_per_district: u32,
    /// The date of the generated snapshot (ngày số liệu).
    pub date: NaiveDate,
    /// The shares of each kind.
    pub mix: KindMix,
}

impl GeneratorConfig {
    /// `size` organisations of Nghệ An at `date`: its 21 districts (before
    /// 1/7/2025), 20 communes each, [`KindMix::NGHE_AN`], ids starting
    /// `na-`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use hoptac::generate::GeneratorConfig;
    /// let date = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let config = GeneratorConfig::nghe_an(500, 1, date);
    /// assert_eq!(config.districts.len(), 21);
    /// assert_eq!(config.districts[0], "Thành phố Vinh");
    /// assert_eq!(config.communes_per_district, 20);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn nghe_an(size: usize, seed: u64, date: NaiveDate) -> GeneratorConfig {
        GeneratorConfig {
            seed,
            size,
            province: "Nghệ An".to_owned(),
            id_prefix: "na".to_owned(),
            districts: NGHE_AN_DISTRICTS.iter().map(|d| (*d).to_owned()).collect(),
            communes_per_district: 20,
            date,
            mix: KindMix::NGHE_AN,
        }
    }

    /// The same configuration with another seed.
    ///
    /// ```
    /// # use hoptac::generate::GeneratorConfig;
    /// assert_eq!(GeneratorConfig::default().with_seed(9).seed, 9);
    /// ```
    #[must_use]
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// The same configuration with another size.
    ///
    /// ```
    /// # use hoptac::generate::GeneratorConfig;
    /// assert_eq!(GeneratorConfig::default().with_size(10).size, 10);
    /// ```
    #[must_use]
    pub fn with_size(mut self, size: usize) -> Self {
        self.size = size;
        self
    }

    /// The same configuration at another date.
    ///
    /// ```
    /// # use hoptac::generate::GeneratorConfig;
    /// let date = chrono::NaiveDate::from_ymd_opt(2023, 12, 31).ok_or("date")?;
    /// assert_eq!(GeneratorConfig::default().with_date(date).date, date);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_date(mut self, date: NaiveDate) -> Self {
        self.date = date;
        self
    }

    /// The same configuration in another province, with ids starting
    /// `id_prefix`.
    ///
    /// ```
    /// # use hoptac::generate::GeneratorConfig;
    /// let config = GeneratorConfig::default().with_province("Lạng Sơn", "ls").with_districts::<&str>([]);
    /// assert_eq!(config.province, "Lạng Sơn");
    /// assert_eq!(hoptac::generate::snapshot(&config.with_size(1)).id_at(0).map(|id| &id[..3]), Some("ls-"));
    /// ```
    #[must_use]
    pub fn with_province(
        mut self,
        province: impl Into<String>,
        id_prefix: impl Into<String>,
    ) -> Self {
        self.province = province.into();
        self.id_prefix = id_prefix.into();
        self
    }

    /// The same configuration with other districts (none for a two-level
    /// province).
    ///
    /// ```
    /// # use hoptac::generate::GeneratorConfig;
    /// assert!(GeneratorConfig::default().with_districts::<String>([]).districts.is_empty());
    /// ```
    #[must_use]
    pub fn with_districts<S: Into<String>>(
        mut self,
        districts: impl IntoIterator<Item = S>,
    ) -> Self {
        self.districts = districts.into_iter().map(Into::into).collect();
        self
    }

    /// The same configuration with `n` communes per district.
    ///
    /// ```
    /// # use hoptac::generate::GeneratorConfig;
    /// assert_eq!(GeneratorConfig::default().with_communes_per_district(3).communes_per_district, 3);
    /// ```
    #[must_use]
    pub fn with_communes_per_district(mut self, n: u32) -> Self {
        self.communes_per_district = n;
        self
    }

    /// The same configuration with other kind shares.
    ///
    /// ```
    /// # use hoptac::generate::{GeneratorConfig, KindMix};
    /// let mix = KindMix { cooperative_groups: 0, cooperatives: 1, unions: 0 };
    /// assert_eq!(GeneratorConfig::default().with_mix(mix).mix, mix);
    /// ```
    #[must_use]
    pub fn with_mix(mut self, mix: KindMix) -> Self {
        self.mix = mix;
        self
    }
}

impl Default for GeneratorConfig {
    /// 1,000 organisations of Nghệ An at 31/12/2025, seed 0.
    fn default() -> Self {
        let date = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or_default();
        GeneratorConfig::nghe_an(1_000, 0, date)
    }
}

impl std::fmt::Display for GeneratorConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} organisations of {} at {} (seed {})",
            self.size, self.province, self.date, self.seed
        )
    }
}

/// The organisations of `config` as at `config.date`, in id order
/// (`…-000000` first). Deterministic: the same configuration gives the
/// same records.
///
/// ```
/// use chrono::NaiveDate;
/// use hoptac::generate::{self, GeneratorConfig};
/// let date = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
/// let config = GeneratorConfig::nghe_an(100, 3, date);
/// let a: Vec<_> = generate::cooperatives(&config).collect();
/// let b: Vec<_> = generate::cooperatives(&config).take(10).collect();
/// assert_eq!(a.len(), 100);
/// assert_eq!(a[..10], b[..]);
/// assert!(a[5].id.as_str().ends_with("-000005"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn cooperatives(config: &GeneratorConfig) -> impl Iterator<Item = Cooperative> {
    let population = Population::new(config);
    (0..config.size).map(move |i| population.life(i).org)
}

/// The organisations of `config` as a [`Snapshot`] at `config.date`.
///
/// A size above [`Snapshot::MAX_ORGS`] is cut to it.
///
/// ```
/// use chrono::NaiveDate;
/// use hoptac::generate::{self, GeneratorConfig};
/// let date = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
/// let config = GeneratorConfig::nghe_an(300, 11, date);
/// let snap = generate::snapshot(&config);
/// assert_eq!(snap.date(), date);
/// assert_eq!(snap.iter().collect::<Vec<_>>(), generate::cooperatives(&config).collect::<Vec<_>>());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn snapshot(config: &GeneratorConfig) -> Snapshot {
    let population = Population::new(config);
    let size = config.size.min(Snapshot::MAX_ORGS);
    let mut snap = Snapshot::new(config.date);
    snap.reserve(size);
    for i in 0..size {
        // Ids are distinct, counts small and rating years in range: a push
        // fails only when the snapshot is full.
        if snap.push(population.life(i).org).is_err() {
            break;
        }
    }
    snap
}

/// Snapshots of one evolving population at each of `dates` (lịch sử số
/// liệu): the organisations of `config`, each snapshot holding those
/// established on or before its date, with their status, ratings, members
/// and money as at that date.
///
/// The population is the one at `config.date`: a snapshot dated later sees
/// no new organisation and no later change. Repeated dates are taken once.
///
/// ```
/// use chrono::NaiveDate;
/// use hoptac::generate::{self, GeneratorConfig};
/// let day = |y| NaiveDate::from_ymd_opt(y, 12, 31).ok_or("date");
/// let config = GeneratorConfig::nghe_an(1_000, 5, day(2025)?);
/// let reg = generate::history(&config, &[day(2023)?, day(2024)?, day(2025)?]);
/// assert_eq!(reg.len(), 3);
/// let sizes: Vec<usize> = reg.iter().map(|s| s.len()).collect();
/// assert!(sizes[0] <= sizes[1] && sizes[1] <= sizes[2] && sizes[2] == 1_000);
/// assert_eq!(reg.latest_at(day(2025)?), Some(&generate::snapshot(&config)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn history(config: &GeneratorConfig, dates: &[NaiveDate]) -> Registry {
    let population = Population::new(config);
    let mut dates = dates.to_vec();
    dates.sort_unstable();
    dates.dedup();
    let mut snaps: Vec<Snapshot> = dates.iter().map(|d| Snapshot::new(*d)).collect();
    let size = config.size.min(Snapshot::MAX_ORGS);
    for i in 0..size {
        let life = population.life(i);
        for snap in &mut snaps {
            if let Some(org) = life.as_of(snap.date(), &population) {
                // As in `snapshot`: fails only when full.
                let _ = snap.push(org);
            }
        }
    }
    let mut registry = Registry::new();
    for snap in snaps {
        // Dates are distinct.
        let _ = registry.insert(snap);
    }
    registry
}

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, and good enough
/// for simulated data.
#[derive(Debug, Clone)]
struct Rng(u64);

/// The SplitMix64 output function: a good 64-bit mixer.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.0)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi.saturating_sub(lo).saturating_add(1))
    }

    /// True with probability `per_mille` / 1000.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    /// An index drawn with the given weights.
    fn weighted(&mut self, weights: &[u64]) -> usize {
        let total: u64 = weights.iter().sum();
        let mut r = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let i = self.below(items.len() as u64) as usize;
        items.get(i).copied().unwrap_or_default()
    }

    /// About normal, mean 0 and standard deviation 65,536: the sum of
    /// twelve uniform 16-bit numbers less their mean (Irwin–Hall).
    fn normal(&mut self) -> i64 {
        let mut sum = 0i64;
        for _ in 0..3 {
            let x = self.next_u64();
            sum += (x & 0xFFFF) as i64
                + ((x >> 16) & 0xFFFF) as i64
                + ((x >> 32) & 0xFFFF) as i64
                + (x >> 48) as i64;
        }
        sum - 6 * 65_536
    }

    /// Log-normal: `median` times 2 to the power of a normal number with
    /// standard deviation `sigma_log2_centi` / 100.
    fn log_normal(&mut self, median: u64, sigma_log2_centi: i64) -> u64 {
        let sixteenths = self.normal() * sigma_log2_centi * 16 / (65_536 * 100);
        scale_pow2(median, sixteenths)
    }
}

/// `2^(i/16)` in millionths.
const POW2_SIXTEENTHS: [u128; 16] = [
    1_000_000, 1_044_274, 1_090_508, 1_138_789, 1_189_207, 1_241_858, 1_296_840, 1_354_256,
    1_414_214, 1_476_826, 1_542_211, 1_610_490, 1_681_793, 1_756_252, 1_834_008, 1_915_207,
];

/// `value * 2^(sixteenths / 16)`, saturating.
fn scale_pow2(value: u64, sixteenths: i64) -> u64 {
    let e = sixteenths.clamp(-40 * 16, 40 * 16);
    let whole = e.div_euclid(16);
    let frac = e.rem_euclid(16) as usize;
    let x = u128::from(value) * POW2_SIXTEENTHS.get(frac).copied().unwrap_or(1_000_000) / 1_000_000;
    let x = if whole >= 0 {
        x.checked_shl(whole as u32).unwrap_or(u128::MAX)
    } else {
        x >> (-whole) as u32
    };
    u64::try_from(x).unwrap_or(u64::MAX)
}

/// What every organisation of a configuration shares.
#[derive(Debug, Clone)]
struct Population {
    seed: u64,
    prefix: String,
    province: String,
    districts: Vec<String>,
    communes: u32,
    date: NaiveDate,
    first_day: i64,
    last_day: i64,
    mix: KindMix,
}

/// One organisation over its life: as at the configuration's date, and how
/// to see it at an earlier one.
struct Life {
    org: Cooperative,
    /// When and how it stopped being active.
    stop: Option<(OrgStatus, NaiveDate)>,
    /// Seed of the yearly drift of its figures.
    drift: u64,
}

impl Population {
    fn new(config: &GeneratorConfig) -> Population {
        let mut prefix: String = config
            .id_prefix
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(32)
            .collect();
        if prefix.is_empty() {
            prefix.push_str("org");
        }
        let last_day = i64::from(day_number(config.date));
        let start =
            NaiveDate::from_ymd_opt(1997, 1, 1).map_or(last_day, |d| i64::from(day_number(d)));
        let first_day = if start < last_day {
            start
        } else {
            last_day - 3650
        };
        Population {
            seed: mix64(config.seed ^ 0x6E67_6865_2061_6E21),
            prefix,
            province: config.province.clone(),
            districts: config.districts.clone(),
            communes: config.communes_per_district.max(1),
            date: config.date,
            first_day,
            last_day,
            mix: config.mix,
        }
    }

    fn day(n: i64) -> NaiveDate {
        i32::try_from(n)
            .ok()
            .and_then(NaiveDate::from_num_days_from_ce_opt)
            .unwrap_or(NaiveDate::MIN)
    }

    /// The organisation at position `index`.
    fn life(&self, index: usize) -> Life {
        let mut rng = Rng::new(mix64(self.seed.wrapping_add(mix64(index as u64))));
        let kind = match self.mix.total() {
            0 => OrgKind::Cooperative,
            total => self.mix.pick(rng.below(total)),
        };
        let rated = kind.is_rated();
        let sector = match SECTORS.get(rng.weighted(&SECTOR_WEIGHTS)).copied() {
            // People's credit funds are cooperatives.
            Some(Sector::Credit) if kind != OrgKind::Cooperative => Sector::Other,
            Some(sector) => sector,
            None => Sector::Agriculture,
        };

        // Identity and place.
        let mut id = String::with_capacity(self.prefix.len() + 16);
        let _ = write!(id, "{}-{}-{:06}", self.prefix, kind.code(), index);
        // At most 32 + 7 + 20 bytes of ASCII letters, digits and dashes.
        let id = OrgId::new(id).expect("a clean prefix, a kind and digits make a valid id");
        let district_index = rng.below(self.districts.len() as u64) as usize;
        let district = self.districts.get(district_index).cloned();
        let commune_index = rng.below(u64::from(self.communes));
        let commune = commune_name(district_index, commune_index);
        let activity = rng.pick(activities(sector));
        let mut name = String::with_capacity(48);
        match (kind, sector) {
            (OrgKind::Cooperative, Sector::Credit) => name.push_str("Quỹ tín dụng nhân dân"),
            (OrgKind::CooperativeGroup, _) => {
                name.push_str("THT ");
                name.push_str(activity);
            }
            (OrgKind::Cooperative, _) => {
                name.push_str("HTX ");
                name.push_str(activity);
            }
            (OrgKind::CooperativeUnion, _) => {
                name.push_str("Liên hiệp HTX ");
                name.push_str(activity);
            }
        }
        name.push(' ');
        name.push_str(&commune);
        if rng.chance(100) {
            let _ = write!(name, " số {}", rng.range(2, 5));
        }

        // Dates: recent years more common.
        let span = (self.last_day - self.first_day).max(0) as u64;
        let offset = if rng.chance(350) {
            rng.below(span + 1)
        } else {
            rng.below(span + 1).max(rng.below(span + 1))
        };
        let established_day = self.first_day + offset as i64;
        let established = Self::day(established_day);
        let stop = if established_day < self.last_day && rng.chance(80) {
            let day = Self::day(
                rng.range(1, (self.last_day - established_day) as u64) as i64 + established_day,
            );
            let status = [
                OrgStatus::Dissolved,
                OrgStatus::Suspended,
                OrgStatus::Dissolving,
            ]
            .get(rng.weighted(&[550, 300, 150]))
            .copied()
            .unwrap_or(OrgStatus::Dissolved);
            Some((status, day))
        } else {
            None
        };

        let location = Location {
            province: self.province.clone(),
            district,
            commune,
        };
        let mut org = Cooperative::new(id, name, kind, sector, location, established);
        if let Some((status, day)) = stop {
            org.status = status;
            if status == OrgStatus::Dissolved {
                org.dissolved = Some(day);
            }
        }

        // Members.
        match kind {
            OrgKind::CooperativeGroup => {
                let a = rng.below(1001);
                let b = rng.below(1001);
                org.members = Some((2 + (38 * a * (a + b) + 1_000_000) / 2_000_000) as u32);
            }
            OrgKind::Cooperative => {
                org.members = Some(rng.log_normal(90, 210).clamp(5, 2000) as u32);
            }
            OrgKind::CooperativeUnion => {
                let a = rng.below(1001);
                let coops = (3 + 17 * a * a / 1_000_000) as u32;
                org.member_coops = Some(coops);
                org.members = Some(coops);
            }
        }
        if rated && rng.chance(700) {
            org.associate_members = Some(if rng.chance(300) {
                0
            } else {
                rng.log_normal(12, 200).min(5000) as u32
            });
        }
        clamp_to_law(&mut org, self.date);

        // Ratings, from 2020 once a year old and before it stopped.
        if rated {
            let from = 2020.max(established.year() + 1);
            let to = self
                .date
                .year()
                .min(2200)
                .min(stop.map_or(i32::MAX, |(_, d)| d.year() - 1));
            let mut last: Option<Rating> = None;
            for year in from..=to {
                if rng.chance(150) {
                    continue;
                }
                let rating = match last {
                    Some(r) if rng.chance(550) => r,
                    _ => Rating::ALL
                        .get(rng.weighted(&RATING_WEIGHTS))
                        .copied()
                        .unwrap_or(Rating::Average),
                };
                org.ratings.insert(year, rating);
                last = Some(rating);
            }
        }
        let latest = org.ratings.values().next_back().copied();

        // Flags.
        let good = latest.is_some_and(Rating::is_fair_or_better);
        if rng.chance(if rated && good { 450 } else { 150 }) {
            org.flags.insert(Flag::ValueChain);
        }
        if rated && sector == Sector::Agriculture && rng.chance(100) {
            org.flags.insert(Flag::HighTech);
        }
        if rng.chance(200) {
            org.flags.insert(Flag::Digital);
        }
        if rated && rng.chance(250) {
            org.flags.insert(Flag::FemaleDirector);
        }
        if matches!(latest, None | Some(Rating::Weak)) && rng.chance(50) {
            org.flags.insert(Flag::PaperOnly);
        }

        // Money and staff.
        if rated {
            if rng.chance(850) {
                let median = if kind == OrgKind::CooperativeUnion {
                    7_500_000_000
                } else {
                    1_500_000_000
                };
                let v = rng
                    .log_normal(median, 160)
                    .clamp(20_000_000, 500_000_000_000);
                org.revenue_vnd = Some(Decimal::from(v / 1000 * 1000));
            }
            if rng.chance(700) {
                let v = rng
                    .log_normal(55_000_000, 60)
                    .clamp(12_000_000, 300_000_000);
                org.avg_income_vnd = Some(Decimal::from(v / 1000 * 1000));
            }
            if rng.chance(800) {
                let total = rng.range(3, 12);
                let trained = total - rng.below(total / 2 + 1);
                let refreshed = rng.below(total + 1);
                org.key_staff = Some(total as u32);
                org.key_staff_trained = Some(trained as u32);
                org.key_staff_refreshed = Some(refreshed as u32);
            }
        }

        // Extension attributes.
        if sector == Sector::Agriculture && rng.chance(400) {
            let tenths = rng.log_normal(300, 150).clamp(1, 500_000);
            org.extensions.insert(
                "area_ha".to_owned(),
                ExtValue::Number(Decimal::new(tenths as i64, 1)),
            );
        }
        if rated && rng.chance(300) {
            org.extensions
                .insert("ocop".to_owned(), ExtValue::Bool(rng.chance(250)));
        }

        Life {
            org,
            stop,
            drift: rng.next_u64(),
        }
    }
}

/// The `index`-th commune name of a district.
fn commune_name(district: usize, index: u64) -> String {
    let n = COMMUNES.len() as u64;
    let i = (index + district as u64 * 7) % n;
    let base = COMMUNES.get(i as usize).copied().unwrap_or("Xuân Lâm");
    let round = index / n;
    if round == 0 {
        base.to_owned()
    } else {
        format!("{base} {}", round + 1)
    }
}

/// Raises members (and member cooperatives) to the legal minimum at `date`.
fn clamp_to_law(org: &mut Cooperative, date: NaiveDate) {
    let law = Law::in_force_at(date);
    let min = law.min_members(org.kind);
    if let Some(m) = &mut org.members {
        *m = (*m).max(min);
    }
    if let (Some(c), Some(min)) = (&mut org.member_coops, law.min_member_coops(org.kind)) {
        *c = (*c).max(min);
    }
}

impl Life {
    /// The organisation as at `date`; `None` before it was established.
    fn as_of(&self, date: NaiveDate, population: &Population) -> Option<Cooperative> {
        if self.org.established > date {
            return None;
        }
        let mut org = self.org.clone();
        match self.stop {
            Some((status, day)) if day <= date => {
                org.status = status;
                org.dissolved = (status == OrgStatus::Dissolved).then_some(day);
            }
            _ => {
                org.status = OrgStatus::Active;
                org.dissolved = None;
            }
        }
        let year = date.year();
        org.ratings.retain(|&y, _| y <= year);
        // Going back a year divides the figures by 0.97 to 1.06.
        for y in (year + 1)..=population.date.year() {
            let factor = 970 + mix64(self.drift ^ (y as u64).wrapping_mul(0x9E37_79B9)) % 91;
            let back = |v: u64| v * 1000 / factor;
            for n in [&mut org.members, &mut org.associate_members]
                .into_iter()
                .flatten()
            {
                *n = u32::try_from(back(u64::from(*n))).unwrap_or(*n);
            }
            for m in [&mut org.revenue_vnd, &mut org.avg_income_vnd]
                .into_iter()
                .flatten()
            {
                let whole = u64::try_from(m.mantissa()).unwrap_or(0);
                *m = Decimal::from(back(whole) / 1000 * 1000);
            }
        }
        if org.kind == OrgKind::CooperativeUnion {
            org.members = org.member_coops;
        }
        clamp_to_law(&mut org, date);
        Some(org)
    }
}
