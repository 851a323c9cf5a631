#!/usr/bin/env python3
"""Turns criterion's saved estimates (target/criterion) into the bench's
common rows (bench/results/rust.json): one row per benchmark, the median in
microseconds."""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRIT = os.path.join(ROOT, "target", "criterion")


def rows():
    out = []
    for dirpath, _dirs, files in os.walk(CRIT):
        if os.path.basename(dirpath) != "new" or "estimates.json" not in files:
            continue
        with open(os.path.join(dirpath, "benchmark.json")) as f:
            meta = json.load(f)
        with open(os.path.join(dirpath, "estimates.json")) as f:
            est = json.load(f)
        median_us = est["median"]["point_estimate"] / 1000.0
        group = meta["group_id"]
        func = meta.get("function_id") or ""
        value = meta.get("value_str") or ""
        if group == "validate":
            contender = "cyberdesk-kit" if func == "value" else "cyberdesk-kit (JSON text)"
            out.append({"group": "validate", "case": value, "contender": contender, "median_us": median_us, "lang": "rust"})
        elif group == "resolve_prompt":
            case = func
            contender = "cyberdesk-kit"
            # The full call (resolve_prompt, owned variables), the text-only
            # call, the full call with borrowed variables, the contender.
            for suffix, name in (("_text", "cyberdesk-kit text"), ("_borrowed", "cyberdesk-kit borrowed"), ("_regex", "regex")):
                if case.endswith(suffix):
                    case, contender = case[: -len(suffix)], name
            if case.startswith("parse_"):
                group, case = "parse", case[len("parse_"):]
            else:
                group = "resolve"
            out.append({"group": group, "case": case, "contender": contender, "median_us": median_us, "lang": "rust"})
        else:
            case = f"{func}_{value}" if value else func
            out.append({"group": group, "case": case, "contender": "cyberdesk-kit", "median_us": median_us, "lang": "rust"})
    return sorted(out, key=lambda r: (r["group"], r["case"], r["contender"]))


def main():
    r = rows()
    if not r:
        sys.exit("no criterion results under target/criterion: run cargo bench first")
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results", "rust.json"), "w") as f:
        json.dump(r, f, indent=1)
    print(f"rust: {len(r)} rows")


if __name__ == "__main__":
    main()
