//! A small HTTP service that evaluates plans: `hoptac` behind three
//! endpoints.
//!
//! ```text
//! cargo run --example serve -- [--addr ADDR] [--max-body-bytes N] [--timeout-secs N]
//! ```
//!
//! - `--addr`: where to listen (default `127.0.0.1:8080`; port 0 picks a free
//!   port). On start the service prints one line, `listening on
//!   http://IP:PORT`, with the port it got.
//! - `--max-body-bytes`: the largest request body (default 256 MiB); a larger
//!   one is refused with 413 while it is read, not after.
//! - `--timeout-secs`: how long reading a registry and evaluating may take
//!   (default 60); past it the answer is 503. The work runs on tokio's
//!   blocking pool, so a slow request never holds up the others.
//!
//! # Endpoints
//!
//! **`GET /v1/plans`**: the catalogue, as an array of
//! `{"key", "number", "title": {"vi", "en"}}` (`number` is the document
//! number such as `"363/KH-UBND"`, `null` when the plan has none; `en` is
//! left out when there is none).
//!
//! **`POST /v1/evaluate`** evaluates a plan against a registry snapshot and
//! answers the report JSON, in one of two forms chosen by `Content-Type`:
//!
//! - `text/csv`: a catalogue plan, a registry CSV in the body and everything
//!   else in the query: `plan=KEY`, `as_of=YYYY-MM-DD` (the date the snapshot
//!   was taken) and `figure=NAME=VALUE` (repeatable; a plain decimal such as
//!   `3442000` or `2.5`). The answer is byte for byte what `plan_check --plan
//!   KEY --registry FILE --as-of DATE --figure NAME=VALUE --format json`
//!   prints for the same inputs.
//! - `application/json`: any plan, with the body
//!   `{"plan": PLAN, "inputs": INPUTS, "registry": "CSV TEXT"}`, where `PLAN`
//!   is a plan object in the form `Plan::from_json` reads (never a catalogue
//!   key: use the CSV form for those), `INPUTS` is `hoptac::Inputs` in its
//!   JSON form (`{"as_of": "2025-12-31", "figures": {"population":
//!   "3442000"}}`, reported values, task reports, `drill_down`) and the
//!   snapshot is dated `inputs.as_of`. The plan is validated first; a plan
//!   with validation errors is refused. This form takes no query parameters.
//!   Line and column numbers in errors about the plan count from the start
//!   of the `plan` value.
//!
//! **`POST /v1/validate`** (`application/json`, a plan object) answers
//! `{"problems": [{"path", "code", "severity", "message"}, ...], "valid": BOOL}`:
//! every problem `Plan::validate` finds, warnings included; `valid` is false
//! when one of them is an error.
//!
//! # Errors
//!
//! Every refusal has the body
//! `{"error": "MESSAGE", "error_vi": "THÔNG BÁO", "path": PATH_OR_NULL}`:
//! the message in English and in Vietnamese (what the library says of a
//! bad CSV, plan or evaluation, in both languages: `CsvError::text`,
//! `LoadError::text`, `EvalError::text`), and `path`, which names the bad
//! part of the request: a JSON path
//! (`plan.targets[3].threshold`, `inputs.as_of`), a place in the CSV
//! (`line 12, column rating`) or a query parameter (`as_of`).
//!
//! | status | when |
//! |---|---|
//! | 400 | malformed JSON or CSV, a bad or missing query parameter, an invalid plan |
//! | 404 | an unknown plan key or path |
//! | 405 | a method the endpoint does not take |
//! | 413 | a body over `--max-body-bytes`, or a plan over the library's 16 MiB |
//! | 415 | a `Content-Type` the endpoint does not take |
//! | 503 | the work took longer than `--timeout-secs` |
//! | 500 | a bug: the evaluation failed unexpectedly |
//!
//! The service reads only what requests send; it never opens a file a
//! request names.
//!
//! # Example
//!
//! ```text
//! cargo run --example serve &
//! curl -s 'http://127.0.0.1:8080/v1/plans'
//! curl -s -X POST -H 'Content-Type: text/csv' \
//!     --data-binary @examples/data/nghe-an/registry-2025-12-31.csv \
//!     'http://127.0.0.1:8080/v1/evaluate?plan=nghe-an-363-2023&as_of=2025-12-31&figure=population=3442000'
//! ```

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::NaiveDate;
use hoptac::{
    catalog, csv::read_csv, csv::CsvError, csv::CsvOptions, Inputs, Lang, LoadError, Plan, Registry,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

const USAGE: &str = "usage: serve [--addr ADDR] [--max-body-bytes N] [--timeout-secs N] [--help]\n\
     \n  --addr ADDR         where to listen (default 127.0.0.1:8080; port 0 picks a free port)\
     \n  --max-body-bytes N  the largest request body (default 268435456, 256 MiB)\
     \n  --timeout-secs N    how long one evaluation may take (default 60)";

#[derive(Debug)]
struct Args {
    addr: SocketAddr,
    max_body_bytes: usize,
    timeout: Duration,
}

fn parse_args(raw: Vec<String>) -> Result<Option<Args>, String> {
    let mut args = Args {
        addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
        max_body_bytes: 256 * 1024 * 1024,
        timeout: Duration::from_secs(60),
    };
    let mut iter = raw.into_iter();
    while let Some(flag) = iter.next() {
        let mut value = |name: &str| iter.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--addr" => {
                let v = value("--addr")?;
                args.addr = v
                    .parse()
                    .map_err(|_| format!("invalid --addr `{v}`: expected IP:PORT"))?;
            }
            "--max-body-bytes" => {
                let v = value("--max-body-bytes")?;
                args.max_body_bytes = v.parse().map_err(|_| {
                    format!("invalid --max-body-bytes `{v}`: expected a number of bytes")
                })?;
            }
            "--timeout-secs" => {
                let v = value("--timeout-secs")?;
                let secs: u64 = v.parse().map_err(|_| {
                    format!("invalid --timeout-secs `{v}`: expected a number of seconds")
                })?;
                args.timeout = Duration::from_secs(secs);
            }
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    Ok(Some(args))
}

/// A refusal: its status, and the `{"error", "error_vi", "path"}` body.
#[derive(Debug)]
struct ApiError {
    status: StatusCode,
    error: String,
    error_vi: String,
    path: Option<String>,
}

impl ApiError {
    /// A refusal said in English (`error`) and Vietnamese (`error_vi`).
    fn new(
        status: StatusCode,
        error: impl Into<String>,
        error_vi: impl Into<String>,
        path: Option<String>,
    ) -> Self {
        ApiError {
            status,
            error: error.into(),
            error_vi: error_vi.into(),
            path,
        }
    }

    fn bad_request(
        error: impl Into<String>,
        error_vi: impl Into<String>,
        path: impl Into<String>,
    ) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, error, error_vi, Some(path.into()))
    }

    /// A CSV error, its place in the file as the path, under `prefix` (the
    /// JSON field that held the CSV, if any).
    fn csv(e: &CsvError, prefix: Option<&str>) -> Self {
        let place = match e {
            CsvError::NoHeader
            | CsvError::MissingColumn { .. }
            | CsvError::DuplicateColumn { .. }
            | CsvError::BadColumnName { .. } => Some("line 1".to_owned()),
            CsvError::Row(row) => Some(row_place(row)),
            CsvError::Many { errors, .. } => errors.first().map(row_place),
            CsvError::FieldTooLong { line, column, .. } => {
                Some(format!("line {line}, column {column}"))
            }
            CsvError::RecordTooLong { line, .. } | CsvError::TooManyRows { line, .. } => {
                Some(format!("line {line}"))
            }
            _ => None,
        };
        let path = match (prefix, place) {
            (Some(prefix), Some(place)) => Some(format!("{prefix}: {place}")),
            (Some(prefix), None) => Some(prefix.to_owned()),
            (None, place) => place,
        };
        ApiError::new(
            StatusCode::BAD_REQUEST,
            e.to_string(),
            e.text(Lang::Vi),
            path,
        )
    }

    /// A plan JSON error, its JSON path under `prefix` (`plan`), or none.
    fn plan(e: &LoadError, prefix: Option<&str>) -> Self {
        let join = |path: &str| match (prefix, path) {
            (Some(prefix), "." | "") => prefix.to_owned(),
            (Some(prefix), path) => format!("{prefix}.{path}"),
            (None, path) => path.to_owned(),
        };
        let (status, path) = match e {
            LoadError::Json { path, .. } => (StatusCode::BAD_REQUEST, Some(join(path))),
            LoadError::TooLarge { .. } => {
                (StatusCode::PAYLOAD_TOO_LARGE, prefix.map(str::to_owned))
            }
            LoadError::UnsupportedVersion { .. } => {
                (StatusCode::BAD_REQUEST, Some(join("format_version")))
            }
            LoadError::Invalid { problems } => (
                StatusCode::BAD_REQUEST,
                problems.errors().next().map(|p| join(&p.path)),
            ),
            _ => (StatusCode::BAD_REQUEST, prefix.map(str::to_owned)),
        };
        ApiError::new(status, e.to_string(), e.text(Lang::Vi), path)
    }
}

