#!/usr/bin/env python3
"""Parallel speed-up of one shared ``kubegov.Bundle`` across Python threads.

Checks many small inputs (one object each, as an admission hook or an editor
integration does) first in one thread, then with a thread pool; each check
releases the GIL, so the threads evaluate side by side. Prints the median and
best wall time of each mode over ``--runs`` and the speed-up (median of one
run against median of the other; the machine is shared, so both are quoted).

    bindings/python/.venv/bin/python benches/python_threads.py [--checks 800] [--threads 2] [--runs 5] [--default]

The built-in bundle (``--default``) or, by default, the golden vectors' small
bundle; inputs from bindings/python/tests/gen_corpus.py (seeded).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bindings" / "python" / "tests"))

import kubegov  # noqa: E402
from gen_corpus import stream  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--checks", type=int, default=800)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--default", action="store_true", help="the built-in bundle")
    a = ap.parse_args()
    bundle = kubegov.Bundle.default() if a.default else kubegov.Bundle.load(ROOT / "tests" / "vectors" / "bundle")
    inputs = [stream(1, seed=3, start=i) for i in range(a.checks)]
    expected = [bundle.check(t).to_json() for t in inputs]  # also warms up

    def serial() -> float:
        t0 = time.perf_counter()
        out = [bundle.check(t).to_json() for t in inputs]
        dt = time.perf_counter() - t0
        assert out == expected
        return dt

    def threaded(pool: ThreadPoolExecutor) -> float:
        t0 = time.perf_counter()
        out = list(pool.map(lambda t: bundle.check(t).to_json(), inputs))
        dt = time.perf_counter() - t0
        assert out == expected, "threads changed a report"
        return dt

    s, p = [], []
    with ThreadPoolExecutor(a.threads) as pool:
        for _ in range(a.runs):  # interleaved: load changes hit both modes alike
            s.append(serial())
            p.append(threaded(pool))
    ms, mp = statistics.median(s), statistics.median(p)
    print(f"{a.checks} one-object checks, {len(bundle.policies)} policies, {os.cpu_count()} CPUs, {a.runs} runs")
    print(f"1 thread:   median {ms * 1000:.0f} ms, best {min(s) * 1000:.0f} ms")
    print(f"{a.threads} threads: median {mp * 1000:.0f} ms, best {min(p) * 1000:.0f} ms")
    print(f"speed-up: {ms / mp:.2f}x (medians), {min(s) / min(p):.2f}x (best runs); reports identical")


if __name__ == "__main__":
    main()
