#!/usr/bin/env bash
# The Rust core: format, lints (native and wasm32), unit tests, shared
# vectors, limits, secrets, doc tests, and the demo.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tests/steps/setup-rust.sh
cargo fmt --all -- --check
cargo clippy -p cyberdesk-kit --all-targets -- -D warnings
cargo clippy -p cyberdesk-kit --target wasm32-unknown-unknown -- -D warnings
# The official JSON-Schema-Test-Suite, for tests/json_schema_suite.rs.
bash tests/steps/json-schema-suite.sh >/dev/null
cargo test -p cyberdesk-kit
RUSTDOCFLAGS="-D warnings" cargo doc -q -p cyberdesk-kit --no-deps
cargo run -q -p cyberdesk-kit --example demo >/dev/null
