// Browsers, bundlers and edge runtimes: `await init()` once, before any
// other call. With no argument the .wasm is fetched from next to this file
// (bundlers such as Vite see the `new URL(..., import.meta.url)` in the glue
// and ship it); or pass a URL, a Response, bytes or a WebAssembly.Module.

import wbgInit from "./wasm/cyberdesk_kit_wasm.js";
import { isReady, markReady } from "./state.js";

export * from "./api.js";
export { CyberdeskKit } from "./client.js";

/**
 * Loads and instantiates the WebAssembly module. Call once; later calls
 * return at once.
 * @param {URL | string | Response | BufferSource | WebAssembly.Module | Promise<Response>} [input]
 */
export async function init(input) {
  if (isReady()) return;
  await wbgInit(input === undefined ? undefined : { module_or_path: input });
  markReady();
}
