"""Types of cyberdesk_kit: the shapes it takes and gives, and its codes.

Everything here is a ``TypedDict`` or a ``Literal``: plain ``dict``,
``list`` and ``str`` at run time, precise types for mypy and editors. They
live in a real module (not only in the ``.pyi`` stub) so that user code can
import them at run time, e.g. ``from cyberdesk_kit import RunCreate``.

Payload field names are the wire names. A payload key that is absent is
left out of the request; a key set to ``None`` is sent as ``null``.
"""

from typing import TYPE_CHECKING, Any, Dict, List, Literal, Optional, TypedDict, Union

if TYPE_CHECKING:  # not imported at run time: importing the package stays cheap
    from uuid import UUID

__all__ = [
    "PromptVersion",
    "PromptHistory",
    "SelectedVersion",
    "Pin",
    "VariableRef",
    "LineChange",
    "PromptComparison",
    "PromptDrift",
    "BatchItem",
    "ErrorCode",
    "IssueCode",
    "Severity",
    "VariableKind",
    "LocItem",
    "ErrorDetails",
    "Issue",
    "Variable",
    "Resolution",
    "ResolvedText",
    "Preflight",
    "Request",
    "WorkflowModelMetadata",
    "PostRunCheckType",
    "PostRunCheckFileTargetMode",
    "WorkflowPostRunCheckUpsert",
    "WorkflowUpdate",
    "FileInput",
    "RunCreate",
    "RunStatus",
    "WorkflowResponse",
    "IncludedResource",
    "PostRunCheckStatus",
    "RunPostRunCheckSnapshot",
    "RunResponse",
    "RunResponseWithIncludes",
    "Operation",
    "SchemaName",
    "Draft",
]

# The codes, in the core's table order. A test checks these against the
# native module's ERROR_CODES and ISSUE_CODES, which come from the core.
ErrorCode = Literal[
    "validation_error",
    "preflight_error",
    "api_error",
    "invalid_response",
    "invalid_json",
    "invalid_argument",
    "unknown_schema",
    "unknown_operation",
    "invalid_spec",
    "invalid_schema",
    "too_deep",
    "too_large",
    "unsupported_value",
    "cyclic_value",
    "invalid_string",
    "invalid_history",
    "version_not_found",
    "duplicate_version",
    "internal_error",
    "wait_timeout",
]

IssueCode = Literal[
    "unknown_field",
    "missing_input",
    "missing_sensitive_input",
    "path_type_error",
    "deferred_ref",
    "unused_input",
    "unused_sensitive_input",
    "malformed_variable",
    "input_schema_violation",
    "invalid_input_schema",
    "deferred_required_input",
    "skip_checks_not_authorized",
    "invalid_run_field",
    "pool_ids_ignored",
    "session_overrides_machine",
    "override_matches_stored",
    "post_run_check_incomplete",
    "duplicate_post_run_check",
    "empty_update",
    "schema_keywords_unchecked",
    "input_format_mismatch",
    "pattern_undecided",
    "schema_ref_unresolved",
    "undeclared_variable",
    "required_input_unused",
    "regex_not_portable",
]

Severity = Literal["error", "warning", "info"]
VariableKind = Literal["input", "sensitive", "runtime"]
Operation = Literal["update_workflow", "get_workflow", "create_run", "get_run"]
Draft = Literal["draft4", "draft6", "draft7", "draft2019-09", "draft2020-12"]
"""A JSON Schema draft, as ``validate_instance`` names it."""

SchemaName = Literal[
    "WorkflowUpdate",
    "WorkflowResponse",
    "WorkflowModelMetadata",
    "WorkflowPostRunCheckUpsert",
    "FileInput",
    "RunCreate",
    "RunResponse",
    "RunResponseWithIncludes",
    "RunStatus",
    "PostRunCheckStatus",
    "RunPostRunCheckSnapshot",
    "IncludedResource",
]

#: One segment of a location: a field name or a list index.
LocItem = Union[str, int]


class _ErrorDetailsBase(TypedDict):
    loc: List[LocItem]
    msg: str
    type: str


