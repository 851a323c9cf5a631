//! `cyberdesk_kit._cyberdesk_kit`: the native half of the Python package.
//!
//! Every function here does three things and nothing else: convert its
//! arguments (`convert`), call the core with the interpreter released
//! (`Python::detach`), convert the result back or raise the exception of
//! the error's code (`error`). The logic lives in the `cyberdesk-kit` crate;
//! the Python package `cyberdesk_kit` re-exports these functions.

mod convert;
mod error;
mod history;
mod resolution;
mod view;

use convert::{
    bool_arg, errors_to_py, headers_arg, id_arg, int_arg, opt_float_arg, opt_int_arg, opt_str_arg,
    result_to_py, str_arg, to_value, Arg,
};
use cyberdesk_kit::{
    ErrorCode, IssueCode, KitError, Offsets, RetryInput, RunContext, RunOptions, UpdateOptions,
};
use error::IntoPyResult;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString, PyTuple};
use serde_json::Value;

/// A compiled OpenAPI document, from `load_spec(text)`. Pass it as
/// `spec=` to validate against it instead of the embedded document.
#[pyclass(name = "Spec", module = "cyberdesk_kit._cyberdesk_kit", frozen)]
struct PySpec {
    inner: cyberdesk_kit::Spec,
}

#[pymethods]
impl PySpec {
    /// The component schema names, in document order.
    fn schema_names(&self) -> Vec<String> {
        self.inner.schema_names().to_vec()
    }

    /// The declared property names of an object component, in schema order.
    fn property_names(
        &self,
        py: Python<'_>,
        schema_name: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<String>> {
        let name = str_arg(schema_name, "schema_name").py(py)?;
        let names = self.inner.property_names(&name).py(py)?;
        Ok(names.into_iter().map(str::to_owned).collect())
    }

    fn __repr__(&self) -> String {
        format!("<Spec with {} schemas>", self.inner.schema_names().len())
    }
}

/// The compiled document behind a `spec=` argument (`None` means the
/// embedded one).
fn spec_arg<'py>(obj: Option<&Bound<'py, PyAny>>) -> Result<Option<Bound<'py, PySpec>>, KitError> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => o.cast::<PySpec>().map(|s| Some(s.clone())).map_err(|_| {
            KitError::invalid_argument("spec must be a Spec returned by load_spec(), or None")
        }),
    }
}

fn inner<'a>(spec: Option<&'a Bound<'_, PySpec>>) -> Option<&'a cyberdesk_kit::Spec> {
    spec.map(|s| &s.get().inner)
}

/// Every variable of a prompt, in order.
///
/// text: the prompt (`str`).
///
/// Returns a list of `Variable` dicts `{kind: "input" | "sensitive" |
/// "runtime", root, path, raw, start, end}`; `start`/`end` are `str`
/// indices, so `text[start:end] == raw`. The grammar is Cyberdesk's
/// (cyberdesk-facts.md section 3).
///
/// Raises InvalidArgumentError (not a `str`), InvalidStringError (a lone
/// surrogate), TooLargeError (over 16 MiB).
#[pyfunction]
#[pyo3(signature = (text))]
fn parse_prompt<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let text = str_arg(text, "text").py(py)?;
    let vars = py
        .detach(|| cyberdesk_kit::parse_prompt_borrowed(&text, Offsets::CodePoint))
        .py(py)?;
    Ok(resolution::variables_to_py(py, &vars)?.into_any())
}

/// Resolves a prompt the way Cyberdesk does.
///
/// text: the prompt; input_values / sensitive_input_values: mappings
/// (`None` or not passed: none).
///
/// Returns a `Resolution` dict `{text, variables, issues}`: input variables
/// replaced (strings as they are, other values as compact JSON, a missing
/// path or `None` as `__EMPTY__`), sensitive `{$x}` and runtime `{{x}}`
/// variables kept verbatim, escapes removed. Problems in the prompt are
/// `issues` (`{code, severity, message, ...}`), never exceptions.
///
/// Raises InvalidArgumentError, UnsupportedValueError, CyclicValueError,
/// TooDeepError, InvalidStringError, TooLargeError for arguments that
/// can't be used.
#[pyfunction]
#[pyo3(
    signature = (text, input_values = Arg::Absent, sensitive_input_values = Arg::Absent),
    text_signature = "(text, input_values=None, sensitive_input_values=None)"
)]
fn resolve_prompt<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    input_values: Arg<'py>,
    sensitive_input_values: Arg<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let a = resolution::ResolveArgs::convert(text, input_values, sensitive_input_values).py(py)?;
    let res = py
        .detach(|| {
            cyberdesk_kit::resolve_prompt_borrowed(
                &a.text,
                a.inputs.as_ref(),
                a.sensitive.as_ref(),
                Offsets::CodePoint,
            )
        })
        .py(py)?;
    resolution::resolution_to_py(py, &res.text, Some(&res.variables), &res.issues)
}

