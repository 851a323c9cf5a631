// Type declarations of the `cyberdesk-kit` npm package (every entry: node,
// deno, workerd, browser). Hand-written, except the payload types between
// the GENERATED markers, which scripts/gen-types.mjs writes from the
// OpenAPI document. Payload keys are the wire names (snake_case).

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object. `undefined` properties are treated as absent. */
export type JsonObject = { [key: string]: JsonValue | undefined };
/**
 * A JSON object you give the package: any object type, `interface` types
 * included (TypeScript gives an interface no index signature, so
 * {@link JsonObject} would refuse your `interface Inputs { ... }` or the
 * package's own {@link WorkflowResponse}). Its contents are checked when
 * the call runs: what JSON can't hold raises `KitError` `unsupported_value`.
 */
export type JsonObjectInput = object;

// ---------------------------------------------------------------- codes --

/**
 * The stable code of a {@link KitError}. Never renamed, never reused.
 *
 * - `validation_error`: a payload (or the workflow id / idempotency key) breaks the schema; `errors` lists each problem.
 * - `preflight_error`: `buildRunCreate` with a workflow found an error-severity issue (see `issues`).
 * - `api_error`: the API answered non-2xx; `status` is set and a 422's `detail` is decoded into `errors`.
 * - `invalid_response`: a 2xx body is not JSON or not the documented shape.
 * - `invalid_json`: text given as JSON does not parse.
 * - `invalid_argument`: an argument has the wrong type or an impossible value.
 * - `unknown_schema`: `validate` was asked for a schema the OpenAPI document does not define.
 * - `unknown_operation`: `parseResponse` got an operation it does not know.
 * - `invalid_spec`: an OpenAPI document given to `loadSpec` can't be used.
 * - `invalid_schema`: a JSON Schema given to `validateInstance` is not one (not JSON, against its draft's metaschema, a pattern that is not a regular expression, a `$ref` cycle).
 * - `too_deep`: a value is nested deeper than 128 levels.
 * - `too_large`: a value is larger than the limit (a prompt over 16 MiB, JSON text over 64 MiB).
 * - `unsupported_value`: a value has no JSON form (NaN, Infinity, BigInt, Map, Set, Date, a class instance, a function, a symbol, an array hole).
 * - `cyclic_value`: a value contains itself.
 * - `invalid_string`: a string is not valid Unicode (a lone surrogate).
 * - `invalid_history`: a prompt history document is broken (wrong `version`, numbers that repeat or skip, an id that is not its text's hash, a label pointing nowhere, not JSON).
 * - `version_not_found`: no version of a prompt history matches the pin.
 * - `duplicate_version`: the text being added already is a version of the history.
 * - `internal_error`: a bug in cyberdesk-kit (the WebAssembly module trapped and was restarted). Please report it.
 * - `wait_timeout`: {@link pollDelay} (and `CyberdeskKit.waitForRun`) reached the wait's deadline before the run finished.
 */
export type ErrorCode =
  | "validation_error"
  | "preflight_error"
  | "api_error"
  | "invalid_response"
  | "invalid_json"
  | "invalid_argument"
  | "unknown_schema"
  | "unknown_operation"
  | "invalid_spec"
  | "invalid_schema"
  | "too_deep"
  | "too_large"
  | "unsupported_value"
  | "cyclic_value"
  | "invalid_string"
  | "invalid_history"
  | "version_not_found"
  | "duplicate_version"
  | "internal_error"
  | "wait_timeout";

/**
 * The stable code of an {@link Issue}; each code always has the same severity.
 *
 * - `unknown_field` (warning): a payload field the schema doesn't define; the server would drop it.
 * - `missing_input` (warning): an input variable has no value: it renders as `__EMPTY__`.
 * - `missing_sensitive_input` (warning): a sensitive variable has no value.
 * - `path_type_error` (error): a variable path reaches into a value that is not an object or array.
 * - `deferred_ref` (info): an input value is a `{"$ref": ...}` the server resolves.
 * - `unused_input` (info): an input value no variable uses.
 * - `unused_sensitive_input` (info): a sensitive input value no `{$...}` variable uses.
 * - `malformed_variable` (warning): text that looks like a variable but is not one.
 * - `input_schema_violation` (error): the merged inputs break the workflow's `input_schema`.
 * - `invalid_input_schema` (error): the workflow's `input_schema` is not a valid JSON Schema document.
 * - `deferred_required_input` (info): a required input may still come from the machine.
 * - `skip_checks_not_authorized` (warning): an override mentions skipping post-run checks; only the stored prompt can.
 * - `invalid_run_field` (error): the run payload breaks the RunCreate schema.
 * - `pool_ids_ignored` (warning): `pool_ids` is ignored because `machine_id` is set.
 * - `session_overrides_machine` (warning): `session_id` is set, so `machine_id` and `pool_ids` are ignored.
 * - `override_matches_stored` (info): the `main_prompt` override equals the stored prompt.
 * - `post_run_check_incomplete` (warning): a post-run check lacks what its type needs.
 * - `duplicate_post_run_check` (warning): two post-run checks share a name.
 * - `empty_update` (info): the workflow update has no fields.
 * - `schema_keywords_unchecked` (warning): retired, never emitted now (every keyword of draft 4 to 2020-12 is checked).
 * - `input_format_mismatch` (warning): an input does not meet a `format` of the `input_schema`; `format` is an annotation, the server does not refuse it.
 * - `pattern_undecided` (warning): a `pattern` needed more backtracking than the kit allows; that value was not checked against it.
 * - `schema_ref_unresolved` (warning): the `input_schema` has a `$ref` the kit can't follow (another document: nothing is fetched; or a location missing from it).
 * - `undeclared_variable` (warning): a prompt version uses a variable the workflow's `input_schema` does not declare.
 * - `required_input_unused` (warning): the `input_schema` requires a key no variable of the prompt version uses.
 * - `regex_not_portable` (warning): a `file_name_regex` does not compile here.
 */
export type IssueCode =
  | "unknown_field"
  | "missing_input"
  | "missing_sensitive_input"
  | "path_type_error"
  | "deferred_ref"
  | "unused_input"
  | "unused_sensitive_input"
  | "malformed_variable"
  | "input_schema_violation"
  | "invalid_input_schema"
  | "deferred_required_input"
  | "skip_checks_not_authorized"
  | "invalid_run_field"
  | "pool_ids_ignored"
  | "session_overrides_machine"
  | "override_matches_stored"
  | "post_run_check_incomplete"
  | "duplicate_post_run_check"
  | "empty_update"
  | "schema_keywords_unchecked"
  | "input_format_mismatch"
  | "pattern_undecided"
  | "schema_ref_unresolved"
  | "undeclared_variable"
  | "required_input_unused"
  | "regex_not_portable";

/** How bad an {@link Issue} is. */
export type Severity = "error" | "warning" | "info";

// --------------------------------------------------------------- shapes --

/** One segment of a location: a field name or a list index. */
export type LocItem = string | number;

/**
 * One problem in a payload, in the shape of an item of the server's 422
 * `detail` list (FastAPI / pydantic v2). Never carries the offending value.
 */
export interface ValidationError {
  /** Where: `["body", "post_run_checks", 0, "name"]`; starts with `"body"`, `"path"`, `"header"` (or `"response"`). */
  loc: LocItem[];
  /** A readable message, worded as pydantic words it. */
  msg: string;
  /** The pydantic error type: `missing`, `string_too_long`, `uuid_parsing`, `enum`, ... */
  type: string;
  /** Limits and expectations behind the message, e.g. `{max_length: 255}`. */
  ctx?: { [key: string]: JsonValue };
}

