"""The Python examples of python/README.md run, in order, in one namespace
(as a reader would type them). The client example, which needs a live API
key, is only compiled."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_examples_run() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) >= 3
    namespace: Dict[str, Any] = {}
    for i, code in enumerate(blocks):
        compiled = compile(code, f"README.md[python block {i}]", "exec")
        if "sk_live_" not in code:
            exec(compiled, namespace)
    assert namespace["req"]["path"] == "/v1/runs"


def test_root_readme_python_examples_run() -> None:
    root = Path(__file__).resolve().parents[2] / "README.md"
    blocks = re.findall(r"```python\n(.*?)```", root.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, "the repository README has a Python example"
    namespace: Dict[str, Any] = {}
    for i, code in enumerate(blocks):
        exec(compile(code, f"README.md[python block {i}]", "exec"), namespace)
    assert namespace["req"]["path"] == "/v1/runs"