fn row_place(row: &hoptac::csv::CsvRowError) -> String {
    match row {
        hoptac::csv::CsvRowError::Value { line, column, .. }
        | hoptac::csv::CsvRowError::InvalidUtf8 { line, column } => {
            format!("line {line}, column {column}")
        }
        other => format!("line {}", other.line()),
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Body {
            error: String,
            error_vi: String,
            path: Option<String>,
        }
        let body = Body {
            error: self.error,
            error_vi: self.error_vi,
            path: self.path,
        };
        (self.status, axum::Json(body)).into_response()
    }
}

/// A JSON text answered as it is.
fn json_response(text: String) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        text,
    )
        .into_response()
}

/// What the handlers share.
#[derive(Debug)]
struct AppState {
    /// The `GET /v1/plans` answer, built once.
    plans: String,
    timeout: Duration,
}

/// One catalogue entry of `GET /v1/plans`.
#[derive(Serialize)]
struct PlanEntry {
    key: &'static str,
    number: Option<String>,
    title: hoptac::Bilingual,
}

fn catalogue_json() -> Result<String, String> {
    let mut entries = Vec::new();
    for key in catalog::keys() {
        let plan =
            catalog::get(key).ok_or_else(|| format!("bundled plan `{key}` does not load"))?;
        entries.push(PlanEntry {
            key,
            number: plan.doc.as_ref().map(ToString::to_string),
            title: plan.title,
        });
    }
    serde_json::to_string(&entries).map_err(|e| e.to_string())
}

