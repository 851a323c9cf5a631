#!/usr/bin/env bash
# Real-runtime and packaging tests for the npm package (issue 3).
#
# Builds and packs cyberdesk-kit, then runs the one smoke script
# (test/runtimes/smoke.mjs) in every runtime users run it in, and compares
# each result with test/runtimes/expected.json:
#
#   node-esm, node-cjs   Node (import, require), no init call
#   deno, bun            Deno and Bun from npm, no init call
#   workerd              a Worker served by workerd on 127.0.0.1, queried with fetch
#   edge-runtime         Vercel's EdgeRuntime VM, code generation off
#   browser              a Vite build opened in headless Chromium
#   browser-esbuild,     the same page built with esbuild, Rollup, webpack 5,
#   browser-rollup,        each following the npm README's recipe
#   browser-webpack
#   builder-page         examples/builder (the workflow builder page) built with
#                          esbuild, typed into in headless Chromium; its
#                          screenshot lands in the work directory (and in
#                          $BUILDER_SCREENSHOT when set, e.g. docs/builder.png)
#   next-turbopack,      a Next.js App Router app (client page, Node route,
#   next-webpack           Edge route; no next.config) built with `next build`
#                          (Turbopack) / `next build --webpack`, served by
#                          `next start`, page opened in headless Chromium
#   pack-*               `npm pack` tarball installed into an empty project
#
# The runtimes see the package exactly as packed: the tarball is unpacked
# into test/runtimes/node_modules/cyberdesk-kit.
#
# Set-up is idempotent and done here: Debian's chromium (only if
# /usr/bin/chromium is missing), the runtimes' npm packages (npm ci from
# test/runtimes/package-lock.json), the package's own dev dependencies and
# build. The Next.js app is copied outside the repository (NEXT_APP_DIR,
# default ~/.cache/cyberdesk-kit/next-app: one project, one lockfile, as a
# user's app), where its node_modules stay between runs.
#
# Usage: npm/scripts/test-runtimes.sh [--skip-build] [--keep] [--only a,b,...]
#   --skip-build   pack what npm/dist holds now instead of running `npm run build`
#   --keep         keep the temporary work directory (its path is printed)
#   --only LIST    run only these checks (names as above, e.g. node-esm,workerd)
#   --tgz FILE     test this packed tarball (no build, no pack)
# The same through the environment: SKIP_BUILD=1, KEEP_WORK=1, ONLY=a,b,
# PACKAGE_TGZ=FILE.
set -euo pipefail

NPM_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RT="$NPM_DIR/test/runtimes"
PK="$NPM_DIR/test/packaging"
SKIP_BUILD="${SKIP_BUILD:-0}"
KEEP_WORK="${KEEP_WORK:-0}"
ONLY="${ONLY:-}"
PACKAGE_TGZ="${PACKAGE_TGZ:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) SKIP_BUILD=1 ;;
    --keep) KEEP_WORK=1 ;;
    --only) ONLY="$2"; shift ;;
    --only=*) ONLY="${1#--only=}" ;;
    --tgz) PACKAGE_TGZ="$(realpath "$2")"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cyberdesk-runtimes.XXXXXX")"
