// Checks that an installed cyberdesk-kit is complete: every file named by
// package.json (exports map, main, module, types, browser) is in the
// package, and so is every relative file those files import, require or
// load with `new URL("./...", import.meta.url)`, followed transitively.
// Catches an entry (workerd, deno, edge-light, ...) that Node never loads
// but that would be broken for its users because `files` left part out.
//
//   node check-exports.mjs PACKAGE_DIR
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, relative } from "node:path";

const pkgDir = process.argv[2];
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
const problems = [];
const targets = new Map(); // file -> where it is named

function collect(value, where) {
  if (typeof value === "string") {
    if (value.startsWith("./") && !value.includes("*")) targets.set(join(pkgDir, value), where);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) collect(v, `${where}.${k}`);
  }
}
collect(pkg.exports, "exports");
for (const field of ["main", "module", "types", "typings", "browser"]) {
  if (typeof pkg[field] === "string") collect(pkg[field].startsWith("./") ? pkg[field] : `./${pkg[field]}`, field);
}
if (!pkg.exports) problems.push("package.json has no exports map");

const JS = new Set([".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"]);
const REFS = [
  /\bfrom\s*["'](\.\.?\/[^"']+)["']/g,
  /\bimport\s*["'](\.\.?\/[^"']+)["']/g,
  /\bimport\(\s*["'](\.\.?\/[^"']+)["']\s*\)/g,
  /\brequire\(\s*["'](\.\.?\/[^"']+)["']\s*\)/g,
  /new URL\(\s*["'](\.\.?\/[^"']+)["']\s*,\s*import\.meta\.url\s*\)/g,
];
// TypeScript declarations name siblings without an extension or by their
// .js name: accept what tsc would accept.
function resolveRef(from, ref) {
  const base = join(dirname(from), ref.replace(/\?.*$/, ""));
  const candidates = [base];
  if (/\.d\.[mc]?ts$/.test(from)) {
    candidates.push(base.replace(/\.js$/, ".d.ts"), base.replace(/\.mjs$/, ".d.mts"), base.replace(/\.cjs$/, ".d.cts"));
    candidates.push(`${base}.d.ts`, join(base, "index.d.ts"));
  }
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? base;
}
const seen = new Set();
const queue = [...targets.keys()];
while (queue.length) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  seen.add(file);
  if (!existsSync(file) || !statSync(file).isFile()) {
    problems.push(`missing: ${relative(pkgDir, file)} (named by ${targets.get(file)})`);
    continue;
  }
  if (!JS.has(extname(file))) continue;
  const text = readFileSync(file, "utf8").replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, "");
  for (const re of REFS) {
    for (const m of text.matchAll(re)) {
      const ref = resolveRef(file, m[1]);
      if (!targets.has(ref)) targets.set(ref, relative(pkgDir, file));
      queue.push(ref);
    }
  }
}
console.log(`checked ${seen.size} files reachable from package.json`);
for (const p of problems) console.log(`  ${p}`);
process.exit(problems.length ? 1 : 0);
