// The builder page (examples/builder) in headless Chromium: built with
// esbuild as its build.mjs builds it, against the packed package; served on
// 127.0.0.1 with a Content-Security-Policy that refuses eval; then typed
// into as a user would. Asserts what the page shows: the highlights and
// their kinds, the issues, the field errors of the run form, the versions
// (saved, a duplicate refused, a label moved, one opened), their comparison,
// and the request body, plain and pinned (secrets redacted, never on the
// page). Saves a screenshot to
// WORK_DIR/builder.png, and to $BUILDER_SCREENSHOT when that is set.
//
//   node builder/run.mjs WORK_DIR
import assert from "node:assert/strict";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { chromium } from "playwright-core";
import { serveDir } from "../lib/browser.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const RT = join(here, "..");
const work = process.argv[2] ?? "/tmp/cdk-builder";
const { buildPage } = await import(join(RT, "..", "..", "..", "examples", "builder", "build.mjs"));
// "cyberdesk-kit" is the packed copy test-runtimes.sh unpacks (KIT_NODE_PATH: another node_modules).
const nodePaths = [process.env.KIT_NODE_PATH ?? join(RT, "node_modules")];
const out = await buildPage(esbuild, { outdir: join(work, "builder"), nodePaths });
console.log(`built ${out} with esbuild ${esbuild.version}`);

const { server, port } = await serveDir(
  out,
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:",
);

