"""cyberdesk_kit: build, check and read Cyberdesk API requests.

Payload builders with OpenAPI validation in the server's 422 shape,
prompt-variable resolution, run preflight, response decoding and the
retry policy, from one Rust core shared with the Rust crate and the npm
package. The functions do no I/O; :class:`Client` is a small
standard-library HTTP client built on them.

Importing this package imports nothing outside the standard library, and
not the HTTP parts of it either: :class:`Client` (``http.client``, ``ssl``,
``email``: most of an import's time) is loaded when first used.
"""

from __future__ import annotations

# typing.TYPE_CHECKING without importing typing (about two thirds of a cold
# import's time): mypy and pyright take any name TYPE_CHECKING as true.
TYPE_CHECKING = False

from cyberdesk_kit._cyberdesk_kit import (
    ERROR_CODES,
    ISSUE_CODES,
    MAX_DEPTH,
    Spec,
    __version__,
    add_prompt_version,
    apply_workflow_update,
    batch_idempotency_key,
    build_pinned_run,
    build_run_batch,
    build_get_run,
    build_get_workflow,
    build_run_create,
    build_workflow_update,
    check_prompt_drift,
    check_prompt_text,
    check_prompt_version,
    compare_prompt_versions,
    compare_prompts,
    create_prompt_history,
    diff_prompt_mirror,
    diff_workflow_update,
    is_terminal_run_status,
    load_spec,
    move_prompt_label,
    new_idempotency_key,
    parse_prompt,
    parse_prompt_history,
    parse_response,
    poll_delay,
    preflight_run,
    prompt_content_id,
    resolve_prompt,
    resolve_prompt_text,
    retry_delay,
    select_prompt_version,
    serialize_prompt_history,
    validate,
    validate_instance,
)

if TYPE_CHECKING:
    from typing import Any, List

    from cyberdesk_kit.client import DEFAULT_BASE_URL, Client
    from cyberdesk_kit.types import (
        BatchItem,
        LineChange,
        Pin,
        PromptComparison,
        PromptDrift,
        PromptHistory,
        PromptVersion,
        SelectedVersion,
        VariableRef,
        ErrorCode,
        Draft,
        ErrorDetails,
        FileInput,
        IncludedResource,
        Issue,
        IssueCode,
        PostRunCheckStatus,
        Preflight,
        Request,
        Resolution,
        ResolvedText,
        RunCreate,
        RunPostRunCheckSnapshot,
        RunResponse,
        RunResponseWithIncludes,
        Variable,
        WorkflowModelMetadata,
        WorkflowPostRunCheckUpsert,
        WorkflowResponse,
        WorkflowUpdate,
    )
from cyberdesk_kit.errors import (
    ApiError,
    CyclicValueError,
    InternalError,
    InvalidArgumentError,
    InvalidJsonError,
    InvalidResponseError,
    InvalidSchemaError,
    InvalidSpecError,
    InvalidStringError,
    InvalidHistoryError,
    VersionNotFoundError,
    DuplicateVersionError,
    KitError,
    PreflightError,
    TooDeepError,
    TooLargeError,
    UnknownOperationError,
    UnknownSchemaError,
    UnsupportedValueError,
    ValidationError,
    WaitTimeoutError,
)

__all__ = [
    # operations
    "parse_prompt",
    "resolve_prompt",
    "resolve_prompt_text",
    "validate",
    "validate_instance",
    "build_workflow_update",
    "build_get_workflow",
    "build_get_run",
    "diff_workflow_update",
    "apply_workflow_update",
    "build_run_create",
    "preflight_run",
    "parse_response",
    "retry_delay",
    "poll_delay",
    "is_terminal_run_status",
    "new_idempotency_key",
    "load_spec",
    "Spec",
    # prompt versions
    "prompt_content_id",
    "create_prompt_history",
    "parse_prompt_history",
    "serialize_prompt_history",
    "add_prompt_version",
    "move_prompt_label",
    "select_prompt_version",
    "compare_prompts",
    "compare_prompt_versions",
    "check_prompt_text",
    "check_prompt_version",
    "build_pinned_run",
    "build_run_batch",
    "batch_idempotency_key",
    "diff_prompt_mirror",
    "check_prompt_drift",
    "PromptHistory",
    "PromptVersion",
    "SelectedVersion",
    "Pin",
    "VariableRef",
    "LineChange",
    "PromptComparison",
    "PromptDrift",
    "BatchItem",
    # client
    "Client",
    "DEFAULT_BASE_URL",
    # errors
    "KitError",
    "ValidationError",
    "PreflightError",
    "ApiError",
    "InvalidResponseError",
    "InvalidJsonError",
    "InvalidArgumentError",
    "UnknownSchemaError",
    "UnknownOperationError",
    "InvalidSpecError",
    "InvalidSchemaError",
    "TooDeepError",
    "TooLargeError",
    "UnsupportedValueError",
    "CyclicValueError",
    "InvalidStringError",
    "InvalidHistoryError",
    "VersionNotFoundError",
    "DuplicateVersionError",
    "InternalError",
    "WaitTimeoutError",
    # constants
    "ERROR_CODES",
    "ISSUE_CODES",
    "MAX_DEPTH",
    "__version__",
    # types
    "ErrorCode",
    "IssueCode",
    "Draft",
    "ErrorDetails",
    "Issue",
    "Variable",
    "Resolution",
    "ResolvedText",
    "Preflight",
    "Request",
    "WorkflowUpdate",
    "WorkflowModelMetadata",
    "WorkflowPostRunCheckUpsert",
    "FileInput",
    "RunCreate",
    "WorkflowResponse",
    "RunResponse",
    "RunResponseWithIncludes",
    "RunPostRunCheckSnapshot",
    "PostRunCheckStatus",
    "IncludedResource",
]


# What __all__ names but this module has not defined yet is loaded on first
# use (PEP 562): the HTTP client (http.client, ssl, email) and the TypedDicts
# of cyberdesk_kit.types (typing and their classes), most of an import's time.
_CLIENT = ("Client", "DEFAULT_BASE_URL")
_LAZY = tuple(n for n in __all__ if n not in globals())


def __getattr__(name: str) -> Any:
    """Loads the HTTP client and the TypedDicts on first use (PEP 562)."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    source = importlib.import_module("cyberdesk_kit.client" if name in _CLIENT else "cyberdesk_kit.types")
    value = getattr(source, name)
    globals()[name] = value
    return value


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(_LAZY))