/** A finding that does not stop an operation by itself. Messages never contain input values. */
export interface Issue {
  /** Stable code. */
  code: IssueCode;
  /** How bad it is. */
  severity: Severity;
  /** Readable explanation. */
  message: string;
  /** The variable it is about, as written in the prompt (`{$pin}`). */
  variable?: string;
  /** The payload location it is about (`["body", "main_promt"]`). */
  loc?: LocItem[];
}

/** Which kind of prompt variable: `{name}`, `{$name}` or `{{name}}`. */
export type VariableKind = "input" | "sensitive" | "runtime";

/** A variable found in a prompt. `text.slice(start, end) === raw`. */
export interface Variable {
  /** `input` (`{name}`), `sensitive` (`{$name}`) or `runtime` (`{{name}}`). */
  kind: VariableKind;
  /** The first name, without sigil: `{$pin}` has root `"pin"`. */
  root: string;
  /** The segments after the root: keys and list indices. */
  path: Array<string | number>;
  /** The variable exactly as written, braces included. */
  raw: string;
  /** Where it starts, in UTF-16 code units (JavaScript string indices). */
  start: number;
  /** Where it ends (exclusive), in UTF-16 code units. */
  end: number;
}

/** The outcome of {@link resolvePrompt}. */
export interface Resolution {
  /** The prompt with input variables replaced, sensitive and runtime variables kept verbatim, escapes removed. */
  text: string;
  /** Every variable, in order. */
  variables: Variable[];
  /** What would go wrong (`severity: "error"`) or is worth knowing. */
  issues: Issue[];
}

/**
 * The outcome of {@link resolvePromptText}: {@link Resolution} without the
 * variable list. `text` and `issues` equal those `resolvePrompt` returns.
 */
export interface ResolvedText {
  /** The prompt with input variables replaced, sensitive and runtime variables kept verbatim, escapes removed. */
  text: string;
  /** What would go wrong (`severity: "error"`) or is worth knowing. */
  issues: Issue[];
}

/** The outcome of {@link preflightRun}. */
export interface Preflight {
  /** Whether the run's `main_prompt` override or the workflow's stored prompt is used. */
  prompt_source: "override" | "workflow";
  /** The effective prompt with input variables resolved. */
  resolved_prompt: string;
  /** The variables of the effective prompt. */
  variables: Variable[];
  /** Everything found, most structural first. */
  issues: Issue[];
}

/** An HTTP method of a {@link Request}. */
export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** A request for the host to send. The API key is not in it: add `Authorization: Bearer ...` (the client does). */
export interface Request {
  /** The HTTP method. */
  method: Method;
  /** The path, to append to the base URL (`/v1/runs`). */
  path: string;
  /** Headers: `Content-Type`, `Accept` and, for writes, `Idempotency-Key`. */
  headers: { [name: string]: string };
  /** Compact JSON; top-level keys in the schema's order, so the same payload gives the same bytes in every language. */
  body: string;
  /** The `Idempotency-Key` (reuse it on every retry), or `null`. */
  idempotency_key: string | null;
  /** Findings that don't stop the request (unknown fields, ...). */
  warnings: Issue[];
}

/** The operations whose responses {@link parseResponse} reads. */
export type Operation = "update_workflow" | "get_workflow" | "create_run" | "get_run";

/** Headers as a plain object, a list of `[name, value]` pairs, or a `Headers`-like object. */
export type HeadersInput =
  | { [name: string]: string | undefined }
  | ReadonlyArray<readonly [string, string]>
  | { forEach(callback: (value: string, name: string) => void): void };

/** A workflow as {@link buildRunCreate} and {@link preflightRun} need it: at least `main_prompt` (a `WorkflowResponse` will do). */
export type WorkflowLike = Partial<WorkflowResponse> & {
  /** The stored prompt. */
  main_prompt: string;
  /** The stored `input_schema` (JSON Schema as a string), if any. */
  input_schema?: string | null | undefined;
};

// -------------------------------------------------------------- errors --

/**
 * What every operation throws. Choose by `code`, never by `message`.
 * Messages never contain a sensitive input value.
 */
export declare class KitError extends Error {
  constructor(code: ErrorCode, message: string, details?: { errors?: ValidationError[]; issues?: Issue[]; status?: number; cause?: unknown });
  readonly name: "KitError";
  /** Stable code. */
  code: ErrorCode;
  /** The validation problems (`validation_error`, `api_error` for a 422, `invalid_response`); `[]` otherwise. */
  errors: ValidationError[];
  /** The issues of a `preflight_error`; `[]` otherwise. */
  issues: Issue[];
  /** The HTTP status of an `api_error`; `undefined` otherwise. */
  status: number | undefined;
  /** For a `wait_timeout` from `CyberdeskKit.waitForRun`: the last run read. */
  run?: RunResponseWithIncludes;
  /** The plain form `{code, message, errors, issues, status?}`. */
  toJSON(): { code: ErrorCode; message: string; errors: ValidationError[]; issues: Issue[]; status?: number };
}

// ---------------------------------------------------------- operations --

/**
 * Loads the WebAssembly module. Needed once, before any other call, with the
 * `browser`/`default` entry (browsers, bundlers, edge runtimes); a no-op in
 * Node, Bun, Deno and workerd, where the package is ready on import.
 * With no argument the `.wasm` next to the module is fetched; or pass its
 * URL, a `Response`, its bytes or a compiled `WebAssembly.Module`.
 */
export declare function init(input?: unknown): Promise<void>;

/** An OpenAPI document loaded at run time with {@link loadSpec}. */
export declare class Spec {
  private constructor();
  /** The component schema names, in document order. */
  schemaNames(): string[];
  /** Frees the compiled document now (it is freed when collected anyway). */
  free(): void;
}

/** Options of the operations that validate against an OpenAPI document. */
export interface SpecOption {
  /** Validate against this document instead of the embedded one. */
  spec?: Spec | null | undefined;
}

/**
 * Compiles an OpenAPI 3.1 document (JSON text) for the `{spec}` option.
 * @throws {KitError} `invalid_spec`
 */
export declare function loadSpec(text: string): Spec;

/**
 * Every variable in a prompt, in order, with UTF-16 offsets.
 * @throws {KitError} `invalid_argument`, `invalid_string`, `too_large`
 */
export declare function parsePrompt(text: string): Variable[];

/**
 * Resolves a prompt the way Cyberdesk does: input variables replaced (a
 * missing path renders `__EMPTY__`), sensitive and runtime variables kept
 * verbatim, escapes removed. Problems in the prompt come back as `issues`,
 * never thrown.
 * @throws {KitError} for arguments that can't be used (`invalid_argument`, `unsupported_value`, ...)
 */
export declare function resolvePrompt(text: string, inputValues?: JsonObjectInput | null, sensitiveInputValues?: JsonObjectInput | null): Resolution;

/**
 * The `text` and `issues` of {@link resolvePrompt} for the same arguments,
 * without the variable list: for callers that send the resolved prompt and
 * check the issues. Cheaper, since no object is built per variable.
 * Sensitive variables stay as written (`{$pin}`); no message quotes a value.
 * @throws {KitError} as `resolvePrompt` (`invalid_argument`, `unsupported_value`, `too_deep`, `too_large`, ...)
 */
