"""The official JSON-Schema-Test-Suite through ``validate_instance``: every
required test of draft 4, 6, 7, 2019-09 and 2020-12, except the
remote-document tests (``refRemote.json`` and schemas naming
``localhost:1234``). Any miss fails. The suite is fetched by
``tests/steps/json-schema-suite.sh`` (``python/scripts/test.sh`` runs it
first) or found at ``$JSON_SCHEMA_TEST_SUITE``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import List

import pytest

import cyberdesk_kit as kit

ROOT = Path(__file__).resolve().parents[2]
SUITE = Path(os.environ.get("JSON_SCHEMA_TEST_SUITE", ROOT / "target" / "json-schema-test-suite" / "tests"))
DRAFTS = ["draft4", "draft6", "draft7", "draft2019-09", "draft2020-12"]


@pytest.mark.parametrize("draft", DRAFTS)
def test_every_required_test_of_the_draft(draft: str) -> None:
    assert SUITE.is_dir(), f"the suite is not at {SUITE}: run bash tests/steps/json-schema-suite.sh"
    misses: List[str] = []
    ran = 0
    for file in sorted((SUITE / draft).glob("*.json")):
        if file.name == "refRemote.json":
            continue
        for group in json.loads(file.read_text(encoding="utf-8")):
            if "localhost:1234" in json.dumps(group["schema"]):
                continue
            for t in group["tests"]:
                ran += 1
                try:
                    got: object = kit.validate_instance(group["schema"], t["data"], draft=draft) == []
                except kit.KitError as e:
                    got = f"{e.code}: {e}"
                if got is not t["valid"]:
                    misses.append(f"{file.name}: {group['description']} / {t['description']}: expected {t['valid']}, got {got}")
    print(f"json-schema-test-suite {draft}: {ran - len(misses)} of {ran} passed")
    assert ran > 500
    assert misses == []
