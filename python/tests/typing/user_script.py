"""What a user writes, checked with mypy --strict by tests/test_typing.py
(and run by it, against the fake server's absence: no network is used)."""

from __future__ import annotations

from typing import List, Optional

import cyberdesk_kit
from cyberdesk_kit import (
    Client,
    ErrorDetails,
    Issue,
    KitError,
    PreflightError,
    Request,
    RunCreate,
    RunResponseWithIncludes,
    ValidationError,
    WaitTimeoutError,
    Variable,
    WorkflowUpdate,
)

WORKFLOW_ID = "550e8400-e29b-41d4-a716-446655440000"


def variables_of(prompt: str) -> List[str]:
    found: List[Variable] = cyberdesk_kit.parse_prompt(prompt)
    return [v["raw"] for v in found if v["kind"] == "input"]


def build_update(name: str) -> Request:
    update: WorkflowUpdate = {"name": name, "main_prompt": "Export {report}.", "workflow_metadata": None}
    return cyberdesk_kit.build_workflow_update(WORKFLOW_ID, update, idempotency_key="my-key-1")


def build_run(customer: str, pin: str) -> Optional[Request]:
    run: RunCreate = {
        "workflow_id": WORKFLOW_ID,
        "main_prompt": "v7: look up {customer_id} and type {$pin}.",
        "input_values": {"customer_id": customer},
        "sensitive_input_values": {"pin": pin},
    }
    try:
        return cyberdesk_kit.build_run_create(run, workflow={"main_prompt": "Look up {customer_id}."})
    except PreflightError as err:
        problems: List[Issue] = err.issues
        print([i["code"] for i in problems])
        return None


def problems(payload: object) -> List[str]:
    errs: List[ErrorDetails] = cyberdesk_kit.validate("WorkflowUpdate", payload)
    return [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']} [{e['type']}]" for e in errs]


def delay(attempt: int, status: int) -> float:
    wait = cyberdesk_kit.retry_delay(attempt, method="PATCH", status=status, has_idempotency_key=True, jitter=0.0)
    return 0.0 if wait is None else wait


def wait(client: Client, run_id: str) -> Optional[str]:
    """What a builder writes to see a run's result."""
    seen: List[str] = []
    try:
        done: RunResponseWithIncludes = client.wait_for_run(
            run_id, timeout=600.0, on_poll=lambda r: seen.append(r["status"])
        )
    except WaitTimeoutError as err:
        return None if err.run is None else str(err.run["status"])
    return done["status"]


def poll_schedule() -> List[float]:
    return [cyberdesk_kit.poll_delay(a, 0.0, initial_delay=0.5, max_delay=2.0) for a in range(4)]


def main() -> None:
    assert variables_of("Hi {name}, {$pin}") == ["{name}"]
    req = build_update("Nightly")
    assert req["method"] == "PATCH" and req["idempotency_key"] == "my-key-1"
    assert build_run("C-42", "1234") is not None
    assert problems({"name": 5}) == ["body.name: Input should be a valid string [string_type]"]
    assert delay(0, 503) == 0.5
    assert poll_schedule() == [0.5, 1.0, 2.0, 2.0]
    assert cyberdesk_kit.build_get_run(WORKFLOW_ID)["path"] == f"/v1/runs/{WORKFLOW_ID}"
    assert cyberdesk_kit.is_terminal_run_status("cancelled")
    res = cyberdesk_kit.resolve_prompt("Dear {name.first}", {"name": {"first": "Ada"}})
    assert res["text"] == "Dear Ada"
    try:
        cyberdesk_kit.build_workflow_update("nope", {})
    except ValidationError as err:
        assert err.errors()[0]["type"] == "uuid_parsing"
    except KitError:
        raise
    client = Client("sk_test", base_url="http://127.0.0.1:9", timeout=1.0, max_retries=0)
    assert client.max_retries == 0
    spec = cyberdesk_kit.load_spec('{"components": {"schemas": {"Thing": {"type": "object"}}}}')
    assert cyberdesk_kit.validate("Thing", {}, spec=spec) == []
    print("user script ok")


if __name__ == "__main__":
    main()
