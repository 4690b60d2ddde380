"""Shared fixtures: the repository's golden-vector bundle and sample objects."""

from __future__ import annotations

from pathlib import Path

import pytest

import kubegov

ROOT = Path(__file__).resolve().parents[3]
VECTORS = ROOT / "tests" / "vectors"

# The pod of the core's input tests: the privileged flag is on line 13, column 7.
PRIV = (
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {team: a}\nspec:\n"
    "  containers:\n  - name: ok\n    image: a:1\n  - name: bad\n    image: b:1\n"
    "    securityContext:\n      privileged: true\n"
)

PRIV_DICT = {
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {"name": "p", "labels": {"team": "a"}},
    "spec": {
        "containers": [
            {"name": "ok", "image": "a:1"},
            {"name": "bad", "image": "b:1", "securityContext": {"privileged": True}},
        ]
    },
}


def policy_header(pid: str, package: str) -> str:
    return (
        "# METADATA\n# title: T\n# description: D.\n# custom:\n"
        f"#   id: {pid}\n#   severity: low\n#   category: demo\n"
        f"package {package}\nimport rego.v1\n"
    )


@pytest.fixture(scope="session")
def vectors_bundle() -> kubegov.Bundle:
    return kubegov.Bundle.load(VECTORS / "bundle")


@pytest.fixture(scope="session")
def default_bundle() -> kubegov.Bundle:
    return kubegov.Bundle.default()


def privileged(report: kubegov.Report) -> list[tuple[str | None, int, int]]:
    return [
        (f.file, f.line, f.column)
        for f in report.findings
        if f.policy_id == "privileged-containers"
    ]
