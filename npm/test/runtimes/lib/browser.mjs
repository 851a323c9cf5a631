// Serves a built page on 127.0.0.1 with a strict Content-Security-Policy
// (no eval; Wasm allowed), opens it in Debian's headless Chromium through
// playwright-core and returns the smoke result the page shows
// (browser/index.html + a bundle of browser/main.mjs or the like).
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };

/**
 * Serves the files of `dir` on 127.0.0.1 (a free port) with the given
 * Content-Security-Policy; resolves to `{ server, port }`.
 */
export async function serveDir(dir, csp = "script-src 'self' 'wasm-unsafe-eval'") {
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const file = normalize(join(dir, url.pathname === "/" ? "index.html" : decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-security-policy": csp,
    });
    createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: server.address().port };
}

/** Opens `dir`'s index.html in Chromium; resolves to `{ browser, port, result }`. */
export async function runPage(dir) {
  const { server, port } = await serveDir(dir);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    page.on("console", (m) => console.log(`[page ${m.type()}] ${m.text()}`));
    page.on("pageerror", (e) => console.log(`[page error] ${e.message}`));
    page.on("requestfailed", (r) => console.log(`[page request failed] ${r.url()} ${r.failure()?.errorText}`));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => document.getElementById("status")?.textContent !== "running", null, { timeout: 60000 });
    const evalRefused = await page.getAttribute("body", "data-eval-refused");
    if (evalRefused !== "yes") throw new Error("the page's CSP does not refuse eval: the test would prove nothing");
    const status = await page.textContent("#status");
    if (status !== "done") throw new Error(`page says: ${status}`);
    return { browser: `chromium ${browser.version()}`, port, result: JSON.parse(await page.textContent("#result")) };
  } finally {
    await browser.close();
    server.close();
  }
}
