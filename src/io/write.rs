//! [`write_csv`]: a registry snapshot as CSV.

use std::collections::BTreeSet;
use std::fmt::{self, Write as _};
use std::io::Write;

use chrono::{Datelike, NaiveDate};
use csv::WriterBuilder;

use super::{CsvError, COLUMNS};
use rust_decimal::Decimal;

use crate::org::{Cooperative, ExtValue, Flag, Numbers, NumericField, Slot};
use crate::registry::Snapshot;

/// Writes a registry snapshot as CSV, in the form [`read_csv`](crate::csv::read_csv)
/// reads.
///
/// The header has the standard columns in their usual order, then one
/// column per extension attribute that some organisation has, sorted by
/// name. `rating` is each organisation's rating for the snapshot's year;
/// ratings for other years are not written. Flags are `true` or `false`;
/// unknown figures and missing dates are empty fields; money is a plain
/// decimal. Fields holding commas, quotes or line breaks are quoted.
///
/// Reading the output back with the snapshot's date gives an equal
/// snapshot when every organisation has ratings only for the snapshot's
/// year, and its texts (name, places) are not empty and have no whitespace
/// at either end (the reader trims fields and refuses empty names).
///
/// # Errors
///
/// [`CsvError::Io`] when writing fails, and [`CsvError::Unwritable`] for an
/// extension attribute whose name is empty, has whitespace at either end or
/// is the name of a standard column (in any ASCII case), or for a date whose year does not have
/// four digits.
///
/// ```
/// use chrono::NaiveDate;
/// use hoptac::{csv::read_csv, csv::write_csv, Cooperative, csv::CsvOptions, org::Location, org::OrgId, org::OrgKind, org::Rating, org::Sector, Snapshot};
/// let date = NaiveDate::from_ymd_opt(2024, 12, 31).ok_or("date")?;
/// let org = Cooperative::new(OrgId::new("htx-1")?, "HTX \"Đồng Tâm\", Nghi Lộc", OrgKind::Cooperative,
///     Sector::Trade, Location::new("Nghệ An", "Nghi Phong"), NaiveDate::from_ymd_opt(2019, 3, 1).ok_or("date")?)
///     .with_members(12)
///     .with_rating(2024, Rating::Fair);
/// let snap = Snapshot::from_cooperatives(date, [org])?;
/// let mut out = Vec::new();
/// write_csv(&snap, &mut out)?;
/// let text = String::from_utf8(out.clone())?;
/// assert!(text.starts_with("id,name,kind,sector,province,district,commune,established,"));
/// assert!(text.contains("htx-1,\"HTX \"\"Đồng Tâm\"\", Nghi Lộc\",htx,trade,Nghệ An,,Nghi Phong,2019-03-01,"));
/// assert_eq!(read_csv(out.as_slice(), date, &CsvOptions::default())?, snap);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_csv<W: Write>(snapshot: &Snapshot, writer: W) -> Result<(), CsvError> {
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for (name, _) in &snapshot.exts {
        names.insert(snapshot.ext_names.get(*name));
    }
    for name in &names {
        let reason = if name.is_empty() {
            "its name is empty"
        } else if name.trim_ascii() != *name {
            "its name starts or ends with whitespace"
        } else if COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(name)) {
            "its name is that of a standard column"
        } else {
            continue;
        };
        return Err(CsvError::Unwritable {
            what: format!("extension attribute `{name}`"),
            reason: reason.into(),
        });
    }
    let mut out = WriterBuilder::new()
        .buffer_capacity(64 * 1024)
        .from_writer(writer);
    let csv_err = |e: csv::Error| {
        let message = e.to_string();
        match e.into_kind() {
            csv::ErrorKind::Io(io) => CsvError::from(io),
            _ => CsvError::Io {
                kind: std::io::ErrorKind::Other,
                message,
            },
        }
    };
    out.write_record(COLUMNS.iter().copied().chain(names.iter().copied()))
        .map_err(csv_err)?;
    let year = snapshot.date().year();
    let mut buf = String::with_capacity(64);
    for org in snapshot.iter() {
        check_date(&org, "established", org.established)?;
        if let Some(d) = org.dissolved {
            check_date(&org, "dissolved", d)?;
        }
        write_org(&mut out, &mut buf, &org, year, &names).map_err(csv_err)?;
    }
    out.flush()?;
    Ok(())
}

/// Refuses a date that would not read back as `YYYY-MM-DD`.
fn check_date(org: &Cooperative, column: &str, date: NaiveDate) -> Result<(), CsvError> {
    if (0..=9999).contains(&date.year()) {
        return Ok(());
    }
    Err(CsvError::Unwritable {
        what: format!("column `{column}` of `{}`", org.id),
        reason: format!("the date {date} does not have a four-digit year"),
    })
}

/// Writes `value` through `buf` as one field.
fn formatted<W: Write>(
    out: &mut csv::Writer<W>,
    buf: &mut String,
    value: impl fmt::Display,
) -> csv::Result<()> {
    buf.clear();
    let _ = write!(buf, "{value}");
    out.write_field(buf.as_bytes())
}

/// Writes a value, or an empty field for `None`.
fn optional<W: Write>(
    out: &mut csv::Writer<W>,
    buf: &mut String,
    value: Option<impl fmt::Display>,
) -> csv::Result<()> {
    match value {
        Some(v) => formatted(out, buf, v),
        None => out.write_field(""),
    }
}

/// Writes a built-in numeric field, empty when unknown.
fn number<W: Write>(
    out: &mut csv::Writer<W>,
    buf: &mut String,
    numbers: &Numbers,
    field: NumericField,
) -> csv::Result<()> {
    match field.slot() {
        Slot::Count(_) => optional(out, buf, numbers.value::<u32>(field)),
        Slot::Money(_) => optional(out, buf, numbers.value::<Decimal>(field)),
    }
}

fn write_org<W: Write>(
    out: &mut csv::Writer<W>,
    buf: &mut String,
    org: &Cooperative,
    year: i32,
    names: &BTreeSet<&str>,
) -> csv::Result<()> {
    let bool_text = |b: bool| if b { "true" } else { "false" };
    out.write_field(org.id.as_str())?;
    out.write_field(&org.name)?;
    out.write_field(org.kind.code())?;
    out.write_field(org.sector.code())?;
    out.write_field(&org.location.province)?;
    out.write_field(org.location.district.as_deref().unwrap_or(""))?;
    out.write_field(&org.location.commune)?;
    formatted(out, buf, org.established)?;
    optional(out, buf, org.dissolved)?;
    out.write_field(org.status.code())?;
    let numbers = org.numbers();
    for &field in NumericField::before_ratings() {
        number(out, buf, &numbers, field)?;
    }
    out.write_field(org.rating_in(year).map_or("", |r| r.code()))?;
    for flag in [
        Flag::ValueChain,
        Flag::HighTech,
        Flag::Digital,
        Flag::FemaleDirector,
        Flag::PaperOnly,
    ] {
        out.write_field(bool_text(org.has(flag)))?;
    }
    for &field in NumericField::after_flags() {
        number(out, buf, &numbers, field)?;
    }
    for name in names {
        match org.extensions.get(*name) {
            Some(ExtValue::Bool(b)) => out.write_field(bool_text(*b))?,
            Some(ExtValue::Number(n)) => formatted(out, buf, n)?,
            None => out.write_field("")?,
        }
    }
    out.write_record(None::<&[u8]>)
}
