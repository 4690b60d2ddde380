//! The native module `kubegov._kubegov` of the `kubegov` pip package: thin
//! pyo3 wrappers over the `kubegov` crate. Arguments are parsed here, the work
//! is done by the core with the GIL released, and core errors are mapped onto
//! the `kubegov.KubegovError` hierarchy. No policy logic lives here.

mod convert;
mod errors;
mod report;
mod verify;

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use serde_json::Value;

use crate::convert::{ser_to_py, to_json, to_py, type_name};
use crate::errors::{guard, Error};
use crate::report::PyReport;

// The CLI uses mimalloc too: the same allocator keeps the two comparable
// (parsing and evaluation are allocation-heavy).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Objects to check, as received from Python, before any I/O.
enum Input {
    /// A `str`: YAML/JSON text or a path (the core's rule).
    TextOrPath(String),
    /// `bytes`: YAML/JSON text.
    Text(String),
    /// An `os.PathLike`.
    Path(PathBuf),
    /// A dict, or a list of dicts.
    Value(Value),
    /// A list mixing paths, texts and dicts.
    Many(Vec<Input>),
}

fn input_arg(obj: &Bound<'_, PyAny>, nested: bool) -> Result<Input, Error> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Input::TextOrPath(s.to_cow()?.to_string()));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        let text = String::from_utf8(b.as_bytes().to_vec())
            .map_err(|e| Error::invalid(format!("bytes are not UTF-8 text: {e}")))?;
        return Ok(Input::Text(text));
    }
    if obj.cast::<PyDict>().is_ok() {
        return Ok(Input::Value(to_json(obj)?));
    }
    let items: Option<Vec<Bound<'_, PyAny>>> = if let Ok(l) = obj.cast::<PyList>() {
        Some(l.iter().collect())
    } else if let Ok(t) = obj.cast::<PyTuple>() {
        Some(t.iter().collect())
    } else {
        None
    };
    if let Some(items) = items {
        if !nested {
            if items.iter().all(|i| i.cast::<PyDict>().is_ok()) {
                return Ok(Input::Value(to_json(obj)?));
            }
            return items
                .iter()
                .map(|i| input_arg(i, true))
                .collect::<Result<Vec<_>, _>>()
                .map(Input::Many);
        }
    }
    if obj.hasattr("__fspath__").unwrap_or(false) {
        return Ok(Input::Path(obj.extract::<PathBuf>()?));
    }
    Err(Error::invalid(format!(
        "cannot check a `{}`: pass a dict, a list of dicts, YAML/JSON text, or a path",
        type_name(obj)
    )))
}

fn read_input(input: Input) -> Result<kubegov::Objects, Error> {
    Ok(match input {
        Input::TextOrPath(s) => kubegov::Objects::from_text_or_path(&s)?,
        Input::Text(s) => kubegov::Objects::from_text(&s, None),
        Input::Path(p) => kubegov::Objects::from_path(p)?,
        Input::Value(v) => kubegov::Objects::from_value(v),
        Input::Many(items) => {
            let mut all = kubegov::Objects::new();
            for i in items {
                all.extend(read_input(i)?);
            }
            all
        }
    })
}

/// A configuration, as received from Python.
enum ConfigArg {
    File(PathBuf),
    Yaml(String),
}

fn config_arg(obj: Option<&Bound<'_, PyAny>>) -> Result<Option<ConfigArg>, Error> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        let s: &str = &s;
        let t = s.trim_start();
        if s.contains('\n') || t.starts_with('{') {
            return Ok(Some(ConfigArg::Yaml(s.to_string())));
        }
        return Ok(Some(ConfigArg::File(PathBuf::from(s))));
    }
    if obj.cast::<PyDict>().is_ok() {
        let text = serde_json::to_string(&to_json(obj)?)
            .map_err(|e| Error::invalid(format!("configuration: {e}")))?;
        return Ok(Some(ConfigArg::Yaml(text)));
    }
    if obj.hasattr("__fspath__").unwrap_or(false) {
        return Ok(Some(ConfigArg::File(obj.extract::<PathBuf>()?)));
    }
    Err(Error::new(
        errors::Kind::Config,
        "config.invalid",
        format!(
            "a configuration is a path, YAML text or a dict, not a `{}`",
            type_name(obj)
        ),
    ))
}

