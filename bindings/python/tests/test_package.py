"""Packaging: one version for the crate and the wheel, typed, abi3."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import kubegov

from conftest import ROOT


def workspace_version() -> str:
    text = (ROOT / "Cargo.toml").read_text()
    section = text.split("[workspace.package]", 1)[1]
    m = re.search(r'^version\s*=\s*"([^"]+)"', section, re.M)
    assert m, "no version in [workspace.package]"
    return m.group(1)


def test_version_is_the_crate_version() -> None:
    v = workspace_version()
    assert kubegov.__version__ == v
    assert metadata.version("kubegov") == v


def test_typed_package() -> None:
    pkg = Path(kubegov.__file__).parent
    assert (pkg / "py.typed").exists()
    assert (pkg / "_kubegov.pyi").exists()


def test_native_module_is_private_and_abi3() -> None:
    native = kubegov._kubegov
    assert native.__name__ == "kubegov._kubegov"
    assert ".abi3." in Path(native.__file__ or "").name
    assert set(kubegov.__all__) <= set(dir(kubegov))
    assert kubegov.SCHEMA_VERSION == "1"


def readme_one_liners(readme: Path) -> list[str]:
    """The `python -c "..."` commands of a README's shell blocks."""
    return re.findall(r'^python -c "(.+)"$', readme.read_text(), re.M)


def test_readme_commands_run_from_the_repository_root() -> None:
    # the install line is checked by hand in a fresh virtualenv (it builds the
    # wheel); what it is followed by must work with the installed package
    import subprocess
    import sys

    codes = [
        code
        for readme in (ROOT / "README.md", ROOT / "bindings" / "python" / "README.md")
        for code in readme_one_liners(readme)
    ]
    assert len(codes) == 2, codes
    for code in codes:
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
        assert out.returncode == 0, out.stderr
        assert re.search(r"'objects': [1-9]", out.stdout), out.stdout
