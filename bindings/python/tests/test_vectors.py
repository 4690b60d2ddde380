"""The shared golden vectors: `to_json()` must be byte-identical to the core's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kubegov

from conftest import VECTORS

CASES = sorted((VECTORS / "cases").glob("*.input"))


def test_there_are_vectors() -> None:
    assert len(CASES) >= 5


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_vector(vectors_bundle: kubegov.Bundle, case: Path) -> None:
    text = case.read_text(encoding="utf-8")
    expected = case.with_name(case.stem + ".expected.json").read_bytes()
    report = vectors_bundle.check(text)
    assert report.to_json().encode("utf-8") == expected
    # the structured views agree with the JSON
    assert report.to_dict() == json.loads(expected)
    doc = json.loads(expected)
    assert report.summary == doc["summary"]
    assert [f.to_dict() for f in report.findings] == doc["findings"]
    assert [e.to_dict() for e in report.errors] == doc["errors"]
    assert report.bundle_digest == doc["bundle"]["digest"] == vectors_bundle.digest
