// app/api/edge/route.ts
import { buildRunCreate } from "cyberdesk-kit";

export const runtime = "edge";

export function GET(request: Request): Response {
  const key = new URL(request.url).searchParams.get("key") ?? undefined;
  const req = buildRunCreate(
    { workflow_id: "550e8400-e29b-41d4-a716-446655440000", input_values: { customer_id: "C-42" } },
    { workflow: { main_prompt: "Look up {customer_id}." }, idempotencyKey: key },
  );
  return Response.json(req);
}
