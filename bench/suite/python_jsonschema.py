"""python-jsonschema on the official JSON-Schema-Test-Suite, on exactly the
cases the kit's own suite runs (crates/cyberdesk-kit/tests/json_schema_suite.rs):
folders draft4, draft6, draft7, draft2019-09, draft2020-12; every *.json file
there except refRemote.json; groups whose schema's JSON text names
localhost:1234 skipped (they need documents fetched over HTTP); every test of
the rest. The draft is forced per folder by the validator class (not taken
from $schema). A test passes when `is_valid` equals its `valid`; an exception
(while building the validator or validating) is a miss. Formats are not
asserted (no format_checker, the library's default).

    python bench/suite/python_jsonschema.py SUITE_TESTS_DIR

SUITE_TESTS_DIR is the suite's tests/ folder (default:
target/json-schema-test-suite/tests, fetched by tests/steps/json-schema-suite.sh).
Prints "python-jsonschema <draft>: P of N passed" per draft, then one
"  miss ..." line per miss. Exit status 0 whatever the figures: this measures,
it does not judge. bench/suite/run.sh sets up the venv and runs it.
"""

import json
import sys
from importlib.metadata import version
from pathlib import Path

import jsonschema

PEER = "python-jsonschema"
DRAFTS = [
    ("draft4", jsonschema.Draft4Validator),
    ("draft6", jsonschema.Draft6Validator),
    ("draft7", jsonschema.Draft7Validator),
    ("draft2019-09", jsonschema.Draft201909Validator),
    ("draft2020-12", jsonschema.Draft202012Validator),
]


def main() -> int:
    root = Path(__file__).resolve().parents[2]
    suite = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "target/json-schema-test-suite/tests"
    if not suite.is_dir():
        print(f"no JSON-Schema-Test-Suite at {suite}: run `bash tests/steps/json-schema-suite.sh`", file=sys.stderr)
        return 2
    print(f"{PEER} version {version('jsonschema')}")
    misses = []
    for folder, cls in DRAFTS:
        passed = ran = 0
        for file in sorted((suite / folder).glob("*.json")):
            if file.name == "refRemote.json":
                continue
            for group in json.loads(file.read_text(encoding="utf-8")):
                schema = group["schema"]
                if "localhost:1234" in json.dumps(schema):
                    continue
                validator = None
                build_error = None
                try:
                    validator = cls(schema)
                except Exception as e:  # noqa: BLE001 - any failure is a miss
                    build_error = e
                for test in group["tests"]:
                    ran += 1
                    want = test["valid"]
                    if build_error is not None:
                        got = f"build error {type(build_error).__name__}: {build_error}"
                    else:
                        try:
                            got = validator.is_valid(test["data"])
                        except Exception as e:  # noqa: BLE001 - any failure is a miss
                            got = f"error {type(e).__name__}: {str(e)[:200]}"
                    if got is want:
                        passed += 1
                    else:
                        misses.append(
                            f"{folder}/{file.name}: {group['description']} / {test['description']}: "
                            f"expected {want}, got {got}"
                        )
        print(f"{PEER} {folder}: {passed} of {ran} passed")
    for miss in misses:
        print(f"  miss {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
