"""Typing: mypy --strict on a user's script and on the package, stubtest
on the native module's stub, and the script itself run for real."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy", reason="mypy is installed by python/scripts/test.sh")

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "typing" / "user_script.py"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("MYPYPATH", None)
    return subprocess.run(
        [sys.executable, *args], cwd=str(cwd), env=env, capture_output=True, text=True, timeout=300
    )


def test_user_script_passes_mypy_strict() -> None:
    # Run from the script's folder so that cyberdesk_kit resolves to the
    # installed package (py.typed, the .pyi stub), as for a user.
    r = _run("-m", "mypy", "--strict", "--no-incremental", SCRIPT.name, cwd=SCRIPT.parent)
    assert r.returncode == 0, r.stdout + r.stderr


def test_mypy_catches_a_wrong_call(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import cyberdesk_kit\n"
        "cyberdesk_kit.retry_delay(0)\n"  # method is required
        "x: int = cyberdesk_kit.parse_prompt('{a}')\n"  # a list, not an int
        "cyberdesk_kit.build_run_create({'workflow_id': 'x'}, workflw={})\n",  # typo
        encoding="utf-8",
    )
    r = _run("-m", "mypy", "--strict", "--no-incremental", bad.name, cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout.count("error:") == 3, r.stdout


def test_stub_matches_native_module(tmp_path: Path) -> None:
    r = _run("-m", "mypy.stubtest", "cyberdesk_kit._cyberdesk_kit", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr


def test_user_script_runs() -> None:
    r = _run(str(SCRIPT), cwd=SCRIPT.parent)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "user script ok" in r.stdout
