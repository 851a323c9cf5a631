//! # cyberdesk-kit-wasm
//!
//! The WebAssembly binding of [`cyberdesk_kit`], built into the npm package
//! `cyberdesk-kit` (`npm/`). Thin on purpose: every export converts its
//! arguments, calls the core, and converts the result or error back. No
//! export looks at the data it carries.
//!
//! Values cross as JSON text ([`convert`]); errors are thrown as the JSON
//! text of the core error's plain form ([`error`]), which `npm/src` turns
//! into a `KitError`. The package's public API (argument checks, the
//! `KitError` class, the fetch client) lives in `npm/src`; these raw
//! exports are not meant to be called directly.

use cyberdesk_kit::{Offsets, RunContext, RunOptions, Spec, UpdateOptions};
use wasm_bindgen::prelude::*;

pub mod convert;
pub mod error;
pub mod history;

type JsResult<T> = Result<T, JsValue>;

/// Throws the core error as the JSON text of its plain form.
fn fail(e: &cyberdesk_kit::KitError) -> JsValue {
    JsValue::from_str(&error::error_json(e))
}

/// The one adapter every fallible export ends with.
fn finish<T: serde::Serialize>(r: cyberdesk_kit::Result<T>) -> JsResult<String> {
    r.and_then(|v| convert::to_json(&v)).map_err(|e| fail(&e))
}

/// An OpenAPI document loaded at run time (`loadSpec` in the package).
#[wasm_bindgen]
pub struct WasmSpec {
    inner: Spec,
}

#[wasm_bindgen]
impl WasmSpec {
    /// Compiles an OpenAPI document given as JSON text.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str) -> JsResult<WasmSpec> {
        Spec::from_json(text)
            .map(|inner| WasmSpec { inner })
            .map_err(|e| fail(&e))
    }

    /// The component schema names, as a JSON list.
    #[wasm_bindgen(js_name = schemaNames)]
    pub fn schema_names(&self) -> JsResult<String> {
        finish(Ok(self.inner.schema_names()))
    }

    /// `validate` against this document.
    pub fn validate(&self, schema_name: &str, payload: &str) -> JsResult<String> {
        validate_impl(schema_name, payload, Some(&self.inner))
    }

    /// `build_workflow_update` against this document.
    #[wasm_bindgen(js_name = buildWorkflowUpdate)]
    pub fn build_workflow_update(
        &self,
        workflow_id: &str,
        update: &str,
        idempotency_key: Option<String>,
    ) -> JsResult<String> {
        build_workflow_update_impl(workflow_id, update, idempotency_key, Some(&self.inner))
    }

    /// `build_run_create` against this document.
    #[wasm_bindgen(js_name = buildRunCreate)]
    pub fn build_run_create(
        &self,
        run: &str,
        workflow: Option<String>,
        idempotency_key: Option<String>,
        machine_parameters: Option<String>,
        machine_sensitive_parameters: Option<String>,
        pool_parameters: Option<String>,
    ) -> JsResult<String> {
        build_run_create_impl(
            run,
            workflow,
            idempotency_key,
            machine_parameters,
            machine_sensitive_parameters,
            pool_parameters,
            Some(&self.inner),
        )
    }

    /// `preflight_run` against this document.
    #[wasm_bindgen(js_name = preflightRun)]
    pub fn preflight_run(
        &self,
        run: &str,
        workflow: &str,
        machine_parameters: Option<String>,
        machine_sensitive_parameters: Option<String>,
        pool_parameters: Option<String>,
    ) -> JsResult<String> {
        preflight_run_impl(
            run,
            workflow,
            machine_parameters,
            machine_sensitive_parameters,
            pool_parameters,
            Some(&self.inner),
        )
    }

    /// `parse_response` against this document.
    #[wasm_bindgen(js_name = parseResponse)]
    pub fn parse_response(
        &self,
        operation: &str,
        status: u16,
        headers: &str,
        body: &str,
        sensitive: Option<String>,
    ) -> JsResult<String> {
        parse_response_impl(
            operation,
            status,
            headers,
            body,
            sensitive,
            Some(&self.inner),
        )
    }
}

