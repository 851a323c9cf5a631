// Compares a runtime's smoke result with expected.json.
//
//   node check.mjs LOG_FILE
//
// LOG_FILE is the runtime's captured output; its last line starting with
// "SMOKE_RESULT " holds the JSON result. Prints every difference as
// `path: expected X, got Y` and exits 1 when there is any (or no result).
import { readFileSync } from "node:fs";
import { differences } from "./lib/util.mjs";

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

const diffs = differences(expected, actual);
for (const d of diffs) console.log(`  ${d}`);
process.exit(diffs.length ? 1 : 0);
