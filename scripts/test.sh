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
# KUBEGOV_SUITES (space-separated) runs a subset, e.g. "setup python".
read -r -a suites <<< "${KUBEGOV_SUITES:-setup rust python node wasm}"
failed_suites=()
for s in "${suites[@]}"; do
  script="scripts/test-$s.sh"
  [ -f "$script" ] || continue
  echo "=== $s ($(date +%T))"
  start=$SECONDS
  if ! bash "$script" 2>&1 | tee "$logs/$s.log"; then
    failed_suites+=("$s")
  fi
  echo "=== $s took $((SECONDS - start))s"
done
echo
echo "=== summary"
passed=0; failed=0
for s in "${suites[@]}"; do
  [ -f "$logs/$s.log" ] || continue
  # the runners' own closing lines: cargo test (crates without tests left
  # out), pytest, node --test
  grep -E '^test result: |^(=+ )?[0-9]+ (passed|failed)|^# (tests|pass|fail) [0-9]+' "$logs/$s.log" \
    | grep -v 'ok\. 0 passed; 0 failed' | sed "s/^/$s: /" || true
  # totals: cargo's per-crate lines, pytest's last line, every node --test run's counts
  read -r p f < <(awk '
    /^test result: / { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed;/) p += $i; if ($(i+1) ~ /^failed;/) f += $i } }
    /^(=+ )?[0-9]+ (passed|failed)/ { py = $0 }
    /^# pass [0-9]+/ { np += $3 } /^# fail [0-9]+/ { nf += $3 }
    END {
      if (py != "") { n = split(py, w, /[ ,]+/); for (i = 1; i < n; i++) { if (w[i+1] == "passed") p += w[i]; if (w[i+1] == "failed") f += w[i] } }
      print p + np + 0, f + nf + 0
    }' "$logs/$s.log")
  passed=$((passed + p)); failed=$((failed + f))
done
if [ ${#failed_suites[@]} -gt 0 ]; then
  echo "FAILED suites: ${failed_suites[*]}"
fi
if [ "$passed" -eq 0 ]; then
  echo "no test ran"
  exit 1
fi
echo "total: $passed passed, $failed failed"
[ ${#failed_suites[@]} -eq 0 ] && [ "$failed" -eq 0 ]
