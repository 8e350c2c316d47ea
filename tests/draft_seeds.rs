//! The drafting measured on the five seed plans against the bundled
//! catalogue: a drafted target counts when it evaluates identically to the
//! catalogue's (same deadline year, same threshold, same actual value on
//! generated registries); a task counts when a drafted task has its id and
//! its lead units. The figures are printed; the floors asserted are what
//! the drafting reaches today, so that a regression fails.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use hoptac::draft::{self, DraftOptions, Part};
use hoptac::generate::{self, GeneratorConfig};
use hoptac::{catalog, Inputs, Plan, Registry};

/// (seed file, catalogue key, whether the period is given: the catalogue's
/// reading of a text that states none).
const SEEDS: [(&str, &str, bool); 5] = [
    ("000_a0067f6a1225e284.txt", "quang-nam-2651", false),
    ("001_8fee367bdd49f08e.txt", "an-giang-1206-2020", false),
    ("002_edfa85c529d6c324.txt", "lang-son-538-2019", false),
    ("003_dfe0b0f244ba484d.txt", "nghe-an-363-2023", false),
    // A news summary: no number, date, issuer or period in the text. The
    // period is the catalogue's reading, given as an option.
    ("004_f9a64be8888ee1c9.txt", "plan-004-2023", true),
];

