#!/usr/bin/env bash
# Build the package and the playground, then serve it on http://127.0.0.1:8080
# (PORT=... to change). Ctrl-C stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
cd playground
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
node build.mjs
exec node serve.mjs "${PORT:-8080}"
