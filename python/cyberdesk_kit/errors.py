"""The exceptions of cyberdesk_kit.

Every error the package raises is a :class:`KitError` with a stable
``code`` (the same codes in Rust, JavaScript and Python, listed in
``cyberdesk_kit.ERROR_CODES``). The native module chooses the class by that
code, never by the message. Catch the class, or compare ``err.code``::

    try:
        cyberdesk_kit.build_workflow_update(workflow_id, update)
    except cyberdesk_kit.ValidationError as err:
        for e in err.errors():
            print(e["loc"], e["msg"], e["type"])

No message, ``repr`` or detail of these exceptions contains an input value:
they name fields, variables and limits only.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from typing import Any, Dict, List, Optional

    from typing import TypeVar

    from cyberdesk_kit.types import ErrorDetails, Issue

    _T = TypeVar("_T")

def _deepcopy(value: _T) -> _T:
    # copy (and weakref, copyreg) loaded when an error is read, not at import.
    import copy

    return copy.deepcopy(value)


__all__ = [
    "KitError",
    "ValidationError",
    "PreflightError",
    "ApiError",
    "InvalidResponseError",
    "InvalidJsonError",
    "InvalidArgumentError",
    "UnknownSchemaError",
    "UnknownOperationError",
    "InvalidSpecError",
    "InvalidSchemaError",
    "TooDeepError",
    "TooLargeError",
    "UnsupportedValueError",
    "CyclicValueError",
    "InvalidStringError",
    "InvalidHistoryError",
    "VersionNotFoundError",
    "DuplicateVersionError",
    "InternalError",
    "WaitTimeoutError",
]


class KitError(Exception):
    """The base of every cyberdesk_kit error.

    Attributes:
        code: the stable snake_case code (``"validation_error"``, ...).
        message: the readable message (also ``str(err)``).
        issues: the issues of a preflight error (``[]`` otherwise).
        status: the HTTP status of an API error (``None`` otherwise).
    """

    code: str
    message: str
    issues: List[Issue]
    status: Optional[int]

    def __init__(
        self,
        message: str,
        *,
        code: str = "internal_error",
        errors: Optional[List[ErrorDetails]] = None,
        issues: Optional[List[Issue]] = None,
        status: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self._errors: List[ErrorDetails] = list(errors or [])
        self.issues = list(issues or [])
        self.status = status

    def errors(self) -> List[ErrorDetails]:
        """The validation problems, each ``{loc, msg, type, ctx?}`` in the
        server's 422 shape (a fresh copy; ``[]`` when there are none)."""
        return _deepcopy(self._errors)

    def error_count(self) -> int:
        """How many validation problems there are."""
        return len(self._errors)

    def to_dict(self) -> Dict[str, Any]:
        """The plain form shared by every language:
        ``{code, message, errors, issues, status}``."""
        return {
            "code": self.code,
            "message": self.message,
            "errors": self.errors(),
            "issues": _deepcopy(self.issues),
            "status": self.status,
        }

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        extra = f", status={self.status!r}" if self.status is not None else ""
        return f"{type(self).__name__}({self.message!r}, code={self.code!r}{extra})"

    def __reduce__(self) -> Any:
        return (_rebuild, (type(self), self.to_dict()))


def _rebuild(cls: type, plain: Dict[str, Any]) -> KitError:
    err: KitError = cls(
        plain["message"],
        code=plain["code"],
        errors=plain["errors"],
        issues=plain["issues"],
        status=plain["status"],
    )
    return err


class ValidationError(KitError, ValueError):
    """``validation_error``: a payload (or the workflow id / idempotency key
    of a request) breaks the schema. ``errors()`` lists every problem."""


class PreflightError(KitError, ValueError):
    """``preflight_error``: ``build_run_create`` with a workflow found an
    error-severity issue; ``issues`` holds them all."""


class ApiError(KitError):
    """``api_error``: the API answered with a non-2xx ``status``; a 422's
    ``detail`` is decoded into ``errors()``."""


class InvalidResponseError(KitError):
    """``invalid_response``: a 2xx body is not JSON or not the documented
    shape (``errors()`` says where, from ``"response"``)."""


class InvalidJsonError(KitError, ValueError):
    """``invalid_json``: text given as JSON does not parse."""


class InvalidArgumentError(KitError, TypeError, ValueError):
    """``invalid_argument``: an argument has the wrong type or an impossible
    value. Also a ``TypeError`` and a ``ValueError``."""


class UnknownSchemaError(KitError, ValueError):
    """``unknown_schema``: no component schema has that name."""


class UnknownOperationError(KitError, ValueError):
    """``unknown_operation``: ``parse_response`` knows no such operation."""


class InvalidSpecError(KitError, ValueError):
    """``invalid_spec``: an OpenAPI document given to ``load_spec`` can't be
    used."""


class InvalidSchemaError(KitError, ValueError):
    """``invalid_schema``: a JSON Schema given to ``validate_instance`` is
    not one (not JSON, against its draft's metaschema, a pattern that is not
    an ECMA-262 regular expression, a ``$ref`` cycle)."""


class TooDeepError(KitError, ValueError):
    """``too_deep``: a value nests deeper than ``MAX_DEPTH`` (128) levels."""


class TooLargeError(KitError, ValueError):
    """``too_large``: a prompt over 16 MiB or a JSON text over 64 MiB."""


class UnsupportedValueError(KitError, TypeError, ValueError):
    """``unsupported_value``: a value with no JSON form (NaN, bytes, a tuple,
    a set, ``Decimal``, a non-str dict key, an object, ...)."""


class CyclicValueError(KitError, ValueError):
    """``cyclic_value``: a dict or list contains itself."""


class InvalidStringError(KitError, ValueError):
    """``invalid_string``: a str holds a lone surrogate."""


class InvalidHistoryError(KitError, ValueError):
    """``invalid_history``: a prompt history document is broken (not JSON,
    a ``version`` other than 1, numbers that don't run 1, 2, 3, ..., an id
    that is not its text's SHA-256, two versions with one text, a label
    pointing nowhere, an unknown key); the message says where."""


class VersionNotFoundError(KitError, LookupError):
    """``version_not_found``: no version of the prompt history matches the
    pin (``"latest"``, a number, an id or a label)."""


class DuplicateVersionError(KitError, ValueError):
    """``duplicate_version``: the text being added already is a version of
    the history; point a label at that version instead."""


class InternalError(KitError, RuntimeError):
    """``internal_error``: a bug in cyberdesk_kit. Please report it."""


class WaitTimeoutError(KitError):
    """``wait_timeout``: ``poll_delay`` (and ``Client.wait_for_run``) reached
    the wait's deadline before the run reached a terminal status. From
    ``wait_for_run``, ``run`` is the last run read (``None`` otherwise)."""

    run: Optional[Dict[str, Any]] = None
