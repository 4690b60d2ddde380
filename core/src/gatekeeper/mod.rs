//! Gatekeeper compatibility: `ConstraintTemplate`s and their constraints,
//! evaluated as Gatekeeper (and its `gator` CLI) evaluates them, and gator's
//! test suites ([`verify`]).
//!
//! - Templates (`templates.gatekeeper.sh/v1`, `v1beta1`, `v1alpha1`): the
//!   Rego of `spec.targets[].rego` with `libs`, or of `spec.targets[].code[]`
//!   with `engine: Rego` (`source.rego`, `source.libs`, `source.version`).
//!   Rego v0 unless the version is `v1`. Each template is compiled in an
//!   engine of its own, so templates may define the same `lib.*` packages.
//!   A `K8sNativeValidation` (CEL) engine beside the Rego one is not run;
//!   gator runs it in preference to Rego, so a suite case that fails on such
//!   a template says so.
//! - Constraints: any kind a loaded template defines
//!   (`spec.crd.spec.names.kind`), with `spec.match` (Gatekeeper's semantics,
//!   see [`crate::selector`]), `spec.parameters` (validated against the
//!   template's `openAPIV3Schema`) and `spec.enforcementAction` (`deny`,
//!   `warn`, `dryrun`; `scoped` is treated as `deny`).
//! - Input as Gatekeeper builds it: `input.review` is the admission request
//!   (for a plain object, as gator and the audit build it: `kind`, `name`,
//!   `namespace`, `object`, an empty `operation`, `uid` and `userInfo`),
//!   `input.parameters`, and `data.inventory` (`cluster[apiVersion][kind][name]`,
//!   `namespace[ns][apiVersion][kind][name]`).
//! - Results: the template's `violation[{"msg": msg, "details": details}]`.
//!   A [`Finding`]'s policy id is `<constraint kind>/<constraint name>`, its
//!   category `gatekeeper`, its severity the constraint's
//!   `kubegov.io/severity` annotation, else the template's, else `medium`.
//! - Constraints are policies of a bundle that holds them
//!   ([`crate::Bundle::policies`]): title and description from the
//!   constraint's `metadata.gatekeeper.sh/title` and `description`
//!   annotations, else the template's, else its kind; enforcement action its
//!   `spec.enforcementAction`.
//!
//! Rego written for OPA is rewritten where regorus would answer differently
//! (see the `rewrite` module): several bodies in a row, a line starting with
//! `(`, `sprintf` with missing arguments, `not f(undefined)`; builtin errors
//! are not strict (an erroring builtin is undefined, as in OPA).

mod rewrite;
mod suite;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use regorus::Value as RValue;
use serde_json::{json, Value};

use crate::error::Location;
use crate::objects::Object;
use crate::policy::{KindMatch, Policy, Severity};
use crate::report::{Action, Finding, ObjectRef, PolicyRef, ReportError, Status};
use crate::selector::{labels_of, Facts, Match};
use crate::Objects;

pub use suite::{verify, verify_suite, CaseResult, CaseStatus, SuiteResults};

/// Loading templates or constraints, or reading a suite, failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GatekeeperError {
    /// A file or directory could not be read.
    #[error("cannot read `{}`: {source}", path.display())]
    Io {
        /// The path that failed.
        path: std::path::PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// YAML or JSON that does not parse, or a document that is not an object.
    #[error("{location}: {message}")]
    Syntax {
        /// Where.
        location: Location,
        /// What is wrong.
        message: String,
    },
    /// A `ConstraintTemplate` is malformed.
    #[error("{location}: template `{template}`: {message}")]
    Template {
        /// Where the template is.
        location: Location,
        /// Its name.
        template: String,
        /// What is wrong.
        message: String,
    },
    /// A template's Rego does not parse or compile.
    #[error("{location}: template `{template}`: {message}")]
    Rego {
        /// Where the error is (the template's file and line when known).
        location: Location,
        /// The template's name.
        template: String,
        /// What is wrong.
        message: String,
        /// The engine's full diagnostic.
        detail: String,
    },
    /// A constraint is malformed (no name, a bad `match` block...).
    #[error("{location}: constraint `{constraint}`: {message}")]
    Constraint {
        /// Where the constraint is.
        location: Location,
        /// `<kind>/<name>`.
        constraint: String,
        /// What is wrong.
        message: String,
    },
    /// A constraint's parameters do not follow its template's schema.
    #[error("{location}: constraint `{constraint}`: parameter `{field}`: {message}")]
    Parameters {
        /// Where the constraint is.
        location: Location,
        /// `<kind>/<name>`.
        constraint: String,
        /// The offending field (`parameters.labels[0].key`).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// A constraint whose kind no loaded template defines.
    #[error("{location}: constraint `{constraint}`: no template defines the kind `{kind}`")]
    UnknownKind {
        /// Where the constraint is.
        location: Location,
        /// `<kind>/<name>`.
        constraint: String,
        /// The kind.
        kind: String,
    },
    /// Two templates define the same constraint kind.
    #[error(
        "{location}: template `{template}`: the kind `{kind}` is already defined by `{other}`"
    )]
    DuplicateKind {
        /// Where the second template is.
        location: Location,
        /// The second template.
        template: String,
        /// The kind.
        kind: String,
        /// The first template.
        other: String,
    },
    /// A gator suite is malformed.
    #[error("{location}: {message}")]
    Suite {
        /// Where.
        location: Location,
        /// What is wrong.
        message: String,
    },
}

