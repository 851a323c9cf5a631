#!/usr/bin/env node
// The JavaScript benchmarks of cyberdesk-kit (issue 5), every ratio measured
// in this run, on the same inputs (bench/fixtures, from make_fixtures.py):
//
//   validate    cyberdesk-kit `validate` vs Ajv (2020 mode + ajv-formats) vs
//               @cfworker/json-schema (draft 2020-12), one schema for all:
//               the component schemas of crates/cyberdesk-kit/spec/openapi.json,
//               formats on everywhere, every error collected (the package
//               reports them all; Ajv's default stop-at-first-error is shown
//               too, as `ajv-first`). Aborts unless all agree on every fixture.
//   crossing    where a cyberdesk-kit validate spends its time: JS value ->
//               JSON text (the package's checked writer), the wasm call on
//               that text (copy in, parse, validate, result out), against
//               JSON.stringify and a bare UTF-8 copy.
//   build       buildWorkflowUpdate / buildRunCreate vs validate +
//               JSON.stringify of the same payload (issue 11: the builders
//               no slower than that), on the valid fixtures.
//   resolve     resolvePrompt and resolvePromptText (text and issues only)
//               vs the hand-written regex resolver (regex-resolver.mjs);
//               the outputs must be identical.
//   cold_start  import + first validate in a fresh Node process, and in
//               workerd (process start to first response, see workerdCold).
//   size        wasm + glue gzipped (level 9, as npm/scripts/build.mjs), and
//               the alternatives bundled and minified with esbuild.
//
//   node bench.mjs [--quick] [--out FILE] [--skip-workerd]
//
// Rows go to bench/results/node.json (or --out):
//   {group, case, contender, median_us | bytes, lang: "js", samples?}
// Each timed figure is the median over `rounds` batches, a batch being as
// many back-to-back calls as fill `batchMs` (its per-call mean); contenders
// take turns batch by batch, so noise from the shared machine hits all alike.

import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

import * as kit from "cyberdesk-kit";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { Validator } from "@cfworker/json-schema";
import { regexResolve } from "./regex-resolver.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const FIXTURES = join(ROOT, "bench", "fixtures");
const DIST = join(ROOT, "npm", "dist");
const SPEC_FILE = join(ROOT, "crates", "cyberdesk-kit", "spec", "openapi.json");
const require = createRequire(import.meta.url);

// The package's internals, for the crossing breakdown only (the same module
// instances the package entry uses: the symlink resolves to npm/dist).
const { toJson, jsonBudget } = await import(new URL("../../npm/dist/convert.js", import.meta.url));
const raw = await import(new URL("../../npm/dist/wasm/cyberdesk_kit_wasm.js", import.meta.url));

const args = process.argv.slice(2);
const QUICK = args.includes("--quick");
const SKIP_WORKERD = args.includes("--skip-workerd");
const OUT = args.includes("--out") ? args[args.indexOf("--out") + 1] : join(ROOT, "bench", "results", "node.json");

const P = QUICK
  ? { warmMs: 30, batchMs: 2, rounds: 15, bigRounds: 3, hugeRounds: 2, coldRuns: 3, workerdRuns: 3 }
  : { warmMs: 250, batchMs: 5, rounds: 150, bigRounds: 11, hugeRounds: 5, coldRuns: 15, workerdRuns: 9 };

const rows = [];
const row = (group, kase, contender, median_us, samples) =>
  rows.push({ group, case: kase, contender, median_us: round(median_us), lang: "js", ...(samples ? { samples } : {}) });
