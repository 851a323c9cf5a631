// Runs every case of tests/vectors/*.json through the built package, as
// tests/vectors/README.md says: inputs by wire name (absent stays absent,
// null is null), `expect` / `error` matched with the README's rule, secrets
// checked in everything given back, UTF-16 spans, and generated keys.
//
// XFAIL: the integers of 64 bits beyond 2^53 (i64/u64 limits, 2^53 + 1):
// a JavaScript number is a double, so JSON.parse has already rounded them
// before the kit sees them (the README says so); Rust and Python keep them.

import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import * as kit from "../dist/node.js";
import { expand } from "./vector-inputs.mjs";

const JS_DOUBLES = "a JavaScript number can't hold this integer: JSON.parse rounds it to a double";
const JS_ONE_NUMBER = "JavaScript has one number type: 1.0 is the number 1 before the kit sees it";
const XFAIL = new Map([
  ["build_run_create.json:64-bit integers are written with all their digits", JS_DOUBLES],
  ["resolve_prompt.json:64-bit integers render with all their digits", JS_DOUBLES],
  ["validate_instance.json:draft 4: 1.0 is a number, not an integer", JS_ONE_NUMBER],
  ["validate_instance.json:an integer bound beyond 2^53 against a double, exactly", JS_DOUBLES],
  ["validate_instance.json:const beyond 2^53 is not a nearby double", JS_DOUBLES],
]);

const here = dirname(fileURLToPath(import.meta.url));
const vectorDir = join(here, "..", "..", "tests", "vectors");
const files = readdirSync(vectorDir).filter((f) => f.endsWith(".json")).sort();

