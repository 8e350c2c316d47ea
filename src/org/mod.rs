//! Collective economic organisations (tổ chức kinh tế tập thể) as registry
//! records, and their validation by the law in force at a date.

mod codes;
mod fields;
mod flags;
mod id;
mod law;
mod record;
mod validate;

#[cfg(test)]
pub(crate) mod arb;
#[cfg(test)]
mod tests;

pub use codes::{Flag, OrgKind, OrgStatus, Rating, Sector};
pub(crate) use fields::{numeric_fields, Kind, Numbers, NumericField, Slot, N_COUNTS, N_MONEY};
pub use flags::{Flags, FlagsIter};
pub use id::OrgId;
pub use law::Law;
pub use record::{Cooperative, ExtValue, Location};
