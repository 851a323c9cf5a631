"""The hostile-input catalogue (issue 5): every entry is one hostile input
pushed through one operation, with the outcome it must give (a KitError's
stable code, or for calls that return, a short token of the result) and a
time bound. Nothing may crash, hang, raise a non-KitError or answer
``internal_error``. The time of every entry is printed at the end of the
pytest run (conftest.py: ``pytest_terminal_summary``).

test_hostile.py keeps the finer conversion checks (which Python types
convert, messages, threads); this file is the timed catalogue.
"""

from __future__ import annotations

import json
import math
import re
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, NamedTuple

import pytest

import cyberdesk_kit as kit
from conftest import HOSTILE_TIMES

WF = "550e8400-e29b-41d4-a716-446655440000"
# Generous: the slowest entry takes well under half a second on a shared
# 2-core machine; the bound is there to catch a hang or a blow-up
# (catastrophic backtracking, quadratic paths), not to benchmark.
BOUND_S = 2.0
SPEC_TEXT = (Path(__file__).resolve().parents[2] / "crates" / "cyberdesk-kit" / "spec" / "openapi.json").read_text(encoding="utf-8")

# -- hostile values, built once (outside the timed calls) --------------------------


def nested_list(n: int) -> Any:
    v: Any = 0
    for _ in range(n):
        v = [v]
    return v


def nested_dict(n: int) -> Any:
    v: Any = 0
    for _ in range(n):
        v = {"a": v}
    return v


