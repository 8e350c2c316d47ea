//! The five source plans, bundled as JSON and parsed on demand (danh mục kế
//! hoạch mẫu).
//!
//! | key | plan |
//! |---|---|
//! | `nghe-an-363-2023` | Nghệ An, plan 363/KH-UBND of 30/5/2023 |
//! | `lang-son-538-2019` | Lạng Sơn, letter 538/UBND-KTTH of 11/6/2019 |
//! | `plan-004-2023` | an unnamed province's 2023 plan, read as Cà Mau's |
//! | `an-giang-1206-2020` | An Giang, plan 1206/QĐ-UBND of 28/5/2020 |
//! | `quang-nam-2651` | Quảng Nam, letter 2651/UBND-KTN |
//!
//! Every bundled plan validates without errors; the inconsistencies of the
//! source texts show up as warnings of [`crate::Plan::validate`].
//!
//! ```
//! use hoptac::catalog;
//! assert_eq!(catalog::keys().count(), 5);
//! let plan = catalog::get("nghe-an-363-2023").ok_or("no such plan")?;
//! assert_eq!(plan.doc.ok_or("no number")?.to_string(), "363/KH-UBND");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::plan::Plan;

const PLANS: [(&str, &str); 5] = [
    ("nghe-an-363-2023", include_str!("nghe-an-363-2023.json")),
    ("lang-son-538-2019", include_str!("lang-son-538-2019.json")),
    ("plan-004-2023", include_str!("plan-004-2023.json")),
    (
        "an-giang-1206-2020",
        include_str!("an-giang-1206-2020.json"),
    ),
    ("quang-nam-2651", include_str!("quang-nam-2651.json")),
];

/// The catalogue's keys, in the order above.
///
/// ```
/// use hoptac::catalog;
/// let keys: Vec<&str> = catalog::keys().collect();
/// assert_eq!(keys.first(), Some(&"nghe-an-363-2023"));
/// assert_eq!(keys.len(), 5);
/// // Every key names a bundled plan.
/// assert!(catalog::keys().all(|k| catalog::json(k).is_some()));
/// ```
pub fn keys() -> impl Iterator<Item = &'static str> {
    PLANS.iter().map(|(k, _)| *k)
}

/// The bundled plan with this key, parsed; `None` for an unknown key.
///
/// Parsing takes well under a millisecond; keep the plan if you need it
/// often.
///
/// ```
/// use hoptac::catalog;
/// let plan = catalog::get("lang-son-538-2019").ok_or("no such plan")?;
/// assert_eq!(plan.id.as_str(), "lang-son-538-2019");
/// assert_eq!(plan.targets.len(), 12);
/// assert!(!plan.validate().has_errors());
/// assert!(catalog::get("ha-noi-1-2030").is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn get(key: &str) -> Option<Plan> {
    let text = json(key)?;
    // The bundled files are tested to load without errors.
    Plan::from_json(text).ok()
}

/// The JSON text of the bundled plan with this key.
///
/// ```
/// use hoptac::{catalog, Plan};
/// let text = catalog::json("plan-004-2023").ok_or("no such plan")?;
/// let plan = Plan::from_json(text)?;
/// assert_eq!(plan.id.as_str(), "plan-004-2023");
/// assert_eq!(catalog::json("unknown"), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn json(key: &str) -> Option<&'static str> {
    PLANS.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_plan_loads_without_errors() {
        for key in keys() {
            let text = json(key).unwrap();
            match Plan::from_json(text) {
                Ok(plan) => assert_eq!(plan.id.as_str(), key),
                Err(e) => panic!("{key}: {e}"),
            }
        }
    }
}
