// The esbuild recipe of the npm README: esbuild does not emit files named
// by `new URL(..., import.meta.url)`, so the page imports the .wasm with the
// `file` loader (`--loader:.wasm=file`), which emits it and gives its URL,
// and passes that URL to `init`.
import * as kit from "cyberdesk-kit";
import wasmUrl from "cyberdesk-kit/cyberdesk_kit_wasm_bg.wasm";
import { runSmokePage } from "../browser/page.mjs";

await runSmokePage(kit, () => kit.init(wasmUrl));
