//! The `kubegov-wasm` npm package: thin wasm-bindgen wrappers over the
//! `kubegov` crate, for browsers (ES module) and Node. Arguments are read
//! here, the work is done by the core, and core errors become `Error` objects
//! with a stable `code` and their location. No policy logic lives here: the
//! report is the core's canonical JSON, byte for byte.

mod errors;

use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub use crate::errors::Error;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Severity of a policy, most severe first. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** Objects to check: YAML/JSON text (multi-document), an object, or an array of those. */
export type CheckInput = string | Record<string, unknown> | Array<string | Record<string, unknown>>;

/** The error thrown by every function of this package. */
export interface KubegovError extends Error {
  name: 'KubegovError';
  /** Stable code: `load.rego`, `load.metadata`, `load.data`, `input.syntax`, `input.invalid`, `config.invalid`...; `internal` for an internal error (a panic: please report it), `bundle.invalidated` for a bundle made before the module was restarted after one. */
  code: string;
  /** The file, when known. */
  file?: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
  /** The engine's full diagnostic, for Rego errors. */
  detail?: string;
}

export interface PolicyRef {
  id: string;
  title: string;
  severity: Severity;
  category: string;
  controls: Record<string, string[]>;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface SourceRef {
  file?: string;
  /** 1-based line of the offending field (or of the document). */
  line: number;
  column: number;
  /** 0-based index of the document in its file. */
  document: number;
}

export interface ExceptionRef {
  source: string;
  reason: string;
  owner?: string;
  expires?: string;
}

export interface Finding {
  policy: PolicyRef;
  action: 'deny' | 'warn' | 'dryrun';
  status: 'violation' | 'exempted';
  message: string;
  object: ObjectRef;
  source: SourceRef;
  /** The offending field, e.g. `spec.containers[0].securityContext.privileged`. */
  path?: string;
  remediation?: string;
  details?: Record<string, unknown>;
  exception?: ExceptionRef;
}

/** A document that could not be read or evaluated; the rest still were. */
export interface ReportError {
  file?: string;
  line: number;
  column: number;
  document: number;
  code: string;
  policy?: string;
  message: string;
}

export interface Notice {
  code: string;
  message: string;
  file?: string;
  line: number;
  column: number;
}

export interface Summary {
  objects: number;
  findings: Record<Severity | 'total', number>;
  actions: Record<'deny' | 'warn' | 'dryrun', number>;
  errors: number;
  exempted: number;
}

/** The report: the same document as `kubegov check -o json` and every other binding. */
export interface Report {
  schemaVersion: string;
  bundle: { digest: string; policies: number };
  summary: Summary;
  findings: Finding[];
  errors: ReportError[];
  notices?: Notice[];
}

export interface KindMatch {
  apiGroups: string[];
  kinds: string[];
}

/** One policy of a bundle: its identity and documentation. */
export interface Policy {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  category: string;
  controls: Record<string, string[]>;
  kinds: KindMatch[];
  parameters?: Record<string, unknown>;
  remediation?: string;
  relatedResources: string[];
  package: string;
  file: string;
}

/** One Rego unit test (`test_*` rule of a `*_test.rego` file). */
export interface TestResult {
  file: string;
  package: string;
  name: string;
  line: number;
  outcome: 'pass' | 'fail' | 'error';
  /** The evaluation error, for `error`. */
  message?: string;
  micros: number;
}

export interface TestResults {
  tests: TestResult[];
  passed: number;
  failed: number;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `Report` in TypeScript.
    #[wasm_bindgen(typescript_type = "Report")]
    pub type JsReport;
    /// `Policy[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "Policy[]")]
    pub type JsPolicies;
    /// `Policy | undefined` in TypeScript.
    #[wasm_bindgen(typescript_type = "Policy | undefined")]
    pub type JsPolicyOrUndefined;
    /// `TestResults` in TypeScript.
    #[wasm_bindgen(typescript_type = "TestResults")]
    pub type JsTestResults;
    /// `Record<string, string>` in TypeScript.
    #[wasm_bindgen(typescript_type = "Record<string, string>")]
    pub type JsFiles;
    /// `CheckInput` in TypeScript.
    #[wasm_bindgen(typescript_type = "CheckInput")]
    pub type JsCheckInput;
    /// `string | Record<string, unknown>` in TypeScript.
    #[wasm_bindgen(typescript_type = "string | Record<string, unknown>")]
    pub type JsConfig;

    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// A JSON value as a JavaScript value (through `JSON.parse`, so the
/// object's keys keep their order).
fn to_js(value: &str) -> Result<JsValue, Error> {
    js_sys::JSON::parse(value).map_err(|_| Error::new("internal", "cannot build the result"))
}

/// A JavaScript value as JSON (through `JSON.stringify`); what JSON cannot
/// hold (functions, symbols, bigints, cycles) is an `input.invalid` error.
fn from_js(value: &JsValue) -> Result<Value, Error> {
    let text = js_sys::JSON::stringify(value)
        .map_err(|e| {
            let why = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default();
            Error::invalid(format!("cannot read the value as JSON: {why}"))
        })?
        .as_string()
        .ok_or_else(|| Error::invalid("cannot read the value as JSON"))?;
    serde_json::from_str(&text)
        .map_err(|e| Error::invalid(format!("cannot read the value as JSON: {e}")))
}

fn not_checkable(v: &JsValue) -> Error {
    let what = if v.is_null() || v.is_undefined() {
        "null or undefined".to_string()
    } else {
        v.js_typeof().as_string().unwrap_or_default()
    };
    Error::invalid(format!(
        "cannot check a {what}: pass YAML/JSON text, an object, or an array of those"
    ))
}

/// The objects of a `check` argument; `file` names the text in the report.
fn read_input(input: &JsValue, file: Option<&str>) -> Result<kubegov::Objects, Error> {
    if let Some(text) = input.as_string() {
        return Ok(kubegov::Objects::from_text(&text, file));
    }
    if js_sys::Array::is_array(input) {
        let items = js_sys::Array::from(input);
        if items
            .iter()
            .all(|i| i.is_object() && !js_sys::Array::is_array(&i))
        {
            return Ok(kubegov::Objects::from_value(from_js(input)?));
        }
        let mut all = kubegov::Objects::new();
        for item in items.iter() {
            if let Some(text) = item.as_string() {
                all.add_text(&text, file);
            } else if item.is_object() && !js_sys::Array::is_array(&item) {
                all.add_value(from_js(&item)?, file);
            } else {
                return Err(not_checkable(&item));
            }
        }
        return Ok(all);
    }
    if input.is_object() {
        return Ok(kubegov::Objects::from_value(from_js(input)?));
    }
    Err(not_checkable(input))
}

/// `{path: text}` from a JavaScript object.
fn read_files(files: &JsValue) -> Result<Vec<(String, String)>, Error> {
    if !files.is_object() || js_sys::Array::is_array(files) {
        return Err(Error::invalid(
            "sources are an object mapping paths to texts: `{\"policy.rego\": \"...\"}`",
        ));
    }
    let mut out = Vec::new();
    for entry in js_sys::Object::entries(files.unchecked_ref()).iter() {
        let pair = js_sys::Array::from(&entry);
        let path = pair.get(0).as_string().unwrap_or_default();
        let text = pair
            .get(1)
            .as_string()
            .ok_or_else(|| Error::invalid(format!("the source `{path}` is not a string")))?;
        out.push((path, text));
    }
    Ok(out)
}

fn files_to_js(files: &[kubegov::BundleFile]) -> Result<JsFiles, Error> {
    let map: serde_json::Map<String, Value> = files
        .iter()
        .map(|f| (f.path().to_string(), Value::String(f.content().to_string())))
        .collect();
    Ok(to_js(&Value::Object(map).to_string())?.unchecked_into())
}

fn policy_json(p: &kubegov::Policy) -> Value {
    let mut v = json!({
        "id": p.id(),
        "title": p.title(),
        "description": p.description(),
        "severity": p.severity().as_str(),
        "category": p.category(),
        "controls": p.controls(),
        "kinds": p.kinds(),
        "relatedResources": p.related_resources(),
        "package": p.package(),
        "file": p.file(),
    });
    if let Some(obj) = v.as_object_mut() {
        if let Some(params) = p.parameters() {
            obj.insert("parameters".into(), params.clone());
        }
        if let Some(r) = p.remediation() {
            obj.insert("remediation".into(), Value::String(r.to_string()));
        }
    }
    v
}

fn config_arg(config: &JsValue) -> Result<kubegov::Config, Error> {
    if config.is_null() || config.is_undefined() {
        return Ok(kubegov::Config::new());
    }
    let text = match config.as_string() {
        Some(text) => text,
        None if config.is_object() && !js_sys::Array::is_array(config) => {
            from_js(config)?.to_string()
        }
        None => {
            return Err(Error::new(
                "config.invalid",
                "a configuration is YAML text or an object",
            ))
        }
    };
    Ok(kubegov::Config::from_yaml(&text, None)?)
}

/// Today (UTC, `YYYY-MM-DD`) from JavaScript's clock: wasm32 has no clock of
/// its own, and exceptions' expiry dates are compared with today.
fn today() -> String {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    iso.get(..10).unwrap_or("1970-01-01").to_string()
}

/// The bundle with `config` applied and today's date set.
fn apply_config(bundle: kubegov::Bundle, config: &JsValue) -> Result<kubegov::Bundle, Error> {
    let mut config = config_arg(config)?;
    config.set_today(&today())?;
    Ok(bundle.configure(&config)?)
}

/// The last panic's message (`<message> at <file>:<line>:<column>`), kept by
/// the panic hook for the JavaScript layer: under `panic = "abort"` a panic is
/// a trap (`WebAssembly.RuntimeError: unreachable`) that carries no message,
/// so the package's wrapper (`js/runtime.js`) reads it with `__lastPanic`
/// before it re-instantiates the module.
static LAST_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Installs the panic hook (once): it keeps the message for `__lastPanic`
/// and logs it on the console. Every entry point that makes a bundle calls
/// it, so it is in place before any bundle method runs.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let payload = info.payload();
            let what = payload
                .downcast_ref::<&str>()
                .copied()
                .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                .unwrap_or("unknown panic");
            let what = match info.location() {
                Some(at) => format!("{what} at {}:{}:{}", at.file(), at.line(), at.column()),
                None => what.to_string(),
            };
            console_error(&format!(
                "kubegov: internal error (please report it): {what}"
            ));
            let mut last = match LAST_PANIC.lock() {
                Ok(guard) => guard,
                Err(poisoned) => poisoned.into_inner(),
            };
            *last = Some(what);
        }));
    });
}

