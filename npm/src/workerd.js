// Cloudflare Workers (workerd): the .wasm is imported as a compiled
// WebAssembly.Module (the runtime forbids compiling from bytes), and
// instantiated synchronously, so the module is ready on import.

import wasmModule from "./wasm/cyberdesk_kit_wasm_bg.wasm";
import { initSync } from "./wasm/cyberdesk_kit_wasm.js";
import { markReady } from "./state.js";

initSync({ module: wasmModule });
markReady();

export * from "./api.js";
export { CyberdeskKit } from "./client.js";

/** Nothing to do here: the module is ready on import. */
export async function init() {}
