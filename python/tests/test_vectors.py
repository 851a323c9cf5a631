"""Every case of the shared vectors (tests/vectors/*.json), run through the
Python API, following tests/vectors/README.md exactly.

One pytest test per case. Offsets are checked in code points (Python str
indices), secrets in the result's JSON, the error's plain form and the
str()/repr() of both.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

import cyberdesk_kit as kit

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"

# Cases expected to fail in Python, by "file/case name", each with the
# reason. Empty: every case passes.
XFAIL: Dict[str, str] = {}


def _expand(v: Any) -> Any:
    """The vector file macros: {"$vector_repeat": [s, n]} is s * n and
    {"$vector_deep": n} is 0 wrapped in n lists."""
    if isinstance(v, dict):
        if len(v) == 1 and "$vector_repeat" in v:
            s, n = v["$vector_repeat"]
            return s * n
        if len(v) == 1 and "$vector_deep" in v:
            out: Any = 0
            for _ in range(v["$vector_deep"]):
                out = [out]
            return out
        return {k: _expand(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_expand(x) for x in v]
    return v


def matches(expected: Any, actual: Any) -> bool:
    """The README's rule: objects by expected keys, arrays item by item,
    anything else by equality (numbers as numbers; a bool is not a number)."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            k in actual and matches(v, actual[k]) for k, v in expected.items()
        )
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(expected) == len(actual)
            and all(matches(e, a) for e, a in zip(expected, actual))
        )
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return float(expected) == float(actual)
    return bool(type(expected) is type(actual) and expected == actual)


def _call(op: str, inp: Dict[str, Any]) -> Any:
    """Calls the operation with every input present, and no others."""

    def pick(*names: str) -> Dict[str, Any]:
        return {n: inp[n] for n in names if n in inp}

    if op == "parse_prompt":
        return kit.parse_prompt(inp["text"])
    if op == "resolve_prompt":
        return kit.resolve_prompt(inp["text"], **pick("input_values", "sensitive_input_values"))
    if op == "validate":
        extra: Dict[str, Any] = {}
        if "spec" in inp:
            extra["spec"] = kit.load_spec(inp["spec"])
        return kit.validate(inp["schema"], inp["payload"], **extra)
    if op == "validate_instance":
        return kit.validate_instance(inp["schema"], inp["instance"], **pick("draft"))
    if op == "build_workflow_update":
        return kit.build_workflow_update(inp["workflow_id"], inp["update"], **pick("idempotency_key"))
    if op == "build_get_workflow":
        return kit.build_get_workflow(inp["workflow_id"], **pick("include"))
    if op == "build_get_run":
        return kit.build_get_run(inp["run_id"], **pick("include"))
    if op == "poll_delay":
        return kit.poll_delay(inp["attempt"], inp["elapsed"], **pick("initial_delay", "max_delay", "timeout"))
    if op == "is_terminal_run_status":
        return kit.is_terminal_run_status(inp["status"])
    if op == "build_run_create":
        return kit.build_run_create(
            inp["run"],
            **pick(
                "workflow",
                "idempotency_key",
                "machine_parameters",
                "machine_sensitive_parameters",
                "pool_parameters",
            ),
        )
    if op == "preflight_run":
        return kit.preflight_run(
            inp["run"],
            inp["workflow"],
            **pick("machine_parameters", "machine_sensitive_parameters", "pool_parameters"),
        )
    if op == "diff_workflow_update":
        return kit.diff_workflow_update(inp["current"], inp["desired"])
    if op == "apply_workflow_update":
        return kit.apply_workflow_update(inp["current"], inp["update"])
    if op == "parse_response":
        return kit.parse_response(
            inp["operation"], inp["status"], inp.get("headers"), inp["body"], **pick("sensitive_input_values")
        )
    if op == "retry_delay":
        return kit.retry_delay(
            inp["attempt"],
            **pick(
                "method",
                "status",
                "headers",
                "network_error",
                "has_idempotency_key",
                "max_retries",
                "now",
                "jitter",
            ),
        )
    history_op = _HISTORY_OPS.get(op)
    if history_op is not None:
        return history_op(inp, pick)
    raise AssertionError(f"unknown operation {op}")


_RUN_KW = ("workflow", "machine_parameters", "machine_sensitive_parameters", "pool_parameters")

# The prompt history operations (issue 10), by vector operation name.
_HISTORY_OPS: Dict[str, Any] = {
    "prompt_content_id": lambda i, pick: kit.prompt_content_id(i["text"]),
    "create_prompt_history": lambda i, pick: kit.create_prompt_history(),
    "parse_prompt_history": lambda i, pick: kit.parse_prompt_history(i["text"]),
    "serialize_prompt_history": lambda i, pick: kit.serialize_prompt_history(i["history"]),
    "add_prompt_version": lambda i, pick: kit.add_prompt_version(
        i["history"], i["text"], **pick("note", "created_at")
    ),
    "move_prompt_label": lambda i, pick: kit.move_prompt_label(i["history"], i["label"], i.get("to")),
    "select_prompt_version": lambda i, pick: kit.select_prompt_version(i["history"], i["pin"]),
    "compare_prompts": lambda i, pick: kit.compare_prompts(i["old"], i["new"]),
    "compare_prompt_versions": lambda i, pick: kit.compare_prompt_versions(i["history"], i["old"], i["new"]),
    "check_prompt_text": lambda i, pick: kit.check_prompt_text(i["text"], i["workflow"]),
    "check_prompt_version": lambda i, pick: kit.check_prompt_version(i["history"], i["pin"], i["workflow"]),
    "build_pinned_run": lambda i, pick: kit.build_pinned_run(
        i["history"], i["pin"], i["run"], **pick("idempotency_key", *_RUN_KW)
    ),
    "build_run_batch": lambda i, pick: kit.build_run_batch(
        i["history"], i["batch_key"], i["items"], **pick(*_RUN_KW)
    ),
    "batch_idempotency_key": lambda i, pick: kit.batch_idempotency_key(i["batch_key"], i["item_key"]),
    "diff_prompt_mirror": lambda i, pick: kit.diff_prompt_mirror(i["workflow"], i["history"], i["pin"]),
    "check_prompt_drift": lambda i, pick: kit.check_prompt_drift(i["workflow"], i["history"]),
}