/// Internal, not part of the API: the last panic's message, taken (read
/// once) by the JavaScript wrapper after a trap.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__lastPanic", skip_typescript)]
pub fn last_panic() -> Option<String> {
    match LAST_PANIC.lock() {
        Ok(mut guard) => guard.take(),
        Err(poisoned) => poisoned.into_inner().take(),
    }
}

/// Test-only, not part of the API: panics, so that tests can check that a
/// panic reaches JavaScript as a `KubegovError` with code `internal` and that
/// the package keeps working afterwards (the Node binding has the same hidden
/// export).
#[doc(hidden)]
#[wasm_bindgen(js_name = "__panicForTests", skip_typescript)]
#[allow(clippy::panic)]
pub fn panic_for_tests() {
    install_panic_hook();
    panic!("deliberate panic for tests");
}

/// The version of the package (the workspace version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// A compiled policy bundle: immutable, shared by every check made with it.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Bundle {
    inner: kubegov::Bundle,
}

#[wasm_bindgen]
impl Bundle {
    /// The built-in policy library; `config` is YAML text or an object
    /// (the CLI's `--config` file).
    #[wasm_bindgen(js_name = "default")]
    pub fn embedded(config: Option<JsConfig>) -> Result<Bundle, Error> {
        install_panic_hook();
        let config: JsValue = config.map(Into::into).unwrap_or(JsValue::UNDEFINED);
        let inner = apply_config(kubegov::Bundle::embedded()?, &config)?;
        Ok(Bundle { inner })
    }

