#!/usr/bin/env bash
# Every test of cyberdesk-kit, with all set-up first. Safe to rerun: each
# step installs only what is missing. This is the README's test command and
# what CI runs.
set -uo pipefail
cd "$(dirname "$0")/.."

steps=(
  "rust:tests/steps/rust.sh"
  "npm:npm/scripts/test.sh"
  "runtimes:npm/scripts/test-runtimes.sh"
  "python:python/scripts/test.sh"
  "fuzz:tests/steps/fuzz.sh"
  "bench:tests/steps/bench.sh"
)
passed=0
failed=0
failed_names=()
for step in "${steps[@]}"; do
  name=${step%%:*}
  script=${step#*:}
  echo "::: step $name ($script)"
  start=$SECONDS
  if bash "$script"; then
    passed=$((passed + 1))
    echo "::: step $name passed in $((SECONDS - start)) s"
  else
    failed=$((failed + 1))
    failed_names+=("$name")
    echo "::: step $name FAILED after $((SECONDS - start)) s"
  fi
done
echo
[ "$failed" -eq 0 ] || echo "failed steps: ${failed_names[*]}"
echo "steps: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
