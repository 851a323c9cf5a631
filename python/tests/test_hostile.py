"""Hostile and odd inputs: each is a KitError with a code, never a crash,
a SystemError or a bare TypeError from the binding."""

from __future__ import annotations

import datetime
import decimal
import enum
import threading
import uuid
from collections import OrderedDict, defaultdict
from typing import Any, Callable, Dict, List

import pytest

import cyberdesk_kit as kit
from cyberdesk_kit import _cyberdesk_kit as native

WF = "550e8400-e29b-41d4-a716-446655440000"


def code_of(fn: Callable[[], Any]) -> str:
    with pytest.raises(kit.KitError) as info:
        fn()
    assert not isinstance(info.value, SystemError)
    assert info.value.code in kit.ERROR_CODES
    return info.value.code


def nested_list(n: int) -> Any:
    v: Any = 0
    for _ in range(n):
        v = [v]
    return v


def nested_dict(n: int) -> Any:
    root: Dict[str, Any] = {}
    cur = root
    for _ in range(n - 1):
        nxt: Dict[str, Any] = {}
        cur["a"] = nxt
        cur = nxt
    cur["a"] = 0
    return root


# -- conversion: what has a JSON form ---------------------------------------


def test_plain_values_round_trip() -> None:
    value = {"s": "é\u2028😀", "i": -(2**63), "u": 2**64 - 1, "f": 1.5, "t": True, "n": None, "l": [1, [2, {}]]}
    assert native._roundtrip(value) == value


def test_bool_is_not_int() -> None:
    out = native._roundtrip([True, False, 1, 0])
    assert [type(x) for x in out] == [bool, bool, int, int]
    # A schema integer field refuses a bool.
    errs = kit.validate("WorkflowPostRunCheckUpsert", {"name": "n", "type": "run_attachment_exists", "expected_match_count": True})
    assert [e["type"] for e in errs] == ["int_type"]
    # And a bool field refuses 1.
    errs = kit.validate("WorkflowUpdate", {"is_webhooks_enabled": 1})
    assert [e["type"] for e in errs] == ["bool_type"]


def test_key_order_is_kept() -> None:
    assert list(native._roundtrip(OrderedDict([("b", 1), ("a", 2)]))) == ["b", "a"]


def test_subclasses_of_plain_types_convert() -> None:
    class S(str, enum.Enum):
        A = "a"

    class I(enum.IntEnum):
        X = 3

    dd: Dict[str, List[int]] = defaultdict(list)
    dd["k"].append(1)
    assert native._roundtrip([S.A, I.X, dd]) == ["a", 3, {"k": [1]}]


@pytest.mark.parametrize(
    "value",
    [
        float("nan"),
        float("inf"),
        float("-inf"),
        b"bytes",
        bytearray(b"x"),
        {1, 2},
        frozenset(),
        decimal.Decimal("1.5"),
        datetime.datetime(2024, 1, 1),  # naive: tuples, UUIDs, aware datetimes, dates and enums convert (test_natural_values.py)
        object(),
        2**64,
        -(2**63) - 1,
        {1: "non-str key"},
        {("t",): 1},
        {None: 1},
        range(3),
        iter([1]),
        1j,
    ],
    ids=repr,
)
def test_unsupported_values(value: Any) -> None:
    assert code_of(lambda: native._roundtrip({"x": [value]})) == "unsupported_value"
    assert code_of(lambda: kit.validate("RunCreate", {"workflow_id": WF, "input_values": {"v": value}})) == "unsupported_value"


def test_unsupported_message_says_where_not_what() -> None:
    with pytest.raises(kit.UnsupportedValueError) as info:
        kit.build_run_create({"workflow_id": WF, "input_values": {"when": datetime.datetime(2024, 1, 1)}})
    assert "run.input_values.when" in str(info.value)
    assert "2024" not in str(info.value)
    assert isinstance(info.value, TypeError) and isinstance(info.value, ValueError)


def test_cycles() -> None:
    d: Dict[str, Any] = {}
    d["self"] = d
    assert code_of(lambda: native._roundtrip(d)) == "cyclic_value"
    lst: List[Any] = []
    lst.append({"x": lst})
    assert code_of(lambda: kit.validate("RunCreate", lst)) == "cyclic_value"
    assert code_of(lambda: kit.resolve_prompt("{a}", {"a": lst})) == "cyclic_value"


def test_shared_but_acyclic_values_are_fine() -> None:
    shared = {"k": [1]}
    assert native._roundtrip([shared, shared, {"again": shared}]) == [shared, shared, {"again": shared}]


