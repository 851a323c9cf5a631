// Secrets (issue 5): canary sensitive values and a canary API key pushed
// through every operation and every error path. Every surface a secret could
// leak through is searched: results (a Request's `body` excepted: carrying
// the sensitive values to the server is its job), String(err), err.message,
// err.stack, JSON.stringify(err), util.inspect of errors and clients (cause
// chains, hidden properties), and everything written to the console or
// emitted as a process warning while the package runs (all stubbed here).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { inspect } from "node:util";
import * as kit from "../dist/node.js";

const ID = "550e8400-e29b-41d4-a716-446655440000";
const PIN = "CANARY-PIN-5fe1b2";
const TOKEN = "CANARY-TOKEN-88a0c4";
const MACHINE = "CANARY-MACHINE-31d9";
const API_KEY = "sk-CANARY-APIKEY-77e3";
const CANARIES = [PIN, TOKEN, MACHINE, API_KEY];
const SENSITIVE = { pin: PIN, api: { token: TOKEN, list: [TOKEN] } };

// ---- everything the package could print
const logged = [];
const originals = {};
const CONSOLE = ["log", "info", "warn", "error", "debug", "trace", "dir", "table"];
before(() => {
  for (const m of CONSOLE) {
    originals[m] = console[m];
    console[m] = (...args) => logged.push(`console.${m}: ${args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: Infinity }))).join(" ")}`);
  }
  originals.emitWarning = process.emitWarning;
  process.emitWarning = (w, ...rest) => logged.push(`warning: ${inspect(w, { depth: Infinity })} ${inspect(rest)}`);
});
after(() => {
  for (const m of CONSOLE) console[m] = originals[m];
  process.emitWarning = originals.emitWarning;
});

/** Every text a value or an error shows. */
function surfaces(x, { requestBodyAllowed = false } = {}) {
  if (x instanceof Error) {
    return [
      String(x),
      x.message,
      String(x.stack),
      JSON.stringify(x),
      JSON.stringify(x.errors ?? null),
      JSON.stringify(x.issues ?? null),
      inspect(x, { depth: Infinity, showHidden: true }),
    ];
  }
  if (requestBodyAllowed && x && typeof x === "object" && typeof x.body === "string") {
    const { body, ...rest } = x; // eslint-disable-line no-unused-vars
    return [JSON.stringify(rest), inspect(rest, { depth: Infinity })];
  }
  return [JSON.stringify(x) ?? String(x), inspect(x, { depth: Infinity, showHidden: true })];
}

function assertClean(what, x, opts) {
  for (const text of surfaces(x, opts)) {
    for (const c of CANARIES) assert.ok(!text.includes(c), `${what}: ${c} leaked in ${text.slice(0, 400)}`);
  }
}

/** Runs fn; checks its result or its error, and returns [result, error]. */
function check(what, fn, opts) {
  let result;
  let error;
  try {
    result = fn();
  } catch (e) {
    error = e;
  }
  assertClean(what, error ?? result, opts);
  return [result, error];
}

const cyclicWithSecret = () => {
  const o = { pin: PIN };
  o.self = o;
  return o;
};
const deepSecret = () => {
  let v = PIN;
  for (let i = 0; i < 200; i++) v = { a: v };
  return v;
};
const schemaFor = (props) => JSON.stringify({ type: "object", properties: props });

test("resolvePrompt: sensitive values stay out of the text, variables and issues", () => {
  const [r] = check("resolve", () => kit.resolvePrompt("Type {$pin}, then {$api.token} and {$api.list[0]} for {name}.", { name: "Ada" }, SENSITIVE));
  assert.equal(r.text, "Type {$pin}, then {$api.token} and {$api.list[0]} for Ada.");
  check("path into a sensitive string", () => kit.resolvePrompt("{$pin.x} {$pin[0]}", {}, SENSITIVE));
  check("missing sensitive path", () => kit.resolvePrompt("{$api.nope.deeper}", {}, SENSITIVE));
  check("unused sensitive", () => kit.resolvePrompt("nothing here", {}, SENSITIVE));
  check("sensitive used as an input by mistake", () => kit.resolvePrompt("{pin}", {}, SENSITIVE));
});

