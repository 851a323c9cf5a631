// The one smoke script every runtime runs (issue 3, "real runtimes").
//
// It imports nothing: the caller hands in the package's namespace (`kit`),
// imported the way that runtime's users import it, and compares the JSON
// object returned here with expected.json, which is the same for every
// runtime. Only fields promised by shared/API.md are kept, so the result
// does not change when the package adds extras.
//
// A step that throws where it should not is recorded as
// `{threw: {name, code, message}}`, so a broken runtime shows *which* step
// broke instead of aborting the whole smoke.

const WORKFLOW_ID = "550e8400-e29b-41d4-a716-446655440000";
const PIN = "CANARY-PIN-7291"; // a sensitive value: must never come back
const PROMPT = "Hi {name} 😀, item {order.items[1]}; type {$pin} then {{captured.total}} and \\{literal}.";

function variable(v) {
  return { kind: v.kind, root: v.root, path: v.path, raw: v.raw, start: v.start, end: v.end };
}
function issue(i) {
  return { code: i.code, severity: i.severity };
}
function verror(e) {
  return { loc: e.loc, msg: e.msg, type: e.type };
}
function request(r) {
  return {
    method: r.method,
    path: r.path,
    headers: r.headers,
    body: r.body,
    idempotency_key: r.idempotency_key,
    warnings: r.warnings.map(issue),
  };
}
function kitError(kit, e, detail) {
  const out = {
    isKitError: typeof kit.KitError === "function" && e instanceof kit.KitError,
    isError: e instanceof Error,
    name: e && e.name,
    code: e && e.code,
    hasMessage: typeof (e && e.message) === "string" && e.message.length > 0,
  };
  if (detail === "errors") out.errors = Array.isArray(e.errors) ? e.errors.map(verror) : e.errors;
  if (detail === "issues") out.issues = Array.isArray(e.issues) ? e.issues.map(issue) : e.issues;
  return out;
}
function step(fn) {
  try {
    return fn();
  } catch (e) {
    return { threw: { name: e && e.name, code: e && e.code, message: String(e && e.message) } };
  }
}
function expectThrow(kit, fn, detail) {
  try {
    const value = fn();
    return { threw: false, value: JSON.parse(JSON.stringify(value)) };
  } catch (e) {
    return kitError(kit, e, detail);
  }
}

/**
 * Runs every step against `kit` and returns a plain JSON-able object.
 * @param {Record<string, any>} kit the package's namespace
 */
export function smoke(kit) {
  const out = {};
  out.exports = ["parsePrompt", "resolvePrompt", "validate", "buildRunCreate", "preflightRun", "buildWorkflowUpdate", "KitError"]
    .filter((n) => typeof kit[n] !== "function");

  // parse: all three kinds, a path with an index, an escape, and an emoji
  // (two UTF-16 units, four UTF-8 bytes) before three of them: offsets must
  // be counted in UTF-16 units, as JavaScript strings are.
  out.parse = step(() => {
    const vars = kit.parsePrompt(PROMPT);
    return {
      variables: vars.map(variable),
      slicesMatch: vars.every((v) => PROMPT.slice(v.start, v.end) === v.raw),
    };
  });

  // resolve: input replaced, a missing path, sensitive/runtime kept, escape dropped.
  out.resolve = step(() => {
    const r = kit.resolvePrompt(PROMPT, { name: "Ada", order: { items: ["a"] } }, { pin: PIN });
    return { text: r.text, variables: r.variables.length, issues: r.issues.map(issue) };
  });

  // validate: one valid payload, one with three problems.
  out.validateValid = step(() =>
    kit.validate("WorkflowUpdate", { name: "Nightly export", main_prompt: "Export {day}.", is_webhooks_enabled: null }),
  );
  out.validateInvalid = step(() =>
    kit.validate("RunCreate", { workflow_id: "not-a-uuid", main_prompt: "", is_priority: "yes" }).map(verror),
  );

  // build a run: checked against the workflow; undefined means absent.
  const workflow = { main_prompt: "Look up {customer_id} and type {$pin}." };
  const run = {
    workflow_id: WORKFLOW_ID,
    input_values: { customer_id: "C-42" },
    sensitive_input_values: { pin: PIN },
    machine_id: undefined,
    session_alias: null,
  };
  out.buildRun = step(() =>
    request(kit.buildRunCreate(run, { workflow, idempotencyKey: "smoke-key-0001" })),
  );

  // preflight: the override drops an input the workflow had and asks to skip checks.
  out.preflight = step(() => {
    const p = kit.preflightRun(
      { workflow_id: WORKFLOW_ID, main_prompt: "Find {customer_id} and {invoice}; skip post-run checks.", input_values: { customer_id: "C-42" } },
      workflow,
    );
    return {
      prompt_source: p.prompt_source,
      resolved_prompt: p.resolved_prompt,
      variables: p.variables.map(variable),
      issues: p.issues.map(issue),
    };
  });

  // errors: a bad workflow id, a preflight error, a value with no JSON form.
  out.errorBadId = expectThrow(kit, () => kit.buildWorkflowUpdate("not-a-uuid", { name: "x" }), "errors");
  out.errorPreflight = expectThrow(kit, () =>
    kit.buildRunCreate(
      { workflow_id: WORKFLOW_ID, input_values: { customer: "C-42" } },
      { workflow: { main_prompt: "Look up {customer.id}." } },
    ),
    "issues",
  );
  out.errorNaN = expectThrow(kit, () => kit.validate("WorkflowUpdate", { name: NaN }));
  out.errorUnknownSchema = expectThrow(kit, () => kit.validate("NoSuchSchema", {}));

  // A failed call must not leave the module unusable.
  out.afterErrors = step(() => kit.parsePrompt("{a}").length);

  // The sensitive value never comes back in anything above (the run's body
  // is the one place it belongs: it is what the server is sent).
  out.leaked = JSON.stringify({ ...out, buildRun: null }).includes(PIN);
  return out;
}
