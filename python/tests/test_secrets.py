"""Canary sensitive values never appear in str()/repr() of any error or
result (a built request's body excepted: it is what goes on the wire)."""

from __future__ import annotations

import copy
import io
import json
import logging
import pickle
import pprint
from typing import Any, Callable, List

import pytest

import cyberdesk_kit as kit

WF = "550e8400-e29b-41d4-a716-446655440000"
CANARY = "CANARY-7f3a-SECRET"
NESTED = "CANARY-NESTED-91"


def printable(value: Any) -> List[str]:
    """Every way a user might print or log a value."""
    out = [str(value), repr(value), f"{value}", "%s" % (value,), "%r" % (value,), pprint.pformat(value)]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    log = logging.getLogger("canary-test")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("value: %s", value)
        log.warning("value: %r", value)
    finally:
        log.removeHandler(handler)
    out.append(stream.getvalue())
    return out


def assert_clean(value: Any) -> None:
    for text in printable(value):
        assert CANARY not in text and NESTED not in text


def run(**extra: Any) -> Any:
    r = {"workflow_id": WF, "main_prompt": "Type {$pin} then {$card.number}.", "sensitive_input_values": {"pin": CANARY, "card": {"number": NESTED}}}
    r.update(extra)
    return r


def test_built_request_prints_redacted() -> None:
    req = kit.build_run_create(run(), workflow={"main_prompt": "stored {$pin}"})
    assert isinstance(req, dict)
    assert CANARY in req["body"] and NESTED in req["body"]  # the wire needs them
    assert_clean(req)
    assert '"pin":"[redacted]"' in repr(req)
    assert_clean(copy.deepcopy(req))
    assert_clean(pickle.loads(pickle.dumps(req)))
    # Still a plain dict for everything else.
    assert json.loads(json.dumps(req))["body"] == req["body"]
    assert dict(req) == req


def test_changed_body_is_hidden() -> None:
    req = kit.build_run_create(run())
    req["body"] = req["body"].replace("Type", "Enter")
    assert_clean(req)


def test_results_hold_no_sensitive_values() -> None:
    pre = kit.preflight_run(run(), {"main_prompt": "stored"}, machine_sensitive_parameters={"other": CANARY})
    assert_clean(pre)
    res = kit.resolve_prompt("Type {$pin} {$card.number} {$card.number.x}", None, {"pin": CANARY, "card": {"number": NESTED}})
    assert_clean(res)
    assert res["text"] == "Type {$pin} {$card.number} {$card.number.x}"


@pytest.mark.parametrize(
    "call",
    [
        # The run is invalid elsewhere; the secret is in the same payload.
        lambda: kit.build_run_create(run(machine_id="nope")),
        # A sensitive value of the wrong type under an input_schema.
        lambda: kit.build_run_create(
            run(),
            workflow={
                "main_prompt": "{$pin}",
                "input_schema": json.dumps({"type": "object", "properties": {"$pin": {"type": "integer"}}}),
            },
        ),
        # A path into a sensitive string.
        lambda: kit.build_run_create(run(main_prompt="{$pin.digits}"), workflow={"main_prompt": "x"}),
        # Values the binding refuses, next to the secret.
        lambda: kit.build_run_create(run(input_values={"bad": float("nan")})),
        lambda: kit.resolve_prompt("{x}", {"x": b"bytes"}, {"pin": CANARY}),
        lambda: kit.resolve_prompt("{x}", {}, CANARY),
        lambda: kit.validate("RunCreate", {"workflow_id": CANARY, "sensitive_input_values": {"pin": CANARY}}),
        lambda: kit.parse_response("create_run", 422, {}, json.dumps({"detail": [{"loc": ["body"], "msg": "bad", "type": "value_error", "input": CANARY}]})),
        lambda: kit.parse_response("create_run", 200, {}, json.dumps({"id": CANARY})),
    ],
)
def test_errors_hold_no_sensitive_values(call: Callable[[], Any]) -> None:
    try:
        result = call()
    except kit.KitError as err:
        assert_clean(err)
        assert_clean(err.to_dict())
        assert_clean(err.errors())
        assert_clean(err.issues)
    else:
        # validate() returns its problems instead of raising.
        assert_clean(result)


# -- every path a sensitive value can take (issue 5) ---------------------------------------
#
# The canaries above go through each operation and each way it can fail;
# what comes out (results, errors with their tracebacks and pickles, log
# records at DEBUG from every logger, Python warnings) is grepped for them.

import traceback  # noqa: E402
import warnings  # noqa: E402

from conftest import RUN_RESPONSE, FakeApi  # noqa: E402

