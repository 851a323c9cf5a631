#!/usr/bin/env bash
# The benchmark harness once, in its quick mode: proves every contender
# still runs and agrees on validity. No figure is asserted (speed targets
# are read from a full `bash bench/run.sh`, not from CI).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash bench/run.sh --quick
