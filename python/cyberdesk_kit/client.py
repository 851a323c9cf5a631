"""A small Cyberdesk API client on the standard library (``urllib``).

It does what every front door of cyberdesk-kit does: build the request
with the core (validated, with an ``Idempotency-Key`` on every write), send
it, decode the answer with ``parse_response`` and, between attempts, wait
what ``retry_delay`` says, reusing the same key on every attempt. The API
key is added here and never reaches the core, a log line or a ``repr``.
"""

from __future__ import annotations

import http.client
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple, Union, cast

from cyberdesk_kit._cyberdesk_kit import (
    __version__,
    build_get_run,
    build_get_workflow,
    build_run_create,
    build_workflow_update,
    is_terminal_run_status,
    parse_response,
    poll_delay,
    retry_delay,
)
from cyberdesk_kit.errors import InvalidArgumentError, WaitTimeoutError
from cyberdesk_kit.types import (
    Operation,
    Request,
    RunCreate,
    RunResponse,
    RunResponseWithIncludes,
    WorkflowResponse,
    WorkflowUpdate,
)

__all__ = ["Client", "DEFAULT_BASE_URL"]

DEFAULT_BASE_URL = "https://api.cyberdesk.io"

logger = logging.getLogger("cyberdesk_kit")

# Failures without a response: the core decides whether they are retried.
_NETWORK_ERRORS = (OSError, http.client.HTTPException)

