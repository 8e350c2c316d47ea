//! Evaluates a plan against a registry and prints where it stands.
//!
//! With no arguments: the Nghệ An plan 363/KH-UBND on the bundled sample
//! registry (yearly snapshots 2023 to 2025) as of 31/12/2025, in Vietnamese.
//!
//! ```text
//! cargo run --example plan_check -- [--plan KEY_OR_PATH] [--registry PATH]
//!     [--history DATE=PATH]... [--as-of YYYY-MM-DD] [--figure NAME=VALUE]...
//!     [--inputs PATH] [--lang vi|en] [--format text|json|html|xlsx] [--output FILE]
//!     [--drill-down] [--encoding E] [--numbers auto|plain|vi] [--sheet NAME]
//!     [--columns MAPPING.json]... [--allow-missing COLUMN]...
//!     [--write-snapshot FILE] [--snapshot FILE]
//! ```
//!
//! `--write-snapshot FILE` saves the registry read (every dated snapshot,
//! with the columns each source had) in hoptac's binary snapshot form;
//! `--snapshot FILE` reads such a file instead of CSV, many times faster,
//! and gives the same report.
//!
//! `--help` describes every option with its default and lists the bundled
//! plans' keys, in Vietnamese unless `--lang en` comes with it. The
//! arguments are read by `clap`; their values are checked here, so that
//! with `--lang vi` (the default) every message of this program is in
//! Vietnamese (clap's own messages about unknown or repeated options stay
//! in English, under a Vietnamese line).
//!
//! Bad arguments or files: one message on stderr and exit code 2.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use clap::{CommandFactory, FromArgMatches, Parser};
use rust_decimal::Decimal;

use hoptac::csv::{
    columns_read, mark_columns_absent, missing_columns, read_registry_path, tally_registry_path,
    CsvOptions, Import, TallyImportError,
};
use hoptac::{cache, catalog, Inputs, Lang, Plan, Registry};

const SAMPLE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/nghe-an");

/// The command line as clap reads it; values are checked by [`Args::check`].
#[derive(Debug, Parser)]
#[command(
    name = "plan_check",
    about = "Evaluates a collective-economy plan against a registry and prints where it stands \
             (đánh giá kế hoạch phát triển kinh tế tập thể).",
    long_about = None,
    // A repeated option's last value counts, as before clap.
    args_override_self = true
)]
struct Cli {
    /// The plan: a bundled plan's key (listed below) or a plan JSON file.
    #[arg(long, value_name = "KEY_OR_PATH", default_value = "nghe-an-363-2023")]
    plan: String,
    /// A registry snapshot taken at --as-of, CSV or .xlsx (recognised by its
    /// content); it replaces the bundled sample registry and inputs, and
    /// needs --as-of. [default: the bundled Nghệ An sample, 2023 to 2025]
    #[arg(long, value_name = "PATH")]
    registry: Option<PathBuf>,
    /// An earlier snapshot, for trends and projections (repeatable); dated on
    /// or before --as-of.
    #[arg(long, value_name = "DATE=PATH")]
    history: Vec<String>,
    /// The date evaluated. [default: the inputs' date; 2025-12-31 for the
    /// bundled sample]
    #[arg(long = "as-of", value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
    /// An external figure, such as population=3442000 (repeatable);
    /// overrides the inputs'.
    #[arg(long, value_name = "NAME=VALUE")]
    figure: Vec<String>,
    /// A JSON file of inputs (figures, reported values, task reports).
    /// [default: the bundled sample's, or none with --registry]
    #[arg(long, value_name = "PATH")]
    inputs: Option<PathBuf>,
    /// The language of the report and of the messages: vi or en.
    #[arg(long, value_name = "vi|en", default_value = "vi")]
    lang: String,
    /// The report's format: text, json, html (one self-contained page) or
    /// xlsx (a workbook; needs --output).
    #[arg(long, value_name = "text|json|html|xlsx", default_value = "text")]
    format: String,
    /// Write the report to FILE instead of the standard output.
    /// [default: the standard output]
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Keep and show the organisations behind each target's numbers (in
    /// the text report too). [default: off]
    #[arg(long = "drill-down")]
    drill_down: bool,
    /// How the registry files are encoded: utf-8, utf-16le, utf-16be or
    /// windows-1258. [default: recognised from the content]
    #[arg(long, value_name = "E")]
    encoding: Option<String>,
    /// How numbers in the registry files are written: auto, plain
    /// (1500000000.5) or vi (1.500.000.000,5).
    #[arg(long, value_name = "auto|plain|vi", default_value = "auto")]
    numbers: String,
    /// The workbook sheet to read. [default: the first sheet]
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// A JSON file mapping headers as written to columns, {"Mã định danh":
    /// "id", ...}, for headers the reader does not know (repeatable).
    #[arg(long, value_name = "MAPPING.json")]
    columns: Vec<PathBuf>,
    /// A column the registry lacks on purpose (repeatable): the targets
    /// reading it give no data, "column absent". A registry lacking a
    /// column a target reads is refused otherwise.
    #[arg(long = "allow-missing", value_name = "COLUMN")]
    allow_missing: Vec<String>,
    /// After reading the registry, save it to FILE in hoptac's binary
    /// snapshot form: every dated snapshot of the evaluation (the earlier
    /// ones feed trends and projections), with the columns each source had.
    #[arg(long = "write-snapshot", value_name = "FILE")]
    write_snapshot: Option<PathBuf>,
    /// Read the registry from a binary snapshot file (written by
    /// --write-snapshot) instead of CSV; it replaces the bundled sample
    /// registry and inputs. --as-of defaults to its latest snapshot's date.
    #[arg(long, value_name = "FILE", conflicts_with = "registry")]
    snapshot: Option<PathBuf>,
}

