// The package's operations: check and convert the arguments (convert.js),
// call the wasm export, turn its JSON text or thrown error back into values
// or a KitError. No operation looks at the data it carries: that is the
// core's job.

import * as raw from "./wasm/cyberdesk_kit_wasm.js";
import * as c from "./convert.js";
import { hostError } from "./errors.js";
import { invoke } from "./call.js";
import { fastValid, pruned } from "./fast.js";
import { currentEpoch, ensureReady } from "./state.js";

export { KitError } from "./errors.js";

const U16 = 0xffff;
const U32 = 0xffffffff;

const parse = (text) => JSON.parse(text);

// The option names each operation takes: any other key is refused
// (`invalid_argument`, with the closest of these named by the core).
const SPEC_ONLY = ["spec"];
const UPDATE_OPTIONS = ["idempotencyKey", "spec"];
const RUN_CONTEXT = ["machineParameters", "machineSensitiveParameters", "poolParameters"];
const RUN_OPTIONS = ["workflow", "idempotencyKey", ...RUN_CONTEXT, "spec"];
const PREFLIGHT_OPTIONS = [...RUN_CONTEXT, "spec"];
const RESPONSE_OPTIONS = ["spec", "sensitiveInputValues"];
const INSTANCE_OPTIONS = ["draft"];
const RETRY_OPTIONS = ["method", "status", "headers", "networkError", "hasIdempotencyKey", "maxRetries", "now", "jitter"];
const POLL_OPTIONS = ["initialDelay", "maxDelay", "timeout"];

/**
 * An OpenAPI document loaded at run time. Give it as `{spec}` to validate
 * against it instead of the embedded document.
 */
export class Spec {
  #text;
  #handle;
  #epoch;

  /** @internal use `loadSpec(text)` */
  constructor(text, handle) {
    this.#text = text;
    this.#handle = handle;
    this.#epoch = currentEpoch();
  }

  /** @internal the wasm handle, recompiled if the instance was replaced. */
  handle() {
    ensureReady();
    if (this.#handle === undefined || this.#epoch !== currentEpoch()) {
      const text = this.#text;
      this.#handle = invoke(() => raw.WasmSpec.fromJson(text));
      this.#epoch = currentEpoch();
    }
    return this.#handle;
  }

  /** The component schema names, in document order. */
  schemaNames() {
    const h = this.handle();
    return parse(invoke(() => h.schemaNames()));
  }

