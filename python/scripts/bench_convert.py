"""Measures the two ways a Python payload can reach the core's validator.

* direct: ``validate(name, payload)`` walks the dict into serde values in
  Rust (what the package does);
* json: ``json.dumps(payload)`` in Python, then the core parses the text
  (``_validate_json``).

Run with the release build installed: ``python scripts/bench_convert.py``.
The figures are written into python/README.md by hand.
"""

from __future__ import annotations

import json
import sys
import timeit
from typing import Any, Callable, Dict, List, Tuple

import cyberdesk_kit as kit
from cyberdesk_kit import _cyberdesk_kit as native

WORKFLOW_ID = "550e8400-e29b-41d4-a716-446655440000"


def medium_run() -> Dict[str, Any]:
    """A RunCreate of about 20 KB: a few hundred inputs, nested records."""
    inputs: Dict[str, Any] = {}
    for i in range(150):
        inputs[f"field_{i}"] = f"value number {i} with some ordinary text"
    inputs["patients"] = [
        {
            "id": i,
            "name": {"first": f"First{i}", "last": f"Last{i}"},
            "dob": "1980-01-01",
            "scores": [1.5, 2.25, 3.0, i],
            "active": i % 2 == 0,
            "notes": None,
        }
        for i in range(40)
    ]
    return {
        "workflow_id": WORKFLOW_ID,
        "main_prompt": "Look up {patients[0].name.first} and type {$pin}. " * 10,
        "input_values": inputs,
        "sensitive_input_values": {"pin": "1234", "password": "hunter2"},
        "pool_ids": [WORKFLOW_ID] * 3,
        "is_priority": True,
    }


def small_update() -> Dict[str, Any]:
    return {"name": "Nightly export", "main_prompt": "Export {report}.", "is_webhooks_enabled": True}


def string_heavy() -> Dict[str, Any]:
    """Few values, long strings (about 200 KB)."""
    return {
        "workflow_id": WORKFLOW_ID,
        "main_prompt": "x" * 100_000,
        "input_values": {"blob": "é" * 50_000},
    }


def best(fn: Callable[[], Any], number: int) -> float:
    """Best per-call time in microseconds over 7 repeats."""
    return min(timeit.repeat(fn, number=number, repeat=7)) / number * 1e6


def main() -> None:
    cases: List[Tuple[str, str, Dict[str, Any], int]] = [
        ("small WorkflowUpdate", "WorkflowUpdate", small_update(), 20000),
        ("medium RunCreate", "RunCreate", medium_run(), 500),
        ("string-heavy RunCreate", "RunCreate", string_heavy(), 300),
    ]
    print(f"python {sys.version.split()[0]}, cyberdesk_kit {kit.__version__}")
    print(f"{'payload':<24} {'JSON bytes':>10} {'direct µs':>10} {'json µs':>10} {'dumps µs':>9}")
    for label, schema, payload, n in cases:
        text = json.dumps(payload, ensure_ascii=False, allow_nan=False)
        assert kit.validate(schema, payload) == native._validate_json(schema, text)
        direct = best(lambda: kit.validate(schema, payload), n)
        via_json = best(
            lambda: native._validate_json(schema, json.dumps(payload, ensure_ascii=False, allow_nan=False)),
            n,
        )
        dumps = best(lambda: json.dumps(payload, ensure_ascii=False, allow_nan=False), n)
        print(f"{label:<24} {len(text.encode()):>10} {direct:>10.1f} {via_json:>10.1f} {dumps:>9.1f}")


if __name__ == "__main__":
    main()
