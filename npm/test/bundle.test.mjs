// A bundler must keep the runtime entries' initialization. With
// `"sideEffects": false` esbuild (and so wrangler) dropped the body of
// dist/workerd.js when a Worker imported only names
// (`import { validate } from "cyberdesk-kit"`): the .wasm was never
// instantiated and the first call threw "not initialized". package.json now
// lists the entries that initialize on import as having side effects.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Bundles `import { ... } from "cyberdesk-kit"` as a user's project would. */
async function bundle(conditions, platform) {
  const dir = mkdtempSync(join(tmpdir(), "cdk-bundle-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(pkg, join(dir, "node_modules", "cyberdesk-kit"), "dir");
  writeFileSync(join(dir, "entry.mjs"), 'import { parsePrompt } from "cyberdesk-kit";\nexport const n = parsePrompt("{a} {b}").length;\n');
  await esbuild.build({
    entryPoints: [join(dir, "entry.mjs")],
    outfile: join(dir, "out.mjs"),
    bundle: true,
    format: "esm",
    platform,
    conditions,
    mainFields: ["browser", "module", "main"],
    loader: { ".wasm": "copy" },
    external: ["*.wasm?module"],
    logLevel: "silent",
  });
  return dir;
}

for (const [runtime, conditions] of [
  ["workerd", ["workerd", "worker", "browser"]],
  ["edge-light", ["edge-light", "worker", "browser"]],
  ["node", ["node"]],
]) {
  test(`a named import bundled for ${runtime} keeps the entry's initSync`, async () => {
    const dir = await bundle(conditions, runtime === "node" ? "node" : "neutral");
    try {
      const out = readFileSync(join(dir, "out.mjs"), "utf8");
      assert.match(out, /initSync\(\{ module: /, "the entry's initialization was dropped");
      assert.match(out, /\bmarkReady\(\);/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