const round = (x) => Math.round(x * 1000) / 1000;
const started = performance.now();
const log = (s) => console.error(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${s}`);

// ---------------------------------------------------------------- fixtures
const VALIDATE_FIXTURES = [];
for (const kind of ["workflow_update", "run_create"]) {
  for (const size of ["small", "medium", "large"]) for (const v of ["valid", "invalid"]) VALIDATE_FIXTURES.push(`${kind}_${size}_${v}`);
}
const PROMPT_FIXTURES = ["prompt_100k", "prompt_flat_100k", "prompt_1m", "prompt_10m"];
if ([...VALIDATE_FIXTURES, ...PROMPT_FIXTURES].some((n) => !existsSync(join(FIXTURES, `${n}.json`)))) {
  log("writing fixtures: python3 bench/make_fixtures.py");
  execFileSync("python3", [join(ROOT, "bench", "make_fixtures.py")], { stdio: ["ignore", "ignore", "inherit"] });
}
const fixture = (name) => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8"));

// ---------------------------------------------------------------- timing
let sink;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Times each [name, fn] as described at the top; returns {name: {us, samples}}. */
function measure(contenders, { warmMs = P.warmMs, batchMs = P.batchMs, rounds = P.rounds } = {}) {
  const cs = contenders.map(([name, fn]) => {
    let n = 0;
    const t0 = performance.now();
    let t;
    do {
      sink = fn();
      n++;
      t = performance.now();
    } while (t - t0 < warmMs);
    const per = (t - t0) / n;
    return { name, fn, batch: Math.max(1, Math.round(batchMs / per)), samples: [] };
  });
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < cs.length; i++) {
      const c = cs[(i + r) % cs.length];
      const t0 = performance.now();
      for (let k = 0; k < c.batch; k++) sink = c.fn();
      c.samples.push(((performance.now() - t0) * 1000) / c.batch);
    }
  }
  return Object.fromEntries(cs.map((c) => [c.name, { us: median(c.samples), samples: c.samples.length * c.batch }]));
}

// ---------------------------------------------------------------- validate
const spec = JSON.parse(readFileSync(SPEC_FILE, "utf8"));
const SPEC_ID = "https://cyberdesk-kit.invalid/openapi.json";
function makeAjv(allErrors) {
  // strict mode stays on: `components` is declared as a keyword (it holds the
  // schemas the $refs point into) and nothing else in the document trips it.
  const ajv = new Ajv2020({ allErrors, strict: true });
  addFormats(ajv); // "full" mode: uuid and date-time checked
  ajv.addKeyword("components");
  ajv.addSchema({ $id: SPEC_ID, components: spec.components });
  return (name) => ajv.getSchema(`${SPEC_ID}#/components/schemas/${name}`);
}
const ajvAll = makeAjv(true);
const ajvFirst = makeAjv(false);
const cfworker = {};
const cf = (name) =>
  (cfworker[name] ??= new Validator({ $ref: `#/components/schemas/${name}`, components: spec.components }, "2020-12", false));

const ptr = (loc) => loc.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");