test("hostile values next to a secret: the error never quotes it", () => {
  const cases = [
    ["NaN", { pin: PIN, n: NaN }, "unsupported_value"],
    ["BigInt", { pin: PIN, n: 1n }, "unsupported_value"],
    ["Map", { pin: new Map([["v", PIN]]) }, "unsupported_value"],
    ["Date", { pin: PIN, d: new Date() }, "unsupported_value"],
    ["lone surrogate inside the secret", { pin: `${PIN}\uD800` }, "invalid_string"],
    ["lone surrogate in a key", { [`${PIN}\uDC00`]: 1 }, "invalid_string"],
    ["cycle", cyclicWithSecret(), "cyclic_value"],
    ["too deep", { pin: deepSecret() }, "too_deep"],
  ];
  for (const [what, sensitive, code] of cases) {
    for (const [op, fn] of [
      ["resolvePrompt", () => kit.resolvePrompt("{$pin}", {}, sensitive)],
      ["buildRunCreate", () => kit.buildRunCreate({ workflow_id: ID, sensitive_input_values: sensitive })],
      ["validate", () => kit.validate("RunCreate", { workflow_id: ID, sensitive_input_values: sensitive })],
      ["preflightRun machine", () => kit.preflightRun({ workflow_id: ID }, { main_prompt: "{$pin}" }, { machineSensitiveParameters: sensitive })],
    ]) {
      const [, e] = check(`${what} via ${op}`, fn);
      assert.equal(e?.code, code, `${what} via ${op}`);
    }
  }
});

test("preflight: a sensitive value breaking the input_schema is reported without its value", () => {
  const workflow = {
    main_prompt: "Log in with {$pin} and {$api.token}; machine {$m}.",
    input_schema: schemaFor({
      $pin: { type: "string", maxLength: 3, pattern: "^[0-9]+$" },
      $api: { type: "object", properties: { token: { enum: ["a", "b"] }, list: { type: "array", maxItems: 0 } } },
      $m: { type: "integer" },
    }),
  };
  const run = { workflow_id: ID, sensitive_input_values: SENSITIVE };
  const opts = { machineSensitiveParameters: { m: MACHINE } };
  const [p] = check("preflightRun", () => kit.preflightRun(run, workflow, opts));
  assert.ok(p.issues.filter((i) => i.code === "input_schema_violation").length >= 3, JSON.stringify(p.issues));
  assert.ok(p.resolved_prompt.includes("{$pin}"));
  const [, e] = check("buildRunCreate with workflow", () => kit.buildRunCreate(run, { workflow, ...opts }));
  assert.equal(e.code, "preflight_error");
  // A required key missing next to present secrets.
  const required = { main_prompt: "{$pin}", input_schema: JSON.stringify({ type: "object", required: ["$other", "x"] }) };
  check("required missing", () => kit.preflightRun(run, required));
  // A path into a sensitive string is a type error: reported, not quoted.
  const [, t] = check("type error", () => kit.buildRunCreate(run, { workflow: { main_prompt: "{$pin.first}" } }));
  assert.equal(t.code, "preflight_error");
});

test("validation errors around sensitive values never quote them", () => {
  const [errs] = check("validate", () => kit.validate("RunCreate", { workflow_id: "not-a-uuid", sensitive_input_values: PIN }));
  assert.ok(errs.length >= 2);
  check("validate nested", () => kit.validate("RunCreate", { workflow_id: ID, sensitive_input_values: { pin: PIN }, session_alias: TOKEN.repeat(100), pool_ids: [PIN] }));
  const [, e] = check("build", () => kit.buildRunCreate({ workflow_id: "nope", sensitive_input_values: SENSITIVE, machine_id: PIN }));
  assert.equal(e.code, "validation_error");
  check("unknown field holding a secret", () => kit.buildRunCreate({ workflow_id: ID, sensitive_input_values: SENSITIVE, pin_copy: PIN }), { requestBodyAllowed: true });
  check("invalid idempotency key made of a secret", () => kit.buildRunCreate({ workflow_id: ID }, { idempotencyKey: `${PIN}\n` }));
  check("update with a secret in a bad field", () => kit.buildWorkflowUpdate(ID, { name: PIN.repeat(50), includes_file_exports: PIN }));
  check("workflow id that is a secret", () => kit.buildGetWorkflow(PIN));
});

