// One cold start, in a fresh Node process (bench.mjs spawns this file many
// times): the time from the start of the import of the validator to the end
// of its first validate call, printed as JSON on stdout.
//
//   node cold-start.mjs cyberdesk-kit|ajv|cfworker FIXTURE.json
import { readFileSync } from "node:fs";

const [contender, fixtureFile] = process.argv.slice(2);
const { schema, payload } = JSON.parse(readFileSync(fixtureFile, "utf8"));
const specFile = new URL("../../crates/cyberdesk-kit/spec/openapi.json", import.meta.url);

let valid;
const t0 = performance.now();
if (contender === "cyberdesk-kit") {
  // The spec is embedded in the .wasm: nothing else to load.
  const kit = await import("cyberdesk-kit");
  valid = kit.validate(schema, payload).length === 0;
} else if (contender === "ajv") {
  // The spec has to be read and compiled: inside the timed region, as the
  // package's embedded spec is.
  const { default: Ajv2020 } = await import("ajv/dist/2020.js");
  const { default: addFormats } = await import("ajv-formats");
  const spec = JSON.parse(readFileSync(specFile, "utf8"));
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addKeyword("components");
  ajv.addSchema({ $id: "https://cyberdesk-kit.invalid/openapi.json", components: spec.components });
  valid = ajv.getSchema(`https://cyberdesk-kit.invalid/openapi.json#/components/schemas/${schema}`)(payload);
} else if (contender === "cfworker") {
  const { Validator } = await import("@cfworker/json-schema");
  const spec = JSON.parse(readFileSync(specFile, "utf8"));
  const v = new Validator({ $ref: `#/components/schemas/${schema}`, components: spec.components }, "2020-12", false);
  valid = v.validate(payload).valid;
} else {
  throw new Error(`unknown contender ${contender}`);
}
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ contender, ms, valid }) + "\n");