/// The text and issues of `resolve_prompt`, without the variable list.
///
/// text: the prompt; input_values / sensitive_input_values: mappings
/// (`None` or not passed: none).
///
/// Returns a `ResolvedText` dict `{text, issues}`, equal to the `text` and
/// `issues` that `resolve_prompt` returns for the same arguments (sensitive
/// variables kept as written, no value quoted in a message). Cheaper: no
/// dict is built per variable.
///
/// Raises the errors `resolve_prompt` raises.
#[pyfunction]
#[pyo3(
    signature = (text, input_values = Arg::Absent, sensitive_input_values = Arg::Absent),
    text_signature = "(text, input_values=None, sensitive_input_values=None)"
)]
fn resolve_prompt_text<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    input_values: Arg<'py>,
    sensitive_input_values: Arg<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let a = resolution::ResolveArgs::convert(text, input_values, sensitive_input_values).py(py)?;
    let res = py
        .detach(|| {
            cyberdesk_kit::resolve_prompt_text(&a.text, a.inputs.as_ref(), a.sensitive.as_ref())
        })
        .py(py)?;
    resolution::resolution_to_py(py, &res.text, None, &res.issues)
}

/// Checks `payload` against a component schema of the OpenAPI document.
///
/// schema_name: `"WorkflowUpdate"`, `"RunCreate"`, ... (the embedded
/// document's names, or those of `spec`); payload: the value to check;
/// spec: a `Spec` from `load_spec` (default: the embedded document).
///
/// Returns a list of `ErrorDetails` dicts `{loc, msg, type, ctx?}` in the
/// server's 422 shape (FastAPI + pydantic v2 codes, `loc` starting with
/// `"body"`); `[]` when valid. Unknown fields are not errors.
///
/// Raises UnknownSchemaError, and the value-conversion errors
/// (UnsupportedValueError, CyclicValueError, TooDeepError, InvalidStringError).
#[pyfunction]
#[pyo3(signature = (schema_name, payload, *, spec = None))]
fn validate<'py>(
    py: Python<'py>,
    schema_name: &Bound<'py, PyAny>,
    payload: &Bound<'py, PyAny>,
    spec: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let name = str_arg(schema_name, "schema_name").py(py)?;
    let spec = spec_arg(spec).py(py)?;
    let spec = inner(spec.as_ref());
    // A plain payload is walked where it lies (holding the interpreter, so
    // nothing changes it meanwhile); any other is converted, which also
    // raises the coded error for what has no JSON form.
    let errors = if view::is_plain(payload, 1) {
        cyberdesk_kit::validate_view(spec, &name, &view::PyView(payload.clone())).py(py)?
    } else {
        let payload = to_value(payload, "payload").py(py)?;
        py.detach(|| match spec {
            Some(s) => cyberdesk_kit::validate_with(s, &name, &payload),
            None => cyberdesk_kit::validate(&name, &payload),
        })
        .py(py)?
    };
    errors_to_py(py, &errors)
}

