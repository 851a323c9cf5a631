// The fast path of `validate` (src/fast.js) against the core path (toJson +
// the wasm core): whenever the fast path says "valid", the core must return
// `[]` and throw nothing. Checked on every `validate` vector, on the
// benchmark payloads, and on a seeded fuzzed differential of thousands of
// payloads mutated from both; the tests also check the fast path really
// decides (it is not a stub that always defers) and that `validate` returns
// exactly what the core path returns.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as kit from "../dist/node.js";
import * as c from "../dist/convert.js";
import * as raw from "../dist/wasm/cyberdesk_kit_wasm.js";
import { invoke } from "../dist/call.js";
import { fastValid, pruned } from "../dist/fast.js";
import table from "../dist/schema-table.js";
import { expand } from "./vector-inputs.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");

/** The core path alone: `{errors}` or `{code}` of the KitError thrown. */
function core(schema, payload) {
  try {
    return { errors: JSON.parse(invoke(() => raw.validate(schema, c.toJson(payload, "payload")))) };
  } catch (e) {
    if (!(e instanceof kit.KitError)) throw e;
    return { code: e.code };
  }
}

/** `validate` as a caller sees it, in the same shape. */
function viaApi(schema, payload) {
  try {
    return { errors: kit.validate(schema, payload) };
  } catch (e) {
    if (!(e instanceof kit.KitError)) throw e;
    return { code: e.code };
  }
}

/**
 * Asserts the properties the fast path must have: "valid" only where the
 * core returns [], and a pruned payload gets exactly the full payload's
 * errors from the core. Returns what happened.
 */
function agree(schema, payload, what) {
  const fast = fastValid(schema, payload);
  const expected = core(schema, payload);
  if (fast) {
    assert.deepEqual(expected, { errors: [] }, `${what}: the fast path said valid, the core says ${JSON.stringify(expected).slice(0, 400)}`);
  }
  const cut = fast ? undefined : pruned(schema, payload);
  if (cut !== undefined) {
    assert.deepEqual(core(schema, cut), expected, `${what}: the core reports otherwise on the pruned payload ${JSON.stringify(cut).slice(0, 300)}`);
  }
  assert.deepEqual(viaApi(schema, payload), expected, `${what}: validate differs from the core path`);
  return { fast, pruned: cut !== undefined, valid: expected.errors?.length === 0, code: expected.code };
}

// ------------------------------------------------------------------ vectors
const VECTORS = JSON.parse(readFileSync(join(root, "tests", "vectors", "validate.json"), "utf8"))
  .cases.filter((k) => !("spec" in k.input))
  .map((k) => ({ name: k.name, schema: k.input.schema, payload: expand(k.input.payload), expect: k.expect }));

test("every validate vector: the fast path says valid only where the core returns []", () => {
  let decided = 0;
  let valid = 0;
  for (const v of VECTORS) {
    const r = agree(v.schema, v.payload, v.name);
    decided += r.fast;
    valid += r.valid;
  }
  console.log(`fast path on ${VECTORS.length} validate vectors: decided ${decided} of the ${valid} the core finds valid`);
  assert.ok(VECTORS.length > 100, "the vectors were read");
  // Not a stub: most valid vectors are plain payloads it must decide.
  assert.ok(decided >= valid / 2, `decided only ${decided} of ${valid}`);
});

// ---------------------------------------------------------- bench payloads
/** The validate payloads of bench/make_fixtures.py (generated if bench/fixtures has none). */
function benchPayloads() {
  const names = [];
  for (const kind of ["workflow_update", "run_create"]) {
    for (const size of ["small", "medium", "large"]) for (const v of ["valid", "invalid"]) names.push(`${kind}_${size}_${v}`);
  }
  const dir = join(root, "bench", "fixtures");
  if (names.every((n) => existsSync(join(dir, `${n}.json`)))) {
    return Object.fromEntries(names.map((n) => [n, JSON.parse(readFileSync(join(dir, `${n}.json`), "utf8"))]));
  }
  // The same calls, in the same order, as make_fixtures.main(): the same bytes.
  const script = `
import json, sys
sys.path.insert(0, ${JSON.stringify(join(root, "bench"))})
import make_fixtures as m
out = {}
for size in ("small", "medium", "large"):
    wu, rc = m.workflow_update(size), m.run_create(size)
    out[f"workflow_update_{size}_valid"] = {"schema": "WorkflowUpdate", "payload": wu}
    out[f"workflow_update_{size}_invalid"] = {"schema": "WorkflowUpdate", "payload": m.invalid(wu, "WorkflowUpdate")}
    out[f"run_create_{size}_valid"] = {"schema": "RunCreate", "payload": rc}
    out[f"run_create_{size}_invalid"] = {"schema": "RunCreate", "payload": m.invalid(rc, "RunCreate")}
json.dump(out, sys.stdout, ensure_ascii=False)
`;
  return JSON.parse(execFileSync("python3", ["-c", script], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }));
}
const BENCH = benchPayloads();

