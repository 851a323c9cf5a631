// Compares a runtime's smoke result with expected.json.
//
//   node check.mjs LOG_FILE
//
// LOG_FILE is the runtime's captured output; its last line starting with
// "SMOKE_RESULT " holds the JSON result. Prints every difference as
// `path: expected X, got Y` and exits 1 when there is any (or no result).
import { readFileSync } from "node:fs";

const expected = JSON.parse(readFileSync(new URL("./expected.json", import.meta.url), "utf8"));
const log = readFileSync(process.argv[2], "utf8");
const line = log.split("\n").filter((l) => l.startsWith("SMOKE_RESULT ")).pop();
if (!line) {
  console.log("  no SMOKE_RESULT line in the output");
  process.exit(1);
}
let actual;
try {
  actual = JSON.parse(line.slice("SMOKE_RESULT ".length));
} catch (e) {
  console.log(`  SMOKE_RESULT is not JSON: ${e.message}`);
  process.exit(1);
}

const diffs = [];
const show = (v) => (v === undefined ? "(absent)" : JSON.stringify(v));
function compare(exp, act, path) {
  if (exp !== null && typeof exp === "object") {
    if (act === null || typeof act !== "object" || Array.isArray(exp) !== Array.isArray(act)) {
      diffs.push(`${path}: expected ${show(exp)}, got ${show(act)}`);
      return;
    }
    if (Array.isArray(exp) && exp.length !== act.length) {
      diffs.push(`${path}: expected ${exp.length} items ${show(exp)}, got ${act.length} ${show(act)}`);
      return;
    }
    const keys = new Set([...Object.keys(exp), ...Object.keys(act)]);
    for (const k of keys) compare(exp[k], act[k], Array.isArray(exp) ? `${path}[${k}]` : `${path}.${k}`);
    return;
  }
  if (exp !== act) diffs.push(`${path}: expected ${show(exp)}, got ${show(act)}`);
}
compare(expected, actual, "result");
for (const d of diffs) console.log(`  ${d}`);
process.exit(diffs.length ? 1 : 0);