/// Applies a user's JSON Schema to an instance, following the standard
/// draft by draft (JSON Schema draft 4, 6, 7, 2019-09, 2020-12).
///
/// schema: a schema (dict or bool) or its JSON text, as Cyberdesk stores a
/// workflow's `input_schema`; instance: the value to check; draft:
/// `"draft4"`, `"draft6"`, `"draft7"`, `"draft2019-09"` or
/// `"draft2020-12"` (default: the one `$schema` names, else 2020-12).
///
/// Returns a list of `ErrorDetails` dicts `{loc, msg, type, ctx?}`, `loc`
/// being the path inside the instance; `[]` when valid. `format` is an
/// annotation (never an error); patterns are ECMA-262.
///
/// Raises InvalidSchemaError when the schema is not one (not JSON, against
/// its draft's metaschema, a pattern that is not a regular expression, a
/// `$ref` cycle), InvalidArgumentError for an unknown draft, and the
/// value-conversion errors (UnsupportedValueError, CyclicValueError,
/// TooDeepError, InvalidStringError).
#[pyfunction]
#[pyo3(signature = (schema, instance, *, draft = None))]
fn validate_instance<'py>(
    py: Python<'py>,
    schema: &Bound<'py, PyAny>,
    instance: &Bound<'py, PyAny>,
    draft: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let schema = to_value(schema, "schema").py(py)?;
    let instance = to_value(instance, "instance").py(py)?;
    let draft = opt_str_arg(draft, "draft").py(py)?;
    let errors = py
        .detach(|| {
            let draft = draft
                .as_deref()
                .map(cyberdesk_kit::Draft::from_name)
                .transpose()?;
            cyberdesk_kit::validate_instance(
                &schema,
                &instance,
                cyberdesk_kit::InstanceOptions { draft },
            )
        })
        .py(py)?;
    errors_to_py(py, &errors)
}

/// `validate` for a payload given as JSON text. Private: kept to measure
/// the JSON-text path against the direct conversion (python/README.md).
#[pyfunction]
#[pyo3(signature = (schema_name, payload_json, *, spec = None))]
fn _validate_json<'py>(
    py: Python<'py>,
    schema_name: &Bound<'py, PyAny>,
    payload_json: &Bound<'py, PyAny>,
    spec: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let name = str_arg(schema_name, "schema_name").py(py)?;
    let spec = spec_arg(spec).py(py)?;
    let spec = inner(spec.as_ref());
    let text = str_arg(payload_json, "payload_json").py(py)?;
    let errors = py
        .detach(|| cyberdesk_kit::validate_json(spec, &name, &text))
        .py(py)?;
    errors_to_py(py, &errors)
}

/// Whether a value is plain JSON (the check `validate` makes of the whole
/// payload before walking it where it lies). Private: the benchmark times
/// it alone, the floor under `validate` on payloads with large free-form
/// parts.
#[pyfunction]
fn _is_plain(value: &Bound<'_, PyAny>) -> bool {
    view::is_plain(value, 1)
}

/// A request body with its sensitive values replaced by `"[redacted]"`
/// (`redact_body` of the core). Private: `RequestDict` calls it
/// the first time a request is printed, so building one doesn't pay for it.
#[pyfunction]
fn _redacted_body(py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<String> {
    let body = str_arg(body, "body").py(py)?;
    Ok(cyberdesk_kit::redact_body(&body))
}

/// Converts a value the way every function does and gives it back.
/// Private: used by the conversion tests and the measurement.
#[pyfunction]
fn _roundtrip<'py>(py: Python<'py>, value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let v = to_value(value, "value").py(py)?;
    convert::to_py(py, &v)
}

/// The `PATCH /v1/workflows/{workflow_id}` request for `update`.
///
/// workflow_id: a UUID (`str` or `uuid.UUID`); update: a `WorkflowUpdate`
/// mapping whose absent keys stay unchanged and whose `None` values clear;
/// idempotency_key: the `Idempotency-Key` (default: a fresh UUID v4);
/// spec: a `Spec` from `load_spec`.
///
/// Returns a `Request` dict `{method, path, headers, body, idempotency_key,
/// warnings}`; `body` is compact JSON in the schema's key order. Unknown
/// fields are `warnings` (`unknown_field`, naming the closest field).
///
/// Raises ValidationError listing every problem (the workflow id and the
/// key included), and the value-conversion errors.
#[pyfunction]
#[pyo3(signature = (workflow_id, update, *, idempotency_key = None, spec = None))]
fn build_workflow_update<'py>(
    py: Python<'py>,
    workflow_id: &Bound<'py, PyAny>,
    update: &Bound<'py, PyAny>,
    idempotency_key: Option<&Bound<'py, PyAny>>,
    spec: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let workflow_id = id_arg(workflow_id, "workflow_id").py(py)?;
    let update = to_value(update, "update").py(py)?;
    let key = opt_str_arg(idempotency_key, "idempotency_key").py(py)?;
    let spec = spec_arg(spec).py(py)?;
    let opts = UpdateOptions {
        idempotency_key: key.as_deref(),
        spec: inner(spec.as_ref()),
    };
    let req = py
        .detach(|| cyberdesk_kit::build_workflow_update(&workflow_id, &update, opts))
        .py(py)?;
    convert::request_to_py(py, &req)
}

