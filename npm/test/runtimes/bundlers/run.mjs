// Builds a browser page with one bundler, following the npm README's recipe
// for it, then opens it in headless Chromium (lib/browser.mjs) and reports
// the smoke result:
//   esbuild   bundlers/esbuild-main.mjs, `--loader:.wasm=file`, init(url)
//   rollup    browser/main.mjs with the README's rollup.config.mjs
//             (@rollup/plugin-node-resolve for the browser entry and
//             @web/rollup-plugin-import-meta-assets), init()
//   webpack   browser/main.mjs, webpack 5 with no configuration beyond
//             entry and output, init()
// (Vite is browser/run.mjs.)
//
//   node bundlers/run.mjs esbuild|rollup|webpack WORK_DIR
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runPage } from "../lib/browser.mjs";
import { report } from "../lib/util.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const [bundler, work = "/tmp/cdk-bundlers"] = process.argv.slice(2);
const out = join(work, bundler);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const page = join(here, "..", "browser", "main.mjs");
let version;

if (bundler === "esbuild") {
  const esbuild = await import("esbuild");
  version = esbuild.version;
  await esbuild.build({
    entryPoints: { main: join(here, "esbuild-main.mjs") },
    outdir: out,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    loader: { ".wasm": "file" },
    logLevel: "warning",
  });
} else if (bundler === "rollup") {
  const { rollup, VERSION } = await import("rollup");
  // The npm README's rollup.config.mjs, verbatim (test/readme.test.mjs
  // checks); only its input and output directory are this test's.
  const { default: config } = await import("./rollup.config.mjs");
  version = VERSION;
  const warnings = [];
  const bundle = await rollup({
    ...config,
    input: { main: page },
    onwarn: (w) => warnings.push(`${w.code}: ${w.message}`),
  });
  await bundle.write({ ...config.output, dir: out });
  await bundle.close();
  // A warning is a problem users see: an import circle, an unresolved import.
  if (warnings.length) throw new Error(`rollup warned:\n${warnings.join("\n")}`);
} else if (bundler === "webpack") {
  const { default: webpack } = await import("webpack");
  version = webpack.version;
  const stats = await new Promise((resolve, reject) =>
    webpack({ mode: "production", entry: { main: page }, output: { path: out, filename: "[name].js" } }, (err, s) =>
      err ? reject(err) : resolve(s),
    ),
  );
  const info = stats.toJson({ all: false, errors: true, warnings: true });
  if (stats.hasErrors()) throw new Error(`webpack failed:\n${info.errors.map((e) => e.message).join("\n")}`);
  for (const w of info.warnings) console.log(`webpack warning: ${w.message.split("\n")[0]}`);
} else {
  throw new Error("usage: node bundlers/run.mjs esbuild|rollup|webpack WORK_DIR");
}

copyFileSync(join(here, "index.html"), join(out, "index.html"));
const files = readdirSync(out, { recursive: true });
console.log(`${bundler} ${version}: ${files.join(", ")}`);
if (!files.some((f) => f.endsWith(".wasm"))) throw new Error(`${bundler} emitted no .wasm`);
const { browser, port, result } = await runPage(out);
report(`${browser} (${bundler} ${version} build, served on 127.0.0.1:${port})`, result);
