// JavaScript values at the boundary: absent vs null, and every value JSON
// can't carry exactly gets a KitError with a code (never a trap, never a
// silently changed payload); after any error the module still works, a
// trap included.

import { test } from "node:test";
import assert from "node:assert/strict";
import vm from "node:vm";
import * as kit from "../dist/node.js";
import { trap } from "../dist/testing.js";

const ID = "550e8400-e29b-41d4-a716-446655440000";

function codeOf(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof kit.KitError, `not a KitError: ${e && e.stack}`);
    assert.ok(e instanceof Error);
    assert.equal(e.name, "KitError");
    assert.equal(typeof e.message, "string");
    return e.code;
  }
  return "no error";
}

function body(update) {
  return kit.buildWorkflowUpdate(ID, update, { idempotencyKey: "k-1" }).body;
}

test("undefined or a missing key is absent; null is null", () => {
  assert.equal(body({ name: undefined, main_prompt: "p" }), '{"main_prompt":"p"}');
  assert.equal(body({ name: null, main_prompt: "p" }), '{"name":null,"main_prompt":"p"}');
  assert.equal(body({ model_metadata: { main_agent_model_id: undefined } }), '{"model_metadata":{}}');
  const run = kit.buildRunCreate({ workflow_id: ID, machine_id: undefined, session_alias: null }, { idempotencyKey: "k" });
  assert.equal(run.body, `{"workflow_id":"${ID}","session_alias":null}`);
  // Optional arguments: undefined = not given.
  assert.equal(kit.resolvePrompt("{a}", undefined, undefined).text, "__EMPTY__");
  assert.equal(kit.resolvePrompt("{a}", null).text, "__EMPTY__");
  assert.equal(kit.buildRunCreate({ workflow_id: ID }, { idempotencyKey: undefined }).idempotency_key.length, 36);
});

test("numbers keep their JSON form", () => {
  assert.equal(kit.resolvePrompt("{n}", { n: -0 }).text, "0");
  assert.equal(kit.resolvePrompt("{n}", { n: 2 ** 53 }).text, "9007199254740992");
  assert.equal(kit.resolvePrompt("{n}", { n: 0.1 }).text, "0.1");
  assert.equal(kit.resolvePrompt("{n}", { n: 5.0 }).text, "5");
});

const cyclic = {};
cyclic.self = cyclic;
const cyclicList = [];
cyclicList.push({ back: cyclicList });
class Point {
  constructor() {
    this.x = 1;
  }
}
function deepList(n) {
  let v = 0;
  for (let i = 0; i < n; i++) v = [v];
  return v;
}
function deepObject(n) {
  let v = {};
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}

const HOSTILE = [
  ["NaN", { name: NaN }, "unsupported_value"],
  ["Infinity", { name: Infinity }, "unsupported_value"],
  ["-Infinity in a list", { terminal_command_allowlist: [-Infinity] }, "unsupported_value"],
  ["BigInt", { name: 1n }, "unsupported_value"],
  ["Map", { model_metadata: new Map([["main_agent_model_id", ID]]) }, "unsupported_value"],
  ["Set", { terminal_command_allowlist: new Set(["ls"]) }, "unsupported_value"],
  ["Date", { workflow_metadata: { last_errored_run_start: new Date(0) } }, "unsupported_value"],
  ["class instance", { model_metadata: new Point() }, "unsupported_value"],
  ["boxed string", { name: new String("x") }, "unsupported_value"],
  ["typed array", { terminal_command_allowlist: new Uint8Array(2) }, "unsupported_value"],
  ["function", { name: () => "x" }, "unsupported_value"],
  ["symbol value", { name: Symbol("x") }, "unsupported_value"],
  ["symbol key", { [Symbol("k")]: 1, name: "x" }, "unsupported_value"],
  ["undefined in a list", { terminal_command_allowlist: ["a", undefined] }, "unsupported_value"],
  ["array hole", { terminal_command_allowlist: ["a", , "b"] }, "unsupported_value"], // eslint-disable-line no-sparse-arrays
  ["cyclic object", cyclic, "cyclic_value"],
  ["cyclic list", { post_run_checks: cyclicList }, "cyclic_value"],
  ["lone high surrogate", { name: "a\uD800b" }, "invalid_string"],
  ["lone low surrogate", { name: "\uDC00" }, "invalid_string"],
  ["lone surrogate in a key", { ["k\uD800"]: 1 }, "invalid_string"],
  ["129 nested lists", { terminal_command_allowlist: deepList(129) }, "too_deep"],
  ["10000 nested objects", deepObject(10000), "too_deep"],
];