/// The `GET /v1/workflows/{workflow_id}` request.
///
/// workflow_id: a UUID (`str` in any form the server's parser takes, or
/// `uuid.UUID`); include: the related resources the response's `included`
/// list should carry (a list of names joined with commas, or one
/// comma-separated string; `None`: the parameter is left out).
///
/// Returns a `Request` dict (no body, no idempotency key).
///
/// Raises ValidationError (the id is not a UUID), InvalidArgumentError
/// (`include` is neither a string nor a list of names without commas).
#[pyfunction]
#[pyo3(
    signature = (workflow_id, *, include = Arg::Absent),
    text_signature = "(workflow_id, *, include=None)"
)]
fn build_get_workflow<'py>(
    py: Python<'py>,
    workflow_id: &Bound<'py, PyAny>,
    include: Arg<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let workflow_id = id_arg(workflow_id, "workflow_id").py(py)?;
    let include = include.to_value("include").py(py)?;
    let req = cyberdesk_kit::build_get_workflow_with(&workflow_id, include.as_ref()).py(py)?;
    convert::request_to_py(py, &req)
}

/// Builds the `GET /v1/runs/{run_id}` request.
///
/// run_id: a UUID (`str` or `uuid.UUID`); include: related resources for the
/// response's `included` list (`["workflow", "machine", "machine.pools"]`
/// or one comma-separated string; `None`: the parameter is left out).
///
/// Returns a `Request` dict (no body, no idempotency key); decode the answer
/// with `parse_response("get_run", ...)`.
///
/// Raises ValidationError (the id is not a UUID, `loc` `["path", "run_id"]`),
/// InvalidArgumentError (a bad `include`).
#[pyfunction]
#[pyo3(
    signature = (run_id, *, include = Arg::Absent),
    text_signature = "(run_id, *, include=None)"
)]
fn build_get_run<'py>(
    py: Python<'py>,
    run_id: &Bound<'py, PyAny>,
    include: Arg<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let run_id = id_arg(run_id, "run_id").py(py)?;
    let include = include.to_value("include").py(py)?;
    let req = cyberdesk_kit::build_get_run_with(&run_id, include.as_ref()).py(py)?;
    convert::request_to_py(py, &req)
}

/// A number of seconds; `math.inf` passes (a timeout of none), the core
/// judges the rest.
fn seconds_arg(o: Option<&Bound<'_, PyAny>>, name: &str) -> Result<Option<f64>, KitError> {
    match o {
        Some(v) if v.is_instance_of::<pyo3::types::PyFloat>() => match v.extract::<f64>() {
            Ok(f) if f == f64::INFINITY => Ok(Some(f)),
            _ => opt_float_arg(o, name),
        },
        _ => opt_float_arg(o, name),
    }
}

/// Seconds to sleep after poll number `attempt` of a run before the next.
///
/// attempt: 0 after the first poll; elapsed: seconds since the wait began
/// (the host keeps the clock, e.g. `time.monotonic()`); initial_delay: the
/// first delay, doubling after each poll (default 1.0); max_delay: the cap
/// (default 10.0); timeout: the deadline from the start of the wait
/// (default 1800.0, `math.inf` for none). All in seconds.
///
/// Returns `initial_delay * 2**attempt` capped at `max_delay`, cut so that
/// the last poll falls on the deadline. Never sleeps.
///
/// Raises WaitTimeoutError (`wait_timeout`) once `elapsed` reaches
/// `timeout`; InvalidArgumentError for a negative or non-finite `elapsed`,
/// a delay not above 0, `max_delay` below `initial_delay`, a negative
/// `timeout`.
#[pyfunction]
#[pyo3(
    signature = (attempt, elapsed, *, initial_delay = None, max_delay = None, timeout = None),
    text_signature = "(attempt, elapsed, *, initial_delay=None, max_delay=None, timeout=None)"
)]
fn poll_delay(
    py: Python<'_>,
    attempt: &Bound<'_, PyAny>,
    elapsed: &Bound<'_, PyAny>,
    initial_delay: Option<&Bound<'_, PyAny>>,
    max_delay: Option<&Bound<'_, PyAny>>,
    timeout: Option<&Bound<'_, PyAny>>,
) -> PyResult<f64> {
    let attempt = int_arg(attempt, "attempt", 0, i64::from(u32::MAX)).py(py)?;
    let elapsed = opt_float_arg(Some(elapsed), "elapsed").py(py)?;
    let options = cyberdesk_kit::PollOptions {
        initial_delay: seconds_arg(initial_delay, "initial_delay").py(py)?,
        max_delay: seconds_arg(max_delay, "max_delay").py(py)?,
        timeout: seconds_arg(timeout, "timeout").py(py)?,
    };
    cyberdesk_kit::poll_delay(
        u32::try_from(attempt).unwrap_or(u32::MAX),
        elapsed.unwrap_or(f64::NAN),
        &options,
    )
    .py(py)
}