  /** Frees the compiled document now (it is also freed when collected). */
  free() {
    if (this.#handle !== undefined && this.#epoch === currentEpoch()) this.#handle.free();
    this.#handle = undefined;
  }
}

/**
 * Compiles an OpenAPI document (JSON text) for `{spec}` options.
 * @param {string} text
 * @returns {Spec}
 */
export function loadSpec(text) {
  ensureReady();
  const t = c.str(text, "text");
  const handle = invoke(() => raw.WasmSpec.fromJson(t));
  return new Spec(t, handle);
}

/** The wasm object to call: the module's free functions, or a loaded spec. */
function target(opts) {
  const spec = opts.spec;
  if (spec === undefined || spec === null) return raw;
  if (!(spec instanceof Spec)) throw hostError("invalid_argument", "spec must be a Spec returned by loadSpec()");
  return spec.handle();
}

/** Every variable of a prompt, in order; offsets in UTF-16 units. */
export function parsePrompt(text) {
  ensureReady();
  const t = c.str(text, "text");
  return parse(invoke(() => raw.parsePrompt(t)));
}

// A prompt and its values cross into wasm as UTF-8 bytes: one native
// encode and one copy, where passing a string copies it character by
// character (measured: most of a 100 KB resolve). The strings are checked
// for lone surrogates first (convert.js), so the encoding loses nothing.
const utf8 = new TextEncoder();
const bytes = (s) => (s === undefined ? undefined : utf8.encode(s));

function resolveArgs(text, inputValues, sensitiveInputValues) {
  ensureReady();
  const t = bytes(c.str(text, "text"));
  const iv = bytes(c.optJson(inputValues, "inputValues"));
  const sv = bytes(c.optJson(sensitiveInputValues, "sensitiveInputValues"));
  return [t, iv, sv];
}

/**
 * Takes a wasm `ResolutionParts` apart: the text is a string of its own (not
 * inside JSON text), the variables and issues JSON text.
 */
function fromParts(parts, withVariables) {
  try {
    const text = parts.takeText();
    if (!withVariables) return { text, issues: parse(parts.takeIssues()) };
    return { text, variables: parse(parts.takeVariables()), issues: parse(parts.takeIssues()) };
  } finally {
    parts.free();
  }
}

/** Resolves a prompt the way Cyberdesk does. */
export function resolvePrompt(text, inputValues, sensitiveInputValues) {
  const [t, iv, sv] = resolveArgs(text, inputValues, sensitiveInputValues);
  return fromParts(invoke(() => raw.resolvePrompt(t, iv, sv)), true);
}

/** `resolvePrompt`'s text and issues, without the variable list (cheaper). */
export function resolvePromptText(text, inputValues, sensitiveInputValues) {
  const [t, iv, sv] = resolveArgs(text, inputValues, sensitiveInputValues);
  return fromParts(invoke(() => raw.resolvePromptText(t, iv, sv)), false);
}

/**
 * Validates a payload against a component schema; `[]` when valid. Against
 * the embedded document, a payload that fast.js finds certainly valid is
 * answered there; everything else (errors, refused values) comes from the
 * core, sent only the parts that may hold errors when fast.js can say so
 * exactly (`pruned`).
 */
export function validate(schemaName, payload, options) {
  ensureReady();
  const opts = c.options(options, "options", "validate", SPEC_ONLY);
  const name = c.str(schemaName, "schemaName");
  let checked = payload;
  if (opts.spec === undefined || opts.spec === null) {
    if (fastValid(name, payload)) return [];
    checked = pruned(name, payload) ?? payload;
  }
  const body = c.toJson(checked, "payload");
  const t = target(opts);
  return parse(invoke(() => t.validate(name, body)));
}

/**
 * Applies a user's JSON Schema (a parsed schema or its JSON text) to an
 * instance, draft by draft; `[]` when valid.
 */
export function validateInstance(schema, instance, options) {
  ensureReady();
  const opts = c.options(options, "options", "validateInstance", INSTANCE_OPTIONS);
  const s = c.toJson(schema, "schema");
  const i = c.toJson(instance, "instance");
  const draft = c.optStr(opts.draft, "options.draft");
  return parse(invoke(() => raw.validateInstance(s, i, draft)));
}

/** The PATCH /v1/workflows/{id} request for `update`. */
export function buildWorkflowUpdate(workflowId, update, options) {
  ensureReady();
  const opts = c.options(options, "options", "buildWorkflowUpdate", UPDATE_OPTIONS);
  const id = c.str(workflowId, "workflowId");
  const body = c.toJson(update, "update");
  const key = c.optStr(opts.idempotencyKey, "idempotencyKey");
  const t = target(opts);
  return parse(invoke(() => t.buildWorkflowUpdate(id, body, key)));
}

/** The GET /v1/workflows/{id} request; `options.include` lists related resources. */
export function buildGetWorkflow(workflowId, options) {
  ensureReady();
  const id = c.str(workflowId, "workflowId");
  const opts = c.options(options, "options", "buildGetWorkflow", ["include"]);
  const include = c.optJson(opts.include, "options.include");
  return parse(invoke(() => raw.buildGetWorkflow(id, include)));
}

/** The GET /v1/runs/{id} request; `options.include` lists related resources. */
export function buildGetRun(runId, options) {
  ensureReady();
  const id = c.str(runId, "runId");
  const opts = c.options(options, "options", "buildGetRun", ["include"]);
  const include = c.optJson(opts.include, "options.include");
  return parse(invoke(() => raw.buildGetRun(id, include)));
}

/** A number of seconds, left to the core to judge (`Infinity` is a timeout). */
function seconds(value, name) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number") throw hostError("invalid_argument", `${name} must be a number of seconds, not ${typeof value}`);
  return value;
}

/**
 * Seconds to sleep after poll `attempt` of a run, `elapsedSeconds` into the
 * wait; throws `KitError` `wait_timeout` once the deadline is reached.
 */
export function pollDelay(attempt, elapsedSeconds, options) {
  ensureReady();
  const a = c.int(attempt, "attempt", 0, U32);
  const o = c.options(options, "options", "pollDelay", POLL_OPTIONS);
  const e = seconds(elapsedSeconds, "elapsedSeconds") ?? NaN;
  const init = seconds(o.initialDelay, "initialDelay");
  const max = seconds(o.maxDelay, "maxDelay");
  const timeout = seconds(o.timeout, "timeout");
  return invoke(() => raw.pollDelay(a, e, init, max, timeout));
}