MACHINE = "CANARY-MACHINE-5521"
ALL_CANARIES = (CANARY, NESTED, MACHINE)


def _texts_of_error(err: BaseException) -> List[str]:
    out = printable(err)
    out.append("".join(traceback.format_exception(type(err), err, err.__traceback__)))
    out.append(repr(pickle.loads(pickle.dumps(err))) if isinstance(err, kit.KitError) else "")
    if isinstance(err, kit.KitError):
        out += printable(err.to_dict()) + printable(err.errors()) + printable(err.issues) + [repr(err.args)]
    ctx = err.__cause__ or err.__context__
    if ctx is not None:
        out += _texts_of_error(ctx)
    return out


def _assert_no_canary(texts: List[str]) -> None:
    for text in texts:
        for canary in ALL_CANARIES:
            assert canary not in text


def _deep(n: int) -> Any:
    v: Any = [CANARY]
    for _ in range(n):
        v = [v]
    return v


def _schema_workflow(prop: Dict[str, Any], root: str = "$pin") -> Dict[str, Any]:
    return {"main_prompt": "Type {$pin}.", "input_schema": json.dumps({"type": "object", "properties": {root: prop}})}


# Every way an input_schema can refuse a sensitive value: the message names
# the rule, never the value.
SCHEMA_FAILURES = [
    {"type": "integer"},
    {"enum": ["a", "b"]},
    {"const": "a"},
    {"type": "string", "pattern": "^[0-9]+$"},
    {"type": "string", "maxLength": 2},
    {"type": "string", "minLength": 100},
    {"not": {"type": "string"}},
    {"anyOf": [{"type": "integer"}, {"type": "boolean"}]},
    {"oneOf": [{"type": "integer"}, {"type": "boolean"}]},
    {"type": "object"},
    {"type": "array"},
]


@pytest.mark.parametrize("prop", SCHEMA_FAILURES, ids=lambda p: json.dumps(p))
def test_input_schema_failures_hold_no_sensitive_value(prop: Dict[str, Any]) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(kit.PreflightError) as info:
            kit.build_run_create(run(), workflow=_schema_workflow(prop))
        pre = kit.preflight_run(run(), _schema_workflow(prop))
    assert any(i["severity"] == "error" for i in pre["issues"])
    _assert_no_canary(_texts_of_error(info.value) + printable(pre) + [str(w.message) for w in caught])


@pytest.mark.parametrize("fmt", ["uuid", "date-time", "email"])
def test_input_schema_format_warnings_hold_no_sensitive_value(fmt: str) -> None:
    # `format` is an annotation (JSON Schema 2020-12 Validation 7.2.1): a
    # warning that names the format, never the value.
    wf = _schema_workflow({"type": "string", "format": fmt})
    pre = kit.preflight_run(run(), wf)
    assert [i["code"] for i in pre["issues"] if i["severity"] != "info"] == ["input_format_mismatch"]
    req = kit.build_run_create(run(), workflow=wf)
    _assert_no_canary(printable(pre) + [repr(req), str(req)])


def test_nested_sensitive_values_under_a_schema() -> None:
    wf = {"main_prompt": "{$card.number}", "input_schema": json.dumps(
        {"type": "object", "properties": {"$card": {"type": "object", "properties": {"number": {"type": "integer"}}, "additionalProperties": False}}})}
    with pytest.raises(kit.PreflightError) as info:
        kit.build_run_create(run(sensitive_input_values={"card": {"number": NESTED, "extra": NESTED}}), workflow=wf)
    _assert_no_canary(_texts_of_error(info.value))


def test_machine_sensitive_parameters_stay_hidden() -> None:
    wf = {"main_prompt": "Type {$pin} and {$vault.key}.", "input_schema": json.dumps(
        {"type": "object", "properties": {"$vault": {"type": "integer"}}})}
    r = {"workflow_id": WF, "main_prompt": "Type {$pin} and {$vault.key.deeper}."}
    with pytest.raises(kit.PreflightError) as info:
        kit.build_run_create(r, workflow=wf, machine_sensitive_parameters={"pin": MACHINE, "vault": {"key": MACHINE}})
    pre = kit.preflight_run(r, wf, machine_sensitive_parameters={"pin": MACHINE, "vault": {"key": MACHINE}})
    ok = kit.build_run_create({"workflow_id": WF}, workflow={"main_prompt": "{$pin}"}, machine_sensitive_parameters={"pin": MACHINE})
    _assert_no_canary(_texts_of_error(info.value) + printable(pre) + printable(ok))
    # Machine parameters are used for preflight only, never sent.
    assert MACHINE not in ok["body"]