/// Whether a run in `status` is finished.
///
/// status: a `RunStatus` string (`run["status"]`).
///
/// Returns True for `success`, `task_failed`, `error` and `cancelled`,
/// False otherwise (`scheduling`, `running`, `running_checks`, anything
/// else).
///
/// Raises InvalidArgumentError for a non-`str`.
#[pyfunction]
#[pyo3(signature = (status))]
fn is_terminal_run_status(py: Python<'_>, status: &Bound<'_, PyAny>) -> PyResult<bool> {
    let status = str_arg(status, "status").py(py)?;
    Ok(cyberdesk_kit::is_terminal_run_status(&status))
}

/// The smallest update that turns `current` into `desired`.
///
/// current: a `WorkflowResponse` (or any workflow mapping); desired: the
/// workflow as it should be.
///
/// Returns a `WorkflowUpdate` dict; `{}` when nothing differs.
///
/// Raises InvalidArgumentError (not mappings) and the value-conversion
/// errors.
#[pyfunction]
#[pyo3(signature = (current, desired))]
fn diff_workflow_update<'py>(
    py: Python<'py>,
    current: &Bound<'py, PyAny>,
    desired: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let current = to_value(current, "current").py(py)?;
    let desired = to_value(desired, "desired").py(py)?;
    let patch = py
        .detach(|| cyberdesk_kit::diff_workflow_update(&current, &desired))
        .py(py)?;
    convert::to_py(py, &patch)
}

/// `current` with `update` applied the way the server applies a PATCH.
///
/// current: a workflow mapping; update: a `WorkflowUpdate` (absent keys
/// unchanged, `None` clears).
///
/// Returns the updated workflow as a new dict.
///
/// Raises InvalidArgumentError (not mappings) and the value-conversion
/// errors.
#[pyfunction]
#[pyo3(signature = (current, update))]
fn apply_workflow_update<'py>(
    py: Python<'py>,
    current: &Bound<'py, PyAny>,
    update: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let current = to_value(current, "current").py(py)?;
    let update = to_value(update, "update").py(py)?;
    let out = py
        .detach(|| cyberdesk_kit::apply_workflow_update(&current, &update))
        .py(py)?;
    convert::to_py(py, &out)
}

/// The machine and pool arguments of a run, converted.
struct Context {
    machine: Option<Value>,
    machine_sensitive: Option<Value>,
    pool: Option<Value>,
}

impl Context {
    fn new(
        machine: &Arg<'_>,
        machine_sensitive: &Arg<'_>,
        pool: &Arg<'_>,
    ) -> Result<Self, KitError> {
        Ok(Context {
            machine: machine.to_value("machine_parameters")?,
            machine_sensitive: machine_sensitive.to_value("machine_sensitive_parameters")?,
            pool: pool.to_value("pool_parameters")?,
        })
    }
    fn as_run_context<'a>(&'a self, spec: Option<&'a cyberdesk_kit::Spec>) -> RunContext<'a> {
        RunContext {
            machine_parameters: self.machine.as_ref(),
            machine_sensitive_parameters: self.machine_sensitive.as_ref(),
            pool_parameters: self.pool.as_ref(),
            spec,
        }
    }
}

