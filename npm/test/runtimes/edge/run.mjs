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

// Host side, before any user code: compile the modules in the host's realm
// and hand them to the VM, as Next.js's edge sandbox does (so
// `instanceof WebAssembly.Module` is false inside the VM: the package must
// not depend on it), then lock Wasm code generation the way the Edge
// Runtime does.
const runtime = new EdgeRuntime({
  extend(context) {
    context.__edgeWasmModules = Object.fromEntries([...wasmFiles].map(([n, p]) => [n, new WebAssembly.Module(readFileSync(p))]));
    return context;
  },
});
runtime.evaluate(`(() => {
  const W = WebAssembly, Module = W.Module, instantiate = W.instantiate.bind(W);
  const isModule = (m) => Object.prototype.toString.call(m) === "[object WebAssembly.Module]";
  if (Object.values(globalThis.__edgeWasmModules).some((m) => m instanceof Module)) throw new Error("the modules must come from the host's realm");
  const no = (what) => new EvalError(what + ": dynamic WASM code generation is not allowed in the Edge Runtime");
  function LockedModule() { throw no("new WebAssembly.Module"); }
  LockedModule.prototype = Module.prototype;
  Object.defineProperty(LockedModule, Symbol.hasInstance, { value: (v) => v instanceof Module });
  W.Module = LockedModule;
  W.compile = () => Promise.reject(no("WebAssembly.compile"));
  W.compileStreaming = () => Promise.reject(no("WebAssembly.compileStreaming"));
  W.instantiateStreaming = () => Promise.reject(no("WebAssembly.instantiateStreaming"));
  W.instantiate = (m, imports) => isModule(m) ? instantiate(m, imports) : Promise.reject(no("WebAssembly.instantiate(bytes)"));
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
