#!/usr/bin/env python3
"""Checks the shared vectors whose expectations come from pydantic v2
against pydantic itself (the server's validator), so they can be re-checked
when pydantic changes. Not part of CI (pydantic is no dependency of the
kit): run it by hand with pydantic 2 installed.

    python3 tests/pydantic/check_vectors.py

- validate.json: the cases named in PYDANTIC_CASES (date-times, UUIDs,
  enums given any type) are validated by a
  pydantic model holding the same field types as the OpenAPI document,
  through `TypeAdapter.validate_python` (what FastAPI runs on a JSON body:
  lax python mode); `loc`, `type`, `msg` and `ctx.error` must agree.
- parse_response.json: every 2xx `create_run` / `get_workflow` case is read
  by a model with the official SDK's field types (cyberdesk 2.2.69); a case
  that expects a result must pass, one that expects `invalid_response`
  must fail at the same locations with the same types.
"""
import datetime
import enum
import json
import pathlib
import sys
import uuid
from typing import Any, Dict, List, Optional

from pydantic import BaseModel, TypeAdapter, ValidationError

HERE = pathlib.Path(__file__).resolve().parent.parent / "vectors"


class PostRunCheckType(str, enum.Enum):
    a = "run_attachment_exists"
    b = "run_attachment_image_check"
    c = "output_data_passes_schema_validation"
    d = "output_data_agentic_check"


class Mode(str, enum.Enum):
    exact = "exact"
    regex = "regex"
    loop_items = "loop_items"


class Meta(BaseModel):
    has_unaddressed_error: Optional[bool] = None
    last_errored_run_start: Optional[datetime.datetime] = None
    last_errored_run_uuid: Optional[uuid.UUID] = None


class ModelMetadata(BaseModel):
    main_agent_model_id: Optional[uuid.UUID] = None
    cache_detection_model_id: Optional[uuid.UUID] = None
    fallback_model_1_id: Optional[uuid.UUID] = None
    fallback_model_2_id: Optional[uuid.UUID] = None


class Check(BaseModel):
    name: str
    type: PostRunCheckType
    file_target_mode: Optional[Mode] = None


class WorkflowUpdate(BaseModel):
    model_metadata: Optional[ModelMetadata] = None
    workflow_metadata: Optional[Meta] = None
    post_run_checks: Optional[List[Check]] = None


class RunStatus(str, enum.Enum):
    a = "scheduling"
    b = "running"
    c = "running_checks"
    d = "success"
    e = "task_failed"
    f = "error"
    g = "cancelled"


class PostRunCheckStatus(str, enum.Enum):
    a = "cancelled"
    b = "failed"
    c = "infra_error"
    d = "pending"
    e = "running"
    f = "success"


class Snapshot(BaseModel):
    status: PostRunCheckStatus
    id: Optional[uuid.UUID] = None
    post_run_check_id: Optional[uuid.UUID] = None
    snapshot_version: Optional[int] = None
    name: Optional[str] = None
    description: Optional[str] = None
    type: Optional[PostRunCheckType] = None
    order: Optional[int] = None
    file_target_mode: Optional[Mode] = None
    file_names: Optional[List[str]] = None
    file_name_regex: Optional[str] = None
    expected_match_count: Optional[int] = None
    expected_match_count_ref: Optional[str] = None
    loop_input: Optional[str] = None
    loop_item_filename_template: Optional[str] = None
    allow_missing_attachments: bool = False
    check_prompt: Optional[str] = None
    model: Optional[uuid.UUID] = None
    started_at: Optional[datetime.datetime] = None
    ended_at: Optional[datetime.datetime] = None
    error_message: Optional[str] = None
    messages: Optional[List[str]] = None
    matched_filenames: Optional[List[str]] = None