/// `parse_prompt` with UTF-16 offsets.
#[wasm_bindgen(js_name = parsePrompt)]
pub fn parse_prompt(text: &str) -> JsResult<String> {
    finish(cyberdesk_kit::parse_prompt_with(text, Offsets::Utf16))
}

/// A resolve result in parts: the resolved text as a string of its own, so
/// that it is not escaped into JSON here and parsed back in JavaScript
/// (measured: a tenth of a 100 KB call), and the variables (`resolvePrompt`
/// only, else `""`) and the issues as JSON text. Each part is taken once.
#[wasm_bindgen]
pub struct ResolutionParts {
    text: String,
    variables: String,
    issues: String,
}

#[wasm_bindgen]
impl ResolutionParts {
    /// The resolved text (moved out: a second call gives `""`).
    #[wasm_bindgen(js_name = takeText)]
    pub fn take_text(&mut self) -> String {
        std::mem::take(&mut self.text)
    }

    /// The variables as JSON text (moved out: a second call gives `""`).
    #[wasm_bindgen(js_name = takeVariables)]
    pub fn take_variables(&mut self) -> String {
        std::mem::take(&mut self.variables)
    }

    /// The issues as JSON text (moved out: a second call gives `""`).
    #[wasm_bindgen(js_name = takeIssues)]
    pub fn take_issues(&mut self) -> String {
        std::mem::take(&mut self.issues)
    }
}

/// Both resolve exports: the text-only call, or the full call with its
/// borrowed variables (serialized as the owned ones would be, with no
/// string copied per variable on the way), UTF-16 offsets.
fn resolve_parts(
    text: &[u8],
    input_values: Option<Vec<u8>>,
    sensitive_input_values: Option<Vec<u8>>,
    with_variables: bool,
) -> JsResult<ResolutionParts> {
    (|| {
        let (text, inputs, sensitive) =
            convert::resolve_args(text, input_values, sensitive_input_values)?;
        let (inputs, sensitive) = (inputs.as_ref(), sensitive.as_ref());
        let (resolved, variables, issues) = if with_variables {
            let r =
                cyberdesk_kit::resolve_prompt_borrowed(text, inputs, sensitive, Offsets::Utf16)?;
            (r.text, convert::to_json(&r.variables)?, r.issues)
        } else {
            let r = cyberdesk_kit::resolve_prompt_text(text, inputs, sensitive)?;
            (r.text, String::new(), r.issues)
        };
        Ok(ResolutionParts {
            text: resolved,
            variables,
            issues: convert::to_json(&issues)?,
        })
    })()
    .map_err(|e| fail(&e))
}

/// `resolve_prompt` with UTF-16 offsets. The prompt and the values (JSON
/// text) cross as UTF-8 bytes: see `convert::utf8`.
#[wasm_bindgen(js_name = resolvePrompt)]
pub fn resolve_prompt(
    text: &[u8],
    input_values: Option<Vec<u8>>,
    sensitive_input_values: Option<Vec<u8>>,
) -> JsResult<ResolutionParts> {
    resolve_parts(text, input_values, sensitive_input_values, true)
}

/// `resolve_prompt_text`; arguments as for `resolvePrompt`.
#[wasm_bindgen(js_name = resolvePromptText)]
pub fn resolve_prompt_text(
    text: &[u8],
    input_values: Option<Vec<u8>>,
    sensitive_input_values: Option<Vec<u8>>,
) -> JsResult<ResolutionParts> {
    resolve_parts(text, input_values, sensitive_input_values, false)
}

fn validate_impl(schema_name: &str, payload: &str, spec: Option<&Spec>) -> JsResult<String> {
    finish(cyberdesk_kit::validate_json(spec, schema_name, payload))
}