/** Whether a run in `status` is finished (`success`, `task_failed`, `error`, `cancelled`). */
export function isTerminalRunStatus(status) {
  ensureReady();
  const s = c.str(status, "status");
  return invoke(() => raw.isTerminalRunStatus(s));
}

/** The smallest update turning `current` into `desired`. */
export function diffWorkflowUpdate(current, desired) {
  ensureReady();
  const a = c.toJson(current, "current");
  const b = c.toJson(desired, "desired");
  return parse(invoke(() => raw.diffWorkflowUpdate(a, b)));
}

/** `current` with `update` applied, as the server would. */
export function applyWorkflowUpdate(current, update) {
  ensureReady();
  const a = c.toJson(current, "current");
  const b = c.toJson(update, "update");
  return parse(invoke(() => raw.applyWorkflowUpdate(a, b)));
}

function runContext(opts) {
  return [
    c.optJson(opts.machineParameters, "machineParameters"),
    c.optJson(opts.machineSensitiveParameters, "machineSensitiveParameters"),
    c.optJson(opts.poolParameters, "poolParameters"),
  ];
}

/** The POST /v1/runs request for `run` (preflighted when `workflow` is given). */
export function buildRunCreate(run, options) {
  ensureReady();
  const opts = c.options(options, "options", "buildRunCreate", RUN_OPTIONS);
  const body = c.toJson(run, "run");
  const workflow = c.optJson(opts.workflow, "workflow");
  const key = c.optStr(opts.idempotencyKey, "idempotencyKey");
  const [mp, msp, pp] = runContext(opts);
  const t = target(opts);
  return parse(invoke(() => t.buildRunCreate(body, workflow, key, mp, msp, pp)));
}

/** What a run will do, before it is sent. */
export function preflightRun(run, workflow, options) {
  ensureReady();
  const opts = c.options(options, "options", "preflightRun", PREFLIGHT_OPTIONS);
  const body = c.toJson(run, "run");
  const wf = c.toJson(workflow, "workflow");
  const [mp, msp, pp] = runContext(opts);
  const t = target(opts);
  return parse(invoke(() => t.preflightRun(body, wf, mp, msp, pp)));
}

/** Decodes a response; throws `KitError` (`api_error`) for a non-2xx. */
export function parseResponse(operation, status, headers, body, options) {
  ensureReady();
  const opts = c.options(options, "options", "parseResponse", RESPONSE_OPTIONS);
  const op = c.str(operation, "operation");
  const st = c.int(status, "status", 0, U16);
  const hs = c.headers(headers, "headers");
  const text = c.str(body, "body");
  const sensitive = c.optJson(opts.sensitiveInputValues, "sensitiveInputValues");
  const t = target(opts);
  return parse(invoke(() => t.parseResponse(op, st, hs, text, sensitive)));
}

/** Seconds to wait before retry `attempt + 1`, or `null` for "do not retry". */
export function retryDelay(attempt, options) {
  ensureReady();
  const a = c.int(attempt, "attempt", 0, U32);
  const o = c.options(options, "options", "retryDelay", RETRY_OPTIONS);
  const method = c.str(o.method, "method");
  const status = c.optInt(o.status, "status", 0, U16);
  const hs = c.headers(o.headers, "headers");
  const net = c.bool(o.networkError, "networkError");
  const key = c.bool(o.hasIdempotencyKey, "hasIdempotencyKey");
  const max = c.optInt(o.maxRetries, "maxRetries", 0, U32);
  const now = c.optNum(o.now, "now");
  const jitter = c.optNum(o.jitter, "jitter");
  const d = invoke(() => raw.retryDelay(a, method, status, hs, net, key, max, now, jitter));
  return d === undefined || d === null ? null : d;
}

/** A fresh idempotency key (UUID v4). */
export function newIdempotencyKey() {
  ensureReady();
  return invoke(() => raw.newIdempotencyKey());
}

/** Every `KitError` code, in the core's table order. */
export function errorCodes() {
  ensureReady();
  return parse(invoke(() => raw.errorCodes()));
}

/** Every `Issue` code, in the core's table order. */
export function issueCodes() {
  ensureReady();
  return parse(invoke(() => raw.issueCodes()));
}

// ------------------------------------------------ prompt versions (issue 10)
// One wasm export for all of them (`promptHistory(operation, args)`): each
// argument crosses as JSON text, `""` when left out.

const BATCH_OPTIONS = ["workflow", ...RUN_CONTEXT];
const PINNED_OPTIONS = ["workflow", "idempotencyKey", ...RUN_CONTEXT];

