//! Errors, validation problems and issues: the three ways the core reports
//! trouble.
//!
//! * [`KitError`] is what an operation returns instead of a result. Every
//!   variant has a stable snake_case [`ErrorCode`]; the bindings choose their
//!   exception class from the code, never from the message.
//! * [`ValidationError`] is one problem found in a payload, in the server's
//!   422 shape (`loc`, `msg`, `type`, optional `ctx`). It never carries the
//!   offending input value.
//! * [`Issue`] is a finding that does not stop an operation by itself
//!   (a warning about an unknown field, a missing prompt input, ...).
//!
//! Nothing in this module ever formats an input value: messages name fields,
//! variables and limits only, so a sensitive value can't leak through
//! `Display` or `Debug`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Declares the error codes once: variant, wire code, one-line meaning.
macro_rules! error_codes {
    ($($variant:ident => $code:literal, $doc:literal;)*) => {
        /// The stable code of a [`KitError`]. Never renamed, never reused.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ErrorCode { $(#[doc = $doc] $variant,)* }

        impl ErrorCode {
            /// Every code, in table order (used by drift tests and docs).
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];
            /// The wire spelling, e.g. `"validation_error"`.
            pub fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $code,)* }
            }
            /// What the code means, for documentation.
            pub fn description(self) -> &'static str {
                match self { $(ErrorCode::$variant => $doc,)* }
            }
            /// Looks a code up by its wire spelling.
            pub fn from_str_code(code: &str) -> Option<ErrorCode> {
                match code { $($code => Some(ErrorCode::$variant),)* _ => None }
            }
        }
    };
}

error_codes! {
    Validation => "validation_error", "A payload (or the workflow id / idempotency key of a request) breaks the schema; `errors` lists each problem in the server's 422 shape.";
    Preflight => "preflight_error", "`build_run_create` with a workflow found an error-severity issue in the run (see `issues`).";
    Api => "api_error", "The API answered with a non-2xx status; `status` is set and a 422's `detail` is decoded into `errors`.";
    InvalidResponse => "invalid_response", "A 2xx response body is not JSON or not the documented response shape.";
    InvalidJson => "invalid_json", "Text given as JSON does not parse.";
    InvalidArgument => "invalid_argument", "An argument has the wrong type or an impossible value (not a payload field: those are `validation_error`).";
    UnknownSchema => "unknown_schema", "`validate` was asked for a schema name the OpenAPI document does not define.";
    UnknownOperation => "unknown_operation", "`parse_response` was given an operation other than `update_workflow`, `get_workflow`, `create_run` or `get_run`.";
    InvalidSpec => "invalid_spec", "An OpenAPI document given at run time can't be used (not JSON, no components, a broken `$ref`, an unsupported keyword).";
    InvalidSchema => "invalid_schema", "A JSON Schema given to `validate_instance` is not one: not JSON, against its draft's metaschema, a pattern that is not a regular expression, or a `$ref` cycle that never reaches a value.";
    TooDeep => "too_deep", "A value is nested deeper than the limit (128 levels).";
    TooLarge => "too_large", "A value is larger than the limit (a prompt over 16 MiB, a JSON text over 64 MiB).";
    UnsupportedValue => "unsupported_value", "A host value has no JSON form (NaN, Infinity, BigInt, bytes, Map, Decimal, a class instance, a non-string key, ...).";
    CyclicValue => "cyclic_value", "A host value refers to itself.";
    InvalidString => "invalid_string", "A host string is not valid Unicode (a lone surrogate).";
    InvalidHistory => "invalid_history", "A prompt history document is broken: not JSON, a `version` other than 1, numbers that don't run 1, 2, 3, ..., an id that is not its text's SHA-256, two versions with one text, a label pointing nowhere, an unknown key (the message says where).";
    VersionNotFound => "version_not_found", "No version of the prompt history matches the pin (number, id or label).";
    DuplicateVersion => "duplicate_version", "The text being added already is a version of the history (`number` says which); point a label at it instead.";
    Internal => "internal_error", "A bug in cyberdesk-kit (a caught panic). Please report it.";
    WaitTimeout => "wait_timeout", "`poll_delay` (and the clients' `wait_for_run`) reached the wait's deadline before the run reached a terminal status.";
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One segment of a validation location: a field name or a list index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LocItem {
    /// A list index.
    Index(usize),
    /// A field name (or the leading `"body"`, `"path"`, `"header"`).
    Key(String),
}

impl From<&str> for LocItem {
    fn from(s: &str) -> Self {
        LocItem::Key(s.to_owned())
    }
}
impl From<usize> for LocItem {
    fn from(i: usize) -> Self {
        LocItem::Index(i)
    }
}

/// One problem in a payload, in the shape of an item of FastAPI's 422
/// `detail` list. The offending input is deliberately not kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValidationError {
    /// Where: `["body", "post_run_checks", 0, "name"]`.
    pub loc: Vec<LocItem>,
    /// A readable message, worded as pydantic words it.
    pub msg: String,
    /// The pydantic error type (`missing`, `string_too_long`, ...).
    #[serde(rename = "type")]
    pub kind: String,
    /// Limits and expectations behind the message (`{"max_length": 255}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ctx: Option<serde_json::Map<String, serde_json::Value>>,
}

