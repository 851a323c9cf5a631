#!/usr/bin/env python3
"""Reads bench/results/{rust,python,node}.json (rows of {group, case,
contender, median_us | bytes, lang}) and prints the comparison tables and
the issue's targets, met or missed. Every ratio compares figures taken in
the same run of the same harness. Writes bench/results/report.md too."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.join(HERE, "results")
KIT = "cyberdesk-kit"
LANG_NAMES = {"rust": "Rust", "python": "Python", "js": "JavaScript (Node)"}


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
    head = f"| {group} case | {KIT} | " + " | ".join(f"{c} (× slower)" for c in others) + " |"
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


def ratio(rows, lang, group, case_pred, contender):
    """min over matching cases of contender_time / kit_time."""
    cases, _, cell = pivot(rows, lang, group)
    ratios = []
    for case in cases:
        if not case_pred(case):
            continue
        k, v = cell.get((case, KIT)), cell.get((case, contender))
        if k and v:
            ratios.append((v / k, case))
    return min(ratios) if ratios else None


def targets(rows):
    out = []

    def check(label, got, goal, better="higher"):
        if got is None:
            out.append(f"| {label} | not measured | {goal} | - |")
            return
        value, where = got if isinstance(got, tuple) else (got, "")
        ok = value >= goal if better == "higher" else value <= goal
        shown = f"{value:.2f}" + (f" (worst: {where})" if where else "")
        out.append(f"| {label} | {shown} | {'≥' if better == 'higher' else '≤'} {goal} | {'met' if ok else 'MISSED'} |")

    every = lambda c: True
    medium = lambda c: "medium" in c
    check("Python validate vs jsonschema (×, worst case)", ratio(rows, "python", "validate", every, "jsonschema"), 50)
    check("Python validate vs jsonschema-rs on medium (×)", ratio(rows, "python", "validate", medium, "jsonschema-rs"), 1.0)
    check("Python validate vs pydantic on medium (×)", ratio(rows, "python", "validate", medium, "pydantic"), 1.0)
    check("JS validate vs @cfworker/json-schema (×, worst case)", ratio(rows, "js", "validate", every, "cfworker"), 3.0)
    check("JS validate vs Ajv (×, worst case; within 2× = ≥ 0.5)", ratio(rows, "js", "validate", every, "ajv"), 0.5)
    hundred = lambda c: c in ("prompt_100k", "prompt_flat_100k")
    for lang in ("rust", "python", "js"):
        check(f"{LANG_NAMES[lang]} resolve vs regex resolver (×)", ratio(rows, lang, "resolve", hundred, "regex"), 5.0)
    for lang in ("rust", "python", "js"):
        _, _, cell = pivot(rows, lang, "resolve")
        one, ten = cell.get(("prompt_1m", KIT)), cell.get(("prompt_10m", KIT))
        if one and ten:
            out.append(f"| {LANG_NAMES[lang]} resolve 10 MB / 1 MB time | {ten / one:.1f} | ≈ 10 (linear) | {'met' if ten / one < 15 else 'MISSED'} |")
    size = [r for r in rows if r.get("group") == "size" and "bytes" in r]
    total = next((r["bytes"] for r in size if r.get("case") == "total_gzip" and r.get("contender") == KIT), None)
    if total is not None:
        check("npm wasm + glue gzipped (KB)", total / 1024, 400, better="lower")
    return ["| target | measured | goal | |", "|---|---|---|---|"] + out


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