test("a built request carries the secrets in its body only", () => {
  const [req] = check(
    "buildRunCreate",
    () => kit.buildRunCreate({ workflow_id: ID, sensitive_input_values: SENSITIVE }, { workflow: { main_prompt: "{$pin} {$api.token}" }, machineSensitiveParameters: { m: MACHINE } }),
    { requestBodyAllowed: true },
  );
  assert.ok(req.body.includes(PIN) && req.body.includes(TOKEN));
  assert.ok(!req.body.includes(MACHINE), "machine parameters are the server's, not sent");
});

test("parseResponse: a server echoing secrets in a 422 or a 200", () => {
  const detail = [
    { loc: ["body", "sensitive_input_values", "pin"], msg: "bad", type: "value_error", input: PIN, ctx: { error: "x" } },
    { loc: ["body", "sensitive_input_values"], msg: "bad", type: "dict_type", input: SENSITIVE },
  ];
  const [, e] = check("422", () => kit.parseResponse("create_run", 422, {}, JSON.stringify({ detail })));
  assert.equal(e.code, "api_error");
  // A 2xx that is not a RunResponse while holding a secret: invalid_response, unquoted.
  const [, bad] = check("200 wrong shape", () => kit.parseResponse("create_run", 201, {}, JSON.stringify({ id: PIN, sensitive_input_values: SENSITIVE })));
  assert.equal(bad.code, "invalid_response");
  check("200 not JSON", () => kit.parseResponse("create_run", 201, {}, `{"pin": "${PIN}"`));
});

test("the API key never shows: constructor errors, the client object", () => {
  const [, e] = check("apiKey with a line break", () => new kit.CyberdeskKit({ apiKey: `${API_KEY}\n` }));
  assert.equal(e.code, "invalid_argument");
  check("bad baseUrl", () => new kit.CyberdeskKit({ apiKey: API_KEY, baseUrl: `ftp://${PIN}` }));
  const client = new kit.CyberdeskKit({ apiKey: API_KEY });
  assertClean("client", client);
  assert.ok(!String(client).includes(API_KEY));
  assert.ok(!Object.keys(client).length, "no enumerable state");
});

test("the client's error paths: 4xx, 5xx, 422 echo, network failure, timeout", async () => {
  let answers = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const a = answers.shift() ?? [500, "{}"];
      if (a[0] === "hangup") return req.socket.destroy();
      if (a[0] === "hang") return; // never answers: the client times out
      res.writeHead(a[0], { "content-type": "application/json" });
      res.end(a[1]);
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const client = new kit.CyberdeskKit({ apiKey: API_KEY, baseUrl, maxRetries: 1, timeout: 0.3 });
  const run = { workflow_id: ID, sensitive_input_values: SENSITIVE };
  const echo = JSON.stringify({ detail: [{ loc: ["body", "sensitive_input_values", "pin"], msg: `bad ${"x"}`, type: "value_error", input: PIN }] });
  const scenarios = [
    ["422 echoing the secret", [[422, echo]]],
    ["500 then 500", [[500, JSON.stringify({ detail: "boom" })], [500, "{}"]]],
    ["401", [[401, JSON.stringify({ detail: "bad key" })]]],
    ["hang-ups", [["hangup"], ["hangup"]]],
    ["timeouts", [["hang"], ["hang"]]],
    ["a 201 that is not a RunResponse", [[201, JSON.stringify({ echo: SENSITIVE })]]],
  ];
  try {
    for (const [what, script] of scenarios) {
      answers = [...script];
      let error;
      try {
        await client.createRun(run);
      } catch (e) {
        error = e;
      }
      assert.ok(error, `${what}: expected a failure`);
      assertClean(`client ${what}`, error);
      if (error.cause) assertClean(`client ${what} (cause)`, error.cause);
    }
    // A preflight failure before anything is sent.
    let pre;
    try {
      await client.createRun(run, { workflow: { main_prompt: "{$pin.x}", input_schema: schemaFor({ $pin: { maxLength: 1 } }) } });
    } catch (e) {
      pre = e;
    }
    assert.equal(pre.code, "preflight_error");
    assertClean("client preflight", pre);
  } finally {
    server.closeAllConnections?.();
    await new Promise((r) => server.close(r));
  }
});

test("nothing the package logged or warned holds a secret", () => {
  for (const line of logged) for (const c of CANARIES) assert.ok(!line.includes(c), `${c} in ${line.slice(0, 300)}`);
  originals.log(`secrets: ${CANARIES.length} canaries, ${logged.length} console/warning lines captured, none holds a canary`);
});
