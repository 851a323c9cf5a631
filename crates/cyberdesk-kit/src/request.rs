//! Request builders: `PATCH /v1/workflows/{id}` and `POST /v1/runs`.
//!
//! A builder validates everything it is given (payload, path parameter,
//! idempotency key), raises one [`KitError::Validation`] listing every
//! problem, and otherwise returns a [`Request`] description for the host to
//! send. The three states of a patch field (absent, null, value) are kept as
//! they are: the body is the caller's object with its top-level keys put in
//! the schema's order, written as compact JSON.

use crate::error::{Issue, IssueCode, KitError, LocItem, Result, Severity, ValidationError};
use crate::json::{check_depth, to_compact};
use crate::preflight::{preflight_run_with, RunContext};
use crate::prompt::Offsets;
use crate::schema::{write_ordered_like_schema, Spec};
use crate::validate::{report, Report};
use serde::Serialize;
use serde_json::{Map, Value};

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PATCH
    Patch,
    /// PUT
    Put,
    /// DELETE
    Delete,
}

impl Method {
    /// `"GET"`, `"POST"`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
    /// Whether the method writes (and so needs an idempotency key to be retried).
    pub fn is_write(self) -> bool {
        !matches!(self, Method::Get)
    }
}

/// A request for the host to send. The API key never enters the core: the
/// host adds `Authorization: Bearer ...` itself.
///
/// The body of a run carries its sensitive input values (the server needs
/// them), so `Debug` prints the body's size, never the body.
#[derive(Clone, PartialEq, Serialize)]
pub struct Request {
    /// The HTTP method.
    pub method: Method,
    /// The path, to append to the base URL.
    pub path: String,
    /// Headers, in a fixed order.
    #[serde(serialize_with = "headers_as_map")]
    pub headers: Vec<(String, String)>,
    /// Compact JSON; top-level keys in the schema's order.
    pub body: String,
    /// The `Idempotency-Key` header's value (reuse it on every retry).
    pub idempotency_key: Option<String>,
    /// Findings that don't stop the request (unknown fields, ...).
    pub warnings: Vec<Issue>,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("headers", &self.headers)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .field("idempotency_key", &self.idempotency_key)
            .field("warnings", &self.warnings)
            .finish()
    }
}

impl Request {
    /// The body with every value under `sensitive_input_values` replaced by
    /// `"[redacted]"`: what to log or show instead of [`Request::body`].
    /// A top-level key that the unknown-field check takes for a misspelling
    /// of `sensitive_input_values` (`sensitive_input_value`,
    /// `sensitiveInputValues`, ...) is redacted the same way: its values if
    /// it holds an object, else the value itself.
    pub fn redacted_body(&self) -> String {
        redact_body(&self.body)
    }
}

/// [`Request::redacted_body`] of a body given as text (a body taken from a
/// request the host keeps, e.g. one read back from a queue): every value
/// under `sensitive_input_values` (or a key the unknown-field check takes
/// for a misspelling of it) replaced by `"[redacted]"`. Text that is not a
/// JSON object is returned as it is.
pub fn redact_body(body: &str) -> String {
    // Most bodies have no sensitive key: their top-level keys settle it
    // without building the whole value.
    if top_level_keys(body).is_some_and(|keys| !keys.iter().any(|k| is_sensitive_key(k))) {
        return body.to_owned();
    }
    match crate::json::parse_json(body) {
        Ok(Value::Object(mut m)) => {
            for (key, value) in m.iter_mut() {
                if !is_sensitive_key(key) {
                    continue;
                }
                match value {
                    Value::Object(s) => {
                        for v in s.values_mut() {
                            *v = Value::String("[redacted]".into());
                        }
                    }
                    Value::Null => {}
                    other => *other = Value::String("[redacted]".into()),
                }
            }
            to_compact(&Value::Object(m))
        }
        _ => body.to_owned(),
    }
}

