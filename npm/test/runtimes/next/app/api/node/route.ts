// A Node.js route handler: the package's Node entry, ready on import.
import * as kit from "cyberdesk-kit";
import { buildRunCreate } from "cyberdesk-kit";
import { smoke } from "../../../lib/smoke.mjs";

export const runtime = "nodejs";

export function GET(request: Request): Response {
  const key = new URL(request.url).searchParams.get("key") ?? undefined;
  const req = buildRunCreate(
    { workflow_id: "550e8400-e29b-41d4-a716-446655440000", input_values: { customer_id: "C-42" } },
    { workflow: { main_prompt: "Look up {customer_id}." }, idempotencyKey: key },
  );
  const edge = (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime;
  return Response.json({ runtime: typeof edge === "string" ? "edge" : "node", request: req, smoke: smoke(kit) });
}
