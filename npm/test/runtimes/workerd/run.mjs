// Bundles worker.mjs with esbuild (conditions as wrangler uses them, the
// package's .wasm kept as a separate *module*, never as bytes), writes a
// workerd config, serves it on 127.0.0.1, fetches the smoke result and
// stops workerd.
//
//   node workerd/run.mjs WORK_DIR
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { freePort, report, sleep, stop } from "../lib/util.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const out = join(process.argv[2] ?? "/tmp/cdk-workerd", "workerd");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await esbuild.build({
  entryPoints: { worker: join(here, "worker.mjs") },
  outdir: out,
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  // What wrangler passes for a Worker.
  conditions: ["workerd", "worker", "browser"],
  mainFields: ["browser", "module", "main"],
  // The .wasm stays a file that workerd loads as a Wasm module.
  loader: { ".wasm": "copy" },
  assetNames: "[name]",
  logLevel: "warning",
});

const files = readdirSync(out);
const modules = files
  .filter((f) => f === "worker.js" || f.endsWith(".wasm"))
  .map((f) =>
    f.endsWith(".wasm")
      ? `(name = "${f}", wasm = embed "${f}")`
      : `(name = "${f}", esModule = embed "${f}")`,
  )
  // The main module comes first.
  .sort((a, b) => (a.includes('"worker.js"') ? -1 : b.includes('"worker.js"') ? 1 : 0));
const bundle = readFileSync(join(out, "worker.js"), "utf8");
console.log(`bundle: worker.js ${bundle.length} bytes; modules: ${files.filter((f) => f.endsWith(".wasm")).join(", ") || "(no .wasm module)"}`);

const port = await freePort();
writeFileSync(
  join(out, "config.capnp"),
  `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .smokeWorker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);

const smokeWorker :Workerd.Worker = (
  modules = [
    ${modules.join(",\n    ")}
  ],
  compatibilityDate = "2025-06-01",
  # As on Cloudflare: no eval and no Wasm compiled from bytes, at start-up too.
  compatibilityFlags = ["disallow_eval_during_startup"],
);
`,
);

const require = createRequire(import.meta.url);
const workerdBin = join(require.resolve("workerd/package.json"), "..", "bin", "workerd");
const child = spawn(workerdBin, ["serve", join(out, "config.capnp")], { stdio: ["ignore", "inherit", "inherit"] });
const exited = new Promise((r) => child.once("exit", (code, sig) => r(`workerd exited (${code ?? sig})`)));
const cleanup = () => child.kill("SIGKILL");
process.on("exit", cleanup);

try {
  let res;
  for (let i = 0; ; i++) {
    const early = await Promise.race([exited, sleep(250).then(() => null)]);
    if (early) throw new Error(early);
    try {
      res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(20000) });
      break;
    } catch (e) {
      if (i > 120) throw new Error(`workerd never answered on 127.0.0.1:${port}: ${e.message}`);
    }
  }
  const text = await res.text();
  if (res.status !== 200) throw new Error(`workerd answered ${res.status}: ${text.slice(0, 2000)}`);
  const { userAgent, refused, result } = JSON.parse(text);
  const allowed = Object.entries(refused).flatMap(([when, r]) => Object.entries(r).filter(([, v]) => !v).map(([k]) => `${k} ${when}`));
  if (allowed.length) throw new Error(`this workerd allows code generation (${allowed.join(", ")}): the test would prove nothing`);
  report(`workerd (${userAgent}) on 127.0.0.1:${port}`, result);
} finally {
  await stop(child);
  process.off("exit", cleanup);
}