/// The top-level keys of a JSON object text, its values skipped unread;
/// `None` when the text is not an object.
fn top_level_keys(text: &str) -> Option<Vec<String>> {
    struct Keys;
    impl<'de> serde::de::Visitor<'de> for Keys {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> std::result::Result<Vec<String>, A::Error> {
            let mut keys = Vec::new();
            while let Some(k) = map.next_key::<String>()? {
                map.next_value::<serde::de::IgnoredAny>()?;
                keys.push(k);
            }
            Ok(keys)
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let keys = serde::Deserializer::deserialize_map(&mut de, Keys).ok()?;
    de.end().ok()?;
    Some(keys)
}

/// `sensitive_input_values`, or an undeclared key of `RunCreate` whose
/// closest declared field is `sensitive_input_values` (what the builder's
/// unknown-field warning suggests).
fn is_sensitive_key(key: &str) -> bool {
    if key == "sensitive_input_values" {
        return true;
    }
    // Only a key near `sensitive_input_values` can have it as its closest
    // field: most keys are settled by that one comparison.
    if crate::suggest::closest(key, std::iter::once("sensitive_input_values")).is_none() {
        return false;
    }
    let Ok(names) = Spec::embedded().and_then(|s| s.property_names("RunCreate")) else {
        return false;
    };
    !names.contains(&key)
        && crate::suggest::closest(key, names.iter().copied()) == Some("sensitive_input_values")
}

fn headers_as_map<S: serde::Serializer>(
    h: &[(String, String)],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(h.len()))?;
    for (k, v) in h {
        m.serialize_entry(k, v)?;
    }
    m.end()
}

/// Options of [`build_workflow_update`].
#[derive(Clone, Copy, Debug, Default)]
pub struct UpdateOptions<'a> {
    /// The caller's `Idempotency-Key`; a fresh UUID v4 when `None`.
    pub idempotency_key: Option<&'a str>,
    /// Validate against this document instead of the embedded one.
    pub spec: Option<&'a Spec>,
}

/// Options of [`build_run_create`].
#[derive(Clone, Copy, Debug, Default)]
pub struct RunOptions<'a> {
    /// The caller's `Idempotency-Key`; a fresh UUID v4 when `None`.
    pub idempotency_key: Option<&'a str>,
    /// The workflow (at least `main_prompt`, optionally `input_schema`):
    /// when given, the run is preflighted and any error stops the build.
    pub workflow: Option<&'a Value>,
    /// Machine, pool and spec context for the preflight.
    pub context: RunContext<'a>,
}

/// A fresh idempotency key: a random UUID v4, hyphenated, lowercase.
pub fn new_idempotency_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// 64 random bits: the one place the core takes entropy (besides keys).
pub(crate) fn random_u64() -> u64 {
    // A v4 UUID carries 122 random bits from the platform's generator.
    (uuid::Uuid::new_v4().as_u128() >> 64) as u64
}

fn loc(items: &[&str]) -> Vec<LocItem> {
    items
        .iter()
        .map(|s| LocItem::Key((*s).to_owned()))
        .collect()
}

fn check_key(key: Option<&str>, errors: &mut Vec<ValidationError>) -> Option<String> {
    match key {
        None => Some(new_idempotency_key()),
        Some(k) => {
            let ok =
                !k.is_empty() && k.len() <= 255 && k.bytes().all(|b| (0x21..=0x7e).contains(&b));
            if ok {
                Some(k.to_owned())
            } else {
                errors.push(ValidationError::new(
                    loc(&["header", "Idempotency-Key"]),
                    "value_error",
                    "Value error, an idempotency key must be 1 to 255 visible ASCII characters (no spaces or line breaks)",
                ));
                None
            }
        }
    }
}

