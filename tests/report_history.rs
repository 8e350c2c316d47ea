//! A report carries each target's earlier values, the points its trend is
//! fitted to, and each equals the value an evaluation at that snapshot gives.

mod report_common;

use hoptac::{catalog, report::PaceBasis, Inputs, Registry};

#[test]
fn earlier_values_are_the_values_at_earlier_snapshots() {
    let report = report_common::sample_report();
    let plan = catalog::get("nghe-an-363-2023").unwrap();
    assert_eq!(
        report.history.len(),
        2,
        "the sample has two earlier snapshots"
    );
    let mut checked = 0;
    for t in &report.targets {
        let Some(pace) = &t.pace else {
            assert!(t.history.is_empty() || t.growth.is_none(), "{}", t.id);
            continue;
        };
        if pace.basis != PaceBasis::History {
            continue;
        }
        assert_eq!(t.history.len() + 1, pace.points, "{}", t.id);
        let dates: Vec<_> = t.history.iter().map(|p| p.date).collect();
        assert!(
            dates.windows(2).all(|w| w[0] < w[1]),
            "oldest first: {}",
            t.id
        );
        for point in &t.history {
            // The same registry's snapshot at that date, evaluated alone.
            let snapshot = report_common::sample_snapshot(point.date);
            let alone = plan
                .evaluate(
                    &Registry::from(snapshot),
                    &Inputs {
                        as_of: point.date,
                        ..report_common::sample_inputs()
                    },
                )
                .unwrap();
            let then = alone.target(t.id.as_str()).unwrap();
            assert_eq!(
                then.actual.map(|v| v.normalize()),
                Some(point.value),
                "{} at {}",
                t.id,
                point.date
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} earlier values were checked");
    // In JSON they are objects of a date and an exact value.
    let json = serde_json::to_value(&report).unwrap();
    let first = &json["targets"][0]["history"][0];
    assert_eq!(first["date"], "2023-12-31");
    assert!(first["value"].is_string());
}
