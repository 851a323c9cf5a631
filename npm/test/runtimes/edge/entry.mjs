// What an Edge Function would do: import the package (esbuild resolves it
// with the `edge-light` condition), call the one documented `await init()`
// if the package exports one, run the smoke.
import * as kit from "cyberdesk-kit";
import { smoke } from "../smoke.mjs";

globalThis.__cyberdeskSmoke = async () => {
  if (typeof kit.init === "function") await kit.init();
  return smoke(kit);
};
