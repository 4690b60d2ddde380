"""Each error kind maps onto its exception class, with code and location."""

from __future__ import annotations

from pathlib import Path

import pytest

import kubegov

from conftest import PRIV, PRIV_DICT, policy_header

CLASSES = [
    kubegov.LoadError,
    kubegov.ParseError,
    kubegov.InputError,
    kubegov.EvaluationError,
    kubegov.ConfigError,
]


def test_hierarchy() -> None:
    for cls in CLASSES:
        assert issubclass(cls, kubegov.KubegovError)
        assert not issubclass(cls, RuntimeError)
    assert issubclass(kubegov.KubegovError, Exception)
    # attributes exist even on a hand-made instance
    e = kubegov.LoadError("x")
    assert (e.code, e.file, e.line, e.column) == ("internal", None, 0, 0)


def test_load_error_rego_syntax_is_located() -> None:
    src = policy_header("bad", "demo.bad") + "violation contains {\"msg\": \"x\"} if {\n  1 +\n}\n"
    with pytest.raises(kubegov.LoadError) as info:
        kubegov.Bundle.from_sources({"bad/policy.rego": src})
    e = info.value
    assert e.code == "load.rego"
    assert e.file == "bad/policy.rego"
    assert e.line >= 10
    assert e.column > 0
    assert str(e).startswith(f"bad/policy.rego:{e.line}:")


def test_load_error_metadata() -> None:
    with pytest.raises(kubegov.LoadError) as info:
        kubegov.Bundle.from_sources({"p.rego": "package demo.p\nimport rego.v1\nviolation contains {\"msg\": \"x\"} if true\n"})
    assert info.value.code == "load.metadata"
    assert info.value.file == "p.rego"


def test_load_error_io(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    with pytest.raises(kubegov.LoadError) as info:
        kubegov.Bundle.load(missing)
    assert (info.value.code, info.value.file, info.value.line) == ("load.io", str(missing), 0)


def test_load_error_data() -> None:
    with pytest.raises(kubegov.LoadError) as info:
        kubegov.Bundle.from_sources({"lib/data.json": "{\"a\": [1,\n"})
    assert info.value.code == "load.data"
    assert info.value.file == "lib/data.json"


def test_parse_error_from_parse_yaml() -> None:
    with pytest.raises(kubegov.ParseError) as info:
        kubegov.parse_yaml("a: 1\nb: [1,\n", file="x.yaml")
    e = info.value
    assert e.code == "input.syntax"
    assert e.file == "x.yaml"
    assert e.line >= 2
    assert kubegov.parse_yaml("on: yes\nn: 1\n") == {"on": "yes", "n": 1}


def test_parse_error_from_a_report(vectors_bundle: kubegov.Bundle, tmp_path: Path) -> None:
    p = tmp_path / "s.yaml"
    p.write_text(f"{PRIV}---\nkind: [unclosed\n")
    report = vectors_bundle.check(p)
    with pytest.raises(kubegov.ParseError) as info:
        report.raise_for_errors()
    assert (info.value.code, info.value.file, info.value.line) == ("input.syntax", str(p), 16)
    vectors_bundle.check(PRIV).raise_for_errors()  # no error: no exception


@pytest.mark.parametrize(
    "arg, code",
    [
        ("/no/such/file.yaml", "input.invalid"),
        (Path("/no/such/dir"), "input.io"),
        (42, "input.invalid"),
        ({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": object()}}, "input.invalid"),
        ({1: "non-string key"}, "input.invalid"),
        ({"x": float("nan")}, "input.invalid"),
        (b"\xff\xfe", "input.invalid"),
    ],
    ids=["missing-str-path", "missing-pathlike", "int", "object-value", "int-key", "nan", "bad-bytes"],
)
def test_input_error(vectors_bundle: kubegov.Bundle, arg: object, code: str) -> None:
    with pytest.raises(kubegov.InputError) as info:
        vectors_bundle.check(arg)  # type: ignore[arg-type]
    assert info.value.code == code
    if code == "input.io":
        assert info.value.file == str(arg)


def test_input_error_names_the_offending_field(vectors_bundle: kubegov.Bundle) -> None:
    with pytest.raises(kubegov.InputError, match=r"`metadata\.labels\.x\[1\]`"):
        vectors_bundle.check({"apiVersion": "v1", "kind": "Pod", "metadata": {"labels": {"x": [1, {1, 2}]}}})


def test_self_referencing_value_is_an_input_error(vectors_bundle: kubegov.Bundle) -> None:
    loop: dict = {"apiVersion": "v1", "kind": "Pod"}
    loop["self"] = loop
    with pytest.raises(kubegov.InputError, match="deeper"):
        vectors_bundle.check(loop)


BOOM = policy_header("boom", "demo.boom") + (
    'r := 1 if true\nr := 2 if true\nviolation contains {"msg": "x"} if r\n'
)


def test_evaluation_error() -> None:
    bundle = kubegov.Bundle.from_sources({"boom.rego": BOOM})
    report = bundle.check(PRIV)
    # a failing policy is a report entry, not an exception...
    assert [(e.code, e.policy, e.line) for e in report.errors] == [("eval.policy", "boom", 1)]
    # ...until the caller asks for one
    with pytest.raises(kubegov.EvaluationError) as info:
        report.raise_for_errors()
    e = info.value
    assert (e.code, e.file, e.line, e.column) == ("eval.policy", None, 1, 1)
    assert "boom" in str(e)


def test_config_error_unknown_policy(default_bundle: kubegov.Bundle) -> None:
    with pytest.raises(kubegov.ConfigError) as info:
        kubegov.Bundle.default(config={"policies": {"image-tag-lates": {"enabled": False}}})
    assert info.value.code == "config.unknown_policy"
    assert "did you mean `image-tag-latest`" in str(info.value)


def test_config_error_is_located(tmp_path: Path, vectors_bundle: kubegov.Bundle) -> None:
    cfg = tmp_path / "kubegov.yaml"
    cfg.write_text("policies:\n  image-tag-latest:\n    enforcementAction: maybe\n")
    with pytest.raises(kubegov.ConfigError) as info:
        kubegov.Bundle.load(Path(__file__).parents[3] / "tests/vectors/bundle", config=cfg)
    e = info.value
    assert e.code == "config.invalid"
    assert e.file == str(cfg)
    assert e.line == 3


def test_config_error_io_and_type(tmp_path: Path, default_bundle: kubegov.Bundle) -> None:
    with pytest.raises(kubegov.ConfigError) as info:
        default_bundle.configure(tmp_path / "none.yaml")
    assert (info.value.code, info.value.file) == ("config.io", str(tmp_path / "none.yaml"))
    with pytest.raises(kubegov.ConfigError) as info:
        default_bundle.configure(42)  # type: ignore[arg-type]
    assert info.value.code == "config.invalid"


def test_panic_becomes_internal_error() -> None:
    with pytest.raises(kubegov.KubegovError) as info:
        kubegov._kubegov._panic_for_tests()
    assert type(info.value) is kubegov.KubegovError
    assert info.value.code == "internal"
    assert "deliberate panic" in str(info.value)
    # the process is still fine
    assert kubegov.Bundle.from_sources({}).check(PRIV_DICT).summary["objects"] == 1
