// The fetch client against a real HTTP server on 127.0.0.1, started here.
// Every request the server sees is recorded byte for byte.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import * as kit from "../dist/node.js";

const ID = "550e8400-e29b-41d4-a716-446655440000";
const RUN_ID = "7d444840-9dc0-11d1-b245-5ffdce74fad2";
const PIN = "CANARY-PIN-5521";
const WORKFLOW = {
  id: ID,
  name: "Invoices",
  main_prompt: "Look up {customer_id}.",
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-02T00:00:00Z",
};
const RUN = { id: RUN_ID, workflow_id: ID, machine_id: null, status: "scheduling", created_at: "2026-01-02T00:00:00Z", main_prompt: null };

let server;
let baseUrl;
let seen = [];
/** Answers for the next requests, in order: [status, headers, body]. */
let script = [];

before(async () => {
  server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks), at: Date.now() });
      const [status, headers, body] = script.shift() ?? [500, {}, "unscripted"];
      if (status === "hangup") {
        req.socket.destroy();
        return;
      }
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
});

after(() => new Promise((resolve) => server.close(resolve)));

function reset(answers) {
  seen = [];
  script = answers;
}

function client(options = {}) {
  return new kit.CyberdeskKit({ apiKey: "sk-test-123", baseUrl, ...options });
}

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail("expected a rejection");
}

test("updateWorkflow sends exactly the built request, with the API key", async () => {
  reset([[200, {}, JSON.stringify(WORKFLOW)]]);
  const update = { name: "Invoices", main_prompt: "Look up {customer_id}.", output_schema: null, is_webhooks_enabled: undefined };
  const got = await client().updateWorkflow(ID, update, { idempotencyKey: "idem-42" });
  assert.deepEqual(got, WORKFLOW);
  assert.equal(seen.length, 1);
  const [r] = seen;
  const expected = kit.buildWorkflowUpdate(ID, update, { idempotencyKey: "idem-42" });
  assert.equal(r.method, "PATCH");
  assert.equal(r.url, `/v1/workflows/${ID}`);
  assert.equal(r.body.toString("utf8"), expected.body);
  assert.equal(r.body.toString("utf8"), '{"name":"Invoices","main_prompt":"Look up {customer_id}.","output_schema":null}');
  assert.equal(r.headers["authorization"], "Bearer sk-test-123");
  assert.equal(r.headers["content-type"], "application/json");
  assert.equal(r.headers["accept"], "application/json");
  assert.equal(r.headers["idempotency-key"], "idem-42");
});