MB50 = "x" * (50 * 1024 * 1024)
PROMPT_50MB = ("Enter {invoice_id} and {$pin}. " * (50 * 1024 * 1024 // 30))[: 50 * 1024 * 1024]
DEEP_LIST = nested_list(100_000)
DEEP_DICT = nested_dict(100_000)
CYCLE: Dict[str, Any] = {}
CYCLE["self"] = CYCLE
CYCLE_LIST: List[Any] = []
CYCLE_LIST.append({"back": CYCLE_LIST})
MANY_INPUTS = {f"k{i}": {"i": i, "s": "v"} for i in range(100_000)}
HUGE_LIST = list(range(1_000_000))
BODY_100K_KEYS = "{" + ",".join(f'"k{i}":1' for i in range(100_000)) + "}"
HEADERS_100K = [(f"x-h{i}", "v") for i in range(100_000)]


def _history(n: int, text: Callable[[int], str]) -> Dict[str, Any]:
    """A valid prompt history of n versions (ids computed with hashlib)."""
    import hashlib

    versions = []
    for i in range(n):
        t = text(i)
        versions.append({"number": i + 1, "id": "sha256:" + hashlib.sha256(t.encode()).hexdigest(), "text": t})
    return {"version": 1, "versions": versions, "labels": {}}


HISTORY_100K = _history(100_000, lambda i: f"v{i} {{x}}")
HISTORY_100K_JSON = json.dumps(HISTORY_100K)
HISTORY_TOO_MANY = _history(100_001, str)
_TEXT_10MB = "Look up {x}.\n" + "a plain line of text\n" * 476_190
HISTORY_10MB = _history(2, lambda i: _TEXT_10MB if i == 0 else _TEXT_10MB + "{$pin} " + "b" * (5 << 20))
HISTORY_1 = _history(1, lambda i: "Look up {customer_id}.")


class EvilDict(dict):  # type: ignore[type-arg]
    """A dict subclass whose Python-level methods all raise: the binding
    must read the dict's data, never call these."""

    def items(self) -> Any:
        raise ZeroDivisionError

    def keys(self) -> Any:
        raise ZeroDivisionError

    def __iter__(self) -> Any:
        raise ZeroDivisionError

    def __getitem__(self, key: Any) -> Any:
        raise ZeroDivisionError


class EvilStr(str):
    def __str__(self) -> str:
        raise ZeroDivisionError


def types_of(errors: List[Dict[str, Any]]) -> str:
    """The token of a validate() result: its error types, or 'valid'."""
    return ",".join(e["type"] for e in errors) or "valid"


def schema_with(prop: Dict[str, Any]) -> str:
    return json.dumps({"type": "object", "properties": {"a": prop}})


def preflight(input_schema: str, value: Any) -> Any:
    """A run whose input `a` is checked by the workflow's input_schema."""
    return kit.build_run_create(
        {"workflow_id": WF, "input_values": {"a": value}},
        workflow={"main_prompt": "Use {a}.", "input_schema": input_schema},
    )


def spec(text: str) -> Any:
    return kit.load_spec(text)


def openapi(schemas: Dict[str, Any]) -> str:
    return json.dumps({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, "components": {"schemas": schemas}})


RUN_OK = json.dumps({"id": WF, "workflow_id": WF, "machine_id": None, "status": "scheduling", "created_at": "2024-05-02T10:00:00Z"})
RUN_DEEP_OUTPUT = RUN_OK[:-1] + ', "output_data": ' + '{"a": ' * 100_000 + "0" + "}" * 100_000 + "}"


class Case(NamedTuple):
    id: str
    call: Callable[[], Any]
    expect: str  # a KitError code, or the token the call returns


C = Case
CATALOGUE: List[Case] = [
    # -- wrong types -----------------------------------------------------------
    C("type/parse_prompt-None", lambda: kit.parse_prompt(None), "invalid_argument"),  # type: ignore[arg-type]
    C("type/parse_prompt-int", lambda: kit.parse_prompt(123), "invalid_argument"),  # type: ignore[arg-type]
    C("type/parse_prompt-memoryview", lambda: kit.parse_prompt(memoryview(b"{x}")), "invalid_argument"),  # type: ignore[arg-type]
    C("type/resolve_prompt-text-list", lambda: kit.resolve_prompt(["{x}"]), "invalid_argument"),  # type: ignore[arg-type]
    C("type/resolve_prompt-inputs-str", lambda: kit.resolve_prompt("{x}", "x=1"), "invalid_argument"),  # type: ignore[arg-type]
    C("type/resolve_prompt_text-inputs-str", lambda: kit.resolve_prompt_text("{x}", "x=1"), "invalid_argument"),  # type: ignore[arg-type]
    C("type/resolve_prompt_text-text-bytes", lambda: kit.resolve_prompt_text(b"{x}"), "invalid_argument"),  # type: ignore[arg-type]
    C("type/resolve_prompt-sensitive-int", lambda: kit.resolve_prompt("{$x}", {}, 5), "invalid_argument"),  # type: ignore[arg-type]
    C("type/validate-schema-name-None", lambda: kit.validate(None, {}), "invalid_argument"),  # type: ignore[arg-type]
    C("type/validate-payload-str", lambda: types_of(kit.validate("RunCreate", "payload")), "model_attributes_type"),
    C("type/validate-payload-list", lambda: types_of(kit.validate("WorkflowUpdate", [1, 2])), "model_attributes_type"),
    C("type/validate-spec-dict", lambda: kit.validate("RunCreate", {}, spec={"openapi": "3.1.0"}), "invalid_argument"),  # type: ignore[arg-type]
    C("type/build_workflow_update-id-int", lambda: kit.build_workflow_update(123, {}), "invalid_argument"),  # type: ignore[arg-type]
    C("type/build_workflow_update-update-str", lambda: kit.build_workflow_update(WF, "name=x"), "validation_error"),  # type: ignore[arg-type]
    C("type/build_workflow_update-name-int", lambda: kit.build_workflow_update(WF, {"name": 5}), "validation_error"),
    C("type/build_workflow_update-bool-as-int", lambda: kit.build_workflow_update(WF, {"is_webhooks_enabled": 1}), "validation_error"),
    C("type/build_run_create-None", lambda: kit.build_run_create(None), "validation_error"),  # type: ignore[arg-type]
    C("type/build_run_create-workflow_id-int", lambda: kit.build_run_create({"workflow_id": 5}), "validation_error"),
    C("type/preflight_run-workflow-str", lambda: kit.preflight_run({"workflow_id": WF}, "workflow"), "invalid_argument"),  # type: ignore[arg-type]
    C("type/diff_workflow_update-None", lambda: kit.diff_workflow_update(None, {}), "invalid_argument"),  # type: ignore[arg-type]
    C("type/parse_response-operation-int", lambda: kit.parse_response(5, 200, {}, "{}"), "invalid_argument"),  # type: ignore[arg-type]
    C("type/retry_delay-attempt-str", lambda: kit.retry_delay("0", method="GET"), "invalid_argument"),  # type: ignore[arg-type]
    C("type/load_spec-bytes", lambda: kit.load_spec(SPEC_TEXT.encode()), "invalid_argument"),  # type: ignore[arg-type]
    C("type/client-api_key-int", lambda: kit.Client(5), "invalid_argument"),  # type: ignore[arg-type]
    C("type/float-subclass-nan", lambda: kit.validate("RunCreate", {"workflow_id": WF, "input_values": {"a": type("F", (float,), {})(float("nan"))}}), "unsupported_value"),
    C("type/dict-subclass-evil-methods", lambda: types_of(kit.validate("RunCreate", EvilDict(workflow_id=WF))), "valid"),
    C("type/str-subclass-evil-__str__", lambda: types_of(kit.validate("RunCreate", {"workflow_id": EvilStr(WF)})), "valid"),
    # -- huge values --------------------------------------------------------------
    C("huge/parse_prompt-50MB", lambda: kit.parse_prompt(PROMPT_50MB), "too_large"),
    C("huge/resolve_prompt-50MB", lambda: kit.resolve_prompt(PROMPT_50MB, {"invoice_id": "1"}), "too_large"),
    C("huge/resolve_prompt_text-50MB", lambda: kit.resolve_prompt_text(PROMPT_50MB, {"invoice_id": "1"}), "too_large"),
    C("huge/preflight_run-50MB-override", lambda: kit.preflight_run({"workflow_id": WF, "main_prompt": PROMPT_50MB}, {"main_prompt": "x"}), "too_large"),
    C("huge/build_run_create-50MB-stored-prompt", lambda: kit.build_run_create({"workflow_id": WF}, workflow={"main_prompt": PROMPT_50MB}), "too_large"),
    C("huge/parse_response-50MB-garbage", lambda: kit.parse_response("create_run", 200, {}, MB50), "invalid_response"),
    C("huge/load_spec-50MB-garbage", lambda: kit.load_spec(MB50), "invalid_spec"),
    C("huge/input-value-50MB", lambda: str(len(kit.resolve_prompt("{a}", {"a": MB50})["text"])), str(len(MB50))),
    C("huge/name-10M-chars", lambda: types_of(kit.validate("WorkflowUpdate", {"name": MB50[:10_000_000]})), "string_too_long"),
    C("huge/int-10**1000", lambda: kit.validate("RunCreate", {"workflow_id": WF, "input_values": {"a": 10**1000}}), "unsupported_value"),
    C("huge/int-2**64", lambda: kit.build_run_create({"workflow_id": WF, "input_values": {"a": 2**64}}), "unsupported_value"),
    C("huge/100k-input-values", lambda: types_of(kit.validate("RunCreate", {"workflow_id": WF, "input_values": MANY_INPUTS})), "valid"),
    C("huge/1M-item-list", lambda: types_of(kit.validate("RunCreate", {"workflow_id": WF, "input_values": {"l": HUGE_LIST}})), "valid"),
    C("huge/100k-variables", lambda: str(len(kit.parse_prompt("{a}" * 100_000))), "100000"),
    C("huge/path-100k-segments", lambda: str(len(kit.parse_prompt("{a" + ".b" * 100_000 + "}"))), "1"),
    C("huge/parse_response-100k-unknown-keys", lambda: kit.parse_response("create_run", 200, {}, BODY_100K_KEYS), "invalid_response"),
    C("huge/retry_delay-100k-headers", lambda: "number" if isinstance(kit.retry_delay(0, method="GET", status=503, headers=HEADERS_100K), float) else "?", "number"),
    # -- deep values -----------------------------------------------------------------
    C("deep/validate-100k-lists", lambda: kit.validate("RunCreate", {"workflow_id": WF, "input_values": {"a": DEEP_LIST}}), "too_deep"),
    C("deep/validate-100k-dicts", lambda: kit.validate("RunCreate", DEEP_DICT), "too_deep"),
    C("deep/resolve_prompt-inputs-100k", lambda: kit.resolve_prompt("{a}", {"a": DEEP_DICT}), "too_deep"),
    C("deep/resolve_prompt_text-inputs-100k", lambda: kit.resolve_prompt_text("{a}", {"a": DEEP_DICT}), "too_deep"),
    C("deep/build_workflow_update-100k", lambda: kit.build_workflow_update(WF, {"workflow_metadata": DEEP_DICT}), "too_deep"),
    C("deep/sensitive-100k", lambda: kit.build_run_create({"workflow_id": WF, "sensitive_input_values": {"k": DEEP_LIST}}), "too_deep"),
    C("deep/parse_response-1M-brackets", lambda: kit.parse_response("create_run", 200, {}, "[" * 1_000_000), "invalid_response"),
    C("deep/load_spec-100k-brackets", lambda: kit.load_spec("[" * 100_000), "too_deep"),
    C("deep/input_schema-100k-brackets", lambda: preflight("[" * 100_000, "x"), "preflight_error"),
    C("deep/path-into-120-levels", lambda: kit.resolve_prompt("{a" + ".a" * 200 + "}", {"a": nested_dict(120)})["issues"][0]["code"], "path_type_error"),
    # -- invalid strings: lone surrogates -------------------------------------------------
    C("utf/parse_prompt-lone-surrogate", lambda: kit.parse_prompt("hi \ud800 {x}"), "invalid_string"),
    C("utf/validate-surrogate-key", lambda: kit.validate("RunCreate", {"workflow_id": WF, "input_values": {"\udc00": 1}}), "invalid_string"),
    C("utf/resolve-surrogate-value", lambda: kit.resolve_prompt("{x}", {"x": "\ud83d"}), "invalid_string"),
    C("utf/sensitive-surrogate", lambda: kit.build_run_create({"workflow_id": WF, "sensitive_input_values": {"pin": "1\udfff"}}), "invalid_string"),
    C("utf/schema-name-surrogate", lambda: kit.validate("Run\ud800", {}), "invalid_string"),
    C("utf/parse_response-surrogate-text", lambda: kit.parse_response("create_run", 200, {}, "\ud800"), "invalid_string"),
    C("utf/parse_response-escaped-surrogate", lambda: kit.parse_response("update_workflow", 200, {}, '{"id":"%s","name":"\\ud800"}' % WF), "invalid_response"),
    C("utf/parse_response-not-utf8-bytes", lambda: kit.parse_response("create_run", 201, {}, bytes(range(256))), "invalid_response"),
    # -- NaN and infinities ------------------------------------------------------------------
    C("nan/validate-nan", lambda: kit.validate("RunCreate", {"workflow_id": WF, "input_values": {"a": float("nan")}}), "unsupported_value"),
    C("nan/resolve-inf", lambda: kit.resolve_prompt("{a}", {"a": float("inf")}), "unsupported_value"),
    C("nan/machine_parameters-minus-inf", lambda: kit.build_run_create({"workflow_id": WF}, workflow={"main_prompt": "{a}"}, machine_parameters={"a": float("-inf")}), "unsupported_value"),
    C("nan/retry_delay-now-inf", lambda: kit.retry_delay(0, method="GET", now=float("inf")), "invalid_argument"),
    C("nan/parse_response-NaN-literal", lambda: kit.parse_response("create_run", 200, {}, '{"id": NaN}'), "invalid_response"),
    C("nan/workflow_update-nan", lambda: kit.build_workflow_update(WF, {"post_run_checks": [{"name": "n", "type": "run_attachment_exists", "expected_match_count": float("nan")}]}), "unsupported_value"),
    # -- cyclic structures -----------------------------------------------------------------------
    C("cycle/validate-dict", lambda: kit.validate("RunCreate", {"workflow_id": WF, "input_values": CYCLE}), "cyclic_value"),
    C("cycle/validate-list", lambda: kit.validate("RunCreate", CYCLE_LIST), "cyclic_value"),
    C("cycle/build_workflow_update", lambda: kit.build_workflow_update(WF, {"workflow_metadata": CYCLE}), "cyclic_value"),
    C("cycle/sensitive_input_values", lambda: kit.build_run_create({"workflow_id": WF, "sensitive_input_values": {"c": CYCLE}}), "cyclic_value"),
    C("cycle/preflight-workflow", lambda: kit.preflight_run({"workflow_id": WF}, {"main_prompt": "x", "extra": CYCLE}), "cyclic_value"),
    C("cycle/diff-desired", lambda: kit.diff_workflow_update({}, {"workflow_metadata": CYCLE}), "cyclic_value"),
    C("cycle/resolve-inputs", lambda: kit.resolve_prompt("{a}", {"a": CYCLE_LIST}), "cyclic_value"),
    # -- prototype-like keys: plain data, nothing special --------------------------------------------
    C("proto/validate-input-keys", lambda: types_of(kit.validate("RunCreate", {"workflow_id": WF, "input_values": {"__proto__": {"x": 1}, "constructor": {"prototype": 1}}})), "valid"),
    C("proto/resolve-__proto__-path", lambda: kit.resolve_prompt("{__proto__.polluted}|{constructor.prototype}", {"__proto__": {"polluted": "yes"}})["text"], "yes|__EMPTY__"),
    C("proto/resolve-__class__-__dict__", lambda: kit.resolve_prompt("{__class__}{__dict__.x}", {})["text"], "__EMPTY____EMPTY__"),
    C("proto/workflow_update-unknown-fields", lambda: ",".join(w["code"] for w in kit.build_workflow_update(WF, {"__proto__": {"name": 1}, "constructor": 1, "name": "ok"})["warnings"]), "unknown_field,unknown_field"),
    C("proto/diff-__proto__", lambda: json.dumps(kit.diff_workflow_update({"__proto__": 1}, {"__proto__": 2, "name": "n"})), '{"name": "n"}'),
    C("proto/sensitive-__proto__", lambda: kit.preflight_run({"workflow_id": WF, "sensitive_input_values": {"__proto__": "s"}}, {"main_prompt": "{$__proto__}"})["resolved_prompt"], "{$__proto__}"),
    # -- catastrophic regex in a user input_schema ---------------------------------------------------
    C("regex/nested-plus-50k", lambda: preflight(schema_with({"type": "string", "pattern": "^(a+)+$"}), "a" * 50_000 + "!"), "preflight_error"),
    C("regex/xx-plus-100k", lambda: preflight(schema_with({"type": "string", "pattern": "(x+x+)+y"}), "x" * 100_000), "preflight_error"),
    C("regex/alternation-star-100k", lambda: preflight(schema_with({"type": "string", "pattern": "^(a|aa)*$"}), "a" * 100_000 + "b"), "preflight_error"),
    C("regex/patternProperties-30k-key", lambda: kit.build_run_create({"workflow_id": WF, "input_values": {"a" * 30_000 + "!": 1}}, workflow={"main_prompt": "x", "input_schema": json.dumps({"type": "object", "patternProperties": {"^(a|a)*$": {"type": "string"}}, "additionalProperties": False})}), "preflight_error"),
    C("regex/backreference-applied", lambda: preflight(schema_with({"type": "string", "pattern": "^(a)\\1$"}), "ab"), "preflight_error"),
    C("regex/lookahead-applied", lambda: preflight(schema_with({"type": "string", "pattern": "^(?=a)a$"}), "b"), "preflight_error"),
    C("regex/backtracking-out-of-budget-warns", lambda: ",".join(i["code"] for i in kit.preflight_run({"workflow_id": WF, "machine_id": WF, "input_values": {"a": "ab" * 5000}}, {"main_prompt": "Use {a}.", "input_schema": schema_with({"type": "string", "pattern": "^(?!z)(ab|a|b)*(ab|a|b)*(ab|a|b)*!$"})})["issues"]), "pattern_undecided"),
    C("regex/backreference-100k-key", lambda: [i["code"] for i in kit.preflight_run({"workflow_id": WF, "machine_id": WF, "input_values": {"a" * 100_000: 1}}, {"main_prompt": "x", "input_schema": json.dumps({"patternProperties": {"^(a+)+\\1!$": {"type": "string"}}})})["issues"]][-1], "pattern_undecided"),
    C("regex/compiles-too-big", lambda: preflight(schema_with({"type": "string", "pattern": "(\\w{100}){100}" * 10}), "a"), "preflight_error"),
    C("regex/does-not-compile", lambda: preflight(schema_with({"type": "string", "pattern": "(("}), "a"), "preflight_error"),
    C("regex/input_schema-not-json", lambda: preflight("not json", "a"), "preflight_error"),
    C("regex/input_schema-bad-keyword", lambda: preflight('{"type": 5}', "a"), "preflight_error"),
    # -- malformed spec documents ------------------------------------------------------------------------
    C("spec/empty-object", lambda: spec("{}"), "invalid_spec"),
    C("spec/null", lambda: spec("null"), "invalid_spec"),
    C("spec/no-schemas", lambda: spec('{"openapi": "3.1.0"}'), "invalid_spec"),
    C("spec/schemas-is-list", lambda: spec('{"openapi": "3.1.0", "components": {"schemas": []}}'), "invalid_spec"),
    C("spec/truncated", lambda: spec(SPEC_TEXT[: len(SPEC_TEXT) // 2]), "invalid_spec"),
    C("spec/dangling-ref", lambda: spec(openapi({"A": {"$ref": "#/components/schemas/Nope"}})), "invalid_spec"),
    C("spec/external-ref", lambda: spec(openapi({"A": {"$ref": "http://127.0.0.1:9/x.json"}})), "invalid_spec"),
    C("spec/type-is-number", lambda: spec(openapi({"A": {"type": 5}})), "invalid_spec"),
    C("spec/pattern-does-not-compile", lambda: spec(openapi({"A": {"type": "string", "pattern": "(("}})), "invalid_spec"),
    C("spec/self-ref-cycle", lambda: kit.validate("A", {}, spec=spec(openapi({"A": {"$ref": "#/components/schemas/A"}}))), "too_deep"),
    C("spec/two-ref-cycle", lambda: kit.validate("A", {}, spec=spec(openapi({"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}))), "too_deep"),
    C("spec/unknown-schema-name", lambda: kit.validate("WorkflowUpdate", {}, spec=spec(openapi({"A": {}}))), "unknown_schema"),
    # -- garbage responses ----------------------------------------------------------------------------------
    C("resp/empty-200", lambda: kit.parse_response("create_run", 200, {}, ""), "invalid_response"),
    C("resp/html-200", lambda: kit.parse_response("create_run", 200, {"content-type": "text/html"}, "<html>oops</html>"), "invalid_response"),
    C("resp/html-500", lambda: kit.parse_response("create_run", 500, {}, "<html>oops</html>"), "api_error"),
    C("resp/422-detail-not-list", lambda: kit.parse_response("create_run", 422, {}, '{"detail": "nope"}'), "api_error"),
    C("resp/422-detail-garbage-items", lambda: kit.parse_response("update_workflow", 422, {}, '{"detail": [1, null, {"loc": 5}]}'), "api_error"),
    C("resp/200-list", lambda: kit.parse_response("create_run", 200, {}, "[]"), "invalid_response"),
    C("resp/200-wrong-shape", lambda: kit.parse_response("create_run", 200, {}, '{"id": 5}'), "invalid_response"),
    C("resp/200-duplicate-keys", lambda: kit.parse_response("create_run", 201, {}, RUN_OK[:-1] + ',"id": 5}'), "invalid_response"),
    C("resp/200-bad-status-enum", lambda: kit.parse_response("create_run", 201, {}, RUN_OK.replace("scheduling", "exploded")), "invalid_response"),
    C("resp/status-99", lambda: kit.parse_response("create_run", 99, {}, "{}"), "invalid_argument"),
    C("resp/status-600", lambda: kit.parse_response("create_run", 600, {}, "{}"), "invalid_argument"),
    C("resp/header-bytes", lambda: kit.parse_response("create_run", 200, {"a": b"x"}, "{}"), "invalid_argument"),
    C("resp/unknown-operation", lambda: kit.parse_response("drop_tables", 200, {}, "{}"), "unknown_operation"),
    C("get/include-number", lambda: kit.build_get_workflow(WF, include=5), "invalid_argument"),
    C("get/include-empty-name", lambda: kit.build_get_workflow(WF, include=["tags", ""]), "invalid_argument"),
    C("get/include-set", lambda: kit.build_get_workflow(WF, include={"tags"}), "unsupported_value"),
    C("get/include-lone-surrogate", lambda: kit.build_get_workflow(WF, include=["\ud800"]), "invalid_string"),
    C("val/datetime-1M-digits", lambda: kit.build_workflow_update(WF, {"workflow_metadata": {"last_errored_run_start": "2" * 10**6}}), "validation_error"),
    C("val/uuid-1M-nonascii", lambda: kit.build_workflow_update(WF, {"model_metadata": {"main_agent_model_id": "\u00e9" * 10**6}}), "validation_error"),
    C("resp/int-beyond-64-bits", lambda: kit.parse_response("create_run", 200, {}, RUN_OK.replace('"status"', '"output_data": {"n": 18446744073709551616}, "status"')), "invalid_response"),
    C("resp/retry-after-asctime-garbage", lambda: "backoff" if 0 < (kit.retry_delay(0, method="GET", status=503, headers={"Retry-After": "Sun Nov 99 99:99:99 1994"}, now=0.0) or 0) <= 1 else "?", "backoff"),
    C("resp/retry-after-garbage", lambda: "backoff" if 0 < (kit.retry_delay(0, method="GET", status=503, headers={"Retry-After": "soon"}) or 0) <= 1 else "?", "backoff"),
    C("resp/retry-after-negative", lambda: "backoff" if 0 < (kit.retry_delay(0, method="GET", status=503, headers={"Retry-After": "-5"}) or 0) <= 1 else "?", "backoff"),
    C("resp/retry-after-1e309", lambda: "backoff" if 0 < (kit.retry_delay(0, method="GET", status=503, headers={"Retry-After": "1e309"}) or 0) <= 1 else "?", "backoff"),
    C("resp/retry-after-400-digits", lambda: "finite" if (kit.retry_delay(0, method="GET", status=503, headers={"Retry-After": "9" * 400}) or 0) < 1e6 else "?", "finite"),
    # -- prompt histories (issue 10) ---------------------------------------------
    C("history/version-2", lambda: kit.parse_prompt_history('{"version": 2, "versions": [], "labels": {}}'), "invalid_history"),
    C("history/version-missing", lambda: kit.select_prompt_version({"versions": [], "labels": {}}, "latest"), "invalid_history"),
    C("history/duplicate-numbers", lambda: kit.select_prompt_version(dict(HISTORY_1, versions=HISTORY_1["versions"] * 2), 1), "invalid_history"),
    C("history/label-pointing-nowhere", lambda: kit.select_prompt_version(dict(HISTORY_1, labels={"production": 2}), 1), "invalid_history"),
    C("history/not-json", lambda: kit.parse_prompt_history('{"version": 1,'), "invalid_history"),
    C("history/100k-deep", lambda: kit.parse_prompt_history("[" * 100_000 + "]" * 100_000), "too_deep"),
    C("history/100k-versions-json", lambda: str(kit.select_prompt_version(kit.parse_prompt_history(HISTORY_100K_JSON), "latest")["number"]), "100000"),
    C("history/100k-versions-dict", lambda: str(kit.check_prompt_drift({"main_prompt": "v99999 {x}"}, HISTORY_100K)["number"]), "100000"),
    C("history/100001-versions", lambda: kit.parse_prompt_history(json.dumps(HISTORY_TOO_MANY)), "invalid_history"),
    C("history/10MB-texts-compared", lambda: ",".join(kit.compare_prompt_versions(HISTORY_10MB, 1, 2)["sensitive_added"]), "pin"),
    C("history/17MB-text", lambda: kit.add_prompt_version(kit.create_prompt_history(), "a" * (17 << 20)), "too_large"),
    C("history/pin-bool", lambda: kit.select_prompt_version(HISTORY_1, True), "invalid_argument"),
    C("history/pin-2**64", lambda: kit.select_prompt_version(HISTORY_1, 2**64), "unsupported_value"),
    C("history/pin-lone-surrogate", lambda: kit.select_prompt_version(HISTORY_1, "\ud800"), "invalid_string"),
    C("history/batch-10001", lambda: kit.build_run_batch(HISTORY_1, "b", [{"pin": 1, "run": {"workflow_id": WF}}] * 10_001), "invalid_argument"),
    # -- waiting for a run (issue 10, part 7) ------------------------------------
    C("run/10MB-run-id", lambda: kit.build_get_run("7" * (10 << 20)), "validation_error"),
    C("run/include-set", lambda: kit.build_get_run(WF, include={"workflow"}), "unsupported_value"),
    C("run/output-100k-deep", lambda: kit.parse_response("get_run", 200, {}, RUN_DEEP_OUTPUT), "invalid_response"),
    C("poll/nan-elapsed", lambda: kit.poll_delay(0, float("nan")), "invalid_argument"),
    C("poll/bool-attempt", lambda: kit.poll_delay(True, 0), "invalid_argument"),
    C("poll/str-timeout", lambda: kit.poll_delay(0, 0, timeout="60"), "invalid_argument"),
    C("poll/1e300-no-deadline", lambda: str(kit.poll_delay(2**32 - 1, 1e308, initial_delay=1e300, max_delay=1e300, timeout=math.inf)), "1e+300"),
    C("resp/retry-after-50MB", lambda: "finite" if (kit.retry_delay(0, method="GET", status=503, headers={"Retry-After": MB50}) or 0) < 1e6 else "?", "finite"),
]


def test_catalogue_is_big_enough() -> None:
    readme = " ".join((Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8").split())
    said = re.search(r"timed catalogues in every language \(at least Rust \d+ entries, Python (\d+),", readme)
    assert said and int(said.group(1)) >= 60, "the README's Reliability section lost the Python catalogue count"
    assert len(CATALOGUE) >= int(said.group(1)), f"{len(CATALOGUE)} entries, the README says at least {said.group(1)}"
    ids = [c.id for c in CATALOGUE]
    assert len(ids) == len(set(ids))
    # Every category of the issue is there.
    for category in ("type/", "huge/", "deep/", "utf/", "nan/", "cycle/", "proto/", "regex/", "spec/", "resp/"):
        assert any(i.startswith(category) for i in ids), category


@pytest.mark.parametrize("case", CATALOGUE, ids=[c.id for c in CATALOGUE])
def test_hostile(case: Case) -> None:
    start = time.perf_counter()
    try:
        result = case.call()
    except kit.KitError as err:
        outcome = err.code
        assert outcome in kit.ERROR_CODES
    except Exception as err:  # noqa: BLE001 - recorded as the failure it is
        outcome = f"{type(err).__name__} (not a KitError): {str(err)[:200]}"
    else:
        outcome = result if isinstance(result, str) else f"returned {type(result).__name__}"
    elapsed = time.perf_counter() - start
    HOSTILE_TIMES.append((case.id, elapsed, outcome))
    assert outcome != "internal_error"
    assert outcome == case.expect
    assert elapsed < BOUND_S, f"{case.id} took {elapsed:.2f} s (bound {BOUND_S} s)"


def test_no_state_leaks_after_the_catalogue() -> None:
    """After all of the above, the module still works as new."""
    assert kit.validate("RunCreate", {"workflow_id": WF}) == []
    assert kit.resolve_prompt("{a}", {"a": "x"})["text"] == "x"
    assert sys.getrecursionlimit() >= 1000
