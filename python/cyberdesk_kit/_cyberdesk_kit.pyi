"""Type stubs of the native module ``cyberdesk_kit._cyberdesk_kit``.

Hand-written and machine-checked: ``mypy.stubtest`` compares them with the
built module, and a test compares the ``ErrorCode`` / ``IssueCode``
literals (``cyberdesk_kit.types``) with ``ERROR_CODES`` / ``ISSUE_CODES``,
which the core itself exports.

A payload argument that is not passed is absent; one passed as ``None`` is
JSON ``null``. Results are plain ``dict``/``list``/``str``/``int``/
``float``/``bool``/``None``.
"""

from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, Tuple, Union, final, overload
from uuid import UUID

from cyberdesk_kit.types import Operation, RunResponse, RunResponseWithIncludes, SchemaName, WorkflowResponse

from cyberdesk_kit.types import (
    BatchItem,
    Issue,
    Pin,
    PromptComparison,
    PromptDrift,
    PromptHistory,
    SelectedVersion,
    Draft,
    ErrorDetails,
    Preflight,
    Request,
    Resolution,
    ResolvedText,
    RunCreate,
    Variable,
    WorkflowUpdate,
)

_Headers = Union[Mapping[str, str], Iterable[Tuple[str, str]]]
_Json = Any

ERROR_CODES: Tuple[str, ...]
"""Every error code, in the core's table order."""
ISSUE_CODES: Tuple[str, ...]
"""Every issue code, in the core's table order."""
MAX_DEPTH: int
"""The deepest nesting any value may have (128)."""
__version__: str
__all__ = [
    "ERROR_CODES",
    "ISSUE_CODES",
    "MAX_DEPTH",
    "Spec",
    "_ERROR_CLASSES",
    "__version__",
    "_is_plain",
    "_redacted_body",
    "_roundtrip",
    "_validate_json",
    "add_prompt_version",
    "apply_workflow_update",
    "batch_idempotency_key",
    "build_pinned_run",
    "build_run_batch",
    "check_prompt_drift",
    "check_prompt_text",
    "check_prompt_version",
    "compare_prompt_versions",
    "compare_prompts",
    "create_prompt_history",
    "diff_prompt_mirror",
    "move_prompt_label",
    "parse_prompt_history",
    "prompt_content_id",
    "select_prompt_version",
    "serialize_prompt_history",
    "build_get_run",
    "build_get_workflow",
    "build_run_create",
    "build_workflow_update",
    "diff_workflow_update",
    "is_terminal_run_status",
    "load_spec",
    "new_idempotency_key",
    "parse_prompt",
    "parse_response",
    "poll_delay",
    "preflight_run",
    "resolve_prompt",
    "resolve_prompt_text",
    "retry_delay",
    "validate",
    "validate_instance",
]
_ERROR_CLASSES: Dict[str, str]

@final
class Spec:
    """A compiled OpenAPI document, from :func:`load_spec`."""

    def schema_names(self) -> List[str]:
        """The component schema names, in document order."""
    def property_names(self, schema_name: str) -> List[str]:
        """The declared property names of an object component, in schema order."""

def parse_prompt(text: str) -> List[Variable]:
    """Every variable of ``text``, in order; ``text[v["start"]:v["end"]] == v["raw"]``."""

def resolve_prompt(
    text: str,
    input_values: Optional[Mapping[str, _Json]] = None,
    sensitive_input_values: Optional[Mapping[str, _Json]] = None,
) -> Resolution:
    """Input variables replaced, sensitive and runtime ones kept verbatim,
    escapes removed, ``__EMPTY__`` for missing paths. Problems are issues,
    never exceptions."""

def resolve_prompt_text(
    text: str,
    input_values: Optional[Mapping[str, _Json]] = None,
    sensitive_input_values: Optional[Mapping[str, _Json]] = None,
) -> ResolvedText:
    """``{text, issues}``: exactly the ``text`` and ``issues`` of
    :func:`resolve_prompt` for the same arguments, without the variable list
    (cheaper: no dict per variable). Sensitive variables stay as written;
    no message quotes a value. Raises what ``resolve_prompt`` raises."""

@overload
def validate(schema_name: SchemaName, payload: _Json, *, spec: None = None) -> List[ErrorDetails]:
    """The problems of ``payload`` against the named component schema, in
    the server's 422 shape; ``[]`` when valid. ``schema_name`` is one of the
    embedded document's component names (a ``Literal``, so a typo is a type
    error), or any name of the document given as ``spec``."""
@overload
def validate(schema_name: str, payload: _Json, *, spec: Spec) -> List[ErrorDetails]: ...

def validate_instance(
    schema: _Json, instance: _Json, *, draft: Optional[Draft] = None
) -> List[ErrorDetails]:
    """Applies a user's JSON Schema (a value, or its JSON text as Cyberdesk
    stores ``input_schema``) to ``instance``, following the standard draft by
    draft: ``draft`` is ``"draft4"``, ``"draft6"``, ``"draft7"``,
    ``"draft2019-09"`` or ``"draft2020-12"``, else the one ``$schema`` names,
    else 2020-12. Returns every error (``loc`` is the path inside the
    instance), ``[]`` when valid. ``format`` is an annotation; patterns are
    ECMA-262. Raises :class:`~cyberdesk_kit.InvalidSchemaError`
    (``invalid_schema``) for a schema that is not one and
    :class:`~cyberdesk_kit.InvalidArgumentError` for an unknown draft."""

