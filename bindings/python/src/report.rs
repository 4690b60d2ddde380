//! `Report` and the classes it hands out: `Finding`, `ObjectRef`,
//! `ReportError`, `Notice`.

use std::sync::{Arc, OnceLock};

use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::convert::{ser_to_py, to_py};
use crate::errors::{guard, Error, Kind};

/// The result of `Bundle.check`.
#[pyclass(name = "Report", module = "kubegov", frozen)]
#[derive(Debug)]
pub(crate) struct PyReport {
    pub(crate) inner: Arc<kubegov::Report>,
    /// The bundle the report was made with (a cheap clone: an `Arc` inside),
    /// whose policies document the rules of `to_sarif`.
    bundle: kubegov::Bundle,
    findings: OnceLock<Vec<Py<PyFinding>>>,
}

impl PyReport {
    pub(crate) fn new(report: kubegov::Report, bundle: kubegov::Bundle) -> PyReport {
        PyReport {
            inner: Arc::new(report),
            bundle,
            findings: OnceLock::new(),
        }
    }
}

#[pymethods]
impl PyReport {
    /// The findings, ordered by file, document, policy id, message.
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        if self.findings.get().is_none() {
            let built = self
                .inner
                .findings()
                .iter()
                .map(|f| Py::new(py, PyFinding { inner: f.clone() }))
                .collect::<PyResult<Vec<_>>>()?;
            // Another thread may have filled it meanwhile: either list is the same.
            let _ = self.findings.set(built);
        }
        let items = self.findings.get().map(|v| v.as_slice()).unwrap_or(&[]);
        PyList::new(py, items.iter().map(|f| f.clone_ref(py)))
    }

    /// Documents that could not be read and policies that failed.
    #[getter]
    fn errors(&self) -> Vec<PyReportError> {
        self.inner
            .errors()
            .iter()
            .map(|e| PyReportError { inner: e.clone() })
            .collect()
    }

    /// Expired or unused exceptions and similar notes.
    #[getter]
    fn notices(&self) -> Vec<PyNotice> {
        self.inner
            .notices()
            .iter()
            .map(|n| PyNotice { inner: n.clone() })
            .collect()
    }

    /// Counts: objects, findings by severity (and total), by action, errors, exempted.
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ser_to_py(py, self.inner.summary())
    }

    /// Whether any unexempted `deny` finding fails the check.
    #[getter]
    fn has_denials(&self) -> bool {
        self.inner.has_denials()
    }

    /// The digest of the bundle that made this report.
    #[getter]
    fn bundle_digest(&self) -> &str {
        &self.inner.bundle().digest
    }

    /// The canonical JSON report, byte-identical to `kubegov check -f json`
    /// (without its trailing newline) and to every other binding.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// SARIF 2.1.0 (pretty JSON with a final newline) for GitHub code
    /// scanning and other SARIF readers: byte-identical to
    /// `kubegov check -f sarif` for the same bundle and input. Only policies
    /// with findings are rules unless `all_rules` is true.
    #[pyo3(signature = (*, all_rules=false))]
    fn to_sarif(&self, py: Python<'_>, all_rules: bool) -> PyResult<String> {
        let (report, bundle) = (&self.inner, &self.bundle);
        let options = kubegov::render::SarifOptions::new().with_all_rules(all_rules);
        Ok(py.detach(|| {
            guard(|| {
                Ok(kubegov::render::sarif_with(
                    report,
                    bundle.policies(),
                    &options,
                ))
            })
        })?)
    }

    /// GitHub Actions workflow commands (`::error file=...,line=...::...`),
    /// one per line: byte-identical to `kubegov check -f github`.
    fn to_github(&self, py: Python<'_>) -> PyResult<String> {
        let report = &self.inner;
        Ok(py.detach(|| guard(|| Ok(kubegov::render::github(report))))?)
    }

    /// The aligned text table of `kubegov check -f table` (ANSI colours
    /// when `color` is true).
    #[pyo3(signature = (*, color=false))]
    fn to_table(&self, py: Python<'_>, color: bool) -> PyResult<String> {
        let report = &self.inner;
        Ok(py.detach(|| guard(|| Ok(kubegov::render::table(report, color))))?)
    }

    /// The report as plain Python data (the JSON report's structure).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.to_value())
    }

    /// Raise the first entry of `errors` as an exception (`ParseError`,
    /// `InputError`, `EvaluationError`), if there is one.
    fn raise_for_errors(&self) -> PyResult<()> {
        let errors = self.inner.errors();
        let Some(first) = errors.first() else {
            return Ok(());
        };
        let more = match errors.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        Err(Error {
            kind: Kind::of_code(&first.code),
            code: first.code.clone(),
            message: format!("{}{more}", describe(first)),
            file: first.file.clone(),
            line: first.line,
            column: first.column,
        }
        .into())
    }

    fn __repr__(&self) -> String {
        let s = self.inner.summary();
        format!(
            "<kubegov.Report objects={} findings={} errors={}>",
            s.objects,
            s.findings.get("total").copied().unwrap_or(0),
            s.errors
        )
    }
}

