//! The native addon of the `kubegov` npm package: thin napi-rs wrappers over
//! the `kubegov` crate. Arguments are parsed here, the work is done by the
//! core (on the libuv pool for `checkAsync`), and core errors become `Error`
//! objects with a stable `code` and their location. No policy logic lives here.

mod errors;
mod report;
mod verify;

use std::collections::{BTreeMap, HashMap};

use napi::bindgen_prelude::{AsyncTask, Uint8Array};
use napi::{Env, Task, Unknown};
use napi_derive::napi;
use serde_json::Value;

use crate::errors::{guard, run, Error};
use crate::report::n;
pub use crate::report::Report;
pub use crate::verify::{verify, verify_async};

/// The package's version (the crate's, the wheel's and the npm package's).
#[napi]
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The version of the report's JSON schema (`schemaVersion`).
#[napi]
pub const SCHEMA_VERSION: &str = kubegov::SCHEMA_VERSION;

// The CLI uses mimalloc too: the same allocator keeps the two comparable
// (parsing and evaluation are allocation-heavy).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Objects to check, as received from JavaScript, before any I/O.
#[derive(Debug)]
enum Input {
    /// A string: YAML/JSON text or a path (the core's rule).
    TextOrPath(String),
    /// An object, or an array of objects.
    Value(Value),
    /// An array mixing paths, texts and objects.
    Many(Vec<Input>),
}

/// A JavaScript value as JSON; what JSON cannot hold (`NaN`, functions,
/// symbols, bigints, cycles) is an `input.invalid` error.
fn from_js(env: &Env, value: Unknown<'_>) -> Result<Value, Error> {
    env.from_js_value::<Value, _>(value)
        .map_err(|e| Error::invalid(format!("cannot read the value as JSON: {}", e.reason)))
}

