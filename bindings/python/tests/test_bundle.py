"""Bundles: built-in, loaded, from sources (with data), configured; metadata;
digests; Rego unit tests."""

from __future__ import annotations

import json
from pathlib import Path

import kubegov

from conftest import PRIV, PRIV_DICT, VECTORS, policy_header


def test_default_bundle_policies(default_bundle: kubegov.Bundle) -> None:
    policies = default_bundle.policies
    assert len(policies) >= 5
    ids = [p.id for p in policies]
    assert ids == sorted(ids)
    p = default_bundle.policy("privileged-containers")
    assert p is not None
    assert (p.id, p.severity, p.category) == ("privileged-containers", "critical", "workload")
    assert p.title and p.description and p.package.startswith("kubegov.")
    assert p.file.endswith(".rego")
    assert isinstance(p.controls, dict)
    assert p.applies_to("", "Pod") and p.applies_to("apps", "Deployment")
    assert not p.applies_to("", "ConfigMap")
    d = p.to_dict()
    assert d["id"] == "privileged-containers" and d["severity"] == "critical"
    assert default_bundle.policy("no-such-policy") is None
    assert len(default_bundle.digest) == 64
    # the built-in bundle is compiled once and shared
    assert kubegov.Bundle.default().digest == default_bundle.digest


def test_from_sources_with_data() -> None:
    src = policy_header("allowed-team", "demo.allowed_team") + (
        "violation contains {\"msg\": sprintf(\"team `%s` is not allowed\", [t]), \"path\": \"metadata.labels.team\"} if {\n"
        "  t := input.review.object.metadata.labels.team\n"
        "  not t in data.teams\n"
        "}\n"
    )
    b = kubegov.Bundle.from_sources({"demo/team.rego": src}, data={"teams": ["b"]})
    r = b.check(PRIV)
    [f] = r.findings
    assert (f.policy_id, f.message, f.line) == ("allowed-team", "team `a` is not allowed", 5)
    b2 = kubegov.Bundle.from_sources({"demo/team.rego": src}, data={"teams": ["a", "b"]})
    assert b2.check(PRIV).findings == []
    assert b.digest != b2.digest
    # pairs work too, and the same sources give the same digest
    b3 = kubegov.Bundle.from_sources([("demo/team.rego", src), ("data.json", json.dumps({"teams": ["b"]}, separators=(",", ":")))])
    assert b3.digest == b.digest


def test_load_directory_same_as_sources(vectors_bundle: kubegov.Bundle) -> None:
    root = VECTORS / "bundle"
    sources = {
        str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()
    }
    assert kubegov.Bundle.from_sources(sources).digest == vectors_bundle.digest


def test_config_changes_actions_and_selection(default_bundle: kubegov.Bundle, tmp_path: Path) -> None:
    base = default_bundle.check(PRIV_DICT)
    assert any(f.policy_id == "image-tag-latest" or f.policy_id == "privileged-containers" for f in base.findings)
    cfg = {"policies": {"privileged-containers": {"enforcementAction": "warn"}}}
    warned = default_bundle.configure(cfg).check(PRIV_DICT)
    assert {f.action for f in warned.findings if f.policy_id == "privileged-containers"} == {"warn"}
    # the same configuration as YAML text, as a file, and through load/default
    yaml_text = "policies:\n  privileged-containers:\n    enforcementAction: warn\n"
    path = tmp_path / "kubegov.yaml"
    path.write_text(yaml_text)
    for c in (yaml_text, path, str(path)):
        assert default_bundle.configure(c).check(PRIV_DICT).to_json() == warned.to_json()
    assert kubegov.Bundle.default(config=path).check(PRIV_DICT).to_json() == warned.to_json()
    skipped = kubegov.Bundle.default(config={"skip": ["privileged-containers"]})
    assert not skipped.is_enabled("privileged-containers")
    assert default_bundle.is_enabled("privileged-containers")
    assert all(f.policy_id != "privileged-containers" for f in skipped.check(PRIV_DICT).findings)
    # configuring returns a new bundle; the original is unchanged
    assert default_bundle.check(PRIV_DICT).to_json() == base.to_json()


def test_exceptions_and_notices(vectors_bundle: kubegov.Bundle) -> None:
    text = (VECTORS / "cases" / "exempted.input").read_text()
    r = vectors_bundle.check(text)
    exempted = [f for f in r.findings if f.status == "exempted"]
    assert exempted and all(f.exception and f.exception["reason"] is not None for f in exempted)
    assert r.summary["exempted"] == len(exempted)
    for n in r.notices:
        assert n.code and n.message


