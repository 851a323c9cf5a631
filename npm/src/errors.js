// The one error class of the package, and the turning of whatever the wasm
// side throws into it.

import * as raw from "./wasm/cyberdesk_kit_wasm.js";

/**
 * What every operation of the package throws. Choose by `code` (stable,
 * listed by `errorCodes()`), never by `message`.
 */
export class KitError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {{errors?: object[], issues?: object[], status?: number, cause?: unknown}} [details]
   */
  constructor(code, message, details = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "KitError";
    this.code = code;
    this.errors = details.errors ?? [];
    this.issues = details.issues ?? [];
    this.status = details.status;
  }

  /** The plain form `{code, message, errors, issues, status?}`. */
  toJSON() {
    const out = { code: this.code, message: this.message, errors: this.errors, issues: this.issues };
    if (this.status !== undefined) out.status = this.status;
    return out;
  }
}

/** A `KitError` from the core's plain form. */
export function fromPlain(p) {
  return new KitError(p.code, p.message, { errors: p.errors, issues: p.issues, status: p.status });
}

/** An error found while converting a host value, worded by the core. */
export function hostError(code, detail) {
  return fromPlain(JSON.parse(raw.hostError(code, detail)));
}
