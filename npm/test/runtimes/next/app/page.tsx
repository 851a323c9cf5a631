"use client";
// A client component page, written as the npm README says: import the
// package statically, `await init()` once in the browser, then call it.
// (Server rendering imports the package too: the Node entry, ready on import.)
import { useEffect, useState } from "react";
import * as kit from "cyberdesk-kit";
import { init, resolvePrompt } from "cyberdesk-kit";
import { smoke } from "../lib/smoke.mjs";

export default function Page() {
  const [resolved, setResolved] = useState("loading");
  const [result, setResult] = useState("");
  useEffect(() => {
    init().then(
      () => {
        setResolved(resolvePrompt("Hi {name}, type {$pin}", { name: "Ada" }).text);
        setResult(JSON.stringify(smoke(kit)));
      },
      (e: unknown) => setResolved(`error: ${e instanceof Error ? e.stack : String(e)}`),
    );
  }, []);
  return (
    <main>
      <p id="resolved">{resolved}</p>
      <pre id="smoke">{result}</pre>
    </main>
  );
}