test("the fast path decides on every valid benchmark payload; the invalid ones reach the core pruned", () => {
  for (const [name, { schema, payload }] of Object.entries(BENCH)) {
    const r = agree(schema, payload, name);
    assert.equal(r.valid, name.endsWith("_valid"), `${name}: the core's verdict`);
    assert.equal(r.fast, name.endsWith("_valid"), `${name}: the fast path's verdict`);
    assert.equal(r.pruned, name.endsWith("_invalid"), `${name}: pruned`);
  }
  // What pruning leaves: the fields with errors (cut in turn), and required ones.
  const cut = pruned("RunCreate", BENCH.run_create_large_invalid.payload);
  assert.deepEqual({ ...cut }, { workflow_id: "not-a-uuid", is_priority: "yes", pool_ids: ["nope"] });
  const update = pruned("WorkflowUpdate", BENCH.workflow_update_medium_invalid.payload);
  assert.equal(update.main_prompt, undefined);
  assert.equal(update.post_run_checks.length, BENCH.workflow_update_medium_invalid.payload.post_run_checks.length);
  assert.deepEqual({ ...update.post_run_checks.at(-1) }, { name: "", type: "bogus", expected_match_count: 0 });
  assert.deepEqual(Object.keys(update.post_run_checks[0]), ["name", "type"]);
});

