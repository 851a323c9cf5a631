// A user's TypeScript, checked with `tsc --strict --noEmit` (test/types.test.mjs).
// It resolves "cyberdesk-kit" through the package's own exports map, so it
// sees exactly the declarations users get. Nothing here runs.

import {
  CyberdeskKit,
  KitError,
  addPromptVersion,
  applyWorkflowUpdate,
  batchIdempotencyKey,
  buildPinnedRun,
  buildRunBatch,
  checkPromptDrift,
  checkPromptText,
  checkPromptVersion,
  comparePromptVersions,
  comparePrompts,
  createPromptHistory,
  diffPromptMirror,
  movePromptLabel,
  parsePromptHistory,
  promptContentId,
  selectPromptVersion,
  serializePromptHistory,
  buildGetRun,
  buildRunCreate,
  buildWorkflowUpdate,
  diffWorkflowUpdate,
  errorCodes,
  init,
  isTerminalRunStatus,
  issueCodes,
  loadSpec,
  newIdempotencyKey,
  parsePrompt,
  parseResponse,
  pollDelay,
  preflightRun,
  resolvePrompt,
  resolvePromptText,
  retryDelay,
  validate,
} from "cyberdesk-kit";
import type {
  BatchItem,
  LineChange,
  Pin,
  PromptComparison,
  PromptDrift,
  PromptHistory,
  SelectedVersion,
  ErrorCode,
  Issue,
  IssueCode,
  Preflight,
  Request,
  Resolution,
  ResolvedText,
  RunCreate,
  RunResponse,
  RunResponseWithIncludes,
  RunStatus,
  Spec,
  ValidationError,
  Variable,
  WorkflowResponse,
  WorkflowUpdate,
} from "cyberdesk-kit";

export async function example(): Promise<void> {
  await init();

  const vars: Variable[] = parsePrompt("Hi {name} {$pin} {{x}}");
  const kinds: Array<"input" | "sensitive" | "runtime"> = vars.map((v) => v.kind);
  const firstPath: Array<string | number> = vars[0]!.path;

  const r: Resolution = resolvePrompt("Hi {name}", { name: "Ada" }, { pin: "1234" });
  const issues: Issue[] = r.issues;
  const code: IssueCode = issues[0]!.code;
  const sev: "error" | "warning" | "info" = issues[0]!.severity;
  const rt: ResolvedText = resolvePromptText("Hi {name}", { name: "Ada" }, null);
  const textOnly: string = rt.text;
  const textIssues: Issue[] = rt.issues;
  // @ts-expect-error the text-only result has no variable list
  rt.variables;

  const errs: ValidationError[] = validate("WorkflowUpdate", { name: "x" });
  const loc: Array<string | number> = errs[0]!.loc;

  const update: WorkflowUpdate = {
    name: "Nightly",
    main_prompt: "Export {day}.",
    input_schema: null,
    post_run_checks: [{ name: "file", type: "run_attachment_exists", file_target_mode: "exact", file_names: ["a.csv"] }],
    model_metadata: { main_agent_model_id: null },
    workflow_metadata: null,
  };
  const req: Request = buildWorkflowUpdate("550e8400-e29b-41d4-a716-446655440000", update, { idempotencyKey: "k" });
  const method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE" = req.method;
  const key: string | null = req.idempotency_key;

  const run: RunCreate = { workflow_id: "550e8400-e29b-41d4-a716-446655440000", input_values: { a: 1 }, main_prompt: null };
  const built: Request = buildRunCreate(run, {
    workflow: { main_prompt: "Hi {a}", input_schema: null },
    idempotencyKey: newIdempotencyKey(),
    machineParameters: { a: 2 },
    poolParameters: null,
  });
  const pre: Preflight = preflightRun(run, { main_prompt: "Hi {a}" }, { machineSensitiveParameters: { pin: "x" } });
  const source: "override" | "workflow" = pre.prompt_source;

  const diff: WorkflowUpdate = diffWorkflowUpdate({ name: "a" }, { name: "b" });
  const applied = applyWorkflowUpdate({ name: "a" }, diff);

  const wf: WorkflowResponse = parseResponse("update_workflow", 200, { "content-type": "application/json" }, "{}");
  const created: RunResponse = parseResponse("create_run", 201, [["x", "y"]], "{}");
  const status: "scheduling" | "running" | "running_checks" | "success" | "task_failed" | "error" | "cancelled" = created.status;

  const delay: number | null = retryDelay(0, { method: "POST", status: 503, headers: { "Retry-After": "1" }, hasIdempotencyKey: true, now: Date.now() / 1000 });

  const spec: Spec = loadSpec("{}");
  validate("Thing", {}, { spec });
  const names: string[] = spec.schemaNames();

  const codes: ErrorCode[] = errorCodes();
  const icodes: IssueCode[] = issueCodes();

  try {
    buildWorkflowUpdate("nope", {});
  } catch (e) {
    if (e instanceof KitError) {
      const c: ErrorCode = e.code;
      const s: number | undefined = e.status;
      const list: ValidationError[] = e.errors;
      const found: Issue[] = e.issues;
      if (c === "validation_error") void [s, list, found];
    }
  }

  const kit = new CyberdeskKit({ apiKey: "sk", baseUrl: "http://127.0.0.1:1", maxRetries: 2, timeout: null });
  const w: WorkflowResponse = await kit.updateWorkflow("id", { name: "x" });
  const g: WorkflowResponse = await kit.getWorkflow("id");
  const c: RunResponse = await kit.createRun(run, { workflow: w });
  const s: RunResponse = await kit.send(built, "create_run");

  void [kinds, firstPath, code, sev, textOnly, textIssues, loc, method, key, source, applied, wf, status, delay, names, codes, icodes, g, c, s];
}

