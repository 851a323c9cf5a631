"""help() on every public function shows its parameters, the shape it
returns and the errors it raises (the native functions' docstrings and
text signatures come from the binding's Rust docs)."""

from __future__ import annotations

import inspect
import pydoc
from typing import Any, Callable, List

import pytest

import cyberdesk_kit as kit


def _public_functions() -> List[Any]:
    found = []
    for name in kit.__all__:
        obj = getattr(kit, name)
        if (inspect.isbuiltin(obj) or inspect.isfunction(obj)) and not name.startswith("_"):
            found.append(obj)
    return found


@pytest.mark.parametrize("fn", _public_functions(), ids=lambda f: f.__name__)
def test_help_shows_parameters_returns_and_raises(fn: Callable[..., Any]) -> None:
    text = pydoc.render_doc(fn, renderer=pydoc.plaintext)
    for param in inspect.signature(fn).parameters:
        assert param in text, f"help({fn.__name__}) does not name {param}"
    assert "Returns" in text, f"help({fn.__name__}) does not say what it returns"
    assert "Raise" in text, f"help({fn.__name__}) does not say what it raises"


def test_there_are_functions_to_check() -> None:
    names = {f.__name__ for f in _public_functions()}
    assert {"build_workflow_update", "build_run_create", "parse_response", "retry_delay"} <= names