impl ValidationError {
    /// A new error with no context.
    pub fn new(loc: Vec<LocItem>, kind: &str, msg: impl Into<String>) -> Self {
        ValidationError {
            loc,
            msg: msg.into(),
            kind: kind.to_owned(),
            ctx: None,
        }
    }

    /// Adds one context entry.
    #[must_use]
    pub fn with_ctx(mut self, key: &str, value: impl Into<serde_json::Value>) -> Self {
        self.ctx
            .get_or_insert_with(serde_json::Map::new)
            .insert(key.to_owned(), value.into());
        self
    }
}

/// How bad an [`Issue`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; nothing goes wrong.
    Info,
    /// Probably not what was meant; the request still works.
    Warning,
    /// The run (or request) would fail or misbehave.
    Error,
}

impl Severity {
    /// `"info"`, `"warning"` or `"error"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

macro_rules! issue_codes {
    ($($variant:ident => $code:literal, $sev:ident, $doc:literal;)*) => {
        /// The stable code of an [`Issue`]. Never renamed, never reused.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum IssueCode { $(#[doc = $doc] $variant,)* }

        impl IssueCode {
            /// Every code, in table order.
            pub const ALL: &'static [IssueCode] = &[$(IssueCode::$variant,)*];
            /// The wire spelling.
            pub fn as_str(self) -> &'static str {
                match self { $(IssueCode::$variant => $code,)* }
            }
            /// The severity an issue with this code always has.
            pub fn severity(self) -> Severity {
                match self { $(IssueCode::$variant => Severity::$sev,)* }
            }
            /// What the code means, for documentation.
            pub fn description(self) -> &'static str {
                match self { $(IssueCode::$variant => $doc,)* }
            }
        }
    };
}