// ------------------------------------------------------------------- fuzz
/** mulberry32: a small seeded generator, so a failure replays. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const deep = (n, leaf) => {
  let v = leaf;
  for (let i = 0; i < n; i++) v = [v];
  return v;
};
const PROPERTY_NAMES = [...new Set(table.nodes.flatMap((n) => (n.properties ?? []).map((p) => p[0])))];
const ENUM_VALUES = table.nodes.flatMap((n) => n.enum ?? []);
class Point {
  constructor() {
    this.x = 1;
  }
}

/** Values a mutation puts somewhere: edges of every rule the fast path implements or refuses. */
function edgeValues(r) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const s = (ch, n) => ch.repeat(n);
  return [
    null, true, false, 0, -0, 1, -1, 2, 0.5, 1.5, 1e21, 2 ** 53, 2 ** 64, -(2 ** 63), 1e-7, Number.MAX_VALUE,
    NaN, Infinity, -Infinity, 10n, Symbol("s"), () => 1, undefined,
    "", "x", "yes", "true", "null", "0", s("x", 254), s("x", 255), s("x", 256), s("é", 255), s("é", 256),
    s("😀", 127), s("😀", 128), s("😀", 255), s("😀", 256), "a\u0000b", 'q"uo\\te', "\u2028",
    "\ud800", "a\udc00", "\udbff\udfff", "😀".slice(0, 1),
    "550e8400-e29b-41d4-a716-446655440000", "550E8400-E29B-41D4-A716-446655440000", "550e8400e29b41d4a716446655440000",
    "{550e8400-e29b-41d4-a716-446655440000}", "urn:uuid:550e8400-e29b-41d4-a716-446655440000",
    "550e8400-e29b-41d4-a716-44665544000", "550e8400-e29b-41d4-a716-4466554400000", "550e8400-e29b-41d4-a716-44665544000g",
    "550e8400-e29b41d4-a716-446655440000-", "550e8400_e29b_41d4_a716_446655440000", "550e8400-e29b-41d4-a716-44665544000é",
    "00000000-0000-0000-0000-000000000000",
    "2026-11-24T10:00:00Z", "2026-11-24t10:00:00.123456789z", "2026-11-24 10:00:00+02:00", "2024-02-29T23:59:59-23:59",
    "2025-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z", "2026-11-24T24:00:00Z", "2026-11-24T10:60:00Z", "2026-11-24T10:00:60Z", "2026-11-24T10:00:00+24:00",
    "2026-11-24T10:00:00+23:60", "2026-11-24T10:00:00", "2026-11-24T10:00", "2026-11-24T10:00:00.Z", "2026-11-24T10:00:00,5Z",
    "2026-11-24T10:00:00\u221202:00", "2026-11-24_10:00:00Z", "2026-11-24", "1700000000", "1700000000.5", "２026-11-24T10:00:00Z",
    "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z",
    ...ENUM_VALUES, "EXACT", "bogus",
    [], [1, 2], ["a", "b"], ["550e8400-e29b-41d4-a716-446655440000"], [null], [[]], {}, { a: 1 }, { name: "x" },
    // eslint-disable-next-line no-sparse-arrays
    ["a", , "b"], ["a", undefined], new Array(3),
    JSON.parse('{"__proto__": {"name": 5}}'), Object.assign(Object.create(null), { name: "n", type: "exact" }),
    new Point(), new Date(0), new Map(), new Set(), /x/, new Number(1), new String("s"), new Uint8Array(2),
    { [Symbol("k")]: 1 }, Object.defineProperty({}, Symbol("hidden"), { value: 1, enumerable: false }),
    { "\ud800": 1 }, { "\ud800": undefined }, { a: undefined },
    deep(120, 1), deep(124, 1), deep(125, 1), deep(126, 1), deep(130, 1), deep(125, []), deep(126, {}),
    { name: "check", type: pick(ENUM_VALUES) ?? "x" },
    { name: "", type: "run_attachment_exists" }, { name: s("n", 255), type: "run_attachment_exists", expected_match_count: 1 },
    { name: "c", type: "run_attachment_exists", expected_match_count: 0 }, { name: "c", type: "run_attachment_exists", expected_match_count: 1.5 },
    { filename: "f", content: "c" }, { filename: "f" }, { main_agent_model_id: "550e8400-e29b-41d4-a716-446655440000" },
    { last_errored_run_start: "2026-11-24T10:00:00Z" },
  ];
}

/** Every container in `v`, each once (a mutation may have made a cycle). */
function containers(v, out = new Set(), depth = 0) {
  if (v === null || typeof v !== "object" || depth > 12 || out.has(v)) return out;
  const proto = Object.getPrototypeOf(v);
  if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return out; // a Map, a Date, ...: left as they are
  out.add(v);
  for (const k of Object.keys(v)) containers(v[k], out, depth + 1);
  return out;
}
const copy = (v) => {
  try {
    return structuredClone(v);
  } catch {
    return v; // a function, a symbol: shared as it is
  }
};

/** One mutation somewhere in `payload` (a structured copy). */
function mutate(payload, r, pool) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  let p = structuredClone(payload);
  const steps = 1 + Math.floor(r() * 3);
  for (let s = 0; s < steps; s++) {
    const all = [...containers(p)];
    if (all.length === 0) break; // the payload itself was replaced by a scalar
    const target = pick(all);
    const keys = Object.keys(target);
    const key = Array.isArray(target) ? Math.floor(r() * (target.length + 1)) : r() < 0.7 && keys.length ? pick(keys) : pick(PROPERTY_NAMES);
    try {
      mutateOnce(p, target, key, keys, all, r, pool, pick);
    } catch {
      // a mutation the target refused (a frozen array, a `constructor` key
      // splice trips on): the payload stays as it is
    }
    if (r() < 0.04) p = pick(pool); // the whole payload replaced
  }
  return p;
}

