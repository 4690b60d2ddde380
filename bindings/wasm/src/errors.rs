//! Core errors → JavaScript `Error` objects with a stable `code` and, where
//! known, `file`, `line` and `column` (the same shape as the Node binding's).

use wasm_bindgen::{JsCast, JsValue};

/// An error on its way to JavaScript.
#[derive(Debug, Clone)]
pub struct Error {
    /// The core's stable code (`load.rego`, `input.syntax`, `input.invalid`, `internal`).
    pub code: String,
    /// The message (lowercase, user input in backticks, location first when known).
    pub message: String,
    /// The file, when known.
    pub file: Option<String>,
    /// 1-based line, 0 when unknown.
    pub line: u32,
    /// 1-based column, 0 when unknown.
    pub column: u32,
    /// The engine's full diagnostic (with the source line), for Rego errors.
    pub detail: Option<String>,
}

impl Error {
    pub(crate) fn new(code: &str, message: impl Into<String>) -> Error {
        Error {
            code: code.to_string(),
            message: message.into(),
            file: None,
            line: 0,
            column: 0,
            detail: None,
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
            detail: None,
        }
    }

    /// A value passed from JavaScript is not what the function accepts.
    pub(crate) fn invalid(message: impl Into<String>) -> Error {
        Error::new("input.invalid", message)
    }
}

impl From<kubegov::LoadError> for Error {
    fn from(e: kubegov::LoadError) -> Error {
        let detail = match &e {
            kubegov::LoadError::Rego { detail, .. } => Some(detail.clone()),
            _ => None,
        };
        let mut err = Error::located(e.code(), e.to_string(), e.location());
        err.detail = detail;
        err
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

/// The JavaScript `Error` (name `KubegovError`): `message`, `code`, and
/// `file`/`line`/`column` when known, `detail` for Rego diagnostics.
impl From<Error> for JsValue {
    fn from(e: Error) -> JsValue {
        let obj = js_sys::Error::new(&e.message);
        obj.set_name("KubegovError");
        let set = |key: &str, value: JsValue| {
            // Setting a property on a fresh Error object cannot fail; if it
            // ever did, the error would still carry its message.
            let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(key), &value);
        };
        set("code", JsValue::from_str(&e.code));
        if let Some(file) = &e.file {
            set("file", JsValue::from_str(file));
        }
        if e.line > 0 {
            set("line", JsValue::from(e.line));
            set("column", JsValue::from(e.column));
        }
        if let Some(detail) = &e.detail {
            set("detail", JsValue::from_str(detail));
        }
        obj.unchecked_into()
    }
}
