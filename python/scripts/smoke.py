"""Smoke test of an installed wheel, run by scripts/test.sh inside a fresh
venv that holds nothing but the wheel: what a user gets is what is tested.

Usage: python smoke.py   (from a folder outside the source tree)
"""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import cyberdesk_kit as kit

WF = "550e8400-e29b-41d4-a716-446655440000"


def main() -> None:
    pkg = Path(kit.__file__).resolve().parent
    assert Path(sys.prefix).resolve() in pkg.parents, f"imported from {pkg}, not the venv"
    for name in ("py.typed", "_cyberdesk_kit.pyi", "errors.py", "client.py", "types.py"):
        assert (pkg / name).is_file(), name
    assert list(pkg.glob("_cyberdesk_kit*.so")) or list(pkg.glob("_cyberdesk_kit*.pyd"))

    assert [v["raw"] for v in kit.parse_prompt("é {a} {$b} {{c}}")] == ["{a}", "{$b}", "{{c}}"]
    assert kit.parse_prompt("é {a}")[0]["start"] == 2
    assert kit.resolve_prompt("Hi {n}", {"n": "Ada"})["text"] == "Hi Ada"
    assert kit.validate("WorkflowUpdate", {"name": 1})[0]["type"] == "string_type"
    try:
        kit.build_workflow_update("bad", {})
    except kit.ValidationError as err:
        assert isinstance(err, ValueError) and err.code == "validation_error"
    else:
        raise AssertionError("no ValidationError")
    try:
        kit.validate("RunCreate", {"x": float("nan")})
    except kit.UnsupportedValueError as err:
        assert err.code == "unsupported_value"
    req = kit.build_run_create({"workflow_id": WF, "sensitive_input_values": {"pin": "SMOKE-PIN"}})
    assert "SMOKE-PIN" in req["body"] and "SMOKE-PIN" not in repr(req)
    assert kit.retry_delay(0, method="GET", status=503, jitter=0.0) == 0.5
    assert kit.ERROR_CODES[0] == "validation_error"

    # The client, against a local server.
    seen: list = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            seen.append((self.headers["Idempotency-Key"], body))
            status = 503 if len(seen) == 1 else 201
            out = json.dumps({"id": WF, "workflow_id": WF, "machine_id": None, "status": "scheduling", "created_at": "2024-01-01T00:00:00Z"}).encode()
            self.send_response(status)
            self.send_header("Retry-After", "0")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        client = kit.Client("sk_smoke", base_url=f"http://127.0.0.1:{server.server_address[1]}")
        run = client.create_run({"workflow_id": WF})
        assert run["status"] == "scheduling"
        assert len(seen) == 2 and seen[0] == seen[1]
    finally:
        server.shutdown()
        server.server_close()
    print(f"smoke ok: cyberdesk_kit {kit.__version__} from {pkg}")


if __name__ == "__main__":
    main()
