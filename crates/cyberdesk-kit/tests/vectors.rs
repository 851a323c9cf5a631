//! Runs every shared vector in `tests/vectors/` through the Rust API,
//! following `tests/vectors/README.md`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout
)]

use cyberdesk_kit as kit;
use kit::{KitError, Offsets, RunContext, RunOptions, Spec, UpdateOptions};
use serde_json::{json, Map, Value};
use std::path::PathBuf;

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors")
}

/// Expands `$vector_repeat` and `$vector_deep`.
fn expand(v: &Value) -> Value {
    match v {
        Value::Object(m) if m.len() == 1 && m.contains_key("$vector_repeat") => {
            let args = &m["$vector_repeat"];
            let s = args[0].as_str().unwrap();
            let n = args[1].as_u64().unwrap() as usize;
            Value::String(s.repeat(n))
        }
        Value::Object(m) if m.len() == 1 && m.contains_key("$vector_deep") => {
            let n = m["$vector_deep"].as_u64().unwrap();
            let mut v = json!(0);
            for _ in 0..n {
                v = Value::Array(vec![v]);
            }
            v
        }
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), expand(v))).collect()),
        Value::Array(a) => Value::Array(a.iter().map(expand).collect()),
        other => other.clone(),
    }
}

/// The matching rule of the README.
fn matches(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e
            .iter()
            .all(|(k, ev)| a.get(k).is_some_and(|av| matches(ev, av))),
        (Value::Array(e), Value::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(x, y)| matches(x, y))
        }
        (Value::Number(e), Value::Number(a)) => e.as_f64() == a.as_f64(),
        (e, a) => e == a,
    }
}