impl GatekeeperError {
    /// A stable, machine-readable code for this kind of error.
    pub fn code(&self) -> &'static str {
        match self {
            GatekeeperError::Io { .. } => "gatekeeper.io",
            GatekeeperError::Syntax { .. } => "gatekeeper.syntax",
            GatekeeperError::Template { .. } => "gatekeeper.template",
            GatekeeperError::Rego { .. } => "gatekeeper.rego",
            GatekeeperError::Constraint { .. } => "gatekeeper.constraint",
            GatekeeperError::Parameters { .. } => "gatekeeper.parameters",
            GatekeeperError::UnknownKind { .. } => "gatekeeper.unknown_kind",
            GatekeeperError::DuplicateKind { .. } => "gatekeeper.duplicate_kind",
            GatekeeperError::Suite { .. } => "gatekeeper.suite",
        }
    }

    /// Where the error is, when known.
    pub fn location(&self) -> Option<Location> {
        match self {
            GatekeeperError::Io { path, .. } => Some(Location {
                file: Some(path.display().to_string()),
                line: 0,
                column: 0,
            }),
            GatekeeperError::Syntax { location, .. }
            | GatekeeperError::Template { location, .. }
            | GatekeeperError::Rego { location, .. }
            | GatekeeperError::Constraint { location, .. }
            | GatekeeperError::Parameters { location, .. }
            | GatekeeperError::UnknownKind { location, .. }
            | GatekeeperError::DuplicateKind { location, .. }
            | GatekeeperError::Suite { location, .. } => Some(location.clone()),
        }
    }
}

fn location_of(o: &Object) -> Location {
    Location {
        file: o.source.file.clone(),
        line: o.source.line,
        column: o.source.column,
    }
}

/// The line in a YAML or JSON file of line `rego_line` of a Rego source
/// held in a string value whose position is line `at`: a block scalar
/// (`rego: |`) starts on the next line, a plain one where it is (as a
/// sequence item's block text is located); a quoted string (JSON) holds its
/// lines on one, so `at` is all that can be said.
fn file_line(text: &str, at: u32, rego_line: u32) -> u32 {
    let line = text
        .lines()
        .nth(at.saturating_sub(1) as usize)
        .unwrap_or("")
        .trim();
    // the value on that line, after `- ` and `key:`
    let value = line.trim_start_matches("- ");
    let value = match value.split_once(": ") {
        Some((key, v)) if !key.starts_with(['"', '\'']) || key.ends_with(['"', '\'']) => v,
        _ => value,
    }
    .trim();
    let block = value.starts_with(['|', '>'])
        && value
            .trim_start_matches(['|', '>'])
            .chars()
            .all(|c| matches!(c, '+' | '-') || c.is_ascii_digit());
    if block || value.is_empty() {
        at + rego_line
    } else if value.starts_with(['"', '\'']) || line.ends_with(':') {
        at
    } else {
        (at + rego_line).saturating_sub(1)
    }
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut cur = v;
    for k in path {
        cur = cur.get(k)?;
    }
    cur.as_str()
}

/// Whether a value is a `ConstraintTemplate`.
pub(crate) fn is_template(v: &Value) -> bool {
    v.get("kind").and_then(Value::as_str) == Some("ConstraintTemplate")
        && str_at(v, &["apiVersion"]).is_some_and(|a| a.starts_with("templates.gatekeeper.sh/"))
}

/// Whether a value is a constraint (`constraints.gatekeeper.sh/*`).
pub(crate) fn is_constraint(v: &Value) -> bool {
    str_at(v, &["apiVersion"]).is_some_and(|a| a.starts_with("constraints.gatekeeper.sh/"))
}

/// A compiled `ConstraintTemplate`.
#[derive(Clone)]
pub struct Template {
    name: String,
    kind: String,
    title: Option<String>,
    description: Option<String>,
    severity: Option<Severity>,
    location: Location,
    schema: Option<Value>,
    /// Rego v1 (`source.version: v1`), else v0.
    v1: bool,
    /// `data.<package>.violation`.
    rule: String,
    engine: regorus::Engine,
    uses_inventory: bool,
    /// `code` also has a `K8sNativeValidation` (CEL) engine, which Gatekeeper
    /// and gator evaluate instead of the Rego one; kubegov runs the Rego.
    cel: bool,
}

impl std::fmt::Debug for Template {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Template")
            .field("name", &self.name)
            .field("kind", &self.kind)
            .field("rule", &self.rule)
            .finish()
    }
}

/// The engine answer of a `sprintf` format for its arguments (see `rewrite`).
fn sprintf_format_extension(args: Vec<RValue>) -> anyhow::Result<RValue> {
    match (args.first(), args.get(1)) {
        (Some(RValue::String(f)), Some(RValue::Array(a))) => {
            Ok(RValue::from(rewrite::missing_verbs(f, a.len()).as_str()))
        }
        (Some(f), _) => Ok(f.clone()),
        (None, _) => Ok(RValue::Undefined),
    }
}

/// OPA's deprecated `re_match(pattern, value)`, which regorus lacks.
fn re_match_extension(args: Vec<RValue>) -> anyhow::Result<RValue> {
    Ok(match (args.first(), args.get(1)) {
        (Some(RValue::String(p)), Some(RValue::String(v))) => match regex::Regex::new(p) {
            Ok(re) => RValue::from(re.is_match(v)),
            Err(_) => RValue::Undefined,
        },
        _ => RValue::Undefined,
    })
}

fn truthy_items(args: &[RValue]) -> Option<Vec<RValue>> {
    match args.first()? {
        RValue::Array(a) => Some(a.iter().cloned().collect()),
        RValue::Set(s) => Some(s.iter().cloned().collect()),
        _ => None,
    }
}

/// OPA's deprecated `any(collection)`.
fn any_extension(args: Vec<RValue>) -> anyhow::Result<RValue> {
    Ok(truthy_items(&args).map_or(RValue::Undefined, |items| {
        RValue::from(items.iter().any(|v| v == &RValue::from(true)))
    }))
}

