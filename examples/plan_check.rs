//! Evaluates a plan against a registry and prints where it stands.
//!
//! With no arguments: the Nghệ An plan 363/KH-UBND on the bundled sample
//! registry (yearly snapshots 2023 to 2025) as of 31/12/2025, in Vietnamese.
//!
//! ```text
//! cargo run --example plan_check -- [--plan KEY_OR_PATH] [--registry PATH]
//!     [--history DATE=PATH]... [--as-of YYYY-MM-DD] [--figure NAME=VALUE]...
//!     [--inputs PATH] [--lang vi|en] [--format text|json] [--drill-down]
//!     [--encoding E] [--numbers auto|plain|vi] [--sheet NAME]
//!     [--columns MAPPING.json] [--allow-missing COLUMN]...
//! ```
//!
//! - `--plan`: a catalogue key (`hoptac::catalog::keys()`) or a plan JSON file.
//! - `--registry`: a snapshot dated at the as-of date, CSV or .xlsx
//!   (`hoptac::csv::read_registry`); it replaces the bundled sample
//!   registry and inputs.
//! - `--history DATE=PATH`: an earlier snapshot, for trends (repeatable).
//! - `--encoding utf-8|utf-16le|utf-16be|windows-1258`, `--numbers`,
//!   `--sheet`: how to read the registries (recognised when not given).
//! - `--columns MAPPING.json`: `{"header as written": "column", ...}` for
//!   headers the reader does not know.
//! - `--allow-missing COLUMN`: a column the registry lacks on purpose; a
//!   registry lacking a column that a target reads is refused otherwise.
//! - `--inputs`: a JSON file of `hoptac::Inputs` (figures, reported values,
//!   task reports); `--as-of` and `--figure` override what it says.
//!
//! Bad arguments or files: one message on stderr and exit code 2.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

use hoptac::csv::{missing_columns, read_registry_path, CsvOptions};
use hoptac::{catalog, Inputs, Lang, Plan, Registry};
use rust_decimal::Decimal;

const SAMPLE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/nghe-an");
const USAGE: &str = "usage: plan_check [--plan KEY_OR_PATH] [--registry PATH] [--history DATE=PATH]... \
[--as-of YYYY-MM-DD] [--figure NAME=VALUE]... [--inputs PATH] [--lang vi|en] [--format text|json] [--drill-down] \
[--encoding utf-8|utf-16le|utf-16be|windows-1258] [--numbers auto|plain|vi] [--sheet NAME] [--columns MAPPING.json] \
[--allow-missing COLUMN]...";

#[derive(Debug, PartialEq)]
enum Format {
    Text,
    Json,
}

#[derive(Debug)]
struct Args {
    plan: String,
    registry: Option<PathBuf>,
    history: Vec<(NaiveDate, PathBuf)>,
    as_of: Option<NaiveDate>,
    figures: Vec<(String, Decimal)>,
    inputs: Option<PathBuf>,
    lang: Lang,
    format: Format,
    drill_down: bool,
    read: CsvOptions,
    allow_missing: BTreeSet<String>,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("invalid date `{s}`: expected YYYY-MM-DD"))
}

fn parse_args(raw: Vec<String>) -> Result<Option<Args>, String> {
    let mut args = Args {
        plan: "nghe-an-363-2023".to_owned(),
        registry: None,
        history: Vec::new(),
        as_of: None,
        figures: Vec::new(),
        inputs: None,
        lang: Lang::Vi,
        format: Format::Text,
        drill_down: false,
        read: CsvOptions::default(),
        allow_missing: BTreeSet::new(),
    };
    let mut iter = raw.into_iter();
    while let Some(flag) = iter.next() {
        let mut value = |name: &str| iter.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--plan" => args.plan = value("--plan")?,
            "--registry" => args.registry = Some(PathBuf::from(value("--registry")?)),
            "--history" => {
                let v = value("--history")?;
                let (date, path) = v
                    .split_once('=')
                    .ok_or_else(|| format!("invalid --history `{v}`: expected DATE=PATH"))?;
                args.history.push((parse_date(date)?, PathBuf::from(path)));
            }
            "--as-of" => args.as_of = Some(parse_date(&value("--as-of")?)?),
            "--figure" => {
                let v = value("--figure")?;
                let (name, number) = v
                    .split_once('=')
                    .ok_or_else(|| format!("invalid --figure `{v}`: expected NAME=VALUE"))?;
                if name.trim().is_empty() {
                    return Err(format!(
                        "invalid --figure `{v}`: the name is empty: expected NAME=VALUE, such as population=3442000"
                    ));
                }
                let number: Decimal = number.parse().map_err(|_| {
                    format!("invalid --figure value `{number}`: expected a decimal number")
                })?;
                args.figures.push((name.to_owned(), number));
            }
            "--inputs" => args.inputs = Some(PathBuf::from(value("--inputs")?)),
            "--lang" => args.lang = value("--lang")?.parse().map_err(|e| format!("{e}"))?,
            "--format" => {
                args.format = match value("--format")?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    other => {
                        return Err(format!("unknown format `{other}`: expected text or json"))
                    }
                }
            }
            "--drill-down" => args.drill_down = true,
            "--encoding" => {
                let v = value("--encoding")?;
                args.read.encoding = Some(v.parse().map_err(|e| format!("--encoding: {e}"))?);
            }
            "--numbers" => {
                let v = value("--numbers")?;
                args.read.numbers = v.parse().map_err(|e| format!("--numbers: {e}"))?;
            }
            "--sheet" => args.read.sheet = Some(value("--sheet")?),
            "--columns" => {
                let path = value("--columns")?;
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("cannot read {path}: {e}"))?;
                let mapping: BTreeMap<String, String> = serde_json::from_str(&text).map_err(|e| {
                    format!("{path}: invalid column mapping: {e}: expected {{\"header\": \"column\", ...}}")
                })?;
                args.read.columns.extend(mapping);
            }
            "--allow-missing" => {
                args.allow_missing.insert(value("--allow-missing")?);
            }
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    Ok(Some(args))
}

