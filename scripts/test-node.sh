#!/usr/bin/env bash
# Node: the `kubegov` npm package (bindings/node). On a fresh machine: npm ci
# (pinned @napi-rs/cli and typescript), fmt and clippy, the release build on
# the shared target (regorus built once for every suite), a check that the
# committed index.js/index.d.ts are what napi generates, then node's test
# runner. Fails if any test fails or if no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."
T="${KUBEGOV_TARGET:-x86_64-unknown-linux-gnu}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

cargo fmt -p kubegov-node -- --check
cargo clippy --release --target "$T" -p kubegov-node -- -D warnings

cd bindings/node
npm ci --no-audit --no-fund --loglevel=error
npx napi build --release --platform --target "$T"

# The generated loader and types are committed: they must be up to date.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  if ! git diff --exit-code -- index.d.ts index.js; then
    echo "bindings/node/index.d.ts or index.js is stale: rebuild with napi and commit it" >&2
    exit 1
  fi
fi

log="$(mktemp)"
status=0
node --test __test__/*.test.js 2>&1 | tee "$log" || status=$?
pass="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1)"
fail="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)"
rm -f "$log"
if [ "$status" -ne 0 ] || [ "${fail:-1}" != "0" ]; then
  echo "node tests failed" >&2
  exit 1
fi
if [ "${pass:-0}" -eq 0 ]; then
  echo "node tests: no test ran" >&2
  exit 1
fi
echo "node: ${pass} passed, 0 failed"