/// OPA's deprecated `all(collection)`.
fn all_extension(args: Vec<RValue>) -> anyhow::Result<RValue> {
    Ok(truthy_items(&args).map_or(RValue::Undefined, |items| {
        RValue::from(items.iter().all(|v| v == &RValue::from(true)))
    }))
}

/// A fresh engine with kubegov's OPA-compatibility settings and extensions.
fn new_engine(rego_v0: bool) -> anyhow::Result<regorus::Engine> {
    let mut engine = regorus::Engine::new();
    engine.set_rego_v0(rego_v0);
    engine.set_strict_builtin_errors(false);
    engine.add_extension(
        rewrite::SPRINTF_FORMAT.to_string(),
        2,
        Box::new(sprintf_format_extension),
    )?;
    engine.add_extension("re_match".into(), 2, Box::new(re_match_extension))?;
    engine.add_extension("any".into(), 1, Box::new(any_extension))?;
    engine.add_extension("all".into(), 1, Box::new(all_extension))?;
    Ok(engine)
}

impl Template {
    /// The template's `metadata.name`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The constraint kind it defines.
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// Where it was read.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The Rego package of its `violation` rule (`k8srequiredlabels`).
    pub fn package(&self) -> &str {
        self.rule
            .strip_prefix("data.")
            .unwrap_or(&self.rule)
            .strip_suffix(".violation")
            .unwrap_or(&self.rule)
    }

    /// The compiled engine (template and libs), to run unit tests in.
    pub(crate) fn engine(&self) -> &regorus::Engine {
        &self.engine
    }

    /// Whether the template also has a `K8sNativeValidation` (CEL) engine,
    /// which gator evaluates in preference to the Rego one kubegov runs.
    pub fn has_cel_engine(&self) -> bool {
        self.cel
    }

    /// Whether its Rego is v1 (`source.version: v1`).
    pub(crate) fn is_rego_v1(&self) -> bool {
        self.v1
    }

    /// Rewrite Rego written for OPA as the template's own source is
    /// rewritten (nothing for Rego v1).
    pub(crate) fn prepare_source(&self, src: &str) -> String {
        if self.v1 {
            src.to_string()
        } else {
            rewrite::rewrite(src)
        }
    }

    /// Read and compile a template from its value.
    pub fn from_value(v: &Value, location: Location) -> Result<Template, GatekeeperError> {
        Template::compile(v, location, &|_, _| None)
    }

    /// Read and compile a template read by [`Objects`], so that Rego errors
    /// point at their line in the YAML file; `text` is the file's text, when
    /// known, to tell where each Rego block starts.
    fn from_object(o: &Object, text: Option<&str>) -> Result<Template, GatekeeperError> {
        Template::compile(&o.value(), location_of(o), &|path, rego_line| {
            let (at, _) = o.locate(path)?;
            Some(match text {
                Some(text) => file_line(text, at, rego_line),
                None => at + rego_line,
            })
        })
    }

