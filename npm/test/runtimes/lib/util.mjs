// Small helpers shared by the runtime drivers (Node only).
import { createServer } from "node:net";

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Stops a child process: SIGTERM, then SIGKILL after `graceMs`. */
export async function stop(child, graceMs = 3000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(t);
}

/** Prints the smoke result the way check.mjs reads it. */
export function report(runtime, result) {
  console.log(`SMOKE_RUNTIME ${runtime}`);
  console.log(`SMOKE_RESULT ${JSON.stringify(result)}`);
}

/** Every difference between two JSON values, as `path: expected X, got Y`. */
export function differences(expected, actual, path = "result") {
  const diffs = [];
  const show = (v) => (v === undefined ? "(absent)" : JSON.stringify(v));
  function compare(exp, act, p) {
    if (exp !== null && typeof exp === "object") {
      if (act === null || typeof act !== "object" || Array.isArray(exp) !== Array.isArray(act)) {
        diffs.push(`${p}: expected ${show(exp)}, got ${show(act)}`);
        return;
      }
      if (Array.isArray(exp) && exp.length !== act.length) {
        diffs.push(`${p}: expected ${exp.length} items ${show(exp)}, got ${act.length} ${show(act)}`);
        return;
      }
      const keys = new Set([...Object.keys(exp), ...Object.keys(act)]);
      for (const k of keys) compare(exp[k], act[k], Array.isArray(exp) ? `${p}[${k}]` : `${p}.${k}`);
      return;
    }
    if (exp !== act) diffs.push(`${p}: expected ${show(exp)}, got ${show(act)}`);
  }
  compare(expected, actual, path);
  return diffs;
}