fn seed_text(file: &str) -> String {
    let path = format!(
        "{}/tests/data/draft/seeds/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    draft::read_input(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

/// Actual values of every target of `plan` on the generated registries,
/// one list per registry.
fn actuals(
    plan: &Plan,
    registries: &[(NaiveDate, Registry)],
) -> Vec<Vec<(String, Option<String>)>> {
    registries
        .iter()
        .map(|(as_of, registry)| {
            let mut inputs = Inputs::new(*as_of);
            inputs.figures.insert("population".into(), 3_442_000.into());
            inputs.figures.insert("communes".into(), 101.into());
            let report = plan
                .evaluate(registry, &inputs)
                .unwrap_or_else(|e| panic!("{}: {e}", plan.id));
            plan.targets
                .iter()
                .map(|t| {
                    let r = report.target(t.id.as_str()).expect("a result per target");
                    (
                        t.id.to_string(),
                        r.actual.map(|a| a.normalize().to_string()),
                    )
                })
                .collect()
        })
        .collect()
}

fn registries(province: &str) -> Vec<(NaiveDate, Registry)> {
    [
        date(2023, 12, 31),
        date(2025, 12, 31),
        date(2030, 12, 31),
        date(2045, 12, 31),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, d)| {
        let config = GeneratorConfig::nghe_an(1_500, 11 + i as u64, d).with_province(province, "g");
        (d, Registry::from(generate::snapshot(&config)))
    })
    .collect()
}

struct Figures {
    targets: usize,
    targets_matched: usize,
    read_otherwise: usize,
    tasks: usize,
    tasks_id: usize,
    tasks_matched: usize,
    not_in_text: usize,
}

fn measure(file: &str, key: &str, give_period: bool) -> Figures {
    let expected = catalog::get(key).expect("a catalogue plan");
    let mut options = DraftOptions::default();
    if give_period {
        options.period = expected.period;
    }
    let d = draft::draft(&seed_text(file), &options);
    let drafted = &d.plan;
    let province = expected
        .province
        .clone()
        .unwrap_or_else(|| "Nghệ An".into());
    let regs = registries(&province);
    let want = actuals(&expected, &regs);
    let got = actuals(drafted, &regs);
    let values = |table: &[Vec<(String, Option<String>)>], id: &str| -> Vec<Option<String>> {
        table
            .iter()
            .map(|row| {
                row.iter()
                    .find(|(i, _)| i == id)
                    .and_then(|(_, v)| v.clone())
            })
            .collect()
    };
    let mut used = BTreeSet::new();
    let mut matched = 0;
    let mut read_otherwise = 0;
    for t in &expected.targets {
        if let Some((_, _, why)) = READ_OTHERWISE
            .iter()
            .find(|(k, i, _)| *k == key && *i == t.id.as_str())
        {
            // The drafter reads these words otherwise than the catalogue,
            // on purpose: the drafted target from the same words must be
            // the mean per place, with the catalogue's comparator and value.
            let source = t.source_text.as_deref().expect("a catalogue source");
            let c = drafted
                .targets
                .iter()
                .find(|c| c.source_text.as_deref() == Some(source))
                .unwrap_or_else(|| panic!("{key}: nothing drafted from `{source}`"));
            let p = c.places.as_ref().unwrap_or_else(|| {
                panic!(
                    "{key}: `{source}` is not drafted per place: {:?}",
                    c.measure
                )
            });
            assert_eq!(p.quantifier.code(), "mean", "{key}: `{source}`");
            assert_eq!(p.level.code(), "commune", "{key}: `{source}`");
            assert_eq!(c.threshold.comparator(), t.threshold.comparator());
            assert_eq!(c.threshold.value(), t.threshold.value());
            assert_eq!(c.deadline.year(), t.deadline.year());
            used.insert(c.id.as_str());
            read_otherwise += 1;
            println!("  {key}: target {} read otherwise on purpose: {why}", t.id);
            continue;
        }
        let target_values = values(&want, t.id.as_str());
        let hit = drafted.targets.iter().find(|c| {
            !used.contains(c.id.as_str())
                && c.deadline.year() == t.deadline.year()
                && c.threshold == t.threshold
                && values(&got, c.id.as_str()) == target_values
        });
        match hit {
            Some(c) => {
                used.insert(c.id.as_str());
                matched += 1;
            }
            None => println!(
                "  {key}: target {} ({} by {}) not drafted identically; {:?}",
                t.id,
                t.threshold,
                t.deadline.year(),
                target_values
            ),
        }
    }
    let mut tasks_id = 0;
    let mut tasks_matched = 0;
    let mut not_in_text = 0;
    for task in &expected.tasks {
        let id = task.id.as_str();
        let unknown = NOT_IN_TEXT.iter().find(|(k, i, _)| *k == key && *i == id);
        let grouping = GROUPINGS.iter().find(|(k, i, _)| *k == key && *i == id);
        let Some(c) = drafted.task(id) else {
            println!("  {key}: task {id} not drafted");
            assert!(
                grouping.is_some(),
                "{key}: task {id} is not drafted and not listed in GROUPINGS"
            );
            continue;
        };
        if !same_task(&task.text.vi, &c.text.vi) {
            println!(
                "  {key}: task {id} drafted as another task: `{}`",
                excerpt(&c.text.vi)
            );
            assert!(
                grouping.is_some(),
                "{key}: task {id} is drafted as another task and not listed in GROUPINGS"
            );
            continue;
        }
        assert!(
            grouping.is_none(),
            "{key}: task {id} is listed in GROUPINGS but drafted as the catalogue's: update the list"
        );
        tasks_id += 1;
        let want: BTreeSet<&str> = task.lead.iter().map(|a| a.as_str()).collect();
        let have: BTreeSet<&str> = c.lead.iter().map(|a| a.as_str()).collect();
        if let Some((_, _, why)) = unknown {
            // The catalogue's lead is not in the text: the draft must say
            // the lead is unknown, with a doubt in the review.
            not_in_text += 1;
            assert_eq!(
                have,
                BTreeSet::from([draft::UNKNOWN_LEAD]),
                "{key}: task {id}: the lead is not in the text ({why}), the draft must say so"
            );
            let doubted = d.review.items.iter().any(|item| {
                matches!(&item.part, Part::Task { id: i } if i == id) && !item.is_clean()
            });
            assert!(doubted, "{key}: task {id}: no doubt in the review");
            println!("  {key}: task {id} lead {want:?} not in the text: {why}");
            continue;
        }
        if want == have {
            tasks_matched += 1;
        } else {
            println!("  {key}: task {id} lead {want:?}, drafted {have:?}");
        }
    }
    let extra = drafted
        .targets
        .len()
        .saturating_sub(matched + read_otherwise);
    println!(
        "{key}: targets {matched}/{} identical, {read_otherwise} read otherwise on purpose (drafted {}, {extra} beyond the catalogue's), tasks with id {tasks_id}/{n}, with id and lead {tasks_matched}/{n} ({not_in_text} leads not in the text); unread sentences {}",
        expected.targets.len(),
        drafted.targets.len(),
        d.review.unread().count(),
        n = expected.tasks.len(),
    );
    Figures {
        targets: expected.targets.len(),
        targets_matched: matched,
        read_otherwise,
        tasks: expected.tasks.len(),
        tasks_id,
        tasks_matched,
        not_in_text,
    }
}

#[test]
fn seeds_against_the_catalogue() {
    let mut all = Figures {
        targets: 0,
        targets_matched: 0,
        read_otherwise: 0,
        tasks: 0,
        tasks_id: 0,
        tasks_matched: 0,
        not_in_text: 0,
    };
    for (file, key, give) in SEEDS {
        let f = measure(file, key, give);
        all.targets += f.targets;
        all.targets_matched += f.targets_matched;
        all.read_otherwise += f.read_otherwise;
        all.tasks += f.tasks;
        all.tasks_id += f.tasks_id;
        all.tasks_matched += f.tasks_matched;
        all.not_in_text += f.not_in_text;
    }
    let pct = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    println!(
        "ALL targets: {} read otherwise on purpose (READ_OTHERWISE); identical {}/{} ({:.1}%) of the others",
        all.read_otherwise,
        all.targets_matched,
        all.targets - all.read_otherwise,
        pct(all.targets_matched, all.targets - all.read_otherwise),
    );
    println!(
        "ALL: targets {}/{} ({:.1}%), tasks with id {}/{} ({:.1}%), with id and lead {}/{} ({:.1}%)",
        all.targets_matched,
        all.targets,
        pct(all.targets_matched, all.targets),
        all.tasks_id,
        all.tasks,
        pct(all.tasks_id, all.tasks),
        all.tasks_matched,
        all.tasks,
        pct(all.tasks_matched, all.tasks),
    );
    let stated = all.tasks - all.not_in_text;
    println!(
        "ALL tasks: {} whose catalogue lead is not in the text (drafted as `{}`, listed in NOT_IN_TEXT); with id and lead {}/{stated} ({:.1}%) of the tasks whose lead the text states; {} catalogue groupings (GROUPINGS)",
        all.not_in_text,
        draft::UNKNOWN_LEAD,
        all.tasks_matched,
        pct(all.tasks_matched, stated),
        GROUPINGS.len(),
    );
    assert_eq!(all.targets, 40);
    assert_eq!(all.read_otherwise, READ_OTHERWISE.len());
    assert!(
        all.targets_matched >= TARGET_FLOOR,
        "targets {} < {TARGET_FLOOR}",
        all.targets_matched
    );
    assert!(
        all.tasks_matched >= TASK_FLOOR,
        "tasks {} < {TASK_FLOOR}",
        all.tasks_matched
    );
}

/// Tasks whose lead in the catalogue is not stated in the text where the
/// task is (the catalogue's encoder read it from elsewhere or supplied it):
/// the draft must record the lead as unknown, with a doubt. (catalogue
/// key, task id, why.) Re-read in the fifth session for a sentence of the
/// plan that assigns tasks naming no actor (a closing "Tổ chức thực hiện" /
/// "Phân công nhiệm vụ" section, "Giao …", "… là cơ quan thường trực",
/// "… căn cứ chức năng, nhiệm vụ …"), which the drafter now reads where a
/// text has one: neither text has any.
const NOT_IN_TEXT: &[(&str, &str, &str)] = &[
    ("an-giang-1206-2020", "1", "the task names no actor and the text (a news summary) has no closing section nor any sentence assigning the plan; the catalogue reads the departments and district committees from the objectives' \"Tăng cường hoạt động phối hợp giữa Sở, Ban, ngành tỉnh và địa phương\", a requirement to coordinate, which assigns no task"),
    ("an-giang-1206-2020", "2", "as task 1"),
    ("an-giang-1206-2020", "4", "as task 1"),
    ("an-giang-1206-2020", "7", "as task 1"),
    ("plan-004-2023", "1", "a news summary naming no agency, with no closing section (its one \"nhiệm vụ được Ủy ban nhân dân tỉnh giao\" is the steering committee's, assigning nothing); the catalogue records the Department of Planning and Investment, the province's lead for the collective economy"),
    ("plan-004-2023", "2", "as task 1"),
    ("plan-004-2023", "3", "as task 1"),
    ("plan-004-2023", "4", "as task 1"),
    ("plan-004-2023", "5", "as task 1"),
];

/// Catalogue targets whose words the drafter reads otherwise, on purpose:
/// (catalogue key, target id, why). The test checks the drafted reading
/// instead of the catalogue's values.
const READ_OTHERWISE: &[(&str, &str, &str)] = &[];

/// Tasks the catalogue cuts out of the text otherwise than the drafter's
/// rules do, so that the drafted task of that id is another one or none.
/// (catalogue key, task id, why.) Re-read in the fifth session for a
/// structural rule: the catalogue cuts the same punctuation both ways in
/// the same text, so no rule on the text's structure gives its cut. At a
/// `;` followed by a small letter it splits 3.2/3.3 and 6.4/6.5 but keeps
/// 1.3, 1.4, 2.2, 3.1, 6.1 and 6.3 whole; in the sentence of 4.x, whose
/// `; Đẩy mạnh` marks `;` as a full stop, it splits `hướng dẫn …` from
/// `xây dựng …` but joins `liên kết …` to `xây dựng …`. What decides is the
/// meaning (a reporting duty is a task of its own; `liên kết …` is read as
/// a noun, a second thing built): a rule for it would be keyed on these
/// sentences, so none was made.
const GROUPINGS: &[(&str, &str, &str)] = &[
    ("quang-nam-2651", "4.2", "the catalogue joins `liên kết sản xuất …` to `xây dựng các mô hình …` (reading `liên kết` as a noun); in a sentence that uses `;` as a full stop the drafter makes each clause of action a task, and `liên kết` is a verb as often as a noun"),
    ("quang-nam-2651", "4.3", "follows from 4.2: the drafter's 4.3 is `liên kết sản xuất …`, the catalogue's `Đẩy mạnh …` is its 4.4"),
    ("quang-nam-2651", "6.5", "the catalogue cuts `thực hiện chế độ báo cáo định kỳ theo quy định` (a reporting duty) from the sentence before at a `;` followed by a small letter, where it keeps 6.1 and 6.3 whole; the drafter keeps such a sentence one task"),
];

/// Whether a drafted task's text is the catalogue's task: the catalogue
/// text's first and last words appear in it, and it is not much longer
/// (an opening "Theo đó, UBND tỉnh yêu cầu …" may precede).
fn same_task(catalogue: &str, drafted: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let want = words(catalogue);
    let have = words(drafted);
    let n = want.len().min(5);
    let contains = |part: &[String]| have.windows(part.len()).any(|w| w == part);
    !want.is_empty()
        && contains(&want[..n])
        && contains(&want[want.len() - n..])
        && have.len() <= want.len() * 3 / 2 + 25
}

fn excerpt(s: &str) -> String {
    s.chars().take(60).collect()
}

/// What the drafting reaches today (see the printed figures).
const TARGET_FLOOR: usize = 40;
const TASK_FLOOR: usize = 58;

#[test]
fn drafts_load_back_as_plans() {
    for (file, _, _) in SEEDS {
        let d = draft::draft(&seed_text(file), &DraftOptions::default());
        let json = d.plan.to_json();
        let back = Plan::from_json(&json)
            .unwrap_or_else(|e| panic!("{file}: the draft does not load: {e}"));
        assert_eq!(back, d.plan, "{file}");
    }
}
