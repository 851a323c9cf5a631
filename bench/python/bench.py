#!/usr/bin/env python3
"""The Python side of the cyberdesk-kit benchmarks (issue 5).

    bash bench/python/setup.sh                 # once: bench/.venv-py + wheel
    bench/.venv-py/bin/python bench/python/bench.py [--quick]

Reads the shared payloads in bench/fixtures/ (written by
bench/make_fixtures.py, run first when they are missing) and measures, in
one process and so in the same run for every ratio:

* validate: ``cyberdesk_kit.validate`` against ``jsonschema``
  (Draft202012Validator + FormatChecker, rfc3339-validator installed so that
  ``date-time`` is checked), ``fastjsonschema`` (``use_default=False``,
  formats on, ``uuid`` added as a custom format since it has none),
  ``jsonschema-rs`` (``validate_formats=True``) and pydantic v2 models of the
  same schema (models.py). Every JSON Schema contender gets the same
  document: the component schemas of crates/cyberdesk-kit/spec/openapi.json
  under ``components``, with ``$ref`` resolved in that document. Every
  contender that can report all errors does (``iter_errors``, pydantic's
  error list, ``fast_fail=False`` for fastjsonschema), as
  ``cyberdesk_kit.validate`` does. Before anything is timed, every contender
  must agree on every fixture (``*_valid`` valid, ``*_invalid`` invalid):
  the run aborts otherwise.
* validate-crossing: the two ways a payload can reach the core, a direct
  walk of the dict (what ``validate`` does) and JSON text
  (``json.dumps`` + ``_validate_json``).
* prompt: ``cyberdesk_kit.resolve_prompt`` against a hand-written regex
  resolver (same output, checked) and ``str.format_map`` on the flat
  prompt; then the 1 MB and 10 MB prompts and their time ratio.
* import: ``import cyberdesk_kit`` / ``cyberdesk`` (the official SDK) /
  ``jsonschema``, each in fresh interpreters (median).

Each figure is the median over rounds of the per-call time of a timed batch
(timeit style, batch sized to a minimum duration); contenders take turns
round by round so that machine noise hits them alike. Rows go to
bench/results/python.json as ``{group, case, contender, median_us, lang}``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
ROOT = os.path.dirname(BENCH)
FIXTURES = os.path.join(BENCH, "fixtures")
RESULTS = os.path.join(BENCH, "results", "python.json")
SPEC = os.path.join(ROOT, "crates", "cyberdesk-kit", "spec", "openapi.json")

sys.path.insert(0, HERE)

import cyberdesk_kit as kit  # noqa: E402
import fastjsonschema  # noqa: E402
import jsonschema  # noqa: E402
import jsonschema_rs  # noqa: E402
import pydantic  # noqa: E402
from cyberdesk_kit import _cyberdesk_kit as native  # noqa: E402

import models  # noqa: E402

SIZES = ("small", "medium", "large")
KINDS = (("workflow_update", "WorkflowUpdate"), ("run_create", "RunCreate"))
VALIDATE_CASES = [f"{k}_{s}_{v}" for k, _ in KINDS for s in SIZES for v in ("valid", "invalid")]
PROMPT_CASES = ("prompt_100k", "prompt_flat_100k", "prompt_1m", "prompt_10m")
KIT = "cyberdesk-kit"
TEXT_ONLY = "cyberdesk-kit text"  # resolve_prompt_text: no variable list


# -- fixtures ------------------------------------------------------------------


def load_fixtures() -> Dict[str, Any]:
    names = VALIDATE_CASES + list(PROMPT_CASES)
    if not all(os.path.exists(os.path.join(FIXTURES, n + ".json")) for n in names):
        subprocess.run([sys.executable, os.path.join(BENCH, "make_fixtures.py")], check=True)
    out = {}
    for n in names:
        with open(os.path.join(FIXTURES, n + ".json"), encoding="utf-8") as f:
            out[n] = json.load(f)
    return out


# -- the validate contenders --------------------------------------------------

# RFC 4122 text form, as JSON Schema's "uuid" format defines it.
UUID_RE = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


def root_schema(name: str, components: Dict[str, Any]) -> Dict[str, Any]:
    """One document per payload schema: the named component by $ref, with
    every component beside it so each $ref resolves."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": f"#/components/schemas/{name}",
        "components": {"schemas": components},
    }


