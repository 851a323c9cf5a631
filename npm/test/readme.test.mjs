// The JavaScript example of the repository's README runs as written, with
// the package as users import it ("cyberdesk-kit", resolved through the
// package's own exports map) and a stand-in `fetch` answering on behalf of
// the API (no network in tests).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const readme = readFileSync(join(here, "..", "..", "README.md"), "utf8");

test("the README's JavaScript example runs", () => {
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length >= 1, "the README has a JavaScript example");
  const run = {
    id: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
    workflow_id: "550e8400-e29b-41d4-a716-446655440000",
    machine_id: null,
    status: "scheduling",
    main_prompt: "pinned",
    created_at: "2026-11-24T10:00:00Z",
  };
  // Runs inside the package directory, so "cyberdesk-kit" resolves to it.
  const file = join(here, "..", `readme-example-${process.pid}.mjs`);
  const stub = `globalThis.fetch = async (url, init) => {
    globalThis.__sent = { url, init };
    return new Response(${JSON.stringify(JSON.stringify(run))}, { status: 201, headers: { "content-type": "application/json" } });
  };\n`;
  writeFileSync(file, stub + blocks.join("\n") + "\nconsole.log(JSON.stringify(globalThis.__sent.url));\n");
  try {
    const r = spawnSync(process.execPath, [file], {
      env: { ...process.env, CYBERDESK_API_KEY: "sk_test_readme" },
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /"https:\/\/api\.cyberdesk\.io\/v1\/runs"/);
  } finally {
    rmSync(file, { force: true });
  }
});