    /// Compile a bundle from sources: `{"policy.rego": "...", "lib/data.json": "..."}`
    /// (a path ending in `data.json`/`data.yaml` is a data document);
    /// `config` is YAML text or an object.
    #[wasm_bindgen(js_name = "fromSources")]
    pub fn from_sources(files: JsFiles, config: Option<JsConfig>) -> Result<Bundle, Error> {
        install_panic_hook();
        let files = read_files(&files)?;
        let config: JsValue = config.map(Into::into).unwrap_or(JsValue::UNDEFINED);
        let inner = apply_config(kubegov::Bundle::from_sources(files)?, &config)?;
        Ok(Bundle { inner })
    }

    /// The files of the built-in library (`{path: text}`: policies, their
    /// tests, the shared `lib/` modules), to build on with `fromSources`.
    #[wasm_bindgen(js_name = "librarySources")]
    pub fn library_sources() -> Result<JsFiles, Error> {
        install_panic_hook();
        files_to_js(kubegov::Bundle::embedded()?.files())
    }

    /// The files this bundle was built from (`{path: text}`, sorted by path).
    pub fn files(&self) -> Result<JsFiles, Error> {
        files_to_js(self.inner.files())
    }

    /// Check objects (YAML/JSON text, an object, or an array of those) and
    /// return the report; `file` names the text in the report's locations.
    pub fn check(&self, input: JsCheckInput, file: Option<String>) -> Result<JsReport, Error> {
        Ok(to_js(&self.check_json(input, file)?)?.unchecked_into())
    }

