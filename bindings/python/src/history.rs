//! Prompt history functions (issue 10): convert, call the core with the
//! interpreter released, convert back. Histories are plain dicts (the
//! document of `cyberdesk_kit::PromptHistory`), checked on every call.

use crate::convert::{self, opt_str_arg, result_to_py, str_arg, to_value, Arg};
use crate::error::IntoPyResult;
use crate::Context;
use cyberdesk_kit::{KitError, Pin, PromptHistory, RunOptions, VersionMeta};
use pyo3::prelude::*;
use pyo3::types::PyList;

fn history(obj: &Bound<'_, PyAny>) -> Result<PromptHistory, KitError> {
    PromptHistory::from_value(&to_value(obj, "history")?)
}

fn pin(obj: &Bound<'_, PyAny>, name: &str) -> Result<Pin, KitError> {
    Pin::from_value(&to_value(obj, name)?)
}

/// The content id of a prompt text.
///
/// text: the prompt (`str`).
///
/// Returns `"sha256:"` + the lowercase hex SHA-256 of the text's UTF-8
/// bytes (71 characters): the same text has the same id in every language.
///
/// Raises InvalidArgumentError (not a `str`), InvalidStringError (a lone
/// surrogate).
#[pyfunction]
#[pyo3(signature = (text))]
fn prompt_content_id(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = str_arg(text, "text").py(py)?;
    Ok(py.detach(|| cyberdesk_kit::content_id(&text)))
}

/// A new, empty prompt history.
///
/// Returns the `PromptHistory` dict `{"version": 1, "versions": [],
/// "labels": {}}`; store it as JSON wherever you like (see
/// `serialize_prompt_history`).
///
/// Raises nothing.
#[pyfunction]
fn create_prompt_history(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    result_to_py(py, &PromptHistory::new())
}

/// Reads a stored prompt history document.
///
/// text: the document as JSON text (what `serialize_prompt_history` wrote).
///
/// Returns the `PromptHistory` dict `{version: 1, versions: [{number, id,
/// text, note?, created_at?}], labels: {name: number}}`, checked: numbers
/// run 1, 2, 3, ... in list order; each `id` is its text's content id; no
/// two versions share a text; labels point at existing numbers; `latest`
/// is implied and never stored.
///
/// Raises InvalidHistoryError (not JSON or a broken document; the message
/// says where), InvalidArgumentError (not a `str`), TooDeepError.
#[pyfunction]
#[pyo3(signature = (text))]
fn parse_prompt_history<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let text = str_arg(text, "text").py(py)?;
    let h = py.detach(|| PromptHistory::parse(&text)).py(py)?;
    result_to_py(py, &h)
}

/// The JSON text to store for a prompt history.
///
/// history: a `PromptHistory` dict.
///
/// Returns compact JSON with keys in a fixed order and labels sorted: the
/// same bytes from Rust, JavaScript and Python.
///
/// Raises InvalidHistoryError for a broken document, and the
/// value-conversion errors.
#[pyfunction]
#[pyo3(signature = (history))]
fn serialize_prompt_history(py: Python<'_>, history: &Bound<'_, PyAny>) -> PyResult<String> {
    let h = self::history(history).py(py)?;
    Ok(py.detach(|| h.to_json()))
}

/// Adds a version to a prompt history.
///
/// history: a `PromptHistory` dict (not changed); text: the prompt text
/// (1 character to 16 MiB); note: an optional note (up to 64 KiB);
/// created_at: optional RFC 3339 date-time given by you (the kit reads no
/// clock), e.g. `datetime.now(timezone.utc).isoformat()`.
///
/// Returns the new `PromptHistory` dict; the version's number is one more
/// than the last, so it becomes `latest`.
///
/// Raises DuplicateVersionError (the text already is a version: point a
/// label at it instead), InvalidArgumentError (empty text, a note over
/// 64 KiB, a `created_at` that is not RFC 3339, 100,000 versions already),
/// TooLargeError (over 16 MiB), InvalidHistoryError (a broken history).
#[pyfunction]
#[pyo3(
    signature = (history, text, *, note = None, created_at = None),
    text_signature = "(history, text, *, note=None, created_at=None)"
)]
fn add_prompt_version<'py>(
    py: Python<'py>,
    history: &Bound<'py, PyAny>,
    text: &Bound<'py, PyAny>,
    note: Option<&Bound<'py, PyAny>>,
    created_at: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut h = self::history(history).py(py)?;
    let text = str_arg(text, "text").py(py)?;
    let note = opt_str_arg(note, "note").py(py)?;
    let created_at = opt_str_arg(created_at, "created_at").py(py)?;
    let meta = VersionMeta {
        note: note.as_deref(),
        created_at: created_at.as_deref(),
    };
    py.detach(|| h.add_version(&text, meta).map(|_| ()))
        .py(py)?;
    result_to_py(py, &h)
}