fn headers(v: Option<&Value>) -> Vec<(String, String)> {
    v.and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

struct Outcome {
    result: Result<Value, KitError>,
    /// Printable forms of the outcome, for the secrets check.
    printed: Vec<String>,
}

fn run(op: &str, input: &Map<String, Value>, unit: Offsets) -> Outcome {
    let get = |k: &str| input.get(k);
    let s = |k: &str| get(k).and_then(Value::as_str);
    let ctx = RunContext {
        machine_parameters: get("machine_parameters"),
        machine_sensitive_parameters: get("machine_sensitive_parameters"),
        pool_parameters: get("pool_parameters"),
        spec: None,
    };
    let mut printed = Vec::new();
    let result: Result<Value, KitError> = match op {
        "parse_prompt" => kit::parse_prompt_with(s("text").unwrap(), unit).map(|v| json!(v)),
        "resolve_prompt" => kit::resolve_prompt_with(
            s("text").unwrap(),
            get("input_values"),
            get("sensitive_input_values"),
            unit,
        )
        .map(|r| {
            printed.push(format!("{r:?}"));
            json!(r)
        }),
        "validate" => {
            let spec = s("spec").map(Spec::from_json);
            match spec {
                Some(Err(e)) => Err(e),
                Some(Ok(spec)) => {
                    kit::validate_with(&spec, s("schema").unwrap(), &input["payload"])
                }
                None => kit::validate(s("schema").unwrap(), &input["payload"]),
            }
            .map(|v| json!(v))
        }
        "validate_instance" => s("draft")
            .map(kit::Draft::from_name)
            .transpose()
            .and_then(|draft| {
                kit::validate_instance(
                    &input["schema"],
                    &input["instance"],
                    kit::InstanceOptions { draft },
                )
            })
            .map(|v| json!(v)),
        "build_workflow_update" => kit::build_workflow_update(
            s("workflow_id").unwrap(),
            &input["update"],
            UpdateOptions {
                idempotency_key: s("idempotency_key"),
                spec: None,
            },
        )
        .map(|r| {
            printed.push(format!("{r:?}"));
            json!(r)
        }),
        "build_get_workflow" => {
            kit::build_get_workflow_with(s("workflow_id").unwrap(), get("include"))
                .map(|r| json!(r))
        }
        "build_get_run" => {
            kit::build_get_run_with(s("run_id").unwrap(), get("include")).map(|r| json!(r))
        }
        "poll_delay" => kit::poll_delay(
            get("attempt").and_then(Value::as_u64).unwrap() as u32,
            get("elapsed").and_then(Value::as_f64).unwrap(),
            &kit::PollOptions {
                initial_delay: get("initial_delay").and_then(Value::as_f64),
                max_delay: get("max_delay").and_then(Value::as_f64),
                timeout: get("timeout").and_then(Value::as_f64),
            },
        )
        .map(|d| json!(d)),
        "is_terminal_run_status" => Ok(json!(kit::is_terminal_run_status(s("status").unwrap()))),
        "build_run_create" => kit::build_run_create(
            &input["run"],
            RunOptions {
                idempotency_key: s("idempotency_key"),
                workflow: get("workflow"),
                context: ctx,
            },
        )
        .map(|r| {
            printed.push(format!("{r:?}"));
            printed.push(r.redacted_body());
            json!(r)
        }),
        "preflight_run" => kit::preflight_run_with(&input["run"], &input["workflow"], ctx, unit)
            .map(|p| {
                printed.push(format!("{p:?}"));
                json!(p)
            }),
        "diff_workflow_update" => kit::diff_workflow_update(&input["current"], &input["desired"]),
        "apply_workflow_update" => kit::apply_workflow_update(&input["current"], &input["update"]),
        "parse_response" => kit::parse_response_bytes(
            None,
            s("operation").unwrap(),
            get("status").and_then(Value::as_u64).unwrap() as u16,
            &headers(get("headers")),
            s("body").unwrap().as_bytes(),
            get("sensitive_input_values"),
        ),
        "retry_delay" => {
            let hs = headers(get("headers"));
            let delay = kit::retry_delay(&kit::RetryInput {
                attempt: get("attempt").and_then(Value::as_u64).unwrap_or(0) as u32,
                method: s("method").unwrap_or("GET"),
                status: get("status").and_then(Value::as_u64).map(|x| x as u16),
                headers: &hs,
                network_error: get("network_error")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                has_idempotency_key: get("has_idempotency_key")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                max_retries: get("max_retries").and_then(Value::as_u64).map(|x| x as u32),
                now: get("now").and_then(Value::as_f64),
                jitter: get("jitter").and_then(Value::as_f64),
            });
            Ok(json!(delay))
        }
        "prompt_content_id"
        | "create_prompt_history"
        | "parse_prompt_history"
        | "serialize_prompt_history"
        | "add_prompt_version"
        | "move_prompt_label"
        | "select_prompt_version"
        | "compare_prompts"
        | "compare_prompt_versions"
        | "check_prompt_text"
        | "check_prompt_version"
        | "build_pinned_run"
        | "build_run_batch"
        | "batch_idempotency_key"
        | "diff_prompt_mirror"
        | "check_prompt_drift" => history_op(op, input, ctx, &mut printed),
        other => panic!("unknown operation {other}"),
    };
    if let Err(e) = &result {
        printed.push(format!("{e:?}"));
        printed.push(e.to_string());
    }
    Outcome { result, printed }
}

/// The prompt history operations (issue 10).
fn history_op(
    op: &str,
    input: &Map<String, Value>,
    ctx: RunContext<'_>,
    printed: &mut Vec<String>,
) -> Result<Value, KitError> {
    let get = |k: &str| input.get(k);
    let s = |k: &str| get(k).and_then(Value::as_str);
    let hist = || kit::PromptHistory::from_value(&input["history"]);
    let pin = |k: &str| kit::Pin::from_value(&input[k]);
    let opts = || RunOptions {
        idempotency_key: s("idempotency_key"),
        workflow: get("workflow"),
        context: ctx,
    };
    match op {
        "prompt_content_id" => Ok(json!(kit::content_id(s("text").unwrap()))),
        "create_prompt_history" => Ok(kit::PromptHistory::new().to_value()),
        "parse_prompt_history" => {
            kit::parse_prompt_history(s("text").unwrap()).map(|h| h.to_value())
        }
        "serialize_prompt_history" => hist().map(|h| json!(h.to_json())),
        "add_prompt_version" => hist().and_then(|mut h| {
            let meta = kit::VersionMeta {
                note: s("note"),
                created_at: s("created_at"),
            };
            h.add_version(s("text").unwrap(), meta)?;
            Ok(h.to_value())
        }),
        "move_prompt_label" => hist().and_then(|mut h| {
            let to = match get("to") {
                None | Some(Value::Null) => None,
                Some(v) => Some(kit::Pin::from_value(v)?),
            };
            h.move_label(s("label").unwrap(), to.as_ref())?;
            Ok(h.to_value())
        }),
        "select_prompt_version" => hist().and_then(|h| {
            let v = h.select(&pin("pin")?)?;
            Ok(json!(h.describe(v)))
        }),
        "compare_prompts" => {
            kit::compare_prompts(s("old").unwrap(), s("new").unwrap()).map(|c| json!(c))
        }
        "compare_prompt_versions" => hist()
            .and_then(|h| kit::compare_prompt_versions(&h, &pin("old")?, &pin("new")?))
            .map(|c| json!(c)),
        "check_prompt_text" => {
            kit::check_prompt_text(s("text").unwrap(), &input["workflow"]).map(|i| json!(i))
        }
        "check_prompt_version" => hist()
            .and_then(|h| kit::check_prompt_version(&h, &pin("pin")?, &input["workflow"]))
            .map(|i| json!(i)),
        "build_pinned_run" => hist()
            .and_then(|h| kit::build_pinned_run(&h, &pin("pin")?, &input["run"], opts()))
            .map(|r| {
                printed.push(format!("{r:?}"));
                printed.push(r.redacted_body());
                json!(r)
            }),
        "build_run_batch" => hist()
            .and_then(|h| {
                kit::build_run_batch(&h, s("batch_key").unwrap(), &input["items"], opts())
            })
            .map(|r| json!(r)),
        "batch_idempotency_key" => {
            kit::batch_idempotency_key(s("batch_key").unwrap(), s("item_key").unwrap())
                .map(|k| json!(k))
        }
        "diff_prompt_mirror" => {
            hist().and_then(|h| kit::diff_prompt_mirror(&input["workflow"], &h, &pin("pin")?))
        }
        "check_prompt_drift" => hist()
            .and_then(|h| kit::check_prompt_drift(&input["workflow"], &h))
            .map(|d| json!(d)),
        other => panic!("unknown operation {other}"),
    }
}

fn is_uuid_v4(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 36
        && b[14] == b'4'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
        && s.chars().enumerate().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == '-'
            } else {
                c.is_ascii_digit() || ('a'..='f').contains(&c)
            }
        })
}