#[derive(Debug, PartialEq)]
enum Format {
    Text,
    Json,
    Html,
    Xlsx,
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
    output: Option<PathBuf>,
    drill_down: bool,
    read: CsvOptions,
    allow_missing: BTreeSet<String>,
    write_snapshot: Option<PathBuf>,
    snapshot: Option<PathBuf>,
}

/// A message in the language of the run.
fn say(lang: Lang, vi: impl Into<String>, en: impl Into<String>) -> String {
    lang.pick(vi.into(), en.into())
}

/// The language asked for (`--lang X` or `--lang=X`, the last one), read
/// before the arguments are, so that errors about them are in it;
/// Vietnamese when none or an unknown one is given.
fn lang_of(raw: &[String]) -> Lang {
    let mut lang = Lang::Vi;
    for (i, arg) in raw.iter().enumerate() {
        let value = match arg.strip_prefix("--lang=") {
            Some(v) => Some(v),
            None if arg == "--lang" => raw.get(i + 1).map(String::as_str),
            None => None,
        };
        if let Some(l) = value.and_then(|v| v.parse().ok()) {
            lang = l;
        }
    }
    lang
}

fn parse_date(s: &str, lang: Lang) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        say(
            lang,
            format!("ngày không hợp lệ `{s}`: cần dạng YYYY-MM-DD (năm-tháng-ngày)"),
            format!("invalid date `{s}`: expected YYYY-MM-DD"),
        )
    })
}