@pytest.mark.parametrize("make", [nested_list, nested_dict])
def test_deep_nesting(make: Callable[[int], Any]) -> None:
    assert code_of(lambda: native._roundtrip(make(100_000))) == "too_deep"
    assert code_of(lambda: kit.validate("RunCreate", {"input_values": make(100_000)})) == "too_deep"
    assert code_of(lambda: native._roundtrip(make(kit.MAX_DEPTH))) == "too_deep"
    assert native._roundtrip(make(kit.MAX_DEPTH - 1)) == make(kit.MAX_DEPTH - 1)


def test_depth_limit_matches_json_text_path() -> None:
    import json

    ok = nested_list(kit.MAX_DEPTH - 1)
    assert kit.validate("RunCreate", ok) == native._validate_json("RunCreate", json.dumps(ok))
    bad = nested_list(kit.MAX_DEPTH)
    assert code_of(lambda: kit.validate("RunCreate", bad)) == "too_deep"
    assert code_of(lambda: native._validate_json("RunCreate", json.dumps(bad))) == "too_deep"


@pytest.mark.parametrize(
    "call",
    [
        lambda: native._roundtrip({"a": "\ud800"}),
        lambda: native._roundtrip({"\udfff": 1}),
        lambda: kit.parse_prompt("hi \ud83d {x}"),
        lambda: kit.resolve_prompt("{x}", {"x": "\ud800"}),
        lambda: kit.build_workflow_update(WF, {"name": "a\udc80"}),
        lambda: kit.validate("Run\ud800", {}),
    ],
)
def test_lone_surrogates(call: Callable[[], Any]) -> None:
    assert code_of(call) == "invalid_string"


def test_absent_is_not_none() -> None:
    run = {"workflow_id": WF}
    # No workflow: no preflight.
    assert kit.build_run_create(run)["method"] == "POST"
    # workflow=None is JSON null, and null is not a workflow.
    assert code_of(lambda: kit.build_run_create(run, workflow=None)) == "invalid_argument"
    # resolve_prompt: None inputs behave as no inputs.
    assert kit.resolve_prompt("{a}", None, None)["text"] == "__EMPTY__"


def test_none_in_payload_is_null() -> None:
    req = kit.build_workflow_update(WF, {"name": None})
    assert req["body"] == '{"name":null}'


# -- arguments ---------------------------------------------------------------


@pytest.mark.parametrize(
    "call,code",
    [
        (lambda: kit.parse_prompt(None), "invalid_argument"),
        (lambda: kit.parse_prompt(b"{x}"), "invalid_argument"),
        (lambda: kit.resolve_prompt("{x}", ["not", "a", "dict"]), "invalid_argument"),
        (lambda: kit.resolve_prompt("{x}", {}, "pin"), "invalid_argument"),
        (lambda: kit.validate(1, {}), "invalid_argument"),
        (lambda: kit.validate("NoSuchSchema", {}), "unknown_schema"),
        (lambda: kit.validate("RunCreate", {}, spec={"openapi": "3.1.0"}), "invalid_argument"),
        (lambda: kit.build_workflow_update(1, {}), "invalid_argument"),
        (lambda: kit.build_workflow_update(WF, [], idempotency_key=7), "invalid_argument"),
        (lambda: kit.build_workflow_update(WF, {}, idempotency_key="has space"), "validation_error"),
        (lambda: kit.build_run_create({"workflow_id": WF}, workflow={"main_prompt": "p"}, machine_parameters=[1]), "invalid_argument"),
        (lambda: kit.diff_workflow_update([], {}), "invalid_argument"),
        (lambda: kit.apply_workflow_update({}, "x"), "invalid_argument"),
        (lambda: kit.parse_response("delete_everything", 200, {}, "{}"), "unknown_operation"),
        (lambda: kit.parse_response("create_run", True, {}, "{}"), "invalid_argument"),
        (lambda: kit.parse_response("create_run", 2**70, {}, "{}"), "invalid_argument"),
        (lambda: kit.parse_response("create_run", -1, {}, "{}"), "invalid_argument"),
        (lambda: kit.parse_response("create_run", 200, {}, 42), "invalid_argument"),
        (lambda: kit.parse_response("create_run", 200, {"a": 1}, "{}"), "invalid_argument"),
        (lambda: kit.parse_response("create_run", 200, 5, "{}"), "invalid_argument"),
        (lambda: kit.parse_response("create_run", 200, {}, "not json"), "invalid_response"),
        (lambda: kit.parse_response("create_run", 200, {}, b"\xff\xfe"), "invalid_response"),
        (lambda: kit.parse_response("create_run", 200, {}, "[" * 100_000), "invalid_response"),
        (lambda: kit.retry_delay(True, method="GET"), "invalid_argument"),
        (lambda: kit.retry_delay(-1, method="GET"), "invalid_argument"),
        (lambda: kit.retry_delay(2**40, method="GET"), "invalid_argument"),
        (lambda: kit.retry_delay(0, method=b"GET"), "invalid_argument"),
        (lambda: kit.retry_delay(0, method="GET", network_error=1), "invalid_argument"),
        (lambda: kit.retry_delay(0, method="GET", now=float("nan")), "invalid_argument"),
        (lambda: kit.retry_delay(0, method="GET", jitter="0.5"), "invalid_argument"),
        (lambda: kit.retry_delay(0, method="GET", status=1.5), "invalid_argument"),
        (lambda: kit.load_spec("not json"), "invalid_spec"),
        (lambda: kit.load_spec("{}"), "invalid_spec"),
        (lambda: kit.load_spec("[" * 100_000), "too_deep"),
        (lambda: kit.load_spec(5), "invalid_argument"),
        (lambda: kit.parse_prompt("x" * (16 * 1024 * 1024 + 1)), "too_large"),
    ],
)
def test_bad_arguments(call: Callable[[], Any], code: str) -> None:
    assert code_of(call) == code