    /// Compile a template; `locate` maps a line of the Rego in a field of
    /// the template (`spec.targets[0].rego`) to its line in the file, when
    /// known.
    fn compile(
        v: &Value,
        location: Location,
        locate: &dyn Fn(&str, u32) -> Option<u32>,
    ) -> Result<Template, GatekeeperError> {
        let name = str_at(v, &["metadata", "name"]).unwrap_or("").to_string();
        let err = |message: String| GatekeeperError::Template {
            location: location.clone(),
            template: name.clone(),
            message,
        };
        if !is_template(v) {
            return Err(err(
                "not a ConstraintTemplate (templates.gatekeeper.sh)".into()
            ));
        }
        if name.is_empty() {
            return Err(err("`metadata.name` is missing".into()));
        }
        let kind = str_at(v, &["spec", "crd", "spec", "names", "kind"])
            .filter(|k| !k.is_empty())
            .ok_or_else(|| err("`spec.crd.spec.names.kind` is missing".into()))?
            .to_string();
        let targets = v
            .get("spec")
            .and_then(|s| s.get("targets"))
            .and_then(Value::as_array)
            .ok_or_else(|| err("`spec.targets` is missing".into()))?;
        let (ti, target) = targets
            .iter()
            .enumerate()
            .find(|(_, t)| {
                str_at(t, &["target"]).is_none_or(|n| n == "admission.k8s.gatekeeper.sh")
            })
            .ok_or_else(|| err("no target `admission.k8s.gatekeeper.sh`".into()))?;
        let strings = |v: Option<&Value>| -> Vec<String> {
            v.and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default()
        };
        // `code: [{engine: Rego, source: {rego, libs, version}}]` or `rego` + `libs`
        let code = target
            .get("code")
            .and_then(Value::as_array)
            .and_then(|c| {
                c.iter()
                    .enumerate()
                    .find(|(_, e)| e.get("engine").and_then(Value::as_str) == Some("Rego"))
            })
            .and_then(|(ci, e)| Some((ci, e.get("source")?)));
        let cel = target
            .get("code")
            .and_then(Value::as_array)
            .is_some_and(|c| {
                c.iter()
                    .any(|e| e.get("engine").and_then(Value::as_str) == Some("K8sNativeValidation"))
            });
        // where the Rego sits in the template, to point errors at their line
        let mut field = format!("spec.targets[{ti}]");
        let (rego, libs, v1) = match (code, target.get("rego").and_then(Value::as_str)) {
            (Some((ci, src)), _) if src.get("rego").and_then(Value::as_str).is_some() => {
                field = format!("spec.targets[{ti}].code[{ci}].source");
                (
                    src.get("rego").and_then(Value::as_str).unwrap_or("").to_string(),
                    strings(src.get("libs")),
                    src.get("version").and_then(Value::as_str) == Some("v1"),
                )
            }
            (_, Some(r)) => (r.to_string(), strings(target.get("libs")), false),
            _ => {
                return Err(err(
                    "no Rego source (`spec.targets[].rego` or `code` with `engine: Rego`); templates with CEL only are not supported".into(),
                ))
            }
        };
        let mut engine = new_engine(!v1).map_err(|e| err(e.to_string()))?;
        // the sources as given to the engine (rewritten for Rego v0), with
        // the map of their columns back to the template's text
        let prepare = |src: &str| {
            if v1 {
                rewrite::Rewritten::unchanged(src)
            } else {
                rewrite::rewrite_mapped(src)
            }
        };
        let rego_src = prepare(&rego);
        let lib_srcs: Vec<rewrite::Rewritten> = libs.iter().map(|l| prepare(l)).collect();
        let file = location.file.clone().unwrap_or_else(|| "template".into());
        let base_line = location.line;
        let rego_err = |e: &dyn std::fmt::Display, part: &str| {
            let detail = e.to_string();
            let (mut loc, message) = crate::error::split_rego_diagnostic(&detail, &file);
            // point into the template file, where the Rego is embedded; the
            // engine names the module at fault (`<name>/lib1.rego`)
            let module = loc
                .file
                .as_deref()
                .and_then(|f| f.strip_prefix(&format!("{name}/")))
                .and_then(|f| f.strip_suffix(".rego"));
            let at = match module {
                Some("template") => "rego".to_string(),
                Some(m) => m
                    .strip_prefix("lib")
                    .and_then(|i| i.parse::<usize>().ok())
                    .map_or_else(|| part.to_string(), |i| format!("libs[{i}]")),
                None => part.to_string(),
            };
            let rewritten = match at.strip_prefix("libs[") {
                Some(i) => i
                    .trim_end_matches(']')
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| lib_srcs.get(i)),
                None => Some(&rego_src),
            };
            if let Some(r) = rewritten.filter(|_| loc.column > 0) {
                loc.column = r.original_column(loc.line, loc.column);
            }
            loc.file = location.file.clone();
            loc.line = match locate(&format!("{field}.{at}"), loc.line) {
                Some(line) if loc.line > 0 => line,
                _ => base_line,
            };
            GatekeeperError::Rego {
                location: loc,
                template: name.clone(),
                message: format!("{part}: {message}"),
                detail,
            }
        };
        for (part, src) in std::iter::once(("rego".to_string(), &rego)).chain(
            libs.iter()
                .enumerate()
                .map(|(i, l)| (format!("libs[{i}]"), l)),
        ) {
            if let Some((line, _)) = crate::limits::rego_too_deep(src) {
                return Err(GatekeeperError::Rego {
                    location: location.clone(),
                    template: name.clone(),
                    message: format!(
                        "{part} line {line}: {}",
                        crate::limits::rego_too_deep_message()
                    ),
                    detail: String::new(),
                });
            }
        }
        let mut uses_inventory = rego.contains("inventory");
        for (i, (lib, src)) in libs.iter().zip(&lib_srcs).enumerate() {
            uses_inventory |= lib.contains("inventory");
            engine
                .add_policy(format!("{name}/lib{i}.rego"), src.text.clone())
                .map_err(|e| rego_err(&e, &format!("libs[{i}]")))?;
        }
        let package = engine
            .add_policy(format!("{name}/template.rego"), rego_src.text.clone())
            .map_err(|e| rego_err(&e, "rego"))?;
        let package = if package.starts_with("data.") {
            package
        } else {
            format!("data.{package}")
        };
        let rule = format!("{package}.violation");
        // compile now so that errors surface at load time
        engine
            .eval_query("true".into(), false)
            .map_err(|e| rego_err(&e, "rego"))?;
        let schema = v
            .get("spec")
            .and_then(|s| s.get("crd"))
            .and_then(|c| c.get("spec"))
            .and_then(|s| s.get("validation"))
            .and_then(|s| s.get("openAPIV3Schema"))
            .cloned();
        let title = str_at(
            v,
            &["metadata", "annotations", "metadata.gatekeeper.sh/title"],
        )
        .map(str::to_string);
        let description =
            str_at(v, &["metadata", "annotations", "description"]).map(|d| d.trim().to_string());
        let severity = severity_annotation(v).map_err(err)?;
        Ok(Template {
            name,
            kind,
            title,
            description,
            severity,
            location,
            schema,
            v1,
            rule,
            engine,
            uses_inventory,
            cel,
        })
    }
}

/// A constraint: an instance of a template's kind.
#[derive(Debug, Clone)]
pub struct Constraint {
    kind: String,
    name: String,
    location: Location,
    match_: Match,
    parameters: Value,
    action: Action,
    severity: Severity,
    /// `metadata.gatekeeper.sh/title` and `description` annotations.
    title: Option<String>,
    description: Option<String>,
    template: usize,
}

impl Constraint {
    /// `<kind>/<name>`: the policy id of its findings.
    pub fn id(&self) -> String {
        format!("{}/{}", self.kind, self.name)
    }

    /// Its kind.
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its enforcement action.
    pub fn action(&self) -> Action {
        self.action
    }

    /// Where it was read.
    pub fn location(&self) -> &Location {
        &self.location
    }
}

/// Keys of `spec.match` kubegov does not act on (Gatekeeper's `source`).
const IGNORED_MATCH_KEYS: &[&str] = &["source"];