// Waiting for a run: the request, the policy in seconds, the decoded run.
export async function waiting(kit: CyberdeskKit): Promise<RunStatus> {
  const req: Request = buildGetRun("id", { include: ["workflow", "machine.pools"] });
  const delay: number = pollDelay(0, 1.5, { initialDelay: 0.5, maxDelay: 5, timeout: Infinity });
  const one: RunResponseWithIncludes = await kit.getRun("id", { include: "workflow" });
  const seen: RunStatus[] = [];
  try {
    const done = await kit.waitForRun(one.id, { timeout: 600, onPoll: (r) => seen.push(r.status) });
    const machine: string | null | undefined = done.machine_id;
    void [req, delay, machine, done.included?.[0]?.type, isTerminalRunStatus(done.status)];
    return done.status;
  } catch (err) {
    if (err instanceof KitError && err.code === "wait_timeout") return err.run?.status ?? "running";
    throw err;
  }
}
// @ts-expect-error the poll policy is in seconds, as numbers
pollDelay(0, 0, { timeout: "60" });

// Mistakes the types catch.
// @ts-expect-error an unknown field of WorkflowUpdate
buildWorkflowUpdate("id", { main_promt: "typo" });
// @ts-expect-error workflow_id is required
buildRunCreate({ input_values: {} });
// @ts-expect-error is_priority is a boolean
buildRunCreate({ workflow_id: "x", is_priority: "yes" });
// @ts-expect-error not a post-run check type
buildWorkflowUpdate("id", { post_run_checks: [{ name: "n", type: "nope" }] });
// @ts-expect-error codes are a closed union
const bad: ErrorCode = "not_a_code";
void bad;

// Prompt versions (issue 10): the history is plain data, the results typed.
export function versions(workflow: WorkflowResponse): string[] {
  let h: PromptHistory = createPromptHistory();
  h = addPromptVersion(h, "Enter {invoice}.", { note: "v1", createdAt: new Date().toISOString() });
  h = movePromptLabel(h, "production", 1);
  h = movePromptLabel(h, "staging", null);
  h = parsePromptHistory(serializePromptHistory(h));
  const pin: Pin = "production";
  const v: SelectedVersion = selectPromptVersion(h, pin);
  const c: PromptComparison = comparePromptVersions(h, 1, "latest");
  const ops: Array<LineChange["op"]> = c.lines.map((l) => l.op);
  const wording: "unchanged" | "added" | "removed" = comparePrompts("a", "b").skip_checks_wording;
  const issues: Issue[] = [...checkPromptText("{x}", workflow), ...checkPromptVersion(h, v.number, workflow)];
  const req: Request = buildPinnedRun(h, "latest", { workflow_id: workflow.id }, { workflow, idempotencyKey: "k" });
  const items: BatchItem[] = [{ pin: 1, run: { workflow_id: workflow.id }, key: "a" }];
  const batch: Request[] = buildRunBatch(h, "b", items, { workflow });
  const mirror: WorkflowUpdate = diffPromptMirror(workflow, h, "production");
  const drift: PromptDrift = checkPromptDrift(workflow, h);
  const n: number | null = drift.number;
  void [ops, wording, issues, req, batch, mirror, n, batchIdempotencyKey("b", "0")];
  return [promptContentId(v.text), ...v.labels];
}
// @ts-expect-error movePromptLabel needs its target, or null to remove the label
movePromptLabel(createPromptHistory(), "production");
// @ts-expect-error a batch's keys are derived: no idempotencyKey
buildRunBatch(createPromptHistory(), "b", [], { idempotencyKey: "k" });
// @ts-expect-error a pin is a number or a string
selectPromptVersion(createPromptHistory(), true);