fn apply_config(
    bundle: kubegov::Bundle,
    config: Option<ConfigArg>,
) -> Result<kubegov::Bundle, Error> {
    let config = match config {
        None => return Ok(bundle),
        Some(ConfigArg::File(p)) => kubegov::Config::from_file(p)?,
        Some(ConfigArg::Yaml(text)) => kubegov::Config::from_yaml(&text, None)?,
    };
    Ok(bundle.configure(&config)?)
}

/// A compiled policy bundle: immutable, shareable between threads.
#[pyclass(name = "Bundle", module = "kubegov", frozen)]
#[derive(Debug, Clone)]
struct PyBundle {
    inner: kubegov::Bundle,
}

#[pymethods]
impl PyBundle {
    /// The built-in policy library.
    #[staticmethod]
    #[pyo3(signature = (config=None))]
    fn default(py: Python<'_>, config: Option<&Bound<'_, PyAny>>) -> PyResult<PyBundle> {
        let config = config_arg(config)?;
        let inner = py.detach(|| guard(|| apply_config(kubegov::Bundle::embedded()?, config)))?;
        Ok(PyBundle { inner })
    }

    /// Load a bundle: a directory of `.rego` and data files, or an OPA
    /// bundle archive (`.tar.gz`); `config` is a configuration file path,
    /// YAML text, or a dict. With `verification_key` (a PEM public key, or
    /// the shared secret of an HMAC-signed bundle) the bundle must be signed
    /// (`.signatures.json`, as `opa build --signing-key` writes it) and is
    /// refused before any policy is parsed unless every file matches;
    /// `key_id` and `scope` are then required in the signature too.
    #[staticmethod]
    #[pyo3(signature = (path, config=None, *, verification_key=None, key_id=None, scope=None))]
    fn load(
        py: Python<'_>,
        path: PathBuf,
        config: Option<&Bound<'_, PyAny>>,
        verification_key: Option<String>,
        key_id: Option<String>,
        scope: Option<String>,
    ) -> PyResult<PyBundle> {
        let config = config_arg(config)?;
        let verification = match verification_key {
            Some(key) => {
                let mut v = kubegov::Verification::new(key);
                if let Some(id) = key_id {
                    v = v.with_key_id(id);
                }
                if let Some(s) = scope {
                    v = v.with_scope(s);
                }
                Some(v)
            }
            None if key_id.is_some() || scope.is_some() => {
                return Err(Error::invalid("`key_id` and `scope` need a `verification_key`").into())
            }
            None => None,
        };
        let inner = py.detach(|| {
            guard(|| {
                let bundle = match &verification {
                    Some(v) => kubegov::Bundle::load_verified(&path, v)?,
                    None => kubegov::Bundle::load(&path)?,
                };
                apply_config(bundle, config)
            })
        })?;
        Ok(PyBundle { inner })
    }

