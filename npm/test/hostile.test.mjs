// The hostile-input catalogue (issue 5): inputs built to break the package:
// wrong types, huge and deep values, lone surrogates, NaN / Infinity /
// BigInt, cycles, prototype keys, exotic objects, 50 MB prompts,
// catastrophic regexes in a user's input_schema, malformed spec documents,
// garbage responses. Each case asserts its outcome (a KitError code, or the
// issue / validation error that reports it) AND a time bound, prints the
// time it took, and checks that the module still works afterwards.
//
// Bounds are generous on purpose (CI shares 2 cores): they catch a hang or a
// super-linear blow-up, not a slow machine.

import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as kit from "../dist/node.js";

const ID = "550e8400-e29b-41d4-a716-446655440000";
const MB = 1024 * 1024;
const BOUND = 2000; // ms, unless a case says otherwise
const BIG_BOUND = 8000; // ms, for the 50 MB cases (and 100,000-version histories: ~8 MB of JSON crossing twice)

const memo = (f) => {
  let v;
  return () => (v ??= f());
};
const big = {
  prompt50: memo(() => "Open {portal} and type {$pin} then wait for {{status}}. ".repeat(Math.ceil((50 * MB) / 55))),
  plain50: memo(() => "x".repeat(50 * MB)),
  prompt15: memo(() => "Open {portal} and type {$pin}. ".repeat(Math.floor((15 * MB) / 31))),
  wide: memo(() => Object.fromEntries(Array.from({ length: 300000 }, (_, i) => [`k${i}`, i]))),
};

