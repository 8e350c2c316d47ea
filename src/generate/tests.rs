//! Tests of the generator: determinism, proportions, validity, history.

use std::collections::HashMap;

use super::*;
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn config(size: usize, seed: u64) -> GeneratorConfig {
    GeneratorConfig::nghe_an(size, seed, day(2025, 12, 31))
}

/// `part / whole` in per mille.
fn per_mille(part: usize, whole: usize) -> usize {
    part * 1000 / whole.max(1)
}

fn assert_near(what: &str, value: usize, target: usize, tolerance: usize) {
    assert!(
        value.abs_diff(target) <= tolerance,
        "{what}: {value} is not within {tolerance} of {target}"
    );
}

#[test]
fn same_seed_same_output_different_seed_different() {
    let a: Vec<Cooperative> = cooperatives(&config(500, 1)).collect();
    let b: Vec<Cooperative> = cooperatives(&config(500, 1)).collect();
    let c: Vec<Cooperative> = cooperatives(&config(500, 2)).collect();
    assert_eq!(a, b);
    assert_ne!(a, c);
    // A prefix of a larger population is the smaller population.
    let big: Vec<Cooperative> = cooperatives(&config(800, 1)).collect();
    assert_eq!(big[..500], a[..]);
    // Snapshot and iterator agree.
    assert_eq!(snapshot(&config(500, 1)).iter().collect::<Vec<_>>(), a);
}

#[test]
fn golden_first_record() {
    // Changing the draws changes every generated data set: this test
    // says when that happens.
    let org = cooperatives(&config(1, 2025)).next().unwrap();
    assert_eq!(org.location.province, "Nghệ An");
    assert!(org.id.as_str().starts_with("na-"));
    assert!(org.id.as_str().ends_with("-000000"));
    let again = cooperatives(&config(1, 2025)).next().unwrap();
    assert_eq!(org, again);
}