fn unknown_field_warnings(r: &Report, schema: &str) -> Vec<Issue> {
    r.unknown_fields
        .iter()
        .map(|u| {
            let name = match u.loc.last() {
                Some(LocItem::Key(k)) => k.clone(),
                _ => String::new(),
            };
            let hint = u
                .suggestion
                .as_ref()
                .map(|s| format!("; did you mean {s}?"))
                .unwrap_or_default();
            let where_ = if u.loc.len() > 2 {
                "this object"
            } else {
                schema
            };
            Issue::new(
                IssueCode::UnknownField,
                format!(
                    "{name} is not a field of {where_}: the server would silently drop it{hint}"
                ),
            )
            .at(u.loc.clone())
        })
        .collect()
}

/// The JSON Schema strings of a workflow: must parse, must be schemas
/// (checked against their draft's metaschema by the kit's JSON Schema
/// engine, as `validate_instance` does).
fn check_schema_strings(
    obj: &Map<String, Value>,
    errors: &mut Vec<ValidationError>,
    warnings: &mut Vec<Issue>,
) {
    for field in ["input_schema", "output_schema"] {
        let Some(Value::String(text)) = obj.get(field) else {
            continue;
        };
        // Compiled by its text, so a preflight or validate_instance on the
        // same text later finds it in the schema cache.
        match crate::jsonschema::compile_text(text, None) {
            Ok(compiled) => {
                // The server takes any document its metaschema takes; a
                // `$ref` to nothing only fails when a run reaches it.
                for (u, local) in compiled.unresolved() {
                    let message = if local {
                        format!("{field} has a $ref {u:?} that points at nothing in it: a run whose inputs reach it will fail")
                    } else {
                        format!("{field} has a $ref {u:?} to a document the kit doesn't hold: inputs are not checked against it")
                    };
                    warnings.push(
                        Issue::new(IssueCode::SchemaRefUnresolved, message)
                            .at(loc(&["body", field])),
                    );
                }
            }
            Err(e) => {
                // Not JSON (or nested too deep) is pydantic's json_invalid;
                // JSON that is no schema is json_schema_invalid.
                let (kind, msg, why) = match crate::json::parse_json(text) {
                    Err(KitError::InvalidJson { message }) => {
                        ("json_invalid", "Invalid JSON", message)
                    }
                    Err(other) => ("json_invalid", "Invalid JSON", other.to_string()),
                    Ok(_) => (
                        "json_schema_invalid",
                        "Value error, not a valid JSON Schema document",
                        match e {
                            KitError::InvalidSchema { message } => message,
                            other => other.to_string(),
                        },
                    ),
                };
                errors.push(
                    ValidationError::new(loc(&["body", field]), kind, format!("{msg}: {why}"))
                        .with_ctx("error", why),
                );
            }
        }
    }
}

fn non_empty_str(v: Option<&Value>) -> bool {
    v.and_then(Value::as_str)
        .is_some_and(|s| !s.trim().is_empty())
}