async fn list_plans(State(state): State<Arc<AppState>>) -> Response {
    json_response(state.plans.clone())
}

/// The media type of a request without its parameters, in lowercase.
fn media_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = value.split(';').next().unwrap_or_default();
    Some(essence.trim().to_ascii_lowercase())
}

fn unsupported(got: Option<String>, expected: &str) -> ApiError {
    let (got, got_vi) = match got {
        Some(t) => (format!("`{t}`"), format!("`{t}`")),
        None => ("none".to_owned(), "không có".to_owned()),
    };
    ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        format!("unsupported content type {got}: expected {expected}"),
        format!(
            "kiểu nội dung {got_vi} không được nhận: cần {}",
            expected.replace(" or ", " hoặc ")
        ),
        None,
    )
}

/// The body, read under the `DefaultBodyLimit` (413 as soon as it is
/// passed).
async fn body(state: &Arc<AppState>, request: Request) -> Result<Bytes, ApiError> {
    Bytes::from_request(request, state).await.map_err(|e| {
        let vi = if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            "thân yêu cầu quá lớn so với giới hạn của dịch vụ (--max-body-bytes)".to_owned()
        } else {
            format!("không đọc được thân yêu cầu ({})", e.body_text())
        };
        ApiError::new(e.status(), e.body_text(), vi, None)
    })
}

/// Runs `work` on the blocking pool, under the timeout.
async fn blocking<T, F>(state: &AppState, work: F) -> Result<T, ApiError>
where
    F: FnOnce() -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    let task = tokio::task::spawn_blocking(work);
    match tokio::time::timeout(state.timeout, task).await {
        Ok(Ok(result)) => result,
        Ok(Err(e)) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the evaluation failed: {e}"),
            format!("lỗi khi đánh giá ({e})"),
            None,
        )),
        Err(_) => Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the request took longer than the {} s allowed",
                state.timeout.as_secs()
            ),
            format!("yêu cầu chạy quá {} giây cho phép", state.timeout.as_secs()),
            None,
        )),
    }
}

/// The query of the CSV form of `POST /v1/evaluate`.
#[derive(Debug)]
struct CsvQuery {
    plan: Plan,
    as_of: NaiveDate,
    figures: Vec<(String, Decimal)>,
}