#[test]
fn proportions_on_20000() {
    let cfg = config(20_000, 7);
    let orgs: Vec<Cooperative> = cooperatives(&cfg).collect();
    let n = orgs.len();
    let count = |f: &dyn Fn(&Cooperative) -> bool| orgs.iter().filter(|o| f(o)).count();
    let tht = count(&|o| o.kind == OrgKind::CooperativeGroup);
    let htx = count(&|o| o.kind == OrgKind::Cooperative);
    let lhhtx = count(&|o| o.kind == OrgKind::CooperativeUnion);
    assert_near("THT", per_mille(tht, n), 450, 15);
    assert_near("HTX", per_mille(htx, n), 547, 15);
    assert!((20..=110).contains(&lhhtx), "LHHTX {lhhtx}");
    assert_near(
        "agriculture",
        per_mille(count(&|o| o.sector == Sector::Agriculture), n),
        650,
        20,
    );
    assert_near(
        "stopped",
        per_mille(count(&|o| o.status != OrgStatus::Active), n),
        80,
        12,
    );
    assert!(orgs
        .iter()
        .all(|o| o.dissolved.is_some() == (o.status == OrgStatus::Dissolved)));

    // Members.
    let mean = |kind: OrgKind| {
        let v: Vec<u64> = orgs
            .iter()
            .filter(|o| o.kind == kind)
            .filter_map(|o| o.members.map(u64::from))
            .collect();
        v.iter().sum::<u64>() / (v.len() as u64).max(1)
    };
    assert_near(
        "THT members",
        mean(OrgKind::CooperativeGroup) as usize,
        13,
        2,
    );
    assert_near("HTX members", mean(OrgKind::Cooperative) as usize, 230, 40);
    for o in &orgs {
        let m = o.members.unwrap();
        match o.kind {
            OrgKind::CooperativeGroup => assert!((2..=40).contains(&m)),
            OrgKind::Cooperative => assert!((5..=2000).contains(&m)),
            _ => {
                assert!((3..=20).contains(&m));
                assert_eq!(o.member_coops, Some(m));
            }
        }
    }

    // Ratings in 2024 among cooperatives old enough and still going.
    let eligible: Vec<&Cooperative> = orgs
        .iter()
        .filter(|o| o.kind.is_rated() && o.established.year() < 2024)
        .filter(|o| o.status == OrgStatus::Active)
        .collect();
    let rated: Vec<Rating> = eligible.iter().filter_map(|o| o.rating_in(2024)).collect();
    assert_near(
        "not rated",
        per_mille(eligible.len() - rated.len(), eligible.len()),
        150,
        20,
    );
    let share = |r: Rating| per_mille(rated.iter().filter(|x| **x == r).count(), rated.len());
    assert_near("good", share(Rating::Good), 250, 25);
    assert_near("fair", share(Rating::Fair), 350, 25);
    assert_near("average", share(Rating::Average), 280, 25);
    assert_near("weak", share(Rating::Weak), 120, 20);
    assert!(orgs
        .iter()
        .filter(|o| o.kind == OrgKind::CooperativeGroup)
        .all(|o| o.ratings.is_empty()));

    // Flags and figures among cooperatives.
    let htxs: Vec<&Cooperative> = orgs
        .iter()
        .filter(|o| o.kind == OrgKind::Cooperative)
        .collect();
    let share_of = |f: &dyn Fn(&Cooperative) -> bool| {
        per_mille(htxs.iter().filter(|o| f(o)).count(), htxs.len())
    };
    assert_near(
        "female director",
        share_of(&|o| o.has(Flag::FemaleDirector)),
        250,
        20,
    );
    assert_near("revenue", share_of(&|o| o.revenue_vnd.is_some()), 850, 20);
    assert_near("income", share_of(&|o| o.avg_income_vnd.is_some()), 700, 20);
    assert_near("key staff", share_of(&|o| o.key_staff.is_some()), 800, 20);
    assert_near(
        "digital",
        per_mille(count(&|o| o.has(Flag::Digital)), n),
        200,
        15,
    );
    let good_htx: Vec<&&Cooperative> = htxs
        .iter()
        .filter(|o| {
            o.ratings
                .values()
                .next_back()
                .is_some_and(|r| r.is_fair_or_better())
        })
        .collect();
    assert_near(
        "value chain of good",
        per_mille(
            good_htx.iter().filter(|o| o.has(Flag::ValueChain)).count(),
            good_htx.len(),
        ),
        450,
        30,
    );
    let mut revenues: Vec<Decimal> = htxs.iter().filter_map(|o| o.revenue_vnd).collect();
    revenues.sort();
    let median = revenues[revenues.len() / 2];
    assert!(
        (Decimal::from(1_200_000_000u64)..=Decimal::from(1_900_000_000u64)).contains(&median),
        "median revenue {median}"
    );
    assert!(revenues
        .iter()
        .all(|r| r.scale() == 0 && *r > Decimal::ZERO));
    assert!(orgs.iter().any(|o| o.extensions.contains_key("area_ha")));
    assert!(orgs
        .iter()
        .any(|o| o.extensions.get("ocop") == Some(&ExtValue::Bool(true))));

    // Establishment: spread from 1997, recent years more common.
    let before_2005 = count(&|o| o.established.year() < 2005);
    let since_2018 = count(&|o| o.established.year() >= 2018);
    assert!(before_2005 > 0 && since_2018 > 2 * before_2005);
    assert!(orgs
        .iter()
        .all(|o| o.established >= day(1997, 1, 1) && o.established <= cfg.date));

    // Districts and communes.
    let mut districts: HashMap<&str, usize> = HashMap::new();
    for o in &orgs {
        *districts
            .entry(o.location.district.as_deref().unwrap())
            .or_default() += 1;
    }
    assert_eq!(districts.len(), 21);
}