/// Points a label at a version, or removes it.
///
/// history: a `PromptHistory` dict (not changed); label: a name
/// (`[A-Za-z][A-Za-z0-9_.-]*`, at most 64; not `latest`, which is
/// implied); to: a pin (`"latest"`, a number, an id `"sha256:..."` or
/// another label), or `None` to remove the label.
///
/// Returns the new `PromptHistory` dict.
///
/// Raises VersionNotFoundError (`to` selects nothing), InvalidArgumentError
/// (`latest`, a bad label name, a bad pin), InvalidHistoryError.
#[pyfunction]
#[pyo3(signature = (history, label, to))]
fn move_prompt_label<'py>(
    py: Python<'py>,
    history: &Bound<'py, PyAny>,
    label: &Bound<'py, PyAny>,
    to: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut h = self::history(history).py(py)?;
    let label = str_arg(label, "label").py(py)?;
    let to = if to.is_none() {
        None
    } else {
        Some(pin(to, "to").py(py)?)
    };
    h.move_label(&label, to.as_ref()).py(py)?;
    result_to_py(py, &h)
}

/// The version a pin selects.
///
/// history: a `PromptHistory` dict; pin: `"latest"` (the highest number),
/// a version number (`int`), a content id (`"sha256:..."`) or a label name.
///
/// Returns a `SelectedVersion` dict `{number, id, text, note?, created_at?,
/// labels}`, `labels` being the names pointing at it (`latest` included),
/// sorted.
///
/// Raises VersionNotFoundError, InvalidArgumentError (a pin of another
/// type or shape, e.g. `"2"` or `1.5`), InvalidHistoryError.
#[pyfunction]
#[pyo3(signature = (history, pin))]
fn select_prompt_version<'py>(
    py: Python<'py>,
    history: &Bound<'py, PyAny>,
    pin: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let h = self::history(history).py(py)?;
    let p = self::pin(pin, "pin").py(py)?;
    let v = h.select(&p).py(py)?;
    result_to_py(py, &h.describe(v))
}

/// What changes from one prompt text to another.
///
/// old, new: the two texts.
///
/// Returns a `PromptComparison` dict: `changed`; `variables_added` /
/// `variables_removed` (`{kind, root, path, raw}`, once per kind + root +
/// path, in text order); `inputs_newly_needed` (input roots only the new
/// text uses); `sensitive_added` (sensitive roots only the new text uses);
/// `skip_checks_wording` (`"unchanged"`, `"added"` or `"removed"`); and
/// `lines`, the line diff (`text.split("\n")`): runs `{op: "equal" |
/// "delete" | "insert", old_start, new_start, lines}` with 0-based line
/// indices, deletions before insertions in a changed region (Myers; when
/// more than 4,000 lines lie between the common first and last lines, they
/// are one delete and one insert, so time stays bounded).
///
/// Raises TooLargeError (over 16 MiB), InvalidArgumentError.
#[pyfunction]
#[pyo3(signature = (old, new))]
fn compare_prompts<'py>(
    py: Python<'py>,
    old: &Bound<'py, PyAny>,
    new: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let old = str_arg(old, "old").py(py)?;
    let new = str_arg(new, "new").py(py)?;
    let c = py
        .detach(|| cyberdesk_kit::compare_prompts(&old, &new))
        .py(py)?;
    result_to_py(py, &c)
}

