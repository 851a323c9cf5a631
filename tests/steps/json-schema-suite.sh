#!/usr/bin/env bash
# Fetches the official JSON-Schema-Test-Suite once (from the
# python-jsonschema sdist on PyPI, whose json/ folder carries it) into
# target/json-schema-test-suite, and prints that path. Nothing of it is
# copied into the repository. Skipped when already there.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=4.26.0
dest="$PWD/target/json-schema-test-suite"
if [ ! -f "$dest/.jsonschema-$version" ]; then
  tmp="$(mktemp -d)"
  python3 -m pip download --quiet --no-deps --no-binary :all: "jsonschema==$version" -d "$tmp" >&2
  tar xzf "$tmp/jsonschema-$version.tar.gz" -C "$tmp"
  rm -rf "$dest"
  mkdir -p "$dest"
  cp -r "$tmp/jsonschema-$version/json/tests" "$tmp/jsonschema-$version/json/remotes" "$dest/"
  touch "$dest/.jsonschema-$version"
  rm -rf "$tmp"
fi
echo "$dest"
