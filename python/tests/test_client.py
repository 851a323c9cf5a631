"""The Client against a real HTTP server on 127.0.0.1 (tests/conftest.py)."""

from __future__ import annotations

import email.utils
import json
import logging
import socket
import time
from typing import Any, List

import pytest

import cyberdesk_kit as kit
from conftest import RUN_RESPONSE, WF, WORKFLOW_RESPONSE, FakeApi

API_KEY = "sk-CANARY-API-KEY-0042"
PIN = "CANARY-PIN-8191"


def make_client(api: FakeApi, **kw: Any) -> kit.Client:
    client = kit.Client(API_KEY, base_url=api.base_url, **kw)
    waits: List[float] = []
    client._sleep = waits.append  # record instead of sleeping
    client.waits = waits  # type: ignore[attr-defined]
    return client


def test_update_workflow_exact_bytes_and_headers(api: FakeApi) -> None:
    api.reply(200, WORKFLOW_RESPONSE)
    client = make_client(api)
    update = {"main_prompt": "Export {customer_id}.", "name": "Nightly", "workflow_metadata": None}
    got = client.update_workflow(WF, update, idempotency_key="key-123")
    assert got == WORKFLOW_RESPONSE

    expected = kit.build_workflow_update(WF, update, idempotency_key="key-123")
    [req] = api.requests
    assert req.method == "PATCH"
    assert req.path == f"/v1/workflows/{WF}"
    assert req.body == expected["body"].encode("utf-8")
    # Schema order, compact, null kept.
    assert req.body == b'{"name":"Nightly","main_prompt":"Export {customer_id}.","workflow_metadata":null}'
    assert req.header("Authorization") == f"Bearer {API_KEY}"
    assert req.header("Idempotency-Key") == "key-123"
    assert req.header("Content-Type") == "application/json"
    assert req.header("Accept") == "application/json"
    assert req.header("Content-Length") == str(len(req.body))
    assert (req.header("User-Agent") or "").startswith("cyberdesk-kit-python/")


def test_create_run_generates_a_key_and_sends_unicode(api: FakeApi) -> None:
    api.reply(201, RUN_RESPONSE)
    client = make_client(api)
    run = {"workflow_id": WF, "input_values": {"name": "Zoë 😀"}}
    got = client.create_run(run)
    assert got["status"] == "scheduling"
    [req] = api.requests
    assert req.method == "POST" and req.path == "/v1/runs"
    assert json.loads(req.body) == run
    assert "Zoë 😀".encode() in req.body
    key = req.header("Idempotency-Key")
    assert key is not None and len(key) == 36 and key[14] == "4"


def test_get_workflow(api: FakeApi) -> None:
    api.reply(200, WORKFLOW_RESPONSE)
    client = make_client(api)
    assert client.get_workflow(WF)["id"] == WF
    [req] = api.requests
    assert req.method == "GET" and req.path == f"/v1/workflows/{WF}" and req.body == b""
    assert req.header("Idempotency-Key") is None
    assert req.header("Authorization") == f"Bearer {API_KEY}"


def test_get_workflow_checks_the_id_before_sending(api: FakeApi) -> None:
    client = make_client(api)
    with pytest.raises(kit.ValidationError) as info:
        client.get_workflow("../runs?x=1")
    assert info.value.errors()[0]["loc"] == ["path", "workflow_id"]
    assert api.requests == []


def test_422_is_decoded(api: FakeApi) -> None:
    detail = [
        {
            "loc": ["body", "name"],
            "msg": "String should have at most 255 characters",
            "type": "string_too_long",
            "input": PIN,
            "ctx": {"max_length": 255},
        }
    ]
    api.reply(422, {"detail": detail})
    client = make_client(api)
    with pytest.raises(kit.ApiError) as info:
        client.update_workflow(WF, {"name": "ok"})
    err = info.value
    assert err.status == 422 and err.code == "api_error"
    assert err.errors() == [
        {"loc": ["body", "name"], "msg": "String should have at most 255 characters", "type": "string_too_long", "ctx": {"max_length": 255}}
    ]
    assert PIN not in str(err) + repr(err) + repr(err.to_dict())
    assert len(api.requests) == 1  # a 422 is not retried
    assert client.waits == []  # type: ignore[attr-defined]


def test_503_then_200_is_retried_with_the_same_key(api: FakeApi) -> None:
    api.reply(503, {"detail": "busy"})
    api.reply(200, RUN_RESPONSE)
    client = make_client(api)
    got = client.create_run({"workflow_id": WF})
    assert got["id"] == RUN_RESPONSE["id"]
    assert len(api.requests) == 2
    keys = [r.header("Idempotency-Key") for r in api.requests]
    assert keys[0] is not None and keys[0] == keys[1]
    assert api.requests[0].body == api.requests[1].body
    [wait] = client.waits  # type: ignore[attr-defined]
    assert 0.375 <= wait <= 0.5  # first backoff, with jitter