function mutateOnce(p, target, key, keys, all, r, pool, pick) {
  {
    switch (Math.floor(r() * 10)) {
      case 0: // drop a field / an item
        if (Array.isArray(target)) target.splice(key, 1);
        else delete target[key];
        break;
      case 1: // an unknown field, a prototype-ish one
        target[pick(["extra", "Name", "__proto__x", "constructor", "toString", "main_promt"])] = pick(pool);
        break;
      case 2: // an own __proto__ key, as JSON.parse makes it
        Object.defineProperty(target, "__proto__", { value: pick(pool), enumerable: true, writable: true, configurable: true });
        break;
      case 3: // a cycle
        target[key] = pick(all);
        break;
      case 4: // an edge value where a field is missing
        target[pick(PROPERTY_NAMES)] = pick(pool);
        break;
      case 5: // a copy of a sibling (valid shapes in new places)
        target[key] = copy(target[pick(keys.length ? keys : [key])] ?? null);
        break;
      default: // an edge value
        target[key] = pick(pool);
    }
  }
}

test("fuzzed differential: the fast path says valid only where the core returns []", () => {
  // CDK_FUZZ_SEED / CDK_FUZZ_SCALE: longer runs by hand (CI runs the default).
  const seed = Number(process.env.CDK_FUZZ_SEED ?? 20261130);
  const scale = Number(process.env.CDK_FUZZ_SCALE ?? 1);
  const r = rng(seed);
  const pool = edgeValues(r);
  const seeds = [
    ...VECTORS.filter((v) => v.payload !== null && typeof v.payload === "object").map((v) => [v.schema, v.payload, 20]),
    ...Object.entries(BENCH).map(([name, b]) => [b.schema, b.payload, name.includes("large") ? 8 : name.includes("medium") ? 100 : 400]),
  ].map(([schema, payload, n]) => [schema, payload, Math.ceil(n * scale)]);
  console.log(`fuzz: seed ${seed}, scale ${scale}`);
  const stats = { cases: 0, fast: 0, pruned: 0, valid: 0, invalid: 0, thrown: {} };
  for (const [schema, payload, n] of seeds) {
    for (let i = 0; i < n; i++) {
      const m = mutate(payload, r, pool);
      const v = agree(schema, m, `${schema} mutant ${stats.cases}`);
      stats.cases++;
      stats.fast += v.fast;
      stats.pruned += v.pruned;
      stats.valid += v.valid;
      stats.invalid += !v.valid && v.code === undefined;
      if (v.code) stats.thrown[v.code] = (stats.thrown[v.code] ?? 0) + 1;
    }
  }
  const share = (n, d) => `${((100 * n) / Math.max(d, 1)).toFixed(0)}%`;
  console.log(
    `fuzz: ${stats.cases} mutants; the core found ${stats.valid} valid, ${stats.invalid} invalid, threw ${JSON.stringify(stats.thrown)}; ` +
      `the fast path decided ${stats.fast} (${share(stats.fast, stats.valid)} of the valid ones, ${share(stats.fast, stats.cases)} of all), ` +
      `and cut ${stats.pruned} of the ${stats.cases - stats.fast} others down for the core`,
  );
  assert.ok(stats.cases >= 3000 * Math.min(scale, 1), "thousands of mutants");
  // The mutations reach every outcome, and the fast path really decides.
  for (const code of ["unsupported_value", "cyclic_value", "invalid_string", "too_deep"]) assert.ok(stats.thrown[code] > 0, `no mutant threw ${code}`);
  assert.ok(stats.valid > 300 && stats.invalid > 300, "valid and invalid mutants both");
  assert.ok(stats.fast > stats.valid / 2, `the fast path decided only ${stats.fast} of ${stats.valid} valid mutants`);
  assert.ok(stats.pruned > stats.invalid / 4, `pruned only ${stats.pruned} of ${stats.invalid} invalid mutants`);
});

