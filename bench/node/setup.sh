#!/usr/bin/env bash
# Prepares bench/node for bench.mjs. Idempotent, each step skipped when done:
#   1. the package under test, npm/dist (built by npm/scripts/build.mjs; if
#      that can't run yet, npm/scripts/test.sh installs what the build needs,
#      builds and tests);
#   2. the contenders and tools pinned in package-lock.json (Ajv,
#      ajv-formats, @cfworker/json-schema, esbuild, workerd), with `npm ci`
#      when node_modules is missing or older than the lock file. The package
#      itself is linked: node_modules/cyberdesk-kit -> ../../npm, so the
#      bench imports it through its exports map.
#
#   bash bench/node/setup.sh            then   node bench/node/bench.mjs [--quick]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"   # bench/node/
ROOT="$(cd "$HERE/../.." && pwd)"

if [ ! -f "$ROOT/npm/dist/node.js" ] || [ ! -f "$ROOT/npm/dist/wasm/cyberdesk_kit_wasm_bg.wasm" ]; then
    echo "bench/node/setup.sh: building npm/dist"
    if ! ( cd "$ROOT/npm" && { [ -f node_modules/.package-lock.json ] || npm ci --no-audit --no-fund; } && npm run build ); then
        bash "$ROOT/npm/scripts/test.sh"
    fi
fi

cd "$HERE"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ ! -e node_modules/cyberdesk-kit ]; then
    echo "bench/node/setup.sh: npm ci"
    npm ci --no-audit --no-fund
fi
