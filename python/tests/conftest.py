"""A real HTTP server on 127.0.0.1 for the Client tests: it records every
request (method, path, headers, body bytes) and answers from a script."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest

# (case id, seconds, outcome) of each hostile-input catalogue entry
# (test_hostile_catalogue.py), printed at the end of the run.
HOSTILE_TIMES: List[Tuple[str, float, str]] = []


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not HOSTILE_TIMES:
        return
    tr = terminalreporter
    tr.section(f"hostile-input catalogue: {len(HOSTILE_TIMES)} cases, time of each")
    for case_id, seconds, outcome in HOSTILE_TIMES:
        tr.write_line(f"{seconds * 1000:9.1f} ms  {case_id:48s} {outcome}")
    slowest = max(HOSTILE_TIMES, key=lambda t: t[1])
    total = sum(t[1] for t in HOSTILE_TIMES)
    tr.write_line(f"slowest: {slowest[0]} {slowest[1] * 1000:.1f} ms; all: {total:.2f} s")


WF = "550e8400-e29b-41d4-a716-446655440000"
RUN_ID = "6f1c2b1e-8a4f-4c39-9a57-0d3f3c1f2a11"

WORKFLOW_RESPONSE: Dict[str, Any] = {
    "id": WF,
    "name": "Nightly export",
    "main_prompt": "Export the report for {customer_id} and type {$pin}.",
    "input_schema": None,
    "created_at": "2024-05-01T10:00:00Z",
    "updated_at": "2024-05-02T10:00:00Z",
    "old_versions": [],
}

RUN_RESPONSE: Dict[str, Any] = {
    "id": RUN_ID,
    "workflow_id": WF,
    "machine_id": None,
    "status": "scheduling",
    "main_prompt": None,
    "created_at": "2024-05-02T10:00:00Z",
}


class Recorded:
    def __init__(self, method: str, path: str, headers: List[Tuple[str, str]], body: bytes) -> None:
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body

    def header(self, name: str) -> Optional[str]:
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None


Reply = Tuple[int, Dict[str, str], bytes, float]  # status, headers, body, delay before answering (s)


class FakeApi:
    """What the server answers (a queue of replies; the last one repeats)
    and what it received."""

    def __init__(self) -> None:
        self.replies: List[Reply] = []
        self.requests: List[Recorded] = []
        self.lock = threading.Lock()
        self.server: Optional[ThreadingHTTPServer] = None

    @property
    def base_url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def reply(self, status: int, body: Any = None, headers: Optional[Dict[str, str]] = None, delay: float = 0.0) -> None:
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        h = {"Content-Type": "application/json"}
        h.update(headers or {})
        self.replies.append((status, h, raw, delay))

    def next_reply(self) -> Reply:
        with self.lock:
            if len(self.replies) > 1:
                return self.replies.pop(0)
            return self.replies[0]


def _handler(api: FakeApi) -> type:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            with api.lock:
                api.requests.append(Recorded(self.command, self.path, list(self.headers.items()), body))
            status, headers, raw, delay = api.next_reply()
            if delay:
                time.sleep(delay)  # the client may have given up by now
            try:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeApi]:
    # A proxy from the environment must not take 127.0.0.1 traffic.
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    fake = FakeApi()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    fake.server = server
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
