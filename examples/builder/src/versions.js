// The versions panel: the builder's own prompt history, kept as the plain
// JSON document the package reads and writes (here in localStorage), with
// labels, a compare view, and a pin for the run.
//   - save the editor's text as a version: addPromptVersion (the page gives
//     the time; the package has no clock);
//   - point a label at a version: movePromptLabel;
//   - open a version in the editor: selectPromptVersion;
//   - compare two versions: comparePromptVersions (variables added and
//     removed, inputs newly needed, the line diff);
//   - pin the run to a version: the request becomes buildPinnedRun's.

import {
  addPromptVersion,
  comparePromptVersions,
  createPromptHistory,
  KitError,
  movePromptLabel,
  parsePromptHistory,
  selectPromptVersion,
  serializePromptHistory,
} from "cyberdesk-kit";

const STORE = "cyberdesk-kit-builder-history";
const $ = (id) => document.getElementById(id);

/** A pin as the page's selects hold it: "latest", a label, or a version number. */
function pinOf(value) {
  return /^\d+$/.test(value) ? Number(value) : value;
}

/**
 * Sets up the panel. `update` recomputes the page; `el` makes elements.
 * Returns `{ pin() }`: the pin the run uses, or null for the editor's text.
 */
export function setupVersions({ editor, workflow, update, el }) {
  let history;
  try {
    history = parsePromptHistory(localStorage.getItem(STORE) ?? "");
  } catch {
    // First visit (or a broken stored document): start from the stored prompt.
    history = addPromptVersion(createPromptHistory(), workflow.main_prompt, {
      note: "the workflow's stored prompt",
      createdAt: new Date().toISOString(),
    });
    history = movePromptLabel(history, "production", 1);
  }
  const save = () => localStorage.setItem(STORE, serializePromptHistory(history));
  const message = (text) => {
    $("version-message").textContent = text;
  };

  function pins() {
    const labels = Object.keys(history.labels);
    return [
      ["latest", "latest"],
      ...labels.map((l) => [l, l]),
      ...history.versions.map((v) => [String(v.number), `v${v.number}`]),
    ];
  }

  function fillSelect(select, options, keep) {
    const current = select.value || keep;
    select.replaceChildren(...options.map(([value, text]) => el("option", { value }, text)));
    if (options.some(([v]) => v === current)) select.value = current;
  }

  function render() {
    const latest = history.versions.length;
    $("version-list").replaceChildren(
      ...[...history.versions].reverse().map((v) => {
        const labels = Object.entries(history.labels)
          .filter(([, n]) => n === v.number)
          .map(([l]) => l);
        if (v.number === latest) labels.unshift("latest");
        return el(
          "li",
          { "data-number": String(v.number), title: v.id },
          el("button", { type: "button", class: "open", onclick: () => open(v.number) }, `v${v.number}`),
          ...labels.map((l) => el("span", { class: "label", "data-label": l }, l)),
          el("span", { class: "muted" }, `${v.note ?? ""} · ${v.id.slice(0, 15)}…`),
        );
      }),
    );
    fillSelect($("label-target"), history.versions.map((v) => [String(v.number), `v${v.number}`]), String(latest));
    fillSelect($("compare-old"), pins(), "production");
    fillSelect($("compare-new"), pins(), "latest");
    fillSelect($("run-pin"), [["", "the editor's text"], ...pins()], "");
    compare();
  }

  function open(number) {
    editor.value = selectPromptVersion(history, number).text;
    message(`v${number} opened in the editor`);
    update();
  }

  function compare() {
    const c = comparePromptVersions(history, pinOf($("compare-old").value), pinOf($("compare-new").value));
    const chips = (vars, cls) => vars.map((v) => el("code", { class: `chip ${cls} var-${v.kind}` }, v.raw));
    const facts = [];
    if (c.variables_added.length) facts.push(el("div", { "data-fact": "added" }, "added: ", ...chips(c.variables_added, "add")));
    if (c.variables_removed.length) facts.push(el("div", { "data-fact": "removed" }, "removed: ", ...chips(c.variables_removed, "del")));
    if (c.inputs_newly_needed.length) facts.push(el("div", { "data-fact": "inputs" }, `inputs now needed: ${c.inputs_newly_needed.join(", ")}`));
    if (c.sensitive_added.length) facts.push(el("div", { "data-fact": "sensitive" }, `sensitive inputs now needed: ${c.sensitive_added.join(", ")}`));
    if (c.skip_checks_wording !== "unchanged") facts.push(el("div", { "data-fact": "skip" }, `skip-checks wording ${c.skip_checks_wording}`));
    if (!c.changed) facts.push(el("div", { "data-fact": "same" }, "the same text"));
    const sign = { equal: " ", delete: "-", insert: "+" };
    const diff = c.lines.flatMap((run) =>
      run.lines.map((line) => el("span", { class: run.op === "equal" ? "eq" : run.op === "insert" ? "add" : "del" }, `${sign[run.op]} ${line}\n`)),
    );
    $("comparison").replaceChildren(el("div", { class: "facts" }, ...facts), el("pre", { class: "diff", id: "diff" }, ...diff));
  }

  $("save-version").addEventListener("click", () => {
    try {
      const note = $("version-note").value.trim();
      history = addPromptVersion(history, editor.value, { note: note || null, createdAt: new Date().toISOString() });
      save();
      message(`saved as v${history.versions.length}`);
      $("version-note").value = "";
      render();
      update();
    } catch (err) {
      if (!(err instanceof KitError)) throw err;
      message(`${err.code}: ${err.message}`);
    }
  });
  $("move-label").addEventListener("click", () => {
    try {
      history = movePromptLabel(history, $("label-name").value.trim(), Number($("label-target").value));
      save();
      message(`${$("label-name").value.trim()} → v${$("label-target").value}`);
      render();
      update();
    } catch (err) {
      if (!(err instanceof KitError)) throw err;
      message(`${err.code}: ${err.message}`);
    }
  });
  $("compare-old").addEventListener("change", compare);
  $("compare-new").addEventListener("change", compare);
  $("run-pin").addEventListener("change", update);

  render();
  return {
    /** The pin the run uses, or null for the editor's text. */
    pin: () => ($("run-pin").value === "" ? null : pinOf($("run-pin").value)),
    /** The history document as it is now. */
    history: () => history,
  };
}