def _validate_json(schema_name: str, payload_json: str, *, spec: Optional[Spec] = None) -> List[ErrorDetails]: ...
def _roundtrip(value: _Json) -> _Json: ...
def _redacted_body(body: str) -> str: ...
def _is_plain(value: object) -> bool: ...
def build_workflow_update(
    workflow_id: Union[str, UUID],
    update: WorkflowUpdate,
    *,
    idempotency_key: Optional[str] = None,
    spec: Optional[Spec] = None,
) -> Request:
    """The ``PATCH /v1/workflows/{workflow_id}`` request. Raises
    :class:`~cyberdesk_kit.ValidationError` listing every problem."""

def build_get_workflow(
    workflow_id: Union[str, UUID], *, include: Union[List[str], str, None] = None
) -> Request:
    """The ``GET /v1/workflows/{workflow_id}`` request. The id may be in any
    form the server's UUID parser takes (hyphenated, 32 hex digits, braced,
    ``urn:uuid:``); it is percent-encoded into the path.

    ``include`` is the query parameter naming the related resources the
    response should carry in its ``included`` list: a list of names
    (``["tags", "post_run_checks"]``, joined with commas; ``[]`` sends
    ``include=``, asking for none) or one comma-separated string sent as is
    (the official SDK's form). ``None`` leaves it out (the server then
    includes tags and post-run checks).

    Raises :class:`~cyberdesk_kit.ValidationError` when the id is not a
    UUID, :class:`~cyberdesk_kit.InvalidArgumentError` when ``include`` is
    neither a string nor a list of non-empty names without commas."""

def build_get_run(
    run_id: Union[str, UUID], *, include: Union[List[str], str, None] = None
) -> Request:
    """The ``GET /v1/runs/{run_id}`` request (decode the answer with
    ``parse_response("get_run", ...)``). ``include`` names related
    resources (``workflow``, ``machine``, ``machine.pools``) as for
    :func:`build_get_workflow`.

    Raises :class:`~cyberdesk_kit.ValidationError` when the id is not a
    UUID (``loc`` ``["path", "run_id"]``),
    :class:`~cyberdesk_kit.InvalidArgumentError` for a bad ``include``."""

def poll_delay(
    attempt: int,
    elapsed: float,
    *,
    initial_delay: Optional[float] = None,
    max_delay: Optional[float] = None,
    timeout: Optional[float] = None,
) -> float:
    """Seconds to sleep after poll number ``attempt`` (0 after the first) of
    a run, ``elapsed`` seconds after the wait began (the host keeps the
    clock): ``initial_delay * 2**attempt`` (default 1.0) capped at
    ``max_delay`` (default 10.0), cut so that the last poll falls on the
    deadline ``timeout`` (default 1800.0; ``math.inf`` for none). Never
    sleeps.

    Raises :class:`~cyberdesk_kit.WaitTimeoutError` once ``elapsed``
    reaches ``timeout``; :class:`~cyberdesk_kit.InvalidArgumentError` for a
    negative or non-finite ``elapsed``, a delay not above 0, ``max_delay``
    below ``initial_delay``, a negative ``timeout``."""

def is_terminal_run_status(status: str) -> bool:
    """Whether a run in ``status`` is finished: ``success``,
    ``task_failed``, ``error`` or ``cancelled``."""

def diff_workflow_update(current: Mapping[str, _Json], desired: Mapping[str, _Json]) -> WorkflowUpdate:
    """The smallest update turning ``current`` (a WorkflowResponse) into ``desired``."""

def apply_workflow_update(current: Mapping[str, _Json], update: WorkflowUpdate) -> Dict[str, Any]:
    """``current`` with ``update`` applied the way the server applies a PATCH."""

def build_run_create(
    run: RunCreate,
    *,
    workflow: Optional[Mapping[str, _Json]] = None,
    idempotency_key: Optional[str] = None,
    machine_parameters: Optional[Mapping[str, _Json]] = None,
    machine_sensitive_parameters: Optional[Mapping[str, _Json]] = None,
    pool_parameters: Optional[Mapping[str, _Json]] = None,
    spec: Optional[Spec] = None,
) -> Request:
    """The ``POST /v1/runs`` request. With ``workflow``, the run is
    preflighted and an error raises :class:`~cyberdesk_kit.PreflightError`."""

def preflight_run(
    run: RunCreate,
    workflow: Mapping[str, _Json],
    *,
    machine_parameters: Optional[Mapping[str, _Json]] = None,
    machine_sensitive_parameters: Optional[Mapping[str, _Json]] = None,
    pool_parameters: Optional[Mapping[str, _Json]] = None,
    spec: Optional[Spec] = None,
) -> Preflight:
    """What the run will do, before it is sent."""