fn input_arg(value: Value) -> Result<Input, Error> {
    match value {
        Value::String(s) => Ok(Input::TextOrPath(s)),
        Value::Object(_) => Ok(Input::Value(value)),
        Value::Array(items) => {
            if items.iter().all(Value::is_object) {
                return Ok(Input::Value(Value::Array(items)));
            }
            items
                .into_iter()
                .map(|i| match i {
                    Value::String(s) => Ok(Input::TextOrPath(s)),
                    Value::Object(_) => Ok(Input::Value(i)),
                    other => Err(not_checkable(&other)),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Input::Many)
        }
        other => Err(not_checkable(&other)),
    }
}

fn not_checkable(v: &Value) -> Error {
    let what = match v {
        Value::Null => "null or undefined",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    Error::invalid(format!(
        "cannot check a {what}: pass an object, an array of objects, YAML/JSON text, or a path"
    ))
}

fn read_input(input: Input) -> Result<kubegov::Objects, Error> {
    Ok(match input {
        Input::TextOrPath(s) => kubegov::Objects::from_text_or_path(&s)?,
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

/// A configuration, as received from JavaScript.
#[derive(Debug)]
enum ConfigArg {
    File(String),
    Yaml(String),
}

fn config_arg(value: Option<Value>) -> Result<Option<ConfigArg>, Error> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            let t = s.trim_start();
            if s.contains('\n') || t.starts_with('{') {
                Ok(Some(ConfigArg::Yaml(s)))
            } else {
                Ok(Some(ConfigArg::File(s)))
            }
        }
        Some(v @ Value::Object(_)) => Ok(Some(ConfigArg::Yaml(v.to_string()))),
        Some(_) => Err(Error::new(
            "config.invalid",
            "a configuration is a path, YAML text or an object",
        )),
    }
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

/// The kinds a policy applies to, in Gatekeeper's `match.kinds` shape.
#[napi(object)]
#[derive(Debug)]
pub struct KindMatch {
    /// API groups (`""` is the core group, `*` any).
    pub api_groups: Vec<String>,
    /// Kinds (`*` any).
    pub kinds: Vec<String>,
}

/// One policy of a bundle: its identity and documentation.
#[napi(object)]
#[derive(Debug)]
pub struct Policy {
    /// Stable kebab-case id (`privileged-containers`).
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Severity.
    #[napi(ts_type = "'critical' | 'high' | 'medium' | 'low' | 'info'")]
    pub severity: String,
    /// Category.
    pub category: String,
    /// Compliance controls by framework.
    pub controls: BTreeMap<String, Vec<String>>,
    /// The kinds it applies to (empty: all).
    pub kinds: Vec<KindMatch>,
    /// The JSON Schema of its parameters, if it takes any.
    #[napi(ts_type = "Record<string, unknown>")]
    pub parameters: Option<Value>,
    /// How to fix a violation.
    pub remediation: Option<String>,
    /// Related documentation URLs.
    pub related_resources: Vec<String>,
    /// Rego package.
    pub package: String,
    /// Source file in the bundle.
    pub file: String,
}

fn policy(p: &kubegov::Policy) -> Policy {
    Policy {
        id: p.id().to_string(),
        title: p.title().to_string(),
        description: p.description().to_string(),
        severity: p.severity().as_str().to_string(),
        category: p.category().to_string(),
        controls: p.controls().clone(),
        kinds: p
            .kinds()
            .iter()
            .map(|k| KindMatch {
                api_groups: k.api_groups.clone(),
                kinds: k.kinds.clone(),
            })
            .collect(),
        parameters: p.parameters().cloned(),
        remediation: p.remediation().map(str::to_string),
        related_resources: p.related_resources().to_vec(),
        package: p.package().to_string(),
        file: p.file().to_string(),
    }
}

/// A compiled policy bundle: immutable, shared by every check made with it.
#[napi]
#[derive(Debug)]
pub struct Bundle {
    inner: kubegov::Bundle,
}

#[napi]
impl Bundle {
    /// The built-in policy library; `config` is a configuration file path,
    /// YAML text, or an object.
    #[napi(factory, js_name = "default")]
    pub fn embedded(
        env: Env,
        #[napi(ts_arg_type = "string | Record<string, unknown>")] config: Option<Value>,
    ) -> napi::Result<Bundle> {
        run(&env, || {
            let config = config_arg(config)?;
            let inner = apply_config(kubegov::Bundle::embedded()?, config)?;
            Ok(Bundle { inner })
        })
    }

    /// Load a bundle: a directory of `.rego` and data files, or an OPA bundle
    /// archive (`.tar.gz`); `config` is a configuration file path, YAML text,
    /// or an object. With `options.verificationKey` (a PEM public key, or the
    /// shared secret of an HMAC-signed bundle) the bundle must be signed
    /// (`.signatures.json`, as `opa build --signing-key` writes it) and is
    /// refused before any policy is parsed unless every file matches;
    /// `keyId` and `scope` are then required in the signature too.
    #[napi(factory)]
    pub fn load(
        env: Env,
        path: String,
        #[napi(ts_arg_type = "string | Record<string, unknown> | null")] config: Option<Value>,
        options: Option<LoadOptions>,
    ) -> napi::Result<Bundle> {
        run(&env, || {
            let config = config_arg(config)?;
            let bundle = match verification(options)? {
                Some(v) => kubegov::Bundle::load_verified(&path, &v)?,
                None => kubegov::Bundle::load(&path)?,
            };
            let inner = apply_config(bundle, config)?;
            Ok(Bundle { inner })
        })
    }

    /// Load an OPA bundle archive (`.tar.gz`) from memory (a `Uint8Array`,
    /// such as a `Buffer`).
    #[napi(factory)]
    pub fn from_tar_gz(
        env: Env,
        data: Uint8Array,
        #[napi(ts_arg_type = "string | Record<string, unknown> | null")] config: Option<Value>,
    ) -> napi::Result<Bundle> {
        run(&env, || {
            let config = config_arg(config)?;
            let inner = apply_config(kubegov::Bundle::from_tar_gz(&data)?, config)?;
            Ok(Bundle { inner })
        })
    }

    /// Compile a bundle from sources: `{"path.rego": "...", "lib/data.json": "..."}`;
    /// `data` (any JSON value) is added as the bundle's root `data.json`.
    #[napi(factory)]
    pub fn from_sources(
        env: Env,
        sources: HashMap<String, String>,
        #[napi(ts_arg_type = "unknown")] data: Option<Value>,
        #[napi(ts_arg_type = "string | Record<string, unknown>")] config: Option<Value>,
    ) -> napi::Result<Bundle> {
        run(&env, || {
            let mut files: Vec<(String, String)> = sources.into_iter().collect();
            if let Some(data) = data.filter(|d| !d.is_null()) {
                if files
                    .iter()
                    .any(|(p, _)| p == "data.json" || p == "data.yaml")
                {
                    return Err(Error::new(
                        "load.data",
                        "`data` was given and the sources have a root `data.json`/`data.yaml` too",
                    ));
                }
                files.push(("data.json".into(), data.to_string()));
            }
            let config = config_arg(config)?;
            let inner = apply_config(kubegov::Bundle::from_sources(files)?, config)?;
            Ok(Bundle { inner })
        })
    }

    /// This bundle with a configuration applied (a path, YAML text or an
    /// object); the compiled policies are shared, not recompiled.
    #[napi]
    pub fn configure(
        &self,
        env: Env,
        #[napi(ts_arg_type = "string | Record<string, unknown>")] config: Value,
    ) -> napi::Result<Bundle> {
        run(&env, || {
            let config = config_arg(Some(config))?;
            let inner = apply_config(self.inner.clone(), config)?;
            Ok(Bundle { inner })
        })
    }

    /// Check objects: an object, an array of objects, YAML/JSON text, the
    /// path of a file or directory, or an array of those. Blocks the calling
    /// thread; see `checkAsync`.
    #[napi]
    pub fn check(
        &self,
        env: Env,
        #[napi(
            ts_arg_type = "string | Record<string, unknown> | Array<string | Record<string, unknown>>"
        )]
        objects: Unknown<'_>,
    ) -> napi::Result<Report> {
        let objects = from_js(&env, objects);
        run(&env, || {
            let objects = read_input(input_arg(objects?)?)?;
            Ok(Report::new(
                self.inner.evaluate(&objects),
                self.inner.clone(),
            ))
        })
    }

    /// `check` computed on the libuv thread pool: reading files, parsing and
    /// evaluating happen off the main thread.
    #[napi(ts_return_type = "Promise<Report>")]
    pub fn check_async(
        &self,
        env: Env,
        #[napi(
            ts_arg_type = "string | Record<string, unknown> | Array<string | Record<string, unknown>>"
        )]
        objects: Unknown<'_>,
    ) -> AsyncTask<CheckTask> {
        AsyncTask::new(CheckTask {
            bundle: self.inner.clone(),
            input: Some(from_js(&env, objects).and_then(input_arg)),
        })
    }

    /// The bundle's policies, sorted by id.
    #[napi(getter)]
    pub fn policies(&self) -> Vec<Policy> {
        self.inner.policies().iter().map(policy).collect()
    }

    /// A policy by id, or `null`.
    #[napi]
    pub fn policy(&self, id: String) -> Option<Policy> {
        self.inner.policy(&id).map(policy)
    }

    /// Whether a policy runs under the bundle's configuration.
    #[napi]
    pub fn is_enabled(&self, id: String) -> bool {
        self.inner.is_enabled(&id)
    }

    /// SHA-256 (hex) over the bundle's sources: the same sources, the same digest.
    #[napi(getter)]
    pub fn digest(&self) -> String {
        self.inner.digest().to_string()
    }

    /// Run the bundle's Rego unit tests (`test_*` rules in `*_test.rego`);
    /// `filter` is a regular expression on `package.rule`.
    #[napi]
    pub fn test(&self, env: Env, filter: Option<String>) -> napi::Result<TestResults> {
        run(&env, || run_tests(&self.inner, filter.as_deref()))
    }
}