fn build_workflow_update_impl(
    workflow_id: &str,
    update: &str,
    idempotency_key: Option<String>,
    spec: Option<&Spec>,
) -> JsResult<String> {
    finish((|| {
        let update = convert::value(update)?;
        let opts = UpdateOptions {
            idempotency_key: idempotency_key.as_deref(),
            spec,
        };
        cyberdesk_kit::build_workflow_update(workflow_id, &update, opts)
    })())
}

/// `diff_workflow_update`.
#[wasm_bindgen(js_name = diffWorkflowUpdate)]
pub fn diff_workflow_update(current: &str, desired: &str) -> JsResult<String> {
    finish((|| {
        cyberdesk_kit::diff_workflow_update(&convert::value(current)?, &convert::value(desired)?)
    })())
}

/// `apply_workflow_update`.
#[wasm_bindgen(js_name = applyWorkflowUpdate)]
pub fn apply_workflow_update(current: &str, update: &str) -> JsResult<String> {
    finish((|| {
        cyberdesk_kit::apply_workflow_update(&convert::value(current)?, &convert::value(update)?)
    })())
}

#[allow(clippy::too_many_arguments)]
fn build_run_create_impl(
    run: &str,
    workflow: Option<String>,
    idempotency_key: Option<String>,
    machine_parameters: Option<String>,
    machine_sensitive_parameters: Option<String>,
    pool_parameters: Option<String>,
    spec: Option<&Spec>,
) -> JsResult<String> {
    finish((|| {
        let run = convert::value(run)?;
        let workflow = convert::opt_value(workflow.as_deref())?;
        let mp = convert::opt_value(machine_parameters.as_deref())?;
        let msp = convert::opt_value(machine_sensitive_parameters.as_deref())?;
        let pp = convert::opt_value(pool_parameters.as_deref())?;
        let opts = RunOptions {
            idempotency_key: idempotency_key.as_deref(),
            workflow: workflow.as_ref(),
            context: RunContext {
                machine_parameters: mp.as_ref(),
                machine_sensitive_parameters: msp.as_ref(),
                pool_parameters: pp.as_ref(),
                spec,
            },
        };
        cyberdesk_kit::build_run_create(&run, opts)
    })())
}

fn preflight_run_impl(
    run: &str,
    workflow: &str,
    machine_parameters: Option<String>,
    machine_sensitive_parameters: Option<String>,
    pool_parameters: Option<String>,
    spec: Option<&Spec>,
) -> JsResult<String> {
    finish((|| {
        let run = convert::value(run)?;
        let workflow = convert::value(workflow)?;
        let mp = convert::opt_value(machine_parameters.as_deref())?;
        let msp = convert::opt_value(machine_sensitive_parameters.as_deref())?;
        let pp = convert::opt_value(pool_parameters.as_deref())?;
        let ctx = RunContext {
            machine_parameters: mp.as_ref(),
            machine_sensitive_parameters: msp.as_ref(),
            pool_parameters: pp.as_ref(),
            spec,
        };
        cyberdesk_kit::preflight_run_with(&run, &workflow, ctx, Offsets::Utf16)
    })())
}

fn parse_response_impl(
    operation: &str,
    status: u16,
    headers: &str,
    body: &str,
    sensitive: Option<String>,
    spec: Option<&Spec>,
) -> JsResult<String> {
    finish((|| {
        let headers = convert::headers(headers)?;
        let sensitive = sensitive
            .as_deref()
            .map(cyberdesk_kit::parse_json)
            .transpose()?;
        cyberdesk_kit::parse_response_bytes(
            spec,
            operation,
            status,
            &headers,
            body.as_bytes(),
            sensitive.as_ref(),
        )
    })())
}

