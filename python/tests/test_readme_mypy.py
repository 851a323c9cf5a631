"""The Python snippets of python/README.md and the repository README pass
``mypy --strict`` as written (test_readme.py runs them): each README's
blocks in order, as one script, the way a reader types them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy", reason="mypy is installed by python/scripts/test.sh")

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("readme", ["python/README.md", "README.md"])
def test_readme_snippets_pass_mypy_strict(readme: str, tmp_path: Path) -> None:
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / readme).read_text(encoding="utf-8"), flags=re.S)
    assert blocks, f"{readme} has Python snippets"
    script = tmp_path / "readme_snippets.py"
    script.write_text("\n".join(blocks), encoding="utf-8")
    env = dict(os.environ)
    env.pop("MYPYPATH", None)
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", script.name],
        cwd=str(tmp_path), env=env, capture_output=True, text=True, timeout=300,
    )
    assert r.returncode == 0, f"{readme}:\n{r.stdout}{r.stderr}"
