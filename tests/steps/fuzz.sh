#!/usr/bin/env bash
# A short fuzzing run of every target (the long run's figures are in the
# README). FUZZ_SECONDS per target, 20 by default. Needs cargo-fuzz, which
# is installed when missing; RUSTC_BOOTSTRAP lets the stable toolchain take
# the sanitizer flags cargo-fuzz passes (no other toolchain is fetched).
set -euo pipefail
cd "$(dirname "$0")/../../crates/cyberdesk-kit"
seconds=${FUZZ_SECONDS:-20}
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O
declare -A seeds=(
  [parse_prompt]=prompt [resolve_prompt]=prompt [validate]=json [build_requests]=json [parse_response]=json [json_schema]=schema [prompt_history]=history
)
for target in parse_prompt resolve_prompt validate build_requests parse_response json_schema prompt_history; do
  corpus=$(mktemp -d)
  cp fuzz/seeds/"${seeds[$target]}"/* "$corpus"/
  echo "== fuzz $target for ${seconds}s"
  log="$corpus.log"
  rc=0
  cargo fuzz run -O "$target" "$corpus" -- \
    -max_total_time="$seconds" -dict=fuzz/dict/prompt.dict -max_len=8192 -rss_limit_mb=4096 \
    -print_final_stats=1 >"$log" 2>&1 || rc=$?
  grep -E "^(Done|stat::number_of_executed_units|==[0-9]+==|SUMMARY|thread .* panicked)" "$log" || true
  [ "$rc" -eq 0 ] || tail -40 "$log"
  rm -rf "$corpus" "$log"
  if [ "$rc" -ne 0 ]; then
    echo "fuzz target $target failed (exit $rc); see fuzz/artifacts/$target" >&2
    exit 1
  fi
done
echo "fuzz: every target ran clean"
