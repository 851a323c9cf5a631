// The type of `import wasm from "cyberdesk-kit/cyberdesk_kit_wasm_bg.wasm"`
// (the package's `.wasm`, exported for runtimes and bundlers that load it
// themselves; see the README's per-runtime recipes).

/**
 * The package's WebAssembly module as your bundler or runtime imports a
 * `.wasm` file: a URL string with esbuild's `file` loader (or Vite's
 * `?url`), a compiled `WebAssembly.Module` on Cloudflare Workers, Vercel's
 * `?module`, ... Pass it to `init()` of the `browser` entry, which takes
 * either.
 */
declare const wasm: unknown;
export default wasm;
