#!/usr/bin/env bash
# The kit's JSON Schema engine and two peers on the same cases of the official
# JSON-Schema-Test-Suite (the selection of
# crates/cyberdesk-kit/tests/json_schema_suite.rs: draft4, draft6, draft7,
# draft2019-09, draft2020-12; every *.json but refRemote.json; groups whose
# schema names localhost:1234 skipped; draft forced per folder).
#   bash bench/suite/run.sh
# Peers:
#   python-jsonschema 4.26.0 (PyPI), venv target/suite-peers-venv,
#     bench/suite/python_jsonschema.py;
#   the Rust `jsonschema` crate (version pinned in
#     bench/suite/rust-jsonschema/Cargo.toml), built into target/suite-peers.
# Prints "<peer> <draft>: P of N passed" per peer and draft, each peer's
# misses ("  miss folder/file: group / test: ..."), then a table.
# Measures, does not judge: exits 0 whatever the figures, non-zero only when
# something could not be set up or run.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"

suite="$(bash tests/steps/json-schema-suite.sh)/tests"

venv="$root/target/suite-peers-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check "jsonschema==4.26.0"

out="$(mktemp)"
trap 'rm -f "$out" "$out.kit"' EXIT

echo "== cyberdesk-kit (cargo test -p cyberdesk-kit --test json_schema_suite)"
set +e
JSON_SCHEMA_TEST_SUITE="$suite" cargo test -q -p cyberdesk-kit --test json_schema_suite -- --nocapture >"$out.kit" 2>&1
kit_status=$?
set -e
# The test prints "json-schema-test-suite <draft>: P of N passed"; shown here
# under the peer name cyberdesk-kit.
{ grep '^json-schema-test-suite ' "$out.kit" || true; } | sed 's/^json-schema-test-suite /cyberdesk-kit /' | tee -a "$out"
if [ "$kit_status" -ne 0 ]; then
  echo "cyberdesk-kit: the suite test failed (status $kit_status); its output:"
  { grep -v '^json-schema-test-suite ' "$out.kit" || true; } | tail -n 60
fi
rm -f "$out.kit"

echo "== python-jsonschema"
"$venv/bin/python" bench/suite/python_jsonschema.py "$suite" | tee -a "$out"

echo "== Rust jsonschema crate"
crate_version="$(awk '/^name = "jsonschema"$/ { getline; gsub(/"/, "", $3); print $3 }' bench/suite/rust-jsonschema/Cargo.lock)"
echo "rust-jsonschema version $crate_version" | tee -a "$out"
CARGO_TARGET_DIR="$root/target/suite-peers" cargo build -q --release --locked \
  --manifest-path bench/suite/rust-jsonschema/Cargo.toml
"$root/target/suite-peers/release/suite-rust-jsonschema" "$suite" | tee -a "$out"

echo
echo "== passed / run, per draft"
awk '
  / version / && !/^ / { ver[$1] = $3 }
  /^[^ ].* of [0-9]+ passed$/ {
    peer = $1; draft = $2; sub(/:$/, "", draft)
    cell[peer, draft] = $3 "/" $5
    if (!(peer in seen)) { seen[peer] = 1; peers[++np] = peer }
    if (!(draft in dseen)) { dseen[draft] = 1; drafts[++nd] = draft }
  }
  END {
    printf "%-14s", "draft"
    for (i = 1; i <= np; i++) {
      h = peers[i]; if (peers[i] in ver) h = h " " ver[peers[i]]
      printf "  %-26s", h
    }
    printf "\n"
    for (j = 1; j <= nd; j++) {
      printf "%-14s", drafts[j]
      for (i = 1; i <= np; i++) printf "  %-26s", ((peers[i], drafts[j]) in cell ? cell[peers[i], drafts[j]] : "-")
      printf "\n"
    }
  }' "$out"