fn describe(e: &kubegov::ReportError) -> String {
    match (&e.file, e.line) {
        (Some(f), 0) => format!("{f}: {}", e.message),
        (Some(f), l) => format!("{f}:{l}:{}: {}", e.column, e.message),
        (None, 0) => e.message.clone(),
        (None, l) => format!("<input>:{l}:{}: {}", e.column, e.message),
    }
}

/// One policy violated by one object.
#[pyclass(name = "Finding", module = "kubegov", frozen)]
#[derive(Debug)]
pub(crate) struct PyFinding {
    inner: kubegov::Finding,
}

#[pymethods]
impl PyFinding {
    /// The policy id (`privileged-containers`).
    #[getter]
    fn policy_id(&self) -> &str {
        &self.inner.policy.id
    }
    /// The policy title.
    #[getter]
    fn title(&self) -> &str {
        &self.inner.policy.title
    }
    /// `critical`, `high`, `medium`, `low` or `info`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.policy.severity.as_str()
    }
    /// The policy category.
    #[getter]
    fn category(&self) -> &str {
        &self.inner.policy.category
    }
    /// Compliance controls (`{"cis": ["5.2.2"], "pss": ["baseline"]}`).
    #[getter]
    fn controls<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ser_to_py(py, &self.inner.policy.controls)
    }
    /// `deny`, `warn` or `dryrun`.
    #[getter]
    fn action(&self) -> &'static str {
        self.inner.action.as_str()
    }
    /// `violation` or `exempted`.
    #[getter]
    fn status(&self) -> &'static str {
        match self.inner.status {
            kubegov::Status::Violation => "violation",
            kubegov::Status::Exempted => "exempted",
        }
    }
    /// The policy's message.
    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }
    /// The object (`api_version`, `kind`, `namespace`, `name`).
    #[getter]
    fn object(&self) -> PyObjectRef {
        PyObjectRef {
            inner: (*self.inner.object).clone(),
        }
    }
    /// The file the object was read from, if any.
    #[getter]
    fn file(&self) -> Option<&str> {
        self.inner.source.file.as_deref()
    }
    /// 1-based line of the offending field (or the object), 0 when unknown.
    #[getter]
    fn line(&self) -> u32 {
        self.inner.source.line
    }
    /// 1-based column, 0 when unknown.
    #[getter]
    fn column(&self) -> u32 {
        self.inner.source.column
    }
    /// 0-based index of the YAML document in its file.
    #[getter]
    fn document(&self) -> usize {
        self.inner.source.document
    }
    /// The offending field (`spec.containers[0].image`), if the policy gave one.
    #[getter]
    fn path(&self) -> Option<&str> {
        self.inner.path.as_deref()
    }
    /// How to fix it.
    #[getter]
    fn remediation(&self) -> Option<&str> {
        self.inner.remediation.as_deref()
    }
    /// Structured details from the policy.
    #[getter]
    fn details<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.inner.details {
            Some(d) => to_py(py, d),
            None => Ok(py.None().into_bound(py)),
        }
    }
    /// The exception that covered it (`source`, `reason`, `owner`, `expires`), when exempted.
    #[getter]
    fn exception<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.inner.exception {
            Some(e) => ser_to_py(py, e),
            None => Ok(py.None().into_bound(py)),
        }
    }
    /// The finding as in the JSON report.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ser_to_py(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        let loc = match (&self.inner.source.file, self.inner.source.line) {
            (Some(f), 0) => f.clone(),
            (Some(f), l) => format!("{f}:{l}"),
            (None, 0) => "<input>".into(),
            (None, l) => format!("<input>:{l}"),
        };
        format!(
            "<kubegov.Finding {} {} {} at {loc}: {:?}>",
            self.inner.policy.id,
            self.inner.action.as_str(),
            self.inner.object,
            self.inner.message
        )
    }
}

