"""Typing that catches mistakes in literals (mypy --strict and pyright
strict): misspelt payload keys, wrong value types, a missing workflow_id,
unknown schema and operation names and keyword typos are errors, while
dynamic data (``Any`` from ``json.loads``, dicts annotated with the
package's TypedDicts, the package's own results) still type-checks."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Set

import pytest

pytest.importorskip("mypy", reason="mypy is installed by python/scripts/test.sh")

GOOD = '''# pyright: strict
import json
import uuid
from typing import Any, List

import cyberdesk_kit as kit
from cyberdesk_kit.types import RunStatus

WF = "550e8400-e29b-41d4-a716-446655440000"


def dynamic(text: str, names: List[str]) -> None:
    loaded: Any = json.loads(text)
    kit.build_workflow_update(WF, loaded)
    kit.build_run_create(json.loads(text))
    update: kit.WorkflowUpdate = {}
    for n in names:
        update["name"] = n
    kit.build_workflow_update(uuid.UUID(WF), update, idempotency_key="k")
    run: kit.RunCreate = {"workflow_id": uuid.UUID(WF), "input_values": {n: n for n in names}}
    kit.build_run_create(run, workflow={"main_prompt": "Hi {a}"})
    kit.preflight_run(run, {"main_prompt": "Hi {a}"})


def chained(current: kit.WorkflowResponse, desired: kit.WorkflowResponse) -> str:
    diff = kit.diff_workflow_update(current, desired)
    req = kit.build_workflow_update(WF, diff)
    wf = kit.parse_response("update_workflow", 200, None, "{}")
    created = kit.parse_response("create_run", 201, None, "{}")
    status: RunStatus = created["status"]
    spec = kit.load_spec("{}")
    kit.validate("AnyNameOfMyDocument", {}, spec=spec)
    kit.validate("RunCreate", {"workflow_id": WF})
    return req["body"] + wf["id"] + status
'''

# Each line marked `# BAD` must be reported, and nothing else.
BAD = '''# pyright: strict
import cyberdesk_kit as kit

WF = "550e8400-e29b-41d4-a716-446655440000"
kit.build_workflow_update(WF, {"nmae": "Nightly"})  # BAD misspelt key
kit.build_workflow_update(WF, {"name": 1})  # BAD wrong value type
kit.build_run_create({"input_values": {}})  # BAD missing workflow_id
kit.build_run_create({"workflow_id": WF, "is_priority": "yes"})  # BAD wrong value type
kit.build_run_create({"workflow_id": WF}, workflw={})  # BAD keyword typo
kit.validate("WorkflowUpdat", {})  # BAD unknown schema name
kit.parse_response("create_runs", 201, None, "{}")  # BAD unknown operation
kit.build_workflow_update(WF, {"post_run_checks": [{"name": "n", "type": "nope"}]})  # BAD not a check type
'''


def _bad_lines() -> Set[int]:
    return {i for i, line in enumerate(BAD.splitlines(), 1) if "# BAD" in line}


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("MYPYPATH", None)
    return subprocess.run(args, cwd=str(cwd), env=env, capture_output=True, text=True, timeout=600)


def _write(tmp_path: Path) -> None:
    (tmp_path / "good.py").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.py").write_text(BAD, encoding="utf-8")


def test_mypy_strict_flags_literal_mistakes_only(tmp_path: Path) -> None:
    _write(tmp_path)
    good = _run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "good.py"], tmp_path)
    assert good.returncode == 0, good.stdout + good.stderr
    bad = _run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "bad.py"], tmp_path)
    flagged = {int(m.group(1)) for m in re.finditer(r"^bad\.py:(\d+): error:", bad.stdout, re.M)}
    assert flagged == _bad_lines(), bad.stdout


def _pyright() -> list[str]:
    exe = shutil.which("pyright", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("pyright is installed by python/scripts/test.sh")
    return [exe]


def test_pyright_strict_flags_literal_mistakes_only(tmp_path: Path) -> None:
    _write(tmp_path)
    (tmp_path / "pyrightconfig.json").write_text(
        json.dumps({"pythonVersion": "3.10", "pythonPlatform": "Linux", "venvPath": str(Path(sys.prefix).parent), "venv": Path(sys.prefix).name}),
        encoding="utf-8",
    )
    good = _run([*_pyright(), "--outputjson", "good.py"], tmp_path)
    report = json.loads(good.stdout)
    assert report["summary"]["errorCount"] == 0, good.stdout
    bad = _run([*_pyright(), "--outputjson", "bad.py"], tmp_path)
    report = json.loads(bad.stdout)
    flagged = {d["range"]["start"]["line"] + 1 for d in report["generalDiagnostics"] if d["severity"] == "error"}
    assert flagged == _bad_lines(), bad.stdout