impl Args {
    /// Checks the values clap read.
    fn check(cli: Cli, lang: Lang) -> Result<Args, String> {
        let lang: Lang = cli.lang.parse().map_err(|_| {
            say(
                lang,
                format!("ngôn ngữ không rõ `{}`: cần `vi` hoặc `en`", cli.lang),
                format!("unknown language `{}`: expected `vi` or `en`", cli.lang),
            )
        })?;
        let format = match cli.format.as_str() {
            "text" => Format::Text,
            "json" => Format::Json,
            "html" => Format::Html,
            "xlsx" if cfg!(feature = "xlsx-report") => Format::Xlsx,
            "xlsx" => {
                return Err(say(
                    lang,
                    "định dạng xlsx cần tính năng `xlsx-report` của hoptac".to_owned(),
                    "the xlsx format needs hoptac's `xlsx-report` feature".to_owned(),
                ))
            }
            other => {
                return Err(say(
                    lang,
                    format!("định dạng không rõ `{other}`: cần text, json, html hoặc xlsx"),
                    format!("unknown format `{other}`: expected text, json, html or xlsx"),
                ))
            }
        };
        if format == Format::Xlsx && cli.output.is_none() {
            return Err(say(
                lang,
                "--format xlsx ghi một tệp nhị phân: cần --output TỆP.xlsx".to_owned(),
                "--format xlsx writes a binary file: give --output FILE.xlsx".to_owned(),
            ));
        }
        let mut history = Vec::new();
        for v in &cli.history {
            let (date, path) = v.split_once('=').ok_or_else(|| {
                say(
                    lang,
                    format!("--history `{v}` không hợp lệ: cần NGÀY=ĐƯỜNG_DẪN"),
                    format!("invalid --history `{v}`: expected DATE=PATH"),
                )
            })?;
            history.push((parse_date(date, lang)?, PathBuf::from(path)));
        }
        let mut figures = Vec::new();
        for v in &cli.figure {
            let (name, number) = v.split_once('=').ok_or_else(|| {
                say(
                    lang,
                    format!("--figure `{v}` không hợp lệ: cần TÊN=GIÁ_TRỊ"),
                    format!("invalid --figure `{v}`: expected NAME=VALUE"),
                )
            })?;
            if name.trim().is_empty() {
                return Err(say(
                    lang,
                    format!("--figure `{v}` không hợp lệ: thiếu tên: cần TÊN=GIÁ_TRỊ, chẳng hạn population=3442000"),
                    format!("invalid --figure `{v}`: the name is empty: expected NAME=VALUE, such as population=3442000"),
                ));
            }
            let number: Decimal = number.parse().map_err(|_| {
                say(
                    lang,
                    format!("giá trị --figure `{number}` không hợp lệ: cần một số thập phân (dấu chấm thập phân, chẳng hạn 3442000 hoặc 2.5)"),
                    format!("invalid --figure value `{number}`: expected a decimal number"),
                )
            })?;
            figures.push((name.to_owned(), number));
        }
        let mut read = CsvOptions::default();
        if let Some(e) = &cli.encoding {
            read.encoding = Some(e.parse().map_err(|e: hoptac::ParseError| {
                say(
                    lang,
                    format!(
                        "--encoding: {} (bảng mã: utf-8, utf-16le, utf-16be, windows-1258)",
                        e.text(Lang::Vi)
                    ),
                    format!("--encoding: {e}"),
                )
            })?);
        }
        read.numbers = cli.numbers.parse().map_err(|e: hoptac::ParseError| {
            say(
                lang,
                format!("--numbers: {} (cần auto, plain hoặc vi)", e.text(Lang::Vi)),
                format!("--numbers: {e}"),
            )
        })?;
        read.sheet = cli.sheet;
        for path in &cli.columns {
            let shown = path.display();
            let text = read_text(path, lang)?;
            let mapping: BTreeMap<String, String> = serde_json::from_str(&text).map_err(|e| {
                say(
                    lang,
                    format!("{shown}: bảng đối chiếu cột không hợp lệ: {e}: cần {{\"tiêu đề\": \"cột\", ...}}"),
                    format!("{shown}: invalid column mapping: {e}: expected {{\"header\": \"column\", ...}}"),
                )
            })?;
            read.columns.extend(mapping);
        }
        Ok(Args {
            plan: cli.plan,
            registry: cli.registry,
            history,
            as_of: cli
                .as_of
                .as_deref()
                .map(|d| parse_date(d, lang))
                .transpose()?,
            figures,
            inputs: cli.inputs,
            lang,
            format,
            output: cli.output,
            drill_down: cli.drill_down,
            read,
            allow_missing: cli.allow_missing.into_iter().collect(),
            write_snapshot: cli.write_snapshot,
            snapshot: cli.snapshot,
        })
    }
}