RUNNING_PGID=""
cleanup() {
  # Whatever a check left running: its whole process group (see run_check).
  if [ -n "$RUNNING_PGID" ]; then kill -KILL -- "-$RUNNING_PGID" 2>/dev/null || true; fi
  if [ "$KEEP_WORK" = 1 ]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export DO_NOT_TRACK=1 DENO_NO_UPDATE_CHECK=1 NO_COLOR=1 npm_config_update_notifier=false
now_ms() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1fs", ms / 1000 }'; }
T_START="$(now_ms)"

# ---------------------------------------------------------------- set-up
section() { printf '\n=== %s\n' "$1"; }
# A set-up step that fails still ends with the count line.
setup_failed() {
  echo "FAIL set-up: $1"
  echo
  echo "0 passed, 1 failed"
  exit 1
}

section "set-up"
if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  { $SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium; } ||
    setup_failed "apt-get install chromium"
fi
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"

# npm ci only when the lockfile changed since the last install.
npm_ci_once() {
  local dir="$1" stamp="$1/node_modules/.cyberdesk-ci-stamp" sum
  sum="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    echo "npm ci in ${dir#"$NPM_DIR"/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || setup_failed "npm ci in $dir"
    echo "$sum" > "$stamp"
  else
    echo "${dir#"$NPM_DIR"/}: dependencies up to date"
  fi
}
npm_ci_once "$RT"
echo "node $(node --version); deno $("$RT/node_modules/.bin/deno" --version | head -1 | cut -d' ' -f2); bun $("$RT/node_modules/.bin/bun" --version); workerd $("$RT/node_modules/.bin/workerd" --version | cut -d' ' -f2)"

if [ -n "$PACKAGE_TGZ" ]; then
  TGZ="$WORK/$(basename "$PACKAGE_TGZ")"
  cp "$PACKAGE_TGZ" "$TGZ"
  echo "testing the given tarball $PACKAGE_TGZ (no build, no pack)"
else
  if [ "$SKIP_BUILD" = 1 ]; then
    echo "build skipped: packing npm/dist as it is"
  else
    # The build needs the wasm32 target and the wasm-bindgen CLI of the
    # exact version Cargo.lock pins for the library.
    WBG="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$NPM_DIR/../Cargo.lock")"
    if [ -n "$WBG" ] && [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WBG" ]; then
      echo "installing wasm-bindgen-cli $WBG (cargo install, a few minutes, once)"
      cargo install wasm-bindgen-cli --version "$WBG" --quiet || setup_failed "cargo install wasm-bindgen-cli"
    fi
    npm_ci_once "$NPM_DIR"
    T0="$(now_ms)"
    (cd "$NPM_DIR" && npm run build --silent) || setup_failed "npm run build"
    echo "build: $(secs $(( $(now_ms) - T0 )))"
  fi
  T0="$(now_ms)"
  TGZ_NAME="$(cd "$NPM_DIR" && npm pack --pack-destination "$WORK" --json --loglevel=error |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0].filename))')" ||
    setup_failed "npm pack"
  TGZ="$WORK/$TGZ_NAME"
  echo "packed in $(secs $(( $(now_ms) - T0 )))"
fi
echo "tarball $(basename "$TGZ"): $(du -k "$TGZ" | cut -f1) KiB, $(tar -tzf "$TGZ" | wc -l) files"

# The runtimes resolve "cyberdesk-kit" from their node_modules: unpack the
# tarball there, so they load exactly the packed files.
PKG="$RT/node_modules/cyberdesk-kit"
rm -rf "$PKG" && mkdir -p "$PKG"
tar -xzf "$TGZ" -C "$PKG" --strip-components=1 || setup_failed "unpacking $TGZ"

# Does the package promise `require`? (a "require" condition or a main)
CJS_DECLARED="$(node -e '
  const p = require(process.argv[1]);
  const has = (v) => v && typeof v === "object" && ("require" in v || Object.values(v).some(has));
  console.log(has(p.exports) || (!p.exports && !!p.main) ? 1 : 0)' "$PKG/package.json")"

# ---------------------------------------------------------------- checks
PASSED=0; FAILED=0; SKIPPED=0
SUMMARY=()
wanted() {
  [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]] ||
    { [ "$1" = pack-install ] && [[ ",$ONLY," == *",pack-"* ]]; } # the other pack-* need it
}

record() { # NAME STATUS MS [NOTE]
  SUMMARY+=("$(printf '%-14s %-5s %7s  %s' "$1" "$2" "$(secs "$3")" "${4:-}")")
  case "$2" in PASS) PASSED=$((PASSED + 1)) ;; FAIL) FAILED=$((FAILED + 1)) ;; SKIP) SKIPPED=$((SKIPPED + 1)) ;; esac
  echo "$2 $1 ($(secs "$3"))${4:+: $4}"
}

# run_check NAME TIMEOUT_S DIR [--may-fail-as-skip REASON] -- CMD...
# Runs CMD in DIR under `timeout` (its own process group, killed whole when
# it ends), then compares its SMOKE_RESULT with expected.json.
run_check() {
  local name="$1" limit="$2" dir="$3"; shift 3
  local skip_reason=""
  if [ "$1" = "--may-fail-as-skip" ]; then skip_reason="$2"; shift 2; fi
  [ "$1" = "--" ] && shift
  wanted "$name" || return 0
  section "$name"
  local log="$WORK/$name.log" rc=0 t0 ms
  t0="$(now_ms)"
  (cd "$dir" && exec timeout -k 5 "$limit" "$@") > "$log" 2>&1 < /dev/null &
  RUNNING_PGID=$!
  wait "$RUNNING_PGID" || rc=$?
  kill -KILL -- "-$RUNNING_PGID" 2>/dev/null || true
  RUNNING_PGID=""
  ms=$(( $(now_ms) - t0 ))
  [ "$rc" = 124 ] && echo "timed out after ${limit}s" >> "$log"
  local diffs="$WORK/$name.diff" ok=1
  if [ "$rc" != 0 ]; then ok=0; fi
  node "$RT/check.mjs" "$log" > "$diffs" 2>&1 || ok=0
  if [ "$ok" = 1 ]; then
    grep '^SMOKE_RUNTIME ' "$log" | sed 's/^SMOKE_RUNTIME /  ran in: /' || true
    record "$name" PASS "$ms"
  elif [ -n "$skip_reason" ]; then
    grep -v '^SMOKE_RESULT ' "$log" | tail -n 20 | sed 's/^/  | /'
    record "$name" SKIP "$ms" "$skip_reason"
  else
    grep -v '^SMOKE_RESULT ' "$log" | tail -n 60 | sed 's/^/  | /'
    [ "$rc" != 0 ] && echo "  exit status $rc"
    cat "$diffs"
    record "$name" FAIL "$ms"
  fi
}

