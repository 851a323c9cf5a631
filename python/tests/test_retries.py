"""Retries against a real HTTP server on 127.0.0.1 (conftest.py FakeApi):
a server that fails then succeeds, one that answers too late, and one that
answers 409 with ``Idempotency-Status: in_progress``.

What is proved, on top of test_client.py:
* a write is never sent twice unless every attempt carries the same
  Idempotency-Key (checked on every recorded request of every test here);
* a write without a key is sent once, whatever happens (5xx, 409 in
  progress, a timeout);
* ``Retry-After`` is what the client waits, and really waits.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Dict, List

import pytest

import cyberdesk_kit as kit
from conftest import RUN_RESPONSE, WF, WORKFLOW_RESPONSE, FakeApi, Recorded

API_KEY = "sk-RETRY-TEST-KEY"
IN_PROGRESS = {"Idempotency-Status": "in_progress"}


def make_client(api: FakeApi, **kw: Any) -> kit.Client:
    client = kit.Client(API_KEY, base_url=api.base_url, **kw)
    waits: List[float] = []
    client._sleep = waits.append  # record the waits instead of sleeping
    client.waits = waits  # type: ignore[attr-defined]
    return client


def assert_no_write_resent_without_the_same_key(requests: List[Recorded]) -> None:
    """The invariant: the same write (method, path, body) sent more than
    once has one and the same non-empty Idempotency-Key on every attempt."""
    groups: Dict[Any, List[Recorded]] = {}
    for r in requests:
        if r.method != "GET":
            groups.setdefault((r.method, r.path, r.body), []).append(r)
    for (method, path, _), attempts in groups.items():
        if len(attempts) > 1:
            keys = {a.header("Idempotency-Key") for a in attempts}
            assert len(keys) == 1 and None not in keys and "" not in keys, (method, path, keys)


@pytest.fixture
def checked_api(api: FakeApi) -> Any:
    yield api
    assert_no_write_resent_without_the_same_key(api.requests)


def unkeyed_run_request() -> Any:
    req = kit.build_run_create({"workflow_id": WF})
    req["headers"].pop("Idempotency-Key")
    req["idempotency_key"] = None
    return req


# -- fails, then succeeds --------------------------------------------------------------


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_each_retryable_status_then_success(checked_api: FakeApi, status: int) -> None:
    checked_api.reply(status, {"detail": "try again"})
    checked_api.reply(201, RUN_RESPONSE)
    client = make_client(checked_api)
    assert client.create_run({"workflow_id": WF})["id"] == RUN_RESPONSE["id"]
    assert len(checked_api.requests) == 2
    assert len(client.waits) == 1  # type: ignore[attr-defined]


def test_patch_fails_twice_then_succeeds_with_one_key(checked_api: FakeApi) -> None:
    checked_api.reply(502, b"<html>bad gateway</html>", {"Content-Type": "text/html"})
    checked_api.reply(503, {"detail": "busy"})
    checked_api.reply(200, WORKFLOW_RESPONSE)
    client = make_client(checked_api)
    client.update_workflow(WF, {"name": "Nightly"})
    reqs = checked_api.requests
    assert [r.method for r in reqs] == ["PATCH"] * 3
    keys = {r.header("Idempotency-Key") for r in reqs}
    assert len(keys) == 1 and None not in keys
    assert len({r.body for r in reqs}) == 1
    # Exponential backoff with jitter: the second wait is the longer.
    w1, w2 = client.waits  # type: ignore[attr-defined]
    assert 0.375 <= w1 <= 0.5 and w2 > w1


def test_caller_key_is_reused_on_every_attempt(checked_api: FakeApi) -> None:
    checked_api.reply(500, {"detail": "oops"})
    checked_api.reply(500, {"detail": "oops"})
    checked_api.reply(201, RUN_RESPONSE)
    client = make_client(checked_api)
    client.create_run({"workflow_id": WF}, idempotency_key="caller-key-1")
    assert [r.header("Idempotency-Key") for r in checked_api.requests] == ["caller-key-1"] * 3


def test_two_calls_get_two_keys(checked_api: FakeApi) -> None:
    """Separate calls are separate writes: a fresh key each."""
    checked_api.reply(201, RUN_RESPONSE)
    client = make_client(checked_api)
    client.create_run({"workflow_id": WF, "input_values": {"n": 1}})
    client.create_run({"workflow_id": WF, "input_values": {"n": 2}})
    k1, k2 = (r.header("Idempotency-Key") for r in checked_api.requests)
    assert k1 and k2 and k1 != k2


def test_write_without_key_is_sent_once_on_5xx(checked_api: FakeApi) -> None:
    checked_api.reply(503, {"detail": "busy"})
    checked_api.reply(201, RUN_RESPONSE)
    client = make_client(checked_api)
    with pytest.raises(kit.ApiError) as info:
        client._send(unkeyed_run_request(), "create_run")
    assert info.value.status == 503
    assert len(checked_api.requests) == 1 and client.waits == []  # type: ignore[attr-defined]


# -- 409 with Idempotency-Status: in_progress --------------------------------------------


def test_409_in_progress_is_retried_with_the_same_key(checked_api: FakeApi) -> None:
    checked_api.reply(409, {"detail": "a request with this key is in progress"}, IN_PROGRESS)
    checked_api.reply(409, {"detail": "a request with this key is in progress"}, IN_PROGRESS)
    checked_api.reply(201, RUN_RESPONSE)
    client = make_client(checked_api)
    assert client.create_run({"workflow_id": WF})["status"] == "scheduling"
    assert len(checked_api.requests) == 3
    assert len({r.header("Idempotency-Key") for r in checked_api.requests}) == 1
    assert len(client.waits) == 2  # type: ignore[attr-defined]


def test_409_in_progress_honours_retry_after(checked_api: FakeApi) -> None:
    checked_api.reply(409, {"detail": "in progress"}, dict(IN_PROGRESS, **{"Retry-After": "2"}))
    checked_api.reply(200, WORKFLOW_RESPONSE)
    client = make_client(checked_api)
    client.update_workflow(WF, {"name": "x"})
    assert client.waits == [2.0]  # type: ignore[attr-defined]


@pytest.mark.parametrize("headers", [{}, {"Idempotency-Status": "completed"}, {"Idempotency-Status": "mismatch"}])
def test_other_409s_are_not_retried(checked_api: FakeApi, headers: Dict[str, str]) -> None:
    checked_api.reply(409, {"detail": "conflict"}, headers)
    checked_api.reply(201, RUN_RESPONSE)
    client = make_client(checked_api)
    with pytest.raises(kit.ApiError) as info:
        client.create_run({"workflow_id": WF})
    assert info.value.status == 409
    assert len(checked_api.requests) == 1 and client.waits == []  # type: ignore[attr-defined]


def test_409_in_progress_without_a_key_is_not_retried(checked_api: FakeApi) -> None:
    checked_api.reply(409, {"detail": "in progress"}, IN_PROGRESS)
    client = make_client(checked_api)
    with pytest.raises(kit.ApiError):
        client._send(unkeyed_run_request(), "create_run")
    assert len(checked_api.requests) == 1


def test_409_in_progress_until_retries_run_out(checked_api: FakeApi) -> None:
    checked_api.reply(409, {"detail": "in progress"}, IN_PROGRESS)
    client = make_client(checked_api, max_retries=3)
    with pytest.raises(kit.ApiError) as info:
        client.create_run({"workflow_id": WF})
    assert info.value.status == 409
    assert len(checked_api.requests) == 4
    assert len({r.header("Idempotency-Key") for r in checked_api.requests}) == 1


# -- delays: the server answers after the client's timeout ----------------------------------


def test_slow_answer_to_a_keyed_write_is_retried_with_the_same_key(checked_api: FakeApi) -> None:
    """The first attempt reached the server, which answered too late: the
    retry is the same write again, so it must carry the same key."""
    checked_api.reply(201, RUN_RESPONSE, delay=1.0)
    checked_api.reply(201, RUN_RESPONSE)
    client = make_client(checked_api, timeout=0.3)
    assert client.create_run({"workflow_id": WF})["id"] == RUN_RESPONSE["id"]
    assert len(checked_api.requests) == 2
    assert len({r.header("Idempotency-Key") for r in checked_api.requests}) == 1
    assert len(client.waits) == 1  # type: ignore[attr-defined]


def test_slow_answer_to_a_write_without_key_is_not_resent(checked_api: FakeApi) -> None:
    checked_api.reply(201, RUN_RESPONSE, delay=1.0)
    client = make_client(checked_api, timeout=0.3)
    with pytest.raises(OSError):
        client._send(unkeyed_run_request(), "create_run")
    time.sleep(0.1)
    assert len(checked_api.requests) == 1
    assert client.waits == []  # type: ignore[attr-defined]


def test_slow_get_is_retried(checked_api: FakeApi) -> None:
    checked_api.reply(200, WORKFLOW_RESPONSE, delay=1.0)
    checked_api.reply(200, WORKFLOW_RESPONSE)
    client = make_client(checked_api, timeout=0.3)
    assert client.get_workflow(WF)["id"] == WF
    assert len(checked_api.requests) == 2


def test_slow_answers_until_retries_run_out(checked_api: FakeApi) -> None:
    checked_api.reply(201, RUN_RESPONSE, delay=0.6)
    client = make_client(checked_api, timeout=0.2, max_retries=2)
    start = time.monotonic()
    with pytest.raises(OSError):
        client.create_run({"workflow_id": WF})
    assert time.monotonic() - start < 5  # three timeouts, no hang
    time.sleep(0.1)
    assert len(checked_api.requests) == 3
    assert len({r.header("Idempotency-Key") for r in checked_api.requests}) == 1


def test_delay_within_the_timeout_is_not_a_failure(checked_api: FakeApi) -> None:
    checked_api.reply(201, RUN_RESPONSE, delay=0.3)
    client = make_client(checked_api, timeout=5)
    client.create_run({"workflow_id": WF})
    assert len(checked_api.requests) == 1 and client.waits == []  # type: ignore[attr-defined]


# -- Retry-After -------------------------------------------------------------------------------


@pytest.mark.parametrize("value,expected", [("0", 0.0), ("1", 1.0), ("2.5", 2.5), ("7", 7.0)])
def test_retry_after_values(checked_api: FakeApi, value: str, expected: float) -> None:
    checked_api.reply(503, {"detail": "busy"}, {"Retry-After": value})
    checked_api.reply(201, RUN_RESPONSE)
    client = make_client(checked_api)
    client.create_run({"workflow_id": WF})
    assert client.waits == [expected]  # type: ignore[attr-defined]


def test_retry_after_on_each_attempt(checked_api: FakeApi) -> None:
    checked_api.reply(429, {"detail": "slow down"}, {"Retry-After": "3"})
    checked_api.reply(503, {"detail": "busy"}, {"Retry-After": "1"})
    checked_api.reply(201, RUN_RESPONSE)
    client = make_client(checked_api)
    client.create_run({"workflow_id": WF})
    assert client.waits == [3.0, 1.0]  # type: ignore[attr-defined]


def test_unusable_retry_after_falls_back_to_backoff(checked_api: FakeApi) -> None:
    checked_api.reply(503, {"detail": "busy"}, {"Retry-After": "soon"})
    checked_api.reply(201, RUN_RESPONSE)
    client = make_client(checked_api)
    client.create_run({"workflow_id": WF})
    [wait] = client.waits  # type: ignore[attr-defined]
    assert 0.375 <= wait <= 0.5


def test_retry_after_is_really_waited_for_a_patch(checked_api: FakeApi) -> None:
    """With the real clock: the second attempt arrives after Retry-After."""
    checked_api.reply(429, {"detail": "slow down"}, {"Retry-After": "1"})
    checked_api.reply(200, WORKFLOW_RESPONSE)
    client = kit.Client(API_KEY, base_url=checked_api.base_url)
    sent: List[float] = []
    original = client._once

    def timed_once(*args: Any, **kw: Any) -> Any:
        sent.append(time.monotonic())
        return original(*args, **kw)

    client._once = timed_once  # type: ignore[method-assign]
    client.update_workflow(WF, {"name": "x"})
    assert len(sent) == 2 and sent[1] - sent[0] >= 0.95


def test_retries_are_logged_without_secrets(checked_api: FakeApi, caplog: pytest.LogCaptureFixture) -> None:
    checked_api.reply(409, {"detail": "in progress"}, IN_PROGRESS)
    checked_api.reply(201, RUN_RESPONSE)
    client = make_client(checked_api)
    caplog.set_level(logging.DEBUG, logger="cyberdesk_kit")
    client.create_run({"workflow_id": WF, "sensitive_input_values": {"pin": "CANARY-RETRY-PIN"}})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "409" in logged and "retry 1" in logged
    assert "CANARY-RETRY-PIN" not in logged and API_KEY not in logged
    key = checked_api.requests[0].header("Idempotency-Key")
    assert key and key not in logged