/// `retry_delay`; `headers` is a JSON list of `[name, value]` pairs.
#[wasm_bindgen(js_name = retryDelay)]
#[allow(clippy::too_many_arguments)]
pub fn retry_delay(
    attempt: u32,
    method: &str,
    status: Option<u16>,
    headers: &str,
    network_error: bool,
    has_idempotency_key: bool,
    max_retries: Option<u32>,
    now: Option<f64>,
    jitter: Option<f64>,
) -> JsResult<Option<f64>> {
    let headers = convert::headers(headers).map_err(|e| fail(&e))?;
    Ok(cyberdesk_kit::retry_delay(&cyberdesk_kit::RetryInput {
        attempt,
        method,
        status,
        headers: &headers,
        network_error,
        has_idempotency_key,
        max_retries,
        now,
        jitter,
    }))
}

/// `validate_instance`: `schema` is the JSON text of a schema (or of a
/// string holding one), `instance` JSON text, `draft` a draft name.
#[wasm_bindgen(js_name = validateInstance)]
pub fn validate_instance(schema: &str, instance: &str, draft: Option<String>) -> JsResult<String> {
    finish((|| {
        let schema = convert::value(schema)?;
        let instance = convert::value(instance)?;
        let draft = draft
            .as_deref()
            .map(cyberdesk_kit::Draft::from_name)
            .transpose()?;
        cyberdesk_kit::validate_instance(
            &schema,
            &instance,
            cyberdesk_kit::InstanceOptions { draft },
        )
    })())
}

// The operations that can use a loaded document: the free functions use
// the embedded one, the `WasmSpec` methods of the same name use theirs.

/// `validate`.
#[wasm_bindgen]
pub fn validate(schema_name: &str, payload: &str) -> JsResult<String> {
    validate_impl(schema_name, payload, None)
}

/// `build_workflow_update`.
#[wasm_bindgen(js_name = buildWorkflowUpdate)]
pub fn build_workflow_update(
    workflow_id: &str,
    update: &str,
    idempotency_key: Option<String>,
) -> JsResult<String> {
    build_workflow_update_impl(workflow_id, update, idempotency_key, None)
}

/// `build_get_workflow`; `include` is JSON text (a list of names or one
/// comma-separated string).
#[wasm_bindgen(js_name = buildGetWorkflow)]
pub fn build_get_workflow(workflow_id: &str, include: Option<String>) -> JsResult<String> {
    let include = match include {
        Some(text) => Some(cyberdesk_kit::parse_json(&text).map_err(|e| fail(&e))?),
        None => None,
    };
    finish(cyberdesk_kit::build_get_workflow_with(
        workflow_id,
        include.as_ref(),
    ))
}

/// `build_get_run`; `include` as for `buildGetWorkflow`.
#[wasm_bindgen(js_name = buildGetRun)]
pub fn build_get_run(run_id: &str, include: Option<String>) -> JsResult<String> {
    let include = match include {
        Some(text) => Some(cyberdesk_kit::parse_json(&text).map_err(|e| fail(&e))?),
        None => None,
    };
    finish(cyberdesk_kit::build_get_run_with(run_id, include.as_ref()))
}

/// `poll_delay`: seconds to sleep before the next poll of a run.
#[wasm_bindgen(js_name = pollDelay)]
pub fn poll_delay(
    attempt: u32,
    elapsed: f64,
    initial_delay: Option<f64>,
    max_delay: Option<f64>,
    timeout: Option<f64>,
) -> JsResult<f64> {
    cyberdesk_kit::poll_delay(
        attempt,
        elapsed,
        &cyberdesk_kit::PollOptions {
            initial_delay,
            max_delay,
            timeout,
        },
    )
    .map_err(|e| fail(&e))
}

/// `is_terminal_run_status`.
#[wasm_bindgen(js_name = isTerminalRunStatus)]
pub fn is_terminal_run_status(status: &str) -> bool {
    cyberdesk_kit::is_terminal_run_status(status)
}

/// `build_run_create`.
#[wasm_bindgen(js_name = buildRunCreate)]
pub fn build_run_create(
    run: &str,
    workflow: Option<String>,
    idempotency_key: Option<String>,
    machine_parameters: Option<String>,
    machine_sensitive_parameters: Option<String>,
    pool_parameters: Option<String>,
) -> JsResult<String> {
    build_run_create_impl(
        run,
        workflow,
        idempotency_key,
        machine_parameters,
        machine_sensitive_parameters,
        pool_parameters,
        None,
    )
}

