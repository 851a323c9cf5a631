//! Reading responses: the host hands over status, headers and body text;
//! the core decodes them or says what went wrong.

use crate::error::{KitError, LocItem, Result, ValidationError};
use crate::schema::Spec;
use crate::validate::walk_component;
use serde_json::Value;

/// The operations whose responses the core reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    /// `PATCH /v1/workflows/{id}` → `WorkflowResponse`.
    UpdateWorkflow,
    /// `GET /v1/workflows/{id}` → `WorkflowResponse`.
    GetWorkflow,
    /// `POST /v1/runs` → `RunResponse`.
    CreateRun,
    /// `GET /v1/runs/{id}` → `RunResponseWithIncludes`.
    GetRun,
}

impl Operation {
    /// From the wire name (`"update_workflow"`, `"get_workflow"`, `"create_run"`,
    /// `"get_run"`).
    pub fn parse(name: &str) -> Result<Operation> {
        match name {
            "update_workflow" => Ok(Operation::UpdateWorkflow),
            "get_workflow" => Ok(Operation::GetWorkflow),
            "create_run" => Ok(Operation::CreateRun),
            "get_run" => Ok(Operation::GetRun),
            other => Err(KitError::UnknownOperation {
                name: other.to_owned(),
            }),
        }
    }
    /// The component schema of a successful response.
    pub fn response_schema(self) -> &'static str {
        match self {
            Operation::UpdateWorkflow | Operation::GetWorkflow => "WorkflowResponse",
            Operation::CreateRun => "RunResponse",
            Operation::GetRun => "RunResponseWithIncludes",
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "HTTP error",
    }
}

/// One item of a 422 `detail` list, without its `input` echo (which may
/// hold a sensitive value).
fn decode_detail_item(item: &Value) -> ValidationError {
    let loc = item
        .get("loc")
        .and_then(Value::as_array)
        .map(|l| {
            l.iter()
                .map(|x| match x {
                    Value::Number(n) => n
                        .as_u64()
                        .and_then(|u| usize::try_from(u).ok())
                        .map_or_else(|| LocItem::Key(n.to_string()), LocItem::Index),
                    Value::String(s) => LocItem::Key(s.clone()),
                    other => LocItem::Key(crate::json::to_compact(other)),
                })
                .collect()
        })
        .unwrap_or_default();
    let msg = item
        .get("msg")
        .and_then(Value::as_str)
        .unwrap_or("invalid")
        .to_owned();
    let kind = item
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("value_error");
    let mut e = ValidationError::new(loc, kind, msg);
    if let Some(Value::Object(ctx)) = item.get("ctx") {
        e.ctx = Some(ctx.clone());
    }
    e
}

/// Decodes a response of `operation`. A 2xx gives the JSON body (checked
/// against the documented response schema); anything else raises
/// [`KitError::Api`] with a 422's `detail` decoded.
pub fn parse_response(
    operation: &str,
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<Value> {
    parse_response_with(None, operation, status, headers, body)
}

/// The shortest sensitive value [`mask_secrets`] replaces: shorter ones
/// can't be told apart from ordinary words and numbers in a message.
pub const MIN_MASKED_LEN: usize = 4;

fn secret_texts(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if s.chars().count() >= MIN_MASKED_LEN => out.push(s.clone()),
        Value::Number(n) if n.to_string().len() >= MIN_MASKED_LEN => out.push(n.to_string()),
        Value::Array(items) => items.iter().for_each(|x| secret_texts(x, out)),
        Value::Object(m) => m.values().for_each(|x| secret_texts(x, out)),
        _ => {}
    }
}

fn mask_text(text: &mut String, secrets: &[String]) {
    for s in secrets {
        if text.contains(s.as_str()) {
            *text = text.replace(s.as_str(), "[redacted]");
        }
    }
}

fn mask_value(v: &mut Value, secrets: &[String]) {
    match v {
        Value::String(s) => mask_text(s, secrets),
        Value::Number(n) if secrets.contains(&n.to_string()) => {
            *v = Value::String("[redacted]".into())
        }
        Value::Array(items) => items.iter_mut().for_each(|x| mask_value(x, secrets)),
        Value::Object(m) => m.values_mut().for_each(|x| mask_value(x, secrets)),
        _ => {}
    }
}

