"""`Report.to_sarif`, `to_github` and `to_table` give the CLI's bytes.

The CLI's golden outputs (`bindings/cli/tests/golden/`) are what
`kubegov check --bundle tests/vectors/bundle -f <format>
bindings/cli/tests/golden/input` prints from the repository root (the CLI's
own tests hold it to them), with the tool version replaced by `<version>`.
The same bundle and input checked from Python must give the same bytes. When
a release build of the CLI is at hand, its output is compared directly too.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

import kubegov

from conftest import PRIV, ROOT

GOLDEN = ROOT / "bindings" / "cli" / "tests" / "golden"
BUNDLE = "tests/vectors/bundle"
INPUT = "bindings/cli/tests/golden/input"


def normalise(text: str) -> str:
    v = kubegov.__version__
    return text.replace(f'"version": "{v}"', '"version": "<version>"').replace(
        f'"semanticVersion": "{v}"', '"semanticVersion": "<version>"'
    )


@pytest.fixture
def golden_report(monkeypatch: pytest.MonkeyPatch) -> kubegov.Report:
    # relative paths, as the CLI was given them: the file names in the output
    monkeypatch.chdir(ROOT)
    return kubegov.Bundle.load(BUNDLE).check(INPUT)


def test_to_sarif_is_the_cli_golden_sarif(golden_report: kubegov.Report) -> None:
    expected = (GOLDEN / "report.sarif").read_text()
    assert normalise(golden_report.to_sarif()) == expected


def test_to_github_is_the_cli_golden_output(golden_report: kubegov.Report) -> None:
    assert golden_report.to_github() == (GOLDEN / "report.github.txt").read_text()


def test_to_table_is_the_cli_golden_table(golden_report: kubegov.Report) -> None:
    assert golden_report.to_table() == (GOLDEN / "report.table.txt").read_text()
    assert "\x1b[" in golden_report.to_table(color=True)


def test_to_json_is_the_cli_golden_json(golden_report: kubegov.Report) -> None:
    assert golden_report.to_json() + "\n" == (GOLDEN / "report.json").read_text()


def cli() -> Path | None:
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    for p in (
        target / "x86_64-unknown-linux-gnu" / "release" / "kubegov",
        target / "release" / "kubegov",
    ):
        if p.is_file():
            return p
    return None


@pytest.mark.skipif(cli() is None, reason="no release build of the kubegov CLI")
@pytest.mark.parametrize("fmt", ["sarif", "github", "json"])
def test_the_same_bytes_as_the_cli_binary(golden_report: kubegov.Report, fmt: str) -> None:
    exe = cli()
    assert exe is not None
    out = subprocess.run(
        [str(exe), "check", "--bundle", BUNDLE, "-f", fmt, INPUT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1, out.stderr
    ours = {
        "sarif": golden_report.to_sarif,
        "github": golden_report.to_github,
        "json": lambda: golden_report.to_json() + "\n",
    }[fmt]()
    assert ours == out.stdout


def test_sarif_rules_and_all_rules(vectors_bundle: kubegov.Bundle) -> None:
    report = vectors_bundle.check(PRIV)
    log = json.loads(report.to_sarif())
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["tool"]["driver"]["semanticVersion"] == kubegov.__version__
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    found = sorted({f.policy_id for f in report.findings})
    assert rule_ids == found
    assert [r["ruleId"] for r in run["results"]] == [f.policy_id for f in report.findings]
    every = json.loads(report.to_sarif(all_rules=True))["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in every] == [p.id for p in vectors_bundle.policies]


def test_sarif_uses_the_configured_bundle(vectors_bundle: kubegov.Bundle) -> None:
    # the rules come from the bundle that made the report, configuration included
    quiet = vectors_bundle.configure({"skip": ["privileged-containers"]})
    report = quiet.check(PRIV)
    assert "privileged-containers" not in report.to_sarif()
    assert report.to_sarif().endswith("}\n")


def test_an_empty_report_renders(vectors_bundle: kubegov.Bundle) -> None:
    report = vectors_bundle.check([])
    assert json.loads(report.to_sarif())["runs"][0]["results"] == []
    assert report.to_github().startswith("kubegov: 0 objects")