    /// `check`, as the canonical JSON text (two-space indentation): the same
    /// bytes as the CLI's `-o json` and every other binding.
    #[wasm_bindgen(js_name = "checkJson")]
    pub fn check_json(&self, input: JsCheckInput, file: Option<String>) -> Result<String, Error> {
        let objects = read_input(&input, file.as_deref())?;
        Ok(self.inner.evaluate(&objects).to_json())
    }

    /// The bundle's policies, sorted by id.
    pub fn policies(&self) -> Result<JsPolicies, Error> {
        let all: Vec<Value> = self.inner.policies().iter().map(policy_json).collect();
        Ok(to_js(&Value::Array(all).to_string())?.unchecked_into())
    }

    /// A policy by id, or `undefined`.
    pub fn policy(&self, id: &str) -> Result<JsPolicyOrUndefined, Error> {
        match self.inner.policy(id) {
            Some(p) => Ok(to_js(&policy_json(p).to_string())?.unchecked_into()),
            None => Ok(JsValue::UNDEFINED.unchecked_into()),
        }
    }

    /// Run the bundle's Rego unit tests (`test_*` rules of `*_test.rego`
    /// files); `filter` is a regular expression matched against
    /// `package.rule`.
    pub fn test(&self, filter: Option<String>) -> Result<JsTestResults, Error> {
        let re = match filter.as_deref() {
            None | Some("") => None,
            Some(f) => Some(regex::Regex::new(f).map_err(|e| {
                Error::invalid(format!(
                    "the test filter `{f}` is not a regular expression: {e}"
                ))
            })?),
        };
        let results = self.inner.run_tests(re.as_ref())?;
        let tests: Vec<Value> = results
            .tests
            .iter()
            .map(|t| {
                let (outcome, message) = match &t.outcome {
                    kubegov::testing::TestOutcome::Pass => ("pass", None),
                    kubegov::testing::TestOutcome::Fail => ("fail", None),
                    kubegov::testing::TestOutcome::Error(m) => ("error", Some(m.clone())),
                };
                let mut v = json!({
                    "file": t.file,
                    "package": t.package,
                    "name": t.name,
                    "line": t.line,
                    "outcome": outcome,
                    "micros": t.micros,
                });
                if let (Some(obj), Some(m)) = (v.as_object_mut(), message) {
                    obj.insert("message".into(), Value::String(m));
                }
                v
            })
            .collect();
        let all = json!({
            "tests": tests,
            "passed": results.passed(),
            "failed": results.failed(),
        });
        Ok(to_js(&all.to_string())?.unchecked_into())
    }

    /// SHA-256 (hex) over the bundle's sources: the same sources, the same digest.
    #[wasm_bindgen(getter)]
    pub fn digest(&self) -> String {
        self.inner.digest().to_string()
    }

    /// The number of policies.
    #[wasm_bindgen(getter, js_name = "policyCount")]
    pub fn policy_count(&self) -> usize {
        self.inner.policies().len()
    }
}
