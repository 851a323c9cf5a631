#!/usr/bin/env bash
# Prepares bench/.venv-py for bench/python/bench.py. Idempotent:
#   1. the venv (created once, reused);
#   2. the pinned contenders from requirements.txt (pip skips what is there);
#   3. the cyberdesk_kit wheel, built the way python/scripts/test.sh builds it
#      (maturin build --release, abi3, into target/python-wheel/). A wheel
#      already there is reused unless a source it is built from is newer
#      (or CDK_REBUILD=1); then it is (re)installed into the venv.
# Environment: PYTHON (interpreter for the venv, default python3),
# CDK_REBUILD=1 (always rebuild the wheel).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"   # bench/python/
ROOT="$(cd "$HERE/../.." && pwd)"
PY="${PYTHON:-python3}"
VENV="$ROOT/bench/.venv-py"
DIST="$ROOT/target/python-wheel"
PIP=("$VENV/bin/python" -m pip install -q --disable-pip-version-check)

if [ ! -x "$VENV/bin/python" ]; then
    echo "bench/python/setup.sh: creating $VENV"
    "$PY" -m venv "$VENV"
fi
"${PIP[@]}" -r "$HERE/requirements.txt"

shopt -s nullglob
wheels=("$DIST"/cyberdesk_kit-*-cp310-abi3-*.whl)
shopt -u nullglob

stale=0
if [ "${CDK_REBUILD:-0}" = 1 ] || [ "${#wheels[@]}" -ne 1 ]; then
    stale=1
else
    # Anything the wheel is built from, newer than the wheel?
    newer="$(cd "$ROOT" && find Cargo.toml Cargo.lock crates/cyberdesk-kit/Cargo.toml crates/cyberdesk-kit/src \
        crates/cyberdesk-kit/spec bindings/python/Cargo.toml bindings/python/src python/pyproject.toml \
        python/cyberdesk_kit -type f -newer "${wheels[0]}" 2>/dev/null | head -n 1)"
    [ -n "$newer" ] && stale=1 && echo "bench/python/setup.sh: $newer is newer than the wheel"
fi

if [ "$stale" = 1 ]; then
    echo "bench/python/setup.sh: building the wheel (maturin build --release) into $DIST"
    "${PIP[@]}" "maturin>=1.7,<2"
    rm -rf "$DIST"
    (cd "$ROOT/python" && "$VENV/bin/maturin" build --release --interpreter "$VENV/bin/python" --out "$DIST")
    shopt -s nullglob
    wheels=("$DIST"/cyberdesk_kit-*-cp310-abi3-*.whl)
    shopt -u nullglob
    if [ "${#wheels[@]}" -ne 1 ]; then
        echo "expected exactly one cp310-abi3 wheel in $DIST" >&2
        exit 1
    fi
else
    echo "bench/python/setup.sh: reusing $(basename "${wheels[0]}")"
fi
"${PIP[@]}" --force-reinstall --no-deps "${wheels[0]}"
"$VENV/bin/python" -c "import cyberdesk_kit, jsonschema, fastjsonschema, jsonschema_rs, pydantic, rfc3339_validator; print('bench/python/setup.sh: ready, cyberdesk_kit', cyberdesk_kit.__version__)"