/// The bundled plans, for `--help`: each key with its document and title.
/// The options' help in Vietnamese, the default language: (argument,
/// help). `--help` is in the language `--lang` chooses.
const HELP_VI: &[(&str, &str)] = &[
    ("plan", "Kế hoạch: mã của một kế hoạch đi kèm (liệt kê bên dưới) hoặc một tệp JSON kế hoạch. [mặc định: nghe-an-363-2023]"),
    ("registry", "Sổ đăng ký (danh sách tổ chức) chốt tại --as-of, tệp CSV hoặc .xlsx (nhận biết theo nội dung); thay cho sổ mẫu và dữ liệu đầu vào đi kèm, cần --as-of. [mặc định: sổ mẫu Nghệ An đi kèm, 2023 đến 2025]"),
    ("history", "Một sổ đăng ký chốt trước đó, để tính xu hướng và dự báo (dùng được nhiều lần); ngày chốt không sau --as-of."),
    ("as_of", "Ngày đánh giá. [mặc định: ngày của dữ liệu đầu vào; 2025-12-31 với sổ mẫu]"),
    ("figure", "Một số liệu bên ngoài, như population=3442000 (dân số; dùng được nhiều lần); thay cho số liệu của dữ liệu đầu vào."),
    ("inputs", "Tệp JSON dữ liệu đầu vào (số liệu, giá trị báo cáo, báo cáo nhiệm vụ). [mặc định: của sổ mẫu, hoặc không có khi dùng --registry]"),
    ("lang", "Ngôn ngữ của báo cáo và của các thông báo: vi hoặc en. [mặc định: vi]"),
    ("format", "Dạng báo cáo: text, json, html (một trang độc lập) hoặc xlsx (sổ tính; cần --output). [mặc định: text]"),
    ("output", "Ghi báo cáo vào FILE thay vì đầu ra chuẩn. [mặc định: đầu ra chuẩn]"),
    ("drill_down", "Giữ và hiển thị các tổ chức đứng sau số liệu của từng chỉ tiêu (cả trong báo cáo dạng text). [mặc định: tắt]"),
    ("encoding", "Bảng mã của các tệp sổ đăng ký: utf-8, utf-16le, utf-16be hoặc windows-1258. [mặc định: nhận biết theo nội dung]"),
    ("numbers", "Cách viết số trong các tệp sổ đăng ký: auto (tự nhận biết), plain (1500000000.5) hoặc vi (1.500.000.000,5). [mặc định: auto]"),
    ("sheet", "Trang tính cần đọc trong sổ tính. [mặc định: trang đầu tiên]"),
    ("columns", "Tệp JSON ánh xạ tiêu đề cột như đã viết sang tên cột, {\"Mã định danh\": \"id\", ...}, cho các tiêu đề mà chương trình chưa biết (dùng được nhiều lần)."),
    ("allow_missing", "Một cột mà sổ đăng ký cố ý không có (dùng được nhiều lần): các chỉ tiêu đọc cột đó cho kết quả không có dữ liệu, \"thiếu cột\". Nếu không khai báo, sổ thiếu một cột mà chỉ tiêu cần sẽ bị từ chối."),
    ("write_snapshot", "Sau khi đọc sổ đăng ký, lưu vào FILE ở dạng nhị phân của hoptac: mọi lần chốt sổ của lần đánh giá (các lần trước dùng cho xu hướng và dự báo), với các cột mà từng nguồn có."),
    ("snapshot", "Đọc sổ đăng ký từ một tệp nhị phân (do --write-snapshot ghi) thay cho CSV; thay cho sổ mẫu và dữ liệu đầu vào đi kèm. --as-of mặc định là ngày chốt sổ gần nhất trong tệp."),
];

/// The command line's description in `lang`: clap's own is English; in
/// Vietnamese every option's help, the headings and the defaults are
/// replaced.
fn command(lang: Lang) -> clap::Command {
    let command = Cli::command().after_help(bundled_plans(lang));
    if lang == Lang::En {
        return command;
    }
    let mut command = command
        .about("Đánh giá một kế hoạch phát triển kinh tế tập thể theo sổ đăng ký tổ chức và cho biết từng chỉ tiêu, nhiệm vụ đang ở đâu.")
        .override_usage("plan_check [TÙY CHỌN]")
        .help_template("{about-with-newline}\nCách dùng: {usage}\n\nTùy chọn:\n{options}{after-help}")
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help("In hướng dẫn này"),
        );
    for (id, help) in HELP_VI {
        // The default is said in the help itself, in Vietnamese.
        command = command.mut_arg(*id, |a| {
            let has_default = !a.get_default_values().is_empty();
            a.help(*help).hide_default_value(has_default)
        });
    }
    command
}

fn bundled_plans(lang: Lang) -> String {
    let mut out = String::from(lang.pick(
        "Kế hoạch đi kèm (--plan MÃ):\n",
        "Bundled plans (--plan KEY), kế hoạch đi kèm:\n",
    ));
    for key in catalog::keys() {
        let title = catalog::get(key).map_or_else(String::new, |plan| {
            let title = plan.title.get(lang);
            match title.char_indices().nth(72) {
                Some((at, _)) => format!("{}…", &title[..at]),
                None => title.to_owned(),
            }
        });
        out.push_str(&format!("  {key:<22} {title}\n"));
    }
    out.push_str(lang.pick(
        "\nMã thoát 0 khi đã ghi báo cáo, 2 khi đối số hoặc tệp không hợp lệ (một thông báo trên stderr).",
        "\nExit code 0 when the report is written, 2 on bad arguments or files (one message on stderr).",
    ));
    out
}

