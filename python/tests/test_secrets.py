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