export declare function resolvePromptText(text: string, inputValues?: JsonObjectInput | null, sensitiveInputValues?: JsonObjectInput | null): ResolvedText;

/**
 * Checks `payload` against the named component schema; `[]` when valid.
 * Unknown fields are not errors here (the builders warn about them).
 * Every error comes from the core; against the embedded document, a payload
 * the package finds certainly valid in JavaScript returns `[]` without
 * calling it (the README's "How validate decides").
 * @throws {KitError} `unknown_schema`, and the value-conversion codes
 */
export declare function validate(schemaName: SchemaName | (string & {}), payload: unknown, options?: SpecOption): ValidationError[];

/** A JSON Schema draft, as {@link validateInstance} names it. */
export type Draft = "draft4" | "draft6" | "draft7" | "draft2019-09" | "draft2020-12";

/** Options of {@link validateInstance}. */
export interface InstanceOptions {
  /** The draft to apply; by default the one `$schema` names, else 2020-12. */
  draft?: Draft | null | undefined;
}

/**
 * Applies a user's JSON Schema (a workflow's `input_schema`, a form's
 * schema) to `instance`, following the JSON Schema standard draft by
 * draft (4, 6, 7, 2019-09, 2020-12). `schema` is a schema (object or
 * boolean) or its JSON text, as Cyberdesk stores `input_schema`.
 * `loc` of each error is the path inside the instance; `[]` when valid.
 * `format` is an annotation (never an error); patterns are ECMA-262.
 * @throws {KitError} `invalid_schema` when the schema is not one;
 *   `invalid_argument` for an unknown draft name; the value-conversion codes
 */
export declare function validateInstance(schema: unknown, instance: unknown, options?: InstanceOptions): ValidationError[];

/** Options of {@link buildWorkflowUpdate}. */
export interface UpdateOptions extends SpecOption {
  /** The `Idempotency-Key`; a fresh UUID v4 when not given. */
  idempotencyKey?: string | null | undefined;
}

/**
 * The `PATCH /v1/workflows/{workflowId}` request for `update`. Absent (or
 * `undefined`) keys stay unchanged on the server; `null` clears.
 * @throws {KitError} `validation_error` listing every problem, the workflow id included
 */
export declare function buildWorkflowUpdate(workflowId: string, update: WorkflowUpdate, options?: UpdateOptions): Request;

/** Options of `buildGetWorkflow` and `CyberdeskKit.getWorkflow`. */
export interface GetWorkflowOptions {
  /**
   * The `include` query parameter: related resources the response should
   * carry in its `included` list (`["tags", "post_run_checks"]`, joined with
   * commas), or one comma-separated string sent as is (the official SDK's
   * form). `[]` sends `include=` (none); absent or `null` leaves the
   * parameter out, and the server then includes tags and post-run checks.
   */
  include?: string[] | string | null | undefined;
}

/**
 * The `GET /v1/workflows/{workflow_id}` request (no body, no idempotency key).
 * The id may be in any form the server's UUID parser takes (hyphenated,
 * 32 hex digits, braced, `urn:uuid:`); it is percent-encoded into the path.
 * @throws {KitError} `validation_error` when `workflowId` is not a UUID (`loc: ["path", "workflow_id"]`);
 *   `invalid_argument` when `include` is not a list of non-empty names without commas, or a string.
 */
export declare function buildGetWorkflow(workflowId: string, options?: GetWorkflowOptions): Request;

/** Options of `buildGetRun` and `CyberdeskKit.getRun`. */
export interface GetRunOptions {
  /**
   * The `include` query parameter: related resources for the response's
   * `included` list (`["workflow", "machine", "machine.pools"]`), or one
   * comma-separated string sent as is; absent or `null` leaves it out.
   */
  include?: string[] | string | null | undefined;
}

/**
 * The `GET /v1/runs/{run_id}` request (no body, no idempotency key); decode
 * the answer with `parseResponse("get_run", ...)`.
 * @throws {KitError} `validation_error` when `runId` is not a UUID (`loc: ["path", "run_id"]`);
 *   `invalid_argument` for a bad `include`.
 */
export declare function buildGetRun(runId: string, options?: GetRunOptions): Request;

/** The poll policy of {@link pollDelay} and `CyberdeskKit.waitForRun`; all in seconds. */
export interface PollOptions {
  /** The delay after the first poll; it doubles after each poll. Default 1. */
  initialDelay?: number | null | undefined;
  /** The cap on a delay. Default 10. */
  maxDelay?: number | null | undefined;
  /** The deadline, counted from the start of the wait. Default 1800 (30 minutes); `Infinity` for none. */
  timeout?: number | null | undefined;
}

/**
 * Seconds to sleep after poll number `attempt` (0 after the first) of a run,
 * `elapsedSeconds` after the wait began (the host keeps the clock):
 * `initialDelay * 2^attempt` capped at `maxDelay`, cut so that the last poll
 * falls on the deadline. Never sleeps.
 * @throws {KitError} `wait_timeout` once `elapsedSeconds` reaches `timeout`;
 *   `invalid_argument` for a negative or non-finite `elapsedSeconds`, a delay not above 0,
 *   `maxDelay` below `initialDelay`, a negative `timeout`.
 */
export declare function pollDelay(attempt: number, elapsedSeconds: number, options?: PollOptions): number;

/** Whether a run in `status` is finished: `success`, `task_failed`, `error` or `cancelled`. */
export declare function isTerminalRunStatus(status: string): boolean;

/** The smallest update turning `current` (a WorkflowResponse) into `desired`; `{}` when nothing differs. */
export declare function diffWorkflowUpdate(current: JsonObjectInput, desired: JsonObjectInput): WorkflowUpdate;

/** `current` with `update` applied, as the server would apply it. */
export declare function applyWorkflowUpdate(current: JsonObjectInput, update: WorkflowUpdate): JsonObject;

/** The machine and pool a run will meet (for the preflight). */
export interface RunContextOptions extends SpecOption {
  /** The machine's desktop parameters (second in precedence). Giving them means the machine is known. */
  machineParameters?: JsonObjectInput | null | undefined;
  /** The machine's sensitive parameters. */
  machineSensitiveParameters?: JsonObjectInput | null | undefined;
  /** The selected pool's parameters (last in precedence). */
  poolParameters?: JsonObjectInput | null | undefined;
}

/** Options of {@link buildRunCreate}. */
export interface RunOptions extends RunContextOptions {
  /** The workflow (at least `main_prompt`): when given, the run is preflighted and an error stops the build. */
  workflow?: WorkflowLike | null | undefined;
  /** The `Idempotency-Key`; a fresh UUID v4 when not given. */
  idempotencyKey?: string | null | undefined;
}

/**
 * The `POST /v1/runs` request for `run`.
 * @throws {KitError} `validation_error`, or `preflight_error` (with `issues`) when a workflow is given
 */
export declare function buildRunCreate(run: RunCreate, options?: RunOptions): Request;

/** What a run will do, before it is sent: effective prompt, merged inputs, issues. */
export declare function preflightRun(run: RunCreate, workflow: WorkflowLike, options?: RunContextOptions): Preflight;

/** Options of {@link parseResponse}. */
export interface ResponseOptions extends SpecOption {
  /**
   * What the request sent as `sensitive_input_values`: any of those values (4
   * characters or more) that the server echoed into its error is replaced by
   * `[redacted]` in the thrown `KitError`.
   */
  sensitiveInputValues?: JsonObjectInput | null | undefined;
}

