// A user's TypeScript under the strictest common settings (strict and
// exactOptionalPropertyTypes; test/types.test.mjs compiles it with
// tsconfig.exact.json): interface-typed values are accepted where the
// package takes JSON objects, `undefined` still means absent, the `.wasm`
// export has a type, and misspelt or mistyped literals are rejected.
// Nothing here runs.

import { CyberdeskKit, buildRunCreate, buildWorkflowUpdate, diffWorkflowUpdate, init, preflightRun, resolvePrompt } from "cyberdesk-kit";
import type { RunCreate, WorkflowResponse, WorkflowUpdate } from "cyberdesk-kit";
import wasm from "cyberdesk-kit/cyberdesk_kit_wasm_bg.wasm";

const ID = "550e8400-e29b-41d4-a716-446655440000";

// The caller's own interfaces (no index signature) and the package's.
interface InvoiceInputs {
  customer_id: string;
  invoice: { number: string; lines: number[] };
}
interface Secrets {
  erp_password: string;
}
declare const inputs: InvoiceInputs;
declare const secrets: Secrets;
declare const current: WorkflowResponse;

export async function accepted(): Promise<void> {
  await init(wasm);
  resolvePrompt("Enter {invoice.number} for {customer_id}.", inputs, secrets);
  const run: RunCreate = { workflow_id: ID, input_values: inputs, sensitive_input_values: secrets };
  buildRunCreate(run, { workflow: current, machineParameters: inputs });
  preflightRun(run, current, { poolParameters: inputs });
  const update: WorkflowUpdate = diffWorkflowUpdate(current, { ...current, name: "Nightly" });
  buildWorkflowUpdate(ID, update);
  // exactOptionalPropertyTypes: `undefined` is documented as absent.
  buildWorkflowUpdate(ID, { name: undefined, main_prompt: "v2" }, { idempotencyKey: undefined });
  buildRunCreate({ workflow_id: ID, machine_id: undefined }, { workflow: undefined });
  const kit = new CyberdeskKit({ apiKey: "sk", baseUrl: undefined, timeout: undefined });
  await kit.createRun(run, { workflow: current });
}

// Mistakes in literals are caught.
// @ts-expect-error a misspelt field
buildWorkflowUpdate(ID, { nmae: "Nightly" });
// @ts-expect-error a field of the wrong type
buildWorkflowUpdate(ID, { name: 1 });
// @ts-expect-error option names are camelCase
buildWorkflowUpdate(ID, { name: "x" }, { idempotency_key: "k" });
// @ts-expect-error a workflow given where the options go
buildRunCreate({ workflow_id: ID }, { main_prompt: "Look up {customer_id}." });
// @ts-expect-error workflow_id is required
buildRunCreate({ input_values: inputs });
// @ts-expect-error input values are an object, not a string
buildRunCreate({ workflow_id: ID, input_values: "customer_id=C-42" });
