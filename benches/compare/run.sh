#!/usr/bin/env bash
# Compare kubegov with peers on the same generated corpus: wall time and peak
# memory (median of RUNS runs), and the ratios.
#   bash benches/compare/run.sh [OBJECTS=10000] [FILES=500] [RUNS=3]
# Installs checkov (PyPI) into benches/compare/.venv on first use.
# SKIP_CHECKOV=1 skips checkov (it takes minutes and GBs at 10k objects).
# checkov runs with --skip-download: offline, it would otherwise retry the
# Prisma Cloud API for guidelines and add that wait to its wall time.
set -euo pipefail
cd "$(dirname "$0")/../.."
OBJECTS=${1:-10000}; FILES=${2:-500}; RUNS=${3:-3}
T="--target ${KUBEGOV_TARGET:-x86_64-unknown-linux-gnu}"
BIN=target/${KUBEGOV_TARGET:-x86_64-unknown-linux-gnu}/release
cargo build --release $T -p kubegov-cli -p kubegov-benches >&2
CORPUS=target/corpus-$OBJECTS
rm -rf "$CORPUS"; "$BIN/gen-corpus" "$CORPUS" "$OBJECTS" "$FILES" 42 >&2
OUT=target/compare; mkdir -p "$OUT"

# measure NAME CMD...: prints "NAME wall_s peak_mb" (median wall, max of peak)
measure() {
  local name=$1; shift
  local walls=() peaks=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" || true
    read -r w m < <(tail -1 "$OUT/time.txt")
    walls+=("$w"); peaks+=("$m")
  done
  local wall peak
  wall=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  peak=$(printf '%s\n' "${peaks[@]}" | sort -g | tail -1)
  echo "$name $wall $((peak / 1024))"
}

results=()
results+=("$(measure kubegov "$BIN/kubegov" check "$CORPUS" -f json -o "$OUT/kubegov.json")")
results+=("$(measure kubegov-1thread env RAYON_NUM_THREADS=1 "$BIN/kubegov" check "$CORPUS" -f json -o "$OUT/kubegov1.json")")
results+=("$(RUNS=1 measure naive-regorus "$BIN/naive-baseline" "$CORPUS")")
if [ -z "${SKIP_CHECKOV:-}" ]; then
  if [ ! -x benches/compare/.venv/bin/checkov ]; then
    python3 -m venv benches/compare/.venv >&2
    benches/compare/.venv/bin/pip install -q 'checkov==3.3.*' >&2
  fi
  results+=("$(RUNS=1 measure checkov benches/compare/.venv/bin/checkov -d "$CORPUS" --framework kubernetes -o json --quiet --skip-download)")
fi
echo
echo "corpus: $OBJECTS objects in $FILES files ($(du -sh "$CORPUS" | cut -f1)), runs: $RUNS, $(nproc) cores"
printf '%-16s %10s %10s %14s %14s\n' tool wall_s peak_MB "wall/kubegov" "mem/kubegov"
read -r _ kw km <<<"${results[0]}"
for r in "${results[@]}"; do
  read -r n w m <<<"$r"
  printf '%-16s %10s %10s %14s %14s\n' "$n" "$w" "$m" "$(awk -v a="$w" -v b="$kw" 'BEGIN {printf "%.1fx", a/b}')" "$(awk -v a="$m" -v b="$km" 'BEGIN {printf "%.1fx", a/(b?b:1)}')"
done