    /// Load an OPA bundle archive (`.tar.gz`) from memory.
    #[staticmethod]
    #[pyo3(signature = (data, config=None))]
    fn from_tar_gz(
        py: Python<'_>,
        data: &[u8],
        config: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyBundle> {
        let config = config_arg(config)?;
        let inner =
            py.detach(|| guard(|| apply_config(kubegov::Bundle::from_tar_gz(data)?, config)))?;
        Ok(PyBundle { inner })
    }

    /// Compile a bundle from sources: `{"path.rego": "...", "lib/data.json": "..."}`;
    /// `data` (any JSON-like value) is added as the bundle's root `data.json`.
    #[staticmethod]
    #[pyo3(signature = (sources, data=None, config=None))]
    fn from_sources(
        py: Python<'_>,
        sources: &Bound<'_, PyAny>,
        data: Option<&Bound<'_, PyAny>>,
        config: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyBundle> {
        let mut files: Vec<(String, String)> = if let Ok(d) = sources.cast::<PyDict>() {
            d.iter()
                .map(|(k, v)| Ok((k.extract::<String>()?, v.extract::<String>()?)))
                .collect::<PyResult<_>>()
                .map_err(|_| Error::invalid("sources must map paths (str) to texts (str)"))?
        } else {
            sources
                .try_iter()
                .and_then(|it| {
                    it.map(|i| i.and_then(|i| i.extract::<(String, String)>()))
                        .collect::<PyResult<_>>()
                })
                .map_err(|_| {
                    Error::invalid("sources must be a dict or pairs of (path, text) strings")
                })?
        };
        if let Some(data) = data.filter(|d| !d.is_none()) {
            if files
                .iter()
                .any(|(p, _)| p == "data.json" || p == "data.yaml")
            {
                return Err(Error::new(
                    errors::Kind::Load,
                    "load.data",
                    "`data` was given and the sources have a root `data.json`/`data.yaml` too",
                )
                .into());
            }
            let text = serde_json::to_string(&to_json(data)?)
                .map_err(|e| Error::invalid(format!("data: {e}")))?;
            files.push(("data.json".into(), text));
        }
        let config = config_arg(config)?;
        let inner =
            py.detach(|| guard(|| apply_config(kubegov::Bundle::from_sources(files)?, config)))?;
        Ok(PyBundle { inner })
    }

    /// This bundle with a configuration applied (a path, YAML text or a dict);
    /// the compiled policies are shared, not recompiled.
    fn configure(&self, py: Python<'_>, config: &Bound<'_, PyAny>) -> PyResult<PyBundle> {
        let config = config_arg(Some(config))?;
        let bundle = self.inner.clone();
        let inner = py.detach(|| guard(|| apply_config(bundle, config)))?;
        Ok(PyBundle { inner })
    }

    /// Evaluate objects: a dict, a list of dicts, YAML/JSON text (str or
    /// bytes), a path (str or os.PathLike) of a file or directory, or a list
    /// of those. The GIL is released while reading and evaluating.
    fn check(&self, py: Python<'_>, objects: &Bound<'_, PyAny>) -> PyResult<PyReport> {
        let input = input_arg(objects, false)?;
        let bundle = &self.inner;
        let report = py.detach(|| {
            guard(|| {
                let objects = read_input(input)?;
                Ok(bundle.evaluate(&objects))
            })
        })?;
        Ok(PyReport::new(report, self.inner.clone()))
    }

    /// The bundle's policies, sorted by id.
    #[getter]
    fn policies(&self) -> Vec<PyPolicy> {
        self.inner
            .policies()
            .iter()
            .map(|p| PyPolicy { inner: p.clone() })
            .collect()
    }

    /// A policy by id, or None.
    fn policy(&self, id: &str) -> Option<PyPolicy> {
        self.inner.policy(id).map(|p| PyPolicy { inner: p.clone() })
    }

    /// Whether a policy runs under the bundle's configuration.
    fn is_enabled(&self, id: &str) -> bool {
        self.inner.is_enabled(id)
    }

    /// SHA-256 (hex) over the bundle's sources: the same sources, the same digest.
    #[getter]
    fn digest(&self) -> &str {
        self.inner.digest()
    }

    /// Run the bundle's Rego unit tests (`test_*` rules in `*_test.rego`);
    /// `filter` is a regular expression on `package.rule`.
    #[pyo3(signature = (filter=None))]
    fn test(&self, py: Python<'_>, filter: Option<&str>) -> PyResult<PyTestResults> {
        let bundle = &self.inner;
        Ok(py.detach(|| guard(|| run_tests(bundle, filter)))?)
    }

    fn __repr__(&self) -> String {
        format!(
            "<kubegov.Bundle policies={} digest={}>",
            self.inner.policies().len(),
            self.inner.digest().get(..12).unwrap_or("")
        )
    }
}

fn run_tests(bundle: &kubegov::Bundle, filter: Option<&str>) -> Result<PyTestResults, Error> {
    let re = filter
        .map(regex::Regex::new)
        .transpose()
        .map_err(|e| Error::invalid(format!("invalid test filter: {e}")))?;
    let results = bundle.run_tests(re.as_ref())?;
    Ok(PyTestResults { inner: results })
}

/// One policy of a bundle: identity and documentation.
#[pyclass(name = "Policy", module = "kubegov", frozen)]
#[derive(Debug)]
struct PyPolicy {
    inner: kubegov::Policy,
}

#[pymethods]
impl PyPolicy {
    /// Stable kebab-case id.
    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }
    /// Title.
    #[getter]
    fn title(&self) -> &str {
        self.inner.title()
    }
    /// Description.
    #[getter]
    fn description(&self) -> &str {
        self.inner.description()
    }
    /// `critical`, `high`, `medium`, `low` or `info`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity().as_str()
    }
    /// Category.
    #[getter]
    fn category(&self) -> &str {
        self.inner.category()
    }
    /// Compliance controls by framework.
    #[getter]
    fn controls<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ser_to_py(py, self.inner.controls())
    }
    /// The kinds it applies to (`[{"apiGroups": [...], "kinds": [...]}]`; empty: all).
    #[getter]
    fn kinds<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ser_to_py(py, self.inner.kinds())
    }
    /// The JSON Schema of its parameters, if it takes any.
    #[getter]
    fn parameters<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self.inner.parameters() {
            Some(p) => to_py(py, p),
            None => Ok(py.None().into_bound(py)),
        }
    }
    /// How to fix a violation.
    #[getter]
    fn remediation(&self) -> Option<&str> {
        self.inner.remediation()
    }
    /// Related documentation URLs.
    #[getter]
    fn related_resources(&self) -> Vec<String> {
        self.inner.related_resources().to_vec()
    }
    /// Rego package.
    #[getter]
    fn package(&self) -> &str {
        self.inner.package()
    }
    /// Source file in the bundle.
    #[getter]
    fn file(&self) -> &str {
        self.inner.file()
    }
    /// Whether it applies to objects of this API group (`""` for core) and kind.
    fn applies_to(&self, group: &str, kind: &str) -> bool {
        self.inner.applies_to(group, kind)
    }
    /// The metadata as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ser_to_py(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "<kubegov.Policy {} ({})>",
            self.inner.id(),
            self.inner.severity().as_str()
        )
    }
}

