//! Core errors → JavaScript `Error` objects with a stable `code` and, where
//! known, `file`, `line` and `column` (lightningcss' `From<Error> for
//! napi::Error`, with the location kept on the object).

use std::panic::{catch_unwind, AssertUnwindSafe};

use napi::bindgen_prelude::JsObjectValue;
use napi::{Env, JsValue};

/// An error on its way to JavaScript.
#[derive(Debug, Clone)]
pub struct Error {
    /// The core's stable code (`load.rego`, `input.io`, `config.invalid`, `internal`).
    pub code: String,
    /// The message (lowercase, user input in backticks, location first when known).
    pub message: String,
    /// The file, when known.
    pub file: Option<String>,
    /// 1-based line, 0 when unknown.
    pub line: u32,
    /// 1-based column, 0 when unknown.
    pub column: u32,
}

impl Error {
    pub(crate) fn new(code: &str, message: impl Into<String>) -> Error {
        Error {
            code: code.to_string(),
            message: message.into(),
            file: None,
            line: 0,
            column: 0,
        }
    }

    fn located(code: &str, message: String, loc: Option<kubegov::Location>) -> Error {
        let loc = loc.unwrap_or_default();
        Error {
            code: code.to_string(),
            message,
            file: loc.file,
            line: loc.line,
            column: loc.column,
        }
    }

    /// A value passed from JavaScript is not what the function accepts.
    pub(crate) fn invalid(message: impl Into<String>) -> Error {
        Error::new("input.invalid", message)
    }

    /// The JavaScript `Error` object: `message`, `code`, and `file`/`line`/
    /// `column` when known. Thrown as is by napi (the object is kept by
    /// reference inside the `napi::Error`).
    pub(crate) fn into_js(self, env: &Env) -> napi::Error {
        let fallback = napi::Error::new(napi::Status::GenericFailure, self.message.clone());
        let mut obj = match env.create_error(fallback) {
            Ok(o) => o,
            Err(_) => return self.into_plain(),
        };
        let set = (|| -> napi::Result<()> {
            obj.set_named_property("code", self.code.as_str())?;
            if let Some(file) = &self.file {
                obj.set_named_property("file", file.as_str())?;
            }
            if self.line > 0 {
                obj.set_named_property("line", self.line)?;
                obj.set_named_property("column", self.column)?;
            }
            Ok(())
        })();
        match set {
            Ok(()) => napi::Error::from(obj.to_unknown()),
            Err(_) => self.into_plain(),
        }
    }

    /// When the error object cannot be built (the environment is shutting
    /// down): a plain error, the code kept in the message.
    fn into_plain(self) -> napi::Error {
        napi::Error::from_reason(format!("{} [{}]", self.message, self.code))
    }
}

impl From<kubegov::LoadError> for Error {
    fn from(e: kubegov::LoadError) -> Error {
        Error::located(e.code(), e.to_string(), e.location())
    }
}

impl From<kubegov::InputError> for Error {
    fn from(e: kubegov::InputError) -> Error {
        Error::located(e.code(), e.to_string(), e.location())
    }
}

impl From<kubegov::ConfigError> for Error {
    fn from(e: kubegov::ConfigError) -> Error {
        Error::located(e.code(), e.to_string(), e.location())
    }
}

impl From<kubegov::gatekeeper::GatekeeperError> for Error {
    fn from(e: kubegov::gatekeeper::GatekeeperError) -> Error {
        Error::located(e.code(), e.to_string(), e.location())
    }
}

/// Run core code, turning a panic into an error with code `internal` instead
/// of unwinding into Node (which would abort the process).
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
                "internal",
                format!("internal error in kubegov (please report it): {what}"),
            ))
        }
    }
}

/// `guard`, then the JavaScript error.
pub(crate) fn run<T>(env: &Env, f: impl FnOnce() -> Result<T, Error>) -> napi::Result<T> {
    guard(f).map_err(|e| e.into_js(env))
}
