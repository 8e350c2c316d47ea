//! Drafts a plan from its Vietnamese text, and shows how each part was read.
//!
//! ```text
//! cargo run --example plan_draft -- FILE.txt [--review] [--format text|html]
//!     [--lang vi|en] [--period START..END]
//! ```
//!
//! Without `--review`: the draft plan as JSON on stdout, loadable by
//! `plan_check --plan FILE.json` as it is. With `--review`: each sentence
//! beside what was read from it and what is uncertain, as text or HTML.
//! `--period 2023-01-01..2023-12-31` gives the period a text does not state.
//! A `.docx` file needs the feature `docx`.
//!
//! Exit codes: 0 on success, 2 when the file cannot be read or the
//! arguments are wrong.

use std::process::ExitCode;

use hoptac::draft::{self, DraftOptions};
use hoptac::plan::Period;
use hoptac::Lang;

const USAGE: &str = "usage: plan_draft FILE.txt [--review] [--format text|html] [--lang vi|en] [--period START..END]";

fn usage(msg: &str) -> ExitCode {
    eprintln!("plan_draft: {msg}\n{USAGE}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut file = None;
    let mut review = false;
    let mut html = false;
    let mut lang = Lang::En;
    let mut options = DraftOptions::default();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--review" => review = true,
            "--format" => match iter.next().map(String::as_str) {
                Some("html") => html = true,
                Some("text") => html = false,
                Some(other) => {
                    return usage(&format!("unknown format `{other}`: expected text or html"))
                }
                None => return usage("--format needs a value"),
            },
            "--lang" => match iter.next().map(|v| v.parse::<Lang>()) {
                Some(Ok(l)) => lang = l,
                Some(Err(e)) => return usage(&e.to_string()),
                None => return usage("--lang needs a value"),
            },
            "--period" => {
                let Some(v) = iter.next() else {
                    return usage("--period needs a value");
                };
                let Some((a, b)) = v.split_once("..") else {
                    return usage(&format!(
                        "`{v}` is not a period: expected START..END such as 2023-01-01..2023-12-31"
                    ));
                };
                match (a.parse(), b.parse()) {
                    (Ok(start), Ok(end)) => options.period = Some(Period { start, end }),
                    _ => {
                        return usage(&format!(
                            "`{v}` is not a period: expected dates as YYYY-MM-DD"
                        ))
                    }
                }
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other if file.is_none() && !other.starts_with("--") => file = Some(other.to_owned()),
            other => return usage(&format!("unexpected argument `{other}`")),
        }
    }
    let Some(file) = file else {
        return usage("a text file is required");
    };
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => return usage(&format!("{file}: {e}")),
    };
    let text = if file.to_lowercase().ends_with(".docx") {
        #[cfg(feature = "docx")]
        {
            draft::docx_text(&bytes)
        }
        #[cfg(not(feature = "docx"))]
        {
            return usage(&format!(
                "{file}: reading .docx needs the feature `docx` (cargo run --features docx …)"
            ));
        }
    } else {
        draft::read_input(&bytes)
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => return usage(&format!("{file}: {e}")),
    };
    let d = draft::draft(&text, &options);
    let out = if review {
        if html {
            d.review.to_html(lang)
        } else {
            let mut s = d.review.display_in(lang);
            s.push('\n');
            s
        }
    } else {
        d.plan.to_json() + "\n"
    };
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(out.as_bytes()).is_err() {
        // A closed pipe ends quietly.
        return ExitCode::SUCCESS;
    }
    ExitCode::SUCCESS
}