/// The results of a bundle's Rego unit tests.
#[pyclass(name = "TestResults", module = "kubegov", frozen)]
#[derive(Debug)]
struct PyTestResults {
    inner: kubegov::testing::TestResults,
}

#[pymethods]
impl PyTestResults {
    /// Each test, in file and line order.
    #[getter]
    fn tests(&self) -> Vec<PyTestResult> {
        self.inner
            .tests
            .iter()
            .map(|t| PyTestResult { inner: t.clone() })
            .collect()
    }
    /// Number of passing tests.
    #[getter]
    fn passed(&self) -> usize {
        self.inner.passed()
    }
    /// Number of failing or erroring tests.
    #[getter]
    fn failed(&self) -> usize {
        self.inner.failed()
    }
    /// Whether every test passed (and there was at least one).
    #[getter]
    fn ok(&self) -> bool {
        self.inner.failed() == 0 && !self.inner.tests.is_empty()
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ser_to_py(py, &self.inner)
    }
    fn __len__(&self) -> usize {
        self.inner.tests.len()
    }
    fn __repr__(&self) -> String {
        format!(
            "<kubegov.TestResults passed={} failed={}>",
            self.inner.passed(),
            self.inner.failed()
        )
    }
}

/// One Rego unit test's result.
#[pyclass(name = "TestResult", module = "kubegov", frozen)]
#[derive(Debug)]
struct PyTestResult {
    inner: kubegov::testing::TestResult,
}

