// Options objects: a key an operation does not take is refused with
// `invalid_argument` naming the closest known option (the core's
// `check_option_names`), instead of being ignored while the option it
// meant (a workflow to preflight against, an idempotency key) is skipped.

import { test } from "node:test";
import assert from "node:assert/strict";
import * as kit from "../dist/node.js";

const ID = "550e8400-e29b-41d4-a716-446655440000";
const RUN = { workflow_id: ID, input_values: { customer_id: "C-42" } };
const WORKFLOW = { main_prompt: "Look up {customer_id}." };

function refusal(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof kit.KitError, String(e && e.stack));
    return { code: e.code, message: e.message };
  }
  return { code: "no error" };
}

test("a snake_case option name suggests the camelCase one", () => {
  const r = refusal(() => kit.buildWorkflowUpdate(ID, { name: "x" }, { idempotency_key: "k" }));
  assert.equal(r.code, "invalid_argument");
  assert.match(r.message, /buildWorkflowUpdate: unknown option "idempotency_key"; did you mean `idempotencyKey`\?/);
});

test("a workflow passed where the options go is refused, not sent unchecked", () => {
  const r = refusal(() => kit.buildRunCreate(RUN, WORKFLOW));
  assert.equal(r.code, "invalid_argument");
  assert.match(r.message, /unknown option "main_prompt"; it takes workflow, idempotencyKey, /);
});

test("every operation with options checks their names", () => {
  const cases = [
    [() => kit.validate("WorkflowUpdate", {}, { sepc: null }), /did you mean `spec`/],
    [() => kit.preflightRun(RUN, WORKFLOW, { machine_parameters: {} }), /did you mean `machineParameters`/],
    [() => kit.parseResponse("create_run", 500, {}, "", { sensitive_input_values: {} }), /did you mean `sensitiveInputValues`/],
    [() => kit.retryDelay(0, { method: "GET", max_retries: 3 }), /did you mean `maxRetries`/],
    [() => new kit.CyberdeskKit({ apiKey: "k", baseURL: "https://x" }), /did you mean `baseUrl`/],
    [() => kit.addPromptVersion(kit.createPromptHistory(), "v1", { created_at: "2026-11-30T09:00:00Z" }), /did you mean `createdAt`/],
    [() => kit.buildPinnedRun(kit.createPromptHistory(), "latest", RUN, { idempotency_key: "k" }), /did you mean `idempotencyKey`/],
    // A batch's keys are derived from its batch key: one given is refused, not ignored.
    [() => kit.buildRunBatch(kit.createPromptHistory(), "b", [], { idempotencyKey: "k" }), /unknown option "idempotencyKey"/],
  ];
  for (const [fn, message] of cases) {
    const r = refusal(fn);
    assert.equal(r.code, "invalid_argument");
    assert.match(r.message, message);
  }
});

test("an unknown key is refused even when its value is undefined", () => {
  assert.equal(refusal(() => kit.buildRunCreate(RUN, { workflow: WORKFLOW, idempotency_key: undefined })).code, "invalid_argument");
});

test("the known options still work, and absent or null options are none", () => {
  const req = kit.buildRunCreate(RUN, { workflow: WORKFLOW, idempotencyKey: "k-1", machineParameters: undefined, spec: null });
  assert.equal(req.idempotency_key, "k-1");
  assert.equal(kit.buildWorkflowUpdate(ID, { name: "x" }, undefined).path, `/v1/workflows/${ID}`);
  assert.equal(kit.buildWorkflowUpdate(ID, { name: "x" }, null).path, `/v1/workflows/${ID}`);
});

test("the client's createRun refuses a workflow given as its options", async () => {
  const client = new kit.CyberdeskKit({ apiKey: "k", fetch: async () => assert.fail("nothing may be sent") });
  await assert.rejects(client.createRun(RUN, WORKFLOW), (e) => e instanceof kit.KitError && e.code === "invalid_argument");
});

test("a Proxy whose ownKeys trap throws gives unsupported_value, not a crash", () => {
  const p = new Proxy({}, { ownKeys() { throw new Error("boom"); } });
  assert.equal(refusal(() => kit.buildRunCreate(RUN, p)).code, "unsupported_value");
});
