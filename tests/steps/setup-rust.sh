#!/usr/bin/env bash
# Rust toolchain pieces the project needs, installed only when missing.
set -euo pipefail
if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo is missing: install Rust with rustup first (https://rustup.rs)" >&2
  exit 1
fi
installed=$(rustup component list --installed 2>/dev/null || true)
for c in clippy rustfmt; do
  grep -q "^$c" <<<"$installed" || rustup component add "$c"
done
rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
