// A workflow builder page on cyberdesk-kit, in the browser, with no server:
// every panel is computed by the package from what is on the page.
//   - the prompt editor highlights each variable by kind from parsePrompt's
//     spans (UTF-16 offsets, the units of a JavaScript string);
//   - the issues and the resolved prompt beside it are preflightRun's;
//   - the run form is checked against the workflow's input_schema while
//     typing (validateInstance);
//   - the request is buildRunCreate's (buildPinnedRun's when the run is
//     pinned to a version), shown with the secrets redacted;
//   - the versions panel (versions.js) keeps the prompt history.
// The .wasm is loaded as the npm README's esbuild recipe says: imported with
// the `file` loader, its URL given to init().

import { buildPinnedRun, buildRunCreate, init, KitError, newIdempotencyKey, parsePrompt, preflightRun, validateInstance } from "cyberdesk-kit";
import wasmUrl from "cyberdesk-kit/cyberdesk_kit_wasm_bg.wasm";
import { setupVersions } from "./versions.js";
import "./main.css";

await init(wasmUrl);

/** The workflow as GET /v1/workflows/{id} would return it (a sample). */
export const WORKFLOW = {
  id: "550e8400-e29b-41d4-a716-446655440000",
  name: "Enter supplier invoices",
  main_prompt: "Open the ERP and find invoice {invoice_number} of customer {customer_id}.\nLog in with {$erp_password}.",
  input_schema: JSON.stringify({
    type: "object",
    required: ["customer_id", "invoice_number"],
    properties: {
      customer_id: { type: "string", pattern: "^C-\\d+$" },
      invoice_number: { type: "string", pattern: "^INV-\\d{4,}$" },
      amount: { type: "number", minimum: 0 },
      $erp_password: { type: "string", minLength: 8 },
    },
  }),
};

const $ = (id) => document.getElementById(id);
const editor = $("editor");
const highlights = $("highlights");
const form = $("form");
// One key for the page: a request rebuilt on every keystroke keeps it, as a
// retried request must.
const idempotencyKey = newIdempotencyKey();
const schema = JSON.parse(WORKFLOW.input_schema);

/** Form values kept across re-renders of the form: name -> text. */
const values = new Map([
  ["customer_id", "C-1042"],
  ["invoice_number", "INV-2024"],
]);

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

/** The editor's backdrop: the text with each variable in a <mark> of its kind. */
function renderHighlights(text, variables) {
  const parts = [];
  let at = 0;
  for (const v of variables) {
    parts.push(text.slice(at, v.start));
    parts.push(el("mark", { class: `var var-${v.kind}`, "data-kind": v.kind, "data-root": v.root }, text.slice(v.start, v.end)));
    at = v.end;
  }
  // A trailing newline needs a character after it to take up a line.
  parts.push(text.slice(at) + "\n");
  highlights.replaceChildren(...parts);
  $("variables").replaceChildren(
    ...variables.map((v) => el("li", { class: `var-${v.kind}`, "data-kind": v.kind }, v.raw)),
  );
}

/** The form's fields: the schema's properties, then any other variable of the prompt. */
function fieldsFor(variables) {
  const fields = new Map();
  for (const [name, s] of Object.entries(schema.properties ?? {})) {
    const sensitive = name.startsWith("$");
    fields.set(name, { name, key: sensitive ? name.slice(1) : name, sensitive, type: s.type });
  }
  for (const v of variables) {
    if (v.kind === "runtime") continue;
    const name = v.kind === "sensitive" ? `$${v.root}` : v.root;
    if (!fields.has(name)) fields.set(name, { name, key: v.root, sensitive: v.kind === "sensitive", type: "string" });
  }
  return [...fields.values()];
}

let shownFields = "";
function renderForm(fields) {
  const signature = JSON.stringify(fields);
  if (signature === shownFields) return;
  shownFields = signature;
  const required = new Set(schema.required ?? []);
  form.replaceChildren(
    ...fields.flatMap((f) => [
      el("label", { for: `field-${f.name}` }, f.name + (required.has(f.name) ? " *" : "")),
      el("input", {
        id: `field-${f.name}`,
        name: f.name,
        type: f.sensitive ? "password" : "text",
        inputmode: f.type === "number" || f.type === "integer" ? "decimal" : "text",
        value: values.get(f.name) ?? "",
        oninput: (e) => {
          values.set(f.name, e.target.value);
          update();
        },
      }),
      el("div", { class: "field-error", "data-for": f.name }),
    ]),
  );
}

/** A field's text as the JSON value it stands for (a number field's digits as a number). */
function valueOf(field, text) {
  if ((field.type === "number" || field.type === "integer") && text.trim() !== "" && Number.isFinite(Number(text))) {
    return Number(text);
  }
  return text;
}

