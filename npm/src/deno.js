// Deno: ready on import. A source-phase import hands over the compiled
// WebAssembly.Module and, being a module import, needs no --allow-read
// (reading the file from node_modules would). Only Deno resolves the `deno`
// condition, so no other tool meets this syntax.

import source wasmModule from "./wasm/cyberdesk_kit_wasm_bg.wasm";
import { initSync } from "./wasm/cyberdesk_kit_wasm.js";
import { markReady } from "./state.js";

initSync({ module: wasmModule });
markReady();

export * from "./api.js";
export { CyberdeskKit } from "./client.js";

/** Nothing to do here: the module is ready on import. */
export async function init() {}
