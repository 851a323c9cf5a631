"""Pydantic v2 models of the benchmark's two payload schemas, written by hand
from crates/cyberdesk-kit/spec/openapi.json (WorkflowUpdate and RunCreate
with every nested model they reference).

Strict where JSON Schema is strict: the models are ``strict=True`` (no
``"yes"`` for a boolean, no ``1`` for ``True``, no number for a string), and
enums are ``Literal``s (a strict ``Enum`` field would refuse the plain
string that JSON carries). The two format types are the exception: a
strict ``UUID`` or ``datetime`` field refuses the ``str`` a JSON payload
holds, so those fields are lax (``strict=False``) and parse the string, as
``format: uuid`` / ``format: date-time`` check it. A lax ``datetime`` would
also take a number (a Unix time), which JSON Schema's ``type: string``
refuses, so it is guarded by a ``str`` check first. Unknown fields are
ignored (pydantic's default, and the server's).
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any, Dict, List, Literal, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from typing_extensions import Annotated


def _must_be_str(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError("date-time must be a string")
    return value


UUID = Annotated[uuid.UUID, Field(strict=False)]
DateTime = Annotated[datetime.datetime, Field(strict=False), BeforeValidator(_must_be_str)]


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore")


PostRunCheckType = Literal[
    "run_attachment_exists",
    "run_attachment_image_check",
    "output_data_passes_schema_validation",
    "output_data_agentic_check",
]
PostRunCheckFileTargetMode = Literal["exact", "regex", "loop_items"]


class WorkflowModelMetadata(_Model):
    main_agent_model_id: Optional[UUID] = None
    cache_detection_model_id: Optional[UUID] = None
    fallback_model_1_id: Optional[UUID] = None
    fallback_model_2_id: Optional[UUID] = None


class WorkflowInternalMetadataUpdate(_Model):
    has_unaddressed_error: Optional[bool] = None
    last_errored_run_start: Optional[DateTime] = None
    last_errored_run_uuid: Optional[UUID] = None


class WorkflowPostRunCheckUpsert(_Model):
    name: Annotated[str, Field(min_length=1, max_length=255)]
    description: Optional[str] = None
    type: PostRunCheckType
    file_target_mode: Optional[PostRunCheckFileTargetMode] = None
    file_names: Optional[List[str]] = None
    file_name_regex: Optional[str] = None
    expected_match_count: Optional[Annotated[int, Field(ge=1)]] = None
    expected_match_count_ref: Optional[str] = None
    loop_input: Optional[str] = None
    loop_item_filename_template: Optional[str] = None
    allow_missing_attachments: bool = False
    check_prompt: Optional[str] = None
    model: Optional[UUID] = None
    id: Optional[UUID] = None


class WorkflowUpdate(_Model):
    name: Optional[Annotated[str, Field(max_length=255)]] = None
    main_prompt: Optional[Annotated[str, Field(min_length=1)]] = None
    input_schema: Optional[str] = None
    output_schema: Optional[str] = None
    includes_file_exports: Optional[bool] = None
    is_webhooks_enabled: Optional[bool] = None
    terminal_command_allowlist: Optional[List[str]] = None
    model_metadata: Optional[WorkflowModelMetadata] = None
    post_run_check_failure_cleanup_prompt: Optional[str] = None
    workflow_metadata: Optional[WorkflowInternalMetadataUpdate] = None
    post_run_checks: Optional[List[WorkflowPostRunCheckUpsert]] = None


class FileInput(_Model):
    filename: str
    content: str
    target_path: Optional[str] = None
    cleanup_imports_after_run: bool = False


class RunCreate(_Model):
    workflow_id: UUID
    is_priority: bool = False
    main_prompt: Optional[Annotated[str, Field(min_length=1)]] = None
    main_agent_model_id: Optional[UUID] = None
    model_metadata: Optional[WorkflowModelMetadata] = None
    machine_id: Optional[UUID] = None
    pool_ids: Optional[List[UUID]] = None
    input_values: Optional[Dict[str, Any]] = None
    file_inputs: Optional[List[FileInput]] = None
    sensitive_input_values: Optional[Dict[str, Any]] = None
    session_id: Optional[UUID] = None
    start_session: Optional[bool] = False
    session_alias: Optional[str] = None
    release_session_after: Optional[bool] = None


MODELS = {"WorkflowUpdate": WorkflowUpdate, "RunCreate": RunCreate}