/** The run's input_values and sensitive_input_values from the form (blank fields left out). */
function inputsFrom(fields) {
  const inputValues = {};
  const sensitive = {};
  for (const f of fields) {
    const text = values.get(f.name) ?? "";
    if (text === "") continue;
    (f.sensitive ? sensitive : inputValues)[f.key] = valueOf(f, text);
  }
  return { inputValues, sensitive };
}

/** validateInstance's errors under the fields they are about. */
function renderFieldErrors(fields, inputValues, sensitive) {
  // The schema sees sensitive values under a `$`-prefixed root, as Cyberdesk does.
  const instance = { ...inputValues };
  for (const [k, v] of Object.entries(sensitive)) instance[`$${k}`] = v;
  const errors = validateInstance(schema, instance);
  const byField = new Map();
  for (const e of errors) {
    // `missing` is reported on the object; its ctx names the field.
    const name = e.loc.length > 0 ? String(e.loc[0]) : (e.ctx?.field ?? e.ctx?.property ?? "");
    const list = byField.get(name) ?? [];
    list.push(e.type === "missing" ? "required" : e.msg);
    byField.set(name, list);
  }
  for (const f of fields) {
    const input = form.querySelector(`input[name="${CSS.escape(f.name)}"]`);
    const out = form.querySelector(`.field-error[data-for="${CSS.escape(f.name)}"]`);
    const msgs = byField.get(f.name) ?? [];
    input.setAttribute("aria-invalid", msgs.length ? "true" : "false");
    out.textContent = msgs.join("; ");
  }
  return errors;
}

function renderIssues(list, issues) {
  list.replaceChildren(
    ...issues.map((i) =>
      el("li", { "data-code": i.code, "data-severity": i.severity }, el("code", {}, i.code), " ", i.message),
    ),
  );
}

/** The body with every value under sensitive_input_values replaced: what may be shown or logged. */
function redactedBody(body) {
  const parsed = JSON.parse(body);
  const redact = (v) =>
    v !== null && typeof v === "object"
      ? Array.isArray(v)
        ? v.map(redact)
        : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redact(x)]))
      : "[redacted]";
  if (parsed.sensitive_input_values && typeof parsed.sensitive_input_values === "object") {
    parsed.sensitive_input_values = redact(parsed.sensitive_input_values);
  }
  return JSON.stringify(parsed, null, 2);
}

function renderRequest(run, preflightIssues) {
  const problems = $("request-problems");
  try {
    const pin = versions?.pin() ?? null;
    let req;
    if (pin === null) {
      req = buildRunCreate(run, { workflow: WORKFLOW, idempotencyKey });
    } else {
      // The version's text becomes the run's main_prompt.
      const { main_prompt: _, ...rest } = run;
      req = buildPinnedRun(versions.history(), pin, rest, { workflow: WORKFLOW, idempotencyKey });
    }
    $("request-line").textContent = `${req.method} https://api.cyberdesk.io${req.path}`;
    $("request-headers").textContent = Object.entries(req.headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join("\n");
    $("request-body").textContent = redactedBody(req.body);
    // The preflight's findings are listed beside the prompt already.
    const listed = new Set(preflightIssues.map((i) => `${i.code} ${i.message}`));
    renderIssues(problems, req.warnings.filter((w) => !listed.has(`${w.code} ${w.message}`)));
    $("request-body").dataset.state = "built";
  } catch (err) {
    if (!(err instanceof KitError)) throw err;
    $("request-line").textContent = `not built: ${err.code}`;
    $("request-headers").textContent = "";
    $("request-body").textContent = "";
    $("request-body").dataset.state = err.code;
    const found = err.issues.length
      ? err.issues.filter((i) => i.severity === "error")
      : err.errors.map((e) => ({ code: e.type, severity: "error", message: `${e.loc.join(".")}: ${e.msg}` }));
    renderIssues(problems, found);
  }
}

/** Recomputes every panel from the editor and the form. */
export function update() {
  const text = editor.value;
  const variables = parsePrompt(text);
  renderHighlights(text, variables);
  const fields = fieldsFor(variables);
  renderForm(fields);
  const { inputValues, sensitive } = inputsFrom(fields);
  renderFieldErrors(fields, inputValues, sensitive);
  const run = {
    workflow_id: WORKFLOW.id,
    main_prompt: text,
    input_values: inputValues,
    sensitive_input_values: sensitive,
  };
  const pre = preflightRun(run, WORKFLOW);
  renderIssues($("issues"), pre.issues);
  $("resolved").textContent = pre.resolved_prompt;
  $("issue-count").textContent = `${pre.issues.length} · prompt from ${pre.prompt_source}`;
  renderRequest(run, pre.issues);
}

$("workflow-id").textContent = WORKFLOW.id;
editor.value = WORKFLOW.main_prompt;
editor.addEventListener("input", update);
const versions = setupVersions({ editor, workflow: WORKFLOW, update, el });
editor.addEventListener("scroll", () => {
  highlights.scrollTop = editor.scrollTop;
});
update();
$("status").textContent = "ready";