/// The prompt whose variables a result lists.
fn prompt_text<'a>(op: &str, input: &'a Map<String, Value>, result: &Value) -> Option<&'a str> {
    match op {
        "parse_prompt" | "resolve_prompt" => input.get("text")?.as_str(),
        "preflight_run" if result["prompt_source"] == "override" => {
            input.get("run")?.get("main_prompt")?.as_str()
        }
        "preflight_run" => input.get("workflow")?.get("main_prompt")?.as_str(),
        _ => None,
    }
}

/// Checks one case; returns what is wrong.
fn check_case(op: &str, case: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let input = expand(&case["input"]);
    let input = input.as_object().unwrap();
    let out = run(op, input, Offsets::Utf8);
    let actual = match &out.result {
        Ok(v) => v.clone(),
        Err(e) => json!(e),
    };
    match (case.get("expect"), case.get("error"), &out.result) {
        (Some(exp), None, Ok(v)) => {
            if !matches(exp, v) {
                problems.push(format!("expected {exp}\n      got {v}"));
            }
        }
        (None, Some(exp), Err(_)) => {
            if !matches(exp, &actual) {
                problems.push(format!("expected error {exp}\n      got {actual}"));
            }
        }
        (Some(_), _, Err(e)) => problems.push(format!("unexpected error {}", json!(e))),
        (_, Some(_), Ok(v)) => problems.push(format!("expected an error, got {v}")),
        _ => problems.push("case needs exactly one of expect / error".into()),
    }
    // Every variable's span slices its raw text (UTF-8 offsets in Rust).
    if let Ok(v) = &out.result {
        if let Some(text) = prompt_text(op, input, v) {
            let vars = v
                .as_array()
                .or_else(|| v.get("variables").and_then(Value::as_array));
            for var in vars.into_iter().flatten() {
                let (a, b) = (
                    var["start"].as_u64().unwrap() as usize,
                    var["end"].as_u64().unwrap() as usize,
                );
                if text.get(a..b) != var["raw"].as_str() {
                    problems.push(format!("span {a}..{b} does not slice {}", var["raw"]));
                }
            }
        }
    }
    if let Some(spans) = case.get("spans") {
        for (unit_name, unit) in [
            ("utf8", Offsets::Utf8),
            ("utf16", Offsets::Utf16),
            ("codepoint", Offsets::CodePoint),
        ] {
            let Some(want) = spans.get(unit_name) else {
                continue;
            };
            let r = run(op, input, unit).result.unwrap();
            let vars = r
                .as_array()
                .or_else(|| r.get("variables").and_then(Value::as_array))
                .unwrap();
            let got: Vec<Value> = vars.iter().map(|v| json!([v["start"], v["end"]])).collect();
            if &Value::Array(got.clone()) != want {
                problems.push(format!("{unit_name} spans: expected {want}, got {got:?}"));
            }
        }
    }
    if case.get("generated_key") == Some(&json!(true)) {
        let key = actual["idempotency_key"].as_str().unwrap_or_default();
        if !is_uuid_v4(key) || actual["headers"]["Idempotency-Key"].as_str() != Some(key) {
            problems.push(format!(
                "generated key {key:?} is not a v4 UUID in the header"
            ));
        }
    }
    // Strings the body may carry but the request's printable forms (Debug,
    // redacted_body) must not show.
    if out.result.is_ok() {
        for hidden in case
            .get("hidden_in_print")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let hidden = hidden.as_str().unwrap();
            if out.printed.iter().any(|h| h.contains(hidden)) {
                problems.push(format!("{hidden} shown in a printable form"));
            }
        }
    }
    for secret in case
        .get("secrets")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let secret = secret.as_str().unwrap();
        let mut haystacks = out.printed.clone();
        haystacks.push(actual.to_string());
        if haystacks.iter().any(|h| h.contains(secret)) {
            problems.push(format!("secret {secret} leaked"));
        }
    }
    problems
}