fn parse_query(pairs: Vec<(String, String)>) -> Result<CsvQuery, ApiError> {
    let mut key = None;
    let mut as_of = None;
    let mut figures = Vec::new();
    for (name, value) in pairs {
        let twice = match name.as_str() {
            "plan" => key.is_some(),
            "as_of" => as_of.is_some(),
            _ => false,
        };
        if twice {
            return Err(ApiError::bad_request(
                format!("parameter `{name}` given twice"),
                format!("tham số `{name}` có hai lần"),
                name,
            ));
        }
        match name.as_str() {
            "plan" => key = Some(value),
            "as_of" => {
                let date = NaiveDate::parse_from_str(&value, "%Y-%m-%d").map_err(|_| {
                    ApiError::bad_request(
                        format!("invalid date `{value}`: expected YYYY-MM-DD"),
                        format!("ngày không hợp lệ `{value}`: cần dạng YYYY-MM-DD"),
                        "as_of",
                    )
                })?;
                as_of = Some(date);
            }
            "figure" => {
                // As plan_check's `--figure NAME=VALUE`.
                let (figure, number) = value.split_once('=').ok_or_else(|| {
                    ApiError::bad_request(
                        format!("invalid figure `{value}`: expected NAME=VALUE"),
                        format!("số liệu không hợp lệ `{value}`: cần TÊN=GIÁ_TRỊ"),
                        "figure",
                    )
                })?;
                let number: Decimal = number.parse().map_err(|_| {
                    ApiError::bad_request(
                        format!("invalid figure value `{number}`: expected a decimal number"),
                        format!("giá trị số liệu không hợp lệ `{number}`: cần một số thập phân viết số thuần (3442000 hoặc 2.5)"),
                        "figure",
                    )
                })?;
                figures.push((figure.to_owned(), number));
            }
            _ => {
                return Err(ApiError::bad_request(
                    format!("unknown parameter `{name}`: expected plan, as_of or figure"),
                    format!("tham số không rõ `{name}`: cần plan, as_of hoặc figure"),
                    name,
                ))
            }
        }
    }
    let key = key.ok_or_else(|| {
        ApiError::bad_request(
            "parameter `plan` is required: a catalogue key",
            "thiếu tham số `plan`: cần mã một kế hoạch đi kèm",
            "plan",
        )
    })?;
    let plan = catalog::get(&key).ok_or_else(|| {
        let keys: Vec<&str> = catalog::keys().collect();
        ApiError::new(
            StatusCode::NOT_FOUND,
            format!("unknown plan `{key}`: expected one of {}", keys.join(", ")),
            format!(
                "kế hoạch không rõ `{key}`: cần một trong {}",
                keys.join(", ")
            ),
            Some("plan".to_owned()),
        )
    })?;
    let as_of = as_of.ok_or_else(|| {
        ApiError::bad_request(
            "parameter `as_of` is required: the date the snapshot was taken",
            "thiếu tham số `as_of`: ngày lấy số liệu đăng ký",
            "as_of",
        )
    })?;
    Ok(CsvQuery {
        plan,
        as_of,
        figures,
    })
}

/// The body of the JSON form of `POST /v1/evaluate`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EvaluateBody {
    plan: Box<RawValue>,
    inputs: Box<RawValue>,
    registry: String,
}

/// Evaluates and answers the report as `plan_check --format json` prints it.
fn evaluate_report(
    plan: &Plan,
    inputs: &Inputs,
    csv: &[u8],
    csv_prefix: Option<&str>,
) -> Result<String, ApiError> {
    let snapshot = read_csv(csv, inputs.as_of, &CsvOptions::default())
        .map_err(|e| ApiError::csv(&e, csv_prefix))?;
    let mut registry = Registry::new();
    registry.insert(snapshot).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            e.to_string(),
            e.text(Lang::Vi),
            None,
        )
    })?;
    let report = plan.evaluate(&registry, inputs).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            e.to_string(),
            e.text(Lang::Vi),
            None,
        )
    })?;
    let mut text = serde_json::to_string_pretty(&report).map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            e.to_string(),
            format!("không viết được báo cáo JSON ({e})"),
            None,
        )
    })?;
    // plan_check prints the JSON with `println!`.
    text.push('\n');
    Ok(text)
}

fn evaluate_csv(query: CsvQuery, csv: &[u8]) -> Result<String, ApiError> {
    // As plan_check with `--registry`: the inputs are the as-of date and the
    // figures, nothing from the bundled sample.
    let mut inputs = Inputs::new(query.as_of);
    for (name, value) in query.figures {
        inputs.figures.insert(name, value);
    }
    evaluate_report(&query.plan, &inputs, csv, None)
}