/// The `POST /v1/runs` request for `run`; with `workflow`, preflighted first.
///
/// run: a `RunCreate` mapping (`workflow_id` required); workflow: the
/// workflow (at least `main_prompt`, e.g. a `WorkflowResponse`): when
/// given, `preflight_run` runs first; idempotency_key: default a fresh
/// UUID v4; machine_parameters / machine_sensitive_parameters /
/// pool_parameters: what the preflight merges (run > machine > pool);
/// spec: a `Spec` from `load_spec`.
///
/// Returns a `Request` dict `{method, path, headers, body,
/// idempotency_key, warnings}`; `repr()` redacts sensitive values.
///
/// Raises ValidationError (the run breaks RunCreate), PreflightError (an
/// error-severity issue; `.issues`), and the value-conversion errors.
#[pyfunction]
#[pyo3(
    signature = (
        run, *, workflow = Arg::Absent, idempotency_key = None, machine_parameters = Arg::Absent,
        machine_sensitive_parameters = Arg::Absent, pool_parameters = Arg::Absent, spec = None
    ),
    text_signature = "(run, *, workflow=None, idempotency_key=None, machine_parameters=None, machine_sensitive_parameters=None, pool_parameters=None, spec=None)"
)]
#[allow(clippy::too_many_arguments)]
fn build_run_create<'py>(
    py: Python<'py>,
    run: &Bound<'py, PyAny>,
    workflow: Arg<'py>,
    idempotency_key: Option<&Bound<'py, PyAny>>,
    machine_parameters: Arg<'py>,
    machine_sensitive_parameters: Arg<'py>,
    pool_parameters: Arg<'py>,
    spec: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let run = to_value(run, "run").py(py)?;
    let workflow = workflow.to_value("workflow").py(py)?;
    let key = opt_str_arg(idempotency_key, "idempotency_key").py(py)?;
    let ctx = Context::new(
        &machine_parameters,
        &machine_sensitive_parameters,
        &pool_parameters,
    )
    .py(py)?;
    let spec = spec_arg(spec).py(py)?;
    let opts = RunOptions {
        idempotency_key: key.as_deref(),
        workflow: workflow.as_ref(),
        context: ctx.as_run_context(inner(spec.as_ref())),
    };
    let req = py
        .detach(|| cyberdesk_kit::build_run_create(&run, opts))
        .py(py)?;
    convert::request_to_py(py, &req)
}

/// What the run will do, before it is sent.
///
/// run: a `RunCreate` mapping; workflow: the workflow (at least
/// `main_prompt`, optionally `input_schema`); machine_parameters /
/// machine_sensitive_parameters / pool_parameters: the other input
/// sources (precedence run > machine > pool); spec: a `Spec`.
///
/// Returns a `Preflight` dict `{prompt_source: "override" | "workflow",
/// resolved_prompt, variables, issues}`: the effective prompt resolved
/// with the merged inputs, the workflow's `input_schema` applied.
///
/// Raises InvalidArgumentError and the value-conversion errors; problems
/// of the run itself are issues, not exceptions.
#[pyfunction]
#[pyo3(
    signature = (
        run, workflow, *, machine_parameters = Arg::Absent, machine_sensitive_parameters = Arg::Absent,
        pool_parameters = Arg::Absent, spec = None
    ),
    text_signature = "(run, workflow, *, machine_parameters=None, machine_sensitive_parameters=None, pool_parameters=None, spec=None)"
)]
fn preflight_run<'py>(
    py: Python<'py>,
    run: &Bound<'py, PyAny>,
    workflow: &Bound<'py, PyAny>,
    machine_parameters: Arg<'py>,
    machine_sensitive_parameters: Arg<'py>,
    pool_parameters: Arg<'py>,
    spec: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let run = to_value(run, "run").py(py)?;
    let workflow = to_value(workflow, "workflow").py(py)?;
    let ctx = Context::new(
        &machine_parameters,
        &machine_sensitive_parameters,
        &pool_parameters,
    )
    .py(py)?;
    let spec = spec_arg(spec).py(py)?;
    let run_ctx = ctx.as_run_context(inner(spec.as_ref()));
    let pre = py
        .detach(|| cyberdesk_kit::preflight_run_with(&run, &workflow, run_ctx, Offsets::CodePoint))
        .py(py)?;
    result_to_py(py, &pre)
}

/// A response body as text: `str`, or `bytes` that must be UTF-8.
fn body_arg(obj: &Bound<'_, PyAny>) -> Result<Vec<u8>, KitError> {
    if obj.is_instance_of::<PyString>() {
        return str_arg(obj, "body").map(String::into_bytes);
    }
    match obj.cast::<PyBytes>() {
        Ok(b) => Ok(b.as_bytes().to_vec()),
        Err(_) => Err(KitError::invalid_argument("body must be a str or bytes")),
    }
}

