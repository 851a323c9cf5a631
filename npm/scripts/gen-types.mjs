#!/usr/bin/env node
// Writes the payload types of src/index.d.ts (between the GENERATED
// markers) from the core's embedded OpenAPI document, so they can't drift
// from the schema the core validates against.
//
//   node scripts/gen-types.mjs          rewrite src/index.d.ts
//   node scripts/gen-types.mjs --check  exit 1 if it is out of date
//
// The component `ValidationError` / `HTTPValidationError` (the server's 422
// shape) are left out: the package's own `ValidationError` is the decoded
// form without the `input` echo, written by hand.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const specPath = join(here, "..", "..", "crates", "cyberdesk-kit", "spec", "openapi.json");
const dtsPath = join(here, "..", "src", "index.d.ts");
const BEGIN = "// BEGIN GENERATED PAYLOAD TYPES (scripts/gen-types.mjs)";
const END = "// END GENERATED PAYLOAD TYPES";
const SKIP = new Set(["ValidationError", "HTTPValidationError"]);

// Free-form objects: what the package is given (payloads) takes any object
// type, interfaces included (`JsonObjectInput`); what it returns (the
// `*Response` and `*ResponseWithIncludes` schemas) is typed as `JsonObject`.
let objectType = "JsonObject";

/** The TypeScript for a schema. */
function ts(s) {
  if (s.$ref) return s.$ref.split("/").pop();
  if (s.anyOf) return [...new Set(s.anyOf.map(ts))].join(" | ");
  if (s.oneOf) return [...new Set(s.oneOf.map(ts))].join(" | ");
  if (s.enum) return s.enum.map((e) => JSON.stringify(e)).join(" | ");
  switch (s.type) {
    case "string":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array": {
      const inner = ts(s.items ?? {});
      return /[ |]/.test(inner) ? `Array<${inner}>` : `${inner}[]`;
    }
    case "object":
      return objectType;
    default:
      return "unknown";
  }
}

/** Constraints worth knowing, as a JSDoc line. */
function constraints(s) {
  const parts = [];
  const walk = (x) => {
    if (x.anyOf) return x.anyOf.forEach(walk);
    if (x.format) parts.push(`format \`${x.format}\``);
    if (x.minLength !== undefined) parts.push(`at least ${x.minLength} character${x.minLength === 1 ? "" : "s"}`);
    if (x.maxLength !== undefined) parts.push(`at most ${x.maxLength} characters`);
    if (x.minimum !== undefined) parts.push(`>= ${x.minimum}`);
    if (x.maximum !== undefined) parts.push(`<= ${x.maximum}`);
    if (x.type === "array" && x.items) walk(x.items);
  };
  walk(s);
  if (s.default !== undefined) parts.push(`default \`${JSON.stringify(s.default)}\``);
  return parts.join("; ");
}

function doc(lines, indent) {
  const text = lines.filter(Boolean);
  if (text.length === 0) return "";
  const clean = (l) => l.replace(/\*\//g, "*\\/");
  if (text.length === 1) return `${indent}/** ${clean(text[0])} */\n`;
  return `${indent}/**\n${text.map((l) => `${indent} * ${clean(l)}`).join("\n")}\n${indent} */\n`;
}

export function generate() {
  const spec = JSON.parse(readFileSync(specPath, "utf8"));
  const schemas = spec.components.schemas;
  let out = `${BEGIN}\n// From crates/cyberdesk-kit/spec/openapi.json. Do not edit by hand.\n\n`;
  out += "/** Component schema names of the embedded OpenAPI document (`validate`'s first argument). */\n";
  out += `export type SchemaName =\n${Object.keys(schemas).map((n) => `  | ${JSON.stringify(n)}`).join("\n")};\n\n`;
  for (const [name, s] of Object.entries(schemas)) {
    if (SKIP.has(name)) continue;
    const head = [s.title && s.title !== name ? s.title : "", s.description ?? ""];
    if (s.enum) {
      out += doc([...head, `OpenAPI: \`#/components/schemas/${name}\``], "");
      out += `export type ${name} = ${ts(s)};\n\n`;
      continue;
    }
    out += doc([...head, `OpenAPI: \`#/components/schemas/${name}\``], "");
    out += `export interface ${name} {\n`;
    objectType = /Response(WithIncludes)?$/.test(name) ? "JsonObject" : "JsonObjectInput";
    const required = new Set(s.required ?? []);
    for (const [prop, ps] of Object.entries(s.properties ?? {})) {
      out += doc([ps.description ?? "", constraints(ps)], "  ");
      // `| undefined` on optional fields: with `exactOptionalPropertyTypes`,
      // `{ name: undefined }` stays allowed, as it means absent.
      out += `  ${prop}${required.has(prop) ? `: ${ts(ps)}` : `?: ${ts(ps)} | undefined`};\n`;
    }
    if (s.additionalProperties === true && s.properties) {
      out += "  /** Fields beyond the documented ones (the schema allows any). */\n  [field: string]: unknown;\n";
    }
    out += "}\n\n";
  }
  return out.trimEnd() + `\n${END}`;
}

function splice(dts, generated) {
  const a = dts.indexOf(BEGIN);
  const b = dts.indexOf(END);
  if (a < 0 || b < 0) throw new Error(`src/index.d.ts lacks the ${BEGIN} / ${END} markers`);
  return dts.slice(0, a) + generated + dts.slice(b + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dts = readFileSync(dtsPath, "utf8");
  const next = splice(dts, generate());
  if (process.argv.includes("--check")) {
    if (next !== dts) {
      console.error("src/index.d.ts is out of date: run `node scripts/gen-types.mjs`");
      process.exit(1);
    }
    console.log("src/index.d.ts payload types are up to date");
  } else if (next !== dts) {
    writeFileSync(dtsPath, next);
    console.log("src/index.d.ts: payload types regenerated");
  }
}

export { splice, dtsPath };