/** `n` nested lists around a 0. */
function deepList(n) {
  let v = 0;
  for (let i = 0; i < n; i++) v = [v];
  return v;
}
function deepObject(n) {
  let v = {};
  for (let i = 1; i < n; i++) v = { a: v };
  return v;
}
const cyclicObject = () => {
  const o = { name: "x" };
  o.self = o;
  return o;
};
const wf = (schema, prompt = "Go {a}.") => ({ main_prompt: prompt, input_schema: typeof schema === "string" ? schema : JSON.stringify(schema) });
const withPattern = (pattern) => wf({ type: "object", properties: { a: { type: "string", pattern } } });
const spec = (schemas) => JSON.stringify({ openapi: "3.1.0", components: { schemas } });
const WORKFLOW_RESPONSE = { id: ID, name: "n", main_prompt: "p", created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" };
class Point {
  constructor() {
    this.x = 1;
  }
}
const userError = new Error("thrown by the caller's own getter");

/** A valid prompt history of `n` versions (ids computed with node:crypto, not the kit). */
function historyOf(n, text) {
  const versions = [];
  for (let i = 0; i < n; i++) {
    const t = text(i);
    versions.push({ number: i + 1, id: `sha256:${createHash("sha256").update(t, "utf8").digest("hex")}`, text: t });
  }
  return { version: 1, versions, labels: {} };
}
// Built once, outside the timed calls.
const HISTORY_1 = historyOf(1, () => "Look up {customer_id}.");
const HISTORY_100K = historyOf(100000, (i) => `v${i} {x}`);
const HISTORY_100K_JSON = JSON.stringify(HISTORY_100K);
const HISTORY_TOO_MANY_JSON = JSON.stringify(historyOf(100001, String));
const TEXT_10MB = "Look up {x}.\n" + "a plain line of text\n".repeat(476190);
const HISTORY_10MB = historyOf(2, (i) => (i === 0 ? TEXT_10MB : TEXT_10MB + "{$pin} " + "b".repeat(5 * MB)));

/**
 * [name, expected, run, {bound}]; expected is
 *   "code"            run throws a KitError with that code
 *   {issue: code}     run returns a value whose `issues` has that code
 *   {error: type}     run returns validation errors with that type
 *   {warning: code}   run returns a Request whose `warnings` has that code
 *   {value: v}        run returns v (deepEqual)
 *   {wraps: e}        run throws a KitError unsupported_value whose cause is e (the caller's own exception)
 */
const CASES = [
  // wrong argument types: refused, never coerced
  ["parsePrompt(number)", "invalid_argument", () => kit.parsePrompt(5)],
  ["parsePrompt(null)", "invalid_argument", () => kit.parsePrompt(null)],
  ["parsePrompt(boxed String)", "invalid_argument", () => kit.parsePrompt(new String("{a}"))],
  ["parsePrompt(object with toString)", "invalid_argument", () => kit.parsePrompt({ toString: () => "{a}" })],
  ["resolvePrompt inputs as a string", "invalid_argument", () => kit.resolvePrompt("{a}", "a=1")],
  ["resolvePrompt inputs as an array", "invalid_argument", () => kit.resolvePrompt("{a}", ["a"])],
  ["resolvePromptText(number)", "invalid_argument", () => kit.resolvePromptText(5)],
  ["resolvePromptText inputs as a string", "invalid_argument", () => kit.resolvePromptText("{a}", "a=1")],
  ["resolvePromptText lone surrogate in the prompt", "invalid_string", () => kit.resolvePromptText("{a}\uD800")],
  ["validate(schema name as number)", "invalid_argument", () => kit.validate(42, {})],
  ["validate with spec: a plain object", "invalid_argument", () => kit.validate("WorkflowUpdate", {}, { spec: { components: {} } })],
  ["validate(unknown schema)", "unknown_schema", () => kit.validate("NoSuchSchema", {})],
  ["validate(schema name __proto__)", "unknown_schema", () => kit.validate("__proto__", {})],
  ["buildWorkflowUpdate(id as number)", "invalid_argument", () => kit.buildWorkflowUpdate(123, {})],
  ["buildWorkflowUpdate(update as a string)", "validation_error", () => kit.buildWorkflowUpdate(ID, "name=x")],
  ["buildWorkflowUpdate(update as an array)", "validation_error", () => kit.buildWorkflowUpdate(ID, [{ name: "x" }])],
  ["buildWorkflowUpdate(options as a string)", "invalid_argument", () => kit.buildWorkflowUpdate(ID, {}, "key")],
  ["buildRunCreate(null)", "validation_error", () => kit.buildRunCreate(null)],
  ["buildRunCreate workflow_id as number", "validation_error", () => kit.buildRunCreate({ workflow_id: 5 })],
  ["preflightRun(workflow as a string)", "invalid_argument", () => kit.preflightRun({ workflow_id: ID }, "wf")],
  ["parseResponse(unknown operation)", "unknown_operation", () => kit.parseResponse("delete_everything", 200, {}, "{}")],
  ["parseResponse(status as string)", "invalid_argument", () => kit.parseResponse("create_run", "200", {}, "{}")],
  ["parseResponse(status as BigInt)", "invalid_argument", () => kit.parseResponse("create_run", 200n, {}, "{}")],
  ["parseResponse(status 0)", "invalid_argument", () => kit.parseResponse("create_run", 0, {}, "{}")],
  ["parseResponse(headers as a string)", "invalid_argument", () => kit.parseResponse("create_run", 200, "a: b", "{}")],
  ["retryDelay(attempt 2^33)", "invalid_argument", () => kit.retryDelay(2 ** 33, { method: "GET" })],
  ["retryDelay(attempt as BigInt)", "invalid_argument", () => kit.retryDelay(0n, { method: "GET" })],
  ["retryDelay(jitter Infinity)", "invalid_argument", () => kit.retryDelay(0, { method: "GET", status: 503, jitter: Infinity })],
  ["retryDelay(now NaN)", "invalid_argument", () => kit.retryDelay(0, { method: "GET", status: 503, now: NaN })],
  ["loadSpec(number)", "invalid_argument", () => kit.loadSpec(42)],
  ["new CyberdeskKit({apiKey: number})", "invalid_argument", () => new kit.CyberdeskKit({ apiKey: 5 })],
  ["Idempotency-Key with CRLF (header injection)", "validation_error", () => kit.buildWorkflowUpdate(ID, {}, { idempotencyKey: "k\r\nX-Evil: 1" })],
  ["Idempotency-Key of 10,000 characters", "validation_error", () => kit.buildRunCreate({ workflow_id: ID }, { idempotencyKey: "k".repeat(10000) })],
  ["workflow id with path traversal", "validation_error", () => kit.buildGetWorkflow("../../admin")],
  ["workflow id with an unclosed brace", "validation_error", () => kit.buildWorkflowUpdate(`{${ID}`, {})],
  ["include as a number", "invalid_argument", () => kit.buildGetWorkflow(ID, { include: 5 })],
  ["misspelt include option", "invalid_argument", () => kit.buildGetWorkflow(ID, { includes: ["tags"] })],
  ["include with an empty name", "invalid_argument", () => kit.buildGetWorkflow(ID, { include: ["tags", ""] })],
  ["include holding a BigInt", "unsupported_value", () => kit.buildGetWorkflow(ID, { include: [1n] })],
  ["include with a lone surrogate", "invalid_string", () => kit.buildGetWorkflow(ID, { include: ["\ud800"] })],
  ["date-time of one million digits", "validation_error", () => kit.buildWorkflowUpdate(ID, { workflow_metadata: { last_errored_run_start: "2".repeat(1e6) } })],
  ["UUID of one million characters", "validation_error", () => kit.buildWorkflowUpdate(ID, { model_metadata: { main_agent_model_id: "é".repeat(1e6) } })],
  ["date-time with month 13", "validation_error", () => kit.buildWorkflowUpdate(ID, { workflow_metadata: { last_errored_run_start: "2026-13-01T00:00:00Z" } })],

  // values JSON can't carry exactly
  ["NaN in an update", "unsupported_value", () => kit.buildWorkflowUpdate(ID, { name: NaN })],
  ["Infinity in input values", "unsupported_value", () => kit.resolvePrompt("{a}", { a: Infinity })],
  ["-Infinity in sensitive values", "unsupported_value", () => kit.resolvePrompt("{$a}", {}, { a: -Infinity })],
  ["NaN in machine parameters", "unsupported_value", () => kit.preflightRun({ workflow_id: ID }, { main_prompt: "p" }, { machineParameters: { a: NaN } })],
  ["1e309 (Infinity) in a run", "unsupported_value", () => kit.buildRunCreate({ workflow_id: ID, input_values: { a: 1e309 } })],
  ["BigInt in an update", "unsupported_value", () => kit.buildWorkflowUpdate(ID, { name: 10n })],
  ["BigInt in diff input", "unsupported_value", () => kit.diffWorkflowUpdate({ a: 1n }, {})],
  ["Map", "unsupported_value", () => kit.validate("RunCreate", { workflow_id: ID, input_values: new Map([["a", 1]]) })],
  ["Set", "unsupported_value", () => kit.buildWorkflowUpdate(ID, { terminal_command_allowlist: new Set(["ls"]) })],
  ["Date", "unsupported_value", () => kit.buildWorkflowUpdate(ID, { workflow_metadata: { last_errored_run_start: new Date() } })],
  ["class instance", "unsupported_value", () => kit.buildWorkflowUpdate(ID, { model_metadata: new Point() })],
  ["Error object", "unsupported_value", () => kit.buildWorkflowUpdate(ID, { name: new Error("x") })],
  ["RegExp", "unsupported_value", () => kit.resolvePrompt("{a}", { a: /x/ })],
  ["Promise", "unsupported_value", () => kit.buildWorkflowUpdate(ID, { name: Promise.resolve("x") })],
  ["WeakMap", "unsupported_value", () => kit.applyWorkflowUpdate({}, { name: new WeakMap() })],
  ["ArrayBuffer", "unsupported_value", () => kit.buildRunCreate({ workflow_id: ID, input_values: { a: new ArrayBuffer(8) } })],
  ["typed array", "unsupported_value", () => kit.buildRunCreate({ workflow_id: ID, input_values: { a: new Float64Array(2) } })],
  ["function", "unsupported_value", () => kit.resolvePrompt("{a}", { a: () => "x" })],
  ["symbol value", "unsupported_value", () => kit.buildWorkflowUpdate(ID, { name: Symbol("x") })],
  ["symbol key", "unsupported_value", () => kit.resolvePrompt("{a}", { [Symbol("k")]: 1 })],
  ["array hole", "unsupported_value", () => kit.buildWorkflowUpdate(ID, { terminal_command_allowlist: ["a", , "b"] })], // eslint-disable-line no-sparse-arrays
  ["boxed number", "unsupported_value", () => kit.buildRunCreate({ workflow_id: ID, input_values: { a: new Number(1) } })],

  // prototype keys
  ["own __proto__ key (from JSON.parse) is data, sent as written", { value: '{"__proto__":{"name":"x"}}' }, () => kit.buildWorkflowUpdate(ID, JSON.parse('{"__proto__": {"name": "x"}}')).body],
  ["own __proto__ key in diff is data (an unknown field, like any other)", { value: '{"name":"n"}' }, () => JSON.stringify(kit.diffWorkflowUpdate(JSON.parse('{"__proto__": 1}'), JSON.parse('{"__proto__": 2, "name": "n"}')))],
  ["own __proto__ key in input values is data", { value: '{"x":1}' }, () => kit.resolvePrompt("{a.__proto__}", JSON.parse('{"a": {"__proto__": {"x": 1}}}')).text],
  ["{constructor} {__proto__} {toString} read nothing inherited", { value: "__EMPTY__ __EMPTY__ __EMPTY__ __EMPTY__" }, () => kit.resolvePrompt("{constructor} {__proto__} {toString} {a.constructor.name}", { a: {} }).text],
  ["a constructor key is an unknown field, not a crash", { warning: "unknown_field" }, () => kit.buildWorkflowUpdate(ID, { constructor: 1, name: "x" })],
  ["__proto__ in a response body pollutes nothing", { value: [undefined, true] }, () => {
    const r = kit.parseResponse("get_workflow", 200, {}, JSON.stringify(WORKFLOW_RESPONSE).replace("{", '{"__proto__":{"polluted":1},'));
    return [{}.polluted, Object.hasOwn(r, "__proto__")];
  }],

  // lone surrogates
  ["lone high surrogate in a prompt", "invalid_string", () => kit.parsePrompt("{a}\uD800")],
  ["lone low surrogate in a value", "invalid_string", () => kit.buildWorkflowUpdate(ID, { name: "\uDC00x" })],
  ["lone surrogate in a key", "invalid_string", () => kit.resolvePrompt("{a}", { ["a\uDBFF"]: 1 })],
  ["lone surrogate in a workflow id", "invalid_string", () => kit.buildGetWorkflow(`${ID}\uD800`)],
  ["lone surrogate in a response header", "invalid_string", () => kit.parseResponse("create_run", 500, { "x-a": "\uD800" }, "{}")],
  ["lone surrogate in a response body", "invalid_string", () => kit.parseResponse("create_run", 200, {}, '{"id":"\uDFFF"}')],
  ["lone surrogate in a spec", "invalid_string", () => kit.loadSpec('{"components":{"schemas":{"A\uD800":{}}}}')],

  // cycles
  ["cyclic object", "cyclic_value", () => kit.buildWorkflowUpdate(ID, cyclicObject())],
  ["cyclic list", "cyclic_value", () => {
    const l = [];
    l.push(l);
    return kit.buildWorkflowUpdate(ID, { terminal_command_allowlist: l });
  }],
  ["cycle three levels down in input values", "cyclic_value", () => {
    const a = { b: { c: {} } };
    a.b.c.back = a;
    return kit.resolvePrompt("{a}", { a });
  }],
  ["cycle in the workflow option", "cyclic_value", () => kit.buildRunCreate({ workflow_id: ID }, { workflow: cyclicObject() })],
  ["shared (non-cyclic) object twice is fine", { value: '{"name":"x","terminal_command_allowlist":["a","a"]}' }, () => {
    const s = "a";
    return kit.buildWorkflowUpdate(ID, { name: "x", terminal_command_allowlist: [s, s] }).body;
  }],

  // deep values
  ["inputs nested 127 levels deep are fine", { value: true }, () => kit.resolvePrompt("{a}", { a: deepList(126) }).text.startsWith("[[")],
  ["inputs nested 128 levels deep", "too_deep", () => kit.resolvePrompt("{a}", { a: deepList(127) })],
  ["inputs nested 128 levels deep (text only)", "too_deep", () => kit.resolvePromptText("{a}", { a: deepList(127) })],
  ["100,000 nested objects", "too_deep", () => kit.buildWorkflowUpdate(ID, deepObject(100000))],
  ["100,000 nested arrays in a response", "invalid_response", () => kit.parseResponse("create_run", 200, {}, "[".repeat(100000) + "]".repeat(100000))],
  ["prompt path 10,000 segments deep", { issue: "missing_input" }, () => kit.resolvePrompt(`{a${".b".repeat(10000)}}`, {})],

  // huge values
  ["50 MB prompt to resolvePrompt", "too_large", () => kit.resolvePrompt(big.prompt50(), { portal: "ERP" }), { bound: BIG_BOUND }],
  ["50 MB prompt to resolvePromptText", "too_large", () => kit.resolvePromptText(big.prompt50(), { portal: "ERP" }), { bound: BIG_BOUND }],
  ["50 MB prompt to parsePrompt", "too_large", () => kit.parsePrompt(big.prompt50()), { bound: BIG_BOUND }],
  ["50 MB text without a variable", "too_large", () => kit.parsePrompt(big.plain50()), { bound: BIG_BOUND }],
  ["50 MB prompt as a run override (preflight)", "too_large", () => kit.buildRunCreate({ workflow_id: ID, main_prompt: big.prompt50() }, { workflow: { main_prompt: "p" } }), { bound: BIG_BOUND }],
  ["15 MB prompt (under the 16 MiB limit) resolves", { value: true }, () => kit.resolvePrompt(big.prompt15(), { portal: "ERP" }).text.startsWith("Open ERP and type {$pin}"), { bound: BIG_BOUND }],
  ["50 MB workflow name", "validation_error", () => kit.buildWorkflowUpdate(ID, { name: big.plain50() }), { bound: BIG_BOUND }],
  ["50 MB response body", "invalid_response", () => kit.parseResponse("create_run", 200, {}, `{"x":"${big.plain50()}"}`), { bound: BIG_BOUND }],
  ["422 with 100,000 detail entries", "api_error", () => kit.parseResponse("create_run", 422, {}, JSON.stringify({ detail: Array(100000).fill({ loc: ["body", "x"], msg: "m", type: "missing" }) }))],
  ["1,000,000-item allowlist", { value: true }, () => kit.buildWorkflowUpdate(ID, { terminal_command_allowlist: Array(1e6).fill("ls") }).body.length > 4e6, { bound: BIG_BOUND }],
  ["100,000 unused inputs", { issue: "unused_input" }, () => {
    const o = {};
    for (let i = 0; i < 100000; i++) o[`k${i}`] = i;
    return kit.resolvePrompt("{k5}", o);
  }],
  ["a 10 MB key", { value: "__EMPTY__" }, () => kit.resolvePrompt("{a}", { ["k".repeat(10 * MB)]: 1 }).text],
  ["100,000 response headers", { value: 0.5 }, () => kit.retryDelay(0, { method: "GET", status: 503, jitter: 0, headers: Array.from({ length: 100000 }, (_, i) => [`x-${i}`, "v"]) })],

  // catastrophic regexes in a user's input_schema (linear-time engine)
  ["^(a+)+$ against 100,000 a's and a b", { issue: "input_schema_violation" }, () => kit.preflightRun({ workflow_id: ID, input_values: { a: "a".repeat(100000) + "b" } }, withPattern("^(a+)+$"))],
  ["(a|aa)*c against 100,000 a's", { issue: "input_schema_violation" }, () => kit.preflightRun({ workflow_id: ID, input_values: { a: "a".repeat(100000) } }, withPattern("^(a|aa)*c$"))],
  ["(x+x+)+y in buildRunCreate", "preflight_error", () => kit.buildRunCreate({ workflow_id: ID, input_values: { a: "x".repeat(50000) } }, { workflow: withPattern("(x+x+)+y") })],
  ["catastrophic patternProperties key", { issue: "input_schema_violation" }, () => kit.preflightRun({ workflow_id: ID, input_values: { ["a".repeat(30000) + "!"]: "v" } }, wf({ type: "object", patternProperties: { "^(a|a)*$": { type: "integer" } }, additionalProperties: false }))],
  ["backreference (ECMA-262, bounded backtracking) applied", { issue: "input_schema_violation" }, () => kit.preflightRun({ workflow_id: ID, input_values: { a: "ab" } }, withPattern("^(a)\\1$"))],
  ["look-ahead applied", { issue: "input_schema_violation" }, () => kit.preflightRun({ workflow_id: ID, input_values: { a: "b" } }, withPattern("^(?=a)a$"))],
  ["(a{1000}){1000}: too big for the linear engine, run by the bounded matcher", { issue: "input_schema_violation" }, () => kit.preflightRun({ workflow_id: ID, input_values: { a: "aa" } }, withPattern("(a{1000}){1000}"))],
  ["catastrophic backtracking pattern: a warning, never an error", { issue: "pattern_undecided" }, () => kit.preflightRun({ workflow_id: ID, input_values: { a: "ab".repeat(5000) } }, withPattern("^(?!z)(ab|a|b)*(ab|a|b)*(ab|a|b)*!$"))],
  ["catastrophic backreference pattern on a 100,000-character key", { issue: "pattern_undecided" }, () => kit.preflightRun({ workflow_id: ID, input_values: { ["a".repeat(100000)]: 1 } }, wf({ patternProperties: { "^(a+)+\\1!$": { type: "string" } } }))],
  ["input_schema that is not JSON", { issue: "invalid_input_schema" }, () => kit.preflightRun({ workflow_id: ID, input_values: { a: "x" } }, wf("{nope"))],
  ["input_schema nested 10,000 deep", { issue: "invalid_input_schema" }, () => kit.preflightRun({ workflow_id: ID, input_values: { a: "x" } }, wf('{"items":'.repeat(10000) + "{}" + "}".repeat(10000)))],
  ["input_schema that is not JSON, in an update", "validation_error", () => kit.buildWorkflowUpdate(ID, { input_schema: "{nope" })],
  ["file_name_regex that does not compile", { warning: "regex_not_portable" }, () => kit.buildWorkflowUpdate(ID, { post_run_checks: [{ name: "c", type: "run_attachment_exists", file_target_mode: "regex", file_name_regex: "(" }] })],

  // malformed spec documents
  ["spec: not JSON", "invalid_spec", () => kit.loadSpec("{nope")],
  ["spec: empty text", "invalid_spec", () => kit.loadSpec("")],
  ["spec: null", "invalid_spec", () => kit.loadSpec("null")],
  ["spec: a list", "invalid_spec", () => kit.loadSpec("[]")],
  ["spec: components.schemas is a number", "invalid_spec", () => kit.loadSpec('{"components":{"schemas":5}}')],
  ["spec: $ref to nothing", "invalid_spec", () => kit.loadSpec(spec({ A: { $ref: "#/components/schemas/B" } }))],
  ["spec: $ref outside the document", "invalid_spec", () => kit.loadSpec(spec({ A: { $ref: "https://example.com/evil.json" } }))],
  ["spec: type is a number", "invalid_spec", () => kit.loadSpec(spec({ A: { type: 5 } }))],
  ["spec: pattern does not compile", "invalid_spec", () => kit.loadSpec(spec({ A: { type: "string", pattern: "(" } }))],
  ["spec: pattern too big to compile", "invalid_spec", () => kit.loadSpec(spec({ A: { type: "string", pattern: "(a{1000}){1000}" } }))],
  ["spec: nested 5,000 deep", "too_deep", () => kit.loadSpec('{"components":{"schemas":{"A":' + '{"items":'.repeat(5000) + "{}" + "}".repeat(5000) + "}}}")],
  ["spec: escaped lone surrogate", "invalid_spec", () => kit.loadSpec('{"components":{"schemas":{"\\uD800":{}}}}')],
  ["spec: $ref cycle A -> B -> A, then validate", "too_deep", () => kit.validate("A", {}, { spec: kit.loadSpec(spec({ A: { $ref: "#/components/schemas/B" }, B: { $ref: "#/components/schemas/A" } })) })],
  ["spec: catastrophic pattern, then validate 100,000 a's", { error: "string_pattern_mismatch" }, () => kit.validate("A", "a".repeat(100000) + "b", { spec: kit.loadSpec(spec({ A: { type: "string", pattern: "^(a+)+$" } })) })],
  ["spec: 50 MB description", { value: ["A"] }, () => kit.loadSpec(spec({ A: { description: big.plain50() } })).schemaNames(), { bound: BIG_BOUND }],

  // garbage responses
  ["response: empty body on 201", "invalid_response", () => kit.parseResponse("create_run", 201, {}, "")],
  ["response: HTML on 200", "invalid_response", () => kit.parseResponse("get_workflow", 200, {}, "<html>hi</html>")],
  ["response: HTML on 500", "api_error", () => kit.parseResponse("create_run", 500, {}, "<html>oops</html>")],
  ["response: null on 200", "invalid_response", () => kit.parseResponse("update_workflow", 200, {}, "null")],
  ["response: NaN literal", "invalid_response", () => kit.parseResponse("create_run", 200, {}, '{"id": NaN}')],
  ["response: 1e999", "invalid_response", () => kit.parseResponse("create_run", 200, {}, '{"id": 1e999}')],
  ["response: two documents", "invalid_response", () => kit.parseResponse("create_run", 200, {}, "{} {}")],
  ["response: duplicate keys", "invalid_response", () => kit.parseResponse("create_run", 200, {}, '{"id":1,"id":2}')],
  ["response: right shape, wrong types", "invalid_response", () => kit.parseResponse("get_workflow", 200, {}, JSON.stringify({ ...WORKFLOW_RESPONSE, id: 42 }))],
  ["response: 204 with no body", "invalid_response", () => kit.parseResponse("update_workflow", 204, {}, "")],
  ["response: 422 whose detail is a string", "api_error", () => kit.parseResponse("create_run", 422, {}, '{"detail":"nope"}')],
  ["response: 422 whose detail holds junk", "api_error", () => kit.parseResponse("create_run", 422, {}, '{"detail":[1,"x",null,{"loc":5}]}')],
  ["response: 301", "api_error", () => kit.parseResponse("update_workflow", 301, { location: "http://evil.example" }, "")],
  ["response: Retry-After 1e308", { value: 0.5 }, () => kit.retryDelay(0, { method: "GET", status: 503, jitter: 0, headers: { "Retry-After": "1e308" } })],
  ["response: Retry-After garbage", { value: 0.5 }, () => kit.retryDelay(0, { method: "GET", status: 503, jitter: 0, headers: { "Retry-After": "soon\u0000" } })],

  // waiting for a run (issue 10, part 7)
  ["get_run: a 10 MB run id", "validation_error", () => kit.buildGetRun("7".repeat(10 << 20))],
  ["get_run: include as a Map", "unsupported_value", () => kit.buildGetRun(ID, { include: new Map([["workflow", 1]]) })],
  ["get_run: output_data 100k objects deep", "invalid_response", () =>
    kit.parseResponse("get_run", 200, {}, `{"id":"${ID}","workflow_id":"${ID}","status":"success","created_at":"2026-01-01T00:00:00Z","output_data":${'{"a":'.repeat(100000)}0${"}".repeat(100000)}}`)],
  ["pollDelay: NaN elapsed", "invalid_argument", () => kit.pollDelay(0, NaN)],
  ["pollDelay: a BigInt attempt", "invalid_argument", () => kit.pollDelay(1n, 0)],
  ["pollDelay: a string timeout", "invalid_argument", () => kit.pollDelay(0, 0, { timeout: "60" })],
  ["pollDelay: 1e300 s delays, the last attempt, no deadline", { value: 1e300 }, () =>
    kit.pollDelay(4294967295, 1e308, { initialDelay: 1e300, maxDelay: 1e300, timeout: Infinity })],

  // prompt histories (issue 10)
  ["history: version 2", "invalid_history", () => kit.parsePromptHistory('{"version": 2, "versions": [], "labels": {}}')],
  ["history: no version field", "invalid_history", () => kit.selectPromptVersion({ versions: [], labels: {} }, "latest")],
  ["history: duplicate numbers", "invalid_history", () => kit.selectPromptVersion({ ...HISTORY_1, versions: [...HISTORY_1.versions, ...HISTORY_1.versions] }, 1)],
  ["history: a label pointing nowhere", "invalid_history", () => kit.selectPromptVersion({ ...HISTORY_1, labels: { production: 2 } }, 1)],
  ["history: not JSON", "invalid_history", () => kit.parsePromptHistory('{"version": 1,')],
  ["history: 100k-deep JSON text", "too_deep", () => kit.parsePromptHistory("[".repeat(100000) + "]".repeat(100000))],
  ["history: 100,000 versions from JSON, select latest", { value: 100000 }, () => kit.selectPromptVersion(kit.parsePromptHistory(HISTORY_100K_JSON), "latest").number, { bound: BIG_BOUND }],
  ["history: 100,000 versions as an object, drift check", { value: 100000 }, () => kit.checkPromptDrift({ main_prompt: "v99999 {x}" }, HISTORY_100K).number, { bound: BIG_BOUND }],
  ["history: 100,001 versions", "invalid_history", () => kit.parsePromptHistory(HISTORY_TOO_MANY_JSON)],
  ["history: two 10 MB texts compared", { value: ["pin"] }, () => kit.comparePromptVersions(HISTORY_10MB, 1, 2).sensitive_added, { bound: BIG_BOUND }],
  ["history: a 17 MB text added", "too_large", () => kit.addPromptVersion(kit.createPromptHistory(), "a".repeat(17 * MB))],
  ["history: pin true", "invalid_argument", () => kit.selectPromptVersion(HISTORY_1, true)],
  ["history: pin 2**64 (a double)", "invalid_argument", () => kit.selectPromptVersion(HISTORY_1, 2 ** 64)],
  ["history: pin as a BigInt", "unsupported_value", () => kit.selectPromptVersion(HISTORY_1, 2n ** 64n)],
  ["history: pin NaN", "unsupported_value", () => kit.selectPromptVersion(HISTORY_1, NaN)],
  ["history: pin with a lone surrogate", "invalid_string", () => kit.selectPromptVersion(HISTORY_1, "\ud800")],
  ["history: a label moved to nothing given", "invalid_argument", () => kit.movePromptLabel(HISTORY_1, "production")],
  ["history: a batch of 10,001 items", "invalid_argument", () => kit.buildRunBatch(HISTORY_1, "b", Array(10001).fill({ pin: 1, run: { workflow_id: ID } }))],

  // validate's fast path (src/fast.js) meets them first: it must defer, so
  // the core path gives the same outcome as without it
  ["fast path: a cycle in free-form input values", "cyclic_value", () => kit.validate("RunCreate", { workflow_id: ID, input_values: cyclicObject() })],
  ["fast path: a cycle through a declared field", "cyclic_value", () => {
    const p = { workflow_id: ID, model_metadata: {} };
    p.model_metadata.again = p;
    return kit.validate("RunCreate", p);
  }],
  ["fast path: 100,000-deep input values", "too_deep", () => kit.validate("RunCreate", { workflow_id: ID, input_values: { a: deepList(100000) } })],
  ["fast path: input values nested to the limit", { value: [] }, () => kit.validate("RunCreate", { workflow_id: ID, input_values: { a: deepList(125) } })],
  ["fast path: NaN deep in input values", "unsupported_value", () => kit.validate("RunCreate", { workflow_id: ID, input_values: { a: [{ b: [1, NaN] }] } })],
  ["fast path: a lone surrogate key with an undefined value", "invalid_string", () => kit.validate("RunCreate", { workflow_id: ID, input_values: { "\ud800": undefined } })],
  ["fast path: a lone surrogate in an unknown field", "invalid_string", () => kit.validate("WorkflowUpdate", { nmae: "\udc00" })],
  ["fast path: a 50 MB string in input values", { value: [] }, () => kit.validate("RunCreate", { workflow_id: ID, input_values: { a: big.plain50() } }), { bound: BIG_BOUND }],
  ["fast path: 300,000 input values", { value: [] }, () => kit.validate("RunCreate", { workflow_id: ID, input_values: big.wide() }), { bound: BIG_BOUND }],
  ["fast path: a Proxy whose getPrototypeOf throws", { wraps: userError }, () => kit.validate("RunCreate", { workflow_id: ID, input_values: new Proxy({}, { getPrototypeOf() { throw userError; } }) })],
  ["fast path: own __proto__ keys at every level", { value: [] }, () => kit.validate("WorkflowUpdate", JSON.parse('{"__proto__": {"name": 5}, "model_metadata": {"__proto__": null}}'))],
  ["fast path: a getter that calls validate (re-entrant)", { value: [] }, () => kit.validate("RunCreate", { workflow_id: ID, input_values: { get a() { return kit.validate("WorkflowUpdate", { name: "x" }).length; } } })],
  ["fast path: a name of 255 astral characters", { value: [] }, () => kit.validate("WorkflowUpdate", { name: "😀".repeat(255) })],
  ["fast path: a name of 256 astral characters", { error: "string_too_long" }, () => kit.validate("WorkflowUpdate", { name: "😀".repeat(256) })],

  // the caller's own code throwing mid-conversion: a coded error, the original as its cause
  ["a getter that throws", { wraps: userError }, () => kit.resolvePrompt("{a}", { get a() { throw userError; } })],
  ["a Proxy whose ownKeys throws", { wraps: userError }, () => kit.buildWorkflowUpdate(ID, new Proxy({}, { ownKeys() { throw userError; } }))],
];

const timings = [];

for (const [name, expected, run, opts = {}] of CASES) {
  const bound = opts.bound ?? BOUND;
  const label = typeof expected === "string" ? expected : Object.entries(expected).map(([k, v]) => `${k} ${v instanceof Error ? "caller's error" : JSON.stringify(v)}`).join("");
  test(`hostile: ${name} -> ${label}`, () => {
    let result;
    let error;
    const t0 = performance.now();
    try {
      result = run();
    } catch (e) {
      error = e;
    }
    const ms = performance.now() - t0;
    timings.push([name, label, ms, bound]);
    console.log(`hostile ${ms.toFixed(1).padStart(8)} ms (bound ${bound} ms)  ${name} -> ${label}`);

    if (typeof expected === "string") {
      assert.ok(error !== undefined, `expected KitError ${expected}, got ${JSON.stringify(result)?.slice(0, 300)}`);
      assert.ok(error instanceof kit.KitError, `not a KitError: ${error && error.stack}`);
      assert.equal(error.code, expected, error.message);
      assert.equal(error.name, "KitError");
      assert.equal(typeof error.message, "string");
    } else if ("wraps" in expected) {
      assert.ok(error instanceof kit.KitError, `not a KitError: ${error && error.stack}`);
      assert.equal(error.code, "unsupported_value");
      assert.equal(error.cause, expected.wraps);
    } else {
      if (error !== undefined) throw error;
      if ("value" in expected) assert.deepEqual(result, expected.value);
      if ("issue" in expected) assert.ok(result.issues.some((i) => i.code === expected.issue), JSON.stringify(result.issues).slice(0, 500));
      if ("warning" in expected) assert.ok(result.warnings.some((i) => i.code === expected.warning), JSON.stringify(result.warnings).slice(0, 500));
      if ("error" in expected) assert.ok(result.some((e) => e.type === expected.error), JSON.stringify(result).slice(0, 500));
    }
    assert.ok(ms < bound, `${name}: ${ms.toFixed(0)} ms, over its ${bound} ms bound`);
    // The module works afterwards.
    assert.equal(kit.resolvePrompt("{a} {$b}", { a: "x" }).text, "x {$b}");
  });
}

test("the catalogue has at least as many cases as the README says", async () => {
  const { readFileSync } = await import("node:fs");
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8").replace(/\s+/g, " ");
  const said = Number(/timed catalogues in every language \(at least Rust \d+ entries, Python \d+, JavaScript (\d+)/.exec(readme)?.[1]);
  assert.ok(said >= 60, "the README's Reliability section lost the JavaScript catalogue count");
  assert.ok(CASES.length >= said, `only ${CASES.length} cases, the README says at least ${said}`);
  assert.equal(new Set(CASES.map((c) => c[0])).size, CASES.length, "case names are unique");
});

after(() => {
  const slowest = [...timings].sort((a, b) => b[2] - a[2]).slice(0, 5);
  console.log(`hostile: ${timings.length} cases; slowest: ${slowest.map(([n, , ms]) => `${n} ${ms.toFixed(0)} ms`).join(", ")}`);
});
