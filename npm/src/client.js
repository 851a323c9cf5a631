// The fetch client: builds with the core, sends with the runtime's (or the
// given) fetch, retries as `retryDelay` says, decodes with `parseResponse`.
// The API key stays here: it never enters the core.

import {
  buildGetRun,
  buildGetWorkflow,
  buildRunCreate,
  buildWorkflowUpdate,
  isTerminalRunStatus,
  parseResponse,
  pollDelay,
  retryDelay,
} from "./api.js";
import { KitError } from "./errors.js";
import * as c from "./convert.js";

const DEFAULT_BASE_URL = "https://api.cyberdesk.io";
const CLIENT_OPTIONS = ["apiKey", "baseUrl", "fetch", "maxRetries", "timeout"];
const WAIT_OPTIONS = ["initialDelay", "maxDelay", "timeout", "include", "onPoll"];

/** Seconds on a monotonic clock, where the runtime has one. */
function clock() {
  return (typeof performance !== "undefined" && typeof performance.now === "function" ? performance.now() : Date.now()) / 1000;
}

function argError(message) {
  return new KitError("invalid_argument", `invalid argument: ${message}`);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function timeoutSignal(ms) {
  if (typeof AbortSignal !== "undefined" && typeof AbortSignal.timeout === "function") return AbortSignal.timeout(ms);
  if (typeof AbortController === "undefined") return undefined;
  const ctl = new AbortController();
  const t = setTimeout(() => ctl.abort(), ms);
  if (typeof t === "object" && t && typeof t.unref === "function") t.unref();
  return ctl.signal;
}

/**
 * A small Cyberdesk API client.
 *
 * `new CyberdeskKit({ apiKey, baseUrl, fetch, maxRetries, timeout })`
 */
export class CyberdeskKit {
  #apiKey;
  #baseUrl;
  #fetch;
  #maxRetries;
  #timeout;

  constructor(options) {
    const o = options ?? {};
    if (typeof o !== "object") throw argError("options must be an object");
    c.options(o, "options", "CyberdeskKit", CLIENT_OPTIONS);
    const { apiKey, baseUrl = DEFAULT_BASE_URL, fetch, maxRetries = 2, timeout = 30 } = o;
    if (typeof apiKey !== "string" || apiKey.length === 0 || /[\r\n]/.test(apiKey)) {
      throw argError("apiKey must be a non-empty string without line breaks");
    }
    if (typeof baseUrl !== "string" || !/^https?:\/\//i.test(baseUrl)) {
      throw argError("baseUrl must be an http(s) URL");
    }
    if (fetch !== undefined && typeof fetch !== "function") throw argError("fetch must be a function");
    if (!Number.isInteger(maxRetries) || maxRetries < 0) throw argError("maxRetries must be a non-negative integer");
    if (timeout !== null && !(typeof timeout === "number" && timeout > 0)) {
      throw argError("timeout must be a positive number of seconds, or null for none");
    }
    this.#apiKey = apiKey;
    this.#baseUrl = baseUrl.replace(/\/+$/, "");
    this.#fetch = fetch;
    this.#maxRetries = maxRetries;
    this.#timeout = timeout;
  }

  /** PATCH /v1/workflows/{workflowId}: the updated WorkflowResponse. */
  async updateWorkflow(workflowId, update, options) {
    const req = buildWorkflowUpdate(workflowId, update, options);
    return this.send(req, "update_workflow");
  }

  /** POST /v1/runs: the created RunResponse. */
  async createRun(run, options) {
    const req = buildRunCreate(run, options);
    // A server that echoes a sensitive value in its error text gets it
    // masked in the KitError: the core masks what the run sent.
    return this.send(req, "create_run", { sensitiveInputValues: run?.sensitive_input_values });
  }

  /** GET /v1/workflows/{workflowId}: the WorkflowResponse (`options.include`: related resources). */
  async getWorkflow(workflowId, options) {
    return this.send(buildGetWorkflow(workflowId, options), "get_workflow");
  }

  /** GET /v1/runs/{runId}: the RunResponseWithIncludes (`options.include`: related resources). */
  async getRun(runId, options) {
    return this.send(buildGetRun(runId, options), "get_run");
  }

  /**
   * Polls GET /v1/runs/{runId} until the run's status is terminal
   * (`success`, `task_failed`, `error`, `cancelled`) and returns that run.
   * Delays come from `pollDelay` (seconds: `initialDelay` 1, doubling up to
   * `maxDelay` 10, `timeout` 1800 from the start, `Infinity` for none);
   * `onPoll(run)` sees every run read. Past the deadline it throws
   * `KitError` `wait_timeout`, with the last run read as `err.run`.
   */
  async waitForRun(runId, options) {
    const o = c.options(options, "options", "waitForRun", WAIT_OPTIONS);
    const { include, onPoll, ...policy } = o;
    if (onPoll !== undefined && typeof onPoll !== "function") throw argError("onPoll must be a function");
    const start = clock();
    const get = buildGetRun(runId, include === undefined ? undefined : { include });
    try {
      pollDelay(0, 0, policy); // a bad policy is refused before the first request
    } catch (e) {
      if (!(e instanceof KitError && e.code === "wait_timeout")) throw e;
    }
    for (let attempt = 0; ; attempt++) {
      const run = await this.send(get, "get_run");
      if (onPoll !== undefined) onPoll(run);
      if (isTerminalRunStatus(run.status)) return run;
      let delay;
      try {
        delay = pollDelay(attempt, clock() - start, policy);
      } catch (e) {
        if (e instanceof KitError && e.code === "wait_timeout") e.run = run;
        throw e;
      }
      await sleep(delay * 1000);
    }
  }

  /**
   * Sends a `Request` (as the builders return it) and decodes the response
   * of `operation`. Retries only what `retryDelay` allows: a write whose
   * headers carry no `Idempotency-Key` is sent once.
   */
  async send(request, operation, decode) {
    const fetchFn = this.#fetch ?? globalThis.fetch;
    if (typeof fetchFn !== "function") throw argError("no fetch: pass one as `new CyberdeskKit({ fetch })`");
    const headers = { ...request.headers, Authorization: `Bearer ${this.#apiKey}` };
    const hasKey = Object.keys(request.headers).some((k) => k.toLowerCase() === "idempotency-key");
    const url = this.#baseUrl + request.path;
    const method = request.method;
    for (let attempt = 0; ; attempt++) {
      const init = { method, headers };
      if (method !== "GET" && method !== "HEAD") init.body = request.body;
      if (this.#timeout !== null) {
        const signal = timeoutSignal(this.#timeout * 1000);
        if (signal) init.signal = signal;
      }
      let status;
      let resHeaders = [];
      let text = "";
      let failure;
      try {
        const res = await fetchFn(url, init);
        status = res.status;
        resHeaders = [...res.headers];
        text = await res.text();
      } catch (e) {
        failure = e;
      }
      if (failure === undefined && status >= 200 && status < 300) {
        return parseResponse(operation, status, resHeaders, text, decode);
      }
      const delay = retryDelay(attempt, {
        method,
        status: failure === undefined ? status : undefined,
        headers: resHeaders,
        networkError: failure !== undefined,
        hasIdempotencyKey: hasKey,
        maxRetries: this.#maxRetries,
        now: Date.now() / 1000,
      });
      if (delay === null) {
        if (failure !== undefined) throw failure;
        return parseResponse(operation, status, resHeaders, text, decode);
      }
      await sleep(delay * 1000);
    }
  }
}