/**
 * Decodes a response of `operation`: the JSON body of a 2xx (checked against
 * the documented schema).
 * @throws {KitError} `api_error` for any non-2xx (a 422's `detail` decoded into `errors`), `invalid_response`
 */
export declare function parseResponse(operation: "update_workflow" | "get_workflow", status: number, headers: HeadersInput | null | undefined, body: string, options?: ResponseOptions): WorkflowResponse;
export declare function parseResponse(operation: "create_run", status: number, headers: HeadersInput | null | undefined, body: string, options?: ResponseOptions): RunResponse;
export declare function parseResponse(operation: "get_run", status: number, headers: HeadersInput | null | undefined, body: string, options?: ResponseOptions): RunResponseWithIncludes;
export declare function parseResponse(operation: string, status: number, headers: HeadersInput | null | undefined, body: string, options?: ResponseOptions): JsonObject;

/** What happened on the attempt that failed (see {@link retryDelay}). */
export interface RetryOptions {
  /** The request's method, any case. */
  method: string;
  /** The response status, when a response came. */
  status?: number | null | undefined;
  /** The response headers (`Retry-After`, `Idempotency-Status`, ...). */
  headers?: HeadersInput | null | undefined;
  /** The request failed without a response (timeout, connection error). */
  networkError?: boolean | undefined;
  /** The request carried an `Idempotency-Key` (a write without one is never retried). */
  hasIdempotencyKey?: boolean | undefined;
  /** No retry once `attempt` reaches this. */
  maxRetries?: number | null | undefined;
  /** The current time in Unix seconds (`Date.now() / 1000`): needed for a `Retry-After` date. */
  now?: number | null | undefined;
  /** A number in `[0, 1)` for the jitter; random when not given. */
  jitter?: number | null | undefined;
}

/**
 * Seconds to wait before retry number `attempt + 1`, or `null` for "do not
 * retry". Never sleeps.
 */
export declare function retryDelay(attempt: number, options: RetryOptions): number | null;

/** A fresh idempotency key: a random UUID v4, lowercase. */
export declare function newIdempotencyKey(): string;

/** Every {@link ErrorCode}, in the core's table order. */
export declare function errorCodes(): ErrorCode[];

/** Every {@link IssueCode}, in the core's table order. */
export declare function issueCodes(): IssueCode[];

// ----------------------------------------------------- prompt versions --
// Issue 10: Cyberdesk keeps no prompt version history ("Store version
// history and 'latest vs pinned' logic in your system, then send the
// resolved prompt text when creating a run"); these operations hold that
// logic. A history is plain JSON: store it anywhere. The same results as
// the Rust crate and the Python package (shared vectors).

/**
 * One version of a {@link PromptHistory}.
 */
export interface PromptVersion {
  /** 1, 2, 3, ... in the order versions were added. */
  number: number;
  /** `"sha256:"` + the lowercase hex SHA-256 of the text's UTF-8 bytes (71 characters). */
  id: string;
  /** The prompt text, exactly. */
  text: string;
  /** An optional note (at most 64 KiB). */
  note?: string;
  /** An optional RFC 3339 date-time, given by you (the kit reads no clock). */
  created_at?: string;
}

/**
 * A prompt history document, format `version` 1: `versions` in number
 * order, `labels` mapping a name to a version number (`latest` is
 * implied, never stored). Checked every time it is read: numbers run 1, 2,
 * 3, ...; each `id` is its text's content id; no two versions share a
 * text; labels point at existing numbers; no unknown keys. Limits: 100,000
 * versions, 1,000 labels, 16 MiB a text.
 */
export interface PromptHistory {
  /** The format: 1. */
  version: 1;
  /** The versions, by number. */
  versions: PromptVersion[];
  /** Label name (`[A-Za-z][A-Za-z0-9_.-]*`, at most 64) to version number. */
  labels: { [label: string]: number };
}

/** A version as {@link selectPromptVersion} gives it, with the labels pointing at it (`latest` included), sorted. */
export interface SelectedVersion extends PromptVersion {
  /** The labels pointing at this version, `latest` included, sorted. */
  labels: string[];
}

/**
 * What selects a version: `"latest"` (the highest number), a version
 * number (a positive integer), a content id (`"sha256:"` + 64 lowercase
 * hex digits) or a label name.
 */
export type Pin = number | string;

/** A variable by kind, root and path, as first written (`raw`). */
export interface VariableRef {
  /** `input`, `sensitive` or `runtime`. */
  kind: VariableKind;
  /** The first name, without sigil. */
  root: string;
  /** The segments after the root. */
  path: Array<string | number>;
  /** The variable as first written, braces included. */
  raw: string;
}

/**
 * A run of the line diff: the lines of `text.split("\n")`, with 0-based
 * line indices where the run starts in each text.
 */
export interface LineChange {
  /** `equal` (in both), `delete` (only in the old text) or `insert` (only in the new one). */
  op: "equal" | "delete" | "insert";
  /** The index of the run's first line in the old text (where it would be, for an `insert`). */
  old_start: number;
  /** The index of the run's first line in the new text (where it would be, for a `delete`). */
  new_start: number;
  /** The lines, without their line feeds. */
  lines: string[];
}

/** What changes from one prompt text to another ({@link comparePrompts}). */
export interface PromptComparison {
  /** Whether the texts differ at all. */
  changed: boolean;
  /** Variables only the new text has (once per kind + root + path, in text order). */
  variables_added: VariableRef[];
  /** Variables only the old text has. */
  variables_removed: VariableRef[];
  /** Input roots only the new text uses: `input_values` keys a run now needs. */
  inputs_newly_needed: string[];
  /** Sensitive roots only the new text uses: `sensitive_input_values` keys a run now needs. */
  sensitive_added: string[];
  /** Whether wording about skipping post-run checks appears or goes. */
  skip_checks_wording: "unchanged" | "added" | "removed";
  /**
   * The line diff, to render: Myers (the `similar` crate), deletions
   * before insertions in a changed region; when more than 4,000 lines lie
   * between the common first and last lines they come as one delete and
   * one insert, so time stays bounded.
   */
  lines: LineChange[];
}

/** Whether a workflow's stored prompt is a version ({@link checkPromptDrift}). */
export interface PromptDrift {
  /** The stored prompt's content id. */
  id: string;
  /** Whether a version has exactly that text. */
  matches: boolean;
  /** That version's number, or `null` when none has it. */
  number: number | null;
  /** The labels pointing at that version (`latest` included), sorted; `[]` when none. */
  labels: string[];
}

/** One run of {@link buildRunBatch}. */
export interface BatchItem {
  /** The version to run. */
  pin: Pin;
  /** The run, without `main_prompt` (the version's text goes there). */
  run: RunCreate;
  /** The item's name, from which its idempotency key is derived (1 to 1,024 bytes); its position in decimal when absent. */
  key?: string | undefined;
}

/** Options of {@link addPromptVersion}. */
export interface AddVersionOptions {
  /** A note (at most 64 KiB). */
  note?: string | null | undefined;
  /** An RFC 3339 date-time, e.g. `new Date().toISOString()` (the kit reads no clock). */
  createdAt?: string | null | undefined;
}

/** Options of {@link buildPinnedRun}: {@link buildRunCreate}'s, without `spec` (the embedded OpenAPI document is used). */
export type PinnedRunOptions = Omit<RunOptions, "spec">;

/** Options of {@link buildRunBatch}: {@link PinnedRunOptions} without `idempotencyKey` (each item's is derived). */
export type RunBatchOptions = Omit<PinnedRunOptions, "idempotencyKey">;