# run_plain NAME TIMEOUT_S DIR -- CMD...: passes when CMD exits 0.
run_plain() {
  local name="$1" limit="$2" dir="$3"; shift 3
  [ "$1" = "--" ] && shift
  wanted "$name" || return 0
  section "$name"
  local log="$WORK/$name.log" rc=0 t0 ms
  t0="$(now_ms)"
  (cd "$dir" && exec timeout -k 5 "$limit" "$@") > "$log" 2>&1 < /dev/null &
  RUNNING_PGID=$!
  wait "$RUNNING_PGID" || rc=$?
  kill -KILL -- "-$RUNNING_PGID" 2>/dev/null || true
  RUNNING_PGID=""
  ms=$(( $(now_ms) - t0 ))
  tail -n 40 "$log" | sed 's/^/  | /'
  if [ "$rc" = 0 ]; then record "$name" PASS "$ms"; else echo "  exit status $rc"; record "$name" FAIL "$ms"; fi
}

BIN="$RT/node_modules/.bin"
CJS_ARGS=(--)
[ "$CJS_DECLARED" = 1 ] || CJS_ARGS=(--may-fail-as-skip "the package declares no CommonJS entry" --)

run_check node-esm 60 "$RT" -- node run-smoke.mjs
run_check node-cjs 60 "$RT" "${CJS_ARGS[@]}" node run-smoke.cjs
# No permission flags: `deno run main.js` is what a user types.
run_check deno 90 "$RT" -- env DENO_DIR="$WORK/deno-dir" "$BIN/deno" run --no-prompt --no-remote run-smoke.mjs
run_check bun 90 "$RT" -- "$BIN/bun" --no-install run-smoke.mjs
run_check workerd 120 "$RT" -- node workerd/run.mjs "$WORK"
run_check edge-runtime 120 "$RT" -- node edge/run.mjs "$WORK"
run_check browser 240 "$RT" -- node browser/run.mjs "$WORK"
run_check browser-esbuild 240 "$RT" -- node bundlers/run.mjs esbuild "$WORK"
run_check browser-rollup 240 "$RT" -- node bundlers/run.mjs rollup "$WORK"
run_check browser-webpack 240 "$RT" -- node bundlers/run.mjs webpack "$WORK"
run_plain builder-page 240 "$RT" -- node builder/run.mjs "$WORK"

# Next.js: the app's sources are copied fresh each run; its node_modules are
# kept (npm ci only when its lockfile changes), the package unpacked into it.
NEXT_APP="${NEXT_APP_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cyberdesk-kit/next-app}"
if wanted next-turbopack || wanted next-webpack; then
  section "next.js app set-up"
  mkdir -p "$NEXT_APP"
  rm -rf "$NEXT_APP/app" "$NEXT_APP/lib" "$NEXT_APP/.next"
  cp -R "$RT/next/app" "$RT/next/package.json" "$RT/next/package-lock.json" "$RT/next/tsconfig.json" "$NEXT_APP/"
  npm_ci_once "$NEXT_APP"
  rm -rf "$NEXT_APP/node_modules/cyberdesk-kit" && mkdir -p "$NEXT_APP/node_modules/cyberdesk-kit"
  tar -xzf "$TGZ" -C "$NEXT_APP/node_modules/cyberdesk-kit" --strip-components=1 || setup_failed "unpacking $TGZ for Next.js"
  echo "app in $NEXT_APP: next $(node -p 'require(process.argv[1]).version' "$NEXT_APP/node_modules/next/package.json")"
fi
run_plain next-turbopack 600 "$RT" -- node next/run.mjs turbopack "$NEXT_APP"
run_plain next-webpack 600 "$RT" -- node next/run.mjs webpack "$NEXT_APP"

# The packed tarball in a fresh, empty project: what `npm install` gives a user.
CONSUMER="$WORK/consumer"
mkdir -p "$CONSUMER"
printf '{ "name": "consumer", "version": "0.0.0", "private": true }\n' > "$CONSUMER/package.json"
cp "$RT/smoke.mjs" "$RT/run-smoke.mjs" "$RT/run-smoke.cjs" "$CONSUMER/"
# shellcheck disable=SC2016 # $1 and $2 belong to the inner sh
run_plain pack-install 180 "$CONSUMER" -- sh -c \
  'npm install --no-audit --no-fund --loglevel=error "$1" && npm ls --all && node "$2" node_modules/cyberdesk-kit' \
  sh "$TGZ" "$PK/check-exports.mjs"
run_check pack-esm 60 "$CONSUMER" -- node run-smoke.mjs
run_check pack-cjs 60 "$CONSUMER" "${CJS_ARGS[@]}" node run-smoke.cjs

# ---------------------------------------------------------------- summary
if [ $((PASSED + FAILED + SKIPPED)) = 0 ]; then
  echo "no check is named in --only '$ONLY'" >&2
  exit 2
fi
section "summary (total $(secs $(( $(now_ms) - T_START ))))"
printf '%s\n' "${SUMMARY[@]}"
echo
if [ "$SKIPPED" -gt 0 ]; then
  echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
else
  echo "$PASSED passed, $FAILED failed"
fi
[ "$FAILED" = 0 ]