#[test]
fn shared_vectors() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "vector files missing");
    let mut failures = Vec::new();
    let mut count = 0;
    for file in files {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let op = doc["operation"].as_str().unwrap();
        for case in doc["cases"].as_array().unwrap() {
            count += 1;
            for p in check_case(op, case) {
                failures.push(format!("{op} / {}: {p}", case["name"].as_str().unwrap()));
            }
        }
    }
    println!("{count} shared vectors run");
    assert!(
        failures.is_empty(),
        "{} vector failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_code_has_a_vector_or_is_host_only() {
    let mut text = String::new();
    for e in std::fs::read_dir(vectors_dir()).unwrap() {
        text.push_str(&std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    let host_only = [
        "unsupported_value",
        "cyclic_value",
        "invalid_string",
        "internal_error",
        "invalid_json",
    ];
    for code in kit::ErrorCode::ALL {
        let quoted = format!("\"{}\"", code.as_str());
        assert!(
            host_only.contains(&code.as_str()) || text.contains(&quoted),
            "error code {} has no vector",
            code.as_str()
        );
    }
    // Codes kept for compatibility that nothing emits any more.
    let retired = ["schema_keywords_unchecked"];
    for code in kit::IssueCode::ALL {
        let quoted = format!("\"{}\"", code.as_str());
        assert!(
            retired.contains(&code.as_str()) || text.contains(&quoted),
            "issue code {} has no vector",
            code.as_str()
        );
    }
}

/// `resolve_prompt_text` gives exactly `resolve_prompt`'s text and issues
/// (or the same error) on every case of `resolve_prompt.json`, and keeps
/// the case's secrets out of its result and its printable forms.
#[test]
fn resolve_prompt_text_equals_the_full_call() {
    let path = vectors_dir().join("resolve_prompt.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut failures = Vec::new();
    let cases = doc["cases"].as_array().unwrap();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let input = expand(&case["input"]);
        let text = input["text"].as_str().unwrap();
        let (iv, sv) = (
            input.get("input_values"),
            input.get("sensitive_input_values"),
        );
        let full = kit::resolve_prompt(text, iv, sv);
        let only = kit::resolve_prompt_text(text, iv, sv);
        match (&full, &only) {
            (Ok(f), Ok(t)) => {
                if f.text != t.text || f.issues != t.issues {
                    failures.push(format!("{name}: {} vs {}", json!(t), json!(f)));
                }
            }
            (Err(a), Err(b)) if a == b => {}
            _ => failures.push(format!("{name}: {only:?} vs {full:?}")),
        }
        let printed = match &only {
            Ok(t) => format!("{t:?} {}", json!(t)),
            Err(e) => format!("{e:?} {e} {}", json!(e)),
        };
        for secret in case["secrets"].as_array().into_iter().flatten() {
            if printed.contains(secret.as_str().unwrap()) {
                failures.push(format!("{name}: secret leaked by resolve_prompt_text"));
            }
        }
    }
    assert!(cases.len() >= 10, "resolve vectors missing");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
