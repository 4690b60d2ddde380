#!/usr/bin/env bash
# The Python binding: a virtualenv (bindings/python/.venv) with pinned maturin,
# pytest and mypy from PyPI; the extension built in place in release mode with
# the shared --target (so regorus is compiled once for every build); clippy on
# the binding crate; pytest (its own summary line ends the run; exit 5, "no
# tests ran", fails like any other failure); and mypy.stubtest on the stubs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target="${KUBEGOV_TARGET:-x86_64-unknown-linux-gnu}"
venv=bindings/python/.venv
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q maturin==1.16.0 pytest==9.2.0 mypy==1.20.2
# maturin develop installs into the active virtualenv
export VIRTUAL_ENV="$root/$venv"
export PATH="$VIRTUAL_ENV/bin:$PATH"

cargo clippy --release --target "$target" -p kubegov-python -- -D warnings
(cd bindings/python && maturin develop --release --target "$target")

# stubtest from an empty folder: the source tree must not shadow the installed package
stub_dir=$(mktemp -d)
trap 'rm -rf "$stub_dir"' EXIT
(cd "$stub_dir" && python -m mypy.stubtest kubegov)

cd bindings/python
python -m pytest -q -p no:cacheprovider tests