/// What the schema can't say about post-run checks.
fn check_post_run_checks(
    obj: &Map<String, Value>,
    errors: &mut Vec<ValidationError>,
    warnings: &mut Vec<Issue>,
) {
    let Some(Value::Array(checks)) = obj.get("post_run_checks") else {
        return;
    };
    let mut names: Vec<&str> = Vec::new();
    for (i, check) in checks.iter().enumerate() {
        let Some(c) = check.as_object() else { continue };
        let at = |field: &str| {
            vec![
                LocItem::Key("body".into()),
                LocItem::Key("post_run_checks".into()),
                LocItem::Index(i),
                LocItem::Key(field.into()),
            ]
        };
        let mode = c.get("file_target_mode").and_then(Value::as_str);
        let kind = c.get("type").and_then(Value::as_str);
        let required_by_mode = match mode {
            Some("loop_items") if !non_empty_str(c.get("loop_input")) => Some("loop_input"),
            Some("regex") if !non_empty_str(c.get("file_name_regex")) => Some("file_name_regex"),
            Some("exact")
                if c.get("file_names")
                    .and_then(Value::as_array)
                    .is_none_or(Vec::is_empty) =>
            {
                Some("file_names")
            }
            _ => None,
        };
        if let (Some(field), Some(mode)) = (required_by_mode, mode) {
            errors.push(ValidationError::new(
                at(field),
                "value_error",
                format!("Value error, {field} is required when file_target_mode is '{mode}'"),
            ));
        }
        if let Some(re) = c.get("file_name_regex").and_then(Value::as_str) {
            // Python's `re` (the server's dialect) folds case under `(?i)`;
            // the kit's regex has no Unicode case tables, so such a pattern
            // is checked again with ASCII case folding.
            let compiles = regex::Regex::new(re).is_ok()
                || regex::bytes::RegexBuilder::new(re)
                    .unicode(false)
                    .build()
                    .is_ok();
            if !compiles {
                warnings.push(
                    Issue::new(
                        IssueCode::RegexNotPortable,
                        "file_name_regex does not compile as a regular expression here; check it against the server's dialect",
                    )
                    .at(at("file_name_regex")),
                );
            }
        }
        let attachment = matches!(
            kind,
            Some("run_attachment_exists" | "run_attachment_image_check")
        );
        if attachment && mode.is_none() {
            warnings.push(
                Issue::new(
                    IssueCode::PostRunCheckIncomplete,
                    format!(
                        "a {} check has no file_target_mode, so it names no attachment to look for",
                        kind.unwrap_or_default()
                    ),
                )
                .at(at("file_target_mode")),
            );
        }
        let needs_prompt = matches!(
            kind,
            Some("output_data_agentic_check" | "run_attachment_image_check")
        );
        if needs_prompt && !non_empty_str(c.get("check_prompt")) {
            warnings.push(
                Issue::new(
                    IssueCode::PostRunCheckIncomplete,
                    format!(
                        "a {} check has no check_prompt telling the checker what to verify",
                        kind.unwrap_or_default()
                    ),
                )
                .at(at("check_prompt")),
            );
        }
        if !c
            .get("expected_match_count")
            .unwrap_or(&Value::Null)
            .is_null()
            && non_empty_str(c.get("expected_match_count_ref"))
        {
            warnings.push(
                Issue::new(
                    IssueCode::PostRunCheckIncomplete,
                    "both expected_match_count and expected_match_count_ref are set; only one can decide the count",
                )
                .at(at("expected_match_count_ref")),
            );
        }
        if let Some(name) = c.get("name").and_then(Value::as_str) {
            if names.contains(&name) {
                warnings.push(
                    Issue::new(
                        IssueCode::DuplicatePostRunCheck,
                        format!("two post-run checks are named {name:?}; names should tell checks apart"),
                    )
                    .at(at("name")),
                );
            }
            names.push(name);
        }
    }
}

fn finish(
    method: Method,
    path: String,
    schema: &str,
    spec: &Spec,
    payload: &Map<String, Value>,
    key: Option<String>,
    warnings: Vec<Issue>,
) -> Result<Request> {
    let names = spec.property_names(schema)?;
    let mut body = String::with_capacity(256);
    write_ordered_like_schema(&mut body, &names, payload);
    let mut headers = vec![
        ("Content-Type".to_owned(), "application/json".to_owned()),
        ("Accept".to_owned(), "application/json".to_owned()),
    ];
    if let Some(k) = &key {
        headers.push(("Idempotency-Key".to_owned(), k.clone()));
    }
    Ok(Request {
        method,
        path,
        headers,
        body,
        idempotency_key: key,
        warnings: crate::error::cap_issues(warnings),
    })
}

