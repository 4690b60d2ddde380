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

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# measure NAME CMD...: prints "NAME wall_s cpu_s peak_mb" (median wall and
# CPU (user + system), max of peak). CPU time is the steadier figure on a
# shared machine.
measure() {
  local name=$1; shift
  local walls=() cpus=() peaks=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" || true
    read -r w u s m < <(tail -1 "$OUT/time.txt")
    walls+=("$w"); cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')"); peaks+=("$m")
  done
  local wall cpu peak
  wall=$(printf '%s\n' "${walls[@]}" | median)
  cpu=$(printf '%s\n' "${cpus[@]}" | median)
  peak=$(printf '%s\n' "${peaks[@]}" | sort -g | tail -1)
  echo "$name $wall $cpu $((peak / 1024))"
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
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1fx", a/(b?b:1)}'; }
printf '%-16s %10s %10s %10s %14s %14s %14s\n' tool wall_s cpu_s peak_MB "wall/kubegov" "cpu/kubegov" "mem/kubegov"
read -r _ kw kc km <<<"${results[0]}"
for r in "${results[@]}"; do
  read -r n w c m <<<"$r"
  printf '%-16s %10s %10s %10s %14s %14s %14s\n' "$n" "$w" "$c" "$m" "$(ratio "$w" "$kw")" "$(ratio "$c" "$kc")" "$(ratio "$m" "$km")"
done