def test_missing_required_arguments_are_type_errors() -> None:
    # Python's own rule for a call that does not match the signature.
    with pytest.raises(TypeError):
        kit.retry_delay(0)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        kit.validate("RunCreate")  # type: ignore[call-arg]


def test_headers_forms() -> None:
    for headers in ({"Retry-After": "2"}, [("retry-after", "2")], (("RETRY-AFTER", "2"),)):
        assert kit.retry_delay(0, method="GET", status=503, headers=headers) == 2.0
    import email.message

    msg = email.message.Message()
    msg["Retry-After"] = "3"
    assert kit.retry_delay(0, method="GET", status=503, headers=msg) == 3.0


# -- a big payload, in threads -------------------------------------------------


def test_big_payload_and_threads() -> None:
    big = {"workflow_id": WF, "input_values": {f"k{i}": "v" * 100 for i in range(20_000)}}
    results: List[Any] = []

    def work() -> None:
        results.append(kit.validate("RunCreate", big))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [[], [], [], []]


def test_gil_is_released_during_core_work() -> None:
    """Another Python thread runs while the core resolves a large prompt.

    The switch interval is raised so that, were the call holding the GIL,
    the waiting thread could only run after it returned."""
    import sys
    import time

    prompt = "{a} " * 300_000
    ready, go = threading.Event(), threading.Event()
    ran_at: List[float] = []

    def helper() -> None:
        ready.set()
        go.wait()
        ran_at.append(time.monotonic())

    old = sys.getswitchinterval()
    sys.setswitchinterval(5.0)
    try:
        t = threading.Thread(target=helper)
        t.start()
        ready.wait()
        go.set()
        kit.resolve_prompt(prompt, {"a": "x"})
        finished = time.monotonic()
        t.join()
    finally:
        sys.setswitchinterval(old)
    assert ran_at and ran_at[0] < finished


# -- random values everywhere ---------------------------------------------------


def _random_value(rng: Any, depth: int = 0) -> Any:
    pick = rng.randrange(16 if depth < 6 else 10)
    scalars: List[Any] = [
        None, True, False, 0, -1, 2**63, 2**64, -(2**63) - 1, 1.5, float("nan"),
        "", "{a}", "{$p.q[0]}", "\ud800", "é😀", b"x", (1,), {1}, decimal.Decimal(1), object(),
    ]
    if pick < 10:
        return rng.choice(scalars)
    if pick < 13:
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys: List[Any] = ["name", "main_prompt", "workflow_id", "input_values", "sensitive_input_values", "x", 1, "\udc00"]
    return {rng.choice(keys): _random_value(rng, depth + 1) for _ in range(rng.randrange(4))}


def test_random_values_never_crash() -> None:
    import random

    rng = random.Random(20240501)
    calls: List[Callable[[Any], Any]] = [
        lambda v: native._roundtrip(v),
        lambda v: kit.validate("RunCreate", v),
        lambda v: kit.validate("WorkflowUpdate", v),
        lambda v: kit.build_workflow_update(WF, v),
        lambda v: kit.build_run_create(v),
        lambda v: kit.build_run_create({"workflow_id": WF}, workflow=v),
        lambda v: kit.preflight_run({"workflow_id": WF, "input_values": v}, {"main_prompt": "{x} {name.first}"}),
        lambda v: kit.resolve_prompt("{x} {name} {$p.q[0]}", v, v),
        lambda v: kit.diff_workflow_update({"main_prompt": "p"}, v),
        lambda v: kit.apply_workflow_update({"main_prompt": "p"}, v),
        lambda v: kit.parse_prompt(v),
        lambda v: kit.parse_response("update_workflow", 200, v, "{}"),
        lambda v: kit.retry_delay(0, method="GET", headers=v),
    ]
    for _ in range(400):
        value = _random_value(rng)
        for call in calls:
            try:
                call(value)
            except kit.KitError as err:
                assert err.code in kit.ERROR_CODES and err.code != "internal_error"