log("validate: checking that every contender agrees");
const validateCases = VALIDATE_FIXTURES.map((name) => {
  const { schema, payload } = fixture(name);
  const a = ajvAll(schema);
  const a1 = ajvFirst(schema);
  const c = cf(schema);
  const kitErrors = kit.validate(schema, payload);
  const ajvValid = a(payload);
  const ajvLocs = new Set((a.errors ?? []).map((e) => e.instancePath));
  const cfResult = c.validate(payload);
  const cfLocs = new Set(cfResult.errors.map((e) => e.instanceLocation.replace(/^#/, "")));
  const verdicts = { "cyberdesk-kit": kitErrors.length === 0, ajv: ajvValid, "ajv-first": a1(payload), cfworker: cfResult.valid };
  const expected = name.endsWith("_valid");
  const wrong = Object.entries(verdicts).filter(([, v]) => v !== expected);
  if (wrong.length) {
    console.error(`ABORT: the contenders disagree on ${name} (expected ${expected ? "valid" : "invalid"}): ${JSON.stringify(verdicts)}`);
    process.exit(1);
  }
  // Beyond the verdict: every place cyberdesk-kit reports is one the others report.
  for (const e of kitErrors) {
    const at = ptr(e.loc.slice(1));
    if (!ajvLocs.has(at) || !cfLocs.has(at)) {
      console.error(`ABORT: on ${name}, cyberdesk-kit reports ${JSON.stringify(e.loc)} (${e.type}) where ${!ajvLocs.has(at) ? "Ajv" : "@cfworker/json-schema"} reports nothing`);
      process.exit(1);
    }
  }
  return { name, schema, payload, a, a1, c, errors: kitErrors.length, bytes: JSON.stringify(payload).length };
});

log("validate: timing");
for (const v of validateCases) {
  const r = measure([
    ["cyberdesk-kit", () => kit.validate(v.schema, v.payload)],
    ["ajv", () => v.a(v.payload)],
    ["ajv-first", () => v.a1(v.payload)],
    ["cfworker", () => v.c.validate(v.payload)],
  ]);
  for (const [c, m] of Object.entries(r)) row("validate", v.name, c, m.us, m.samples);
}

// ---------------------------------------------------------------- build
log("build: the builders vs validate + JSON.stringify");
const WF_ID = "550e8400-e29b-41d4-a716-446655440000";
const IDEM = "bench-key-0001";
for (const v of validateCases.filter((c) => c.name.endsWith("_valid"))) {
  const build =
    v.schema === "WorkflowUpdate"
      ? () => kit.buildWorkflowUpdate(WF_ID, v.payload, { idempotencyKey: IDEM })
      : () => kit.buildRunCreate(v.payload, { idempotencyKey: IDEM });
  const r = measure([
    ["cyberdesk-kit", build],
    ["cyberdesk-kit validate + JSON.stringify", () => [kit.validate(v.schema, v.payload), JSON.stringify(v.payload)]],
  ]);
  for (const [c, m] of Object.entries(r)) row("build", v.name, c, m.us, m.samples);
}

// ---------------------------------------------------------------- crossing
log("crossing: where a validate call spends its time");
const encoder = new TextEncoder();
for (const v of validateCases) {
  const text = toJson(v.payload, "payload");
  const buf = new Uint8Array(text.length * 3);
  const r = measure([
    ["cyberdesk-kit", () => kit.validate(v.schema, v.payload)],
    ["kit:to_json", () => toJson(v.payload, "payload")],
    ["kit:wasm_call", () => JSON.parse(raw.validate(v.schema, text))],
    ["json_stringify", () => JSON.stringify(v.payload)],
    ["utf8_copy", () => encoder.encodeInto(text, buf)],
    // The floor under validate(): the check that the whole payload has a
    // JSON form (what the fast path runs over free-form values), alone.
    ["json_form_check", () => jsonBudget(v.payload, 1, Number.MAX_SAFE_INTEGER)],
  ]);
  for (const [c, m] of Object.entries(r)) row("crossing", v.name, c, m.us, m.samples);
}

// ---------------------------------------------------------------- resolve
log("resolve: checking that the outputs are identical");
for (const name of PROMPT_FIXTURES) {
  const f = fixture(name);
  const iv = f.input_values;
  const sv = f.sensitive_input_values;
  const full = kit.resolvePrompt(f.text, iv, sv);
  const only = kit.resolvePromptText(f.text, iv, sv);
  if (only.text !== full.text || JSON.stringify(only.issues) !== JSON.stringify(full.issues)) {
    console.error(`ABORT: resolvePromptText and resolvePrompt differ on ${name}`);
    process.exit(1);
  }
  const ours = full.text;
  const theirs = regexResolve(f.text, iv);
  if (ours !== theirs) {
    let i = 0;
    while (ours[i] === theirs[i]) i++;
    console.error(`ABORT: resolvePrompt and the regex resolver differ on ${name} at ${i}: ${JSON.stringify(ours.slice(i, i + 60))} vs ${JSON.stringify(theirs.slice(i, i + 60))}`);
    process.exit(1);
  }
  log(`resolve: timing ${name} (${(f.text.length / 1e6).toFixed(2)} MB of text)`);
  const big = f.text.length > 5e6 ? P.hugeRounds : f.text.length > 5e5 ? P.bigRounds : P.rounds;
  const opts = f.text.length > 5e5 ? { warmMs: 0, batchMs: 0, rounds: big } : {};
  const r = measure(
    [
      ["cyberdesk-kit", () => kit.resolvePrompt(f.text, iv, sv)],
      ["cyberdesk-kit text", () => kit.resolvePromptText(f.text, iv, sv)],
      ["regex", () => regexResolve(f.text, iv)],
    ],
    opts,
  );
  for (const [c, m] of Object.entries(r)) row("resolve", name, c, m.us, m.samples);
}

// ---------------------------------------------------------------- cold start
log("cold_start: Node");
const COLD_FIXTURE = join(FIXTURES, "workflow_update_small_valid.json");
for (const contender of ["cyberdesk-kit", "ajv", "cfworker"]) {
  const inProcess = [];
  const wall = [];
  for (let i = 0; i < P.coldRuns; i++) {
    const t0 = performance.now();
    const p = spawnSync(process.execPath, [join(HERE, "cold-start.mjs"), contender, COLD_FIXTURE], { cwd: HERE, encoding: "utf8" });
    wall.push(performance.now() - t0);
    if (p.status !== 0) throw new Error(`cold-start.mjs ${contender} failed: ${p.stderr}`);
    const out = JSON.parse(p.stdout);
    if (out.valid !== true) throw new Error(`cold-start.mjs ${contender}: the fixture was not valid`);
    inProcess.push(out.ms);
  }
  row("cold_start", "node_import_to_first_validate", contender, median(inProcess) * 1000, inProcess.length);
  row("cold_start", "node_process_spawn_to_exit", contender, median(wall) * 1000, wall.length);
}

if (!SKIP_WORKERD) await workerdCold();

/**
 * Cold start in workerd, measured from the outside: workerd freezes
 * `performance.now()` and `Date.now()` while JavaScript runs (they only move
 * on I/O, a Spectre mitigation), so a Worker can't time its own import or
 * first call. Instead: time from spawning `workerd serve` to the end of the
 * first HTTP response, which covers workerd's own start, compiling the .wasm
 * module, evaluating the Worker (the package instantiates on import) and the
 * first request (the first validate). The same for a Worker with no
 * validator (`baseline`); the difference is what the package costs
 * (`workerd_overhead_vs_baseline`). The port is polled every 2 ms, so each
 * figure carries up to ~2 ms of polling granularity.
 */
async function workerdCold() {
  const esbuild = await import("esbuild");
  const workerdBin = join(dirname(require.resolve("workerd/package.json")), "bin", "workerd");
  const work = mkdtempSync(join(tmpdir(), "cdk-bench-workerd-"));
  const children = new Set();
  const killAll = () => children.forEach((c) => c.kill("SIGKILL"));
  process.on("exit", killAll);
  try {
    const medians = {};
    const variants = ["baseline", "cyberdesk-kit", "cfworker"];
    const entry = { baseline: "baseline.mjs", "cyberdesk-kit": "kit.mjs", cfworker: "cfworker.mjs" };
    for (const v of variants) {
      const out = join(work, v);
      mkdirSync(out, { recursive: true });
      await esbuild.build({
        entryPoints: { worker: join(HERE, "workerd", entry[v]) },
        outdir: out,
        bundle: true,
        format: "esm",
        platform: "neutral",
        target: "es2022",
        conditions: ["workerd", "worker", "browser"], // as wrangler resolves a Worker
        mainFields: ["browser", "module", "main"],
        loader: { ".wasm": "copy" }, // the .wasm stays a Wasm module for workerd
        assetNames: "[name]",
        logLevel: "warning",
      });
    }
    log(`cold_start: workerd (${P.workerdRuns} starts of each: ${variants.join(", ")})`);
    const samples = Object.fromEntries(variants.map((v) => [v, []]));
    for (let i = 0; i < P.workerdRuns; i++) {
      for (const v of variants) samples[v].push(await workerdStartOnce(workerdBin, join(work, v), children));
    }
    for (const v of variants) {
      medians[v] = median(samples[v]);
      row("cold_start", "workerd_spawn_to_first_response", v, medians[v] * 1000, samples[v].length);
    }
    for (const v of ["cyberdesk-kit", "cfworker"]) {
      row("cold_start", "workerd_overhead_vs_baseline", v, (medians[v] - medians.baseline) * 1000, samples[v].length);
    }
  } finally {
    killAll();
    process.off("exit", killAll);
    rmSync(work, { recursive: true, force: true });
  }
}

async function freePort() {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function workerdStartOnce(bin, dir, children) {
  const { readdirSync } = await import("node:fs");
  const port = await freePort();
  const modules = readdirSync(dir)
    .filter((f) => f === "worker.js" || f.endsWith(".wasm"))
    .sort((a, b) => (a === "worker.js" ? -1 : b === "worker.js" ? 1 : 0))
    .map((f) => (f.endsWith(".wasm") ? `(name = "${f}", wasm = embed "${f}")` : `(name = "${f}", esModule = embed "${f}")`));
  writeFileSync(
    join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .w) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const w :Workerd.Worker = (
  modules = [ ${modules.join(", ")} ],
  compatibilityDate = "2025-06-01",
  compatibilityFlags = ["disallow_eval_during_startup"],
);
`,
  );
  const t0 = performance.now();
  const child = spawn(bin, ["serve", join(dir, "config.capnp")], { stdio: ["ignore", "ignore", "pipe"] });
  children.add(child);
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  let exited = null;
  child.once("exit", (code, sig) => (exited = `workerd exited (${code ?? sig}): ${stderr}`));
  try {
    for (;;) {
      if (exited) throw new Error(exited);
      if (performance.now() - t0 > 30000) throw new Error(`workerd never answered: ${stderr}`);
      let res;
      try {
        res = await fetch(`http://127.0.0.1:${port}/`);
      } catch {
        await new Promise((r) => setTimeout(r, 2)); // not listening yet
        continue;
      }
      const text = await res.text();
      const ms = performance.now() - t0;
      if (res.status !== 200 || JSON.parse(text).valid !== true) throw new Error(`workerd answered ${res.status}: ${text.slice(0, 500)} ${stderr.slice(0, 2000)}`);
      return ms;
    }
  } finally {
    const gone = new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once("exit", r)));
    child.kill("SIGKILL");
    await gone;
    children.delete(child);
  }
}