issue_codes! {
    UnknownField => "unknown_field", Warning, "A payload field the schema doesn't define; the server would silently drop it. The message suggests the closest known field.";
    MissingInput => "missing_input", Warning, "An input variable `{name}` has no value (or a path into it does not exist): Cyberdesk renders it as `__EMPTY__`.";
    MissingSensitiveInput => "missing_sensitive_input", Warning, "A sensitive variable `{$name}` has no value in `sensitive_input_values` (nor the machine's sensitive parameters).";
    PathTypeError => "path_type_error", Error, "A variable path reaches into a value that is not an object or array (`{name.first}` with `name` a string): the run fails at once.";
    DeferredRef => "deferred_ref", Info, "An input value is a `{\"$ref\": ...}` to an earlier run's output: the server resolves it, so the variable is left as written.";
    UnusedInput => "unused_input", Info, "An input value that no variable of the effective prompt uses.";
    UnusedSensitiveInput => "unused_sensitive_input", Info, "A sensitive input value that no `{$...}` variable of the effective prompt uses.";
    MalformedVariable => "malformed_variable", Warning, "Text that looks like a variable but is not one (`{ name }`, `{user.}`, `{{name}`): it stays literal.";
    InputSchemaViolation => "input_schema_violation", Error, "The merged inputs break the workflow's `input_schema` (sensitive keys checked as `$name`).";
    InvalidInputSchema => "invalid_input_schema", Error, "The workflow's `input_schema` is not JSON or not a valid JSON Schema document.";
    DeferredRequiredInput => "deferred_required_input", Info, "A required input is missing but the machine is not known yet, so its parameters may still supply it.";
    SkipChecksNotAuthorized => "skip_checks_not_authorized", Warning, "The override mentions skipping post-run checks, but only the workflow's stored prompt can authorize that.";
    InvalidRunField => "invalid_run_field", Error, "The run payload breaks the RunCreate schema (the `loc` says where).";
    PoolIdsIgnored => "pool_ids_ignored", Warning, "`pool_ids` is ignored because `machine_id` is set.";
    SessionOverridesMachine => "session_overrides_machine", Warning, "`session_id` is set, so `machine_id` and `pool_ids` are ignored.";
    OverrideMatchesStored => "override_matches_stored", Info, "The `main_prompt` override is the same text as the workflow's stored prompt.";
    PostRunCheckIncomplete => "post_run_check_incomplete", Warning, "A post-run check lacks what its type needs to be useful (an attachment check without a file_target_mode, an agentic check without a check_prompt, ...).";
    DuplicatePostRunCheck => "duplicate_post_run_check", Warning, "Two post-run checks share a name.";
    EmptyUpdate => "empty_update", Info, "The workflow update has no fields, so it changes nothing.";
    SchemaKeywordsUnchecked => "schema_keywords_unchecked", Warning, "Retired, never emitted now: every keyword of draft 4 to 2020-12 is checked. Kept so that code matching on it still compiles.";
    InputFormatMismatch => "input_format_mismatch", Warning, "An input does not meet a `format` of the workflow's `input_schema` (`email`, `date`, ...). JSON Schema makes `format` an annotation, so the server does not refuse it.";
    PatternUndecided => "pattern_undecided", Warning, "A `pattern` of the `input_schema` needs more backtracking than the kit allows (lookaround or backreferences on a long value): that value was not checked against it.";
    SchemaRefUnresolved => "schema_ref_unresolved", Warning, "The `input_schema` has a `$ref` the kit can't follow: to a document it doesn't hold (nothing is fetched, so what it says is not checked), or to a location missing from the schema (the server takes the schema, but a run whose inputs reach that `$ref` fails).";
    UndeclaredVariable => "undeclared_variable", Warning, "A prompt version uses a variable whose root (`$`-prefixed when sensitive) the workflow's `input_schema` does not declare in its top-level `properties`.";
    RequiredInputUnused => "required_input_unused", Warning, "The workflow's `input_schema` requires a key that no variable of the prompt version uses.";
    RegexNotPortable => "regex_not_portable", Warning, "A post-run check's `file_name_regex` does not compile here; the server's regex dialect may still accept it.";
}

impl Serialize for IssueCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A finding about a payload or a prompt that does not stop the operation by
/// itself. Messages name fields and variables, never input values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Issue {
    /// Stable code.
    pub code: IssueCode,
    /// How bad it is.
    pub severity: Severity,
    /// Readable explanation.
    pub message: String,
    /// The variable it is about, as written in the prompt (`{$pin}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variable: Option<String>,
    /// The payload location it is about (`["body", "main_promt"]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loc: Option<Vec<LocItem>>,
}

impl Issue {
    /// An issue with the code's own severity.
    pub fn new(code: IssueCode, message: impl Into<String>) -> Self {
        Issue {
            code,
            severity: code.severity(),
            message: message.into(),
            variable: None,
            loc: None,
        }
    }
    /// Names the variable it is about.
    #[must_use]
    pub fn for_variable(mut self, raw: &str) -> Self {
        self.variable = Some(raw.to_owned());
        self
    }
    /// Names the location it is about.
    #[must_use]
    pub fn at(mut self, loc: Vec<LocItem>) -> Self {
        self.loc = Some(loc);
        self
    }
}

