// Bundles the builder page with esbuild, following the npm README's esbuild
// recipe (the .wasm through the `file` loader, its URL given to init()).
//
//   node build.mjs            writes dist/ (open it through any static server)
//   node build.mjs --serve    writes dist/ and serves it on http://127.0.0.1:8000
//
// The browser test (npm/test/runtimes/builder/run.mjs) calls buildPage()
// with its own esbuild and the packed package.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Builds the page into `outdir` with the given esbuild module. `nodePaths`:
 * where else to look for "cyberdesk-kit" (the test's packed copy).
 */
export async function buildPage(esbuild, { outdir = join(here, "dist"), nodePaths = [] } = {}) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await esbuild.build({
    entryPoints: { main: join(here, "src", "main.js") },
    outdir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    loader: { ".wasm": "file" },
    nodePaths,
    minify: true,
    logLevel: "warning",
  });
  copyFileSync(join(here, "index.html"), join(outdir, "index.html"));
  return outdir;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const esbuild = await import("esbuild");
  const outdir = await buildPage(esbuild);
  console.log(`built ${outdir} with esbuild ${esbuild.version}`);
  if (process.argv.includes("--serve")) {
    const ctx = await esbuild.context({});
    const { port } = await ctx.serve({ servedir: outdir, host: "127.0.0.1", port: 8000 });
    console.log(`open http://127.0.0.1:${port}/ (Ctrl-C to stop)`);
  }
}
