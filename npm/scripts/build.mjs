#!/usr/bin/env node
// Builds the package into npm/dist:
//   1. cargo: bindings/wasm for wasm32-unknown-unknown, profile `wasm`
//      (opt-level z, fat LTO, one codegen unit);
//   2. wasm-bindgen 0.2.130, `web` target once: one .wasm and one glue file
//      serve every runtime; the entries differ only in how they hand the
//      .wasm to the glue (read from disk, imported as a module, fetched);
//      the glue's module check is patched to work across realms;
//   3. the hand-written sources (src/*.js, src/index.d.ts) copied as they are;
//   4. esbuild: the CommonJS entry for `require` in Node (dist/node.cjs);
//   5. the size of wasm + glue, gzipped, against the 400 KB budget.
//
// Options: --skip-cargo (reuse the last cargo output), --wasm-opt (run
// binaryen's wasm-opt -Oz if installed; measured not to help, see README).

import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const WASM_BINDGEN_VERSION = "0.2.130";
const BUDGET = 400 * 1024;

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "..");
const root = join(pkg, "..");
const dist = join(pkg, "dist");
const args = new Set(process.argv.slice(2));

function run(cmd, argv, opts = {}) {
  console.log(`$ ${cmd} ${argv.join(" ")}`);
  return execFileSync(cmd, argv, { stdio: opts.capture ? ["ignore", "pipe", "inherit"] : "inherit", cwd: opts.cwd ?? root, encoding: "utf8" });
}

// 1. cargo
const meta = JSON.parse(
  execFileSync("cargo", ["metadata", "--format-version", "1", "--no-deps"], { cwd: root, encoding: "utf8" }),
);
const rawWasm = join(meta.target_directory, "wasm32-unknown-unknown", "wasm", "cyberdesk_kit_wasm.wasm");
if (!args.has("--skip-cargo")) {
  run("cargo", ["build", "--target", "wasm32-unknown-unknown", "--profile", "wasm", "-p", "cyberdesk-kit-wasm"]);
}
if (!existsSync(rawWasm)) throw new Error(`no cargo output at ${rawWasm}`);

// 2. wasm-bindgen
let version = "";
try {
  version = execFileSync("wasm-bindgen", ["--version"], { encoding: "utf8" }).trim();
} catch {
  // reported below
}
if (version !== `wasm-bindgen ${WASM_BINDGEN_VERSION}`) {
  throw new Error(
    `wasm-bindgen ${WASM_BINDGEN_VERSION} is required (found: ${version || "none"}); ` +
      `cargo install wasm-bindgen-cli --version ${WASM_BINDGEN_VERSION} --locked`,
  );
}
rmSync(dist, { recursive: true, force: true });
const wasmDir = join(dist, "wasm");
mkdirSync(wasmDir, { recursive: true });
run("wasm-bindgen", [
  "--target", "web",
  "--out-dir", wasmDir,
  "--experimental-reset-state-function",
  "--remove-name-section",
  "--remove-producers-section",
  rawWasm,
]);
const wasmFile = join(wasmDir, "cyberdesk_kit_wasm_bg.wasm");

// The glue's `initSync` asks `module instanceof WebAssembly.Module`, which is
// false for a module compiled in another JavaScript realm: Next.js's edge
// sandbox (a `vm` context) hands over a module its host compiled, and the
// glue would then try to compile it again from "bytes" and throw during
// import. Ask the engine instead: every realm's modules carry the
// `WebAssembly.Module` tag. Fails the build if wasm-bindgen changes the line.
const glueFile = join(wasmDir, "cyberdesk_kit_wasm.js");
const glue = readFileSync(glueFile, "utf8");
const sameRealmCheck = "if (!(module instanceof WebAssembly.Module)) {";
if (glue.split(sameRealmCheck).length !== 2) {
  throw new Error(`the wasm-bindgen glue no longer has exactly one \`${sameRealmCheck}\`: update the cross-realm patch in build.mjs`);
}
writeFileSync(
  glueFile,
  glue.replace(sameRealmCheck, 'if (Object.prototype.toString.call(module) !== "[object WebAssembly.Module]") {'),
);

// Optional wasm-opt (not part of the default build: see README "Size").
if (args.has("--wasm-opt")) {
  const bin = join(pkg, "node_modules", ".bin", "wasm-opt");
  if (!existsSync(bin)) throw new Error("--wasm-opt: install binaryen first (npm install --no-save binaryen)");
  run(bin, ["-Oz", "--all-features", wasmFile, "-o", wasmFile]);
}

// 3. sources
for (const f of readdirSync(join(pkg, "src"))) {
  if (f.endsWith(".js")) cpSync(join(pkg, "src", f), join(dist, f));
}
cpSync(join(pkg, "src", "index.d.ts"), join(dist, "index.d.ts"));
cpSync(join(pkg, "src", "index.d.ts"), join(dist, "index.d.cts"));
cpSync(join(pkg, "src", "wasm.d.ts"), join(dist, "wasm.d.ts"));

// 4. CommonJS for `require` in Node: the ESM Node entry bundled as one file
// that still loads dist/wasm/*.wasm from next to itself.
run(join(pkg, "node_modules", ".bin", "esbuild"), [
  join(dist, "node.js"),
  "--bundle",
  "--platform=node",
  "--format=cjs",
  "--target=node18",
  "--log-level=warning",
  "--define:import.meta.url=__cyberdesk_kit_import_meta_url",
  "--banner:js=var __cyberdesk_kit_import_meta_url = require(\"node:url\").pathToFileURL(__filename).href;",
  `--outfile=${join(dist, "node.cjs")}`,
], { cwd: pkg });

// 5. size
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const glueFiles = ["wasm/cyberdesk_kit_wasm.js", "browser.js", "api.js", "call.js", "client.js", "convert.js", "errors.js", "state.js"];
const wasmGz = gz(wasmFile);
const glueGz = glueFiles.reduce((n, f) => n + gz(join(dist, f)), 0);
const total = wasmGz + glueGz;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sizes = {
  wasm_bytes: statSync(wasmFile).size,
  wasm_gzip: wasmGz,
  glue_gzip: glueGz,
  total_gzip: total,
  budget_gzip: BUDGET,
};
writeFileSync(join(dist, "size.json"), JSON.stringify(sizes, null, 2) + "\n");
console.log(
  `size: wasm ${kb(sizes.wasm_bytes)} (${kb(wasmGz)} gzipped) + glue ${kb(glueGz)} gzipped = ${kb(total)} gzipped` +
    ` (budget ${kb(BUDGET)}): ${total <= BUDGET ? "within budget" : "OVER BUDGET, see npm/CORE-REQUESTS.md"}`,
);
