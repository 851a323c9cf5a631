// The package as Node resolves it through its exports map (a package may
// import itself by name): ESM with no init, CommonJS `require`, and the
// browser entry's `init()` contract (in a child process, so its module
// state is its own).

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "..");
const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));

function node(code) {
  return execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: pkg, encoding: "utf8" }).trim();
}

test("exports map: types first, then workerd, deno, node, edge-light, browser, default", () => {
  const conditions = Object.keys(manifest.exports["."]);
  assert.deepEqual(conditions, ["types", "workerd", "deno", "node", "edge-light", "browser", "default"]);
  assert.equal(manifest.name, "cyberdesk-kit");
  assert.equal(manifest.type, "module");
});

test("import 'cyberdesk-kit' in Node: ready with no init", async () => {
  const kit = await import("cyberdesk-kit");
  assert.equal(kit.parsePrompt("{a}")[0].raw, "{a}");
  await kit.init(); // a no-op, for code shared with the browser
  const mine = await import("../dist/node.js");
  assert.equal(kit.KitError, mine.KitError, "the name resolves to dist/node.js");
});

test("require('cyberdesk-kit') in Node: the CommonJS build", () => {
  const kit = createRequire(import.meta.url)("cyberdesk-kit");
  assert.equal(kit.resolvePrompt("Hi {n}", { n: "Ada" }).text, "Hi Ada");
  assert.throws(() => kit.validate("Nope", {}), (e) => e instanceof kit.KitError && e.code === "unknown_schema");
  assert.throws(() => kit.validate("WorkflowUpdate", { name: NaN }), (e) => e instanceof kit.KitError && e.code === "unsupported_value");
  assert.ok(typeof kit.CyberdeskKit === "function");
});

test("browser entry: a clear error before init(), then one init() from bytes", () => {
  const out = node(`
    import { readFileSync } from "node:fs";
    import * as kit from "./dist/browser.js";
    let before;
    try { kit.parsePrompt("{a}"); } catch (e) { before = e.message; }
    const bytes = readFileSync("./dist/wasm/cyberdesk_kit_wasm_bg.wasm");
    await Promise.all([kit.init(bytes), kit.init(bytes)]);
    await kit.init();
    console.log(JSON.stringify({ before, after: kit.parsePrompt("{a}")[0].raw }));
  `);
  const { before, after } = JSON.parse(out);
  assert.match(before, /not initialized: `await init\(\)`/);
  assert.equal(after, "{a}");
});

test("browser entry: init() from a compiled WebAssembly.Module (what edge runtimes hand over)", () => {
  const out = node(`
    import { readFileSync } from "node:fs";
    import * as kit from "./dist/browser.js";
    const mod = new WebAssembly.Module(readFileSync("./dist/wasm/cyberdesk_kit_wasm_bg.wasm"));
    await kit.init(mod);
    console.log(kit.newIdempotencyKey().length);
  `);
  assert.equal(out, "36");
});

test("the package ships the wasm, the glue and the declarations", () => {
  for (const f of ["dist/node.js", "dist/node.cjs", "dist/deno.js", "dist/workerd.js", "dist/edge.js", "dist/browser.js", "dist/index.d.ts", "dist/index.d.cts", "dist/wasm/cyberdesk_kit_wasm.js", "dist/wasm/cyberdesk_kit_wasm_bg.wasm"]) {
    assert.ok(readFileSync(join(pkg, f)).length > 0, f);
  }
  // workerd forbids eval / new Function: the code it loads has none.
  for (const f of ["dist/workerd.js", "dist/edge.js", "dist/deno.js", "dist/wasm/cyberdesk_kit_wasm.js", "dist/api.js", "dist/convert.js", "dist/client.js", "dist/errors.js", "dist/call.js", "dist/state.js", "dist/fast.js", "dist/schema-table.js"]) {
    const text = readFileSync(join(pkg, f), "utf8");
    assert.ok(!/\beval\(|new Function\(|Function\(\s*["']return this/.test(text), `${f} uses eval`);
  }
});
