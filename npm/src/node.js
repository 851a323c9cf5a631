// Node (and Bun): ready on import. The .wasm is read synchronously next to
// this file, so there is nothing to await.
//
// The file is located from `import.meta.url` alone, never with a
// `new URL("./x.wasm", import.meta.url)`: bundlers that put this entry into
// a server bundle (Next.js with webpack or Turbopack, for server rendering
// and Node route handlers) rewrite that form, even through constants, into
// their own asset URL (a relative `/_next/...` one `readFileSync` refuses),
// while `import.meta.url` alone becomes this file's real location.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { initSync } from "./wasm/cyberdesk_kit_wasm.js";
import { markReady } from "./state.js";

const dir = dirname(fileURLToPath(import.meta.url));
initSync({ module: readFileSync(join(dir, "wasm", "cyberdesk_kit_wasm_bg.wasm")) });
markReady();

export * from "./api.js";
// Not re-exported by api.js: client.js imports api.js (no import circle).
export { CyberdeskKit } from "./client.js";

/** Nothing to do here: the module is ready on import. Kept so code written for the browser entry runs unchanged. */
export async function init() {}