/**
 * The content id of a prompt text: `"sha256:"` + the lowercase hex SHA-256
 * of its UTF-8 bytes (71 characters), the same in every language.
 * @throws {KitError} `invalid_argument` (not a string), `invalid_string` (a lone surrogate)
 */
export declare function promptContentId(text: string): string;

/** A new, empty prompt history: `{version: 1, versions: [], labels: {}}`. */
export declare function createPromptHistory(): PromptHistory;

/**
 * Reads a stored prompt history document (what {@link serializePromptHistory} wrote), checked.
 * @throws {KitError} `invalid_history` (not JSON, or a broken document: the message says where), `too_deep`, `invalid_argument`
 */
export declare function parsePromptHistory(text: string): PromptHistory;

/**
 * The JSON text to store for a history: compact, keys in a fixed order,
 * labels sorted: the same bytes from Rust, JavaScript and Python.
 * @throws {KitError} `invalid_history`, and the value-conversion codes
 */
export declare function serializePromptHistory(history: PromptHistory): string;

/**
 * A new history with `text` added as version `last + 1` (so it becomes
 * `latest`). `history` itself is not changed.
 * @throws {KitError} `duplicate_version` (the text already is a version: point a label at it instead);
 *   `invalid_argument` (an empty text, a note over 64 KiB, a `createdAt` that is not RFC 3339, 100,000 versions already);
 *   `too_large` (a text over 16 MiB); `invalid_history`
 */
export declare function addPromptVersion(history: PromptHistory, text: string, options?: AddVersionOptions): PromptHistory;

/**
 * A new history with `label` pointing at the version `to` selects, or
 * without `label` when `to` is `null` (`to` is required: leaving it out
 * throws rather than removing the label).
 * @throws {KitError} `version_not_found`; `invalid_argument` (`latest`, which is implied, a bad label name, a bad pin, over 1,000 labels); `invalid_history`
 */
export declare function movePromptLabel(history: PromptHistory, label: string, to: Pin | null): PromptHistory;

/**
 * The version `pin` selects, with the labels pointing at it.
 * @throws {KitError} `version_not_found`; `invalid_argument` (a pin of another type or shape: `"2"`, `1.5`, `true`); `invalid_history`
 */
export declare function selectPromptVersion(history: PromptHistory, pin: Pin): SelectedVersion;

/**
 * What changes from `oldText` to `newText`: variables added and removed,
 * inputs and sensitive inputs a run newly needs, skip-checks wording, and
 * the line diff over `text.split("\n")`.
 * @throws {KitError} `too_large` (a text over 16 MiB), `invalid_argument`, `invalid_string`
 */
export declare function comparePrompts(oldText: string, newText: string): PromptComparison;

/**
 * {@link comparePrompts} on the versions `oldPin` and `newPin` select.
 * @throws {KitError} `version_not_found`, `invalid_argument`, `invalid_history`
 */
export declare function comparePromptVersions(history: PromptHistory, oldPin: Pin, newPin: Pin): PromptComparison;

/**
 * Checks a prompt text against a workflow before publishing it: the
 * preflight rules that need no run (Cyberdesk lets only the stored
 * prompt authorize skipping post-run checks): `malformed_variable`,
 * `undeclared_variable` (a root, `$`-prefixed when sensitive, missing from
 * the `input_schema`'s top-level `properties`), `required_input_unused`,
 * `skip_checks_not_authorized`, `invalid_input_schema`. `[]` when all is well.
 * @throws {KitError} `invalid_argument` (no string `main_prompt`), `too_large`, and the value-conversion codes
 */
export declare function checkPromptText(text: string, workflow: WorkflowLike): Issue[];

/**
 * {@link checkPromptText} for the version `pin` selects.
 * @throws {KitError} `version_not_found`, `invalid_argument`, `invalid_history`
 */
export declare function checkPromptVersion(history: PromptHistory, pin: Pin, workflow: WorkflowLike): Issue[];

/**
 * The `POST /v1/runs` request running the version `pin` selects: `run`
 * with the version's text as `main_prompt` (the per-run override; the
 * workflow's stored prompt is not changed), built as {@link buildRunCreate}
 * builds it (preflighted when `workflow` is given).
 * @throws {KitError} `version_not_found`; `invalid_argument` (`run` already holds another `main_prompt`);
 *   `validation_error`; `preflight_error` (with `issues`); `invalid_history`
 */
export declare function buildPinnedRun(history: PromptHistory, pin: Pin, run: RunCreate, options?: PinnedRunOptions): Request;

/**
 * One `POST /v1/runs` request per item, in order, all or nothing. Item
 * `i`'s `Idempotency-Key` is `batchIdempotencyKey(batchKey, item.key ??
 * String(i))`, so sending the same batch again never starts a run twice
 * (the README says how to retry a half-failed batch).
 * @throws {KitError} `invalid_argument` (a malformed item, two items with one key, a bad batch key, over 10,000 items),
 *   and the first failing item's error (`version_not_found`, `validation_error`, `preflight_error`, ...)
 */
export declare function buildRunBatch(history: PromptHistory, batchKey: string, items: BatchItem[], options?: RunBatchOptions): Request[];

/**
 * The `Idempotency-Key` of one batch item: an RFC 9562 UUID version 8,
 * lowercase, built as RFC 9562 appendix B.2 builds its name-based example:
 * the first 16 bytes of SHA-256(namespace UUID
 * 2757b536-55a0-40ea-bff3-167ccc35dec8 as 16 bytes + UTF-8 `batchKey` +
 * `"\n"` + UTF-8 `itemKey`), version nibble 8, variant bits `10`.
 * @throws {KitError} `invalid_argument` (a key empty or over 1,024 bytes, a line feed in `batchKey`)
 */
export declare function batchIdempotencyKey(batchKey: string, itemKey: string): string;

/**
 * The smallest update making a workflow's stored prompt the version `pin`
 * selects: `{main_prompt: text}`, or `{}` when it already is (send
 * nothing). Give it to {@link buildWorkflowUpdate}.
 * @throws {KitError} `version_not_found`, `invalid_argument` (no string `main_prompt`), `invalid_history`
 */
export declare function diffPromptMirror(workflow: WorkflowLike, history: PromptHistory, pin: Pin): WorkflowUpdate;

/**
 * Whether a workflow's stored prompt is a version of the history, and which.
 * @throws {KitError} `invalid_argument` (no string `main_prompt`), `invalid_history`
 */
export declare function checkPromptDrift(workflow: WorkflowLike, history: PromptHistory): PromptDrift;

// -------------------------------------------------------------- client --

/** A `fetch`-compatible function (the runtime's global `fetch` fits). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: { [name: string]: string }; body?: string; signal?: unknown },
) => Promise<{
  status: number;
  headers: Iterable<[string, string]>;
  text(): Promise<string>;
}>;

/** Options of `CyberdeskKit.waitForRun`: the poll policy (seconds), `include`, and a callback per poll. */
export interface WaitForRunOptions extends PollOptions, GetRunOptions {
  /** Called with every run read, the last (terminal) one included. */
  onPoll?: ((run: RunResponseWithIncludes) => void) | undefined;
}

