//! The `serve` example, started as a real process and spoken to over HTTP.
//!
//! `cargo test` builds the examples before it runs the tests; the binaries
//! are found next to this test's own (`target/debug/examples`). With
//! `cargo test --test serve` alone they are not rebuilt: run
//! `cargo build --examples` first.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use hoptac::catalog;
use serde_json::{json, Value};

const PLAN: &str = "nghe-an-363-2023";
const REGISTRY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/data/nghe-an/registry-2025-12-31.csv"
);
const EVALUATE: &str =
    "/v1/evaluate?plan=nghe-an-363-2023&as_of=2025-12-31&figure=population=3442000";

/// The path of an example binary built beside this test.
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    // target/debug/deps/serve-xxxx -> target/debug/examples/NAME
    let dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("the test binary lies in target/PROFILE/deps");
    let path = dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.is_file(),
        "{} not found: run this test through `cargo test`, which builds the examples \
         (or `cargo build --examples` before `cargo test --test serve`)",
        path.display()
    );
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("examples/{name}.rs"));
    let modified = |p: &PathBuf| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if let (Some(built), Some(written)) = (modified(&path), modified(&source)) {
        if built < written {
            eprintln!(
                "warning: {} is older than {}: `cargo test --test serve` does not rebuild \
                 examples; run `cargo build --examples` first",
                path.display(),
                source.display()
            );
        }
    }
    path
}

