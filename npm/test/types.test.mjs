// The TypeScript declarations: a consumer file compiles under
// `tsc --strict --noEmit`; the code unions equal the core's lists; the
// payload types equal what gen-types writes from the OpenAPI document;
// every runtime export is declared.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as kit from "../dist/node.js";
import { generate, splice, dtsPath } from "../scripts/gen-types.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "..");
const ts = createRequire(import.meta.url)("typescript");
const dtsText = readFileSync(join(pkg, "dist", "index.d.ts"), "utf8");
const source = ts.createSourceFile("index.d.ts", dtsText, ts.ScriptTarget.Latest, true);

/** The string literals of an exported union type alias. */
function unionOf(name) {
  for (const s of source.statements) {
    if (ts.isTypeAliasDeclaration(s) && s.name.text === name) {
      assert.ok(ts.isUnionTypeNode(s.type), `${name} is not a union`);
      return s.type.types.map((t) => {
        assert.ok(ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal), `${name} has a non-literal member`);
        return t.literal.text;
      });
    }
  }
  assert.fail(`no type ${name} in index.d.ts`);
}

/** How a union should read, to paste into index.d.ts when it drifted. */
function asUnion(name, codes) {
  return `export type ${name} =\n${codes.map((c) => `  | ${JSON.stringify(c)}`).join("\n")};`;
}

test("tsc --strict --noEmit accepts the consumer files (ESM and CJS)", () => {
  const tsc = join(pkg, "node_modules", "typescript", "bin", "tsc");
  try {
    execFileSync(process.execPath, [tsc, "-p", join(here, "types", "tsconfig.json")], { cwd: pkg, encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});

test("with exactOptionalPropertyTypes: interfaces accepted, undefined as absent, literal typos rejected", () => {
  // consumer-exact.ts: its @ts-expect-error lines fail the compile if a
  // typo stops being an error; the rest if an interface or `undefined` is refused.
  const tsc = join(pkg, "node_modules", "typescript", "bin", "tsc");
  try {
    execFileSync(process.execPath, [tsc, "-p", join(here, "types", "tsconfig.exact.json")], { cwd: pkg, encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});

test("ErrorCode union = the core's ErrorCode::ALL", () => {
  const core = kit.errorCodes();
  assert.deepEqual(unionOf("ErrorCode"), core, `index.d.ts should say:\n${asUnion("ErrorCode", core)}`);
});

test("IssueCode union = the core's IssueCode::ALL", () => {
  const core = kit.issueCodes();
  assert.deepEqual(unionOf("IssueCode"), core, `index.d.ts should say:\n${asUnion("IssueCode", core)}`);
});

test("every code is documented in the JSDoc of its union", () => {
  for (const [name, codes] of [["ErrorCode", kit.errorCodes()], ["IssueCode", kit.issueCodes()]]) {
    const start = dtsText.indexOf(`export type ${name} =`);
    const docStart = dtsText.lastIndexOf("/**", start);
    const docText = dtsText.slice(docStart, start);
    for (const c of codes) assert.ok(docText.includes(`\`${c}\``), `${name} JSDoc lacks ${c}`);
  }
});

test("payload types are generated from the OpenAPI document (run scripts/gen-types.mjs)", () => {
  const src = readFileSync(dtsPath, "utf8");
  assert.equal(src, splice(src, generate()), "src/index.d.ts is out of date: node scripts/gen-types.mjs");
  assert.equal(dtsText, src, "dist/index.d.ts is not src/index.d.ts: npm run build");
});

test("every runtime export is declared, and every declaration exported", () => {
  const declared = new Set();
  for (const s of source.statements) {
    const exported = s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) declared.add(s.name.text);
  }
  const runtime = new Set(Object.keys(kit));
  assert.deepEqual([...runtime].filter((n) => !declared.has(n)).sort(), [], "exported but not declared");
  assert.deepEqual([...declared].filter((n) => !runtime.has(n)).sort(), [], "declared but not exported");
});