const SECRET = "CANARY-ERP-PASS-7731";
const WORKFLOW_PROMPT = "Open the ERP and find invoice {invoice_number} of customer {customer_id}.\nLog in with {$erp_password}.";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update", "--no-first-run"],
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  // Nothing may leave 127.0.0.1: the page builds requests, it never sends them.
  page.on("request", (r) => new URL(r.url()).hostname !== "127.0.0.1" && problems.push(`network: ${r.url()}`));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => document.getElementById("status")?.textContent === "ready", null, { timeout: 60000 });
  console.log(`chromium ${browser.version()}: page ready on 127.0.0.1:${port}`);

  const marks = () =>
    page.$$eval("#highlights mark", (ms) => ms.map((m) => [m.dataset.kind, m.textContent]));
  const issues = () =>
    page.$$eval("#issues li", (ls) => ls.map((l) => [l.dataset.severity, l.dataset.code, l.textContent]));
  const body = async () => JSON.parse(await page.textContent("#request-body"));
  const fieldError = (name) => page.textContent(`.field-error[data-for="${name}"]`);

  // The stored prompt, highlighted by kind.
  assert.deepEqual(await marks(), [
    ["input", "{invoice_number}"],
    ["input", "{customer_id}"],
    ["sensitive", "{$erp_password}"],
  ]);
  // The backdrop holds exactly the editor's text (so the marks sit under their variables).
  assert.equal(await page.textContent("#highlights"), (await page.inputValue("#editor")) + "\n");

  // Type at the end of the prompt: an input, non-BMP text (so the spans must be UTF-16), a runtime variable, a near-miss.
  await page.focus("#editor");
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\nEnter {amount} 𝐄𝐔𝐑 and report {{confirmation_code}}; keep { note } as is.");
  const text = await page.inputValue("#editor");
  assert.deepEqual(await marks(), [
    ["input", "{invoice_number}"],
    ["input", "{customer_id}"],
    ["sensitive", "{$erp_password}"],
    ["input", "{amount}"],
    ["runtime", "{{confirmation_code}}"],
  ]);
  assert.equal(await page.textContent("#highlights"), text + "\n");
  const shown = await issues();
  const has = (severity, code, words) => shown.some(([s, c, t]) => s === severity && c === code && t.includes(words));
  assert.ok(has("warning", "missing_input", "{amount}"), JSON.stringify(shown));
  assert.ok(has("warning", "malformed_variable", "{ note }"), JSON.stringify(shown));
  assert.ok(has("warning", "missing_sensitive_input", "{$erp_password}"), JSON.stringify(shown));
  assert.equal(await page.textContent("#request-line"), "POST https://api.cyberdesk.io/v1/runs");
  assert.equal((await body()).main_prompt, text, "the override is the editor's text, as typed");

  // The run form, checked against input_schema while typing.
  await page.fill('input[name="amount"]', "-5");
  assert.match(await fieldError("amount"), /greater than or equal to 0/);
  assert.equal(await page.getAttribute('input[name="amount"]', "aria-invalid"), "true");
  await page.fill('input[name="amount"]', "1250.5");
  assert.equal(await fieldError("amount"), "");
  await page.locator('input[name="$erp_password"]').pressSequentially("short");
  assert.match(await fieldError("$erp_password"), /at least 8 characters/);
  await page.fill('input[name="$erp_password"]', SECRET);
  assert.equal(await fieldError("$erp_password"), "");
  assert.equal(await page.getAttribute('input[name="$erp_password"]', "type"), "password");

  // The request: exact fields, the secret redacted, nowhere on the page.
  const sent = await body();
  assert.deepEqual(sent.input_values, { customer_id: "C-1042", invoice_number: "INV-2024", amount: 1250.5 });
  assert.deepEqual(sent.sensitive_input_values, { erp_password: "[redacted]" });
  assert.equal(sent.workflow_id, "550e8400-e29b-41d4-a716-446655440000");
  assert.match(await page.textContent("#request-headers"), /^Idempotency-Key: [0-9a-f-]{36}$/m);
  assert.ok(!(await page.evaluate(() => document.body.innerText)).includes(SECRET), "the secret is on the page");
  // The resolved prompt: inputs replaced, the sensitive and runtime variables as written.
  assert.equal(
    await page.textContent("#resolved"),
    text
      .replace("{invoice_number}", "INV-2024")
      .replace("{customer_id}", "C-1042")
      .replace("{amount}", "1250.5"),
  );
  assert.ok(!(await issues()).some(([, c]) => c === "missing_input" || c === "missing_sensitive_input"));

  // A value the schema refuses: a field error, a preflight error, no request.
  await page.fill('input[name="customer_id"]', "X-9");
  assert.match(await fieldError("customer_id"), /should match pattern/);
  assert.ok((await issues()).some(([s, c]) => s === "error" && c === "input_schema_violation"));
  assert.equal(await page.textContent("#request-line"), "not built: preflight_error");
  assert.equal(await page.textContent("#request-body"), "");
  await page.fill('input[name="customer_id"]', "C-1042");
  assert.equal(await page.textContent("#request-line"), "POST https://api.cyberdesk.io/v1/runs");

  // Versions: the history starts with the stored prompt as v1, labelled production.
  const versionRows = () =>
    page.$$eval("#version-list li", (ls) =>
      ls.map((l) => [l.dataset.number, [...l.querySelectorAll(".label")].map((x) => x.dataset.label)]),
    );
  assert.deepEqual(await versionRows(), [["1", ["latest", "production"]]]);
  await page.fill("#version-note", "asks for the amount");
  await page.click("#save-version");
  assert.deepEqual(await versionRows(), [["2", ["latest"]], ["1", ["production"]]]);
  assert.equal(await page.textContent("#version-message"), "saved as v2");
  await page.click("#save-version");
  assert.match(await page.textContent("#version-message"), /^duplicate_version: .*version 2/);
  // The compare view: production (v1) against latest (v2).
  const facts = await page.$$eval("#comparison [data-fact]", (ds) => ds.map((d) => [d.dataset.fact, d.textContent]));
  assert.deepEqual(facts, [
    ["added", "added: {amount}{{confirmation_code}}"],
    ["inputs", "inputs now needed: amount"],
  ]);
  assert.deepEqual(await page.$$eval("#diff .add", (s) => s.map((x) => x.textContent)), [`+ ${text.split("\n")[2]}\n`]);
  assert.deepEqual(await page.$$eval("#diff .del", (s) => s.length), 0);
  // Pin the run to production: the request carries v1's text, built by buildPinnedRun.
  await page.selectOption("#run-pin", "production");
  assert.equal((await body()).main_prompt, WORKFLOW_PROMPT);
  assert.deepEqual((await body()).sensitive_input_values, { erp_password: "[redacted]" });
  // Point production at v2: the same pin now sends v2.
  await page.selectOption("#label-target", "2");
  await page.click("#move-label");
  assert.deepEqual(await versionRows(), [["2", ["latest", "production"]], ["1", []]]);
  assert.equal((await body()).main_prompt, text);
  await page.selectOption("#run-pin", "");
  // Open v1 in the editor: its variables are highlighted again.
  await page.click("#version-list li[data-number='1'] button.open");
  assert.equal(await page.inputValue("#editor"), WORKFLOW_PROMPT);
  assert.equal((await marks()).length, 3);
  await page.selectOption("#compare-old", "1");
  await page.selectOption("#compare-new", "2");

  // The state shown in the README's screenshot: a clean edit, one near-miss left.
  await page.fill("#editor", `${text.split("\n").slice(0, 2).join("\n")}\nEnter {amount} EUR, then report {{confirmation_code}}; keep { note } as is.`);
  assert.deepEqual((await marks()).map(([k]) => k), ["input", "input", "sensitive", "input", "runtime"]);
  assert.equal((await issues()).length, 1);

  assert.deepEqual(problems, []);
  const shot = join(work, "builder.png");
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`screenshot: ${shot}`);
  if (process.env.BUILDER_SCREENSHOT) {
    copyFileSync(shot, process.env.BUILDER_SCREENSHOT);
    console.log(`screenshot copied to ${process.env.BUILDER_SCREENSHOT}`);
  }
  console.log("builder page: all assertions passed");
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