#[test]
fn generated_records_validate() {
    let cfg = config(5_000, 99);
    for org in cooperatives(&cfg) {
        let problems = org.validate(cfg.date);
        assert!(problems.is_empty(), "{org:?}: {problems:?}");
    }
    // Also at the dates of a history, under the 2012 law too.
    let dates = [day(2021, 12, 31), day(2024, 6, 30), day(2024, 12, 31)];
    let reg = history(&config(5_000, 99), &dates);
    for snap in reg.iter() {
        for org in snap.iter() {
            let problems = org.validate(snap.date());
            assert!(problems.is_empty(), "{} {org:?}: {problems:?}", snap.date());
        }
    }
}

#[test]
fn history_is_one_population() {
    let dates = [
        day(2022, 12, 31),
        day(2023, 12, 31),
        day(2024, 12, 31),
        day(2025, 12, 31),
    ];
    let cfg = config(3_000, 4);
    let reg = history(&cfg, &[dates[3], dates[1], dates[0], dates[2], dates[1]]);
    assert_eq!(reg.len(), 4);
    let snaps: Vec<&Snapshot> = reg.iter().collect();
    assert_eq!(snaps.iter().map(|s| s.date()).collect::<Vec<_>>(), dates);
    assert_eq!(*snaps[3], snapshot(&cfg));
    let mut changed_status = 0;
    let mut drifted = 0;
    for pair in snaps.windows(2) {
        let (old, new) = (pair[0], pair[1]);
        assert!(old.len() <= new.len());
        for org in old.iter() {
            let later = new.find(org.id.as_str()).expect("present later");
            assert_eq!(later.established, org.established);
            assert_eq!(later.kind, org.kind);
            assert_eq!(later.name, org.name);
            assert!(org.established <= old.date());
            // Ratings only grow.
            for (year, rating) in &org.ratings {
                assert_eq!(later.ratings.get(year), Some(rating));
                assert!(*year <= old.date().year());
            }
            if org.status == OrgStatus::Dissolved {
                assert_eq!(later.status, OrgStatus::Dissolved);
                assert_eq!(later.dissolved, org.dissolved);
            }
            if later.status != org.status {
                assert_eq!(org.status, OrgStatus::Active);
                changed_status += 1;
            }
            if let (Some(a), Some(b)) = (org.members, later.members) {
                if org.kind == OrgKind::Cooperative && a != b {
                    drifted += 1;
                    // A year forward multiplies by 0.97 to 1.06 (then
                    // the legal minimum may differ).
                    assert!(
                        b * 100 + 300 >= a * 96 && b * 100 <= a * 107 + 300,
                        "{a} -> {b}"
                    );
                }
            }
        }
        // Nothing established after the snapshot's date.
        assert!(new.iter().filter(|o| o.established <= old.date()).count() == old.len());
    }
    assert!(changed_status > 0);
    assert!(drifted > 0);
    // An organisation dissolved in 2025 is active in 2023.
    let late = snaps[3]
        .iter()
        .find(|o| o.dissolved.is_some_and(|d| d.year() == 2025) && o.established.year() < 2023)
        .expect("some dissolved in 2025");
    let then = snaps[1].find(late.id.as_str()).unwrap();
    assert_eq!(then.status, OrgStatus::Active);
    assert_eq!(then.dissolved, None);
}