Validator = Callable[[Any], List[Any]]  # returns the errors found ([] = valid)


def make_contenders(schema_name: str, components: Dict[str, Any]) -> Dict[str, Validator]:
    doc = root_schema(schema_name, components)

    # jsonschema: draft 2020-12 with its FormatChecker. date-time is checked
    # only when rfc3339-validator is importable: assert it, not assume it.
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    assert "date-time" in checker.checkers and "uuid" in checker.checkers, "jsonschema: a format checker is missing"
    js = jsonschema.Draft202012Validator(doc, format_checker=checker)

    # fastjsonschema: defaults not written into the data, formats on, every
    # error collected; it knows no "uuid" format, so it gets one.
    fjs_fn = fastjsonschema.compile(doc, use_default=False, use_formats=True, formats={"uuid": UUID_RE}, fast_fail=False)

    def fjs(payload: Any) -> List[Any]:
        try:
            fjs_fn(payload)
            return []
        except fastjsonschema.JsonSchemaValuesException as err:
            return list(getattr(err, "errors", None) or [err])
        except fastjsonschema.JsonSchemaException as err:
            return [err]

    # jsonschema-rs: formats are off by default for 2020-12.
    rs = jsonschema_rs.Draft202012Validator(doc, validate_formats=True)

    model = models.MODELS[schema_name]

    def pyd(payload: Any) -> List[Any]:
        try:
            model.model_validate(payload)
            return []
        except pydantic.ValidationError as err:
            return err.errors(include_url=False)

    return {
        KIT: lambda p: kit.validate(schema_name, p),
        "jsonschema": lambda p: list(js.iter_errors(p)),
        "fastjsonschema": fjs,
        "jsonschema-rs": lambda p: list(rs.iter_errors(p)),
        "pydantic": pyd,
    }


WF_ID = "550e8400-e29b-41d4-a716-446655440000"
IDEM = "bench-key-0001"


