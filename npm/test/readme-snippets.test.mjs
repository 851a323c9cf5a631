// Every JavaScript / TypeScript snippet of the READMEs (the repository's
// and the npm package's) is checked, so none can be wrong in silence:
//   - a snippet headed `// app/...` (Next.js) or `// rollup.config.mjs` must
//     be, verbatim, the file the runtime matrix builds and runs
//     (test/runtimes/next/app/..., test/runtimes/bundlers/rollup.config.mjs);
//   - every other one is compiled on its own by `tsc --strict` (as
//     TypeScript, or as JavaScript with checkJs), resolving "cyberdesk-kit"
//     through the package's own exports map, and then run in Node when it can
//     be (not when it imports the `.wasm`, which only bundlers and edge
//     runtimes load, or calls the network client: the root README's client
//     example runs in readme.test.mjs with a stand-in fetch).

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "..");
const readmes = { "README.md": join(pkg, "..", "README.md"), "npm/README.md": join(pkg, "README.md") };

/** Every ```js / ```ts / ```tsx block: { where, lang, code }. */
function snippets() {
  const out = [];
  for (const [name, path] of Object.entries(readmes)) {
    const text = readFileSync(path, "utf8");
    for (const m of text.matchAll(/^```(js|ts|tsx)\b[^\n]*\n([\s\S]*?)^```/gm)) {
      const line = text.slice(0, m.index).split("\n").length;
      out.push({ where: `${name}:${line}`, lang: m[1], code: m[2] });
    }
  }
  return out;
}

const all = snippets();
const verbatim = (s) => /^\/\/ (app\/\S+|rollup\.config\.mjs)\n/.exec(s.code)?.[1];

test("the READMEs have the snippets this test expects", () => {
  assert.ok(all.length >= 10, `only ${all.length} snippets found`);
  assert.ok(all.some((s) => verbatim(s)?.startsWith("app/")), "no Next.js snippet");
});

test("Next.js and Rollup snippets are the files the runtime matrix builds", () => {
  for (const s of all) {
    const file = verbatim(s);
    if (!file) continue;
    const path = file.startsWith("app/")
      ? join(here, "runtimes", "next", file)
      : join(here, "runtimes", "bundlers", file);
    assert.equal(readFileSync(path, "utf8"), s.code, `${s.where} differs from ${path}`);
    if (file === "app/api/edge/route.ts") {
      // The README says the same file works as a Node route.
      const node = s.code.replace("// app/api/edge/route.ts", "// app/api/node/route.ts").replace('runtime = "edge"', 'runtime = "nodejs"');
      assert.equal(readFileSync(join(here, "runtimes", "next", "app", "api", "node", "route.ts"), "utf8"), node);
    }
  }
});

test("every other snippet compiles under tsc --strict and runs where Node can run it", () => {
  // Inside the package directory, so "cyberdesk-kit" resolves to it by name.
  const dir = join(pkg, `.readme-snippets-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  try {
    const files = [];
    const runnable = [];
    all.forEach((s, i) => {
      if (verbatim(s)) return;
      const cjs = /\brequire\(/.test(s.code);
      const ext = s.lang === "ts" ? (cjs ? "cts" : "mts") : cjs ? "cjs" : "mjs";
      // Deno's `npm:` specifier is the same package.
      const code = `// ${s.where}\n${s.code.replaceAll('"npm:cyberdesk-kit"', '"cyberdesk-kit"')}\nexport {};\n`;
      const file = `snippet-${i}.${ext}`;
      writeFileSync(join(dir, file), cjs ? code.replace(/\nexport \{\};\n$/, "\n") : code);
      files.push(file);
      if (s.lang === "js" && !/\.wasm"/.test(s.code) && !/new CyberdeskKit\(/.test(s.code)) runnable.push([s.where, file]);
    });
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          exactOptionalPropertyTypes: true,
          noEmit: true,
          allowJs: true,
          checkJs: true,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          lib: ["es2022", "dom"],
          types: ["node"],
          skipLibCheck: false,
        },
        files,
      }),
    );
    const tsc = join(pkg, "node_modules", "typescript", "bin", "tsc");
    try {
      execFileSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { cwd: dir, encoding: "utf8", stdio: "pipe" });
    } catch (e) {
      assert.fail(`tsc --strict refused a README snippet (each file starts with // README:line):\n${e.stdout}${e.stderr}`);
    }
    assert.ok(runnable.length >= 4, `only ${runnable.length} runnable snippets`);
    for (const [where, file] of runnable) {
      const r = spawnSync(process.execPath, [join(dir, file)], { cwd: dir, encoding: "utf8", timeout: 30000 });
      assert.equal(r.status, 0, `${where} failed when run:\n${r.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the README's size figures are the build's (dist/size.json), within 2%", () => {
  const size = JSON.parse(readFileSync(join(pkg, "dist", "size.json"), "utf8"));
  const text = readFileSync(readmes["npm/README.md"], "utf8").replace(/\s+/g, " ");
  const m = /the `\.wasm` is \*\*(\d+) KB\*\* \(\*\*(\d+) KB\*\* gzipped\), plus \*\*(\d+) KB\*\* of glue and package JavaScript gzipped: \*\*(\d+) KB\*\* gzipped in all, (within|over) the (\d+) KB budget/.exec(text);
  assert.ok(m, "npm/README.md's Size section lost its sentence of figures");
  const kb = (n) => Math.round(n / 1024);
  const built = { wasm: kb(size.wasm_bytes), wasmGzip: kb(size.wasm_gzip), glueGzip: kb(size.glue_gzip), totalGzip: kb(size.total_gzip) };
  const said = { wasm: +m[1], wasmGzip: +m[2], glueGzip: +m[3], totalGzip: +m[4] };
  const should = `the \`.wasm\` is **${built.wasm} KB** (**${built.wasmGzip} KB** gzipped), plus **${built.glueGzip} KB** of glue and package JavaScript gzipped: **${built.totalGzip} KB** gzipped in all, ${size.total_gzip <= size.budget_gzip ? "within" : "over"} the ${kb(size.budget_gzip)} KB budget`;
  for (const k of Object.keys(built)) {
    assert.ok(Math.abs(said[k] - built[k]) <= Math.max(1, built[k] * 0.02), `npm/README.md's size figures are stale; the build says: ${should}`);
  }
  assert.equal(m[5], size.total_gzip <= size.budget_gzip ? "within" : "over", `the budget verdict is stale; the build says: ${should}`);
  assert.equal(+m[6], kb(size.budget_gzip));
});
