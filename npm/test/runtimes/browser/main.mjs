// The page a Vite user would build: import the package, call the one
// documented `await init()` if it exports one, show the smoke result.
import * as kit from "cyberdesk-kit";
import { smoke } from "../smoke.mjs";

const status = document.getElementById("status");
// The page is served with a CSP that forbids eval: show that it holds.
try {
  (0, eval)("1");
  document.body.dataset.evalRefused = "no";
} catch {
  document.body.dataset.evalRefused = "yes";
}
try {
  if (typeof kit.init === "function") await kit.init();
  document.getElementById("result").textContent = JSON.stringify(smoke(kit));
  status.textContent = "done";
} catch (e) {
  status.textContent = `error: ${e && e.stack ? e.stack : e}`;
}
