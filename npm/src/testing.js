// Test hooks, reachable only by file path (not in the exports map).

import * as raw from "./wasm/cyberdesk_kit_wasm.js";
import { invoke } from "./call.js";
import { ensureReady } from "./state.js";

/** Makes the wasm instance trap, through the same path as every operation. */
export function trap() {
  ensureReady();
  return invoke(() => raw.__testTrap());
}
