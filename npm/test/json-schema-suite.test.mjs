// The official JSON-Schema-Test-Suite through validateInstance: every
// required test of draft 4, 6, 7, 2019-09 and 2020-12, except the
// remote-document tests (refRemote.json, schemas naming localhost:1234).
// Any miss fails. The suite is fetched by tests/steps/json-schema-suite.sh
// (npm/scripts/test.sh runs it first) or found at $JSON_SCHEMA_TEST_SUITE.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as kit from "../dist/node.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const suite = process.env.JSON_SCHEMA_TEST_SUITE ?? join(root, "target", "json-schema-test-suite", "tests");
const DRAFTS = ["draft4", "draft6", "draft7", "draft2019-09", "draft2020-12"];

for (const draft of DRAFTS) {
  test(`JSON-Schema-Test-Suite ${draft}: every required test`, () => {
    assert.ok(existsSync(suite), `the suite is not at ${suite}: run bash tests/steps/json-schema-suite.sh`);
    const dir = join(suite, draft);
    const misses = [];
    let ran = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
      if (file === "refRemote.json") continue;
      for (const group of JSON.parse(readFileSync(join(dir, file), "utf8"))) {
        if (JSON.stringify(group.schema).includes("localhost:1234")) continue;
        for (const t of group.tests) {
          ran += 1;
          let got;
          try {
            got = kit.validateInstance(group.schema, t.data, { draft }).length === 0;
          } catch (e) {
            got = `${e.code}: ${e.message}`;
          }
          if (got !== t.valid) misses.push(`${file}: ${group.description} / ${t.description}: expected ${t.valid}, got ${got}`);
        }
      }
    }
    console.log(`json-schema-test-suite ${draft}: ${ran - misses.length} of ${ran} passed`);
    assert.ok(ran > 500, `only ${ran} tests found`);
    assert.deepEqual(misses, []);
  });
}