/// A running `serve`, ended when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(example("serve"))
            .args(["--addr", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("serve starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        let read = BufReader::new(stdout).read_line(&mut line);
        let mut server = Server {
            child,
            base: String::new(),
        };
        let base = match read {
            Ok(n) if n > 0 => line
                .trim_end()
                .strip_prefix("listening on ")
                .map(str::to_owned),
            _ => None,
        };
        let Some(base) = base else {
            panic!("serve printed {line:?} instead of `listening on http://IP:PORT`");
        };
        assert!(base.starts_with("http://127.0.0.1:"), "{base}");
        server.base = base;
        server
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// Status and body of a POST.
fn post(server: &Server, path: &str, content_type: &str, body: &[u8]) -> (u16, String) {
    let mut response = agent()
        .post(server.url(path))
        .header("Content-Type", content_type)
        .send(body)
        .expect("the request is answered");
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_string().expect("a text body");
    (status, body)
}

fn parse(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

/// The error body's English message and path, after checking it has no
/// other fields than those and the Vietnamese message, and that this one
/// is said in Vietnamese.
fn error(body: &str) -> (String, Value) {
    error_vi(body).0
}

/// The error body's English message and path, and its Vietnamese message.
fn error_vi(body: &str) -> ((String, Value), String) {
    let value = parse(body);
    let object = value.as_object().expect("an object");
    assert_eq!(object.len(), 3, "{body}");
    let message = object["error"].as_str().expect("error text").to_owned();
    let vi = object["error_vi"]
        .as_str()
        .expect("Vietnamese error text")
        .to_owned();
    assert!(!vi.is_empty() && vi != message, "{body}");
    // Said in Vietnamese from its first word (what serde says of bad JSON
    // stays English inside the sentence: `LoadError::text`).
    assert_ne!(
        vi.split_whitespace().next(),
        message.split_whitespace().next(),
        "{body}"
    );
    ((message, object["path"].clone()), vi)
}

fn registry() -> Vec<u8> {
    std::fs::read(REGISTRY).expect("the bundled registry")
}

/// What `plan_check --format json` prints for the bundled registry.
fn plan_check_json() -> String {
    let output = Command::new(example("plan_check"))
        .args([
            "--plan",
            PLAN,
            "--registry",
            REGISTRY,
            "--as-of",
            "2025-12-31",
        ])
        .args(["--figure", "population=3442000", "--format", "json"])
        .output()
        .expect("plan_check runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn lists_the_catalogue() {
    let server = Server::start(&[]);
    let mut response = agent().get(server.url("/v1/plans")).call().unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let plans = parse(&response.body_mut().read_to_string().unwrap());
    let plans = plans.as_array().expect("an array");
    let keys: Vec<&str> = plans.iter().filter_map(|p| p["key"].as_str()).collect();
    let expected: Vec<&str> = catalog::keys().collect();
    assert_eq!(keys, expected);
    assert_eq!(keys.len(), 5);
    assert_eq!(plans[0]["number"], "363/KH-UBND");
    assert!(plans.iter().all(|p| p["title"]["vi"].is_string()));
    let quang_nam = plans.iter().find(|p| p["key"] == "quang-nam-2651").unwrap();
    assert_eq!(quang_nam["number"], "2651/UBND-KTN");
}

#[test]
fn evaluates_as_plan_check_does() {
    let expected = plan_check_json();
    let server = Server::start(&[]);
    let csv = registry();

    let (status, body) = post(&server, EVALUATE, "text/csv", &csv);
    assert_eq!(status, 200, "{body}");
    assert_eq!(parse(&body), parse(&expected));
    assert_eq!(body, expected, "byte for byte");

    // The same with the plan, inputs and registry in a JSON body.
    let plan: Value = serde_json::from_str(catalog::json(PLAN).unwrap()).unwrap();
    let request = json!({
        "plan": plan,
        "inputs": {"as_of": "2025-12-31", "figures": {"population": "3442000"}},
        "registry": String::from_utf8(csv).unwrap(),
    });
    let request = serde_json::to_vec(&request).unwrap();
    let (status, body) = post(&server, "/v1/evaluate", "application/json", &request);
    assert_eq!(status, 200, "{body}");
    assert_eq!(parse(&body), parse(&expected));
}

#[test]
fn json_form_refuses_bad_parts_with_their_paths() {
    let server = Server::start(&[]);
    let mut plan: Value = serde_json::from_str(catalog::json(PLAN).unwrap()).unwrap();
    let body = |plan: &Value, inputs: Value, registry: &str| {
        serde_json::to_vec(&json!({"plan": plan, "inputs": inputs, "registry": registry})).unwrap()
    };
    let inputs = json!({"as_of": "2025-12-31"});
    let header = "id,name,kind,sector,province,commune,established,status\n";

    let bad_date = body(&plan, json!({"as_of": "31/12/2025"}), header);
    let (status, text) = post(&server, "/v1/evaluate", "application/json", &bad_date);
    assert_eq!(status, 400, "{text}");
    assert_eq!(error(&text).1, "inputs.as_of");

    let bad_csv = body(&plan, inputs.clone(), &format!("{header}x,A,htx\n"));
    let (status, text) = post(&server, "/v1/evaluate", "application/json", &bad_csv);
    assert_eq!(status, 400, "{text}");
    assert_eq!(
        error(&text),
        (
            "line 2: 3 fields, but the header has 8".to_owned(),
            json!("registry: line 2")
        )
    );

    plan["targets"][0]["threshold"]["value"] = json!("khoảng 60%");
    let (status, text) = post(
        &server,
        "/v1/evaluate",
        "application/json",
        &body(&plan, inputs, header),
    );
    assert_eq!(status, 400, "{text}");
    let (message, path) = error(&text);
    assert!(
        message.starts_with("invalid plan JSON at targets[0].threshold"),
        "{message}"
    );
    assert_eq!(path, "plan.targets[0].threshold.value");

    let (status, text) = post(
        &server,
        "/v1/evaluate?plan=x",
        "application/json",
        b"{}".as_slice(),
    );
    assert_eq!(status, 400, "{text}");
    assert_eq!(error(&text).1, "plan");
}

#[test]
fn validates_plans() {
    let server = Server::start(&[]);
    let text = catalog::json(PLAN).unwrap();
    let (status, body) = post(&server, "/v1/validate", "application/json", text.as_bytes());
    assert_eq!(status, 200, "{body}");
    let answer = parse(&body);
    assert_eq!(answer["valid"], true);
    assert!(answer["problems"].is_array());

    let mut plan: Value = serde_json::from_str(text).unwrap();
    let first = plan["targets"][0]["id"].clone();
    plan["targets"][1]["id"] = first.clone();
    let (status, body) = post(
        &server,
        "/v1/validate",
        "application/json",
        &serde_json::to_vec(&plan).unwrap(),
    );
    assert_eq!(status, 200, "{body}");
    let answer = parse(&body);
    assert_eq!(answer["valid"], false);
    let duplicate = answer["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "duplicate_target_id")
        .unwrap_or_else(|| panic!("no duplicate_target_id in {body}"));
    assert_eq!(duplicate["path"], "targets[1].id");
    assert_eq!(duplicate["severity"], "error");
    let message = duplicate["message"].as_str().unwrap();
    assert!(message.contains(first.as_str().unwrap()), "{message}");

    let (status, body) = post(
        &server,
        "/v1/validate",
        "application/json",
        b"{\"format_version\": 1,",
    );
    assert_eq!(status, 400, "{body}");
    let (message, _) = error(&body);
    assert!(message.starts_with("invalid plan JSON at "), "{message}");

    let (status, body) = post(&server, "/v1/validate", "text/csv", text.as_bytes());
    assert_eq!(status, 415, "{body}");
}

#[test]
fn refuses_bad_requests() {
    let server = Server::start(&[]);
    let no_id = "name,kind,sector,province,commune,established,status\nA,htx,agriculture,x,y,2020-01-01,active\n";
    let garbage = "id,name,kind,sector,province,commune,established,status\n\
                   htx-1,HTX A,htx,agriculture,Nghệ An,Hưng Lợi,2015-03-02,open\n";
    const NGHE_AN: &str = "/v1/evaluate?plan=nghe-an-363-2023";
    // path, content type, body; status, the start of the message, its path.
    let cases: [(String, &str, &str, u16, &str, &str); 7] = [
        (
            EVALUATE.to_owned(),
            "text/csv",
            no_id,
            400,
            "missing column `id`",
            "line 1",
        ),
        (
            EVALUATE.to_owned(),
            "text/csv",
            garbage,
            400,
            "line 2, column `status`: invalid value `open`: expected one of active, suspended, \
             dissolving, dissolved",
            "line 2, column status",
        ),
        (
            "/v1/evaluate?plan=ha-noi-1-2030&as_of=2025-12-31".to_owned(),
            "text/csv",
            "",
            404,
            "unknown plan `ha-noi-1-2030`",
            "plan",
        ),
        (
            format!("{NGHE_AN}&as_of=2025-13-01"),
            "text/csv",
            "",
            400,
            "invalid date `2025-13-01`: expected YYYY-MM-DD",
            "as_of",
        ),
        (NGHE_AN.to_owned(), "text/csv", "", 400, "", "as_of"),
        (
            format!("{NGHE_AN}&as_of=2025-12-31&figure=population"),
            "text/csv",
            "",
            400,
            "",
            "figure",
        ),
        (EVALUATE.to_owned(), "text/plain", "id\n", 415, "", ""),
    ];
    for (url, content_type, request, want_status, want_message, want_path) in cases {
        let (status, body) = post(&server, &url, content_type, request.as_bytes());
        assert_eq!(status, want_status, "{url}: {body}");
        let (message, path) = error(&body);
        assert!(message.starts_with(want_message), "{url}: {message}");
        if want_path.is_empty() {
            assert!(message.contains(content_type), "{url}: {message}");
        } else {
            assert_eq!(path, want_path, "{url}");
        }
    }

    // The bad value of the CSV, in Vietnamese.
    let (status, body) = post(&server, EVALUATE, "text/csv", garbage.as_bytes());
    assert_eq!(status, 400, "{body}");
    let (_, vi) = error_vi(&body);
    assert_eq!(
        vi,
        "dòng 2, cột `status` (tình trạng): giá trị `open` không hợp lệ: cần một trong active, \
         suspended, dissolving, dissolved"
    );

    let mut response = agent().get(server.url("/v2/plans")).call().unwrap();
    assert_eq!(response.status().as_u16(), 404);
    error(&response.body_mut().read_to_string().unwrap());
    let mut response = agent().get(server.url("/v1/evaluate")).call().unwrap();
    assert_eq!(response.status().as_u16(), 405);
    error(&response.body_mut().read_to_string().unwrap());
}

#[test]
fn limits_bodies_and_time() {
    let small = Server::start(&["--max-body-bytes", "1000"]);
    let (status, body) = post(&small, EVALUATE, "text/csv", &[b'x'; 5000]);
    assert_eq!(status, 413, "{body}");
    error(&body);
    // Refusals that need no body come first.
    let (status, body) = post(&small, EVALUATE, "text/plain", &[b'x'; 5000]);
    assert_eq!(status, 415, "{body}");
    let unknown = "/v1/evaluate?plan=ha-noi-1-2030&as_of=2025-12-31";
    let (status, body) = post(&small, unknown, "text/csv", &[b'x'; 5000]);
    assert_eq!(status, 404, "{body}");
    // Under the limit it is read (and refused for what it says).
    let (status, body) = post(&small, EVALUATE, "text/csv", &[b'x'; 500]);
    assert_eq!(status, 400, "{body}");

    let hurried = Server::start(&["--timeout-secs", "0"]);
    let (status, body) = post(&hurried, EVALUATE, "text/csv", &registry());
    assert_eq!(status, 503, "{body}");
    assert!(error(&body).0.contains("longer than"), "{body}");
}

#[test]
fn answers_concurrent_requests_alike() {
    let server = Server::start(&[]);
    // The first 300 organisations, to keep 64 debug-build evaluations quick.
    let all = String::from_utf8(registry()).unwrap();
    let csv: String = all.lines().take(301).flat_map(|l| [l, "\n"]).collect();
    let csv = csv.into_bytes();
    let url = server.url(EVALUATE);
    let agent = agent();
    let bodies: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..32)
            .map(|_| {
                let (agent, url, csv) = (&agent, &url, &csv);
                scope.spawn(move || {
                    (0..2)
                        .map(|_| {
                            let mut response = agent
                                .post(url)
                                .header("Content-Type", "text/csv")
                                .send(csv.as_slice())
                                .expect("answered");
                            assert_eq!(response.status().as_u16(), 200);
                            response.body_mut().read_to_string().expect("a body")
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("no panic"))
            .collect()
    });
    assert_eq!(bodies.len(), 64);
    assert!(bodies.iter().all(|b| b == &bodies[0]));
    let report = parse(&bodies[0]);
    assert_eq!(report["plan"], PLAN);
    assert_eq!(report["organisations"], 300, "{}", bodies[0]);
}
