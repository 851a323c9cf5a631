"""`validate` walks a plain payload where it lies (the core's JsonView over
Python objects) and converts any other: both must give what the core's own
walk of the same JSON gives. The reference here is `_validate_json`, the
JSON-text path (json.dumps, then the core parses and walks its own values),
which shares no code with the Python view.

A seeded differential: every validate fixture of the benchmark, then
thousands of mutations of them (types swapped, fields dropped or added,
strings at length limits, bad UUIDs and date-times, deep and odd values),
each validated both ways."""

from __future__ import annotations

import copy
import functools
import importlib.util
import json
import math
import random
import tempfile
import uuid
from pathlib import Path
from typing import Any, Dict, List

import pytest

import cyberdesk_kit as kit
from cyberdesk_kit import _cyberdesk_kit as native

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ["WorkflowUpdate", "RunCreate"]


@functools.lru_cache(maxsize=None)
def _fixture_dir() -> Path:
    """bench/fixtures, or the same bytes written by bench/make_fixtures.py
    into a temporary folder when the benchmark has not run (a fresh clone)."""
    here = ROOT / "bench" / "fixtures"
    if list(here.glob("run_create_*_valid.json")):
        return here
    spec = importlib.util.spec_from_file_location("make_fixtures", ROOT / "bench" / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.OUT = tempfile.mkdtemp(prefix="cdk-fixtures-")
    module.main()
    return Path(module.OUT)


def _fixtures() -> List[Dict[str, Any]]:
    folder = _fixture_dir()
    files = sorted(folder.glob("*_valid.json")) + sorted(folder.glob("*_invalid.json"))
    out = [json.loads(f.read_text(encoding="utf-8")) for f in files if not f.name.startswith("prompt")]
    assert len(out) == 12, [f.name for f in files]
    return out


def both(schema: str, payload: Any) -> Any:
    via_view = kit.validate(schema, payload)
    via_text = native._validate_json(schema, json.dumps(payload, allow_nan=False))
    assert via_view == via_text, (schema, payload)
    return via_view


@pytest.mark.parametrize("fx", _fixtures(), ids=lambda fx: f"{fx['schema']}")
def test_fixtures_agree(fx: Dict[str, Any]) -> None:
    errors = both(fx["schema"], fx["payload"])
    assert isinstance(errors, list)


ODD: List[Any] = [
    None, True, False, 0, -1, 1, 2**63 - 1, -(2**63), 1.5, -0.0, 1e300, "", "x", "a" * 255, "a" * 256,
    "é" * 300, "🙂" * 10, "550e8400-e29b-41d4-a716-446655440000", "550E8400E29B41D4A716446655440000",
    "2024-05-02T10:00:00Z", "2024-02-30T10:00:00Z", "not-a-uuid", [], {}, [1, "a", None], {"a": {"b": [1]}},
    "run_attachment_exists", "output_data_agentic_check", {"__proto__": 1},
]


def mutate(rng: random.Random, value: Any, depth: int = 0) -> Any:
    """One random change somewhere in `value` (a fresh copy)."""
    if isinstance(value, dict) and value and rng.random() < 0.8:
        key = rng.choice(list(value))
        r = rng.random()
        if r < 0.15:
            del value[key]
        elif r < 0.25:
            value[key + rng.choice(["", "_x", "s"])] = rng.choice(ODD)
        elif r < 0.6 and depth < 6:
            value[key] = mutate(rng, value[key], depth + 1)
        else:
            value[key] = copy.deepcopy(rng.choice(ODD))
        return value
    if isinstance(value, list) and value and rng.random() < 0.8:
        i = rng.randrange(len(value))
        r = rng.random()
        if r < 0.2:
            del value[i]
        elif r < 0.6 and depth < 6:
            value[i] = mutate(rng, value[i], depth + 1)
        else:
            value[i] = copy.deepcopy(rng.choice(ODD))
        return value
    return copy.deepcopy(rng.choice(ODD))


def test_mutations_agree() -> None:
    rng = random.Random(20261130)
    seeds = [fx for fx in _fixtures() if len(json.dumps(fx["payload"])) < 20_000]
    seen_errors = 0
    for n in range(3000):
        fx = rng.choice(seeds)
        payload = copy.deepcopy(fx["payload"])
        for _ in range(rng.randint(1, 4)):
            payload = mutate(rng, payload)
        schema = fx["schema"] if rng.random() < 0.9 else rng.choice(SCHEMAS)
        seen_errors += bool(both(schema, payload))
    # The mutations reach both verdicts (the test is not all-valid or all-invalid).
    assert 300 < seen_errors < 2900


def test_values_that_are_not_plain_take_the_conversion() -> None:
    wf = "550e8400-e29b-41d4-a716-446655440000"
    plain = {"workflow_id": wf, "input_values": {"a": [1, 2], "b": "x"}, "pool_ids": [wf]}
    assert kit.validate("RunCreate", plain) == []

    class D(dict):  # a subclass could run code on access: converted, not viewed
        pass

    natural = {"workflow_id": uuid.UUID(wf), "input_values": D(a=(1, 2), b="x"), "pool_ids": (uuid.UUID(wf),)}
    assert kit.validate("RunCreate", natural) == []
    bad = {"workflow_id": 5, "input_values": D(a=(1, 2))}
    assert kit.validate("RunCreate", bad) == kit.validate("RunCreate", {"workflow_id": 5, "input_values": {"a": [1, 2]}})


@pytest.mark.parametrize(
    "value, code",
    [
        (math.nan, "unsupported_value"),
        (math.inf, "unsupported_value"),
        (2**64, "unsupported_value"),
        (b"x", "unsupported_value"),
        ({1}, "unsupported_value"),
        ("\ud800", "invalid_string"),
        ({1: "a"}, "unsupported_value"),
    ],
)
def test_what_has_no_json_form_is_refused_in_free_form_fields(value: Any, code: str) -> None:
    payload = {"workflow_id": "550e8400-e29b-41d4-a716-446655440000", "input_values": {"deep": [{"v": value}]}}
    with pytest.raises(kit.KitError) as info:
        kit.validate("RunCreate", payload)
    assert info.value.code == code


def test_cycles_and_depth_in_free_form_fields() -> None:
    cyc: Dict[str, Any] = {}
    cyc["self"] = cyc
    with pytest.raises(kit.KitError) as info:
        kit.validate("RunCreate", {"workflow_id": "550e8400-e29b-41d4-a716-446655440000", "input_values": cyc})
    assert info.value.code == "cyclic_value"
    deep: Any = 0
    for _ in range(200):
        deep = [deep]
    with pytest.raises(kit.KitError) as info:
        kit.validate("RunCreate", {"workflow_id": "550e8400-e29b-41d4-a716-446655440000", "input_values": {"d": deep}})
    assert info.value.code == "too_deep"
    # Around the limit, the same verdict as the core's own walk of the text.
    outcomes = set()
    for levels in range(kit.MAX_DEPTH - 6, kit.MAX_DEPTH + 2):
        nested: Any = 0
        for _ in range(levels):
            nested = [nested]
        payload = {"workflow_id": "550e8400-e29b-41d4-a716-446655440000", "input_values": {"d": nested}}
        results = []
        for call in (lambda: kit.validate("RunCreate", payload), lambda: native._validate_json("RunCreate", json.dumps(payload))):
            try:
                results.append(repr(call()))
            except kit.KitError as err:
                results.append(err.code)
        assert results[0] == results[1], levels
        outcomes.add(results[0])
    assert outcomes == {"[]", "too_deep"}


def test_the_plain_check_takes_exactly_the_plain_values() -> None:
    assert native._is_plain({"a": [1, 2.5, "x", None, True, (1, 2)], "b": {}})
    assert native._is_plain(2**63 - 1) and not native._is_plain(2**63)
    class S(str):
        pass

    for odd in [math.nan, math.inf, b"x", {1}, {1: 2}, "\udc00", {"k": S("x")}, uuid.UUID(int=1), [object()]]:
        assert not native._is_plain(odd), odd