@pytest.mark.parametrize(
    "call",
    [
        lambda: kit.parse_prompt("Type {$pin} then {$card.number}."),
        lambda: kit.resolve_prompt("{$pin} {pin} {$card.number}", {"pin": "public"}, {"pin": CANARY, "card": {"number": NESTED}}),
        # A sensitive root used as an input, a path past a sensitive string, a $ref-shaped secret.
        lambda: kit.resolve_prompt("{$pin.x} {$card} {$card.number[0]}", None, {"pin": CANARY, "card": {"number": NESTED}}),
        lambda: kit.resolve_prompt("{$ref}", None, {"ref": {"$ref": CANARY}}),
        lambda: kit.preflight_run(run(), {"main_prompt": "stored {$pin}"}),
        lambda: kit.preflight_run(run(main_prompt=None), {"main_prompt": "stored {$pin} {$missing}"}),
        lambda: kit.validate("RunCreate", run()),
        lambda: kit.validate("RunCreate", run(sensitive_input_values=[CANARY])),
        lambda: kit.validate("RunCreate", run(sensitive_input_values=CANARY)),
        lambda: kit.build_run_create(run(is_priority=CANARY)),
        lambda: kit.build_run_create(run(session_alias=5, sensitive_input_values={"pin": CANARY, "bad": {1, 2}})),
        lambda: kit.build_run_create(run(sensitive_input_values={"pin": CANARY, "deep": _deep(200)})),
        lambda: kit.build_run_create(run(sensitive_input_values={"pin": CANARY + "\ud800"})),
        lambda: kit.build_run_create(run(), idempotency_key=CANARY + " with a space"),
        lambda: kit.parse_response("create_run", 201, {}, json.dumps(dict(RUN_RESPONSE, status=CANARY))),
        lambda: kit.parse_response("create_run", 422, {}, json.dumps({"detail": [{"loc": ["body", "sensitive_input_values", "pin"], "msg": "bad", "type": "string_type", "input": CANARY, "ctx": {"max_length": 4}}]})),
    ],
)
def test_operations_and_their_failures_hold_no_sensitive_values(call: Callable[[], Any], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = call()
        except kit.KitError as err:
            texts = _texts_of_error(err)
        else:
            texts = printable(result)
    texts += [r.getMessage() for r in caplog.records] + [str(w.message) for w in caught]
    _assert_no_canary(texts)


def _client(api: FakeApi) -> kit.Client:
    client = kit.Client("sk-secrets-test", base_url=api.base_url)
    client._sleep = lambda s: None
    return client


@pytest.mark.parametrize(
    "status,body,headers",
    [
        (503, {"detail": "busy"}, {}),
        (409, {"detail": "in progress"}, {"Idempotency-Status": "in_progress"}),
        (422, {"detail": [{"loc": ["body", "sensitive_input_values", "pin"], "msg": "bad", "type": "value_error", "input": CANARY}]}, {}),
        (201, dict(RUN_RESPONSE, status=CANARY), {}),
        (201, b"<html>" + CANARY.encode() + b"</html>", {"Content-Type": "text/html"}),
        (500, b"Traceback: pin=" + CANARY.encode(), {"Content-Type": "text/plain"}),
    ],
)
def test_client_paths_hold_no_sensitive_values(api: FakeApi, caplog: pytest.LogCaptureFixture, status: int, body: Any, headers: Dict[str, str]) -> None:
    api.reply(status, body, headers)
    caplog.set_level(logging.DEBUG)
    client = _client(api)
    texts: List[str] = []
    try:
        result = client.create_run(run(), {"main_prompt": "stored {$pin}"})
    except kit.KitError as err:
        texts += _texts_of_error(err)
    else:
        texts += printable(result)
    texts += [r.getMessage() for r in caplog.records] + printable(client)
    _assert_no_canary(texts)
    assert all(CANARY in r.body.decode() for r in api.requests)  # the wire does carry it


@pytest.mark.parametrize(
    "status,body",
    [
        (400, {"detail": f"pin {CANARY} is not accepted"}),
        (422, {"detail": [{"loc": ["body", "sensitive_input_values", "pin"], "msg": f"{CANARY} is bad", "type": "value_error", "ctx": {"error": CANARY}}]}),
    ],
)
def test_client_server_echo_of_a_secret(api: FakeApi, status: int, body: Any) -> None:
    api.reply(status, body)
    with pytest.raises(kit.ApiError) as info:
        _client(api).create_run(run())
    _assert_no_canary(_texts_of_error(info.value))
