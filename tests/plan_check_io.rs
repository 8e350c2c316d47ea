//! `plan_check` reading registries as offices keep them: every form gives
//! the canonical CSV's report; a registry lacking a column a target reads is
//! refused (exit 2) unless declared absent.
//!
//! `cargo test` builds the examples first; with `cargo test --test
//! plan_check_io` alone, run `cargo build --example plan_check` before.
#![cfg(all(feature = "csv", feature = "json"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn plan_check() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("the test binary lies in target/PROFILE/deps");
    let path = dir
        .join("examples")
        .join(format!("plan_check{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.is_file(),
        "{} not found: run through `cargo test` (or `cargo build --example plan_check` first)",
        path.display()
    );
    path
}

fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/io")
        .join(name)
        .display()
        .to_string()
}

fn run(args: &[&str]) -> Output {
    Command::new(plan_check()).args(args).output().unwrap()
}

const COMMON: [&str; 8] = [
    "--as-of",
    "2025-12-31",
    "--figure",
    "population=3442000",
    "--figure",
    "communes=412",
    "--lang",
    "en",
];

#[test]
fn every_form_gives_the_canonical_report() {
    let report = |name: &str, format: &str| {
        let path = data(name);
        let mut args = vec!["--registry", path.as_str(), "--format", format];
        args.extend(COMMON);
        let out = run(&args);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    for format in ["text", "json"] {
        let (canonical, _) = report("canonical.csv", format);
        let mut forms = vec![
            ("excel-semicolon.csv", "CSV, UTF-8, separator semicolon (;)"),
            (
                "excel-cp1258.csv",
                "CSV, Windows-1258 (CP1258), separator semicolon (;)",
            ),
            (
                "excel-unicode.txt",
                "CSV, UTF-16 (little-endian), separator tab",
            ),
        ];
        if cfg!(feature = "xlsx") {
            forms.push((
                "registry.xlsx",
                "Excel workbook, sheet `Danh sách HTX`, header on row 3",
            ));
        }
        for (name, form) in forms {
            let (text, stderr) = report(name, format);
            assert_eq!(text, canonical, "{name} --format {format}");
            assert!(stderr.contains(form), "{name}: {stderr}");
            assert!(
                stderr.contains("--registry replaces the bundled sample registry and inputs"),
                "{stderr}"
            );
        }
    }
}

/// The canonical registry without its `rating` column, written in `dir`.
fn without_rating(dir: &Path) -> PathBuf {
    let canonical = std::fs::read_to_string(data("canonical.csv")).unwrap();
    let mut lines = canonical.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = header.iter().position(|c| *c == "rating").unwrap();
    // Drop the rating column (no field of the sample has a comma in it
    // except quoted names, which come before the rating).
    let mut out = String::new();
    for line in canonical.lines() {
        let mut rdr = line.to_owned();
        let fields = split_csv(&rdr);
        let kept: Vec<String> = fields
            .into_iter()
            .enumerate()
            .filter(|(i, _)| *i != at)
            .map(|(_, f)| {
                if f.contains(',') {
                    format!("\"{f}\"")
                } else {
                    f
                }
            })
            .collect();
        rdr = kept.join(",");
        out.push_str(&rdr);
        out.push('\n');
    }
    let path = dir.join("no-rating.csv");
    std::fs::write(&path, out).unwrap();
    path
}

#[test]
fn a_missing_column_is_refused_unless_declared_absent() {
    let dir = std::env::temp_dir().join(format!("hoptac-plan-check-io-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = without_rating(&dir);
    let path = path.display().to_string();
    let mut args = vec!["--registry", path.as_str()];
    args.extend(COMMON);
    let refused = run(&args);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(
        stderr.contains(
            "lacks column `rating`, read by na2030.good_fair.share, na2030.good_fair_value_chain.share"
        ) && stderr.contains("--allow-missing rating"),
        "{stderr}"
    );
    args.extend(["--allow-missing", "rating"]);
    let allowed = run(&args);
    assert!(allowed.status.success());
    let stderr = String::from_utf8(allowed.stderr).unwrap();
    assert!(
        stderr.contains("column `rating` declared absent: na2030.good_fair.share"),
        "{stderr}"
    );
    // Those targets give no data, "column absent", in the report itself:
    // not 0% and not "the denominator is empty".
    let text = String::from_utf8(allowed.stdout).unwrap();
    let block = target_block(&text, "na2030.good_fair.share");
    assert!(block.contains(" no data"), "{block}");
    assert!(
        block.contains("! column absent: `rating` (declared absent from the registry)"),
        "{block}"
    );
    assert!(!block.contains("denominator"), "{block}");
    let unaffected = target_block(&text, "na2030.htx.count");
    assert!(!unaffected.contains("column absent"), "{unaffected}");
    args.extend(["--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&run(&args).stdout).unwrap();
    let targets = json["targets"].as_array().unwrap();
    let marked: Vec<&str> = targets
        .iter()
        .filter(|t| t["no_data"]["kind"] == "column_absent")
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        marked,
        [
            "na2030.good_fair.share",
            "na2030.good_fair_value_chain.share",
            "na2045.effective.share",
            "na2045.effective_linked.share"
        ]
    );
    for t in targets
        .iter()
        .filter(|t| t["no_data"]["kind"] == "column_absent")
    {
        assert_eq!(t["status"], "no_data", "{t}");
        assert!(t["actual"].is_null(), "{t}");
        assert_eq!(t["no_data"]["columns"], serde_json::json!(["rating"]));
    }
    // In Vietnamese, the refusal and the reason.
    let mut vi: Vec<&str> = args[..args.len() - 4].to_vec();
    vi.extend(["--lang", "vi"]);
    let refused = run(&vi);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(
        stderr.contains("bị từ chối: thiếu cột `rating`")
            && stderr.contains("--allow-missing rating"),
        "{stderr}"
    );
    vi.extend(["--allow-missing", "rating"]);
    let text = String::from_utf8(run(&vi).stdout).unwrap();
    assert!(
        target_block(&text, "na2030.good_fair.share").contains("! thiếu cột `rating`"),
        "{text}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn reading_options_reach_the_reader() {
    let path = data("excel-semicolon.csv");
    let mut args = vec!["--registry", path.as_str(), "--numbers", "plain"];
    args.extend(COMMON);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("Vietnamese number format"), "{stderr}");
    let mut args = vec!["--registry", path.as_str(), "--encoding", "latin-1"];
    args.extend(COMMON);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(2));
    let dir = std::env::temp_dir().join(format!("hoptac-plan-check-map-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Mã số HTX", "Mã định danh");
    let renamed = dir.join("renamed.csv");
    std::fs::write(&renamed, text).unwrap();
    let mapping = dir.join("mapping.json");
    std::fs::write(&mapping, r#"{"Mã định danh": "id"}"#).unwrap();
    let renamed = renamed.display().to_string();
    let mapping = mapping.display().to_string();
    let mut args = vec!["--registry", renamed.as_str()];
    args.extend(COMMON);
    assert_eq!(run(&args).status.code(), Some(2));
    args.extend(["--columns", mapping.as_str()]);
    let out = run(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_dir_all(dir).ok();
}

/// The fields of one CSV line (quotes as the sample writes them).
fn split_csv(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// `plan_check | head -c 1`: the reader closes the pipe after one byte of
/// a report far larger than a pipe's buffer (the JSON with the drill-down,
/// about 400 KB); the program ends quietly, without a panic.
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(plan_check())
        .args(["--lang", "en", "--format", "json", "--drill-down"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
}

#[test]
fn figures_and_history_are_checked() {
    let empty = run(&["--figure", "=5", "--lang", "en"]);
    assert_eq!(empty.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("the name is empty"));
    let unused = run(&["--figure", "households=5", "--lang", "en"]);
    assert!(unused.status.success());
    assert!(String::from_utf8_lossy(&unused.stderr)
        .contains("warning: no target uses the figure `households`"));
    let used = run(&["--figure", "population=3442000", "--lang", "en"]);
    assert!(!String::from_utf8_lossy(&used.stderr).contains("warning"));
    let path = data("canonical.csv");
    let later = format!("2026-06-30={path}");
    let out = run(&["--history", later.as_str(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is dated after --as-of 2025-12-31"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The lines of one target in a text report: its line and the indented
/// ones under it.
fn target_block(text: &str, id: &str) -> String {
    let mut lines = text
        .lines()
        .skip_while(|l| l.trim_start().split(' ').next() != Some(id));
    let mut block: Vec<&str> = lines.next().into_iter().collect();
    let depth = block.first().map_or(0, |l| l.len() - l.trim_start().len());
    block.extend(lines.take_while(|l| l.len() - l.trim_start().len() > depth + 2));
    block.join("\n")
}

#[test]
fn help_describes_every_option_with_its_default_and_lists_the_plans() {
    let out = run(&["--lang", "en", "--help"]);
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    // Wrapped lines joined: "[default:\n     vi]" is "[default: vi]".
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    for option in [
        "--plan",
        "--registry",
        "--history",
        "--as-of",
        "--figure",
        "--inputs",
        "--lang",
        "--format",
        "--output",
        "--drill-down",
        "--encoding",
        "--numbers",
        "--sheet",
        "--columns",
        "--allow-missing",
        "--write-snapshot",
        "--snapshot",
    ] {
        assert!(help.contains(&format!("{option} ")), "{option}: {help}");
    }
    for default in [
        "[default: nghe-an-363-2023]",
        "[default: vi]",
        "[default: text]",
        "[default: auto]",
        "[default: the standard output]",
        "[default: the first sheet]",
    ] {
        assert!(flat.contains(default), "{default}: {help}");
    }
    for key in hoptac::catalog::keys() {
        assert!(help.contains(&format!("  {key} ")), "{key}: {help}");
    }
}

/// `--help` is in Vietnamese by default, as every message of the program:
/// every option, its default, the headings and the plans' titles.
#[test]
fn help_is_in_vietnamese_by_default() {
    let out = run(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    for heading in [
        "Cách dùng: plan_check",
        "Tùy chọn:",
        "Kế hoạch đi kèm",
        "Mã thoát 0",
    ] {
        assert!(help.contains(heading), "{heading}: {help}");
    }
    for default in [
        "[mặc định: nghe-an-363-2023]",
        "[mặc định: vi]",
        "[mặc định: text]",
        "[mặc định: auto]",
        "[mặc định: đầu ra chuẩn]",
    ] {
        assert!(flat.contains(default), "{default}: {help}");
    }
    // Every option's line is Vietnamese: no English help is left (an
    // option added without its Vietnamese help would show clap's English).
    for english in [
        "[default:",
        "The ",
        " the ",
        "Print help",
        "Usage:",
        "Options:",
    ] {
        assert!(!help.contains(english), "`{english}` in: {help}");
    }
    let nghe_an = hoptac::catalog::get("nghe-an-363-2023").unwrap();
    let title: String = nghe_an
        .title
        .get(hoptac::Lang::Vi)
        .chars()
        .take(40)
        .collect();
    assert!(help.contains(&title), "{title}: {help}");
}

/// Runs `plan_check --lang en --format FORMAT --output DIR/FILE` and
/// returns what it wrote there, checking that nothing went to stdout.
fn report_in_file(format: &str, file: &str) -> Vec<u8> {
    let dir =
        std::env::temp_dir().join(format!("hoptac-plan-check-{format}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(file);
    let path = file.display().to_string();
    let out = run(&["--lang", "en", "--format", format, "--output", &path]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(out.stdout.is_empty(), "the report went to stdout too");
    assert!(stderr.contains("report written to"), "{stderr}");
    let written = std::fs::read(&file).unwrap();
    std::fs::remove_dir_all(dir).ok();
    written
}

#[test]
fn output_writes_the_report_to_the_file() {
    let written = report_in_file("json", "report.json");
    let stdout = run(&["--lang", "en", "--format", "json"]).stdout;
    assert_eq!(written, stdout);
    // A file that cannot be written: exit 2, said in Vietnamese by default.
    let bad = std::env::temp_dir()
        .join(format!("hoptac-no-such-dir-{}", std::process::id()))
        .join("report.txt");
    let bad = bad.display().to_string();
    let out = run(&["--output", bad.as_str()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("không ghi được báo cáo vào"), "{stderr}");
    // The system's reason in Vietnamese too, never its English words.
    assert!(
        stderr.contains("không có tệp hoặc thư mục này (mã lỗi hệ thống 2)"),
        "{stderr}"
    );
    assert!(!stderr.contains("No such file"), "{stderr}");
    // In English, the system's own words.
    let out = run(&["--lang", "en", "--output", bad.as_str()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot write the report to"), "{stderr}");
    assert!(stderr.contains("No such file or directory"), "{stderr}");
}

/// `--format html` gives the library's page; `--format xlsx` a workbook,
/// only into a file.
#[test]
fn html_and_xlsx_formats() {
    let html = run(&["--lang", "en", "--format", "html"]);
    assert!(html.status.success());
    let page = String::from_utf8(html.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..40]);
    assert!(page.contains("363/KH-UBND") && page.trim_end().ends_with("</html>"));

    let refused = run(&["--format", "xlsx"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("cần --output"));

    let bytes = report_in_file("xlsx", "report.xlsx");
    assert_eq!(&bytes[..2], b"PK", "an xlsx file is a zip archive");

    let unknown = run(&["--lang", "en", "--format", "pdf"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("expected text, json, html or xlsx"));
}

#[test]
fn drill_down_shows_the_organisations_in_text() {
    let plain = String::from_utf8(run(&["--lang", "en"]).stdout).unwrap();
    let out = run(&["--lang", "en", "--drill-down"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!plain.contains("numerator ("), "{plain}");
    let block = target_block(&text, "na2030.good_fair.share");
    // "numerator (576 organisations):" and the ids under it.
    assert!(
        block.contains("    numerator (576 organisations):"),
        "{block}"
    );
    assert!(
        block.contains("    denominator (937 organisations):"),
        "{block}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["--lang", "en", "--format", "json", "--drill-down"]).stdout)
            .unwrap();
    let share = json["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "na2030.good_fair.share")
        .unwrap();
    let ids = share["parts"]["numerator_ids"].as_array().unwrap();
    assert_eq!(ids.len(), 576);
    for id in ids {
        assert!(block.contains(id.as_str().unwrap()), "{id}");
    }
    let count = target_block(&text, "na2030.htx.count");
    assert!(count.contains("    counted ("), "{count}");
}

#[test]
fn errors_are_in_vietnamese_with_lang_vi() {
    let cases: [(&[&str], &str, &str); 6] = [
        (
            &["--as-of", "2025-13-01"],
            "ngày không hợp lệ `2025-13-01`",
            "invalid date `2025-13-01`",
        ),
        (
            &["--plan", "no-such-plan"],
            "không phải mã kế hoạch đi kèm",
            "is neither a catalogue key",
        ),
        (
            &["--format", "pdf"],
            "định dạng không rõ `pdf`",
            "unknown format `pdf`",
        ),
        (
            &["--figure", "population"],
            "cần TÊN=GIÁ_TRỊ",
            "expected NAME=VALUE",
        ),
        (
            &["--registry", "Cargo.toml", "--as-of", "2025-12-31"],
            "không đọc được sổ đăng ký",
            "Cargo.toml",
        ),
        (
            &["--bogus"],
            "đối số không hợp lệ",
            "unexpected argument '--bogus'",
        ),
    ];
    for (args, vi, en) in cases {
        for (lang, want) in [("vi", vi), ("en", en)] {
            let mut all = args.to_vec();
            all.extend(["--lang", lang]);
            let out = run(&all);
            assert_eq!(out.status.code(), Some(2), "{all:?}");
            let stderr = String::from_utf8(out.stderr).unwrap();
            assert!(stderr.contains(want), "{all:?}: {stderr}");
            if lang == "en" {
                assert!(!stderr.contains(vi), "{all:?}: {stderr}");
            }
        }
    }
    // The language is Vietnamese when none is given.
    let out = run(&["--as-of", "2025-13-01"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("ngày không hợp lệ"));
    // Progress is for terminals only: none in a pipe.
    let path = data("registry.xlsx");
    let mut args = vec!["--registry", path.as_str()];
    args.extend(COMMON);
    let out = run(&args);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("reading"));
}

/// A directory of this test's own under the system's temporary one.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hoptac-plan-check-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stdout_of(out: &Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn a_written_snapshot_file_gives_the_same_report() {
    let dir = temp_dir("snapshot");
    let file = dir.join("sample.bin").display().to_string();
    let inputs = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/data/nghe-an/inputs.json")
        .display()
        .to_string();
    for format in ["json", "text"] {
        // The bundled sample: three dated snapshots, all in the file.
        let out = run(&[
            "--lang",
            "en",
            "--format",
            format,
            "--write-snapshot",
            &file,
        ]);
        let from_csv = stdout_of(&out, "write");
        let said = String::from_utf8(out.stderr).unwrap();
        assert!(
            said.contains(&format!("3 snapshots written to {file} in binary form")),
            "{said}"
        );
        let out = run(&[
            "--lang",
            "en",
            "--format",
            format,
            "--snapshot",
            &file,
            "--inputs",
            &inputs,
        ]);
        let said = String::from_utf8(out.stderr.clone()).unwrap();
        assert_eq!(stdout_of(&out, "read"), from_csv, "{format}");
        for date in ["2023-12-31", "2024-12-31", "2025-12-31"] {
            assert!(
                said.contains(&format!("{file} ({date}): binary snapshot")),
                "{said}"
            );
        }
        assert!(!said.contains("warning"), "{said}");
    }
    // One CSV registry with figures given on the command line; --as-of
    // defaults to the snapshot's date.
    let canonical = data("canonical.csv");
    let one = dir.join("one.bin").display().to_string();
    let mut args = vec![
        "--registry",
        canonical.as_str(),
        "--format",
        "json",
        "--write-snapshot",
        &one,
    ];
    args.extend(COMMON);
    let from_csv = stdout_of(&run(&args), "write one");
    let args = [
        "--snapshot",
        &one,
        "--format",
        "json",
        "--lang",
        "en",
        "--figure",
        "population=3442000",
        "--figure",
        "communes=412",
    ];
    assert_eq!(stdout_of(&run(&args), "read one"), from_csv);
    // In Vietnamese too.
    let vi = run(&[
        "--snapshot",
        &one,
        "--figure",
        "population=3442000",
        "--figure",
        "communes=412",
    ]);
    let said = String::from_utf8(vi.stderr.clone()).unwrap();
    stdout_of(&vi, "vi");
    assert!(said.contains("số liệu nhị phân, "), "{said}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_snapshot_file_keeps_the_columns_its_source_lacked() {
    let dir = temp_dir("snapshot-columns");
    let csv = without_rating(&dir).display().to_string();
    let file = dir.join("no-rating.bin").display().to_string();
    let mut args = vec![
        "--registry",
        csv.as_str(),
        "--allow-missing",
        "rating",
        "--format",
        "json",
    ];
    args.extend(COMMON);
    let mut writing = args.clone();
    writing.extend(["--write-snapshot", file.as_str()]);
    let from_csv = stdout_of(&run(&writing), "write");
    // Read back without declaring the column absent: refused, as the CSV is.
    let refused = run(&["--snapshot", &file, "--lang", "en"]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(
        stderr.contains("lacks column `rating`, read by na2030.good_fair.share"),
        "{stderr}"
    );
    let mut reading = vec![
        "--snapshot",
        file.as_str(),
        "--allow-missing",
        "rating",
        "--format",
        "json",
    ];
    reading.extend(COMMON);
    assert_eq!(stdout_of(&run(&reading), "read"), from_csv);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_damaged_or_foreign_snapshot_file_is_refused() {
    let dir = temp_dir("snapshot-bad");
    let file = dir.join("sample.bin");
    let shown = file.display().to_string();
    stdout_of(&run(&["--write-snapshot", &shown]), "write");
    let mut bytes = std::fs::read(&file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x04;
    std::fs::write(&file, &bytes).unwrap();
    for (lang, expected) in [
        (
            "en",
            format!("plan_check: {shown}: checksum mismatch: the file records "),
        ),
        (
            "vi",
            format!("plan_check: tệp số liệu {shown} bị từ chối: sai tổng kiểm tra: tệp ghi "),
        ),
    ] {
        let out = run(&["--snapshot", &shown, "--lang", lang]);
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.starts_with(&expected), "{stderr}");
    }
    bytes.truncate(middle);
    std::fs::write(&file, &bytes).unwrap();
    let out = run(&["--snapshot", &shown, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("the file is cut short or has extra bytes"),
        "{stderr}"
    );
    // A CSV file is not a snapshot file.
    let out = run(&["--snapshot", &data("canonical.csv"), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("not a hoptac snapshot file: it starts with `id,name,"),
        "{stderr}"
    );
    // --snapshot replaces --registry: both at once is refused.
    let canonical = data("canonical.csv");
    let out = run(&["--snapshot", &shown, "--registry", &canonical]);
    assert_eq!(out.status.code(), Some(2));
    // A file that cannot be written.
    let out = run(&["--write-snapshot", "/nonexistent-dir/x.bin", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("cannot write the snapshot file /nonexistent-dir/x.bin: "),
        "{stderr}"
    );
    std::fs::remove_dir_all(dir).ok();
}

/// A registry refused for a bad value: in Vietnamese the whole message is
/// Vietnamese (the line, the column with its Vietnamese header, what the
/// column takes), in English wholly English.
#[test]
fn a_refused_registry_is_explained_wholly_in_the_language_asked() {
    let dir = std::env::temp_dir().join(format!("hoptac-plan-check-vi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.csv");
    std::fs::write(
        &path,
        "id,name,kind,sector,province,commune,established,status\n\
         htx-1,HTX A,htx,agriculture,Nghệ An,Hưng Lợi,2015-03-02,open\n",
    )
    .unwrap();
    let shown = path.to_str().unwrap();
    let args = ["--registry", shown, "--as-of", "2025-12-31", "--lang"];
    let vi = run(&[&args[..], &["vi"]].concat());
    let en = run(&[&args[..], &["en"]].concat());
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(vi.status.code(), Some(2));
    assert_eq!(en.status.code(), Some(2));
    let vi = String::from_utf8(vi.stderr).unwrap();
    let en = String::from_utf8(en.stderr).unwrap();
    assert!(
        vi.contains(
            "dòng 2, cột `status` (tình trạng): giá trị `open` không hợp lệ: cần một trong active, suspended, dissolving, dissolved"
        ),
        "{vi}"
    );
    assert!(
        !vi.contains("invalid value") && !vi.contains("expected"),
        "{vi}"
    );
    assert!(
        en.contains("line 2, column `status`: invalid value `open`: expected one of active"),
        "{en}"
    );
    assert!(!en.contains("dòng"), "{en}");
}