/** Options of {@link CyberdeskKit}. */
export interface CyberdeskKitOptions {
  /**
   * Your Cyberdesk API key; sent as `Authorization: Bearer <apiKey>`, never
   * given to the core. `undefined` is allowed by the type (so
   * `process.env.CYBERDESK_API_KEY` fits) and raises `KitError`
   * `invalid_argument` when the client is made, as an empty key does.
   */
  apiKey: string | undefined;
  /** Default `https://api.cyberdesk.io`. */
  baseUrl?: string | undefined;
  /** The `fetch` to use; the global one by default. */
  fetch?: FetchLike | undefined;
  /** Retries after the first attempt; default 2. */
  maxRetries?: number | undefined;
  /** Seconds before an attempt is abandoned (and counted as a network error); default 30, `null` for none. */
  timeout?: number | null | undefined;
}

/**
 * A small Cyberdesk API client: builds with the core, sends with `fetch`,
 * retries as {@link retryDelay} says (the same `Idempotency-Key` on every
 * attempt), decodes with {@link parseResponse}.
 *
 * Throws {@link KitError} for invalid payloads and API errors; a network
 * failure that outlasts the retries is rethrown as `fetch` threw it.
 */
export declare class CyberdeskKit {
  constructor(options: CyberdeskKitOptions);
  /** `PATCH /v1/workflows/{workflowId}`: the updated workflow. */
  updateWorkflow(workflowId: string, update: WorkflowUpdate, options?: UpdateOptions): Promise<WorkflowResponse>;
  /** `POST /v1/runs`: the created run (preflighted first when `options.workflow` is given). */
  createRun(run: RunCreate, options?: RunOptions): Promise<RunResponse>;
  /** `GET /v1/workflows/{workflowId}`: the workflow (with `included` when `options.include` asks for it). */
  getWorkflow(workflowId: string, options?: GetWorkflowOptions): Promise<WorkflowResponse>;
  /** `GET /v1/runs/{runId}`: the run, with its status and results (`output_data`, `error`, ...). */
  getRun(runId: string, options?: GetRunOptions): Promise<RunResponseWithIncludes>;
  /**
   * Polls `GET /v1/runs/{runId}` until the run's status is terminal
   * (`success`, `task_failed`, `error`, `cancelled`) and returns that run,
   * sleeping what {@link pollDelay} says between polls. `onPoll` sees every
   * run read. A failed poll is retried as any GET is (`maxRetries`).
   * @throws {KitError} `wait_timeout` past the deadline (the last run read is `err.run`),
   *   `validation_error` for a bad id, `api_error`, `invalid_response`
   */
  waitForRun(runId: string, options?: WaitForRunOptions): Promise<RunResponseWithIncludes>;
  /**
   * Sends a request you built (or changed) yourself and decodes the response
   * of `operation`. A write whose headers have no `Idempotency-Key` is sent
   * once, never retried.
   */
  send(request: Request, operation: "update_workflow" | "get_workflow", decode?: ResponseOptions): Promise<WorkflowResponse>;
  send(request: Request, operation: "create_run", decode?: ResponseOptions): Promise<RunResponse>;
  send(request: Request, operation: "get_run", decode?: ResponseOptions): Promise<RunResponseWithIncludes>;
  send(request: Request, operation: Operation, decode?: ResponseOptions): Promise<JsonObject>;
}

// ------------------------------------------------------------ payloads --

// BEGIN GENERATED PAYLOAD TYPES (scripts/gen-types.mjs)
// From crates/cyberdesk-kit/spec/openapi.json. Do not edit by hand.

/** Component schema names of the embedded OpenAPI document (`validate`'s first argument). */
export type SchemaName =
  | "WorkflowUpdate"
  | "WorkflowResponse"
  | "HTTPValidationError"
  | "WorkflowModelMetadata"
  | "WorkflowInternalMetadataUpdate"
  | "WorkflowPostRunCheckUpsert"
  | "WorkflowInternalMetadata"
  | "WorkflowTagResponse"
  | "WorkflowPostRunCheckResponse"
  | "ValidationError"
  | "PostRunCheckType"
  | "PostRunCheckFileTargetMode"
  | "WorkflowTagGroupResponse"
  | "FileInput"
  | "RunCreate"
  | "RunStatus"
  | "RunResponse"
  | "RunResponseWithIncludes"
  | "PostRunCheckStatus"
  | "RunPostRunCheckSnapshot"
  | "IncludedResource";

/**
 * Schema for updating a workflow
 * OpenAPI: `#/components/schemas/WorkflowUpdate`
 */
export interface WorkflowUpdate {
  /** at most 255 characters */
  name?: string | null | undefined;
  /** at least 1 character */
  main_prompt?: string | null | undefined;
  /** JSON schema for validating merged run inputs. Sensitive root keys are exposed with a '$' prefix in schema validation (for example sensitive_input_values.api_key -> '$api_key'). */
  input_schema?: string | null | undefined;
  /** JSON schema for output data transformation */
  output_schema?: string | null | undefined;
  /** Enable AI-based file export detection */
  includes_file_exports?: boolean | null | undefined;
  /** Send webhook on run completion */
  is_webhooks_enabled?: boolean | null | undefined;
  /** Optional workflow-level allowlist for execute_terminal_command. Set to an empty list or null to clear the allowlist. */
  terminal_command_allowlist?: string[] | null | undefined;
  /** Optional workflow-level model configuration metadata (main agent, cache detection, and fallbacks). */
  model_metadata?: WorkflowModelMetadata | null | undefined;
  /** Optional workflow-level cleanup prompt that runs when any post-run check fails during a session or chain. Set null to clear it. */
  post_run_check_failure_cleanup_prompt?: string | null | undefined;
  /** Optional internal workflow metadata patch. Top-level null clears all workflow metadata. Omit this field to leave existing metadata unchanged. Set individual keys to null to remove only those keys. */
  workflow_metadata?: WorkflowInternalMetadataUpdate | null | undefined;
  /** Workflow-managed post-run checks, reconciled on save when present. */
  post_run_checks?: WorkflowPostRunCheckUpsert[] | null | undefined;
}

/**
 * Workflow response schema
 * OpenAPI: `#/components/schemas/WorkflowResponse`
 */
export interface WorkflowResponse {
  /** at most 255 characters */
  name?: string | null | undefined;
  /** at least 1 character */
  main_prompt: string;
  /** JSON schema for validating merged run inputs. Sensitive root keys are exposed with a '$' prefix in schema validation (for example sensitive_input_values.api_key -> '$api_key'). */
  input_schema?: string | null | undefined;
  /** JSON schema for output data transformation */
  output_schema?: string | null | undefined;
  /**
   * Enable AI-based file export detection
   * default `false`
   */
  includes_file_exports?: boolean | undefined;
  /**
   * Send webhook on run completion
   * default `false`
   */
  is_webhooks_enabled?: boolean | undefined;
  /** Optional workflow-level allowlist for execute_terminal_command. When set, the agent may only run commands that exactly match one of the approved command templates. */
  terminal_command_allowlist?: string[] | null | undefined;
  /** Optional workflow-level model configuration metadata (main agent, cache detection, and fallbacks). */
  model_metadata?: WorkflowModelMetadata | null | undefined;
  /** Optional workflow-level cleanup prompt that runs when any post-run check fails during a session or chain. */
  post_run_check_failure_cleanup_prompt?: string | null | undefined;
  /** format `uuid` */
  id: string;
  /** format `uuid` */
  user_id?: string | null | undefined;
  organization_id?: string | null | undefined;
  /** default `false` */
  includes_input_variables?: boolean | undefined;
  /** Internal workflow metadata used for run/error tracking. */
  workflow_metadata?: WorkflowInternalMetadata | null | undefined;
  old_versions?: JsonObject[] | null | undefined;
  /** format `date-time` */
  created_at: string;
  /** format `date-time` */
  updated_at: string;
  /** Tags assigned to this workflow */
  tags?: WorkflowTagResponse[] | null | undefined;
  /** Post-run checks assigned to this workflow. */
  post_run_checks?: WorkflowPostRunCheckResponse[] | null | undefined;
  /** Related resources requested via the `include` query parameter */
  included?: IncludedResource[] | null | undefined;
}