/// How `Bundle.load` checks a signed bundle.
#[napi(object)]
#[derive(Debug, Default)]
pub struct LoadOptions {
    /// A PEM public key, or the shared secret of an HMAC-signed bundle: the
    /// bundle must then be signed and every file must match.
    pub verification_key: Option<String>,
    /// The key id the signature must name.
    pub key_id: Option<String>,
    /// The scope the signature must name.
    pub scope: Option<String>,
}

fn verification(options: Option<LoadOptions>) -> Result<Option<kubegov::Verification>, Error> {
    let LoadOptions {
        verification_key,
        key_id,
        scope,
    } = options.unwrap_or_default();
    match verification_key {
        Some(key) => {
            let mut v = kubegov::Verification::new(key);
            if let Some(id) = key_id {
                v = v.with_key_id(id);
            }
            if let Some(s) = scope {
                v = v.with_scope(s);
            }
            Ok(Some(v))
        }
        None if key_id.is_some() || scope.is_some() => Err(Error::invalid(
            "`keyId` and `scope` need a `verificationKey`",
        )),
        None => Ok(None),
    }
}

/// One Rego unit test's result.
#[napi(object)]
#[derive(Debug)]
pub struct TestResult {
    /// The test file.
    pub file: String,
    /// The package of the test.
    pub package: String,
    /// The rule name.
    pub name: String,
    /// 1-based line of the rule.
    pub line: u32,
    /// How it ended.
    #[napi(ts_type = "'pass' | 'fail' | 'error'")]
    pub outcome: String,
    /// The error message, for outcome `error`.
    pub error: Option<String>,
    /// Time taken, in microseconds.
    pub micros: f64,
}