/// `compare_prompts` on two versions of a history.
///
/// history: a `PromptHistory` dict; old, new: pins (`"latest"`, a number,
/// an id or a label).
///
/// Returns a `PromptComparison` dict (see `compare_prompts`).
///
/// Raises VersionNotFoundError, InvalidArgumentError, InvalidHistoryError.
#[pyfunction]
#[pyo3(signature = (history, old, new))]
fn compare_prompt_versions<'py>(
    py: Python<'py>,
    history: &Bound<'py, PyAny>,
    old: &Bound<'py, PyAny>,
    new: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let h = self::history(history).py(py)?;
    let old = pin(old, "old").py(py)?;
    let new = pin(new, "new").py(py)?;
    let c = py
        .detach(|| cyberdesk_kit::compare_prompt_versions(&h, &old, &new))
        .py(py)?;
    result_to_py(py, &c)
}

/// Checks a prompt text against a workflow before publishing it.
///
/// text: the prompt; workflow: at least `main_prompt` (the stored prompt),
/// optionally `input_schema` (e.g. a `WorkflowResponse`).
///
/// Returns a list of `Issue` dicts, the preflight rules that need no run:
/// `malformed_variable`, `undeclared_variable` (a root, `$`-prefixed when
/// sensitive, missing from the `input_schema`'s top-level `properties`),
/// `required_input_unused` (a top-level `required` key no variable uses),
/// `skip_checks_not_authorized` (skip wording the stored prompt lacks),
/// `invalid_input_schema`. `[]` when all is well.
///
/// Raises InvalidArgumentError (no string `main_prompt`), TooLargeError,
/// and the value-conversion errors.
#[pyfunction]
#[pyo3(signature = (text, workflow))]
fn check_prompt_text<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    workflow: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let text = str_arg(text, "text").py(py)?;
    let workflow = to_value(workflow, "workflow").py(py)?;
    let issues = py
        .detach(|| cyberdesk_kit::check_prompt_text(&text, &workflow))
        .py(py)?;
    result_to_py(py, &issues)
}

/// `check_prompt_text` for the version a pin selects.
///
/// history: a `PromptHistory` dict; pin: `"latest"`, a number, an id or a
/// label; workflow: at least `main_prompt`, optionally `input_schema`.
///
/// Returns a list of `Issue` dicts (see `check_prompt_text`).
///
/// Raises VersionNotFoundError, InvalidArgumentError, InvalidHistoryError.
#[pyfunction]
#[pyo3(signature = (history, pin, workflow))]
fn check_prompt_version<'py>(
    py: Python<'py>,
    history: &Bound<'py, PyAny>,
    pin: &Bound<'py, PyAny>,
    workflow: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let h = self::history(history).py(py)?;
    let p = self::pin(pin, "pin").py(py)?;
    let workflow = to_value(workflow, "workflow").py(py)?;
    let issues = py
        .detach(|| cyberdesk_kit::check_prompt_version(&h, &p, &workflow))
        .py(py)?;
    result_to_py(py, &issues)
}