class ErrorDetails(_ErrorDetailsBase, total=False):
    """One validation problem, in the server's 422 shape: ``loc`` starts
    with ``"body"`` (or ``"path"``, ``"header"``, ``"response"``), ``type``
    is the pydantic error type. ``ctx`` holds limits, never input values."""

    ctx: Dict[str, Any]


class _IssueBase(TypedDict):
    code: IssueCode
    severity: Severity
    message: str


class Issue(_IssueBase, total=False):
    """A finding that does not stop an operation by itself."""

    variable: str
    loc: List[LocItem]


class Variable(TypedDict):
    """A prompt variable. ``text[start:end] == raw`` in Python ``str``
    indices; ``root`` never includes the sigil."""

    kind: VariableKind
    root: str
    path: List[Union[str, int]]
    raw: str
    start: int
    end: int


class Resolution(TypedDict):
    """The result of ``resolve_prompt``."""

    text: str
    variables: List[Variable]
    issues: List[Issue]


class ResolvedText(TypedDict):
    """The result of ``resolve_prompt_text``: a :class:`Resolution` without
    the variable list. ``text`` and ``issues`` equal those
    ``resolve_prompt`` returns for the same arguments."""

    text: str
    issues: List[Issue]


class Preflight(TypedDict):
    """The result of ``preflight_run``."""

    prompt_source: Literal["override", "workflow"]
    resolved_prompt: str
    variables: List[Variable]
    issues: List[Issue]


class Request(TypedDict):
    """A request for the host to send. ``body`` is compact JSON; add
    ``Authorization: Bearer <api key>`` yourself (the client does)."""

    method: Literal["GET", "POST", "PATCH", "PUT", "DELETE"]
    path: str
    headers: Dict[str, str]
    body: str
    idempotency_key: Optional[str]
    warnings: List[Issue]


class WorkflowModelMetadata(TypedDict, total=False):
    main_agent_model_id: Optional[str]
    cache_detection_model_id: Optional[str]
    fallback_model_1_id: Optional[str]
    fallback_model_2_id: Optional[str]


PostRunCheckType = Literal[
    "run_attachment_exists",
    "run_attachment_image_check",
    "output_data_passes_schema_validation",
    "output_data_agentic_check",
]
PostRunCheckFileTargetMode = Literal["exact", "regex", "loop_items"]


class _PostRunCheckBase(TypedDict):
    name: str
    type: PostRunCheckType


class WorkflowPostRunCheckUpsert(_PostRunCheckBase, total=False):
    description: Optional[str]
    file_target_mode: Optional[PostRunCheckFileTargetMode]
    file_names: Optional[List[str]]
    file_name_regex: Optional[str]
    expected_match_count: Optional[int]
    expected_match_count_ref: Optional[str]
    loop_input: Optional[str]
    loop_item_filename_template: Optional[str]
    allow_missing_attachments: bool
    check_prompt: Optional[str]
    model: Optional[str]
    id: Optional[str]


class WorkflowUpdate(TypedDict, total=False):
    """``PATCH /v1/workflows/{id}``: absent keys stay unchanged, ``None``
    clears."""

    name: Optional[str]
    main_prompt: Optional[str]
    input_schema: Optional[str]
    output_schema: Optional[str]
    includes_file_exports: Optional[bool]
    is_webhooks_enabled: Optional[bool]
    terminal_command_allowlist: Optional[List[str]]
    model_metadata: Optional[WorkflowModelMetadata]
    post_run_check_failure_cleanup_prompt: Optional[str]
    workflow_metadata: Optional[Dict[str, Any]]
    post_run_checks: Optional[List[WorkflowPostRunCheckUpsert]]


class _FileInputBase(TypedDict):
    filename: str
    content: str


class FileInput(_FileInputBase, total=False):
    target_path: Optional[str]
    cleanup_imports_after_run: bool


class _RunCreateBase(TypedDict):
    workflow_id: "Union[str, UUID]"  # a UUID is written as its canonical text


