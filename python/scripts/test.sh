#!/usr/bin/env bash
# The whole Python suite, from a fresh machine with Rust and Python >= 3.10:
#   0. clippy (-D warnings) and rustfmt on the binding crate;
#   1. a venv in python/.venv with maturin, pytest, mypy, pyright and
#      pydantic (the judge of how values are written) (reused when present);
#   2. the release abi3 wheel, built once with maturin, installed into that venv;
#   3. pytest (vectors, hostile inputs, secrets, client, typing/stubtest);
#   4. mypy --strict on the package and on the example user script;
#   5. the same wheel installed into a brand-new venv (no index, no deps)
#      that runs scripts/smoke.py.
# Idempotent: run it again and it reuses the venv and cargo's build cache.
# Environment: PYTHON (interpreter for the venvs, default python3).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"   # python/
ROOT="$(cd "$HERE/.." && pwd)"
PY="${PYTHON:-python3}"
VENV="$HERE/.venv"
DIST="$ROOT/target/python-wheel"
cd "$HERE"

step() { printf '\n== %s\n' "$*"; }

step "binding lints (clippy, rustfmt)"
(cd "$ROOT" && cargo clippy -q -p cyberdesk-kit-python -- -D warnings && cargo fmt -p cyberdesk-kit-python -- --check)

step "venv ($VENV)"
if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check "maturin>=1.7,<2" pytest mypy "pydantic>=2,<3" "pyright==1.1.414"

step "wheel (maturin build --release)"
rm -rf "$DIST"
"$VENV/bin/maturin" build --release --interpreter "$VENV/bin/python" --out "$DIST"
shopt -s nullglob
wheels=("$DIST"/cyberdesk_kit-*-cp310-abi3-*.whl)
shopt -u nullglob
if [ "${#wheels[@]}" -ne 1 ]; then
    echo "expected exactly one cp310-abi3 wheel in $DIST, found: $(ls "$DIST")" >&2
    exit 1
fi
WHEEL="${wheels[0]}"
echo "built $(basename "$WHEEL")"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$WHEEL"

step "pytest"
# The official JSON-Schema-Test-Suite, for test_json_schema_suite.py.
bash "$ROOT/tests/steps/json-schema-suite.sh" >/dev/null
# The pytest script (not `python -m pytest`) keeps python/ off sys.path, so
# the suite imports the installed wheel, which CDK_EXPECT_INSTALLED checks.
CDK_EXPECT_INSTALLED=1 "$VENV/bin/pytest" -p no:cacheprovider

step "mypy --strict"
(
    cd "$HERE/tests/typing"
    "$VENV/bin/python" -m mypy --strict --no-incremental -p cyberdesk_kit
    "$VENV/bin/python" -m mypy --strict --no-incremental user_script.py
)

step "fresh venv + wheel smoke test"
SMOKE="$(mktemp -d)"
trap 'rm -rf "$SMOKE"' EXIT
"$PY" -m venv "$SMOKE/venv"
"$SMOKE/venv/bin/python" -m pip install -q --disable-pip-version-check --no-index --no-deps "$WHEEL"
cp "$HERE/scripts/smoke.py" "$SMOKE/smoke.py"
(cd "$SMOKE" && ./venv/bin/python smoke.py)

step "python: all passed"