function history(operation, ...args) {
  ensureReady();
  const a = args.map((v) => v ?? "");
  return parse(invoke(() => raw.promptHistory(operation, a)));
}

const text = (value, name) => c.toJson(c.str(value, name), name);
const optText = (value, name) => {
  const s = c.optStr(value, name);
  return s === undefined ? undefined : c.toJson(s, name);
};

/** `"sha256:"` + the lowercase hex SHA-256 of the text's UTF-8 bytes. */
export function promptContentId(t) {
  return history("prompt_content_id", text(t, "text"));
}

/** A new, empty prompt history `{version: 1, versions: [], labels: {}}`. */
export function createPromptHistory() {
  return history("create_prompt_history");
}

/** Reads a stored prompt history document (JSON text), checked. */
export function parsePromptHistory(t) {
  return history("parse_prompt_history", text(t, "text"));
}

/** The canonical compact JSON text of a prompt history. */
export function serializePromptHistory(h) {
  return history("serialize_prompt_history", c.toJson(h, "history"));
}

/** The history with `t` added as its new latest version. */
export function addPromptVersion(h, t, options) {
  const o = c.options(options, "options", "addPromptVersion", ["note", "createdAt"]);
  return history("add_prompt_version", c.toJson(h, "history"), text(t, "text"), optText(o.note, "note"), optText(o.createdAt, "createdAt"));
}

/** The history with `label` pointing at the version `to` selects (removed when `to` is `null`). */
export function movePromptLabel(h, label, to) {
  // Required, as in Python: forgetting it must not remove the label.
  if (to === undefined) throw hostError("invalid_argument", "to must be a pin, or null to remove the label");
  return history("move_prompt_label", c.toJson(h, "history"), text(label, "label"), to === null ? undefined : c.toJson(to, "to"));
}

/** The version a pin selects, with the labels pointing at it. */
export function selectPromptVersion(h, pin) {
  return history("select_prompt_version", c.toJson(h, "history"), c.toJson(pin, "pin"));
}

/** What changes from one prompt text to another, the line diff included. */
export function comparePrompts(oldText, newText) {
  return history("compare_prompts", text(oldText, "old"), text(newText, "new"));
}

/** `comparePrompts` on the two versions the pins select. */
export function comparePromptVersions(h, oldPin, newPin) {
  return history("compare_prompt_versions", c.toJson(h, "history"), c.toJson(oldPin, "old"), c.toJson(newPin, "new"));
}

/** The preflight rules that need no run, for a prompt text against a workflow. */
export function checkPromptText(t, workflow) {
  return history("check_prompt_text", text(t, "text"), c.toJson(workflow, "workflow"));
}

/** `checkPromptText` for the version a pin selects. */
export function checkPromptVersion(h, pin, workflow) {
  return history("check_prompt_version", c.toJson(h, "history"), c.toJson(pin, "pin"), c.toJson(workflow, "workflow"));
}

function runArgs(opts) {
  return [c.optJson(opts.workflow, "workflow"), optText(opts.idempotencyKey, "idempotencyKey"), ...runContext(opts)];
}

/** The POST /v1/runs request running the version a pin selects. */
export function buildPinnedRun(h, pin, run, options) {
  const o = c.options(options, "options", "buildPinnedRun", PINNED_OPTIONS);
  return history("build_pinned_run", c.toJson(h, "history"), c.toJson(pin, "pin"), c.toJson(run, "run"), ...runArgs(o));
}

/** One request per item of a batch, idempotency keys derived from `batchKey`. */
export function buildRunBatch(h, batchKey, items, options) {
  const o = c.options(options, "options", "buildRunBatch", BATCH_OPTIONS);
  return history("build_run_batch", c.toJson(h, "history"), text(batchKey, "batchKey"), c.toJson(items, "items"), ...runArgs(o));
}

/** The Idempotency-Key (an RFC 9562 UUID v8) of one item of a batch. */
export function batchIdempotencyKey(batchKey, itemKey) {
  return history("batch_idempotency_key", text(batchKey, "batchKey"), text(itemKey, "itemKey"));
}

/** `{main_prompt: text}` making the stored prompt the version, or `{}` when it already is. */
export function diffPromptMirror(workflow, h, pin) {
  return history("diff_prompt_mirror", c.toJson(workflow, "workflow"), c.toJson(h, "history"), c.toJson(pin, "pin"));
}

/** Whether a workflow's stored prompt is a version of the history, and which. */
export function checkPromptDrift(workflow, h) {
  return history("check_prompt_drift", c.toJson(workflow, "workflow"), c.toJson(h, "history"));
}