fn load_plan(key_or_path: &str, lang: Lang) -> Result<Plan, String> {
    if let Some(plan) = catalog::get(key_or_path) {
        return Ok(plan);
    }
    let text = std::fs::read_to_string(key_or_path).map_err(|e| {
        let keys = catalog::keys().collect::<Vec<_>>().join(", ");
        say(
            lang,
            format!(
                "`{key_or_path}` không phải mã kế hoạch đi kèm ({keys}) cũng không phải tệp đọc được: {}",
                Lang::Vi.io_error(&e)
            ),
            format!("`{key_or_path}` is neither a catalogue key ({keys}) nor a readable file: {e}"),
        )
    })?;
    Plan::from_json(&text).map_err(|e| format!("{key_or_path}: {}", e.text(lang)))
}

/// Reads a registry file with `read`; on a terminal, says so on stderr
/// when reading takes more than a second (never in pipes or tests).
fn with_progress<T>(path: &Path, lang: Lang, read: impl FnOnce() -> T) -> T {
    if !std::io::stderr().is_terminal() {
        return read();
    }
    let (done, wait) = mpsc::channel::<()>();
    let shown = path.display().to_string();
    let progress = std::thread::spawn(move || {
        let start = Instant::now();
        let mut said = false;
        while let Err(mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(Duration::from_secs(1)) {
            said = true;
            eprint!(
                "\rplan_check: {} {shown}… {} s",
                lang.pick("đang đọc", "reading"),
                start.elapsed().as_secs()
            );
        }
        if said {
            eprintln!();
        }
    });
    let result = read();
    drop(done);
    progress.join().ok();
    result
}

/// Reads a registry file into a snapshot, with progress on a terminal.
fn read_with_progress(
    path: &Path,
    date: NaiveDate,
    options: &CsvOptions,
    lang: Lang,
) -> Result<Import, hoptac::csv::ImportError> {
    with_progress(path, lang, || read_registry_path(path, date, options))
}

/// A snapshot read, with the columns its source has and those declared
/// absent that it lacks.
struct Loaded {
    snapshot: hoptac::Snapshot,
    columns: Option<BTreeSet<String>>,
    absent: BTreeSet<String>,
}

/// Reads a registry, refusing it when it lacks a column that a target
/// reads and that was not declared absent.
fn load_snapshot(
    path: &Path,
    date: NaiveDate,
    plan: &Plan,
    args: &Args,
    bundled: bool,
) -> Result<Loaded, String> {
    let lang = args.lang;
    let shown = path.display();
    let import = read_with_progress(path, date, &args.read, lang).map_err(|e| {
        say(
            lang,
            format!("không đọc được sổ đăng ký {shown}: {}", e.text(Lang::Vi)),
            format!("{shown}: {e}"),
        )
    })?;
    if !bundled {
        eprintln!("plan_check: {shown}: {}", import.form.describe(lang));
    }
    let absent = check_columns(&shown.to_string(), &import.columns, plan, args, bundled)?;
    Ok(Loaded {
        snapshot: import.snapshot,
        columns: Some(import.columns),
        absent,
    })
}

/// Reads every snapshot of a binary snapshot file, checking each one's
/// recorded columns as [`load_snapshot`] checks a CSV file's.
fn load_snapshot_file(path: &Path, plan: &Plan, args: &Args) -> Result<Vec<Loaded>, String> {
    let lang = args.lang;
    let shown = path.display();
    let file = std::fs::File::open(path).map_err(|e| {
        say(
            lang,
            format!(
                "không đọc được tệp số liệu {shown}: {}",
                Lang::Vi.io_error(&e)
            ),
            format!("cannot read {shown}: {e}"),
        )
    })?;
    // Read as a stream: faster than the whole file read first.
    let cached = cache::read_from(file).map_err(|e| {
        say(
            lang,
            format!("tệp số liệu {shown} bị từ chối: {}", e.text(Lang::Vi)),
            format!("{shown}: {e}"),
        )
    })?;
    let mut out = Vec::new();
    for c in cached {
        let date = c.snapshot.date();
        let label = format!("{shown} ({date})");
        eprintln!(
            "plan_check: {label}: {}",
            say(
                lang,
                format!("số liệu nhị phân, {} tổ chức", c.snapshot.len()),
                format!("binary snapshot, {} organisations", c.snapshot.len()),
            )
        );
        let absent = match &c.columns {
            Some(columns) => check_columns(&label, columns, plan, args, false)?,
            None => {
                eprintln!(
                    "plan_check: {}",
                    say(
                        lang,
                        format!("cảnh báo: {label} không ghi các cột của nguồn: không kiểm tra được cột thiếu; mọi cột được coi là có"),
                        format!("warning: {label} does not record its source's columns: missing columns cannot be checked; every column is taken as present"),
                    )
                );
                BTreeSet::new()
            }
        };
        out.push(Loaded {
            snapshot: c.snapshot,
            columns: c.columns,
            absent,
        });
    }
    Ok(out)
}

/// Refuses a registry whose source lacks a column that a target reads and
/// that was not declared absent; returns the columns declared absent that
/// it lacks, saying which targets they leave without data.
fn check_columns(
    shown: &str,
    columns: &BTreeSet<String>,
    plan: &Plan,
    args: &Args,
    bundled: bool,
) -> Result<BTreeSet<String>, String> {
    let lang = args.lang;
    let missing = missing_columns(plan, columns, &args.allow_missing);
    if let Some(first) = missing.first() {
        let list: Vec<String> = missing.iter().map(ToString::to_string).collect();
        let vi: Vec<String> = missing
            .iter()
            .map(|m| {
                let targets: Vec<String> = m.targets.iter().map(ToString::to_string).collect();
                format!(
                    "cột `{}`, mục tiêu {} đọc cột này",
                    m.column,
                    targets.join(", ")
                )
            })
            .collect();
        return Err(say(
            lang,
            format!(
                "sổ đăng ký {shown} bị từ chối: thiếu {}: nếu cột không có là đúng, khai báo bằng --allow-missing {} (các mục tiêu đó sẽ không có số liệu)",
                vi.join("; "),
                first.column
            ),
            format!(
                "{shown} lacks {}: declare it absent with --allow-missing {} (those targets then give no data)",
                list.join("; "),
                first.column
            ),
        ));
    }
    let absent: BTreeSet<String> = args
        .allow_missing
        .iter()
        .filter(|c| !columns.contains(*c))
        .cloned()
        .collect();
    if !bundled {
        for column in &absent {
            let targets: Vec<String> = columns_read(plan)
                .into_iter()
                .filter(|(_, columns)| columns.contains(column))
                .map(|(id, _)| id.to_string())
                .collect();
            if !targets.is_empty() {
                let targets = targets.join(", ");
                eprintln!(
                    "plan_check: {}",
                    say(
                        lang,
                        format!("cột `{column}` được khai báo là không có: {targets} không có số liệu (thiếu cột)"),
                        format!("column `{column}` declared absent: {targets} give no data (column absent)"),
                    )
                );
            }
        }
    }
    Ok(absent)
}

fn run(args: Args) -> Result<Vec<u8>, String> {
    let lang = args.lang;
    let plan = load_plan(&args.plan, lang)?;
    let bundled = args.registry.is_none() && args.snapshot.is_none();
    let from_file = match &args.snapshot {
        Some(path) => load_snapshot_file(path, &plan, &args)?,
        None => Vec::new(),
    };
    let latest = from_file.iter().map(|l| l.snapshot.date()).max();
    let mut inputs = match (&args.inputs, bundled) {
        (Some(path), _) => read_inputs(path, lang)?,
        (None, true) => read_inputs(&Path::new(SAMPLE_DIR).join("inputs.json"), lang)?,
        (None, false) => Inputs::new(args.as_of.or(latest).ok_or_else(|| {
            say(
                lang,
                "--registry cần --as-of: ngày lấy số liệu đăng ký",
                "--as-of is required with --registry: the date the snapshot was taken",
            )
        })?),
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
                say(
                    lang,
                    format!("cảnh báo: không mục tiêu nào dùng số liệu `{name}`"),
                    format!("warning: no target uses the figure `{name}`"),
                )
            );
        }
        inputs.figures.insert(name, value);
    }
    for (date, path) in &args.history {
        if *date > inputs.as_of {
            let shown = path.display();
            let as_of = inputs.as_of;
            return Err(say(
                lang,
                format!("--history {date}={shown}: số liệu này có ngày sau --as-of {as_of}: cần số liệu của một ngày trước đó"),
                format!("--history {date}={shown}: the snapshot is dated after --as-of {as_of}: expected an earlier snapshot"),
            ));
        }
    }
    inputs.drill_down |= args.drill_down;
    // One registry file and nothing kept of it: read straight into the
    // plan's tally, every core reading a part and scanning it (the same
    // report, in a fraction of the memory).
    if let (Some(path), true, None, None) = (
        &args.registry,
        args.history.is_empty(),
        &args.write_snapshot,
        &args.snapshot,
    ) {
        say_registry_replaces(lang);
        let (tally, absent) = load_tally(path, &plan, &args, &inputs)?;
        let report = plan.finalize(Some(&tally), &[], &inputs).map_err(|e| {
            say(
                lang,
                format!("không đánh giá được kế hoạch: {}", e.text(Lang::Vi)),
                e.to_string(),
            )
        })?;
        return render(report, &plan, &absent, &args);
    }
    let mut registry = Registry::new();
    let mut absent = BTreeSet::new();
    let mut sources: BTreeMap<NaiveDate, Option<BTreeSet<String>>> = BTreeMap::new();
    let mut add = |loaded: Loaded| {
        absent.extend(loaded.absent);
        sources.insert(loaded.snapshot.date(), loaded.columns);
        registry.insert(loaded.snapshot).map_err(|e| {
            say(
                lang,
                format!("sổ đăng ký bị từ chối: {}", e.text(Lang::Vi)),
                e.to_string(),
            )
        })
    };
    match &args.registry {
        None if args.snapshot.is_some() => {
            for loaded in from_file {
                add(loaded)?;
            }
        }
        Some(path) => {
            say_registry_replaces(lang);
            add(load_snapshot(path, inputs.as_of, &plan, &args, false)?)?;
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
    if let Some(path) = &args.write_snapshot {
        write_snapshot_file(path, &registry, &sources, lang)?;
    }
    let report = plan.evaluate(&registry, &inputs).map_err(|e| {
        say(
            lang,
            format!("không đánh giá được kế hoạch: {}", e.text(Lang::Vi)),
            e.to_string(),
        )
    })?;
    render(report, &plan, &absent, &args)
}

/// Says that `--registry` replaces the bundled sample.
fn say_registry_replaces(lang: Lang) {
    eprintln!(
        "plan_check: {}",
        say(
            lang,
            "--registry thay cho số liệu đăng ký và đầu vào mẫu đi kèm",
            "--registry replaces the bundled sample registry and inputs",
        )
    );
}

/// Reads one registry file straight into the plan's tally, checking its
/// columns as [`load_snapshot`] does; the tally and the columns declared
/// absent that it lacks.
fn load_tally(
    path: &Path,
    plan: &Plan,
    args: &Args,
    inputs: &Inputs,
) -> Result<(hoptac::Tally, BTreeSet<String>), String> {
    let lang = args.lang;
    let shown = path.display();
    let scan = hoptac::tally::ScanOptions {
        drill_down: inputs.drill_down,
    };
    let read = with_progress(path, lang, || {
        tally_registry_path(path, inputs.as_of, &args.read, plan, scan)
    })
    .map_err(|e| match e {
        // The plan, refused before the file is read: as the evaluation
        // through a snapshot says it.
        TallyImportError::Plan(e) => say(
            lang,
            format!("không đánh giá được kế hoạch: {}", e.text(Lang::Vi)),
            e.to_string(),
        ),
        e => say(
            lang,
            format!("không đọc được sổ đăng ký {shown}: {}", e.text(Lang::Vi)),
            format!("{shown}: {e}"),
        ),
    })?;
    eprintln!("plan_check: {shown}: {}", read.form.describe(lang));
    let absent = check_columns(&shown.to_string(), &read.columns, plan, args, false)?;
    Ok((read.tally, absent))
}

/// The report in the format asked for, after the targets reading a column
/// declared absent are marked.
fn render(
    mut report: hoptac::Report,
    plan: &Plan,
    absent: &BTreeSet<String>,
    args: &Args,
) -> Result<Vec<u8>, String> {
    let lang = args.lang;
    // Targets reading a column some registry lacks by declaration give no
    // data, "column absent" (their trends would rest on it too).
    mark_columns_absent(&mut report, plan, absent);
    Ok(match args.format {
        Format::Text => format!("{}\n", report.table(lang)).into_bytes(),
        Format::Json => {
            let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
            format!("{json}\n").into_bytes()
        }
        Format::Html => report.to_html(lang).into_bytes(),
        Format::Xlsx => xlsx(&report, lang)?,
    })
}

/// Saves the registry read, every dated snapshot with its source's
/// columns, as one binary snapshot file.
fn write_snapshot_file(
    path: &Path,
    registry: &Registry,
    sources: &BTreeMap<NaiveDate, Option<BTreeSet<String>>>,
    lang: Lang,
) -> Result<(), String> {
    let shown = path.display();
    let failed = |e: String| {
        say(
            lang,
            format!("không ghi được tệp số liệu {shown}: {e}"),
            format!("cannot write the snapshot file {shown}: {e}"),
        )
    };
    let file = std::fs::File::create(path).map_err(|e| failed(lang.io_error(&e)))?;
    let entries = registry
        .iter()
        .map(|s| (s, sources.get(&s.date()).and_then(Option::as_ref)));
    cache::write(std::io::BufWriter::new(file), entries).map_err(|e| failed(e.text(lang)))?;
    let n = registry.len();
    eprintln!(
        "plan_check: {}",
        say(
            lang,
            format!("đã ghi {n} bộ số liệu nhị phân vào {shown}"),
            format!("{n} snapshots written to {shown} in binary form"),
        )
    );
    Ok(())
}

/// The report as an Excel workbook.
#[cfg(feature = "xlsx-report")]
fn xlsx(report: &hoptac::Report, lang: Lang) -> Result<Vec<u8>, String> {
    let mut out = std::io::Cursor::new(Vec::new());
    report.write_xlsx(lang, &mut out).map_err(|e| {
        say(
            lang,
            format!("không tạo được tệp Excel: {e}"),
            format!("cannot make the workbook: {e}"),
        )
    })?;
    Ok(out.into_inner())
}

/// Refused in `Args::check` without the feature.
#[cfg(not(feature = "xlsx-report"))]
fn xlsx(_: &hoptac::Report, _: Lang) -> Result<Vec<u8>, String> {
    Err("the xlsx format needs hoptac's `xlsx-report` feature".to_owned())
}

/// A file's text, or a message naming it.
fn read_text(path: &Path, lang: Lang) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| {
        let shown = path.display();
        say(
            lang,
            format!("không đọc được {shown}: {}", Lang::Vi.io_error(&e)),
            format!("cannot read {shown}: {e}"),
        )
    })
}