/// Decodes a response of `operation`.
///
/// operation: `"update_workflow"`, `"get_workflow"`, `"create_run"` or
/// `"get_run"`;
/// status: the HTTP status; headers: a mapping or `(name, value)` pairs;
/// body: `str` or UTF-8 `bytes`; spec: a `Spec`; sensitive_input_values:
/// what the request sent, masked as `[redacted]` if the server echoes one
/// (4 characters or more) into its error.
///
/// Returns the decoded 2xx body (a `WorkflowResponse`, `RunResponse` or,
/// for `get_run`, `RunResponseWithIncludes` dict), checked against the
/// documented schema.
///
/// Raises ApiError for any non-2xx (`.status`; a 422's `detail` decoded
/// into `.errors()`), InvalidResponseError (a 2xx that is not the
/// documented shape), UnknownOperationError, InvalidArgumentError.
#[pyfunction]
#[pyo3(
    signature = (operation, status, headers, body, *, spec = None, sensitive_input_values = Arg::Absent),
    text_signature = "(operation, status, headers, body, *, spec=None, sensitive_input_values=None)"
)]
fn parse_response<'py>(
    py: Python<'py>,
    operation: &Bound<'py, PyAny>,
    status: &Bound<'py, PyAny>,
    headers: Option<&Bound<'py, PyAny>>,
    body: &Bound<'py, PyAny>,
    spec: Option<&Bound<'py, PyAny>>,
    sensitive_input_values: Arg<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let operation = str_arg(operation, "operation").py(py)?;
    let status = int_arg(status, "status", 0, i64::from(u16::MAX)).py(py)?;
    let status = u16::try_from(status).unwrap_or(0);
    let headers = headers_arg(headers, "headers").py(py)?;
    let body = body_arg(body).py(py)?;
    let sensitive = sensitive_input_values
        .to_value("sensitive_input_values")
        .py(py)?;
    let spec = spec_arg(spec).py(py)?;
    let spec = inner(spec.as_ref());
    let value = py
        .detach(|| {
            cyberdesk_kit::parse_response_bytes(
                spec,
                &operation,
                status,
                &headers,
                &body,
                sensitive.as_ref(),
            )
        })
        .py(py)?;
    convert::to_py(py, &value)
}

/// Seconds to wait before retry number `attempt + 1`, or None.
///
/// attempt: 0 for the first retry; method: the request's method;
/// status / headers: the response, when one came; network_error: no
/// response (timeout, connection error); has_idempotency_key: the request
/// carried one; max_retries: default 2; now: Unix seconds (for a
/// `Retry-After` date); jitter: a number in [0, 1) (default random).
///
/// Returns seconds as a `float`, or `None` for "do not retry" (a write
/// without an idempotency key is never retried). The policy is the
/// official SDKs' (cyberdesk-facts.md section 5). Never sleeps.
///
/// Raises InvalidArgumentError for arguments of the wrong type or range.
#[pyfunction]
#[pyo3(signature = (
    attempt, *, method, status = None, headers = None, network_error = None, has_idempotency_key = None,
    max_retries = None, now = None, jitter = None
), text_signature = "(attempt, *, method, status=None, headers=None, network_error=False, has_idempotency_key=False, max_retries=None, now=None, jitter=None)")]
#[allow(clippy::too_many_arguments)]
fn retry_delay(
    py: Python<'_>,
    attempt: &Bound<'_, PyAny>,
    method: &Bound<'_, PyAny>,
    status: Option<&Bound<'_, PyAny>>,
    headers: Option<&Bound<'_, PyAny>>,
    network_error: Option<&Bound<'_, PyAny>>,
    has_idempotency_key: Option<&Bound<'_, PyAny>>,
    max_retries: Option<&Bound<'_, PyAny>>,
    now: Option<&Bound<'_, PyAny>>,
    jitter: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<f64>> {
    let flag = |o: Option<&Bound<'_, PyAny>>, name: &str| -> Result<bool, KitError> {
        match o {
            None => Ok(false),
            Some(v) => bool_arg(v, name),
        }
    };
    let u32_max = i64::from(u32::MAX);
    let attempt = int_arg(attempt, "attempt", 0, u32_max).py(py)?;
    let method = str_arg(method, "method").py(py)?;
    let status = opt_int_arg(status, "status", 0, i64::from(u16::MAX)).py(py)?;
    let headers = headers_arg(headers, "headers").py(py)?;
    let input = RetryInput {
        attempt: u32::try_from(attempt).unwrap_or(u32::MAX),
        method: &method,
        status: status.and_then(|s| u16::try_from(s).ok()),
        headers: &headers,
        network_error: flag(network_error, "network_error").py(py)?,
        has_idempotency_key: flag(has_idempotency_key, "has_idempotency_key").py(py)?,
        max_retries: opt_int_arg(max_retries, "max_retries", 0, u32_max)
            .py(py)?
            .map(|m| u32::try_from(m).unwrap_or(u32::MAX)),
        now: opt_float_arg(now, "now").py(py)?,
        jitter: opt_float_arg(jitter, "jitter").py(py)?,
    };
    Ok(cyberdesk_kit::retry_delay(&input))
}

