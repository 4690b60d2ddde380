//! `kubegov.verify`: gator test suites (`suite.yaml`), run by the core's
//! `kubegov::gatekeeper::verify` as `kubegov verify` runs them.

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::PyString;

use kubegov::gatekeeper::{CaseResult, CaseStatus, SuiteResults};

use crate::convert::{ser_to_py, type_name};
use crate::errors::{guard, Error};

/// The suites to run: one path, or a list of paths (str or os.PathLike).
fn paths_arg(obj: &Bound<'_, PyAny>) -> Result<Vec<PathBuf>, Error> {
    if obj.cast::<PyString>().is_ok() || obj.hasattr("__fspath__").unwrap_or(false) {
        return Ok(vec![obj.extract::<PathBuf>()?]);
    }
    let not_paths = || {
        Error::invalid(format!(
            "cannot verify a `{}`: pass a path (str or os.PathLike) or a list of paths",
            type_name(obj)
        ))
    };
    let items = obj.try_iter().map_err(|_| not_paths())?;
    let mut paths = Vec::new();
    for item in items {
        let item = item?;
        if item.cast::<PyString>().is_err() && !item.hasattr("__fspath__").unwrap_or(false) {
            return Err(not_paths());
        }
        paths.push(item.extract::<PathBuf>()?);
    }
    Ok(paths)
}

/// Run the gator test suites (`kind: Suite`, `test.gatekeeper.sh/v1alpha1`)
/// found at `paths`: suite files, or directories searched for them. A suite
/// that cannot be read or parsed raises (`ParseError` for YAML syntax,
/// `LoadError` otherwise, codes `gatekeeper.*`); a case that cannot run (a
/// missing object file, a template that does not compile) fails with the
/// reason. The GIL is released while the suites run.
#[pyfunction]
pub(crate) fn verify(py: Python<'_>, paths: &Bound<'_, PyAny>) -> PyResult<PySuiteResults> {
    let paths = paths_arg(paths)?;
    let inner = py.detach(|| guard(|| Ok(kubegov::gatekeeper::verify(&paths)?)))?;
    Ok(PySuiteResults { inner })
}

fn status(s: CaseStatus) -> &'static str {
    match s {
        CaseStatus::Pass => "pass",
        CaseStatus::Fail => "fail",
        CaseStatus::Skip => "skip",
    }
}

/// The results of every case of every suite, in suite, test and case order.
#[pyclass(name = "SuiteResults", module = "kubegov", frozen)]
#[derive(Debug)]
pub(crate) struct PySuiteResults {
    inner: SuiteResults,
}

#[pymethods]
impl PySuiteResults {
    /// One entry per case.
    #[getter]
    fn cases(&self) -> Vec<PyCaseResult> {
        self.inner
            .cases
            .iter()
            .map(|c| PyCaseResult { inner: c.clone() })
            .collect()
    }
    /// Cases that passed.
    #[getter]
    fn passed(&self) -> usize {
        self.inner.passed()
    }
    /// Cases that failed.
    #[getter]
    fn failed(&self) -> usize {
        self.inner.failed()
    }
    /// Cases skipped (`skip: true`).
    #[getter]
    fn skipped(&self) -> usize {
        self.inner.skipped()
    }
    /// Whether no case failed (and there was at least one).
    #[getter]
    fn ok(&self) -> bool {
        self.inner.failed() == 0 && !self.inner.cases.is_empty()
    }
    /// `N passed, N failed` (and `, N skipped`): the last line of `kubegov verify`.
    #[getter]
    fn summary(&self) -> String {
        self.inner.summary()
    }
    /// `{"cases": [{"file", "suite", "test", "case", "status", "reason"?}]}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ser_to_py(py, &self.inner)
    }
    fn __len__(&self) -> usize {
        self.inner.cases.len()
    }
    fn __repr__(&self) -> String {
        format!(
            "<kubegov.SuiteResults passed={} failed={} skipped={}>",
            self.inner.passed(),
            self.inner.failed(),
            self.inner.skipped()
        )
    }
}

/// One case of a gator suite.
#[pyclass(name = "CaseResult", module = "kubegov", frozen)]
#[derive(Debug)]
pub(crate) struct PyCaseResult {
    inner: CaseResult,
}

#[pymethods]
impl PyCaseResult {
    /// The case's name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.case
    }
    /// The test's name.
    #[getter]
    fn test(&self) -> &str {
        &self.inner.test
    }
    /// The suite's `metadata.name`, or its file when unnamed.
    #[getter]
    fn suite(&self) -> &str {
        &self.inner.suite
    }
    /// The suite file.
    #[getter]
    fn file(&self) -> &str {
        &self.inner.file
    }
    /// `pass`, `fail` or `skip`.
    #[getter]
    fn status(&self) -> &'static str {
        status(self.inner.status)
    }
    /// Why it failed (None unless `status` is `fail`).
    #[getter]
    fn message(&self) -> Option<&str> {
        self.inner.reason.as_deref()
    }
    /// Whether it passed.
    #[getter]
    fn passed(&self) -> bool {
        self.inner.status == CaseStatus::Pass
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ser_to_py(py, &self.inner)
    }
    /// The line `kubegov verify` prints: `PASS suite › test › case`.
    fn __str__(&self) -> String {
        self.inner.to_string()
    }
    fn __repr__(&self) -> String {
        format!(
            "<kubegov.CaseResult {} › {} › {} {}>",
            self.inner.suite,
            self.inner.test,
            self.inner.case,
            status(self.inner.status)
        )
    }
}
