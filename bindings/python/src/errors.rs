//! The exception hierarchy and the mapping of core errors onto it, variant by
//! variant (polars' `PyPolarsErr` → `PyErr`). Every exception carries `.code`
//! (the core's stable code), `.file`, `.line` and `.column`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    kubegov,
    KubegovError,
    PyException,
    "Base class of every kubegov error; has `.code`, `.file`, `.line`, `.column`."
);
create_exception!(
    kubegov,
    LoadError,
    KubegovError,
    "A policy bundle, or a gator suite, could not be read or compiled (codes `load.*`, `gatekeeper.*`)."
);
create_exception!(
    kubegov,
    ParseError,
    KubegovError,
    "YAML or JSON text does not parse (codes `input.syntax`, `gatekeeper.syntax`)."
);
create_exception!(
    kubegov,
    InputError,
    KubegovError,
    "The objects to check cannot be read or are not Kubernetes objects (codes `input.*`)."
);
create_exception!(
    kubegov,
    EvaluationError,
    KubegovError,
    "A policy failed while evaluating an object (codes `eval.*`)."
);
create_exception!(
    kubegov,
    ConfigError,
    KubegovError,
    "A bundle configuration is invalid or does not fit the bundle (codes `config.*`)."
);

/// Which Python exception class an error becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Internal,
    Load,
    Parse,
    Input,
    Evaluation,
    Config,
}

impl Kind {
    /// The class for a report error code (`input.syntax`, `eval.policy`, ...).
    pub(crate) fn of_code(code: &str) -> Kind {
        if code == "input.syntax" {
            Kind::Parse
        } else if code.starts_with("input.") {
            Kind::Input
        } else if code.starts_with("eval.") {
            Kind::Evaluation
        } else if code.starts_with("load.") {
            Kind::Load
        } else if code.starts_with("config.") {
            Kind::Config
        } else {
            Kind::Internal
        }
    }
}

/// An error on its way to Python.
#[derive(Debug, Clone)]
pub(crate) struct Error {
    pub kind: Kind,
    pub code: String,
    pub message: String,
    pub file: Option<String>,
    pub line: u32,
    pub column: u32,
}

impl Error {
    pub(crate) fn new(kind: Kind, code: &str, message: impl Into<String>) -> Error {
        Error {
            kind,
            code: code.to_string(),
            message: message.into(),
            file: None,
            line: 0,
            column: 0,
        }
    }

    fn located(kind: Kind, code: &str, message: String, loc: Option<kubegov::Location>) -> Error {
        let loc = loc.unwrap_or_default();
        Error {
            kind,
            code: code.to_string(),
            message,
            file: loc.file,
            line: loc.line,
            column: loc.column,
        }
    }

    /// A value passed from Python is not what the function accepts.
    pub(crate) fn invalid(message: impl Into<String>) -> Error {
        Error::new(Kind::Input, "input.invalid", message)
    }
}

impl From<kubegov::LoadError> for Error {
    fn from(e: kubegov::LoadError) -> Error {
        Error::located(Kind::Load, e.code(), e.to_string(), e.location())
    }
}

impl From<kubegov::InputError> for Error {
    fn from(e: kubegov::InputError) -> Error {
        let kind = if matches!(e, kubegov::InputError::Syntax { .. }) {
            Kind::Parse
        } else {
            Kind::Input
        };
        Error::located(kind, e.code(), e.to_string(), e.location())
    }
}

impl From<kubegov::ConfigError> for Error {
    fn from(e: kubegov::ConfigError) -> Error {
        Error::located(Kind::Config, e.code(), e.to_string(), e.location())
    }
}

/// A gator suite or its templates and constraints: YAML that does not parse
/// is a `ParseError`, anything else that stops the suites from being read is
/// a `LoadError` (like a bundle that cannot be loaded); codes `gatekeeper.*`.
impl From<kubegov::gatekeeper::GatekeeperError> for Error {
    fn from(e: kubegov::gatekeeper::GatekeeperError) -> Error {
        let kind = if matches!(e, kubegov::gatekeeper::GatekeeperError::Syntax { .. }) {
            Kind::Parse
        } else {
            Kind::Load
        };
        Error::located(kind, e.code(), e.to_string(), e.location())
    }
}

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Error {
        Error::invalid(Python::attach(|py| e.value(py).to_string()))
    }
}

impl From<Error> for PyErr {
    fn from(e: Error) -> PyErr {
        let err = match e.kind {
            Kind::Internal => KubegovError::new_err(e.message),
            Kind::Load => LoadError::new_err(e.message),
            Kind::Parse => ParseError::new_err(e.message),
            Kind::Input => InputError::new_err(e.message),
            Kind::Evaluation => EvaluationError::new_err(e.message),
            Kind::Config => ConfigError::new_err(e.message),
        };
        Python::attach(|py| {
            let value = err.value(py);
            // Setting attributes on a fresh exception instance cannot fail in
            // practice; if it ever does, the exception is still raised.
            let _ = value.setattr("code", e.code);
            let _ = value.setattr("file", e.file);
            let _ = value.setattr("line", e.line);
            let _ = value.setattr("column", e.column);
        });
        err
    }
}

/// Run core code, turning a panic into a `KubegovError` with code `internal`
/// instead of a crash or a bare `PanicException`.
pub(crate) fn guard<T>(f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(Error::new(
                Kind::Internal,
                "internal",
                format!("internal error in kubegov (please report it): {what}"),
            ))
        }
    }
}

/// Register the exception classes on the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("KubegovError", py.get_type::<KubegovError>())?;
    m.add("LoadError", py.get_type::<LoadError>())?;
    m.add("ParseError", py.get_type::<ParseError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("EvaluationError", py.get_type::<EvaluationError>())?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    // Class-level defaults, so an exception raised by hand has the attributes too.
    let base = py.get_type::<KubegovError>();
    base.setattr("code", "internal")?;
    base.setattr("file", py.None())?;
    base.setattr("line", 0)?;
    base.setattr("column", 0)?;
    Ok(())
}
