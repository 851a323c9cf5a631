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
}

impl Operation {
    /// From the wire name (`"update_workflow"`, `"get_workflow"`, `"create_run"`).
    pub fn parse(name: &str) -> Result<Operation> {
        match name {
            "update_workflow" => Ok(Operation::UpdateWorkflow),
            "get_workflow" => Ok(Operation::GetWorkflow),
            "create_run" => Ok(Operation::CreateRun),
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

/// [`parse_response_with`] for a body read off the wire as bytes: a 2xx
/// body that is not UTF-8 is an `invalid_response`; an error body is read
/// as well as it can be (invalid sequences replaced), since the status
/// already says what happened.
pub fn parse_response_bytes(
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
