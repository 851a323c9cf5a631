"""The run-time class of a built request.

A request is a plain ``dict`` in the ``Request`` shape (``json.dumps`` it,
compare it, index it). Its ``body`` is what goes on the wire, so it holds
the run's ``sensitive_input_values``; ``repr()``, ``str()``, ``print``,
``pprint`` and ``logging`` show the body with those values replaced by
``"[redacted]"`` instead. Read ``req["body"]`` to send it.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

__all__ = ["RequestDict"]


class RequestDict(Dict[str, Any]):
    """A ``dict`` whose printable forms never show a sensitive value."""

    __slots__ = ("_body", "_redacted_body")

    def __init__(self, fields: Dict[str, Any], redacted_body: Optional[str] = None) -> None:
        super().__init__(fields)
        self._body = fields.get("body")
        # Made on first use (printing a request is rarer than building one).
        self._redacted_body = redacted_body

    def redacted_body(self) -> str:
        """The body with every ``sensitive_input_values`` value replaced by
        ``"[redacted]"``: what to log instead of ``req["body"]``."""
        if self.get("body") is not self._body:
            return "<body changed after the build: hidden>"
        if self._redacted_body is None:
            if not isinstance(self._body, str):
                return "<no body>" if self._body is None else "<body hidden>"
            from cyberdesk_kit._cyberdesk_kit import _redacted_body

            self._redacted_body = _redacted_body(self._body)
        return self._redacted_body

    def __repr__(self) -> str:
        shown = dict(self)
        if "body" in shown:
            shown["body"] = self.redacted_body()
        return repr(shown)

    __str__ = __repr__

    def __reduce__(self) -> Any:
        return (_rebuild, (dict(self), self.redacted_body() if isinstance(self._body, str) else None))


def _rebuild(fields: Dict[str, Any], redacted_body: Optional[str]) -> RequestDict:
    return RequestDict(fields, redacted_body)