test("the fast path's limits: nesting, text size, getters", () => {
  const ID = "550e8400-e29b-41d4-a716-446655440000";
  // Containers may nest 127 deep (the argument is level 1): input_values is
  // level 2, its list level 3.
  assert.equal(fastValid("RunCreate", { workflow_id: ID, input_values: { a: deep(125, 1) } }), true);
  assert.deepEqual(core("RunCreate", { workflow_id: ID, input_values: { a: deep(125, 1) } }), { errors: [] });
  assert.equal(fastValid("RunCreate", { workflow_id: ID, input_values: { a: deep(126, 1) } }), false);
  assert.deepEqual(viaApi("RunCreate", { workflow_id: ID, input_values: { a: deep(126, 1) } }), { code: "too_deep" });
  // A getter that throws: not certain; the core path reports it.
  const getter = { workflow_id: ID, input_values: { get a() { throw new Error("x"); } } };
  assert.equal(fastValid("RunCreate", getter), false);
  assert.deepEqual(viaApi("RunCreate", getter), { code: "unsupported_value" });
  // A key with a lone surrogate is refused even when its value is absent.
  const key = { workflow_id: ID, input_values: { "\ud800": undefined } };
  assert.equal(fastValid("RunCreate", key), false);
  assert.deepEqual(viaApi("RunCreate", key), { code: "invalid_string" });
  // Over the core's JSON text limit (bounded from above: 6 bytes a unit).
  const big = "x".repeat(Math.ceil(table.maxJsonBytes / 6) + 1);
  assert.equal(fastValid("RunCreate", { workflow_id: ID, input_values: { a: big } }), false);
  assert.equal(fastValid("RunCreate", { workflow_id: ID, input_values: { a: big.slice(0, 1e6) } }), true);
  // A null body, an unknown schema: the core's errors.
  assert.equal(fastValid("WorkflowUpdate", null), false);
  assert.equal(fastValid("NoSuchSchema", {}), false);
  assert.equal(fastValid("__proto__", {}), false);
});

test("format grid: every date-time and UUID the fast path accepts, the core accepts", () => {
  const r = rng(7);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  // [shapes the fast path should take, shapes around them]; one part in
  // seven or so comes from the second list, so most strings are one edit
  // away from an accepted one.
  const parts = [
    [["0001", "1900", "2000", "2024", "2025", "9999"], ["0000", "20x4", "１９99", "999"]],
    [["-"], ["/", ""]],
    [["01", "02", "04", "12"], ["00", "13", "1"]],
    [["-"], ["/", ""]],
    [["01", "28", "29", "30", "31"], ["00", "32", "3"]],
    [["T", "t", " "], ["_", "", "TT"]],
    [["00", "09", "23"], ["24", "7"]],
    [[":"], [".", ""]],
    [["00", "59"], ["60", "5"]],
    [[":00", ":59"], [":60", "", ":5", ":"]],
    [["", ".5", ".123456789"], [".", ",5", ".x"]],
    [["Z", "z", "+00:00", "+23:59", "-23:59"], ["", "+24:00", "+23:60", "+0200", "+2:00", "\u221202:00", "ZZ", " Z"]],
  ];
  const hex = "0123456789abcdefABCDEF";
  const count = { dt: 0, uuid: 0 };
  for (let i = 0; i < 4000; i++) {
    const dt = parts.map(([ok, near]) => pick(r() < 0.85 ? ok : near)).join("");
    const digits = Array.from({ length: 32 }, () => pick([...hex])).join("");
    const groups = [digits.slice(0, 8), digits.slice(8, 12), digits.slice(12, 16), digits.slice(16, 20), digits.slice(20)];
    let uuid = r() < 0.3 ? digits : groups.join(r() < 0.9 ? "-" : pick(["_", "", "--"]));
    if (r() < 0.3) {
      const at = Math.floor(r() * uuid.length);
      uuid = uuid.slice(0, at) + pick(["g", "-", "", "00", "é", "{", "}"]) + uuid.slice(at + 1);
    }
    for (const [kind, schema, payload] of [
      ["dt", "WorkflowUpdate", { workflow_metadata: { last_errored_run_start: dt } }],
      ["uuid", "RunCreate", { workflow_id: uuid }],
    ]) {
      const fast = fastValid(schema, payload);
      count[kind] += fast;
      if (fast) assert.deepEqual(core(schema, payload), { errors: [] }, `${JSON.stringify(payload)}: the fast path said valid`);
    }
  }
  console.log(`format grid: the fast path accepted ${count.dt} of 4000 date-times and ${count.uuid} of 4000 UUIDs`);
  assert.ok(count.dt > 200 && count.uuid > 200, "the grid reaches accepted shapes of both");
});