// ---------------------------------------------------------------- size
log("size");
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
// The package's own figures, as npm/scripts/build.mjs counted them (the
// .wasm, the wasm-bindgen glue and the package's JavaScript for one runtime
// entry): one list of files, the build's.
const built = JSON.parse(readFileSync(join(DIST, "size.json"), "utf8"));
const sizeRows = [];
const sizeRow = (kase, contender, bytes) => {
  rows.push({ group: "size", case: kase, contender, bytes, lang: "js" });
  sizeRows.push({ case: kase, contender, bytes });
};
const wasmGz = built.wasm_gzip;
const glueGz = built.glue_gzip;
sizeRow("wasm_raw", "cyberdesk-kit", built.wasm_bytes);
sizeRow("wasm_gzip", "cyberdesk-kit", wasmGz);
sizeRow("glue_gzip", "cyberdesk-kit", glueGz);
sizeRow("total_gzip", "cyberdesk-kit", wasmGz + glueGz);
{
  // For scale: the alternatives bundled and minified (library code only; the
  // OpenAPI document they need is listed on its own, the package embeds it).
  const esbuild = await import("esbuild");
  const bundle = async (contents) => {
    const r = await esbuild.build({
      stdin: { contents, resolveDir: HERE, loader: "js" },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      write: false,
      logLevel: "silent",
    });
    return Buffer.from(r.outputFiles[0].contents);
  };
  sizeRow("total_gzip", "ajv", gz(await bundle('export { default as Ajv2020 } from "ajv/dist/2020.js"; export { default as addFormats } from "ajv-formats";')));
  sizeRow("total_gzip", "cfworker", gz(await bundle('export { Validator } from "@cfworker/json-schema";')));
  sizeRow("openapi_json_gzip", "spec", gz(Buffer.from(JSON.stringify(spec))));
}

