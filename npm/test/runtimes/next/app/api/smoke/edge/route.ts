// The shared smoke in an Edge route handler; says which runtime ran it.
import * as kit from "cyberdesk-kit";
import { smoke } from "../../../../lib/smoke.mjs";

export const runtime = "edge";

export function GET(): Response {
  const edge = (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime;
  return Response.json({ runtime: typeof edge === "string" ? "edge" : "node", smoke: smoke(kit) });
}
