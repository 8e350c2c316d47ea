//! Validates a plan and prints every problem.
//!
//! ```text
//! cargo run --example validate_plan -- PATH_OR_CATALOGUE_KEY [--lang vi|en]
//! ```
//!
//! Exit codes: 0 without errors (warnings may be printed), 1 when the plan
//! has validation errors, 2 when the file cannot be read or is not a plan.

use std::process::ExitCode;

use hoptac::{catalog, Labelled, Lang, Plan};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut source = None;
    let mut lang = Lang::En;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--lang" => match iter.next().map(|v| v.parse::<Lang>()) {
                Some(Ok(l)) => lang = l,
                Some(Err(e)) => return usage(&e.to_string()),
                None => return usage("--lang needs a value"),
            },
            "-h" | "--help" => {
                println!("usage: validate_plan PATH_OR_CATALOGUE_KEY [--lang vi|en]");
                return ExitCode::SUCCESS;
            }
            other if source.is_none() && !other.starts_with("--") => {
                source = Some(other.to_owned())
            }
            other => return usage(&format!("unexpected argument `{other}`")),
        }
    }
    let Some(source) = source else {
        return usage("a plan file or catalogue key is required");
    };
    let text = match catalog::json(&source) {
        Some(text) => text.to_owned(),
        None => match std::fs::read_to_string(&source) {
            Ok(text) => text,
            Err(e) => return fail(&format!("cannot read `{source}`: {e}")),
        },
    };
    let plan = match Plan::from_json_unchecked(&text) {
        Ok(plan) => plan,
        Err(e) => return fail(&e.to_string()),
    };
    let problems = plan.validate();
    println!("{plan}");
    for p in &problems {
        println!(
            "{}[{}] {}: {}",
            p.severity.label(lang),
            p.code,
            if p.path.is_empty() { "." } else { &p.path },
            p.message
        );
    }
    let errors = problems.errors().count();
    let warnings = problems.warnings().count();
    println!("{errors} error(s), {warnings} warning(s)");
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn usage(message: &str) -> ExitCode {
    eprintln!(
        "validate_plan: {message}\nusage: validate_plan PATH_OR_CATALOGUE_KEY [--lang vi|en]"
    );
    ExitCode::from(2)
}

fn fail(message: &str) -> ExitCode {
    eprintln!("validate_plan: {message}");
    ExitCode::from(2)
}
