// Whether the wasm instance is ready, and bringing it back after a trap.

import * as raw from "./wasm/cyberdesk_kit_wasm.js";

let ready = false;
let epoch = 0;

/** Marks the instance as initialized (called by the runtime entries). */
export function markReady() {
  ready = true;
}

/** Whether an entry initialized the instance. */
export function isReady() {
  return ready;
}

/** Bumped every time the instance is replaced. */
export function currentEpoch() {
  return epoch;
}

/** Throws a clear error before `init()` has finished. */
export function ensureReady() {
  if (!ready) {
    throw new Error(
      "cyberdesk-kit is not initialized: `await init()` once before calling it " +
        "(only the browser and default entries need this; Node, Deno and workerd initialize on import).",
    );
  }
}

/**
 * After a trap (a Rust panic, a stack overflow) the instance's memory can't
 * be trusted: replace it with a fresh one from the same compiled module.
 * Specs loaded before are reloaded lazily (see `loadSpec`).
 */
export function recover() {
  raw.__wbg_reset_state();
  epoch++;
}
