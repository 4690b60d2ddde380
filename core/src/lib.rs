#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod baseline;
mod bundle;
mod config;
pub mod docs;
mod embedded;
mod error;
mod evaluate;
pub mod exceptions;
#[doc(hidden)]
pub mod fuzzing;
pub mod gatekeeper;
pub mod glob;
mod import_refs;
mod limits;
mod locations;
mod metadata;
mod objects;
mod policy;
mod precompiled;
pub mod render;
mod report;
mod rvm;
mod schema;
pub mod selector;
mod settings;
mod subset;
pub mod testing;
mod yaml;

/// The root README's Rust example, run as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

pub use bundle::{Bundle, BundleFile, Verification};
pub use config::{Config, ConfigError};
pub use error::{InputError, LoadError, Location};
pub use limits::{Limits, MAX_REGO_NESTING};
pub use objects::{Object, Objects};
pub use policy::{KindMatch, Policy, Severity};
pub use report::{
    validate_report_json, Action, BundleInfo, ExceptionRef, Finding, Notice, ObjectRef, PolicyRef,
    Report, ReportError, SourceRef, Status, Summary, REPORT_SCHEMA, SCHEMA_VERSION,
};

/// Parse YAML 1.2 (or JSON) text holding one document into a JSON value,
/// as kubegov reads manifests (`yes` is a string; duplicate keys are errors).
/// An empty text gives `null`.
pub fn parse_yaml(text: &str, file: Option<&str>) -> Result<serde_json::Value, InputError> {
    let docs = yaml::parse_stream(text, &Limits::default());
    let mut it = docs.into_iter();
    let first = match it.next() {
        None => return Ok(serde_json::Value::Null),
        Some(d) => d,
    };
    if let Some(second) = it.next() {
        return Err(InputError::Syntax {
            location: Location {
                file: file.map(str::to_string),
                line: second.pos.0,
                column: second.pos.1,
            },
            message: "expected one YAML document, found several".into(),
        });
    }
    first
        .result
        .map(|(v, _)| v)
        .map_err(|e| InputError::Syntax {
            location: Location {
                file: file.map(str::to_string),
                line: e.line,
                column: e.column,
            },
            message: e.message,
        })
}