/// The `POST /v1/runs` request running the version a pin selects.
///
/// history: a `PromptHistory` dict; pin: `"latest"`, a number, an id or a
/// label; run: a `RunCreate` mapping without `main_prompt` (the version's
/// text goes there); the keyword arguments are `build_run_create`'s.
///
/// Returns a `Request` dict whose body carries the version's text as
/// `main_prompt` (the per-run override: the workflow's stored prompt is
/// not changed).
///
/// Raises VersionNotFoundError, InvalidArgumentError (`run` already holds
/// another `main_prompt`), ValidationError, PreflightError (with
/// `workflow`: an error-severity issue), InvalidHistoryError.
#[pyfunction]
#[pyo3(
    signature = (
        history, pin, run, *, workflow = Arg::Absent, idempotency_key = None,
        machine_parameters = Arg::Absent, machine_sensitive_parameters = Arg::Absent,
        pool_parameters = Arg::Absent
    ),
    text_signature = "(history, pin, run, *, workflow=None, idempotency_key=None, machine_parameters=None, machine_sensitive_parameters=None, pool_parameters=None)"
)]
#[allow(clippy::too_many_arguments)]
fn build_pinned_run<'py>(
    py: Python<'py>,
    history: &Bound<'py, PyAny>,
    pin: &Bound<'py, PyAny>,
    run: &Bound<'py, PyAny>,
    workflow: Arg<'py>,
    idempotency_key: Option<&Bound<'py, PyAny>>,
    machine_parameters: Arg<'py>,
    machine_sensitive_parameters: Arg<'py>,
    pool_parameters: Arg<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let h = self::history(history).py(py)?;
    let p = self::pin(pin, "pin").py(py)?;
    let run = to_value(run, "run").py(py)?;
    let workflow = workflow.to_value("workflow").py(py)?;
    let key = opt_str_arg(idempotency_key, "idempotency_key").py(py)?;
    let ctx = Context::new(
        &machine_parameters,
        &machine_sensitive_parameters,
        &pool_parameters,
    )
    .py(py)?;
    let opts = RunOptions {
        idempotency_key: key.as_deref(),
        workflow: workflow.as_ref(),
        context: ctx.as_run_context(None),
    };
    let req = py
        .detach(|| cyberdesk_kit::build_pinned_run(&h, &p, &run, opts))
        .py(py)?;
    convert::request_to_py(py, &req)
}

/// The requests of a batch of pinned runs, with deterministic keys.
///
/// history: a `PromptHistory` dict; batch_key: your name for the batch
/// (1 to 1,024 bytes, no line feed); items: a list of `{"pin": ..., "run":
/// {...}, "key": str (optional)}`; the keyword arguments are
/// `build_run_create`'s (no `idempotency_key`: each item's is derived).
///
/// Returns a list of `Request` dicts, one per item, in order. Item i's
/// `Idempotency-Key` is `batch_idempotency_key(batch_key, key or str(i))`,
/// so sending the same batch again never starts a run twice.
///
/// Raises InvalidArgumentError (a malformed item, two items with one key,
/// a bad batch key), and for the first item that can't be built its error
/// (VersionNotFoundError, ValidationError, PreflightError, ...): all or
/// nothing.
#[pyfunction]
#[pyo3(
    signature = (
        history, batch_key, items, *, workflow = Arg::Absent,
        machine_parameters = Arg::Absent, machine_sensitive_parameters = Arg::Absent,
        pool_parameters = Arg::Absent
    ),
    text_signature = "(history, batch_key, items, *, workflow=None, machine_parameters=None, machine_sensitive_parameters=None, pool_parameters=None)"
)]
#[allow(clippy::too_many_arguments)]
fn build_run_batch<'py>(
    py: Python<'py>,
    history: &Bound<'py, PyAny>,
    batch_key: &Bound<'py, PyAny>,
    items: &Bound<'py, PyAny>,
    workflow: Arg<'py>,
    machine_parameters: Arg<'py>,
    machine_sensitive_parameters: Arg<'py>,
    pool_parameters: Arg<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let h = self::history(history).py(py)?;
    let batch_key = str_arg(batch_key, "batch_key").py(py)?;
    let items = to_value(items, "items").py(py)?;
    let workflow = workflow.to_value("workflow").py(py)?;
    let ctx = Context::new(
        &machine_parameters,
        &machine_sensitive_parameters,
        &pool_parameters,
    )
    .py(py)?;
    let opts = RunOptions {
        idempotency_key: None,
        workflow: workflow.as_ref(),
        context: ctx.as_run_context(None),
    };
    let reqs = py
        .detach(|| cyberdesk_kit::build_run_batch(&h, &batch_key, &items, opts))
        .py(py)?;
    let list = PyList::empty(py);
    for r in &reqs {
        list.append(convert::request_to_py(py, r)?)?;
    }
    Ok(list.into_any())
}