class RunCreate(_RunCreateBase, total=False):
    """``POST /v1/runs``. ``main_prompt`` overrides the workflow's stored
    prompt for this run only."""

    is_priority: bool
    main_prompt: Optional[str]
    main_agent_model_id: Optional[str]
    model_metadata: Optional[WorkflowModelMetadata]
    machine_id: Optional[str]
    pool_ids: Optional[List[str]]
    input_values: Optional[Dict[str, Any]]
    file_inputs: Optional[List[FileInput]]
    sensitive_input_values: Optional[Dict[str, Any]]
    session_id: Optional[str]
    start_session: Optional[bool]
    session_alias: Optional[str]
    release_session_after: Optional[bool]


RunStatus = Literal[
    "scheduling", "running", "running_checks", "success", "task_failed", "error", "cancelled"
]


class _WorkflowResponseBase(TypedDict):
    id: str
    main_prompt: str
    created_at: str
    updated_at: str


class WorkflowResponse(_WorkflowResponseBase, total=False):
    """A workflow as the API returns it (the fields this package knows)."""

    name: Optional[str]
    input_schema: Optional[str]
    output_schema: Optional[str]
    includes_file_exports: bool
    is_webhooks_enabled: bool
    terminal_command_allowlist: Optional[List[str]]
    model_metadata: Optional[WorkflowModelMetadata]
    post_run_check_failure_cleanup_prompt: Optional[str]
    user_id: Optional[str]
    organization_id: Optional[str]
    includes_input_variables: bool
    workflow_metadata: Optional[Dict[str, Any]]
    old_versions: Optional[List[Dict[str, Any]]]
    tags: Optional[List[Dict[str, Any]]]
    post_run_checks: Optional[List[Dict[str, Any]]]
    #: What ``build_get_workflow(..., include=[...])`` asked for.
    included: Optional[List["IncludedResource"]]


class IncludedResource(TypedDict):
    """A related resource in a response's ``included`` list: its ``type``
    (``"tag"``, ...), its ``id`` (a UUID) and the resource's other fields,
    which a ``TypedDict`` can't name: read them with ``r.get(...)``."""

    type: str
    id: str


PostRunCheckStatus = Literal["cancelled", "failed", "infra_error", "pending", "running", "success"]


class _RunPostRunCheckSnapshotBase(TypedDict):
    status: PostRunCheckStatus


class RunPostRunCheckSnapshot(_RunPostRunCheckSnapshotBase, total=False):
    """One post-run check of a run: the check as it was when the run
    started (``snapshot_version``) and its result."""

    id: Optional[str]
    post_run_check_id: Optional[str]
    snapshot_version: Optional[int]
    name: Optional[str]
    description: Optional[str]
    type: Optional[PostRunCheckType]
    order: Optional[int]
    file_target_mode: Optional[PostRunCheckFileTargetMode]
    file_names: Optional[List[str]]
    file_name_regex: Optional[str]
    expected_match_count: Optional[int]
    expected_match_count_ref: Optional[str]
    loop_input: Optional[str]
    loop_item_filename_template: Optional[str]
    allow_missing_attachments: bool
    check_prompt: Optional[str]
    model: Optional[str]
    started_at: Optional[str]
    ended_at: Optional[str]
    error_message: Optional[str]
    messages: Optional[List[str]]
    matched_filenames: Optional[List[str]]


class _RunResponseBase(TypedDict):
    id: str
    workflow_id: str
    #: Required, and ``None`` until a machine is assigned.
    machine_id: Optional[str]
    status: RunStatus
    created_at: str


