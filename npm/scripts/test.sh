#!/usr/bin/env bash
# Sets up everything the npm package needs on a fresh machine (idempotent:
# each step is skipped when already done), builds the package and runs its
# tests. Called by the repository's top-level test command.
#
#   bash npm/scripts/test.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pkg="$(dirname "$here")"
WASM_BINDGEN_VERSION=0.2.130

echo "== npm/scripts/test.sh: setup"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  # Not --locked: its lock file pins crates (webpki-roots) that some
  # registry mirrors lack.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

cd "$pkg"
# npm ci only when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

echo "== npm/scripts/test.sh: build"
npm run build

echo "== npm/scripts/test.sh: test"
# The official JSON-Schema-Test-Suite, for test/json-schema-suite.test.mjs.
bash "$pkg/../tests/steps/json-schema-suite.sh" >/dev/null
npm test