/// Identity of a Kubernetes object.
#[pyclass(name = "ObjectRef", module = "kubegov", frozen)]
#[derive(Debug)]
pub(crate) struct PyObjectRef {
    inner: kubegov::ObjectRef,
}

#[pymethods]
impl PyObjectRef {
    /// `apiVersion` (`apps/v1`).
    #[getter]
    fn api_version(&self) -> &str {
        &self.inner.api_version
    }
    /// `kind`.
    #[getter]
    fn kind(&self) -> &str {
        &self.inner.kind
    }
    /// `metadata.namespace`, if set.
    #[getter]
    fn namespace(&self) -> Option<&str> {
        self.inner.namespace.as_deref()
    }
    /// `metadata.name` (or `generateName`), empty when absent.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ser_to_py(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!("<kubegov.ObjectRef {}>", self.inner)
    }
    fn __str__(&self) -> String {
        self.inner.to_string()
    }
}

/// A document that could not be read, or a policy that failed on an object.
#[pyclass(name = "ReportError", module = "kubegov", frozen)]
#[derive(Debug)]
pub(crate) struct PyReportError {
    inner: kubegov::ReportError,
}

#[pymethods]
impl PyReportError {
    /// A stable code (`input.syntax`, `input.not_an_object`, `eval.policy`, ...).
    #[getter]
    fn code(&self) -> &str {
        &self.inner.code
    }
    /// What went wrong.
    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }
    /// The file, if any.
    #[getter]
    fn file(&self) -> Option<&str> {
        self.inner.file.as_deref()
    }
    /// 1-based line, 0 when unknown.
    #[getter]
    fn line(&self) -> u32 {
        self.inner.line
    }
    /// 1-based column, 0 when unknown.
    #[getter]
    fn column(&self) -> u32 {
        self.inner.column
    }
    /// 0-based document index in the file.
    #[getter]
    fn document(&self) -> usize {
        self.inner.document
    }
    /// The policy that failed, for evaluation errors.
    #[getter]
    fn policy(&self) -> Option<&str> {
        self.inner.policy.as_deref()
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ser_to_py(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "<kubegov.ReportError {}: {}>",
            self.inner.code,
            describe(&self.inner)
        )
    }
}

/// An expired or unused exception, or an exemption without a reason.
#[pyclass(name = "Notice", module = "kubegov", frozen)]
#[derive(Debug)]
pub(crate) struct PyNotice {
    inner: kubegov::Notice,
}

#[pymethods]
impl PyNotice {
    /// A stable code (`exception.expired`, `exception.unused`, ...).
    #[getter]
    fn code(&self) -> &str {
        &self.inner.code
    }
    /// What happened and what to do.
    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }
    /// The file, if any.
    #[getter]
    fn file(&self) -> Option<&str> {
        self.inner.file.as_deref()
    }
    /// 1-based line, 0 when unknown.
    #[getter]
    fn line(&self) -> u32 {
        self.inner.line
    }
    /// 1-based column, 0 when unknown.
    #[getter]
    fn column(&self) -> u32 {
        self.inner.column
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ser_to_py(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "<kubegov.Notice {}: {}>",
            self.inner.code, self.inner.message
        )
    }
}
