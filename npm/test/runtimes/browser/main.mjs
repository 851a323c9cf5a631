// The page a bundler user writes (Vite, webpack 5, Rollup): import the
// package, call the one documented `await init()`, use it. The bundler
// emits the .wasm from the glue's `new URL(..., import.meta.url)`.
import * as kit from "cyberdesk-kit";
import { runSmokePage } from "./page.mjs";

await runSmokePage(kit, () => kit.init());