class _RunFields(TypedDict, total=False):
    """The optional fields of a run, shared by both response shapes."""

    user_id: Optional[str]
    organization_id: Optional[str]
    is_priority: bool
    error: Optional[List[str]]
    output_data: Optional[Dict[str, Any]]
    input_attachment_ids: Optional[List[str]]
    output_attachment_ids: Optional[List[str]]
    run_message_history: Optional[List[Dict[str, Any]]]
    input_values: Optional[Dict[str, Any]]
    main_prompt: Optional[str]
    model_metadata: Optional[WorkflowModelMetadata]
    pool_ids: Optional[List[str]]
    sensitive_input_aliases: Optional[Dict[str, Any]]
    usage_metadata: Optional[Dict[str, Any]]
    post_run_checks: Optional[List[RunPostRunCheckSnapshot]]
    session_id: Optional[str]
    session_alias: Optional[str]
    release_session_after: Optional[bool]
    started_at: Optional[str]
    ended_at: Optional[str]


class RunResponse(_RunResponseBase, _RunFields, total=False):
    """A run as the API returns it: the 25 fields of the official SDK's
    ``RunResponse`` (cyberdesk 2.2.69). Date-times are kept as the server
    wrote them (possibly without a zone)."""


class _RunResponseWithIncludesBase(TypedDict):
    id: str
    workflow_id: str
    status: RunStatus
    created_at: str


class RunResponseWithIncludes(_RunResponseWithIncludesBase, _RunFields, total=False):
    """A run as ``GET /v1/runs/{run_id}`` returns it (``get_run``): the
    official SDK's ``RunResponseWithIncludes`` (cyberdesk 2.2.69), which is
    ``RunResponse`` with ``machine_id`` optional and the ``included`` list
    asked for with ``include=``."""

    machine_id: Optional[str]
    included: Optional[List[IncludedResource]]


# --- prompt versions (issue 10) --------------------------------------------

class _PromptVersionBase(TypedDict):
    number: int
    id: str
    text: str


class PromptVersion(_PromptVersionBase, total=False):
    """One version of a prompt history: ``number`` (1, 2, 3, ... in the
    order added), ``id`` (``"sha256:"`` + the lowercase hex SHA-256 of the
    text's UTF-8 bytes), ``text``, and the optional ``note`` and
    ``created_at`` (RFC 3339, given by the caller)."""

    note: str
    created_at: str


class PromptHistory(TypedDict):
    """A prompt history document, format ``version`` 1: ``versions`` in
    number order and ``labels`` mapping a name to a version number
    (``latest`` is implied, never stored). Plain JSON: store it anywhere."""

    version: int
    versions: List[PromptVersion]
    labels: Dict[str, int]


class SelectedVersion(PromptVersion):
    """A version as ``select_prompt_version`` gives it, with the labels
    pointing at it (``latest`` included), sorted."""

    labels: List[str]


Pin = Union[int, str]
"""What selects a version: ``"latest"``, a number, an id
(``"sha256:..."``) or a label name."""


class VariableRef(TypedDict):
    """A variable by kind, root and path (how it is first written in
    ``raw``)."""

    kind: VariableKind
    root: str
    path: List[Union[str, int]]
    raw: str


class LineChange(TypedDict):
    """A run of the line diff: ``op``, where it starts in each text
    (0-based indices into ``text.split("\n")``) and its lines."""

    op: Literal["equal", "delete", "insert"]
    old_start: int
    new_start: int
    lines: List[str]


class PromptComparison(TypedDict):
    """What changes from one prompt text to another (``compare_prompts``)."""

    changed: bool
    variables_added: List[VariableRef]
    variables_removed: List[VariableRef]
    inputs_newly_needed: List[str]
    sensitive_added: List[str]
    skip_checks_wording: Literal["unchanged", "added", "removed"]
    lines: List[LineChange]


class PromptDrift(TypedDict):
    """Whether a workflow's stored prompt is a version (``check_prompt_drift``):
    its content ``id``, whether it ``matches``, the version ``number``
    (``None`` when none) and the ``labels`` of that version."""

    id: str
    matches: bool
    number: Optional[int]
    labels: List[str]


class _BatchItemBase(TypedDict):
    pin: Pin
    run: "RunCreate"


class BatchItem(_BatchItemBase, total=False):
    """One run of ``build_run_batch``: the version's ``pin``, the ``run``
    (without ``main_prompt``) and an optional ``key`` naming the item (its
    position in decimal when absent), from which its idempotency key is
    derived."""

    key: str