/// The most issues of one code an operation lists; past it, one more issue
/// of that code says how many were left out. A prompt with 100,000 unused
/// inputs gives 101 issues, not 100,000.
pub const MAX_ISSUES_PER_CODE: usize = 100;

/// Keeps the first [`MAX_ISSUES_PER_CODE`] issues of each code, in order,
/// and appends one summary issue per code that had more.
pub fn cap_issues(issues: Vec<Issue>) -> Vec<Issue> {
    let mut capped = CappedIssues::default();
    for issue in issues {
        capped.push_with(issue.code, || issue);
    }
    capped.finish()
}

/// [`cap_issues`] applied while the issues are found: an issue past its
/// code's cap is only counted, so its message is never written (a 10 MB
/// prompt can find tens of thousands of the same issue).
#[derive(Default)]
pub(crate) struct CappedIssues {
    kept: Vec<Issue>,
    counts: Vec<(IssueCode, usize)>,
    /// Codes in the order they first went past the cap.
    over: Vec<IssueCode>,
}

impl CappedIssues {
    /// Counts one issue of `code`; builds it only when it is kept.
    pub(crate) fn push_with(&mut self, code: IssueCode, make: impl FnOnce() -> Issue) {
        let n = match self.counts.iter_mut().find(|(c, _)| *c == code) {
            Some((_, n)) => n,
            None => {
                self.counts.push((code, 0));
                let last = self.counts.len() - 1;
                &mut self.counts[last].1
            }
        };
        *n += 1;
        if *n <= MAX_ISSUES_PER_CODE {
            self.kept.push(make());
        } else if *n == MAX_ISSUES_PER_CODE + 1 {
            self.over.push(code);
        }
    }

    /// The kept issues, then one summary per code that went past its cap.
    pub(crate) fn finish(mut self) -> Vec<Issue> {
        for code in self.over {
            let total = self
                .counts
                .iter()
                .find(|(c, _)| *c == code)
                .map_or(0, |(_, n)| *n);
            let left_out = total - MAX_ISSUES_PER_CODE;
            self.kept.push(Issue::new(
                code,
                format!("{left_out} more {} issue(s) are not listed (only the first {MAX_ISSUES_PER_CODE} of a code are)", code.as_str()),
            ));
        }
        self.kept
    }
}

/// What an operation returns instead of a result.
#[derive(Clone, Debug, PartialEq)]
pub enum KitError {
    /// See [`ErrorCode::Validation`].
    Validation {
        /// Every problem found.
        errors: Vec<ValidationError>,
    },
    /// See [`ErrorCode::Preflight`].
    Preflight {
        /// Every issue found (the errors and the rest).
        issues: Vec<Issue>,
    },
    /// See [`ErrorCode::Api`].
    Api {
        /// HTTP status.
        status: u16,
        /// The server's message (its `detail` when that is a string).
        message: String,
        /// A 422's decoded `detail` list (the `input` echo is dropped).
        errors: Vec<ValidationError>,
    },
    /// See [`ErrorCode::InvalidResponse`].
    InvalidResponse {
        /// What is wrong.
        message: String,
        /// Schema problems of the body, located from `"response"`.
        errors: Vec<ValidationError>,
    },
    /// See [`ErrorCode::InvalidJson`].
    InvalidJson {
        /// The parser's complaint (position, never content).
        message: String,
    },
    /// See [`ErrorCode::InvalidArgument`].
    InvalidArgument {
        /// Which argument and what is expected.
        message: String,
    },
    /// See [`ErrorCode::UnknownSchema`].
    UnknownSchema {
        /// The name asked for.
        name: String,
    },
    /// See [`ErrorCode::UnknownOperation`].
    UnknownOperation {
        /// The name asked for.
        name: String,
    },
    /// See [`ErrorCode::InvalidSchema`].
    InvalidSchema {
        /// What is wrong with the schema (where, and which rule).
        message: String,
    },
    /// See [`ErrorCode::InvalidSpec`].
    InvalidSpec {
        /// What is wrong with the document.
        message: String,
    },
    /// See [`ErrorCode::TooDeep`].
    TooDeep {
        /// The nesting limit.
        limit: usize,
    },
    /// See [`ErrorCode::TooLarge`].
    TooLarge {
        /// What was too large.
        what: &'static str,
        /// The limit, in bytes.
        limit: usize,
    },
    /// See [`ErrorCode::UnsupportedValue`].
    UnsupportedValue {
        /// Which kind of value, and where.
        message: String,
    },
    /// See [`ErrorCode::CyclicValue`].
    CyclicValue,
    /// See [`ErrorCode::InvalidString`].
    InvalidString {
        /// Where.
        message: String,
    },
    /// See [`ErrorCode::InvalidHistory`].
    InvalidHistory {
        /// Where the document is broken, and which rule.
        message: String,
    },
    /// See [`ErrorCode::VersionNotFound`].
    VersionNotFound {
        /// The pin, as given.
        pin: String,
        /// How many versions the history has.
        count: usize,
    },
    /// See [`ErrorCode::DuplicateVersion`].
    DuplicateVersion {
        /// The version that already has the text.
        number: u64,
    },
    /// See [`ErrorCode::Internal`].
    Internal {
        /// What failed.
        message: String,
    },
    /// See [`ErrorCode::WaitTimeout`].
    WaitTimeout {
        /// The deadline, in seconds.
        timeout: f64,
        /// Seconds waited when it was reached.
        elapsed: f64,
    },
}

