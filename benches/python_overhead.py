#!/usr/bin/env python3
"""Python binding overhead versus the Rust CLI on the same corpus.

Times ``kubegov.Bundle.default().check(DIR).to_json()`` in a fresh Python
process against ``kubegov check DIR -f json`` (both: process start, built-in
bundle, reading and evaluating every file, the JSON report), checks that the
two reports are byte-identical, and prints the ratio (target: under 1.5x).

    bindings/python/.venv/bin/python benches/python_overhead.py [--objects 10000] [--files 500] [--runs 5]

Run it with a Python that has ``kubegov`` installed (``bash
scripts/test-python.sh`` makes bindings/python/.venv). The corpus comes from
the benches' ``gen-corpus`` (seed 42, the corpus of benches/README.md), or
from bindings/python/tests/gen_corpus.py with ``--python-corpus``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = os.environ.get("KUBEGOV_TARGET", "x86_64-unknown-linux-gnu")
BIN = ROOT / "target" / TARGET / "release"

CHILD = r"""
import sys, time
t0 = time.perf_counter()
import kubegov
t1 = time.perf_counter()
bundle = kubegov.Bundle.default()
t2 = time.perf_counter()
report = bundle.check(sys.argv[1])
t3 = time.perf_counter()
text = report.to_json()
t4 = time.perf_counter()
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(text + "\n")
print(f"{t1 - t0:.4f} {t2 - t1:.4f} {t3 - t2:.4f} {t4 - t3:.4f}")
"""


def wall(cmd: list[str], ok: tuple[int, ...] = (0, 1)) -> tuple[float, str]:
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - t0
    if p.returncode not in ok:
        sys.exit(f"{cmd[0]} failed ({p.returncode}): {p.stderr.strip()}")
    return elapsed, p.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--objects", type=int, default=10_000)
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-build", action="store_true", help="use the binaries already in target/")
    ap.add_argument("--python-corpus", action="store_true", help="generate the corpus with gen_corpus.py")
    a = ap.parse_args()

    if not a.no_build:
        subprocess.run(
            ["cargo", "build", "--release", "--target", TARGET, "-p", "kubegov-cli", "-p", "kubegov-benches"],
            cwd=ROOT,
            check=True,
        )
    out = ROOT / "target" / "python-overhead"
    out.mkdir(parents=True, exist_ok=True)
    kind = "py" if a.python_corpus else "rs"
    corpus = out / f"corpus-{kind}-{a.objects}-{a.files}"
    if not corpus.exists():
        if a.python_corpus:
            sys.path.insert(0, str(ROOT / "bindings" / "python" / "tests"))
            from gen_corpus import generate

            generate(corpus, a.files, max(1, a.objects // a.files))
        else:
            subprocess.run(
                [str(BIN / "gen-corpus"), str(corpus), str(a.objects), str(a.files), "42"], check=True
            )
    cli_json, py_json = out / "cli.json", out / "python.json"
    cli_cmd = [str(BIN / "kubegov"), "check", str(corpus), "-f", "json", "-o", str(cli_json)]
    py_cmd = [sys.executable, "-c", CHILD, str(corpus), str(py_json)]

    # warm the page cache and both binaries once, then alternate runs
    wall(cli_cmd)
    wall(py_cmd, ok=(0,))
    cli, py, phases = [], [], []
    for _ in range(a.runs):
        cli.append(wall(cli_cmd)[0])
        t, stdout = wall(py_cmd, ok=(0,))
        py.append(t)
        phases.append([float(x) for x in stdout.split()])

    identical = cli_json.read_bytes() == py_json.read_bytes()
    c, p = statistics.median(cli), statistics.median(py)
    imp, bnd, chk, js = (statistics.median(x[i] for x in phases) for i in range(4))
    print(f"corpus: {a.objects} objects in {a.files} files ({corpus.relative_to(ROOT)}), {a.runs} runs, {os.cpu_count()} CPUs")
    print(f"rust cli    kubegov check -f json : median {c:.3f} s  (min {min(cli):.3f})")
    print(f"python      Bundle.default().check: median {p:.3f} s  (min {min(py):.3f})")
    print(f"  python phases (median): import {imp:.3f} s, Bundle.default() {bnd:.3f} s, check {chk:.3f} s, to_json {js:.3f} s")
    print(f"reports byte-identical: {identical}")
    print(f"ratio python/rust: median {p / c:.2f}x, best runs {min(py) / min(cli):.2f}x (target < 1.5x)")
    print("  (on a shared machine the best runs are the least disturbed: compare those)")
    if not identical:
        sys.exit("the Python and CLI reports differ")


if __name__ == "__main__":
    main()