def test_rego_unit_tests(tmp_path: Path) -> None:
    (tmp_path / "p.rego").write_text(
        policy_header("p", "demo.p") + "violation contains {\"msg\": \"no\"} if input.review.object.bad\n"
    )
    (tmp_path / "p_test.rego").write_text(
        "package demo.p_test\nimport rego.v1\n"
        "test_bad_is_denied if count(data.demo.p.violation) == 1 with input as {\"review\": {\"object\": {\"bad\": true}}}\n"
        "test_wrong if count(data.demo.p.violation) == 1\n"
    )
    results = kubegov.test(tmp_path)
    assert (results.passed, results.failed, len(results), results.ok) == (1, 1, 2, False)
    by_name = {t.name: t for t in results.tests}
    assert by_name["test_bad_is_denied"].passed and by_name["test_bad_is_denied"].outcome == "pass"
    assert by_name["test_wrong"].outcome == "fail" and by_name["test_wrong"].line == 4
    assert by_name["test_wrong"].file.endswith("p_test.rego")
    only = kubegov.Bundle.load(tmp_path).test(filter="bad_is")
    assert [t.name for t in only.tests] == ["test_bad_is_denied"] and only.ok
    assert results.to_dict()["tests"][0]["name"] in by_name


def test_builtin_library_tests_pass() -> None:
    results = kubegov.test()
    assert results.passed > 0
    assert results.failed == 0, [t for t in results.tests if not t.passed]


def test_repr_is_informative(default_bundle: kubegov.Bundle) -> None:
    assert "policies=" in repr(default_bundle)
    r = default_bundle.check(PRIV_DICT)
    assert repr(r).startswith("<kubegov.Report objects=1")
    assert "privileged-containers" in repr(next(f for f in r.findings if f.policy_id == "privileged-containers"))


def _b64(data: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _sign(bundle_dir: Path, secret: str, **claims: object) -> None:
    """Write `.signatures.json` as `opa build --signing-alg HS256` would."""
    import hashlib
    import hmac

    files = [
        {"name": str(p.relative_to(bundle_dir)), "hash": hashlib.sha256(p.read_bytes()).hexdigest(), "algorithm": "SHA-256"}
        for p in sorted(bundle_dir.rglob("*.rego"))
    ]
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = _b64(json.dumps({"files": files, **claims}).encode())
    sig = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    (bundle_dir / ".signatures.json").write_text(json.dumps({"signatures": [f"{header}.{payload}.{_b64(sig)}"]}))


def test_signed_bundles(tmp_path: Path) -> None:
    import pytest

    (tmp_path / "p.rego").write_text(policy_header("p", "demo.p") + "violation contains {\"msg\": \"no\"} if true\n")
    with pytest.raises(kubegov.LoadError) as info:
        kubegov.Bundle.load(tmp_path, verification_key="s3cret")
    assert (info.value.code, info.value.file) == ("load.signature", str(tmp_path))
    _sign(tmp_path, "s3cret", keyid="k1")
    signed = kubegov.Bundle.load(tmp_path, verification_key="s3cret", key_id="k1")
    assert [p.id for p in signed.policies] == ["p"]
    with pytest.raises(kubegov.LoadError, match="signature") as info:
        kubegov.Bundle.load(tmp_path, verification_key="wrong")
    assert info.value.code == "load.signature"
    (tmp_path / "p.rego").write_text((tmp_path / "p.rego").read_text() + "# tampered\n")
    with pytest.raises(kubegov.LoadError) as info:
        kubegov.Bundle.load(tmp_path, verification_key="s3cret")
    assert info.value.code == "load.signature"
    with pytest.raises(kubegov.InputError):
        kubegov.Bundle.load(tmp_path, key_id="k1")


def test_tar_gz_from_memory_and_path(vectors_bundle: kubegov.Bundle, tmp_path: Path) -> None:
    import io
    import tarfile

    buf = io.BytesIO()
    root = VECTORS / "bundle"
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for p in sorted(root.rglob("*")):
            if p.is_file():
                tar.add(p, arcname=str(p.relative_to(root)))
    data = buf.getvalue()
    from_memory = kubegov.Bundle.from_tar_gz(data)
    (tmp_path / "b.tar.gz").write_bytes(data)
    from_path = kubegov.Bundle.load(tmp_path / "b.tar.gz")
    assert [p.id for p in from_memory.policies] == [p.id for p in vectors_bundle.policies]
    assert from_memory.digest == from_path.digest
    assert from_memory.check(PRIV).to_json().replace(from_memory.digest, "") == vectors_bundle.check(PRIV).to_json().replace(
        vectors_bundle.digest, ""
    )
    import pytest

    with pytest.raises(kubegov.LoadError) as info:
        kubegov.Bundle.from_tar_gz(b"not a tarball")
    assert info.value.code == "load.bundle"