impl KitError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            KitError::Validation { .. } => ErrorCode::Validation,
            KitError::Preflight { .. } => ErrorCode::Preflight,
            KitError::Api { .. } => ErrorCode::Api,
            KitError::InvalidResponse { .. } => ErrorCode::InvalidResponse,
            KitError::InvalidJson { .. } => ErrorCode::InvalidJson,
            KitError::InvalidArgument { .. } => ErrorCode::InvalidArgument,
            KitError::UnknownSchema { .. } => ErrorCode::UnknownSchema,
            KitError::UnknownOperation { .. } => ErrorCode::UnknownOperation,
            KitError::InvalidSpec { .. } => ErrorCode::InvalidSpec,
            KitError::InvalidSchema { .. } => ErrorCode::InvalidSchema,
            KitError::TooDeep { .. } => ErrorCode::TooDeep,
            KitError::TooLarge { .. } => ErrorCode::TooLarge,
            KitError::UnsupportedValue { .. } => ErrorCode::UnsupportedValue,
            KitError::CyclicValue => ErrorCode::CyclicValue,
            KitError::InvalidString { .. } => ErrorCode::InvalidString,
            KitError::InvalidHistory { .. } => ErrorCode::InvalidHistory,
            KitError::VersionNotFound { .. } => ErrorCode::VersionNotFound,
            KitError::DuplicateVersion { .. } => ErrorCode::DuplicateVersion,
            KitError::Internal { .. } => ErrorCode::Internal,
            KitError::WaitTimeout { .. } => ErrorCode::WaitTimeout,
        }
    }

    /// The validation problems (`[]` for errors that have none).
    pub fn errors(&self) -> &[ValidationError] {
        match self {
            KitError::Validation { errors }
            | KitError::Api { errors, .. }
            | KitError::InvalidResponse { errors, .. } => errors,
            _ => &[],
        }
    }

    /// The issues of a preflight error (`[]` otherwise).
    pub fn issues(&self) -> &[Issue] {
        match self {
            KitError::Preflight { issues } => issues,
            _ => &[],
        }
    }

    /// The HTTP status of an API error.
    pub fn status(&self) -> Option<u16> {
        match self {
            KitError::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// A shorthand for [`KitError::InvalidArgument`].
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        KitError::InvalidArgument {
            message: message.into(),
        }
    }

    /// The readable message (the same text as `Display`).
    pub fn message(&self) -> String {
        self.to_string()
    }
}