#[pymethods]
impl PyTestResult {
    /// The test file.
    #[getter]
    fn file(&self) -> &str {
        &self.inner.file
    }
    /// The package of the test.
    #[getter]
    fn package(&self) -> &str {
        &self.inner.package
    }
    /// The rule name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    /// 1-based line of the rule.
    #[getter]
    fn line(&self) -> u32 {
        self.inner.line
    }
    /// `pass`, `fail` or `error`.
    #[getter]
    fn outcome(&self) -> &'static str {
        match self.inner.outcome {
            kubegov::testing::TestOutcome::Pass => "pass",
            kubegov::testing::TestOutcome::Fail => "fail",
            kubegov::testing::TestOutcome::Error(_) => "error",
        }
    }
    /// The error message, for outcome `error`.
    #[getter]
    fn error(&self) -> Option<&str> {
        match &self.inner.outcome {
            kubegov::testing::TestOutcome::Error(m) => Some(m),
            _ => None,
        }
    }
    /// Whether it passed.
    #[getter]
    fn passed(&self) -> bool {
        self.inner.outcome == kubegov::testing::TestOutcome::Pass
    }
    /// Time taken, in microseconds.
    #[getter]
    fn micros(&self) -> u64 {
        self.inner.micros
    }
    fn __repr__(&self) -> String {
        format!(
            "<kubegov.TestResult {}.{} {}>",
            self.inner.package,
            self.inner.name,
            self.outcome()
        )
    }
}

/// Run the Rego unit tests of a bundle (a directory or `.tar.gz`), or of the
/// built-in library when `path` is None.
#[pyfunction]
#[pyo3(signature = (path=None, filter=None))]
fn test(py: Python<'_>, path: Option<PathBuf>, filter: Option<&str>) -> PyResult<PyTestResults> {
    Ok(py.detach(|| {
        guard(|| {
            let bundle = match &path {
                Some(p) => kubegov::Bundle::load(p)?,
                None => kubegov::Bundle::embedded()?,
            };
            run_tests(&bundle, filter)
        })
    })?)
}

/// Parse YAML 1.2 (or JSON) text holding one document, as kubegov reads
/// manifests (`yes` is a string; duplicate keys are errors).
#[pyfunction]
#[pyo3(signature = (text, file=None))]
fn parse_yaml<'py>(py: Python<'py>, text: &str, file: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
    let value = guard(|| Ok(kubegov::parse_yaml(text, file)?))?;
    to_py(py, &value)
}

/// Panics inside the boundary guard: lets the tests check that a Rust panic
/// becomes `KubegovError(code="internal")` and never a crash.
#[pyfunction]
#[allow(clippy::panic)] // the point of this function
fn _panic_for_tests() -> PyResult<()> {
    Ok(guard(|| -> Result<(), Error> {
        std::panic::panic_any("deliberate panic (test of the error boundary)")
    })?)
}

#[pymodule]
fn _kubegov(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA_VERSION", kubegov::SCHEMA_VERSION)?;
    m.add_class::<PyBundle>()?;
    m.add_class::<PyReport>()?;
    m.add_class::<report::PyFinding>()?;
    m.add_class::<report::PyObjectRef>()?;
    m.add_class::<report::PyReportError>()?;
    m.add_class::<report::PyNotice>()?;
    m.add_class::<PyPolicy>()?;
    m.add_class::<PyTestResults>()?;
    m.add_class::<PyTestResult>()?;
    m.add_class::<verify::PySuiteResults>()?;
    m.add_class::<verify::PyCaseResult>()?;
    m.add_function(wrap_pyfunction!(test, m)?)?;
    m.add_function(wrap_pyfunction!(verify::verify, m)?)?;
    m.add_function(wrap_pyfunction!(parse_yaml, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    Ok(())
}
