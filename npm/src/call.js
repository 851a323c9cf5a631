// Every call into wasm goes through `invoke`: a thrown string is the core's
// error (its plain form as JSON text); anything else is a trap, after which
// the instance is replaced so the next call works.

import { KitError, fromPlain } from "./errors.js";
import { recover } from "./state.js";

/** Calls into wasm; a thrown string is the core's error, anything else a trap. */
export function invoke(fn) {
  try {
    return fn();
  } catch (e) {
    throw translate(e);
  }
}

export function translate(e) {
  if (typeof e === "string") return fromPlain(JSON.parse(e));
  if (e instanceof KitError) return e;
  // A trap (a Rust panic, memory exhausted) or an engine error thrown while
  // the instance was running: its memory can't be trusted any more.
  let restarted = "was restarted";
  try {
    recover();
  } catch {
    restarted = "could not be restarted";
  }
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new KitError(
    "internal_error",
    `internal error: the WebAssembly module failed (${what}) and ${restarted}; please report this`,
    { cause: e },
  );
}