/// A fresh idempotency key.
///
/// Returns a random UUID v4 as a lowercase `str`. Raises nothing.
#[pyfunction]
fn new_idempotency_key() -> String {
    cyberdesk_kit::new_idempotency_key()
}

/// Compiles an OpenAPI document given as JSON text.
///
/// text: the document (OpenAPI 3.1, JSON).
///
/// Returns a `Spec`, to pass as `spec=` to `validate`, the builders,
/// `preflight_run` and `parse_response`.
///
/// Raises InvalidSpecError (not JSON, no components, a broken `$ref`, an
/// unsupported keyword), InvalidArgumentError (not a `str`).
#[pyfunction]
#[pyo3(signature = (text))]
fn load_spec(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<PySpec> {
    let text = str_arg(text, "text").py(py)?;
    let inner = py.detach(|| cyberdesk_kit::Spec::from_json(&text)).py(py)?;
    Ok(PySpec { inner })
}

#[pymodule(name = "_cyberdesk_kit")]
fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PySpec>()?;
    m.add_function(wrap_pyfunction!(parse_prompt, m)?)?;
    m.add_function(wrap_pyfunction!(resolve_prompt, m)?)?;
    m.add_function(wrap_pyfunction!(resolve_prompt_text, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(validate_instance, m)?)?;
    m.add_function(wrap_pyfunction!(_validate_json, m)?)?;
    m.add_function(wrap_pyfunction!(_roundtrip, m)?)?;
    m.add_function(wrap_pyfunction!(_redacted_body, m)?)?;
    m.add_function(wrap_pyfunction!(_is_plain, m)?)?;
    m.add_function(wrap_pyfunction!(build_workflow_update, m)?)?;
    m.add_function(wrap_pyfunction!(build_get_workflow, m)?)?;
    m.add_function(wrap_pyfunction!(build_get_run, m)?)?;
    m.add_function(wrap_pyfunction!(poll_delay, m)?)?;
    m.add_function(wrap_pyfunction!(is_terminal_run_status, m)?)?;
    m.add_function(wrap_pyfunction!(diff_workflow_update, m)?)?;
    m.add_function(wrap_pyfunction!(apply_workflow_update, m)?)?;
    m.add_function(wrap_pyfunction!(build_run_create, m)?)?;
    m.add_function(wrap_pyfunction!(preflight_run, m)?)?;
    m.add_function(wrap_pyfunction!(parse_response, m)?)?;
    m.add_function(wrap_pyfunction!(retry_delay, m)?)?;
    m.add_function(wrap_pyfunction!(new_idempotency_key, m)?)?;
    m.add_function(wrap_pyfunction!(load_spec, m)?)?;
    history::register(m)?;
    let error_codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    m.add("ERROR_CODES", PyTuple::new(py, error_codes)?)?;
    let issue_codes: Vec<&str> = IssueCode::ALL.iter().map(|c| c.as_str()).collect();
    m.add("ISSUE_CODES", PyTuple::new(py, issue_codes)?)?;
    let classes = PyDict::new(py);
    for code in ErrorCode::ALL {
        classes.set_item(code.as_str(), error::class_name(*code))?;
    }
    m.add("_ERROR_CLASSES", classes)?;
    m.add("MAX_DEPTH", cyberdesk_kit::MAX_DEPTH)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