fn parse_constraint(
    v: &Value,
    location: Location,
    templates: &[Template],
) -> Result<Constraint, GatekeeperError> {
    let kind = str_at(v, &["kind"]).unwrap_or("").to_string();
    let name = str_at(v, &["metadata", "name"]).unwrap_or("").to_string();
    let id = format!("{kind}/{name}");
    let err = |message: String| GatekeeperError::Constraint {
        location: location.clone(),
        constraint: id.clone(),
        message,
    };
    if name.is_empty() {
        return Err(err("`metadata.name` is missing".into()));
    }
    let template = templates
        .iter()
        .position(|t| t.kind == kind)
        .ok_or_else(|| GatekeeperError::UnknownKind {
            location: location.clone(),
            constraint: id.clone(),
            kind: kind.clone(),
        })?;
    let spec = v.get("spec").cloned().unwrap_or(Value::Null);
    let match_ = match spec.get("match") {
        None | Some(Value::Null) => Match::default(),
        Some(Value::Object(m)) => {
            let mut m = m.clone();
            for k in IGNORED_MATCH_KEYS {
                m.remove(*k);
            }
            let parsed: Match = serde_path_to_error::deserialize(Value::Object(m))
                .map_err(|e| err(format!("spec.match.{}: {}", e.path(), e.inner())))?;
            parsed
                .check()
                .map_err(|m| err(format!("spec.match: {m}")))?;
            parsed
        }
        Some(_) => return Err(err("`spec.match` must be a mapping".into())),
    };
    let action = match spec.get("enforcementAction").and_then(Value::as_str) {
        None | Some("deny") | Some("scoped") => Action::Deny,
        Some("warn") => Action::Warn,
        Some("dryrun") => Action::Dryrun,
        Some(other) => {
            return Err(err(format!(
                "unknown enforcementAction `{other}` (use deny, warn, dryrun or scoped)"
            )))
        }
    };
    let severity = severity_annotation(v)
        .map_err(err)?
        .or_else(|| templates.get(template).and_then(|t| t.severity))
        .unwrap_or(Severity::Medium);
    let annotation =
        |key: &str| str_at(v, &["metadata", "annotations", key]).map(|d| d.trim().to_string());
    let parameters = spec.get("parameters").cloned().unwrap_or(Value::Null);
    if let (Some(schema), false) = (
        templates.get(template).and_then(|t| t.schema.as_ref()),
        parameters.is_null(),
    ) {
        // Gatekeeper's schema is that of `spec.parameters` itself
        crate::schema::validate(schema, &parameters, "").map_err(|e| {
            GatekeeperError::Parameters {
                location: location.clone(),
                constraint: id.clone(),
                field: if e.path.is_empty() {
                    "parameters".into()
                } else {
                    format!("parameters.{}", e.path)
                },
                message: e.message,
            }
        })?;
    }
    Ok(Constraint {
        kind,
        name,
        location,
        match_,
        parameters,
        action,
        severity,
        title: annotation("metadata.gatekeeper.sh/title"),
        description: annotation("description"),
        template,
    })
}

/// The `kubegov.io/severity` annotation of a template or constraint.
fn severity_annotation(v: &Value) -> Result<Option<Severity>, String> {
    str_at(v, &["metadata", "annotations", SEVERITY_ANNOTATION])
        .map(|s| {
            Severity::parse(s).ok_or_else(|| {
                format!(
                    "annotation `{SEVERITY_ANNOTATION}`: `{s}` is not one of critical, high, medium, low, info"
                )
            })
        })
        .transpose()
}

/// The annotation giving a constraint's (or its template's) severity.
pub const SEVERITY_ANNOTATION: &str = "kubegov.io/severity";

/// Templates and constraints, ready to evaluate objects.
#[derive(Debug, Clone, Default)]
pub struct Set {
    templates: Vec<Template>,
    constraints: Vec<Constraint>,
}

/// One violation of one constraint.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Violation {
    pub constraint: usize,
    pub msg: String,
    pub details: Option<Value>,
}

/// What a review is about: the `input.review` value and what matching needs.
pub(crate) struct Subject {
    pub review: RValue,
    pub object: Option<Value>,
    pub old_object: Option<Value>,
    /// `request.namespace` of an admission request.
    pub namespace: Option<String>,
}

/// Labels of namespaces by name.
pub(crate) type NamespaceLabels = HashMap<String, BTreeMap<String, String>>;

impl Set {
    /// An empty set.
    pub fn new() -> Set {
        Set::default()
    }

    /// The templates and constraints among `objects` (other objects are
    /// ignored). Templates are read first, so constraints may come before
    /// their template.
    pub fn from_objects(objects: &Objects) -> Result<Set, GatekeeperError> {
        Set::from_objects_in(objects, &|_| None)
    }