// ---------------------------------------------------------------- output
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify(rows, null, 1) + "\n");
printTables();
log(`rows written to ${OUT}`);

function get(group, kase, contender) {
  return rows.find((r) => r.group === group && r.case === kase && r.contender === contender)?.median_us;
}

function printTables() {
  const fmt = (us) => (us === undefined ? "-" : us >= 10000 ? `${(us / 1000).toFixed(1)} ms` : us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);
  const x = (r) => `${r.toFixed(2)}x`;
  const title = (s) => console.log(`\n${s}\n${"-".repeat(s.length)}`);
  console.log(`\ncyberdesk-kit JS benchmarks (${QUICK ? "quick" : "full"} mode, Node ${process.version})`);

  title("validate (median per call; every error collected; ratios = other / cyberdesk-kit)");
  const vt = validateCases.map((v) => {
    const k = get("validate", v.name, "cyberdesk-kit");
    const a = get("validate", v.name, "ajv");
    const c = get("validate", v.name, "cfworker");
    return {
      fixture: v.name,
      KB: (v.bytes / 1024).toFixed(1),
      "cyberdesk-kit": fmt(k),
      ajv: fmt(a),
      "ajv-first": fmt(get("validate", v.name, "ajv-first")),
      cfworker: fmt(c),
      "cfworker/kit (>=3x)": x(c / k),
      "kit/ajv (<=2x)": x(k / a),
    };
  });
  console.table(vt);
  const ratiosCf = validateCases.map((v) => get("validate", v.name, "cfworker") / get("validate", v.name, "cyberdesk-kit"));
  const ratiosAjv = validateCases.map((v) => get("validate", v.name, "cyberdesk-kit") / get("validate", v.name, "ajv"));
  const met = (ok) => (ok ? "met" : "NOT met");
  console.log(`target >= 3x faster than @cfworker/json-schema: ${met(ratiosCf.every((r) => r >= 3))} on every fixture (min ${x(Math.min(...ratiosCf))}, median ${x(median(ratiosCf))})`);
  console.log(`target within 2x of Ajv: ${met(ratiosAjv.every((r) => r <= 2))} on every fixture (worst ${x(Math.max(...ratiosAjv))}, median ${x(median(ratiosAjv))})`);

  title("crossing: the core path of validate taken apart (JSON text into wasm), which an invalid payload takes; a certainly valid one is decided by the fast path alone");
  console.table(
    validateCases.map((v) => {
      const total = get("crossing", v.name, "cyberdesk-kit");
      const conv = get("crossing", v.name, "kit:to_json");
      const call = get("crossing", v.name, "kit:wasm_call");
      return {
        fixture: v.name,
        total: fmt(total),
        "to_json (JS)": fmt(conv),
        "wasm call": fmt(call),
        "JSON.stringify": fmt(get("crossing", v.name, "json_stringify")),
        "utf8 copy": fmt(get("crossing", v.name, "utf8_copy")),
        "JSON-form check alone": fmt(get("crossing", v.name, "json_form_check")),
        "to_json share": `${Math.round((100 * conv) / total)}%`,
        "ajv (whole)": fmt(get("validate", v.name, "ajv")),
      };
    }),
  );

  title("build (median per call; ratio = validate + JSON.stringify / builder, target >= 1x)");
  console.table(
    rows
      .filter((r) => r.group === "build" && r.contender === "cyberdesk-kit")
      .map((r) => {
        const other = get("build", r.case, "cyberdesk-kit validate + JSON.stringify");
        return { fixture: r.case, builder: fmt(r.median_us), "validate + JSON.stringify": fmt(other), ratio: x(other / r.median_us) };
      }),
  );

  title("resolve (median per call; ratio = regex / cyberdesk-kit, target >= 2x)");
  console.table(
    PROMPT_FIXTURES.map((n) => {
      const k = get("resolve", n, "cyberdesk-kit");
      const t = get("resolve", n, "cyberdesk-kit text");
      const r = get("resolve", n, "regex");
      return { prompt: n, "cyberdesk-kit": fmt(k), "text only": fmt(t), regex: fmt(r), "regex/kit": x(r / k), "regex/text": x(r / t) };
    }),
  );
  const k1 = get("resolve", "prompt_1m", "cyberdesk-kit");
  const k10 = get("resolve", "prompt_10m", "cyberdesk-kit");
  const r1 = get("resolve", "prompt_1m", "regex");
  const r10 = get("resolve", "prompt_10m", "regex");
  console.log(`prompt_1m: cyberdesk-kit ${fmt(k1)}, regex ${fmt(r1)}; prompt_10m: cyberdesk-kit ${fmt(k10)}, regex ${fmt(r10)}`);
  console.log(`10 MB / 1 MB time ratio (10.0 = linear): cyberdesk-kit ${(k10 / k1).toFixed(2)}, regex ${(r10 / r1).toFixed(2)}`);

  title("cold start (median of fresh processes)");
  console.table(
    rows
      .filter((r) => r.group === "cold_start")
      .map((r) => ({ case: r.case, contender: r.contender, time: fmt(r.median_us), runs: r.samples })),
  );

  title("size (gzip -9)");
  console.table(sizeRows.map((r) => ({ ...r, KB: (r.bytes / 1024).toFixed(1) })));
  console.log(`cyberdesk-kit wasm + glue gzipped: ${((wasmGz + glueGz) / 1024).toFixed(1)} KB (target <= 400 KB: ${met(wasmGz + glueGz <= 400 * 1024)})`);
}