/// `preflight_run` with UTF-16 offsets.
#[wasm_bindgen(js_name = preflightRun)]
pub fn preflight_run(
    run: &str,
    workflow: &str,
    machine_parameters: Option<String>,
    machine_sensitive_parameters: Option<String>,
    pool_parameters: Option<String>,
) -> JsResult<String> {
    preflight_run_impl(
        run,
        workflow,
        machine_parameters,
        machine_sensitive_parameters,
        pool_parameters,
        None,
    )
}

/// `parse_response`; `headers` is a JSON list of `[name, value]` pairs.
#[wasm_bindgen(js_name = parseResponse)]
pub fn parse_response(
    operation: &str,
    status: u16,
    headers: &str,
    body: &str,
    sensitive: Option<String>,
) -> JsResult<String> {
    parse_response_impl(operation, status, headers, body, sensitive, None)
}

/// The prompt history operations (issue 10), by their Python name:
/// `args` are the arguments in order as JSON text, `""` when left out
/// ([`history`]).
#[wasm_bindgen(js_name = promptHistory)]
pub fn prompt_history(operation: &str, args: Vec<String>) -> JsResult<String> {
    history::call(operation, &args).map_err(|e| fail(&e))
}

/// `new_idempotency_key`.
#[wasm_bindgen(js_name = newIdempotencyKey)]
pub fn new_idempotency_key() -> String {
    cyberdesk_kit::new_idempotency_key()
}

/// Every error code of the core, as a JSON list (for the drift test).
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> String {
    convert::error_codes()
}

/// Refuses an options object with a key `function` does not take
/// (`cyberdesk_kit::check_option_names`); `given` and `known` are the names.
#[wasm_bindgen(js_name = checkOptionNames)]
pub fn check_option_names(function: &str, given: Vec<String>, known: Vec<String>) -> JsResult<()> {
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    cyberdesk_kit::check_option_names(function, given.iter().map(String::as_str), &known)
        .map_err(|e| fail(&e))
}

/// Every issue code of the core, as a JSON list (for the drift test).
#[wasm_bindgen(js_name = issueCodes)]
pub fn issue_codes() -> String {
    convert::issue_codes()
}

/// The plain form of an error the JavaScript side found while converting a
/// value, worded by the core.
#[wasm_bindgen(js_name = hostError)]
pub fn host_error(code: &str, detail: String) -> String {
    error::error_json(&error::host_error(code, detail))
}

/// Traps on purpose. Only for the test that proves a trap leaves the
/// package usable (the core itself never panics).
#[doc(hidden)]
#[wasm_bindgen(js_name = __testTrap, skip_typescript)]
pub fn test_trap() {
    std::process::abort();
}

#[cfg(feature = "crossing-bench")]
mod bench {
    //! The two crossings compared by `npm/scripts/bench-crossing.mjs`.
    use wasm_bindgen::prelude::*;

    /// JSON text in, parse, serialize, JSON text out.
    #[wasm_bindgen(js_name = __benchJson)]
    pub fn bench_json(text: &str) -> Result<String, JsValue> {
        let v = cyberdesk_kit::parse_json(text).map_err(|e| JsValue::from_str(&e.to_string()))?;
        Ok(cyberdesk_kit::to_compact(&v))
    }

    /// A JS value in through serde-wasm-bindgen, and back out.
    #[wasm_bindgen(js_name = __benchSwb)]
    pub fn bench_swb(value: JsValue) -> Result<JsValue, JsValue> {
        let v: serde_json::Value = serde_wasm_bindgen::from_value(value)?;
        let ser = serde_wasm_bindgen::Serializer::json_compatible();
        serde::Serialize::serialize(&v, &ser).map_err(Into::into)
    }
}