def test_retry_after_seconds_is_honoured(api: FakeApi) -> None:
    api.reply(429, {"detail": "slow down"}, {"Retry-After": "3"})
    api.reply(200, WORKFLOW_RESPONSE)
    client = make_client(api)
    client.update_workflow(WF, {"name": "x"})
    assert client.waits == [3.0]  # type: ignore[attr-defined]


def test_retry_after_date_is_honoured(api: FakeApi) -> None:
    when = email.utils.formatdate(time.time() + 10, usegmt=True)
    api.reply(503, {"detail": "maintenance"}, {"Retry-After": when})
    api.reply(200, WORKFLOW_RESPONSE)
    client = make_client(api)
    client.update_workflow(WF, {"name": "x"})
    [wait] = client.waits  # type: ignore[attr-defined]
    assert 8.0 <= wait <= 10.0


def test_retry_after_really_waits(api: FakeApi) -> None:
    """With the real sleep: the second attempt comes a second later."""
    api.reply(503, {"detail": "busy"}, {"Retry-After": "1"})
    api.reply(200, RUN_RESPONSE)
    client = kit.Client(API_KEY, base_url=api.base_url)
    start = time.monotonic()
    client.create_run({"workflow_id": WF})
    assert time.monotonic() - start >= 0.95
    assert len(api.requests) == 2


def test_retries_stop_at_max_retries(api: FakeApi) -> None:
    api.reply(503, {"detail": "down"})
    client = make_client(api, max_retries=2)
    with pytest.raises(kit.ApiError) as info:
        client.create_run({"workflow_id": WF})
    assert info.value.status == 503
    assert str(info.value) == "API error 503: down"
    assert len(api.requests) == 3
    assert len({r.header("Idempotency-Key") for r in api.requests}) == 1


def test_post_without_key_is_never_retried(api: FakeApi) -> None:
    """A write without an Idempotency-Key: the policy says no retry, so the
    client sends it once, whatever the status."""
    api.reply(503, {"detail": "busy"})
    client = make_client(api)
    req = kit.build_run_create({"workflow_id": WF})
    req["headers"].pop("Idempotency-Key")
    req["idempotency_key"] = None
    with pytest.raises(kit.ApiError):
        client._send(req, "create_run")
    assert len(api.requests) == 1
    assert api.requests[0].header("Idempotency-Key") is None
    assert client.waits == []  # type: ignore[attr-defined]
    # The policy itself, for the record.
    assert kit.retry_delay(0, method="POST", status=503, has_idempotency_key=False) is None


def test_network_error_is_retried_then_raised() -> None:
    # A port with nothing listening: connection refused on every attempt.
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    client = kit.Client(API_KEY, base_url=f"http://127.0.0.1:{port}", max_retries=2, timeout=2)
    waits: List[float] = []
    client._sleep = waits.append
    with pytest.raises(OSError):
        client.get_workflow(WF)
    assert len(waits) == 2


def test_preflight_error_sends_nothing(api: FakeApi) -> None:
    api.reply(200, RUN_RESPONSE)
    client = make_client(api)
    workflow = {"main_prompt": "Hello {name.first}"}
    with pytest.raises(kit.PreflightError):
        client.create_run({"workflow_id": WF, "input_values": {"name": "Ada"}}, workflow)
    with pytest.raises(kit.ValidationError):
        client.update_workflow("not-a-uuid", {})
    assert api.requests == []


def test_invalid_2xx_body(api: FakeApi) -> None:
    api.reply(200, b"<html>oops</html>")
    client = make_client(api)
    with pytest.raises(kit.InvalidResponseError):
        client.get_workflow(WF)


def test_redirect_is_not_followed(api: FakeApi) -> None:
    api.reply(307, {"detail": "moved"}, {"Location": "http://127.0.0.1:9/elsewhere"})
    client = make_client(api)
    with pytest.raises(kit.ApiError) as info:
        client.create_run({"workflow_id": WF})
    assert info.value.status == 307
    assert len(api.requests) == 1


def test_client_arguments() -> None:
    for bad in ("", None, "a\nb"):
        with pytest.raises(kit.InvalidArgumentError):
            kit.Client(bad)  # type: ignore[arg-type]
    with pytest.raises(kit.InvalidArgumentError):
        kit.Client("k", base_url="ftp://x")
    with pytest.raises(kit.InvalidArgumentError):
        kit.Client("k", timeout=0)
    with pytest.raises(kit.InvalidArgumentError):
        kit.Client("k", max_retries=-1)
    c = kit.Client("k", base_url="https://api.example.test/")
    assert c.base_url == "https://api.example.test"


