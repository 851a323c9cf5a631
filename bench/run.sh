#!/usr/bin/env bash
# Every benchmark, side by side, then the table and the targets.
#   bash bench/run.sh          # full run (about half an hour on 2 cores)
#   bash bench/run.sh --quick  # a few iterations each: proves the harness works (CI)
# Does its own set-up (fixtures, Rust toolchain, the npm package, the node
# contenders, a Python venv with the contenders and the wheel). Results:
# bench/results/{rust,python,node}.json and bench/results/report.md.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=""
[ "${1:-}" = "--quick" ] && quick="--quick"

python3 bench/make_fixtures.py
mkdir -p bench/results
rm -f bench/results/*.json

echo "== Rust (criterion)"
bash tests/steps/setup-rust.sh
rm -rf target/criterion
if [ -n "$quick" ]; then
  cargo bench -q -p cyberdesk-kit --bench core -- --quick --warm-up-time 0.05 --measurement-time 0.1 >/dev/null
else
  cargo bench -q -p cyberdesk-kit --bench core -- --warm-up-time 1 --measurement-time 3 >/dev/null
fi
python3 bench/rust_results.py

echo "== JavaScript (Node)"
if [ ! -f npm/dist/node.js ] || [ -n "$(find Cargo.toml crates bindings npm/src npm/scripts -newer npm/dist/node.js -type f | head -n 1)" ]; then
  bash npm/scripts/test.sh >/dev/null
fi
bash bench/node/setup.sh
node bench/node/bench.mjs $quick

echo "== Python"
bash bench/python/setup.sh
bench/.venv-py/bin/python bench/python/bench.py $quick

echo
python3 bench/report.py
