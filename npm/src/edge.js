// Vercel's Edge Runtime (the `edge-light` condition): like workerd, code
// can't compile wasm from bytes at run time; Vercel compiles a `.wasm?module`
// import at deploy time and hands over the WebAssembly.Module, which is
// instantiated synchronously, so the module is ready on import.

import wasmModule from "./wasm/cyberdesk_kit_wasm_bg.wasm?module";
import { initSync } from "./wasm/cyberdesk_kit_wasm.js";
import { markReady } from "./state.js";

initSync({ module: wasmModule });
markReady();

export * from "./api.js";
export { CyberdeskKit } from "./client.js";

/** Nothing to do here: the module is ready on import. */
export async function init() {}
