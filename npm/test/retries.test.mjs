// Retries against a real HTTP server on 127.0.0.1 that fails, delays and
// answers 409 "in progress" (issue 5). What client.test.mjs already covers
// (503 then 200, Retry-After in seconds, a POST without a key after a 503,
// maxRetries, hang-ups) is not repeated; this adds:
// - a write without an Idempotency-Key is sent exactly once, whatever the
//   failure (503, 429, 409 in progress, hang-up, timeout);
// - every attempt of a write carries the same Idempotency-Key and the same
//   body bytes, over four attempts;
// - 409 with `Idempotency-Status: in_progress` is retried, a plain 409 not;
// - a response slower than the timeout is abandoned and retried with the
//   same key;
// - Retry-After as an HTTP date, `0`, and `retry-after-ms` are honoured; one
//   beyond 60 s falls back to the backoff instead of stalling.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import * as kit from "../dist/node.js";

const ID = "550e8400-e29b-41d4-a716-446655440000";
const RUN = { id: "7d444840-9dc0-11d1-b245-5ffdce74fad2", workflow_id: ID, machine_id: null, status: "scheduling", created_at: "2026-01-02T00:00:00Z", main_prompt: null };
const WORKFLOW = { id: ID, name: "Invoices", main_prompt: "p", created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-02T00:00:00Z" };

let server;
let baseUrl;
let seen = [];
/** The answers to the next requests, in order: [status | "hangup" | "delay", ...]. */
let script = [];
const pending = new Set();

before(async () => {
  server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      seen.push({ method: req.method, headers: req.headers, body: Buffer.concat(chunks), at: performance.now() });
      let answer = script.shift() ?? [500, {}, "unscripted"];
      let wait = 0;
      if (answer[0] === "delay") {
        wait = answer[1];
        answer = answer.slice(2);
      }
      const [status, headers, body] = answer;
      if (status === "hangup") {
        req.socket.destroy();
        return;
      }
      const t = setTimeout(() => {
        pending.delete(t);
        if (res.destroyed) return;
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(body);
      }, wait);
      pending.add(t);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  for (const t of pending) clearTimeout(t);
  server.closeAllConnections?.();
  await new Promise((resolve) => server.close(resolve));
});

function reset(answers) {
  seen = [];
  script = answers;
}

const client = (options = {}) => new kit.CyberdeskKit({ apiKey: "sk-test-retries", baseUrl, ...options });

async function outcome(promise) {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

/** A POST /v1/runs request whose Idempotency-Key was removed. */
function keylessRun() {
  const req = kit.buildRunCreate({ workflow_id: ID, input_values: { a: "x" } });
  for (const k of Object.keys(req.headers)) if (k.toLowerCase() === "idempotency-key") delete req.headers[k];
  req.idempotency_key = null;
  return req;
}

const FAILURES = [
  ["503", [503, {}, "{}"]],
  ["429 with Retry-After: 0", [429, { "retry-after": "0" }, "{}"]],
  ["409 Idempotency-Status: in_progress", [409, { "idempotency-status": "in_progress" }, "{}"]],
  ["hang-up (network error)", ["hangup"]],
  ["timeout (answer after 1.5 s)", ["delay", 1500, 201, {}, JSON.stringify(RUN)]],
];

for (const [what, failure] of FAILURES) {
  test(`a write without an Idempotency-Key is sent once: ${what}`, async () => {
    reset([failure, [201, {}, JSON.stringify(RUN)], [201, {}, JSON.stringify(RUN)]]);
    const r = await outcome(client({ timeout: 0.3 }).send(keylessRun(), "create_run"));
    assert.ok(r.error, "the failure reaches the caller");
    assert.equal(seen.length, 1, `sent ${seen.length} times`);
    assert.equal(seen[0].headers["idempotency-key"], undefined);
    if (typeof failure[0] === "number") {
      assert.equal(r.error.code, "api_error");
      assert.equal(r.error.status, failure[0]);
    } else {
      assert.ok(!(r.error instanceof kit.KitError), "a network failure is rethrown as fetch threw it");
    }
  });
}

test("four attempts of a write: one Idempotency-Key, one body, the API key each time", async () => {
  reset([
    [502, { "retry-after": "0" }, "{}"],
    [409, { "idempotency-status": "in_progress", "retry-after": "0" }, "{}"],
    ["hangup"],
    [201, {}, JSON.stringify(RUN)],
  ]);
  const run = { workflow_id: ID, input_values: { customer: "Zoë 😀" } };
  const got = await client({ maxRetries: 3 }).createRun(run, { idempotencyKey: "idem-4x" });
  assert.equal(got.id, RUN.id);
  assert.equal(seen.length, 4);
  for (const s of seen) {
    assert.equal(s.method, "POST");
    assert.equal(s.headers["idempotency-key"], "idem-4x");
    assert.equal(s.headers.authorization, "Bearer sk-test-retries");
    assert.deepEqual(s.body, seen[0].body);
  }
  assert.equal(seen[0].body.toString("utf8"), kit.buildRunCreate(run, { idempotencyKey: "idem-4x" }).body);
});

test("a generated key is the same on every attempt too (PATCH)", async () => {
  reset([
    [503, { "retry-after": "0" }, "{}"],
    [504, { "retry-after": "0" }, "{}"],
    [200, {}, JSON.stringify(WORKFLOW)],
  ]);
  await client().updateWorkflow(ID, { name: "Invoices" });
  assert.equal(seen.length, 3);
  const key = seen[0].headers["idempotency-key"];
  assert.match(key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.ok(seen.every((s) => s.headers["idempotency-key"] === key && s.body.equals(seen[0].body)));
});

test("409 in progress is retried; a plain 409 is not", async () => {
  reset([
    [409, { "idempotency-status": "in_progress", "retry-after": "0" }, JSON.stringify({ detail: "in progress" })],
    [201, {}, JSON.stringify(RUN)],
  ]);
  assert.equal((await client().createRun({ workflow_id: ID })).id, RUN.id);
  assert.equal(seen.length, 2);
  assert.equal(seen[1].headers["idempotency-key"], seen[0].headers["idempotency-key"]);

  reset([
    [409, {}, JSON.stringify({ detail: "conflict" })],
    [201, {}, JSON.stringify(RUN)],
  ]);
  const r = await outcome(client().createRun({ workflow_id: ID }));
  assert.equal(r.error.code, "api_error");
  assert.equal(r.error.status, 409);
  assert.equal(seen.length, 1);

  reset([
    [409, { "idempotency-status": "completed" }, "{}"],
    [201, {}, JSON.stringify(RUN)],
  ]);
  assert.equal((await outcome(client().createRun({ workflow_id: ID }))).error.status, 409);
  assert.equal(seen.length, 1);
});

test("a response slower than the timeout is abandoned and retried with the same key", async () => {
  reset([
    ["delay", 1500, 201, {}, JSON.stringify(RUN)],
    [201, {}, JSON.stringify(RUN)],
  ]);
  const t0 = performance.now();
  const got = await client({ timeout: 0.3 }).createRun({ workflow_id: ID });
  const took = performance.now() - t0;
  assert.equal(got.id, RUN.id);
  assert.equal(seen.length, 2);
  assert.equal(seen[1].headers["idempotency-key"], seen[0].headers["idempotency-key"]);
  assert.ok(took < 1500, `did not wait for the slow answer (${took.toFixed(0)} ms)`);
  assert.ok(seen[1].at - seen[0].at >= 300, "the first attempt had its full timeout");
});

test("a GET is retried on 503 without any key", async () => {
  reset([
    [503, { "retry-after": "0" }, "{}"],
    [200, {}, JSON.stringify(WORKFLOW)],
  ]);
  assert.equal((await client().getWorkflow(ID)).id, ID);
  assert.equal(seen.length, 2);
  assert.equal(seen[0].headers["idempotency-key"], undefined);
});

test("failures that never stop: maxRetries + 1 attempts, then the last error", async () => {
  reset(Array.from({ length: 10 }, () => [503, { "retry-after": "0" }, "{}"]));
  const r = await outcome(client({ maxRetries: 2 }).createRun({ workflow_id: ID }));
  assert.equal(r.error.status, 503);
  assert.equal(seen.length, 3);
  reset(Array.from({ length: 10 }, () => [503, {}, "{}"]));
  const none = await outcome(client({ maxRetries: 0 }).createRun({ workflow_id: ID }));
  assert.equal(none.error.status, 503);
  assert.equal(seen.length, 1);
});

test("Retry-After: 0 and retry-after-ms win over the backoff", async () => {
  reset([
    [503, { "retry-after": "0" }, "{}"],
    [503, { "retry-after-ms": "150" }, "{}"],
    [201, {}, JSON.stringify(RUN)],
  ]);
  await client().createRun({ workflow_id: ID });
  assert.equal(seen.length, 3);
  const first = seen[1].at - seen[0].at;
  const second = seen[2].at - seen[1].at;
  // The backoff would be at least 375 ms (0.5 s less 25 % jitter).
  assert.ok(first < 300, `Retry-After: 0 waited ${first.toFixed(0)} ms`);
  assert.ok(second >= 140 && second < 360, `retry-after-ms: 150 waited ${second.toFixed(0)} ms`);
});

test("Retry-After as an HTTP date is honoured", async () => {
  // Two seconds ahead, in whole seconds as HTTP dates are: the wait is 1 to 2 s.
  const when = new Date(Math.floor(Date.now() / 1000) * 1000 + 2000).toUTCString();
  reset([
    [503, { "retry-after": when }, "{}"],
    [201, {}, JSON.stringify(RUN)],
  ]);
  await client().createRun({ workflow_id: ID });
  assert.equal(seen.length, 2);
  const waited = seen[1].at - seen[0].at;
  assert.ok(waited >= 900 && waited < 2600, `waited ${waited.toFixed(0)} ms for Retry-After: ${when}`);
});

test("a Retry-After beyond 60 s falls back to the backoff instead of stalling", async () => {
  reset([
    [503, { "retry-after": "3600" }, "{}"],
    [201, {}, JSON.stringify(RUN)],
  ]);
  await client().createRun({ workflow_id: ID });
  const waited = seen[1].at - seen[0].at;
  assert.ok(waited >= 300 && waited < 1500, `waited ${waited.toFixed(0)} ms`);
});