@overload
def parse_response(
    operation: Literal["update_workflow", "get_workflow"],
    status: int,
    headers: Optional[_Headers],
    body: Union[str, bytes],
    *,
    spec: Optional[Spec] = None,
    sensitive_input_values: Optional[Mapping[str, _Json]] = None,
) -> WorkflowResponse: ...
@overload
def parse_response(
    operation: Literal["get_run"],
    status: int,
    headers: Optional[_Headers],
    body: Union[str, bytes],
    *,
    spec: Optional[Spec] = None,
    sensitive_input_values: Optional[Mapping[str, _Json]] = None,
) -> RunResponseWithIncludes: ...
@overload
def parse_response(
    operation: Literal["create_run"],
    status: int,
    headers: Optional[_Headers],
    body: Union[str, bytes],
    *,
    spec: Optional[Spec] = None,
    sensitive_input_values: Optional[Mapping[str, _Json]] = None,
) -> RunResponse:
    """The decoded body of a 2xx response to ``"update_workflow"``,
    ``"get_workflow"``, ``"create_run"`` or ``"get_run"``; raises
    :class:`~cyberdesk_kit.ApiError` for anything else. With
    ``sensitive_input_values`` (what the request sent), any of those values
    (4 characters or more) that the server echoed into the error is
    replaced by ``[redacted]``."""

def retry_delay(
    attempt: int,
    *,
    method: str,
    status: Optional[int] = None,
    headers: Optional[_Headers] = None,
    network_error: bool = False,
    has_idempotency_key: bool = False,
    max_retries: Optional[int] = None,
    now: Optional[float] = None,
    jitter: Optional[float] = None,
) -> Optional[float]:
    """Seconds to wait before retry number ``attempt + 1``, or ``None``
    for "do not retry". Never sleeps."""

def new_idempotency_key() -> str:
    """A fresh UUID v4, lowercase."""

def load_spec(text: str) -> Spec:
    """Compiles an OpenAPI document given as JSON text."""

# --- prompt versions (issue 10) ---------------------------------------------

def prompt_content_id(text: str) -> str:
    """``"sha256:"`` + the lowercase hex SHA-256 of the text's UTF-8 bytes."""
def create_prompt_history() -> PromptHistory:
    """A new, empty prompt history."""
def parse_prompt_history(text: str) -> PromptHistory:
    """Reads a stored history document (JSON text), checked."""
def serialize_prompt_history(history: PromptHistory) -> str:
    """The canonical compact JSON of a history."""
def add_prompt_version(
    history: PromptHistory, text: str, *, note: Optional[str] = None, created_at: Optional[str] = None
) -> PromptHistory:
    """The history with a new latest version."""
def move_prompt_label(history: PromptHistory, label: str, to: Optional[Pin]) -> PromptHistory:
    """The history with ``label`` pointing at ``to`` (removed for ``None``)."""
def select_prompt_version(history: PromptHistory, pin: Pin) -> SelectedVersion:
    """The version a pin selects, with its labels."""
def compare_prompts(old: str, new: str) -> PromptComparison:
    """Variables added and removed, inputs newly needed, the line diff."""
def compare_prompt_versions(history: PromptHistory, old: Pin, new: Pin) -> PromptComparison:
    """``compare_prompts`` on two versions."""
def check_prompt_text(text: str, workflow: Mapping[str, _Json]) -> List[Issue]:
    """The preflight rules that need no run, for a prompt text."""
def check_prompt_version(history: PromptHistory, pin: Pin, workflow: Mapping[str, _Json]) -> List[Issue]:
    """``check_prompt_text`` for the version a pin selects."""
def build_pinned_run(
    history: PromptHistory,
    pin: Pin,
    run: RunCreate,
    *,
    workflow: Optional[Mapping[str, _Json]] = None,
    idempotency_key: Optional[str] = None,
    machine_parameters: Optional[Mapping[str, _Json]] = None,
    machine_sensitive_parameters: Optional[Mapping[str, _Json]] = None,
    pool_parameters: Optional[Mapping[str, _Json]] = None,
) -> Request:
    """The POST /v1/runs request running the version a pin selects."""
def build_run_batch(
    history: PromptHistory,
    batch_key: str,
    items: List[BatchItem],
    *,
    workflow: Optional[Mapping[str, _Json]] = None,
    machine_parameters: Optional[Mapping[str, _Json]] = None,
    machine_sensitive_parameters: Optional[Mapping[str, _Json]] = None,
    pool_parameters: Optional[Mapping[str, _Json]] = None,
) -> List[Request]:
    """One request per item, idempotency keys derived from ``batch_key``."""
def batch_idempotency_key(batch_key: str, item_key: str) -> str:
    """The RFC 9562 v8 UUID of one batch item."""
def diff_prompt_mirror(workflow: Mapping[str, _Json], history: PromptHistory, pin: Pin) -> WorkflowUpdate:
    """``{"main_prompt": text}``, or ``{}`` when the stored prompt already is the version."""
def check_prompt_drift(workflow: Mapping[str, _Json], history: PromptHistory) -> PromptDrift:
    """Whether the stored prompt is a version of the history, and which."""
