#!/usr/bin/env bash
# The demo: a pinned-prompt run for a sample workflow, its preflight report
# and the exact request. Sets up what it needs on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/steps/setup-rust.sh >/dev/null
cargo run -q -p cyberdesk-kit --example demo