    /// As [`Set::from_objects`]; `text_of` gives the text of a file the
    /// objects were read from, to locate Rego errors at their line in it.
    pub(crate) fn from_objects_in<'t>(
        objects: &Objects,
        text_of: &dyn Fn(&str) -> Option<&'t str>,
    ) -> Result<Set, GatekeeperError> {
        let mut set = Set::new();
        for o in objects.iter().filter(|o| is_template(&o.value())) {
            let text = o.source.file.as_deref().and_then(text_of);
            set.add_template(Template::from_object(o, text)?)?;
        }
        for o in objects.iter().filter(|o| is_constraint(&o.value())) {
            set.add_constraint_value(&o.value(), location_of(o))?;
        }
        Ok(set)
    }

    /// Read templates and constraints from a file or directory.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Set, GatekeeperError> {
        let path = path.as_ref();
        let objects = Objects::from_path(path).map_err(|e| match e {
            crate::InputError::Io { path, source } => GatekeeperError::Io { path, source },
            other => GatekeeperError::Syntax {
                location: other.location().unwrap_or_default(),
                message: other.to_string(),
            },
        })?;
        first_syntax_error(&objects)?;
        let texts: Vec<(String, String)> = objects
            .iter()
            .filter_map(|o| o.source.file.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .filter_map(|f| {
                let text = std::fs::read_to_string(&f).ok()?;
                Some((f, text))
            })
            .collect();
        Set::from_objects_in(&objects, &|path| {
            texts
                .iter()
                .find(|(f, _)| f == path)
                .map(|(_, t)| t.as_str())
        })
    }

    /// Add a compiled template.
    pub fn add_template(&mut self, t: Template) -> Result<(), GatekeeperError> {
        if let Some(other) = self.templates.iter().find(|o| o.kind == t.kind) {
            return Err(GatekeeperError::DuplicateKind {
                location: t.location.clone(),
                template: t.name.clone(),
                kind: t.kind.clone(),
                other: other.name.clone(),
            });
        }
        self.templates.push(t);
        Ok(())
    }

    /// Add a constraint given as a value; its template must be loaded.
    pub fn add_constraint_value(
        &mut self,
        v: &Value,
        location: Location,
    ) -> Result<(), GatekeeperError> {
        let c = parse_constraint(v, location, &self.templates)?;
        self.constraints.push(c);
        Ok(())
    }

    /// The templates.
    pub fn templates(&self) -> &[Template] {
        &self.templates
    }

    /// The constraints.
    pub fn constraints(&self) -> &[Constraint] {
        &self.constraints
    }

    /// Whether there are no constraints (nothing would be evaluated).
    pub fn is_empty(&self) -> bool {
        self.constraints.is_empty()
    }

    /// Engines for one worker, with this evaluation's inventory.
    pub(crate) fn engines(&self, inventory: &RValue) -> Vec<regorus::Engine> {
        self.templates
            .iter()
            .map(|t| {
                let mut e = t.engine.clone();
                if t.uses_inventory {
                    let _ = e.add_data(inventory.clone());
                }
                e
            })
            .collect()
    }

    /// Evaluate every constraint that matches the subject.
    pub(crate) fn review(
        &self,
        engines: &mut [regorus::Engine],
        subject: &Subject,
        ns_labels: &NamespaceLabels,
    ) -> (Vec<Violation>, Vec<(usize, String)>) {
        self.review_some(engines, subject, ns_labels, &[])
    }

    /// As [`Set::review`], skipping the constraints `runs` disables.
    fn review_some(
        &self,
        engines: &mut [regorus::Engine],
        subject: &Subject,
        ns_labels: &NamespaceLabels,
        runs: &[ConstraintRun],
    ) -> (Vec<Violation>, Vec<(usize, String)>) {
        let mut out = Vec::new();
        let mut errors = Vec::new();
        for (ci, c) in self.constraints.iter().enumerate() {
            if runs.get(ci).is_some_and(|r| !r.enabled) || !matches(&c.match_, subject, ns_labels) {
                continue;
            }
            let (Some(t), Some(engine)) =
                (self.templates.get(c.template), engines.get_mut(c.template))
            else {
                continue;
            };
            let mut input = BTreeMap::new();
            input.insert(RValue::from("review"), subject.review.clone());
            input.insert(
                RValue::from("parameters"),
                RValue::from(c.parameters.clone()),
            );
            engine.set_input(RValue::from(input));
            match engine.eval_rule(t.rule.clone()) {
                Ok(v) => collect(&v, ci, &mut out),
                Err(e) => {
                    let (_, message) = crate::error::split_rego_diagnostic(&e.to_string(), "");
                    errors.push((ci, message));
                }
            }
        }
        (out, errors)
    }

    /// Evaluate every constraint on every object, in parallel; the objects
    /// are also the inventory (`data.inventory`) and the source of
    /// namespace labels for `namespaceSelector`.
    pub fn evaluate(&self, objects: &Objects) -> (Vec<Finding>, Vec<ReportError>) {
        let mut findings = Vec::new();
        let mut errors = Vec::new();
        for (f, e) in self.evaluate_each(objects, &[], &|_| true) {
            findings.extend(f);
            errors.extend(e);
        }
        (findings, errors)
    }

    /// The findings and errors of each object, in the objects' order;
    /// `runs` (one per constraint, or empty for the constraints' own
    /// settings) disables constraints or overrides their action, and objects
    /// `include` rejects are not reviewed.
    pub(crate) fn evaluate_each(
        &self,
        objects: &Objects,
        runs: &[ConstraintRun],
        include: &(dyn Fn(&Object) -> bool + Sync),
    ) -> Vec<(Vec<Finding>, Vec<ReportError>)> {
        let active = |ci: usize| runs.get(ci).is_none_or(|r| r.enabled);
        if !(0..self.constraints.len()).any(active) {
            return vec![(Vec::new(), Vec::new()); objects.objects.len()];
        }
        let owned: Vec<Value> = objects.iter().map(Object::value).collect();
        let values: Vec<&Value> = owned.iter().collect();
        let inventory = inventory(&values);
        let ns_labels = namespace_labels(&values);
        objects
            .objects
            .par_iter()
            .map_init(
                || self.engines(&inventory),
                |engines, o| {
                    if !include(o) {
                        return (Vec::new(), Vec::new());
                    }
                    let run = std::panic::AssertUnwindSafe(|| {
                        let subject = subject_of_object(o);
                        self.review_some(engines, &subject, &ns_labels, runs)
                    });
                    match std::panic::catch_unwind(run) {
                        Ok((violations, errors)) => self.to_findings(o, violations, errors, runs),
                        Err(_) => {
                            // the engines may be left in any state: start afresh
                            *engines = self.engines(&inventory);
                            let what = format!("the constraints on {}", o.object_ref());
                            (Vec::new(), vec![crate::evaluate::internal_error(o, &what)])
                        }
                    }
                },
            )
            .collect()
    }

    fn to_findings(
        &self,
        o: &Object,
        violations: Vec<Violation>,
        errors: Vec<(usize, String)>,
        runs: &[ConstraintRun],
    ) -> (Vec<Finding>, Vec<ReportError>) {
        let oref = std::sync::Arc::new(o.object_ref());
        let policy_ref = |c: &Constraint| PolicyRef {
            id: c.id(),
            title: self.title_of(c),
            severity: c.severity,
            category: CATEGORY.into(),
            controls: BTreeMap::new(),
        };
        let findings = violations
            .into_iter()
            .filter_map(|v| {
                let c = self.constraints.get(v.constraint)?;
                Some(Finding {
                    policy: std::sync::Arc::new(policy_ref(c)),
                    action: runs
                        .get(v.constraint)
                        .and_then(|r| r.action)
                        .unwrap_or(c.action),
                    status: Status::Violation,
                    message: v.msg,
                    object: oref.clone(),
                    source: o.source.clone(),
                    path: None,
                    remediation: None,
                    details: v.details.map(Box::new),
                    exception: None,
                })
            })
            .collect();
        let errors = errors
            .into_iter()
            .filter_map(|(ci, message)| {
                let c = self.constraints.get(ci)?;
                Some(ReportError {
                    file: o.source.file.clone(),
                    line: o.source.line,
                    column: o.source.column,
                    document: o.source.document,
                    code: "eval.policy".into(),
                    policy: Some(c.id()),
                    message: format!("constraint `{}` failed on {oref}: {message}", c.id()),
                })
            })
            .collect();
        (findings, errors)
    }

    /// A constraint's title: its `metadata.gatekeeper.sh/title` annotation,
    /// else its template's, else its kind.
    fn title_of(&self, c: &Constraint) -> String {
        c.title
            .clone()
            .or_else(|| self.templates.get(c.template).and_then(|t| t.title.clone()))
            .unwrap_or_else(|| c.kind.clone())
    }

    /// The constraints as policies of a bundle (for listings, selection,
    /// configuration and documentation): id `<kind>/<name>`, category
    /// `gatekeeper`, the kinds of `spec.match.kinds`, the constraint's file
    /// and enforcement action.
    pub(crate) fn policies(&self) -> Vec<Policy> {
        self.constraints
            .iter()
            .map(|c| {
                let t = self.templates.get(c.template);
                Policy {
                    id: c.id(),
                    title: self.title_of(c),
                    description: c
                        .description
                        .clone()
                        .or_else(|| t.and_then(|t| t.description.clone()))
                        .unwrap_or_default(),
                    severity: c.severity,
                    category: CATEGORY.into(),
                    controls: BTreeMap::new(),
                    kinds: c
                        .match_
                        .kinds
                        .iter()
                        .map(|k| KindMatch {
                            api_groups: k.api_groups.clone(),
                            kinds: k.kinds.clone(),
                        })
                        .collect(),
                    parameters: None,
                    remediation: None,
                    related_resources: Vec::new(),
                    package: t.map(|t| t.package().to_string()).unwrap_or_default(),
                    file: c.location.file.clone().unwrap_or_default(),
                    deny_rules: Vec::new(),
                    warn_rules: Vec::new(),
                    conftest: false,
                    interpreter_only: true,
                    enforcement_action: Some(c.action),
                }
            })
            .collect()
    }
}

