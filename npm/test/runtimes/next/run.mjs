// The Next.js check: one App Router app (TypeScript, no next.config) whose
// client component page, Node route handler and Edge route handler each
// import cyberdesk-kit statically. For each bundler, `next build` (Turbopack,
// Next's default) or `next build --webpack`, then `next start` on 127.0.0.1:
//   - GET /api/node and /api/edge (the npm README's route handler, with
//     runtime "nodejs" and "edge") must answer with a request built by the
//     package;
//   - the page (the README's client component), opened in headless
//     Chromium, must show a resolved prompt;
//   - /api/smoke/node, /api/smoke/edge (which must really run in the edge
//     runtime) and the /smoke page run the shared smoke (../smoke.mjs),
//     compared with ../expected.json like every other runtime.
//
//   node next/run.mjs turbopack|webpack APP_DIR
// APP_DIR holds a copy of this directory's app (outside the repository, so
// Next.js sees one project with one lockfile, as a user's app is), its
// node_modules (npm ci) and the packed package unpacked into
// node_modules/cyberdesk-kit: test-runtimes.sh prepares all three.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { differences, freePort, sleep, stop } from "../lib/util.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const [bundler, appDir = here] = process.argv.slice(2);
if (bundler !== "turbopack" && bundler !== "webpack") throw new Error("usage: node next/run.mjs turbopack|webpack APP_DIR");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const expected = JSON.parse(readFileSync(join(here, "..", "expected.json"), "utf8"));
const nextBin = join(appDir, "node_modules", "next", "dist", "bin", "next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
const WORKFLOW_ID = "550e8400-e29b-41d4-a716-446655440000";

// The app imports the smoke from inside its own root (Turbopack serves no
// file outside the project).
mkdirSync(join(appDir, "lib"), { recursive: true });
copyFileSync(join(here, "..", "smoke.mjs"), join(appDir, "lib", "smoke.mjs"));
rmSync(join(appDir, ".next"), { recursive: true, force: true });

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, ...args], { cwd: appDir, env, stdio: ["ignore", "inherit", "inherit"] });
    child.once("exit", (code, sig) => (code === 0 ? resolve() : reject(new Error(`next ${args.join(" ")} exited with ${code ?? sig}`))));
  });
}

const failures = [];
function check(what, ok, detail) {
  console.log(`${ok ? "ok  " : "FAIL"} ${bundler}: ${what}${ok ? "" : `\n     ${detail}`}`);
  if (!ok) failures.push(what);
}
function checkSmoke(what, actual) {
  const diffs = differences(expected, actual);
  check(`${what} smoke result equals expected.json`, diffs.length === 0, diffs.join("\n     "));
}

const t0 = Date.now();
await run(bundler === "webpack" ? ["build", "--webpack"] : ["build"]);
console.log(`next build (${bundler}): ${((Date.now() - t0) / 1000).toFixed(1)}s`);

const port = await freePort();
const server = spawn(process.execPath, [nextBin, "start", "-H", "127.0.0.1", "-p", String(port)], {
  cwd: appDir,
  env,
  stdio: ["ignore", "pipe", "pipe"],
});
let serverLog = "";
server.stdout.on("data", (d) => { serverLog += d; process.stdout.write(d); });
server.stderr.on("data", (d) => { serverLog += d; process.stdout.write(d); });
process.on("exit", () => server.kill("SIGKILL"));
const base = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error(`next start exited (${server.exitCode})`);
    try {
      await fetch(`${base}/api/smoke/node`);
      break;
    } catch {
      if (i > 240) throw new Error("next start did not answer within 60 s");
      await sleep(250);
    }
  }

  // The README's route handler (app/api/{node,edge}/route.ts): a built request.
  for (const route of ["node", "edge"]) {
    const key = `next-${bundler}-${route}`;
    const res = await fetch(`${base}/api/${route}?key=${key}`);
    const text = await res.text();
    let req;
    try {
      req = JSON.parse(text);
    } catch {
      check(`/api/${route} answers JSON`, false, `status ${res.status}: ${text.slice(0, 2000)}`);
      continue;
    }
    check(`/api/${route} answers with a built request`,
      req.method === "POST" && req.path === "/v1/runs" && req.idempotency_key === key &&
        req.body === `{"workflow_id":"${WORKFLOW_ID}","input_values":{"customer_id":"C-42"}}`,
      JSON.stringify(req));
  }
  // The smoke in both runtimes (and proof the Edge one runs in the edge runtime).
  for (const route of ["node", "edge"]) {
    const res = await fetch(`${base}/api/smoke/${route}`);
    const text = await res.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      check(`/api/smoke/${route} answers JSON`, false, `status ${res.status}: ${text.slice(0, 2000)}`);
      continue;
    }
    check(`/api/smoke/${route} runs in the ${route} runtime`, body.runtime === route, `runtime: ${body.runtime}`);
    checkSmoke(`/api/smoke/${route}`, body.smoke);
  }

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    const pageErrors = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (m) => console.log(`[page ${m.type()}] ${m.text()}`));
    page.on("requestfailed", (r) => console.log(`[page request failed] ${r.url()} ${r.failure()?.errorText}`));
    // The README's client page: a resolved prompt.
    await page.goto(`${base}/`);
    await page.waitForFunction(() => document.getElementById("resolved")?.textContent !== "loading", null, { timeout: 60000 });
    const resolved = await page.textContent("#resolved");
    check("the page shows the resolved prompt", resolved === "Hi Ada, type {$pin}", resolved);
    // The smoke in a client page.
    await page.goto(`${base}/smoke`);
    await page.waitForFunction(() => document.getElementById("smoke")?.textContent !== "running", null, { timeout: 60000 });
    const smokeText = await page.textContent("#smoke");
    let smoke;
    try {
      smoke = JSON.parse(smokeText);
    } catch {
      smoke = smokeText;
    }
    checkSmoke("the /smoke page's", smoke);
    check("the page threw nothing", pageErrors.length === 0, pageErrors.join("\n     "));
  } finally {
    await browser.close();
  }
  check("the server logged no error", !/\b(TypeError|ReferenceError|Error:)/.test(serverLog), serverLog.slice(-3000));
} finally {
  await stop(server);
}
console.log(failures.length ? `${failures.length} check(s) failed` : `next (${bundler}): every check passed`);
process.exit(failures.length ? 1 : 0);
