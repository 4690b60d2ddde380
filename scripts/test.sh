#!/usr/bin/env bash
# Install whatever the tests need, then run every test suite: Rust (core, CLI,
# Rego policy tests), Python, Node, wasm and the playground in headless Chromium.
# Each suite is scripts/test-<name>.sh; all run even when one fails; the run
# ends with each runner's own summary lines and fails if any suite failed or
# ran no test.
set -uo pipefail
cd "$(dirname "$0")/.."
export KUBEGOV_TARGET="${KUBEGOV_TARGET:-x86_64-unknown-linux-gnu}"
export CARGO_TERM_COLOR=never
logs=target/test-logs
mkdir -p "$logs"
suites=(setup rust python node wasm)
failed=()
for s in "${suites[@]}"; do
  script="scripts/test-$s.sh"
  [ -f "$script" ] || continue
  echo "=== $s ($(date +%T))"
  start=$SECONDS
  if ! bash "$script" 2>&1 | tee "$logs/$s.log"; then
    failed+=("$s")
  fi
  echo "=== $s took $((SECONDS - start))s"
done
echo
echo "=== summary"
for s in "${suites[@]}"; do
  [ -f "$logs/$s.log" ] || continue
  # the runners' own closing lines: cargo test, pytest, node --test
  grep -E '^test result: |^(=+ )?[0-9]+ (passed|failed)|^# (tests|pass|fail) [0-9]+|^[0-9]+ passed, [0-9]+ failed' "$logs/$s.log" | sed "s/^/$s: /" || true
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED suites: ${failed[*]}"
  exit 1
fi
echo "all suites passed"