/// The first document of `objects` that did not parse, as an error.
pub(crate) fn first_syntax_error(objects: &Objects) -> Result<(), GatekeeperError> {
    match objects.errors().first() {
        None => Ok(()),
        Some(e) => Err(GatekeeperError::Syntax {
            location: Location {
                file: e.file.clone(),
                line: e.line,
                column: e.column,
            },
            message: e.message.clone(),
        }),
    }
}

/// The category of constraints as policies.
pub(crate) const CATEGORY: &str = "gatekeeper";

/// How a bundle's configuration runs one constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ConstraintRun {
    pub enabled: bool,
    /// An enforcement action replacing the constraint's own.
    pub action: Option<Action>,
}

fn collect(v: &RValue, constraint: usize, out: &mut Vec<Violation>) {
    let items: Vec<&RValue> = match v {
        RValue::Set(s) => s.iter().collect(),
        RValue::Array(a) => a.iter().collect(),
        _ => return,
    };
    for item in items {
        let msg = match &item[&RValue::from("msg")] {
            RValue::String(s) => s.to_string(),
            RValue::Undefined => String::new(),
            other => other.to_json_str().unwrap_or_default(),
        };
        let details = match &item[&RValue::from("details")] {
            RValue::Undefined | RValue::Null => None,
            d => d
                .to_json_str()
                .ok()
                .and_then(|s| serde_json::from_str(&s).ok()),
        };
        out.push(Violation {
            constraint,
            msg,
            details,
        });
    }
}

/// Split `apps/v1` into (`apps`, `v1`).
fn group_version(api_version: &str) -> (&str, &str) {
    match api_version.rsplit_once('/') {
        Some((g, v)) => (g, v),
        None => ("", api_version),
    }
}

/// Gatekeeper's match: the object or, failing that, the old object.
fn matches(m: &Match, s: &Subject, ns_labels: &NamespaceLabels) -> bool {
    [s.object.as_ref(), s.old_object.as_ref()]
        .into_iter()
        .flatten()
        .any(|o| {
            let api = str_at(o, &["apiVersion"]).unwrap_or("");
            let (group, _) = group_version(api);
            let namespace = str_at(o, &["metadata", "namespace"])
                .filter(|n| !n.is_empty())
                .or(s.namespace.as_deref().filter(|n| !n.is_empty()));
            let facts = Facts {
                group,
                kind: str_at(o, &["kind"]).unwrap_or(""),
                name: str_at(o, &["metadata", "name"]).unwrap_or(""),
                namespace,
                labels: labels_of(o),
                namespace_labels: namespace.and_then(|n| ns_labels.get(n)),
            };
            m.matches(&facts)
        })
}

