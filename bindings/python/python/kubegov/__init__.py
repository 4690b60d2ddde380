"""kubegov: Kubernetes governance as code.

Compile a bundle of Rego policies once and check Kubernetes objects against it,
with the same verdicts as the ``kubegov`` CLI and every other binding::

    import kubegov

    bundle = kubegov.Bundle.default()
    report = bundle.check("manifests/")        # a path, YAML/JSON text, a dict or a list
    for f in report.findings:
        print(f"{f.file}:{f.line}: {f.severity} {f.policy_id}: {f.message}")
    print(report.summary)

Everything is implemented by the Rust core (the native module
``kubegov._kubegov``); this package only re-exports it.
"""

from __future__ import annotations

from kubegov._kubegov import (
    SCHEMA_VERSION,
    Bundle,
    CaseResult,
    ConfigError,
    EvaluationError,
    Finding,
    InputError,
    KubegovError,
    LoadError,
    Notice,
    ObjectRef,
    ParseError,
    Policy,
    Report,
    ReportError,
    SuiteResults,
    TestResult,
    TestResults,
    __version__,
    parse_yaml,
    test,
    verify,
)

__all__ = [
    "SCHEMA_VERSION",
    "Bundle",
    "CaseResult",
    "ConfigError",
    "EvaluationError",
    "Finding",
    "InputError",
    "KubegovError",
    "LoadError",
    "Notice",
    "ObjectRef",
    "ParseError",
    "Policy",
    "Report",
    "ReportError",
    "SuiteResults",
    "TestResult",
    "TestResults",
    "__version__",
    "parse_yaml",
    "test",
    "verify",
]
