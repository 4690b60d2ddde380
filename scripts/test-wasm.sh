#!/usr/bin/env bash
# Wasm: the `kubegov-wasm` npm package (bindings/wasm) and the playground.
# On a fresh machine (chromium comes from scripts/test-setup.sh): fmt and
# clippy for wasm32, the package build (wasm32 module, wasm-bindgen for web and
# Node, wasm-opt), npm ci for the package and the playground, the playground
# build, then node's test runner on the package (golden vectors, errors) and
# on the playground in headless Chromium. Fails if any test fails or none ran.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

command -v chromium >/dev/null 2>&1 || bash scripts/test-setup.sh
rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true

cargo fmt -p kubegov-wasm -- --check
CARGO_PROFILE_RELEASE_OPT_LEVEL=z CARGO_PROFILE_RELEASE_LTO=fat CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
  CARGO_PROFILE_RELEASE_PANIC=abort CARGO_PROFILE_RELEASE_STRIP=debuginfo \
  cargo clippy --release --target wasm32-unknown-unknown -p kubegov-wasm -- -D warnings

(cd bindings/wasm && npm ci --no-audit --no-fund --loglevel=error)
bash bindings/wasm/scripts/build.sh
(cd bindings/wasm/playground && npm ci --no-audit --no-fund --loglevel=error && node build.mjs)

status=0
log="$(mktemp)"
(
  cd bindings/wasm
  echo "--- package tests (Node)"
  node --test test/*.test.mjs
  echo "--- playground tests (headless Chromium)"
  cd playground
  node --test test/*.test.mjs
) 2>&1 | tee "$log" || status=$?
pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
runs=$(grep -c '^# pass ' "$log" || true)
rm -f "$log"
if [ "$status" -ne 0 ] || [ "$fail" != "0" ] || [ "$runs" != "2" ]; then
  echo "wasm tests failed" >&2
  exit 1
fi
if [ "$pass" -eq 0 ]; then
  echo "wasm tests: no test ran" >&2
  exit 1
fi
echo "wasm: ${pass} passed, 0 failed"