fn evaluate_json(body: &[u8]) -> Result<String, ApiError> {
    let body: EvaluateBody = serde_json::from_slice(body).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("invalid body: {e}"),
            format!("thân yêu cầu không hợp lệ: cần {{\"plan\", \"inputs\", \"registry\"}} ({e})"),
            None,
        )
    })?;
    let plan = Plan::from_json(body.plan.get()).map_err(|e| ApiError::plan(&e, Some("plan")))?;
    let mut de = serde_json::Deserializer::from_str(body.inputs.get());
    let inputs: Inputs = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = match e.path().to_string().as_str() {
            "." => "inputs".to_owned(),
            path => format!("inputs.{path}"),
        };
        let e = e.into_inner();
        ApiError::bad_request(
            format!("invalid inputs: {e}"),
            format!("đầu vào không hợp lệ ({e})"),
            path,
        )
    })?;
    evaluate_report(&plan, &inputs, body.registry.as_bytes(), Some("registry"))
}

async fn evaluate(State(state): State<Arc<AppState>>, request: Request) -> Response {
    match evaluate_request(&state, request).await {
        Ok(text) => json_response(text),
        Err(e) => e.into_response(),
    }
}

/// Refusals that need only the headers and the query come before the body
/// is read.
async fn evaluate_request(state: &Arc<AppState>, request: Request) -> Result<String, ApiError> {
    let Query(pairs) =
        Query::<Vec<(String, String)>>::try_from_uri(request.uri()).map_err(|e| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                e.body_text(),
                format!("chuỗi truy vấn không hợp lệ ({})", e.body_text()),
                None,
            )
        })?;
    match media_type(request.headers()).as_deref() {
        Some("text/csv") => {
            let query = parse_query(pairs)?;
            let bytes = body(state, request).await?;
            blocking(state, move || evaluate_csv(query, &bytes)).await
        }
        Some("application/json") => {
            if let Some((name, _)) = pairs.first() {
                return Err(ApiError::bad_request(
                    format!(
                        "unexpected parameter `{name}`: the JSON form takes everything from the body"
                    ),
                    format!(
                        "tham số thừa `{name}`: dạng JSON lấy mọi thứ từ thân yêu cầu"
                    ),
                    name.clone(),
                ));
            }
            let bytes = body(state, request).await?;
            blocking(state, move || evaluate_json(&bytes)).await
        }
        other => Err(unsupported(
            other.map(str::to_owned),
            "text/csv or application/json",
        )),
    }
}

fn validate_plan(body: &[u8]) -> Result<String, ApiError> {
    let text = std::str::from_utf8(body).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("the body is not UTF-8: {e}"),
            format!("thân yêu cầu không phải văn bản UTF-8 ({e})"),
            None,
        )
    })?;
    let plan = Plan::from_json_unchecked(text).map_err(|e| ApiError::plan(&e, None))?;
    let problems = plan.validate();
    #[derive(Serialize)]
    struct Answer<'a> {
        problems: &'a hoptac::Problems,
        valid: bool,
    }
    serde_json::to_string(&Answer {
        problems: &problems,
        valid: !problems.has_errors(),
    })
    .map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            e.to_string(),
            format!("không viết được câu trả lời JSON ({e})"),
            None,
        )
    })
}

async fn validate(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let answer = async {
        match media_type(request.headers()).as_deref() {
            Some("application/json") => {}
            other => return Err(unsupported(other.map(str::to_owned), "application/json")),
        }
        let bytes = body(&state, request).await?;
        blocking(&state, move || validate_plan(&bytes)).await
    };
    match answer.await {
        Ok(text) => json_response(text),
        Err(e) => e.into_response(),
    }
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no such endpoint: expected GET /v1/plans, POST /v1/evaluate or POST /v1/validate",
        "không có điểm cuối này: cần GET /v1/plans, POST /v1/evaluate hoặc POST /v1/validate",
        None,
    )
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method not allowed: /v1/plans takes GET, /v1/evaluate and /v1/validate take POST",
        "phương thức không được nhận: /v1/plans nhận GET, /v1/evaluate và /v1/validate nhận POST",
        None,
    )
}

fn app(args: &Args) -> Result<Router, String> {
    let state = Arc::new(AppState {
        plans: catalogue_json()?,
        timeout: args.timeout,
    });
    Ok(Router::new()
        .route("/v1/plans", get(list_plans))
        .route("/v1/evaluate", post(evaluate))
        .route("/v1/validate", post(validate))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(args.max_body_bytes))
        .with_state(state))
}

async fn serve(args: Args) -> Result<(), String> {
    let app = app(&args)?;
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on http://{addr}").map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
    }
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            // Without a signal handler, wait for nothing: the process is
            // then ended the usual way.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await
        .map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1).collect()) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("serve: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("serve: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("serve: {message}");
            ExitCode::FAILURE
        }
    }
}