def _prompt_text(op: str, inp: Dict[str, Any], result: Any) -> Optional[str]:
    if op in ("parse_prompt", "resolve_prompt"):
        text = inp.get("text")
        return text if isinstance(text, str) else None
    if op == "preflight_run" and isinstance(result, dict):
        source = inp["run"] if result.get("prompt_source") == "override" else inp["workflow"]
        text = source.get("main_prompt") if isinstance(source, dict) else None
        return text if isinstance(text, str) else None
    return None


def _variables(result: Any) -> List[Dict[str, Any]]:
    if isinstance(result, list):
        return result
    if isinstance(result, dict) and isinstance(result.get("variables"), list):
        return list(result["variables"])
    return []


_UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def _cases() -> List[Any]:
    files = sorted(VECTORS.glob("*.json"))
    assert len(files) >= 10, f"vector files missing in {VECTORS}"
    out = []
    for f in files:
        doc = json.loads(f.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            cid = f"{f.stem}/{case['name']}"
            marks = [pytest.mark.xfail(reason=XFAIL[cid], strict=True)] if cid in XFAIL else []
            out.append(pytest.param(doc["operation"], case, id=cid, marks=marks))
    return out


@pytest.mark.parametrize("op,case", _cases())
def test_vector(op: str, case: Dict[str, Any]) -> None:
    assert ("expect" in case) != ("error" in case), "a case has expect or error, never both"
    inp = _expand(case["input"])
    printed: List[str] = []
    try:
        result = _call(op, inp)
    except kit.KitError as err:
        plain = err.to_dict()
        printed += [str(err), repr(err), json.dumps(plain, ensure_ascii=False)]
        assert "error" in case, f"unexpected error {plain}"
        assert matches(case["error"], plain), f"expected error {case['error']}\n got {plain}"
        assert err.code in kit.ERROR_CODES
    else:
        printed += [json.dumps(result, ensure_ascii=False), repr(result), str(result)]
        # What the body may carry but print(request) must not show.
        for hidden in case.get("hidden_in_print", []):
            assert hidden not in repr(result) and hidden not in str(result), hidden
        assert "expect" in case, f"expected an error, got {result!r}"
        assert matches(case["expect"], result), f"expected {case['expect']}\n got {result}"

        # Every variable's span slices its raw text, in str indices.
        text = _prompt_text(op, inp, result)
        if text is not None:
            for v in _variables(result):
                assert text[v["start"] : v["end"]] == v["raw"], v
        spans = case.get("spans", {})
        if "codepoint" in spans:
            got = [[v["start"], v["end"]] for v in _variables(result)]
            assert got == spans["codepoint"]
        if case.get("generated_key"):
            key = result["idempotency_key"]
            assert isinstance(key, str) and _UUID4.match(key), key
            assert result["headers"]["Idempotency-Key"] == key

    for secret in case.get("secrets", []):
        for haystack in printed:
            assert secret not in haystack, f"secret {secret!r} leaked"


def test_every_operation_has_vectors() -> None:
    ops = {json.loads(f.read_text(encoding="utf-8"))["operation"] for f in VECTORS.glob("*.json")}
    assert ops >= {
        "parse_prompt",
        "resolve_prompt",
        "validate",
        "build_workflow_update",
        "build_get_workflow",
        "build_run_create",
        "preflight_run",
        "diff_workflow_update",
        "apply_workflow_update",
        "parse_response",
        "retry_delay",
        "build_get_run",
        "poll_delay",
        "is_terminal_run_status",
    }



def _resolve_cases() -> List[Any]:
    doc = json.loads((VECTORS / "resolve_prompt.json").read_text(encoding="utf-8"))
    assert len(doc["cases"]) >= 10
    return [pytest.param(c, id=c["name"]) for c in doc["cases"]]


@pytest.mark.parametrize("case", _resolve_cases())
def test_resolve_prompt_text_equals_the_full_call(case: Dict[str, Any]) -> None:
    """resolve_prompt_text gives exactly resolve_prompt's text and issues
    (or the same error) on every resolve vector, secrets kept out."""
    inp = _expand(case["input"])
    kw = {n: inp[n] for n in ("input_values", "sensitive_input_values") if n in inp}

    def outcome(fn: Any) -> Any:
        try:
            return fn(inp["text"], **kw), None
        except kit.KitError as err:
            return None, err

    full, full_err = outcome(kit.resolve_prompt)
    only, only_err = outcome(kit.resolve_prompt_text)
    if full_err is not None or only_err is not None:
        assert full_err is not None and only_err is not None, (full, only, full_err, only_err)
        assert (type(only_err), only_err.code, str(only_err)) == (type(full_err), full_err.code, str(full_err))
        printed = [str(only_err), repr(only_err)]
    else:
        assert only == {"text": full["text"], "issues": full["issues"]}
        assert list(only) == ["text", "issues"]
        printed = [json.dumps(only), repr(only)]
    for secret in case.get("secrets", []):
        for haystack in printed:
            assert secret not in haystack, f"secret {secret!r} leaked"