_Response = Tuple[int, List[Tuple[str, str]], bytes]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """The API does not redirect; following one would turn a POST into a
    GET and drop its body, so a 3xx is returned as it is."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _invalid(message: str) -> InvalidArgumentError:
    return InvalidArgumentError(message, code="invalid_argument")


class Client:
    """A Cyberdesk API client.

    >>> client = Client("sk_live_...")                     # doctest: +SKIP
    >>> client.update_workflow(workflow_id, {"main_prompt": "..."})  # doctest: +SKIP

    ``max_retries`` is the number of retries after the first attempt. Writes
    are retried only because they carry an ``Idempotency-Key`` (the same on
    every attempt); ``Retry-After`` is honoured. Network errors that are not
    retried are raised as the standard library raised them; every other
    failure is a :class:`~cyberdesk_kit.KitError`.
    """

    def __init__(
        self,
        api_key: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float = 30.0,
        max_retries: int = 2,
    ) -> None:
        if not isinstance(api_key, str) or not api_key.strip():
            raise _invalid("api_key must be a non-empty str")
        if any(c in api_key for c in "\r\n"):
            raise _invalid("api_key must not contain line breaks")
        parsed = urllib.parse.urlsplit(base_url) if isinstance(base_url, str) else None
        if parsed is None or parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise _invalid("base_url must be an http:// or https:// URL")
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
            raise _invalid("timeout must be a positive number of seconds")
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise _invalid("max_retries must be an int >= 0")
        self._api_key = api_key
        self.base_url = base_url.rstrip("/")
        self.timeout = float(timeout)
        self.max_retries = max_retries
        self._opener = urllib.request.build_opener(_NoRedirect())
        # How the client waits between attempts (replaceable in tests).
        self._sleep: Callable[[float], None] = time.sleep
        # The clock of wait_for_run, in seconds (replaceable in tests).
        self._clock: Callable[[], float] = time.monotonic

    def __repr__(self) -> str:
        return (
            f"Client(base_url={self.base_url!r}, timeout={self.timeout!r}, "
            f"max_retries={self.max_retries!r})"
        )

    # -- operations ---------------------------------------------------------

    def update_workflow(
        self,
        workflow_id: str,
        update: WorkflowUpdate,
        *,
        idempotency_key: Optional[str] = None,
    ) -> WorkflowResponse:
        """``PATCH /v1/workflows/{workflow_id}``: absent keys stay unchanged,
        ``None`` clears. Raises ``ValidationError`` before sending anything
        invalid, ``ApiError`` for a non-2xx answer."""
        req = build_workflow_update(workflow_id, update, idempotency_key=idempotency_key)
        return cast(WorkflowResponse, self._send(req, "update_workflow"))

    def create_run(
        self,
        run: RunCreate,
        workflow: Optional[Mapping[str, Any]] = None,
        *,
        idempotency_key: Optional[str] = None,
    ) -> RunResponse:
        """``POST /v1/runs``. With ``workflow`` (e.g. from
        :meth:`get_workflow`), the run is preflighted first and an error
        raises ``PreflightError`` without sending."""
        if workflow is None:
            req = build_run_create(run, idempotency_key=idempotency_key)
        else:
            req = build_run_create(run, workflow=workflow, idempotency_key=idempotency_key)
        # A server that echoes a sensitive value in its error text gets it
        # masked in the ApiError: the core masks what the run sent.
        sensitive = run.get("sensitive_input_values") if isinstance(run, Mapping) else None
        return cast(RunResponse, self._send(req, "create_run", sensitive))

    def get_workflow(
        self, workflow_id: str, *, include: Union[List[str], str, None] = None
    ) -> WorkflowResponse:
        """``GET /v1/workflows/{workflow_id}``; ``include`` names related
        resources for the response's ``included`` list (see
        :func:`~cyberdesk_kit.build_get_workflow`)."""
        req = build_get_workflow(workflow_id, include=include)
        return cast(WorkflowResponse, self._send(req, "get_workflow"))

    def get_run(
        self, run_id: str, *, include: Union[List[str], str, None] = None
    ) -> RunResponseWithIncludes:
        """``GET /v1/runs/{run_id}``: the run with its ``status`` and results
        (``output_data``, ``error``, ...); ``include`` names related
        resources (``workflow``, ``machine``, ``machine.pools``). Raises
        ``ValidationError`` for an id that is not a UUID, ``ApiError``."""
        req = build_get_run(run_id, include=include)
        return cast(RunResponseWithIncludes, self._send(req, "get_run"))

    def wait_for_run(
        self,
        run_id: str,
        *,
        initial_delay: Optional[float] = None,
        max_delay: Optional[float] = None,
        timeout: Optional[float] = None,
        include: Union[List[str], str, None] = None,
        on_poll: Optional[Callable[[RunResponseWithIncludes], None]] = None,
    ) -> RunResponseWithIncludes:
        """Polls ``GET /v1/runs/{run_id}`` until the run's status is terminal
        (``success``, ``task_failed``, ``error``, ``cancelled``) and returns
        that run. Between polls it sleeps what :func:`poll_delay` says, in
        seconds: ``initial_delay`` (1.0) doubling up to ``max_delay`` (10.0),
        until ``timeout`` (1800.0 from the start; ``math.inf`` for none).
        ``on_poll`` is called with every run read. Each poll is retried as
        any GET is (``max_retries``).

        Raises ``WaitTimeoutError`` past the deadline (``.run`` is the last
        run read), ``ValidationError`` for a bad id, ``ApiError``,
        ``InvalidArgumentError`` for a bad policy (before any request)."""
        policy: Dict[str, Any] = {
            "initial_delay": initial_delay,
            "max_delay": max_delay,
            "timeout": timeout,
        }
        req = build_get_run(run_id, include=include)
        try:
            poll_delay(0, 0.0, **policy)  # a bad policy is refused before any request
        except WaitTimeoutError:
            pass
        start = self._clock()
        attempt = 0
        while True:
            run = cast(RunResponseWithIncludes, self._send(req, "get_run"))
            if on_poll is not None:
                on_poll(run)
            if is_terminal_run_status(run["status"]):
                return run
            try:
                delay = poll_delay(attempt, self._clock() - start, **policy)
            except WaitTimeoutError as err:
                err.run = dict(run)
                raise
            logger.debug("run %s is %s; next poll in %.2fs", req["path"], run["status"], delay)
            self._sleep(delay)
            attempt += 1

    # -- transport ----------------------------------------------------------

    def _send(
        self, req: Request, operation: Operation, sensitive: Any = None
    ) -> Union[WorkflowResponse, RunResponse, RunResponseWithIncludes]:
        method = req["method"]
        url = self.base_url + req["path"]
        data = req["body"].encode("utf-8") if method != "GET" else None
        headers = dict(req["headers"])
        headers["Authorization"] = f"Bearer {self._api_key}"
        headers["User-Agent"] = f"cyberdesk-kit-python/{__version__}"
        has_key = req["idempotency_key"] is not None
        attempt = 0
        while True:
            try:
                status, resp_headers, body = self._once(method, url, data, headers)
            except _NETWORK_ERRORS as exc:
                delay = retry_delay(
                    attempt,
                    method=method,
                    network_error=True,
                    has_idempotency_key=has_key,
                    max_retries=self.max_retries,
                    now=time.time(),
                )
                if delay is None:
                    raise
                logger.debug(
                    "%s %s failed (%s); retry %d in %.2fs",
                    method, req["path"], type(exc).__name__, attempt + 1, delay,
                )
            else:
                if 200 <= status < 300:
                    return parse_response(operation, status, resp_headers, body, sensitive_input_values=sensitive)
                delay = retry_delay(
                    attempt,
                    method=method,
                    status=status,
                    headers=resp_headers,
                    has_idempotency_key=has_key,
                    max_retries=self.max_retries,
                    now=time.time(),
                )
                if delay is None:
                    # Raises ApiError (a 422's detail decoded).
                    return parse_response(operation, status, resp_headers, body, sensitive_input_values=sensitive)
                logger.debug(
                    "%s %s answered %d; retry %d in %.2fs",
                    method, req["path"], status, attempt + 1, delay,
                )
            self._sleep(delay)
            attempt += 1

    def _once(
        self, method: str, url: str, data: Optional[bytes], headers: Dict[str, str]
    ) -> _Response:
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with self._opener.open(request, timeout=self.timeout) as resp:
                return resp.status, list(resp.headers.items()), resp.read()
        except urllib.error.HTTPError as err:
            try:
                body = err.read()
            finally:
                err.close()
            items = list(err.headers.items()) if err.headers is not None else []
            return err.code, items, body
