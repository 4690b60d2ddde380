"""One Bundle shared by many Python threads: identical reports and the GIL
released while evaluating. The parallel speed-up is a benchmark, not a test
(benches/python_threads.py; the machine is shared and noisy). The small
golden-vector bundle keeps these fast and independent of the growing
built-in library."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import kubegov

from gen_corpus import stream


@pytest.fixture(scope="module")
def corpus() -> str:
    return stream(400, seed=11)


def test_eight_threads_give_identical_reports(vectors_bundle: kubegov.Bundle, corpus: str) -> None:
    expected = vectors_bundle.check(corpus).to_json()
    assert '"findings": [' in expected and expected.count('"policy"') > 50
    barrier = threading.Barrier(8)

    def work(_: int) -> list[str]:
        barrier.wait()
        return [vectors_bundle.check(corpus).to_json() for _ in range(3)]

    with ThreadPoolExecutor(8) as pool:
        results = [j for batch in pool.map(work, range(8)) for j in batch]
    assert len(results) == 24
    assert all(r == expected for r in results)


def test_reports_and_findings_are_shareable(vectors_bundle: kubegov.Bundle, corpus: str) -> None:
    report = vectors_bundle.check(corpus)

    def read(_: int) -> tuple[int, str]:
        fs = report.findings
        return len(fs), "".join(f.policy_id + f.message for f in fs)

    with ThreadPoolExecutor(8) as pool:
        outs = list(pool.map(read, range(32)))
    assert len(set(outs)) == 1 and outs[0][0] == len(report.to_dict()["findings"])


def test_gil_is_released_while_checking(vectors_bundle: kubegov.Bundle) -> None:
    big = stream(3000, seed=5)
    ticks = 0
    done = threading.Event()
    during: list[int] = []

    def check() -> None:
        start = ticks
        vectors_bundle.check(big)
        during.append(ticks - start)
        done.set()

    t = threading.Thread(target=check)
    t.start()
    while not done.is_set():
        ticks += 1
    t.join()
    # With the GIL held for the whole check the counter could not move
    # (beyond a switch interval or two at the edges).
    assert during and during[0] > 1000, f"main thread advanced only {during} times during check"