/// The results of a bundle's Rego unit tests.
#[napi(object)]
#[derive(Debug)]
pub struct TestResults {
    /// Each test, in file and line order.
    pub tests: Vec<TestResult>,
    /// Number of passing tests.
    pub passed: u32,
    /// Number of failing or erroring tests.
    pub failed: u32,
    /// Whether every test passed (and there was at least one).
    pub ok: bool,
}

fn run_tests(bundle: &kubegov::Bundle, filter: Option<&str>) -> Result<TestResults, Error> {
    use kubegov::testing::TestOutcome;
    let re = filter
        .map(regex::Regex::new)
        .transpose()
        .map_err(|e| Error::invalid(format!("invalid test filter: {e}")))?;
    let r = bundle.run_tests(re.as_ref())?;
    Ok(TestResults {
        tests: r
            .tests
            .iter()
            .map(|t| TestResult {
                file: t.file.clone(),
                package: t.package.clone(),
                name: t.name.clone(),
                line: t.line,
                outcome: match t.outcome {
                    TestOutcome::Pass => "pass",
                    TestOutcome::Fail => "fail",
                    TestOutcome::Error(_) => "error",
                }
                .to_string(),
                error: match &t.outcome {
                    TestOutcome::Error(m) => Some(m.clone()),
                    _ => None,
                },
                // exact below 2^53 µs (285 years)
                micros: t.micros as f64,
            })
            .collect(),
        passed: n(r.passed()),
        failed: n(r.failed()),
        ok: r.failed() == 0 && !r.tests.is_empty(),
    })
}

/// Run the Rego unit tests of a bundle (a directory or `.tar.gz`), or of the
/// built-in library when `path` is absent.
#[napi(js_name = "test")]
pub fn test_bundle(
    env: Env,
    path: Option<String>,
    filter: Option<String>,
) -> napi::Result<TestResults> {
    run(&env, || {
        let bundle = match &path {
            Some(p) => kubegov::Bundle::load(p)?,
            None => kubegov::Bundle::embedded()?,
        };
        run_tests(&bundle, filter.as_deref())
    })
}

/// Parse YAML 1.2 (or JSON) text holding one document, as kubegov reads
/// manifests (`yes` is a string; duplicate keys are errors); a syntax error
/// throws with code `input.syntax` and its location.
#[napi(ts_return_type = "unknown")]
pub fn parse_yaml(env: Env, text: String, file: Option<String>) -> napi::Result<Value> {
    run(&env, || Ok(kubegov::parse_yaml(&text, file.as_deref())?))
}

/// Panics inside the guard, to test that no panic reaches Node.
#[napi(js_name = "__panicForTests", skip_typescript)]
#[allow(clippy::panic)]
pub fn panic_for_tests(env: Env) -> napi::Result<()> {
    run(&env, || panic!("deliberate panic for tests"))
}

/// The work of `checkAsync`.
#[derive(Debug)]
pub struct CheckTask {
    bundle: kubegov::Bundle,
    input: Option<Result<Input, Error>>,
}

impl Task for CheckTask {
    type Output = Result<kubegov::Report, Error>;
    type JsValue = Report;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let input = self.input.take();
        let bundle = &self.bundle;
        Ok(guard(|| {
            let input = input.ok_or_else(|| Error::new("internal", "task computed twice"))??;
            let objects = read_input(input)?;
            Ok(bundle.evaluate(&objects))
        }))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Report> {
        match output {
            Ok(report) => Ok(Report::new(report, self.bundle.clone())),
            Err(e) => Err(e.into_js(&env)),
        }
    }
}