for (const [what, update, code] of HOSTILE) {
  test(`hostile value: ${what} -> ${code}`, () => {
    assert.equal(codeOf(() => kit.buildWorkflowUpdate(ID, update)), code);
    assert.equal(codeOf(() => kit.validate("WorkflowUpdate", update)), code);
    // The module is fine afterwards.
    assert.equal(kit.parsePrompt("{a}").length, 1);
  });
}

test("hostile values in every value argument", () => {
  const bad = { x: NaN };
  assert.equal(codeOf(() => kit.resolvePrompt("{x}", bad)), "unsupported_value");
  assert.equal(codeOf(() => kit.resolvePrompt("{x}", {}, bad)), "unsupported_value");
  assert.equal(codeOf(() => kit.diffWorkflowUpdate(bad, {})), "unsupported_value");
  assert.equal(codeOf(() => kit.applyWorkflowUpdate({}, bad)), "unsupported_value");
  assert.equal(codeOf(() => kit.preflightRun({ workflow_id: ID }, { main_prompt: "p", x: 1n })), "unsupported_value");
  assert.equal(codeOf(() => kit.buildRunCreate({ workflow_id: ID }, { workflow: { main_prompt: "p" }, poolParameters: bad })), "unsupported_value");
  assert.equal(codeOf(() => kit.preflightRun({ workflow_id: ID }, { main_prompt: "p" }, { machineParameters: cyclic })), "cyclic_value");
});

test("strings: lone surrogates refused, astral characters kept", () => {
  assert.equal(codeOf(() => kit.parsePrompt("{a}\uD83D")), "invalid_string");
  assert.equal(codeOf(() => kit.buildWorkflowUpdate(`${ID}\uDFFF`, {})), "invalid_string");
  assert.equal(codeOf(() => kit.parseResponse("create_run", 200, {}, "\uD800")), "invalid_string");
  const r = kit.resolvePrompt("😀{a}", { a: "😀" });
  assert.equal(r.text, "😀😀");
  assert.deepEqual([r.variables[0].start, r.variables[0].end], [2, 5]);
});

test("an own __proto__ key (from JSON.parse) is plain data, as in Python and Rust", () => {
  const req = kit.buildWorkflowUpdate(ID, JSON.parse('{"__proto__": {"name": "x"}, "main_prompt": "p"}'));
  assert.equal(req.body, '{"main_prompt":"p","__proto__":{"name":"x"}}');
  assert.deepEqual(req.warnings.map((w) => w.code), ["unknown_field"]);
  assert.equal({}.name, undefined);
  const errors = kit.validateInstance(JSON.parse('{"properties": {"__proto__": {"type": "number"}}}'), JSON.parse('{"__proto__": "x"}'));
  assert.deepEqual(errors.map((e) => [e.loc, e.type]), [[["__proto__"], "float_type"]]);
});

test("values from another realm are plain", () => {
  const foreign = vm.runInNewContext('({ name: "x", terminal_command_allowlist: ["a"] })');
  assert.equal(body(foreign), '{"name":"x","terminal_command_allowlist":["a"]}');
  assert.equal(body(Object.assign(Object.create(null), { name: "n" })), '{"name":"n"}');
});

test("a getter is read once, so the check and the payload agree", () => {
  let reads = 0;
  const tricky = {
    get name() {
      reads++;
      return reads === 1 ? "ok" : NaN;
    },
  };
  assert.equal(body(tricky), '{"name":"ok"}');
  assert.equal(reads, 1);
});

test("wrong argument types are invalid_argument, not coerced", () => {
  assert.equal(codeOf(() => kit.parsePrompt(5)), "invalid_argument");
  assert.equal(codeOf(() => kit.parsePrompt(undefined)), "invalid_argument");
  assert.equal(codeOf(() => kit.buildWorkflowUpdate(ID, {}, { idempotencyKey: 5 })), "invalid_argument");
  assert.equal(codeOf(() => kit.buildWorkflowUpdate(ID, {}, "key")), "invalid_argument");
  assert.equal(codeOf(() => kit.parseResponse("create_run", 200.5, {}, "{}")), "invalid_argument");
  assert.equal(codeOf(() => kit.parseResponse("create_run", 65736, {}, "{}")), "invalid_argument");
  assert.equal(codeOf(() => kit.parseResponse("create_run", 700, {}, "{}")), "invalid_argument");
  assert.equal(codeOf(() => kit.parseResponse("create_run", 200, { a: 1 }, "{}")), "invalid_argument");
  assert.equal(codeOf(() => kit.parseResponse("create_run", 200, {}, { id: 1 })), "invalid_argument");
  assert.equal(codeOf(() => kit.retryDelay(-1, { method: "GET" })), "invalid_argument");
  assert.equal(codeOf(() => kit.retryDelay(0, {})), "invalid_argument");
  assert.equal(codeOf(() => kit.retryDelay(0, { method: "GET", now: NaN })), "invalid_argument");
  assert.equal(codeOf(() => kit.validate("WorkflowUpdate", {}, { spec: {} })), "invalid_argument");
  assert.equal(codeOf(() => kit.loadSpec("{nope")), "invalid_spec");
});

