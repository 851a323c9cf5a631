"""The exception classes, the codes, and the drift checks between the core's
lists, the typing Literals, the stub and the classes."""

from __future__ import annotations

import ast
import builtins
import pickle
import re
import typing
from pathlib import Path
from typing import Any, Dict, List

import pytest

import cyberdesk_kit as kit
from cyberdesk_kit import _cyberdesk_kit as native
from cyberdesk_kit import errors, types

WF = "550e8400-e29b-41d4-a716-446655440000"
PACKAGE = Path(kit.__file__).parent


def _literal_args(name: str) -> List[str]:
    return list(typing.get_args(getattr(types, name)))


def test_error_code_literal_matches_core() -> None:
    expected = list(native.ERROR_CODES)
    got = _literal_args("ErrorCode")
    assert got == expected, "cyberdesk_kit/types.py ErrorCode should be:\nErrorCode = Literal[\n" + "".join(
        f'    "{c}",\n' for c in expected
    ) + "]"


def test_issue_code_literal_matches_core() -> None:
    expected = list(native.ISSUE_CODES)
    got = _literal_args("IssueCode")
    assert got == expected, "cyberdesk_kit/types.py IssueCode should be:\nIssueCode = Literal[\n" + "".join(
        f'    "{c}",\n' for c in expected
    ) + "]"


def test_every_code_has_its_exception_class() -> None:
    assert set(native._ERROR_CLASSES) == set(native.ERROR_CODES)
    for code, class_name in native._ERROR_CLASSES.items():
        cls = getattr(errors, class_name)
        assert issubclass(cls, kit.KitError)
        assert getattr(kit, class_name) is cls
        assert class_name in errors.__all__
        # The class's docstring names its code.
        assert cls.__doc__ and f"``{code}``" in cls.__doc__


def test_stub_names_match_the_module() -> None:
    """Every public name of the native module is in the stub and back."""
    tree = ast.parse((PACKAGE / "_cyberdesk_kit.pyi").read_text(encoding="utf-8"))
    stub: set = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            stub.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            stub.add(node.target.id)
    runtime = {n for n in dir(native) if not (n.startswith("__") and n != "__version__")}
    stub_public = {n for n in stub if not n.startswith("_") or n in ("__version__",)}
    runtime_public = {n for n in runtime if not n.startswith("_") or n == "__version__"}
    assert stub_public == runtime_public
    assert {n for n in stub if n.startswith("_") and n != "__version__"} <= runtime


def test_hierarchy() -> None:
    assert issubclass(kit.ValidationError, kit.KitError)
    assert issubclass(kit.ValidationError, ValueError)
    assert issubclass(kit.ApiError, kit.KitError)
    assert issubclass(kit.KitError, Exception)
    assert not issubclass(kit.ApiError, ValueError)


def test_validation_error_shape() -> None:
    with pytest.raises(kit.ValidationError) as info:
        kit.build_workflow_update("not-a-uuid", {"name": "x" * 300, "main_prompt": ""})
    err = info.value
    assert err.code == "validation_error"
    assert err.status is None
    assert err.issues == []
    errs = err.errors()
    assert [e["loc"] for e in errs] == [["path", "workflow_id"], ["body", "name"], ["body", "main_prompt"]]
    assert [e["type"] for e in errs] == ["uuid_parsing", "string_too_long", "string_too_short"]
    assert err.error_count() == 3
    # errors() is a copy.
    errs.clear()
    assert err.error_count() == 3
    assert str(err).startswith("3 validation errors")
    assert repr(err).startswith("ValidationError('3 validation errors")
    plain = err.to_dict()
    assert set(plain) == {"code", "message", "errors", "issues", "status"}


def test_api_error_shape() -> None:
    body = '{"detail": [{"loc": ["body", "name"], "msg": "String should have at most 255 characters", "type": "string_too_long", "input": "SECRET-INPUT", "ctx": {"max_length": 255}}]}'
    with pytest.raises(kit.ApiError) as info:
        kit.parse_response("update_workflow", 422, {"content-type": "application/json"}, body)
    err = info.value
    assert err.status == 422 and err.code == "api_error"
    assert err.errors() == [
        {"loc": ["body", "name"], "msg": "String should have at most 255 characters", "type": "string_too_long", "ctx": {"max_length": 255}}
    ]
    for text in (str(err), repr(err), repr(err.to_dict())):
        assert "SECRET-INPUT" not in text
    assert "status=422" in repr(err)


def test_preflight_error_has_issues() -> None:
    run = {"workflow_id": WF, "input_values": {"name": "Ada"}}
    workflow = {"main_prompt": "Hello {name.first}"}
    with pytest.raises(kit.PreflightError) as info:
        kit.build_run_create(run, workflow=workflow)
    err = info.value
    assert isinstance(err, ValueError)
    assert any(i["code"] == "path_type_error" and i["severity"] == "error" for i in err.issues)


@pytest.mark.parametrize(
    "make",
    [
        lambda: kit.build_workflow_update("nope", {}),
        lambda: kit.parse_response("create_run", 503, {}, '{"detail": "down"}'),
        lambda: kit.parse_prompt(3),
        lambda: kit.build_run_create({"workflow_id": WF}, workflow={"main_prompt": "{a.b}"}, machine_parameters={"a": 1}),
    ],
)
def test_errors_pickle(make: Any) -> None:
    with pytest.raises(kit.KitError) as info:
        make()
    err = info.value
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is type(err)
    assert back.to_dict() == err.to_dict()


def test_catch_by_code_or_class() -> None:
    try:
        kit.validate("Nope", {})
    except kit.KitError as err:
        assert err.code == "unknown_schema"
        assert isinstance(err, kit.UnknownSchemaError)
    else:  # pragma: no cover
        raise AssertionError("no error")


def test_user_constructed_error() -> None:
    err = kit.ApiError("boom", code="api_error", status=500)
    assert err.errors() == [] and err.status == 500 and str(err) == "boom"
    plain: Dict[str, Any] = err.to_dict()
    assert plain["status"] == 500


def test_readme_error_table_is_the_core_list_with_the_raised_classes() -> None:
    # python/README.md's table: every code of the core, in order, with the
    # class (and the builtin bases) an error of that code really has.
    text = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z_]+)` \| `([A-Za-z]+)` \| ([^|]*)\|$", text, re.M)
    assert [code for code, _, _ in rows] == list(kit.ERROR_CODES)
    for code, cls_name, bases in rows:
        cls = getattr(kit, cls_name)
        assert issubclass(cls, kit.KitError), code
        for base in re.findall(r"`(\w+)`", bases):
            assert issubclass(cls, getattr(builtins, base)), (code, base)

