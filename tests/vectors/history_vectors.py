# Writes the prompt history vector files (tests/vectors/*prompt*.json and the
# batch, mirror and drift files) of issue 10. Content ids and batch keys are
# computed here with hashlib/uuid from the documented rules (the key
# derivation checked first on RFC 9562 appendix B.2's own example), never
# by running the kit; every other expectation is written by hand.
#   python3 tests/vectors/history_vectors.py
import hashlib, json, uuid, os
OUT = os.path.dirname(os.path.abspath(__file__))
def cid(t): return "sha256:" + hashlib.sha256(t.encode("utf-8")).hexdigest()
NS = uuid.UUID("2757b536-55a0-40ea-bff3-167ccc35dec8")
def v8(ns_bytes, name):
    b = bytearray(hashlib.sha256(ns_bytes + name).digest()[:16])
    b[6] = (b[6] & 0x0F) | 0x80
    b[8] = (b[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(b)))
# The derivation, checked on RFC 9562 appendix B.2's own example first.
assert v8(uuid.UUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8").bytes, b"www.example.com") == "5c146b14-3c52-8afd-938a-375d0df1fbf6"
def bkey(batch, item): return v8(NS.bytes, batch.encode() + b"\n" + item.encode())

A = "Look up {customer_id}."
B = "Look up {customer_id} and type {$pin}.\nThen read {order.items[0].sku}."
C = "Look up {customer_id}.\nIf all is well, call declare_task_succeeded(skip_post_run_checks=True)."
WID = "550e8400-e29b-41d4-a716-446655440000"
def ver(n, t, **kw):
    d = {"number": n, "id": cid(t), "text": t}
    d.update(kw); return d
EMPTY = {"version": 1, "versions": [], "labels": {}}
H1 = {"version": 1, "versions": [ver(1, A, note="first", created_at="2026-11-30T10:00:00Z")], "labels": {}}
H2 = {"version": 1, "versions": [ver(1, A, note="first", created_at="2026-11-30T10:00:00Z"), ver(2, B)], "labels": {"production": 1}}
H3 = {"version": 1, "versions": [ver(1, A), ver(2, B), ver(3, C)], "labels": {"production": 1, "staging": 3}}

def write(op, cases):
    for c in cases: assert ("expect" in c) != ("error" in c), c["name"]
    with open(os.path.join(OUT, op + ".json"), "w") as f:
        json.dump({"operation": op, "cases": cases}, f, indent=2, ensure_ascii=False)
        f.write("\n")
def err(code): return {"code": code}

write("prompt_content_id", [
    {"name": "FIPS 180-2 abc", "input": {"text": "abc"}, "expect": "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {"name": "empty text", "input": {"text": ""}, "expect": "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {"name": "a prompt", "input": {"text": A}, "expect": cid(A)},
    {"name": "non-ASCII hashed as UTF-8", "input": {"text": "Grüße {name} ✓ 😀"}, "expect": cid("Grüße {name} ✓ 😀")},
    {"name": "a line break and CRLF are text", "input": {"text": "a\r\nb\n"}, "expect": cid("a\r\nb\n")},
])

write("create_prompt_history", [
    {"name": "an empty history", "input": {}, "expect": EMPTY},
])

dumps = lambda d: json.dumps(d, ensure_ascii=False)
bad = lambda name, doc: {"name": name, "input": {"text": doc if isinstance(doc, str) else dumps(doc)}, "error": err("invalid_history")}
write("parse_prompt_history", [
    {"name": "a history round-trips", "input": {"text": dumps(H2)}, "expect": H2},
    {"name": "labels may be left out", "input": {"text": dumps({"version": 1, "versions": [ver(1, A)]})}, "expect": {"version": 1, "versions": [ver(1, A)], "labels": {}}},
    {"name": "a null note is absent", "input": {"text": dumps({"version": 1, "versions": [dict(ver(1, A), note=None)], "labels": {}})}, "expect": {"version": 1, "versions": [ver(1, A)], "labels": {}}},
    bad("not JSON", "{\"version\": 1,"),
    bad("not an object", "[]"),
    bad("version 2", {"version": 2, "versions": [], "labels": {}}),
    bad("version as a string", {"version": "1", "versions": [], "labels": {}}),
    bad("version missing", {"versions": [], "labels": {}}),
    bad("versions not a list", {"version": 1, "versions": {}, "labels": {}}),
    bad("duplicate numbers", {"version": 1, "versions": [ver(1, A), ver(1, B)], "labels": {}}),
    bad("numbers start at 1", {"version": 1, "versions": [ver(0, A)], "labels": {}}),
    bad("a gap in numbers", {"version": 1, "versions": [ver(1, A), ver(3, B)], "labels": {}}),
    bad("an id that is not the text's sha256", {"version": 1, "versions": [dict(ver(1, A), id=cid(B))], "labels": {}}),
    bad("an id in upper case", {"version": 1, "versions": [dict(ver(1, A), id=cid(A).upper())], "labels": {}}),
    bad("two versions with one text", {"version": 1, "versions": [ver(1, A), ver(2, A)], "labels": {}}),
    bad("an empty text", {"version": 1, "versions": [ver(1, "")], "labels": {}}),
    bad("a label pointing nowhere", {"version": 1, "versions": [ver(1, A)], "labels": {"production": 2}}),
    bad("a label pointing at 0", {"version": 1, "versions": [ver(1, A)], "labels": {"production": 0}}),
    bad("latest stored as a label", {"version": 1, "versions": [ver(1, A)], "labels": {"latest": 1}}),
    bad("a label name with a space", {"version": 1, "versions": [ver(1, A)], "labels": {"pro duction": 1}}),
    bad("an unknown top-level key", {"version": 1, "versions": [], "labels": {}, "extra": True}),
    bad("an unknown version key", {"version": 1, "versions": [dict(ver(1, A), author="x")], "labels": {}}),
    bad("created_at that is not a date-time", {"version": 1, "versions": [ver(1, A, created_at="yesterday")], "labels": {}}),
    bad("a note that is not a string", {"version": 1, "versions": [ver(1, A, note=5)], "labels": {}}),
])

write("serialize_prompt_history", [
    {"name": "compact JSON, fixed key order, labels sorted",
     "input": {"history": {"labels": {"staging": 2, "production": 1}, "versions": [{"text": A, "number": 1, "id": cid(A), "created_at": "2026-11-30T10:00:00Z", "note": "first"}, ver(2, B)], "version": 1}},
     "expect": '{"version":1,"versions":[{"number":1,"id":"%s","text":"Look up {customer_id}.","note":"first","created_at":"2026-11-30T10:00:00Z"},{"number":2,"id":"%s","text":"Look up {customer_id} and type {$pin}.\\nThen read {order.items[0].sku}."}],"labels":{"production":1,"staging":2}}' % (cid(A), cid(B))},
    {"name": "an empty history", "input": {"history": EMPTY}, "expect": '{"version":1,"versions":[],"labels":{}}'},
    {"name": "a broken history is refused", "input": {"history": {"version": 1, "versions": [ver(2, A)]}}, "error": err("invalid_history")},
])

write("add_prompt_version", [
    {"name": "the first version is 1", "input": {"history": EMPTY, "text": A, "note": "first", "created_at": "2026-11-30T10:00:00Z"}, "expect": H1},
    {"name": "the next number, labels kept", "input": {"history": {"version": 1, "versions": [ver(1, A)], "labels": {"production": 1}}, "text": B}, "expect": {"version": 1, "versions": [ver(1, A), ver(2, B)], "labels": {"production": 1}}},
    {"name": "a text that already is a version", "input": {"history": H2, "text": A}, "error": {"code": "duplicate_version", "message": "this text already is version 1; point a label at it instead of adding it again"}},
    {"name": "an empty text", "input": {"history": EMPTY, "text": ""}, "error": err("invalid_argument")},
    {"name": "created_at that is not RFC 3339", "input": {"history": EMPTY, "text": A, "created_at": "2026-11-30 10:00"}, "error": err("invalid_argument")},
    {"name": "a broken history", "input": {"history": {"version": 2, "versions": []}, "text": A}, "error": err("invalid_history")},
])

def labels(h, l): return dict(h, labels=l)
write("move_prompt_label", [
    {"name": "move production to a number", "input": {"history": H2, "label": "production", "to": 2}, "expect": labels(H2, {"production": 2})},
    {"name": "a new label at latest", "input": {"history": H2, "label": "staging", "to": "latest"}, "expect": labels(H2, {"production": 1, "staging": 2})},
    {"name": "a label by id", "input": {"history": H2, "label": "canary", "to": cid(B)}, "expect": labels(H2, {"canary": 2, "production": 1})},
    {"name": "a label to another label's version", "input": {"history": H2, "label": "stable", "to": "production"}, "expect": labels(H2, {"production": 1, "stable": 1})},
    {"name": "null removes the label", "input": {"history": H2, "label": "production", "to": None}, "expect": labels(H2, {})},
    {"name": "latest can't be moved", "input": {"history": H2, "label": "latest", "to": 1}, "error": err("invalid_argument")},
    {"name": "a label name must start with a letter", "input": {"history": H2, "label": "1st", "to": 1}, "error": err("invalid_argument")},
    {"name": "to a version that does not exist", "input": {"history": H2, "label": "production", "to": 3}, "error": {"code": "version_not_found", "message": "no version matches the pin \"3\" (the history has 2 version(s))"}},
])

S1 = {"number": 1, "id": cid(A), "text": A, "note": "first", "created_at": "2026-11-30T10:00:00Z", "labels": ["production"]}
S2 = {"number": 2, "id": cid(B), "text": B, "labels": ["latest"]}
write("select_prompt_version", [
    {"name": "latest", "input": {"history": H2, "pin": "latest"}, "expect": S2},
    {"name": "by number", "input": {"history": H2, "pin": 1}, "expect": S1},
    {"name": "by label", "input": {"history": H2, "pin": "production"}, "expect": S1},
    {"name": "by id", "input": {"history": H2, "pin": cid(B)}, "expect": S2},
    {"name": "labels sorted, latest among them", "input": {"history": labels(H2, {"production": 2, "alpha": 2, "zeta": 2}), "pin": 2}, "expect": dict(S2, labels=["alpha", "latest", "production", "zeta"])},
    {"name": "a label not in the history", "input": {"history": H2, "pin": "staging"}, "error": err("version_not_found")},
    {"name": "number 0", "input": {"history": H2, "pin": 0}, "error": err("version_not_found")},
    {"name": "a number past the last", "input": {"history": H2, "pin": 3}, "error": err("version_not_found")},
    {"name": "an id not in the history", "input": {"history": H2, "pin": cid(C)}, "error": err("version_not_found")},
    {"name": "latest of an empty history", "input": {"history": EMPTY, "pin": "latest"}, "error": err("version_not_found")},
    {"name": "a malformed id", "input": {"history": H2, "pin": "sha256:abc"}, "error": err("invalid_argument")},
    {"name": "a number as a string", "input": {"history": H2, "pin": "2"}, "error": err("invalid_argument")},
    {"name": "a fractional number", "input": {"history": H2, "pin": 1.5}, "error": err("invalid_argument")},
    {"name": "a negative number", "input": {"history": H2, "pin": -1}, "error": err("invalid_argument")},
    {"name": "a broken history", "input": {"history": {"version": 1, "versions": [ver(1, A)], "labels": {"production": 9}}, "pin": 1}, "error": err("invalid_history")},
])

def var(kind, root, path, raw): return {"kind": kind, "root": root, "path": path, "raw": raw}
AB = {"changed": True,
      "variables_added": [var("sensitive", "pin", [], "{$pin}"), var("input", "order", ["items", 0, "sku"], "{order.items[0].sku}")],
      "variables_removed": [], "inputs_newly_needed": ["order"], "sensitive_added": ["pin"], "skip_checks_wording": "unchanged",
      "lines": [{"op": "delete", "old_start": 0, "new_start": 0, "lines": [A]},
                {"op": "insert", "old_start": 1, "new_start": 0, "lines": B.split("\n")}]}
NONE = {"variables_added": [], "variables_removed": [], "inputs_newly_needed": [], "sensitive_added": []}
write("compare_prompts", [
    {"name": "a sensitive and a nested input added, the line replaced", "input": {"old": A, "new": B}, "expect": AB},
    {"name": "the same text", "input": {"old": B, "new": B}, "expect": dict(NONE, changed=False, skip_checks_wording="unchanged", lines=[{"op": "equal", "old_start": 0, "new_start": 0, "lines": B.split("\n")}])},
    {"name": "variables removed", "input": {"old": B, "new": A}, "expect": dict(NONE, changed=True, variables_removed=[var("sensitive", "pin", [], "{$pin}"), var("input", "order", ["items", 0, "sku"], "{order.items[0].sku}")],
        lines=[{"op": "delete", "old_start": 0, "new_start": 0, "lines": B.split("\n")}, {"op": "insert", "old_start": 2, "new_start": 0, "lines": [A]}])},
    {"name": "skip wording added", "input": {"old": A, "new": C}, "expect": dict(NONE, changed=True, skip_checks_wording="added",
        lines=[{"op": "equal", "old_start": 0, "new_start": 0, "lines": [A]}, {"op": "insert", "old_start": 1, "new_start": 1, "lines": [C.split("\n")[1]]}])},
    {"name": "skip wording removed", "input": {"old": C, "new": A}, "expect": dict(NONE, changed=True, skip_checks_wording="removed",
        lines=[{"op": "equal", "old_start": 0, "new_start": 0, "lines": [A]}, {"op": "delete", "old_start": 1, "new_start": 1, "lines": [C.split("\n")[1]]}])},
    {"name": "same root, another path: no new input", "input": {"old": "Use {a.b}.", "new": "Use {a.c}."}, "expect": dict(NONE, changed=True,
        variables_added=[var("input", "a", ["c"], "{a.c}")], variables_removed=[var("input", "a", ["b"], "{a.b}")])},
    {"name": "an input becomes sensitive", "input": {"old": "Type {pin}.", "new": "Type {$pin}."}, "expect": dict(NONE, changed=True,
        variables_added=[var("sensitive", "pin", [], "{$pin}")], variables_removed=[var("input", "pin", [], "{pin}")], sensitive_added=["pin"])},
    {"name": "a runtime variable needs no input", "input": {"old": "Go.", "new": "Go to {{status}}."}, "expect": dict(NONE, changed=True,
        variables_added=[var("runtime", "status", [], "{{status}}")])},
    {"name": "repeats counted once, in order of the new text", "input": {"old": "{a} {a}", "new": "{c} {a} {b} {c} {b}"}, "expect": dict(NONE, changed=True,
        variables_added=[var("input", "c", [], "{c}"), var("input", "b", [], "{b}")], inputs_newly_needed=["c", "b"])},
    {"name": "a quoted key and an index are one path", "input": {"old": "{d['k'][0]}", "new": "{d[\"k\"][0]} {d.k[1]}"}, "expect": dict(NONE, changed=True,
        variables_added=[var("input", "d", ["k", 1], "{d.k[1]}")])},
    {"name": "lines split at \\n: a final newline is a last empty line", "input": {"old": "x\n", "new": "x\ny\n"}, "expect": {"changed": True,
        "lines": [{"op": "equal", "old_start": 0, "new_start": 0, "lines": ["x"]}, {"op": "insert", "old_start": 1, "new_start": 1, "lines": ["y"]}, {"op": "equal", "old_start": 1, "new_start": 2, "lines": [""]}]}},
    {"name": "a line changed between kept lines", "input": {"old": "a\nb\nc", "new": "a\nB\nc"}, "expect": {"lines": [
        {"op": "equal", "old_start": 0, "new_start": 0, "lines": ["a"]}, {"op": "delete", "old_start": 1, "new_start": 1, "lines": ["b"]},
        {"op": "insert", "old_start": 2, "new_start": 1, "lines": ["B"]}, {"op": "equal", "old_start": 2, "new_start": 2, "lines": ["c"]}]}},
    {"name": "escaped braces are text, not variables", "input": {"old": "a", "new": "\\{name} a"}, "expect": dict(NONE, changed=True)},
])

write("compare_prompt_versions", [
    {"name": "version 1 to latest", "input": {"history": H2, "old": 1, "new": "latest"}, "expect": AB},
    {"name": "by label and id", "input": {"history": H2, "old": "production", "new": cid(B)}, "expect": AB},
    {"name": "a version that does not exist", "input": {"history": H2, "old": 1, "new": 5}, "error": err("version_not_found")},
])

SCHEMA = json.dumps({"type": "object", "properties": {"customer_id": {"type": "string"}, "account": {"type": "string"}, "$pin": {"type": "string"}}, "required": ["customer_id", "account"]})
WF = {"main_prompt": A, "input_schema": SCHEMA}
write("check_prompt_version", [
    {"name": "an undeclared variable and an unused required input", "input": {"history": H3, "pin": 2, "workflow": WF}, "expect": [
        {"code": "undeclared_variable", "severity": "warning", "variable": "{order.items[0].sku}"},
        {"code": "required_input_unused", "severity": "warning"}]},
    {"name": "skip wording only the stored prompt can give", "input": {"history": H3, "pin": "staging", "workflow": {"main_prompt": A}}, "expect": [
        {"code": "skip_checks_not_authorized", "severity": "warning"}]},
    {"name": "the stored prompt authorizes skipping", "input": {"history": H3, "pin": 3, "workflow": {"main_prompt": "You may skip post-run checks when done."}}, "expect": []},
    {"name": "no input_schema: nothing to declare", "input": {"history": H3, "pin": 2, "workflow": {"main_prompt": A}}, "expect": []},
    {"name": "an input_schema that is not JSON", "input": {"history": H3, "pin": 1, "workflow": {"main_prompt": A, "input_schema": "{not json"}}, "expect": [
        {"code": "invalid_input_schema", "severity": "error"}]},
    {"name": "a workflow without main_prompt", "input": {"history": H3, "pin": 1, "workflow": {"input_schema": SCHEMA}}, "error": err("invalid_argument")},
    {"name": "a pin that selects nothing", "input": {"history": H3, "pin": "canary", "workflow": WF}, "error": err("version_not_found")},
])

write("check_prompt_text", [
    {"name": "a malformed variable", "input": {"text": "Hello { name }, {user.}", "workflow": {"main_prompt": A}}, "expect": [
        {"code": "malformed_variable", "severity": "warning"}, {"code": "malformed_variable", "severity": "warning"}]},
    {"name": "everything declared and used", "input": {"text": "Find {customer_id}, {account}, type {$pin}, track {{status}}.", "workflow": WF}, "expect": []},
    {"name": "an undeclared variable is told once", "input": {"text": "{customer_id} {x} {x.y} {account}", "workflow": WF}, "expect": [
        {"code": "undeclared_variable", "severity": "warning", "variable": "{x}"}]},
    {"name": "a sensitive variable is declared with its $", "input": {"text": "{customer_id} {account} {$token}", "workflow": WF}, "expect": [
        {"code": "undeclared_variable", "variable": "{$token}"}]},
])

RUN = {"workflow_id": WID, "input_values": {"customer_id": "C-42"}}
def body(text, extra=""):
    return '{"workflow_id":"%s","main_prompt":%s,"input_values":{"customer_id":"C-42"}%s}' % (WID, json.dumps(text, ensure_ascii=False), extra)
REQ_KEY = "0b4e2bcb-2b7a-4a3e-9d8e-6f1f3c2a9e10"
write("build_pinned_run", [
    {"name": "pinned to a number", "input": {"history": H2, "pin": 1, "run": RUN, "idempotency_key": REQ_KEY}, "expect": {
        "method": "POST", "path": "/v1/runs", "body": body(A), "idempotency_key": REQ_KEY, "headers": {"Content-Type": "application/json", "Idempotency-Key": REQ_KEY}}},
    {"name": "pinned to latest, a fresh key", "input": {"history": H2, "pin": "latest", "run": RUN}, "generated_key": True, "expect": {"body": body(B)}},
    {"name": "pinned to a label, preflighted", "input": {"history": H2, "pin": "production", "run": RUN, "workflow": {"main_prompt": A}, "idempotency_key": REQ_KEY}, "expect": {"body": body(A)}},
    {"name": "the run's own main_prompt is not overwritten", "input": {"history": H2, "pin": 1, "run": dict(RUN, main_prompt="Something else")}, "error": err("invalid_argument")},
    {"name": "the same main_prompt as the version is fine", "input": {"history": H2, "pin": 1, "run": dict(RUN, main_prompt=A), "idempotency_key": REQ_KEY}, "expect": {"body": body(A)}},
    {"name": "preflight errors stop it", "input": {"history": H2, "pin": 1, "run": {"workflow_id": WID, "input_values": {"customer_id": 5}},
        "workflow": {"main_prompt": A, "input_schema": json.dumps({"type": "object", "properties": {"customer_id": {"type": "string"}}})}}, "error": {"code": "preflight_error", "issues": [{"code": "override_matches_stored", "severity": "info"}, {"code": "input_schema_violation", "severity": "error", "loc": ["input_values", "customer_id"]}]}},
    {"name": "an invalid run is a validation error", "input": {"history": H2, "pin": 1, "run": {"workflow_id": "not-a-uuid"}}, "error": {"code": "validation_error", "errors": [{"loc": ["body", "workflow_id"], "type": "uuid_parsing"}]}},
    {"name": "a pin that selects nothing", "input": {"history": H2, "pin": "staging", "run": RUN}, "error": err("version_not_found")},
    {"name": "sensitive values stay out of errors", "input": {"history": H2, "pin": 1, "run": dict(RUN, main_prompt="other", sensitive_input_values={"pin": "CANARY-7731"})}, "error": err("invalid_argument"), "secrets": ["CANARY-7731"]},
])

BK = "nightly-2026-11-30"
write("batch_idempotency_key", [
    {"name": "item 0", "input": {"batch_key": BK, "item_key": "0"}, "expect": bkey(BK, "0")},
    {"name": "item 1", "input": {"batch_key": BK, "item_key": "1"}, "expect": bkey(BK, "1")},
    {"name": "a caller's item key", "input": {"batch_key": BK, "item_key": "customer-C-42"}, "expect": bkey(BK, "customer-C-42")},
    {"name": "non-ASCII keys as UTF-8", "input": {"batch_key": "lote-é", "item_key": "ü"}, "expect": bkey("lote-é", "ü")},
    {"name": "an empty batch key", "input": {"batch_key": "", "item_key": "0"}, "error": err("invalid_argument")},
    {"name": "a line feed in the batch key", "input": {"batch_key": "a\nb", "item_key": "0"}, "error": err("invalid_argument")},
    {"name": "an empty item key", "input": {"batch_key": BK, "item_key": ""}, "error": err("invalid_argument")},
])

def req(text, key, inputs='{"customer_id":"C-42"}'):
    return {"method": "POST", "path": "/v1/runs", "idempotency_key": key, "headers": {"Idempotency-Key": key},
            "body": '{"workflow_id":"%s","main_prompt":%s,"input_values":%s}' % (WID, json.dumps(text), inputs)}
RUN2 = {"workflow_id": WID, "input_values": {"customer_id": "C-43"}}
write("build_run_batch", [
    {"name": "two versions, keys from positions", "input": {"history": H2, "batch_key": BK, "items": [{"pin": "latest", "run": RUN}, {"pin": 1, "run": RUN2}]},
     "expect": [req(B, bkey(BK, "0")), req(A, bkey(BK, "1"), '{"customer_id":"C-43"}')]},
    {"name": "caller item keys", "input": {"history": H2, "batch_key": BK, "items": [{"pin": "production", "run": RUN, "key": "C-42"}, {"pin": 2, "run": RUN2, "key": "C-43"}]},
     "expect": [req(A, bkey(BK, "C-42")), req(B, bkey(BK, "C-43"), '{"customer_id":"C-43"}')]},
    {"name": "preflighted against the workflow", "input": {"history": H2, "batch_key": BK, "items": [{"pin": 1, "run": RUN}], "workflow": {"main_prompt": A}}, "expect": [req(A, bkey(BK, "0"))]},
    {"name": "an empty batch", "input": {"history": H2, "batch_key": BK, "items": []}, "expect": []},
    {"name": "two items with one key", "input": {"history": H2, "batch_key": BK, "items": [{"pin": 1, "run": RUN, "key": "1"}, {"pin": 2, "run": RUN2}]}, "error": err("invalid_argument")},
    {"name": "an item without a run", "input": {"history": H2, "batch_key": BK, "items": [{"pin": 1}]}, "error": err("invalid_argument")},
    {"name": "an item with an unknown key", "input": {"history": H2, "batch_key": BK, "items": [{"pin": 1, "run": RUN, "idempotency_key": "x"}]}, "error": err("invalid_argument")},
    {"name": "an item's own main_prompt", "input": {"history": H2, "batch_key": BK, "items": [{"pin": 1, "run": dict(RUN, main_prompt="other")}]}, "error": err("invalid_argument")},
    {"name": "an item pinned to nothing", "input": {"history": H2, "batch_key": BK, "items": [{"pin": 1, "run": RUN}, {"pin": 7, "run": RUN}]}, "error": err("version_not_found")},
    {"name": "a bad batch key", "input": {"history": H2, "batch_key": "", "items": []}, "error": err("invalid_argument")},
])

WFR = {"id": WID, "main_prompt": A, "input_schema": None, "created_at": "2026-11-30T10:00:00Z", "updated_at": "2026-11-30T10:00:00Z"}
write("diff_prompt_mirror", [
    {"name": "already the version: nothing to send", "input": {"workflow": WFR, "history": H2, "pin": "production"}, "expect": {}},
    {"name": "mirror latest", "input": {"workflow": WFR, "history": H2, "pin": "latest"}, "expect": {"main_prompt": B}},
    {"name": "only main_prompt, whatever else differs", "input": {"workflow": dict(WFR, name="x", main_prompt=C), "history": H2, "pin": 1}, "expect": {"main_prompt": A}},
    {"name": "a pin that selects nothing", "input": {"workflow": WFR, "history": H2, "pin": 9}, "error": err("version_not_found")},
])

write("check_prompt_drift", [
    {"name": "the stored prompt is production", "input": {"workflow": WFR, "history": H2}, "expect": {"id": cid(A), "matches": True, "number": 1, "labels": ["production"]}},
    {"name": "the stored prompt is latest", "input": {"workflow": dict(WFR, main_prompt=B), "history": H2}, "expect": {"id": cid(B), "matches": True, "number": 2, "labels": ["latest"]}},
    {"name": "edited outside the history", "input": {"workflow": dict(WFR, main_prompt=A + " "), "history": H2}, "expect": {"id": cid(A + " "), "matches": False, "number": None, "labels": []}},
    {"name": "a workflow without main_prompt", "input": {"workflow": {"id": WID}, "history": H2}, "error": err("invalid_argument")},
])
print("ok")
