//! # cyberdesk-kit
//!
//! Build, check and read Cyberdesk API requests, from any runtime.
//!
//! **This crate does no I/O.** It opens no socket, reads no file, clock or
//! environment variable, and spawns nothing: it turns values into request
//! descriptions ([`Request`]) and response text into values or errors. The
//! host (your Rust code, or the JavaScript and Python bindings) sends the
//! request and sleeps between retries. The only outside input is entropy,
//! for idempotency keys and retry jitter, taken in one function.
//!
//! * [`build_workflow_update`], [`build_run_create`]: validated requests,
//!   absent / null / value kept exact.
//! * [`validate`]: OpenAPI validation with the server's 422 error shape.
//! * [`parse_prompt`], [`resolve_prompt`], [`preflight_run`]: prompt
//!   variables, resolved exactly as Cyberdesk resolves them, and what would
//!   go wrong in a run before it is sent.
//! * [`parse_response`], [`retry_delay`], [`new_idempotency_key`]: the rest
//!   of an HTTP exchange, without the HTTP; [`build_get_run`] and
//!   [`poll_delay`] to wait for a run's result.
//!
//! ```
//! use cyberdesk_kit::{build_run_create, RunOptions};
//! use serde_json::json;
//!
//! let workflow = json!({"main_prompt": "Look up {customer_id}."});
//! let run = json!({
//!     "workflow_id": "550e8400-e29b-41d4-a716-446655440000",
//!     "main_prompt": "v7: look up {customer_id} and type {$pin}.",
//!     "input_values": {"customer_id": "C-42"},
//!     "sensitive_input_values": {"pin": "1234"},
//! });
//! let req = build_run_create(&run, RunOptions { workflow: Some(&workflow), ..Default::default() })?;
//! assert_eq!(req.path, "/v1/runs");
//! assert!(req.body.starts_with(r#"{"workflow_id":"550e8400-e29b-41d4-a716-446655440000","main_prompt":"v7"#));
//! # Ok::<(), cyberdesk_kit::KitError>(())
//! ```

mod diff;
mod error;
mod formats;
mod history;
mod json;
mod jsonschema;
mod poll;
mod preflight;
mod prompt;
mod request;
mod response;
mod retry;
mod schema;
mod suggest;
mod validate;
mod view;

pub use diff::{apply_workflow_update, diff_workflow_update};
pub use error::{
    cap_issues, ErrorCode, Issue, IssueCode, KitError, LocItem, Result, Severity, ValidationError,
    MAX_ISSUES_PER_CODE,
};
pub use history::{
    batch_idempotency_key, build_pinned_run, build_run_batch, check_prompt_drift,
    check_prompt_text, check_prompt_version, compare_prompt_versions, compare_prompts, content_id,
    diff_prompt_mirror, parse_prompt_history, LineChange, LineOp, Pin, PromptComparison,
    PromptDrift, PromptHistory, PromptVersion, SelectedVersion, VariableRef, VersionMeta,
    WordingChange, BATCH_KEY_NAMESPACE, HISTORY_FORMAT, MAX_BATCH_ITEMS, MAX_DIFF_LINES,
    MAX_LABELS, MAX_NOTE_BYTES, MAX_VERSIONS,
};
pub use json::{check_depth, parse_json, to_compact, MAX_DEPTH, MAX_JSON_BYTES};
pub use jsonschema::{
    validate_instance, validate_instance_report, Draft, InstanceOptions, InstanceReport,
};
pub use poll::{
    is_terminal_run_status, poll_delay, PollOptions, POLL_INITIAL_DELAY, POLL_MAX_DELAY,
    POLL_TIMEOUT, TERMINAL_RUN_STATUSES,
};
pub use preflight::{
    merge_inputs, preflight_run, preflight_run_with, Preflight, PromptSource, RunContext,
};
pub use prompt::{
    parse_prompt, parse_prompt_borrowed, parse_prompt_with, render_value, resolve_prompt,
    resolve_prompt_borrowed, resolve_prompt_text, resolve_prompt_with, BorrowedResolution,
    BorrowedSegment, BorrowedVariable, Offsets, PathSegment, PathSegments, Resolution,
    ResolvedText, Variable, VariableKind, EMPTY_SENTINEL, MAX_PROMPT_BYTES,
};
pub use request::{
    build_get_run, build_get_run_with, build_get_workflow, build_get_workflow_with,
    build_run_create, build_workflow_update, new_idempotency_key, redact_body, Method, Request,
    RunOptions, UpdateOptions,
};
pub use response::{
    mask_secrets, parse_response, parse_response_bytes, parse_response_with, Operation,
    MIN_MASKED_LEN,
};
pub use retry::{
    is_retryable, retry_delay, RetryInput, DEFAULT_MAX_RETRIES, INITIAL_DELAY, MAX_DELAY,
    MAX_RETRY_AFTER,
};
pub use schema::{Spec, EMBEDDED_SPEC};
pub use suggest::check_option_names;
pub use validate::{
    report as validation_report, validate, validate_json, validate_view, validate_with, Report,
    UnknownField,
};
pub use view::{JsonView, ValueEntries, ViewKind};

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