/// Replaces, in an API error, every value of `sensitive` (the request's
/// `sensitive_input_values`, nested allowed) that a server echoed into its
/// message, a `msg` or a `ctx`, by `[redacted]`. Values shorter than
/// [`MIN_MASKED_LEN`] characters are left alone. The core can't know a
/// secret otherwise: the clients pass what they sent.
pub fn mask_secrets(err: KitError, sensitive: &Value) -> KitError {
    let mut secrets = Vec::new();
    secret_texts(sensitive, &mut secrets);
    if secrets.is_empty() {
        return err;
    }
    // Longest first, so a secret containing another is masked whole.
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    match err {
        KitError::Api {
            status,
            mut message,
            mut errors,
        } => {
            mask_text(&mut message, &secrets);
            for e in &mut errors {
                mask_text(&mut e.msg, &secrets);
                for l in &mut e.loc {
                    if let LocItem::Key(k) = l {
                        mask_text(k, &secrets);
                    }
                }
                if let Some(ctx) = &mut e.ctx {
                    ctx.values_mut().for_each(|x| mask_value(x, &secrets));
                }
            }
            KitError::Api {
                status,
                message,
                errors,
            }
        }
        other => other,
    }
}

/// [`parse_response_with`] for a body read off the wire as bytes: a 2xx
/// body that is not UTF-8 is an `invalid_response`; an error body is read
/// as well as it can be (invalid sequences replaced), since the status
/// already says what happened.
///
/// With `sensitive` (what the request sent as `sensitive_input_values`),
/// an API error is passed through [`mask_secrets`].
pub fn parse_response_bytes(
    spec: Option<&Spec>,
    operation: &str,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    sensitive: Option<&Value>,
) -> Result<Value> {
    let r = parse_bytes(spec, operation, status, headers, body);
    match (r, sensitive) {
        (Err(e), Some(s)) => Err(mask_secrets(e, s)),
        (r, _) => r,
    }
}

fn parse_bytes(
    spec: Option<&Spec>,
    operation: &str,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<Value> {
    match std::str::from_utf8(body) {
        Ok(text) => parse_response_with(spec, operation, status, headers, text),
        Err(_) if (200..300).contains(&status) => {
            Operation::parse(operation)?;
            Err(KitError::InvalidResponse {
                message: format!("the {status} body is not UTF-8 text"),
                errors: Vec::new(),
            })
        }
        Err(_) => parse_response_with(
            spec,
            operation,
            status,
            headers,
            &String::from_utf8_lossy(body),
        ),
    }
}

/// Whether a float as large as 2^63 sits in `v`: what an integer literal
/// beyond 64 bits becomes when parsed (cheap, and rarely true).
fn has_huge_float(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.is_f64() && n.as_f64().is_some_and(|f| f.abs() >= 9.2e18),
        Value::Array(items) => items.iter().any(has_huge_float),
        Value::Object(m) => m.values().any(has_huge_float),
        _ => false,
    }
}

/// The byte offset of the first integer literal in `text` (JSON already
/// parsed as `value`) that fits neither `i64` nor `u64`: serde_json would
/// have rounded it to a float, so it can't be given back exactly.
fn oversized_integer(text: &str, value: &Value) -> Option<usize> {
    if !has_huge_float(value) {
        return None;
    }
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                i += 1;
                while i < b.len() && matches!(b[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
                {
                    i += 1;
                }
                let token = &text[start..i];
                if !token.contains(['.', 'e', 'E'])
                    && token.parse::<i64>().is_err()
                    && token.parse::<u64>().is_err()
                {
                    return Some(start);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// [`parse_response`] against a document loaded at run time.
pub fn parse_response_with(
    spec: Option<&Spec>,
    operation: &str,
    status: u16,
    _headers: &[(String, String)],
    body: &str,
) -> Result<Value> {
    let op = Operation::parse(operation)?;
    if !(100..=599).contains(&status) {
        return Err(KitError::invalid_argument(format!(
            "status {status} is not an HTTP status"
        )));
    }
    let parsed = crate::json::parse_json(body);
    if (200..300).contains(&status) {
        let value = parsed.map_err(|e| KitError::InvalidResponse {
            message: format!("the {status} body is not JSON ({})", e.code()),
            errors: Vec::new(),
        })?;
        if let Some(at) = oversized_integer(body, &value) {
            return Err(KitError::InvalidResponse {
                message: format!(
                    "the {status} body holds an integer beyond 64 bits (at byte {at}), which the kit can't read exactly"
                ),
                errors: Vec::new(),
            });
        }
        let spec = match spec {
            Some(s) => s,
            None => Spec::embedded()?,
        };
        let r = walk_component(spec, op.response_schema(), &value, "response", false)?;
        if !r.errors.is_empty() {
            return Err(KitError::InvalidResponse {
                message: format!("the body is not a {}", op.response_schema()),
                errors: r.errors,
            });
        }
        return Ok(value);
    }
    let (message, errors) = match parsed.ok().as_ref().and_then(|v| v.get("detail")) {
        Some(Value::Array(items)) => (
            reason(status).to_owned(),
            items.iter().map(decode_detail_item).collect(),
        ),
        Some(Value::String(s)) => (s.chars().take(500).collect(), Vec::new()),
        _ => (reason(status).to_owned(), Vec::new()),
    };
    Err(KitError::Api {
        status,
        message,
        errors,
    })
}
