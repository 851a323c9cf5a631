// What every browser page of the matrix does: show that its CSP refuses
// eval, run the package's one documented init (`load`), then the smoke.
import { smoke } from "../smoke.mjs";

/**
 * @param {Record<string, any>} kit the package's namespace
 * @param {() => Promise<void>} load the init call the page's recipe uses
 */
export async function runSmokePage(kit, load) {
  const status = document.getElementById("status");
  try {
    (0, eval)("1");
    document.body.dataset.evalRefused = "no";
  } catch {
    document.body.dataset.evalRefused = "yes";
  }
  try {
    await load();
    document.getElementById("result").textContent = JSON.stringify(smoke(kit));
    status.textContent = "done";
  } catch (e) {
    status.textContent = `error: ${e && e.stack ? e.stack : e}`;
  }
}
