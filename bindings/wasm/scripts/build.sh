#!/usr/bin/env bash
# Build the kubegov-wasm package: the wasm32 module, then wasm-bindgen for
# browsers (ES module, pkg-web/) and Node (pkg-node/), then wasm-opt -Os (npm
# `binaryen`; Debian's wasm-opt 108 produces broken modules), then the
# JavaScript entry points around wasm-bindgen's glue (scripts/wrap.mjs).
#
# Speed against size (10k objects, `node benches/wasm_overhead.mjs`; the
# targets are 3x the one-thread CLI and 1.5 MB gzipped):
#   opt-level z, wasm-opt -Oz: 1,145,813 B gzipped, 3.40x the CLI
#   opt-level 2, wasm-opt -Os: 1,417,127 B gzipped, 2.28-2.6x  <- this
#   opt-level 3, wasm-opt -O3: 1,470,754 B gzipped, 2.35x
#
# The size settings are environment overrides of the release profile: they
# apply to this wasm32 build only (its artifacts live under
# target/wasm32-unknown-unknown, apart from the host builds).
#
# Prints the module's size (raw and gzipped) and the build time; writes them to
# wasm-size.txt in the target directory.
set -euo pipefail
cd "$(dirname "$0")/.."
WASM_DIR="$PWD"
ROOT="$(cd ../.. && pwd)"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

# The CLI must be the exact version of the `wasm-bindgen` crate (Cargo.toml pins it).
WB_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)"
if [ -z "$WB_VERSION" ]; then
  echo "cannot read the pinned wasm-bindgen version from Cargo.toml" >&2
  exit 1
fi

rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
if ! command -v wasm-bindgen >/dev/null 2>&1 ||
  [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WB_VERSION" ]; then
  echo "installing wasm-bindgen-cli $WB_VERSION"
  # Not --locked: one locked dependency of the CLI is missing from the registry.
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# wasm-opt from npm (pinned in package-lock.json).
if [ ! -x node_modules/.bin/wasm-opt ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

start=$SECONDS
(
  cd "$ROOT"
  CARGO_PROFILE_RELEASE_OPT_LEVEL=2 \
    CARGO_PROFILE_RELEASE_LTO=fat \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
    CARGO_PROFILE_RELEASE_PANIC=abort \
    CARGO_PROFILE_RELEASE_STRIP=debuginfo \
    cargo build --release --target wasm32-unknown-unknown -p kubegov-wasm
)
cargo_secs=$((SECONDS - start))

# cargo puts it under CARGO_TARGET_DIR when that is set (relative to the
# workspace root, where cargo ran)
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
case "$TARGET_DIR" in
  /*) ;;
  *) TARGET_DIR="$ROOT/$TARGET_DIR" ;;
esac
WASM="$TARGET_DIR/wasm32-unknown-unknown/release/kubegov_wasm.wasm"
rm -rf pkg-web pkg-node
wasm-bindgen --target web --out-dir pkg-web "$WASM"
wasm-bindgen --target nodejs --out-dir pkg-node "$WASM"

# wasm-opt (the features come from the module's target_features section).
# Both targets usually get the same module: optimise it once then.
node_modules/.bin/wasm-opt -Os pkg-web/kubegov_wasm_bg.wasm -o pkg-web/kubegov_wasm_bg.opt.wasm
if cmp -s pkg-web/kubegov_wasm_bg.wasm pkg-node/kubegov_wasm_bg.wasm; then
  cp pkg-web/kubegov_wasm_bg.opt.wasm pkg-node/kubegov_wasm_bg.wasm
else
  node_modules/.bin/wasm-opt -Oz pkg-node/kubegov_wasm_bg.wasm -o pkg-node/kubegov_wasm_bg.opt.wasm
  mv pkg-node/kubegov_wasm_bg.opt.wasm pkg-node/kubegov_wasm_bg.wasm
fi
mv pkg-web/kubegov_wasm_bg.opt.wasm pkg-web/kubegov_wasm_bg.wasm
# pkg-node is CommonJS inside an ES-module package.
printf '{"type": "commonjs"}\n' >pkg-node/package.json
# The entry points: the glue becomes kubegov_wasm_glue.js (a factory) and
# kubegov_wasm.js the wrapper that turns traps (panics) into errors with code
# `internal` and instantiates the module again (scripts/wrap.mjs, js/runtime.js).
node scripts/wrap.mjs pkg-web web
node scripts/wrap.mjs pkg-node node
total_secs=$((SECONDS - start))

raw=$(stat -c %s pkg-web/kubegov_wasm_bg.wasm)
gz=$(gzip -9 -c pkg-web/kubegov_wasm_bg.wasm | wc -c)
mkdir -p "$TARGET_DIR"
{
  echo "kubegov_wasm_bg.wasm: ${raw} bytes raw, ${gz} bytes gzipped (-9)"
  echo "build: cargo ${cargo_secs}s, total with wasm-bindgen and wasm-opt ${total_secs}s"
} | tee "$TARGET_DIR/wasm-size.txt"
