#!/usr/bin/env bash
# Rust: formatting, clippy, docs, and every test of the workspace (core unit and
# integration tests, the built-in library's Rego tests and samples, golden
# vectors, CLI tests, doc tests). One release profile and target for all.
set -euo pipefail
cd "$(dirname "$0")/.."
T="--target ${KUBEGOV_TARGET:-x86_64-unknown-linux-gnu}"
EXCLUDE="--exclude kubegov-python --exclude kubegov-node --exclude kubegov-wasm"
cargo fmt --all -- --check
cargo clippy --release $T --workspace $EXCLUDE --all-targets -- -D warnings
cargo test --release $T --workspace $EXCLUDE