def print_semantics(run_contenders: Dict[str, Validator]) -> None:
    """Not timed: what each contender says of a RunCreate whose free-form
    input_values hold something no JSON body can carry. cyberdesk-kit walks
    the whole payload (the cost seen on input-heavy payloads); the others
    look only where the schema has a constraint."""
    cyc: Dict[str, Any] = {}
    cyc["self"] = cyc
    deep: Any = 0
    for _ in range(5000):
        deep = [deep]
    cases = [("bytes", b"x"), ("float('nan')", float("nan")), ("a set", {1}), ("object()", object()), ("a cycle", cyc), ("5000 levels deep", deep)]
    print("\n## what 'valid' means: RunCreate with input_values = {'a': <value>}  (not timed)\n")
    names = list(run_contenders)
    print("| value | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for label, value in cases:
        cells = []
        for fn in run_contenders.values():
            try:
                cells.append("valid" if not fn({"workflow_id": WF_ID, "input_values": {"a": value}}) else "invalid")
            except kit.KitError as err:
                cells.append(f"error `{err.code}`")
            except Exception as err:  # noqa: BLE001 - reported, not hidden
                cells.append(type(err).__name__)
        print(f"| {label} | " + " | ".join(cells) + " |")


def check_agreement(fixtures: Dict[str, Any], contenders: Dict[str, Dict[str, Validator]]) -> List[str]:
    """Every contender on every fixture: valid ones valid, invalid ones
    invalid. Returns the disagreements (the run aborts on any)."""
    problems = []
    for case in VALIDATE_CASES:
        fx = fixtures[case]
        want_valid = case.endswith("_valid")
        for name, fn in contenders[fx["schema"]].items():
            payload = json.loads(json.dumps(fx["payload"]))  # a fresh copy: nobody may write into it
            errs = fn(payload)
            if (not errs) != want_valid:
                problems.append(f"{case}: {name} says {'valid' if not errs else 'invalid'} ({errs[:3]!r})")
            if payload != fx["payload"]:
                problems.append(f"{case}: {name} changed the payload")
    return problems


# -- the prompt contenders -------------------------------------------------------

# A hand-written resolver: nested paths (.key, [i], ['k'], ["k"]), escapes,
# sensitive {$x} and runtime {{x}} kept, missing paths as __EMPTY__.
_VAR = re.compile(r"""\\(\{\{[^{}]*\}\}|\{[^{}]*\})|\{\{[^{}]*\}\}|\{\$[^{}]*\}|\{([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*|\[\d+\]|\['[^']*'\]|\["[^"]*"\])*)\}""")
_SEG = re.compile(r"""\.(\w+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]""")
_MISSING = object()


def regex_resolve(text: str, values: Dict[str, Any]) -> str:
    def one(m: "re.Match[str]") -> str:
        if m.group(1) is not None:
            return m.group(1)  # an escape: the backslash goes, the rest is literal
        if m.group(2) is None:
            return m.group(0)  # sensitive or runtime: kept verbatim
        v = values.get(m.group(2), _MISSING)
        for key, idx, sq, dq in _SEG.findall(m.group(3)):
            if v is _MISSING:
                break
            if not isinstance(v, (dict, list)):
                raise TypeError(f"{m.group(0)} reaches into a {type(v).__name__}")
            k: Any = int(idx) if idx else (key or sq or dq)
            v = v.get(k, _MISSING) if isinstance(v, dict) else (v[k] if isinstance(k, int) and k < len(v) else _MISSING)
        if v is _MISSING:
            return "__EMPTY__"
        return v if isinstance(v, str) else json.dumps(v, separators=(",", ":"), ensure_ascii=False)

    return _VAR.sub(one, text)


def to_format_syntax(text: str) -> str:
    """The flat prompt in str.format syntax: {name} stays, any other brace doubled."""
    parts = re.split(r"(\{[A-Za-z_]\w*\})", text)
    return "".join(p if i % 2 else p.replace("{", "{{").replace("}", "}}") for i, p in enumerate(parts))


# -- timing ------------------------------------------------------------------------


class Timer:
    def __init__(self, quick: bool) -> None:
        self.quick = quick
        self.min_batch = 0.004 if quick else 0.04  # seconds a timed batch lasts at least
        self.rounds = 5 if quick else 21

    def calibrate(self, fn: Callable[[], Any]) -> int:
        n = 1
        while True:
            t = self._batch(fn, n)
            if t >= self.min_batch:
                return n
            n = max(n * 2, int(n * self.min_batch * 1.3 / max(t, 1e-9)))

    @staticmethod
    def _batch(fn: Callable[[], Any], n: int) -> float:
        gc_was = gc.isenabled()
        gc.disable()
        try:
            t0 = time.perf_counter()
            for _ in range(n):
                fn()
            return time.perf_counter() - t0
        finally:
            if gc_was:
                gc.enable()

    def compare(self, fns: Dict[str, Callable[[], Any]], rounds: Optional[int] = None) -> Dict[str, float]:
        """Median per-call time in µs of each fn, the fns taking turns."""
        counts = {k: self.calibrate(f) for k, f in fns.items()}
        samples: Dict[str, List[float]] = {k: [] for k in fns}
        for _ in range(rounds or self.rounds):
            for k, f in fns.items():
                samples[k].append(self._batch(f, counts[k]) / counts[k])
        return {k: statistics.median(v) * 1e6 for k, v in samples.items()}

    def once_each(self, fns: Dict[str, Callable[[], Any]], rounds: int) -> Dict[str, float]:
        """For slow calls: median of single calls, in turns."""
        samples: Dict[str, List[float]] = {k: [] for k in fns}
        for _ in range(rounds):
            for k, f in fns.items():
                samples[k].append(self._batch(f, 1))
        return {k: statistics.median(v) * 1e6 for k, v in samples.items()}


def import_times(modules: List[str], runs: int) -> Dict[str, float]:
    """Median time of `import m` in fresh interpreters (interpreter start-up
    excluded: the clock starts right before the import statement)."""
    code = "import time; t = time.perf_counter(); import {m}; print(time.perf_counter() - t)"
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    samples: Dict[str, List[float]] = {m: [] for m in modules}
    for m in modules:  # warm the bytecode caches and the OS page cache once
        subprocess.run([sys.executable, "-c", f"import {m}"], check=True, capture_output=True, env=env)
    for _ in range(runs):
        for m in modules:
            out = subprocess.run([sys.executable, "-c", code.format(m=m)], check=True, capture_output=True, text=True, env=env)
            samples[m].append(float(out.stdout.strip()))
    return {m: statistics.median(v) * 1e6 for m, v in samples.items()}


# -- report ------------------------------------------------------------------------


def fmt_us(us: float) -> str:
    if us >= 1e6:
        return f"{us / 1e6:.2f} s"
    if us >= 1e3:
        return f"{us / 1e3:.2f} ms"
    return f"{us:.2f} µs"


def print_table(title: str, rows: List[Dict[str, Any]], base: str, cases: List[str], contenders: List[str]) -> None:
    print(f"\n## {title}  (median per call; x = contender time / {base} time)\n")
    head = ["case"] + contenders
    lines = [head]
    for case in cases:
        by = {r["contender"]: r["median_us"] for r in rows if r["case"] == case}
        line = [case]
        for c in contenders:
            if c not in by:
                line.append("")
            elif c == base or base not in by:
                line.append(fmt_us(by[c]))
            else:
                line.append(f"{fmt_us(by[c])} ({by[c] / by[base]:.1f}x)")
        lines.append(line)
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    for j, line in enumerate(lines):
        print("| " + " | ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(line)) + " |")
        if j == 0:
            print("|" + "|".join("-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths)) + "|")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="few rounds, short batches (under a minute): proves the harness works")
    ap.add_argument("--out", default=RESULTS, help="where the JSON rows go (default bench/results/python.json)")
    args = ap.parse_args()
    started = time.perf_counter()
    timer = Timer(args.quick)
    rows: List[Dict[str, Any]] = []

    def add(group: str, case: str, results: Dict[str, float]) -> None:
        for contender, us in results.items():
            rows.append({"group": group, "case": case, "contender": contender, "median_us": round(us, 4), "lang": "python"})

    versions = {
        "python": platform.python_version(),
        "cyberdesk_kit": kit.__version__,
        "jsonschema": _version("jsonschema"),
        "fastjsonschema": fastjsonschema.VERSION,
        "jsonschema-rs": _version("jsonschema_rs"),
        "pydantic": pydantic.VERSION,
        "rfc3339-validator": _version("rfc3339_validator"),
    }
    print("# cyberdesk-kit Python benchmarks" + (" (--quick)" if args.quick else ""))
    print("versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cpus, {platform.platform()}")

    fixtures = load_fixtures()
    with open(SPEC, encoding="utf-8") as f:
        components = json.load(f)["components"]["schemas"]
    contenders = {schema: make_contenders(schema, components) for _, schema in KINDS}

    # -- honesty first: everybody agrees on every fixture ------------------------
    problems = check_agreement(fixtures, contenders)
    if problems:
        print("\nABORT: the contenders disagree on validity:", *problems, sep="\n  ")
        return 1
    print(f"\nagreement: all {len(contenders['RunCreate'])} contenders agree on all {len(VALIDATE_CASES)} fixtures "
          "(every *_valid valid, every *_invalid invalid)")

    # -- validate -----------------------------------------------------------------
    names = list(contenders["RunCreate"])
    for case in VALIDATE_CASES:
        fx = fixtures[case]
        payload = fx["payload"]
        fns = {name: (lambda fn=fn: fn(payload)) for name, fn in contenders[fx["schema"]].items()}
        add("validate", case, timer.compare(fns))
    print_table("validate: cyberdesk_kit.validate vs the alternatives", [r for r in rows if r["group"] == "validate"], KIT, VALIDATE_CASES, names)

    # -- what "valid" means: payloads that have no JSON form --------------------------
    print_semantics(contenders["RunCreate"])

    # -- validate + serialize: what a caller does before sending -----------------------
    # The builders validate and write the body in one call; every other
    # contender validates and then needs json.dumps for the body.
    build_cases = [c for c in VALIDATE_CASES if c.endswith("_valid")]
    # Issue 11's goal: the builders no slower than json.dumps of the same
    # payload plus the kit's own validate.
    build_names = [f"{KIT} build_*", f"{KIT} validate + json.dumps"] + [f"{n} + json.dumps" for n in names if n != KIT]
    for case in build_cases:
        fx = fixtures[case]
        payload = fx["payload"]
        if fx["schema"] == "WorkflowUpdate":
            build: Callable[[], Any] = lambda: kit.build_workflow_update(WF_ID, payload, idempotency_key=IDEM)
        else:
            build = lambda: kit.build_run_create(payload, idempotency_key=IDEM)
        fns = {build_names[0]: build}
        for n, fn in contenders[fx["schema"]].items():
            label = f"{KIT} validate + json.dumps" if n == KIT else f"{n} + json.dumps"
            fns[label] = lambda fn=fn: (fn(payload), json.dumps(payload, separators=(",", ":"), ensure_ascii=False))
        add("build", case, timer.compare(fns))
    print_table("validate + request body (the builders) vs validate + json.dumps",
                [r for r in rows if r["group"] == "build"], build_names[0], build_cases, build_names)

    # -- crossing: dict walk vs JSON text --------------------------------------------
    # The last column is the floor under validate(): its check that the whole
    # payload has a JSON form (NaN, cycles, depth, lone surrogates, non-JSON
    # types refused), timed alone; the contenders don't make it.
    crossing = ["cyberdesk-kit dict (validate)", "cyberdesk-kit json.dumps + _validate_json", "cyberdesk-kit _validate_json (text given)",
                "JSON-form check alone (_is_plain)"]
    for case in VALIDATE_CASES:
        fx = fixtures[case]
        schema, payload = fx["schema"], fx["payload"]
        text = json.dumps(payload)
        assert native._validate_json(schema, text) == kit.validate(schema, payload), case
        add("validate-crossing", case, timer.compare({
            crossing[0]: lambda: kit.validate(schema, payload),
            crossing[1]: lambda: native._validate_json(schema, json.dumps(payload)),
            crossing[2]: lambda: native._validate_json(schema, text),
            crossing[3]: lambda: native._is_plain(payload),
        }))
    print_table("validate crossing: how a payload reaches the core (validate() uses the dict walk)",
                [r for r in rows if r["group"] == "validate-crossing"], crossing[0], VALIDATE_CASES, crossing)
    x = {(r["case"], r["contender"]): r["median_us"] for r in rows if r["group"] == "validate-crossing"}
    slower = [x[(c, crossing[1])] / x[(c, crossing[0])] for c in VALIDATE_CASES]
    print(f"\nvalidate() walks the dict directly: json.dumps + the text path is {min(slower):.1f}x to {max(slower):.1f}x slower "
          "(json.dumps alone costs more than the walk); text already in hand validates at about the dict's speed.")

    # -- prompts ------------------------------------------------------------------------
    p = fixtures["prompt_100k"]
    want = kit.resolve_prompt(p["text"], p["input_values"], p["sensitive_input_values"])["text"]
    got = regex_resolve(p["text"], p["input_values"])
    if got != want:
        print("\nABORT: the regex resolver and cyberdesk_kit disagree on prompt_100k")
        return 1
    only = kit.resolve_prompt_text(p["text"], p["input_values"], p["sensitive_input_values"])
    full = kit.resolve_prompt(p["text"], p["input_values"], p["sensitive_input_values"])
    if only != {"text": full["text"], "issues": full["issues"]}:
        print("\nABORT: resolve_prompt_text and resolve_prompt disagree on prompt_100k")
        return 1
    add("prompt", "prompt_100k", timer.compare({
        KIT: lambda: kit.resolve_prompt(p["text"], p["input_values"], p["sensitive_input_values"]),
        TEXT_ONLY: lambda: kit.resolve_prompt_text(p["text"], p["input_values"], p["sensitive_input_values"]),
        "regex resolver": lambda: regex_resolve(p["text"], p["input_values"]),
    }))
    flat = fixtures["prompt_flat_100k"]
    fmt_text = to_format_syntax(flat["text"])
    want = kit.resolve_prompt(flat["text"], flat["input_values"])["text"]
    if not (fmt_text.format_map(flat["input_values"]) == regex_resolve(flat["text"], flat["input_values"]) == want):
        print("\nABORT: str.format_map, the regex resolver and cyberdesk_kit disagree on prompt_flat_100k")
        return 1
    add("prompt", "prompt_flat_100k", timer.compare({
        KIT: lambda: kit.resolve_prompt(flat["text"], flat["input_values"]),
        TEXT_ONLY: lambda: kit.resolve_prompt_text(flat["text"], flat["input_values"]),
        "regex resolver": lambda: regex_resolve(flat["text"], flat["input_values"]),
        "str.format_map": lambda: fmt_text.format_map(flat["input_values"]),
    }))
    big_rounds = 3 if args.quick else 7
    for case in ("prompt_1m", "prompt_10m"):
        b = fixtures[case]
        fns: Dict[str, Callable[[], Any]] = {KIT: lambda b=b: kit.resolve_prompt(b["text"], b["input_values"], b["sensitive_input_values"])}
        fns[TEXT_ONLY] = lambda b=b: kit.resolve_prompt_text(b["text"], b["input_values"], b["sensitive_input_values"])
        fns["regex resolver"] = lambda b=b: regex_resolve(b["text"], b["input_values"])
        add("prompt", case, timer.once_each(fns, big_rounds))
    prompt_contenders = [KIT, TEXT_ONLY, "regex resolver", "str.format_map"]
    print_table("prompt resolution", [r for r in rows if r["group"] == "prompt"], KIT, list(PROMPT_CASES), prompt_contenders)
    t = {(r["case"], r["contender"]): r["median_us"] for r in rows if r["group"] == "prompt"}
    print(f"\nscaling: prompt_10m / prompt_1m = {t[('prompt_10m', KIT)] / t[('prompt_1m', KIT)]:.2f} for {KIT} "
          f"(10x the text and the variables; 10.0 = linear)"
          f", {t[('prompt_10m', TEXT_ONLY)] / t[('prompt_1m', TEXT_ONLY)]:.2f} for the text-only call"
          f", {t[('prompt_10m', 'regex resolver')] / t[('prompt_1m', 'regex resolver')]:.2f} for the regex resolver")

    # -- import time ------------------------------------------------------------------------
    mods = {"cyberdesk_kit": "import cyberdesk_kit", "cyberdesk": "import cyberdesk (official SDK)", "jsonschema": "import jsonschema"}
    imp = import_times(list(mods), 5 if args.quick else 15)
    add("import", "import", {mods[m]: us for m, us in imp.items()})
    print_table("import time (fresh interpreter each, median)", [r for r in rows if r["group"] == "import"],
                mods["cyberdesk_kit"], ["import"], list(mods.values()))

    # -- targets -------------------------------------------------------------------------------
    v = {(r["case"], r["contender"]): r["median_us"] for r in rows if r["group"] == "validate"}
    print("\n## targets")
    js = {c: v[(c, "jsonschema")] / v[(c, KIT)] for c in VALIDATE_CASES}
    met = [c for c, r in js.items() if r >= 50]
    print(f"- >= 50x faster than jsonschema: {'MET' if len(met) == len(js) else 'NOT MET'} (reached on {len(met)} of {len(js)} payloads; "
          f"ratios {min(js.values()):.1f}x .. {max(js.values()):.1f}x: " + ", ".join(f"{c} {r:.1f}x" for c, r in js.items()) + ")")
    for other in ("jsonschema-rs", "pydantic", "fastjsonschema"):
        ratios = {c: v[(c, other)] / v[(c, KIT)] for c in VALIDATE_CASES if "_medium_" in c}
        worst = min(ratios, key=ratios.get)  # type: ignore[arg-type]
        label = "at least as fast as" if other != "fastjsonschema" else "(no target) vs"
        met = "MET" if ratios[worst] >= 1 else "NOT MET"
        print(f"- {label} {other} on the medium payloads: {met if other != 'fastjsonschema' else ''} "
              f"(ratios {', '.join(f'{c} {r:.2f}x' for c, r in ratios.items())})")
    for who in (KIT, TEXT_ONLY):
        pr = min(t[(c, "regex resolver")] / t[(c, who)] for c in ("prompt_100k", "prompt_flat_100k"))
        print(f"- {who} >= 2x the regex resolver (100 KB prompts): {'MET' if pr >= 2 else 'NOT MET'} (lowest ratio {pr:.1f}x)")
    print(f"- str.format_map on the flat prompt: {t[('prompt_flat_100k', 'str.format_map')] / t[('prompt_flat_100k', KIT)]:.2f}x the time of {KIT} (no target)")

    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(rows, f, indent=1)
        f.write("\n")
    print(f"\n{len(rows)} rows written to {os.path.relpath(args.out, ROOT)} in {time.perf_counter() - started:.0f} s")
    return 0


def _version(dist: str) -> str:
    from importlib import metadata

    for name in (dist, dist.replace("_", "-")):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "?"


if __name__ == "__main__":
    sys.exit(main())