class RunResponse(BaseModel):
    workflow_id: uuid.UUID
    machine_id: Optional[uuid.UUID]
    id: uuid.UUID
    status: RunStatus
    created_at: datetime.datetime
    user_id: Optional[uuid.UUID] = None
    organization_id: Optional[str] = None
    is_priority: bool = False
    error: Optional[List[str]] = None
    output_data: Optional[Dict[str, Any]] = None
    input_attachment_ids: Optional[List[str]] = None
    output_attachment_ids: Optional[List[str]] = None
    run_message_history: Optional[List[Dict[str, Any]]] = None
    input_values: Optional[Dict[str, Any]] = None
    main_prompt: Optional[str] = None
    model_metadata: Optional[ModelMetadata] = None
    pool_ids: Optional[List[uuid.UUID]] = None
    sensitive_input_aliases: Optional[Dict[str, Any]] = None
    usage_metadata: Optional[Dict[str, Any]] = None
    post_run_checks: Optional[List[Snapshot]] = None
    session_id: Optional[uuid.UUID] = None
    session_alias: Optional[str] = None
    release_session_after: Optional[bool] = None
    started_at: Optional[datetime.datetime] = None
    ended_at: Optional[datetime.datetime] = None


class IncludedResource(BaseModel, extra="allow"):
    type: str
    id: uuid.UUID


class WorkflowResponse(BaseModel):
    main_prompt: str
    id: uuid.UUID
    created_at: datetime.datetime
    updated_at: datetime.datetime
    included: Optional[List[IncludedResource]] = None


# The validate.json cases whose expectations are pydantic's (the others
# are about constraints this model does not repeat, or about the kit's
# own strictness: a number for a date-time is refused on purpose).
PYDANTIC_CASES = (
    "date-time: ",
    "UUID",
    "enum given ",
    "optional enum ",
    "model id not a UUID",
    "uppercase UUID",
    "metadata timestamp not a date-time",
    "date-time without timezone",
    "date-time with offset and fraction",
    "impossible calendar date",
)


def errors(model: Any, value: Any, root: str) -> List[Dict[str, Any]]:
    try:
        TypeAdapter(model).validate_python(value)
        return []
    except ValidationError as e:
        out = []
        for x in e.errors():
            d = {"loc": [root, *x["loc"]], "type": x["type"], "msg": x["msg"]}
            if x.get("ctx") and "error" in x["ctx"]:
                d["ctx"] = {"error": str(x["ctx"]["error"])}
            out.append(d)
        return out


def same(expected: List[Dict[str, Any]], got: List[Dict[str, Any]]) -> bool:
    """Every key the vector states agrees with pydantic."""
    if len(expected) != len(got):
        return False
    for e, g in zip(expected, got):
        for k, v in e.items():
            if k == "ctx":
                if v.get("error") != g.get("ctx", {}).get("error") and "error" in v:
                    return False
            elif g.get(k) != v:
                return False
    return True


def main() -> int:
    bad = checked = 0
    doc = json.loads((HERE / "validate.json").read_text(encoding="utf-8"))
    for c in doc["cases"]:
        payload = c["input"].get("payload")
        if c["input"]["schema"] != "WorkflowUpdate" or not isinstance(payload, dict):
            continue
        if not set(payload) <= {"model_metadata", "workflow_metadata", "post_run_checks"}:
            continue
        if not c["name"].startswith(PYDANTIC_CASES):
            continue
        checked += 1
        got = errors(WorkflowUpdate, payload, "body")
        if not same(c["expect"], got):
            bad += 1
            print(f"validate / {c['name']}:\n  vector   {c['expect']}\n  pydantic {got}")
    doc = json.loads((HERE / "parse_response.json").read_text(encoding="utf-8"))
    models = {"create_run": RunResponse, "get_workflow": WorkflowResponse, "update_workflow": WorkflowResponse}
    for c in doc["cases"]:
        i = c["input"]
        if not 200 <= i["status"] < 300 or i["operation"] not in models:
            continue
        try:
            body = json.loads(i["body"])
        except ValueError:
            continue
        if not isinstance(body, dict):
            continue
        # Errors the kit adds on its own (an integer it can't keep exact)
        # name no location; only schema verdicts are pydantic's to judge.
        if "error" in c and (c["error"]["code"] != "invalid_response" or not c["error"].get("errors")):
            continue
        checked += 1
        got = errors(models[i["operation"]], body, "response")
        if "expect" in c:
            ok = got == []
        else:
            want = [{k: v for k, v in e.items() if k in ("loc", "type")} for e in c["error"].get("errors", [])]
            ok = bool(got) and (not want or same(want, got))
        if not ok:
            bad += 1
            print(f"parse_response / {c['name']}:\n  vector   {c.get('expect', c.get('error'))}\n  pydantic {got}")
    print(f"{checked} vectors checked against pydantic {__import__('pydantic').VERSION}: {bad} disagree")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