/// Builds `PATCH /v1/workflows/{workflow_id}` for `update`.
///
/// Keys absent from `update` stay unchanged on the server; keys set to
/// `null` clear. Every problem (workflow id included) is raised together as
/// one [`KitError::Validation`].
pub fn build_workflow_update(
    workflow_id: &str,
    update: &Value,
    opts: UpdateOptions<'_>,
) -> Result<Request> {
    let spec = match opts.spec {
        Some(s) => s,
        None => Spec::embedded()?,
    };
    check_depth(update)?;
    let mut errors: Vec<ValidationError> = workflow_id_problem(workflow_id).into_iter().collect();
    let r = report(spec, "WorkflowUpdate", update, "body")?;
    errors.extend(r.errors.iter().cloned());
    let mut warnings = unknown_field_warnings(&r, "WorkflowUpdate");
    let empty = Map::new();
    let obj = update.as_object().unwrap_or(&empty);
    check_schema_strings(obj, &mut errors, &mut warnings);
    check_post_run_checks(obj, &mut errors, &mut warnings);
    let key = check_key(opts.idempotency_key, &mut errors);
    if !errors.is_empty() {
        return Err(KitError::Validation { errors });
    }
    if obj.is_empty() {
        warnings.push(Issue::new(
            IssueCode::EmptyUpdate,
            "the update has no fields, so it changes nothing",
        ));
    }
    finish(
        Method::Patch,
        format!("/v1/workflows/{}", path_segment(workflow_id)),
        "WorkflowUpdate",
        spec,
        obj,
        key,
        warnings,
    )
}

/// The `workflow_id` path parameter's problem, as pydantic reports it for
/// a `UUID` parameter (the forms it takes: hyphenated, simple, braced, URN).
fn workflow_id_problem(workflow_id: &str) -> Option<ValidationError> {
    id_problem("workflow_id", workflow_id)
}

/// A UUID path parameter's problem (`name` is its wire name).
fn id_problem(name: &str, id: &str) -> Option<ValidationError> {
    crate::formats::pydantic_uuid_problem(id).map(|why| {
        ValidationError::new(
            loc(&["path", name]),
            "uuid_parsing",
            format!("Input should be a valid UUID, {why}"),
        )
        .with_ctx("error", why)
    })
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so a
/// braced or URN-form id stays one path segment.
fn path_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Builds `GET /v1/workflows/{workflow_id}` (the id checked as a UUID).
pub fn build_get_workflow(workflow_id: &str) -> Result<Request> {
    build_get_workflow_with(workflow_id, None)
}

/// [`build_get_workflow`] with the `include` query parameter: the related
/// resources the response should carry in its `included` list. `include`
/// is `None` or `null` (parameter left out: the server includes `tags` and
/// `post_run_checks`), a list of resource names (`["tags"]`, joined with
/// commas; `[]` sends `include=` and asks for none), or one string sent as
/// is (`"tags,post_run_checks"`, the official SDK's form). Names are
/// percent-encoded; an empty name or a name holding a comma, or any other
/// type, raises `invalid_argument`.
pub fn build_get_workflow_with(workflow_id: &str, include: Option<&Value>) -> Result<Request> {
    build_get("/v1/workflows/", "workflow_id", workflow_id, include)
}

/// Builds `GET /v1/runs/{run_id}` (the id checked as a UUID): decode the
/// answer with [`parse_response`](crate::parse_response)`("get_run", ...)`,
/// a `RunResponseWithIncludes`.
pub fn build_get_run(run_id: &str) -> Result<Request> {
    build_get_run_with(run_id, None)
}

/// [`build_get_run`] with the `include` query parameter (`workflow`,
/// `machine`, `machine.pools`), taken as [`build_get_workflow_with`] takes it.
pub fn build_get_run_with(run_id: &str, include: Option<&Value>) -> Result<Request> {
    build_get("/v1/runs/", "run_id", run_id, include)
}

/// `GET {collection}{id}[?include=...]`, the id checked as the UUID path
/// parameter `id_name`.
fn build_get(
    collection: &str,
    id_name: &str,
    id: &str,
    include: Option<&Value>,
) -> Result<Request> {
    let query = match include {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => format!("?include={}", include_names(s.split(','))?),
        Some(Value::Array(items)) => {
            let names = items
                .iter()
                .map(|v| {
                    v.as_str().ok_or_else(|| {
                        KitError::invalid_argument(format!(
                            "include must list resource names (strings), not {}",
                            crate::json::type_name(v)
                        ))
                    })
                })
                .collect::<Result<Vec<&str>>>()?;
            if names.iter().any(|n| n.contains(',')) {
                return Err(KitError::invalid_argument(
                    "an include name holds a comma; give each resource as its own item",
                ));
            }
            if names.is_empty() {
                "?include=".to_owned()
            } else {
                format!("?include={}", include_names(names.into_iter())?)
            }
        }
        Some(other) => {
            return Err(KitError::invalid_argument(format!(
                "include must be a list of resource names or one comma-separated string, not {}",
                crate::json::type_name(other)
            )))
        }
    };
    if let Some(e) = id_problem(id_name, id) {
        return Err(KitError::Validation { errors: vec![e] });
    }
    Ok(Request {
        method: Method::Get,
        path: format!("{collection}{}{query}", path_segment(id)),
        headers: vec![("Accept".to_owned(), "application/json".to_owned())],
        body: String::new(),
        idempotency_key: None,
        warnings: Vec::new(),
    })
}

/// Resource names, percent-encoded and joined with commas.
fn include_names<'a>(names: impl Iterator<Item = &'a str>) -> Result<String> {
    let mut out = Vec::new();
    for n in names {
        if n.is_empty() {
            return Err(KitError::invalid_argument(
                "an include name is empty (resource names such as tags, or workflow for a run)",
            ));
        }
        out.push(path_segment(n));
    }
    Ok(out.join(","))
}

