#!/usr/bin/env bash
# Run `kubegov verify` on every gator suite (suite.yaml) of a local checkout of
# https://github.com/open-policy-agent/gatekeeper-library and print one line per
# suite and the totals. Works offline; nothing is downloaded.
#
#   bash scripts/gatekeeper-library.sh PATH/TO/gatekeeper-library [KUBEGOV]
#
# KUBEGOV (or the KUBEGOV environment variable) is the kubegov binary to run;
# default: `kubegov` on PATH. Failing cases are printed under their suite.
# Exits 1 if any case failed or a suite could not run, 0 otherwise.
set -uo pipefail

lib=${1:?usage: gatekeeper-library.sh PATH/TO/gatekeeper-library [KUBEGOV]}
kubegov=${2:-${KUBEGOV:-kubegov}}
[ -d "$lib" ] || { echo "not a directory: $lib" >&2; exit 2; }
command -v "$kubegov" >/dev/null 2>&1 || [ -x "$kubegov" ] ||
  { echo "kubegov binary not found: $kubegov" >&2; exit 2; }

# The library keeps its suites under library/; a plain directory of suites works too.
root=$lib
[ -d "$lib/library" ] && root=$lib/library

suites=0 broken=0 total_pass=0 total_fail=0 total_skip=0
printf '%-60s %6s %6s %6s\n' suite passed failed skipped
while IFS= read -r suite; do
  suites=$((suites + 1))
  name=${suite#"$root"/}
  name=${name%/suite.yaml}
  out=$("$kubegov" verify "$suite" 2>&1)
  # The last line is the runner's summary: `N passed, N failed[, N skipped]`.
  summary=$(printf '%s\n' "$out" | tail -n 1)
  if [[ $summary =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)?$ ]]; then
    p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]} s=${BASH_REMATCH[4]:-0}
    total_pass=$((total_pass + p)) total_fail=$((total_fail + f)) total_skip=$((total_skip + s))
    printf '%-60s %6d %6d %6d\n' "$name" "$p" "$f" "$s"
    printf '%s\n' "$out" | grep '^FAIL ' | sed 's/^/    /'
  else
    broken=$((broken + 1))
    printf '%-60s %s\n' "$name" "did not run:"
    printf '%s\n' "$out" | sed 's/^/    /'
  fi
done < <(find -L "$root" -name suite.yaml -type f | LC_ALL=C sort)

echo
echo "suites: $suites ($broken did not run)"
echo "cases:  $((total_pass + total_fail + total_skip)) ($total_pass passed, $total_fail failed, $total_skip skipped)"
[ "$suites" -gt 0 ] && [ "$broken" -eq 0 ] && [ "$total_fail" -eq 0 ]