/**
 * JSONB-backed workflow model configuration metadata.

Stored on the Workflow row as `model_metadata` to avoid adding many FK columns.
All fields are optional; when missing/null, the system falls back to Cyberdesk defaults.
 * OpenAPI: `#/components/schemas/WorkflowModelMetadata`
 */
export interface WorkflowModelMetadata {
  /**
   * ModelConfiguration.id used for the main agent. Null → Cyberdesk default.
   * format `uuid`
   */
  main_agent_model_id?: string | null | undefined;
  /**
   * ModelConfiguration.id used for cache detection. Null → Cyberdesk default.
   * format `uuid`
   */
  cache_detection_model_id?: string | null | undefined;
  /**
   * ModelConfiguration.id used as fallback 1 (global across agents).
   * format `uuid`
   */
  fallback_model_1_id?: string | null | undefined;
  /**
   * ModelConfiguration.id used as fallback 2 (global across agents).
   * format `uuid`
   */
  fallback_model_2_id?: string | null | undefined;
}

/**
 * Patchable workflow metadata fields for internal workflow maintenance.
 * OpenAPI: `#/components/schemas/WorkflowInternalMetadataUpdate`
 */
export interface WorkflowInternalMetadataUpdate {
  /** Set to false when workflow errors have been addressed. */
  has_unaddressed_error?: boolean | null | undefined;
  /**
   * Start timestamp of the most recent errored/task_failed run.
   * format `date-time`
   */
  last_errored_run_start?: string | null | undefined;
  /**
   * Run UUID of the most recent errored/task_failed run.
   * format `uuid`
   */
  last_errored_run_uuid?: string | null | undefined;
}

/**
 * Create/update payload for workflow-managed post-run checks.
 * OpenAPI: `#/components/schemas/WorkflowPostRunCheckUpsert`
 */
export interface WorkflowPostRunCheckUpsert {
  /** at least 1 character; at most 255 characters */
  name: string;
  description?: string | null | undefined;
  type: PostRunCheckType;
  file_target_mode?: PostRunCheckFileTargetMode | null | undefined;
  file_names?: string[] | null | undefined;
  file_name_regex?: string | null | undefined;
  /** >= 1 */
  expected_match_count?: number | null | undefined;
  expected_match_count_ref?: string | null | undefined;
  loop_input?: string | null | undefined;
  loop_item_filename_template?: string | null | undefined;
  /** default `false` */
  allow_missing_attachments?: boolean | undefined;
  check_prompt?: string | null | undefined;
  /**
   * Optional ModelConfiguration id override for agentic post-run checks.
   * format `uuid`
   */
  model?: string | null | undefined;
  /** format `uuid` */
  id?: string | null | undefined;
}

/**
 * Backend workflow metadata exposed read-only for internal observability.
 * OpenAPI: `#/components/schemas/WorkflowInternalMetadata`
 */
export interface WorkflowInternalMetadata {
  /** True when at least one run has failed and remains unaddressed. */
  has_unaddressed_error?: boolean | null | undefined;
  /**
   * Start timestamp of the most recent errored/task_failed run.
   * format `date-time`
   */
  last_errored_run_start?: string | null | undefined;
  /**
   * Run UUID of the most recent errored/task_failed run.
   * format `uuid`
   */
  last_errored_run_uuid?: string | null | undefined;
}

/**
 * Workflow tag response schema
 * OpenAPI: `#/components/schemas/WorkflowTagResponse`
 */
export interface WorkflowTagResponse {
  /** at least 1 character; at most 100 characters */
  name: string;
  /** at most 500 characters */
  description?: string | null | undefined;
  /** at most 10 characters */
  emoji?: string | null | undefined;
  /** at most 20 characters */
  color?: string | null | undefined;
  /**
   * Optional group for mutual exclusivity
   * format `uuid`
   */
  group_id?: string | null | undefined;
  /** format `uuid` */
  id: string;
  organization_id: string;
  order: number;
  /** default `false` */
  is_archived?: boolean | undefined;
  /** format `date-time` */
  created_at: string;
  /** format `date-time` */
  updated_at: string;
  /** Number of workflows with this tag (returned in list endpoint) */
  workflow_count?: number | null | undefined;
  /** The group this tag belongs to */
  group?: WorkflowTagGroupResponse | null | undefined;
}

/**
 * Workflow response shape for post-run checks, including workflow-specific order.
 * OpenAPI: `#/components/schemas/WorkflowPostRunCheckResponse`
 */
export interface WorkflowPostRunCheckResponse {
  /** at least 1 character; at most 255 characters */
  name: string;
  description?: string | null | undefined;
  type: PostRunCheckType;
  file_target_mode?: PostRunCheckFileTargetMode | null | undefined;
  file_names?: string[] | null | undefined;
  file_name_regex?: string | null | undefined;
  /** >= 1 */
  expected_match_count?: number | null | undefined;
  expected_match_count_ref?: string | null | undefined;
  loop_input?: string | null | undefined;
  loop_item_filename_template?: string | null | undefined;
  /** default `false` */
  allow_missing_attachments?: boolean | undefined;
  check_prompt?: string | null | undefined;
  /**
   * Optional ModelConfiguration id override for agentic post-run checks.
   * format `uuid`
   */
  model?: string | null | undefined;
  /** format `uuid` */
  id: string;
  organization_id: string;
  /** format `uuid` */
  user_id?: string | null | undefined;
  order: number;
  /** format `date-time` */
  created_at: string;
  /** format `date-time` */
  updated_at: string;
}

/** OpenAPI: `#/components/schemas/PostRunCheckType` */
export type PostRunCheckType = "run_attachment_exists" | "run_attachment_image_check" | "output_data_passes_schema_validation" | "output_data_agentic_check";

/** OpenAPI: `#/components/schemas/PostRunCheckFileTargetMode` */
export type PostRunCheckFileTargetMode = "exact" | "regex" | "loop_items";

/**
 * Workflow tag group response schema
 * OpenAPI: `#/components/schemas/WorkflowTagGroupResponse`
 */
export interface WorkflowTagGroupResponse {
  /** at least 1 character; at most 100 characters */
  name: string;
  /** at most 500 characters */
  description?: string | null | undefined;
  /** at most 10 characters */
  emoji?: string | null | undefined;
  /** at most 20 characters */
  color?: string | null | undefined;
  /** format `uuid` */
  id: string;
  organization_id: string;
  order: number;
  /** format `date-time` */
  created_at: string;
  /** format `date-time` */
  updated_at: string;
}

/**
 * A file to place on the machine before the run starts.
 * OpenAPI: `#/components/schemas/FileInput`
 */
export interface FileInput {
  filename: string;
  /** Base64-encoded file content. */
  content: string;
  target_path?: string | null | undefined;
  /** default `false` */
  cleanup_imports_after_run?: boolean | undefined;
}

/**
 * Schema for creating a run
 * OpenAPI: `#/components/schemas/RunCreate`
 */