/// Routing warnings of a run: fields the server will ignore.
pub(crate) fn routing_warnings(run: &Map<String, Value>) -> Vec<Issue> {
    let set = |k: &str| run.get(k).is_some_and(|v| !v.is_null());
    let mut out = Vec::new();
    if set("session_id") && (set("machine_id") || set("pool_ids")) {
        out.push(
            Issue::new(
                IssueCode::SessionOverridesMachine,
                "session_id is set, so the run joins that session's machine and machine_id / pool_ids are ignored",
            )
            .at(loc(&["body", "session_id"])),
        );
    } else if set("machine_id") && set("pool_ids") {
        out.push(
            Issue::new(
                IssueCode::PoolIdsIgnored,
                "pool_ids is ignored because machine_id is set",
            )
            .at(loc(&["body", "pool_ids"])),
        );
    }
    out
}

/// Builds `POST /v1/runs` for `run`. With a workflow in `opts`, the run is
/// preflighted first and an error-severity issue raises
/// [`KitError::Preflight`].
pub fn build_run_create(run: &Value, opts: RunOptions<'_>) -> Result<Request> {
    let spec = match opts.context.spec {
        Some(s) => s,
        None => Spec::embedded()?,
    };
    check_depth(run)?;
    let r = report(spec, "RunCreate", run, "body")?;
    let mut errors = r.errors.clone();
    let key = check_key(opts.idempotency_key, &mut errors);
    if !errors.is_empty() {
        return Err(KitError::Validation { errors });
    }
    let empty = Map::new();
    let obj = run.as_object().unwrap_or(&empty);
    let mut warnings = unknown_field_warnings(&r, "RunCreate");
    warnings.extend(routing_warnings(obj));
    if let Some(workflow) = opts.workflow {
        let pre = preflight_run_with(run, workflow, opts.context, Offsets::Utf8)?;
        if pre.issues.iter().any(|i| i.severity == Severity::Error) {
            return Err(KitError::Preflight { issues: pre.issues });
        }
        for issue in pre.issues {
            let dup = warnings
                .iter()
                .any(|w| w.code == issue.code && w.loc == issue.loc);
            if issue.severity == Severity::Warning && !dup {
                warnings.push(issue);
            }
        }
    }
    finish(
        Method::Post,
        "/v1/runs".to_owned(),
        "RunCreate",
        spec,
        obj,
        key,
        warnings,
    )
}
