//! The native addon of the `kubegov` npm package: thin napi-rs wrappers over
//! the `kubegov` crate. Arguments are parsed here, the work is done by the
//! core (on the libuv pool for `checkAsync`), and core errors become `Error`
//! objects with a stable `code` and their location. No policy logic lives here.

mod errors;
mod report;

use std::collections::{BTreeMap, HashMap};

use napi::bindgen_prelude::AsyncTask;
use napi::{Env, Task, Unknown};
use napi_derive::napi;
use serde_json::Value;

use crate::errors::{guard, run, Error};
pub use crate::report::Report;

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
    /// or an object.
    #[napi(factory)]
    pub fn load(
        env: Env,
        path: String,
        #[napi(ts_arg_type = "string | Record<string, unknown>")] config: Option<Value>,
    ) -> napi::Result<Bundle> {
        run(&env, || {
            let config = config_arg(config)?;
            let inner = apply_config(kubegov::Bundle::load(&path)?, config)?;
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
            Ok(Report::new(self.inner.evaluate(&objects)))
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
            Ok(report) => Ok(Report::new(report)),
            Err(e) => Err(e.into_js(&env)),
        }
    }
}