/// `input.review` for a plain object, as gator and Gatekeeper's audit build
/// it (an `AdmissionRequest` with kind, name, namespace and object; Go's zero
/// values for the rest).
pub(crate) fn plain_review(object: &Value) -> Value {
    let api = str_at(object, &["apiVersion"]).unwrap_or("");
    let (group, version) = group_version(api);
    let mut r = json!({
        "uid": "",
        "kind": {"group": group, "version": version, "kind": str_at(object, &["kind"]).unwrap_or("")},
        "resource": {"group": "", "version": "", "resource": ""},
        "operation": "",
        "userInfo": {},
        "object": object,
    });
    if let Some(m) = r.as_object_mut() {
        if let Some(n) = str_at(object, &["metadata", "name"]).filter(|n| !n.is_empty()) {
            m.insert("name".into(), Value::from(n));
        }
        if let Some(n) = str_at(object, &["metadata", "namespace"]).filter(|n| !n.is_empty()) {
            m.insert("namespace".into(), Value::from(n));
        }
    }
    r
}

/// `input.review` for an admission request, as Gatekeeper passes it: the
/// request itself, Go's zero values filled in, and the old object as the
/// object of a `DELETE` that has none.
pub(crate) fn request_review(request: &Value) -> Value {
    let mut r = request.clone();
    if let Some(m) = r.as_object_mut() {
        m.retain(|_, v| !v.is_null());
        let defaults = [
            ("uid", json!("")),
            ("kind", json!({"group": "", "version": "", "kind": ""})),
            (
                "resource",
                json!({"group": "", "version": "", "resource": ""}),
            ),
            ("operation", json!("")),
            ("userInfo", json!({})),
        ];
        for (k, v) in defaults {
            m.entry(k).or_insert(v);
        }
        let delete = m.get("operation").and_then(Value::as_str) == Some("DELETE");
        if delete && !m.contains_key("object") {
            if let Some(old) = m.get("oldObject").cloned() {
                m.insert("object".into(), old);
            }
        }
    }
    r
}

/// The subject of an object read by [`Objects`] (plain or from an AdmissionReview).
fn subject_of_object(o: &Object) -> Subject {
    let value = o.value();
    if o.base_path.starts_with("request.") {
        // rebuild the request from what the reader kept
        let api = str_at(&value, &["apiVersion"]).unwrap_or("");
        let (group, version) = group_version(api);
        let mut req = serde_json::Map::new();
        req.insert(
            "kind".into(),
            json!({"group": group, "version": version, "kind": str_at(&value, &["kind"]).unwrap_or("")}),
        );
        if let Some(n) = str_at(&value, &["metadata", "name"]) {
            req.insert("name".into(), Value::from(n));
        }
        if let Some(n) = str_at(&value, &["metadata", "namespace"]) {
            req.insert("namespace".into(), Value::from(n));
        }
        req.insert("operation".into(), Value::from(o.review.operation.clone()));
        if o.base_path == "request.object" {
            req.insert("object".into(), value.clone());
        }
        let extra = [
            ("oldObject", &o.review.old_object),
            ("userInfo", &o.review.user_info),
            ("uid", &o.review.uid),
            ("dryRun", &o.review.dry_run),
        ];
        for (k, v) in extra {
            if let Some(v) = v {
                req.insert(k.into(), v.clone());
            }
        }
        return subject_of_request(&Value::Object(req));
    }
    Subject {
        review: RValue::from(plain_review(&value)),
        object: Some(value.clone()),
        old_object: None,
        namespace: None,
    }
}

/// The subject of an admission request.
pub(crate) fn subject_of_request(request: &Value) -> Subject {
    let review = request_review(request);
    Subject {
        object: review.get("object").filter(|v| v.is_object()).cloned(),
        old_object: review.get("oldObject").filter(|v| v.is_object()).cloned(),
        namespace: str_at(&review, &["namespace"]).map(str::to_string),
        review: RValue::from(review),
    }
}

/// Gatekeeper's `data.inventory` from objects.
pub(crate) fn inventory(objects: &[&Value]) -> RValue {
    type Kinds = BTreeMap<String, BTreeMap<String, BTreeMap<String, Value>>>;
    let mut cluster: Kinds = BTreeMap::new();
    let mut namespaced: BTreeMap<String, Kinds> = BTreeMap::new();
    for o in objects {
        let r: ObjectRef = crate::objects::object_ref(o);
        if r.api_version.is_empty() || r.kind.is_empty() {
            continue;
        }
        let target = match &r.namespace {
            None => &mut cluster,
            Some(ns) => namespaced.entry(ns.clone()).or_default(),
        };
        target
            .entry(r.api_version.clone())
            .or_default()
            .entry(r.kind.clone())
            .or_default()
            .insert(r.name.clone(), (*o).clone());
    }
    RValue::from(json!({"inventory": {"cluster": cluster, "namespace": namespaced}}))
}

/// Labels of the Namespace objects among `objects`.
pub(crate) fn namespace_labels(objects: &[&Value]) -> NamespaceLabels {
    objects
        .iter()
        .filter(|o| {
            str_at(o, &["kind"]) == Some("Namespace") && str_at(o, &["apiVersion"]) == Some("v1")
        })
        .filter_map(|o| Some((str_at(o, &["metadata", "name"])?.to_string(), labels_of(o))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::file_line;

    #[test]
    fn rego_lines_map_into_the_file() {
        let text = "spec:\n  rego: |\n    package a\n    x := 1\n  libs:\n    - |\n      package b\n  json: \"package c\\nx := 1\"\n";
        // a block scalar located at its key: the Rego starts on the next line
        assert_eq!(file_line(text, 2, 2), 4);
        // a sequence item located at its key line or at its first text line
        assert_eq!(file_line(text, 6, 1), 7);
        assert_eq!(file_line(text, 7, 1), 7);
        // a quoted string holds every line on one
        assert_eq!(file_line(text, 8, 2), 8);
        assert_eq!(file_line(text, 3, 0), 2);
    }
}