/// The `Idempotency-Key` of one item of a batch.
///
/// batch_key: the batch's name (1 to 1,024 bytes, no line feed); item_key:
/// the item's key (1 to 1,024 bytes; `build_run_batch` uses the item's
/// `key` or its position in decimal).
///
/// Returns an RFC 9562 UUID version 8, lowercase: the first 16 bytes of
/// SHA-256(namespace UUID 2757b536-55a0-40ea-bff3-167ccc35dec8 as 16 bytes
/// + UTF-8 batch_key + b"\n" + UTF-8 item_key), version nibble 8, variant
/// bits 10 (as RFC 9562 appendix B.2 builds its example).
///
/// Raises InvalidArgumentError.
#[pyfunction]
#[pyo3(signature = (batch_key, item_key))]
fn batch_idempotency_key(
    py: Python<'_>,
    batch_key: &Bound<'_, PyAny>,
    item_key: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let batch_key = str_arg(batch_key, "batch_key").py(py)?;
    let item_key = str_arg(item_key, "item_key").py(py)?;
    cyberdesk_kit::batch_idempotency_key(&batch_key, &item_key).py(py)
}

/// The smallest update that makes a workflow's stored prompt a version.
///
/// workflow: the workflow (a `WorkflowResponse`, at least `main_prompt`);
/// history: a `PromptHistory` dict; pin: `"latest"`, a number, an id or a
/// label.
///
/// Returns a `WorkflowUpdate` dict: `{"main_prompt": text}`, or `{}` when
/// the stored prompt already is that text (send nothing). Pass it to
/// `build_workflow_update`.
///
/// Raises VersionNotFoundError, InvalidArgumentError, InvalidHistoryError.
#[pyfunction]
#[pyo3(signature = (workflow, history, pin))]
fn diff_prompt_mirror<'py>(
    py: Python<'py>,
    workflow: &Bound<'py, PyAny>,
    history: &Bound<'py, PyAny>,
    pin: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let workflow = to_value(workflow, "workflow").py(py)?;
    let h = self::history(history).py(py)?;
    let p = self::pin(pin, "pin").py(py)?;
    let update = cyberdesk_kit::diff_prompt_mirror(&workflow, &h, &p).py(py)?;
    convert::to_py(py, &update)
}

/// Whether a workflow's stored prompt is a version of the history.
///
/// workflow: the workflow (at least `main_prompt`); history: a
/// `PromptHistory` dict.
///
/// Returns a `PromptDrift` dict `{id, matches, number, labels}`: the
/// stored prompt's content id, whether a version has exactly that text,
/// its number (`None` when none does) and the labels pointing at it.
///
/// Raises InvalidArgumentError (no string `main_prompt`),
/// InvalidHistoryError.
#[pyfunction]
#[pyo3(signature = (workflow, history))]
fn check_prompt_drift<'py>(
    py: Python<'py>,
    workflow: &Bound<'py, PyAny>,
    history: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let workflow = to_value(workflow, "workflow").py(py)?;
    let h = self::history(history).py(py)?;
    let d = py
        .detach(|| cyberdesk_kit::check_prompt_drift(&workflow, &h))
        .py(py)?;
    result_to_py(py, &d)
}

/// Adds this module's functions to the extension module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(prompt_content_id, m)?)?;
    m.add_function(wrap_pyfunction!(create_prompt_history, m)?)?;
    m.add_function(wrap_pyfunction!(parse_prompt_history, m)?)?;
    m.add_function(wrap_pyfunction!(serialize_prompt_history, m)?)?;
    m.add_function(wrap_pyfunction!(add_prompt_version, m)?)?;
    m.add_function(wrap_pyfunction!(move_prompt_label, m)?)?;
    m.add_function(wrap_pyfunction!(select_prompt_version, m)?)?;
    m.add_function(wrap_pyfunction!(compare_prompts, m)?)?;
    m.add_function(wrap_pyfunction!(compare_prompt_versions, m)?)?;
    m.add_function(wrap_pyfunction!(check_prompt_text, m)?)?;
    m.add_function(wrap_pyfunction!(check_prompt_version, m)?)?;
    m.add_function(wrap_pyfunction!(build_pinned_run, m)?)?;
    m.add_function(wrap_pyfunction!(build_run_batch, m)?)?;
    m.add_function(wrap_pyfunction!(batch_idempotency_key, m)?)?;
    m.add_function(wrap_pyfunction!(diff_prompt_mirror, m)?)?;
    m.add_function(wrap_pyfunction!(check_prompt_drift, m)?)?;
    Ok(())
}