#[test]
fn config_options() {
    let cfg = config(200, 3)
        .with_districts::<&str>([])
        .with_communes_per_district(0)
        .with_province("Lạng Sơn", " l/s ")
        .with_mix(KindMix {
            cooperative_groups: 0,
            cooperatives: 0,
            unions: 0,
        });
    let orgs: Vec<Cooperative> = cooperatives(&cfg).collect();
    assert!(orgs.iter().all(|o| o.location.district.is_none()));
    assert!(orgs.iter().all(|o| o.location.province == "Lạng Sơn"));
    assert!(orgs.iter().all(|o| o.kind == OrgKind::Cooperative));
    assert!(orgs[0].id.as_str().starts_with("ls-htx-"));
    let long = cfg
        .clone()
        .with_province("X", "é".repeat(100) + &"a".repeat(100));
    assert!(cooperatives(&long)
        .next()
        .unwrap()
        .id
        .as_str()
        .starts_with(&"a".repeat(32)));
    let empty = cfg.with_province("X", "///");
    assert!(cooperatives(&empty)
        .next()
        .unwrap()
        .id
        .as_str()
        .starts_with("org-htx-"));
    // A date before 1997 still works.
    let early = config(100, 1).with_date(day(1995, 6, 1));
    assert!(cooperatives(&early).all(|o| o.established <= day(1995, 6, 1)));
}

#[test]
fn config_serde_round_trip() {
    let cfg = config(10, 42).with_districts(["Hưng Nguyên"]);
    let json = serde_json::to_string(&cfg).unwrap();
    assert_eq!(
        json,
        r#"{"seed":42,"size":10,"province":"Nghệ An","id_prefix":"na","districts":["Hưng Nguyên"],"communes_per_district":20,"date":"2025-12-31","mix":{"cooperative_groups":4500,"cooperatives":5470,"unions":30}}"#
    );
    assert_eq!(serde_json::from_str::<GeneratorConfig>(&json).unwrap(), cfg);
    assert!(serde_json::from_str::<GeneratorConfig>(r#"{"seed":1}"#).is_err());
    assert_eq!(
        cfg.to_string(),
        "10 organisations of Nghệ An at 2025-12-31 (seed 42)"
    );
}

#[test]
fn rng_helpers() {
    let mut rng = super::Rng::new(1);
    assert_eq!(rng.below(0), 0);
    for _ in 0..1000 {
        assert!(rng.below(7) < 7);
        assert!((3..=5).contains(&rng.range(3, 5)));
    }
    assert_eq!(scale_pow2(1000, 0), 1000);
    assert_eq!(scale_pow2(1000, 16), 2000);
    assert_eq!(scale_pow2(1000, -16), 500);
    assert_eq!(scale_pow2(1000, 8), 1414);
    assert_eq!(scale_pow2(u64::MAX, 10_000), u64::MAX);
    let mean: i64 = (0..10_000).map(|_| rng.normal()).sum::<i64>() / 10_000;
    assert!(mean.abs() < 3_000, "{mean}");
}

proptest! {
    #[test]
    fn any_seed_validates(seed in any::<u64>(), year in 2000i32..2040) {
        let cfg = GeneratorConfig::nghe_an(50, seed, NaiveDate::from_ymd_opt(year, 6, 30).unwrap());
        for org in cooperatives(&cfg) {
            prop_assert!(org.validate(cfg.date).is_empty(), "{:?}", org);
        }
    }
}

/// Run with `cargo test --release --lib generate::tests::speed -- --ignored --nocapture`.
#[test]
#[ignore]
fn speed() {
    let cfg = config(1_000_000, 1);
    let start = std::time::Instant::now();
    let snap = snapshot(&cfg);
    let generated = start.elapsed();
    assert_eq!(snap.len(), 1_000_000);
    eprintln!("generated 1,000,000 into a snapshot in {generated:?}");
    #[cfg(feature = "csv")]
    {
        let mut out = Vec::new();
        let start = std::time::Instant::now();
        crate::csv::write_csv(&snap, &mut out).unwrap();
        eprintln!(
            "wrote {} MB of CSV in {:?}",
            out.len() >> 20,
            start.elapsed()
        );
        let start = std::time::Instant::now();
        let back =
            crate::csv::read_csv(out.as_slice(), cfg.date, &crate::csv::CsvOptions::default())
                .unwrap();
        eprintln!("read it back in {:?}", start.elapsed());
        assert_eq!(back.len(), snap.len());
    }
}
