// ESM runner for Node, Deno and Bun: import the package the way users do
// (no init call: these runtimes must not need one) and print the result.
import * as kit from "cyberdesk-kit";
import { smoke } from "./smoke.mjs";

const runtime = globalThis.Deno
  ? `deno ${globalThis.Deno.version.deno}`
  : globalThis.Bun
    ? `bun ${globalThis.Bun.version}`
    : `node ${globalThis.process.versions.node}`;
console.log(`SMOKE_RUNTIME ${runtime} (esm)`);
console.log(`SMOKE_RESULT ${JSON.stringify(smoke(kit))}`);
