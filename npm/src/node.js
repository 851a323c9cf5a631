// Node (and Bun): ready on import. The .wasm is read synchronously next to
// this file, so there is nothing to await.

import { readFileSync } from "node:fs";
import { initSync } from "./wasm/cyberdesk_kit_wasm.js";
import { markReady } from "./state.js";

initSync({ module: readFileSync(new URL("./wasm/cyberdesk_kit_wasm_bg.wasm", import.meta.url)) });
markReady();

export * from "./api.js";

/** Nothing to do here: the module is ready on import. Kept so code written for the browser entry runs unchanged. */
export async function init() {}
