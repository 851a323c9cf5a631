#!/usr/bin/env python3
"""Writes the benchmark payloads to bench/fixtures/ (deterministic; the same
bytes on every run), so every contender in every language reads the same
inputs. Run by bench/run.sh; safe to rerun."""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures")
rng = random.Random(20261124)


def uuid():
    h = "%032x" % rng.getrandbits(128)
    h = h[:12] + "4" + h[13:16] + "8" + h[17:]
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def words(n):
    vocab = ["open", "the", "invoice", "portal", "and", "enter", "each", "line", "item", "carefully", "then", "save", "ERP", "customer", "total"]
    return " ".join(rng.choice(vocab) for _ in range(n))


def check(i):
    kinds = ["run_attachment_exists", "output_data_agentic_check", "output_data_passes_schema_validation", "run_attachment_image_check"]
    c = {"name": f"check {i}", "type": kinds[i % 4], "description": words(12), "id": uuid(), "model": None, "allow_missing_attachments": False}
    if c["type"] in ("run_attachment_exists", "run_attachment_image_check"):
        c.update(file_target_mode="exact", file_names=[f"file_{i}_{j}.pdf" for j in range(3)], expected_match_count=3)
    if c["type"] in ("output_data_agentic_check", "run_attachment_image_check"):
        c["check_prompt"] = words(30)
    return c


def workflow_update(size):
    if size == "small":
        return {"main_prompt": "v2: enter invoice {invoice_id}", "name": "Invoices"}
    n_checks, prompt_words, allow = {"medium": (5, 400, 10), "large": (60, 27000, 200)}[size]
    schema = {"type": "object", "required": ["invoice_id"], "properties": {f"field_{i}": {"type": "string", "maxLength": 64} for i in range(20 if size == "medium" else 200)}}
    return {
        "name": "Invoice entry " + size,
        "main_prompt": words(prompt_words) + " {invoice_id} {$erp_password} {{confirmation}}",
        "input_schema": json.dumps(schema),
        "output_schema": None,
        "includes_file_exports": True,
        "is_webhooks_enabled": False,
        "terminal_command_allowlist": [f"cmd{i} --flag {{arg}}" for i in range(allow)],
        "model_metadata": {"main_agent_model_id": uuid(), "cache_detection_model_id": None, "fallback_model_1_id": uuid(), "fallback_model_2_id": None},
        "post_run_check_failure_cleanup_prompt": words(40),
        "workflow_metadata": {"has_unaddressed_error": False, "last_errored_run_start": "2026-11-24T10:00:00Z", "last_errored_run_uuid": uuid()},
        "post_run_checks": [check(i) for i in range(n_checks)],
    }


def run_create(size):
    if size == "small":
        return {"workflow_id": uuid(), "main_prompt": "v3 {a}", "input_values": {"a": "x"}}
    n = {"medium": 60, "large": 1600}[size]
    return {
        "workflow_id": uuid(),
        "is_priority": False,
        "main_prompt": words(300 if size == "medium" else 3000) + " {customer.name}",
        "model_metadata": {"main_agent_model_id": uuid()},
        "pool_ids": [uuid() for _ in range(3)],
        "input_values": {f"key_{i}": {"id": i, "label": words(8), "tags": [words(1) for _ in range(3)], "ok": i % 2 == 0} for i in range(n)},
        "file_inputs": [{"filename": f"f{i}.txt", "content": "aGVsbG8gd29ybGQ=" * 4, "target_path": None, "cleanup_imports_after_run": True} for i in range(3)],
        "sensitive_input_values": {"erp_password": "hunter2", "api": {"token": "t0k3n"}},
        "session_alias": "batch-7",
        "start_session": False,
    }


def invalid(payload, kind):
    p = json.loads(json.dumps(payload))
    if kind == "WorkflowUpdate":
        p["name"] = 42
        p["includes_file_exports"] = "yes"
        p.setdefault("post_run_checks", []).append({"name": "", "type": "bogus", "expected_match_count": 0})
        p["model_metadata"] = {"main_agent_model_id": "not-a-uuid"}
    else:
        p["workflow_id"] = "not-a-uuid"
        p["is_priority"] = "yes"
        p["pool_ids"] = ["nope"]
    return p


def prompt_fixture(n_vars, target_bytes):
    parts, inputs = [], {}
    filler = max(1, (target_bytes // n_vars) // 6)
    for i in range(n_vars):
        kind = i % 4
        if kind == 0:
            var = f"{{v{i}}}"
            inputs[f"v{i}"] = f"value {i}"
        elif kind == 1:
            var = f"{{c{i}.profile.name}}"
            inputs[f"c{i}"] = {"profile": {"name": f"name {i}"}}
        elif kind == 2:
            var = f"{{o{i}.items[1]['sku-code']}}"
            inputs[f"o{i}"] = {"items": [{"sku-code": "A"}, {"sku-code": f"B{i}"}]}
        else:
            var = f"{{{{runtime_{i}}}}}" if i % 8 == 3 else f"{{$secret_{i}}}"
        parts.append(words(filler) + " " + var + ".")
    return {"text": " ".join(parts), "input_values": inputs, "sensitive_input_values": {f"secret_{i}": "s" for i in range(3, n_vars, 8)}}


def flat_prompt_fixture(n_vars, target_bytes):
    filler = max(1, (target_bytes // n_vars) // 6)
    text = " ".join(words(filler) + f" {{v{i}}}." for i in range(n_vars))
    return {"text": text, "input_values": {f"v{i}": f"value {i}" for i in range(n_vars)}}


def main():
    os.makedirs(OUT, exist_ok=True)
    files = {}
    for size in ("small", "medium", "large"):
        wu, rc = workflow_update(size), run_create(size)
        files[f"workflow_update_{size}_valid"] = {"schema": "WorkflowUpdate", "payload": wu}
        files[f"workflow_update_{size}_invalid"] = {"schema": "WorkflowUpdate", "payload": invalid(wu, "WorkflowUpdate")}
        files[f"run_create_{size}_valid"] = {"schema": "RunCreate", "payload": rc}
        files[f"run_create_{size}_invalid"] = {"schema": "RunCreate", "payload": invalid(rc, "RunCreate")}
    files["prompt_100k"] = prompt_fixture(1000, 100_000)
    files["prompt_flat_100k"] = flat_prompt_fixture(1000, 100_000)
    files["prompt_1m"] = prompt_fixture(10_000, 1_000_000)
    files["prompt_10m"] = prompt_fixture(100_000, 10_000_000)
    for name, doc in files.items():
        with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
    sizes = {n: os.path.getsize(os.path.join(OUT, n + ".json")) for n in files}
    print("fixtures:", ", ".join(f"{n} {s // 1024} KB" for n, s in sizes.items()))


if __name__ == "__main__":
    main()