test("createRun: UTF-8 body bytes and a generated key", async () => {
  reset([[201, {}, JSON.stringify(RUN)]]);
  const run = { workflow_id: ID, input_values: { customer_id: "Zoë 😀" }, sensitive_input_values: { pin: PIN } };
  const got = await client().createRun(run, { workflow: WORKFLOW });
  assert.equal(got.id, RUN_ID);
  const [r] = seen;
  assert.equal(r.method, "POST");
  assert.equal(r.url, "/v1/runs");
  assert.deepEqual(
    r.body,
    Buffer.from(`{"workflow_id":"${ID}","input_values":{"customer_id":"Zoë 😀"},"sensitive_input_values":{"pin":"${PIN}"}}`, "utf8"),
  );
  assert.match(r.headers["idempotency-key"], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test("a 422 is decoded into a KitError, without the echoed input", async () => {
  const detail = [{ loc: ["body", "sensitive_input_values", "pin"], msg: "String should have at most 3 characters", type: "string_too_long", input: PIN, ctx: { max_length: 3 } }];
  reset([[422, {}, JSON.stringify({ detail })]]);
  const e = await rejection(client().createRun({ workflow_id: ID, sensitive_input_values: { pin: PIN } }));
  assert.ok(e instanceof kit.KitError);
  assert.equal(e.code, "api_error");
  assert.equal(e.status, 422);
  assert.deepEqual(e.errors, [{ loc: ["body", "sensitive_input_values", "pin"], msg: "String should have at most 3 characters", type: "string_too_long", ctx: { max_length: 3 } }]);
  for (const text of [e.message, String(e), e.stack, JSON.stringify(e)]) assert.ok(!text.includes(PIN));
  assert.equal(seen.length, 1, "a 422 is not retried");
});

test("503 then 200: retried once, with the same Idempotency-Key", async () => {
  reset([
    [503, {}, JSON.stringify({ detail: "busy" })],
    [200, {}, JSON.stringify(WORKFLOW)],
  ]);
  const got = await client().updateWorkflow(ID, { name: "Invoices" });
  assert.equal(got.id, ID);
  assert.equal(seen.length, 2);
  assert.ok(seen[0].headers["idempotency-key"]);
  assert.equal(seen[1].headers["idempotency-key"], seen[0].headers["idempotency-key"]);
  assert.deepEqual(seen[1].body, seen[0].body);
  const waited = seen[1].at - seen[0].at;
  assert.ok(waited >= 300 && waited < 2000, `backoff of ${waited} ms`);
});

test("Retry-After is honoured", async () => {
  reset([
    [429, { "retry-after": "1" }, "{}"],
    [201, {}, JSON.stringify(RUN)],
  ]);
  const got = await client().createRun({ workflow_id: ID });
  assert.equal(got.status, "scheduling");
  assert.equal(seen.length, 2);
  const waited = seen[1].at - seen[0].at;
  assert.ok(waited >= 950, `waited only ${waited} ms for Retry-After: 1`);
  assert.equal(seen[1].headers["idempotency-key"], seen[0].headers["idempotency-key"]);
});

test("a POST without an Idempotency-Key is never retried", async () => {
  reset([
    [503, {}, "{}"],
    [201, {}, JSON.stringify(RUN)],
  ]);
  const req = kit.buildRunCreate({ workflow_id: ID });
  delete req.headers["Idempotency-Key"];
  req.idempotency_key = null;
  const e = await rejection(client().send(req, "create_run"));
  assert.equal(e.code, "api_error");
  assert.equal(e.status, 503);
  assert.equal(seen.length, 1);
  assert.equal(seen[0].headers["idempotency-key"], undefined);
});

test("retries stop at maxRetries", async () => {
  reset([
    [502, {}, "{}"],
    [502, {}, "{}"],
    [502, {}, "{}"],
    [200, {}, JSON.stringify(WORKFLOW)],
  ]);
  const e = await rejection(client({ maxRetries: 1 }).updateWorkflow(ID, { name: "x" }));
  assert.equal(e.code, "api_error");
  assert.equal(e.status, 502);
  assert.equal(seen.length, 2);
});

test("a network failure is retried, then rethrown as fetch threw it", async () => {
  reset([
    ["hangup"],
    [200, {}, JSON.stringify(WORKFLOW)],
  ]);
  assert.equal((await client().updateWorkflow(ID, { name: "x" })).id, ID);
  assert.equal(seen.length, 2);
  reset([["hangup"], ["hangup"]]);
  const e = await rejection(client({ maxRetries: 1 }).updateWorkflow(ID, { name: "x" }));
  assert.ok(!(e instanceof kit.KitError));
  assert.equal(seen.length, 2);
});

test("getWorkflow: a GET with no body; a bad id never leaves the process", async () => {
  reset([[200, {}, JSON.stringify(WORKFLOW)]]);
  assert.deepEqual(await client().getWorkflow(ID), WORKFLOW);
  assert.equal(seen[0].method, "GET");
  assert.equal(seen[0].url, `/v1/workflows/${ID}`);
  assert.equal(seen[0].body.length, 0);
  assert.equal(seen[0].headers["authorization"], "Bearer sk-test-123");
  reset([]);
  const e = await rejection(client().getWorkflow("../../admin"));
  assert.equal(e.code, "validation_error");
  assert.deepEqual(e.errors[0].loc, ["path", "workflow_id"]);
  assert.equal(seen.length, 0);
});

test("an invalid payload is refused before sending", async () => {
  reset([]);
  const e = await rejection(client().updateWorkflow(ID, { name: "x".repeat(256) }));
  assert.equal(e.code, "validation_error");
  const p = await rejection(client().createRun({ workflow_id: ID, input_values: { name: "Ada" } }, { workflow: { main_prompt: "Hi {name.first}" } }));
  assert.equal(p.code, "preflight_error");
  assert.equal(seen.length, 0);
});

test("a 200 that is not a WorkflowResponse is invalid_response", async () => {
  reset([[200, {}, JSON.stringify({ hello: "world" })]]);
  const e = await rejection(client().getWorkflow(ID));
  assert.equal(e.code, "invalid_response");
});

test("a custom fetch is used", async () => {
  const calls = [];
  const fake = async (url, init) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(WORKFLOW), { status: 200, headers: { "content-type": "application/json" } });
  };
  const c = new kit.CyberdeskKit({ apiKey: "k", fetch: fake });
  await c.getWorkflow(ID);
  assert.equal(calls[0].url, `https://api.cyberdesk.io/v1/workflows/${ID}`);
  assert.equal(calls[0].init.headers.Authorization, "Bearer k");
});

test("constructor options are checked", () => {
  assert.throws(() => new kit.CyberdeskKit({}), (e) => e instanceof kit.KitError && e.code === "invalid_argument");
  assert.throws(() => new kit.CyberdeskKit({ apiKey: "k", baseUrl: "ftp://x" }), (e) => e.code === "invalid_argument");
  assert.throws(() => new kit.CyberdeskKit({ apiKey: "k", maxRetries: -1 }), (e) => e.code === "invalid_argument");
  assert.throws(() => new kit.CyberdeskKit({ apiKey: "a\nb" }), (e) => e.code === "invalid_argument");
});

// -- run results: getRun and waitForRun (issue 10, part 7) --

const runAs = (status, extra = {}) => [200, {}, JSON.stringify({ ...RUN, status, ...extra })];

test("getRun: a GET of /v1/runs/{id} with include, decoded as RunResponseWithIncludes", async () => {
  const { machine_id, ...noMachine } = RUN; // GET may leave machine_id out
  reset([[200, {}, JSON.stringify({ ...noMachine, status: "success", output_data: { total: 3 } })]]);
  const got = await client().getRun(RUN_ID, { include: ["workflow"] });
  assert.equal(machine_id, null);
  assert.deepEqual(got.output_data, { total: 3 });
  assert.equal(seen.length, 1);
  assert.equal(seen[0].method, "GET");
  assert.equal(seen[0].url, `/v1/runs/${RUN_ID}?include=workflow`);
  assert.equal(seen[0].headers["authorization"], "Bearer sk-test-123");
  assert.equal(seen[0].body.length, 0);
  const bad = await rejection(client().getRun("not-a-run"));
  assert.equal(bad.code, "validation_error");
  assert.deepEqual(bad.errors[0].loc, ["path", "run_id"]);
  assert.equal(seen.length, 1);
});

test("waitForRun polls until a terminal status, sleeping what pollDelay says", async () => {
  reset([runAs("scheduling"), runAs("running"), [503, {}, "{}"], runAs("running_checks"), runAs("task_failed", { error: ["no invoice"] })]);
  const polled = [];
  const got = await client().waitForRun(RUN_ID, { initialDelay: 0.02, maxDelay: 0.04, onPoll: (r) => polled.push(r.status) });
  assert.equal(got.status, "task_failed");
  assert.deepEqual(got.error, ["no invoice"]);
  assert.deepEqual(polled, ["scheduling", "running", "running_checks", "task_failed"]);
  // Five requests: the 503 was retried by the transport, not counted as a poll.
  assert.equal(seen.length, 5);
  assert.ok(seen.every((r) => r.method === "GET" && r.url === `/v1/runs/${RUN_ID}`));
  // Gaps between polls follow 0.02, 0.04, 0.04 s (timer slack allowed above, never below).
  const gap = (a, b) => seen[b].at - seen[a].at;
  assert.ok(gap(0, 1) >= 15, `first gap ${gap(0, 1)} ms`);
  assert.ok(gap(1, 3) >= 35, `second gap ${gap(1, 3)} ms`);
  assert.ok(gap(3, 4) >= 35, `third gap ${gap(3, 4)} ms`);
});

test("waitForRun returns at once when the run is already finished", async () => {
  reset([runAs("success")]);
  const got = await client().waitForRun(RUN_ID);
  assert.equal(got.status, "success");
  assert.equal(seen.length, 1);
});

test("waitForRun: past the deadline, wait_timeout with the last run read", async () => {
  reset(Array.from({ length: 50 }, () => runAs("running")));
  const t0 = Date.now();
  const e = await rejection(client().waitForRun(RUN_ID, { initialDelay: 0.01, maxDelay: 0.02, timeout: 0.1 }));
  assert.ok(e instanceof kit.KitError);
  assert.equal(e.code, "wait_timeout");
  assert.equal(e.run.status, "running");
  assert.ok(Date.now() - t0 >= 95, "waited up to the deadline");
  assert.ok(seen.length >= 3 && seen.length < 50, `${seen.length} polls`);
});

test("waitForRun: a bad policy or option is refused before any request", async () => {
  reset([runAs("running")]);
  for (const [opts, code] of [
    [{ initialDelay: 0 }, "invalid_argument"],
    [{ initialDelay: 5, maxDelay: 1 }, "invalid_argument"],
    [{ timeout: -1 }, "invalid_argument"],
    [{ timeout: "10" }, "invalid_argument"],
    [{ onPoll: 3 }, "invalid_argument"],
    [{ intialDelay: 1 }, "invalid_argument"],
  ]) {
    const e = await rejection(client().waitForRun(RUN_ID, opts));
    assert.equal(e.code, code, JSON.stringify(opts));
  }
  assert.equal(seen.length, 0);
});

test("waitForRun: an API error while polling is thrown as is", async () => {
  reset([runAs("running"), [404, {}, JSON.stringify({ detail: "Run not found" })]]);
  const e = await rejection(client().waitForRun(RUN_ID, { initialDelay: 0.01 }));
  assert.equal(e.code, "api_error");
  assert.equal(e.status, 404);
});
