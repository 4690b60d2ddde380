"""`kubegov.verify` runs gator suites as `kubegov verify` does (the core's
fixtures in `tests/gatekeeper/`), and maps broken suites onto the exceptions."""

from __future__ import annotations

from pathlib import Path

import pytest

import kubegov

from conftest import ROOT

GK = ROOT / "tests" / "gatekeeper"


def test_a_suite_with_a_skipped_case() -> None:
    r = kubegov.verify(GK / "library-style" / "v1-code")
    assert (r.passed, r.failed, r.skipped) == (3, 0, 1)
    assert r.summary == "3 passed, 0 failed, 1 skipped"
    assert r.ok and len(r) == 4
    assert {c.status for c in r.cases} == {"pass", "skip"}
    for c in r.cases:
        assert c.file.endswith("suite.yaml")
        assert c.name and c.test and c.suite
        assert c.message is None
        assert c.passed == (c.status == "pass")
    d = r.to_dict()
    assert [c["case"] for c in d["cases"]] == [c.name for c in r.cases]


def test_a_failing_case_has_its_reason() -> None:
    r = kubegov.verify(str(GK / "failing" / "suite.yaml"))
    assert r.summary == "1 passed, 1 failed"
    assert not r.ok
    (bad,) = [c for c in r.cases if c.status == "fail"]
    assert bad.name == "expects no violation"
    assert bad.test == "wrong expectation"
    assert bad.suite == "failing"
    assert bad.message is not None
    assert "got 1 violations but want none" in bad.message
    assert "disallowed tag <latest>" in bad.message
    # the line `kubegov verify` prints
    assert str(bad).startswith("FAIL failing › wrong expectation › expects no violation: ")
    assert bad.to_dict()["reason"] == bad.message


def test_several_paths_and_directories() -> None:
    r = kubegov.verify([GK / "failing", str(GK / "library-style" / "v1-code")])
    assert (r.passed, r.failed, r.skipped) == (4, 1, 1)
    every = kubegov.verify(GK / "library-style")
    assert every.failed == 0 and every.passed >= 25
    assert "skipped=" in repr(every)


def test_no_suite_found_is_empty_not_ok(tmp_path: Path) -> None:
    r = kubegov.verify(tmp_path)
    assert len(r) == 0 and not r.ok


def test_broken_suite_yaml_is_a_parse_error(tmp_path: Path) -> None:
    f = tmp_path / "suite.yaml"
    f.write_text("kind: Suite\napiVersion: test.gatekeeper.sh/v1alpha1\ntests: [\n")
    with pytest.raises(kubegov.ParseError) as info:
        kubegov.verify(f)
    e = info.value
    assert isinstance(e, kubegov.KubegovError)
    assert e.code == "gatekeeper.syntax"
    assert e.file == str(f)
    assert e.line >= 3


def test_a_file_that_is_not_a_suite_is_a_load_error(tmp_path: Path) -> None:
    f = tmp_path / "pod.yaml"
    f.write_text("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n")
    with pytest.raises(kubegov.LoadError) as info:
        kubegov.verify(f)
    assert info.value.code == "gatekeeper.suite"
    assert info.value.file == str(f)
    assert "not a gator suite" in str(info.value)


def test_a_missing_suite_is_a_load_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    with pytest.raises(kubegov.LoadError) as info:
        kubegov.verify(missing)
    assert info.value.code == "gatekeeper.io"
    assert info.value.file == str(missing)


def test_a_case_whose_files_are_missing_fails_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "suite.yaml").write_text(
        "kind: Suite\napiVersion: test.gatekeeper.sh/v1alpha1\nmetadata: {name: s}\n"
        "tests:\n- name: t\n  template: nope.yaml\n  constraint: nope-c.yaml\n"
        "  cases:\n  - name: c\n    object: nope-o.yaml\n"
    )
    r = kubegov.verify(tmp_path)
    assert r.failed == 1
    assert r.cases[0].message


def test_arguments_that_are_not_paths() -> None:
    with pytest.raises(kubegov.InputError) as info:
        kubegov.verify(42)  # type: ignore[arg-type]
    assert info.value.code == "input.invalid"
    with pytest.raises(kubegov.InputError):
        kubegov.verify([GK, 1])  # type: ignore[list-item]