test("headers: object, pairs or Headers", () => {
  const opts = { method: "GET", status: 503, jitter: 0 };
  assert.equal(kit.retryDelay(0, { ...opts, headers: { "Retry-After": "3" } }), 3);
  assert.equal(kit.retryDelay(0, { ...opts, headers: [["retry-after", "4"]] }), 4);
  assert.equal(kit.retryDelay(0, { ...opts, headers: new Headers({ "Retry-After": "5" }) }), 5);
  assert.equal(kit.retryDelay(0, { ...opts, headers: undefined }), 0.5);
});

test("a trap leaves the module usable, loaded specs included", () => {
  const spec = kit.loadSpec(JSON.stringify({ components: { schemas: { T: { type: "object", required: ["n"] } } } }));
  assert.deepEqual(kit.validate("T", {}, { spec }).map((e) => e.type), ["missing"]);
  for (let i = 0; i < 3; i++) {
    assert.equal(codeOf(() => trap()), "internal_error");
    // Right after the trap: a bad input errors cleanly, a good one works.
    assert.equal(codeOf(() => kit.validate("NoSuchSchema", {})), "unknown_schema");
    assert.equal(codeOf(() => kit.buildWorkflowUpdate("nope", {})), "validation_error");
    assert.equal(kit.parsePrompt("{a} {b}").length, 2);
    assert.deepEqual(kit.validate("T", {}, { spec }).map((e) => e.type), ["missing"]);
    assert.deepEqual(spec.schemaNames(), ["T"]);
  }
});

test("errors, then good calls, many times over (no leak of state)", () => {
  for (let i = 0; i < 2000; i++) {
    assert.equal(codeOf(() => kit.buildWorkflowUpdate("bad", { name: "x".repeat(300) })), "validation_error");
    assert.equal(codeOf(() => kit.validate("WorkflowUpdate", { name: NaN })), "unsupported_value");
  }
  assert.equal(kit.buildWorkflowUpdate(ID, { name: "ok" }, { idempotencyKey: "k" }).body, '{"name":"ok"}');
});

test("huge and deep JSON text from the server is a coded error", () => {
  const deep = "[".repeat(100000) + "]".repeat(100000);
  assert.equal(codeOf(() => kit.parseResponse("create_run", 200, {}, deep)), "invalid_response");
  assert.equal(kit.parsePrompt("{a}").length, 1);
});

test("KitError is a real class", () => {
  const e = new kit.KitError("api_error", "API error 503", { status: 503 });
  assert.ok(e instanceof Error);
  assert.equal(e.status, 503);
  assert.deepEqual(e.errors, []);
  assert.deepEqual(JSON.parse(JSON.stringify(e)), { code: "api_error", message: "API error 503", errors: [], issues: [], status: 503 });
  try {
    kit.validate("Nope", {});
  } catch (err) {
    assert.equal(err.status, undefined);
    assert.match(String(err), /^KitError: unknown schema "Nope"/);
  }
});

test("error and issue codes: the package's lists are the core's", () => {
  const codes = kit.errorCodes();
  assert.ok(codes.includes("unsupported_value") && codes.includes("cyclic_value") && codes.includes("invalid_string"));
  assert.equal(new Set(codes).size, codes.length);
  assert.ok(kit.issueCodes().includes("unknown_field"));
});

test("a caller's throwing getter or Proxy trap becomes a coded KitError", () => {
  const trap = new Proxy({}, { ownKeys() { throw new TypeError("CANARY-TRAP-1"); } });
  const getter = { get name() { throw new Error("CANARY-GETTER-2"); } };
  for (const [value, original] of [[trap, "CANARY-TRAP-1"], [getter, "CANARY-GETTER-2"]]) {
    let caught;
    try {
      kit.validate("WorkflowUpdate", value);
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof kit.KitError);
    assert.equal(caught.code, "unsupported_value");
    assert.ok(!caught.message.includes(original), "the caller's message is not copied");
    assert.equal(caught.cause.message, original, "the original stays reachable");
  }
  assert.deepEqual(kit.validate("WorkflowUpdate", { name: "ok" }), []);
});