fn summarize(errors: &[ValidationError]) -> String {
    let mut out = String::new();
    for (i, e) in errors.iter().take(3).enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        let loc: Vec<String> = e
            .loc
            .iter()
            .map(|l| match l {
                LocItem::Key(k) => k.clone(),
                LocItem::Index(i) => i.to_string(),
            })
            .collect();
        out.push_str(&loc.join("."));
        out.push_str(": ");
        out.push_str(&e.msg);
    }
    if errors.len() > 3 {
        out.push_str(&format!("; and {} more", errors.len() - 3));
    }
    out
}

impl fmt::Display for KitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KitError::Validation { errors } => write!(
                f,
                "{} validation error{}: {}",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" },
                summarize(errors)
            ),
            KitError::Preflight { issues } => {
                let errs: Vec<&str> = issues
                    .iter()
                    .filter(|i| i.severity == Severity::Error)
                    .map(|i| i.message.as_str())
                    .collect();
                write!(
                    f,
                    "preflight found {} error(s): {}",
                    errs.len(),
                    errs.join("; ")
                )
            }
            KitError::Api {
                status,
                message,
                errors,
            } => {
                if errors.is_empty() {
                    write!(f, "API error {status}: {message}")
                } else {
                    write!(f, "API error {status}: {}", summarize(errors))
                }
            }
            KitError::InvalidResponse { message, errors } => {
                if errors.is_empty() {
                    write!(f, "invalid response: {message}")
                } else {
                    write!(f, "invalid response: {message}: {}", summarize(errors))
                }
            }
            KitError::InvalidJson { message } => write!(f, "invalid JSON: {message}"),
            KitError::InvalidArgument { message } => write!(f, "invalid argument: {message}"),
            KitError::UnknownSchema { name } => {
                write!(
                    f,
                    "unknown schema {name:?}: the OpenAPI document has no such component"
                )
            }
            KitError::UnknownOperation { name } => write!(
                f,
                "unknown operation {name:?}: expected \"update_workflow\", \"get_workflow\", \"create_run\" or \"get_run\""
            ),
            KitError::InvalidSpec { message } => write!(f, "invalid OpenAPI document: {message}"),
            KitError::InvalidSchema { message } => write!(f, "invalid JSON Schema: {message}"),
            KitError::TooDeep { limit } => {
                write!(f, "value nested too deeply (the limit is {limit} levels)")
            }
            KitError::TooLarge { what, limit } => {
                write!(f, "{what} is too large (the limit is {limit} bytes)")
            }
            KitError::UnsupportedValue { message } => write!(f, "unsupported value: {message}"),
            KitError::CyclicValue => f.write_str("cyclic value: a value refers to itself"),
            KitError::InvalidString { message } => write!(f, "invalid string: {message}"),
            KitError::InvalidHistory { message } => write!(f, "invalid prompt history: {message}"),
            KitError::VersionNotFound { pin, count } => write!(
                f,
                "no version matches the pin {pin:?} (the history has {count} version(s))"
            ),
            KitError::DuplicateVersion { number } => write!(
                f,
                "this text already is version {number}; point a label at it instead of adding it again"
            ),
            KitError::Internal { message } => write!(f, "internal error: {message}"),
            KitError::WaitTimeout { timeout, elapsed } => write!(
                f,
                "wait timed out: the run is not finished after {elapsed} s (the deadline is {timeout} s)"
            ),
        }
    }
}

impl std::error::Error for KitError {}

impl Serialize for KitError {
    /// `{code, message, errors?, issues?, status?}`: the plain form the
    /// bindings turn into their exceptions.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("code", self.code().as_str())?;
        m.serialize_entry("message", &self.to_string())?;
        if matches!(
            self,
            KitError::Validation { .. } | KitError::Api { .. } | KitError::InvalidResponse { .. }
        ) {
            m.serialize_entry("errors", self.errors())?;
        }
        if let KitError::Preflight { issues } = self {
            m.serialize_entry("issues", issues)?;
        }
        if let Some(status) = self.status() {
            m.serialize_entry("status", &status)?;
        }
        m.end()
    }
}

/// The result type of the core.
pub type Result<T, E = KitError> = std::result::Result<T, E>;
