"use client";
// The shared smoke (../../lib/smoke.mjs, copied in by run.mjs) in a client
// component, after the one documented `await init()`.
import { useEffect, useState } from "react";
import * as kit from "cyberdesk-kit";
import { smoke } from "../../lib/smoke.mjs";

export default function SmokePage() {
  const [result, setResult] = useState("running");
  useEffect(() => {
    kit.init().then(
      () => setResult(JSON.stringify(smoke(kit))),
      (e: unknown) => setResult(`error: ${e instanceof Error ? e.stack : String(e)}`),
    );
  }, []);
  return <pre id="smoke">{result}</pre>;
}
