#!/usr/bin/env node
// Measures the two ways a value can cross into wasm and back:
//   json: npm/src/convert.js writes JSON text (with every hostile-value
//         check), the core parses it, serializes the value, JSON.parse reads it;
//   swb:  serde-wasm-bindgen walks the JS object from Rust and builds a JS
//         object back (no hostile-value checks at all: a lower bound).
// Builds the binding with the `crossing-bench` feature into its own target
// directory (so the package's build is untouched), then times both.
//
//   node scripts/bench-crossing.mjs [--skip-cargo]

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const meta = JSON.parse(execFileSync("cargo", ["metadata", "--format-version", "1", "--no-deps"], { cwd: root, encoding: "utf8" }));
const targetDir = join(meta.target_directory, "crossing-bench");
const out = join(targetDir, "js");
if (!process.argv.includes("--skip-cargo")) {
  execFileSync(
    "cargo",
    ["build", "--target", "wasm32-unknown-unknown", "--profile", "wasm", "-p", "cyberdesk-kit-wasm", "--features", "crossing-bench"],
    { cwd: root, stdio: "inherit", env: { ...process.env, CARGO_TARGET_DIR: targetDir } },
  );
}
mkdirSync(out, { recursive: true });
execFileSync("wasm-bindgen", ["--target", "web", "--out-dir", out, join(targetDir, "wasm32-unknown-unknown", "wasm", "cyberdesk_kit_wasm.wasm")], { stdio: "inherit" });

const glue = await import(pathToFileURL(join(out, "cyberdesk_kit_wasm.js")).href);
glue.initSync({ module: readFileSync(join(out, "cyberdesk_kit_wasm_bg.wasm")) });
// convert.js words its errors through the package's own glue: load the
// built package so that module is initialized too.
await import(pathToFileURL(join(here, "..", "dist", "node.js")).href);
const { toJson } = await import(pathToFileURL(join(here, "..", "dist", "convert.js")).href);

const ID = "550e8400-e29b-41d4-a716-446655440000";
const small = { workflow_id: ID, main_prompt: "Look up {customer_id}.", input_values: { customer_id: "C-42" }, session_alias: null };
const medium = {
  name: "Nightly invoices",
  main_prompt: "Export the invoices of {day} for {customer.name} ".repeat(40),
  terminal_command_allowlist: Array.from({ length: 40 }, (_, i) => `cmd-${i}`),
  post_run_checks: Array.from({ length: 20 }, (_, i) => ({ name: `check ${i}`, type: "run_attachment_exists", file_target_mode: "exact", file_names: [`f${i}.csv`], expected_match_count: 1 })),
};
const large = {
  workflow_id: ID,
  input_values: Object.fromEntries(
    Array.from({ length: 3000 }, (_, i) => [`key_${i}`, { id: i, label: `Zoë item ${i} 😀`, tags: ["a", "b", "c"], price: i * 1.25, ok: i % 2 === 0 }]),
  ),
};

function time(fn, budgetMs = 700) {
  for (let i = 0; i < 20; i++) fn(); // warm up
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < budgetMs) {
    fn();
    n++;
    now = performance.now();
  }
  return ((now - start) * 1000) / n; // microseconds per call
}

const rows = [];
for (const [name, value] of [["small (RunCreate, ~150 B)", small], ["medium (WorkflowUpdate, ~5 KB)", medium], ["large (3000 inputs, ~285 KB)", large]]) {
  const bytes = JSON.stringify(value).length;
  const json = time(() => JSON.parse(glue.__benchJson(toJson(value, "value"))));
  const swb = time(() => glue.__benchSwb(value));
  rows.push({ payload: name, json_bytes: bytes, "json µs": json.toFixed(1), "swb µs": swb.toFixed(1), "swb/json": (swb / json).toFixed(2) });
}
console.table(rows);