fn load_plan(key_or_path: &str) -> Result<Plan, String> {
    if let Some(plan) = catalog::get(key_or_path) {
        return Ok(plan);
    }
    let text = std::fs::read_to_string(key_or_path).map_err(|e| {
        let keys: Vec<&str> = catalog::keys().collect();
        format!(
            "`{key_or_path}` is neither a catalogue key ({}) nor a readable file: {e}",
            keys.join(", ")
        )
    })?;
    Plan::from_json(&text).map_err(|e| format!("{key_or_path}: {e}"))
}

/// Reads a registry, and refuses it when it lacks a column that a target
/// reads and that was not declared absent.
fn load_snapshot(
    path: &Path,
    date: NaiveDate,
    plan: &Plan,
    args: &Args,
    bundled: bool,
) -> Result<hoptac::Snapshot, String> {
    let import = read_registry_path(path, date, &args.read)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let missing = missing_columns(plan, &import.columns, &args.allow_missing);
    if let Some(first) = missing.first() {
        let list: Vec<String> = missing.iter().map(ToString::to_string).collect();
        return Err(format!(
            "{} lacks {}: declare it absent with --allow-missing {} (those targets then give no data)",
            path.display(),
            list.join("; "),
            first.column
        ));
    }
    if !bundled {
        eprintln!(
            "plan_check: {}: {}",
            path.display(),
            import.form.describe(args.lang)
        );
        for column in &args.allow_missing {
            if import.columns.contains(column) {
                continue;
            }
            let targets: Vec<String> = hoptac::csv::columns_read(plan)
                .into_iter()
                .filter(|(_, columns)| columns.contains(column))
                .map(|(id, _)| id.to_string())
                .collect();
            if !targets.is_empty() {
                eprintln!(
                    "plan_check: {}",
                    args.lang.pick(
                        format!("cột `{column}` được khai báo là không có: {} không có số liệu (thiếu cột)", targets.join(", ")),
                        format!("column `{column}` declared absent: {} give no data (column absent)", targets.join(", "))
                    )
                );
            }
        }
    }
    Ok(import.snapshot)
}

fn run(args: Args) -> Result<String, String> {
    let plan = load_plan(&args.plan)?;
    let bundled = args.registry.is_none();
    let mut inputs = match (&args.inputs, bundled) {
        (Some(path), _) => read_inputs(path)?,
        (None, true) => read_inputs(&Path::new(SAMPLE_DIR).join("inputs.json"))?,
        (None, false) => Inputs::new(
            args.as_of
                .ok_or("--as-of is required with --registry: the date the snapshot was taken")?,
        ),
    };
    if let Some(as_of) = args.as_of {
        inputs.as_of = as_of;
    }
    let used: Vec<&str> = plan
        .targets
        .iter()
        .filter_map(|t| match &t.measure {
            hoptac::Measure::Against { figure, .. } => Some(figure.as_str()),
            _ => None,
        })
        .collect();
    for (name, value) in args.figures.clone() {
        if !used.contains(&name.as_str()) {
            eprintln!(
                "plan_check: {}",
                args.lang.pick(
                    format!("cảnh báo: không mục tiêu nào dùng số liệu `{name}`"),
                    format!("warning: no target uses the figure `{name}`")
                )
            );
        }
        inputs.figures.insert(name, value);
    }
    for (date, path) in &args.history {
        if *date > inputs.as_of {
            return Err(format!(
                "--history {date}={}: the snapshot is dated after --as-of {}: expected an earlier snapshot",
                path.display(),
                inputs.as_of
            ));
        }
    }
    inputs.drill_down |= args.drill_down;
    let mut registry = Registry::new();
    let mut add = |snapshot| registry.insert(snapshot).map_err(|e| e.to_string());
    match &args.registry {
        Some(path) => {
            eprintln!(
                "plan_check: {}",
                args.lang.pick(
                    "--registry thay cho số liệu đăng ký và đầu vào mẫu đi kèm",
                    "--registry replaces the bundled sample registry and inputs"
                )
            );
            add(load_snapshot(path, inputs.as_of, &plan, &args, false)?)?
        }
        None => {
            for year in 2023..=2025 {
                let date = NaiveDate::from_ymd_opt(year, 12, 31).ok_or("bad sample date")?;
                let path = Path::new(SAMPLE_DIR).join(format!("registry-{date}.csv"));
                add(load_snapshot(&path, date, &plan, &args, true)?)?;
            }
        }
    }
    for (date, path) in &args.history {
        add(load_snapshot(path, *date, &plan, &args, false)?)?;
    }
    let report = plan
        .evaluate(&registry, &inputs)
        .map_err(|e| e.to_string())?;
    Ok(match args.format {
        Format::Text => report.table(args.lang).to_string(),
        Format::Json => serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?,
    })
}

fn read_inputs(path: &Path) -> Result<Inputs, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: invalid inputs: {e}", path.display()))
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1).collect()) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("plan_check: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(args) {
        Ok(text) => {
            // A reader that stops early (`plan_check | head -1`) closes the
            // pipe: that ends the program quietly, never a panic.
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            match writeln!(out, "{text}").and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("plan_check: cannot write the report: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Err(message) => {
            eprintln!("plan_check: {message}");
            ExitCode::from(2)
        }
    }
}