export interface RunCreate {
  /** format `uuid` */
  workflow_id: string;
  /** default `false` */
  is_priority?: boolean | undefined;
  /**
   * Per-run prompt override. Omitted or null: the run uses the workflow's stored main_prompt, which is never changed by a run.
   * at least 1 character
   */
  main_prompt?: string | null | undefined;
  /** format `uuid` */
  main_agent_model_id?: string | null | undefined;
  /** Model overrides for this run only. */
  model_metadata?: WorkflowModelMetadata | null | undefined;
  /**
   * Null: any available machine.
   * format `uuid`
   */
  machine_id?: string | null | undefined;
  /**
   * The machine must be in all of these pools. Ignored when machine_id is set.
   * format `uuid`
   */
  pool_ids?: string[] | null | undefined;
  input_values?: JsonObjectInput | null | undefined;
  file_inputs?: FileInput[] | null | undefined;
  /** Never stored; kept in a vault for this run only. Nested objects allowed. */
  sensitive_input_values?: JsonObjectInput | null | undefined;
  /**
   * Join this session; overrides machine_id and pool_ids.
   * format `uuid`
   */
  session_id?: string | null | undefined;
  /** default `false` */
  start_session?: boolean | null | undefined;
  session_alias?: string | null | undefined;
  release_session_after?: boolean | null | undefined;
}

/** OpenAPI: `#/components/schemas/RunStatus` */
export type RunStatus = "scheduling" | "running" | "running_checks" | "success" | "task_failed" | "error" | "cancelled";

/**
 * Run response schema
 * OpenAPI: `#/components/schemas/RunResponse`
 */
export interface RunResponse {
  /** format `uuid` */
  workflow_id: string;
  /** format `uuid` */
  machine_id: string | null;
  /** format `uuid` */
  id: string;
  status: RunStatus;
  /** format `date-time` */
  created_at: string;
  /** format `uuid` */
  user_id?: string | null | undefined;
  organization_id?: string | null | undefined;
  /** default `false` */
  is_priority?: boolean | undefined;
  error?: string[] | null | undefined;
  output_data?: JsonObject | null | undefined;
  input_attachment_ids?: string[] | null | undefined;
  output_attachment_ids?: string[] | null | undefined;
  run_message_history?: JsonObject[] | null | undefined;
  input_values?: JsonObject | null | undefined;
  /** The per-run prompt override; null means the run uses the workflow's stored prompt. */
  main_prompt?: string | null | undefined;
  /** Per-run model metadata overrides used for execution. Null means the run falls back to the workflow's model_metadata. */
  model_metadata?: WorkflowModelMetadata | null | undefined;
  /** format `uuid` */
  pool_ids?: string[] | null | undefined;
  sensitive_input_aliases?: JsonObject | null | undefined;
  /** Arbitrary usage/billing metadata captured during a run (schema is flexible) */
  usage_metadata?: JsonObject | null | undefined;
  /** Version-tolerant snapshot/results for the run's post-run checks. */
  post_run_checks?: RunPostRunCheckSnapshot[] | null | undefined;
  /** format `uuid` */
  session_id?: string | null | undefined;
  session_alias?: string | null | undefined;
  release_session_after?: boolean | null | undefined;
  /** format `date-time` */
  started_at?: string | null | undefined;
  /** format `date-time` */
  ended_at?: string | null | undefined;
}

/**
 * Run response with optional included related resources.

When the `include` query parameter is used, related resources are returned
in the `included` array following the JSON:API pattern.

Example request: GET /v1/runs/123?include=workflow,machine
 * OpenAPI: `#/components/schemas/RunResponseWithIncludes`
 */
export interface RunResponseWithIncludes {
  /** format `uuid` */
  id: string;
  /** format `uuid` */
  workflow_id: string;
  status: RunStatus;
  /** format `date-time` */
  created_at: string;
  /** format `uuid` */
  machine_id?: string | null | undefined;
  /** format `uuid` */
  user_id?: string | null | undefined;
  organization_id?: string | null | undefined;
  /** default `false` */
  is_priority?: boolean | undefined;
  error?: string[] | null | undefined;
  output_data?: JsonObject | null | undefined;
  input_attachment_ids?: string[] | null | undefined;
  output_attachment_ids?: string[] | null | undefined;
  run_message_history?: JsonObject[] | null | undefined;
  input_values?: JsonObject | null | undefined;
  /** The per-run prompt override; null means the run uses the workflow's stored prompt. */
  main_prompt?: string | null | undefined;
  /** Per-run model metadata overrides used for execution. Null means the run falls back to the workflow's model_metadata. */
  model_metadata?: WorkflowModelMetadata | null | undefined;
  /** format `uuid` */
  pool_ids?: string[] | null | undefined;
  sensitive_input_aliases?: JsonObject | null | undefined;
  /** Arbitrary usage/billing metadata captured during a run (schema is flexible) */
  usage_metadata?: JsonObject | null | undefined;
  /** Version-tolerant snapshot/results for the run's post-run checks. */
  post_run_checks?: RunPostRunCheckSnapshot[] | null | undefined;
  /** format `uuid` */
  session_id?: string | null | undefined;
  session_alias?: string | null | undefined;
  release_session_after?: boolean | null | undefined;
  /** format `date-time` */
  started_at?: string | null | undefined;
  /** format `date-time` */
  ended_at?: string | null | undefined;
  /** Related resources requested via the `include` query parameter */
  included?: IncludedResource[] | null | undefined;
}

/** OpenAPI: `#/components/schemas/PostRunCheckStatus` */
export type PostRunCheckStatus = "cancelled" | "failed" | "infra_error" | "pending" | "running" | "success";

/**
 * Version-tolerant run-level snapshot/result for one post-run check invocation.
 * OpenAPI: `#/components/schemas/RunPostRunCheckSnapshot`
 */
export interface RunPostRunCheckSnapshot {
  status: PostRunCheckStatus;
  /** format `uuid` */
  id?: string | null | undefined;
  /** format `uuid` */
  post_run_check_id?: string | null | undefined;
  snapshot_version?: number | null | undefined;
  name?: string | null | undefined;
  description?: string | null | undefined;
  type?: PostRunCheckType | null | undefined;
  order?: number | null | undefined;
  file_target_mode?: PostRunCheckFileTargetMode | null | undefined;
  file_names?: string[] | null | undefined;
  file_name_regex?: string | null | undefined;
  expected_match_count?: number | null | undefined;
  expected_match_count_ref?: string | null | undefined;
  loop_input?: string | null | undefined;
  loop_item_filename_template?: string | null | undefined;
  /** default `false` */
  allow_missing_attachments?: boolean | undefined;
  check_prompt?: string | null | undefined;
  /** format `uuid` */
  model?: string | null | undefined;
  /** format `date-time` */
  started_at?: string | null | undefined;
  /** format `date-time` */
  ended_at?: string | null | undefined;
  error_message?: string | null | undefined;
  messages?: string[] | null | undefined;
  matched_filenames?: string[] | null | undefined;
}

/**
 * A resource in the JSON:API-style included array: a `type`, an `id` and the resource's other fields.
 * OpenAPI: `#/components/schemas/IncludedResource`
 */
export interface IncludedResource {
  /** Resource type (e.g., 'workflow', 'machine', 'pool') */
  type: string;
  /**
   * Resource UUID
   * format `uuid`
   */
  id: string;
  /** Fields beyond the documented ones (the schema allows any). */
  [field: string]: unknown;
}
// END GENERATED PAYLOAD TYPES
