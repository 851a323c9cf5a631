#!/usr/bin/env python3
"""Reads bench/results/{rust,python,node}.json (rows of {group, case,
contender, median_us | bytes, lang}) and prints the comparison tables and
the goals of issue 11, each with its measured ratio, met or missed. Every ratio compares figures taken in
the same run of the same harness. Writes bench/results/report.md too."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.join(HERE, "results")
KIT = "cyberdesk-kit"
LANG_NAMES = {"rust": "Rust", "python": "Python", "js": "JavaScript (Node)"}


# The text-only resolve call (resolve_prompt_text / resolvePromptText), as
# every harness names it; shown beside the full call's goal.
TEXT_ONLY = "cyberdesk-kit text"
# Rust only: the full call with the variables borrowed from the prompt.
BORROWED = "cyberdesk-kit borrowed"

# Each harness names things its own way; one vocabulary for the tables.
GROUPS = {"prompt": "resolve"}
CONTENDERS = {
    "regex resolver": "regex",
    "cyberdesk-kit build_*": KIT,
    "cyberdesk-kit dict (validate)": KIT,
    "import cyberdesk_kit": KIT,
}


def load():
    rows = []
    for name in ("rust", "python", "node"):
        path = os.path.join(RES, name + ".json")
        if os.path.exists(path):
            with open(path) as f:
                rows.extend(json.load(f))
    for r in rows:
        r["group"] = GROUPS.get(r["group"], r["group"])
        r["contender"] = CONTENDERS.get(r["contender"], r["contender"])
    return rows


def fmt_us(us):
    if us is None:
        return "-"
    if us >= 1000:
        return f"{us / 1000:.2f} ms"
    return f"{us:.1f} µs" if us >= 10 else f"{us:.2f} µs"


def pivot(rows, lang, group):
    cases, contenders, cell = [], [], {}
    for r in rows:
        if r.get("lang") != lang or r.get("group") != group or "median_us" not in r:
            continue
        if r["case"] not in cases:
            cases.append(r["case"])
        if r["contender"] not in contenders:
            contenders.append(r["contender"])
        cell[(r["case"], r["contender"])] = r["median_us"]
    contenders.sort(key=lambda c: (c != KIT, c))
    return cases, contenders, cell


def table(rows, lang, group, title):
    cases, contenders, cell = pivot(rows, lang, group)
    if not cases:
        return []
    others = [c for c in contenders if c != KIT]
    head = "| " + " | ".join([f"{group} case", KIT] + [f"{c} (× slower)" for c in others]) + " |"
    out = [f"**{title}**", "", head, "|" + "---|" * (2 + len(others))]
    for case in cases:
        kit = cell.get((case, KIT))
        parts = [case, fmt_us(kit)]
        for c in others:
            v = cell.get((case, c))
            if v is None:
                parts.append("-")
            elif kit:
                parts.append(f"{fmt_us(v)} ({v / kit:.1f}×)")
            else:
                parts.append(fmt_us(v))
        out.append("| " + " | ".join(parts) + " |")
    out.append("")
    return out


def ratio(rows, lang, group, case_pred, contender, base=KIT):
    """min over matching cases of contender_time / base_time, with the case."""
    cases, _, cell = pivot(rows, lang, group)
    ratios = []
    for case in cases:
        if not case_pred(case):
            continue
        k, v = cell.get((case, base)), cell.get((case, contender))
        if k and v:
            ratios.append((v / k, case))
    return min(ratios) if ratios else None


def figure(rows, lang, group, case, contender=KIT):
    """One measured figure (µs), or None."""
    _, _, cell = pivot(rows, lang, group)
    return cell.get((case, contender))


# Figures of an earlier full run that a goal compares against: the
# "Node import-to-first-validate and workerd cold start no slower than
# today" goal of issue 11 was set against the run of 2026-11-24 (README.md,
# "JavaScript (Node): cold_start", `bash bench/run.sh` on the 2-core machine).
RECORDED = {
    "node_import_to_first_validate": (24.06, "README.md, bench/run.sh of 2026-11-24"),
    "workerd_spawn_to_first_response": (34.80, "README.md, bench/run.sh of 2026-11-24"),
}

def targets(rows):
    """Exactly the goals of issue 11, each with its measured ratio (the
    worst case where a goal covers several fixtures) and met / MISSED."""
    out = []

    def check(label, got, goal, better="higher", unit="×"):
        if got is None:
            out.append(f"| {label} | not measured | {'≥' if better == 'higher' else '≤'} {goal}{unit} | - |")
            return
        value, where = got if isinstance(got, tuple) else (got, "")
        ok = value >= goal if better == "higher" else value <= goal
        shown = f"{value:.2f}{unit}" + (f" (worst: {where})" if where else "")
        out.append(f"| {label} | {shown} | {'≥' if better == 'higher' else '≤'} {goal}{unit} | {'met' if ok else 'MISSED'} |")

    every = lambda c: True
    medium = lambda c: "_medium_" in c
    medium_large = lambda c: "_medium_" in c or "_large_" in c
    check("Python validate vs jsonschema-rs, every medium and large fixture (valid and invalid)",
          ratio(rows, "python", "validate", medium_large, "jsonschema-rs"), 1.0)
    check("Python validate vs pydantic v2, every medium and large fixture (valid and invalid)",
          ratio(rows, "python", "validate", medium_large, "pydantic"), 1.0)
    check("JS validate vs @cfworker/json-schema, every fixture", ratio(rows, "js", "validate", every, "cfworker"), 3.0)
    check("JS validate vs Ajv, medium fixtures", ratio(rows, "js", "validate", medium, "ajv"), 0.33)

    # Resolution: the 100 KB / 1,000-variable prompts (nested and flat).
    hundred = lambda c: c in ("prompt_100k", "prompt_flat_100k")
    for lang, goal in (("python", 2.0), ("js", 2.0), ("rust", 5.0)):
        name = LANG_NAMES[lang]
        check(f"{name} resolve (full call) vs regex resolver, 100 KB / 1,000 variables",
              ratio(rows, lang, "resolve", hundred, "regex"), goal)
        check(f"{name} resolve, text-only call, vs regex resolver (shown; the goal is the full call's)",
              ratio(rows, lang, "resolve", hundred, "regex", base=TEXT_ONLY), goal)
        if lang == "rust":
            check("Rust resolve, full call with borrowed variables (resolve_prompt_borrowed), vs regex resolver (shown)",
                  ratio(rows, lang, "resolve", hundred, "regex", base=BORROWED), goal)

    # Builders: no slower than the host's own serializer plus the kit's validate.
    for lang, name, contender in (("python", "Python", "cyberdesk-kit validate + json.dumps"),
                                  ("js", "JS", "cyberdesk-kit validate + JSON.stringify")):
        check(f"{name} builders vs {contender.replace('cyberdesk-kit ', 'kit ')}, every valid fixture",
              ratio(rows, lang, "build", every, contender), 1.0)

    for lang in ("rust", "python", "js"):
        one, ten = figure(rows, lang, "resolve", "prompt_1m"), figure(rows, lang, "resolve", "prompt_10m")
        check(f"{LANG_NAMES[lang]} resolve 10 MB / 1 MB time", (ten / one) if one and ten else None, 11, better="lower")

    imp = figure(rows, "python", "import", "import")
    check("import cyberdesk_kit (ms)", imp / 1000 if imp else None, 10, better="lower", unit=" ms")
    for case, label in (("node_import_to_first_validate", "Node import to first validate (ms)"),
                        ("workerd_spawn_to_first_response", "workerd cold start, spawn to first response (ms)")):
        base, source = RECORDED[case]
        got = figure(rows, "js", "cold_start", case)
        check(f"{label}, no slower than {base:.2f} ms ({source})", got / 1000 if got else None, base, better="lower", unit=" ms")

    size = [r for r in rows if r.get("group") == "size" and "bytes" in r]
    total = next((r["bytes"] for r in size if r.get("case") == "total_gzip" and r.get("contender") == KIT), None)
    check("npm package (wasm + glue) gzipped", total / 1024 if total is not None else None, 400, better="lower", unit=" KB")
    return ["| goal (issue 11) | measured | target | |", "|---|---|---|---|"] + out


def main():
    rows = load()
    if not rows:
        sys.exit("no results: run bench/run.sh")
    lines = ["## Benchmark results", ""]
    for lang in ("rust", "python", "js"):
        groups = []
        for r in rows:
            if r.get("lang") == lang and r["group"] not in groups and "median_us" in r:
                groups.append(r["group"])
        for g in groups:
            lines += table(rows, lang, g, f"{LANG_NAMES[lang]}: {g}")
    size = [r for r in rows if "bytes" in r]
    if size:
        lines += ["**Size** (JavaScript)", "", "| package | what | bytes |", "|---|---|---|"]
        lines += [f"| {r['contender']} | {r['case']} | {r['bytes']:,} |" for r in size]
        lines.append("")
    lines += ["**Targets**", ""] + targets(rows) + [""]
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(RES, "report.md"), "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