/** The README's matching rule; returns a path to the first mismatch, or null. */
function mismatch(expected, actual, path = "$") {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${JSON.stringify(actual)}`;
    if (expected.length !== actual.length) return `${path}: expected ${expected.length} items, got ${actual.length}: ${JSON.stringify(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const m = mismatch(expected[i], actual[i], `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) {
      return `${path}: expected an object, got ${JSON.stringify(actual)}`;
    }
    for (const k of Object.keys(expected)) {
      if (!(k in actual) || actual[k] === undefined) return `${path}.${k}: missing in ${JSON.stringify(actual)}`;
      const m = mismatch(expected[k], actual[k], `${path}.${k}`);
      if (m) return m;
    }
    return null;
  }
  if (typeof expected === "number" && typeof actual === "number") {
    return expected === actual ? null : `${path}: expected ${expected}, got ${actual}`;
  }
  return Object.is(expected, actual) ? null : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/** Copies the named input keys that are present (null included) into an options object. */
function pick(input, names) {
  const o = {};
  for (const [wire, js] of names) if (wire in input) o[js] = input[wire];
  return o;
}

const CONTEXT = [
  ["machine_parameters", "machineParameters"],
  ["machine_sensitive_parameters", "machineSensitiveParameters"],
  ["pool_parameters", "poolParameters"],
];

/**
 * An input `spec` (the JSON text of an OpenAPI document) is loaded with
 * `loadSpec` and given as the `{spec}` option; a document that can't be
 * loaded is the case's error.
 */
function withSpec(input, options) {
  if ("spec" in input) options.spec = kit.loadSpec(input.spec);
  return options;
}

/** Calls the package for one case; returns the result (or throws). */
const OPERATIONS = {
  parse_prompt: (i) => kit.parsePrompt(i.text),
  resolve_prompt: (i) => {
    const args = [i.text];
    if ("input_values" in i || "sensitive_input_values" in i) args.push(i.input_values);
    if ("sensitive_input_values" in i) args.push(i.sensitive_input_values);
    return kit.resolvePrompt(...args);
  },
  validate: (i) => kit.validate(i.schema, i.payload, withSpec(i, {})),
  validate_instance: (i) => kit.validateInstance(i.schema, i.instance, pick(i, [["draft", "draft"]])),
  build_workflow_update: (i) =>
    kit.buildWorkflowUpdate(i.workflow_id, i.update, withSpec(i, pick(i, [["idempotency_key", "idempotencyKey"]]))),
  build_get_workflow: (i) => kit.buildGetWorkflow(i.workflow_id, pick(i, [["include", "include"]])),
  build_get_run: (i) => kit.buildGetRun(i.run_id, pick(i, [["include", "include"]])),
  poll_delay: (i) =>
    kit.pollDelay(
      i.attempt,
      i.elapsed,
      pick(i, [
        ["initial_delay", "initialDelay"],
        ["max_delay", "maxDelay"],
        ["timeout", "timeout"],
      ]),
    ),
  is_terminal_run_status: (i) => kit.isTerminalRunStatus(i.status),
  build_run_create: (i) =>
    kit.buildRunCreate(i.run, withSpec(i, pick(i, [["workflow", "workflow"], ["idempotency_key", "idempotencyKey"], ...CONTEXT]))),
  preflight_run: (i) => kit.preflightRun(i.run, i.workflow, withSpec(i, pick(i, CONTEXT))),
  diff_workflow_update: (i) => kit.diffWorkflowUpdate(i.current, i.desired),
  apply_workflow_update: (i) => kit.applyWorkflowUpdate(i.current, i.update),
  parse_response: (i) =>
    kit.parseResponse(i.operation, i.status, i.headers, i.body, withSpec(i, pick(i, [["sensitive_input_values", "sensitiveInputValues"]]))),
  retry_delay: (i) =>
    kit.retryDelay(
      i.attempt,
      pick(i, [
        ["method", "method"],
        ["status", "status"],
        ["headers", "headers"],
        ["network_error", "networkError"],
        ["has_idempotency_key", "hasIdempotencyKey"],
        ["max_retries", "maxRetries"],
        ["now", "now"],
        ["jitter", "jitter"],
      ]),
    ),
  // prompt versions (issue 10): the same input keys as the Python runner
  prompt_content_id: (i) => kit.promptContentId(i.text),
  create_prompt_history: () => kit.createPromptHistory(),
  parse_prompt_history: (i) => kit.parsePromptHistory(i.text),
  serialize_prompt_history: (i) => kit.serializePromptHistory(i.history),
  add_prompt_version: (i) => kit.addPromptVersion(i.history, i.text, pick(i, [["note", "note"], ["created_at", "createdAt"]])),
  move_prompt_label: (i) => kit.movePromptLabel(i.history, i.label, "to" in i ? i.to : null),
  select_prompt_version: (i) => kit.selectPromptVersion(i.history, i.pin),
  compare_prompts: (i) => kit.comparePrompts(i.old, i.new),
  compare_prompt_versions: (i) => kit.comparePromptVersions(i.history, i.old, i.new),
  check_prompt_text: (i) => kit.checkPromptText(i.text, i.workflow),
  check_prompt_version: (i) => kit.checkPromptVersion(i.history, i.pin, i.workflow),
  build_pinned_run: (i) =>
    kit.buildPinnedRun(i.history, i.pin, i.run, pick(i, [["workflow", "workflow"], ["idempotency_key", "idempotencyKey"], ...CONTEXT])),
  build_run_batch: (i) => kit.buildRunBatch(i.history, i.batch_key, i.items, pick(i, [["workflow", "workflow"], ...CONTEXT])),
  batch_idempotency_key: (i) => kit.batchIdempotencyKey(i.batch_key, i.item_key),
  diff_prompt_mirror: (i) => kit.diffPromptMirror(i.workflow, i.history, i.pin),
  check_prompt_drift: (i) => kit.checkPromptDrift(i.workflow, i.history),
};

/** The text a variable's offsets index into. */
function promptOf(operation, input, result) {
  if (operation === "preflight_run") {
    return result.prompt_source === "override" ? input.run.main_prompt : input.workflow.main_prompt;
  }
  return input.text;
}

function variablesOf(operation, result) {
  return operation === "parse_prompt" ? result : result.variables;
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let total = 0;
for (const file of files) {
  const doc = JSON.parse(readFileSync(join(vectorDir, file), "utf8"));
  const op = OPERATIONS[doc.operation];
  describe(`${file} (${doc.operation})`, () => {
    test("the operation is known to this runner", () => assert.ok(op, `no runner for ${doc.operation}`));
    for (const c of doc.cases) {
      total++;
      const xfail = XFAIL.get(`${file}:${c.name}`);
      test(c.name, { todo: xfail }, () => {
        assert.ok(("expect" in c) !== ("error" in c), "a case has expect or error, never both");
        const input = expand(c.input);
        let result;
        let error;
        try {
          result = op(input);
        } catch (e) {
          error = e;
        }
        const given = [];
        if (error === undefined) given.push(JSON.stringify(result));
        else given.push(String(error), String(error.stack), String(error.message), JSON.stringify(error.errors), JSON.stringify(error.issues));
        for (const s of c.secrets ?? []) {
          for (const g of given) assert.ok(!g.includes(s), `secret ${JSON.stringify(s)} leaked: ${g.slice(0, 300)}`);
        }
        if ("error" in c) {
          assert.ok(error !== undefined, `expected error ${c.error.code}, got ${JSON.stringify(result)}`);
          assert.ok(error instanceof kit.KitError, `not a KitError: ${error && error.stack}`);
          const plain = { code: error.code, message: error.message, errors: error.errors, issues: error.issues };
          if (error.status !== undefined) plain.status = error.status;
          const m = mismatch(c.error, plain);
          assert.equal(m, null, `${m}\nerror: ${JSON.stringify(plain)}`);
          return;
        }
        if (error !== undefined) throw error;
        const m = mismatch(c.expect, result);
        assert.equal(m, null, `${m}\nresult: ${JSON.stringify(result)}`);
        if (["parse_prompt", "resolve_prompt", "preflight_run"].includes(doc.operation)) {
          const text = promptOf(doc.operation, input, result);
          const vars = variablesOf(doc.operation, result);
          for (const v of vars) assert.equal(text.slice(v.start, v.end), v.raw, `slice of ${v.raw}`);
          if (c.spans && c.spans.utf16) {
            assert.deepEqual(vars.map((v) => [v.start, v.end]), c.spans.utf16, "utf16 spans");
          }
        }
        if (c.generated_key) {
          assert.ok(!("idempotency_key" in input), "generated_key with a given key");
          assert.match(result.idempotency_key, UUID_V4);
          assert.equal(result.headers["Idempotency-Key"], result.idempotency_key);
        }
      });
    }
  });
}

// resolvePromptText gives exactly resolvePrompt's text and issues (or the
// same error) on every resolve vector, and keeps the case's secrets out.
describe("resolvePromptText equals resolvePrompt's text and issues", () => {
  const doc = JSON.parse(readFileSync(join(vectorDir, "resolve_prompt.json"), "utf8"));
  test("there are resolve vectors", () => assert.ok(doc.cases.length >= 10));
  const outcome = (fn) => {
    try {
      return { value: fn() };
    } catch (e) {
      return { error: e };
    }
  };
  for (const c of doc.cases) {
    test(c.name, () => {
      const i = expand(c.input);
      const args = [i.text];
      if ("input_values" in i || "sensitive_input_values" in i) args.push(i.input_values);
      if ("sensitive_input_values" in i) args.push(i.sensitive_input_values);
      const full = outcome(() => kit.resolvePrompt(...args));
      const only = outcome(() => kit.resolvePromptText(...args));
      if (full.error !== undefined || only.error !== undefined) {
        assert.ok(only.error instanceof kit.KitError, `text-only: ${only.error ?? JSON.stringify(only.value)}`);
        assert.ok(full.error instanceof kit.KitError, `full: ${full.error ?? JSON.stringify(full.value)}`);
        assert.deepEqual([only.error.code, only.error.message], [full.error.code, full.error.message]);
      } else {
        assert.deepEqual(only.value, { text: full.value.text, issues: full.value.issues });
      }
      const given = only.error === undefined ? [JSON.stringify(only.value)] : [String(only.error), String(only.error.stack)];
      for (const s of c.secrets ?? []) for (const g of given) assert.ok(!g.includes(s), `secret ${JSON.stringify(s)} leaked`);
    });
  }
});

test("every vector file was read", () => {
  assert.ok(files.length >= 10, `only ${files.length} vector files`);
  assert.ok(total > 0);
});
