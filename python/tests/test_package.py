"""The package as a user meets it: names, imports, and small behaviours
the vectors don't cover."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import cyberdesk_kit as kit

WF = "550e8400-e29b-41d4-a716-446655440000"
SPEC_TEXT = (Path(__file__).resolve().parents[2] / "crates" / "cyberdesk-kit" / "spec" / "openapi.json").read_text(encoding="utf-8")


@pytest.mark.skipif(sys.version_info < (3, 10), reason="sys.stdlib_module_names is 3.10+")
def test_import_pulls_no_third_party_package(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "import cyberdesk_kit\n"
        "print('\\n'.join(sorted({m.split('.')[0] for m in set(sys.modules) - before})))\n"
    )
    # From an empty folder: `-c` puts the working directory on sys.path.
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(tmp_path))
    assert r.returncode == 0, r.stderr
    out = r.stdout.split()
    stdlib = set(getattr(sys, "stdlib_module_names", ())) | {"cyberdesk_kit"}
    assert stdlib and set(out) <= stdlib, sorted(set(out) - stdlib)


def test_import_leaves_the_http_client_for_later(tmp_path: Path) -> None:
    # http.client, ssl and email are most of an import's time: the client
    # module is loaded when kit.Client is first used (PEP 562).
    code = (
        "import sys\n"
        "import cyberdesk_kit as kit\n"
        "heavy = [m for m in ('http.client', 'ssl', 'email', 'cyberdesk_kit.client') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "assert 'Client' in dir(kit)\n"
        "assert kit.Client.__name__ == 'Client' and kit.DEFAULT_BASE_URL.startswith('https://')\n"
        "from cyberdesk_kit import Client\n"
        "assert 'http.client' in sys.modules\n"
        "try:\n"
        "    kit.Nope\n"
        "except AttributeError as e:\n"
        "    assert 'Nope' in str(e)\n"
        "else:\n"
        "    raise SystemExit('no AttributeError')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(tmp_path))
    assert r.returncode == 0, r.stderr


def test_import_leaves_typing_and_the_typeddicts_for_later(tmp_path: Path) -> None:
    # typing (and re, collections, contextlib it brings) was two thirds of an
    # import's time: the TypedDicts are loaded on first use too, and every
    # name the package exports still resolves.
    code = (
        "import sys\n"
        "import cyberdesk_kit as kit\n"
        "heavy = [m for m in ('typing', 'copy', 're', 'cyberdesk_kit.types') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "import cyberdesk_kit.types as t\n"
        "lazy_types = set(kit._LAZY) - set(kit._CLIENT)\n"
        "assert 'RunCreate' in lazy_types and lazy_types <= set(t.__all__), sorted(lazy_types - set(t.__all__))\n"
        "assert all(getattr(kit, n) is getattr(t, n) for n in lazy_types)\n"
        "missing = [n for n in kit.__all__ if not hasattr(kit, n)]\n"
        "assert not missing, missing\n"
        "from cyberdesk_kit import RunCreate, ErrorDetails\n"
        "assert RunCreate is t.RunCreate and 'RunCreate' in dir(kit)\n"
        "try:\n"
        "    kit.validate('RunCreate', {'workflow_id': 5})\n"
        "except Exception:\n"
        "    pass\n"
        "err = kit.ValidationError('x', errors=[{'loc': ['body'], 'msg': 'm', 'type': 't'}])\n"
        "assert err.errors() == [{'loc': ['body'], 'msg': 'm', 'type': 't'}]\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(tmp_path))
    assert r.returncode == 0, r.stderr


def test_runs_against_the_installed_package() -> None:
    """scripts/test.sh installs the wheel and sets CDK_EXPECT_INSTALLED."""
    import os

    if os.environ.get("CDK_EXPECT_INSTALLED") == "1":
        pkg = Path(kit.__file__).resolve()
        assert Path(sys.prefix).resolve() in pkg.parents, f"tests import {pkg}, not the installed wheel"


def test_public_names() -> None:
    for name in kit.__all__:
        assert hasattr(kit, name), name
    for fn in (
        "parse_prompt", "resolve_prompt", "validate", "build_workflow_update", "diff_workflow_update",
        "apply_workflow_update", "build_run_create", "preflight_run", "parse_response", "retry_delay",
        "new_idempotency_key", "load_spec",
    ):
        assert callable(getattr(kit, fn))
    assert kit.MAX_DEPTH == 128
    assert re.match(r"^\d+\.\d+\.\d+", kit.__version__)


def test_signatures_read_like_python() -> None:
    import inspect

    assert str(inspect.signature(kit.resolve_prompt)) == "(text, input_values=None, sensitive_input_values=None)"
    assert "workflow=None" in str(inspect.signature(kit.build_run_create))
    assert str(inspect.signature(kit.validate)) == "(schema_name, payload, *, spec=None)"


def test_new_idempotency_key() -> None:
    keys = {kit.new_idempotency_key() for _ in range(100)}
    assert len(keys) == 100
    assert all(re.match(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", k) for k in keys)


def test_load_spec() -> None:
    spec = kit.load_spec(SPEC_TEXT)
    assert "RunCreate" in spec.schema_names()
    assert spec.property_names("RunCreate")[0] == "workflow_id"
    assert "schemas" in repr(spec)
    payload = {"workflow_id": "nope"}
    assert kit.validate("RunCreate", payload, spec=spec) == kit.validate("RunCreate", payload)
    req = kit.build_workflow_update(WF, {"name": "x"}, spec=spec)
    assert req["body"] == '{"name":"x"}'


def test_diff_then_apply() -> None:
    current = {"id": WF, "name": "a", "main_prompt": "p", "workflow_metadata": {"k": 1, "j": 2}}
    desired = {"name": "b", "main_prompt": "p", "workflow_metadata": {"k": 1, "j": None}}
    patch = kit.diff_workflow_update(current, desired)
    assert patch == {"name": "b", "workflow_metadata": {"j": None}}
    applied = kit.apply_workflow_update(current, patch)
    assert applied["name"] == "b" and applied["workflow_metadata"] == {"k": 1}
    assert kit.diff_workflow_update(current, {}) == {}


def test_request_is_plain_json() -> None:
    req = kit.build_workflow_update(WF, {"main_prompt": "é {x}", "name": "n"})
    assert json.loads(json.dumps(req)) == req
    assert req["body"] == '{"name":"n","main_prompt":"é {x}"}'
    assert req["warnings"] == []
    req = kit.build_workflow_update(WF, {"main_promt": "typo"})
    [w] = req["warnings"]
    assert w["code"] == "unknown_field" and w["severity"] == "warning" and w["loc"] == ["body", "main_promt"]