fn read_inputs(path: &Path, lang: Lang) -> Result<Inputs, String> {
    let shown = path.display();
    let text = read_text(path, lang)?;
    serde_json::from_str(&text).map_err(|e| {
        say(
            lang,
            format!("{shown}: đầu vào không hợp lệ: {e}"),
            format!("{shown}: invalid inputs: {e}"),
        )
    })
}

/// Writes the report to `--output` or the standard output.
fn write_report(bytes: &[u8], output: Option<&Path>, lang: Lang) -> Result<(), String> {
    match output {
        Some(path) => {
            std::fs::write(path, bytes).map_err(|e| {
                let shown = path.display();
                say(
                    lang,
                    format!(
                        "không ghi được báo cáo vào {shown}: {}",
                        Lang::Vi.io_error(&e)
                    ),
                    format!("cannot write the report to {shown}: {e}"),
                )
            })?;
            eprintln!(
                "plan_check: {} {}",
                lang.pick("đã ghi báo cáo vào", "report written to"),
                path.display()
            );
            Ok(())
        }
        None => {
            // A reader that stops early (`plan_check | head -1`) closes the
            // pipe: that ends the program quietly, never a panic.
            let mut out = std::io::stdout().lock();
            match out.write_all(bytes).and_then(|()| out.flush()) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(say(
                    lang,
                    format!("không ghi được báo cáo: {}", Lang::Vi.io_error(&e)),
                    format!("cannot write the report: {e}"),
                )),
            }
        }
    }
}

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().collect();
    let lang = lang_of(&raw[1.min(raw.len())..]);
    let command = command(lang);
    let cli = match command
        .try_get_matches_from(&raw)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                // `--help` goes to stdout, like every report.
                let mut out = std::io::stdout().lock();
                let _ = write!(out, "{}", e.render());
                return ExitCode::SUCCESS;
            }
            if lang == Lang::Vi {
                eprintln!("plan_check: đối số không hợp lệ (chi tiết bằng tiếng Anh dưới đây; xem --help):");
            }
            eprint!("{}", e.render());
            return ExitCode::from(2);
        }
    };
    let result = Args::check(cli, lang).and_then(|args| {
        let (lang, output) = (args.lang, args.output.clone());
        let bytes = run(args)?;
        write_report(&bytes, output.as_deref(), lang)
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("plan_check: {message}");
            ExitCode::from(2)
        }
    }
}
