"""Every input form `Bundle.check` accepts, with locations and broken documents
(mirrors core/tests/inputs.rs)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import kubegov

from conftest import PRIV, PRIV_DICT, privileged


def test_yaml_text_locates_the_nested_field(vectors_bundle: kubegov.Bundle) -> None:
    r = vectors_bundle.check(PRIV)
    assert privileged(r) == [(None, 13, 7)]
    f = next(f for f in r.findings if f.policy_id == "privileged-containers")
    assert f.path == "spec.containers[1].securityContext.privileged"
    assert f.severity == "critical"
    assert f.action == "deny"
    assert f.status == "violation"
    assert f.title == "Privileged containers"
    assert f.category == "workload"
    assert "bad" in f.message
    assert (f.object.api_version, f.object.kind, f.object.name, f.object.namespace) == (
        "v1",
        "Pod",
        "p",
        None,
    )
    assert str(f.object) == "Pod/p"
    assert isinstance(f.controls, dict)
    assert f.document == 0
    assert r.has_denials


def test_file_path_gives_file_and_line(vectors_bundle: kubegov.Bundle, tmp_path: Path) -> None:
    p = tmp_path / "pod.yaml"
    p.write_text(PRIV)
    for arg in (str(p), p):
        assert privileged(vectors_bundle.check(arg)) == [(str(p), 13, 7)]


def test_json_text_is_located(vectors_bundle: kubegov.Bundle) -> None:
    text = json.dumps(PRIV_DICT, indent=2)
    want = next(i for i, l in enumerate(text.splitlines()) if '"privileged"' in l) + 1
    assert [line for _, line, _ in privileged(vectors_bundle.check(text))] == [want]


def test_bytes_are_text(vectors_bundle: kubegov.Bundle) -> None:
    assert privileged(vectors_bundle.check(PRIV.encode())) == [(None, 13, 7)]


def test_dict_and_list_of_dicts(vectors_bundle: kubegov.Bundle) -> None:
    r = vectors_bundle.check(PRIV_DICT)
    assert privileged(r) == [(None, 0, 0)]
    assert r.summary["objects"] == 1
    other = dict(PRIV_DICT, metadata={"name": "q", "labels": {"team": "a"}})
    r = vectors_bundle.check([PRIV_DICT, other])
    assert r.summary["objects"] == 2
    assert sorted(f.object.name for f in r.findings if f.policy_id == "privileged-containers") == [
        "p",
        "q",
    ]
    assert [f.document for f in r.findings if f.policy_id == "privileged-containers"] == [0, 1]
    # a tuple is a list; a dict and its YAML give the same verdicts
    assert vectors_bundle.check((PRIV_DICT,)).to_json() == vectors_bundle.check([PRIV_DICT]).to_json()
    text_ids = [(f.policy_id, f.message) for f in vectors_bundle.check(PRIV).findings]
    dict_ids = [(f.policy_id, f.message) for f in vectors_bundle.check(PRIV_DICT).findings]
    assert text_ids == dict_ids


def test_python_values_convert_faithfully(vectors_bundle: kubegov.Bundle) -> None:
    obj = dict(
        PRIV_DICT,
        metadata={
            "name": "p",
            "labels": {"team": "a"},
            "annotations": {"n": "1"},
        },
        spec={"containers": [], "replicas": 3, "ratio": 0.5, "on": True, "none": None, "big": 2**63},
    )
    r = vectors_bundle.check(obj)
    assert r.summary["objects"] == 1 and not r.errors


def test_directory_recursive_sorted_hidden_skipped(vectors_bundle: kubegov.Bundle, tmp_path: Path) -> None:
    (tmp_path / "sub" / ".hidden").mkdir(parents=True)
    (tmp_path / "a.yaml").write_text(PRIV)
    (tmp_path / "sub" / "b.yml").write_text(PRIV)
    (tmp_path / "sub" / "c.json").write_text('{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "n"}}')
    (tmp_path / "sub" / ".hidden" / "d.yaml").write_text(PRIV)
    (tmp_path / "notes.txt").write_text("not yaml")
    (tmp_path / "bad.yaml").write_bytes(b"\xff\xfe\x00")
    r = vectors_bundle.check(tmp_path)
    assert r.summary["objects"] == 3
    assert [f for f, _, _ in privileged(r)] == [str(tmp_path / "a.yaml"), str(tmp_path / "sub" / "b.yml")]
    assert [(e.code, e.file) for e in r.errors] == [("input.unreadable", str(tmp_path / "bad.yaml"))]
    assert "not UTF-8" in r.errors[0].message
    assert vectors_bundle.check(str(tmp_path)).to_json() == r.to_json()


def test_list_of_paths_and_texts(vectors_bundle: kubegov.Bundle, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(PRIV)
    r = vectors_bundle.check([tmp_path / "a.yaml", PRIV, PRIV_DICT])
    assert sorted(privileged(r), key=str) == sorted(
        [(str(tmp_path / "a.yaml"), 13, 7), (None, 13, 7), (None, 0, 0)], key=str
    )


def test_malformed_document_among_good_ones(vectors_bundle: kubegov.Bundle, tmp_path: Path) -> None:
    text = f"{PRIV}---\nkind: [unclosed\n---\n{PRIV}"
    p = tmp_path / "s.yaml"
    p.write_text(text)
    r = vectors_bundle.check(p)
    assert [line for _, line, _ in privileged(r)] == [13, 13 + 13 + 2 + 1]
    assert r.summary["objects"] == 2
    assert len(r.errors) == 1
    e = r.errors[0]
    assert (e.code, e.file, e.document) == ("input.syntax", str(p), 1)
    assert e.line == 16 and e.column > 0  # where the parser finds the sequence unclosed
    assert e.policy is None


def test_kubectl_list_dump(vectors_bundle: kubegov.Bundle) -> None:
    dump = {
        "apiVersion": "v1",
        "kind": "List",
        "metadata": {"resourceVersion": ""},
        "items": [
            dict(PRIV_DICT, metadata={"name": "a", "namespace": "x", "labels": {"team": "t"}}),
            {
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "metadata": {"name": "d", "namespace": "x", "labels": {"team": "t"}},
                "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "i:1"}]}}},
            },
        ],
    }
    r = vectors_bundle.check(json.dumps(dump, indent=2))
    assert r.summary["objects"] == 2
    [(_, line, _)] = privileged(r)
    assert line > 10
    # as a value too
    assert vectors_bundle.check(dump).summary["objects"] == 2


def test_admission_review(vectors_bundle: kubegov.Bundle) -> None:
    text = (
        "apiVersion: admission.k8s.io/v1\nkind: AdmissionReview\nrequest:\n  uid: u1\n"
        "  operation: UPDATE\n  userInfo: {username: bob}\n  object:\n    apiVersion: v1\n"
        "    kind: Pod\n    metadata: {name: p}\n    spec: {containers: []}\n  oldObject:\n"
        "    apiVersion: v1\n    kind: Pod\n    metadata: {name: p}\n"
    )
    warn = [f for f in vectors_bundle.check(text).findings if f.action == "warn"]
    assert warn[0].message == "Pod `p` is being updated by `bob`"
    assert warn[0].line == 7


def test_empty_input_is_an_empty_report(vectors_bundle: kubegov.Bundle) -> None:
    for empty in ("", "# nothing\n---\n", [], b""):
        r = vectors_bundle.check(empty)
        assert (r.findings, r.errors, r.summary["objects"]) == ([], [], 0)
        assert not r.has_denials


def test_not_an_object_is_a_report_error(vectors_bundle: kubegov.Bundle) -> None:
    r = vectors_bundle.check([{"kind": "Pod"}, PRIV_DICT])
    assert [e.code for e in r.errors] == ["input.not_an_object"]
    assert r.summary["objects"] == 1


def test_the_examples_like_the_readme(default_bundle: kubegov.Bundle) -> None:
    from conftest import ROOT

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        r = default_bundle.check("examples/manifests")
    finally:
        os.chdir(cwd)
    assert r.summary["objects"] >= 2
    assert r.has_denials
    assert all(f.file and f.file.startswith("examples/manifests/") and f.line > 0 for f in r.findings)