def test_secrets_stay_out_of_logs_and_reprs(api: FakeApi, caplog: pytest.LogCaptureFixture) -> None:
    api.reply(503, {"detail": "busy"})
    api.reply(422, {"detail": [{"loc": ["body", "sensitive_input_values", "pin"], "msg": "bad", "type": "value_error", "input": PIN}]})
    client = make_client(api)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(kit.ApiError) as info:
        client.create_run({"workflow_id": WF, "sensitive_input_values": {"pin": PIN}})
    # The secret went over the wire, once per attempt ...
    assert all(PIN.encode() in r.body for r in api.requests)
    # ... and nowhere else.
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "retry 1" in logged
    for text in (logged, str(info.value), repr(info.value), repr(info.value.errors()), repr(client)):
        assert PIN not in text
        assert API_KEY not in text


# -- run results: get_run and wait_for_run (issue 10, part 7) ------------------

RUN_ID = "7d444840-9dc0-11d1-b245-5ffdce74fad2"


def _run(status: str, **extra: Any) -> Any:
    return {**RUN_RESPONSE, "id": RUN_ID, "status": status, **extra}


def fake_clock(client: kit.Client) -> List[float]:
    """The wait's clock advances by exactly what the client slept."""
    now = [100.0]
    waits: List[float] = client.waits  # type: ignore[attr-defined]

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    client._sleep = sleep
    client._clock = lambda: now[0]
    return now


def test_get_run_with_include(api: FakeApi) -> None:
    body = _run("success", output_data={"total": 3})
    del body["machine_id"]  # GET /v1/runs/{id} may leave it out (RunResponseWithIncludes)
    api.reply(200, body)
    client = make_client(api)
    got = client.get_run(RUN_ID, include=["workflow", "machine.pools"])
    assert got["output_data"] == {"total": 3}
    [req] = api.requests
    assert req.method == "GET" and req.body == b""
    assert req.path == f"/v1/runs/{RUN_ID}?include=workflow,machine.pools"
    assert req.header("Authorization") == f"Bearer {API_KEY}"
    with pytest.raises(kit.ValidationError) as err:
        client.get_run("not-a-run")
    assert err.value.errors()[0]["loc"] == ["path", "run_id"]
    assert len(api.requests) == 1


def test_wait_for_run_polls_until_terminal(api: FakeApi) -> None:
    for status in ("scheduling", "running", "running", "running_checks"):
        api.reply(200, _run(status))
    api.reply(200, _run("success", output_data={"ok": True}))
    client = make_client(api)
    fake_clock(client)
    seen: List[str] = []
    got = client.wait_for_run(RUN_ID, on_poll=lambda r: seen.append(r["status"]))
    assert got["status"] == "success" and got["output_data"] == {"ok": True}
    assert seen == ["scheduling", "running", "running", "running_checks", "success"]
    assert client.waits == [1.0, 2.0, 4.0, 8.0]  # type: ignore[attr-defined]
    assert [r.path for r in api.requests] == [f"/v1/runs/{RUN_ID}"] * 5


def test_wait_for_run_times_out_on_the_deadline(api: FakeApi) -> None:
    api.reply(200, _run("running"))
    client = make_client(api)
    now = fake_clock(client)
    with pytest.raises(kit.WaitTimeoutError) as err:
        client.wait_for_run(RUN_ID, initial_delay=2, max_delay=5, timeout=20)
    assert err.value.code == "wait_timeout"
    assert err.value.run is not None and err.value.run["status"] == "running"
    # 2, 4, 5, 5, then 4 so that the last poll falls on the deadline.
    assert client.waits == [2.0, 4.0, 5.0, 5.0, 4.0]  # type: ignore[attr-defined]
    assert now[0] == 120.0
    assert len(api.requests) == 6


def test_wait_for_run_really_sleeps(api: FakeApi) -> None:
    api.reply(200, _run("running"))
    api.reply(200, _run("cancelled"))
    client = kit.Client(API_KEY, base_url=api.base_url)
    t0 = time.monotonic()
    got = client.wait_for_run(RUN_ID, initial_delay=0.05)
    assert got["status"] == "cancelled"
    assert time.monotonic() - t0 >= 0.05


def test_wait_for_run_refuses_a_bad_policy_before_sending(api: FakeApi) -> None:
    api.reply(200, _run("running"))
    client = make_client(api)
    for kw in ({"initial_delay": 0}, {"initial_delay": 5, "max_delay": 1}, {"timeout": -1}, {"timeout": "10"}):
        with pytest.raises(kit.InvalidArgumentError):
            client.wait_for_run(RUN_ID, **kw)
    assert api.requests == []
