// Builds browser/ with Vite, serves the build on 127.0.0.1 with a strict
// Content-Security-Policy (no eval; Wasm allowed), opens it in headless
// Chromium through playwright-core and reads the result from the page.
//
//   node browser/run.mjs WORK_DIR
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { runPage } from "../lib/browser.mjs";
import { report } from "../lib/util.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const out = join(process.argv[2] ?? "/tmp/cdk-browser", "browser");

await build({
  root: here,
  base: "./",
  logLevel: "warn",
  configFile: false,
  build: { outDir: out, emptyOutDir: true, target: "es2022" },
});

const { browser, port, result } = await runPage(out);
report(`${browser} (vite build, served on 127.0.0.1:${port})`, result);
