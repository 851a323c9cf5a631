"""Python values people pass, converted the way pydantic's JSON mode (the
server's validator) writes them, with pydantic itself as the judge; what has
no single JSON form keeps being refused with ``unsupported_value``."""

from __future__ import annotations

import datetime
import decimal
import enum
import json
import uuid
from typing import Any, Callable

import pytest
from pydantic import TypeAdapter

import cyberdesk_kit as kit
from cyberdesk_kit import _cyberdesk_kit as native

WF = "550e8400-e29b-41d4-a716-446655440000"
UTC = datetime.timezone.utc


class Color(enum.Enum):
    RED = "red"
    TWO = 2
    PAIR = (1, "a")


class Size(str, enum.Enum):
    BIG = "big"


class Level(enum.IntEnum):
    HIGH = 3


class Stamp(datetime.datetime):
    """A datetime subclass (as pendulum's and arrow's are)."""


NATURAL = [
    uuid.UUID("550E8400-E29B-41D4-A716-446655440000"),
    uuid.UUID(int=0),
    uuid.uuid4(),
    datetime.datetime(2024, 5, 2, 10, 0, tzinfo=UTC),
    datetime.datetime(2024, 5, 2, 10, 0, 0, 500000, tzinfo=UTC),
    datetime.datetime(2024, 5, 2, 23, 59, 59, 123, tzinfo=datetime.timezone(datetime.timedelta(hours=2, minutes=30))),
    datetime.datetime(1, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=-5))),
    datetime.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.timezone(datetime.timedelta(hours=-23, minutes=-59))),
    Stamp(2024, 5, 2, 10, 0, tzinfo=UTC),
    datetime.date(2024, 5, 2),
    datetime.date(1, 1, 1),
    Color.RED,
    Color.TWO,
    Color.PAIR,
    Size.BIG,
    Level.HIGH,
    (),
    (1, "a", None),
    ((1, 2), [3, (4,)]),
    {"when": datetime.date(2024, 1, 1), "who": [uuid.UUID(WF)], "tags": ("a", "b")},
]


def pydantic_json(value: Any) -> Any:
    return json.loads(TypeAdapter(Any).dump_json(value))


@pytest.mark.parametrize("value", NATURAL, ids=repr)
def test_written_as_pydantic_json_mode_writes_it(value: Any) -> None:
    assert native._roundtrip(value) == pydantic_json(value)
    req = kit.build_run_create({"workflow_id": WF, "input_values": {"v": value}})
    assert json.loads(req["body"])["input_values"]["v"] == pydantic_json(value)


def test_zoneinfo_offsets_follow_the_date() -> None:
    zoneinfo = pytest.importorskip("zoneinfo")
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    for value in (datetime.datetime(2024, 1, 15, 9, 30, tzinfo=paris), datetime.datetime(2024, 7, 15, 9, 30, tzinfo=paris)):
        assert native._roundtrip(value) == pydantic_json(value)


def test_a_uuid_is_a_workflow_id() -> None:
    req = kit.build_workflow_update(WF, {"name": "x"})
    assert kit.build_run_create({"workflow_id": uuid.UUID(WF)})["body"] == kit.build_run_create({"workflow_id": WF})["body"]
    assert kit.validate("RunCreate", {"workflow_id": uuid.UUID(WF)}) == []
    assert req["path"].endswith(WF)


def code_of(fn: Callable[[], Any]) -> str:
    with pytest.raises(kit.KitError) as info:
        fn()
    return info.value.code


@pytest.mark.parametrize(
    "value, hint",
    [
        (datetime.datetime(2024, 5, 2, 10, 0), "attach a timezone"),
        (datetime.datetime(2024, 5, 2, tzinfo=datetime.timezone(datetime.timedelta(seconds=-18030))), "whole minutes"),
        ({1, 2}, "set"),
        (frozenset({1}), "frozenset"),
        (b"bytes", "bytes"),
        (bytearray(b"x"), "bytearray"),
        (decimal.Decimal("1.50"), "Decimal"),
        (datetime.time(10, 0), "time"),
        (datetime.timedelta(seconds=90), "timedelta"),
    ],
    ids=repr,
)
def test_no_single_json_form_is_still_refused(value: Any, hint: str) -> None:
    assert code_of(lambda: native._roundtrip({"x": [value]})) == "unsupported_value"
    with pytest.raises(kit.UnsupportedValueError) as info:
        kit.build_run_create({"workflow_id": WF, "input_values": {"when": value}})
    message = str(info.value)
    assert hint in message and "run.input_values.when" in message
    assert "2024" not in message and "1.50" not in message


def test_a_refused_value_inside_a_natural_one_says_where() -> None:
    with pytest.raises(kit.UnsupportedValueError) as info:
        kit.build_run_create({"workflow_id": WF, "input_values": {"t": (1, {2})}})
    assert "run.input_values.t[1]" in str(info.value)


def test_a_tuple_that_contains_itself_through_a_list_is_cyclic() -> None:
    inner: list[Any] = []
    t = (inner,)
    inner.append(t)
    assert code_of(lambda: native._roundtrip(t)) == "cyclic_value"
