// The Worker served by workerd: imports the package as a Worker would
// (esbuild resolves it with the `workerd` condition) and answers every
// request with the smoke result, plus a probe showing that this workerd
// really refuses eval and Wasm compilation from bytes, at start-up and in
// requests (else the test could not catch a package that needs them).
import * as kit from "cyberdesk-kit";
import { smoke } from "../smoke.mjs";

const refused = (f) => {
  try {
    f();
    return false;
  } catch {
    return true;
  }
};
const probe = () => ({
  eval: refused(() => (0, eval)("1")),
  wasmBytes: refused(() => new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))),
});
const atStartup = probe();

export default {
  async fetch() {
    const result = smoke(kit);
    const body = JSON.stringify({ userAgent: navigator.userAgent, refused: { atStartup, inRequest: probe() }, result });
    return new Response(body, { headers: { "content-type": "application/json" } });
  },
};
