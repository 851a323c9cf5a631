// Runs the smoke inside Vercel's `edge-runtime` (the EdgeRuntime VM).
//
// The bundle is made like Vercel/Next.js make an Edge Function: esbuild
// with the edge conditions, and every `.wasm` / `.wasm?module` import
// turned into a WebAssembly.Module that the host compiles ahead of time and
// hands to the VM. Inside the VM, as on Vercel, code generation is off:
// no eval / new Function, and no compiling Wasm from bytes at run time
// (WebAssembly.compile / instantiate(bytes) / new WebAssembly.Module throw).
//
//   node edge/run.mjs WORK_DIR
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { EdgeRuntime } from "edge-runtime";
import { report } from "../lib/util.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const out = join(process.argv[2] ?? "/tmp/cdk-edge", "edge");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const wasmFiles = new Map(); // binding name -> absolute path
const wasmModules = {
  name: "wasm-modules",
  setup(build) {
    build.onResolve({ filter: /\.wasm(\?module)?$/ }, (args) => ({
      path: join(args.resolveDir, args.path.replace(/\?module$/, "")),
      namespace: "edge-wasm",
    }));
    build.onLoad({ filter: /.*/, namespace: "edge-wasm" }, (args) => {
      const name = `wasm_${wasmFiles.size}_${basename(args.path).replace(/\W/g, "_")}`;
      wasmFiles.set(name, args.path);
      return { contents: `export default globalThis.__edgeWasmModules[${JSON.stringify(name)}];`, loader: "js" };
    });
  },
};

const result = await esbuild.build({
  entryPoints: [join(here, "entry.mjs")],
  outfile: join(out, "edge.js"),
  bundle: true,
  format: "iife",
  platform: "neutral",
  target: "es2022",
  // The conditions Next.js / Vercel use for the edge runtime.
  conditions: ["edge-light", "worker", "browser"],
  mainFields: ["browser", "module", "main"],
  plugins: [wasmModules],
  logLevel: "warning",
  logOverride: { "import-is-undefined": "silent" }, // `init` is optional
  write: false,
});
const code = result.outputFiles[0].text;
console.log(`bundle: ${code.length} bytes; wasm modules: ${[...wasmFiles.values()].map((p) => basename(p)).join(", ") || "(none)"}`);

const runtime = new EdgeRuntime({
  extend(context) {
    context.__edgeWasmBytes = Object.fromEntries([...wasmFiles].map(([n, p]) => [n, new Uint8Array(readFileSync(p))]));
    return context;
  },
});
// Host side, before any user code: compile the modules in the VM's own
// realm (so `instanceof WebAssembly.Module` holds there), then lock Wasm
// code generation the way the Edge Runtime does.
runtime.evaluate(`(() => {
  const W = WebAssembly, Module = W.Module, instantiate = W.instantiate.bind(W);
  globalThis.__edgeWasmModules = {};
  for (const [n, b] of Object.entries(globalThis.__edgeWasmBytes)) globalThis.__edgeWasmModules[n] = new Module(b);
  delete globalThis.__edgeWasmBytes;
  const no = (what) => new EvalError(what + ": dynamic WASM code generation is not allowed in the Edge Runtime");
  function LockedModule() { throw no("new WebAssembly.Module"); }
  LockedModule.prototype = Module.prototype;
  Object.defineProperty(LockedModule, Symbol.hasInstance, { value: (v) => v instanceof Module });
  W.Module = LockedModule;
  W.compile = () => Promise.reject(no("WebAssembly.compile"));
  W.compileStreaming = () => Promise.reject(no("WebAssembly.compileStreaming"));
  W.instantiateStreaming = () => Promise.reject(no("WebAssembly.instantiateStreaming"));
  W.instantiate = (m, imports) => m instanceof Module ? instantiate(m, imports) : Promise.reject(no("WebAssembly.instantiate(bytes)"));
})()`);
// The VM really refuses code generation (else this test could not fail).
const probe = runtime.evaluate(`(() => {
  const refused = (f) => { try { f(); return false; } catch { return true; } };
  return {
    eval: refused(() => eval("1")),
    newFunction: refused(() => new Function("return 1")),
    wasmBytes: refused(() => new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))),
  };
})()`);
if (!probe.eval || !probe.newFunction || !probe.wasmBytes) throw new Error(`the VM allows code generation: ${JSON.stringify(probe)}`);
runtime.evaluate(code);
const value = await runtime.evaluate("globalThis.__cyberdeskSmoke()");
report(`edge-runtime ${JSON.parse(readFileSync(new URL("../node_modules/edge-runtime/package.json", import.meta.url))).version} (EdgeRuntime=${runtime.evaluate("typeof EdgeRuntime")})`, JSON.parse(JSON.stringify(value)));
