"""cyberdesk_kit: build, check and read Cyberdesk API requests.

Payload builders with OpenAPI validation in the server's 422 shape,
prompt-variable resolution, run preflight, response decoding and the
retry policy, from one Rust core shared with the Rust crate and the npm
package. The functions do no I/O; :class:`Client` is a small
standard-library HTTP client built on them.

Importing this package imports nothing outside the standard library.
"""

from cyberdesk_kit._cyberdesk_kit import (
    ERROR_CODES,
    ISSUE_CODES,
    MAX_DEPTH,
    Spec,
    __version__,
    apply_workflow_update,
    build_get_workflow,
    build_run_create,
    build_workflow_update,
    diff_workflow_update,
    load_spec,
    new_idempotency_key,
    parse_prompt,
    parse_response,
    preflight_run,
    resolve_prompt,
    retry_delay,
    validate,
)
from cyberdesk_kit.client import DEFAULT_BASE_URL, Client
from cyberdesk_kit.errors import (
    ApiError,
    CyclicValueError,
    InternalError,
    InvalidArgumentError,
    InvalidJsonError,
    InvalidResponseError,
    InvalidSpecError,
    InvalidStringError,
    KitError,
    PreflightError,
    TooDeepError,
    TooLargeError,
    UnknownOperationError,
    UnknownSchemaError,
    UnsupportedValueError,
    ValidationError,
)
from cyberdesk_kit.types import (
    ErrorCode,
    ErrorDetails,
    FileInput,
    Issue,
    IssueCode,
    Preflight,
    Request,
    Resolution,
    RunCreate,
    RunResponse,
    Variable,
    WorkflowModelMetadata,
    WorkflowPostRunCheckUpsert,
    WorkflowResponse,
    WorkflowUpdate,
)

__all__ = [
    # operations
    "parse_prompt",
    "resolve_prompt",
    "validate",
    "build_workflow_update",
    "build_get_workflow",
    "diff_workflow_update",
    "apply_workflow_update",
    "build_run_create",
    "preflight_run",
    "parse_response",
    "retry_delay",
    "new_idempotency_key",
    "load_spec",
    "Spec",
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
    "TooDeepError",
    "TooLargeError",
    "UnsupportedValueError",
    "CyclicValueError",
    "InvalidStringError",
    "InternalError",
    # constants
    "ERROR_CODES",
    "ISSUE_CODES",
    "MAX_DEPTH",
    "__version__",
    # types
    "ErrorCode",
    "IssueCode",
    "ErrorDetails",
    "Issue",
    "Variable",
    "Resolution",
    "Preflight",
    "Request",
    "WorkflowUpdate",
    "WorkflowModelMetadata",
    "WorkflowPostRunCheckUpsert",
    "FileInput",
    "RunCreate",
    "WorkflowResponse",
    "RunResponse",
]
